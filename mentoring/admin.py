from collections.abc import Callable

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html, format_html_join

from mentoring.models import AcademicYear, Organization, Region, User, UserRole
from mentoring.orders import documents as order_documents
from mentoring.orders import services as order_services
from mentoring.orders import wording as order_wording
from mentoring.orders.models import Order, OrderSubject, OrderWording
from mentoring.pdf import pdf_response
from mentoring.search import search_queryset


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["short_name", "kind", "region", "slug", "is_active"]
    list_filter = ["kind", "region", "is_active"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["short_name"]}
    # A site typed as «school.ru» means https://school.ru (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(AcademicYear)
class AcademicYearAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date"]


class UserRoleInline(admin.TabularInline):
    model = UserRole
    extra = 1


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "organization", "region", "roles_display", "is_active", "is_demo"]
    list_filter = ["organization", "roles__role", "is_active", "is_demo", "is_superuser"]
    list_select_related = ["organization", "region"]
    search_fields = ["username"]
    inlines = [UserRoleInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Личные данные", {"fields": ("last_name", "first_name", "middle_name", "email", "position")}),
        ("Организация", {"fields": ("organization", "region", "is_demo")}),
        ("Права", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Даты", {"fields": ("last_login", "date_joined")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("roles")

    @admin.display(description="ФИО")
    def full_name(self, obj: User) -> str:
        return obj.full_name

    @admin.display(description="роли")
    def roles_display(self, obj: User) -> str:
        return ", ".join(role.get_role_display() for role in obj.roles.all())

    def get_search_results(self, request, queryset, search_term):
        # Cyrillic, case-insensitive, ё = е on SQLite as on PostgreSQL.
        return search_queryset(queryset, search_term), False


# --- orders ---


def pdf_action(*, description: str, render: Callable[[list], bytes], filename: Callable[[list], str]):
    """An admin action that prints the selected rows through the portal's one PDF path: several
    rows make one merged PDF. Other apps reuse it for consent forms and reports."""

    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        objects = list(queryset)
        return pdf_response(render(objects), filename(objects), as_attachment=True)

    return action


def _orders_pdf(objects: list[Order]) -> bytes:
    return (
        order_documents.render_order_pdf(objects[0])
        if len(objects) == 1
        else order_documents.render_orders_pdf(objects)
    )


def _orders_filename(objects: list[Order]) -> str:
    return order_documents.order_filename(objects[0]) if len(objects) == 1 else f"Приказы ({len(objects)}).pdf"


class OrderSubjectInline(admin.TabularInline):
    model = OrderSubject
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["position", "role", "user", "full_name", "gender", "note"]


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["number", "date", "organization", "kind", "title", "status"]
    list_filter = ["organization", "kind", "status", "year"]
    list_select_related = ["organization", "signer"]
    search_fields = ["number", "title"]
    date_hierarchy = "date"
    autocomplete_fields = ["signer"]
    inlines = [OrderSubjectInline]
    readonly_fields = ["status", "signed_at", "signed_by", "created_by", "created_at"]
    actions = ["sign_orders", "download_pdf"]
    download_pdf = pdf_action(description="Скачать PDF", render=_orders_pdf, filename=_orders_filename)

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.is_signed:  # a signed order is a document of record: only its scan may change
            return [f.name for f in Order._meta.fields if f.name not in ("scan", "id")] + ["signed_by"]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_signed)

    def get_inline_instances(self, request, obj=None):
        return [] if obj and obj.is_signed else super().get_inline_instances(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Отметить как подписанные")
    def sign_orders(self, request, queryset):
        for order in queryset.filter(status=Order.Status.DRAFT):
            try:
                order_services.order_sign(order=order, user=request.user)
            except ValidationError as error:
                self.message_user(request, f"{order}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, f"{order} подписан.", messages.SUCCESS)


@admin.register(OrderWording)
class OrderWordingAdmin(admin.ModelAdmin):
    list_display = ["kind", "organization", "updated_at", "updated_by"]
    list_filter = ["organization", "kind"]
    readonly_fields = ["preview", "updated_by"]
    fields = ["organization", "kind", "title", "preamble", "points", "preview", "updated_by"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="предпросмотр")
    def preview(self, obj: OrderWording) -> str:
        if not obj.pk:
            return "Появится после сохранения."
        wording = order_wording.Wording(obj.title, obj.preamble, obj.points)
        document = order_documents.preview_document(organization=obj.organization, kind=obj.kind, wording=wording)
        points = format_html_join("", "<li>{}</li>", ((p["text"],) for p in document["points"]))
        return format_html(
            "<p><strong>{}</strong></p><p>{}</p><ol>{}</ol>", document["title"], document["preamble"], points
        )

from collections.abc import Callable, Iterable

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from mentoring import audit
from mentoring.models import AcademicYear, Organization, Region, User, UserRole
from mentoring.orders import documents as order_documents
from mentoring.orders import services as order_services
from mentoring.orders import wording as order_wording
from mentoring.orders.models import Order, OrderSubject, OrderWording
from mentoring.pdf import pdf_response
from mentoring.search import search_queryset

# --- the rules the admin keeps (shared by every app's admin.py) ---


class ReadOnlyInline(admin.TabularInline):
    """Rows whose writes have a service with rules (pair members, status history, feedback, consents):
    shown here, changed only in the portal, so the admin cannot skip the rule."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ServiceOnlyAdmin(admin.ModelAdmin):
    """A model written only through its services (pairs, meetings, awards, proposals, answers):
    the admin shows it and runs the actions that call those services, and writes nothing itself."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class PersonalDataAdminMixin:
    """Opening a row that shows a person's data in the admin is logged like the portal's pages
    (mentoring.audit): ``audit_people(obj)`` names the people the page shows."""

    audit_description = "Администрирование: просмотр"

    def audit_people(self, obj) -> Iterable:
        return ()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            obj = self.get_object(request, object_id)
            if obj is not None:
                for person in self.audit_people(obj):
                    audit.record(
                        request, audit.Action.VIEW, person, f"{self.audit_description}: {obj._meta.verbose_name}"
                    )
        return response


def admin_file_link(obj, field_name: str) -> str:
    """A private file has no URL of its own: the admin links to its model admin's file view."""
    file: FieldFile = getattr(obj, field_name, None)
    if not obj or not obj.pk or not file:
        return "—"
    from mentoring.files import file_label

    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_file", args=[obj.pk, field_name])
    return format_html('<a href="{}">Скачать ({})</a>', url, file_label(file))


class PrivateFileAdminMixin:
    """The model's private files (``private_file_fields``) leave its form (an upload goes through the
    portal's service); the admin shows a read-only ``<field>_link`` to ``<pk>/file/<field>/``, which
    answers only a user the admin lets view the row, through the same private response as the portal
    (attachment, nosniff, sendfile), and is logged."""

    private_file_fields: tuple[str, ...] = ()

    def get_urls(self):
        from django.urls import path

        opts = self.model._meta
        view = self.admin_site.admin_view(self.private_file_view)
        name = f"{opts.app_label}_{opts.model_name}_file"
        return [path("<path:object_id>/file/<str:field_name>/", view, name=name), *super().get_urls()]

    def private_file_view(self, request, object_id, field_name):
        from django.http import Http404

        from mentoring.files import private_file_response

        obj = self.get_object(request, object_id)
        if obj is None or field_name not in self.private_file_fields or not self.has_view_permission(request, obj):
            raise Http404("Файл не найден")
        response = private_file_response(
            request, getattr(obj, field_name), filename=f"{obj._meta.verbose_name} № {obj.pk}"
        )
        for person in getattr(self, "audit_people", lambda o: ())(obj):
            audit.record(request, audit.Action.VIEW, person, f"Администрирование: файл «{obj._meta.verbose_name}»")
        return response

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or ()), *self.private_file_fields]


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


class OrderSubjectInline(ReadOnlyInline):
    """The people an order names are added and removed in the portal (order_subject_add / _remove:
    the name copied from the account, the draft checked)."""

    model = OrderSubject
    fields = ["position", "role", "user", "full_name", "gender", "note"]
    readonly_fields = fields


@admin.register(Order)
class OrderAdmin(PrivateFileAdminMixin, admin.ModelAdmin):
    """Orders are created in the portal (the organization's wording, the next number); here a draft's
    text may be corrected (order_update), a draft deleted (order_delete) and drafts signed (order_sign,
    which applies what the order decides). A signed order is read-only; its scan is attached in the portal."""

    list_display = ["number", "date", "organization", "kind", "title", "status"]
    list_filter = ["organization", "kind", "status", "year"]
    list_select_related = ["organization", "signer"]
    search_fields = ["number", "title"]
    date_hierarchy = "date"
    autocomplete_fields = ["signer"]
    inlines = [OrderSubjectInline]
    readonly_fields = ["status", "signed_at", "signed_by", "created_by", "created_at", "scan_link"]
    private_file_fields = ("scan",)
    actions = ["sign_orders", "download_pdf"]
    download_pdf = pdf_action(description="Скачать PDF", render=_orders_pdf, filename=_orders_filename)

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.is_signed:  # a signed order is a document of record
            return [f.name for f in Order._meta.fields if f.name not in ("scan", "id")] + ["scan_link"]
        return self.readonly_fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not (obj and obj.is_signed)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_signed)

    def save_model(self, request, obj, form, change):
        order_services.order_update(order=obj)

    def delete_model(self, request, obj):
        order_services.order_delete(order=obj)

    def delete_queryset(self, request, queryset):
        for order in queryset.filter(status=Order.Status.DRAFT):
            order_services.order_delete(order=order)

    @admin.display(description="скан подписанного приказа")
    def scan_link(self, obj: Order) -> str:
        return admin_file_link(obj, "scan")

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

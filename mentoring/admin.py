from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from mentoring.models import AcademicYear, Organization, Region, User, UserRole
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

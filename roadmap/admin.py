from django.contrib import admin
from django.db import models

from mentoring.admin import PrivateFileAdminMixin, ReadOnlyInline, admin_file_link
from roadmap.models import Activity, ActivityComment, ActivityRole, Roadmap, RoadmapEvent, Section


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["position", "number", "title", "stage"]


class EventInline(admin.TabularInline):
    model = RoadmapEvent
    extra = 0


@admin.register(Roadmap)
class RoadmapAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "academic_year", "years", "template_key"]
    list_filter = ["organization", "academic_year"]
    list_select_related = ["organization", "academic_year"]
    inlines = [SectionInline, EventInline]


class ActivityRoleInline(admin.TabularInline):
    model = ActivityRole
    extra = 0


class CommentInline(ReadOnlyInline):  # written by comment_add, with the notification of the responsible
    model = ActivityComment
    fields = ["author", "text", "created_at"]
    readonly_fields = fields


@admin.register(Activity)
class ActivityAdmin(PrivateFileAdminMixin, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["number", "title", "roadmap", "deadline_text", "due_date", "status"]
    list_filter = ["status", "deadline_kind", "roadmap__organization"]
    list_select_related = ["roadmap"]
    # Progress (status, date, evidence) is reported through activity_update_progress, which notifies
    # and keeps the dependent deadlines right.
    readonly_fields = [
        "deadline_kind",
        "window_start",
        "due_date",
        "year_shift",
        "status",
        "completed_on",
        "evidence_url",
        "evidence_note",
        "evidence_file_link",
    ]
    private_file_fields = ("evidence_file",)
    raw_id_fields = ["roadmap", "section", "anchor_activity", "anchor_event"]
    filter_horizontal = ["responsible_users"]
    inlines = [ActivityRoleInline, CommentInline]

    @admin.display(description="подтверждающий файл")
    def evidence_file_link(self, obj: Activity) -> str:
        return admin_file_link(obj, "evidence_file")

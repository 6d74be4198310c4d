from django.contrib import admin
from django.db import models

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


class CommentInline(admin.TabularInline):
    model = ActivityComment
    extra = 0
    readonly_fields = ["created_at"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["number", "title", "roadmap", "deadline_text", "due_date", "status"]
    list_filter = ["status", "deadline_kind", "roadmap__organization"]
    list_select_related = ["roadmap"]
    readonly_fields = ["deadline_kind", "window_start", "due_date", "year_shift"]
    raw_id_fields = ["roadmap", "section", "anchor_activity", "anchor_event"]
    filter_horizontal = ["responsible_users"]
    inlines = [ActivityRoleInline, CommentInline]

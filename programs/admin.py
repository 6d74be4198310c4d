from django.contrib import admin

from mentoring.admin import pdf_action
from mentoring.pdf import render_pdf
from programs.models import (
    Award,
    CalendarToken,
    Feedback,
    InteractionVariant,
    MatchingProposal,
    Meeting,
    MentoringForm,
    Mentorship,
    MentorshipMember,
    Nomination,
    OrganizationForm,
    PlanGoal,
    Practice,
    Preference,
    Programme,
)


class VariantInline(admin.TabularInline):
    model = InteractionVariant
    extra = 0


@admin.register(MentoringForm)
class MentoringFormAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organization", "mentor_side", "mentee_side", "rule"]
    list_filter = ["organization", "rule"]
    inlines = [VariantInline]


@admin.register(OrganizationForm)
class OrganizationFormAdmin(admin.ModelAdmin):
    list_display = ["form", "organization"]
    list_filter = ["organization"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "form", "academic_year", "status"]
    list_filter = ["organization", "academic_year", "status", "form"]
    search_fields = ["title"]
    raw_id_fields = ["curator"]


class MemberInline(admin.TabularInline):
    model = MentorshipMember
    extra = 0
    raw_id_fields = ["mentee"]


class GoalInline(admin.TabularInline):
    model = PlanGoal
    extra = 0


def _plan_pdf(pairs: list[Mentorship]) -> bytes:
    from mentoring.pdf import render_pdf_batch

    contexts = [
        {
            "organization": p.organization,
            "pair": p,
            "members": list(p.members.select_related("mentee__person")),
            "goals": p.goals.all(),
        }
        for p in pairs
    ]
    return (
        render_pdf_batch("pdf/programs/plan.html", contexts)
        if len(contexts) > 1
        else render_pdf("pdf/programs/plan.html", contexts[0])
    )


@admin.register(Mentorship)
class MentorshipAdmin(admin.ModelAdmin):
    list_display = ["__str__", "programme", "status", "start_date", "end_date"]
    list_filter = ["organization", "status", "programme"]
    list_select_related = ["mentor__person", "programme"]
    raw_id_fields = ["mentor", "order", "created_by"]
    inlines = [MemberInline, GoalInline]
    actions = [pdf_action(description="Скачать ИПР (PDF)", render=_plan_pdf, filename=lambda pairs: "ИПР.pdf")]


class FeedbackInline(admin.TabularInline):
    model = Feedback
    extra = 0
    raw_id_fields = ["mentee"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "mentorship", "topic", "format"]
    list_filter = ["kind", "format", "mentorship__organization"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["mentorship", "created_by"]
    inlines = [FeedbackInline]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["mentee", "mentor", "direction", "rank"]
    list_filter = ["organization", "direction"]
    raw_id_fields = ["mentee", "mentor"]


@admin.register(MatchingProposal)
class MatchingProposalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "programme", "status", "total_score"]
    list_filter = ["organization", "status"]
    readonly_fields = ["assignments", "total_score", "created_by", "created_at"]


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    raw_id_fields = ["user"]
    readonly_fields = ["token"]


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "status", "published_at"]
    list_filter = ["organization", "status"]
    search_fields = ["title"]
    raw_id_fields = ["mentorship", "created_by"]


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "for_pair", "order"]
    list_filter = ["organization"]


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["nomination", "mentor", "academic_year", "date", "organization"]
    list_filter = ["organization", "academic_year", "nomination"]
    raw_id_fields = ["mentor", "mentorship", "order"]

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Prefetch

from mentoring.admin import (
    PersonalDataAdminMixin,
    PrivateFileAdminMixin,
    ReadOnlyInline,
    ServiceOnlyAdmin,
    admin_file_link,
    pdf_action,
)
from mentoring.pdf import render_pdf
from programs import practices as practices_services
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


class MemberInline(ReadOnlyInline):
    """Members join through mentorship_create / mentorship_add_mentee (consent, capacity, rules) and
    leave through the pair's end or completion: never by an edit here."""

    model = MentorshipMember
    fields = ["mentee", "joined_on", "left_on"]
    readonly_fields = fields


class GoalInline(ReadOnlyInline):
    model = PlanGoal
    fields = ["title", "deadline", "status"]
    readonly_fields = fields


def _pair_people(pair: Mentorship) -> list:
    return [pair.mentor.person, *(m.mentee.person for m in pair.members.all())]


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
class MentorshipAdmin(PersonalDataAdminMixin, ServiceOnlyAdmin):
    """Pairs are formed, fixed by order, ended and completed through programs.services only."""

    list_display = ["__str__", "programme", "status", "start_date", "end_date"]
    list_filter = ["organization", "status", "programme"]
    list_select_related = ["mentor__person", "programme"]
    inlines = [MemberInline, GoalInline]
    actions = [pdf_action(description="Скачать ИПР (PDF)", render=_plan_pdf, filename=lambda pairs: "ИПР.pdf")]

    def get_queryset(self, request):
        # __str__ counts the active members: one query for the page, not one per row.
        return super().get_queryset(request).prefetch_related("members__mentee__person")

    def audit_people(self, obj: Mentorship):
        return _pair_people(obj)


class FeedbackInline(ReadOnlyInline):
    """Feedback is given by the pair's people through feedback_give."""

    model = Feedback
    fields = ["author", "mentee", "rating", "comment", "created_at"]
    readonly_fields = fields


@admin.register(Meeting)
class MeetingAdmin(PrivateFileAdminMixin, PersonalDataAdminMixin, ServiceOnlyAdmin):
    """Meetings are logged by meeting_log (the pair's order of meetings, its people, the file check)."""

    list_display = ["__str__", "mentorship", "topic", "format"]
    list_filter = ["kind", "format", "mentorship__organization"]
    list_select_related = ["mentorship__mentor__person"]
    date_hierarchy = "starts_at"
    private_file_fields = ("attachment",)
    readonly_fields = ["attachment_link"]
    inlines = [FeedbackInline]

    def get_queryset(self, request):
        members = Prefetch("mentorship__members", queryset=MentorshipMember.objects.select_related("mentee__person"))
        return super().get_queryset(request).prefetch_related(members)

    def audit_people(self, obj: Meeting):
        return _pair_people(obj.mentorship)

    @admin.display(description="файл")
    def attachment_link(self, obj: Meeting) -> str:
        return admin_file_link(obj, "attachment")


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["mentee", "mentor", "direction", "rank"]
    list_filter = ["organization", "direction"]
    list_select_related = ["mentee__person", "mentor__person"]
    raw_id_fields = ["mentee", "mentor"]


@admin.register(MatchingProposal)
class MatchingProposalAdmin(ServiceOnlyAdmin):  # confirmed only by proposal_confirm (creates the pairs)
    list_display = ["__str__", "programme", "status", "total_score"]
    list_filter = ["organization", "status"]
    readonly_fields = ["assignments", "total_score", "created_by", "created_at"]


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    raw_id_fields = ["user"]
    readonly_fields = ["token"]


class PracticeAdminForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        pair = data.get("mentorship")
        if pair is not None and pair.status != Mentorship.Status.COMPLETED:
            # practice_save's rule, checked here so the admin answers with the message, not an error page.
            raise ValidationError("Практику описывают по завершённой паре (группе).", code="pair_not_completed")
        return data


@admin.register(Practice)
class PracticeAdmin(PrivateFileAdminMixin, admin.ModelAdmin):
    form = PracticeAdminForm
    list_display = ["title", "organization", "status", "published_at"]
    list_filter = ["organization", "status"]
    list_select_related = ["organization"]
    search_fields = ["title"]
    raw_id_fields = ["mentorship", "created_by"]
    private_file_fields = ("attachment",)
    # Publication goes through practice_publish (the date, the names shown only with consent).
    readonly_fields = ["status", "published_at", "attachment_link"]

    def save_model(self, request, obj, form, change):
        practices_services.practice_save(practice=obj, user=request.user)

    @admin.display(description="приложение")
    def attachment_link(self, obj: Practice) -> str:
        return admin_file_link(obj, "attachment")


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "for_pair", "order"]
    list_filter = ["organization"]


@admin.register(Award)
class AwardAdmin(ServiceOnlyAdmin):  # granted by award_grant (nomination rules, the incentives order)
    list_display = ["nomination", "mentor", "academic_year", "date", "organization"]
    list_filter = ["organization", "academic_year", "nomination"]
    list_select_related = ["nomination", "mentor__person", "academic_year", "organization"]

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentoring import audit
from mentoring.admin import (
    PersonalDataAdminMixin,
    PrivateFileAdminMixin,
    ReadOnlyInline,
    ServiceOnlyAdmin,
    admin_file_link,
    pdf_action,
)
from mentoring.search import search_queryset
from participants import services
from participants.models import (
    Consent,
    MenteeCategory,
    MenteeProfile,
    MentorProfile,
    MentorStatusChange,
    MentorTraining,
    Partner,
    Person,
    StudyGroup,
)
from participants.services import consent_forms_pdf


class CyrillicSearchMixin:
    """Admin search through the normalized column: Cyrillic, any case, ё = е, on both databases."""

    search_text_field = "search_text"

    def get_search_results(self, request, queryset, search_term):
        return search_queryset(queryset, search_term, field=self.search_text_field), False


class ConsentInline(ReadOnlyInline):
    """Consents are recorded and withdrawn in the portal or by the «Согласия» actions: a withdrawal
    anonymizes the person (participants.services.consent_withdraw), which a field edit would skip."""

    model = Consent
    fields = ["kind", "signed_by", "representative_name", "signed_on", "valid_until", "withdrawn_on", "scan_link"]
    readonly_fields = fields

    @admin.display(description="скан")
    def scan_link(self, obj: Consent) -> str:
        return admin_file_link(obj, "scan")


@admin.register(Person)
class PersonAdmin(PersonalDataAdminMixin, CyrillicSearchMixin, admin.ModelAdmin):
    list_display = ["__str__", "kind", "organization", "study_group", "birth_date", "is_anonymized"]
    list_filter = ["organization", "kind", "is_anonymized"]
    list_select_related = ["organization", "study_group"]
    search_fields = ["last_name"]
    raw_id_fields = ["user", "study_group", "partner"]
    readonly_fields = ["is_anonymized", "anonymized_at"]
    inlines = [ConsentInline]

    def audit_people(self, obj: Person):
        return [obj]

    def has_change_permission(self, request, obj=None) -> bool:
        # An anonymized card stays anonymous: nothing may be typed back into it.
        return super().has_change_permission(request, obj) and not (obj and obj.is_anonymized)

    def save_model(self, request, obj, form, change):
        services.person_save(person=obj)

    actions = [
        pdf_action(
            description="Распечатать бланки согласий (PDF)",
            render=lambda people: consent_forms_pdf(people=people),
            filename=lambda people: "Согласия на обработку персональных данных.pdf",
        )
    ]


@admin.register(StudyGroup)
class StudyGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "academic_year", "grade"]
    list_filter = ["organization", "academic_year"]


@admin.register(Partner)
class PartnerAdmin(CyrillicSearchMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "organization", "agreement_number", "agreement_date"]
    list_filter = ["organization", "kind"]
    search_fields = ["name"]


class StatusChangeInline(ReadOnlyInline):
    """The status history is written by participants.services.mentor_set_status only."""

    model = MentorStatusChange
    fields = ["status", "date", "note", "changed_by"]
    readonly_fields = fields


class TrainingInline(ReadOnlyInline):
    model = MentorTraining
    fields = ["title", "hours", "completed_on", "certificate_number", "certificate_link"]
    readonly_fields = fields

    @admin.display(description="скан удостоверения")
    def certificate_link(self, obj: MentorTraining) -> str:
        return admin_file_link(obj, "certificate")


@admin.register(MentorProfile)
class MentorProfileAdmin(PersonalDataAdminMixin, CyrillicSearchMixin, admin.ModelAdmin):
    search_text_field = "person__search_text"
    list_display = ["person", "category", "status", "status_date", "capacity"]
    list_filter = ["person__organization", "status", "category"]
    list_select_related = ["person"]
    search_fields = ["person__last_name"]
    raw_id_fields = ["person"]
    # The status changes only through mentor_set_status, which keeps the history and the pairs right.
    readonly_fields = ["person", "status", "status_date"]
    inlines = [StatusChangeInline, TrainingInline]

    def audit_people(self, obj: MentorProfile):
        return [obj.person]

    def has_add_permission(self, request) -> bool:
        return False  # mentor_add checks the consent and records the first status


@admin.register(MentorTraining)
class MentorTrainingAdmin(PrivateFileAdminMixin, PersonalDataAdminMixin, ServiceOnlyAdmin):
    list_display = ["mentor", "title", "hours", "completed_on"]
    list_select_related = ["mentor__person"]
    private_file_fields = ("certificate",)
    readonly_fields = ["certificate_link"]

    def audit_people(self, obj: MentorTraining):
        return [obj.mentor.person]

    @admin.display(description="скан удостоверения")
    def certificate_link(self, obj: MentorTraining) -> str:
        return admin_file_link(obj, "certificate")


@admin.register(MenteeProfile)
class MenteeProfileAdmin(PersonalDataAdminMixin, CyrillicSearchMixin, admin.ModelAdmin):
    search_text_field = "person__search_text"
    list_display = ["person", "status", "status_date", "nominated_by"]
    list_filter = ["person__organization", "status", "categories"]
    list_select_related = ["person"]
    search_fields = ["person__last_name"]
    raw_id_fields = ["person"]
    filter_horizontal = ["categories"]
    # The status changes only through mentee_set_status and the pairs' services.
    readonly_fields = ["person", "status", "status_date"]

    def audit_people(self, obj: MenteeProfile):
        return [obj.person]

    def has_add_permission(self, request) -> bool:
        return False  # mentee_add checks the consent


@admin.register(MenteeCategory)
class MenteeCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "audience", "order"]


@admin.register(Consent)
class ConsentAdmin(PrivateFileAdminMixin, PersonalDataAdminMixin, ServiceOnlyAdmin):
    """Consents are shown here; recorded in the portal; withdrawn by the action, through the service
    that anonymizes the person (a plain edit of «дата отзыва» would leave the data in place)."""

    list_display = ["person", "kind", "signed_by", "signed_on", "withdrawn_on"]
    list_filter = ["kind", "signed_by", "person__organization"]
    list_select_related = ["person"]
    private_file_fields = ("scan",)
    readonly_fields = ["scan_link"]
    actions = ["withdraw_today"]

    def audit_people(self, obj: Consent):
        return [obj.person]

    @admin.display(description="скан")
    def scan_link(self, obj: Consent) -> str:
        return admin_file_link(obj, "scan")

    @admin.action(
        description="Отозвать согласия сегодняшним числом (отзыв согласия на обработку обезличивает участника)"
    )
    def withdraw_today(self, request, queryset):
        for consent in queryset.select_related("person"):
            try:
                services.consent_withdraw(consent=consent, date=timezone.localdate(), user=request.user)
            except ValidationError as error:
                self.message_user(request, f"{consent.person}: {' '.join(error.messages)}", messages.ERROR)
                continue
            erased = consent.kind == Consent.Kind.PROCESSING
            audit.record(
                request,
                audit.Action.ERASE if erased else audit.Action.CHANGE,
                consent.person,
                f"Администрирование: отзыв согласия ({consent.get_kind_display().lower()})",
            )
            done = "согласие отозвано, данные обезличены" if erased else "согласие на публикацию отозвано"
            self.message_user(request, f"{consent.person}: {done}.", messages.SUCCESS)

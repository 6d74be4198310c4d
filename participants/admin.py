from django.contrib import admin

from mentoring.admin import pdf_action
from mentoring.search import search_queryset
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


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    fields = ["kind", "signed_by", "representative_name", "signed_on", "valid_until", "withdrawn_on", "scan"]


@admin.register(Person)
class PersonAdmin(CyrillicSearchMixin, admin.ModelAdmin):
    list_display = ["__str__", "kind", "organization", "study_group", "birth_date", "is_anonymized"]
    list_filter = ["organization", "kind", "is_anonymized"]
    list_select_related = ["organization", "study_group"]
    search_fields = ["last_name"]
    raw_id_fields = ["user", "study_group", "partner"]
    inlines = [ConsentInline]
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


class StatusChangeInline(admin.TabularInline):
    model = MentorStatusChange
    extra = 0


class TrainingInline(admin.TabularInline):
    model = MentorTraining
    extra = 0


@admin.register(MentorProfile)
class MentorProfileAdmin(CyrillicSearchMixin, admin.ModelAdmin):
    search_text_field = "person__search_text"
    list_display = ["person", "category", "status", "status_date", "capacity"]
    list_filter = ["person__organization", "status", "category"]
    list_select_related = ["person"]
    search_fields = ["person__last_name"]
    raw_id_fields = ["person"]
    inlines = [StatusChangeInline, TrainingInline]


@admin.register(MenteeProfile)
class MenteeProfileAdmin(CyrillicSearchMixin, admin.ModelAdmin):
    search_text_field = "person__search_text"
    list_display = ["person", "status", "status_date", "nominated_by"]
    list_filter = ["person__organization", "status", "categories"]
    list_select_related = ["person"]
    search_fields = ["person__last_name"]
    raw_id_fields = ["person"]
    filter_horizontal = ["categories"]


@admin.register(MenteeCategory)
class MenteeCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "audience", "order"]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["person", "kind", "signed_by", "signed_on", "withdrawn_on"]
    list_filter = ["kind", "signed_by", "person__organization"]
    raw_id_fields = ["person", "recorded_by"]

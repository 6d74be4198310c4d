from django.contrib import admin

from mentoring.admin import PersonalDataAdminMixin, ReadOnlyInline, ServiceOnlyAdmin, pdf_action
from monitoring import reports
from monitoring.models import (
    Answer,
    EfficiencyAssessment,
    EfficiencyScore,
    KpiTarget,
    Question,
    Questionnaire,
    Response,
)


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "text", "kind", "required", "options", "code"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "academic_year", "purpose", "audience", "is_open"]
    list_filter = ["organization", "academic_year", "purpose", "audience", "is_open"]
    search_fields = ["title"]
    inlines = [QuestionInline]


class AnswerInline(ReadOnlyInline):
    model = Answer
    fields = ["question", "number", "text", "choices"]
    readonly_fields = fields


@admin.register(Response)
class ResponseAdmin(PersonalDataAdminMixin, ServiceOnlyAdmin):
    """Answers are the participant's own: saved and submitted only by monitoring.services."""

    list_display = ["questionnaire", "person", "status", "submitted_at"]
    list_filter = ["status", "questionnaire__organization"]
    list_select_related = ["questionnaire", "person"]
    exclude = ["token"]
    inlines = [AnswerInline]

    def audit_people(self, obj: Response):
        return [obj.person]


class ScoreInline(admin.TabularInline):
    model = EfficiencyScore
    extra = 0
    max_num = 9


def _assessments_filename(objects: list[EfficiencyAssessment]) -> str:
    if len(objects) == 1:
        return reports.assessment_filename(objects[0])
    return f"Оценки эффективности ({len(objects)}).pdf"


@admin.register(EfficiencyAssessment)
class EfficiencyAssessmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organization", "academic_year", "total", "date"]
    list_filter = ["organization", "academic_year"]
    readonly_fields = ["total"]
    raw_id_fields = ["programme", "mentorship", "assessed_by"]
    inlines = [ScoreInline]
    actions = [
        pdf_action(
            description="Скачать отчёт (PDF)",
            render=lambda objects: reports.assessments_pdf(objects),
            filename=_assessments_filename,
        )
    ]


@admin.register(KpiTarget)
class KpiTargetAdmin(admin.ModelAdmin):
    list_display = ["organization", "academic_year", "indicator", "target_percent"]
    list_filter = ["organization", "academic_year", "indicator"]

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError

from mentoring.access import MEMBERS
from mentoring.files import DOCUMENTS, checked_upload
from mentoring.models import AcademicYear, User
from roadmap import catalog, deadlines
from roadmap.models import Activity, Roadmap, RoadmapEvent, Section, Stage

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LoadTemplateForm(forms.Form):
    template = forms.ChoiceField(label="Шаблон", choices=())
    year = forms.CharField(label="Учебный год", max_length=9, help_text="Например: 2025/2026.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = catalog.choices()
        if not self.is_bound:
            self.initial.setdefault("year", AcademicYear.current().name)

    def clean_year(self) -> AcademicYear:
        try:
            start_year = AcademicYear.parse_name(self.cleaned_data["year"])
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid_year") from exc
        if not 2000 <= start_year <= 2100:
            raise ValidationError("Укажите учебный год между 2000 и 2100.", code="year_out_of_range")
        return AcademicYear.for_date(datetime.date(start_year, 9, 1))


class RoadmapForm(forms.ModelForm):
    class Meta:
        model = Roadmap
        fields = ["title", "approval_order_number", "approval_order_date"]
        widgets = {"approval_order_date": DATE_WIDGET, "title": forms.Textarea(attrs={"rows": 2})}


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label="Статус", choices=Activity.Status.choices)
    completed_on = forms.DateField(label="Дата выполнения", required=False, widget=DATE_WIDGET)
    evidence_file = forms.FileField(
        label="Файл-подтверждение",
        required=False,
        help_text="PDF, DOCX, XLSX, JPG или PNG, до 10 МБ.",
    )
    evidence_url = forms.URLField(label="Ссылка", required=False, max_length=500, assume_scheme="https")
    evidence_note = forms.CharField(
        label="Документ (реквизиты)",
        required=False,
        max_length=500,
        help_text="Например: «Приказ от 01.09.2025 № 112-ОД», «Протокол педсовета № 2».",
    )
    comment = forms.CharField(
        label="Комментарий", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_evidence_file(self):
        return checked_upload(self.cleaned_data.get("evidence_file"), allowed=DOCUMENTS, max_mb=10)

    def clean_completed_on(self):
        day = self.cleaned_data.get("completed_on")
        if day and day > datetime.date.today() + datetime.timedelta(days=1):
            raise ValidationError("Дата выполнения не может быть в будущем.", code="future_completion")
        return day


class CommentForm(forms.Form):
    text = forms.CharField(label="Комментарий", max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))


class ActivityPlanForm(forms.Form):
    section = forms.ModelChoiceField(label="Раздел", queryset=Section.objects.none())
    number = forms.CharField(label="№", max_length=12)
    title = forms.CharField(label="Мероприятие", widget=forms.Textarea(attrs={"rows": 3}))
    deadline_text = forms.CharField(
        label="Сроки (как в документе)",
        required=False,
        max_length=300,
        help_text="Дата, месяц, «Октябрь-май», «Сентябрь (ежегодно)», «в течение учебного года», "
        "«В течение месяца после издания приказа».",
    )
    anchor_activity = forms.ModelChoiceField(
        label="Срок отсчитывается от выполнения мероприятия",
        queryset=Activity.objects.none(),
        required=False,
        help_text="Для сроков «после …»; если не выбрано — от события «приказ».",
    )
    anchor_event = forms.ModelChoiceField(label="…или от события", queryset=RoadmapEvent.objects.none(), required=False)
    responsible_text = forms.CharField(
        label="Ответственные (как в документе)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    roles = forms.MultipleChoiceField(
        label="Ответственные роли портала",
        required=False,
        choices=[(role.value, role.label) for role in MEMBERS],
        widget=forms.CheckboxSelectMultiple,
    )
    users = forms.ModelMultipleChoiceField(
        label="Ответственные сотрудники", queryset=User.objects.none(), required=False
    )
    result = forms.CharField(
        label="Ожидаемый результат / вид документа", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    stage = forms.TypedChoiceField(
        label="Этап целевой модели",
        required=False,
        choices=[("", "—"), *Stage.choices],
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args, roadmap: Roadmap, activity: Activity | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.roadmap = roadmap
        self.activity = activity
        self.fields["section"].queryset = roadmap.sections.all()
        others = roadmap.activities.all()
        if activity is not None and activity.pk:
            others = others.exclude(pk=activity.pk)
        self.fields["anchor_activity"].queryset = others
        self.fields["anchor_event"].queryset = roadmap.events.all()
        self.fields["users"].queryset = User.objects.filter(organization_id=roadmap.organization_id, is_active=True)

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip().rstrip(".")
        taken = self.roadmap.activities.filter(number=number)
        if self.activity is not None and self.activity.pk:
            taken = taken.exclude(pk=self.activity.pk)
        if taken.exists():
            raise ValidationError(f"Мероприятие № {number} уже есть в дорожной карте.", code="duplicate_number")
        return number

    def clean(self):
        cleaned = super().clean()
        parsed = deadlines.parse(cleaned.get("deadline_text", ""))
        if cleaned.get("anchor_activity") and parsed.kind != deadlines.Kind.RELATIVE:
            self.add_error(
                "anchor_activity",
                ValidationError("Мероприятие-основание нужно только для сроков «после …».", code="anchor_not_relative"),
            )
        return cleaned

    @classmethod
    def initial_for(cls, activity: Activity) -> dict:
        return {
            "section": activity.section_id,
            "number": activity.number,
            "title": activity.title,
            "deadline_text": activity.deadline_text,
            "anchor_activity": activity.anchor_activity_id,
            "anchor_event": activity.anchor_event_id,
            "responsible_text": activity.responsible_text,
            "roles": [r.role for r in activity.responsible_roles.all()],
            "users": list(activity.responsible_users.all()),
            "result": activity.result,
            "stage": activity.stage,
        }


class EventForm(forms.Form):
    happened_on = forms.DateField(label="Дата события", required=False, widget=DATE_WIDGET)
    reference = forms.CharField(label="Документ (реквизиты)", required=False, max_length=300)


class ActivityFilterForm(forms.Form):
    """GET filters of the roadmap page; an invalid value is an error message, never a 500."""

    SHOW = [
        ("", "Все мероприятия"),
        ("overdue", "Просроченные"),
        ("upcoming", "В ближайшие 14 дней"),
        ("open", "Невыполненные"),
        ("flagged", "Срок не распознан"),
    ]
    show = forms.ChoiceField(label="Показать", choices=SHOW, required=False)
    stage = forms.TypedChoiceField(
        label="Этап", choices=[("", "Все этапы"), *Stage.choices], coerce=int, empty_value=None, required=False
    )

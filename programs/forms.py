from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from mentoring.models import AcademicYear, Organization, Role, User
from programs.models import Feedback, Meeting, MentoringForm, Mentorship, PlanGoal, Programme

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
RATING_CHOICES = [
    (5, "5 — отлично"),
    (4, "4 — хорошо"),
    (3, "3 — удовлетворительно"),
    (2, "2 — плохо"),
    (1, "1 — очень плохо"),
]


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "title",
            "form",
            "academic_year",
            "curator",
            "start_date",
            "end_date",
            "goal",
            "tasks",
            "expected_results",
            "status",
        ]
        widgets = {
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            **{f: forms.Textarea(attrs={"rows": 3}) for f in ("goal", "tasks", "expected_results")},
        }

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["form"].queryset = MentoringForm.objects.filter(Q(organization=None) | Q(organization=organization))
        self.fields["academic_year"].queryset = AcademicYear.objects.all()
        self.fields["academic_year"].initial = AcademicYear.current()
        self.fields["curator"].queryset = User.objects.filter(
            organization=organization, is_active=True, roles__role__in=[Role.CURATOR, Role.FORM_CURATOR, Role.DIRECTOR]
        ).distinct()
        self.fields["goal"].help_text = "Если оставить пустым, цель, задачи и ожидаемые результаты возьмутся из формы."

    def clean(self):
        data = super().clean()
        form, year = data.get("form"), data.get("academic_year")
        for name in ("goal", "tasks", "expected_results"):
            if form and not data.get(name):
                data[name] = getattr(form, name)
                setattr(self.instance, name, data[name])
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", ValidationError("Окончание раньше начала.", code="dates"))
        if year and start and not (year.start_date - datetime.timedelta(days=62) <= start <= year.end_date):
            self.add_error("start_date", ValidationError(f"Начало вне учебного года {year.name}.", code="year"))
        return data


class OwnFormForm(forms.ModelForm):
    class Meta:
        model = MentoringForm
        fields = ["name", "mentor_side", "mentee_side", "rule", "goal", "tasks", "expected_results"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in ("goal", "tasks", "expected_results")}

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization

    def clean_name(self):
        name = self.cleaned_data["name"].strip().strip('«»"')
        organization = self.instance.organization
        if MentoringForm.objects.filter(
            Q(organization=None) | Q(organization=organization), name__iexact=name
        ).exists():
            raise ValidationError("Форма с таким названием уже есть.", code="duplicate")
        return name


class MeetingForm(forms.ModelForm):
    """One form for the meeting and the mentor's own feedback: logging takes one screen on a phone."""

    date = forms.DateField(label="Дата", widget=DATE_INPUT, initial=timezone.localdate)
    time = forms.TimeField(
        label="Время", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"), initial="15:00"
    )
    mentor_rating = forms.TypedChoiceField(
        label="Ваша оценка встречи", choices=[("", "—"), *RATING_CHOICES], coerce=int, required=False, empty_value=None
    )
    mentor_comment = forms.CharField(
        label="Ваш комментарий", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = Meeting
        fields = ["kind", "format", "topic", "duration_minutes", "summary", "attachment"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    field_order = [
        "kind",
        "date",
        "time",
        "duration_minutes",
        "format",
        "topic",
        "summary",
        "mentor_rating",
        "mentor_comment",
        "attachment",
    ]

    def clean(self):
        data = super().clean()
        day, moment = data.get("date"), data.get("time")
        if day and moment:
            starts = timezone.make_aware(datetime.datetime.combine(day, moment))
            if starts > timezone.now() + datetime.timedelta(days=366):
                self.add_error("date", ValidationError("Дата слишком далеко в будущем.", code="far"))
            if data.get("mentor_rating") and starts > timezone.now():
                self.add_error("mentor_rating", ValidationError("Оценку ставят после встречи.", code="future"))
            data["starts_at"] = starts
        return data

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload and hasattr(upload, "size") and upload.size > 10 * 1024 * 1024:
            raise ValidationError("Файл больше 10 МБ.", code="size")
        return upload


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="Оценка встречи", choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label="Комментарий", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class GoalForm(forms.ModelForm):
    class Meta:
        model = PlanGoal
        fields = ["title", "actions", "deadline", "status", "progress", "result"]
        widgets = {
            "deadline": DATE_INPUT,
            "actions": forms.Textarea(attrs={"rows": 2}),
            "result": forms.Textarea(attrs={"rows": 2}),
        }


class EndEarlyForm(forms.Form):
    reason = forms.CharField(label="Причина", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class CompleteForm(forms.Form):
    reflection = forms.CharField(
        label="Итоги работы (рефлексия)", max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class PairFilterForm(forms.Form):
    programme = forms.ModelChoiceField(label="Программа", required=False, queryset=Programme.objects.none())
    status = forms.ChoiceField(label="Статус", required=False, choices=[("", "Все"), *Mentorship.Status.choices])
    flag = forms.ChoiceField(
        label="Внимание",
        required=False,
        choices=[("", "—"), ("gap", "нет встреч 14+ дней"), ("feedback", "нет обратной связи")],
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(organization=organization)


FEEDBACK_AUTHORS = Feedback.Author

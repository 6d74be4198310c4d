from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from mentoring.models import AcademicYear
from monitoring import kpi
from monitoring.efficiency import INDICATORS
from monitoring.models import Kpi, Question, Questionnaire
from monitoring.services import MAX_COUNTERPARTS
from participants.models import StudyGroup
from programs.models import Mentorship, Programme

CHECK = {"class": "form-check-input"}


class QuestionnaireForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["title", "purpose", "audience", "programme", "baseline", "description", "is_open"]

    def __init__(self, *args, organization, year: AcademicYear, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(organization=organization, academic_year=year)
        self.fields["baseline"].queryset = Questionnaire.objects.filter(
            organization=organization, purpose=Questionnaire.Purpose.ENTRY
        )
        self.instance.organization, self.instance.academic_year = organization, year


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "kind", "required", "options", "code"]
        widgets = {"options": forms.Textarea(attrs={"rows": 3})}


class AnswersForm(forms.Form):
    """The questionnaire as a form: one field per question. ``strict`` (on submit) makes required
    questions required; a draft accepts any subset."""

    def __init__(
        self, *args, questionnaire: Questionnaire, questions: list[Question], counterparts, strict=False, **kw
    ):
        super().__init__(*args, **kw)
        self.questions = questions
        for q in questions:
            name, required = f"q{q.pk}", strict and q.required
            if q.scale_max:
                choices = [(str(v), str(v)) for v in q.scale_range]
                field = forms.TypedChoiceField(choices=choices, coerce=int, widget=forms.RadioSelect, required=required)
            elif q.kind == Question.Kind.TEXT:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=required, max_length=4000)
            elif q.kind == Question.Kind.SINGLE:
                field = forms.ChoiceField(
                    choices=[(o, o) for o in q.option_list], widget=forms.RadioSelect(attrs=CHECK), required=required
                )
            elif q.kind == Question.Kind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=[(o, o) for o in q.option_list],
                    widget=forms.CheckboxSelectMultiple(attrs=CHECK),
                    required=required,
                )
            else:
                options = [("", "—"), *((str(pk), label) for pk, label in counterparts)]
                for rank in range(1, MAX_COUNTERPARTS + 1):
                    self.fields[f"{name}_{rank}"] = forms.TypedChoiceField(
                        choices=options,
                        coerce=int,
                        empty_value=None,
                        required=required and rank == 1,
                        label=f"{rank}-й выбор",
                    )
                continue
            field.label = q.text
            self.fields[name] = field

    def clean(self):
        data = super().clean()
        for q in self.questions:
            if q.kind != Question.Kind.COUNTERPART:
                continue
            chosen = [data.get(f"q{q.pk}_{rank}") for rank in range(1, MAX_COUNTERPARTS + 1)]
            chosen = [c for c in chosen if c]
            if len(set(chosen)) != len(chosen):
                self.add_error(f"q{q.pk}_2", ValidationError("Один и тот же человек выбран дважды.", code="twice"))
        return data

    def values(self) -> dict[int, object]:
        """Question id → cleaned value of every field that validated (a draft keeps the good ones)."""
        cleaned = getattr(self, "cleaned_data", {})
        values: dict[int, object] = {}
        for q in self.questions:
            if q.kind == Question.Kind.COUNTERPART:
                names = [f"q{q.pk}_{rank}" for rank in range(1, MAX_COUNTERPARTS + 1)]
                if all(n in cleaned for n in names):
                    values[q.pk] = list(dict.fromkeys(cleaned[n] for n in names if cleaned[n]))
            elif f"q{q.pk}" in cleaned:
                values[q.pk] = cleaned[f"q{q.pk}"]
        return values

    def grouped(self):
        rows = []
        for q in self.questions:
            if q.kind == Question.Kind.COUNTERPART:
                rows.append((q, [self[f"q{q.pk}_{rank}"] for rank in range(1, MAX_COUNTERPARTS + 1)]))
            else:
                rows.append((q, [self[f"q{q.pk}"]]))
        return rows

    @staticmethod
    def initial_from(response, questions) -> dict:
        """Form initial values from the stored answers of a draft reopened; none for a response not
        yet saved (the form opened for the first time)."""
        by_question = {a.question_id: a for a in response.answers.all()} if response.pk else {}
        initial = {}
        for q in questions:
            answer = by_question.get(q.pk)
            if answer is None:
                continue
            if q.kind == Question.Kind.COUNTERPART:
                for rank, pk in enumerate(answer.choices[:MAX_COUNTERPARTS], start=1):
                    initial[f"q{q.pk}_{rank}"] = str(pk)
            elif q.scale_max:
                initial[f"q{q.pk}"] = str(answer.number) if answer.number is not None else None
            elif q.kind == Question.Kind.TEXT:
                initial[f"q{q.pk}"] = answer.text
            elif q.kind == Question.Kind.SINGLE:
                initial[f"q{q.pk}"] = answer.choices[0] if answer.choices else None
            else:
                initial[f"q{q.pk}"] = answer.choices
        return initial


class LinksForm(forms.Form):
    group = forms.ModelChoiceField(queryset=StudyGroup.objects.none(), label="Класс / группа")

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = StudyGroup.objects.filter(organization=organization).select_related(
            "academic_year"
        )


class AssessmentForm(forms.Form):
    programme = forms.ModelChoiceField(queryset=Programme.objects.none(), label="Программа")
    mentorship = forms.ModelChoiceField(
        queryset=Mentorship.objects.none(), label="Пара / группа (необязательно)", required=False
    )
    date = forms.DateField(label="Дата оценки", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    conclusion = forms.CharField(
        label="Выводы и рекомендации", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(organization=organization).select_related(
            "academic_year"
        )
        self.fields["mentorship"].queryset = Mentorship.objects.filter(organization=organization).select_related(
            "mentor__person", "programme"
        )
        self.fields["mentorship"].label_from_instance = lambda m: f"{m.mentor.person.short_name} ({m.programme})"
        for indicator in INDICATORS:
            self.fields[f"points_{indicator.number}"] = forms.TypedChoiceField(
                label=f"{indicator.number}. {indicator.title}",
                choices=[("2", "2 — в полной мере"), ("1", "1 — частично"), ("0", "0 — не проявляется")],
                coerce=int,
                widget=forms.RadioSelect(attrs=CHECK),
            )
            self.fields[f"comment_{indicator.number}"] = forms.CharField(
                label="Комментарий", required=False, max_length=2000
            )

    def clean(self):
        data = super().clean()
        programme, pair = data.get("programme"), data.get("mentorship")
        if programme and pair and pair.programme_id != programme.pk:
            self.add_error("mentorship", ValidationError("Пара не входит в выбранную программу.", code="foreign_pair"))
        return data

    def scores(self) -> dict[int, tuple[int, str]]:
        d = self.cleaned_data
        return {i.number: (d[f"points_{i.number}"], d.get(f"comment_{i.number}", "")) for i in INDICATORS}

    def indicator_rows(self):
        return [(i, self[f"points_{i.number}"], self[f"comment_{i.number}"]) for i in INDICATORS]


class KpiTargetForm(forms.Form):
    indicator = forms.ChoiceField(label="Показатель", choices=Kpi.choices)
    start_year = forms.IntegerField(label="Учебный год начинается в", min_value=2015, max_value=2100)
    percent = forms.IntegerField(label="Целевое значение, %", min_value=0, max_value=100)


class KpiYearTargetsForm(forms.Form):
    """Every indicator's target of one academic year, any year; an empty field removes the target."""

    year = forms.CharField(label="Учебный год", max_length=9, help_text="Например, 2026/2027.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for indicator in Kpi:
            self.fields[indicator.value] = forms.IntegerField(
                label=f"{indicator.label}, %", min_value=0, max_value=100, required=False
            )

    def clean_year(self) -> int:
        try:
            start_year = AcademicYear.parse_name(self.cleaned_data["year"])
        except ValueError as error:
            raise ValidationError(str(error), code="year") from error
        if not 2015 <= start_year <= 2100:
            raise ValidationError("Укажите учебный год между 2015/2016 и 2100/2101.", code="year_range")
        return start_year

    def percents(self) -> dict[str, int | None]:
        return {indicator.value: self.cleaned_data.get(indicator.value) for indicator in Kpi}


class KpiPresetForm(forms.Form):
    preset = forms.ChoiceField(label="Набор целевых значений", choices=list(kpi.PRESETS.items()))
    first_year = forms.IntegerField(
        label="Сдвинуть на другой первый год (год начала учебного года)",
        min_value=2015,
        max_value=2100,
        required=False,
        help_text="Пусто — годы, как в образце (2020–2024 или 2021 и 2024). Значения между годами образца "
        "не придумываются: их задаёт куратор.",
    )


class YearForm(forms.Form):
    """GET filter: an academic year written «2025/2026»."""

    year = forms.CharField(required=False, max_length=9)

    def clean_year(self) -> int | None:
        text = self.cleaned_data["year"]
        if not text:
            return None
        try:
            return AcademicYear.parse_name(text)
        except ValueError as error:
            raise ValidationError(str(error), code="year") from error

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from mentoring.files import DOCUMENTS, PRESENTATIONS, checked_upload
from mentoring.models import AcademicYear, Organization, Role, User
from participants.models import MenteeProfile, MentorProfile
from programs.awards import nominations_for
from programs.models import Feedback, Meeting, MentoringForm, Mentorship, PlanGoal, Programme
from programs.models_awards import Award
from programs.models_practices import Practice

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
        fields = ["name", "mentor_side", "mentee_side", "rule", "allows_groups", "goal", "tasks", "expected_results"]
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
        # A private file has no URL, so no «Currently: <link>» widget (mentoring/files.py).
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "attachment": forms.FileInput}

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
        "attendees",
        "attachment",
    ]

    attendees = forms.ModelMultipleChoiceField(
        label="Присутствовали",
        queryset=MenteeProfile.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Отметьте наставляемых группы, которые были на встрече: отзыв оставляют присутствовавшие.",
    )

    def __init__(self, *args, pair: Mentorship, **kwargs):
        super().__init__(*args, **kwargs)
        if pair.status == Mentorship.Status.DRAFT:
            # The order has not fixed the pair yet: only the meetings that come before it.
            self.fields["kind"].choices = [(k.value, k.label) for k in Meeting.DRAFT_KINDS]
        members = MenteeProfile.objects.filter(
            memberships__mentorship=pair, memberships__is_active=True
        ).select_related("person")
        self.is_group = members.count() > 1
        if self.is_group:
            field = self.fields["attendees"]
            field.queryset = members.order_by("person__sort_key", "pk")
            field.label_from_instance = lambda m: m.person.full_name
            field.required = True
            field.error_messages["required"] = "Отметьте, кто из наставляемых был на встрече."
            if not self.is_bound:
                field.initial = list(members)
        else:
            del self.fields["attendees"]

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
        return checked_upload(self.cleaned_data.get("attachment"), allowed=DOCUMENTS, max_mb=10)


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


class PracticeForm(forms.ModelForm):
    class Meta:
        model = Practice
        fields = ["mentorship", "title", "problem", "actions", "result", "attachment", "show_names"]
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 4}) for name in ("problem", "actions", "result")},
            "attachment": forms.FileInput,  # a private file has no URL to show as «Currently: …»
        }

    def __init__(self, *args, organization: Organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        field = self.fields["mentorship"]
        field.queryset = Mentorship.objects.filter(
            organization=organization, status=Mentorship.Status.COMPLETED
        ).select_related("mentor__person", "programme")
        field.label_from_instance = lambda p: f"{p.mentor.person.short_name} · {p.programme.title}"
        field.help_text = "Завершённая пара (группа), опыт которой описывается."

    def clean_attachment(self):
        return checked_upload(self.cleaned_data.get("attachment"), allowed=PRESENTATIONS, max_mb=10, what="Приложение")


class AwardForm(forms.ModelForm):
    class Meta:
        model = Award
        fields = ["nomination", "mentor", "mentorship", "date", "citation"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, organization: Organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["nomination"].queryset = nominations_for(organization)
        self.fields["mentor"].queryset = MentorProfile.objects.filter(
            person__organization=organization, person__is_anonymized=False
        ).select_related("person")
        self.fields["mentor"].label_from_instance = lambda m: m.person.full_name
        self.fields["mentorship"].queryset = Mentorship.objects.filter(organization=organization).select_related(
            "mentor__person", "programme"
        )
        self.fields["mentorship"].label_from_instance = lambda p: f"{p.mentor.person.short_name} · {p.programme.title}"


class PairCreateForm(forms.Form):
    """One pair from the matching page: the mentee and the mentor of the organization, and the score
    the page showed (kept with the pair; an odd value is dropped, not an error)."""

    mentee = forms.ModelChoiceField(queryset=MenteeProfile.objects.none())
    mentor = forms.ModelChoiceField(queryset=MentorProfile.objects.none())
    score = forms.CharField(required=False, max_length=10)

    def __init__(self, *args, organization: Organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentee"].queryset = MenteeProfile.objects.filter(person__organization=organization).select_related(
            "person"
        )
        self.fields["mentor"].queryset = MentorProfile.objects.filter(person__organization=organization).select_related(
            "person"
        )

    def clean_score(self) -> int | None:
        raw = self.cleaned_data.get("score", "")
        return int(raw) if raw.isdecimal() and raw.isascii() and int(raw) <= 100 else None


class MatchingFilterForm(forms.Form):
    """«?mentee=» narrows the matching page to one mentee (from the waiting list)."""

    mentee = forms.IntegerField(min_value=1, required=False)


class ProposalConfirmForm(forms.Form):
    """The curator's choice of a mentor for every mentee of a matching proposal («mentor_<mentee id>»)."""

    def __init__(self, *args, assignments: list[dict], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for assignment in assignments:
            self.fields[f"mentor_{assignment['mentee']}"] = forms.IntegerField(min_value=1, required=False)
        for mentor_id in {a["mentor"] for a in assignments if a["mentor"]}:
            self.fields[f"group_{mentor_id}"] = forms.BooleanField(required=False)

    def choices(self) -> dict[int, int | None]:
        return {
            int(name.removeprefix("mentor_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("mentor_")
        }

    def groups(self) -> set[int]:
        """Mentors whose mentees the curator chose to join into one group."""
        return {
            int(name.removeprefix("group_"))
            for name, value in self.cleaned_data.items()
            if name.startswith("group_") and value
        }


class AddMemberForm(forms.Form):
    """A waiting mentee joins a draft pair, which becomes a group (the service checks the form's rules,
    the consent and the mentor's places)."""

    mentee = forms.ModelChoiceField(
        label="Наставляемый, ожидающий пару",
        queryset=MenteeProfile.objects.none(),
        error_messages={"invalid_choice": "Этот наставляемый не ожидает пару.", "required": "Выберите наставляемого."},
    )

    def __init__(self, *args, pair: Mentorship, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mentee"]
        field.queryset = (
            MenteeProfile.objects.filter(
                person__organization_id=pair.organization_id,
                status=MenteeProfile.Status.WAITING,
                person__is_anonymized=False,
            )
            .select_related("person__study_group")
            .order_by("person__sort_key", "pk")
        )
        field.label_from_instance = lambda m: " ".join(
            part for part in (m.person.full_name, m.person.study_group.name if m.person.study_group else "") if part
        )

"""Forms of the membership-by-year page: the year filter, leaving, graduation, carrying staff over."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from mentoring.models import AcademicYear, Organization
from participants.models import Membership


class MembershipYearForm(forms.Form):
    """The year of the page (GET) or of the action (POST), written «2025/2026»."""

    year = forms.CharField(label="Учебный год", max_length=9, required=False)

    def clean_year(self) -> int | None:
        text = self.cleaned_data["year"]
        if not text:
            return None
        try:
            return AcademicYear.parse_name(text)
        except ValueError as error:
            raise ValidationError(str(error), code="year") from error


class LeaveForm(forms.Form):
    membership = forms.ModelChoiceField(label="Участник", queryset=Membership.objects.none())
    left_on = forms.DateField(label="Дата выбытия", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.ChoiceField(label="Причина", choices=Membership.LeaveReason.choices)

    def __init__(self, *args, organization: Organization, year: AcademicYear, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the organization's own rows of the year, not yet closed: another school's pk is «not a choice».
        self.fields["membership"].queryset = (
            Membership.objects.filter(organization=organization, academic_year=year, left_on__isnull=True)
            .select_related("person", "academic_year")
            .order_by("role", "class_label", "person__sort_key", "pk")
        )
        self.fields["membership"].label_from_instance = lambda m: (
            f"{m.person.full_name} — {m.class_label or m.get_role_display().lower()}"
        )


class GraduateForm(forms.Form):
    class_label = forms.ChoiceField(label="Класс (группа)")
    left_on = forms.DateField(label="Дата выпуска", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, organization: Organization, year: AcademicYear, **kwargs):
        super().__init__(*args, **kwargs)
        labels = (
            Membership.objects.filter(organization=organization, academic_year=year, role=Membership.Role.STUDENT)
            .exclude(class_label="")
            .order_by("-grade", "class_label")
            .values_list("class_label", flat=True)
            .distinct()
        )
        self.fields["class_label"].choices = [(label, label) for label in labels]

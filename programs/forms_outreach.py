"""Forms of practices and awards."""

from __future__ import annotations

from django import forms

from mentoring.models import Organization
from participants.models import MentorProfile
from programs.models import Mentorship
from programs.models_outreach import Award, Practice
from programs.outreach import nominations_for


class PracticeForm(forms.ModelForm):
    class Meta:
        model = Practice
        fields = ["mentorship", "title", "problem", "actions", "result", "attachment", "show_names"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in ("problem", "actions", "result")}

    def __init__(self, *args, organization: Organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        field = self.fields["mentorship"]
        field.queryset = Mentorship.objects.filter(
            organization=organization, status=Mentorship.Status.COMPLETED
        ).select_related("mentor__person", "programme")
        field.label_from_instance = lambda p: f"{p.mentor.person.short_name} · {p.programme.title}"
        field.help_text = "Завершённая пара (группа), опыт которой описывается."


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

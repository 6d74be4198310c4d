from django import forms

from monitoring.local_acts.models import LocalAct, LocalActSection


class SectionForm(forms.ModelForm):
    class Meta:
        model = LocalActSection
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}


class PrepareForm(forms.Form):
    kind = forms.ChoiceField(label="Документ", choices=LocalAct.Kind.choices)

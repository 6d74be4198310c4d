from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentoring.files import SCANS, checked_upload
from mentoring.models import Organization
from participants.excel import MAX_FILE_BYTES
from participants.importing import KINDS
from participants.models import (
    Consent,
    MenteeCategory,
    MenteeProfile,
    MenteeSupport,
    MentorProfile,
    MentorTraining,
    Partner,
    Person,
    StudyGroup,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PAGE_SIZE = 50


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "kind",
            "last_name",
            "first_name",
            "middle_name",
            "birth_date",
            "sex",
            "study_group",
            "position",
            "subject",
            "teaching_start_year",
            "partner",
            "email",
            "phone",
            "notes",
        ]
        widgets = {"birth_date": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, organization: Organization, kinds: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["study_group"].queryset = StudyGroup.objects.filter(organization=organization).select_related(
            "academic_year"
        )
        self.fields["partner"].queryset = Partner.objects.filter(organization=organization)
        if kinds:
            self.fields["kind"].choices = [c for c in Person.Kind.choices if c[0] in kinds]
        for name in ("last_name", "first_name", "middle_name", "position", "subject", "phone"):
            self.fields[name].strip = True

    def clean(self):
        data = super().clean()
        if data.get("kind") == Person.Kind.STUDENT and not data.get("study_group"):
            self.add_error("study_group", ValidationError("Для обучающегося укажите класс или группу.", code="group"))
        if data.get("kind") == Person.Kind.STUDENT and not data.get("birth_date"):
            self.add_error("birth_date", ValidationError("Для обучающегося укажите дату рождения.", code="birth"))
        return data

    def validate_unique(self):
        try:
            self.instance.validate_constraints()
        except ValidationError:
            self.add_error(
                None,
                ValidationError(
                    "Обучающийся с такими ФИО и датой рождения уже есть в базе организации.", code="duplicate"
                ),
            )


class PeopleFilterForm(forms.Form):
    SORTS = {
        "name": ("sort_key", "pk"),
        "-name": ("-sort_key", "-pk"),
        "group": ("study_group__grade", "study_group__name", "sort_key"),
        "birth": ("birth_date", "sort_key"),
        "new": ("-created_at",),
    }
    q = forms.CharField(label="Поиск", required=False, max_length=100)
    kind = forms.ChoiceField(label="Категория", required=False, choices=[("", "Все")] + Person.Kind.choices)
    group = forms.ModelChoiceField(label="Класс / группа", required=False, queryset=StudyGroup.objects.none())
    sort = forms.ChoiceField(
        label="Сортировка",
        required=False,
        choices=[
            ("name", "по ФИО"),
            ("-name", "по ФИО (Я–А)"),
            ("group", "по классу"),
            ("birth", "по дате рождения"),
            ("new", "сначала новые"),
        ],
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = StudyGroup.objects.filter(organization=organization)


class MentorFilterForm(forms.Form):
    SORTS = {
        "name": ("person__sort_key", "pk"),
        "status": ("status", "person__sort_key"),
        "entry": ("-entry_date", "person__sort_key"),
        "capacity": ("-capacity", "person__sort_key"),
    }
    q = forms.CharField(label="Поиск", required=False, max_length=100)
    status = forms.ChoiceField(label="Статус", required=False, choices=[("", "Все")] + MentorProfile.Status.choices)
    category = forms.ChoiceField(
        label="Категория", required=False, choices=[("", "Все")] + MentorProfile.Category.choices
    )
    sort = forms.ChoiceField(
        label="Сортировка",
        required=False,
        choices=[
            ("name", "по ФИО"),
            ("status", "по статусу"),
            ("entry", "сначала новые"),
            ("capacity", "по числу мест"),
        ],
    )


class MenteeFilterForm(forms.Form):
    SORTS = {
        "name": ("person__sort_key", "pk"),
        "group": ("person__study_group__grade", "person__study_group__name", "person__sort_key"),
        "waiting": ("status_date", "person__sort_key"),
        "entry": ("-entry_date", "person__sort_key"),
    }
    q = forms.CharField(label="Поиск", required=False, max_length=100)
    status = forms.ChoiceField(label="Статус", required=False, choices=[("", "Все")] + MenteeProfile.Status.choices)
    category = forms.ModelChoiceField(label="Категория", required=False, queryset=MenteeCategory.objects.all())
    group = forms.ModelChoiceField(label="Класс / группа", required=False, queryset=StudyGroup.objects.none())
    sort = forms.ChoiceField(
        label="Сортировка",
        required=False,
        choices=[("name", "по ФИО"), ("group", "по классу"), ("waiting", "дольше ждут"), ("entry", "сначала новые")],
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = StudyGroup.objects.filter(organization=organization)


class MentorForm(forms.ModelForm):
    class Meta:
        model = MentorProfile
        fields = [
            "category",
            "competencies",
            "interests",
            "achievements",
            "useful_for",
            "preferred_grade_min",
            "preferred_grade_max",
            "capacity",
            "time_available",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in ("competencies", "interests", "achievements", "useful_for")
        }


class MentorStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Новый статус", choices=MentorProfile.Status.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    date = forms.DateField(
        label="Дата",
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
    note = forms.CharField(
        label="Основание",
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "Приказ от 15.09.2025 № 112"}),
    )


class MentorTrainingForm(forms.ModelForm):
    class Meta:
        model = MentorTraining
        fields = ["title", "hours", "completed_on", "certificate_number", "certificate"]
        widgets = {"completed_on": DATE_INPUT, "certificate": forms.FileInput}

    def clean_completed_on(self):
        day = self.cleaned_data["completed_on"]
        if day > timezone.localdate():
            raise ValidationError("Дата окончания обучения не может быть в будущем.", code="future")
        return day

    def clean_certificate(self):
        return _checked_scan(self.cleaned_data.get("certificate"))


class MenteeForm(forms.ModelForm):
    class Meta:
        model = MenteeProfile
        fields = ["categories", "request", "interests", "nominated_by", "entry_date", "psychologist_note"]
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            "request": forms.Textarea(attrs={"rows": 3}),
            "interests": forms.Textarea(attrs={"rows": 2}),
            "psychologist_note": forms.Textarea(attrs={"rows": 2}),
            "entry_date": DATE_INPUT,
        }

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        audience = (
            MenteeCategory.Audience.STUDENT if person.kind == Person.Kind.STUDENT else MenteeCategory.Audience.TEACHER
        )
        self.fields["categories"].queryset = MenteeCategory.objects.filter(audience=audience)

    def clean_entry_date(self):
        day = self.cleaned_data["entry_date"]
        if day > timezone.localdate():
            raise ValidationError("Дата включения в базу не может быть в будущем.", code="future")
        return day


class PsychologistNoteForm(forms.ModelForm):
    class Meta:
        model = MenteeProfile
        fields = ["psychologist_note"]
        widgets = {"psychologist_note": forms.Textarea(attrs={"rows": 3})}


def _checked_scan(upload):
    return checked_upload(upload, allowed=SCANS, max_mb=10, what="Скан")


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = [
            "kind",
            "signed_by",
            "representative_name",
            "representative_relation",
            "representative_document",
            "signed_on",
            "valid_until",
            "scan",
        ]
        # A private file has no URL, so no «Currently: <link>» widget (mentoring/files.py).
        widgets = {"signed_on": DATE_INPUT, "valid_until": DATE_INPUT, "scan": forms.FileInput}

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.person = person
        if person.is_minor:
            self.fields["signed_by"].initial = Consent.SignedBy.REPRESENTATIVE

    def clean_scan(self):
        return _checked_scan(self.cleaned_data.get("scan"))


class ConsentWithdrawForm(forms.Form):
    date = forms.DateField(label="Дата отзыва", widget=DATE_INPUT, initial=timezone.localdate)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label="Что загружаем", choices=list(KINDS.items()), widget=forms.RadioSelect)
    file = forms.FileField(label="Файл Excel (.xlsx)", help_text="До 10 МБ. Читаются все листы книги.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError("Файл больше 10 МБ. Разделите список на несколько файлов.", code="too_big")
        return upload


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = [
            "name",
            "kind",
            "contact_person",
            "phone",
            "email",
            "address",
            "agreement_number",
            "agreement_date",
            "notes",
        ]
        widgets = {"agreement_date": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization

    def clean_agreement_date(self):
        day = self.cleaned_data.get("agreement_date")
        if day and day > timezone.localdate():
            raise ValidationError("Дата соглашения не может быть в будущем.", code="future")
        return day


class BulkForm(forms.Form):
    """One action on the ticked people of a list, or on everyone its filter finds."""

    SCOPES = ("people", "mentors", "mentees", "group")
    scope = forms.ChoiceField(choices=[(s, s) for s in SCOPES], widget=forms.HiddenInput)
    group = forms.IntegerField(required=False, widget=forms.HiddenInput)
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
    action = forms.ChoiceField(label="Действие с отмеченными", choices=[])
    ids = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=[])
    all_matching = forms.BooleanField(label="все по фильтру", required=False)
    date = forms.DateField(label="Дата", required=False, widget=DATE_INPUT, initial=timezone.localdate)
    mentee_category = forms.ModelChoiceField(
        label="Категория наставляемых",
        required=False,
        queryset=MenteeCategory.objects.all(),
        empty_label="без категории",
    )
    mentor_category = forms.ChoiceField(
        label="Категория наставников",
        required=False,
        choices=[("", "по карточке участника")] + MentorProfile.Category.choices,
    )
    mentee_status = forms.ChoiceField(
        label="Статус наставляемых",
        required=False,
        choices=[c for c in MenteeProfile.Status.choices if c[0] != MenteeProfile.Status.PAIRED],
    )
    mentor_status = forms.ChoiceField(label="Статус наставников", required=False, choices=MentorProfile.Status.choices)
    # Schools collect the signed forms before a class enters the base: both are recorded in one step.
    with_consents = forms.BooleanField(label="Бумажные согласия на обработку ПДн получены в этот день", required=False)

    with_parents = forms.BooleanField(label="И родителям (законным представителям) несовершеннолетних", required=False)

    NEEDS_DATE = ("mentee_base", "mentor_base", "consents", "mentee_status", "mentor_status", "leave")

    def __init__(self, *args, actions: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = actions
        # Any integer is accepted here; the view checks each id against what the user may see.
        self.fields["ids"].valid_value = lambda value: True

    def clean_date(self):
        day = self.cleaned_data.get("date")
        if day and day > timezone.localdate():
            raise ValidationError("Дата не может быть в будущем.", code="future")
        return day

    def clean(self):
        data = super().clean()
        if not data.get("all_matching") and not data.get("ids"):
            raise ValidationError("Отметьте участников в списке или выберите «все по фильтру».", code="nobody")
        if data.get("action") in self.NEEDS_DATE and not data.get("date"):
            self.add_error("date", ValidationError("Укажите дату.", code="date"))
        if data.get("action") == "mentee_status" and not data.get("mentee_status"):
            self.add_error("mentee_status", ValidationError("Выберите статус.", code="status"))
        if data.get("action") == "mentor_status" and not data.get("mentor_status"):
            self.add_error("mentor_status", ValidationError("Выберите статус.", code="status"))
        return data


class SupportForm(forms.ModelForm):
    """The psychologist's record of support of a mentee without a pair."""

    class Meta:
        model = MenteeSupport
        fields = ["date", "action", "next_step"]
        widgets = {"date": DATE_INPUT, "action": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"action": "Консультация, беседа, занятие в группе, встреча с родителями — что сделано и итог."}

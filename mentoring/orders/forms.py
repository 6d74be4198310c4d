"""Forms of the orders pages; every field validated, GET filters included."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentoring.files import SCANS, checked_upload
from mentoring.models import Organization, User
from mentoring.orders.models import Order, OrderKind, OrderSignatory, OrderSubject
from mentoring.orders.placeholders import canonicalize, humanize, validate_wording
from mentoring.orders.registry import annexes_for_kind
from mentoring.orders.signatories import signers_for, staff_for_signing

_WORDING_FIELDS = ("title", "preamble", "points")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _org_users(organization: Organization):
    return User.objects.filter(organization=organization, is_active=True).order_by(
        "last_name", "first_name", "middle_name"
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.full_name}{', ' + obj.position if obj.position else ''}"


class OrderFilterForm(forms.Form):
    kind = forms.ChoiceField(label="Вид", choices=[("", "Все виды"), *OrderKind.choices], required=False)
    status = forms.ChoiceField(label="Статус", choices=[("", "Все"), *Order.Status.choices], required=False)
    year = forms.IntegerField(label="Год", required=False, min_value=2000, max_value=2100)

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("year"):
            queryset = queryset.filter(year=data["year"])
        return queryset


class OrderCreateForm(forms.Form):
    # An order «Об отмене приказа» starts from the signed order it cancels (its page), not here.
    kind = forms.ChoiceField(
        label="Вид приказа", choices=[c for c in OrderKind.choices if c[0] != OrderKind.CANCELLATION]
    )
    date = forms.DateField(label="Дата приказа", widget=DATE_WIDGET)
    number = forms.CharField(
        label="Номер", max_length=20, required=False, help_text="Оставьте пустым — номер присвоится автоматически."
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization

    def clean(self):
        data = super().clean()
        number, date = (data.get("number") or "").strip(), data.get("date")
        if number and date and Order.objects.filter(organization=self.organization, year=date.year, number=number):
            self.add_error(
                "number",
                ValidationError(
                    f"Приказ № {number} за {date.year} год уже зарегистрирован. Укажите другой номер.",
                    code="duplicate_number",
                ),
            )
        return data


class OrderForm(forms.ModelForm):
    annexes = forms.MultipleChoiceField(
        label="Приложения", required=False, widget=forms.CheckboxSelectMultiple, choices=[]
    )

    class Meta:
        model = Order
        fields = ["number", "date", "title", "preamble", "points", "annexes", "signer"]
        widgets = {
            "date": DATE_WIDGET,
            "preamble": forms.Textarea(attrs={"rows": 5}),
            "points": forms.Textarea(attrs={"rows": 12}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order = self.instance
        self.fields["annexes"].choices = [(a.key, a.title) for a in annexes_for_kind(order.kind)]
        self.fields["signer"] = PersonChoiceField(
            label="Подписывает",
            queryset=signers_for(order.organization, order.date or timezone.localdate()),
            required=False,
            help_text="Директор или работник, которому директор передал право подписи (раздел «Право подписи»).",
        )
        self.fields["signer"].initial = order.signer_id
        self.initial = dict(self.initial)
        for name in _WORDING_FIELDS:  # placeholders shown by their Russian labels
            self.initial[name] = humanize(self.initial.get(name, ""), order.kind)
        self.fields["points"].help_text = (
            "Каждая строка — пункт (нумеруется сам); строка, начинающаяся с «-», — подпункт. "
            "Пункт, в котором названо лицо, которого в приказе нет, не печатается; "
            "ссылка на отсутствующее приложение опускается."
        )

    def clean(self):
        data = super().clean()
        for name in _WORDING_FIELDS:
            if name in data:
                data[name] = canonicalize(data[name], self.instance.kind)
        return data


class SubjectForm(forms.Form):
    role = forms.ChoiceField(label="Роль в приказе", choices=OrderSubject.Role.choices)
    user = PersonChoiceField(label="Пользователь", queryset=User.objects.none(), required=False)
    full_name = forms.CharField(
        label="или ФИО (нет учётной записи)", max_length=300, required=False, help_text="Фамилия Имя Отчество"
    )
    gender = forms.ChoiceField(
        label="Пол", choices=[("", "определить по ФИО"), *OrderSubject.Gender.choices], required=False
    )
    note = forms.CharField(
        label="Уточнение", max_length=300, required=False, help_text="Например: форма «ученик – ученик»"
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = _org_users(organization)

    def clean(self):
        data = super().clean()
        if not data.get("user") and not (data.get("full_name") or "").strip():
            raise ValidationError("Выберите пользователя или впишите ФИО.", code="name_required")
        if data.get("user") and (data.get("full_name") or "").strip():
            raise ValidationError("Укажите либо пользователя, либо ФИО — не то и другое.", code="name_twice")
        return data


class WordingForm(forms.Form):
    title = forms.CharField(label="Заголовок", max_length=500)
    preamble = forms.CharField(label="Преамбула (основание)", widget=forms.Textarea(attrs={"rows": 5}), required=False)
    points = forms.CharField(
        label="Пункты «ПРИКАЗЫВАЮ»",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Каждая строка — пункт; строка, начинающаяся с «-», — подпункт предыдущего пункта.",
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.initial = dict(self.initial)  # never the caller's dict (a wording's own __dict__)
        for name in _WORDING_FIELDS:  # placeholders shown by their Russian labels
            self.initial[name] = humanize(self.initial.get(name, ""), kind)

    def clean(self):
        data = super().clean()
        for name in _WORDING_FIELDS:
            if name in data:
                data[name] = canonicalize(data[name], self.kind)
        if not self.errors:
            try:
                validate_wording(kind=self.kind, **{k: data.get(k, "") for k in ("title", "preamble", "points")})
            except ValidationError as error:
                for field_name, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(field_name, ValidationError(message, code="invalid_placeholder"))
        return data


class ScanForm(forms.Form):
    scan = forms.FileField(label="Скан подписанного приказа (PDF, JPG, PNG, до 15 МБ)")

    def clean_scan(self):
        return checked_upload(self.cleaned_data.get("scan"), allowed=SCANS, max_mb=15, what="Скан")


class SignatoryForm(forms.ModelForm):
    class Meta:
        model = OrderSignatory
        fields = ["user", "position", "basis", "valid_from", "valid_until"]
        widgets = {"valid_from": DATE_WIDGET, "valid_until": DATE_WIDGET}

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["user"] = PersonChoiceField(label="Работник", queryset=staff_for_signing(organization))
        self.fields["position"].initial = "Исполняющий обязанности директора"


class ExtractForm(forms.Form):
    """Whose «выписка из приказа» a leader prints: a person the order names or lists in an annex."""

    user = forms.ModelChoiceField(label="Участник", queryset=User.objects.none(), required=False)

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(organization=organization)

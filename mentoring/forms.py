"""Forms of the core: login, password reset, notification settings, the access log filter."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from mentoring.models import NotificationKind, Organization, PersonalDataEvent


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Неверное имя пользователя или пароль. Проверьте раскладку клавиатуры и Caps Lock.",
        "inactive": "Учётная запись отключена. Обратитесь к куратору программы.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Имя пользователя"
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].label = "Пароль"


class PortalPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(
        label="Электронная почта", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def get_users(self, email):
        # Email is compared case-insensitively and without stray spaces, as people type it.
        return super().get_users(email.strip())


class EmailSettingsForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label="Присылать по электронной почте",
        choices=NotificationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Уведомления в портале приходят в любом случае.",
    )


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label="Действие", choices=[("", "Все"), *PersonalDataEvent.Action.choices], required=False
    )
    date_from = forms.DateField(
        label="С", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label="По", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class OrganizationRequisitesForm(forms.ModelForm):
    """The requisites documents print: the title in the nominative and, as the dictionary declined
    them, in the genitive and dative — the director corrects what the dictionary got wrong."""

    class Meta:
        model = Organization
        # A typed «school.ru» means https, as the admin assumes (Django 6's default, chosen now).
        formfield_callback = staticmethod(
            lambda field, **kw: field.formfield(**kw, **({"assume_scheme": "https"} if field.name == "website" else {}))
        )
        fields = [
            "name",
            "short_name",
            "name_genitive",
            "name_dative",
            "address",
            "inn",
            "ogrn",
            "phone",
            "email",
            "website",
            "director_position",
            "director_position_genitive",
            "director_position_dative",
        ]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "name_genitive": forms.Textarea(attrs={"rows": 2}),
            "name_dative": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "name": "Как в уставе, с кавычками: «Муниципальное бюджетное общеобразовательное учреждение «…»».",
            "name_genitive": "«Положение о наставничестве … учреждения «…»». Оставьте пустым — заполнится "
            "автоматически; при изменении полного наименования пересчитывается, если вы не правили это поле.",
            "name_dative": "«Даю согласие … учреждению «…»». Пустое поле заполнится автоматически.",
            "director_position_genitive": "«Приказ директора», «в лице директора». Пустое — автоматически.",
            "director_position_dative": "«Директору МБОУ …» в шапке заявлений и согласий. Пустое — автоматически.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name_genitive", "name_dative", "director_position_genitive", "director_position_dative"):
            self.fields[name].required = False
        self.fields["director_position"].help_text = "«Директор», «Исполняющий обязанности директора», «Заведующий»."

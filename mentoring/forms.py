"""Forms of the core: login, password reset, notification settings, the access log filter."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from mentoring.models import NotificationKind, PersonalDataEvent


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

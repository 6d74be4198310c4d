"""Accounts: the public activation page, a person leaving, the director's staff-roles page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring import audit
from mentoring.access import PEOPLE_EDITORS, require_roles, user_organization
from mentoring.models import Role
from mentoring.names import inflect
from participants import access, accounts
from participants.forms import ConsentWithdrawForm
from participants.views_bulk import site_base_url


class NamedSetPasswordForm(SetPasswordForm):
    """A parent whose name the school did not have on paper gives it with the password."""

    last_name = forms.CharField(label="Фамилия", max_length=150)
    first_name = forms.CharField(label="Имя", max_length=150)
    middle_name = forms.CharField(label="Отчество", max_length=150, required=False)
    field_order = ["last_name", "first_name", "middle_name", "new_password1", "new_password2"]

    def name(self) -> tuple[str, str, str]:
        return (self.cleaned_data["last_name"], self.cleaned_data["first_name"], self.cleaned_data["middle_name"])


def activate(request: HttpRequest, token: str) -> HttpResponse:
    """Open to anyone holding the link; GET only shows the form, the POST spends the link."""
    activation = accounts.activation_for_token(token)
    if activation is None:
        return render(request, "participants/activate.html", {"form": None}, status=404)
    user, child = activation.user, activation.person
    is_parent = child.user_id != user.pk
    form_class = NamedSetPasswordForm if is_parent and not user.last_name else SetPasswordForm
    form = form_class(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = form.name() if isinstance(form, NamedSetPasswordForm) else None
        try:
            accounts.account_activate(token=token, password=form.cleaned_data["new_password1"], name=name)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Пароль задан. Войдите: логин «{user.username}» и ваш пароль.")
            return redirect("login")
    context = {
        "form": form,
        "person": child,
        "username": user.username,
        "parent": user if is_parent else None,
        "child_genitive": inflect(child.full_name, "genitive", gender={"m": "male", "f": "female"}.get(child.sex))
        if is_parent
        else "",
    }
    return render(request, "participants/activate.html", context)


@require_POST
@require_roles(*PEOPLE_EDITORS)
def person_leave(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.get_editable_person_for(request.user, pk)
    form = ConsentWithdrawForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Укажите дату выбытия.")
        accounts.person_leave(person=person, date=form.cleaned_data["date"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        audit.record(request, audit.Action.CHANGE, person, "Выбыл(а) из организации, вход отключён")
        messages.success(request, f"{person.full_name}: отмечено выбытие, вход на портал отключён.")
    return redirect("participants:person", pk=person.pk)


class StaffRolesForm(forms.Form):
    """One multiple choice of staff roles per row of the staff list."""

    def __init__(self, *args, rows: list[accounts.StaffRow], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(role.value, role.label) for role in accounts.STAFF_ROLES]
        self.rows = rows
        for row in rows:
            self.fields[row.key] = forms.MultipleChoiceField(
                label=row.name,
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
                initial=sorted(row.roles & set(accounts.STAFF_ROLES)),
            )

    def table(self):
        return [(row, self[row.key]) for row in self.rows]


def _director_only(request: HttpRequest) -> None:
    user = request.user
    if not (user.has_role(Role.DIRECTOR) or (user.is_superuser and user.organization_id)):
        raise PermissionDenied("Роли сотрудникам назначает директор.")


@login_required
def staff_roles(request: HttpRequest) -> HttpResponse:
    """The director names the curator, form curators, the psychologist and the list keepers."""
    _director_only(request)
    organization = user_organization(request.user)
    rows = accounts.staff_rows(organization=organization)
    form = StaffRolesForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        wanted = {key: set(values) for key, values in form.cleaned_data.items()}
        try:
            changes = accounts.staff_roles_set(
                organization=organization, wanted=wanted, by=request.user, base_url=site_base_url(request)
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            for change in changes:
                if change.row.person is not None:
                    audit.record(request, audit.Action.CHANGE, change.row.person, "Роли: " + change.text)
                else:
                    audit.record_many(request, audit.Action.CHANGE, [], "Роли: " + change.text)
            if changes:
                messages.success(request, "Роли изменены: " + "; ".join(c.text for c in changes) + ".")
            else:
                messages.info(request, "Роли не изменились.")
            return redirect("participants:staff_roles")
    return render(request, "participants/staff_roles.html", {"form": form})

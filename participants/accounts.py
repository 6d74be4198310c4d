"""Accounts for participants: created from their cards, a whole class at once; each person activates
theirs through a one-time link (by e-mail, or on a printed sheet with QR codes) and sets their own
password; a person who leaves loses the login. The director assigns the staff roles.

The account's roles follow the bases: a mentor's card gives the «наставник» role, a mentee's the
«наставляемый»; staff roles (curator, psychologist…) are given only by the director."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from mentoring.models import Organization, Role, User, UserRole
from participants.models import AccountActivation, Consent, Guardian, Person

ACTIVATION_DAYS = 14
STAFF_ROLES = (Role.CURATOR, Role.FORM_CURATOR, Role.PSYCHOLOGIST, Role.STAFF)
BASE_ROLES = (Role.MENTOR, Role.MENTEE)

_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "-",
            "y",
            "-",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)


def _latin(text: str) -> str:
    out = "".join(_TRANSLIT.get(ch, ch) for ch in text.casefold()).replace("-", "")
    return "".join(ch for ch in out if ch.isascii() and ch.isalnum())


def username_for(person: Person) -> str:
    """«Фёдорова Алёна Сергеевна» → «fedorova.as», then «fedorova.as2»… — short enough to type
    from a printed sheet, unique in the whole portal."""
    return _unique_username(_login_base(person))


def _login_base(person: Person) -> str:
    initials = "".join(_latin(part)[:1] for part in (person.first_name, person.middle_name) if part)
    return (_latin(person.last_name)[:20] or "user") + (f".{initials}" if initials else "")


def _unique_username(base: str) -> str:
    taken = set(User.objects.filter(username__istartswith=base).values_list("username", flat=True))
    taken = {name.lower() for name in taken}
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}{number}"
    return candidate


def base_roles_for(person: Person) -> set[str]:
    roles = set()
    if hasattr(person, "mentor_profile"):
        roles.add(Role.MENTOR)
    if hasattr(person, "mentee_profile"):
        roles.add(Role.MENTEE)
    return roles


def account_sync_roles(*, person: Person) -> None:
    """After a person enters or leaves a base: their account's mentor / mentee role follows."""
    if not person.user_id:
        return
    wanted = base_roles_for(person)
    UserRole.objects.filter(user_id=person.user_id, role__in=BASE_ROLES).exclude(role__in=wanted).delete()
    for role in wanted:
        UserRole.objects.get_or_create(user_id=person.user_id, role=role)


def _refusal(person: Person) -> str | None:
    if person.is_anonymized:
        return "данные обезличены"
    if person.left_on:
        return f"выбыл(а) {person.left_on:%d.%m.%Y}"
    return None


@dataclass
class AccountsResult:
    created: list[Person] = field(default_factory=list)
    existing: list[Person] = field(default_factory=list)
    emailed: list[Person] = field(default_factory=list)

    @property
    def summary(self) -> str:
        parts = [f"Созданы учётные записи: {len(self.created)}"]
        if self.existing:
            parts.append(f"уже были: {len(self.existing)}")
        if self.emailed:
            parts.append(f"ссылки для входа отправлены письмом: {len(self.emailed)}")
        without = len(self.created) - len(self.emailed)
        if without:
            parts.append(f"без адреса почты: {without} — распечатайте лист входа на портал")
        return "; ".join(parts) + "."


def accounts_create(
    *, people: list[Person], created_by: User | None, base_url: str, send_emails: bool = True
) -> AccountsResult:
    """Logins for everyone selected, all or nothing. Who has an account keeps it; a departed or
    anonymized person stops the whole action, named. Those with an e-mail get their link by mail
    once the transaction has committed."""
    refused = [f"{p.full_name} ({reason})" for p in people if (reason := _refusal(p))]
    if refused:
        raise ValidationError(
            "Учётные записи не созданы: " + "; ".join(refused[:10]) + (" …" if len(refused) > 10 else ""),
            code="refused",
        )
    result = AccountsResult()
    mails: list[tuple[Person, str]] = []
    with transaction.atomic():
        for person in people:
            if person.user_id:
                result.existing.append(person)
                continue
            user = User(
                username=username_for(person),
                first_name=person.first_name,
                last_name=person.last_name,
                middle_name=person.middle_name,
                email=person.email,
                organization=person.organization,
                position=person.position,
            )
            user.set_unusable_password()
            user.full_clean()
            user.save()
            Person.objects.filter(pk=person.pk).update(user=user)
            person.user = user
            account_sync_roles(person=person)
            result.created.append(person)
            if person.email and send_emails:
                _, token = activation_issue(person=person, created_by=created_by, sent_to=person.email)
                mails.append((person, token))
                result.emailed.append(person)
        transaction.on_commit(lambda: [_send_activation(p, t, base_url) for p, t in mails])
    return result


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def activation_issue(
    *, person: Person, created_by: User | None, sent_to: str = "", user: User | None = None
) -> tuple[AccountActivation, str]:
    """A fresh link for one person (or, with ``user``, for a parent of that person); the account's
    earlier unused links stop working (a lost sheet)."""
    user_id = user.pk if user is not None else person.user_id
    if not user_id:
        raise ValidationError(f"У участника «{person.full_name}» нет учётной записи.", code="no_account")
    now = timezone.now()
    AccountActivation.objects.filter(user_id=user_id, used_at=None, revoked_at=None).update(revoked_at=now)
    token = secrets.token_urlsafe(24)
    activation = AccountActivation.objects.create(
        person=person,
        user_id=user_id,
        token_hash=_hash(token),
        sent_to=sent_to,
        expires_at=now + datetime.timedelta(days=ACTIVATION_DAYS),
        created_by=created_by,
    )
    return activation, token


@transaction.atomic
def activations_issue(*, people: list[Person], created_by: User | None) -> list[tuple[Person, AccountActivation, str]]:
    """Links for a printed sheet: everyone selected who has an account not yet activated."""
    issued = []
    for person in people:
        if person.user_id and person.user.is_active and not person.user.has_usable_password():
            activation, token = activation_issue(person=person, created_by=created_by)
            issued.append((person, activation, token))
    return issued


# ---------------------------------------------------------------- parents (законные представители)


def _parent_username(child: Person) -> str:
    """«abramova.as.rod»: the child's login with «rod» (родитель) — a sheet taken home reads at a glance."""
    return _unique_username(_login_base(child) + ".rod")


def _representative_of(child: Person) -> tuple[list[str], str]:
    """The parent's name and relation as the child's consent records them, or blanks when the consent
    came on paper: the parent then types the name when activating the account."""
    consent = child.valid_consent(Consent.Kind.PROCESSING)
    if consent is None or consent.signed_by != Consent.SignedBy.REPRESENTATIVE:
        return ["", "", ""], ""
    parts = consent.representative_name.split()
    if len(parts) < 2:
        return ["", "", ""], consent.representative_relation
    return [parts[0], parts[1], " ".join(parts[2:])], consent.representative_relation


@dataclass
class ParentAccountsResult:
    created: list[Person] = field(default_factory=list)
    existing: list[Person] = field(default_factory=list)
    adults: list[Person] = field(default_factory=list)

    @property
    def summary(self) -> str:
        parts = [f"Созданы учётные записи родителей (законных представителей): {len(self.created)}"]
        if self.existing:
            parts.append(f"уже были: {len(self.existing)}")
        if self.adults:
            parts.append(f"совершеннолетним не нужны: {len(self.adults)}")
        if self.created:
            parts.append("распечатайте лист входа для родителей")
        return "; ".join(parts) + "."


def parent_accounts_create(*, people: list[Person], created_by: User | None) -> ParentAccountsResult:
    """An account for a parent of each minor selected, linked to that child only; all or nothing, like
    the participants' own accounts. The link to set the password goes on a sheet the child takes home."""
    refused = [f"{p.full_name} ({reason})" for p in people if (reason := _refusal(p))]
    if refused:
        raise ValidationError(
            "Учётные записи не созданы: " + "; ".join(refused[:10]) + (" …" if len(refused) > 10 else ""),
            code="refused",
        )
    result = ParentAccountsResult()
    with transaction.atomic():
        for child in people:
            if not child.is_minor:
                result.adults.append(child)
                continue
            if child.guardians.exists():
                result.existing.append(child)
                continue
            (last, first, middle), relation = _representative_of(child)
            user = User(
                username=_parent_username(child),
                last_name=last,
                first_name=first,
                middle_name=middle,
                organization=child.organization,
            )
            user.set_unusable_password()
            user.full_clean()
            user.save()
            UserRole.objects.create(user=user, role=Role.PARENT)
            Guardian.objects.create(person=child, user=user, relation=relation)
            result.created.append(child)
    return result


@transaction.atomic
def parent_activations_issue(
    *, people: list[Person], created_by: User | None
) -> list[tuple[Person, User, AccountActivation, str]]:
    """Links for the parents' sheet: every parent of the selected children who has not set a password."""
    issued = []
    for guardian in Guardian.objects.filter(person__in=people).select_related("user", "person__study_group"):
        user = guardian.user
        if user.is_active and not user.has_usable_password():
            activation, token = activation_issue(person=guardian.person, user=user, created_by=created_by)
            issued.append((guardian.person, user, activation, token))
    issued.sort(key=lambda row: (row[0].sort_key, row[1].pk))
    return issued


def _send_activation(person: Person, token: str, base_url: str) -> None:
    context = {
        "person": person,
        "username": person.user.username,
        "url": f"{base_url}/participants/activate/{token}/",
        "days": ACTIVATION_DAYS,
        "organization": person.organization,
    }
    send_mail(
        "Учётная запись на портале «Наставничество»",
        render_to_string("emails/activation.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [person.email],
    )


def activation_for_token(token: str) -> AccountActivation | None:
    """The usable link with this token, or None: unknown, used, revoked and expired look alike."""
    if not token or len(token) > 100:
        return None
    activation = AccountActivation.objects.select_related("user", "person").filter(token_hash=_hash(token)).first()
    if activation is None or not activation.is_usable or not activation.user.is_active:
        return None
    return activation


def account_activate(*, token: str, password: str, name: tuple[str, str, str] | None = None) -> User:
    """Sets the password once; the link is spent even if the person never logs in afterwards. A parent
    whose name the school did not have gives it here (``name``: last, first, middle)."""
    with transaction.atomic():
        activation = activation_for_token(token)
        if activation is None:
            raise ValidationError("Ссылка недействительна: она уже использована, отозвана или устарела.", code="link")
        activation = AccountActivation.objects.select_for_update().get(pk=activation.pk)
        if activation.used_at is not None:
            raise ValidationError("Ссылка уже использована.", code="used")
        user = activation.user
        validate_password(password, user)
        user.set_password(password)
        if name and not user.last_name:
            user.last_name, user.first_name, user.middle_name = (part.strip() for part in name)
            user.full_clean()
        user.save()
        now = timezone.now()
        activation.used_at = now
        activation.save(update_fields=["used_at"])
        AccountActivation.objects.filter(user=user, used_at=None, revoked_at=None).update(revoked_at=now)
    return user


@transaction.atomic
def person_leave(*, person: Person, date: datetime.date) -> Person:
    """The person has left the organization: the login stops working at once, links are revoked;
    the card and its history stay (the programme's figures and signed orders refer to them)."""
    if date > timezone.localdate():
        raise ValidationError("Дата выбытия не может быть в будущем.", code="future")
    person.left_on = date
    person.save(update_fields=["left_on", "updated_at"])
    # The child's parents lose the login too, unless another child of theirs still studies here.
    parents = User.objects.filter(wards__person=person).exclude(wards__person__left_on__isnull=True)
    for user_id in [person.user_id, *parents.values_list("pk", flat=True)]:
        if user_id:
            User.objects.filter(pk=user_id).update(is_active=False)
            AccountActivation.objects.filter(user_id=user_id, used_at=None, revoked_at=None).update(
                revoked_at=timezone.now()
            )
    return person


# ---------------------------------------------------------------- staff roles (the director's page)


@dataclass
class StaffRow:
    key: str  # "u<user pk>" or "p<person pk>": the form field's name
    name: str
    position: str
    user: User | None
    person: Person | None
    roles: set[str]


def staff_rows(*, organization: Organization) -> list[StaffRow]:
    """The organization's teachers and staff (from the people lists) and every user holding a
    staff role, each once, in Russian alphabetical order."""
    from participants.models import person_sort_key

    people = Person.objects.filter(
        organization=organization,
        kind__in=[Person.Kind.TEACHER, Person.Kind.STAFF],
        is_anonymized=False,
        left_on=None,
    ).select_related("user")
    roles_by_user: dict[int, set[str]] = {}
    for user_id, role in UserRole.objects.filter(user__organization=organization).values_list("user_id", "role"):
        roles_by_user.setdefault(user_id, set()).add(role)
    rows, seen_users = [], set()
    for person in people:
        user = person.user
        if user is not None:
            seen_users.add(user.pk)
        rows.append(
            StaffRow(
                key=f"u{user.pk}" if user else f"p{person.pk}",
                name=person.full_name,
                position=person.position,
                user=user,
                person=person,
                roles=roles_by_user.get(user.pk, set()) if user else set(),
            )
        )
    staff_users = User.objects.filter(
        organization=organization, roles__role__in=[*STAFF_ROLES, Role.DIRECTOR], is_active=True
    ).exclude(pk__in=seen_users)
    for user in staff_users.distinct():
        rows.append(
            StaffRow(
                key=f"u{user.pk}",
                name=user.full_name or user.username,
                position=user.position,
                user=user,
                person=None,
                roles=roles_by_user.get(user.pk, set()),
            )
        )
    rows.sort(key=lambda row: person_sort_key(row.name, ""))
    return rows


@dataclass
class RoleChange:
    row: StaffRow
    added: set[str]
    removed: set[str]

    @property
    def text(self) -> str:
        parts = []
        if self.added:
            parts.append("назначено: " + ", ".join(Role(r).label.lower() for r in sorted(self.added)))
        if self.removed:
            parts.append("снято: " + ", ".join(Role(r).label.lower() for r in sorted(self.removed)))
        return f"{self.row.name} — " + "; ".join(parts)


def staff_roles_set(
    *, organization: Organization, wanted: dict[str, set[str]], by: User, base_url: str
) -> list[RoleChange]:
    """Applies the director's choice of staff roles, all or nothing. A teacher without an account
    gets one (with an activation link by e-mail when the card has an address)."""
    rows = {row.key: row for row in staff_rows(organization=organization)}
    unknown = set(wanted) - set(rows)
    if unknown:
        raise ValidationError("Список сотрудников изменился — откройте страницу заново.", code="stale")
    changes = []
    for key, row in rows.items():
        target = set(wanted.get(key, set())) & set(STAFF_ROLES)
        current = row.roles & set(STAFF_ROLES)
        if target != current:
            changes.append(RoleChange(row=row, added=target - current, removed=current - target))
    with transaction.atomic():
        for change in changes:
            row = change.row
            if row.user is None:
                accounts_create(people=[row.person], created_by=by, base_url=base_url)
                row.person.refresh_from_db()
                row.user = row.person.user
            UserRole.objects.filter(user=row.user, role__in=change.removed).delete()
            for role in change.added:
                assignment = UserRole(user=row.user, role=role)
                assignment.clean()
                assignment.save()
    return changes

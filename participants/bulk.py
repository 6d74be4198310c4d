"""Actions on a selection of people (a page's ticks, or everyone the list's filter finds): each one
all or nothing — every person is tried inside one transaction, and a single refusal rolls all
back and names who and why. The summary says in Russian what changed."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentoring.models import User
from participants import accounts, services
from participants.models import Consent, MenteeCategory, MenteeProfile, MentorProfile, Person

# A PDF of hundreds of forms takes minutes to lay out: bigger selections are printed by class.
MAX_PRINT = 300
MAX_ERRORS_SHOWN = 8


class BulkRefused(Exception):
    """Nothing was changed; ``errors`` name the people who stopped the action."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors

    @property
    def message(self) -> str:
        shown = self.errors[:MAX_ERRORS_SHOWN]
        more = len(self.errors) - len(shown)
        return (
            "Ничего не изменено: "
            + "; ".join(shown)
            + (f" и ещё {more}" if more > 0 else "")
            + ". Исправьте или снимите отметку с этих участников и повторите."
        )


@dataclass
class BulkResult:
    done: int = 0
    skipped: int = 0
    notes: list[str] = field(default_factory=list)


def _each(people: list[Person], step: Callable[[Person], bool | None]) -> BulkResult:
    """Runs ``step`` for everyone in one transaction; True = changed, False = nothing to do."""
    result, errors = BulkResult(), []
    with transaction.atomic():
        for person in people:
            try:
                with transaction.atomic():
                    changed = step(person)
            except ValidationError as exc:
                errors.append(f"{person.short_name} — {' '.join(exc.messages)}")
                continue
            if changed is False:
                result.skipped += 1
            else:
                result.done += 1
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise BulkRefused(errors)
    return result


def _summary(done_text: str, result: BulkResult, skipped_text: str) -> str:
    text = f"{done_text}: {result.done}"
    if result.skipped:
        text += f"; {skipped_text}: {result.skipped}"
    return text + "."


def to_mentee_base(
    *,
    people: list[Person],
    category: MenteeCategory | None,
    date: datetime.date,
    user: User | None,
    with_consents: bool = False,
) -> str:
    """Into the mentee base; with ``with_consents`` the paper consents received that day are recorded
    first, in the same transaction: either both happen for everyone or nothing does."""
    if with_consents:
        with transaction.atomic():
            consents = paper_consents(people=people, date=date, user=user)
            return consents + " " + to_mentee_base(people=people, category=category, date=date, user=user)

    def step(person: Person) -> bool:
        if hasattr(person, "mentee_profile"):
            if category is not None:
                person.mentee_profile.categories.add(category)
            return False
        if category is not None:
            audience = (
                MenteeCategory.Audience.STUDENT
                if person.kind == Person.Kind.STUDENT
                else MenteeCategory.Audience.TEACHER
            )
            if category.audience != audience:
                raise ValidationError(f"категория «{category.name}» — для {category.get_audience_display().lower()}")
        services.mentee_add(
            person=person,
            categories=[category] if category else [],
            nominated_by=MenteeProfile.NominatedBy.ADMINISTRATION,
            entry_date=date,
            status_date=date,
        )
        return True

    _not_future(date)
    result = _each(people, step)
    return _summary("Внесено в базу наставляемых", result, "уже были в базе")


def to_mentor_base(*, people: list[Person], category: str, date: datetime.date, user: User | None) -> str:
    def step(person: Person) -> bool:
        if hasattr(person, "mentor_profile"):
            return False
        fields = {"entry_date": date, "status_date": date}
        if category:
            fields["category"] = category
        services.mentor_add(person=person, user=user, note="Включён в базу списком", **fields)
        return True

    _not_future(date)
    result = _each(people, step)
    return _summary("Внесено в базу наставников", result, "уже были в базе")


def paper_consents(*, people: list[Person], date: datetime.date, user: User | None) -> str:
    """Signed paper forms came back: the processing consent is recorded for each person, signed by
    the legal representative for a minor, whose requisites stay on the paper form."""

    def step(person: Person) -> bool:
        if person.valid_consent(Consent.Kind.PROCESSING) is not None:
            return False
        minor = person.is_minor if not person.birth_date else person.age_on(date) < 18
        services.consent_record(
            person=person,
            user=user,
            kind=Consent.Kind.PROCESSING,
            signed_by=Consent.SignedBy.REPRESENTATIVE if minor else Consent.SignedBy.SELF,
            details_on_paper=minor,
            signed_on=date,
        )
        return True

    result = _each(people, step)
    return _summary(f"Внесены согласия на обработку ПДн от {date:%d.%m.%Y}", result, "согласие уже было")


MENTEE_BULK_STATUSES = (MenteeProfile.Status.CANDIDATE, MenteeProfile.Status.WAITING, MenteeProfile.Status.COMPLETED)


def mentee_status(*, people: list[Person], status: str, date: datetime.date) -> str:
    if status not in MENTEE_BULK_STATUSES:
        raise BulkRefused(["статус «в паре» ставится закреплением пары, не списком"])
    _not_future(date)

    def step(person: Person) -> bool:
        mentee = getattr(person, "mentee_profile", None)
        if mentee is None:
            raise ValidationError("не в базе наставляемых")
        if mentee.status == status:
            return False
        if mentee.status == MenteeProfile.Status.PAIRED:
            raise ValidationError("в паре: статус меняется через пару")
        services.mentee_set_status(mentee=mentee, status=status, date=date)
        return True

    result = _each(people, step)
    label = MenteeProfile.Status(status).label
    return _summary(f"Статус «{label}» у наставляемых", result, "уже с этим статусом")


def mentor_status(*, people: list[Person], status: str, date: datetime.date, user: User | None) -> str:
    def step(person: Person) -> bool:
        mentor = getattr(person, "mentor_profile", None)
        if mentor is None:
            raise ValidationError("не в базе наставников")
        if mentor.status == status:
            return False
        services.mentor_set_status(mentor=mentor, status=status, date=date, user=user, note="Изменено списком")
        return True

    result = _each(people, step)
    label = MentorProfile.Status(status).label
    return _summary(f"Статус «{label}» у наставников", result, "уже с этим статусом")


def leave(*, people: list[Person], date: datetime.date) -> str:
    def step(person: Person) -> bool:
        if person.left_on:
            return False
        accounts.person_leave(person=person, date=date)
        return True

    result = _each(people, step)
    return _summary("Отмечены как выбывшие, вход отключён", result, "уже выбыли")


def create_accounts(*, people: list[Person], user: User | None, base_url: str, with_parents: bool = False) -> str:
    """Logins for the selected; with ``with_parents`` also for a parent of each minor among them, in the
    same transaction."""
    try:
        with transaction.atomic():
            result = accounts.accounts_create(people=people, created_by=user, base_url=base_url)
            parents = accounts.parent_accounts_create(people=people, created_by=user) if with_parents else None
    except ValidationError as exc:
        raise BulkRefused(exc.messages) from exc
    return result.summary + (" " + parents.summary if parents else "")


def printable(people: list[Person]) -> list[Person]:
    people = [p for p in people if not p.is_anonymized]
    if not people:
        raise BulkRefused(["среди выбранных нет участников, для которых можно напечатать документ"])
    if len(people) > MAX_PRINT:
        raise BulkRefused([f"выбрано {len(people)} человек, за один раз печатается не больше {MAX_PRINT}"])
    return people


def _not_future(date: datetime.date) -> None:
    if date > timezone.localdate():
        raise BulkRefused(["дата не может быть в будущем"])

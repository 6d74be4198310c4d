"""Membership by academic year: who was a student (of which class), a teacher (a young specialist or
not) or a staff member of the organization in each year. Class-list and staff-list imports, the
person form and the curator's «выбытие» and «выпуск» actions write here; the KPIs of a year count
from these rows and that year's pairs (monitoring/kpi.py)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentoring.models import AcademicYear, Organization
from participants.models import Membership, Person, young_specialist_in

ROLE_OF_KIND = {
    Person.Kind.STUDENT: Membership.Role.STUDENT,
    Person.Kind.TEACHER: Membership.Role.TEACHER,
    Person.Kind.STAFF: Membership.Role.STAFF,
}


def _values(person: Person, year: AcademicYear) -> dict | None:
    role = ROLE_OF_KIND.get(person.kind)
    if role is None or person.is_anonymized:
        return None
    group = person.study_group if person.study_group_id else None
    in_year = group is not None and group.academic_year_id == year.pk
    return {
        "role": role,
        "class_label": group.name if role == Membership.Role.STUDENT and in_year else "",
        "grade": group.grade if role == Membership.Role.STUDENT and in_year else None,
        "is_young_specialist": role == Membership.Role.TEACHER
        and young_specialist_in(person.teaching_start_year, year),
    }


@transaction.atomic
def memberships_record(
    *, organization: Organization, year: AcademicYear, people: Iterable[Person], source: str
) -> tuple[int, int]:
    """Records that these people belong to the organization in the year (a class or staff list of
    that year): one row per person and role, created or brought up to date; a recorded leaving is
    kept. Returns (created, updated). A fixed number of queries, whatever the size of the list."""
    people = [p for p in people if p.organization_id == organization.pk]
    existing = {
        (m.person_id, m.role): m
        for m in Membership.objects.filter(academic_year=year, person__in=[p.pk for p in people])
    }
    new, changed = [], []
    for person in people:
        values = _values(person, year)
        if values is None:
            continue
        row = existing.get((person.pk, values["role"]))
        if row is None:
            new.append(
                Membership(organization=organization, person=person, academic_year=year, source=source, **values)
            )
            continue
        if any(getattr(row, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            changed.append(row)
    Membership.objects.bulk_create(new)
    Membership.objects.bulk_update(changed, ["class_label", "grade", "is_young_specialist"])
    return len(new), len(changed)


def membership_sync_person(*, person: Person) -> None:
    """After the person form: a student belongs to the year of their class, anyone else to the current year."""
    group = person.study_group if person.study_group_id else None
    year = group.academic_year if group is not None else AcademicYear.current()
    memberships_record(organization=person.organization, year=year, people=[person], source="Карточка участника")


def _check_leaving(year: AcademicYear, left_on: datetime.date, reason: str) -> None:
    if reason not in Membership.LeaveReason.values:
        raise ValidationError("Выберите причину выбытия.", code="reason")
    if left_on > timezone.localdate():
        raise ValidationError("Дата выбытия не может быть в будущем.", code="future")
    if not year.start_date <= left_on <= year.end_date:
        raise ValidationError(
            f"Дата выбытия должна входить в {year.name} учебный год "
            f"({year.start_date:%d.%m.%Y}–{year.end_date:%d.%m.%Y}).",
            code="left_outside_year",
        )


@transaction.atomic
def membership_leave(*, membership: Membership, left_on: datetime.date, reason: str) -> Membership:
    """Records that the person left (transfer, dismissal, graduation) during the membership's year.
    The year still counts them; the following years do not, unless a later list brings them back."""
    _check_leaving(membership.academic_year, left_on, reason)
    membership.left_on, membership.leave_reason = left_on, reason
    membership.full_clean()
    membership.save(update_fields=["left_on", "leave_reason"])
    return membership


@transaction.atomic
def memberships_graduate(
    *, organization: Organization, year: AcademicYear, class_label: str, left_on: datetime.date
) -> int:
    """«Выпуск»: every student of the class in the year who has not left is recorded as graduated.
    Returns how many; a class with nobody left to graduate is an error the curator sees."""
    _check_leaving(year, left_on, Membership.LeaveReason.GRADUATED)
    rows = Membership.objects.filter(
        organization=organization,
        academic_year=year,
        role=Membership.Role.STUDENT,
        class_label=class_label,
        left_on__isnull=True,
    )
    count = rows.update(left_on=left_on, leave_reason=Membership.LeaveReason.GRADUATED)
    if not count:
        raise ValidationError(
            f"В {year.name} учебном году в классе «{class_label}» нет обучающихся, которые ещё не выбыли.",
            code="empty_class",
        )
    return count


@transaction.atomic
def memberships_carry_over(*, organization: Organization, from_year: AcademicYear, to_year: AcademicYear) -> int:
    """Teachers and staff who did not leave in one year belong to the next one too (the school
    rarely imports a staff list every September); young-specialist status is recomputed for the
    new year. Students come with the new year's class lists. Returns how many rows were created."""
    if to_year.start_year <= from_year.start_year:
        raise ValidationError("Перенести состав можно только в следующий учебный год.", code="year_order")
    staying = Person.objects.filter(
        memberships__organization=organization,
        memberships__academic_year=from_year,
        memberships__role__in=(Membership.Role.TEACHER, Membership.Role.STAFF),
        memberships__left_on__isnull=True,
        is_anonymized=False,
    ).select_related("study_group")
    created, _ = memberships_record(
        organization=organization, year=to_year, people=staying, source=f"Перенесено из {from_year.name}"
    )
    return created


def record_import(
    *, organization: Organization, year: AcademicYear, result, kind: str, people: Iterable[Person] | None = None
) -> None:
    """Called by the class-list / staff-list import once it is applied: every person of the file
    (added, updated or unchanged) belongs to the organization in the import's year. ``people``, when the
    import has them at hand with their classes, spares reading them back."""
    if people is None:
        ids = [row.object_id for row in result.rows if row.object_id is not None]
        people = Person.objects.filter(pk__in=ids, organization=organization).select_related("study_group")
    source = "Список класса" if kind == "students" else "Список педагогов и сотрудников"
    memberships_record(organization=organization, year=year, people=people, source=f"{source} (загрузка из Excel)")

"""Builds memberships by academic year for the data entered before they existed: a student belongs
to the year of their class, a teacher or staff member to every year from the one they were entered
in to the current one, and anyone to the years of the pairs they were in."""

import datetime

from django.db import migrations

YOUNG_MAX = 3
ROLES = {"student": "student", "teacher": "teacher", "staff": "staff"}


def _start_year(day: datetime.date) -> int:
    return day.year if day.month >= 9 else day.year - 1


def build(apps, schema_editor):
    Person = apps.get_model("participants", "Person")
    Membership = apps.get_model("participants", "Membership")
    AcademicYear = apps.get_model("mentoring", "AcademicYear")
    MentorshipMember = apps.get_model("programs", "MentorshipMember")
    Mentorship = apps.get_model("programs", "Mentorship")

    def year_of(start_year):
        year, _ = AcademicYear.objects.get_or_create(
            start_year=start_year,
            defaults={
                "start_date": datetime.date(start_year, 9, 1),
                "end_date": datetime.date(start_year + 1, 8, 31),
            },
        )
        return year

    current = _start_year(datetime.date.today())
    wanted: dict[tuple[int, int, str], dict] = {}
    people = {
        p.pk: p for p in Person.objects.filter(is_anonymized=False, kind__in=list(ROLES)).select_related("study_group")
    }

    def add(person, start_year, source):
        role = ROLES[person.kind]
        group = person.study_group
        in_year = group is not None and group.academic_year.start_year == start_year
        young = (
            role == "teacher"
            and person.teaching_start_year is not None
            and start_year - person.teaching_start_year <= YOUNG_MAX
        )
        wanted.setdefault(
            (person.pk, start_year, role),
            {
                "person": person,
                "class_label": group.name if role == "student" and in_year else "",
                "grade": group.grade if role == "student" and in_year else None,
                "is_young_specialist": young,
                "source": source,
            },
        )

    for person in people.values():
        if person.kind == "student":
            start = (
                person.study_group.academic_year.start_year
                if person.study_group_id
                else _start_year(person.created_at.date())
            )
            add(person, start, "Перенесено из данных до учёта по годам")
        else:
            for start in range(min(_start_year(person.created_at.date()), current), current + 1):
                add(person, start, "Перенесено из данных до учёта по годам")
    pair_years = Mentorship.objects.values_list("mentor__person_id", "programme__academic_year__start_year")
    member_years = MentorshipMember.objects.values_list(
        "mentee__person_id", "mentorship__programme__academic_year__start_year"
    )
    for person_id, start in list(pair_years) + list(member_years):
        if person_id in people and start is not None:
            add(people[person_id], start, "Участие в паре учебного года")

    years = {}
    rows = []
    for (_person_id, start, role), values in wanted.items():
        if start not in years:
            years[start] = year_of(start)
        person = values.pop("person")
        rows.append(
            Membership(
                organization_id=person.organization_id, person=person, academic_year=years[start], role=role, **values
            )
        )
    Membership.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0004_membership_by_year"),
        ("programs", "0001_initial"),
    ]

    operations = [migrations.RunPython(build, migrations.RunPython.noop)]

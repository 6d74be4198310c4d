"""Coverage and satisfaction KPIs: targets per organization and year, actual values from the data.

Definitions (the UI states them too):
- a participant «вошёл в программу» of a year when they are in a pair or group of a programme of
  that year that was fixed by order, works or has been completed (drafts and early ends excluded);
- shares of students are of all students of the organization's base (anonymized people excluded);
- young teachers: teachers with 0–3 years of teaching (Person.is_young_specialist);
- employers: partners of kind «работодатель» with at least one representative mentoring in a pair;
- satisfaction: the share of answers 4 or 5 among all answers to 1–5 scale questions of submitted
  satisfaction questionnaires of the year, by mentees or by mentors.

Every function takes a list of organizations and answers for all of them in a fixed number of
queries, so the region's table costs the same for 3 organizations as for 300."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from mentoring.models import AcademicYear
from monitoring.models import Answer, Kpi, KpiTarget, Question, Questionnaire, Response
from participants.models import YOUNG_SPECIALIST_MAX_YEARS, Partner, Person
from programs.models import Mentorship, MentorshipMember

COUNTED_PAIR_STATUSES = (Mentorship.Status.FIXED, Mentorship.Status.ACTIVE, Mentorship.Status.COMPLETED)
SATISFIED_FROM = 4  # «удовлетворён»: 4 or 5 on a 1–5 scale

SATISFACTION_DEFINITION = (
    "Удовлетворённость — доля ответов «4» и «5» среди всех ответов на вопросы со шкалой 1–5 "
    "в анкетах удовлетворённости за учебный год."
)

# Presets. Seed 003: coverage «не менее 10 % … 70 %» over five years of the programme.
SEED_003 = {Kpi.STUDENT_MENTEES: [10, 20, 30, 50, 70], Kpi.TEACHERS: [10, 20, 30, 50, 70]}
# Seed 004: the KPI table, first year → fourth year (2021 → 2024); years between are interpolated.
SEED_004 = {
    Kpi.STUDENT_MENTEES: (30, 70),
    Kpi.STUDENT_MENTORS: (4, 10),
    Kpi.YOUNG_TEACHERS: (30, 70),
    Kpi.EMPLOYERS: (10, 30),
    Kpi.MENTEE_SATISFACTION: (60, 85),
    Kpi.MENTOR_SATISFACTION: (60, 85),
}
SEED_004_YEARS = 4
PRESETS = {
    "seed003": "Охват по годам 10 / 20 / 30 / 50 / 70 % (пять лет, как в программе ЦДО)",
    "seed004": "Таблица показателей техникума: 2021 → 2024 (четыре года)",
}


def preset_values(preset: str) -> list[dict[str, int]]:
    """Targets of each year of a preset, first year first."""
    if preset == "seed003":
        return [{kpi: values[i] for kpi, values in SEED_003.items()} for i in range(5)]
    if preset == "seed004":
        last = SEED_004_YEARS - 1
        return [
            {kpi: round(start + (end - start) * i / last) for kpi, (start, end) in SEED_004.items()}
            for i in range(SEED_004_YEARS)
        ]
    raise ValueError(f"unknown preset {preset!r}")


@dataclass(frozen=True)
class Ratio:
    part: int
    whole: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.part / self.whole, 1) if self.whole else None


def _pairs(org_ids: list[int], year: AcademicYear):
    return Mentorship.objects.filter(
        organization_id__in=org_ids, programme__academic_year=year, status__in=COUNTED_PAIR_STATUSES
    )


def satisfaction_counts(answers) -> Ratio:
    """Share of 4–5 among 1–5 scale answers of the given Answer queryset."""
    row = answers.filter(question__kind=Question.Kind.SCALE5, number__isnull=False).aggregate(
        whole=Count("pk"), part=Count("pk", filter=Q(number__gte=SATISFIED_FROM))
    )
    return Ratio(row["part"], row["whole"])


def actuals(org_ids: list[int], year: AcademicYear, today: datetime.date | None = None) -> dict[int, dict[str, Ratio]]:
    """org id → KPI → Ratio. Seven queries whatever the number of organizations and pairs."""
    today = today or timezone.localdate()
    young_since = today.year - YOUNG_SPECIALIST_MAX_YEARS
    young = Q(kind=Person.Kind.TEACHER, teaching_start_year__gte=young_since)
    bases = (
        Person.objects.filter(organization_id__in=org_ids, is_anonymized=False)
        .values("organization_id")
        .annotate(
            students=Count("pk", filter=Q(kind=Person.Kind.STUDENT)),
            teachers=Count("pk", filter=Q(kind=Person.Kind.TEACHER)),
            young=Count("pk", filter=young),
        )
    )
    whole = {row["organization_id"]: row for row in bases}
    pairs = _pairs(org_ids, year)
    mentees = MentorshipMember.objects.filter(mentorship__in=pairs).values_list(
        "mentorship__organization_id",
        "mentee__person_id",
        "mentee__person__kind",
        "mentee__person__teaching_start_year",
    )
    mentors = pairs.values_list("organization_id", "mentor__person_id", "mentor__person__kind")
    sets: dict[int, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for org_id, person_id, kind, start_year in mentees:
        if kind == Person.Kind.STUDENT:
            sets[org_id]["student_mentees"].add(person_id)
        if kind == Person.Kind.TEACHER:
            sets[org_id]["teachers"].add(person_id)
            if start_year is not None and start_year >= young_since:
                sets[org_id]["young"].add(person_id)
    for org_id, person_id, kind in mentors:
        if kind == Person.Kind.STUDENT:
            sets[org_id]["student_mentors"].add(person_id)
        if kind == Person.Kind.TEACHER:
            sets[org_id]["teachers"].add(person_id)
    employers_whole = dict(
        Partner.objects.filter(organization_id__in=org_ids, kind=Partner.Kind.EMPLOYER)
        .values("organization_id")
        .annotate(n=Count("pk"))
        .values_list("organization_id", "n")
    )
    employers_part = dict(
        pairs.filter(mentor__person__partner__kind=Partner.Kind.EMPLOYER)
        .values("organization_id")
        .annotate(n=Count("mentor__person__partner", distinct=True))
        .values_list("organization_id", "n")
    )
    satisfaction = (
        Answer.objects.filter(
            response__status=Response.Status.SUBMITTED,
            response__questionnaire__organization_id__in=org_ids,
            response__questionnaire__academic_year=year,
            response__questionnaire__purpose=Questionnaire.Purpose.SATISFACTION,
            question__kind=Question.Kind.SCALE5,
            number__isnull=False,
        )
        .values("response__questionnaire__organization_id", "response__questionnaire__audience")
        .annotate(whole=Count("pk"), part=Count("pk", filter=Q(number__gte=SATISFIED_FROM)))
    )
    satisfied = {
        (row["response__questionnaire__organization_id"], row["response__questionnaire__audience"]): Ratio(
            row["part"], row["whole"]
        )
        for row in satisfaction
    }
    result = {}
    for org_id in org_ids:
        base, own = whole.get(org_id, {}), sets[org_id]
        result[org_id] = {
            Kpi.STUDENT_MENTEES: Ratio(len(own["student_mentees"]), base.get("students", 0)),
            Kpi.STUDENT_MENTORS: Ratio(len(own["student_mentors"]), base.get("students", 0)),
            Kpi.YOUNG_TEACHERS: Ratio(len(own["young"]), base.get("young", 0)),
            Kpi.TEACHERS: Ratio(len(own["teachers"]), base.get("teachers", 0)),
            Kpi.EMPLOYERS: Ratio(employers_part.get(org_id, 0), employers_whole.get(org_id, 0)),
            Kpi.MENTEE_SATISFACTION: satisfied.get((org_id, Questionnaire.Audience.MENTEE), Ratio(0, 0)),
            Kpi.MENTOR_SATISFACTION: satisfied.get((org_id, Questionnaire.Audience.MENTOR), Ratio(0, 0)),
        }
    return result


def targets(org_ids: list[int], years: list[AcademicYear]) -> dict[tuple[int, int, str], int]:
    """(org id, year id, KPI) → target %."""
    rows = KpiTarget.objects.filter(organization_id__in=org_ids, academic_year__in=years)
    return {(t.organization_id, t.academic_year_id, t.indicator): t.target_percent for t in rows}


def kpi_table(
    organization_id: int, year: AcademicYear, today: datetime.date | None = None, target: dict | None = None
) -> list[dict]:
    """One organization's KPIs for a year: target, actual, whether the target is reached. Pass
    ``target`` (from targets() over several years) to read every year's targets in one query."""
    actual = actuals([organization_id], year, today)[organization_id]
    target = target if target is not None else targets([organization_id], [year])
    rows = []
    for kpi in Kpi:
        ratio = actual[kpi]
        goal = target.get((organization_id, year.pk, kpi.value))
        reached = None if goal is None or ratio.percent is None else ratio.percent >= goal
        rows.append({"kpi": kpi, "label": kpi.label, "ratio": ratio, "target": goal, "reached": reached})
    return rows

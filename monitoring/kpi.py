"""Coverage and satisfaction KPIs of one academic year: targets per organization and year, actual
values as a numerator over a denominator, both counted for the year asked.

One definition per indicator (DEFINITIONS), printed next to it on the page, in the PDF and in the xlsx:
- the year's members come from participants.Membership (class lists and staff lists of that year;
  a student who graduated or left during the year still counts in that year, not after);
- a member «вошёл в программу» of a year when they are a mentor or a mentee in a pair or group of a
  programme of that year that was fixed by order, works or has been completed (drafts and early ends
  excluded);
- young specialists: teachers with 0–3 years of teaching at the start of the year (Membership
  stores it per year, so a teacher stops being one in the year they pass three years);
- employers: people representing partner organizations of kind «работодатель», as mentors;
- satisfaction: a share of PEOPLE — those whose mean rating over the scale questions of the year's
  satisfaction questionnaires is 4–5 on a 1–5 scale (8–10 on a 1–10 scale) among those who answered.

Every function takes a list of organizations and answers for all of them in a fixed number of
queries, so the region's table costs the same for 3 organizations as for 300."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Avg, Case, Count, Exists, F, FloatField, OuterRef, Q, When

from mentoring import cache
from mentoring.models import AcademicYear, Organization
from monitoring.models import Answer, Kpi, KpiTarget, Question, Questionnaire, Response
from participants.models import Membership, Partner, Person
from programs.models import Mentorship, MentorshipMember, Programme

COUNTED_PAIR_STATUSES = (Mentorship.Status.FIXED, Mentorship.Status.ACTIVE, Mentorship.Status.COMPLETED)
# «Удовлетворён»: mean rating 4–5 of 5, 8–10 of 10 — i.e. at least 8 on the ten-point equivalent.
SATISFIED_FROM_OF_10 = 8
SMALL_COUNT = 3  # counts of one or two identify a child: the region report prints «менее 3»

PAIRS = "в парах и группах программ учебного года (закреплённых приказом, работающих или завершённых)"


@dataclass(frozen=True)
class Definition:
    numerator: str
    denominator: str

    @property
    def text(self) -> str:
        return f"числитель — {self.numerator}; знаменатель — {self.denominator}"


STUDENTS_OF_YEAR = (
    "обучающиеся организации в учебном году (по спискам классов этого года, включая выбывших в течение года)"
)
TEACHERS_OF_YEAR = "педагоги организации в учебном году (по спискам педагогов этого года)"
DEFINITIONS = {
    Kpi.STUDENTS: Definition(f"обучающиеся, бывшие наставниками или наставляемыми {PAIRS}", STUDENTS_OF_YEAR),
    Kpi.STUDENT_MENTEES: Definition(f"обучающиеся, бывшие наставляемыми {PAIRS}", STUDENTS_OF_YEAR),
    Kpi.STUDENT_MENTORS: Definition(f"обучающиеся, бывшие наставниками {PAIRS}", STUDENTS_OF_YEAR),
    Kpi.YOUNG_TEACHERS: Definition(
        f"молодые специалисты, бывшие наставляемыми {PAIRS}",
        "молодые специалисты организации в учебном году (педагоги со стажем 0–3 года на начало учебного года; "
        "не все педагоги, как в таблице техникума)",
    ),
    Kpi.TEACHERS: Definition(f"педагоги, бывшие наставниками или наставляемыми {PAIRS}", TEACHERS_OF_YEAR),
    Kpi.EMPLOYERS: Definition(
        f"представители организаций-партнёров вида «работодатель», бывшие наставниками {PAIRS}",
        "представители организаций-партнёров вида «работодатель» в базе организации",
    ),
    Kpi.MENTEE_SATISFACTION: Definition(
        "наставляемые, чья средняя оценка в анкетах удовлетворённости учебного года — 4–5 по шкале 1–5 "
        "(8–10 по шкале 1–10)",
        "наставляемые, ответившие на анкеты удовлетворённости учебного года (люди, а не ответы)",
    ),
    Kpi.MENTOR_SATISFACTION: Definition(
        "наставники, чья средняя оценка в анкетах удовлетворённости учебного года — 4–5 по шкале 1–5 "
        "(8–10 по шкале 1–10)",
        "наставники, ответившие на анкеты удовлетворённости учебного года (люди, а не ответы)",
    ),
}
# Column headings of the region's wide table; the full name is in the cell's title and under the table.
SHORT_LABELS = {
    Kpi.STUDENTS: "Обучающиеся в программах",
    Kpi.STUDENT_MENTEES: "Обучающиеся — наставляемые",
    Kpi.STUDENT_MENTORS: "Обучающиеся — наставники",
    Kpi.YOUNG_TEACHERS: "Молодые специалисты — наставляемые",
    Kpi.TEACHERS: "Педагоги в программах",
    Kpi.EMPLOYERS: "Представители работодателей — наставники",
    Kpi.MENTEE_SATISFACTION: "Удовлетворённость наставляемых",
    Kpi.MENTOR_SATISFACTION: "Удовлетворённость наставников",
}
SATISFACTION_DEFINITION = (
    "Удовлетворённость — доля людей (не ответов), чья средняя оценка по вопросам со шкалой в анкетах "
    "удовлетворённости учебного года составляет 4–5 из 5 (8–10 из 10), среди всех ответивших."
)

# Presets: exactly the years and values the seeds name, nothing in between (the curator fills the rest).
# A calendar year «2021» of a seed is the academic year that starts in it (2021/2022).
PRESETS = {
    "seed003": "Охват обучающихся и педагогов 10 / 20 / 30 / 50 / 70 % в 2020–2024 годах (программа ЦДО)",
    "seed004": "Таблица показателей техникума: значения 2021 и 2024 годов",
}
SEED_003 = {
    2020 + offset: {Kpi.STUDENTS: value, Kpi.TEACHERS: value} for offset, value in enumerate((10, 20, 30, 50, 70))
}
SEED_004 = {
    2021: {
        Kpi.STUDENT_MENTEES: 30,
        Kpi.STUDENT_MENTORS: 4,
        Kpi.YOUNG_TEACHERS: 30,
        Kpi.EMPLOYERS: 10,
        Kpi.MENTEE_SATISFACTION: 60,
        Kpi.MENTOR_SATISFACTION: 60,
    },
    2024: {
        Kpi.STUDENT_MENTEES: 70,
        Kpi.STUDENT_MENTORS: 10,
        Kpi.YOUNG_TEACHERS: 70,
        Kpi.EMPLOYERS: 30,
        Kpi.MENTEE_SATISFACTION: 85,
        Kpi.MENTOR_SATISFACTION: 85,
    },
}


def preset_values(preset: str) -> dict[int, dict[str, int]]:
    """Start year of the academic year → KPI → target %, as the seed gives them."""
    if preset == "seed003":
        return SEED_003
    if preset == "seed004":
        return SEED_004
    raise ValueError(f"unknown preset {preset!r}")


@dataclass(frozen=True)
class Ratio:
    part: int
    whole: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.part / self.whole, 1) if self.whole else None

    @property
    def text(self) -> str:
        return f"{self.part} из {self.whole}"

    @property
    def is_small(self) -> bool:
        """A count of one or two (a group of one or two children is identifiable)."""
        return 0 < self.part < SMALL_COUNT or 0 < self.whole < SMALL_COUNT

    @property
    def public_text(self) -> str:
        return "менее 3" if self.is_small else self.text

    @property
    def public_percent(self) -> float | None:
        return None if self.is_small else self.percent


CACHE_SCOPE = "kpi-members"


def register_cache() -> None:
    """The tables the membership and employer figures are counted from (mentoring/cache.py)."""
    models = (Membership, Person, Partner, Mentorship, MentorshipMember, Programme, AcademicYear, Organization)
    cache.register(CACHE_SCOPE, [model._meta.db_table for model in models])


def _pairs(org_ids: list[int], year: AcademicYear):
    return Mentorship.objects.filter(
        organization_id__in=org_ids, programme__academic_year=year, status__in=COUNTED_PAIR_STATUSES
    )


def _mentee_people(org_ids: list[int], year: AcademicYear):
    return MentorshipMember.objects.filter(mentorship__in=_pairs(org_ids, year)).values("mentee__person_id")


def _mentor_people(org_ids: list[int], year: AcademicYear):
    return _pairs(org_ids, year).values("mentor__person_id")


def _membership_counts(org_ids: list[int], year: AcademicYear) -> dict[int, dict[str, int]]:
    """One query: every membership-based numerator and denominator of the year, per organization."""
    student, teacher = Q(role=Membership.Role.STUDENT), Q(role=Membership.Role.TEACHER)
    young = teacher & Q(is_young_specialist=True)
    # Uncorrelated IN (…) subqueries: both databases build the set of the year's mentees and mentors once,
    # where a correlated EXISTS ran twice per membership (65k rows at region scale).
    mentee, mentor = Q(person_id__in=_mentee_people(org_ids, year)), Q(person_id__in=_mentor_people(org_ids, year))
    rows = (
        Membership.objects.filter(organization_id__in=org_ids, academic_year=year, person__is_anonymized=False)
        .values("organization_id")
        .annotate(
            students=Count("pk", filter=student),
            student_mentees=Count("pk", filter=student & mentee),
            student_mentors=Count("pk", filter=student & mentor),
            student_any=Count("pk", filter=student & (mentee | mentor)),
            teachers=Count("pk", filter=teacher),
            teacher_any=Count("pk", filter=teacher & (mentee | mentor)),
            young=Count("pk", filter=young),
            young_mentees=Count("pk", filter=young & mentee),
        )
    )
    return {row.pop("organization_id"): row for row in rows}


def _employer_counts(org_ids: list[int], year: AcademicYear) -> dict[int, Ratio]:
    employer_people = Person.objects.filter(
        organization_id__in=org_ids, is_anonymized=False, partner__kind=Partner.Kind.EMPLOYER
    )
    rows = employer_people.values("organization_id").annotate(
        whole=Count("pk"), part=Count("pk", filter=Q(pk__in=_mentor_people(org_ids, year)))
    )
    return {row["organization_id"]: Ratio(row["part"], row["whole"]) for row in rows}


def satisfaction_people(answers) -> Ratio:
    """People among the given answers' respondents whose mean scale rating is «satisfied»."""
    rows = _per_person(answers).values("response__person_id").annotate(mean=Avg("of_10"))
    means = [row["mean"] for row in rows]
    return Ratio(sum(1 for m in means if m >= SATISFIED_FROM_OF_10), len(means))


def _per_person(answers):
    scale = answers.filter(question__kind__in=(Question.Kind.SCALE5, Question.Kind.SCALE10), number__isnull=False)
    return scale.annotate(
        of_10=Case(
            When(question__kind=Question.Kind.SCALE5, then=F("number") * 2.0),
            default=F("number") * 1.0,
            output_field=FloatField(),
        )
    )


def _satisfaction(org_ids: list[int], year: AcademicYear) -> dict[tuple[int, str], Ratio]:
    answers = Answer.objects.filter(
        response__status=Response.Status.SUBMITTED,
        response__questionnaire__organization_id__in=org_ids,
        response__questionnaire__academic_year=year,
        response__questionnaire__purpose=Questionnaire.Purpose.SATISFACTION,
    )
    rows = (
        _per_person(answers)
        .values("response__questionnaire__organization_id", "response__questionnaire__audience", "response__person_id")
        .annotate(mean=Avg("of_10"))
    )
    counts: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        key = (row["response__questionnaire__organization_id"], row["response__questionnaire__audience"])
        counts[key][1] += 1
        counts[key][0] += row["mean"] >= SATISFIED_FROM_OF_10
    return {key: Ratio(part, whole) for key, (part, whole) in counts.items()}


def actuals(org_ids: list[int], year: AcademicYear, today: datetime.date | None = None) -> dict[int, dict[str, Ratio]]:
    """org id → KPI → Ratio for the year asked. Three queries whatever the number of organizations; the two
    over every membership and person come from the cache until one of their tables is written."""
    key = f"{year.pk}:{cache.ids_key(org_ids)}"
    members = cache.cached(CACHE_SCOPE, f"members:{key}", lambda: _membership_counts(org_ids, year))
    employers = cache.cached(CACHE_SCOPE, f"employers:{key}", lambda: _employer_counts(org_ids, year))
    satisfied = _satisfaction(org_ids, year)
    result = {}
    for org_id in org_ids:
        m = members.get(org_id, defaultdict(int))
        result[org_id] = {
            Kpi.STUDENTS: Ratio(m["student_any"], m["students"]),
            Kpi.STUDENT_MENTEES: Ratio(m["student_mentees"], m["students"]),
            Kpi.STUDENT_MENTORS: Ratio(m["student_mentors"], m["students"]),
            Kpi.YOUNG_TEACHERS: Ratio(m["young_mentees"], m["young"]),
            Kpi.TEACHERS: Ratio(m["teacher_any"], m["teachers"]),
            Kpi.EMPLOYERS: employers.get(org_id, Ratio(0, 0)),
            Kpi.MENTEE_SATISFACTION: satisfied.get((org_id, Questionnaire.Audience.MENTEE), Ratio(0, 0)),
            Kpi.MENTOR_SATISFACTION: satisfied.get((org_id, Questionnaire.Audience.MENTOR), Ratio(0, 0)),
        }
    return result


def unlisted_participants(organization_id: int, year: AcademicYear) -> int:
    """Students and teachers in the year's pairs with no membership of that year: they are left out
    of the figures, and the page says so, so that the curator loads the missing list."""
    listed = Membership.objects.filter(academic_year=year, person_id=OuterRef("pk"))
    pairs = _pairs([organization_id], year)
    return (
        Person.objects.filter(
            organization_id=organization_id,
            kind__in=(Person.Kind.STUDENT, Person.Kind.TEACHER),
            is_anonymized=False,
        )
        .filter(
            Q(Exists(pairs.filter(mentor__person_id=OuterRef("pk"))))
            | Q(Exists(MentorshipMember.objects.filter(mentorship__in=pairs, mentee__person_id=OuterRef("pk"))))
        )
        .exclude(Exists(listed))
        .count()
    )


def targets(org_ids: list[int], years: list[AcademicYear]) -> dict[tuple[int, int, str], int]:
    """(org id, year id, KPI) → target %."""
    rows = KpiTarget.objects.filter(organization_id__in=org_ids, academic_year__in=years)
    return {(t.organization_id, t.academic_year_id, t.indicator): t.target_percent for t in rows}


def rows_for(actual: dict[str, Ratio], target: dict, organization_id: int, year: AcademicYear) -> list[dict]:
    rows = []
    for indicator in Kpi:
        ratio = actual[indicator]
        goal = target.get((organization_id, year.pk, indicator.value))
        reached = None if goal is None or ratio.percent is None else ratio.percent >= goal
        rows.append(
            {
                "kpi": indicator,
                "label": indicator.label,
                "definition": DEFINITIONS[indicator],
                "ratio": ratio,
                "target": goal,
                "reached": reached,
            }
        )
    return rows


def kpi_table(
    organization_id: int, year: AcademicYear, today: datetime.date | None = None, target: dict | None = None
) -> list[dict]:
    """One organization's KPIs for a year: definition, target, actual, whether the target is reached.
    Pass ``target`` (from targets() over several years) to read every year's targets in one query."""
    actual = actuals([organization_id], year, today)[organization_id]
    target = target if target is not None else targets([organization_id], [year])
    return rows_for(actual, target, organization_id, year)

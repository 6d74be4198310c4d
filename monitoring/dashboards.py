"""Figures of the dashboards, all computed from the data. Each function costs a fixed number of
queries, whatever the number of pairs and meetings."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from django.db.models import Avg, Count, IntegerField, Q, Value
from django.utils import timezone

from mentoring.models import AcademicYear, Organization
from mentoring.orders.models import Order
from monitoring import kpi
from monitoring.charts import chart
from monitoring.efficiency import efficiency_level, level_label
from monitoring.models import EfficiencyAssessment, Kpi, Questionnaire
from monitoring.selectors import people_with_pending
from programs.models import Meeting, Mentorship
from programs.selectors import meetings_missing_feedback, pairs_without_recent_meeting
from roadmap.models import Activity
from roadmap.selectors import current_roadmaps

MONTHS = ["Сен", "Окт", "Ноя", "Дек", "Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг"]
STALE_LIST_LIMIT = 10


def year_pairs(organization: Organization, year: AcademicYear):
    return Mentorship.objects.filter(organization=organization, programme__academic_year=year)


def pairs_by_status(organization: Organization, year: AcademicYear) -> dict:
    counts = dict(year_pairs(organization, year).values("status").annotate(n=Count("pk")).values_list("status", "n"))
    labels = [label for _value, label in Mentorship.Status.choices]
    values = [counts.get(value, 0) for value, _label in Mentorship.Status.choices]
    return {**chart("Пары и группы по статусам", labels, values), "total": sum(values)}


def meetings_per_month(organization: Organization, year: AcademicYear) -> dict:
    keys = [(year.start_year + (m < 9), m) for m in (*range(9, 13), *range(1, 9))]
    # Local midnights of the twelve months' first days and of 1 September after: plain comparisons of
    # starts_at, where TruncMonth and __date called a Python function per meeting on SQLite (6,000 a year).
    edges = [_local_midnight(datetime.date(y, m, 1)) for y, m in keys] + [
        _local_midnight(datetime.date(year.start_year + 1, 9, 1))
    ]
    first, last = _local_midnight(year.start_date), _local_midnight(year.end_date + datetime.timedelta(days=1))
    counts = Meeting.objects.filter(
        mentorship__organization=organization, starts_at__gte=first, starts_at__lt=last
    ).aggregate(
        **{
            f"m{i}": Count("pk", filter=Q(starts_at__gte=edges[i], starts_at__lt=edges[i + 1]))
            for i in range(len(keys))
        }
    )
    values = [counts[f"m{i}"] for i in range(len(keys))]
    return {**chart("Встречи по месяцам", MONTHS, values), "total": sum(values)}


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def missing_feedback(organization: Organization, year: AcademicYear, now: datetime.datetime) -> int:
    """Past meetings of the year missing the mentor's or every mentee's feedback."""
    return missing_feedback_of(year_pairs(organization, year), now)


def missing_feedback_of(pairs, now: datetime.datetime) -> int:
    # One definition for every screen (the home page shows this beside the curator's panel).
    return meetings_missing_feedback(Meeting.objects.filter(mentorship__in=pairs), now=now).count()


def pending_questionnaires(organization: Organization, year: AcademicYear) -> list[dict]:
    """Open questionnaires with how many of those asked have not answered: one UNION ALL of every
    questionnaire's «asked and not answered» set, so the page's query count stays flat."""
    questionnaires = list(Questionnaire.objects.filter(organization=organization, academic_year=year, is_open=True))
    if not questionnaires:
        return []
    parts = [
        people_with_pending(q)
        .order_by()
        .annotate(qid=Value(q.pk, output_field=IntegerField()))
        .values_list("qid", "pk")
        for q in questionnaires
    ]
    counts = Counter(qid for qid, _ in parts[0].union(*parts[1:], all=True))
    return [{"questionnaire": q, "pending": counts[q.pk]} for q in questionnaires if counts[q.pk]]


def curator_dashboard(organization: Organization, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    year = AcademicYear.for_date(today)
    now = timezone.now()
    # Every quiet pair in one query (an organization has hundreds of pairs, not millions).
    stale = list(
        pairs_without_recent_meeting(year_pairs(organization, year), today=today)
        .select_related("mentor__person")
        .order_by("last_meeting")
    )
    pending = pending_questionnaires(organization, year)
    overdue = Activity.objects.filter(roadmap__in=current_roadmaps(organization, today)).overdue(today).count()
    return {
        "year": year,
        "today": today,
        "pairs": pairs_by_status(organization, year),
        "meetings": meetings_per_month(organization, year),
        "stale_count": len(stale),
        "stale": stale[:STALE_LIST_LIMIT],
        "missing_feedback": missing_feedback(organization, year, now),
        "pending": pending,
        "pending_total": sum(row["pending"] for row in pending),
        "overdue_activities": overdue,
        "kpis": kpi.kpi_table(organization.pk, year, today),
        "satisfaction_definition": kpi.SATISFACTION_DEFINITION,
    }


def director_dashboard(organization: Organization, today: datetime.date | None = None) -> dict:
    figures = curator_dashboard(organization, today)
    drafts = list(Order.objects.filter(organization=organization, status=Order.Status.DRAFT).order_by("date", "pk"))
    figures["drafts"] = drafts[:10]
    figures["drafts_count"] = len(drafts)
    return figures


def efficiency_by_organization(org_ids: list[int], year: AcademicYear) -> dict[int, dict]:
    """Mean total of the programme assessments of the year, with its level: org id → figures."""
    rows = (
        EfficiencyAssessment.objects.filter(organization_id__in=org_ids, academic_year=year, mentorship__isnull=True)
        .values("organization_id")
        .annotate(mean=Avg("total"), n=Count("pk"))
    )
    result = {}
    for row in rows:
        total = round(row["mean"])
        result[row["organization_id"]] = {
            "mean": round(row["mean"], 1),
            "count": row["n"],
            "level": efficiency_level(total),
            "level_label": level_label(efficiency_level(total)),
        }
    return result


REGION_KPIS = list(Kpi)


def region_rows(organizations: list[Organization], year: AcademicYear, today: datetime.date | None = None) -> list:
    """Every indicator per organization — aggregates only, no names; small counts are hidden by
    the templates and the xlsx («менее 3»), see kpi.Ratio.public_text."""
    ids = [o.pk for o in organizations]
    actual = kpi.actuals(ids, year, today)
    efficiency = efficiency_by_organization(ids, year)
    target = kpi.targets(ids, [year])
    pairs = defaultdict(int)
    for org_id, n in (
        Mentorship.objects.filter(organization_id__in=ids, programme__academic_year=year, status__in=Mentorship.WORKING)
        .values("organization_id")
        .annotate(n=Count("pk"))
        .values_list("organization_id", "n")
    ):
        pairs[org_id] = n
    return [
        {
            "organization": o,
            "pairs": pairs[o.pk],
            "kpis": [(indicator, actual[o.pk][indicator]) for indicator in REGION_KPIS],
            "student_mentees": actual[o.pk][Kpi.STUDENT_MENTEES],
            "student_mentees_target": target.get((o.pk, year.pk, Kpi.STUDENT_MENTEES.value)),
            "teachers": actual[o.pk][Kpi.TEACHERS],
            "mentee_satisfaction": actual[o.pk][Kpi.MENTEE_SATISFACTION],
            "efficiency": efficiency.get(o.pk),
        }
        for o in organizations
    ]


def region_totals(rows: list[dict]) -> dict:
    """The region as a whole: numerators and denominators summed over the organizations (a share
    of all the region's students, not a mean of the schools' percentages)."""
    totals = []
    for i, indicator in enumerate(REGION_KPIS):
        part = sum(row["kpis"][i][1].part for row in rows)
        whole = sum(row["kpis"][i][1].whole for row in rows)
        totals.append((indicator, kpi.Ratio(part, whole)))
    means = [row["efficiency"]["mean"] for row in rows if row["efficiency"]]
    return {
        "pairs": sum(row["pairs"] for row in rows),
        "kpis": totals,
        "headers": [(kpi.SHORT_LABELS[indicator], indicator.label) for indicator in REGION_KPIS],
        "efficiency_mean": round(sum(means) / len(means), 1) if means else None,
        "assessed": len(means),
    }

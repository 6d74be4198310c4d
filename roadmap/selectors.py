"""Reads of the roadmap app that more than one view, panel, report or service uses; writes live in
services.py."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet, Value

from mentoring.models import AcademicYear, Organization
from roadmap import deadlines
from roadmap.models import UPCOMING_DAYS, Activity, Roadmap, RoadmapEvent, Stage

MAIN_EVENT_TITLE = "Издание приказа о внедрении целевой модели наставничества"

# Events relative deadlines count from, by the order kind (mentoring.orders) whose signing they are;
# the main event «order» is the order «о внедрении» (kind ``implementation``).
EVENT_TITLES = {
    RoadmapEvent.MAIN: MAIN_EVENT_TITLE,
    "curators": "Издание приказа о назначении куратора программы наставничества",
    "regulations": "Издание приказа об утверждении положения о наставничестве, программы и дорожной карты",
    "mentor_base": "Издание приказа об утверждении базы (реестра) наставников",
    "pairs": "Издание приказа о закреплении наставнических пар (групп)",
    "incentives": "Издание приказа о поощрении наставников",
    "completion": "Завершение программы наставничества",
    "external": "Издание документа вышестоящего органа (министерства, управления образования)",
}
# A higher body's document is no order of the school: only the curator marks its date.
EVENT_FOR_ORDER_KIND = {
    "implementation": RoadmapEvent.MAIN,
    **{key: key for key in EVENT_TITLES if key not in (RoadmapEvent.MAIN, "external")},
}


@dataclass
class Progress:
    total: int = 0
    done: int = 0
    cancelled: int = 0
    overdue: int = 0

    @property
    def planned(self) -> int:
        return self.total - self.cancelled

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.planned) if self.planned else 0


@dataclass
class StageRow:
    number: int | None
    title: str
    progress: Progress = field(default_factory=Progress)


def _count(queryset: QuerySet, key: str, today: datetime.date) -> dict:
    rows = queryset.values(key).annotate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=Activity.Status.DONE)),
        cancelled=Count("pk", filter=Q(status=Activity.Status.CANCELLED)),
        overdue=Count("pk", filter=Q(status__in=Activity.OPEN_STATUSES, due_date__lt=today)),
    )
    return {row[key]: Progress(row["total"], row["done"], row["cancelled"], row["overdue"]) for row in rows}


def stage_progress(activities: QuerySet, today: datetime.date) -> list[StageRow]:
    """Progress per stage of the model (an activity's own stage tag, else its section's); one query."""
    counts: dict = defaultdict(Progress)
    rows = activities.values("stage", "section__stage").annotate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=Activity.Status.DONE)),
        cancelled=Count("pk", filter=Q(status=Activity.Status.CANCELLED)),
        overdue=Count("pk", filter=Q(status__in=Activity.OPEN_STATUSES, due_date__lt=today)),
    )
    for row in rows:
        progress = counts[row["stage"] or row["section__stage"]]
        progress.total += row["total"]
        progress.done += row["done"]
        progress.cancelled += row["cancelled"]
        progress.overdue += row["overdue"]
    result = [StageRow(stage.value, stage.label, counts[stage.value]) for stage in Stage if counts[stage.value].total]
    if counts[None].total:
        result.append(StageRow(None, "Без этапа", counts[None]))
    return result


def section_progress(roadmap: Roadmap, today: datetime.date) -> dict[int, Progress]:
    return _count(roadmap.activities.all(), "section", today)


def current_roadmaps(organization: Organization, today: datetime.date) -> QuerySet:
    """Roadmaps of the organization whose years contain today (a multi-year roadmap included)."""
    start_year = AcademicYear.start_year_for(today)
    return (
        Roadmap.objects.filter(
            organization=organization,
            academic_year__start_year__lte=start_year,
            academic_year__start_year__gt=Value(start_year) - F("years"),
        )
        .select_related("academic_year")
        .order_by("-academic_year__start_year", "pk")
    )


def deadlines_overview(organization: Organization, today: datetime.date, limit: int = 8) -> dict:
    """The curator's and director's panel: what is late, what is due within 14 days, stage progress.
    One query without a current roadmap, five with one — whatever the number of activities."""
    roadmaps = list(current_roadmaps(organization, today))
    overview = {"roadmaps": roadmaps, "today": today, "overdue": [], "upcoming": [], "stages": []}
    overview.update(overdue_count=0, upcoming_count=0, flagged_count=0)
    if not roadmaps:
        return overview
    activities = Activity.objects.filter(roadmap__in=roadmaps)
    open_ = Q(status__in=Activity.OPEN_STATUSES)
    soon = Q(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=UPCOMING_DAYS))
    overview.update(
        activities.aggregate(
            overdue_count=Count("pk", filter=open_ & Q(due_date__lt=today)),
            upcoming_count=Count("pk", filter=open_ & soon),
            flagged_count=Count("pk", filter=open_ & Q(deadline_kind=deadlines.Kind.UNPARSED)),
        )
    )
    listed = activities.select_related("roadmap").order_by("due_date", "position")
    overview["overdue"] = list(listed.overdue(today)[:limit])
    overview["upcoming"] = list(listed.upcoming(today)[:limit])
    overview["stages"] = stage_progress(activities, today)
    return overview


def main_event(roadmap: Roadmap) -> RoadmapEvent:
    return event_for(roadmap, RoadmapEvent.MAIN)


def event_for(roadmap: Roadmap, key: str) -> RoadmapEvent:
    """The roadmap's event of that key (an order kind's signing), made on first use."""
    key = key or RoadmapEvent.MAIN
    event, _ = RoadmapEvent.objects.get_or_create(
        roadmap=roadmap, key=key, defaults={"title": EVENT_TITLES.get(key, MAIN_EVENT_TITLE)}
    )
    return event

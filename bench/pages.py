"""The pages the benchmark measures: a URL name, the persona who opens it, and how to build its
arguments from the first generated organization. Pages that do not exist yet (their app is still
being written) are skipped with a note and measured as soon as ``reverse()`` finds them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Page:
    key: str  # the figure's name: page_p95_ms_<scale>_<db>_<key>
    url_name: str
    persona: str  # a Role value, or "region"
    kwargs: Callable[[Objects], dict] | None = None
    query: dict = field(default_factory=dict)


class Objects:
    """The first generated organization's objects, looked up once (imports inside: this module is read
    without Django set up, by the report)."""

    def __init__(self) -> None:
        from mentoring.demo_region import organization_slug
        from mentoring.models import Organization

        self.org = Organization.objects.get(slug=organization_slug(1))

    def user(self, persona: str):
        from mentoring.demo_region import REGION_USERNAME, persona_username
        from mentoring.models import User

        username = REGION_USERNAME if persona == "region" else persona_username(1, persona)
        return User.objects.get(username=username)

    @cached_property
    def group(self):
        return self.org.studygroup_set.order_by("grade", "letter").last()

    @cached_property
    def mentee_person(self):
        from participants.models import Person

        return Person.objects.filter(organization=self.org, mentee_profile__isnull=False).first()

    @cached_property
    def roadmap(self):
        from roadmap.models import Roadmap

        return Roadmap.objects.filter(organization=self.org).first()

    @cached_property
    def programme(self):
        from programs.models import Programme

        return Programme.objects.filter(organization=self.org).order_by("pk").first()

    @cached_property
    def pair(self):
        from programs.models import Mentorship

        return Mentorship.objects.filter(organization=self.org, status=Mentorship.Status.ACTIVE).order_by("pk").first()


def _pk(attr: str) -> Callable[[Objects], dict]:
    return lambda objects: {"pk": getattr(objects, attr).pk}


PAGES = [
    # Home pages (dashboards) of every role.
    Page("home_director", "home", "director"),
    Page("home_curator", "home", "curator"),
    Page("home_psychologist", "home", "psychologist"),
    Page("home_staff", "home", "staff"),
    Page("home_mentor", "home", "mentor"),
    Page("home_mentee", "home", "mentee"),
    Page("region_organizations", "region_organizations", "region"),
    # Bases.
    Page("people_list", "participants:people", "curator"),
    Page("people_search", "participants:people", "curator", query={"q": "иванова"}),
    Page("mentor_list", "participants:mentors", "curator"),
    Page("mentee_list", "participants:mentees", "curator"),
    Page("waiting_list", "participants:waiting", "psychologist"),
    Page("group_list", "participants:groups", "staff"),
    Page("group_detail", "participants:group", "staff", _pk("group")),
    Page("person_detail", "participants:person", "curator", _pk("mentee_person")),
    # Roadmap and orders.
    Page("roadmap_index", "roadmap:index", "curator"),
    Page("roadmap_detail", "roadmap:detail", "curator", _pk("roadmap")),
    Page("roadmap_timeline", "roadmap:timeline", "curator", _pk("roadmap")),
    Page("roadmap_my_tasks", "roadmap:my_tasks", "curator"),
    Page("orders_list", "orders:list", "director"),
    # Programmes, pairs, meetings, matching (the programs app's pages).
    Page("programme_list", "programs:programmes", "curator"),
    Page("programme_detail", "programs:programme", "curator", _pk("programme")),
    Page("matching", "programs:matching", "curator", _pk("programme")),
    Page("pair_list", "programs:pairs", "curator"),
    Page("pair_detail", "programs:pair", "curator", _pk("pair")),
    Page("my_pairs", "programs:my_pairs", "mentor"),
    Page("my_mentor", "programs:my_mentor", "mentee"),
    Page("calendar", "programs:calendar", "mentor"),
    # Monitoring: dashboards and reports.
    Page("monitoring_dashboard", "monitoring:dashboard", "curator"),
    Page("monitoring_region", "monitoring:region", "region"),
    Page("monitoring_questionnaires", "monitoring:questionnaires", "curator"),
    Page("efficiency_list", "monitoring:assessments", "director"),
    Page("kpi", "monitoring:kpis", "director"),
]

# The pages the load test cycles through: (url name, persona), no arguments.
LOAD_PAGES = [
    ("home", "curator"),
    ("participants:mentees", "curator"),
    ("participants:mentors", "curator"),
    ("participants:people", "staff"),
    ("roadmap:index", "curator"),
    ("orders:list", "director"),
    ("home", "mentor"),
    ("programs:pairs", "curator"),
]

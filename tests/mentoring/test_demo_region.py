"""The region generator (seed_demo --scale) and a smoke run of the benchmark's code at the tiny scale."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.test import Client
from django.urls import reverse

from bench import run as bench_run
from bench.load import parse_wrk
from bench.measure import class_list_workbook, measure_floor, measure_pages, percentile
from bench.pages import PAGES, Page
from mentoring.demo_region import SCALES, organization_slug, persona_username, seed_region
from mentoring.models import Organization, User
from mentoring.text import normalize_search
from participants.models import Person, name_key
from programs.models import Feedback, Meeting, Mentorship, MentorshipMember
from programs.selectors import open_load

pytestmark = pytest.mark.django_db
TINY = SCALES["tiny"]


@pytest.fixture
def tiny():
    return seed_region(scale=TINY, log=lambda _: None)


def test_the_tiny_scale_builds_whole_organizations_of_the_announced_size(tiny):
    assert tiny["organizations_created"] == TINY.organizations
    for index in range(1, TINY.organizations + 1):
        org = Organization.objects.get(slug=organization_slug(index))
        people = Person.objects.filter(organization=org)
        assert people.filter(kind=Person.Kind.STUDENT).count() == TINY.students
        assert people.filter(kind=Person.Kind.TEACHER).count() == TINY.teachers
        assert Mentorship.objects.filter(organization=org).count() == TINY.pairs
        assert Meeting.objects.filter(mentorship__organization=org).count() == TINY.meetings
        assert Feedback.objects.filter(meeting__mentorship__organization=org).exists()


def test_bulk_rows_carry_the_denormalized_fields_save_would_have_filled(tiny):
    for person in Person.objects.select_related("study_group")[:200]:
        assert person.name_key == name_key(person.last_name, person.first_name, person.middle_name)
        assert normalize_search(person.full_name) in person.search_text
        if person.study_group_id:
            assert normalize_search(person.study_group.name) in person.search_text.split(" ")
    assert not MentorshipMember.objects.exclude(programme=F("mentorship__programme")).exists()
    # The Cyrillic search finds a generated person as it finds a typed one.
    someone = Person.objects.filter(last_name__startswith="Ф").first() or Person.objects.first()
    assert Person.objects.filter(search_text__contains=normalize_search(someone.last_name.upper())).exists()


def test_no_mentor_is_over_capacity_and_no_mentee_in_two_open_pairs(tiny):
    mentors = Mentorship.objects.values_list("mentor", "mentor__capacity").distinct()
    load = open_load([m for m, _ in mentors])
    assert all(load.get(mentor, 0) <= capacity for mentor, capacity in mentors)
    doubles = (
        MentorshipMember.objects.filter(is_active=True)
        .values("programme", "mentee")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not doubles.exists()
    assert not Mentorship.objects.filter(Q(status=Mentorship.Status.FIXED), meetings__isnull=False).exists()


def test_a_second_run_adds_nothing(tiny):
    counts = (Person.objects.count(), Meeting.objects.count(), User.objects.count())
    again = seed_region(scale=TINY, log=lambda _: None)
    assert again["organizations_created"] == 0
    assert (Person.objects.count(), Meeting.objects.count(), User.objects.count()) == counts


def test_seed_demo_scale_command_prints_the_logins_and_the_time():
    out = io.StringIO()
    call_command("seed_demo", "--scale", "tiny", stdout=out)
    text = out.getvalue()
    assert "Добавлено организаций: 2" in text and persona_username(1, "curator") in text
    assert Client().login(username=persona_username(1, "curator"), password="demo")


def test_the_personas_of_a_generated_school_open_their_home_pages(tiny):
    for role in ("director", "curator", "psychologist", "staff", "mentor", "mentee"):
        client = Client()
        client.force_login(User.objects.get(username=persona_username(1, role)))
        assert client.get(reverse("home")).status_code == 200, role


def test_bench_smoke_pages_floor_and_budgets_at_the_tiny_scale(tiny):
    """The benchmark's own code, two requests a page: every page that exists answers 200 within
    the query budget; pages of apps not on this branch are skipped with a note."""
    notes: list[str] = []
    results = measure_pages(pages=PAGES, requests=2, warmup=1, notes=notes)
    assert {"home_curator", "mentee_list", "people_list", "roadmap_index", "orders_list"} <= set(results)
    assert not [n for n in notes if "answered" in n], notes
    over = {key: r["queries"] for key, r in results.items() if r["queries"] > bench_run.PAGE_QUERIES_MAX}
    assert not over, over
    floor = measure_floor(requests=3, warmup=1)
    assert floor["anonymous_p50_ms"] < 100
    missing = measure_pages(
        pages=[Page("nothing", "programs:no_such_page", "curator")], requests=1, warmup=1, notes=notes
    )
    assert missing == {} and "skipped nothing" in notes[-1]


def test_bench_headline_and_budgets_name_every_miss():
    figures = {
        "page_queries_region_sqlite_home": 12,
        "page_queries_school_sqlite_home": 25,
        "page_p95_ms_region_sqlite_home": 320.0,
        "matching_1000x300_s_region_sqlite": None,
        "order_pdf_200_pairs_s_region_sqlite": 1.2,
        "import_2000_rows_s_region_sqlite": 11.0,
        "load_errors_region_postgres": 0,
    }
    figures.update(bench_run.headline(figures, ["school_sqlite", "region_sqlite"]))
    assert figures["page_queries_home"] == 25 and figures["matching_1000x300_s"] is None
    misses = bench_run.budgets(figures, ["school_sqlite", "region_sqlite"])
    assert len(misses) == 4  # 25 queries (twice: per run and headline), p95 320 ms, import 11 s
    assert any("import_2000_rows_s = 11.0" in m for m in misses)


def test_the_benchmark_class_list_imports_cleanly(world):
    from participants.importing import import_people

    report = import_people(
        content=class_list_workbook(60), filename="c.xlsx", organization=world.org, kind="students", dry_run=True
    )
    assert report.errors == [] and report.created == 60


def test_wrk_output_is_read_with_its_errors():
    output = """Running 1m test @ http://127.0.0.1:8765/
  2 threads and 50 connections
  Latency Distribution
     50%  120.50ms
     75%  200.00ms
     90%  310.20ms
     99%    1.20s
  12000 requests in 1.00m, 123.00MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:    200.01
Transfer/sec:      2.05MB
"""
    figures = parse_wrk(output)
    assert figures == {
        "rps": 200.01,
        "requests": 12000,
        "p50_ms": 120.5,
        "p90_ms": 310.2,
        "p99_ms": 1200.0,
        "errors": 6,
    }


def test_percentile_is_nearest_rank():
    values = [float(n) for n in range(1, 31)]
    assert percentile(values, 50) == 16.0 and percentile(values, 95) == 29.0

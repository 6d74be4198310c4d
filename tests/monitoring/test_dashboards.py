"""Dashboard figures against hand-counted data; query counts pinned with a realistic amount."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import AcademicYear, Role
from monitoring import services
from programs.models import Meeting, Mentorship, MentorshipMember
from roadmap.models import Activity
from tests.monitoring.factories import (
    at,
    make_pair,
    make_programme,
    meet,
    mentee_of,
    mentor_of,
    standard,
    student,
    teacher,
)
from tests.pdf import pdf_text
from tests.roadmap.factories import make_activity, make_roadmap

pytestmark = pytest.mark.django_db
S = Mentorship.Status


@pytest.fixture
def school(world):
    """Pairs: 2 active, 1 fixed, 1 completed, 1 draft. Meetings in two months of the year."""
    org, year = world.org, AcademicYear.current()
    today = timezone.localdate()
    programme = make_programme(org)
    p1 = make_pair(programme, teacher(org), [student(org)], S.ACTIVE)
    p2 = make_pair(programme, teacher(org), [student(org)], S.ACTIVE)
    make_pair(programme, teacher(org), [student(org)], S.FIXED)  # never met
    make_pair(programme, teacher(org), [student(org)], S.COMPLETED)
    make_pair(programme, teacher(org), [student(org)], S.DRAFT)
    october = datetime.date(year.start_year, 10, 10)
    meet(p1, at(october))  # full feedback
    meet(p1, at(october + datetime.timedelta(days=7)), mentee_fb=False)  # missing the mentee's
    meet(p2, at(datetime.date(year.start_year + 1, 2, 3)), mentor_fb=False)  # missing the mentor's (February)
    meet(p1, timezone.now() - datetime.timedelta(days=2))  # a recent meeting: p1 is not stale
    # p2 last met in February or October; p3 never met and started on 1 September → stale unless today is early
    roadmap = make_roadmap(org)
    make_activity(roadmap, "1.1", due=today - datetime.timedelta(days=3))  # overdue
    make_activity(roadmap, "1.2", due=today - datetime.timedelta(days=3), status=Activity.Status.DONE)
    make_activity(roadmap, "1.3", due=today + datetime.timedelta(days=3))
    standard(org, "satisfaction-mentee")  # asks the mentees of 4 counted pairs; none answered yet
    return world


def test_curator_dashboard_figures_are_computed_from_the_data(school, login):
    response = login(school.curator).get(reverse("monitoring:dashboard"))
    d = response.context["d"]
    statuses = dict(zip(d["pairs"]["labels"], d["pairs"]["values"], strict=True))
    assert statuses == {
        "Черновик": 1,
        "Закреплена приказом": 1,
        "Работает": 2,
        "Завершена": 1,
        "Прекращена досрочно": 0,
    }
    months = dict(zip(d["meetings"]["labels"], d["meetings"]["values"], strict=True))
    assert months["Окт"] == 2 and months["Фев"] == 1
    assert d["meetings"]["total"] == 4
    now = timezone.now()
    incomplete = [
        at(datetime.date(AcademicYear.current().start_year, 10, 17)),
        at(datetime.date(AcademicYear.current().start_year + 1, 2, 3)),
    ]
    assert d["missing_feedback"] == sum(1 for when in incomplete if when < now)  # only past meetings owe feedback
    today = timezone.localdate()
    expected_stale = {"p3": (today - AcademicYear.current().start_date).days > 14}
    feb = datetime.date(AcademicYear.current().start_year + 1, 2, 3)
    expected_stale["p2"] = (today - feb).days > 14  # a meeting planned in February counts as the last one
    assert d["stale_count"] == sum(expected_stale.values())
    # the standard set asks: entry, exit and satisfaction of mentees — 4 mentees of counted pairs each;
    # mentors' satisfaction — 4; preferences — all 5 waiting mentees and all 5 active mentors; curators — none;
    # stage 2 for mentors (entry, exit) and the methodology's four — 4 each; compatibility — the 4 mentees and
    # the 4 mentors of draft, fixed and active pairs; the partner questionnaire — no partners here
    assert d["pending_total"] == 4 + 4 + 4 + 4 + 5 + 5 + 6 * 4 + 4 + 4
    assert d["overdue_activities"] == 1
    body = response.content.decode()
    assert 'id="chart-pairs"' in body and 'data-chart="chart-meetings"' in body
    assert "<script>" not in body  # charts read JSON data; no inline script


def test_director_also_sees_documents_waiting_for_a_signature(school, login):
    from mentoring.orders import services as order_services

    order_services.order_create(organization=school.org, kind="pairs", user=school.director)
    d = login(school.director).get(reverse("monitoring:dashboard")).context["d"]
    assert d["drafts_count"] == 1


def test_region_sees_coverage_and_efficiency_per_organization_and_no_names(school, login):
    programme = make_programme(school.org, title="Учитель – учитель")
    services.assessment_save(
        organization=school.org,
        programme=programme,
        academic_year=programme.academic_year,
        scores={n: (2 if n < 7 else 1, "") for n in range(1, 10)},  # 12 + 3 = 15
    )
    response = login(school.region_user).get(reverse("monitoring:region"))
    rows = {row["organization"].pk: row for row in response.context["rows"]}
    mine = rows[school.org.pk]
    assert mine["pairs"] == 3  # fixed and active
    assert (mine["student_mentees"].part, mine["student_mentees"].whole) == (4, 5)
    assert mine["efficiency"]["level"] == "optimal" and mine["efficiency"]["mean"] == 15
    assert rows[school.other_org.pk]["efficiency"] is None
    body = response.content.decode()
    for person in school.org.person_set.all():
        assert person.last_name not in body
    home = login(school.region_user).get(reverse("home"))
    assert "Охват и эффективность" in home.content.decode()


def test_bad_year_filter_is_an_error_not_a_crash(world, login):
    response = login(world.region_user).get(reverse("monitoring:region"), {"year": "2025-2027"})
    assert response.status_code == 200 and "второй год" in response.content.decode()


def _bulk(org, pairs: int, meetings: int):
    """``pairs`` pairs and ``meetings`` meetings, inserted in bulk (the figures, not the rules, matter)."""
    programme = make_programme(org, title="Большая программа")
    mentor = teacher(org)
    profile = mentor_of(mentor)
    made = Mentorship.objects.bulk_create(
        [
            Mentorship(
                organization=org, programme=programme, mentor=profile, status=S.ACTIVE, start_date=programme.start_date
            )
            for _ in range(pairs)
        ]
    )
    mentees = [mentee_of(student(org, last_name=f"Массовый{i}")) for i in range(pairs)]
    MentorshipMember.objects.bulk_create(
        [MentorshipMember(mentorship=m, mentee=e, programme=programme) for m, e in zip(made, mentees, strict=True)]
    )
    start = at(programme.start_date)
    Meeting.objects.bulk_create(
        [
            Meeting(mentorship=made[i % pairs], starts_at=start + datetime.timedelta(hours=3 * i), topic="Встреча")
            for i in range(meetings)
        ]
    )
    return programme


def test_dashboard_and_reports_query_counts_do_not_grow_with_pairs_and_meetings(
    world, login, django_assert_max_num_queries
):
    programme = _bulk(world.org, pairs=300, meetings=2000)
    standard(world.org, "satisfaction-mentee")
    client = login(world.director)
    client.get(reverse("monitoring:dashboard"))
    # session, user, roles, year; pairs, meetings, stale, feedback, questionnaires (2: the list and one
    # UNION ALL), roadmap (2), KPIs (7 + targets), orders, programmes — the budget of 20 holds
    with django_assert_max_num_queries(20):
        assert client.get(reverse("monitoring:dashboard")).status_code == 200
    # a fixed cost (asked and answered of every questionnaire in one query each), one query per satisfaction
    # questionnaire and about seven per entry / exit comparison — the standard set has three and four of them
    with django_assert_max_num_queries(55):
        response = client.get(reverse("monitoring:annual_pdf", args=[programme.pk]))
    text = pdf_text(response.content).encode()
    text = " ".join(text.decode().split())
    assert "Работает 300" in text and "Всего встреч 2000" in text
    with django_assert_max_num_queries(30):
        assert client.get(reverse("monitoring:kpis")).status_code == 200
    region = login(world.region_user)
    with django_assert_max_num_queries(20):
        assert region.get(reverse("monitoring:region")).status_code == 200


def test_annual_report_xlsx_carries_the_figures(school, login):
    from io import BytesIO

    from openpyxl import load_workbook

    programme = Mentorship.objects.filter(organization=school.org).first().programme
    response = login(school.director).get(reverse("monitoring:annual_xlsx", args=[programme.pk]))
    book = load_workbook(BytesIO(response.content))
    rows = list(book["Показатели"].iter_rows(values_only=True))
    assert ("Работает", 2, None, None, None, None) in rows
    assert any(row[0] == "Всего" or row[0] == "Рабочая встреча" for row in rows)
    assert Role.DIRECTOR  # the director prints it


def test_the_region_page_does_not_create_the_year_it_is_asked_for(world, login):
    from django.urls import reverse

    from mentoring.models import AcademicYear

    AcademicYear.current()
    before = set(AcademicYear.objects.values_list("start_year", flat=True))
    assert login(world.region_user).get(reverse("monitoring:region"), {"year": 2090}).status_code == 200
    assert set(AcademicYear.objects.values_list("start_year", flat=True)) == before


def test_meetings_per_month_fall_in_the_schools_local_month(world):
    """Months are counted in the portal's time zone: a meeting at 00:30 on 1 November, Moscow time (still
    31 October in UTC), is a November meeting; one at 23:30 on 31 August belongs to no month of the year."""
    from monitoring.dashboards import meetings_per_month

    year = AcademicYear.current()
    pair = make_pair(make_programme(world.org), teacher(world.org), [student(world.org)], S.ACTIVE)
    local = timezone.get_current_timezone()
    for when in (
        datetime.datetime(year.start_year, 11, 1, 0, 30, tzinfo=local),
        datetime.datetime(year.start_year, 9, 1, 0, 10, tzinfo=local),
        datetime.datetime(year.start_year, 8, 31, 23, 30, tzinfo=local),
        datetime.datetime(year.start_year + 1, 8, 31, 23, 50, tzinfo=local),
    ):
        Meeting.objects.create(mentorship=pair, kind="working", topic="Встреча", starts_at=when)
    months = meetings_per_month(world.org, year)
    by_label = dict(zip(months["labels"], months["values"], strict=True))
    assert (by_label["Ноя"], by_label["Окт"], by_label["Сен"], by_label["Авг"], months["total"]) == (1, 0, 1, 1, 3)

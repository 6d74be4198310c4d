"""Every KPI of every year against the hand-counted three-year school (tests/monitoring/three_years.py):
one test per indicator, then the page, the PDF and the xlsx agree with the same figures."""

import datetime

import pytest
from django.urls import reverse

from mentoring.models import AcademicYear
from monitoring import kpi, services
from monitoring.models import Kpi, KpiTarget
from participants.models import Membership
from programs.models import Mentorship
from tests.monitoring import three_years
from tests.monitoring.three_years import EXPECTED, Y1, Y2, Y3

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(world):
    world.p = three_years.build(world.org)
    return world


def _actual(world, start_year: int) -> dict:
    year = AcademicYear.objects.get(start_year=start_year)
    return kpi.actuals([world.org.pk], year)[world.org.pk]


def _check(world, indicator: str) -> None:
    for start_year in (Y1, Y2, Y3):
        ratio = _actual(world, start_year)[indicator]
        assert (ratio.part, ratio.whole) == EXPECTED[start_year][indicator], start_year


def test_students_in_programmes_in_any_role_divided_by_the_years_class_lists(school):
    _check(school, Kpi.STUDENTS)
    # Graduates of 2023/2024 are not students of the later years: the denominator does not grow.
    assert _actual(school, Y3)[Kpi.STUDENTS].percent == 100.0


def test_students_as_mentees(school):
    _check(school, Kpi.STUDENT_MENTEES)
    assert _actual(school, Y2)[Kpi.STUDENT_MENTEES].percent == 42.9  # 3 of 7


def test_students_as_mentors(school):
    _check(school, Kpi.STUDENT_MENTORS)


def test_young_specialists_as_of_the_start_of_each_year(school):
    _check(school, Kpi.YOUNG_TEACHERS)
    young = dict(
        Membership.objects.filter(person=school.p["YS"]).values_list("academic_year__start_year", "is_young_specialist")
    )
    assert young == {Y1: True, Y2: True, Y3: False}  # 2, 3, then 4 years of teaching


def test_teachers_in_programmes(school):
    _check(school, Kpi.TEACHERS)


def test_employers_are_counted_as_mentors_from_employer_partners(school):
    _check(school, Kpi.EMPLOYERS)


def test_mentee_satisfaction_is_a_share_of_people_not_of_answers(school):
    _check(school, Kpi.MENTEE_SATISFACTION)
    # Answers would give 9 of 12 («4» and «5»); people give 2 of 3.
    assert _actual(school, Y2)[Kpi.MENTEE_SATISFACTION].percent == 66.7


def test_mentor_satisfaction_mixes_1_5_and_1_10_scales_per_person(school):
    _check(school, Kpi.MENTOR_SATISFACTION)


def test_participants_missing_from_the_years_lists_are_reported_not_counted(school):
    year = AcademicYear.objects.get(start_year=Y3)
    assert kpi.unlisted_participants(school.org.pk, year) == 1  # X


def test_another_organization_counts_nothing(school):
    year = AcademicYear.objects.get(start_year=Y2)
    actual = kpi.actuals([school.other_org.pk], year)[school.other_org.pk]
    assert all(ratio.whole == 0 for ratio in actual.values())


def test_the_kpi_page_shows_each_years_numerator_denominator_and_definition(school, login):
    for start_year in (Y1, Y2, Y3):
        services.kpi_target_set(
            organization=school.org,
            indicator=Kpi.STUDENT_MENTEES,
            academic_year=AcademicYear.objects.get(start_year=start_year),
            percent=40,
        )
    response = login(school.curator).get(reverse("monitoring:kpis"))
    blocks = {block["year"].start_year: block for block in response.context["table"]}
    for start_year in (Y1, Y2, Y3):
        rows = {row["kpi"]: row for row in blocks[start_year]["rows"]}
        for indicator, (part, whole) in EXPECTED[start_year].items():
            assert (rows[indicator]["ratio"].part, rows[indicator]["ratio"].whole) == (part, whole)
    assert {row["kpi"]: row for row in blocks[Y2]["rows"]}[Kpi.STUDENT_MENTEES]["reached"] is True  # 42.9 ≥ 40
    assert {row["kpi"]: row for row in blocks[Y1]["rows"]}[Kpi.STUDENT_MENTEES]["reached"] is False  # 33.3 < 40
    html = response.content.decode()
    assert "3 / 7" in html and "знаменатель — обучающиеся организации в учебном году" in html
    assert "Участников пар этого года без записи в составе организации за этот год: 1" in html


def test_seed_003_preset_sets_exactly_its_five_years(world):
    written = services.kpi_apply_preset(organization=world.org, preset="seed003")
    assert written == 10
    values = list(
        KpiTarget.objects.filter(organization=world.org, indicator=Kpi.STUDENTS)
        .order_by("academic_year__start_year")
        .values_list("academic_year__start_year", "target_percent")
    )
    assert values == [(2020, 10), (2021, 20), (2022, 30), (2023, 50), (2024, 70)]


def test_seed_004_preset_gives_2021_and_2024_only_nothing_invented_between(world):
    services.kpi_apply_preset(organization=world.org, preset="seed004")
    targets = {
        (t.indicator, t.academic_year.start_year): t.target_percent
        for t in KpiTarget.objects.filter(organization=world.org)
    }
    assert {year for _, year in targets} == {2021, 2024}
    assert targets[(Kpi.STUDENT_MENTEES, 2021)] == 30 and targets[(Kpi.STUDENT_MENTEES, 2024)] == 70
    assert targets[(Kpi.STUDENT_MENTORS, 2021)] == 4 and targets[(Kpi.STUDENT_MENTORS, 2024)] == 10
    assert targets[(Kpi.YOUNG_TEACHERS, 2021)] == 30 and targets[(Kpi.EMPLOYERS, 2024)] == 30
    assert targets[(Kpi.MENTEE_SATISFACTION, 2021)] == 60 and targets[(Kpi.MENTOR_SATISFACTION, 2024)] == 85
    assert len(targets) == 12


def test_a_preset_moved_to_another_first_year_keeps_the_distance_between_its_years(world):
    services.kpi_apply_preset(organization=world.org, preset="seed004", first_year=2026)
    years = set(KpiTarget.objects.filter(organization=world.org).values_list("academic_year__start_year", flat=True))
    assert years == {2026, 2029}


def test_curator_sets_any_years_targets_and_bad_input_changes_nothing(world, login):
    client = login(world.curator)
    data = {"year": "2031/2032", Kpi.TEACHERS: 35, Kpi.STUDENTS: 50}
    client.post(reverse("monitoring:kpi_target"), data)
    target = KpiTarget.objects.get(indicator=Kpi.TEACHERS)
    assert (target.academic_year.start_year, target.target_percent) == (2031, 35)
    response = client.post(reverse("monitoring:kpi_target"), {**data, Kpi.TEACHERS: 150}, follow=True)
    assert KpiTarget.objects.get(indicator=Kpi.TEACHERS).target_percent == 35
    assert "не сохранены" in response.content.decode()
    client.post(reverse("monitoring:kpi_target"), {**data, "year": "2031-2033"})
    assert KpiTarget.objects.count() == 2
    client.post(reverse("monitoring:kpi_target"), {"year": "2031/2032", Kpi.STUDENTS: 50})  # teachers emptied
    assert list(KpiTarget.objects.values_list("indicator", flat=True)) == [Kpi.STUDENTS]
    page = client.get(reverse("monitoring:kpis")).content.decode()
    assert "2031/2032 учебный год" in page


def test_leaving_outside_the_year_is_refused(school):
    row = Membership.objects.get(person=school.p["A1"], academic_year__start_year=Y2)
    from django.core.exceptions import ValidationError

    from participants import membership

    with pytest.raises(ValidationError, match="должна входить в 2024/2025"):
        membership.membership_leave(membership=row, left_on=datetime.date(2023, 5, 1), reason="transferred")
    row.refresh_from_db()
    assert row.left_on is None


def test_cached_figures_change_with_a_bulk_write_and_a_pair_status(school):
    """The membership and employer figures are cached (mentoring/cache.py) and recounted after any
    write to their tables: a class list's bulk_create, a queryset update of a pair's status."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    year = AcademicYear.objects.get(start_year=Y2)
    assert _actual(school, Y2)[Kpi.STUDENTS].whole == 7
    with CaptureQueriesContext(connection) as queries:
        _actual(school, Y2)
    assert not [q for q in queries.captured_queries if "participants_membership" in q["sql"]]
    newcomer = three_years.PersonFactory(organization=school.org, last_name="Новенький")
    Membership.objects.bulk_create(
        [Membership(person=newcomer, organization=school.org, academic_year=year, role=Membership.Role.STUDENT)]
    )
    assert _actual(school, Y2)[Kpi.STUDENTS].whole == 8
    before = _actual(school, Y2)[Kpi.STUDENT_MENTEES].part
    Mentorship.objects.filter(organization=school.org, programme__academic_year=year).update(
        status=Mentorship.Status.DRAFT
    )
    assert _actual(school, Y2)[Kpi.STUDENT_MENTEES].part == 0 < before

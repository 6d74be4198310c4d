"""Every KPI against a hand-counted organization (see the comments for the counts)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import AcademicYear
from monitoring import kpi, services
from monitoring.models import Kpi, KpiTarget
from participants.models import Partner, Person
from programs.models import Mentorship
from tests.monitoring.factories import (
    answer,
    make_pair,
    make_programme,
    satisfaction_answers,
    standard,
    student,
    teacher,
)
from tests.participants.factories import PartnerFactory, PersonFactory

pytestmark = pytest.mark.django_db
S = Mentorship.Status


@pytest.fixture
def counted(world):
    org, year = world.org, AcademicYear.current()
    programme = make_programme(org)
    s = [student(org, last_name=f"Ученик{i}") for i in range(10)]  # 10 students
    old_teacher = teacher(org, teaching_start_year=2005)
    other_teacher = teacher(org, teaching_start_year=2012)
    this_year = timezone.localdate().year
    young_1 = teacher(org, teaching_start_year=this_year - 1)
    teacher(org, teaching_start_year=this_year - 2)  # young, not in a programme
    employer_1 = PartnerFactory(organization=org, kind=Partner.Kind.EMPLOYER)
    PartnerFactory(organization=org, kind=Partner.Kind.EMPLOYER)  # an employer without mentors
    ngo = PartnerFactory(organization=org, kind=Partner.Kind.NGO)
    ext = {"kind": Person.Kind.EXTERNAL, "birth_date": None, "study_group": None}
    employer_person = PersonFactory(organization=org, partner=employer_1, **ext)
    ngo_person = PersonFactory(organization=org, partner=ngo, **ext)

    make_pair(programme, s[0], [s[1], s[2]], S.ACTIVE)  # a student mentor; two student mentees
    make_pair(programme, old_teacher, [s[3]], S.COMPLETED)
    make_pair(programme, old_teacher, [s[4]], S.DRAFT)  # not counted
    make_pair(programme, other_teacher, [s[5]], S.ENDED_EARLY)  # not counted
    make_pair(programme, other_teacher, [young_1], S.FIXED)  # a young teacher as mentee
    make_pair(programme, employer_person, [s[6]], S.ACTIVE)
    make_pair(programme, ngo_person, [s[7]], S.ACTIVE)
    last_year = AcademicYear.for_date(year.start_date - datetime.timedelta(days=1))
    make_pair(make_programme(org, last_year), old_teacher, [s[8]], S.ACTIVE)  # another year
    # Another organization's data never counts.
    make_pair(make_programme(world.other_org), teacher(world.other_org), [student(world.other_org)], S.ACTIVE)

    mentee_q = standard(org, "satisfaction-mentee")
    answer(mentee_q, s[1], satisfaction_answers(mentee_q, [5, 4, 3, 2]))  # 2 of 4 are 4–5
    answer(mentee_q, s[2], satisfaction_answers(mentee_q, [5, 5, 5, 1]))  # 3 of 4
    answer(mentee_q, s[3], satisfaction_answers(mentee_q, [1, 1, 1, 1]), submit=False)  # a draft: not counted
    mentor_q = standard(org, "satisfaction-mentor")
    answer(mentor_q, old_teacher, satisfaction_answers(mentor_q, [4, 4, 4, 4]))
    return world


def test_each_kpi_is_computed_from_the_data(counted):
    actual = kpi.actuals([counted.org.pk], AcademicYear.current())[counted.org.pk]
    # students as mentees: s1, s2, s3, s6, s7 of 10 (draft, early end and last year excluded)
    assert actual[Kpi.STUDENT_MENTEES] == kpi.Ratio(5, 10)
    assert actual[Kpi.STUDENT_MENTEES].percent == 50.0
    # students as mentors: s0
    assert actual[Kpi.STUDENT_MENTORS] == kpi.Ratio(1, 10)
    # young teachers (0–3 years) as mentees: young_1 of 2
    assert actual[Kpi.YOUNG_TEACHERS] == kpi.Ratio(1, 2)
    # teachers in programmes: old_teacher (completed), other_teacher (fixed), young_1 of 4
    assert actual[Kpi.TEACHERS] == kpi.Ratio(3, 4)
    # employers among partners with a mentoring representative: 1 of 2 employers (the NGO is not one)
    assert actual[Kpi.EMPLOYERS] == kpi.Ratio(1, 2)
    # mentee satisfaction: answers 4–5 are 2 + 3 = 5 of 8
    assert actual[Kpi.MENTEE_SATISFACTION] == kpi.Ratio(5, 8)
    assert actual[Kpi.MENTEE_SATISFACTION].percent == 62.5
    assert actual[Kpi.MENTOR_SATISFACTION] == kpi.Ratio(4, 4)


def test_an_organization_without_data_has_no_percent(world):
    actual = kpi.actuals([world.other_org.pk], AcademicYear.current())[world.other_org.pk]
    assert actual[Kpi.STUDENT_MENTEES].percent is None


def test_seed_003_preset_sets_10_20_30_50_70_over_five_years(world):
    written = services.kpi_apply_preset(organization=world.org, preset="seed003", first_year=2020)
    assert written == 10
    values = list(
        KpiTarget.objects.filter(organization=world.org, indicator=Kpi.STUDENT_MENTEES)
        .order_by("academic_year__start_year")
        .values_list("academic_year__start_year", "target_percent")
    )
    assert values == [(2020, 10), (2021, 20), (2022, 30), (2023, 50), (2024, 70)]


def test_seed_004_preset_runs_from_the_first_to_the_fourth_year_of_the_table(world):
    services.kpi_apply_preset(organization=world.org, preset="seed004", first_year=2021)
    targets = {
        (t.indicator, t.academic_year.start_year): t.target_percent
        for t in KpiTarget.objects.filter(organization=world.org)
    }
    assert targets[(Kpi.STUDENT_MENTEES, 2021)] == 30 and targets[(Kpi.STUDENT_MENTEES, 2024)] == 70
    assert targets[(Kpi.STUDENT_MENTORS, 2021)] == 4 and targets[(Kpi.STUDENT_MENTORS, 2024)] == 10
    assert targets[(Kpi.EMPLOYERS, 2024)] == 30
    assert targets[(Kpi.MENTEE_SATISFACTION, 2021)] == 60 and targets[(Kpi.MENTOR_SATISFACTION, 2024)] == 85


def test_target_vs_actual_by_year_on_the_kpi_page(counted, login):
    year = AcademicYear.current()
    services.kpi_target_set(organization=counted.org, indicator=Kpi.STUDENT_MENTEES, academic_year=year, percent=40)
    services.kpi_target_set(organization=counted.org, indicator=Kpi.STUDENT_MENTORS, academic_year=year, percent=20)
    response = login(counted.curator).get(reverse("monitoring:kpis"))
    rows = {row["kpi"]: row for row in response.context["table"][0]["rows"]}
    assert rows[Kpi.STUDENT_MENTEES]["reached"] is True  # 50 % ≥ 40 %
    assert rows[Kpi.STUDENT_MENTORS]["reached"] is False  # 10 % < 20 %
    assert "доля ответов «4» и «5»" in response.content.decode()


def test_curator_sets_a_target_and_bad_input_is_refused(world, login):
    client = login(world.curator)
    data = {"indicator": Kpi.TEACHERS, "start_year": 2025, "percent": 35}
    client.post(reverse("monitoring:kpi_target"), data)
    assert KpiTarget.objects.get().target_percent == 35
    client.post(reverse("monitoring:kpi_target"), {**data, "percent": 150})
    assert KpiTarget.objects.get().target_percent == 35

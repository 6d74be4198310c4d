"""The organization's academic calendar: the federal recommendation by default, the curator's own
dates per year, and the deadlines that read it («IV четверть», «на каникулах») follow them."""

import datetime

import pytest
from django.urls import reverse

from mentoring.models import AcademicYear
from roadmap.academic_calendar import school_calendar
from tests.roadmap.factories import make_activity, make_roadmap

pytestmark = pytest.mark.django_db
D = datetime.date


def _post_periods(client, year, rows, system="quarters"):
    data = {"system": system, "form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": "0", "form-MAX_NUM_FORMS": "20"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"form-{index}-{key}"] = value
    return client.post(f"{reverse('roadmap:calendar')}?year={year}", data)


QUARTERS_2025 = [
    {"kind": "term", "number": "1", "name": "I четверть", "start": "2025-09-01", "end": "2025-10-24"},
    {"kind": "holidays", "holidays": "autumn", "name": "осенние каникулы", "start": "2025-10-25", "end": "2025-11-04"},
    {"kind": "term", "number": "2", "name": "II четверть", "start": "2025-11-05", "end": "2025-12-26"},
    {"kind": "holidays", "holidays": "winter", "name": "зимние каникулы", "start": "2025-12-27", "end": "2026-01-11"},
    {"kind": "term", "number": "3", "name": "III четверть", "start": "2026-01-12", "end": "2026-03-20"},
    {"kind": "term", "number": "4", "name": "IV четверть", "start": "2026-03-30", "end": "2026-05-22"},
]


def test_without_its_own_calendar_the_organization_has_the_federal_one(world):
    calendar = school_calendar(world.org.pk, 2025)
    assert [t.name for t in calendar.terms] == ["I четверть", "II четверть", "III четверть", "IV четверть"]
    assert calendar.lessons_end == D(2026, 5, 26)


def test_the_curator_enters_the_region_s_dates_and_the_deadlines_follow(world, login):
    roadmap = make_roadmap(world.org, year=AcademicYear.for_date(D(2025, 9, 1)))
    activity = make_activity(roadmap, "7.1", deadline_text="IV четверть")
    activity.resolve_deadline(D(2025, 11, 1))
    activity.save()
    assert activity.due_date == D(2026, 5, 26)
    client = login(world.curator)
    page = client.get(reverse("roadmap:calendar") + "?year=2025/2026").content.decode()
    assert "федеральная рекомендация" in page and "IV четверть" in page
    response = _post_periods(client, "2025/2026", QUARTERS_2025)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.due_date == D(2026, 5, 22)
    assert school_calendar(world.org.pk, 2025).halves()[0] == (D(2025, 9, 1), D(2025, 12, 26))
    assert school_calendar(world.other_org.pk, 2025).lessons_end == D(2026, 5, 26)  # another school keeps its own


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{**QUARTERS_2025[0], "end": "2025-08-01"}], "Окончание раньше начала."),
        ([QUARTERS_2025[0], {**QUARTERS_2025[2], "start": "2025-10-01"}], "пересекаются"),
        ([{**QUARTERS_2025[0], "start": "2027-09-01", "end": "2027-10-01"}], "вне 2025/2026 учебного года"),
        ([QUARTERS_2025[1]], "Укажите хотя бы один учебный период."),
    ],
)
def test_a_wrong_calendar_is_explained_and_changes_nothing(world, login, rows, message):
    response = _post_periods(login(world.curator), "2025/2026", rows)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert school_calendar(world.org.pk, 2025).lessons_end == D(2026, 5, 26)


def test_a_college_divides_its_year_into_semesters(world, login):
    rows = [
        {"kind": "term", "number": "1", "name": "I семестр", "start": "2025-09-01", "end": "2025-12-30"},
        {"kind": "term", "number": "2", "name": "II семестр", "start": "2026-01-12", "end": "2026-06-30"},
    ]
    assert _post_periods(login(world.curator), "2025/2026", rows, system="semesters").status_code == 302
    calendar = school_calendar(world.org.pk, 2025)
    assert calendar.system == "semesters" and calendar.halves()[1] == (D(2026, 1, 12), D(2026, 6, 30))

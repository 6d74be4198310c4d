"""A deadline entered by hand is structure — a date, months, a recurrence, «после события» — with the
wording generated or typed; the reader is a convenience, never the only way."""

import datetime

import pytest
from django.urls import reverse

from roadmap.models import Activity
from roadmap.services import roadmap_order_signed
from tests.roadmap.factories import make_roadmap

pytestmark = pytest.mark.django_db
D = datetime.date


def _post(client, roadmap, **fields):
    data = {"section": roadmap.sections.get().pk, "number": "1.9", "title": "Круглый стол наставников", **fields}
    return client.post(reverse("roadmap:activity_new", args=[roadmap.pk]), data)


def test_a_date_range_entered_by_hand_gets_its_wording_and_window(world, login):
    roadmap = make_roadmap(world.org)
    response = _post(
        login(world.curator), roadmap, deadline_mode="date", deadline_start="2025-09-01", deadline_date="2025-10-15"
    )
    assert response.status_code == 302
    activity = roadmap.activities.get(number="1.9")
    assert activity.deadline_text == "01.09.2025–15.10.2025"
    assert (activity.window_start, activity.due_date) == (D(2025, 9, 1), D(2025, 10, 15))


def test_a_typed_wording_the_reader_cannot_read_keeps_the_structure_entered(world, login):
    roadmap = make_roadmap(world.org)
    response = _post(
        login(world.curator),
        roadmap,
        deadline_mode="months",
        month_from="10",
        month_to="12",
        deadline_text="в осенний период",
    )
    assert response.status_code == 302
    activity = roadmap.activities.get(number="1.9")
    assert activity.deadline_text == "в осенний период" and not activity.deadline_flagged
    assert activity.due_date == D(roadmap.first_year, 12, 31)


def test_after_an_event_counts_from_the_order_of_that_kind_when_it_is_signed(world, login):
    roadmap = make_roadmap(world.org)
    response = _post(
        login(world.curator),
        roadmap,
        deadline_mode="relative",
        event="pairs",
        offset="2",
        offset_unit="weeks",
        result_order_kind="",
    )
    assert response.status_code == 302
    activity = roadmap.activities.get(number="1.9")
    assert activity.deadline_text == "В течение 2 нед. после издания приказа о закреплении наставнических пар (групп)"
    assert activity.anchor_event.key == "pairs" and activity.due_date is None
    roadmap_order_signed(organization_id=world.org.pk, kind="pairs", number="12", date=D(roadmap.first_year, 10, 1))
    activity.refresh_from_db()
    assert activity.due_date == D(roadmap.first_year, 10, 15)


def test_a_recurrence_and_without_a_deadline_are_entered_without_wording(world, login):
    roadmap = make_roadmap(world.org)
    client = login(world.curator)
    assert _post(client, roadmap, deadline_mode="recurring", recurrence="halfyearly").status_code == 302
    assert roadmap.activities.get(number="1.9").deadline_text == "Раз в полугодие"
    data = {"number": "1.10", "deadline_mode": "none"}
    assert _post(client, roadmap, **data).status_code == 302
    activity = roadmap.activities.get(number="1.10")
    assert (activity.deadline_text, activity.deadline_kind, activity.due_date) == ("Постоянно", "none", None)


def test_an_activity_names_the_order_that_completes_it(world, login):
    roadmap = make_roadmap(world.org)
    _post(login(world.curator), roadmap, deadline_text="октябрь", result_order_kind="curators")
    roadmap_order_signed(organization_id=world.org.pk, kind="curators", number="5", date=D(roadmap.first_year, 10, 3))
    activity = roadmap.activities.get(number="1.9")
    assert (activity.status, activity.completed_on) == (Activity.Status.DONE, D(roadmap.first_year, 10, 3))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"deadline_mode": "date"}, "Укажите дату."),
        (
            {"deadline_mode": "date", "deadline_start": "2025-10-02", "deadline_date": "2025-10-01"},
            "Начало позже окончания.",
        ),
        ({"deadline_mode": "months"}, "Выберите месяц."),
        ({"deadline_mode": "recurring"}, "Выберите, как часто."),
        ({"deadline_mode": "relative", "offset": "-3"}, "больше либо равно 0"),
    ],
)
def test_an_incomplete_structured_deadline_is_explained_and_keeps_what_was_typed(world, login, fields, message):
    roadmap = make_roadmap(world.org)
    response = _post(login(world.curator), roadmap, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Круглый стол наставников" in response.content.decode()
    assert not roadmap.activities.filter(number="1.9").exists()


def test_the_edit_form_shows_the_structure_entered(world, login):
    roadmap = make_roadmap(world.org)
    client = login(world.curator)
    _post(client, roadmap, deadline_mode="months", month_from="11", month_to="12")
    activity = roadmap.activities.get(number="1.9")
    page = client.get(reverse("roadmap:activity_edit", args=[activity.pk])).content.decode()
    assert 'value="months" checked' in page or '<option value="months" selected>' in page

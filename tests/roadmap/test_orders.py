"""Orders and the roadmap are one timeline: signing an order dates the relative deadlines counted from
it, completes the activities whose result it is, and the approval order carries the roadmap."""

import datetime

import pytest

from mentoring.models import AcademicYear
from mentoring.orders import registry
from mentoring.orders.models import OrderKind
from mentoring.orders.services import order_create, order_sign
from roadmap import orders
from roadmap.models import Activity
from roadmap.services import roadmap_order_signed
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def college(load):
    return load("chernogorsk-college", year=AcademicYear.for_date(D(2025, 9, 1)))


def test_every_agreed_order_kind_has_the_roadmap_effect_registered_by_code():
    for kind in ("implementation", "curators", "regulations", "mentor_base", "pairs", "incentives", "completion"):
        assert orders.order_signed in registry.effects_for(kind), kind


def test_signing_the_implementation_order_dates_the_deadlines_counted_from_it(college):
    changed = roadmap_order_signed(
        organization_id=college.organization_id, kind="implementation", number="95-ОД", date=D(2025, 9, 10)
    )
    assert changed >= 36
    event = college.events.get(key="order")
    assert (event.happened_on, event.reference) == (D(2025, 9, 10), "Приказ от 10.09.2025 № 95-ОД")
    get = college.activities.get
    assert get(number="1.1").due_date == D(2025, 11, 10)
    # the order is the result of activity 1.1 («Приказ о внедрении…»): it is done by the signing
    assert (get(number="1.1").status, get(number="1.1").completed_on) == (Activity.Status.DONE, D(2025, 9, 10))
    assert get(number="1.1").evidence_note == "Приказ от 10.09.2025 № 95-ОД"


def test_signing_the_mentor_base_order_completes_4_1_and_dates_the_pairs_counted_from_it(college):
    assert college.activities.get(number="4.1").result_order_kind == "mentor_base"
    roadmap_order_signed(organization_id=college.organization_id, kind="mentor_base", number="120", date=D(2026, 1, 20))
    registry_activity = college.activities.get(number="4.1")
    assert registry_activity.status == Activity.Status.DONE
    assert college.activities.get(number="5.1").due_date == D(2026, 2, 20)  # «в течение месяца после» 4.1
    assert college.events.get(key="mentor_base").happened_on == D(2026, 1, 20)


def test_a_second_order_of_the_kind_keeps_the_first_date(college):
    org = college.organization_id
    roadmap_order_signed(organization_id=org, kind="pairs", number="130", date=D(2026, 2, 1))
    roadmap_order_signed(organization_id=org, kind="pairs", number="131", date=D(2026, 3, 1))
    assert college.events.get(key="pairs").happened_on == D(2026, 2, 1)


def test_an_order_of_another_organization_or_year_changes_nothing(college, world):
    roadmap_order_signed(organization_id=world.other_org.pk, kind="implementation", number="1", date=D(2025, 9, 10))
    roadmap_order_signed(
        organization_id=college.organization_id, kind="implementation", number="1", date=D(2030, 9, 10)
    )
    assert college.events.get(key="order").happened_on is None
    assert (
        roadmap_order_signed(organization_id=college.organization_id, kind="unknown", number="1", date=D(2025, 9, 10))
        == 0
    )


def test_signing_the_approval_order_in_the_portal_puts_its_number_and_date_on_the_roadmap_annex(world, load, login):
    roadmap = load("gymnasium-30", year=AcademicYear.for_date(D(2025, 9, 1)))
    order = order_create(
        organization=world.org, kind=OrderKind.REGULATIONS, user=world.curator, date=D(2025, 9, 5), number="77-ОД"
    )
    assert "roadmap" in order.annexes
    order_sign(order=order, user=world.director)
    roadmap.refresh_from_db()
    assert (roadmap.approval_order_number, roadmap.approval_order_date) == ("77-ОД", D(2025, 9, 5))
    text = " ".join(pdf_text(login(world.curator).get(f"/roadmap/{roadmap.pk}/annex.pdf").content).split())
    assert "от 05 сентября 2025 г. № 77-ОД" in text
    order.refresh_from_db()
    annex = next(a for a in order.frozen["annexes"] if a["key"] == "roadmap")
    assert any("Мониторинг" in " ".join(row) for row in annex["rows"])
    # The roadmap's own numbering («1.1») and its sections as headings, not renumbered 1, 2, 3 as rows.
    assert annex["numbered"] and annex["columns"][0] == "Мероприятие"
    section = roadmap.sections.order_by("position", "pk").first()
    activity = section.activities.order_by("position", "pk").first()
    heading = annex["headings"][0]
    assert annex["rows"][heading][:2] == [section.number, section.title]
    assert annex["rows"][heading + 1][:2] == [activity.number, activity.title]
    text = " ".join(pdf_text(login(world.director).get(f"/orders/{order.pk}/pdf/").content).split())
    assert f"{activity.number} {activity.title}" in text


def test_a_deadline_after_a_higher_bodys_document_waits_for_it_not_for_the_schools_order(college):
    from roadmap.services import activity_save_plan, anchor_event_happened

    activity = activity_save_plan(
        activity=Activity(roadmap=college),
        section=college.sections.first(),
        number="9.9",
        title="Заключение соглашения о предоставлении субсидии",
        deadline_text="В течение 40 дней после выхода приказа Минобрнауки РФ",
        today=D(2025, 9, 1),
    )
    assert activity.anchor_event.key == "external"
    assert activity.anchor_event.title.startswith("Издание документа вышестоящего органа")
    roadmap_order_signed(
        organization_id=college.organization_id, kind="implementation", number="95-ОД", date=D(2025, 9, 10)
    )
    activity.refresh_from_db()
    assert activity.due_date is None and activity.waiting_for_anchor  # the school's order is not that document
    anchor_event_happened(event=activity.anchor_event, date=D(2025, 10, 1), today=D(2025, 10, 2))
    activity.refresh_from_db()
    assert activity.due_date == D(2025, 11, 10)


def test_no_order_of_the_school_is_taken_for_a_higher_bodys_document():
    assert orders.order_signed not in registry.effects_for("external")


def test_cancelling_an_order_undoes_only_the_roadmap_marks_it_made(college, world):
    from mentoring.orders.services import order_cancellation_prepare

    org = college.organization
    first = order_create(organization=org, kind="pairs", user=world.director, date=D(2026, 2, 1), annexes=[])
    first = order_sign(order=first, user=world.director)
    second = order_create(organization=org, kind="pairs", user=world.director, date=D(2026, 3, 1), annexes=[])
    second = order_sign(order=second, user=world.director)
    implementation = order_create(organization=org, kind="implementation", user=world.director, date=D(2025, 9, 10))
    implementation = order_sign(order=implementation, user=world.director)
    assert college.activities.get(number="1.1").status == Activity.Status.DONE
    assert college.activities.get(number="1.1").due_date == D(2025, 11, 10)

    for order in (second, implementation):  # the later pairs order and the implementation order
        cancellation = order_cancellation_prepare(order=order, user=world.director)
        order_sign(order=cancellation, user=world.director)
    assert college.events.get(key="pairs").happened_on == D(2026, 2, 1)  # dated by the first order: kept
    event = college.events.get(key="order")
    assert event.happened_on is None and event.reference == ""  # dated by the cancelled order: reverted
    activity = college.activities.get(number="1.1")
    assert activity.status != Activity.Status.DONE and activity.completed_on is None
    assert activity.due_date is None  # counted from the event again, which has not happened

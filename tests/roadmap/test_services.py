"""Relative deadlines resolve when their anchor happens; progress, «Мои задачи», the panels' reads."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from mentoring.models import Role
from roadmap.models import Activity
from roadmap.selectors import deadlines_overview
from roadmap.services import (
    activity_save_plan,
    activity_update_progress,
    anchor_event_happened,
    roadmap_refresh_deadlines,
)
from tests.roadmap.factories import make_activity, make_roadmap

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_order_being_signed_dates_every_activity_counted_from_it(load, world):
    roadmap = load("chernogorsk-college")
    order = roadmap.events.get(key="order")
    dated = anchor_event_happened(event=order, date=D(2025, 9, 10), reference="Приказ от 10.09.2025 № 95-ОД")
    # 46 activities: «раз в квартал» is not relative and 9 count from activity 4.1; the seed's
    # December dates became months after the order
    assert dated == 36
    get = roadmap.activities.get
    assert get(number="6.5").due_date == D(2026, 3, 10)  # «Декабрь 2021»: the sixth month after the order
    assert get(number="6.8").due_date == D(2026, 2, 24)  # «15 декабря 2021»: 5 months 14 days after it
    assert get(number="1.1").due_date == D(2025, 11, 10)  # «в течение первого-второго месяца»
    assert get(number="1.7").due_date == D(2025, 11, 25)  # «два с половиной месяца»
    assert get(number="2.1").window_start == D(2025, 11, 10)  # «третий-четвертый месяцы»
    assert get(number="5.7").due_date == D(2026, 3, 10)
    assert get(number="6.1").due_date is None  # waits for activity 4.1, not the order
    order.refresh_from_db()
    assert order.reference == "Приказ от 10.09.2025 № 95-ОД"
    # withdrawing the date withdraws the due dates
    anchor_event_happened(event=order, date=None)
    assert get(number="1.1").due_date is None


def test_completing_the_anchor_activity_dates_its_dependents_and_reopening_clears_them(load, world):
    roadmap = load("chernogorsk-college")
    registry = roadmap.activities.get(number="4.1")
    activity_update_progress(
        activity=registry,
        by=world.curator,
        status=Activity.Status.DONE,
        completed_on=D(2025, 12, 1),
        evidence_note="Приказ об утверждении реестра наставников № 120",
        today=D(2025, 12, 2),
    )
    assert roadmap.activities.get(number="5.1").due_date == D(2026, 1, 1)
    assert roadmap.activities.get(number="6.1").due_date == D(2026, 1, 1)
    activity_update_progress(activity=registry, by=world.curator, status=Activity.Status.IN_PROGRESS)
    assert roadmap.activities.get(number="5.1").due_date is None


def test_done_needs_a_date_not_in_the_future(world):
    activity = make_activity(make_roadmap(world.org), "1.1")
    done = activity_update_progress(activity=activity, by=world.curator, status="done", today=D(2025, 10, 1))
    assert done.completed_on == D(2025, 10, 1)  # today when not given
    with pytest.raises(ValidationError):
        activity_update_progress(
            activity=activity, by=world.curator, status="done", completed_on=D(2025, 10, 5), today=D(2025, 10, 1)
        )


def test_a_comment_with_the_progress_is_kept_with_its_author(world):
    activity = make_activity(make_roadmap(world.org), "1.1")
    activity_update_progress(activity=activity, by=world.mentor_a, status="in_progress", comment="Анкеты розданы")
    comment = activity.comments.get()
    assert (comment.author, comment.text) == (world.mentor_a, "Анкеты розданы")


def test_the_curator_rewrites_a_deadline_in_real_years_of_the_loaded_template(load, world):
    roadmap = load("sosh-59")
    activity = roadmap.activities.get(number="1")
    # the seed was written for 2022/2023: the wording is rewritten into the loaded year
    assert activity.deadline_text == f"сентябрь {roadmap.first_year}" and activity.year_shift == 0
    activity_save_plan(
        activity=activity, section=activity.section, number="1", title=activity.title, deadline_text="до 15.10.2025"
    )
    activity.refresh_from_db()
    assert (activity.year_shift, activity.due_date) == (0, D(2025, 10, 15))


def test_a_new_relative_activity_counts_from_the_main_event(world):
    roadmap = make_roadmap(world.org)
    activity = activity_save_plan(
        activity=Activity(roadmap=roadmap),
        section=roadmap.sections.get(),
        number="1.2",
        title="Закрепление пар",
        deadline_text="В течение месяца после издания приказа",
        roles=[Role.CURATOR],
    )
    assert activity.anchor_event.key == "order" and activity.due_date is None
    anchor_event_happened(event=activity.anchor_event, date=D(2025, 9, 1))
    activity.refresh_from_db()
    assert activity.due_date == D(2025, 10, 1)


def test_my_tasks_are_named_ones_and_those_of_my_role_in_my_organization(world):
    roadmap = make_roadmap(world.org)
    by_role = make_activity(roadmap, "1", roles=(Role.MENTOR,))
    by_name = make_activity(roadmap, "2", users=[world.mentor_a])
    make_activity(roadmap, "3", roles=(Role.PSYCHOLOGIST,))
    other = make_roadmap(world.other_org)
    make_activity(other, "1", roles=(Role.MENTOR,))
    assert set(Activity.objects.assigned_to(world.mentor_a)) == {by_role, by_name}
    assert set(Activity.objects.assigned_to(world.mentor_b)) == {by_role}


def test_overview_counts_overdue_and_next_14_days_by_stage(world, today):
    roadmap = make_roadmap(world.org)
    make_activity(roadmap, "1", due=today - datetime.timedelta(days=3))
    make_activity(roadmap, "2", due=today - datetime.timedelta(days=30), status=Activity.Status.DONE)
    make_activity(roadmap, "3", due=today + datetime.timedelta(days=14))
    make_activity(roadmap, "4", due=today + datetime.timedelta(days=15))
    make_activity(roadmap, "5", due=today - datetime.timedelta(days=1), status=Activity.Status.CANCELLED)
    overview = deadlines_overview(world.org, today)
    assert [a.number for a in overview["overdue"]] == ["1"]
    assert [a.number for a in overview["upcoming"]] == ["3"]
    stage = overview["stages"][0]
    assert (stage.number, stage.progress.done, stage.progress.planned, stage.progress.overdue) == (1, 1, 4, 1)


def test_refresh_moves_recurring_deadlines_with_the_calendar(load, world):
    roadmap = load("chernogorsk-college")
    roadmap_refresh_deadlines(today=D(roadmap.first_year + 1, 2, 3))
    assert roadmap.activities.get(number="2.5").due_date == D(roadmap.first_year + 1, 3, 31)

"""«Встречи без обратной связи»: the one SQL definition behind the home panels, the monitoring summary and the
pair list's flag (programs.selectors.meetings_missing_feedback), case by case."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from programs import selectors, services
from programs.models import Feedback, Meeting, MentorshipMember
from tests.programs.factories import student_mentee, teacher_mentor
from tests.programs.objects import programme_for

pytestmark = pytest.mark.django_db
MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")


def _group(world, mentees=3):
    people = [student_mentee(world.org) for _ in range(mentees)]
    pair = services.mentorship_create(
        programme=programme_for(world.org), mentor=teacher_mentor(world.org, capacity=5), mentees=people, user=None
    )
    services.mentorships_fix(pairs=[pair], order_reference="Приказ № 5")
    pair.refresh_from_db()
    return pair, people


def _meeting(pair, starts_at, **kwargs):
    return services.meeting_log(pair=pair, user=None, kind="working", topic="Встреча", starts_at=starts_at, **kwargs)


def _rate(meeting, *mentees, mentor=True):
    if mentor:
        services.feedback_give(meeting=meeting, author=Feedback.Author.MENTOR, rating=5)
    for mentee in mentees:
        services.feedback_give(meeting=meeting, author=Feedback.Author.MENTEE, rating=4, mentee=mentee)


def _missing(pair):
    return set(
        selectors.meetings_missing_feedback(Meeting.objects.filter(mentorship=pair)).values_list("pk", flat=True)
    )


def test_a_meeting_is_complete_when_the_mentor_and_every_mentee_have_written(world):
    pair, people = _group(world)
    ago = timezone.now() - datetime.timedelta(days=3)
    complete, no_mentor, one_mentee_short = (_meeting(pair, ago) for _ in range(3))
    _rate(complete, *people)
    _rate(no_mentor, *people, mentor=False)
    _rate(one_mentee_short, *people[:2])
    assert _missing(pair) == {no_mentor.pk, one_mentee_short.pk}


def test_a_future_meeting_is_not_missing_anything_yet(world):
    pair, _ = _group(world)
    _meeting(pair, timezone.now() + datetime.timedelta(days=1))
    assert _missing(pair) == set()


def test_with_attendance_marked_only_those_present_are_expected(world):
    pair, people = _group(world)
    meeting = _meeting(pair, timezone.now() - datetime.timedelta(days=2), attendees=people[:2])
    _rate(meeting, people[0])
    assert _missing(pair) == {meeting.pk}
    _rate(meeting, people[1], mentor=False)
    assert _missing(pair) == set()


def test_a_mentee_who_left_is_expected_up_to_the_day_they_left_in_local_time(world, settings):
    settings.TIME_ZONE = "Europe/Moscow"
    pair, people = _group(world, mentees=2)
    left = timezone.localdate() - datetime.timedelta(days=10)
    MentorshipMember.objects.filter(mentorship=pair, mentee=people[1]).update(left_on=left)
    # 23:30 in Moscow on the day they left (20:30 UTC): still in the pair; 01:00 the next day (22:00 UTC of
    # the same UTC date): gone. A UTC date would get the second one wrong.
    late_that_day = datetime.datetime.combine(left, datetime.time(23, 30), tzinfo=MOSCOW)
    next_night = datetime.datetime.combine(left + datetime.timedelta(days=1), datetime.time(1, 0), tzinfo=MOSCOW)
    on_the_day, after = _meeting(pair, late_that_day), _meeting(pair, next_night)
    _rate(on_the_day, people[0])
    _rate(after, people[0])
    assert _missing(pair) == {on_the_day.pk}


def test_the_count_on_the_home_page_is_the_same_definition(world, client):
    pair, people = _group(world)
    meeting = _meeting(pair, timezone.now() - datetime.timedelta(days=1))
    _rate(meeting, *people[:1])
    year = selectors.year_pairs(world.org)
    assert selectors.meetings_missing_feedback(Meeting.objects.filter(mentorship__in=year)).count() == 1

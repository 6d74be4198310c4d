"""Numbers and names that must agree wherever they appear (issue 15, «inconsistencies»)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from programs import services
from programs.models import Feedback, Meeting
from tests.programs.factories import student_mentee, teacher_mentor
from tests.programs.objects import programme_for

pytestmark = pytest.mark.django_db


def _fixed(world, mentees=1, mentee_user=None, mentor_user=None):
    programme = programme_for(world.org)
    people = [student_mentee(world.org) for _ in range(mentees)]
    if mentee_user:
        people[0].person.user = mentee_user
        people[0].person.save()
    pair = services.mentorship_create(
        programme=programme, mentor=teacher_mentor(world.org, capacity=3), mentees=people, user=None
    )
    if mentor_user:
        pair.mentor.person.user = mentor_user
        pair.mentor.person.save()
    services.mentorships_fix(pairs=[pair], order_reference="Приказ № 5")
    pair.refresh_from_db()
    return pair, people


def _meeting(pair, days_ago, kind="working"):
    starts = timezone.now() - datetime.timedelta(days=days_ago)
    return services.meeting_log(pair=pair, user=None, kind=kind, topic="Встреча", starts_at=starts)


def _stat(content: str, label: str) -> str:
    """The number of a stat tile: «<div class="stat …">N</div><div class="stat-label">label»."""
    return re.search(r'class="stat(?: [^"]*)?">(\d+)</div><div class="stat-label">' + label, content).group(1)


def test_the_directors_home_counts_meetings_without_feedback_once_for_both_panels(world, client):
    pair, (first, second) = _fixed(world, mentees=2)
    rated = _meeting(pair, 3)
    Feedback.objects.create(meeting=rated, author="mentor", rating=5)
    Feedback.objects.create(meeting=rated, author="mentee", mentee=first, rating=5)  # the second has not rated
    full = _meeting(pair, 2)
    Feedback.objects.create(meeting=full, author="mentor", rating=5)
    for mentee in (first, second):
        Feedback.objects.create(meeting=full, author="mentee", mentee=mentee, rating=4)
    _meeting(pair, 1)  # nobody rated it
    client.force_login(world.director)
    content = client.get(reverse("home")).content.decode()
    assert _stat(content, "встреч без обратной связи") == "2"
    assert "Встречи без обратной связи</a>: <strong>2</strong>" in content
    listed = client.get(reverse("programs:pairs") + "?flag=feedback").content.decode()
    assert reverse("programs:pair", args=[pair.pk]) in listed


def test_rate_meetings_on_the_home_page_counts_the_list_it_opens(world, client):
    old, _ = _fixed(world, mentee_user=world.mentee)
    for days in (20, 19):
        _meeting(old, days)
    services.meeting_log(
        pair=old, user=None, kind="final", topic="Итоги", starts_at=timezone.now() - datetime.timedelta(days=18)
    )
    services.mentorship_complete(pair=old, reflection="Цели достигнуты")
    client.force_login(world.mentee)
    home = client.get(reverse("home")).content.decode()
    page = client.get(reverse("programs:my_mentor")).content.decode()
    assert "Оценить встречи (3)" in home
    assert page.count(">Оценить</a>") == 3


def test_a_completed_pair_keeps_its_mentees_in_my_pairs_the_pairs_list_and_the_calendar(world, client):
    pair, (mentee,) = _fixed(world, mentee_user=world.mentee, mentor_user=world.mentor_a)
    _meeting(pair, 5, kind="final")
    services.mentorship_complete(pair=pair, reflection="Цели достигнуты")
    name = mentee.person.short_name
    client.force_login(world.mentor_a)
    assert name in client.get(reverse("programs:my_pairs")).content.decode()
    client.post(reverse("programs:calendar_rotate"))
    token = world.mentor_a.calendar_token.token
    feed = client.get(reverse("programs:calendar_feed", args=[token])).content.decode().replace("\r\n ", "")
    assert name in feed
    client.force_login(world.curator)
    assert name in client.get(reverse("programs:pairs") + "?status=completed").content.decode()
    mentee.refresh_from_db()
    assert mentee.status == "completed"


def test_a_pair_ended_early_still_names_who_was_in_it(world, client):
    pair, (mentee,) = _fixed(world)
    services.mentorship_end_early(pair=pair, reason="Переезд")
    client.force_login(world.curator)
    assert mentee.person.short_name in client.get(reverse("programs:pairs")).content.decode()
    assert Meeting.objects.count() == 0


def test_the_home_panels_share_one_query_for_quiet_pairs_and_one_for_missing_feedback(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pair, _people = _fixed(world)
    _meeting(pair, 20)  # quiet for 20 days and not rated
    client.force_login(world.director)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as queries:
        content = client.get(reverse("home")).content.decode()
    assert _stat(content, "пар без встречи 14\\+ дней") == "1"
    assert "Нет встреч 14+ дней</a>: <strong>1</strong>" in content
    assert _stat(content, "встреч без обратной связи") == "1"
    sql = [q["sql"] for q in queries.captured_queries]
    assert len([s for s in sql if "programs_feedback" in s]) == 1
    assert len([s for s in sql if 'AS "last_meeting"' in s]) == 1

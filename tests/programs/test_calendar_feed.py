"""The calendar feed (icalendar library): typed text stays text, the feed is never cached."""

import icalendar
import pytest
from django.urls import reverse

from tests.programs.objects import pairs

pytestmark = pytest.mark.django_db

INJECTION = "Разбор\rEND:VEVENT\rBEGIN:VEVENT\rSUMMARY:Чужое событие\nDTSTART:20300101T000000Z\r\nEND:VEVENT"


def _feed(world, client):
    p = pairs(world)
    p.meeting.topic = INJECTION
    p.meeting.save()
    return p, client.get(reverse("programs:calendar_feed", kwargs={"token": p.token.token}))


def test_a_topic_with_bare_cr_and_lf_cannot_add_an_event_to_the_feed(world, client):
    p, response = _feed(world, client)
    body = response.content.decode()
    lines = body.split("\r\n")
    # Only the meeting's own event: no line that the topic smuggled in opens or closes one.
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VEVENT") == 1
    assert "\r" not in body.replace("\r\n", "") and "\n" not in body.replace("\r\n", "")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    summary = str(events[0]["SUMMARY"])
    assert summary.startswith("Наставничество: Разбор") and "Чужое событие" in summary
    assert events[0]["UID"] == f"meeting-{p.meeting.pk}@testserver"


def test_a_meetings_own_ics_is_as_safe(world, login):
    p, _ = _feed(world, login(None))
    response = login(world.mentor_a).get(reverse("programs:meeting_ics", kwargs={"pk": p.meeting.pk}))
    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == 1
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_feed_is_never_stored_by_a_browser_or_a_proxy(world, client):
    _, response = _feed(world, client)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]

"""send_reminders: exactly the people who need a reminder get it, once; opt-outs stop the email only."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mentoring.models import EmailOptOut, Notification, NotificationKind, Role
from programs.models import Meeting, Mentorship
from roadmap.models import Activity
from tests.programs.objects import pairs
from tests.roadmap.factories import make_activity, make_roadmap

pytestmark = pytest.mark.django_db


def _stale_pair(world):
    """The pair of mentor_a and the mentee, its only meeting 20 days ago."""
    p = pairs(world)
    Meeting.objects.filter(pk=p.meeting.pk).update(starts_at=timezone.now() - datetime.timedelta(days=20))
    return p


def _run(**kwargs) -> str:
    from io import StringIO

    out = StringIO()
    call_command("send_reminders", stdout=out, **kwargs)
    return out.getvalue()


def test_running_twice_sends_nothing_the_second_time(world):
    _stale_pair(world)
    for user in (world.mentor_a, world.mentee):
        user.email = f"{user.username}@example.org"
        user.save()
    _run()
    first = [(m.to, m.subject) for m in mail.outbox]
    assert first, "the mentor and the mentee are reminded"
    assert Notification.objects.count() == len(first)
    _run()
    assert [(m.to, m.subject) for m in mail.outbox] == first
    assert Notification.objects.count() == len(first)


def test_the_mentor_without_a_meeting_for_14_days_is_reminded_and_nobody_else(world):
    p = _stale_pair(world)
    _run()
    stale = Notification.objects.get(kind=NotificationKind.NO_MEETING)
    assert stale.user == world.mentor_a
    assert stale.object_key == f"mentorship:{p.pair.pk}"
    assert "14" in stale.text or "две недели" in stale.text
    assert not Notification.objects.filter(user__in=[world.mentor_b, world.outsider, world.curator]).exists()


def test_a_pair_that_met_recently_gets_no_reminder_and_a_new_lapse_gets_a_new_one(world):
    p = pairs(world)  # met 3 days ago
    _run()
    assert not Notification.objects.filter(kind=NotificationKind.NO_MEETING).exists()
    Meeting.objects.filter(pk=p.meeting.pk).update(starts_at=timezone.now() - datetime.timedelta(days=30))
    _run()
    Meeting.objects.create(mentorship=p.pair, topic="Ещё", starts_at=timezone.now() - datetime.timedelta(days=15))
    _run()
    assert Notification.objects.filter(kind=NotificationKind.NO_MEETING).count() == 2


def test_the_mentee_is_reminded_of_pending_feedback_until_given(world):
    p = pairs(world)
    _run()
    reminder = Notification.objects.get(kind=NotificationKind.FEEDBACK)
    assert reminder.user == world.mentee
    assert reminder.url == reverse("programs:feedback", kwargs={"pk": p.meeting.pk})


def test_an_opted_out_user_gets_the_notification_but_no_email(world, login):
    _stale_pair(world)
    world.mentor_a.email = "mentor@example.org"
    world.mentor_a.save()
    client = login(world.mentor_a)
    kinds = [k for k in NotificationKind.values if k != NotificationKind.NO_MEETING]
    assert client.post(reverse("notifications:settings"), {"kinds": kinds}).status_code == 302
    assert EmailOptOut.objects.filter(user=world.mentor_a, kind=NotificationKind.NO_MEETING).exists()
    _run()
    assert not [m for m in mail.outbox if "mentor@example.org" in m.to]
    assert Notification.objects.filter(user=world.mentor_a, kind=NotificationKind.NO_MEETING).exists()
    body = client.get(reverse("notifications:list")).content.decode()
    assert "Нет встреч" in body


def test_the_email_is_russian_and_links_to_the_object(world):
    _stale_pair(world)
    world.mentor_a.email = "mentor@example.org"
    world.mentor_a.save()
    _run()
    message = next(m for m in mail.outbox if m.to == ["mentor@example.org"])
    assert message.subject.startswith("Наставничество: Нет встреч")
    assert "Здравствуйте, Алексей Игоревич!" in message.body
    assert reverse("programs:pair", kwargs={"pk": pairs(world).pair.pk}) in message.body
    assert "Настройки писем" in message.body


def test_roadmap_activity_due_soon_or_overdue_reaches_its_responsible_people(world):
    today = timezone.localdate()
    roadmap = make_roadmap(world.org)
    make_activity(roadmap, "1.1", due=today + datetime.timedelta(days=5), users=[world.psychologist])
    make_activity(roadmap, "1.2", due=today - datetime.timedelta(days=2), roles=(Role.CURATOR,))
    make_activity(roadmap, "1.3", due=today + datetime.timedelta(days=30), users=[world.staff])
    make_activity(roadmap, "1.4", due=today, status=Activity.Status.DONE, users=[world.staff])
    make_activity(make_roadmap(world.other_org), "1.1", due=today, roles=(Role.CURATOR,))
    _run(no_email=True)
    rows = set(Notification.objects.values_list("user__username", "kind"))
    assert rows == {("t_psychologist", "activity_due"), ("t_curator", "activity_overdue")}


def test_the_director_is_reminded_of_pairs_waiting_for_the_order_once_a_week(world):
    p = pairs(world)
    Mentorship.objects.filter(pk=p.pair.pk).update(status=Mentorship.Status.DRAFT)
    today = timezone.localdate()
    _run(date=today.isoformat(), no_email=True)
    _run(date=today.isoformat(), no_email=True)
    assert Notification.objects.filter(kind=NotificationKind.PAIRS_TO_FIX, user=world.director).count() == 1
    _run(date=(today + datetime.timedelta(days=7)).isoformat(), no_email=True)
    assert Notification.objects.filter(kind=NotificationKind.PAIRS_TO_FIX, user=world.director).count() == 2
    assert not Notification.objects.filter(kind=NotificationKind.PAIRS_TO_FIX, user=world.outsider).exists()


def test_opening_a_notification_marks_it_read_and_goes_to_the_object(world, login):
    _stale_pair(world)
    _run(no_email=True)
    reminder = Notification.objects.get(kind=NotificationKind.NO_MEETING)
    response = login(world.mentor_a).get(reverse("notifications:open", kwargs={"pk": reminder.pk}))
    assert response.status_code == 302 and response["Location"] == reminder.url
    reminder.refresh_from_db()
    assert reminder.read_at is not None


def test_a_wrong_date_is_refused_in_russian():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="ГГГГ-ММ-ДД"):
        _run(date="31.12.2025")

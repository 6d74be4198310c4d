"""The seeds' sequence (seed 000 stage 5, seed 004 items 5.1–5.6): group meeting → preferences → trial and
planning meetings of draft pairs → the order fixes them; the mentee's status tells the truth at each step."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from participants.models import MenteeProfile
from programs import selectors, services
from programs.models import Meeting, Preference
from tests.programs.factories import student_mentee, teacher_mentor
from tests.programs.objects import programme_for

pytestmark = pytest.mark.django_db

HOURS_AGO = {"starts_at": timezone.now() - datetime.timedelta(hours=3)}


def _draft(world):
    programme = programme_for(world.org)
    mentor, mentee = teacher_mentor(world.org), student_mentee(world.org)
    return services.mentorship_create(programme=programme, mentor=mentor, mentees=[mentee], user=world.curator), mentee


def test_a_draft_pair_holds_its_trial_and_planning_meetings_before_the_order(world):
    pair, mentee = _draft(world)
    Preference.objects.create(organization=world.org, mentee=mentee, mentor=pair.mentor, direction="mentee")
    assert selectors.suggested_meeting_kind(pair) == Meeting.Kind.TRIAL
    trial = services.meeting_log(pair=pair, user=None, kind="trial", topic="Пробная встреча", **HOURS_AGO)
    assert selectors.suggested_meeting_kind(pair) == Meeting.Kind.PLANNING
    services.meeting_log(pair=pair, user=None, kind="planning", topic="Цели и план", **HOURS_AGO)
    pair.refresh_from_db()
    mentee.refresh_from_db()
    assert pair.status == "draft", "a meeting does not fix a draft: only the order does"
    assert mentee.status == MenteeProfile.Status.MATCHED
    # The mentee rates the trial meeting: feedback on compatibility (seed 004, 5.3).
    services.feedback_give(meeting=trial, author="mentee", mentee=mentee, rating=4)

    services.mentorships_fix(pairs=[pair], order_reference="Приказ от 01.11.2026 № 31-о")
    mentee.refresh_from_db()
    assert mentee.status == MenteeProfile.Status.PAIRED and mentee.get_status_display() == "В паре"
    # The acquaintance is behind them: the next meeting is a working one.
    pair.refresh_from_db()
    assert selectors.suggested_meeting_kind(pair) == Meeting.Kind.WORKING


@pytest.mark.parametrize("kind", ["intro", "working", "final"])
def test_other_meetings_of_a_draft_pair_are_refused_with_a_reason(world, kind):
    pair, _ = _draft(world)
    with pytest.raises(ValidationError, match="До приказа о закреплении") as error:
        services.meeting_log(pair=pair, user=None, kind=kind, topic="Встреча", **HOURS_AGO)
    assert error.value.code == "draft_kind"
    assert not Meeting.objects.exists()


def test_ending_a_draft_early_returns_the_mentee_to_the_waiting_list(world):
    pair, mentee = _draft(world)
    services.mentorship_end_early(pair=pair, reason="Не сложилось на пробной встрече")
    mentee.refresh_from_db()
    assert mentee.status == MenteeProfile.Status.WAITING


def test_the_mentor_logs_a_trial_meeting_of_a_draft_pair_on_the_page(world, client):
    pair, mentee = _draft(world)
    mentor_user = world.mentor_a
    pair.mentor.person.user = mentor_user
    pair.mentor.person.save()
    client.force_login(mentor_user)
    url = reverse("programs:meeting_create", args=[pair.pk])
    my_pairs = client.get(reverse("programs:my_pairs")).content.decode()
    assert url in my_pairs and "Записать встречу (пробная рабочая встреча)" in my_pairs
    page = client.get(url)
    content = page.content.decode()
    assert "Пробная рабочая встреча" in content and "Встреча-знакомство" not in content
    day = timezone.localdate() - datetime.timedelta(days=1)
    data = {"kind": "working", "date": day, "time": "15:00", "duration_minutes": 40, "format": "offline", "topic": "X"}
    refused = client.post(url, data)
    assert refused.status_code == 200 and not Meeting.objects.exists()
    assert "Выберите корректный вариант" in refused.content.decode()
    assert client.post(url, {**data, "kind": "trial"}).status_code == 302
    assert Meeting.objects.get().kind == "trial"
    detail = client.get(reverse("programs:pair", args=[pair.pk])).content.decode()
    assert "Записать встречу" in detail and "Пробная рабочая встреча" in detail


def test_the_mentee_base_shows_a_draft_pairs_mentee_as_matched_not_paired(world, client):
    _, mentee = _draft(world)
    client.force_login(world.curator)
    content = client.get(reverse("participants:mentees")).content.decode()
    row = content[content.index(mentee.person.full_name) :][:1500]
    assert "Подобран, ожидает приказа" in row and "В паре" not in row

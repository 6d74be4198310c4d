"""Groups formed in the portal: from the whole-cohort proposal or by hand, under the form's rules and the
mentor's capacity; attendance per mentee at group meetings and feedback from those who attended."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from participants.models import MenteeProfile
from programs import services
from programs.models import Feedback, MatchingProposal, Meeting, Mentorship
from tests.programs.factories import student_mentee, teacher_mentor
from tests.programs.objects import programme_for

pytestmark = pytest.mark.django_db


def _proposal(world, client, *, capacity=3):
    programme = programme_for(world.org)
    mentor = teacher_mentor(world.org, capacity=capacity)
    mentees = [student_mentee(world.org, request="математика"), student_mentee(world.org, request="математика")]
    client.force_login(world.curator)
    client.post(reverse("programs:propose", args=[programme.pk]))
    return programme, mentor, mentees, MatchingProposal.objects.get(status="draft")


def test_the_curator_forms_a_group_from_the_whole_cohort_proposal(world, client):
    programme, mentor, mentees, proposal = _proposal(world, client)
    page = client.get(reverse("programs:proposal", args=[proposal.pk])).content.decode()
    assert "Объединить в группу наставляемых" in page
    data = {f"mentor_{m.pk}": mentor.pk for m in mentees} | {f"group_{mentor.pk}": "1"}
    response = client.post(reverse("programs:proposal", args=[proposal.pk]), data, follow=True)
    assert "из них групп: 1" in response.content.decode()
    group = Mentorship.objects.get()
    assert sorted(m.mentee_id for m in group.members.all()) == sorted(m.pk for m in mentees)
    assert group.get_kind_display() == "группа" and group.status == "draft"
    assert set(MenteeProfile.objects.values_list("status", flat=True)) == {MenteeProfile.Status.MATCHED}


def test_without_the_group_mark_the_proposal_makes_pairs(world, client):
    _, mentor, mentees, proposal = _proposal(world, client)
    client.post(reverse("programs:proposal", args=[proposal.pk]), {f"mentor_{m.pk}": mentor.pk for m in mentees})
    assert Mentorship.objects.count() == 2


def test_a_form_that_allows_only_pairs_refuses_groups(world, client):
    programme, mentor, mentees, proposal = _proposal(world, client)
    form = programme.form
    form.allows_groups = False
    form.save()
    page = client.get(reverse("programs:proposal", args=[proposal.pk])).content.decode()
    assert "группы не формируются" in page and "Объединить в группу" not in page
    with pytest.raises(ValidationError, match="группы не формируются"):
        services.mentorship_create(programme=programme, mentor=mentor, mentees=mentees, user=None)
    pair = services.mentorship_create(programme=programme, mentor=mentor, mentees=mentees[:1], user=None)
    with pytest.raises(ValidationError, match="группы не формируются"):
        services.mentorship_add_mentee(pair=pair, mentee=mentees[1])
    assert pair.members.count() == 1


def test_by_hand_a_waiting_mentee_joins_a_draft_pair_within_the_mentors_places(world, client):
    programme = programme_for(world.org)
    mentor = teacher_mentor(world.org, capacity=2)
    pair = services.mentorship_create(
        programme=programme, mentor=mentor, mentees=[student_mentee(world.org)], user=None
    )
    second, third = student_mentee(world.org), student_mentee(world.org)
    MenteeProfile.objects.filter(pk__in=[second.pk, third.pk]).update(status="waiting")
    client.force_login(world.curator)
    url = reverse("programs:pair", args=[pair.pk])
    assert "Добавить в группу" in client.get(url).content.decode()
    add = reverse("programs:pair_add_member", args=[pair.pk])
    client.post(add, {"mentee": second.pk})
    assert pair.members.count() == 2
    refused = client.post(add, {"mentee": third.pk}, follow=True).content.decode()
    assert "2 мест, занято 2" in refused and pair.members.count() == 2
    assert "не ожидает пару" in client.post(add, {"mentee": 999999}, follow=True).content.decode()


def test_a_fixed_pair_takes_no_new_member_without_a_new_order(world):
    programme = programme_for(world.org)
    pair = services.mentorship_create(
        programme=programme,
        mentor=teacher_mentor(world.org, capacity=3),
        mentees=[student_mentee(world.org)],
        user=None,
    )
    services.mentorships_fix(pairs=[pair], order_reference="Приказ № 5")
    pair.refresh_from_db()
    with pytest.raises(ValidationError, match="уже закреплена приказом"):
        services.mentorship_add_mentee(pair=pair, mentee=student_mentee(world.org))


def _group(world):
    programme = programme_for(world.org)
    mentees = [student_mentee(world.org), student_mentee(world.org), student_mentee(world.org)]
    group = services.mentorship_create(
        programme=programme, mentor=teacher_mentor(world.org, capacity=3), mentees=mentees, user=None
    )
    group.mentor.person.user = world.mentor_a
    group.mentor.person.save()
    services.mentorships_fix(pairs=[group], order_reference="Приказ № 5")
    group.refresh_from_db()
    return group, mentees


def test_the_mentor_marks_who_attended_a_group_meeting_and_only_they_give_feedback(world, client):
    group, (first, second, absent) = _group(world)
    client.force_login(world.mentor_a)
    url = reverse("programs:meeting_create", args=[group.pk])
    assert "Присутствовали" in client.get(url).content.decode()
    day = timezone.localdate() - datetime.timedelta(days=1)
    data = {
        "kind": "working",
        "date": day,
        "time": "15:00",
        "duration_minutes": 45,
        "format": "offline",
        "topic": "Дроби",
    }
    nobody = client.post(url, data)
    assert "Отметьте, кто из наставляемых был на встрече" in nobody.content.decode()
    assert not Meeting.objects.exists()
    assert client.post(url, {**data, "attendees": [first.pk, second.pk]}).status_code == 302
    meeting = Meeting.objects.get()
    assert set(meeting.attendees.values_list("pk", flat=True)) == {first.pk, second.pk}

    services.feedback_give(meeting=meeting, author="mentee", mentee=first, rating=5)
    with pytest.raises(ValidationError, match="отмечены как отсутствовавший"):
        services.feedback_give(meeting=meeting, author="mentee", mentee=absent, rating=5)
    assert Feedback.objects.filter(author="mentee").count() == 1

    page = client.get(reverse("programs:pair", args=[group.pk])).content.decode()
    assert f"Присутствовали: {first.person.short_name}, {second.person.short_name}" in page
    assert f"отсутствовали: {absent.person.short_name}" in page
    assert f"ждём отзыва: {second.person.short_name}" in page


def test_attendance_marks_only_members_of_the_group(world):
    group, mentees = _group(world)
    stranger = student_mentee(world.org)
    with pytest.raises(ValidationError, match="не из этой группы"):
        services.meeting_log(
            pair=group, user=None, kind="working", topic="X", starts_at=timezone.now(), attendees=[mentees[0], stranger]
        )

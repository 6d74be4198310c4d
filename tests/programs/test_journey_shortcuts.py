"""What the school-year journey needed on the programme's pages: the whole-cohort proposal and the
trial meeting of a draft pair one click away, a meeting topic that starts as its kind, breadcrumbs
that lead back to the programme."""

import pytest
from django.urls import reverse

from programs.models import Meeting, Mentorship, MentorshipMember
from tests.programs.factories import student_mentee, teacher_mentor
from tests.programs.objects import programme_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world):
    programme = programme_for(world.org, title="Учебная поддержка")
    mentor = teacher_mentor(world.org, last_name="Смирнов", first_name="Алексей", middle_name="Игоревич")
    pair = Mentorship.objects.create(organization=world.org, programme=programme, mentor=mentor)
    MentorshipMember.objects.create(mentorship=pair, mentee=student_mentee(world.org, last_name="Ёлкин"))
    return pair


def test_the_programme_page_offers_the_proposal_and_the_trial_meeting_of_each_draft_pair(world, client, draft):
    client.force_login(world.curator)
    page = client.get(reverse("programs:programme", args=[draft.programme_id])).content.decode()
    assert f'action="{reverse("programs:propose", args=[draft.programme_id])}"' in page
    assert f'href="{reverse("programs:meeting_create", args=[draft.pk])}">Записать пробную встречу' in page
    Meeting.objects.create(mentorship=draft, kind="trial", topic="Пробная", starts_at="2026-09-10T15:00+03:00")
    page = client.get(reverse("programs:programme", args=[draft.programme_id])).content.decode()
    assert "Записать пробную встречу" not in page  # held: the next meeting is logged from the pair's page


def test_the_psychologist_reads_the_programme_without_the_curators_buttons(world, client, draft):
    client.force_login(world.psychologist)
    page = client.get(reverse("programs:programme", args=[draft.programme_id])).content.decode()
    assert "Предложить распределение" not in page and "Записать пробную встречу" not in page


def test_a_new_meeting_starts_with_its_kind_as_the_topic_and_the_breadcrumbs_lead_back(world, client, draft):
    client.force_login(world.curator)
    page = client.get(reverse("programs:meeting_create", args=[draft.pk])).content.decode()
    assert 'value="Пробная рабочая встреча"' in page
    assert f'<a href="{reverse("programs:programme", args=[draft.programme_id])}">Учебная поддержка</a>' in page
    pair_page = client.get(reverse("programs:pair", args=[draft.pk])).content.decode()
    assert 'aria-current="page">Пара: Смирнов А. И.</li>' in pair_page

"""The one-time questionnaire link opens without an account: it names no mentor (often a pupil)
without a consent to publication."""

import pytest
from django.urls import reverse

from monitoring import services
from participants.models import Consent, MentorProfile
from tests.monitoring.factories import mentee_of, mentor_of, standard, student
from tests.participants.factories import ConsentFactory, StudyGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def link_page(world, client, login):
    group = StudyGroupFactory(organization=world.org, name="10 «Б»")
    hidden = student(world.org, last_name="Скрытова", first_name="Вера", middle_name="Павловна", study_group=group)
    named = student(world.org, last_name="Открытов", first_name="Иван", middle_name="Ильич", study_group=group)
    for person in (hidden, named):
        mentor_of(person, status=MentorProfile.Status.APPROVED)
    ConsentFactory(person=named, kind=Consent.Kind.PUBLICATION)
    pupil = student(world.org)
    mentee_of(pupil)
    q = standard(world.org, "preferences-mentee")
    link = services.links_issue(questionnaire=q, people=[pupil])[0]
    return {
        "link": client.get(reverse("monitoring:fill_token", args=[link.token])).content.decode(),
        "q": q,
        "pupil": pupil,
    }


def test_a_mentor_without_publication_consent_is_shown_by_role_initials_and_class(link_page):
    body = link_page["link"]
    assert "Скрытова" not in body and "Вера Павловна" not in body
    assert "наставник С. В., 10 «Б»" in body


def test_a_mentor_who_consented_to_publication_is_named(link_page):
    assert "Открытов Иван Ильич (10 «Б»)" in link_page["link"]


def test_inside_the_portal_the_signed_in_mentee_sees_full_names(world, login, link_page):
    from participants.models import Person

    Person.objects.filter(pk=link_page["pupil"].pk).update(user=world.mentee)
    body = login(world.mentee).get(reverse("monitoring:fill", args=[link_page["q"].pk])).content.decode()
    assert "Скрытова Вера Павловна" in body

"""The public page: no login, nobody named without a publication consent, a constant query count."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import Consent, MentorProfile
from programs.models import Mentorship
from tests.participants.factories import ConsentFactory
from tests.programs.awards_objects import practices_and_awards
from tests.programs.factories import teacher_mentor
from tests.programs.objects import pairs

pytestmark = pytest.mark.django_db


def _url(world) -> str:
    return reverse("public:organization", kwargs={"slug": world.org.slug})


def test_a_parent_reads_the_programme_without_an_account(world, client):
    o = practices_and_awards(world)
    response = client.get(_url(world))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Программа Учитель – ученик" in body
    assert o.practice.title in body
    assert "Наставник года" in body
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]


def test_a_mentor_without_a_publication_consent_never_appears(world, client):
    o = practices_and_awards(world)  # mentor_a: processing consent only, awarded, author of a published practice
    teacher_mentor(world.org, last_name="Скрытова", first_name="Нина")
    shown = teacher_mentor(world.org, last_name="Открытова", first_name="Вера")
    ConsentFactory(person=shown.person, kind=Consent.Kind.PUBLICATION)
    withdrawn = teacher_mentor(world.org, last_name="Отозвавшая", first_name="Ирина")
    ConsentFactory(person=withdrawn.person, kind=Consent.Kind.PUBLICATION, withdrawn_on=timezone.localdate())
    body = client.get(_url(world)).content.decode()
    practice_body = client.get(
        reverse("public:practice", kwargs={"slug": world.org.slug, "pk": o.practice.pk})
    ).content.decode()
    assert "Открытова Вера" in body
    for text in (body, practice_body):
        assert "Петров Алексей" not in text and "Скрытова" not in text and "Отозвавшая" not in text
        assert "Новиков Артём" not in text  # the mentee, a child
    assert "имя не публикуется" in body
    ConsentFactory(person=o.award.mentor.person, kind=Consent.Kind.PUBLICATION)
    assert "Петров Алексей" in client.get(_url(world)).content.decode()


def test_unknown_and_hidden_organizations_are_404_and_drafts_are_not_shown(world, client):
    o = practices_and_awards(world)
    assert client.get(reverse("public:organization", kwargs={"slug": "no-such-school"})).status_code == 404
    from programs.practices import practice_publish

    practice_publish(practice=o.practice, publish=False)
    assert o.practice.title not in client.get(_url(world)).content.decode()
    assert (
        client.get(reverse("public:practice", kwargs={"slug": world.org.slug, "pk": o.practice.pk})).status_code == 404
    )
    world.org.is_active = False
    world.org.save()
    assert client.get(_url(world)).status_code == 404


def test_the_page_makes_a_constant_number_of_queries(world, client, django_assert_max_num_queries):
    o = practices_and_awards(world)
    programme = pairs(world).programme
    for i in range(40):
        mentor = teacher_mentor(world.org, last_name=f"Наставник{i}")
        MentorProfile.objects.filter(pk=mentor.pk).update(status=MentorProfile.Status.ACTIVE)
        ConsentFactory(person=mentor.person, kind=Consent.Kind.PUBLICATION)
        Mentorship.objects.create(
            organization=world.org,
            programme=programme,
            mentor=mentor,
            status="active",
            start_date=timezone.localdate() - datetime.timedelta(days=3),
        )
    client.get(_url(world))
    # organization, year, programmes, forms, roadmaps+stages, pair figures, mentees, mentors (2),
    # practices (2), awards (2)
    with django_assert_max_num_queries(14):
        body = client.get(_url(world)).content.decode()
    assert body.count("Наставник3") == 11  # Наставник3, 30…39
    assert o.practice.title in body

"""Russian alphabetical order in every list of people outside the bases: «Ёлкин» comes after «Егоров»
and before «Жуков», never first (the code point of «Ё» is below «А»), on SQLite and PostgreSQL."""

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Role
from mentoring.orders.signatories import signers_for, staff_for_signing
from mentoring.selectors import organization_officer
from programs import documents
from programs.models import Mentorship, MentorshipMember
from tests.factories import UserFactory
from tests.programs.factories import student_mentee, teacher_mentor
from tests.programs.objects import programme_for

# Created in this order on purpose: neither the order of creation nor code points give the right one.
CREATED = ["Жуков", "Ёлкин", "Абрамова", "Егоров"]
RUSSIAN = ["Абрамова", "Егоров", "Ёлкин", "Жуков"]


def _in_page_order(html: str, names=RUSSIAN) -> list[str]:
    assert all(name in html for name in names), [name for name in names if name not in html]
    return sorted(names, key=html.index)


def _draft_pairs(world):
    programme = programme_for(world.org)
    pairs = []
    for last in CREATED:
        mentor = teacher_mentor(world.org, last_name=last, first_name="Олег" if last[-1] != "а" else "Анна")
        pair = Mentorship.objects.create(organization=world.org, programme=programme, mentor=mentor)
        MentorshipMember.objects.create(mentorship=pair, mentee=student_mentee(world.org))
        pairs.append(pair)
    return programme, pairs


def programme_pairs(world, client):
    programme, _ = _draft_pairs(world)
    client.force_login(world.curator)
    return client.get(reverse("programs:programme", args=[programme.pk]))


def pair_list(world, client):
    _draft_pairs(world)
    client.force_login(world.curator)
    return client.get(reverse("programs:pairs"))


def pairs_order(world, client):
    """The mentors «С приказом ознакомлены» of the pairs order, and its list of subjects."""
    programme, _ = _draft_pairs(world)
    order = documents.pairs_order_prepare(programme=programme, user=world.curator)
    client.force_login(world.director)
    return client.get(reverse("orders:detail", args=[order.pk]))


def group_meeting_attendees(world, client):
    programme = programme_for(world.org)
    pair = Mentorship.objects.create(
        organization=world.org, programme=programme, mentor=teacher_mentor(world.org, capacity=4)
    )
    for last in CREATED:
        MentorshipMember.objects.create(mentorship=pair, mentee=student_mentee(world.org, last_name=last))
    client.force_login(world.curator)
    return client.get(reverse("programs:meeting_create", args=[pair.pk]))


def staff_users(world, client):
    for last in CREATED:
        UserFactory(organization=world.org, last_name=last, first_name="Ирина", roles=[Role.FORM_CURATOR])
    client.force_login(world.director)
    return client.get(reverse("orders:signatories"))


PAGES = [programme_pairs, pair_list, pairs_order, group_meeting_attendees, staff_users]


@pytest.mark.parametrize("build", PAGES, ids=[p.__name__ for p in PAGES])
def test_a_list_of_people_reads_in_russian_alphabetical_order(world, client, build):
    response = build(world, client)
    assert response.status_code == 200
    assert _in_page_order(response.content.decode()) == RUSSIAN


def test_users_sort_e_and_yo_together_in_queries_of_the_core(world):
    for last in CREATED:
        UserFactory(organization=world.org, last_name=last, first_name="Ирина", roles=[Role.FORM_CURATOR])
    users = staff_for_signing(world.org).filter(last_name__in=CREATED)
    assert [u.last_name for u in users] == RUSSIAN
    assert organization_officer(world.org, Role.FORM_CURATOR).last_name == "Абрамова"
    assert signers_for(world.org, timezone.localdate()).count() == 1  # the director only

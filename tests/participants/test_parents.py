"""Parents (законные представители) of minor participants: an account linked to their own child,
created with the class's accounts (an optional tick), activated from a sheet the child takes home;
the parent sees only that child — the card, the pair and its meetings, the consent forms."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Role, User
from participants import accounts
from participants.access import visible_people
from participants.models import Guardian, Person
from programs.models import Meeting, Mentorship, MentorshipMember
from tests.participants.factories import ConsentFactory, PersonFactory, StudyGroupFactory
from tests.pdf import pdf_text
from tests.programs.factories import student_mentee, teacher_mentor
from tests.programs.objects import programme_for

pytestmark = pytest.mark.django_db


def _class(world):
    group = StudyGroupFactory(organization=world.org, grade=8, letter="Б")
    named = PersonFactory(
        organization=world.org, study_group=group, last_name="Ёлкин", first_name="Семён", middle_name="Павлович"
    )
    ConsentFactory(person=named, representative_name="Ёлкина Мария Ивановна", representative_relation="мать")
    on_paper = PersonFactory(
        organization=world.org,
        study_group=group,
        last_name="Абрамова",
        first_name="Алина",
        middle_name="Сергеевна",
        sex="f",
    )
    adult = PersonFactory(
        organization=world.org, study_group=group, last_name="Жуков", birth_date=datetime.date(2000, 1, 1)
    )
    return group, named, on_paper, adult


def _bulk(client, group, action, **extra):
    data = {"scope": "group", "group": group.pk, "all_matching": "on", "action": action, **extra}
    return client.post(reverse("participants:bulk"), data)


def test_the_class_accounts_action_with_the_tick_makes_a_parent_account_per_minor_linked_to_the_child(world, client):
    group, named, on_paper, adult = _class(world)
    client.force_login(world.curator)
    response = _bulk(client, group, "accounts", with_parents="on")
    assert response.status_code == 302
    guardians = {g.person.last_name: g for g in Guardian.objects.select_related("user", "person")}
    assert set(guardians) == {"Ёлкин", "Абрамова"}  # the adult student needs no parent's account
    elkina = guardians["Ёлкин"].user
    assert (elkina.username, elkina.full_name, guardians["Ёлкин"].relation) == (
        "elkin.sp.rod",
        "Ёлкина Мария Ивановна",
        "мать",
    )  # the name from the consent
    assert guardians["Абрамова"].user.full_name == ""  # a paper consent: the parent gives the name later
    assert elkina.role_names == {Role.PARENT} and not elkina.has_usable_password()
    assert all(Person.objects.filter(pk=p.pk, user__isnull=False).exists() for p in (named, on_paper, adult))
    message = str(list(response.wsgi_request._messages)[0])
    assert "родителей (законных представителей): 2" in message and "совершеннолетним не нужны: 1" in message

    _bulk(client, group, "accounts", with_parents="on")  # a second time changes nothing
    assert Guardian.objects.count() == 2
    assert User.objects.filter(roles__role=Role.PARENT, wards__person__study_group=group).count() == 2


def test_without_the_tick_no_parent_account_is_made(world, client):
    group, *_ = _class(world)
    client.force_login(world.curator)
    _bulk(client, group, "accounts")
    assert not Guardian.objects.exists()


def test_the_parents_sheet_names_each_child_in_the_genitive_with_the_parents_login(world, client):
    group, *_ = _class(world)
    client.force_login(world.curator)
    _bulk(client, group, "accounts", with_parents="on")
    page = client.get(reverse("participants:group", args=[group.pk])).content.decode()
    assert "Лист входа для родителей (PDF)" in page and "родитель: elkin.sp.rod" in page
    response = _bulk(client, group, "parent_sheet")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "Родителю (законному представителю) Ёлкина Семёна Павловича (8 «Б» класс)" in text
    assert "Абрамовой Алины Сергеевны" in text
    assert "Логин: elkin.sp.rod" in text and "Логин: abramova.as.rod" in text
    assert text.index("Абрамовой") < text.index("Ёлкина")  # Russian order
    assert len(re.findall(r"/activate/[\w-]{8}", text)) == 2


def test_a_parent_without_a_name_on_file_gives_it_when_setting_the_password(world, client):
    group, _, on_paper, _ = _class(world)
    accounts.parent_accounts_create(people=[on_paper], created_by=world.curator)
    [(_, parent, _, token)] = accounts.parent_activations_issue(people=[on_paper], created_by=world.curator)
    url = reverse("participants:activate", args=[token])
    page = client.get(url).content.decode()
    assert "родителя (законного представителя) Абрамовой Алины Сергеевны" in page and "Фамилия" in page
    weak = client.post(url, {"last_name": "", "first_name": "", "new_password1": "x", "new_password2": "x"})
    assert weak.status_code == 200 and "Обязательное поле" in weak.content.decode()
    password = "Наставник-2026!"
    data = {"last_name": "Абрамова", "first_name": "Елена", "middle_name": "Ивановна"}
    response = client.post(url, {**data, "new_password1": password, "new_password2": password})
    assert response.status_code == 302
    parent.refresh_from_db()
    assert parent.full_name == "Абрамова Елена Ивановна" and parent.check_password(password)


def test_a_parent_sees_only_their_own_child(world, client):
    group, named, on_paper, _ = _class(world)
    accounts.parent_accounts_create(people=[named, on_paper], created_by=world.curator)
    parent = Guardian.objects.get(person=named).user
    client.force_login(parent)
    assert list(visible_people(parent)) == [named]
    assert client.get(reverse("participants:person", args=[named.pk])).status_code == 200
    assert client.get(reverse("participants:person_consent_pdf", args=[named.pk])).status_code == 200
    for other in (on_paper, PersonFactory(organization=world.org)):
        assert client.get(reverse("participants:person", args=[other.pk])).status_code == 404
        assert client.get(reverse("participants:person_consent_pdf", args=[other.pk])).status_code == 404
    for name in ("participants:people", "participants:mentees", "participants:groups", "roadmap:index"):
        assert client.get(reverse(name)).status_code == 403, name


def test_the_parents_home_shows_the_childs_mentor_and_meetings_never_the_other_members_of_the_group(world, client):
    programme = programme_for(world.org)
    mentor = teacher_mentor(world.org, capacity=3, last_name="Смирнов", first_name="Алексей", middle_name="Игоревич")
    child = student_mentee(world.org, last_name="Ёлкин", first_name="Семён")
    other = student_mentee(world.org, last_name="Абрамова", first_name="Алина")
    pair = Mentorship.objects.create(
        organization=world.org,
        programme=programme,
        mentor=mentor,
        status=Mentorship.Status.ACTIVE,
        start_date=timezone.localdate() - datetime.timedelta(days=20),
    )
    for mentee in (child, other):
        MentorshipMember.objects.create(mentorship=pair, mentee=mentee)
    present = Meeting.objects.create(
        mentorship=pair, kind="working", topic="Дроби", starts_at=timezone.now() - datetime.timedelta(days=7)
    )
    present.attendees.set([child])
    absent = Meeting.objects.create(
        mentorship=pair, kind="working", topic="Проценты", starts_at=timezone.now() - datetime.timedelta(days=2)
    )
    absent.attendees.set([other])
    accounts.parent_accounts_create(people=[child.person], created_by=world.curator)
    client.force_login(Guardian.objects.get().user)
    page = client.get(reverse("home")).content.decode()
    assert "Ёлкин Семён" in page and "Смирнов Алексей Игоревич" in page
    assert "присутствовал(а)" in page and "отсутствовал(а)" in page
    assert "Абрамова" not in page
    assert client.get(reverse("programs:pair", args=[pair.pk])).status_code == 404


def test_a_parent_loses_the_login_when_their_only_child_leaves_but_not_while_another_studies_here(world):
    group, named, on_paper, _ = _class(world)
    accounts.parent_accounts_create(people=[named, on_paper], created_by=world.curator)
    parent = Guardian.objects.get(person=named).user
    Guardian.objects.create(person=on_paper, user=parent)  # the same mother of both
    accounts.person_leave(person=named, date=timezone.localdate())
    parent.refresh_from_db()
    assert parent.is_active
    accounts.person_leave(person=on_paper, date=timezone.localdate())
    parent.refresh_from_db()
    assert not parent.is_active


def test_a_child_with_two_parents_appears_once_in_the_staff_lists(world):
    group, named, *_ = _class(world)
    for username in ("mother", "father"):
        user = User.objects.create(username=username, organization=world.org)
        user.roles.create(role=Role.PARENT)
        Guardian.objects.create(person=named, user=user)
    assert list(visible_people(world.staff).filter(pk=named.pk)) == [named]

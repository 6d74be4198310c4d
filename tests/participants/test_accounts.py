"""Accounts for participants: created a class at a time, activated by a one-time link, stopped
when a person leaves; staff roles given by the director."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from mentoring.models import PersonalDataEvent, Role, User, UserRole
from participants import accounts
from participants.models import AccountActivation, Person
from tests.participants.factories import MenteeProfileFactory, PersonFactory, StudyGroupFactory, TeacherFactory
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


def _logs_in(client, username, password) -> bool:
    client.post(reverse("login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session


def _class(world, size=3):
    group = StudyGroupFactory(organization=world.org, grade=5, letter="Б")
    return group, [PersonFactory(organization=world.org, study_group=group) for _ in range(size)]


def test_it_creates_one_account_per_person_with_a_readable_unique_login(world):
    first = PersonFactory(organization=world.org, last_name="Фёдорова", first_name="Алёна", middle_name="Сергеевна")
    second = PersonFactory(organization=world.org, last_name="Федорова", first_name="Анна", middle_name="Семёновна")
    result = accounts.accounts_create(people=[first, second], created_by=world.curator, base_url=BASE)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.user.username, second.user.username) == ("fedorova.as", "fedorova.as2")
    assert first.user.organization == world.org and first.user.full_name == "Фёдорова Алёна Сергеевна"
    assert not first.user.has_usable_password()  # nobody knows a password until the person sets one
    assert result.summary == ("Созданы учётные записи: 2; без адреса почты: 2 — распечатайте лист входа на портал.")


def test_the_account_gets_the_mentee_role_from_the_base_and_the_mentor_role_when_added_later(world):
    person = PersonFactory(organization=world.org)
    MenteeProfileFactory(person=person)
    accounts.accounts_create(people=[person], created_by=world.curator, base_url=BASE)
    person.refresh_from_db()
    assert person.user.role_names == {Role.MENTEE}
    from participants import services

    services.mentor_add(person=person, user=world.curator)
    assert set(UserRole.objects.filter(user=person.user).values_list("role", flat=True)) == {"mentee", "mentor"}


def test_a_person_with_an_email_gets_the_link_by_mail_and_it_works_once(
    world, client, django_capture_on_commit_callbacks
):
    teacher = TeacherFactory(organization=world.org, email="ivanova@school.ru", last_name="Иванова", first_name="Мария")
    with django_capture_on_commit_callbacks(execute=True):
        result = accounts.accounts_create(people=[teacher], created_by=world.director, base_url=BASE)
    assert [p.pk for p in result.emailed] == [teacher.pk]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ivanova@school.ru"]
    body = mail.outbox[0].body
    assert "Ваш логин: ivanova.mp" in body  # Иванова Мария Петровна
    url = re.search(r"http://testserver(/participants/activate/\S+/)", body).group(1)

    page = client.get(url)
    assert page.status_code == 200 and "ivanova.mp" in page.content.decode()
    weak = client.post(url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert "слишком" in weak.content.decode() or "распространён" in weak.content.decode()  # Django's validators
    teacher.refresh_from_db()
    assert not teacher.user.has_usable_password()

    done = client.post(url, {"new_password1": "Kvadrat-Malevicha-1915", "new_password2": "Kvadrat-Malevicha-1915"})
    assert done.status_code == 302 and done["Location"] == reverse("login")
    assert _logs_in(client, "ivanova.mp", "Kvadrat-Malevicha-1915")
    client.logout()
    again = client.get(url)
    assert again.status_code == 404 and "Ссылка недействительна" in again.content.decode()


def test_an_expired_link_no_longer_opens(world, client):
    person = PersonFactory(organization=world.org)
    accounts.accounts_create(people=[person], created_by=world.curator, base_url=BASE)
    person.refresh_from_db()
    activation, token = accounts.activation_issue(person=person, created_by=world.curator)
    assert activation.expires_at.date() == (timezone.now() + datetime.timedelta(days=14)).date()
    AccountActivation.objects.filter(pk=activation.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    url = reverse("participants:activate", kwargs={"token": token})
    assert client.get(url).status_code == 404
    response = client.post(url, {"new_password1": "Kvadrat-Malevicha-1915", "new_password2": "Kvadrat-Malevicha-1915"})
    assert response.status_code == 404
    person.user.refresh_from_db()
    assert not person.user.has_usable_password()


def test_a_new_sheet_revokes_the_links_of_the_lost_one(world, client):
    person = PersonFactory(organization=world.org)
    accounts.accounts_create(people=[person], created_by=world.curator, base_url=BASE)
    person.refresh_from_db()
    _, old = accounts.activation_issue(person=person, created_by=world.curator)
    _, new = accounts.activation_issue(person=person, created_by=world.curator)
    assert client.get(reverse("participants:activate", kwargs={"token": old})).status_code == 404
    assert client.get(reverse("participants:activate", kwargs={"token": new})).status_code == 200
    assert AccountActivation.objects.filter(person=person, revoked_at__isnull=False).count() == 1
    assert not AccountActivation.objects.filter(token_hash__in=[old, new]).exists()  # only hashes are stored


def test_a_person_who_leaves_cannot_log_in_and_their_link_stops(world, client, login):
    person = PersonFactory(organization=world.org)
    accounts.accounts_create(people=[person], created_by=world.curator, base_url=BASE)
    person.refresh_from_db()
    _, token = accounts.activation_issue(person=person, created_by=world.curator)
    user = person.user
    user.set_password("Kvadrat-Malevicha-1915")
    user.save()
    response = login(world.curator).post(
        reverse("participants:person_leave", kwargs={"pk": person.pk}), {"date": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    user.refresh_from_db()
    assert person.left_on == timezone.localdate() and not user.is_active
    client.logout()
    assert not _logs_in(client, user.username, "Kvadrat-Malevicha-1915")
    assert client.get(reverse("participants:activate", kwargs={"token": token})).status_code == 404
    assert PersonalDataEvent.objects.filter(subject_id=person.pk, description__startswith="Выбыл").exists()


def test_a_departed_or_anonymized_person_stops_the_whole_action(world):
    ok = PersonFactory(organization=world.org)
    gone = PersonFactory(organization=world.org, left_on=datetime.date(2025, 1, 10), last_name="Орлов")
    with pytest.raises(Exception, match="Орлов .* \\(выбыл\\(а\\) 10.01.2025\\)"):
        accounts.accounts_create(people=[ok, gone], created_by=world.curator, base_url=BASE)
    assert not User.objects.filter(person__in=[ok, gone]).exists()


def test_the_class_activation_sheet_has_a_qr_code_and_login_for_everyone_without_a_password(world, login):
    group, students = _class(world)
    accounts.accounts_create(people=students, created_by=world.curator, base_url=BASE)
    activated = Person.objects.get(pk=students[0].pk).user
    activated.set_password("Kvadrat-Malevicha-1915")
    activated.save()
    response = login(world.curator).post(
        reverse("participants:bulk"),
        {"scope": "group", "group": group.pk, "all_matching": "on", "action": "activation_sheet"},
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for student in students[1:]:
        student.refresh_from_db()
        assert student.full_name in text and student.user.username in text
    assert students[0].last_name not in text  # already set a password: no new link for them
    assert "/participants/activate/" in text and "Действует до" in text
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    drawing = page.get_contents().get_data()
    assert drawing.count(b" l\n") + drawing.count(b" l ") > 200  # the QR codes are drawn as vector paths
    assert AccountActivation.objects.filter(person__in=students, revoked_at=None).count() == 2


def test_only_the_director_assigns_staff_roles_and_each_change_is_audited(
    world, login, django_capture_on_commit_callbacks
):
    teacher = TeacherFactory(organization=world.org, last_name="Белова", first_name="Ирина", email="belova@school.ru")
    url = reverse("participants:staff_roles")
    assert login(world.curator).get(url).status_code == 403
    page = login(world.director).get(url)
    content = page.content.decode()
    assert "Белова Ирина" in content and "Кузнецова Ольга" in content  # the card's teacher and the curator user
    rows = {row.name: row for row in accounts.staff_rows(organization=world.org)}
    curator_key = rows["Кузнецова Ольга Николаевна"].key
    teacher_key = rows[teacher.full_name].key
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.director).post(url, {curator_key: ["curator"], teacher_key: ["psychologist", "staff"]})
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.user is not None and teacher.user.role_names == {"psychologist", "staff"}
    assert mail.outbox and mail.outbox[0].to == ["belova@school.ru"]
    assert world.curator.roles.get().role == "curator"
    event = PersonalDataEvent.objects.get(subject_id=teacher.pk, description__startswith="Роли")
    assert "назначено: педагог-психолог, сотрудник" in event.description
    # Taking a role away; the outsider director's list never shows this school's staff.
    login(world.director).post(url, {curator_key: ["curator"], rows[teacher.full_name].key: []})
    assert set(UserRole.objects.filter(user=teacher.user).values_list("role", flat=True)) == set()
    assert "Белова" not in login(world.outsider).get(url).content.decode()


def test_a_forged_role_or_a_stranger_row_changes_nothing(world, login):
    url = reverse("participants:staff_roles")
    key = next(r.key for r in accounts.staff_rows(organization=world.org) if r.user == world.curator)
    response = login(world.director).post(url, {key: ["director"]})
    assert response.status_code == 200 and "корректный вариант" in response.content.decode()
    assert world.curator.roles.get().role == "curator"

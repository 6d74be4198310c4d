"""The waiting list: «подобрать» per mentee, the export, and the psychologist's support record (seed 000
stage 5, seed 004 item 5.5), which only the psychologist and the curator see."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from participants.models import MenteeProfile, MenteeSupport
from tests.programs.factories import student_mentee, teacher_mentor
from tests.programs.objects import programme_for

pytestmark = pytest.mark.django_db


def _waiting(world, **fields):
    mentee = student_mentee(world.org, **fields)
    MenteeProfile.objects.filter(pk=mentee.pk).update(status="waiting")
    mentee.refresh_from_db()
    return mentee


def test_pick_leads_to_the_matching_of_that_mentee_alone(world, client):
    programme = programme_for(world.org)
    teacher_mentor(world.org)
    mentee, other = _waiting(world), _waiting(world)
    client.force_login(world.curator)
    listing = client.get(reverse("participants:waiting")).content.decode()
    pick = reverse("programs:match_mentee", args=[mentee.pk])
    assert pick in listing and "Подобрать" in listing
    response = client.get(pick)
    assert response.url == reverse("programs:matching", args=[programme.pk]) + f"?mentee={mentee.pk}"
    page = client.get(response.url).content.decode()
    assert mentee.person.full_name in page and other.person.full_name not in page
    assert "Показан один наставляемый" in page


def test_pick_without_a_programme_for_the_mentee_says_what_to_do(world, client):
    mentee = _waiting(world)
    client.force_login(world.curator)
    response = client.get(reverse("programs:match_mentee", args=[mentee.pk]), follow=True)
    assert "Нет реализуемой программы" in response.content.decode()


def test_the_psychologist_records_support_and_the_curator_sees_it(world, client):
    mentee = _waiting(world)
    client.force_login(world.psychologist)
    url = reverse("participants:support", args=[mentee.pk])
    today = timezone.localdate()
    future = client.post(url, {"date": today + datetime.timedelta(days=3), "action": "Беседа"})
    assert "ещё не наступила" in future.content.decode() and "Беседа" in future.content.decode()
    assert not MenteeSupport.objects.exists()
    client.post(
        url, {"date": today, "action": "Индивидуальная консультация, тревожность снизилась", "next_step": "Группа"}
    )
    record = MenteeSupport.objects.get()
    assert record.recorded_by == world.psychologist and record.date == today
    client.force_login(world.curator)
    listing = client.get(reverse("participants:waiting")).content.decode()
    assert f"{today:%d.%m.%Y}, {world.psychologist.short_name}" in listing
    assert "Индивидуальная консультация" in client.get(url).content.decode()


def test_the_director_sees_the_list_but_not_the_support_records(world, client):
    mentee = _waiting(world)
    MenteeSupport.objects.create(mentee=mentee, action="Консультация", recorded_by=world.psychologist)
    client.force_login(world.director)
    listing = client.get(reverse("participants:waiting")).content.decode()
    assert mentee.person.full_name in listing and "Сопровождение" not in listing
    assert client.get(reverse("participants:support", args=[mentee.pk])).status_code == 403
    book = load_workbook(BytesIO(client.get(reverse("participants:waiting_export")).content))
    headers = [c.value for c in book.active[1]]
    assert "Что сделано" not in headers and "Консультация" not in str(list(book.active.values))


def test_support_is_recorded_only_for_mentees_waiting_for_a_pair(world, client):
    mentee = student_mentee(world.org)
    MenteeProfile.objects.filter(pk=mentee.pk).update(status="candidate")
    client.force_login(world.psychologist)
    response = client.post(
        reverse("participants:support", args=[mentee.pk]), {"date": timezone.localdate(), "action": "Беседа"}
    )
    assert "не ожидает пару" in response.content.decode() and not MenteeSupport.objects.exists()


def test_the_export_lists_the_waiting_with_their_support(world, client):
    mentee = _waiting(world, request="Адаптация в новом классе")
    MenteeSupport.objects.create(mentee=mentee, action="Занятие в группе", recorded_by=world.psychologist)
    client.force_login(world.psychologist)
    response = client.get(reverse("participants:waiting_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    headers = [c.value for c in sheet[1]]
    row = dict(zip(headers, [c.value for c in sheet[2]], strict=True))
    assert row["ФИО"] == mentee.person.full_name and row["Запрос"] == "Адаптация в новом классе"
    assert row["Что сделано"] == "Занятие в группе" and row["Кто провёл"] == world.psychologist.full_name
    assert sheet.max_row == 2


def test_a_long_waiting_list_comes_in_pages_of_fifty(world, login):
    for _ in range(55):
        _waiting(world)
    first = login(world.curator).get(reverse("participants:waiting"))
    assert first.content.decode().count("Подобрать<span") == 50 and "Страница 1 из 2" in first.content.decode()
    last = login(world.curator).get(reverse("participants:waiting"), {"page": 2}).content.decode()
    assert last.count("Подобрать<span") == 5 and "Всего: 55" in last

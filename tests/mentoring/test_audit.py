"""The director answers «who saw this child's data?»: views, changes, prints and exports are logged."""

import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mentoring.models import PersonalDataEvent
from tests.programs.objects import pairs

pytestmark = pytest.mark.django_db


def test_the_director_sees_who_viewed_printed_and_exported_a_childs_data(world, login):
    child = pairs(world).member.mentee.person
    login(world.curator).get(reverse("participants:person", kwargs={"pk": child.pk}))
    login(world.curator).get(reverse("participants:person_consent_pdf", kwargs={"pk": child.pk}))
    login(world.psychologist).get(reverse("participants:mentees_export"))
    login(world.staff).get(reverse("participants:people_export"), {"kind": "teacher"})  # the child is not in it
    response = login(world.director).get(reverse("audit:person", kwargs={"pk": child.pk}))
    events = list(response.context["page"])
    assert [(e.user, e.action) for e in events] == [
        (world.psychologist, "export"),
        (world.curator, "print"),
        (world.curator, "view"),
    ]
    body = response.content.decode()
    assert "Кузнецова Ольга Николаевна" in body and "Морозова Анна Сергеевна" in body
    assert "Васильев" not in body


def test_a_change_names_the_fields_changed(world, login):
    child = pairs(world).member.mentee.person
    form = login(world.curator).get(reverse("participants:person_edit", kwargs={"pk": child.pk})).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(phone="+7 900 111-22-33", kind=child.kind)
    data = {k: getattr(v, "pk", v) for k, v in data.items()}
    login(world.curator).post(reverse("participants:person_edit", kwargs={"pk": child.pk}), data)
    change = PersonalDataEvent.objects.get(action="change", subject_id=child.pk)
    assert "phone" in change.description


def test_the_log_is_the_directors_and_of_their_organization_only(world, login):
    child = pairs(world).member.mentee.person
    login(world.curator).get(reverse("participants:person", kwargs={"pk": child.pk}))
    assert login(world.curator).get(reverse("audit:log")).status_code == 403
    assert len(login(world.director).get(reverse("audit:log")).context["page"]) == 1
    assert len(login(world.outsider).get(reverse("audit:log")).context["page"]) == 0
    assert login(world.outsider).get(reverse("audit:person", kwargs={"pk": child.pk})).status_code == 404


def test_the_persons_data_on_request_as_xlsx_and_json_and_the_export_is_logged(world, login):
    p = pairs(world)
    person = p.member.mentee.person
    client = login(world.director)
    response = client.get(reverse("audit:person_data_xlsx", kwargs={"pk": person.pk}))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Карточка", "Согласия", "Пары и группы", "Встречи", "Обратная связь", "Ответы на анкеты"]
    assert book["Карточка"]["A2"].value == person.last_name
    assert book["Встречи"].max_row == 2
    data = json.loads(client.get(reverse("audit:person_data_json", kwargs={"pk": person.pk})).content)
    assert data["Пары и группы"][0]["Наставник"] == p.pair.mentor.person.full_name
    assert PersonalDataEvent.objects.filter(action="export", subject_id=person.pk).count() == 2


def test_withdrawal_of_the_processing_consent_is_logged_as_erasure(world, login):
    person = pairs(world).member.mentee.person
    consent = person.consents.get(kind="processing")
    login(world.curator).post(
        reverse("participants:consent_withdraw", kwargs={"pk": consent.pk}), {"date": consent.signed_on}
    )
    person.refresh_from_db()
    assert person.is_anonymized
    assert PersonalDataEvent.objects.filter(action="erase", subject_id=person.pk, user=world.curator).exists()


def test_the_log_names_each_child_of_a_full_page_in_one_lookup(world, login, django_assert_max_num_queries):
    from tests.participants.factories import PersonFactory

    children = [PersonFactory(organization=world.org, last_name=f"Ученикова{i}") for i in range(30)]
    PersonalDataEvent.objects.bulk_create(
        PersonalDataEvent(
            organization=world.org,
            user=world.curator,
            action="view",
            subject_id=child.pk,
            person_ids=f",{child.pk},",
            description="Просмотр карточки участника",
        )
        for child in children * 2
    )
    client = login(world.director)
    client.get(reverse("audit:log"))  # warm the session
    with django_assert_max_num_queries(8):
        response = client.get(reverse("audit:log"))
    body = response.content.decode()
    assert len(response.context["page"]) == 50
    assert body.count("Ученикова") == 50 and f'href="{reverse("audit:person", args=[children[-1].pk])}"' in body

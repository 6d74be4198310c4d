"""The roadmap pages: what each persona sees and may change, bad input, query counts."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from mentoring.models import Role
from roadmap.models import Activity, Roadmap
from tests.pdf import pdf_text
from tests.roadmap.factories import make_activity, make_roadmap

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def busy(world, load, today):
    """Two real templates with a mix of statuses and dates, as a curator's year looks."""
    roadmap = load("chernogorsk-college")
    load("sosh-59")
    activities = list(roadmap.activities.order_by("position"))
    for index, activity in enumerate(activities):
        activity.due_date = today + (index - 20) * 3 * DAY
        activity.status = ["planned", "in_progress", "done", "planned"][index % 4]
        activity.completed_on = today - DAY if activity.status == "done" else None
    Activity.objects.bulk_update(activities, ["due_date", "status", "completed_on"])
    for activity in activities[:10]:
        activity.responsible_users.add(world.mentor_a)
    return roadmap


def test_curator_home_shows_what_is_late_and_what_is_next(busy, world, login, today, django_assert_max_num_queries):
    client = login(world.curator)
    with django_assert_max_num_queries(22):  # +2 for the monitoring summary panel (stale pairs, missing feedback)
        response = client.get(reverse("home"))
    body = response.content.decode()
    assert "Дорожная карта: сроки" in body
    panel = next(p for p in response.context["panels"] if "overdue_count" in p)
    overdue = Activity.objects.filter(roadmap__organization=world.org).overdue(today).count()
    assert panel["overdue_count"] == overdue > 0
    assert panel["upcoming_count"] > 0
    assert "просрочено" in body and "в ближайшие 14 дней" in body
    assert "Ход по этапам" in body


def test_director_home_has_the_same_panel(busy, world, login):
    body = login(world.director).get(reverse("home")).content.decode()
    assert "Дорожная карта: сроки" in body


def test_mentor_home_lists_my_tasks(busy, world, login, django_assert_max_num_queries):
    client = login(world.mentor_a)
    with django_assert_max_num_queries(16):
        body = client.get(reverse("home")).content.decode()
    assert "Мои задачи по дорожной карте" in body
    assert "Все мои задачи" in body


def test_roadmap_page_groups_by_section_with_progress_and_a_constant_query_count(
    busy, world, login, django_assert_max_num_queries
):
    client = login(world.mentee)  # everyone of the organization reads
    with django_assert_max_num_queries(16):
        response = client.get(reverse("roadmap:detail", args=[busy.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Формирование базы наставляемых" in body
    assert "Два с половиной месяца после издания приказа" in body  # the wording as written
    assert "Ход по этапам целевой модели" in body
    assert "Отметить выполнение" not in body and "Мероприятие</a>" not in body


@pytest.mark.parametrize("show", ["overdue", "upcoming", "open", "flagged"])
def test_roadmap_page_filters(busy, world, login, show, today):
    client = login(world.curator)
    response = client.get(reverse("roadmap:detail", args=[busy.pk]), {"show": show})
    shown = [a for s in response.context["sections"] for a in s.activities.all()]
    expected = {
        "overdue": lambda a: a.is_overdue(today),
        "upcoming": lambda a: a.is_open and today <= a.due_date <= today + 14 * DAY,
        "open": lambda a: a.is_open,
        "flagged": lambda a: a.deadline_flagged,
    }[show]
    assert sorted(a.pk for a in shown) == sorted(a.pk for a in busy.activities.all() if expected(a))
    by_stage = client.get(reverse("roadmap:detail", args=[busy.pk]), {"show": show, "stage": "6"})
    assert all(a.stage == 6 for s in by_stage.context["sections"] for a in s.activities.all())


def test_a_bad_filter_is_a_message_not_an_error(busy, world, login):
    response = login(world.curator).get(reverse("roadmap:detail", args=[busy.pk]), {"show": "<x>", "stage": "99"})
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()


def test_timeline_marks_months_and_pins_queries(busy, world, login, django_assert_max_num_queries):
    client = login(world.curator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("roadmap:timeline", args=[busy.pk]))
    assert response.status_code == 200
    assert [m["label"] for m in response.context["months"]][:2] == ["сен", "окт"]
    assert login(world.curator).get(reverse("roadmap:timeline", args=[busy.pk]), {"year": "x"}).status_code == 200
    assert login(world.curator).get(reverse("roadmap:timeline", args=[busy.pk]), {"year": "1999"}).status_code == 404


def test_curator_sets_the_order_date_and_the_deadlines_appear(world, login, load):
    roadmap = load("chernogorsk-college")
    event = roadmap.events.get(key="order")
    response = login(world.curator).post(
        reverse("roadmap:event", args=[event.pk]), {"happened_on": "2025-09-10", "reference": "Приказ № 95-ОД"}
    )
    assert response.status_code == 302
    assert roadmap.activities.get(number="1.1").due_date == datetime.date(2025, 11, 10)
    bad = login(world.curator).post(reverse("roadmap:event", args=[event.pk]), {"happened_on": "вчера"})
    assert bad.status_code == 302  # a message, and the date stays
    event.refresh_from_db()
    assert event.happened_on == datetime.date(2025, 9, 10)


def test_only_editors_set_event_dates(world, login, load):
    event = load("chernogorsk-college").events.get()
    assert login(world.mentor_a).post(reverse("roadmap:event", args=[event.pk]), {}).status_code == 403
    assert login(world.outsider).post(reverse("roadmap:event", args=[event.pk]), {}).status_code == 404


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_responsible_mentor_marks_done_with_a_file_and_others_download_it(world, login, today, media):
    activity = make_activity(make_roadmap(world.org), "6.1", roles=(Role.MENTOR,), due=today - DAY)
    client = login(world.mentor_a)
    page = client.get(activity.get_absolute_url()).content.decode()
    assert "Отметить выполнение" in page
    upload = SimpleUploadedFile("протокол.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    response = client.post(
        reverse("roadmap:progress", args=[activity.pk]),
        {"status": "done", "completed_on": today.isoformat(), "evidence_file": upload, "comment": "Встреча прошла"},
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == "done" and activity.completed_on == today
    assert activity.comments.get().author == world.mentor_a
    download = login(world.psychologist).get(reverse("roadmap:evidence", args=[activity.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 scan"
    assert login(world.outsider).get(reverse("roadmap:evidence", args=[activity.pk])).status_code == 404


def test_someone_not_responsible_cannot_update(world, login, today):
    activity = make_activity(make_roadmap(world.org), "1", roles=(Role.MENTOR,))
    client = login(world.psychologist)
    assert "Отметить выполнение" not in client.get(activity.get_absolute_url()).content.decode()
    response = client.post(reverse("roadmap:progress", args=[activity.pk]), {"status": "done"})
    assert response.status_code == 403
    assert client.post(reverse("roadmap:comment", args=[activity.pk]), {"text": "x"}).status_code == 403


def test_a_named_person_updates_their_activity(world, login):
    activity = make_activity(make_roadmap(world.org), "1", users=[world.staff])
    response = login(world.staff).post(
        reverse("roadmap:progress", args=[activity.pk]), {"status": "in_progress", "evidence_url": "example.org/a"}
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == "in_progress" and activity.evidence_url == "https://example.org/a"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": "done", "completed_on": "2999-01-01"}, "completed_on"),
        ({"status": "finished"}, "status"),
        ({"status": "done", "evidence_url": "javascript:alert(1)"}, "evidence_url"),
    ],
)
def test_bad_progress_input_keeps_what_was_typed(world, login, data, field):
    activity = make_activity(make_roadmap(world.org), "1")
    response = login(world.curator).post(
        reverse("roadmap:progress", args=[activity.pk]), {**data, "evidence_note": "Приказ № 7"}
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert 'value="Приказ № 7"' in response.content.decode()


def test_an_executable_upload_is_refused(world, login, media):
    activity = make_activity(make_roadmap(world.org), "1")
    upload = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = login(world.curator).post(
        reverse("roadmap:progress", args=[activity.pk]), {"status": "done", "evidence_file": upload}
    )
    assert response.status_code == 400
    assert "evidence_file" in response.context["form"].errors


def test_a_comment_on_its_own(world, login):
    activity = make_activity(make_roadmap(world.org), "1")
    client = login(world.curator)
    assert client.post(reverse("roadmap:comment", args=[activity.pk]), {"text": "Перенесли на май"}).status_code == 302
    assert "Перенесли на май" in client.get(activity.get_absolute_url()).content.decode()
    assert client.post(reverse("roadmap:comment", args=[activity.pk]), {"text": ""}).status_code == 400


def test_curator_edits_an_activity_deadline_and_people(world, login):
    roadmap = make_roadmap(world.org)
    activity = make_activity(roadmap, "1.1")
    make_activity(roadmap, "1.2")
    client = login(world.curator)
    assert client.get(reverse("roadmap:activity_edit", args=[activity.pk])).status_code == 200
    data = {
        "section": roadmap.sections.get().pk,
        "number": "1.1",
        "title": "Назначение куратора",
        "deadline_text": "до 10.10.2025",
        "responsible_text": "Директор",
        "roles": [Role.DIRECTOR],
        "users": [world.psychologist.pk],
        "result": "Приказ директора",
        "stage": "1",
    }
    assert client.post(reverse("roadmap:activity_edit", args=[activity.pk]), data).status_code == 302
    activity.refresh_from_db()
    assert activity.due_date == datetime.date(2025, 10, 10)
    assert list(activity.responsible_users.all()) == [world.psychologist]
    duplicate = client.post(reverse("roadmap:activity_edit", args=[activity.pk]), {**data, "number": "1.2"})
    assert duplicate.status_code == 400 and "уже есть" in duplicate.content.decode()
    assert 'value="до 10.10.2025"' in duplicate.content.decode()


def test_curator_adds_an_activity_with_an_unreadable_deadline_which_is_flagged(world, login):
    roadmap = make_roadmap(world.org)
    response = login(world.curator).post(
        reverse("roadmap:activity_new", args=[roadmap.pk]),
        {"section": roadmap.sections.get().pk, "number": "1.9", "title": "Круглый стол", "deadline_text": "по мере"},
    )
    assert response.status_code == 302
    activity = roadmap.activities.get(number="1.9")
    assert activity.deadline_flagged and activity.due_date is None
    page = login(world.curator).get(activity.get_absolute_url()).content.decode()
    assert "срок не распознан" in page


def test_curator_loads_a_template_from_the_page_once(world, login):
    client = login(world.curator)
    assert "Создать из шаблона" in client.get(reverse("roadmap:index")).content.decode()
    data = {"template": "gymnasium-30", "year": "2025/2026"}
    first = client.post(reverse("roadmap:load"), data)
    second = client.post(reverse("roadmap:load"), data)
    assert first.status_code == second.status_code == 302
    assert Roadmap.objects.filter(organization=world.org).count() == 1
    bad = client.post(reverse("roadmap:load"), {"template": "gymnasium-30", "year": "2025/2027"})
    assert bad.status_code == 400 and 'value="2025/2027"' in bad.content.decode()
    assert login(world.mentor_a).post(reverse("roadmap:load"), data).status_code == 403


def test_roadmap_reference_data_edit(world, login):
    roadmap = make_roadmap(world.org)
    response = login(world.director).post(
        reverse("roadmap:edit", args=[roadmap.pk]),
        {"title": "Дорожная карта 2025/2026", "approval_order_number": "70-ОД", "approval_order_date": "2025-08-29"},
    )
    assert response.status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.approval_order_number == "70-ОД"


def test_my_tasks_page(busy, world, login, django_assert_max_num_queries):
    client = login(world.mentor_a)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("roadmap:my_tasks"))
    assert response.status_code == 200
    assert response.context["tasks"] and all(t.is_open for t in response.context["tasks"])
    all_tasks = client.get(reverse("roadmap:my_tasks"), {"done": "1"}).context["tasks"]
    assert len(all_tasks) > len(response.context["tasks"])


def test_xlsx_export_neutralizes_formulas(world, login, django_assert_max_num_queries):
    roadmap = make_roadmap(world.org)
    make_activity(roadmap, "1", title='=HYPERLINK("http://evil")', users=[world.mentor_a])
    for n in range(2, 30):
        make_activity(roadmap, str(n), users=[world.mentor_b])
    client = login(world.director)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("roadmap:export_xlsx", args=[roadmap.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert '\'=HYPERLINK("http://evil")' in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    assert "Петров А. И." in values


def test_pdf_is_an_annex_to_the_order(world, login, load, tmp_path, django_assert_max_num_queries):
    roadmap = load("gymnasium-30")
    roadmap.approval_order_number = "70-ОД"
    roadmap.approval_order_date = datetime.date(2025, 4, 20)
    roadmap.save()
    client = login(world.curator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("roadmap:export_pdf", args=[roadmap.pk]))
    text = pdf_text(response.content)
    assert "Приложение" in text and "к приказу" in text and "от 20 апреля 2025 г. № 70-ОД" in text
    for column in ("№", "Мероприятие", "Сроки", "Ответственные", "Результат"):
        assert column in text
    assert "Ежегодно апрель-май" in text
    # the annex is the loading school's: its name, never the source school's or its staff
    assert "в МБОУ «Тестовая школа»" in " ".join(text.split())
    assert "Пермякова" not in text and "гимназии № 30" not in text
    assert "Ответственный за информатизацию" in " ".join(text.split())


def test_the_annex_in_word_is_the_same_annex_with_a_real_table(world, login, load):
    from tests.docx import docx_document, docx_text
    from tests.pdf import keep_document

    roadmap = load("gymnasium-30")
    roadmap.approval_order_number = "70-ОД"
    roadmap.approval_order_date = datetime.date(2025, 4, 20)
    roadmap.save()
    url = reverse("roadmap:export_docx", args=[roadmap.pk])
    response = login(world.curator).get(url)
    assert response["Content-Type"].endswith("wordprocessingml.document")
    keep_document("дорожная-карта.docx", response.content)
    text = " ".join(docx_text(response.content).split())
    assert "от 20 апреля 2025 г. № 70-ОД" in text and "в МБОУ «Тестовая школа»" in text
    assert "Пермякова" not in text and "гимназии № 30" not in text
    document = docx_document(response.content)
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    for column in ("Мероприятие", "Сроки", "Ответственные"):
        assert any(column in cell for cell in header), column
    assert document.sections[-1].orientation == 1  # landscape, as the PDF
    assert login(world.outsider).get(url).status_code == 404
    assert url in login(world.curator).get(reverse("roadmap:detail", args=[roadmap.pk])).content.decode()

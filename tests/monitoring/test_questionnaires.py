import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import AcademicYear
from monitoring import results, services
from monitoring.kpi import Ratio
from monitoring.models import Answer, Questionnaire, Response
from programs.models import Preference
from tests.monitoring.factories import (
    answer,
    make_pair,
    make_programme,
    mentee_of,
    mentor_of,
    standard,
    student,
    teacher,
)
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def test_the_standard_set_is_seeded_once_per_year(world):
    year = AcademicYear.current()
    first = services.standard_questionnaires_seed(organization=world.org, academic_year=year)
    again = services.standard_questionnaires_seed(organization=world.org, academic_year=year)
    assert len(first) == 16 and [q.pk for q in first] == [q.pk for q in again]
    purposes = set(Questionnaire.objects.values_list("purpose", "audience"))
    assert ("satisfaction", "mentor") in purposes and ("satisfaction", "mentee") in purposes
    assert ("entry", "mentee") in purposes and ("exit", "mentee") in purposes and ("quality", "curator") in purposes
    exit_q = Questionnaire.objects.get(standard_key="exit-mentee")
    assert exit_q.baseline.standard_key == "entry-mentee"


@pytest.fixture
def mentee_in_pair(world):
    me = student(world.org, user=world.mentee)
    make_pair(make_programme(world.org), teacher(world.org), [me])
    return me


def _fields(q: Questionnaire, by_code: dict) -> dict:
    return {f"q{question.pk}": by_code[question.code] for question in q.questions.all() if question.code in by_code}


def test_a_logged_in_mentee_sees_pending_questionnaires_and_a_draft_is_kept(world, login, mentee_in_pair):
    q = standard(world.org, "satisfaction-mentee")
    client = login(world.mentee)
    assert q in client.get(reverse("monitoring:my")).context["pending"]
    url = reverse("monitoring:fill", args=[q.pk])
    # HTMX autosave of a half-filled form
    response = client.post(url, _fields(q, {"overall": "4", "suggestions": "Больше встреч"}), HTTP_HX_REQUEST="true")
    assert "Черновик сохранён" in response.content.decode()
    page = client.get(url)
    assert page.context["form"].initial[f"q{q.questions.get(code='overall').pk}"] == "4"
    assert "Больше встреч" in page.content.decode()
    assert Response.objects.get().status == Response.Status.DRAFT


def test_submitting_without_a_required_answer_keeps_what_was_typed(world, login, mentee_in_pair):
    q = standard(world.org, "satisfaction-mentee")
    client = login(world.mentee)
    url = reverse("monitoring:fill", args=[q.pk])
    response = client.post(url, {**_fields(q, {"overall": "5"}), "submit": "1"})
    assert response.status_code == 400
    assert Response.objects.get().status == Response.Status.DRAFT
    assert Answer.objects.get().number == 5  # the answer given is kept
    full = {"overall": "5", "meetings": "4", "comfort": "5", "results": "3", "frequency": "Раз в две недели"}
    response = client.post(url, {**_fields(q, full), "submit": "1"})
    assert "Ответ получен" in response.content.decode()
    assert Response.objects.get().status == Response.Status.SUBMITTED
    # one response per person: a second visit shows it was received, and the questionnaire leaves the list
    assert "Ответ уже получен" in client.get(url).content.decode()
    assert q not in client.get(reverse("monitoring:my")).context["pending"]


def test_a_mentee_cannot_open_a_questionnaire_for_mentors(world, login, mentee_in_pair):
    q = standard(world.org, "satisfaction-mentor")
    assert login(world.mentee).get(reverse("monitoring:fill", args=[q.pk])).status_code == 404


def test_a_student_without_account_answers_once_through_a_personal_link(world, client):
    pupil = student(world.org)
    make_pair(make_programme(world.org), teacher(world.org), [pupil])
    q = standard(world.org, "satisfaction-mentee")
    link = services.links_issue(questionnaire=q, people=[pupil])[0]
    assert len(link.token) >= 32
    url = reverse("monitoring:fill_token", args=[link.token])
    assert client.get(url).status_code == 200
    full = {"overall": "5", "meetings": "5", "comfort": "5", "results": "5", "frequency": "Раз в неделю и чаще"}
    client.post(url, {**_fields(q, full), "submit": "1"})
    assert Response.objects.get(person=pupil).is_submitted
    again = client.get(url)
    assert "Ответ уже получен" in again.content.decode()
    client.post(url, {**_fields(q, {"overall": "1"}), "submit": "1"})
    assert Answer.objects.get(response__person=pupil, question__code="overall").number == 5
    assert client.get(reverse("monitoring:fill_token", args=["not-a-token"])).status_code == 404


def test_an_expired_link_no_longer_accepts_answers(world, client):
    pupil = student(world.org)
    make_pair(make_programme(world.org), teacher(world.org), [pupil])
    q = standard(world.org, "satisfaction-mentee")
    past = timezone.now() - datetime.timedelta(days=30)
    link = services.links_issue(questionnaire=q, people=[pupil], now=past)[0]
    assert client.get(reverse("monitoring:fill_token", args=[link.token])).status_code == 410
    renewed = services.links_issue(questionnaire=q, people=[pupil])[0]
    assert renewed.token != link.token


def test_the_preference_questionnaire_feeds_matching(world):
    mentee = student(world.org)
    first, second = teacher(world.org), teacher(world.org)
    m1, m2 = mentor_of(first), mentor_of(second)
    q = standard(world.org, "preferences-mentee")
    profile = mentee_of(mentee)
    choice = q.questions.get(code="choice")
    response = services.response_open(questionnaire=q, person=mentee)
    services.response_save(response=response, values={choice.pk: [m2.pk, m1.pk]}, submit=True)
    rows = list(
        Preference.objects.filter(mentee=profile).order_by("rank").values_list("mentor_id", "rank", "direction")
    )
    assert rows == [(m2.pk, 1, "mentee"), (m1.pk, 2, "mentee")]


def test_a_respondent_sees_only_their_own_answers(world, login, mentee_in_pair):
    q = standard(world.org, "satisfaction-mentee")
    other = student(world.org)
    theirs = services.response_open(questionnaire=q, person=other)
    mine = services.response_open(questionnaire=q, person=mentee_in_pair)
    client = login(world.mentee)
    assert client.get(reverse("monitoring:response", args=[mine.pk])).status_code == 200
    assert client.get(reverse("monitoring:response", args=[theirs.pk])).status_code == 404
    assert login(world.psychologist).get(reverse("monitoring:response", args=[theirs.pk])).status_code == 200


def test_results_count_each_answer_and_list_open_answers(world, login):
    q = standard(world.org, "satisfaction-mentee")
    people = [student(world.org) for _ in range(3)]
    make_pair(make_programme(world.org), teacher(world.org), people)
    base = {"meetings": 4, "comfort": 4, "results": 4, "frequency": "Раз в месяц"}
    answer(q, people[0], {**base, "overall": 5, "suggestions": "Чаще встречаться"})
    answer(q, people[1], {**base, "overall": 5, "helped_with": ["Учёба", "Спорт"]})
    answer(q, people[2], {**base, "overall": 2, "helped_with": ["Учёба"]})
    by_code = {item["question"].code: item for item in results.question_results(q)}
    assert by_code["overall"]["values"] == [0, 1, 0, 0, 2]
    assert by_code["overall"]["satisfaction"].percent == round(100 * 2 / 3, 1)
    assert dict(zip(by_code["helped_with"]["labels"], by_code["helped_with"]["values"], strict=True))["Учёба"] == 2
    assert by_code["suggestions"]["texts"] == ["Чаще встречаться"]
    page = login(world.psychologist).get(reverse("monitoring:results", args=[q.pk]))
    assert page.status_code == 200 and "Чаще встречаться" in page.content.decode()
    # People, not answers: means 4.25, 4.25 and 3.5 — two of three satisfied (answers would say 11 of 12)
    assert results.satisfaction_of(q) == Ratio(2, 3)


def test_entry_and_exit_are_compared_per_person_and_per_programme(world, login):
    a, b = student(world.org, last_name="Алексеев"), student(world.org, last_name="Борисов")
    make_pair(make_programme(world.org, title="Успевающий – неуспевающий"), teacher(world.org), [a, b])
    entry, exit_ = standard(world.org, "entry-mentee"), standard(world.org, "exit-mentee")
    codes = ["motivation", "confidence", "communication", "involvement", "goals"]
    answer(entry, a, dict.fromkeys(codes, 4))
    answer(exit_, a, dict.fromkeys(codes, 7))  # +3
    answer(entry, b, dict.fromkeys(codes, 6))
    answer(exit_, b, dict.fromkeys(codes, 5))  # −1
    growth = results.growth(exit_)
    assert [(r["person"].last_name, r["delta"]) for r in growth["rows"]] == [("Алексеев", 3), ("Борисов", -1)]
    assert growth["programmes"] == [
        {"programme": "Успевающий – неуспевающий", "people": 2, "entry": 5, "exit": 6, "delta": 1, "improved": 1}
    ]
    page = login(world.curator).get(reverse("monitoring:results", args=[exit_.pk]))
    assert "Сравнение входа и выхода" in page.content.decode()


def test_curator_prints_a_sheet_of_links_with_qr_codes_for_a_class(world, login):
    pupils = [student(world.org, last_name=name) for name in ("Яковлев", "Зайцева")]
    with_account = student(world.org, last_name="Новиков", user=world.mentee)
    make_pair(make_programme(world.org), teacher(world.org), [*pupils, with_account])
    q = standard(world.org, "satisfaction-mentee")
    group = pupils[0].study_group
    response = login(world.curator).get(reverse("monitoring:links", args=[q.pk]), {"group": group.pk})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Яковлев" in text and "Зайцева" in text and "Новиков" not in text  # has an account: answers logged in
    assert text.count("/monitoring/a/") == 2
    assert Response.objects.filter(token__isnull=False).count() == 2


def test_curator_builds_a_questionnaire(world, login):
    client = login(world.curator)
    response = client.post(
        reverse("monitoring:questionnaire_new"),
        {"title": "Анкета партнёров", "purpose": "quality", "audience": "partner", "is_open": "on"},
    )
    q = Questionnaire.objects.get(title="Анкета партнёров")
    assert response.url == reverse("monitoring:questionnaire", args=[q.pk])
    add = reverse("monitoring:question_add", args=[q.pk])
    client.post(add, {"text": "Оцените взаимодействие", "kind": "scale10", "required": "on"})
    bad = client.post(add, {"text": "Выберите", "kind": "single", "options": "только один"})
    assert bad.status_code == 400  # a choice needs two options; what was typed stays in the form
    assert "только один" in bad.content.decode()
    assert list(q.questions.values_list("kind", flat=True)) == ["scale10"]


def test_opening_the_form_writes_nothing_the_first_autosave_creates_the_draft(world, login, mentee_in_pair):
    q = standard(world.org, "satisfaction-mentee")
    client = login(world.mentee)
    url = reverse("monitoring:fill", args=[q.pk])
    assert client.get(url).status_code == 200
    assert not Response.objects.exists()  # GET never writes
    client.post(url, _fields(q, {"overall": "4"}), HTTP_HX_REQUEST="true")
    assert Response.objects.get().status == Response.Status.DRAFT

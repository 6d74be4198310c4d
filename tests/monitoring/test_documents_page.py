"""The «Документы» page lists every document of the year, whatever app makes it: orders, the Положение
and the Программа, the roadmap, the reports, the consent forms, the pairs' plans and the certificates —
each with its status, number and date, PDF and Word; the year filter works."""

import datetime

import pytest
from django.urls import reverse

from mentoring.models import AcademicYear
from mentoring.orders import services as order_services
from monitoring import services as monitoring_services
from programs.models import Programme
from tests.monitoring.test_efficiency import _scores
from tests.participants.factories import ConsentFactory, PersonFactory, StudyGroupFactory
from tests.programs.awards_objects import practices_and_awards
from tests.programs.objects import pairs, programme_for
from tests.roadmap.factories import make_activity, make_roadmap

pytestmark = pytest.mark.django_db


def _page(client, year=None) -> str:
    params = {"year": year.pk} if year else {}
    response = client.get(reverse("documents"), params)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def _year_documents(world):
    p = pairs(world)
    award = practices_and_awards(world).award
    roadmap = make_roadmap(world.org, title="Дорожная карта внедрения целевой модели наставничества")
    make_activity(roadmap, "1.1", title="Издание приказа о назначении куратора", deadline_text="Август–сентябрь")
    group = StudyGroupFactory(organization=world.org, grade=7, letter="Б", name="7Б")
    children = [PersonFactory(organization=world.org, study_group=group) for _ in range(3)]
    ConsentFactory(person=children[0])
    return p, award, roadmap, group


def test_the_director_sees_every_kind_of_document_of_the_year(world, login, django_assert_max_num_queries):
    p, award, roadmap, group = _year_documents(world)
    approval = order_services.order_create(organization=world.org, kind="regulations", user=world.director)
    approval = order_services.order_sign(order=approval, user=world.director)
    client = login(world.director)
    with django_assert_max_num_queries(20):  # the house budget; no provider queries per row
        page = _page(client)
    for section in (
        "Приказы (журнал регистрации приказов)",
        "Положение и программа наставничества",
        "Дорожная карта",
        "Отчёты и оценка эффективности",
        "Планы пар и поощрения наставников",
        "Согласия участников (152-ФЗ, ТК РФ)",
    ):
        assert section in page, section
    # The Положение and the Программа, approved by the order, with its number and date.
    assert "Положение о наставничестве на" in page and "Программа наставничества на" in page
    assert f"Утверждено приказом от {approval.date:%d.%m.%Y} № {approval.number}" in page
    # The roadmap: approved by the same order (signing dates it), its annex in PDF and Word.
    assert reverse("roadmap:export_pdf", args=[roadmap.pk]) in page
    assert reverse("roadmap:export_docx", args=[roadmap.pk]) in page
    assert f"Утверждена приказом от {approval.date:%d.%m.%Y} № {approval.number}" in page
    # The reports: the school's, each programme's.
    assert "Отчёт о реализации целевой модели наставничества за" in page
    assert reverse("monitoring:annual_docx", args=[p.programme.pk]) in page
    # The consent forms of the class: how many are in, the forms to print.
    assert "Согласия на обработку персональных данных: 7 «Б» класс" in page and "Получено 1 из 3" in page
    assert reverse("participants:group_consents_docx", args=[group.pk]) in page
    # The plans of the pairs (a count and the list) and the certificates.
    assert "Индивидуальные планы развития" in page and "Составлено 1 из 1" in page
    assert reverse("programs:award_certificate_docx", args=[award.pk]) in page
    assert "Приказ о поощрении не подписан" in page


def test_an_efficiency_report_of_the_year_is_listed_with_its_word_file(world, login):
    programme = programme_for(world.org)
    assessment = monitoring_services.assessment_save(
        organization=world.org, programme=programme, academic_year=programme.academic_year, scores=_scores([2] * 9)
    )
    page = _page(login(world.curator))
    assert "Показатели эффективности программы" in page and "18 из 18 баллов" in page
    assert reverse("monitoring:assessment_docx", args=[assessment.pk]) in page


def test_the_year_filter_shows_that_years_documents_only(world, login):
    current = AcademicYear.current()
    last = AcademicYear.objects.get_or_create(
        start_year=current.start_year - 1,
        defaults={
            "start_date": datetime.date(current.start_year - 1, 9, 1),
            "end_date": datetime.date(current.start_year, 8, 31),
        },
    )[0]
    old = Programme.objects.create(
        organization=world.org,
        form=programme_for(world.org).form,
        academic_year=last,
        title="Программа прошлого года",
        start_date=last.start_date,
        end_date=last.end_date,
    )
    other = programme_for(world.other_org, title="Программа другой школы")
    client = login(world.director)
    page = _page(client)
    assert "Программа прошлого года" not in page and "Программа другой школы" not in page
    page = _page(client, last)
    assert "Программа прошлого года" in page and "Программа другой школы" not in page
    assert reverse("monitoring:annual_pdf", args=[old.pk]) in page
    assert reverse("monitoring:annual_pdf", args=[other.pk]) not in page


def test_only_the_director_and_the_curator_open_the_page(world, login):
    for user in (world.mentor_a, world.mentee, world.psychologist, world.staff):
        assert login(user).get(reverse("documents")).status_code == 403, user
    _year_documents(world)
    outsider = _page(login(world.outsider))  # their own organization's documents only
    assert "7 «Б» класс" not in outsider and "Дорожная карта внедрения" not in outsider

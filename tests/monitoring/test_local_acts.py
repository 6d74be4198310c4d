"""«Положение о наставничестве» and «Программа наставничества» (local_acts): written from the
organization's data in the structure the seeds share, edited before approval, frozen by the signed
approval order whose annexes they are; printed as PDF and Word and read back."""

import pytest
from django.urls import reverse

from mentoring.models import AcademicYear
from mentoring.orders import registry
from mentoring.orders import services as order_services
from monitoring.local_acts.annexes import _provider
from monitoring.local_acts.models import LocalAct, LocalActSection
from monitoring.models import KpiTarget
from programs.models import MentoringForm, OrganizationForm
from tests.docx import docx_tables, docx_text
from tests.pdf import keep_document, pdf_text
from tests.programs.objects import programme_for
from tests.roadmap.factories import make_activity, make_roadmap

SCHOOL = "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7»"
SCHOOL_GENITIVE = "Муниципального бюджетного общеобразовательного учреждения «Средняя общеобразовательная школа № 7»"


def read(content: bytes) -> str:
    return " ".join(pdf_text(content).replace("\u2010\n", "").split())


@pytest.fixture
def school(world):
    org = world.org
    org.name = SCHOOL
    org.fill_title_cases(force=True)
    org.save()
    form = MentoringForm.objects.get(organization=None, name="Учитель – ученик")
    OrganizationForm.objects.create(organization=org, form=form)
    programme_for(
        org, goal="Повысить успеваемость по математике", tasks="Разобрать пробелы в знаниях", curator=world.curator
    )
    roadmap = make_roadmap(org, title="Дорожная карта внедрения целевой модели наставничества")
    make_activity(roadmap, "1.1", title="Издание приказа о назначении куратора", deadline_text="Август–сентябрь")
    year = AcademicYear.current()
    KpiTarget.objects.create(organization=org, indicator="student_mentees", academic_year=year, target_percent=30)
    return org


def test_the_programme_is_written_from_the_data_in_the_seeds_structure(school, world, login):
    response = login(world.curator).get(reverse("local_acts:document_pdf", kwargs={"kind": "programme"}))
    keep_document("программа-наставничества.pdf", response.content)
    text = read(response.content)
    assert "ПРОГРАММА НАСТАВНИЧЕСТВА" in text and SCHOOL_GENITIVE in text
    for title in (
        "Пояснительная записка",
        "Цели и задачи программы",
        "Роли и участники",
        "Формы и варианты наставничества",
        "Механизм реализации",
        "Мониторинг и оценка эффективности",
        "Дорожная карта",
    ):
        assert title in text, title
    variant = MentoringForm.objects.get(organization=None, name="Учитель – ученик").variants.first()
    assert "«Учитель – ученик»" in text and variant.name in text
    assert "Повысить успеваемость по математике" in text
    assert "Кузнецова О. Н." in text  # the curator in office
    assert "Издание приказа о назначении куратора" in text and "Август–сентябрь" in text
    assert "30 %" in text and "15–18 баллов — оптимальный уровень" in text
    assert "«Наставник года»" in text
    assert not LocalAct.objects.exists()  # printing the draft wrote nothing


def test_the_regulations_name_the_law_and_the_teachers_consent(school, world, login):
    response = login(world.director).get(reverse("local_acts:document_pdf", kwargs={"kind": "regulations"}))
    keep_document("положение-о-наставничестве.pdf", response.content)
    text = read(response.content)
    assert "ПОЛОЖЕНИЕ О НАСТАВНИЧЕСТВЕ" in text
    assert f"Положение о наставничестве (далее — Положение) {SCHOOL_GENITIVE}" in text
    assert "№ 1264-р" in text and "№ Р-145" in text and "статья 60.2" in text
    assert "приказом директора МБОУ «Тестовая школа»" in text  # «УТВЕРЖДЕНО приказом директора …»


def test_the_curator_edits_a_section_and_the_print_follows(school, world, login):
    client = login(world.curator)
    client.post(reverse("local_acts:prepare"), {"kind": "programme"})
    act = LocalAct.objects.get(kind="programme")
    section = act.sections.get(key="explanatory")
    body = "Программа принята педагогическим советом.\n\n- первый пункт <script>x</script>\n- второй пункт"
    response = client.post(
        reverse("local_acts:section_edit", kwargs={"pk": section.pk}), {"title": "1. Введение", "body": body}
    )
    assert response.status_code == 302
    text = read(client.get(reverse("local_acts:act_pdf", kwargs={"pk": act.pk})).content)
    assert "1. Введение" in text and "Программа принята педагогическим советом." in text
    assert "<script>x</script>" in text  # printed as typed, never as markup

    response = client.post(
        reverse("local_acts:section_edit", kwargs={"pk": section.pk}), {"title": "", "body": "Новый"}
    )
    assert "Обязательное поле" in response.content.decode() and "Новый" in response.content.decode()
    section.refresh_from_db()
    assert section.title == "1. Введение"

    client.post(reverse("local_acts:section_redraft", kwargs={"pk": section.pk}))
    section.refresh_from_db()
    assert section.title == "1. Пояснительная записка"


def test_the_word_file_has_the_same_sections_and_tables(school, world, login):
    content = login(world.curator).get(reverse("local_acts:document_docx", kwargs={"kind": "programme"})).content
    keep_document("программа-наставничества.docx", content)
    text = docx_text(content)
    assert "4. Формы и варианты наставничества" in text and "Издание приказа о назначении куратора" in text
    assert any(
        table[0][:3] == ["Форма наставничества", "Цель", "Варианты взаимодействия"] for table in docx_tables(content)
    )


def test_the_approval_order_carries_both_documents_and_signing_freezes_them(school, world, login):
    order = order_services.order_create(organization=school, kind="regulations", user=world.director)
    assert {"regulations", "programme"} <= set(order.annexes)
    annex = _provider("programme")(order)
    assert isinstance(annex, registry.AnnexDocument) and "Механизм реализации" in annex.html

    order_services.order_sign(order=order, user=world.director)
    from mentoring.orders.documents import render_order_pdf

    order.refresh_from_db()
    content = render_order_pdf(order)
    keep_document("приказ-об-утверждении-положения.pdf", content)
    printed = read(content)
    assert "Приложение № 1" in printed and "1. Общие положения" in printed and "8. Дорожная карта" in printed
    acts = {a.kind: a for a in LocalAct.objects.all()}
    assert set(acts) == {"regulations", "programme"}
    programme = acts["programme"]
    assert programme.is_frozen and programme.approved_order == order
    assert f"№ {order.number}" in programme.approval_reference

    client = login(world.curator)
    section = programme.sections.get(key="goals")
    response = client.post(
        reverse("local_acts:section_edit", kwargs={"pk": section.pk}), {"title": "Изменено", "body": "x"}
    )
    assert "не редактируется" in response.content.decode()
    assert LocalActSection.objects.get(pk=section.pk).title != "Изменено"
    # Later data do not change what was approved.
    make_activity(school.roadmap_set.first(), "1.2", title="Мероприятие после утверждения")
    text = read(client.get(reverse("local_acts:act_pdf", kwargs={"pk": programme.pk})).content)
    assert "УТВЕРЖДЕНО приказом от" in text and "Мероприятие после утверждения" not in text


def test_another_organizations_document_is_not_found(school, world, login):
    login(world.curator).post(reverse("local_acts:prepare"), {"kind": "regulations"})
    act = LocalAct.objects.get()
    client = login(world.outsider)
    assert client.get(reverse("local_acts:detail", kwargs={"pk": act.pk})).status_code == 404
    section = act.sections.first()
    assert (
        client.post(
            reverse("local_acts:section_edit", kwargs={"pk": section.pk}), {"title": "x", "body": "y"}
        ).status_code
        == 404
    )


def test_an_unknown_document_kind_is_refused(world, login):
    client = login(world.curator)
    assert client.get(reverse("local_acts:document_pdf", kwargs={"kind": "charter"})).status_code == 404
    response = client.post(reverse("local_acts:prepare"), {"kind": "charter"}, follow=True)
    assert "Выберите документ" in response.content.decode()
    assert not LocalAct.objects.exists()


def test_cancelling_the_approval_order_makes_only_its_documents_drafts_again(school, world):
    from monitoring.local_acts.services import act_prepare

    year = AcademicYear.current()
    earlier = order_services.order_create(organization=school, kind="regulations", user=world.director)
    # The Положение was approved by an earlier order; the Программа is left for the new one.
    order_services.order_sign(order=earlier, user=world.director)
    LocalAct.objects.filter(kind="programme").update(
        approved_on=None, approval_reference="", approved_order=None, frozen_html=""
    )
    order = order_services.order_create(organization=school, kind="regulations", user=world.director)
    order_services.order_sign(order=order, user=world.director)
    assert LocalAct.objects.get(kind="programme").approved_order == order
    order.refresh_from_db()
    cancellation = order_services.order_cancellation_prepare(order=order, user=world.director)
    order_services.order_sign(order=cancellation, user=world.director)
    programme = act_prepare(organization=school, kind="programme", year=year)
    regulations = LocalAct.objects.get(kind="regulations")
    assert not programme.is_frozen and programme.frozen_html == ""  # what the order introduced
    assert regulations.is_frozen and regulations.approved_order_id == earlier.pk  # approved before it

"""The consent forms in Word (participants/consent_forms.py, the same templates as the PDFs): the same
words — declined names, the operator in the dative, the signatures — a form a page, real headings."""

import datetime

import pytest
from django.urls import reverse

from participants.consent_forms import consent_forms_docx
from tests.docx import docx_document, docx_text
from tests.participants.factories import MentorProfileFactory, PersonFactory, StudyGroupFactory, TeacherFactory
from tests.participants.test_consent_forms import school  # noqa: F401  (the fixture)
from tests.pdf import keep_document as keep

pytestmark = pytest.mark.django_db


def _page_breaks(content: bytes) -> int:
    return sum(1 for p in docx_document(content).paragraphs if p.paragraph_format.page_break_before)


def _child(org, group, **fields):
    defaults = {"last_name": "Фёдорова", "first_name": "Софья", "middle_name": "Алексеевна", "sex": "f"}
    return PersonFactory(
        organization=org, study_group=group, birth_date=datetime.date(2011, 5, 4), **{**defaults, **fields}
    )


def test_the_parents_form_in_word_has_the_same_declined_words_and_signatures(school, world):  # noqa: F811
    group = StudyGroupFactory(organization=school, grade=9, letter="А", name="9А")
    content = consent_forms_docx(people=[_child(school, group)])
    keep("согласие-родителя.docx", content)
    text = " ".join(docx_text(content).split())
    assert "Директору МБОУ «СОШ № 7» Смирновой Е. В." in text
    assert "даю согласие Муниципальному бюджетному общеобразовательному учреждению «Средняя" in text
    assert "несовершеннолетней Фёдоровой Софьи Алексеевны, 04.05.2011 г. р., обучающейся 9 «А» класса" in text
    assert "документ, подтверждающий полномочия законного представителя:" in text
    assert "ограниченных возможностей здоровья (ОВЗ)" in text and "Отзыв согласия" in text
    assert "подпись родителя (законного представителя)" in text and "«____» ______________ 20____ г." in text
    assert "С согласием ознакомлена (подпись ребёнка, достигшего 14 лет):" in text
    assert "серия ________ №" in text  # a blank to fill in is underscores, not nothing
    document = docx_document(content)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "СОГЛАСИЕ РОДИТЕЛЯ (ЗАКОННОГО ПРЕДСТАВИТЕЛЯ)",
        "на обработку персональных данных несовершеннолетнего",
    ]
    assert document.sections[0].top_margin.mm == pytest.approx(11, abs=0.1)  # the form's own page
    field = next(p for p in document.paragraphs if p.text.startswith("проживающий(ая) по адресу:"))
    assert field.paragraph_format.tab_stops[0].leader is not None  # the line to write on is a leader


def test_a_class_in_word_is_a_form_a_page_with_the_pdfs_access(school, world, login):  # noqa: F811
    group = StudyGroupFactory(organization=school, grade=7, letter="Б", name="7Б")
    for n in range(22):
        PersonFactory(organization=school, study_group=group, last_name=f"Ученик{n:02d}")
    client = login(world.staff)
    for url_name in ("participants:group_consents_docx", "participants:group_dissemination_docx"):
        response = client.get(reverse(url_name, kwargs={"pk": group.pk}))
        assert response["Content-Type"].endswith("wordprocessingml.document")
        assert "Согласия 7Б" in response["Content-Disposition"] or "attachment" in response["Content-Disposition"]
        assert _page_breaks(response.content) == 21, url_name  # 22 forms, each from a new page
        assert docx_text(response.content).count("Ученик") >= 22
    page = client.get(reverse("participants:group", kwargs={"pk": group.pk})).content.decode()
    assert reverse("participants:group_consents_docx", kwargs={"pk": group.pk}) in page
    assert login(world.mentor_a).get(
        reverse("participants:group_consents_docx", kwargs={"pk": group.pk})
    ).status_code in (403, 404)


def test_the_dissemination_form_in_word_keeps_its_table_of_what_may_be_published(school, world):  # noqa: F811
    child = PersonFactory(organization=school, last_name="Цой", first_name="Виктор", middle_name="Робертович")
    content = consent_forms_docx(people=[child], form="dissemination")
    keep("согласие-распространение.docx", content)
    text = " ".join(docx_text(content).split())
    assert "несовершеннолетнего Цоя Виктора Робертовича" in text and "статьёй 10.1" in text
    tables = docx_document(content).tables
    assert tables and any("Фамилия, имя" in cell.text for row in tables[0].rows for cell in row.cells)


def test_the_teachers_consent_to_additional_work_in_word(school, world, login):  # noqa: F811
    teacher = TeacherFactory(
        organization=school,
        last_name="Шевченко",
        first_name="Тарас",
        middle_name="Григорьевич",
        position="учитель физики",
    )
    MentorProfileFactory(person=teacher)
    client = login(world.curator)
    response = client.get(reverse("participants:person_duties_docx", kwargs={"pk": teacher.pk}))
    keep("согласие-на-дополнительную-работу.docx", response.content)
    text = " ".join(docx_text(response.content).split())
    assert "Директору МБОУ «СОШ № 7» Смирновой Е. В. от учителя физики Шевченко Т. Г." in text
    assert "статьёй 60.2 Трудового кодекса" in text and "/ Е. В. Смирнова /" in text
    everyone = client.get(reverse("participants:mentors_duties_docx"))
    assert "Шевченко Тарас Григорьевич" in docx_text(everyone.content)
    page = client.get(reverse("participants:person", kwargs={"pk": teacher.pk})).content.decode()
    assert reverse("participants:person_duties_docx", kwargs={"pk": teacher.pk}) in page
    stranger = TeacherFactory(organization=world.other_org)
    for name in ("person_consent_docx", "person_dissemination_docx", "person_duties_docx"):
        assert client.get(reverse(f"participants:{name}", kwargs={"pk": stranger.pk})).status_code == 404

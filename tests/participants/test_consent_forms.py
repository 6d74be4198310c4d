"""Printed consent forms (participants/consent_forms.py): complete under 152-ФЗ ст. 9 ч. 4 and ст. 10.1,
the teacher's consent to additional work (ТК РФ ст. 60.2), grammatical, one A4 page each."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from mentoring.models import Organization
from participants.consent_forms import consent_forms_pdf
from participants.models import Consent
from tests.participants.factories import MentorProfileFactory, PersonFactory, StudyGroupFactory, TeacherFactory
from tests.pdf import keep_document as keep
from tests.pdf import pdf_text

LONG_NAME = (
    "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7 "
    "с углублённым изучением отдельных предметов имени Героя Советского Союза Г. М. Мыльникова»"
)
LONG_ADDRESS = (
    "614000, Пермский край, г. Пермь, Мотовилихинский район, микрорайон Висим, ул. Героев Хасана, "
    "д. 105, корп. 2, строение 1"
)


def read(content: bytes) -> str:
    """The text with the words WeasyPrint hyphenated at line ends joined again and spaces collapsed."""
    return " ".join(pdf_text(content).replace("\u2010\n", "").split())


def pages(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def school(world) -> Organization:
    org = world.org
    org.name = "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7»"
    org.short_name = "МБОУ «СОШ № 7»"
    org.address = "614000, г. Пермь, ул. Ленина, д. 1"
    org.ogrn = "1025900000000"
    org.fill_title_cases(force=True)
    org.save()
    return org


def test_the_parents_form_is_complete_and_grammatical(school, world):
    group = StudyGroupFactory(organization=school, grade=9, letter="А", name="9А")
    child = PersonFactory(
        organization=school,
        last_name="Фёдорова",
        first_name="Софья",
        middle_name="Алексеевна",
        sex="f",
        birth_date=datetime.date(2011, 5, 4),
        study_group=group,
    )
    content = consent_forms_pdf(people=[child])
    keep("согласие-родителя.pdf", content)
    text = read(content)
    assert pages(content) == 1
    assert "Директору МБОУ «СОШ № 7» Смирновой Е. В." in text
    assert "даю согласие Муниципальному бюджетному общеобразовательному учреждению «Средняя" in text
    assert "несовершеннолетней Фёдоровой Софьи Алексеевны, 04.05.2011 г. р., обучающейся 9 «А» класса" in text
    for part in (
        "проживающий(ая) по адресу",  # the representative's address
        "проживающей по адресу",  # the child's
        "документ, подтверждающий полномочия законного представителя",
        "свидетельство о рождении",
        "г. Пермь, ул. Ленина, д. 1",  # the operator's address
        "ОГРН 1025900000000",
        "Цель обработки",
        "Специальные категории персональных данных",
        "ограниченных возможностей здоровья (ОВЗ)",
        "заметки педагога-психолога",
        "Действия с персональными данными",
        "Срок действия",
        "Отзыв согласия",
        "подпись родителя (законного представителя)",
        "С согласием ознакомлена (подпись ребёнка, достигшего 14 лет)",
    ):
        assert part in text, part
    assert "□ даю" not in text  # dissemination is a form of its own, not a tick-box here
    assert "Смирнова Е. В." not in text and "Муниципальное бюджетное" not in text


def test_the_adult_form_speaks_of_the_person_themself(school):
    teacher = TeacherFactory(
        organization=school, last_name="Абрамова", first_name="Людмила", middle_name="Петровна", sex="f"
    )
    content = consent_forms_pdf(people=[teacher])
    keep("согласие-педагога.pdf", content)
    text = read(content)
    assert pages(content) == 1
    assert "Я, Абрамова Людмила Петровна, учитель математики," in text
    assert "проживающая по адресу" in text
    assert "на обработку моих персональных данных" in text
    assert "сведения об обучении наставников" in text and "заметки педагога-психолога" in text
    assert "ЗАКОННОГО ПРЕДСТАВИТЕЛЯ" not in text.upper().replace("ПОДПИСЬ РОДИТЕЛЯ", "")


def test_a_long_title_and_address_still_fit_one_page(school):
    school.name, school.address = LONG_NAME, LONG_ADDRESS
    school.fill_title_cases(force=True)
    school.save()
    child = PersonFactory(
        organization=school,
        last_name="Константинопольская-Преображенская",
        first_name="Анастасия-Виктория",
        middle_name="Александровна",
        sex="f",
    )
    adult = TeacherFactory(
        organization=school,
        last_name="Воскресенский-Новодевичий",
        first_name="Константин",
        middle_name="Вячеславович",
        position="заместитель директора по учебно-воспитательной работе",
    )
    for form in ("processing", "dissemination"):
        for person in (child, adult):
            content = consent_forms_pdf(people=[person], form=form)
            keep(f"длинное-{form}-{person.kind}.pdf", content)
            assert pages(content) == 1, (form, person.kind)
    content = consent_forms_pdf(people=[adult], form="duties")
    keep("длинное-duties.pdf", content)
    assert pages(content) == 1


def test_a_class_of_22_prints_22_pages_per_form(school, world, login, django_assert_max_num_queries):
    group = StudyGroupFactory(organization=school, grade=7, letter="Б", name="7Б")
    for _ in range(22):
        PersonFactory(organization=school, study_group=group)
    client = login(world.staff)
    for url_name in ("participants:group_consents_pdf", "participants:group_dissemination_pdf"):
        with django_assert_max_num_queries(12):
            response = client.get(reverse(url_name, kwargs={"pk": group.pk}))
        assert response["Content-Type"] == "application/pdf"
        assert pages(response.content) == 22, url_name


def test_the_dissemination_form_is_separate_and_lists_what_may_be_published_where(school, world):
    school.website = "https://school7.perm.ru"
    school.save()
    child = PersonFactory(organization=school, last_name="Цой", first_name="Виктор", middle_name="Робертович")
    text = read(consent_forms_pdf(people=[child], form="dissemination"))
    assert "разрешённых субъектом персональных данных для распространения" in text
    assert "статьёй 10.1" in text and "https://school7.perm.ru" in text and "/o/test-school/" in text
    assert "несовершеннолетнего Цоя Виктора Робертовича" in text
    for item in ("Фамилия, имя", "Сведения о поощрениях", "Описание лучшей практики", "Фотографии"):
        assert item in text
    assert "Условия и запреты" in text and "ч. 12 ст. 10.1" in text
    assert "Специальные категории персональных данных (сведения о здоровье, в том числе об ОВЗ" in text


def test_the_teachers_consent_to_additional_work_is_addressed_and_signed(school, world):
    teacher = TeacherFactory(
        organization=school,
        last_name="Шевченко",
        first_name="Тарас",
        middle_name="Григорьевич",
        position="учитель физики",
    )
    content = consent_forms_pdf(people=[teacher], form="duties")
    keep("согласие-на-дополнительную-работу.pdf", content)
    text = read(content)
    assert pages(content) == 1
    assert "Директору МБОУ «СОШ № 7» Смирновой Е. В. от учителя физики Шевченко Т. Г." in text
    assert "статьёй 60.2 Трудового кодекса" in text
    assert "программы наставничества Муниципального бюджетного общеобразовательного учреждения «Средняя" in text
    assert "ч. 4 ст. 60.2" in text and "/ Е. В. Смирнова /" in text


def test_students_give_no_consent_to_additional_work(school, world, login):
    student = PersonFactory(organization=school)
    with pytest.raises(ValidationError):
        consent_forms_pdf(people=[student], form="duties")
    client = login(world.curator)
    assert client.get(reverse("participants:person_duties_pdf", kwargs={"pk": student.pk})).status_code == 404
    response = client.post(
        reverse("participants:consent_add", kwargs={"pk": student.pk}),
        {"kind": "duties", "signed_by": "representative", "signed_on": datetime.date.today().isoformat()},
    )
    assert "дают педагоги и сотрудники" in response.content.decode()
    assert not Consent.objects.filter(kind="duties").exists()


def test_the_curator_prints_the_mentor_bases_teachers_and_records_their_consent(school, world, login):
    teachers = [TeacherFactory(organization=school, last_name=name) for name in ("Абрамова", "Борисов")]
    for teacher in teachers:
        MentorProfileFactory(person=teacher)
    student_mentor = PersonFactory(organization=school, last_name="Старшеклассник")
    MentorProfileFactory(person=student_mentor, category="student")
    client = login(world.curator)
    response = client.get(reverse("participants:mentors_duties_pdf"))
    assert pages(response.content) == 2
    text = read(response.content)
    assert "Абрамова" in text and "Борисов" in text and "Старшеклассник" not in text

    response = client.post(
        reverse("participants:consent_add", kwargs={"pk": teachers[0].pk}),
        {"kind": "duties", "signed_by": "self", "signed_on": datetime.date.today().isoformat()},
    )
    assert response.status_code == 302
    teachers[0].refresh_from_db()
    assert teachers[0].has_duties_consent and not teachers[1].has_duties_consent


def test_forms_of_another_organization_are_not_printed(world, login):
    stranger = TeacherFactory(organization=world.other_org)
    client = login(world.curator)
    for name in ("person_consent_pdf", "person_dissemination_pdf", "person_duties_pdf"):
        assert client.get(reverse(f"participants:{name}", kwargs={"pk": stranger.pk})).status_code == 404

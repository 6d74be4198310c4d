import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from participants import services
from participants.models import Consent, MenteeCategory, MenteeProfile, MentorProfile, Person
from tests.participants.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    PartnerFactory,
    PersonFactory,
    StudyGroupFactory,
    TeacherFactory,
)
from tests.participants.objects import bases
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


# ---------------------------------------------------------------- lists, search, filters


def test_people_search_is_cyrillic_case_insensitive_and_yo_blind(world, login):
    PersonFactory(organization=world.org, last_name="Фёдорова", first_name="Алёна")
    PersonFactory(organization=world.org, last_name="Федотов", first_name="Глеб")
    PersonFactory(organization=world.other_org, last_name="Федорова", first_name="Чужая")
    client = login(world.curator)
    names = lambda q: [p.last_name for p in client.get(reverse("participants:people"), {"q": q}).context["page"]]  # noqa: E731
    assert names("ФЕДОРОВА") == ["Фёдорова"]
    assert names("алена") == ["Фёдорова"]
    assert sorted(names("федо")) == ["Федотов", "Фёдорова"]


def test_people_filters_and_sorting(world, login):
    a5 = StudyGroupFactory(organization=world.org, grade=5, letter="А")
    b9 = StudyGroupFactory(organization=world.org, grade=9, letter="Б")
    PersonFactory(organization=world.org, last_name="Яковлев", study_group=a5)
    PersonFactory(organization=world.org, last_name="Аксёнов", study_group=b9)
    TeacherFactory(organization=world.org, last_name="Борисова")
    client = login(world.curator)
    get = lambda **q: [p.last_name for p in client.get(reverse("participants:people"), q).context["page"]]  # noqa: E731
    assert get(kind="teacher") == ["Борисова"]
    assert get(group=b9.pk) == ["Аксёнов"]
    assert get(kind="student", sort="-name") == ["Яковлев", "Аксёнов"]
    assert get(kind="student", sort="group") == ["Яковлев", "Аксёнов"]


def test_a_forged_filter_is_ignored_with_a_message_not_a_500(world, login):
    response = login(world.curator).get(reverse("participants:people"), {"group": "'; DROP TABLE", "sort": "password"})
    assert response.status_code == 200
    assert "Фильтр задан неверно" in response.content.decode()


def test_another_organizations_class_cannot_be_used_as_a_filter(world, login):
    foreign = StudyGroupFactory(organization=world.other_org)
    PersonFactory(organization=world.other_org, study_group=foreign)
    response = login(world.curator).get(reverse("participants:people"), {"group": foreign.pk})
    assert "Фильтр задан неверно" in response.content.decode()
    assert list(response.context["page"]) == list(Person.objects.filter(organization=world.org).order_by("last_name"))


@pytest.mark.parametrize(
    "url_name", ["participants:people", "participants:mentors", "participants:mentees", "participants:waiting"]
)
def test_lists_run_a_constant_number_of_queries_with_2000_people(url_name, world, login, django_assert_max_num_queries):
    groups = [StudyGroupFactory(organization=world.org, grade=5 + i % 7, letter="АБВ"[i % 3]) for i in range(20)]
    people = Person.objects.bulk_create(
        [
            Person(
                organization=world.org,
                kind="student",
                last_name=f"Ученик{i}",
                first_name="Иван",
                name_key=f"ученик{i}",
                search_text=f"ученик{i}",
                birth_date=datetime.date(2012, 1, 1),
                study_group=groups[i % 20],
            )
            for i in range(2000)
        ]
    )
    Consent.objects.bulk_create([Consent(person=p, kind="processing", signed_on=TODAY) for p in people[::2]])
    MentorProfile.objects.bulk_create([MentorProfile(person=p, category="student") for p in people[:300]])
    mentees = MenteeProfile.objects.bulk_create([MenteeProfile(person=p, status="waiting") for p in people[300:1300]])
    category = MenteeCategory.objects.first()
    MenteeProfile.categories.through.objects.bulk_create(
        [MenteeProfile.categories.through(menteeprofile_id=m.pk, menteecategory_id=category.pk) for m in mentees]
    )
    client = login(world.curator)
    client.get(reverse(url_name))  # warm-up: the academic year row, the session
    # session, user, roles, count, page rows, up to three prefetches, the filter selects' choices, session save
    with django_assert_max_num_queries(13):
        response = client.get(reverse(url_name), {"q": "ученик1"} if url_name != "participants:waiting" else {})
    assert response.status_code == 200


# ---------------------------------------------------------------- access


def test_a_mentor_sees_their_own_card_and_no_one_elses(world, login):
    b = bases(world)
    client = login(world.mentor_a)
    assert client.get(reverse("participants:me")).url == reverse(
        "participants:person", kwargs={"pk": b.mentor_person.pk}
    )
    assert client.get(reverse("participants:person", kwargs={"pk": b.mentor_person.pk})).status_code == 200
    assert client.get(reverse("participants:person", kwargs={"pk": b.mentee_person.pk})).status_code == 404
    assert client.get(reverse("participants:person", kwargs={"pk": b.student.pk})).status_code == 404


def test_the_psychologist_sees_mentees_but_not_other_people(world, login):
    b = bases(world)
    client = login(world.psychologist)
    page = client.get(reverse("participants:person", kwargs={"pk": b.mentee_person.pk}))
    assert page.status_code == 200 and "Подтянуть математику" in page.content.decode()
    assert client.get(reverse("participants:person", kwargs={"pk": b.mentor_person.pk})).status_code == 404
    assert client.get(reverse("participants:mentors")).status_code == 403


def test_staff_keep_lists_but_do_not_see_the_mentor_base_or_requests(world, login):
    b = bases(world)
    client = login(world.staff)
    assert client.get(reverse("participants:groups")).status_code == 200
    assert client.get(reverse("participants:mentors")).status_code == 403
    page = client.get(reverse("participants:person", kwargs={"pk": b.mentee_person.pk})).content.decode()
    assert "Подтянуть математику" not in page  # the request is for the curator and the psychologist


def test_the_mentee_does_not_see_the_psychologists_note_about_them(world, login):
    b = bases(world)
    b.mentee.psychologist_note = "Тревожность, нужен спокойный наставник"
    b.mentee.save()
    own = login(world.mentee).get(reverse("participants:person", kwargs={"pk": b.mentee_person.pk})).content.decode()
    assert "Тревожность" not in own
    assert (
        "Тревожность"
        in login(world.curator).get(reverse("participants:person", kwargs={"pk": b.mentee_person.pk})).content.decode()
    )


# ---------------------------------------------------------------- mentor and mentee bases


def test_mentor_status_moves_forward_in_order_with_dated_history(world):
    person = TeacherFactory(organization=world.org)
    mentor = services.mentor_add(person=person, user=world.curator)
    with pytest.raises(ValidationError, match="после «Кандидат» — «Собеседование пройдено»"):
        services.mentor_set_status(mentor=mentor, status="active", date=TODAY, user=world.curator)
    services.mentor_set_status(mentor=mentor, status="interviewed", date=TODAY, user=world.curator)
    services.mentor_set_status(mentor=mentor, status="approved", date=TODAY, user=world.curator, note="Приказ № 5")
    with pytest.raises(ValidationError, match="в будущем"):
        services.mentor_set_status(mentor=mentor, status="trained", date=TODAY + datetime.timedelta(days=1), user=None)
    services.mentor_set_status(
        mentor=mentor, status="alumni", date=TODAY, user=world.curator
    )  # leaving is always allowed
    history = [(c.status, c.note) for c in mentor.status_changes.all()]
    assert history == [("candidate", "Включён в базу"), ("interviewed", ""), ("approved", "Приказ № 5"), ("alumni", "")]


def test_a_person_enters_each_base_once(world):
    person = PersonFactory(organization=world.org)
    services.mentee_add(person=person)
    with pytest.raises(ValidationError, match="уже в базе наставляемых"):
        services.mentee_add(person=person)


def test_waiting_list_shows_how_long_each_mentee_has_waited_longest_first(world, login):
    for days, name in ((3, "Недавний"), (40, "Давний")):
        MenteeProfileFactory(
            person=PersonFactory(organization=world.org, last_name=name),
            status_date=TODAY - datetime.timedelta(days=days),
        )
    response = login(world.psychologist).get(reverse("participants:waiting"))
    rows = [(m.person.last_name, m.waiting_days) for m in response.context["mentees"]]
    assert rows == [("Давний", 40), ("Недавний", 3)]


def test_mentee_form_error_keeps_what_was_typed(world, login):
    person = PersonFactory(organization=world.org)
    response = login(world.curator).post(
        reverse("participants:mentee_add", kwargs={"pk": person.pk}),
        {"request": "Хочу научиться программировать", "nominated_by": "self", "entry_date": "2099-01-01"},
    )
    body = response.content.decode()
    assert "не может быть в будущем" in body
    assert "Хочу научиться программировать" in body
    assert not MenteeProfile.objects.exists()


def test_mentor_add_through_the_browser_form(world, login):
    person = TeacherFactory(organization=world.org)
    response = login(world.curator).post(
        reverse("participants:mentor_add", kwargs={"pk": person.pk}),
        {
            "category": "teacher",
            "capacity": "3",
            "competencies": "Физика",
            "preferred_grade_min": "9",
            "preferred_grade_max": "7",
        },
    )
    assert "«До» не может быть меньше «от»" in response.content.decode()
    response = login(world.curator).post(
        reverse("participants:mentor_add", kwargs={"pk": person.pk}),
        {"category": "teacher", "capacity": "3", "competencies": "Физика"},
    )
    assert response.status_code == 302
    assert MentorProfile.objects.get(person=person).status == "candidate"


def test_young_specialist_is_derived_from_the_start_year(world):
    assert TeacherFactory(organization=world.org, teaching_start_year=TODAY.year - 3).is_young_specialist
    assert not TeacherFactory(organization=world.org, teaching_start_year=TODAY.year - 4).is_young_specialist


# ---------------------------------------------------------------- consents


def test_a_minors_consent_needs_a_representative(world):
    child = PersonFactory(organization=world.org, birth_date=TODAY.replace(year=TODAY.year - 12))
    with pytest.raises(ValidationError, match="законный представитель"):
        services.consent_record(person=child, user=world.curator, kind="processing", signed_on=TODAY, signed_by="self")
    with pytest.raises(ValidationError) as missing:
        services.consent_record(
            person=child, user=world.curator, kind="processing", signed_on=TODAY, signed_by="representative"
        )
    assert set(missing.value.message_dict) == {
        "representative_name",
        "representative_relation",
        "representative_document",
    }
    services.consent_record(
        person=child,
        user=world.curator,
        kind="processing",
        signed_on=TODAY,
        signed_by="representative",
        representative_name="Иванова Ольга Петровна",
        representative_relation="мать",
        representative_document="паспорт 1901 № 123456",
    )
    assert child.has_processing_consent


def test_without_a_valid_processing_consent_nobody_can_be_paired(world):
    person = PersonFactory(organization=world.org, last_name="Орлов", first_name="Глеб", middle_name="Ильич")
    with pytest.raises(ValidationError, match="Орлов Г. И.» нет действующего согласия"):
        services.ensure_can_be_paired(person)
    ConsentFactory(person=person, kind="publication")
    with pytest.raises(ValidationError):
        services.ensure_can_be_paired(person)  # publication is not processing
    consent = ConsentFactory(person=person, valid_until=TODAY - datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        services.ensure_can_be_paired(Person.objects.get(pk=person.pk))  # expired
    consent.valid_until = None
    consent.save()
    services.ensure_can_be_paired(Person.objects.get(pk=person.pk))


def test_withdrawal_anonymizes_the_person_and_keeps_the_statistics(world, login):
    person = PersonFactory(organization=world.org, last_name="Орлов", email="orlov@example.org", phone="+7 900")
    MenteeProfileFactory(person=person, request="Личный запрос")
    consent = ConsentFactory(person=person)
    waiting_before = MenteeProfile.objects.filter(status="waiting").count()
    response = login(world.curator).post(
        reverse("participants:consent_withdraw", kwargs={"pk": consent.pk}), {"date": TODAY.isoformat()}, follow=True
    )
    assert "обезличены" in response.content.decode()
    person.refresh_from_db()
    assert person.is_anonymized and person.full_name == f"Участник № {person.pk}"
    assert (person.email, person.phone, person.birth_date) == ("", "", None)
    assert person.mentee_profile.request == ""
    assert MenteeProfile.objects.filter(status="waiting").count() == waiting_before
    assert "Орлов" not in login(world.curator).get(reverse("participants:mentees")).content.decode()
    with pytest.raises(ValidationError):
        services.ensure_can_be_paired(person)


def test_withdrawal_date_cannot_precede_signing(world, login):
    consent = ConsentFactory(person=PersonFactory(organization=world.org), signed_on=TODAY)
    response = login(world.curator).post(
        reverse("participants:consent_withdraw", kwargs={"pk": consent.pk}),
        {"date": (TODAY - datetime.timedelta(days=3)).isoformat()},
        follow=True,
    )
    assert "раньше даты подписания" in response.content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_a_fake_scan_is_refused(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    person = TeacherFactory(organization=world.org)
    response = login(world.curator).post(
        reverse("participants:consent_add", kwargs={"pk": person.pk}),
        {
            "kind": "processing",
            "signed_by": "self",
            "signed_on": TODAY.isoformat(),
            "scan": SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert "должен быть в формате PDF, JPG, PNG" in response.content.decode()
    assert not Consent.objects.exists()


def test_consent_forms_of_a_whole_class_come_in_one_pdf(world, login, tmp_path, django_assert_max_num_queries):
    group = StudyGroupFactory(organization=world.org, grade=6, letter="Б")
    for name in ("Шевченко", "Цой", "<script>Хакер</script>"):
        PersonFactory(organization=world.org, last_name=name, study_group=group)
    client = login(world.staff)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("participants:group_consents_pdf", kwargs={"pk": group.pk}))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert text.count("СОГЛАСИЕ РОДИТЕЛЯ (ЗАКОННОГО ПРЕДСТАВИТЕЛЯ)") == 3
    # The child's name in the genitive («законным представителем несовершеннолетнего …»).
    assert "Шевченко Ивана Петровича" in text and "<script>Хакер</script>" in text  # printed as text, not markup
    assert "ИНН 3525000000" in text
    assert text.count("\f") == 3  # a page per student


def test_an_adults_consent_form_is_the_adult_one(world, login, tmp_path):
    teacher = TeacherFactory(organization=world.org, last_name="Абрамова", first_name="Людмила", middle_name="Петровна")
    response = login(world.curator).get(reverse("participants:person_consent_pdf", kwargs={"pk": teacher.pk}))
    text = pdf_text(response.content)
    assert "на обработку" in text and "Я, Абрамова Людмила Петровна" in text
    assert "ЗАКОННОГО ПРЕДСТАВИТЕЛЯ" not in text


# ---------------------------------------------------------------- exports and partners


def test_export_keeps_the_filters_and_neutralizes_formulas(world, login):
    TeacherFactory(organization=world.org, last_name='=HYPERLINK("http://evil")', first_name="Иван")
    TeacherFactory(organization=world.org, last_name="Обычный", phone="+7 900 000-00-00")
    PersonFactory(organization=world.org, last_name="Ученик")
    response = login(world.curator).get(reverse("participants:people_export"), {"kind": "teacher"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Фамилия"
    last_names = sorted(r[0] for r in rows[1:])
    assert last_names == ['\'=HYPERLINK("http://evil")', "Обычный"]  # the student is filtered out
    assert "'+7 900 000-00-00" in [r[11] for r in rows[1:]]
    assert all(sheet.cell(row=i, column=1).data_type == "s" for i in range(2, sheet.max_row + 1))


def test_partners_are_kept_with_their_people(world, login):
    client = login(world.curator)
    response = client.post(
        reverse("participants:partner_create"),
        {"name": "ООО «Стройинвест»", "kind": "employer", "agreement_number": "15-П", "agreement_date": "2099-01-01"},
    )
    assert "не может быть в будущем" in response.content.decode()
    response = client.post(
        reverse("participants:partner_create"),
        {"name": "ООО «Стройинвест»", "kind": "employer", "agreement_number": "15-П"},
    )
    partner = world.org.partner_set.get()
    engineer = PersonFactory(
        organization=world.org, kind="external", partner=partner, study_group=None, last_name="Ковалёв", birth_date=None
    )
    page = client.get(reverse("participants:partner", kwargs={"pk": partner.pk})).content.decode()
    assert "Ковалёв" in page
    other = PartnerFactory(organization=world.other_org)
    assert client.get(reverse("participants:partner", kwargs={"pk": other.pk})).status_code == 404
    assert services.mentor_category_for(engineer) == "employer"


def test_an_external_person_needs_a_partner(world):
    person = Person(organization=world.org, kind="external", last_name="Гурко", first_name="Андрей")
    with pytest.raises(ValidationError, match="организацию-партнёра"):
        person.full_clean()


def test_person_form_refuses_a_duplicate_student_in_russian(world, login):
    group = StudyGroupFactory(organization=world.org)
    PersonFactory(
        organization=world.org,
        last_name="Орлов",
        first_name="Глеб",
        middle_name="Ильич",
        birth_date=datetime.date(2013, 5, 5),
        study_group=group,
    )
    response = login(world.staff).post(
        reverse("participants:person_create"),
        {
            "kind": "student",
            "last_name": "ОРЛОВ",
            "first_name": "глеб",
            "middle_name": "Ильич",
            "birth_date": "2013-05-05",
            "study_group": group.pk,
        },
    )
    assert "уже есть в базе организации" in response.content.decode()
    assert Person.objects.filter(name_key="орлов глеб ильич").count() == 1


def test_overlong_and_html_input_is_refused_or_escaped(world, login):
    group = StudyGroupFactory(organization=world.org)
    client = login(world.curator)
    response = client.post(
        reverse("participants:person_create"),
        {
            "kind": "student",
            "last_name": "Я" * 300,
            "first_name": "Иван",
            "birth_date": "2013-05-05",
            "study_group": group.pk,
        },
    )
    assert "не более 100 символов" in response.content.decode()
    response = client.post(
        reverse("participants:person_create"),
        {
            "kind": "student",
            "last_name": "<img src=x onerror=alert(1)>",
            "first_name": "Иван",
            "birth_date": "2013-05-05",
            "study_group": group.pk,
        },
        follow=True,
    )
    body = response.content.decode()
    assert "<img src=x" not in body and "&lt;img src=x onerror=alert(1)&gt;" in body


def test_impossible_dates_are_refused(world, login):
    group = StudyGroupFactory(organization=world.org)
    response = login(world.curator).post(
        reverse("participants:person_create"),
        {
            "kind": "student",
            "last_name": "Орлов",
            "first_name": "Иван",
            "birth_date": "2013-02-30",
            "study_group": group.pk,
        },
    )
    assert "Введите правильную дату" in response.content.decode()
    assert not Person.objects.filter(last_name="Орлов").exists()


def test_the_admin_prints_consent_forms_of_the_selected_people(world, client, tmp_path):
    from tests.factories import UserFactory

    admin = UserFactory(organization=None, is_staff=True, is_superuser=True)
    people = [PersonFactory(organization=world.org, last_name="Шевченко"), TeacherFactory(organization=world.other_org)]
    client.force_login(admin)
    response = client.post(
        reverse("admin:participants_person_changelist"),
        {"action": "action", "_selected_action": [p.pk for p in people]},
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Шевченко" in text and world.other_org.short_name in text  # each with its own requisites


def test_the_region_table_recounts_the_bases_after_any_write(world, login):
    """The coordinator's table of organizations caches its base counts (mentoring/cache.py): a new mentee,
    even one written by bulk_create, and an anonymized person change them on the next visit."""
    from tests.participants.factories import MenteeProfileFactory, PersonFactory

    def mentees() -> int:
        rows = login(world.region_user).get(reverse("region_organizations")).context["rows"]
        return next(row["mentees"] for row in rows if row["organization"] == world.org)

    start = mentees()
    first = MenteeProfileFactory(person=PersonFactory(organization=world.org))
    assert mentees() == start + 1
    MenteeProfile.objects.bulk_create([MenteeProfile(person=PersonFactory(organization=world.org))])
    assert mentees() == start + 2
    Person.objects.filter(pk=first.person_id).update(is_anonymized=True)
    assert mentees() == start + 1

"""The Django admin keeps the portal's rules: what has a service is written through it or is read-only
there; opening a person's data is logged; private files go out only through the admin's file view;
the big change lists make the same number of queries for 10 rows as for 100."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.models import PersonalDataEvent
from mentoring.orders.models import Order
from participants.models import MenteeProfile, MentorProfile, Person
from programs.models import Meeting, Mentorship, MentorshipMember
from tests.factories import UserFactory
from tests.files.objects import files
from tests.programs.objects import pairs, programme_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return UserFactory(organization=None, is_staff=True, is_superuser=True)


def _change(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def test_a_consent_is_withdrawn_only_by_the_action_which_anonymizes_the_person(world, login, superuser):
    consent = files(world).consent
    client = login(superuser)
    page = client.get(_change(consent))
    assert page.status_code == 200 and 'name="withdrawn_on"' not in page.content.decode()
    assert client.post(_change(consent), {"withdrawn_on": timezone.localdate().isoformat()}).status_code == 403
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
    response = client.post(
        reverse("admin:participants_consent_changelist"),
        {"action": "withdraw_today", "_selected_action": [consent.pk]},
        follow=True,
    )
    assert "данные обезличены" in response.content.decode()
    person = Person.objects.get(pk=consent.person_id)
    assert person.is_anonymized and person.mentee_profile.request == ""
    assert PersonalDataEvent.objects.filter(subject_id=person.pk, action="erase", user=superuser).exists()


def test_the_persons_card_in_the_admin_shows_consents_read_only_and_locks_an_anonymized_card(world, login, superuser):
    consent = files(world).consent
    client = login(superuser)
    page = client.get(_change(consent.person)).content.decode()
    assert "consents-0-withdrawn_on" not in page and "consents-TOTAL_FORMS" in page
    assert reverse("admin:participants_consent_file", args=[consent.pk, "scan"]) in page
    Person.objects.filter(pk=consent.person_id).update(is_anonymized=True)
    assert client.post(_change(consent.person), {"last_name": "Новиков"}).status_code == 403


def test_mentor_and_mentee_statuses_are_read_only(world, login, superuser):
    b = pairs(world)
    client = login(superuser)
    mentor = MentorProfile.objects.get(pk=b.pair.mentor_id)
    mentee = MenteeProfile.objects.get(person__user=world.mentee)
    for obj in (mentor, mentee):
        page = client.get(_change(obj)).content.decode()
        assert 'name="status"' not in page and 'name="status_date"' not in page
    assert client.get(reverse("admin:participants_mentorprofile_add")).status_code == 403


def test_pairs_meetings_awards_and_answers_are_written_only_through_their_services(world, login, superuser):
    p = pairs(world)
    client = login(superuser)
    for obj in (p.pair, p.meeting):
        assert client.get(_change(obj)).status_code == 200  # shown, view-only
        assert client.post(_change(obj), {"status": "completed", "topic": "Иное"}).status_code == 403
    assert client.get(reverse("admin:programs_mentorship_add")).status_code == 403
    assert (
        client.post(reverse("admin:programs_mentorship_delete", args=[p.pair.pk]), {"post": "yes"}).status_code == 403
    )
    page = client.get(_change(p.pair)).content.decode()
    assert "members-0-mentee" not in page  # the members inline has no inputs
    p.pair.refresh_from_db()
    assert p.pair.status == Mentorship.Status.ACTIVE and Meeting.objects.get(pk=p.meeting.pk).topic == "Знакомство"


def test_a_signed_order_is_read_only_and_a_draft_is_deleted_through_the_service(world, login, superuser):
    f = files(world)
    client = login(superuser)
    assert client.post(_change(f.order), {"title": "Иное"}).status_code == 403
    assert client.get(reverse("admin:mentoring_order_add")).status_code == 403
    draft = Order.objects.create(
        organization=world.org, kind="pairs", number="11-о", date=datetime.date(2025, 9, 3), title="О закреплении",
        points="Закрепить.", signer=world.director,
    )  # fmt: skip
    client.post(
        reverse("admin:mentoring_order_changelist"),
        {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"},
    )
    assert not Order.objects.filter(pk=draft.pk).exists()
    delete_signed = reverse("admin:mentoring_order_delete", args=[f.order.pk])
    assert client.post(delete_signed, {"post": "yes"}).status_code == 403
    assert Order.objects.filter(pk=f.order.pk).exists()


def test_private_files_in_the_admin_go_through_its_file_view(world, login, superuser):
    f = files(world)
    client = login(superuser)
    for obj, field in (
        (f.consent, "scan"), (f.training, "certificate"), (f.order, "scan"), (f.meeting, "attachment"),
        (f.practice, "attachment"), (f.activity, "evidence_file"),
    ):  # fmt: skip
        page = client.get(_change(obj))
        assert page.status_code == 200, obj
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_file", args=[obj.pk, field])
        assert url in page.content.decode(), obj
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;"), obj
        assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(reverse("admin:participants_consent_file", args=[f.consent.pk, "person"])).status_code == 404
    staff_without_rights = UserFactory(organization=world.org, is_staff=True)
    response = login(staff_without_rights).get(reverse("admin:participants_consent_file", args=[f.consent.pk, "scan"]))
    assert response.status_code in (302, 403, 404)


def test_opening_a_persons_data_in_the_admin_is_logged(world, login, superuser):
    f = files(world)
    client = login(superuser)
    for obj, person_id in (
        (f.consent.person, f.consent.person_id),
        (f.consent, f.consent.person_id),
        (f.meeting.mentorship, f.consent.person_id),  # the pair's page shows the mentee too
        (f.training.mentor, f.training.mentor.person_id),
    ):
        before = PersonalDataEvent.objects.filter(subject_id=person_id, user=superuser).count()
        assert client.get(_change(obj)).status_code == 200
        after = PersonalDataEvent.objects.filter(subject_id=person_id, user=superuser)
        assert after.count() == before + 1, obj
        assert after.latest("pk").description.startswith("Администрирование")


def _many_pairs(world, count: int, meetings_per_pair: int = 3) -> None:
    """``count`` pairs with their mentor, mentee and meetings, inserted in bulk."""
    org = world.org
    programme = programme_for(org, title=f"Программа на {count} пар")
    people = Person.objects.bulk_create(
        Person(organization=org, kind=Person.Kind.TEACHER if i % 2 == 0 else Person.Kind.STUDENT,
               last_name=f"Участник{count}-{i}", first_name="Иван", sex="m")
        for i in range(2 * count)
    )  # fmt: skip
    mentors = MentorProfile.objects.bulk_create(MentorProfile(person=p, capacity=2) for p in people[::2])
    mentees = MenteeProfile.objects.bulk_create(MenteeProfile(person=p) for p in people[1::2])
    pairs_ = Mentorship.objects.bulk_create(
        Mentorship(organization=org, programme=programme, mentor=m, status=Mentorship.Status.ACTIVE) for m in mentors
    )
    MentorshipMember.objects.bulk_create(
        MentorshipMember(mentorship=pair, mentee=mentee, programme=programme)
        for pair, mentee in zip(pairs_, mentees, strict=True)
    )
    now = timezone.now()
    Meeting.objects.bulk_create(
        Meeting(mentorship=pair, kind="work", topic=f"Встреча {n}", starts_at=now - datetime.timedelta(days=n))
        for pair in pairs_
        for n in range(meetings_per_pair)
    )


@pytest.mark.parametrize(
    ("changelist", "limit"),
    [
        ("admin:programs_mentorship_changelist", 12),
        ("admin:programs_meeting_changelist", 12),
        ("admin:participants_person_changelist", 10),
        ("admin:participants_consent_changelist", 10),
        ("admin:participants_mentorprofile_changelist", 10),
        ("admin:participants_menteeprofile_changelist", 10),
        ("admin:mentoring_order_changelist", 10),
    ],
)
def test_the_big_change_lists_make_as_many_queries_for_100_rows_as_for_10(
    changelist, limit, world, login, superuser, django_assert_max_num_queries
):
    client = login(superuser)
    _many_pairs(world, 10)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(changelist)).status_code == 200
    _many_pairs(world, 90)  # 100 pairs, 300 meetings
    with django_assert_max_num_queries(limit):
        assert client.get(reverse(changelist)).status_code == 200
    with CaptureQueriesContext(connection) as many:
        client.get(reverse(changelist))
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]


def test_a_practice_edited_in_the_admin_keeps_the_completed_pair_rule(world, login, superuser):
    f = files(world)
    active = Mentorship.objects.create(
        organization=world.org, programme=f.meeting.mentorship.programme, mentor=f.training.mentor,
        status=Mentorship.Status.ACTIVE,
    )  # fmt: skip
    data = {"organization": world.org.pk, "mentorship": active.pk, "title": "Новое название", "problem": "П",
            "actions": "Д", "result": "Р", "created_by": ""}  # fmt: skip
    response = login(superuser).post(_change(f.practice), data)
    assert response.status_code == 200 and "по завершённой паре" in response.content.decode()
    f.practice.refresh_from_db()
    assert f.practice.title == "Дроби без страха"
    response = login(superuser).post(_change(f.practice), {**data, "mentorship": f.practice.mentorship_id})
    assert response.status_code == 302
    f.practice.refresh_from_db()
    assert f.practice.title == "Новое название" and f.practice.attachment  # the file is kept

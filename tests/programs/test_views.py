import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from programs.models import CalendarToken, Feedback, Meeting, Mentorship, MentorshipMember
from tests.pdf import pdf_text
from tests.programs.factories import student_mentee, teacher_mentor
from tests.programs.objects import pairs, programme_for

pytestmark = pytest.mark.django_db


def test_mentor_logs_a_meeting_with_feedback_in_one_form(world, login):
    p = pairs(world)
    client = login(world.mentor_a)
    form = client.get(reverse("programs:meeting_create", kwargs={"pk": p.pair.pk}))
    assert form.context["form"].initial["kind"] == "trial"  # знакомство was done: the next is suggested
    response = client.post(
        reverse("programs:meeting_create", kwargs={"pk": p.pair.pk}),
        {
            "kind": "trial",
            "date": timezone.localdate().isoformat(),
            "time": "00:01",
            "duration_minutes": 45,
            "format": "offline",
            "topic": "Пробная встреча",
            "mentor_rating": "5",
            "mentor_comment": "Отлично",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("programs:my_pairs")
    meeting = Meeting.objects.get(topic="Пробная встреча")
    assert meeting.feedback.get().rating == 5


def test_a_meeting_form_error_keeps_what_was_typed(world, login):
    p = pairs(world)
    response = login(world.mentor_a).post(
        reverse("programs:meeting_create", kwargs={"pk": p.pair.pk}),
        {
            "kind": "working",
            "date": "2026-02-30",
            "time": "15:00",
            "duration_minutes": 45,
            "format": "offline",
            "topic": "Разбор контрольной",
        },
    )
    body = response.content.decode()
    assert "Введите правильную дату" in body and "Разбор контрольной" in body
    assert not Meeting.objects.filter(topic="Разбор контрольной").exists()


def test_another_mentor_cannot_log_a_meeting_in_someone_elses_pair(world, login):
    p = pairs(world)
    response = login(world.mentor_b).post(
        reverse("programs:meeting_create", kwargs={"pk": p.pair.pk}),
        {
            "kind": "working",
            "date": "2026-01-10",
            "time": "15:00",
            "duration_minutes": 45,
            "format": "offline",
            "topic": "Чужая",
        },
    )
    assert response.status_code == 404 and not Meeting.objects.filter(topic="Чужая").exists()


def test_mentee_gives_feedback_from_their_page_once(world, login):
    p = pairs(world)
    client = login(world.mentee)
    page = client.get(reverse("programs:my_mentor")).content.decode()
    assert "Оценить" in page and p.meeting.topic in page
    client.post(reverse("programs:feedback", kwargs={"pk": p.meeting.pk}), {"rating": "4", "comment": "Понравилось"})
    assert Feedback.objects.get(author="mentee").rating == 4
    again = client.post(reverse("programs:feedback", kwargs={"pk": p.meeting.pk}), {"rating": "5"})
    assert "уже оставлен" in again.content.decode()
    assert Feedback.objects.filter(author="mentee").count() == 1
    assert "Оценить" not in client.get(reverse("programs:my_mentor")).content.decode()


def test_a_meeting_without_feedback_shows_as_incomplete(world, login):
    p = pairs(world)
    body = login(world.curator).get(reverse("programs:pair", kwargs={"pk": p.pair.pk})).content.decode()
    assert body.count("нет отзыва") == 2  # neither the mentor nor the mentee has rated it
    listing = login(world.curator).get(reverse("programs:pairs"), {"flag": "feedback"})
    assert [pair.pk for pair in listing.context["pairs"]] == [p.pair.pk]


def test_the_calendar_feed_is_a_valid_private_icalendar(world, client):
    p = pairs(world)
    response = client.get(reverse("programs:calendar_feed", kwargs={"token": p.token.token}))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:Наставничество: Знакомство" in body and f"UID:meeting-{p.meeting.pk}@" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    old = p.token.token
    login_client = client
    login_client.force_login(world.mentee)
    login_client.post(reverse("programs:calendar_rotate"))
    assert client.get(reverse("programs:calendar_feed", kwargs={"token": old})).status_code == 404
    assert CalendarToken.objects.get(user=world.mentee).token != old


def test_the_development_plan_prints(world, login, tmp_path):
    p = pairs(world)
    response = login(world.mentor_a).get(reverse("programs:plan_pdf", kwargs={"pk": p.pair.pk}))
    text = pdf_text(response.content)
    assert "ИНДИВИДУАЛЬНЫЙ ПЛАН РАЗВИТИЯ" in text and "Подтянуть дроби" in text


def _many_pairs(world, count=300, meetings_per_pair=7):
    programme = programme_for(world.org, title="Большая программа")
    mentors = [teacher_mentor(world.org, capacity=15) for _ in range(20)]
    mentees = [student_mentee(world.org) for _ in range(count)]
    created = Mentorship.objects.bulk_create(
        [
            Mentorship(
                organization=world.org,
                programme=programme,
                mentor=mentors[i % 20],
                status="active",
                start_date=timezone.localdate() - datetime.timedelta(days=90),
            )
            for i in range(count)
        ]
    )
    MentorshipMember.objects.bulk_create(
        [MentorshipMember(mentorship=pair, mentee=mentees[i], programme=programme) for i, pair in enumerate(created)]
    )
    now = timezone.now()
    Meeting.objects.bulk_create(
        [
            Meeting(
                mentorship=pair, kind="working", topic="Встреча", starts_at=now - datetime.timedelta(days=3 + 5 * k)
            )
            for pair in created
            for k in range(meetings_per_pair)
        ]
    )
    return programme, mentors


@pytest.mark.parametrize("url_name", ["programs:pairs", "programs:programmes", "programs:programme", "home"])
def test_pages_run_a_constant_number_of_queries_with_300_pairs(url_name, world, login, django_assert_max_num_queries):
    programme, _ = _many_pairs(world)
    client = login(world.curator)
    url = reverse(url_name, kwargs={"pk": programme.pk} if url_name == "programs:programme" else None)
    client.get(url)
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


def test_my_pairs_runs_a_constant_number_of_queries(world, login, django_assert_max_num_queries):
    _, mentors = _many_pairs(world, count=60)
    mentors[0].person.user = world.mentor_b
    mentors[0].person.save()
    client = login(world.mentor_b)
    client.get(reverse("programs:my_pairs"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("programs:my_pairs"))
    assert len(response.context["pairs"]) == 3


def test_matching_and_proposal_pages_run_a_constant_number_of_queries(world, login, django_assert_max_num_queries):
    from programs.models import MatchingProposal

    programme = programme_for(world.org)
    for _ in range(15):
        teacher_mentor(world.org, capacity=3)
    for _ in range(60):
        student_mentee(world.org, request="Подтянуть математику")
    client = login(world.curator)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("programs:matching", kwargs={"pk": programme.pk})).status_code == 200
    client.post(reverse("programs:propose", kwargs={"pk": programme.pk}))
    proposal = MatchingProposal.objects.get()
    with django_assert_max_num_queries(20):
        assert client.get(reverse("programs:proposal", kwargs={"pk": proposal.pk})).status_code == 200


def test_opening_the_calendar_page_creates_no_link_the_button_does(world, login):
    client = login(world.mentor_b)
    page = client.get(reverse("programs:calendar"))
    assert page.context["feed_url"] == "" and not CalendarToken.objects.filter(user=world.mentor_b).exists()
    assert "Получить ссылку на календарь" in page.content.decode()
    client.post(reverse("programs:calendar_rotate"))
    token = CalendarToken.objects.get(user=world.mentor_b)
    assert token.token in client.get(reverse("programs:calendar")).context["feed_url"]


def test_the_awards_page_only_reads_the_standard_nominations_of_the_migration(world, login):
    from programs.models_awards import Nomination

    before = Nomination.objects.count()
    assert before >= 3
    assert login(world.curator).get(reverse("programs:awards")).status_code == 200
    assert Nomination.objects.count() == before


@pytest.mark.parametrize("value", ["²", "٣", "1e3", "-1", "0x1"])
def test_pair_creation_reads_its_post_through_a_form_odd_digits_are_a_404_not_a_500(world, login, value):
    p = pairs(world)
    before = Mentorship.objects.count()
    url = reverse("programs:pair_create", kwargs={"pk": p.programme.pk})
    response = login(world.curator).post(url, {"mentee": value, "mentor": value, "score": value})
    assert response.status_code == 404
    assert Mentorship.objects.count() == before


@pytest.mark.parametrize("url_name", ["programs:pairs", "programs:programme"])
def test_pair_flags_are_computed_for_the_shown_page_only(url_name, world, login):
    """Last meeting and «без обратной связи» are annotated on the 50 pairs shown, not on every pair of the
    organization before the LIMIT (the subquery ran for each of their meetings)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    programme, _ = _many_pairs(world, count=60, meetings_per_pair=1)
    url = reverse(url_name, kwargs={"pk": programme.pk} if url_name == "programs:programme" else None)
    client = login(world.curator)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    flagged = [q["sql"] for q in queries.captured_queries if "programs_feedback" in q["sql"]]
    assert len(flagged) == 1
    assert '"programs_mentorship"."id" IN (' in flagged[0] and "LIMIT 5" not in flagged[0]  # not LIMIT 50 or 51
    assert len(response.context["pairs"]) == 50


def test_the_feedback_flag_still_filters_the_pairs_list(world, login):
    programme, _ = _many_pairs(world, count=3, meetings_per_pair=1)
    rated = Mentorship.objects.filter(programme=programme).order_by("pk").first()
    meeting = rated.meetings.get()
    Feedback.objects.create(meeting=meeting, author="mentor", rating=5)
    Feedback.objects.create(meeting=meeting, author="mentee", mentee=rated.members.get().mentee, rating=5)
    response = login(world.curator).get(reverse("programs:pairs") + "?flag=feedback")
    shown = {pair.pk for pair in response.context["pairs"]}
    assert rated.pk not in shown and len(shown) == 2
    assert all(pair.missing_feedback for pair in response.context["pairs"])

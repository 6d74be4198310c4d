"""The pair rules: capacity, one open pair per programme, consent, the form's hard rules."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from participants.models import MenteeProfile
from programs import selectors, services
from programs.models import Feedback, Meeting, Mentorship, MentorshipMember
from tests.programs.factories import student_mentee, student_mentor, teacher_mentee, teacher_mentor
from tests.programs.objects import programme_for

pytestmark = pytest.mark.django_db


def test_a_pair_is_created_as_a_draft_and_the_mentee_leaves_the_waiting_list(world):
    programme = programme_for(world.org)
    mentor, mentee = teacher_mentor(world.org), student_mentee(world.org)
    pair = services.mentorship_create(programme=programme, mentor=mentor, mentees=[mentee], user=world.curator)
    assert pair.status == "draft"
    mentee.refresh_from_db()
    # Not «в паре» yet: the order has not fixed the pair.
    assert mentee.status == MenteeProfile.Status.MATCHED
    assert mentee.get_status_display() == "Подобран, ожидает приказа"


def test_never_over_a_mentors_capacity(world):
    programme = programme_for(world.org)
    mentor = teacher_mentor(world.org, capacity=2)
    services.mentorship_create(programme=programme, mentor=mentor, mentees=[student_mentee(world.org)], user=None)
    with pytest.raises(ValidationError, match="2 мест, занято 1: добавить ещё 2 нельзя"):
        services.mentorship_create(
            programme=programme,
            mentor=mentor,
            mentees=[student_mentee(world.org), student_mentee(world.org)],
            user=None,
        )
    assert Mentorship.objects.count() == 1 and MentorshipMember.objects.count() == 1  # nothing half-written


def test_a_completed_pair_frees_the_place(world):
    programme = programme_for(world.org)
    mentor = teacher_mentor(world.org, capacity=1)
    pair = services.mentorship_create(
        programme=programme, mentor=mentor, mentees=[student_mentee(world.org)], user=None
    )
    services.mentorship_end_early(pair=pair, reason="Переезд семьи")
    services.mentorship_create(programme=programme, mentor=mentor, mentees=[student_mentee(world.org)], user=None)


def test_never_a_mentee_in_two_open_pairs_of_one_programme(world):
    programme = programme_for(world.org)
    mentee = student_mentee(world.org)
    services.mentorship_create(programme=programme, mentor=teacher_mentor(world.org), mentees=[mentee], user=None)
    with pytest.raises(ValidationError, match="не может быть в двух парах одной программы"):
        services.mentorship_create(programme=programme, mentor=teacher_mentor(world.org), mentees=[mentee], user=None)


def test_the_database_itself_refuses_a_second_open_pair(world):
    from django.db import IntegrityError, transaction

    programme = programme_for(world.org)
    mentee = student_mentee(world.org)
    pair = services.mentorship_create(
        programme=programme, mentor=teacher_mentor(world.org), mentees=[mentee], user=None
    )
    other = Mentorship.objects.create(organization=world.org, programme=programme, mentor=pair.mentor)
    with pytest.raises(IntegrityError), transaction.atomic():
        MentorshipMember.objects.create(mentorship=other, mentee=mentee)


def test_never_a_person_without_consent(world):
    programme = programme_for(world.org)
    with pytest.raises(ValidationError, match="нет действующего согласия"):
        services.mentorship_create(
            programme=programme,
            mentor=teacher_mentor(world.org),
            mentees=[student_mentee(world.org, consent=False)],
            user=None,
        )
    assert not Mentorship.objects.exists()


def test_in_student_student_the_mentor_is_in_a_higher_grade(world):
    programme = programme_for(world.org, "Ученик – ученик")
    with pytest.raises(ValidationError, match="в более старшем классе"):
        services.mentorship_create(
            programme=programme,
            mentor=student_mentor(world.org, grade=7),
            mentees=[student_mentee(world.org, grade=7)],
            user=None,
        )
    services.mentorship_create(
        programme=programme,
        mentor=student_mentor(world.org, grade=9),
        mentees=[student_mentee(world.org, grade=7)],
        user=None,
    )


def test_in_teacher_teacher_the_mentor_has_more_experience(world):
    programme = programme_for(world.org, "Учитель – учитель")
    with pytest.raises(ValidationError, match="больший педагогический стаж"):
        services.mentorship_create(
            programme=programme,
            mentor=teacher_mentor(world.org, years=3),
            mentees=[teacher_mentee(world.org, years=5)],
            user=None,
        )


def test_the_form_decides_who_stands_on_each_side(world):
    programme = programme_for(world.org, "Учитель – учитель")
    with pytest.raises(ValidationError, match="наставляемый — педагог; .* — обучающийся"):
        services.mentorship_create(
            programme=programme, mentor=teacher_mentor(world.org), mentees=[student_mentee(world.org)], user=None
        )


def test_a_candidate_mentor_cannot_be_paired_before_approval(world):
    programme = programme_for(world.org)
    mentor = teacher_mentor(world.org)
    mentor.status = "candidate"
    mentor.save()
    with pytest.raises(ValidationError, match="утверждённых приказом"):
        services.mentorship_create(programme=programme, mentor=mentor, mentees=[student_mentee(world.org)], user=None)


def test_a_group_grows_within_capacity(world):
    programme = programme_for(world.org)
    mentor = teacher_mentor(world.org, capacity=3)
    pair = services.mentorship_create(
        programme=programme, mentor=mentor, mentees=[student_mentee(world.org)], user=None
    )
    services.mentorship_add_mentee(pair=pair, mentee=student_mentee(world.org))
    assert pair.get_kind_display() == "группа"


def _pair_in_status(world, status="fixed"):
    programme = programme_for(world.org)
    pair = services.mentorship_create(
        programme=programme, mentor=teacher_mentor(world.org), mentees=[student_mentee(world.org)], user=None
    )
    if status != "draft":
        services.mentorships_fix(pairs=[pair], order_reference="Приказ от 01.10.2026 № 5")
        pair.refresh_from_db()
    return pair


def test_meetings_wait_for_the_order_and_the_first_one_activates_the_pair(world):
    pair = _pair_in_status(world, "draft")
    meeting = {"starts_at": timezone.now() - datetime.timedelta(hours=2), "kind": "intro", "topic": "Знакомство"}
    with pytest.raises(ValidationError, match="только пробную рабочую встречу и встречу-планирование"):
        services.meeting_log(pair=pair, user=None, **meeting)
    services.mentorships_fix(pairs=[pair], order_reference="Приказ № 5")
    pair.refresh_from_db()
    assert pair.status == "fixed" and pair.mentor.status == "active"
    services.meeting_log(pair=pair, user=None, mentor_rating=5, mentor_comment="Хорошо", **meeting)
    pair.refresh_from_db()
    assert pair.status == "active"
    assert Feedback.objects.get().author == "mentor"


def test_the_meeting_sequence_is_suggested_not_forced(world):
    pair = _pair_in_status(world)
    assert selectors.suggested_meeting_kind(pair) == "intro"
    services.meeting_log(pair=pair, user=None, starts_at=timezone.now(), kind="working", topic="Сразу к делу")
    assert selectors.suggested_meeting_kind(pair) == "intro"  # a working meeting first is allowed
    for kind in ("intro", "trial", "planning"):
        services.meeting_log(pair=pair, user=None, starts_at=timezone.now(), kind=kind, topic=kind)
    assert selectors.suggested_meeting_kind(pair) == "working"


def test_one_feedback_per_mentee_per_meeting_and_only_after_it(world):
    pair = _pair_in_status(world)
    mentee = pair.members.get().mentee
    past = services.meeting_log(
        pair=pair, user=None, starts_at=timezone.now() - datetime.timedelta(hours=1), kind="intro", topic="Знакомство"
    )
    services.feedback_give(meeting=past, author="mentee", mentee=mentee, rating=5)
    with pytest.raises(ValidationError, match="уже оставлен"):
        services.feedback_give(meeting=past, author="mentee", mentee=mentee, rating=4)
    future = services.meeting_log(
        pair=pair, user=None, starts_at=timezone.now() + datetime.timedelta(days=2), kind="trial", topic="Пробная"
    )
    with pytest.raises(ValidationError, match="после встречи"):
        services.feedback_give(meeting=future, author="mentee", mentee=mentee, rating=5)
    stranger = student_mentee(world.org)
    with pytest.raises(ValidationError, match="только участник пары"):
        services.feedback_give(meeting=past, author="mentee", mentee=stranger, rating=5)


def test_pairs_without_a_meeting_for_14_days_are_flagged(world):
    quiet, busy = _pair_in_status(world), _pair_in_status(world)
    Mentorship.objects.filter(pk__in=[quiet.pk, busy.pk]).update(
        status="active", start_date=timezone.localdate() - datetime.timedelta(days=60)
    )
    Meeting.objects.create(
        mentorship=quiet, kind="intro", topic="a", starts_at=timezone.now() - datetime.timedelta(days=15)
    )
    Meeting.objects.create(
        mentorship=busy, kind="intro", topic="b", starts_at=timezone.now() - datetime.timedelta(days=13)
    )
    assert list(selectors.pairs_without_recent_meeting(Mentorship.objects.all())) == [quiet]


def test_completion_needs_the_final_meeting_and_a_reflection_then_offers_the_mentor_role(world):
    pair = _pair_in_status(world)
    services.meeting_log(pair=pair, user=None, starts_at=timezone.now(), kind="intro", topic="Знакомство")
    pair.refresh_from_db()
    with pytest.raises(ValidationError, match="итоговую встречу"):
        services.mentorship_complete(pair=pair, reflection="Итоги")
    services.meeting_log(pair=pair, user=None, starts_at=timezone.now(), kind="final", topic="Итоги")
    with pytest.raises(ValidationError, match="рефлексия"):
        services.mentorship_complete(pair=pair, reflection="  ")
    services.mentorship_complete(pair=pair, reflection="Успеваемость выросла, мотивация тоже.")
    mentee = pair.members.get().mentee
    mentee.refresh_from_db()
    assert mentee.status == "completed"
    mentor = services.offer_mentor_role(mentee=mentee, user=world.curator)
    assert mentor.status == "candidate" and mentor.person == mentee.person


def test_ending_early_returns_mentees_to_the_waiting_list(world):
    pair = _pair_in_status(world)
    with pytest.raises(ValidationError, match="причину"):
        services.mentorship_end_early(pair=pair, reason="")
    services.mentorship_end_early(pair=pair, reason="Конфликт, нужна смена наставника")
    mentee = pair.members.get().mentee
    mentee.refresh_from_db()
    assert mentee.status == "waiting" and not pair.members.get().is_active


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serializes writers; the race needs PostgreSQL")
def test_two_curators_confirming_at_once_never_overflow_capacity(reference_rows, world):
    from django.db import close_old_connections

    programme = programme_for(world.org)
    mentor = teacher_mentor(world.org, capacity=1)
    mentees = [student_mentee(world.org), student_mentee(world.org)]
    results, barrier = [], threading.Barrier(2)

    def confirm(mentee):
        barrier.wait()
        try:
            services.mentorship_create(programme=programme, mentor=mentor, mentees=[mentee], user=None)
            results.append("ok")
        except ValidationError:
            results.append("refused")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=confirm, args=(m,)) for m in mentees]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["ok", "refused"]
    assert MentorshipMember.objects.filter(mentorship__mentor=mentor, is_active=True).count() == 1

"""Cancelling an order («Об отмене приказа») reverts what that order's signing changed and nothing
else: a status someone had before the order, or got from another order, survives."""

import datetime

import pytest
from django.utils import timezone

from mentoring.orders import services as order_services
from mentoring.orders.models import OrderKind
from participants.models import MenteeProfile, MentorProfile
from programs.models import Meeting, Mentorship, MentorshipMember, Programme
from tests.programs.factories import student_mentee, teacher_mentor
from tests.programs.objects import pairs

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _cancel(order, world) -> None:
    order.refresh_from_db()
    cancellation = order_services.order_cancellation_prepare(order=order, user=world.director)
    order_services.order_sign(order=cancellation, user=world.director)


def _draft_pair(world, programme, *, mentor_status: str, mentee_status: str, surname: str):
    mentor = teacher_mentor(world.org, last_name=surname, first_name="Марина", middle_name="Владимировна")
    MentorProfile.objects.filter(pk=mentor.pk).update(status=mentor_status, status_date=TODAY)
    child = student_mentee(world.org, last_name="Белых", first_name="Дарья", middle_name="Андреевна")
    MenteeProfile.objects.filter(pk=child.pk).update(status=mentee_status, status_date=TODAY)
    pair = Mentorship.objects.create(organization=world.org, programme=programme, mentor=mentor)
    MentorshipMember.objects.create(mentorship=pair, mentee=child)
    return pair, mentor, child


def test_cancelling_the_pairs_order_puts_back_the_statuses_the_fixing_changed(world):
    programme = pairs(world).programme
    new_pair, new_mentor, new_child = _draft_pair(
        world, programme, mentor_status="approved", mentee_status="matched", surname="Соколова"
    )
    # A mentor already working in another pair before the order stays «Действующий».
    busy_pair, busy_mentor, _ = _draft_pair(
        world, programme, mentor_status="active", mentee_status="matched", surname="Долгих"
    )
    Mentorship.objects.create(
        organization=world.org, programme=programme, mentor=busy_mentor, status=Mentorship.Status.ACTIVE
    )
    order = order_services.order_create(organization=world.org, kind=OrderKind.PAIRS, user=world.curator)
    Mentorship.objects.filter(pk__in=[new_pair.pk, busy_pair.pk]).update(order=order)
    order_services.order_sign(order=order, user=world.director)
    new_mentor.refresh_from_db()
    new_child.refresh_from_db()
    assert (new_mentor.status, new_child.status) == ("active", "paired")

    _cancel(order, world)
    for obj in (new_pair, busy_pair, new_mentor, busy_mentor, new_child):
        obj.refresh_from_db()
    assert new_pair.status == Mentorship.Status.DRAFT and busy_pair.status == Mentorship.Status.DRAFT
    assert new_mentor.status == "approved"  # what the order introduced is reverted
    assert new_child.status == "matched"
    assert busy_mentor.status == "active"  # what was there before the order survives


def test_cancelling_the_mentor_base_order_returns_only_the_mentors_it_approved(world):
    interviewed = teacher_mentor(world.org, last_name="Шевченко", first_name="Тарас", middle_name="Григорьевич")
    approved_before = teacher_mentor(world.org, last_name="Цой", first_name="Виктор", middle_name="Робертович")
    trained_since = teacher_mentor(world.org, last_name="Ким", first_name="Денис", middle_name="Олегович")
    day = TODAY - datetime.timedelta(days=10)
    MentorProfile.objects.filter(pk__in=[interviewed.pk, trained_since.pk]).update(
        status="interviewed", status_date=day
    )
    MentorProfile.objects.filter(pk=approved_before.pk).update(status="approved", status_date=day)
    order = order_services.order_create(organization=world.org, kind=OrderKind.MENTOR_BASE, user=world.curator)
    order_services.order_sign(order=order, user=world.director)
    interviewed.refresh_from_db()
    assert interviewed.status == "approved"
    MentorProfile.objects.filter(pk=trained_since.pk).update(status="trained")  # moved on after the order

    _cancel(order, world)
    for mentor in (interviewed, approved_before, trained_since):
        mentor.refresh_from_db()
    assert (interviewed.status, interviewed.status_date) == ("interviewed", day)
    assert interviewed.status_changes.filter(note__contains="отменён").exists()  # the history says why
    assert approved_before.status == "approved"
    assert trained_since.status == "trained"


def test_cancelling_the_completion_order_reopens_what_it_completed_only(world):
    p = pairs(world)
    Meeting.objects.create(
        mentorship=p.pair, kind=Meeting.Kind.FINAL, topic="Итоги", starts_at=timezone.now() - datetime.timedelta(days=1)
    )
    done_before = Mentorship.objects.create(
        organization=world.org,
        programme=p.programme,
        mentor=p.pair.mentor,
        status=Mentorship.Status.COMPLETED,
        end_date=TODAY - datetime.timedelta(days=5),
        reflection="Завершена раньше",
    )
    mentee = p.member.mentee
    mentee_before = mentee.status
    order = order_services.order_create(organization=world.org, kind=OrderKind.COMPLETION, user=world.director)
    order_services.order_sign(order=order, user=world.director)
    p.pair.refresh_from_db()
    assert p.pair.status == Mentorship.Status.COMPLETED

    _cancel(order, world)
    for obj in (p.pair, p.programme, done_before, mentee):
        obj.refresh_from_db()
    assert p.pair.status == Mentorship.Status.ACTIVE and p.pair.end_date is None and p.pair.reflection == ""
    assert p.programme.status == Programme.Status.ACTIVE
    assert mentee.status == mentee_before
    assert done_before.status == Mentorship.Status.COMPLETED and done_before.reflection == "Завершена раньше"


def test_cancelling_the_incentives_order_frees_its_awards_for_a_new_order(world):
    from programs.awards import award_grant, incentives_order_prepare, nominations_for
    from tests.programs.awards_objects import practices_and_awards

    award = practices_and_awards(world).award
    order = incentives_order_prepare(organization=world.org, academic_year=award.academic_year, user=world.director)
    order_services.order_sign(order=order, user=world.director)
    later = award_grant(
        organization=world.org,
        nomination=nominations_for(world.org).filter(for_pair=False).exclude(name="Наставник года").first(),
        mentor=teacher_mentor(world.org, last_name="Цой", first_name="Виктор", middle_name="Робертович"),
    )
    second = incentives_order_prepare(organization=world.org, academic_year=award.academic_year, user=world.director)
    _cancel(order, world)
    award.refresh_from_db()
    later.refresh_from_db()
    assert award.order is None  # the order that decided it is cancelled: a new order may include it
    assert later.order == second  # in another order: stays there
    third = incentives_order_prepare(organization=world.org, academic_year=award.academic_year, user=world.director)
    assert list(third.awards.all()) == [award]

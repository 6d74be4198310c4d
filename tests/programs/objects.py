"""Programmes and pairs of the test school, shared by the permission matrix and the tests."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from mentoring.models import AcademicYear
from participants.models import MentorProfile
from programs.models import (
    CalendarToken,
    MatchingProposal,
    Meeting,
    MentoringForm,
    Mentorship,
    MentorshipMember,
    PlanGoal,
    Programme,
)
from tests.participants.factories import ConsentFactory
from tests.participants.objects import bases


@dataclass
class Pairs:
    programme: Programme
    pair: Mentorship
    member: MentorshipMember
    meeting: Meeting
    goal: PlanGoal
    proposal: MatchingProposal
    token: CalendarToken


def programme_for(org, form_name: str = "Учитель – ученик", **fields) -> Programme:
    year = AcademicYear.current()
    return Programme.objects.create(
        organization=org,
        form=MentoringForm.objects.get(organization=None, name=form_name),
        academic_year=year,
        title=fields.pop("title", f"Программа {form_name}"),
        start_date=year.start_date,
        end_date=year.end_date,
        status=Programme.Status.ACTIVE,
        **fields,
    )


def pairs(world) -> Pairs:
    if "pairs" not in world.__dict__:
        b = bases(world)
        for person in (b.mentor_person, b.mentee_person):
            ConsentFactory(person=person)
        MentorProfile.objects.filter(pk=b.mentor.pk).update(status=MentorProfile.Status.ACTIVE, capacity=3)
        b.mentor.refresh_from_db()
        programme = programme_for(world.org)
        pair = Mentorship.objects.create(
            organization=world.org,
            programme=programme,
            mentor=b.mentor,
            status=Mentorship.Status.ACTIVE,
            start_date=timezone.localdate() - datetime.timedelta(days=30),
        )
        member = MentorshipMember.objects.create(mentorship=pair, mentee=b.mentee)
        meeting = Meeting.objects.create(
            mentorship=pair,
            kind="intro",
            topic="Знакомство",
            starts_at=timezone.now() - datetime.timedelta(days=3),
        )
        goal = PlanGoal.objects.create(mentorship=pair, title="Подтянуть дроби", deadline=timezone.localdate())
        proposal = MatchingProposal.objects.create(organization=world.org, programme=programme, assignments=[])
        token = CalendarToken.objects.create(user=world.mentee)
        world.__dict__["pairs"] = Pairs(programme, pair, member, meeting, goal, proposal, token)
    return world.__dict__["pairs"]

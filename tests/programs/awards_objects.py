"""Practices and awards of the test school: a completed pair with a published practice, an award,
a notification of mentor_a — shared by the permission matrix and the tests."""

from dataclasses import dataclass

from django.utils import timezone

from mentoring.models import Notification, NotificationKind
from programs.awards import award_grant, nominations_for
from programs.models import Mentorship
from programs.models_awards import Award
from programs.models_practices import Practice
from programs.practices import practice_publish
from tests.programs.objects import pairs


@dataclass
class PracticesAndAwards:
    practice: Practice
    award: Award
    notification: Notification


def practices_and_awards(world) -> PracticesAndAwards:
    if "practices_and_awards" not in world.__dict__:
        p = pairs(world)
        Mentorship.objects.filter(pk=p.pair.pk).update(
            status=Mentorship.Status.COMPLETED, end_date=timezone.localdate()
        )
        practice = Practice.objects.create(
            organization=world.org,
            mentorship=p.pair,
            title="Дроби без страха",
            problem="Наставляемый не справлялся с дробями.",
            actions="Еженедельные встречи, игры с долями.",
            result="Четвёрка в четверти.",
        )
        practice_publish(practice=practice)
        award = award_grant(
            organization=world.org,
            nomination=nominations_for(world.org).get(name="Наставник года"),
            mentor=p.pair.mentor,
        )
        notification = Notification.objects.create(
            user=world.mentor_a,
            kind=NotificationKind.NO_MEETING,
            object_key="mentorship:1",
            title="Нет встреч",
            url="/",
        )
        world.__dict__["practices_and_awards"] = PracticesAndAwards(practice, award, notification)
    return world.__dict__["practices_and_awards"]

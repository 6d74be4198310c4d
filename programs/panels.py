"""Home page panels: what needs the curator's attention, «Мои пары», «Мой наставник»."""

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.http import HttpRequest
from django.utils import timezone

from mentoring.access import user_organization
from programs import selectors
from programs.models import Feedback, Meeting, Mentorship, MentorshipMember


def attention_panel(request: HttpRequest) -> dict:
    organization = user_organization(request.user)
    pairs = Mentorship.objects.filter(organization=organization)
    counts = {
        row["status"]: row
        for row in pairs.values("status").annotate(n=Count("pk"), no_order=Count("pk", filter=Q(order__isnull=True)))
    }
    # One query for every quiet pair: an organization has hundreds of pairs, not millions.
    gaps = list(selectors.pairs_without_recent_meeting(pairs).select_related("mentor__person").order_by("last_meeting"))
    for pair in gaps[:8]:
        pair.gap_days = selectors.gap_days(pair)
    no_feedback = (
        Meeting.objects.filter(mentorship__organization=organization, starts_at__lt=timezone.now())
        .exclude(Exists(Feedback.objects.filter(meeting=OuterRef("pk"))))
        .count()
    )
    return {
        "rows": [(label, counts.get(value, {}).get("n", 0), value) for value, label in Mentorship.Status.choices],
        "gaps": gaps[:8],
        "gap_total": len(gaps),
        "no_feedback": no_feedback,
        "drafts_without_order": counts.get(Mentorship.Status.DRAFT, {}).get("no_order", 0),
    }


def my_pairs_panel(request: HttpRequest) -> dict:
    pairs = list(
        Mentorship.objects.filter(mentor__person__user=request.user, status__in=Mentorship.OPEN)
        .select_related("programme")
        .prefetch_related("members__mentee__person", "meetings")
        .annotate(last_meeting=Max("meetings__starts_at"))
    )
    for pair in pairs:
        pair.gap_days = selectors.gap_days(pair)
        pair.next_kind = Meeting.Kind(selectors.suggested_meeting_kind(pair)).label
    return {"pairs": pairs}


def my_mentor_panel(request: HttpRequest) -> dict:
    member = (
        MentorshipMember.objects.filter(mentee__person__user=request.user, is_active=True)
        .select_related("mentorship__mentor__person", "mentorship__programme", "mentee")
        .first()
    )
    pending = 0
    if member:
        pending = (
            Meeting.objects.filter(mentorship=member.mentorship, starts_at__lte=timezone.now())
            .exclude(feedback__author="mentee", feedback__mentee=member.mentee)
            .count()
        )
    return {"member": member, "pending": pending}

"""Home page panels: what needs the curator's attention, «Мои пары», «Мой наставник»."""

from django.db.models import Count, Q
from django.http import HttpRequest

from mentoring import cache
from mentoring.access import user_organization
from programs import selectors
from programs.models import Meeting, Mentorship, MentorshipMember


def attention_panel(request: HttpRequest) -> dict:
    organization = user_organization(request.user)
    pairs = Mentorship.objects.filter(organization=organization)
    counts = {
        row["status"]: row
        for row in pairs.values("status").annotate(n=Count("pk"), no_order=Count("pk", filter=Q(order__isnull=True)))
    }
    # One query for every quiet pair: an organization has hundreds of pairs, not millions.
    # Quiet pairs and missing feedback over this academic year's pairs, as the monitoring summary beside it.
    gaps = quiet_pairs(request)
    for pair in gaps[:8]:
        pair.gap_days = selectors.gap_days(pair)
    no_feedback = missing_feedback_count(request)
    return {
        "rows": [(label, counts.get(value, {}).get("n", 0), value) for value, label in Mentorship.Status.choices],
        "gaps": gaps[:8],
        "gap_total": len(gaps),
        "no_feedback": no_feedback,
        "drafts_without_order": counts.get(Mentorship.Status.DRAFT, {}).get("no_order", 0),
    }


def quiet_pairs(request: HttpRequest) -> list[Mentorship]:
    """This year's pairs with no meeting for 14+ days: the attention panel lists them, the monitoring
    summary beside it counts them — one query for both."""
    year = selectors.year_pairs(user_organization(request.user))
    return cache.per_request(
        request,
        "quiet_pairs",
        lambda: list(
            selectors.pairs_without_recent_meeting(year).select_related("mentor__person").order_by("last_meeting")
        ),
    )


def missing_feedback_count(request: HttpRequest) -> int:
    """Past meetings of this year's pairs missing feedback, shown by both panels of the home page."""
    year = selectors.year_pairs(user_organization(request.user))
    return cache.per_request(
        request,
        "missing_feedback",
        lambda: selectors.meetings_missing_feedback(Meeting.objects.filter(mentorship__in=year)).count(),
    )


def my_pairs_panel(request: HttpRequest) -> dict:
    pairs = list(
        Mentorship.objects.filter(mentor__person__user=request.user, status__in=Mentorship.OPEN)
        .select_related("programme")
        .prefetch_related("members__mentee__person", "meetings")
        .annotate(last_meeting=selectors.last_meeting())
    )
    for pair in pairs:
        pair.gap_days = selectors.gap_days(pair)
        pair.next_kind = Meeting.Kind(selectors.suggested_meeting_kind(pair)).label
    return {"pairs": pairs}


def my_mentor_panel(request: HttpRequest) -> dict:
    member = (
        MentorshipMember.objects.filter(mentee__person__user=request.user, is_active=True)
        .select_related("mentorship__mentor__person", "mentorship__programme", "mentee")
        .order_by("-joined_on", "-pk")
        .first()
    )
    pending = selectors.meetings_to_rate(request.user).count() if member else 0
    return {"member": member, "pending": pending}


def children_panel(request: HttpRequest) -> dict:
    """A parent's home: each child of theirs with the child's pair, its meetings and the consents — only
    what concerns this child (a group's other members and the meetings' notes are not shown)."""
    from participants.models import Consent, Guardian

    children = []
    for guardian in (
        Guardian.objects.filter(user=request.user, person__is_anonymized=False)
        .select_related("person__study_group")
        .prefetch_related("person__consents")
    ):
        child = guardian.person
        member = (
            MentorshipMember.objects.filter(mentee__person=child)
            .select_related("mentorship__mentor__person", "mentorship__programme")
            .order_by("-is_active", "-joined_on", "-pk")
            .first()
        )
        meetings = []
        if member:
            pair = member.mentorship
            group = pair.members.count() > 1
            for meeting in pair.meetings.prefetch_related("attendees").order_by("-starts_at")[:20]:
                attended = None
                if group:
                    attended = any(m.pk == member.mentee_id for m in meeting.attendees.all())
                meetings.append({"meeting": meeting, "attended": attended})
        children.append(
            {
                "person": child,
                "member": member,
                "meetings": meetings,
                "consent": child.valid_consent(Consent.Kind.PROCESSING),
            }
        )
    return {"children": children}

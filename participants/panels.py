"""Home page panels of the participants' bases."""

from django.db.models import Count, Max, Min, Q
from django.http import HttpRequest
from django.utils import timezone

from mentoring import cache
from mentoring.access import user_organization
from mentoring.models import AcademicYear
from participants.models import Consent, MenteeProfile, MentorProfile, Person, StudyGroup


def bases_panel(request: HttpRequest) -> dict:
    organization = user_organization(request.user)
    mentors = dict(
        MentorProfile.objects.filter(person__organization=organization).values_list("status").annotate(n=Count("pk"))
    )
    mentee_rows = list(
        MenteeProfile.objects.filter(person__organization=organization)
        .values_list("status")
        .annotate(n=Count("pk"), since=Min("status_date"))
    )
    mentees = {status: n for status, n, _ in mentee_rows}
    oldest = next((since for status, _, since in mentee_rows if status == MenteeProfile.Status.WAITING), None)
    today = timezone.localdate()
    in_bases = Person.objects.filter(organization=organization, is_anonymized=False).filter(
        Q(mentor_profile__isnull=False) | Q(mentee_profile__isnull=False)
    )
    # A correlated EXISTS: the check stays within this organization's people at region scale.
    without_consent = in_bases.exclude(Consent.objects.valid_exists(Consent.Kind.PROCESSING, day=today)).count()
    return {
        "mentor_rows": [(MentorProfile.Status(s).label, mentors.get(s, 0)) for s in MentorProfile.Status.values],
        "mentor_total": sum(mentors.values()),
        "mentee_rows": [(MenteeProfile.Status(s).label, mentees.get(s, 0)) for s in MenteeProfile.Status.values],
        "mentee_total": sum(mentees.values()),
        "waiting": mentees.get(MenteeProfile.Status.WAITING, 0),
        "longest_wait": (today - oldest).days if oldest else None,
        "without_consent": without_consent,
    }


def waiting_panel(request: HttpRequest) -> dict:
    organization = user_organization(request.user)
    waiting = (
        MenteeProfile.objects.filter(person__organization=organization, status=MenteeProfile.Status.WAITING)
        .select_related("person", "person__study_group")
        .order_by("status_date")[:10]
    )
    total = MenteeProfile.objects.filter(person__organization=organization, status=MenteeProfile.Status.WAITING).count()
    return {"waiting": waiting, "total": total}


def classes_panel(request: HttpRequest) -> dict:
    organization = user_organization(request.user)
    year = AcademicYear.current()
    stats = StudyGroup.objects.filter(organization=organization, academic_year=year).aggregate(
        groups=Count("pk", distinct=True), students=Count("students", distinct=True)
    )
    last = Person.objects.filter(organization=organization).aggregate(at=Max("updated_at"))["at"]
    return {"year": year, "last_change": last, **stats}


def me_panel(request: HttpRequest) -> dict:
    person = (
        Person.objects.filter(user=request.user)
        .select_related("mentor_profile", "mentee_profile", "study_group")
        .prefetch_related("consents")
        .first()
    )
    return {"person": person}


BASE_COUNTS_SCOPE = "region-bases"


def register_cache() -> None:
    """The region table's base counts are recounted after a write to these tables (mentoring/cache.py)."""
    cache.register(BASE_COUNTS_SCOPE, [m._meta.db_table for m in (MentorProfile, MenteeProfile, Person)])


def base_counts(organization_ids: list[int]) -> dict[int, dict[str, int]]:
    """People in the mentor and mentee bases per organization (for the region table: counts only), cached:
    two counts over the region's 65k people, read on every visit of the coordinator's pages."""
    return cache.cached(
        BASE_COUNTS_SCOPE, f"counts:{cache.ids_key(organization_ids)}", lambda: _base_counts(organization_ids)
    )


def _base_counts(organization_ids: list[int]) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = {pk: {"mentors": 0, "mentees": 0} for pk in organization_ids}
    for key, model in (("mentors", MentorProfile), ("mentees", MenteeProfile)):
        rows = (
            model.objects.filter(person__organization_id__in=organization_ids, person__is_anonymized=False)
            .values_list("person__organization_id")
            .annotate(n=Count("pk"))
        )
        for org_id, n in rows:
            out[org_id][key] = n
    return out

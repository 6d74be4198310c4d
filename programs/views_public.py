"""The public page of an organization (/o/<slug>/): no login, nothing personal except the names of
people with a valid consent to publication. A fixed number of queries whatever the size of the
programme; cacheable by browsers and proxies for five minutes."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control

from mentoring import public_page
from mentoring.models import AcademicYear, Organization
from participants.models import Consent, MenteeProfile, MentorProfile
from programs.models import Mentorship, OrganizationForm, Programme
from programs.models_awards import Award
from programs.models_practices import Practice
from programs.publication import public_name

PUBLIC_CACHE_SECONDS = 300
HONOR_BOARD_LIMIT = 24


def _organization(slug: str) -> Organization:
    organization = Organization.objects.filter(slug=slug, is_active=True).first()
    if organization is None:
        raise Http404("Организация не найдена")
    return organization


def _publication_consents(prefix: str) -> Prefetch:
    return Prefetch(f"{prefix}consents", queryset=Consent.objects.filter(kind=Consent.Kind.PUBLICATION))


def _published_mentors(organization: Organization) -> list[dict]:
    mentors = (
        MentorProfile.objects.filter(
            person__organization=organization,
            person__is_anonymized=False,
            status__in=[MentorProfile.Status.APPROVED, MentorProfile.Status.TRAINED, MentorProfile.Status.ACTIVE],
        )
        .filter(Consent.objects.valid_exists(Consent.Kind.PUBLICATION, person="person"))
        .select_related("person")
        .prefetch_related(_publication_consents("person__"))
        .order_by("person__sort_key", "pk")
    )
    rows = []
    for mentor in mentors:
        name = public_name(mentor.person)
        if name:
            rows.append(
                {"name": name, "category": mentor.get_category_display(), "kind": mentor.person.get_kind_display()}
            )
    return rows


def published_practice(slug: str, pk: int, organization: Organization | None = None) -> Practice | None:
    """The practice as its public page shows it (and its attachment serves it), or None."""
    organization = organization or _organization(slug)
    return next((p for p in _public_practices(organization) if p.pk == pk), None)


def _public_practices(organization: Organization):
    return list(
        Practice.objects.filter(organization=organization, status=Practice.Status.PUBLISHED)
        .select_related("mentorship__mentor__person", "mentorship__programme__form")
        .prefetch_related(_publication_consents("mentorship__mentor__person__"))
    )


@cache_control(public=True, max_age=PUBLIC_CACHE_SECONDS)
def organization_page(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization(slug)
    today = timezone.localdate()
    year = AcademicYear.objects.containing(today).first()
    programmes = list(
        Programme.objects.filter(
            organization=organization, status__in=[Programme.Status.ACTIVE, Programme.Status.COMPLETED]
        )
        .filter(academic_year__start_year=AcademicYear.start_year_for(today))
        .select_related("form")
        .order_by("title")
    )
    forms = [f.form for f in OrganizationForm.objects.filter(organization=organization).select_related("form")]
    figures = Mentorship.objects.filter(organization=organization).aggregate(
        working=Count("pk", filter=Q(status__in=Mentorship.WORKING)),
        completed=Count("pk", filter=Q(status=Mentorship.Status.COMPLETED)),
    )
    figures["mentees"] = (
        MenteeProfile.objects.filter(person__organization=organization, memberships__is_active=True).distinct().count()
    )
    awards = (
        Award.objects.filter(organization=organization)
        .select_related("nomination", "academic_year", "mentor__person")
        .prefetch_related(_publication_consents("mentor__person__"))[:HONOR_BOARD_LIMIT]
    )
    context = {
        "organization": organization,
        "year": year,
        "programmes": programmes,
        "forms": forms,
        "figures": figures,
        "mentors": _published_mentors(organization),
        "practices": [{"practice": p, "mentor": _practice_mentor(p)} for p in _public_practices(organization)],
        "awards": [{"award": a, "name": public_name(a.mentor.person)} for a in awards],
        "stages": [],
        **public_page.sections_context(organization, today),  # the roadmap's stages
    }
    return render(request, "programs/public/organization.html", context)


def _practice_mentor(practice: Practice) -> str:
    if not practice.show_names or practice.mentorship is None:
        return ""
    return public_name(practice.mentorship.mentor.person)


@cache_control(public=True, max_age=PUBLIC_CACHE_SECONDS)
def practice(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organization = _organization(slug)
    practice = published_practice(slug, pk, organization)
    if practice is None:
        raise Http404("Практика не найдена")
    context = {"organization": organization, "practice": practice, "mentor": _practice_mentor(practice)}
    return render(request, "programs/public/practice.html", context)

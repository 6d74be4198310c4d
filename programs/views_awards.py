"""Incentives of mentors: awards, certificates, the incentives order."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring.access import COORDINATORS, READERS, for_organization, require_roles, user_organization
from mentoring.docx import docx_response, render_docx
from mentoring.models import AcademicYear
from mentoring.pdf import pdf_response, render_pdf
from mentoring.selectors import director_of
from programs import access
from programs import awards as awards_services
from programs.forms import AwardForm
from programs.models import MentorshipMember
from programs.models_awards import Award


@require_roles(*READERS)
def awards(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    items = for_organization(
        request.user, Award.objects.select_related("nomination", "academic_year", "mentor__person", "order")
    )
    invitees = (
        MentorshipMember.objects.filter(
            mentorship__organization=organization,
            mentee__status="completed",
            mentee__person__mentor_profile__isnull=True,
            mentee__person__is_anonymized=False,
        )
        .select_related("mentee__person", "mentorship__programme")
        .order_by("mentee__person__sort_key", "pk")
    )
    form = AwardForm(organization=organization) if request.user.has_role(*COORDINATORS) else None
    context = {"awards": items, "form": form, "invitees": invitees, "can_edit": form is not None}
    return render(request, "programs/awards/list.html", context)


@require_POST
@require_roles(*COORDINATORS)
def award_create(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    form = AwardForm(request.POST, organization=organization)
    if form.is_valid():
        data = form.cleaned_data
        try:
            awards_services.award_grant(organization=organization, **data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Поощрение внесено: {data['nomination']}.")
    else:
        messages.error(request, "Поощрение не внесено: " + " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("programs:awards")


def _certificate(request: HttpRequest, pk: int) -> tuple[dict, str]:
    award = access.get_award_for(request.user, pk)
    director = director_of(award.organization)
    # The grounds run on into «по итогам реализации программы…»: no full stop in the middle of the sentence.
    citation = (award.citation or award.nomination.description).strip().rstrip(".")
    context = {"award": award, "organization": award.organization, "director": director, "citation": citation}
    return context, f"Грамота {award.mentor.person.short_name}.pdf"


@require_roles(*READERS)
def award_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    context, filename = _certificate(request, pk)
    return pdf_response(render_pdf("pdf/programs/certificate.html", context), filename)


@require_roles(*READERS)
def award_certificate_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The certificate in Word (the same template): a school prints it on its own letterhead."""
    context, filename = _certificate(request, pk)
    return docx_response(render_docx("pdf/programs/certificate.html", context), filename)


@require_POST
@require_roles(*COORDINATORS)
def incentives_order(request: HttpRequest) -> HttpResponse:
    try:
        order = awards_services.incentives_order_prepare(
            organization=user_organization(request.user), academic_year=AcademicYear.current(), user=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("programs:awards")
    messages.success(request, "Проект приказа о поощрении подготовлен; список награждённых — в приложении.")
    return redirect("orders:detail", pk=order.pk)

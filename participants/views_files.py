"""Scans of a person's card: the signed consent and the mentor's training certificate. Each opens for
exactly the users who see the link on the card (participants.access), as an attachment, and is logged."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from mentoring import audit
from mentoring.files import private_file_response
from participants import access
from participants.models import Consent, MentorTraining


@login_required
def consent_scan(request: HttpRequest, pk: int) -> HttpResponse:
    consent = Consent.objects.filter(pk=pk).exclude(scan="").first()
    if consent is None:
        raise Http404("Скан не приложен")
    person = access.get_person_for(request.user, consent.person_id)  # the card that links the scan
    response = private_file_response(
        request, consent.scan, filename=f"Согласие № {consent.pk} от {consent.signed_on:%d.%m.%Y}"
    )
    audit.record(request, audit.Action.VIEW, person, "Скан подписанного согласия")
    return response


@login_required
def training_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    training = MentorTraining.objects.filter(pk=pk).exclude(certificate="").select_related("mentor").first()
    if training is None:
        raise Http404("Скан не приложен")
    person = access.get_person_for(request.user, training.mentor.person_id)
    if not access.can_see_mentor_card(request.user, person):
        raise Http404("Скан не найден")
    response = private_file_response(request, training.certificate, filename=f"Удостоверение № {training.pk}")
    audit.record(request, audit.Action.VIEW, person, "Скан удостоверения об обучении наставника")
    return response

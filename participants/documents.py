"""The consent forms of the year on the «Документы» page (mentoring.document_registry, registered in
ParticipantsConfig.ready()): a row per class with the forms to print and how many consents are in."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from mentoring.document_registry import DocumentRow
from participants.consent_forms import EMPLOYEE_KINDS
from participants.models import Consent, MentorProfile, StudyGroup, valid_consent_q


def _valid_on(day: datetime.date, kind: str, prefix: str = "") -> Q:
    """A consent of the kind in force on the day, reached through ``prefix`` (the one definition, in models)."""
    p = f"{prefix}consents__"
    return Q(**{f"{p}kind": kind}) & valid_consent_q(day, p)


def consents_section(organization, academic_year) -> list[DocumentRow]:
    day = min(timezone.localdate(), academic_year.end_date)
    groups = (
        StudyGroup.objects.filter(organization=organization, academic_year=academic_year)
        .annotate(
            total=Count("students", filter=Q(students__is_anonymized=False), distinct=True),
            processing=Count("students", filter=_valid_on(day, Consent.Kind.PROCESSING, "students__"), distinct=True),
            publication=Count("students", filter=_valid_on(day, Consent.Kind.PUBLICATION, "students__"), distinct=True),
        )
        .order_by("grade", "letter", "name")
    )
    rows = []
    for group in groups:
        if not group.total:
            continue
        complete = group.processing >= group.total
        rows.append(
            DocumentRow(
                title=f"Согласия на обработку персональных данных: {group.label}",
                kind="Бланки согласий (152-ФЗ), по странице на обучающегося",
                url=reverse("participants:group", args=[group.pk]),
                pdf_url=reverse("participants:group_consents_pdf", args=[group.pk]),
                docx_url=reverse("participants:group_consents_docx", args=[group.pk]),
                status="signed" if complete else "draft",
                status_label=f"Получено {group.processing} из {group.total}",
                note=f"на распространение (ст. 10.1) — {group.publication} из {group.total}",
            )
        )
    teachers = MentorProfile.objects.filter(
        person__organization=organization, person__kind__in=EMPLOYEE_KINDS, person__is_anonymized=False
    ).exclude(status=MentorProfile.Status.ALUMNI)
    counts = teachers.aggregate(
        total=Count("person", distinct=True),
        given=Count("person", filter=_valid_on(day, Consent.Kind.DUTIES, "person__"), distinct=True),
    )
    if counts["total"]:
        rows.append(
            DocumentRow(
                title="Согласия педагогов-наставников на дополнительную работу (ст. 60.2 ТК РФ)",
                kind="Бланки согласий, по странице на наставника",
                url=reverse("participants:mentors"),
                pdf_url=reverse("participants:mentors_duties_pdf"),
                docx_url=reverse("participants:mentors_duties_docx"),
                status="signed" if counts["given"] >= counts["total"] else "draft",
                status_label=f"Получено {counts['given']} из {counts['total']}",
            )
        )
    return rows

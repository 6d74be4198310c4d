"""The roadmap of the year and its annex on the «Документы» page (mentoring.document_registry,
registered in RoadmapConfig.ready())."""

from __future__ import annotations

from django.db.models import F, Value
from django.urls import reverse

from mentoring.document_registry import DocumentRow
from roadmap.models import Roadmap


def _period(roadmap: Roadmap) -> str:
    start = roadmap.academic_year.start_year
    if roadmap.years <= 1:
        return f"на {start}/{start + 1} учебный год"
    end = start + roadmap.years - 1
    return f"на {start}/{start + 1} – {end}/{end + 1} учебные годы"


def roadmap_section(organization, academic_year) -> list[DocumentRow]:
    """Every roadmap that covers the year (a three-year roadmap is a document of each of its years)."""
    roadmaps = (
        Roadmap.objects.filter(
            organization=organization,
            academic_year__start_year__lte=academic_year.start_year,
            academic_year__start_year__gt=Value(academic_year.start_year) - F("years"),
        )
        .select_related("academic_year")
        .order_by("academic_year__start_year", "pk")
    )
    rows = []
    for roadmap in roadmaps:
        approved = bool(roadmap.approval_order_number)
        if approved:
            date = roadmap.approval_order_date
            label = (
                f"Утверждена приказом от {date:%d.%m.%Y} № {roadmap.approval_order_number}"
                if date
                else (f"Утверждена приказом № {roadmap.approval_order_number}")
            )
        rows.append(
            DocumentRow(
                title=roadmap.title,
                kind="Дорожная карта — приложение к приказу об утверждении",
                url=reverse("roadmap:detail", args=[roadmap.pk]),
                pdf_url=reverse("roadmap:export_pdf", args=[roadmap.pk]),
                docx_url=reverse("roadmap:export_docx", args=[roadmap.pk]),
                number=roadmap.approval_order_number,
                date=roadmap.approval_order_date,
                status="approved" if approved else "draft",
                status_label=label if approved else "Проект: не утверждена приказом",
                note=f"на {roadmap.academic_year.name}"
                + (f" и ещё {roadmap.years - 1} г." if roadmap.years > 1 else ""),
            )
        )
    return rows

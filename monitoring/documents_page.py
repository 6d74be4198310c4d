"""What monitoring puts on the «Документы» page (mentoring.document_registry, registered in
MonitoringConfig.ready()): the Положение and the Программа, the annual reports, the efficiency reports."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from mentoring.document_registry import DocumentRow
from monitoring.local_acts.models import LocalAct
from monitoring.models import EfficiencyAssessment
from programs.models import Programme


def local_acts_section(organization, academic_year) -> list[DocumentRow]:
    """The Положение and the Программа of the year: the prepared text (draft or approved by its order),
    or, for the current year, the draft written from the portal's data."""
    from mentoring.models import AcademicYear

    acts = {
        act.kind: act
        for act in LocalAct.objects.filter(organization=organization, academic_year=academic_year).select_related(
            "approved_order"
        )
    }
    current = academic_year.pk == AcademicYear.current().pk
    rows = []
    for kind, title in LocalAct.Kind.choices:
        act = acts.get(kind)
        if act is None and not current:
            continue
        if act is not None and act.is_frozen:
            order = act.approved_order
            status, label = "approved", f"Утверждено {act.approval_reference}".strip()
            number, date = (order.number, order.date) if order else ("", act.approved_on)
        else:
            status, label, number, date = "draft", "Проект" if act else "Проект по данным портала", "", None
        rows.append(
            DocumentRow(
                title=f"{title} на {academic_year.name} учебный год",
                kind="Локальный акт — приложение к приказу об утверждении",
                url=reverse("local_acts:detail", args=[act.pk]) if act else reverse("local_acts:index"),
                pdf_url=reverse("local_acts:act_pdf", args=[act.pk])
                if act
                else reverse("local_acts:document_pdf", kwargs={"kind": kind}),
                docx_url=reverse("local_acts:act_docx", args=[act.pk])
                if act
                else reverse("local_acts:document_docx", kwargs={"kind": kind}),
                number=number,
                date=date,
                status=status,
                status_label=label,
            )
        )
    return rows


def reports_section(organization, academic_year) -> list[DocumentRow]:
    query = "?" + urlencode({"year": academic_year.name})
    rows = [
        DocumentRow(
            title=f"Отчёт о реализации целевой модели наставничества за {academic_year.name} учебный год",
            kind="Отчёт организации по всем программам",
            url=reverse("monitoring:kpis"),
            pdf_url=reverse("monitoring:school_annual_pdf") + query,
            docx_url=reverse("monitoring:school_annual_docx") + query,
        )
    ]
    for programme in Programme.objects.filter(organization=organization, academic_year=academic_year).order_by("title"):
        rows.append(
            DocumentRow(
                title=f"Отчёт о реализации программы «{programme.title}»",
                kind="Отчёт по программе",
                url=reverse("programs:programme", args=[programme.pk]),
                pdf_url=reverse("monitoring:annual_pdf", args=[programme.pk]),
                docx_url=reverse("monitoring:annual_docx", args=[programme.pk]),
            )
        )
    assessments = (
        EfficiencyAssessment.objects.filter(organization=organization, academic_year=academic_year)
        .select_related("programme", "mentorship__mentor__person")
        .order_by("date", "pk")
    )
    for assessment in assessments:
        subject = (
            f"пары наставника {assessment.mentorship.mentor.person.short_name}"
            if assessment.mentorship_id
            else f"программы «{assessment.programme.title}»"
        )
        rows.append(
            DocumentRow(
                title=f"Показатели эффективности {subject}: {assessment.total} из 18 баллов",
                kind="Оценка эффективности (0–18 баллов)",
                url=reverse("monitoring:assessments"),
                pdf_url=reverse("monitoring:assessment_pdf", args=[assessment.pk]),
                docx_url=reverse("monitoring:assessment_docx", args=[assessment.pk]),
                date=assessment.date,
            )
        )
    return rows

"""What programmes put on the «Документы» page (mentoring.document_registry, registered in
ProgramsConfig.ready()): the pairs' personalised programmes (ИПР) and the mentors' certificates."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse

from mentoring.document_registry import DocumentRow
from programs.models import Mentorship
from programs.models_awards import Award


def plans_section(organization, academic_year) -> list[DocumentRow]:
    """One row: how many pairs of the year have a plan, with the list of pairs, where each pair's ИПР
    prints in PDF and Word."""
    pairs = Mentorship.objects.filter(
        programme__organization=organization, programme__academic_year=academic_year
    ).exclude(status=Mentorship.Status.DRAFT)
    counts = pairs.aggregate(
        total=Count("pk", distinct=True), planned=Count("pk", filter=Q(goals__isnull=False), distinct=True)
    )
    rows = []
    if counts["total"]:
        rows.append(
            DocumentRow(
                title="Индивидуальные планы развития (персонализированные программы наставничества) пар и групп",
                kind="ИПР — на странице каждой пары, в PDF и Word",
                url=reverse("programs:pairs"),
                pdf_url="",
                number="",
                status="signed" if counts["planned"] >= counts["total"] else "draft",
                status_label=f"Составлено {counts['planned']} из {counts['total']}",
            )
        )
    awards = list(
        Award.objects.filter(organization=organization, academic_year=academic_year)
        .select_related("mentor__person", "nomination", "order")
        .order_by("date", "pk")
    )
    for award in awards:
        order = award.order
        rows.append(
            DocumentRow(
                title=f"Грамота: {award.mentor.person.full_name}, «{award.nomination.name}»",
                kind="Почётная грамота наставнику",
                url=reverse("programs:awards"),
                pdf_url=reverse("programs:award_certificate", args=[award.pk]),
                docx_url=reverse("programs:award_certificate_docx", args=[award.pk]),
                date=award.date,
                number=order.number if order else "",
                status="signed" if order and order.is_signed else "draft",
                status_label=(
                    f"По приказу от {order.date:%d.%m.%Y} № {order.number}"
                    if order and order.is_signed
                    else "Приказ о поощрении не подписан"
                ),
            )
        )
    return rows

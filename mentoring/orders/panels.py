"""Home page panels of the orders (registered in MentoringConfig.ready)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest

from mentoring.orders.access import orders_for
from mentoring.orders.models import Order

PANEL_LIMIT = 100


def drafts_panel(request: HttpRequest) -> dict:
    """The director's «Документы на подпись»: draft orders, oldest first — they have waited longest.
    One query: drafts are a handful, so they are counted in Python rather than by a second query."""
    drafts = list(
        orders_for(request.user)
        .filter(status=Order.Status.DRAFT)
        .only("pk", "number", "date", "title", "status")
        .order_by("date", "pk")[: PANEL_LIMIT + 1]
    )
    count = f"{PANEL_LIMIT}+" if len(drafts) > PANEL_LIMIT else str(len(drafts))
    return {"count": count, "orders": drafts[:5]}


def recent_panel(request: HttpRequest) -> dict:
    recent = orders_for(request.user)
    counts = recent.aggregate(
        drafts=Count("pk", filter=Q(status=Order.Status.DRAFT)),
        signed=Count("pk", filter=Q(status=Order.Status.SIGNED)),
    )
    return {**counts, "orders": list(recent.order_by("-date", "-pk")[:5])}


def documents_section(organization, academic_year) -> list:
    """The orders of the academic year for the «Документы» page: the register of orders
    («журнал регистрации приказов») in the order of their numbers — drafts, signed, cancelled."""
    from django.urls import reverse

    from mentoring.document_registry import DocumentRow

    orders = (
        Order.objects.filter(
            organization=organization, date__gte=academic_year.start_date, date__lte=academic_year.end_date
        )
        .prefetch_related("cancellations")
        .order_by("date", "pk")
    )
    rows = []
    for order in orders:
        cancelled_by = order.cancelled_by if order.is_signed else None
        if cancelled_by:
            status, label = (
                "cancelled",
                f"Утратил силу (приказ от {cancelled_by.date:%d.%m.%Y} № {cancelled_by.number})",
            )
        elif order.is_signed:
            status, label = "signed", f"Подписан {order.signed_at:%d.%m.%Y}"
        else:
            status, label = "draft", "Проект"
        rows.append(
            DocumentRow(
                title=order.title,
                kind=order.get_kind_display(),
                url=reverse("orders:detail", args=[order.pk]),
                pdf_url=reverse("orders:pdf", args=[order.pk]),
                docx_url=reverse("orders:docx", args=[order.pk]),
                number=order.number,
                date=order.date,
                status=status,
                status_label=label,
            )
        )
    return rows

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

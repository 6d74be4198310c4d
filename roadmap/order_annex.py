"""The roadmap as an annex of the approval order («Об утверждении положения о наставничестве,
программы и дорожной карты»): registered only if no other provider of the «roadmap» annex is."""

from __future__ import annotations

from django.template.loader import render_to_string

from mentoring.orders import registry as order_registry
from mentoring.orders.models import Order, OrderKind
from roadmap.exports import responsible_line, sections_with_activities
from roadmap.models import Roadmap


def roadmap_for_order(order: Order) -> Roadmap | None:
    """The organization's roadmap of the order's academic year, else its latest one."""
    roadmaps = Roadmap.objects.filter(organization=order.organization).select_related("academic_year")
    current = roadmaps.filter(
        academic_year__start_date__lte=order.date, academic_year__end_date__gte=order.date
    ).first()
    return current or roadmaps.order_by("-academic_year__start_year").first()


def roadmap_annex(order: Order) -> order_registry.AnnexDocument:
    roadmap = roadmap_for_order(order)
    if roadmap is None:
        return order_registry.AnnexDocument(html="")  # empty: the order is not signed with it
    sections = sections_with_activities(roadmap)
    rows = [
        {"section": section, "activities": [(a, responsible_line(a)) for a in section.activities.all()]}
        for section in sections
    ]
    html = render_to_string("roadmap/pdf/_order_annex.html", {"roadmap": roadmap, "sections": rows})
    return order_registry.AnnexDocument(html=html)


def register() -> None:
    if order_registry.annex("roadmap") is None:
        order_registry.register_annex(
            "roadmap",
            title=order_registry.EXPECTED_ANNEXES["roadmap"],
            kinds=[OrderKind.REGULATIONS],
            provider=roadmap_annex,
        )

"""Orders and the roadmap are one timeline (plugged into mentoring.orders.registry from
RoadmapConfig.ready()): signing an order dates the roadmap's event of its kind and completes the
activities whose result it is; the approval order carries the roadmap as its annex."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentoring.orders import registry
from roadmap import exports, services
from roadmap.selectors import EVENT_FOR_ORDER_KIND

if TYPE_CHECKING:
    from mentoring.orders.models import Order

# The codes agreed with the orders feature (``implementation`` is «о внедрении целевой модели»).
ORDER_KINDS = [
    ("implementation", "О внедрении целевой модели наставничества"),
    ("curators", "О назначении куратора и кураторов форм наставничества"),
    ("regulations", "Об утверждении положения о наставничестве, программы и дорожной карты"),
    ("mentor_base", "Об утверждении базы (реестра) наставников"),
    ("pairs", "О закреплении наставнических пар (групп)"),
    ("incentives", "О поощрении наставников"),
    ("completion", "О завершении программы наставничества"),
]


def order_signed(order: Order) -> None:
    record: dict = {}
    services.roadmap_order_signed(
        organization_id=order.organization_id, kind=order.kind, number=order.number, date=order.date, record=record
    )
    registry.remember(order, "roadmap", record)


def order_cancelled(order: Order) -> None:
    """Only what this order's signing marked: an event dated or an activity done otherwise stays."""
    record = registry.remembered(order, "roadmap")
    if record:
        services.roadmap_order_undo(organization_id=order.organization_id, record=record)


def roadmap_annex(order: Order) -> registry.AnnexTable:
    roadmap = services.roadmaps_at(order.organization_id, order.date).order_by("academic_year__start_year").first()
    columns = ["№", "Мероприятие", "Сроки", "Ответственные", "Результат / вид документа"]
    if roadmap is None:
        return registry.AnnexTable(columns=columns, rows=[], landscape=True)
    rows, headings = exports.annex_rows(roadmap)
    return registry.AnnexTable(columns=columns, rows=rows, landscape=True, own_numbers=True, headings=headings)


def register() -> None:
    for kind in EVENT_FOR_ORDER_KIND:
        registry.register_effect(
            kind,
            order_signed,
            undo=order_cancelled,
            undo_text="даты и мероприятия дорожной карты, отмеченные по этому приказу, вернутся в прежнее состояние",
        )
    registry.register_annex(
        "roadmap",
        title="Дорожная карта внедрения целевой модели наставничества",
        kinds=["regulations"],
        provider=roadmap_annex,
    )

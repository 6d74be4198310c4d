"""The navigation bar: each app registers its entries in its AppConfig.ready(), so the menu shows
every role exactly what it may open and no app edits another's template."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from mentoring.models import User


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str
    roles: frozenset[str]
    order: int = 100


_ITEMS: dict[str, NavItem] = {}


def register(label: str, url_name: str, icon: str, roles: set[str] | frozenset[str], order: int = 100) -> None:
    _ITEMS[url_name] = NavItem(label, url_name, icon, frozenset(roles), order)


def items_for(user: User, current_url_name: str | None) -> list[dict]:
    if not user.is_authenticated:
        return []
    visible = sorted((item for item in _ITEMS.values() if user.has_role(*item.roles)), key=lambda i: i.order)
    return [
        {
            "label": item.label,
            "url": reverse(item.url_name),
            "icon": item.icon,
            "active": item.url_name == current_url_name,
        }
        for item in visible
    ]

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
    group: str = ""  # entries of one group share a dropdown in the menu


_ITEMS: dict[str, NavItem] = {}


def register(
    label: str, url_name: str, icon: str, roles: set[str] | frozenset[str] | tuple, order: int = 100, group: str = ""
) -> None:
    _ITEMS[url_name] = NavItem(label, url_name, icon, frozenset(roles), order, group)


def items_for(user: User, current_url_name: str | None) -> list[dict]:
    """Top-level entries; a group with two or more visible entries becomes a dropdown."""
    if not user.is_authenticated:
        return []
    visible = sorted((item for item in _ITEMS.values() if user.has_role(*item.roles)), key=lambda i: i.order)
    entries: list[dict] = []
    groups: dict[str, dict] = {}
    for item in visible:
        entry = {
            "label": item.label,
            "url": reverse(item.url_name),
            "icon": item.icon,
            "active": item.url_name == current_url_name,
        }
        if not item.group:
            entries.append(entry)
            continue
        if item.group not in groups:
            groups[item.group] = {"label": item.group, "icon": item.icon, "children": [], "active": False}
            entries.append(groups[item.group])
        groups[item.group]["children"].append(entry)
        groups[item.group]["active"] |= entry["active"]
    # A group with a single entry for this user is shown as that entry.
    return [e["children"][0] if "children" in e and len(e["children"]) == 1 else e for e in entries]

"""Home page panels. A role's home page is the list of panels registered for that role; each app
adds its own (the roadmap its deadlines, monitoring its charts) without touching the others."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    key: str
    role: str
    template: str
    context: Callable[[HttpRequest], dict]
    order: int = 100
    wide: bool = False


_PANELS: dict[str, Panel] = {}


def register(
    key: str, *, role: str, template: str, context: Callable[[HttpRequest], dict], order: int = 100, wide: bool = False
) -> None:
    _PANELS[key] = Panel(key, role, template, context, order, wide)


def panels_for(request: HttpRequest, role: str) -> list[dict]:
    panels = sorted((p for p in _PANELS.values() if p.role == role), key=lambda p: p.order)
    return [{"template": p.template, "wide": p.wide, **p.context(request)} for p in panels]

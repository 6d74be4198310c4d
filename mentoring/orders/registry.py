"""Annexes and signing effects that other apps plug in (call these in their AppConfig.ready()):

* ``register_annex(key, *, title, kinds, provider)`` — ``provider(order) -> AnnexTable`` (or a
  ``(columns, rows)`` pair of strings); the table is printed on its own page as
  «Приложение № N к приказу от … № …». The wording refers to it as ``{{ annex_<key> }}``.
* ``register_effect(kind, fn)`` — ``fn(order)`` runs inside the transaction of ``order_sign``;
  a ``ValidationError`` it raises cancels the signing and its message is shown to the user."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mentoring.orders.models import Order


@dataclass
class AnnexTable:
    columns: list[str]
    rows: list[list[str]]
    landscape: bool = False


@dataclass
class AnnexDocument:
    """An annex that is a document of its own (the Положение, the Программа): its HTML body, printed
    after the «Приложение № N к приказу от … № …» heading."""

    html: str


@dataclass(frozen=True)
class AnnexProvider:
    key: str
    title: str
    kinds: frozenset[str]
    provider: Callable[[Order], AnnexTable | tuple]


_ANNEXES: dict[str, AnnexProvider] = {}
_EFFECTS: dict[str, list[Callable[[Order], None]]] = {}

# Annexes the wording may name before the app that provides them is installed (the default
# wording refers to them; a reference to an absent annex prints nothing).
EXPECTED_ANNEXES = {
    "regulations": "Положение о наставничестве",
    "programme": "Программа наставничества",
    "roadmap": "Дорожная карта внедрения целевой модели наставничества",
    "mentor_registry": "База (реестр) наставников",
    "pairs": "Состав наставнических пар (групп)",
    "awards": "Список поощряемых наставников",
}


def register_annex(
    key: str, *, title: str, kinds: Iterable[str], provider: Callable[[Order], AnnexTable | tuple]
) -> None:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
        raise ValueError(f"annex key {key!r}: lowercase latin letters, digits and underscores")
    _ANNEXES[key] = AnnexProvider(key, title, frozenset(kinds), provider)


def unregister_annex(key: str) -> None:
    _ANNEXES.pop(key, None)


def annexes_for_kind(kind: str) -> list[AnnexProvider]:
    return [annex for annex in _ANNEXES.values() if kind in annex.kinds]


def register_effect(kind: str, fn: Callable[[Order], None]) -> None:
    if fn not in _EFFECTS.setdefault(kind, []):
        _EFFECTS[kind].append(fn)


def unregister_effect(kind: str, fn: Callable[[Order], None]) -> None:
    if fn in _EFFECTS.get(kind, []):
        _EFFECTS[kind].remove(fn)


def annex(key: str) -> AnnexProvider | None:
    return _ANNEXES.get(key)


def effects_for(kind: str) -> list[Callable[[Order], None]]:
    return list(_EFFECTS.get(kind, []))


def annex_titles(kind: str | None) -> dict[str, str]:
    """Titles of the annexes the wording of the kind may refer to (all kinds when None)."""
    titles = dict(EXPECTED_ANNEXES)
    titles.update({a.key: a.title for a in _ANNEXES.values() if kind is None or kind in a.kinds})
    return titles

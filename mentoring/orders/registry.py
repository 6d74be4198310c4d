"""Annexes and signing effects that other apps plug in (call these in their AppConfig.ready()):

* ``register_annex(key, *, title, kinds, provider)`` — ``provider(order) -> AnnexTable`` (or a
  ``(columns, rows)`` pair of strings), or an ``AnnexDocument`` (a document of its own, as HTML);
  it is printed on its own page as «Приложение № N к приказу от … № …». The wording refers to it
  as ``{{ annex_<key> }}``. The print numbers the rows itself: a leading «№» column is dropped, and
  so is a column empty in every row.
* ``register_effect(kind, fn, *, describe=None, undo=None)`` — ``fn(order)`` runs inside the
  transaction of ``order_sign``; a ``ValidationError`` it raises cancels the signing and its message
  is shown to the user. ``describe(order) -> list[str]`` says in Russian what signing will change
  (the confirmation page shows it); ``undo(order)`` reverts what it can when a signed order is
  cancelled by an order «Об отмене приказа» (a ValidationError stops that signing too). The effect
  records what it changed with ``remember(order, key, value)`` and the undo reverts only that
  (``remembered(order, key)``): a role or a status someone had before the order is kept.
  ``undo_text`` says in Russian what the undo reverts (the cancellation's confirmation shows it)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mentoring.models import User
    from mentoring.orders.models import Order


@dataclass
class AnnexTable:
    """Rows of an annex. The print numbers them 1, 2, 3 — unless the document has its own numbering
    (a roadmap's «1.1», «1.2»): then ``own_numbers`` keeps the first cell of each row as its number, and
    ``headings`` names the rows that head a section (printed across the table)."""

    columns: list[str]
    rows: list[list[str]]
    landscape: bool = False
    own_numbers: bool = False
    headings: tuple[int, ...] = ()


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
    provider: Callable[[Order], AnnexTable | AnnexDocument | tuple]


_ANNEXES: dict[str, AnnexProvider] = {}
_EFFECTS: dict[str, list[Callable[[Order], None]]] = {}
_DESCRIPTIONS: dict[Callable, Callable[[Order], list[str]]] = {}
_UNDO: dict[Callable, Callable[[Order], None]] = {}
_UNDO_TEXTS: dict[Callable, str] = {}

# Annexes the wording may name before the app that provides them is installed (the default
# wording refers to them; a reference to an absent annex prints nothing).
EXPECTED_ANNEXES = {
    "regulations": "Положение о наставничестве",
    "programme": "Программа наставничества",
    "roadmap": "Дорожная карта внедрения целевой модели наставничества",
    "mentor_registry": "База (реестр) наставников",
    "pairs": "Состав наставнических пар (групп)",
    "awards": "Список поощряемых наставников",
    "pair_results": "Итоги работы наставнических пар (групп)",
}

# ``filter(order, row, user) -> bool``: whether a row of the annex concerns the user; the
# «выписка из приказа» keeps only those rows. Without one, a row is kept when a cell is the
# user's full name.
_ROW_FILTERS: dict[str, Callable[[Order, list[str], User], bool]] = {}


def register_row_filter(key: str, fn: Callable[[Order, list[str], User], bool]) -> None:
    _ROW_FILTERS[key] = fn


def row_concerns(order: Order, key: str, row: list[str], user: User) -> bool:
    fn = _ROW_FILTERS.get(key)
    if fn is not None:
        return fn(order, row, user)
    return user.full_name in row


def register_annex(
    key: str, *, title: str, kinds: Iterable[str], provider: Callable[[Order], AnnexTable | AnnexDocument | tuple]
) -> None:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
        raise ValueError(f"annex key {key!r}: lowercase latin letters, digits and underscores")
    _ANNEXES[key] = AnnexProvider(key, title, frozenset(kinds), provider)


def unregister_annex(key: str) -> None:
    _ANNEXES.pop(key, None)


def annexes_for_kind(kind: str) -> list[AnnexProvider]:
    return [annex for annex in _ANNEXES.values() if kind in annex.kinds]


def register_effect(
    kind: str,
    fn: Callable[[Order], None],
    *,
    describe: Callable[[Order], list[str]] | None = None,
    undo: Callable[[Order], None] | None = None,
    undo_text: str = "",
) -> None:
    if fn not in _EFFECTS.setdefault(kind, []):
        _EFFECTS[kind].append(fn)
    if describe is not None:
        _DESCRIPTIONS[fn] = describe
    if undo is not None:
        _UNDO[fn] = undo
    if undo_text:
        _UNDO_TEXTS[fn] = undo_text


def remember(order: Order, key: str, value) -> None:
    """An effect records what it changed (and what was there before) on the order being signed;
    ``order_sign`` saves it with the order, the undo reads it back with ``remembered``."""
    order.effect_state = {**(order.effect_state or {}), key: value}


def remembered(order: Order, key: str, default=None):
    """What the effect ``key`` recorded when the order was signed; ``default`` for an order signed
    before effects recorded anything."""
    return (order.effect_state or {}).get(key, default)


def effect_descriptions(order: Order) -> list[str]:
    """What signing this order will change, as the apps that act on it put it."""
    lines: list[str] = []
    for fn in _EFFECTS.get(order.kind, []):
        if fn in _DESCRIPTIONS:
            lines += _DESCRIPTIONS[fn](order)
    return lines


def undo_effects_for(kind: str) -> list[Callable[[Order], None]]:
    return [_UNDO[fn] for fn in _EFFECTS.get(kind, []) if fn in _UNDO]


def undo_texts_for(kind: str) -> list[str]:
    """What cancelling an order of the kind reverts, as each app that acts on it says (lower case)."""
    return [_UNDO_TEXTS[fn] for fn in _EFFECTS.get(kind, []) if fn in _UNDO_TEXTS]


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


# ``audience(user) -> iterable of order ids``: signed orders that concern a user without naming
# them among the order's people (a mentee in the pairs annex). They see only their «выписка».
_AUDIENCES: list[Callable] = []


def register_audience(fn: Callable) -> None:
    if fn not in _AUDIENCES:
        _AUDIENCES.append(fn)


def audiences() -> list[Callable]:
    return list(_AUDIENCES)

"""The «Документы» page: every document of the organization's academic year, whatever app makes it.
Apps register a provider from AppConfig.ready(); the core knows none of them.

``register(key, *, title, provider, order=100)`` — ``provider(organization, academic_year)`` returns
``DocumentRow``s (drafts, signed and cancelled alike)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mentoring.models import AcademicYear, Organization


@dataclass(frozen=True)
class DocumentRow:
    title: str
    kind: str  # «Приказ», «ИПР», …
    url: str  # the document's page
    pdf_url: str
    docx_url: str = ""
    number: str = ""
    date: datetime.date | None = None
    status: str = ""  # draft | signed | cancelled | "" — the badge
    status_label: str = ""
    note: str = ""


@dataclass(frozen=True)
class DocumentSection:
    key: str
    title: str
    provider: Callable[[Organization, AcademicYear], list[DocumentRow]]
    order: int


_SECTIONS: dict[str, DocumentSection] = {}


def register(
    key: str, *, title: str, provider: Callable[[Organization, AcademicYear], list[DocumentRow]], order: int = 100
) -> None:
    _SECTIONS[key] = DocumentSection(key, title, provider, order)


def unregister(key: str) -> None:
    _SECTIONS.pop(key, None)


def sections(organization: Organization, academic_year: AcademicYear) -> list[dict]:
    return [
        {"key": s.key, "title": s.title, "rows": s.provider(organization, academic_year)}
        for s in sorted(_SECTIONS.values(), key=lambda s: s.order)
    ]

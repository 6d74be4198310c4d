"""What apps add to an organization's public page: each registers a function of (organization,
today) returning context for the page, so the page's app does not import the others."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from mentoring.models import Organization

Section = Callable[[Organization, datetime.date], dict]
_SECTIONS: list[Section] = []


def register_section(section: Section) -> None:
    if section not in _SECTIONS:
        _SECTIONS.append(section)


def sections_context(organization: Organization, today: datetime.date) -> dict:
    context: dict = {}
    for section in _SECTIONS:
        context.update(section(organization, today))
    return context

"""Reads of the core that more than one app uses."""

from __future__ import annotations

from mentoring.models import Organization, Role, User
from mentoring.text import name_order


def organization_officer(organization: Organization, role: str) -> User | None:
    """The active holder of a role in the organization (the first by name when there are several)."""
    return (
        User.objects.filter(organization=organization, is_active=True, roles__role=role)
        .order_by(*name_order(), "pk")
        .first()
    )


def director_of(organization: Organization) -> User | None:
    return organization_officer(organization, Role.DIRECTOR)


def curator_of(organization: Organization) -> User | None:
    return organization_officer(organization, Role.CURATOR)

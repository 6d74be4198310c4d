"""Who may sign an organization's orders: its director, or a staff member the director has given
the right to sign for a period (an acting or authorized deputy). Students, parents and mentors
from outside the staff never sign."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from mentoring.models import Organization, Role, User
from mentoring.orders.models import OrderSignatory
from mentoring.text import name_order

# Roles of the organization's staff: only they may be given the right to sign.
STAFF_ROLES = (Role.DIRECTOR, Role.CURATOR, Role.FORM_CURATOR, Role.PSYCHOLOGIST, Role.STAFF)
DIRECTOR_POSITION = "Директор"


def _active(organization: Organization, day: datetime.date) -> QuerySet[OrderSignatory]:
    return OrderSignatory.objects.filter(organization=organization, valid_from__lte=day).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )


def staff_for_signing(organization: Organization) -> QuerySet[User]:
    """Staff members a director may give the right to sign: never a student (a mentee account)."""
    return (
        User.objects.filter(organization=organization, is_active=True, roles__role__in=STAFF_ROLES)
        .exclude(roles__role=Role.MENTEE)
        .distinct()
        .order_by(*name_order(), "pk")
    )


def signers_for(organization: Organization, day: datetime.date) -> QuerySet[User]:
    """Users who may sign an order of this date: the director and the deputies with the right."""
    deputies = _active(organization, day).values("user_id")
    return (
        User.objects.filter(organization=organization, is_active=True)
        .filter(Q(roles__role=Role.DIRECTOR) | Q(pk__in=deputies))
        .exclude(roles__role=Role.MENTEE)
        .distinct()
        .order_by(*name_order(), "pk")
    )


def signer_position(user: User, organization: Organization, day: datetime.date) -> str | None:
    """The position printed at the signature, or None when the user may not sign on that day."""
    if user.organization_id != organization.pk or user.has_role(Role.MENTEE):
        return None
    if user.has_role(Role.DIRECTOR):
        return DIRECTOR_POSITION
    right = _active(organization, day).filter(user=user).first()
    return right.position if right else None


def signatories_of(organization: Organization) -> list[OrderSignatory]:
    return list(OrderSignatory.objects.filter(organization=organization).select_related("user", "created_by"))

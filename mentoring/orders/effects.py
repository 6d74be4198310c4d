"""What signing an order of the core's own kinds changes; registered in MentoringConfig.ready()."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from mentoring.models import Role, UserRole
from mentoring.orders.models import Order, OrderKind, OrderSubject
from mentoring.orders.registry import register_effect


def grant_curator_roles(order: Order) -> None:
    grants = {OrderSubject.Role.CURATOR: Role.CURATOR, OrderSubject.Role.FORM_CURATOR: Role.FORM_CURATOR}
    subjects = order.subjects.filter(role__in=grants, user__isnull=False).select_related("user")
    if not subjects.filter(role=OrderSubject.Role.CURATOR).exists():
        raise ValidationError("В приказе не указан куратор программы наставничества.", code="curator_missing")
    for subject in subjects:
        UserRole.objects.get_or_create(user=subject.user, role=grants[subject.role])


def register() -> None:
    register_effect(OrderKind.CURATORS, grant_curator_roles)

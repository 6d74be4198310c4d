"""Which orders a user sees: every order of the organization for the programme's leaders;
for everybody else, the signed orders that name them."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from mentoring.access import LEADERS, for_organization, get_for_organization
from mentoring.models import User
from mentoring.orders import registry
from mentoring.orders.models import Order, OrderSubject


def orders_for(user: User) -> QuerySet[Order]:
    queryset = for_organization(user, Order.objects.all())
    if user.has_role(*LEADERS):
        return queryset
    named = OrderSubject.objects.filter(user=user).values("order_id")
    concerns = Q(pk__in=named) | Q(signer=user)
    for audience in registry.audiences():
        concerns |= Q(pk__in=audience(user))
    return queryset.filter(concerns, status=Order.Status.SIGNED)


def get_order_for(user: User, pk: int) -> Order:
    return get_for_organization(user, orders_for(user).select_related("signer", "organization"), pk=pk)


def can_manage_orders(user: User) -> bool:
    return user.has_role(*LEADERS)


def sees_whole_order(user: User, order: Order) -> bool:
    """The leaders and the signer read the whole order; a participant gets the «выписка из
    приказа» with their own points and rows — never the other children of the annex."""
    return can_manage_orders(user) or order.signer_id == user.pk

"""What signing an order of the core's own kinds changes; registered in MentoringConfig.ready()."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from mentoring.models import Role, UserRole
from mentoring.orders import registry
from mentoring.orders.models import Order, OrderKind, OrderSubject
from mentoring.orders.registry import register_effect

_CURATOR_GRANTS = {OrderSubject.Role.CURATOR: Role.CURATOR, OrderSubject.Role.FORM_CURATOR: Role.FORM_CURATOR}


def grant_curator_roles(order: Order) -> None:
    subjects = order.subjects.filter(role__in=_CURATOR_GRANTS, user__isnull=False).select_related("user")
    if not subjects.filter(role=OrderSubject.Role.CURATOR).exists():
        raise ValidationError("В приказе не указан куратор программы наставничества.", code="curator_missing")
    for subject in subjects:
        UserRole.objects.get_or_create(user=subject.user, role=_CURATOR_GRANTS[subject.role])


def describe_curator_roles(order: Order) -> list[str]:
    names = [s.name for s in order.subjects.filter(role__in=_CURATOR_GRANTS, user__isnull=False)]
    return [f"Роль куратора в портале получат: {', '.join(names)}."] if names else []


def revoke_curator_roles(order: Order) -> None:
    """The cancelled appointment takes the roles back, unless another order in force grants them."""
    for subject in order.subjects.filter(role__in=_CURATOR_GRANTS, user__isnull=False).select_related("user"):
        still_granted = (
            OrderSubject.objects.filter(
                user=subject.user, role=subject.role, order__kind=OrderKind.CURATORS, order__status=Order.Status.SIGNED
            )
            .exclude(order=order)
            .exclude(order__cancellations__status=Order.Status.SIGNED)
            .exists()
        )
        if not still_granted:
            UserRole.objects.filter(user=subject.user, role=_CURATOR_GRANTS[subject.role]).delete()


# What cancelling an order of a kind reverts in the portal (shown before signing the cancellation).
UNDO_TEXT = {
    OrderKind.CURATORS: "роли куратора и кураторов форм, данные этим приказом, будут сняты",
    OrderKind.PAIRS: "пары, ещё не начавшие встречи, вернутся в черновики; работающие пары останутся",
}


def cancel_order(order: Order) -> None:
    """Signing «Об отмене приказа» makes the cancelled order lose force and reverts its effects."""
    target = Order.objects.select_for_update().get(pk=order.cancels_id)
    if not target.is_signed:
        raise ValidationError("Отменить можно только подписанный приказ.", code="cancels_draft")
    if target.cancellations.filter(status=Order.Status.SIGNED).exclude(pk=order.pk).exists():
        raise ValidationError(f"{target.heading} уже отменён.", code="already_cancelled")
    for undo in registry.undo_effects_for(target.kind):
        undo(target)


def describe_cancellation(order: Order) -> list[str]:
    target = order.cancels
    if target is None:
        return []
    title = (target.frozen or {}).get("title") or target.title
    lines = [f"{target.heading} «{title}» утратит силу: в реестре и на печатной форме появится отметка об отмене."]
    lines.append(f"В портале: {UNDO_TEXT.get(target.kind, 'данные, изменённые приказом, не меняются')}.")
    return lines


def register() -> None:
    register_effect(OrderKind.CURATORS, grant_curator_roles, describe=describe_curator_roles, undo=revoke_curator_roles)
    register_effect(OrderKind.CANCELLATION, cancel_order, describe=describe_cancellation)

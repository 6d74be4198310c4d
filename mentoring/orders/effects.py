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
    granted = []
    for subject in subjects:
        _role, created = UserRole.objects.get_or_create(user=subject.user, role=_CURATOR_GRANTS[subject.role])
        if created:
            granted.append([subject.user_id, _CURATOR_GRANTS[subject.role]])
    # Only the roles this order gave: a curator appointed before keeps the role when it is cancelled.
    registry.remember(order, "curator_roles", granted)


def describe_curator_roles(order: Order) -> list[str]:
    names = [s.name for s in order.subjects.filter(role__in=_CURATOR_GRANTS, user__isnull=False)]
    return [f"Роль куратора в портале получат: {', '.join(names)}."] if names else []


def _granted_elsewhere(user_id: int, role: str, order: Order) -> bool:
    """Another appointment order in force gives the same role."""
    subject_roles = [s for s, r in _CURATOR_GRANTS.items() if r == role]
    return (
        OrderSubject.objects.filter(
            user_id=user_id, role__in=subject_roles, order__kind=OrderKind.CURATORS, order__status=Order.Status.SIGNED
        )
        .exclude(order=order)
        .exclude(order__cancellations__status=Order.Status.SIGNED)
        .exists()
    )


def revoke_curator_roles(order: Order) -> None:
    """The cancelled appointment takes back the roles its signing gave, unless another order in force
    grants them; a role the person held before the order stays."""
    granted = registry.remembered(order, "curator_roles")
    if granted is None:  # signed before orders recorded their effects: every role it names
        granted = [
            [s.user_id, _CURATOR_GRANTS[s.role]]
            for s in order.subjects.filter(role__in=_CURATOR_GRANTS, user__isnull=False)
        ]
    for user_id, role in granted:
        if not _granted_elsewhere(user_id, role, order):
            UserRole.objects.filter(user_id=user_id, role=role).delete()


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
    undone = registry.undo_texts_for(target.kind)
    lines.append(f"В портале: {'; '.join(undone) if undone else 'данные, изменённые приказом, не меняются'}.")
    return lines


def register() -> None:
    register_effect(
        OrderKind.CURATORS,
        grant_curator_roles,
        describe=describe_curator_roles,
        undo=revoke_curator_roles,
        undo_text="роли куратора и кураторов форм, данные этим приказом, будут сняты; роли, которые были у "
        "работников до приказа, сохранятся",
    )
    register_effect(OrderKind.CANCELLATION, cancel_order, describe=describe_cancellation)

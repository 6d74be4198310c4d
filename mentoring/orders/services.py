"""Every write to orders: the views, the admin, the demo and the other apps call these. Typed,
keyword-only and atomic; a signed order is never changed."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentoring.files import SCANS, checked_upload
from mentoring.models import Organization, User
from mentoring.orders import registry
from mentoring.orders.documents import annex_is_empty, order_document
from mentoring.orders.models import Order, OrderKind, OrderSignatory, OrderSubject, OrderWording
from mentoring.orders.numbering import next_number
from mentoring.orders.signatories import staff_for_signing
from mentoring.orders.wording import wording_for
from mentoring.selectors import director_of


@transaction.atomic
def wording_save(
    *, organization: Organization, kind: str, title: str, preamble: str, points: str, user: User | None
) -> OrderWording:
    wording = OrderWording.objects.filter(organization=organization, kind=kind).first() or OrderWording(
        organization=organization, kind=kind
    )
    wording.title, wording.preamble, wording.points, wording.updated_by = title, preamble, points, user
    wording.full_clean()
    wording.save()
    return wording


def wording_reset(*, organization: Organization, kind: str) -> None:
    OrderWording.objects.filter(organization=organization, kind=kind).delete()


def annexes_in_wording_order(keys: list[str], *texts: str) -> list[str]:
    """Annexes numbered in the order the text first refers to them (point 1's annex is № 1, as a secretary
    numbers them); those the text does not name follow in their registry order."""
    text = "\n".join(texts)
    positions = {}
    for key in keys:
        found = re.search(r"\{\{\s*annex_" + re.escape(key) + r"(?![a-z0-9_])", text)
        positions[key] = found.start() if found else -1
    referenced = sorted((key for key in keys if positions[key] >= 0), key=positions.__getitem__)
    return referenced + [key for key in keys if positions[key] < 0]


@transaction.atomic
def order_create(
    *,
    organization: Organization,
    kind: str,
    user: User | None,
    date: datetime.date | None = None,
    number: str = "",
    annexes: list[str] | None = None,
    cancels: Order | None = None,
) -> Order:
    """A draft with the organization's wording of the kind, the next number and every annex available;
    an order «Об отмене приказа» names the signed order it cancels."""
    date = date or timezone.localdate()
    wording = wording_for(organization=organization, kind=kind)
    order = Order(
        organization=organization,
        kind=kind,
        date=date,
        number=number or next_number(organization=organization, year=date.year),
        title=wording.title,
        preamble=wording.preamble,
        points=wording.points,
        annexes=annexes_in_wording_order(
            annexes if annexes is not None else [a.key for a in registry.annexes_for_kind(kind)],
            wording.title,
            wording.preamble,
            wording.points,
        ),
        signer=director_of(organization),
        cancels=cancels,
        created_by=user,
    )
    order.full_clean()
    order.save()
    return order


def _require_draft(order: Order) -> None:
    if order.is_signed:
        raise ValidationError("Приказ подписан: изменить его нельзя.", code="order_signed")


@transaction.atomic
def order_update(*, order: Order, **fields) -> Order:
    _require_draft(order)
    for name, value in fields.items():
        setattr(order, name, value)
    order.annexes = annexes_in_wording_order(list(order.annexes or []), order.title, order.preamble, order.points)
    order.full_clean()
    order.save()
    return order


@transaction.atomic
def order_subject_add(
    *, order: Order, role: str, user: User | None = None, full_name: str = "", gender: str = "", note: str = ""
) -> OrderSubject:
    _require_draft(order)
    if user and order.subjects.filter(role=role, user=user).exists():
        raise ValidationError(f"{user.full_name} уже указан(а) в этой роли.", code="duplicate_subject")
    last = order.subjects.order_by("-position").values_list("position", flat=True).first() or 0
    subject = OrderSubject(
        order=order, role=role, user=user, full_name=full_name.strip(), gender=gender, note=note, position=last + 1
    )
    subject.full_clean()
    subject.save()
    return subject


@transaction.atomic
def order_subject_remove(*, subject: OrderSubject) -> None:
    _require_draft(subject.order)
    subject.delete()


@transaction.atomic
def order_delete(*, order: Order) -> None:
    _require_draft(order)
    order.delete()


def _require_filled_annexes(order: Order) -> None:
    """A signed annex never reads «Нет записей.»: an empty one is filled or taken off first."""
    empty = [a for a in order_document(order)["annexes"] if annex_is_empty(a)]
    if empty:
        names = "; ".join(f"№ {a['number']} «{a['title']}»" for a in empty)
        raise ValidationError(
            f"{'Приложение' if len(empty) == 1 else 'Приложения'} {names} "
            f"{'пусто' if len(empty) == 1 else 'пусты'}: внесите данные в портал или снимите "
            "приложение в тексте приказа («Изменить текст»).",
            code="empty_annex",
        )


def order_sign_check(*, order: Order) -> None:
    """What would stop the signing, checked before the confirmation is asked (nothing is written)."""
    _require_draft(order)
    order.full_clean()
    _require_filled_annexes(order)


@transaction.atomic
def order_sign(*, order: Order, user: User) -> Order:
    """Signs the order and applies what it decides, all or nothing: an effect's ValidationError
    leaves the order a draft and nothing changed."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    _require_draft(order)
    order.full_clean()
    _require_filled_annexes(order)
    for effect in registry.effects_for(order.kind):
        effect(order)
    order.frozen = order_document(order)
    order.status = Order.Status.SIGNED
    order.signed_at = timezone.now()
    order.signed_by = user
    order.save()
    return order


@transaction.atomic
def order_attach_scan(*, order: Order, scan) -> Order:
    if not order.is_signed:
        raise ValidationError("Скан прикладывается к подписанному приказу.", code="scan_of_draft")
    scan = checked_upload(scan, allowed=SCANS, max_mb=15, what="Скан")
    if order.scan:
        order.scan.delete(save=False)
    order.scan.save(scan.name, scan, save=True)
    return order


@transaction.atomic
def order_cancellation_prepare(*, order: Order, user: User | None) -> Order:
    """A draft «Об отмене приказа от … № …» for a signed order; signing it makes the order lose force
    and reverts what it changed where that is possible."""
    if not order.is_signed:
        raise ValidationError("Проект приказа не отменяют, а удаляют.", code="cancel_draft")
    if order.kind == OrderKind.CANCELLATION:
        raise ValidationError("Приказ об отмене не отменяется.", code="cancel_cancellation")
    if order.cancellations.filter(status=Order.Status.SIGNED).exists():
        raise ValidationError(f"{order.heading} уже отменён.", code="already_cancelled")
    draft = order.cancellations.filter(status=Order.Status.DRAFT).first()
    if draft:
        return draft
    return order_create(organization=order.organization, kind=OrderKind.CANCELLATION, user=user, cancels=order)


@transaction.atomic
def signatory_add(
    *,
    organization: Organization,
    user: User,
    position: str,
    valid_from: datetime.date,
    valid_until: datetime.date | None = None,
    basis: str = "",
    by: User | None,
) -> OrderSignatory:
    if user.organization_id != organization.pk or not staff_for_signing(organization).filter(pk=user.pk).exists():
        raise ValidationError(
            "Право подписи передаётся только работнику организации, не обучающемуся.", code="signatory_not_staff"
        )
    signatory = OrderSignatory(
        organization=organization,
        user=user,
        position=position.strip(),
        basis=basis.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        created_by=by,
    )
    signatory.full_clean()
    signatory.save()
    return signatory


@transaction.atomic
def signatory_end(*, signatory: OrderSignatory, day: datetime.date | None = None) -> OrderSignatory:
    """The right ends (the director is back): orders already signed keep their signature."""
    day = day or timezone.localdate()
    signatory.valid_until = max(min(signatory.valid_until or day, day), signatory.valid_from)
    signatory.full_clean()
    signatory.save(update_fields=["valid_until"])
    return signatory

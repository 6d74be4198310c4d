"""Permission matrix rows of the orders (mentoring/urls.py, namespace «orders»).

Object pages use orders of world.org: the detail and PDF rows a signed order that names mentor A
(so a named participant may open it, everybody else of the organization may not — 404, as if it
did not exist), the editing rows a draft."""

import datetime

from django.utils import timezone

from mentoring.orders.models import Order, OrderKind, OrderSubject
from tests.matrix.base import MANAGERS_ONLY, answers


def _order(world, *, signed: bool) -> Order:
    order = Order.objects.create(
        organization=world.org,
        kind=OrderKind.PAIRS,
        number="7-о" if signed else "8-о",
        date=datetime.date(2025, 9, 1),
        title="О закреплении наставнических пар (групп)",
        points="Закрепить за наставником {{ mentor_instrumental }} наставляемого {{ mentee_accusative }}.",
        signer=world.director,
        status=Order.Status.SIGNED if signed else Order.Status.DRAFT,
        signed_at=timezone.now() if signed else None,
    )
    for role, user in ((OrderSubject.Role.MENTOR, world.mentor_a), (OrderSubject.Role.MENTEE, world.mentee)):
        OrderSubject.objects.create(order=order, role=role, user=user, full_name=user.full_name)
    return order


def signed_order(world) -> dict:
    return {"pk": _order(world, signed=True).pk}


def draft_order(world) -> dict:
    return {"pk": _order(world, signed=False).pk}


def draft_subject(world) -> dict:
    order = _order(world, signed=False)
    return {"pk": order.pk, "subject_pk": order.subjects.first().pk}


NAMED_ONLY = answers(404, anonymous=302, director=200, curator=200, mentor_a=200, mentee=200)
POST_ONLY = answers(405)
DRAFT_MANAGERS = answers(403, anonymous=302, director=200, curator=200, outsider=404)


def signatory(world) -> dict:
    from mentoring.orders.models import OrderSignatory

    right = OrderSignatory.objects.create(
        organization=world.org, user=world.curator, position="Исполняющий обязанности директора",
        valid_from=datetime.date(2025, 9, 1),
    )  # fmt: skip
    return {"pk": right.pk}


MATRIX = {
    "orders:list": (None, answers(200, anonymous=302, region=404)),
    "orders:create": (None, MANAGERS_ONLY),
    "orders:detail": (signed_order, NAMED_ONLY),
    "orders:pdf": (signed_order, NAMED_ONLY),
    # Word of the whole order for the leaders, of the participant's own «выписка» for the named.
    "orders:docx": (signed_order, NAMED_ONLY),
    "orders:extract": (signed_order, NAMED_ONLY),
    "orders:extract_docx": (signed_order, NAMED_ONLY),
    "orders:cancel": (signed_order, POST_ONLY),
    # The director only gives the right to sign; another organization's director sees their own list.
    "orders:signatories": (None, answers(403, anonymous=302, director=200, outsider=200)),
    "orders:signatory_end": (signatory, POST_ONLY),
    # No scan is attached: the allowed personas get 404 too; tests/mentoring/orders test the download itself.
    "orders:scan": (signed_order, answers(404, anonymous=302)),
    "orders:edit": (draft_order, DRAFT_MANAGERS),
    "orders:subject_add": (draft_order, POST_ONLY),
    "orders:subject_remove": (draft_subject, POST_ONLY),
    # GET is the confirmation page (what signing will change); POST signs.
    "orders:sign": (draft_order, DRAFT_MANAGERS),
    "orders:delete": (draft_order, POST_ONLY),
    "orders:scan_upload": (signed_order, POST_ONLY),
    "orders:wordings": (None, MANAGERS_ONLY),
    "orders:wording_edit": (lambda w: {"kind": OrderKind.CURATORS.value}, MANAGERS_ONLY),
    "orders:wording_reset": (lambda w: {"kind": OrderKind.CURATORS.value}, POST_ONLY),
}

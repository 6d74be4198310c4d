"""Writes of the Положение and the Программа: prepare from the data, edit a section, redraft it, freeze
both when the approval order is signed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentoring.models import AcademicYear, Organization, User
from monitoring.local_acts.drafting import drafts
from monitoring.local_acts.models import LocalAct, LocalActSection


def _not_frozen(act: LocalAct) -> None:
    if act.is_frozen:
        raise ValidationError(
            f"Документ утверждён ({act.approval_reference}) и не редактируется; изменения вносятся новым приказом.",
            code="frozen",
        )


@transaction.atomic
def act_prepare(*, organization: Organization, kind: str, year: AcademicYear) -> LocalAct:
    """The document of the year with its sections drafted from the current data (once: a prepared
    document keeps what the director and the curator wrote)."""
    if kind not in LocalAct.Kind.values:
        raise ValidationError("Неизвестный вид документа.", code="kind")
    act, created = LocalAct.objects.select_for_update().get_or_create(
        organization=organization, kind=kind, academic_year=year
    )
    if created:
        LocalActSection.objects.bulk_create(
            LocalActSection(act=act, key=d.key, position=n, title=d.title, body=d.body)
            for n, d in enumerate(drafts(kind, organization, year), start=1)
        )
    return act


@transaction.atomic
def section_update(*, section: LocalActSection, title: str, body: str, user: User) -> LocalActSection:
    act = LocalAct.objects.select_for_update().get(pk=section.act_id)
    _not_frozen(act)
    section.title, section.body = title.strip(), body.strip()
    section.edited_by, section.edited_at = user, timezone.now()
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_redraft(*, section: LocalActSection, user: User) -> LocalActSection:
    """The section written anew from today's data (after the roadmap or the forms changed)."""
    act = LocalAct.objects.select_for_update().get(pk=section.act_id)
    _not_frozen(act)
    draft = next((d for d in drafts(act.kind, act.organization, act.academic_year) if d.key == section.key), None)
    if draft is None:
        raise ValidationError("Для этого раздела нет текста по данным портала.", code="no_draft")
    section.title, section.body = draft.title, draft.body
    section.edited_by, section.edited_at = user, timezone.now()
    section.save()
    return section


def approve_effect(order) -> None:
    """Signing «Об утверждении положения…, программы…» freezes both documents of the order's year as they
    print that day; an unprepared document is prepared from the data first, so what was signed is kept."""
    from monitoring.local_acts.documents import body_html

    year = AcademicYear.for_date(order.date)
    reference = f"приказом от {order.date:%d.%m.%Y} № {order.number}"
    for kind in LocalAct.Kind.values:
        act = act_prepare(organization=order.organization, kind=kind, year=year)
        act = LocalAct.objects.select_for_update().get(pk=act.pk)
        if act.is_frozen:
            continue
        act.frozen_html = body_html(kind=kind, organization=order.organization, year=year, act=act)
        act.approved_on, act.approval_reference, act.approved_order = order.date, reference, order
        act.save(update_fields=["frozen_html", "approved_on", "approval_reference", "approved_order", "updated_at"])


def approve_undo(order) -> None:
    """The approval order is cancelled: the documents it approved (and only those — one approved by an
    earlier order stays approved) become drafts again, editable, their sections as they were."""
    for act in LocalAct.objects.select_for_update().filter(approved_order=order):
        act.frozen_html, act.approved_on, act.approval_reference, act.approved_order = "", None, "", None
        act.save(update_fields=["frozen_html", "approved_on", "approval_reference", "approved_order", "updated_at"])

"""Services of the incentives: nominations, awards, the incentives order and its annex."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from mentoring.models import AcademicYear, Organization, User
from mentoring.orders import registry as order_registry
from mentoring.orders import services as order_services
from mentoring.orders.models import Order, OrderKind, OrderSubject
from participants.models import MentorProfile
from programs.models import Mentorship
from programs.models_awards import Award, Nomination


def nominations_for(organization: Organization) -> QuerySet[Nomination]:
    return Nomination.objects.filter(Q(organization=None) | Q(organization=organization))


@transaction.atomic
def award_grant(
    *,
    organization: Organization,
    nomination: Nomination,
    mentor: MentorProfile,
    academic_year: AcademicYear | None = None,
    mentorship: Mentorship | None = None,
    citation: str = "",
    date=None,
) -> Award:
    award = Award(
        organization=organization,
        nomination=nomination,
        mentor=mentor,
        mentorship=mentorship,
        academic_year=academic_year or AcademicYear.current(),
        citation=citation,
        date=date or timezone.localdate(),
    )
    try:
        award.full_clean()
        award.save()
    except ValidationError as exc:
        if "__all__" in getattr(exc, "error_dict", {}):
            raise ValidationError(
                "Этот наставник уже награждён в этой номинации в этом учебном году.", code="duplicate_award"
            ) from exc
        raise
    return award


@transaction.atomic
def incentives_order_prepare(*, organization: Organization, academic_year: AcademicYear, user: User) -> Order:
    """A draft «О поощрении наставников» naming every awarded mentor of the year not yet in an order."""
    awards = list(
        Award.objects.select_for_update(of=("self",))
        .filter(organization=organization, academic_year=academic_year, order__isnull=True)
        .select_related("mentor__person__user", "nomination")
    )
    if not awards:
        raise ValidationError("Нет поощрений этого учебного года, ещё не включённых в приказ.", code="no_awards")
    order = order_services.order_create(organization=organization, kind=OrderKind.INCENTIVES, user=user)
    named: set = set()
    for award in awards:
        person = award.mentor.person
        key = person.user_id or person.full_name
        if key not in named:
            named.add(key)
            order_services.order_subject_add(
                order=order,
                role=OrderSubject.Role.AWARDED,
                user=person.user if person.user_id else None,
                full_name="" if person.user_id else person.full_name,
            )
    Award.objects.filter(pk__in=[a.pk for a in awards]).update(order=order)
    return order


def awards_annex(order: Order) -> order_registry.AnnexTable:
    awards = order.awards.select_related("nomination", "mentor__person", "mentorship__programme").order_by(
        "nomination__order", "mentor__person__last_name"
    )
    rows = [[a.mentor.person.full_name, a.nomination.name, a.citation or a.nomination.description] for a in awards]
    return order_registry.AnnexTable(["ФИО наставника", "Номинация", "Основание"], rows)  # the print numbers rows


def incentives_signed(order: Order) -> None:
    """The awards the order decides are those of its annex on the day of signing."""
    order_registry.remember(order, "awards", list(order.awards.values_list("pk", flat=True)))


@transaction.atomic
def incentives_cancelled(order: Order) -> None:
    """The cancelled order's awards wait for a new incentives order (a certificate no longer cites the
    cancelled one); an award added to another order since stays there."""
    awarded = order_registry.remembered(order, "awards")
    awards = Award.objects.filter(order=order)
    if awarded is not None:
        awards = awards.filter(pk__in=awarded)
    awards.update(order=None)


def register() -> None:
    order_registry.register_annex(
        "awards", title="Список поощряемых наставников", kinds=[OrderKind.INCENTIVES], provider=awards_annex
    )
    order_registry.register_effect(
        OrderKind.INCENTIVES,
        incentives_signed,
        undo=incentives_cancelled,
        undo_text="поощрения из приложения вернутся в список поощрений, ещё не включённых в приказ",
    )

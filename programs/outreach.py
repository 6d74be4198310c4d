"""Services of the outreach: practices, nominations and awards, the incentives order's annex,
and what the public page may show (only what the publication consents allow)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from mentoring import orders
from mentoring.models import AcademicYear, Order, OrderKind, OrderSubject, Organization, User
from participants.models import Consent, MentorProfile, Person
from programs.models import Mentorship
from programs.models_outreach import Award, Nomination, Practice

STANDARD_NOMINATIONS = [
    ("Наставник года", False, "За высокие результаты наставнической деятельности в учебном году."),
    ("Лучшая пара", True, "Наставнической паре (группе), достигшей лучших результатов."),
    ("Наставник+", False, "Наставнику, сопровождавшему нескольких наставляемых или пары разных форм."),
]


def standard_nominations() -> None:
    """The three standard nominations (seed 001, «Мотивация и поощрение»); idempotent."""
    for order, (name, for_pair, description) in enumerate(STANDARD_NOMINATIONS):
        Nomination.objects.get_or_create(
            organization=None, name=name, defaults={"for_pair": for_pair, "description": description, "order": order}
        )


def nominations_for(organization: Organization) -> QuerySet[Nomination]:
    from django.db.models import Q

    return Nomination.objects.filter(Q(organization=None) | Q(organization=organization))


def _save(instance) -> None:
    instance.full_clean()
    instance.save()


@transaction.atomic
def practice_save(*, practice: Practice, user: User | None = None) -> Practice:
    if practice.mentorship_id and practice.mentorship.status != Mentorship.Status.COMPLETED:
        raise ValidationError("Практику описывают по завершённой паре (группе).", code="pair_not_completed")
    if not practice.pk and user is not None:
        practice.created_by = user
    _save(practice)
    return practice


@transaction.atomic
def practice_publish(*, practice: Practice, publish: bool = True) -> Practice:
    practice.status = Practice.Status.PUBLISHED if publish else Practice.Status.DRAFT
    practice.published_at = timezone.now() if publish else None
    _save(practice)
    return practice


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
        _save(award)
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
    order = orders.order_create(organization=organization, kind=OrderKind.INCENTIVES, user=user)
    named: set = set()
    for award in awards:
        person = award.mentor.person
        key = person.user_id or person.full_name
        if key not in named:
            named.add(key)
            orders.order_subject_add(
                order=order,
                role=OrderSubject.Role.AWARDED,
                user=person.user if person.user_id else None,
                full_name="" if person.user_id else person.full_name,
            )
    Award.objects.filter(pk__in=[a.pk for a in awards]).update(order=order)
    return order


def awards_annex(order: Order) -> orders.AnnexTable:
    awards = order.awards.select_related("nomination", "mentor__person", "mentorship__programme").order_by(
        "nomination__order", "mentor__person__last_name"
    )
    rows = [
        [str(i), a.mentor.person.full_name, a.nomination.name, a.citation or a.nomination.description]
        for i, a in enumerate(awards, start=1)
    ]
    return orders.AnnexTable(["№", "ФИО наставника", "Номинация", "Основание"], rows)


def register() -> None:
    orders.register_annex(
        "awards", title="Список поощряемых наставников", kinds=[OrderKind.INCENTIVES], provider=awards_annex
    )


# ---------------------------------------------------------------- the public page


def _published_consents() -> Prefetch:
    return Prefetch("consents", queryset=Consent.objects.filter(kind=Consent.Kind.PUBLICATION))


def public_people(people: list[Person]) -> dict[int, bool]:
    """Person id → may be named publicly (a valid publication consent, not anonymized)."""
    return {p.pk: (not p.is_anonymized and p.has_publication_consent) for p in people}


def public_name(person: Person | None) -> str:
    """The name the public page may print, or "" — consents must be prefetched (see _published_consents)."""
    if person is None or person.is_anonymized or not person.has_publication_consent:
        return ""
    return person.full_name

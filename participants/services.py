"""Writes of the participants' bases that span models: keyword-only, typed, atomic, validated."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentoring.models import User
from participants.models import (
    Consent,
    MenteeCategory,
    MenteeProfile,
    MenteeSupport,
    MentorProfile,
    MentorStatusChange,
    MentorTraining,
    Person,
)

# Mentor statuses move forward one step at a time; «завершил участие» is reachable from any.
MENTOR_FLOW = [s.value for s in MentorProfile.Status]


def _save(instance, **clean_kwargs) -> None:
    instance.full_clean(**clean_kwargs)
    instance.save()


@transaction.atomic
def person_save(*, person: Person) -> Person:
    _save(person, validate_constraints=False)
    return person


def mentor_category_for(person: Person) -> str:
    return {
        Person.Kind.STUDENT: MentorProfile.Category.STUDENT,
        Person.Kind.TEACHER: MentorProfile.Category.TEACHER,
        Person.Kind.STAFF: MentorProfile.Category.TEACHER,
        Person.Kind.PARENT: MentorProfile.Category.PARENT,
        Person.Kind.GRADUATE: MentorProfile.Category.GRADUATE,
        Person.Kind.EXTERNAL: MentorProfile.Category.EMPLOYER,
    }[person.kind]


@transaction.atomic
def mentor_add(*, person: Person, user: User | None, note: str = "", **fields) -> MentorProfile:
    """Puts a person into the mentor base as a candidate."""
    if person.is_anonymized:
        raise ValidationError(
            "Участник обезличен после отзыва согласия и не может стать наставником.", code="anonymized"
        )
    if MentorProfile.objects.filter(person=person).exists():
        raise ValidationError(f"{person.full_name} уже в базе наставников.", code="duplicate")
    fields.setdefault("category", mentor_category_for(person))
    profile = MentorProfile(person=person, status=MentorProfile.Status.CANDIDATE, **fields)
    _save(profile)
    MentorStatusChange.objects.create(
        mentor=profile, status=profile.status, date=profile.status_date, note=note or "Включён в базу", changed_by=user
    )
    return profile


@transaction.atomic
def mentor_set_status(
    *, mentor: MentorProfile, status: str, date: datetime.date, user: User | None, note: str = ""
) -> MentorProfile:
    if status not in MENTOR_FLOW:
        raise ValidationError("Неизвестный статус наставника.", code="status")
    if date > timezone.localdate():
        raise ValidationError("Дата статуса не может быть в будущем.", code="future")
    if date < mentor.status_date:
        raise ValidationError(f"Дата раньше даты текущего статуса ({mentor.status_date:%d.%m.%Y}).", code="date_order")
    current, target = MENTOR_FLOW.index(mentor.status), MENTOR_FLOW.index(status)
    if status != MentorProfile.Status.ALUMNI and target != current + 1:
        allowed = MentorProfile.Status(MENTOR_FLOW[current + 1]).label if current + 1 < len(MENTOR_FLOW) else "—"
        raise ValidationError(
            f"Статус меняется по порядку: после «{mentor.get_status_display()}» — «{allowed}».", code="status_order"
        )
    mentor.status, mentor.status_date = status, date
    mentor.save(update_fields=["status", "status_date"])
    MentorStatusChange.objects.create(mentor=mentor, status=status, date=date, note=note, changed_by=user)
    return mentor


@transaction.atomic
def mentor_training_add(*, mentor: MentorProfile, **fields) -> MentorTraining:
    training = MentorTraining(mentor=mentor, **fields)
    _save(training)
    return training


@transaction.atomic
def mentee_add(
    *, person: Person, categories: list[MenteeCategory] | None = None, waiting: bool = True, **fields
) -> MenteeProfile:
    if person.is_anonymized:
        raise ValidationError("Участник обезличен после отзыва согласия.", code="anonymized")
    if MenteeProfile.objects.filter(person=person).exists():
        raise ValidationError(f"{person.full_name} уже в базе наставляемых.", code="duplicate")
    status = MenteeProfile.Status.WAITING if waiting else MenteeProfile.Status.CANDIDATE
    profile = MenteeProfile(person=person, status=status, **fields)
    _save(profile)
    if categories:
        profile.categories.set(categories)
    return profile


@transaction.atomic
def mentee_set_status(*, mentee: MenteeProfile, status: str, date: datetime.date | None = None) -> MenteeProfile:
    if status not in MenteeProfile.Status.values:
        raise ValidationError("Неизвестный статус наставляемого.", code="status")
    mentee.status, mentee.status_date = status, date or timezone.localdate()
    mentee.save(update_fields=["status", "status_date"])
    return mentee


def ensure_can_be_paired(person: Person) -> None:
    """The rule of 152-ФЗ the pairs enforce: no pair without a valid processing consent."""
    if person.is_anonymized or not person.has_processing_consent:
        raise ValidationError(
            f"У участника «{person.short_name}» нет действующего согласия на обработку персональных данных"
            + (" (подписывает законный представитель)" if person.is_minor else "")
            + ": включить его в пару нельзя. Внесите согласие в карточке участника.",
            code="no_consent",
        )


@transaction.atomic
def consent_record(*, person: Person, user: User | None, **fields) -> Consent:
    if person.is_anonymized:
        raise ValidationError("Участник обезличен: новое согласие не вносится.", code="anonymized")
    consent = Consent(person=person, recorded_by=user, **fields)
    _save(consent)
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, date: datetime.date, user: User | None) -> Consent:
    """Withdrawal of the processing consent anonymizes the person; of publication, only hides them."""
    if consent.withdrawn_on:
        raise ValidationError(f"Согласие уже отозвано {consent.withdrawn_on:%d.%m.%Y}.", code="already")
    if date > timezone.localdate():
        raise ValidationError("Дата отзыва не может быть в будущем.", code="future")
    if date < consent.signed_on:
        raise ValidationError("Дата отзыва раньше даты подписания.", code="order")
    consent.withdrawn_on = date
    consent.save(update_fields=["withdrawn_on"])
    if consent.kind == Consent.Kind.PROCESSING:
        person_anonymize(person=consent.person)
    return consent


@transaction.atomic
def person_anonymize(*, person: Person) -> Person:
    """Name replaced, contacts and birth date wiped, scans deleted; kind, class, sex and the
    person's place in pairs and statistics stay, so the programme's figures remain correct."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.is_anonymized:
        return person
    person.last_name = "Участник"
    person.first_name = f"№ {person.pk}"
    person.middle_name = ""
    person.birth_date = None
    person.email = person.phone = person.notes = ""
    person.is_anonymized = True
    person.anonymized_at = timezone.now()
    person.save()
    for consent in person.consents.exclude(scan=""):
        consent.scan.delete(save=False)
        consent.scan = ""
        consent.representative_name = consent.representative_document = ""
        consent.save(update_fields=["scan", "representative_name", "representative_document"])
    person.consents.update(representative_name="", representative_document="")
    for profile_name, text_fields in (
        ("mentee_profile", ("request", "psychologist_note")),
        ("mentor_profile", ("competencies", "interests", "achievements", "useful_for", "time_available")),
    ):
        profile = getattr(person, profile_name, None)
        if profile is not None:
            for name in text_fields:
                setattr(profile, name, "")
            profile.save()
    if person.user_id:
        User.objects.filter(pk=person.user_id).update(
            is_active=False, first_name="", last_name="Участник", middle_name="", email=""
        )
    return person


def consent_forms_pdf(*, people: list[Person]) -> bytes:
    """Prefilled consent forms (adult, or parent of a minor) with each organization's requisites,
    one page per person, one file — the same path for the portal and the admin."""
    from itertools import groupby

    from mentoring.pdf import render_pdf_batch
    from mentoring.selectors import director_of

    people = sorted((p for p in people if not p.is_anonymized), key=lambda p: (p.organization_id, p.last_name))
    contexts = []
    for _, group in groupby(people, key=lambda p: p.organization_id):
        group = list(group)
        organization = group[0].organization
        director = director_of(organization)
        contexts.append({"organization": organization, "people": group, "director": director})
    if not contexts:
        raise ValidationError("Нет участников для печати: обезличенным бланки не печатаются.", code="empty")
    return render_pdf_batch("pdf/consent_forms.html", contexts)


@transaction.atomic
def support_record(
    *, mentee: MenteeProfile, user: User | None, action: str, date: datetime.date, next_step: str = ""
) -> MenteeSupport:
    """A record of the psychologist's support of a mentee who waits for a pair."""
    if mentee.status != MenteeProfile.Status.WAITING:
        raise ValidationError(
            f"{mentee.person.short_name} не ожидает пару: сопровождение записывается для наставляемых без пары.",
            code="not_waiting",
        )
    if date > timezone.localdate():
        raise ValidationError("Дата сопровождения ещё не наступила.", code="future")
    record = MenteeSupport(mentee=mentee, recorded_by=user, action=action.strip(), date=date, next_step=next_step)
    _save(record)
    return record

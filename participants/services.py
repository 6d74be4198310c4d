"""Writes of the participants' bases that span models: keyword-only, typed, atomic, validated."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentoring.models import User
from participants import accounts, membership
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
    membership.membership_sync_person(person=person)
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
    accounts.account_sync_roles(person=person)
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
def mentor_status_revert(
    *, mentor: MentorProfile, status: str, date: datetime.date, user: User | None, note: str
) -> MentorProfile:
    """The order that moved the mentor on is cancelled: the status it replaced comes back (the only
    step backwards in the flow), written in the history with the reason."""
    if status not in MENTOR_FLOW:
        raise ValidationError("Неизвестный статус наставника.", code="status")
    mentor.status, mentor.status_date = status, date
    mentor.save(update_fields=["status", "status_date"])
    MentorStatusChange.objects.create(
        mentor=mentor, status=status, date=timezone.localdate(), note=note[:300], changed_by=user
    )
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
    accounts.account_sync_roles(person=person)
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
        # Processing stops altogether: the person's other consents (a second copy, publication) end too.
        for other in consent.person.consents.filter(withdrawn_on__isnull=True).exclude(pk=consent.pk):
            other.withdrawn_on = max(date, other.signed_on)
            other.save(update_fields=["withdrawn_on"])
        person_anonymize(person=consent.person)
    return consent


# What the withdrawal of the processing consent keeps, and why — shown on the withdrawal page.
KEPT_ON_WITHDRAWAL = [
    (
        "Подписанные приказы, в которых названо лицо, и их сканы",
        "Это документы организации, которые хранятся в её архиве в сроки, установленные законодательством "
        "об архивном деле (ч. 2 ст. 9, ч. 4 ст. 21 Федерального закона № 152-ФЗ); подписанный приказ не изменяется.",
    ),
    (
        "Запись об отзыве согласия и журнал обращений к персональным данным",
        "Оператор обязан подтвердить, как и когда обрабатывались данные и когда обработка прекращена "
        "(ст. 18.1 и 22.1 Федерального закона № 152-ФЗ); журнал не содержит сведений о самом участнике.",
    ),
    (
        "Обезличенные сведения: вид участника, класс, пол, место в парах, даты, виды и темы встреч, "
        "оценки и баллы анкет",
        "По ним без имени нельзя установить человека; они нужны, чтобы отчёты о программе наставничества "
        "за прошедшие периоды оставались верными (п. 9 ч. 1 ст. 6 Федерального закона № 152-ФЗ).",
    ),
]
ERASED_ON_WITHDRAWAL = [
    "фамилия, имя и отчество (заменяются на «Участник № …»), дата рождения, телефон, электронная почта, "
    "должность, предмет, примечание",
    "учётная запись: имя входа, электронная почта и ФИО удаляются, вход закрывается, уведомления удаляются",
    "сканы согласий и удостоверений (файлы удаляются), сведения о законном представителе, номер удостоверения",
    "анкета наставника (компетенции, интересы, достижения, удобное время), основания смены статуса",
    "анкета наставляемого (запрос, интересы) и заметка педагога-психолога",
    "в парах и группах участника: итоги встреч и приложенные файлы, комментарии обратной связи, цели и "
    "результаты плана развития, рефлексия, причина досрочного прекращения, файл лучшей практики",
    "тексты ответов на анкеты и персональные ссылки на анкеты, комментарии и выводы оценки эффективности пар",
    "формулировки наград наставника и ссылка на его календарь",
    "ФИО в проектах приказов (не подписанных)",
]


@transaction.atomic
def person_anonymize(*, person: Person) -> Person:
    """Every free text and file about the person is erased (here and, through mentoring.subject_data's
    erasers, in the apps that keep pairs and answers); kind, class, sex and the person's place in pairs
    and statistics stay, so the programme's figures remain correct. Signed orders stay as archive records."""
    from mentoring import subject_data
    from mentoring.models import Notification
    from mentoring.orders.models import Order, OrderSubject

    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.is_anonymized:
        return person
    subject_data.erase(person)
    anonymous_name = f"Участник № {person.pk}"
    person.last_name = "Участник"
    person.first_name = f"№ {person.pk}"
    person.middle_name = ""
    person.birth_date = None
    person.email = person.phone = person.notes = person.position = person.subject = ""
    person.is_anonymized = True
    person.anonymized_at = timezone.now()
    person.save()
    for consent in person.consents.exclude(scan=""):
        consent.scan.delete(save=False)
    person.consents.update(scan="", representative_name="", representative_relation="", representative_document="")
    for profile_name, text_fields in (
        ("mentee_profile", ("request", "interests", "psychologist_note")),
        ("mentor_profile", ("competencies", "interests", "achievements", "useful_for", "time_available")),
    ):
        profile = getattr(person, profile_name, None)
        if profile is not None:
            for name in text_fields:
                setattr(profile, name, "")
            profile.save()
    mentor = getattr(person, "mentor_profile", None)
    if mentor is not None:
        mentor.status_changes.update(note="")
        for training in mentor.trainings.exclude(certificate=""):
            training.certificate.delete(save=False)
        mentor.trainings.update(certificate="", certificate_number="")
    if person.user_id:
        OrderSubject.objects.filter(user_id=person.user_id, order__status=Order.Status.DRAFT).update(
            full_name=anonymous_name
        )
        Notification.objects.filter(user_id=person.user_id).delete()
        user = User.objects.get(pk=person.user_id)
        user.username = f"anonymized-{user.pk}"
        user.first_name = user.middle_name = user.email = user.position = ""
        user.last_name = anonymous_name
        user.is_active = False
        user.set_unusable_password()
        user.save()
    return person


def consent_forms_pdf(*, people: list[Person], form: str = "processing", progress=None) -> bytes:
    """Prefilled consent forms, a page per person, one file — the same path for the portal, the
    admin and the background job (see participants/consent_forms.py for the kinds)."""
    from participants.consent_forms import consent_forms_pdf as render

    return render(people=people, form=form, progress=progress)


def consent_forms_docx(*, people: list[Person], form: str = "processing") -> bytes:
    """The Word twin of ``consent_forms_pdf`` (the same template)."""
    from participants.consent_forms import consent_forms_docx as render

    return render(people=people, form=form)


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

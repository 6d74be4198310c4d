"""Writes of monitoring that span models: keyword-only, typed, atomic, validated."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentoring.models import AcademicYear, Organization, User
from monitoring import kpi
from monitoring.efficiency import INDICATORS
from monitoring.models import (
    Answer,
    EfficiencyAssessment,
    EfficiencyScore,
    KpiTarget,
    Question,
    Questionnaire,
    Response,
    new_token,
)
from monitoring.standard import STANDARD
from participants.models import MenteeProfile, MentorProfile, Person
from programs.models import Mentorship, Preference, Programme

LINK_DAYS = 14
MAX_COUNTERPARTS = 3


# --- Questionnaires ---


@transaction.atomic
def questionnaire_create(
    *,
    organization: Organization,
    academic_year: AcademicYear,
    title: str,
    purpose: str,
    audience: str,
    programme: Programme | None = None,
    description: str = "",
    baseline: Questionnaire | None = None,
    is_open: bool = True,
    standard_key: str = "",
) -> Questionnaire:
    questionnaire = Questionnaire(
        organization=organization,
        academic_year=academic_year,
        title=title,
        purpose=purpose,
        audience=audience,
        programme=programme,
        description=description,
        baseline=baseline,
        is_open=is_open,
        standard_key=standard_key,
    )
    questionnaire.full_clean()
    questionnaire.save()
    return questionnaire


def question_add(
    *, questionnaire: Questionnaire, text: str, kind: str, required: bool = True, options: str = "", code: str = ""
) -> Question:
    last = questionnaire.questions.order_by("-position").values_list("position", flat=True).first() or 0
    question = Question(
        questionnaire=questionnaire,
        position=last + 1,
        text=text,
        kind=kind,
        required=required,
        options=options,
        code=code,
    )
    question.full_clean()
    question.save()
    return question


def question_delete(*, question: Question) -> None:
    if question.answers.exists():
        raise ValidationError("На этот вопрос уже отвечали: удалить его нельзя, закройте анкету.", code="answered")
    question.delete()


@transaction.atomic
def standard_questionnaires_seed(*, organization: Organization, academic_year: AcademicYear) -> list[Questionnaire]:
    """The standard set for one year; what exists is kept (idempotent)."""
    made: dict[str, Questionnaire] = {}
    for spec in STANDARD:
        existing = Questionnaire.objects.filter(
            organization=organization, academic_year=academic_year, standard_key=spec["key"]
        ).first()
        if existing:
            made[spec["key"]] = existing
            continue
        questionnaire = questionnaire_create(
            organization=organization,
            academic_year=academic_year,
            title=spec["title"],
            purpose=spec["purpose"],
            audience=spec["audience"],
            description=spec["description"],
            baseline=made.get(spec.get("baseline", "")),
            standard_key=spec["key"],
        )
        for kind, text, required, options, code in spec["questions"]:
            question_add(
                questionnaire=questionnaire, text=text, kind=kind, required=required, options=options, code=code
            )
        made[spec["key"]] = questionnaire
    return list(made.values())


def response_open(*, questionnaire: Questionnaire, person: Person) -> Response:
    """The person's response (a draft is created on first visit)."""
    if questionnaire.organization_id != person.organization_id:
        raise ValidationError("Участник другой организации.", code="foreign_person")
    response, _ = Response.objects.get_or_create(questionnaire=questionnaire, person=person)
    return response


@transaction.atomic
def response_save(
    *, response: Response, values: dict[int, object], submit: bool, questions: list[Question] | None = None
) -> Response:
    """Stores the answers given (question id → number | text | list). A draft keeps whatever was
    typed; a submission checks required questions, is final, spends the one-time link and records
    the preference choices for matching.

    An autosave posts the whole form on every change, so only what differs from the stored answers is
    written: one read of the answers, at most one insert and one delete, an update per changed answer
    (usually the one just given), whatever the length of the questionnaire (a class answering in one
    lesson sends hundreds of these a second). The row lock on the response (the response alone, not the
    questionnaire every pupil shares) puts two saves of the same response one after the other, so the
    later one always sees what the earlier one stored."""
    response = Response.objects.select_for_update(of=("self",)).get(pk=response.pk)
    if response.is_submitted:
        raise ValidationError("Ответ уже получен.", code="already_submitted")
    # The page has just read the questionnaire's questions to build its form: the same list, not a second read.
    if questions is None:
        questions = Question.objects.filter(questionnaire_id=response.questionnaire_id)
    questions = {q.pk: q for q in questions if q.questionnaire_id == response.questionnaire_id}
    stored = {answer.question_id: answer for answer in Answer.objects.filter(response=response)}
    created, updated, deleted = [], [], []
    for question_id, value in values.items():
        question = questions.get(question_id)
        if question is None:
            continue
        fields = _answer_fields(question, value)
        answer = stored.get(question_id)
        if fields is None:
            if answer is not None:
                deleted.append(stored.pop(question_id).pk)
        elif answer is None:
            stored[question_id] = Answer(response=response, question=question, **fields)
            created.append(stored[question_id])
        elif any(getattr(answer, name) != new for name, new in fields.items()):
            for name, new in fields.items():
                setattr(answer, name, new)
            updated.append(answer)
    if deleted:
        Answer.objects.filter(pk__in=deleted).delete()
    if created:
        Answer.objects.bulk_create(created)
    for answer in updated:  # usually the one answer just changed; bulk_update's CASE costs more than it saves
        Answer.objects.filter(pk=answer.pk).update(number=answer.number, text=answer.text, choices=answer.choices)
    if submit:
        answered = {question_id for question_id, answer in stored.items() if not answer.is_empty}
        missing = [q for q in questions.values() if q.required and q.pk not in answered]
        if missing:
            raise ValidationError(
                [ValidationError(f"Ответьте на вопрос «{q.text}».", code="required") for q in missing]
            )
        response.status, response.submitted_at = Response.Status.SUBMITTED, timezone.now()
        response.token_expires_at = response.submitted_at if response.token else None
        _record_preferences(response)
        response.save()
    else:  # a draft: only its time changes (a full-row UPDATE per keystroke rewrote the token and the person)
        response.save(update_fields=["updated_at"])
    return response


def _answer_fields(question: Question, value) -> dict | None:
    if value in (None, "", []):
        return None
    if question.scale_max:
        return {"number": int(value), "text": "", "choices": []}
    if question.kind == Question.Kind.TEXT:
        return {"number": None, "text": str(value).strip(), "choices": []}
    choices = value if isinstance(value, list) else [value]
    return {"number": None, "text": "", "choices": choices}


def _record_preferences(response: Response) -> None:
    questionnaire = response.questionnaire
    if questionnaire.purpose != Questionnaire.Purpose.PREFERENCES:
        return
    answers = Answer.objects.filter(response=response, question__kind=Question.Kind.COUNTERPART)
    chosen = [int(pk) for answer in answers for pk in answer.choices][:MAX_COUNTERPARTS]
    person = response.person
    if questionnaire.audience == Questionnaire.Audience.MENTEE:
        mentee = MenteeProfile.objects.filter(person=person).first()
        pairs = [(mentee, m) for m in MentorProfile.objects.filter(pk__in=chosen)] if mentee else []
        direction, order = Preference.Direction.MENTEE_CHOSE, {pk: i for i, pk in enumerate(chosen)}
        rank_of = lambda pair: order[pair[1].pk]  # noqa: E731
    else:
        mentor = MentorProfile.objects.filter(person=person).first()
        pairs = [(m, mentor) for m in MenteeProfile.objects.filter(pk__in=chosen)] if mentor else []
        direction, order = Preference.Direction.MENTOR_CHOSE, {pk: i for i, pk in enumerate(chosen)}
        rank_of = lambda pair: order[pair[0].pk]  # noqa: E731
    for mentee, mentor in pairs:
        if (
            mentee.person.organization_id != person.organization_id
            or mentor.person.organization_id != person.organization_id
        ):
            continue
        Preference.objects.update_or_create(
            mentee=mentee,
            mentor=mentor,
            direction=direction,
            defaults={"organization_id": person.organization_id, "rank": rank_of((mentee, mentor)) + 1},
        )


@transaction.atomic
def links_issue(
    *,
    questionnaire: Questionnaire,
    people: Iterable[Person],
    days: int = LINK_DAYS,
    now: datetime.datetime | None = None,
) -> list[Response]:
    """Personal one-time links for people without accounts; a valid unused link is kept, an expired
    one is replaced. People who already answered get no link."""
    now = now or timezone.now()
    issued = []
    for person in people:
        response = response_open(questionnaire=questionnaire, person=person)
        if response.is_submitted:
            continue
        if not response.token_is_valid():
            response.token = new_token()
        response.token_expires_at = now + datetime.timedelta(days=days)
        response.save(update_fields=["token", "token_expires_at", "updated_at"])
        issued.append(response)
    return issued


# --- Efficiency assessment ---


@transaction.atomic
def assessment_save(
    *,
    organization: Organization,
    programme: Programme,
    academic_year: AcademicYear,
    scores: dict[int, tuple[int, str]],
    mentorship: Mentorship | None = None,
    date: datetime.date | None = None,
    conclusion: str = "",
    user: User | None = None,
    assessment: EfficiencyAssessment | None = None,
) -> EfficiencyAssessment:
    """Creates or updates an assessment with all nine scores; the total is their sum."""
    numbers = {i.number for i in INDICATORS}
    if set(scores) != numbers:
        raise ValidationError("Оцените все девять показателей.", code="incomplete")
    if any(points not in (0, 1, 2) for points, _ in scores.values()):
        raise ValidationError("Балл по показателю — 0, 1 или 2.", code="points")
    assessment = assessment or EfficiencyAssessment(organization=organization)
    assessment.programme, assessment.mentorship, assessment.academic_year = programme, mentorship, academic_year
    assessment.date = date or assessment.date or timezone.localdate()
    assessment.conclusion, assessment.assessed_by = conclusion, user or assessment.assessed_by
    assessment.total = sum(points for points, _ in scores.values())
    assessment.full_clean()
    assessment.save()
    for number, (points, comment) in scores.items():
        EfficiencyScore.objects.update_or_create(
            assessment=assessment, indicator=number, defaults={"points": points, "comment": comment}
        )
    return assessment


# --- KPI targets ---


def kpi_target_set(
    *, organization: Organization, indicator: str, academic_year: AcademicYear, percent: int
) -> KpiTarget:
    target = KpiTarget.objects.filter(
        organization=organization, indicator=indicator, academic_year=academic_year
    ).first() or KpiTarget(organization=organization, indicator=indicator, academic_year=academic_year)
    target.target_percent = percent
    target.full_clean()
    target.save()
    return target


def kpi_target_clear(*, organization: Organization, indicator: str, academic_year: AcademicYear) -> None:
    KpiTarget.objects.filter(organization=organization, indicator=indicator, academic_year=academic_year).delete()


@transaction.atomic
def kpi_year_targets_set(
    *, organization: Organization, academic_year: AcademicYear, percents: dict[str, int | None]
) -> None:
    """The curator's targets of one year, any year: a value sets it, an empty field clears it."""
    for indicator, percent in percents.items():
        if percent is None:
            kpi_target_clear(organization=organization, indicator=indicator, academic_year=academic_year)
        else:
            kpi_target_set(organization=organization, indicator=indicator, academic_year=academic_year, percent=percent)


@transaction.atomic
def kpi_apply_preset(*, organization: Organization, preset: str, first_year: int | None = None) -> int:
    """Writes a preset's targets for exactly the years the seed names (no value is invented for the
    years between); with ``first_year`` the seed's first year becomes that one and the others keep
    their distance from it. Returns how many were written."""
    values_by_year = kpi.preset_values(preset)
    shift = 0 if first_year is None else first_year - min(values_by_year)
    written = 0
    for start_year, values in sorted(values_by_year.items()):
        year = AcademicYear.for_date(datetime.date(start_year + shift, 9, 1))
        for indicator, percent in values.items():
            kpi_target_set(organization=organization, indicator=indicator, academic_year=year, percent=percent)
            written += 1
    return written

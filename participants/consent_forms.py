"""Printed consent forms, prefilled with what the portal knows and blank lines for the rest:

* ``processing`` — consent to processing (152-ФЗ ст. 9 ч. 4): the subject, for a minor the legal
  representative and the document of their authority, the operator, the purpose, the list of data with
  the special categories named (health — ОВЗ; the psychologist's notes, ст. 10), actions, term, withdrawal;
* ``dissemination`` — the separate consent to dissemination (ст. 10.1): what may be published where,
  with the subject's prohibitions and conditions;
* ``duties`` — a teacher's consent to mentoring as additional work (ТК РФ ст. 60.2), which the pairs
  order cites («на основании письменного согласия»).

Each form is one A4 page, so a class of 22 prints 22 pages per form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring.models import AcademicYear, Organization
from mentoring.names import agree, detect_gender, inflect, inflect_phrase, initials_first
from mentoring.pdf import render_pdf_batch
from mentoring.selectors import director_of
from participants.models import Person

# Children from 14 sign their own consent next to the parent's, as schools collect both.
CO_SIGN_AGE = 14


@dataclass(frozen=True)
class ConsentFormKind:
    code: str
    template: str
    title: str  # for file names: «Согласия 7А — обработка ПДн.pdf»


FORMS = {
    "processing": ConsentFormKind("processing", "pdf/consent_forms.html", "обработка ПДн"),
    "dissemination": ConsentFormKind("dissemination", "pdf/consent_dissemination.html", "распространение ПДн"),
    "duties": ConsentFormKind("duties", "pdf/consent_duties.html", "дополнительная работа наставника"),
}

# Who may give the consent to additional work: employees of the organization.
EMPLOYEE_KINDS = (Person.Kind.TEACHER, Person.Kind.STAFF)


def _gender(person: Person) -> str | None:
    return {"m": "male", "f": "female"}.get(person.sex) or detect_gender(person.full_name)


def _word(gender: str | None, male: str, female: str, both: str) -> str:
    """The word agreeing with the gender, or both forms («обучающегося(ейся)») when it is unknown."""
    return both if gender is None else agree(gender, male, female)


def _director(organization: Organization) -> dict:
    director = director_of(organization)
    if director is None:
        return {"dative": "", "genitive": "", "initials": ""}
    gender = detect_gender(director.full_name)
    return {
        "dative": inflect(director.short_name, "dative", gender=gender),
        "genitive": inflect(director.short_name, "genitive", gender=gender),
        "initials": initials_first(director.full_name),
    }


def _public_page_url(organization: Organization) -> str:
    path = reverse("public:organization", kwargs={"slug": organization.slug})
    return f"{settings.SITE_URL}{path}" if settings.SITE_URL else path


def person_sheet(person: Person) -> dict:
    """The sentences of a form that depend on the person, declined and agreed."""
    gender = _gender(person)
    group = person.study_group if person.study_group_id else None
    age = person.age
    return {
        "person": person,
        "gender": gender,
        "is_minor": person.is_minor,
        "is_student": person.kind == Person.Kind.STUDENT,
        "co_signs": person.is_minor and (age is None or age >= CO_SIGN_AGE),
        "name_genitive": inflect(person.full_name, "genitive", gender=gender),
        "class_genitive": group.label_in("genitive") if group else "",
        "position_genitive": inflect_phrase(person.position, "genitive") if person.position else "",
        "short_genitive": inflect(person.short_name, "genitive", gender=gender),
        "minor_word": _word(gender, "несовершеннолетнего", "несовершеннолетней", "несовершеннолетнего(ей)"),
        "student_word": _word(gender, "обучающегося", "обучающейся", "обучающегося(ейся)"),
        "living_word": _word(gender, "проживающего", "проживающей", "проживающего(ей)"),
        "self_living_word": _word(gender, "проживающий", "проживающая", "проживающий(ая)"),
        "acquainted_word": _word(gender, "ознакомлен", "ознакомлена", "ознакомлен(а)"),
    }


def _organization_context(organization: Organization) -> dict:
    return {
        "organization": organization,
        "operator_dative": organization.name_in("dative"),
        "operator_genitive": organization.name_in("genitive"),
        "director_position_dative": organization.director_position_in("dative"),
        "director": _director(organization),
        "public_page_url": _public_page_url(organization),
        "academic_year": AcademicYear.current().name,
    }


# A background job lays the forms out this many at a time, so its progress bar moves as they are printed.
SHEETS_PER_STEP = 5


def _contexts(people: list[Person], form: str, step: int | None = None) -> tuple[ConsentFormKind, list[dict]]:
    kind = FORMS.get(form)
    if kind is None:
        raise ValidationError("Неизвестный вид бланка согласия.", code="form")
    people = [p for p in people if not p.is_anonymized]
    if form == "duties":
        people = [p for p in people if p.kind in EMPLOYEE_KINDS]
        if not people:
            raise ValidationError(
                "Согласие на дополнительную работу наставника дают педагоги и сотрудники организации.",
                code="not_employee",
            )
    if not people:
        raise ValidationError("Нет участников для печати: обезличенным бланки не печатаются.", code="empty")
    people.sort(key=lambda p: (p.organization_id, p.sort_key, p.pk))
    contexts = []
    for _, group in groupby(people, key=lambda p: p.organization_id):
        group = list(group)
        organization = _organization_context(group[0].organization)
        size = step or len(group)
        for start in range(0, len(group), size):
            contexts.append({**organization, "sheets": [person_sheet(p) for p in group[start : start + size]]})
    return kind, contexts


def consent_forms_pdf(
    *, people: list[Person], form: str = "processing", progress: Callable[[int, int], None] | None = None
) -> bytes:
    """The forms of one kind for the people, a page each, in one file; people of several organizations
    (the admin's selection) each get their own organization's requisites."""
    kind, contexts = _contexts(people, form, SHEETS_PER_STEP if progress is not None else None)
    return render_pdf_batch(kind.template, contexts, progress=progress)


def consent_forms_docx(*, people: list[Person], form: str = "processing") -> bytes:
    """The same forms in Word, from the same template: a form a page, a page break between forms."""
    from mentoring.docx import render_docx_batch

    kind, contexts = _contexts(people, form)
    return render_docx_batch(kind.template, contexts)

"""Results of questionnaires: per-question aggregates, open answers, entry vs exit growth.
A fixed number of queries per questionnaire, whatever the number of answers."""

from __future__ import annotations

from collections import Counter, defaultdict
from statistics import mean

from monitoring.charts import chart
from monitoring.kpi import Ratio, satisfaction_people
from monitoring.models import Answer, Question, Questionnaire, Response
from participants.models import MenteeProfile, MentorProfile, Person
from programs.models import Mentorship, MentorshipMember

SATISFIED_FROM = 4  # one question's answer «удовлетворён»: 4 or 5 of 5


def _answers(questionnaire: Questionnaire):
    return Answer.objects.filter(
        response__questionnaire=questionnaire, response__status=Response.Status.SUBMITTED
    ).values_list("question_id", "response__person_id", "number", "text", "choices")


def _counterpart_names(questionnaire: Questionnaire, ids: set[int]) -> dict[int, str]:
    model = MentorProfile if questionnaire.audience == Questionnaire.Audience.MENTEE else MenteeProfile
    return {p.pk: p.person.full_name for p in model.objects.filter(pk__in=ids).select_related("person")}


def question_results(questionnaire: Questionnaire) -> list[dict]:
    questions = list(questionnaire.questions.all())
    by_question: dict[int, list] = defaultdict(list)
    for question_id, _person, number, text, choices in _answers(questionnaire):
        by_question[question_id].append((number, text, choices))
    chosen_ids = {
        int(c) for q in questions if q.kind == Question.Kind.COUNTERPART for _, _, cs in by_question[q.pk] for c in cs
    }
    names = _counterpart_names(questionnaire, chosen_ids) if chosen_ids else {}
    results = []
    for question in questions:
        rows = by_question[question.pk]
        item = {"question": question, "count": len(rows), "labels": [], "values": [], "texts": []}
        if question.scale_max:
            numbers = [n for n, _, _ in rows if n is not None]
            counts = Counter(numbers)
            item["labels"] = [str(v) for v in question.scale_range]
            item["values"] = [counts.get(v, 0) for v in question.scale_range]
            item["mean"] = round(mean(numbers), 2) if numbers else None
            if question.kind == Question.Kind.SCALE5:
                item["satisfaction"] = Ratio(sum(1 for n in numbers if n >= SATISFIED_FROM), len(numbers))
        elif question.kind == Question.Kind.TEXT:
            item["texts"] = [t for _, t, _ in rows if t]
        else:
            counts = Counter(str(c) for _, _, cs in rows for c in cs)
            options = question.option_list if question.kind != Question.Kind.COUNTERPART else list(counts)
            item["labels"] = [
                names.get(int(o), o) if question.kind == Question.Kind.COUNTERPART else o for o in options
            ]
            item["values"] = [counts.get(o, 0) for o in options]
        item["chart"] = chart(question.text, item["labels"], item["values"])
        item["chart_id"] = f"chart-q{question.pk}"
        results.append(item)
    return results


def satisfaction_of(questionnaire: Questionnaire) -> Ratio:
    """People (not answers) whose mean scale rating is 4–5 of 5 (8–10 of 10) among those who answered."""
    return satisfaction_people(
        Answer.objects.filter(response__questionnaire=questionnaire, response__status=Response.Status.SUBMITTED)
    )


def growth(exit_questionnaire: Questionnaire) -> dict | None:
    """Entry vs exit: per person and per programme, over scale questions with the same code."""
    entry = exit_questionnaire.baseline
    if entry is None:
        return None
    entry_codes = dict(entry.questions.exclude(code="").values_list("pk", "code"))
    exit_codes = dict(exit_questionnaire.questions.exclude(code="").values_list("pk", "code"))
    common = set(entry_codes.values()) & set(exit_codes.values())
    scales = dict(
        Question.objects.filter(questionnaire__in=[entry, exit_questionnaire], code__in=common)
        .exclude(kind__in=[Question.Kind.TEXT, Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.COUNTERPART])
        .values_list("pk", "code")
    )
    before: dict[int, dict[str, int]] = defaultdict(dict)
    after: dict[int, dict[str, int]] = defaultdict(dict)
    for source, target in ((entry, before), (exit_questionnaire, after)):
        for question_id, person_id, number, _t, _c in _answers(source):
            if question_id in scales and number is not None:
                target[person_id][scales[question_id]] = number
    people = sorted(set(before) & set(after))
    persons = {p.pk: p for p in Person.objects.filter(pk__in=people)}
    # Mentors are measured before and after too (seed 001 items 13 and 32, seed 004 3.7).
    year_id = exit_questionnaire.academic_year_id
    programme_of = dict(
        Mentorship.objects.filter(mentor__person_id__in=people, programme__academic_year_id=year_id).values_list(
            "mentor__person_id", "programme__title"
        )
    )
    programme_of.update(
        MentorshipMember.objects.filter(
            mentee__person_id__in=people, mentorship__programme__academic_year_id=year_id
        ).values_list("mentee__person_id", "mentorship__programme__title")
    )
    rows = []
    for person_id in people:
        codes = sorted(set(before[person_id]) & set(after[person_id]))
        if not codes:
            continue
        entry_mean = mean(before[person_id][c] for c in codes)
        exit_mean = mean(after[person_id][c] for c in codes)
        rows.append(
            {
                "person": persons[person_id],
                "programme": programme_of.get(person_id, "—"),
                "entry": round(entry_mean, 2),
                "exit": round(exit_mean, 2),
                "delta": round(exit_mean - entry_mean, 2),
            }
        )
    rows.sort(key=lambda r: (r["programme"], r["person"].sort_key))
    by_programme: dict[str, list] = defaultdict(list)
    for row in rows:
        by_programme[row["programme"]].append(row)
    programmes = [
        {
            "programme": title,
            "people": len(items),
            "entry": round(mean(r["entry"] for r in items), 2),
            "exit": round(mean(r["exit"] for r in items), 2),
            "delta": round(mean(r["delta"] for r in items), 2),
            "improved": sum(1 for r in items if r["delta"] > 0),
        }
        for title, items in sorted(by_programme.items())
    ]
    texts = dict(exit_questionnaire.questions.exclude(code="").values_list("code", "text"))
    per_code = []
    for code in sorted(common & set(scales.values())):
        b = [v[code] for p, v in before.items() if code in v and p in persons]
        a = [v[code] for p, v in after.items() if code in v and p in persons]
        text = texts.get(code, code)
        per_code.append(
            {
                "code": code,
                "text": text,
                "entry": round(mean(b), 2) if b else None,
                "exit": round(mean(a), 2) if a else None,
            }
        )
    series = [
        {"label": "Вход", "values": [item["entry"] for item in per_code]},
        {"label": "Выход", "values": [item["exit"] for item in per_code]},
    ]
    figure = chart("Средняя самооценка: вход и выход", [item["text"] for item in per_code], series=series)
    return {"entry": entry, "rows": rows, "programmes": programmes, "per_code": per_code, "chart": figure}

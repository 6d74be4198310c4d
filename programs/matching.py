"""Matching mentees with mentors: a compatibility score 0–100 with reasons in plain Russian, and a
whole-cohort assignment that maximizes the total score under every mentor's capacity.

One implementation serves both: the score of every (mentee, mentor) pair is the sum of component
matrices computed with numpy, so a suggestion's reasons are read from the same numbers the
optimizer used. The assignment is a rectangular min-cost assignment (scipy's
linear_sum_assignment) over mentor capacity slots plus one «no mentor» column per mentee."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from mentoring.text import normalize_search

# Points of each component; the maximum total is 100.
MUTUAL_CHOICE = 30
MENTEE_CHOSE = 18
MENTOR_CHOSE = 10
REQUEST_MATCH_PER_WORD, REQUEST_MATCH_MAX = 10, 20
SHARED_SUBJECT = 10
DISTANCE_MAX = 10
INTERESTS_PER_WORD, INTERESTS_MAX = 5, 10
NOTE_PER_WORD, NOTE_MAX = 4, 8
CAPACITY_MAX = 6
PREFERRED_GRADE_BONUS, PREFERRED_GRADE_PENALTY = 6, -10

_WORD = re.compile(r"[a-zа-я0-9]+")
_STOP = {
    "хочу",
    "нужна",
    "нужен",
    "нужно",
    "помощь",
    "помогу",
    "помочь",
    "очень",
    "класс",
    "класса",
    "классе",
    "могу",
    "буду",
    "чтобы",
    "который",
    "которые",
    "также",
    "более",
    "работа",
    "работы",
    "научиться",
    "научу",
    "разобраться",
    "подтянуть",
    "участвовать",
    "готовиться",
    "подготовка",
    "подготовиться",
    "подготовке",
    "других",
    "новых",
    "своих",
}
STEM = 5  # Russian endings vary: «математику», «математика», «математике» share their first letters


def stems(text: str) -> dict[str, str]:
    """Stem → the first word it came from (for the reasons shown to the curator)."""
    found: dict[str, str] = {}
    for word in _WORD.findall(normalize_search(text)):
        if len(word) >= 4 and word not in _STOP:
            found.setdefault(word[:STEM], word)
    return found


@dataclass
class Side:
    """Features of mentees or of mentors, in the order of ``ids``."""

    ids: list[int]
    labels: list[str]
    grade: np.ndarray  # float, nan when unknown
    experience: np.ndarray  # float, nan when unknown
    person_ids: np.ndarray
    texts: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # kind → stems per person


@dataclass
class Cohort:
    mentees: Side
    mentors: Side
    rule: str  # "", "higher_grade", "more_experience"
    capacity_left: np.ndarray  # per mentor
    capacity: np.ndarray
    preferred_min: np.ndarray  # per mentor, nan when not set
    preferred_max: np.ndarray
    choices: dict[tuple[int, int], set[str]] = field(default_factory=dict)  # (mentee idx, mentor idx) → directions
    components: dict[str, np.ndarray] = field(default_factory=dict)
    feasible: np.ndarray | None = None
    score: np.ndarray | None = None
    # The profiles the cohort was built from (cohort_for), id → profile: the matching page shows them.
    profiles: dict[str, dict] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ scoring

    def compute(self) -> Cohort:
        n, m = len(self.mentees.ids), len(self.mentors.ids)
        c = self.components
        c["choice"] = np.zeros((n, m))
        for (i, j), directions in self.choices.items():
            if {"mentee", "mentor"} <= directions:
                c["choice"][i, j] = MUTUAL_CHOICE
            elif "mentee" in directions:
                c["choice"][i, j] = MENTEE_CHOSE
            else:
                c["choice"][i, j] = MENTOR_CHOSE
        c["request"] = np.minimum(REQUEST_MATCH_MAX, REQUEST_MATCH_PER_WORD * self._overlap("request", "offer"))
        c["subject"] = SHARED_SUBJECT * (self._overlap("subject", "subject") > 0)
        c["interests"] = np.minimum(INTERESTS_MAX, INTERESTS_PER_WORD * self._overlap("interests", "interests"))
        c["note"] = np.minimum(NOTE_MAX, NOTE_PER_WORD * self._overlap("note", "offer"))
        c["distance"] = self._distance_points()
        with np.errstate(invalid="ignore", divide="ignore"):
            free = np.where(self.capacity > 0, self.capacity_left / self.capacity, 0.0)
        c["capacity"] = np.broadcast_to(np.round(CAPACITY_MAX * free), (n, m)).copy()
        c["preferred"] = self._preferred_points()
        total = sum(c.values())
        self.score = np.clip(np.rint(total), 0, 100).astype(int)
        self.feasible = self._feasible()
        return self

    def _overlap(self, mentee_kind: str, mentor_kind: str) -> np.ndarray:
        """Shared stems of each (mentee, mentor) pair: a matrix product of 0/1 incidence matrices."""
        left = self.mentees.texts.get(mentee_kind, [{} for _ in self.mentees.ids])
        right = self.mentors.texts.get(mentor_kind, [{} for _ in self.mentors.ids])
        vocabulary: dict[str, int] = {}
        for words in (*left, *right):
            for stem in words:
                vocabulary.setdefault(stem, len(vocabulary))
        if not vocabulary:
            return np.zeros((len(left), len(right)))
        a = np.zeros((len(left), len(vocabulary)), dtype=np.float32)
        b = np.zeros((len(right), len(vocabulary)), dtype=np.float32)
        for i, words in enumerate(left):
            a[i, [vocabulary[s] for s in words]] = 1
        for j, words in enumerate(right):
            b[j, [vocabulary[s] for s in words]] = 1
        return a @ b.T

    def _difference(self) -> np.ndarray:
        if self.rule == "more_experience" or (
            np.isnan(self.mentees.grade).all() and not np.isnan(self.mentees.experience).all()
        ):
            return self.mentors.experience[None, :] - self.mentees.experience[:, None]
        return self.mentors.grade[None, :] - self.mentees.grade[:, None]

    def _uses_experience(self) -> bool:
        return self.rule == "more_experience" or (
            np.isnan(self.mentees.grade).all() and not np.isnan(self.mentees.experience).all()
        )

    def _distance_points(self) -> np.ndarray:
        diff = self._difference()
        points = np.zeros_like(diff)
        if self._uses_experience():
            points = np.select([diff >= 10, diff >= 5, diff >= 1], [10, 8, 4], 0)
        else:
            points = np.select([(diff >= 2) & (diff <= 3), (diff == 1) | (diff == 4), diff >= 5], [10, 6, 2], 0)
        return np.where(np.isnan(diff), 0, points).astype(float)

    def _preferred_points(self) -> np.ndarray:
        grade = self.mentees.grade[:, None]
        low, high = self.preferred_min[None, :], self.preferred_max[None, :]
        has_range = ~(np.isnan(low) & np.isnan(high))
        inside = (np.isnan(low) | (grade >= low)) & (np.isnan(high) | (grade <= high))
        points = np.where(
            has_range & ~np.isnan(grade), np.where(inside, PREFERRED_GRADE_BONUS, PREFERRED_GRADE_PENALTY), 0
        )
        return points.astype(float)

    def _feasible(self) -> np.ndarray:
        n, m = len(self.mentees.ids), len(self.mentors.ids)
        ok = np.ones((n, m), dtype=bool)
        ok &= self.capacity_left[None, :] > 0
        ok &= self.mentees.person_ids[:, None] != self.mentors.person_ids[None, :]
        diff = self._difference()
        if self.rule in ("higher_grade", "more_experience"):
            ok &= ~np.isnan(diff) & (diff > 0)
        return ok

    # ------------------------------------------------------------------ results

    # Components that come from what is known about the people; capacity, grade distance and the
    # mentor's preferred grades alone rank every mentor of a class nearly alike.
    INFORMATIVE = ("choice", "request", "subject", "interests", "note")

    def informative(self, i: int) -> bool:
        """Whether anything known about mentee i distinguishes one feasible mentor from another."""
        feasible = self.feasible[i]
        return any(bool((self.components[name][i] * feasible).any()) for name in self.INFORMATIVE)

    def suggestions(self, i: int, limit: int = 5) -> list[tuple[int, int]]:
        """Top mentors (index, score) for mentee i, feasible only, best first."""
        order = np.argsort(-self.score[i], kind="stable")
        return [(int(j), int(self.score[i, j])) for j in order if self.feasible[i, j]][:limit]

    def reasons(self, i: int, j: int) -> list[tuple[str, int]]:
        """The score of (i, j) explained: (Russian sentence, points), largest first."""
        c = {name: int(round(matrix[i, j])) for name, matrix in self.components.items()}
        mentee, mentor = self.mentees, self.mentors
        out: list[tuple[str, int]] = []
        directions = self.choices.get((i, j), set())
        if c["choice"]:
            text = (
                {
                    MUTUAL_CHOICE: "взаимный выбор после групповой встречи",
                    MENTEE_CHOSE: "наставляемый назвал этого наставника после групповой встречи",
                    MENTOR_CHOSE: "наставник назвал этого наставляемого после групповой встречи",
                }[c["choice"]]
                if directions
                else "выбор после групповой встречи"
            )
            out.append((text, c["choice"]))
        if c["request"]:
            words = _shared(mentee.texts["request"][i], mentor.texts["offer"][j])
            out.append((f"запрос совпадает с компетенциями наставника: {words}", c["request"]))
        if c["subject"]:
            out.append(
                (f"общий предмет: {_shared(mentee.texts['subject'][i], mentor.texts['subject'][j])}", c["subject"])
            )
        if c["distance"]:
            diff = int(self._difference()[i, j])
            unit = "стаже" if self._uses_experience() else "классах"
            amount = _years(diff) if self._uses_experience() else str(diff)
            out.append((f"разница в {unit}: {amount}", c["distance"]))
        if c["interests"]:
            words = _shared(mentee.texts["interests"][i], mentor.texts["interests"][j])
            out.append((f"общие интересы: {words}", c["interests"]))
        if c["note"]:
            words = _shared(mentee.texts["note"][i], mentor.texts["offer"][j])
            out.append((f"учтена заметка педагога-психолога: {words}", c["note"]))
        if c["capacity"]:
            out.append(
                (f"свободных мест у наставника: {int(self.capacity_left[j])} из {int(self.capacity[j])}", c["capacity"])
            )
        if c["preferred"]:
            low, high = self.preferred_min[j], self.preferred_max[j]
            span = f"{'' if np.isnan(low) else int(low)}–{'' if np.isnan(high) else int(high)}"
            text = (
                f"класс наставляемого в желаемом наставником диапазоне ({span})"
                if c["preferred"] > 0
                else f"класс наставляемого вне желаемого наставником диапазона ({span})"
            )
            out.append((text, c["preferred"]))
        return sorted(out, key=lambda item: -item[1])

    def assign(self) -> list[tuple[int, int | None, int]]:
        """The global optimum: each mentee → a mentor index or None, with the pair's score."""
        n = len(self.mentees.ids)
        slots = np.repeat(np.arange(len(self.mentors.ids)), np.maximum(self.capacity_left, 0).astype(int))
        if n == 0:
            return []
        # Cost of a real slot: minus the score (forbidden pairs cost more than leaving the mentee
        # without a mentor); one «no mentor» column per mentee costs nothing.
        real = np.where(self.feasible[:, slots], -self.score[:, slots].astype(float), 1e6)
        cost = np.hstack([real, np.zeros((n, n))])
        rows, cols = linear_sum_assignment(cost)
        result: list[tuple[int, int | None, int]] = []
        for i, col in zip(rows, cols, strict=True):
            if col < len(slots) and self.feasible[i, slots[col]]:
                j = int(slots[col])
                result.append((int(i), j, int(self.score[i, j])))
            else:
                result.append((int(i), None, 0))
        return result


def _shared(left: dict[str, str], right: dict[str, str]) -> str:
    return ", ".join(right[stem] for stem in left if stem in right) or "—"


def _years(n: int) -> str:
    n = abs(n)
    word = "лет" if 11 <= n % 100 <= 14 else {1: "год", 2: "года", 3: "года", 4: "года"}.get(n % 10, "лет")
    return f"{n} {word}"


# ---------------------------------------------------------------------- from the database


def cohort_for(programme, *, mentee_ids: list[int] | None = None) -> Cohort:
    """The waiting mentees and pairable mentors of a programme's organization, as the form allows."""
    from participants.models import Consent, MenteeProfile, MentorProfile
    from programs.models import MentorshipMember, Preference
    from programs.selectors import open_load
    from programs.services import PAIRABLE_MENTOR_STATUSES, SIDE_KINDS

    side_kinds = SIDE_KINDS
    form = programme.form
    org = programme.organization_id
    mentees = MenteeProfile.objects.filter(
        person__organization_id=org, status=MenteeProfile.Status.WAITING, person__is_anonymized=False
    ).exclude(pk__in=MentorshipMember.objects.filter(programme=programme, is_active=True).values("mentee_id"))
    if form.mentee_side in side_kinds:
        mentees = mentees.filter(person__kind__in=side_kinds[form.mentee_side])
    if mentee_ids is not None:
        mentees = mentees.filter(pk__in=mentee_ids)
    mentors = MentorProfile.objects.filter(
        person__organization_id=org, status__in=PAIRABLE_MENTOR_STATUSES, person__is_anonymized=False
    )
    if form.mentor_side in side_kinds:
        mentors = mentors.filter(person__kind__in=side_kinds[form.mentor_side])
    related = ("person", "person__study_group")
    # Nobody without a valid processing consent is proposed (152-ФЗ); the view lists them apart. Decided in
    # SQL: loading every consent of a region school's cohort cost more than the matching itself.
    consented = Consent.objects.valid_exists(Consent.Kind.PROCESSING, person="person")
    mentees = list(mentees.filter(consented).select_related(*related).order_by("status_date", "pk"))
    mentors = list(mentors.filter(consented).select_related(*related).order_by("pk"))
    load = open_load([m.pk for m in mentors])
    mentee_index = {m.pk: i for i, m in enumerate(mentees)}
    mentor_index = {m.pk: j for j, m in enumerate(mentors)}
    choices: dict[tuple[int, int], set[str]] = {}
    for mentee_id, mentor_id, direction in Preference.objects.filter(
        mentee_id__in=mentee_index, mentor_id__in=mentor_index
    ).values_list("mentee_id", "mentor_id", "direction"):
        choices.setdefault((mentee_index[mentee_id], mentor_index[mentor_id]), set()).add(direction)

    def side(profiles, texts) -> Side:
        return Side(
            ids=[p.pk for p in profiles],
            labels=[p.person.short_name for p in profiles],
            grade=np.array([p.person.grade if p.person.grade is not None else np.nan for p in profiles], dtype=float),
            experience=np.array(
                [p.person.teaching_years if p.person.teaching_years is not None else np.nan for p in profiles],
                dtype=float,
            ),
            person_ids=np.array([p.person_id for p in profiles]),
            texts=texts,
        )

    mentee_side = side(
        mentees,
        {
            "request": [stems(m.request) for m in mentees],
            "subject": [stems(m.person.subject) for m in mentees],
            "interests": [stems(m.interests) for m in mentees],
            "note": [stems(m.psychologist_note) for m in mentees],
        },
    )
    mentor_side = side(
        mentors,
        {
            "offer": [stems(f"{m.competencies} {m.useful_for} {m.person.subject}") for m in mentors],
            "subject": [stems(m.person.subject) for m in mentors],
            "interests": [stems(m.interests) for m in mentors],
        },
    )
    return Cohort(
        mentees=mentee_side,
        mentors=mentor_side,
        rule=form.rule,
        capacity=np.array([m.capacity for m in mentors], dtype=float),
        capacity_left=np.array([max(0, m.capacity - load.get(m.pk, 0)) for m in mentors], dtype=float),
        preferred_min=np.array([m.preferred_grade_min or np.nan for m in mentors], dtype=float),
        preferred_max=np.array([m.preferred_grade_max or np.nan for m in mentors], dtype=float),
        choices=choices,
        profiles={"mentees": {m.pk: m for m in mentees}, "mentors": {m.pk: m for m in mentors}},
    ).compute()


# ---------------------------------------------------------------------- benchmark


def synthetic_cohort(mentees: int = 1000, mentors: int = 300, seed: int = 0) -> Cohort:
    """A cohort of the given size with realistic feature densities, without the database."""
    rng = np.random.default_rng(seed)
    subjects = ["математ", "русски", "физика", "химия", "биолог", "информ", "истори", "англий", "геогра", "литера"]
    hobbies = ["шахма", "футбо", "музык", "театр", "робот", "волон", "рисов", "танцы", "чтени", "поход"]

    def words(pool, k, n):
        return [{w: w for w in rng.choice(pool, size=k, replace=False)} for _ in range(n)]

    mentee_side = Side(
        ids=list(range(mentees)),
        labels=[str(i) for i in range(mentees)],
        grade=rng.integers(5, 10, mentees).astype(float),
        experience=np.full(mentees, np.nan),
        person_ids=np.arange(mentees),
        texts={
            "request": words(subjects, 2, mentees),
            "subject": [{} for _ in range(mentees)],
            "interests": words(hobbies, 2, mentees),
            "note": words(hobbies, 1, mentees),
        },
    )
    mentor_side = Side(
        ids=list(range(mentors)),
        labels=[str(j) for j in range(mentors)],
        grade=rng.integers(8, 12, mentors).astype(float),
        experience=np.full(mentors, np.nan),
        person_ids=np.arange(mentees, mentees + mentors),
        texts={
            "offer": words(subjects, 3, mentors),
            "subject": [{} for _ in range(mentors)],
            "interests": words(hobbies, 3, mentors),
        },
    )
    capacity = rng.integers(1, 5, mentors).astype(float)
    choices = {}
    for i in rng.choice(mentees, size=mentees // 3, replace=False):
        j = int(rng.integers(0, mentors))
        choices[(int(i), j)] = {"mentee", "mentor"} if rng.random() < 0.5 else {"mentee"}
    return Cohort(
        mentees=mentee_side,
        mentors=mentor_side,
        rule="higher_grade",
        capacity=capacity,
        capacity_left=capacity.copy(),
        preferred_min=np.full(mentors, np.nan),
        preferred_max=np.full(mentors, np.nan),
        choices=choices,
    )


def benchmark_cohort(mentees: int = 1000, mentors: int = 300, seed: int = 0) -> dict:
    """Scoring and the whole-cohort assignment of a synthetic cohort, timed."""
    cohort = synthetic_cohort(mentees, mentors, seed)
    started = time.perf_counter()
    cohort.compute()
    result = cohort.assign()
    seconds = time.perf_counter() - started
    assigned = sum(1 for _, j, _ in result if j is not None)
    return {"seconds": seconds, "assigned": assigned, "total_score": int(sum(s for _, _, s in result))}

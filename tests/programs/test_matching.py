import itertools

import numpy as np
import pytest
from django.urls import reverse

from mentoring.orders import documents as order_documents
from mentoring.orders import services as order_services
from mentoring.orders.models import Order
from programs.matching import Cohort, Side, benchmark_cohort, cohort_for
from programs.models import MatchingProposal, Mentorship, Preference
from tests.programs.factories import student_mentee, student_mentor, teacher_mentor
from tests.programs.objects import programme_for


def _cohort(scores, capacity, feasible=None) -> Cohort:
    """A cohort whose score matrix is given directly (for the optimizer's own tests)."""
    n, m = np.array(scores).shape

    def side(k, offset):
        return Side(
            ids=list(range(k)),
            labels=[""] * k,
            grade=np.full(k, np.nan),
            experience=np.full(k, np.nan),
            person_ids=np.arange(offset, offset + k),
        )

    cohort = Cohort(
        mentees=side(n, 0),
        mentors=side(m, 100),
        rule="",
        capacity=np.array(capacity, float),
        capacity_left=np.array(capacity, float),
        preferred_min=np.full(m, np.nan),
        preferred_max=np.full(m, np.nan),
    )
    cohort.score = np.array(scores)
    cohort.feasible = np.ones((n, m), bool) if feasible is None else np.array(feasible)
    return cohort


def _brute_force(scores, capacity, feasible) -> int:
    n, m = scores.shape
    best = 0
    for choice in itertools.product([None, *range(m)], repeat=n):
        load = [0] * m
        total = 0
        for i, j in enumerate(choice):
            if j is None:
                continue
            if not feasible[i, j]:
                break
            load[j] += 1
            total += scores[i, j]
        else:
            if all(load[j] <= capacity[j] for j in range(m)):
                best = max(best, total)
    return best


@pytest.mark.parametrize("seed", range(12))
def test_the_whole_cohort_assignment_is_the_global_optimum(seed):
    rng = np.random.default_rng(seed)
    n, m = rng.integers(2, 6), rng.integers(1, 4)
    scores = rng.integers(0, 100, (n, m))
    capacity = rng.integers(1, 3, m)
    feasible = rng.random((n, m)) > 0.2
    result = _cohort(scores, capacity, feasible).assign()
    assert sum(s for _, _, s in result) == _brute_force(scores, capacity, feasible)
    for j in range(m):
        assert sum(1 for _, mentor, _ in result if mentor == j) <= capacity[j]
    assert all(feasible[i, j] for i, j, _ in result if j is not None)


def test_it_beats_first_come_greedy():
    # Greedy gives the first mentee their best mentor (90) and leaves the second with 10: 100 in all.
    # The optimum swaps them: 80 + 85 = 165.
    result = _cohort([[90, 80], [85, 10]], [1, 1]).assign()
    assert sorted((i, j) for i, j, _ in result) == [(0, 1), (1, 0)]
    assert sum(s for _, _, s in result) == 165


def test_benchmark_runs_on_a_synthetic_cohort():
    figures = benchmark_cohort(mentees=60, mentors=20, seed=1)
    assert figures["assigned"] > 0 and figures["seconds"] < 5


@pytest.mark.django_db
def test_mutual_choice_weighs_most_and_every_point_has_a_russian_reason(world):
    programme = programme_for(world.org, "Ученик – ученик")
    mentee = student_mentee(world.org, grade=6, request="Подтянуть математику и геометрию")
    mentee.interests = "шахматы"
    mentee.save()
    chosen = student_mentor(world.org, grade=9, capacity=2)
    expert = student_mentor(world.org, grade=9, capacity=2)
    expert.competencies, expert.interests = "Математика, геометрия, олимпиады", "шахматы, футбол"
    expert.save()
    for direction in ("mentee", "mentor"):
        Preference.objects.create(organization=world.org, mentee=mentee, mentor=chosen, direction=direction)
    younger = student_mentor(world.org, grade=6)  # the form's rule excludes a mentor of the same grade
    cohort = cohort_for(programme)
    suggestions = dict(cohort.suggestions(0))
    j_chosen, j_expert = cohort.mentors.ids.index(chosen.pk), cohort.mentors.ids.index(expert.pk)
    assert cohort.mentors.ids.index(younger.pk) not in suggestions
    reasons = dict(cohort.reasons(0, j_expert))
    assert reasons["запрос совпадает с компетенциями наставника: математика, геометрия"] == 20
    assert reasons["общие интересы: шахматы"] == 5
    assert reasons["разница в классах: 3"] == 10
    assert dict(cohort.reasons(0, j_chosen))["взаимный выбор после групповой встречи"] == 30
    for j in (j_chosen, j_expert):
        assert sum(points for _, points in cohort.reasons(0, j)) == suggestions[j]  # the reasons add up to the score


@pytest.mark.django_db
def test_mentees_without_consent_are_not_proposed(world):
    programme = programme_for(world.org)
    teacher_mentor(world.org)
    with_consent, without = student_mentee(world.org), student_mentee(world.org, consent=False)
    cohort = cohort_for(programme)
    assert with_consent.pk in cohort.mentees.ids and without.pk not in cohort.mentees.ids


@pytest.mark.django_db
def test_curator_goes_from_waiting_mentees_to_fixed_pairs(world, login):
    programme = programme_for(world.org, "Ученик – ученик")
    mentors = [student_mentor(world.org, grade=10, capacity=1), student_mentor(world.org, grade=11, capacity=1)]
    mentees = [
        student_mentee(world.org, grade=5),
        student_mentee(world.org, grade=6),
        student_mentee(world.org, grade=7),
    ]
    client = login(world.curator)
    page = client.get(reverse("programs:matching", kwargs={"pk": programme.pk}))
    assert page.status_code == 200 and "разница в классах" in page.content.decode()
    response = client.post(reverse("programs:propose", kwargs={"pk": programme.pk}))
    proposal = MatchingProposal.objects.get()
    assert response["Location"] == reverse("programs:proposal", kwargs={"pk": proposal.pk})
    assert sum(1 for a in proposal.assignments if a["mentor"]) == 2  # two places for three mentees
    review = client.get(response["Location"])
    assert "нет подходящего наставника со свободным местом" in review.content.decode()
    # The curator changes nothing and confirms; a double submit creates nothing twice.
    choices = {f"mentor_{a['mentee']}": a["mentor"] or "" for a in proposal.assignments}
    client.post(response["Location"], choices)
    again = client.post(response["Location"], choices, follow=True)
    assert "уже подтверждено" in again.content.decode()
    assert Mentorship.objects.filter(status="draft").count() == 2
    # The director's order fixes them.
    client.post(reverse("programs:pairs_order", kwargs={"pk": programme.pk}))
    order = Order.objects.get(kind="pairs")
    assert Mentorship.objects.filter(order=order).count() == 2
    document = order_documents.order_document(order)
    annex_text = str(document)
    assert mentees[0].person.full_name in annex_text or mentees[1].person.full_name in annex_text
    order_services.order_sign(order=order, user=world.director)
    assert set(Mentorship.objects.values_list("status", flat=True)) == {"fixed"}
    assert all(p.fixed_by.startswith("Приказ от") for p in Mentorship.objects.all())
    assert {m.pk for m in mentors} == set(Mentorship.objects.values_list("mentor_id", flat=True))


@pytest.mark.django_db
def test_a_confirmation_that_breaks_a_rule_creates_nothing(world, login):
    programme = programme_for(world.org, "Ученик – ученик")
    mentor = student_mentor(world.org, grade=10, capacity=1)
    first, second = student_mentee(world.org, grade=5), student_mentee(world.org, grade=6)
    proposal = MatchingProposal.objects.create(
        organization=world.org,
        programme=programme,
        assignments=[
            {"mentee": first.pk, "mentor": mentor.pk, "score": 50},
            {"mentee": second.pk, "mentor": None, "score": 0},
        ],
    )
    # The curator puts both mentees with the one-place mentor.
    response = login(world.curator).post(
        reverse("programs:proposal", kwargs={"pk": proposal.pk}),
        {f"mentor_{first.pk}": mentor.pk, f"mentor_{second.pk}": mentor.pk},
        follow=True,
    )
    assert "1 мест, занято 1" in response.content.decode()
    assert not Mentorship.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == "draft"


@pytest.mark.django_db
def test_forged_ids_in_the_proposal_form_are_refused(world, login):
    programme = programme_for(world.org)
    mentee = student_mentee(world.org)
    proposal = MatchingProposal.objects.create(
        organization=world.org, programme=programme, assignments=[{"mentee": mentee.pk, "mentor": None, "score": 0}]
    )
    response = login(world.curator).post(
        reverse("programs:proposal", kwargs={"pk": proposal.pk}), {f"mentor_{mentee.pk}": "1 OR 1=1"}
    )
    assert response.status_code == 404
    outsider_mentor = teacher_mentor(world.other_org)
    response = login(world.curator).post(
        reverse("programs:proposal", kwargs={"pk": proposal.pk}),
        {f"mentor_{mentee.pk}": outsider_mentor.pk},
        follow=True,
    )
    assert "другой организации" in response.content.decode() or "нет данных" in response.content.decode()
    assert not Mentorship.objects.exists()

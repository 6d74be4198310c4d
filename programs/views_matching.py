"""Matching: suggestions with reasons per waiting mentee, and the whole-cohort proposal the
curator reviews, edits and confirms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentoring.access import COORDINATORS, require_roles
from participants.access import get_mentee_for
from participants.models import Consent, MenteeProfile, MentorProfile
from programs import access, selectors, services
from programs.forms import MatchingFilterForm, ProposalConfirmForm
from programs.matching import cohort_for
from programs.models import MatchingProposal, Preference

SUGGESTIONS = 5


def missing_data(mentee: MenteeProfile, *, chose_mentor: bool) -> list[str]:
    """What matching lacks about a mentee, in the words the curator collects it by."""
    missing = []
    if not mentee.request.strip():
        missing.append("запрос")
    if not mentee.interests.strip():
        missing.append("интересы")
    if not chose_mentor:
        missing.append("выбор наставника после групповой встречи")
    return missing


def data_gaps(rows: list[dict], mentors: list[MentorProfile]) -> dict:
    """The overall picture: how many mentees lack each item, which classes to send the questionnaire to,
    and how many mentors have no competencies or interests on file."""
    counts = {sentence: sum(1 for row in rows if label in row["missing"]) for label, sentence in MISSING.items()}
    classes: dict[int, dict] = {}
    for row in rows:
        group = row["mentee"].person.study_group
        if group and "выбор наставника после групповой встречи" in row["missing"]:
            classes.setdefault(group.pk, {"group": group, "n": 0})["n"] += 1
    return {
        "counts": [(label, n) for label, n in counts.items() if n],
        "thin": sum(1 for row in rows if row["thin"]),
        "classes": sorted(classes.values(), key=lambda c: (c["group"].grade or 0, c["group"].name)),
        "mentors_blank": sum(1 for m in mentors if not (m.competencies.strip() or m.interests.strip())),
        "total": len(rows),
    }


# Ten cards of five suggestions each with their reasons: one screenful to decide on, not a scroll of 25.
MENTEES_PER_PAGE = 10

MISSING = {
    "запрос": "Нет запроса наставляемого",
    "интересы": "Не указаны интересы",
    "выбор наставника после групповой встречи": "Не заполнена анкета после групповой встречи (выбор наставника)",
}


@require_roles(*COORDINATORS)
def match_mentee(request: HttpRequest, mentee_pk: int) -> HttpResponse:
    """«Подобрать» from the waiting list: the matching of the programme whose form takes this mentee."""
    mentee = get_mentee_for(request.user, mentee_pk)
    programmes = list(selectors.programmes_for_mentee(mentee))
    if len(programmes) == 1:
        return redirect(reverse("programs:matching", args=[programmes[0].pk]) + f"?mentee={mentee.pk}")
    if not programmes:
        messages.error(
            request,
            f"Нет реализуемой программы, в форме которой {mentee.person.short_name} может быть наставляемым: "
            "создайте программу наставничества на учебный год.",
        )
        return redirect("programs:programmes")
    return render(request, "programs/match_mentee.html", {"mentee": mentee, "programmes": programmes})


@require_roles(*COORDINATORS)
def matching(request: HttpRequest, pk: int) -> HttpResponse:
    programme = access.get_programme_for(request.user, pk)
    only = MatchingFilterForm(request.GET)
    only_mentee = only.cleaned_data["mentee"] if only.is_valid() else None
    cohort = cohort_for(programme)
    mentees, mentors = cohort.profiles["mentees"], cohort.profiles["mentors"]  # person and class loaded
    chose = set(
        Preference.objects.filter(
            mentee_id__in=cohort.mentees.ids, direction=Preference.Direction.MENTEE_CHOSE
        ).values_list("mentee_id", flat=True)
    )
    rows = []
    for i, mentee_id in enumerate(cohort.mentees.ids):
        if only_mentee and mentee_id != only_mentee:
            continue
        mentee = mentees[mentee_id]
        rows.append(
            {
                "i": i,
                "mentee": mentee,
                "missing": missing_data(mentee, chose_mentor=mentee_id in chose),
                "thin": not cohort.informative(i),
            }
        )
    # Suggestions are drawn for one page of mentees: a region's school has a hundred and more waiting, and
    # five cards with their reasons each are most of the page's cost. The summary above counts them all.
    page = Paginator(rows, MENTEES_PER_PAGE).get_page(request.GET.get("page"))
    for row in page:
        row["suggestions"] = [
            {"mentor": mentors[cohort.mentors.ids[j]], "score": score, "reasons": cohort.reasons(row["i"], j)}
            for j, score in cohort.suggestions(row["i"], SUGGESTIONS)
        ]
    excluded = list(
        MenteeProfile.objects.filter(person__organization=programme.organization, status=MenteeProfile.Status.WAITING)
        .exclude(Consent.objects.valid_exists(Consent.Kind.PROCESSING, person="person"))
        .select_related("person")
        .order_by("person__sort_key", "pk")
    )
    context = {
        "programme": programme,
        "rows": page,
        "page": page,
        "waiting_total": len(rows),
        "excluded": excluded,
        "free_places": int(cohort.capacity_left.sum()),
        "gaps": data_gaps(rows, list(mentors.values())),
        "only_mentee": only_mentee,
        # One form per suggestion (hundreds at region scale) posts here: reversed once, not per form.
        "pair_create_url": reverse("programs:pair_create", args=[programme.pk]),
    }
    return render(request, "programs/matching.html", context)


@require_POST
@require_roles(*COORDINATORS)
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    programme = access.get_programme_for(request.user, pk)
    cohort = cohort_for(programme)
    if not cohort.mentees.ids:
        messages.info(request, "Нет наставляемых, ожидающих пару по этой программе.")
        return redirect("programs:matching", pk=pk)
    result = cohort.assign()
    assignments = [
        {"mentee": cohort.mentees.ids[i], "mentor": cohort.mentors.ids[j] if j is not None else None, "score": score}
        for i, j, score in result
    ]
    programme.proposals.filter(status=MatchingProposal.Status.DRAFT).update(status=MatchingProposal.Status.DISCARDED)
    proposal = MatchingProposal.objects.create(
        organization=programme.organization,
        programme=programme,
        assignments=assignments,
        total_score=sum(a["score"] for a in assignments),
        created_by=request.user,
    )
    return redirect("programs:proposal", pk=proposal.pk)


@require_roles(*COORDINATORS)
def proposal(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_proposal_for(request.user, pk)
    if request.method == "POST":
        return _confirm(request, item)
    cohort = cohort_for(item.programme, mentee_ids=[a["mentee"] for a in item.assignments])
    index = {mentee_id: i for i, mentee_id in enumerate(cohort.mentees.ids)}
    mentor_index = {mentor_id: j for j, mentor_id in enumerate(cohort.mentors.ids)}
    mentees = MenteeProfile.objects.select_related("person__study_group").in_bulk(
        [a["mentee"] for a in item.assignments]
    )
    mentors = MentorProfile.objects.select_related("person__study_group").in_bulk(cohort.mentors.ids)
    rows = []
    for assignment in item.assignments:
        i = index.get(assignment["mentee"])
        j = mentor_index.get(assignment["mentor"])
        options = [] if i is None else [(mentors[cohort.mentors.ids[o]], s) for o, s in cohort.suggestions(i, 8)]
        rows.append(
            {
                "mentee": mentees.get(assignment["mentee"]),
                "mentor": mentors.get(assignment["mentor"]),
                "score": assignment["score"],
                "reasons": cohort.reasons(i, j) if i is not None and j is not None else [],
                "options": options,
            }
        )
    assigned = sum(1 for a in item.assignments if a["mentor"])
    context = {"proposal": item, "rows": rows, "assigned": assigned, "group_offers": _group_offers(item, rows)}
    return render(request, "programs/proposal.html", context)


def _group_offers(item: MatchingProposal, rows: list[dict]) -> list[dict]:
    """Mentors given two or more mentees by the proposal, where the form allows groups."""
    if not item.programme.form.allows_groups:
        return []
    by_mentor: dict[int, dict] = {}
    for row in rows:
        if row["mentor"] and row["mentee"]:
            offer = by_mentor.setdefault(row["mentor"].pk, {"mentor": row["mentor"], "mentees": []})
            offer["mentees"].append(row["mentee"].person.short_name)
    return [offer for offer in by_mentor.values() if len(offer["mentees"]) > 1]


def _confirm(request: HttpRequest, item: MatchingProposal) -> HttpResponse:
    form = ProposalConfirmForm(request.POST, assignments=item.assignments)
    if not form.is_valid():
        raise Http404("Неверный запрос")
    choices = form.choices()
    try:
        created, errors = services.proposal_confirm(
            proposal=item, choices=choices, user=request.user, groups=form.groups()
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("programs:programme", pk=item.programme_id)
    if errors:
        for error in errors:
            messages.error(request, error)
        messages.error(request, "Пары не созданы: исправьте выбор и подтвердите снова.")
        return redirect("programs:proposal", pk=item.pk)
    groups = sum(1 for pair in created if len(pair.active_members) > 1)
    made = f"Создано пар и групп (черновики): {len(created)}" + (f", из них групп: {groups}" if groups else "")
    messages.success(request, f"{made}. Проведите пробные встречи и подготовьте приказ о закреплении.")
    return redirect("programs:programme", pk=item.programme_id)

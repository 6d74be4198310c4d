"""Reads of the participants' lists shared by their pages, their exports and the bulk actions:
«все по фильтру» must find exactly the people the page shows."""

from __future__ import annotations

from django.db.models import QuerySet

from mentoring.access import for_organization, user_organization
from mentoring.search import search_queryset
from participants import access
from participants.forms import MenteeFilterForm, MentorFilterForm, PeopleFilterForm
from participants.models import MenteeProfile, MentorProfile


def filtered(form, queryset: QuerySet, filters: dict[str, str]) -> QuerySet:
    """Applies a valid filter form; an invalid one (a forged GET) shows everything and says why."""
    default_order = form.SORTS[next(iter(form.SORTS))]
    if not form.is_valid():
        return queryset.order_by(*default_order)
    data = form.cleaned_data
    queryset = search_queryset(queryset, data.get("q") or "", field=filters.pop("q", "search_text"))
    for name, lookup in filters.items():
        if data.get(name):
            queryset = queryset.filter(**{lookup: data[name]})
    return queryset.order_by(*(form.SORTS[data["sort"]] if data.get("sort") else default_order))


def people_filtered(user, data) -> tuple[PeopleFilterForm, QuerySet]:
    """The people list as its filter (a page's GET, or the bulk form's copy of it) shows it."""
    organization = user_organization(user)
    form = PeopleFilterForm(data or None, organization=organization)
    people = access.visible_people(user).select_related("study_group", "mentor_profile", "mentee_profile", "user")
    people = filtered(form, people, {"kind": "kind", "group": "study_group"})
    return form, people


def mentors_filtered(user, data) -> tuple[MentorFilterForm, QuerySet]:
    form = MentorFilterForm(data or None)
    mentors = for_organization(
        user,
        MentorProfile.objects.select_related("person", "person__study_group", "person__partner"),
        "person__organization",
    )
    mentors = filtered(form, mentors, {"q": "person__search_text", "status": "status", "category": "category"})
    return form, mentors


def mentees_filtered(user, data) -> tuple[MenteeFilterForm, QuerySet]:
    organization = user_organization(user)
    form = MenteeFilterForm(data or None, organization=organization)
    mentees = for_organization(
        user, MenteeProfile.objects.select_related("person", "person__study_group"), "person__organization"
    )
    filters = {"q": "person__search_text", "status": "status", "category": "categories", "group": "person__study_group"}
    return form, filtered(form, mentees, filters).prefetch_related("categories")

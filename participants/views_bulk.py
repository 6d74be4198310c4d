"""Bulk actions of the lists that hold people: the bar above each list, and the one POST that
carries out the chosen action on the ticked people or on everyone the filter finds."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentoring import audit
from mentoring.access import LEADERS, LIST_KEEPERS, PEOPLE_EDITORS, READERS, require_roles
from mentoring.names import inflect
from mentoring.pdf import pdf_response, render_pdf
from mentoring.qr import svg_data_uri
from participants import access, accounts, bulk, exports, selectors, services
from participants.forms import BulkForm
from participants.models import MenteeProfile, MentorProfile, Person, StudyGroup

# action → (label, roles that may run it, scopes where it is offered)
ACTIONS = {
    "mentee_base": ("Внести в базу наставляемых", LEADERS, ("people", "group")),
    "mentor_base": ("Внести в базу наставников", LEADERS, ("people", "group", "mentees")),
    "consents": ("Согласия на обработку ПДн получены (бумажные бланки)", PEOPLE_EDITORS, None),
    "mentee_status": ("Изменить статус наставляемых", LEADERS, ("people", "group", "mentees")),
    "mentor_status": ("Изменить статус наставников", LEADERS, ("people", "mentors")),
    "consent_forms": ("Напечатать бланки согласий (PDF)", LIST_KEEPERS, None),
    "accounts": ("Создать учётные записи", LEADERS, None),
    "activation_sheet": ("Лист входа с QR-кодами для тех, кто ещё не задал пароль (PDF)", LEADERS, None),
    "parent_sheet": ("Лист входа для родителей с QR-кодами (PDF)", LEADERS, None),
    "leave": ("Выбыли из организации — отключить вход", PEOPLE_EDITORS, ("people", "group")),
    "export": ("Выгрузить в Excel", (*READERS, *LIST_KEEPERS), None),
}
SCOPE_ROLES = {"people": LIST_KEEPERS, "group": LIST_KEEPERS, "mentors": READERS, "mentees": READERS}
WRITES = ("mentee_base", "mentor_base", "consents", "mentee_status", "mentor_status", "accounts", "leave")


def actions_for(user, scope: str) -> list[tuple[str, str]]:
    return [
        (code, label)
        for code, (label, roles, scopes) in ACTIONS.items()
        if user.has_role(*roles) and (scopes is None or scope in scopes)
    ]


def bulk_bar(request: HttpRequest, scope: str, total: int, group: StudyGroup | None = None) -> dict:
    """What the list template needs to draw the selection bar."""
    query = request.GET.copy()
    query.pop("page", None)
    actions = actions_for(request.user, scope)
    form = BulkForm(
        initial={"scope": scope, "group": group.pk if group else None, "query": query.urlencode()}, actions=actions
    )
    return {
        "form": form,
        "total": total,
        "enabled": bool(actions),
        "scope": scope,
        "codes": {code for code, _ in actions},
    }


def _selection(user, data: dict) -> QuerySet[Person]:
    scope, query = data["scope"], QueryDict(data.get("query") or "")
    if not user.has_role(*SCOPE_ROLES[scope]):
        raise PermissionDenied("Этот список недоступен для вашей роли.")
    people = access.visible_people(user)
    if scope == "group":
        group = access.get_group_for(user, data.get("group") or 0)
        people = people.filter(study_group=group)
    elif scope == "mentors":
        people = people.filter(mentor_profile__isnull=False)
    elif scope == "mentees":
        people = people.filter(mentee_profile__isnull=False)
    if data["all_matching"]:
        if scope == "people":
            people = selectors.people_filtered(user, query)[1]
        elif scope == "mentors":
            people = people.filter(pk__in=selectors.mentors_filtered(user, query)[1].values("person_id"))
        elif scope == "mentees":
            people = people.filter(pk__in=selectors.mentees_filtered(user, query)[1].values("person_id"))
    else:
        people = people.filter(pk__in=data["ids"])
    return (
        people.select_related("study_group", "user", "mentor_profile", "mentee_profile", "organization")
        .prefetch_related("consents")
        .order_by("sort_key", "pk")
    )


def _back(data: dict) -> str:
    scope = data.get("scope")
    if scope == "group" and data.get("group"):
        return reverse("participants:group", kwargs={"pk": data["group"]})
    url = reverse(
        {"people": "participants:people", "mentors": "participants:mentors"}.get(scope, "participants:mentees")
    )
    return f"{url}?{data['query']}" if data.get("query") else url


def site_base_url(request: HttpRequest) -> str:
    """Links that leave the portal (a printed sheet, an e-mail) use the configured site address."""
    return settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")


@require_POST
@require_roles(*READERS, *LIST_KEEPERS)
def bulk_action(request: HttpRequest) -> HttpResponse:
    scope = request.POST.get("scope", "")
    form = BulkForm(request.POST, actions=actions_for(request.user, scope if scope in BulkForm.SCOPES else "people"))
    if not form.is_valid():
        errors = [str(e) for field in form.errors.values() for e in field]
        messages.error(request, "Действие не выполнено: " + " ".join(errors))
        group = request.POST.get("group", "")
        raw = {
            "scope": scope,
            "group": int(group) if group.isdigit() else None,
            "query": form.cleaned_data.get("query"),
        }
        return redirect(_back(raw))
    data = form.cleaned_data
    people = list(_selection(request.user, data))
    if not data["all_matching"] and len(people) != len(set(data["ids"])):
        messages.error(request, "Часть отмеченных участников недоступна или удалена — обновите страницу.")
        return redirect(_back(data))
    if data["action"] in WRITES:
        editable = set(
            access.editable_people(request.user).filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True)
        )
        if len(editable) != len(people):
            raise PermissionDenied("Изменять сведения части отмеченных участников ваша роль не позволяет.")
    try:
        return _run(request, data, people)
    except bulk.BulkRefused as exc:
        messages.error(request, exc.message)
        return redirect(_back(data))


def _run(request: HttpRequest, data: dict, people: list[Person]) -> HttpResponse:
    action, user, date = data["action"], request.user, data.get("date")
    if action == "consent_forms":
        people = bulk.printable(people)
        audit.record_many(request, audit.Action.PRINT, [p.pk for p in people], "Бланки согласий по списку")
        return pdf_response(services.consent_forms_pdf(people=people), "Согласия.pdf")
    if action == "activation_sheet":
        return _activation_sheet(request, bulk.printable(people))
    if action == "parent_sheet":
        return _parent_sheet(request, bulk.printable(people))
    if action == "export":
        return _export(request, data["scope"], people)
    if action == "mentee_base":
        text = bulk.to_mentee_base(
            people=people,
            category=data.get("mentee_category"),
            date=date,
            user=user,
            with_consents=data.get("with_consents", False),
        )
    elif action == "mentor_base":
        text = bulk.to_mentor_base(people=people, category=data.get("mentor_category") or "", date=date, user=user)
    elif action == "consents":
        text = bulk.paper_consents(people=people, date=date, user=user)
    elif action == "mentee_status":
        text = bulk.mentee_status(people=people, status=data["mentee_status"], date=date)
    elif action == "mentor_status":
        text = bulk.mentor_status(people=people, status=data["mentor_status"], date=date, user=user)
    elif action == "leave":
        text = bulk.leave(people=people, date=date)
    else:  # accounts
        text = bulk.create_accounts(
            people=people, user=user, base_url=site_base_url(request), with_parents=data.get("with_parents", False)
        )
    audit.record_many(request, audit.Action.CHANGE, [p.pk for p in people], text)
    messages.success(request, text)
    return redirect(_back(data))


def _activation_sheet(request: HttpRequest, people: list[Person]) -> HttpResponse:
    issued = accounts.activations_issue(people=people, created_by=request.user)
    rows = []
    for person, activation, token in issued:
        url = site_base_url(request) + reverse("participants:activate", kwargs={"token": token})
        rows.append({"person": person, "activation": activation, "url": url, "qr": svg_data_uri(url)})
    audit.record_many(request, audit.Action.PRINT, [p.pk for p, _, _ in issued], "Лист входа на портал (ссылки)")
    groups = sorted({p.study_group.label for p in people if p.study_group})
    heading = ", ".join(groups) if groups and len(groups) <= 3 else f"Участников: {len(rows)}"
    context = {"organization": people[0].organization, "rows": rows, "heading": heading, "title": "Вход на портал"}
    content = render_pdf("pdf/participants/activation_sheet.html", context)
    # Saved as a file, not opened in a tab: the sheet is printed once and cut, its links are personal.
    return pdf_response(content, f"Вход на портал, {heading}.pdf", as_attachment=True)


def _parent_sheet(request: HttpRequest, people: list[Person]) -> HttpResponse:
    """The sheet a child takes home: the parent's login and one-time link, under the child's name."""
    issued = accounts.parent_activations_issue(people=people, created_by=request.user)
    rows = []
    for child, parent, activation, token in issued:
        url = site_base_url(request) + reverse("participants:activate", kwargs={"token": token})
        genitive = inflect(child.full_name, "genitive", gender={"m": "male", "f": "female"}.get(child.sex))
        rows.append(
            {"child": child, "child_genitive": genitive, "user": parent, "activation": activation, "url": url}
            | {"qr": svg_data_uri(url)}
        )
    audit.record_many(request, audit.Action.PRINT, [c.pk for c, *_ in issued], "Лист входа для родителей (ссылки)")
    groups = sorted({p.study_group.label for p in people if p.study_group})
    heading = ", ".join(groups) if groups and len(groups) <= 3 else f"Детей: {len(rows)}"
    context = {"organization": people[0].organization, "rows": rows, "heading": heading}
    content = render_pdf("pdf/participants/parent_sheet.html", context)
    return pdf_response(content, f"Вход для родителей, {heading}.pdf", as_attachment=True)


def _export(request: HttpRequest, scope: str, people: list[Person]) -> HttpResponse:
    ids = [p.pk for p in people]
    audit.record_many(request, audit.Action.EXPORT, ids, "Выгрузка отмеченных участников")
    if scope == "mentors":
        mentors = MentorProfile.objects.filter(person_id__in=ids).select_related("person")
        return exports.mentors(mentors.order_by("person__sort_key").prefetch_related("trainings"))
    if scope == "mentees":
        mentees = MenteeProfile.objects.filter(person_id__in=ids).select_related("person", "person__study_group")
        return exports.mentees(mentees.order_by("person__sort_key").prefetch_related("categories"))
    return exports.people(people)

"""The personal-data access log (152-ФЗ): one call per view that shows, changes, prints or exports
a participant's data. Each call is exactly one INSERT, so pinned query counts grow by one.

django-auditlog was considered: its signal-based change log would add a write to every
``Person.save()`` (imports of thousands of rows, anonymization) and still needs explicit entries
for views and exports, which are most of what the director asks about; one small model serves both."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest

from mentoring.client_address import client_ip
from mentoring.models import PersonalDataEvent, User

Action = PersonalDataEvent.Action


@dataclass(frozen=True)
class Subjects:
    """How the app that keeps people finds one for a user (with its own access rules), names a page
    of them in the log, and links to a person's card."""

    get_for: Callable[[User, int], Model]
    names: Callable[[Iterable[int]], dict[int, str]]
    card_url: Callable[[int], str]


_subjects: Subjects | None = None


def register_subjects(subjects: Subjects) -> None:
    global _subjects
    _subjects = subjects


def subjects() -> Subjects:
    if _subjects is None:
        raise LookupError("no app registered the audit subjects (participants)")
    return _subjects


def with_subject_names(events: Iterable[PersonalDataEvent]) -> list[PersonalDataEvent]:
    """The events with ``subject_name`` set: one lookup for the whole page."""
    events = list(events)
    ids = {e.subject_id for e in events if e.subject_id}
    names = subjects().names(ids) if ids else {}
    for event in events:
        event.subject_name = names.get(event.subject_id, "")
    return events


def _ip(request: HttpRequest | None) -> str | None:
    # The client's address, not the proxy's: the same rule as the login lockout.
    return client_ip(request) if request is not None else None


def record(request: HttpRequest, action: str, person, description: str = "") -> PersonalDataEvent:
    """One person's data was viewed / changed / printed / exported by the request's user."""
    request._personal_data_recorded = True
    return PersonalDataEvent.objects.create(
        organization_id=person.organization_id,
        user=request.user if request.user.is_authenticated else None,
        action=action,
        subject_id=person.pk,
        person_ids=f",{person.pk},",
        description=(description or Action(action).label)[:300],
        path=request.get_full_path()[:300],
        ip_address=_ip(request),
    )


def record_many(request: HttpRequest, action: str, person_ids: Iterable[int], description: str) -> PersonalDataEvent:
    """A list export or a class's consent forms: one row naming everyone in it."""
    request._personal_data_recorded = True
    ids = sorted(set(person_ids))
    return PersonalDataEvent.objects.create(
        organization_id=request.user.organization_id,
        user=request.user,
        action=action,
        subject_id=None,
        person_ids="," + ",".join(map(str, ids)) + "," if ids else "",
        people_count=len(ids),
        description=description[:300],
        path=request.get_full_path()[:300],
        ip_address=_ip(request),
    )


def record_system(*, person, action: str, description: str, user=None) -> PersonalDataEvent:
    """An event without a request (a service, a management command)."""
    return PersonalDataEvent.objects.create(
        organization_id=person.organization_id,
        user=user,
        action=action,
        subject_id=person.pk,
        person_ids=f",{person.pk},",
        description=description[:300],
    )


def events_about(person) -> QuerySet[PersonalDataEvent]:
    """Every event that touched the person: their card and any export or print that included them."""
    return (
        PersonalDataEvent.objects.filter(organization_id=person.organization_id)
        .filter(Q(subject_id=person.pk) | Q(person_ids__contains=f",{person.pk},"))
        .select_related("user")
    )


# --- One mechanism for every view of a person's data ---
# A view that shows someone's data declares it: ``@audit.shows("pair", "Просмотр страницы пары")``.
# After any successful answer (2xx) the declared event is written, unless the view recorded a more
# precise one itself (a change, a print); so a page cannot forget. The kind names how the URL's ``pk``
# leads to the people shown; the apps that own those objects register it from their AppConfig.ready().

_subject_kinds: dict[str, Callable[[int], list[int]]] = {}


def register_subject_kind(kind: str, person_ids: Callable[[int], list[int]]) -> None:
    """``person_ids(pk)``: the ids of the people whose data the object ``pk`` of this kind shows."""
    _subject_kinds[kind] = person_ids


def subject_kinds() -> dict[str, Callable[[int], list[int]]]:
    return dict(_subject_kinds)


def shows(kind: str, description: str, action: str = Action.VIEW):
    """Declares that the view shows the data of the people behind its ``pk`` (see above)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if 200 <= response.status_code < 300 and not getattr(request, "_personal_data_recorded", False):
                ids = _subject_kinds[kind](kwargs["pk"])
                _record_ids(request, action, ids, description)
            return response

        wrapped.audit_subject = kind
        return wrapped

    return decorator


def _record_ids(request: HttpRequest, action: str, ids: list[int], description: str) -> PersonalDataEvent:
    ids = sorted(set(ids))
    request._personal_data_recorded = True
    return PersonalDataEvent.objects.create(
        organization_id=request.user.organization_id,
        user=request.user if request.user.is_authenticated else None,
        action=action,
        subject_id=ids[0] if len(ids) == 1 else None,
        person_ids="," + ",".join(map(str, ids)) + "," if ids else "",
        people_count=len(ids),
        description=description[:300],
        path=request.get_full_path()[:300],
        ip_address=_ip(request),
    )

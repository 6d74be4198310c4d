"""Reads and writes of the core that span models."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from django.db import transaction
from django.db.models import QuerySet

from mentoring.models import Organization, Role, User, UserRole

# Counts of the region table that feature apps know (the mentor and mentee bases live in participants):
# each returns {organization id: {"mentors": n, …}} for the ids given.
_region_counts: list[Callable[[list[int]], dict[int, dict[str, int]]]] = []


def register_region_counts(counter: Callable[[list[int]], dict[int, dict[str, int]]]) -> None:
    if counter not in _region_counts:
        _region_counts.append(counter)


def region_overview(*, organizations: QuerySet) -> list[dict]:
    """Per organization: counts only, never a name of a person — the coordinator sees no personal data.
    Mentors and mentees are people in the bases (from the registered counters), not accounts: most of
    them have no login, and the table stands next to the count of working pairs."""
    orgs = list(organizations.order_by("short_name"))
    extra: dict[int, dict[str, int]] = {}
    for counter in _region_counts:
        for org_id, values in counter([o.pk for o in orgs]).items():
            extra.setdefault(org_id, {}).update(values)
    counts = Counter(
        (org_id, role)
        for org_id, role in UserRole.objects.filter(user__organization__in=orgs, user__is_active=True).values_list(
            "user__organization_id", "role"
        )
    )
    return [
        {
            "organization": org,
            "mentors": extra.get(org.pk, {}).get("mentors", 0),
            "mentees": extra.get(org.pk, {}).get("mentees", 0),
            "curators": counts[(org.pk, Role.CURATOR)] + counts[(org.pk, Role.FORM_CURATOR)],
        }
        for org in orgs
    ]


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    first_name: str,
    last_name: str,
    middle_name: str = "",
    email: str = "",
    organization: Organization | None = None,
    region=None,
    roles: list[str],
    position: str = "",
    is_demo: bool = False,
) -> User:
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        middle_name=middle_name,
        email=email,
        organization=organization,
        region=region,
        position=position,
        is_demo=is_demo,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    user_set_roles(user=user, roles=roles)
    return user


@transaction.atomic
def user_set_roles(*, user: User, roles: list[str]) -> None:
    user.roles.exclude(role__in=roles).delete()
    for role in roles:
        assignment = UserRole(user=user, role=role)
        assignment.clean()
        UserRole.objects.get_or_create(user=user, role=role)
    user.__dict__.pop("role_names", None)


_CASE_FIELDS = {
    "name": ("name_genitive", "name_dative"),
    "director_position": ("director_position_genitive", "director_position_dative"),
}


@transaction.atomic
def organization_requisites_update(*, organization: Organization, data: dict, changed: list[str]) -> Organization:
    """Saves the requisites; when a nominative changed and its case forms were not corrected in the
    same edit, they are declined anew (a stale genitive of the old name would print otherwise)."""
    from mentoring.names import inflect_phrase

    for name, value in data.items():
        setattr(organization, name, value.strip() if isinstance(value, str) else value)
    for source, case_fields in _CASE_FIELDS.items():
        for field, case in zip(case_fields, ("genitive", "dative"), strict=True):
            if (source in changed and field not in changed) or not getattr(organization, field).strip():
                setattr(organization, field, inflect_phrase(getattr(organization, source), case))
    organization.full_clean()
    organization.save()
    return organization

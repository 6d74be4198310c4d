"""Who reads and who edits the Положение and the Программа: the programme's readers read them, the
director and the curator edit them; another organization's document is a 404."""

from __future__ import annotations

from mentoring.access import get_for_organization
from mentoring.models import User
from monitoring.local_acts.models import LocalAct, LocalActSection


def get_act_for(user: User, pk: int) -> LocalAct:
    return get_for_organization(user, LocalAct.objects.select_related("academic_year", "organization"), pk=pk)


def get_section_for(user: User, pk: int) -> LocalActSection:
    return get_for_organization(
        user, LocalActSection.objects.select_related("act__academic_year", "act"), "act__organization", pk=pk
    )

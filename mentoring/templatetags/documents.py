"""Template helpers of printed documents: the approval block's signatory, names and titles in a case."""

from django import template

from mentoring.models import Organization
from mentoring.names import CASES, class_label, inflect, inflect_phrase, initials_first
from mentoring.selectors import director_of

register = template.Library()


@register.simple_tag
def approver(organization: Organization) -> dict:
    """Who signs «УТВЕРЖДАЮ»: the organization's head in office — position and «Е. В. Смирнова»."""
    if not isinstance(organization, Organization):
        return {"position": "Директор", "initials": ""}
    director = director_of(organization)
    return {
        "position": organization.director_position or "Директор",
        "initials": initials_first(director.full_name) if director else "",
    }


def _case(case: str) -> str:
    return case if case in CASES else "nominative"


@register.filter
def name_case(full_name: str, case: str) -> str:
    """{{ person.full_name|name_case:"genitive" }} → «Фёдоровой Софьи Алексеевны»."""
    return inflect(str(full_name or ""), _case(case))


@register.filter
def title_case(title: str, case: str) -> str:
    """{{ organization.name|title_case:"genitive" }}: the head before the quotes declines."""
    return inflect_phrase(str(title or ""), _case(case))


@register.filter
def class_case(group, case: str) -> str:
    """{{ person.study_group|class_case:"genitive" }} → «9 «А» класса»."""
    if group is None or group == "":
        return ""
    if isinstance(group, str):
        return class_label(group, _case(case))
    return class_label(group.name, _case(case), grade=group.grade, letter=group.letter)

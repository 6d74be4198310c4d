"""Responsible people as roadmaps write them («Заместитель директора по УВР», «Педагог-психолог
Карамашева Н.Ю. Кураторы форм») mapped to portal roles, so «Мои задачи» finds them.

The text is always kept as written; the mapping is a suggestion the curator can change. In a
school the deputy director who runs the programme is its curator, so «заместитель директора»
maps to the curator role. Teachers, class teachers, heads of methodical groups and outside bodies
have no portal role: the curator names the people instead."""

from __future__ import annotations

import re

from mentoring.models import Role

_RULES: list[tuple[str, str]] = [
    (r"куратор\w*\s+форм", Role.FORM_CURATOR),
    (r"куратор(?!\w*\s+(?:форм|групп))", Role.CURATOR),
    (r"заместител\w*\s+директора|зам\.\s*директора", Role.CURATOR),
    (r"психолог|социальн\w*\s+педагог", Role.PSYCHOLOGIST),
    (r"\bнаставник(?:и|ов)?\b", Role.MENTOR),
]


def roles_for(text: str) -> set[str]:
    text = (text or "").casefold().replace("ё", "е")
    roles = {role for pattern, role in _RULES if re.search(pattern, text)}
    without_deputies = re.sub(r"заместител\w*\s+директора|зам\.\s*директора", "", text)
    if re.search(r"\bдиректор", without_deputies):
        roles.add(Role.DIRECTOR)
    return roles

"""The placeholder language of an order's editable wording. No Django template tags: users
cannot reach code. ``{{ organization_short }}``, ``{{ curator_accusative }}``, and for agreement
with a person's gender ``{{ curator | ответственным | ответственной }}`` (a third variant is for
several people). A point that names nobody is dropped; a reference to an absent annex is empty."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from mentoring.names import agree, inflect, initials_first, short_form
from mentoring.orders.models import OrderSubject
from mentoring.orders.registry import annex_titles

PERSON_ROLES = {
    "director": "руководитель, подписывающий приказ",
    **{role.value: role.label.lower() for role in OrderSubject.Role},
}
PERSON_FORMS = {
    "nominative": "кто? — Кузнецова Ольга Николаевна",
    "genitive": "кого? — Кузнецовой Ольги Николаевны",
    "dative": "кому? — Кузнецовой Ольге Николаевне",
    "accusative": "кого? (назначить) — Кузнецову Ольгу Николаевну",
    "instrumental": "кем? — Кузнецовой Ольгой Николаевной",
    "prepositional": "о ком? — Кузнецовой Ольге Николаевне",
    "short": "Кузнецова О. Н.",
    "initials": "О. Н. Кузнецова",
}
GENERAL_PLACEHOLDERS = {
    "organization": "полное наименование организации",
    "organization_short": "краткое наименование организации",
    "city": "населённый пункт (из адреса организации)",
    "number": "номер приказа",
    "date": "дата приказа: 01.09.2025",
    "date_text": "дата приказа словами: 1 сентября 2025 г.",
    "year": "календарный год приказа",
    "academic_year": "учебный год: 2025/2026",
    "cancelled_order": "отменяемый приказ: от 01.09.2025 № 5-о",
    "cancelled_title": "заголовок отменяемого приказа в кавычках",
}
BLANK = "____________________"
_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.S)


def allowed_placeholders(kind: str | None = None) -> list[tuple[str, str]]:
    """(placeholder, meaning) pairs shown next to the editor and listed in validation errors."""
    rows = list(GENERAL_PLACEHOLDERS.items())
    for role, label in PERSON_ROLES.items():
        rows += [(f"{role}_{form}", f"{label}: {meaning}") for form, meaning in PERSON_FORMS.items()]
        rows.append((f"{role} | мужской вариант | женский вариант", f"слово в роде лица «{label}»"))
    rows += [(f"annex_{key}", f"ссылка «(приложение № N)»: {title}") for key, title in annex_titles(kind).items()]
    return rows


@dataclass(frozen=True)
class Token:
    name: str  # a value key, or a person role for agreement
    variants: tuple[str, ...] = ()


def parse(text: str) -> tuple[list[Token], list[str]]:
    """Tokens of every placeholder, and Russian problems found on the way."""
    problems = []
    if "{%" in text or "%}" in text or "{#" in text:
        problems.append("Теги шаблона «{% … %}» и «{# … #}» не допускаются — используйте подстановки {{ … }}.")
    tokens = []
    for match in _PLACEHOLDER.finditer(text):
        parts = [p.strip() for p in match.group(1).split("|")]
        tokens.append(Token(parts[0], tuple(parts[1:])))
    leftover = _PLACEHOLDER.sub("", text)
    if "{{" in leftover or "}}" in leftover:
        problems.append("Есть незакрытая подстановка: каждая «{{» должна закрываться «}}».")
    return tokens, problems


def _check_token(token: Token, annex_keys: set[str]) -> str | None:
    if token.variants:
        if token.name not in PERSON_ROLES:
            roles = ", ".join(PERSON_ROLES)
            return f"«{{{{ {token.name} | … }}}}»: согласование в роде возможно только с лицом ({roles})."
        if len(token.variants) not in (2, 3) or not all(token.variants):
            return (
                f"«{{{{ {token.name} | … }}}}»: укажите два варианта (мужской | женский) "
                "или три (мужской | женский | для нескольких лиц)."
            )
        return None
    name = token.name
    if name in GENERAL_PLACEHOLDERS:
        return None
    role, _, form = name.rpartition("_")
    if role in PERSON_ROLES and form in PERSON_FORMS:
        return None
    if name.startswith("annex_") and name.removeprefix("annex_") in annex_keys:
        return None
    return f"Неизвестная подстановка «{{{{ {name} }}}}»."


def validate_wording(*, kind: str, title: str, preamble: str, points: str, annexes: Iterable[str] = ()) -> None:
    """Raises ValidationError listing every unknown placeholder together with the allowed ones."""
    annex_keys = set(annex_titles(kind)) | set(annexes or ())
    errors: dict[str, list[str]] = {}
    for field_name, text in (("title", title), ("preamble", preamble), ("points", points)):
        tokens, problems = parse(text or "")
        problems += [p for p in (_check_token(t, annex_keys) for t in tokens) if p]
        if problems:
            errors[field_name] = problems
    if not (points or "").strip():
        errors.setdefault("points", []).append("Приказ должен содержать хотя бы один пункт.")
    if errors:
        allowed = ", ".join(name for name, _ in allowed_placeholders(kind) if "|" not in name)
        first_field = next(iter(errors))
        errors[first_field].append(f"Допустимые подстановки: {allowed}.")
        raise ValidationError(
            {f: [ValidationError(m, code="invalid_placeholder") for m in msgs] for f, msgs in errors.items()}
        )


@dataclass
class Person:
    name: str
    gender: str | None = None
    note: str = ""

    def form(self, form: str) -> str:
        if form == "short":
            return short_form(self.name)
        if form == "initials":
            return initials_first(self.name)
        text = inflect(self.name, form, gender=self.gender)
        return f"{text} ({self.note})" if self.note else text


@dataclass
class Values:
    """Everything the placeholders of one order resolve to."""

    general: dict[str, str]
    people: dict[str, list[Person]] = field(default_factory=dict)
    annex_numbers: dict[str, int] = field(default_factory=dict)

    def resolve(self, token: Token) -> str | None:
        """The text of a placeholder; None when it names nobody (the point drops). A reference to an
        annex the order lacks is empty."""
        if token.variants:
            people = self.people.get(token.name, [])
            if not people:
                return None
            if len(people) > 1:
                return token.variants[2] if len(token.variants) > 2 else token.variants[0]
            return agree(people[0].gender, token.variants[0], token.variants[1])
        if token.name in self.general:
            return self.general[token.name]
        if token.name.startswith("annex_"):
            number = self.annex_numbers.get(token.name.removeprefix("annex_"))
            # Without the annex the decision still stands; only the reference goes.
            return f"(приложение № {number})" if number else ""
        role, _, form = token.name.rpartition("_")
        people = self.people.get(role, [])
        if not people:
            return None
        return _join([person.form(form) for person in people])


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " и " + items[-1]


def fill(text: str, values: Values, *, blank: str | None = BLANK) -> str | None:
    """The text with every placeholder resolved. An unresolvable one gives ``blank``, or None
    (so the caller drops the sentence) when blank is None."""
    missing = False

    def replace(match: re.Match) -> str:
        nonlocal missing
        parts = [p.strip() for p in match.group(1).split("|")]
        value = values.resolve(Token(parts[0], tuple(parts[1:])))
        if value is None:
            missing = True
            return blank or ""
        return value

    result = _PLACEHOLDER.sub(replace, text)
    if missing and blank is None:
        return None
    return re.sub(r"\s+([.,;:])", r"\1", re.sub(r"[ \t]+", " ", result)).strip()


def fill_points(text: str, values: Values) -> list[dict]:
    """Numbered points with their sub-items; a point naming nobody is left out."""
    points: list[dict] = []
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line:
            continue
        is_sub = line[0] in "-–—"
        filled = fill(line.lstrip("-–— ") if is_sub else line, values, blank=None)
        if filled is None:
            continue
        if is_sub and points:
            points[-1]["items"].append(filled)
        else:
            points.append({"text": filled, "items": []})
    return points


# --- Russian labels: the editor shows «{{ ФИО наставляемого (вин. п.) }}», stores {{ mentee_accusative }}.
ROLE_GENITIVE = {
    "director": "директора",
    "curator": "куратора программы",
    "form_curator": "куратора формы",
    "responsible": "ответственного",
    "mentor": "наставника",
    "mentee": "наставляемого",
    "awarded": "поощряемого",
    "acquainted": "ознакомляемого",
}
ROLE_NOMINATIVE = {
    "director": "директор",
    "curator": "куратор программы",
    "form_curator": "куратор формы",
    "responsible": "ответственный",
    "mentor": "наставник",
    "mentee": "наставляемый",
    "awarded": "поощряемый",
    "acquainted": "ознакомляемый",
}
CASE_LABELS = {
    "nominative": "им. п.",
    "genitive": "род. п.",
    "dative": "дат. п.",
    "accusative": "вин. п.",
    "instrumental": "твор. п.",
    "prepositional": "предл. п.",
    "short": "Фамилия И. О.",
    "initials": "И. О. Фамилия",
}
GENERAL_LABELS = {
    "organization": "полное наименование организации",
    "organization_short": "краткое наименование организации",
    "city": "населённый пункт",
    "number": "номер приказа",
    "date": "дата приказа",
    "date_text": "дата приказа словами",
    "year": "год приказа",
    "academic_year": "учебный год",
    "cancelled_order": "отменяемый приказ",
    "cancelled_title": "заголовок отменяемого приказа",
}


def _labels(kind: str | None) -> dict[str, str]:
    """Canonical placeholder name → its Russian label."""
    labels = dict(GENERAL_LABELS)
    for role, genitive in ROLE_GENITIVE.items():
        for form, case in CASE_LABELS.items():
            labels[f"{role}_{form}"] = f"ФИО {genitive} ({case})"
    for key, title in annex_titles(kind).items():
        labels[f"annex_{key}"] = f"приложение: {title}"
    return labels


def _key(label: str) -> str:
    return " ".join(label.casefold().replace("ё", "е").split())


def _rewrite(text: str, names: dict[str, str]) -> str:
    def replace(match: re.Match) -> str:
        parts = [p.strip() for p in match.group(1).split("|")]
        head = names.get(_key(parts[0]))
        if head is None:
            return match.group(0)
        return "{{ " + " | ".join([head, *parts[1:]]) + " }}"

    return _PLACEHOLDER.sub(replace, text or "")


def humanize(text: str, kind: str | None = None) -> str:
    """The wording as the editor shows it: every placeholder by its Russian label."""
    names = {_key(k): v for k, v in _labels(kind).items()}
    names.update({_key(role): label for role, label in ROLE_NOMINATIVE.items()})
    return _rewrite(text, names)


def canonicalize(text: str, kind: str | None = None) -> str:
    """The wording as stored: Russian labels typed or inserted in the editor back to placeholder names;
    names already canonical stay."""
    names = {_key(label): name for name, label in _labels(kind).items()}
    names.update({_key(label): role for role, label in ROLE_NOMINATIVE.items()})
    return _rewrite(text, names)


def placeholder_labels(kind: str | None = None) -> list[dict]:
    """The editor's palette: what a click inserts, grouped, with what it prints."""
    groups: list[dict] = [
        {
            "title": "Организация и приказ",
            "items": [{"label": label, "insert": "{{ " + label + " }}", "hint": GENERAL_PLACEHOLDERS[name]}
                      for name, label in GENERAL_LABELS.items()],
        }
    ]  # fmt: skip
    for role, genitive in ROLE_GENITIVE.items():
        items = [
            {"label": f"ФИО {genitive} ({case})", "insert": "{{ ФИО " + genitive + f" ({case})" + " }}",
             "hint": PERSON_FORMS[form]}
            for form, case in CASE_LABELS.items()
        ]  # fmt: skip
        nominative = ROLE_NOMINATIVE[role]
        items.append(
            {
                "label": f"слово в роде: {nominative}",
                "insert": "{{ " + nominative + " | мужской вариант | женский вариант }}",
                "hint": "например: «ответственным | ответственной»",
            }
        )
        groups.append({"title": ROLE_NOMINATIVE[role].capitalize(), "items": items})
    annexes = [
        {"label": f"приложение: {title}", "insert": "{{ приложение: " + title + " }}", "hint": "«(приложение № N)»"}
        for title in annex_titles(kind).values()
    ]
    groups.append({"title": "Приложения", "items": annexes})
    return groups

"""A template becomes the loading school's own: its name instead of the source school's, the seed's
years moved into the loaded year, the source school's named staff dropped to their roles, and an
anchored template's calendar dates turned into months after its anchor, so the sequence holds
whatever day the order is signed."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from roadmap import deadlines

# «Манжосова Н.Н.», «Карамашева Н.Ю..», «Л.А. Шишкина»
_SURNAME_INITIALS = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.?"
_INITIALS_SURNAME = r"[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
NAMED_PERSON = re.compile(rf"(?<![А-Яа-яЁё]){_SURNAME_INITIALS}|{_INITIALS_SURNAME}")

# The source organization's own word for itself, in every case, becomes the neutral one.
_OWN_WORDS = [
    (r"\bтехникуме\b", "образовательной организации"),
    (r"\bтехникума\b", "образовательной организации"),
    (r"\bтехникуму\b", "образовательной организации"),
    (r"\bтехникумом\b", "образовательной организацией"),
    (r"\bтехникум\b", "образовательная организация"),
    (r"\bгимназии\b", "образовательной организации"),
    (r"\bгимназией\b", "образовательной организацией"),
]

# Order kinds (codes of mentoring.orders) that a written result names: «Приказ о назначении куратора».
ORDER_KIND_PATTERNS = [
    ("implementation", r"приказ\w*[^;.]{0,40}?о внедрении"),
    ("curators", r"приказ\w*[^;.]{0,40}?о назначении (?:ответственного лица|куратор)"),
    ("regulations", r"приказ\w*[^;.]{0,40}?об утверждении положения"),
    ("mentor_base", r"приказ\w*[^;.]{0,40}?об утверждении (?:реестра|базы) наставников"),
    ("pairs", r"приказ\w*[^;.]{0,40}?о (?:закреплении|утверждении) (?:наставнических )?пар"),
    ("incentives", r"приказ\w*[^;.]{0,40}?о поощрении"),
    ("completion", r"приказ\w*[^;.]{0,40}?о завершении"),
]


def order_kind_in(text: str) -> str:
    """The order kind whose signing the written result is («Приказ об утверждении реестра
    наставников» → ``mentor_base``); the first named when several are; empty when none."""
    lowered = (text or "").casefold().replace("ё", "е")
    found = [(m.start(), kind) for kind, pattern in ORDER_KIND_PATTERNS if (m := re.search(pattern, lowered))]
    return min(found)[1] if found else ""


def drop_named_people(text: str) -> str:
    """«Куратор Манжосова Н.Н. Юрисконсульт Лабурина Н.Ю.» → «Куратор, юрисконсульт»: the roles
    stay for the curator to assign to the school's own people."""
    if not text or not NAMED_PERSON.search(text):
        return text
    parts = [p.strip(" .,;") for p in re.split(r"[;,]", NAMED_PERSON.sub(";", text))]
    roles = []
    for part in parts:
        if not part:
            continue
        if roles and not re.fullmatch(r"[А-ЯЁA-Z0-9 «»\"-]{2,}", part.split()[0]):  # «РНЦ ХПК» keeps its capitals
            part = part[0].lower() + part[1:]
        if part.casefold() not in (r.casefold() for r in roles):
            roles.append(part)
    if roles:
        roles[0] = roles[0][0].upper() + roles[0][1:]
    return ", ".join(roles)


def shift_years_in_text(text: str, *, shift: int, first: int, last: int) -> str:
    """The seed's own years (``first``..``last``) moved by ``shift``; other years (a law of 2019) stay."""
    if not text or not shift:
        return text

    def move(match: re.Match) -> str:
        year = int(match[0])
        return str(year + shift) if first <= year <= last else match[0]

    return re.sub(r"(?<!\d)(?:19|20)\d\d(?!\d)", move, text)


def as_own(text: str, *, source_names: list[str], organization_name: str) -> str:
    """The source organization's names replaced by the loading one's."""
    if not text:
        return text
    for name in sorted(source_names, key=len, reverse=True):
        text = text.replace(name, organization_name)
    for pattern, neutral in _OWN_WORDS:
        text = re.sub(pattern, neutral, text)
    return text


ORDINAL_MONTHS = [
    "",
    "Первый",
    "Второй",
    "Третий",
    "Четвертый",
    "Пятый",
    "Шестой",
    "Седьмой",
    "Восьмой",
    "Девятый",
    "Десятый",
    "Одиннадцатый",
    "Двенадцатый",
]


def months_after_anchor(
    deadline: deadlines.Deadline, *, seed_first_year: int, seed_anchor: datetime.date
) -> deadlines.Deadline | None:
    """A calendar deadline of an anchored template (seed 004 counts its months from the order and
    writes the last ones as «Декабрь 2021») as the month after the anchor it falls in, so it moves
    with the order. None when the deadline is not a calendar one or falls before the anchor."""
    if deadline.kind not in (deadlines.Kind.DATE, deadlines.Kind.MONTHS):
        return None
    window = deadlines.resolve(deadline, first_year=seed_first_year, today=seed_anchor)
    if window.due is None or window.due < seed_anchor:
        return None
    month = (window.due.year - seed_anchor.year) * 12 + window.due.month - seed_anchor.month + 1
    if not 1 <= month <= 12:
        return None
    if deadline.kind == deadlines.Kind.DATE:
        whole = month - 1
        days = (window.due - deadlines.add_months(seed_anchor, whole)).days
        offset = {"offset_start_months": whole, "offset_months": Decimal(whole), "offset_days": days}
    else:
        offset = {"offset_start_months": month - 1, "offset_months": Decimal(month)}
    text = f"{ORDINAL_MONTHS[month]} месяц после издания приказа"
    return deadlines.Deadline(text=text, kind=deadlines.Kind.RELATIVE, **offset)

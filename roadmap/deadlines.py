"""Deadlines as real roadmaps write them, turned into something a computer can date.

``parse(text)`` reads the wording of a roadmap («Август-сентябрь», «до 10.10.2020 г.», «Сентябрь
(ежегодно)», «Один раз в квартал», «в течение учебного года», «В течение месяца после издания
приказа (п.4.1)») into a :class:`Deadline`; the wording itself is always kept verbatim and shown as
written. ``resolve(deadline, ...)`` gives the concrete window and due date within a roadmap's
academic years. Anything unrecognised parses to ``UNPARSED``: it loads, has no due date, and the
curator sees a flag — parsing never raises.

Decisions (documented for the curator in the UI and for the lead in the report):
- a month or month range is due on the last day of its last month; months Sep–Dec belong to the
  first calendar year of the academic year, Jan–Aug to the second; a range that starts before its
  end month in the calendar («Август-сентябрь») starts in the same academic cycle (August before);
- «в течение (учебного) года» is due on 31 May of the academic year — the last day of lessons, when
  the curator reports; «в течение всего периода» is due on 31 May of the roadmap's last year;
- recurring deadlines are due at their occurrence in the academic year that contains «today»
  (clamped to the roadmap's years); «один раз в квартал» at the end of the current quarter;
- a relative deadline («N месяцев после издания приказа») has no date until its anchor happens; an
  ordinal month («третий-четвертый месяцы») counts from the same anchor (the seeds number months of
  the programme from the order); «(п.4.1)» anchors to activity 4.1 of the same roadmap.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, replace
from decimal import Decimal


class Kind:
    DATE = "date"
    MONTHS = "months"
    RECURRING = "recurring"
    THROUGHOUT = "throughout"
    RELATIVE = "relative"
    UNPARSED = "unparsed"

    CHOICES = [
        (DATE, "дата"),
        (MONTHS, "месяц или месяцы"),
        (RECURRING, "повторяющийся"),
        (THROUGHOUT, "в течение года / периода"),
        (RELATIVE, "относительно события"),
        (UNPARSED, "не распознан"),
    ]


MONTH_STEMS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,  # май, мая — checked last among the stems starting with «ма»
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
_MONTH_WORD = (
    r"(?:январ\w*|феврал\w*|март\w*|апрел\w*|ма[йя]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)"
)

ORDINALS = {
    "перв": 1,
    "втор": 2,
    "трет": 3,
    "четверт": 4,
    "пят": 5,
    "шест": 6,
    "седьм": 7,
    "восьм": 8,
    "девят": 9,
    "десят": 10,
}
CARDINALS = {
    "один": 1,
    "одного": 1,
    "месяц": 1,  # «в течение месяца» — one month
    "два": 2,
    "двух": 2,
    "три": 3,
    "трех": 3,
    "четыре": 4,
    "четырех": 4,
    "пять": 5,
    "пяти": 5,
    "шесть": 6,
    "шести": 6,
}

_ORDINAL_WORD = r"(?:перв|втор|трет|четверт|пят|шест|седьм|восьм|девят|десят)(?:ый|ой|ий|ого|его|ьего|ые|ьи|ых)"
_CARDINAL_WORD = r"(?:\d+|один|одного|два|двух|три|трех|четыре|четырех|пять|пяти|шесть|шести)"


@dataclass(frozen=True)
class Deadline:
    """A parsed deadline. Years are the ones written (None when the wording has none)."""

    text: str
    kind: str
    date: datetime.date | None = None
    start_month: int | None = None
    start_year: int | None = None
    end_month: int | None = None
    end_year: int | None = None
    recurrence: str = ""  # "yearly" | "quarterly" | "monthly"
    scope: str = ""  # THROUGHOUT: "year" | "period"
    offset_start_months: int = 0  # RELATIVE: window opens this many months after the anchor
    offset_months: Decimal = Decimal(0)  # RELATIVE: due this many months after the anchor (2.5 allowed)
    anchor_activity: str = ""  # «(п.4.1)» → "4.1"; empty → the roadmap's main event
    problem: str = ""  # UNPARSED: why, in Russian, for the curator

    @property
    def is_flagged(self) -> bool:
        return self.kind == Kind.UNPARSED


@dataclass(frozen=True)
class Window:
    start: datetime.date | None
    due: datetime.date | None


def normalize(text: str) -> str:
    text = (text or "").casefold().replace("ё", "е")
    text = re.sub(r"[‐-―−]", "-", text)  # every dash is a hyphen
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"(\d{4})\s*г\.?(?=\s|$|[,;)])", r"\1", text)  # «2020 г.» → «2020»
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .;,")


def month_number(word: str) -> int | None:
    word = word.casefold()
    for stem, number in MONTH_STEMS.items():
        if stem == "ма":
            if word in ("май", "мая", "мае"):
                return 5
            continue
        if word.startswith(stem):
            return number
    return None


def parse(text: str) -> Deadline:
    """Never raises: unknown wording comes back as UNPARSED with the reason."""
    try:
        return _parse(text)
    except (ValueError, KeyError, IndexError):  # a malformed date such as 31.02.2021
        return Deadline(text=text, kind=Kind.UNPARSED, problem="Срок записан так, что дату вычислить нельзя.")


def _parse(text: str) -> Deadline:
    t = normalize(text)
    if not t:
        return Deadline(text=text, kind=Kind.UNPARSED, problem="Срок не указан.")
    if "после" in t or re.match(rf"^(в течение )?({_ORDINAL_WORD}|{_CARDINAL_WORD}\b|месяц)", t):
        relative = _relative(text, t)
        if relative:
            return relative
    if "ежегодно" in t or "каждый год" in t:
        months = _months_in(t)
        if months:
            return Deadline(
                text=text, kind=Kind.RECURRING, recurrence="yearly", start_month=months[0], end_month=months[-1]
            )
    if "квартал" in t:
        return Deadline(text=text, kind=Kind.RECURRING, recurrence="quarterly")
    if "ежемесячно" in t or "каждый месяц" in t:
        return Deadline(text=text, kind=Kind.RECURRING, recurrence="monthly")
    if re.search(r"в течение (всего )?(периода|срока)", t):
        return Deadline(text=text, kind=Kind.THROUGHOUT, scope="period")
    if re.search(r"в течение (всего )?(учебного )?года", t) or t in ("весь год", "круглый год"):
        return Deadline(text=text, kind=Kind.THROUGHOUT, scope="year")
    match = re.fullmatch(r"(?:до |не позднее )?(\d{1,2})\.(\d{1,2})\.(\d{4})", t)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return Deadline(text=text, kind=Kind.DATE, date=datetime.date(year, month, day))
    match = re.fullmatch(rf"(?:до |не позднее )?(\d{{1,2}}) ({_MONTH_WORD}) (\d{{4}})", t)
    if match:
        day, month, year = int(match[1]), month_number(match[2]), int(match[3])
        return Deadline(text=text, kind=Kind.DATE, date=datetime.date(year, month, day))
    months = _month_range(t)
    if months:
        return replace(months, text=text)
    return Deadline(
        text=text, kind=Kind.UNPARSED, problem="Срок не распознан: укажите дату или месяц, чтобы портал следил за ним."
    )


def _month_range(t: str) -> Deadline | None:
    """«сентябрь 2022», «сентябрь-октябрь 2022», «декабрь 2022-август 2023», «до декабря»."""
    t = re.sub(r"\(.*?\)", "", t).strip()
    t = re.sub(r"^(ежегодно|в|до|с|по) ", "", t)
    one = rf"({_MONTH_WORD})(?: (\d{{4}}))?"
    match = re.fullmatch(rf"{one}(?:-{one})?", t) or re.fullmatch(rf"{one}(?: по | и |-){one}", t)
    if not match:
        # «от месяца после издания приказа (п.4.1) до декабря» — the end is what dates it.
        tail = re.search(rf"до ({_MONTH_WORD})(?: (\d{{4}}))?$", t)
        if not tail:
            return None
        month = month_number(tail[1])
        year = int(tail[2]) if tail[2] else None
        return Deadline(text="", kind=Kind.MONTHS, start_month=month, start_year=year, end_month=month, end_year=year)
    m1, y1, m2, y2 = match.groups()
    start_month = month_number(m1)
    start_year = int(y1) if y1 else None
    end_month = month_number(m2) if m2 else start_month
    end_year = int(y2) if y2 else (start_year if not m2 else None)
    if start_year is None and end_year is not None:
        start_year = end_year if start_month <= end_month else end_year - 1
    if end_year is None and start_year is not None:
        end_year = start_year if end_month >= start_month else start_year + 1
    return Deadline(
        text="",
        kind=Kind.MONTHS,
        start_month=start_month,
        start_year=start_year,
        end_month=end_month,
        end_year=end_year,
    )


def _months_in(t: str) -> list[int]:
    return [month_number(word) for word in re.findall(rf"\b{_MONTH_WORD}\b", t)]


def _count(word: str) -> int:
    if word.isdigit():
        return int(word)
    for stem, number in ORDINALS.items():
        if word.startswith(stem):
            return number
    return CARDINALS[word]


def _relative(text: str, t: str) -> Deadline | None:
    anchor = re.search(r"\(п\.?\s*(\d+(?:\.\d+)*)\)", t)
    anchor_activity = anchor[1] if anchor else ""
    if re.search(rf"до ({_MONTH_WORD})", t):
        # «от месяца после издания приказа (п.4.1) до декабря»: the calendar end is the deadline.
        found = _month_range(t)
        return replace(found, text=text) if found else None
    # «в течение первого-второго месяца», «третий-четвертый месяцы», «четвертый месяц после …»
    match = re.match(rf"^(?:в течение )?({_ORDINAL_WORD})(?:(?:-| и )({_ORDINAL_WORD}))? месяц", t)
    if match:
        first = _count(match[1])
        last = _count(match[2]) if match[2] else first
        return Deadline(
            text=text,
            kind=Kind.RELATIVE,
            offset_start_months=first - 1,
            offset_months=Decimal(last),
            anchor_activity=anchor_activity,
        )
    # «два с половиной месяца после», «пять месяцев после», «в течение месяца после»
    match = re.match(rf"^(?:в течение )?(?:({_CARDINAL_WORD}) )?(с половиной )?месяц\w* после", t)
    if match:
        months = Decimal(_count(match[1]) if match[1] else 1)
        if match[2]:
            months += Decimal("0.5")
        return Deadline(
            text=text,
            kind=Kind.RELATIVE,
            offset_start_months=0,
            offset_months=months,
            anchor_activity=anchor_activity,
        )
    return None


# ---------------------------------------------------------------- resolution


def last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def shift_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def add_months(day: datetime.date, months: Decimal | int) -> datetime.date:
    months = Decimal(months)
    whole = int(months)
    days = int((months - whole) * 30)
    index = day.month - 1 + whole
    year, month = day.year + index // 12, index % 12 + 1
    result = datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    return result + datetime.timedelta(days=days)


def calendar_year(academic_start_year: int, month: int) -> int:
    """The calendar year of a month within the academic year starting in September of ``academic_start_year``."""
    return academic_start_year if month >= 9 else academic_start_year + 1


def _clamp_year(today: datetime.date, first_year: int, last_year: int) -> int:
    current = today.year if today.month >= 9 else today.year - 1
    return min(max(current, first_year), last_year)


def resolve(
    deadline: Deadline,
    *,
    first_year: int,
    last_year: int | None = None,
    year_shift: int = 0,
    anchor_date: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Window:
    """The window and due date of a deadline in a roadmap starting in academic year ``first_year``.

    ``year_shift`` moves the years written in a template into the year it is loaded for."""
    last_year = first_year if last_year is None else last_year
    today = today or datetime.date.today()
    kind = deadline.kind
    if kind == Kind.DATE:
        day = shift_years(deadline.date, year_shift)
        return Window(day, day)
    if kind == Kind.MONTHS:
        if deadline.end_year is not None:
            end = last_day(deadline.end_year + year_shift, deadline.end_month)
        else:
            end = last_day(calendar_year(first_year, deadline.end_month), deadline.end_month)
        if deadline.start_year is not None:
            start = datetime.date(deadline.start_year + year_shift, deadline.start_month, 1)
        else:
            start_year = end.year if deadline.start_month <= end.month else end.year - 1
            start = datetime.date(start_year, deadline.start_month, 1)
        return Window(start, end)
    if kind == Kind.RECURRING:
        if deadline.recurrence == "yearly":
            year = _clamp_year(today, first_year, last_year)
            end = last_day(calendar_year(year, deadline.end_month), deadline.end_month)
            start_year = end.year if deadline.start_month <= end.month else end.year - 1
            return Window(datetime.date(start_year, deadline.start_month, 1), end)
        period_start = datetime.date(first_year, 9, 1)
        period_end = datetime.date(last_year + 1, 8, 31)
        day = min(max(today, period_start), period_end)
        if deadline.recurrence == "monthly":
            return Window(day.replace(day=1), last_day(day.year, day.month))
        quarter_end_month = ((day.month - 1) // 3 + 1) * 3
        return Window(datetime.date(day.year, quarter_end_month - 2, 1), last_day(day.year, quarter_end_month))
    if kind == Kind.THROUGHOUT:
        if deadline.scope == "period":
            return Window(datetime.date(first_year, 9, 1), datetime.date(last_year + 1, 5, 31))
        year = _clamp_year(today, first_year, last_year)
        return Window(datetime.date(year, 9, 1), datetime.date(year + 1, 5, 31))
    if kind == Kind.RELATIVE:
        if anchor_date is None:
            return Window(None, None)
        return Window(
            add_months(anchor_date, deadline.offset_start_months), add_months(anchor_date, deadline.offset_months)
        )
    return Window(None, None)


def describe(deadline: Deadline) -> str:
    """How the portal understood the wording — shown next to the wording, never instead of it."""
    kind = deadline.kind
    if kind == Kind.RELATIVE:
        months = f"{deadline.offset_months.normalize():f}".replace(".", ",")
        anchor = f"мероприятия {deadline.anchor_activity}" if deadline.anchor_activity else "события"
        return f"{months} мес. после {anchor}"
    if kind == Kind.RECURRING:
        return {"yearly": "ежегодно", "quarterly": "ежеквартально", "monthly": "ежемесячно"}[deadline.recurrence]
    if kind == Kind.THROUGHOUT:
        return "до 31 мая" + (" последнего года" if deadline.scope == "period" else "")
    return dict(Kind.CHOICES)[kind]

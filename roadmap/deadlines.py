"""Deadlines as real roadmaps write them, turned into something a computer can date.

``parse(text)`` reads the wording of a roadmap into a :class:`Deadline`; the wording itself is always
kept verbatim and shown as written. ``resolve(deadline, ...)`` gives the concrete window and due date
within a roadmap's academic years and the organization's academic calendar
(:class:`SchoolCalendar`: quarters, trimesters or semesters and holidays). Anything unrecognised
parses to ``UNPARSED``: it loads, has no due date, and the curator sees a flag — parsing never raises.

What is read (each with an example from real roadmaps):
- a date «до 10.10.2020 г.», «15 декабря 2021», a day without a year «до 15 сентября», «не позднее
  30.09», a range «01.09.2025–31.05.2026», «с 1 сентября по 31 мая», days of one month «6-7 сентября»,
  «с 23 по 27 октября», a year written once at the end «15 марта – 19 мая 2023»; remarks beside a date
  are left aside: «До 31 августа (при приеме в 1, 10 класс)», «1 сентября (вт.)», «… включительно»;
- a month or month range «Август-сентябрь», «декабрь 2022-август 2023», a part of a month «первая
  неделя сентября», «последняя неделя мая», «в конце октября», «II декада ноября», an ordinal weekday
  «во вторую среду февраля»;
- a period of the academic calendar «IV четверть», «I полугодие», «2 триместр», «в конце учебного
  года», «на каникулах», «осенние каникулы», «2025-2026 учебный год»;
- a recurrence «Сентябрь (ежегодно)», «ежегодно до 1 октября», «1 раз в полугодие», «2 раза в год»,
  «ежеквартально», «каждую четверть», «конец четверти», «ежемесячно», «до 25 числа каждого месяца»,
  «не реже 1 раза в две недели», «еженедельно», «каждый понедельник», «не менее 2-х раз в год»;
- a deadline after an event «В течение месяца после издания приказа (п.4.1)», «в течение 10 дней
  после закрепления пар», «по завершении программы»;
- «постоянно», «по мере необходимости», «по запросу», «ежедневно» — understood as «без срока» (``NONE``):
  the activity has no due date and is not an error; so are dates set elsewhere, «по графику ФЦТ»,
  «по решению ОО», «по факту проведения», unless the wording also names a month or a date.

Decisions (documented for the curator in the UI and for the lead in the report):
- a month or month range is due on the last day of its last month; months Sep–Dec belong to the
  first calendar year of the academic year, Jan–Aug to the second; a range that starts before its
  end month in the calendar («Август-сентябрь») starts in the same academic cycle (August before);
- «в течение (учебного) года» is due on 31 May of the academic year — the last day of lessons, when
  the curator reports; «в течение всего периода» is due on 31 May of the roadmap's last year;
- a period of the calendar without a year is the one of the roadmap's first year, like a month;
- recurring deadlines are due at their occurrence that contains «today» (clamped to the roadmap's
  years); «до N числа каждого месяца» at the next N-th from today; a minimum frequency beside «по мере
  надобности» is the deadline («по мере надобности, но не менее 2-х раз в год» is twice a year);
  «один раз в квартал» at the end of the current calendar quarter, «каждую четверть» at the
  end of the current school quarter, «2 раза в год» at the end of the current half-year;
- a relative deadline («N месяцев после издания приказа») has no date until its anchor happens; an
  ordinal month («третий-четвертый месяцы») counts from the same anchor (the seeds number months of
  the programme from the order); «(п.4.1)» anchors to activity 4.1 of the same roadmap.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from decimal import Decimal


class Kind:
    DATE = "date"
    MONTHS = "months"
    TERM = "term"
    RECURRING = "recurring"
    THROUGHOUT = "throughout"
    RELATIVE = "relative"
    NONE = "none"
    UNPARSED = "unparsed"

    CHOICES = [
        (DATE, "дата"),
        (MONTHS, "месяц или месяцы"),
        (TERM, "период учебного года"),
        (RECURRING, "повторяющийся"),
        (THROUGHOUT, "в течение года / периода"),
        (RELATIVE, "после события"),
        (NONE, "без срока"),
        (UNPARSED, "не распознан"),
    ]


class Recurrence:
    YEARLY = "yearly"
    HALF_YEARLY = "halfyearly"
    TERMLY = "termly"  # every school quarter / trimester / semester
    QUARTERLY = "quarterly"  # every calendar quarter
    MONTHLY = "monthly"
    BIWEEKLY = "biweekly"
    WEEKLY = "weekly"
    MONTHS = "months"  # the listed months of every year: «сентябрь, январь, май»
    THIRDS = "thirds"  # «3 раза в год»

    CHOICES = [
        (YEARLY, "ежегодно"),
        (HALF_YEARLY, "раз в полугодие"),
        (TERMLY, "каждую четверть (триместр, семестр)"),
        (QUARTERLY, "ежеквартально"),
        (MONTHLY, "ежемесячно"),
        (BIWEEKLY, "раз в две недели"),
        (WEEKLY, "еженедельно"),
        (MONTHS, "в указанные месяцы каждого года"),
        (THIRDS, "три раза в год"),
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
MONTHS_GENITIVE = [
    "",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
MONTHS_NOMINATIVE = [
    "",
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
]
_MONTH_WORD = (
    r"(?:январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)"
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
    "одну": 1,
    "одна": 1,
    "месяц": 1,  # «в течение месяца» — one month
    "неделю": 1,
    "недели": 1,
    "два": 2,
    "две": 2,
    "двух": 2,
    "три": 3,
    "трех": 3,
    "четыре": 4,
    "четырех": 4,
    "пять": 5,
    "пяти": 5,
    "шесть": 6,
    "шести": 6,
    "семь": 7,
    "семи": 7,
    "десять": 10,
    "десяти": 10,
    "четырнадцать": 14,
    "четырнадцати": 14,
    "тридцать": 30,
    "тридцати": 30,
}

_ORDINAL_WORD = (
    r"(?:перв|втор|трет|четверт|пят|шест|седьм|восьм|девят|десят)"
    r"(?:ый|ой|ий|ая|ую|ое|ого|его|ьего|ьей|ьем|ые|ьи|ых|ья|ью|ье|ей|ом|ем)"
)
_CARDINAL_WORD = (
    r"(?:\d+|один|одного|одну|одна|два|две|двух|три|трех|четыре|четырех|пять|пяти|шесть|шести|семь|семи"
    r"|десять|десяти|четырнадцать|четырнадцати|тридцать|тридцати)"
)
_NUMBER = rf"(?:iv|iii|ii|i|[1-4](?:-?(?:ая|ой|ое|ий|го|я|й|е))?|{_ORDINAL_WORD})"
_YEAR = r"(\d{4})"
_ACADEMIC_YEAR = r"(\d{4})\s*[-/]\s*(\d{4}|\d{2})\s*(?:уч\.?|учебн\w*)?\s*(?:г\.|гг\.|год\w*)?"

# Order kinds (mentoring.orders) whose signing is an event relative deadlines count from;
# the main event «order» is the order «о внедрении целевой модели наставничества».
EVENT_HINTS = [
    # «В течение 40 дней после выхода приказа Минобрнауки РФ»: a document of a higher body, not the
    # school's own order — dated when the curator marks it, never from the order «о внедрении».
    (
        "external",
        r"(?:приказ|распоряжени|письм|постановлени|решени)\w* (?:минобрнауки|минпросвещени|минобразовани|министерств"
        r"|рособрнадзор|департамент|управлени\w* образовани|комитет\w* (?:по )?образовани|правительств|губернатор)",
    ),
    (
        "pairs",
        r"закреплени\w* (?:наставнических )?пар|приказ\w* о закреплении|формировани\w* пар"
        r"|утверждени\w* (?:наставнических )?пар",
    ),
    ("mentor_base", r"реестр\w* наставников|баз\w* наставников"),
    ("curators", r"назначени\w* куратор"),
    ("regulations", r"положени\w* о (?:системе )?наставничеств"),
    ("incentives", r"поощрени"),
    ("completion", r"(?:завершени|окончани)\w* (?:реализации )?(?:программ|наставничеств|работы пар)"),
]


@dataclass(frozen=True)
class Deadline:
    """A parsed (or entered) deadline. Years are the ones written (None when the wording has none)."""

    text: str
    kind: str
    date: datetime.date | None = None  # DATE: the due day (with a year)
    start_date: datetime.date | None = None  # DATE: a range's first day
    day: int | None = None  # DATE without a year: the due day of ``end_month``
    start_day: int | None = None  # a range without a year: its first day of ``start_month``
    start_month: int | None = None
    start_year: int | None = None
    end_month: int | None = None
    end_year: int | None = None
    part: str = ""  # MONTHS within one month: "w1".."w5", "wlast", "begin", "middle", "end", "d1".."d3"
    term: str = ""  # TERM: "quarter" | "half" | "trimester" | "semester" | "holidays" | "year_end" | "year_start"
    term_number: int = 0  # TERM: 1..4; holidays: 0 — the next ones
    holidays: str = ""  # TERM holidays: "autumn" | "winter" | "spring" | "summer" | "" (the next)
    recurrence: str = ""  # RECURRING: a Recurrence value
    months: tuple[int, ...] = ()  # RECURRING months: the months listed
    scope: str = ""  # THROUGHOUT: "year" | "period"
    offset_start_months: int = 0  # RELATIVE: window opens this many months after the anchor
    offset_months: Decimal = Decimal(0)  # RELATIVE: due this many months after the anchor (2.5 allowed)
    offset_days: int = 0  # RELATIVE: and this many days more
    anchor_activity: str = ""  # «(п.4.1)» → "4.1"; empty → an event of the roadmap
    event: str = ""  # RELATIVE: the event's key («pairs»: the order fixing the pairs); empty → the main one
    problem: str = ""  # UNPARSED: why, in Russian, for the curator

    @property
    def is_flagged(self) -> bool:
        return self.kind == Kind.UNPARSED

    def to_data(self) -> dict:
        """JSON-safe form, for a deadline entered by hand (stored next to its wording)."""
        data = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "text" or value in (None, "", 0, (), Decimal(0)):
                continue
            if isinstance(value, datetime.date):
                value = value.isoformat()
            elif isinstance(value, Decimal):
                value = str(value)
            elif isinstance(value, tuple):
                value = list(value)
            data[f.name] = value
        data["kind"] = self.kind
        return data

    @classmethod
    def from_data(cls, text: str, data: dict) -> Deadline:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known and k != "text"}
        for name in ("date", "start_date"):
            if values.get(name):
                values[name] = datetime.date.fromisoformat(values[name])
        if "offset_months" in values:
            values["offset_months"] = Decimal(values["offset_months"])
        if "months" in values:
            values["months"] = tuple(values["months"])
        return cls(text=text, **values)


@dataclass(frozen=True)
class Window:
    start: datetime.date | None
    due: datetime.date | None


# ---------------------------------------------------------------- the academic calendar


@dataclass(frozen=True)
class Period:
    kind: str  # "term" | "holidays"
    number: int  # terms: 1..4; holidays: 0
    name: str  # «I четверть», «осенние каникулы»
    start: datetime.date
    end: datetime.date
    holidays: str = ""  # holidays: "autumn" | "winter" | "spring" | "summer"


@dataclass(frozen=True)
class SchoolCalendar:
    """One academic year of one organization: its terms and holidays (see roadmap.calendar)."""

    start_year: int
    system: str  # "quarters" | "trimesters" | "semesters"
    periods: tuple[Period, ...] = field(default_factory=tuple)

    @property
    def terms(self) -> list[Period]:
        return [p for p in self.periods if p.kind == "term"]

    @property
    def holiday_periods(self) -> list[Period]:
        return [p for p in self.periods if p.kind == "holidays"]

    @property
    def lessons_end(self) -> datetime.date:
        terms = self.terms
        return terms[-1].end if terms else datetime.date(self.start_year + 1, 5, 31)

    @property
    def lessons_start(self) -> datetime.date:
        terms = self.terms
        return terms[0].start if terms else datetime.date(self.start_year, 9, 1)

    def term(self, number: int) -> Period | None:
        return next((p for p in self.terms if p.number == number), None)

    def halves(self) -> list[tuple[datetime.date, datetime.date]]:
        """«I полугодие» ends with the last term that ends in December; «II» runs to the end of lessons."""
        new_year = datetime.date(self.start_year + 1, 1, 1)
        terms = self.terms
        if self.system == "semesters" and len(terms) >= 2:
            return [(terms[0].start, terms[0].end), (terms[1].start, terms[-1].end)]
        first = [t for t in terms if t.end < new_year]
        second = [t for t in terms if t.end >= new_year]
        if not first or not second:
            return [(self.lessons_start, datetime.date(self.start_year, 12, 31)), (new_year, self.lessons_end)]
        if self.system == "trimesters":  # the second trimester straddles the New Year: split at its holidays
            winter = next((h for h in self.holiday_periods if h.holidays == "winter"), None)
            first_end = winter.start - datetime.timedelta(days=1) if winter else datetime.date(self.start_year, 12, 31)
            second_start = winter.end + datetime.timedelta(days=1) if winter else new_year
            return [(terms[0].start, first_end), (second_start, terms[-1].end)]
        return [(first[0].start, first[-1].end), (second[0].start, second[-1].end)]


SYSTEMS = [("quarters", "четверти"), ("trimesters", "триместры"), ("semesters", "семестры (полугодия)")]


def federal_calendar(start_year: int, system: str = "quarters") -> SchoolCalendar:
    """The common calendar the Ministry recommends year after year (the portal's default; an
    organization edits its own dates in roadmap.calendar): lessons 1 September – 26 May, autumn
    holidays around 4 November, winter ones around the New Year, spring ones at the end of March."""
    y, n = start_year, start_year + 1
    d = datetime.date
    holidays = [
        Period("holidays", 0, "осенние каникулы", d(y, 10, 26), d(y, 11, 3), "autumn"),
        Period("holidays", 0, "зимние каникулы", d(y, 12, 29), d(n, 1, 11), "winter"),
        Period("holidays", 0, "весенние каникулы", d(n, 3, 22), d(n, 3, 31), "spring"),
        Period("holidays", 0, "летние каникулы", d(n, 5, 27), d(n, 8, 31), "summer"),
    ]
    if system == "trimesters":
        terms = [
            Period("term", 1, "I триместр", d(y, 9, 1), d(y, 11, 30)),
            Period("term", 2, "II триместр", d(y, 12, 1), d(n, 2, 28)),
            Period("term", 3, "III триместр", d(n, 3, 1), d(n, 5, 26)),
        ]
    elif system == "semesters":
        terms = [
            Period("term", 1, "I семестр", d(y, 9, 1), d(y, 12, 28)),
            Period("term", 2, "II семестр", d(n, 1, 12), d(n, 6, 30)),
        ]
        holidays = [
            Period("holidays", 0, "зимние каникулы", d(y, 12, 29), d(n, 1, 11), "winter"),
            Period("holidays", 0, "летние каникулы", d(n, 7, 1), d(n, 8, 31), "summer"),
        ]
    else:
        system = "quarters"
        terms = [
            Period("term", 1, "I четверть", d(y, 9, 1), d(y, 10, 25)),
            Period("term", 2, "II четверть", d(y, 11, 4), d(y, 12, 28)),
            Period("term", 3, "III четверть", d(n, 1, 12), d(n, 3, 21)),
            Period("term", 4, "IV четверть", d(n, 4, 1), d(n, 5, 26)),
        ]
    periods = tuple(sorted(terms + holidays, key=lambda p: (p.start, p.kind)))
    return SchoolCalendar(start_year=start_year, system=system, periods=periods)


CalendarSource = Callable[[int], SchoolCalendar]


# ---------------------------------------------------------------- reading


def normalize(text: str) -> str:
    text = (text or "").casefold().replace("ё", "е").replace("і", "i").replace("\u00a0", " ")
    text = re.sub(r"[‐-―−]", "-", text)  # every dash is a hyphen
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(
        r"(\d{4}|(?<=\d\.)\d{2})\s*(?:г\.\s?г\.?|гг\.?|г\.?|года?)(?=\s|$|[,;)\-])", r"\1", text
    )  # «2020 г.», «2020 года», «1.09.09г.» → «2020», «1.09.09»
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


def _number(word: str) -> int:
    """«IV», «4», «4-я», «четвертая» → 4."""
    word = word.strip()
    romans = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
    if word in romans:
        return romans[word]
    digits = re.match(r"\d+", word)
    if digits:
        return int(digits[0])
    return _count(word)


def parse(text: str) -> Deadline:
    """Never raises: unknown wording comes back as UNPARSED with the reason."""
    try:
        return _parse(text)
    except (ValueError, KeyError, IndexError, TypeError):  # a malformed date such as 31.02.2021
        return Deadline(text=text, kind=Kind.UNPARSED, problem="Срок записан так, что дату вычислить нельзя.")


_NONE = re.compile(
    r"^(?:постоянно|систематически|регулярно|бессрочно|по необходимости|при необходимости|ежедневно|"
    r"по запросу|по запросам|в случае необходимости|без срока)\b|по мере (?:необходимости|надобности|поступления|"
    r"появления|возникновения|запроса|готовности|формирования|потребности)"
)
# «по графику ФЦТ», «по решению ОО», «по факту проведения», «В соответствии со сроками реализации программ
# наставничества»: the date is set elsewhere (another body's schedule, a later decision, the programme's
# own plan) — «без срока» here, unless the wording also names a month or a date.
_SET_ELSEWHERE = re.compile(
    r"^(?:(?:по|согласно) (?:графику|расписанию|решению|факту|отдельному)"
    r"|в соответствии с (?:графиком|расписанием|решением|отдельным)"
    r"|в соответствии со сроками (?:реализации )?программ)"  # each programme's own timeline dates it
)
# «по мере надобности, но не менее 2-х раз в год»: a minimum frequency is a deadline after all.
_MINIMUM = re.compile(r"не (?:менее|реже)")
_THROUGHOUT_PERIOD = re.compile(
    r"в течение (?:всего )?(?:периода|срока)|весь период|на протяжении всего периода|"
    r"в течение (?:всего )?(?:срока )?реализации|в течение (?:всей )?программы|весь срок"
)
_THROUGHOUT_YEAR = re.compile(
    r"^(?:в течение|на протяжении|весь|в ходе) (?:всего )?(?:учебного )?года|^весь учебный год|^круглый год|"
    r"^в течение уч\.? года"
)


def _parse(text: str) -> Deadline:
    t = normalize(text)
    if not t:
        return Deadline(text=text, kind=Kind.UNPARSED, problem="Срок не указан.")
    if len(t) > 300:
        return Deadline(text=text, kind=Kind.UNPARSED, problem="Срок записан слишком длинно, чтобы его прочитать.")
    for reader in (_relative_or_none, _recurring, _throughout, _term, _dates, _month_part, _month_range_reader):
        found = reader(text, t)
        if found is not None:
            return found
    return Deadline(
        text=text, kind=Kind.UNPARSED, problem="Срок не распознан: укажите дату или месяц, чтобы портал следил за ним."
    )


# «по окончании четверти», «по завершении учебного года» end a period of the calendar, not an event.
_CALENDAR_END = re.compile(
    rf"^по (?:завершени|окончани)\w* (?:{_NUMBER} )?(?:четверт|полугоди|триместр|семестр|учебного|уч\.|года|каникул)"
)


def _relative_or_none(text: str, t: str) -> Deadline | None:
    if (
        "после" in t
        or re.match(rf"^(в течение )?({_ORDINAL_WORD}|{_CARDINAL_WORD}\b|месяц)", t)
        or (re.match(r"^по (?:завершени|окончани)", t) and not _CALENDAR_END.match(t))
    ):
        relative = _relative(text, t)
        if relative:
            return relative
    if _NONE.search(t) and not _MINIMUM.search(t):
        return Deadline(text=text, kind=Kind.NONE)
    if _SET_ELSEWHERE.search(t) and not _months_in(t) and not re.search(r"\d{1,2}\.\d{1,2}", t):
        return Deadline(text=text, kind=Kind.NONE)
    return None


_HALF_YEARLY = (
    r"полугоди\w* (?:ежегодно|каждого года)|раз в полугодие|кажд\w+ полугоди|по полугодиям|ежеполугодн"
    r"|по итогам (?:каждого )?полугодия|^(?:в )?кон(?:ец|це) полугодия$"
)
_TERMLY = (
    r"ежечетвертн|раз в четверть|кажд\w+ четверт|по четвертям|по итогам (?:каждой )?четверти$"
    r"|в конце каждой четверти|раз в триместр|кажд\w+ триместр|по триместрам|раз в семестр|кажд\w+ семестр"
    r"|^(?:в )?кон(?:ец|це) (?:четверти|триместра)$|^по окончании (?:каждой )?четверти$"
)
_WEEKDAYS = {
    "понедельник": 0,
    "вторник": 1,
    "сред": 2,
    "четверг": 3,
    "пятниц": 4,
    "суббот": 5,
    "воскресень": 6,
}
_WEEKDAY_WORD = r"(?:понедельник\w*|вторник\w*|сред[уаы]|четверг\w*|пятниц[уаы]|суббот[уаы]|воскресень[ея])"


def _recurring(text: str, t: str) -> Deadline | None:
    months = _months_in(t)
    yearly = re.search(r"ежегодн|каждый год|(?:^|\s)(?:1|один) раз в (?:учебный )?год|^раз в год", t)
    # «2 раза в год», «не менее 2-х раз в год», «не реже двух раз в год»
    twice = re.search(r"(?:2|два|двух)(?:-х)? раза? в (?:учебный )?год|дважды в год", t)
    thrice = re.search(r"(?:3|три|трех)(?:-х)? раза? в (?:учебный )?год", t)
    four = re.search(r"(?:4|четыре|четырех)(?:-х)? раза? в (?:учебный )?год", t)
    if twice or thrice or four:
        if len(months) >= 2:
            return Deadline(text=text, kind=Kind.RECURRING, recurrence=Recurrence.MONTHS, months=tuple(months))
        recurrence = Recurrence.HALF_YEARLY if twice else Recurrence.THIRDS if thrice else Recurrence.TERMLY
        return Deadline(text=text, kind=Kind.RECURRING, recurrence=recurrence)
    if re.search(_HALF_YEARLY, t) and not re.search(rf"{_NUMBER} полугоди", t.replace("по итогам каждого", "")):
        return Deadline(text=text, kind=Kind.RECURRING, recurrence=Recurrence.HALF_YEARLY)
    if re.search(_TERMLY, t):
        return Deadline(text=text, kind=Kind.RECURRING, recurrence=Recurrence.TERMLY)
    if "квартал" in t:
        return Deadline(text=text, kind=Kind.RECURRING, recurrence=Recurrence.QUARTERLY)
    if re.search(
        r"ежемесячн|каждый месяц|каждого месяца|(?:1|один) раз в месяц|^раз в месяц"
        r"|не реже (?:1|одного) раза в месяц",
        t,
    ):
        # «до 25 числа каждого месяца», «ежемесячно до 15 числа месяца, следующего за отчетным»
        day = re.search(r"(\d{1,2})(?:-?го)? числа", t)
        if day and 1 <= int(day[1]) <= 31:
            return Deadline(text=text, kind=Kind.RECURRING, recurrence=Recurrence.MONTHLY, day=int(day[1]))
        return Deadline(text=text, kind=Kind.RECURRING, recurrence=Recurrence.MONTHLY)
    if re.search(r"раз в (?:2|две) недели|каждые (?:2|две) недели|раза? в (?:2|две) недели|1 раз в 14 дней", t):
        return Deadline(text=text, kind=Kind.RECURRING, recurrence=Recurrence.BIWEEKLY)
    if re.search(
        rf"еженедельн|каждую неделю|(?:1|один) раз в неделю|^раз в неделю|раза? в неделю|кажд\w+ {_WEEKDAY_WORD}", t
    ):
        return Deadline(text=text, kind=Kind.RECURRING, recurrence=Recurrence.WEEKLY)
    if yearly:
        day = _day_month(t)
        if day:
            return Deadline(
                text=text,
                kind=Kind.RECURRING,
                recurrence=Recurrence.YEARLY,
                day=day[0],
                end_month=day[1],
                start_month=day[1],
            )
        if months:
            ranged = _month_range(re.sub(r"\(?ежегодн\w*\)?|каждый год", "", t).strip(" ,.;"))
            if ranged is not None and ranged.end_month == months[-1] and not re.search(r",", t):
                return Deadline(
                    text=text,
                    kind=Kind.RECURRING,
                    recurrence=Recurrence.YEARLY,
                    start_month=ranged.start_month,
                    end_month=ranged.end_month,
                )
            if len(months) >= 2 and "," in t:
                return Deadline(text=text, kind=Kind.RECURRING, recurrence=Recurrence.MONTHS, months=tuple(months))
            return Deadline(
                text=text,
                kind=Kind.RECURRING,
                recurrence=Recurrence.YEARLY,
                start_month=months[0],
                end_month=months[-1],
            )
        return Deadline(text=text, kind=Kind.RECURRING, recurrence=Recurrence.YEARLY)
    return None


def _throughout(text: str, t: str) -> Deadline | None:
    if _THROUGHOUT_PERIOD.search(t):
        return Deadline(text=text, kind=Kind.THROUGHOUT, scope="period")
    # «в 2023-2024 годах» spells out plural calendar years (a regional roadmap signed in February):
    # January of the first to December of the last; «2023-2024 (учебный) год», singular, is a school year.
    calendar_years = re.fullmatch(r"(?:в течение |в |на )?(\d{4})\s*-\s*(\d{4}) (?:годах|годы|годов)", t)
    if calendar_years and int(calendar_years[2]) > int(calendar_years[1]):
        first, last = int(calendar_years[1]), int(calendar_years[2])
        return Deadline(text=text, kind=Kind.MONTHS, start_month=1, start_year=first, end_month=12, end_year=last)
    year = re.fullmatch(rf"(?:в течение |в |на )?{_ACADEMIC_YEAR}", t)
    if year:
        first, last = int(year[1]), _full_year(year[2]) if len(year[2]) == 2 else int(year[2])
        if last - first > 1:  # «на 2021-2024 гг.»: the years of a programme, September to May
            return Deadline(text=text, kind=Kind.MONTHS, start_month=9, start_year=first, end_month=5, end_year=last)
        return Deadline(text=text, kind=Kind.THROUGHOUT, scope="year", start_year=first)
    if _THROUGHOUT_YEAR.search(t) or t in ("весь год", "круглый год", "в течение года", "учебный год"):
        return Deadline(text=text, kind=Kind.THROUGHOUT, scope="year")
    calendar_year = re.fullmatch(rf"(?:в течение |в |до конца |до |на )?{_YEAR}", t)
    if calendar_year:
        year = int(calendar_year[1])
        return Deadline(text=text, kind=Kind.MONTHS, start_month=1, start_year=year, end_month=12, end_year=year)
    return None


_TERM_UNITS = {"четверт": "quarter", "полугод": "half", "триместр": "trimester", "семестр": "semester"}
_HOLIDAYS = {"осен": "autumn", "зимн": "winter", "весен": "spring", "летн": "summer"}


def _term(text: str, t: str) -> Deadline | None:
    year = re.search(_ACADEMIC_YEAR, t)
    start_year = int(year[1]) if year else None
    body = re.sub(_ACADEMIC_YEAR, "", t).strip(" ,.;")
    match = re.search(rf"(?:^|\s|\()({_NUMBER})\s*(четверт|полугод|триместр|семестр)\w*", " " + body)
    if match and not re.search(r"после", body):
        return Deadline(
            text=text,
            kind=Kind.TERM,
            term=_TERM_UNITS[match[2]],
            term_number=_number(match[1]),
            start_year=start_year,
        )
    holidays = re.search(r"(осен|зимн|весен|летн)\w* каникул|каникул|(летн)\w* (?:период|оздоровительн)", body)
    if holidays:
        return Deadline(
            text=text,
            kind=Kind.TERM,
            term="holidays",
            holidays=_HOLIDAYS.get(holidays[1] or holidays[2] or "", ""),
            start_year=start_year,
        )
    if re.search(r"(?:в )?(?:конц\w*|окончани\w*|завершени\w*|итог\w*) (?:учебного|уч\.?) года", body):
        return Deadline(text=text, kind=Kind.TERM, term="year_end", start_year=start_year)
    if re.search(r"(?:в )?начал\w* (?:учебного|уч\.?) года|к началу (?:учебного|уч\.?) года", body):
        return Deadline(text=text, kind=Kind.TERM, term="year_start", start_year=start_year)
    return None


_DMY = r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})"
_DM = r"(\d{1,2})\.(\d{1,2})(?!\.\d)"


def _full_year(value: str) -> int:
    year = int(value)
    return year + 2000 if year < 100 else year


def _dates(text: str, t: str) -> Deadline | None:
    # Remarks beside a date never change it: «До 31 августа (при приеме в 1, 10 класс)»,
    # «1 сентября (вт.) — 27 октября (вт.)», «… по 8 января 2023 г. включительно», «… текущего года».
    t = re.sub(r"\s*\([^()]*\)", "", t)
    t = re.sub(r"\s+(?:включительно|текущего (?:учебного )?года)$", "", t).strip(" ,.;")
    t = re.sub(r"^в период (?=с |от )", "", t)
    prefix = r"(?:срок )?(?:до |не позднее |не позже |к |по |в срок до |в )?"
    match = re.fullmatch(rf"(?:с |от )?{_DMY}(?:-| по | до |-по )(?:по )?{_DMY}", t)
    if match:
        d1, m1, y1, d2, m2, y2 = match.groups()
        start = datetime.date(_full_year(y1), int(m1), int(d1))
        end = datetime.date(_full_year(y2), int(m2), int(d2))
        return Deadline(text=text, kind=Kind.DATE, start_date=start, date=end) if start <= end else None
    match = re.fullmatch(rf"{prefix}{_DMY}", t)
    if match:
        day, month, year = match.groups()
        return Deadline(text=text, kind=Kind.DATE, date=datetime.date(_full_year(year), int(month), int(day)))
    # «6-7 сентября», «с 23 по 27 октября», «1-24 марта 2023»: days of one month
    match = re.fullmatch(rf"(?:с |от )?(\d{{1,2}})(?:-| по | до )(?:по )?(\d{{1,2}}) ({_MONTH_WORD})(?: {_YEAR})?", t)
    if match:
        d1, d2, word, year = int(match[1]), int(match[2]), match[3], match[4]
        month = month_number(word)
        if d1 > d2:
            return None
        if year:
            return Deadline(
                text=text,
                kind=Kind.DATE,
                start_date=datetime.date(int(year), month, d1),
                date=datetime.date(int(year), month, d2),
            )
        _check_day(d1, month)
        _check_day(d2, month)
        return Deadline(text=text, kind=Kind.DATE, start_day=d1, start_month=month, day=d2, end_month=month)
    one = rf"(\d{{1,2}}) ({_MONTH_WORD})(?: {_YEAR})?"
    match = re.fullmatch(rf"(?:с |от )?{one}(?:-| по | до )(?:по )?{one}", t)
    if match:
        d1, w1, y1, d2, w2, y2 = match.groups()
        m1, m2 = month_number(w1), month_number(w2)
        within_a_year = (m1, int(d1)) <= (m2, int(d2))
        if y2 and not y1:  # «15 марта – 19 мая 2023»: the year written once at the end is the range's
            y1 = str(int(y2) if within_a_year else int(y2) - 1)
        if y1 and not y2:
            y2 = str(int(y1) if within_a_year else int(y1) + 1)
        if y1 and y2:
            start = datetime.date(int(y1), m1, int(d1))
            end = datetime.date(int(y2), m2, int(d2))
            return Deadline(text=text, kind=Kind.DATE, start_date=start, date=end) if start <= end else None
        _check_day(int(d1), m1)
        _check_day(int(d2), m2)
        return Deadline(text=text, kind=Kind.DATE, start_day=int(d1), start_month=m1, day=int(d2), end_month=m2)
    match = re.fullmatch(rf"(?:с |от )?{_DM}(?:-| по | до ){_DM}", t)
    if match:
        d1, m1, d2, m2 = (int(g) for g in match.groups())
        _check_day(d1, m1)
        _check_day(d2, m2)
        return Deadline(text=text, kind=Kind.DATE, start_day=d1, start_month=m1, day=d2, end_month=m2)
    match = re.fullmatch(rf"{prefix}{one}", t)
    if match:
        day, word, year = match.groups()
        month = month_number(word)
        if year:
            return Deadline(text=text, kind=Kind.DATE, date=datetime.date(int(year), month, int(day)))
        _check_day(int(day), month)
        return Deadline(text=text, kind=Kind.DATE, day=int(day), end_month=month)
    match = re.fullmatch(rf"{prefix}{_DM}", t)
    if match:
        day, month = int(match[1]), int(match[2])
        _check_day(day, month)
        return Deadline(text=text, kind=Kind.DATE, day=day, end_month=month)
    return None


def _check_day(day: int, month: int) -> None:
    datetime.date(2024, month, day)  # a leap year: 29.02 is a real day; raises ValueError otherwise


def _day_month(t: str) -> tuple[int, int] | None:
    match = re.search(rf"(\d{{1,2}}) ({_MONTH_WORD})(?! \d{{4}})", t) or re.search(rf"(?<![\d.]){_DM}(?!\.)", t)
    if not match:
        return None
    day = int(match[1])
    month = month_number(match[2]) if not match[2].isdigit() else int(match[2])
    _check_day(day, month)
    return day, month


_PARTS = {
    "начал": "begin",
    "середин": "middle",
    "конц": "end",
    "конец": "end",
    "окончани": "end",
}


def _part_of_month(text: str, month: int, year: int | None, part: str) -> Deadline:
    """A part of one month: its first half, a decade, an ordinal weekday, its beginning or end."""
    return Deadline(
        text=text, kind=Kind.MONTHS, start_month=month, end_month=month, start_year=year, end_year=year, part=part
    )


def _month_part(text: str, t: str) -> Deadline | None:
    week = re.fullmatch(
        rf"(?:в |на |до конца )?(?:(\d)(?:-?(?:я|й|ю|ая))?|({_ORDINAL_WORD})|(последн\w*))"
        rf"(?:(?:-| и )(?:(\d)(?:-?(?:я|й|ю|ая))?|({_ORDINAL_WORD})|(последн\w*)))?"
        rf" недел\w* ({_MONTH_WORD})(?: {_YEAR})?",
        t,
    )
    if week:
        first = "wlast" if week[3] else f"w{int(week[1]) if week[1] else _count(week[2])}"
        second = (
            ("wlast" if week[6] else f"w{int(week[4]) if week[4] else _count(week[5])}")
            if (week[4] or week[5] or week[6])
            else ""
        )
        part = first if not second else f"{first}:{second}"
        if not _valid_part(part):
            return None
        month, year = month_number(week[7]), int(week[8]) if week[8] else None
        return _part_of_month(text, month, year, part)
    weekday = re.fullmatch(
        rf"(?:во? |к )?(?:(\d)(?:-?(?:й|ю|ый|ую))?|({_ORDINAL_WORD})|(последн\w*)) ({_WEEKDAY_WORD}) ({_MONTH_WORD})"
        rf"(?: {_YEAR})?",
        t,
    )
    if weekday:
        number = "last" if weekday[3] else int(weekday[1]) if weekday[1] else _count(weekday[2])
        if number != "last" and not 1 <= number <= 4:  # a fifth weekday is not in every month
            return None
        code = next(v for stem, v in _WEEKDAYS.items() if weekday[4].startswith(stem))
        month, year = month_number(weekday[5]), int(weekday[6]) if weekday[6] else None
        return _part_of_month(text, month, year, f"wd{code}.{number}")
    decade = re.fullmatch(rf"(?:в )?({_NUMBER}|[123]) декад\w* ({_MONTH_WORD})(?: {_YEAR})?", t)
    if decade:
        number = _number(decade[1])
        if not 1 <= number <= 3:
            return None
        month, year = month_number(decade[2]), int(decade[3]) if decade[3] else None
        return _part_of_month(text, month, year, f"d{number}")
    half = re.fullmatch(rf"(?:в )?(перв|втор)\w* половин\w* ({_MONTH_WORD})(?: {_YEAR})?", t)
    if half:
        month, year = month_number(half[2]), int(half[3]) if half[3] else None
        part = "h1" if half[1] == "перв" else "h2"
        return _part_of_month(text, month, year, part)
    if t.startswith(("до конца ", "к концу ")):
        return None  # «до конца сентября» is the whole month
    edge = re.fullmatch(
        rf"(?:в |до |к )?(начал\w*|середин\w*|конц\w*|конец|окончани\w*) ({_MONTH_WORD})(?: {_YEAR})?", t
    )
    if edge:
        stem = next(s for s in _PARTS if edge[1].startswith(s))
        month, year = month_number(edge[2]), int(edge[3]) if edge[3] else None
        return _part_of_month(text, month, year, _PARTS[stem])
    return None


def _valid_part(part: str) -> bool:
    numbers = [p for p in part.split(":") if p != "wlast"]
    return all(1 <= int(p[1:]) <= 5 for p in numbers)


def _month_range_reader(text: str, t: str) -> Deadline | None:
    months = _month_range(t)
    if months:
        return replace(months, text=text)
    listed = _months_in(t)
    if len(listed) >= 2 and re.fullmatch(rf"(?:в )?{_MONTH_WORD}(?:(?:, | и |,)(?:в )?{_MONTH_WORD})+", t):
        return Deadline(text=text, kind=Kind.RECURRING, recurrence=Recurrence.MONTHS, months=tuple(listed))
    return None


def _month_range(t: str) -> Deadline | None:
    """«сентябрь 2022», «сентябрь-октябрь 2022», «декабрь 2022-август 2023», «до декабря»."""
    t = re.sub(r"\(.*?\)", "", t).strip(" ,.;")
    t = re.sub(r"^(?:в течение|ежегодно|к концу|до конца|в|до|с|по|на) ", "", t)
    one = rf"({_MONTH_WORD})(?: (\d{{4}}))?"
    match = re.fullmatch(rf"{one}(?:-{one})?", t) or re.fullmatch(rf"{one}(?: по | и |-| до |-по )(?:по )?{one}", t)
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


def _event_hint(t: str) -> str:
    for key, pattern in EVENT_HINTS:
        if re.search(pattern, t):
            return key
    return ""


def _relative(text: str, t: str) -> Deadline | None:
    anchor = re.search(r"\(п\.?\s*(\d+(?:\.\d+)*)\)", t)
    anchor_activity = anchor[1] if anchor else ""
    event = "" if anchor_activity else _event_hint(t)
    if re.search(rf"до ({_MONTH_WORD})", t):
        # «от месяца после издания приказа (п.4.1) до декабря»: the calendar end is the deadline.
        found = _month_range(t)
        return replace(found, text=text) if found else None
    common = {"text": text, "kind": Kind.RELATIVE, "anchor_activity": anchor_activity, "event": event}
    # «в течение первого-второго месяца», «третий-четвертый месяцы», «четвертый месяц после …»
    match = re.match(rf"^(?:в течение |на )?({_ORDINAL_WORD})(?:(?:-| и )({_ORDINAL_WORD}))? месяц", t)
    if match:
        first = _count(match[1])
        last = _count(match[2]) if match[2] else first
        if last < first:
            return None
        return Deadline(**common, offset_start_months=first - 1, offset_months=Decimal(last))
    # «два с половиной месяца после», «пять месяцев после», «в течение месяца после», «через 2 недели после»,
    # «в течение 10 дней после»
    match = re.match(
        rf"^(?:в течение |через |не позднее |не позже |в срок до |по истечении |по прошествии )?"
        rf"(?:({_CARDINAL_WORD}) )?(с половиной )?"
        rf"(месяц|недел|дн|день|рабоч\w* дн)\w* (?:с момента |со дня |с даты )?"
        r"(?:после|издания|подписания|утверждения)",
        t,
    )
    if match:
        count = Decimal(_count(match[1]) if match[1] else 1)
        if match[2]:
            count += Decimal("0.5")
        unit = match[3]
        if unit == "месяц":
            return Deadline(**common, offset_months=count)
        days = int(count * 7) if unit == "недел" else int(count)
        if days > 3660:
            return None
        return Deadline(**common, offset_days=days)
    # «после издания приказа», «сразу после закрепления пар», «по завершении программы»
    if re.match(r"^(?:сразу |непосредственно )?после\b", t) or re.match(r"^по (?:завершени|окончани)", t):
        if not event and re.match(r"^по (?:завершени|окончани)", t):
            event = "completion"
        if not event and not anchor_activity and "приказ" not in t:
            return None  # «после каникул» is not an event the portal knows
        return Deadline(**{**common, "event": event}, offset_days=0)
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


def _day_in(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _clamp_year(today: datetime.date, first_year: int, last_year: int) -> int:
    current = today.year if today.month >= 9 else today.year - 1
    return min(max(current, first_year), last_year)


def _nth_weekday(year: int, month: int, code: str) -> datetime.date:
    """«wd2.2» — the second Wednesday of the month; «wd4.last» — its last Friday."""
    weekday, _, number = code[2:].partition(".")
    end = last_day(year, month)
    if number == "last":
        return end - datetime.timedelta(days=(end.weekday() - int(weekday)) % 7)
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(int(weekday) - first.weekday()) % 7 + 7 * (int(number) - 1))


def _part_window(year: int, month: int, part: str) -> Window:
    if part.startswith("wd"):
        day = _nth_weekday(year, month, part)
        return Window(day, day)
    end = last_day(year, month)
    first, _, second = part.partition(":")

    def week(code: str) -> tuple[datetime.date, datetime.date]:
        if code == "wlast":
            return end - datetime.timedelta(days=6), end
        number = int(code[1:])
        start = datetime.date(year, month, min(7 * (number - 1) + 1, end.day))
        return start, min(start + datetime.timedelta(days=6), end)

    if first.startswith("w"):
        start, due = week(first)
        if second:
            due = week(second)[1]
        return Window(start, due)
    bounds = {
        "begin": (1, 10),
        "d1": (1, 10),
        "middle": (11, 20),
        "d2": (11, 20),
        "end": (21, end.day),
        "d3": (21, end.day),
        "h1": (1, 15),
        "h2": (16, end.day),
    }[first]
    return Window(datetime.date(year, month, bounds[0]), datetime.date(year, month, bounds[1]))


def resolve(
    deadline: Deadline,
    *,
    first_year: int,
    last_year: int | None = None,
    year_shift: int = 0,
    anchor_date: datetime.date | None = None,
    today: datetime.date | None = None,
    calendars: CalendarSource | None = None,
) -> Window:
    """The window and due date of a deadline in a roadmap starting in academic year ``first_year``.

    ``year_shift`` moves the years written in a template into the year it is loaded for;
    ``calendars`` gives the organization's academic calendar of a year (the federal one by default)."""
    last_year = first_year if last_year is None else last_year
    today = today or datetime.date.today()
    calendars = calendars or federal_calendar
    kind = deadline.kind
    if kind == Kind.DATE:
        if deadline.date is not None:
            due = shift_years(deadline.date, year_shift)
            start = shift_years(deadline.start_date, year_shift) if deadline.start_date else due
            return Window(start, due)
        due = _day_in(calendar_year(first_year, deadline.end_month), deadline.end_month, deadline.day)
        if deadline.start_month:
            # The range ends on ``due`` and starts before it within twelve months, like a month range:
            # «с 6 июля по 5 сентября» is the summer before, «30 декабря – 10 января» crosses the New Year.
            first = (deadline.start_month, deadline.start_day or 1)
            start_year = due.year if first <= (due.month, due.day) else due.year - 1
            return Window(_day_in(start_year, deadline.start_month, deadline.start_day or 1), due)
        return Window(due, due)
    if kind == Kind.MONTHS:
        if deadline.end_year is not None:
            end_year = deadline.end_year + year_shift
        else:
            end_year = calendar_year(first_year, deadline.end_month)
        if deadline.part:
            return _part_window(end_year, deadline.end_month, deadline.part)
        end = last_day(end_year, deadline.end_month)
        if deadline.start_year is not None:
            start = datetime.date(deadline.start_year + year_shift, deadline.start_month, 1)
        else:
            start_year = end.year if deadline.start_month <= end.month else end.year - 1
            start = datetime.date(start_year, deadline.start_month, 1)
        return Window(start, end)
    if kind == Kind.TERM:
        year = deadline.start_year + year_shift if deadline.start_year else first_year
        return _term_window(deadline, calendars(year), today)
    if kind == Kind.RECURRING:
        return _recurring_window(deadline, first_year, last_year, today, calendars)
    if kind == Kind.THROUGHOUT:
        if deadline.scope == "period":
            return Window(datetime.date(first_year, 9, 1), datetime.date(last_year + 1, 5, 31))
        year = deadline.start_year + year_shift if deadline.start_year else _clamp_year(today, first_year, last_year)
        return Window(datetime.date(year, 9, 1), datetime.date(year + 1, 5, 31))
    if kind == Kind.RELATIVE:
        if anchor_date is None:
            return Window(None, None)
        due = add_months(anchor_date, deadline.offset_months) + datetime.timedelta(days=deadline.offset_days)
        return Window(add_months(anchor_date, deadline.offset_start_months), due)
    return Window(None, None)


def _term_window(deadline: Deadline, cal: SchoolCalendar, today: datetime.date) -> Window:
    if deadline.term == "half":
        halves = cal.halves()
        start, end = halves[min(max(deadline.term_number, 1), len(halves)) - 1]
        return Window(start, end)
    if deadline.term in ("quarter", "trimester", "semester"):
        terms = cal.terms
        if not terms:
            return Window(None, None)
        period = cal.term(deadline.term_number) or terms[-1]
        if deadline.term == "semester" and cal.system != "semesters":
            start, end = cal.halves()[min(max(deadline.term_number, 1), 2) - 1]
            return Window(start, end)
        return Window(period.start, period.end)
    if deadline.term == "holidays":
        holidays = cal.holiday_periods
        if deadline.holidays:
            chosen = next((h for h in holidays if h.holidays == deadline.holidays), None)
        else:  # «на каникулах»: the next holidays from today within the year, else the first ones
            chosen = next((h for h in holidays if h.end >= today), holidays[0] if holidays else None)
        return Window(chosen.start, chosen.end) if chosen else Window(None, None)
    if deadline.term == "year_end":
        end = cal.lessons_end
        return Window(end.replace(day=1), end)
    if deadline.term == "year_start":
        start = cal.lessons_start
        return Window(start, start + datetime.timedelta(days=14))
    return Window(None, None)


def _recurring_window(
    deadline: Deadline, first_year: int, last_year: int, today: datetime.date, calendars: CalendarSource
) -> Window:
    recurrence = deadline.recurrence
    year = _clamp_year(today, first_year, last_year)
    period_start = datetime.date(first_year, 9, 1)
    period_end = datetime.date(last_year + 1, 8, 31)
    day = min(max(today, period_start), period_end)
    if recurrence == Recurrence.YEARLY:
        if deadline.end_month is None:
            cal = calendars(year)
            return Window(cal.lessons_start, cal.lessons_end)
        end_year = calendar_year(year, deadline.end_month)
        if deadline.day:
            due = _day_in(end_year, deadline.end_month, deadline.day)
            return Window(due, due)
        end = last_day(end_year, deadline.end_month)
        start_year = end.year if deadline.start_month <= end.month else end.year - 1
        return Window(datetime.date(start_year, deadline.start_month, 1), end)
    if recurrence == Recurrence.MONTHS:
        windows = sorted(
            (datetime.date(calendar_year(year, m), m, 1), last_day(calendar_year(year, m), m)) for m in deadline.months
        )
        current = next((w for w in windows if w[1] >= day), windows[-1])
        return Window(*current)
    if recurrence in (Recurrence.HALF_YEARLY, Recurrence.TERMLY, Recurrence.THIRDS):
        cal = calendars(year)
        if recurrence == Recurrence.HALF_YEARLY:
            spans = cal.halves()
        elif recurrence == Recurrence.TERMLY:
            spans = [(t.start, t.end) for t in cal.terms] or cal.halves()
        else:
            y, n = year, year + 1
            spans = [
                (datetime.date(y, 9, 1), datetime.date(y, 11, 30)),
                (datetime.date(y, 12, 1), last_day(n, 2)),
                (datetime.date(n, 3, 1), cal.lessons_end),
            ]
        current = next((s for s in spans if s[1] >= day), spans[-1])
        return Window(*current)
    if recurrence == Recurrence.MONTHLY:
        if deadline.day:  # «до 25 числа каждого месяца»: the next such day, from the day after the last one
            due = _day_in(day.year, day.month, deadline.day)
            if due < day:
                due = _day_in(*_next_month(day.year, day.month), deadline.day)
            previous = _day_in(*_previous_month(due.year, due.month), deadline.day)
            return Window(previous + datetime.timedelta(days=1), due)
        return Window(day.replace(day=1), last_day(day.year, day.month))
    if recurrence == Recurrence.WEEKLY:
        start = day - datetime.timedelta(days=day.weekday())
        return Window(start, start + datetime.timedelta(days=6))
    if recurrence == Recurrence.BIWEEKLY:
        index = (day - period_start).days // 14
        start = period_start + datetime.timedelta(days=14 * index)
        return Window(start, start + datetime.timedelta(days=13))
    quarter_end_month = ((day.month - 1) // 3 + 1) * 3
    start = datetime.date(day.year, quarter_end_month - 2, 1)
    return Window(start, min(last_day(day.year, quarter_end_month), max(period_end, start)))


# ---------------------------------------------------------------- words


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
TERM_NAMES = {"quarter": "четверть", "half": "полугодие", "trimester": "триместр", "semester": "семестр"}
HOLIDAY_NAMES = {"autumn": "осенние", "winter": "зимние", "spring": "весенние", "summer": "летние"}
EVENT_NAMES = {
    "": "издания приказа о внедрении целевой модели наставничества",
    "order": "издания приказа о внедрении целевой модели наставничества",
    "curators": "издания приказа о назначении куратора",
    "regulations": "издания приказа об утверждении положения о наставничестве",
    "mentor_base": "издания приказа об утверждении базы наставников",
    "pairs": "издания приказа о закреплении наставнических пар (групп)",
    "incentives": "издания приказа о поощрении наставников",
    "completion": "завершения программы наставничества",
    "external": "издания документа вышестоящего органа (министерства, управления образования)",
}


def _offset_words(deadline: Deadline) -> str:
    parts = []
    months = deadline.offset_months
    if months:
        value = f"{months.normalize():f}".replace(".", ",")
        parts.append(f"{value} мес.")
    if deadline.offset_days:
        days = deadline.offset_days
        parts.append(f"{days // 7} нед." if days % 7 == 0 and days >= 7 else f"{days} дн.")
    return " ".join(parts)


def describe(deadline: Deadline) -> str:
    """How the portal understood the wording — shown next to the wording, never instead of it."""
    kind = deadline.kind
    if kind == Kind.RELATIVE:
        anchor = f"выполнения мероприятия {deadline.anchor_activity}" if deadline.anchor_activity else "события"
        if deadline.offset_start_months and deadline.offset_months:
            first = deadline.offset_start_months + 1
            return f"{first}–{deadline.offset_months.normalize():f}-й мес. после {anchor}"
        offset = _offset_words(deadline)
        return f"{offset} после {anchor}" if offset else f"сразу после {anchor}"
    if kind == Kind.RECURRING:
        if deadline.recurrence == Recurrence.MONTHLY and deadline.day:
            return f"ежемесячно, до {deadline.day} числа"
        return dict(Recurrence.CHOICES)[deadline.recurrence]
    if kind == Kind.THROUGHOUT:
        return "до 31 мая" + (" последнего года" if deadline.scope == "period" else "")
    if kind == Kind.TERM:
        if deadline.term == "holidays":
            return f"{HOLIDAY_NAMES.get(deadline.holidays, 'ближайшие')} каникулы"
        if deadline.term == "year_end":
            return "конец учебного года"
        if deadline.term == "year_start":
            return "начало учебного года"
        return f"{ROMAN.get(deadline.term_number, deadline.term_number)} {TERM_NAMES[deadline.term]}"
    return dict(Kind.CHOICES)[kind]


def wording(deadline: Deadline) -> str:
    """The wording a deadline entered by hand reads as («до 15.09.2025», «сентябрь–октябрь»,
    «ежегодно, сентябрь», «в течение 1 мес. после издания приказа …»)."""
    kind = deadline.kind
    if kind == Kind.DATE:
        if deadline.date and deadline.start_date:
            return f"{deadline.start_date:%d.%m.%Y}–{deadline.date:%d.%m.%Y}"
        if deadline.date:
            return f"до {deadline.date:%d.%m.%Y}"
        if deadline.start_month:
            return (
                f"с {deadline.start_day or 1} {MONTHS_GENITIVE[deadline.start_month]} "
                f"по {deadline.day} {MONTHS_GENITIVE[deadline.end_month]}"
            )
        return f"до {deadline.day} {MONTHS_GENITIVE[deadline.end_month]}"
    if kind == Kind.MONTHS:

        def month(number: int | None, year: int | None) -> str:
            return MONTHS_NOMINATIVE[number] + (f" {year}" if year else "")

        first = month(deadline.start_month, deadline.start_year)
        if deadline.start_month == deadline.end_month and deadline.start_year == deadline.end_year:
            return first.capitalize()
        return f"{first}–{month(deadline.end_month, deadline.end_year)}".capitalize()
    if kind == Kind.RECURRING:
        if deadline.recurrence == Recurrence.YEARLY and deadline.end_month:
            if deadline.day:
                return f"ежегодно до {deadline.day} {MONTHS_GENITIVE[deadline.end_month]}"
            if deadline.start_month != deadline.end_month:
                return f"ежегодно, {MONTHS_NOMINATIVE[deadline.start_month]}–{MONTHS_NOMINATIVE[deadline.end_month]}"
            return f"ежегодно, {MONTHS_NOMINATIVE[deadline.end_month]}"
        if deadline.recurrence == Recurrence.MONTHS:
            return ", ".join(MONTHS_NOMINATIVE[m] for m in deadline.months).capitalize() + " (ежегодно)"
        if deadline.recurrence == Recurrence.MONTHLY and deadline.day:
            return f"Ежемесячно до {deadline.day} числа"
        return dict(Recurrence.CHOICES)[deadline.recurrence].capitalize()
    if kind == Kind.RELATIVE:
        anchor = (
            f"выполнения мероприятия {deadline.anchor_activity}"
            if deadline.anchor_activity
            else EVENT_NAMES.get(deadline.event, EVENT_NAMES[""])
        )
        offset = _offset_words(deadline)
        return f"В течение {offset} после {anchor}" if offset else f"После {anchor}"
    if kind == Kind.THROUGHOUT:
        return "В течение всего периода" if deadline.scope == "period" else "В течение учебного года"
    if kind == Kind.TERM:
        return describe(deadline).capitalize()
    if kind == Kind.NONE:
        return "Постоянно"
    return deadline.text


def as_dict(deadline: Deadline) -> dict:
    return asdict(deadline)

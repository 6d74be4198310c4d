"""Property tests of the deadline reader: wordings generated in the shapes real roadmaps use, each
with the due date it must give, plus «never raises, never a window that ends before it starts»."""

import calendar
import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap.deadlines import Kind, Recurrence, federal_calendar, parse, resolve

D = datetime.date
GENITIVE = [
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
NOMINATIVE = [
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
ROMAN = ["", "I", "II", "III", "IV"]
ORDINAL_F = ["", "первая", "вторая", "третья", "четвертая"]

years = st.integers(min_value=2000, max_value=2090)
months = st.integers(min_value=1, max_value=12)
todays = st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31))
casing = st.sampled_from([str, str.capitalize, str.upper])

# No per-example time limit: the suite runs on two busy cores, where a slow example is not a failure.
settings.register_profile("portal", deadline=None)
settings.load_profile("portal")


def academic(first_year: int, month: int) -> int:
    return first_year if month >= 9 else first_year + 1


@st.composite
def day_month(draw):
    month = draw(months)
    day = draw(st.integers(min_value=1, max_value=calendar.monthrange(2023, month)[1]))
    return day, month


@given(
    dm=day_month(),
    first_year=years,
    prefix=st.sampled_from(["до ", "не позднее ", "к ", "", "в срок до "]),
    case=casing,
)
def test_a_day_without_a_year_is_due_in_the_academic_year_of_the_roadmap(dm, first_year, prefix, case):
    day, month = dm
    deadline = parse(case(f"{prefix}{day} {GENITIVE[month]}"))
    assert deadline.kind == Kind.DATE
    assert resolve(deadline, first_year=first_year).due == D(academic(first_year, month), month, day)


@given(
    dm=day_month(),
    year=years,
    prefix=st.sampled_from(["до ", "не позднее ", ""]),
    suffix=st.sampled_from(["", " г.", " года"]),
)
def test_a_written_date_is_due_that_day(dm, year, prefix, suffix):
    day, month = dm
    for text in (f"{prefix}{day:02}.{month:02}.{year}{suffix}", f"{prefix}{day} {GENITIVE[month]} {year}{suffix}"):
        deadline = parse(text)
        assert deadline.kind == Kind.DATE, text
        assert resolve(deadline, first_year=year).due == D(year, month, day), text


@given(
    start=st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 1, 1)),
    length=st.integers(0, 700),
    dash=st.sampled_from(["–", "-", " - ", " по "]),
)
def test_a_range_of_dates_is_its_window(start, length, dash):
    end = start + datetime.timedelta(days=length)
    deadline = parse(f"{start:%d.%m.%Y}{dash}{end:%d.%m.%Y}")
    assert deadline.kind == Kind.DATE
    window = resolve(deadline, first_year=start.year)
    assert (window.start, window.due) == (start, end)


@given(m1=months, m2=months, first_year=years, dash=st.sampled_from(["-", "–", " – "]), case=casing)
def test_a_month_range_is_due_at_the_end_of_its_last_month(m1, m2, first_year, dash, case):
    deadline = parse(case(f"{NOMINATIVE[m1]}{dash}{NOMINATIVE[m2]}"))
    assert deadline.kind == Kind.MONTHS
    window = resolve(deadline, first_year=first_year)
    end_year = academic(first_year, m2)
    assert window.due == D(end_year, m2, calendar.monthrange(end_year, m2)[1])
    assert window.start.month == m1 and window.start <= window.due


@given(
    number=st.integers(1, 4),
    first_year=years,
    style=st.sampled_from(["roman", "digit", "word"]),
    lead=st.sampled_from(["", "в ", "в течение ", "по итогам "]),
)
def test_a_quarter_of_the_school_year_is_due_at_its_end_in_the_calendar(number, first_year, style, lead):
    name = {"roman": ROMAN[number], "digit": str(number), "word": ORDINAL_F[number]}[style]
    unit = "четверть" if lead in ("", "в ") else "четверти"
    if lead == "в течение " and style == "word":
        name = ["", "первой", "второй", "третьей", "четвертой"][number]
    deadline = parse(f"{lead}{name} {unit}")
    assert (deadline.kind, deadline.term, deadline.term_number) == (Kind.TERM, "quarter", number)
    term = federal_calendar(first_year).term(number)
    assert resolve(deadline, first_year=first_year).due == term.end


@given(
    first_year=years,
    today=todays,
    text=st.sampled_from(
        [
            ("Ежегодно", Recurrence.YEARLY),
            ("1 раз в полугодие", Recurrence.HALF_YEARLY),
            ("2 раза в год", Recurrence.HALF_YEARLY),
            ("ежеквартально", Recurrence.QUARTERLY),
            ("Один раз в квартал", Recurrence.QUARTERLY),
            ("1 раз в четверть", Recurrence.TERMLY),
            ("по итогам каждой четверти", Recurrence.TERMLY),
            ("ежемесячно", Recurrence.MONTHLY),
            ("1 раз в месяц", Recurrence.MONTHLY),
            ("не реже 1 раза в две недели", Recurrence.BIWEEKLY),
            ("раз в 2 недели", Recurrence.BIWEEKLY),
            ("еженедельно", Recurrence.WEEKLY),
            ("3 раза в год", Recurrence.THIRDS),
            ("по полугодиям", Recurrence.HALF_YEARLY),
        ]
    ),
    years_long=st.integers(0, 4),
)
def test_a_recurrence_is_due_at_its_occurrence_within_the_roadmap(first_year, today, text, years_long):
    wording, recurrence = text
    deadline = parse(wording)
    assert (deadline.kind, deadline.recurrence) == (Kind.RECURRING, recurrence)
    last_year = first_year + years_long
    window = resolve(deadline, first_year=first_year, last_year=last_year, today=today)
    assert window.start <= window.due
    assert D(first_year, 9, 1) <= window.due <= D(last_year + 1, 8, 31) + datetime.timedelta(days=31)
    if D(first_year, 9, 1) <= today <= D(last_year + 1, 5, 1) and recurrence in (
        Recurrence.MONTHLY,
        Recurrence.WEEKLY,
        Recurrence.BIWEEKLY,
        Recurrence.QUARTERLY,
    ):
        assert window.start <= today <= window.due  # the occurrence that contains today


@given(month=months, first_year=years, week=st.integers(1, 4), style=st.sampled_from(["word", "digit"]))
def test_an_ordinal_week_is_seven_days_of_its_month(month, first_year, week, style):
    name = ORDINAL_F[week] if style == "word" else f"{week}-я"
    deadline = parse(f"{name} неделя {GENITIVE[month]}")
    assert (deadline.kind, deadline.part) == (Kind.MONTHS, f"w{week}")
    window = resolve(deadline, first_year=first_year)
    assert window.start == D(academic(first_year, month), month, 7 * (week - 1) + 1)
    assert (window.due - window.start).days == 6


@given(
    anchor=st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 1, 1)),
    count=st.integers(1, 60),
    unit=st.sampled_from(["дней", "дня"]),
    event=st.sampled_from(
        [
            ("издания приказа", ""),
            ("издания приказа о закреплении наставнических пар", "pairs"),
            ("утверждения базы наставников", "mentor_base"),
        ]
    ),
)
def test_days_after_an_event_count_from_its_date(anchor, count, unit, event):
    words, key = event
    deadline = parse(f"В течение {count} {unit} после {words}")
    assert (deadline.kind, deadline.event) == (Kind.RELATIVE, key)
    assert resolve(deadline, first_year=anchor.year, anchor_date=anchor).due == anchor + datetime.timedelta(days=count)
    assert resolve(deadline, first_year=anchor.year).due is None  # until the event happens


@given(
    text=st.sampled_from(
        [
            "Постоянно",
            "по мере необходимости",
            "По мере поступления запросов",
            "по запросу",
            "при необходимости",
            "Систематически",
        ]
    ),
    case=casing,
)
def test_no_deadline_wordings_are_understood_as_without_a_deadline_not_as_errors(text, case):
    deadline = parse(case(text))
    assert deadline.kind == Kind.NONE and not deadline.is_flagged
    assert resolve(deadline, first_year=2025).due is None


@settings(max_examples=300)
@given(text=st.text(max_size=120), first_year=years, today=todays, shift=st.integers(-5, 5), anchor=st.none() | todays)
def test_any_text_never_raises_and_never_gives_a_window_ending_before_it_starts(text, first_year, today, shift, anchor):
    deadline = parse(text)
    assert deadline.text == text
    if deadline.kind == Kind.UNPARSED:
        assert deadline.problem
    window = resolve(
        deadline, first_year=first_year, last_year=first_year + 1, year_shift=shift, anchor_date=anchor, today=today
    )
    if window.start and window.due:
        assert window.start <= window.due


@given(
    text=st.lists(
        st.sampled_from(
            [
                "до",
                "15",
                "сентября",
                "IV",
                "четверть",
                "ежегодно",
                "после",
                "приказа",
                "2025",
                "-",
                "в течение",
                "месяца",
                "каникулы",
                "раз",
                "в",
                "полугодие",
                ".",
            ]
        ),
        max_size=8,
    ).map(" ".join),
    first_year=years,
)
def test_wordings_made_of_deadline_words_never_raise(text, first_year):
    deadline = parse(text)
    window = resolve(deadline, first_year=first_year, today=D(first_year, 11, 1))
    if window.start and window.due:
        assert window.start <= window.due

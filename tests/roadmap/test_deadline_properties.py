"""Property tests of the deadline reader: wordings generated in the shapes real roadmaps use, each
with the due date it must give, plus «never raises, never a window that ends before it starts»."""

import calendar
import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap.deadlines import Kind, Recurrence, describe, federal_calendar, parse, resolve

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
            ("выхода приказа Минобрнауки РФ", "external"),
            ("получения письма министерства образования", "external"),
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


# ---- shapes found in the corpus of real wordings (tests/roadmap/corpus)

WEEKDAYS_ACC = ["понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"]
ORDINAL_ACC_F = ["", "первую", "вторую", "третью", "четвертую"]  # «во вторую среду»
ORDINAL_ACC_M = ["", "первый", "второй", "третий", "четвертый"]  # «в первый понедельник»


@given(
    dm=day_month(),
    length=st.integers(0, 27),
    first_year=years,
    year=st.none() | years,
    shape=st.sampled_from(["{a}-{b} {m}", "{a} – {b} {m}", "с {a} по {b} {m}", "{a} — {b} {m}"]),
    case=casing,
)
def test_days_of_one_month_are_a_window_of_that_month(dm, length, first_year, year, shape, case):
    start_day, month = dm
    end_day = min(start_day + length, calendar.monthrange(2023, month)[1])
    text = shape.format(a=start_day, b=end_day, m=GENITIVE[month]) + (f" {year}" if year else "")
    deadline = parse(case(text))
    assert deadline.kind == Kind.DATE, text
    window = resolve(deadline, first_year=first_year)
    calendar_year = year or academic(first_year, month)
    assert (window.start, window.due) == (D(calendar_year, month, start_day), D(calendar_year, month, end_day))


@given(
    start=st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 1, 1)),
    length=st.integers(0, 360),
    year_word=st.sampled_from(["", " г.", " года"]),
    lead=st.sampled_from(["", "с ", "в период с "]),
    tail=st.sampled_from(["", " включительно"]),
)
def test_a_range_with_its_year_written_once_at_the_end_is_that_years_range(start, length, year_word, lead, tail):
    end = start + datetime.timedelta(days=length)
    join = " по " if lead else " – "
    text = f"{lead}{start.day} {GENITIVE[start.month]}{join}{end.day} {GENITIVE[end.month]} {end.year}{year_word}{tail}"
    deadline = parse(text)
    assert deadline.kind == Kind.DATE, text
    assert (deadline.start_date, deadline.date) == (start, end), text


@given(
    day=st.integers(1, 28),
    today=st.dates(min_value=D(2020, 9, 1), max_value=D(2026, 4, 30)),
    shape=st.sampled_from(
        [
            "до {d} числа каждого месяца",
            "ежемесячно до {d} числа",
            "Ежемесячно до {d} числа месяца, следующего за отчетным",
        ]
    ),
)
def test_a_monthly_day_is_due_on_its_next_occurrence(day, today, shape):
    deadline = parse(shape.format(d=day))
    assert (deadline.kind, deadline.recurrence, deadline.day) == (Kind.RECURRING, Recurrence.MONTHLY, day)
    assert describe(deadline) == f"ежемесячно, до {day} числа"
    first_year = today.year if today.month >= 9 else today.year - 1
    window = resolve(deadline, first_year=first_year, last_year=first_year + 1, today=today)
    assert window.due.day == day and window.due >= today
    assert (window.due - today).days < 31
    assert window.start <= today and (window.due - window.start).days < 31


@given(
    month=months,
    first_year=years,
    weekday=st.integers(0, 6),
    number=st.sampled_from([1, 2, 3, 4, "last"]),
    lead=st.sampled_from(["в", "во"]),
)
def test_an_ordinal_weekday_of_a_month_is_that_day(month, first_year, weekday, number, lead):
    feminine = weekday in (2, 4, 5)
    if number == "last":
        ordinal = "последнюю" if feminine else "последний" if weekday != 6 else "последнее"
    else:
        ordinal = ORDINAL_ACC_F[number] if feminine else ORDINAL_ACC_M[number]
        if weekday == 6:
            ordinal = ["", "первое", "второе", "третье", "четвертое"][number]
    deadline = parse(f"{lead} {ordinal} {WEEKDAYS_ACC[weekday]} {GENITIVE[month]}")
    assert deadline.kind == Kind.MONTHS, (ordinal, WEEKDAYS_ACC[weekday])
    window = resolve(deadline, first_year=first_year)
    due = window.due
    assert window.start == due and due.weekday() == weekday
    assert (due.year, due.month) == (academic(first_year, month), month)
    if number == "last":
        assert (due + datetime.timedelta(days=7)).month != month
    else:
        assert (due.day - 1) // 7 + 1 == number


@given(
    dm=day_month(),
    first_year=years,
    remark=st.sampled_from([" (вт.)", " (ср)", " (при приеме в 1, 10 класс)", " (по согласованию)"]),
)
def test_a_remark_in_brackets_beside_a_date_does_not_change_it(dm, first_year, remark):
    day, month = dm
    plain = resolve(parse(f"до {day} {GENITIVE[month]}"), first_year=first_year)
    remarked = parse(f"До {day} {GENITIVE[month]}{remark}")
    assert remarked.kind == Kind.DATE
    assert resolve(remarked, first_year=first_year) == plain


@given(
    text=st.sampled_from(
        ["по графику ФЦТ", "По решению ОО", "по факту проведения", "по расписанию", "ежедневно", "по мере надобности"]
    ),
    case=casing,
)
def test_dates_set_elsewhere_and_daily_duties_are_without_a_deadline(text, case):
    deadline = parse(case(text))
    assert deadline.kind == Kind.NONE and not deadline.is_flagged


@given(
    lead=st.sampled_from(["", "по мере надобности, но ", "по мере необходимости, но "]),
    count=st.sampled_from(
        [("2-х", Recurrence.HALF_YEARLY), ("двух", Recurrence.HALF_YEARLY), ("3-х", Recurrence.THIRDS)]
    ),
    word=st.sampled_from(["не менее", "не реже"]),
)
def test_a_minimum_frequency_is_a_recurring_deadline_even_beside_as_needed(lead, count, word):
    number, recurrence = count
    deadline = parse(f"{lead}{word} {number} раз в год")
    assert (deadline.kind, deadline.recurrence) == (Kind.RECURRING, recurrence)


@given(
    text=st.sampled_from(
        [
            ("конец четверти", Recurrence.TERMLY),
            ("в конце четверти", Recurrence.TERMLY),
            ("по окончании четверти", Recurrence.TERMLY),
            ("в конце полугодия", Recurrence.HALF_YEARLY),
            ("каждый понедельник", Recurrence.WEEKLY),
            ("каждую пятницу", Recurrence.WEEKLY),
        ]
    ),
    case=casing,
)
def test_period_ends_and_weekdays_without_a_number_recur(text, case):
    wording, recurrence = text
    deadline = parse(case(wording))
    assert (deadline.kind, deadline.recurrence) == (Kind.RECURRING, recurrence)


@given(
    text=st.sampled_from(
        [
            ("по окончании учебного года", "year_end", 0),
            ("по завершении учебного года", "year_end", 0),
            ("по завершении I полугодия", "half", 1),
            ("по окончании IV четверти", "quarter", 4),
        ]
    ),
    first_year=years,
)
def test_the_end_of_a_calendar_period_is_not_an_event_to_wait_for(text, first_year):
    wording, term, number = text
    deadline = parse(wording)
    assert (deadline.kind, deadline.term, deadline.term_number) == (Kind.TERM, term, number)
    assert resolve(deadline, first_year=first_year).due is not None

"""The deadline parser against every wording that occurs in the five seed roadmaps."""

import datetime
import json
from pathlib import Path

import pytest

from roadmap.deadlines import Kind, Window, parse, resolve

D = datetime.date
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "roadmaps"
ANCHOR = D(2025, 10, 15)
TODAY = D(2025, 11, 22)

# wording → (kind, window start, due) in a roadmap of 2025/2026 whose template was written for
# 2022/2023 (year shift 3), the anchor event on 15.10.2025, today 22.11.2025.
SEED_WORDINGS = {
    # seed 000
    "Август-сентябрь": (Kind.MONTHS, D(2025, 8, 1), D(2025, 9, 30)),
    "Сентябрь": (Kind.MONTHS, D(2025, 9, 1), D(2025, 9, 30)),
    "В течение года": (Kind.THROUGHOUT, D(2025, 9, 1), D(2026, 5, 31)),
    "Октябрь- ноябрь": (Kind.MONTHS, D(2025, 10, 1), D(2025, 11, 30)),
    "Октябрь-май": (Kind.MONTHS, D(2025, 10, 1), D(2026, 5, 31)),
    "июнь": (Kind.MONTHS, D(2026, 6, 1), D(2026, 6, 30)),
    # seed 001 (years written: shifted by 3)
    "сентябрь 2022": (Kind.MONTHS, D(2025, 9, 1), D(2025, 9, 30)),
    "октябрь 2022": (Kind.MONTHS, D(2025, 10, 1), D(2025, 10, 31)),
    "сентябрь-октябрь 2022": (Kind.MONTHS, D(2025, 9, 1), D(2025, 10, 31)),
    "октябрь – ноябрь 2022": (Kind.MONTHS, D(2025, 10, 1), D(2025, 11, 30)),
    "декабрь 2022-август 2023": (Kind.MONTHS, D(2025, 12, 1), D(2026, 8, 31)),
    "Ноябрь 2022": (Kind.MONTHS, D(2025, 11, 1), D(2025, 11, 30)),
    "Декабрь 2022 – июнь 2023": (Kind.MONTHS, D(2025, 12, 1), D(2026, 6, 30)),
    "Май 2023": (Kind.MONTHS, D(2026, 5, 1), D(2026, 5, 31)),
    "Май": (Kind.MONTHS, D(2026, 5, 1), D(2026, 5, 31)),
    "Июнь 2023": (Kind.MONTHS, D(2026, 6, 1), D(2026, 6, 30)),
    # seed 002
    "Апрель 2022": (Kind.MONTHS, D(2025, 4, 1), D(2025, 4, 30)),
    "Сентябрь (ежегодно)": (Kind.RECURRING, D(2025, 9, 1), D(2025, 9, 30)),
    "Сентябрь (ежегодно) (дополнительно по запросу)": (Kind.RECURRING, D(2025, 9, 1), D(2025, 9, 30)),
    "октябрь (ежегодно) (дополнительно по запросу)": (Kind.RECURRING, D(2025, 10, 1), D(2025, 10, 31)),
    "в течение учебного года": (Kind.THROUGHOUT, D(2025, 9, 1), D(2026, 5, 31)),
    "Ежегодно апрель-май": (Kind.RECURRING, D(2026, 4, 1), D(2026, 5, 31)),
    # seed 003
    "до 10.10.2020 г.": (Kind.DATE, D(2023, 10, 10), D(2023, 10, 10)),
    "до 01.10.2020 г": (Kind.DATE, D(2023, 10, 1), D(2023, 10, 1)),
    "": (Kind.UNPARSED, None, None),
    "В течение всего периода реализации ЦМН": (Kind.THROUGHOUT, D(2025, 9, 1), D(2026, 5, 31)),
    "Ноябрь-декабрь": (Kind.MONTHS, D(2025, 11, 1), D(2025, 12, 31)),
    "Сентябрь-декабрь": (Kind.MONTHS, D(2025, 9, 1), D(2025, 12, 31)),
    "Ноябрь": (Kind.MONTHS, D(2025, 11, 1), D(2025, 11, 30)),
    "Октябрь-ноябрь": (Kind.MONTHS, D(2025, 10, 1), D(2025, 11, 30)),
    "В соответствии со сроками реализации программ наставничества": (Kind.NONE, None, None),
    "Февраль 2021 г.": (Kind.MONTHS, D(2024, 2, 1), D(2024, 2, 29)),
    "Январь 2021 г.": (Kind.MONTHS, D(2024, 1, 1), D(2024, 1, 31)),
    "Март 2021 г.": (Kind.MONTHS, D(2024, 3, 1), D(2024, 3, 31)),
    "Июнь 2021 г.": (Kind.MONTHS, D(2024, 6, 1), D(2024, 6, 30)),
    "Сентябрь-декабрь 2021 г.": (Kind.MONTHS, D(2024, 9, 1), D(2024, 12, 31)),
    # seed 004: months counted from the order (15.10.2025 here)
    "В течение первого-второго месяца после издания приказа": (Kind.RELATIVE, D(2025, 10, 15), D(2025, 12, 15)),
    "В течение первого-второго месяца": (Kind.RELATIVE, D(2025, 10, 15), D(2025, 12, 15)),
    "Два с половиной месяца после издания приказа": (Kind.RELATIVE, D(2025, 10, 15), D(2025, 12, 30)),
    "Третий-четвертый месяцы после издания приказа": (Kind.RELATIVE, D(2025, 12, 15), D(2026, 2, 15)),
    "Третий и четвертый месяцы": (Kind.RELATIVE, D(2025, 12, 15), D(2026, 2, 15)),
    "Один раз в квартал": (Kind.RECURRING, D(2025, 10, 1), D(2025, 12, 31)),
    "Четыре месяца после издания приказа": (Kind.RELATIVE, D(2025, 10, 15), D(2026, 2, 15)),
    "Четвертый месяц после издания программы": (Kind.RELATIVE, D(2026, 1, 15), D(2026, 2, 15)),
    "Четвертый-пятый месяц": (Kind.RELATIVE, D(2026, 1, 15), D(2026, 3, 15)),
    "Пятый месяц": (Kind.RELATIVE, D(2026, 2, 15), D(2026, 3, 15)),
    "Шестой месяц": (Kind.RELATIVE, D(2026, 3, 15), D(2026, 4, 15)),
    "Пять месяцев после издания приказа": (Kind.RELATIVE, D(2025, 10, 15), D(2026, 3, 15)),
    "Шесть месяцев после издания приказа": (Kind.RELATIVE, D(2025, 10, 15), D(2026, 4, 15)),
    "В течение месяца после издания приказа об утверждении реестра наставников": (
        Kind.RELATIVE,
        D(2025, 10, 15),
        D(2025, 11, 15),
    ),
    "В течение месяца после издания приказа (п.4.1)": (Kind.RELATIVE, D(2025, 10, 15), D(2025, 11, 15)),
    "От месяца после издания приказа (п.4.1) до декабря (срок завершения программы)": (
        Kind.MONTHS,
        D(2025, 12, 1),
        D(2025, 12, 31),
    ),
    "15 декабря 2021": (Kind.DATE, D(2024, 12, 15), D(2024, 12, 15)),
    "Декабрь 2021": (Kind.MONTHS, D(2024, 12, 1), D(2024, 12, 31)),
    "декабрь": (Kind.MONTHS, D(2025, 12, 1), D(2025, 12, 31)),
}


@pytest.mark.parametrize("wording", sorted(SEED_WORDINGS))
def test_each_seed_wording_parses_to_its_kind_and_dates(wording):
    kind, start, due = SEED_WORDINGS[wording]
    deadline = parse(wording)
    assert deadline.kind == kind
    assert deadline.text == wording  # the wording is kept verbatim
    window = resolve(deadline, first_year=2025, year_shift=3, anchor_date=ANCHOR, today=TODAY)
    assert (window.start, window.due) == (start, due)


def test_every_deadline_wording_in_the_fixtures_is_in_the_table():
    wordings = set()
    for path in FIXTURES.glob("*.json"):
        for section in json.loads(path.read_text(encoding="utf-8"))["sections"]:
            wordings.update(activity["deadline"] for activity in section["activities"])
    assert wordings <= set(SEED_WORDINGS), wordings - set(SEED_WORDINGS)


def test_activity_anchors_are_read_from_the_point_number():
    assert parse("В течение месяца после издания приказа (п.4.1)").anchor_activity == "4.1"
    assert parse("Пять месяцев после издания приказа").anchor_activity == ""


def test_a_relative_deadline_has_no_date_until_its_anchor_happens():
    window = resolve(parse("Шесть месяцев после издания приказа"), first_year=2025, anchor_date=None, today=TODAY)
    assert window.due is None and window.start is None


@pytest.mark.parametrize(
    "junk",
    ["???", "31.02.2021", "до 99.99.9999", "ежегодно", "после", "в течение", "по согласованию", "x" * 500, "2025"],
)
def test_unparseable_wording_is_flagged_and_never_raises(junk):
    deadline = parse(junk)
    assert deadline.text == junk
    if deadline.kind == Kind.UNPARSED:
        assert deadline.is_flagged and deadline.problem
        assert resolve(deadline, first_year=2025, today=TODAY).due is None


def test_without_a_template_shift_years_written_are_taken_as_written():
    window = resolve(parse("до 10.10.2025"), first_year=2025, today=TODAY)
    assert window.due == D(2025, 10, 10)


def test_yearly_deadline_is_due_in_the_academic_year_that_contains_today_within_the_roadmap():
    september = parse("Сентябрь (ежегодно)")
    assert resolve(september, first_year=2020, last_year=2024, today=D(2022, 11, 1)).due == D(2022, 9, 30)
    # before the roadmap starts: the first year; after it ends: the last one
    assert resolve(september, first_year=2020, last_year=2024, today=D(2019, 1, 1)).due == D(2020, 9, 30)
    assert resolve(september, first_year=2020, last_year=2024, today=D(2030, 1, 1)).due == D(2024, 9, 30)


def test_whole_period_runs_to_31_may_of_the_last_year():
    window = resolve(parse("В течение всего периода реализации ЦМН"), first_year=2020, last_year=2024, today=TODAY)
    assert (window.start, window.due) == (D(2020, 9, 1), D(2025, 5, 31))


def test_quarterly_deadline_is_the_end_of_the_current_quarter():
    quarterly = parse("Один раз в квартал")
    assert resolve(quarterly, first_year=2025, today=D(2026, 2, 3)).due == D(2026, 3, 31)
    assert resolve(quarterly, first_year=2025, today=D(2026, 4, 1)).due == D(2026, 6, 30)


def test_a_shifted_29_february_falls_back_to_28():
    assert resolve(parse("29.02.2024"), first_year=2025, year_shift=1, today=TODAY).due == D(2025, 2, 28)


def test_plural_calendar_years_run_january_to_december_and_a_school_year_september_to_may():
    calendar_years = parse("в 2023-2024 годах")
    school_year = parse("2023-2024 учебный год")
    assert (calendar_years.kind, school_year.kind) == (Kind.MONTHS, Kind.THROUGHOUT)
    assert resolve(calendar_years, first_year=2023) == Window(D(2023, 1, 1), D(2024, 12, 31))
    assert resolve(school_year, first_year=2023) == Window(D(2023, 9, 1), D(2024, 5, 31))

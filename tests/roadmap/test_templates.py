"""The five seed roadmaps and the skeleton, loaded as the organization's roadmaps."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mentoring.models import AcademicYear, Role
from roadmap import catalog
from roadmap.localize import NAMED_PERSON
from roadmap.models import Activity, Roadmap

pytestmark = pytest.mark.django_db

# key → (sections, activities, first numbers, last number)
EXPECTED = {
    "seven-stages": (7, 0, [], None),
    "nifantovskaya-school": (7, 33, ["1.1", "1.2", "1.3"], "7.7"),
    "sosh-59": (1, 35, ["1", "2", "3"], "35"),
    "gymnasium-30": (7, 17, ["1.1", "1.2", "1.3"], "7.1"),
    "vozhegodsky-cdo": (7, 21, ["1.1", "1.2", "1.3"], "7.1"),
    "chernogorsk-college": (7, 46, ["1.1", "1.2", "1.3"], "7.4"),
}

# Wordings copied from the seed texts: (number, title starts with, deadline, responsible, result starts with)
EXACT = {
    "nifantovskaya-school": [
        (
            "1.6",
            "создать в ОО проектный офис для координации работ концентрации ресурсов",
            "Август-сентябрь",
            "Заместитель директора по УВР",
            "",
        ),
        (
            "5.3",
            "обеспечить психологическое сопровождение наставляемым, не сформировавшим пару",
            "Октябрь- ноябрь",
            "Заместитель директора по ВР, педагог-психолог, социальный педагог",
            "",
        ),
        (
            "7.4",
            "организовать и провести итоговое мероприятие («Mentory fest»)",
            "июнь",
            "Заместитель директора по ВР, педагог-психолог, социальный педагог",
            "",
        ),
    ],
    "sosh-59": [
        (
            "8",
            "Выбор форм и программ наставничества исходя из потребностей школы",
            "декабрь 2022-август 2023",
            "Куратор программы. Руководители ШМО. Классные руководители",
            "",
        ),
        (
            "23",
            "Проведение встречи-планирования рабочего процесса в рамках Программы наставничества с наставником",
            "Ноябрь 2022",
            "Куратор программы. Наставники",
            "",
        ),
        ("27", "Проведение групповой заключительной встречи всех пар и групп", "Май", "Наставники", ""),
    ],
    "gymnasium-30": [
        (
            "1.1",
            "приказ «Об утверждении положения о системе наставничества педагогических работников",
            "Апрель 2022",
            "Шишкина Л.А., директор",
            "Приняты локальные нормативные правовые акты",
        ),
        (
            "6.1",
            "Проведение мониторинга качества реализации персонализированных программ",
            "Ежегодно апрель-май",
            "Гривенная Е.В., заместитель директора по научно-методической работе, Шишкина Л.А., директор.",
            "Мониторинг пройден",
        ),
        (
            "7.1",
            "Освещение мероприятий Дорожной карты",
            "в течение учебного года",
            "Пермякова Н.Е., ответственный за информатизацию образовательного процесса",
            "Материалы размещены на сайте",
        ),
    ],
    "vozhegodsky-cdo": [
        ("1.1", "Назначение ответственного лица (куратора)", "до 10.10.2020 г.", "Директор", "Приказ директора"),
        ("2.2", "Информирование обучающихся МБУ ДО «Вожегодский ЦДО»", "", "Педагоги", ""),
        ("5.3", "Проведение внутреннего мониторинга", "Июнь 2021 г.", "заместитель директора", "Получены данные"),
    ],
    "chernogorsk-college": [
        (
            "1.7",
            "Мониторинг и оценка качества процесса реализации программы наставничества по итогам первого этапа",
            "Два с половиной месяца после издания приказа",
            "Куратор Манжосова Н.Н.",
            "Анализ реализуемых программ",
        ),
        (
            "5.6",
            "Информирование о сложившихся парах/группах. Закрепление пар/групп распоряжением руководителя",
            "В течение месяца после издания приказа об утверждении реестра наставников",
            "Директор Ващенко Л.М.",
            "Приказ об утверждении наставнических пар/групп",
        ),
        (
            "6.8",
            "Мониторинг и оценка влияния программ на всех участников по итогам этапа",
            "15 декабря 2021",
            "Куратор Манжосова Н.Н. Кураторы форм",
            "Оценка динамики характеристик образовательного процесса",
        ),
    ],
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_each_template_loads_every_activity_numbered_as_in_the_seed(key, load):
    sections, count, first, last = EXPECTED[key]
    roadmap = load(key)
    numbers = list(roadmap.activities.order_by("position").values_list("number", flat=True))
    assert roadmap.sections.count() == sections
    assert len(numbers) == count == catalog.get(key).activity_count
    assert numbers[:3] == first
    assert (numbers[-1] if numbers else None) == last


@pytest.mark.parametrize("key", sorted(EXACT))
def test_templates_keep_the_wordings_exactly_as_the_seed_writes_them(key):
    items = {a["number"]: a for s in catalog.get(key).data["sections"] for a in s["activities"]}
    for number, title, deadline, responsible, result in EXACT[key]:
        item = items[number]
        assert item["title"].startswith(title), number
        assert item.get("deadline", "") == deadline, number
        assert item.get("responsible", "") == responsible, number
        assert item.get("result", "").startswith(result), number


@pytest.mark.parametrize("key", sorted(EXACT))
def test_a_loaded_template_keeps_the_wording_of_the_seed_in_the_school_s_own_years(key, load):
    """The title and number are the seed's; a deadline with the seed's years reads in the loaded
    year, the seed's wording kept as a note; the source school's people are dropped to roles."""
    year = AcademicYear.for_date(datetime.date(2025, 9, 1))
    roadmap = load(key, year=year)
    for number, title, deadline, _responsible, result in EXACT[key]:
        activity = roadmap.activities.get(number=number)
        assert activity.title.startswith(title.replace("МБУ ДО «Вожегодский ЦДО»", "МБОУ «Тестовая школа»")), number
        assert activity.result.startswith(result), number
        if activity.deadline_note:
            assert activity.deadline_note == deadline, number
        else:
            assert activity.deadline_text == deadline, number
        assert not NAMED_PERSON.search(activity.responsible_text), number


def test_a_loaded_template_shows_only_the_loading_school_and_its_years(load):
    year = AcademicYear.for_date(datetime.date(2025, 9, 1))
    sosh = load("sosh-59", year=year)
    assert sosh.title == "Дорожная карта внедрения Программы наставничества в МБОУ «Тестовая школа»"
    first = sosh.activities.get(number="1")
    assert (first.deadline_text, first.deadline_note) == ("сентябрь 2025", "сентябрь 2022")
    vozhega = load("vozhegodsky-cdo", year=year)
    assert vozhega.activities.get(number="1.1").deadline_text == "до 10.10.2025 г."
    assert vozhega.activities.get(number="3.2").title == "Формирование базы наставничества в 2025/2026 учебном году"
    assert "Вожегодский" not in vozhega.activities.get(number="2.2").title
    texts = " ".join(
        f"{a.title} {a.deadline_text} {a.responsible_text} {a.result}"
        for roadmap in (sosh, vozhega, load("chernogorsk-college", year=year), load("gymnasium-30", year=year))
        for a in roadmap.activities.all()
    )
    for seed_year in ("2020", "2021", "2022", "2023"):
        assert seed_year not in texts.replace("2025/2026", ""), seed_year
    for name in ("Манжосова", "Ващенко", "Шишкина", "Гривенная", "Черногорский", "Мыльников"):
        assert name not in texts, name
    college = load("chernogorsk-college", year=year)
    assert college.activities.get(number="1.1").responsible_text == "Куратор, юрисконсульт"
    assert college.activities.get(number="2.3").responsible_text == "Педагог-психолог, кураторы форм"
    assert college.activities.get(number="1.6").responsible_text == ""  # only a name: the curator assigns


@pytest.mark.parametrize(
    "signed_on", [datetime.date(2025, 9, 1), datetime.date(2025, 12, 20), datetime.date(2026, 3, 3)]
)
def test_seed_004_keeps_its_sequence_whenever_the_order_is_signed(load, world, signed_on):
    """Final meetings and completion never come before the pairs are formed (the seed counts its
    months from the order and wrote the last ones as December 2021)."""
    from roadmap.services import activity_update_progress, anchor_event_happened

    roadmap = load("chernogorsk-college", year=AcademicYear.for_date(datetime.date(2025, 9, 1)))
    anchor_event_happened(event=roadmap.events.get(key="order"), date=signed_on, today=signed_on)
    registry = roadmap.activities.get(number="4.1")
    registry.refresh_from_db()
    activity_update_progress(
        activity=registry,
        by=world.curator,
        status=Activity.Status.DONE,
        completed_on=registry.due_date,
        today=registry.due_date,
    )
    due = dict(roadmap.activities.values_list("number", "due_date"))
    pairs = max(due[n] for n in due if n.startswith("5.") and due[n])
    for number in ("6.5", "6.8", "7.1", "7.2", "7.3"):
        assert due[number] is not None and due[number] >= pairs - datetime.timedelta(days=31), number
        assert due[number] > signed_on, number


def test_seed_003_keeps_its_own_sections_and_its_gap_in_numbering(load):
    roadmap = load("vozhegodsky-cdo", year=AcademicYear.for_date(datetime.date(2025, 9, 1)))
    titles = list(roadmap.sections.values_list("title", flat=True))
    assert titles[0].startswith("Нормативное правовое регулирование")
    assert titles[3].startswith("Содействие распространению")
    assert not roadmap.activities.filter(number="5.2").exists()  # the seed goes 5.1 → 5.3
    assert roadmap.period_name == "2025/2026–2029/2030 учебные годы"  # 2020–2024 in the seed
    # an empty deadline loads, flagged, without a date; «В соответствии со сроками реализации программ
    # наставничества» is dated by each programme, so it is «без срока» on the roadmap, not an error
    flagged = roadmap.activities.filter(deadline_kind="unparsed")
    assert sorted(flagged.values_list("number", flat=True)) == ["2.2"]
    assert not flagged.exclude(due_date=None).exists()
    by_programmes = roadmap.activities.filter(number__in=["3.5", "3.6"])
    assert {a.deadline_kind for a in by_programmes} == {"none"} and not by_programmes.exclude(due_date=None).exists()


def test_month_and_date_deadlines_resolve_into_the_year_loaded(load):
    year = AcademicYear.for_date(datetime.date(2025, 9, 1))
    sosh = load("sosh-59", year=year)
    assert sosh.activities.get(number="1").due_date == datetime.date(2025, 9, 30)
    assert sosh.activities.get(number="24").due_date == datetime.date(2026, 6, 30)
    vozhega = load("vozhegodsky-cdo", year=year)
    assert vozhega.activities.get(number="1.1").due_date == datetime.date(2025, 10, 10)
    assert vozhega.activities.get(number="7.1").due_date == datetime.date(2026, 12, 31)  # a year later, as in the seed
    nifantovo = load("nifantovskaya-school", year=year)
    assert nifantovo.activities.get(number="1.1").window_start == datetime.date(2025, 8, 1)
    assert nifantovo.activities.get(number="6.1").due_date == datetime.date(2026, 5, 31)


def test_relative_deadlines_wait_for_the_order_and_point_references_anchor_to_activities(load):
    roadmap = load("chernogorsk-college")
    relative = roadmap.activities.filter(deadline_kind="relative")
    assert relative.count() == 45  # all but «раз в квартал»: the December dates count from the order too
    assert not relative.exclude(due_date=None).exists()  # the order has not been issued yet
    anchored = roadmap.activities.get(number="6.1")
    assert anchored.anchor_activity.number == "4.1"
    assert roadmap.activities.get(number="5.1").anchor_activity.number == "4.1"  # «приказа об утверждении реестра»
    assert roadmap.activities.get(number="1.1").anchor_event.key == "order"


def test_written_responsible_roles_are_mapped_to_portal_roles(load):
    roadmap = load("chernogorsk-college")

    def roles(number):
        return set(roadmap.activities.get(number=number).responsible_roles.values_list("role", flat=True))

    assert roles("1.1") == {Role.CURATOR}
    assert roles("1.2") == {Role.DIRECTOR}
    assert roles("2.3") == {Role.PSYCHOLOGIST, Role.FORM_CURATOR}
    assert roles("1.4") == set()  # «Юрисконсульт» has no portal role


def test_loading_twice_does_not_duplicate(world, load):
    first = load("gymnasium-30")
    second = load("gymnasium-30")
    assert first == second
    assert Roadmap.objects.count() == 1
    assert Activity.objects.count() == 17


def test_list_roadmap_templates_prints_key_and_title_one_per_line():
    out = io.StringIO()
    call_command("list_roadmap_templates", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 6
    assert lines[0].split("\t") == ["seven-stages", "Дорожная карта внедрения целевой модели наставничества"]
    assert any(line.startswith("sosh-59\tДорожная карта внедрения Программы наставничества") for line in lines)


def test_load_roadmap_command_creates_once_and_reports(world):
    out = io.StringIO()
    call_command("load_roadmap", "sosh-59", organization="test-school", year="2025/2026", stdout=out)
    call_command("load_roadmap", "sosh-59", organization="test-school", year="2025/2026", stdout=out)
    assert "мероприятий: 35" in out.getvalue()
    assert "ничего не добавлено" in out.getvalue()
    roadmap = Roadmap.objects.get()
    assert roadmap.academic_year.name == "2025/2026"
    assert roadmap.activities.count() == 35


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "--organization", "test-school", "--year", "2025/2026"], "Шаблон «nope» не найден"),
        (["sosh-59", "--organization", "nope", "--year", "2025/2026"], "не найдена"),
        (["sosh-59", "--organization", "test-school", "--year", "2025"], "2025/2026"),
    ],
)
def test_load_roadmap_command_explains_bad_arguments(world, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("load_roadmap", *args)

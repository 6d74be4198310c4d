"""A school's own roadmap read from Word (.docx, a table, as every seed is) or Excel (.xlsx).

Columns are found by their header text, never by position: «№ п/п», «Мероприятие» / «Наименование
мероприятия» / «Содержание деятельности», «Сроки» / «Срок реализации», «Ответственные» /
«Исполнитель», «Результат» / «Вид документа», «Этап». A row whose cells all say the same (a merged
stage heading) or that has text only in the title column starts a section. ``read_roadmap``
returns a plan — sections, numbered activities with each deadline as understood, and the rows it
could not read — and changes nothing; ``services.roadmap_import`` writes the plan, all or nothing."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from roadmap import deadlines, localize
from roadmap.models import Stage

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_ROWS = 2000

HEADERS = {
    "number": (r"^№", r"п/п", r"^номер", r"^n$", r"^no\.?$"),
    "title": (r"мероприят", r"наименование", r"содержание", r"^действ", r"^задач"),
    "deadline": (r"срок", r"дата", r"период"),
    "responsible": (r"ответствен", r"исполнител"),
    "result": (r"результат", r"вид документа", r"документ", r"продукт"),
    "stage": (r"^этап", r"^раздел", r"направлени"),
}


class RoadmapFileError(Exception):
    """The file cannot be read as a roadmap at all; the message is for the curator, in Russian."""


@dataclass
class PlannedActivity:
    row: int
    number: str
    title: str
    deadline_text: str
    responsible: str
    result: str
    deadline: deadlines.Deadline
    stage: int | None = None
    due: datetime.date | None = None  # in the year chosen for the preview (relative ones: none yet)

    @property
    def understood(self) -> str:
        if self.deadline.kind == deadlines.Kind.UNPARSED:
            return "срок не распознан"
        return deadlines.describe(self.deadline)


@dataclass
class PlannedSection:
    title: str
    number: str = ""
    stage: int | None = None
    activities: list[PlannedActivity] = field(default_factory=list)


@dataclass
class RoadmapPlan:
    sections: list[PlannedSection] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # rows that could not be read: nothing is imported
    columns: dict[str, str] = field(default_factory=dict)  # field → the header text found

    @property
    def activities(self) -> list[PlannedActivity]:
        return [a for s in self.sections for a in s.activities]

    @property
    def unparsed(self) -> list[PlannedActivity]:
        return [a for a in self.activities if a.deadline.kind == deadlines.Kind.UNPARSED]


def _check_zip(content: bytes) -> None:
    if len(content) > MAX_FILE_BYTES:
        raise RoadmapFileError("Файл больше 10 МБ.")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise RoadmapFileError("Файл не открывается как документ Word (.docx) или книга Excel (.xlsx).") from exc
    if total > MAX_UNCOMPRESSED_BYTES or total > 200 * max(len(content), 1):
        raise RoadmapFileError("Файл распаковывается в слишком большой объём — это не дорожная карта.")


def _clean(value: object) -> str:
    text = "" if value is None else str(value)
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _docx_tables(content: bytes) -> list[list[list[str]]]:
    import docx  # python-docx, a runtime dependency (requirements.txt)

    try:
        document = docx.Document(io.BytesIO(content))
    except Exception as exc:  # noqa: BLE001 — any malformed package is the same answer to the curator
        raise RoadmapFileError("Документ Word не открывается: сохраните его заново как .docx.") from exc
    tables = []
    for table in document.tables:
        rows = []
        for row in table.rows[: MAX_ROWS + 10]:
            rows.append([_clean(cell.text) for cell in row.cells])  # a merged cell repeats its text
        tables.append(rows)
    return tables


def _xlsx_tables(content: bytes) -> list[list[list[str]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise RoadmapFileError("Книга Excel не открывается: сохраните её заново как .xlsx.") from exc
    tables = []
    for sheet in workbook.worksheets:
        rows = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 10:
                break
            rows.append([_clean(value) for value in row])
        tables.append(rows)
    workbook.close()
    return tables


def _columns(row: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, text in enumerate(row):
        lowered = text.casefold()
        if not lowered or index in found.values():
            continue
        for key, patterns in HEADERS.items():
            if key not in found and any(re.search(p, lowered) for p in patterns):
                found[key] = index
                break
    return found


def _header(table: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(table[:15]):
        columns = _columns(row)
        if "title" in columns and "deadline" in columns:
            return index, columns
    return None


_STAGE_WORDS = {stage: re.sub(r"\W+", " ", stage.label.casefold()) for stage in Stage}


def _stage_of(title: str) -> int | None:
    words = re.sub(r"\W+", " ", title.casefold())
    for stage, label in _STAGE_WORDS.items():
        if label[:30] in words:
            return stage.value
    return None


_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(.*)$")


def read_roadmap(content: bytes, filename: str) -> RoadmapPlan:
    """The plan of a roadmap file; raises RoadmapFileError when there is no roadmap table at all."""
    _check_zip(content)
    suffix = filename.rsplit(".", 1)[-1].casefold() if "." in filename else ""
    if suffix == "docx":
        tables = _docx_tables(content)
    elif suffix == "xlsx":
        tables = _xlsx_tables(content)
    else:
        raise RoadmapFileError("Загрузите дорожную карту в формате .docx (таблица Word) или .xlsx.")
    for table in tables:
        header = _header(table)
        if header:
            return _plan(table, *header)
    raise RoadmapFileError(
        "В файле нет таблицы дорожной карты: нужна строка заголовков со столбцами «Мероприятие» и «Сроки»."
    )


def _plan(table: list[list[str]], header_row: int, columns: dict[str, int]) -> RoadmapPlan:
    plan = RoadmapPlan(columns={key: table[header_row][index] for key, index in columns.items()})
    section: PlannedSection | None = None
    seen: set[str] = set()

    def cell(row: list[str], key: str) -> str:
        index = columns.get(key)
        return row[index] if index is not None and index < len(row) else ""

    for offset, row in enumerate(table[header_row + 1 :], start=header_row + 2):
        values = [v for v in row if v]
        if not values:
            continue
        if all(re.fullmatch(r"\d{1,2}", v) for v in values):
            continue  # the «1 2 3 4 5» row under the headers
        distinct = set(values)
        title, deadline_text = cell(row, "title"), cell(row, "deadline")
        stage_text = cell(row, "stage")
        only_text = not deadline_text and not cell(row, "responsible") and not cell(row, "result")
        raw_number = cell(row, "number").rstrip(".")
        text = ""
        if len(distinct) == 1 and (len(values) > 1 or only_text):
            text = values[0]  # a merged heading row repeats its text in every cell
        elif only_text and title and not re.fullmatch(r"\d+\.\d+.*", raw_number) and not stage_text:
            text = f"{raw_number}. {title}" if raw_number else title
        if text:
            match = _NUMBERED.match(text)
            number, text = (match[1], match[2]) if match else ("", text)
            section = PlannedSection(title=text, number=number.rstrip("."), stage=_stage_of(text))
            plan.sections.append(section)
            continue
        if stage_text and (section is None or stage_text != section.title):
            section = PlannedSection(title=stage_text, stage=_stage_of(stage_text))
            plan.sections.append(section)
        if section is None:
            section = PlannedSection(title="Мероприятия")
            plan.sections.append(section)
        number = cell(row, "number").rstrip(".")
        match = _NUMBERED.match(title)
        if not number and match:
            number, title = match[1], match[2]
        if not title:
            plan.errors.append(f"Строка {offset}: нет наименования мероприятия.")
            continue
        if not number:
            number = f"{section.number or len(plan.sections)}.{len(section.activities) + 1}"
        if len(number) > 12:
            plan.errors.append(f"Строка {offset}: номер «{number[:20]}» длиннее 12 знаков.")
            continue
        if number in seen:
            plan.errors.append(f"Строка {offset}: номер {number} уже есть выше в таблице.")
            continue
        if len(deadline_text) > 300:
            plan.errors.append(f"Строка {offset}: срок длиннее 300 знаков.")
            continue
        seen.add(number)
        section.activities.append(
            PlannedActivity(
                row=offset,
                number=number,
                title=title,
                deadline_text=deadline_text,
                responsible=cell(row, "responsible"),
                result=cell(row, "result"),
                deadline=deadlines.parse(deadline_text),
                stage=section.stage,
            )
        )
    plan.sections = [s for s in plan.sections if s.activities]
    if not plan.activities and not plan.errors:
        plan.errors.append("В таблице нет ни одного мероприятия.")
    if len(plan.activities) > MAX_ROWS:
        plan.errors.append(f"В таблице больше {MAX_ROWS} мероприятий — это не дорожная карта одной организации.")
    return plan


def result_order_kind(activity: PlannedActivity) -> str:
    return localize.order_kind_in(activity.result)

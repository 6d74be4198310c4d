"""Reading the class and staff lists schools really keep in Excel.

Real files are messy: title rows above the header, Russian headers in any order and case, one
«ФИО» column or three, dates as Excel dates or text, the class written five ways or only in the
sheet's title or name, one class per sheet. This module turns such a workbook into clean rows
(plus row-level errors in Russian); the import itself is django-import-export's (importing.py)."""

from __future__ import annotations

import calendar
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from mentoring.text import normalize_search

MAX_FILE_BYTES = 10 * 1024 * 1024
# A zip bomb expands a small upload into gigabytes: refuse before openpyxl inflates anything.
MAX_UNCOMPRESSED_BYTES = 150 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ROWS_PER_SHEET = 20_000
HEADER_SEARCH_ROWS = 30


class ExcelFileError(Exception):
    """The file as a whole cannot be read; the message is for the user."""


class NoSuchDate(ValueError):
    """Written as a date, but the calendar has no such day («31.02.2012», «12.13.2012»)."""


@dataclass
class SourceRow:
    sheet: str
    number: int  # the row number as Excel shows it
    values: dict[str, object]

    @property
    def where(self) -> str:
        return f"лист «{self.sheet}», строка {self.number}"


@dataclass
class RowError:
    where: str
    message: str


@dataclass
class ParsedRows:
    rows: list[dict] = field(default_factory=list)  # canonical values + "where"
    errors: list[RowError] = field(default_factory=list)
    sheets_read: list[str] = field(default_factory=list)
    sheets_skipped: list[str] = field(default_factory=list)


# Canonical field → header spellings (normalized: lower case, ё→е, no punctuation).
STUDENT_HEADERS = {
    "full_name": [
        "фио",
        "ф и о",
        "фамилия имя отчество",
        "фио обучающегося",
        "фио ученика",
        "фио учащегося",
        "фио студента",
        "фио обучающегося полностью",
        "фамилия имя отчество обучающегося",
    ],
    "last_name": ["фамилия", "фамилия обучающегося", "фамилия ученика"],
    "first_name": ["имя", "имя обучающегося", "имя ученика"],
    "middle_name": ["отчество", "отчество обучающегося", "отчество при наличии", "отчество ученика"],
    "birth_date": ["дата рождения", "дата рожд", "д р", "день рождения", "дата рождения дд мм гггг"],
    "class_name": ["класс", "группа", "класс группа", "учебная группа", "литер класса"],
    "sex": ["пол"],
}
STAFF_HEADERS = {
    "full_name": ["фио", "ф и о", "фамилия имя отчество", "фио педагога", "фио сотрудника", "фио работника"],
    "last_name": ["фамилия"],
    "first_name": ["имя"],
    "middle_name": ["отчество", "отчество при наличии"],
    "birth_date": ["дата рождения", "дата рожд", "д р"],
    "position": ["должность", "занимаемая должность"],
    "subject": ["предмет", "предметы", "преподаваемый предмет", "преподаваемые предметы", "преподаваемые дисциплины"],
    "experience": ["стаж", "педагогический стаж", "стаж педагогической работы", "пед стаж", "стаж лет"],
    "teaching_start_year": [
        "год начала работы",
        "год начала педагогической деятельности",
        "год начала пед деятельности",
    ],
    "email": ["e mail", "email", "электронная почта", "эл почта", "адрес электронной почты"],
    "phone": ["телефон", "тел", "контактный телефон", "мобильный телефон"],
    "sex": ["пол"],
}

_PUNCT = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")
# «5А», «5 А», «5-а», «5 «А»», «11 "Б" класс», «7б кл.»
CLASS_VALUE_RE = re.compile(
    r"^\s*(1[01]|[1-9])\s*[-‐–—]?\s*[\"«“„'”]?\s*([А-ЯЁа-яё])\s*[\"»”“']?\s*(?:класс[а-я]*|кл\.?)?\s*$"
)
CLASS_IN_TEXT_RE = re.compile(
    r"(?<![\d/.])(1[01]|[1-9])\s*[-‐–—]?\s*[\"«“„'”]?\s*([А-ЯЁа-яё])\s*[\"»”“']?(?![А-ЯЁа-яё])"
)
DATE_TEXT_RE = re.compile(r"^\s*(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d{2}|\d{4})\s*(?:г\.?|года?)?\s*$")
ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")


# Lines that schools write under or between the rows of a list: totals, signatures, remarks.
NOTE_START_RE = re.compile(
    r"^(итого|всего|общее количество|количество|классный руководитель|кл\.?\s*руководитель|куратор|мастер группы"
    r"|директор|заместитель директора|зам\.?\s*директора|руководитель|подпись|м\.?\s*п\.?(\s|$)|примечани"
    r"|составил|исполнитель|ответственный|дата составления|список (составлен|верен)|список сверен|верно)",
)


def is_note(cells: list[str]) -> bool:
    """A row of the table that is not a person: it starts with a note word, or is a lone cell
    with a colon («Кл. руководитель: Петрова А. А.»)."""
    filled = [c for c in cells if c]
    if not filled:
        return False
    text = normalize_search(" ".join(filled))
    if NOTE_START_RE.match(text):
        return True
    return len(filled) == 1 and ":" in filled[0]


def header_key(text: object) -> str:
    return _SPACES.sub(" ", _PUNCT.sub(" ", normalize_search(str(text or "")))).strip()


def clean_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACES.sub(" ", str(value)).strip()


def parse_class_name(text: str) -> tuple[int, str] | None:
    """«5 «а»» → (5, "А"); None when the text is not a school class."""
    match = CLASS_VALUE_RE.match(text or "")
    if not match:
        return None
    return int(match.group(1)), match.group(2).upper().replace("Ё", "Е")


def find_class_in_text(text: str) -> tuple[int, str] | None:
    """A class named in a title row or a sheet name: «Список обучающихся 5 «А» класса»."""
    for match in CLASS_IN_TEXT_RE.finditer(text or ""):
        return int(match.group(1)), match.group(2).upper().replace("Ё", "Е")
    return None


def parse_date(value: object) -> datetime.date:
    """An Excel date, an Excel serial number, or text «01.09.2012» / «1.9.12» / «2012-09-01»."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value <= 80_000:  # a date cell that lost its format: days since 1899-12-30
            return datetime.date(1899, 12, 30) + datetime.timedelta(days=int(value))
        raise ValueError
    text = clean_text(value)
    if match := DATE_TEXT_RE.match(text):
        day, month, year = (int(g) for g in match.groups())
        if year < 100:
            year += 2000 if year <= datetime.date.today().year % 100 else 1900
        return _calendar_date(year, month, day)
    if match := ISO_DATE_RE.match(text):
        year, month, day = (int(g) for g in match.groups())
        return _calendar_date(year, month, day)
    raise ValueError


MONTHS_IN = (
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
)


def _calendar_date(year: int, month: int, day: int) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            raise NoSuchDate(f"месяца с номером {month} нет") from None
        if day < 1:
            raise NoSuchDate("число месяца начинается с 1") from None
        days = calendar.monthrange(year, month)[1]
        raise NoSuchDate(f"в {MONTHS_IN[month - 1]} {year} года {days} {'день' if days == 31 else 'дней'}") from None


def split_full_name(text: str) -> tuple[str, str, str]:
    """«Мамедов Али Гасан оглы» → ("Мамедов", "Али", "Гасан оглы")."""
    parts = text.split(" ")
    if len(parts) < 2:
        raise ValueError
    return parts[0], parts[1], " ".join(parts[2:])


def tidy_name(text: str) -> str:
    """«ИВАНОВ» / «иванов» → «Иванов»; a name typed with care keeps its own capitals."""
    text = clean_text(text)
    if text and (text.isupper() or text.islower()):
        return "-".join(part[:1].upper() + part[1:].lower() for part in text.split("-"))
    return text


def sex_from(value: str, middle_name: str) -> str:
    key = header_key(value)
    if key in {"м", "муж", "мужской", "m", "male"}:
        return "m"
    if key in {"ж", "жен", "женский", "f", "female"}:
        return "f"
    if key:
        raise ValueError
    # Not given: the patronymic tells it in Russian names.
    tail = normalize_search(middle_name)
    if tail.endswith(("ич", "оглы", "улы")):
        return "m"
    if tail.endswith(("на", "кызы", "гызы")):
        return "f"
    return ""


# An OLE compound file: what Excel writes for a password-protected workbook, and the old .xls.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CORRUPTED = (
    "Не удалось прочитать книгу Excel: файл повреждён. Откройте его в Excel, сохраните заново как .xlsx и загрузите."
)
ENTITIES = (
    "Книга Excel содержит недопустимые XML-конструкции (объявления сущностей), какие Excel сам не создаёт:"
    " файл не прочитан. Откройте его в Excel, сохраните заново как .xlsx и загрузите."
)


def check_upload(content: bytes, filename: str) -> None:
    if not content:
        raise ExcelFileError("Файл пустой.")
    if len(content) > MAX_FILE_BYTES:
        raise ExcelFileError(f"Файл больше {MAX_FILE_BYTES // (1024 * 1024)} МБ. Разделите список на несколько файлов.")
    if content.startswith(OLE_MAGIC) and filename.lower().endswith(".xlsx"):
        raise ExcelFileError(
            "Книга защищена паролем (или это старый формат .xls под именем .xlsx): портал её не откроет."
            " Снимите пароль в Excel («Файл» → «Сведения» → «Защита книги»), сохраните как .xlsx и загрузите."
        )
    if not filename.lower().endswith(".xlsx"):
        raise ExcelFileError("Нужен файл Excel в формате .xlsx. Старый формат .xls сохраните как .xlsx.")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            total = sum(info.file_size for info in infos)
    except zipfile.BadZipFile as exc:
        raise ExcelFileError(
            "Файл не является книгой Excel (.xlsx): возможно, это другой формат с изменённым расширением."
        ) from exc
    if "xl/workbook.xml" not in names:
        raise ExcelFileError("Файл не является книгой Excel (.xlsx).")
    if total > MAX_UNCOMPRESSED_BYTES or total > MAX_COMPRESSION_RATIO * len(content):
        raise ExcelFileError("Файл после распаковки слишком велик — такой файл не может быть списком класса.")


def read_rows(
    content: bytes, filename: str, headers: dict[str, list[str]]
) -> tuple[list[SourceRow], list[str], list[str], list[RowError]]:
    """Rows of every sheet under its recognized header, keyed by canonical field; the signature
    lines and notes found among them are returned apart («Классный руководитель: …», «Итого: 22»).
    Also fills ``values["sheet_class"]`` from the title rows or the sheet's name."""
    check_upload(content, filename)
    aliases = {alias: key for key, names in headers.items() for alias in names}
    rows: list[SourceRow] = []
    read, skipped, notes = [], [], []
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            for sheet in workbook.worksheets:
                found = _sheet_rows(sheet, aliases)
                if found is None:
                    skipped.append(sheet.title)
                    continue
                sheet_rows, sheet_notes = found
                read.append(sheet.title)
                rows.extend(sheet_rows)
                notes.extend(sheet_notes)
        finally:
            workbook.close()
    except ExcelFileError:
        raise
    except (InvalidFileException, zipfile.BadZipFile) as exc:
        raise ExcelFileError("Не удалось прочитать книгу Excel: это не файл .xlsx.") from exc
    except Exception as exc:  # noqa: BLE001 — openpyxl fails on a damaged part in many ways; each is the user's file
        raise ExcelFileError(ENTITIES if _entities_refused(exc) else CORRUPTED) from exc
    if not read:
        raise ExcelFileError(
            "Не найдена строка заголовков. Нужен столбец «ФИО» (или «Фамилия», «Имя», «Отчество»)"
            " и, для обучающихся, «Дата рождения» и «Класс»."
        )
    return rows, read, skipped, notes


def _entities_refused(exc: BaseException | None) -> bool:
    """defusedxml refused an entity declaration somewhere down the chain (openpyxl re-raises it
    as a ValueError of its own)."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, DefusedXmlException):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _match_header(cell: object, aliases: dict[str, str]) -> str | None:
    key = header_key(cell)
    if not key:
        return None
    if key in aliases:
        return aliases[key]
    # «ФИО обучающегося (полностью)»: the longest alias the header starts with.
    for alias in sorted(aliases, key=len, reverse=True):
        if len(alias) >= 3 and key.startswith(alias + " "):
            return aliases[alias]
    return None


def _sheet_rows(sheet, aliases: dict[str, str]) -> list[SourceRow] | None:
    iterator = sheet.iter_rows(values_only=True)
    title_text = [sheet.title]
    columns: dict[int, str] | None = None
    header_row = 0
    for number, row in enumerate(iterator, start=1):
        candidate = {i: key for i, cell in enumerate(row) if (key := _match_header(cell, aliases))}
        keys = set(candidate.values())
        if "full_name" in keys or {"last_name", "first_name"} <= keys:
            columns, header_row = candidate, number
            break
        title_text.extend(clean_text(cell) for cell in row if cell is not None)
        if number >= HEADER_SEARCH_ROWS:
            return None
    if columns is None:
        return None
    # The first column of a key wins (a sheet may repeat «Примечание»-like headers).
    first = {}
    for index, key in sorted(columns.items()):
        first.setdefault(key, index)
    sheet_class = next(
        (found for text in [*title_text[1:], title_text[0]] if (found := find_class_in_text(text))), None
    )
    result, notes = [], []
    for number, row in enumerate(iterator, start=header_row + 1):
        if number - header_row > MAX_ROWS_PER_SHEET:
            raise ExcelFileError(f"На листе «{sheet.title}» больше {MAX_ROWS_PER_SHEET} строк — это не список класса.")
        values = {key: row[index] if index < len(row) else None for key, index in first.items()}
        cells = [clean_text(cell) for cell in row]
        if is_note(cells):
            text = " ".join(c for c in cells if c)
            notes.append(
                RowError(
                    f"лист «{sheet.title}», строка {number}", f"«{text[:120]}» — пропущена как подпись или примечание"
                )
            )
            continue
        if all(clean_text(v) == "" for v in values.values()):
            continue
        values["sheet_class"] = sheet_class
        result.append(SourceRow(sheet=sheet.title, number=number, values=values))
    return result, notes

"""Import of class lists and staff lists: excel.py reads the messy workbook into clean rows,
django-import-export previews and applies them (dry run, row results, one transaction).

All or nothing: a file with any row error changes nothing; the same file imported again updates
and never duplicates (a student is identified by full name and birth date, ё = е)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from import_export import fields, resources
from import_export.results import Result, RowResult

from mentoring.models import AcademicYear, Organization
from participants import excel, membership
from participants.models import Person, StudyGroup, name_key

STUDENTS = "students"
STAFF = "staff"
KINDS = {STUDENTS: "Обучающиеся (списки классов)", STAFF: "Педагоги и сотрудники"}
TEACHING_POSITIONS = ("учител", "педагог", "преподавател", "мастер", "воспитател", "тьютор", "логопед", "дефектолог")


@dataclass
class ImportReport:
    """What an import did or would do; the preview page and the command both print it."""

    kind: str
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[excel.RowError] = field(default_factory=list)
    warnings: list[excel.RowError] = field(default_factory=list)  # imported, but worth a look
    notes: list[excel.RowError] = field(default_factory=list)  # signature lines and totals, skipped
    rows: list[dict] = field(default_factory=list)  # for the preview: action, name, fields, where
    sheets_read: list[str] = field(default_factory=list)
    sheets_skipped: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def warning_groups(self) -> list[tuple[str, list[str]]]:
        """The same warning on 22 rows is said once, with the rows it concerns."""
        groups: dict[str, list[str]] = {}
        for warning in self.warnings:
            groups.setdefault(warning.message, []).append(warning.where)
        return list(groups.items())

    @property
    def error_count(self) -> int:
        return len(self.errors)

    @property
    def summary(self) -> str:
        return f"created={self.created} updated={self.updated} skipped={self.skipped} errors={self.error_count}"


class ImportFileError(Exception):
    """The file as a whole is refused: empty, not xlsx, too big, no recognizable header."""


# ---------------------------------------------------------------- rows → canonical values


def _names(values: dict) -> tuple[str, str, str]:
    if excel.clean_text(values.get("full_name")):
        last, first, middle = excel.split_full_name(excel.clean_text(values["full_name"]))
    else:
        last, first, middle = (excel.clean_text(values.get(k)) for k in ("last_name", "first_name", "middle_name"))
        if not last or not first:
            raise ValueError
    return excel.tidy_name(last), excel.tidy_name(first), excel.tidy_name(middle)


def _birth_date(value: object) -> datetime.date | None:
    if excel.clean_text(value) == "":
        return None
    try:
        day = excel.parse_date(value)
    except excel.NoSuchDate as exc:
        raise ValidationError(f"дата рождения «{excel.clean_text(value)}» — такой даты нет ({exc})") from None
    except ValueError:
        raise ValidationError(
            f"дата рождения «{excel.clean_text(value)}» не похожа на дату (нужно ДД.ММ.ГГГГ, например 01.09.2014)"
        ) from None
    if not datetime.date(1900, 1, 1) <= day <= timezone.localdate():
        why = "в будущем" if day > timezone.localdate() else "раньше 1900 года"
        raise ValidationError(f"дата рождения {day:%d.%m.%Y} невозможна ({why})")
    return day


def _student_class(values: dict, organization: Organization) -> str:
    text = excel.clean_text(values.get("class_name"))
    if organization.is_school:
        parsed = excel.parse_class_name(text) if text else values.get("sheet_class")
        if parsed is None:
            if text:
                raise ValidationError(f"класс «{text}» не распознан (пример: 5А)")
            raise ValidationError("не указан класс: ни в столбце «Класс», ни в названии листа")
        return f"{parsed[0]}{parsed[1]}"
    if not text:
        raise ValidationError("не указана учебная группа")
    return text.upper()


def canonical_student(row: excel.SourceRow, organization: Organization) -> dict:
    values = row.values
    try:
        last, first, middle = _names(values)
    except ValueError:
        raise ValidationError("не указаны фамилия и имя") from None
    try:
        sex = excel.sex_from(excel.clean_text(values.get("sex")), middle)
    except ValueError:
        raise ValidationError(f"пол «{excel.clean_text(values.get('sex'))}» не распознан (м или ж)") from None
    birth_date = _birth_date(values.get("birth_date"))
    return {
        "last_name": last,
        "first_name": first,
        "middle_name": middle,
        "birth_date": birth_date,
        "sex": sex,
        "class_name": _student_class(values, organization),
        "where": row.where,
        # Many class lists carry no birth dates; the student is then found by name (ё = е).
        "warnings": [] if birth_date else ["дата рождения не указана — обучающийся сопоставлен по ФИО"],
    }


def canonical_staff(row: excel.SourceRow, organization: Organization) -> dict:
    values = row.values
    try:
        last, first, middle = _names(values)
    except ValueError:
        raise ValidationError("не указаны фамилия и имя") from None
    position = excel.clean_text(values.get("position"))
    start_year = None
    this_year = timezone.localdate().year
    if excel.clean_text(values.get("teaching_start_year")):
        try:
            start_year = int(float(excel.clean_text(values["teaching_start_year"]).replace(",", ".")))
        except ValueError:
            raise ValidationError("год начала работы не распознан") from None
        if not 1950 <= start_year <= this_year:
            raise ValidationError(f"год начала работы {start_year} невозможен")
    elif excel.clean_text(values.get("experience")):
        text = excel.clean_text(values["experience"]).replace(",", ".").split(" ")[0]
        try:
            years = float(text)
        except ValueError:
            raise ValidationError(f"стаж «{excel.clean_text(values['experience'])}» не распознан (число лет)") from None
        if not 0 <= years <= 70:
            raise ValidationError(f"стаж {years:g} лет невозможен")
        start_year = this_year - int(years)
    try:
        sex = excel.sex_from(excel.clean_text(values.get("sex")), middle)
    except ValueError:
        raise ValidationError(f"пол «{excel.clean_text(values.get('sex'))}» не распознан (м или ж)") from None
    is_teacher = any(word in position.lower() for word in TEACHING_POSITIONS) or bool(values.get("subject"))
    email = excel.clean_text(values.get("email")).lower()
    if email and ("@" not in email or " " in email):
        raise ValidationError(f"адрес почты «{email}» неверен")
    return {
        "last_name": last,
        "first_name": first,
        "middle_name": middle,
        "birth_date": _birth_date(values.get("birth_date")),
        "sex": sex,
        "kind": Person.Kind.TEACHER if is_teacher else Person.Kind.STAFF,
        "position": position,
        "subject": excel.clean_text(values.get("subject")),
        "teaching_start_year": start_year,
        "email": email,
        "phone": excel.clean_text(values.get("phone")),
        "where": row.where,
    }


# ---------------------------------------------------------------- matching


class PeopleIndex:
    """The organization's people of one kind whose names occur in the file, by name key: one query for the
    whole file instead of several per row. A person the import adds joins it, so a name that occurs twice in
    the file finds the first row's person, as it would in the database."""

    CHUNK = 2000  # name keys per query (SQLite's limit of bound parameters)

    def __init__(self, organization: Organization, kinds: list[str], keys: set[str]):
        self.by_key: dict[str, list[Person]] = {}
        keys = sorted(keys)
        for start in range(0, len(keys), self.CHUNK):
            people = Person.objects.filter(
                organization=organization, kind__in=kinds, name_key__in=keys[start : start + self.CHUNK]
            ).select_related("study_group")
            for person in people.order_by("pk"):
                self.by_key.setdefault(person.name_key, []).append(person)

    def named(self, row: dict) -> list[Person]:
        return self.by_key.get(name_key(row["last_name"], row["first_name"], row["middle_name"]), [])

    def add(self, person: Person) -> None:
        self.by_key.setdefault(person.name_key, []).append(person)


def _named(organization: Organization, row: dict, index: PeopleIndex | None) -> list[Person]:
    if index is not None:
        return index.named(row)
    return list(
        Person.objects.filter(
            organization=organization,
            kind=Person.Kind.STUDENT,
            name_key=name_key(row["last_name"], row["first_name"], row["middle_name"]),
        )
        .select_related("study_group")
        .order_by("pk")
    )


def existing_student(organization: Organization, row: dict, index: PeopleIndex | None = None) -> Person | None:
    """The student a row describes: by full name and birth date; without a birth date, by full
    name — the one in the row's class when the name repeats."""
    named = _named(organization, row, index)
    if row.get("birth_date"):
        return next((p for p in named if p.birth_date == row["birth_date"]), None)
    candidates = named
    if len(candidates) > 1:
        group_name = row["class_name"].name if isinstance(row["class_name"], StudyGroup) else row["class_name"]
        candidates = [p for p in candidates if p.study_group and p.study_group.name == group_name]
    return candidates[0] if len(candidates) == 1 else None


def ambiguity(organization: Organization, row: dict, index: PeopleIndex | None = None) -> str | None:
    """Without a birth date two namesakes (in the row's class, or nowhere in it) cannot be told apart."""
    if row.get("birth_date"):
        return None
    named = _named(organization, row, index)
    in_class = [p for p in named if p.study_group and p.study_group.name == row["class_name"]]
    if len(named) > 1 and len(in_class) != 1:
        full_name = " ".join(p for p in (row["last_name"], row["first_name"], row["middle_name"]) if p)
        return f"в базе {len(named)} обучающихся «{full_name}» — укажите дату рождения, чтобы понять, о ком строка"
    return None


def on_student_listed(*, person: Person, year: AcademicYear) -> None:
    """The one place where a student of the year's class list is known after the row is written —
    created, updated or unchanged. It runs inside the import's transaction, so a dry run or a
    file with errors rolls back whatever is done here too. (Membership by year hooks in here.)"""


# ---------------------------------------------------------------- django-import-export resources


class _PersonResource(resources.ModelResource):
    """Rows are matched to existing people by name (ё = е, any case) within the organization, through one
    ``PeopleIndex`` for the file. django-import-export decides each row (new, changed, unchanged, invalid);
    the writes wait until every row is decided and go to the database in a few bulk statements, inside the
    import's one transaction — and not at all for the preview."""

    _kinds: tuple[str, ...] = ()
    _written: tuple[str, ...] = ()  # what an update may change, besides the derived keys

    def __init__(self, *, organization: Organization, year: AcademicYear, index: PeopleIndex | None = None):
        super().__init__()
        self.organization = organization
        self.year = year
        self.index = index
        self._to_create: list[Person] = []
        self._pending: set[int] = set()  # id() of the people in _to_create (unsaved: no pk to tell them by)
        self._to_update: dict[int, Person] = {}
        self._listed: list[tuple[RowResult, Person]] = []

    def _existing(self, row) -> Person | None:
        raise NotImplementedError

    def _known(self, instance: Person) -> bool:
        """In the base already, or added by an earlier row of this file."""
        return instance.pk is not None or id(instance) in self._pending

    def get_instance(self, instance_loader, row):
        return self._existing(row)

    def init_instance(self, row=None):
        return Person(organization=self.organization)

    def import_instance(self, instance, row, **kwargs):
        is_new = not self._known(instance)
        for name in self.get_import_fields():
            if name in ("last_name", "first_name", "middle_name") and not is_new:
                continue  # the spelling already in the base (with its ё) is kept
            self.import_field(name, instance, row, **kwargs)

    def after_init_instance(self, instance, new, row, **kwargs):
        # skip_diff spares the HTML diff; this snapshot is all "unchanged" needs.
        self._before = {f: getattr(instance, f) for f in self._compared}
        self._current = instance

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or not self._known(instance):
            return False
        return all(getattr(instance, f) == self._before[f] for f in self._compared)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            raise ValidationError(import_validation_errors)
        # Only what the file brings is checked field by field (the rest is the base's own or the import's: the
        # class comes from before_import_row, so its existence needs no query per row); clean() checks the whole.
        instance.full_clean(exclude=self._not_validated(), validate_unique=False)

    @classmethod
    def _not_validated(cls) -> list[str]:
        if "_exclude" not in cls.__dict__:
            cls._exclude = [f.name for f in Person._meta.fields if f.name not in cls._meta.fields or f.is_relation]
        return cls._exclude

    def save_instance(self, instance, is_create, row, **kwargs):
        instance.derive_keys()
        if instance.pk is not None:
            self._to_update[instance.pk] = instance
        elif id(instance) not in self._pending:
            self._pending.add(id(instance))
            self._to_create.append(instance)
            if self.index is not None:
                self.index.add(instance)

    def after_import_row(self, row, row_result, **kwargs):
        if row_result.import_type in (
            RowResult.IMPORT_TYPE_NEW,
            RowResult.IMPORT_TYPE_UPDATE,
            RowResult.IMPORT_TYPE_SKIP,
        ):
            self._listed.append((row_result, self._current))

    def after_import(self, dataset, result, **kwargs):
        if not kwargs.get("dry_run"):
            Person.objects.bulk_create(self._to_create, batch_size=500)
            now = timezone.now()
            for person in self._to_update.values():
                person.updated_at = now
            fields = [*self._written, "name_key", "sort_key", "search_text", "updated_at"]
            Person.objects.bulk_update(list(self._to_update.values()), fields, batch_size=500)
        for row_result, person in self._listed:
            if row_result.object_id is None:
                row_result.object_id = person.pk
            self.listed(person)

    def listed(self, person: Person) -> None:
        """Each person of the file once its row is written (unsaved in a preview)."""

    @property
    def people(self) -> list[Person]:
        """Everyone the file lists (added, updated or unchanged), as written."""
        return list({id(person): person for _, person in self._listed}.values())


class StudentResource(_PersonResource):
    study_group = fields.Field(attribute="study_group", column_name="class_name")
    _compared = ("study_group_id", "sex", "birth_date")
    _written = ("study_group", "sex", "birth_date")

    class Meta:
        model = Person
        fields = ("last_name", "first_name", "middle_name", "birth_date", "sex", "study_group")
        import_id_fields = ()
        skip_diff = True
        report_skipped = True
        use_transactions = True
        use_bulk = True  # no savepoint per row: the writes are ours, in bulk (after_import)

    def _existing(self, row):
        return existing_student(self.organization, row, self.index)

    def init_instance(self, row=None):
        return Person(organization=self.organization, kind=Person.Kind.STUDENT)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        # A list without birth dates does not erase the dates already known.
        if self._known(instance) and row.get("birth_date") is None:
            instance.birth_date = self._before["birth_date"]
        if self._known(instance) and not row.get("sex"):
            instance.sex = self._before["sex"]

    def listed(self, person: Person) -> None:
        on_student_listed(person=person, year=self.year)

    def before_import_row(self, row, **kwargs):
        name = row["class_name"]
        group = self._groups.get(name)
        if group is None:
            parsed = excel.parse_class_name(name) if self.organization.is_school else None
            group, _ = StudyGroup.objects.get_or_create(
                organization=self.organization,
                academic_year=self.year,
                name=name,
                defaults={"grade": parsed[0] if parsed else None, "letter": parsed[1] if parsed else ""},
            )
            self._groups[name] = group
        row["class_name"] = group

    def before_import(self, dataset, **kwargs):
        # Every class of the year at once; a class the file brings first is created once, on its first row.
        self._groups: dict[str, StudyGroup] = {
            group.name: group
            for group in StudyGroup.objects.filter(organization=self.organization, academic_year=self.year)
        }


class StaffResource(_PersonResource):
    _compared = ("kind", "position", "subject", "teaching_start_year", "email", "phone", "sex", "birth_date")
    _written = _compared

    class Meta:
        model = Person
        fields = (
            "last_name",
            "first_name",
            "middle_name",
            "birth_date",
            "sex",
            "kind",
            "position",
            "subject",
            "teaching_start_year",
            "email",
            "phone",
        )
        import_id_fields = ()
        skip_diff = True
        report_skipped = True
        use_transactions = True
        use_bulk = True

    def _existing(self, row):
        if self.index is not None:
            return next(iter(self.index.named(row)), None)
        return (
            Person.objects.filter(
                organization=self.organization,
                kind__in=[Person.Kind.TEACHER, Person.Kind.STAFF],
                name_key=name_key(row["last_name"], row["first_name"], row["middle_name"]),
            )
            .order_by("pk")
            .first()
        )

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        # An empty cell does not erase what the curator typed by hand.
        if self._known(instance):
            for name in ("email", "phone", "subject", "position", "teaching_start_year", "birth_date", "sex"):
                if row.get(name) in (None, ""):
                    setattr(instance, name, self._before[name])


# ---------------------------------------------------------------- the service


def import_people(
    *,
    content: bytes,
    filename: str,
    organization: Organization,
    kind: str,
    dry_run: bool,
    year: AcademicYear | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ImportReport:
    """Reads, validates and (unless dry_run or any error) applies a class or staff list.
    ``progress(stage, done, total)`` hears how far it is (a background job's progress bar)."""
    year = year or AcademicYear.current()
    headers = excel.STUDENT_HEADERS if kind == STUDENTS else excel.STAFF_HEADERS
    try:
        source_rows, sheets_read, sheets_skipped, notes = excel.read_rows(content, filename, headers)
    except excel.ExcelFileError as exc:
        raise ImportFileError(str(exc)) from exc
    report = ImportReport(kind=kind, sheets_read=sheets_read, sheets_skipped=sheets_skipped, notes=notes)
    canonical = canonical_student if kind == STUDENTS else canonical_staff
    progress = progress or (lambda stage, done, total: None)
    progress("Проверка строк", 0, len(source_rows))
    checked: list[tuple[excel.SourceRow, dict | ValidationError]] = []
    for number, row in enumerate(source_rows, 1):
        try:
            checked.append((row, canonical(row, organization)))
        except ValidationError as exc:
            checked.append((row, exc))
        if number % 200 == 0:
            progress("Проверка строк", number, len(source_rows))
    kinds = [Person.Kind.STUDENT] if kind == STUDENTS else [Person.Kind.TEACHER, Person.Kind.STAFF]
    keys = {name_key(c["last_name"], c["first_name"], c["middle_name"]) for _, c in checked if isinstance(c, dict)}
    index = PeopleIndex(organization, kinds, keys)
    clean_rows = []
    for row, clean in checked:
        if isinstance(clean, dict) and kind == STUDENTS and (problem := ambiguity(organization, clean, index)):
            clean = ValidationError(problem)
        if isinstance(clean, ValidationError):
            report.errors.append(excel.RowError(row.where, "; ".join(clean.messages)))
            continue
        clean_rows.append(clean)
        report.warnings.extend(excel.RowError(row.where, text) for text in clean.get("warnings", []))
    where = [row["where"] for row in clean_rows]
    if not clean_rows and not report.errors:
        raise ImportFileError("В файле нет ни одной строки с данными под заголовком.")
    dataset = _dataset(clean_rows)
    resource_class = StudentResource if kind == STUDENTS else StaffResource
    resource = resource_class(organization=organization, year=year, index=index)
    apply = not dry_run and not report.errors
    progress("Запись в базу" if apply else "Сопоставление с базой", len(source_rows), len(source_rows))
    with transaction.atomic():
        result = resource.import_data(
            dataset, dry_run=not apply, use_transactions=True, rollback_on_validation_errors=True
        )
        _collect(report, result, where, [preview_fields(row, kind) for row in clean_rows])
        if not apply or report.errors:
            transaction.set_rollback(True)
        else:
            report.applied = True
            membership.record_import(
                organization=organization, year=year, result=result, kind=kind, people=resource.people
            )
    return report


def _dataset(rows: list[dict]) -> tablib.Dataset:
    if not rows:
        return tablib.Dataset(headers=["last_name", "first_name", "middle_name"])
    headers = [key for key in rows[0] if key not in ("where", "warnings")]
    data = tablib.Dataset(headers=headers)
    for row in rows:
        data.append([row[key] for key in headers])
    return data


def _shown(value: object) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, datetime.date):
        return f"{value:%d.%m.%Y}"
    return str(value)


def preview_fields(row: dict, kind: str) -> list[tuple[str, str]]:
    """Every field the row will write, as the preview shows it before the user confirms."""
    sex = dict(Person.Sex.choices).get(row.get("sex") or "", "")
    if kind == STUDENTS:
        return [("Класс", row["class_name"]), ("Дата рождения", _shown(row["birth_date"])), ("Пол", sex or "—")]
    return [
        ("Категория", Person.Kind(row["kind"]).label),
        ("Должность", _shown(row["position"])),
        ("Предмет", _shown(row["subject"])),
        ("Год начала работы", _shown(row["teaching_start_year"])),
        ("Почта", _shown(row["email"])),
        ("Телефон", _shown(row["phone"])),
        ("Дата рождения", _shown(row["birth_date"])),
        ("Пол", sex or "—"),
    ]


def _collect(report: ImportReport, result: Result, where: list[str], fields: list[list[tuple[str, str]]]) -> None:
    labels = {
        RowResult.IMPORT_TYPE_NEW: "будет добавлен",
        RowResult.IMPORT_TYPE_UPDATE: "будет обновлён",
        RowResult.IMPORT_TYPE_SKIP: "без изменений",
    }
    for number, row_result in enumerate(result.rows):
        if row_result.import_type == RowResult.IMPORT_TYPE_NEW:
            report.created += 1
        elif row_result.import_type == RowResult.IMPORT_TYPE_UPDATE:
            report.updated += 1
        elif row_result.import_type == RowResult.IMPORT_TYPE_SKIP:
            report.skipped += 1
        if row_result.import_type in labels:
            report.rows.append(
                {
                    "action": row_result.import_type,
                    "label": labels[row_result.import_type],
                    "name": row_result.object_repr,
                    "where": where[number] if number < len(where) else "",
                    "fields": fields[number] if number < len(fields) else [],
                }
            )
    for invalid in result.invalid_rows:
        messages = "; ".join(m for msgs in invalid.error_dict.values() for m in msgs) if invalid.error_dict else ""
        report.errors.append(excel.RowError(where[invalid.number - 1], messages or "строка не прошла проверку"))
    for number, errors in result.row_errors():
        for error in errors:
            report.errors.append(excel.RowError(where[number - 1], f"ошибка записи: {error.error}"))
    for error in result.base_errors:
        report.errors.append(excel.RowError("файл", f"ошибка импорта: {error.error}"))

"""Orders of the director: registries other apps fill, the placeholder language of the editable
wording, numbering, and the services every view, admin action and command calls.

Other apps plug in with two registries (call them in their AppConfig.ready()):

* ``register_annex(key, *, title, kinds, provider)`` — ``provider(order) -> AnnexTable`` (or a
  ``(columns, rows)`` pair of strings); the table is printed on its own page as
  «Приложение № N к приказу от … № …». The wording refers to it as ``{{ annex_<key> }}``.
* ``register_effect(kind, fn)`` — ``fn(order)`` runs inside the transaction of ``order_sign``;
  a ``ValidationError`` it raises cancels the signing and its message is shown to the user.

Placeholders (no Django template tags: users cannot reach code): ``{{ organization_short }}``,
``{{ curator_accusative }}``, and for agreement with a person's gender
``{{ curator | ответственным | ответственной }}`` (a third variant is for several people)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from mentoring.models import AcademicYear, Order, OrderKind, OrderSubject, OrderWording, Organization, Role, User
from mentoring.names import agree, detect_gender, inflect, initials_first, short_form

# --- registries ----------------------------------------------------------------------------------


@dataclass
class AnnexTable:
    columns: list[str]
    rows: list[list[str]]
    landscape: bool = False


@dataclass(frozen=True)
class AnnexProvider:
    key: str
    title: str
    kinds: frozenset[str]
    provider: Callable[[Order], AnnexTable | tuple]


_ANNEXES: dict[str, AnnexProvider] = {}
_EFFECTS: dict[str, list[Callable[[Order], None]]] = {}

# Annexes the wording may name before the app that provides them is installed (the default
# wording refers to them; a reference to an absent annex prints nothing).
EXPECTED_ANNEXES = {
    "regulations": "Положение о наставничестве",
    "programme": "Программа наставничества",
    "roadmap": "Дорожная карта внедрения целевой модели наставничества",
    "mentor_registry": "База (реестр) наставников",
    "pairs": "Состав наставнических пар (групп)",
    "awards": "Список поощряемых наставников",
}


def register_annex(
    key: str, *, title: str, kinds: Iterable[str], provider: Callable[[Order], AnnexTable | tuple]
) -> None:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
        raise ValueError(f"annex key {key!r}: lowercase latin letters, digits and underscores")
    _ANNEXES[key] = AnnexProvider(key, title, frozenset(kinds), provider)


def unregister_annex(key: str) -> None:
    _ANNEXES.pop(key, None)


def annexes_for_kind(kind: str) -> list[AnnexProvider]:
    return [annex for annex in _ANNEXES.values() if kind in annex.kinds]


def register_effect(kind: str, fn: Callable[[Order], None]) -> None:
    if fn not in _EFFECTS.setdefault(kind, []):
        _EFFECTS[kind].append(fn)


def unregister_effect(kind: str, fn: Callable[[Order], None]) -> None:
    if fn in _EFFECTS.get(kind, []):
        _EFFECTS[kind].remove(fn)


# --- default wording ------------------------------------------------------------------------------

_BASIS = (
    "В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации», "
    "распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р-145 «Об утверждении "
    "методологии (целевой модели) наставничества обучающихся для организаций, осуществляющих образовательную "
    "деятельность по общеобразовательным, дополнительным общеобразовательным и программам среднего "
    "профессионального образования, в том числе с применением лучших практик обмена опытом между "
    "обучающимися»"
)
_CONTROL = "Контроль за исполнением настоящего приказа оставляю за собой."


@dataclass(frozen=True)
class Wording:
    title: str
    preamble: str
    points: str


DEFAULT_WORDING: dict[str, Wording] = {
    OrderKind.CURATORS: Wording(
        "О назначении куратора и кураторов форм программы наставничества",
        f"{_BASIS}, в целях внедрения целевой модели наставничества в {{{{ organization_short }}}} "
        "в {{ academic_year }} учебном году",
        "Назначить куратором программы наставничества {{ curator_accusative }}, "
        "{{ curator | ответственным | ответственной }} за внедрение целевой модели наставничества.\n"
        "Назначить кураторами форм наставничества: {{ form_curator_accusative }}.\n"
        "Куратору программы наставничества {{ curator_dative }}:\n"
        "- в течение месяца со дня издания настоящего приказа разработать положение о наставничестве, "
        "программу наставничества и дорожную карту её реализации;\n"
        "- сформировать базы наставников и наставляемых;\n"
        "- координировать работу кураторов форм и наставников, проводить мониторинг реализации программы;\n"
        "- по итогам учебного года представить отчёт о реализации программы наставничества.\n"
        "Кураторам форм наставничества организовать работу наставнических пар (групп) закреплённых форм "
        "и ежеквартально представлять куратору программы сведения для мониторинга.\n"
        f"{_CONTROL}",
    ),
    OrderKind.REGULATIONS: Wording(
        "Об утверждении положения о наставничестве, программы наставничества и дорожной карты",
        f"{_BASIS}, в целях внедрения целевой модели наставничества в {{{{ organization_short }}}}",
        "Утвердить Положение о наставничестве в {{ organization_short }} {{ annex_regulations }}.\n"
        "Утвердить программу наставничества на {{ academic_year }} учебный год {{ annex_programme }}.\n"
        "Утвердить дорожную карту внедрения целевой модели наставничества на {{ academic_year }} учебный год "
        "{{ annex_roadmap }}.\n"
        "Куратору программы наставничества {{ curator_dative }} обеспечить реализацию программы наставничества "
        "и дорожной карты, разместить утверждённые документы на официальном сайте организации "
        "в течение десяти рабочих дней.\n"
        f"{_CONTROL}",
    ),
    OrderKind.MENTOR_BASE: Wording(
        "Об утверждении базы наставников",
        f"{_BASIS}, на основании анкетирования и собеседований с кандидатами в наставники, в целях реализации "
        "программы наставничества в {{ academic_year }} учебном году",
        "Утвердить базу (реестр) наставников {{ organization_short }} на {{ academic_year }} учебный год "
        "{{ annex_mentor_registry }}.\n"
        "Куратору программы наставничества {{ curator_dative }} обеспечить ведение базы наставников и её "
        "актуализацию не реже одного раза в полугодие.\n"
        f"{_CONTROL}",
    ),
    OrderKind.PAIRS: Wording(
        "О закреплении наставнических пар (групп)",
        f"{_BASIS}, Положением о наставничестве в {{{{ organization_short }}}}, на основании письменного "
        "согласия участников программы и в целях её реализации в {{ academic_year }} учебном году",
        "Закрепить наставнические пары (группы) на {{ academic_year }} учебный год {{ annex_pairs }}.\n"
        "Закрепить за наставником {{ mentor_instrumental }} {{ mentee | наставляемого | наставляемую | "
        "наставляемых }} {{ mentee_accusative }}.\n"
        "Наставникам организовать работу с наставляемыми по индивидуальным планам развития и проводить "
        "встречи не реже одного раза в две недели с обязательной обратной связью.\n"
        "Куратору программы наставничества {{ curator_dative }} осуществлять мониторинг работы "
        "наставнических пар (групп).\n"
        f"{_CONTROL}",
    ),
    OrderKind.INCENTIVES: Wording(
        "О поощрении наставников",
        "По итогам реализации программы наставничества в {{ academic_year }} учебном году, за высокие "
        "результаты наставнической деятельности и личный вклад в развитие обучающихся и педагогов",
        "Наградить почётной грамотой {{ awarded_accusative }}.\n"
        "Объявить благодарность наставникам {{ annex_awards }}.\n"
        "Куратору программы наставничества {{ curator_dative }} разместить информацию о поощрении "
        "наставников на официальном сайте организации.\n"
        f"{_CONTROL}",
    ),
    OrderKind.COMPLETION: Wording(
        "О завершении программы наставничества",
        "В соответствии с дорожной картой внедрения целевой модели наставничества, по итогам реализации "
        "программы наставничества в {{ organization_short }} в {{ academic_year }} учебном году",
        "Считать завершённой реализацию программы наставничества в {{ academic_year }} учебном году.\n"
        "Признать завершённой работу наставнических пар (групп) {{ annex_pairs }}.\n"
        "Куратору программы наставничества {{ curator_dative }} в течение месяца подготовить отчёт о "
        "реализации программы, провести мониторинг её эффективности и пополнить базу лучших практик.\n"
        f"{_CONTROL}",
    ),
}


# --- the placeholder language ---------------------------------------------------------------------

PERSON_ROLES = {
    "director": "руководитель, подписывающий приказ",
    **{role.value: role.label.lower() for role in OrderSubject.Role},
}
PERSON_FORMS = {
    "nominative": "кто? — Кузнецова Ольга Николаевна",
    "genitive": "кого? — Кузнецовой Ольги Николаевны",
    "dative": "кому? — Кузнецовой Ольге Николаевне",
    "accusative": "кого? (назначить) — Кузнецову Ольгу Николаевну",
    "instrumental": "кем? — Кузнецовой Ольгой Николаевной",
    "prepositional": "о ком? — Кузнецовой Ольге Николаевне",
    "short": "Кузнецова О. Н.",
    "initials": "О. Н. Кузнецова",
}
GENERAL_PLACEHOLDERS = {
    "organization": "полное наименование организации",
    "organization_short": "краткое наименование организации",
    "city": "населённый пункт (из адреса организации)",
    "number": "номер приказа",
    "date": "дата приказа: 01.09.2025",
    "date_text": "дата приказа словами: 1 сентября 2025 г.",
    "year": "календарный год приказа",
    "academic_year": "учебный год: 2025/2026",
}
BLANK = "____________________"
_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.S)
_MONTHS = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip


def allowed_placeholders(kind: str | None = None) -> list[tuple[str, str]]:
    """(placeholder, meaning) pairs shown next to the editor and listed in validation errors."""
    rows = list(GENERAL_PLACEHOLDERS.items())
    for role, label in PERSON_ROLES.items():
        rows += [(f"{role}_{form}", f"{label}: {meaning}") for form, meaning in PERSON_FORMS.items()]
        rows.append((f"{role} | мужской вариант | женский вариант", f"слово в роде лица «{label}»"))
    rows += [(f"annex_{key}", f"ссылка «(приложение № N)»: {title}") for key, title in _annex_titles(kind).items()]
    return rows


def _annex_titles(kind: str | None) -> dict[str, str]:
    titles = dict(EXPECTED_ANNEXES)
    titles.update({a.key: a.title for a in _ANNEXES.values() if kind is None or kind in a.kinds})
    return titles


@dataclass(frozen=True)
class _Token:
    name: str  # a value key, or a person role for agreement
    variants: tuple[str, ...] = ()


def _parse(text: str) -> tuple[list[_Token], list[str]]:
    """Tokens of every placeholder, and Russian problems found on the way."""
    problems = []
    if "{%" in text or "%}" in text or "{#" in text:
        problems.append("Теги шаблона «{% … %}» и «{# … #}» не допускаются — используйте подстановки {{ … }}.")
    tokens = []
    for match in _PLACEHOLDER.finditer(text):
        parts = [p.strip() for p in match.group(1).split("|")]
        tokens.append(_Token(parts[0], tuple(parts[1:])))
    leftover = _PLACEHOLDER.sub("", text)
    if "{{" in leftover or "}}" in leftover:
        problems.append("Есть незакрытая подстановка: каждая «{{» должна закрываться «}}».")
    return tokens, problems


def _check_token(token: _Token, annex_keys: set[str]) -> str | None:
    if token.variants:
        if token.name not in PERSON_ROLES:
            roles = ", ".join(PERSON_ROLES)
            return f"«{{{{ {token.name} | … }}}}»: согласование в роде возможно только с лицом ({roles})."
        if len(token.variants) not in (2, 3) or not all(token.variants):
            return (
                f"«{{{{ {token.name} | … }}}}»: укажите два варианта (мужской | женский) "
                "или три (мужской | женский | для нескольких лиц)."
            )
        return None
    name = token.name
    if name in GENERAL_PLACEHOLDERS:
        return None
    role, _, form = name.rpartition("_")
    if role in PERSON_ROLES and form in PERSON_FORMS:
        return None
    if name.startswith("annex_") and name.removeprefix("annex_") in annex_keys:
        return None
    return f"Неизвестная подстановка «{{{{ {name} }}}}»."


def validate_wording(*, kind: str, title: str, preamble: str, points: str, annexes: Iterable[str] = ()) -> None:
    """Raises ValidationError listing every unknown placeholder together with the allowed ones."""
    annex_keys = set(_annex_titles(kind)) | set(annexes or ())
    errors: dict[str, list[str]] = {}
    for field_name, text in (("title", title), ("preamble", preamble), ("points", points)):
        tokens, problems = _parse(text or "")
        problems += [p for p in (_check_token(t, annex_keys) for t in tokens) if p]
        if problems:
            errors[field_name] = problems
    if not (points or "").strip():
        errors.setdefault("points", []).append("Приказ должен содержать хотя бы один пункт.")
    if errors:
        allowed = ", ".join(name for name, _ in allowed_placeholders(kind) if "|" not in name)
        first_field = next(iter(errors))
        errors[first_field].append(f"Допустимые подстановки: {allowed}.")
        raise ValidationError(
            {f: [ValidationError(m, code="invalid_placeholder") for m in msgs] for f, msgs in errors.items()}
        )


@dataclass
class Person:
    name: str
    gender: str | None = None
    note: str = ""

    def form(self, form: str) -> str:
        if form == "short":
            return short_form(self.name)
        if form == "initials":
            return initials_first(self.name)
        text = inflect(self.name, form, gender=self.gender)
        return f"{text} ({self.note})" if self.note else text


@dataclass
class Values:
    """Everything the placeholders of one order resolve to."""

    general: dict[str, str]
    people: dict[str, list[Person]] = field(default_factory=dict)
    annex_numbers: dict[str, int] = field(default_factory=dict)

    def resolve(self, token: _Token) -> str | None:
        """The text of a placeholder; None when it names nobody (the point drops). A reference to an
        annex the order lacks is empty."""
        if token.variants:
            people = self.people.get(token.name, [])
            if not people:
                return None
            if len(people) > 1:
                return token.variants[2] if len(token.variants) > 2 else token.variants[0]
            return agree(people[0].gender, token.variants[0], token.variants[1])
        if token.name in self.general:
            return self.general[token.name]
        if token.name.startswith("annex_"):
            number = self.annex_numbers.get(token.name.removeprefix("annex_"))
            # Without the annex the decision still stands; only the reference goes.
            return f"(приложение № {number})" if number else ""
        role, _, form = token.name.rpartition("_")
        people = self.people.get(role, [])
        if not people:
            return None
        return _join([person.form(form) for person in people])


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " и " + items[-1]


def fill(text: str, values: Values, *, blank: str | None = BLANK) -> str | None:
    """The text with every placeholder resolved. An unresolvable one gives ``blank``, or None
    (so the caller drops the sentence) when blank is None."""
    missing = False

    def replace(match: re.Match) -> str:
        nonlocal missing
        parts = [p.strip() for p in match.group(1).split("|")]
        value = values.resolve(_Token(parts[0], tuple(parts[1:])))
        if value is None:
            missing = True
            return blank or ""
        return value

    result = _PLACEHOLDER.sub(replace, text)
    if missing and blank is None:
        return None
    return re.sub(r"\s+([.,;:])", r"\1", re.sub(r"[ \t]+", " ", result)).strip()


def fill_points(text: str, values: Values) -> list[dict]:
    """Numbered points with their sub-items; a point naming nobody is left out."""
    points: list[dict] = []
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line:
            continue
        is_sub = line[0] in "-–—"
        filled = fill(line.lstrip("-–— ") if is_sub else line, values, blank=None)
        if filled is None:
            continue
        if is_sub and points:
            points[-1]["items"].append(filled)
        else:
            points.append({"text": filled, "items": []})
    return points


def date_text(day: datetime.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year} г."


def city_of(organization: Organization) -> str:
    match = re.search(r"(?:^|[\s,])(г\.|пгт\.?|пос\.|п\.|с\.|д\.|ст-ца)\s*([^,]+)", organization.address or "")
    return f"{match.group(1)} {match.group(2).strip()}" if match else ""


# --- numbering ------------------------------------------------------------------------------------

NUMBER_SUFFIX = "-о"  # «по основной деятельности», as school registers of orders mark them


def next_number(*, organization: Organization, year: int) -> str:
    """1 + the largest leading number of this organization's orders of the calendar year, «-о» appended."""
    numbers = Order.objects.filter(organization=organization, year=year).values_list("number", flat=True)
    leading = [int(m.group()) for m in (re.match(r"\d+", n) for n in numbers) if m]
    return f"{max(leading, default=0) + 1}{NUMBER_SUFFIX}"


# --- reading --------------------------------------------------------------------------------------


def orders_for(user: User) -> QuerySet:
    """Orders the user may see: all of the organization for its managers; signed orders that name
    them for everybody else."""
    from mentoring.access import for_organization

    queryset = for_organization(user, Order.objects.all())
    if user.has_role(Role.DIRECTOR, Role.CURATOR):
        return queryset
    named = OrderSubject.objects.filter(user=user).values("order_id")
    return queryset.filter(Q(pk__in=named) | Q(signer=user), status=Order.Status.SIGNED)


def get_order_for(user: User, pk: int) -> Order:
    from mentoring.access import get_for_organization

    return get_for_organization(user, orders_for(user).select_related("signer", "organization"), pk=pk)


def organization_manager(organization: Organization, role: str) -> User | None:
    return (
        User.objects.filter(organization=organization, is_active=True, roles__role=role)
        .order_by("last_name", "first_name", "pk")
        .first()
    )


def order_values(order: Order, subjects: list[OrderSubject] | None = None) -> Values:
    organization = order.organization
    academic_year = AcademicYear.start_year_for(order.date)
    general = {
        "organization": organization.name,
        "organization_short": organization.short_name,
        "city": city_of(organization),
        "number": order.number,
        "date": f"{order.date:%d.%m.%Y}",
        "date_text": date_text(order.date),
        "year": str(order.date.year),
        "academic_year": f"{academic_year}/{academic_year + 1}",
    }
    if subjects is None:
        subjects = list(order.subjects.select_related("user"))
    people: dict[str, list[Person]] = {}
    for subject in subjects:
        gender = subject.gender or (subject.user and detect_gender(subject.name)) or detect_gender(subject.name)
        people.setdefault(subject.role, []).append(Person(subject.name, gender or None, subject.note))
    director = order.signer or organization_manager(organization, Role.DIRECTOR)
    if director:
        people["director"] = [Person(director.full_name, detect_gender(director.full_name))]
    if "curator" not in people:
        # Orders after the curator's appointment name the curator already in office.
        curator = organization_manager(organization, Role.CURATOR)
        if curator:
            people["curator"] = [Person(curator.full_name, detect_gender(curator.full_name))]
    numbers = {key: n for n, key in enumerate(order.annexes or [], start=1)}
    return Values(general, people, numbers)


def _annex_table(order: Order, key: str) -> dict | None:
    annex = _ANNEXES.get(key)
    if annex is None:
        return None
    table = annex.provider(order)
    if isinstance(table, tuple):
        table = AnnexTable(*table)
    return {
        "key": key,
        "title": annex.title,
        "columns": [str(c) for c in table.columns],
        "rows": [[str(cell) for cell in row] for row in table.rows],
        "landscape": table.landscape,
    }


def order_document(order: Order, *, subjects: list[OrderSubject] | None = None, annexes: list | None = None) -> dict:
    """The resolved text, people and annex tables of an order: frozen for a signed order, live
    from the current data for a draft. Plain strings only — templates escape them."""
    if order.is_signed and order.frozen:
        return order.frozen
    if subjects is None:
        subjects = list(order.subjects.select_related("user"))
    if annexes is None:
        annexes = [table for table in (_annex_table(order, key) for key in order.annexes or []) if table]
    values = order_values(order, subjects)
    # Number only the annexes that exist, so references and headings agree.
    values.annex_numbers = {annex["key"]: n for n, annex in enumerate(annexes, start=1)}
    director = order.signer or organization_manager(order.organization, Role.DIRECTOR)
    acquainted, seen = [], set()
    for subject in subjects:
        key = subject.user_id or subject.name
        if key not in seen:
            seen.add(key)
            acquainted.append(short_form(subject.name))
    return {
        "title": fill(order.title, values),
        "preamble": fill(order.preamble, values) if order.preamble.strip() else "",
        "points": fill_points(order.points, values),
        "signer_position": order.signer_position,
        "signer_name": initials_first(director.full_name) if director else "",
        "acquainted": acquainted,
        "annexes": [{**a, "number": n} for n, a in enumerate(annexes, start=1)],
    }


# Names the preview uses for people an order of the kind would name.
SAMPLE_PEOPLE = {
    OrderSubject.Role.FORM_CURATOR: [
        ("Петров Алексей Игоревич", "форма «ученик – ученик»"),
        ("Ильина Наталья Ильинична", "форма «учитель – учитель»"),
    ],
    OrderSubject.Role.RESPONSIBLE: [("Морозова Анна Сергеевна", "")],
    OrderSubject.Role.MENTOR: [("Смирнов Алексей Игоревич", "")],
    OrderSubject.Role.MENTEE: [("Фёдорова Софья Алексеевна", "")],
    OrderSubject.Role.AWARDED: [("Соколова Марина Владимировна", ""), ("Шевченко Тарас Григорьевич", "")],
    OrderSubject.Role.CURATOR: [("Кузнецова Ольга Николаевна", "")],
}


def preview_document(*, organization: Organization, kind: str, wording: Wording) -> dict:
    """The wording as it would print today: the organization's director and curator in office,
    sample names for everyone else, every annex the kind may have numbered in turn."""
    today = timezone.localdate()
    order = Order(
        organization=organization,
        kind=kind,
        date=today,
        number=next_number(organization=organization, year=today.year),
        title=wording.title,
        preamble=wording.preamble,
        points=wording.points,
        signer=organization_manager(organization, Role.DIRECTOR),
    )
    # Only the people and annexes the wording refers to, so the preview reads like a real order.
    tokens = _parse(f"{wording.title}\n{wording.preamble}\n{wording.points}")[0]
    referenced = {t.name if t.variants else t.name.rpartition("_")[0] for t in tokens} | {t.name for t in tokens}
    curator = organization_manager(organization, Role.CURATOR)
    subjects = []
    for role, people in SAMPLE_PEOPLE.items():
        if role not in referenced:
            continue
        if role == OrderSubject.Role.CURATOR and curator:
            people = [(curator.full_name, "")]
        subjects += [OrderSubject(role=role, full_name=name, note=note) for name, note in people]
    annexes = [
        {"key": key, "title": title, "columns": [], "rows": []}
        for key, title in _annex_titles(kind).items()
        if f"annex_{key}" in referenced or key in {a.key for a in annexes_for_kind(kind)}
    ]
    document = order_document(order, subjects=subjects, annexes=annexes)
    return {**document, "order": order}


def pdf_context(order: Order) -> dict:
    return {
        "order": order,
        "organization": order.organization,
        "document": order_document(order),
        "city": city_of(order.organization),
        "title": order.heading,
    }


def render_order_pdf(order: Order) -> bytes:
    from mentoring.pdf import render_pdf

    return render_pdf("pdf/orders/order.html", pdf_context(order))


def render_orders_pdf(orders: Iterable[Order]) -> bytes:
    """Several orders in one PDF; each keeps its own page numbering («1 из 2»)."""
    from mentoring.pdf import render_pdf_batch

    return render_pdf_batch("pdf/orders/order.html", [pdf_context(order) for order in orders])


def order_filename(order: Order) -> str:
    return f"Приказ от {order.date:%d.%m.%Y} № {order.number}.pdf".replace("/", "-")


# --- writing --------------------------------------------------------------------------------------


def wording_for(*, organization: Organization, kind: str) -> Wording:
    own = OrderWording.objects.filter(organization=organization, kind=kind).first()
    if own:
        return Wording(own.title, own.preamble, own.points)
    return DEFAULT_WORDING[kind]


@transaction.atomic
def wording_save(
    *, organization: Organization, kind: str, title: str, preamble: str, points: str, user: User | None
) -> OrderWording:
    wording = OrderWording.objects.filter(organization=organization, kind=kind).first() or OrderWording(
        organization=organization, kind=kind
    )
    wording.title, wording.preamble, wording.points, wording.updated_by = title, preamble, points, user
    wording.full_clean()
    wording.save()
    return wording


def wording_reset(*, organization: Organization, kind: str) -> None:
    OrderWording.objects.filter(organization=organization, kind=kind).delete()


@transaction.atomic
def order_create(
    *,
    organization: Organization,
    kind: str,
    user: User | None,
    date: datetime.date | None = None,
    number: str = "",
    annexes: list[str] | None = None,
) -> Order:
    """A draft with the organization's wording of the kind, the next number and every annex available."""
    date = date or timezone.localdate()
    wording = wording_for(organization=organization, kind=kind)
    order = Order(
        organization=organization,
        kind=kind,
        date=date,
        number=number or next_number(organization=organization, year=date.year),
        title=wording.title,
        preamble=wording.preamble,
        points=wording.points,
        annexes=annexes if annexes is not None else [a.key for a in annexes_for_kind(kind)],
        signer=organization_manager(organization, Role.DIRECTOR),
        created_by=user,
    )
    order.full_clean()
    order.save()
    return order


def _require_draft(order: Order) -> None:
    if order.is_signed:
        raise ValidationError("Приказ подписан: изменить его нельзя.", code="order_signed")


@transaction.atomic
def order_update(*, order: Order, **fields) -> Order:
    _require_draft(order)
    for name, value in fields.items():
        setattr(order, name, value)
    order.full_clean()
    order.save()
    return order


@transaction.atomic
def order_subject_add(
    *, order: Order, role: str, user: User | None = None, full_name: str = "", gender: str = "", note: str = ""
) -> OrderSubject:
    _require_draft(order)
    if user and order.subjects.filter(role=role, user=user).exists():
        raise ValidationError(f"{user.full_name} уже указан(а) в этой роли.", code="duplicate_subject")
    last = order.subjects.order_by("-position").values_list("position", flat=True).first() or 0
    subject = OrderSubject(
        order=order, role=role, user=user, full_name=full_name.strip(), gender=gender, note=note, position=last + 1
    )
    subject.full_clean()
    subject.save()
    return subject


@transaction.atomic
def order_subject_remove(*, subject: OrderSubject) -> None:
    _require_draft(subject.order)
    subject.delete()


@transaction.atomic
def order_delete(*, order: Order) -> None:
    _require_draft(order)
    order.delete()


@transaction.atomic
def order_sign(*, order: Order, user: User) -> Order:
    """Signs the order and applies what it decides, all or nothing: an effect's ValidationError
    leaves the order a draft and nothing changed."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    _require_draft(order)
    order.full_clean()
    for effect in _EFFECTS.get(order.kind, []):
        effect(order)
    order.frozen = order_document(order)
    order.status = Order.Status.SIGNED
    order.signed_at = timezone.now()
    order.signed_by = user
    order.save()
    return order


SCAN_TYPES = {".pdf", ".jpg", ".jpeg", ".png"}
SCAN_MAX_BYTES = 15 * 1024 * 1024


@transaction.atomic
def order_attach_scan(*, order: Order, scan) -> Order:
    if not order.is_signed:
        raise ValidationError("Скан прикладывается к подписанному приказу.", code="scan_of_draft")
    suffix = "." + scan.name.rsplit(".", 1)[-1].lower() if "." in scan.name else ""
    if suffix not in SCAN_TYPES:
        raise ValidationError("Скан — файл PDF, JPG или PNG.", code="scan_type")
    if scan.size > SCAN_MAX_BYTES:
        raise ValidationError("Скан больше 15 МБ: уменьшите разрешение.", code="scan_size")
    if order.scan:
        order.scan.delete(save=False)
    order.scan.save(scan.name, scan, save=True)
    return order


# --- the effect the core itself knows: appointing curators gives them their roles ------------------


def _grant_curator_roles(order: Order) -> None:
    from mentoring.models import UserRole

    grants = {OrderSubject.Role.CURATOR: Role.CURATOR, OrderSubject.Role.FORM_CURATOR: Role.FORM_CURATOR}
    subjects = order.subjects.filter(role__in=grants, user__isnull=False).select_related("user")
    if not subjects.filter(role=OrderSubject.Role.CURATOR).exists():
        raise ValidationError("В приказе не указан куратор программы наставничества.", code="curator_missing")
    for subject in subjects:
        UserRole.objects.get_or_create(user=subject.user, role=grants[subject.role])


register_effect(OrderKind.CURATORS, _grant_curator_roles)

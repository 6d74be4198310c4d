"""An order as it prints: the resolved text, the people it names, its annex tables, its PDF.
A signed order prints as it was frozen on the day of signing; a draft from the current data."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils import timezone

from mentoring.docx import render_docx
from mentoring.models import AcademicYear, Organization, User
from mentoring.names import detect_gender, initials_first, short_form
from mentoring.orders import registry
from mentoring.orders.models import Order, OrderKind, OrderSubject
from mentoring.orders.numbering import next_number
from mentoring.orders.placeholders import PERSON_FORMS, Person, Values, fill, fill_points, parse
from mentoring.orders.registry import annex_titles
from mentoring.orders.wording import Wording
from mentoring.pdf import render_pdf, render_pdf_batch
from mentoring.selectors import curator_of, director_of
from mentoring.text import date_text, fix_about


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
    cancelled = order.cancels if order.kind == OrderKind.CANCELLATION else None
    if cancelled is not None:
        general["cancelled_order"] = f"от {cancelled.date:%d.%m.%Y} № {cancelled.number}"
        general["cancelled_title"] = f"«{(cancelled.frozen or {}).get('title') or cancelled.title}»"
    if subjects is None:
        subjects = list(order.subjects.select_related("user"))
    people: dict[str, list[Person]] = {}
    for subject in subjects:
        gender = subject.gender or (subject.user and detect_gender(subject.name)) or detect_gender(subject.name)
        people.setdefault(subject.role, []).append(Person(subject.name, gender or None, subject.note))
    director = order.signer or director_of(organization)
    if director:
        people["director"] = [Person(director.full_name, detect_gender(director.full_name))]
    if "curator" not in people:
        # Orders after the curator's appointment name the curator already in office.
        curator = curator_of(organization)
        if curator:
            people["curator"] = [Person(curator.full_name, detect_gender(curator.full_name))]
    numbers = {key: n for n, key in enumerate(order.annexes or [], start=1)}
    return Values(general, people, numbers)


_EMPTY_CELLS = {"", "—", "–", "-"}
_NUMBER_HEADERS = {"№", "№ п/п", "n", "no"}


def _clean_table(columns: list[str], rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """The print numbers the rows itself, so a provider's own «№» column goes; a column no row
    fills («Вариант взаимодействия» of pairs without one) goes too rather than print empty."""
    keep = [
        index
        for index, column in enumerate(columns)
        if not (index == 0 and column.strip().lower() in _NUMBER_HEADERS)
        and (not rows or any(index < len(row) and row[index].strip() not in _EMPTY_CELLS for row in rows))
    ]
    return [columns[i] for i in keep], [[row[i] if i < len(row) else "" for i in keep] for row in rows]


def _annex_table(order: Order, key: str) -> dict | None:
    annex = registry.annex(key)
    if annex is None:
        return None
    table = annex.provider(order)
    if isinstance(table, registry.AnnexDocument):
        # HTML rendered by the providing app's template (user text escaped there); kept as is.
        return {"key": key, "title": annex.title, "html": table.html, "columns": [], "rows": [], "landscape": False}
    if isinstance(table, tuple):
        table = registry.AnnexTable(*table)
    columns, rows = [str(c) for c in table.columns], [[str(cell) for cell in row] for row in table.rows]
    if table.own_numbers:
        # The number is the document's own («1.1»): kept as the first cell; only the other columns are cleaned.
        if columns and columns[0].strip().lower() in _NUMBER_HEADERS:
            columns = columns[1:]
        columns, tail = _clean_table(columns, [row[1:] for row in rows])
        rows = [[row[0] if row else "", *cells] for row, cells in zip(rows, tail, strict=True)]
        return {
            "key": key,
            "title": annex.title,
            "columns": columns,
            "rows": rows,
            "landscape": table.landscape,
            "numbered": True,
            "headings": sorted(table.headings),
        }
    columns, rows = _clean_table(columns, rows)
    return {"key": key, "title": annex.title, "columns": columns, "rows": rows, "landscape": table.landscape}


def annex_is_empty(annex: dict) -> bool:
    return not annex.get("rows") and not (annex.get("html") or "").strip()


def order_document(order: Order, *, subjects: list[OrderSubject] | None = None, annexes: list | None = None) -> dict:
    """The resolved text, people and annex tables of an order: frozen for a signed order, live
    from the current data for a draft. Plain strings only — templates escape them."""
    if order.frozen and order.status != Order.Status.DRAFT:
        # Orders frozen before the print numbered rows itself carry their own «№» column.
        annexes = [
            a
            if a.get("numbered")
            else {
                **a,
                **dict(zip(("columns", "rows"), _clean_table(a.get("columns", []), a.get("rows", [])), strict=True)),
            }
            for a in order.frozen.get("annexes", [])
        ]
        return {**order.frozen, "annexes": annexes}
    if subjects is None:
        subjects = list(order.subjects.select_related("user"))
    if annexes is None:
        annexes = [table for table in (_annex_table(order, key) for key in order.annexes or []) if table]
    values = order_values(order, subjects)
    # Number only the annexes that exist, so references and headings agree.
    values.annex_numbers = {annex["key"]: n for n, annex in enumerate(annexes, start=1)}
    director = order.signer or director_of(order.organization)
    acquainted, seen = [], set()
    for subject in subjects:
        key = subject.user_id or subject.name
        if key not in seen:
            seen.add(key)
            acquainted.append(short_form(subject.name))
    return {
        "title": fix_about(fill(order.title, values)),
        "preamble": fill(order.preamble, values) if order.preamble.strip() else "",
        "points": fill_points(order.points, values),
        "signer_position": order.signer_position,
        "signer_name": initials_first(director.full_name) if director else "",
        "acquainted": acquainted,
        "annexes": [{**a, "number": n} for n, a in enumerate(annexes, start=1)],
    }


def _name_forms(name: str) -> set[str]:
    person = Person(name, detect_gender(name) or None)
    return {person.form(form) for form in PERSON_FORMS} | {name}


# People an extract keeps besides its addressee: the officials the order appoints or names.
_OFFICIAL_ROLES = {OrderSubject.Role.CURATOR, OrderSubject.Role.FORM_CURATOR, OrderSubject.Role.RESPONSIBLE}


def extract_document(order: Order, user: User) -> dict:
    """The «выписка из приказа» for a participant: the requisites, the title and the
    preamble, only the points that name them or refer to an annex row of theirs (numbered as in the
    order), only their annex rows, the signature block. No other participant's name is in it: the
    points are resolved again with the addressee and the officials only."""
    document = order_document(order)
    annexes = []
    for annex in document["annexes"]:
        own = annex.get("numbered")
        rows = [
            row if own else [str(number), *row]
            for number, row in enumerate(annex.get("rows", []), start=1)
            if registry.row_concerns(order, annex["key"], row, user)
        ]
        if rows:
            annexes.append({**annex, "rows": rows, "numbered": True, "headings": []})
    subjects = list(order.subjects.select_related("user"))
    full = order_values(order, subjects)
    own = order_values(order, [s for s in subjects if s.role in _OFFICIAL_ROLES or s.user_id == user.pk])
    full.annex_numbers = {a["key"]: a["number"] for a in document["annexes"]}
    own.annex_numbers = {a["key"]: a["number"] for a in annexes}
    forms = _name_forms(user.full_name)
    references = {f"(приложение № {a['number']})" for a in annexes}
    points, number, main = [], 0, ""
    for raw in (order.points or "").splitlines():
        line = raw.strip()
        is_sub = bool(line) and line[0] in "-–—"
        text = line.lstrip("-–— ") if is_sub else line
        if not text or fill(text, full, blank=None) is None:
            continue  # not printed in the order either
        if not is_sub:
            number, main = number + 1, text
        filled = fill(text, own, blank=None)
        concerns = filled is not None and (any(f in filled for f in forms) or any(r in filled for r in references))
        if not concerns:
            continue
        if is_sub:
            if points and points[-1]["number"] == number:
                points[-1]["items"].append(filled)
            else:
                # The point's own words, with nobody else's name in them.
                parent = fill(main, own, blank="…") if number else ""
                points.append({"number": number, "text": parent, "items": [filled]})
        else:
            points.append({"number": number, "text": filled, "items": []})
    return {**document, "points": points, "annexes": annexes, "acquainted": []}


def _name_forms(name: str) -> set[str]:
    person = Person(name, detect_gender(name) or None)
    return {person.form(form) for form in PERSON_FORMS} | {name}


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
        signer=director_of(organization),
    )
    if kind == OrderKind.CANCELLATION:  # a sample order to cancel
        order.cancels = Order(
            organization=organization, kind=OrderKind.PAIRS, date=today, number="5-о", title=OrderKind.PAIRS.label
        )
    # Only the people and annexes the wording refers to, so the preview reads like a real order.
    tokens = parse(f"{wording.title}\n{wording.preamble}\n{wording.points}")[0]
    referenced = {t.name if t.variants else t.name.rpartition("_")[0] for t in tokens} | {t.name for t in tokens}
    curator = curator_of(organization)
    subjects = []
    for role, people in SAMPLE_PEOPLE.items():
        if role not in referenced:
            continue
        if role == OrderSubject.Role.CURATOR and curator:
            people = [(curator.full_name, "")]
        subjects += [OrderSubject(role=role, full_name=name, note=note) for name, note in people]
    annexes = [
        {"key": key, "title": title, "columns": [], "rows": []}
        for key, title in annex_titles(kind).items()
        if f"annex_{key}" in referenced or key in {a.key for a in registry.annexes_for_kind(kind)}
    ]
    document = order_document(order, subjects=subjects, annexes=annexes)
    return {**document, "order": order}


def pdf_context(order: Order) -> dict:
    cancelled_by = order.cancelled_by if order.is_signed else None
    return {
        "order": order,
        "organization": order.organization,
        "document": order_document(order),
        "city": city_of(order.organization),
        "title": order.heading,
        "draft": not order.is_signed,
        "cancelled_by": f"приказ от {cancelled_by.date:%d.%m.%Y} № {cancelled_by.number}" if cancelled_by else "",
    }


def extract_context(order: Order, user: User) -> dict:
    return {
        **pdf_context(order),
        "document": extract_document(order, user),
        "addressee": user.full_name,
        "title": f"Выписка из приказа от {order.date:%d.%m.%Y} № {order.number}",
    }


ORDER_TEMPLATE = "pdf/orders/order.html"
EXTRACT_TEMPLATE = "pdf/orders/extract.html"


def render_order_pdf(order: Order) -> bytes:
    return render_pdf(ORDER_TEMPLATE, pdf_context(order))


def render_order_docx(order: Order) -> bytes:
    return render_docx(ORDER_TEMPLATE, pdf_context(order))


def render_orders_pdf(orders: Iterable[Order]) -> bytes:
    """Several orders in one PDF; each keeps its own page numbering («1 из 2»)."""
    return render_pdf_batch(ORDER_TEMPLATE, [pdf_context(order) for order in orders])


def render_extract_pdf(order: Order, user: User) -> bytes:
    return render_pdf(EXTRACT_TEMPLATE, extract_context(order, user))


def render_extract_docx(order: Order, user: User) -> bytes:
    return render_docx(EXTRACT_TEMPLATE, extract_context(order, user))


def order_filename(order: Order) -> str:
    return f"Приказ от {order.date:%d.%m.%Y} № {order.number}.pdf".replace("/", "-")


def extract_filename(order: Order, user: User) -> str:
    return f"Выписка из приказа от {order.date:%d.%m.%Y} № {order.number}, {short_form(user.full_name)}.pdf".replace(
        "/", "-"
    )


def city_of(organization: Organization) -> str:
    match = re.search(r"(?:^|[\s,])(г\.|пгт\.?|пос\.|п\.|с\.|д\.|ст-ца)\s*([^,]+)", organization.address or "")
    return f"{match.group(1)} {match.group(2).strip()}" if match else ""

"""An order as it prints: the resolved text, the people it names, its annex tables, its PDF.
A signed order prints as it was frozen on the day of signing; a draft from the current data."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils import timezone

from mentoring.models import AcademicYear, Organization
from mentoring.names import detect_gender, initials_first, short_form
from mentoring.orders import registry
from mentoring.orders.models import Order, OrderSubject
from mentoring.orders.numbering import next_number
from mentoring.orders.placeholders import Person, Values, fill, fill_points, parse
from mentoring.orders.registry import annex_titles
from mentoring.orders.wording import Wording
from mentoring.pdf import render_pdf, render_pdf_batch
from mentoring.selectors import curator_of, director_of
from mentoring.text import date_text


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
    director = order.signer or director_of(order.organization)
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
        signer=director_of(organization),
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
    return {
        "order": order,
        "organization": order.organization,
        "document": order_document(order),
        "city": city_of(order.organization),
        "title": order.heading,
    }


def render_order_pdf(order: Order) -> bytes:
    return render_pdf("pdf/orders/order.html", pdf_context(order))


def render_orders_pdf(orders: Iterable[Order]) -> bytes:
    """Several orders in one PDF; each keeps its own page numbering («1 из 2»)."""
    return render_pdf_batch("pdf/orders/order.html", [pdf_context(order) for order in orders])


def order_filename(order: Order) -> str:
    return f"Приказ от {order.date:%d.%m.%Y} № {order.number}.pdf".replace("/", "-")


def city_of(organization: Organization) -> str:
    match = re.search(r"(?:^|[\s,])(г\.|пгт\.?|пос\.|п\.|с\.|д\.|ст-ца)\s*([^,]+)", organization.address or "")
    return f"{match.group(1)} {match.group(2).strip()}" if match else ""

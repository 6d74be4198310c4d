"""The bad-input corpus: every page of the permission matrix, opened by a persona allowed to, gets
hostile query strings, and every form on it is submitted with markup in every field, overlong text,
impossible dates, negative and huge numbers. Nothing answers 5xx, and the markup never comes back
unescaped — neither on the page that answers nor on the page a redirect leads to. Then uploads,
PDFs and ids; last, a double-submitted pair confirmation and two curators confirming at once."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from django.urls import reverse

from tests.matrix.base import PERSONAS
from tests.pdf import pdf_text
from tests.test_permission_matrix import MATRIX

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss")</script>'
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
MARKUP = f"Иванов{SCRIPT}{ATTRIBUTE}"
# What must never appear in an HTML answer: the payload's tags, unescaped.
RAW = ("<script>alert(", "<img src=x onerror")
OVERLONG = "Я" * 5000 + SCRIPT
IMPOSSIBLE_DATES = ["2023-02-30", "31.04.2023", "0000-00-00", "99999-12-31"]
BAD_NUMBERS = ["-1", "99999999999999999999999", "1e309", "NaN", "abc", "０"]
QUERY_PARAMS = ["q", "page", "sort", "kind", "group", "status", "year", "show", "stage", "done", "role", "category"]
# Who tries a page: the first persona in this order the matrix lets in.
PREFERENCE = ["curator", "director", "staff", "psychologist", "mentor_a", "mentee", "region", "anonymous"]


class _Forms(HTMLParser):
    """The forms of a page: action, method and fields (name, type, first option / value)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(), "fields": []}
            )
        elif not self.forms:
            return
        elif tag in ("input", "textarea") and a.get("name"):
            self.forms[-1]["fields"].append(
                {"name": a["name"], "type": (a.get("type") or tag).lower(), "value": a.get("value") or ""}
            )
        elif tag == "select" and a.get("name"):
            self._select = {"name": a["name"], "type": "select", "value": "", "multiple": "multiple" in a}
            self.forms[-1]["fields"].append(self._select)
        elif tag == "option" and self._select is not None and not self._select["value"] and a.get("value"):
            self._select["value"] = a["value"]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def page_forms(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def _is_date(field) -> bool:
    return field["type"] == "date" or re.search(r"(date|_on$|deadline|until|since)", field["name"]) is not None


def payload(fields: list[dict], variant: str) -> dict:
    """A form filled so that it has a chance to be saved (then the markup is stored and shown
    elsewhere) — or, for «impossible», every value wrong."""
    today = datetime.date.today().isoformat()
    data: dict = {}
    for field in fields:
        name, kind, value = field["name"], field["type"], field["value"]
        if kind in ("file", "submit", "button", "image", "reset") or name == "csrfmiddlewaretoken":
            continue
        if kind == "hidden":
            data[name] = value
        elif kind in ("checkbox", "radio"):
            data.setdefault(name, value or "on")
        elif variant == "impossible":
            if _is_date(field):
                data[name] = IMPOSSIBLE_DATES[len(data) % len(IMPOSSIBLE_DATES)]
            elif kind == "number" or kind == "select":
                data[name] = BAD_NUMBERS[len(data) % len(BAD_NUMBERS)]
            else:
                data[name] = MARKUP
        elif _is_date(field):
            data[name] = today
        elif kind == "select":
            data[name] = value
        elif kind == "number":
            data[name] = value or "1"
        elif kind == "email":
            data[name] = "hostile@example.org"
        else:
            data[name] = OVERLONG if variant == "overlong" else MARKUP
    return data


def assert_safe(response, where: str) -> None:
    assert response.status_code < 500, f"{where}: {response.status_code}"
    if "html" in response.get("Content-Type", ""):
        body = response.content.decode(errors="replace")
        for raw in RAW:
            assert raw not in body, f"{where}: unescaped {raw!r}"


def _persona(expected: dict) -> str | None:
    for persona in PREFERENCE:
        want = expected[persona]
        if not callable(want) and want == 200:
            return persona
    return None


GET_PAGES = sorted(name for name, (_, expected) in MATRIX.items() if _persona(expected))


@pytest.mark.parametrize("name", GET_PAGES)
def test_hostile_input_on_every_page_never_5xx_and_never_comes_back_unescaped(name, world, login):
    kwargs_of, expected = MATRIX[name]
    persona = _persona(expected)
    url = reverse(name, kwargs=kwargs_of(world) if kwargs_of else None)
    client = login(world.personas()[persona])
    page = client.get(url)
    assert_safe(page, f"GET {url}")

    # Hostile query strings: every parameter the page's GET forms know, and the usual ones.
    forms = page_forms(page.content.decode(errors="replace")) if "html" in page.get("Content-Type", "") else []
    names = {f["name"] for form in forms if form["method"] == "get" for f in form["fields"]} | set(QUERY_PARAMS)
    for hostile in (MARKUP, "-1", "99999999999999999999999", "2023-02-30", "\x00", "%", "' OR 1=1 --"):
        assert_safe(client.get(url, dict.fromkeys(names, hostile)), f"GET {url} ?…={hostile!r}")

    # Every POST form on the page, with each variant; follow the redirect to where the data shows.
    for form in (f for f in forms if f["method"] == "post"):
        action = urljoin(url, form["action"]) if form["action"] else url
        if action == reverse("logout"):
            continue
        for variant in ("markup", "overlong", "impossible"):
            response = client.post(action, payload(form["fields"], variant), follow=True)
            assert_safe(response, f"POST {action} ({variant}) as {persona}")


OBJECT_PAGES = sorted(
    name for name, (kwargs_of, expected) in MATRIX.items() if kwargs_of is not None and _persona(expected)
)


@pytest.mark.parametrize("name", OBJECT_PAGES)
def test_an_id_out_of_any_range_is_a_404_not_a_500(name, world, login):
    kwargs_of, expected = MATRIX[name]
    kwargs = kwargs_of(world)
    huge = {k: (99999999999999999999999 if isinstance(v, int) else v) for k, v in kwargs.items()}
    if huge == kwargs:
        pytest.skip("no integer id in this URL")
    client = login(world.personas()[_persona(expected)])
    assert client.get(reverse(name, kwargs=huge)).status_code == 404
    assert client.post(reverse(name, kwargs=huge)).status_code in (404, 405)


def test_a_non_numeric_id_never_reaches_a_view(world, login):
    client = login(world.curator)
    for path in ("/participants/people/abc/", "/participants/people/-1/", "/orders/1e3/", "/roadmap/%00/"):
        assert client.get(path).status_code == 404


def test_markup_in_every_persisted_name_is_escaped_on_the_lists(world, login):
    """A person whose every name field is markup — created through the form — shows escaped on
    every list and card the managers open."""
    client = login(world.curator)
    response = client.post(
        reverse("participants:person_create"),
        {
            "kind": "teacher",
            "last_name": SCRIPT,
            "first_name": ATTRIBUTE[:90],
            "middle_name": "<b>Жирный</b>",
            "position": SCRIPT,
            "email": "x@example.org",
        },
        follow=True,
    )
    assert_safe(response, "person create")
    from participants.models import Person

    person = Person.objects.get(last_name=SCRIPT)
    for url in (
        reverse("participants:people"),
        reverse("participants:people") + "?q=script",
        reverse("participants:person", kwargs={"pk": person.pk}),
        reverse("participants:person_edit", kwargs={"pk": person.pk}),
    ):
        page = client.get(url)
        assert page.status_code == 200
        assert_safe(page, url)
        assert "&lt;script&gt;" in page.content.decode()


# ---------------------------------------------------------------- uploads


def _upload(client, content: bytes, filename: str = "classes.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("participants:import"),
        {"kind": "students", "file": SimpleUploadedFile(filename, content, "application/vnd.ms-excel")},
    )


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))  # ratio ~1000:1
    return buffer.getvalue()


def _workbook(rows) -> bytes:
    from tests.participants.xlsx import workbook_bytes

    return workbook_bytes({"7А": rows})


@pytest.mark.parametrize(
    ("label", "content", "filename"),
    [
        ("a PDF renamed .xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n", "classes.xlsx"),
        ("an HTML page renamed .xlsx", f"<html><body>{SCRIPT}</body></html>".encode(), "classes.xlsx"),
        ("an empty file", b"", "classes.xlsx"),
        ("a zip that is not a workbook", b"PK\x05\x06" + b"\x00" * 18, "classes.xlsx"),
        ("a markup file name", b"not excel", f"{SCRIPT}.xlsx"),
        ("wrong headers", None, "classes.xlsx"),
    ],
)
def test_a_bad_upload_is_refused_with_a_russian_message_and_changes_nothing(world, login, label, content, filename):
    from participants.models import Person

    if content is None:
        content = _workbook([["Товар", "Цена", "Количество"], ["Мел", 10, 5]])
    before = Person.objects.count()
    response = _upload(login(world.staff), content, filename)
    assert_safe(response, label)
    assert response.status_code == 200
    body = response.content.decode()
    assert "alert alert-danger" in body or "invalid-feedback" in body or "is-invalid" in body, label
    assert Person.objects.count() == before


def test_a_zip_bomb_upload_is_refused_before_it_is_inflated(world, login):
    from participants.models import Person

    response = _upload(login(world.staff), _zip_bomb())
    assert_safe(response, "zip bomb")
    assert response.status_code == 200 and Person.objects.count() == 0


def test_a_file_over_10_mb_is_refused_by_the_form(world, login):
    response = _upload(login(world.staff), b"PK" + b"\x00" * (10 * 1024 * 1024 + 10))
    assert_safe(response, "huge file")
    assert "больше 10 МБ" in response.content.decode()


def test_a_request_over_the_upload_limit_is_a_400_not_a_500(world, login):
    client = login(world.staff)
    response = client.post(
        reverse("participants:person_create"), {"last_name": "Я" * (13 * 1024 * 1024)}
    )  # a form field (not a file) over DATA_UPLOAD_MAX_MEMORY_SIZE
    assert response.status_code == 400


def test_formulas_and_markup_in_cells_are_stored_as_text_and_shown_escaped(world, login):
    from participants.models import Person

    content = _workbook(
        [
            ["ФИО", "Дата рождения"],
            ['=HYPERLINK("http://evil.example","Нажми")', "01.02.2013"],
            [f"Петров{SCRIPT} Иван", "=DATE(2013,1,1)"],
        ]
    )
    client = login(world.staff)
    response = _upload(client, content)
    assert_safe(response, "formula preview")
    assert not Person.objects.filter(last_name__startswith="=").exists()


# ---------------------------------------------------------------- PDFs


def test_markup_in_names_prints_literally_in_the_consent_form_pdf(world, login):
    from tests.participants.factories import PersonFactory

    person = PersonFactory(
        organization=world.org, last_name="<b>Иванов</b>", first_name="<i>Иван</i>", middle_name=SCRIPT
    )
    response = login(world.curator).get(reverse("participants:person_consent_pdf", kwargs={"pk": person.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "<b>Иванов</b>" in text and "<i>Иван</i>" in text
    assert "alert(" in text  # the script printed as text, not run or dropped


def test_markup_in_names_and_wording_prints_literally_in_the_order_pdf(world, login):
    from mentoring.orders import services as order_services
    from mentoring.orders.models import Order, OrderKind, OrderSubject

    order = order_services.order_create(organization=world.org, kind=OrderKind.PAIRS, user=world.director)
    Order.objects.filter(pk=order.pk).update(title="О закреплении <i>пар</i>")
    order.refresh_from_db()
    order_services.order_subject_add(
        order=order, role=OrderSubject.Role.ACQUAINTED, full_name=f"<u>Смирнов</u> {SCRIPT}"
    )
    response = login(world.director).get(reverse("orders:pdf", kwargs={"pk": order.pk}))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "<u>Смирнов</u>" in text and "<i>пар</i>" in text


def test_every_persona_list_matches_the_matrix_personas():
    # The corpus tries one allowed persona per page; the matrix vocabulary is what it picks from.
    assert set(PREFERENCE) <= set(PERSONAS)


# ---------------------------------------------------------------- pair confirmation: double submit, races


def _cohort(org, *, mentees: int = 2, capacity: int = 1):
    import datetime as dt

    from mentoring.models import AcademicYear
    from participants.models import MentorProfile
    from programs.models import MentoringForm, Programme
    from tests.participants.factories import (
        ConsentFactory,
        MenteeProfileFactory,
        MentorProfileFactory,
        PersonFactory,
        TeacherFactory,
    )

    year = AcademicYear.current()
    programme = Programme.objects.create(
        organization=org,
        # get_or_create: a transactional test before this one may have flushed the migration's forms.
        form=MentoringForm.objects.get_or_create(
            organization=None, name="Учитель – ученик", defaults={"mentor_side": "teacher", "mentee_side": "student"}
        )[0],
        academic_year=year,
        title="Программа «Учитель – ученик»",
        start_date=year.start_date,
        end_date=year.end_date,
        status=Programme.Status.ACTIVE,
    )
    teacher = TeacherFactory(organization=org)
    ConsentFactory(person=teacher)
    mentor = MentorProfileFactory(person=teacher, status=MentorProfile.Status.APPROVED, capacity=capacity)
    profiles = []
    for _ in range(mentees):
        student = PersonFactory(organization=org, birth_date=dt.date(2013, 5, 1))
        ConsentFactory(person=student)
        profiles.append(MenteeProfileFactory(person=student))
    return programme, mentor, profiles


def _proposal(programme, mentor, mentees, user):
    from programs.models import MatchingProposal

    return MatchingProposal.objects.create(
        organization=programme.organization,
        programme=programme,
        assignments=[{"mentee": m.pk, "mentor": mentor.pk, "score": 80} for m in mentees],
        created_by=user,
    )


def test_a_double_submitted_confirmation_creates_the_pairs_once(world):
    from django.core.exceptions import ValidationError

    from programs.models import Mentorship, MentorshipMember
    from programs.services import proposal_confirm

    programme, mentor, mentees = _cohort(world.org, mentees=2, capacity=2)
    proposal = _proposal(programme, mentor, mentees, world.curator)
    choices = {m.pk: mentor.pk for m in mentees}
    created, errors = proposal_confirm(proposal=proposal, choices=choices, user=world.curator)
    assert len(created) == 2 and errors == []
    with pytest.raises(ValidationError) as second:
        proposal_confirm(proposal=proposal, choices=choices, user=world.curator)
    assert second.value.code == "not_draft"
    assert Mentorship.objects.count() == 2 and MentorshipMember.objects.filter(is_active=True).count() == 2


def test_a_confirmation_over_capacity_creates_nothing_at_all(world):
    from programs.models import Mentorship, MentorshipMember
    from programs.services import proposal_confirm

    programme, mentor, mentees = _cohort(world.org, mentees=3, capacity=2)
    proposal = _proposal(programme, mentor, mentees, world.curator)
    created, errors = proposal_confirm(
        proposal=proposal, choices={m.pk: mentor.pk for m in mentees}, user=world.curator
    )
    assert created == [] and len(errors) == 1 and "мест" in errors[0]
    assert not Mentorship.objects.exists() and not MentorshipMember.objects.exists()  # nothing half-written
    proposal.refresh_from_db()
    assert proposal.status == proposal.Status.DRAFT


def test_the_same_mentee_submitted_twice_is_one_pair(world):
    from django.core.exceptions import ValidationError

    from programs.models import MentorshipMember
    from programs.services import mentorship_create

    programme, mentor, mentees = _cohort(world.org, mentees=1, capacity=3)
    mentorship_create(programme=programme, mentor=mentor, mentees=mentees, user=world.curator)
    with pytest.raises(ValidationError) as second:
        mentorship_create(programme=programme, mentor=mentor, mentees=mentees, user=world.curator)
    assert second.value.code == "already_paired"
    assert MentorshipMember.objects.filter(mentee=mentees[0], is_active=True).count() == 1


def _postgres_only():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a real race needs row locks and concurrent writers: PostgreSQL (SQLite serializes writers)")


def _at_once(*calls):
    """Runs the calls in threads released together; returns each one's result or exception."""
    import threading

    from django.db import connection

    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 — the outcome is what the test looks at
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_curators_taking_a_mentors_last_place_at_once_never_exceed_capacity(world):
    _postgres_only()
    from django.core.exceptions import ValidationError

    from programs.selectors import open_load
    from programs.services import mentorship_create

    for _round in range(5):
        programme, mentor, mentees = _cohort(world.org, mentees=2, capacity=1)
        results = _at_once(
            *(
                lambda m=m, p=programme, t=mentor: mentorship_create(
                    programme=p, mentor=t, mentees=[m], user=world.curator
                )
                for m in mentees
            )
        )
        failures = [r for r in results if isinstance(r, Exception)]
        assert len(failures) == 1 and isinstance(failures[0], ValidationError), results
        assert failures[0].code == "capacity"
        assert open_load([mentor.pk])[mentor.pk] == 1


@pytest.mark.django_db(transaction=True)
def test_two_curators_confirming_one_proposal_at_once_create_its_pairs_once(world):
    _postgres_only()
    from django.core.exceptions import ValidationError

    from programs.models import Mentorship
    from programs.services import proposal_confirm

    programme, mentor, mentees = _cohort(world.org, mentees=2, capacity=2)
    proposal = _proposal(programme, mentor, mentees, world.curator)
    choices = {m.pk: mentor.pk for m in mentees}
    results = _at_once(
        lambda: proposal_confirm(proposal=proposal, choices=choices, user=world.curator),
        lambda: proposal_confirm(proposal=proposal, choices=choices, user=world.director),
    )
    failures = [r for r in results if isinstance(r, Exception)]
    assert len(failures) == 1 and isinstance(failures[0], ValidationError) and failures[0].code == "not_draft"
    assert Mentorship.objects.filter(programme=programme).count() == 2

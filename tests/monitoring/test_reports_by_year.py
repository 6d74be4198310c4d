"""The school's annual report and the region report read back (PDF, xlsx) against the hand-counted
three-year school (tests/monitoring/three_years.py)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from monitoring.models import Kpi
from tests.docx import docx_tables, docx_text
from tests.monitoring import three_years
from tests.monitoring.factories import make_pair, make_programme, student, teacher
from tests.monitoring.three_years import EXPECTED, Y2
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(world):
    world.p = three_years.build(world.org)
    return world


def _rows(content: bytes, sheet: str | None = None) -> list[list]:
    book = load_workbook(io.BytesIO(content))
    return [list(row) for row in (book[sheet] if sheet else book.active).iter_rows(values_only=True)]


def test_school_annual_pdf_prints_every_indicator_of_the_year_with_its_numbers(school, login):
    response = login(school.director).get(reverse("monitoring:school_annual_pdf"), {"year": "2024/2025"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "о реализации целевой модели наставничества за 2024/2025 учебный год" in text
    for part, whole in EXPECTED[Y2].values():
        assert f"{part} / {whole}" in text
    assert "42.9" in text or "42,9" in text  # students as mentees, 3 of 7
    assert "Программа 2024/2025" in text and "Выполнение дорожной карты" in text
    assert ". ." not in text and ".." not in text  # no «О. Н..»
    # The signatures never stand on a page of their own: the last section comes with them.
    last_page = pdf_text(response.content).split("\f")[-2]
    assert "Директор" in last_page and "Поощрение наставников" in last_page


def test_school_annual_docx_is_the_same_document_for_word(school, login):
    response = login(school.director).get(reverse("monitoring:school_annual_docx"), {"year": "2024/2025"})
    assert response["Content-Disposition"].endswith('.docx"') or ".docx" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert "за 2024/2025 учебный год" in " ".join(text.split())
    kpi_table = docx_tables(response.content)[0]
    cells = {row[0].split("\n")[0]: row for row in kpi_table[1:]}
    for indicator, (part, whole) in EXPECTED[Y2].items():
        assert cells[Kpi(indicator).label][3] == f"{part} / {whole}"
    assert "Выполнение дорожной карты" in text


def test_school_annual_xlsx_has_the_same_numerators_and_denominators(school, login):
    response = login(school.curator).get(reverse("monitoring:school_annual_xlsx"), {"year": "2024/2025"})
    rows = {row[0]: row for row in _rows(response.content) if row and row[0]}
    for indicator, (part, whole) in EXPECTED[Y2].items():
        row = rows[Kpi(indicator).label]
        assert (row[3], row[4]) == (part, whole)
        assert "числитель —" in row[5]


def test_school_annual_report_for_an_unknown_year_is_a_message_not_an_error(school, login):
    client = login(school.curator)
    assert client.get(reverse("monitoring:school_annual_pdf"), {"year": "2090/2091"}).status_code == 302
    assert client.get(reverse("monitoring:school_annual_pdf"), {"year": "abc"}).status_code == 302


def test_region_has_per_organization_rows_a_totals_row_and_hides_small_counts(school, login):
    # The other organization: two students, one of them a mentee — both counts are under three.
    other = school.other_org
    kids = [student(other) for _ in range(2)]
    make_pair(make_programme(other), teacher(other), kids[:1])
    client = login(school.region_user)
    page = client.get(reverse("monitoring:region"), {"year": "2024/2025"})
    totals = dict(page.context["totals"]["kpis"])
    # 2024/2025: the school's 3 of 7 students as mentees; the other organization has nothing that year
    assert (totals[Kpi.STUDENT_MENTEES].part, totals[Kpi.STUDENT_MENTEES].whole) == (3, 7)
    assert "Итого по региону" in page.content.decode()
    current = client.get(reverse("monitoring:region")).content.decode()
    assert "менее 3" in current
    xlsx = client.get(reverse("monitoring:region_xlsx"), {"year": "2024/2025"})
    rows = _rows(xlsx.content)
    by_name = {row[0]: row for row in rows if row and row[0]}
    header = rows[3]
    column = header.index(f"{Kpi.STUDENT_MENTEES.label}, %")
    assert by_name[school.org.short_name][column : column + 2] == [42.9, "3 / 7"]
    assert by_name["Итого по региону"][column : column + 2] == [42.9, "3 / 7"]
    now = _rows(client.get(reverse("monitoring:region_xlsx")).content)
    other_row = next(row for row in now if row and row[0] == other.short_name)
    assert other_row[column + 1] == "менее 3" and other_row[column] is None


def test_the_programme_report_xlsx_gives_the_same_numbers_and_definitions(school, login):
    from programs.models import Programme

    programme = Programme.objects.get(title="Программа 2024/2025")
    response = login(school.curator).get(reverse("monitoring:annual_xlsx", args=[programme.pk]))
    rows = {row[0]: row for row in _rows(response.content, "Показатели") if row and row[0]}
    for indicator, (part, whole) in EXPECTED[Y2].items():
        assert rows[Kpi(indicator).label][3:5] == [part, whole]
        assert rows[Kpi(indicator).label][5].startswith("числитель —")

from pathlib import Path

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring.models import AcademicYear
from monitoring import services
from monitoring.admin import EfficiencyAssessmentAdmin
from monitoring.efficiency import efficiency_level
from monitoring.models import EfficiencyAssessment
from tests.monitoring.factories import make_pair, make_programme, student, teacher
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "pdf"


@pytest.mark.parametrize(
    ("total", "level"),
    [(0, "inadmissible"), (8, "inadmissible"), (9, "admissible"), (14, "admissible"), (15, "optimal"), (18, "optimal")],
)
def test_efficiency_level_follows_the_seed_table(total, level):
    assert efficiency_level(total) == level


@pytest.mark.parametrize("total", [-1, 19, 100, 2.5, "15", True])
def test_efficiency_level_refuses_anything_but_a_total_of_0_to_18(total):
    with pytest.raises(ValueError, match="от 0 до 18"):
        efficiency_level(total)


def _scores(points: list[int]) -> dict:
    return {n: (p, f"комментарий {n}") for n, p in enumerate(points, start=1)}


def test_assessment_total_is_the_sum_of_nine_scores_and_gives_the_level(world):
    programme = make_programme(world.org)
    assessment = services.assessment_save(
        organization=world.org,
        programme=programme,
        academic_year=programme.academic_year,
        scores=_scores([2, 2, 1, 2, 1, 1, 2, 0, 1]),
        user=world.curator,
    )
    assert assessment.total == 12
    assert assessment.level == "admissible"
    assert assessment.scores.count() == 9


def test_assessment_needs_all_nine_indicators_each_0_1_or_2(world):
    programme = make_programme(world.org)
    kwargs = {"organization": world.org, "programme": programme, "academic_year": programme.academic_year}
    with pytest.raises(ValidationError):
        services.assessment_save(**kwargs, scores=_scores([2] * 8))
    with pytest.raises(ValidationError):
        services.assessment_save(**kwargs, scores=_scores([2] * 8 + [3]))


def test_one_programme_assessment_per_year_but_pairs_are_assessed_separately(world):
    programme = make_programme(world.org)
    pair = make_pair(programme, teacher(world.org), [student(world.org)])
    kwargs = {"organization": world.org, "programme": programme, "academic_year": programme.academic_year}
    services.assessment_save(**kwargs, scores=_scores([2] * 9))
    services.assessment_save(**kwargs, mentorship=pair, scores=_scores([1] * 9))
    with pytest.raises(ValidationError):
        services.assessment_save(**kwargs, scores=_scores([0] * 9))


def test_assessments_are_kept_across_years(world):
    this_year = AcademicYear.current()
    last_year = AcademicYear.for_date(this_year.start_date.replace(year=this_year.start_year - 1))
    for year, points in ((last_year, 1), (this_year, 2)):
        programme = make_programme(world.org, year)
        services.assessment_save(
            organization=world.org, programme=programme, academic_year=year, scores=_scores([points] * 9)
        )
    totals = list(EfficiencyAssessment.objects.order_by("academic_year__start_year").values_list("total", flat=True))
    assert totals == [9, 18]


def test_director_prints_the_efficiency_report_with_points_level_comments_and_signatures(world, login):
    programme = make_programme(world.org)
    assessment = services.assessment_save(
        organization=world.org,
        programme=programme,
        academic_year=programme.academic_year,
        scores=_scores([2, 2, 2, 2, 2, 2, 2, 1, 1]),
        conclusion="Продолжить программу.",
    )
    response = login(world.director).get(reverse("monitoring:assessment_pdf", args=[assessment.pk]))
    assert response["Content-Type"] == "application/pdf"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "efficiency_report.pdf").write_bytes(response.content)
    text = " ".join(pdf_text(response.content).split())
    assert "ПОКАЗАТЕЛИ ЭФФЕКТИВНОСТИ" in text
    assert "1. Соответствие наставнической" in text and "9. Степень применения" in text
    assert "комментарий 9" in text
    assert "Итого баллов 16" in text
    assert "16 баллов — оптимальный уровень" in text
    assert "15–18 баллов — оптимальный уровень" in text
    assert "Куратор программы наставничества" in text and "О. Н. Кузнецова" in text
    assert "Директор" in text and "Е. В. Смирнова" in text


def test_admin_action_downloads_the_report_as_pdf(world, rf):
    programme = make_programme(world.org)
    assessment = services.assessment_save(
        organization=world.org, programme=programme, academic_year=programme.academic_year, scores=_scores([1] * 9)
    )
    admin = EfficiencyAssessmentAdmin(EfficiencyAssessment, site)
    action = next(a for a in admin.actions if a.short_description == "Скачать отчёт (PDF)")
    response = action(admin, rf.get("/"), EfficiencyAssessment.objects.filter(pk=assessment.pk))
    assert response["Content-Type"] == "application/pdf"
    assert "9 баллов" in " ".join(pdf_text(response.content).split())


def test_curator_saves_an_assessment_through_the_form(world, login):
    programme = make_programme(world.org)
    data = {"programme": programme.pk, "date": "2025-05-20", "conclusion": ""}
    data.update({f"points_{n}": "1" for n in range(1, 10)})
    response = login(world.curator).post(reverse("monitoring:assessment_new"), data)
    assert response.status_code == 302
    assert EfficiencyAssessment.objects.get().total == 9
    data["points_3"] = "7"  # not a score: the form shows the error instead of failing
    response = login(world.curator).post(reverse("monitoring:assessment_new"), data)
    assert response.status_code == 200 and response.context["form"].errors


def test_the_efficiency_report_in_word_has_a_real_table_with_both_header_rows(world, login):
    from tests.docx import docx_document, docx_text
    from tests.pdf import keep_document

    programme = make_programme(world.org)
    assessment = services.assessment_save(
        organization=world.org,
        programme=programme,
        academic_year=programme.academic_year,
        scores=_scores([2, 2, 2, 2, 2, 2, 2, 1, 1]),
        conclusion="Продолжить программу.",
    )
    url = reverse("monitoring:assessment_docx", args=[assessment.pk])
    response = login(world.director).get(url)
    assert response["Content-Type"].endswith("wordprocessingml.document")
    keep_document("оценка-эффективности.docx", response.content)
    text = " ".join(docx_text(response.content).split())
    assert "ПОКАЗАТЕЛИ ЭФФЕКТИВНОСТИ" in text and "16 баллов — оптимальный уровень" in text
    assert "Куратор программы наставничества" in text and "О. Н. Кузнецова" in text and "Е. В. Смирнова" in text
    document = docx_document(response.content)
    table = document.tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    assert header[0] == "Критерии" and "Проявление" in header and header[-1] == "Комментарий"
    assert "Проявляется в полной мере, 2 балла" in [cell.text for cell in table.rows[1].cells]
    assert any("9. Степень применения" in cell.text for row in table.rows for cell in row.cells)
    assert [p.style.name for p in document.paragraphs if p.text == "ПОКАЗАТЕЛИ ЭФФЕКТИВНОСТИ"] == ["Heading 1"]
    assert login(world.outsider).get(url).status_code == 404
    page = login(world.director).get(reverse("monitoring:assessments")).content.decode()
    assert url in page


def test_the_programmes_annual_report_in_word(world, login):
    from tests.docx import docx_tables, docx_text

    programme = make_programme(world.org)
    programme.curator = world.curator
    programme.save(update_fields=["curator"])
    url = reverse("monitoring:annual_docx", args=[programme.pk])
    response = login(world.director).get(url)
    assert response["Content-Type"].endswith("wordprocessingml.document")
    text = " ".join(docx_text(response.content).split())
    assert "ОТЧЁТ" in text and "о реализации программы наставничества" in text and programme.title in text
    assert "Директор" in text and ". ." not in text and ".." not in text
    headers = [table[0] for table in docx_tables(response.content)]
    assert ["Показатель и как он считается", "Цель, %", "Факт, %", "Числитель / знаменатель"] in headers
    assert login(world.outsider).get(url).status_code == 404
    assert url in login(world.director).get(reverse("monitoring:dashboard")).content.decode()

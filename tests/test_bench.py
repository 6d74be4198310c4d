"""The benchmark's arithmetic (issue 18): the ratio to the floor, the load-test budgets, the medians of
repeated runs, and the README's tables written from the figures."""

from bench import qweek, report
from bench import run as bench_run


def test_every_page_gets_its_ratio_to_the_floor():
    figures = {
        "floor_logged_in_p50_ms_region_postgres": 0.5,
        "page_p50_ms_region_postgres_home_curator": 40.0,
        "page_p50_ms_region_postgres_kpi": 12.25,
    }
    assert bench_run.floor_ratios(figures, ["region_postgres", "school_sqlite"]) == {
        "page_floor_ratio_region_postgres_home_curator": 80.0,
        "page_floor_ratio_region_postgres_kpi": 24.5,
    }


def test_the_load_budgets_of_issue_18_name_every_miss():
    figures = {
        "load_rps_region_postgres": 120.0,
        "load_rps_min_region_postgres": 20.0,  # the spread is not a budget
        "load_p99_ms_region_postgres": 1200.0,
        "load_errors_region_postgres": 0,
        "qweek_autosave_p95_ms_region_postgres": 151.0,
        "qweek_lost_answers_region_postgres_2instances": 2,
        "qweek_errors_region_postgres": 0,
        "horizontal_upload_across_instances_region_postgres": False,
        "horizontal_tasks_across_instances_region_postgres": None,  # not checked is not a miss
        "import_2000_rows_preview_s_region_postgres": 2.0,
        "import_2000_rows_s_region_postgres": 1.5,
    }
    misses = bench_run.budgets(figures, ["region_postgres"])
    assert len(misses) == 6, misses
    assert any("load_rps_region_postgres = 120.0" in m for m in misses)
    assert any("preview + apply" in m for m in misses)
    assert not any("rps_min" in m or "tasks" in m for m in misses)


def test_repeated_load_runs_report_the_median_and_the_spread():
    runs = [{"load_rps_t": v, "load_p99_ms_t": p, "load_errors_t": 0} for v, p in ((100, 900), (140, 700), (90, 990))]
    merged = bench_run._median_of(runs, "load", [])
    assert merged["load_rps_t"] == 100 and merged["load_p99_ms_t"] == 900
    assert (merged["load_rps_min_t"], merged["load_rps_max_t"], merged["load_runs_t"]) == (90, 140, 3)


def test_the_readme_block_is_replaced_from_the_figures(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# Портал\n\n{report.BEGIN}\nстарое\n{report.END}\n\nдальше\n", encoding="utf-8")
    figures = {
        "seed_s_region_postgres": 70.0,
        "page_queries_home_curator": 20,
        "page_p50_ms_region_postgres_home_curator": 40.0,
        "page_p95_ms_region_postgres_home_curator": 48.0,
        "page_floor_ratio_region_postgres_home_curator": 80.0,
        "load_rps_region_postgres": 151.2,
        "load_runs_region_postgres": 3,
        "load_rps_min_region_postgres": 140.0,
        "load_rps_max_region_postgres": 160.0,
        "qweek_students_region_postgres": 500,
        "qweek_autosave_p95_ms_region_postgres": 88.0,
        "qweek_lost_answers_region_postgres": 0,
        "horizontal_session_across_instances_region_postgres": True,
    }
    report.write_readme(figures, readme)
    text = readme.read_text(encoding="utf-8")
    assert "старое" not in text and text.endswith("\n\nдальше\n") and text.count(report.BEGIN) == 1
    assert "| `home_curator` | 20 | 40 / 48 | 80 |" in text
    assert "| смесь страниц: запросов/с (медиана; разброс прогонов) | 151 (140–160) | ≥ 150 |" in text
    assert "| анкетирование: потерянных ответов (сверка по каждой ссылке) | 0 | 0 |" in text
    assert "сессия одного экземпляра действует на другом | да | да |" in text


def test_the_questionnaire_week_posts_what_a_browser_posts():
    questions = [
        {"pk": 1, "kind": "scale5", "options": [], "scale": 5},
        {"pk": 2, "kind": "multiple", "options": ["Проекты", "Спорт"], "scale": 0},
        {"pk": 3, "kind": "text", "options": [], "scale": 0},
        {"pk": 4, "kind": "single", "options": ["Да", "Нет"], "scale": 0},
    ]
    form = qweek._form("tok", questions, {1: 4, 2: ["Проекты", "Спорт"]})
    # An unchecked radio is not posted, an empty textarea is.
    assert form == [("csrfmiddlewaretoken", "tok"), ("q1", "4"), ("q2", "Проекты"), ("q2", "Спорт"), ("q3", "")]
    assert len(qweek.QUESTIONS) == 15
    assert qweek.percentile([float(n) for n in range(1, 101)], 95) == 95.0

"""The README's tables of figures, from bench/results/latest.json: ``python -m bench.report`` prints them,
``python -m bench.report --readme`` writes them into README.md between the bench markers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.pages import PAGES
from bench.run import RESULTS, previous_runs

LABELS = {"school_sqlite": "школа, SQLite", "region_sqlite": "регион, SQLite",
          "school_postgres": "школа, PostgreSQL", "region_postgres": "регион, PostgreSQL"}  # fmt: skip


README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN, END = "<!-- bench:begin (python -m bench.report --readme) -->", "<!-- bench:end -->"


def _num(value, digits: int = 0) -> str:
    if value is None:
        return "нет данных"
    if isinstance(value, bool):
        return "да" if value else "**нет**"
    text = f"{value:,.{digits}f}".replace(",", "\u202f")
    return text.replace(".", ",")


def markdown(figures: dict) -> str:
    runs = sorted(previous_runs(figures), key=lambda t: (t.split("_")[1] != "sqlite", t.split("_")[0] != "school"))
    keys = [page.key for page in PAGES if f"page_queries_{page.key}" in figures]
    ratio_tag = "region_postgres" if "region_postgres" in runs else (runs[-1] if runs else "")
    lines = [
        "| страница | запросов SQL | "
        + " | ".join(f"{LABELS.get(t, t)}: p50 / p95, мс" for t in runs)
        + f" | p50 ÷ нижняя граница ({LABELS.get(ratio_tag, ratio_tag)}) |",
        "|---|---:|" + "---:|" * (len(runs) + 1),
    ]
    for key in keys:
        cells = []
        for tag in runs:
            p50, p95 = figures.get(f"page_p50_ms_{tag}_{key}"), figures.get(f"page_p95_ms_{tag}_{key}")
            cells.append("—" if p50 is None else f"{p50:.0f} / {p95:.0f}")
        ratio = figures.get(f"page_floor_ratio_{ratio_tag}_{key}")
        cells.append("—" if ratio is None else f"{ratio:.0f}")
        lines.append(f"| `{key}` | {figures[f'page_queries_{key}']} | " + " | ".join(cells) + " |")
    floor = [
        f"{figures.get(f'floor_logged_in_p50_ms_{t}', 0):.1f} / {figures.get(f'floor_logged_in_p95_ms_{t}', 0):.1f}"
        for t in runs
    ]
    lines.append("| пустое представление (нижняя граница) | 0 | " + " | ".join(floor) + " | 1 |")
    lines += ["", "| операция | " + " | ".join(LABELS.get(t, t) for t in runs) + " | бюджет |",
              "|---|" + "---:|" * len(runs) + "---:|"]  # fmt: skip
    for job, label, budget in (
        ("seed_s", "`seed_demo --scale …`, с", "—"),
        ("matching_1000x300_s", "подбор 1000 × 300, с", "2"),
        ("order_pdf_200_pairs_s", "PDF приказа на 200 пар, с", "3"),
        ("import_2000_rows_preview_s", "импорт 2000 строк: проверка, с", "—"),
        ("import_2000_rows_s", "импорт 2000 строк: загрузка, с", "10"),
    ):
        values = [figures.get(f"{job}_{t}") for t in runs]
        cells = ["нет данных" if v is None else f"{v:g}" for v in values]
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {budget} |")
    lines += ["", *load_table(figures)]
    return "\n".join(lines)


def load_table(figures: dict) -> list[str]:
    """The load tests (gunicorn over HTTP): the page mix with wrk, the questionnaire week, two instances."""
    tags = sorted({n.removeprefix("load_runs_") for n in figures if n.startswith("load_runs_")})
    tags += sorted({n.removeprefix("qweek_students_") for n in figures if n.startswith("qweek_students_")} - set(tags))
    if not tags:
        return []
    rows = ["| нагрузочный тест (gunicorn на 127.0.0.1) | " + " | ".join(_tag_label(t) for t in tags) + " | бюджет |",
            "|---|" + "---:|" * len(tags) + "---:|"]  # fmt: skip

    def row(label: str, name: str, budget: str, digits: int = 0, spread: bool = False) -> None:
        cells = []
        for tag in tags:
            value = figures.get(f"{name}_{tag}")
            cell = "—" if value is None and f"{name}_{tag}" not in figures else _num(value, digits)
            low, high = figures.get(f"{name}_min_{tag}"), figures.get(f"{name}_max_{tag}")
            if spread and low is not None and figures.get(f"load_runs_{tag}", 1) > 1:
                cell += f" ({_num(low)}–{_num(high)})"
            cells.append(cell)
        if any(c != "—" for c in cells):
            rows.append(f"| {label} | " + " | ".join(cells) + f" | {budget} |")

    row("смесь страниц: запросов/с (медиана; разброс прогонов)", "load_rps", "≥ 150", spread=True)
    row("смесь страниц: p50, мс", "load_p50_ms", "—")
    row("смесь страниц: p99, мс", "load_p99_ms", "≤ 1000")
    row("смесь страниц: ошибок", "load_errors", "0")
    row("смесь страниц: прогонов (в таблице медиана)", "load_runs", "—")
    row("смесь страниц: секунд в прогоне", "load_seconds", "—")
    row("смесь страниц: соединений", "load_connections", "50")
    row("анкетирование: обучающихся (по одноразовым ссылкам, 15 вопросов)", "qweek_students", "—")
    row("анкетирование: запросов всего", "qweek_requests", "—")
    row("анкетирование: запросов в секунду", "qweek_rps", "—", 1)
    row("анкетирование: автосохранение p50, мс", "qweek_autosave_p50_ms", "—")
    row("анкетирование: автосохранение p95, мс", "qweek_autosave_p95_ms", "≤ 150")
    row("анкетирование: открытие анкеты p95, мс", "qweek_open_p95_ms", "—")
    row("анкетирование: отправка p95, мс", "qweek_submit_p95_ms", "—")
    row("анкетирование: ошибок", "qweek_errors", "0")
    row("анкетирование: потерянных ответов (сверка по каждой ссылке)", "qweek_lost_answers", "0")
    row("анкетирование: не отправленных анкет", "qweek_not_submitted", "0")
    for check, label in (("session", "сессия одного экземпляра действует на другом"),
                         ("csrf", "форма одного экземпляра принимается другим"),
                         ("upload", "файл, загруженный на один, скачивается с другого"),
                         ("logout", "выход на одном завершает сессию на другом"),
                         ("tasks", "задача, поставленная на одном, выполняется")):  # fmt: skip
        name = f"horizontal_{check}_across_instances"
        tag = next((t for t in tags if f"{name}_{t}" in figures), None)
        if tag:
            value = figures[f"{name}_{tag}"]
            cells = ["—"] * len(tags)
            cells[tags.index(f"{tag}_2instances") if f"{tag}_2instances" in tags else tags.index(tag)] = (
                "не проверялось" if value is None else _num(value)
            )
            rows.append(f"| два экземпляра: {label} | " + " | ".join(cells) + " | да |")
    return rows


def _tag_label(tag: str) -> str:
    base, _, instances = tag.partition("_2instances")
    label = LABELS.get(base.removesuffix("_"), base)
    return f"{label}, 2 экземпляра" if tag.endswith("_2instances") else f"{label}, 1 экземпляр"


def write_readme(figures: dict, readme: Path = README) -> None:
    text = readme.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise SystemExit(f"README.md has no {BEGIN} … {END} block")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{BEGIN}\n{markdown(figures)}\n{END}{tail}", encoding="utf-8")


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--readme"]
    path = Path(args[0]) if args else RESULTS
    figures = json.loads(path.read_text(encoding="utf-8"))
    if "--readme" in sys.argv[1:]:
        write_readme(figures)
    else:
        print(markdown(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())

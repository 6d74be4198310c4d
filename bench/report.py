"""The README's table of figures, from bench/results/latest.json: ``python -m bench.report``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.pages import PAGES
from bench.run import RESULTS, previous_runs

LABELS = {"school_sqlite": "школа, SQLite", "region_sqlite": "регион, SQLite",
          "school_postgres": "школа, PostgreSQL", "region_postgres": "регион, PostgreSQL"}  # fmt: skip


def markdown(figures: dict) -> str:
    runs = sorted(previous_runs(figures), key=lambda t: (t.split("_")[1] != "sqlite", t.split("_")[0] != "school"))
    keys = [page.key for page in PAGES if f"page_queries_{page.key}" in figures]
    lines = [
        "| страница | запросов SQL | " + " | ".join(f"{LABELS.get(t, t)}: p50 / p95, мс" for t in runs) + " |",
        "|---|---:|" + "---:|" * len(runs),
    ]
    for key in keys:
        cells = []
        for tag in runs:
            p50, p95 = figures.get(f"page_p50_ms_{tag}_{key}"), figures.get(f"page_p95_ms_{tag}_{key}")
            cells.append("—" if p50 is None else f"{p50:.0f} / {p95:.0f}")
        lines.append(f"| `{key}` | {figures[f'page_queries_{key}']} | " + " | ".join(cells) + " |")
    floor = [
        f"{figures.get(f'floor_logged_in_p50_ms_{t}', 0):.1f} / {figures.get(f'floor_logged_in_p95_ms_{t}', 0):.1f}"
        for t in runs
    ]
    lines.append("| пустое представление (нижняя граница) | 0 | " + " | ".join(floor) + " |")
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
    return "\n".join(lines)


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else RESULTS
    print(markdown(json.loads(path.read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

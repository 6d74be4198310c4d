"""In-process measurements on a database already seeded at one scale (``seed_demo --scale``).

    python -m bench.measure --scale school --db sqlite --out figures.json [--requests 30]

Pages: Django's test client, the first generated organization's personas, ``--warmup`` requests
then ``--requests`` timed ones per page: p50/p95 latency and the SQL query count
(CaptureQueriesContext). Then the minimal view (the floor), matching of 1,000 mentees × 300 mentors,
the 200-pair order PDF and a 2,000-row class-list import (rolled back, so runs repeat)."""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import statistics
import sys
import time


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring.settings")
    # The WSGI module, as gunicorn loads it: Django set up and the startup objects frozen out of the collector.
    import mentoring.wsgi  # noqa: F401


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: with 30 samples, p95 is the 29th slowest."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def measure_pages(*, pages, requests: int, warmup: int, notes: list[str]) -> dict[str, dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from bench.pages import Objects

    objects = Objects()
    clients: dict[str, Client] = {}
    results = {}
    for page in pages:
        try:
            url = reverse(page.url_name, kwargs=page.kwargs(objects) if page.kwargs else None)
        except (NoReverseMatch, AttributeError) as exc:
            notes.append(f"skipped {page.key}: {page.url_name} — {type(exc).__name__}")
            continue
        if page.persona not in clients:
            clients[page.persona] = Client()
            clients[page.persona].force_login(objects.user(page.persona))
        client = clients[page.persona]
        response = None
        for _ in range(warmup):
            response = client.get(url, page.query)
        if response is not None and response.status_code != 200:
            notes.append(f"skipped {page.key}: {url} answered {response.status_code} to {page.persona}")
            continue
        timings = []
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            client.get(url, page.query)
            timings.append(time.perf_counter() - started)
        query_count = len(queries.captured_queries)
        for _ in range(requests - 1):
            started = time.perf_counter()
            client.get(url, page.query)
            timings.append(time.perf_counter() - started)
        results[page.key] = {
            "p50_ms": round(statistics.median(timings) * 1000, 1),
            "p95_ms": round(percentile(timings, 95) * 1000, 1),
            "queries": query_count,
        }
        print(
            f"  {page.key:<28} p50 {results[page.key]['p50_ms']:7.1f} ms  p95 {results[page.key]['p95_ms']:7.1f} ms"
            f"  {query_count:3d} queries",
            flush=True,
        )
    return results


def measure_floor(*, requests: int, warmup: int) -> dict[str, float]:
    from django.test import Client, override_settings

    from bench.pages import Objects

    figures = {}
    with override_settings(ROOT_URLCONF="bench.urls"):
        for label, user in (("anonymous", None), ("logged_in", Objects().user("curator"))):
            client = Client()
            if user:
                client.force_login(user)
            for _ in range(warmup):
                client.get("/bench/floor/")
            timings = []
            for _ in range(requests):
                started = time.perf_counter()
                client.get("/bench/floor/")
                timings.append(time.perf_counter() - started)
            figures[f"{label}_p50_ms"] = round(statistics.median(timings) * 1000, 2)
            figures[f"{label}_p95_ms"] = round(percentile(timings, 95) * 1000, 2)
    return figures


def measure_matching(notes: list[str]) -> dict | None:
    try:
        from programs import matching
    except ImportError:
        matching = None
    if matching is None or not hasattr(matching, "benchmark_cohort"):
        notes.append("matching: programs.matching.benchmark_cohort is not on this branch yet — figure is null")
        return None
    runs = [matching.benchmark_cohort(mentees=1000, mentors=300, seed=seed) for seed in range(3)]
    return {"seconds": round(statistics.median(r["seconds"] for r in runs), 3), "assigned": runs[0]["assigned"]}


def measure_order_pdf(runs: int = 3) -> float:
    """The bench_order_pdf command's own code path; it prints the median."""
    from django.core.management import call_command

    out = io.StringIO()
    call_command("bench_order_pdf", pairs=200, runs=runs, stdout=out)
    text = out.getvalue()
    return float(text.split("median=")[1].split("s")[0])


def class_list_workbook(rows: int) -> bytes:
    from openpyxl import Workbook

    from participants.demo import FEMALE_FIRST, MALE_FIRST, PATRONYMICS, SURNAMES, _feminine

    book = Workbook()
    sheet = book.active
    sheet.title = "Списки"
    sheet.append(["Список обучающихся на учебный год"])
    sheet.append(["№", "ФИО обучающегося", "Дата рождения", "Класс"])
    for n in range(rows):
        grade, letter = 1 + n % 11, "АБВГ"[n // 11 % 4]
        male, female = PATRONYMICS[n % len(PATRONYMICS)]
        surname = SURNAMES[n % len(SURNAMES)]
        if n % 2:
            name = f"{surname} {MALE_FIRST[n // 7 % len(MALE_FIRST)]} {male}"
        else:
            name = f"{_feminine(surname)} {FEMALE_FIRST[n // 7 % len(FEMALE_FIRST)]} {female}"
        birth = datetime.date(2025 - grade - 7, 1 + n % 12, 1 + n % 28)
        sheet.append([n + 1, name, birth.strftime("%d.%m.%Y"), f"{grade}{letter}"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def measure_import(rows: int = 2000) -> dict[str, float]:
    """Preview (dry run) and the real import into the first organization, then rolled back."""
    from django.db import transaction

    from mentoring.demo_region import organization_slug
    from mentoring.models import Organization
    from participants.importing import import_people

    content = class_list_workbook(rows)
    organization = Organization.objects.get(slug=organization_slug(1))
    started = time.perf_counter()
    preview = import_people(
        content=content, filename="classes.xlsx", organization=organization, kind="students", dry_run=True
    )
    preview_s = time.perf_counter() - started
    if preview.errors:
        raise RuntimeError(f"the benchmark workbook has errors: {preview.errors[:3]}")
    with transaction.atomic():
        started = time.perf_counter()
        report = import_people(
            content=content, filename="classes.xlsx", organization=organization, kind="students", dry_run=False
        )
        apply_s = time.perf_counter() - started
        if not report.applied or report.created + report.updated + report.skipped != rows:
            raise RuntimeError(f"the import did not apply every row: {report.summary}")
        transaction.set_rollback(True)
    return {"preview_s": round(preview_s, 2), "apply_s": round(apply_s, 2)}


def run(*, scale: str, db: str, requests: int, warmup: int, only_pages: bool = False) -> dict:
    from bench.pages import PAGES

    notes: list[str] = []
    figures: dict[str, object] = {}
    tag = f"{scale}_{db}"
    print(f"== pages ({tag}): {requests} requests each after {warmup} warm-up", flush=True)
    for key, page in measure_pages(pages=PAGES, requests=requests, warmup=warmup, notes=notes).items():
        figures[f"page_p50_ms_{tag}_{key}"] = page["p50_ms"]
        figures[f"page_p95_ms_{tag}_{key}"] = page["p95_ms"]
        figures[f"page_queries_{tag}_{key}"] = page["queries"]
    for label, value in measure_floor(requests=max(requests, 50), warmup=warmup).items():
        figures[f"floor_{label.split('_p')[0]}_p{label.split('_p')[1]}_{tag}"] = value
    if not only_pages:
        print("== matching, order PDF, import", flush=True)
        matching = measure_matching(notes)
        figures[f"matching_1000x300_s_{tag}"] = matching["seconds"] if matching else None
        figures[f"order_pdf_200_pairs_s_{tag}"] = measure_order_pdf()
        imported = measure_import()
        figures[f"import_2000_rows_preview_s_{tag}"] = imported["preview_s"]
        figures[f"import_2000_rows_s_{tag}"] = imported["apply_s"]
    for note in notes:
        print(f"  note: {note}", flush=True)
    return {"figures": figures, "notes": notes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--only-pages", action="store_true")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    _setup()
    result = run(scale=args.scale, db=args.db, requests=args.requests, warmup=args.warmup, only_pages=args.only_pages)
    with open(args.out, "w", encoding="utf-8") as file:
        json.dump(result, file, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())

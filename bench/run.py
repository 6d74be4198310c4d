"""``make bench``: seeds a database per scale on SQLite and on a throwaway PostgreSQL, measures
each (bench/measure.py), runs the load test (bench/load.py), prints a table and writes every
figure to bench/results/latest.json — one flat JSON object, units in the names.

    python bench/run.py [--db sqlite,postgres] [--scale school,region] [--requests 30]
                        [--load region:postgres | --no-load] [--load-seconds 30] [--load-repeat 3]
                        [--students 500] [--qweek-instances 1,2]

On the load test's database (region scale, PostgreSQL by default) it also runs the questionnaire week
(bench/qweek.py: 500 pupils, one-time links, autosave, submission, checked against the database), the
page mix with wrk (bench/load.py, ``--load-repeat`` runs, the median reported with the spread), the same
mix across two gunicorn instances, and the checks of bench/horizontal.py (session, CSRF, upload across
the instances).

Seeded databases (the SQLite files and the PostgreSQL cluster) are kept in bench/.cache/ and reused
(seeding is idempotent); ``--fresh`` rebuilds them. Each step is a subprocess with production-like
settings (DEBUG off)."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
RESULTS = ROOT / "bench" / "results" / "latest.json"
PG_PORT = int(os.environ.get("BENCH_PGPORT", "55433"))

# Budgets of issues 9 and 18.
PAGE_QUERIES_MAX = 20
PAGE_P95_MS_MAX = 100  # HTML pages at region scale (issue 18; it was 300 in issue 9)
MATCHING_S_MAX = 2
PDF_S_MAX = 3
IMPORT_S_MAX = 10
IMPORT_PREVIEW_APPLY_S_MAX = 3  # 2,000 rows, preview + apply, PostgreSQL (issue 18)
LOAD_RPS_MIN = 150  # the page mix at 50 connections on 2 cores
LOAD_P99_MS_MAX = 1000
AUTOSAVE_P95_MS_MAX = 150  # the questionnaire week

JOBS = ("matching_1000x300_s", "order_pdf_200_pairs_s", "import_2000_rows_s", "import_2000_rows_preview_s")
BASE_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),  # a throwaway key per run
    "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_SECURE_COOKIES": "0",
    "DJANGO_STATIC_MANIFEST": "0",
    "DJANGO_LOG_LEVEL": "WARNING",
    # Persistent connections, as gunicorn.conf.py serves the portal: otherwise every in-process request
    # measured on PostgreSQL would also pay for a new server connection (a forked backend, ~5 ms).
    "DATABASE_CONN_MAX_AGE": "60",
}


def _python() -> str:
    return sys.executable


def _run(args: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)  # noqa: S603  # nosec B603 # fixed argv of our tools


class Postgres:
    """A server of our own as an unprivileged user (PostgreSQL refuses root), as in .ci/run. Its cluster is
    kept in bench/.cache/postgres like the SQLite files (seeding the region takes minutes; a rerun reuses
    it, migrated and re-seeded idempotently); ``--fresh`` starts from an empty cluster."""

    def __init__(self, *, fresh: bool = False) -> None:
        self.bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))[-1]
        self.cluster = CACHE / "postgres" / self.bin.parent.name
        self.data = self.cluster / "data"
        self.tmp = Path(tempfile.mkdtemp(prefix="bench-pg."))  # the socket and the log
        self.fresh = fresh

    def _psql(self, sql: str, *, database: str = "postgres", capture: bool = False) -> str:
        result = _run([str(self.bin / "psql"), "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-d", database,
                       "-qAtc", sql], os.environ, capture_output=capture, text=True)  # fmt: skip
        return (result.stdout or "").strip()

    def start(self) -> None:
        if subprocess.run(["id", "-u", "pgtest"], capture_output=True).returncode != 0:  # noqa: S607  # nosec B603 B607
            _run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "pgtest"], os.environ)
        as_pg = ["runuser", "-u", "pgtest", "--"]
        if self.fresh:
            shutil.rmtree(self.cluster, ignore_errors=True)
        self.cluster.mkdir(parents=True, exist_ok=True)
        for path in (self.tmp, self.cluster):
            shutil.chown(path, "pgtest")
        if not (self.data / "PG_VERSION").exists():
            shutil.rmtree(self.data, ignore_errors=True)
            _run([*as_pg, str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8"], os.environ, stdout=subprocess.DEVNULL)  # fmt: skip
        # Production-like durability (fsync on): page requests write the session on every request. The
        # planner's cost of an index probe on an SSD whose data fit in memory, as the README recommends.
        _run([*as_pg, str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", f"{self.tmp}/pg.log", "-w",
              "-t", "60", "start", "-o", f"-c listen_addresses=127.0.0.1 -p {PG_PORT} -k {self.tmp} "
              "-c shared_buffers=512MB -c max_connections=200 -c random_page_cost=1.1"], os.environ,
              stdout=subprocess.DEVNULL)  # fmt: skip
        if not self._psql("SELECT 1 FROM pg_roles WHERE rolname = 'bench'", capture=True):
            self._psql("CREATE ROLE bench LOGIN PASSWORD 'bench' CREATEDB")

    def database(self, name: str) -> tuple[str, bool]:
        """The database's URL, and whether it was there already (seeded by an earlier run)."""
        # Our own fixed names (bench_school, bench_region), not input.
        reused = bool(self._psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'", capture=True))  # noqa: S608  # nosec B608
        if not reused:
            self._psql(f"CREATE DATABASE {name} OWNER bench")
        return f"postgres://bench:bench@127.0.0.1:{PG_PORT}/{name}", reused

    def analyze(self, name: str) -> None:
        """Planner statistics of the freshly seeded tables, as autovacuum would have gathered them on a
        server in use; without them the first minutes' plans are those of empty tables."""
        self._psql("ANALYZE", database=name)

    def stop(self) -> None:
        subprocess.run(["runuser", "-u", "pgtest", "--", str(self.bin / "pg_ctl"), "-D", str(self.data),  # noqa: S603,S607  # nosec B603 B607
                        "-m", "fast", "-w", "stop"], capture_output=True)  # fmt: skip
        shutil.rmtree(self.tmp, ignore_errors=True)


def seed(env: dict, scale: str, figures: dict, tag: str, *, reused: bool) -> None:
    """Seeds (timed); a reused cached database keeps the time of the run that seeded it."""
    _run([_python(), "manage.py", "migrate", "--noinput", "-v0"], env)
    started = time.perf_counter()
    _run([_python(), "manage.py", "seed_demo", "--scale", scale], env, stdout=subprocess.DEVNULL)
    seconds = round(time.perf_counter() - started, 1)
    record = CACHE / f"seed-{tag}.txt"
    if reused and record.exists():
        seconds = float(record.read_text())
        print(f"== seed_demo --scale {scale} ({tag}): cached database, seeded in {seconds} s", flush=True)
    else:
        record.write_text(str(seconds))
        print(f"== seed_demo --scale {scale} ({tag}): {seconds} s", flush=True)
    figures[f"seed_s_{tag}"] = seconds


def measure(env: dict, scale: str, db: str, args, figures: dict, notes: list) -> None:
    out = CACHE / f"figures-{scale}-{db}.json"
    _run([_python(), "-m", "bench.measure", "--scale", scale, "--db", db, "--requests", str(args.requests),
          "--out", str(out)], env)  # fmt: skip
    result = json.loads(out.read_text(encoding="utf-8"))
    figures.update(result["figures"])
    notes.extend(n for n in result["notes"] if n not in notes)


def _step(module: str, env: dict, extra: list[str]) -> dict:
    out = CACHE / f"{module}-{secrets.token_hex(4)}.json"
    try:
        _run([_python(), "-m", f"bench.{module}", *extra, "--out", str(out)], env)
        return json.loads(out.read_text(encoding="utf-8"))
    finally:
        out.unlink(missing_ok=True)


def _median_of(runs: list[dict], prefix: str, notes: list) -> dict:
    """The median of each figure over the repeated runs, and the spread of the throughput."""
    merged: dict = {}
    for key in runs[0]:
        values = [run[key] for run in runs if isinstance(run.get(key), int | float)]
        merged[key] = statistics.median(values) if values else runs[0][key]
    rps = [run[f"{prefix}_rps{suffix}"] for run in runs for suffix in [_suffix(runs[0], prefix)]]
    merged[f"{prefix}_rps_min{_suffix(runs[0], prefix)}"] = min(rps)
    merged[f"{prefix}_rps_max{_suffix(runs[0], prefix)}"] = max(rps)
    merged[f"{prefix}_runs{_suffix(runs[0], prefix)}"] = len(runs)
    return merged


def _suffix(run: dict, prefix: str) -> str:
    return next(k for k in run if k.startswith(f"{prefix}_rps")).removeprefix(f"{prefix}_rps")


def load(env: dict, tag: str, args, figures: dict, notes: list) -> None:
    """Everything that needs gunicorn, on the load test's database."""
    for instances in [int(n) for n in args.qweek_instances.split(",") if n]:
        suffix = "" if instances == 1 else f"_{instances}instances"
        extra = ["--tag", tag, "--students", str(args.students), "--instances", str(instances), "--suffix", suffix]
        result = _step("qweek", env, extra)
        figures.update(result["figures"])
    for instances in (1, 2):
        suffix = "" if instances == 1 else f"_{instances}instances"
        repeat = args.load_repeat if instances == 1 else 1
        runs = []
        for _ in range(repeat):
            extra = ["--tag", tag, "--seconds", str(args.load_seconds), "--connections", str(args.load_connections),
                     "--instances", str(instances), "--suffix", suffix]  # fmt: skip
            runs.append(_step("load", env, extra)["figures"])
        figures.update(_median_of(runs, "load", notes))
    result = _step("horizontal", env, ["--tag", tag])
    figures.update(result["figures"])
    notes.extend(n for n in result["notes"] if n not in notes)


def floor_ratios(figures: dict, runs: list[str]) -> dict:
    """Each page's median over the floor's (the minimal view behind the same middleware, logged in):
    how many empty requests a page costs."""
    out = {}
    for tag in runs:
        floor = figures.get(f"floor_logged_in_p50_ms_{tag}")
        if not floor:
            continue
        for name, value in figures.items():
            if name.startswith(f"page_p50_ms_{tag}_"):
                key = name.removeprefix(f"page_p50_ms_{tag}_")
                out[f"page_floor_ratio_{tag}_{key}"] = round(value / floor, 1)
    return out


def headline(figures: dict, runs: list[str]) -> dict:
    """Figures named by what they are, across runs: the worst query count of each page, the worst
    time of each job (a budget holds only if it holds everywhere)."""
    out: dict = {}
    for name, value in list(figures.items()):
        if name.startswith("page_queries_"):
            for tag in runs:
                if name.startswith(f"page_queries_{tag}_"):
                    key = f"page_queries_{name.removeprefix(f'page_queries_{tag}_')}"
                    out[key] = max(out.get(key, 0), value)
    for job in JOBS:
        values = [figures.get(f"{job}_{tag}") for tag in runs if figures.get(f"{job}_{tag}") is not None]
        out[job] = max(values) if values else None
    return out


def previous_runs(figures: dict) -> set[str]:
    return {name.removeprefix("seed_s_") for name in figures if name.startswith("seed_s_")}


def budgets(figures: dict, runs: list[str]) -> list[str]:
    misses = []
    for name, value in figures.items():
        if name.startswith("page_queries_") and value > PAGE_QUERIES_MAX:
            misses.append(f"{name} = {value} > {PAGE_QUERIES_MAX}")
        if name.startswith("page_p95_ms_region_") and value > PAGE_P95_MS_MAX:
            misses.append(f"{name} = {value} ms > {PAGE_P95_MS_MAX} ms")
    for job, limit in (("matching_1000x300_s", MATCHING_S_MAX), ("order_pdf_200_pairs_s", PDF_S_MAX),
                       ("import_2000_rows_s", IMPORT_S_MAX)):  # fmt: skip
        if figures.get(job) is not None and figures[job] > limit:
            misses.append(f"{job} = {figures[job]} s > {limit} s")
    for name, value in figures.items():
        if name.startswith(("load_errors_", "qweek_errors_", "qweek_lost_answers_", "qweek_not_submitted_")) and value:
            misses.append(f"{name} = {value} (expected 0)")
        if (
            name.startswith("load_rps_")
            and not name.startswith(("load_rps_min", "load_rps_max"))
            and value < LOAD_RPS_MIN
        ):
            misses.append(f"{name} = {value} requests/s < {LOAD_RPS_MIN}")
        if name.startswith("load_p99_ms_") and value > LOAD_P99_MS_MAX:
            misses.append(f"{name} = {value} ms > {LOAD_P99_MS_MAX} ms")
        if name.startswith("qweek_autosave_p95_ms_") and value is not None and value > AUTOSAVE_P95_MS_MAX:
            misses.append(f"{name} = {value} ms > {AUTOSAVE_P95_MS_MAX} ms")
        if name.startswith("horizontal_") and value is False:
            misses.append(f"{name}: failed")
    for tag in runs:
        preview, apply = figures.get(f"import_2000_rows_preview_s_{tag}"), figures.get(f"import_2000_rows_s_{tag}")
        measured = tag.endswith("_postgres") and preview is not None and apply is not None
        if measured and preview + apply > IMPORT_PREVIEW_APPLY_S_MAX:
            misses.append(f"import 2000 rows preview + apply ({tag}) = {preview + apply:.2f} s > 3 s")
    return misses


def table(figures: dict, runs: list[str]) -> str:
    keys = [name.removeprefix("page_queries_") for name in figures if name.startswith("page_queries_")]
    keys = [key for key in keys if not any(key.startswith(f"{tag}_") for tag in runs)]
    header = f"{'page':<26}{'queries':>8}" + "".join(f"{tag:>22}" for tag in runs)
    lines = [header, f"{'':<34}" + "".join(f"{'p50 / p95, ms':>22}" for _ in runs), "-" * len(header)]
    for key in keys:
        cells = []
        for tag in runs:
            p50, p95 = figures.get(f"page_p50_ms_{tag}_{key}"), figures.get(f"page_p95_ms_{tag}_{key}")
            cells.append(f"{p50:>10.1f} / {p95:>7.1f}" if p50 is not None else f"{'—':>20}")
        lines.append(f"{key:<26}{figures[f'page_queries_{key}']:>8}" + "".join(f"{c:>22}" for c in cells))
    floor = [
        (figures.get(f"floor_logged_in_p50_ms_{t}", 0), figures.get(f"floor_logged_in_p95_ms_{t}", 0)) for t in runs
    ]
    cells = [f"{p50:>10.2f} / {p95:>7.2f}" for p50, p95 in floor]
    lines.append(f"{'floor (minimal view)':<26}{'0':>8}" + "".join(f"{c:>22}" for c in cells))
    lines.append("")
    for tag in runs:
        f = {key: figures.get(f"{key}_{tag}") for key in (*JOBS, "seed_s")}
        lines.append(
            f"{tag:<16} seed {f['seed_s']} s · matching {f['matching_1000x300_s']} s"
            f" · order PDF {f['order_pdf_200_pairs_s']} s · import 2000 rows {f['import_2000_rows_s']} s"
            f" (preview {f['import_2000_rows_preview_s']} s)"
        )
    for name in sorted(n for n in figures if n.startswith("qweek_autosave_p95_ms_")):
        tag = name.removeprefix("qweek_autosave_p95_ms_")
        keys = ("students", "requests", "rps", "errors", "autosave_p50_ms", "lost_answers", "not_submitted",
                "instances", "open_p95_ms", "submit_p95_ms")  # fmt: skip
        f = {key: figures.get(f"qweek_{key}_{tag}") for key in keys}
        lines.append(
            f"questionnaire week {tag}: {f['students']} pupils, {f['requests']} requests ({f['rps']}/s) on "
            f"{f['instances']} instance(s), {f['errors']} errors, {f['lost_answers']} lost answers, "
            f"{f['not_submitted']} not submitted; autosave p50 {f['autosave_p50_ms']} ms, p95 {figures[name]} ms; "
            f"open p95 {f['open_p95_ms']} ms, submit p95 {f['submit_p95_ms']} ms"
        )
    for name in sorted(n for n in figures if n.startswith("horizontal_")):
        lines.append(f"{name}: {figures[name]}")
    for name in sorted(n for n in figures if n.startswith("load_rps_") and not n.startswith(("load_rps_m",))):
        tag = name.removeprefix("load_rps_")
        lines.append(
            f"load {tag}: {figures[name]} requests/s, {figures.get(f'load_errors_{tag}')} errors, "
            f"p50 {figures.get(f'load_p50_ms_{tag}')} ms, p99 {figures.get(f'load_p99_ms_{tag}')} ms "
            f"({figures.get(f'load_connections_{tag}')} connections, {figures.get(f'load_seconds_{tag}')} s)"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument("--scale", default="school,region")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--load", default="region:postgres", help="scale:db of the load test")
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--load-seconds", type=int, default=30)
    parser.add_argument("--load-repeat", type=int, default=3, help="runs of the page mix; the median is reported")
    parser.add_argument("--students", type=int, default=500, help="pupils of the questionnaire week")
    parser.add_argument("--qweek-instances", default="1,2", help="gunicorn instances of each questionnaire week")
    parser.add_argument("--load-connections", type=int, default=50)
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached databases (SQLite and PostgreSQL)")
    parser.add_argument("--out", default=str(RESULTS))
    parser.add_argument("--merge", action="store_true", help="keep the other runs' figures already in --out")
    args = parser.parse_args(argv)
    dbs, scales = args.db.split(","), args.scale.split(",")
    CACHE.mkdir(exist_ok=True)
    (CACHE / "static").mkdir(exist_ok=True)
    figures: dict = {}
    notes: list[str] = []
    runs: list[str] = []
    started = time.perf_counter()
    load_start = os.getloadavg()[0]
    postgres = None
    try:
        for db in dbs:
            if db == "postgres":
                postgres = Postgres(fresh=args.fresh)
                postgres.start()
            for scale in scales:
                tag = f"{scale}_{db}"
                runs.append(tag)
                if db == "sqlite":
                    path = CACHE / f"{scale}.sqlite3"
                    if args.fresh:
                        for stale in CACHE.glob(f"{scale}.sqlite3*"):
                            stale.unlink()
                    url = f"sqlite:///{path}"
                    reused = path.exists()
                else:
                    url, reused = postgres.database(f"bench_{scale}")
                env = {**os.environ, **BASE_ENV, "DATABASE_URL": url, "DJANGO_STATIC_ROOT": str(CACHE / "static")}
                # Uploads of the horizontal check go to the bench's own directories, not the repository's.
                env.update(
                    DJANGO_MEDIA_ROOT=str(CACHE / "media"), DJANGO_PRIVATE_MEDIA_ROOT=str(CACHE / "private-media")
                )
                seed(env, scale, figures, tag, reused=reused)
                if postgres and db == "postgres":
                    postgres.analyze(f"bench_{scale}")
                measure(env, scale, db, args, figures, notes)
                if not args.no_load and args.load == f"{scale}:{db}":
                    load(env, tag, args, figures, notes)
    finally:
        if postgres:
            postgres.stop()
    if args.merge and Path(args.out).exists():
        previous = json.loads(Path(args.out).read_text(encoding="utf-8"))
        # The other runs' figures only: a run measured again now replaces all of its old ones.
        kept = {
            k: v
            for k, v in previous.items()
            if any(k.endswith(f"_{t}") or f"_{t}_" in k for t in previous_runs(previous) - set(runs))
        }
        figures = {**kept, **figures}
        runs = sorted(set(runs) | previous_runs(previous), key=lambda t: (t.split("_")[1], t.split("_")[0] != "school"))
    figures = {**headline(figures, runs), **figures}  # the headline names first: the table's page order
    figures.update(floor_ratios(figures, runs))
    misses = budgets(figures, runs)
    figures["budget_misses"] = len(misses)
    figures["bench_total_s"] = round(time.perf_counter() - started, 1)
    figures["machine_cpus"] = os.cpu_count()
    # Other work on the machine inflates every latency: the 1-minute load average, before and after.
    figures["machine_load_1m_start"] = round(load_start, 2)
    figures["machine_load_1m_end"] = round(os.getloadavg()[0], 2)
    figures["measured_on"] = datetime.date.today().isoformat()
    print()
    print(table(figures, runs))
    Path(args.out).write_text(json.dumps(dict(sorted(figures.items())), ensure_ascii=False, indent=1) + "\n")
    for note in notes:
        print(f"note: {note}")
    for miss in misses:
        print(f"BUDGET MISSED: {miss}")
    print(f"\nfigures: {args.out}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())

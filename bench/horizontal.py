"""Two instances, one portal: what must hold when gunicorn runs on two machines behind a balancer that sends
each request wherever it likes (both share one PostgreSQL and one directory of uploads).

    python -m bench.horizontal --tag region_postgres --out figures.json

With two gunicorn instances on different ports of 127.0.0.1, over real HTTP:
- a session begun on one (the login form) is valid on the other, and ending it on the other (logout)
  ends it on the first — sessions live in the database, not in a process;
- the CSRF cookie one instance set is accepted by the other (one DJANGO_SECRET_KEY for all);
- a file uploaded through one (the scan of a signed order) is downloaded, byte for byte, from the other;
- a background job started through one (a class's consent forms, printed by a job) is run by a db_worker of its
  own process — a third machine, sharing only the database — followed on the other's job page until done, and its
  file downloaded from the other: a PDF of a page per student with the first student's name (``check_tasks``).
The order used for the upload is put back as it was afterwards, and the job is deleted with its file. The load
test itself across two instances is bench/load.py ``--instances 2`` and bench/qweek.py ``--instances 2``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import os
import re
import signal
import subprocess  # nosec B404 # our own manage.py
import sys
import time
from collections.abc import Iterator
from pathlib import Path

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
JOB_URL = re.compile(r"/jobs/(\d+)/$")
ROOT = Path(__file__).resolve().parent.parent
# The job check's budget: the worker's start, the job, the download (a small class prints in a few seconds).
TASK_SECONDS = 60
# The instances print a class's forms as a job from this many students (the portal's default is 25), so the
# check takes the smallest class and stays short whatever the seed.
TASK_ENV = {"DJANGO_BATCH_BACKGROUND_MIN_DOCUMENTS": "1"}
# The smallest file the scan check accepts as a PDF (the type is read from the content).
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"  # noqa: E501


class Browser:
    """One user's browser: its own cookies, sent to whichever instance a request goes to."""

    def __init__(self, session) -> None:
        self.session, self.cookies = session, {}

    async def request(
        self, method: str, url: str, headers_extra: dict | None = None, **kwargs
    ) -> tuple[int, bytes, dict]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        headers |= headers_extra or {}
        async with self.session.request(method, url, headers=headers, allow_redirects=False, **kwargs) as answer:
            body = await answer.read()
            for name, morsel in answer.cookies.items():
                if morsel.value:
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
            return answer.status, body, dict(answer.headers)

    def csrf(self) -> str:
        return self.cookies.get("csrftoken", "")


def prepare() -> dict:
    """A signed order of the first organization to attach a scan to, and its director."""
    from django.utils import timezone

    from mentoring.demo import DEMO_PASSWORD
    from mentoring.demo_region import organization_slug, persona_username
    from mentoring.orders.models import Order

    order = Order.objects.filter(organization__slug=organization_slug(1)).order_by("pk").first()
    saved = {"status": order.status, "signed_at": order.signed_at, "scan": order.scan.name}
    if not order.is_signed:
        Order.objects.filter(pk=order.pk).update(status=Order.Status.SIGNED, signed_at=timezone.now())
    plan = {"order": order.pk, "saved": saved, "username": persona_username(1, "director"), "password": DEMO_PASSWORD}
    return plan | task_plan(organization_slug(1))


def task_plan(slug: str) -> dict:
    """The smallest class of the organization with students, for the job check: its pk, size, first student."""
    from django.db.models import Count, Q

    from mentoring.models import Job
    from participants.models import StudyGroup

    group = (
        StudyGroup.objects.filter(organization__slug=slug)
        .annotate(size=Count("students", filter=Q(students__is_anonymized=False)))
        .filter(size__gt=0)
        .order_by("size", "pk")
        .first()
    )
    if group is None:
        return {"group": None}
    first = group.students.filter(is_anonymized=False).order_by("sort_key").first()
    return {"group": group.pk, "size": group.size, "surname": first.last_name, "jobs_before": _max_job_pk(Job)}


def _max_job_pk(job_model) -> int:
    return job_model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def restore(plan: dict) -> None:
    from mentoring.orders.models import Order

    order = Order.objects.get(pk=plan["order"])
    if order.scan and order.scan.name != plan["saved"]["scan"]:
        order.scan.delete(save=False)
    Order.objects.filter(pk=order.pk).update(
        status=plan["saved"]["status"], signed_at=plan["saved"]["signed_at"], scan=plan["saved"]["scan"]
    )
    if plan.get("group"):
        from mentoring.models import Job

        for job in Job.objects.filter(pk__gt=plan["jobs_before"], title__startswith="Бланки согласий"):
            if job.result_file:
                job.result_file.delete(save=False)
            job.delete()


async def check(plan: dict, a: str, b: str) -> dict[str, bool]:
    import aiohttp
    from django.urls import reverse

    login, home = reverse("login"), reverse("home")
    upload, scan = reverse("orders:scan_upload", args=[plan["order"]]), reverse("orders:scan", args=[plan["order"]])
    results: dict[str, bool] = {}
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        user = Browser(session)
        status, body, _ = await user.request("GET", a + login)
        token = CSRF_INPUT.search(body.decode()).group(1)
        form = {"csrfmiddlewaretoken": token, "username": plan["username"], "password": plan["password"]}
        status, _, headers = await user.request("POST", b + login, data=form)  # the form of A, posted to B
        results["csrf_across_instances"] = status == 302 and "sessionid" in user.cookies
        status, body, _ = await user.request("GET", a + home)
        results["session_across_instances"] = status == 200 and "Выйти" in body.decode()
        data = aiohttp.FormData()
        data.add_field("csrfmiddlewaretoken", user.csrf())
        data.add_field("scan", PDF, filename="скан.pdf", content_type="application/pdf")
        status, _, _ = await user.request("POST", a + upload, data=data)
        uploaded = status == 302
        status, body, headers = await user.request("GET", b + scan)
        results["upload_across_instances"] = uploaded and status == 200 and body == PDF
        status, _, _ = await user.request("POST", b + reverse("logout"), data={"csrfmiddlewaretoken": user.csrf()})
        status, _, headers = await user.request("GET", a + home)
        results["logout_across_instances"] = status == 302 and login in headers.get("Location", "")
    return results


@contextlib.contextmanager
def db_worker(env: dict | None = None) -> Iterator[subprocess.Popen]:
    """A `manage.py db_worker` of the same code and database, in its own process group, stopped afterwards."""
    worker = subprocess.Popen(  # noqa: S603  # nosec B603 # fixed arguments
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2", "-v0"],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        start_new_session=True,
    )
    try:
        yield worker
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)


def pdf_verdict(content: bytes, *, pages: int, name: str) -> str:
    """'' when ``content`` is a PDF of ``pages`` pages that names ``name``; else what is wrong."""
    if not content.startswith(b"%PDF"):
        return f"not a PDF ({content[:20]!r})"
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    if len(reader.pages) != pages:
        return f"{len(reader.pages)} pages, expected {pages}"
    if name not in reader.pages[0].extract_text():
        return f"the first page does not name {name!r}"
    return ""


async def follow_job(plan: dict, a: str, b: str, *, seconds: float = TASK_SECONDS) -> tuple[bool, str]:
    """Starts the class's consent forms through A and follows the job on B: its page (the htmx fragment the
    browser polls) until it is over, then its file. Returns (passed, what happened)."""
    import aiohttp
    from django.urls import reverse

    deadline = time.monotonic() + seconds
    login = reverse("login")
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        user = Browser(session)
        status, body, _ = await user.request("GET", a + login)
        token = CSRF_INPUT.search(body.decode()).group(1)
        form = {"csrfmiddlewaretoken": token, "username": plan["username"], "password": plan["password"]}
        await user.request("POST", a + login, data=form)
        url = reverse("participants:group_consents_pdf", args=[plan["group"]])
        status, _, headers = await user.request("GET", a + url)
        found = JOB_URL.search(headers.get("Location", ""))
        if status != 302 or not found:
            return False, f"A did not start a job ({status} {headers.get('Location', '')})"
        job = int(found.group(1))
        fragment = ""
        while time.monotonic() < deadline:
            status, body, _ = await user.request(
                "GET", b + reverse("jobs:detail", args=[job]), headers_extra={"HX-Request": "true"}
            )
            fragment = body.decode()
            if status != 200:
                return False, f"B answered {status} for the job page"
            if "hx-trigger" not in fragment:
                break
            await asyncio.sleep(0.5)
        else:
            return False, f"job {job} not over on B within {seconds:.0f} s"
        if reverse("jobs:file", args=[job]) not in fragment:
            text = " ".join(re.sub(r"<[^>]+>", " ", fragment).split())
            return False, f"job {job} over on B without its file: {text[:200]}"
        status, content, _ = await user.request("GET", b + reverse("jobs:file", args=[job]))
        problem = "" if status == 200 else f"B answered {status} for the file"
        problem = problem or pdf_verdict(content, pages=plan["size"], name=plan["surname"])
        return not problem, problem or f"job {job}: {plan['size']} pages from B"


def check_tasks(plan: dict, bases: list[str]) -> tuple[bool | None, str]:
    """A job started through one instance, run by a worker of its own, followed and downloaded through the other.
    None (not checked) only when the seed has no class with students to print."""
    if not plan.get("group"):
        return None, "no class with students in the first organization"
    started = time.monotonic()
    with db_worker():
        ok, what = asyncio.run(follow_job(plan, bases[0], bases[-1]))
    return ok, f"{what} in {time.monotonic() - started:.1f} s"


def run(args) -> tuple[dict, list[str]]:
    from bench.server import gunicorns

    plan = prepare()
    notes = []
    try:
        with gunicorns(2, env=TASK_ENV) as bases:
            results = asyncio.run(check(plan, *bases))
            tasks, what = check_tasks(plan, bases)
    finally:
        restore(plan)
    if tasks is None:
        notes.append(f"horizontal: background tasks across instances not checked ({what})")
    for name, ok in results.items():
        print(f"  {name}: {'yes' if ok else 'NO'}", flush=True)
    print(f"  tasks_across_instances: {'yes' if tasks else 'NO' if tasks is False else 'not checked'} — {what}")
    if tasks is False:
        notes.append(f"horizontal: a job started on one instance failed on the other: {what}")
    figures: dict = dict(results)
    figures["tasks_across_instances"] = tasks
    return figures, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tag", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring.settings")
    import django

    django.setup()
    figures, notes = run(args)
    flat = {f"horizontal_{key}_{args.tag}": value for key, value in figures.items()}
    with open(args.out, "w", encoding="utf-8") as file:
        json.dump({"figures": flat, "notes": notes}, file, ensure_ascii=False, indent=1)
    return 0 if all(v is not False for v in figures.values()) else 1


if __name__ == "__main__":
    sys.exit(main())

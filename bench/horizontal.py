"""Two instances, one portal: what must hold when gunicorn runs on two machines behind a balancer that sends
each request wherever it likes (both share one PostgreSQL and one directory of uploads).

    python -m bench.horizontal --tag region_postgres --out figures.json

With two gunicorn instances on different ports of 127.0.0.1, over real HTTP:
- a session begun on one (the login form) is valid on the other, and ending it on the other (logout)
  ends it on the first — sessions live in the database, not in a process;
- the CSRF cookie one instance set is accepted by the other (one DJANGO_SECRET_KEY for all);
- a file uploaded through one (the scan of a signed order) is downloaded, byte for byte, from the other;
- background tasks: ``check_tasks`` is the hook. When the portal has a task queue (django-tasks' database
  backend), a task enqueued through one instance must be run by a worker beside the other; until then the
  figure is null and a note says so.
The order used for the upload is put back as it was afterwards. The load test itself across two instances
is bench/load.py ``--instances 2`` and bench/qweek.py ``--instances 2``."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import sys

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The smallest file the scan check accepts as a PDF (the type is read from the content).
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"  # noqa: E501


class Browser:
    """One user's browser: its own cookies, sent to whichever instance a request goes to."""

    def __init__(self, session) -> None:
        self.session, self.cookies = session, {}

    async def request(self, method: str, url: str, **kwargs) -> tuple[int, bytes, dict]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
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
    return {"order": order.pk, "saved": saved, "username": persona_username(1, "director"), "password": DEMO_PASSWORD}


def restore(plan: dict) -> None:
    from mentoring.orders.models import Order

    order = Order.objects.get(pk=plan["order"])
    if order.scan and order.scan.name != plan["saved"]["scan"]:
        order.scan.delete(save=False)
    Order.objects.filter(pk=order.pk).update(
        status=plan["saved"]["status"], signed_at=plan["saved"]["signed_at"], scan=plan["saved"]["scan"]
    )


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


def check_tasks(bases: list[str]) -> bool | None:
    """The hook for background tasks: enqueue through one instance, see it done through the other. None
    while the portal has no task queue on this branch."""
    from django.conf import settings

    if not getattr(settings, "TASKS", None):
        return None
    return None  # the queue exists, but no page enqueues a task the bench can watch yet: see the note


def run(args) -> tuple[dict, list[str]]:
    from bench.server import gunicorns

    plan = prepare()
    notes = []
    try:
        with gunicorns(2) as bases:
            results = asyncio.run(check(plan, *bases))
            tasks = check_tasks(bases)
    finally:
        restore(plan)
    if tasks is None:
        notes.append("horizontal: background tasks across instances not checked (no task the bench can watch)")
    for name, ok in results.items():
        print(f"  {name}: {'yes' if ok else 'NO'}", flush=True)
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

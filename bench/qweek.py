"""Questionnaire week as a load test: a whole school answers through personal one-time links in one lesson.

    python -m bench.qweek --tag region_postgres --out figures.json [--students 500 --instances 1]

Setup (in this process, on the seeded database of DATABASE_URL): a 15-question questionnaire of the first
generated organization and one-time links for ``--students`` pupils without accounts (the service a
curator's «Ссылки на анкету» uses). Then gunicorn on 127.0.0.1 (``--instances`` of them: requests of one
pupil alternate between them) and one asyncio client per pupil: open the link, answer the questions one by
one — each answer is an autosave, the POST htmx sends with the whole form — with a think time between
answers, now and then change an earlier answer, then press «Отправить ответы».

Think time: a pupil reading a question and tapping an answer on a phone takes 4–12 s (``REAL_THINK_S``);
the test divides it by ``--think-factor`` (2 by default: 2–6 s) so that the lesson fits in about two
minutes, and the request rate is that many times a real lesson's. The pupils arrive over ``--spread``
seconds (scanning the QR code at the start of the lesson), so all of them are in the form at once.

Afterwards every link is checked against the database: the response is submitted and holds exactly the
answers the pupil sent last (lost answers = questions whose stored answer differs, per link). The
questionnaire is deleted at the end, so runs repeat on the same database. Bounded: each pupil makes a
fixed number of requests, each with a timeout, and the whole run has ``--deadline`` seconds."""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import sys
import time
from dataclasses import dataclass, field

REAL_THINK_S = (4.0, 12.0)
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TEXTS = [
    "Хочу лучше разбираться в математике и готовиться к олимпиаде.",
    "Мне важно, чтобы наставник помогал с проектом и объяснял спокойно.",
    "Пока не знаю, хочу попробовать себя в робототехнике.",
    "Интересно участвовать в школьных мероприятиях и вести кружок для младших.",
]

# The questionnaire of the test: the kinds a school's entry questionnaire has, 15 questions.
QUESTIONS = [
    ("Насколько вам интересно учиться в школе?", "scale5", ""),
    ("Насколько уверенно вы чувствуете себя на уроках?", "scale5", ""),
    ("Насколько легко вам обратиться за помощью к учителю?", "scale5", ""),
    ("Как вы оцениваете свои успехи в учёбе?", "scale10", ""),
    ("Что вам больше всего хочется развить?", "single", "Учёбу\nТворчество\nСпорт\nОбщение\nПрофессию"),
    ("Насколько вам нравится работать в команде?", "scale5", ""),
    ("Какие занятия вам интересны?", "multiple", "Проекты\nОлимпиады\nВолонтёрство\nКружки\nСпорт"),
    ("Насколько вы довольны своими отношениями с одноклассниками?", "scale5", ""),
    ("Как часто вы хотели бы встречаться с наставником?", "single", "Раз в неделю\nДва раза в месяц\nРаз в месяц"),
    ("Насколько вы уверены в выборе будущей профессии?", "scale10", ""),
    ("Что вы ждёте от наставника?", "text", ""),
    ("Насколько вам удаётся планировать своё время?", "scale5", ""),
    ("Как вы оцениваете свою готовность выступать перед классом?", "scale10", ""),
    ("Где удобнее встречаться?", "single", "В школе\nОнлайн\nНа предприятии-партнёре"),
    ("Что ещё вы хотите сказать о себе?", "text", ""),
]


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(p / 100 * len(ordered))))  # nearest rank
    return ordered[rank - 1]


# --- Setup and verification (Django, in this process) ---


def setup(students: int) -> dict:
    """The questionnaire and the links; returns what the client needs (no Django objects)."""
    from django.db import transaction
    from django.urls import reverse

    from mentoring.demo_region import organization_slug
    from mentoring.models import AcademicYear, Organization
    from monitoring import services
    from monitoring.models import Questionnaire
    from participants.models import Person

    organization = Organization.objects.get(slug=organization_slug(1))
    with transaction.atomic():
        questionnaire = services.questionnaire_create(
            organization=organization,
            academic_year=AcademicYear.current(),
            title=f"Входная анкета обучающегося (нагрузочный тест {time.strftime('%d.%m.%Y %H:%M:%S')})",
            purpose=Questionnaire.Purpose.ENTRY,
            audience=Questionnaire.Audience.MENTEE,
        )
        questions = [
            services.question_add(questionnaire=questionnaire, text=text, kind=kind, options=options)
            for text, kind, options in QUESTIONS
        ]
        pupils = Person.objects.filter(
            organization=organization, kind=Person.Kind.STUDENT, user__isnull=True, is_anonymized=False
        ).order_by("pk")[:students]
        responses = services.links_issue(questionnaire=questionnaire, people=pupils)
    if len(responses) < students:
        raise RuntimeError(f"only {len(responses)} pupils without accounts in {organization}; {students} asked")
    return {
        "questionnaire": questionnaire.pk,
        "questions": [
            {"pk": q.pk, "kind": q.kind, "options": q.option_list, "scale": q.scale_max or 0} for q in questions
        ],
        "tokens": [r.token for r in responses],
        "paths": {r.token: reverse("monitoring:fill_token", args=[r.token]) for r in responses},
    }


def verify(plan: dict, sent: dict[str, dict[int, object]]) -> dict:
    """Per link: submitted, and the stored answers are exactly the last ones sent."""
    from monitoring.models import Answer, Response

    responses = {r.token: r for r in Response.objects.filter(questionnaire_id=plan["questionnaire"])}
    stored: dict[int, dict[int, object]] = {}
    for answer in Answer.objects.filter(response__questionnaire_id=plan["questionnaire"]):
        value = answer.number if answer.number is not None else (answer.choices or answer.text)
        stored.setdefault(answer.response_id, {})[answer.question_id] = value
    kinds = {q["pk"]: q["kind"] for q in plan["questions"]}
    lost = not_submitted = links_with_loss = 0
    for token in plan["tokens"]:
        response = responses[token]
        expected = sent.get(token, {})
        if response.status != Response.Status.SUBMITTED:
            not_submitted += 1
        got = stored.get(response.pk, {})
        wrong = 0
        for question, value in expected.items():
            have = got.get(question)
            if kinds[question] == "single" and isinstance(have, list) and len(have) == 1:
                have = have[0]
            if have != value:
                wrong += 1
        wrong += len(set(got) - set(expected))  # an answer nobody sent is as wrong as a lost one
        lost += wrong
        links_with_loss += bool(wrong)
    return {
        "answers_sent": sum(len(v) for v in sent.values()),
        "answers_stored": sum(len(v) for v in stored.values()),
        "lost_answers": lost,
        "links_with_lost_answers": links_with_loss,
        "not_submitted": not_submitted,
    }


def teardown(plan: dict) -> None:
    from monitoring.models import Questionnaire

    Questionnaire.objects.filter(pk=plan["questionnaire"]).delete()


# --- The pupils (asyncio, aiohttp) ---


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"open": [], "autosave": [], "submit": []})
    errors: dict[str, int] = field(default_factory=dict)
    requests: int = 0

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


def _answer(question: dict, rng: random.Random) -> object:
    if question["scale"]:
        return rng.randint(1, question["scale"])
    if question["kind"] == "single":
        return rng.choice(question["options"])
    if question["kind"] == "multiple":
        return sorted(rng.sample(question["options"], rng.randint(1, 3)), key=question["options"].index)
    return rng.choice(TEXTS)


def _form(csrf: str, questions: list[dict], answers: dict[int, object]) -> list[tuple[str, str]]:
    """What the browser posts: every field of the form, the unanswered ones empty or absent."""
    data = [("csrfmiddlewaretoken", csrf)]
    for question in questions:
        value = answers.get(question["pk"])
        name = f"q{question['pk']}"
        if isinstance(value, list):
            data += [(name, str(v)) for v in value]
        elif value is not None:
            data.append((name, str(value)))
        elif question["kind"] == "text":
            data.append((name, ""))  # an empty textarea is posted; an unchecked radio is not
    return data


async def pupil(n: int, token: str, plan: dict, bases: list[str], args, stats: Stats, sent: dict, session) -> None:
    import aiohttp

    rng = random.Random(n)  # noqa: S311  # nosec B311 # the pupils' choices, repeatable per pupil; nothing secret
    low, high = (s / args.think_factor for s in REAL_THINK_S)
    await asyncio.sleep(rng.uniform(0, args.spread))
    cookies: dict[str, str] = {}
    step = 0

    async def request(kind: str, method: str, data=None, headers=None) -> str | None:
        nonlocal step
        base = bases[(n + step) % len(bases)]  # the pupil's requests alternate between the instances
        step += 1
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        started = time.perf_counter()
        try:
            async with session.request(
                method,
                f"{base}{plan['paths'][token]}",
                data=data,
                headers={**(headers or {}), **({"Cookie": cookie} if cookie else {})},
                allow_redirects=False,
            ) as answer:
                body = await answer.text()
                stats.requests += 1
                stats.latencies[kind].append((time.perf_counter() - started) * 1000)
                for name, morsel in answer.cookies.items():
                    cookies[name] = morsel.value
                if answer.status != 200:
                    stats.error(f"{kind}_{answer.status}")
                    return None
                return body
        except (TimeoutError, aiohttp.ClientError) as exc:
            stats.error(f"{kind}_{type(exc).__name__}")
            return None

    page = await request("open", "GET")
    match = CSRF_INPUT.search(page or "")
    if not match:
        if page is not None:
            stats.error("open_no_form")
        return
    csrf, questions, answers = match.group(1), plan["questions"], {}
    htmx = {"HX-Request": "true", "HX-Current-URL": f"{bases[0]}{plan['paths'][token]}"}
    for index, question in enumerate(questions):
        await asyncio.sleep(rng.uniform(low, high))
        answers[question["pk"]] = _answer(question, rng)
        if index and rng.random() < 0.1:  # changes their mind about an earlier answer
            earlier = questions[rng.randrange(index)]
            answers[earlier["pk"]] = _answer(earlier, rng)
        body = await request("autosave", "POST", _form(csrf, questions, answers), htmx)
        if body is not None and "Черновик сохранён" not in body:
            stats.error("autosave_not_saved")
        sent[token] = dict(answers)
    await asyncio.sleep(rng.uniform(low, high))
    body = await request("submit", "POST", [*_form(csrf, questions, answers), ("submit", "1")])
    if body is not None and "Спасибо! Ответ получен" not in body:
        stats.error("submit_not_accepted")


async def lesson(plan: dict, bases: list[str], args) -> tuple[Stats, dict, float]:
    import aiohttp

    stats, sent = Stats(), {}
    # A new connection per request, as nginx talks to its upstream by default; no pool limit: 500 phones.
    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    timeout = aiohttp.ClientTimeout(total=args.request_timeout)
    started = time.perf_counter()
    async with aiohttp.ClientSession(
        connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar()
    ) as session:
        tasks = [
            asyncio.create_task(pupil(n, token, plan, bases, args, stats, sent, session))
            for n, token in enumerate(plan["tokens"])
        ]
        done, pending = await asyncio.wait(tasks, timeout=args.deadline)
        for task in pending:
            task.cancel()
            stats.error("pupil_past_deadline")
        for task in done:
            if task.exception():
                stats.error(f"client_{type(task.exception()).__name__}")
    return stats, sent, time.perf_counter() - started


def run(args) -> dict:
    from bench.server import gunicorns

    plan = setup(args.students)
    try:
        with gunicorns(args.instances, workers=args.workers, threads=args.threads) as bases:
            print(
                f"  questionnaire week: {args.students} pupils × {len(plan['questions'])} questions, think "
                f"{REAL_THINK_S[0] / args.think_factor:g}–{REAL_THINK_S[1] / args.think_factor:g} s, "
                f"{len(bases)} gunicorn instance(s)",
                flush=True,
            )
            stats, sent, seconds = asyncio.run(lesson(plan, bases, args))
        checked = verify(plan, sent)
    finally:
        teardown(plan)
    lat = stats.latencies
    figures = {
        "students": args.students,
        "questions": len(plan["questions"]),
        "instances": args.instances,
        "think_factor": args.think_factor,
        "seconds": round(seconds, 1),
        "requests": stats.requests,
        "rps": round(stats.requests / seconds, 1),
        "errors": sum(stats.errors.values()),
        "autosaves": len(lat["autosave"]),
        **{f"{kind}_p{p}_ms": _round(percentile(lat[kind], p)) for kind in lat for p in (50, 95, 99)},
        "autosave_max_ms": _round(max(lat["autosave"], default=None)),
        **checked,
    }
    if stats.errors:
        print(f"  errors: {stats.errors}", flush=True)
    print(
        f"  {figures['requests']} requests in {figures['seconds']} s ({figures['rps']}/s), "
        f"{figures['errors']} errors; autosave p50 {figures['autosave_p50_ms']} ms,"
        f" p95 {figures['autosave_p95_ms']} ms;"
        f" lost answers {figures['lost_answers']}, not submitted {figures['not_submitted']}",
        flush=True,
    )
    return figures


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tag", required=True)
    parser.add_argument("--students", type=int, default=500)
    parser.add_argument("--instances", type=int, default=1)
    parser.add_argument("--think-factor", type=float, default=2.0)
    parser.add_argument("--spread", type=float, default=30.0, help="seconds over which the pupils arrive")
    parser.add_argument("--request-timeout", type=float, default=30.0)
    parser.add_argument("--deadline", type=float, default=300.0, help="the whole lesson, seconds")
    parser.add_argument("--workers", type=int)
    parser.add_argument("--threads", type=int)
    parser.add_argument("--suffix", default="", help="appended to the figure names (e.g. _2instances)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring.settings")
    import django

    django.setup()
    figures = run(args)
    flat = {f"qweek_{key}_{args.tag}{args.suffix}": value for key, value in figures.items()}
    with open(args.out, "w", encoding="utf-8") as file:
        json.dump({"figures": flat, "notes": []}, file, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())

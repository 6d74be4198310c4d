"""Accessibility: the main pages of every persona pass axe-core (axe-playwright-python, which vendors it) with
no serious or critical violation at a desktop (1280) and a phone (390) width; and no page logs a CSP error."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from participants.models import MenteeProfile
from tests.programs.factories import student_mentee, teacher_mentor
from tests.programs.objects import pairs

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SERIOUS = {"serious", "critical"}


def _pages(world) -> dict[str, list[str]]:
    data = pairs(world)
    mentee = student_mentee(world.org, request="Подтянуть математику")
    MenteeProfile.objects.filter(pk=mentee.pk).update(status="waiting")
    teacher_mentor(world.org)
    programme, pair = data.programme.pk, data.pair.pk
    return {
        "t_curator": [
            "/",
            "/participants/people/",
            "/participants/mentees/",
            "/participants/mentees/waiting/",
            "/programs/",
            f"/programs/{programme}/",
            f"/programs/{programme}/matching/",
            "/programs/pairs/",
            f"/programs/pairs/{pair}/",
            "/monitoring/",
        ],
        "t_director": ["/", "/orders/", "/monitoring/efficiency/"],
        "t_psychologist": ["/", "/participants/mentees/waiting/", f"/participants/mentees/{mentee.pk}/support/"],
        "t_staff": ["/", "/participants/classes/"],
        "t_mentor_a": ["/", "/programs/my/pairs/", f"/programs/pairs/{pair}/meetings/new/"],
        "t_mentee": ["/", "/programs/my/mentor/"],
        "t_region": ["/"],
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_main_pages_of_every_persona_have_no_serious_violation(page, live_server, world, sign_in, shoot, width):
    axe = Axe()
    csp_errors: list[str] = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.set_viewport_size(WIDTHS[width])
    found = []
    for username, paths in _pages(world).items():
        page.context.clear_cookies()
        sign_in(username)
        for path in paths:
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, (username, path, response.status)
            results = axe.run(
                page, options={"resultTypes": ["violations"], "runOnly": ["wcag2a", "wcag2aa", "best-practice"]}
            )
            for violation in results.response["violations"]:
                if violation["impact"] in SERIOUS:
                    nodes = [n["target"] for n in violation["nodes"]][:3]
                    found.append(f"{username} {path}: {violation['id']} ({violation['impact']}) {nodes}")
        shoot(f"a11y-{username.removeprefix('t_')}-{width}")
    assert not found, "\n".join(found)
    assert not csp_errors, csp_errors

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from monitoring import services
from monitoring.models import Response
from programs.models import Mentorship
from tests.browser.conftest import DESKTOP, PHONE
from tests.monitoring.factories import at, make_pair, make_programme, meet, standard, student, teacher

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_mentee_answers_on_a_phone_through_a_personal_link_and_comes_back_half_way(world, page, live_server, shoot):
    pupil = student(world.org, last_name="Яковлева", first_name="Дарья")
    make_pair(make_programme(world.org), teacher(world.org), [pupil])
    q = standard(world.org, "satisfaction-mentee")
    link = services.links_issue(questionnaire=q, people=[pupil])[0]
    url = f"{live_server.url}/monitoring/a/{link.token}/"
    page.set_viewport_size(PHONE)
    page.goto(url)
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.get_by_text("4", exact=True).first.click()  # first question: «4», saved at once
    with page.expect_response(lambda r: r.request.method == "POST"):  # typing is saved after a pause
        page.get_by_label("Что бы вы хотели изменить в программе?").fill("Больше встреч после уроков")
    expect(page.get_by_text("Черновик сохранён")).to_be_visible()
    shoot("monitoring_phone_half_way")
    page.goto("about:blank")  # leaves half-way
    page.goto(url)
    assert page.get_by_label("Что бы вы хотели изменить в программе?").input_value() == "Больше встреч после уроков"
    expect(page.locator("input[type=radio]:checked")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no horizontal scroll
    for group in page.locator("[role=radiogroup]").all()[1:]:
        group.get_by_text("5", exact=True).click()
    page.get_by_text("Раз в две недели").click()
    page.get_by_role("button", name="Отправить ответы").click()
    expect(page.get_by_text("Спасибо! Ответ получен")).to_be_visible()
    shoot("monitoring_phone_sent")
    assert Response.objects.get(person=pupil).is_submitted
    page.goto(url)
    expect(page.get_by_text("Ответ уже получен").first).to_be_visible()


def test_curator_dashboard_renders_its_charts(world, page, live_server, sign_in, shoot):
    programme = make_programme(world.org)
    statuses = [Mentorship.Status.ACTIVE] * 4 + [Mentorship.Status.FIXED, Mentorship.Status.COMPLETED]
    pairs = [make_pair(programme, teacher(world.org), [student(world.org)], s) for s in statuses]
    start = programme.start_date + datetime.timedelta(days=10)
    for i in range(12):
        day = start + datetime.timedelta(days=9 * i)
        if at(day) < timezone.now():
            meet(pairs[i % 4], at(day), mentee_fb=i % 3 != 0)
    page.set_viewport_size(DESKTOP)
    sign_in(world.curator.username)
    page.goto(f"{live_server.url}/monitoring/")
    expect(page.locator("canvas[data-chart='chart-pairs']")).to_have_attribute("data-rendered", "1")
    expect(page.locator("canvas[data-chart='chart-meetings']")).to_have_attribute("data-rendered", "1")
    # the canvas has been drawn on: some pixels are not blank
    painted = page.evaluate(
        """() => { const c = document.querySelector("canvas[data-chart='chart-pairs']");
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }"""
    )
    assert painted > 1000
    expect(page.locator("#fig-pairs")).to_have_text("6")
    shoot("monitoring_dashboard_desktop")
    page.set_viewport_size(PHONE)
    page.reload()
    expect(page.locator("canvas[data-chart='chart-meetings']")).to_have_attribute("data-rendered", "1")
    shoot("monitoring_dashboard_phone")

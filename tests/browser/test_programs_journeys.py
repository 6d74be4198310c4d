import re

import pytest
from playwright.sync_api import expect

from programs.models import CalendarToken, Feedback, Meeting, Mentorship
from tests.browser.conftest import DESKTOP, PHONE
from tests.pdf import pdf_text
from tests.programs.factories import student_mentee, student_mentor
from tests.programs.objects import pairs, programme_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_curator_matches_confirms_and_prepares_the_order(page, live_server, world, sign_in, shoot):
    programme = programme_for(world.org, "Ученик – ученик", title="Помощь младшим")
    for grade in (10, 11):
        mentor = student_mentor(world.org, grade=grade, capacity=1)
        mentor.competencies = "математика, русский язык"
        mentor.save()
    for grade in (5, 6, 7):
        student_mentee(world.org, grade=grade, request="Подтянуть математику")
    page.set_viewport_size(DESKTOP)
    sign_in("t_curator")
    page.goto(f"{live_server.url}/programs/{programme.pk}/")
    page.get_by_role("link", name="Подбор пар").click()
    expect(page.get_by_text("запрос совпадает с компетенциями наставника: математика").first).to_be_visible()
    shoot("curator-matching-desktop")
    page.get_by_role("button", name="Предложить распределение для всех").click()
    expect(page.get_by_role("heading", name="Предложенное распределение")).to_be_visible()
    shoot("curator-proposal-desktop")
    page.get_by_role("button", name="Подтвердить и создать пары").click()
    expect(page.get_by_text("Создано пар и групп (черновики): 2")).to_be_visible()
    page.get_by_role("button", name="Приказ о закреплении (2)").click()
    expect(page.get_by_text("Подготовлен проект приказа о закреплении пар")).to_be_visible()
    shoot("curator-pairs-order-desktop")
    assert Mentorship.objects.filter(status="draft", order__isnull=False).count() == 2
    # The curator prints the draft for the director.
    pdf = page.request.get(page.url.rstrip("/") + "/pdf/")
    assert pdf.headers["content-type"] == "application/pdf"
    text = pdf_text(pdf.body())
    assert "О закреплении наставнических пар" in text and "ПРИКАЗЫВАЮ" in text


def test_mentor_logs_a_meeting_from_a_phone_in_two_taps(page, live_server, world, sign_in, shoot):
    p = pairs(world)
    page.set_viewport_size(PHONE)
    sign_in("t_mentor_a")
    shoot("mentor-home-phone")
    page.get_by_role("link", name="Записать встречу").first.click()
    page.get_by_label("Тема").fill("Разбор контрольной по алгебре")
    page.get_by_label("Ваша оценка встречи").select_option("5")
    shoot("mentor-meeting-form-phone")
    page.get_by_role("button", name="Сохранить встречу").click()
    expect(page.get_by_text("Встреча записана.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    meeting = Meeting.objects.get(topic="Разбор контрольной по алгебре")
    assert meeting.mentorship == p.pair and meeting.kind == "trial"


def test_mentee_rates_a_meeting_on_a_phone(page, live_server, world, sign_in, shoot):
    p = pairs(world)
    page.set_viewport_size(PHONE)
    sign_in("t_mentee")
    page.get_by_role("link", name="Оценить встречи (1)").click()
    page.get_by_role("link", name="Оценить").click()
    page.get_by_text("5 — отлично").click()
    page.get_by_label("Комментарий").fill("Было интересно")
    shoot("mentee-feedback-phone")
    page.get_by_role("button", name="Отправить").click()
    expect(page.get_by_text("Спасибо! Отзыв сохранён.")).to_be_visible()
    assert Feedback.objects.get(meeting=p.meeting, author="mentee").rating == 5


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_mentor_gets_the_calendar_link_by_the_button(page, live_server, world, sign_in, shoot, viewport):
    """Opening the page writes nothing; the button makes the personal link, and it stays."""
    pairs(world)
    page.set_viewport_size(DESKTOP if viewport == "desktop" else PHONE)
    sign_in(world.mentor_a.username)
    page.goto(f"{live_server.url}/programs/calendar/")
    expect(page.get_by_role("button", name="Получить ссылку на календарь")).to_be_visible()
    assert not CalendarToken.objects.filter(user=world.mentor_a).exists()
    page.get_by_role("button", name="Получить ссылку на календарь").click()
    link = page.get_by_label("Ссылка на календарь")
    expect(link).to_have_value(re.compile(r"/programs/calendar/[\w-]+\.ics$"))
    expect(page.get_by_text("Ссылка на календарь создана")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shoot(f"mentor-calendar-{viewport}")
    page.reload()
    expect(page.get_by_label("Ссылка на календарь")).to_have_value(link.input_value())

"""The director signs the pairs order the curator prepared, prints it and the annual report; the
region coordinator reads the region's dashboard."""

import pytest
from playwright.sync_api import expect

from mentoring.orders import access as order_access
from programs.documents import pairs_order_prepare
from programs.models import Mentorship
from programs.services import mentorship_create
from tests.browser.conftest import DESKTOP
from tests.pdf import pdf_text
from tests.programs.factories import student_mentee, teacher_mentor
from tests.programs.objects import programme_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_director_signs_the_pairs_order_and_prints_it_and_the_annual_report(page, live_server, world, sign_in, shoot):
    programme = programme_for(world.org, title="Учебная поддержка")
    mentor = teacher_mentor(world.org, last_name="Смирнов", first_name="Алексей", middle_name="Игоревич")
    mentee = student_mentee(world.org, last_name="Шевченко", first_name="Тарас", middle_name="Андреевич")
    mentorship_create(programme=programme, mentor=mentor, mentees=[mentee], user=world.curator)
    order = pairs_order_prepare(programme=programme, user=world.curator)
    page.set_viewport_size(DESKTOP)
    sign_in("t_director")
    expect(page.get_by_text("проекты приказов ждут подписи")).to_be_visible()  # «Документы на подпись»
    page.goto(f"{live_server.url}/orders/{order.pk}/")
    expect(page.get_by_text("Смирнов").first).to_be_visible()
    shoot("director-pairs-order-draft")
    page.get_by_role("link", name="Отметить как подписанный").click()
    page.get_by_role("button", name="Подтверждаю: приказ подписан").click()
    assert Mentorship.objects.get().status == "fixed"
    shoot("director-pairs-order-signed")
    pdf = page.request.get(f"{live_server.url}/orders/{order.pk}/pdf/")
    assert pdf.headers["content-type"] == "application/pdf"
    text = pdf_text(pdf.body())
    assert "О закреплении наставнических пар" in text and "Смирнов Алексей Игоревич" in text
    assert "Шевченко Тарас Андреевич" in text
    page.goto(f"{live_server.url}/monitoring/")
    report = page.request.get(f"{live_server.url}/monitoring/programmes/{programme.pk}/annual-report.pdf")
    assert report.headers["content-type"] == "application/pdf"
    assert "Учебная поддержка" in pdf_text(report.body())
    assert order_access.get_order_for(world.director, order.pk).is_signed


def test_region_coordinator_reads_the_regions_dashboard(page, live_server, world, sign_in, shoot):
    page.set_viewport_size(DESKTOP)
    sign_in("t_region")
    page.goto(f"{live_server.url}/monitoring/region/")
    expect(page.get_by_role("cell", name="МБОУ «Тестовая школа»").first).to_be_visible()
    expect(page.get_by_text("Кузнецова")).to_have_count(0)  # aggregates only, no names
    shoot("region-dashboard-desktop")

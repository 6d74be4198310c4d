import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.monitoring.test_documents_page import _year_documents

pytestmark = pytest.mark.django_db(transaction=True)


def test_director_finds_every_document_of_the_year_and_downloads_its_word_file(
    page, live_server, world, sign_in, shoot
):
    _year_documents(world)
    page.set_viewport_size(DESKTOP)
    sign_in("t_director")
    page.get_by_role("button", name="Документы").click()  # the menu group
    page.locator(".dropdown-menu.show").get_by_role("link", name="Документы учебного года").click()
    for section in ("Положение и программа наставничества", "Дорожная карта", "Отчёты и оценка эффективности",
                    "Планы пар и поощрения наставников", "Согласия участников (152-ФЗ, ТК РФ)"):  # fmt: skip
        expect(page.get_by_role("heading", name=section)).to_be_visible()
    expect(page.get_by_text("Получено 1 из 3")).to_be_visible()
    shoot("documents-page-desktop")
    link = page.get_by_role("link", name="Согласия на обработку персональных данных: 7 «Б» класс — Word")
    response = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.ok and response.headers["content-type"].endswith("wordprocessingml.document")
    page.set_viewport_size(PHONE)
    page.reload()
    expect(page.get_by_role("heading", name="Дорожная карта")).to_be_visible()
    shoot("documents-page-phone")

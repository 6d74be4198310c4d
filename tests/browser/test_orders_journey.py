import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)


def test_director_prepares_names_and_signs_the_curators_order(page, live_server, world, sign_in, shoot):
    page.set_viewport_size(DESKTOP)
    sign_in("t_director")
    expect(page.get_by_role("heading", name="Документы на подпись")).to_be_visible()
    page.get_by_role("button", name="Документы").click()  # the menu group
    page.locator(".dropdown-menu.show").get_by_role("link", name="Приказы").click()
    page.get_by_role("link", name="Новый приказ").click()
    page.get_by_label("Вид приказа").select_option("curators")
    page.get_by_role("button", name="Создать проект").click()
    expect(page.get_by_text("Проект приказа № 1-о создан")).to_be_visible()
    page.get_by_label("Роль в приказе").select_option("curator")
    page.get_by_label("Пользователь").select_option(label="Кузнецова Ольга Николаевна")
    page.get_by_role("button", name="Добавить").click()
    page.get_by_label("Роль в приказе").select_option("form_curator")
    page.get_by_label("или ФИО (нет учётной записи)").fill("Шевченко Тарас Григорьевич")
    page.get_by_label("Уточнение").fill("форма «ученик – ученик»")
    page.get_by_role("button", name="Добавить").click()
    document = page.get_by_role("article", name="Текст приказа")
    expect(document).to_contain_text("Назначить куратором программы наставничества Кузнецову Ольгу Николаевну")
    expect(document).to_contain_text("Шевченко Тараса Григорьевича (форма «ученик – ученик»)")
    shoot("orders-draft-desktop")
    page.get_by_role("link", name="Отметить как подписанный").click()
    page.get_by_role("button", name="Подтверждаю: приказ подписан").click()
    expect(page.get_by_text("Приказ № 1-о подписан.")).to_be_visible()
    pdf_url = page.get_by_role("link", name="Скачать PDF").get_attribute("href")
    response = page.request.get(f"{live_server.url}{pdf_url}")  # the browser's session, as a click would
    assert response.ok and response.headers["content-type"] == "application/pdf"
    shoot("orders-signed-desktop")


def test_curator_edits_the_wording_with_a_preview_on_a_phone(page, live_server, world, sign_in, shoot):
    page.set_viewport_size(PHONE)
    sign_in("t_curator")
    page.goto(f"{live_server.url}/orders/wording/curators/")
    points = page.get_by_label("Пункты «ПРИКАЗЫВАЮ»")
    points.fill("Назначить {{ curator | ответственным | ответственной }} {{ curator_accusative }}.\n{{ nonsense }}")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Неизвестная подстановка «{{ nonsense }}»")).to_be_visible()
    points.fill("Назначить {{ curator | ответственным | ответственной }} {{ curator_accusative }}.")
    page.get_by_role("button", name="Предпросмотр").click()
    expect(page.get_by_text("Назначить ответственной Кузнецову Ольгу Николаевну.")).to_be_visible()
    shoot("orders-wording-phone")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

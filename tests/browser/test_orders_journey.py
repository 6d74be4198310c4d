import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)


def test_director_prepares_names_and_signs_the_curators_order(page, live_server, world, sign_in, shoot):
    page.set_viewport_size(DESKTOP)
    sign_in("t_director")
    assert page.get_by_role("heading", name="Документы на подпись").is_visible()
    page.get_by_role("link", name="Приказы").first.click()
    page.get_by_role("link", name="Новый приказ").click()
    page.get_by_label("Вид приказа").select_option("curators")
    page.get_by_role("button", name="Создать проект").click()
    assert page.get_by_text("Проект приказа № 1-о создан").is_visible()
    page.get_by_label("Роль в приказе").select_option("curator")
    page.get_by_label("Пользователь").select_option(label="Кузнецова Ольга Николаевна")
    page.get_by_role("button", name="Добавить").click()
    page.get_by_label("Роль в приказе").select_option("form_curator")
    page.get_by_label("или ФИО (нет учётной записи)").fill("Шевченко Тарас Григорьевич")
    page.get_by_label("Уточнение").fill("форма «ученик – ученик»")
    page.get_by_role("button", name="Добавить").click()
    document = page.get_by_role("article", name="Текст приказа")
    assert "Назначить куратором программы наставничества Кузнецову Ольгу Николаевну" in document.inner_text()
    assert "Шевченко Тараса Григорьевича (форма «ученик – ученик»)" in document.inner_text()
    shoot("orders-draft-desktop")
    page.get_by_role("button", name="Отметить как подписанный").click()
    assert page.get_by_text("Приказ № 1-о подписан.").is_visible()
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
    assert page.get_by_text("Неизвестная подстановка «{{ nonsense }}»").is_visible()
    points.fill("Назначить {{ curator | ответственным | ответственной }} {{ curator_accusative }}.")
    page.get_by_role("button", name="Предпросмотр").click()
    assert page.get_by_text("Назначить ответственной Кузнецову Ольгу Николаевну.").is_visible()
    shoot("orders-wording-phone")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

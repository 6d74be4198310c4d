import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.participants.objects import bases
from tests.participants.xlsx import messy_class_lists, workbook_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_imports_a_messy_class_list_after_a_preview(page, live_server, world, sign_in, shoot, tmp_path):
    page.set_viewport_size(DESKTOP)
    path = tmp_path / "Списки 5-7 классов.xlsx"
    path.write_bytes(messy_class_lists())
    sign_in("t_staff")
    page.get_by_role("link", name="Загрузить из Excel").click()
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Проверить файл").click()
    expect(page.get_by_text("будет добавлено")).to_be_visible()
    shoot("staff-import-preview-desktop")
    page.get_by_role("button", name="Подтвердить загрузку").click()
    expect(page.get_by_text("Загружено: добавлено 6, обновлено 0, без изменений 0.")).to_be_visible()
    page.get_by_role("link", name=re.compile("5 «А» класс")).click()
    expect(page.get_by_role("link", name="Фёдорова Алёна Сергеевна")).to_be_visible()
    shoot("staff-class-5a-desktop")


def test_staff_sees_the_bad_row_and_nothing_is_loaded(page, live_server, world, sign_in, shoot, tmp_path):
    page.set_viewport_size(PHONE)
    path = tmp_path / "7А.xlsx"
    path.write_bytes(
        workbook_bytes(
            {
                "7А": [
                    ["ФИО", "Дата рождения"],
                    ["Белов Илья Андреевич", "03.03.2013"],
                    ["Носова Ева Игоревна", "31.02.2013"],
                ]
            }
        )
    )
    sign_in("t_staff")
    page.goto(f"{live_server.url}/participants/import/")
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Проверить файл").click()
    expect(page.get_by_text("лист «7А», строка 3: дата рождения «31.02.2013» — такой даты нет")).to_be_visible()
    expect(page.get_by_role("button", name="Подтвердить загрузку")).to_have_count(0)
    shoot("staff-import-error-phone")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_curator_reads_a_mentors_card_on_a_phone(page, live_server, world, sign_in, shoot):
    b = bases(world)
    page.set_viewport_size(PHONE)
    sign_in("t_curator")
    page.goto(f"{live_server.url}/participants/mentors/")
    shoot("curator-mentor-base-phone")
    page.get_by_role("link", name=b.mentor_person.full_name).click()
    expect(page.get_by_role("heading", name=b.mentor_person.full_name)).to_be_visible()
    expect(page.get_by_text("История статусов")).to_be_visible()
    shoot("curator-mentor-card-phone")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_curator_imports_a_class_list_and_finds_a_student_by_name(page, live_server, world, sign_in, shoot, tmp_path):
    path = tmp_path / "Списки.xlsx"
    path.write_bytes(messy_class_lists())
    page.set_viewport_size(DESKTOP)
    sign_in("t_curator")
    page.goto(f"{live_server.url}/participants/import/")
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Проверить файл").click()
    page.get_by_role("button", name="Подтвердить загрузку").click()
    page.goto(f"{live_server.url}/participants/people/")
    page.get_by_label("Поиск").fill("федорова алена")  # typed without ё and capitals
    page.get_by_role("button", name="Показать").click()
    expect(page.get_by_role("link", name="Фёдорова Алёна Сергеевна")).to_be_visible()
    shoot("curator-people-search-desktop")

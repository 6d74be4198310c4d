import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, open_user_menu

pytestmark = pytest.mark.django_db(transaction=True)


def test_curator_signs_in_and_sees_the_programme_team(page, live_server, world, sign_in, shoot):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    page.get_by_label("Имя пользователя").fill("t_curator")
    page.get_by_label("Пароль").fill("wrong")
    page.get_by_role("button", name="Войти").click()
    expect(page.get_by_text("Неверное имя пользователя или пароль")).to_be_visible()
    shoot("login-error-desktop")
    sign_in("t_curator")
    expect(page.get_by_role("heading", name="Здравствуйте, Ольга Николаевна!")).to_be_visible()
    expect(page.get_by_text("Команда программы")).to_be_visible()
    shoot("curator-home-desktop")


def test_mentor_uses_the_menu_on_a_phone(page, live_server, world, sign_in, shoot):
    page.set_viewport_size(PHONE)
    sign_in("t_mentor_a")
    toggler = page.get_by_role("button", name="Открыть меню")
    expect(toggler).to_be_visible()  # the menu collapses on a narrow screen
    open_user_menu(page, "Петров А. И.")
    page.get_by_role("link", name="Мой профиль").click()
    expect(page.get_by_role("heading", name="Мой профиль")).to_be_visible()
    shoot("mentor-profile-phone")
    # No horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_region_coordinator_sees_the_overview_without_names(page, live_server, world, sign_in, shoot):
    page.set_viewport_size(DESKTOP)
    sign_in("t_region")
    page.get_by_role("link", name="Организации региона").click()
    expect(page.get_by_role("cell", name="МБОУ «Тестовая школа»")).to_be_visible()
    expect(page.get_by_text("Петров")).to_have_count(0)
    shoot("region-organizations-desktop")


@pytest.mark.parametrize("width", [1024, 1280, 1366])
def test_the_widest_menu_fits_a_laptop_screen(page, live_server, world, sign_in, shoot, width):
    """The director's menu (every section) must not push the page sideways on a laptop."""
    page.set_viewport_size({"width": width, "height": 800})
    sign_in("t_director")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    if width >= 1200:
        expect(page.get_by_role("button", name="Смирнова Е. В.")).to_be_visible()
    else:  # the menu folds behind a button, as on a tablet
        expect(page.get_by_role("button", name="Открыть меню")).to_be_visible()
    shoot(f"director-home-{width}")

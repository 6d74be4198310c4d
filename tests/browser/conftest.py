"""Browser journeys in the system Chromium. They run whenever Chromium is found; with
REQUIRE_BROWSER=1 (CI) a missing Chromium is a failure, not a skip."""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
# base.html's navbar-expand-xl: narrower screens fold the menu behind a button.
NAVBAR_EXPANDS_AT = 1200


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if CHROMIUM:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        # Each journey fails in its setup (an xfail or a skip would let the run exit 0 without a browser).
        for item in browser_items:
            item.fixturenames.insert(0, "_chromium_required")
    else:
        for item in browser_items:
            item.add_marker(pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)"))


@pytest.fixture
def _chromium_required():
    pytest.fail("REQUIRE_BROWSER=1 but Chromium is not installed")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Our users' browsers speak Russian and live in Moscow time: dates render as 22.11.2026.
    return {**browser_context_args, "locale": "ru-RU", "timezone_id": "Europe/Moscow"}


@pytest.fixture
def shoot(page):
    """shoot("name") saves a full-page screenshot under test-artifacts/screenshots/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def _shoot(name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _shoot


@pytest.fixture
def sign_in(page, live_server):
    def _sign_in(username: str, password: str = "pass") -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Имя пользователя").fill(username)
        page.get_by_label("Пароль").fill(password)
        page.get_by_role("button", name="Войти").click()
        page.wait_for_url(f"{live_server.url}/")

    return _sign_in


@pytest.fixture(autouse=True)
def _reference_rows_back(reference_rows):
    """Every journey runs on a flushed database: see tests/conftest.py reference_rows."""


def open_user_menu(page, short_name: str) -> None:
    """On a phone: unfold the menu, wait for the animation, then open the user's dropdown."""
    if page.viewport_size["width"] < NAVBAR_EXPANDS_AT:
        page.get_by_role("button", name="Открыть меню").click()
        expect(page.locator("#mainNav.show")).to_be_visible()
    page.get_by_role("button", name=short_name).or_(page.get_by_text(short_name)).first.click()
    expect(page.locator(".dropdown-menu.show")).to_be_visible()

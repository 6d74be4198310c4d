"""A curator opens a mentee's consent scan from the card (a download, never a page), reads on the
withdrawal page what is erased and what is kept, withdraws, and the card is anonymous."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.files.objects import PDF, files

pytestmark = pytest.mark.django_db(transaction=True)


def test_curator_downloads_a_scan_and_withdraws_a_consent(page, live_server, world, sign_in, shoot):
    page.set_viewport_size(DESKTOP)
    consent = files(world).consent
    sign_in("t_curator")
    page.goto(f"{live_server.url}/participants/people/{consent.person_id}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="скан").first.click()
    assert download.value.suggested_filename.startswith("Согласие")
    assert Path(download.value.path()).read_bytes() == PDF
    page.get_by_role("link", name="Отзыв…").first.click()
    expect(page.get_by_role("heading", name="Что сохраняется и почему")).to_be_visible()
    expect(page.get_by_text("законодательством об архивном деле")).to_be_visible()
    shoot("consent-withdrawal-page-desktop")
    page.set_viewport_size(PHONE)
    shoot("consent-withdrawal-page-phone")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Отозвать согласие").click()
    expect(page.get_by_text("персональные данные участника обезличены")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Участник № {consent.person_id}")).to_be_visible()
    expect(page.get_by_role("link", name="скан")).to_have_count(0)
    shoot("consent-withdrawn-card-phone")

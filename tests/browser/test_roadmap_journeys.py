import datetime

import pytest
from playwright.sync_api import expect

from mentoring.models import Role
from roadmap.models import Activity
from tests.browser.conftest import DESKTOP, PHONE
from tests.roadmap.factories import make_activity, make_roadmap

pytestmark = pytest.mark.django_db(transaction=True)
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def roadmap(world):
    today = datetime.date.today()
    roadmap = make_roadmap(world.org, title="Дорожная карта внедрения целевой модели наставничества")
    make_activity(
        roadmap,
        "1.1",
        title="Назначение куратора приказом директора",
        due=today - 20 * DAY,
        status=Activity.Status.DONE,
        roles=(Role.DIRECTOR,),
    )
    make_activity(
        roadmap,
        "1.2",
        title="Информирование педагогического сообщества о программе",
        due=today - 5 * DAY,
        roles=(Role.CURATOR,),
    )
    make_activity(
        roadmap,
        "1.3",
        title="Организация групповой встречи наставников и наставляемых",
        due=today + 7 * DAY,
        roles=(Role.MENTOR,),
        deadline_text="Ноябрь",
    )
    make_activity(
        roadmap,
        "1.4",
        title="Проведение первой встречи наставника и наставляемого",
        due=today + 30 * DAY,
        users=[world.mentor_a],
        deadline_text="Декабрь",
    )
    return roadmap


def test_curator_sees_what_is_late_and_marks_it_done_with_evidence(page, live_server, world, roadmap, sign_in, shoot):
    page.set_viewport_size(DESKTOP)
    sign_in("t_curator")
    panel = page.locator("section", has_text="Дорожная карта: сроки")
    expect(panel.get_by_text("просрочено").first).to_be_visible()
    expect(panel.get_by_role("link", name="1.2. Информирование педагогического сообщества")).to_be_visible()
    shoot("roadmap-curator-home-desktop")
    panel.get_by_role("link", name="1.2. Информирование педагогического сообщества").click()
    expect(page.get_by_text("Просрочено").first).to_be_visible()
    page.get_by_label("Статус").select_option("done")
    page.get_by_label("Документ (реквизиты)").fill("Протокол педагогического совета № 2")
    page.get_by_label("Файл-подтверждение").set_input_files(
        files=[{"name": "протокол.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 test"}]
    )
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Мероприятие 1.2: выполнено.")).to_be_visible()
    expect(page.get_by_text("Протокол педагогического совета № 2")).to_be_visible()
    expect(page.get_by_role("link", name="1.2 — подтверждение.pdf")).to_be_visible()
    shoot("roadmap-activity-done-desktop")
    page.get_by_role("button", name="Дорожная карта").click()  # the menu group
    page.locator(".dropdown-menu.show").get_by_role("link", name="Дорожная карта").click()
    page.get_by_role("link", name="Дорожная карта внедрения целевой модели наставничества").click()
    expect(page.get_by_text("выполнено 2 из 4")).to_be_visible()
    shoot("roadmap-detail-desktop")


def test_a_teacher_sees_my_tasks_on_a_phone(page, live_server, world, roadmap, sign_in, shoot):
    page.set_viewport_size(PHONE)
    sign_in("t_mentor_a")
    panel = page.locator("section", has_text="Мои задачи по дорожной карте")
    expect(panel.get_by_text("1.3. Организация групповой встречи")).to_be_visible()
    expect(panel.get_by_text("1.4. Проведение первой встречи")).to_be_visible()
    expect(panel.get_by_text("Информирование педагогического сообщества")).to_have_count(0)
    shoot("roadmap-mentor-home-phone")
    panel.get_by_role("link", name="Все мои задачи").click()
    expect(page.get_by_role("heading", name="Мои задачи")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shoot("roadmap-my-tasks-phone")
    page.get_by_role("link", name="1.4. Проведение первой встречи").click()
    page.get_by_label("Статус").select_option("in_progress")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Выполняется").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shoot("roadmap-activity-phone")

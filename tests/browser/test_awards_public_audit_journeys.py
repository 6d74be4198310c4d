"""A parent opens the school's public page on a phone; a mentor reads a reminder; the director
opens a child's access log."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from participants.models import Consent
from programs.models import Meeting
from tests.browser.conftest import DESKTOP, PHONE, open_user_menu
from tests.participants.factories import ConsentFactory
from tests.programs.awards_objects import practices_and_awards
from tests.programs.factories import teacher_mentor
from tests.programs.objects import pairs
from tests.roadmap.factories import make_activity, make_roadmap

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_parent_reads_the_public_page_on_a_phone(page, live_server, world, shoot):
    practices_and_awards(world)
    shown = teacher_mentor(world.org, last_name="Открытова", first_name="Вера", middle_name="Ильинична")
    ConsentFactory(person=shown.person, kind=Consent.Kind.PUBLICATION)
    roadmap = make_roadmap(world.org)
    make_activity(roadmap, "1.1", due=timezone.localdate(), status="done")
    make_activity(roadmap, "1.2", due=timezone.localdate() + datetime.timedelta(days=9))
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/o/{world.org.slug}/")
    expect(page.get_by_role("heading", name="Наши наставники")).to_be_visible()
    expect(page.get_by_text("Открытова Вера Ильинична")).to_be_visible()
    expect(page.get_by_text("Петров Алексей")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shoot("public-phone")
    page.get_by_role("link", name="Дроби без страха").click()
    expect(page.get_by_role("heading", name="Что было сделано")).to_be_visible()
    shoot("practice-phone")


def test_a_mentor_reads_a_reminder_and_the_director_the_access_log(page, live_server, world, sign_in, shoot):
    p = pairs(world)
    Meeting.objects.filter(pk=p.meeting.pk).update(starts_at=timezone.now() - datetime.timedelta(days=20))
    call_command("send_reminders", no_email=True)
    page.set_viewport_size(PHONE)
    sign_in("t_mentor_a")
    open_user_menu(page, "Петров А. И.")  # the phone's collapsed menu
    page.get_by_role("link", name="Уведомления").click()
    link = page.get_by_role("link", name="Нет встреч")
    expect(link).to_be_visible()
    shoot("notifications-phone")
    link.click()
    assert f"/programs/pairs/{p.pair.pk}/" in page.url
    page.context.clear_cookies()
    page.set_viewport_size(DESKTOP)
    sign_in("t_curator")
    page.goto(f"{live_server.url}/participants/people/{p.member.mentee.person_id}/")
    page.context.clear_cookies()
    sign_in("t_director")
    page.goto(f"{live_server.url}/participants/people/{p.member.mentee.person_id}/")
    page.get_by_role("link", name="Журнал доступа и выгрузка сведений").click()
    expect(page.get_by_text("Кузнецова Ольга Николаевна").first).to_be_visible()
    shoot("access-log-desktop")

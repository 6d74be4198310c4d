"""The seeds' sequence in the browser: the curator sees what matching lacks, forms a group from the proposal;
the mentor logs the group's trial meeting before the order, marking who attended."""

import pytest
from playwright.sync_api import expect

from participants.models import MenteeProfile
from programs.models import Meeting, Mentorship
from tests.browser.conftest import DESKTOP, PHONE
from tests.programs.factories import student_mentee, teacher_mentor
from tests.programs.objects import programme_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_curator_forms_a_group_and_the_mentor_holds_its_trial_meeting_before_the_order(
    page, live_server, world, sign_in, shoot
):
    programme = programme_for(world.org, title="Учебная поддержка")
    mentor = teacher_mentor(world.org, capacity=3, last_name="Смирнов", first_name="Алексей", middle_name="Игоревич")
    mentor.person.user = world.mentor_a
    mentor.person.save()
    thin = student_mentee(world.org, request="", last_name="Ёлкина", first_name="Вера")
    rich = student_mentee(world.org, request="Подтянуть математику", last_name="Абрамов", first_name="Илья")
    page.set_viewport_size(DESKTOP)
    sign_in("t_curator")
    page.goto(f"{live_server.url}/programs/{programme.pk}/matching/")
    expect(page.get_by_role("heading", name="Подбору не хватает данных")).to_be_visible()
    expect(page.get_by_text("Нет запроса наставляемого: 1 из 2")).to_be_visible()
    shoot("groups-matching-thin-data-desktop")
    page.get_by_role("button", name="Предложить распределение для всех").click()
    page.get_by_label("Объединить в группу наставляемых Смирнов А. И.").check()
    shoot("groups-proposal-desktop")
    page.get_by_role("button", name="Подтвердить и создать пары").click()
    expect(page.get_by_text("из них групп: 1")).to_be_visible()
    group = Mentorship.objects.get()
    assert {m.mentee_id for m in group.members.all()} == {thin.pk, rich.pk}
    page.goto(f"{live_server.url}/participants/mentees/")
    expect(page.get_by_role("cell", name="Подобран, ожидает приказа").first).to_be_visible()

    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    sign_in("t_mentor_a")
    page.goto(f"{live_server.url}/programs/pairs/{group.pk}/meetings/new/")
    expect(page.get_by_label("Вид встречи")).to_have_value("trial")
    page.get_by_label("Тема").fill("Пробная встреча группы")
    page.get_by_label("Ёлкина Вера", exact=False).uncheck()
    shoot("groups-trial-meeting-phone")
    page.get_by_role("button", name="Сохранить встречу").click()
    expect(page.get_by_text("Встреча записана.")).to_be_visible()
    meeting = Meeting.objects.get()
    assert meeting.kind == "trial" and list(meeting.attendees.all()) == [MenteeProfile.objects.get(pk=rich.pk)]
    page.goto(f"{live_server.url}/programs/pairs/{group.pk}/")
    expect(page.get_by_text("отсутствовали: Ёлкина В.", exact=False)).to_be_visible()
    shoot("groups-pair-page-phone")
    group.refresh_from_db()
    assert group.status == "draft"

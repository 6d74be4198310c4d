"""The pair's «персонализированная программа» (seed 002) as it prints: approved by the head in office,
with the pair's start and end dates."""

import datetime

from django.urls import reverse

from tests.pdf import keep_document as keep
from tests.pdf import pdf_text
from tests.programs.objects import pairs


def _text(content: bytes) -> str:
    return " ".join(pdf_text(content).replace("\u2010\n", "").split())


def test_the_plan_is_approved_by_the_director_and_dated(world, login):
    pair = pairs(world).pair
    world.org.director_position = "Исполняющий обязанности директора"
    world.org.save()
    content = login(world.curator).get(reverse("programs:plan_pdf", kwargs={"pk": pair.pk})).content
    keep("персонализированная-программа.pdf", content)
    text = _text(content)
    assert "УТВЕРЖДАЮ Исполняющий обязанности директора МБОУ «Тестовая школа»" in text
    assert "Е. В. Смирнова" in text
    assert "ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА".lower() in text.lower()
    end = pair.programme.end_date
    assert f"с {pair.start_date:%d.%m.%Y} по {end:%d.%m.%Y} (окончание программы)" in text


def test_a_pair_ended_early_prints_its_own_end_date(world, login):
    pair = pairs(world).pair
    pair.end_date = pair.start_date + datetime.timedelta(days=40)
    pair.save(update_fields=["end_date"])
    text = _text(login(world.mentor_a).get(reverse("programs:plan_pdf", kwargs={"pk": pair.pk})).content)
    assert f"с {pair.start_date:%d.%m.%Y} по {pair.end_date:%d.%m.%Y}" in text
    assert "(окончание программы)" not in text

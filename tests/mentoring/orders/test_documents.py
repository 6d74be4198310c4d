"""Every kind of order prints from real data, with names in the case the sentence needs."""

import datetime

import pytest

from mentoring.orders import documents as order_documents
from mentoring.orders import registry as order_registry
from mentoring.orders import services as order_services
from mentoring.orders import wording as order_wording
from mentoring.orders.models import OrderKind, OrderSubject
from tests.mentoring.orders.conftest import order_words

pytestmark = pytest.mark.django_db


def test_the_curators_order_declines_every_name_and_lists_who_must_read_it(curators_order, tmp_path):
    text = order_words(order_documents.render_order_pdf(curators_order), "curators")
    assert "ПРИКАЗ" in text
    assert "01.09.2025 № 1-о" in text
    assert "г. Тестовый" in text
    assert "О назначении куратора и кураторов форм программы наставничества" in text
    assert "ПРИКАЗЫВАЮ:" in text
    assert "1. Назначить куратором программы наставничества Кузнецову Ольгу Николаевну, ответственной" in text
    assert (
        "Назначить кураторами форм наставничества: Петрова Алексея Игоревича (форма «ученик – ученик») "
        "и Ильину Наталью Ильиничну (форма «учитель – учитель»)." in text
    )
    assert "Куратору программы наставничества Кузнецовой Ольге Николаевне:" in text
    assert "– сформировать базы наставников и наставляемых;" in text
    assert "Директор" in text and "Е. В. Смирнова" in text
    assert "С приказом ознакомлены:" in text
    for name in ("Кузнецова О. Н.", "Петров А. И.", "Ильина Н. И."):
        assert name in text
    assert "1 из" in text


def test_a_point_naming_nobody_is_left_out(world, tmp_path):
    order = order_services.order_create(organization=world.org, kind=OrderKind.CURATORS, user=world.director)
    order_services.order_subject_add(order=order, role=OrderSubject.Role.CURATOR, user=world.curator)
    text = order_words(order_documents.render_order_pdf(order))
    assert "кураторами форм" not in text
    assert "____" not in text


def test_the_pairs_order_prints_its_annex_and_fixes_a_pair_with_a_mentor_in_the_instrumental(
    world, pairs_annex, tmp_path
):
    order = order_services.order_create(
        organization=world.org, kind=OrderKind.PAIRS, user=world.curator, date=datetime.date(2026, 1, 12)
    )
    order_services.order_subject_add(order=order, role=OrderSubject.Role.MENTOR, full_name="Смирнов Алексей Игоревич")
    order_services.order_subject_add(order=order, role=OrderSubject.Role.MENTEE, full_name="Фёдорова Софья Алексеевна")
    text = order_words(order_documents.render_order_pdf(order), "pairs")
    assert "на 2025/2026 учебный год (приложение № 1)" in text
    assert "Закрепить за наставником Смирновым Алексеем Игоревичем наставляемую Фёдорову Софью Алексеевну." in text
    assert "Приложение № 1 к приказу МБОУ «Тестовая школа» от 12.01.2026 № 1-о" in text
    assert "Состав наставнических пар (групп)" in text
    assert "Петров-Водкин Кузьма" in text  # table cells wrap: the words, not the whole line


@pytest.mark.parametrize(
    "kind", [k for k in OrderKind if k not in (OrderKind.CURATORS, OrderKind.PAIRS, OrderKind.CANCELLATION)]
)
def test_every_other_kind_prints_its_default_wording(world, kind, tmp_path):
    order_registry.register_annex(
        "test_table", title="Тестовое приложение", kinds=[kind], provider=lambda order: (["ФИО"], [["Цой В. Р."]])
    )
    try:
        order = order_services.order_create(organization=world.org, kind=kind, user=world.director)
        text = order_words(order_documents.render_order_pdf(order), f"kind-{kind}")
    finally:
        order_registry.unregister_annex("test_table")
    assert order_wording.DEFAULT_WORDING[kind].title in text
    assert "Куратору программы наставничества Кузнецовой Ольге Николаевне" in text  # the curator in office
    assert "Тестовое приложение" in text and "Цой В. Р." in text
    assert "{{" not in text


def test_user_text_is_escaped_in_the_pdf(world, tmp_path):
    order = order_services.order_create(organization=world.org, kind=OrderKind.COMPLETION, user=world.director)
    order_services.order_update(order=order, title="О <b>завершении</b> & итогах")
    text = order_words(order_documents.render_order_pdf(order))
    assert "О <b>завершении</b> & итогах" in text


def test_several_orders_make_one_pdf_each_with_its_own_page_numbers(curators_order, world, tmp_path):
    second = order_services.order_create(
        organization=world.org, kind=OrderKind.COMPLETION, user=world.director, date=datetime.date(2025, 9, 2)
    )
    text = order_words(order_documents.render_orders_pdf([curators_order, second]), "batch")
    assert "№ 1-о" in text and "№ 2-о" in text
    assert text.count("1 из") == 2

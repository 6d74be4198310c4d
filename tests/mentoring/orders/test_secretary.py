"""Orders as a school secretary signs them: clean annexes, «ПРОЕКТ» on drafts, «об», the right to
sign, confirmation, cancellation by a new order, the «выписка» for a participant — PDF and Word."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring.models import Role, UserRole
from mentoring.orders import documents as order_documents
from mentoring.orders import registry as order_registry
from mentoring.orders import services as order_services
from mentoring.orders.models import Order, OrderKind
from mentoring.orders.placeholders import canonicalize, humanize
from tests.docx import docx_paragraphs, docx_tables, docx_text
from tests.mentoring.orders.conftest import order_words

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry_annex():
    """A provider with its own «№» column and a column no row fills, as the old providers had."""

    def provider(order):
        return (
            ["№", "ФИО", "Вариант взаимодействия", "Класс"],
            [["1", "Новиков Артём Сергеевич", "—", "6 «А»"], ["2", "Белых Дарья Андреевна", "", "7 «Б»"]],
        )

    order_registry.register_annex(
        "test_people", title="Список участников", kinds=[OrderKind.MENTOR_BASE], provider=provider
    )
    yield
    order_registry.unregister_annex("test_people")


def _order(world, kind=OrderKind.MENTOR_BASE, **kwargs):
    return order_services.order_create(
        organization=world.org, kind=kind, user=world.director, date=datetime.date(2025, 9, 1), **kwargs
    )


def test_an_annex_prints_one_number_column_and_no_empty_column(world, registry_annex):
    order = _order(world, annexes=["test_people"])
    annex = order_documents.order_document(order)["annexes"][0]
    assert annex["columns"] == ["ФИО", "Класс"]
    [table] = [t for t in docx_tables(order_documents.render_order_docx(order)) if t[0][0] == "№"]
    assert table[0] == ["№", "ФИО", "Класс"]
    assert table[2] == ["2", "Белых Дарья Андреевна", "7 «Б»"]
    text = order_words(order_documents.render_order_pdf(order), "annex-clean")
    assert "Вариант взаимодействия" not in text


def test_a_draft_reads_проект_in_pdf_and_word_and_a_signed_order_does_not(world, registry_annex):
    order = _order(world, annexes=["test_people"])
    assert "ПРОЕКТ" in order_words(order_documents.render_order_pdf(order), "draft")
    assert "ПРОЕКТ" in docx_paragraphs(order_documents.render_order_docx(order))
    order_services.order_sign(order=order, user=world.director)
    order.refresh_from_db()
    assert "ПРОЕКТ" not in order_words(order_documents.render_order_pdf(order), "signed")
    assert "ПРОЕКТ" not in docx_text(order_documents.render_order_docx(order))


def test_an_order_with_an_empty_annex_is_not_signed(world):
    order = _order(world, kind=OrderKind.INCENTIVES)  # the awards annex: nobody awarded yet
    with pytest.raises(ValidationError) as error:
        order_services.order_sign(order=order, user=world.director)
    assert "«Список поощряемых наставников» пусто" in error.value.messages[0]
    order.refresh_from_db()
    assert order.status == Order.Status.DRAFT
    order_services.order_update(order=order, annexes=[])  # the secretary takes the annex off
    order_services.order_sign(order=order, user=world.director)


def test_a_title_takes_об_before_a_vowel(world):
    order = _order(world)
    order_services.order_update(order=order, title="О утверждении списка")
    assert order_documents.order_document(order)["title"] == "Об утверждении списка"
    order_services.order_update(order=order, title="Об закреплении пар")
    assert order_documents.order_document(order)["title"] == "О закреплении пар"


def test_the_implementation_order_prints_its_default_wording(world):
    order = _order(world, kind=OrderKind.IMPLEMENTATION)
    text = order_words(order_documents.render_order_pdf(order), "implementation")
    assert "О внедрении целевой модели наставничества" in text
    assert "исчислять от даты настоящего приказа (1 сентября 2025 г.)" in text
    assert "Внедрить целевую модель наставничества в МБОУ «Тестовая школа» с 2025/2026 учебного года." in text


def test_only_the_director_or_a_deputy_with_the_right_signs(world):
    order = _order(world)
    with pytest.raises(ValidationError) as error:
        order_services.order_update(order=order, signer=world.mentee)
    assert "не может подписывать приказы" in str(error.value)
    with pytest.raises(ValidationError):
        order_services.signatory_add(
            organization=world.org, user=world.mentee, position="И. о. директора",
            valid_from=datetime.date(2025, 8, 1), by=world.director,
        )  # fmt: skip
    right = order_services.signatory_add(
        organization=world.org, user=world.curator, position="Исполняющий обязанности директора",
        valid_from=datetime.date(2025, 8, 1), by=world.director,
    )  # fmt: skip
    order_services.order_update(order=order, signer=world.curator)
    assert order.signer_position == "Исполняющий обязанности директора"
    text = order_words(order_documents.render_order_pdf(order), "deputy")
    assert "Исполняющий обязанности директора" in text and "О. Н. Кузнецова" in text
    order_services.signatory_end(signatory=right, day=datetime.date(2025, 8, 15))
    with pytest.raises(ValidationError):
        order_services.order_update(order=order, title=order.title)  # the right ended before the date


def test_the_edit_form_offers_only_who_may_sign(world, login):
    order = _order(world)
    page = login(world.director).get(reverse("orders:edit", args=[order.pk])).content.decode()
    assert world.director.full_name in page
    assert world.mentee.full_name not in page and world.mentor_a.full_name not in page


def test_signing_asks_for_confirmation_saying_what_changes(curators_order, world, login):
    client = login(world.director)
    page = client.get(reverse("orders:sign", args=[curators_order.pk])).content.decode()
    assert "Что изменится" in page and "Роль куратора в портале получат: Кузнецова Ольга Николаевна" in page
    curators_order.refresh_from_db()
    assert curators_order.status == Order.Status.DRAFT  # GET writes nothing
    client.post(reverse("orders:sign", args=[curators_order.pk]))
    curators_order.refresh_from_db()
    assert curators_order.is_signed


def test_the_confirmation_says_why_an_order_cannot_be_signed(world, login):
    order = _order(world, kind=OrderKind.INCENTIVES)
    page = login(world.director).get(reverse("orders:sign", args=[order.pk])).content.decode()
    assert "Подписать нельзя." in page and "пусто" in page


def test_a_signed_order_is_cancelled_by_a_new_order_that_undoes_its_effects(curators_order, world, login):
    UserRole.objects.filter(user=world.mentor_a, role=Role.FORM_CURATOR).delete()
    order_services.order_sign(order=curators_order, user=world.director)
    assert world.mentor_a.has_role(Role.FORM_CURATOR)
    client = login(world.director)
    response = client.post(reverse("orders:cancel", args=[curators_order.pk]))
    cancellation = Order.objects.get(kind=OrderKind.CANCELLATION)
    assert response["Location"] == reverse("orders:detail", args=[cancellation.pk])
    assert cancellation.cancels == curators_order
    text = order_words(order_documents.render_order_pdf(cancellation), "cancellation")
    assert "Об отмене приказа от 01.09.2025 № 1-о" in text
    assert "Признать утратившим силу приказ от 01.09.2025 № 1-о «О назначении куратора" in text
    page = client.get(reverse("orders:sign", args=[cancellation.pk])).content.decode()
    assert "утратит силу" in page and "роли куратора и кураторов форм" in page
    client.post(reverse("orders:sign", args=[cancellation.pk]))
    curators_order.refresh_from_db()
    assert curators_order.cancelled_by == Order.objects.get(pk=cancellation.pk)
    assert not UserRole.objects.filter(user=world.mentor_a, role=Role.FORM_CURATOR).exists()
    assert "Утратил силу: приказ от" in order_words(order_documents.render_order_pdf(curators_order), "cancelled")
    with pytest.raises(ValidationError):
        order_services.order_cancellation_prepare(order=curators_order, user=world.director)  # already cancelled


def test_a_draft_is_not_cancelled_but_deleted(world):
    with pytest.raises(ValidationError):
        order_services.order_cancellation_prepare(order=_order(world), user=world.director)


def test_the_wording_editor_shows_russian_labels_and_stores_placeholders(world, login):
    client = login(world.director)
    url = reverse("orders:wording_edit", args=[OrderKind.PAIRS.value])
    page = client.get(url).content.decode()
    assert "{{ ФИО наставляемого (вин. п.) }}" in page
    assert "mentee_accusative" not in page
    assert 'data-insert-placeholder="{{ ФИО наставника (твор. п.) }}"' in page
    assert "<script>" not in page.replace('<script src="', "")  # no inline script (CSP)
    points = "Закрепить за наставником {{ ФИО наставника (твор. п.) }} {{ ФИО наставляемого (вин. п.) }}."
    data = {"title": "О закреплении пар", "preamble": "", "points": points}
    fragment = client.post(url, data, HTTP_HX_REQUEST="true").content.decode()
    assert "Закрепить за наставником Смирновым Алексеем Игоревичем Фёдорову Софью Алексеевну." in fragment
    assert "<html" not in fragment  # the preview fragment only
    client.post(url, {**data, "save": "1"})
    from mentoring.orders.models import OrderWording

    stored = OrderWording.objects.get(organization=world.org, kind=OrderKind.PAIRS)
    assert stored.points == "Закрепить за наставником {{ mentor_instrumental }} {{ mentee_accusative }}."


def test_labels_and_placeholders_convert_both_ways():
    text = "{{ curator | ответственным | ответственной }} {{ curator_dative }} {{ annex_pairs }}"
    human = humanize(text, OrderKind.PAIRS)
    assert human == (
        "{{ куратор программы | ответственным | ответственной }} {{ ФИО куратора программы (дат. п.) }} "
        "{{ приложение: Состав наставнических пар (групп) }}"
    )
    assert canonicalize(human, OrderKind.PAIRS) == text


def test_the_approval_order_carries_the_roadmap_as_its_annex(world):
    from roadmap.models import Roadmap, Section

    roadmap = Roadmap.objects.create(
        organization=world.org, title="Дорожная карта внедрения целевой модели наставничества",
        academic_year=_academic_year(),
    )  # fmt: skip
    section = Section.objects.create(roadmap=roadmap, number="1", title="Подготовка условий", position=1)
    section.activities.create(
        roadmap=roadmap, number="1.1", title="Издание приказа о внедрении", deadline_text="Сентябрь", position=1
    )
    order = _order(world, kind=OrderKind.REGULATIONS)
    annex = next(a for a in order_documents.order_document(order)["annexes"] if a["key"] == "roadmap")
    assert "Издание приказа о внедрении" in (annex.get("html") or str(annex.get("rows")))
    text = order_words(order_documents.render_order_pdf(order), "regulations")
    assert (
        "Утвердить дорожную карту внедрения целевой модели наставничества на 2025/2026 учебный год (приложение №"
        in text
    )
    assert "Подготовка условий" in text and "1.1" in text
    assert "Издание приказа о внедрении" in docx_text(order_documents.render_order_docx(order))


def _academic_year():
    from mentoring.models import AcademicYear

    return AcademicYear.objects.get_or_create(
        start_year=2025, defaults={"start_date": datetime.date(2025, 9, 1), "end_date": datetime.date(2026, 8, 31)}
    )[0]

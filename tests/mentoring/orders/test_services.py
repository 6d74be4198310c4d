"""Order services: numbering, wording validation, signing with effects, all or nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mentoring.models import Role
from mentoring.orders import access as order_access
from mentoring.orders import documents as order_documents
from mentoring.orders import placeholders as order_placeholders
from mentoring.orders import registry as order_registry
from mentoring.orders import services as order_services
from mentoring.orders import wording as order_wording
from mentoring.orders.models import Order, OrderKind, OrderSubject, OrderWording
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def make(world, **kwargs) -> Order:
    kwargs.setdefault("date", datetime.date(2025, 9, 1))
    return order_services.order_create(
        organization=world.org, kind=kwargs.pop("kind", OrderKind.COMPLETION), user=world.director, **kwargs
    )


def test_numbers_run_per_organization_and_calendar_year(world):
    assert make(world).number == "1-о"
    assert make(world).number == "2-о"
    assert make(world, number="15-о").number == "15-о"
    assert make(world).number == "16-о"
    assert make(world, date=datetime.date(2026, 1, 10)).number == "1-о"
    other = order_services.order_create(organization=world.other_org, kind=OrderKind.CURATORS, user=world.outsider,
                                date=datetime.date(2025, 9, 1))  # fmt: skip
    assert other.number == "1-о"


def test_a_duplicate_number_is_refused_in_russian_and_by_the_database(world):
    make(world, number="5-о")
    with pytest.raises(ValidationError) as error:
        make(world, number="5-о")
    assert "Приказ № 5-о за 2025 год уже зарегистрирован" in str(error.value)
    order = make(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Order.objects.filter(pk=order.pk).update(number="5-о")
    assert make(world, number="5-о", date=datetime.date(2026, 2, 1)).number == "5-о"  # a new year starts over


def test_unknown_placeholders_and_template_tags_are_refused_with_the_allowed_list(world):
    with pytest.raises(ValidationError) as error:
        order_services.wording_save(organization=world.org, kind=OrderKind.CURATORS, user=world.curator,
                            title="Приказ", preamble="{% load static %}",
                            points="Назначить {{ kurator_accusative }}.")  # fmt: skip
    messages = error.value.message_dict
    assert "Теги шаблона" in messages["preamble"][0]
    assert "Неизвестная подстановка «{{ kurator_accusative }}»" in messages["points"][0]
    assert any("Допустимые подстановки:" in m and "curator_accusative" in m for m in sum(messages.values(), []))
    assert not OrderWording.objects.exists()


def test_agreement_needs_a_person_and_two_or_three_variants(world):
    for bad in ("{{ organization | а | б }}", "{{ curator | ответственным }}", "{{ curator }"):
        with pytest.raises(ValidationError):
            order_placeholders.validate_wording(kind=OrderKind.CURATORS, title="т", preamble="", points=f"Пункт {bad}.")
    order_placeholders.validate_wording(
        kind=OrderKind.CURATORS, title="т", preamble="", points="{{ curator | а | б | в }}"
    )


def test_a_saved_wording_is_used_by_new_orders_and_can_be_reset(world):
    points = "Назначить {{ curator | ответственным | ответственной }} {{ curator_accusative }}."
    order_services.wording_save(organization=world.org, kind=OrderKind.CURATORS, user=world.curator,
                        title="О назначении куратора", preamble="", points=points)  # fmt: skip
    order = make(world, kind=OrderKind.CURATORS)
    order_services.order_subject_add(order=order, role=OrderSubject.Role.CURATOR, user=world.curator)
    assert (
        order_documents.order_document(order)["points"][0]["text"]
        == "Назначить ответственной Кузнецову Ольгу Николаевну."
    )
    order_services.wording_reset(organization=world.org, kind=OrderKind.CURATORS)
    assert make(world, kind=OrderKind.CURATORS).title == order_wording.DEFAULT_WORDING[OrderKind.CURATORS].title


def test_every_default_wording_is_valid():
    for kind, wording in order_wording.DEFAULT_WORDING.items():
        order_placeholders.validate_wording(
            kind=kind, title=wording.title, preamble=wording.preamble, points=wording.points
        )
    assert set(order_wording.DEFAULT_WORDING) == set(OrderKind)


def test_signing_the_curators_order_gives_the_roles_and_freezes_the_text(world, curators_order):
    form_curator = curators_order.subjects.get(user=world.mentor_a)
    order_services.order_sign(order=curators_order, user=world.director)
    curators_order.refresh_from_db()
    assert curators_order.is_signed and curators_order.signed_by == world.director
    assert world.mentor_a.roles.filter(role=Role.FORM_CURATOR).exists()
    assert world.mentor_a.roles.filter(role=Role.MENTOR).exists()  # other roles stay
    world.curator.last_name = "Кузнецова-Ремизова"
    world.curator.save()
    assert "Кузнецову Ольгу Николаевну" in curators_order.frozen["points"][0]["text"]
    assert "Кузнецову Ольгу Николаевну" in order_documents.order_document(curators_order)["points"][0]["text"]
    with pytest.raises(ValidationError):
        order_services.order_update(order=curators_order, title="Другое")
    with pytest.raises(ValidationError):
        order_services.order_subject_remove(subject=form_curator)


def test_an_effect_that_refuses_signs_nothing_and_undoes_the_other_effects(world, curators_order):
    def refuse(order):
        raise ValidationError("Наставник Петров А. И. не прошёл обучение.")

    order_registry.register_effect(OrderKind.CURATORS, refuse)
    try:
        with pytest.raises(ValidationError, match="не прошёл обучение"):
            order_services.order_sign(order=curators_order, user=world.director)
    finally:
        order_registry.unregister_effect(OrderKind.CURATORS, refuse)
    curators_order.refresh_from_db()
    assert curators_order.status == Order.Status.DRAFT and curators_order.frozen is None
    assert not world.mentor_a.roles.filter(role=Role.FORM_CURATOR).exists()  # the first effect was rolled back


def test_the_curators_order_cannot_be_signed_without_a_curator(world):
    order = make(world, kind=OrderKind.CURATORS)
    with pytest.raises(ValidationError, match="не указан куратор"):
        order_services.order_sign(order=order, user=world.director)


def test_annex_provider_fills_a_signed_order_and_its_table_is_kept(world, pairs_annex):
    order = make(world, kind=OrderKind.PAIRS)
    assert order.annexes == ["pairs"]
    order_services.order_sign(order=order, user=world.director)
    order_registry.unregister_annex("pairs")
    order.refresh_from_db()
    annex = order_documents.order_document(order)["annexes"][0]
    assert annex["number"] == 1 and len(annex["rows"]) == 12


def test_participants_see_only_signed_orders_that_name_them(world, curators_order):
    assert list(order_access.orders_for(world.mentor_a)) == []
    order_services.order_sign(order=curators_order, user=world.director)
    assert list(order_access.orders_for(world.mentor_a)) == [curators_order]
    assert list(order_access.orders_for(world.mentor_b)) == []
    assert list(order_access.orders_for(world.outsider)) == []


def test_a_subject_from_another_organization_is_refused(world):
    order = make(world)
    with pytest.raises(ValidationError):
        order_services.order_subject_add(order=order, role=OrderSubject.Role.AWARDED, user=world.outsider)
    with pytest.raises(ValidationError):
        order_services.order_subject_add(order=order, role=OrderSubject.Role.AWARDED)


def test_a_subject_without_an_account_may_carry_a_gender(world):
    order = make(world, kind=OrderKind.INCENTIVES)
    order_services.order_subject_add(
        order=order, role=OrderSubject.Role.AWARDED, full_name="Цой А. В.", gender="female"
    )
    order_services.order_subject_add(order=order, role=OrderSubject.Role.AWARDED, user=UserFactory(
        organization=world.org, last_name="Шевченко", first_name="Тарас", middle_name="Григорьевич"))  # fmt: skip
    text = order_documents.order_document(order)["points"][0]["text"]
    assert text == "Наградить почётной грамотой Цой А. В. и Шевченко Тараса Григорьевича."


def test_annexes_are_numbered_in_the_order_the_points_name_them(world):
    keys = ["roadmap", "regulations", "programme", "unnamed"]
    points = (
        "Утвердить положение {{ annex_regulations }}.\nУтвердить программу {{annex_programme}}.\n"
        "Утвердить дорожную карту {{ annex_roadmap }}."
    )
    assert order_services.annexes_in_wording_order(keys, "", points) == [
        "regulations",
        "programme",
        "roadmap",
        "unnamed",
    ]
    order = order_services.order_create(organization=world.org, kind="regulations", user=world.director)
    text = order.points
    named = [key for key in order.annexes if f"annex_{key}" in text]
    assert named == sorted(named, key=lambda key: text.index(f"annex_{key}"))  # № 1 is the first named
    order = order_services.order_update(
        order=order, points=text.replace("{{ annex_roadmap }}", "") + "\nКарта {{ annex_roadmap }}."
    )
    assert order.annexes[len(named) - 1] == "roadmap"

"""The «Документы» page: every order of the year with its number, status, PDF and Word."""

import datetime

import pytest
from django.urls import reverse

from mentoring import document_registry
from mentoring.models import AcademicYear
from mentoring.orders import services as order_services
from mentoring.orders.models import OrderKind

pytestmark = pytest.mark.django_db


def _year(start: int) -> AcademicYear:
    return AcademicYear.objects.get_or_create(
        start_year=start,
        defaults={"start_date": datetime.date(start, 9, 1), "end_date": datetime.date(start + 1, 8, 31)},
    )[0]


def test_the_director_sees_every_order_of_the_chosen_year_with_pdf_and_word(curators_order, world, login):
    year = _year(2025)
    signed = order_services.order_sign(order=curators_order, user=world.director)
    draft = order_services.order_create(
        organization=world.org, kind=OrderKind.PAIRS, user=world.director, date=datetime.date(2025, 9, 5)
    )
    old = order_services.order_create(
        organization=world.org, kind=OrderKind.COMPLETION, user=world.director, date=datetime.date(2024, 10, 1)
    )
    other_org = order_services.order_create(
        organization=world.other_org, kind=OrderKind.CURATORS, user=world.outsider, date=datetime.date(2025, 9, 2)
    )
    page = login(world.director).get(reverse("documents"), {"year": year.pk}).content.decode()
    assert "Приказы (журнал регистрации приказов)" in page
    assert reverse("orders:pdf", args=[curators_order.pk]) in page
    assert reverse("orders:docx", args=[curators_order.pk]) in page
    assert "Подписан" in page and "Проект" in page
    assert page.index(f">{signed.number}<") < page.index(f">{draft.number}<")  # the register, in number order
    cancellation = order_services.order_cancellation_prepare(order=signed, user=world.director)
    order_services.order_sign(order=cancellation, user=world.director)
    page = login(world.director).get(reverse("documents"), {"year": year.pk}).content.decode()
    assert "Утратил силу (приказ от" in page
    assert reverse("orders:detail", args=[old.pk]) not in page  # another academic year
    assert reverse("orders:detail", args=[other_org.pk]) not in page  # another organization
    page = login(world.director).get(reverse("documents"), {"year": _year(2024).pk}).content.decode()
    assert reverse("orders:detail", args=[old.pk]) in page


def test_a_bad_year_shows_the_current_one_and_other_apps_plug_in(world, login):
    document_registry.register(
        "test_docs",
        title="Индивидуальные планы",
        provider=lambda org, year: [document_registry.DocumentRow("ИПР Петрова", "ИПР", "/x/", "/x.pdf")],
    )
    try:
        response = login(world.director).get(reverse("documents"), {"year": "abc"})
    finally:
        document_registry.unregister("test_docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Индивидуальные планы" in page and "ИПР Петрова" in page

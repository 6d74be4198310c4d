"""The Django admin prints the same PDFs and validates the wording as the portal does."""

import pytest
from django.urls import reverse

from mentoring.orders import services as order_services
from mentoring.orders.models import Order, OrderKind, OrderWording
from tests.factories import UserFactory
from tests.mentoring.orders.conftest import order_words

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, world):
    client.force_login(UserFactory(organization=None, is_staff=True, is_superuser=True))
    return client


def test_the_admin_downloads_one_order_and_several_as_one_pdf(admin_client, world, curators_order, tmp_path):
    second = order_services.order_create(organization=world.org, kind=OrderKind.COMPLETION, user=world.director,
                                 date=curators_order.date)  # fmt: skip
    url = reverse("admin:mentoring_order_changelist")
    response = admin_client.post(url, {"action": "download_pdf", "_selected_action": [curators_order.pk]})
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "Кузнецову Ольгу Николаевну" in order_words(response.content, "admin-one")
    response = admin_client.post(url, {"action": "download_pdf", "_selected_action": [curators_order.pk, second.pk]})
    text = order_words(response.content, "admin-two")
    assert "№ 1-о" in text and "№ 2-о" in text


def test_the_admin_signs_orders_and_reports_an_effect_error(admin_client, world, curators_order):
    empty = order_services.order_create(organization=world.org, kind=OrderKind.CURATORS, user=world.director)
    url = reverse("admin:mentoring_order_changelist")
    response = admin_client.post(
        url, {"action": "sign_orders", "_selected_action": [curators_order.pk, empty.pk]}, follow=True
    )
    page = response.content.decode()
    assert "В приказе не указан куратор программы наставничества." in page
    assert Order.objects.get(pk=curators_order.pk).is_signed and not Order.objects.get(pk=empty.pk).is_signed
    change = admin_client.get(reverse("admin:mentoring_order_change", args=[curators_order.pk]))
    assert change.status_code == 200


def test_the_admin_refuses_a_wording_with_an_unknown_placeholder_and_previews_a_valid_one(admin_client, world):
    url = reverse("admin:mentoring_orderwording_add")
    data = {"organization": world.org.pk, "kind": OrderKind.CURATORS, "title": "О назначении", "preamble": "",
            "points": "Назначить {{ curator_genetive }}."}  # fmt: skip
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "Неизвестная подстановка" in response.content.decode()
    data["points"] = "Назначить куратором {{ curator_accusative }}."
    assert admin_client.post(url, data).status_code == 302
    wording = OrderWording.objects.get()
    page = admin_client.get(reverse("admin:mentoring_orderwording_change", args=[wording.pk])).content.decode()
    assert "Назначить куратором Кузнецову Ольгу Николаевну." in page

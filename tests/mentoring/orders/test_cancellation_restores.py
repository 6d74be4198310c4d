"""Cancelling «О назначении куратора(ов)» takes back only the roles that order gave."""

import pytest
from django.urls import reverse

from mentoring.models import Role, UserRole
from mentoring.orders import services as order_services

pytestmark = pytest.mark.django_db


def test_a_curator_appointed_before_the_order_keeps_the_role_when_it_is_cancelled(curators_order, world, login):
    assert world.curator.has_role(Role.CURATOR)  # held before the order
    UserRole.objects.filter(user=world.mentor_a, role=Role.FORM_CURATOR).delete()
    order_services.order_sign(order=curators_order, user=world.director)
    assert world.mentor_a.has_role(Role.FORM_CURATOR)
    client = login(world.director)
    client.post(reverse("orders:cancel", args=[curators_order.pk]))
    cancellation = curators_order.cancellations.get()
    page = client.get(reverse("orders:sign", args=[cancellation.pk])).content.decode()
    assert "роли, которые были у работников до приказа, сохранятся" in page
    client.post(reverse("orders:sign", args=[cancellation.pk]))
    assert UserRole.objects.filter(user=world.curator, role=Role.CURATOR).exists()  # survives
    assert not UserRole.objects.filter(user=world.mentor_a, role=Role.FORM_CURATOR).exists()  # reverted


def test_an_order_signed_before_effects_were_recorded_is_cancelled_as_before(curators_order, world):
    order_services.order_sign(order=curators_order, user=world.director)
    curators_order.refresh_from_db()
    curators_order.effect_state = {}
    curators_order.save(update_fields=["effect_state"])
    cancellation = order_services.order_cancellation_prepare(order=curators_order, user=world.director)
    order_services.order_sign(order=cancellation, user=world.director)
    assert not UserRole.objects.filter(user=world.mentor_a, role=Role.FORM_CURATOR).exists()

"""The client's address (mentoring.client_address): X-Forwarded-For only as far as the deployment
declares proxies; the same address in the lockout, the reset limit and the personal-data log."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from mentoring.client_address import client_ip
from mentoring.models import PersonalDataEvent
from tests.participants.objects import bases


def _request(**meta):
    return RequestFactory().get("/", **meta)


def test_without_declared_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "10.0.0.5"


def test_with_one_proxy_the_entry_it_appended_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    forged = _request(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    assert client_ip(forged) == "203.0.113.7"


def test_with_two_proxies_the_second_entry_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = _request(REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7, 10.0.0.2")
    assert client_ip(request) == "203.0.113.7"


def test_a_missing_short_or_garbage_header_falls_back_to_the_socket(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request(REMOTE_ADDR="10.1.1.1")) == "10.1.1.1"
    assert client_ip(_request(REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="203.0.113.7")) == "10.1.1.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="<script>")) == "10.1.1.1"


@pytest.mark.django_db
def test_the_audit_records_the_clients_address_not_the_proxys(world, login, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    person = bases(world).mentee_person
    login(world.curator).get(
        reverse("participants:person", kwargs={"pk": person.pk}),
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7",
    )
    assert PersonalDataEvent.objects.get(subject_id=person.pk).ip_address == "203.0.113.7"


@pytest.mark.django_db
def test_without_a_proxy_the_audit_ignores_a_forged_header(world, login):
    person = bases(world).mentee_person
    login(world.curator).get(
        reverse("participants:person", kwargs={"pk": person.pk}), REMOTE_ADDR="10.0.0.8", HTTP_X_FORWARDED_FOR="6.6.6.6"
    )
    assert PersonalDataEvent.objects.get(subject_id=person.pk).ip_address == "10.0.0.8"

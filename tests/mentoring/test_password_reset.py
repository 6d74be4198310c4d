"""Password reset is limited per address and per e-mail; the refusal tells nothing about accounts."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from mentoring.models import PasswordResetRequest
from mentoring.password_reset import TOO_MANY

pytestmark = pytest.mark.django_db


def _reset(client, email, ip="10.0.0.1", **extra):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip, **extra)


@pytest.fixture
def known(world):
    world.curator.email = "curator@school.example"
    world.curator.save()
    return world.curator.email


def test_one_e_mail_gets_a_few_links_an_hour_then_a_russian_refusal(client, known, settings):
    for n in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL):
        assert _reset(client, known, ip=f"10.0.1.{n}").status_code == 302
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_EMAIL
    refused = _reset(client, known.upper(), ip="10.0.2.1")
    assert refused.status_code == 429 and TOO_MANY in refused.content.decode()
    assert known.upper() in refused.content.decode()  # what was typed is kept
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_EMAIL


def test_one_address_cannot_probe_many_e_mails(client, world, settings):
    for n in range(settings.PASSWORD_RESET_LIMIT_PER_ADDRESS):
        assert _reset(client, f"guess{n}@school.example").status_code == 302
    assert _reset(client, "another@school.example").status_code == 429
    assert _reset(client, "another@school.example", ip="10.0.0.2").status_code == 302


def test_the_refusal_is_the_same_for_a_known_and_an_unknown_e_mail(client, known, settings):
    for _ in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL):
        _reset(client, known, ip="10.0.3.1")
        _reset(client, "nobody@school.example", ip="10.0.4.1")
    for_known = _reset(client, known, ip="10.0.5.1")
    for_unknown = _reset(client, "nobody@school.example", ip="10.0.5.2")
    assert for_known.status_code == for_unknown.status_code == 429
    assert for_known.context["form"].errors == for_unknown.context["form"].errors == {"__all__": [TOO_MANY]}
    assert not PasswordResetRequest.objects.filter(email_digest__contains="@").exists()  # no address stored


def test_a_forged_forwarded_for_does_not_reset_the_address_count(client, world, settings):
    for n in range(settings.PASSWORD_RESET_LIMIT_PER_ADDRESS):
        _reset(client, f"guess{n}@school.example", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert _reset(client, "x@school.example", HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_the_limit_lasts_an_hour(client, known, settings):
    for _ in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL):
        _reset(client, known)
    assert _reset(client, known).status_code == 429
    PasswordResetRequest.objects.update(created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert _reset(client, known).status_code == 302
    assert PasswordResetRequest.objects.count() == 1  # the old ones are gone

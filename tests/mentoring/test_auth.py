import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_with_a_wrong_password_says_so_in_russian_and_keeps_the_username(client, world):
    response = client.post(reverse("login"), {"username": "t_curator", "password": "wrong"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Неверное имя пользователя или пароль" in body
    assert 'value="t_curator"' in body


def test_login_lands_on_home_and_logout_needs_a_post(client, world):
    response = client.post(reverse("login"), {"username": "t_curator", "password": "pass"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("logout")).status_code == 405
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_login_does_not_follow_a_next_url_to_another_site(client, world):
    response = client.post(
        reverse("login") + "?next=https://evil.example/",
        {"username": "t_curator", "password": "pass", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("home")


def test_password_reset_sends_a_russian_letter_through_the_email_backend(client, world):
    response = client.post(reverse("password_reset"), {"email": "  T_CURATOR@example.org "})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.subject == "Восстановление пароля на портале «Наставничество»"
    assert letter.to == ["t_curator@example.org"]
    assert "Ольга Николаевна" in letter.body
    assert "/accounts/password/reset/" in letter.body


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client, world):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change_checks_the_old_password(client, world):
    client.force_login(world.curator)
    response = client.post(
        reverse("password_change"),
        {"old_password": "nope", "new_password1": "Ndf83-ksle2", "new_password2": "Ndf83-ksle2"},
    )
    assert "Ваш старый пароль введен неправильно" in response.content.decode()


def test_pages_carry_security_headers_and_a_strict_csp(client, world):
    client.force_login(world.curator)
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in response.content.decode()  # no inline script anywhere


def test_unknown_page_is_a_russian_404(client, world):
    client.force_login(world.curator)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()

"""Password reset limited per client address and per e-mail address, so the form cannot be used to
flood someone's mailbox or to probe many addresses. The refusal is the same whether an account has
the address or not: nothing tells who is registered."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

from mentoring.client_address import client_ip
from mentoring.forms import PortalPasswordResetForm
from mentoring.models import PasswordResetRequest

TOO_MANY = (
    "Слишком много запросов на восстановление пароля. Повторите попытку через час или обратитесь к куратору программы."
)


def email_digest(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


@transaction.atomic
def reset_request_allow(*, address: str | None, email: str) -> bool:
    """Records the request and says True, or says False (and records nothing) when the address or the
    e-mail has had its share of the hour."""
    since = timezone.now() - settings.PASSWORD_RESET_WINDOW
    PasswordResetRequest.objects.filter(created_at__lt=since).delete()
    digest = email_digest(email)
    recent = PasswordResetRequest.objects.filter(created_at__gte=since)
    if address and recent.filter(address=address).count() >= settings.PASSWORD_RESET_LIMIT_PER_ADDRESS:
        return False
    if recent.filter(email_digest=digest).count() >= settings.PASSWORD_RESET_LIMIT_PER_EMAIL:
        return False
    PasswordResetRequest.objects.create(address=address, email_digest=digest)
    return True


class RateLimitedPasswordResetView(auth_views.PasswordResetView):
    form_class = PortalPasswordResetForm

    def form_valid(self, form) -> HttpResponse:
        if not reset_request_allow(address=client_ip(self.request), email=form.cleaned_data["email"]):
            form.add_error(None, TOO_MANY)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)

"""Attachments of meetings and best practices. Each opens for exactly the users who see the page that
links it, through the same access helper, as an attachment (mentoring.files)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from mentoring.access import COORDINATORS, require_roles
from mentoring.files import private_file_response
from programs import access, views_public


@login_required
def meeting_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    """Linked from the pair page: whoever sees the pair (programs.access.visible_pairs)."""
    meeting = access.get_meeting_for(request.user, pk)
    return private_file_response(
        request, meeting.attachment, filename=f"Встреча {meeting.starts_at:%d.%m.%Y} — приложение"
    )


@require_roles(*COORDINATORS)
def practice_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    """Linked from the practice's edit page: the coordinators of its organization."""
    practice = access.get_practice_for(request.user, pk)
    return private_file_response(request, practice.attachment, filename=f"Практика № {practice.pk} — приложение")


def public_practice_attachment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Linked from the public page of a published practice: anyone, while it stays published."""
    practice = views_public.published_practice(slug, pk)
    if practice is None:
        raise Http404("Практика не найдена")
    return private_file_response(request, practice.attachment, filename=f"Практика № {practice.pk} — приложение")

"""Documents of programmes and pairs: the pairs order, the ИПР PDF, calendars."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from mentoring import audit
from mentoring.access import COORDINATORS, require_roles
from mentoring.docx import docx_response, render_docx
from mentoring.pdf import pdf_response, render_pdf
from programs import access, documents
from programs.models import CalendarToken, Meeting

CALENDAR_TYPE = "text/calendar; charset=utf-8"


@require_POST
@require_roles(*COORDINATORS)
def pairs_order(request: HttpRequest, pk: int) -> HttpResponse:
    programme = access.get_programme_for(request.user, pk)
    try:
        order = documents.pairs_order_prepare(programme=programme, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("programs:programme", pk=pk)
    messages.success(request, "Подготовлен проект приказа о закреплении пар. После подписания пары будут закреплены.")
    return redirect("orders:detail", pk=order.pk)


def _plan_context(request: HttpRequest, pk: int) -> dict:
    pair = access.get_pair_for(request.user, pk)
    members = [m for m in pair.members.select_related("mentee__person__study_group") if m.is_active] or list(
        pair.members.select_related("mentee__person__study_group")
    )
    return {"organization": pair.organization, "pair": pair, "members": members, "goals": pair.goals.all()}


@login_required
@audit.shows("pair", "Печать индивидуального плана развития", audit.Action.PRINT)
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    context = _plan_context(request, pk)
    content = render_pdf("pdf/programs/plan.html", context)
    return pdf_response(content, f"ИПР {context['pair'].mentor.person.short_name}.pdf")


@login_required
@audit.shows("pair", "Выгрузка индивидуального плана развития в Word", audit.Action.PRINT)
def plan_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The ИПР in Word, from the template the PDF prints."""
    context = _plan_context(request, pk)
    content = render_docx("pdf/programs/plan.html", context)
    return docx_response(content, f"ИПР {context['pair'].mentor.person.short_name}.docx")


def _user_meetings(user) -> list[Meeting]:
    pairs = access.visible_pairs(user).filter(Q(mentor__person__user=user) | Q(members__mentee__person__user=user))
    return list(
        Meeting.objects.filter(mentorship__in=pairs)
        .select_related("mentorship__mentor__person")
        .prefetch_related("mentorship__members__mentee__person")
        .distinct()
        .order_by("starts_at")
    )


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    """GET only reads: the personal link is created by the button (POST), not by opening the page."""
    token = CalendarToken.objects.filter(user=request.user).first()
    url = request.build_absolute_uri(f"/programs/calendar/{token.token}.ics") if token else ""
    return render(request, "programs/calendar.html", {"feed_url": url})


@require_POST
@login_required
def calendar_rotate(request: HttpRequest) -> HttpResponse:
    token, created = CalendarToken.objects.get_or_create(user=request.user)
    if created:
        messages.success(request, "Ссылка на календарь создана: подпишитесь на неё в своём календаре.")
        return redirect("programs:calendar")
    token.rotate()
    messages.success(request, "Создана новая ссылка. Старая больше не работает: обновите подписку в календаре.")
    return redirect("programs:calendar")


@never_cache
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed: the token is the only key, so an unknown one is a plain 404."""
    item = CalendarToken.objects.filter(token=token, user__is_active=True).select_related("user").first()
    if item is None:
        raise Http404("Календарь не найден")
    body = documents.ics(_user_meetings(item.user), name="Наставничество: мои встречи", host=request.get_host())
    return HttpResponse(body, content_type=CALENDAR_TYPE)


@login_required
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for(request.user, pk)
    body = documents.ics([meeting], name="Встреча наставничества", host=request.get_host())
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"Встреча {meeting.starts_at:%d.%m.%Y}.ics")
    return response

"""The user's notifications and which of them also come by email."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from mentoring.forms import EmailSettingsForm
from mentoring.models import EmailOptOut, Notification, NotificationKind

PAGE_SIZE = 50


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    items = Notification.objects.filter(user=request.user)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    unread = items.filter(read_at__isnull=True).count()
    return render(request, "mentoring/notifications/list.html", {"page": page, "unread": unread})


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    if notification.read_at is None:
        Notification.objects.filter(pk=pk).update(read_at=timezone.now())
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@require_POST
@login_required
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    messages.success(request, "Все уведомления отмечены как прочитанные.")
    return redirect("notifications:list")


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    opted_out = set(EmailOptOut.objects.filter(user=request.user).values_list("kind", flat=True))
    initial = {"kinds": [k for k in NotificationKind.values if k not in opted_out]}
    form = EmailSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        wanted = set(form.cleaned_data["kinds"])
        with transaction.atomic():
            EmailOptOut.objects.filter(user=request.user, kind__in=wanted).delete()
            EmailOptOut.objects.bulk_create(
                [EmailOptOut(user=request.user, kind=k) for k in NotificationKind.values if k not in wanted],
                ignore_conflicts=True,
            )
        messages.success(request, "Настройки писем сохранены.")
        return redirect("notifications:settings")
    return render(request, "mentoring/notifications/settings.html", {"form": form, "email": request.user.email})

"""The waiting list: mentees without a pair, the way to matching for each, the export, and the record of
the psychologist's support while the search goes on (seed 000 stage 5, seed 004 item 5.5)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from mentoring import audit
from mentoring.access import COORDINATORS, READERS, for_organization, require_roles
from mentoring.xlsx import workbook_bytes, xlsx_response
from participants import access, services
from participants.access import SUPPORT_KEEPERS
from participants.forms import SupportForm
from participants.models import MenteeProfile, MenteeSupport


def _waiting(request: HttpRequest) -> QuerySet[MenteeProfile]:
    mentees = for_organization(
        request.user, MenteeProfile.objects.select_related("person", "person__study_group"), "person__organization"
    )
    mentees = mentees.filter(status=MenteeProfile.Status.WAITING).order_by("status_date", "person__sort_key")
    mentees = mentees.prefetch_related("categories", "person__consents")
    if access.can_see_support(request.user):
        records = MenteeSupport.objects.select_related("recorded_by").order_by("-date", "-pk")
        mentees = mentees.prefetch_related(Prefetch("support_records", queryset=records))
    return mentees


@require_roles(*READERS)
def waiting(request: HttpRequest) -> HttpResponse:
    # 50 a page, as every list of people: a region's school may have a hundred and more waiting.
    page = Paginator(_waiting(request), 50).get_page(request.GET.get("page"))
    context = {
        "mentees": page,
        "page": page,
        "can_match": request.user.has_role(*COORDINATORS),
        "can_support": access.can_see_support(request.user),
    }
    return render(request, "participants/waiting_list.html", context)


@require_roles(*READERS)
def waiting_export(request: HttpRequest) -> HttpResponse:
    mentees = list(_waiting(request))
    with_support = access.can_see_support(request.user)
    headers = ["ФИО", "Класс / должность", "Категории", "Запрос", "Ожидает с", "Дней", "Согласие на обработку"]
    if with_support:
        headers += ["Сопровождение: последняя запись", "Кто провёл", "Что сделано", "Записей"]
    rows = []
    for mentee in mentees:
        person = mentee.person
        row = [
            person.full_name,
            person.study_group.name if person.study_group else person.position,
            "; ".join(c.name for c in mentee.categories.all()),
            mentee.request,
            mentee.status_date,
            mentee.waiting_days,
            "есть" if person.has_processing_consent else "нет",
        ]
        if with_support:
            records = list(mentee.support_records.all())
            last = records[0] if records else None
            row += [
                last.date if last else None,
                last.recorded_by.full_name if last and last.recorded_by else "",
                last.action if last else "",
                len(records),
            ]
        rows.append(row)
    audit.record_many(request, audit.Action.EXPORT, [m.person_id for m in mentees], "Выгрузка ожидающих пару")
    content = workbook_bytes(title="Ожидают пару", headers=headers, rows=rows)
    return xlsx_response(content, f"Ожидают пару {timezone.localdate():%d.%m.%Y}.xlsx")


@require_roles(*SUPPORT_KEEPERS)
def support(request: HttpRequest, pk: int) -> HttpResponse:
    """The support history of one waiting mentee and the form for a new record."""
    mentee = access.get_mentee_for(request.user, pk)
    form = SupportForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.support_record(
                mentee=mentee, user=request.user, date=data["date"], action=data["action"], next_step=data["next_step"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Сопровождение {mentee.person.short_name} записано.")
            return redirect("participants:support", pk=mentee.pk)
    records = mentee.support_records.select_related("recorded_by")
    audit.record(request, audit.Action.VIEW, mentee.person, "Сопровождение наставляемого без пары")
    return render(request, "participants/support.html", {"mentee": mentee, "records": records, "form": form})

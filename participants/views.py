from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mentoring import audit, jobs
from mentoring.access import (
    COORDINATORS,
    LEADERS,
    LIST_KEEPERS,
    PEOPLE_EDITORS,
    READERS,
    for_organization,
    require_roles,
    user_organization,
)
from mentoring.docx import docx_response
from mentoring.models import AcademicYear, Role
from mentoring.pdf import pdf_response
from mentoring.search import search_queryset
from participants import access, document_jobs, exports, services
from participants.consent_forms import EMPLOYEE_KINDS, FORMS
from participants.forms import (
    PAGE_SIZE,
    ConsentForm,
    ConsentWithdrawForm,
    MenteeForm,
    MentorForm,
    MentorStatusForm,
    MentorTrainingForm,
    PartnerForm,
    PersonForm,
    PsychologistNoteForm,
)
from participants.models import Consent, MentorProfile, Partner, Person, StudyGroup
from participants.selectors import mentees_filtered, mentors_filtered, people_filtered
from participants.views_bulk import bulk_bar

PERSON_LIST_KINDS = [Person.Kind.STUDENT, Person.Kind.TEACHER, Person.Kind.STAFF]


def _page(request: HttpRequest, queryset: QuerySet):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# ---------------------------------------------------------------- people and classes


@require_roles(*LIST_KEEPERS)
def people(request: HttpRequest) -> HttpResponse:
    form, people = people_filtered(request.user, request.GET)
    people = people.prefetch_related("consents")
    page = _page(request, people)
    context = {"form": form, "page": page, "bulk": bulk_bar(request, "people", page.paginator.count)}
    return render(request, "participants/people_list.html", context)


@require_roles(*LIST_KEEPERS)
def people_export(request: HttpRequest) -> HttpResponse:
    _, people = people_filtered(request.user, request.GET)
    audit.record_many(request, audit.Action.EXPORT, people.values_list("pk", flat=True), "Выгрузка списка участников")
    return exports.people(people.prefetch_related("consents"))


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.get_person_for(request.user, pk)
    user = request.user
    context = {
        "person": person,
        "consents": person.consents.all(),
        "can_edit": access.editable_people(user).filter(pk=pk).exists(),
        "can_manage": user.has_role(*LEADERS),
        "can_see_mentee": user.has_role(*READERS) or person.user_id == user.pk or access.is_guardian(user, person),
        "can_see_mentor": access.can_see_mentor_card(user, person),
        "can_note": user.has_role(*LEADERS, Role.PSYCHOLOGIST) and person.user_id != user.pk,
        "mentor": getattr(person, "mentor_profile", None),
        "mentee": getattr(person, "mentee_profile", None),
        "status_form": MentorStatusForm(),
    }
    audit.record(request, audit.Action.VIEW, person, "Просмотр карточки участника")
    return render(request, "participants/person_detail.html", context)


@login_required
def me(request: HttpRequest) -> HttpResponse:
    person = Person.objects.filter(user=request.user).first()
    if person is None:
        raise Http404("Карточка участника не заведена")
    return redirect("participants:person", pk=person.pk)


@require_roles(*PEOPLE_EDITORS)
def person_create(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    kinds = None if request.user.has_role(*LEADERS) else PERSON_LIST_KINDS
    initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") in Person.Kind.values else {}
    form = PersonForm(request.POST or None, organization=organization, kinds=kinds, initial=initial)
    if request.method == "POST" and form.is_valid():
        person = services.person_save(person=form.save(commit=False))
        messages.success(request, f"Участник «{person.full_name}» добавлен.")
        return redirect("participants:person", pk=person.pk)
    return render(request, "participants/form_page.html", {"form": form, "title": "Новый участник"})


@require_roles(*PEOPLE_EDITORS)
@audit.shows("person", "Просмотр сведений в форме изменения")
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.get_editable_person_for(request.user, pk)
    kinds = None if request.user.has_role(*LEADERS) else PERSON_LIST_KINDS
    form = PersonForm(request.POST or None, instance=person, organization=person.organization, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        services.person_save(person=form.save(commit=False))
        audit.record(request, audit.Action.CHANGE, person, "Изменение сведений: " + ", ".join(form.changed_data))
        messages.success(request, "Изменения сохранены.")
        return redirect("participants:person", pk=person.pk)
    return render(
        request, "participants/form_page.html", {"form": form, "person": person, "title": "Изменение сведений"}
    )


@require_roles(*LIST_KEEPERS)
def groups(request: HttpRequest) -> HttpResponse:
    year = AcademicYear.current()
    groups = (
        for_organization(request.user, StudyGroup.objects.select_related("academic_year"))
        .annotate(size=Count("students", filter=Q(students__is_anonymized=False)))
        .order_by("-academic_year__start_year", "grade", "letter", "name")
    )
    return render(request, "participants/group_list.html", {"groups": groups, "year": year})


@require_roles(*LIST_KEEPERS)
@audit.shows("group", "Просмотр списка класса")
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.get_group_for(request.user, pk)
    students = group.students.order_by("sort_key").select_related("user", "mentee_profile", "mentor_profile")
    students = list(students.prefetch_related("consents", "guardians__user"))
    context = {
        "group": group,
        "students": students,
        "parents": any(person.guardians.all() for person in students),
        "bulk": bulk_bar(request, "group", len(students), group=group),
    }
    return render(request, "participants/group_detail.html", context)


def _group_forms_pdf(request: HttpRequest, pk: int, form: str, fmt: str = "pdf") -> HttpResponse:
    group = access.get_group_for(request.user, pk)
    people = list(group.students.filter(is_anonymized=False).order_by("sort_key"))
    if not people:
        messages.error(request, "В классе нет обучающихся — печатать нечего.")
        return redirect("participants:group", pk=pk)
    title = FORMS[form].title
    audit.record_many(request, audit.Action.PRINT, [p.pk for p in people], f"Бланки согласий, {group.label}: {title}")
    if len(people) >= settings.BATCH_BACKGROUND_MIN_DOCUMENTS:
        job = jobs.start(
            user=request.user,
            organization=group.organization,
            kind=document_jobs.GROUP_CONSENTS,
            title=f"Бланки согласий, {group.label}: {title}" + (" (Word)" if fmt == "docx" else ""),
            params={"group": group.pk, "form": form, "fmt": fmt},
        )
        return redirect("jobs:detail", pk=job.pk)
    return _consent_pdf(request, people, f"Согласия {group.name} — {title}.pdf", form, fmt)


@require_roles(*LIST_KEEPERS)
def group_consents_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Consents to processing of a whole class, a page per student."""
    return _group_forms_pdf(request, pk, "processing")


@require_roles(*LIST_KEEPERS)
def group_dissemination_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Consents to dissemination (ст. 10.1) of a whole class: a form of its own, a page per student."""
    return _group_forms_pdf(request, pk, "dissemination")


@require_roles(*LIST_KEEPERS)
def group_consents_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _group_forms_pdf(request, pk, "processing", "docx")


@require_roles(*LIST_KEEPERS)
def group_dissemination_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _group_forms_pdf(request, pk, "dissemination", "docx")


def _person_form_pdf(request: HttpRequest, pk: int, form: str, fmt: str = "pdf") -> HttpResponse:
    person = access.get_person_for(request.user, pk)
    if person.is_anonymized:
        raise Http404("Участник обезличен")
    if form == "duties" and not person.is_employee:
        raise Http404("Согласие на дополнительную работу дают педагоги и сотрудники")
    title = FORMS[form].title
    audit.record(request, audit.Action.PRINT, person, f"Печать бланка согласия: {title}")
    return _consent_pdf(request, [person], f"Согласие {person.short_name} — {title}.pdf", form, fmt)


@login_required
def person_consent_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_form_pdf(request, pk, "processing")


@login_required
def person_dissemination_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_form_pdf(request, pk, "dissemination")


@require_roles(*COORDINATORS)
def person_duties_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_form_pdf(request, pk, "duties")


@login_required
def person_consent_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_form_pdf(request, pk, "processing", "docx")


@login_required
def person_dissemination_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_form_pdf(request, pk, "dissemination", "docx")


@require_roles(*COORDINATORS)
def person_duties_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_form_pdf(request, pk, "duties", "docx")


@require_roles(*COORDINATORS)
def mentors_duties_docx(request: HttpRequest) -> HttpResponse:
    return mentors_duties_pdf(request, fmt="docx")


@require_roles(*COORDINATORS)
def mentors_duties_pdf(request: HttpRequest, fmt: str = "pdf") -> HttpResponse:
    """Consents to additional work of every teacher and staff mentor in the base (not those who left)."""
    people = [
        mentor.person
        for mentor in for_organization(
            request.user, MentorProfile.objects.select_related("person"), "person__organization"
        )
        .filter(person__kind__in=EMPLOYEE_KINDS, person__is_anonymized=False)
        .exclude(status=MentorProfile.Status.ALUMNI)
        .order_by("person__sort_key", "pk")
    ]
    if not people:
        messages.error(request, "В базе наставников нет педагогов и сотрудников — печатать нечего.")
        return redirect("participants:mentors")
    audit.record_many(
        request, audit.Action.PRINT, [p.pk for p in people], "Согласия педагогов на дополнительную работу"
    )
    return _consent_pdf(request, people, "Согласия наставников на дополнительную работу.pdf", "duties", fmt)


def _consent_pdf(
    request: HttpRequest, people: list[Person], filename: str, form: str = "processing", fmt: str = "pdf"
) -> HttpResponse:
    """The forms as PDF to print, or in Word (the same template) for a school that edits them."""
    if fmt == "docx":
        return docx_response(services.consent_forms_docx(people=people, form=form), filename)
    return pdf_response(services.consent_forms_pdf(people=people, form=form), filename)


# ---------------------------------------------------------------- consents


@require_roles(*PEOPLE_EDITORS)
def consent_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.get_editable_person_for(request.user, pk)
    form = ConsentForm(request.POST or None, request.FILES or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(person=person, user=request.user, **_model_data(form))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            audit.record(request, audit.Action.CHANGE, person, "Внесено согласие")
            messages.success(request, "Согласие внесено.")
            return redirect("participants:person", pk=person.pk)
    return render(
        request, "participants/consent_form.html", {"form": form, "person": person, "title": "Согласие участника"}
    )


@require_http_methods(["GET", "POST"])
@require_roles(*LEADERS)
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what the withdrawal erases and what it keeps, and why; POST: the withdrawal."""
    consent = access.get_consent_for(request.user, pk)
    if request.method == "GET":
        context = {
            "consent": consent,
            "person": consent.person,
            "form": ConsentWithdrawForm(),
            "erased": services.ERASED_ON_WITHDRAWAL,
            "kept": services.KEPT_ON_WITHDRAWAL,
        }
        return render(request, "participants/consent_withdraw.html", context)
    form = ConsentWithdrawForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Укажите дату отзыва.")
        services.consent_withdraw(consent=consent, date=form.cleaned_data["date"], user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("participants:consent_withdraw", pk=consent.pk)
    else:
        audit.record(
            request,
            audit.Action.ERASE if consent.kind == "processing" else audit.Action.CHANGE,
            consent.person,
            f"Отзыв согласия ({consent.get_kind_display()})",
        )
        if consent.kind == Consent.Kind.PROCESSING:
            messages.warning(request, "Согласие на обработку отозвано: персональные данные участника обезличены.")
        else:
            messages.success(request, f"Согласие отозвано ({consent.get_kind_display()}).")
    return redirect("participants:person", pk=consent.person_id)


def _model_data(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data}


# ---------------------------------------------------------------- mentor base


@require_roles(*COORDINATORS)
def mentors(request: HttpRequest) -> HttpResponse:
    form, mentors = mentors_filtered(request.user, request.GET)
    mentors = mentors.prefetch_related("trainings", "person__consents")
    page = _page(request, mentors)
    context = {"form": form, "page": page, "bulk": bulk_bar(request, "mentors", page.paginator.count)}
    return render(request, "participants/mentor_list.html", context)


@require_roles(*COORDINATORS)
def mentors_export(request: HttpRequest) -> HttpResponse:
    _, mentors = mentors_filtered(request.user, request.GET)
    audit.record_many(
        request, audit.Action.EXPORT, mentors.values_list("person_id", flat=True), "Выгрузка базы наставников"
    )
    return exports.mentors(mentors.prefetch_related("trainings"))


@require_roles(*LEADERS)
def mentor_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.get_editable_person_for(request.user, pk)
    initial = {"category": services.mentor_category_for(person)}
    form = MentorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_add(person=person, user=request.user, **_model_data(form))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{person.full_name} включён(а) в базу наставников как кандидат.")
            return redirect("participants:person", pk=person.pk)
    return render(
        request, "participants/form_page.html", {"form": form, "person": person, "title": "В базу наставников"}
    )


@require_roles(*LEADERS)
def mentor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mentor = access.get_mentor_for(request.user, pk)
    form = MentorForm(request.POST or None, instance=mentor)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Анкета наставника сохранена.")
        return redirect("participants:person", pk=mentor.person_id)
    return render(
        request, "participants/form_page.html", {"form": form, "person": mentor.person, "title": "Анкета наставника"}
    )


@require_POST
@require_roles(*LEADERS)
def mentor_status(request: HttpRequest, pk: int) -> HttpResponse:
    mentor = access.get_mentor_for(request.user, pk)
    form = MentorStatusForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Укажите статус и дату.")
        services.mentor_set_status(mentor=mentor, user=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Статус: «{mentor.get_status_display()}».")
    return redirect("participants:person", pk=mentor.person_id)


@require_roles(*LEADERS)
def mentor_training_add(request: HttpRequest, pk: int) -> HttpResponse:
    mentor = access.get_mentor_for(request.user, pk)
    form = MentorTrainingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.mentor_training_add(mentor=mentor, **_model_data(form))
        messages.success(request, "Обучение записано.")
        return redirect("participants:person", pk=mentor.person_id)
    return render(
        request,
        "participants/form_page.html",
        {"form": form, "person": mentor.person, "title": "Обучение наставника", "multipart": True},
    )


# ---------------------------------------------------------------- mentee base


@require_roles(*READERS)
def mentees(request: HttpRequest) -> HttpResponse:
    form, mentees = mentees_filtered(request.user, request.GET)
    mentees = mentees.prefetch_related(Prefetch("person__consents"))
    page = _page(request, mentees)
    context = {"form": form, "page": page, "bulk": bulk_bar(request, "mentees", page.paginator.count)}
    return render(request, "participants/mentee_list.html", context)


@require_roles(*READERS)
def mentees_export(request: HttpRequest) -> HttpResponse:
    _, mentees = mentees_filtered(request.user, request.GET)
    audit.record_many(
        request, audit.Action.EXPORT, mentees.values_list("person_id", flat=True), "Выгрузка базы наставляемых"
    )
    return exports.mentees(mentees)


@require_roles(*LEADERS)
def mentee_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.get_editable_person_for(request.user, pk)
    form = MenteeForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        data = _model_data(form)
        try:
            services.mentee_add(person=person, categories=list(data.pop("categories")), **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{person.full_name} включён(а) в базу наставляемых и ожидает пару.")
            return redirect("participants:person", pk=person.pk)
    return render(
        request, "participants/form_page.html", {"form": form, "person": person, "title": "В базу наставляемых"}
    )


@require_roles(*LEADERS)
def mentee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mentee = access.get_mentee_for(request.user, pk)
    form = MenteeForm(request.POST or None, instance=mentee, person=mentee.person)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Анкета наставляемого сохранена.")
        return redirect("participants:person", pk=mentee.person_id)
    return render(
        request,
        "participants/form_page.html",
        {"form": form, "person": mentee.person, "title": "Анкета наставляемого"},
    )


@require_roles(*LEADERS, Role.PSYCHOLOGIST)
@audit.shows("mentee", "Просмотр записи педагога-психолога")
def mentee_note(request: HttpRequest, pk: int) -> HttpResponse:
    mentee = access.get_mentee_for(request.user, pk)
    form = PsychologistNoteForm(request.POST or None, instance=mentee)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Заметка сохранена.")
        return redirect("participants:person", pk=mentee.person_id)
    return render(
        request,
        "participants/form_page.html",
        {"form": form, "person": mentee.person, "title": "Заметка педагога-психолога"},
    )


# ---------------------------------------------------------------- partners


@require_roles(*COORDINATORS)
def partners(request: HttpRequest) -> HttpResponse:
    partners = for_organization(request.user, Partner.objects.annotate(people_count=Count("people")))
    partners = search_queryset(partners, request.GET.get("q", "")[:100])
    return render(request, "participants/partner_list.html", {"partners": partners, "q": request.GET.get("q", "")})


@require_roles(*COORDINATORS)
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = access.get_partner_for(request.user, pk)
    people = partner.people.select_related("mentor_profile").order_by("sort_key")
    return render(request, "participants/partner_detail.html", {"partner": partner, "people": people})


@require_roles(*LEADERS)
def partner_create(request: HttpRequest) -> HttpResponse:
    return _partner_form(request, Partner())


@require_roles(*LEADERS)
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _partner_form(request, access.get_partner_for(request.user, pk))


def _partner_form(request: HttpRequest, partner: Partner) -> HttpResponse:
    form = PartnerForm(request.POST or None, instance=partner, organization=user_organization(request.user))
    if request.method == "POST" and form.is_valid():
        partner = form.save()
        messages.success(request, f"Партнёр «{partner.name}» сохранён.")
        return redirect(reverse("participants:partner", kwargs={"pk": partner.pk}))
    title = f"Партнёр: {partner.name}" if partner.pk else "Новая организация-партнёр"
    return render(request, "participants/form_page.html", {"form": form, "title": title})

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring.access import LEADERS, READERS, require_roles, user_organization
from mentoring.docx import docx_response
from mentoring.models import AcademicYear
from mentoring.pdf import pdf_response
from monitoring.local_acts import access, services
from monitoring.local_acts.documents import act_docx, act_filename, act_pdf, render_body
from monitoring.local_acts.forms import PrepareForm, SectionForm
from monitoring.local_acts.models import LocalAct


@require_roles(*READERS)
def index(request: HttpRequest) -> HttpResponse:
    """Both documents of the current year: prepared (editable until approved) or still a draft from data."""
    organization = user_organization(request.user)
    year = AcademicYear.current()
    acts = {a.kind: a for a in LocalAct.objects.filter(organization=organization, academic_year=year)}
    documents = [{"kind": kind, "label": label, "act": acts.get(kind)} for kind, label in LocalAct.Kind.choices]
    earlier = (
        LocalAct.objects.filter(organization=organization).exclude(academic_year=year).select_related("academic_year")
    )
    context = {"documents": documents, "year": year, "earlier": earlier, "can_edit": request.user.has_role(*LEADERS)}
    return render(request, "local_acts/index.html", context)


@require_POST
@require_roles(*LEADERS)
def prepare(request: HttpRequest) -> HttpResponse:
    form = PrepareForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Выберите документ: положение или программу наставничества.")
        return redirect("local_acts:index")
    act = services.act_prepare(
        organization=user_organization(request.user), kind=form.cleaned_data["kind"], year=AcademicYear.current()
    )
    messages.success(request, "Документ составлен по данным портала. Проверьте и отредактируйте разделы.")
    return redirect("local_acts:detail", pk=act.pk)


@require_roles(*READERS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    act = access.get_act_for(request.user, pk)
    sections = [{"section": s, "html": render_body(s.body)} for s in act.sections.all()]
    can_edit = request.user.has_role(*LEADERS) and not act.is_frozen
    return render(request, "local_acts/detail.html", {"act": act, "sections": sections, "can_edit": can_edit})


@require_roles(*LEADERS)
def section_edit(request: HttpRequest, pk: int) -> HttpResponse:
    section = access.get_section_for(request.user, pk)
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_update(
                section=section, title=form.cleaned_data["title"], body=form.cleaned_data["body"], user=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Раздел сохранён.")
            return redirect("local_acts:detail", pk=section.act_id)
    context = {"form": form, "section": section, "act": section.act, "frozen": section.act.is_frozen}
    return render(request, "local_acts/section_form.html", context)


@require_POST
@require_roles(*LEADERS)
def section_redraft(request: HttpRequest, pk: int) -> HttpResponse:
    section = access.get_section_for(request.user, pk)
    try:
        services.section_redraft(section=section, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Раздел «{section.title}» составлен заново по данным портала.")
    return redirect("local_acts:detail", pk=section.act_id)


def _document(request: HttpRequest, kind: str) -> dict:
    if kind not in LocalAct.Kind.values:
        raise Http404("Нет такого документа")
    organization = user_organization(request.user)
    year = AcademicYear.current()
    act = LocalAct.objects.filter(organization=organization, kind=kind, academic_year=year).first()
    return {"kind": kind, "organization": organization, "year": year, "act": act}


@require_roles(*READERS)
def document_pdf(request: HttpRequest, kind: str) -> HttpResponse:
    document = _document(request, kind)
    return pdf_response(act_pdf(**document), act_filename(kind, document["year"], "pdf"))


@require_roles(*READERS)
def document_docx(request: HttpRequest, kind: str) -> HttpResponse:
    document = _document(request, kind)
    return docx_response(act_docx(**document), act_filename(kind, document["year"], "docx"))


def _act_document(request: HttpRequest, pk: int) -> dict:
    act = access.get_act_for(request.user, pk)
    return {"kind": act.kind, "organization": act.organization, "year": act.academic_year, "act": act}


@require_roles(*READERS)
def act_document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """A prepared document of any year, as approved (frozen) or as it stands."""
    document = _act_document(request, pk)
    return pdf_response(act_pdf(**document), act_filename(document["kind"], document["year"], "pdf"))


@require_roles(*READERS)
def act_document_docx(request: HttpRequest, pk: int) -> HttpResponse:
    document = _act_document(request, pk)
    return docx_response(act_docx(**document), act_filename(document["kind"], document["year"], "docx"))

"""Pages of the orders: the register, editing a draft, signing, PDFs, the editable wording.

The programme's leaders (director, curator) see and change every order of their organization;
anybody an order names sees it, and downloads it, once it is signed. Every object comes through
mentoring.orders.access."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mentoring import jobs, jobs_orders
from mentoring.access import LEADERS, require_roles, user_organization
from mentoring.docx import docx_response
from mentoring.files import private_file_response
from mentoring.models import Role
from mentoring.orders import documents, registry, services
from mentoring.orders.access import can_manage_orders, get_order_for, orders_for, sees_whole_order
from mentoring.orders.forms import (
    ExtractForm,
    OrderCreateForm,
    OrderFilterForm,
    OrderForm,
    ScanForm,
    SignatoryForm,
    SubjectForm,
    WordingForm,
)
from mentoring.orders.models import Order, OrderKind, OrderSignatory, OrderWording
from mentoring.orders.placeholders import placeholder_labels
from mentoring.orders.signatories import signatories_of
from mentoring.orders.wording import Wording, wording_for
from mentoring.pdf import pdf_response

PAGE_SIZE = 50


def _draft_for_manager(request: HttpRequest, pk: int) -> Order:
    order = get_order_for(request.user, pk)
    if order.is_signed:
        raise PermissionDenied("Подписанный приказ не изменяется.")
    return order


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
def order_list(request: HttpRequest) -> HttpResponse:
    queryset = orders_for(request.user).select_related("signer")
    form = OrderFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        queryset = form.filter(queryset)
    context = {"orders": list(queryset[:PAGE_SIZE]), "form": form, "is_manager": can_manage_orders(request.user)}
    return render(request, "orders/list.html", context)


@require_roles(*LEADERS)
def order_create(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    initial = {"date": timezone.localdate(), "kind": request.GET.get("kind") or OrderKind.CURATORS}
    form = OrderCreateForm(request.POST or None, organization=organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            order = services.order_create(organization=organization, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Проект приказа № {order.number} создан. Укажите, кого он называет.")
            return redirect("orders:detail", pk=order.pk)
    return render(request, "orders/create.html", {"form": form})


@login_required
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_order_for(request.user, pk)
    is_manager = can_manage_orders(request.user)
    whole = sees_whole_order(request.user, order)
    context = {
        "order": order,
        "whole": whole,
        "document": documents.order_document(order) if whole else documents.extract_document(order, request.user),
        "cancelled_by": order.cancelled_by if order.is_signed else None,
        "can_sign": is_manager and not order.is_signed,
        "extract_form": ExtractForm(organization=order.organization) if is_manager and order.is_signed else None,
        "is_manager": is_manager,
        "subjects": list(order.subjects.select_related("user")) if is_manager else [],
        "subject_form": SubjectForm(organization=order.organization) if is_manager and not order.is_signed else None,
        "scan_form": ScanForm() if is_manager and order.is_signed else None,
    }
    return render(request, "orders/detail.html", context)


@require_roles(*LEADERS)
def order_edit(request: HttpRequest, pk: int) -> HttpResponse:
    order = _draft_for_manager(request, pk)
    form = OrderForm(request.POST or None, instance=order)
    if request.method == "POST" and form.is_valid():
        services.order_update(order=order, **form.cleaned_data)
        messages.success(request, "Приказ сохранён.")
        return redirect("orders:detail", pk=order.pk)
    help_rows = placeholder_labels(order.kind)
    return render(request, "orders/edit.html", {"form": form, "order": order, "placeholders": help_rows})


@require_POST
@require_roles(*LEADERS)
def order_subject_add(request: HttpRequest, pk: int) -> HttpResponse:
    order = _draft_for_manager(request, pk)
    form = SubjectForm(request.POST, organization=order.organization)
    if form.is_valid():
        try:
            services.order_subject_add(order=order, **form.cleaned_data)
            messages.success(request, "Лицо добавлено в приказ.")
        except ValidationError as error:
            messages.error(request, _errors(error))
    else:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    return redirect("orders:detail", pk=order.pk)


@require_POST
@require_roles(*LEADERS)
def order_subject_remove(request: HttpRequest, pk: int, subject_pk: int) -> HttpResponse:
    order = _draft_for_manager(request, pk)
    subject = get_object_or_404(order.subjects, pk=subject_pk)
    services.order_subject_remove(subject=subject)
    messages.success(request, "Лицо удалено из приказа.")
    return redirect("orders:detail", pk=order.pk)


@require_http_methods(["GET", "POST"])
@require_roles(*LEADERS)
def order_sign(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what signing will change, to confirm; POST: signs (the paper original is signed by hand)."""
    order = _draft_for_manager(request, pk)
    if request.method == "POST":
        try:
            services.order_sign(order=order, user=request.user)
        except ValidationError as error:
            messages.error(request, f"Приказ не подписан: {_errors(error)}")
        else:
            messages.success(request, f"Приказ № {order.number} подписан.")
        return redirect("orders:detail", pk=order.pk)
    try:
        services.order_sign_check(order=order)
        problem = ""
    except ValidationError as error:
        problem = _errors(error)
    context = {"order": order, "changes": registry.effect_descriptions(order), "problem": problem}
    return render(request, "orders/sign_confirm.html", context)


@require_POST
@require_roles(*LEADERS)
def order_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_order_for(request.user, pk)
    try:
        cancellation = services.order_cancellation_prepare(order=order, user=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect("orders:detail", pk=order.pk)
    messages.success(request, f"Проект приказа об отмене ({cancellation.heading}) создан: проверьте текст и подпишите.")
    return redirect("orders:detail", pk=cancellation.pk)


@require_POST
@require_roles(*LEADERS)
def order_delete(request: HttpRequest, pk: int) -> HttpResponse:
    order = _draft_for_manager(request, pk)
    services.order_delete(order=order)
    messages.success(request, "Проект приказа удалён.")
    return redirect("orders:list")


@login_required
def order_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole order for the leaders and the signer; the participant's own «выписка» for anyone else."""
    order = get_order_for(request.user, pk)
    if not sees_whole_order(request.user, order):
        return order_extract(request, pk)
    if _big(order):
        return _print_in_background(request, order, "pdf")
    return pdf_response(documents.render_order_pdf(order), documents.order_filename(order))


@login_required
def order_docx(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_order_for(request.user, pk)
    if not sees_whole_order(request.user, order):
        return order_extract_docx(request, pk)
    if _big(order):
        return _print_in_background(request, order, "docx")
    return docx_response(documents.render_order_docx(order), documents.order_filename(order))


def _big(order: Order) -> bool:
    """An order whose annexes have this many rows takes seconds to lay out (200 pairs: 2 s): it prints in the
    background. Reading the rows is quick next to laying them out."""
    annexes = documents.order_document(order)["annexes"]
    return sum(len(annex.get("rows", [])) for annex in annexes) >= settings.ORDER_BACKGROUND_MIN_ROWS


def _print_in_background(request: HttpRequest, order: Order, fmt: str) -> HttpResponse:
    job = jobs.start(
        user=request.user,
        organization=order.organization,
        kind=jobs_orders.ORDER_DOCUMENT,
        title=jobs_orders.title(order, fmt),
        params={"order": order.pk, "format": fmt},
    )
    return redirect("jobs:detail", pk=job.pk)


def _extract_for(request: HttpRequest, pk: int):
    """The order and whose «выписка»: one's own, or (a leader) any participant's of a signed order."""
    order = get_order_for(request.user, pk)
    if not order.is_signed:
        raise Http404("Выписка делается из подписанного приказа")
    addressee = request.user
    if can_manage_orders(request.user) and "user" in request.GET:
        form = ExtractForm(request.GET, organization=order.organization)
        if not form.is_valid() or not form.cleaned_data["user"]:
            raise Http404("Нет такого участника")
        addressee = form.cleaned_data["user"]
    return order, addressee


@login_required
def order_extract(request: HttpRequest, pk: int) -> HttpResponse:
    order, addressee = _extract_for(request, pk)
    return pdf_response(documents.render_extract_pdf(order, addressee), documents.extract_filename(order, addressee))


@login_required
def order_extract_docx(request: HttpRequest, pk: int) -> HttpResponse:
    order, addressee = _extract_for(request, pk)
    content = documents.render_extract_docx(order, addressee)
    return docx_response(content, documents.extract_filename(order, addressee))


@login_required
def order_scan(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_order_for(request.user, pk)
    if not order.scan:
        raise Http404("Скан не приложен")
    return private_file_response(request, order.scan, filename=f"Скан приказа № {order.pk}")


@require_POST
@require_roles(*LEADERS)
def order_scan_upload(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_order_for(request.user, pk)
    form = ScanForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get("scan") or "Выберите файл скана.")
        services.order_attach_scan(order=order, scan=form.cleaned_data["scan"])
        messages.success(request, "Скан подписанного приказа приложен.")
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect("orders:detail", pk=order.pk)


@require_roles(*LEADERS)
def wording_list(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    own = dict(OrderWording.objects.filter(organization=organization).values_list("kind", "updated_at"))
    rows = [{"kind": kind, "label": kind.label, "updated_at": own.get(kind.value)} for kind in OrderKind]
    return render(request, "orders/wordings.html", {"rows": rows})


def _kind_or_404(kind: str) -> OrderKind:
    if kind not in OrderKind.values:
        raise Http404("Нет такого вида приказа")
    return OrderKind(kind)


@require_roles(*LEADERS)
def wording_edit(request: HttpRequest, kind: str) -> HttpResponse:
    kind = _kind_or_404(kind)
    organization = user_organization(request.user)
    current = wording_for(organization=organization, kind=kind)
    form = WordingForm(request.POST or None, kind=kind, initial=dict(vars(current)))
    preview = documents.preview_document(organization=organization, kind=kind, wording=current)
    if request.method == "POST" and form.is_valid():
        wording = Wording(**{k: form.cleaned_data[k] for k in ("title", "preamble", "points")})
        if "preview" in request.POST or request.htmx:
            preview = documents.preview_document(organization=organization, kind=kind, wording=wording)
        else:
            services.wording_save(organization=organization, kind=kind, user=request.user, **vars(wording))
            messages.success(request, f"Текст приказа «{kind.label}» сохранён.")
            return redirect("orders:wording_edit", kind=kind.value)
    context = {"form": form, "kind": kind, "preview": preview, "placeholders": placeholder_labels(kind)}
    if request.htmx:  # the live preview as the text is typed: the preview fragment only, nothing saved
        return render(request, "orders/_preview.html", context)
    return render(request, "orders/wording_edit.html", context)


@require_POST
@require_roles(*LEADERS)
def wording_reset(request: HttpRequest, kind: str) -> HttpResponse:
    kind = _kind_or_404(kind)
    services.wording_reset(organization=user_organization(request.user), kind=kind)
    messages.success(request, f"Для приказа «{kind.label}» восстановлен текст по умолчанию.")
    return redirect("orders:wording_edit", kind=kind.value)


@require_roles(Role.DIRECTOR)
def signatory_list(request: HttpRequest) -> HttpResponse:
    """The director gives a staff member the right to sign orders for a period (an acting deputy)."""
    organization = user_organization(request.user)
    form = SignatoryForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            services.signatory_add(organization=organization, by=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Право подписи приказов передано: {data['user'].full_name}.")
            return redirect("orders:signatories")
    context = {"form": form, "signatories": signatories_of(organization), "today": timezone.localdate()}
    return render(request, "orders/signatories.html", context)


@require_POST
@require_roles(Role.DIRECTOR)
def signatory_end(request: HttpRequest, pk: int) -> HttpResponse:
    signatory = get_object_or_404(OrderSignatory, organization=user_organization(request.user), pk=pk)
    services.signatory_end(signatory=signatory)
    messages.success(request, f"Право подписи {signatory.user.full_name} прекращено.")
    return redirect("orders:signatories")

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mentoring import dashboard
from mentoring.access import organizations_of_region, require_roles, user_organization
from mentoring.forms import OrganizationRequisitesForm
from mentoring.models import ROLE_PRIORITY, Role
from mentoring.services import organization_requisites_update, region_overview


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The page made for the user's role; a user with several roles switches between them."""
    roles = [role for role in ROLE_PRIORITY if role in request.user.role_names]
    if not roles:
        return render(request, "mentoring/no_role.html", status=200)
    requested = request.GET.get("role")
    role = requested if requested in roles else roles[0]
    context = {
        "role": Role(role),
        "roles": [Role(r) for r in roles],
        "panels": dashboard.panels_for(request, role),
    }
    return render(request, "mentoring/home.html", context)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "mentoring/profile.html")


@require_roles(Role.DIRECTOR)
def organization_requisites(request: HttpRequest) -> HttpResponse:
    """The director keeps the requisites every document prints, the title's cases included."""
    organization = user_organization(request.user)
    form = OrganizationRequisitesForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        try:
            organization_requisites_update(
                organization=organization,
                data={name: form.cleaned_data[name] for name in form.Meta.fields},
                changed=form.changed_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Реквизиты сохранены.")
            return redirect("organization_requisites")
    return render(request, "mentoring/organization_requisites.html", {"form": form, "organization": organization})


@require_roles(Role.REGION)
def region_organizations(request: HttpRequest) -> HttpResponse:
    rows = region_overview(organizations=organizations_of_region(request.user))
    return render(request, "mentoring/region_organizations.html", {"rows": rows, "region": request.user.region})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers a query, 503 when it does not — for the load balancer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def error_404(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", {"reason": str(exception) if exception else ""}, status=403)

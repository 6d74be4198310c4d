"""The «Документы» page of the director and the curator: every document of an academic year."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mentoring import document_registry
from mentoring.access import LEADERS, require_roles, user_organization
from mentoring.models import AcademicYear


class YearForm(forms.Form):
    year = forms.ModelChoiceField(label="Учебный год", queryset=AcademicYear.objects.all(), required=False)


@require_roles(*LEADERS)
def documents(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    # Unbound, the select shows the year the page lists; a bad year keeps its message.
    form = YearForm(request.GET or None, initial={"year": AcademicYear.current()})
    year = (form.cleaned_data.get("year") if form.is_bound and form.is_valid() else None) or AcademicYear.current()
    context = {"form": form, "year": year, "sections": document_registry.sections(organization, year)}
    return render(request, "mentoring/documents.html", context)

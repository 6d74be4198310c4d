"""The person whose answers a page shows, for the personal-data access log (mentoring.audit.shows)."""

from __future__ import annotations

from mentoring.audit import register_subject_kind
from monitoring.models import Response


def register() -> None:
    register_subject_kind(
        "response", lambda pk: [i for i in Response.objects.filter(pk=pk).values_list("person_id", flat=True) if i]
    )

"""Who the public page may name: only people with a valid publication consent (152-ФЗ, ст. 10.1)."""

from __future__ import annotations

from participants.models import Person


def public_name(person: Person | None) -> str:
    """The name the public page may print, or "" — the person's consents must be prefetched."""
    if person is None or person.is_anonymized or not person.has_publication_consent:
        return ""
    return person.full_name

"""Services of the base of best practices."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentoring.models import User
from programs.models import Mentorship
from programs.models_practices import Practice


@transaction.atomic
def practice_save(*, practice: Practice, user: User | None = None) -> Practice:
    if practice.mentorship_id and practice.mentorship.status != Mentorship.Status.COMPLETED:
        raise ValidationError("Практику описывают по завершённой паре (группе).", code="pair_not_completed")
    if not practice.pk and user is not None:
        practice.created_by = user
    practice.full_clean()
    practice.save()
    return practice


@transaction.atomic
def practice_publish(*, practice: Practice, publish: bool = True) -> Practice:
    practice.status = Practice.Status.PUBLISHED if publish else Practice.Status.DRAFT
    practice.published_at = timezone.now() if publish else None
    practice.full_clean()
    practice.save()
    return practice

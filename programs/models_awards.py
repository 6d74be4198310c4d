"""Incentives of mentors: nominations (standard and the organization's own) and awards."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from mentoring.models import AcademicYear, Organization, OrganizationScoped


class Nomination(models.Model):
    """«Наставник года», «Лучшая пара», «Наставник+» are standard; an organization may add its own."""

    organization = models.ForeignKey(
        Organization,
        verbose_name="организация",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text="Пусто — стандартная номинация.",
    )
    name = models.CharField("номинация", max_length=200)
    for_pair = models.BooleanField("для пары (группы)", default=False)
    description = models.TextField("за что присуждается", blank=True)
    order = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "номинация"
        verbose_name_plural = "номинации"
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="unique_nomination_name")]

    def __str__(self) -> str:
        return f"«{self.name}»"


class Award(OrganizationScoped):
    """A mentor's award in a nomination for an academic year; printed as a certificate and listed
    in the annex «awards» of the incentives order."""

    nomination = models.ForeignKey(
        Nomination, verbose_name="номинация", on_delete=models.PROTECT, related_name="awards"
    )
    academic_year = models.ForeignKey(AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT)
    mentor = models.ForeignKey(
        "participants.MentorProfile", verbose_name="наставник", on_delete=models.PROTECT, related_name="awards"
    )
    mentorship = models.ForeignKey(
        "programs.Mentorship",
        verbose_name="пара / группа",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="awards",
    )
    date = models.DateField("дата награждения", default=timezone.localdate)
    citation = models.CharField(
        "формулировка",
        max_length=500,
        blank=True,
        help_text="Например: «за высокие результаты наставнической деятельности».",
    )
    order = models.ForeignKey(
        "mentoring.Order",
        verbose_name="приказ о поощрении",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="awards",
    )
    created_at = models.DateTimeField("внесено", auto_now_add=True)

    class Meta:
        verbose_name = "поощрение"
        verbose_name_plural = "поощрения"
        ordering = ["-academic_year__start_year", "nomination__order", "mentor__person__sort_key", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "academic_year", "mentor"], name="unique_award_per_year_nomination"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomination}: {self.mentor}"

    def clean(self) -> None:
        errors = {}
        if self.nomination_id and self.nomination.organization_id not in (None, self.organization_id):
            errors["nomination"] = ValidationError("Номинация другой организации.", code="foreign_nomination")
        if self.mentor_id and self.mentor.person.organization_id != self.organization_id:
            errors["mentor"] = ValidationError("Наставник другой организации.", code="foreign_mentor")
        if self.mentorship_id and self.mentorship.mentor_id != self.mentor_id:
            errors["mentorship"] = ValidationError("Это пара другого наставника.", code="foreign_pair")
        if self.nomination_id and self.nomination.for_pair and not self.mentorship_id:
            errors["mentorship"] = ValidationError("Для этой номинации укажите пару.", code="pair_required")
        if errors:
            raise ValidationError(errors)

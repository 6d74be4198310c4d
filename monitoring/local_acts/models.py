"""The organization's own documents of the programme — «Положение о наставничестве» and «Программа
наставничества» — as sections stored per organization and academic year: drafted from the portal's data,
edited by the director or the curator, frozen when the order approving them is signed."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from mentoring.models import AcademicYear, OrganizationScoped


class LocalAct(OrganizationScoped):
    class Kind(models.TextChoices):
        REGULATIONS = "regulations", "Положение о наставничестве"
        PROGRAMME = "programme", "Программа наставничества"

    kind = models.CharField("документ", max_length=20, choices=Kind.choices)
    academic_year = models.ForeignKey(AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT)
    approved_on = models.DateField("утверждён", null=True, blank=True)
    approval_reference = models.CharField("приказ об утверждении", max_length=200, blank=True)
    approved_order = models.ForeignKey(
        "mentoring.Order", verbose_name="приказ", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    frozen_html = models.TextField("текст на дату утверждения", blank=True, editable=False)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    class Meta:
        verbose_name = "положение / программа наставничества"
        verbose_name_plural = "положения и программы наставничества"
        ordering = ["-academic_year__start_year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind", "academic_year"], name="unique_local_act_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} на {self.academic_year.name} учебный год"

    @property
    def is_frozen(self) -> bool:
        return self.approved_on is not None


class LocalActSection(models.Model):
    act = models.ForeignKey(LocalAct, verbose_name="документ", on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField("код раздела", max_length=40)
    position = models.PositiveSmallIntegerField("порядок", default=0)
    title = models.CharField("заголовок", max_length=300)
    body = models.TextField(
        "текст",
        blank=True,
        max_length=30000,
        help_text="Абзацы разделяются пустой строкой; строка с «- » — пункт списка, с «1. » — пункт нумерованного "
        "списка; строки с «|» — таблица (первая строка — заголовки столбцов).",
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто изменил", on_delete=models.SET_NULL, null=True, blank=True
    )
    edited_at = models.DateTimeField("изменён", null=True, blank=True)

    class Meta:
        verbose_name = "раздел документа"
        verbose_name_plural = "разделы документа"
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["act", "key"], name="unique_local_act_section")]

    def __str__(self) -> str:
        return self.title

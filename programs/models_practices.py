"""The base of best practices (кейсы): what a completed pair did and achieved, published on the
organization's public page."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from mentoring.files import PRESENTATIONS, ContentValidator, RandomName, private_storage
from mentoring.models import OrganizationScoped


class Practice(OrganizationScoped):
    """A case written by the curator from a completed pair: problem → what was done → result."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Черновик"
        PUBLISHED = "published", "Опубликована"

    mentorship = models.ForeignKey(
        "programs.Mentorship",
        verbose_name="пара / группа",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
    )
    title = models.CharField("название практики", max_length=300)
    problem = models.TextField("проблема (запрос)")
    actions = models.TextField("что было сделано")
    result = models.TextField("результат")
    attachment = models.FileField(
        "приложение",
        storage=private_storage,
        upload_to=RandomName("practices"),
        blank=True,
        validators=[ContentValidator(PRESENTATIONS, 10, "Приложение")],
        help_text="Презентация, методическая разработка, фотоотчёт (PDF, DOCX, XLSX, PPTX, JPG, PNG), до 10 МБ.",
    )
    show_names = models.BooleanField(
        "указывать участников",
        default=True,
        help_text="Имена публикуются только у тех, кто дал согласие на публикацию.",
    )
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("опубликована", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="автор", on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)

    class Meta:
        verbose_name = "лучшая практика"
        verbose_name_plural = "лучшие практики"
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(published_at__isnull=False),
                name="practice_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.mentorship_id and self.mentorship.organization_id != self.organization_id:
            raise ValidationError({"mentorship": ValidationError("Пара другой организации.", code="foreign_pair")})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

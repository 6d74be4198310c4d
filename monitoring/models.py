"""Monitoring (seed 001 §6): questionnaires and answers, the 0–18 efficiency assessment, KPI targets."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from mentoring.models import AcademicYear, OrganizationScoped
from monitoring.efficiency import INDICATORS, efficiency_level, level_label
from participants.models import Person
from programs.models import Mentorship, Programme


class Questionnaire(OrganizationScoped):
    class Purpose(models.TextChoices):
        ENTRY = "entry", "Входное анкетирование (до начала программы)"
        EXIT = "exit", "Итоговое анкетирование (по завершении программы)"
        SATISFACTION = "satisfaction", "Удовлетворённость участием в программе"
        QUALITY = "quality", "Качество реализации программы"
        PREFERENCES = "preferences", "Выбор наставника / наставляемого после групповой встречи"
        COMPATIBILITY = "compatibility", "Совместимость после пробной встречи"

    class Audience(models.TextChoices):
        MENTOR = "mentor", "Наставники"
        MENTEE = "mentee", "Наставляемые"
        CURATOR = "curator", "Кураторы"
        PARTNER = "partner", "Представители организаций-партнёров"

    academic_year = models.ForeignKey(AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT)
    programme = models.ForeignKey(
        Programme,
        verbose_name="программа",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="questionnaires",
        help_text="Пусто — анкета для участников всех программ учебного года.",
    )
    title = models.CharField("название", max_length=300)
    purpose = models.CharField("назначение", max_length=20, choices=Purpose.choices)
    audience = models.CharField("кто заполняет", max_length=20, choices=Audience.choices)
    description = models.TextField("обращение к участнику", blank=True)
    baseline = models.ForeignKey(
        "self",
        verbose_name="входная анкета для сравнения",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followups",
        help_text="Для итоговой анкеты: с какой входной анкетой сравнивать ответы (по кодам вопросов).",
    )
    is_open = models.BooleanField("открыта для ответов", default=True)
    standard_key = models.SlugField("код стандартной анкеты", max_length=40, blank=True, editable=False)
    created_at = models.DateTimeField("создана", auto_now_add=True)

    class Meta:
        verbose_name = "анкета"
        verbose_name_plural = "анкеты"
        ordering = ["-academic_year__start_year", "purpose", "audience", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "academic_year", "standard_key"],
                condition=~models.Q(standard_key=""),
                name="unique_standard_questionnaire_per_year",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.programme_id and self.programme.organization_id != self.organization_id:
            errors["programme"] = ValidationError("Программа другой организации.", code="foreign_programme")
        if self.baseline_id:
            if self.baseline.organization_id != self.organization_id:
                errors["baseline"] = ValidationError("Анкета другой организации.", code="foreign_baseline")
            elif self.baseline.purpose != self.Purpose.ENTRY or self.purpose != self.Purpose.EXIT:
                errors["baseline"] = ValidationError(
                    "Сравнивать можно только итоговую анкету с входной.", code="baseline_purpose"
                )
        if errors:
            raise ValidationError(errors)


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE5 = "scale5", "Шкала 1–5"
        SCALE10 = "scale10", "Шкала 1–10"
        SINGLE = "single", "Один вариант ответа"
        MULTIPLE = "multiple", "Несколько вариантов ответа"
        TEXT = "text", "Открытый ответ"
        COUNTERPART = "counterpart", "Выбор наставника / наставляемого (до трёх, по приоритету)"

    SCALES = {Kind.SCALE5: 5, Kind.SCALE10: 10}

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name="анкета", on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField("№", default=0)
    text = models.CharField("вопрос", max_length=500)
    kind = models.CharField("вид", max_length=20, choices=Kind.choices, default=Kind.SCALE5)
    required = models.BooleanField("обязательный", default=True)
    options = models.TextField("варианты ответа", blank=True, help_text="Для выбора из вариантов: по одному в строке.")
    code = models.SlugField(
        "код для сравнения",
        max_length=40,
        blank=True,
        help_text="Одинаковый код во входной и итоговой анкете позволяет сравнить ответы.",
    )

    class Meta:
        verbose_name = "вопрос анкеты"
        verbose_name_plural = "вопросы анкеты"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    @property
    def scale_max(self) -> int | None:
        return self.SCALES.get(self.kind)

    @property
    def scale_range(self) -> range:
        return range(1, (self.scale_max or 0) + 1)

    def clean(self) -> None:
        if self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE) and len(self.option_list) < 2:
            raise ValidationError(
                {"options": ValidationError("Укажите не меньше двух вариантов, по одному в строке.", code="options")}
            )


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Response(models.Model):
    """One person's answers to one questionnaire: a draft while they fill it in, then submitted."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Заполняется"
        SUBMITTED = "submitted", "Ответ получен"

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name="анкета", on_delete=models.CASCADE, related_name="responses"
    )
    person = models.ForeignKey(
        Person, verbose_name="участник", on_delete=models.CASCADE, related_name="questionnaire_responses"
    )
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The personal one-time link for a student without an account: unguessable, expiring, spent on submit.
    token = models.CharField("персональная ссылка", max_length=64, unique=True, null=True, blank=True, editable=False)
    token_expires_at = models.DateTimeField("ссылка действует до", null=True, blank=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)
    submitted_at = models.DateTimeField("отправлен", null=True, blank=True)

    class Meta:
        verbose_name = "ответ на анкету"
        verbose_name_plural = "ответы на анкеты"
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "person"], name="one_response_per_person"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(submitted_at__isnull=False),
                name="submitted_response_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire}: {self.person}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    def token_is_valid(self) -> bool:
        return bool(self.token) and (self.token_expires_at is None or self.token_expires_at > timezone.now())


class Answer(models.Model):
    response = models.ForeignKey(Response, verbose_name="ответ", on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, verbose_name="вопрос", on_delete=models.CASCADE, related_name="answers")
    number = models.PositiveSmallIntegerField("балл", null=True, blank=True)
    text = models.TextField("текст", blank=True)
    choices = models.JSONField("выбранные варианты", default=list, blank=True)

    class Meta:
        verbose_name = "ответ на вопрос"
        verbose_name_plural = "ответы на вопросы"
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question"),
            models.CheckConstraint(
                condition=models.Q(number__isnull=True) | models.Q(number__gte=1, number__lte=10),
                name="answer_number_1_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.display}"

    @property
    def display(self) -> str:
        if self.number is not None:
            return str(self.number)
        if self.choices:
            return "; ".join(str(c) for c in self.choices)
        return self.text

    @property
    def is_empty(self) -> bool:
        return self.number is None and not self.text.strip() and not self.choices


class EfficiencyAssessment(OrganizationScoped):
    """The seed 001 table: nine indicators scored 0 / 1 / 2 — for a programme, or for one pair."""

    academic_year = models.ForeignKey(AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT)
    programme = models.ForeignKey(
        Programme, verbose_name="программа", on_delete=models.PROTECT, related_name="assessments"
    )
    mentorship = models.ForeignKey(
        Mentorship,
        verbose_name="пара / группа",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
        help_text="Пусто — оценка программы в целом.",
    )
    date = models.DateField("дата оценки", default=timezone.localdate)
    conclusion = models.TextField("выводы и рекомендации", blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="оценку провёл", on_delete=models.SET_NULL, null=True, blank=True
    )
    total = models.PositiveSmallIntegerField(
        "итого баллов", default=0, editable=False, validators=[MaxValueValidator(18)]
    )

    class Meta:
        verbose_name = "оценка эффективности (0–18 баллов)"
        verbose_name_plural = "оценки эффективности (0–18 баллов)"
        ordering = ["-academic_year__start_year", "-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "academic_year"],
                condition=models.Q(mentorship__isnull=True),
                name="one_programme_assessment_per_year",
            ),
            models.UniqueConstraint(
                fields=["mentorship", "academic_year"],
                condition=models.Q(mentorship__isnull=False),
                name="one_pair_assessment_per_year",
            ),
            models.CheckConstraint(condition=models.Q(total__lte=18), name="assessment_total_0_18"),
        ]

    def __str__(self) -> str:
        subject = f"пара {self.mentorship.mentor}" if self.mentorship_id else str(self.programme)
        return f"Оценка эффективности {self.academic_year}: {subject}"

    @property
    def level(self) -> str:
        return efficiency_level(self.total)

    @property
    def level_label(self) -> str:
        return level_label(self.level)

    @property
    def total_text(self) -> str:
        """«1 балл», «12 баллов», «14 баллов», «2 балла»."""
        n = self.total
        if n % 10 == 1 and n % 100 != 11:
            return f"{n} балл"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return f"{n} балла"
        return f"{n} баллов"

    def clean(self) -> None:
        errors = {}
        if self.programme_id and self.programme.organization_id != self.organization_id:
            errors["programme"] = ValidationError("Программа другой организации.", code="foreign_programme")
        if self.mentorship_id and self.programme_id and self.mentorship.programme_id != self.programme_id:
            errors["mentorship"] = ValidationError("Пара не входит в эту программу.", code="foreign_pair")
        if errors:
            raise ValidationError(errors)


class EfficiencyScore(models.Model):
    assessment = models.ForeignKey(
        EfficiencyAssessment, verbose_name="оценка", on_delete=models.CASCADE, related_name="scores"
    )
    indicator = models.PositiveSmallIntegerField(
        "показатель", choices=[(i.number, i.title) for i in INDICATORS], validators=[MinValueValidator(1)]
    )
    points = models.PositiveSmallIntegerField(
        "баллы",
        choices=[(2, "2 — проявляется в полной мере"), (1, "1 — частично проявляется"), (0, "0 — не проявляется")],
    )
    comment = models.TextField("комментарий", blank=True)

    class Meta:
        verbose_name = "балл по показателю"
        verbose_name_plural = "баллы по показателям"
        ordering = ["indicator"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"], name="one_score_per_indicator"),
            models.CheckConstraint(condition=models.Q(points__lte=2), name="score_points_0_2"),
            models.CheckConstraint(condition=models.Q(indicator__gte=1, indicator__lte=9), name="score_indicator_1_9"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.points}"


class Kpi(models.TextChoices):
    """Coverage and satisfaction indicators: seed 004's KPI table and seed 003's coverage of teachers."""

    STUDENTS = "students", "Доля обучающихся, вовлечённых в программы наставничества (наставники и наставляемые)"
    STUDENT_MENTEES = "student_mentees", "Доля обучающихся, вошедших в программы в роли наставляемого"
    STUDENT_MENTORS = "student_mentors", "Доля обучающихся, вошедших в программы в роли наставника"
    YOUNG_TEACHERS = (
        "young_teachers",
        "Доля педагогов – молодых специалистов, вошедших в программы в роли наставляемого",
    )
    TEACHERS = "teachers", "Доля педагогических работников, вовлечённых в программы наставничества"
    EMPLOYERS = (
        "employers",
        "Доля представителей работодателей из числа партнёров, вошедших в программы в роли наставника",
    )
    MENTEE_SATISFACTION = "mentee_satisfaction", "Уровень удовлетворённости наставляемых участием в программах"
    MENTOR_SATISFACTION = "mentor_satisfaction", "Уровень удовлетворённости наставников участием в программах"


class KpiTarget(OrganizationScoped):
    """A target value of one KPI for one academic year (seed 003 coverage, seed 004 table)."""

    indicator = models.CharField("показатель", max_length=30, choices=Kpi.choices)
    academic_year = models.ForeignKey(AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT)
    target_percent = models.PositiveSmallIntegerField(
        "целевое значение, %", validators=[MinValueValidator(0), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = "целевое значение показателя"
        verbose_name_plural = "целевые значения показателей"
        ordering = ["academic_year__start_year", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "indicator", "academic_year"], name="unique_kpi_target"),
            models.CheckConstraint(condition=models.Q(target_percent__lte=100), name="kpi_target_0_100"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.academic_year}: {self.target_percent} %"


# The Положение and the Программа of the organization (monitoring.local_acts), tables of this app.
from monitoring.local_acts.models import LocalAct, LocalActSection  # noqa: E402, F401

"""The roadmap («дорожная карта»): sections (by default the seven stages), numbered activities with
deadlines as written, responsible people and roles, status, evidence and comments."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mentoring.files import DOCUMENTS, ContentValidator, RandomName, file_type, private_storage
from mentoring.models import AcademicYear, OrganizationScoped, Role
from roadmap import deadlines

UPCOMING_DAYS = 14


class Stage(models.IntegerChoices):
    PREPARATION = 1, "Подготовка условий для запуска программы наставничества"
    MENTEE_BASE = 2, "Формирование базы наставляемых"
    MENTOR_BASE = 3, "Формирование базы наставников"
    MENTOR_TRAINING = 4, "Отбор и обучение наставников"
    PAIRING = 5, "Формирование наставнических пар или групп"
    WORK = 6, "Организация работы наставнических пар или групп"
    COMPLETION = 7, "Завершение наставничества"


class Roadmap(OrganizationScoped):
    title = models.CharField("наименование", max_length=500)
    template_key = models.CharField(
        "шаблон", max_length=60, blank=True, help_text="Ключ шаблона, из которого создана дорожная карта."
    )
    academic_year = models.ForeignKey(
        AcademicYear, verbose_name="учебный год (начало)", on_delete=models.PROTECT, related_name="+"
    )
    years = models.PositiveSmallIntegerField(
        "число учебных лет",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="Дорожная карта может охватывать несколько учебных лет (например, 2020–2024).",
    )
    approval_order_number = models.CharField("номер приказа об утверждении", max_length=50, blank=True)
    approval_order_date = models.DateField("дата приказа об утверждении", null=True, blank=True)
    created_at = models.DateTimeField("создана", auto_now_add=True)

    class Meta:
        verbose_name = "дорожная карта"
        verbose_name_plural = "дорожные карты"
        ordering = ["-academic_year__start_year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "template_key", "academic_year"],
                condition=~Q(template_key=""),
                name="roadmap_template_once_per_year",
            ),
            models.CheckConstraint(condition=Q(years__gte=1, years__lte=10), name="roadmap_years_1_10"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period_name})"

    def get_absolute_url(self) -> str:
        return reverse("roadmap:detail", kwargs={"pk": self.pk})

    @property
    def first_year(self) -> int:
        return self.academic_year.start_year

    @property
    def last_year(self) -> int:
        return self.academic_year.start_year + self.years - 1

    @property
    def period_name(self) -> str:
        if self.years == 1:
            return f"{self.first_year}/{self.first_year + 1} учебный год"
        return f"{self.first_year}/{self.first_year + 1}–{self.last_year}/{self.last_year + 1} учебные годы"

    @property
    def start_date(self) -> datetime.date:
        return datetime.date(self.first_year, 9, 1)

    @property
    def end_date(self) -> datetime.date:
        return datetime.date(self.last_year + 1, 8, 31)


class AcademicCalendar(OrganizationScoped):
    """An organization's calendar of one academic year: quarters, trimesters or semesters and the
    holidays between them. Without one the federal recommendation applies (roadmap.deadlines)."""

    class System(models.TextChoices):
        QUARTERS = "quarters", "четверти"
        TRIMESTERS = "trimesters", "триместры"
        SEMESTERS = "semesters", "семестры"

    academic_year = models.ForeignKey(
        AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT, related_name="+"
    )
    system = models.CharField("деление года", max_length=12, choices=System.choices, default=System.QUARTERS)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    class Meta:
        verbose_name = "календарный учебный график"
        verbose_name_plural = "календарные учебные графики"
        constraints = [
            models.UniqueConstraint(fields=["organization", "academic_year"], name="academic_calendar_once_per_year")
        ]

    def __str__(self) -> str:
        return f"Календарный учебный график на {self.academic_year.name} учебный год"


class CalendarPeriod(models.Model):
    class Kind(models.TextChoices):
        TERM = "term", "учебный период"
        HOLIDAYS = "holidays", "каникулы"

    class Holidays(models.TextChoices):
        AUTUMN = "autumn", "осенние"
        WINTER = "winter", "зимние"
        SPRING = "spring", "весенние"
        SUMMER = "summer", "летние"
        EXTRA = "extra", "дополнительные"

    calendar = models.ForeignKey(
        AcademicCalendar, verbose_name="график", on_delete=models.CASCADE, related_name="periods"
    )
    kind = models.CharField("вид", max_length=10, choices=Kind.choices)
    number = models.PositiveSmallIntegerField("номер периода", default=0)
    holidays = models.CharField("каникулы", max_length=10, choices=Holidays.choices, blank=True)
    name = models.CharField("наименование", max_length=100)
    start = models.DateField("начало")
    end = models.DateField("окончание")

    class Meta:
        verbose_name = "период учебного года"
        verbose_name_plural = "периоды учебного года"
        ordering = ["calendar", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="calendar_period_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"


class Section(models.Model):
    """A group of activities: a stage of the model, or the roadmap's own heading («Мониторинг…»)."""

    roadmap = models.ForeignKey(
        Roadmap, verbose_name="дорожная карта", on_delete=models.CASCADE, related_name="sections"
    )
    number = models.CharField("номер", max_length=10, blank=True)
    title = models.TextField("наименование раздела")
    description = models.TextField("задача и результат раздела", blank=True)
    stage = models.PositiveSmallIntegerField("этап целевой модели", choices=Stage.choices, null=True, blank=True)
    position = models.PositiveIntegerField("порядок")

    class Meta:
        verbose_name = "раздел дорожной карты"
        verbose_name_plural = "разделы дорожной карты"
        ordering = ["roadmap", "position"]
        constraints = [models.UniqueConstraint(fields=["roadmap", "position"], name="section_position_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


class RoadmapEvent(models.Model):
    """An event that relative deadlines count from («Издание приказа о внедрении целевой модели»).
    Its date is set by the curator — or, later, by the orders feature when the order is signed."""

    MAIN = "order"

    roadmap = models.ForeignKey(Roadmap, verbose_name="дорожная карта", on_delete=models.CASCADE, related_name="events")
    key = models.SlugField("код", max_length=40)
    title = models.CharField("событие", max_length=300)
    happened_on = models.DateField("дата события", null=True, blank=True)
    reference = models.CharField("документ (реквизиты)", max_length=300, blank=True)

    class Meta:
        verbose_name = "событие дорожной карты"
        verbose_name_plural = "события дорожной карты"
        ordering = ["roadmap", "pk"]
        constraints = [models.UniqueConstraint(fields=["roadmap", "key"], name="roadmap_event_key_unique")]

    def __str__(self) -> str:
        return self.title


class ActivityQuerySet(models.QuerySet):
    def open(self) -> ActivityQuerySet:
        return self.filter(status__in=Activity.OPEN_STATUSES)

    def overdue(self, today: datetime.date) -> ActivityQuerySet:
        return self.open().filter(due_date__lt=today)

    def upcoming(self, today: datetime.date, days: int = UPCOMING_DAYS) -> ActivityQuerySet:
        return self.open().filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=days))

    def assigned_to(self, user) -> ActivityQuerySet:
        """«Мои задачи»: the user is named, or holds a portal role the activity is mapped to."""
        roles = [r for r in user.role_names if r != Role.REGION]
        return self.filter(
            Q(responsible_users=user) | Q(responsible_roles__role__in=roles),
            roadmap__organization_id=user.organization_id,
        ).distinct()


class Activity(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Запланировано"
        IN_PROGRESS = "in_progress", "Выполняется"
        DONE = "done", "Выполнено"
        CANCELLED = "cancelled", "Отменено"

    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    roadmap = models.ForeignKey(
        Roadmap, verbose_name="дорожная карта", on_delete=models.CASCADE, related_name="activities"
    )
    section = models.ForeignKey(Section, verbose_name="раздел", on_delete=models.CASCADE, related_name="activities")
    number = models.CharField("№", max_length=12)
    position = models.PositiveIntegerField("порядок")
    title = models.TextField("мероприятие")
    stage = models.PositiveSmallIntegerField("этап целевой модели", choices=Stage.choices, null=True, blank=True)
    deadline_text = models.CharField(
        "сроки (как в документе)", max_length=300, blank=True, help_text="Например: «Октябрь-май», «до 10.10.2025»."
    )
    deadline_data = models.JSONField(
        "срок, заданный вручную",
        null=True,
        blank=True,
        editable=False,
        help_text="Разобранный срок (дата, месяцы, повторение, после события); пусто — срок читается из формулировки.",
    )
    deadline_note = models.CharField(
        "срок в документе-образце",
        max_length=300,
        blank=True,
        help_text="Как срок записан в шаблоне, из которого загружена дорожная карта.",
    )
    deadline_kind = models.CharField(
        "вид срока", max_length=12, choices=deadlines.Kind.CHOICES, default=deadlines.Kind.UNPARSED, editable=False
    )
    year_shift = models.SmallIntegerField(
        "сдвиг лет шаблона", default=0, editable=False, help_text="На сколько лет сдвинуты годы, записанные в шаблоне."
    )
    anchor_event = models.ForeignKey(
        RoadmapEvent,
        verbose_name="отсчитывается от события",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependent_activities",
    )
    anchor_activity = models.ForeignKey(
        "self",
        verbose_name="отсчитывается от выполнения мероприятия",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependent_activities",
    )
    window_start = models.DateField("начало срока", null=True, blank=True, editable=False)
    due_date = models.DateField("срок (вычисленный)", null=True, blank=True, editable=False, db_index=True)
    responsible_text = models.TextField("ответственные (как в документе)", blank=True)
    responsible_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="ответственные сотрудники", blank=True, related_name="roadmap_activities"
    )
    result = models.TextField("ожидаемый результат / вид документа", blank=True)
    result_order_kind = models.CharField(
        "приказ-результат",
        max_length=20,
        blank=True,
        help_text="Вид приказа, подписание которого выполняет мероприятие.",
    )
    status = models.CharField("статус", max_length=12, choices=Status.choices, default=Status.PLANNED)
    completed_on = models.DateField("дата выполнения", null=True, blank=True)
    evidence_file = models.FileField(
        "подтверждающий файл",
        storage=private_storage,
        upload_to=RandomName("roadmap"),
        blank=True,
        validators=[ContentValidator(DOCUMENTS, 10, "Файл")],
    )
    evidence_url = models.URLField("ссылка на подтверждение", max_length=500, blank=True)
    evidence_note = models.CharField(
        "документ-подтверждение", max_length=500, blank=True, help_text="Например: «Приказ от 01.09.2025 № 112-ОД»."
    )
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = "мероприятие дорожной карты"
        verbose_name_plural = "мероприятия дорожной карты"
        ordering = ["roadmap", "position"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "number"], name="activity_number_unique"),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(completed_on__isnull=False), name="done_activity_has_date"
            ),
            models.CheckConstraint(
                condition=Q(anchor_event__isnull=True) | Q(anchor_activity__isnull=True), name="activity_one_anchor"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("roadmap:activity", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.status == self.Status.DONE and not self.completed_on:
            raise ValidationError(
                {"completed_on": ValidationError("Укажите дату выполнения.", code="completed_on_required")}
            )
        if self.anchor_activity_id and self.anchor_activity_id == self.pk:
            raise ValidationError(
                {"anchor_activity": ValidationError("Мероприятие не может зависеть от себя.", code="self_anchor")}
            )

    @property
    def deadline(self) -> deadlines.Deadline:
        """Entered by hand (``deadline_data``) or read from the wording."""
        if self.deadline_data:
            return deadlines.Deadline.from_data(self.deadline_text, self.deadline_data)
        return deadlines.parse(self.deadline_text)

    @property
    def deadline_understood(self) -> str:
        return deadlines.describe(self.deadline)

    @property
    def without_deadline(self) -> bool:
        return self.deadline_kind == deadlines.Kind.NONE

    @property
    def deadline_flagged(self) -> bool:
        return self.deadline_kind == deadlines.Kind.UNPARSED

    @property
    def waiting_for_anchor(self) -> bool:
        return self.deadline_kind == deadlines.Kind.RELATIVE and self.due_date is None

    @property
    def anchor_date(self) -> datetime.date | None:
        if self.anchor_activity_id:
            return self.anchor_activity.completed_on if self.anchor_activity.status == self.Status.DONE else None
        if self.anchor_event_id:
            return self.anchor_event.happened_on
        return None

    def resolve_deadline(self, today: datetime.date, calendars: deadlines.CalendarSource | None = None) -> None:
        """Recompute kind, window and due date from the wording (or the deadline entered by hand), the
        template's year shift, the anchor and the organization's academic calendar."""
        parsed = self.deadline
        self.deadline_kind = parsed.kind
        if calendars is None:
            from roadmap.academic_calendar import calendars_for  # the calendar module reads these models

            calendars = calendars_for(self.roadmap.organization_id)
        window = deadlines.resolve(
            parsed,
            first_year=self.roadmap.first_year,
            last_year=self.roadmap.last_year,
            year_shift=self.year_shift,
            anchor_date=self.anchor_date if parsed.kind == deadlines.Kind.RELATIVE else None,
            today=today,
            calendars=calendars,
        )
        self.window_start, self.due_date = window.start, window.due

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < today

    STATE_BADGES = {
        Status.PLANNED: "text-bg-light border",
        Status.IN_PROGRESS: "text-bg-primary",
        Status.DONE: "text-bg-success",
        Status.CANCELLED: "text-bg-secondary",
    }

    @property
    def state_label(self) -> str:
        """The status as the curator reads it: «Просрочено» is computed, never stored."""
        return "Просрочено" if self.is_overdue(timezone.localdate()) else self.get_status_display()

    @property
    def state_badge(self) -> str:
        return "text-bg-danger" if self.is_overdue(timezone.localdate()) else self.STATE_BADGES[self.status]

    @property
    def evidence_filename(self) -> str:
        """The name a download gets (the name on disk is random): «1.2 — подтверждение.pdf»."""
        if not self.evidence_file:
            return ""
        ext = file_type(self.evidence_file)
        return f"{self.number} — подтверждение" + (f".{ext}" if ext else "")

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_file or self.evidence_url or self.evidence_note)


class ActivityRole(models.Model):
    """A portal role a written responsible («Педагог-психолог») is mapped to, for «Мои задачи»."""

    activity = models.ForeignKey(
        Activity, verbose_name="мероприятие", on_delete=models.CASCADE, related_name="responsible_roles"
    )
    role = models.CharField("роль", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "ответственная роль"
        verbose_name_plural = "ответственные роли"
        constraints = [models.UniqueConstraint(fields=["activity", "role"], name="activity_role_unique")]

    def __str__(self) -> str:
        return self.get_role_display()


class ActivityComment(models.Model):
    activity = models.ForeignKey(
        Activity, verbose_name="мероприятие", on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="автор", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField("комментарий", max_length=4000)
    created_at = models.DateTimeField("добавлен", auto_now_add=True)

    class Meta:
        verbose_name = "комментарий к мероприятию"
        verbose_name_plural = "комментарии к мероприятиям"
        ordering = ["activity", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

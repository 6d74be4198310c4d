"""Forms of mentoring, programmes, pairs and groups, meetings with feedback, development plans."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from mentoring.files import DOCUMENTS, ContentValidator, RandomName, private_storage
from mentoring.models import AcademicYear, Organization, OrganizationScoped
from participants.models import MenteeProfile, MentorProfile

# «не реже одного раза в две недели» (seeds 003, 004)
MAX_DAYS_BETWEEN_MEETINGS = 14


class MentoringForm(models.Model):
    """«ученик – ученик», «учитель – учитель»… A standard form has no organization; an
    organization may add its own."""

    class Rule(models.TextChoices):
        NONE = "", "нет"
        HIGHER_GRADE = "higher_grade", "наставник учится в более старшем классе (на старшем курсе)"
        MORE_EXPERIENCE = "more_experience", "у наставника больше педагогический стаж"

    class Side(models.TextChoices):
        STUDENT = "student", "обучающийся"
        TEACHER = "teacher", "педагог"
        EMPLOYER = "employer", "представитель работодателя"
        ANY = "any", "любой участник"

    organization = models.ForeignKey(
        Organization,
        verbose_name="организация",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text="Пусто — стандартная форма, доступная всем организациям.",
    )
    name = models.CharField("название", max_length=100)
    mentor_side = models.CharField("наставник", max_length=20, choices=Side.choices, default=Side.ANY)
    mentee_side = models.CharField("наставляемый", max_length=20, choices=Side.choices, default=Side.ANY)
    rule = models.CharField("обязательное правило подбора", max_length=20, choices=Rule.choices, blank=True)
    allows_groups = models.BooleanField(
        "допускаются группы",
        default=True,
        help_text="Снимите отметку, если в этой форме наставник работает только с одним наставляемым (пары).",
    )
    goal = models.TextField("цель", blank=True)
    tasks = models.TextField("задачи", blank=True)
    expected_results = models.TextField("ожидаемые результаты", blank=True)
    source = models.CharField("источник", max_length=200, blank=True)
    order = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "форма наставничества"
        verbose_name_plural = "формы наставничества"
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="unique_form_name")]

    def __str__(self) -> str:
        return f"«{self.name}»"


class InteractionVariant(models.Model):
    form = models.ForeignKey(MentoringForm, verbose_name="форма", on_delete=models.CASCADE, related_name="variants")
    name = models.CharField("вариант", max_length=200)
    goal = models.TextField("цель", blank=True)
    order = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "вариант взаимодействия"
        verbose_name_plural = "варианты взаимодействия"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return f"«{self.name}»"


class OrganizationForm(OrganizationScoped):
    """The forms an organization runs."""

    form = models.ForeignKey(MentoringForm, verbose_name="форма", on_delete=models.CASCADE)

    class Meta:
        verbose_name = "форма, реализуемая организацией"
        verbose_name_plural = "формы, реализуемые организациями"
        constraints = [models.UniqueConstraint(fields=["organization", "form"], name="unique_organization_form")]

    def __str__(self) -> str:
        return str(self.form)


class Programme(OrganizationScoped):
    class Status(models.TextChoices):
        DRAFT = "draft", "Черновик"
        ACTIVE = "active", "Реализуется"
        COMPLETED = "completed", "Завершена"

    form = models.ForeignKey(MentoringForm, verbose_name="форма наставничества", on_delete=models.PROTECT)
    academic_year = models.ForeignKey(AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT)
    title = models.CharField("название", max_length=300)
    curator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="куратор формы",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="curated_programmes",
    )
    start_date = models.DateField("начало")
    end_date = models.DateField("окончание")
    goal = models.TextField("цель", blank=True)
    tasks = models.TextField("задачи", blank=True)
    expected_results = models.TextField("ожидаемые результаты", blank=True)
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.DRAFT)

    class Meta:
        verbose_name = "программа наставничества"
        verbose_name_plural = "программы наставничества"
        ordering = ["-academic_year__start_year", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="programme_dates"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": ValidationError("Окончание раньше начала.", code="dates")})
        if self.form_id and self.form.organization_id not in (None, self.organization_id):
            raise ValidationError({"form": ValidationError("Форма другой организации.", code="foreign_form")})


class Mentorship(OrganizationScoped):
    """A pair (one mentee) or a group (several) with one mentor."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Черновик"
        FIXED = "fixed", "Закреплена приказом"
        ACTIVE = "active", "Работает"
        COMPLETED = "completed", "Завершена"
        ENDED_EARLY = "ended_early", "Прекращена досрочно"

    OPEN = (Status.DRAFT, Status.FIXED, Status.ACTIVE)
    WORKING = (Status.FIXED, Status.ACTIVE)

    programme = models.ForeignKey(Programme, verbose_name="программа", on_delete=models.PROTECT, related_name="pairs")
    mentor = models.ForeignKey(MentorProfile, verbose_name="наставник", on_delete=models.PROTECT, related_name="pairs")
    variant = models.ForeignKey(
        InteractionVariant, verbose_name="вариант взаимодействия", on_delete=models.SET_NULL, null=True, blank=True
    )
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.DRAFT)
    start_date = models.DateField("начало", default=timezone.localdate)
    end_date = models.DateField("окончание", null=True, blank=True)
    end_reason = models.TextField("причина досрочного прекращения", blank=True)
    fixed_by = models.CharField("приказ о закреплении", max_length=200, blank=True)
    order = models.ForeignKey(
        "mentoring.Order",
        verbose_name="приказ о закреплении",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentorships",
    )
    reflection = models.TextField("рефлексия по итогам", blank=True)
    score = models.PositiveSmallIntegerField("совместимость при подборе", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто создал", on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)

    class Meta:
        verbose_name = "наставническая пара / группа"
        verbose_name_plural = "наставнические пары и группы"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.mentor} — {self.get_kind_display()}"

    def get_kind_display(self) -> str:
        return "группа" if len(self.active_members) > 1 else "пара"

    @property
    def active_members(self) -> list[MentorshipMember]:
        return [m for m in self.members.all() if m.is_active]

    @property
    def shown_members(self) -> list[MentorshipMember]:
        """Who the lists name: the current mentees, or for a closed pair those who were in it at its end."""
        # Sorted here, not by the query: the lists prefetch members with their people already loaded.
        members = sorted(self.members.all(), key=lambda m: (m.mentee.person.sort_key, m.pk))
        if self.is_open:
            return [m for m in members if m.is_active]
        return [m for m in members if m.is_active or m.left_on == self.end_date] or members

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class MentorshipMember(models.Model):
    """A mentee in a pair or group. The programme is repeated here so the database itself can
    refuse a mentee in two open pairs of one programme."""

    mentorship = models.ForeignKey(
        Mentorship, verbose_name="пара / группа", on_delete=models.CASCADE, related_name="members"
    )
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, editable=False)
    mentee = models.ForeignKey(
        MenteeProfile, verbose_name="наставляемый", on_delete=models.PROTECT, related_name="memberships"
    )
    is_active = models.BooleanField("в паре", default=True)
    joined_on = models.DateField("с", default=timezone.localdate)
    left_on = models.DateField("по", null=True, blank=True)

    class Meta:
        verbose_name = "участник пары / группы"
        verbose_name_plural = "участники пар и групп"
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "mentee"], condition=models.Q(is_active=True), name="one_open_pair_per_programme"
            ),
        ]
        # Who was still in the pair on a meeting's day, per meeting, read from the index alone.
        indexes = [models.Index(fields=["mentorship", "left_on"], name="member_pair_left")]

    def __str__(self) -> str:
        return str(self.mentee)

    def save(self, *args, **kwargs) -> None:
        self.programme_id = self.mentorship.programme_id
        super().save(*args, **kwargs)


class Meeting(models.Model):
    class Kind(models.TextChoices):
        INTRO = "intro", "Встреча-знакомство"
        TRIAL = "trial", "Пробная рабочая встреча"
        PLANNING = "planning", "Встреча-планирование"
        WORKING = "working", "Рабочая встреча"
        FINAL = "final", "Итоговая встреча"

    class Format(models.TextChoices):
        OFFLINE = "offline", "очно"
        ONLINE = "online", "онлайн"

    SEQUENCE = [Kind.INTRO, Kind.TRIAL, Kind.PLANNING]
    # Before the pairs order only these take place (seed 000 stage 5, seed 004 item 5.3): they test the
    # compatibility the order then fixes.
    DRAFT_KINDS = (Kind.TRIAL, Kind.PLANNING)

    mentorship = models.ForeignKey(
        Mentorship, verbose_name="пара / группа", on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField("вид встречи", max_length=20, choices=Kind.choices, default=Kind.WORKING)
    starts_at = models.DateTimeField("дата и время")
    duration_minutes = models.PositiveSmallIntegerField(
        "длительность, мин", default=45, validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    format = models.CharField("формат", max_length=10, choices=Format.choices, default=Format.OFFLINE)
    topic = models.CharField("тема", max_length=300)
    summary = models.TextField("итоги встречи", blank=True)
    attachment = models.FileField(
        "файл",
        storage=private_storage,
        upload_to=RandomName("meetings"),
        blank=True,
        validators=[ContentValidator(DOCUMENTS, 10, "Файл")],
        help_text="PDF, JPG, PNG, DOCX или XLSX, до 10 МБ.",
    )
    attendees = models.ManyToManyField(
        MenteeProfile,
        verbose_name="присутствовали",
        blank=True,
        related_name="attended_meetings",
        help_text="Наставляемые группы, которые были на встрече. Пусто — отметка не велась (все участники).",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "встреча"
        verbose_name_plural = "встречи"
        ordering = ["-starts_at"]
        # A pair's meetings by date: its last meeting (quiet pairs), its past ones (missing feedback), its page.
        indexes = [models.Index(fields=["mentorship", "starts_at"], name="meeting_pair_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.starts_at):%d.%m.%Y}"

    def was_attended_by(self, mentee: MenteeProfile) -> bool:
        """Without an attendance mark (a pair, or a group meeting logged without one) everyone counts."""
        attendees = [a.pk for a in self.attendees.all()]
        return not attendees or mentee.pk in attendees

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)


class Feedback(models.Model):
    class Author(models.TextChoices):
        MENTOR = "mentor", "наставник"
        MENTEE = "mentee", "наставляемый"

    meeting = models.ForeignKey(Meeting, verbose_name="встреча", on_delete=models.CASCADE, related_name="feedback")
    author = models.CharField("от кого", max_length=10, choices=Author.choices)
    mentee = models.ForeignKey(
        MenteeProfile,
        verbose_name="наставляемый",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text="Для отзыва наставляемого.",
    )
    rating = models.PositiveSmallIntegerField("оценка", validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField("комментарий", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "обратная связь"
        verbose_name_plural = "обратная связь"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"], condition=models.Q(author="mentor"), name="one_mentor_feedback"
            ),
            models.UniqueConstraint(
                fields=["meeting", "mentee"], condition=models.Q(author="mentee"), name="one_feedback_per_mentee"
            ),
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_5"),
            models.CheckConstraint(
                condition=models.Q(author="mentor", mentee__isnull=True)
                | models.Q(author="mentee", mentee__isnull=False),
                name="feedback_author_matches_mentee",
            ),
        ]
        # Covers «has the mentor written, how many mentees have» per meeting without reading the rows: the
        # missing-feedback count of a region school's 6,000 meetings, on every leader's home page.
        indexes = [models.Index(fields=["meeting", "author"], name="feedback_meeting_author")]

    def __str__(self) -> str:
        return f"{self.get_author_display()}: {self.rating}"


class PlanGoal(models.Model):
    """A goal of the pair's development plan (ИПР, «персонализированная программа»)."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Запланирована"
        IN_PROGRESS = "in_progress", "В работе"
        DONE = "done", "Достигнута"
        DROPPED = "dropped", "Снята"

    mentorship = models.ForeignKey(
        Mentorship, verbose_name="пара / группа", on_delete=models.CASCADE, related_name="goals"
    )
    title = models.CharField("цель", max_length=300)
    actions = models.TextField("что делаем", blank=True)
    deadline = models.DateField("срок")
    result = models.TextField("результат", blank=True)
    progress = models.PositiveSmallIntegerField(
        "выполнено, %", default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.PLANNED)
    order = models.PositiveSmallIntegerField("№", default=0)

    class Meta:
        verbose_name = "цель плана развития"
        verbose_name_plural = "цели плана развития"
        ordering = ["order", "deadline", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__gte=0, progress__lte=100), name="goal_progress_0_100")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS) and self.deadline < timezone.localdate()


class Preference(OrganizationScoped):
    """A choice named in the preference questionnaire after the group meeting: a mentee naming a
    mentor, or a mentor naming a mentee. Both directions make a mutual choice, which weighs most."""

    class Direction(models.TextChoices):
        MENTEE_CHOSE = "mentee", "наставляемый выбрал наставника"
        MENTOR_CHOSE = "mentor", "наставник выбрал наставляемого"

    mentee = models.ForeignKey(MenteeProfile, on_delete=models.CASCADE, related_name="preferences")
    mentor = models.ForeignKey(MentorProfile, on_delete=models.CASCADE, related_name="preferences")
    direction = models.CharField("кто выбрал", max_length=10, choices=Direction.choices)
    rank = models.PositiveSmallIntegerField(
        "приоритет", default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "выбор после групповой встречи"
        verbose_name_plural = "выборы после групповой встречи"
        constraints = [
            models.UniqueConstraint(fields=["mentee", "mentor", "direction"], name="unique_preference"),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()}: {self.mentee} / {self.mentor}"


class MatchingProposal(OrganizationScoped):
    """A whole-cohort assignment proposed by the optimizer, waiting for the curator's review."""

    class Status(models.TextChoices):
        DRAFT = "draft", "На рассмотрении"
        CONFIRMED = "confirmed", "Подтверждено"
        DISCARDED = "discarded", "Отклонено"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="proposals")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    # [{"mentee": id, "mentor": id | null, "score": int}]
    assignments = models.JSONField(default=list)
    total_score = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "предложение распределения"
        verbose_name_plural = "предложения распределения"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Распределение от {timezone.localtime(self.created_at):%d.%m.%Y %H:%M}"


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    """A private, revocable address of a user's meetings feed (iCalendar)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token")
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ссылка на календарь"
        verbose_name_plural = "ссылки на календари"

    def __str__(self) -> str:
        return f"Календарь {self.user}"

    def rotate(self) -> None:
        self.token = _new_token()
        self.save(update_fields=["token"])


from programs.models_awards import Award, Nomination  # noqa: E402, F401  (registered with the app)
from programs.models_practices import Practice  # noqa: E402, F401

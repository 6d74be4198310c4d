"""The core: regions, organizations, academic years, users and their roles."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property

from mentoring.files import RandomName, private_storage
from mentoring.text import name_order, normalize_search


class Role(models.TextChoices):
    """A user's roles inside their organization; REGION is the one role that spans organizations."""

    DIRECTOR = "director", "Директор"
    CURATOR = "curator", "Куратор программы наставничества"
    FORM_CURATOR = "form_curator", "Куратор формы наставничества"
    PSYCHOLOGIST = "psychologist", "Педагог-психолог"
    STAFF = "staff", "Сотрудник (списки и импорт)"
    MENTOR = "mentor", "Наставник"
    MENTEE = "mentee", "Наставляемый"
    # A parent of a minor participant: sees only their own child (participants.Guardian).
    PARENT = "parent", "Родитель (законный представитель)"
    REGION = "region", "Региональный координатор"


# Which role's home page a user with several roles lands on first.
ROLE_PRIORITY = [
    Role.DIRECTOR,
    Role.CURATOR,
    Role.FORM_CURATOR,
    Role.PSYCHOLOGIST,
    Role.STAFF,
    Role.MENTOR,
    Role.MENTEE,
    Role.PARENT,
    Role.REGION,
]


class Region(models.Model):
    """A municipality or region whose coordinator sees aggregate figures of its organizations."""

    name = models.CharField("название", max_length=200, unique=True)

    class Meta:
        verbose_name = "муниципалитет / регион"
        verbose_name_plural = "муниципалитеты / регионы"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", "Общеобразовательная организация"
        COLLEGE = "college", "Профессиональная образовательная организация (СПО)"
        SUPPLEMENTARY = "supplementary", "Организация дополнительного образования"

    name = models.CharField("полное наименование", max_length=500)
    short_name = models.CharField("краткое наименование", max_length=200)
    slug = models.SlugField(
        "код в адресе",
        max_length=60,
        unique=True,
        help_text="Латинские буквы, цифры и дефис; используется в адресе публичной страницы.",
    )
    kind = models.CharField("тип", max_length=20, choices=Kind.choices, default=Kind.SCHOOL)
    region = models.ForeignKey(
        Region,
        verbose_name="муниципалитет / регион",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
    )
    # Requisites printed in the heading of orders and consent forms.
    address = models.CharField("юридический адрес", max_length=500, blank=True)
    inn = models.CharField("ИНН", max_length=12, blank=True)
    ogrn = models.CharField("ОГРН", max_length=15, blank=True)
    phone = models.CharField("телефон", max_length=50, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    website = models.URLField("сайт", blank=True)
    # The title and the head's position as sentences of documents need them («даю согласие
    # Муниципальному бюджетному …», «Директору …»): pre-filled by mentoring.names.inflect_phrase,
    # corrected by the director where the dictionary is wrong; blank means «decline automatically».
    name_genitive = models.CharField(
        "полное наименование в родительном падеже", max_length=500, blank=True, help_text="Кого? чего? — «…учреждения»."
    )
    name_dative = models.CharField(
        "полное наименование в дательном падеже", max_length=500, blank=True, help_text="Кому? чему? — «…учреждению»."
    )
    director_position = models.CharField("должность руководителя", max_length=200, default="Директор")
    director_position_genitive = models.CharField(
        "должность руководителя в родительном падеже", max_length=200, blank=True, help_text="«директора»"
    )
    director_position_dative = models.CharField(
        "должность руководителя в дательном падеже", max_length=200, blank=True, help_text="«Директору»"
    )
    is_active = models.BooleanField("работает в портале", default=True)

    class Meta:
        verbose_name = "образовательная организация"
        verbose_name_plural = "образовательные организации"
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name

    def save(self, *args, **kwargs) -> None:
        self.fill_title_cases()
        super().save(*args, **kwargs)

    def fill_title_cases(self, *, force: bool = False) -> None:
        """Declines the full name and the head's position into the blank case fields (all of them
        with ``force``, after the nominative changed)."""
        from mentoring.names import inflect_phrase

        for field, source, case in (
            ("name_genitive", self.name, "genitive"),
            ("name_dative", self.name, "dative"),
            ("director_position_genitive", self.director_position, "genitive"),
            ("director_position_dative", self.director_position, "dative"),
        ):
            if force or not getattr(self, field).strip():
                setattr(self, field, inflect_phrase(source or "", case))

    def clean(self) -> None:
        if self.inn and (not self.inn.isdigit() or len(self.inn) not in (10, 12)):
            raise ValidationError({"inn": ValidationError("ИНН состоит из 10 или 12 цифр.", code="invalid_inn")})
        if self.ogrn and (not self.ogrn.isdigit() or len(self.ogrn) not in (13, 15)):
            raise ValidationError({"ogrn": ValidationError("ОГРН состоит из 13 или 15 цифр.", code="invalid_ogrn")})

    @property
    def is_school(self) -> bool:
        return self.kind == self.Kind.SCHOOL

    def name_in(self, case: str) -> str:
        """The full name in a case: the stored form the director checked, else the declined one."""
        from mentoring.names import inflect_phrase

        stored = {"genitive": self.name_genitive, "dative": self.name_dative}.get(case, "")
        return stored.strip() or inflect_phrase(self.name, case)

    def director_position_in(self, case: str) -> str:
        from mentoring.names import inflect_phrase

        stored = {"genitive": self.director_position_genitive, "dative": self.director_position_dative}.get(case, "")
        return stored.strip() or inflect_phrase(self.director_position or "Директор", case)

    @property
    def name_genitive_text(self) -> str:
        return self.name_in("genitive")

    @property
    def name_dative_text(self) -> str:
        return self.name_in("dative")

    @property
    def director_position_genitive_text(self) -> str:
        return self.director_position_in("genitive")

    @property
    def director_position_dative_text(self) -> str:
        return self.director_position_in("dative")


class AcademicYearQuerySet(models.QuerySet):
    def containing(self, day: datetime.date) -> AcademicYearQuerySet:
        return self.filter(start_date__lte=day, end_date__gte=day)


class AcademicYear(models.Model):
    """«2025/2026»: 1 September – 31 August. Shared by all organizations, like the calendar."""

    start_year = models.PositiveSmallIntegerField("год начала", unique=True)
    start_date = models.DateField("начало")
    end_date = models.DateField("окончание")

    objects = AcademicYearQuerySet.as_manager()

    class Meta:
        verbose_name = "учебный год"
        verbose_name_plural = "учебные годы"
        ordering = ["-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")), name="year_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return f"{self.start_year}/{self.start_year + 1}"

    @staticmethod
    def start_year_for(day: datetime.date) -> int:
        return day.year if day.month >= 9 else day.year - 1

    @classmethod
    def for_date(cls, day: datetime.date) -> AcademicYear:
        """The academic year containing the day, created with standard dates when missing."""
        start_year = cls.start_year_for(day)
        year, _ = cls.objects.get_or_create(
            start_year=start_year,
            defaults={
                "start_date": datetime.date(start_year, 9, 1),
                "end_date": datetime.date(start_year + 1, 8, 31),
            },
        )
        return year

    @classmethod
    def current(cls) -> AcademicYear:
        return cls.for_date(timezone.localdate())

    @classmethod
    def parse_name(cls, text: str) -> int:
        """«2025/2026» → 2025; raises ValueError with a Russian message otherwise."""
        parts = text.strip().replace("-", "/").split("/")
        if len(parts) != 2 or not all(p.isdigit() and len(p) == 4 for p in parts):
            raise ValueError(f"Учебный год записывается как «2025/2026», получено «{text}».")
        first, second = (int(p) for p in parts)
        if second != first + 1:
            raise ValueError(f"Учебный год «{text}»: второй год должен следовать за первым.")
        return first


class PortalUserManager(UserManager):
    def get_queryset(self):
        return super().get_queryset().select_related("organization")


class User(AbstractUser):
    """A person who logs in. Roles live in UserRole; the organization scopes everything they see."""

    middle_name = models.CharField("отчество", max_length=150, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name="организация",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    region = models.ForeignKey(
        Region,
        verbose_name="курируемый регион",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinators",
        help_text="Только для регионального координатора.",
    )
    position = models.CharField("должность", max_length=200, blank=True)
    is_demo = models.BooleanField(
        "демонстрационная учётная запись",
        default=False,
        help_text="Такие записи не допускаются в рабочей установке: check --deploy сообщит об ошибке.",
    )
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = PortalUserManager()

    class Meta:
        verbose_name = "пользователь"
        verbose_name_plural = "пользователи"
        # Ё with Е, as Russian lists sort (code points would put «Ёлкин» before «Абрамова»).
        ordering = name_order()
        indexes = [models.Index(Lower("email"), name="user_email_lower")]

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args, **kwargs) -> None:
        self.search_text = normalize_search(" ".join([self.full_name, self.username, self.email]))
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name, self.middle_name) if part)

    @property
    def short_name(self) -> str:
        """«Иванова М. П.» — as signatures are written in Russian documents."""
        initials = " ".join(f"{part[0]}." for part in (self.first_name, self.middle_name) if part)
        return f"{self.last_name} {initials}".strip() or self.username

    @cached_property
    def role_names(self) -> frozenset[str]:
        if not self.pk:
            return frozenset()
        return frozenset(self.roles.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_names.intersection(roles))

    @property
    def primary_role(self) -> str | None:
        for role in ROLE_PRIORITY:
            if role in self.role_names:
                return role
        return None

    @property
    def role_labels(self) -> list[str]:
        return [Role(role).label for role in ROLE_PRIORITY if role in self.role_names]

    def clean(self) -> None:
        super().clean()
        if self.region_id and self.organization_id:
            raise ValidationError(
                "Региональный координатор не входит в одну организацию: укажите либо организацию, либо регион.",
                code="region_and_organization",
            )


class UserRole(models.Model):
    user = models.ForeignKey(User, verbose_name="пользователь", on_delete=models.CASCADE, related_name="roles")
    role = models.CharField("роль", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "роль пользователя"
        verbose_name_plural = "роли пользователей"
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_user_role")]

    def __str__(self) -> str:
        return self.get_role_display()

    def clean(self) -> None:
        user = self.user
        if self.role == Role.REGION and not user.region_id:
            raise ValidationError("Региональному координатору нужно указать регион.", code="region_required")
        if self.role != Role.REGION and not user.organization_id:
            raise ValidationError(
                f"Роль «{self.get_role_display()}» требует, чтобы пользователь входил в организацию.",
                code="organization_required",
            )


class OrganizationScoped(models.Model):
    """Every record of the programme belongs to exactly one organization."""

    organization = models.ForeignKey(Organization, verbose_name="организация", on_delete=models.PROTECT)

    class Meta:
        abstract = True


# --- Notifications and reminders; the personal-data access log («журнал доступа»). ---


class NotificationKind(models.TextChoices):
    NO_MEETING = "no_meeting", "Нет встреч с наставляемым более 14 дней"
    FEEDBACK = "feedback", "Ожидается обратная связь о встрече"
    QUESTIONNAIRE = "questionnaire", "Ожидает заполнения анкета"
    ACTIVITY_DUE = "activity_due", "Срок мероприятия дорожной карты через 7 дней"
    ACTIVITY_OVERDUE = "activity_overdue", "Мероприятие дорожной карты просрочено"
    PAIRS_TO_FIX = "pairs_to_fix", "Пары ожидают закрепления приказом"


class Notification(models.Model):
    """One reminder to one user about one object for one period. The unique key is what makes
    ``send_reminders`` idempotent: a second run finds the row and sends nothing."""

    user = models.ForeignKey(User, verbose_name="получатель", on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField("вид", max_length=20, choices=NotificationKind.choices)
    object_key = models.CharField("объект", max_length=60, help_text="«mentorship:15», «activity:7»…")
    period = models.CharField("период", max_length=30, blank=True, default="")
    title = models.CharField("заголовок", max_length=300)
    text = models.TextField("текст", blank=True)
    url = models.CharField("ссылка", max_length=300, blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    read_at = models.DateTimeField("прочитано", null=True, blank=True)
    emailed_at = models.DateTimeField("отправлено письмом", null=True, blank=True)

    class Meta:
        verbose_name = "уведомление"
        verbose_name_plural = "уведомления"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "object_key", "period"], name="unique_notification"),
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]

    def __str__(self) -> str:
        return self.title


class EmailOptOut(models.Model):
    """A kind of reminder the user does not want by email; it still appears in the portal."""

    user = models.ForeignKey(User, verbose_name="пользователь", on_delete=models.CASCADE, related_name="email_opt_outs")
    kind = models.CharField("вид уведомлений", max_length=20, choices=NotificationKind.choices)

    class Meta:
        verbose_name = "отказ от писем"
        verbose_name_plural = "отказы от писем"
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="unique_email_opt_out")]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()}"


class PersonalDataEvent(OrganizationScoped):
    """Who viewed, changed, exported or erased a participant's personal data, and when (152-ФЗ).
    A list export names every person in it in ``person_ids`` («,3,17,42,») so that one row per
    export answers «who saw this child's data?» without a row per child."""

    class Action(models.TextChoices):
        VIEW = "view", "Просмотр"
        CHANGE = "change", "Изменение"
        EXPORT = "export", "Выгрузка"
        PRINT = "print", "Печать"
        ERASE = "erase", "Обезличивание"

    user = models.ForeignKey(
        User, verbose_name="пользователь", on_delete=models.SET_NULL, null=True, related_name="data_events"
    )
    action = models.CharField("действие", max_length=10, choices=Action.choices)
    # The participant (participants.Person) by id: the core knows no feature model; the app that
    # owns people registers them as audit subjects (mentoring.audit.register_subjects).
    subject_id = models.PositiveIntegerField("участник", null=True, blank=True, db_index=True)
    person_ids = models.TextField("участники выгрузки", blank=True, default="", editable=False)
    people_count = models.PositiveIntegerField("число участников", default=1)
    description = models.CharField("что именно", max_length=300)
    path = models.CharField("адрес страницы", max_length=300, blank=True)
    ip_address = models.GenericIPAddressField("IP-адрес", null=True, blank=True)
    created_at = models.DateTimeField("когда", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "событие журнала доступа к персональным данным"
        verbose_name_plural = "журнал доступа к персональным данным"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.description}"


# Orders live in their own package of the core; importing them here registers them with the app.
from mentoring.orders.models import Order, OrderKind, OrderSignatory, OrderSubject, OrderWording  # noqa: E402, F401


class PasswordResetRequest(models.Model):
    """One request for a password-reset e-mail, kept for an hour to limit them per address and per
    e-mail (mentoring.password_reset). The e-mail is stored as a digest: the table holds no one's
    address, and whether an account has it is not recorded."""

    address = models.GenericIPAddressField("IP-адрес", null=True, blank=True, db_index=True)
    email_digest = models.CharField("хеш адреса электронной почты", max_length=64, db_index=True)
    created_at = models.DateTimeField("когда", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "запрос на восстановление пароля"
        verbose_name_plural = "запросы на восстановление пароля"

    def __str__(self) -> str:
        return f"{self.address or '—'} {self.created_at:%d.%m.%Y %H:%M}"


class CacheVersion(models.Model):
    """How many committed writes have changed a cached scope's tables (mentoring/cache.py): the key every
    process reads its cached figures under."""

    scope = models.CharField("область", max_length=100, primary_key=True)
    version = models.PositiveBigIntegerField("версия", default=0)

    class Meta:
        verbose_name = "версия кэша"
        verbose_name_plural = "версии кэша"

    def __str__(self) -> str:
        return f"{self.scope}: {self.version}"


# --- Background jobs (mentoring/jobs.py): an import or a batch document running in a worker. ---


# What the page says of a job whose worker stopped answering, and of a job the portal itself broke; both may be
# started again as they were (mentoring/jobs.py compares the second to offer that).
JOB_INTERRUPTED = (
    "Задание прервано: обработчик фоновых заданий остановился, не завершив его (перезапуск сервера, обновление "
    "или нехватка памяти); данные не изменены. Запустите задание ещё раз."
)
JOB_INTERNAL_ERROR = (
    "Задание прервано из-за внутренней ошибки портала; данные не изменены. "
    "Запустите его ещё раз; если ошибка повторится, сообщите администратору портала."
)


class Job(models.Model):
    """Long work one user started: its progress, its outcome in Russian and, for documents, the file.
    Only the user who started it and the organization's leaders see it (mentoring/jobs.py)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "В очереди"
        RUNNING = "running", "Выполняется"
        DONE = "done", "Готово"
        FAILED = "failed", "Не выполнено"

    class State(models.TextChoices):
        """What the user is told: the stored status read against the clock (``state``)."""

        QUEUED = "queued", "В очереди"
        NO_WORKER = "no_worker", "Не начато"
        RUNNING = "running", "Выполняется"
        INTERRUPTED = "interrupted", "Прервано"
        DONE = "done", "Готово"
        FAILED = "failed", "Не выполнено"

    OVER = frozenset({State.DONE, State.FAILED, State.INTERRUPTED})

    organization = models.ForeignKey(
        Organization, verbose_name="организация", on_delete=models.CASCADE, null=True, blank=True, related_name="jobs"
    )
    user = models.ForeignKey(User, verbose_name="кто запустил", on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField("вид", max_length=60)
    title = models.CharField("задание", max_length=300)
    params = models.JSONField("параметры", default=dict, blank=True)
    status = models.CharField("состояние", max_length=10, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField("этап", max_length=200, blank=True)
    done = models.PositiveIntegerField("выполнено", default=0)
    total = models.PositiveIntegerField("всего", default=0)
    error = models.TextField("причина ошибки", blank=True)
    summary = models.TextField("итог", blank=True)
    result_data = models.JSONField("данные результата", default=dict, blank=True)
    result_file = models.FileField(
        "файл результата", storage=private_storage, upload_to=RandomName("jobs"), blank=True, max_length=200
    )
    result_name = models.CharField("имя файла", max_length=200, blank=True)
    result_url = models.CharField("ссылка на результат", max_length=300, blank=True)
    result_label = models.CharField("текст ссылки", max_length=100, blank=True)
    task_id = models.CharField("задача очереди", max_length=64, blank=True)
    created_at = models.DateTimeField("запущено", auto_now_add=True)
    started_at = models.DateTimeField("начато", null=True, blank=True)
    # The worker touches this while the job runs (with every progress write and every JOB_HEARTBEAT_SECONDS);
    # a running job whose heartbeat is older than JOB_STALE_MINUTES lost its worker.
    heartbeat_at = models.DateTimeField("последний отклик обработчика", null=True, blank=True)
    interrupted_at = models.DateTimeField("признано прерванным", null=True, blank=True)
    finished_at = models.DateTimeField("завершено", null=True, blank=True)
    files_removed_at = models.DateTimeField("файл удалён по сроку хранения", null=True, blank=True)
    restarted_as = models.ForeignKey(
        "self", verbose_name="запущено заново как", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "задание"
        verbose_name_plural = "задания"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="job_user_recent"),
            models.Index(fields=["status", "heartbeat_at"], name="job_status_heartbeat"),
            models.Index(fields=["created_at"], name="job_created"),
        ]

    def __str__(self) -> str:
        return self.title

    def state(self, now: datetime.datetime | None = None) -> Job.State:
        """The one place that decides what a job is: a running job without a heartbeat for JOB_STALE_MINUTES was
        interrupted (its worker died), a job nobody took from the queue for JOB_NO_WORKER_MINUTES has no worker."""
        if self.status == self.Status.DONE:
            return self.State.DONE
        if self.status == self.Status.FAILED:
            return self.State.INTERRUPTED if self.interrupted_at else self.State.FAILED
        now = now or timezone.now()
        if self.status == self.Status.RUNNING:
            beat = self.heartbeat_at or self.started_at or self.created_at
            stale = datetime.timedelta(minutes=settings.JOB_STALE_MINUTES)
            return self.State.INTERRUPTED if beat and now - beat > stale else self.State.RUNNING
        patience = datetime.timedelta(minutes=settings.JOB_NO_WORKER_MINUTES)
        return self.State.NO_WORKER if self.created_at and now - self.created_at > patience else self.State.QUEUED

    @cached_property
    def current_state(self) -> Job.State:
        return self.state()

    @property
    def state_label(self) -> str:
        return self.current_state.label

    @property
    def is_finished(self) -> bool:
        return self.current_state in self.OVER

    @property
    def reason(self) -> str:
        """Why a job is not done, for the page and the list."""
        if self.current_state == self.State.INTERRUPTED:
            return self.error or JOB_INTERRUPTED
        return self.error if self.current_state == self.State.FAILED else ""

    @property
    def can_restart(self) -> bool:
        """Interrupted work, or work the portal broke, may be run again as it was; a reason in the data (a wrong
        file) would only repeat itself. A job already started again offers its new run instead."""
        if self.restarted_as_id:
            return False
        state = self.current_state
        return state == self.State.INTERRUPTED or (state == self.State.FAILED and self.error == JOB_INTERNAL_ERROR)

    @property
    def file_expired(self) -> bool:
        return self.files_removed_at is not None

    @property
    def expired_note(self) -> str:
        from mentoring.templatetags.ru import ru_plural

        days = ru_plural(settings.JOB_FILE_KEEP_DAYS, "день,дня,дней")
        return (
            f"Файл и подробности результата удалены {timezone.localtime(self.files_removed_at):%d.%m.%Y}: в них "
            f"персональные данные, и портал хранит их {days}. Запустите задание ещё раз со страницы, с которой "
            "оно было запущено."
        )

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(100, round(100 * self.done / self.total)) if self.total else 0

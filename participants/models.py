"""People of an organization and the curator's two registries: the mentor base and the mentee base."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from mentoring.files import SCANS, ContentValidator, RandomName, private_storage
from mentoring.models import AcademicYear, OrganizationScoped
from mentoring.text import normalize_search

YOUNG_SPECIALIST_MAX_YEARS = 3
ADULT_AGE = 18


def name_key(last_name: str, first_name: str, middle_name: str = "") -> str:
    """Identity of a name: case, ё/е and stray spaces do not make two people."""
    return normalize_search(" ".join((last_name, first_name, middle_name)))


def person_sort_key(last_name: str, first_name: str, middle_name: str = "") -> str:
    """Russian alphabetical order as a plain binary string, identical on SQLite and PostgreSQL:
    Ё sorts with Е (U+0451 would otherwise follow Я), and only a tie is broken Е before Ё.
    The \x01 between the two parts sorts below every letter and the space."""
    text = " ".join(part for part in (last_name, first_name, middle_name) if part).casefold()
    return f"{text.replace('ё', 'е')}\x01{text}"


class SortKeyField(models.CharField):
    """A column compared byte by byte: PostgreSQL's database locale (ru_RU, en_US…) would ignore
    the separator and reorder «Иванов» / «Иванова»; "C" compares code points, as SQLite does."""

    def db_parameters(self, connection):
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params


class StudyGroup(OrganizationScoped):
    """A school class («7А») or a college group («ГД-21») of one academic year."""

    academic_year = models.ForeignKey(AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT)
    grade = models.PositiveSmallIntegerField(
        "параллель (класс, курс)", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(11)]
    )
    letter = models.CharField("литера", max_length=3, blank=True)
    name = models.CharField("название", max_length=30, help_text="«7А» для класса, «ГД-21» для группы.")

    class Meta:
        verbose_name = "класс / учебная группа"
        verbose_name_plural = "классы и учебные группы"
        ordering = ["grade", "letter", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "academic_year", "name"], name="unique_group_per_year"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """«9 «А» класс», «группа ГД-21» — as documents print a class."""
        return self.label_in("nominative")

    def label_in(self, case: str) -> str:
        """«обучающегося 9 «А» класса»: the class in the case a sentence needs."""
        from mentoring.names import class_label

        return class_label(self.name, case, grade=self.grade, letter=self.letter)


class Partner(OrganizationScoped):
    """An organization-partner (seed 004's registry): its people can be mentors."""

    class Kind(models.TextChoices):
        EMPLOYER = "employer", "Предприятие (работодатель)"
        NGO = "ngo", "Некоммерческая организация"
        AGENCY = "agency", "Орган власти, учреждение"
        SCHOOL = "school", "Образовательная организация"
        UNIVERSITY = "university", "Вуз"
        CULTURE = "culture", "Учреждение культуры, спорта"
        OTHER = "other", "Другое"

    name = models.CharField("наименование", max_length=300)
    kind = models.CharField("вид", max_length=20, choices=Kind.choices, default=Kind.EMPLOYER)
    contact_person = models.CharField("контактное лицо", max_length=200, blank=True)
    phone = models.CharField("телефон", max_length=50, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    address = models.CharField("адрес", max_length=300, blank=True)
    agreement_number = models.CharField("номер соглашения", max_length=50, blank=True)
    agreement_date = models.DateField("дата соглашения", null=True, blank=True)
    notes = models.TextField("примечание", blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = "организация-партнёр"
        verbose_name_plural = "организации-партнёры"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_text = normalize_search(" ".join([self.name, self.contact_person, self.agreement_number]))
        super().save(*args, **kwargs)


class Person(OrganizationScoped):
    class Kind(models.TextChoices):
        STUDENT = "student", "Обучающийся"
        TEACHER = "teacher", "Педагог"
        STAFF = "staff", "Сотрудник"
        PARENT = "parent", "Родитель (законный представитель)"
        GRADUATE = "graduate", "Выпускник"
        EXTERNAL = "external", "Представитель организации-партнёра"

    class Sex(models.TextChoices):
        MALE = "m", "мужской"
        FEMALE = "f", "женский"

    kind = models.CharField("категория", max_length=20, choices=Kind.choices)
    last_name = models.CharField("фамилия", max_length=100)
    first_name = models.CharField("имя", max_length=100)
    middle_name = models.CharField("отчество", max_length=100, blank=True)
    birth_date = models.DateField("дата рождения", null=True, blank=True)
    sex = models.CharField("пол", max_length=1, choices=Sex.choices, blank=True)
    study_group = models.ForeignKey(
        StudyGroup,
        verbose_name="класс / группа",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="students",
    )
    position = models.CharField("должность", max_length=200, blank=True)
    subject = models.CharField("предмет", max_length=200, blank=True)
    teaching_start_year = models.PositiveSmallIntegerField(
        "год начала педагогической деятельности",
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
        help_text="Стаж и статус «молодой специалист» (стаж 0–3 года) вычисляются из этого года.",
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name="организация-партнёр",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    email = models.EmailField("электронная почта", blank=True)
    phone = models.CharField("телефон", max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="учётная запись",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    notes = models.TextField("примечание", blank=True)
    is_anonymized = models.BooleanField("обезличен", default=False)
    anonymized_at = models.DateTimeField("дата обезличивания", null=True, blank=True)
    name_key = models.CharField(max_length=320, editable=False, db_index=True)
    sort_key = SortKeyField(max_length=700, editable=False, db_index=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")
    left_on = models.DateField(
        "выбыл(а)", null=True, blank=True, help_text="Участник покинул организацию: учётная запись отключена."
    )
    created_at = models.DateTimeField("создан", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    class Meta:
        verbose_name = "участник"
        verbose_name_plural = "участники"
        ordering = ["sort_key", "pk"]
        constraints = [
            # Within an organization a student is identified by full name and birth date.
            models.UniqueConstraint(
                fields=["organization", "name_key", "birth_date"],
                condition=models.Q(kind="student"),
                name="unique_student_name_birth_date",
            ),
        ]
        # Every list of an organization's people in Russian order reads its page straight off this index; by
        # sort_key alone PostgreSQL walked the whole region's people to find one school's.
        indexes = [models.Index(fields=["organization", "sort_key"], name="person_org_sort")]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.derive_keys()
        super().save(*args, **kwargs)

    def derive_keys(self) -> None:
        """The matching, sorting and search columns; save() fills them, and so must every bulk write."""
        self.name_key = name_key(self.last_name, self.first_name, self.middle_name)
        self.sort_key = person_sort_key(self.last_name, self.first_name, self.middle_name)
        group = self.study_group.name if self.study_group_id and self.study_group else ""
        self.search_text = normalize_search(
            " ".join([self.full_name, group, self.position, self.subject, self.email, self.phone])
        )

    def clean(self) -> None:
        self.name_key = name_key(self.last_name, self.first_name, self.middle_name)  # for the unique check
        errors = {}
        today = timezone.localdate()
        if self.birth_date and not (datetime.date(1900, 1, 1) <= self.birth_date <= today):
            errors["birth_date"] = ValidationError(
                "Дата рождения не может быть в будущем или ранее 1900 года.", code="birth_date"
            )
        if self.teaching_start_year and self.teaching_start_year > today.year:
            errors["teaching_start_year"] = ValidationError("Год начала работы не может быть в будущем.", code="future")
        if self.kind == self.Kind.EXTERNAL and not self.partner_id:
            errors["partner"] = ValidationError(
                "Укажите организацию-партнёра, которую представляет участник.", code="partner"
            )
        if self.study_group_id and self.study_group.organization_id != self.organization_id:
            errors["study_group"] = ValidationError("Класс принадлежит другой организации.", code="foreign_group")
        if self.partner_id and self.partner.organization_id != self.organization_id:
            errors["partner"] = ValidationError("Партнёр принадлежит другой организации.", code="foreign_partner")
        if errors:
            raise ValidationError(errors)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def short_name(self) -> str:
        initials = " ".join(f"{p[0]}." for p in (self.first_name, self.middle_name) if p)
        return f"{self.last_name} {initials}".strip()

    def age_on(self, day: datetime.date) -> int | None:
        if not self.birth_date:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    @property
    def age(self) -> int | None:
        return self.age_on(timezone.localdate())

    @property
    def is_minor(self) -> bool:
        """Students are minors unless their birth date proves otherwise (college students may be 18+)."""
        age = self.age
        if age is None:
            return self.kind == self.Kind.STUDENT
        return age < ADULT_AGE

    @property
    def teaching_years(self) -> int | None:
        if self.teaching_start_year is None:
            return None
        return max(0, timezone.localdate().year - self.teaching_start_year)

    @property
    def is_young_specialist(self) -> bool:
        years = self.teaching_years
        return self.kind == self.Kind.TEACHER and years is not None and years <= YOUNG_SPECIALIST_MAX_YEARS

    @property
    def grade(self) -> int | None:
        return self.study_group.grade if self.study_group_id else None

    def valid_consent(self, kind: str, consents=None):
        """The valid consent of a kind; pass prefetched consents to avoid a query per person."""
        consents = consents if consents is not None else self.consents.all()
        today = timezone.localdate()
        for consent in consents:
            if consent.kind == kind and consent.is_valid_on(today):
                return consent
        return None

    @property
    def has_processing_consent(self) -> bool:
        return self.valid_consent(Consent.Kind.PROCESSING) is not None

    @property
    def has_publication_consent(self) -> bool:
        return self.valid_consent(Consent.Kind.PUBLICATION) is not None

    @property
    def has_duties_consent(self) -> bool:
        return self.valid_consent(Consent.Kind.DUTIES) is not None

    @property
    def is_employee(self) -> bool:
        return self.kind in (self.Kind.TEACHER, self.Kind.STAFF)


class MentorProfile(models.Model):
    """A person's entry in the mentor base."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", "Кандидат"
        INTERVIEWED = "interviewed", "Собеседование пройдено"
        APPROVED = "approved", "Утверждён приказом"
        TRAINED = "trained", "Прошёл обучение"
        ACTIVE = "active", "Действующий наставник"
        ALUMNI = "alumni", "Завершил участие"

    class Category(models.TextChoices):
        STUDENT = "student", "Обучающийся"
        TEACHER = "teacher", "Педагог, специалист"
        PARENT = "parent", "Родитель"
        GRADUATE = "graduate", "Выпускник"
        EMPLOYER = "employer", "Представитель работодателя"
        VETERAN = "veteran", "Ветеран педагогического труда"
        PUBLIC = "public", "Общественный деятель, сотрудник НКО"

    person = models.OneToOneField(
        Person, verbose_name="участник", on_delete=models.CASCADE, related_name="mentor_profile"
    )
    category = models.CharField("категория наставника", max_length=20, choices=Category.choices)
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.CANDIDATE)
    status_date = models.DateField("дата статуса", default=timezone.localdate)
    competencies = models.TextField("компетенции", blank=True)
    interests = models.TextField("интересы", blank=True)
    achievements = models.TextField("достижения", blank=True)
    useful_for = models.TextField("чем я могу быть полезен", blank=True)
    preferred_grade_min = models.PositiveSmallIntegerField(
        "желаемый класс наставляемых: от",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(11)],
    )
    preferred_grade_max = models.PositiveSmallIntegerField(
        "до", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(11)]
    )
    capacity = models.PositiveSmallIntegerField(
        "сколько наставляемых одновременно",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(15)],
    )
    time_available = models.CharField("удобное время", max_length=200, blank=True)
    entry_date = models.DateField("дата включения в базу", default=timezone.localdate)

    class Meta:
        verbose_name = "наставник"
        verbose_name_plural = "база наставников"
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="mentor_capacity_positive"),
            models.CheckConstraint(
                condition=models.Q(preferred_grade_min__isnull=True)
                | models.Q(preferred_grade_max__isnull=True)
                | models.Q(preferred_grade_min__lte=models.F("preferred_grade_max")),
                name="mentor_preferred_grades_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.person.full_name

    def clean(self) -> None:
        if (
            self.preferred_grade_min is not None
            and self.preferred_grade_max is not None
            and self.preferred_grade_min > self.preferred_grade_max
        ):
            raise ValidationError(
                {"preferred_grade_max": ValidationError("«До» не может быть меньше «от».", code="grade_range")}
            )


class MentorStatusChange(models.Model):
    """The history of a mentor's status with dates: candidate → interviewed → approved → …"""

    mentor = models.ForeignKey(MentorProfile, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField("статус", max_length=20, choices=MentorProfile.Status.choices)
    date = models.DateField("дата")
    note = models.CharField("основание", max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто изменил", on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = "изменение статуса наставника"
        verbose_name_plural = "история статусов наставников"
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} с {self.date:%d.%m.%Y}"


class MentorTraining(models.Model):
    mentor = models.ForeignKey(
        MentorProfile, verbose_name="наставник", on_delete=models.CASCADE, related_name="trainings"
    )
    title = models.CharField("программа обучения", max_length=300, default="Школа наставников")
    hours = models.PositiveSmallIntegerField("часов", validators=[MinValueValidator(1), MaxValueValidator(1000)])
    completed_on = models.DateField("дата окончания")
    certificate_number = models.CharField("номер удостоверения / сертификата", max_length=100, blank=True)
    certificate = models.FileField(
        "скан удостоверения",
        storage=private_storage,
        upload_to=RandomName("certificates"),
        blank=True,
        validators=[ContentValidator(SCANS, 10, "Скан")],
        help_text="PDF, JPG или PNG, до 10 МБ.",
    )

    class Meta:
        verbose_name = "обучение наставника"
        verbose_name_plural = "обучение наставников"
        ordering = ["-completed_on"]

    def __str__(self) -> str:
        return f"{self.title}, {self.hours} ч"


class MenteeCategory(models.Model):
    """Reference list of mentee categories (DOMAIN.md, seed 001 section 4)."""

    class Audience(models.TextChoices):
        STUDENT = "student", "Обучающиеся"
        TEACHER = "teacher", "Педагоги"

    code = models.SlugField("код", max_length=40, unique=True)
    name = models.CharField("название", max_length=200)
    audience = models.CharField("для кого", max_length=10, choices=Audience.choices)
    order = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "категория наставляемых"
        verbose_name_plural = "категории наставляемых"
        ordering = ["audience", "order"]

    def __str__(self) -> str:
        return self.name


class MenteeProfile(models.Model):
    class Status(models.TextChoices):
        CANDIDATE = "candidate", "Кандидат"
        WAITING = "waiting", "Ожидает пару"
        # In a draft pair: the trial and planning meetings may take place, the order has not fixed it yet.
        MATCHED = "matched", "Подобран, ожидает приказа"
        PAIRED = "paired", "В паре"
        COMPLETED = "completed", "Завершил программу"

    class NominatedBy(models.TextChoices):
        CLASS_TEACHER = "class_teacher", "Классный руководитель"
        PSYCHOLOGIST = "psychologist", "Педагог-психолог"
        PARENT = "parent", "Родитель"
        SELF = "self", "Сам (сама)"
        ADMINISTRATION = "administration", "Администрация"
        OTHER = "other", "Другое"

    person = models.OneToOneField(
        Person, verbose_name="участник", on_delete=models.CASCADE, related_name="mentee_profile"
    )
    categories = models.ManyToManyField(MenteeCategory, verbose_name="категории", blank=True, related_name="mentees")
    request = models.TextField("запрос наставляемого", blank=True)
    interests = models.TextField("интересы, увлечения", blank=True)
    nominated_by = models.CharField(
        "кто выдвинул", max_length=20, choices=NominatedBy.choices, default=NominatedBy.SELF
    )
    entry_date = models.DateField("дата включения в базу", default=timezone.localdate)
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.CANDIDATE)
    status_date = models.DateField("дата статуса", default=timezone.localdate)
    psychologist_note = models.TextField(
        "заметка педагога-психолога", blank=True, help_text="Учитывается при подборе наставника."
    )

    class Meta:
        verbose_name = "наставляемый"
        verbose_name_plural = "база наставляемых"

    def __str__(self) -> str:
        return self.person.full_name

    @property
    def waiting_days(self) -> int | None:
        if self.status != self.Status.WAITING:
            return None
        return (timezone.localdate() - self.status_date).days


class MenteeSupport(models.Model):
    """The psychologist's support of a mentee left without a pair (seed 000 stage 5, seed 004 item 5.5): who
    did what and when, while the search for a mentor goes on."""

    mentee = models.ForeignKey(
        MenteeProfile, verbose_name="наставляемый", on_delete=models.CASCADE, related_name="support_records"
    )
    date = models.DateField("дата", default=timezone.localdate)
    action = models.TextField("что сделано", max_length=3000)
    next_step = models.CharField("дальнейшие шаги", max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто провёл", on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField("внесено", auto_now_add=True)

    class Meta:
        verbose_name = "сопровождение наставляемого без пары"
        verbose_name_plural = "сопровождение наставляемых без пары"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.mentee} · {self.date:%d.%m.%Y}"


def valid_consent_q(day: datetime.date, prefix: str = "") -> models.Q:
    """A consent in force on a day, the SQL twin of ``Consent.is_valid_on`` (a test keeps them equal); ``prefix``
    reaches the consent through a join («students__consents__») for a count per class."""
    p = prefix
    return (
        models.Q(**{f"{p}signed_on__lte": day})
        & (models.Q(**{f"{p}withdrawn_on__isnull": True}) | models.Q(**{f"{p}withdrawn_on__gt": day}))
        & (models.Q(**{f"{p}valid_until__isnull": True}) | models.Q(**{f"{p}valid_until__gte": day}))
    )


class ConsentQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date) -> ConsentQuerySet:
        """The consents in force on a day."""
        return self.filter(valid_consent_q(day))

    def valid_exists(self, kind: str, *, person: str = "pk", day: datetime.date | None = None) -> models.Exists:
        """«Has a valid consent of this kind», for a filter or an annotation on people (``person="pk"``) or on
        their profiles (``person="person"``): a list need not load every consent to decide it."""
        return models.Exists(
            self.filter(person=models.OuterRef(person), kind=kind).valid_on(day or timezone.localdate())
        )


class Consent(models.Model):
    """Consent to personal-data processing (152-ФЗ), and separately to publication on the public page."""

    class Kind(models.TextChoices):
        PROCESSING = "processing", "Обработка персональных данных"
        PUBLICATION = "publication", "Распространение: публикация на сайте (ст. 10.1 152-ФЗ)"
        # A teacher's written consent to mentoring as additional work (ТК РФ ст. 60.2), which the
        # pairs order cites; only employees give it.
        DUTIES = "duties", "Дополнительная работа наставника (ст. 60.2 ТК РФ)"

    class SignedBy(models.TextChoices):
        SELF = "self", "Лично"
        REPRESENTATIVE = "representative", "Законный представитель"

    person = models.ForeignKey(Person, verbose_name="участник", on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField("вид согласия", max_length=20, choices=Kind.choices)
    signed_by = models.CharField("подписано", max_length=20, choices=SignedBy.choices, default=SignedBy.SELF)
    representative_name = models.CharField("ФИО законного представителя", max_length=300, blank=True)
    representative_relation = models.CharField(
        "кем приходится", max_length=100, blank=True, help_text="Мать, отец, опекун, попечитель…"
    )
    representative_document = models.CharField(
        "документ представителя", max_length=300, blank=True, help_text="Паспорт: серия, номер, кем и когда выдан."
    )
    signed_on = models.DateField("дата подписания")
    details_on_paper = models.BooleanField(
        "сведения о представителе — в бумажном бланке",
        default=False,
        help_text="Согласие внесено списком по полученным бланкам; реквизиты законного представителя"
        " записаны в подписанном бланке, который хранится в организации.",
    )
    valid_until = models.DateField("действует до", null=True, blank=True)
    scan = models.FileField(
        "скан подписанного согласия",
        storage=private_storage,
        upload_to=RandomName("consents"),
        blank=True,
        validators=[ContentValidator(SCANS, 10, "Скан")],
        help_text="PDF, JPG или PNG, до 10 МБ.",
    )
    withdrawn_on = models.DateField("дата отзыва", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто внёс", on_delete=models.SET_NULL, null=True, blank=True
    )
    recorded_at = models.DateTimeField("внесено", auto_now_add=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = "согласие"
        verbose_name_plural = "согласия"
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True) | models.Q(withdrawn_on__gte=models.F("signed_on")),
                name="consent_withdrawn_after_signed",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=models.F("signed_on")),
                name="consent_valid_after_signed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} от {self.signed_on:%d.%m.%Y}"

    def is_valid_on(self, day: datetime.date) -> bool:
        if self.signed_on > day:
            return False
        if self.withdrawn_on and self.withdrawn_on <= day:
            return False
        return not (self.valid_until and self.valid_until < day)

    @property
    def is_valid(self) -> bool:
        return self.is_valid_on(timezone.localdate())

    def clean(self) -> None:
        errors = {}
        today = timezone.localdate()
        if self.signed_on and self.signed_on > today:
            errors["signed_on"] = ValidationError("Дата подписания не может быть в будущем.", code="future")
        if self.signed_on and self.valid_until and self.valid_until < self.signed_on:
            errors["valid_until"] = ValidationError("Срок действия заканчивается раньше подписания.", code="order")
        if self.signed_on and self.withdrawn_on and self.withdrawn_on < self.signed_on:
            errors["withdrawn_on"] = ValidationError("Согласие не может быть отозвано раньше подписания.", code="order")
        if self.kind == self.Kind.DUTIES and self.person_id:
            if self.person.kind not in (Person.Kind.TEACHER, Person.Kind.STAFF):
                errors["kind"] = ValidationError(
                    "Согласие на дополнительную работу наставника дают педагоги и сотрудники организации.",
                    code="not_employee",
                )
            elif self.signed_by != self.SignedBy.SELF:
                errors["signed_by"] = ValidationError(
                    "Согласие на дополнительную работу работник подписывает лично.", code="duties_self"
                )
        if self.signed_by == self.SignedBy.REPRESENTATIVE:
            for field in ("representative_name", "representative_relation", "representative_document"):
                if not self.details_on_paper and not getattr(self, field).strip():
                    errors[field] = ValidationError(
                        "Обязательно, когда согласие подписывает законный представитель.", code="representative"
                    )
        elif (
            self.person_id
            and self.signed_on
            and self.person.birth_date
            and self.person.age_on(self.signed_on) < ADULT_AGE
        ):
            errors["signed_by"] = ValidationError(
                "Участнику не исполнилось 18 лет: согласие подписывает законный представитель.", code="minor"
            )
        if errors:
            raise ValidationError(errors)


class Membership(OrganizationScoped):
    """Who a person was in the organization in one academic year: a student of a class, a teacher
    (a young specialist or not), a staff member. KPI denominators of a year are counted from these
    rows, so a graduate stays a student of the years they studied and never of the years after."""

    class Role(models.TextChoices):
        STUDENT = "student", "Обучающийся"
        TEACHER = "teacher", "Педагог"
        STAFF = "staff", "Сотрудник"

    class LeaveReason(models.TextChoices):
        GRADUATED = "graduated", "Окончил обучение (выпуск)"
        TRANSFERRED = "transferred", "Перевёлся в другую организацию"
        DISMISSED = "dismissed", "Уволился"
        OTHER = "other", "Другое"

    person = models.ForeignKey(Person, verbose_name="участник", on_delete=models.CASCADE, related_name="memberships")
    academic_year = models.ForeignKey(AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT)
    role = models.CharField("кем был", max_length=10, choices=Role.choices)
    class_label = models.CharField("класс / группа", max_length=30, blank=True)
    grade = models.PositiveSmallIntegerField("параллель", null=True, blank=True)
    is_young_specialist = models.BooleanField(
        "молодой специалист",
        default=False,
        help_text="Стаж педагогической работы 0–3 года на начало учебного года.",
    )
    left_on = models.DateField("дата выбытия", null=True, blank=True)
    leave_reason = models.CharField("причина выбытия", max_length=20, choices=LeaveReason.choices, blank=True)
    source = models.CharField("основание записи", max_length=100, blank=True)

    class Meta:
        verbose_name = "состав организации за учебный год"
        verbose_name_plural = "составы организации по учебным годам"
        ordering = ["-academic_year__start_year", "role", "grade", "class_label", "person__sort_key", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "academic_year", "role"], name="one_membership_per_role_year"),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | ~models.Q(leave_reason=""),
                name="membership_left_has_reason",
            ),
        ]

    def __str__(self) -> str:
        label = f", {self.class_label}" if self.class_label else ""
        return f"{self.person} — {self.get_role_display().lower()}{label}, {self.academic_year}"

    def clean(self) -> None:
        errors = {}
        if self.person_id and self.person.organization_id != self.organization_id:
            errors["person"] = ValidationError("Участник другой организации.", code="foreign_person")
        if self.left_on and self.academic_year_id:
            year = self.academic_year
            if not year.start_date <= self.left_on <= year.end_date:
                errors["left_on"] = ValidationError(
                    f"Дата выбытия должна входить в {year.name} учебный год "
                    f"({year.start_date:%d.%m.%Y}–{year.end_date:%d.%m.%Y}).",
                    code="left_outside_year",
                )
        if self.left_on and not self.leave_reason:
            errors["leave_reason"] = ValidationError("Укажите причину выбытия.", code="reason")
        if errors:
            raise ValidationError(errors)


def young_specialist_in(teaching_start_year: int | None, year: AcademicYear) -> bool:
    """0–3 years of teaching at the start of the academic year (DOMAIN.md: «Indicators, defined»)."""
    # A teacher who started during the year (start year after September) is a young specialist too.
    return teaching_start_year is not None and year.start_year - teaching_start_year <= YOUNG_SPECIALIST_MAX_YEARS


class Guardian(models.Model):
    """A parent (законный представитель) of a minor participant, with the account they follow the child
    by: only this child's card, pairs and consents; one parent may have several children at school."""

    person = models.ForeignKey(Person, verbose_name="ребёнок", on_delete=models.CASCADE, related_name="guardians")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="учётная запись родителя", on_delete=models.CASCADE, related_name="wards"
    )
    relation = models.CharField("кем приходится", max_length=100, blank=True)
    created_at = models.DateTimeField("создана", auto_now_add=True)

    class Meta:
        verbose_name = "законный представитель"
        verbose_name_plural = "законные представители"
        ordering = ["person__sort_key", "pk"]
        constraints = [models.UniqueConstraint(fields=["person", "user"], name="unique_guardian_per_child")]

    def __str__(self) -> str:
        return f"{self.user} — {self.person}"


class AccountActivation(models.Model):
    """A one-time link by which a person sets the password of the account made for them.
    Only a hash of the token is stored: a printed sheet cannot be reprinted from the database,
    issuing a new sheet revokes the old links instead."""

    person = models.ForeignKey(Person, verbose_name="участник", on_delete=models.CASCADE, related_name="activations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="учётная запись", on_delete=models.CASCADE, related_name="activations"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    sent_to = models.EmailField("отправлено на адрес", blank=True)
    created_at = models.DateTimeField("выдана", auto_now_add=True)
    expires_at = models.DateTimeField("действует до")
    used_at = models.DateTimeField("использована", null=True, blank=True)
    revoked_at = models.DateTimeField("отозвана", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто выдал",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "ссылка активации учётной записи"
        verbose_name_plural = "ссылки активации учётных записей"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} до {timezone.localtime(self.expires_at):%d.%m.%Y}"

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.revoked_at is None and self.expires_at > timezone.now()

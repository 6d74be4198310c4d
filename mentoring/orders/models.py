"""Orders of the director («приказы»): numbered, dated, signed; their wording is editable.
The models belong to the core app (``mentoring``); mentoring/models.py imports them."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models

from mentoring.files import SCANS, ContentValidator, RandomName, private_storage
from mentoring.models import OrganizationScoped, User


class OrderKind(models.TextChoices):
    IMPLEMENTATION = "implementation", "О внедрении целевой модели наставничества"
    CURATORS = "curators", "О назначении куратора и кураторов форм наставничества"
    REGULATIONS = "regulations", "Об утверждении положения о наставничестве, программы и дорожной карты"
    MENTOR_BASE = "mentor_base", "Об утверждении базы (реестра) наставников"
    PAIRS = "pairs", "О закреплении наставнических пар (групп)"
    INCENTIVES = "incentives", "О поощрении наставников"
    COMPLETION = "completion", "О завершении программы наставничества"
    CANCELLATION = "cancellation", "Об отмене приказа"


class OrderWording(OrganizationScoped):
    """An organization's own wording of one kind of order; without it the official default applies.
    Placeholders ``{{ … }}`` are resolved by mentoring.orders.placeholders, never by the Django
    template engine."""

    kind = models.CharField("вид приказа", max_length=20, choices=OrderKind.choices)
    title = models.CharField("заголовок", max_length=500)
    preamble = models.TextField("преамбула (основание)", blank=True)
    points = models.TextField(
        "пункты «ПРИКАЗЫВАЮ»",
        help_text="Каждая строка — пункт; строка, начинающаяся с «-», — подпункт предыдущего пункта.",
    )
    updated_at = models.DateTimeField("изменено", auto_now=True)
    updated_by = models.ForeignKey(
        User, verbose_name="кем изменено", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "шаблон текста приказа"
        verbose_name_plural = "шаблоны текстов приказов"
        ordering = ["organization", "kind"]
        constraints = [models.UniqueConstraint(fields=["organization", "kind"], name="unique_order_wording_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.organization})"

    def clean(self) -> None:
        from mentoring.orders.placeholders import validate_wording  # it reads OrderSubject.Role

        validate_wording(kind=self.kind, title=self.title, preamble=self.preamble, points=self.points)


def order_scan_path(order: Order, filename: str) -> str:
    """The former, guessable scan path; kept only because migration 0002 refers to it."""
    suffix = Path(filename).suffix.lower()
    return f"orders/{order.organization_id}/{order.year}/order-{order.pk}-scan{suffix}"


class Order(OrganizationScoped):
    """A numbered order of the director. Draft → signed; a signed order is frozen: its text, people
    and annex tables are kept as they were on the day of signing (``frozen``)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Проект"
        SIGNED = "signed", "Подписан"

    kind = models.CharField("вид приказа", max_length=20, choices=OrderKind.choices)
    number = models.CharField(
        "номер",
        max_length=20,
        help_text="Присваивается автоматически («15-о» — 15-й приказ года по основной деятельности); можно изменить.",
    )
    year = models.PositiveSmallIntegerField("год регистрации", editable=False)
    date = models.DateField("дата приказа")
    title = models.CharField("заголовок", max_length=500)
    preamble = models.TextField("преамбула (основание)", blank=True)
    points = models.TextField("пункты «ПРИКАЗЫВАЮ»")
    annexes = models.JSONField("приложения", default=list, blank=True)
    signer = models.ForeignKey(
        User,
        verbose_name="подписывает",
        on_delete=models.SET_NULL,  # a signed order keeps the signer's name in ``frozen``
        null=True,
        blank=True,
        related_name="orders_to_sign",
    )
    signer_position = models.CharField("должность подписывающего", max_length=200, default="Директор")
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.DRAFT)
    signed_at = models.DateTimeField("подписан", null=True, blank=True)
    signed_by = models.ForeignKey(
        User, verbose_name="подписание отметил", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scan = models.FileField(
        "скан подписанного приказа",
        storage=private_storage,
        upload_to=RandomName("orders"),
        blank=True,
        validators=[ContentValidator(SCANS, 15, "Скан")],
    )
    frozen = models.JSONField("текст на момент подписания", null=True, blank=True, editable=False)
    # What signing changed and what was there before (roles, statuses, dates), by effect: the order
    # that cancels this one reverts exactly that, never a state someone held before the order.
    effect_state = models.JSONField("что изменило подписание", default=dict, blank=True, editable=False)
    cancels = models.ForeignKey(
        "self",
        verbose_name="отменяемый приказ",
        on_delete=models.PROTECT,  # the cancelled order and its cancellation are archived together
        null=True,
        blank=True,
        related_name="cancellations",
        help_text="Для приказа «Об отмене приказа»: подписанный приказ, который утрачивает силу.",
    )
    created_by = models.ForeignKey(
        User, verbose_name="подготовил", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("создан", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    class Meta:
        verbose_name = "приказ"
        verbose_name_plural = "приказы"
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "number"], name="unique_order_number_per_year"),
            models.CheckConstraint(condition=~models.Q(number=""), name="order_number_not_empty"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(signed_at__isnull=False), name="signed_order_has_time"
            ),
        ]
        indexes = [models.Index(fields=["organization", "status"], name="order_org_status")]

    def __str__(self) -> str:
        return f"Приказ от {self.date:%d.%m.%Y} № {self.number}"

    def save(self, *args, **kwargs) -> None:
        self.year = self.date.year
        super().save(*args, **kwargs)

    def clean(self) -> None:
        from mentoring.orders.placeholders import validate_wording  # it reads OrderSubject.Role
        from mentoring.orders.signatories import signer_position

        self.number = (self.number or "").strip()
        if self.date:
            self.year = self.date.year
        errors: dict[str, list[ValidationError]] = {}
        if not self.number:
            errors["number"] = [ValidationError("Укажите номер приказа.", code="number_required")]
        elif self.date and self.organization_id:
            duplicate = Order.objects.filter(
                organization_id=self.organization_id, year=self.date.year, number=self.number
            ).exclude(pk=self.pk)
            if duplicate.exists():
                errors["number"] = [
                    ValidationError(
                        f"Приказ № {self.number} за {self.date.year} год уже зарегистрирован. Укажите другой номер.",
                        code="duplicate_number",
                    )
                ]
        if self.signer_id and self.organization_id and self.signer.organization_id != self.organization_id:
            errors["signer"] = [ValidationError("Подписывает работник этой организации.", code="signer_other_org")]
        elif self.signer_id and self.organization_id and self.date:
            position = signer_position(self.signer, self.organization, self.date)
            if position is None:
                errors["signer"] = [
                    ValidationError(
                        f"{self.signer.full_name} не может подписывать приказы: подписывает директор или "
                        "работник, которому директор передал право подписи на дату приказа.",
                        code="signer_not_allowed",
                    )
                ]
            else:
                self.signer_position = position
        if self.kind == OrderKind.CANCELLATION:
            if not self.cancels_id:
                errors["cancels"] = [ValidationError("Укажите приказ, который отменяется.", code="cancels_missing")]
            elif self.cancels.organization_id != self.organization_id or not self.cancels.is_signed:
                errors["cancels"] = [
                    ValidationError("Отменить можно только подписанный приказ этой организации.", code="cancels_bad")
                ]
            elif self.cancels.kind == OrderKind.CANCELLATION:
                errors["cancels"] = [ValidationError("Приказ об отмене не отменяется.", code="cancels_cancellation")]
        elif self.cancels_id:
            errors["cancels"] = [
                ValidationError("Отменяет другой приказ только приказ об отмене.", code="cancels_kind")
            ]
        if errors:
            raise ValidationError(errors)
        validate_wording(
            kind=self.kind, title=self.title, preamble=self.preamble, points=self.points, annexes=self.annexes
        )

    def validate_constraints(self, exclude=None) -> None:
        # clean() already explains a duplicate number in Russian; skip Django's generic message.
        exclude = set(exclude or ()) | {"year"}
        super().validate_constraints(exclude=exclude)

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED

    @property
    def cancelled_by(self) -> Order | None:
        """The signed order that cancelled this one («Об отмене приказа …»), if any."""
        return next((o for o in self.cancellations.all() if o.is_signed), None)

    @property
    def heading(self) -> str:
        return f"Приказ от {self.date:%d.%m.%Y} № {self.number}"


class OrderSubject(models.Model):
    """A person an order names: a user of the portal or, for people without an account, a name."""

    class Role(models.TextChoices):
        CURATOR = "curator", "Куратор программы наставничества"
        FORM_CURATOR = "form_curator", "Куратор формы наставничества"
        RESPONSIBLE = "responsible", "Ответственный"
        MENTOR = "mentor", "Наставник"
        MENTEE = "mentee", "Наставляемый"
        AWARDED = "awarded", "Поощряемый"
        ACQUAINTED = "acquainted", "Ознакомляемый"

    class Gender(models.TextChoices):
        MALE = "male", "мужской"
        FEMALE = "female", "женский"

    order = models.ForeignKey(Order, verbose_name="приказ", on_delete=models.CASCADE, related_name="subjects")
    role = models.CharField("роль в приказе", max_length=20, choices=Role.choices)
    user = models.ForeignKey(
        User,
        verbose_name="пользователь",
        on_delete=models.SET_NULL,  # the order keeps the name: full_name is copied from the user
        null=True,
        blank=True,
        related_name="order_mentions",
    )
    full_name = models.CharField(
        "ФИО", max_length=300, blank=True, help_text="«Фамилия Имя Отчество»; для пользователя заполняется сама."
    )
    gender = models.CharField(
        "пол",
        max_length=6,
        choices=Gender.choices,
        blank=True,
        help_text="Нужен, только если по ФИО его не определить (например, «Цой А. В.»).",
    )
    note = models.CharField("уточнение", max_length=300, blank=True, help_text="Например: форма «ученик – ученик».")
    position = models.PositiveIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "лицо, названное в приказе"
        verbose_name_plural = "лица, названные в приказе"
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(full_name=""), name="order_subject_has_name"),
            models.UniqueConstraint(
                fields=["order", "role", "user"],
                condition=models.Q(user__isnull=False),
                name="unique_order_subject_user_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"

    @property
    def name(self) -> str:
        return self.user.full_name if self.user_id else self.full_name

    def clean(self) -> None:
        if self.user_id:  # kept so that the order still names the person if the account is deleted
            self.full_name = self.user.full_name
        if not self.user_id and not self.full_name.strip():
            raise ValidationError("Выберите пользователя или впишите ФИО.", code="name_required")
        if self.user_id and self.order_id and self.user.organization_id != self.order.organization_id:
            raise ValidationError({"user": "Можно назвать только работника или участника этой организации."})


class OrderSignatory(OrganizationScoped):
    """Who may sign orders besides the director: a deputy acting for the director («исполняющий
    обязанности директора»), set by the director for a period — never a student or a parent."""

    user = models.ForeignKey(User, verbose_name="работник", on_delete=models.CASCADE, related_name="+")
    position = models.CharField(
        "должность в подписи",
        max_length=200,
        help_text="Как в подписи приказа: «Исполняющий обязанности директора», «Заместитель директора по УВР».",
    )
    basis = models.CharField(
        "основание",
        max_length=300,
        blank=True,
        help_text="Например: приказ о возложении обязанностей от 01.07.2026 № 45-к.",
    )
    valid_from = models.DateField("с")
    valid_until = models.DateField("по", null=True, blank=True, help_text="Пусто — бессрочно.")
    created_by = models.ForeignKey(
        User, verbose_name="назначил", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("назначено", auto_now_add=True)

    class Meta:
        verbose_name = "право подписи приказов"
        verbose_name_plural = "права подписи приказов"
        ordering = ["-valid_from", "pk"]

    def __str__(self) -> str:
        return f"{self.position}: {self.user.full_name}"

    def clean(self) -> None:
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": ValidationError("Окончание раньше начала.", code="dates")})

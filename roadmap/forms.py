from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from mentoring.access import MEMBERS
from mentoring.files import DOCUMENTS, checked_upload
from mentoring.models import AcademicYear, User
from roadmap import catalog, deadlines
from roadmap.models import (
    AcademicCalendar,
    Activity,
    CalendarPeriod,
    Roadmap,
    RoadmapEvent,
    Section,
    Stage,
)
from roadmap.orders import ORDER_KINDS
from roadmap.selectors import EVENT_TITLES

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LoadTemplateForm(forms.Form):
    template = forms.ChoiceField(label="Шаблон", choices=())
    year = forms.CharField(label="Учебный год", max_length=9, help_text="Например: 2025/2026.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = catalog.choices()
        if not self.is_bound:
            self.initial.setdefault("year", AcademicYear.current().name)

    def clean_year(self) -> AcademicYear:
        try:
            start_year = AcademicYear.parse_name(self.cleaned_data["year"])
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid_year") from exc
        if not 2000 <= start_year <= 2100:
            raise ValidationError("Укажите учебный год между 2000 и 2100.", code="year_out_of_range")
        return AcademicYear.for_date(datetime.date(start_year, 9, 1))


class ImportRoadmapForm(forms.Form):
    file = forms.FileField(label="Файл дорожной карты", help_text="Таблица Word (.docx) или Excel (.xlsx), до 10 МБ.")
    year = forms.CharField(label="Учебный год", max_length=9, help_text="Например: 2025/2026.")
    years = forms.IntegerField(label="Число учебных лет", min_value=1, max_value=10, initial=1)
    title = forms.CharField(
        label="Наименование",
        required=False,
        max_length=500,
        help_text="Пусто — «Дорожная карта внедрения целевой модели наставничества в …» с названием организации.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("year", AcademicYear.current().name)

    clean_year = LoadTemplateForm.clean_year

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:  # the confirmation step: the file waits on the server
            return upload
        if upload.size > 10 * 1024 * 1024:
            raise ValidationError("Файл больше 10 МБ.", code="file_too_large")
        if not upload.name.casefold().endswith((".docx", ".xlsx")):
            raise ValidationError("Загрузите файл .docx (таблица Word) или .xlsx.", code="file_extension")
        return upload


class CalendarForm(forms.Form):
    system = forms.ChoiceField(label="Деление учебного года", choices=AcademicCalendar.System.choices)


class CalendarPeriodForm(forms.Form):
    kind = forms.ChoiceField(label="Вид", choices=CalendarPeriod.Kind.choices)
    number = forms.IntegerField(label="№ периода", min_value=0, max_value=6, required=False)
    holidays = forms.ChoiceField(
        label="Каникулы", choices=[("", "—"), *CalendarPeriod.Holidays.choices], required=False
    )
    name = forms.CharField(label="Наименование", max_length=100)
    start = forms.DateField(label="Начало", widget=DATE_WIDGET)
    end = forms.DateField(label="Окончание", widget=DATE_WIDGET)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", ValidationError("Окончание раньше начала.", code="period_order"))
        cleaned["number"] = cleaned.get("number") or 0
        return cleaned


CalendarPeriodFormSet = forms.formset_factory(
    CalendarPeriodForm, extra=2, max_num=20, validate_max=True, can_delete=True
)


class RoadmapForm(forms.ModelForm):
    class Meta:
        model = Roadmap
        fields = ["title", "approval_order_number", "approval_order_date"]
        widgets = {"approval_order_date": DATE_WIDGET, "title": forms.Textarea(attrs={"rows": 2})}


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label="Статус", choices=Activity.Status.choices)
    completed_on = forms.DateField(label="Дата выполнения", required=False, widget=DATE_WIDGET)
    evidence_file = forms.FileField(
        label="Файл-подтверждение",
        required=False,
        help_text="PDF, DOCX, XLSX, JPG или PNG, до 10 МБ.",
    )
    evidence_url = forms.URLField(label="Ссылка", required=False, max_length=500, assume_scheme="https")
    evidence_note = forms.CharField(
        label="Документ (реквизиты)",
        required=False,
        max_length=500,
        help_text="Например: «Приказ от 01.09.2025 № 112-ОД», «Протокол педсовета № 2».",
    )
    comment = forms.CharField(
        label="Комментарий", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_evidence_file(self):
        return checked_upload(self.cleaned_data.get("evidence_file"), allowed=DOCUMENTS, max_mb=10)

    def clean_completed_on(self):
        day = self.cleaned_data.get("completed_on")
        if day and day > datetime.date.today() + datetime.timedelta(days=1):
            raise ValidationError("Дата выполнения не может быть в будущем.", code="future_completion")
        return day


class CommentForm(forms.Form):
    text = forms.CharField(label="Комментарий", max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))


MONTH_CHOICES = [
    ("", "—"),
    *((str(n), deadlines.MONTHS_NOMINATIVE[n].capitalize()) for n in (*range(9, 13), *range(1, 9))),
]
EVENT_CHOICES = [
    ("", "издания приказа о внедрении целевой модели"),
    *((key, title[0].lower() + title[1:]) for key, title in EVENT_TITLES.items() if key != RoadmapEvent.MAIN),
]


class DeadlineFields(forms.Form):
    """A deadline entered as structure — a date, months, a recurrence or «после события» — with the
    wording generated from it or typed; «как в документе» leaves it to the reader."""

    MODES = [
        ("text", "как в документе (портал прочитает формулировку)"),
        ("date", "дата или период дат"),
        ("months", "месяц или месяцы учебного года"),
        ("recurring", "повторяется"),
        ("relative", "после события"),
        ("none", "без срока"),
    ]
    deadline_mode = forms.ChoiceField(label="Как задан срок", choices=MODES, initial="text", required=False)
    deadline_text = forms.CharField(
        label="Сроки (как в документе)",
        required=False,
        max_length=300,
        help_text="Дата, месяц, «Октябрь-май», «IV четверть», «Сентябрь (ежегодно)», «1 раз в полугодие», "
        "«В течение месяца после издания приказа», «постоянно». Если срок задан ниже, а поле пусто, "
        "формулировка составится сама.",
    )
    deadline_start = forms.DateField(label="С (необязательно)", required=False, widget=DATE_WIDGET)
    deadline_date = forms.DateField(label="Дата (до)", required=False, widget=DATE_WIDGET)
    month_from = forms.TypedChoiceField(
        label="Месяц с", choices=MONTH_CHOICES, coerce=int, empty_value=None, required=False
    )
    month_to = forms.TypedChoiceField(
        label="Месяц по", choices=MONTH_CHOICES, coerce=int, empty_value=None, required=False
    )
    recurrence = forms.ChoiceField(
        label="Повторение", choices=[("", "—"), *deadlines.Recurrence.CHOICES], required=False
    )
    event = forms.ChoiceField(label="После", choices=EVENT_CHOICES, required=False)
    offset = forms.IntegerField(label="Через", min_value=0, max_value=365, required=False)
    offset_unit = forms.ChoiceField(
        label="Единица", choices=[("days", "дней"), ("weeks", "недель"), ("months", "месяцев")], required=False
    )

    def clean_deadline(self, cleaned: dict) -> None:
        """Puts ``deadline_data`` (None: read the wording) and the wording into ``cleaned``."""
        mode = cleaned.get("deadline_mode") or "text"
        text = (cleaned.get("deadline_text") or "").strip()
        cleaned["deadline_data"] = None
        if mode == "text":
            return
        deadline = self._structured(mode, cleaned)
        if deadline is None:
            return
        cleaned["deadline_data"] = deadline.to_data()
        cleaned["deadline_text"] = text or deadlines.wording(deadline)

    def _need(self, field: str, message: str) -> None:
        self.add_error(field, ValidationError(message, code="deadline_part_missing"))

    def _structured(self, mode: str, c: dict) -> deadlines.Deadline | None:
        Deadline, Kind = deadlines.Deadline, deadlines.Kind
        if mode == "date":
            if not c.get("deadline_date"):
                return self._need("deadline_date", "Укажите дату.")
            start = c.get("deadline_start")
            if start and start > c["deadline_date"]:
                return self._need("deadline_start", "Начало позже окончания.")
            return Deadline(text="", kind=Kind.DATE, date=c["deadline_date"], start_date=start)
        if mode == "months":
            first, last = c.get("month_from"), c.get("month_to") or c.get("month_from")
            if not first:
                return self._need("month_from", "Выберите месяц.")
            return Deadline(text="", kind=Kind.MONTHS, start_month=first, end_month=last)
        if mode == "recurring":
            recurrence = c.get("recurrence")
            if not recurrence:
                return self._need("recurrence", "Выберите, как часто.")
            if recurrence == deadlines.Recurrence.MONTHS:
                months = tuple(m for m in (c.get("month_from"), c.get("month_to")) if m)
                if not months:
                    return self._need("month_from", "Выберите месяцы.")
                return Deadline(text="", kind=Kind.RECURRING, recurrence=recurrence, months=months)
            first, last = c.get("month_from"), c.get("month_to") or c.get("month_from")
            if recurrence == deadlines.Recurrence.YEARLY and first:
                return Deadline(text="", kind=Kind.RECURRING, recurrence=recurrence, start_month=first, end_month=last)
            return Deadline(text="", kind=Kind.RECURRING, recurrence=recurrence)
        if mode == "relative":
            count, unit = c.get("offset") or 0, c.get("offset_unit") or "days"
            days = count * 7 if unit == "weeks" else count if unit == "days" else 0
            months = Decimal(count) if unit == "months" else Decimal(0)
            return Deadline(
                text="", kind=Kind.RELATIVE, event=c.get("event", ""), offset_days=days, offset_months=months
            )
        return Deadline(text="", kind=Kind.NONE)


class ActivityPlanForm(DeadlineFields):
    section = forms.ModelChoiceField(label="Раздел", queryset=Section.objects.none())
    number = forms.CharField(label="№", max_length=12)
    title = forms.CharField(label="Мероприятие", widget=forms.Textarea(attrs={"rows": 3}))
    result_order_kind = forms.ChoiceField(
        label="Выполняется подписанием приказа",
        choices=[("", "—"), *ORDER_KINDS],
        required=False,
        help_text="Когда этот приказ будет подписан, мероприятие отметится выполненным.",
    )
    anchor_activity = forms.ModelChoiceField(
        label="Срок отсчитывается от выполнения мероприятия",
        queryset=Activity.objects.none(),
        required=False,
        help_text="Для сроков «после …»; если не выбрано — от события «приказ».",
    )
    anchor_event = forms.ModelChoiceField(label="…или от события", queryset=RoadmapEvent.objects.none(), required=False)
    responsible_text = forms.CharField(
        label="Ответственные (как в документе)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    roles = forms.MultipleChoiceField(
        label="Ответственные роли портала",
        required=False,
        choices=[(role.value, role.label) for role in MEMBERS],
        widget=forms.CheckboxSelectMultiple,
    )
    users = forms.ModelMultipleChoiceField(
        label="Ответственные сотрудники", queryset=User.objects.none(), required=False
    )
    result = forms.CharField(
        label="Ожидаемый результат / вид документа", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    stage = forms.TypedChoiceField(
        label="Этап целевой модели",
        required=False,
        choices=[("", "—"), *Stage.choices],
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args, roadmap: Roadmap, activity: Activity | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.roadmap = roadmap
        self.activity = activity
        self.fields["section"].queryset = roadmap.sections.all()
        others = roadmap.activities.all()
        if activity is not None and activity.pk:
            others = others.exclude(pk=activity.pk)
        self.fields["anchor_activity"].queryset = others
        self.fields["anchor_event"].queryset = roadmap.events.all()
        self.fields["users"].queryset = User.objects.filter(organization_id=roadmap.organization_id, is_active=True)

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip().rstrip(".")
        taken = self.roadmap.activities.filter(number=number)
        if self.activity is not None and self.activity.pk:
            taken = taken.exclude(pk=self.activity.pk)
        if taken.exists():
            raise ValidationError(f"Мероприятие № {number} уже есть в дорожной карте.", code="duplicate_number")
        return number

    field_order = ["section", "number", "title", "deadline_mode", "deadline_text"]

    def clean(self):
        cleaned = super().clean()
        self.clean_deadline(cleaned)
        if cleaned.get("deadline_data"):
            parsed = deadlines.Deadline.from_data(cleaned.get("deadline_text", ""), cleaned["deadline_data"])
        else:
            parsed = deadlines.parse(cleaned.get("deadline_text", ""))
        if cleaned.get("anchor_activity") and parsed.kind != deadlines.Kind.RELATIVE:
            self.add_error(
                "anchor_activity",
                ValidationError("Мероприятие-основание нужно только для сроков «после …».", code="anchor_not_relative"),
            )
        return cleaned

    @classmethod
    def initial_for(cls, activity: Activity) -> dict:
        return {
            "section": activity.section_id,
            "number": activity.number,
            "title": activity.title,
            "deadline_text": activity.deadline_text,
            **cls._deadline_initial(activity),
            "result_order_kind": activity.result_order_kind,
            "anchor_activity": activity.anchor_activity_id,
            "anchor_event": activity.anchor_event_id,
            "responsible_text": activity.responsible_text,
            "roles": [r.role for r in activity.responsible_roles.all()],
            "users": list(activity.responsible_users.all()),
            "result": activity.result,
            "stage": activity.stage,
        }

    def plan_data(self) -> dict:
        """What the service takes: the structured parts of the deadline are already in ``deadline_data``."""
        structured = set(DeadlineFields.base_fields) - {"deadline_text"}
        return {k: v for k, v in self.cleaned_data.items() if k not in structured}

    @staticmethod
    def _deadline_initial(activity: Activity) -> dict:
        data = activity.deadline_data
        if not data:
            return {"deadline_mode": "text"}
        d = deadlines.Deadline.from_data(activity.deadline_text, data)
        initial = {"deadline_mode": d.kind if d.kind != deadlines.Kind.NONE else "none"}
        if d.kind == deadlines.Kind.DATE:
            initial.update(deadline_date=d.date, deadline_start=d.start_date)
        elif d.kind in (deadlines.Kind.MONTHS, deadlines.Kind.RECURRING):
            months = d.months or (d.start_month, d.end_month)
            initial.update(month_from=months[0], month_to=months[-1], recurrence=d.recurrence)
        elif d.kind == deadlines.Kind.RELATIVE:
            unit = "months" if d.offset_months else "days"
            initial.update(event=d.event, offset=int(d.offset_months) or d.offset_days, offset_unit=unit)
        return initial


class EventForm(forms.Form):
    happened_on = forms.DateField(label="Дата события", required=False, widget=DATE_WIDGET)
    reference = forms.CharField(label="Документ (реквизиты)", required=False, max_length=300)


class ActivityFilterForm(forms.Form):
    """GET filters of the roadmap page; an invalid value is an error message, never a 500."""

    SHOW = [
        ("", "Все мероприятия"),
        ("overdue", "Просроченные"),
        ("upcoming", "В ближайшие 14 дней"),
        ("open", "Невыполненные"),
        ("flagged", "Срок не распознан"),
    ]
    show = forms.ChoiceField(label="Показать", choices=SHOW, required=False)
    stage = forms.TypedChoiceField(
        label="Этап", choices=[("", "Все этапы"), *Stage.choices], coerce=int, empty_value=None, required=False
    )

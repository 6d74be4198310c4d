"""xlsx exports of the bases, with whatever filters the list page had."""

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from mentoring.xlsx import workbook_bytes, xlsx_response


def _yes(flag: bool) -> str:
    return "да" if flag else "нет"


def people(queryset: QuerySet) -> HttpResponse:
    rows = (
        (
            p.last_name,
            p.first_name,
            p.middle_name,
            p.get_kind_display(),
            p.study_group.name if p.study_group else "",
            p.birth_date,
            p.get_sex_display(),
            p.position,
            p.subject,
            p.teaching_years,
            p.email,
            p.phone,
            _yes(p.has_processing_consent),
        )
        for p in queryset
    )
    headers = [
        "Фамилия",
        "Имя",
        "Отчество",
        "Категория",
        "Класс / группа",
        "Дата рождения",
        "Пол",
        "Должность",
        "Предмет",
        "Стаж, лет",
        "Электронная почта",
        "Телефон",
        "Согласие на обработку ПДн",
    ]
    return _response("Участники", headers, rows)


def mentors(queryset: QuerySet) -> HttpResponse:
    rows = (
        (
            m.person.full_name,
            m.get_category_display(),
            m.get_status_display(),
            m.status_date,
            m.capacity,
            m.competencies,
            m.interests,
            m.useful_for,
            m.time_available,
            "; ".join(f"{t.title}, {t.hours} ч, {t.completed_on:%d.%m.%Y}" for t in m.trainings.all()),
            m.entry_date,
        )
        for m in queryset
    )
    headers = [
        "ФИО",
        "Категория",
        "Статус",
        "Дата статуса",
        "Мест",
        "Компетенции",
        "Интересы",
        "Чем может быть полезен",
        "Удобное время",
        "Обучение",
        "В базе с",
    ]
    return _response("База наставников", headers, rows)


def mentees(queryset: QuerySet) -> HttpResponse:
    rows = (
        (
            m.person.full_name,
            m.person.study_group.name if m.person.study_group else m.person.position,
            "; ".join(c.name for c in m.categories.all()),
            m.request,
            m.get_nominated_by_display(),
            m.get_status_display(),
            m.status_date,
            m.entry_date,
        )
        for m in queryset
    )
    headers = ["ФИО", "Класс / должность", "Категории", "Запрос", "Кто выдвинул", "Статус", "Дата статуса", "В базе с"]
    return _response("База наставляемых", headers, rows)


def _response(title: str, headers: list[str], rows) -> HttpResponse:
    content = workbook_bytes(title=title, headers=headers, rows=rows)
    return xlsx_response(content, f"{title} {timezone.localdate():%d.%m.%Y}.xlsx")

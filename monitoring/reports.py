"""The efficiency report (the seed 001 table) and the programme's annual report: PDF and xlsx."""

from __future__ import annotations

import io

from django.db.models import Avg, Count, Q
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from mentoring import names
from mentoring.orders.models import Order, OrderKind
from mentoring.pdf import render_pdf
from mentoring.selectors import curator_of, director_of
from mentoring.xlsx import safe_cell
from monitoring import kpi
from monitoring.efficiency import LEVEL_RANGES, LEVELS, POINTS_LABELS, criteria_rows
from monitoring.models import EfficiencyAssessment, Questionnaire, Response
from monitoring.results import growth, satisfaction_of
from monitoring.selectors import respondents
from programs.models import Feedback, Meeting, Mentorship, Programme


def _signatures(organization, curator=None) -> list[dict]:
    curator = curator or curator_of(organization)
    director = director_of(organization)
    return [
        {
            "position": "Куратор программы наставничества",
            "name": names.initials_first(curator.full_name) if curator else "",
        },
        {"position": "Директор", "name": names.initials_first(director.full_name) if director else ""},
    ]


def assessment_context(assessment: EfficiencyAssessment) -> dict:
    scores = {s.indicator: (s.points, s.comment) for s in assessment.scores.all()}
    subject = (
        f"пары (группы) наставника {names.short_form(assessment.mentorship.mentor.person.full_name)}"
        if assessment.mentorship_id
        else "программы наставничества"
    )
    return {
        "organization": assessment.organization,
        "assessment": assessment,
        "subject": subject,
        "rows": criteria_rows(scores),
        "points_labels": POINTS_LABELS,
        "levels": [(key, LEVEL_RANGES[key], label) for key, label in LEVELS.items()],
        "signatures": _signatures(assessment.organization, assessment.programme.curator),
        "title": f"Оценка эффективности {subject}",
    }


def assessment_pdf(assessment: EfficiencyAssessment) -> bytes:
    return render_pdf("pdf/monitoring/efficiency.html", assessment_context(assessment))


def assessments_pdf(assessments: list[EfficiencyAssessment]) -> bytes:
    from mentoring.pdf import render_pdf_batch

    return render_pdf_batch("pdf/monitoring/efficiency.html", [assessment_context(a) for a in assessments])


def assessment_filename(assessment: EfficiencyAssessment) -> str:
    return f"Оценка эффективности {assessment.academic_year.name.replace('/', '-')} № {assessment.pk}.pdf"


def annual_context(programme: Programme) -> dict:
    organization, year = programme.organization, programme.academic_year
    pairs = Mentorship.objects.filter(programme=programme)
    statuses = dict(pairs.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    meetings = Meeting.objects.filter(mentorship__programme=programme)
    by_kind = dict(meetings.values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    ratings = Feedback.objects.filter(meeting__mentorship__programme=programme).aggregate(
        mentor=Avg("rating", filter=Q(author=Feedback.Author.MENTOR)),
        mentee=Avg("rating", filter=Q(author=Feedback.Author.MENTEE)),
        count=Count("pk"),
    )
    questionnaires = []
    for q in Questionnaire.objects.filter(organization=organization, academic_year=year).filter(
        Q(programme=programme) | Q(programme__isnull=True)
    ):
        submitted = Response.objects.filter(questionnaire=q, status=Response.Status.SUBMITTED).count()
        row = {"questionnaire": q, "submitted": submitted, "asked": respondents(q).count()}
        if q.purpose == Questionnaire.Purpose.SATISFACTION:
            row["satisfaction"] = satisfaction_of(q)
        if q.purpose == Questionnaire.Purpose.EXIT and q.baseline_id:
            g = growth(q)
            mine = [p for p in g["programmes"] if p["programme"] == programme.title] if g else []
            row["growth"] = mine[0] if mine else None
        questionnaires.append(row)
    assessments = list(
        EfficiencyAssessment.objects.filter(programme__organization=organization, programme__form=programme.form)
        .filter(mentorship__isnull=True)
        .select_related("academic_year")
        .order_by("academic_year__start_year")
    )
    practices = list(
        pairs.filter(status=Mentorship.Status.COMPLETED)
        .exclude(reflection="")
        .select_related("mentor__person")
        .order_by("-end_date")[:10]
    )
    incentives = list(
        Order.objects.filter(
            organization=organization,
            kind=OrderKind.INCENTIVES,
            status=Order.Status.SIGNED,
            date__gte=year.start_date,
            date__lte=year.end_date,
        ).prefetch_related("subjects")
    )
    return {
        "organization": organization,
        "programme": programme,
        "year": year,
        "title": f"Отчёт о реализации программы наставничества за {year.name} учебный год",
        "kpis": kpi.kpi_table(organization.pk, year),
        "statuses": [(label, statuses.get(value, 0)) for value, label in Mentorship.Status.choices],
        "pairs_total": sum(statuses.values()),
        "meetings_total": sum(by_kind.values()),
        "meetings_by_kind": [(label, by_kind.get(value, 0)) for value, label in Meeting.Kind.choices],
        "ratings": ratings,
        "questionnaires": questionnaires,
        "assessments": assessments,
        "practices": [
            {"mentor": names.short_form(p.mentor.person.full_name), "reflection": p.reflection} for p in practices
        ],
        "incentives": incentives,
        "signatures": _signatures(organization, programme.curator),
        "satisfaction_definition": kpi.SATISFACTION_DEFINITION,
    }


def annual_pdf(programme: Programme) -> bytes:
    return render_pdf("pdf/monitoring/annual.html", annual_context(programme))


def _workbook_bytes(workbook: Workbook) -> bytes:
    for sheet in workbook.worksheets:
        sheet.column_dimensions["A"].width = 60
        for letter in "BCDE":
            sheet.column_dimensions[letter].width = 18
        for row in sheet.iter_rows():
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def assessment_xlsx(assessment: EfficiencyAssessment) -> bytes:
    context = assessment_context(assessment)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Оценка эффективности"
    sheet.append([safe_cell(assessment.organization.name)])
    sheet.append([f"{context['title']}, {assessment.academic_year.name} учебный год; {assessment.programme}"])
    sheet.append([])
    sheet.append(["Показатель", "Критерий", "Баллы", "Комментарий"])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in context["rows"]:
        indicator = row["indicator"]
        sheet.append(
            [f"{indicator.number}. {indicator.title}", indicator.criterion, row["points"], safe_cell(row["comment"])]
        )
    sheet.append(["Итого баллов", "", assessment.total, assessment.level_label])
    return _workbook_bytes(workbook)


def annual_xlsx(programme: Programme) -> bytes:
    context = annual_context(programme)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Показатели"
    sheet.append([safe_cell(context["title"])])
    sheet.append([safe_cell(f"{programme.organization.name}; {programme.title}")])
    sheet.append([])
    sheet.append(["Показатель", "Цель, %", "Факт, %", "Числитель", "Знаменатель"])
    for row in context["kpis"]:
        ratio = row["ratio"]
        sheet.append([row["label"], row["target"], ratio.percent, ratio.part, ratio.whole])
    sheet.append([])
    sheet.append(["Пары и группы программы", "Количество"])
    for label, n in context["statuses"]:
        sheet.append([label, n])
    sheet.append(["Встречи", "Количество"])
    for label, n in context["meetings_by_kind"]:
        sheet.append([label, n])
    questionnaires = workbook.create_sheet("Анкетирование")
    questionnaires.append(["Анкета", "Опрошено", "Ответили", "Удовлетворённость, %", "Рост самооценки"])
    for row in context["questionnaires"]:
        satisfaction = row.get("satisfaction")
        grown = row.get("growth")
        questionnaires.append(
            [
                safe_cell(row["questionnaire"].title),
                row["asked"],
                row["submitted"],
                satisfaction.percent if satisfaction else None,
                grown["delta"] if grown else None,
            ]
        )
    efficiency = workbook.create_sheet("Эффективность")
    efficiency.append(["Учебный год", "Баллы", "Уровень"])
    for a in context["assessments"]:
        efficiency.append([a.academic_year.name, a.total, a.level_label])
    return _workbook_bytes(workbook)

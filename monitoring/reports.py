"""The efficiency report (the seed 001 table) and the programme's annual report: PDF and xlsx."""

from __future__ import annotations

import io
from collections import Counter

from django.db.models import Avg, Count, IntegerField, Q, Value
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from mentoring import names
from mentoring.docx import render_docx
from mentoring.orders.models import Order, OrderKind
from mentoring.pdf import render_pdf
from mentoring.selectors import curator_of, director_of
from mentoring.xlsx import safe_cell
from monitoring import kpi
from monitoring.dashboards import region_rows, region_totals
from monitoring.efficiency import LEVEL_RANGES, LEVELS, POINTS_LABELS, criteria_rows
from monitoring.models import EfficiencyAssessment, Questionnaire, Response
from monitoring.results import growth, satisfaction_of
from monitoring.selectors import respondents
from programs.models import Feedback, Meeting, Mentorship, Programme
from programs.models_awards import Award
from programs.models_practices import Practice
from roadmap.models import Activity
from roadmap.selectors import current_roadmaps, stage_progress


def sentence_end(text: str) -> str:
    return text if text.endswith(".") else f"{text}."


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


def assessment_docx(assessment: EfficiencyAssessment) -> bytes:
    """The Word twin of the efficiency report (the same template, its 0–18 table a Word table)."""
    return render_docx("pdf/monitoring/efficiency.html", assessment_context(assessment))


def assessments_pdf(assessments: list[EfficiencyAssessment]) -> bytes:
    from mentoring.pdf import render_pdf_batch

    return render_pdf_batch("pdf/monitoring/efficiency.html", [assessment_context(a) for a in assessments])


def assessment_filename(assessment: EfficiencyAssessment) -> str:
    return f"Оценка эффективности {assessment.academic_year.name.replace('/', '-')} № {assessment.pk}.pdf"


def _asked_counts(questionnaires: list[Questionnaire]) -> Counter:
    """How many people each questionnaire asks: one UNION ALL of every respondents() set, so the
    report's query count does not grow with the number of questionnaires of the year."""
    if not questionnaires:
        return Counter()
    parts = [
        respondents(q).order_by().annotate(qid=Value(q.pk, output_field=IntegerField())).values_list("qid", "pk")
        for q in questionnaires
    ]
    return Counter(qid for qid, _ in parts[0].union(*parts[1:], all=True))


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
    of_year = list(
        Questionnaire.objects.filter(organization=organization, academic_year=year).filter(
            Q(programme=programme) | Q(programme__isnull=True)
        )
    )
    asked = _asked_counts(of_year)
    submitted_by = dict(
        Response.objects.filter(questionnaire__in=of_year, status=Response.Status.SUBMITTED)
        .values("questionnaire_id")
        .annotate(n=Count("pk"))
        .values_list("questionnaire_id", "n")
    )
    for q in of_year:
        row = {"questionnaire": q, "submitted": submitted_by.get(q.pk, 0), "asked": asked[q.pk]}
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
        # «Иванова О. Н.» ends with a period already: the sentence adds none («О. Н..» was printed).
        "curator_name": sentence_end(names.short_form(programme.curator.full_name)) if programme.curator else "",
    }


def annual_pdf(programme: Programme) -> bytes:
    return render_pdf("pdf/monitoring/annual.html", annual_context(programme))


def annual_docx(programme: Programme) -> bytes:
    return render_docx("pdf/monitoring/annual.html", annual_context(programme))


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
    sheet.append(["Показатель", "Цель, %", "Факт, %", "Числитель", "Знаменатель", "Как считается"])
    for row in context["kpis"]:
        ratio = row["ratio"]
        sheet.append([row["label"], row["target"], ratio.percent, ratio.part, ratio.whole, row["definition"].text])
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


# --- The school's annual report: every programme of the organization in one document ---


def _roadmap_execution(organization, year) -> list:
    """Stage progress of the roadmaps that cover the year, as of its end (or today, if earlier)."""
    today = timezone.localdate()
    as_of = min(today, year.end_date)
    roadmaps = current_roadmaps(organization, as_of)
    return stage_progress(Activity.objects.filter(roadmap__in=roadmaps), as_of)


def school_annual_context(organization, year) -> dict:
    programmes = list(
        Programme.objects.filter(organization=organization, academic_year=year)
        .select_related("form", "curator")
        .annotate(
            pair_count=Count("pairs", filter=Q(pairs__status__in=kpi.COUNTED_PAIR_STATUSES), distinct=True),
            meeting_count=Count("pairs__meetings", distinct=True),
        )
        .order_by("title")
    )
    assessments = {
        a.programme_id: a
        for a in EfficiencyAssessment.objects.filter(
            organization=organization, academic_year=year, mentorship__isnull=True
        )
    }
    rows = [{"programme": p, "assessment": assessments.get(p.pk)} for p in programmes]
    levels = dict.fromkeys(LEVELS, 0)
    for a in assessments.values():
        levels[a.level] += 1
    practices = list(
        # A practice of a pair belongs to the pair's year; one without a pair, to the year it was written in.
        Practice.objects.filter(organization=organization)
        .filter(
            Q(mentorship__programme__academic_year=year)
            | Q(mentorship__isnull=True, created_at__date__gte=year.start_date, created_at__date__lte=year.end_date)
        )
        .exclude(status=Practice.Status.DRAFT)
        .select_related("mentorship__programme")
        .order_by("title")
    )
    awards = list(
        Award.objects.filter(organization=organization, academic_year=year)
        .select_related("nomination", "mentor__person")
        .order_by("date", "pk")
    )
    return {
        "organization": organization,
        "year": year,
        "title": f"Отчёт о реализации целевой модели наставничества за {year.name} учебный год",
        "kpis": kpi.kpi_table(organization.pk, year),
        "unlisted": kpi.unlisted_participants(organization.pk, year),
        "programmes": rows,
        "levels": [(label, levels[key], LEVEL_RANGES[key]) for key, label in LEVELS.items()],
        "roadmap": _roadmap_execution(organization, year),
        "practices": practices,
        "awards": [
            {
                "nomination": a.nomination.name if a.nomination_id else "",
                "mentor": names.short_form(a.mentor.person.full_name),
                "date": a.date,
            }
            for a in awards
        ],
        "signatures": _signatures(organization),
        "satisfaction_definition": kpi.SATISFACTION_DEFINITION,
    }


def school_annual_pdf(organization, year) -> bytes:
    return render_pdf("pdf/monitoring/school_annual.html", school_annual_context(organization, year))


def school_annual_docx(organization, year) -> bytes:
    """The same document for Word, from the same template as the PDF."""
    return render_docx("pdf/monitoring/school_annual.html", school_annual_context(organization, year))


def school_annual_xlsx(organization, year) -> bytes:
    context = school_annual_context(organization, year)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Показатели"
    sheet.append([safe_cell(context["title"])])
    sheet.append([safe_cell(organization.name)])
    sheet.append([])
    sheet.append(["Показатель", "Цель, %", "Факт, %", "Числитель", "Знаменатель", "Как считается"])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in context["kpis"]:
        ratio = row["ratio"]
        sheet.append([row["label"], row["target"], ratio.percent, ratio.part, ratio.whole, row["definition"].text])
    programmes = workbook.create_sheet("Программы")
    programmes.append(["Программа", "Форма", "Пар и групп", "Встреч", "Баллы (0–18)", "Уровень"])
    for row in context["programmes"]:
        p, a = row["programme"], row["assessment"]
        programmes.append(
            [
                safe_cell(p.title),
                safe_cell(str(p.form)),
                p.pair_count,
                p.meeting_count,
                a.total if a else None,
                a.level_label if a else "нет оценки",
            ]
        )
    roadmap = workbook.create_sheet("Дорожная карта")
    roadmap.append(["Этап", "Мероприятий", "Выполнено", "Просрочено", "Выполнено, %"])
    for stage in context["roadmap"]:
        roadmap.append(
            [stage.title, stage.progress.planned, stage.progress.done, stage.progress.overdue, stage.progress.percent]
        )
    return _workbook_bytes(workbook)


def region_xlsx(organizations, year, region) -> bytes:
    """The region's table: a row per organization and the totals; counts of one or two print «менее 3»."""
    rows = region_rows(organizations, year)
    totals = region_totals(rows)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Организации"
    sheet.append([safe_cell(f"Наставничество в организациях: {region}, {year.name} учебный год")])
    sheet.append(["Только сводные показатели; числа меньше трёх человек скрыты («менее 3»)."])
    sheet.append([])
    header = ["Организация", "Работающих пар"]
    for indicator, _ratio in totals["kpis"]:
        header += [f"{indicator.label}, %", "числитель / знаменатель"]
    header += ["Эффективность, средний балл", "Уровень"]
    sheet.append(header)
    for cell in sheet[4]:
        cell.font = Font(bold=True)

    def cells(ratios):
        out = []
        for _indicator, ratio in ratios:
            out += [ratio.public_percent, ratio.public_text.replace(" из ", " / ")]
        return out

    for row in rows:
        e = row["efficiency"]
        sheet.append(
            [
                safe_cell(row["organization"].short_name),
                row["pairs"],
                *cells(row["kpis"]),
                e["mean"] if e else None,
                e["level_label"] if e else "нет оценки",
            ]
        )
    sheet.append(["Итого по региону", totals["pairs"], *cells(totals["kpis"]), totals["efficiency_mean"], ""])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.append([])
    for indicator in kpi.DEFINITIONS:
        sheet.append([safe_cell(f"{indicator.label}: {kpi.DEFINITIONS[indicator].text}.")])
    return _workbook_bytes(workbook)

"""The first draft of the Положение and the Программа, written from what the portal holds: the forms and
variants the organization runs, its team, the programmes of the year, the roadmap, the monitoring plan
and the 0–18 table, the KPI targets, the nominations. The structure is the one the five seeds share
(пояснительная записка, цели и задачи, роли, формы и варианты, механизм реализации, мониторинг,
дорожная карта). The director or the curator then edits every section before the order approves it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from mentoring.models import AcademicYear, Organization, Role, User
from mentoring.names import short_form
from mentoring.selectors import curator_of, director_of, organization_officer
from mentoring.text import name_order
from monitoring.efficiency import INDICATORS, LEVEL_RANGES, LEVELS
from monitoring.models import Kpi, KpiTarget
from participants.models import MenteeCategory, MentorProfile
from programs.models import OrganizationForm, Programme
from programs.models_awards import Nomination
from roadmap.models import Activity, Roadmap

LEGAL_BASIS = [
    "Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»;",
    "Федеральный закон от 27.07.2006 № 152-ФЗ «О персональных данных»;",
    "распоряжение Правительства Российской Федерации от 21.05.2025 № 1264-р «Об утверждении Концепции развития "
    "наставничества в Российской Федерации на период до 2030 года»;",
    "распоряжение Министерства просвещения Российской Федерации от 25.12.2019 № Р-145 «Об утверждении методологии "
    "(целевой модели) наставничества обучающихся для организаций, осуществляющих образовательную деятельность по "
    "общеобразовательным, дополнительным общеобразовательным и программам среднего профессионального образования, "
    "в том числе с применением лучших практик обмена опытом между обучающимися»;",
    "устав {org_genitive}.",
]

STAGES = [
    "Подготовка условий для запуска программы наставничества",
    "Формирование базы наставляемых",
    "Формирование базы наставников",
    "Отбор и обучение наставников",
    "Формирование наставнических пар или групп",
    "Организация работы наставнических пар или групп",
    "Завершение наставничества",
]


@dataclass
class Draft:
    key: str
    title: str
    body: str


def _cell(text: str) -> str:
    """A table cell of the markup: no «|» or line break inside."""
    return " ".join(str(text or "—").replace("|", "/").split()) or "—"


def _table(header: list[str], rows: list[list[str]]) -> str:
    return "\n".join("| " + " | ".join(_cell(c) for c in row) + " |" for row in [header, *rows])


def _lowfirst(text: str) -> str:
    """«С ограниченными возможностями здоровья (ОВЗ)» → «с ограниченными … (ОВЗ)»: abbreviations stay."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _person(user: User | None, position: str) -> str:
    return f"{position} — {short_form(user.full_name)}" if user else f"{position} — назначается приказом директора"


@dataclass
class Facts:
    organization: Organization
    year: AcademicYear
    org_genitive: str
    org_short: str
    director: User | None
    curator: User | None
    psychologist: User | None
    form_curators: list[User]
    forms: list
    programmes: list[Programme]
    mentee_categories: list[MenteeCategory]
    roadmap: Roadmap | None
    activities: list[Activity]
    kpis: list[KpiTarget]
    nominations: list[Nomination]


def facts(organization: Organization, year: AcademicYear) -> Facts:
    forms = [
        f.form
        for f in OrganizationForm.objects.filter(organization=organization)
        .select_related("form")
        .prefetch_related("form__variants")
        .order_by("form__order", "form__name")
    ]
    programmes = list(
        Programme.objects.filter(organization=organization, academic_year=year)
        .select_related("form", "curator")
        .order_by("title")
    )
    for programme in programmes:
        if programme.form not in forms:
            forms.append(programme.form)
    used = MenteeCategory.objects.filter(mentees__person__organization=organization).distinct()
    categories = list(used) or list(MenteeCategory.objects.all())
    roadmap = (
        Roadmap.objects.filter(organization=organization, academic_year__start_year__lte=year.start_year)
        .order_by("-academic_year__start_year", "pk")
        .first()
    )
    activities = (
        list(
            roadmap.activities.select_related("section").order_by("section__position", "section__pk", "position", "pk")
        )
        if roadmap
        else []
    )
    return Facts(
        organization=organization,
        year=year,
        org_genitive=organization.name_in("genitive"),
        org_short=organization.short_name,
        director=director_of(organization),
        curator=curator_of(organization),
        psychologist=organization_officer(organization, Role.PSYCHOLOGIST),
        form_curators=list(
            User.objects.filter(organization=organization, is_active=True, roles__role=Role.FORM_CURATOR)
            .distinct()
            .order_by(*name_order(), "pk")
        ),
        forms=forms,
        programmes=programmes,
        mentee_categories=categories,
        roadmap=roadmap,
        activities=activities,
        kpis=list(
            KpiTarget.objects.filter(organization=organization)
            .select_related("academic_year")
            .order_by("indicator", "academic_year__start_year")
        ),
        nominations=list(
            Nomination.objects.filter(Q(organization=organization) | Q(organization__isnull=True)).order_by(
                "order", "name"
            )
        ),
    )


# ---------------------------------------------------------------- shared pieces


def _roles(f: Facts) -> str:
    lines = [
        "- "
        + _person(
            f.director,
            f"{f.organization.director_position}: утверждает локальные акты и приказы, "
            "обеспечивает условия реализации программы",
        ),
        "- "
        + _person(
            f.curator,
            "Куратор программы наставничества: организует и координирует реализацию программы, "
            "ведёт базы наставников и наставляемых, проводит мониторинг",
        ),
    ]
    if f.form_curators:
        names = ", ".join(short_form(u.full_name) for u in f.form_curators)
        lines.append(f"- Кураторы форм наставничества — {names}: сопровождают пары (группы) закреплённых форм")
    lines.append(
        "- "
        + _person(
            f.psychologist,
            "Педагог-психолог: диагностика совместимости, психологическое сопровождение наставляемых, "
            "в том числе не сформировавших пару",
        )
    )
    lines.append(
        "- Наставники: "
        + "; ".join(_lowfirst(label) for label in MentorProfile.Category.labels)
        + " — с их согласия и после отбора и обучения"
    )
    students = [_lowfirst(c.name) for c in f.mentee_categories if c.audience == MenteeCategory.Audience.STUDENT]
    teachers = [_lowfirst(c.name) for c in f.mentee_categories if c.audience == MenteeCategory.Audience.TEACHER]
    if students:
        lines.append("- Наставляемые из числа обучающихся: " + "; ".join(students))
    if teachers:
        lines.append("- Наставляемые из числа педагогов: " + "; ".join(teachers))
    return "\n".join(lines)


def _forms(f: Facts) -> str:
    if not f.forms:
        return "Формы наставничества определяются программой наставничества на учебный год."
    rows = []
    for form in f.forms:
        variants = "; ".join(v.name for v in form.variants.all()) or "—"
        rows.append([f"«{form.name}»", form.goal or "—", variants])
    return "Организация реализует следующие формы наставничества и варианты взаимодействия:\n\n" + _table(
        ["Форма наставничества", "Цель", "Варианты взаимодействия"], rows
    )


def _mechanism() -> str:
    stages = "\n".join(f"{n}. {title}" for n, title in enumerate(STAGES, start=1))
    return (
        "Программа реализуется в семь этапов:\n\n"
        + stages
        + "\n\nРабота пары (группы) строится как последовательность встреч: встреча-знакомство, пробная рабочая "
        "встреча, встреча-планирование (цели и индивидуальный план развития — персонализированная программа "
        "наставничества), комплекс последовательных встреч не реже одного раза в две недели с обязательной "
        "обратной связью наставника и наставляемого, итоговая встреча и рефлексия. Пары (группы) закрепляются "
        "приказом директора на основании письменного согласия участников; наставляемые, не сформировавшие пару, "
        "получают психологическую поддержку, подбор наставника продолжается. Завершившие программу наставляемые "
        "могут стать наставниками."
    )


def _monitoring(f: Facts) -> str:
    criteria: dict[str, list[str]] = {}
    for indicator in INDICATORS:
        criteria.setdefault(indicator.criterion, []).append(f"{indicator.number}. {indicator.title}")
    table = _table(["Критерий", "Показатели"], [[c, "; ".join(items)] for c, items in criteria.items()])
    levels = "; ".join(f"{LEVEL_RANGES[key]} — {label}" for key, label in LEVELS.items())
    text = (
        "Мониторинг проводится в два этапа. Первый этап — оценка качества реализации программы (анкетирование "
        "участников: открытые, закрытые и шкальные вопросы). Второй этап — оценка мотивационно-личностного и "
        "профессионального роста участников: анкетирование дважды, до вхождения в программу и по её окончании, "
        "для сравнения входных и выходных значений.\n\n"
        "Эффективность программы оценивается по девяти показателям, каждый — 2 балла (проявляется в полной мере), "
        f"1 балл (частично) или 0 баллов (не проявляется), всего 0–18 баллов: {levels}.\n\n{table}"
    )
    if f.kpis:
        years = sorted({t.academic_year.start_year for t in f.kpis})
        by_indicator: dict[str, dict[int, int]] = {}
        for target in f.kpis:
            by_indicator.setdefault(target.indicator, {})[target.academic_year.start_year] = target.target_percent
        rows = [
            [Kpi(code).label, *[f"{values[y]} %" if y in values else "—" for y in years]]
            for code, values in by_indicator.items()
        ]
        text += "\n\nЦелевые показатели:\n\n" + _table(["Показатель", *[f"{y}/{y + 1}" for y in years]], rows)
    return text


def _incentives(f: Facts) -> str:
    items = (
        "\n".join(f"- «{n.name}»" + (f" — {n.description}" if n.description else "") for n in f.nominations)
        or "- номинации утверждаются приказом директора"
    )
    return (
        "Наставники поощряются по итогам учебного года приказом директора: почётные грамоты и благодарности, "
        "размещение информации на сайте организации (с согласия на распространение персональных данных), "
        "представление к наградам, учёт наставнической деятельности при аттестации, стимулирующие выплаты "
        "в соответствии с положением об оплате труда. Номинации:\n\n" + items
    )


def _roadmap(f: Facts) -> str:
    if not f.activities:
        return (
            "Дорожная карта внедрения целевой модели наставничества утверждается приказом директора одновременно "
            "с программой (приложение к приказу)."
        )
    rows = [[a.number, a.title, a.deadline_text, a.responsible_text, a.result] for a in f.activities]
    return f"{f.roadmap.title}.\n\n" + _table(["№", "Мероприятие", "Срок", "Ответственные", "Результат"], rows)


# ---------------------------------------------------------------- the two documents


def regulations_drafts(f: Facts) -> list[Draft]:
    basis = "\n".join("- " + item.format(org_genitive=f.org_genitive) for item in LEGAL_BASIS)
    return [
        Draft(
            "general",
            "1. Общие положения",
            f"Настоящее Положение о наставничестве (далее — Положение) {f.org_genitive} (далее — организация) "
            "определяет цели, задачи, формы и порядок осуществления наставничества, права и обязанности его "
            "участников, порядок мониторинга и поощрения наставников.\n\nПоложение разработано в соответствии с:\n\n"
            + basis,
        ),
        Draft(
            "goals",
            "2. Цели и задачи наставничества",
            "Цель наставничества — максимально полное раскрытие потенциала личности наставляемого, необходимое "
            "для успешной личной и профессиональной самореализации, через создание условий для формирования "
            "эффективной системы поддержки, самоопределения и профессиональной ориентации обучающихся, "
            "адаптации и профессионального развития педагогических работников.\n\nЗадачи:\n\n"
            "- разработка и реализация программы наставничества;\n"
            "- формирование баз наставников и наставляемых;\n"
            "- обучение наставников, методическое сопровождение их деятельности;\n"
            "- мониторинг и оценка результатов программы;\n"
            "- формирование базы лучших практик наставничества.",
        ),
        Draft("roles", "3. Организационные основы и участники наставничества", _roles(f)),
        Draft(
            "mentor",
            "4. Права и обязанности наставника",
            "Наставник обязан: разработать совместно с наставляемым индивидуальный план развития; проводить "
            "встречи не реже одного раза в две недели; давать обратную связь по каждой встрече; участвовать в "
            "мониторинге программы; соблюдать конфиденциальность сведений о наставляемом.\n\n"
            "Наставник имеет право: вносить предложения о совершенствовании программы; получать методическую и "
            "психологическую поддержку; проходить обучение; отказаться от наставничества, предупредив куратора.\n\n"
            "Педагогический работник осуществляет наставничество с его письменного согласия как дополнительную "
            "работу (статья 60.2 Трудового кодекса Российской Федерации).",
        ),
        Draft(
            "mentee",
            "5. Права и обязанности наставляемого",
            "Наставляемый обязан: выполнять индивидуальный план развития; участвовать во встречах и давать "
            "обратную связь; участвовать в мониторинге.\n\nНаставляемый имеет право: выбирать наставника из "
            "базы наставников (участвовать в подборе); обращаться к куратору и педагогу-психологу; выйти из "
            "программы по собственному желанию (для несовершеннолетнего — по заявлению законного представителя).",
        ),
        Draft(
            "process",
            "6. Порядок осуществления наставничества",
            _mechanism()
            + "\n\nУчастники дают письменное согласие на обработку персональных данных (за несовершеннолетних — "
            "законные представители); размещение сведений на сайте допускается только с отдельного согласия на "
            "распространение (статья 10.1 Федерального закона № 152-ФЗ).",
        ),
        Draft("monitoring", "7. Мониторинг и оценка результатов", _monitoring(f)),
        Draft("incentives", "8. Мотивация и поощрение наставников", _incentives(f)),
        Draft(
            "documents",
            "9. Документы, регламентирующие наставничество",
            "- настоящее Положение;\n- программа наставничества на учебный год;\n"
            "- дорожная карта внедрения целевой модели наставничества;\n"
            "- приказы о назначении куратора, об утверждении базы наставников, о закреплении наставнических пар "
            "(групп), о поощрении наставников, о завершении программы;\n"
            "- базы наставников и наставляемых; индивидуальные планы развития пар (групп);\n"
            "- согласия участников на обработку персональных данных; согласия педагогов на дополнительную работу.",
        ),
    ]


def programme_drafts(f: Facts) -> list[Draft]:
    goals = [p for p in f.programmes if p.goal or p.tasks]
    goals_text = (
        "\n\n".join(
            f"{p.title} (форма «{p.form.name}», {p.start_date:%d.%m.%Y} – {p.end_date:%d.%m.%Y}"
            + (f", куратор — {short_form(p.curator.full_name)}" if p.curator else "")
            + ").\n\n"
            + (f"Цель: {p.goal}\n\n" if p.goal else "")
            + (f"Задачи: {p.tasks}" if p.tasks else "")
            + (f"\n\nОжидаемые результаты: {p.expected_results}" if p.expected_results else "")
            for p in goals
        )
        if goals
        else "Цель программы — раскрытие личностного, творческого и профессионального потенциала каждого "
        "обучающегося и педагога, поддержка формирования и реализации индивидуальной траектории развития."
        "\n\nЗадачи:\n\n- улучшение показателей в образовательной, социокультурной и спортивной сферах;\n"
        "- адаптация молодых специалистов и педагогов, сменивших место работы;\n"
        "- развитие гибких навыков и метакомпетенций участников;\n"
        "- формирование открытого и эффективного сообщества вокруг организации."
    )
    return [
        Draft(
            "explanatory",
            "1. Пояснительная записка",
            f"Программа наставничества {f.org_genitive} на {f.year.name} учебный год разработана в соответствии "
            "с методологией (целевой моделью) наставничества обучающихся (распоряжение Минпросвещения России "
            "от 25.12.2019 № Р-145) и Положением о наставничестве организации. Программа определяет цели, формы "
            "и варианты наставничества, роли участников, механизм реализации, порядок мониторинга и дорожную "
            "карту внедрения целевой модели.",
        ),
        Draft("goals", "2. Цели и задачи программы", goals_text),
        Draft("roles", "3. Роли и участники", _roles(f)),
        Draft("forms", "4. Формы и варианты наставничества", _forms(f)),
        Draft("mechanism", "5. Механизм реализации", _mechanism()),
        Draft("monitoring", "6. Мониторинг и оценка эффективности", _monitoring(f)),
        Draft("incentives", "7. Мотивация и поощрение наставников", _incentives(f)),
        Draft("roadmap", "8. Дорожная карта", _roadmap(f)),
    ]


def drafts(kind: str, organization: Organization, year: AcademicYear) -> list[Draft]:
    f = facts(organization, year)
    return regulations_drafts(f) if kind == "regulations" else programme_drafts(f)

"""The 0–18 efficiency table of seed 001 §6: nine indicators in three criteria, each 0 / 1 / 2 points."""

from __future__ import annotations

from dataclasses import dataclass

MAX_TOTAL = 18
POINTS_LABELS = {2: "Проявляется в полной мере", 1: "Частично проявляется", 0: "Не проявляется"}


@dataclass(frozen=True)
class Indicator:
    number: int
    criterion: str
    title: str


PROGRAMME = "Оценка программы наставничества в организации"
PARTICIPANTS = "Определение эффективности участников наставнической деятельности в организации"
PERSONALITY = "Изменения в личности наставляемого"

INDICATORS = [
    Indicator(1, PROGRAMME, "Соответствие наставнической деятельности цели и задачам, по которым она осуществляется"),
    Indicator(
        2, PROGRAMME, "Оценка соответствия организации наставнической деятельности принципам, заложенным в программе"
    ),
    Indicator(3, PROGRAMME, "Соответствие наставнической деятельности современным подходам и технологиям"),
    Indicator(4, PROGRAMME, "Наличие комфортного психологического климата в организации"),
    Indicator(
        5,
        PROGRAMME,
        "Логичность деятельности наставника, понимание им ситуации наставляемого и правильность выбора основного "
        "направления взаимодействия",
    ),
    Indicator(6, PARTICIPANTS, "Степень удовлетворенности всех участников наставнической деятельности"),
    Indicator(7, PARTICIPANTS, "Уровень удовлетворенности партнеров от взаимодействия в наставнической деятельности"),
    Indicator(
        8,
        PERSONALITY,
        "Активность и заинтересованность в участии в мероприятиях, связанных с наставнической деятельностью",
    ),
    Indicator(
        9,
        PERSONALITY,
        "Степень применения наставляемыми полученных от наставника знаний, умений и опыта в профессиональных "
        "(учебных, жизненных) ситуациях, активная гражданская позиция",
    ),
]

LEVELS = {
    "optimal": "оптимальный уровень",
    "admissible": "допустимый уровень",
    "inadmissible": "недопустимый уровень",
}
LEVEL_RANGES = {"optimal": "15–18 баллов", "admissible": "9–14 баллов", "inadmissible": "0–8 баллов"}


def efficiency_level(total: int) -> str:
    """15–18 → "optimal", 9–14 → "admissible", 0–8 → "inadmissible"; anything else is not a total."""
    if isinstance(total, bool) or not isinstance(total, int) or not 0 <= total <= MAX_TOTAL:
        raise ValueError(f"Сумма баллов оценки эффективности — целое число от 0 до 18, получено {total!r}.")
    if total >= 15:
        return "optimal"
    if total >= 9:
        return "admissible"
    return "inadmissible"


def level_label(level: str) -> str:
    return LEVELS[level]


def criteria_rows(scores: dict[int, tuple[int | None, str]]) -> list[dict]:
    """The table as printed: criteria spanning their indicators; ``scores`` maps number → (points, comment)."""
    rows = []
    for indicator in INDICATORS:
        points, comment = scores.get(indicator.number, (None, ""))
        first = not rows or rows[-1]["indicator"].criterion != indicator.criterion
        span = sum(1 for i in INDICATORS if i.criterion == indicator.criterion) if first else 0
        rows.append({"indicator": indicator, "points": points, "comment": comment, "criterion_span": span})
    return rows

import datetime
import re
from pathlib import Path

import pytest

from mentoring.orders import registry as order_registry
from mentoring.orders import services as order_services
from mentoring.orders.models import OrderKind, OrderSubject
from tests.factories import UserFactory
from tests.pdf import pdf_text

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "pdf"

MENTORS = [
    ("Смирнов", "Алексей", "Игоревич"),
    ("Иванова", "Мария", "Петровна"),
    ("Шевченко", "Тарас", "Григорьевич"),
    ("Долгих", "Анна", "Сергеевна"),
    ("Цой", "Виктор", "Робертович"),
    ("Кузьмина", "Алёна", "Сергеевна"),
    ("Ильина", "Наталья", "Ильинична"),
    ("Петров-Водкин", "Кузьма", "Сергеевич"),
]
MENTEES = [
    ("Новиков", "Артём", "Сергеевич"),
    ("Фёдорова", "Софья", "Алексеевна"),
    ("Белых", "Дарья", "Андреевна"),
    ("Ким", "Денис", "Олегович"),
    ("Орлова", "Ксения", "Викторовна"),
]


def order_words(content: bytes, name: str = "order") -> str:
    """The order's words, the PDF kept in test-artifacts/pdf/ to be looked at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(content)
    text = pdf_text(content)
    # Lines wrap anywhere and WeasyPrint hyphenates («ответ‐ственной»): compare the words.
    return " ".join(re.sub("\u2010\\s+", "", text).split())


def pairs_table(count: int) -> order_registry.AnnexTable:
    rows = []
    for n in range(count):
        mentor = " ".join(MENTORS[n % len(MENTORS)])
        mentee = " ".join(MENTEES[n % len(MENTEES)])
        rows.append([mentor, "учитель", mentee, f"{5 + n % 6} «{'АБВ'[n % 3]}» класс", "ученик – ученик"])
    return order_registry.AnnexTable(["Наставник", "Должность", "Наставляемый", "Класс", "Форма наставничества"], rows)


@pytest.fixture
def pairs_annex():
    """A stand-in provider of the pairs annex; the real one (programs) is put back afterwards."""
    real = order_registry.annex("pairs")
    order_registry.register_annex(
        "pairs", title="Состав наставнических пар (групп)", kinds=[OrderKind.PAIRS, OrderKind.COMPLETION],
        provider=lambda order: pairs_table(12),
    )  # fmt: skip
    yield
    order_registry.unregister_annex("pairs")
    if real is not None:
        order_registry.register_annex(real.key, title=real.title, kinds=real.kinds, provider=real.provider)


@pytest.fixture
def curators_order(world):
    """An order appointing the curator and two form curators, one of them without an account."""
    order = order_services.order_create(
        organization=world.org, kind=OrderKind.CURATORS, user=world.director, date=datetime.date(2025, 9, 1)
    )
    order_services.order_subject_add(order=order, role=OrderSubject.Role.CURATOR, user=world.curator)
    order_services.order_subject_add(
        order=order, role=OrderSubject.Role.FORM_CURATOR, user=world.mentor_a, note="форма «ученик – ученик»"
    )
    order_services.order_subject_add(
        order=order, role=OrderSubject.Role.FORM_CURATOR, full_name="Ильина Наталья Ильинична",
        note="форма «учитель – учитель»",
    )  # fmt: skip
    return order


@pytest.fixture
def many_users(world):
    def make(n: int, role: str):
        return [
            UserFactory(organization=world.org, last_name=MENTORS[i % 8][0], first_name=MENTORS[i % 8][1],
                        middle_name=MENTORS[i % 8][2], roles=[role])
            for i in range(n)
        ]  # fmt: skip

    return make

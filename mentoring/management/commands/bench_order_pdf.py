"""Benchmark of the heaviest document: an order fixing 200 pairs, with its 200-row annex and the
400 participants in «С приказом ознакомлены». Runs in a transaction that is rolled back."""

import datetime
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from mentoring.models import Organization
from mentoring.orders import documents as order_documents
from mentoring.orders import registry as order_registry
from mentoring.orders import services as order_services
from mentoring.orders.models import Order, OrderKind, OrderSubject

LAST = ["Смирнов", "Иванова", "Шевченко", "Долгих", "Цой", "Кузьмина", "Ильина", "Петров-Водкин", "Фёдорова"]
FIRST = ["Алексей", "Мария", "Тарас", "Анна", "Виктор", "Алёна", "Наталья", "Кузьма", "Софья"]
MIDDLE = [
    "Игоревич",
    "Петровна",
    "Григорьевич",
    "Сергеевна",
    "Робертович",
    "Сергеевна",
    "Ильинична",
    "Сергеевич",
    "Алексеевна",
]


def _name(n: int) -> str:
    return f"{LAST[n % 9]} {FIRST[n % 9]} {MIDDLE[n % 9]}"


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Замеряет время формирования PDF приказа о закреплении 200 наставнических пар (медиана)."

    def add_arguments(self, parser):
        parser.add_argument("--pairs", type=int, default=200)
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument("--output", help="сохранить последний PDF в этот файл")

    def handle(self, *args, pairs: int, runs: int, output: str | None, **options):
        rows = [
            [_name(2 * n), "учитель", _name(2 * n + 1), f"{5 + n % 6} «А» класс", "ученик – ученик"]
            for n in range(pairs)
        ]
        previous = order_registry.annex("pairs")  # the programmes app's own provider, restored afterwards
        order_registry.register_annex(
            "pairs",
            title="Состав наставнических пар (групп)",
            kinds=[OrderKind.PAIRS],
            provider=lambda order: order_registry.AnnexTable(
                ["Наставник", "Должность", "Наставляемый", "Класс", "Форма"], rows
            ),
        )
        timings: list[float] = []
        try:
            with transaction.atomic():
                organization = Organization.objects.create(
                    name="Муниципальное бюджетное общеобразовательное учреждение «Школа замера»",
                    short_name="МБОУ «Школа замера»",
                    slug="bench-order-pdf",
                    address="г. Замерный, ул. Школьная, д. 1",
                )
                order = order_services.order_create(
                    organization=organization, kind=OrderKind.PAIRS, user=None, date=datetime.date(2025, 9, 15)
                )
                OrderSubject.objects.bulk_create(
                    OrderSubject(order=order, role=role, full_name=_name(n), position=n)
                    for n, role in enumerate([OrderSubject.Role.ACQUAINTED] * 2 * pairs)
                )
                order = Order.objects.select_related("organization", "signer").get(pk=order.pk)
                for _ in range(runs):
                    started = time.perf_counter()
                    content = order_documents.render_order_pdf(order)
                    timings.append(time.perf_counter() - started)
                raise _Rollback
        except _Rollback:
            pass
        finally:
            order_registry.unregister_annex("pairs")
            if previous:
                order_registry.register_annex(
                    previous.key, title=previous.title, kinds=previous.kinds, provider=previous.provider
                )
        if output:
            with open(output, "wb") as file:
                file.write(content)
        self.stdout.write(
            f"order_pdf pairs={pairs} runs={runs} median={statistics.median(timings):.2f}s "
            f"min={min(timings):.2f}s max={max(timings):.2f}s size={len(content) // 1024} KiB"
        )

"""Numbers of orders: per organization and calendar year, as school registers keep them."""

from __future__ import annotations

import re

from mentoring.models import Organization
from mentoring.orders.models import Order

NUMBER_SUFFIX = "-о"  # «по основной деятельности», as school registers of orders mark them


def next_number(*, organization: Organization, year: int) -> str:
    """1 + the largest leading number of this organization's orders of the calendar year, «-о» appended."""
    numbers = Order.objects.filter(organization=organization, year=year).values_list("number", flat=True)
    leading = [int(m.group()) for m in (re.match(r"\d+", n) for n in numbers) if m]
    return f"{max(leading, default=0) + 1}{NUMBER_SUFFIX}"

"""Text shared by the apps: search normalization, dates in words.

SQLite folds case only for ASCII, and users type «е» for «ё»: both databases search a stored,
normalized column with a normalized term, so results are identical on SQLite and PostgreSQL."""

import datetime
import re

from django.utils.formats import date_format

_SPACES = re.compile(r"\s+")


def normalize_search(text: str) -> str:
    # NUL never matches anything and PostgreSQL refuses it in a query (a 500 on «?q=%00»).
    return _SPACES.sub(" ", (text or "").casefold().replace("ё", "е").replace("\x00", "")).strip()


def search_terms(query: str) -> list[str]:
    """Words of a search box, normalized; every word must match (AND)."""
    return [word for word in normalize_search(query).split(" ") if word][:10]


def date_text(day: datetime.date, *, padded: bool = False) -> str:
    """«1 сентября 2025 г.» («01 сентября 2025 г.» padded): Django's date format knows the Russian
    genitive month («E»)."""
    return f"{date_format(day, 'd E Y' if padded else 'j E Y')} г."

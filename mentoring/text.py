"""Text shared by the apps: search normalization, dates in words.

SQLite folds case only for ASCII, and users type «е» for «ё»: both databases search a stored,
normalized column with a normalized term, so results are identical on SQLite and PostgreSQL."""

import datetime
import re

from django.db.models import F, Value
from django.db.models.functions import Replace
from django.utils.formats import date_format

_SPACES = re.compile(r"\s+")


def normalize_search(text: str) -> str:
    # NUL never matches anything and PostgreSQL refuses it in a query (a 500 on «?q=%00»).
    return _SPACES.sub(" ", (text or "").casefold().replace("ё", "е").replace("\x00", "")).strip()


def name_order(prefix: str = "") -> list:
    """order_by() terms that put «Ёлкин» after «Егоров» (Ё with Е, as Russian lists do) for a model
    with last_name / first_name / middle_name and no sort_key column (the users); code points would
    put «Ё» before «А». ``prefix`` is a relation path such as "user__"."""

    def folded(name: str):
        return Replace(Replace(F(prefix + name), Value("Ё"), Value("Е")), Value("ё"), Value("е"))

    return [folded("last_name"), folded("first_name"), folded("middle_name"), F(prefix + "last_name")]


def search_terms(query: str) -> list[str]:
    """Words of a search box, normalized; every word must match (AND)."""
    return [word for word in normalize_search(query).split(" ") if word][:10]


def date_text(day: datetime.date, *, padded: bool = False) -> str:
    """«1 сентября 2025 г.» («01 сентября 2025 г.» padded): Django's date format knows the Russian
    genitive month («E»)."""
    return f"{date_format(day, 'd E Y' if padded else 'j E Y')} г."


_ABOUT_OBO = {"мне", "всём", "всем", "всех", "всей", "всё", "что"}
_ABOUT_TITLE = re.compile(r"^(Об?|об?|Обо|обо)(\s+)(\S+)")


def about(word: str) -> str:
    """The preposition «о» / «об» / «обо» that the next word takes by its sound: «об утверждении»,
    «об отмене», «о закреплении», «о внедрении», «о его…» (е, ё, ю, я begin with a consonant sound)."""
    first = word.lstrip('«"(').lower()
    if first in _ABOUT_OBO:
        return "обо"
    return "об" if first[:1] in "аоуэиы" else "о"


def fix_about(title: str) -> str:
    """A title that begins «О …» / «Об …» with the preposition the next word needs, capital kept:
    «О утверждении положения» → «Об утверждении положения»."""
    match = _ABOUT_TITLE.match(title)
    if not match:
        return title
    preposition = about(match.group(3))
    if match.group(1)[0].isupper():
        preposition = preposition.capitalize()
    return preposition + title[len(match.group(1)) :]

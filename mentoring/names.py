"""Russian personal names in the grammatical case a sentence needs.

One entry point, ``inflect(full_name, case)``, used by every document of the portal: «назначить
куратором Кузнецову Ольгу Николаевну», «закрепить за наставником Смирновым Алексеем Игоревичем».
pytrovich (the petrovich rules, offline) does the declension; this module parses what people type.

Accepted forms: «Фамилия Имя Отчество», «Фамилия Имя», «Фамилия», and the short form
«Фамилия И. О.» / «Фамилия И.О.» (initials stay as they are; only the surname declines).
Gender: the patronymic decides when present, then the first name, then the surname. In the short
form only the surname is left to guess from: «Иванова» is clearly female and «Петров» male, but
for a surname that does not tell (Шевченко, Долгих — indeclinable anyway) or that misleads
(«Цой А. В.» for a woman) pass ``gender="female"`` / ``"male"``; an undetected gender never
declines the surname, so a doubtful name is printed as written rather than wrongly."""

from __future__ import annotations

import re
from functools import lru_cache

CASES = ("nominative", "genitive", "dative", "accusative", "instrumental", "prepositional")
GENDERS = ("male", "female")

_SPACES = re.compile(r"\s+")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_INITIALS = re.compile(r"^(?:[А-ЯЁA-Z]\.\s*){1,2}$")


@lru_cache(maxsize=1)
def _engine():
    # Imported lazily: the rules are parsed once, on the first name that needs them.
    from pytrovich.detector import PetrovichGenderDetector
    from pytrovich.maker import PetrovichDeclinationMaker

    return PetrovichDeclinationMaker(), PetrovichGenderDetector()


def clean_name(full_name: str) -> str:
    """Collapses stray spaces, also around the hyphen of a double surname."""
    return _SPACED_HYPHEN.sub("-", _SPACES.sub(" ", (full_name or "").strip()))


def _split(full_name: str) -> tuple[str, str, str, str]:
    """(last, first, middle, initials) of a cleaned name; initials is set for the short form."""
    words = full_name.split(" ")
    last = words[0]
    rest = " ".join(words[1:])
    if rest and _INITIALS.match(rest):
        letters = re.findall(r"[А-ЯЁA-Z]\.", rest)
        return last, "", "", " ".join(letters)
    first = words[1] if len(words) > 1 else ""
    middle = " ".join(words[2:])
    return last, first, middle, ""


def detect_gender(full_name: str) -> str | None:
    """The gender a name shows: "male", "female", or None when it does not tell."""
    from pytrovich.enums import Gender

    last, first, middle, _ = _split(clean_name(full_name))
    if not last:
        return None
    _, detector = _engine()
    gender = detector.detect(lastname=last or None, firstname=first or None, middlename=middle or None)
    return {Gender.MALE: "male", Gender.FEMALE: "female"}.get(gender)


def inflect(full_name: str, case: str, *, gender: str | None = None) -> str:
    """The name in the case: "genitive", "dative", "accusative", "instrumental", "prepositional"
    (or "nominative", which only tidies the spaces). Raises ValueError for another case."""
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}; expected one of {', '.join(CASES)}")
    if gender is not None and gender not in GENDERS:
        raise ValueError(f"unknown gender {gender!r}; expected 'male' or 'female'")
    name = clean_name(full_name)
    if not name or case == "nominative":
        return name
    from pytrovich.enums import Case, Gender, NamePart

    maker, _ = _engine()
    last, first, middle, initials = _split(name)
    detected = gender or detect_gender(name)
    if detected is None:
        # Nothing tells the gender: decline only what declines the same for both (first names
        # such as «Саша» still would be guessed wrong, so leave the whole name as written).
        return name
    known = gender is not None or bool(first or middle)
    pytrovich_gender = Gender.MALE if detected == "male" else Gender.FEMALE
    pytrovich_case = Case[case.upper()]

    def part(kind, value: str) -> str:
        if not value:
            return ""
        return maker.make(kind, pytrovich_gender, pytrovich_case, value, known_gender=known)

    words = [
        part(NamePart.LASTNAME, last),
        initials or part(NamePart.FIRSTNAME, first),
        part(NamePart.MIDDLENAME, middle),
    ]
    return " ".join(word for word in words if word)


def agree(gender: str | None, male: str, female: str) -> str:
    """The word agreeing with a person's gender: agree("female", "ответственным", "ответственной")."""
    return female if gender == "female" else male


def initials_first(full_name: str) -> str:
    """«Е. В. Смирнова», as a name is written under a signature."""
    last, first, middle, initials = _split(clean_name(full_name))
    if initials:
        return f"{initials} {last}"
    letters = " ".join(f"{word[0]}." for word in (first, middle) if word)
    return f"{letters} {last}".strip()


def short_form(full_name: str) -> str:
    """«Смирнова Е. В.», as names are listed in tables."""
    last, first, middle, initials = _split(clean_name(full_name))
    if initials:
        return f"{last} {initials}"
    letters = " ".join(f"{word[0]}." for word in (first, middle) if word)
    return f"{last} {letters}".strip()

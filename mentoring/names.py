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


# ---------------------------------------------------------------- titles: organizations, positions

# pymorphy3's grammemes for the cases of this module.
_MORPH_CASES = {
    "nominative": "nomn",
    "genitive": "gent",
    "dative": "datv",
    "accusative": "accs",
    "instrumental": "ablt",
    "prepositional": "loct",
}
_QUOTES = '«"„“'
_WORD = re.compile(r"^[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*$")
_ADJECTIVES = {"ADJF", "PRTF"}


@lru_cache(maxsize=1)
def _morph():
    # Imported lazily: the dictionary loads once, on the first title that needs it (~0.3 s).
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _nominative_parse(word: str, parts: set[str]):
    """The word's singular nominative reading of one of the parts of speech, or None."""
    for parse in _morph().parse(word.lower()):
        tag = parse.tag
        if tag.POS in parts and "nomn" in tag and "sing" in tag:
            return parse
    return None


def _same_case_shape(source: str, word: str) -> str:
    if source.isupper() and len(source) > 1:
        return word.upper()
    if source[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _decline(source: str, parse, grammeme: str) -> str:
    declined = parse.inflect({grammeme})
    if declined is None:
        return source
    word = declined.word
    if "ё" not in source.lower():
        word = word.replace("ё", "е")  # keep the spelling the school typed
    return _same_case_shape(source, word)


def inflect_phrase(phrase: str, case: str) -> str:
    """A title in the case a sentence needs: the words before the first quote that agree with the
    head noun decline, the quoted name and everything after it stay as written.

    «Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7»»
    → genitive «Муниципального бюджетного общеобразовательного учреждения «Средняя …»»;
    «Директор» → dative «Директору»; «исполняющий обязанности директора» → «исполняющему обязанности
    директора». One appositive name without quotes right after the head declines too («учреждение
    гимназия № 30» → «учреждения гимназии № 30»); a genitive complement («Республики Хакасия»,
    «дополнительного образования»), a number, an abbreviation («МАОУ») stop the declension."""
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}; expected one of {', '.join(CASES)}")
    text = _SPACES.sub(" ", (phrase or "").strip())
    if not text or case == "nominative":
        return text
    grammeme = _MORPH_CASES[case]
    cut = min((i for i in (text.find(q) for q in _QUOTES) if i >= 0), default=len(text))
    head, tail = text[:cut], text[cut:]
    words = head.split(" ")
    out = list(words)
    # Two groups may decline: the head group (adjectives + the head noun) and one appositive group.
    groups_left = 2
    expecting_noun = False
    for i, word in enumerate(words):
        if not word:
            continue
        if not _WORD.match(word) or (word.isupper() and len(word) > 1):
            break  # a number, «№», «им.», «г.», an abbreviation: the rest is a complement
        adjective = _nominative_parse(word, _ADJECTIVES)
        noun = _nominative_parse(word, {"NOUN"})
        if groups_left == 2 and not expecting_noun and i == 0 and adjective is None and noun is None:
            if any(p.tag.POS == "ADVB" for p in _morph().parse(word.lower())):
                continue  # «временно исполняющий обязанности …»
            break
        if adjective is not None and (noun is None or adjective.score >= noun.score):
            out[i] = _decline(word, adjective, grammeme)
            expecting_noun = True
            continue
        if noun is not None:
            out[i] = _decline(word, noun, grammeme)
            groups_left -= 1
            expecting_noun = False
            if groups_left == 0:
                break
            continue
        break
    # A head group that ended without its noun («Исполняющий обязанности…») keeps what declined.
    return " ".join(out) + tail


# ---------------------------------------------------------------- classes and groups

_CLASS_WORD = {
    "nominative": "класс",
    "genitive": "класса",
    "dative": "классу",
    "accusative": "класс",
    "instrumental": "классом",
    "prepositional": "классе",
}
_GROUP_WORD = {
    "nominative": "группа",
    "genitive": "группы",
    "dative": "группе",
    "accusative": "группу",
    "instrumental": "группой",
    "prepositional": "группе",
}
_CLASS_NAME = re.compile(r"^(\d{1,2})\s*[-–]?\s*[«\"]?\s*([А-Яа-яЁёA-Za-z])\s*[»\"]?$")


def class_label(name: str, case: str = "nominative", *, grade: int | None = None, letter: str = "") -> str:
    """A class as documents write it: «9 «А» класс», «обучающегося 9 «А» класса», «11 класс»; a
    college group «группа ГД-21» / «группы ГД-21». The grade and letter come from the fields when
    stored, else from the name («9А», «9-а», «9 «А»»)."""
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}; expected one of {', '.join(CASES)}")
    name = _SPACES.sub(" ", (name or "").strip())
    letter = (letter or "").strip()
    if not (grade and letter):
        match = _CLASS_NAME.match(name)
        if match:
            grade, letter = int(match.group(1)), match.group(2)
        elif name.isdigit():
            grade, letter = int(name), ""
    if grade and letter:
        return f"{grade} «{letter.upper()}» {_CLASS_WORD[case]}"
    if grade and (not name or name == str(grade)):
        return f"{grade} {_CLASS_WORD[case]}"
    if not name:
        return ""
    return f"{_GROUP_WORD[case]} {name}"

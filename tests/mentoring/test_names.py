"""mentoring.names.inflect: the names a school prints in its orders, in every case a sentence needs."""

import pytest

from mentoring.names import agree, detect_gender, inflect, initials_first, short_form

CASES = ["genitive", "dative", "accusative", "instrumental", "prepositional"]

TABLE = {
    "Иванова Мария Петровна": [
        "Ивановой Марии Петровны",
        "Ивановой Марии Петровне",
        "Иванову Марию Петровну",
        "Ивановой Марией Петровной",
        "Ивановой Марии Петровне",
    ],
    "Смирнов Алексей Игоревич": [
        "Смирнова Алексея Игоревича",
        "Смирнову Алексею Игоревичу",
        "Смирнова Алексея Игоревича",
        "Смирновым Алексеем Игоревичем",
        "Смирнове Алексее Игоревиче",
    ],
    "Шевченко Тарас Григорьевич": [
        "Шевченко Тараса Григорьевича",
        "Шевченко Тарасу Григорьевичу",
        "Шевченко Тараса Григорьевича",
        "Шевченко Тарасом Григорьевичем",
        "Шевченко Тарасе Григорьевиче",
    ],
    "Долгих Анна Сергеевна": [
        "Долгих Анны Сергеевны",
        "Долгих Анне Сергеевне",
        "Долгих Анну Сергеевну",
        "Долгих Анной Сергеевной",
        "Долгих Анне Сергеевне",
    ],
    "Цой Виктор Робертович": [
        "Цоя Виктора Робертовича",
        "Цою Виктору Робертовичу",
        "Цоя Виктора Робертовича",
        "Цоем Виктором Робертовичем",
        "Цое Викторе Робертовиче",
    ],
    "Кузьмина Алёна Сергеевна": [
        "Кузьминой Алёны Сергеевны",
        "Кузьминой Алёне Сергеевне",
        "Кузьмину Алёну Сергеевну",
        "Кузьминой Алёной Сергеевной",
        "Кузьминой Алёне Сергеевне",
    ],
    "Ильина Наталья Ильинична": [
        "Ильиной Натальи Ильиничны",
        "Ильиной Наталье Ильиничне",
        "Ильину Наталью Ильиничну",
        "Ильиной Натальей Ильиничной",
        "Ильиной Наталье Ильиничне",
    ],
    "Петров-Водкин Кузьма Сергеевич": [
        "Петрова-Водкина Кузьмы Сергеевича",
        "Петрову-Водкину Кузьме Сергеевичу",
        "Петрова-Водкина Кузьму Сергеевича",
        "Петровым-Водкиным Кузьмой Сергеевичем",
        "Петрове-Водкине Кузьме Сергеевиче",
    ],
}


@pytest.mark.parametrize("name", sorted(TABLE))
def test_full_names_decline_in_every_case(name):
    assert [inflect(name, case) for case in CASES] == TABLE[name]


def test_a_woman_with_a_surname_that_declines_only_for_men_keeps_it():
    assert inflect("Цой Анна Викторовна", "dative") == "Цой Анне Викторовне"


def test_stray_spaces_are_tidied_also_around_the_hyphen():
    assert inflect("  Иванова   Мария\tПетровна ", "accusative") == "Иванову Марию Петровну"
    assert inflect("Петров - Водкин  Кузьма Сергеевич", "instrumental") == "Петровым-Водкиным Кузьмой Сергеевичем"


def test_initials_form_declines_the_surname_by_the_gender_it_shows():
    assert inflect("Иванова М. П.", "dative") == "Ивановой М. П."
    assert inflect("Смирнов А.И.", "instrumental") == "Смирновым А. И."
    assert inflect("Шевченко Т. Г.", "genitive") == "Шевченко Т. Г."  # indeclinable and undetectable


def test_initials_form_takes_the_gender_when_the_surname_cannot_tell():
    assert inflect("Цой А. В.", "dative") == "Цою А. В."  # a surname alone reads as male
    assert inflect("Цой А. В.", "dative", gender="female") == "Цой А. В."
    assert inflect("Белых А. В.", "dative", gender="male") == "Белых А. В."


def test_two_words_and_one_word_decline_too():
    assert inflect("Кузнецова Ольга", "accusative") == "Кузнецову Ольгу"
    assert inflect("Петров", "instrumental") == "Петровым"


def test_nominative_only_tidies_and_unknown_case_is_an_error():
    assert inflect("Иванова  Мария Петровна", "nominative") == "Иванова Мария Петровна"
    with pytest.raises(ValueError):
        inflect("Иванова Мария Петровна", "vocative")
    with pytest.raises(ValueError):
        inflect("Иванова Мария Петровна", "dative", gender="other")


def test_empty_name_stays_empty():
    assert inflect("   ", "dative") == ""


def test_gender_agreement_and_short_forms():
    assert detect_gender("Иванова Мария Петровна") == "female"
    assert detect_gender("Шевченко Т. Г.") is None
    assert agree(detect_gender("Иванова Мария Петровна"), "ответственным", "ответственной") == "ответственной"
    assert agree(detect_gender("Смирнов Алексей Игоревич"), "ответственным", "ответственной") == "ответственным"
    assert initials_first("Смирнова Елена Викторовна") == "Е. В. Смирнова"
    assert short_form("Смирнова Елена Викторовна") == "Смирнова Е. В."
    assert initials_first("Смирнова Е.В.") == "Е. В. Смирнова"

"""A hand-counted school over three academic years (2023/2024, 2024/2025, 2025/2026): arrivals,
graduations, a transfer, a dismissal and a teacher who stops being a young specialist. Every
figure the tests expect is counted by hand in EXPECTED below, from the comments in build().

Students (membership by year, class in brackets):
  G1, G2   2023 (11А) — graduated 25.06.2024
  A1–A3    2023 (8А), 2024 (9А), 2025 (10А)
  T1       2023 (8А), 2024 (9А) — transferred 15.01.2025
  N1, N2   arrived 2024 (9А), 2025 (10А)
  N4       arrived 2024 (11А) — graduated 25.06.2025
  N3       arrived 2025 (10А)
  X        in a 2025 pair but on no class list of 2025 (counted nowhere, reported as unlisted)
  → students: 2023: 6 (G1 G2 A1 A2 A3 T1); 2024: 7 (A1 A2 A3 T1 N1 N2 N4); 2025: 6 (A1 A2 A3 N1 N2 N3)
Teachers (teaching since): OLD 2000 (all years); YS 2021 (young in 2023 and 2024: 2 and 3 years; not in
  2025: 4 years); NEWT 2024 (arrives 2024, young in 2024 and 2025); LEFT 2010 (2023 only, dismissed)
  → teachers 3 / 3 / 3; young specialists: 2023: YS; 2024: YS, NEWT; 2025: NEWT
Employer representatives: E1, E2 (partner «работодатель»); NGO_REP of an NGO (not an employer).
"""

from __future__ import annotations

import datetime

from mentoring.models import AcademicYear
from monitoring.models import Kpi, Question, Questionnaire
from participants import membership
from participants.models import Membership, Partner, Person, StudyGroup
from programs.models import Mentorship
from tests.monitoring.factories import answer, make_pair, make_programme, satisfaction_answers, standard
from tests.participants.factories import PartnerFactory, PersonFactory, TeacherFactory

S = Mentorship.Status
Y1, Y2, Y3 = 2023, 2024, 2025

# (numerator, denominator) of every indicator in every year, counted by hand from the comments of build().
EXPECTED = {
    Y1: {
        Kpi.STUDENTS: (3, 6),  # A1 (mentor), G1, G2 (mentees); the draft pair with T1 does not count
        Kpi.STUDENT_MENTEES: (2, 6),  # G1, G2
        Kpi.STUDENT_MENTORS: (1, 6),  # A1
        Kpi.YOUNG_TEACHERS: (1, 1),  # YS (2 years of teaching)
        Kpi.TEACHERS: (2, 3),  # OLD, YS of OLD, YS, LEFT
        Kpi.EMPLOYERS: (0, 2),  # E1, E2 mentor nobody this year
        Kpi.MENTEE_SATISFACTION: (0, 0),
        Kpi.MENTOR_SATISFACTION: (0, 0),
    },
    Y2: {
        Kpi.STUDENTS: (4, 7),  # A2 (mentor), N1, T1, A1 (mentees); A3's early-ended pair does not count
        Kpi.STUDENT_MENTEES: (3, 7),  # N1, T1, A1
        Kpi.STUDENT_MENTORS: (1, 7),  # A2
        Kpi.YOUNG_TEACHERS: (1, 2),  # NEWT of YS, NEWT
        Kpi.TEACHERS: (2, 3),  # OLD, NEWT
        Kpi.EMPLOYERS: (1, 2),  # E1
        Kpi.MENTEE_SATISFACTION: (2, 3),  # N1 mean 3.5 no; T1 mean 4 yes; A1 mean 4 yes
        Kpi.MENTOR_SATISFACTION: (2, 3),  # OLD ≈ 9.2 of 10 yes (two questionnaires); A2 9.5 yes; E1 7 no
    },
    Y3: {
        Kpi.STUDENTS: (6, 6),  # A1 (mentor); N3, N2, A2, A3, N1 (mentees); X is on no list
        Kpi.STUDENT_MENTEES: (5, 6),
        Kpi.STUDENT_MENTORS: (1, 6),  # A1
        Kpi.YOUNG_TEACHERS: (0, 1),  # NEWT is in no pair; YS is no longer young
        Kpi.TEACHERS: (1, 3),  # YS (a mentor now)
        Kpi.EMPLOYERS: (2, 2),  # E1, E2
        Kpi.MENTEE_SATISFACTION: (0, 0),
        Kpi.MENTOR_SATISFACTION: (0, 0),
    },
}


def _year(start_year: int) -> AcademicYear:
    return AcademicYear.for_date(datetime.date(start_year, 9, 1))


def _list(org, start_year: int, classes: dict[str, list[Person]], staff: list[Person] = ()) -> None:
    """A class list and a staff list of one year, recorded as the import records them."""
    year = _year(start_year)
    people = list(staff)
    for name, students in classes.items():
        group, _ = StudyGroup.objects.get_or_create(
            organization=org, academic_year=year, name=name, defaults={"grade": int(name[:-1]), "letter": name[-1]}
        )
        for person in students:
            person.study_group = group
            person.save()
        people += students
    membership.memberships_record(organization=org, year=year, people=people, source="тест")


def _leave(person: Person, start_year: int, day: datetime.date, reason: str) -> None:
    row = Membership.objects.get(person=person, academic_year__start_year=start_year)
    membership.membership_leave(membership=row, left_on=day, reason=reason)


def build(org) -> dict[str, Person]:
    p = {}
    for key in ("G1", "G2", "A1", "A2", "A3", "T1", "N1", "N2", "N3", "N4", "X"):
        p[key] = PersonFactory(organization=org, last_name=f"Ученик{key}", study_group=None)
    for key, since in (("OLD", 2000), ("YS", 2021), ("NEWT", 2024), ("LEFT", 2010)):
        p[key] = TeacherFactory(organization=org, last_name=f"Педагог{key}", teaching_start_year=since)
    employer = PartnerFactory(organization=org, kind=Partner.Kind.EMPLOYER)
    ngo = PartnerFactory(organization=org, kind=Partner.Kind.NGO)
    ext = {"kind": Person.Kind.EXTERNAL, "birth_date": None, "study_group": None}
    p["E1"] = PersonFactory(organization=org, partner=employer, last_name="Работодатель1", **ext)
    p["E2"] = PersonFactory(organization=org, partner=employer, last_name="Работодатель2", **ext)
    p["NGO_REP"] = PersonFactory(organization=org, partner=ngo, last_name="НКО", **ext)

    _list(
        org, Y1, {"11А": [p["G1"], p["G2"]], "8А": [p["A1"], p["A2"], p["A3"], p["T1"]]}, [p["OLD"], p["YS"], p["LEFT"]]
    )
    _leave(p["G1"], Y1, datetime.date(2024, 6, 25), Membership.LeaveReason.GRADUATED)
    _leave(p["G2"], Y1, datetime.date(2024, 6, 25), Membership.LeaveReason.GRADUATED)
    _leave(p["LEFT"], Y1, datetime.date(2024, 5, 31), Membership.LeaveReason.DISMISSED)
    _list(
        org,
        Y2,
        {"9А": [p["A1"], p["A2"], p["A3"], p["T1"], p["N1"], p["N2"]], "11А": [p["N4"]]},
        [p["OLD"], p["YS"], p["NEWT"]],
    )
    _leave(p["T1"], Y2, datetime.date(2025, 1, 15), Membership.LeaveReason.TRANSFERRED)
    membership.memberships_graduate(
        organization=org, year=_year(Y2), class_label="11А", left_on=datetime.date(2025, 6, 25)
    )
    _list(org, Y3, {"10А": [p["A1"], p["A2"], p["A3"], p["N1"], p["N2"], p["N3"]]})
    membership.memberships_carry_over(organization=org, from_year=_year(Y2), to_year=_year(Y3))  # OLD, YS, NEWT

    p1 = make_programme(org, _year(Y1), "Программа 2023/2024")
    make_pair(p1, p["A1"], [p["G1"], p["G2"]], S.ACTIVE)
    make_pair(p1, p["OLD"], [p["YS"]], S.COMPLETED)
    make_pair(p1, p["OLD"], [p["T1"]], S.DRAFT)  # not counted

    p2 = make_programme(org, _year(Y2), "Программа 2024/2025")
    make_pair(p2, p["A2"], [p["N1"], p["T1"]], S.FIXED)
    make_pair(p2, p["A3"], [p["N4"]], S.ENDED_EARLY)  # not counted
    make_pair(p2, p["OLD"], [p["NEWT"]], S.ACTIVE)
    make_pair(p2, p["E1"], [p["A1"]], S.ACTIVE)

    p3 = make_programme(org, _year(Y3), "Программа 2025/2026")
    make_pair(p3, p["A1"], [p["N3"], p["N2"]], S.ACTIVE)
    make_pair(p3, p["YS"], [p["A2"]], S.ACTIVE)
    make_pair(p3, p["E1"], [p["A3"]], S.COMPLETED)
    make_pair(p3, p["E2"], [p["N1"]], S.ACTIVE)
    make_pair(p3, p["YS"], [p["X"]], S.ACTIVE)  # X is on no list of 2025/2026

    year2 = _year(Y2)
    mentee_q = standard(org, "satisfaction-mentee", year2)
    answer(mentee_q, p["N1"], satisfaction_answers(mentee_q, [5, 4, 3, 2]))  # mean 3.5: not satisfied
    answer(mentee_q, p["T1"], satisfaction_answers(mentee_q, [5, 5, 5, 1]))  # mean 4: satisfied
    answer(mentee_q, p["A1"], satisfaction_answers(mentee_q, [4, 4, 4, 4]))  # mean 4: satisfied
    answer(mentee_q, p["A3"], satisfaction_answers(mentee_q, [1, 1, 1, 1]), submit=False)  # a draft: not counted
    mentor_q = standard(org, "satisfaction-mentor", year2)
    answer(mentor_q, p["OLD"], satisfaction_answers(mentor_q, [5, 5, 5, 5]))
    answer(mentor_q, p["E1"], satisfaction_answers(mentor_q, [3, 4, 3, 4]))  # 7 of 10: not satisfied
    ten = Questionnaire.objects.create(
        organization=org,
        academic_year=year2,
        title="Удовлетворённость наставников (шкала 1–10)",
        purpose=Questionnaire.Purpose.SATISFACTION,
        audience=Questionnaire.Audience.MENTOR,
    )
    for position, code in enumerate(("ten-a", "ten-b")):
        Question.objects.create(questionnaire=ten, position=position, text=code, kind=Question.Kind.SCALE10, code=code)
    answer(ten, p["OLD"], {"ten-a": 8, "ten-b": 7})  # with the four «5» above: (10·4 + 8 + 7) / 6 ≈ 9.2 — satisfied
    answer(ten, p["A2"], {"ten-a": 9, "ten-b": 10})  # 9.5: satisfied
    return p

"""Stage 2 of monitoring for everyone: mentors measured before and after like mentees, the
methodology's questionnaires beside the portal's own, a partner questionnaire, compatibility after
the trial meeting."""

import pytest

from mentoring.models import AcademicYear
from monitoring import results, selectors
from monitoring.models import Question, Questionnaire
from participants.models import Partner, Person
from programs.models import Mentorship
from tests.monitoring.factories import answer, make_pair, make_programme, standard, student, teacher
from tests.participants.factories import PartnerFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _scales(questionnaire: Questionnaire, value: int) -> dict:
    return {q.code: value for q in questionnaire.questions.all() if q.kind == Question.Kind.SCALE10}


def test_mentors_are_measured_before_and_after_per_person_and_per_programme(world):
    programme = make_programme(world.org, title="Учитель – ученик")
    mentors = [teacher(world.org, last_name=f"Наставник{i}") for i in range(2)]
    for mentor in mentors:
        make_pair(programme, mentor, [student(world.org)])
    entry, exit_ = standard(world.org, "entry-mentor"), standard(world.org, "exit-mentor")
    assert exit_.baseline == entry
    answer(entry, mentors[0], _scales(entry, 4))
    answer(exit_, mentors[0], _scales(exit_, 7))  # +3
    answer(entry, mentors[1], _scales(entry, 6))
    answer(exit_, mentors[1], _scales(exit_, 7))  # +1
    grown = results.growth(exit_)
    by_name = {row["person"].last_name: row for row in grown["rows"]}
    assert (by_name["Наставник0"]["entry"], by_name["Наставник0"]["exit"], by_name["Наставник0"]["delta"]) == (4, 7, 3)
    assert by_name["Наставник1"]["programme"] == "Учитель – ученик"
    (row,) = grown["programmes"]
    assert (row["programme"], row["people"], row["delta"], row["improved"]) == ("Учитель – ученик", 2, 2, 2)


def test_the_methodology_questionnaires_compare_expectations_with_what_happened(world):
    programme = make_programme(world.org)
    kid = student(world.org)
    make_pair(programme, teacher(world.org), [kid])
    entry, exit_ = standard(world.org, "r145-entry-mentee"), standard(world.org, "r145-exit-mentee")
    texts = [q.text for q in entry.questions.all()]
    assert "Насколько комфортным будет общение с наставником?" in texts
    assert "Насколько полезными были групповые встречи?" in [q.text for q in exit_.questions.all()]
    scale_kinds = {q.kind for q in entry.questions.all() if q.code.startswith("r145_") and q.kind.startswith("scale")}
    assert scale_kinds == {Question.Kind.SCALE10}
    answer(entry, kid, {**_scales(entry, 8)})
    answer(exit_, kid, {**_scales(exit_, 9), "r145_met": "Да, полностью", "r145_continue": "Да"})
    (row,) = results.growth(exit_)["rows"]
    assert (row["entry"], row["exit"]) == (8, 9)
    mentor_exit = standard(world.org, "r145-exit-mentor")
    assert mentor_exit.baseline.standard_key == "r145-entry-mentor" and mentor_exit.audience == "mentor"


def test_partners_representatives_answer_the_partner_questionnaire(world):
    partner = PartnerFactory(organization=world.org, kind=Partner.Kind.EMPLOYER)
    rep = PersonFactory(
        organization=world.org, kind=Person.Kind.EXTERNAL, partner=partner, birth_date=None, study_group=None
    )
    q = standard(world.org, "satisfaction-partner")
    assert list(selectors.respondents(q)) == [rep]


def test_compatibility_is_asked_of_draft_pairs_after_the_trial_meeting(world):
    programme = make_programme(world.org)
    kid, mentor = student(world.org), teacher(world.org)
    make_pair(programme, mentor, [kid], Mentorship.Status.DRAFT)
    for_mentee = standard(world.org, "compatibility-mentee")
    for_mentor = standard(world.org, "compatibility-mentor")
    assert list(selectors.respondents(for_mentee)) == [kid]
    assert list(selectors.respondents(for_mentor)) == [mentor]
    # A satisfaction questionnaire of the same year does not ask a draft pair.
    assert not selectors.respondents(standard(world.org, "satisfaction-mentee")).exists()
    assert for_mentee.academic_year == AcademicYear.current()

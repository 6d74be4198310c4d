"""Permission matrix rows of participants/urls.py."""

from tests.files.objects import files
from tests.matrix.base import answers
from tests.mentoring.jobs_objects import staff_import_preview
from tests.participants.objects import bases

POST_ONLY = answers(405)
# A list page of one's own organization: the other organization's director sees their own (200).
LIST_KEEPERS = answers(403, anonymous=302, director=200, curator=200, staff=200, outsider=200)
MANAGERS = answers(403, anonymous=302, director=200, curator=200, outsider=200)
MENTEE_READERS = answers(403, anonymous=302, director=200, curator=200, psychologist=200, outsider=200)
EDITORS = answers(403, anonymous=302, director=200, curator=200, outsider=200)
# An object page of this organization: the other organization's director gets 404.
EDIT_PERSON = answers(403, anonymous=302, director=200, curator=200, staff=200, outsider=404)
EDIT_PROFILE = answers(403, anonymous=302, director=200, curator=200, outsider=404)
GROUP_PAGE = answers(403, anonymous=302, director=200, curator=200, staff=200, outsider=404)
MANAGER_OBJECT = answers(403, anonymous=302, director=200, curator=200, outsider=404)
# The mentee's own card: the mentee, their parent, the managers, staff (a student) and the psychologist.
MENTEE_CARD = answers(
    404, anonymous=302, director=200, curator=200, staff=200, psychologist=200, mentee=200, parent=200
)


def person(world):
    return {"pk": bases(world).mentee_person.pk}


def student(world):
    return {"pk": bases(world).student.pk}


MATRIX = {
    "participants:people": (None, LIST_KEEPERS),
    "participants:people_export": (None, LIST_KEEPERS),
    "participants:person_create": (
        None,
        answers(403, anonymous=302, director=200, curator=200, staff=200, outsider=200),
    ),
    "participants:person": (person, MENTEE_CARD),
    "participants:person_edit": (person, EDIT_PERSON),
    "participants:consent_add": (person, EDIT_PERSON),
    "participants:person_consent_pdf": (person, MENTEE_CARD),
    "participants:person_dissemination_pdf": (person, MENTEE_CARD),
    "participants:person_duties_pdf": (lambda w: {"pk": bases(w).mentor_person.pk}, MANAGER_OBJECT),
    # The Word twins of the forms: the same access as their PDFs.
    "participants:person_consent_docx": (person, MENTEE_CARD),
    "participants:person_dissemination_docx": (person, MENTEE_CARD),
    "participants:person_duties_docx": (lambda w: {"pk": bases(w).mentor_person.pk}, MANAGER_OBJECT),
    "participants:mentor_add": (student, EDIT_PROFILE),
    "participants:mentee_add": (student, EDIT_PROFILE),
    "participants:person_leave": (person, POST_ONLY),
    "participants:bulk": (None, POST_ONLY),
    "participants:activate": (lambda w: {"token": "no-such-token"}, answers(404)),
    "participants:staff_roles": (None, answers(403, anonymous=302, director=200, outsider=200)),
    "participants:me": (
        lambda w: bases(w) and None,
        answers(404, anonymous=302, mentor_a=302, mentor_b=302, mentee=302),
    ),
    "participants:consent_withdraw": (lambda w: {"pk": bases(w).consent.pk}, MANAGER_OBJECT),
    # Files open for exactly those who see them on the card (tests/files/test_private_files.py).
    "participants:consent_scan": (lambda w: {"pk": files(w).consent.pk}, MENTEE_CARD),
    "participants:training_certificate": (
        lambda w: {"pk": files(w).training.pk},
        answers(404, anonymous=302, director=200, curator=200, mentor_a=200),
    ),
    "participants:groups": (None, LIST_KEEPERS),
    "participants:memberships": (None, LIST_KEEPERS),
    "participants:membership_leave": (None, POST_ONLY),
    "participants:memberships_graduate": (None, POST_ONLY),
    "participants:memberships_carry_over": (None, POST_ONLY),
    "participants:group": (lambda w: {"pk": bases(w).group.pk}, GROUP_PAGE),
    "participants:group_consents_pdf": (lambda w: {"pk": bases(w).group.pk}, GROUP_PAGE),
    "participants:group_dissemination_pdf": (lambda w: {"pk": bases(w).group.pk}, GROUP_PAGE),
    "participants:group_consents_docx": (lambda w: {"pk": bases(w).group.pk}, GROUP_PAGE),
    "participants:group_dissemination_docx": (lambda w: {"pk": bases(w).group.pk}, GROUP_PAGE),
    "participants:mentors": (None, MANAGERS),
    "participants:mentors_export": (None, MANAGERS),
    # The other organization has no teacher mentors: its director is sent back to the base with a message.
    "participants:mentors_duties_pdf": (
        lambda w: bases(w) and {},
        answers(403, anonymous=302, director=200, curator=200, outsider=302),
    ),
    "participants:mentors_duties_docx": (
        lambda w: bases(w) and {},
        answers(403, anonymous=302, director=200, curator=200, outsider=302),
    ),
    "participants:mentor_edit": (lambda w: {"pk": bases(w).mentor.pk}, EDIT_PROFILE),
    "participants:mentor_status": (lambda w: {"pk": bases(w).mentor.pk}, POST_ONLY),
    "participants:mentor_training_add": (lambda w: {"pk": bases(w).mentor.pk}, EDIT_PROFILE),
    "participants:mentees": (None, MENTEE_READERS),
    "participants:mentees_export": (None, MENTEE_READERS),
    "participants:waiting": (None, MENTEE_READERS),
    "participants:waiting_export": (None, MENTEE_READERS),
    # What the psychologist records about a child without a pair: the psychologist and the curator only.
    "participants:support": (
        lambda w: {"pk": bases(w).mentee.pk},
        answers(403, anonymous=302, curator=200, psychologist=200, outsider=403),
    ),
    "participants:mentee_edit": (lambda w: {"pk": bases(w).mentee.pk}, EDIT_PROFILE),
    "participants:mentee_note": (
        lambda w: {"pk": bases(w).mentee.pk},
        answers(403, anonymous=302, director=200, curator=200, psychologist=200, outsider=404),
    ),
    "participants:import": (None, answers(403, anonymous=302, director=200, curator=200, staff=200, outsider=200)),
    "participants:import_confirm": (None, POST_ONLY),
    # A background check's preview: the uploader and the leaders (who cannot confirm another's file); 404 elsewhere.
    "participants:import_job_preview": (
        lambda w: {"pk": staff_import_preview(w).pk},
        answers(403, anonymous=302, director=200, curator=200, staff=200, outsider=404),
    ),
    "participants:partners": (None, MANAGERS),
    "participants:partner_create": (None, EDITORS),
    "participants:partner": (lambda w: {"pk": bases(w).partner.pk}, MANAGER_OBJECT),
    "participants:partner_edit": (lambda w: {"pk": bases(w).partner.pk}, MANAGER_OBJECT),
}

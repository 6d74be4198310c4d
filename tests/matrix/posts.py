"""Who may POST to the URLs that take only POST (their GET row is 405): each row decides every
persona (tests/matrix/base.py, WRITES or the refusal). Rows for other URLs override the answers
derived from their GET row."""

from tests.matrix.base import WRITES, post_answers

# The roles of mentoring.access, as POST answers: anonymous is sent to the login page.
LEADERS_WRITE = post_answers(403, anonymous=302, director=WRITES, curator=WRITES, outsider=WRITES)
LEADERS_WRITE_OBJECT = post_answers(403, anonymous=302, director=WRITES, curator=WRITES, outsider=404)
ANYONE_LOGGED_IN = post_answers(WRITES, anonymous=302)
PEOPLE_EDITORS_WRITE = post_answers(403, anonymous=302, director=WRITES, curator=WRITES, staff=WRITES, outsider=WRITES)
ROADMAP_REPORTERS = post_answers(
    403, anonymous=302, director=WRITES, curator=WRITES, mentor_a=WRITES, mentor_b=WRITES, outsider=404
)

POSTS = {
    # «Запустить ещё раз»: only the job's starter; the leaders who may see it are refused, anyone else gets a 404.
    "jobs:restart": post_answers(404, anonymous=302, staff=WRITES, director=403, curator=403),
    # Logging out ends the session (not data) and sends everyone to the login page.
    "logout": post_answers(302),
    "notifications:read_all": ANYONE_LOGGED_IN,
    "programs:calendar_rotate": ANYONE_LOGGED_IN,
    # Leaders of the organization, on its own objects (the other organization's director: 404).
    "participants:consent_withdraw": LEADERS_WRITE_OBJECT,
    "participants:mentor_status": LEADERS_WRITE_OBJECT,
    "programs:propose": LEADERS_WRITE_OBJECT,
    "programs:pair_create": LEADERS_WRITE_OBJECT,
    "programs:pairs_order": LEADERS_WRITE_OBJECT,
    # A form of the national list: the other organization's director switches it for their own.
    "programs:form_toggle": LEADERS_WRITE,
    "programs:pair_end": LEADERS_WRITE_OBJECT,
    "programs:offer_mentor": LEADERS_WRITE_OBJECT,
    "programs:practice_publish": LEADERS_WRITE_OBJECT,
    "roadmap:event": LEADERS_WRITE_OBJECT,
    "monitoring:question_add": LEADERS_WRITE_OBJECT,
    "monitoring:question_delete": LEADERS_WRITE_OBJECT,
    "orders:subject_add": LEADERS_WRITE_OBJECT,
    "orders:subject_remove": LEADERS_WRITE_OBJECT,
    # The curator too records the signature (require_roles(*LEADERS)), as the page allows.
    "orders:sign": LEADERS_WRITE_OBJECT,
    "orders:delete": LEADERS_WRITE_OBJECT,
    "orders:scan_upload": LEADERS_WRITE_OBJECT,
    # Leaders, in their own organization (the other director writes to their own).
    "participants:import_confirm": post_answers(
        403, anonymous=302, director=WRITES, curator=WRITES, staff=WRITES, outsider=WRITES
    ),
    "programs:award_create": LEADERS_WRITE,
    "programs:incentives_order": LEADERS_WRITE,
    "roadmap:load": LEADERS_WRITE,
    "monitoring:questionnaires_seed": LEADERS_WRITE,
    "monitoring:kpi_target": LEADERS_WRITE,
    "monitoring:kpi_preset": LEADERS_WRITE,
    "orders:wording_reset": LEADERS_WRITE,
    # The pair's own mentor and its coordinators complete it.
    "programs:pair_complete": post_answers(404, anonymous=302, director=WRITES, curator=WRITES, mentor_a=WRITES),
    # Progress and comments on an activity: the leaders and the people it is assigned to (the mentors).
    "roadmap:progress": ROADMAP_REPORTERS,
    "roadmap:comment": ROADMAP_REPORTERS,
    # The questionnaire page: the psychologist reads it, only the leaders change it.
    "monitoring:questionnaire": LEADERS_WRITE_OBJECT,
    # Added with issues 13–17: the Положение and the Программа, cancellation, signatories, bulk actions,
    # memberships by year, leaving, groups by hand, a school's own roadmap.
    "local_acts:prepare": LEADERS_WRITE,
    "local_acts:section_redraft": LEADERS_WRITE_OBJECT,
    "orders:cancel": LEADERS_WRITE_OBJECT,
    # Only the director gives and ends the right to sign.
    "orders:signatory_end": post_answers(403, anonymous=302, director=WRITES, outsider=404),
    # Lists of people: whoever may read the list acts on it (each action checks its own roles).
    "participants:bulk": post_answers(
        403, anonymous=302, director=WRITES, curator=WRITES, psychologist=WRITES, staff=WRITES, outsider=WRITES
    ),
    "participants:membership_leave": PEOPLE_EDITORS_WRITE,
    "participants:memberships_carry_over": PEOPLE_EDITORS_WRITE,
    "participants:memberships_graduate": PEOPLE_EDITORS_WRITE,
    "participants:person_leave": post_answers(
        403, anonymous=302, director=WRITES, curator=WRITES, staff=WRITES, outsider=404
    ),
    "programs:pair_add_member": LEADERS_WRITE_OBJECT,
    "roadmap:import_confirm": LEADERS_WRITE,
}

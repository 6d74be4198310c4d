"""Permission matrix rows of programs/urls.py."""

from tests.files.objects import files
from tests.matrix.base import answers
from tests.programs.objects import pairs

POST_ONLY = answers(405)
READERS_LIST = answers(403, anonymous=302, director=200, curator=200, psychologist=200, outsider=200)
EDITORS_LIST = answers(403, anonymous=302, director=200, curator=200, outsider=200)
READERS_OBJECT = answers(403, anonymous=302, director=200, curator=200, psychologist=200, outsider=404)
EDITORS_OBJECT = answers(403, anonymous=302, director=200, curator=200, outsider=404)
# The pair of mentor_a and the mentee: its own people and the organization's readers.
PAIR_PAGE = answers(404, anonymous=302, director=200, curator=200, psychologist=200, mentor_a=200, mentee=200)
PAIR_EDIT = answers(404, anonymous=302, director=200, curator=200, mentor_a=200)
FEEDBACK = answers(404, anonymous=302, mentor_a=200, mentee=200)


def programme(world):
    return {"pk": pairs(world).programme.pk}


def pair(world):
    return {"pk": pairs(world).pair.pk}


def meeting(world):
    return {"pk": pairs(world).meeting.pk}


MATRIX = {
    "programs:programmes": (None, READERS_LIST),
    "programs:programme_create": (None, EDITORS_LIST),
    "programs:programme": (programme, READERS_OBJECT),
    "programs:programme_edit": (programme, EDITORS_OBJECT),
    "programs:matching": (programme, EDITORS_OBJECT),
    "programs:propose": (programme, POST_ONLY),
    "programs:pair_create": (programme, POST_ONLY),
    "programs:pairs_order": (programme, POST_ONLY),
    "programs:proposal": (lambda w: {"pk": pairs(w).proposal.pk}, EDITORS_OBJECT),
    # «Подобрать» from the waiting list: on to the matching (or the programmes, when none takes the mentee).
    "programs:match_mentee": (
        lambda w: {"mentee_pk": pairs(w).member.mentee_id},
        answers(403, anonymous=302, director=302, curator=302, outsider=404),
    ),
    "programs:forms": (None, READERS_LIST),
    "programs:form_create": (None, EDITORS_LIST),
    "programs:form_toggle": (lambda w: {"pk": pairs(w).programme.form_id}, POST_ONLY),
    "programs:pairs": (None, READERS_LIST),
    "programs:pair": (pair, PAIR_PAGE),
    "programs:pair_end": (pair, POST_ONLY),
    "programs:pair_add_member": (pair, POST_ONLY),
    "programs:pair_complete": (pair, POST_ONLY),
    "programs:meeting_create": (pair, PAIR_EDIT),
    "programs:goal_create": (pair, PAIR_EDIT),
    "programs:plan_pdf": (pair, PAIR_PAGE),
    "programs:plan_docx": (pair, PAIR_PAGE),
    "programs:goal_edit": (lambda w: {"pk": pairs(w).goal.pk}, PAIR_EDIT),
    "programs:offer_mentor": (lambda w: {"pk": pairs(w).member.pk}, POST_ONLY),
    "programs:feedback": (meeting, FEEDBACK),
    "programs:meeting_ics": (meeting, PAIR_PAGE),
    "programs:meeting_attachment": (lambda w: {"pk": files(w).meeting.pk}, PAIR_PAGE),
    "programs:my_pairs": (None, answers(403, anonymous=302, mentor_a=200, mentor_b=200)),
    "programs:my_mentor": (None, answers(403, anonymous=302, mentee=200)),
    "programs:calendar": (None, answers(200, anonymous=302)),
    "programs:calendar_rotate": (None, POST_ONLY),
    # The private feed: the token is the key, whoever holds it (a calendar app has no session).
    "programs:calendar_feed": (lambda w: {"token": pairs(w).token.token}, answers(200)),
}

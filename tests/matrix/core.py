"""Permission matrix rows of the core (mentoring/urls.py)."""

from tests.matrix.base import LOGIN_REQUIRED, answers
from tests.mentoring.jobs_objects import staff_job

# A job and its file: the user who started it (staff) and the leaders of its organization; anyone else 404.
JOB = answers(404, anonymous=302, director=200, curator=200, staff=200)

MATRIX = {
    "home": (None, LOGIN_REQUIRED),
    "profile": (None, LOGIN_REQUIRED),
    "organization_requisites": (None, answers(403, anonymous=302, director=200, outsider=200)),
    "region_organizations": (None, answers(403, anonymous=302, region=200)),
    # The director's and the curator's every document of the year; another organization's director sees their own.
    "documents": (None, answers(403, anonymous=302, director=200, curator=200, outsider=200)),
    "healthz": (None, answers(200)),
    "login": (None, answers(302, anonymous=200)),
    "logout": (None, answers(405)),  # GET never logs out: only a POST form does.
    "password_change": (None, LOGIN_REQUIRED),
    "password_change_done": (None, LOGIN_REQUIRED),
    "password_reset": (None, answers(200)),
    "password_reset_done": (None, answers(200)),
    "password_reset_confirm": (lambda w: {"uidb64": "MQ", "token": "bad-token"}, answers(200)),
    "password_reset_complete": (None, answers(200)),
    "jobs:list": (None, LOGIN_REQUIRED),
    "jobs:detail": (lambda w: {"pk": staff_job(w).pk}, JOB),
    "jobs:file": (lambda w: {"pk": staff_job(w).pk}, JOB),
    "jobs:restart": (lambda w: {"pk": staff_job(w).pk}, answers(405)),
}

"""Shared vocabulary of the permission matrix.

Each app keeps its rows in ``tests/matrix/<app>.py`` as ``MATRIX = {url name: (kwargs, answers)}``:
``kwargs`` is None or a function of the ``world`` fixture (plus the app's own objects, created by
the function itself) returning the URL's keyword arguments; ``answers`` maps each persona to the
expected status code. A persona may also map to a callable ``(response) -> bool`` for answers
that need more than a status (e.g. a filtered list)."""

PERSONAS = [
    "anonymous",
    "director",
    "curator",
    "psychologist",
    "staff",
    "mentor_a",
    "mentor_b",
    "mentee",
    "outsider",  # director of another organization
    "region",
    "parent",  # the mentee's parent: only the child's card and consent forms
]


def answers(default: int, **overrides: int) -> dict[str, int]:
    result = dict.fromkeys(PERSONAS, default)
    result.update(overrides)
    return result


LOGIN_REQUIRED = answers(200, anonymous=302)
# A page of the organization open to its managers only; other organization's director sees its own
# organization's page (200) for list pages, while object pages of this organization are 404 for them.
MANAGERS_ONLY = answers(403, anonymous=302, director=200, curator=200, outsider=200)


# --- POST ---
# Every URL is also POSTed to (empty form) as every persona. A persona's POST answer is either a status
# code — it may not write here: it gets that code (403, 404, 302 to the login page, 405) and the database
# stays exactly as it was — or WRITES: it may, so its answer is anything but a refusal or a 5xx.
# Without a row in tests/matrix/posts.py the POST answers follow the GET ones (a form page: who may
# open it may send it, the others get the same refusal); a URL that answers GET with 405 (POST only)
# must have a row there.
WRITES = "writes"


def post_answers(default, **overrides) -> dict[str, int | str]:
    return answers(default, **overrides)

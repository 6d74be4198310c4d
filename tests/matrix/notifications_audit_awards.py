"""Permission matrix rows of notifications, the personal-data log, practices,
awards and the public page."""

from tests.files.objects import files
from tests.matrix.base import LOGIN_REQUIRED, answers
from tests.participants.objects import bases
from tests.programs.awards_objects import practices_and_awards

POST_ONLY = answers(405)
READERS_LIST = answers(403, anonymous=302, director=200, curator=200, psychologist=200, outsider=200)
EDITORS_LIST = answers(403, anonymous=302, director=200, curator=200, outsider=200)
READERS_OBJECT = answers(403, anonymous=302, director=200, curator=200, psychologist=200, outsider=404)
EDITORS_OBJECT = answers(403, anonymous=302, director=200, curator=200, outsider=404)
DIRECTOR_LIST = answers(403, anonymous=302, director=200, outsider=200)
DIRECTOR_OBJECT = answers(403, anonymous=302, director=200, outsider=404)


def person(world):
    return {"pk": bases(world).mentee_person.pk}


MATRIX = {
    "notifications:list": (None, LOGIN_REQUIRED),
    # Only the addressee opens (and is redirected to the object); anyone else gets a 404.
    "notifications:open": (
        lambda w: {"pk": practices_and_awards(w).notification.pk},
        answers(404, anonymous=302, mentor_a=302),
    ),
    "notifications:read_all": (None, POST_ONLY),
    "notifications:settings": (None, LOGIN_REQUIRED),
    "audit:log": (None, DIRECTOR_LIST),
    "audit:person": (person, DIRECTOR_OBJECT),
    "audit:person_data_xlsx": (person, DIRECTOR_OBJECT),
    "audit:person_data_json": (person, DIRECTOR_OBJECT),
    # The public page: everyone, no login.
    "public:organization": (lambda w: {"slug": w.org.slug}, answers(200)),
    "public:practice": (lambda w: {"slug": w.org.slug, "pk": practices_and_awards(w).practice.pk}, answers(200)),
    "programs:practices": (None, READERS_LIST),
    "programs:practice_create": (None, EDITORS_LIST),
    "programs:practice_edit": (lambda w: {"pk": practices_and_awards(w).practice.pk}, EDITORS_OBJECT),
    "programs:practice_attachment": (lambda w: {"pk": files(w).practice.pk}, EDITORS_OBJECT),
    "public:practice_attachment": (lambda w: {"slug": w.org.slug, "pk": files(w).practice.pk}, answers(200)),
    "programs:practice_publish": (lambda w: {"pk": practices_and_awards(w).practice.pk}, POST_ONLY),
    "programs:awards": (None, READERS_LIST),
    "programs:award_create": (None, POST_ONLY),
    "programs:award_certificate": (lambda w: {"pk": practices_and_awards(w).award.pk}, READERS_OBJECT),
    "programs:award_certificate_docx": (lambda w: {"pk": practices_and_awards(w).award.pk}, READERS_OBJECT),
    "programs:incentives_order": (None, POST_ONLY),
}

"""Permission matrix rows of local_acts/urls.py (the Положение and the Программа)."""

from tests.matrix.base import answers

READERS = answers(403, anonymous=302, director=200, curator=200, psychologist=200, outsider=200)
READERS_OBJECT = answers(403, anonymous=302, director=200, curator=200, psychologist=200, outsider=404)
LEADERS_OBJECT = answers(403, anonymous=302, director=200, curator=200, outsider=404)


def act(world):
    if "local_act" not in world.__dict__:
        from mentoring.models import AcademicYear
        from monitoring.local_acts.services import act_prepare

        world.__dict__["local_act"] = act_prepare(
            organization=world.org, kind="regulations", year=AcademicYear.current()
        )
    return world.__dict__["local_act"]


def section(world):
    return {"pk": act(world).sections.first().pk}


MATRIX = {
    "local_acts:index": (None, READERS),
    "local_acts:prepare": (None, answers(405)),
    "local_acts:detail": (lambda w: {"pk": act(w).pk}, READERS_OBJECT),
    "local_acts:act_pdf": (lambda w: {"pk": act(w).pk}, READERS_OBJECT),
    "local_acts:act_docx": (lambda w: {"pk": act(w).pk}, READERS_OBJECT),
    "local_acts:section_edit": (section, LEADERS_OBJECT),
    "local_acts:section_redraft": (section, answers(405)),
    "local_acts:document_pdf": (lambda w: {"kind": "programme"}, READERS),
    "local_acts:document_docx": (lambda w: {"kind": "regulations"}, READERS),
}

"""Permission matrix rows of the roadmap (roadmap/urls.py).

Everyone of the organization reads its roadmap; the director and the curator edit it; the region
coordinator sees no organization's data (403); another organization's director gets 404 on objects."""

from django.core.files.base import ContentFile

from mentoring.models import Role
from tests.matrix.base import answers
from tests.roadmap.factories import make_activity, make_roadmap

# A parent follows their own child, not the organization's plan (mentoring.access.MEMBERS).
READ = answers(200, anonymous=302, region=403, parent=403)
READ_OBJECT = answers(200, anonymous=302, region=403, outsider=404, parent=403)
EDIT_OBJECT = answers(403, anonymous=302, director=200, curator=200, outsider=404)
POST_ONLY = answers(405)
EDIT = answers(403, anonymous=302, director=200, curator=200, outsider=200)  # the outsider directs their own school


def _roadmap(w):
    return {"pk": make_roadmap(w.org).pk}


def _activity(w):
    roadmap = make_roadmap(w.org)
    return {"pk": make_activity(roadmap, "1.1", roles=(Role.MENTOR,)).pk}


def _activity_with_file(w):
    activity = make_activity(make_roadmap(w.org), "1.1")
    activity.evidence_file.save("evidence.pdf", ContentFile(b"%PDF-1.4 test"))  # the private storage: a temp dir
    return {"pk": activity.pk}


def _event(w):
    return {"pk": make_roadmap(w.org).events.get().pk}


MATRIX = {
    "roadmap:index": (None, READ),
    "roadmap:my_tasks": (None, READ),
    "roadmap:load": (None, POST_ONLY),
    "roadmap:import": (None, EDIT),
    "roadmap:calendar": (None, EDIT),
    "roadmap:import_confirm": (None, POST_ONLY),
    "roadmap:detail": (_roadmap, READ_OBJECT),
    "roadmap:timeline": (_roadmap, READ_OBJECT),
    "roadmap:export_pdf": (_roadmap, READ_OBJECT),
    "roadmap:export_docx": (_roadmap, READ_OBJECT),
    "roadmap:export_xlsx": (_roadmap, READ_OBJECT),
    "roadmap:edit": (_roadmap, EDIT_OBJECT),
    "roadmap:activity_new": (_roadmap, EDIT_OBJECT),
    "roadmap:event": (_event, POST_ONLY),
    "roadmap:activity": (_activity, READ_OBJECT),
    "roadmap:activity_edit": (_activity, EDIT_OBJECT),
    "roadmap:progress": (_activity, POST_ONLY),
    "roadmap:comment": (_activity, POST_ONLY),
    "roadmap:evidence": (_activity_with_file, READ_OBJECT),
}

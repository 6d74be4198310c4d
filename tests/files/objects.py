"""One object of every kind that carries a private file, each with its file, in the test school —
shared by the permission matrix and the file tests. ``FILES`` says which page links each file."""

import datetime
import io
import zipfile
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from mentoring.orders.models import Order, OrderKind, OrderSubject
from participants.models import Consent, MentorTraining
from programs.models import Meeting
from programs.models_practices import Practice
from roadmap.models import Activity
from tests.participants.factories import ConsentFactory
from tests.participants.objects import bases
from tests.programs.awards_objects import practices_and_awards
from tests.programs.objects import pairs
from tests.roadmap.factories import make_activity, make_roadmap

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
HTML = b"<!DOCTYPE html><html><body><script>fetch('/participants/people/export.xlsx')</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'


def office(part: str) -> bytes:
    """A minimal OOXML zip holding ``part`` (word/document.xml, xl/workbook.xml)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


@dataclass
class Files:
    consent: Consent  # the mentee persona's consent, with its scan
    training: MentorTraining  # mentor_a's training, with its certificate
    order: Order  # a signed order naming mentor_a and the mentee, with its scan
    meeting: Meeting  # the meeting of mentor_a's pair, with an attachment
    practice: Practice  # the published practice, with an attachment
    activity: Activity  # a roadmap activity, with its evidence


def files(world) -> Files:
    if "files" not in world.__dict__:
        b, p = bases(world), pairs(world)
        consent = ConsentFactory(person=b.mentee_person)
        consent.scan.save("Согласие Новикова.pdf", ContentFile(PDF))
        training = MentorTraining.objects.create(mentor=b.mentor, hours=36, completed_on=datetime.date(2025, 6, 1))
        training.certificate.save("удостоверение.png", ContentFile(PNG))
        order = Order.objects.create(
            organization=world.org,
            kind=OrderKind.PAIRS,
            number="9-о",
            date=datetime.date(2025, 9, 1),
            title="О закреплении наставнических пар (групп)",
            points="Закрепить за наставником {{ mentor_instrumental }} наставляемого {{ mentee_accusative }}.",
            signer=world.director,
            status=Order.Status.SIGNED,
            signed_at=timezone.now(),
        )
        for role, user in ((OrderSubject.Role.MENTOR, world.mentor_a), (OrderSubject.Role.MENTEE, world.mentee)):
            OrderSubject.objects.create(order=order, role=role, user=user, full_name=user.full_name)
        order.scan.save("приказ.pdf", ContentFile(PDF))
        p.meeting.attachment.save("план.docx", ContentFile(office("word/document.xml")))
        practice = practices_and_awards(world).practice
        practice.attachment.save("презентация.pdf", ContentFile(PDF))
        activity = make_activity(make_roadmap(world.org), "1.1")
        activity.evidence_file.save("протокол.xlsx", ContentFile(office("xl/workbook.xml")))
        world.__dict__["files"] = Files(consent, training, order, p.meeting, practice, activity)
    return world.__dict__["files"]


# kind → (file URL, linking page URL, the field file, its content type)
def file_kinds(world) -> dict:
    f = files(world)
    slug = world.org.slug
    return {
        "consent_scan": (
            reverse("participants:consent_scan", args=[f.consent.pk]),
            reverse("participants:person", args=[f.consent.person_id]),
            f.consent.scan,
            "application/pdf",
        ),
        "training_certificate": (
            reverse("participants:training_certificate", args=[f.training.pk]),
            reverse("participants:person", args=[f.training.mentor.person_id]),
            f.training.certificate,
            "image/png",
        ),
        "order_scan": (
            reverse("orders:scan", args=[f.order.pk]),
            reverse("orders:detail", args=[f.order.pk]),
            f.order.scan,
            "application/pdf",
        ),
        "meeting_attachment": (
            reverse("programs:meeting_attachment", args=[f.meeting.pk]),
            reverse("programs:pair", args=[f.meeting.mentorship_id]),
            f.meeting.attachment,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        "practice_attachment": (
            reverse("programs:practice_attachment", args=[f.practice.pk]),
            reverse("programs:practice_edit", args=[f.practice.pk]),
            f.practice.attachment,
            "application/pdf",
        ),
        "public_practice_attachment": (
            reverse("public:practice_attachment", args=[slug, f.practice.pk]),
            reverse("public:practice", args=[slug, f.practice.pk]),
            f.practice.attachment,
            "application/pdf",
        ),
        "roadmap_evidence": (
            reverse("roadmap:evidence", args=[f.activity.pk]),
            reverse("roadmap:activity", args=[f.activity.pk]),
            f.activity.evidence_file,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    }

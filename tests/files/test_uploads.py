"""Uploads are accepted by their content, on an allow-list (PDF, JPEG, PNG, DOCX, XLSX): a web page,
an SVG or a script under any name is refused with a Russian message and nothing is stored."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mentoring.files import DOCUMENTS, SCANS, checked_upload, private_storage
from participants.models import Consent, MentorTraining
from programs.models import Meeting
from tests.files.objects import HTML, JPEG, PDF, PNG, SVG, files, office
from tests.participants.factories import TeacherFactory
from tests.participants.objects import bases
from tests.programs.objects import pairs
from tests.roadmap.factories import make_activity, make_roadmap


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "ext"),
    [
        ("скан.pdf", PDF, "pdf"),
        ("photo.JPEG", JPEG, "jpg"),
        ("scan.png", PNG, "png"),
        ("план.docx", office("word/document.xml"), "docx"),
        ("таблица.xlsx", office("xl/workbook.xml"), "xlsx"),
        ("renamed.pdf", office("word/document.xml"), "docx"),  # the content decides, not the name
    ],
)
def test_allowed_types_pass_and_are_renamed_to_their_real_type(name, content, ext):
    checked = checked_upload(upload(name, content), allowed=DOCUMENTS)
    assert checked.name == f"upload.{ext}"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("scan.pdf", HTML),
        ("scan.png", SVG),
        ("script.pdf", b"alert(document.cookie)"),
        ("archive.docx", office("secret/notes.xml")),  # a zip, but neither Word nor Excel
        ("program.pdf", b"MZ\x90\x00\x03"),
    ],
)
def test_disguised_or_unknown_content_is_refused(name, content):
    with pytest.raises(ValidationError) as error:
        checked_upload(upload(name, content), allowed=DOCUMENTS)
    assert error.value.code == "file_type"
    assert "должен быть в формате PDF, JPG, PNG, DOCX, XLSX" in error.value.messages[0]


def test_a_scan_is_only_pdf_jpeg_or_png():
    with pytest.raises(ValidationError, match="PDF, JPG, PNG"):
        checked_upload(upload("a.docx", office("word/document.xml")), allowed=SCANS, what="Скан")


def test_size_limits_are_kept():
    big = upload("big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        checked_upload(big, allowed=SCANS, max_mb=10, what="Скан")
    assert error.value.code == "file_size" and "больше 10 МБ" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        checked_upload(upload("empty.pdf", b""), allowed=SCANS)
    assert error.value.code == "file_empty"


def _stored_count() -> int:
    root = private_storage.base_location
    return sum(1 for path in root.rglob("*") if path.is_file()) if root.exists() else 0


def test_every_upload_form_refuses_an_html_page_named_pdf(world, login):
    """The consent, certificate, meeting, order, practice and roadmap forms: a message, nothing stored."""
    b, p = bases(world), pairs(world)
    f = files(world)
    teacher = TeacherFactory(organization=world.org)
    before = _stored_count()
    client = login(world.curator)
    today = timezone.localdate()
    posts = [
        (
            reverse("participants:consent_add", args=[teacher.pk]),
            {"kind": "processing", "signed_by": "self", "signed_on": today.isoformat(), "scan": upload("s.pdf", HTML)},
        ),
        (
            reverse("participants:mentor_training_add", args=[b.mentor.pk]),
            {"title": "Школа", "hours": 36, "completed_on": "2025-06-01", "certificate": upload("c.pdf", HTML)},
        ),
        (
            reverse("programs:meeting_create", args=[p.pair.pk]),
            {
                "kind": "work",
                "date": today.isoformat(),
                "time": "10:00",
                "duration_minutes": 45,
                "format": "offline",
                "topic": "Дроби",
                "attachment": upload("m.pdf", HTML),
            },
        ),  # fmt: skip
        (
            reverse("programs:practice_edit", args=[f.practice.pk]),
            {
                "mentorship": f.practice.mentorship_id,
                "title": "T",
                "problem": "P",
                "actions": "A",
                "result": "R",
                "attachment": upload("p.pdf", HTML),
            },
        ),  # fmt: skip
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in (200, 400), url
        assert "должен быть в формате" in response.content.decode(), url
    response = client.post(
        reverse("orders:scan_upload", args=[f.order.pk]), {"scan": upload("o.pdf", HTML)}, follow=True
    )
    assert "Скан должен быть в формате PDF, JPG, PNG" in response.content.decode()
    activity = make_activity(make_roadmap(world.org), "2.1")
    response = login(world.director).post(
        reverse("roadmap:progress", args=[activity.pk]), {"status": "done", "evidence_file": upload("e.pdf", HTML)}
    )
    assert response.status_code == 400 and "должен быть в формате" in response.content.decode()
    assert _stored_count() == before
    assert not Consent.objects.filter(person=teacher).exists()
    assert not MentorTraining.objects.filter(mentor=b.mentor, title="Школа").exists()
    assert not Meeting.objects.filter(topic="Дроби").exists()


def test_a_good_upload_is_stored_privately_and_linked_to_its_view(world, login):
    teacher = TeacherFactory(organization=world.org, last_name="Смирнов")
    client = login(world.curator)
    response = client.post(
        reverse("participants:consent_add", args=[teacher.pk]),
        {"kind": "processing", "signed_by": "self", "signed_on": datetime.date.today().isoformat(),
         "scan": upload("Смирнов.pdf", PDF)},
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    consent = Consent.objects.filter(person=teacher).exclude(scan="").get()
    assert private_storage.exists(consent.scan.name) and "Смирнов" not in consent.scan.name
    page = client.get(reverse("participants:person", args=[teacher.pk])).content.decode()
    assert reverse("participants:consent_scan", args=[consent.pk]) in page


def test_the_model_refuses_bad_content_too_so_the_admin_and_services_cannot_skip_it(world):
    """The model field's validator runs in full_clean (the admin's forms, services)."""
    f = files(world)
    f.meeting.attachment = upload("x.pdf", HTML)
    with pytest.raises(ValidationError) as error:
        f.meeting.full_clean()
    assert "attachment" in error.value.message_dict

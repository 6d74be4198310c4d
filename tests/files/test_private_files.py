"""Private files: each opens exactly for the users whose page links it, as an attachment with the type of
its content; nothing is under /media/, no name can be guessed, nothing is served by its storage path."""

import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.shortcuts import resolve_url
from django.test import override_settings

from mentoring.files import private_storage
from tests.files.objects import PDF, file_kinds, files
from tests.matrix.base import PERSONAS

KINDS = [
    "consent_scan",
    "training_certificate",
    "order_scan",
    "meeting_attachment",
    "practice_attachment",
    "public_practice_attachment",
    "roadmap_evidence",
]


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("kind", KINDS)
def test_a_file_opens_exactly_for_those_whose_page_links_it(kind, world, login):
    """For every persona: the page shows the link ⇔ the file answers 200 as an attachment; otherwise the
    file answers 403/404, or sends an anonymous visitor to the login page."""
    file_url, page_url, field_file, content_type = file_kinds(world)[kind]
    field_file.open("rb")
    stored = field_file.read()
    field_file.close()
    personas = world.personas()
    seen_by = []
    for persona in PERSONAS:
        client = login(personas[persona])
        page = client.get(page_url)
        linked = page.status_code == 200 and f'href="{file_url}"' in page.content.decode()
        response = client.get(file_url)
        if linked:
            seen_by.append(persona)
            assert response.status_code == 200, (persona, response.status_code)
            assert response["Content-Disposition"].startswith("attachment;"), persona
            assert response["Content-Type"] == content_type, persona
            assert response["X-Content-Type-Options"] == "nosniff"
            assert "no-store" in response["Cache-Control"]
            assert _body(response) == stored
        elif persona == "anonymous" and kind != "public_practice_attachment":
            assert response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL)), (
                persona
            )
        else:
            assert response.status_code in (403, 404), (persona, response.status_code)
    assert "director" in seen_by  # the test would prove nothing if no page linked the file


def test_who_opens_each_file(world, login):
    """The decisions, spelled out (the linking pages' rules)."""
    expected = {
        "consent_scan": {"director", "curator", "staff", "psychologist", "mentee", "parent"},
        "training_certificate": {"director", "curator", "mentor_a"},
        "order_scan": {"director", "curator", "mentor_a", "mentee"},
        "meeting_attachment": {"director", "curator", "psychologist", "mentor_a", "mentee"},
        "practice_attachment": {"director", "curator"},
        "public_practice_attachment": set(PERSONAS),
        "roadmap_evidence": set(PERSONAS) - {"anonymous", "region", "outsider", "parent"},
    }
    personas = world.personas()
    for kind, (file_url, *_rest) in file_kinds(world).items():
        opened = {p for p in PERSONAS if login(personas[p]).get(file_url).status_code == 200}
        assert opened == expected[kind], kind


def test_files_are_stored_under_random_names_outside_media(world):
    f = files(world)
    names = [f.consent.scan.name, f.training.certificate.name, f.order.scan.name, f.meeting.attachment.name]
    names += [f.practice.attachment.name, f.activity.evidence_file.name]
    for name in names:
        assert re.fullmatch(r"[a-z]+/\d{4}/[A-Za-z0-9_-]{24}\.(pdf|png|docx|xlsx)", name), name
        assert private_storage.exists(name)
        assert not (settings.MEDIA_ROOT / name).exists()
    assert "Новиков" not in f.consent.scan.name and "order-" not in f.order.scan.name
    other = f.consent.scan.field.generate_filename(f.consent, "Согласие Новикова.pdf")
    assert other != f.consent.scan.name  # the same upload again gets another name
    assert not str(private_storage.path(f.consent.scan.name)).startswith(str(settings.MEDIA_ROOT) + "/")


def test_a_private_file_has_no_url(world):
    with pytest.raises(ValueError):
        files(world).consent.scan.url  # noqa: B018


def test_no_file_is_served_from_media_or_by_its_storage_path(world, login):
    f = files(world)
    client = login(world.director)
    for name in (f.consent.scan.name, f.order.scan.name):
        assert client.get(f"/media/{name}").status_code == 404
        assert client.get(f"/private-media/{name}").status_code == 404
    for file_url, *_rest in file_kinds(world).values():
        assert not file_url.startswith(settings.MEDIA_URL) and "/media/" not in file_url


@override_settings(SENDFILE_BACKEND="django_sendfile.backends.nginx")
def test_in_production_nginx_sends_the_bytes_from_its_internal_location(world, login):
    from django_sendfile.utils import _get_sendfile

    _get_sendfile.cache_clear()
    try:
        f = files(world)
        file_url, *_rest = file_kinds(world)["consent_scan"]
        response = login(world.director).get(file_url)
        assert response.status_code == 200 and response.content == b""
        assert response["X-Accel-Redirect"] == quote(f"/private-media/{f.consent.scan.name}")
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
    finally:
        _get_sendfile.cache_clear()


def test_the_download_name_is_readable_and_never_the_stored_one(world, login):
    file_url, *_rest = file_kinds(world)["consent_scan"]
    disposition = login(world.director).get(file_url)["Content-Disposition"]
    assert quote("Согласие") in disposition and files(world).consent.scan.name.split("/")[-1] not in disposition


def test_viewing_a_consent_scan_is_logged(world, login):
    from mentoring.models import PersonalDataEvent

    f = files(world)
    file_url, *_rest = file_kinds(world)["consent_scan"]
    login(world.curator).get(file_url)
    event = PersonalDataEvent.objects.filter(subject_id=f.consent.person_id).latest("pk")
    assert event.user == world.curator and "согласия" in event.description


def test_a_missing_file_is_a_404_not_a_500(world, login):
    f = files(world)
    private_storage.delete(f.order.scan.name)
    file_url, *_rest = file_kinds(world)["order_scan"]
    assert login(world.director).get(file_url).status_code == 404


def test_uploads_before_the_migration_move_to_private_storage(world, settings, tmp_path):
    """The data migrations' helper: a file in the public media folder moves under a random name."""
    from django.apps import apps
    from django.core.files.storage import default_storage

    from mentoring.files import move_to_private

    settings.MEDIA_ROOT = tmp_path
    f = files(world)
    old = "consents/2025/Согласие Новикова.pdf"
    default_storage.save(old, ContentFile(PDF))
    type(f.consent).objects.filter(pk=f.consent.pk).update(scan=old)
    type(f.training).objects.filter(pk=f.training.pk).update(certificate="certificates/2025/gone.png")
    move_to_private(apps, "participants", "Consent", "scan", "consents")
    move_to_private(apps, "participants", "MentorTraining", "certificate", "certificates")
    f.consent.refresh_from_db()
    f.training.refresh_from_db()
    assert f.consent.scan.name.startswith("consents/") and "Новиков" not in f.consent.scan.name
    assert private_storage.open(f.consent.scan.name).read() == PDF
    assert not default_storage.exists(old)
    assert f.training.certificate.name == ""  # the file was already gone: nothing points nowhere


def test_deleting_a_row_deletes_its_file_once_committed(world, django_capture_on_commit_callbacks):
    f = files(world)
    name = f.meeting.attachment.name
    with django_capture_on_commit_callbacks(execute=True):
        f.meeting.delete()
    assert not private_storage.exists(name)

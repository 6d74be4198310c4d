"""Private uploads: consent and order scans, training certificates, meeting and practice attachments,
roadmap evidence. They hold children's personal data, so none of them has a public URL.

* ``private_storage`` keeps them under ``PRIVATE_MEDIA_ROOT`` (outside ``MEDIA_ROOT``) under random
  names; its ``url()`` refuses, so a template cannot link to a file except through its view;
* ``checked_upload`` accepts a file by its content (PDF, JPEG, PNG, DOCX, XLSX), never by its name;
* ``private_file_response`` answers a view that has already checked access, as an attachment with
  the type of the content; in production nginx sends the bytes (django-sendfile2, X-Accel-Redirect).
"""

from __future__ import annotations

import os
import secrets
import time
import zipfile
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django_sendfile import sendfile

# Extension → content type of every type an upload may have.
TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
SCANS = ("pdf", "jpg", "png")
DOCUMENTS = ("pdf", "jpg", "png", "docx", "xlsx")
PRESENTATIONS = (*DOCUMENTS, "pptx")  # a best practice is often a presentation
_LABELS = {"pdf": "PDF", "jpg": "JPG", "png": "PNG", "docx": "DOCX", "xlsx": "XLSX", "pptx": "PPTX"}
# A DOCX or an XLSX is a zip; the part that makes it one or the other.
_OFFICE_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}


@deconstructible
class PrivateStorage(FileSystemStorage):
    """A file system storage under ``PRIVATE_MEDIA_ROOT`` (read on every use, so tests may move it)
    that has no URL: the bytes leave only through a view that checks who asks."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return Path(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        raise ValueError("A private file has no public URL: link to the view that serves it.")


private_storage = PrivateStorage()


@deconstructible
class RandomName:
    """``upload_to`` of private files: ``<folder>/<year>/<random>.<ext>``, so no name can be guessed
    and the user's file name (which may hold a child's name) is not kept on disk."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        ext = {"jpeg": "jpg"}.get(ext, ext)
        suffix = f".{ext}" if ext in TYPES else ""
        return f"{self.folder}/{timezone.localdate():%Y}/{secrets.token_urlsafe(18)}{suffix}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


def detect_type(upload) -> str | None:
    """The extension of the upload's real type among ``TYPES``, or None (HTML, SVG, scripts, anything else)."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None:
        return None
    if kind.extension in ("pdf", "png"):
        return kind.extension
    if kind.extension == "jpg":
        return "jpg"
    if kind.extension in ("docx", "xlsx", "pptx", "zip"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            upload.seek(0)
        for ext, part in _OFFICE_PARTS.items():
            if part in names and "[Content_Types].xml" in names:
                return ext
    return None


def checked_upload(upload, *, allowed: tuple[str, ...] = DOCUMENTS, max_mb: int = 10, what: str = "Файл"):
    """The upload, renamed to its real type, if its content is one of ``allowed`` and it is not too big;
    otherwise a ValidationError in Russian. ``None`` (nothing uploaded) passes through."""
    if not upload or not hasattr(upload, "read"):
        return upload
    names = ", ".join(_LABELS[ext] for ext in allowed)
    if upload.size > max_mb * 1024 * 1024:
        raise ValidationError(f"{what} больше {max_mb} МБ — уменьшите его размер.", code="file_size")
    if upload.size == 0:
        raise ValidationError(f"{what} пуст — выберите другой файл.", code="file_empty")
    ext = detect_type(upload)
    if ext not in allowed:
        raise ValidationError(
            f"{what} должен быть в формате {names}; содержимое выбранного файла другое "
            "(веб-страницы, SVG и скрипты не принимаются).",
            code="file_type",
        )
    upload.name = f"upload.{ext}"
    return upload


@deconstructible
class ContentValidator:
    """Model-field validator: a newly assigned file must pass ``checked_upload`` — so the admin and every
    service are held to the same allow-list as the portal's forms."""

    def __init__(self, allowed: tuple[str, ...] = DOCUMENTS, max_mb: int = 10, what: str = "Файл"):
        self.allowed, self.max_mb, self.what = tuple(allowed), max_mb, what

    def __call__(self, value):
        if not value or getattr(value, "_committed", True):
            return  # a stored file was checked when it came
        checked_upload(value.file, allowed=self.allowed, max_mb=self.max_mb, what=self.what)
        value.name = value.file.name

    def __eq__(self, other):
        return isinstance(other, ContentValidator) and (other.allowed, other.max_mb, other.what) == (
            self.allowed,
            self.max_mb,
            self.what,
        )


def file_type(file: FieldFile) -> str:
    ext = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
    return ext if ext in TYPES else ""


def file_label(file: FieldFile) -> str:
    """«PDF», «DOCX»… for a link's text."""
    return _LABELS.get(file_type(file), "файл")


def private_file_response(request: HttpRequest, file: FieldFile, *, filename: str) -> HttpResponse:
    """The file as an attachment named ``filename`` + its extension. The caller has checked access."""
    if not file or not file.storage.exists(file.name):
        raise Http404("Файл не найден")
    ext = file_type(file)
    response = sendfile(
        request,
        file.name,  # relative to SENDFILE_ROOT (= PRIVATE_MEDIA_ROOT), so symlinks cannot make it "outside"
        attachment=True,
        attachment_filename=f"{filename}.{ext}" if ext else filename,
        mimetype=TYPES.get(ext, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def move_to_private(apps, app_label: str, model_name: str, field_name: str, folder: str) -> None:
    """Data migration helper: files of ``field_name`` still in the public media folder move to the private
    storage under random names; a missing file leaves the row empty rather than pointing nowhere."""
    model = apps.get_model(app_label, model_name)
    public: Storage = default_storage
    rename = RandomName(folder)
    for row in model.objects.exclude(**{field_name: ""}).iterator():
        name = getattr(row, field_name).name
        if private_storage.exists(name):
            continue
        if not public.exists(name):
            model.objects.filter(pk=row.pk).update(**{field_name: ""})
            continue
        with public.open(name, "rb") as source:
            new_name = private_storage.save(rename(row, name), source)
        model.objects.filter(pk=row.pk).update(**{field_name: new_name})
        public.delete(name)


def _private_fields(model) -> list:
    from django.db.models import FileField

    return [
        f for f in model._meta.concrete_fields if isinstance(f, FileField) and isinstance(f.storage, PrivateStorage)
    ]


def connect_private_file_cleanup() -> None:
    """Connects ``delete_private_files`` to each model that has a private file (only those, so every
    other model keeps Django's fast bulk deletion)."""
    from django.apps import apps
    from django.db.models.signals import post_delete

    for model in apps.get_models():
        if _private_fields(model):
            post_delete.connect(delete_private_files, sender=model, dispatch_uid=f"private-files-{model._meta.label}")


def delete_private_files(sender, instance, **kwargs) -> None:
    """post_delete of a model with private files: they leave the disk once the deletion is committed
    (a rolled-back deletion keeps them), so no scan outlives its row."""
    from django.db import transaction

    for field in _private_fields(sender):
        name = getattr(instance, field.attname).name
        if name:
            transaction.on_commit(lambda name=name, storage=field.storage: storage.delete(name))


# ---------------------------------------------------------------- uploads waiting for a confirmation

# A file uploaded for a preview (a class list, a roadmap) that nobody confirmed within a day is forgotten: a
# class list holds children's names and birth dates.
PENDING_MAX_AGE_S = 24 * 3600


def pending_dir(folder: str, organization_id: int, user_id: int) -> Path:
    """Where a user's upload waits between its preview and the confirmation (MEDIA_ROOT is not published);
    the user's own stale uploads are forgotten on the way."""
    path = Path(settings.MEDIA_ROOT) / folder / str(organization_id) / str(user_id)
    path.mkdir(parents=True, exist_ok=True)
    forget_stale(path.iterdir(), time.time())
    return path


def forget_stale(paths, now_ts: float, *, dry_run: bool = False) -> int:
    stale = [p for p in paths if p.is_file() and now_ts - p.stat().st_mtime > PENDING_MAX_AGE_S]
    if not dry_run:
        for path in stale:
            path.unlink(missing_ok=True)
    return len(stale)


def pending_cleanup(folder: str):
    """Every organization's and user's stale uploads of a folder, for ``mentoring.jobs.register_cleanup``: a user
    who never came back to confirm would otherwise keep theirs for good."""

    def cleanup(now, dry_run: bool) -> int:
        root = Path(settings.MEDIA_ROOT) / folder
        return forget_stale(root.glob("*/*/*"), now.timestamp(), dry_run=dry_run) if root.is_dir() else 0

    return cleanup

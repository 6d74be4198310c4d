"""The one rendering path for every PDF of the portal: a Django template rendered to HTML, then
WeasyPrint. Fonts and styles come from our own static files — never from the network — so every
machine prints the same document."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils._os import safe_join
from django.utils.http import content_disposition_header

# A base URL that resolves nowhere: relative links in a document are mapped to local static files.
_BASE_URL = "https://pdf.invalid/"


class PdfResourceError(Exception):
    pass


def _static_path(url: str) -> Path:
    """The file behind a ``{% static %}`` URL: in production the hashed name collectstatic wrote to
    STATIC_ROOT («pdf.9b5b36e60e53.css»), which the finders do not know; in development the source."""
    path = urlsplit(url).path
    static_prefix = "/" + settings.STATIC_URL.lstrip("/")
    if not path.startswith(static_prefix):
        raise PdfResourceError(f"PDF may load only static files, not {url!r}")
    name = path[len(static_prefix) :]
    try:
        collected = Path(safe_join(settings.STATIC_ROOT, name))
    except SuspiciousFileOperation as exc:
        raise PdfResourceError(f"PDF may load only static files, not {url!r}") from exc
    if collected.is_file():
        return collected
    found = finders.find(name)
    if not found:
        raise PdfResourceError(f"static file not found: {path}")
    return Path(found)


class StaticOnlyFetcher:
    """Hands WeasyPrint our own static files and refuses everything else: text typed by a user
    cannot make the server fetch a URL (SSRF) or read a local file."""

    def __new__(cls):
        from weasyprint.urls import URLFetcher, URLFetcherResponse  # WeasyPrint loads Pango: import on use.

        class _Fetcher(URLFetcher):
            def fetch(self, url, headers=None):
                if url.startswith("data:"):
                    return super().fetch(url, headers)
                if not url.startswith(_BASE_URL):
                    raise PdfResourceError(f"external resource refused: {url!r}")
                path = _static_path(url)
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})

        return _Fetcher(fail_on_errors=True)


def render_pdf(template_name: str, context: dict, *, request: HttpRequest | None = None) -> bytes:
    from weasyprint import HTML  # Imported here: loading Pango takes a moment that pages without PDFs skip.

    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, base_url=_BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf()


def render_pdf_batch(
    template_name: str,
    contexts: list[dict],
    *,
    request: HttpRequest | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """Several documents in one PDF (all consent forms of a class, a stack of orders): each is laid
    out on its own, so each keeps its own page numbers, then the pages are joined. ``progress(done, total)``
    hears of each document laid out (a background job's progress bar)."""
    from weasyprint import HTML

    documents = []
    for number, context in enumerate(contexts, 1):
        documents.append(
            HTML(
                string=render_to_string(template_name, context, request=request),
                base_url=_BASE_URL,
                url_fetcher=StaticOnlyFetcher(),
            ).render()
        )
        if progress is not None:
            progress(number, len(contexts))
    if not documents:
        raise ValueError("no documents to render")
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()


def pdf_response(content: bytes, filename: str, *, as_attachment: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    return response

"""Reading the portal's PDFs back in Python (pypdf): no poppler on the machine is needed."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """The text of every page in reading order, a line per line of the page (table cells may come
    on lines of their own: compare words, not columns), each page ended by a form feed as pdftotext does."""
    return "".join(page.extract_text() + "\f" for page in PdfReader(io.BytesIO(content)).pages)


def pdf_fonts(content: bytes) -> set[str]:
    """Base names of the fonts the pages use, «ABCDEF+» subset prefixes removed, with whether each
    is embedded: {"Document-Serif (embedded)", …}."""
    fonts = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get_object().get("/Font") or {}).values():
            font = font.get_object()
            name = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.add(f"{name} (embedded)" if embedded else name)
    return fonts


def keep_document(name: str, content: bytes) -> None:
    """Saves a document under test-artifacts/documents/ to be opened and looked at as a secretary would."""
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "test-artifacts" / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(content)

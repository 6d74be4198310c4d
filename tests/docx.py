"""Reading the portal's .docx back with python-docx, as the tests read PDFs back with pypdf."""

from __future__ import annotations

import io

from docx import Document


def docx_document(content: bytes):
    return Document(io.BytesIO(content))


def docx_paragraphs(content: bytes) -> list[str]:
    """The body's paragraphs outside tables, in order."""
    return [p.text for p in docx_document(content).paragraphs]


def docx_tables(content: bytes) -> list[list[list[str]]]:
    """Every table as rows of cell texts (a merged cell repeats in each grid column it covers)."""
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in docx_document(content).tables]


def docx_text(content: bytes) -> str:
    """All the words: paragraphs, then table cells, a line each — compare words, not layout."""
    document = docx_document(content)
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)

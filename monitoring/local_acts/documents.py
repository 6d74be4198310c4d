"""The Положение and the Программа as they print: the sections' markup made into HTML (escaped), the
standalone PDF and Word file, and the HTML body the approval order carries as its annex."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from mentoring.models import AcademicYear, Organization
from monitoring.local_acts.drafting import drafts
from monitoring.local_acts.models import LocalAct

BODY_TEMPLATE = "pdf/local_acts/_body.html"
_NUMBERED = re.compile(r"^\d{1,2}\.\s+")
DOCUMENT_TEMPLATE = "pdf/local_acts/act.html"


@dataclass
class SectionView:
    key: str
    title: str
    body: str


def render_body(text: str) -> SafeString:
    """Paragraphs split by blank lines; «- » lines are a list, «1. » lines a numbered one; «|» lines a
    table, first row the header.
    Everything the user typed is escaped."""
    blocks: list[str] = []
    for chunk in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith("|") for line in lines):
            rows = [[escape(cell.strip()) for cell in line.strip("|").split("|")] for line in lines]
            head = "".join(f"<th>{cell}</th>" for cell in rows[0])
            body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows[1:])
            blocks.append(f'<table class="grid"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')
        elif all(_NUMBERED.match(line) for line in lines):
            items = "".join(f"<li>{escape(_NUMBERED.sub('', line, count=1))}</li>" for line in lines)
            blocks.append(f"<ol>{items}</ol>")
        elif all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{escape(line[2:].strip())}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        else:
            # A paragraph followed by list lines keeps both.
            text_lines = [line for line in lines if not line.startswith("- ")]
            items = [line[2:].strip() for line in lines if line.startswith("- ")]
            blocks.append(f"<p>{escape(' '.join(text_lines))}</p>")
            if items:
                blocks.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>")
    return mark_safe("\n".join(blocks))  # noqa: S308  # nosec B308 B703 # every piece of user text above is escaped


def sections_of(act: LocalAct | None, *, kind: str, organization: Organization, year: AcademicYear) -> list:
    """The stored sections, or — before the document is prepared — the draft from the current data
    (a GET never writes)."""
    if act is not None and act.pk:
        return list(act.sections.all())
    return [SectionView(d.key, d.title, d.body) for d in drafts(kind, organization, year)]


def body_html(*, kind: str, organization: Organization, year: AcademicYear, act: LocalAct | None) -> str:
    """The document's body (no title): the approval order's annex prints its own heading and title."""
    if act is not None and act.is_frozen and act.frozen_html:
        return act.frozen_html
    sections = [
        {"title": s.title, "html": render_body(s.body)}
        for s in sections_of(act, kind=kind, organization=organization, year=year)
    ]
    return render_to_string(BODY_TEMPLATE, {"sections": sections})


def document_context(*, kind: str, organization: Organization, year: AcademicYear, act: LocalAct | None) -> dict:
    return {
        "organization": organization,
        "kind_label": LocalAct.Kind(kind).label,
        "org_genitive": organization.name_in("genitive"),
        "year": year,
        "act": act,
        # The body is rendered by our template from escaped sections (or frozen from that render at signing).
        "body": mark_safe(body_html(kind=kind, organization=organization, year=year, act=act)),  # noqa: S308  # nosec B308 B703
        "title": f"{LocalAct.Kind(kind).label} {organization.short_name}",
    }


def act_pdf(**kwargs) -> bytes:
    from mentoring.pdf import render_pdf

    return render_pdf(DOCUMENT_TEMPLATE, document_context(**kwargs))


def act_docx(**kwargs) -> bytes:
    from mentoring.docx import render_docx

    return render_docx(DOCUMENT_TEMPLATE, document_context(**kwargs))


def act_filename(kind: str, year: AcademicYear, extension: str) -> str:
    return f"{LocalAct.Kind(kind).label} {year.name.replace('/', '-')}.{extension}"

"""Word (.docx) from the same HTML template the PDF prints (mentoring/pdf.py): one document model,
two renderings. The HTML our document templates use — headings, paragraphs, bold and italic, lists,
tables with colspan/rowspan, page breaks, landscape sections, right-aligned approval blocks,
signature lines — is mapped to python-docx; A4, the margins of pdf.css (ГОСТ Р 7.0.97-2016),
Times New Roman 12 pt (the metric twin of the PDF's Liberation Serif, present on every school's
Word). What Word cannot show the same way (QR images, inline styles) is left out, never faked."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"

_SKIP = {"head", "title", "style", "script", "link", "meta", "img", "svg", "hr", "colgroup", "col", "template"}
_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote", "nav",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "dl", "dt", "dd", "figure", "figcaption",
}  # fmt: skip
_SPACE = re.compile(r"[ \t\r\n\f]+")
_WIDTH_MM = re.compile(r"width:\s*([\d.]+)mm")
# A blank to fill in by hand (``<span class="blank" style="width: 24mm">``): underscores of about
# that width at the consent forms' 10 pt.
_UNDERSCORE_MM = 1.8
# The consent forms' own page (pdf.css ``@page consent``): one A4 sheet each, no page number.
_CONSENT_MARGINS_MM = (11, 10, 10, 20)  # top, right, bottom, left


@dataclass(frozen=True)
class _Run:
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None  # points; None is the paragraph's size
    upper: bool = False


@dataclass(frozen=True)
class _Para:
    align: str = "justify"  # justify | left | center | right
    first_indent: bool = True
    left_indent_cm: float = 0.0
    hanging_cm: float = 0.0
    size: float = 12.0
    space_before: float = 0.0
    space_after: float = 5.0
    border_bottom: bool = False
    keep_with_next: bool = False
    heading: int = 0  # a Word heading level (its «Заголовок N» style), 0 for body text


_HEADINGS = {
    "h1": (14.0, True),  # (size, upper case: pdf.css uppercases h1)
    "h2": (13.0, False),
    "h3": (12.0, False),
    "h4": (12.0, False),
    "h5": (12.0, False),
    "h6": (12.0, False),
}


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


class _Writer:
    """Walks the parsed HTML once and appends paragraphs and tables to the document."""

    def __init__(self):
        from docx import Document

        self.document = Document()
        self._setup_styles()
        self._setup_section(self.document.sections[0], landscape=False)
        self._page_numbers(self.document.sections[0])
        self._container = self.document  # the body, or a table cell while filling it
        self._cell_fresh = None  # the empty paragraph a new cell starts with, reused once
        self._para = None  # the paragraph being filled with inline content
        self._para_fmt = _Para()
        self._landscape = [False]
        self._section_landscape = False
        self._emitted = False
        self._page_break = False

    # --- document set-up -------------------------------------------------------------------
    def _setup_styles(self) -> None:
        from docx.oxml.ns import qn
        from docx.oxml.shared import OxmlElement
        from docx.shared import Pt

        normal = self.document.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(12)
        rpr = normal.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "ru-RU")
        lang.set(qn("w:eastAsia"), "ru-RU")
        rpr.append(lang)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.15
        # Headings are Word headings (the navigation pane, a table of contents), dressed as the PDF's.
        from docx.shared import RGBColor

        for level in range(1, 7):
            style = self.document.styles[f"Heading {level}"]
            style.font.name = FONT
            style.font.size = Pt(_HEADINGS[f"h{level}"][0])
            style.font.bold = True
            style.font.italic = False
            style.font.color.rgb = RGBColor(0, 0, 0)
            heading_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                heading_fonts.attrib.pop(qn(attr), None)
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                heading_fonts.set(qn(attr), FONT)

    @staticmethod
    def _setup_section(section, *, landscape: bool) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm

        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
            section.top_margin, section.right_margin = Mm(15), Mm(15)
            section.bottom_margin, section.left_margin = Mm(18), Mm(20)
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.top_margin, section.right_margin = Mm(20), Mm(12)
            section.bottom_margin, section.left_margin = Mm(20), Mm(25)

    @staticmethod
    def _page_numbers(section) -> None:
        """«1 из 2» at the bottom centre, as the PDF prints it (PAGE and NUMPAGES fields)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml.ns import qn
        from docx.oxml.shared import OxmlElement
        from docx.shared import Pt

        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for index, part in enumerate(("PAGE", " из ", "NUMPAGES")):
            if index % 2:
                paragraph.add_run(part).font.size = Pt(9)
                continue
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), part)
            run = OxmlElement("w:r")
            rpr = OxmlElement("w:rPr")
            size = OxmlElement("w:sz")
            size.set(qn("w:val"), "18")
            rpr.append(size)
            run.append(rpr)
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            field.append(run)
            paragraph._p.append(field)

    def text_width_mm(self) -> float:
        section = self.document.sections[-1]
        return (section.page_width - section.left_margin - section.right_margin) / 36000

    # --- where the next block goes ---------------------------------------------------------
    def _ensure_section(self) -> None:
        """Before a block of the body: a landscape/portrait switch opens a section, a pending
        page break breaks the page."""
        from docx.enum.section import WD_SECTION

        if self._container is not self.document:
            return
        wanted = self._landscape[-1]
        if wanted != self._section_landscape:
            # The first block decides the first section's orientation; later ones open a section.
            section = self.document.add_section(WD_SECTION.NEW_PAGE) if self._emitted else self.document.sections[-1]
            self._setup_section(section, landscape=wanted)
            self._section_landscape = wanted
            self._page_break = False
        self._emitted = True

    def new_paragraph(self, fmt: _Para):
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        self._ensure_section()
        if self._cell_fresh is not None:
            paragraph, self._cell_fresh = self._cell_fresh, None
        else:
            paragraph = self._container.add_paragraph()
        if fmt.heading:
            paragraph.style = self.document.styles[f"Heading {fmt.heading}"]
        pf = paragraph.paragraph_format
        paragraph.alignment = {
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }[fmt.align]
        if fmt.first_indent and fmt.align == "justify":
            pf.first_line_indent = Cm(1.25)
        if fmt.left_indent_cm or fmt.hanging_cm:
            pf.left_indent = Cm(fmt.left_indent_cm + fmt.hanging_cm)
        if fmt.hanging_cm:
            pf.first_line_indent = Cm(-fmt.hanging_cm)
        pf.space_before = Pt(fmt.space_before)
        pf.space_after = Pt(fmt.space_after)
        if fmt.keep_with_next:
            pf.keep_with_next = True
        if self._page_break and self._container is self.document:
            pf.page_break_before = True
            self._page_break = False
        if fmt.border_bottom:
            _bottom_border(paragraph)
        return paragraph

    # --- inline content --------------------------------------------------------------------
    def text(self, text: str | None, run: _Run) -> None:
        if not text:
            return
        text = _SPACE.sub(" ", text)
        if self._para is None:
            text = text.lstrip(" ")
            if not text:
                return
            self._para = self.new_paragraph(self._para_fmt)
        elif self._para.runs and self._para.runs[-1].text.endswith((" ", "\n")):
            text = text.lstrip(" ")
            if not text:
                return
        self._add_run(text, run)

    def _add_run(self, text: str, run: _Run):
        from docx.shared import Pt

        r = self._para.add_run(text.upper() if run.upper else text)
        r.bold = run.bold or None
        r.italic = run.italic or None
        r.underline = run.underline or None
        size = run.size or self._para_fmt.size
        if size != 12.0:
            r.font.size = Pt(size)
        return r

    def line_break(self, run: _Run) -> None:
        if self._para is None:
            self._para = self.new_paragraph(self._para_fmt)
        self._strip_trailing()
        self._add_run("", run).add_break()

    def _strip_trailing(self) -> None:
        if self._para is not None and self._para.runs:
            last = self._para.runs[-1]
            if last.text.endswith(" "):
                last.text = last.text.rstrip(" ")

    def close_paragraph(self) -> None:
        self._strip_trailing()
        self._para = None

    # --- the walk --------------------------------------------------------------------------
    def flow(self, el, para: _Para, run: _Run) -> None:
        """The content of a block element: inline parts fill paragraphs of ``para``; block
        children are laid out in turn."""
        saved = self._para_fmt
        self._para_fmt = para
        self.text(el.text, run)
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _SKIP or not tag:
                pass
            elif tag == "br":
                self.line_break(run)
            elif tag in _BLOCKS:
                self.close_paragraph()
                self.block(child, para, run)
                self.close_paragraph()
                self._para_fmt = para
            else:
                self.flow_inline(child, run)
            self.text(child.tail, run)
        self._para_fmt = saved

    def flow_inline(self, el, run: _Run) -> None:
        run = _inline_run(el, run)
        blank = _blank_mm(el)
        if blank and not (el.text or "").strip():
            self.text("_" * max(3, round(blank / _UNDERSCORE_MM)), run)
        self.text(el.text, run)
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _SKIP or not tag:
                pass
            elif tag == "br":
                self.line_break(run)
            elif tag in _BLOCKS:  # a block inside an inline element: lay it out as a block
                self.close_paragraph()
                self.block(child, self._para_fmt, run)
                self.close_paragraph()
            else:
                self.flow_inline(child, run)
            self.text(child.tail, run)

    def block(self, el, para: _Para, run: _Run) -> None:
        classes = _classes(el)
        if "pdf-only" in classes:  # a watermark or the like: drawn by the PDF only
            return
        landscape = "landscape" in classes
        if landscape:
            self._landscape.append(True)
        if classes & {"page-break", "consent"} and self._emitted:  # a consent form is a sheet of its own
            self._page_break = True
        if "consent" in classes:
            self._consent_page()
        para, run = _block_format(el, classes, para, run)
        try:
            if el.tag == "table":
                self.table(el, classes)
            elif el.tag in ("ul", "ol"):
                self.list(el, para, run)
            elif classes & {"signature", "doc-meta"}:
                self.spread_row(el, para, run)
            elif "field" in classes:
                self.field_row(el, para, run)
            else:
                self.flow(el, para, run)
                if "requisites" in classes and self._last_paragraph() is not None:
                    self.close_paragraph()
                    _bottom_border(self._last_paragraph())
        finally:
            if landscape:
                self._landscape.pop()

    def _consent_page(self) -> None:
        """The consent forms' page: narrower margins and no page number, so a form keeps to one sheet."""
        from docx.shared import Mm

        section = self.document.sections[-1]
        top, right, bottom, left = _CONSENT_MARGINS_MM
        section.top_margin, section.right_margin = Mm(top), Mm(right)
        section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
        footer = section.footer.paragraphs[0]._p
        for child in list(footer):
            if child.tag.endswith("}fldSimple") or child.tag.endswith("}r"):
                footer.remove(child)

    def field_row(self, el, para: _Para, run: _Run) -> None:
        """A line of a form to fill in (label, a rule to the end of the line, what follows it): the
        rule is an underscore tab leader, so the line stays one line whatever is written on it."""
        from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
        from docx.shared import Mm

        parts = [child for child in el if isinstance(child.tag, str) and child.tag not in _SKIP]
        lines = [i for i, part in enumerate(parts) if "line" in _classes(part)]
        fmt = replace(para, align="left", first_indent=False, space_after=0, space_before=para.space_before or 1)
        self._para = paragraph = self.new_paragraph(fmt)
        self._para_fmt = fmt
        if lines:
            after = parts[lines[-1] + 1 :]
            after_mm = sum(_blank_mm(p) or len(p.text_content()) * 1.7 for p in after)
            stop = self.text_width_mm() - after_mm - (2 if after else 0)
            paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(stop), WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.LINES)
        previous = ""
        for index, part in enumerate(parts):
            if "line" in _classes(part):
                if index == lines[-1]:
                    self._add_run("\t", run)
                    previous = "\t"
                continue
            words = part.text_content().strip()
            # The PDF spaces the parts (flex gap); no space before «,» «»» or after «««.
            if previous and previous[-1] not in "\t «" and words[:1] not in (",", ".", "»", ")"):
                self._add_run(" ", run)
            self.flow_inline(part, run)
            previous = words or "_"
        self.close_paragraph()

    def _last_paragraph(self):
        paragraphs = self._container.paragraphs
        return paragraphs[-1] if paragraphs else None

    def list(self, el, para: _Para, run: _Run) -> None:
        ordered = el.tag == "ol"
        start = int(el.get("start") or 1) if (el.get("start") or "").isdigit() else 1
        unstyled = "list-unstyled" in _classes(el)
        number = start
        item_para = replace(para, first_indent=False, align="justify", hanging_cm=0.0 if unstyled else 0.75)
        for child in el:
            if child.tag != "li":
                continue
            self.close_paragraph()
            self._para_fmt = item_para
            if not unstyled:
                self._para = self.new_paragraph(item_para)
                self._add_run(f"{number}.\t" if ordered else "–\t", run)
            self.flow(child, item_para, run)
            self.close_paragraph()
            number += 1

    def spread_row(self, el, para: _Para, run: _Run) -> None:
        """A flex row of the PDF (date … number; position ____ name): the parts spread over the
        line with tab stops; a ``.line`` part becomes an underscore leader to sign on."""
        from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
        from docx.shared import Mm

        parts = [child for child in el if isinstance(child.tag, str) and child.tag not in _SKIP]
        width = self.text_width_mm()
        has_line = any("line" in _classes(p) for p in parts)
        fmt = replace(
            para, align="left", first_indent=False, space_before=para.space_before or (18.0 if has_line else 0)
        )
        self._para = paragraph = self.new_paragraph(fmt)
        self._para_fmt = fmt
        stops = paragraph.paragraph_format.tab_stops
        texts = [p for p in parts if "line" not in _classes(p)]
        if has_line:
            stops.add_tab_stop(Mm(width * 0.68), WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.LINES)
            stops.add_tab_stop(Mm(width), WD_TAB_ALIGNMENT.RIGHT)
        elif len(texts) == 3:
            stops.add_tab_stop(Mm(width / 2), WD_TAB_ALIGNMENT.CENTER)
            stops.add_tab_stop(Mm(width), WD_TAB_ALIGNMENT.RIGHT)
        else:
            stops.add_tab_stop(Mm(width), WD_TAB_ALIGNMENT.RIGHT)
        for index, part in enumerate(parts):
            if index:
                self._strip_trailing()
                self._add_run("\t", run)
            if "line" in _classes(part):
                continue
            self.flow_inline(part, run)
            self._strip_trailing()
        self.close_paragraph()

    def table(self, el, classes: set[str]) -> None:
        from docx.oxml.ns import qn
        from docx.oxml.shared import OxmlElement
        from docx.shared import Mm

        rows = _table_rows(el)
        if not rows:
            return
        grid, ncols = _layout(rows)
        if not ncols:
            return
        self._ensure_section()
        if self._page_break:
            self.new_paragraph(replace(self._para_fmt, first_indent=False))
        bordered = "grid" in classes
        table = self._container.add_table(rows=len(rows), cols=ncols)
        if bordered:
            table.style = self.document.styles["Table Grid"]
        table.autofit = False
        widths = _column_widths(el, rows, grid, ncols, self.text_width_mm())
        for row_index, (_tr, header) in enumerate(rows):
            if header:
                tr_pr = table.rows[row_index]._tr.get_or_add_trPr()
                repeat = OxmlElement("w:tblHeader")
                tr_pr.append(repeat)
        # Merge first (python-docx joins the content of merged cells), then fill.
        for (r, c), (_cell, rowspan, colspan) in grid.items():
            if rowspan > 1 or colspan > 1:
                table.cell(r, c).merge(table.cell(r + rowspan - 1, c + colspan - 1))
        for col, width in enumerate(widths):
            table.columns[col].width = Mm(width)
            for row in table.rows:
                row.cells[col].width = Mm(width)
        saved = (self._container, self._para, self._para_fmt)
        for (r, c), (cell_el, _rowspan, colspan) in grid.items():
            cell = table.cell(r, c)
            cell.width = Mm(sum(widths[c : c + colspan]))
            cell_classes = _classes(cell_el)
            is_head = cell_el.tag == "th"
            align = "center" if (is_head or cell_classes & {"num", "center", "points"}) else "left"
            para = _Para(align=align, first_indent=False, size=10.5 if bordered else 12.0, space_after=0)
            run = _Run(bold=is_head)
            if is_head and bordered:
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:color"), "auto")
                shading.set(qn("w:fill"), "F0F0F0")
                cell._tc.get_or_add_tcPr().append(shading)
            self._container, self._cell_fresh, self._para = cell, cell.paragraphs[0], None
            self.flow(cell_el, para, run)
            self.close_paragraph()
            if self._cell_fresh is not None:  # an empty cell keeps its paragraph, in the table's size
                self._cell_fresh = None
        self._container, self._para, self._para_fmt = saved
        self._emitted = True


def _blank_mm(el) -> float:
    """The width of a blank to fill in, from its inline style; 0 for anything else."""
    if "blank" not in _classes(el):
        return 0.0
    match = _WIDTH_MM.search(el.get("style") or "")
    return float(match.group(1)) if match else 30.0


def _inline_run(el, run: _Run) -> _Run:
    tag, classes = el.tag, _classes(el)
    if tag in ("strong", "b", "th") or classes & {"fw-bold", "fw-semibold", "org-name"}:
        run = replace(run, bold=True)
    if tag in ("em", "i", "cite"):
        run = replace(run, italic=True)
    if tag == "u" or "underline" in classes:
        run = replace(run, underline=True)
    if tag == "small" or classes & {"muted", "small"}:
        run = replace(run, size=9.0)
    return run


def _block_format(el, classes: set[str], para: _Para, run: _Run) -> tuple[_Para, _Run]:
    tag = el.tag
    if tag in _HEADINGS:
        size, upper = _HEADINGS[tag]
        if para.size < 12.0:  # a compact document (a consent form): headings a step above its text
            size = para.size + (1.5 if tag == "h1" else 0.5)
        para = replace(para, align="center", first_indent=False, size=size, space_before=7, space_after=5)
        if para.size < 12.0 or size < 12.0:
            para = replace(para, space_before=3 if tag == "h1" else 0, space_after=1 if tag == "h1" else 4)
        para = replace(para, keep_with_next=True, heading=int(tag[1]))
        run = replace(run, bold=True, upper=upper or run.upper)
    elif tag == "p":
        para = replace(para, first_indent=para.first_indent, space_after=para.space_after)
    if classes & {"no-indent"}:
        para = replace(para, first_indent=False)
    if classes & {"center", "text-center", "consent-hint", "requisites"}:
        para = replace(para, align="center", first_indent=False)
    if classes & {"right", "text-end", "annex-heading", "approval"}:
        para = replace(para, align="right", first_indent=False)
    if "consent-to" in classes:
        para = replace(para, align="left", first_indent=False, left_indent_cm=9.5)
    if "annex-heading" in classes:
        para = replace(para, size=11.0, space_after=8)
    if classes & {"muted", "org-details", "consent-hint"}:
        para = replace(para, size=9.0)
        run = replace(run, size=None)
    if classes & {"draft-mark"}:
        para = replace(para, align="right", first_indent=False)
        run = replace(run, bold=True)
    if "acquainted" in classes:
        para = replace(para, space_before=18)
    if "certificate" in classes:  # pdf_certificate.css: a centred sheet, the kind and the name large
        para = replace(para, align="center", first_indent=False, space_after=10)
    if "kind" in classes and "certificate" not in classes:
        para = replace(para, align="center", first_indent=False, size=26.0, space_before=36, space_after=18)
        run = replace(run, bold=True)
    if "name" in classes and para.align == "center":
        para = replace(para, size=18.0, space_before=6, space_after=12)
        run = replace(run, bold=True)
    if "consent" in classes:  # pdf.css .consent: 10 pt, tight spacing, a sheet per form
        para = replace(para, size=10.0, space_after=1.5)
    if "hint" in classes:
        para = replace(para, align="center", first_indent=False, size=7.0, space_after=1.5)
    if "addressee" in classes:
        para = replace(para, align="left", first_indent=False, left_indent_cm=8.5, space_after=4)
    run = _inline_run(el, run) if tag not in _HEADINGS else run
    return para, run


def _bottom_border(paragraph) -> None:
    from docx.oxml.ns import qn
    from docx.oxml.shared import OxmlElement

    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _table_rows(el) -> list[tuple[object, bool]]:
    """Rows in display order (thead, then bodies and bare rows, then tfoot), each with whether it is
    a header row to repeat on every page."""
    head, body, foot = [], [], []
    for child in el:
        if child.tag == "thead":
            head += [(tr, True) for tr in child if tr.tag == "tr"]
        elif child.tag == "tbody":
            body += [(tr, False) for tr in child if tr.tag == "tr"]
        elif child.tag == "tfoot":
            foot += [(tr, False) for tr in child if tr.tag == "tr"]
        elif child.tag == "tr":
            body.append((child, False))
    return head + body + foot


def _span(cell, name: str) -> int:
    value = cell.get(name) or "1"
    return max(1, min(int(value), 50)) if value.isdigit() else 1


def _layout(rows) -> tuple[dict, int]:
    """The HTML table's cells placed on a grid: {(row, col): (cell, rowspan, colspan)}."""
    taken: set[tuple[int, int]] = set()
    grid: dict[tuple[int, int], tuple] = {}
    for r, (tr, _header) in enumerate(rows):
        c = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in taken:
                c += 1
            rowspan = min(_span(cell, "rowspan"), len(rows) - r)
            colspan = _span(cell, "colspan")
            grid[(r, c)] = (cell, rowspan, colspan)
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            c += colspan
    # Cells a row does not fill (a short row) stay empty rather than shift the columns.
    ncols = max((col + 1 for _row, col in taken), default=0)
    return grid, ncols


def _column_widths(el, rows, grid: dict, ncols: int, total_mm: float) -> list[float]:
    """Widths in mm: the template's <col width="N%"> if it gives them, else by the length of the
    text in each column (as a browser's automatic layout does), a number column kept narrow."""
    cols = [col for group in el.findall("colgroup") for col in group.findall("col")] or el.findall("col")
    percents = [(col.get("width") or "").rstrip("%") for col in cols]
    if len(percents) == ncols and all(p.replace(".", "", 1).isdigit() for p in percents):
        share = [float(p) for p in percents]
        return [total_mm * s / sum(share) for s in share]
    weights = [4.0] * ncols
    narrow = [False] * ncols
    for (_r, c), (cell, _rowspan, colspan) in grid.items():
        if colspan != 1:
            continue
        if "num" in _classes(cell):
            narrow[c] = True
        length = max((len(line) for line in cell.text_content().split("\n")), default=0)
        weights[c] = max(weights[c], min(float(length), 40.0))
    fixed = 10.0
    free = total_mm - fixed * sum(narrow)
    flexible = sum(w for w, n in zip(weights, narrow, strict=True) if not n) or 1.0
    return [fixed if n else free * w / flexible for w, n in zip(weights, narrow, strict=True)]


def _parse(html: str):
    import lxml.html

    return lxml.html.document_fromstring(html)


def _write(writer: _Writer, html: str) -> None:
    root = _parse(html)
    title = root.findtext(".//title")
    if title and not writer.document.core_properties.title:
        writer.document.core_properties.title = _SPACE.sub(" ", title).strip()[:255]
    body = root.find("body")
    writer.flow(body if body is not None else root, _Para(), _Run())
    writer.close_paragraph()


def _save(writer: _Writer) -> bytes:
    writer.document.core_properties.language = "ru-RU"
    buffer = io.BytesIO()
    writer.document.save(buffer)
    return buffer.getvalue()


def html_to_docx(html: str) -> bytes:
    """Word from the HTML of a document template."""
    writer = _Writer()
    _write(writer, html)
    return _save(writer)


def render_docx(template_name: str, context: dict, request: HttpRequest | None = None) -> bytes:
    """The .docx of the template the PDF prints (``render_pdf`` with the same arguments)."""
    return html_to_docx(render_to_string(template_name, context, request=request))


def render_docx_batch(template_name: str, contexts: list[dict], request: HttpRequest | None = None) -> bytes:
    """Several documents in one .docx, each from a new page (the Word twin of ``render_pdf_batch``)."""
    if not contexts:
        raise ValueError("no documents to render")
    writer = _Writer()
    for context in contexts:
        if writer._emitted:
            writer._page_break = True
        _write(writer, render_to_string(template_name, context, request=request))
    return _save(writer)


def docx_response(content: bytes, filename: str, *, as_attachment: bool = True) -> HttpResponse:
    """A .docx download; a «….pdf» name becomes «….docx»."""
    if filename.lower().endswith(".pdf"):
        filename = filename[:-4] + ".docx"
    elif not filename.lower().endswith(".docx"):
        filename += ".docx"
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    return response

"""Word from the HTML the PDF prints: every construct our document templates use is read back."""

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from mentoring.docx import DOCX_CONTENT_TYPE, docx_response, html_to_docx, render_docx, render_docx_batch
from tests.docx import docx_document, docx_paragraphs, docx_tables, docx_text

ORDER_LIKE = """<!DOCTYPE html><html><head><title>Приказ № 5</title><style>p { color: red }</style></head><body>
<div class="requisites"><div class="org-name">МБОУ «СОШ № 7»</div><div class="org-details">г. Вологда; ИНН 1</div></div>
<div class="draft-mark">ПРОЕКТ</div>
<h1>Приказ</h1>
<div class="doc-meta"><span>01.09.2025</span><span>№ 5</span></div>
<h3>Об утверждении   положения
  о наставничестве</h3>
<p>Текст с <strong>жирным</strong> и <em>курсивом</em>,<br>вторая строка.</p>
<p class="no-indent">Без отступа.</p>
<ol><li>Первый пункт</li><li>Второй <b>пункт</b></li></ol>
<ul><li>Элемент</li></ul>
<div class="signature"><span>Директор</span><span class="line"></span><span>И. И. Иванов</span></div>
<section class="page-break landscape">
  <div class="annex-heading">Приложение № 1<br>к приказу от 01.09.2025 № 5</div>
  <table class="grid">
    <thead><tr><th class="num">№</th><th>ФИО</th><th>Класс</th></tr></thead>
    <tbody>
      <tr><td class="num">1</td><td>Иванов Иван</td><td>9 «А»</td></tr>
      <tr><td class="num">2</td><td colspan="2">Итого: один</td></tr>
      <tr><td rowspan="2">3</td><td>Петров</td><td>8</td></tr>
      <tr><td>Сидоров</td><td>7</td></tr>
    </tbody>
  </table>
</section>
<p>После приложения.</p>
<script>alert(1)</script>
</body></html>"""


def test_paragraphs_headings_and_inline_formatting_read_back():
    content = html_to_docx(ORDER_LIKE)
    document = docx_document(content)
    paragraphs = [p for p in document.paragraphs if p.text]
    texts = [p.text for p in paragraphs]
    assert texts[0] == "МБОУ «СОШ № 7»"
    assert "ПРОЕКТ" in texts
    assert "ПРИКАЗ" in texts  # h1 upper-cased as pdf.css does
    assert "Об утверждении положения о наставничестве" in texts  # whitespace collapsed like HTML
    body = next(p for p in paragraphs if p.text.startswith("Текст"))
    assert body.text == "Текст с жирным и курсивом,\nвторая строка."
    assert [r.text for r in body.runs if r.bold] == ["жирным"]
    assert [r.text for r in body.runs if r.italic] == ["курсивом"]
    assert round(body.paragraph_format.first_line_indent.cm, 2) == 1.25
    assert next(p for p in paragraphs if p.text == "Без отступа.").paragraph_format.first_line_indent is None
    heading = next(p for p in paragraphs if p.text == "ПРИКАЗ")
    assert heading.alignment == WD_ALIGN_PARAGRAPH.CENTER and all(r.bold for r in heading.runs)
    assert next(p for p in paragraphs if p.text == "ПРОЕКТ").alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert "alert" not in docx_text(content) and "color" not in docx_text(content)
    assert document.core_properties.title == "Приказ № 5"


def test_lists_signatures_and_spread_rows_keep_their_parts():
    texts = docx_paragraphs(html_to_docx(ORDER_LIKE))
    assert "1.\tПервый пункт" in texts and "2.\tВторой пункт" in texts
    assert "–\tЭлемент" in texts
    assert "01.09.2025\t№ 5" in texts  # date left, number right
    assert "Директор\t\tИ. И. Иванов" in texts  # position, a line to sign on, the name
    document = docx_document(html_to_docx(ORDER_LIKE))
    signature = next(p for p in document.paragraphs if p.text.startswith("Директор"))
    assert len(signature.paragraph_format.tab_stops) == 2


def test_tables_merge_colspan_and_rowspan_and_repeat_the_header():
    content = html_to_docx(ORDER_LIKE)
    [table] = docx_tables(content)
    assert table[0] == ["№", "ФИО", "Класс"]
    assert table[1] == ["1", "Иванов Иван", "9 «А»"]
    assert table[2] == ["2", "Итого: один", "Итого: один"]  # one merged cell over two columns
    assert table[3][0] == table[4][0] == "3"  # rowspan
    assert table[4][1:] == ["Сидоров", "7"]
    word_table = docx_document(content).tables[0]
    assert word_table.style.name == "Table Grid"
    assert word_table.rows[0]._tr.trPr.xpath("./w:tblHeader")  # the header repeats on every page
    assert word_table.rows[0].cells[1].paragraphs[0].runs[0].bold


def test_a4_margins_font_page_numbers_and_landscape_annex():
    document = docx_document(html_to_docx(ORDER_LIKE))
    first, annex, after = document.sections

    def mm(length):
        return round(length.mm)  # Word stores twentieths of a point

    assert (mm(first.page_width), mm(first.page_height)) == (210, 297)
    margins = (first.top_margin, first.right_margin, first.bottom_margin, first.left_margin)
    assert [mm(m) for m in margins] == [20, 12, 20, 25]
    assert annex.orientation == WD_ORIENT.LANDSCAPE and mm(annex.page_width) == 297
    assert after.orientation == WD_ORIENT.PORTRAIT
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 12
    footer = first.footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer and " из " in footer
    # The annex section begins with its heading, right-aligned.
    heading = next(p for p in document.paragraphs if p.text.startswith("Приложение"))
    assert heading.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert heading.text == "Приложение № 1\nк приказу от 01.09.2025 № 5"


def test_a_page_break_without_a_change_of_orientation_breaks_the_page():
    content = html_to_docx('<p>Раз</p><section class="page-break"><h2>Два</h2></section>')
    document = docx_document(content)
    second = next(p for p in document.paragraphs if p.text == "Два")
    assert second.paragraph_format.page_break_before
    assert len(document.sections) == 1


def test_user_text_stays_text():
    content = html_to_docx("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; «кавычки»</p>")
    assert "<script>alert(1)</script> & «кавычки»" in docx_paragraphs(content)


@pytest.mark.django_db
def test_render_docx_uses_the_pdf_template(world):
    """The same template the PDF prints, the same context: here the ИПР of a pair (dict context)."""
    pair = {
        "programme": {"form": "ученик – ученик", "title": "Программа 2025", "academic_year": {"name": "2025/2026"}},
        "mentor": {"person": {"full_name": "Смирнов Алексей Игоревич", "short_name": "Смирнов А. И."}},
        "variant": "",
    }
    members = [{"mentee": {"person": {"full_name": "Фёдорова Софья", "short_name": "Фёдорова С."}}}]
    context = {"organization": world.org, "pair": pair, "members": members, "goals": []}
    content = render_docx("pdf/programs/plan.html", context)
    text = docx_text(content)
    assert "Муниципальное бюджетное общеобразовательное учреждение" in text
    assert "Индивидуальный план развития".upper() in text
    assert "Смирнов Алексей Игоревич" in text
    tables = docx_tables(content)
    assert tables[1][1] == ["Цели не поставлены."] * 6  # colspan over the whole row
    assert "Наставник\t\tСмирнов А. И." in docx_paragraphs(content)


@pytest.mark.django_db
def test_a_batch_starts_every_document_on_a_new_page(world):
    content = render_docx_batch("pdf/base.html", [{"organization": world.org}, {"organization": world.org}])
    document = docx_document(content)
    names = [p for p in document.paragraphs if p.text.startswith("Муниципальное")]
    assert len(names) == 2 and names[1].paragraph_format.page_break_before


def test_docx_response_is_a_word_download_named_in_russian():
    response = docx_response(b"PK", "Приказ № 5.pdf")
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    assert ".docx" in response["Content-Disposition"] and ".pdf" not in response["Content-Disposition"]

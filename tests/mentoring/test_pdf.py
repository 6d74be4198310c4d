import shutil
import subprocess

import pytest
from django.template import engines

from mentoring.pdf import PdfResourceError, StaticOnlyFetcher, pdf_response, render_pdf


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.django_db
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_a_document_renders_with_cyrillic_and_requisites(world, tmp_path, settings):
    content = render_pdf(
        "pdf/base.html",
        {"organization": world.org, "title": "Проверка"},
    )
    assert content.startswith(b"%PDF")
    text = pdf_text(content, tmp_path)
    assert "Муниципальное бюджетное общеобразовательное учреждение" in text
    assert "ИНН 3525000000" in text
    assert "1 из 1" in text  # page numbers


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils is not installed")
def test_the_shipped_font_is_embedded(tmp_path, db, world):
    path = tmp_path / "doc.pdf"
    path.write_bytes(render_pdf("pdf/base.html", {"organization": world.org}))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Document-Serif" in fonts  # the @font-face family backed by static/fonts/LiberationSerif-*.ttf
    assert "DejaVu" not in fonts and "Times" not in fonts  # no fallback to whatever the machine has


def test_a_document_cannot_make_the_server_fetch_anything_but_static_files():
    fetch = StaticOnlyFetcher().fetch
    with pytest.raises(PdfResourceError):
        fetch("http://169.254.169.254/latest/meta-data")
    with pytest.raises(PdfResourceError):
        fetch("file:///etc/passwd")
    with pytest.raises(PdfResourceError):
        fetch("https://pdf.invalid/etc/passwd")
    assert fetch("https://pdf.invalid/static/css/pdf.css").read().startswith(b"/*")


def test_user_text_is_escaped_in_documents(db, world):
    template = engines["django"].from_string("{{ name }}")
    assert template.render({"name": "<script>alert(1)</script>"}) == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_pdf_response_names_the_file_in_russian():
    response = pdf_response(b"%PDF-1.7", "Приказ № 5.pdf", as_attachment=True)
    assert response["Content-Type"] == "application/pdf"
    assert "filename*=utf-8''%D0%9F" in response["Content-Disposition"]

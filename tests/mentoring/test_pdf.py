import pytest
from django.template import engines

from mentoring.pdf import PdfResourceError, StaticOnlyFetcher, pdf_response, render_pdf
from tests.pdf import pdf_fonts, pdf_text


@pytest.mark.django_db
def test_a_document_renders_with_cyrillic_and_requisites(world, tmp_path, settings):
    content = render_pdf(
        "pdf/base.html",
        {"organization": world.org, "title": "Проверка"},
    )
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Муниципальное бюджетное общеобразовательное учреждение" in text
    assert "ИНН 3525000000" in text
    assert "1 из 1" in text  # page numbers


def test_the_shipped_font_is_embedded(tmp_path, db, world):
    fonts = pdf_fonts(render_pdf("pdf/base.html", {"organization": world.org}))
    assert "Document-Serif (embedded)" in fonts  # the @font-face family backed by static/fonts/LiberationSerif-*.ttf
    assert not any("DejaVu" in font or "Times" in font for font in fonts)  # no fallback to whatever the machine has


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


@pytest.mark.django_db
def test_documents_print_under_production_static_files(world, tmp_path, settings):
    """DEBUG off, collectstatic with the hashed manifest the README deploys: ``{% static %}`` gives
    «pdf.<hash>.css», which only STATIC_ROOT holds. Every document shares this one path."""
    from django.core.management import call_command

    from mentoring.orders import services as order_services
    from mentoring.orders.documents import render_order_pdf
    from mentoring.orders.models import OrderKind

    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    order = order_services.order_create(organization=world.org, kind=OrderKind.CURATORS, user=world.director)
    content = render_order_pdf(order)
    assert "Document-Serif (embedded)" in pdf_fonts(content)  # the hashed stylesheet and font were found
    assert "ПРИКАЗ" in pdf_text(content)

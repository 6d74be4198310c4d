"""Practices from completed pairs; awards, certificates, and the incentives order with its annex."""

import pytest
from django.urls import reverse

from mentoring.orders.documents import order_document
from mentoring.orders.models import Order, OrderKind
from programs.awards import nominations_for
from programs.models_awards import Award
from programs.models_practices import Practice
from tests.pdf import pdf_text
from tests.programs.awards_objects import practices_and_awards
from tests.programs.objects import pairs

pytestmark = pytest.mark.django_db


def test_a_practice_is_written_from_a_completed_pair_only(world, login):
    p = pairs(world)  # an active pair
    data = {"mentorship": p.pair.pk, "title": "Кейс", "problem": "П", "actions": "Д", "result": "Р", "show_names": "on"}
    response = login(world.curator).post(reverse("programs:practice_create"), data)
    assert response.status_code == 200 and not Practice.objects.exists()
    practices_and_awards(world)  # completes the pair
    response = login(world.curator).post(reverse("programs:practice_create"), data)
    assert response.status_code == 302
    practice = Practice.objects.get(title="Кейс")
    assert practice.status == Practice.Status.DRAFT and practice.created_by == world.curator
    login(world.curator).post(reverse("programs:practice_publish", kwargs={"pk": practice.pk}), {"publish": "1"})
    practice.refresh_from_db()
    assert practice.is_published and practice.published_at


def test_standard_nominations_exist_once_and_an_award_is_unique_per_year(world, login):
    o = practices_and_awards(world)  # the standard nominations come with a data migration
    assert nominations_for(world.org).filter(organization=None).count() == 3
    nomination = o.award.nomination
    response = login(world.curator).post(
        reverse("programs:award_create"),
        {"nomination": nomination.pk, "mentor": o.award.mentor.pk, "date": "2025-05-20"},
        follow=True,
    )
    assert "уже награждён" in response.content.decode()
    assert Award.objects.count() == 1


def test_the_certificate_names_the_mentor_and_the_nomination(world, login, tmp_path, django_assert_max_num_queries):
    o = practices_and_awards(world)
    client = login(world.curator)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("programs:award_certificate", kwargs={"pk": o.award.pk}))
    text = pdf_text(response.content)
    assert "ПОЧЁТНАЯ ГРАМОТА" in text
    assert "Петров Алексей" in text and "«Наставник года»" in text
    assert "Смирнова Е. В." in text  # the director signs


def test_the_incentives_order_lists_the_awards_in_its_annex(world, login):
    o = practices_and_awards(world)
    response = login(world.director).post(reverse("programs:incentives_order"))
    order = Order.objects.get(kind=OrderKind.INCENTIVES)
    assert response["Location"] == reverse("orders:detail", kwargs={"pk": order.pk})
    o.award.refresh_from_db()
    assert o.award.order == order
    document = order_document(order)
    annex = next(a for a in document["annexes"] if a["key"] == "awards")
    assert annex["rows"][0][0:2] == ["Петров Алексей Петрович", "Наставник года"]
    # A second press finds nothing new to include.
    response = login(world.director).post(reverse("programs:incentives_order"), follow=True)
    assert "Нет поощрений" in response.content.decode()


def test_the_certificate_in_word_has_the_same_words_and_the_pdfs_access(world, login):
    from tests.docx import docx_document, docx_text
    from tests.pdf import keep_document

    o = practices_and_awards(world)
    url = reverse("programs:award_certificate_docx", kwargs={"pk": o.award.pk})
    response = login(world.curator).get(url)
    assert response["Content-Type"].endswith("wordprocessingml.document")
    keep_document("грамота.docx", response.content)
    text = " ".join(docx_text(response.content).split())
    assert "ПОЧЁТНАЯ ГРАМОТА" in text and "награждается" in text
    assert "Петров Алексей" in text and "«Наставник года»" in text
    assert "Директор" in text and "Смирнова Е. В." in text
    assert world.org.name in text and "году. по итогам" not in text
    kind = next(p for p in docx_document(response.content).paragraphs if p.text == "ПОЧЁТНАЯ ГРАМОТА")
    assert kind.runs[0].bold and kind.runs[0].font.size.pt == 26
    assert login(world.outsider).get(url).status_code == 404
    page = login(world.curator).get(reverse("programs:awards")).content.decode()
    assert url in page

"""The orders pages, as the director, the curator and the people an order names use them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentoring.models import Role
from mentoring.orders import documents as order_documents
from mentoring.orders import services as order_services
from mentoring.orders.models import Order, OrderKind, OrderSubject, OrderWording
from tests.factories import UserFactory
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def test_the_director_creates_an_order_names_the_curator_and_signs_it(world, login):
    client = login(world.director)
    response = client.post(reverse("orders:create"), {"kind": OrderKind.CURATORS, "date": "2025-09-01", "number": ""})
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("orders:detail", args=[order.pk])
    assert order.number == "1-о" and order.signer == world.director
    client.post(reverse("orders:subject_add", args=[order.pk]), {"role": "curator", "user": world.curator.pk})
    page = client.get(reverse("orders:detail", args=[order.pk])).content.decode()
    assert "Назначить куратором программы наставничества Кузнецову Ольгу Николаевну" in page
    response = client.post(reverse("orders:sign", args=[order.pk]), follow=True)
    assert "подписан" in response.content.decode()
    order.refresh_from_db()
    assert order.is_signed


def test_a_duplicate_number_keeps_what_was_typed_and_explains(world, login):
    order_services.order_create(organization=world.org, kind=OrderKind.CURATORS, user=world.director,
                        date=datetime.date(2025, 9, 1), number="3-о")  # fmt: skip
    response = login(world.curator).post(
        reverse("orders:create"), {"kind": OrderKind.PAIRS, "date": "2025-10-01", "number": "3-о"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Приказ № 3-о за 2025 год уже зарегистрирован" in page and 'value="3-о"' in page


def test_editing_refuses_an_unknown_placeholder_and_keeps_the_text(world, login):
    order = order_services.order_create(organization=world.org, kind=OrderKind.COMPLETION, user=world.director)
    data = {"number": order.number, "date": f"{order.date:%Y-%m-%d}", "title": "О завершении",
            "preamble": "", "points": "Поручить {{ dirеctor_dative }} всё.", "signer": world.director.pk,
            "signer_position": "Директор"}  # fmt: skip
    response = login(world.director).post(reverse("orders:edit", args=[order.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200 and "Неизвестная подстановка" in page and "Поручить" in page
    data["points"] = "Поручить {{ director_dative }} подготовить отчёт."
    assert login(world.director).post(reverse("orders:edit", args=[order.pk]), data).status_code == 302
    order.refresh_from_db()
    assert (
        order_documents.order_document(order)["points"][0]["text"]
        == "Поручить Смирновой Елене Викторовне подготовить отчёт."
    )


def test_a_signed_order_cannot_be_edited(world, login, curators_order):
    order_services.order_sign(order=curators_order, user=world.director)
    assert login(world.director).get(reverse("orders:edit", args=[curators_order.pk])).status_code == 403
    response = login(world.director).post(reverse("orders:delete", args=[curators_order.pk]))
    assert response.status_code == 403 and Order.objects.filter(pk=curators_order.pk).exists()


def test_an_effect_error_is_shown_in_russian_and_the_order_stays_a_draft(world, login):
    order = order_services.order_create(organization=world.org, kind=OrderKind.CURATORS, user=world.director)
    response = login(world.director).post(reverse("orders:sign", args=[order.pk]), follow=True)
    assert "Приказ не подписан: В приказе не указан куратор программы наставничества." in response.content.decode()
    order.refresh_from_db()
    assert not order.is_signed


def test_a_named_participant_downloads_the_signed_order_and_others_cannot(world, login, curators_order):
    url = reverse("orders:pdf", args=[curators_order.pk])
    assert login(world.mentor_a).get(url).status_code == 404  # a draft is nobody's business yet
    order_services.order_sign(order=curators_order, user=world.director)
    response = login(world.mentor_a).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert login(world.mentor_b).get(url).status_code == 404
    assert login(world.outsider).get(url).status_code == 404
    page = login(world.mentor_a).get(reverse("orders:list")).content.decode()
    assert "О назначении куратора" in page and "Новый приказ" not in page


def test_subjects_are_added_and_removed_on_a_draft(world, login, curators_order):
    client = login(world.curator)
    response = client.post(reverse("orders:subject_add", args=[curators_order.pk]), {"role": "curator"}, follow=True)
    assert "Выберите пользователя или впишите ФИО." in response.content.decode()
    subject = curators_order.subjects.get(full_name="Ильина Наталья Ильинична")
    client.post(reverse("orders:subject_remove", args=[curators_order.pk, subject.pk]))
    assert not OrderSubject.objects.filter(pk=subject.pk).exists()


def test_a_scan_is_attached_to_a_signed_order_and_downloaded(world, login, curators_order, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login(world.director)
    scan = SimpleUploadedFile("скан.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    response = client.post(reverse("orders:scan_upload", args=[curators_order.pk]), {"scan": scan}, follow=True)
    assert "Скан прикладывается к подписанному приказу." in response.content.decode()
    order_services.order_sign(order=curators_order, user=world.director)
    bad = SimpleUploadedFile("скан.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(reverse("orders:scan_upload", args=[curators_order.pk]), {"scan": bad}, follow=True)
    assert "Скан должен быть в формате PDF, JPG, PNG" in response.content.decode()
    scan.seek(0)
    client.post(reverse("orders:scan_upload", args=[curators_order.pk]), {"scan": scan})
    response = login(world.mentor_a).get(reverse("orders:scan", args=[curators_order.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 scan"


def test_the_wording_editor_previews_saves_and_resets(world, login):
    client = login(world.curator)
    url = reverse("orders:wording_edit", args=["curators"])
    page = client.get(url).content.decode()
    assert "Кузнецову Ольгу Николаевну" in page  # the preview uses the curator in office
    data = {"title": "О назначении", "preamble": "",
            "points": "Назначить {{ curator | ответственным | ответственной }} {{ curator_accusative }}."}  # fmt: skip
    response = client.post(url, {**data, "preview": "1"})
    assert "Назначить ответственной Кузнецову Ольгу Николаевну." in response.content.decode()
    assert not OrderWording.objects.exists()
    response = client.post(url, {**data, "points": "<script>alert(1)</script> {{ nope }}", "save": "1"})
    assert "&lt;script&gt;" in response.content.decode() and "<script>alert(1)" not in response.content.decode()
    assert not OrderWording.objects.exists()
    client.post(url, {**data, "save": "1"})
    assert OrderWording.objects.get().updated_by == world.curator
    client.post(reverse("orders:wording_reset", args=["curators"]))
    assert not OrderWording.objects.exists()
    assert client.get(reverse("orders:wording_edit", args=["nonsense"])).status_code == 404


def test_a_bad_filter_does_not_break_the_list(world, login):
    response = login(world.director).get(reverse("orders:list"), {"year": "abc", "kind": "zzz"})
    assert response.status_code == 200


def _many_orders(world, n: int) -> None:
    users = [UserFactory(organization=world.org, roles=[Role.MENTOR]) for _ in range(5)]
    for i in range(n):
        # No annex: the order names the awarded in its text (an empty annex is never signed).
        order = order_services.order_create(organization=world.org, kind=OrderKind.INCENTIVES, user=world.director,
                                    date=datetime.date(2025, 9, 1), annexes=[])  # fmt: skip
        for user in users:
            order_services.order_subject_add(order=order, role=OrderSubject.Role.AWARDED, user=user)
        if i % 2:
            order_services.order_sign(order=order, user=world.director)


def test_list_and_home_panels_do_not_grow_queries_with_orders(world, login, django_assert_max_num_queries):
    _many_orders(world, 12)
    client = login(world.director)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("orders:list")).status_code == 200
    # The home pages' totals across every app's panels are pinned in tests/mentoring/test_views.py.
    page = client.get(reverse("home")).content.decode()
    assert "Документы на подпись" in page
    client = login(world.curator)
    page = client.get(reverse("home")).content.decode()
    assert "Приказы" in page and "6 на подписи" in page


def test_the_pdf_view_query_count_does_not_grow_with_people(world, login, django_assert_max_num_queries, many_users):
    order = order_services.order_create(organization=world.org, kind=OrderKind.INCENTIVES, user=world.director)
    for user in many_users(30, Role.MENTOR):
        order_services.order_subject_add(order=order, role=OrderSubject.Role.AWARDED, user=user)
    client = login(world.director)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("orders:pdf", args=[order.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content).encode()
    assert "Наградить почётной грамотой" in text.decode()

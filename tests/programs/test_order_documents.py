"""What programmes put into orders: the pairs annex and the participant's «выписка из приказа»,
the completion order that lists the pairs with their results and closes them when signed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mentoring.orders import documents as order_documents
from mentoring.orders import services as order_services
from mentoring.orders.models import OrderKind
from programs.models import Meeting, Mentorship, MentorshipMember, Programme
from tests.docx import docx_text
from tests.mentoring.orders.conftest import order_words
from tests.programs.factories import student_mentee, teacher_mentor
from tests.programs.objects import pairs

pytestmark = pytest.mark.django_db


def _signed_pairs_order(world):
    """A pairs order of two pairs: world.mentee's, and another child's with another mentor."""
    p = pairs(world)
    other_mentor = teacher_mentor(world.org, last_name="Соколова", first_name="Марина", middle_name="Владимировна")
    other_child = student_mentee(world.org, last_name="Белых", first_name="Дарья", middle_name="Андреевна")
    other = Mentorship.objects.create(organization=world.org, programme=p.programme, mentor=other_mentor)
    MentorshipMember.objects.create(mentorship=other, mentee=other_child)
    order = order_services.order_create(organization=world.org, kind=OrderKind.PAIRS, user=world.curator)
    Mentorship.objects.filter(pk__in=[p.pair.pk, other.pk]).update(order=order, status=Mentorship.Status.DRAFT)
    order_services.order_sign(order=order, user=world.director)
    order.refresh_from_db()
    return order, p


def test_the_pairs_annex_has_one_number_column_and_no_empty_variant_column(world):
    order, _ = _signed_pairs_order(world)
    annex = order_documents.order_document(order)["annexes"][0]
    assert annex["columns"] == ["Наставник", "Наставляемые", "Форма наставничества", "Дата начала"]
    assert len(annex["rows"]) == 2


def test_a_mentee_downloading_the_pairs_order_gets_only_their_own_line(world, login):
    order, p = _signed_pairs_order(world)
    client = login(world.mentee)  # not named among the order's people: in its annex only
    response = client.get(reverse("orders:pdf", args=[order.pk]))
    assert response.status_code == 200
    text = order_words(response.content, "extract-mentee")
    assert "ВЫПИСКА ИЗ ПРИКАЗА" in text
    assert p.member.mentee.person.full_name in text
    assert "Белых" not in text and "Соколова" not in text  # no other child, no other pair
    assert "Выписка верна" in text
    assert "Закрепить наставнические пары (группы) на" in text and "(приложение № 1)" in text
    word = client.get(reverse("orders:docx", args=[order.pk]))
    assert word["Content-Type"].endswith("wordprocessingml.document")
    words = docx_text(word.content)
    assert p.member.mentee.person.full_name in words and "Выписка верна" in words
    assert "Белых" not in words
    page = client.get(reverse("orders:detail", args=[order.pk])).content.decode()
    assert "Белых" not in page and "Выписка из приказа" in page


def test_the_director_still_reads_the_whole_order_and_prints_an_extract_for_a_child(world, login):
    order, p = _signed_pairs_order(world)
    client = login(world.director)
    text = order_words(client.get(reverse("orders:pdf", args=[order.pk])).content, "pairs-whole")
    assert "Белых Дарья" in text and p.member.mentee.person.full_name in text
    extract = client.get(reverse("orders:extract", args=[order.pk]), {"user": world.mentee.pk})
    text = order_words(extract.content, "extract-by-director")
    assert "Выписка выдана: Новиков Артём Сергеевич" in text and "Белых" not in text
    assert client.get(reverse("orders:extract", args=[order.pk]), {"user": "x"}).status_code == 404


def test_the_completion_order_lists_the_pairs_with_results_and_closes_them_when_signed(world):
    p = pairs(world)
    order = order_services.order_create(organization=world.org, kind=OrderKind.COMPLETION, user=world.director)
    annex = order_documents.order_document(order)["annexes"][0]
    assert annex["title"] == "Итоги работы наставнических пар (групп)"
    assert annex["rows"][0][0] == p.pair.mentor.person.full_name
    assert "целей достигнуто 0 из 1" in annex["rows"][0][-1]
    text = order_words(order_documents.render_order_pdf(order), "completion")
    assert "Признать завершённой работу наставнических пар (групп) (приложение № 1)" in text
    with pytest.raises(ValidationError) as error:
        order_services.order_sign(order=order, user=world.director)
    assert "Не проведена итоговая встреча" in error.value.messages[0]
    Meeting.objects.create(
        mentorship=p.pair, kind=Meeting.Kind.FINAL, topic="Итоги", starts_at=timezone.now() - datetime.timedelta(days=1)
    )
    order_services.order_sign(order=order, user=world.director)
    p.pair.refresh_from_db()
    p.programme.refresh_from_db()
    assert p.pair.status == Mentorship.Status.COMPLETED
    assert p.programme.status == Programme.Status.COMPLETED
    order.refresh_from_db()
    assert order.frozen["annexes"][0]["rows"]  # the signed annex lists the pairs


def test_cancelling_the_pairs_order_returns_pairs_that_have_not_met_to_drafts(world):
    order, p = _signed_pairs_order(world)
    other = Mentorship.objects.exclude(pk=p.pair.pk).get(order=order)
    assert other.status == Mentorship.Status.FIXED
    cancellation = order_services.order_cancellation_prepare(order=order, user=world.director)
    order_services.order_sign(order=cancellation, user=world.director)
    other.refresh_from_db()
    assert other.status == Mentorship.Status.DRAFT and other.order is None


def test_the_development_plan_is_also_a_word_file_with_the_same_words(world, login):
    p = pairs(world)
    client = login(world.mentor_a)
    response = client.get(reverse("programs:plan_docx", args=[p.pair.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    words = docx_text(response.content)
    assert "ИНДИВИДУАЛЬНЫЙ ПЛАН РАЗВИТИЯ" in words
    assert "Подтянуть дроби" in words and p.pair.mentor.person.full_name in words
    assert login(world.mentor_b).get(reverse("programs:plan_docx", args=[p.pair.pk])).status_code == 404

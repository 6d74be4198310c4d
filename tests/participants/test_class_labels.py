"""One label for a class wherever a screen names it: the class page's breadcrumb, its heading and the
link that leads there read «8 «Б» класс» (mentoring.names.class_label), never «8Б» on one and the
document form on another; a college group reads «группа ГД-21» the same way."""

import re

import pytest
from django.urls import reverse

from tests.participants.factories import PersonFactory, StudyGroupFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("grade", "letter", "name", "label"),
    [(8, "Б", "8Б", "8 «Б» класс"), (None, "", "ГД-21", "группа ГД-21")],
)
def test_the_class_page_breadcrumb_heading_and_the_list_link_use_one_label(world, client, grade, letter, name, label):
    group = StudyGroupFactory(organization=world.org, grade=grade, letter=letter, name=name)
    PersonFactory(organization=world.org, study_group=group)
    client.force_login(world.curator)
    page = client.get(reverse("participants:group", args=[group.pk])).content.decode()
    crumb = re.search(r'<li class="breadcrumb-item active" aria-current="page">(.*?)</li>', page).group(1)
    heading = re.search(r"<h1[^>]*>(.*?) <small", page).group(1)
    assert crumb == heading == label
    listing = client.get(reverse("participants:groups")).content.decode()
    assert f'<span class="fw-semibold">{label}</span>' in listing
    assert '<h1 class="mb-0">Классы и группы</h1>' in listing  # as the menu and the breadcrumb name it

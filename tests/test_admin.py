import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_admin_is_closed_to_portal_users_and_open_to_the_superuser(world, login):
    for user in world.personas().values():
        response = login(user).get(reverse("admin:index"))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    admin = UserFactory(organization=None, is_staff=True, is_superuser=True)
    response = login(admin).get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Управление порталом" in response.content.decode()


def test_admin_user_search_is_cyrillic_and_yo_insensitive(world, login):
    UserFactory(organization=world.org, last_name="Ёлкина", first_name="Алёна")
    admin = UserFactory(organization=None, is_staff=True, is_superuser=True)
    response = login(admin).get(reverse("admin:mentoring_user_changelist"), {"q": "ЕЛКИНА"})
    assert "Ёлкина" in response.content.decode()
    assert "Кузнецова" not in response.content.decode()

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


def test_every_model_in_the_admin_opens_its_list_and_its_form(world, login):
    from django.contrib import admin as django_admin

    from tests.programs.objects import pairs

    pairs(world)  # rows in most tables, so lists render real objects
    superuser = UserFactory(organization=None, is_staff=True, is_superuser=True)
    client = login(superuser)
    for model, model_admin in django_admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        assert client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200, info
        if model_admin.has_add_permission(type("R", (), {"user": superuser})()):
            assert client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200, info
        first = model._default_manager.first()
        if first is not None:
            assert client.get(reverse("admin:{}_{}_change".format(*info), args=[first.pk])).status_code == 200, info


def test_the_admin_prints_a_development_plan(world, login):
    from tests.programs.objects import pairs

    p = pairs(world)
    client = login(UserFactory(organization=None, is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:programs_mentorship_changelist"), {"action": "action", "_selected_action": [p.pair.pk]}
    )
    assert response["Content-Type"] == "application/pdf"

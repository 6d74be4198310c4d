import pytest
from django.urls import reverse

from mentoring.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "role_label"),
    [
        ("director", "Директор"),
        ("curator", "Куратор программы наставничества"),
        ("psychologist", "Педагог-психолог"),
        ("staff", "Сотрудник (списки и импорт)"),
        ("mentor_a", "Наставник"),
        ("mentee", "Наставляемый"),
        ("region", "Региональный координатор"),
    ],
)
def test_it_lands_each_role_on_its_own_home_page(persona, role_label, world, login):
    response = login(world.personas()[persona]).get(reverse("home"))
    assert response.status_code == 200
    assert response.context["role"].label == role_label
    assert f"<title>{role_label}" in response.content.decode()


def test_it_sends_anonymous_users_to_the_login_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_director_sees_the_organization_and_its_team(world, login):
    body = login(world.director).get(reverse("home")).content.decode()
    assert world.org.name in body
    assert "Кузнецова Ольга Николаевна" in body  # the curator
    assert "Новиков" not in body  # a mentee is not part of the programme team
    assert world.other_org.name not in body


def test_region_coordinator_sees_counts_of_each_organization_and_no_names(world, login):
    from tests.programs.factories import student_mentee, teacher_mentor

    # People in the bases, not accounts: two mentor accounts exist, three mentors are in the base.
    for _ in range(3):
        teacher_mentor(world.org)
    student_mentee(world.org)
    response = login(world.region_user).get(reverse("home"))
    body = response.content.decode()
    rows = {row["organization"].slug: row for row in response.context["panels"][0]["rows"]}
    assert rows["test-school"]["mentors"] == 3
    assert rows["test-school"]["mentees"] == 1
    assert rows["test-college"]["mentors"] == 0
    assert "Наставники в базе" in body
    for user in (world.mentor_a, world.mentee, world.curator):
        assert user.last_name not in body


def test_a_user_with_two_roles_switches_between_their_home_pages(world, login):
    both = UserFactory(organization=world.org, roles=[Role.CURATOR, Role.MENTOR])
    client = login(both)
    assert client.get(reverse("home")).context["role"] == Role.CURATOR
    assert client.get(reverse("home") + "?role=mentor").context["role"] == Role.MENTOR
    # A role the user does not have falls back to their first role rather than failing.
    assert client.get(reverse("home") + "?role=director").context["role"] == Role.CURATOR


def test_a_user_without_a_role_is_told_whom_to_ask(world, login):
    response = login(UserFactory(organization=world.org)).get(reverse("home"))
    assert "Роль не назначена" in response.content.decode()


def test_navigation_shows_each_role_only_what_it_may_open(world, login):
    region_nav = login(world.region_user).get(reverse("home")).context["nav_items"]
    assert [item["label"] for item in region_nav] == ["Главная", "Организации региона"]
    mentor_nav = login(world.mentor_a).get(reverse("home")).context["nav_items"]
    assert "Организации региона" not in [item["label"] for item in mentor_nav]


def test_home_page_query_count_does_not_grow_with_the_team(world, login, django_assert_max_num_queries):
    for n in range(30):
        UserFactory(organization=world.org, roles=[Role.CURATOR if n % 2 else Role.PSYCHOLOGIST])
    client = login(world.director)
    client.get(reverse("home"))  # the first visit of a year creates it; measure the steady state
    # session, user, roles, year, team (2), bases (4), orders (1), roadmap (1), session save,
    # monitoring summary panel (2: stale pairs, missing feedback)
    with django_assert_max_num_queries(18):
        assert client.get(reverse("home")).status_code == 200

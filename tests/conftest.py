"""Personas shared by every test: a school with its whole team, a second organization, a region."""

from dataclasses import dataclass

import pytest

from mentoring.models import Organization, Region, Role, User
from tests.factories import OrganizationFactory, RegionFactory, UserFactory


@dataclass
class World:
    region: Region
    org: Organization
    other_org: Organization
    director: User
    curator: User
    psychologist: User
    staff: User
    mentor_a: User
    mentor_b: User
    mentee: User
    outsider: User  # director of the other organization
    region_user: User
    parent: User  # the mentee's mother (законный представитель), linked in tests/participants/objects.py

    def personas(self) -> dict[str, User | None]:
        return {
            "anonymous": None,
            "director": self.director,
            "curator": self.curator,
            "psychologist": self.psychologist,
            "staff": self.staff,
            "mentor_a": self.mentor_a,
            "mentor_b": self.mentor_b,
            "mentee": self.mentee,
            "outsider": self.outsider,
            "region": self.region_user,
            "parent": self.parent,
        }


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # PBKDF2 costs ~0.3 s per user; tests create hundreds of users and do not test hashing strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db) -> World:
    region = RegionFactory(name="Тестовый район")
    org = OrganizationFactory(slug="test-school", short_name="МБОУ «Тестовая школа»", region=region)
    other_org = OrganizationFactory(
        slug="test-college", short_name="ГБПОУ «Тестовый техникум»", kind=Organization.Kind.COLLEGE, region=region
    )

    def person(username: str, last: str, first: str, middle: str, role: str, organization=org) -> User:
        return UserFactory(
            username=username,
            last_name=last,
            first_name=first,
            middle_name=middle,
            organization=organization,
            roles=[role],
        )

    return World(
        region=region,
        org=org,
        other_org=other_org,
        director=person("t_director", "Смирнова", "Елена", "Викторовна", Role.DIRECTOR),
        curator=person("t_curator", "Кузнецова", "Ольга", "Николаевна", Role.CURATOR),
        psychologist=person("t_psychologist", "Морозова", "Анна", "Сергеевна", Role.PSYCHOLOGIST),
        staff=person("t_staff", "Васильев", "Дмитрий", "Андреевич", Role.STAFF),
        mentor_a=person("t_mentor_a", "Петров", "Алексей", "Игоревич", Role.MENTOR),
        mentor_b=person("t_mentor_b", "Соколова", "Марина", "Владимировна", Role.MENTOR),
        mentee=person("t_mentee", "Новиков", "Артём", "Сергеевич", Role.MENTEE),
        outsider=person("t_outsider", "Лебедев", "Сергей", "Петрович", Role.DIRECTOR, organization=other_org),
        region_user=UserFactory(
            username="t_region",
            last_name="Григорьева",
            first_name="Татьяна",
            middle_name="Михайловна",
            organization=None,
            region=region,
            roles=[Role.REGION],
        ),
        parent=person("t_parent", "Новикова", "Ирина", "Викторовна", Role.PARENT),
    )


@pytest.fixture
def login(client):
    """login(user) → the test client logged in as that user (or anonymous for None)."""

    def _login(user: User | None):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _login


@pytest.fixture
def reference_rows(transactional_db):
    """Transactional tests flush the database after each test, data migrations included: the
    reference rows those migrations write (forms of mentoring, mentee categories, nominations) are put
    back."""
    from importlib import import_module

    from django.apps import apps

    import_module("participants.migrations.0002_mentee_categories").add_categories(apps, None)
    import_module("programs.migrations.0002_standard_forms").add_forms(apps, None)
    import_module("programs.migrations.0005_standard_nominations").add_nominations(apps, None)


@pytest.fixture(scope="session")
def _private_media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("private-media")


@pytest.fixture(autouse=True)
def private_media_root(settings, _private_media_root):
    # Private uploads (mentoring/files.py) go to a temporary folder, never into the checkout.
    settings.PRIVATE_MEDIA_ROOT = settings.SENDFILE_ROOT = _private_media_root
    return _private_media_root


@pytest.fixture(autouse=True)
def _forget_cached_figures():
    """Each test starts with no cached figures (mentoring/cache.py): the previous test's rolled-back
    rows may have had the same ids."""
    from mentoring import cache

    cache.reset()

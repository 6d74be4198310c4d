import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from mentoring.access import for_organization, get_for_organization, organizations_of_region, require_roles
from mentoring.models import Role, User

pytestmark = pytest.mark.django_db


def test_an_object_of_another_organization_is_a_404_like_a_missing_one(world):
    with pytest.raises(Http404) as elsewhere:
        get_for_organization(world.outsider, User, pk=world.curator.pk)
    with pytest.raises(Http404) as missing:
        get_for_organization(world.outsider, User, pk=10**9)
    assert str(elsewhere.value) == str(missing.value)


def test_an_object_of_ones_own_organization_is_returned(world):
    assert get_for_organization(world.director, User, pk=world.curator.pk) == world.curator


def test_organization_filter_keeps_only_ones_own_records(world):
    names = set(for_organization(world.outsider, User.objects.all()).values_list("username", flat=True))
    assert names == {"t_outsider"}


def test_a_region_coordinator_has_no_organization_scoped_data(world):
    with pytest.raises(Http404):
        for_organization(world.region_user, User.objects.all())


def test_role_gate_refuses_other_roles_with_403_and_lets_the_role_in(world):
    @require_roles(Role.CURATOR)
    def view(request):
        return "ok"

    request = RequestFactory().get("/")
    request.user = world.curator
    assert view(request) == "ok"
    request.user = world.mentor_a
    with pytest.raises(PermissionDenied):
        view(request)


def test_region_coordinator_oversees_only_their_regions_organizations(world):
    from tests.factories import OrganizationFactory, RegionFactory

    OrganizationFactory(region=RegionFactory(name="Чужой район"))
    assert set(organizations_of_region(world.region_user)) == {world.org, world.other_org}
    with pytest.raises(PermissionDenied):
        organizations_of_region(world.curator)

import pytest
from django.utils import timezone

from mentoring.models import AcademicYear
from roadmap.services import roadmap_load_template


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def load(world):
    """load("sosh-59") → the template loaded into world.org for the current academic year."""

    def _load(key: str, organization=None, year=None):
        roadmap, _ = roadmap_load_template(
            organization=organization or world.org, template_key=key, academic_year=year or AcademicYear.current()
        )
        return roadmap

    return _load

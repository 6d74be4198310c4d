import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from roadmap.models import Activity, Roadmap

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_roadmaps_with_a_realistic_mix_once():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Roadmap.objects.count(), Activity.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Roadmap.objects.count(), Activity.objects.count()) == counts == (2, 81)
    college = Roadmap.objects.get(template_key="chernogorsk-college")
    assert college.events.get(key="order").happened_on is not None  # relative deadlines are dated
    statuses = set(college.activities.values_list("status", flat=True))
    assert {"done", "in_progress", "planned"} <= statuses
    assert college.activities.overdue(timezone.localdate()).exists()
    assert not college.activities.filter(status="done", evidence_note="").exists()

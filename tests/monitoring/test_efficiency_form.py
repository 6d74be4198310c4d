"""The efficiency form shows the saved date in the browser's date field and saves again unchanged."""

import datetime
import re

import pytest
from django.urls import reverse

from monitoring import services
from monitoring.models import EfficiencyAssessment
from tests.monitoring.factories import make_programme

pytestmark = pytest.mark.django_db


def _inputs(content: str) -> dict:
    """What the browser would send back: text/date inputs and the checked radios, as rendered."""
    data = {}
    for tag in re.findall(r"<input[^>]*>", content):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if not name or "csrf" in name.group(1):
            continue
        if 'type="radio"' in tag and "checked" not in tag:
            continue
        data[name.group(1)] = value.group(1) if value else ""
    for name, value in re.findall(r'<select name="([^"]+)"[^>]*>.*?<option value="([^"]*)" selected', content, re.S):
        data[name] = value
    return data


def test_the_saved_date_loads_into_the_date_field_and_the_form_saves_again(world, client):
    programme = make_programme(world.org)
    assessment = services.assessment_save(
        organization=world.org,
        programme=programme,
        academic_year=programme.academic_year,
        scores=dict.fromkeys(range(1, 10), (1, "")),
        date=datetime.date(2026, 11, 20),
    )
    client.force_login(world.curator)
    url = reverse("monitoring:assessment_edit", args=[assessment.pk])
    content = client.get(url).content.decode()
    assert 'type="date"' in content and 'value="2026-11-20"' in content  # an <input type=date> reads ISO only
    data = _inputs(content)
    assert data["date"] == "2026-11-20" and data["programme"] == str(programme.pk)
    assert client.post(url, data).status_code == 302
    assert EfficiencyAssessment.objects.get().date == datetime.date(2026, 11, 20)

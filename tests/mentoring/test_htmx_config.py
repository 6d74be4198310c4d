"""htmx must not inject its indicator's inline style: the CSP (style-src 'self') refuses it on every page."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_switches_off_htmx_inline_indicator_styles(client, world):
    client.force_login(world.curator)
    content = client.get(reverse("home")).content.decode()
    meta = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", content)
    assert meta and json.loads(meta.group(1)) == {"includeIndicatorStyles": False}
    assert content.index('name="htmx-config"') < content.index("htmx.min.js")  # read when htmx loads


def test_the_indicator_rule_lives_in_the_sites_own_stylesheet():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "app.css").read_text()
    assert ".htmx-indicator { opacity: 0; }" in css and ".htmx-request .htmx-indicator" in css

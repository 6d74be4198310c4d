"""The roadmap's part of the organization's public page: the progress of its stages."""

from __future__ import annotations

import datetime

from mentoring.models import Organization
from roadmap.models import Activity
from roadmap.selectors import current_roadmaps, stage_progress


def stages(organization: Organization, today: datetime.date) -> dict:
    roadmaps = current_roadmaps(organization, today)
    return {"stages": stage_progress(Activity.objects.filter(roadmap__in=roadmaps), today)}

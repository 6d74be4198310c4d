"""Roadmap templates: the five seed roadmaps transcribed in ``fixtures/roadmaps/*.json`` plus the
empty seven-stage skeleton. A template keeps every wording as the seed writes it."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings

TEMPLATES_DIR = Path(settings.BASE_DIR) / "fixtures" / "roadmaps"
# The skeleton first, then the seeds in the order of their files.
ORDER = ["seven-stages", "nifantovskaya-school", "sosh-59", "gymnasium-30", "vozhegodsky-cdo", "chernogorsk-college"]


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    source: str
    base_year: int | None  # the academic year the seed's written years belong to; None — no years written
    years: int
    data: dict
    school_title: str = ""  # the title without the source school's name: the loading school's is added
    source_names: tuple[str, ...] = field(default_factory=tuple)  # the source school's names in the texts
    anchor_date: datetime.date | None = None  # the seed's own order date, when it counts months from it

    @property
    def activity_count(self) -> int:
        return sum(len(section["activities"]) for section in self.data["sections"])


@cache
def templates() -> dict[str, Template]:
    found = {}
    for path in sorted(TEMPLATES_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        year = data.get("academic_year")
        found[data["key"]] = Template(
            key=data["key"],
            title=data["title"],
            source=data.get("source", ""),
            base_year=int(year.split("/")[0]) if year else None,
            years=int(data.get("years", 1)),
            data=data,
            school_title=data.get("school_title") or data["title"],
            source_names=tuple(data.get("source_names") or ()),
            anchor_date=datetime.date.fromisoformat(data["anchor_date"]) if data.get("anchor_date") else None,
        )
    return dict(sorted(found.items(), key=lambda item: (ORDER.index(item[0]) if item[0] in ORDER else 99, item[0])))


def get(key: str) -> Template | None:
    return templates().get(key)


def choices() -> list[tuple[str, str]]:
    return [(t.key, t.title) for t in templates().values()]

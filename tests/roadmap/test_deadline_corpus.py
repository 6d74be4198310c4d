"""The deadline reader on wordings of other schools' roadmaps (tests/roadmap/corpus): each is
understood with the due date expected in a roadmap of 2025/2026; «без срока» only on purpose."""

import datetime
import json
from collections import Counter
from pathlib import Path

import pytest

from roadmap.deadlines import Kind, normalize, parse, resolve

CORPUS = json.loads((Path(__file__).parent / "corpus" / "deadline_wordings.json").read_text(encoding="utf-8"))
SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "roadmaps"


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


@pytest.mark.parametrize("entry", CORPUS["wordings"], ids=lambda e: e["text"])
def test_each_corpus_wording_is_understood_with_its_due_date(entry):
    deadline = parse(entry["text"])
    window = resolve(
        deadline,
        first_year=int(CORPUS["academic_year"][:4]),
        today=_date(CORPUS["today"]),
        anchor_date=_date(CORPUS["anchor"]),
    )
    assert deadline.kind == entry["kind"]
    if "event" in entry:  # which event a relative deadline waits for: the school's order or another body's
        assert deadline.event == entry["event"]
    assert (window.start, window.due) == (_date(entry["start"]), _date(entry["due"]))


def test_the_corpus_has_its_sources_and_no_seed_wording():
    seed_wordings = set()
    for path in SEEDS.glob("*.json"):
        for section in json.loads(path.read_text(encoding="utf-8"))["sections"]:
            seed_wordings.update(normalize(a.get("deadline", "")) for a in section["activities"])
    seen = set()
    for entry in CORPUS["wordings"]:
        assert entry["source"], entry["text"]
        # «Ноябрь» in a seed and «ноябрь» here are the same wording: compared as the reader sees them
        assert normalize(entry["text"]) not in seed_wordings, entry["text"]
        assert normalize(entry["text"]) not in seen, entry["text"]
        seen.add(normalize(entry["text"]))
    understood = [e for e in CORPUS["wordings"] if e["kind"] != Kind.UNPARSED]
    assert len(understood) == len(CORPUS["wordings"])


def test_at_least_sixty_wordings_come_from_published_plans_not_from_the_issue():
    published = [e for e in CORPUS["wordings"] if e["source"].startswith(("http://", "https://"))]
    assert len(published) >= 60
    # read from many plans, not one: no single document supplies more than a tenth of them
    per_source = Counter(e["source"] for e in published)
    assert max(per_source.values()) <= len(published) // 10

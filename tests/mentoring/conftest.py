import pytest

from mentoring import jobs


@pytest.fixture
def handlers():
    """Test kinds of job, registered for the test only."""
    added = []

    def add(kind, handler):
        jobs.register(kind, handler)
        added.append(kind)

    yield add
    for kind in added:
        jobs._HANDLERS.pop(kind, None)

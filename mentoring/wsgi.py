import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring.settings")
application = get_wsgi_application()


def _freeze_startup_objects() -> None:
    """Loads every view module, then moves what the process holds for its whole life out of the garbage
    collector's sight: a full collection then scans one request's objects, not Django's and the portal's
    hundreds of thousands (at region scale it paused a 50-row page for tens of milliseconds; bench/measure.py
    does the same, so its figures are the served ones)."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  # imports every app's views now, not at the first request
    gc.collect()
    gc.freeze()


_freeze_startup_objects()

"""gunicorn's settings for the portal (read by gunicorn from the working directory; flags on the command
line win). Tuned on 2 cores with bench/load.py (README «Производительность»): the work is CPU-bound
Python plus waits on PostgreSQL, so a process per core, each with a second thread that overlaps those
waits; more processes or threads only add memory, GIL queues and context switches."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
worker_class = "gthread"
# Measured on 2 cores with the page mix (bench/load.py, region, PostgreSQL, 20 s each): 2 × 2 gave 32 requests/s,
# 3 × 4 gave 12–20 (threads of one process queue on the GIL and switch; the waits they overlap are short),
# 2 sync workers 29–34, 3 sync 29, 6 sync 23.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# A page is answered in well under a second; a PDF or an import of a region can take longer.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5  # behind nginx with upstream keepalive, or a browser talking directly
# A worker is recycled now and then, so a slow leak never grows without bound.
max_requests = 5000
max_requests_jitter = 500
# Persistent database connections (one per thread): no connect + authentication per request. The portal's
# settings read it from the environment; a value given there wins.
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")

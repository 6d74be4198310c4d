"""`make run`: the development server and, beside it, a worker of the task queue (mentoring/jobs.py), so imports
and batch documents started in the browser run. Ctrl-C (or the server's end) stops both."""

from __future__ import annotations

import os
import signal
import subprocess  # nosec B404 # our own manage.py, no shell
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Runs the development server and a db_worker beside it; stopping one stops both."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options) -> None:
        # runserver's autoreloader re-runs this command in a child process (RUN_MAIN=true): one worker is enough.
        if os.environ.get("RUN_MAIN") == "true":
            call_command("runserver", addrport)
            return
        # Ctrl-C, and a plain `kill` of this process too, end the server and then the worker (never an orphan worker).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, _interrupt)
        worker = subprocess.Popen(  # nosec B603 # fixed arguments
            [sys.executable, "manage.py", "db_worker", "--interval", "1"], cwd=os.getcwd()
        )
        self.stdout.write(f"Обработчик фоновых заданий запущен (pid {worker.pid}).")
        try:
            call_command("runserver", addrport)
        except KeyboardInterrupt:
            pass
        finally:
            if worker.poll() is None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
            self.stdout.write("Обработчик фоновых заданий остановлен.")


def _interrupt(signum, frame):
    raise KeyboardInterrupt

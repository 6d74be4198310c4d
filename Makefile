# Two commands do everything on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test install install-dev migrate demo serve lint format check bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python requirements.txt
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Local use: DEBUG on, SQLite file db.sqlite3, demo data (idempotent), server on 127.0.0.1 and a worker of the task
# queue beside it (`manage.py serve`; Ctrl-C stops both).
run: export DJANGO_DEBUG ?= 1
run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py serve 127.0.0.1:$(PORT)

# One pytest worker per core (pytest-xdist): the suite is CPU-bound, and each worker has its own test database.
test: $(VENV)/.installed-dev
	$(VENV)/bin/pytest -n auto

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: export DJANGO_DEBUG ?= 1
check: $(VENV)/.installed
	$(PY) manage.py makemigrations --check --dry-run

# The benchmark of issues 9 and 18 (README «Производительность»): SQLite and a throwaway PostgreSQL, school
# and region scale; on region/PostgreSQL the page mix with wrk (one and two gunicorn instances), the
# questionnaire week (500 pupils) and the two-instance checks; figures in bench/results/latest.json. About
# 15 minutes; needs root for PostgreSQL and apt-get. A quick look: make bench BENCH_ARGS="--db sqlite --scale school --no-load".
bench: $(VENV)/.installed
	$(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

# The two commands: `make run` (install, migrate, load content, serve) and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint check migrate content serve clean

run: $(VENV)/.installed migrate content
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

check: $(VENV)/.installed
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --no-input

content: $(VENV)/.installed
	$(PY) manage.py load_portal_content

# Reinstall only when a requirements file changes, so a second `make run` starts at once.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

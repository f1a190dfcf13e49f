# The two commands: `make run` (install, migrate, load content, serve) and `make test`.
# `make run` serves the site as a visitor sees it (DEBUG off); `make dev` with DEBUG on and autoreload.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run dev test e2e lint check format-templates lock migrate content serve worker varnish backup restore clean

# DEBUG off (portal/settings/local.py): the site's own 404 and 500 pages, static files through whitenoise.
run: $(VENV)/.installed migrate content
	DJANGO_SETTINGS_MODULE=portal.settings.local $(PY) manage.py runserver --noreload $(HOST):$(PORT)

dev: $(VENV)/.installed migrate content
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed
	$(PY) -m pytest --ignore=tests/e2e

# Browser tests in Debian's Chromium (installed here when missing; needs root or sudo).
e2e: $(VENV)/.installed-e2e
	test -x /usr/bin/chromium -a -x /usr/sbin/varnishd -a -x /usr/bin/redis-server || \
	  (apt-get update -qq && apt-get install -y -qq chromium varnish redis-server)
	$(PY) -m pytest tests/e2e

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

# Every template directory (templates/ and each app's templates/), for djhtml.
TEMPLATE_DIRS := templates $(wildcard */templates)

check: $(VENV)/.installed
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/djhtml --check $(TEMPLATE_DIRS)

# Indents every template as `make check` expects (djhtml rewrites the files in place).
format-templates: $(VENV)/.installed
	$(VENV)/bin/djhtml $(TEMPLATE_DIRS)

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --no-input

content: $(VENV)/.installed
	$(PY) manage.py load_portal_content

# Installs exactly the lock files (every transitive dependency pinned, each file checked against its
# hash): what the site needs (requirements.lock), then the suite's and the checks' tools
# (requirements-dev.lock: the same pins plus those); the browser tests add requirements-e2e.lock.
# Reinstalls only when a lock file changes, so a second `make run` starts at once.
$(VENV)/.installed: requirements.lock requirements-dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

$(VENV)/.installed-e2e: $(VENV)/.installed requirements-e2e.lock
	$(PY) -m pip install --quiet --require-hashes -r requirements-e2e.lock
	touch $@

# After editing a requirements*.txt file: writes the lock files again with pip-tools, keeping every pin
# that still fits (`make lock LOCK_FLAGS=--upgrade` moves every package to its newest release, and
# `LOCK_FLAGS="--upgrade-package NAME"` just one). Each lock is constrained by the one it builds on, so
# the site's packages have the same version in all three.
PIP_COMPILE = $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
  --no-emit-index-url --no-emit-find-links --no-emit-trusted-host $(LOCK_FLAGS)
lock: $(VENV)/.installed
	$(PIP_COMPILE) --output-file requirements.lock requirements.txt
	$(PIP_COMPILE) -c requirements.lock --output-file requirements-dev.lock requirements-dev.txt
	$(PIP_COMPILE) -c requirements-dev.lock --output-file requirements-e2e.lock requirements-e2e.txt

# Production-style serving: gunicorn, whitenoise, DEBUG off. Needs SECRET_KEY and ALLOWED_HOSTS (and
# DATABASE_URL, REDIS_URL...) in the environment; see README "Production".
serve: export DJANGO_SETTINGS_MODULE = portal.settings.production
serve: $(VENV)/.installed
	$(PY) manage.py collectstatic --no-input -v0
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py load_portal_content
	@echo "E-mail is queued in the database: run 'make worker' beside gunicorn, in the same environment."
	$(VENV)/bin/gunicorn -c python:portal.gunicorn portal.wsgi

# Delivers queued e-mail (portal/mail.py) and makes published pages' social cards and image renditions
# (portal/page_cards.py) beside `make serve`, with the same environment; one of each is enough.
worker: export DJANGO_SETTINGS_MODULE = portal.settings.production
worker: $(VENV)/.installed
	$(PY) manage.py db_worker --backend media --no-reload & media=$$!; trap 'kill $$media' EXIT; \
	  $(PY) manage.py db_worker --backend mail --no-reload

# Varnish in front of `make serve` (gunicorn on 127.0.0.1:8000), listening on 127.0.0.1:6081.
# Run the site with VARNISH_URL=http://127.0.0.1:6081 so that publishing purges it.
varnish:
	test -x /usr/sbin/varnishd || (apt-get update -qq && apt-get install -y -qq varnish)
	/usr/sbin/varnishd -F -a 127.0.0.1:6081 -f $(CURDIR)/portal/varnish.vcl -n /tmp/portal-varnish -s malloc,256m

# One archive of the database and the local media: $(BACKUP_DIR)/portal-YYYYmmdd-HHMMSS.tar.gz
# (BACKUP_DIR from the environment, default backups/); KEEP=N deletes all but the newest N there.
backup: $(VENV)/.installed
	$(PY) manage.py backup_portal $(if $(KEEP),--keep $(KEEP))

# Into an empty database and media folder only; FORCE=1 replaces what is there. See README "Backups".
restore: $(VENV)/.installed
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/portal-YYYYmmdd-HHMMSS.tar.gz [FORCE=1]"; exit 2; }
	$(PY) manage.py restore_portal "$(FILE)" $(if $(FORCE),--force)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Benchmarks (by hand; figures go in bench/RESULTS.md). Builds the synthetic data set once per database,
# and a PostgreSQL database with the shipped content only.
BENCH_SQLITE := sqlite:///$(CURDIR)/bench/bench.sqlite3
BENCH_PG := postgres://postgres@127.0.0.1:5432/portal_bench
BENCH_PG_SHIPPED := postgres://postgres@127.0.0.1:5432/portal_shipped

.PHONY: bench-data bench-search bench bench-faults
bench-data: $(VENV)/.installed
	psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname='portal_shipped'" | grep -q 1 \
	  || psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE portal_shipped"
	DATABASE_URL=$(BENCH_PG_SHIPPED) $(PY) manage.py migrate --no-input -v0
	DATABASE_URL=$(BENCH_PG_SHIPPED) $(PY) manage.py load_portal_content
	@for url in "$(BENCH_SQLITE)" "$(BENCH_PG)"; do \
	  case $$url in postgres*) psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname='portal_bench'" | grep -q 1 \
	    || psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE portal_bench" ;; esac; \
	  DATABASE_URL=$$url $(PY) manage.py migrate --no-input -v0 && \
	  DATABASE_URL=$$url $(PY) manage.py load_portal_content && \
	  DATABASE_URL=$$url $(PY) bench/synthetic_content.py || exit 1; \
	done
	psql -h 127.0.0.1 -U postgres portal_bench -qc "VACUUM ANALYZE"

bench-search: bench-data
	for url in "$(BENCH_SQLITE)" "$(BENCH_PG)"; do \
	  DATABASE_URL=$$url $(PY) bench/search_latency.py && \
	  DATABASE_URL=$$url $(PY) bench/search_latency.py --cold-documents || exit 1; \
	done

# Each page's queries and time in process at both sizes; then requests/s and latency beside the
# framework floor, uncached / Django cache / Varnish, on the shipped content and at scale (with the
# 60 s load at 32 connections and worker memory). About 25 minutes.
bench: bench-data
	test -x /usr/bin/wrk -a -x /usr/sbin/varnishd || (apt-get update -qq && apt-get install -y -qq wrk varnish)
	DATABASE_URL=$(BENCH_PG_SHIPPED) $(PY) bench/page_costs.py
	DATABASE_URL=$(BENCH_PG) $(PY) bench/page_costs.py
	DATABASE_URL=$(BENCH_PG_SHIPPED) $(PY) bench/http_bench.py
	DATABASE_URL=$(BENCH_PG) $(PY) bench/http_bench.py --load 60

# 50 concurrent stories, then PostgreSQL and Redis stopped under load (its own throwaway servers).
bench-faults: $(VENV)/.installed
	$(PY) bench/faults.py

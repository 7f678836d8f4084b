# Gofal: two commands on a fresh machine (Python 3.11+ and Node 18+).
#   make demo   install locked dependencies, migrate, build the demo council, serve it
#   make test   every check: lint, types, import contracts, migrations, the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
SEED ?= 1
export DJANGO_SETTINGS_MODULE := gofal.settings

.PHONY: demo test setup install lint typecheck contracts migrations-check pytest unit system \
	serve worker scheduler logins bench messages clean

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	$(PYTHON) -c 'import sys; sys.exit("Gofal needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements/base.txt
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

setup: install
	$(PY) manage.py gofal_compilemessages
	$(PY) manage.py migrate --noinput

demo: install
	$(PY) manage.py gofal_compilemessages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py gofal_generate --seed $(SEED) --size demo --if-empty
	$(PY) manage.py gofal_demo_logins
	@echo "Emails Gofal sends (reminders, escalations, referrer letters) are written to $${GOFAL_EMAIL_FILE_PATH:-$${GOFAL_VAR_DIR:-var}/mail}/"
	@echo "Gofal is starting on http://127.0.0.1:$(PORT)/ (Ctrl+C stops the server, the task worker and the reminder scheduler)"
	@# All three run in the background so the shell can act on a signal at once (a shell runs its
	@# trap only when its foreground command ends). Ctrl+C or SIGTERM (make passes SIGTERM on to
	@# this shell) stops all three, and if one stops on its own the others are stopped too.
	@# The reminder scheduler enqueues the deadline reminder and escalation sweep every
	@# 15 minutes (a deployment may run `timescales remind --enqueue` from cron instead).
	@export GOFAL_EMAIL_BACKEND=$${GOFAL_EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend}; \
	  $(PY) manage.py db_worker --interval 2 & worker=$$!; \
	  $(PY) manage.py timescales remind --enqueue --every 900 >/dev/null & scheduler=$$!; \
	  $(VENV)/bin/gunicorn gofal.wsgi:application --bind 127.0.0.1:$(PORT) --workers 2 \
	    --access-logfile - & server=$$!; \
	  stop() { kill -TERM $$server $$worker $$scheduler 2>/dev/null; \
	    wait $$server; wait $$worker; wait $$scheduler; }; \
	  trap 'trap - INT TERM; stop; exit 0' INT TERM; \
	  while kill -0 $$server 2>/dev/null && kill -0 $$worker 2>/dev/null \
	    && kill -0 $$scheduler 2>/dev/null; do sleep 1 & wait $$!; done; \
	  trap - INT TERM; stop; echo "Gofal has stopped."

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy gofal

contracts: install
	$(VENV)/bin/lint-imports

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

# Unit and view tests first, then the browser journeys (headless Debian chromium). Each run must
# collect tests: pytest exits 5 when it collects none, and make stops on it like any failure.
unit: install
	$(PY) manage.py gofal_compilemessages
	GOFAL_FAST_PASSWORDS=1 $(VENV)/bin/pytest -q --create-db -m "not system"

system: install
	$(PY) manage.py gofal_compilemessages
	GOFAL_FAST_PASSWORDS=1 $(VENV)/bin/pytest -q -m system

pytest: unit system

test: lint typecheck contracts migrations-check pytest

serve: setup
	$(VENV)/bin/gunicorn gofal.wsgi:application --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

worker: setup
	$(PY) manage.py db_worker --interval 2

scheduler: setup
	$(PY) manage.py timescales remind --enqueue --every 900

logins: install
	$(PY) manage.py gofal_demo_logins

messages: install
	for app in gofal/*/; do if [ -d "$$app/locale" ]; then (cd $$app && ../../$(PY) ../../manage.py makemessages -l cy --no-obsolete >/dev/null); fi; done
	$(PY) manage.py gofal_compilemessages

# make bench                                   demo size, SQLite under var/bench-demo/
# make bench SIZE=wales DATABASE_URL=postgres://...   reuse (or build) a wales dataset there
SIZE ?= demo
bench: install
	$(PY) bench/run.py --size $(SIZE)

clean:
	rm -rf var/ $(VENV) node_modules

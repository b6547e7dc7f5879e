# Two commands for a newcomer: `make run` and `make test`. Everything else is plumbing.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests and checks never need a real secret; production must set its own.
TEST_ENV := SECRET_KEY=test-only-not-secret

# A Python of at least 3.12 (Django 6.1 needs it). .python-version pins 3.13.0 for pyenv and uv;
# failing that, take the first suitable interpreter we can find.
define find_python
for candidate in "$$(pyenv which python3 2>/dev/null)" \
    "$$HOME/.pyenv/versions/$$(cat .python-version 2>/dev/null)/bin/python3" \
    python3.14 python3.13 python3.12 python3; do \
  [ -n "$$candidate" ] || continue; \
  path=$$(command -v "$$candidate" 2>/dev/null) || continue; \
  if "$$path" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
    echo "$$path"; exit 0; \
  fi; \
done; exit 1
endef

.PHONY: help run test check lint format superuser device content venv clean bench

help:
	@echo "make run        set everything up and serve the site at http://$(HOST):$(PORT)/"
	@echo "make test       set everything up and run the whole test suite"
	@echo "make superuser  create an admin login for /admin/, with its authenticator app"
	@echo "make device STAFF=name  give a member of staff an authenticator app (two-factor sign-in)"
	@echo "make check      ruff, formatting, makemigrations --check and the import contracts"
	@echo "make bench      load-test the site under gunicorn on PostgreSQL and Redis (see bench/)"

$(STAMP): requirements-dev.txt
	@python=$$($(find_python)) || { \
	  echo "ERROR: this project needs Python 3.12 or newer (3.13 is pinned in .python-version)." >&2; \
	  echo "Install it (for example 'pyenv install 3.13.0') and run make again." >&2; exit 1; }; \
	echo "Using $$python ($$($$python --version))"; \
	if [ ! -x $(BIN)/python ] || ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
	  rm -rf $(VENV) && "$$python" -m venv $(VENV); \
	fi
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

content: $(STAMP)
	DEBUG=true $(BIN)/python manage.py migrate --no-input
	DEBUG=true $(BIN)/python manage.py load_initial_content

run: content
	@echo
	@echo "The site is at http://$(HOST):$(PORT)/ (Ctrl+C stops it)."
	@echo "To sign in to /admin/, make a login first: make superuser (it sets up two-factor sign-in)"
	@echo
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The admin asks for a code from an authenticator app as well as the password.
superuser: content
	@read -r -p "Username for the new admin login: " name && \
	  DEBUG=true $(BIN)/python manage.py createsuperuser --username "$$name" && \
	  DEBUG=true $(BIN)/python manage.py add_totp_device "$$name"

device: content
	@[ -n "$(STAFF)" ] || { echo "Say whose device: make device STAFF=username" >&2; exit 1; }
	DEBUG=true $(BIN)/python manage.py add_totp_device "$(STAFF)"

test: check
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

check: $(STAMP)
	$(TEST_ENV) $(BIN)/ruff check .
	$(TEST_ENV) $(BIN)/ruff format --check .
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports --no-cache

# Needs Debian's postgresql-15, redis-server and wrk; installs what is missing (as root).
bench: $(STAMP)
	@missing=""; \
	[ -x /usr/lib/postgresql/15/bin/initdb ] || missing="$$missing postgresql-15"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	command -v wrk >/dev/null || missing="$$missing wrk"; \
	if [ -n "$$missing" ]; then apt-get update && apt-get install -y $$missing; fi
	$(BIN)/python bench/run.py $(BENCH_ARGS)

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache staticfiles

# The two commands a person needs: `make run` and `make test`. Both set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests run with production-like settings: DEBUG off, hashed static files.
TEST_ENV := DJANGO_DEBUG=0 DJANGO_SECRET_KEY=test-only-secret-key-not-for-production
PYTEST ?= $(BIN)/python -m pytest

.PHONY: run test test-sqlite test-postgres lint install clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $@

install: $(STAMP)

## run: set up, migrate, load the three debates into an empty database, serve http://127.0.0.1:8000
run: $(STAMP)
	mkdir -p var
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_archive
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: lint, migrations check, then the whole suite on SQLite and on a throwaway PostgreSQL server
test: lint test-sqlite test-postgres

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

var/staticfiles/staticfiles.json: $(STAMP) $(shell find static -type f)
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0

test-sqlite: $(STAMP) var/staticfiles/staticfiles.json
	$(TEST_ENV) ARCHIVE_EXPECT_DB=sqlite DATABASE_URL= $(PYTEST)

test-postgres: $(STAMP) var/staticfiles/staticfiles.json
	$(TEST_ENV) ARCHIVE_EXPECT_DB=postgresql scripts/with-postgres $(PYTEST)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

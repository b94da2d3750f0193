# The two commands a person needs: `make run` and `make test`. Both set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# What the site needs (make run, make serve), and on top of it the test and benchmark tools.
STAMP := $(VENV)/.installed-site
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests run with production-like settings: DEBUG off, hashed static files; only the HTTPS redirect is off,
# because the test client and the browser tests speak plain HTTP to 127.0.0.1.
TEST_ENV := DJANGO_DEBUG=0 DJANGO_SECRET_KEY=test-only-secret-key-not-for-production DJANGO_SECURE_SSL_REDIRECT=0
# make serve: gunicorn worker processes (gunicorn's own WEB_CONCURRENCY when set).
WORKERS ?= $(or $(WEB_CONCURRENCY),2)
PYTEST ?= $(BIN)/python -m pytest

# make bench: statement counts to benchmark (BENCH_SIZES=10000 for a quick run).
BENCH_SIZES ?= 10000 1000000

.PHONY: run serve test test-sqlite test-postgres test-tools lint install clean bench soak messages

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e .
	touch $@

$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $@

install: $(DEV_STAMP)

## run: set up, migrate, load the three debates into an empty database, build /downloads/, serve http://127.0.0.1:8000
run: $(STAMP)
	mkdir -p var
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_archive
	DJANGO_DEBUG=1 $(BIN)/python manage.py build_downloads --base-url http://$(HOST):$(PORT)
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

## serve: production server: gunicorn with WhiteNoise, DEBUG off; give DJANGO_SECRET_KEY, DATABASE_URL, DJANGO_ALLOWED_HOSTS;
## run the email alerts' sender beside it: .venv/bin/python manage.py send_alerts --every 60 (docs/alerts.md)
serve: $(STAMP)
	mkdir -p var
	@echo "Email alerts are sent by a separate process: $(BIN)/python manage.py send_alerts --every 60 (docs/alerts.md)"
	DJANGO_DEBUG=0 $(BIN)/python manage.py check --deploy
	DJANGO_DEBUG=0 $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DJANGO_DEBUG=0 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=0 $(BIN)/gunicorn config.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) \
		--timeout $(or $(GUNICORN_TIMEOUT),120) --access-logfile -

## test: lint, migrations check, then the whole suite on SQLite and on a throwaway PostgreSQL server
test: test-tools lint test-sqlite test-postgres

## test-tools: the Debian packages the tests drive for real (PostgreSQL with its RUM index, Chromium, Java for vnu, Redis,
## GNU gettext, which extracts the messages the catalogue check compares with the catalogues)
test-tools:
	scripts/ensure-debian-packages "/usr/lib/postgresql/*/bin/initdb=postgresql" \
		"/usr/share/postgresql/15/extension/rum.control=postgresql-15-rum" chromium=chromium \
		java=default-jre-headless redis-server=redis-server xgettext=gettext

## lint: ruff, the layers (import-linter's contracts in pyproject.toml), no model change without its migration,
## and every language's catalogue complete (languages/catalogues.py)
lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(BIN)/python manage.py check_catalogues

# The languages besides English, as gettext names their catalogues (locale/<name>/LC_MESSAGES/django.po).
LOCALES := ar zh_Hans fr ru es

## messages: after marking strings or translating: bring every catalogue up to date with the code, compile, check
## (needs GNU gettext: apt-get install gettext); docs/languages.md
messages: $(DEV_STAMP)
	$(TEST_ENV) $(BIN)/python manage.py makemessages $(foreach locale,$(LOCALES),--locale $(locale)) --no-obsolete \
		--ignore 'tests/*' --ignore 'bench/*' --ignore 'var/*' --ignore '*.egg-info/*'
	$(TEST_ENV) $(BIN)/python manage.py compilemessages --ignore .venv --ignore var
	$(TEST_ENV) $(BIN)/python manage.py check_catalogues

var/staticfiles/staticfiles.json: $(STAMP) $(shell find static -type f)
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0

test-sqlite: $(DEV_STAMP) var/staticfiles/staticfiles.json
	$(TEST_ENV) ARCHIVE_EXPECT_DB=sqlite DATABASE_URL= $(PYTEST)

test-postgres: $(DEV_STAMP) var/staticfiles/staticfiles.json
	$(TEST_ENV) ARCHIVE_EXPECT_DB=postgresql scripts/with-postgres $(PYTEST)

## bench: measure the app at 10k and 1M statements against nginx and a framework floor (bench/RESULTS.md);
## about 10 minutes (3 more the first time, to generate the data); installs wrk, nginx, redis when missing
bench: $(DEV_STAMP) var/staticfiles/staticfiles.json
	bench/ensure-tools
	$(BIN)/python bench/run.py --sizes "$(BENCH_SIZES)"

## soak: 50 connections for 5 minutes against the production server; fails on any error or memory growth
soak: $(DEV_STAMP) var/staticfiles/staticfiles.json
	bench/ensure-tools
	$(BIN)/python bench/run.py --soak

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

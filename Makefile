# Everyday commands for the FK-BLKK portal. `make help` lists them.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# The uv that installs everything else is the one pinned in pyproject.toml's dev group.
UV_VERSION := $(shell sed -n 's/^ *"uv==\([0-9.]*\)",*$$/\1/p' pyproject.toml)
# Extra pytest arguments, e.g. `make test PYTEST_ARGS="-k healthz -x"`.
PYTEST_ARGS ?=
# pytest-xdist workers: one per core by default; `make test PYTEST_WORKERS=0` runs in one process.
PYTEST_WORKERS ?= auto
# Tests that share an expensive module fixture (xdist_group) stay on one worker.
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup
# Without REDIS_URL tasks run in-process, so a worker or beat would have nothing to do.
REQUIRE_REDIS = test -n "$$REDIS_URL" || { echo "Set REDIS_URL first (see README.md)." >&2; exit 1; }

.DEFAULT_GOAL := help
.PHONY: help install run test test-fast lint format migrate seed worker beat bench bench-pages bench-import a11y clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

install: $(VENV)/.synced node_modules/.installed var ## Virtualenv in .venv, Python and npm packages
	@:

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(BIN)/uv: | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Stamp files: a second `make install` does nothing until a lock file changes.
$(VENV)/.synced: pyproject.toml uv.lock | $(BIN)/uv
	$(BIN)/uv sync --frozen --inexact
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

var:
	mkdir -p $@

run: seed ## Install, migrate, load demo data and users, serve at http://127.0.0.1:8000
	$(MANAGE) runserver 127.0.0.1:8000

test: lint ## Lint, check for missing migrations, run the whole test suite on every core
	$(MANAGE) makemigrations --check --dry-run
	@# pytest exits with 5 when it collects no tests (an empty selection): not a failure.
	$(PYTEST) $(PYTEST_ARGS) || [ $$? -eq 5 ]

test-fast: install ## The suite without browser, worker and schemathesis tests (edit-test loop)
	$(PYTEST) -m "not browser and not integration and not fuzz" $(PYTEST_ARGS) || [ $$? -eq 5 ]

lint: install ## ruff check, ruff format --check and the apps' import contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# The layering of the apps, declared in pyproject.toml under [tool.importlinter].
	$(BIN)/lint-imports

format: install ## Fix what ruff can fix and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

seed: migrate ## Load demo data and users (prints the generated password once)
	$(MANAGE) seed_demo --with-users

worker: install ## Celery worker (needs REDIS_URL)
	@$(REQUIRE_REDIS)
	$(BIN)/celery -A fkblkk worker --loglevel=INFO

beat: install ## Celery beat, the periodic task scheduler (needs REDIS_URL)
	@$(REQUIRE_REDIS)
	$(BIN)/celery -A fkblkk beat --loglevel=INFO

bench: bench-pages bench-import ## Load-test the pages at scale 100, then time the participant import

# The page bench (bench/README.md): builds a PostgreSQL database with seed_demo --scale 100 once,
# serves the portal with gunicorn and loads it with locust (the bench dependency group).
bench-pages: install
	$(BIN)/uv sync --frozen --inexact --group bench
	$(BIN)/python bench/pages.py

# The participant import of 10,000 rows, in a throwaway database.
# Lighthouse and axe-core on every public and manager page at phone size, the portal served
# in production mode (bench/a11y.py); the two tools are pinned in bench/a11y/package.json.
a11y: install bench/a11y/node_modules/.installed ## Lighthouse and axe scores of every page at phone size
	$(BIN)/python bench/a11y.py

bench/a11y/node_modules/.installed: bench/a11y/package.json bench/a11y/package-lock.json
	npm ci --prefix bench/a11y --no-audit --no-fund
	@touch $@

bench-import: install
	$(BIN)/python bench/import_participants.py

clean: ## Remove caches and collected static files (keeps .venv, node_modules and var/)
	rm -rf staticfiles .pytest_cache .ruff_cache .import_linter_cache test-artifacts
	find . -path ./.venv -prune -o -path ./node_modules -prune -o -name __pycache__ -type d -exec rm -rf {} +

# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=

# The first Python >= 3.12 on the path (pyenv reads .python-version).
PYTHON := $(shell for c in python3.13 python3.12 python3; do \
	if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	echo $$c; break; fi; done)

.PHONY: run test test-postgres venv system-deps demo assets lock lint typecheck messages bench bench-quick clean

venv: $(VENV)/.installed

$(VENV)/.installed: requirements-dev.lock
	@if [ -z "$(PYTHON)" ]; then echo "Kompetansemidler needs Python 3.12 or newer (python3.13, python3.12 or python3)." >&2; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

## run: the product on SQLite with demo data, on http://127.0.0.1:8000
run: venv
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py demo_data
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## test: the whole suite (SQLite unless DATABASE_URL is set)
test: venv system-deps
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -n 2 $(PYTEST_ARGS)

## test-postgres: the whole suite on a local PostgreSQL server
test-postgres: venv system-deps
	scripts/postgres-start.sh
	DATABASE_URL=postgres://app:app@127.0.0.1:5432/kompetansemidler $(MAKE) test

## system-deps: Chromium, PostgreSQL, poppler and gettext from Debian (root or sudo)
system-deps:
	@scripts/install-system-deps.sh

demo: venv
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py demo_data

## assets: refresh the vendored Designsystemet, Inter, htmx and axe-core files (needs npm)
assets:
	scripts/vendor-assets.sh

## lock: re-pin the dependencies after editing pyproject.toml
lock: venv
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.12 -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.12 -o requirements-dev.lock

## messages: extract and compile the translations (nb, nn, en)
messages: venv
	cd kompetansemidler && for app in */; do [ -d "$$app/locale" ] && (cd $$app && ../../$(BIN)/django-admin makemessages -l nb -l nn -l en --no-obsolete) || true; done
	$(BIN)/python manage.py compilemessages --ignore=.venv

## lint: ruff, the layering of the apps (import-linter) and the types (mypy)
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(MAKE) typecheck

## typecheck: mypy, the rules strictly, every services.py and selectors.py (config in pyproject.toml)
typecheck: venv
	$(BIN)/mypy

## bench: the national-scale benchmark (BENCH_ARGS passes options); bench-quick: a short run
bench: venv
	$(BIN)/python bench/run.py $(BENCH_ARGS)

bench-quick: venv
	$(BIN)/python bench/run.py --quick

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles

# Enlace: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo serve install install-test test lint typecheck format messages bench clean

## Install everything, load the demo data into SQLite and start the server.
demo: install
	$(BIN)/enlace demo
	$(BIN)/enlace serve --host $(HOST) --port $(PORT)

serve: install
	$(BIN)/enlace serve --host $(HOST) --port $(PORT)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	bash scripts/ensure-chromium.sh
	bash scripts/ensure-java.sh

## Install the test dependencies and run everything CI runs: lint, types, the whole suite.
test: install-test lint typecheck
	$(BIN)/pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck:
	$(BIN)/mypy enlace

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## List visible strings that have no Spanish translation yet (add them to the area's .po file).
messages:
	$(BIN)/pybabel extract -F babel.cfg -k _ -k gettext -k N_ --no-location --sort-output \
	  --project Enlace -o enlace/web/locales/messages.pot .
	$(BIN)/pytest -q tests/web/test_i18n.py -k spanish_translation

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache

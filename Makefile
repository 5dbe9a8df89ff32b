# Regisseur: `make run` serves the demo, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3.11
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
export UV_PYTHON := $(shell command -v $(PYTHON) || command -v python3)

.PHONY: setup run test lint pytest bench messages clean

$(UV):
	$(UV_PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv>=0.5"

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet
	touch $@

setup: $(VENV)/.synced

run: setup
	DEBUG=1 $(BIN)/regisseur run

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	REGISSEUR_TESTING=1 $(BIN)/mypy src
	$(BIN)/lint-imports
	REGISSEUR_TESTING=1 $(BIN)/regisseur manage makemigrations --check --dry-run

pytest: setup
	$(BIN)/pytest -n 2 -rs

test: lint pytest

bench: setup
	$(BIN)/python -m bench

messages: setup
	cd src/regisseur && ../../$(BIN)/regisseur manage makemessages -l nl --no-obsolete && ../../$(BIN)/regisseur manage compilemessages

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .mypy_cache .ruff_cache

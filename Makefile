# Schakel — twee commando's: `make run` en `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DATA_DIR ?= data
export SCHAKEL_DATA_DIR ?= $(abspath $(DATA_DIR))

.PHONY: run test install install-test lint bench clean openapi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

run: install
	mkdir -p $(DATA_DIR)
	$(BIN)/schakel migrate --noinput
	$(BIN)/schakel beginselen
	$(BIN)/schakel demo --if-empty
	SCHAKEL_DEBUG=$${SCHAKEL_DEBUG:-true} $(BIN)/schakel runserver 127.0.0.1:8000

test: install-test
	mkdir -p $(SCHAKEL_DATA_DIR)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src
	$(BIN)/pytest --cov --cov-report=term:skip-covered

lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

bench: install-test
	$(BIN)/python bench/verify.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(DATA_DIR) build *.egg-info

openapi: install
	$(BIN)/schakel spectacular --validate --fail-on-warn --file openapi.yaml

# Schakel — twee commando's: `make run` en `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DATA_DIR ?= data
export SCHAKEL_DATA_DIR ?= $(abspath $(DATA_DIR))

.PHONY: run test test-postgres install install-test lint bench load faults clean openapi web-assets screenshots messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(MAKE) --no-print-directory $(VENV)/.deduce-klaar

# install-test and web-assets leave a stamp and run again only when what they install from changed, so
# `make test` and `make test-postgres` can run side by side (.ci/run) without one reinstalling under the other.
install-test: $(VENV)/.test-klaar

$(VENV)/.test-klaar: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(MAKE) --no-print-directory $(VENV)/.deduce-klaar
	touch $@

# deduce builds its lookup tables once after installing (about 2 minutes); do it now, not on a request.
$(VENV)/.deduce-klaar:
	@echo "deduce: opzoektabellen bouwen (eenmalig, ongeveer 2 minuten)…"
	$(BIN)/python -c "from schakel.casussen.pseudonymise import warm; warm()"
	touch $@

# NL Design System CSS from npm; postinstall copies it into src/schakel/web/static/web/vendor/.
web-assets: node_modules/.schakel-klaar

node_modules/.schakel-klaar: package.json package-lock.json src/schakel/web/vendor.mjs
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: install web-assets
	mkdir -p $(DATA_DIR)
	$(BIN)/schakel migrate --noinput
	$(BIN)/schakel beginselen
	$(BIN)/schakel demo --if-empty
	SCHAKEL_DEBUG=$${SCHAKEL_DEBUG:-true} $(BIN)/schakel runserver 127.0.0.1:8000

test: install-test web-assets
	mkdir -p $(SCHAKEL_DATA_DIR)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src
	$(BIN)/pytest --cov --cov-report=term:skip-covered

# The suite again on the database DATABASE_URL names (CI: a PostgreSQL on loopback, see .ci/postgres).
test-postgres: install-test
	@case "$$DATABASE_URL" in postgres*) ;; *) echo "Zet DATABASE_URL op een PostgreSQL-database." >&2; exit 2;; esac
	$(BIN)/pytest -p no:cacheprovider

lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

# One table of every benchmark on the national dataset (bench/run.py; BENCH_ARGS=--quick for scale 0.02,
# --reuse to keep the dataset of the previous run). On PostgreSQL set DATABASE_URL: the dataset goes
# into its own database schakel_bench on that server.
bench: install-test
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Load and faults on gunicorn and the PostgreSQL DATABASE_URL names, loopback only; each script makes its
# own schakel_bench_* database there. PGDATA (that server's data directory) lets faults restart it.
load: install-test
	@case "$$DATABASE_URL" in postgres*) ;; *) echo "Zet DATABASE_URL op een PostgreSQL-database." >&2; exit 2;; esac
	$(BIN)/python bench/load.py --database-url "$$DATABASE_URL" $(LOAD_ARGS)

faults: install-test
	@case "$$DATABASE_URL" in postgres*) ;; *) echo "Zet DATABASE_URL op een PostgreSQL-database." >&2; exit 2;; esac
	$(BIN)/python bench/faults.py --database-url "$$DATABASE_URL" $${PGDATA:+--pgdata "$$PGDATA"} $(FAULTS_ARGS)

clean:
	rm -rf $(VENV) $(DATA_DIR) build *.egg-info node_modules src/schakel/web/static/web/vendor

openapi: install
	$(BIN)/schakel spectacular --validate --fail-on-warn --file openapi.yaml

# Retake the README screenshots (browser tests in Chromium).
screenshots: install-test web-assets
	SCHAKEL_SCREENSHOTS=1 $(BIN)/pytest -p no:cacheprovider -m browser tests/browser

# Collect the Dutch texts (the msgids) into the English catalogue and compile it; translate what is new in
# src/schakel/locale/en/LC_MESSAGES/django.po, run this again and commit .po and .mo (ADR 0012).
messages: install
	cd src/schakel && $(abspath $(BIN))/schakel makemessages -l en --no-obsolete --add-location=file \
		--ignore=.venv --ignore=node_modules
	cd src/schakel && $(abspath $(BIN))/schakel compilemessages -l en

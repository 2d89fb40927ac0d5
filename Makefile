# Career Journal — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
export FLASK_APP := journal

RUN_STAMP  := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
PIP_INSTALL = $(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: run test demo db bench clean format

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): pyproject.toml constraints.txt | $(VENV)/bin/python
	$(PIP_INSTALL) -e .
	touch $@

$(TEST_STAMP): pyproject.toml constraints.txt | $(VENV)/bin/python
	$(PIP_INSTALL) -e '.[test]'
	touch $@ $(RUN_STAMP)

## Create or migrate the database (SQLite in instance/ unless DATABASE_URL is set).
db: $(RUN_STAMP)
	$(BIN)/flask db upgrade

## Serve the app at http://127.0.0.1:$(PORT), with one outbox worker sending its emails.
run: db
	@$(BIN)/flask deliver & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn --config gunicorn.conf.py --bind 127.0.0.1:$(PORT) 'journal:create_app()'

## Load the demo data and print the logins.
demo: db
	$(BIN)/flask seed-demo

## Lint and format check, then the whole suite: SQLite always, PostgreSQL when a server answers,
## the browser where Chromium exists.
test: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

## The benchmark: a large data set, gunicorn with 2 workers, a table and bench/results.json.
## DATABASE_URL=postgresql+psycopg://… runs it on PostgreSQL; BENCH_SCALE=0.1 makes it smaller.
bench: $(TEST_STAMP)
	$(BIN)/python -m bench.run

## Format the code and apply ruff's safe fixes.
format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis

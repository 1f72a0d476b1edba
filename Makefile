# `make run` sets up .venv, ingests the bundled examples into ./tidings.duckdb and prints the events.
# `make test` sets up .venv and runs the test suite (what CI runs).
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

.PHONY: setup run test bench
setup: $(STAMP)

run: $(STAMP)
	$(BIN)/tidings ingest examples --db tidings.duckdb
	$(BIN)/tidings events --db tidings.duckdb --format table

test: $(STAMP)
	$(BIN)/python -m pytest -q
	$(BIN)/python scripts/check_rules.py

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --limit 2000

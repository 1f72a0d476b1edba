# `make run` sets up .venv, ingests the bundled examples into ./tidings.duckdb and prints the events.
# `make test` sets up .venv and runs the test suite (what CI runs).
# `make figures` draws the README's figures (docs/img/) from the examples and the VOA stories.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

.PHONY: setup run test bench figures cli-reference
setup: $(STAMP)

run: $(STAMP)
	$(BIN)/tidings ingest examples --db tidings.duckdb
	$(BIN)/tidings events --db tidings.duckdb --format table

test: $(STAMP)
	$(BIN)/python -m pytest -q
	$(BIN)/python scripts/check_rules.py

# docs/cli.md from the commands' --help (tests/test_docs.py fails when it is stale)
cli-reference: $(STAMP)
	$(BIN)/python scripts/cli_reference.py

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --limit 2000

VOA_STORIES := ../shared/data/voa/voa_stories.jsonl

figures: $(STAMP)
	mkdir -p docs/img
	db=$$(mktemp -d)/figures.duckdb && \
	$(BIN)/tidings ingest examples $(VOA_STORIES) --db $$db && \
	$(BIN)/tidings dyads --country USA --by year --db $$db --format table \
		--plot docs/img/dyads.png && \
	$(BIN)/tidings network --top 15 --db $$db --format table --plot docs/img/network.png && \
	$(BIN)/tidings timeline --actor USA --per-day 1 --max 14 --db $$db \
		--plot docs/img/timeline.png && \
	rm -r $$(dirname $$db)

# Two commands do all the set-up: `make demo` and `make test`. Both build .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f demo-out/storyline.db
	$(BIN)/storyline run demo/corpus --db demo-out/storyline.db --out demo-out
	@echo "Open demo-out/report.html (or read demo-out/report.md); the store is demo-out/storyline.db."

test: $(STAMP)
	bash scripts/run-tests

bench: $(STAMP)
	$(BIN)/python bench/bench_ingest.py

eval: $(STAMP)
	$(BIN)/storyline eval extraction --data ../shared/data/article-extraction-benchmark

clean:
	rm -rf $(VENV) demo-out .pytest_cache

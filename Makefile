# One entry point for setup, the demo, and every check CI runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The demo needs the package alone; the checks need the dev extra (viewer, Spark, tools).
BASE := $(VENV)/.installed-base
STAMP := $(VENV)/.installed-dev

.PHONY: demo test lint types unit browser screenshots bench executors eval clean

# constraints.txt pins every package installed, direct or not (pip freeze of a fresh setup).
$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3

$(BASE): pyproject.toml constraints.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $(BASE)

$(STAMP): pyproject.toml constraints.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(BASE) $(STAMP)

## demo: compare the shipped example documents, then scan the folder
demo: $(BASE)
	$(BIN)/variorum compare examples/article.txt examples/reprint.txt
	$(BIN)/variorum scan examples/

## test: lint, types and the whole test suite (what CI runs)
test: lint types unit

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) browser
	$(BIN)/pytest -q

# The browser tests drive Debian's Chromium (Playwright cannot download its own here).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "make: installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "make: /usr/bin/chromium missing; run 'sudo apt-get install chromium' (browser tests skip)"; \
	  fi; \
	fi

## screenshots: the report and viewer screenshots of docs/, taken in Chromium
screenshots: $(STAMP) browser
	mkdir -p docs/screenshots
	VARIORUM_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q tests/browser

## eval: the evaluation tasks in ../shared/eval, scored
eval: $(STAMP)
	$(BIN)/python benchmarks/run_eval.py

## calibration: precision against score and confidence on the evaluation tasks, both halves (docs/calibration.svg)
calibration: $(STAMP)
	$(BIN)/python benchmarks/calibration.py --svg docs/calibration.svg

## bench: speed and memory benchmarks (not part of the tests)
bench: $(STAMP)
	$(BIN)/python benchmarks/bibles.py

## executors: the same scans in memory, on disk and on Spark, timed and compared byte for byte
executors: $(STAMP)
	$(BIN)/python benchmarks/executors.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis

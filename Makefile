# bejegening: two commands on a fresh machine with Python 3.11 and make:
#   make site   creates .venv, installs the package (runtime dependencies only), builds the site
#               from data/ into site/ with the settings that ship inside the package
#   make test   adds the development tools and runs the whole test suite (installs Debian's
#               chromium for the browser tests when missing)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEV    := $(VENV)/.dev-stamp
export SOURCE_DATE_EPOCH ?= 1700000000

.PHONY: site test lint typecheck format serve schema bench clean browser

# pip shows its progress (no --quiet): the first install downloads about 150 MB.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --progress-bar on -e .
	touch $(STAMP)

$(DEV): $(STAMP)
	$(BIN)/python -m pip install --progress-bar on -e '.[dev]'
	touch $(DEV)

site: $(STAMP)
	$(BIN)/bejegening build data --out site

serve: $(STAMP)
	$(BIN)/bejegening serve data

browser:
	./scripts/ensure-chromium

test: $(DEV) browser
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

lint: $(DEV)
	$(BIN)/ruff check bejegening tests benchmarks
	$(BIN)/ruff format --check bejegening tests benchmarks
	$(BIN)/mypy --strict bejegening

format: $(DEV)
	$(BIN)/ruff format bejegening tests benchmarks
	$(BIN)/ruff check --fix bejegening tests benchmarks

schema: $(STAMP)
	$(BIN)/bejegening schema --out data/schema

bench: $(DEV)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python benchmarks/stats.py --quick

clean:
	rm -rf site .build build dist .pytest_cache .mypy_cache .ruff_cache

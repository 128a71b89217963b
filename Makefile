# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint demo screenshots bench system-deps clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

## Open the app on the default local database.
run: $(STAMP)
	$(VENV)/bin/pcc-desktop

## System packages the headless tests, screenshots and PDF checks need (Debian/Ubuntu).
system-deps:
	bash scripts/install-system-deps

## Run the whole suite headless; an empty run (pytest exit 5) is a failure.
test: system-deps $(STAMP)
	$(VENV)/bin/ruff check pcc_desktop tests bench scripts
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$rc

lint: $(STAMP)
	$(VENV)/bin/ruff check pcc_desktop tests bench scripts

demo: $(STAMP)
	$(VENV)/bin/pcc-desktop demo --db demo.sqlite3

screenshots: system-deps $(STAMP)
	bash scripts/screenshots

bench: system-deps $(STAMP)
	$(PY) bench/run_bench.py

clean:
	rm -rf $(VENV) build *.egg-info

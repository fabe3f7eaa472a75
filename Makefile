# The two commands the README promises: `make site` and `make test`. Both work on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# The sample is dated: pin the clock so `make site` gives the same answer every day.
SAMPLE_CLOCK := --today 2026-11-23 --now 2027-03-01T08:00:00+01:00

.PHONY: site test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[site,test]'
	touch $(STAMP)

## check the sample playbook and drafts (expected findings only), then build the site
site: $(STAMP)
	$(BIN)/playbook check $(SAMPLE_CLOCK) --strict --baseline drafts/expected-findings.json
	NO_MKDOCS_2_WARNING=1 PLAYBOOK_TODAY=2026-11-23 $(BIN)/mkdocs build --strict --site-dir site

## run every test (unit, CLI, wheel, site build, browser)
test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

## recall and precision of the linter on the labelled corpus (tests/corpus); add ARGS=--details for every miss,
## ARGS="--corpus tests/corpus-heldout" for the held-out corpus the rules were never tuned on
.PHONY: corpus
corpus: $(STAMP)
	$(BIN)/python bench/corpus.py $(ARGS)

## remove everything the commands above create, the benchmark's cached workloads and peers included
clean:
	rm -rf $(VENV) site build dist .pytest_cache .hypothesis tests/artifacts bench/scratch

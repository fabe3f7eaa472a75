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

# The compiled catalogs (git-ignored), as a wheel has them: without them every run of the checkout
# reads the .po files with Babel, a fifth of a second. A .po newer than its .mo is read directly
# (linter.core.i18n), so a catalog edited since is never shown stale.
CATALOGS := $(patsubst %.po,%.mo,$(wildcard linter/locale/*/LC_MESSAGES/*.po))
$(CATALOGS): %.mo: %.po $(STAMP)
	$(BIN)/python -m linter.core.catalogs compile

## check the sample playbook and drafts (expected findings only), then build the site
site: $(STAMP) $(CATALOGS)
	$(BIN)/playbook check $(SAMPLE_CLOCK) --strict --baseline drafts/expected-findings.json
	NO_MKDOCS_2_WARNING=1 PLAYBOOK_TODAY=2026-11-23 $(BIN)/mkdocs build --strict --site-dir site

## run every test (unit, CLI, wheel, site build, browser)
test: $(STAMP) $(CATALOGS)
	$(BIN)/python -m pytest

bench: $(STAMP) $(CATALOGS)
	$(BIN)/python bench/run.py

## recall and precision of the linter on the labelled corpus (tests/corpus); add ARGS=--details for every miss,
## ARGS="--corpus tests/corpus-heldout" for the held-out corpus the rules were never tuned on
.PHONY: corpus
corpus: $(STAMP) $(CATALOGS)
	$(BIN)/python bench/corpus.py $(ARGS)

## remove everything the commands above create, the benchmark's cached workloads and peers included
clean:
	rm -rf $(VENV) site build dist .pytest_cache .hypothesis tests/artifacts bench/scratch

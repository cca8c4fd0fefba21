# Every install step lives here or in pyproject.toml: CI runs `make test` on a clean clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP    := $(BIN)/python -m pip

INTEROP := tests/interop/node_modules/.installed

.PHONY: demo test acceptance bench bench-archive browser coref-model evaluate clean notebook

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -e ".[test]"
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/quotegraph build examples/articles -o output/
	@echo "Outputs in output/: open output/graph.html in a browser, or output/graph.gexf in Gephi."

# JupyterLab on notebooks/explore.ipynb (the `notebook` extra). Jupyter refuses to run as root
# without --allow-root, so it is added when we are root.
$(VENV)/.notebook: pyproject.toml $(STAMP)
	$(PIP) install --quiet --disable-pip-version-check -e ".[notebook]"
	@touch $@

notebook: $(VENV)/.notebook
	$(BIN)/jupyter lab notebooks/explore.ipynb $(if $(filter 0,$(shell id -u)),--allow-root)

# Browser tests need Debian's chromium; install it where we are root with apt, else they skip.
browser:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
		|| echo "warning: could not install chromium; browser tests will skip"; \
	else echo "note: chromium not installed and not root; browser tests will skip"; fi

# Test-only JS readers (graphology, graphology-gexf: Gephi Lite's loaders) for tests/interop,
# pinned by its package-lock.json. Offline or without npm, the graphology tests skip with the reason.
$(INTEROP): tests/interop/package.json tests/interop/package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then echo "note: npm not installed; graphology tests will skip"; \
	elif (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1); then touch $@; \
	else echo "warning: npm ci in tests/interop failed (offline?); graphology tests will skip"; fi

test: $(STAMP) browser $(INTEROP)
	$(BIN)/python -m pytest

# Long acceptance checks (tests marked slow), such as the issue 14 graph built from PolNeAR dev.
acceptance: $(STAMP)
	$(BIN)/python -m pytest -m slow

# Sizes of the archive bench: make bench BENCH_ARGS="--ratio-size 40 --archive-size 80" for a quick run.
BENCH_ARGS ?=

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(MAKE) bench-archive

# 1,000 and 5,000 PolNeAR articles (../shared): build vs extract, re-runs, graph+layout share, page.
bench-archive: $(STAMP)
	$(PIP) install --quiet --disable-pip-version-check -e ".[bench]"
	$(BIN)/python benchmarks/archive.py $(BENCH_ARGS)

coref-model: $(STAMP)
	$(BIN)/python scripts/train_coref.py

evaluate: $(STAMP)
	$(BIN)/quotegraph evaluate ../shared/seeds/gold.jsonl
	$(BIN)/quotegraph evaluate ../shared/corpora/ggt/dev.jsonl --separate-quote-runs
	$(BIN)/quotegraph evaluate ../shared/corpora/polnear/dev.jsonl --join-quote-runs --headline-quotes --relative-mentions

clean:
	rm -rf $(VENV) tests/interop/node_modules output/*.html output/*.graphml output/*.gexf output/*.csv output/*.jsonl output/*.json

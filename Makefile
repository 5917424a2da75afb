# The two commands of the README. Each one sets up what it needs: a virtualenv in
# .venv, the project installed into it, and (when DATABASE_URL is not set) an
# embedded PostgreSQL in .data/pg that stops when the command ends.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: serve test install openapi sdk lock bench bench-quick clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

serve: install
	$(BIN)/python -m loyalty_api.devdb run -- $(BIN)/loyalty-api serve

test: install
	$(BIN)/python -m loyalty_api.devdb run -- $(BIN)/python -m pytest $(PYTEST_ARGS)

openapi: install
	$(BIN)/python -m loyalty_api.devdb run -- $(BIN)/python -m tests.regenerate_openapi

# The image's pinned dependencies with their hashes (the Dockerfile installs only these);
# run after changing [project] dependencies in pyproject.toml (a test checks they agree).
lock: install
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-find-links --no-emit-index-url --output-file requirements.lock pyproject.toml

# The SDKs in clients/ from openapi/openapi.json (see clients/generate.py); the
# TypeScript part needs Node.js and installs its pinned generator from the lock file
# (clients/typescript/node_modules, git-ignored).
sdk: install
	$(BIN)/python clients/generate.py

# The benchmark (see docs/performance.md): 100,000 members by default;
# `make bench BENCH_ARGS="--scale 1m"` for the large data set. Prints figures, asserts none.
# Without DATABASE_URL the benchmark runs an embedded server of its own in .data/bench,
# with shared_buffers sized for the machine (bench/infra.py); the one of make test and
# make serve is left as it is.
bench: install
	LOYALTY_DATA_DIR=.data/bench $(BIN)/python bench/run.py $(BENCH_ARGS)

bench-quick: install
	$(BIN)/python -m loyalty_api.devdb run -- $(BIN)/python bench/run.py --quick $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .data

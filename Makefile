# `make run` serves the API on the bundled data.db; `make test` runs the suite. Both set up .venv;
# `make test` also installs newman (package-lock.json) with npm, when npm is installed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
export HOST PORT
NPM := $(shell command -v npm 2>/dev/null)

.PHONY: run test lint seed clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/activate
	$(BIN)/python -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $(VENV)/.runtime $@

run: $(VENV)/.runtime
	$(BIN)/python app.py

# node_modules/ is (re)installed when missing or older than package-lock.json.
node_modules: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

test: $(VENV)/.dev $(if $(NPM),node_modules)
	$(BIN)/python -m pytest -n 2  # two processes: the machines have two cores

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

seed: $(VENV)/.runtime
	@echo "Rebuilding the bundled data.db from fixtures/ (what it holds now is dropped)."
	DATABASE_URL=sqlite:///$(CURDIR)/data.db $(BIN)/flask --app app init-db --seed --yes

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache node_modules

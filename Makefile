# Baton: `make run` for the console chat, `make test` for the whole suite.
# `make mutation` (slow, not part of `make test`): MUTANTS='bot.core.similarity*' limits it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck unit bench mutation catalogs clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/baton shell

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -n 2 -q

test: lint typecheck unit

# The gettext catalogs: every text of bot/core/catalog.py into baton.pot, then into the French and
# German .po files (translations kept, texts no longer in the code dropped). Baton reads the .po
# files directly; `pybabel compile -d bot/locale -D baton --statistics` shows what is missing.
LOCALES := bot/locale
catalogs: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --no-location --project=Baton -w 100 -o $(LOCALES)/baton.pot .
	$(BIN)/pybabel update -i $(LOCALES)/baton.pot -d $(LOCALES) -D baton -w 100 \
		--no-fuzzy-matching --ignore-obsolete

bench: $(STAMP)
	$(BIN)/python -m bench.run_all

# Derandomised property tests, so that a mutant is judged on the same examples every time.
MUTANTS ?=
mutation: $(STAMP)
	HYPOTHESIS_PROFILE=ci $(BIN)/mutmut run --max-children 2 $(MUTANTS)
	$(BIN)/python -m bench.mutation_score

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache mutants

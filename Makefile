# Baton: `make run` for the console chat, `make test` for the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck unit bench clean catalogs

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

# Refreshes the translation catalogs from bot/core/catalog.py: new texts arrive in the .po
# files with an empty msgstr (changed ones marked fuzzy) for a translator to fill in.
LOCALES := bot/locale
catalogs: $(STAMP)
	$(BIN)/pybabel extract --mapping-file $(LOCALES)/babel.cfg --no-location --project Baton \
		--version 0.1 --copyright-holder "Baton's authors" --msgid-bugs-address "" --output-file $(LOCALES)/baton.new bot
	@# A template whose texts did not change keeps its date: fewer merge conflicts.
	@if diff -q -I '^"POT-Creation-Date' $(LOCALES)/baton.pot $(LOCALES)/baton.new >/dev/null 2>&1; \
		then rm $(LOCALES)/baton.new; else mv $(LOCALES)/baton.new $(LOCALES)/baton.pot; fi
	$(BIN)/pybabel update --input-file $(LOCALES)/baton.pot --output-dir $(LOCALES) --domain baton \
		--ignore-obsolete --ignore-pot-creation-date
	$(BIN)/pybabel compile --directory $(LOCALES) --domain baton --statistics

bench: $(STAMP)
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache

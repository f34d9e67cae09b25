# GridDesk — `make run` starts the app on the embedded SQLite default, `make test` runs every check.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench translations clean system-deps

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

system-deps:
	bash scripts/system-deps.sh

run: $(STAMP)
	$(BIN)/griddesk --demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy db reports desktop
	$(BIN)/lint-imports

test: $(STAMP) system-deps lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench $(BENCH_ARGS)

translations: $(STAMP)
	$(BIN)/pyside6-lupdate -extensions py -no-obsolete -source-language zh_CN -target-language en desktop -ts resources/i18n/griddesk_en.ts
	$(BIN)/pyside6-lupdate -extensions py -no-obsolete -source-language zh_CN -target-language zh_CN desktop -ts resources/i18n/griddesk_zh_CN.ts
	$(BIN)/pyside6-lrelease -nounfinished resources/i18n/griddesk_en.ts -qm resources/i18n/griddesk_en.qm
	$(BIN)/pyside6-lrelease -nounfinished resources/i18n/griddesk_zh_CN.ts -qm resources/i18n/griddesk_zh_CN.qm

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info

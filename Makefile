# GridDesk — `make run` starts the app on the embedded SQLite default, `make test` runs every check.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

PKG_VENV := .venv-pkg
PKG_STAMP := $(PKG_VENV)/.installed-stamp

.PHONY: run test lint bench bench-district translations clean system-deps package package-smoke bundle-smoke

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
	$(BIN)/mypy db reports desktop bench
	$(BIN)/lint-imports

test: $(STAMP) system-deps lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)
	$(MAKE) bundle-smoke

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench $(BENCH_ARGS)

# Not part of `make bench`: builds once a 10-street, 10,000,000-case PostgreSQL database (35 min, 16 GB here;
# `make bench-district BENCH_ARGS=--drop` removes it).
bench-district: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.district $(BENCH_ARGS)

translations: $(STAMP)
	$(BIN)/python scripts/db_message_templates.py
	$(BIN)/pyside6-lupdate -extensions py -no-obsolete -source-language zh_CN -target-language en desktop -ts resources/i18n/griddesk_en.ts
	$(BIN)/pyside6-lupdate -extensions py -no-obsolete -source-language zh_CN -target-language zh_CN desktop -ts resources/i18n/griddesk_zh_CN.ts
	$(BIN)/pyside6-lrelease -nounfinished resources/i18n/griddesk_en.ts -qm resources/i18n/griddesk_en.qm
	$(BIN)/pyside6-lrelease -nounfinished resources/i18n/griddesk_zh_CN.ts -qm resources/i18n/griddesk_zh_CN.qm

# The offline bundle (packaging/): dist/griddesk/, its .tar.xz and a .deb; PyInstaller lives in
# its own venv so that building never changes the one `make run`/`make test` use.
$(PKG_STAMP): pyproject.toml
	test -x $(PKG_VENV)/bin/python || $(PYTHON) -m venv $(PKG_VENV)
	$(PKG_VENV)/bin/python -m pip install -q --upgrade pip
	$(PKG_VENV)/bin/python -m pip install -q -e '.[test,package]'
	touch $(PKG_STAMP)

package: $(PKG_STAMP)
	bash packaging/linux/build-deps.sh
	PYINSTALLER=$(PKG_VENV)/bin/pyinstaller bash packaging/build.sh

# CI (`make test`): the bundle folder alone, then the smoke test run on it.
bundle-smoke: $(PKG_STAMP)
	BUNDLE_ONLY=1 PYINSTALLER=$(PKG_VENV)/bin/pyinstaller bash packaging/build.sh
	PYTHON=$(PKG_VENV)/bin/python bash packaging/smoke.sh dist/griddesk

# Runs the built bundle as it will be installed (packaging/smoke.sh); `make package` first.
package-smoke: $(PKG_STAMP)
	PYTHON=$(PKG_VENV)/bin/python bash packaging/smoke.sh

clean:
	rm -rf $(VENV) $(PKG_VENV) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info

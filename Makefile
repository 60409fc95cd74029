# resume-builder: `make demo` renders the default profile, `make test` runs the tests.
# Both set up everything they need on a fresh Debian/Ubuntu machine (system packages via
# apt-get when missing, a virtualenv in .venv, the project installed in it).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
RB     := $(VENV)/bin/resume-builder
PROFILE ?= profiles/example.yaml

# Debian packages: pango for WeasyPrint; Noto fonts for emoji, CJK and other scripts the
# theme fonts lack; DejaVu Sans Mono for `code spans`; poppler-utils to look at PDFs.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-dejavu-core \
                   fonts-noto-color-emoji fonts-noto-cjk poppler-utils
# LibreOffice opens our DOCX files in the tests, as a real word processor would; libfaketime
# moves the clock for the reproducibility test (tests/test_reproducible.py); chromium runs the
# preview page's browser tests headless (tests/serving/, Playwright with executable_path).
TEST_SYSTEM_PACKAGES := libreoffice-writer-nogui libfaketime chromium

# make test runs every test on every core (pytest-xdist); make test-fast leaves out the
# tests marked slow (LibreOffice, every theme x format, builds in subprocesses, the wheel).
# --dist worksteal: an idle worker takes tests from a busy one's queue, so the workers end
# together even though a few tests take seconds and most take milliseconds.
# One worker per core (measured: a third worker on 2 cores used 11% more CPU for the same time).
# Bytecode, pytest's rewritten test modules included, is written (to __pycache__, ignored by
# git) even where PYTHONDONTWRITEBYTECODE is set: otherwise every worker and every command
# the tests run in a subprocess compiles the same sources again (collecting the tests alone
# costs 6 s of CPU per worker instead of 2.5 s).
TEST_JOBS ?= auto
PYTEST := PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -q -p no:cacheprovider -n $(TEST_JOBS) --dist worksteal

.PHONY: demo test test-fast mutation release system-packages test-system-packages venv bench schema clean

demo: $(VENV)/.installed
	$(RB) validate $(PROFILE)
	$(RB) render $(PROFILE) --format pdf

test: $(VENV)/.installed-dev test-system-packages
	$(PYTEST)

test-fast: $(VENV)/.installed-dev system-packages
	$(PYTEST) -m "not slow"

# Mutation testing of the core rules, one module at a time with its own tests (tools/mutation.py;
# MUTATION_MODULES="output fetcher" for some); prints the share killed per module. Long: not in make test.
mutation: $(VENV)/.installed-dev
	$(PY) tools/mutation.py $(MUTATION_MODULES)

# What the release workflow does: every target of resume-builder.toml, checked, with
# output/manifest.json; SOURCE_DATE_EPOCH (e.g. the commit time) makes it reproducible.
release: $(VENV)/.installed
	$(RB) build --clean

system-packages:
	@sh .ci/install-system-packages $(SYSTEM_PACKAGES)

test-system-packages: system-packages
	@[ -z "$(TEST_SYSTEM_PACKAGES)" ] || sh .ci/install-system-packages $(TEST_SYSTEM_PACKAGES)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV) || { echo "python3 -m venv failed: on Debian/Ubuntu run 'apt-get install python3-venv'"; exit 1; }
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml $(VENV)/bin/python | system-packages
	$(PY) -m pip install -q -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/bin/python | system-packages
	$(PY) -m pip install -q -e '.[dev]'
	@touch $@ $(VENV)/.installed

schema: $(VENV)/.installed
	$(RB) schema -o profiles/profile.schema.json --force

bench: $(VENV)/.installed-dev
	$(PY) benchmarks/bench.py

clean:
	rm -rf output build dist *.egg-info .pytest_cache mutants

# Makefile for the edition, in the sphinx-quickstart convention.
# `make html` and `make test` create the virtual environment when it is missing.

PYTHON        ?= python3
VENV          ?= .venv
BIN           = $(VENV)/bin
SPHINXOPTS    ?= -W --keep-going
SPHINXBUILD   ?= $(BIN)/sphinx-build
SOURCEDIR     = docs
BUILDDIR      = _build
STAMP         = $(VENV)/.installed

.PHONY: help setup html latexpdf test verify check import clean livehtml

help: $(STAMP)
	@$(SPHINXBUILD) -M help "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)
	@echo "Edition targets: setup test verify check import livehtml clean"

# The virtual environment, with the extension installed editable.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

html: $(STAMP)
	$(SPHINXBUILD) -M html "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

latexpdf: $(STAMP)
	$(SPHINXBUILD) -M latexpdf "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

# Rewrite the generated chapters from refs/witness.txt and refs/structure.toml.
import: $(STAMP)
	$(BIN)/python -m scholarly_edition import

# Every word and marker of the witness, in order, in the HTML (and the PDF when built).
verify: html
	$(BIN)/python -m scholarly_edition verify

# Fast lint of sources and data; no build.
check: $(STAMP)
	$(BIN)/ruff check ext tests docs/conf.py
	$(BIN)/ruff format --check ext tests docs/conf.py
	$(BIN)/python -m scholarly_edition check

test: check
	$(BIN)/python -m pytest

livehtml: $(STAMP)
	$(BIN)/sphinx-autobuild "$(SOURCEDIR)" "$(BUILDDIR)/html" $(SPHINXOPTS) $(O)

clean:
	rm -rf "$(BUILDDIR)"

# Files make must never try to remake through the catch-all below.
Makefile pyproject.toml: ;

# Any other Sphinx builder: `make epub`, `make text`, `make linkcheck`, ...
%: $(STAMP)
	$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

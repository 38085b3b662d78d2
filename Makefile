# Makefile for the edition, in the sphinx-quickstart convention.
# `make html` and `make test` create the virtual environment when it is missing.

PYTHON        ?= python3
VENV          ?= .venv
BIN           = $(VENV)/bin
# The edition tools, reading the edition's configuration from $(SOURCEDIR)/conf.py.
EDITION       = $(BIN)/python -m scholarly_edition --source-dir "$(SOURCEDIR)" --build-dir "$(BUILDDIR)"
SPHINXOPTS    ?= -W --keep-going
SPHINXBUILD   ?= $(BIN)/sphinx-build
SOURCEDIR     = docs
BUILDDIR      = _build
STAMP         = $(VENV)/.installed
# Paper of the PDF: a4 (default) or letter, as in `make latexpdf PAPER=letter`.
PAPER         ?=
PAPEROPT_a4     = -D latex_elements.papersize=a4paper
PAPEROPT_letter = -D latex_elements.papersize=letterpaper
ifneq ($(PAPER),)
ifeq ($(PAPEROPT_$(PAPER)),)
$(error PAPER must be a4 or letter, not "$(PAPER)")
endif
endif
PDF           = $(BUILDDIR)/latex/stalin-edition.pdf
# A paragraph on a full page of text, to find that page for the preview.
PREVIEW_TEXT  = Stalin joined a forbidden book club

.PHONY: help setup lock catalog html latexpdf pdf-preview site test test-html test-ext verify check import clean livehtml notes-report annotation bench resolve

help: $(STAMP)
	@$(SPHINXBUILD) -M help "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)
	@echo "Edition targets: setup lock test verify check import livehtml pdf-preview site clean"

# The virtual environment, with the extension installed editable. With
# LOCK=1 (as the GitHub workflows run) every package is the version pinned in
# the lock file and is checked against its hashes; the build backend is one of
# them, so no package comes from anywhere unchecked.
LOCK          ?=
LOCKFILE      = requirements/ci.txt
$(STAMP): pyproject.toml $(if $(LOCK),$(LOCKFILE))
	$(PYTHON) -m venv $(VENV)
ifneq ($(LOCK),)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCKFILE)
	$(BIN)/python -m pip install --quiet --no-build-isolation --no-deps -e .
else
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
endif
	touch $(STAMP)

setup: $(STAMP)

# Pin every dependency of the project and its dev tools (and the build
# backend) with hashes in the lock file, for Python 3.11: run after changing
# a range in pyproject.toml. pip-tools runs from its own environment.
PIPTOOLS      = $(BUILDDIR)/pip-tools
lock:
	$(PYTHON) -m venv $(PIPTOOLS)
	$(PIPTOOLS)/bin/python -m pip install --quiet pip-tools
	CUSTOM_COMPILE_COMMAND="make lock" $(PIPTOOLS)/bin/pip-compile --quiet --strip-extras \
	  --extra dev --generate-hashes --allow-unsafe --all-build-deps --no-emit-index-url --no-emit-find-links \
	  --output-file $(LOCKFILE) pyproject.toml

html: $(STAMP)
	$(SPHINXBUILD) -M html "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

# TeX never waits at a prompt and stops at the first error; an error inside an
# annotation names its file, and no PDF is left behind from a failed run.
LATEXOPTS     ?= -interaction=nonstopmode -halt-on-error -file-line-error
export LATEXOPTS

latexpdf: $(STAMP)
	@rm -f "$(PDF)"
	$(SPHINXBUILD) -M latexpdf "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(PAPEROPT_$(PAPER)) $(O) \
	  || { $(BIN)/python -m scholarly_edition latex-error "$(BUILDDIR)/latex" --sources "$(SOURCEDIR)"; \
	       rm -f "$(BUILDDIR)"/latex/*.pdf; exit 1; }

# The title page, its verso and a full page of text as PNG images for review.
pdf-preview: latexpdf
	mkdir -p "$(BUILDDIR)/preview"
	pdftoppm -png -r 90 -f 1 -l 1 -singlefile "$(PDF)" "$(BUILDDIR)/preview/1-title-page"
	pdftoppm -png -r 90 -f 2 -l 2 -singlefile "$(PDF)" "$(BUILDDIR)/preview/2-verso"
	page=$$(for p in $$(seq 1 $$(pdfinfo "$(PDF)" | awk '/^Pages:/ {print $$2}')); do \
	  pdftotext -f $$p -l $$p "$(PDF)" - | tr '\n' ' ' | grep -q "$(PREVIEW_TEXT)" && { echo $$p; break; }; \
	done); test -n "$$page" && \
	pdftoppm -png -r 90 -f $$page -l $$page -singlefile "$(PDF)" "$(BUILDDIR)/preview/3-text-page"
	@echo "Preview images in $(BUILDDIR)/preview/"

# Rewrite the generated chapters from refs/witness.txt and refs/structure.toml.
import: $(STAMP)
	$(EDITION) import

# The site as published: the HTML pages and, beside them, the whole text on
# one page (Sphinx's singlehtml), the PDF and the EPUB, which every page links
# (edition_downloads in docs/conf.py); the HTML build writes the witness there.
SITE          = $(BUILDDIR)/html
site: html singlehtml latexpdf epub
	rm -rf "$(SITE)/whole-text"
	cp -R "$(BUILDDIR)/singlehtml" "$(SITE)/whole-text"
	cp "$(PDF)" "$(SITE)/stalin-edition.pdf"
	cp "$(BUILDDIR)/epub/stalin-edition.epub" "$(SITE)/stalin-edition.epub"

# Every word and marker of the witness, in order, in the HTML (and the PDF and
# the TEI edition, `make tei`, when built).
verify: html
	$(EDITION) verify

# Fast lint of sources and data; no build. The extension's packages are
# type-checked (mypy, at the strictness of [tool.mypy] in pyproject.toml),
# every annotation that states a fact cites a work of refs/works.bib, every
# tracked file has a licence rule in LICENSE-TEXT.md, and CITATION.cff is
# valid Citation File Format. actionlint checks the GitHub workflows (and,
# with shellcheck installed, their scripts).
check: $(STAMP)
	$(BIN)/ruff check ext tests docs/conf.py bench
	$(BIN)/ruff format --check ext tests docs/conf.py bench
	$(BIN)/actionlint .github/workflows/*.yml
	$(BIN)/mypy
	$(EDITION) check
	$(BIN)/python -m edition_tools.licence_coverage
	$(BIN)/cffconvert --validate -i CITATION.cff

# The apparatus's labels in other languages (the extension's message
# catalogue, sphinx.locale): extract every _("...") of the extension into the
# template, merge it into each language's catalogue, and compile those to the
# .mo files the package ships. New labels reach a catalogue untranslated;
# tests/test_locale.py fails until each has its translation.
LOCALE        = ext/scholarly_edition/locale
CATALOG       = scholarly_edition
catalog: $(STAMP)
	$(BIN)/pybabel --quiet extract --no-location --sort-output --add-comments=Translators: \
	  --project=scholarly-edition \
	  --copyright-holder="The editors" -o $(LOCALE)/$(CATALOG).pot ext/scholarly_edition
	$(BIN)/pybabel --quiet update --ignore-obsolete --ignore-pot-creation-date -D $(CATALOG) \
	  -i $(LOCALE)/$(CATALOG).pot -d $(LOCALE)
	$(BIN)/pybabel compile --statistics -D $(CATALOG) -d $(LOCALE)

# Start an annotation: make annotation QUOTE="exact words" CONTRIBUTOR="Your Name"
# [KIND=commentary|correction|context|source] [PREFIX=...] [SUFFIX=...]
# The values are contributors' text and reach the command only as environment
# variables holding them unexpanded ($(value)), never through a shell command
# line, so quotes, $, backticks, $(...) and newlines in them stay words. Make
# would expand them (running any $(shell ...)) to export them under their own
# names, so they are not exported.
ANNOTATE_ARGS = QUOTE PREFIX SUFFIX KIND CONTRIBUTOR
unexport $(ANNOTATE_ARGS)
annotation: export ANNOTATE_QUOTE = $(value QUOTE)
annotation: export ANNOTATE_PREFIX = $(value PREFIX)
annotation: export ANNOTATE_SUFFIX = $(value SUFFIX)
annotation: export ANNOTATE_KIND = $(value KIND)
annotation: export ANNOTATE_CONTRIBUTOR = $(value CONTRIBUTOR)
annotation: $(STAMP)
	$(EDITION) annotate --from-env

# Resolve the open notes from the article's page: make resolve ARTICLE=PAGE.html
# The path reaches the command through the environment, never through the
# shell or make's expansion ($(value ...)), whatever characters it holds.
resolve: export EDITION_ARTICLE = $(value ARTICLE)
resolve: $(STAMP)
	$(EDITION) resolve --article-from-env EDITION_ARTICLE $(RESOLVEOPTS)

# axe-core for the browser tests' accessibility audit (tests/browser), Lighthouse
# for the benchmark of the pages a phone loads (bench/lighthouse_bench.py), and
# Apache Annotator, which anchors the exported Web Annotations, from the npm
# registry at the versions package-lock.json pins. Apache Annotator is bundled
# with esbuild (also pinned) into one script the tests inject into a page.
AXE = node_modules/axe-core/axe.min.js
ANNOTATOR = node_modules/.bundles/apache-annotator.js
.PHONY: browser-deps screenshots epubcheck
browser-deps: $(AXE) $(ANNOTATOR)

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(AXE)

$(ANNOTATOR): $(AXE) tests/browser/annotator.mjs
	node_modules/.bin/esbuild tests/browser/annotator.mjs --bundle --format=iife \
	  --log-level=warning --outfile=$@

# A chapter in Chromium, desktop, tablet (900 px) and phone, light and dark, as PNG for review.
screenshots: html
	$(BIN)/python tests/browser/screenshots.py "$(BUILDDIR)/html" "$(BUILDDIR)/screenshots"

# The EPUB, checked with Debian's epubcheck (a jar: run with java, as the tests do).
epubcheck: epub
	java -jar /usr/bin/epubcheck "$(BUILDDIR)"/epub/*.epub

# Issue 19's goals, each met or not with its numbers, in one run: build time,
# HTML written and memory against the plain build at 1x, 10x and 50x,
# incremental builds above the floor, -j 2 against -j 1 at 10x, and the PDF,
# written to _build/bench.json; then `resolve` on a synthetic 400-note article
# page, and the build after it; then `make tei` against `make html`; then
# Lighthouse (npm, with browser-deps) on four pages of `make html`, served
# gzipped, written to _build/lighthouse.json; then both files' goals together.
bench: $(STAMP) html $(AXE)
	$(BIN)/python bench/build_bench.py $(BENCHOPTS)
	$(BIN)/python bench/resolve_bench.py
	$(BIN)/python bench/tei_bench.py
	$(BIN)/python bench/lighthouse_bench.py "$(BUILDDIR)/html" $(LIGHTHOUSEOPTS)
	$(BIN)/python bench/goals.py

# Resolved and open notes per chapter, with the passage each open note supports.
notes-report: $(STAMP)
	@$(EDITION) notes-report

# The tests run in TESTJOBS pytest-xdist workers (one per core of a two-core
# machine), each test file whole in one worker, so a file's shared builds are
# made once; the session's builds of the edition are shared by all workers
# (tests/conftest.py). TESTJOBS=0 runs them in this process.
TESTJOBS      ?= 2
PYTEST        = $(BIN)/python -m pytest -n $(TESTJOBS) --dist loadfile

# README's test command installs the browser tests' npm packages first
# (browser-deps) where npm is installed; without npm the browser tests skip
# (and fail in CI, tests/conftest.py).
NPM           = $(shell command -v npm 2>/dev/null)
test: check $(if $(NPM),browser-deps)
	$(PYTEST)

# The suite without TeX and the browser (the extension's sphinx.testing roots and
# the HTML edition), e.g. on another Python in an environment of its own:
# make test-html PYTHON=python3.13 VENV=.venv-3.13
test-html: $(STAMP)
	$(PYTEST) -m "not pdf and not browser"

# The extension's own suite: every test that builds a sphinx.testing root.
test-ext: $(STAMP)
	$(PYTEST) -m extension

livehtml: $(STAMP)
	$(BIN)/sphinx-autobuild "$(SOURCEDIR)" "$(BUILDDIR)/html" $(SPHINXOPTS) $(O)

clean:
	rm -rf "$(BUILDDIR)"

# Files make must never try to remake through the catch-all below.
Makefile pyproject.toml package.json package-lock.json $(LOCKFILE) tests/browser/annotator.mjs: ;

# Any other Sphinx builder: `make epub`, `make text`, `make tei` (the extension's
# TEI P5 edition), `make linkcheck`, ...
%: $(STAMP)
	$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(PAPEROPT_$(PAPER)) $(O)

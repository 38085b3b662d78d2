"""The BibTeX files, parsed by pybtex once per build, for sphinxcontrib-bibtex as for the notes.

sphinxcontrib-bibtex keeps its parse in its domain (``BibData``) and parses
again only when a file's modification time changed (``is_bibdata_outdated``,
at ``builder-inited``). Parsing here first, as it does and into the same
cache, it finds the cache up to date, so each file is read by pybtex once,
and not at all in a rebuild that left the files alone. The parse runs under
pybtex's ``capture()``: a syntax error or duplicate key is collected instead
of stopping the build with a traceback (the lint, ``bib_lint.py``, has
already reported it at its line), and pybtex reads the rest of the file. A
file pybtex cannot open or decode gives no entries; the lint's one message
says that no note citing a work is linked.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

import pybtex.errors
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime, is_bibdata_outdated
from sphinxcontrib.bibtex.domain import BibtexDomain


def paths(app: Sphinx) -> list[Path]:
    """The BibTeX files as sphinxcontrib-bibtex names them (relative to the conf dir)."""
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles or []]


def parse_once(app: Sphinx) -> None:
    """Fill sphinxcontrib-bibtex's cache when a file changed; leave it as it is otherwise."""
    domain = app.env.domains["cite"]
    assert isinstance(domain, BibtexDomain)
    encoding = app.config.bibtex_encoding
    files = paths(app)
    if not is_bibdata_outdated(domain.bibdata, files, encoding):
        return
    parser = Parser(encoding)
    bibfiles: dict[Path, BibFile] = {}
    with pybtex.errors.capture():
        for path in files:
            before = set(parser.data.entries)
            # A file missing or not UTF-8 gives no entries; the lint reports it.
            with suppress(PybtexError):
                parser.parse_file(path)
            keys = dict.fromkeys(key for key in parser.data.entries if key not in before)
            bibfiles[path] = BibFile(mtime=get_mtime(path), keys=keys)
    domain.data["bibdata"] = BibData(encoding, bibfiles, parser.data)

"""Every process of ``-j N`` writes pages, not N minus one.

Sphinx's ``Builder.write_documents`` forks ``-j`` minus one writers, keeping
the main process for resolving each doctree before a writer gets it. At 10x
under ``-j 2`` (``bench/parallel_timeline.py``) the main process had resolved
every page by 14 s and then waited until 29 s for its one writer, which
translated, rendered and wrote all 371 pages: one core idle for half the
build. With as many writers as ``-j`` asks for, the main process resolves
while the writers write, and the cores share the writing once it has
resolved. Sphinx's parallel writer (``_write_parallel``) does the work; only
its number of processes changes, and ``tests/test_parallel_writing.py``
fails if Sphinx's own builder stops writing with one process fewer.
"""

from __future__ import annotations

from collections.abc import Set

from sphinx.builders import Builder


class EveryProcessWriting(Builder):
    """A builder whose ``-j N`` build writes its pages with N processes."""

    def write_documents(self, docnames: Set[str]) -> None:
        if self.parallel_ok:
            self._write_parallel(sorted(docnames), nproc=self._app.parallel)
        else:
            super().write_documents(docnames)

"""Tune Python's cyclic garbage collector for the length of a build.

Docutils nodes point to their parents, so every doctree is a web of cycles
that only the cyclic collector frees; with the default thresholds it runs
every 700 allocations and, as the environment grows, keeps walking objects
that live until the build ends. Profiles of ``make bench`` showed that time
spread over every function that makes nodes (a quarter of the 20x build's CPU).
During a build the young generation is collected every 5,000 allocations
instead. The environment is not frozen out of the collector's walks: frozen,
every doctree read before writing stayed alive after it was written (Sphinx
keeps them until then), and the 50x build's peak was 1,239 MiB against 715
without the freeze, for 3% more CPU (295 against 305 s; at 10x 322 against
226 MiB, 38.4 against 39.6 s).

When the pages are written in parallel (``-j``), full collections run ten
times less often: each forked writer lives for one chunk of pages, and its
full collections walked the whole environment it inherited; the main
process, which under ``-j`` reads nothing itself, keeps no doctree waiting
to be written. At 10x with ``-j 2`` (alternated three times): 10.4 to 11.1 s
of wall time instead of 11.4 to 11.8, for a peak of 351 to 355 MiB instead
of 318 to 334; at 50x 74.9 s instead of 79.9, for 1,328 MiB instead of
1,270. The thresholds are undone when the build finishes, so a process that
runs several builds (the tests) keeps its own.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx
from sphinx.builders import Builder

# Young objects between collections, then how many collections of one
# generation trigger one of the next (the defaults are 700, 10, 10).
THRESHOLDS = (5_000, 10, 10)
WRITING_IN_PARALLEL = (5_000, 10, 100)
_SAVED = "_edition_gc_thresholds"


def start(app: Sphinx, env: object, docnames: list[str]) -> None:
    """When reading starts: inside ``Sphinx.build``, so ``build-finished`` follows.

    (Not at ``builder-inited``: an application made and never built would
    leave the collector tuned.)
    """
    if not hasattr(app, _SAVED):
        setattr(app, _SAVED, gc.get_threshold())
    gc.set_threshold(*THRESHOLDS)


def writing(app: Sphinx, builder: Builder) -> None:
    """When writing starts: the writers Sphinx forks inherit the thresholds."""
    if app.parallel > 1 and builder.parallel_ok and hasattr(app, _SAVED):
        gc.set_threshold(*WRITING_IN_PARALLEL)


def finish(app: Sphinx, exception: BaseException | None) -> None:
    saved = getattr(app, _SAVED, None)
    if saved is not None:
        gc.set_threshold(*saved)
        delattr(app, _SAVED)


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", start)
    app.connect("write-started", writing)
    app.connect("build-finished", finish)

"""Tune Python's cyclic garbage collector for the length of a build.

Docutils nodes point to their parents, so every doctree is a web of cycles
that only the cyclic collector frees; with the default thresholds it runs
every 700 allocations and, as the environment grows, keeps walking objects
that live until the build ends. Profiles of ``make bench`` showed that time
spread over every function that makes nodes (a quarter of the 20x build's CPU).
During a build the collector runs less often, and the environment read
before writing is frozen out of its walks; both are undone when the build
finishes, so a process that runs several builds (the tests) keeps its own
settings and frees each build's objects.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx

# Young objects between collections, then how many collections of one
# generation trigger one of the next (the defaults are 700, 10, 10).
THRESHOLDS = (50_000, 20, 100)
_SAVED = "_edition_gc_thresholds"


def start(app: Sphinx, env: object, docnames: list[str]) -> None:
    """When reading starts: inside ``Sphinx.build``, so ``build-finished`` follows.

    (Not at ``builder-inited``: an application made and never built would
    leave the collector tuned.)
    """
    if not hasattr(app, _SAVED):
        setattr(app, _SAVED, gc.get_threshold())
    gc.set_threshold(*THRESHOLDS)


def freeze_environment(app: Sphinx, env: object) -> list[str]:
    """After reading: what the environment holds lives until the build ends."""
    gc.freeze()
    return []


def finish(app: Sphinx, exception: BaseException | None) -> None:
    gc.unfreeze()
    saved = getattr(app, _SAVED, None)
    if saved is not None:
        gc.set_threshold(*saved)
        delattr(app, _SAVED)


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", start)
    # After the other handlers of env-updated, which still change the environment.
    app.connect("env-updated", freeze_environment, priority=900)
    app.connect("build-finished", finish)

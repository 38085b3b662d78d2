"""What the edition's domains share: records kept per document, and the reading order.

Each domain keeps what it reads in dicts keyed by docname, as Sphinx's own
domains do, so that an incremental build forgets exactly the documents it
re-reads (``clear_doc``) and ``-j`` workers hand back exactly the documents
they read (``merge_domaindata``; the base class raises). Anything else in a
domain's data is derived in ``env-updated``, in the main process, after
merging, so it is neither cleared nor merged here.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any, ClassVar

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment


class PerDocumentDomain(Domain):
    """A domain whose read-phase records live in ``data[key][docname]`` for each key of
    ``per_doc`` (each also in ``initial_data``, so the dicts always exist)."""

    per_doc: ClassVar[tuple[str, ...]] = ()

    def clear_doc(self, docname: str) -> None:
        for key in self.per_doc:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in self.per_doc:
            theirs = otherdata[key]
            for docname in docnames:
                if docname in theirs:
                    self.data[key][docname] = theirs[docname]

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        """Nothing here answers an ``any`` reference (the base class would raise)."""
        return []


def reading_order(env: BuildEnvironment) -> list[str]:
    """Documents in toctree order from the root, then any others by name."""
    order: list[str] = []
    seen: set[str] = set()
    stack = [env.config.root_doc]
    while stack:
        docname = stack.pop()
        if docname in seen or docname not in env.all_docs:
            continue
        seen.add(docname)
        order.append(docname)
        stack.extend(reversed(env.toctree_includes.get(docname, [])))
    return order + sorted(set(env.all_docs) - seen)

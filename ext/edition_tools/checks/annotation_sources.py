"""Every annotation that states a fact names the work it has the fact from.

A correction, a note of context and a note on a source say what is so, and
a reader must be able to check it: each cites at least one work of
``refs/works.bib``, in its ``cites`` field or with a citation role in its
text. A commentary is the editors' or a contributor's own reading and needs
none. The citation roles are found with the same markdown-it parser that
screens the body (:mod:`scholarly_edition.annotations.safety`), so a role in inline code or a
quotation of the syntax is not a citation.
"""

from __future__ import annotations

from scholarly_edition._util.problem import Problem
from scholarly_edition.annotations import safety as annotations_safety
from scholarly_edition.annotations.file import AnnotationFile

# The factual kinds, as a reader calls an annotation of each.
FACTUAL = {
    "correction": "a correction",
    "context": "a note of context",
    "source": "a note on a source",
}


def cited_keys(parsed: AnnotationFile) -> list[tuple[int, str]]:
    """(line, key) of every work the body cites with ``{cite:p}`` and its kin."""
    padded = "\n" * (parsed.body_start - 1) + parsed.body
    found = []
    for token in annotations_safety.tokens(padded):
        line = 1 + (token.map[0] if token.map else 0)
        for child in token.children or []:
            if child.type == "softbreak":
                line += 1
            elif (
                child.type == "myst_role"
                and child.meta.get("name") in annotations_safety.ALLOWED_ROLES
            ):
                # sphinxcontrib-bibtex reads a role's content as keys separated by commas.
                found += [(line, key.strip()) for key in child.content.split(",") if key.strip()]
    return found


def problems(parsed: AnnotationFile, bib_keys: set[str]) -> list[Problem]:
    """A factual annotation that cites nothing, and a citation of a work not in the bibliography."""
    annotation = parsed.annotation
    if annotation is None:
        return []
    roles = cited_keys(parsed)
    found = [
        Problem(
            parsed.path,
            line,
            f"no BibTeX entry with key {key!r} in the bibliography (bibtex_bibfiles)",
        )
        for line, key in roles
        if key not in bib_keys
    ]
    if annotation.kind in FACTUAL and not annotation.cites and not roles:
        found.append(
            Problem(
                parsed.path,
                annotation.lines.get("kind", 1),
                f"{FACTUAL[annotation.kind]} states a fact, so it cites its source: name a work of "
                "the bibliography in `cites: [key]` or in the text with {cite:p}`key` "
                "(only a commentary may cite nothing)",
            )
        )
    return found

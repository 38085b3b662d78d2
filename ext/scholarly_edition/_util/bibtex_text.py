"""A BibTeX field as plain text, for the outputs that are not LaTeX (TEI, CSL-JSON).

pybtex decodes the field's LaTeX (``\\&``, ``--``, braces); ``\\url{…}`` keeps
its address and loses the command, which pybtex leaves before it.
"""

from __future__ import annotations

from pybtex.richtext import Text

URL_COMMAND = "\\url "


def plain(value: str) -> str:
    """A field's LaTeX (``\\&``, ``--``, braces, ``\\url{}``) as text, decoded by pybtex."""
    return Text.from_latex(value).render_as("text").replace(URL_COMMAND, "")

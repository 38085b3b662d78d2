"""The editorial signs in the running text: absent images, the lacuna, the lines
of one paragraph, paragraph anchors, and the concordance of witness lines.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import absent_image, concordance, lacuna, paragraphs, witness_lines


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("scholarly_edition._util.i18n")
    app.setup_extension("scholarly_edition._util.documents")
    absent_image.setup(app)
    lacuna.setup(app)
    concordance.setup(app)
    witness_lines.setup(app)
    paragraphs.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

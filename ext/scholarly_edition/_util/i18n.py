"""The apparatus's labels in the edition's ``language``, through Sphinx's message catalogues.

Every feature that writes a label a reader sees sets this module up
(``app.setup_extension``), and calls :func:`_` where the label is written,
never at import: a label translated at import would keep the language of the
first build in the process. The catalogues are ``locale/<lang>/LC_MESSAGES/
scholarly_edition.po`` beside the package, compiled to ``.mo`` (``make
catalog``). The warnings stay English, as Sphinx's own log does by default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.locale import get_translation

MESSAGE_CATALOG_NAME = "scholarly_edition"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_ = get_translation(MESSAGE_CATALOG_NAME)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_message_catalog(MESSAGE_CATALOG_NAME, LOCALE_DIR)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

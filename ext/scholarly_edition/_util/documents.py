"""Which documents are the text and which are annotations, as every feature asks.

The configuration values live here, not in the annotations feature, so that
notes, names and paragraph anchors know the text's pages when loaded alone:
each feature that asks sets this module up with ``app.setup_extension``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .config_registry import ConfigRegistry


def is_annotation(config: Config, docname: str) -> bool:
    folder = config.edition_annotations_dir
    return bool(folder) and docname.startswith(folder.rstrip("/") + "/")


def in_text(config: Config, docname: str) -> bool:
    scope = config.edition_text_documents
    return docname in scope if scope else not is_annotation(config, docname)


def config_values(app: ConfigRegistry) -> None:
    app.add_config_value("edition_annotations_dir", "annotations", "env", str)
    app.add_config_value("edition_text_documents", [], "env", list)


def setup(app: Sphinx) -> dict[str, Any]:
    """An extension of its own, so that every feature asking for it sets it up once."""
    config_values(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

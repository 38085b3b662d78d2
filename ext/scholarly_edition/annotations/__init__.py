"""Contributed annotations: wiring of config values, nodes, domain, transforms and events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .._util import static_files
from . import nodes as annotations_nodes
from .allowed import AnnotationAllowList
from .domain import AnnotationsDomain
from .nodes import annotation_list
from .parser import EditionMystParser
from .place import PlaceAnnotations, note_reread, place_annotations
from .read import AnnotationReader, BlockCollector, screen_source, stray_files

STATIC = Path(__file__).parent / "static"


class AnnotationListDirective(SphinxDirective):
    """``{annotation-list}``: every annotation, by chapter and by contributor."""

    def run(self) -> list[annotation_list]:
        node = annotation_list()
        self.set_source_info(node)
        return [node]


def setup(app: Sphinx) -> dict[str, Any]:
    # Annotations cite the works and notes of the notes feature.
    app.setup_extension("scholarly_edition.notes")
    app.setup_extension("scholarly_edition._util.i18n")
    app.setup_extension("scholarly_edition._util.documents")
    app.add_config_value("edition_annotations_page", "annotations", "env", str)
    app.setup_extension("myst_parser")
    app.add_source_parser(EditionMystParser, override=True)
    annotations_nodes.setup(app)
    static_files.register_for_pages(
        app, STATIC, ("annotations.css", "annotations.js"), annotations_nodes.has_notes
    )
    app.add_domain(AnnotationsDomain)
    app.add_transform(AnnotationAllowList)
    app.add_transform(AnnotationReader)
    app.add_transform(BlockCollector)
    app.add_post_transform(PlaceAnnotations)
    app.add_directive("annotation-list", AnnotationListDirective)
    app.connect("source-read", screen_source)
    app.connect("env-before-read-docs", stray_files)
    app.connect("env-before-read-docs", note_reread)
    app.connect("env-updated", place_annotations)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

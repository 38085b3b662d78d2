"""Contributed annotations: wiring of config values, nodes, domain, transforms and events."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from . import annotations_nodes
from .annotations_allowed import AnnotationAllowList
from .annotations_domain import AnnotationsDomain
from .annotations_nodes import annotation_list
from .annotations_parser import EditionMystParser
from .annotations_place import PlaceAnnotations, note_reread, place_annotations
from .annotations_read import AnnotationReader, BlockCollector, screen_source, stray_files


class AnnotationListDirective(SphinxDirective):
    """``{annotation-list}``: every annotation, by chapter and by contributor."""

    def run(self) -> list[annotation_list]:
        node = annotation_list()
        self.set_source_info(node)
        return [node]


def setup(app: Sphinx) -> None:
    app.add_config_value("edition_annotations_dir", "annotations", "env", str)
    app.add_config_value("edition_annotations_page", "annotations", "env", str)
    app.add_config_value("edition_text_documents", [], "env", list)
    app.setup_extension("myst_parser")
    app.add_source_parser(EditionMystParser, override=True)
    annotations_nodes.setup(app)
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

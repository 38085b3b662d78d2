"""The edition's own annotations, in the built HTML and PDF, as docs/annotations has them."""

from __future__ import annotations

from pathlib import Path

import pytest

import edition_data
from conftest import ROOT
from scholarly_edition.text import structure


def test_each_annotation_marks_its_passage(
    html_build: tuple[Path, str], edition: structure.Structure
) -> None:
    edition_data.check_annotations_html(ROOT, edition, html_build[0])


@pytest.mark.pdf
def test_each_annotation_is_a_footnote_in_the_pdf(
    pdf_build: tuple[Path, str], edition: structure.Structure
) -> None:
    edition_data.check_annotations_pdf(ROOT, edition, pdf_build[0])

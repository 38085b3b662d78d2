"""The exported Web Annotations, anchored in Chromium by Apache Annotator's own matchers.

Every selector of ``annotations.jsonld`` must find exactly one range in its
page, and that range must be exactly the passage the edition marks (the
``mark`` elements of the annotation), from its first letter to its last.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import ROOT, _missing

pytestmark = pytest.mark.browser
ANNOTATOR = ROOT / "node_modules" / ".bundles" / "apache-annotator.js"

# Anchors a selector and compares each range found with the marked passage.
ANCHOR = """
async ([selector, mark]) => {
  // A boundary point as a character offset in the page's text.
  const offset = (node, at) => {
    const before = document.createRange();
    before.setStart(document.body, 0);
    before.setEnd(node, at);
    return before.toString().length;
  };
  const marks = document.querySelectorAll(`mark[data-annotation="${mark}"]`);
  const first = marks[0].firstChild, last = marks[marks.length - 1].lastChild;
  const ranges = await window.apacheAnnotator.anchor(selector);
  return {
    marked: [offset(first, 0), offset(last, last.length)],
    found: ranges.map((range) => ({
      text: range.toString(),
      at: [offset(range.startContainer, range.startOffset),
           offset(range.endContainer, range.endOffset)],
    })),
  };
}
"""


@pytest.fixture(scope="module")
def annotator() -> str:
    if not ANNOTATOR.is_file():
        _missing("Apache Annotator (make browser-deps)")
    return ANNOTATOR.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def exported(html_build: tuple[Path, str]) -> list[dict]:
    data = json.loads((html_build[0] / "annotations.jsonld").read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items) == len(list((ROOT / "docs" / "annotations").glob("*.md")))
    return items


def _selectors(target: dict) -> list[dict]:
    return target["selector"]


def test_every_exported_selector_finds_its_marked_passage_once(
    page, site: str, annotator: str, exported: list[dict]
) -> None:
    anchored = 0
    for item in exported:
        target = item["target"]
        page.goto(site + target["source"])
        page.add_script_tag(content=annotator)
        mark = "annotated-" + Path(item["id"]).stem
        for selector in _selectors(target):
            result = page.evaluate(ANCHOR, [selector, mark])
            where = f"{item['id']}: {selector['type']}"
            assert len(result["found"]) == 1, f"{where}: {result['found']}"
            (found,) = result["found"]
            assert found["at"] == result["marked"], f"{where}: {found}"
            quote = next(s for s in _selectors(target) if s["type"] == "TextQuoteSelector")
            assert found["text"] == quote["exact"], where
            anchored += 1
    assert anchored == 2 * len(exported)

"""Web Annotations in and out: the export's data, and `annotate --from-jsonld`.

The export is anchored in Chromium by Apache Annotator in
``tests/browser/test_browser_web_annotation.py``; here it is read as data and
imported back, and a Hypothesis export is imported with the same checks as
``make annotation``.
"""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from scholarly_edition.annotations import safety as annotations_safety

ANNOTATIONS = ROOT / "docs" / "annotations"
COMMAND = (sys.executable, "-m", "scholarly_edition")
MOTIVATIONS = {"commentary": "commenting", "correction": "editing", "context": "describing"}


def front_matter(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body.strip()


@pytest.fixture(scope="module")
def exported(html_build: tuple[Path, str]) -> dict:
    return json.loads((html_build[0] / "annotations.jsonld").read_text(encoding="utf-8"))


def annotate(root: Path, source: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, "--root", str(root), "annotate", "--from-jsonld", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_export_says_what_each_annotation_file_says(exported: dict) -> None:
    assert exported["@context"] == "http://www.w3.org/ns/anno.jsonld"
    items = exported["first"]["items"]
    assert len(items) == exported["total"] == len(list(ANNOTATIONS.glob("*.md")))
    for item in items:
        front, _ = front_matter(ROOT / "docs" / f"{Path(item['id']).with_suffix('.md')}")
        assert item["creator"] == {"name": front["contributor"]}
        assert item["created"] == str(front["date"])
        assert item["motivation"] == MOTIVATIONS.get(front["kind"], "commenting")
        quote = item["target"]["selector"][0]
        assert quote["type"] == "TextQuoteSelector"
        assert quote["exact"] == front["target"]["quote"]
        assert item["body"][0]["type"] == "TextualBody" and item["body"][0]["value"]
        if front["kind"] == "correction":
            edited = front["target"]["quote"].replace(front["reading"], front["proposed"], 1)
            assert item["body"][1] == {"type": "TextualBody", "purpose": "editing", "value": edited}


def test_the_export_imports_back_as_the_same_annotations(
    checkout: Path, exported: dict, tmp_path: Path
) -> None:
    for path in (checkout / "docs" / "annotations").glob("*.md"):
        path.unlink()
    source = tmp_path / "export.jsonld"
    source.write_text(json.dumps(exported), encoding="utf-8")
    result = annotate(checkout, source)
    assert result.returncode == 0, result.stderr
    written = sorted((checkout / "docs" / "annotations").glob("*.md"))
    assert len(written) == len(exported["first"]["items"])
    originals = {
        front["target"]["quote"]: front
        for front, _ in (front_matter(p) for p in ANNOTATIONS.glob("*.md"))
    }
    for path in written:
        front, body = front_matter(path)
        original = originals[front["target"]["quote"]]
        for field in ("contributor", "date", "kind"):
            assert front.get(field) == original.get(field), (path.name, field)
        if original["kind"] == "correction":
            # The reading imported is the whole passage, and the passage edited.
            quote = original["target"]["quote"]
            assert front["reading"] == quote
            assert front["proposed"] == quote.replace(original["reading"], original["proposed"], 1)
        assert body
        assert annotations_safety.problems(body, 1) == []


HYPOTHESIS = {
    "export_date": "2026-12-01T10:00:00.000Z",
    "annotations": [
        {
            "id": "h1",
            "created": "2026-11-30T09:15:00.000000+00:00",
            "user": "acct:areader@hypothes.is",
            "user_info": {"display_name": None},
            "text": "A <script>alert(1)</script> note, {eval-rst}`x`\n\nand a paragraph.",
            "target": [
                {
                    "source": "https://example.org/early-life/1878-1899.html",
                    "selector": [
                        {"type": "RangeSelector", "startContainer": "/p[3]"},
                        {"type": "TextPositionSelector", "start": 10, "end": 20},
                        {
                            "type": "TextQuoteSelector",
                            "exact": "forbidden book club",
                            "prefix": "link\n4Stalin joined a ",
                            "suffix": " at the school;[36] he was part",
                        },
                    ],
                }
            ],
        },
        {"id": "h2", "user": "acct:b@hypothes.is", "text": "x", "target": [{"source": "x"}]},
        {
            "id": "h3",
            "user": "acct:b@hypothes.is",
            "text": "x",
            "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "Stalin was not"}]}],
        },
        {
            "id": "h4",
            "text": "x",
            "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "forbidden"}]}],
        },
    ],
}


def test_a_hypothesis_export_is_imported_with_the_checks_of_make_annotation(
    checkout: Path, tmp_path: Path
) -> None:
    source = tmp_path / "hypothesis.json"
    source.write_text(json.dumps(HYPOTHESIS), encoding="utf-8")
    result = annotate(checkout, source)
    assert result.returncode == 1
    (written,) = [line for line in result.stdout.splitlines() if line.startswith("wrote ")]
    assert written == "wrote docs/annotations/forbidden-book-club.md: annotation 1 (h1)"
    front, body = front_matter(checkout / "docs" / "annotations" / "forbidden-book-club.md")
    assert front == {
        "target": {
            "quote": "forbidden book club",
            "prefix": "Stalin joined a ",
            "suffix": " at the school;[36] he was part",
        },
        "contributor": "areader",
        "date": datetime.date(2026, 11, 30),
        "kind": "commentary",
    }
    # The tool's text is the body, every character of it literal.
    assert body.startswith("A \\<script>alert(1)\\</script> note, \\{eval-rst\\}\\`x\\`")
    assert annotations_safety.problems(body, 1) == []
    assert body.count("\n\n") == 1
    errors = result.stderr.splitlines()
    assert errors[0] == (
        f"error: {source}: annotation 2 (h2): it has no TextQuoteSelector: the edition "
        "anchors an annotation by the words it quotes (a position or a CSS selector alone "
        "changes with the page)"
    )
    assert errors[1].startswith(
        f"error: {source}: annotation 3 (h3): the quotation matches no passage; closest:"
    )
    assert errors[2] == (
        f"error: {source}: annotation 4 (h4): it names no creator: the edition says who "
        "wrote each annotation"
    )
    assert len(errors) == 3


def test_a_correction_without_its_reading_is_refused(checkout: Path, tmp_path: Path) -> None:
    source = tmp_path / "w3c.jsonld"
    annotation = {
        "type": "Annotation",
        "motivation": "editing",
        "creator": {"name": "A. Reader"},
        "body": {"type": "TextualBody", "value": "a slip"},
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "diwndling"}},
    }
    source.write_text(json.dumps(annotation), encoding="utf-8")
    result = annotate(checkout, source)
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {source}: annotation 1: a correction needs the proposed reading: "
        "a TextualBody with purpose editing\n"
    )

"""Generated annotation files: what ``make check`` passes, the build renders as prose only.

Each example writes a handful of annotation files that mix front matter and
bodies (split markers, indentation, block scalars, directives in every MyST
and reStructuredText spelling, roles, links) into a small project and builds
it. For every file the check passes, the build gives no warning of its own and
the annotation's recorded content holds only allow-listed nodes; no output
file ever carries a payload. A Sphinx build per example, so a handful in CI
(``HYPOTHESIS_PROFILE=soak`` runs more).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from scholarly_edition.annotations import allowed as annotations_allowed
from scholarly_edition.annotations import file as annotations_file
from scholarly_edition.annotations.domain import AnnotationsDomain
from scholarly_edition.notes import bib_lint
from scholarly_edition.notes import data as notes_data

SECRET = "/etc/os-release"
# fmt: off
FRONT_EXTRA = [
    "cites: |\n  x\n  ---\n", "contributor: |\n  ---\n", "  ---\n", "...\n", "   ---   \n",
    "\t---\n", "reading: >\n  ---\n", "orphan: true\n",
    "myst:\n  enable_extensions: [html_image]\n",
    "html_meta:\n  http-equiv=refresh: 0\n", "substitutions:\n  x: y\n", "cites: [service2004]\n",
    "date: 2026-02-30\n", "kind: correction\n", "# a comment\n", "? [a]\n: b\n",
]
BODY = [
    f"```{{include}} {SECRET}\n```\n", f"~~~{{literalinclude}} {SECRET}\n~~~\n",
    f":::{{include}} {SECRET}\n:::\n", f"````{{eval-rst}}\n.. include:: {SECRET}\n````\n",
    "```{eval-rst}\n.. meta::\n   :http-equiv=refresh: 0\n```\n",
    f"```{{csv-table}}\n:file: {SECRET}\n```\n", f"   ```{{include}} {SECRET}\n   ```\n",
    f"    ```{{include}} {SECRET}\n", f"> ```{{include}} {SECRET}\n> ```\n",
    f"- ```{{include}} {SECRET}\n  ```\n", "{eval-rst}`x`", f"{{include}}`{SECRET}`",
    "{raw:html}`<b>x</b>`", f".. include:: {SECRET}\n", ".. raw:: html\n\n   <b>x</b>\n",
    "<script>x</script>\n", "<b>x</b>", "[x](javascript:alert(1))", f"[x]({SECRET})",
    f"[x](../../../../../..{SECRET})", "<javascript:alert(1)>", "{{ version }}",
    "[^1]\n\n[^1]: x\n", "(t)=\n", "  \n", "line  \nbreak", "line\\\nbreak", "[l](first.md)",
    "---\n", "***\n", "# H\n", "| a |\n|---|\n", "term\n: def\n", ":f: x\n", "{#id}\n",
    "{.c}\n", "\u202e", "\u200b", "<!-- c -->", "[l](../missing.md)", "[l](../conf.py)",
]
# What a body may hold: every one of these passes the check alone.
PROSE = [
    "Word ", "*e* ", "**s** ", "`c` ", "`{include}` ", "> q\n", "- i\n", "1. i\n", "\n\n",
    "[a](https://example.org)", "<https://example.org/x>", "{cite:p}`service2004`",
    "{cite:t}`conquest1991`", "[l](../first.md)", "[l](../second.md)", "- - i\n", "> - i\n",
    "[3] ", "% not TeX $ & # _ ^ ~ \\\\ ", "<i> ", "2 < 3 ",
]
# fmt: on
OWN = {"annotation-byline", "annotation-lemma", "annotation-cites"}
FRONT = (
    "---\ntarget:\n  quote: diwndling\ncontributor: A. Reader\ndate: 2026-11-30\nkind: context\n"
)
prose = st.lists(st.sampled_from(PROSE), min_size=1, max_size=8).map("".join)
annotation = st.tuples(
    st.lists(st.sampled_from(FRONT_EXTRA), max_size=2).map("".join),
    st.sampled_from(["---\n", "---\n", "  ---\n", "", "---\n---\n"]),
    st.lists(st.sampled_from(BODY + PROSE), min_size=1, max_size=6).map("".join),
).map(lambda t: FRONT + t[0] + t[1] + "\n" + t[2] + "\n")
honest = prose.map(lambda body: FRONT + "---\n\n" + body + "\n")


@settings(
    max_examples=max(4, settings.default.max_examples // 60),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.one_of(annotation, honest), min_size=2, max_size=6))
def test_no_file_passes_the_check_and_renders_more_than_prose(
    rootdir: Path, tmp_path_factory, files: list[str]
) -> None:
    srcdir = tmp_path_factory.mktemp("annotations") / "root"
    shutil.copytree(rootdir / "test-annotations", srcdir)
    folder = srcdir / "annotations"
    keys = set(bib_lint.check(srcdir / "works.bib").keys)
    notes = notes_data.load(srcdir / "notes.toml", keys).notes
    refs = annotations_file.References(keys, set(notes), srcdir)
    passed = set()
    for index, text in enumerate(files):
        path = folder / f"generated-{index}.md"
        path.write_text(text, encoding="utf-8")
        if not annotations_file.read(path, text, refs).problems:
            passed.add(f"annotations/generated-{index}")
    assume(passed)  # nearly always: honest files pass
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
        warnings = strip_colors(app.warning.getvalue())
        domain = app.env.domains["annotations"]
        assert isinstance(domain, AnnotationsDomain)
        for docname in passed:
            own = [
                w
                for w in warnings.splitlines()
                if f"{docname}.md:" in w and "edition.annotation_anchor" not in w
            ]
            assert not own, (files, own)
            for node in domain.records[docname].body:
                if set(node.get("classes", [])) & OWN:
                    continue  # the byline and the works cited are the edition's
                for part in node.findall():
                    refused = annotations_allowed.refusal(part, app.env.found_docs)
                    assert refused is None, (files, docname, refused)
    finally:
        app.cleanup()
    for page in app.outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>x</script>" not in text and "<b>x</b>" not in text, page
        assert "javascript:alert" not in text and "PRETTY_NAME" not in text, page
        assert 'http-equiv="refresh"' not in text.lower(), page
    assert not list(app.outdir.rglob("os-release*"))

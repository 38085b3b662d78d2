"""The apparatus's labels in the edition's language (sphinx.locale), and a catalogue that
cannot go stale: every label of the code has its German translation."""

from __future__ import annotations

import gettext
import shutil
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from conftest import ROOT
from scholarly_edition._util.i18n import LOCALE_DIR, MESSAGE_CATALOG_NAME

PACKAGE = ROOT / "ext" / "scholarly_edition"
GERMAN = LOCALE_DIR / "de" / "LC_MESSAGES"


def _code_messages() -> set[str]:
    """Every ``_("...")`` of the package, as ``make catalog`` extracts them."""
    found = extract_from_dir(str(PACKAGE), method_map=[("**.py", "python")], keywords={"_": None})
    return {message for _file, _line, message, _comments, _context in found}


def _german() -> Catalog:
    with (GERMAN / f"{MESSAGE_CATALOG_NAME}.po").open("rb") as file:
        return read_po(file, locale="de")


def _fields(text: str) -> list[str]:
    return sorted(name for _text, name, _spec, _conv in string.Formatter().parse(text) if name)


def test_every_label_of_the_code_is_translated() -> None:
    german = {m.id: m for m in _german() if m.id}
    code = _code_messages()
    assert code, "the extractor found no label"
    assert sorted(code - german.keys()) == [], "labels missing from the German catalogue"
    assert sorted(german.keys() - code) == [], "labels the code no longer has"
    assert [i for i, m in german.items() if not m.string or m.fuzzy] == []


def test_translations_keep_every_placeholder_and_space() -> None:
    for message in _german():
        if not message.id:
            continue
        assert isinstance(message.id, str) and isinstance(message.string, str)
        assert _fields(message.string) == _fields(message.id), message.id
        # A label joined to the text after or before it keeps its spaces.
        assert message.string[:1].isspace() == message.id[:1].isspace(), message.id
        assert message.string[-1:].isspace() == message.id[-1:].isspace(), message.id


def test_template_lists_the_code_labels() -> None:
    with (LOCALE_DIR / f"{MESSAGE_CATALOG_NAME}.pot").open("rb") as file:
        template = {m.id for m in read_po(file) if m.id}
    assert template == _code_messages()


def test_compiled_catalogue_matches_its_source() -> None:
    """The shipped ``.mo`` is the ``.po`` compiled (``make catalog``)."""
    with (GERMAN / f"{MESSAGE_CATALOG_NAME}.mo").open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    for message in _german():
        if message.id:
            assert isinstance(message.id, str)
            assert compiled.gettext(message.id) == message.string


def _copy(rootdir: Path, tmp_path: Path, name: str, language: str) -> Path:
    srcdir = tmp_path / f"{name}-{language}"
    shutil.copytree(rootdir / f"test-{name}", srcdir)
    return srcdir


def _build(make_app, srcdir: Path, language: str, builder: str = "html") -> SphinxTestApp:
    app = make_app(builder, srcdir=srcdir, freshenv=True, confoverrides={"language": language})
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    return app


def _page(app: SphinxTestApp, name: str) -> str:
    return (app.outdir / name).read_text(encoding="utf-8")


def test_notes_and_annotations_in_german_then_english(make_app, rootdir, tmp_path) -> None:
    """German labels with ``language = "de"``; the next build in the same process,
    in English, has English ones (no label keeps the language of an earlier build)."""
    app = _build(make_app, _copy(rootdir, tmp_path, "annotations", "de"), "de")
    notes = _page(app, "notes.html")
    assert "Quelle noch nicht ermittelt." in notes
    assert "Erläuternde Anmerkung des Artikels; ihr Text steht nicht im Textzeugen." in notes
    assert 'title="Zurück zur Verwendung der Anmerkung [1] im Text"' in notes
    first = _page(app, "first.html")
    assert '<span class="note-preview-label">Anmerkung 2: </span>' in first
    assert '"cite": "Zitieren"' in first
    assert '"namesIndex": "Namensregister"' in first
    listing = _page(app, "annotations.html")
    assert "Nach Kapitel" in listing and "Nach Beitragenden" in listing
    note = _page(app, "annotations/note.html")
    assert "Quelle zu Anmerkung [2]" in note
    assert "Von A. Reader, 2026-11-28." in note
    assert "Im Text mit" in note and "markiert: " in note
    section = _page(app, "annotations/section.html")
    assert "Kontext zu Abschnitt „A section“" in section
    assert "Zitierte Werke: " in section
    assert "Zitiert in Anmerkung" in _page(app, "bibliography.html")
    for english in ("Source not yet identified", "Note 2: ", "By chapter", "Works cited"):
        assert english not in notes + first + listing + note + section

    app.cleanup()
    app = _build(make_app, _copy(rootdir, tmp_path, "annotations", "en"), "en")
    assert "Source not yet identified." in _page(app, "notes.html")
    assert '<span class="note-preview-label">Note 2: </span>' in _page(app, "first.html")
    assert "Source on note [2]" in _page(app, "annotations/note.html")


def test_printed_notes_in_german(make_app, rootdir, tmp_path) -> None:
    """The footnotes' words too: a later use's reference, the open notes' statement."""
    app = _build(make_app, _copy(rootdir, tmp_path, "annotations", "de"), "de", "latex")
    tex = _page(app, "projectnamenotset.tex")
    assert r"{Siehe Anmerkung {[}1{]} auf S.~\pageref{\detokenize{first:" in tex
    assert (
        r"{Quelle noch nicht ermittelt.}{Ebenso wenig die Quellen der ohne Fußnote gedruckten "
        r"Anmerkungen}{, die auf S.~\pageref{edition-unresolved-notes} aufgeführt sind}"
    ) in tex
    assert "See note" not in tex and "Nor are" not in tex


def test_index_of_names_in_german(make_app, rootdir, tmp_path) -> None:
    app = _build(make_app, _copy(rootdir, tmp_path, "names", "de"), "de")
    index = _page(app, "index-of-names.html")
    assert "<em>siehe</em>" in index
    assert "No organisations" not in index and "<em>see</em>" not in index
    # The names domain's own index pages, titled when they are written.
    assert "<h1>Namensregister: Personen</h1>" in _page(app, "names-persons.html")


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_absent_image_and_paragraph_links_in_german(make_app, rootdir, tmp_path, builder) -> None:
    app = _build(make_app, _copy(rootdir, tmp_path, "apparatus", "de"), "de", builder)
    if builder == "html":
        html = _page(app, "index.html")
        assert 'aria-label="Bild im Textzeugen nicht erhalten">' in html
        assert ">Bild im Textzeugen nicht erhalten</div>" in html
    else:
        tex = _page(app, "projectnamenotset.tex")
        assert "\\begin{scholarabsentimage}{Bild im Textzeugen nicht erhalten}" in tex


def test_book_theme_footer_and_downloads_in_german(make_app, rootdir, tmp_path) -> None:
    """The release date in the language's own form, and the Download group's label."""
    srcdir = _copy(rootdir, tmp_path, "published", "de")
    app = make_app(
        "html",
        srcdir=srcdir,
        freshenv=True,
        confoverrides={"language": "de", "edition_downloads": [("PDF", "edition.pdf")]},
    )
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    index = _page(app, "index.html")
    assert '<p class="edition-version">Version 2.0, erschienen am 4. März 2025.</p>' in index
    assert 'aria-label="Edition herunterladen"' in index

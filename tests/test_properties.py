"""Property-based tests: hostile and random input never crashes a parser or a check.

Every parser a contributor's text reaches (markers, note map, register,
BibTeX lint, annotation front matter, safety scan, anchoring) either gives the
right result or a problem naming the file and a line that exists. The number
of examples comes from the Hypothesis profile (``tests/conftest.py``):
``HYPOTHESIS_PROFILE=soak`` runs many more.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.core import publish_doctree
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from myst_parser.parsers.docutils_ import Parser
from sphinx.testing.util import SphinxTestApp

from edition_tools import fidelity, importer
from edition_tools.checks import names as names_check
from scholarly_edition._util.markers import _SENTENCE_END, MARKER, sentence_before
from scholarly_edition.annotations import anchor as annotations_anchor
from scholarly_edition.annotations import file as annotations_file
from scholarly_edition.annotations import safety as annotations_safety
from scholarly_edition.annotations.anchor import Block
from scholarly_edition.annotations.data import QuoteTarget
from scholarly_edition.names import disambiguation
from scholarly_edition.names import register as names_register
from scholarly_edition.notes import bib_lint
from scholarly_edition.notes import data as notes_data

# Pieces of hostile text: brackets nested and unbalanced, huge numbers,
# non-ASCII digits, zero-width and combining characters, every line ending,
# byte-order marks, NUL, and the syntax of each format.
# fmt: off
PIECES = [
    "[", "]", "[[", "]]", "[1]", "[12]", "[3][4]", "[1234567]", "[99999999999999999999]",
    "[٣]", "[१२]", "[a]", "[h]", "[ab]", "[A]", "[O.S. 6 December]", "[[1]]", "[1]]",
    "\u200b", "\u200d", "\ufeff", "\u0301", "e\u0301", "\u2028", "\x85", "\x00", "\x0c",
    "\r\n", "\r", "\n", "\n\n", "\t", " ", ". ", "! ", "? ", ".) ", '"', "“", "”", "(",
    ")", "Word", "He", "Stalin", "Ł", "=", "#", "{", "}", "\\", "'", ",", ";", ":", "---",
    "@book{", "@misc{x,", "title = {", "}\n", "[notes]", "[[name]]", "[[rule]]",
    '"unresolved"', '"explanatory"', "key =", "{ key = ", 'locator = "p. 1" }', "<script>",
    "```{include} /etc/hostname\n```\n", ":::{raw} html\n<b>x</b>\n:::\n", "{eval-rst}",
    "![i](x.png)", "[l](javascript:alert(1))", "{cite:p}`k`", "{.cls}", "# H\n", "\\input{x}",
]
# fmt: on
hostile = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map(
    "".join
)
# One enormous line now and then: a long run of a piece.
enormous = st.tuples(
    st.sampled_from(["x", "[1]", "Word. ", "[", "\u200b", "\r\n"]), st.integers(1, 50_000)
).map(lambda t: t[0] * t[1])
text_input = st.one_of(hostile, enormous)


def _line_count(text: str) -> int:
    """Lines as Python and markdown-it read them: CR, LF and CRLF each end a line."""
    return text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def _in_file(path: Path, line: int | None, text: str) -> bool:
    """A line that exists in ``text`` (None stands for the whole file)."""
    return line is None or 1 <= line <= _line_count(text)


def _oracle_sentence(text: str, position: int) -> str:
    """The plain definition: scan back from the marker for a sentence end, then a marker."""
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, position):
        if match.end() < position:
            start = match.end()
    previous = [m.end() for m in MARKER.finditer(text, start, position)]
    if previous and text[previous[-1] : position].strip(" ,;:"):
        start = previous[-1]
    return MARKER.sub("", text[start:position]).strip(" ,;")


@given(st.one_of(hostile, enormous.map(lambda t: t[:3000])))
def test_markers_are_ascii_and_sentences_match_their_definition(text: str) -> None:
    for match in MARKER.finditer(text):
        assert re.fullmatch(r"[0-9]{1,6}|[a-z]", match.group(1))
        assert sentence_before(text, match.start()) == _oracle_sentence(text, match.start())


def test_non_ascii_digits_are_not_markers() -> None:
    assert MARKER.findall("a[٣] b[१२] c[3]") == ["3"]


def test_a_long_line_of_markers_is_linear() -> None:
    """Every marker of a 20 000-sentence paragraph: one scan, not one per marker."""
    text = "A word. " * 20_000 + "Xy[1] " * 20_000
    sentences = [sentence_before(text, m.start()) for m in MARKER.finditer(text)]
    assert sentences[0] == "Xy" and len(sentences) == 20_000


def _write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text_input)
def test_note_map_gives_notes_or_located_problems(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, "notes.toml", text)
    loaded = notes_data.load(path, {"service2004"})
    for problem in loaded.problems:
        assert problem.path == path and _in_file(path, problem.line, text), problem
        assert str(problem).startswith(f"{path}:")
    for label in loaded.notes:
        assert re.fullmatch(r"[0-9]{1,6}|[a-z]", label)


def test_unreadable_bytes_are_a_problem_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "notes.toml"
    path.write_bytes(b'[notes]\n1 = "unres\xffolved"\n')
    undecodable = "the file is not UTF-8 (byte 0xff cannot be read); save it as UTF-8"
    (problem,) = notes_data.load(path, set()).problems
    assert (problem.line, problem.message.split("; until")[0]) == (
        2,
        f"cannot read the note map: {undecodable}",
    )
    (problem,) = bib_lint.check(path).problems
    assert (problem.line, problem.message.split("; until")[0]) == (2, f"cannot read: {undecodable}")
    with pytest.raises(names_register.RegisterError) as raised:
        names_register.load(path)
    assert str(raised.value) == f"{path}:2: cannot read: {undecodable}"


VALUES = st.one_of(
    st.just("unresolved"),
    st.lists(
        st.tuples(st.sampled_from(["service2004", "conquest1991"]), st.text(min_size=1)).filter(
            lambda c: (
                c[1].strip()
                and not {"\\", "{", "}"} & set(c[1])
                and not any(ord(ch) < 32 or ord(ch) == 127 for ch in c[1])
            )
        ),
        min_size=1,
        max_size=3,
    ),
)


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(st.integers(0, 999_999).map(str), VALUES, max_size=8),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
    st.lists(st.sampled_from(["", "# a comment", "# \u2028 odd break", "   "]), max_size=3),
)
def test_note_map_round_trip(
    tmp_path: Path, notes: dict, newline: str, bom: bool, padding: list[str]
) -> None:
    """Whatever a contributor's editor does to line ends, BOM and comments, the
    notes read back exactly, each at its own line."""
    rows = ["[notes]", *padding]
    where = {}
    for label, value in notes.items():
        if value == "unresolved":
            rows.append(f'{label} = "unresolved"')
        else:
            cites = ", ".join(
                f"{{ key = {_toml_string(k)}, locator = {_toml_string(v)} }}" for k, v in value
            )
            rows.append(f"{label} = [{cites}]")
        where[label] = len(rows)
        rows += padding
    text = ("\ufeff" if bom else "") + newline.join(rows) + newline
    loaded = notes_data.load(_write(tmp_path, "notes.toml", text), {"service2004", "conquest1991"})
    assert loaded.problems == ()
    assert {label: note.line for label, note in loaded.notes.items()} == where
    for label, value in notes.items():
        cites = tuple((c.key, c.locator) for c in loaded.notes[label].cites)
        assert cites == (() if value == "unresolved" else tuple((k, v.strip()) for k, v in value))


# fmt: off
REGISTER_PIECES = st.sampled_from(
    [
        "[[name]]\n", "[[ name ]] # a comment\n", 'id = "a-b"\n', 'id = "Bad Id"\n', 'id = ""\n',
        'index = "Lenin, Vladimir"\n', 'category = "person"\n', 'category = "planet"\n',
        'forms = ["Lenin", "Lenin"]\n', 'forms = [" x"]\n', "forms = 5\n",
        'description = "<script>x</script>"\n', 'dates = ""\n', 'wikidata = "Q0"\n',
        "name = [1, 2]\n", "name = 3\n", "[[rule]]\n", "line = 0\n", "line = 2\n",
        'form = "Lenin"\n', "occurrence = 0\n", "occurrence = 99999999999999999999\n",
        'entry = "a-b"\n', 'reason = "r"\n', "rule = 5\n", "rule = [1]\n", "\ufeff", "\r\n",
    ]
)
# fmt: on
register_text = st.one_of(st.lists(REGISTER_PIECES, max_size=25).map("".join), hostile)
_LOCATED = re.compile(r"^(.*?):(\d+): ")


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(register_text, register_text, st.lists(hostile, max_size=4))
def test_register_gives_entries_or_located_problems(
    tmp_path: Path, names: str, rules: str, lines: list[str]
) -> None:
    _write(tmp_path, "names.toml", names)
    _write(tmp_path, disambiguation.DISAMBIGUATION, rules)
    texts = {"names.toml": names, disambiguation.DISAMBIGUATION: rules}
    for problem in names_check.check(tmp_path / "names.toml", tuple(lines)):
        located = _LOCATED.match(problem)
        if located is None:  # RegisterError: the file, and TOML's own "at line N"
            assert problem.startswith(str(tmp_path)), problem
            continue
        path = Path(located.group(1))
        assert _in_file(path, int(located.group(2)), texts[path.name]), problem


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text_input)
def test_bibtex_lint_gives_keys_or_located_problems(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, "works.bib", text)
    result = bib_lint.check(path)
    for problem in result.problems:
        assert problem.path == path and _in_file(path, problem.line, text), problem


# fmt: off
FRONT = st.sampled_from(
    [
        "---\n", "target:\n", "  quote: Stalin\n", "  note: 3\n", "  note: ٣\n",
        "  section: A\n", "  prefix: [x\n", "contributor: X\n", "contributor: [1, 2]\n",
        "date: 2026-11-26\n", "date: 2026-11-26T10:00:00\n", "kind: correction\n",
        "kind: [a]\n", "reading: x\n", "proposed: y\n", "cites: [a, b]\n", "cites: 5\n",
        "? [a, b]\n: 1\n", "- a\n", "...\n", "&a [*a]\n", "unknown: 1\n", "\ufeff", "\r\n",
    ]
)
# fmt: on
annotation_text = st.one_of(st.lists(FRONT, max_size=14).map("".join), hostile)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(annotation_text, st.tuples(annotation_text, hostile).map("".join)))
def test_annotation_front_matter_gives_an_annotation_or_located_problems(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "a.md"
    parsed = annotations_file.read(
        path,
        text,
        annotations_file.References({"a"}, set(), tmp_path),
    )
    assert parsed.problems or parsed.annotation is not None
    for problem in parsed.problems:
        assert problem.path == path and _in_file(path, problem.line, text), problem


# fmt: off
MYST = [
    "paragraph_open", "inline", "text", "```{include} /etc/hostname\n```\n",
    "```{literalinclude} /etc/hostname\n```\n", ":::{raw} html\n<script>x</script>\n:::\n",
    "```{eval-rst}\n.. raw:: html\n\n   <b>x</b>\n```\n", "<div onclick=x>", "<!-- c -->",
    "![i](x.png)", "[l](javascript:alert(1))", "[l](https://example.org)", "{cite:p}`k`",
    "{raw}`<b>`", "{.cls}", "{#id}\n", "# H\n", "*e*", "**s**", "`c`", "> q\n", "- i\n",
    "1. i\n", "$x$", "$$\nx\n$$\n", "term\n: def\n", ":field: x\n", "{{ sub }}", "\n\n",
    "    code\n", "```\nplain\n```\n", "[^1]\n\n[^1]: f\n", "<https://x.org>", "(label)=\n",
]
# fmt: on
body_text = st.lists(st.one_of(st.sampled_from(MYST), st.sampled_from(PIECES)), max_size=20)
_SETTINGS = {
    "myst_enable_extensions": sorted(annotations_safety.SYNTAX.enable_extensions),
    "report_level": 5,
    "halt_level": 5,
    "file_insertion_enabled": False,
}


@given(body_text.map("".join), st.integers(1, 500))
def test_safety_scan_refuses_or_lets_through_only_prose(body: str, first_line: int) -> None:
    """A body the scan passes renders with no directive, raw output or image."""
    found = annotations_safety.problems(body, first_line)
    for line, message in found:
        assert first_line <= line < first_line + _line_count(body), (line, message)
        assert message.startswith("annotations may not use ")
    if found:
        return
    tree = publish_doctree(body, parser=Parser(), settings_overrides=_SETTINGS)
    assert not [n for n in tree.findall(nodes.Element) if isinstance(n, nodes.raw | nodes.image)]
    messages = " ".join(m.astext() for m in tree.findall(nodes.system_message))
    assert "directive" not in messages.lower(), messages


words = st.lists(
    st.one_of(
        st.sampled_from(["Stalin", "Gori", "[3]", "the", "Ł", "e\u0301", "[O.S.", "6]", "—"]),
        st.text(st.characters(blacklist_categories=("Cs", "Zs", "Cc")), min_size=1, max_size=5),
    ),
    min_size=1,
    max_size=30,
)
spaces = st.sampled_from([" ", "  ", "\n", "\t", " \n "])


@given(st.lists(st.tuples(words, spaces), min_size=1, max_size=5), st.data())
def test_a_quotation_of_the_text_is_found(paragraphs: list, data: st.DataObject) -> None:
    """Any run of words of any block is found, whatever the whitespace, and the
    match covers exactly those words."""
    blocks = [
        Block("doc", index, "paragraph", space.join(ws), index + 1)
        for index, (ws, space) in enumerate(paragraphs)
    ]
    index = data.draw(st.integers(0, len(blocks) - 1))
    block_words = paragraphs[index][0]
    first = data.draw(st.integers(0, len(block_words) - 1))
    last = data.draw(st.integers(first, len(block_words) - 1))
    quote = data.draw(spaces).join(block_words[first : last + 1])
    matches = annotations_anchor.find(QuoteTarget(quote), blocks)
    assert any(m.block.index == index for m in matches)
    for match in matches:
        found = match.block.text[match.start : match.end]
        assert found.split() == quote.split()


@given(st.one_of(text_input, st.text(st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000ab"))))
def test_collapsed_text_is_the_normalised_text(text: str) -> None:
    """Blocks are searched in ``collapsed`` text and matches mapped back by ``normalise``'s
    offsets: both must fold the same whitespace the same way."""
    normalised, offsets = annotations_anchor.normalise(text)
    assert annotations_anchor.collapsed(text) == normalised
    assert len(offsets) == len(normalised)


@given(st.lists(st.tuples(text_input, spaces), max_size=4), text_input, text_input, text_input)
def test_anchoring_never_raises(paragraphs: list, exact: str, prefix: str, suffix: str) -> None:
    assume(exact.strip())
    blocks = [Block("doc", i, "paragraph", text, i + 1) for i, (text, _) in enumerate(paragraphs)]
    target = QuoteTarget(exact[:200], prefix[:200], suffix[:200])
    for match in annotations_anchor.find(target, blocks):
        annotations_anchor.describe(match)
    annotations_anchor.closest(target, [b for b in blocks if len(b.text) < 2000])


# Bugs the properties found, each pinned by an example.


def test_register_blocks_that_are_not_tables_are_located_problems(tmp_path: Path) -> None:
    path = _write(tmp_path, "names.toml", "name = [1]\n")
    assert names_register.load(path)[1] == [f"{path}:1: each name is a [[name]] block, not 1"]
    _write(tmp_path, disambiguation.DISAMBIGUATION, "rule = 5\n")
    assert names_check.check(tmp_path / "names.toml", ()) == [
        f"{tmp_path / disambiguation.DISAMBIGUATION}:1: expected [[rule]] blocks"
    ]


def test_register_headers_with_spaces_or_comments_keep_their_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "names.toml", '# register\n[[ name ]] # Lenin\nid = "x"\n')
    assert names_register.load(path)[1][0] == f"{path}:2: x: empty index"


def test_a_rule_counts_occurrences_from_one(tmp_path: Path) -> None:
    """occurrence = 0 used to pick the last occurrence silently (a Python index of -1)."""
    path = _write(
        tmp_path, "rules.toml", '[[rule]]\nline = 1\nform = "Koba"\noccurrence = 0\nreason = "r"\n'
    )
    assert disambiguation.load_rules(path) == ([], [f"{path}:1: line and occurrence count from 1"])


def test_front_matter_that_is_not_fields_says_so(tmp_path: Path) -> None:
    parsed = annotations_file.read(
        tmp_path / "a.md",
        "---\n- a list\n---\nText\n",
        annotations_file.References(set(), set(), tmp_path),
    )
    assert [(p.line, p.message) for p in parsed.problems] == [
        (2, "the front matter must be fields, one per line")
    ]


def test_byte_order_marks_are_read_as_editors_write_them(tmp_path: Path) -> None:
    names = _write(tmp_path, "names.toml", "\ufeff" + '[[name]]\nid = "x"\n')
    assert names_register.load(names)[1][0] == f"{names}:1: x: empty index"
    bib = _write(tmp_path, "works.bib", "\ufeff@misc{x,\n  title = {T},\n}\n")
    assert bib_lint.check(bib) == bib_lint.BibCheck(frozenset({"x"}), ())


# Fidelity: any witness text, escaped by the importer and built with notes or
# with the names register, keeps every word and marker in order. A Sphinx
# build per example, so a handful in CI.
# fmt: off
WITNESS_WORDS = st.one_of(
    st.sampled_from(
        [
            "Stalin", "Gori,", "[1]", "[2]", "[a]", "[O.S. 6 December]", "x[1](y)", "[1][2]",
            "[in the war]", "[",
            "]", "[[1]]", "*", "**", "_x_", "`", "<b>", "&copy;", "&#x41;", "\\", "|", "{x}",
            "#", "-", "+", "1.", "1)", ">", "~~~", ":::", "$x$", "(see)", "[x](y)", "Łódź",
            "e\u0301", "a\u200bb", "Ⅻ", "ﬁnal", "—", "“q”", "http://example.org/a_b*c",
            "Lenin", "Lenin's", "Vladimir Lenin", "Stalinism", "Nadezhda", "Koba", "Leningrad",
            "Stalin Metallurgical Factory", "anti-Stalin", "Łódź's",
        ]
    ),
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=8),
)
# fmt: on
witness_paragraphs = st.lists(
    st.lists(WITNESS_WORDS, min_size=1, max_size=12).map(" ".join).filter(str.strip),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=max(4, settings.default.max_examples // 60),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(witness_paragraphs, st.sampled_from([("test-notes", "first"), ("test-names", "chapter")]))
def test_fidelity_holds_for_generated_text_that_builds(
    rootdir: Path, tmp_path_factory, paragraphs: list[str], root: tuple[str, str]
) -> None:
    srcdir = tmp_path_factory.mktemp("fidelity") / "root"
    shutil.copytree(rootdir / root[0], srcdir)
    body = "\n\n".join(importer.escape(p) for p in paragraphs)
    (srcdir / f"{root[1]}.md").write_text(f"# First\n\n{body}\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
    finally:
        app.cleanup()
    page = (app.outdir / f"{root[1]}.html").read_text(encoding="utf-8")
    main = BeautifulSoup(page, "html.parser").select_one("div.body")
    if root[0] == "test-notes":
        # Every marker the note map knows is a note link, in order, with its label.
        markers = [m for p in paragraphs for m in MARKER.finditer(p)]
        known = [m.group() for m in markers if m.group(1) in {"1", "2", "a"}]
        assert [ref.get_text() for ref in main.select("sup.note-ref")] == known
    for element in main.select(fidelity.HTML_APPARATUS):
        element.decompose()
    witness = fidelity.tokens("First\n" + "\n".join(paragraphs), "witness")
    report = fidelity.compare("HTML", witness, fidelity.tokens(main.get_text(), "html"), False)
    assert report.problems == (), (body, report.problems)


def test_line_separators_are_refused_at_the_line_an_editor_shows(tmp_path: Path) -> None:
    """U+2028 breaks a line for YAML and splitlines, not in an editor: it is refused."""
    text = "---\ncontributor: a\u2028b\ndate: [\n---\nText.\n"
    parsed = annotations_file.read(
        tmp_path / "a.md", text, annotations_file.References(set(), set(), tmp_path)
    )
    assert [(p.line, p.message) for p in parsed.problems] == [
        (
            2,
            "the invisible character U+2028 (LINE SEPARATOR) is not allowed in an "
            "annotation; delete it",
        )
    ]

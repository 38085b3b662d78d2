"""Turn the witness into MyST chapters, driven only by the structure map.

The output is committed; the importer is deterministic, so running it again on
unchanged inputs writes the same bytes (a test holds it to that).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from scholarly_edition.names import disambiguation
from scholarly_edition.text import not_notes, witness_lines
from scholarly_edition.text.structure import HEADER, Chapter, Structure

# A chapter's first line says where it came from; the importer owns the
# files that open with it (whatever witness they name).
_GENERATED_START = "% Generated from "
_GENERATED_END = " by `python -m scholarly_edition import`."
# The editors' rubrics (HTML and PDF alike) say that they are the editors'.
EDITORS_HEADING = " (the editors' heading)"
RESIDUE_TITLE = "Page residue: text of the captured page, not of the article"
LACUNA_ROLE = "{lacuna}`the witness breaks off here`"
# A quotation paragraph of several witness lines (``witness_lines``).
LINES_CLASS = f"{{.{witness_lines.CLASS}}}\n"

# A bracket ends a web address: "https://example.org/page[4]" cites note 4.
# An autolink may contain no "<" or ">".
_URL = re.compile(r"https?://[^\s\[\]<>]+")
# "[^" opens a footnote reference in MyST: the caret is escaped.
_INLINE_SPECIAL = re.compile(r"([\\`*_<&|{}])|(\](?=\())|(?<=\[)(\^)")
_BLOCK_START = re.compile(r"^(?:[#>+=\-{:~(]|\d+[.)])")
# "[label]: ..." at the start of a line is a link reference definition.
_LINK_DEFINITION = re.compile(r"^\[[^\]]*\]:")


def escape(text: str) -> str:
    """Make witness text literal MyST: nothing in it may become markup.

    Brackets stay unescaped so that note markers read as in the witness; a
    bracket followed by ``(`` (link syntax) is escaped.
    """
    parts = []
    position = 0
    for url in _URL.finditer(text):
        address = _address(url.group())
        parts.append(_escape_plain(text[position : url.start()]))
        parts.append(f"<{address}>")
        position = url.start() + len(address)
    parts.append(_escape_plain(text[position:]))
    escaped = "".join(parts).strip()
    match = _BLOCK_START.match(escaped)
    if match:
        cut = match.end() - 1
        escaped = escaped[:cut] + "\\" + escaped[cut:]
    elif _LINK_DEFINITION.match(escaped):
        escaped = "\\" + escaped
    return escaped


def _address(url: str) -> str:
    """The web address without the sentence's punctuation after it: a closing
    parenthesis that opened before the address, a full stop, a comma."""
    while url and (url[-1] in ".,;:!?'\"" or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def _escape_plain(text: str) -> str:
    return _INLINE_SPECIAL.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    if match.group(2):
        return "]\\"
    return "\\" + (match.group(1) or match.group(3))


def generated(witness: str) -> str:
    """The first line of a chapter the importer writes from ``witness``."""
    return f"{_GENERATED_START}{witness}{_GENERATED_END}"


def render(structure: Structure, witness: str | None = None) -> dict[str, str]:
    """Every chapter's MyST text, keyed by its path relative to ``docs/``.

    ``witness`` is the witness's path as the edition shows it (relative to its
    checkout); without it, the file's name.
    """
    first = generated(witness or structure.witness_path.name)
    return {
        f"{chapter.file}.md": _chapter(structure, chapter, first) for chapter in structure.chapters
    }


def write(structure: Structure, docs: Path, witness: str | None = None) -> list[Path]:
    """Write the chapters under ``docs`` and return the files that changed."""
    changed = []
    for name, text in render(structure, witness).items():
        target = docs / name
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        changed.append(target)
    return changed


def stale(structure: Structure, docs: Path) -> list[Path]:
    """Chapters the importer wrote once that the map no longer names.

    A chapter renamed or merged in the map would otherwise stay behind: a
    page no toctree lists, or text of the witness twice. Only files that open
    with the importer's first line are its own; nothing else is touched.
    """
    current = {PurePosixPath(name) for name in render(structure)}
    return sorted(
        path
        for path in docs.rglob("*.md")
        if PurePosixPath(path.relative_to(docs).as_posix()) not in current and _generated(path)
    )


def remove_stale(structure: Structure, docs: Path) -> list[Path]:
    """Delete the stale chapters (and folders left empty); returns the files removed."""
    removed = stale(structure, docs)
    for path in removed:
        path.unlink()
        folder = path.parent
        while folder != docs and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return removed


def _generated(path: Path) -> bool:
    with path.open(encoding="utf-8", errors="replace") as file:
        first = file.readline().rstrip("\n")
    return first.startswith(_GENERATED_START) and first.endswith(_GENERATED_END)


def _chapter(structure: Structure, chapter: Chapter, first: str) -> str:
    blocks = [first]
    is_root = chapter.first == 1
    if is_root:
        blocks += _front(structure)
    blocks += list(_blocks(structure, chapter))
    blocks += _toctrees(structure, chapter)
    return "\n\n".join(blocks) + "\n"


def _front(structure: Structure) -> list[str]:
    """The front page's apparatus: the title, the editors' introduction, and the
    captured page's header when the witness has one."""
    edition = structure.edition
    blocks = [f"# {escape(str(edition['title']))}"]
    if str(edition.get("intro", "")).strip():
        blocks.append("{.edition-intro .apparatus}\n" + str(edition["intro"]).strip())
    header = [
        f":{escape(label)}: {_line(structure, number, [])}"
        for number, label in structure.header_labels.items()
    ]
    if header:
        blocks.append(_rubric("The captured page"))
        if str(edition.get("header_note", "")).strip():
            blocks.append("{.edition-note .apparatus}\n" + str(edition["header_note"]).strip())
        blocks.append("\n".join(header))
    if str(edition.get("lead_rubric", "")).strip():
        blocks.append(_rubric(str(edition["lead_rubric"])))
    return blocks


def _rubric(text: str) -> str:
    """A heading the witness does not have: said to be the editors' in both outputs."""
    return f"```{{rubric}} {text}{EDITORS_HEADING}\n:class: editors-rubric\n```"


def _blocks(structure: Structure, chapter: Chapter) -> Iterator[str]:
    rules, _ = disambiguation.load_rules(structure.path.parent / disambiguation.DISAMBIGUATION)
    quote: list[str] = []
    for number in range(chapter.first, chapter.last + 1):
        role = structure.role(number)
        if role in (HEADER, "blank"):
            continue
        text = _line(structure, number, rules)
        if structure.lacuna is not None and number == structure.lacuna.line:
            text += LACUNA_ROLE
        if role == "quote-line":
            # A line of the paragraph above (no blank line between in the witness).
            head = quote[-1]
            if not head.startswith(LINES_CLASS):
                head = LINES_CLASS + head
            quote[-1] = head + "\n" + text
            continue
        if role in ("quote", "attribution"):
            quote.append("{.attribution}\n" + text if role == "attribution" else text)
            if role == "attribution":
                yield "\n>\n".join("> " + line.replace("\n", "\n> ") for line in quote)
                quote = []
            continue
        if role in ("part", "section"):
            yield f"# {text}"
        elif role == "subsection":
            yield f"## {text}"
        elif role == "hatnote":
            yield "{.hatnote}\n" + text
        elif role == "title":
            yield "{.work-title}\n" + text
        elif role == "caption":
            yield f":::{{absent-image}}\n{text}\n:::"
        elif role == "residue":
            yield f":::{{admonition}} {RESIDUE_TITLE}\n:class: page-residue\n\n{text}\n:::"
        else:
            yield text
    if quote:
        yield "\n>\n".join("> " + line.replace("\n", "\n> ") for line in quote)


def _line(structure: Structure, number: int, rules: list[disambiguation.Rule]) -> str:
    """Witness line ``number`` as MyST: escaped, with its names' rules and the brackets
    that are not notes as roles."""

    def escaped(text: str) -> str:
        return not_notes.mark(text, number, structure.not_notes, escape)

    return disambiguation.mark_line(structure.lines[number - 1], number, rules, escaped)


def _toctrees(structure: Structure, chapter: Chapter) -> list[str]:
    """Toctrees: the root lists the parts and apparatus, a part its sections."""
    here = PurePosixPath(chapter.file)
    if chapter.first == 1:
        parts = [c.file for c in structure.chapters if structure.roles.get(c.first) == "part"]
        apparatus = [str(name) for name in structure.edition.get("apparatus", [])]
        return [
            _toctree("The text", parts, maxdepth=2),
            _toctree("Apparatus", apparatus, maxdepth=1),
        ]
    if structure.roles.get(chapter.first) != "part":
        return []
    sections = [
        str(PurePosixPath(c.file).relative_to(here.parent))
        for c in structure.chapters
        if structure.roles.get(c.first) == "section" and PurePosixPath(c.file).parent == here.parent
    ]
    return [_toctree(None, sections, maxdepth=1)]


def _toctree(caption: str | None, entries: list[str], maxdepth: int) -> str:
    options = [f":caption: {caption}"] if caption else []
    options.append(f":maxdepth: {maxdepth}")
    return "```{toctree}\n" + "\n".join([*options, "", *entries]) + "\n```"

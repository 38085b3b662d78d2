"""The structure map: the editorial reading of every non-paragraph witness line.

The capture lost its markup, so headings, hatnotes, captions, quotations and
page residue are recorded by hand in ``refs/structure.toml``. This module
loads that file and checks it against the witness, so that the importer and
the checks never guess a line's role.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from .._util import source_encoding, toml_file
from . import not_notes
from .not_notes import NotNote
from .structure_errors import StructureError, fail, line_of

ROLES = frozenset(
    {
        "header",
        "title",
        "part",
        "section",
        "subsection",
        "hatnote",
        "caption",
        "quote",
        "quote-line",
        "attribution",
        "residue",
    }
)
# The lines of a captured page's header (a title, a date, a channel...): the
# map's [header] table gives each its label, as the front page shows it.
HEADER = "header"
# The lines of a block quotation: a paragraph ("quote"), and a further line of
# the paragraph above, which the witness gives with no blank line between.
QUOTE_ROLES = ("quote", "quote-line")


@dataclass(frozen=True)
class Chapter:
    """One MyST file of the edition: witness lines ``first`` to ``last``."""

    file: str
    first: int
    last: int


@dataclass(frozen=True)
class Lacuna:
    line: int
    after: str


class EditionTable(TypedDict):
    """The map's [edition] table, checked: the front page's words and the apparatus pages."""

    title: str
    intro: str
    header_note: str
    lead_rubric: str
    apparatus: list[str]


@dataclass(frozen=True)
class Structure:
    """The loaded map together with the witness lines it describes."""

    path: Path
    witness_path: Path
    lines: tuple[str, ...]
    roles: dict[int, str]
    chapters: tuple[Chapter, ...]
    # None for a witness that does not break off.
    lacuna: Lacuna | None
    edition: EditionTable
    # The words a hatnote starts with ("Main article: "), and an attribution
    # ("— "): the witness's conventions, none by default.
    hatnote_prefixes: tuple[str, ...] = ()
    attribution_prefix: str = ""
    # The header's lines and their labels ([header]), in the witness's order.
    header_labels: dict[int, str] = field(default_factory=dict)
    # The brackets the editors read as text, not note markers ([[not_note]]).
    not_notes: tuple[NotNote, ...] = ()

    def role(self, number: int) -> str:
        """The role of a 1-based witness line: its mapped role, blank or paragraph."""
        if number in self.roles:
            return self.roles[number]
        return "blank" if not self.lines[number - 1].strip() else "paragraph"

    def markers(self, number: int, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        """The note markers of witness line ``number``, without the brackets that are not notes."""
        return not_notes.markers(self.lines[number - 1], number, self.not_notes, pattern)


def load(path: Path) -> Structure:
    """Load ``path`` and check it against the witness it names; errors give the map's line."""
    try:
        data, text = toml_file.read(path)
    except OSError as exc:
        raise StructureError(f"{path}: cannot be read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        line, message = source_encoding.undecodable(exc.object) or (1, str(exc))
        raise StructureError(f"{path}:{line}: {message}") from None
    except tomllib.TOMLDecodeError as exc:
        line = toml_file.error_line(exc) or 1
        raise StructureError(f"{path}:{line}: malformed TOML: {exc}") from None
    try:
        return _load(path, data)
    except StructureError as exc:
        # A key the map lacks altogether (no [[chapter]] at all) is reported at line 1.
        line = line_of(text, exc.where) or 1
        raise StructureError(f"{path}:{line}: {exc}", exc.where, exc.detail) from None


def _load(path: Path, data: dict[str, object]) -> Structure:
    witness_path = path.parent / str(data.get("witness", ""))
    if not witness_path.is_file():
        raise fail("witness", f"no witness file at {witness_path}")
    raw = witness_path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != data.get("sha256"):
        raise fail("sha256", f"witness {witness_path} has sha256 {digest}")
    lines = tuple(raw.decode("utf-8").split("\n"))

    hatnotes = data.get("hatnote_prefixes", [])
    if not isinstance(hatnotes, list) or not all(isinstance(p, str) and p for p in hatnotes):
        raise fail("hatnote_prefixes", 'expected a list of texts, such as ["See also: "]')
    attribution = data.get("attribution_prefix", "")
    if not isinstance(attribution, str):
        raise fail("attribution_prefix", 'expected a text, such as "— "')

    table = data.get("lines", {})
    if not isinstance(table, dict):
        raise fail("[lines]", 'expected a table of line numbers and roles, such as 3 = "part"')
    roles: dict[int, str] = {}
    for key, role in table.items():
        if not key.isdigit() or not 1 <= int(key) <= len(lines):
            raise fail(f"[lines] {key}", f"not a line of the witness (1-{len(lines)})")
        if role not in ROLES:
            raise fail(f"[lines] {key}", f"unknown role {role!r}")
        if not lines[int(key) - 1].strip():
            raise fail(f"[lines] {key}", "the line is blank")
        roles[int(key)] = role
    labels = _header(data, lines, roles)
    roles.update(dict.fromkeys(labels, HEADER))
    _check_roles(lines, roles, tuple(hatnotes), attribution)

    entries = data.get("chapter", [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise fail("[[chapter]]", "expected [[chapter]] tables, each with a file and a first line")
    chapters = _chapters(entries, len(lines), roles)
    return Structure(
        path=path,
        witness_path=witness_path,
        lines=lines,
        roles=roles,
        chapters=chapters,
        lacuna=_lacuna(data, lines),
        edition=_edition(data),
        hatnote_prefixes=tuple(hatnotes),
        attribution_prefix=attribution,
        header_labels=labels,
        not_notes=not_notes.read(data, lines),
    )


def _header(
    data: dict[str, object], lines: tuple[str, ...], roles: dict[int, str]
) -> dict[int, str]:
    """The captured page's header lines with their labels; none for a witness without one."""
    table = data.get("header", {})
    if not isinstance(table, dict):
        raise fail("[header]", 'expected a table of line numbers and labels, such as 1 = "Title"')
    labels: dict[int, str] = {}
    for key, label in table.items():
        if not key.isdigit() or not 1 <= int(key) <= len(lines):
            raise fail(f"[header] {key}", f"not a line of the witness (1-{len(lines)})")
        if not isinstance(label, str) or not label.strip():
            raise fail(
                f"[header] {key}", 'expected the label the line is shown with, such as "Title"'
            )
        if int(key) in roles:
            raise fail(
                f"[header] {key}", f"the line has the role {roles[int(key)]!r} in [lines] too"
            )
        if not lines[int(key) - 1].strip():
            raise fail(f"[header] {key}", "the line is blank")
        labels[int(key)] = label
    return dict(sorted(labels.items()))


def _lacuna(data: dict[str, object], lines: tuple[str, ...]) -> Lacuna | None:
    """Where the witness breaks off, if the map says it does."""
    if "lacuna" not in data:
        return None
    table = data["lacuna"]
    if not isinstance(table, dict):
        raise fail("[lacuna]", "expected a table with line and after")
    lacuna = Lacuna(int(table.get("line", 0)), str(table.get("after", "")))
    if (
        not 1 <= lacuna.line <= len(lines)
        or not lacuna.after
        or not lines[lacuna.line - 1].endswith(lacuna.after)
    ):
        raise fail("[lacuna]", "line must end with the text given as 'after'")
    return lacuna


def _edition(data: dict[str, object]) -> EditionTable:
    """The edition's own words for the front page: a title at least."""
    table = data.get("edition")
    if not isinstance(table, dict):
        raise fail("[edition]", "the map needs an [edition] table with the edition's title")
    if not isinstance(table.get("title"), str) or not table["title"].strip():
        raise fail("[edition]", 'the [edition] table needs a title = "..."')
    for key in ("intro", "header_note", "lead_rubric"):
        if not isinstance(table.get(key, ""), str):
            raise fail("[edition]", f"{key} must be a text")
    apparatus = table.get("apparatus", [])
    if not isinstance(apparatus, list) or not all(isinstance(n, str) for n in apparatus):
        raise fail("[edition]", 'apparatus must be a list of page names, such as ["notes"]')
    return EditionTable(
        title=table["title"],
        intro=table.get("intro", ""),
        header_note=table.get("header_note", ""),
        lead_rubric=table.get("lead_rubric", ""),
        apparatus=apparatus,
    )


def _check_roles(
    lines: tuple[str, ...], roles: dict[int, str], hatnotes: tuple[str, ...], attribution: str
) -> None:
    """Cross-check roles against what the text itself shows, by the witness's conventions."""
    for number, role in sorted(roles.items()):
        text = lines[number - 1]
        where = f"[lines] {number}"
        if role == "hatnote" and hatnotes and not text.startswith(hatnotes):
            raise fail(where, f"a hatnote must start with one of {hatnotes}")
        if role == "attribution" and not text.startswith(attribution):
            raise fail(where, f"an attribution must start with {attribution!r}")
        if (
            role == "attribution"
            and roles.get(_previous_text_line(lines, number)) not in QUOTE_ROLES
        ):
            raise fail(where, "an attribution must follow a quote")
        # Whether two lines of a quotation are one paragraph or two is the
        # witness's blank line; the map says which, so the reading is recorded.
        follows_quote = number > 1 and roles.get(number - 1) in QUOTE_ROLES
        if role == "quote-line" and not follows_quote:
            raise fail(
                where,
                "a quote-line continues the quotation line just above it, with no blank "
                "line between; this one does not: give it the role quote",
            )
        if role == "quote" and follows_quote:
            raise fail(
                where,
                f"the quotation line {number - 1} is just above, with no blank line between: "
                "give this line the role quote-line (a line of the same paragraph)",
            )
    for number, text in enumerate(lines, start=1):
        if hatnotes and number not in roles and text.startswith(hatnotes):
            raise fail(f"line {number}", "looks like a hatnote but has no role")


def _previous_text_line(lines: tuple[str, ...], number: int) -> int:
    for earlier in range(number - 1, 0, -1):
        if lines[earlier - 1].strip():
            return earlier
    return 0


def _chapters(
    entries: list[dict[str, object]], count: int, roles: dict[int, str]
) -> tuple[Chapter, ...]:
    if not entries:
        raise fail("[[chapter]]", "no chapters")
    firsts = [int(str(entry.get("first", 0))) for entry in entries]
    if firsts[0] != 1 or firsts != sorted(set(firsts)):
        raise fail("[[chapter]]", "chapters must start at line 1 and ascend")
    files = [str(entry.get("file", "")) for entry in entries]
    if len(set(files)) != len(files) or not all(files):
        raise fail("[[chapter]]", "every chapter needs its own file")
    chapters = []
    for index, (file, first) in enumerate(zip(files, firsts, strict=True)):
        last = firsts[index + 1] - 1 if index + 1 < len(firsts) else count
        if index and roles.get(first) not in ("part", "section"):
            raise fail(f"[[chapter]] {file}", f"line {first} is not a part or section heading")
        chapters.append(Chapter(file, first, last))
    for number, role in roles.items():
        if role in ("part", "section") and number not in firsts:
            raise fail(f"[lines] {number}", f"a {role} heading must start a chapter")
    return tuple(chapters)

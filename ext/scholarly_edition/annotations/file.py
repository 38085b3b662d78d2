"""One annotation file read once, the same way by ``make check`` and by the build.

A contributor's file is split into front matter and body by the markdown-it
parser MyST renders with (its front-matter rule), its fields are read with
PyYAML's composer, which gives every key and error its line, and the body is
screened by :mod:`.safety`. The build then hands MyST
:attr:`AnnotationFile.source`: blank lines where the front matter stood, then
exactly the body that was checked. MyST never sees the front matter, so no
field can configure the parser (``myst:``), add ``html_meta`` or hide a body
from the check.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

import yaml

from .._util.i18n import _
from .._util.problem import Problem
from . import data as annotations_data
from . import safety as annotations_safety
from .data import Annotation

# What a margin note beside the text can hold; a longer note belongs elsewhere.
BODY_LIMIT = 2000
# Lower-case ASCII words joined by hyphens: a name that is a valid HTML id, a
# LaTeX label and an EPUB file name as it is.
FILE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_OPENING = re.compile(r"---[ \t]*\n")


def withheld() -> str:
    """What stands in place of an annotation that is not shown, in the edition's language."""
    return _("This annotation is withheld: see the build's warnings.")


@dataclass(frozen=True)
class AnnotationFile:
    """What one annotation file says, and everything wrong with it."""

    path: Path
    annotation: Annotation | None
    body: str
    body_start: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def source(self) -> str:
        """The text MyST parses: the checked body at its own lines, or a withheld notice."""
        padding = "\n" * (self.body_start - 1)
        if self.problems or self.annotation is None:
            return padding + withheld() + "\n"
        return padding + self.body


def name_problems(path: Path, folder: Path) -> list[Problem]:
    """A file in the annotations folder must be ``name.md``, every part a safe name."""
    relative = PurePosixPath(path.relative_to(folder).as_posix())
    if relative.suffix != ".md":
        return [
            Problem(
                path,
                1,
                "only MyST Markdown files (.md) are annotations; "
                "move this file out of the annotations folder or rename it",
            )
        ]
    parts = [*relative.parent.parts, relative.stem]
    if not all(FILE_NAME.fullmatch(part) for part in parts):
        return [
            Problem(
                path,
                1,
                "an annotation's file name is lower-case letters a-z, digits and hyphens, "
                "such as shpalerhy-prison.md",
            )
        ]
    return []


class References(NamedTuple):
    """What an annotation may refer to: works, notes of the text, pages of the edition."""

    bib_keys: set[str]
    notes: set[str]
    pages: Path  # the folder of the edition's sources


def read(path: Path, text: str, refs: References) -> AnnotationFile:
    """Read and check one annotation file (``text`` with LF line ends)."""
    characters = _character_problems(path, text)
    if characters:
        return AnnotationFile(path, None, "", 1, characters)
    content, body_start, problems = _split(path, text)
    body = "".join(text.splitlines(keepends=True)[body_start - 1 :])
    if content is None:
        return AnnotationFile(path, None, body, body_start, problems)
    data, lines, problems = _fields(path, content)
    annotation = None
    if data is not None:
        annotation, problems = annotations_data.validate(path, data, lines, refs.bib_keys)
    padded = "\n" * (body_start - 1) + body
    problems += [
        Problem(path, line, message)
        for line, message in annotations_safety.problems(padded, 1)
        if line >= body_start
    ]
    problems += _page_link_problems(path, padded, refs.pages)
    problems += [
        Problem(path, line, unknown_note(label, "the note map"))
        for line, label in annotations_safety.note_markers(padded)
        if label not in refs.notes
    ]
    if not body.strip():
        problems.append(Problem(path, body_start, "the annotation has no text"))
    elif len(body.strip()) > BODY_LIMIT:
        problems.append(
            Problem(
                path,
                body_start,
                f"the annotation has {len(body.strip())} characters; a note beside the text "
                f"holds at most {BODY_LIMIT}: shorten it or split it into two annotations",
            )
        )
    return AnnotationFile(path, annotation, body, body_start, problems)


def unknown_note(label: str, note_map: str) -> str:
    """The message for ``[label]`` in an annotation when the text has no such note."""
    return (
        f"note [{label}] is not in {note_map}: an annotation's bracketed number refers "
        "to a note of the text; write it another way if it is not one"
    )


def _page_link_problems(path: Path, text: str, pages: Path) -> list[Problem]:
    """A link to a page must name a source of the edition, relative to the annotation."""
    problems = []
    root = pages.resolve()
    for line, href in annotations_safety.page_links(text):
        target = (path.parent / href).resolve()
        if not target.is_file() or root not in target.parents:
            problems.append(
                Problem(
                    path,
                    line,
                    f"the link {href!r} leads to no page of the edition; link a page "
                    "by its source, relative to this file (../early-life/1878-1899.md)",
                )
            )
    return problems


def _character_problems(path: Path, text: str) -> list[Problem]:
    """Control, format and line-separator characters, which hide or reorder text."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        for char in line:
            category = unicodedata.category(char)
            if category in {"Cc", "Cf", "Zl", "Zp", "Co", "Cn"} and char != "\t":
                name = unicodedata.name(char, "an unassigned character")
                problems.append(
                    Problem(
                        path,
                        number,
                        f"the invisible character U+{ord(char):04X} ({name}) is not allowed "
                        "in an annotation; delete it",
                    )
                )
                break
    return problems


def _split(path: Path, text: str) -> tuple[str | None, int, list[Problem]]:
    """The front matter's YAML and the body's first line, as MyST's parser splits them."""
    if not _OPENING.match(text):
        opening = "an annotation starts with front matter between --- lines"
        return None, 1, [Problem(path, 1, opening)]
    tokens = annotations_safety.tokens(text)
    token = tokens[0] if tokens else None
    if token is None or token.type != "front_matter" or token.map is None:
        return (
            None,
            1,
            [Problem(path, 1, "the front matter does not close: end it with a line ---")],
        )
    end = token.map[1]  # the row after the closing ---
    rows = text.split("\n")
    closing = rows[end - 1]
    problems = []
    if closing.rstrip() != "---":
        problems.append(
            Problem(path, end, "close the front matter with --- alone at the start of a line")
        )
    for number in range(2, end):
        if rows[number - 1].lstrip().startswith(("---", "...")):
            problems.append(
                Problem(
                    path,
                    number,
                    "a line inside the front matter starts with --- or ...; "
                    "only the closing --- may (quote the value)",
                )
            )
    if problems:
        return None, end + 1, problems
    return token.content, end + 1, []


Fields = tuple[dict[str, Any] | None, dict[str, int], list[Problem]]


def _fields(path: Path, content: str) -> Fields:
    """The fields, with the line of each key, counted from the file's line 2."""
    loader = yaml.SafeLoader(content)
    try:
        node = loader.get_single_node()
        if not isinstance(node, yaml.MappingNode):
            return None, {}, [Problem(path, 2, "the front matter must be fields, one per line")]
        lines: dict[str, int] = {}
        for key_node, _value in node.value:
            line = key_node.start_mark.line + 2
            if not isinstance(key_node, yaml.ScalarNode):
                return None, {}, [Problem(path, line, "a field's name is a word, as in kind:")]
            key = str(key_node.value)
            if key in lines:
                twice = f"the field {key!r} is given twice (also on line {lines[key]})"
                return None, {}, [Problem(path, line, twice)]
            lines[key] = line
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        return None, {}, [_yaml_problem(path, error)]
    except yaml.YAMLError as error:
        return None, {}, [Problem(path, 2, f"the front matter is not valid YAML: {error}")]
    finally:
        loader.dispose()
    return data, lines, []


def _yaml_problem(path: Path, error: yaml.MarkedYAMLError) -> Problem:
    """At the line where the faulty construct starts, naming where YAML gave up."""
    start = error.context_mark or error.problem_mark
    line = start.line + 2 if start is not None else 2
    reason = "; ".join(str(part) for part in (error.context, error.problem) if part)
    if error.problem_mark is not None and error.problem_mark.line + 2 != line:
        reason += f" on line {error.problem_mark.line + 2}"
    return Problem(path, line, f"the front matter is not valid YAML: {reason or 'malformed'}")

"""``python -m scholarly_edition new``: a complete edition project for any plain-text witness.

The project follows this edition's layout (``refs/`` for the data, ``docs/``
for the Sphinx sources), so every command of ``python -m scholarly_edition``
works in it unchanged. The files come from ``template/`` in this package:
those ending in ``.jinja`` are rendered with the witness's facts and the
title, with a filter for each file type so that a title never breaks the
syntax of the file it lands in; the others are copied as they are.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

import jinja2

from edition_tools import importer
from scholarly_edition._util import markers, source_encoding
from scholarly_edition.text import structure

TEMPLATE = "template"
# Files whose name in the package is not the name they are written under.
RENAMED = {"gitignore": ".gitignore"}
# Where a new edition keeps its witness (its structure map names it there).
WITNESS = PurePosixPath("refs/witness.txt")
INTRO = (
    "This is a scholarly edition of one witness, a plain-text file, given "
    "complete and unaltered in the order of the witness; everything the "
    "editors add is marked as apparatus. See [About this edition](about.md)."
)
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class NewEditionError(Exception):
    """A reason not to write the project; the message names the file at fault."""


@dataclass(frozen=True)
class Witness:
    """What the project's files say of the witness."""

    data: bytes
    sha256: str
    line_count: int
    labels: tuple[str, ...]


def read_witness(path: Path) -> Witness:
    """The witness's bytes and facts; refuses a file that is not UTF-8 text."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NewEditionError(f"{path}: cannot be read: {exc.strerror}") from None
    found = source_encoding.undecodable(data, "utf-8")
    if found is not None:
        raise NewEditionError(f"{path}:{found[0]}: {found[1]}")
    text = data.decode("utf-8")
    if not text.strip():
        raise NewEditionError(f"{path}: the witness has no text")
    lines = text.count("\n") + (not text.endswith("\n"))
    return Witness(data, hashlib.sha256(data).hexdigest(), lines, labels(text))


def labels(text: str) -> tuple[str, ...]:
    """Every note label of ``text`` once, in the order of first use, as the
    extension's marker syntax (:mod:`scholarly_edition._util.markers`) finds them."""
    found: dict[str, None] = {}
    for match in markers.MARKER.finditer(text):
        found.setdefault(match.group(1), None)
    return tuple(found)


def slug(title: str) -> str:
    """A file name from the title's words ("time-loop-films"), for the PDF."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words[:6]) or "edition"


def _toml(value: str) -> str:
    # A JSON string, non-ASCII kept, is a TOML basic string (and a YAML one).
    return json.dumps(value, ensure_ascii=False)


def _toml_key(value: str) -> str:
    return value if _BARE_KEY.fullmatch(value) else _toml(value)


def _make_value(value: str) -> str:
    return value.replace("$", "$$").replace("#", "\\#")


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters.update(
        toml=_toml, toml_key=_toml_key, yaml=_toml, python=repr, make_value=_make_value
    )
    return environment


def _template_files(folder: Traversable, under: PurePosixPath) -> list[tuple[PurePosixPath, str]]:
    """The template's files, sorted: (path in the project, template text)."""
    files = []
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.is_dir():
            files += _template_files(item, under / item.name)
        else:
            files.append((under / item.name, item.read_text(encoding="utf-8")))
    return files


def render(witness: Witness, title: str, python: str) -> dict[PurePosixPath, str]:
    """Every templated file of the project, by its path in the project."""
    environment = _environment()
    context = {
        "title": title,
        "slug": slug(title),
        "intro": INTRO,
        "python": python,
        "sha256": witness.sha256,
        "line_count": witness.line_count,
        "labels": witness.labels,
    }
    rendered = {}
    for path, text in _template_files(resources.files(__package__) / TEMPLATE, PurePosixPath()):
        name = RENAMED.get(path.name, path.name)
        if name.endswith(".jinja"):
            name = name.removesuffix(".jinja")
            text = environment.from_string(text).render(context)
        rendered[path.with_name(name)] = text
    return rendered


def create(target: Path, witness_path: Path, title: str, python: str) -> Witness:
    """Write the project into ``target`` (missing or empty); returns the witness written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NewEditionError(f"{target}: exists and is not an empty folder; choose a new one")
    title = title.strip()
    if not title:
        raise NewEditionError('give the edition a title: --title "TITLE"')
    if not title.isprintable():
        raise NewEditionError("the title must be one line of text, without control characters")
    witness = read_witness(witness_path)
    files: dict[PurePosixPath, str | bytes] = {**render(witness, title, python)}
    files[WITNESS] = witness.data
    for relative, content in files.items():
        path = target / relative
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        except OSError as exc:
            raise NewEditionError(f"{path}: cannot be written: {exc.strerror}") from None
    # The front page is the importer's, as after every `make import`.
    try:
        mapping = structure.load(target / "refs" / "structure.toml")
    except structure.StructureError as exc:  # the template's fault, never the witness's
        raise NewEditionError(f"the new structure map does not load: {exc}") from None
    importer.write(mapping, target / "docs", WITNESS.as_posix())
    return witness


def main(target: Path, witness_path: Path, title: str) -> int:
    """Create the project and say what was written and what to do next."""
    try:
        witness = create(target, witness_path, title, sys.executable)
    except NewEditionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in sorted(p for p in target.rglob("*") if p.is_file()):
        print(f"wrote {path}")
    print(
        f"\nA new edition of {witness_path} in {target}"
        f" ({len(witness.labels)} note markers, all unresolved)."
        "\nNext steps:"
        f"\n  cd {target}"
        "\n  make html      # build the HTML edition into _build/html"
        "\n  make verify    # check every word and marker of the witness in the output"
        "\nThen read the witness into refs/structure.toml (headings, captions, quotations)"
        "\nand run `make import`; resolve notes in refs/notes.toml with refs/works.bib."
    )
    return 0

"""Synthetic editions N times the size of this one, for the scale benchmark.

``make_edition(folder, scale)`` copies the project's sources into ``folder``
and adds ``scale - 1`` copies of the text's chapters, each in
``docs/copy-<k>/`` and in the root toctree, scaled alike in every input the
extension reads:

- note markers renumbered (``[155]`` becomes ``[1155]`` in copy 2, ``[2155]``
  in copy 3; the letters of explanatory notes become numbers above 900 of the
  copy's thousand, "unresolved" in the map, since only letters may be
  explanatory), with one note-map line per renumbered note;
- every register entry copied under ``<id>-k<k>`` with each form suffixed by
  the copy's number (``Lenin`` becomes ``Lenin2``), and the copy's text
  rewritten to match, ``{name}`` and ``{index-name}`` roles included, so that
  the register, the tagging and the index grow with the text;
- each annotation copied once per copy with its body, targeting a quotation
  of a note marker used once, so that it anchors in that copy alone
  (corrections become commentaries: their reading is not in that quotation);
  the words the edition's own annotations quote are suffixed in the copies
  like names, so that those still match one passage.

The copy's ``conf.py`` is extended with the copies' documents; nothing in the
checkout is touched. Run directly to write one: ``python
bench/synthetic_edition.py 10 /tmp/edition-10x``.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("docs", "refs", "ext", "CITATION.cff", "LICENSE", "LICENSE-TEXT.md")
PARTS = ("early-life", "lenins-government", "consolidation-of-power")
MARKER = re.compile(r"\[([0-9]{1,6}|[a-z])\]")
ROLE = re.compile(r"\{(name|not-name|index-name)\}`([^`]*)`")
NAMED = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.DOTALL)
# Notes of copy k are numbered from (k - 1) * STRIDE; the witness's run to 434.
STRIDE = 1000
LETTER_BASE = 900


@dataclass(frozen=True)
class Edition:
    """What was written: where, at what scale, and how many note markers its text has."""

    root: Path
    scale: int
    markers: int
    chapters: list[str]


def _copy_sources(into: Path) -> None:
    into.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source,
                into / name,
                ignore=shutil.ignore_patterns("__pycache__", "_build"),
                dirs_exist_ok=True,
            )
        elif source.exists():
            shutil.copy2(source, into / name)


def renumber(label: str, copy: int) -> str:
    """The label of note ``label`` in copy ``copy`` (copy 1 is the edition itself)."""
    if copy == 1:
        return label
    base = (copy - 1) * STRIDE
    if label.isdigit():
        return str(base + int(label))
    return str(base + LETTER_BASE + ord(label) - ord("a"))


class CopyText:
    """Rewrites a chapter's MyST for copy ``k``: markers renumbered, name forms suffixed."""

    def __init__(self, forms: list[str], quotes: list[str], copy: int) -> None:
        self.copy = copy
        self.quotes = set(quotes)
        longest_first = sorted({*forms, *quotes}, key=len, reverse=True)
        alternatives = "|".join(re.escape(form) for form in longest_first)
        self.forms = re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")

    def form(self, form: str) -> str:
        """``Lenin2``; a quoted passage changes inside (``d2iwndling``): quotes match substrings."""
        if form in self.quotes:
            return f"{form[:1]}{self.copy}{form[1:]}"
        return f"{form}{self.copy}"

    def entry(self, entry_id: str) -> str:
        return f"{entry_id}-k{self.copy}"

    def plain(self, text: str) -> str:
        text = MARKER.sub(lambda m: f"[{renumber(m.group(1), self.copy)}]", text)
        return self.forms.sub(lambda m: self.form(m.group()), text)

    def role(self, match: re.Match[str]) -> str:
        kind, content = match.groups()
        if kind == "index-name":
            return f"{{index-name}}`{self.entry(content)}`"
        named = NAMED.match(content)
        if kind == "name" and named:
            return f"{{name}}`{self.form(named.group(1))} <{self.entry(named.group(2))}>`"
        return match.group()  # {not-name}: the words stay text, named by no entry

    def __call__(self, text: str) -> str:
        out, position = [], 0
        for match in ROLE.finditer(text):
            out.append(self.plain(text[position : match.start()]))
            out.append(self.role(match))
            position = match.end()
        out.append(self.plain(text[position:]))
        return "".join(out)


def _toml_value(value: object) -> str:
    """A TOML value for the strings, lists and tables the refs files hold."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML form for {value!r}")


def _write_register(path: Path, entries: list[dict[str, object]]) -> None:
    blocks = []
    for entry in sorted(entries, key=lambda e: str(e["id"])):
        lines = ["[[name]]", *(f"{key} = {_toml_value(v)}" for key, v in entry.items())]
        blocks.append("\n".join(lines))
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def _write_notes(path: Path, notes: dict[str, object]) -> None:
    lines = ["[notes]", *(f"{label} = {_toml_value(value)}" for label, value in notes.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _front_matter(text: str) -> tuple[str, str]:
    """The front matter (without its fences) and the body of an annotation file."""
    _, front, body = text.split("---\n", 2)
    return front, body


def _annotation_copy(text: str, quote: str, copy: int) -> str:
    front, body = _front_matter(text)
    kept = []
    skipping = False
    for line in front.splitlines():
        key = line.split(":", 1)[0]
        if not line.startswith(" "):
            skipping = key in {"target", "reading", "proposed"}
        if skipping:
            continue
        kept.append("kind: commentary" if key == "kind" else line)
    target = f"target:\n  quote: {json.dumps(quote)}"
    return "---\n" + "\n".join([target, *kept]) + f"\n---\n{body}"


def _single_use_notes(chapters: dict[str, str], count: int) -> list[str]:
    """``count`` numeric notes used once in the text, spread through it in reading order."""
    uses: dict[str, int] = {}
    for text in chapters.values():
        for match in MARKER.finditer(text):
            uses[match.group(1)] = uses.get(match.group(1), 0) + 1
    single = [label for label, n in uses.items() if n == 1 and label.isdigit()]
    step = max(len(single) // (count + 1), 1)
    return [single[step * (i + 1)] for i in range(count)]


def make_edition(folder: Path, scale: int) -> Edition:
    """Write the edition at ``scale`` times its text into ``folder``."""
    _copy_sources(folder)
    docs, refs = folder / "docs", folder / "refs"
    chapters = {
        str(path.relative_to(docs)): path.read_text(encoding="utf-8")
        for part in PARTS
        for path in sorted((docs / part).glob("*.md"))
    }
    register = tomllib.loads((refs / "names.toml").read_text(encoding="utf-8"))["name"]
    notes = tomllib.loads((refs / "notes.toml").read_text(encoding="utf-8"))["notes"]
    annotations = sorted((docs / "annotations").glob("*.md"))
    quoted = _single_use_notes(chapters, len(annotations))
    quotes = [yaml.safe_load(_front_matter(p.read_text(encoding="utf-8"))[0]) for p in annotations]
    forms = [form for entry in register for form in entry["forms"]]
    quoted_words = [q["target"]["quote"] for q in quotes if "quote" in q.get("target", {})]
    all_entries = list(register)
    all_notes = dict(notes)
    toctree = []
    documents = []
    for copy in range(2, scale + 1):
        rewrite = CopyText(forms, quoted_words, copy)
        for name, text in chapters.items():
            target = docs / f"copy-{copy}" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(rewrite(text), encoding="utf-8")
            documents.append(f"copy-{copy}/{name.removesuffix('.md')}")
        toctree += [f"copy-{copy}/{part}/index" for part in PARTS]
        for entry in register:
            copied = dict(entry, id=rewrite.entry(entry["id"]))
            copied["index"] = f"{entry['index']} ({copy})"
            copied["forms"] = [rewrite.form(form) for form in entry["forms"]]
            copied.pop("wikidata", None)
            all_entries.append(copied)
        for label, value in notes.items():
            all_notes[renumber(label, copy)] = "unresolved" if value == "explanatory" else value
        for path, label in zip(annotations, quoted, strict=True):
            quote = f"[{renumber(label, copy)}]"
            copied = _annotation_copy(path.read_text(encoding="utf-8"), quote, copy)
            (path.parent / f"{path.stem}-k{copy}.md").write_text(copied, encoding="utf-8")
    if scale > 1:
        _write_register(refs / "names.toml", all_entries)
        _write_notes(refs / "notes.toml", all_notes)
        index = docs / "index.md"
        text = index.read_text(encoding="utf-8")
        last = f"{PARTS[-1]}/index\n"
        index.write_text(text.replace(last, last + "".join(f"{d}\n" for d in toctree), 1))
        with (docs / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(
                "\n# Added by bench/synthetic_edition.py: the copies of the text.\n"
                f"edition_text_documents += {documents!r}\n"
                'names_documents += ["copy-*/**"]\n'
            )
    lead = len(MARKER.findall((docs / "index.md").read_text(encoding="utf-8")))
    markers = sum(len(MARKER.findall(text)) for text in chapters.values()) * scale + lead
    return Edition(folder, scale, markers, [*chapters, *documents])


if __name__ == "__main__":
    made = make_edition(Path(sys.argv[2]), int(sys.argv[1]))
    print(f"{made.root}: {made.scale}x, {made.markers} note markers")

"""Where the mentions of names live between reading and writing.

All cross-document state is in this domain's data, keyed by docname, so that
``-j`` workers merge it and an incremental build forgets exactly the
documents it re-reads. The Index subclasses give the HTML pages
``names-persons.html``, ``names-places.html`` and ``names-organisations.html``:
compact, alphabetical, with letter navigation and "see" rows from variants.
"""

from __future__ import annotations

import importlib.util
import re
import struct
import unicodedata
from abc import ABCMeta
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

from sphinx.domains import Index, IndexEntry
from sphinx.environment import BuildEnvironment

from .._util.i18n import _
from .._util.per_document import PerDocumentDomain, reading_order
from . import register as names_register
from .register import CATEGORIES, Entry, Register

# The parts' names in the index pages' file names; their titles are part_title's.
PARTS = {"person": "Persons", "place": "Places", "organisation": "Organisations"}
# Letters that Unicode does not decompose but an English index files with
# their base letter (Polish "Ł" with "L").
_BASE_LETTERS = {"Ł": "L", "Ø": "O", "Đ": "D", "Ð": "D", "Þ": "T", "Æ": "A", "Œ": "O"}


class Occurrence(NamedTuple):
    """One mention: the entry, where its anchor is, and its source line."""

    entry: str
    docname: str
    anchor: str
    line: int


def register_path(env: BuildEnvironment) -> Path | None:
    """The register file named by ``names_register``, relative to the source folder."""
    value = env.config.names_register
    if not value:
        return None
    return (Path(env.srcdir) / value).resolve()


def load_register(env: BuildEnvironment) -> tuple[Register, tuple[str, ...]] | None:
    """The configured register (cached per process and modification time)."""
    path = register_path(env)
    if path is None or not path.is_file():
        return None
    try:
        return names_register.cached(path, path.stat().st_mtime_ns)
    except names_register.RegisterError as exc:
        # An unreadable register is reported (a warning, fatal under -W) and
        # tags nothing; Sphinx 9 would print a traceback around an error.
        return names_register.Register(path, {}), (str(exc),)


@lru_cache(maxsize=1)
def collation_key() -> Callable[[str], Any]:
    """A Unicode collation key: ICU when PyICU is installed, else pyuca (DUCET).

    PyICU needs the ICU C++ library to build, so it is optional; pyuca is pure
    Python and implements the same Unicode Collation Algorithm with the
    default table, which files "Józef" with "J" and "Ł" with "L". Loading the
    table takes a few tenths of a second, so it happens once per process.
    """
    try:
        import icu

        return icu.Collator.createInstance(icu.Locale("en")).getSortKey
    except ImportError:
        import pyuca

        return pyuca.Collator().sort_key


@lru_cache(maxsize=1)
def collator_name() -> str:
    """Which collator ``collation_key`` uses, without loading its table (asked per key)."""
    return "icu" if importlib.util.find_spec("icu") is not None else "pyuca"


def packed_key(text: str) -> bytes:
    """The collation key as bytes that sort alike: ICU's already are; pyuca's tuple of
    16-bit weights is packed big-endian, 4 bytes each (compact in the environment)."""
    key = collation_key()(text)
    if isinstance(key, bytes):
        return key
    return struct.pack(f">{len(key)}I", *key)


def letter_of(text: str) -> str:
    """The letter an index heading is filed under."""
    first = text.lstrip("\"'(")[:1].upper()
    first = _BASE_LETTERS.get(first, first)
    return unicodedata.normalize("NFD", first)[:1] or "#"


def see_forms(entry: Entry) -> list[str]:
    """Variants a reader may look up that the index form does not show.

    A form whose words are all in the index form ("Lenin", "Joseph Stalin") or
    that contains all of them ("Moscow Kremlin") needs no cross-reference;
    "Koba", "Petrograd" or "Tiflis" do.
    """

    def words(text: str) -> set[str]:
        return {word.casefold() for word in re.findall(r"\w+", text)}

    index = words(entry.index)
    found: dict[str, str] = {}
    for form in entry.forms:
        if not (words(form) <= index or words(form) >= index):
            found.setdefault(form.casefold(), form)
    return list(found.values())


def part_title(category: str) -> str:
    """The title of a part of the Index of Names, in the edition's language."""
    titles = {"person": _("Persons"), "place": _("Places"), "organisation": _("Organisations")}
    return titles[category]


def _index_title(category: str) -> str:
    return _("Index of Names: {part}").format(part=part_title(category))


class _TranslatedTitle(ABCMeta):
    """An index's title in the language of the build that shows it, not of the import.

    Sphinx reads ``localname`` from the class; a property of the metaclass is
    found before the class's own attribute.
    """

    category: str

    @property
    def localname(cls) -> str:
        return _index_title(cls.category)


class _NamesIndex(Index, metaclass=_TranslatedTitle):
    category: ClassVar[str] = ""

    def __getattr__(self, attribute: str) -> Any:
        """Sphinx reads the title from an instance too (the metaclass's is the class's)."""
        if attribute == "localname":
            return _index_title(self.category)
        raise AttributeError(attribute)

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        domain = self.domain
        assert isinstance(domain, NamesDomain)
        loaded = load_register(domain.env)
        if loaded is None:
            return [], True
        register, _path = loaded
        wanted = set(docnames) if docnames is not None else None
        by_entry = domain.by_entry()
        rows: list[tuple[str, list[IndexEntry]]] = []
        for entry in register.entries.values():
            if entry.category != self.category or entry.id not in by_entry:
                continue
            found = [o for o in by_entry[entry.id] if wanted is None or o.docname in wanted]
            if not found:
                continue
            first = found[0]
            group = [
                IndexEntry(
                    entry.index, 1, first.docname, first.anchor, entry.dates, "", entry.description
                )
            ]
            counts = Counter(o.docname for o in found)
            seen: set[str] = set()
            for occurrence in found:
                if occurrence.docname in seen:
                    continue
                seen.add(occurrence.docname)
                title = domain.env.titles[occurrence.docname].astext()
                count = counts[occurrence.docname]
                group.append(
                    IndexEntry(title, 2, occurrence.docname, occurrence.anchor, f"{count}×", "", "")
                )
            rows.append((entry.index, group))
            for form in see_forms(entry):
                see = IndexEntry(
                    form,
                    0,
                    first.docname,
                    first.anchor,
                    "",
                    "",
                    _("see {entry}").format(entry=entry.index),
                )
                rows.append((form, [see]))
        rows.sort(key=lambda row: domain.sort_key(row[0]))
        content: dict[str, list[IndexEntry]] = {}
        for heading, group in rows:
            content.setdefault(letter_of(heading), []).extend(group)
        return list(content.items()), True


def _index(category: str) -> type[_NamesIndex]:
    return type(
        f"{PARTS[category]}Index",
        (_NamesIndex,),
        {
            "name": PARTS[category].lower(),
            "shortname": PARTS[category].lower(),
            "category": category,
        },
    )


class NamesDomain(PerDocumentDomain):
    """Mentions of register entries, per document."""

    name = "names"
    label = "Names"
    data_version = 3
    initial_data: ClassVar[dict[str, Any]] = {"occurrences": {}, "index_pages": {}}
    per_doc = ("occurrences", "index_pages")
    indices: ClassVar[list[type[Index]]] = [_index(category) for category in CATEGORIES]

    @property
    def occurrences(self) -> dict[str, list[Occurrence]]:
        return self.data["occurrences"]

    @property
    def index_pages(self) -> dict[str, list[str]]:
        """Documents that show the Index of Names, with the parts they show."""
        return self.data["index_pages"]

    def note(self, occurrence: Occurrence) -> None:
        self.occurrences.setdefault(occurrence.docname, []).append(occurrence)

    def sort_key(self, text: str) -> bytes:
        """The collation key of an index heading, from the keys kept in the environment.

        Loading the collation table costs more than the rest of an incremental
        build's index work; ``keep_sort_keys`` computes the keys of new headings
        once, after reading, so a build whose headings are unchanged never loads it.
        """
        kept = self._kept_keys()
        if text in kept:
            return kept[text]
        return packed_key(text)

    def _kept_keys(self) -> dict[str, bytes]:
        """The kept keys, if made by the collator this process would use."""
        if self.data.get("sort_keys_by") != collator_name():
            return {}
        return self.data.get("sort_keys", {})

    def keep_sort_keys(self, register: Register) -> None:
        """Keys of every heading the index can show: mentioned entries and their variants."""
        kept = self._kept_keys()
        mentioned = {o.entry for found in self.occurrences.values() for o in found}
        headings = {
            heading
            for entry_id in mentioned
            if entry_id in register.entries
            for heading in (
                register.entries[entry_id].index,
                *see_forms(register.entries[entry_id]),
            )
        }
        self.data["sort_keys"] = {h: kept[h] if h in kept else packed_key(h) for h in headings}
        self.data["sort_keys_by"] = collator_name()

    def by_entry(self) -> dict[str, list[Occurrence]]:
        """Every entry's mentions in reading order."""
        result: dict[str, list[Occurrence]] = {}
        for docname in reading_order(self.env):
            for occurrence in self.occurrences.get(docname, []):
                result.setdefault(occurrence.entry, []).append(occurrence)
        return result

"""Tag the names of the register in running text.

One regular expression of every surface form, longest first, whole words
only: "Stalin Metallurgical Factory" wins over "Stalin", and "Stalinism",
"Leninist" or "Marxism" never match. Forms two entries claim are left to an
explicit role; unresolved, they are a located warning listing the candidates.
Then every mention (tagged here or chosen by a role) gets an anchor and is
recorded in the names domain.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util.matching import Matcher

from .._util.warning import EditionWarning, warn
from .domain import NamesDomain, Occurrence, load_register
from .nodes import name
from .register import Register

# Text directly inside these nodes is running text; anything else (literals,
# references, note markers made by the notes transform, labels, raw) is left
# alone, whatever node types other transforms add.
_TEXT_PARENTS = (
    nodes.paragraph,
    nodes.title,
    nodes.emphasis,
    nodes.strong,
    nodes.inline,
    nodes.caption,
    nodes.line,
    nodes.attribution,
    nodes.term,
)
_SKIP_ANCESTORS = (
    nodes.FixedTextElement,
    nodes.literal,
    nodes.reference,
    nodes.raw,
    nodes.math,
    nodes.label,
    nodes.rubric,
    nodes.field_name,
    nodes.target,
    nodes.comment,
    nodes.substitution_definition,
    nodes.system_message,
    addnodes.pending_xref,
    addnodes.toctree,
    name,
)
# A hatnote names another article ("Main article: Early life of Joseph
# Stalin"): its titles are not mentions of the people and places in them.
SKIP_CLASSES = frozenset({"apparatus", "names-skip", "hatnote"})
_BRACKETS = re.compile(r"\[[^\[\]]*\]")


_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


class FormMatcher:
    """Whole-word matches of the register's forms, longest first, leftmost first.

    One regular expression alternating every form tries each form at every
    position of the text: its cost grows with the register times the text,
    and both grow with the edition. A form that starts with a letter or digit
    can only match where a word starts, and only a form whose first word is
    that word; so the forms are looked up by first word, at word starts only.
    The matches are those of ``(?<!\\w)(?:form|...)(?!\\w)`` with the forms
    longest first. A register with a form starting otherwise keeps that
    expression.
    """

    def __init__(self, forms: frozenset[str]) -> None:
        ordered = sorted(forms, key=lambda f: (-len(f), f))
        self.by_word: dict[str, list[str]] = {}
        self.pattern: re.Pattern[str] | None = None
        firsts = [word.group() for form in ordered if (word := _WORD.match(form))]
        if len(firsts) == len(ordered):
            for form, first in zip(ordered, firsts, strict=True):
                self.by_word.setdefault(first, []).append(form)
        else:
            body = "|".join(re.escape(form) for form in ordered)
            self.pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)")

    def finditer(self, value: str) -> Iterator[tuple[int, int]]:
        """The ``(start, end)`` of every match in ``value``, in order."""
        if self.pattern is not None:
            yield from (match.span() for match in self.pattern.finditer(value))
            return
        position = 0
        for word in _WORD.finditer(value):
            start = word.start()
            if start < position:
                continue
            for form in self.by_word.get(word.group(), ()):
                end = start + len(form)
                if value.startswith(form, start) and not _WORD_CHAR.match(value, end):
                    yield start, end
                    position = end
                    break


@lru_cache(maxsize=8)
def _matcher(forms: frozenset[str]) -> FormMatcher:
    return FormMatcher(forms)


def mentions(matcher: FormMatcher, value: str) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` of each form the tagger reads as a name in ``value``.

    Words in square brackets are the witness's, not the text's ("[O.S. 6
    December]"). ``make check`` asks for rules only where this finds an
    ambiguous form, so that a form inside a longer one (Stalin's nickname
    "Koba" within 'Yakobi "Koba" Egnatashvili') needs none.
    """
    brackets = [match.span() for match in _BRACKETS.finditer(value)]
    for match_start, match_end in matcher.finditer(value):
        if not any(start < match_start < end for start, end in brackets):
            yield match_start, match_end


def _skipped(text: nodes.Text) -> bool:
    parent = text.parent
    if not isinstance(parent, _TEXT_PARENTS):
        return True
    node: nodes.Node | None = parent
    while node is not None:
        if isinstance(node, _SKIP_ANCESTORS):
            return True
        if isinstance(node, nodes.Element) and SKIP_CLASSES & set(node.get("classes", [])):
            return True
        node = node.parent
    return False


class NameTagger(SphinxTransform):
    """Wrap register forms in ``name`` nodes and record every mention."""

    # After the notes transform (400), which turns "[12]" into note nodes, so
    # that markers are never split; before Sphinx's index collection, which
    # happens after all transforms.
    default_priority = 410

    def apply(self) -> None:
        loaded = load_register(self.env)
        docname = self.env.docname
        if loaded is None or not Matcher(self.config.names_documents)(docname):
            return
        register, _ = loaded
        # No whole-file dependency on the register: an edit re-reads only the
        # documents it concerns (``register_edits.read_again``).
        candidates = register.candidates()
        pattern = _matcher(register.forms)
        edition_title = self._edition_title(docname)
        for text in list(self.document.findall(nodes.Text)):
            if text.parent is not edition_title and not _skipped(text):
                self._tag(text, pattern, candidates, register)
        self._record(docname, register)

    def _tag(
        self,
        text: nodes.Text,
        pattern: FormMatcher,
        candidates: dict[str, tuple[str, ...]],
        register: Register,
    ) -> None:
        value = str(text)
        pieces: list[nodes.Node] = []
        position = 0
        for match_start, match_end in mentions(pattern, value):
            form = value[match_start:match_end]
            ids = candidates[form]
            if len(ids) > 1:
                choices = "; ".join(f"{i} ({register.entries[i].index})" for i in ids)
                warn(
                    EditionWarning.names_ambiguous,
                    f"ambiguous name {form!r}: candidates {choices}; "
                    f"choose one with {{name}}`{form} <id>` or {{not-name}}`{form}`",
                    (self.env.docname, self._line(text, value[:match_start])),
                )
                continue
            entry = register.entries[ids[0]]
            pieces.append(nodes.Text(value[position:match_start]))
            node = name(form, form, entry=entry.id, category=entry.category, index=entry.index)
            pieces.append(node)
            position = match_end
        if not pieces:
            return
        pieces.append(nodes.Text(value[position:]))
        parent = text.parent
        index = parent.index(text)
        parent[index : index + 1] = [
            piece for piece in pieces if piece.astext() or isinstance(piece, name)
        ]

    def _edition_title(self, docname: str) -> nodes.Node | None:
        """The root document's title: the edition's own, not a line of the witness."""
        if docname != self.config.root_doc:
            return None
        return next(iter(self.document.findall(nodes.title)), None)

    @staticmethod
    def _line(text: nodes.Node, before: str) -> int | None:
        """The source line of a mention: the block's line plus the newlines before it."""
        node = text.parent
        while node is not None and node.line is None:
            node = node.parent
        if node is None or node.line is None:
            return None
        return node.line + before.count("\n")

    def _record(self, docname: str, register: Register) -> None:
        domain = self.env.domains["names"]
        assert isinstance(domain, NamesDomain)
        counts: dict[str, int] = {}
        linked: set[str] = set()
        for node in list(self.document.findall(name)):
            entry = register.entries.get(node["entry"])
            if entry is None:
                continue
            node["category"] = entry.category
            node["index"] = entry.index
            counts[entry.id] = counts.get(entry.id, 0) + 1
            title = node.parent if isinstance(node.parent, nodes.title) else None
            section = title.parent if title is not None else None
            if isinstance(section, nodes.section) and section["ids"]:
                # A heading's mention links to the heading; the title keeps its
                # plain text, because tables of contents and PDF bookmarks copy it.
                anchor = section["ids"][0]
                node.replace_self(nodes.Text(node.astext()))
            else:
                anchor = f"name-{entry.id}-{counts[entry.id]}"
                node["ids"].append(anchor)
                self.document.ids[anchor] = node
                if node.astext() and entry.id not in linked:
                    # The page's first mention in the text is the keyboard's way
                    # to the entry (``nodes.visit_html``); the document
                    # alone decides which one, so ``-j`` and rebuilds agree.
                    linked.add(entry.id)
                    node["first"] = True
            line = self._line(node.children[0], "") if node.children else node.line
            domain.note(Occurrence(entry.id, docname, anchor, line or 0))
            index = addnodes.index(entries=[("single", entry.index, anchor, "", None)])
            index["inline"] = section is None
            if section is not None and title is not None:
                section.insert(section.index(title) + 1, index)
            else:
                node.parent.insert(node.parent.index(node), index)

"""An article page as MediaWiki renders it: its reference marks, its list, its provenance.

The page is untrusted input. It is only read, with BeautifulSoup's
``html.parser`` (no scripts run, no file or network is reached); what is
taken from it is plain text and the attributes named here.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

# The elements whose text a capture of the page keeps together as one line.
BLOCKS = {"p", "li", "dd", "dt", "td", "th", "caption", "figcaption", "blockquote", "div"}
# Text that is not read: code, hidden metadata and styles.
HIDDEN = {"script", "style", "noscript", "template"}
WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_PAGE = re.compile(r"^\d+$")
# Hidden text (display:none: MathML beside its image, sort keys) within the
# text before a mark, between these two characters, which no page contains.
_OPEN, _CLOSE = "\x00", "\x01"
_HIDDEN_TEXT = re.compile("\x00[^\x01]*\x01")
_PAGES = re.compile(r"^\d+\s*[-–]\s*\d+$")


@dataclass
class Mark:
    """A reference mark in reading order: its label as printed and the words before it."""

    label: str
    target: str
    before: str
    locator: str = ""

    @property
    def visible(self) -> str:
        """The visible text before the mark."""
        return _HIDDEN_TEXT.sub(" ", self.before)

    @property
    def words(self) -> list[str]:
        return words(self.visible)

    @property
    def all_words(self) -> list[str]:
        """The words before the mark, hidden text included: what some captures keep."""
        return words(self.before.replace(_OPEN, " ").replace(_CLOSE, " "))


@dataclass(frozen=True)
class Provenance:
    """What the page says of itself; a field it does not give is empty."""

    title: str = ""
    revision: int | None = None
    url: str = ""
    date: str = ""


@dataclass
class Article:
    provenance: Provenance
    marks: list[Mark]
    # The list entry (``li#cite_note-…``) of each target, its ``.reference-text``.
    entries: dict[str, Tag]
    # The full citations a short citation links to, by their ``CITEREF…`` id.
    citerefs: dict[str, Tag]
    # The marks within each list entry: the citations of an explanatory note.
    inner: dict[str, list[Mark]] = field(default_factory=dict)


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased: what two captures of one sentence share."""
    return [w.lower() for w in WORD.findall(text)]


def text_of(tag: Tag) -> str:
    """The visible text of ``tag`` on one line."""
    parts: list[str] = []
    _collect(tag, parts)
    return _SPACE.sub(" ", "".join(parts)).strip()


def read(html: str) -> Article:
    soup = BeautifulSoup(html, "html.parser")
    entries: dict[str, Tag] = {}
    for item in soup.select("ol.references > li[id]"):
        text = item.select_one(".reference-text")
        entries[str(item["id"])] = text if text is not None else item
    citerefs: dict[str, Tag] = {}
    for cite in soup.select("[id^=CITEREF]"):
        citerefs.setdefault(str(cite["id"]), cite)
    root = soup.select_one("#mw-content-text") or soup.body or soup
    walker = _Walker()
    walker.walk(root, [], walker.marks)
    return Article(_provenance(soup), walker.marks, entries, citerefs, walker.inner)


def _target(sup: Tag) -> str | None:
    link = sup.find("a", href=True)
    if link is None:
        return None
    fragment = urlsplit(str(link["href"])).fragment
    return fragment if fragment.startswith("cite_note") else None


def _is_reference(tag: Tag) -> bool:
    return tag.name == "sup" and "reference" in (tag.get("class") or [])


def _hidden(tag: Tag) -> bool:
    return tag.name in HIDDEN or _undisplayed(tag)


def _undisplayed(tag: Tag) -> bool:
    return "display:none" in str(tag.get("style", "")).replace(" ", "")


def _collect(node: Tag, parts: list[str]) -> None:
    """The visible text of ``node``, without reference marks."""
    for child in node.children:
        if type(child) is NavigableString:
            parts.append(str(child))
        elif isinstance(child, Tag) and not _hidden(child):
            if _is_reference(child) and _target(child) is not None:
                continue
            _collect(child, parts)


class _Walker:
    """One pass over the page: the marks of each block with the text before them.

    A block (paragraph, list item, cell) is a line of its own in a capture, so
    the words before a mark are those of its block. A mark's own text ("[12]")
    is left out of them, as the witness's markers are; an in-text page
    (``{{rp}}``, ":p. 7") is text of the capture, and the locator of the mark
    just before it. Marks within the reference list are the citations of its
    entries (an explanatory note's own citations), kept apart.
    """

    def __init__(self) -> None:
        self.marks: list[Mark] = []
        self.inner: dict[str, list[Mark]] = {}
        # The text a mark was last appended after: which parts, and how many.
        self._last: tuple[int, int] | None = None

    def walk(self, node: Tag, parts: list[str], marks: list[Mark]) -> None:
        for child in node.children:
            if isinstance(child, Comment) or not isinstance(child, NavigableString | Tag):
                continue
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:
                    parts.append(str(child))
                continue
            if child.name in HIDDEN:
                continue
            if _undisplayed(child):
                text = child.get_text().replace(_OPEN, "").replace(_CLOSE, "")
                parts.append(_OPEN + text + _CLOSE)
                continue
            if _is_reference(child):
                self._reference(child, parts, marks)
                continue
            if child.name == "li" and child.get("id") and _in_reference_list(child):
                self.walk(child, [], self.inner.setdefault(str(child["id"]), []))
            elif child.name in BLOCKS:
                self.walk(child, [], marks)
            else:
                self.walk(child, parts, marks)

    def _reference(self, sup: Tag, parts: list[str], marks: list[Mark]) -> None:
        target = _target(sup)
        before = "".join(parts)
        if target is not None:
            label = _SPACE.sub(" ", sup.get_text()).strip().strip("[]").strip()
            marks.append(Mark(label, target, before))
            self._last = (id(parts), len(parts))
            return
        # An in-text page: text of the capture, and the locator of the mark before.
        last = self._last
        if last and marks and last[0] == id(parts) and not "".join(parts[last[1] :]).strip():
            marks[-1].locator = locator(sup.get_text())
        parts.append(sup.get_text())


def _in_reference_list(item: Tag) -> bool:
    parent = item.parent
    return (
        parent is not None and parent.name == "ol" and "references" in (parent.get("class") or [])
    )


def locator(text: str) -> str:
    """An in-text page as the edition writes locators: ": 207" is "p. 207"."""
    value = _SPACE.sub(" ", text.replace("\u200a", " ")).strip().lstrip(":").strip()
    if _PAGE.match(value):
        return f"p. {value}"
    if _PAGES.match(value):
        return "pp. " + re.sub(r"\s*[-–]\s*", "–", value)
    return value


def _provenance(soup: BeautifulSoup) -> Provenance:
    scripts = " ".join(s.get_text() for s in soup.find_all("script"))
    title = _config_string(scripts, "wgTitle")
    if not title:
        heading = soup.select_one("#firstHeading")
        title = text_of(heading) if heading is not None else ""
    if not title and soup.title is not None:
        title = re.sub(r"\s+[-–—]\s+Wikipedia$", "", soup.title.get_text().strip())
    revision = re.search(r'"wgRevisionId"\s*:\s*(\d+)', scripts)
    if revision is None:
        permalink = soup.select_one('.printfooter a[href*="oldid="], #t-permalink a[href]')
        if permalink is not None:
            revision = re.search(r"oldid=(\d+)", str(permalink["href"]))
    canonical = soup.find("link", rel="canonical", href=True)
    url = str(canonical["href"]) if isinstance(canonical, Tag) else ""
    return Provenance(
        title=title,
        revision=int(revision.group(1)) if revision else None,
        url=url if urlsplit(url).scheme in ("http", "https") else "",
        date=_edited(soup),
    )


def _config_string(scripts: str, name: str) -> str:
    found = re.search(rf'"{name}"\s*:\s*("(?:[^"\\]|\\.)*")', scripts)
    if found is None:
        return ""
    try:
        value = json.loads(found.group(1))
    except ValueError:
        return ""
    return value if isinstance(value, str) else ""


def _edited(soup: BeautifulSoup) -> str:
    """The date of the footer's "last edited on 24 February 2020", as 2020-02-24."""
    footer = soup.select_one("#footer-info-lastmod")
    if footer is None:
        return ""
    found = re.search(r"(\d{1,2}) ([A-Z][a-z]+) (\d{4})", footer.get_text())
    if found is None:
        return ""
    try:
        day = datetime.datetime.strptime(" ".join(found.groups()), "%d %B %Y")
    except ValueError:
        return ""
    return day.date().isoformat()

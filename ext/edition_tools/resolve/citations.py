"""A reference list entry as citations: the works it cites, each with its locator.

A short citation ("King 2003, p. 41", ``{{sfn}}``, ``{{harvnb}}``) links to a
full citation (``#CITEREF…``) elsewhere on the page: it becomes that work with
the short citation's locator. A full citation (``cite.citation``) becomes the
work its COinS describes, with the pages it gives. An entry that cites several
works gives several citations; an entry with none is a note with text only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import Tag

from . import coins
from .article import Article, text_of
from .coins import Name, Work

_LOCATOR = re.compile(
    r"^[\s,:]*((?:pp?|loc|ch|chap|para|fol|col|sec|vol)\.\s*[^;()]*?|§+\s*[^;()]*?)[\s.;]*$"
)
_YEAR = re.compile(r"\((?:[^()]*?\b)?(\d{4})[a-z]?\)")
# An entry with this many words beside its citations is a comment too.
MORE_WORDS = 4
_PAGE_IN_TEXT = re.compile(r"\b(pp?\.)\s*([0-9][0-9–\-, ]*[0-9]|[0-9]+)")


@dataclass
class Citation:
    work: Work
    locator: str = ""
    # The words of the work the citation quotes (CS1's quote=, shown as <q>).
    quote: str = ""


@dataclass
class Reference:
    """What one list entry says: its citations, its text, and what a reviewer must check."""

    target: str
    citations: list[Citation] = field(default_factory=list)
    text: str = ""
    review: list[str] = field(default_factory=list)


def reference(article: Article, target: str) -> Reference:
    """The citations and text of the list entry ``target`` (a ``cite_note-…`` id)."""
    entry = article.entries.get(target)
    if entry is None:
        return Reference(target, review=[f"the page has no list entry #{target}"])
    result = Reference(target, text=text_of(entry))
    for link in entry.select('a[href*="#CITEREF"]'):
        if link.find_parent("cite") is not None:
            continue
        anchor = urlsplit(str(link["href"])).fragment
        cite = article.citerefs.get(anchor)
        if cite is None:
            result.review.append(f"a short citation links to #{anchor}, which the page lacks")
            continue
        work = work_of(cite)
        result.citations.append(Citation(work, _short_locator(link)))
    for cite in entry.find_all("cite"):
        work = work_of(cite)
        quote = cite.find("q")
        quoted = text_of(quote) if quote is not None else ""
        result.citations.append(Citation(work, page_locator(work.pages), quoted))
    if not result.citations:
        links = [a for a in entry.find_all("a", class_="external", href=True) if text_of(a)]
        if len(links) == 1 and urlsplit(str(links[0]["href"])).scheme in ("http", "https"):
            # A bare link: the work is the page it names, read from the link alone.
            work = Work("misc", {"title": text_of(links[0]), "url": str(links[0]["href"])})
            work.from_text = True
            result.citations.append(Citation(work))
    for citation in result.citations:
        if citation.work.from_text:
            result.review.append(
                f"{citation.work.fields.get('title', 'a work')!r} has no COinS metadata: "
                "its entry was read from the citation's text"
            )
    rest = _beyond_citations(entry)
    if result.citations and len(rest.split()) >= MORE_WORDS:
        result.review.append(f"the entry says more than its citations: «{rest}»")
    for mark in article.inner.get(target, []):
        inner = reference(article, mark.target)
        result.citations += inner.citations
        result.review += inner.review
    return result


def _beyond_citations(entry: Tag) -> str:
    """The entry's words that are not its citations (nor their locators): a comment."""
    text = text_of(entry)
    for cite in entry.find_all(["cite", "q"]):
        text = text.replace(text_of(cite), " ")
    for link in entry.select('a[href*="#CITEREF"], a.external'):
        text = text.replace(text_of(link), " ")
    text = re.sub(r"\b(?:pp?|loc|ch|chap|para|fol|col|sec|vol)\.\s*[\w–\-, ]*", " ", text)
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return " ".join(words)


def work_of(cite: Tag) -> Work:
    """The work of a full citation: from its COinS, or from its text where it has none."""
    span = cite.find_next_sibling("span", class_="Z3988")
    if isinstance(span, Tag) and span.get("title") and span.find_previous_sibling("cite") is cite:
        return coins.parse(str(span["title"]))
    return _from_text(cite)


def _from_text(cite: Tag) -> Work:
    """What a citation's text plainly gives: authors, year, title, ISBN, link. Nothing more."""
    text = text_of(cite)
    work = Work("misc", from_text=True)
    year = _YEAR.search(text)
    if year:
        work.fields["year"] = year.group(1)
        names = text[: year.start()].strip()
        work.authors = [Name(n.strip()) for n in names.split(";") if n.strip()]
    title = cite.find("i") or cite.find("q")
    quoted = re.search(r"\"([^\"]+)\"", text)
    if title is not None and text_of(title):
        work.fields["title"] = text_of(title)
    elif quoted:
        work.fields["title"] = quoted.group(1).strip()
    isbn = cite.select_one('a[href*="BookSources/"]')
    if isbn is not None:
        work.fields["isbn"] = re.sub(r"[^0-9Xx]", "", text_of(isbn)).upper()
    link = cite.find("a", class_="external", href=True)
    if link is not None and urlsplit(str(link["href"])).scheme in ("http", "https"):
        work.fields["url"] = str(link["href"])
    page = _PAGE_IN_TEXT.search(text)
    if page:
        work.pages = page.group(2).strip()
    if "title" not in work.fields:
        work.fields["title"] = text
    return work


def _short_locator(link: Tag) -> str:
    """The locator after a short citation's link, up to the next citation: ", p. 41"."""
    parts: list[str] = []
    for node in link.next_siblings:
        if isinstance(node, Tag) and (
            node.name == "cite" or node.select_one('a[href*="#CITEREF"]') or _is_link(node)
        ):
            break
        parts.append(text_of(node) if isinstance(node, Tag) else str(node))
        if ";" in parts[-1]:
            break
    text = " ".join("".join(parts).replace("\xa0", " ").split(";")[0].split())
    found = _LOCATOR.match(text)
    return found.group(1).strip() if found else ""


def _is_link(node: Tag) -> bool:
    return node.name == "a" and "#CITEREF" in str(node.get("href", ""))


def page_locator(pages: str) -> str:
    """Pages as the edition writes a locator: "80" is "p. 80", "80–82" is "pp. 80–82"."""
    value = " ".join(pages.replace("{", "").replace("}", "").split())
    if not value:
        return ""
    if re.fullmatch(r"\d+", value):
        return f"p. {value}"
    if re.fullmatch(r"[\dA-Za-z]+(?:\s*[-–,]\s*[\dA-Za-z]+)+", value):
        return "pp. " + re.sub(r"\s*[-–]\s*", "–", value)
    return value

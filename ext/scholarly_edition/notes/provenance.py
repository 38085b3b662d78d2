"""``{article-provenance}``: which revision of the article the notes come from.

``refs/article.toml`` (``edition_article_file``) records the article's title,
URL, revision id and the revision's date, as ``make resolve`` read them from
the article's page. Until a revision is recorded, the edition says that it is
not identified and, in the web edition, how a contributor finds it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .._util import toml_file
from .._util.i18n import _
from .._util.warning import EditionWarning, warn


@dataclass(frozen=True)
class Provenance:
    title: str = ""
    url: str = ""
    revision: int | None = None
    date: str = ""

    @property
    def permalink(self) -> str:
        """The revision's own address: MediaWiki's ``index.php?oldid=N``."""
        parts = urlsplit(self.url)
        if self.revision is None or parts.scheme not in ("http", "https") or not parts.netloc:
            return ""
        return f"{parts.scheme}://{parts.netloc}/w/index.php?oldid={self.revision}"


def load(path: Path) -> Provenance:
    """The recorded provenance; raises OSError, UnicodeDecodeError or TOMLDecodeError."""
    data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    revision = data.get("revision")
    url = str(data.get("url", ""))
    return Provenance(
        title=str(data.get("title", "")),
        url=url if urlsplit(url).scheme in ("http", "https") else "",
        revision=revision if isinstance(revision, int) and revision > 0 else None,
        date=str(data.get("date", "")),
    )


def sentence(provenance: Provenance) -> list[nodes.Node]:
    """What the edition says of the revision, as text and links (never markup)."""
    if provenance.revision is None:
        return [
            nodes.Text(
                _(
                    "The revision of the article is not identified, so the notes cannot yet "
                    "be checked against the article's reference list."
                )
            )
        ]
    title = f"“{provenance.title}”" if provenance.title else _("the article")
    date = _(" of {date}").format(date=provenance.date) if provenance.date else ""
    result: list[nodes.Node] = [
        nodes.Text(
            _("The notes come from the reference list of {title}, revision ").format(title=title)
        )
    ]
    revision = str(provenance.revision)
    if provenance.permalink:
        result.append(nodes.reference(revision, revision, refuri=provenance.permalink))
    else:
        result.append(nodes.Text(revision))
    result.append(nodes.Text(f"{date}."))
    return result


class ArticleProvenanceDirective(SphinxDirective):
    """``{article-provenance}``: one paragraph on the revision the notes come from."""

    def run(self) -> list[nodes.Node]:
        name = self.config.edition_article_file
        if not name:
            raise self.error("article-provenance needs edition_article_file in conf.py")
        path = (Path(self.env.srcdir) / name).resolve()
        self.env.note_dependency(str(path))
        provenance = Provenance()
        if path.exists():
            try:
                provenance = load(path)
            except tomllib.TOMLDecodeError as exc:
                line = toml_file.error_line(exc) or 1
                warn(EditionWarning.article, f"malformed TOML: {exc}", f"{path}:{line}")
            except (OSError, UnicodeDecodeError) as exc:
                warn(EditionWarning.article, f"cannot be read: {exc}", f"{path}:1")
        result: list[nodes.Node] = [
            nodes.paragraph("", "", *sentence(provenance), classes=["article-provenance"])
        ]
        if provenance.revision is None:
            web_only = addnodes.only(expr="html")
            # For contributors, in the web edition only: the printed book has no
            # use for a command to run.
            how = _(
                "A contributor finds it in the article's history: the revision whose text "
                "matches the witness word for word. Saving that revision's page and running "
                "make resolve ARTICLE=page.html resolves the notes from its reference list and "
                "records the revision here (see CONTRIBUTING.md)."
            )
            web_only += nodes.paragraph("", how, classes=["article-provenance"])
            result.append(web_only)
        return result


def setup(app: Sphinx) -> None:
    app.add_directive("article-provenance", ArticleProvenanceDirective)

"""The report of a ``resolve`` run: printed, and written for the pull request."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .run import Outcome
    from .write import Resolution


def summary(outcome: Outcome) -> list[str]:
    alignment = outcome.alignment
    total = len(alignment.matched) + len(alignment.unmatched)
    provenance = outcome.provenance
    revision = f"revision {provenance.revision}" if provenance.revision else "revision not given"
    return [
        f"article: {provenance.title or 'title not given'} ({revision}"
        + (f", {provenance.date}" if provenance.date else "")
        + ")",
        f"markers aligned: {len(alignment.matched)} of {total} ({alignment.ratio:.1%})",
        f"notes resolved: {len(outcome.resolved)}",
        f"explanatory notes with their text: {len(outcome.explanatory)}",
        f"notes left open: {len(outcome.unresolved)}",
        f"notes needing review: {len(outcome.review)}",
        f"notes already resolved, kept: {len(outcome.kept)}",
        f"works added to the bibliography: {len(outcome.works_added)}",
    ] + (
        [f"brackets with no reference on the page (not notes?): {absent}"]
        if (absent := ", ".join(f"[{label}]" for label in outcome.absent))
        else []
    )


def markdown(outcome: Outcome) -> str:
    """The whole report: the counts, then the list behind each count."""
    lines = ["# Notes resolved from the article's reference list", ""]
    lines += [f"- {line}" for line in summary(outcome)]
    unmatched = outcome.alignment.unmatched
    if unmatched:
        lines += ["", "## Markers that match no mark of the page", ""]
        for marker, page in unmatched:
            witness = " ".join(marker.before.split())[-60:]
            lines.append(
                f"- [{marker.label}] witness line {marker.line}: «…{witness}»; "
                + (f"page: «{page}»" if page else "the page has no mark of this label")
            )
    lines += _section("Resolved", outcome.resolved)
    lines += _section("Explanatory, with their text", outcome.explanatory)
    if outcome.unresolved:
        lines += ["", "## Left open", ""]
        lines += [f"- [{label}] {why}" for label, why in outcome.unresolved.items()]
    if outcome.review:
        lines += ["", "## To review", ""]
        for label, reasons in outcome.review.items():
            lines += [f"- [{label}] {reason}" for reason in reasons]
    if outcome.works_added:
        lines += ["", f"## Works added to {outcome.bibliography}", ""]
        lines += [f"- {key}" for key in outcome.works_added]
    return "\n".join(lines) + "\n"


def _section(title: str, notes: dict[str, Resolution]) -> list[str]:
    if not notes:
        return []
    lines = ["", f"## {title}", ""]
    for label, resolution in notes.items():
        cites = "; ".join(
            cite.key + (f", {cite.locator}" if cite.locator else "") for cite in resolution.cites
        )
        text = f" «{resolution.text[:80]}»" if resolution.text else ""
        lines.append(f"- [{label}]{text} {cites}".rstrip())
    return lines

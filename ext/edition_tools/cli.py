"""Command line: ``python -m scholarly_edition COMMAND``.

Commands: ``new``, ``import``, ``check``, ``notes-report``, ``annotate``,
``latex-error``, ``verify``, ``resolve``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

from edition_tools import new_edition
from edition_tools.checks import names as names_check
from scholarly_edition._util import latex_errors
from scholarly_edition.annotations.data import KINDS, QuoteTarget
from scholarly_edition.html import citation
from scholarly_edition.names import disambiguation
from scholarly_edition.names import register as names_register
from scholarly_edition.text import structure

from . import configuration, fidelity, importer
from .checks import annotations as annotations_check
from .checks import notes as notes_check
from .configuration import Edition

ROOT = Path.cwd()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scholarly_edition")
    parser.add_argument("--root", type=Path, default=ROOT, help="the edition's checkout")
    parser.add_argument(
        "--source-dir", type=Path, default=Path("docs"), help="the Sphinx sources, with conf.py"
    )
    parser.add_argument("--build-dir", type=Path, default=Path("_build"), help="the build folder")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="create a new edition project for a plain-text witness")
    new.add_argument("dir", type=Path, help="the new project's folder (missing or empty)")
    new.add_argument("--witness", type=Path, required=True, help="the plain-text witness (UTF-8)")
    new.add_argument("--title", required=True, help="the edition's title")
    commands.add_parser("import", help="write the chapters from the witness and structure map")
    commands.add_parser("check", help="lint the witness, the structure map and the data (no build)")
    commands.add_parser("notes-report", help="resolved and open notes per chapter")
    annotate = commands.add_parser("annotate", help="start an annotation of a quoted passage")
    given = annotate.add_mutually_exclusive_group(required=True)
    given.add_argument("--quote", help="the exact words of the passage")
    given.add_argument(
        "--from-env",
        action="store_true",
        help="read every value from ANNOTATE_QUOTE, _PREFIX, _SUFFIX, _KIND, _CONTRIBUTOR",
    )
    given.add_argument(
        "--from-jsonld",
        type=Path,
        metavar="FILE",
        help="import W3C Web Annotations (or a Hypothesis export) as annotation files",
    )
    annotate.add_argument("--prefix", default="", help="words just before, to make it unique")
    annotate.add_argument("--suffix", default="", help="words just after, to make it unique")
    annotate.add_argument("--kind", default="commentary", choices=KINDS)
    annotate.add_argument("--contributor", default="", help="your name or handle")
    latex = commands.add_parser("latex-error", help="say which annotation a TeX error is in")
    latex.add_argument("latex_dir", type=Path, help="the LaTeX build folder")
    latex.add_argument("--sources", type=Path, help="the source folder (else --source-dir)")
    verify = commands.add_parser("verify", help="compare built HTML/PDF with the witness")
    verify.add_argument("--html", type=Path, help="built HTML folder")
    verify.add_argument("--pdf", type=Path, help="built PDF file")
    resolve = commands.add_parser(
        "resolve", help="resolve the open notes from the article page's reference list"
    )
    page = resolve.add_mutually_exclusive_group(required=True)
    page.add_argument("--article", type=Path, help="the article page (saved, or action=render)")
    page.add_argument(
        "--article-from-env", metavar="VAR", help="the variable holding the page's path (make)"
    )
    resolve.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    args = parser.parse_args(argv)
    if args.command == "new":
        return new_edition.main(args.dir, args.witness, args.title)
    if args.command == "latex-error":
        sources = args.sources or args.root / args.source_dir
        print(f"error: {latex_errors.explain(args.latex_dir, sources)}", file=sys.stderr)
        return 1
    try:
        edition = configuration.read(args.root, args.source_dir, args.build_dir)
        mapping = structure.load(edition.structure)
        return _run(args, edition, mapping)
    except (
        configuration.EditionConfigError,
        structure.StructureError,
        names_register.RegisterError,
    ) as exc:
        # The importer reads the disambiguation rules too: a rules file that is
        # not TOML is a message with its line, not a traceback.
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, edition: Edition, mapping: structure.Structure) -> int:
    if args.command == "import":
        changed = importer.write(mapping, edition.source, edition.shown(mapping.witness_path))
        for path in changed:
            print(f"wrote {edition.shown(path)}")
        removed = importer.remove_stale(mapping, edition.source)
        for path in removed:
            print(f"removed {edition.shown(path)}: the structure map no longer names it")
        print(f"{len(changed) + len(removed)} chapter(s) changed")
        return 0
    if args.command == "check":
        register = edition.register
        names = names_check.check(register, mapping.lines) if register else []
        rules = str(mapping.path.parent / disambiguation.DISAMBIGUATION)
        # The importer leaves out a rule it cannot use: the chapters it writes
        # then differ, and "run make import" would not be the fix.
        stale = [
            difference
            for name, text in importer.render(mapping, edition.shown(mapping.witness_path)).items()
            if (difference := _difference(edition, name, text))
            and not any(problem.startswith(f"{rules}:") for problem in names)
        ]
        for difference in stale:
            print(difference)
        left = importer.stale(mapping, edition.source)
        for path in left:
            print(
                f"{edition.shown(path)}: a chapter the structure map no longer"
                " names; run `make import`"
            )
        stale += [str(path) for path in left]
        for message in names:
            print(message)
        sources = notes_check.read_sources(edition)
        notes = notes_check.check(edition, mapping, sources)
        notes += annotations_check.check(edition, mapping, sources)
        for problem in notes:
            print(problem)
        cited = _citation_problems(edition.citation) if edition.citation else []
        for message in cited:
            print(message)
        if stale or names or notes or cited:
            return 1
        print("note map, BibTeX and annotations: ok")
        print("register of names: ok")
        print(f"structure map and witness: ok ({len(mapping.chapters)} chapters)")
        return 0
    if args.command == "annotate":
        return _annotate(args, edition, mapping)
    if args.command == "notes-report":
        note_map = notes_check.load(edition)
        if not note_map.readable:
            # A report of a note map that could not be read would say that no note
            # is resolved: the message says why instead.
            for problem in note_map.problems:
                print(f"error: {problem}", file=sys.stderr)
            return 1
        print(notes_check.report(edition, mapping, note_map))
        return 0
    if args.command == "resolve":
        return _resolve(args, edition, mapping)
    return fidelity.main(edition, mapping, args.html, args.pdf)


def _annotate(args: argparse.Namespace, edition: Edition, mapping: structure.Structure) -> int:
    if args.from_jsonld:
        return _import_annotations(args, edition, mapping)
    if args.from_env:
        _read_environment(args)
    if not args.quote.strip():
        print("error: give the exact words: --quote WORDS (QUOTE= with make)", file=sys.stderr)
        return 1
    if not args.contributor.strip():
        print(
            "error: say who you are: --contributor NAME (CONTRIBUTOR= with make)", file=sys.stderr
        )
        return 1
    target = QuoteTarget(args.quote, args.prefix, args.suffix)
    try:
        path = annotations_check.scaffold(
            edition, mapping, target, args.kind, args.contributor, datetime.date.today()
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {edition.shown(path)}: write the annotation below its front matter")
    return 0


def _import_annotations(
    args: argparse.Namespace, edition: Edition, mapping: structure.Structure
) -> int:
    """Each annotation of the file written as an annotation file, or refused with why."""
    from .jsonld_import import import_file

    outcomes = import_file(args.from_jsonld, edition, mapping, datetime.date.today())
    for outcome in outcomes:
        if outcome.path is not None:
            print(f"wrote {edition.shown(outcome.path)}: {outcome.label}")
        else:
            print(f"error: {args.from_jsonld}: {outcome.label}: {outcome.reason}", file=sys.stderr)
    return 0 if all(outcome.path is not None for outcome in outcomes) else 1


def _resolve(args: argparse.Namespace, edition: Edition, mapping: structure.Structure) -> int:
    # Imported here: the extension's other commands do not need BeautifulSoup's parse.
    from edition_tools.resolve import report, run

    name = args.article or Path(os.environ.get(args.article_from_env, ""))
    if not str(name) or str(name) == ".":
        print("error: give the article page: make resolve ARTICLE=PAGE.html", file=sys.stderr)
        return 1
    try:
        page = Path(name).read_bytes().decode("utf-8")
    except OSError as exc:
        print(f"error: {name}: cannot be read: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except UnicodeDecodeError as exc:
        message = f"error: {name}: not UTF-8 (byte {exc.start}); save the page as UTF-8"
        print(message, file=sys.stderr)
        return 1
    try:
        outcome = run.resolve(
            edition,
            mapping.lines,
            page,
            write_files=not args.dry_run,
            not_notes=mapping.not_notes,
        )
    except run.ResolveError as exc:
        print(f"error: {name}: {exc}", file=sys.stderr)
        return 1
    print(report.markdown(outcome) if args.dry_run else "\n".join(report.summary(outcome)))
    for path in outcome.changed:
        print(f"wrote {edition.shown(path)}")
    if not args.dry_run:
        print(f"report: {edition.shown(edition.build / run.REPORT)} (for the pull request)")
    return 0


def _read_environment(args: argparse.Namespace) -> None:
    """Take the values ``make annotation`` passes as environment variables.

    Make hands them over unexpanded and outside any shell command line, so a
    contributor's quotes, ``$`` or backticks arrive as the words typed.
    """
    for name in ("quote", "prefix", "suffix", "kind", "contributor"):
        setattr(args, name, os.environ.get(f"ANNOTATE_{name.upper()}", ""))
    args.kind = args.kind or "commentary"


def _citation_problems(path: Path) -> list[str]:
    """What keeps ``CITATION.cff`` from giving the citation, which the build would report.

    An edition without the file is cited without it (``edition_citation_file``
    unset); the build compares its version with the release ``conf.py`` gives.
    """
    if not path.exists():
        return []
    try:
        citation.load(path)
    except citation.CitationError as exc:
        return [f"{path}:{exc.line}: {exc}"]
    return []


def _difference(edition: Edition, file: str, text: str) -> str | None:
    """How a chapter differs from what the importer writes, if it does.

    A chapter saved in another encoding is a difference at its line, not a
    traceback: ``make import`` writes it again.
    """
    path = edition.source / file
    name = edition.shown(path)
    fix = "differs from what the importer writes"
    if not path.is_file():
        return f"{name}: {fix}; run `make import`"
    data = path.read_bytes()
    try:
        current = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return f"{name}:{line}: {fix} (byte {data[exc.start]:#04x} is not UTF-8); run `make import`"
    return None if current == text else f"{name}: {fix}; run `make import`"


if __name__ == "__main__":
    sys.exit(main())

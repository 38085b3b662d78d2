"""The register of names and its disambiguation rules checked against the witness
without a build (``make check``): every problem at its file and line."""

from __future__ import annotations

from pathlib import Path

from scholarly_edition.names.disambiguation import DISAMBIGUATION, load_rules, occurrences
from scholarly_edition.names.register import RegisterError, load
from scholarly_edition.names.tagger import FormMatcher, mentions


def check(path: Path, lines: tuple[str, ...]) -> list[str]:
    """Every problem of the register at ``path`` and of the rules beside it, against the
    witness lines."""
    rules_path = path.parent / DISAMBIGUATION
    try:
        register, problems = load(path)
        rules, rule_problems = load_rules(rules_path)
    except RegisterError as exc:
        return [str(exc)]
    problems += rule_problems
    ruled = {(rule.line, rule.form, rule.occurrence) for rule in rules}
    candidates = register.candidates()
    for rule in rules:
        where = f"{rules_path}:{rule.source_line}"
        if rule.entry and rule.entry not in register.entries:
            problems.append(f"{where}: unknown register entry {rule.entry!r}")
        elif rule.entry and rule.form not in register.entries[rule.entry].forms:
            problems.append(f"{where}: {rule.form!r} is not a form of {rule.entry!r}")
        text = lines[rule.line - 1] if 1 <= rule.line <= len(lines) else ""
        if len(occurrences(text, rule.form)) < rule.occurrence:
            problems.append(
                f"{where}: witness line {rule.line} has no occurrence {rule.occurrence} "
                f"of {rule.form!r}"
            )
    # What the tagger reads as a name decides which occurrences of an
    # ambiguous form need a rule.
    matcher = FormMatcher(register.forms)
    ambiguous = {form for form, ids in candidates.items() if len(ids) > 1}
    tagged = [
        set(mentions(matcher, text)) if any(form in text for form in ambiguous) else set()
        for text in lines
    ]
    for form, ids in sorted(candidates.items()):
        if form not in ambiguous:
            continue
        for number, text in enumerate(lines, start=1):
            for occurrence, start in enumerate(occurrences(text, form), start=1):
                if (start, start + len(form)) not in tagged[number - 1]:
                    continue  # part of a longer form, or in brackets: never tagged as it
                if (number, form, occurrence) not in ruled:
                    problems.append(
                        f"{register.path}:{register.entries[ids[-1]].line}: "
                        f"form {form!r} is claimed by {', '.join(ids)} and "
                        f"witness line {number} (occurrence {occurrence}) has no rule in "
                        f"{DISAMBIGUATION}"
                    )
    return problems

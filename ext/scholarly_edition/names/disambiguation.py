"""The register's disambiguation rules (``refs/names-disambiguation.toml``).

A form two entries claim ("Koba", a person and a word) is read at each of its
witness occurrences as a rule says: one block per occurrence, for reviewers.
The importer writes each rule into the chapter as a role, so the tagger never
guesses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .._util import toml_file
from .register import RegisterError, form_pattern, read_toml

DISAMBIGUATION = "names-disambiguation.toml"
# Private-use characters stand in for ruled forms while a line is escaped.
_PLACEHOLDER = 0xF0000


@dataclass(frozen=True)
class Rule:
    """How to read the ``occurrence``-th ``form`` on a witness ``line``.

    ``entry`` names a register entry, or is empty when the words there are
    not a name (e.g. "Koba" cited as a word rather than as a person).
    """

    line: int
    form: str
    occurrence: int
    entry: str
    reason: str
    source_line: int = 0


def load_rules(path: Path) -> tuple[list[Rule], list[str]]:
    """Parse the disambiguation rules; a missing file means no rules."""
    if not path.is_file():
        return [], []
    data, text = read_toml(path)
    problems: list[str] = []
    rules: list[Rule] = []
    starts = toml_file.block_lines(text, "rule")
    blocks = data.get("rule", [])
    if not isinstance(blocks, list):
        raise RegisterError(f"{path}:{toml_file.key_line(text, 'rule')}: expected [[rule]] blocks")
    for index, block in enumerate(blocks):
        source_line = starts[index] if index < len(starts) else 1
        if not isinstance(block, dict):
            problems.append(f"{path}:{source_line}: each rule is a [[rule]] block, not {block!r}")
            continue
        missing = [field for field in ("line", "form") if field not in block]
        if missing:
            problems.append(
                f"{path}:{source_line}: rule needs line, form, occurrence: {missing[0]!r}"
            )
            continue
        unknown, wrong = _rule_field_problems(block)
        problems += [f"{path}:{source_line}: {problem}" for problem in unknown + wrong]
        if wrong:
            continue
        rule = Rule(
            line=block["line"],
            form=block["form"],
            occurrence=block.get("occurrence", 1),
            entry=block.get("entry", ""),
            reason=block.get("reason", "").strip(),
            source_line=source_line,
        )
        if rule.occurrence < 1 or rule.line < 1:
            # occurrence 0 would pick the last occurrence (a Python index of -1).
            problems.append(f"{path}:{source_line}: line and occurrence count from 1")
            continue
        if not rule.reason:
            problems.append(f"{path}:{source_line}: rule for {rule.form!r} needs a reason")
        rules.append(rule)
    return rules, problems


_RULE_FIELDS = {"line": int, "form": str, "occurrence": int, "entry": str, "reason": str}


def _rule_field_problems(block: dict[str, object]) -> tuple[list[str], list[str]]:
    """Fields a rule does not have, and values of another type than the field's.

    TOML gives types: a line written ``27.5``, ``true`` or ``"27"`` would
    otherwise be read as another line (``true`` as 1) without a word. A rule
    with an unknown field is still used; one with a value of the wrong type is not.
    """
    unknown = [f"rule: unknown field {key!r}" for key in sorted(set(block) - set(_RULE_FIELDS))]
    wrong = []
    for key, kind in _RULE_FIELDS.items():
        value = block.get(key)
        if key in block and (not isinstance(value, kind) or isinstance(value, bool)):
            what = "a whole number" if kind is int else "text"
            wrong.append(f"rule: {key} must be {what}, not {value!r}")
    return unknown, wrong


def occurrences(text: str, form: str) -> list[int]:
    """Start offsets of ``form`` as a whole word in ``text``."""
    return [match.start() for match in re.finditer(form_pattern(form), text)]


def mark_line(text: str, number: int, rules: list[Rule], escape: Callable[[str], str]) -> str:
    """Escape witness line ``number`` as ``escape`` does, with its rules as roles.

    Each ruled occurrence is swapped for a private-use placeholder before
    escaping (so the escaping sees the whole line, as without rules) and for
    the role afterwards: ``{name}`Form <id>``` or ``{not-name}`Form```.
    """
    roles: list[str] = []
    spans: list[tuple[int, int, int]] = []
    for rule in rules:
        if rule.line != number:
            continue
        starts = occurrences(text, rule.form)
        if len(starts) < rule.occurrence:
            continue
        start = starts[rule.occurrence - 1]
        target = f" <{rule.entry}>" if rule.entry else ""
        role = "name" if rule.entry else "not-name"
        spans.append((start, start + len(rule.form), len(roles)))
        roles.append(f"{{{role}}}`{rule.form}{target}`")
    for start, end, index in sorted(spans, reverse=True):
        text = text[:start] + chr(_PLACEHOLDER + index) + text[end:]
    escaped = escape(text)
    for index, role in enumerate(roles):
        escaped = escaped.replace(chr(_PLACEHOLDER + index), role)
    return escaped

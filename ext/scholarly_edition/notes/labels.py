"""How the notes pages write labels for a reader: backlink letters and runs of numbers."""

from __future__ import annotations

from string import ascii_lowercase


def backlink_letters(count: int) -> list[str]:
    """a, b, …, z, aa, ab, … as in reference lists with several uses."""
    letters = []
    for index in range(count):
        label = ""
        index += 1
        while index:
            index, rest = divmod(index - 1, 26)
            label = ascii_lowercase[rest] + label
        letters.append(label)
    return letters


def label_ranges(labels: list[str]) -> str:
    """Labels as a reader scans them: runs of consecutive numbers as ranges ("7–44, 46, h")."""
    runs: list[list[str]] = []
    for label in labels:
        last = runs[-1][-1] if runs else ""
        if label.isdigit() and last.isdigit() and int(label) == int(last) + 1:
            runs[-1].append(label)
        else:
            runs.append([label])
    return ", ".join(run[0] if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)

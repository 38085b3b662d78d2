"""A TeX error of ``make latexpdf`` said in the edition's terms: which annotation, which line.

TeX runs with ``-interaction=nonstopmode -halt-on-error -file-line-error``
(the Makefile's ``LATEXOPTS``): it never waits at a prompt, stops at the first
error and names the ``.tex`` line. The LaTeX writer puts each annotation's
footnote between two comments naming its file, so an error inside one is
reported as that annotation's, for the contributor who wrote it.
"""

from __future__ import annotations

import re
from pathlib import Path

LATEXOPTS = "-interaction=nonstopmode -halt-on-error -file-line-error"
BEGIN = "% edition annotation begins: "
END = "% edition annotation ends: "
# "./edition.tex:1234: Undefined control sequence." (-file-line-error; also in a
# .sty or .def the book reads), or else "! ..." and "l.1234".
_FILE_LINE = re.compile(r"^(?:\./)?([^:\n]+\.(?:tex|sty|def|cls)):(\d+): (.*)$", re.MULTILINE)
_BANG = re.compile(r"^! (.*)$", re.MULTILINE)
_LINE = re.compile(r"^l\.(\d+)", re.MULTILINE)


def explain(latex_dir: Path, sources: Path) -> str:
    """What went wrong in the last TeX run in ``latex_dir``, in one paragraph.

    ``sources`` is the edition's source folder, where the annotation files are.
    """
    logs = sorted(latex_dir.glob("*.log"), key=lambda p: p.stat().st_mtime)
    if not logs:
        return f"{latex_dir}: TeX wrote no log; see the output above"
    log = logs[-1].read_text(encoding="utf-8", errors="replace")
    found = _FILE_LINE.search(log)
    if found:
        tex = latex_dir / Path(found.group(1)).name
        line, message = int(found.group(2)), found.group(3)
    else:
        bang, number = _BANG.search(log), _LINE.search(log)
        if bang is None:
            return f"{logs[-1]}: TeX stopped without an error message; see that log"
        tex = logs[-1].with_suffix(".tex")
        line, message = (int(number.group(1)) if number else 0), bang.group(1)
    annotation = _annotation_at(tex, line)
    if annotation:
        return (
            f"{sources / annotation}.md: TeX cannot typeset this annotation ({message}); "
            f"remove what it stopped at ({tex.name} line {line}) or ask the editors"
        )
    return f"{tex}:{line}: TeX error: {message} (full log: {logs[-1]})"


def _annotation_at(tex: Path, line: int) -> str | None:
    """The docname of the annotation whose footnote holds ``line`` of the .tex file."""
    if not tex.is_file() or line <= 0:
        return None
    current = None
    with tex.open(encoding="utf-8", errors="replace") as lines:
        for number, text in enumerate(lines, start=1):
            if text.startswith(BEGIN):
                current = text[len(BEGIN) :].strip()
            if number == line:
                return current
            if text.startswith(END):
                current = None
    return None

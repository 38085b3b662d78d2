"""The LaTeX package the features' visitors rely on, shipped beside the ``.tex`` file.

The book itself (class, title page, back matter) is :mod:`.book`, an extension an
edition adds when it wants this design.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

LATEX_PACKAGE = Path(__file__).parent / "scholarlyedition.sty"


def _copy_latex_package(app: Sphinx) -> None:
    if app.builder.format == "latex":
        shutil.copyfile(LATEX_PACKAGE, Path(app.builder.outdir) / LATEX_PACKAGE.name)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_latex_package(LATEX_PACKAGE.stem)
    app.connect("builder-inited", _copy_latex_package)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""README's commands and CI's install list agree."""

from __future__ import annotations

import re

from conftest import ROOT


def test_readme_tex_command_installs_what_ci_installs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^sudo apt-get install .*$", readme, re.MULTILINE)
    assert commands
    named = {word for command in commands for word in command.split() if not word.startswith("-")}
    wanted = set((ROOT / ".ci" / "apt-packages").read_text().split())
    assert wanted <= named


def test_ci_runs_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "```sh\nmake test\n```" in readme
    assert (ROOT / ".ci" / "run").read_text().rstrip().endswith("make test")

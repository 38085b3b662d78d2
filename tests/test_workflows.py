"""The GitHub workflows are safe for pull requests from forks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def _load(path: Path) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); take it back as a string.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def test_there_are_checks_and_a_publisher() -> None:
    assert [p.name for p in WORKFLOWS] == ["checks.yml", "pages.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target_and_a_read_only_default_token(path: Path) -> None:
    data = _load(path)
    assert "pull_request_target" not in data["on"]
    assert "workflow_run" not in data["on"]
    assert data["permissions"] == {"contents": "read"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_commits_and_checkouts_keep_no_credentials(path: Path) -> None:
    for step in _steps(_load(path)):
        if "uses" in step:
            assert PINNED.match(step["uses"]), step["uses"]
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_no_secrets_reach_pull_request_code() -> None:
    for path in WORKFLOWS:
        assert "secrets." not in path.read_text(encoding="utf-8"), path.name


def test_checks_run_ci_and_upload_both_outputs() -> None:
    data = _load(ROOT / ".github" / "workflows" / "checks.yml")
    assert "pull_request" in data["on"]
    runs = " ".join(step.get("run", "") for step in _steps(data))
    assert "bash .ci/run" in runs and "make html latexpdf" in runs and "make verify" in runs
    uploads = [s["with"]["path"] for s in _steps(data) if "upload-artifact" in s.get("uses", "")]
    assert uploads == ["_build/html", "_build/latex/stalin-edition.pdf"]


def test_only_the_publisher_writes_and_only_from_main() -> None:
    data = _load(ROOT / ".github" / "workflows" / "pages.yml")
    assert "pull_request" not in data["on"]
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in data["jobs"]["build"]


UNTRUSTED = re.compile(r"\$\{\{\s*github\.(event|head_ref)")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_step_interpolates_text_a_pull_request_controls(path: Path) -> None:
    """A branch name or a PR title in `${{ }}` is pasted into the shell before it
    runs (script injection); workflows read such values from `env:` if ever needed."""
    for step in _steps(_load(path)):
        assert not UNTRUSTED.search(step.get("run", "")), step
        assert not UNTRUSTED.search(str(step.get("with", ""))), step

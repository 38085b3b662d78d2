"""The GitHub workflows are safe for pull requests from forks, publish only a
checked edition, and install Python packages only from the hashed lock file."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT, unavailable

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


def test_pull_requests_get_only_the_read_only_token() -> None:
    data = _load(ROOT / ".github" / "workflows" / "checks.yml")
    assert all("permissions" not in job for job in data["jobs"].values())


def _index(steps: list[dict], what: str) -> int:
    found = [i for i, step in enumerate(steps) if what in step.get("run", step.get("uses", ""))]
    assert len(found) == 1, (what, steps)
    return found[0]


def test_the_publisher_deploys_only_what_the_checks_passed() -> None:
    """`make check`, the tests and `make verify` run, in that job, before the
    build they checked is uploaded; the deploy job needs that job, and nothing
    lets a failed step through."""
    data = _load(ROOT / ".github" / "workflows" / "pages.yml")
    assert set(data["jobs"]) == {"build", "deploy"}
    steps = data["jobs"]["build"]["steps"]
    ci = _index(steps, "bash .ci/run")
    assert "CI=true" in steps[ci]["run"]
    verify = _index(steps, "make site verify")
    upload = _index(steps, "actions/upload-pages-artifact@")
    assert ci < verify < upload
    assert steps[upload]["with"]["path"] == "_build/html"
    # .ci/run runs `make test`, which is `make check` and then pytest (and then
    # the same suite on Python 3.13); `make verify` builds the HTML it compares,
    # into the folder uploaded.
    assert "make test" in (ROOT / ".ci" / "run").read_text().splitlines()
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PYTEST += \$\(BIN\)/python -m pytest -n \$\(TESTJOBS\) ", makefile, re.M)
    assert re.search(r"^test: check\n\t\$\(PYTEST\)$", makefile, re.M)
    assert re.search(r"^verify: html$", makefile, re.M)
    assert re.search(r"^BUILDDIR += _build$", makefile, re.M)
    assert data["jobs"]["deploy"]["needs"] in ("build", ["build"])
    assert [s["uses"].split("@")[0] for s in data["jobs"]["deploy"]["steps"]] == [
        "actions/deploy-pages"
    ]
    for name, job in data["jobs"].items():
        assert "if" not in job and "continue-on-error" not in job, name
        for step in job["steps"]:
            assert "if" not in step and "continue-on-error" not in step, step


def _make_and_ci_steps(data: dict) -> list[str]:
    runs = [step.get("run", "") for step in _steps(data)]
    return [run for run in runs if re.search(r"\bmake\b|\.ci/run", run)]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_install_python_packages_from_the_hashed_lock(path: Path) -> None:
    """LOCK=1 reaches every make (through sudo, which keeps only the variables named)."""
    data = _load(path)
    assert data["env"] == {"LOCK": "1"}
    runs = _make_and_ci_steps(data)
    assert runs
    for run in runs:
        assert run.startswith("sudo --preserve-env=")
        kept = run.split()[1].removeprefix("--preserve-env=").split(",")
        assert "LOCK" in kept, run


def _lock() -> dict[str, tuple[str, list[str]]]:
    """The lock file: each package's pinned version and hashes."""
    text = (ROOT / "requirements" / "ci.txt").read_text(encoding="utf-8")
    pins = {}
    for block in re.split(r"\n(?=[^\s#])", text):
        if not block.strip() or block.startswith("#"):
            continue
        name, version = re.match(r"([\w.-]+)==([\w.]+) ", block).groups()
        pins[canonicalize_name(name)] = (
            version,
            re.findall(r"--hash=sha256:([0-9a-f]{64})", block),
        )
    return pins


def test_the_lock_pins_every_requirement_with_hashes() -> None:
    """Every package (the project's, its dev tools', the build backend) is pinned
    to one version within pyproject's range, with its hashes: `pip install
    --require-hashes` refuses a lock that misses one."""
    pins = _lock()
    assert pins
    assert all(hashes for _, hashes in pins.values())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = [
        *project["build-system"]["requires"],
        *project["project"]["dependencies"],
        *project["project"]["optional-dependencies"]["dev"],
    ]
    for line in wanted:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{line} is not in requirements/ci.txt: run `make lock`"
        assert requirement.specifier.contains(pins[name][0], prereleases=True), (
            f"{line}: the lock pins {pins[name][0]}; run `make lock`"
        )


def test_make_setup_with_lock_installs_only_hashed_packages(tmp_path: Path) -> None:
    """`make setup LOCK=1` (what the workflows' make runs) installs the lock with
    --require-hashes, then the project alone: no dependency and no build backend
    unchecked."""
    if shutil.which("make") is None:
        unavailable("make", "apt-get install make")
    venv = tmp_path / "venv"
    result = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "--no-print-directory", "setup", "LOCK=1", f"VENV={venv}"],
        capture_output=True,
        text=True,
        check=True,
    )
    pip = f"{venv}/bin/python -m pip install --quiet"
    assert [line for line in result.stdout.splitlines() if "pip" in line] == [
        f"{pip} --require-hashes -r requirements/ci.txt",
        f"{pip} --no-build-isolation --no-deps -e .",
    ]


UNTRUSTED = re.compile(r"\$\{\{\s*github\.(event|head_ref)")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_step_interpolates_text_a_pull_request_controls(path: Path) -> None:
    """A branch name or a PR title in `${{ }}` is pasted into the shell before it
    runs (script injection); workflows read such values from `env:` if ever needed."""
    for step in _steps(_load(path)):
        assert not UNTRUSTED.search(step.get("run", "")), step
        assert not UNTRUSTED.search(str(step.get("with", ""))), step

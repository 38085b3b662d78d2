"""The GitHub workflows are valid (actionlint), safe for pull requests from
forks, run in Debian containers like the CI machine on every supported Python,
publish only a checked edition, and install Python packages only from the
hashed lock file."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
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
    steps = data["jobs"]["test"]["steps"]
    ci = _index(steps, "bash .ci/run suite")
    assert _index(steps, "make html latexpdf") > ci and _index(steps, "make verify") > ci
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
    assert set(data["jobs"]) == {"build", "python", "deploy"}
    steps = data["jobs"]["build"]["steps"]
    ci = _index(steps, "bash .ci/run suite")
    verify = _index(steps, "make site verify")
    upload = _index(steps, "actions/upload-pages-artifact@")
    assert ci < verify < upload
    assert steps[upload]["with"]["path"] == "_build/html"
    # .ci/run suite runs `make test`, which is `make check` and then pytest;
    # `make verify` builds the HTML it compares, into the folder uploaded.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PYTEST += \$\(BIN\)/python -m pytest -n \$\(TESTJOBS\) ", makefile, re.M)
    assert re.search(r"^test: check.*\n\t\$\(PYTEST\)$", makefile, re.M)
    assert re.search(r"^verify: html$", makefile, re.M)
    assert re.search(r"^BUILDDIR += _build$", makefile, re.M)
    assert sorted(data["jobs"]["deploy"]["needs"]) == ["build", "python"]
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
    """LOCK=1, set for the whole workflow, reaches every make: no job or step
    sets it otherwise, and none runs make through sudo (which would drop it)."""
    data = _load(path)
    assert data["env"] == {"LOCK": "1"}
    runs = _make_and_ci_steps(data)
    assert runs
    for run in runs:
        assert "sudo" not in run and "LOCK" not in run, run
    for job in data["jobs"].values():
        assert "LOCK" not in job.get("env", {}) and "LOCK" not in str(job.get("container"))
        assert all("LOCK" not in step.get("env", {}) for step in job.get("steps", []))


# The Debian release of the CI machine, and so of the workflows' containers.
DEBIAN = "bookworm"
IMAGE = re.compile(rf"^python:(?P<python>3\.\d+)-{DEBIAN}$")


def _supported_pythons() -> list[str]:
    """The minor versions of Python 3 that pyproject's requires-python admits."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    admits = SpecifierSet(project["project"]["requires-python"])
    return [f"3.{minor}" for minor in range(30) if f"3.{minor}" in admits]


def _job_pythons(job: dict) -> list[str]:
    """The Pythons of a job's Debian container, one per run of its matrix."""
    image = job["container"]["image"]
    if "${{" not in image:
        return [IMAGE.match(image)["python"]]
    assert image == f"python:${{{{ matrix.python }}}}-{DEBIAN}", image
    pythons = job["strategy"]["matrix"]["python"]
    assert set(job["strategy"]["matrix"]) == {"python"}
    assert all(IMAGE.match(f"python:{python}-{DEBIAN}") for python in pythons)
    return pythons


def _ci_stage(job: dict) -> str:
    """The stage of `.ci/run` a job runs (`suite` or `extension`)."""
    runs = [step["run"] for step in job["steps"] if ".ci/run" in step.get("run", "")]
    assert len(runs) == 1, runs
    assert re.fullmatch(r"CI=true bash \.ci/run (suite|extension)", runs[0]), runs[0]
    return runs[0].split()[-1]


def test_this_machine_is_the_containers_debian_release() -> None:
    """`.ci/run` installs this release's packages; the containers are of the same."""
    release = Path("/etc/os-release")
    fields = (
        dict(line.split("=", 1) for line in release.read_text().splitlines() if "=" in line)
        if release.is_file()
        else {}
    )
    if fields.get("ID") != "debian" and "CI" not in os.environ:
        pytest.skip("not a Debian machine: the CI machine is Debian " + DEBIAN)
    assert fields["VERSION_CODENAME"] == DEBIAN


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_python_runs_ci_in_a_debian_container(path: Path) -> None:
    """Each job that runs `.ci/run` or make does so in a Debian container of its
    Python, as root (no sudo): the whole suite on Python 3.11, the lock file's
    Python, and the extension's suite on every other supported Python. Together
    they cover what requires-python admits, and nothing else."""
    data = _load(path)
    stages: dict[str, str] = {}
    for name, job in data["jobs"].items():
        if not any(re.search(r"\bmake\b|\.ci/run", s.get("run", "")) for s in job["steps"]):
            assert "container" not in job, name
            continue
        assert job["runs-on"] == "ubuntu-24.04", name
        stage = _ci_stage(job)
        for python in _job_pythons(job):
            assert python not in stages, (name, python)
            stages[python] = stage
    pythons = _supported_pythons()
    assert pythons == ["3.11", "3.12", "3.13"]
    assert stages == {python: "suite" if python == "3.11" else "extension" for python in pythons}
    lock = (ROOT / "requirements" / "ci.txt").read_text(encoding="utf-8")
    assert "by pip-compile with Python 3.11" in lock


def _actionlint() -> tuple[str, str]:
    """actionlint (a dev dependency) and shellcheck, which it runs on each `run:`."""
    actionlint = Path(sys.executable).with_name("actionlint")
    if not actionlint.is_file():
        unavailable("actionlint", "make setup")
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        unavailable("shellcheck", "apt-get install shellcheck")
    return str(actionlint), shellcheck


def _lint(*paths: Path) -> subprocess.CompletedProcess[str]:
    actionlint, shellcheck = _actionlint()
    return subprocess.run(
        [actionlint, "-no-color", f"-shellcheck={shellcheck}", *map(str, paths)],
        capture_output=True,
        text=True,
    )


def test_actionlint_finds_nothing_in_the_workflows() -> None:
    """GitHub's syntax, expressions, matrix references, action inputs and the
    shell of every step, as actionlint checks them (make check runs it too)."""
    result = _lint(*WORKFLOWS)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(
        r"^check:.*\n(\t.*\n)*\t\$\(BIN\)/actionlint \.github/workflows/\*\.yml$", makefile, re.M
    )


def test_actionlint_reports_a_broken_workflow_by_line(tmp_path: Path) -> None:
    """The check can fail: a misspelt matrix key, a misspelt key of a job and an
    unquoted variable in a script are each reported at their line."""
    text = (ROOT / ".github" / "workflows" / "checks.yml").read_text(encoding="utf-8")
    broken = (
        text.replace("matrix.python", "matrix.pyhton")
        .replace("timeout-minutes:", "timeout-minute:")
        .replace("bash .ci/run extension", "bash .ci/run $STAGE")
    )
    path = tmp_path / "checks.yml"
    path.write_text(broken, encoding="utf-8")
    result = _lint(path)
    assert result.returncode == 1
    lines = broken.splitlines()
    found = {
        (int(line), rule)
        for line, rule in re.findall(r"^\S+?:(\d+):\d+: .*\[([\w-]+)\]$", result.stdout, re.M)
    }
    where = {
        "pyhton": "expression",
        "timeout-minute:": "syntax-check",
        "$STAGE": "shellcheck",
    }
    for word, rule in where.items():
        number = next(i for i, line in enumerate(lines, 1) if word in line)
        assert (number, rule) in found, (word, result.stdout)


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

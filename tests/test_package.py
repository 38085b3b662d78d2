"""The package another edition installs: the wheel and sdist `python -m build`
makes, checked by twine, installed into a fresh virtual environment, and used
there to start and build a new edition.

The distributions are built once per module; installing the wheel fetches its
dependencies from the package index as any user's install does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, unavailable

PACKAGES = ("scholarly_edition", "edition_tools")


def run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # An outer make's variables (`make test PYTHON=...`) are not the new edition's.
    dropped = ("PYTHON", "SPHINXBUILD", "O", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "VIRTUAL_ENV")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**env, "SOURCE_DATE_EPOCH": "1764115200"},
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel and sdist of this checkout."""
    for module in ("build", "twine"):
        try:
            __import__(module)
        except ImportError:
            unavailable(f"the {module} package", "pip install -e '.[dev]'")
    out = tmp_path_factory.mktemp("dist")
    built = run(sys.executable, "-m", "build", "--outdir", out, ROOT)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr
    return out


def wheel(dist: Path) -> Path:
    (found,) = dist.glob("*.whl")
    return found


def tracked(package: str) -> set[str]:
    """The package's files under version control, as paths inside the package."""
    listed = run("git", "ls-files", f"ext/{package}", cwd=ROOT)
    if listed.returncode != 0:
        unavailable("git and a checkout", "run the tests in a clone")
    return {line.removeprefix("ext/") for line in listed.stdout.splitlines()}


def test_twine_accepts_both_distributions(dist: Path) -> None:
    names = sorted(path.name for path in dist.iterdir())
    assert sorted(name.rsplit(".", 1)[-1] for name in names) == ["gz", "whl"], names
    result = run(sys.executable, "-m", "twine", "check", "--strict", *sorted(dist.iterdir()))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_wheel_holds_every_file_of_both_packages(dist: Path) -> None:
    """Static files, LaTeX styles and the new edition's templates included: a file
    missing from package-data would break only an installed copy."""
    with zipfile.ZipFile(wheel(dist)) as archive:
        inside = set(archive.namelist())
    for package in PACKAGES:
        missing = sorted(tracked(package) - inside)
        assert missing == [], missing


def test_the_sdist_holds_every_file_of_both_packages(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        inside = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for package in PACKAGES:
        missing = sorted(f"ext/{path}" for path in tracked(package) if f"ext/{path}" not in inside)
        assert missing == [], missing


def test_an_installed_wheel_starts_and_builds_a_new_edition(dist: Path, tmp_path: Path) -> None:
    """Installed on its own, without this checkout on the path: `new`, then the new
    edition's `make html` and `make verify`."""
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    installed = run(python, "-m", "pip", "install", "--quiet", wheel(dist))
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr
    where = run(python, "-c", "import scholarly_edition; print(scholarly_edition.__file__)")
    assert where.stdout.startswith(str(env)), where.stdout + where.stderr

    witness = tmp_path / "witness.txt"
    witness.write_text("A first paragraph cites a note.[1]\n\nA second one.[a]\n", encoding="utf-8")
    edition = tmp_path / "edition"
    created = run(
        python,
        "-m",
        "scholarly_edition",
        "new",
        edition,
        "--witness",
        witness,
        "--title",
        "An installed edition",
        cwd=tmp_path,
    )
    assert created.returncode == 0, created.stdout + created.stderr
    built = run("make", "-C", edition, "verify")
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr
    assert "WARNING" not in built.stderr, built.stderr
    assert "HTML fidelity: 100.00%" in built.stdout

"""How every benchmark measures a command: wall and CPU seconds, peak memory.

One way for all of them (``build_bench.py``, ``notes_bench.py``,
``names_bench.py``, ``pdf_bench.py``, ``check_bench.py``), so that their
numbers compare. The command runs as a child process; ``os.wait4`` gives the
resources of that child and of every process it waited for (``-j`` workers,
``make``'s xelatex runs), and nothing else on the machine. CPU seconds are
user + system: other work on a shared machine changes wall time, not the CPU a
build needs. A command that fails stops the benchmark with the end of its
output.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# Every build writes the same dates, so that outputs compare byte for byte.
SOURCE_DATE_EPOCH = "1764115200"


@dataclass
class Run:
    """One command: wall and CPU seconds, peak resident memory in MiB."""

    wall: float
    cpu: float
    peak_mib: float


class Measured:
    """A command running in the background; ``wait`` measures it."""

    def __init__(self, command: Sequence[str], what: str, cwd: Path | None = None):
        self.what = what
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by finished)
        self.start = time.perf_counter()
        env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
        self.process = subprocess.Popen(
            list(command), stdout=self.log, stderr=self.log, env=env, cwd=cwd
        )

    def wait(self) -> Run:
        """Stop the benchmark if the command failed."""
        # wait4, not wait: the resource use of this command alone, its children included.
        _, status, usage = os.wait4(self.process.pid, 0)
        return self.finished(status, usage)

    def finished(self, status: int, usage: resource.struct_rusage) -> Run:
        wall = time.perf_counter() - self.start
        self.process.returncode = os.waitstatus_to_exitcode(status)
        with self.log:
            if self.process.returncode != 0:
                self.log.seek(0)
                sys.exit(f"{self.what} failed:\n{self.log.read().decode()[-3000:]}")
        return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


class Build(Measured):
    """A sphinx-build to HTML in the background: warnings stop the benchmark too."""

    def __init__(self, source: Path, out: Path, *options: str, jobs: int = 1, fresh: bool = True):
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "--keep-going", "-W"]
        command += ["-j", str(jobs), *(["-E"] if fresh else []), str(source), str(out), *options]
        self.source = source
        super().__init__(command, f"build of {source}")


def measure(command: Sequence[str], what: str, cwd: Path | None = None) -> Run:
    """Run a command to its end and measure it."""
    return Measured(command, what, cwd).wait()


def sphinx(source: Path, out: Path, *options: str, jobs: int = 1, fresh: bool = True) -> Run:
    """Build HTML and measure it."""
    return Build(source, out, *options, jobs=jobs, fresh=fresh).wait()


def wait_all(commands: Sequence[Measured]) -> list[Run]:
    """Each command's measures, taken when it ends (its wall time is its own)."""
    by_pid = {command.process.pid: command for command in commands}
    runs: dict[int, Run] = {}
    while len(runs) < len(commands):
        pid, status, usage = os.wait4(-1, 0)
        if pid in by_pid:
            runs[pid] = by_pid[pid].finished(status, usage)
    return [runs[command.process.pid] for command in commands]


def median(runs: Sequence[Run]) -> Run:
    """Median wall and CPU seconds of the runs, and the highest peak of any."""
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.peak_mib for r in runs),
    )


# Pure Python work of about two seconds, with nothing to share: what two
# processes at once can gain over one on this machine, whatever a build does.
SPIN = "sum(i * i for i in range(25_000_000))"


def two_process_ceiling() -> dict[str, float]:
    """Wall time of the work in one process, then of it twice in two at once: on a
    machine whose two cores are shared (a virtual machine's), two processes can gain
    less than twice, and ``-j 2`` cannot gain more than they do."""
    spin = [sys.executable, "-c", SPIN]
    one = measure(spin, "one process").wall
    two = max(run.wall for run in wait_all([Measured(spin, "two processes") for _ in range(2)]))
    return {"one": one, "two": two, "ceiling": 2 * one / two}

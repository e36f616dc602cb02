"""Running a command in a fresh process and measuring it: wall time, CPU time and peak resident memory.

The peak is the kernel's ``ru_maxrss`` of the command. On Linux that figure also counts the address space
a child inherits at ``fork()`` until it calls ``exec``, so a command forked straight from a benchmark
holding models in memory would report the benchmark's size. The command is therefore started through a
small launcher (a bare interpreter of a few MiB), which forks it, waits for it with ``os.wait4`` and
reports its figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ChildRun", "run_child"]

_LAUNCHER = """
import json, os, sys, time
report, cmd = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(cmd[0], cmd)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - started
with open(report, "w") as fh:
    json.dump({"code": os.waitstatus_to_exitcode(status), "wall": wall,
               "cpu": usage.ru_utime + usage.ru_stime, "maxrss_kb": usage.ru_maxrss}, fh)
"""


@dataclass(frozen=True, slots=True)
class ChildRun:
    """One finished command."""

    returncode: int
    wall_s: float
    cpu_s: float
    peak_rss_bytes: int
    stdout: str
    stderr: str


def run_child(
    cmd: Sequence[str],
    *,
    cwd: str | Path | None = None,
    timeout_s: float = 3600.0,
    env: dict[str, str] | None = None,
) -> ChildRun:
    """Run ``cmd`` to the end in a fresh process and measure it.

    Parameters
    ----------
    cmd
        The command and its arguments.
    cwd, env
        Working directory and environment of the command.
    timeout_s
        Give up (and kill the launcher and the command) after this many seconds.

    Examples
    --------
    >>> run_child(["true"]).returncode  # doctest: +SKIP
    0
    """
    fd, report = tempfile.mkstemp(prefix="bench-child-", suffix=".json")
    os.close(fd)
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-S", "-c", _LAUNCHER, report, *cmd],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
        text = Path(report).read_text(encoding="utf-8")
        if not text:
            msg = f"The launcher did not report on {list(cmd)!r}: {done.stderr[-2000:]}"
            raise RuntimeError(msg)
        figures = json.loads(text)
    finally:
        Path(report).unlink(missing_ok=True)
    return ChildRun(
        returncode=int(figures["code"]),
        wall_s=float(figures["wall"]),
        cpu_s=float(figures["cpu"]),
        peak_rss_bytes=int(figures["maxrss_kb"]) * 1024,  # kilobytes on Linux
        stdout=done.stdout,
        stderr=done.stderr,
    )

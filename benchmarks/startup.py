"""Start-up time of the command line, in fresh processes: ``incidents --help`` and a one-article build.

The bare interpreter (``python -c pass``) is timed the same way, as the floor.

Examples
--------
>>> result = measure_startup(one_article=Path("one.jsonl"), repeat=5)  # doctest: +SKIP
>>> result.median("help")                                              # doctest: +SKIP
1.1
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _proc import ChildRun, run_child

__all__ = ["COMMANDS", "StartupResult", "incidents_command", "measure_startup"]

COMMANDS = ("python", "help", "build_one")


def incidents_command() -> list[str]:
    """The ``incidents`` console script of this interpreter's environment (``python -m`` if absent)."""
    script = Path(sys.executable).with_name("incidents")
    return [str(script)] if script.exists() else [sys.executable, "-m", "incidents.cli"]


@dataclass
class StartupResult:
    """Wall seconds and peak memory of each command, per run."""

    repeat: int
    runs: dict[str, list[ChildRun]] = field(default_factory=dict)

    def median(self, command: str) -> float:
        """Median wall seconds."""
        return statistics.median(r.wall_s for r in self.runs[command])

    def peak_rss(self, command: str) -> int:
        """Median peak resident bytes."""
        return int(statistics.median(r.peak_rss_bytes for r in self.runs[command]))

    def as_dict(self) -> dict[str, Any]:
        """The figures as plain values (for the JSON record)."""
        return {
            "repeat": self.repeat,
            **{f"{c}_median_s": self.median(c) for c in self.runs},
            **{f"{c}_peak_rss": self.peak_rss(c) for c in self.runs},
            "runs": {c: [[r.wall_s, r.cpu_s, r.peak_rss_bytes] for r in v] for c, v in self.runs.items()},
        }


def measure_startup(*, one_article: Path, repeat: int = 5) -> StartupResult:
    """Time ``python -c pass``, ``incidents --help`` and ``incidents build ONE.jsonl -o OUT.parquet``.

    Each run is a fresh process; the commands take turns so that load on the machine falls on all.

    Parameters
    ----------
    one_article
        A JSONL file holding one article.
    repeat
        Runs of each command.
    """
    cli = incidents_command()
    result = StartupResult(repeat=repeat, runs={c: [] for c in COMMANDS})
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "one.parquet")
        commands = {
            "python": [sys.executable, "-c", "pass"],
            "help": [*cli, "--help"],
            "build_one": [*cli, "build", str(one_article), "-o", out, "--no-progress"],
        }
        for _ in range(repeat):
            for name, cmd in commands.items():
                run = run_child(cmd)
                if run.returncode != 0:
                    msg = f"{' '.join(cmd)!r} failed (exit {run.returncode}): {run.stderr[-2000:]}"
                    raise RuntimeError(msg)
                result.runs[name].append(run)
    return result

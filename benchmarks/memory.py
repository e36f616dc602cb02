"""Peak memory of a build, in a fresh process per input size, along the command line's path.

The child reads a JSONL file from disk as a stream (``iter_articles``), stages the build
(``Builder.stage``: each settled report goes to a temporary file, a small key stays in memory, and the keys
are merged and ordered once the input ends) and writes GeoParquet a chunk at a time to a temporary folder
(``write_dataset_chunks(staged.chunks(), ...)``), as ``incidents build IN.jsonl -o OUT.parquet`` does. Its
peak resident set size comes from the kernel (``ru_maxrss`` through a small launcher, see ``_proc.py``; the
child's own ``VmHWM`` agrees). The child also notes its resident size every few hundred articles, at the
end of the report stream, once the incidents are merged and ordered, and after writing, and a thread
samples it every 50 ms to tell in which phase the peak fell: so that growth with input can be told apart
from the fixed cost of the models.

Records of runs before the staged build (``"path": "build"`` or no ``path``) measured ``Builder.build``
then ``write_dataset``: every report held until the input ended, the whole frame made, then written.

Run alone (the child mode is what the parent runs)::

    python benchmarks/memory.py corpus.jsonl            # parent: one fresh child, prints the figures
    python benchmarks/memory.py --child corpus.jsonl --out DIR
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["PHASES", "MemoryResult", "growth_per_1000", "measure_memory"]

#: The child's phases, in order: importing the pipeline, loading its models, streaming articles into
#: reports, from the last report to the incidents merged and ordered, making the rows and writing
#: GeoParquet a chunk at a time (before the staged build: from the last report to the whole dataset, then
#: writing it).
PHASES = ("imports", "load", "stream", "after_stream", "write")
_MIB = 1024 * 1024


@dataclass
class MemoryResult:
    """One size's figures; memory in bytes, times in seconds."""

    articles: int
    peak_rss: int
    vm_hwm: int
    wall_s: float
    cpu_s: float
    rss_after_imports: int
    rss_after_load: int
    rss_at_stream_end: int
    rss_after_build: int  # after staging (merged and ordered); before the staged build, after Builder.build
    rss_after_write: int
    load_s: float
    stream_s: float
    after_stream_s: float
    write_s: float
    reports: int
    incidents: int
    samples: list[tuple[int, int, float]] = field(default_factory=list)  # (articles read, rss, seconds)
    phase_peaks: dict[str, int] = field(default_factory=dict)
    path: str = "stage"  # what the child ran: "stage" (stage, then write a chunk at a time)
    spill_bytes: int = 0  # size of the reports' temporary file

    @property
    def peak_phase(self) -> str:
        """The phase in which the sampled resident size was highest."""
        return max(self.phase_peaks, key=self.phase_peaks.__getitem__) if self.phase_peaks else "unknown"

    def as_dict(self) -> dict[str, Any]:
        """Every figure as plain values (for the JSON record)."""
        return {**self.__dict__, "peak_phase": self.peak_phase}


def growth_per_1000(samples: list[tuple[int, int, float]], *, skip: float = 0.1) -> float | None:
    """Least-squares slope of resident size over articles read, in bytes per 1,000 articles.

    The first ``skip`` share of the samples (allocator warm-up) is left out.

    Examples
    --------
    >>> growth_per_1000([(250, 100, 0.0), (500, 200, 0.0), (750, 300, 0.0), (1000, 400, 0.0)], skip=0)
    400.0
    """
    pts = samples[int(len(samples) * skip) :]
    if len(pts) < 2:
        return None
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    return 1000 * sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx


def measure_memory(path: Path, *, workdir: Path | None = None, sample_every: int = 250) -> MemoryResult:
    """Build ``path`` in a fresh process and measure its memory.

    Parameters
    ----------
    path
        A JSONL corpus on disk.
    workdir
        Where the child writes its GeoParquet (a temporary folder by default).
    sample_every
        Articles between two notes of the child's resident size.

    Examples
    --------
    >>> measure_memory(Path("corpus-1000.jsonl")).peak_rss  # doctest: +SKIP
    520093696
    """
    from _proc import run_child

    with tempfile.TemporaryDirectory(dir=workdir) as out:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(path), "--out", out]
        run = run_child([*cmd, "--sample-every", str(sample_every)])
    if run.returncode != 0:
        msg = f"The memory child failed on {str(path)!r} (exit {run.returncode}): {run.stderr[-2000:]}"
        raise RuntimeError(msg)
    child = json.loads(run.stdout.strip().splitlines()[-1])
    samples = [(int(a), int(r), float(t)) for a, r, t in child.pop("samples")]
    return MemoryResult(
        peak_rss=run.peak_rss_bytes, wall_s=run.wall_s, cpu_s=run.cpu_s, samples=samples, **child
    )


# ----------------------------------------------------------------------------------------------- child
class _Sampler:
    """A thread noting this process's resident size every ``every`` seconds, keeping each phase's highest."""

    def __init__(self, every: float = 0.05) -> None:
        import psutil

        self._proc = psutil.Process()
        self._every = every
        self.phase = PHASES[0]
        self.peaks: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self._every):
            self.note()

    def note(self) -> int:
        """The resident size now (and counted towards the current phase's peak)."""
        rss = int(self._proc.memory_info().rss)
        self.peaks[self.phase] = max(self.peaks.get(self.phase, 0), rss)
        return rss

    def enter(self, phase: str) -> int:
        """Close the current phase with a last note and start ``phase``; returns that note."""
        rss = self.note()
        self.phase = phase
        return rss

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.note()


def _vm_hwm() -> int:
    """This process's peak resident size (``VmHWM``) in bytes; 0 where /proc is not there."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _child(path: Path, out: Path, sample_every: int) -> dict[str, Any]:
    """The command line's build path, instrumented; returns the figures (printed as JSON)."""
    sampler = _Sampler()
    from incidents.build import Builder
    from incidents.export import write_dataset_chunks
    from incidents.ingest import Reject, iter_articles

    rss_imports = sampler.enter("load")
    t0 = time.perf_counter()
    builder = Builder()
    rss_load = sampler.enter("stream")
    t_load = time.perf_counter()
    samples: list[tuple[int, int, float]] = []

    def sampled(items: Iterable[Any]) -> Iterator[Any]:
        for i, article in enumerate(items, 1):
            if i % sample_every == 0:
                samples.append((i, sampler.note(), time.perf_counter() - t_load))
            yield article

    stream_end: dict[str, float] = {}
    reports = builder.reports

    def marked_reports(items: Iterable[Any]) -> Iterator[Any]:
        yield from reports(items)
        stream_end["t"] = time.perf_counter()
        stream_end["rss"] = sampler.enter("after_stream")

    builder.reports = marked_reports  # type: ignore[method-assign]
    rejects: list[Reject] = []  # kept, as the command line keeps them
    with builder.stage(iter_articles([path], on_reject=rejects.append), progress=sampled) as staged:
        t_staged = time.perf_counter()
        rss_staged = sampler.enter("write")
        incidents = len(staged)
        spill_bytes = staged.spilled_bytes
        write_dataset_chunks(staged.chunks(), [out / "incidents.parquet"], bounds=staged.bounds)
    t_write = time.perf_counter()
    sampler.stop()
    return {
        "articles": builder.stats.articles_read,
        "rss_after_imports": rss_imports,
        "rss_after_load": rss_load,
        "rss_at_stream_end": int(stream_end["rss"]),
        "rss_after_build": rss_staged,
        "rss_after_write": sampler.note(),
        "load_s": t_load - t0,
        "stream_s": stream_end["t"] - t_load,
        "after_stream_s": t_staged - stream_end["t"],
        "write_s": t_write - t_staged,
        "reports": builder.stats.reports,
        "incidents": incidents,
        "samples": samples,
        "phase_peaks": sampler.peaks,
        "vm_hwm": _vm_hwm(),
        "path": "stage",
        "spill_bytes": spill_bytes,
    }


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Peak memory of a build of one JSONL corpus, in a fresh process."
    )
    parser.add_argument("input", type=Path, help="JSONL corpus (see benchmarks/corpus.py).")
    parser.add_argument(
        "--child", action="store_true", help="Be the measured process (the parent runs this)."
    )
    parser.add_argument("--out", type=Path, help="Folder for the GeoParquet output (child mode).")
    parser.add_argument("--sample-every", type=int, default=250, help="Articles between two RSS notes.")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.input, args.out or Path(tempfile.mkdtemp()), args.sample_every)))
        return 0
    result = measure_memory(args.input, sample_every=args.sample_every)
    slope = growth_per_1000(result.samples)
    print(
        f"{result.articles} articles: peak RSS {result.peak_rss / _MIB:.0f} MiB (VmHWM {result.vm_hwm / _MIB:.0f}), "
        f"after model load {result.rss_after_load / _MIB:.0f} MiB, at stream end "
        f"{result.rss_at_stream_end / _MIB:.0f} MiB; growth "
        + (f"{slope / _MIB:.1f} MiB per 1,000 articles" if slope is not None else "n/a")
        + f"; {result.wall_s:.0f} s; peak in phase {result.peak_phase!r} ("
        + ", ".join(f"{k} {v / _MIB:.0f}" for k, v in result.phase_peaks.items())
        + " MiB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())

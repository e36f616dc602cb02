"""Run the build benchmarks and write their figures to ``benchmarks/RESULTS.md`` (the build section).

One command::

    python benchmarks/run.py                 # default: about 10 minutes on 2 cores
    python benchmarks/run.py --quick         # a smoke run: a couple of minutes
    python benchmarks/run.py --full          # the recorded figures: 2,000 articles, memory up to 16,000

What runs, in order: a synthetic corpus is generated to a temporary folder (``corpus.py``); build throughput
against bare spaCy in this process (``throughput.py``); peak memory at each size in a fresh process
(``memory.py``); command-line start-up in fresh processes (``startup.py``); and the gazetteer benchmark
(``bench_gazetteer.py``) if it exists. See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the sibling modules, also when imported from elsewhere

from _machine import describe_machine  # noqa: E402
from _report import render_section, replace_section  # noqa: E402
from corpus import DEFAULT_SEED, CorpusGenerator, write_jsonl  # noqa: E402

PARTS = ("throughput", "memory", "startup", "gazetteer")
_PRESETS: dict[str, dict[str, Any]] = {
    # articles and repeats of the throughput run, input sizes of the memory runs, start-up repeats
    "quick": {"articles": 100, "repeat": 3, "memory_sizes": [250, 1000], "startup_repeat": 3},
    "default": {"articles": 400, "repeat": 3, "memory_sizes": [1000, 4000], "startup_repeat": 5},
    "full": {"articles": 2000, "repeat": 3, "memory_sizes": [1000, 4000, 16000], "startup_repeat": 7},
}


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark the incident build (throughput against bare spaCy, peak memory, start-up) "
        "and write the figures to benchmarks/RESULTS.md.",
        epilog="Presets: "
        + "; ".join(f"--{k}: {v}" for k, v in _PRESETS.items() if k != "default")
        + f"; default: {_PRESETS['default']}. Explicit options override the preset.",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="Small sizes: a smoke run of a couple of minutes.")
    mode.add_argument(
        "--full", action="store_true", help="The recorded sizes (2,000 articles; up to 16,000)."
    )
    parser.add_argument("--articles", type=int, help="Articles of the throughput run.")
    parser.add_argument("--repeat", type=int, help="Repeats of each throughput measurement (medians).")
    parser.add_argument("--memory-sizes", help="Comma-separated article counts of the memory runs.")
    parser.add_argument("--startup-repeat", type=int, help="Runs of each start-up command.")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Corpus seed.")
    parser.add_argument(
        "--skip", action="append", choices=PARTS, default=[], help="Leave a part out (repeatable)."
    )
    parser.add_argument(
        "--workdir", type=Path, help="Keep the generated corpora here (default: a temp folder)."
    )
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md", help="Markdown file to update.")
    parser.add_argument(
        "--json", type=Path, default=HERE / "results" / "build.json", help="Where the raw figures go as JSON."
    )
    parser.add_argument(
        "--at",
        metavar="REV",
        help="Measure the pipeline (incidents/, gazetteer/) as committed at REV, from a snapshot, instead of the "
        "working tree: others edit the tree while a long run goes on.",
    )
    parser.add_argument("--no-write", action="store_true", help="Print the section; change no file.")
    parser.add_argument(
        "--from-json",
        type=Path,
        nargs="+",
        metavar="PATH",
        help="Measure nothing: render the section again from a recorded run (e.g. benchmarks/results/build.json); "
        "further records are later runs of some parts, shown after it (the targets take their figures).",
    )
    parser.add_argument(
        "--gazetteer-write",
        action="store_true",
        help="Let bench_gazetteer.py rewrite its own section of RESULTS.md (by default it runs with --no-write).",
    )
    args = parser.parse_args(argv)
    args.mode = "quick" if args.quick else "full" if args.full else "default"
    preset = _PRESETS[args.mode]
    args.articles = args.articles or preset["articles"]
    args.repeat = args.repeat or preset["repeat"]
    args.startup_repeat = args.startup_repeat or preset["startup_repeat"]
    sizes = [int(x) for x in args.memory_sizes.split(",")] if args.memory_sizes else preset["memory_sizes"]
    args.memory_sizes = sorted(sizes)
    return args


def _command_line(argv: list[str] | None) -> str:
    return " ".join(["python", "benchmarks/run.py", *(sys.argv[1:] if argv is None else argv)])


def _corpora(args: argparse.Namespace, folder: Path) -> dict[int, Path]:
    """JSONL corpora of every size needed; smaller ones are the first lines of the largest (same articles)."""
    sizes = sorted({args.articles, *args.memory_sizes})
    largest = folder / f"corpus-{sizes[-1]}.jsonl"
    t = time.perf_counter()
    summary = write_jsonl(largest, sizes[-1], generator=CorpusGenerator(seed=args.seed))
    _log(f"corpus: {summary.articles:,} articles, {summary.words:,} words in {time.perf_counter() - t:.1f} s")
    paths = {sizes[-1]: largest}
    for n in sizes[:-1]:
        paths[n] = folder / f"corpus-{n}.jsonl"
        with largest.open(encoding="utf-8") as src, paths[n].open("w", encoding="utf-8") as dst:
            for _, line in zip(range(n), src, strict=False):
                dst.write(line)
    # the one-article file of the start-up run holds an article about an incident
    gen = CorpusGenerator(seed=args.seed)
    index = next(i for i in range(100) if gen.compose(i)[1])
    paths[1] = folder / "one.jsonl"
    paths[1].write_text(json.dumps(gen.article(index), ensure_ascii=False) + "\n", encoding="utf-8")
    return paths


def _run_throughput(args: argparse.Namespace, path: Path, record: dict[str, Any]) -> None:
    from throughput import measure_throughput

    from incidents.ingest import iter_articles

    t = time.perf_counter()
    articles = list(iter_articles([path]))
    seconds = time.perf_counter() - t
    record["reading"] = {
        "articles": len(articles),
        "seconds": seconds,
        "articles_per_s": len(articles) / seconds,
    }
    _log(f"throughput: {len(articles):,} articles, {args.repeat} repeats (build, bare spaCy full, no parser)")
    result = measure_throughput(articles, repeat=args.repeat, log=_log)
    record["throughput"] = result.as_dict()
    _log(
        f"throughput: build {result.articles_per_s('build'):.1f} articles/s; ratio vs bare spaCy "
        f"{result.ratio('spacy_full'):.2f} (full), {result.ratio('spacy_no_parser'):.2f} (no parser)"
    )


def _run_memory(args: argparse.Namespace, paths: dict[int, Path], record: dict[str, Any]) -> None:
    from memory import growth_per_1000, measure_memory

    sizes = []
    for n in args.memory_sizes:
        _log(f"memory: {n:,} articles in a fresh process ...")
        result = measure_memory(paths[n], sample_every=max(50, n // 40))
        figures = result.as_dict()
        figures["growth_per_1000"] = growth_per_1000(result.samples)
        sizes.append(figures)
        _log(
            f"memory: {n:,} articles: peak RSS {result.peak_rss / 2**20:.0f} MiB, {result.wall_s:.0f} s "
            f"(stream {result.stream_s:.0f} s, after stream {result.after_stream_s:.1f} s)"
        )
    record["memory"] = {"sizes": sizes}


def _run_startup(args: argparse.Namespace, path: Path, record: dict[str, Any]) -> None:
    from startup import measure_startup

    _log(f"start-up: {args.startup_repeat} runs of each command ...")
    result = measure_startup(one_article=path, repeat=args.startup_repeat)
    record["startup"] = result.as_dict()
    _log(
        f"start-up: --help {result.median('help'):.2f} s, 1-article build {result.median('build_one'):.2f} s"
    )


def _run_gazetteer(args: argparse.Namespace, record: dict[str, Any]) -> None:
    from _proc import run_child

    script = HERE / "bench_gazetteer.py"
    if not script.exists():
        record["gazetteer"] = {"present": False}
        _log("gazetteer: benchmarks/bench_gazetteer.py is not there; skipped")
        return
    # its section belongs to its author: it is rewritten only when asked
    cmd = [sys.executable, str(script), *([] if args.gazetteer_write else ["--no-write"])]
    _log(f"gazetteer: running {' '.join(cmd[1:])} ...")
    run = run_child(cmd, cwd=HERE.parent, timeout_s=1200)
    record["gazetteer"] = {
        "present": True,
        "returncode": run.returncode,
        "wall_s": run.wall_s,
        "wrote_section": args.gazetteer_write,
        "stdout": run.stdout[-4000:],
    }
    if run.returncode != 0:
        _log(f"gazetteer: exit {run.returncode}: {run.stderr[-1000:]}")


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=HERE.parent, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    return done.stdout.strip()


def _code_version() -> dict[str, Any]:
    """The commit measured, and whether the pipeline's packages differed from it (others work in the tree)."""
    dirty = _git("status", "--porcelain", "--", "incidents", "gazetteer")
    return {"commit": _git("rev-parse", "--short", "HEAD") or "unknown", "pipeline_modified": bool(dirty)}


def _use_snapshot(rev: str, folder: Path) -> dict[str, Any]:
    """Put the pipeline as committed at ``rev`` first on the import path, here and in every child process.

    The snapshot is ``git archive`` of incidents/ and gazetteer/ (code and data). Path entries come before the
    editable install's finder, so ``import incidents`` and the ``incidents`` script load the snapshot.
    """
    commit = _git("rev-parse", "--short", f"{rev}^{{commit}}")
    if not commit:
        msg = f"--at {rev!r}: no such commit."
        raise SystemExit(msg)
    dest = folder / "code"
    dest.mkdir()
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit, "incidents", "gazetteer"],
        cwd=HERE.parent,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    sys.path.insert(0, str(dest))
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(dest), os.environ.get("PYTHONPATH")) if p)
    return {"commit": commit, "pipeline_modified": False, "snapshot": True}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; returns the exit code."""
    args = _parse(argv)
    if args.from_json:
        main_run, *later = (json.loads(p.read_text(encoding="utf-8")) for p in args.from_json)
        section = render_section(main_run, later=later)
        if args.no_write:
            print(section)
        else:
            replace_section(args.results, section)
            _log(f"wrote {args.results} (build section) from {', '.join(map(str, args.from_json))}")
        return 0
    started = time.perf_counter()
    record: dict[str, Any] = {
        "command": _command_line(argv),
        "mode": args.mode,
        "seed": args.seed,
        "machine": describe_machine().as_dict(),
        "skipped": list(args.skip),
    }
    _log(
        f"mode {args.mode}: throughput {args.articles:,} articles x {args.repeat}; memory at "
        f"{', '.join(f'{n:,}' for n in args.memory_sizes)} articles; start-up x {args.startup_repeat}"
    )
    folder = Path(tempfile.mkdtemp(prefix="incidents-bench-", dir=args.workdir))
    try:
        # before anything imports the pipeline
        record["code"] = _use_snapshot(args.at, folder) if args.at else _code_version()
        _log(f"code: commit {record['code']['commit']}" + (" (snapshot)" if args.at else ""))
        paths = _corpora(args, folder)
        # the gazetteer's own benchmark first: it writes its section, and ours is written last
        if "gazetteer" not in args.skip:
            _run_gazetteer(args, record)
        if "throughput" not in args.skip:
            _run_throughput(args, paths[args.articles], record)
        if "memory" not in args.skip:
            _run_memory(args, paths, record)
        if "startup" not in args.skip:
            _run_startup(args, paths[1], record)
    finally:
        if args.workdir is None:
            shutil.rmtree(folder, ignore_errors=True)
    record["elapsed_s"] = time.perf_counter() - started
    record["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    section = render_section(record)
    if args.no_write:
        print(section)
        return 0
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    replace_section(args.results, section)
    _log(f"wrote {args.results} (build section) and {args.json} in {record['elapsed_s'] / 60:.1f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

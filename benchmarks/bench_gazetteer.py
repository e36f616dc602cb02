"""Benchmark the gazetteer: load time, exact and fuzzy lookups, geopy geocoding, reverse lookups.

Run from the repository root::

    python benchmarks/bench_gazetteer.py [--repeat 5] [--no-write]

Every figure is the median over ``--repeat`` runs. It prints a table and writes the "Gazetteer" section of
``benchmarks/RESULTS.md`` (between ``<!-- gazetteer:start -->`` and ``<!-- gazetteer:end -->``; other
sections are left alone). Targets (from the issue) are reported, not asserted: this is not a timed test.

- import + load: a fresh ``python -c "import gazetteer; gazetteer.Gazetteer()"``; load alone: ``Gazetteer()``
  in a warm process.
- exact lookups: every official and alias name of a province, district or town (distinct, shuffled, seeded;
  villages left out, since without context they fall through to fuzzy matching), each ``match(name)``.
  Cold: the normalisation caches are cleared before the pass; warm: the same pass again.
- fuzzy lookups: district names (official and aliases) with one or two random edits (seeded) whose key
  matches no name exactly, without context and with their province as context.
- geocode: ``AfghanGazetteer.geocode("<district spelling>, <province>")`` over the district names.
- reverse_many: 100,000 uniform random points in Afghanistan's bounding box (about half fall inside);
  reverse: single ``Gazetteer.reverse`` calls.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

import gazetteer
import gazetteer.normalize
from gazetteer import AfghanGazetteer, Gazetteer, name_key

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
START, END = "<!-- gazetteer:start -->", "<!-- gazetteer:end -->"
BBOX = (29.3, 38.5, 60.5, 74.9)  # lat_min, lat_max, lon_min, lon_max
SEED = 20180522


@dataclass(frozen=True)
class Figure:
    what: str
    value: float
    unit: str
    target: str = ""
    note: str = ""
    cpu_value: float | None = None  # the same measure in CPU time of this process, immune to other load

    def met(self) -> str:
        if not self.target:
            return ""
        op, bound = self.target.split(" ", 1)
        limit = float(bound.split()[0].replace(",", ""))
        ok = self.value <= limit if op == "<=" else self.value >= limit
        return "yes" if ok else "**no**"


def clear_caches(gaz: Gazetteer | None = None) -> None:
    """Empty every functools cache of the normaliser and the gazetteer's context cache."""
    for obj in vars(gazetteer.normalize).values():
        if hasattr(obj, "cache_clear"):
            obj.cache_clear()
    if gaz is not None:
        gaz._ctx_cache.clear()


def median_time(
    fn: Callable[[], object], repeat: int, before: Callable[[], object] | None = None
) -> tuple[float, float]:
    """Median wall-clock and median CPU time of ``repeat`` calls (``before`` runs untimed before each)."""
    wall, cpu = [], []
    for _ in range(repeat):
        if before is not None:
            before()
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def typo(name: str, rng: random.Random, edits: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    chars = list(name)
    for _ in range(edits):
        positions = [i for i, c in enumerate(chars) if c.isalpha()]
        i = rng.choice(positions)
        op = rng.choice(("delete", "insert", "replace", "swap"))
        if op == "delete" and len(positions) > 4:
            del chars[i]
        elif op == "insert":
            chars.insert(i, rng.choice(letters))
        elif op == "swap" and i + 1 < len(chars) and chars[i + 1].isalpha():
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            chars[i] = rng.choice(letters.replace(chars[i].lower(), ""))
    return "".join(chars)


def rate(what: str, count: int, times: tuple[float, float], target: str, note: str) -> Figure:
    wall, cpu = times
    return Figure(what, count / wall, "/s", target, note, cpu_value=count / cpu if cpu > 0 else None)


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    import pandas
    import rapidfuzz
    import shapely

    return {
        "cpu": cpu,
        "cores": f"{usable} usable ({os.cpu_count()} online)",
        "python": f"{platform.python_version()} ({platform.python_implementation()}, {platform.system()})",
        "libraries": f"pandas {pandas.__version__}, shapely {shapely.__version__}, rapidfuzz {rapidfuzz.__version__}",
    }


def run(repeat: int) -> list[Figure]:
    figures: list[Figure] = []
    code = "import gazetteer; gazetteer.Gazetteer()"
    fresh, _ = median_time(lambda: subprocess.run([sys.executable, "-c", code], check=True), repeat)
    bare, _ = median_time(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), repeat)
    figures.append(
        Figure("import + load, fresh process", fresh, "s", note=f"interpreter start alone {bare:.2f} s")
    )

    Gazetteer()  # warm the file cache and the imports
    load, load_cpu = median_time(Gazetteer, repeat)
    figures.append(Figure("load, in-process (`Gazetteer()`)", load, "s", "<= 0.5 s", cpu_value=load_cpu))

    gaz = Gazetteer()
    geocoder = AfghanGazetteer(gaz)
    names_table = gaz._tables.names
    rng = random.Random(SEED)

    # exact: distinct official and alias names that resolve without fuzzy matching
    names = sorted(set(names_table.loc[names_table["level"] != "village", "name"].tolist()))
    clear_caches(gaz)
    names = [n for n in names if gaz.match(n, fuzzy=False).status != "not_found"]
    rng.shuffle(names)

    def exact_pass() -> None:
        for n in names:
            gaz.match(n)

    cold = median_time(exact_pass, repeat, before=lambda: clear_caches(gaz))
    warm = median_time(exact_pass, repeat)
    figures.append(
        rate("exact lookups, cold caches", len(names), cold, ">= 100,000 /s", f"{len(names):,} names")
    )
    figures.append(rate("exact lookups, warm caches", len(names), warm, ">= 100,000 /s", "same pass again"))

    # fuzzy: misspelt district spellings that no name matches exactly
    districts = names_table[(names_table["level"] == "district") & names_table["name"].str.isascii()]
    province_of = {p.pcode: p.admin1 for p in (gaz.place(c) for c in gaz.districts["pcode"])}
    known = set(gaz._by_key) | set(gaz._foreign)
    queries: list[tuple[str, str]] = []
    for name, target in sorted(zip(districts["name"].tolist(), districts["target"].tolist(), strict=True)):
        for edits in (1, 2):
            q = typo(name, rng, edits)
            if len(name_key(q)) >= 4 and name_key(q) not in known:
                queries.append((q, province_of[target]))
    rng.shuffle(queries)

    def fuzzy_pass(with_context: bool) -> Callable[[], None]:
        def go() -> None:
            for q, province in queries:
                gaz.match(q, context=[province] if with_context else None)

        return go

    for with_context, label in ((False, "no context"), (True, "province as context")):
        times = median_time(fuzzy_pass(with_context), repeat, before=lambda: clear_caches(gaz))
        found = sum(gaz.match(q, context=[p] if with_context else None).ok for q, p in queries)
        note = f"{len(queries):,} misspellings, {found / len(queries):.0%} matched"
        figures.append(rate(f"fuzzy lookups, {label}", len(queries), times, ">= 2,000 /s", note))

    geo_queries = [
        f"{n}, {province_of[t]}" for n, t in zip(districts["name"], districts["target"], strict=True)
    ]
    rng.shuffle(geo_queries)

    def geocode_pass() -> None:
        for q in geo_queries:
            geocoder.geocode(q)

    times = median_time(geocode_pass, repeat, before=lambda: clear_caches(gaz))
    figures.append(
        rate("geopy `geocode` calls", len(geo_queries), times, "", f"{len(geo_queries):,} queries")
    )

    nprng = np.random.default_rng(SEED)
    lat = nprng.uniform(BBOX[0], BBOX[1], 100_000)
    lon = nprng.uniform(BBOX[2], BBOX[3], 100_000)
    inside = float(gaz.reverse_many(lat, lon)["admin2_pcode"].notna().mean())
    times = median_time(lambda: gaz.reverse_many(lat, lon), repeat)
    note = f"100,000 points, {inside:.0%} inside"
    figures.append(rate("`reverse_many` points", len(lat), times, ">= 20,000 /s", note))
    single = list(zip(lat[:2000].tolist(), lon[:2000].tolist(), strict=True))
    times = median_time(lambda: [gaz.reverse(a, b) for a, b in single], repeat)
    figures.append(rate("single `reverse` calls", len(single), times, "", "2,000 points"))
    return figures


def render(figures: list[Figure], repeat: int, info: dict[str, str]) -> str:
    def fmt(f: Figure) -> str:
        return f"{f.value:.3f} s" if f.unit == "s" else f"{f.value:,.0f} /s"

    lines = [
        START,
        "## Gazetteer",
        "",
        f"`python benchmarks/bench_gazetteer.py --repeat {repeat}`, {dt.date.today().isoformat()}; "
        f"medians of {repeat} runs.",
        "",
        f"Machine: {info['cpu']}, {info['cores']}; Python {info['python']}; {info['libraries']}; "
        f"{info['load']} (the cores are shared: other work slows every figure).",
        "",
        "| measure | median (wall clock) | target | met | median (CPU time) | note |",
        "|---|---:|---:|:---:|---:|---|",
    ]
    for f in figures:
        cpu = "" if f.cpu_value is None else fmt(Figure(f.what, f.cpu_value, f.unit))
        lines.append(f"| {f.what} | {fmt(f)} | {f.target} | {f.met()} | {cpu} | {f.note} |")
    return "\n".join([*lines, END])


def write_section(section: str) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.is_file() else "# Benchmark results\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        text = head + section + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per measure; the median is reported")
    parser.add_argument("--no-write", action="store_true", help=f"do not update {RESULTS.relative_to(ROOT)}")
    args = parser.parse_args()
    info = machine()
    load_before = os.getloadavg()[0]
    figures = run(max(1, args.repeat))
    info["load"] = f"1-minute load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
    section = render(figures, args.repeat, info)
    print(section.replace(START, "").replace(END, "").strip())
    if not args.no_write:
        write_section(section)
        print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Rendering the figures as the build section of ``benchmarks/RESULTS.md``, and replacing only that section.

``RESULTS.md`` is shared: other benchmarks own other sections (the gazetteer's sits between
``<!-- gazetteer:start -->`` and ``<!-- gazetteer:end -->``). Only the text between ``<!-- build:start -->``
and ``<!-- build:end -->`` is ever replaced; the markers are appended when missing.
"""

from __future__ import annotations

import os
import statistics
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["END", "START", "render_section", "replace_section"]

START = "<!-- build:start -->"
END = "<!-- build:end -->"
_MIB = 1024 * 1024
_TARGET_GROWTH_BYTES = 100 * 1000 * 1000  # "< 100 MB"
_HEADER = "# Benchmark results\n\nEach section is written by its own benchmark; see benchmarks/README.md.\n"


def replace_section(path: Path, body: str) -> None:
    """Put ``body`` between the build markers of ``path``, leaving the rest of the file as it is.

    Examples
    --------
    >>> replace_section(Path("benchmarks/RESULTS.md"), "## Build\\n...")  # doctest: +SKIP
    """
    block = f"{START}\n{body.rstrip()}\n{END}"
    text = path.read_text(encoding="utf-8") if path.exists() else _HEADER
    start, end = text.find(START), text.find(END)
    if start != -1 and end > start:
        text = text[:start] + block + text[end + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    # written whole and renamed, so a reader (or the other section's writer) never sees half a file
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".RESULTS.", suffix=".md")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    Path(tmp).replace(path)


def _mib(n: float) -> str:
    return f"{n / _MIB:,.0f}"


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "n/a"


def render_section(record: dict[str, Any], *, later: Sequence[dict[str, Any]] = ()) -> str:
    """The markdown of the build section from one run's record (see ``run.py``).

    ``later`` are records of later runs of some parts (e.g. memory again after a fix): each is shown after
    the main run under its own date and commit, and the targets take the latest figures.
    """
    m = record["machine"]
    lines = [
        "## Build pipeline: throughput, memory, start-up",
        "",
        f"Written by `{record['command']}` on {m['date']} (mode: {record['mode']}; corpus seed "
        f"{record['seed']}; took {record['elapsed_s'] / 60:.1f} min), code at commit {record['code']['commit']}"
        + (
            " with uncommitted changes in incidents/ or gazetteer/"
            if record["code"]["pipeline_modified"]
            else ""
        )
        + (" (as committed: a snapshot, not the working tree)" if record["code"].get("snapshot") else "")
        + ".",
        "",
        f"Machine: {m['cpu_model']}, {m['logical_cores']} logical cores ({m['usable_cores']} usable), "
        f"{m['ram_gib']} GiB RAM, {m['os']}, {m['python']}. Load average at start "
        f"{' / '.join(str(x) for x in m['load_average'])}, at end "
        f"{' / '.join(str(x) for x in record['load_average_end'])} (the cores are shared).",
        "",
        "Libraries: " + ", ".join(f"{k} {v}" for k, v in m["libraries"].items()) + ".",
        "",
    ]
    lines += _targets(record, later)
    lines += _measured_parts(record)
    lines += _gazetteer(record.get("gazetteer"))
    if record.get("skipped"):
        lines += [f"Not run this time: {', '.join(record['skipped'])}.", ""]
    for again in later:
        lines += _later(again)
    return "\n".join(lines)


def _code(record: dict[str, Any]) -> str:
    code = record["code"]
    return f"commit {code['commit']}" + (" (snapshot)" if code.get("snapshot") else "")


def _later(record: dict[str, Any]) -> list[str]:
    """A later run of some parts, under its own heading."""
    parts = [p for p in ("throughput", "memory", "startup") if p in record]
    out = [
        f"### Measured again: {', '.join(parts)} at {_code(record)}",
        "",
        f"`{record['command']}` on {record['machine']['date']} ({record['elapsed_s'] / 60:.1f} min), same "
        f"machine; load average at start {' / '.join(str(x) for x in record['machine']['load_average'])}.",
        "",
    ]
    body = _measured_parts(record)
    return out + [f"#{line}" if line.startswith("### ") else line for line in body]


def _measured_parts(record: dict[str, Any]) -> list[str]:
    """The sections of the parts a record measured: throughput, memory, start-up."""
    lines: list[str] = []
    if "throughput" in record:
        lines += _throughput(record["throughput"], record.get("reading"))
    if "memory" in record:
        lines += _memory(record["memory"])
    if "startup" in record:
        lines += _startup(record["startup"])
    return lines


def _targets(record: dict[str, Any], later: Sequence[dict[str, Any]] = ()) -> list[str]:
    rows = ["| target | figure | met |", "| --- | --- | --- |"]
    latest = {p: r for r in (record, *later) for p in ("throughput", "memory") if p in r}
    t = latest["throughput"]["throughput"] if "throughput" in latest else None
    if t:
        ratio = t["ratio_vs_spacy_full"]
        met = "yes (aim 2.0 met)" if ratio >= 2.0 else "yes" if ratio >= 1.0 else "no"
        rows.append(
            f"| build speed / bare spaCy speed ≥ 1.0 (aim 2.0), {t['articles']:,} articles | "
            f"{ratio:.2f} (full model); {t['ratio_vs_spacy_no_parser']:.2f} (parser disabled) | {met} |"
        )
    mem = latest["memory"]["memory"] if "memory" in latest else None
    if mem and len(mem["sizes"]) >= 2:
        first, last = mem["sizes"][0], mem["sizes"][-1]
        growth = last["peak_rss"] - first["peak_rss"]
        met = "yes" if growth < _TARGET_GROWTH_BYTES else "no"
        rows.append(
            f"| peak RSS growth < 100 MB from {first['articles']:,} to {last['articles']:,} articles | "
            f"{growth / 1e6:+,.0f} MB ({growth / _MIB:+,.0f} MiB) at {_code(latest['memory'])} | {met} |"
        )
    return ["### Targets", "", *rows, ""] if len(rows) > 2 else []


def _throughput(t: dict[str, Any], reading: dict[str, Any] | None) -> list[str]:
    names = {
        "build": "`Builder().build(articles)`: the whole pipeline",
        "spacy_full": "bare `nlp.pipe(texts)`, model as shipped (all components)",
        "spacy_no_parser": "bare `nlp.pipe(texts)`, parser disabled (as the pipeline loads it)",
    }
    rows = [
        "| what | median wall s | articles/s | words/s | median CPU s | speed ratio build / this (wall; CPU) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for v, label in names.items():
        ratio = "" if v == "build" else f"{t[f'ratio_vs_{v}']:.2f}; {t[f'ratio_vs_{v}_cpu']:.2f}"
        rows.append(
            f"| {label} | {t[f'{v}_median_wall_s']:.1f} | {t[f'{v}_articles_per_s']:.1f} | "
            f"{t[f'{v}_words_per_s']:,.0f} | {t[f'{v}_median_cpu_s']:.1f} | {ratio} |"
        )
    paired = t["paired_ratios_vs_spacy_full"]
    spacy_share = statistics.median(t["build_in_spacy_s"])
    after = statistics.median(t["build_after_stream_s"])
    build = t["build_median_wall_s"]
    out = [
        f"### 1. Build throughput ({t['articles']:,} articles, median of {t['repeat']} interleaved repeats)",
        "",
        f"Corpus: {t['articles']:,} synthetic articles, {t['words']:,} words ({t['words'] / t['articles']:.0f} "
        f"per article on average), {t['sentences']:,} sentences; {t['candidate_sentences']:,} sentences "
        f"({_pct(t['candidate_sentences'], t['sentences'])}) holding {_pct(t['candidate_words'], t['words'])} "
        "of the words pass the extractor's keyword screen and go through spaCy in the build; bare spaCy "
        f"parses every word. Bare spaCy batch size: {t['spacy_batch_size']} (the model's default).",
        "",
        *rows,
        "",
        f"Per-repeat ratios vs the full model (build and bare spaCy back to back): "
        f"{', '.join(f'{r:.2f}' for r in paired)}.",
        f"Model load, not in the figures above: `Builder()` {t['load_builder_s']:.1f} s (gazetteer, spaCy "
        f"model without parser, actor list); `spacy.load` {t['load_spacy_s']:.1f} s.",
        f"Where the build's time goes (medians): inside spaCy {spacy_share:.1f} s "
        f"({_pct(spacy_share, build)}); after the report stream (cross-article merging, rows, schema "
        f"validation) {after:.2f} s ({_pct(after, build)}); the rest ({_pct(build - spacy_share - after, build)}) "
        "is sentence splitting and screening, casualty/actor/date/place extraction and place resolution.",
        f"Output: {t['reports']:,} reports, {t['incidents']:,} incidents.",
    ]
    if reading:
        out.append(
            f"Reading alone (`iter_articles` over the JSONL file): {reading['articles_per_s']:,.0f} articles/s "
            f"({reading['seconds'] * 1000:.0f} ms)."
        )
    return [*out, ""]


def _staged(mem: dict[str, Any]) -> bool:
    """Whether the run measured the staged build (reports in a temporary file, rows made a chunk at a time)."""
    return all(s.get("path") == "stage" for s in mem["sizes"])


def _memory(mem: dict[str, Any]) -> list[str]:
    staged = _staged(mem)
    if staged:
        header = (
            "| articles | peak RSS MiB | after model load | at end of report stream | merged and ordered | "
            "after write | highest while streaming / merging / making rows and writing | growth while streaming, "
            "MiB / 1,000 articles | wall s | reports | incidents | reports' temporary file MiB |"
        )
    else:
        header = (
            "| articles | peak RSS MiB | after model load | at end of report stream | after build | after write "
            "| highest while streaming / making the dataset / writing | growth while streaming, MiB / 1,000 "
            "articles | wall s | reports | incidents |"
        )
    rows = [header, "| ---: " * header.count("|", 1) + "|"]
    for s in mem["sizes"]:
        slope = s.get("growth_per_1000")
        peaks = s["phase_peaks"]
        phases = " / ".join(_mib(peaks.get(p, 0)) for p in ("stream", "after_stream", "write"))
        rows.append(
            f"| {s['articles']:,} | **{_mib(s['peak_rss'])}** | {_mib(s['rss_after_load'])} | "
            f"{_mib(s['rss_at_stream_end'])} | {_mib(s['rss_after_build'])} | {_mib(s['rss_after_write'])} | "
            f"{phases} | {'' if slope is None else f'{slope / _MIB:.1f}'} | {s['wall_s']:.0f} | "
            f"{s['reports']:,} | {s['incidents']:,} |"
            + (f" {_mib(s.get('spill_bytes', 0))} |" if staged else "")
        )
    path = (
        "`iter_articles` → `Builder.stage` → `write_dataset_chunks`: GeoParquet a chunk at a time"
        if staged
        else "`iter_articles` → `Builder.build` → GeoParquet"
    )
    out = [
        f"### 2. Peak memory (a fresh process per size: {path})",
        "",
        "Peak RSS is the kernel's (`ru_maxrss` of the child, started through a small launcher; the child's own "
        "`VmHWM` agrees). The other columns are the child's resident size at those points, and the highest "
        "it reached in each phase (it samples itself every 50 ms).",
        "",
        *rows,
        "",
    ]
    sizes = mem["sizes"]
    if len(sizes) >= 2:
        out += _memory_growth(sizes[0], sizes[-1], staged=staged)
    return out


def _memory_growth(first: dict[str, Any], last: dict[str, Any], *, staged: bool = False) -> list[str]:
    """Where the growth from the smallest to the largest size comes from, phase by phase."""
    thousands = (last["articles"] - first["articles"]) / 1000

    def held(s: dict[str, Any]) -> int:
        return int(s["rss_at_stream_end"] - s["rss_after_load"])

    def making(s: dict[str, Any]) -> int:
        return int(s["phase_peaks"].get("after_stream", 0) - s["rss_at_stream_end"])

    def writing(s: dict[str, Any]) -> int:
        return int(s["phase_peaks"].get("write", 0) - s["rss_after_build"])

    growth = last["peak_rss"] - first["peak_rss"]
    d_held = held(last) - held(first)
    per_report = d_held / max(1, last["reports"] - first["reports"])
    transient = first["phase_peaks"].get("stream", 0) - first["rss_at_stream_end"]
    head = [
        f"Growth of peak RSS from {first['articles']:,} to {last['articles']:,} articles: "
        f"**{growth / 1e6:+,.0f} MB ({growth / _MIB:+,.0f} MiB)**, {growth / thousands / _MIB:.1f} MiB per "
        "1,000 articles. Where it comes from:",
        "",
    ]
    if staged:
        body = [
            f"- Held until the input ends: a key per report for the cross-article merge (place, dates, kind, "
            f"sides, the id's parts), the report itself waiting in a temporary file "
            f"({_mib(last.get('spill_bytes', 0))} MiB at {last['articles']:,} articles, not in memory): "
            f"{d_held / _MIB:+,.0f} MiB, {d_held / thousands / _MIB:.1f} MiB per 1,000 articles, about "
            f"{per_report:,.0f} bytes per report (the resident size at stream end, less after model load; "
            "allocator and cache growth included).",
            f"- Merging the keys and ordering the incidents after the stream, above the memory at stream end: "
            f"{making(first) / _MIB:+,.0f} MiB at {first['articles']:,} articles, {making(last) / _MIB:+,.0f} MiB "
            f"at {last['articles']:,}.",
            f"- Making the rows and writing GeoParquet a chunk at a time (reports read back, rows, validation, "
            f"row groups of 2,000), above the memory once ordered: {writing(first) / _MIB:+,.0f} MiB at "
            f"{first['articles']:,} articles, {writing(last) / _MIB:+,.0f} MiB at {last['articles']:,}.",
        ]
    else:
        body = [
            f"- Reports held until the input ends (the cross-article merge needs them all): "
            f"{d_held / _MIB:+,.0f} MiB, {d_held / thousands / _MIB:.1f} MiB per 1,000 articles, about "
            f"{per_report / 1024:.1f} KiB per report (its mentions with their sentences, casualties, places, "
            "dates and resolved place).",
            f"- Making the dataset after the stream (merging, one dict per incident, the frame, sorting, "
            f"validation), above the memory held at stream end: {making(first) / _MIB:+,.0f} MiB at "
            f"{first['articles']:,} articles, {making(last) / _MIB:+,.0f} MiB at {last['articles']:,}.",
            f"- Writing GeoParquet, above the built dataset: {writing(first) / _MIB:+,.0f} MiB at "
            f"{first['articles']:,} articles, {writing(last) / _MIB:+,.0f} MiB at {last['articles']:,}.",
        ]
    tail = [
        f"- Not growing: the models and gazetteer ({_mib(first['rss_after_load'])} MiB after load) and the "
        f"spaCy batch in flight while streaming (about {transient / _MIB:,.0f} MiB above the steady size at "
        f"{first['articles']:,} articles), which sets the peak of small inputs.",
        "",
    ]
    return head + body + tail


def _startup(s: dict[str, Any]) -> list[str]:
    labels = {
        "python": "`python -c pass` (the interpreter alone, for reference)",
        "help": "`incidents --help`",
        "build_one": "`incidents build ONE.jsonl -o OUT.parquet` (1 article)",
    }
    rows = ["| command | median wall s | peak RSS MiB |", "| --- | ---: | ---: |"]
    for c, label in labels.items():
        if f"{c}_median_s" in s:
            rows.append(f"| {label} | {s[f'{c}_median_s']:.2f} | {_mib(s[f'{c}_peak_rss'])} |")
    return [f"### 3. Command-line start-up (fresh processes, median of {s['repeat']})", "", *rows, ""]


def _gazetteer(g: dict[str, Any] | None) -> list[str]:
    head = ["### 4. Gazetteer lookups per second", ""]
    if g is None:
        return [*head, "Not run (skipped).", ""]
    if not g.get("present"):
        return [
            *head,
            "`benchmarks/bench_gazetteer.py` was not present when this ran; its figures, when it exists, are in "
            "the gazetteer section of this file (between `<!-- gazetteer:start -->` and `<!-- gazetteer:end -->`).",
            "",
        ]
    status = "ran" if g["returncode"] == 0 else f"failed (exit {g['returncode']})"
    wrote = (
        "and rewrote its section"
        if g.get("wrote_section")
        else "with `--no-write` (its section left as it was)"
    )
    return [
        *head,
        f"`python benchmarks/bench_gazetteer.py` {status} in {g['wall_s']:.0f} s as part of this run, {wrote}. "
        "Its figures are in the gazetteer section of this file (between `<!-- gazetteer:start -->` and "
        "`<!-- gazetteer:end -->`) and are not repeated here.",
        "",
    ]

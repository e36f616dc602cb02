"""The ``incidents`` command line: ``incidents build`` and ``incidents evaluate``."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from incidents._version import __version__
from incidents.errors import IncidentsError, InputError

__all__ = ["main"]

log = logging.getLogger("incidents")

_FORMATS = ("parquet", "geojson", "gpkg", "csv")


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="incidents",
        description="Turn news articles about Afghanistan into a geocoded conflict incident dataset "
        "(ACLED/UCDP-style), offline.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="More log output (-vv for debug).")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = sub.add_parser(
        "build",
        help="Read articles and write the incident dataset.",
        description=(
            "Read articles (.txt with optional .json sidecar, .jsonl, .csv, or folders of them; '-' reads "
            "JSON Lines from standard input), extract incidents and write the dataset. Bad records are "
            "skipped and reported; the rest of the batch goes on."
        ),
        epilog="Example: incidents build examples/articles -o outputs/incidents.parquet -o outputs/incidents.geojson",
    )
    build.add_argument("inputs", nargs="+", metavar="INPUT", help="Article files or folders.")
    build.add_argument(
        "-o",
        "--output",
        action="append",
        required=True,
        metavar="OUTPUT",
        help="Output file; the format follows the extension (.parquet, .geojson, .gpkg, .csv). Repeat to "
        "write several formats from one run.",
    )
    build.add_argument(
        "--format",
        choices=_FORMATS,
        help="Force the output format instead of reading it from the extension (one output only).",
    )
    build.add_argument(
        "--rejects",
        metavar="FILE",
        help="Write the skipped records (file, line, field, reason) to this JSON Lines file.",
    )
    build.add_argument(
        "--append",
        action="store_true",
        help="Add to the dataset already at the (first) output: new reports of a known incident join its "
        "row, articles already in it are skipped, so the same input twice changes nothing.",
    )
    build.add_argument(
        "--no-progress", action="store_true", help="Never show the progress bar (it shows on a terminal)."
    )
    build.set_defaults(handler=_run_build)

    from incidents import _cli_evaluate

    _cli_evaluate.register(sub)
    return parser


def _run_build(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from incidents.build import Builder, DatasetTally
    from incidents.export import check_output, read_dataset, write_dataset, write_dataset_chunks
    from incidents.ingest import Article, Reject, iter_articles, write_rejects

    outputs = [Path(o) for o in args.output]
    if args.format and len(outputs) > 1:
        msg = "--format applies to one output only; use file extensions to choose formats for several."
        raise InputError(msg)
    for out in outputs:
        check_output(out, format=args.format)  # a wrong extension fails now, not after the whole build
    rejects: list[Reject] = []

    def on_reject(r: Reject) -> None:
        rejects.append(r)
        log.warning("skipped %s", r)

    started = time.perf_counter()
    existing = None
    if args.append and outputs[0].exists():
        existing = read_dataset(outputs[0], format=args.format)
    articles = iter_articles(args.inputs, on_reject=on_reject)
    builder = Builder()

    def progress(items: Iterable[Article]) -> Iterable[Article]:
        bar: Iterable[Article] = tqdm(
            items, unit=" articles", disable=True if args.no_progress else None, file=sys.stderr
        )
        return bar

    tally = DatasetTally()
    if existing is not None:
        # extending: the new rows join the existing frame, which is in memory anyway
        dataset = builder.build(articles, existing=existing, progress=progress)
        for out in outputs:
            write_dataset(dataset, out, format=args.format)
        tally.add(dataset)
    else:
        # the rows are made and written a chunk at a time: memory does not grow with the input
        with builder.stage(articles, progress=progress) as staged:
            chunks = tally.counted(staged.chunks())
            write_dataset_chunks(chunks, outputs, bounds=staged.bounds, format=args.format)
    if args.rejects:
        write_rejects(rejects, args.rejects)
    stats = builder.stats
    elapsed = time.perf_counter() - started
    lines = [
        f"articles read: {stats.articles_read}, rejected: {len(rejects)}"
        + (f", already in dataset: {stats.articles_skipped_existing}" if args.append else ""),
        f"incidents: {tally.incidents} ({stats.incidents_new} new"
        + (f", {stats.incidents_merged_into_existing} merged into existing" if args.append else "")
        + f"); articles with no incident: {stats.articles_without_incident}",
        f"killed (best estimates): {tally.deaths}; wounded: {tally.wounded}",
    ]
    top = tally.top_provinces()
    if top:
        lines.append(
            "top provinces: "
            + ", ".join(f"{n} ({c} incident{'' if c == 1 else 's'}, {d} killed)" for n, c, d in top)
        )
    lines.append(
        "wrote: "
        + ", ".join(str(o) for o in outputs)
        + (f"; rejects: {args.rejects}" if args.rejects else "")
    )
    lines.append(f"time: {elapsed:.1f} s")
    if rejects and not args.rejects:
        lines.append("(use --rejects FILE to save the skipped records)")
    print("\n".join(lines))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 error in the input or data, 2 usage)."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except IncidentsError as exc:
        print(f"incidents: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            "incidents: interrupted; an output is replaced only once it is complete, so none is half-written.",
            file=sys.stderr,
        )
        return 130


if __name__ == "__main__":
    raise SystemExit(main())

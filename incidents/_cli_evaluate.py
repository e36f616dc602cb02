"""The ``incidents evaluate`` subcommand: argument parsing and the run handler.

The main CLI calls :func:`register` with its subparsers; the parsed namespace carries the handler as
``args.handler``. Errors are raised as :class:`~incidents.errors.IncidentsError` for the main CLI to print.
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from incidents.errors import GazetteerError, InputError

if TYPE_CHECKING:
    import geopandas as gpd

    from incidents.evaluate import ReverseGeocoder

__all__ = ["register", "run"]

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``evaluate`` subcommand to the main parser's subparsers.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="incidents")
    >>> register(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["evaluate", "out.parquet", "--gold", "gold.jsonl"]).gold
    'gold.jsonl'
    """
    parser = subparsers.add_parser(
        "evaluate",
        help="Compare a dataset with UCDP/ACLED data or with hand-labelled articles.",
        description=(
            "Match the dataset one-to-one with a reference (a UCDP GED or Candidate Events CSV, or an "
            "ACLED export) or with a gold file of labelled articles, and report matched, missed and extra "
            "incidents and how well place, date, deaths and type agree."
        ),
    )
    parser.add_argument(
        "dataset", metavar="DATASET", help="The incidents dataset (GeoParquet, GeoJSON, GPKG, CSV)."
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--against", metavar="FILE", help="A UCDP GED / Candidate Events CSV or an ACLED export CSV."
    )
    source.add_argument(
        "--gold", metavar="FILE", help="Labelled articles, JSON Lines (see incidents.evaluate)."
    )
    parser.add_argument(
        "--report", metavar="FILE", help="Also write the report: JSON if FILE ends in .json, Markdown if .md."
    )
    parser.add_argument(
        "--window-days",
        metavar="N",
        type=_non_negative_int,
        default=1,
        help="Days allowed between the two date ranges of a match (default: 1).",
    )
    parser.add_argument(
        "--max-km",
        metavar="KM",
        type=_positive_float,
        default=None,
        help="With --against: greatest distance of a match when the provinces differ (default: 50).",
    )
    parser.add_argument(
        "--sides",
        action="store_true",
        default=None,
        help="With --against: also require the actors of a match to agree.",
    )
    parser.add_argument(
        "--admin1",
        metavar="NAME",
        nargs="+",
        default=None,
        help="With --against: compare only these provinces (names or P-codes such as AF32), on both sides.",
    )
    parser.add_argument(
        "--start",
        metavar="YYYY-MM-DD",
        type=_iso_date,
        default=None,
        help="With --against: compare only events that end on or after this date, on both sides.",
    )
    parser.add_argument(
        "--end",
        metavar="YYYY-MM-DD",
        type=_iso_date,
        default=None,
        help="With --against: compare only events that start on or before this date, on both sides.",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run ``incidents evaluate``: print the table, write the report if asked, return 0.

    Raises
    ------
    IncidentsError
        Any unusable input; the main CLI prints the message.

    Examples
    --------
    >>> run(parser.parse_args(["evaluate", "out.parquet", "--against", "ged.csv"]))  # doctest: +SKIP
    0
    """
    # imported here: `incidents --help` and `incidents build` need none of it (scipy, the comparison code)
    from incidents.evaluate import (
        evaluate_against,
        evaluate_labelled,
        render_table,
        report_format,
        write_report,
    )

    if args.report:
        report_format(args.report)  # fail before the work, not after it
    if args.gold:
        against_only = {
            "--max-km": args.max_km,
            "--sides": args.sides,
            "--admin1": args.admin1,
            "--start": args.start,
            "--end": args.end,
        }
        given = [flag for flag, value in against_only.items() if value is not None]
        if given:
            msg = f"{', '.join(given)} only apply with --against, not with --gold."
            raise InputError(msg)
    dataset = _read_dataset(Path(args.dataset))
    if args.against:
        report = evaluate_against(
            dataset,
            args.against,
            date_window_days=args.window_days,
            max_km=50.0 if args.max_km is None else args.max_km,
            use_sides=bool(args.sides),
            admin1=args.admin1,
            start=args.start,
            end=args.end,
            gazetteer=_load_gazetteer(),
        )
    else:
        report = evaluate_labelled(dataset, args.gold, date_window_days=args.window_days)
    print(render_table(report))
    if args.report:
        written = write_report(report, args.report)
        print(f"Report written to {written}", file=sys.stderr)
    return 0


def _read_dataset(path: Path) -> gpd.GeoDataFrame:
    """Read a dataset in any of the formats ``incidents build`` writes.

    Examples
    --------
    >>> _read_dataset(Path("out/incidents.parquet"))  # doctest: +SKIP
    """
    from incidents.export import read_dataset

    if not path.is_file():
        msg = f"The dataset {str(path)!r} does not exist."
        raise InputError(msg)
    return read_dataset(path)


def _load_gazetteer() -> ReverseGeocoder | None:
    """The project gazetteer for reverse geocoding, or None (names are then compared instead)."""
    try:
        from gazetteer import AfghanGazetteer
    except ImportError:
        log.info("No gazetteer available; comparing place names.")
        return None
    try:
        return cast(ReverseGeocoder, AfghanGazetteer())
    except GazetteerError as exc:
        log.warning("The gazetteer could not be loaded (%s); comparing place names instead.", exc)
        return None


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        msg = f"{text!r} is not a date like 2019-09-14"
        raise argparse.ArgumentTypeError(msg) from None


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        msg = f"{text!r} is not a whole number of days (0 or more)"
        raise argparse.ArgumentTypeError(msg)
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        msg = f"{text!r} is not a positive number of kilometres"
        raise argparse.ArgumentTypeError(msg)
    return value

"""Compare an incidents dataset with a reference dataset or with hand-labelled articles.

Two modes share one report, :class:`EvaluationReport`:

* :func:`evaluate_against` matches the dataset with a UCDP GED / UCDP Candidate Events CSV or an ACLED
  export, one incident to at most one reference event, and measures how many were found and how well
  place, date, deaths and type agree.
* :func:`evaluate_labelled` matches the dataset with a gold file of hand-labelled articles.

The gold file
-------------
JSON Lines, UTF-8, one object per article; blank lines are ignored::

    {"article_id": "pajhwok-2019-09-14-0042",
     "published": "2019-09-14",
     "incidents": [
        {"event_date": "2019-09-14",
         "admin1_pcode": "AF20", "admin2_pcode": "AF2006",
         "event_type": "Battles", "sub_event_type": "Armed clash",
         "actor1": "Taliban", "actor2": "Military Forces of Afghanistan",
         "deaths_low": 4, "deaths_best": 5, "deaths_high": 6,
         "injured_best": 3, "claim_status": "reported"}
     ]}

``article_id`` (string) and ``incidents`` (list, may be empty: the article reports no incident) are
required, and so is each incident's ``event_date`` (``YYYY-MM-DD``). ``published`` and every other field
may be ``null`` or absent; a field that is absent is simply not compared. Other keys are ignored.
An incident labelled identically (same date, P-codes and event type) in several articles is one
incident, as the dataset merges the reports into one row; when incidents carry an ``incident_key``, the
key alone says which entries are one incident (two look-alikes on one day in one district stay two).

Examples
--------
>>> report = evaluate_against(dataset, "ged_afg.csv", date_window_days=1, max_km=50)  # doctest: +SKIP
>>> print(render_table(report))  # doctest: +SKIP
"""

from __future__ import annotations

import functools
import json
import logging
import math
import os
import re
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

import geopandas as gpd
import numpy as np
import pandas as pd
from geopy.distance import geodesic
from scipy.optimize import linear_sum_assignment

from gazetteer import Gazetteer
from incidents.errors import GazetteerError, InputError, SchemaError

if TYPE_CHECKING:
    from os import PathLike

    import numpy.typing as npt

__all__ = [
    "Agreement",
    "ArticleResult",
    "Criteria",
    "EvaluationReport",
    "MatchedPair",
    "ReverseGeocoder",
    "evaluate_against",
    "evaluate_labelled",
    "render_table",
    "write_report",
]

log = logging.getLogger(__name__)

ReferenceFormat = Literal["UCDP", "ACLED", "gold"]

UCDP_COLUMNS = ("id", "date_start", "date_end", "latitude", "longitude", "best")
ACLED_COLUMNS = ("event_id_cnty", "event_date", "latitude", "longitude", "fatalities")

# Used only when a reference file has no country column.
AFGHANISTAN_BBOX = (60.4, 29.3, 75.0, 38.5)  # min lon, min lat, max lon, max lat

EARTH_RADIUS_KM = 6371.0088
# Haversine and geodesic distances differ by well under 1 %; the slack keeps the cheap filter from
# dropping a pair that the exact distance would accept.
_HAVERSINE_SLACK = 1.01
_CHUNK = 512

_PCODE = re.compile(r"^AF\d{2}(\d{2})?$", re.IGNORECASE)
_ADMIN_SUFFIX = re.compile(r"\s+(province|district|city)$", re.IGNORECASE)


# --------------------------------------------------------------------------------------------- report


@dataclass(frozen=True, slots=True)
class Agreement:
    """How many matched pairs could be compared on one field, and how many agreed.

    Examples
    --------
    >>> Agreement(compared=3, agreed=2).rate
    0.6666666666666666
    """

    compared: int
    agreed: int

    @property
    def rate(self) -> float | None:
        """``agreed / compared``, or None when nothing could be compared."""
        return self.agreed / self.compared if self.compared else None

    def to_dict(self) -> dict[str, object]:
        """The counts and the rate, for JSON."""
        return {"compared": self.compared, "agreed": self.agreed, "rate": self.rate}


@dataclass(frozen=True, slots=True)
class MatchedPair:
    """One incident matched to one reference event (or gold incident).

    ``reference_id`` is the reference's own id (UCDP ``id``, ACLED ``event_id_cnty``) or, for gold
    incidents, ``"<article_id>#<index>"``. ``km`` is the geodesic distance (None when a side has no
    coordinates, always None for gold); ``date_gap_days`` the days between the two date ranges (0 when
    they overlap). ``deaths`` is the dataset's figure, ``reference_deaths`` the reference's best.
    """

    incident_id: str
    reference_id: str
    km: float | None
    date_gap_days: int
    deaths: int | None
    reference_deaths: int | None

    def to_dict(self) -> dict[str, object]:
        """The pair as a JSON object."""
        return {
            "incident_id": self.incident_id,
            "reference_id": self.reference_id,
            "km": None if self.km is None else round(self.km, 3),
            "date_gap_days": self.date_gap_days,
            "deaths": self.deaths,
            "reference_deaths": self.reference_deaths,
        }


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Labelled mode: the outcome for one gold article.

    ``gold`` counts the article's labelled incidents, ``found`` the dataset rows citing the article,
    ``matched`` the article's gold incidents that were matched.
    """

    article_id: str
    gold: int
    found: int
    matched: int
    extra: int

    @property
    def missed(self) -> int:
        """Gold incidents of the article that no dataset row matched."""
        return self.gold - self.matched

    def to_dict(self) -> dict[str, object]:
        """The article's counts as a JSON object."""
        return {
            "article_id": self.article_id,
            "gold": self.gold,
            "found": self.found,
            "matched": self.matched,
            "missed": self.missed,
            "extra": self.extra,
        }


@dataclass(frozen=True, slots=True)
class Criteria:
    """The settings an evaluation ran with, kept in the report so it describes itself."""

    date_window_days: int
    max_km: float | None = None
    use_sides: bool = False
    admin1: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None

    def to_dict(self) -> dict[str, object]:
        """The settings as a JSON object."""
        return {
            "date_window_days": self.date_window_days,
            "max_km": self.max_km,
            "use_sides": self.use_sides,
            "admin1": list(self.admin1),
            "start": None if self.start is None else self.start.isoformat(),
            "end": None if self.end is None else self.end.isoformat(),
        }


@dataclass(frozen=True)
class EvaluationReport:
    """The outcome of one evaluation.

    ``incidents`` and ``reference_events`` count the rows compared (after the region and period
    filters); ``matched`` pairs are one-to-one, ``missed`` reference events have no incident and
    ``extra`` incidents have no reference event. Agreements are measured among matched pairs only.
    Deaths compare the dataset's ``deaths_best`` (for ACLED its ``fatalities``) with the reference's
    best figure: ``deaths_exact`` equal, ``deaths_within`` inside the reference's low-high range.
    ``claim_status``, ``sub_event_type`` and ``articles`` are filled in labelled mode only.

    Examples
    --------
    >>> report.matched, report.missed, report.extra  # doctest: +SKIP
    (3, 1, 2)
    """

    reference: str
    reference_format: ReferenceFormat
    criteria: Criteria
    incidents: int
    reference_events: int
    matched: int
    missed: int
    extra: int
    province: Agreement
    district: Agreement
    event_type: Agreement
    deaths_exact: Agreement
    deaths_within: Agreement
    deaths_mae_log1p: float | None
    km_median: float | None
    km_mean: float | None
    km_p90: float | None
    pairs: tuple[MatchedPair, ...] = ()
    missed_ids: tuple[str, ...] = ()
    extra_ids: tuple[str, ...] = ()
    claim_status: Agreement | None = None
    sub_event_type: Agreement | None = None
    articles: tuple[ArticleResult, ...] = field(default=())

    @property
    def precision(self) -> float | None:
        """Share of the dataset's incidents that match a reference event."""
        return self.matched / self.incidents if self.incidents else None

    @property
    def recall(self) -> float | None:
        """Share of the reference events that the dataset found."""
        return self.matched / self.reference_events if self.reference_events else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)

    def to_dict(self) -> dict[str, object]:
        """The report as plain JSON-ready values.

        Examples
        --------
        >>> json.dumps(report.to_dict())  # doctest: +SKIP
        """
        out: dict[str, object] = {
            "reference": self.reference,
            "reference_format": self.reference_format,
            "criteria": self.criteria.to_dict(),
            "incidents": self.incidents,
            "reference_events": self.reference_events,
            "matched": self.matched,
            "missed": self.missed,
            "extra": self.extra,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "province": self.province.to_dict(),
            "district": self.district.to_dict(),
            "event_type": self.event_type.to_dict(),
            "deaths_exact": self.deaths_exact.to_dict(),
            "deaths_within": self.deaths_within.to_dict(),
            "deaths_mae_log1p": self.deaths_mae_log1p,
            "km_median": self.km_median,
            "km_mean": self.km_mean,
            "km_p90": self.km_p90,
        }
        if self.claim_status is not None:
            out["claim_status"] = self.claim_status.to_dict()
        if self.sub_event_type is not None:
            out["sub_event_type"] = self.sub_event_type.to_dict()
        out["pairs"] = [pair.to_dict() for pair in self.pairs]
        out["missed_ids"] = list(self.missed_ids)
        out["extra_ids"] = list(self.extra_ids)
        if self.reference_format == "gold":
            out["articles"] = [article.to_dict() for article in self.articles]
        return out


class ReverseGeocoder(Protocol):
    """What the evaluation needs from a gazetteer: points to OCHA P-codes.

    ``reverse_many`` returns one row per point, in order, with columns ``admin1_pcode`` and
    ``admin2_pcode`` (missing where the point falls outside Afghanistan). ``gazetteer.AfghanGazetteer``
    is meant to satisfy it.
    """

    def reverse_many(self, lats: Sequence[float], lons: Sequence[float], /) -> pd.DataFrame:
        """P-codes of the admin units containing each point."""
        ...


# ------------------------------------------------------------------------------------ internal rows


@dataclass(frozen=True, slots=True)
class _Event:
    """One row of either side, reduced to what the comparison reads. Dates are proleptic ordinals."""

    id: str
    start: int | None
    end: int | None
    lat: float
    lon: float
    province: str
    district_pcode: str
    district_name: str
    deaths: int | None
    deaths_low: int | None
    deaths_high: int | None
    event_type: str
    violence: int | None
    sides: frozenset[str]
    claim_status: str = ""
    sub_event_type: str = ""
    articles: frozenset[str] = frozenset()
    # Where a gold incident came from, for per-article counts: (article_id, index) pairs.
    origins: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class _Reference:
    format: Literal["UCDP", "ACLED"]
    events: list[_Event]


# ----------------------------------------------------------------------------------- public entry points


def evaluate_against(
    dataset: gpd.GeoDataFrame,
    reference: str | PathLike[str],
    *,
    date_window_days: int = 1,
    max_km: float = 50.0,
    use_sides: bool = False,
    admin1: Sequence[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    gazetteer: ReverseGeocoder | None = None,
) -> EvaluationReport:
    """Match the dataset one-to-one with a UCDP or ACLED file and measure the agreement.

    A pair (incident, reference event) may match when their date ranges come within
    ``date_window_days`` of each other, and the points are at most ``max_km`` apart (geodesic) or the
    provinces agree, and, with ``use_sides``, the two sides name a common party. Among those pairs the
    assignment maximises the number of matches, then minimises the summed cost
    ``gap / (window + 1) + km / max_km``.

    Parameters
    ----------
    dataset
        Incidents following SCHEMA.md; needs ``incident_id``, a date (``date_start``/``date_end`` or
        ``event_date``) and a place (``latitude``/``longitude`` or point geometry, ``admin1_pcode`` or
        ``admin1``).
    reference
        A UCDP GED / Candidate Events CSV or an ACLED export CSV, recognised by its header. Rows of
        other countries are dropped (by the ``country`` column, else by Afghanistan's bounding box).
    date_window_days
        Days allowed between the two date ranges.
    max_km
        Greatest distance for a match when the provinces differ.
    use_sides
        Also require the actors to agree (``actor1``/``actor2`` against UCDP ``side_a``/``side_b`` or
        ACLED ``actor1``/``actor2``, compared by family: government, Taliban, Islamic State, ...).
    admin1
        Keep only these provinces, by name (any common spelling) or P-code, on both sides.
    start, end
        Keep only rows whose date range meets this period, on both sides.
    gazetteer
        Reverse geocoder for the reference points. With one, provinces and districts are compared by
        P-code; without one, by normalised name (districts then agree only when spelled alike).

    Returns
    -------
    EvaluationReport

    Raises
    ------
    InputError
        The reference cannot be read or is neither UCDP nor ACLED, or a setting is invalid.
    SchemaError
        The dataset lacks a column the comparison needs.

    Examples
    --------
    >>> report = evaluate_against(dataset, "ged_afg.csv", start=date(2019, 1, 1))  # doctest: +SKIP
    >>> report.recall  # doctest: +SKIP
    0.62
    """
    if date_window_days < 0:
        msg = f"date_window_days must be 0 or more, not {date_window_days!r}."
        raise InputError(msg)
    if not max_km > 0:
        msg = f"max_km must be a positive number of kilometres, not {max_km!r}."
        raise InputError(msg)
    provinces = _province_filter(admin1)
    period = _period(start, end)

    ref = _read_reference(Path(reference), gazetteer)
    deaths_columns = ("fatalities", "deaths_best") if ref.format == "ACLED" else ("deaths_best", "fatalities")
    found = _dataset_events(dataset, deaths_columns=deaths_columns, need_sides=use_sides)
    found = _keep(found, provinces, period)
    wanted = _keep(ref.events, provinces, period)
    log.info("Comparing %d incidents with %d %s events.", len(found), len(wanted), ref.format)

    candidates = _reference_candidates(
        found, wanted, window=date_window_days, max_km=max_km, use_sides=use_sides
    )
    pairs = _assign(candidates)
    criteria = Criteria(
        date_window_days=date_window_days,
        max_km=max_km,
        use_sides=use_sides,
        admin1=tuple(admin1 or ()),
        start=start,
        end=end,
    )
    return _build_report(
        found,
        wanted,
        pairs,
        reference=str(reference),
        reference_format=ref.format,
        criteria=criteria,
        compare_violence=ref.format == "UCDP",
    )


def evaluate_labelled(
    dataset: gpd.GeoDataFrame,
    gold: str | PathLike[str],
    *,
    date_window_days: int = 1,
) -> EvaluationReport:
    """Match the dataset with hand-labelled articles (the gold file format is in the module docstring).

    Only dataset rows citing a gold article are evaluated. A row may match a gold incident when it
    cites one of the incident's articles, its date range comes within ``date_window_days`` of the gold
    date and the provinces agree (or either is unknown). The assignment maximises matches, then
    prefers the same district, the same event type and the closer date. Province agreement is
    therefore 1.0 by construction; district, type, deaths, claim status and sub-event type are measured.

    Parameters
    ----------
    dataset
        Incidents following SCHEMA.md, with ``article_ids``.
    gold
        The gold JSONL file.
    date_window_days
        Days allowed between the gold date and the row's date range.

    Returns
    -------
    EvaluationReport
        With ``claim_status``, ``sub_event_type`` and one :class:`ArticleResult` per gold article.

    Raises
    ------
    InputError
        The gold file cannot be read or a line is malformed (the message names the line and field).
    SchemaError
        The dataset lacks ``article_ids`` or another needed column.

    Examples
    --------
    >>> report = evaluate_labelled(dataset, "gold.jsonl")  # doctest: +SKIP
    >>> [(a.article_id, a.missed) for a in report.articles]  # doctest: +SKIP
    [('pajhwok-0042', 0), ('tolo-0007', 1)]
    """
    if date_window_days < 0:
        msg = f"date_window_days must be 0 or more, not {date_window_days!r}."
        raise InputError(msg)
    path = Path(gold)
    articles = _read_gold(path)
    gold_events = _merge_gold(articles)
    rows = _dataset_events(dataset, deaths_columns=("deaths_best", "fatalities"), need_articles=True)
    gold_ids = set(articles)
    found = [row for row in rows if row.articles & gold_ids]
    log.info("Comparing %d incidents with %d gold incidents.", len(found), len(gold_events))

    candidates = _gold_candidates(found, gold_events, window=date_window_days)
    pairs = _assign(candidates)
    report = _build_report(
        found,
        gold_events,
        pairs,
        reference=str(gold),
        reference_format="gold",
        criteria=Criteria(date_window_days=date_window_days),
        compare_violence=False,
    )

    matched_gold = {j for _, j in pairs}
    matched_rows = {i for i, _ in pairs}
    matched_origins = {origin for j in matched_gold for origin in gold_events[j].origins}
    results = []
    for article_id, labelled in articles.items():
        citing = [i for i, row in enumerate(found) if article_id in row.articles]
        results.append(
            ArticleResult(
                article_id=article_id,
                gold=len(labelled),
                found=len(citing),
                matched=sum((article_id, k) in matched_origins for k in range(len(labelled))),
                extra=sum(i not in matched_rows for i in citing),
            )
        )
    claim = Agreement(0, 0)
    sub = Agreement(0, 0)
    for i, j in pairs:
        claim = _tally(claim, found[i].claim_status, gold_events[j].claim_status)
        sub = _tally(sub, found[i].sub_event_type, gold_events[j].sub_event_type)
    return replace(report, claim_status=claim, sub_event_type=sub, articles=tuple(results))


# ------------------------------------------------------------------------------------------- rendering


def render_table(report: EvaluationReport) -> str:
    """The report's figures as an aligned plain-text table for the terminal.

    Examples
    --------
    >>> print(render_table(report))  # doctest: +SKIP
    Evaluation against ged.csv (UCDP)
    incidents (dataset)               5
    reference events                  4
    matched                           3
    missed (in reference, not found)  1
    extra (found, not in reference)   2
    ...
    """
    rows = _figures(report)
    width = max(len(label) for label, _ in rows)
    lines = [_title(report), _settings(report)]
    lines += [f"{label.ljust(width)}  {value}" for label, value in rows]
    return "\n".join(lines)


def write_report(report: EvaluationReport, path: str | PathLike[str]) -> Path:
    """Write the report as JSON (``.json``) or a Markdown table (``.md``), atomically.

    Parameters
    ----------
    report
        The evaluation to write.
    path
        Destination; its suffix chooses the format.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    InputError
        The suffix is neither ``.json`` nor ``.md``, or the file cannot be written.

    Examples
    --------
    >>> write_report(report, "eval/ucdp-2019.md")  # doctest: +SKIP
    PosixPath('eval/ucdp-2019.md')
    """
    target = Path(path)
    kind = report_format(target)
    text = (
        json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
        if kind == "json"
        else _markdown(report)
    )
    temporary: Path | None = None
    try:
        # A temporary file beside the target, then a rename: readers never see half a report.
        descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        temporary = Path(name)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        temporary.chmod(0o644)
        temporary.replace(target)
    except OSError as exc:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        msg = f"Cannot write the report {str(target)!r}: {exc.strerror or exc}."
        raise InputError(msg) from exc
    log.info("Wrote the evaluation report to %s.", target)
    return target


def report_format(path: str | PathLike[str]) -> Literal["json", "md"]:
    """The report format a path's suffix asks for.

    Raises
    ------
    InputError
        The suffix is neither ``.json`` nor ``.md``.

    Examples
    --------
    >>> report_format("out/report.md")
    'md'
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in {".md", ".markdown"}:
        return "md"
    msg = f"Cannot write a report to {str(path)!r}: use a .json or .md file name."
    raise InputError(msg)


def _title(report: EvaluationReport) -> str:
    kind = "gold articles" if report.reference_format == "gold" else report.reference_format
    return f"Evaluation against {Path(report.reference).name} ({kind})"


def _settings(report: EvaluationReport) -> str:
    c = report.criteria
    days = "day" if c.date_window_days == 1 else "days"
    parts = [f"date window {c.date_window_days} {days}"]
    if c.max_km is not None:
        parts.append(f"max {c.max_km:g} km or same province")
    if c.use_sides:
        parts.append("sides must agree")
    if c.admin1:
        parts.append("provinces " + ", ".join(c.admin1))
    if c.start or c.end:
        first = c.start.isoformat() if c.start else "…"
        last = c.end.isoformat() if c.end else "…"
        parts.append(f"period {first} to {last}")
    return "; ".join(parts)


def _figures(report: EvaluationReport) -> list[tuple[str, str]]:
    """(label, value) rows shared by the terminal table and the Markdown report."""
    reference_label = "gold incidents" if report.reference_format == "gold" else "reference events"
    rows = [
        ("incidents (dataset)", str(report.incidents)),
        (reference_label, str(report.reference_events)),
        ("matched", str(report.matched)),
        ("missed (in reference, not found)", str(report.missed)),
        ("extra (found, not in reference)", str(report.extra)),
        ("precision", _number(report.precision, 3)),
        ("recall", _number(report.recall, 3)),
        ("F1", _number(report.f1, 3)),
        ("province agrees", _agreement(report.province)),
        ("district agrees", _agreement(report.district)),
        ("event type agrees", _agreement(report.event_type)),
    ]
    if report.sub_event_type is not None:
        rows.append(("sub-event type agrees", _agreement(report.sub_event_type)))
    if report.claim_status is not None:
        rows.append(("claim status agrees", _agreement(report.claim_status)))
    if report.reference_format != "gold":
        rows += [
            ("distance error km, median", _number(report.km_median, 1)),
            ("distance error km, mean", _number(report.km_mean, 1)),
            ("distance error km, 90th percentile", _number(report.km_p90, 1)),
        ]
    rows += [
        ("deaths equal", _agreement(report.deaths_exact)),
        ("deaths within reference low-high", _agreement(report.deaths_within)),
        ("deaths mean abs. log1p error", _number(report.deaths_mae_log1p, 3)),
    ]
    return rows


def _number(value: float | None, digits: int) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _agreement(agreement: Agreement) -> str:
    if agreement.rate is None:
        return "n/a (none comparable)"
    return f"{agreement.rate:.3f} ({agreement.agreed}/{agreement.compared})"


def _markdown(report: EvaluationReport) -> str:
    lines = [
        f"# {_title(report)}",
        "",
        f"Settings: {_settings(report)}.",
        "",
        "| figure | value |",
        "|---|---|",
    ]
    lines += [f"| {_cell(label)} | {_cell(value)} |" for label, value in _figures(report)]
    if report.articles:
        lines += ["", "## Articles", "", "| article_id | gold | found | matched | missed | extra |"]
        lines.append("|---|---:|---:|---:|---:|---:|")
        lines += [
            f"| {_cell(a.article_id)} | {a.gold} | {a.found} | {a.matched} | {a.missed} | {a.extra} |"
            for a in report.articles
        ]
    if report.pairs:
        lines += ["", "## Matched pairs", ""]
        lines.append("| incident_id | reference id | km | date gap (days) | deaths | reference deaths |")
        lines.append("|---|---|---:|---:|---:|---:|")
        for p in report.pairs:
            km = _number(p.km, 1) if p.km is not None else ""
            deaths = "" if p.deaths is None else str(p.deaths)
            ref_deaths = "" if p.reference_deaths is None else str(p.reference_deaths)
            lines.append(
                f"| {_cell(p.incident_id)} | {_cell(p.reference_id)} | {km} | {p.date_gap_days} "
                f"| {deaths} | {ref_deaths} |"
            )
    for title, ids in (("Missed (in reference, not found)", report.missed_ids), ("Extra", report.extra_ids)):
        if ids:
            lines += ["", f"## {title}", "", ", ".join(f"`{i}`" for i in ids)]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", r"\|").replace("\n", " ")


# ------------------------------------------------------------------------------------------ names


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if value is pd.NA or value is pd.NaT:
        return ""
    return str(value).strip()


def _name_key(value: object) -> str:
    """Lowercase letters only, without accents or an admin suffix: "Hirat province" -> "hirat"."""
    text = _text(value)
    if not text:
        return ""
    text = _ADMIN_SUFFIX.sub("", text.strip())
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text.casefold() if ch.isalpha())


@functools.lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    return Gazetteer()


@functools.lru_cache(maxsize=4096)
def _province_key(value: object) -> str:
    """A P-code for a province P-code or any spelling the gazetteer knows ("Herat", "Hirat province"),
    else the normalised name ("" when empty)."""
    text = _text(value).strip()
    if _PCODE.match(text):
        return text[:4].upper()
    if not text:
        return ""
    match = _gazetteer().match(_ADMIN_SUFFIX.sub("", text), levels=("province",), fuzzy=False)
    return match.place.pcode if match.place is not None else _name_key(text)


def _province_filter(admin1: Sequence[str] | None) -> frozenset[str] | None:
    if admin1 is None:
        return None
    if isinstance(admin1, str):
        admin1 = [admin1]
    keys = {_province_key(name) for name in admin1}
    unknown = [name for name in admin1 if not _PCODE.match(_province_key(name))]
    if unknown or not keys:
        msg = (
            f"Unknown province {', '.join(repr(n) for n in unknown) or 'list (empty)'} in the region filter; "
            "use an OCHA name (e.g. 'Hirat') or a P-code (e.g. 'AF32')."
        )
        raise InputError(msg)
    return frozenset(keys)


def _period(start: date | None, end: date | None) -> tuple[int | None, int | None]:
    if start is not None and end is not None and start > end:
        msg = f"The period starts after it ends: {start.isoformat()} > {end.isoformat()}."
        raise InputError(msg)
    return (start.toordinal() if start else None, end.toordinal() if end else None)


def _keep(
    events: list[_Event], provinces: frozenset[str] | None, period: tuple[int | None, int | None]
) -> list[_Event]:
    first, last = period
    kept = []
    for event in events:
        if provinces is not None and event.province not in provinces:
            continue
        if first is not None or last is not None:
            if event.start is None or event.end is None:
                continue
            if first is not None and event.end < first:
                continue
            if last is not None and event.start > last:
                continue
        kept.append(event)
    return kept


_SIDE_FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("islamic state", ("islamic state", "isis", "isil", "iskp", "is-k", "daesh", "daish")),
    ("taliban", ("taliban", "taleban", "islamic emirate")),
    (
        "afghan government",
        (
            "government of afghanistan",
            "forces of afghanistan",
            "afghan national",
            "afghan local police",
            "national directorate of security",
        ),
    ),
    ("international forces", ("united states", "us forces", "nato", "isaf", "resolute support", "coalition")),
    ("pakistan", ("pakistan",)),
    ("civilians", ("civilians",)),
)


def _side_family(name: object) -> str:
    """A coarse party for comparing UCDP, ACLED and project actor names."""
    text = _text(name).casefold().strip()
    if not text:
        return ""
    # ACLED dates its state-force actors; after August 2021 the Afghan forces are the Taliban's.
    if "(2021-)" in text.replace(" ", ""):
        return "taliban"
    text = re.sub(r"\(.*?\)", "", text).strip()
    if text in {"is", "is-k", "iskp"}:
        return "islamic state"
    for family, needles in _SIDE_FAMILIES:
        if any(needle in text for needle in needles):
            return family
    return re.sub(r"\s+", " ", text)


def _sides_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    # Unknown actors are no evidence against a match; civilians alone are too common to count.
    if not a or not b:
        return True
    return bool((a & b) - {"civilians"})


# ------------------------------------------------------------------------------------- reading


def _int_or_none(value: object) -> int | None:
    if isinstance(value, str):
        value = value.strip()
    if not isinstance(value, int | float | str | np.integer | np.floating) or value == "":
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return round(number) if math.isfinite(number) else None


def _read_reference(path: Path, gazetteer: ReverseGeocoder | None) -> _Reference:
    if not path.is_file():
        msg = f"The reference file {str(path)!r} does not exist."
        raise InputError(msg)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        msg = f"Cannot read the reference {str(path)!r} as CSV: {exc}."
        raise InputError(msg) from exc
    frame.columns = pd.Index([str(c).strip().lower() for c in frame.columns])
    columns = set(frame.columns)
    missing_ucdp = [c for c in UCDP_COLUMNS if c not in columns]
    missing_acled = [c for c in ACLED_COLUMNS if c not in columns]
    if not missing_ucdp:
        kind: Literal["UCDP", "ACLED"] = "UCDP"
    elif not missing_acled:
        kind = "ACLED"
    else:
        msg = (
            f"{str(path)!r} is neither a UCDP GED/Candidate CSV (missing {', '.join(missing_ucdp)}) "
            f"nor an ACLED export (missing {', '.join(missing_acled)})."
        )
        raise InputError(msg)

    frame = frame.reset_index(drop=True)
    # Row numbers as a spreadsheet shows them (the header is row 1), for messages.
    lines = np.arange(len(frame)) + 2
    lat = pd.to_numeric(frame["latitude"], errors="coerce").to_numpy(dtype=float, copy=True)
    lon = pd.to_numeric(frame["longitude"], errors="coerce").to_numpy(dtype=float, copy=True)
    if "country" in columns:
        keep = frame["country"].map(_name_key).eq("afghanistan").to_numpy()
    else:
        min_lon, min_lat, max_lon, max_lat = AFGHANISTAN_BBOX
        keep = (lat >= min_lat) & (lat <= max_lat) & (lon >= min_lon) & (lon <= max_lon)
    if not keep.all():
        log.info("Dropped %d reference rows outside Afghanistan.", int((~keep).sum()))
    frame, lat, lon, lines = frame.loc[keep].reset_index(drop=True), lat[keep], lon[keep], lines[keep]

    if kind == "UCDP":
        starts = _parse_dates(frame["date_start"], path, lines, "date_start")
        ends = _parse_dates(frame["date_end"], path, lines, "date_end")
        province_names = _column_text(frame, "adm_1")
        district_names = _column_text(frame, "adm_2")
        precision = pd.to_numeric(_column_series(frame, "where_prec"), errors="coerce").to_numpy(dtype=float)
        # where_prec: 1-3 place or district known, 4 province, 5+ country or worse.
        province_sure = ~(precision >= 5)
        district_sure = ~(precision >= 4)
        ids = frame["id"].tolist()
        best, low, high = frame["best"], _column_series(frame, "low"), _column_series(frame, "high")
        types = ["" for _ in ids]
        violence = [_int_or_none(v) for v in _column_series(frame, "type_of_violence")]
        side_pairs = zip(_column_text(frame, "side_a"), _column_text(frame, "side_b"), strict=True)
    else:
        starts = _parse_dates(frame["event_date"], path, lines, "event_date")
        ends = starts
        province_names = _column_text(frame, "admin1")
        district_names = _column_text(frame, "admin2")
        precision = pd.to_numeric(_column_series(frame, "geo_precision"), errors="coerce").to_numpy(
            dtype=float
        )
        # geo_precision: 1 the place itself, 2 part of a district, 3 a province or region.
        province_sure = np.ones(len(frame), dtype=bool)
        district_sure = ~(precision >= 3)
        ids = frame["event_id_cnty"].tolist()
        best = low = high = frame["fatalities"]
        types = [_label(v) for v in _column_series(frame, "event_type")]
        violence = [None for _ in ids]
        side_pairs = zip(_column_text(frame, "actor1"), _column_text(frame, "actor2"), strict=True)

    province_codes, district_codes = _reverse_geocode(gazetteer, lat, lon, province_sure, district_sure)
    events = []
    for k, (side_a, side_b) in enumerate(side_pairs):
        province = province_codes[k] or _province_key(province_names[k])
        events.append(
            _Event(
                id=str(ids[k]),
                start=starts[k],
                end=ends[k],
                lat=float(lat[k]),
                lon=float(lon[k]),
                province=province,
                district_pcode=district_codes[k],
                district_name=_name_key(district_names[k]) if district_sure[k] else "",
                deaths=_int_or_none(best.iloc[k]),
                deaths_low=_int_or_none(low.iloc[k]),
                deaths_high=_int_or_none(high.iloc[k]),
                event_type=types[k],
                violence=violence[k],
                sides=frozenset(f for f in (_side_family(side_a), _side_family(side_b)) if f),
            )
        )
    return _Reference(format=kind, events=events)


def _column_series(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name]
    return pd.Series([""] * len(frame), index=frame.index, dtype=object)


def _column_text(frame: pd.DataFrame, name: str) -> list[str]:
    return [_text(v) for v in _column_series(frame, name).tolist()]


def _label(value: object) -> str:
    return re.sub(r"\s+", " ", _text(value).casefold())


def _parse_dates(values: pd.Series, path: Path, lines: npt.NDArray[np.int_], column: str) -> list[int | None]:
    """Ordinals of ISO dates (``2019-09-14``, with or without a time) or ACLED's ``14 September 2019``."""
    text = values.astype(str).str.strip()
    parsed = pd.to_datetime(text, format="ISO8601", errors="coerce")
    spelled = pd.to_datetime(text, format="%d %B %Y", errors="coerce")
    parsed = parsed.fillna(spelled)
    bad = parsed.isna().to_numpy() & (text != "").to_numpy()
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        msg = (
            f"{str(path)!r}, row {int(lines[k])}: field {column!r} has {text.iloc[k]!r}, "
            "not a date like 2019-09-14 or 14 September 2019."
        )
        raise InputError(msg)
    return [None if pd.isna(v) else v.date().toordinal() for v in parsed]


def _reverse_geocode(
    gazetteer: ReverseGeocoder | None,
    lat: npt.NDArray[np.float64],
    lon: npt.NDArray[np.float64],
    province_sure: npt.NDArray[np.bool_],
    district_sure: npt.NDArray[np.bool_],
) -> tuple[list[str], list[str]]:
    """P-codes of the reference points, kept only where the reference's precision supports them."""
    empty = [""] * len(lat)
    if gazetteer is None or not len(lat):
        return empty, list(empty)
    located = np.isfinite(lat) & np.isfinite(lon)
    index = np.flatnonzero(located)
    try:
        found = gazetteer.reverse_many(lat[index].tolist(), lon[index].tolist())
    except GazetteerError as exc:
        log.warning("Reverse geocoding failed (%s); comparing place names instead.", exc)
        return empty, list(empty)
    if len(found) != len(index) or not {"admin1_pcode", "admin2_pcode"} <= set(found.columns):
        log.warning("The gazetteer's reverse_many answered in an unexpected shape; comparing names instead.")
        return empty, list(empty)
    provinces, districts = list(empty), list(empty)
    for k, a1, a2 in zip(index, found["admin1_pcode"].tolist(), found["admin2_pcode"].tolist(), strict=True):
        if province_sure[k]:
            provinces[k] = _province_key(a1)
        if district_sure[k]:
            districts[k] = _text(a2).upper()
    return provinces, districts


def _dataset_events(
    dataset: pd.DataFrame,
    *,
    deaths_columns: tuple[str, str],
    need_sides: bool = False,
    need_articles: bool = False,
) -> list[_Event]:
    """The dataset's rows as events; raises SchemaError naming what is missing."""
    columns = set(dataset.columns)
    missing = [c for c in ("incident_id",) if c not in columns]
    if not ({"date_start", "event_date"} & columns):
        missing.append("date_start or event_date")
    has_points = {"latitude", "longitude"} <= columns or _has_geometry(dataset)
    if not has_points:
        missing.append("latitude/longitude or geometry")
    if need_sides and not ({"actor1", "actor2"} & columns):
        missing.append("actor1/actor2 (needed to compare sides)")
    if need_articles and "article_ids" not in columns:
        missing.append("article_ids")
    if missing:
        msg = f"The dataset lacks {', '.join(missing)}; see SCHEMA.md."
        raise SchemaError(msg)

    frame = dataset.reset_index(drop=True)
    n = len(frame)
    event_dates = _dates(frame, "event_date")
    starts = [
        s if s is not None else e for s, e in zip(_dates(frame, "date_start"), event_dates, strict=True)
    ]
    ends = [e if e is not None else s for e, s in zip(_dates(frame, "date_end"), starts, strict=True)]
    lat, lon = _points(frame)
    deaths_column = next((c for c in deaths_columns if c in columns), None)
    deaths = _column_series(frame, deaths_column).tolist() if deaths_column else [None] * n
    undated = sum(s is None for s in starts)
    if undated:
        log.warning("%d dataset rows have no date and cannot match.", undated)

    a1_codes, a1_names = _column_text(frame, "admin1_pcode"), _column_text(frame, "admin1")
    a2_codes, a2_names = _column_text(frame, "admin2_pcode"), _column_text(frame, "admin2")
    actor1, actor2 = _column_text(frame, "actor1"), _column_text(frame, "actor2")
    events = []
    for k, (incident_id, article_ids) in enumerate(
        zip(frame["incident_id"].tolist(), _column_series(frame, "article_ids").tolist(), strict=True)
    ):
        events.append(
            _Event(
                id=_text(incident_id),
                start=starts[k],
                end=ends[k],
                lat=float(lat[k]),
                lon=float(lon[k]),
                province=_province_key(a1_codes[k] or a1_names[k]),
                district_pcode=a2_codes[k].upper(),
                district_name=_name_key(a2_names[k]),
                deaths=_int_or_none(deaths[k]),
                deaths_low=_int_or_none(_cell_value(frame, "deaths_low", k)),
                deaths_high=_int_or_none(_cell_value(frame, "deaths_high", k)),
                event_type=_label(_cell_value(frame, "event_type", k)),
                violence=_int_or_none(_cell_value(frame, "type_of_violence", k)),
                sides=frozenset(f for f in (_side_family(actor1[k]), _side_family(actor2[k])) if f),
                claim_status=_label(_cell_value(frame, "claim_status", k)),
                sub_event_type=_label(_cell_value(frame, "sub_event_type", k)),
                articles=frozenset(_article_ids(article_ids)),
            )
        )
    return events


def _cell_value(frame: pd.DataFrame, column: str, k: int) -> object:
    return frame[column].iat[k] if column in frame.columns else None


def _has_geometry(frame: pd.DataFrame) -> bool:
    return isinstance(frame, gpd.GeoDataFrame) and frame.active_geometry_name is not None


def _points(frame: pd.DataFrame) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Latitude and longitude: the columns where present, else the geometry in EPSG:4326."""
    n = len(frame)
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    if {"latitude", "longitude"} <= set(frame.columns):
        lat = pd.to_numeric(frame["latitude"], errors="coerce").to_numpy(dtype=float, copy=True)
        lon = pd.to_numeric(frame["longitude"], errors="coerce").to_numpy(dtype=float, copy=True)
    unplaced = ~(np.isfinite(lat) & np.isfinite(lon))
    if unplaced.any() and _has_geometry(frame):
        geometry = gpd.GeoSeries(frame.geometry)
        if geometry.crs is not None and geometry.crs.to_epsg() != 4326:
            geometry = geometry.to_crs(4326)
        points = geometry.representative_point()
        usable = unplaced & (points.notna() & ~points.is_empty).to_numpy()
        lat[usable] = points.y.to_numpy()[usable]
        lon[usable] = points.x.to_numpy()[usable]
    return lat, lon


def _dates(frame: pd.DataFrame, column: str) -> list[int | None]:
    if column not in frame.columns:
        return [None] * len(frame)
    parsed = pd.to_datetime(frame[column], errors="coerce", format="mixed")
    return [None if pd.isna(v) else v.date().toordinal() for v in parsed]


def _article_ids(value: object) -> list[str]:
    """``article_ids`` as a list, whether a list, an array or CSV's ``"; "``-joined text."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    if isinstance(value, Iterable) and not isinstance(value, bytes | Mapping):
        return [_text(v) for v in value if _text(v)]
    return []


# ----------------------------------------------------------------------------------- the gold file


def _read_gold(path: Path) -> dict[str, list[dict[str, object]]]:
    """Article id -> its labelled incidents, in file order."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        msg = f"The gold file {str(path)!r} does not exist."
        raise InputError(msg) from exc
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"Cannot read the gold file {str(path)!r}: {exc}."
        raise InputError(msg) from exc
    articles: dict[str, list[dict[str, object]]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{str(path)!r}, line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            msg = f"{where}: not valid JSON ({exc.msg}); each line must be one article object."
            raise InputError(msg) from exc
        if not isinstance(record, dict):
            msg = f"{where}: expected a JSON object for one article."
            raise InputError(msg)
        article_id = record.get("article_id")
        if not isinstance(article_id, str) or not article_id:
            msg = f"{where}: field 'article_id' must be a non-empty string."
            raise InputError(msg)
        if article_id in articles:
            msg = f"{where}: article {article_id!r} appears twice; put all its incidents on one line."
            raise InputError(msg)
        incidents = record.get("incidents")
        if not isinstance(incidents, list) or not all(isinstance(i, dict) for i in incidents):
            msg = f"{where}: field 'incidents' must be a list of objects (empty if none)."
            raise InputError(msg)
        for k, incident in enumerate(incidents):
            value = incident.get("event_date")
            try:
                date.fromisoformat(str(value))
            except ValueError as exc:
                msg = f"{where}: incidents[{k}].event_date is {value!r}, not a date like 2019-09-14."
                raise InputError(msg) from exc
        articles[article_id] = incidents
    if not articles:
        msg = f"The gold file {str(path)!r} has no articles."
        raise InputError(msg)
    return articles


def _merge_gold(articles: Mapping[str, list[dict[str, object]]]) -> list[_Event]:
    """Gold incidents, one per distinct incident: repeats across articles are merged.

    Within one article two identical labels are two incidents; across articles they are the same
    incident reported twice. So a key occurs as many times as the most it occurs in any one article.
    """
    occurrences: dict[tuple[str, str, str, str], dict[str, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for article_id, incidents in articles.items():
        for k, incident in enumerate(incidents):
            named = _text(incident.get("incident_key"))
            # the labeller's own key, when given, says which entries are one incident: two look-alike incidents
            # (same day, district and type) stay two
            key = (
                ("incident_key", named, "", "")
                if named
                else (
                    _text(incident.get("event_date")),
                    _text(incident.get("admin1_pcode")).upper(),
                    _text(incident.get("admin2_pcode")).upper(),
                    _label(incident.get("event_type")),
                )
            )
            occurrences[key][article_id].append(k)
    events = []
    for per_article in occurrences.values():
        copies = max(len(indices) for indices in per_article.values())
        for copy in range(copies):
            origins = tuple(
                (article_id, indices[copy])
                for article_id, indices in per_article.items()
                if copy < len(indices)
            )
            first_article, first_index = origins[0]
            events.append(
                _gold_event(first_article, first_index, articles[first_article][first_index], origins)
            )
    events.sort(key=lambda e: e.origins[0])
    return events


def _gold_event(
    article_id: str, index: int, incident: Mapping[str, object], origins: tuple[tuple[str, int], ...]
) -> _Event:
    day = date.fromisoformat(_text(incident.get("event_date"))).toordinal()
    return _Event(
        id=f"{article_id}#{index}",
        start=day,
        end=day,
        lat=math.nan,
        lon=math.nan,
        province=_province_key(incident.get("admin1_pcode")),
        district_pcode=_text(incident.get("admin2_pcode")).upper(),
        district_name="",
        deaths=_int_or_none(incident.get("deaths_best")),
        deaths_low=_int_or_none(incident.get("deaths_low")),
        deaths_high=_int_or_none(incident.get("deaths_high")),
        event_type=_label(incident.get("event_type")),
        violence=None,
        sides=frozenset(
            f for f in (_side_family(incident.get("actor1")), _side_family(incident.get("actor2"))) if f
        ),
        claim_status=_label(incident.get("claim_status")),
        sub_event_type=_label(incident.get("sub_event_type")),
        articles=frozenset(article for article, _ in origins),
        origins=origins,
    )


# ------------------------------------------------------------------------------------- matching


def _haversine_km(
    lat1: npt.NDArray[np.float64],
    lon1: npt.NDArray[np.float64],
    lat2: npt.NDArray[np.float64],
    lon2: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(lon2 - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    result: npt.NDArray[np.float64] = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return result


def _geodesic_km(a: _Event, b: _Event) -> float | None:
    if not all(math.isfinite(v) for v in (a.lat, a.lon, b.lat, b.lon)):
        return None
    return float(geodesic((a.lat, a.lon), (b.lat, b.lon)).km)


def _date_gap(a: _Event, b: _Event) -> int:
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return 0
    return max(0, b.start - a.end, a.start - b.end)


def _ordinals(events: Sequence[_Event]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    start = np.array([np.nan if e.start is None else e.start for e in events], dtype=float)
    end = np.array([np.nan if e.end is None else e.end for e in events], dtype=float)
    return start, end


def _reference_candidates(
    found: Sequence[_Event], wanted: Sequence[_Event], *, window: int, max_km: float, use_sides: bool
) -> list[tuple[int, int, float]]:
    """Allowed (incident, reference, cost) triples. Dates are tested as a dense block per chunk of
    incidents, distances only for the pairs that pass the date test."""
    if not found or not wanted:
        return []
    f_start, f_end = _ordinals(found)
    w_start, w_end = _ordinals(wanted)
    f_lat = np.array([e.lat for e in found])
    f_lon = np.array([e.lon for e in found])
    w_lat = np.array([e.lat for e in wanted])
    w_lon = np.array([e.lon for e in wanted])
    candidates: list[tuple[int, int, float]] = []
    for first in range(0, len(found), _CHUNK):
        rows = slice(first, first + _CHUNK)
        gap = np.maximum(
            0.0, np.maximum(w_start[None, :] - f_end[rows, None], f_start[rows, None] - w_end[None, :])
        )
        with np.errstate(invalid="ignore"):
            ii, jj = np.nonzero(gap <= window)
        ii = ii + first
        if not len(ii):
            continue
        km = _haversine_km(f_lat[ii], f_lon[ii], w_lat[jj], w_lon[jj])
        for i, j, rough, days in zip(
            ii.tolist(), jj.tolist(), km.tolist(), gap[ii - first, jj].tolist(), strict=True
        ):
            a, b = found[i], wanted[j]
            same_province = bool(a.province) and a.province == b.province
            distance = rough
            if math.isfinite(rough) and rough <= max_km * _HAVERSINE_SLACK:
                exact = _geodesic_km(a, b)
                distance = rough if exact is None else exact
            near = math.isfinite(distance) and distance <= max_km
            if not (near or same_province):
                continue
            if use_sides and not _sides_agree(a.sides, b.sides):
                continue
            place_cost = distance / max_km if math.isfinite(distance) else 1.0
            candidates.append((i, j, days / (window + 1) + place_cost))
    return candidates


def _gold_candidates(
    found: Sequence[_Event], gold: Sequence[_Event], *, window: int
) -> list[tuple[int, int, float]]:
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(found):
        for article_id in row.articles:
            by_article[article_id].append(i)
    candidates = []
    for j, incident in enumerate(gold):
        rows = sorted({i for article_id in incident.articles for i in by_article.get(article_id, [])})
        for i in rows:
            row = found[i]
            if row.start is None:
                continue
            days = _date_gap(row, incident)
            if days > window:
                continue
            if row.province and incident.province and row.province != incident.province:
                continue
            cost = days / (window + 1)
            if (
                row.district_pcode
                and incident.district_pcode
                and row.district_pcode != incident.district_pcode
            ):
                cost += 1.0
            if row.event_type and incident.event_type and row.event_type != incident.event_type:
                cost += 1.0
            candidates.append((i, j, cost))
    return candidates


def _assign(candidates: Sequence[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """A one-to-one choice of candidate pairs with the most pairs, then the least total cost.

    Each connected block of the candidate graph is solved on its own: forbidden cells cost 0 and
    allowed ones ``cost - bonus``, where the bonus exceeds any block's whole cost, so one more match
    always beats any saving in cost.
    """
    if not candidates:
        return []
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j, _ in candidates:
        parent[root(("L", i))] = root(("R", j))
    blocks: dict[tuple[str, int], list[tuple[int, int, float]]] = defaultdict(list)
    for edge in candidates:
        blocks[root(("L", edge[0]))].append(edge)

    chosen: list[tuple[int, int]] = []
    for edges in blocks.values():
        if len(edges) == 1:
            chosen.append(edges[0][:2])
            continue
        lefts = sorted({i for i, _, _ in edges})
        rights = sorted({j for _, j, _ in edges})
        row_of = {i: r for r, i in enumerate(lefts)}
        col_of = {j: c for c, j in enumerate(rights)}
        largest = max(cost for _, _, cost in edges)
        bonus = min(len(lefts), len(rights)) * (largest + 1.0) + 1.0
        matrix = np.zeros((len(lefts), len(rights)))
        allowed = np.zeros(matrix.shape, dtype=bool)
        for i, j, cost in edges:
            matrix[row_of[i], col_of[j]] = cost - bonus
            allowed[row_of[i], col_of[j]] = True
        rows, cols = linear_sum_assignment(matrix)
        chosen += [(lefts[r], rights[c]) for r, c in zip(rows, cols, strict=True) if allowed[r, c]]
    return sorted(chosen)


# ------------------------------------------------------------------------------------- figures


def _tally(agreement: Agreement, ours: str, theirs: str) -> Agreement:
    if not ours or not theirs:
        return agreement
    return Agreement(agreement.compared + 1, agreement.agreed + (ours == theirs))


def _district_agreement(agreement: Agreement, a: _Event, b: _Event) -> Agreement:
    if a.district_pcode and b.district_pcode:
        return _tally(agreement, a.district_pcode, b.district_pcode)
    return _tally(agreement, a.district_name, b.district_name)


def _build_report(
    found: Sequence[_Event],
    wanted: Sequence[_Event],
    pairs: Sequence[tuple[int, int]],
    *,
    reference: str,
    reference_format: ReferenceFormat,
    criteria: Criteria,
    compare_violence: bool,
) -> EvaluationReport:
    province = district = event_type = exact = within = Agreement(0, 0)
    log_errors: list[float] = []
    distances: list[float] = []
    matched_pairs = []
    for i, j in pairs:
        a, b = found[i], wanted[j]
        km = _geodesic_km(a, b)
        if km is not None:
            distances.append(km)
        province = _tally(province, a.province, b.province)
        district = _district_agreement(district, a, b)
        if compare_violence:
            ours = "" if a.violence is None else str(a.violence)
            theirs = "" if b.violence is None else str(b.violence)
            event_type = _tally(event_type, ours, theirs)
        else:
            event_type = _tally(event_type, a.event_type, b.event_type)
        if a.deaths is not None and b.deaths is not None:
            low = b.deaths if b.deaths_low is None else min(b.deaths_low, b.deaths)
            high = b.deaths if b.deaths_high is None else max(b.deaths_high, b.deaths)
            exact = Agreement(exact.compared + 1, exact.agreed + (a.deaths == b.deaths))
            within = Agreement(within.compared + 1, within.agreed + (low <= a.deaths <= high))
            log_errors.append(abs(math.log1p(max(a.deaths, 0)) - math.log1p(max(b.deaths, 0))))
        matched_pairs.append(
            MatchedPair(
                incident_id=a.id,
                reference_id=b.id,
                km=km,
                date_gap_days=_date_gap(a, b),
                deaths=a.deaths,
                reference_deaths=b.deaths,
            )
        )
    km_values = np.array(distances)
    matched_found = Counter(i for i, _ in pairs)
    matched_wanted = Counter(j for _, j in pairs)
    return EvaluationReport(
        reference=reference,
        reference_format=reference_format,
        criteria=criteria,
        incidents=len(found),
        reference_events=len(wanted),
        matched=len(pairs),
        missed=len(wanted) - len(pairs),
        extra=len(found) - len(pairs),
        province=province,
        district=district,
        event_type=event_type,
        deaths_exact=exact,
        deaths_within=within,
        deaths_mae_log1p=float(np.mean(log_errors)) if log_errors else None,
        km_median=float(np.median(km_values)) if distances else None,
        km_mean=float(np.mean(km_values)) if distances else None,
        km_p90=float(np.percentile(km_values, 90)) if distances else None,
        pairs=tuple(matched_pairs),
        missed_ids=tuple(e.id for j, e in enumerate(wanted) if j not in matched_wanted),
        extra_ids=tuple(e.id for i, e in enumerate(found) if i not in matched_found),
    )

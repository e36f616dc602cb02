"""Building the incident dataset: articles in, a validated GeoDataFrame out.

The stages run in one direction: articles are read (:mod:`incidents.ingest`), sentences yield mentions
(:mod:`incidents.extract`), places are resolved in context (:mod:`incidents.places`), mentions become
one report per incident per article and reports of one incident across articles merge
(:mod:`incidents.merge`), and here the incidents become rows that follow SCHEMA.md.

Until the input ends, each settled report waits in a temporary file and only a small key of it stays in
memory (:meth:`Builder.stage`); the rows are then made a chunk at a time, so a build's memory hardly grows
with its input (:class:`StagedDataset`, :func:`incidents.export.write_dataset_chunks`).
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from types import TracebackType
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from gazetteer import Gazetteer
from incidents import schema as sc
from incidents._lexicon import DENIES_INVOLVEMENT, NO_SUCH_EVENT, OWN_LOSSES, TOLL_UPDATE
from incidents._spill import ReportSpill
from incidents.actors import CIVILIANS, UNIDENTIFIED, ActorList, load_actors
from incidents.errors import SchemaError
from incidents.extract import Extractor, Mention, dateline_end, reference_date
from incidents.ingest import Article
from incidents.merge import (
    PLACE_RANK,
    SPECIFIC_SUB_EVENTS,
    Incident,
    Report,
    ReportKey,
    article_reports,
    incident_id,
    merge_keys,
)
from incidents.places import PlaceResolver, ResolvedPlace

__all__ = ["BuildStats", "Builder", "DatasetTally", "StagedDataset", "build_dataset", "province_totals"]

_ROW_CHUNK = 2_000

log = logging.getLogger(__name__)


@dataclass
class BuildStats:
    """What a build did: the figures the command line prints at the end."""

    articles_read: int = 0
    articles_skipped_existing: int = 0
    articles_without_incident: int = 0
    reports: int = 0
    incidents_new: int = 0
    incidents_merged_into_existing: int = 0

    def as_dict(self) -> dict[str, int]:
        """The figures as a plain dict."""
        return dict(self.__dict__)


@dataclass
class Builder:
    """The whole pipeline with its heavy parts loaded once (gazetteer, spaCy model, actor list).

    ``spill_dir`` is the folder of the temporary file in which settled reports wait for the end of the
    input (see :meth:`stage`); by default the system's temporary folder (``TMPDIR``).

    Examples
    --------
    >>> builder = Builder()                              # doctest: +SKIP
    >>> gdf = builder.build(read_articles("examples/articles")[0])  # doctest: +SKIP
    """

    gazetteer: Gazetteer = field(default_factory=Gazetteer)
    extractor: Extractor | None = None
    actors: ActorList = field(default_factory=load_actors)
    stats: BuildStats = field(default_factory=BuildStats)
    spill_dir: str | os.PathLike[str] | None = None

    def __post_init__(self) -> None:
        if self.extractor is None:
            self.extractor = Extractor(self.gazetteer, actors=self.actors)
        self.resolver = PlaceResolver(self.gazetteer)

    # ------------------------------------------------------------------ stages
    def reports(self, articles: Iterable[Article]) -> Iterator[Report]:
        """One report per incident per article, streamed."""
        assert self.extractor is not None
        for extraction in self.extractor.iter_extract(articles):
            self.stats.articles_read += 1
            mentions = list(extraction.mentions)
            places = self.resolver.resolve(mentions)
            reports = article_reports(
                extraction.article, mentions, places, self.actors, article_dates=extraction.dates
            )
            text = extraction.article.text
            if any(r.place is None and not r.development for r in reports):
                fallback = self.resolver.sole_province(text, skip=dateline_end(text))
                for r in reports:
                    if r.place is None and not r.development and fallback is not None:
                        r.place = fallback
            for r in reports:
                if r.place is not None and r.place.level == "province" and not r.development:
                    r.place = self.resolver.sole_district(text, r.place.admin1_pcode) or r.place
            # reports wait for the cross-article merge until the input ends (in a file, see stage): they
            # keep their sentences, not the article's whole text
            slim = replace(extraction.article, text="", published=reference_date(extraction.article))
            for r in reports:
                r.article = slim
                # settled: only the evidence (offsets and sentence) is read from the mentions from here on
                r.mentions = [_evidence_only(m) for m in r.mentions]
            if not reports:
                self.stats.articles_without_incident += 1
            self.stats.reports += len(reports)
            yield from reports

    def stage(
        self,
        articles: Iterable[Article],
        *,
        progress: Callable[[Iterable[Article]], Iterable[Article]] | None = None,
        skip: Collection[str] = frozenset(),
    ) -> StagedDataset:
        """Read every article and merge reports across articles; the rows are made later, a chunk at a time.

        Memory hardly grows with the input: each settled report goes to a temporary file (in
        ``spill_dir``, about 1.3 KB a report), and only a small key (place, dates, kind, sides, the id's
        parts; a few hundred bytes) stays in memory for the merge and the order of the rows. Close the
        result (or use it in a ``with`` block) to delete the file; it is also deleted when this raises.

        Parameters
        ----------
        articles
            Articles, e.g. from :func:`incidents.ingest.iter_articles`.
        progress
            A wrapper for the article iterable (e.g. ``tqdm``).
        skip
            Ids of articles to leave out (already in a dataset being extended).

        Returns
        -------
        StagedDataset
            The incidents in the dataset's order, with the bounds of their points.

        Examples
        --------
        >>> with Builder().stage(iter_articles(["articles.jsonl"])) as staged:  # doctest: +SKIP
        ...     write_dataset_chunks(staged.chunks(), ["incidents.parquet"], bounds=staged.bounds)
        """

        def fresh(items: Iterable[Article]) -> Iterator[Article]:
            for a in items:
                if a.id in skip:
                    self.stats.articles_skipped_existing += 1
                    continue
                yield a

        stream: Iterable[Article] = fresh(articles)
        if progress is not None:
            stream = progress(stream)
        spill = ReportSpill(self.spill_dir)
        try:
            keys = [ReportKey.of(r, spill.put(r)) for r in self.reports(stream)]
            groups = merge_keys(keys)
            del keys
            staged = StagedDataset(self, groups, spill)
        except BaseException:
            spill.close()
            raise
        self.stats.incidents_new = len(staged)
        return staged

    def build(
        self,
        articles: Iterable[Article],
        *,
        existing: gpd.GeoDataFrame | None = None,
        progress: Callable[[Iterable[Article]], Iterable[Article]] | None = None,
    ) -> gpd.GeoDataFrame:
        """Build the dataset from articles; with ``existing``, add to it (articles already in it are skipped).

        The whole dataset is returned in memory; :meth:`stage` makes it a chunk at a time.

        Parameters
        ----------
        articles
            Articles, e.g. from :func:`incidents.ingest.iter_articles`.
        existing
            A dataset to extend: new reports of an incident already in it join that row.
        progress
            A wrapper for the article iterable (e.g. ``tqdm``).

        Returns
        -------
        geopandas.GeoDataFrame
            Validated against the schema, sorted by date and place, with stable incident ids.
        """
        extend = existing is not None and len(existing) > 0
        known: set[str] = set()
        if existing is not None and extend:
            known = {a for ids in existing[sc.ARTICLE_IDS] for a in ids}
        with self.stage(articles, progress=progress, skip=known) as staged:
            if existing is not None and extend:
                frame = _merge_into_existing(existing, list(staged.rows()), self.stats)
                return sc.validate_dataset(_sorted(frame))
            return staged.frame()

    # ------------------------------------------------------------------ rows
    def row(self, inc: Incident) -> dict[str, Any]:
        """One dataset row (plain Python values) for an incident."""
        reports = inc.reports
        development = all(r.development for r in reports)
        sub = _sub_event(reports, self.actors)
        event_type = sc.EVENT_TYPE_BY_SUB_EVENT_TYPE[sub]
        disorder = sc.DISORDER_TYPE_BY_EVENT_TYPE[event_type]
        place = _best_place(reports)
        actor1 = _first(r.actor1 for r in reports)
        actor2 = _first(r.actor2 for r in reports if r.actor2 != actor1)
        assoc1 = sorted({a for r in reports for a in r.assoc_actor1} - {actor1, actor2} - {None})
        inter1 = self.actors.by_name[actor1].inter if actor1 in self.actors.by_name else None
        inter2 = self.actors.by_name[actor2].inter if actor2 in self.actors.by_name else None

        killed = [_report_deaths(r) for r in reports]
        wounded = [r.wounded for r in reports if r.wounded is not None]
        if development and not any(r.killed for r in reports):
            d_low = d_best = d_high = 0
        else:
            # a report that gives no figure says nothing of the toll: it neither lowers nor sets it
            counted = [k for r, k in zip(reports, killed, strict=True) if r.killed is not None] or killed
            d_low = min(k[0] for k in counted)
            d_best = min(k[1] for k in counted)
            d_high = max(k[2] for k in counted)
            # a later report whose toll updates the earlier ones ("the toll has risen to seven") supersedes them
            updates = [
                (r.article.published or date.min, k)
                for r, k in zip(reports, killed, strict=True)
                if r.killed is not None and any(TOLL_UPDATE.search(m.text) for m in r.mentions)
            ]
            if updates:
                _, latest = max(updates, key=lambda u: (u[0], u[1][1]))
                d_low, d_best, d_high = latest[0], latest[1], max(d_high, latest[2])
        i_low = min(w[0] for w in wounded) if wounded else None
        i_best = min(w[1] for w in wounded) if wounded else None
        i_high = max(w[2] for w in wounded) if wounded else None
        by_side = _deaths_by_side(reports, killed, actor1, actor2)

        status = _claim_status(reports, actor1)
        starts = [r.date_start for r in reports if r.date_start]
        ends = [r.date_end for r in reports if r.date_end]
        events = [r.event_date for r in reports if r.event_date]
        date_start: date | None
        date_end: date | None
        event_date: date | None
        if starts and ends and events:
            date_start, date_end, event_date = min(starts), max(ends), min(events)
            precisions = [r.time_precision for r in reports if r.time_precision]
            time_precision: int | None = 1
            if date_start != date_end:
                # a range: a week or a named range is 2, longer than a week 3
                time_precision = max([*precisions, 2 if (date_end - date_start).days <= 7 else 3])
        else:
            date_start = date_end = event_date = None
            time_precision = None
        evidence = [
            {"article_id": r.article.id, "start": m.start, "end": m.end, "text": m.text}
            for r in reports
            for m in sorted(r.mentions, key=lambda m: m.start)
        ]
        outlets = sorted({r.article.outlet for r in reports if r.article.outlet})
        named = list(dict.fromkeys(p for r in reports for p in r.named_persons))
        tov = _type_of_violence(event_type, inter1, inter2, actor2)
        row: dict[str, Any] = {
            sc.INCIDENT_ID: inc.incident_id,
            sc.ARTICLE_IDS: inc.article_ids,
            sc.NUMBER_OF_SOURCES: len(inc.article_ids),
            sc.SOURCE: "; ".join(outlets) or None,
            sc.EVENT_DATE: event_date,
            sc.DATE_START: date_start,
            sc.DATE_END: date_end,
            sc.TIME_PRECISION: time_precision,
            sc.DISORDER_TYPE: disorder,
            sc.EVENT_TYPE: event_type,
            sc.SUB_EVENT_TYPE: sub,
            sc.TYPE_OF_VIOLENCE: tov,
            "actor1": actor1,
            "assoc_actor_1": "; ".join(assoc1) or None,
            "actor2": actor2,
            "assoc_actor_2": None,
            "inter1": inter1,
            "inter2": inter2,
            sc.INTERACTION: sc.interaction_code(inter1, inter2),
            sc.NAMED_PERSONS: "; ".join(named) or None,
            sc.FATALITIES: d_low,
            sc.DEATHS_LOW: d_low,
            sc.DEATHS_BEST: d_best,
            sc.DEATHS_HIGH: d_high,
            sc.DEATHS_A: by_side.get("a"),
            sc.DEATHS_B: by_side.get("b"),
            sc.DEATHS_CIVILIANS: by_side.get("civilians"),
            sc.DEATHS_UNKNOWN: by_side.get("unknown"),
            sc.INJURED_LOW: i_low,
            sc.INJURED_BEST: i_best,
            sc.INJURED_HIGH: i_high,
            sc.CLAIM_STATUS: status,
            sc.COUNTRY: sc.COUNTRY_NAME,
            "iso3": "AFG",
            sc.EVIDENCE: evidence,
        }
        row.update(_place_columns(place))
        row[sc.NOTES] = _notes(row, reports)
        return row


def build_dataset(
    articles: Iterable[Article],
    *,
    existing: gpd.GeoDataFrame | None = None,
    gazetteer: Gazetteer | None = None,
) -> gpd.GeoDataFrame:
    """Build the incident dataset from articles (see :class:`Builder` to reuse the loaded model).

    Examples
    --------
    >>> from incidents import read_articles, build_dataset  # doctest: +SKIP
    >>> articles, rejects = read_articles("examples/articles")  # doctest: +SKIP
    >>> gdf = build_dataset(articles)  # doctest: +SKIP
    """
    builder = Builder(gazetteer=gazetteer) if gazetteer is not None else Builder()
    return builder.build(articles, existing=existing)


class StagedDataset:
    """The incidents of a build, merged and in the dataset's order, before their rows are made.

    Made by :meth:`Builder.stage`. The reports behind the incidents wait in a temporary file; the rows are
    made from them a chunk at a time (:meth:`chunks`), so a dataset of any length can be written without
    ever being whole in memory. The order (date, province, district, id) and the bounds of the points are
    known before any row is made: they come from the reports' keys, by the rules :meth:`Builder.row`
    follows, and each row is checked against its keys as it is made.

    Examples
    --------
    >>> with builder.stage(articles) as staged:             # doctest: +SKIP
    ...     len(staged), staged.bounds
    ...     frames = list(staged.chunks())
    """

    def __init__(self, builder: Builder, groups: list[list[ReportKey]], spill: ReportSpill) -> None:
        self._builder = builder
        self._spill = spill
        seen: set[str] = set()
        order_keys: list[_OrderKey] = []
        west = south = east = north = math.nan
        for group in groups:
            ident = incident_id((k.article_id, k.first_offset) for k in group)
            if ident in seen:
                msg = f"Column {sc.INCIDENT_ID!r}: duplicate incident_id {ident!r}."
                raise SchemaError(msg)
            seen.add(ident)
            place = _best_place_key(group)
            order_keys.append(
                _order_key(
                    _event_date_of(group),
                    None if place is None else place.admin1_pcode,
                    None if place is None else place.admin2_pcode,
                    ident,
                )
            )
            if place is not None:
                # the row's point: the coordinates as _place_columns rounds them
                lon, lat = round(place.longitude, 6), round(place.latitude, 6)
                west, east = _nanmin(west, lon), _nanmax(east, lon)
                south, north = _nanmin(south, lat), _nanmax(north, lat)
        del seen
        order = sorted(range(len(groups)), key=order_keys.__getitem__)
        self._groups = [groups[i] for i in order]
        #: (min lon, min lat, max lon, max lat) of the rows' points; None when no row has one.
        self.bounds: sc.Bounds | None = None if math.isnan(west) else (west, south, east, north)

    def __len__(self) -> int:
        return len(self._groups)

    @property
    def spilled_bytes(self) -> int:
        """Size of the temporary file holding the reports."""
        return self._spill.size

    def chunks(self, size: int = _ROW_CHUNK) -> Iterator[gpd.GeoDataFrame]:
        """The rows in the dataset's order, as validated frames of at most ``size`` rows.

        Together they are the frame :meth:`Builder.build` returns; ids are unique across chunks.
        """
        for rows in self._row_batches(size):
            yield sc.validate_dataset(sc.coerce_dataset(rows))

    def rows(self) -> Iterator[dict[str, Any]]:
        """The rows in the dataset's order, as plain dicts (see :meth:`Builder.row`)."""
        for rows in self._row_batches(_ROW_CHUNK):
            yield from rows

    def frame(self) -> gpd.GeoDataFrame:
        """The whole dataset in memory, validated."""
        # typed frames a chunk at a time: a dict per row costs far more than its columns
        parts = [sc.coerce_dataset(rows) for rows in self._row_batches(_ROW_CHUNK)]
        if not parts:
            return sc.validate_dataset(sc.empty_dataset())
        if len(parts) == 1:
            return sc.validate_dataset(parts[0])
        frame = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry=sc.GEOMETRY, crs=sc.CRS)
        return sc.validate_dataset(frame)

    def _row_batches(self, size: int) -> Iterator[list[dict[str, Any]]]:
        if self._spill.closed:
            msg = "The staged dataset is closed: its reports are gone; stage the articles again."
            raise ValueError(msg)
        for start in range(0, len(self._groups), size):
            rows = []
            for group in self._groups[start : start + size]:
                row = self._builder.row(Incident([self._spill.get(k.handle) for k in group]))
                _check_plan(row, group)
                rows.append(row)
            yield rows

    def close(self) -> None:
        """Delete the reports' temporary file; the rows cannot be made after this."""
        self._spill.close()

    def __enter__(self) -> StagedDataset:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


@dataclass
class DatasetTally:
    """Running totals of a dataset seen a chunk at a time: what the command line prints at the end.

    Examples
    --------
    >>> tally = DatasetTally()
    >>> tally.add(sc.empty_dataset())
    >>> tally.incidents, tally.top_provinces()
    (0, [])
    """

    incidents: int = 0
    deaths: int = 0
    wounded: int = 0
    by_province: Counter[str] = field(default_factory=Counter)
    deaths_by_province: Counter[str] = field(default_factory=Counter)

    def add(self, frame: gpd.GeoDataFrame) -> None:
        """Count a chunk of rows."""
        self.incidents += len(frame)
        if not len(frame):
            return
        self.deaths += int(frame[sc.DEATHS_BEST].fillna(0).sum())
        self.wounded += int(frame[sc.INJURED_BEST].fillna(0).sum())
        for name, best in zip(frame["admin1"], frame[sc.DEATHS_BEST], strict=True):
            if pd.isna(name):
                continue
            self.by_province[str(name)] += 1
            self.deaths_by_province[str(name)] += 0 if pd.isna(best) else int(best)

    def counted(self, frames: Iterable[gpd.GeoDataFrame]) -> Iterator[gpd.GeoDataFrame]:
        """Pass frames through, counting each."""
        for frame in frames:
            self.add(frame)
            yield frame

    def top_provinces(self, top: int = 5) -> list[tuple[str, int, int]]:
        """The provinces with the most incidents: (name, incidents, deaths)."""
        return [(n, c, self.deaths_by_province[n]) for n, c in self.by_province.most_common(top)]


# ----------------------------------------------------------------------------------------------- helpers
def _evidence_only(m: Mention) -> Mention:
    return replace(m, casualties=(), places=(), dates=(), named_persons=(), assoc_actor1=())


def _first(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)


def _report_deaths(r: Report) -> tuple[int, int, int]:
    low, best, high = r.killed if r.killed is not None else (0, 0, 0)
    if r.denies_all and not _own_losses_denied(r):
        low = 0
    elif r.denied_count and low == best:
        # a denied part leaves the low figure; when the denier gave its own lower count ("18 killed", the
        # Taliban said; "five of our soldiers", the ministry said), that count is already the low
        low = max(0, min(low, best - r.denied_count))
    return low, best, high


def _sub_event(reports: list[Report], actors: ActorList) -> str:
    types = [r.sub_event_type for r in reports if r.sub_event_type]
    for t in SPECIFIC_SUB_EVENTS:
        if t in types:
            return t
    if all(r.development for r in reports):
        return "Agreement"
    victims = {s for r in reports for s in r.killed_by_side if s != "unknown"}
    actor2 = _first(r.actor2 for r in reports)
    if (victims and victims <= {CIVILIANS}) or (not victims and actor2 == CIVILIANS):
        if "Abduction/forced disappearance" in types:
            return "Abduction/forced disappearance"
        return "Attack"
    return "Armed clash"


def _claim_status(reports: list[Report], actor1: str | None) -> str:
    """SCHEMA.md's claim status. "Nobody was killed" answers a death toll: with none reported it denies
    nothing ("five wounded ... nobody was killed"). A denial is whole only when it leaves nothing of the
    incident standing: a denier who admits an exchange of fire with one guard wounded disputes the deaths."""
    killed = [bool(r.killed and r.killed[1] > 0) for r in reports]
    contested = [
        (
            bool(r.denied_by or r.denied_count or r.denies_all or any(m.kind == "denial" for m in r.mentions))
            and (k or bool(r.denied_count) or not r.denies_all)
            and not _bystander_denies_involvement(r, actor1)
            and not _own_losses_denied(r)
        )
        or (k and r.identity_disputed)  # "villagers said the dead were civilians"
        for r, k in zip(reports, killed, strict=True)
    ]
    whole = [
        c
        # the wounded stand unless the event itself is denied ("there had been no attack")
        and (not r.wounded or any(NO_SUCH_EVENT.search(m.text) for m in _denials(r)))
        and (r.denies_all or bool(r.killed and r.denied_count and r.denied_count >= r.killed[1]))
        and _report_deaths(r)[0] == 0  # "five of our soldiers were martyred": the denier admits a toll
        for r, c in zip(reports, contested, strict=True)
    ]
    if all(whole):
        return "denied"
    if any(contested):
        return "disputed"
    if any(r.claimed_by for r in reports):
        return "claimed"
    return "reported"


def _own_losses_denied(r: Report) -> bool:
    """ "Our forces suffered no casualties" from the defenders when the only dead are the attackers: a
    statement of their own losses, which nobody disputes."""
    if not (r.denies_all and r.killed_by_side and set(r.killed_by_side) <= {r.actor1}):
        return False
    denials = _denials(r)
    return bool(denials) and all(OWN_LOSSES.search(m.text) for m in denials)


def _bystander_denies_involvement(r: Report, actor1: str | None) -> bool:
    """ "The Taliban denied their forces had any role in the killing" when nobody named them the killers:
    the incident stands as reported."""
    if r.denied_count or r.denies_all or (r.denied_by is not None and r.denied_by == actor1):
        return False
    if actor1 not in (None, UNIDENTIFIED) and r.denied_by is None:
        return False  # a named perpetrator and a denier we cannot place: it may be the perpetrator
    denials = _denials(r)
    return bool(denials) and all(DENIES_INVOLVEMENT.search(m.text) for m in denials)


def _denials(r: Report) -> list[Mention]:
    """The sentences of a report that deny something."""
    return [m for m in r.mentions if m.kind == "denial" or "denial" in m.cues]


def _deaths_by_side(
    reports: list[Report], killed: list[tuple[int, int, int]], actor1: str | None, actor2: str | None
) -> dict[str, int]:
    if not reports:
        return {}
    idx = min(range(len(killed)), key=lambda i: killed[i][1])
    sides = reports[idx].killed_by_side
    if not sides:
        return {}
    out = {"a": 0, "b": 0, "civilians": 0, "unknown": 0}
    for side, n in sides.items():
        if side == CIVILIANS:
            out["civilians"] += n
        elif side == actor1:
            out["a"] += n
        elif side == actor2:
            out["b"] += n
        else:
            out["unknown"] += n
    return out


def _type_of_violence(
    event_type: str, inter1: int | None, inter2: int | None, actor2: str | None
) -> int | None:
    if event_type in ("Strategic developments", "Protests", "Riots"):
        return None
    if actor2 == CIVILIANS or event_type == "Violence against civilians":
        return 3
    codes = {c for c in (inter1, inter2) if c is not None}
    if codes & {1, 8}:
        return 1
    if len(codes) == 2 or codes:
        return 2
    return None


def _best_place(reports: list[Report]) -> ResolvedPlace | None:
    places = [r.place for r in reports if r.place is not None]
    if not places:
        return None
    return max(places, key=lambda p: (PLACE_RANK[p.level], p.score))


def _best_place_key(keys: Sequence[ReportKey]) -> ReportKey | None:
    """The key whose place :func:`_best_place` picks for the row (keys in the incident's report order)."""
    placed = [k for k in keys if k.placed]
    if not placed:
        return None
    return max(placed, key=lambda k: (k.place_rank, k.place_score))


def _event_date_of(keys: Sequence[ReportKey]) -> date | None:
    """The row's event date as :meth:`Builder.row` sets it."""
    starts = [k.date_start for k in keys if k.date_start]
    ends = [k.date_end for k in keys if k.date_end]
    events = [k.event_date for k in keys if k.event_date]
    return min(events) if starts and ends and events else None


_OrderKey = tuple[bool, date, bool, str, bool, str, str]


def _check_plan(row: dict[str, Any], keys: Sequence[ReportKey]) -> None:
    """Refuse a row that disagrees with what its keys promised (its place in the order, its point)."""
    place = _best_place_key(keys)
    planned = (
        incident_id((k.article_id, k.first_offset) for k in keys),
        _event_date_of(keys),
        None if place is None else place.admin1_pcode,
        None if place is None else place.admin2_pcode,
        None if place is None else round(place.longitude, 6),
        None if place is None else round(place.latitude, 6),
    )
    made = (
        row[sc.INCIDENT_ID],
        row[sc.EVENT_DATE],
        row["admin1_pcode"],
        row["admin2_pcode"],
        row[sc.LONGITUDE],
        row[sc.LATITUDE],
    )
    if made != planned:
        msg = (
            f"Incident {row[sc.INCIDENT_ID]!r}: the row (id, date, province, district, point) {made} differs "
            f"from what the reports' keys planned {planned}; the order and the bounds would be wrong."
        )
        raise RuntimeError(msg)


def _order_key(event_date: date | None, admin1: str | None, admin2: str | None, ident: str) -> _OrderKey:
    """The dataset's order as a tuple: date, province, district (missing last), then the id."""
    return (
        event_date is None,
        event_date or date.min,
        admin1 is None,
        admin1 or "",
        admin2 is None,
        admin2 or "",
        ident,
    )


def _nanmin(a: float, b: float) -> float:
    return b if math.isnan(a) else min(a, b)


def _nanmax(a: float, b: float) -> float:
    return b if math.isnan(a) else max(a, b)


def _place_columns(place: ResolvedPlace | None) -> dict[str, Any]:
    if place is None:
        return {
            "admin1": None, "admin1_pcode": None, "admin2": None, "admin2_pcode": None, sc.LOCATION: None,
            sc.LOCATION_TEXT: None, sc.LATITUDE: None, sc.LONGITUDE: None, sc.GEO_PRECISION: None,
            sc.WHERE_PREC: None, sc.GEOCODE_METHOD: None, sc.GEOCODE_SCORE: None, sc.GEOMETRY: None,
        }  # fmt: skip
    lat, lon = round(place.latitude, 6), round(place.longitude, 6)
    return {
        "admin1": place.admin1,
        "admin1_pcode": place.admin1_pcode,
        "admin2": place.admin2,
        "admin2_pcode": place.admin2_pcode,
        sc.LOCATION: place.location,
        sc.LOCATION_TEXT: place.location_text,
        sc.LATITUDE: lat,
        sc.LONGITUDE: lon,
        sc.GEO_PRECISION: place.geo_precision,
        sc.WHERE_PREC: place.where_prec,
        sc.GEOCODE_METHOD: place.method,
        sc.GEOCODE_SCORE: round(place.score, 3),
        sc.GEOMETRY: Point(lon, lat),
    }


def _notes(row: dict[str, Any], reports: list[Report]) -> str:
    when = row[sc.EVENT_DATE].isoformat() if isinstance(row[sc.EVENT_DATE], date) else "On an unknown date"
    if row[sc.DATE_START] and row[sc.DATE_END] and row[sc.DATE_START] != row[sc.DATE_END]:
        when = f"Between {row[sc.DATE_START].isoformat()} and {row[sc.DATE_END].isoformat()}"
    elif isinstance(row[sc.EVENT_DATE], date):
        when = f"On {when}"
    where = "in Afghanistan (place not stated)"
    if row["admin1"]:
        parts = [p for p in (row[sc.LOCATION] if row[sc.LOCATION] not in (row["admin2"], row["admin1"]) else None,
                             row["admin2"], row["admin1"]) if p]  # fmt: skip
        where = "in " + ", ".join(dict.fromkeys(parts))
    who = row["actor1"] or "an unidentified actor"
    target = f" against {row['actor2']}" if row["actor2"] else ""
    what = row[sc.SUB_EVENT_TYPE].lower()
    deaths = row[sc.DEATHS_BEST]
    if row[sc.DEATHS_LOW] != row[sc.DEATHS_HIGH]:
        killed = f"{row[sc.DEATHS_LOW]}-{row[sc.DEATHS_HIGH]} killed (best estimate {deaths})"
    else:
        killed = f"{deaths} killed"
    injured = f", {row[sc.INJURED_BEST]} wounded" if row[sc.INJURED_BEST] else ""
    dispute = ""
    if row[sc.CLAIM_STATUS] in ("disputed", "denied"):
        denier = _first(r.denied_by for r in reports)
        dispute = f"; {denier or 'a party'} {'denies it' if row[sc.CLAIM_STATUS] == 'denied' else 'disputes part of it'}"
    elif row[sc.CLAIM_STATUS] == "claimed":
        dispute = f"; claimed by {_first(r.claimed_by for r in reports) or row['actor1']}"
    if row[sc.EVENT_TYPE] == "Strategic developments":
        return f"{when} {where}: {who}, {what} (strategic development), no casualties reported."
    return f"{when} {where}: {who} ({what}){target}; {killed}{injured}{dispute}."


def _sorted(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if not len(frame):
        return frame
    key = frame[[sc.EVENT_DATE, "admin1_pcode", "admin2_pcode", sc.INCIDENT_ID]].copy()
    order = key.sort_values(
        [sc.EVENT_DATE, "admin1_pcode", "admin2_pcode", sc.INCIDENT_ID], na_position="last", kind="stable"
    ).index
    return frame.loc[order].reset_index(drop=True)


_Key = tuple[str, str | None, str]


def _sides(actor1: Any, actor2: Any) -> set[str]:
    return {str(a) for a in (actor1, actor2) if isinstance(a, str) and a and a != UNIDENTIFIED}


def _existing_index(frame: gpd.GeoDataFrame) -> dict[_Key, list[tuple[Any, date, date, set[str]]]]:
    """Existing placed, dated rows by (province, district, event type): what a new report may join."""
    index: dict[_Key, list[tuple[Any, date, date, set[str]]]] = {}
    for idx, a1, a2, etype, start, end, actor1, actor2 in zip(
        frame.index,
        frame["admin1_pcode"],
        frame["admin2_pcode"],
        frame[sc.EVENT_TYPE],
        frame[sc.DATE_START],
        frame[sc.DATE_END],
        frame["actor1"],
        frame["actor2"],
        strict=True,
    ):
        if pd.isna(a1) or pd.isna(start) or pd.isna(end):
            continue
        key = (str(a1), None if pd.isna(a2) else str(a2), str(etype))
        index.setdefault(key, []).append((idx, start.date(), end.date(), _sides(actor1, actor2)))
    return index


def _matching_row(index: dict[_Key, list[tuple[Any, date, date, set[str]]]], row: dict[str, Any]) -> Any:
    """The existing row a new one reports again: same place and kind, dates that meet, sides that agree
    (the rule of :func:`incidents.merge.merge_reports`)."""
    if row["admin1_pcode"] is None or row[sc.DATE_START] is None:
        return None
    sides = _sides(row["actor1"], row["actor2"])
    for idx, start, end, old_sides in index.get(
        (row["admin1_pcode"], row["admin2_pcode"], row[sc.EVENT_TYPE]), []
    ):
        if not (
            start - timedelta(days=1) <= row[sc.DATE_END] and row[sc.DATE_START] <= end + timedelta(days=1)
        ):
            continue
        if (
            sides
            and old_sides
            and (not sides & old_sides or (len(sides) == len(old_sides) == 2 and sides != old_sides))
        ):
            continue
        return idx
    return None


def _merge_into_existing(
    existing: gpd.GeoDataFrame, rows: list[dict[str, Any]], stats: BuildStats
) -> gpd.GeoDataFrame:
    """Join new rows to existing incidents they report again; append the others."""
    old = existing.copy()
    index = _existing_index(old)
    additions = []
    for row in rows:
        target = _matching_row(index, row)
        if target is None:
            additions.append(row)
            continue
        stats.incidents_merged_into_existing += 1
        ids = sorted(set(old.at[target, sc.ARTICLE_IDS]) | set(row[sc.ARTICLE_IDS]))
        old.at[target, sc.ARTICLE_IDS] = ids
        old.at[target, sc.NUMBER_OF_SOURCES] = len(ids)
        for col, fn in (
            (sc.DEATHS_LOW, min),
            (sc.DEATHS_BEST, min),
            (sc.DEATHS_HIGH, max),
            (sc.FATALITIES, min),
        ):
            old.at[target, col] = fn(int(old.at[target, col]), int(row[col]))
        evidence = json.loads(old.at[target, sc.EVIDENCE]) + row[sc.EVIDENCE]
        old.at[target, sc.EVIDENCE] = sc.evidence_json(evidence)
        sources = {s for s in str(old.at[target, sc.SOURCE] or "").split("; ") if s and s != "<NA>"}
        sources |= {s for s in (row[sc.SOURCE] or "").split("; ") if s}
        old.at[target, sc.SOURCE] = "; ".join(sorted(sources)) or pd.NA
    stats.incidents_new = len(additions)
    if not additions:
        return sc.validate_dataset(old)
    new = sc.coerce_dataset(additions)
    return sc.validate_dataset(gpd.GeoDataFrame(pd.concat([old, new], ignore_index=True), crs=sc.CRS))


def province_totals(frame: gpd.GeoDataFrame, top: int = 5) -> list[tuple[str, int, int]]:
    """The provinces with the most incidents: (name, incidents, deaths)."""
    tally = DatasetTally()
    tally.add(frame)
    return tally.top_provinces(top)

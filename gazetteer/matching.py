"""Matching place names to Afghan provinces, districts, towns and villages.

:class:`Gazetteer` is the engine: exact and alias matches on normalised names first, fuzzy matching
(rapidfuzz) above a calibrated threshold second, context (a province or district named nearby) to
resolve ambiguous names, and a point-in-polygon reverse lookup. It knows nothing about news.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from rapidfuzz import fuzz, process
from shapely.geometry.base import BaseGeometry

from gazetteer._data import GazetteerTables, load_tables
from gazetteer.normalize import name_key, name_keys

__all__ = [
    "FUZZY_THRESHOLD",
    "FUZZY_THRESHOLD_IN_CONTEXT",
    "LEVELS",
    "Gazetteer",
    "Match",
    "Place",
]

log = logging.getLogger(__name__)

Level = Literal["province", "district", "town", "village"]
Method = Literal["exact", "alias", "fuzzy"]
Status = Literal["matched", "ambiguous", "not_found"]

#: Levels from the widest to the narrowest; without a hint the widest matching unit wins.
LEVELS: tuple[Level, ...] = ("province", "district", "town", "village")
_RANK = {lvl: i for i, lvl in enumerate(LEVELS)}
_ALL_LEVELS: frozenset[Level] = frozenset(LEVELS)

#: Minimum rapidfuzz ratio (0-100) for a fuzzy match with no context, and within a named province
#: or district. Calibrated on the variant spellings of the sources: see scripts/calibrate_fuzzy.py
#: and gazetteer/data/README.md.
FUZZY_THRESHOLD = 95.0
FUZZY_THRESHOLD_IN_CONTEXT = 86.0
_MIN_FUZZY_KEY = 4
_BIG_CITY = 100_000
_WORD = re.compile(r"\w+")

_PCODE = re.compile(r"^AF\d{2}(\d{2})?$")
_HINTS: dict[str, Level] = {
    "province": "province",
    "provinces": "province",
    "wilayat": "province",
    "welayat": "province",
    "velayat": "province",
    "district": "district",
    "wuleswali": "district",
    "woluswali": "district",
    "uluswali": "district",
    "city": "town",
    "town": "town",
    "village": "village",
    "ولایت": "province",
    "ولسوالی": "district",
    "شهر": "town",
    "قریه": "village",
}

# An admin level word ("X district") says which level, not which place: the level hint handles it, and it
# must not make "X District" (a GeoNames alias of one of two districts named X) look decisive. "City" stays:
# "Kabul city" is a curated name of Kabul's district.
_ADMIN_HINTS = frozenset(w for w, lvl in _HINTS.items() if lvl in ("province", "district"))
_HINT_WORDS = re.compile(
    r"\b(?:" + "|".join(map(re.escape, sorted(_ADMIN_HINTS, key=len, reverse=True))) + r")\b", re.IGNORECASE
)

_SCORES: dict[str, float] = {"official": 1.0, "curated": 0.95, "alias": 0.95}


@dataclass(frozen=True, slots=True)
class Place:
    """One place of the gazetteer.

    ``pcode`` is the OCHA P-code of a province or district, or the gazetteer's id of a town
    (``geonames:<id>``) or village (``village:<n>``).
    """

    pcode: str
    name: str
    level: Level
    admin1: str
    admin1_pcode: str
    admin2: str | None
    admin2_pcode: str | None
    latitude: float
    longitude: float
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    """The answer to one query: a place, several candidates, or nothing.

    ``status`` is ``"matched"`` (``place`` is set), ``"ambiguous"`` (``candidates`` lists the places the
    name could be; no guess is made) or ``"not_found"``.
    """

    query: str
    status: Status
    place: Place | None = None
    method: Method | None = None
    score: float = 0.0
    matched_name: str | None = None
    candidates: tuple[Place, ...] = ()
    geometry: BaseGeometry | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """True when the query resolved to one place."""
        return self.status == "matched"


@dataclass(frozen=True, slots=True)
class _Entry:
    target: str
    level: Level
    kind: str
    name: str


@dataclass(frozen=True, slots=True)
class _Context:
    admin1: frozenset[str]
    admin2: frozenset[str]

    @property
    def empty(self) -> bool:
        return not self.admin1 and not self.admin2


_NO_CONTEXT = _Context(frozenset(), frozenset())
_HINT_SCREEN = re.compile("|".join(sorted(map(re.escape, _HINTS), key=len, reverse=True)))


class Gazetteer:
    """An offline gazetteer of Afghanistan's provinces, districts, towns and villages.

    Parameters
    ----------
    data_dir
        Folder with the built tables; the package's own data by default.

    Examples
    --------
    >>> gaz = Gazetteer()
    >>> gaz.match("Dara-e-Soof Payeen", context=["Samangan"]).place.pcode
    'AF2006'
    """

    def __init__(self, data_dir: str | Path | None = None) -> None:
        tables = load_tables(Path(data_dir) if data_dir is not None else None)
        self._tables = tables
        self._places: dict[str, Place] = {}
        self._geometry: dict[str, BaseGeometry] = {}
        self._build_places(tables)
        self._by_key: dict[str, list[_Entry]] = {}
        self._by_full_key: dict[str, list[_Entry]] = {}
        self._build_index(tables.names)
        # names of foreign places that no Afghan place shares (those that do are judged per match)
        foreign_keys: list[str] = tables.foreign["key"].tolist()
        self._foreign: frozenset[str] = frozenset(set(foreign_keys) - self._by_key.keys())
        self._foreign_population: dict[str, int] = dict(
            zip(foreign_keys, tables.foreign["population"].astype(int).tolist(), strict=True)
        )
        places = tables.places
        self._town_population: dict[str, int] = dict(
            zip(places["place_id"].tolist(), places["population"].astype(int).tolist(), strict=True)
        )
        self._choices_all: list[str] = sorted(
            k for k, entries in self._by_key.items() if any(e.level != "village" for e in entries)
        )
        self._district_geoms = np.asarray(tables.districts.geometry.values)
        self._district_pcodes = tables.districts["pcode"].to_numpy()
        self._tree = shapely.STRtree(self._district_geoms)
        self._unit_names = {c: p.name for c, p in self._places.items() if p.level in ("province", "district")}
        self._ctx_cache: dict[tuple[frozenset[str], frozenset[str]], list[str]] = {}
        self._unit_keys: dict[str, set[str]] | None = None  # P-code -> keys of places in it, on demand
        # foreign keys by length: a fuzzy match only needs those whose length allows its score
        self._foreign_by_len: dict[int, list[str]] = {}
        for k in sorted(self._foreign):
            self._foreign_by_len.setdefault(len(k), []).append(k)
        # keys that only villages have, by length: no choices without context, but see _village_elsewhere
        self._village_by_len: dict[int, list[str]] = {}
        for k in sorted(set(self._by_key) - set(self._choices_all)):
            self._village_by_len.setdefault(len(k), []).append(k)

    # ------------------------------------------------------------------ building
    def _build_places(self, t: GazetteerTables) -> None:
        # Columns go through .tolist(): iterating Arrow-backed pandas columns (itertuples, zip over a
        # Series) costs ~10x more and dominated load time.
        prov_names = dict(zip(t.provinces["pcode"].tolist(), t.provinces["name"].tolist(), strict=True))
        dist_names = dict(zip(t.districts["pcode"].tolist(), t.districts["name"].tolist(), strict=True))
        for pcode, name, lat, lon, geom in zip(
            t.provinces["pcode"].tolist(),
            t.provinces["name"].tolist(),
            t.provinces["rep_lat"].tolist(),
            t.provinces["rep_lon"].tolist(),
            t.provinces.geometry.tolist(),
            strict=True,
        ):
            self._places[pcode] = Place(pcode, name, "province", name, pcode, None, None, lat, lon)
            self._geometry[pcode] = geom
        for pcode, name, adm1, lat, lon, geom in zip(
            t.districts["pcode"].tolist(),
            t.districts["name"].tolist(),
            t.districts["admin1_pcode"].tolist(),
            t.districts["rep_lat"].tolist(),
            t.districts["rep_lon"].tolist(),
            t.districts.geometry.tolist(),
            strict=True,
        ):
            province = prov_names[adm1]
            self._places[pcode] = Place(pcode, name, "district", province, adm1, name, pcode, lat, lon)
            self._geometry[pcode] = geom
        columns = ("place_id", "name", "level", "admin1_pcode", "admin2_pcode", "lat", "lon")
        for pid, name, level, adm1, adm2, lat, lon, mismatch in zip(
            *(t.places[c].tolist() for c in columns), t.places["district_mismatch"].tolist(), strict=True
        ):
            flags = ("district_mismatch",) if mismatch else ()
            province, district = prov_names[adm1], dist_names[adm2]
            self._places[pid] = Place(
                pid, name, level, province, adm1, district, adm2, float(lat), float(lon), flags
            )

    def _build_index(self, names: pd.DataFrame) -> None:
        for key, full, name, target, level, kind in zip(
            *(names[c].tolist() for c in ("key", "key_full", "name", "target", "level", "kind")), strict=True
        ):
            entry = _Entry(target, level, kind, name)
            self._by_key.setdefault(key, []).append(entry)
            self._by_full_key.setdefault(full, []).append(entry)

    # ------------------------------------------------------------------ accessors
    @property
    def provinces(self) -> gpd.GeoDataFrame:
        """The 34 provinces (OCHA COD-AB 2018) as a GeoDataFrame in EPSG:4326."""
        return self._tables.provinces.copy()

    @property
    def districts(self) -> gpd.GeoDataFrame:
        """The 399 districts (OCHA COD-AB 2018) as a GeoDataFrame in EPSG:4326."""
        return self._tables.districts.copy()

    @property
    def places(self) -> pd.DataFrame:
        """Towns (GeoNames) and villages with their containing district P-codes."""
        return self._tables.places.copy()

    def place(self, pcode: str) -> Place:
        """Return the place with this P-code or gazetteer id.

        Examples
        --------
        >>> Gazetteer().place("AF20").name
        'Samangan'
        """
        try:
            return self._places[pcode]
        except KeyError:
            msg = f"No place with code {pcode!r} in the gazetteer."
            raise KeyError(msg) from None

    def polygon(self, pcode: str) -> BaseGeometry | None:
        """The boundary polygon of a province or district, None for towns and villages."""
        return self._geometry.get(pcode)

    def is_foreign(self, name: str) -> bool:
        """True when ``name`` is a known place outside Afghanistan and no Afghan place has that name.

        Examples
        --------
        >>> Gazetteer().is_foreign("Peshawar")
        True
        """
        key = name_key(name)
        return key in self._foreign and key not in self._by_key

    # ------------------------------------------------------------------ matching
    def resolve_context(self, context: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
        """Resolve names or P-codes of provinces and districts given as context.

        Returns the P-codes of the provinces and districts they name (districts also add their province).
        """
        ctx = self._context(context)
        return ctx.admin1, ctx.admin2

    def _context(self, context: Iterable[str] | None) -> _Context:
        if not context:
            return _NO_CONTEXT
        admin1: set[str] = set()
        admin2: set[str] = set()
        for raw in context or ():
            item = raw.strip()
            if not item:
                continue
            if _PCODE.match(item.upper()):
                code = item.upper()
                if code in self._places:
                    (admin1 if len(code) == 4 else admin2).add(code)
                continue
            m = self.match(item, levels=("province", "district"), fuzzy=False)
            if m.place is not None:
                if m.place.level == "province":
                    admin1.add(m.place.pcode)
                else:
                    admin2.add(m.place.pcode)
            else:
                # An ambiguous context name still narrows: keep provinces named exactly.
                admin1.update(c.pcode for c in m.candidates if c.level == "province")
        admin1.update(self._places[d].admin1_pcode for d in admin2)
        return _Context(frozenset(admin1), frozenset(admin2))

    @staticmethod
    def _fits(place: Place, ctx: _Context) -> bool:
        if place.level == "province":
            return place.pcode in ctx.admin1
        return place.admin2_pcode in ctx.admin2 or place.admin1_pcode in ctx.admin1

    def match(
        self,
        name: str,
        *,
        context: Iterable[str] | None = None,
        levels: Sequence[Level] | None = None,
        fuzzy: bool = True,
    ) -> Match:
        """Match one place name.

        Parameters
        ----------
        name
            The name as written (any spelling, Latin or Arabic script; generic words allowed).
        context
            Names or P-codes of provinces or districts mentioned nearby; they resolve ambiguous
            names and are required for villages.
        levels
            Restrict the answer to these levels.
        fuzzy
            Allow fuzzy matching when no exact or alias match exists.

        Returns
        -------
        Match
            ``status`` says whether one place, several candidates, or nothing was found.

        Examples
        --------
        >>> gaz = Gazetteer()
        >>> gaz.match("Anar Dara", context=["Farah"]).place.pcode
        'AF3307'
        >>> gaz.match("Peshawar").status
        'not_found'
        """
        ctx = self._context(context) if context else _NO_CONTEXT
        allowed = frozenset(levels) if levels else _ALL_LEVELS
        hint = self._hint(name)
        key, full = name_keys(name)
        bare_name = _HINT_WORDS.sub(" ", name)
        if bare_name != name:  # the full key is that of the name without its admin level words
            full = name_key(bare_name, keep_generic=True)
        full_result: Match | None = None
        for index, probe in ((self._by_full_key, full), (self._by_key, key)):
            entries = index.get(probe)
            if not entries:
                continue
            if allowed is not _ALL_LEVELS:
                entries = [e for e in entries if e.level in allowed]
            if index is self._by_full_key and ctx is not _NO_CONTEXT and not ctx.empty:
                # the spelling with its generic words is only decisive when it agrees with the context
                entries = [e for e in entries if self._fits(self._places[e.target], ctx)]
            result = self._decide(name, entries, ctx, hint, fuzzy_score=None)
            if result is None:
                continue
            decisive = result.place is not None and hint in (None, "town", "village", result.place.level)
            if index is self._by_full_key and not decisive:
                # The full spelling decides unless it is ambiguous or contradicts an admin level word;
                # then the bare key may decide ("Bihsud District" names two districts, one officially
                # "Behsud"; "Yangi Qaleh District" is also a town), provided it agrees.
                full_result = result
                continue
            if full_result is not None and result.place is not None:
                agrees = result.place in full_result.candidates or (
                    full_result.place is not None and result.place.level == hint
                )
                result = result if agrees else full_result
            return self._unless_foreign(result, key)
        if full_result is not None:
            return full_result
        if key in self._foreign:
            return Match(name, "not_found")
        if fuzzy and len(key) >= _MIN_FUZZY_KEY:
            return self._fuzzy(name, key, ctx, allowed, hint)
        return Match(name, "not_found")

    @staticmethod
    def _hint(name: str) -> Level | None:
        folded = name.casefold()
        if not _HINT_SCREEN.search(folded):
            return None
        for token in _WORD.findall(folded):
            if token in _HINTS:
                return _HINTS[token]
        return None

    def _unless_foreign(self, result: Match, key: str) -> Match:
        """A small Afghan town that shares its name with a big foreign city is taken as the city."""
        population = self._foreign_population.get(key, 0)
        if population < _BIG_CITY:  # most keys: no foreign place, or a small one
            return result
        place = result.place
        small = place is not None and self._town_population.get(place.pcode, 0) * 10 < population
        if place is not None and place.level in ("town", "village") and small:
            return Match(result.query, "not_found")
        return result

    def _decide(
        self,
        query: str,
        entries: Sequence[_Entry],
        ctx: _Context,
        hint: Level | None,
        fuzzy_score: float | None,
    ) -> Match | None:
        """Pick one place among the entries sharing a key, or report them as ambiguous."""
        if not entries:
            return None
        best_kind: dict[str, _Entry]
        if len(entries) == 1:  # most keys
            best_kind = {entries[0].target: entries[0]}
        else:
            best_kind = {}
            for e in entries:
                prev = best_kind.get(e.target)
                if prev is None or (prev.kind != "official" and e.kind == "official"):
                    best_kind[e.target] = e
        if ctx is not _NO_CONTEXT and not ctx.empty:
            places = [self._places[t] for t in best_kind]
            fitting = [p for p in places if self._fits(p, ctx)]
            # context contradicts every candidate: villages need support, the rest may stand
            places = fitting or [p for p in places if p.level != "village"]
        else:
            places = [p for t in best_kind if (p := self._places[t]).level != "village"]
        if not places:
            return None
        if len(places) > 1:  # the tie-breaks (each keeps a lone place)
            if hint is not None and any(p.level == hint for p in places):
                places = [p for p in places if p.level == hint]
            top = min(_RANK[p.level] for p in places)
            places = [p for p in places if _RANK[p.level] == top]
            # an official name outranks the same spelling given as an alias of a neighbour
            official = [p for p in places if best_kind[p.pcode].kind in ("official", "curated")]
            places = official or places
            if len(places) > 1 and top == _RANK["village"] and ctx.admin2:
                in_district = [p for p in places if p.admin2_pcode in ctx.admin2]
                places = in_district or places
            places.sort(key=lambda p: p.pcode)
            if len(places) > 1:
                return Match(query, "ambiguous", candidates=tuple(places))
        place = places[0]
        entry = best_kind[place.pcode]
        if fuzzy_score is not None:
            method: Method = "fuzzy"
            score = round(fuzzy_score / 100.0 * 0.9, 3)
        else:
            method = "exact" if entry.kind == "official" else "alias"
            score = _SCORES.get(entry.kind, 0.9)
        if place.level == "village" and "district_mismatch" in place.flags:
            score = round(score * 0.8, 3)
        return Match(
            query,
            "matched",
            place=place,
            method=method,
            score=score,
            matched_name=entry.name,
            geometry=self._geometry.get(place.pcode),
        )

    def _fuzzy(
        self, query: str, key: str, ctx: _Context, allowed: frozenset[Level], hint: Level | None
    ) -> Match:
        if ctx.empty:
            choices: Sequence[str] = self._choices_all
            threshold = FUZZY_THRESHOLD
        else:
            choices = self._context_choices(ctx)
            threshold = FUZZY_THRESHOLD_IN_CONTEXT
        hits = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=5)
        if not hits:
            return Match(query, "not_found")
        best = hits[0][1]
        # a name closer to a foreign place than to any Afghan one is foreign
        if self._keys_within(key, best, self._foreign_by_len, limit=1):
            return Match(query, "not_found")
        tied = [h[0] for h in hits if h[1] >= best - 1e-9]
        entries = [e for k in tied for e in self._by_key[k] if e.level in allowed]
        result = self._decide(query, entries, ctx, hint, fuzzy_score=best)
        if result is None:
            return Match(query, "not_found")
        if ctx.empty and result.place is not None and self._village_elsewhere(key, best, result.place):
            return Match(query, "not_found")
        return result

    def _village_elsewhere(self, key: str, score: float, place: Place) -> bool:
        """True when a village outside ``place`` has a key scoring at least ``score`` against ``key``.

        Without context villages are no choices, yet the query may be one's name: "Dasht-e Barchi", a village
        of Kabul, is nearer to it than to the district Dasht-e-Archi of Kunduz. The name is then left unplaced
        rather than misplaced. A village inside the answer (one named like its district) changes nothing.
        """
        for village_key in self._keys_within(key, score, self._village_by_len):
            for e in self._by_key[village_key]:
                village = self._places[e.target]
                if place.level == "province":
                    if village.admin1_pcode != place.pcode:
                        return True
                elif village.admin2_pcode != place.admin2_pcode:
                    return True
        return False

    @staticmethod
    def _keys_within(
        key: str, score: float, by_len: dict[int, list[str]], *, limit: int | None = None
    ) -> list[str]:
        """The keys of ``by_len`` (keys grouped by length) that score at least ``score`` against ``key``."""
        # ratio <= 200 * min(n, m) / (n + m), so lengths outside [lo, hi] cannot reach the score
        n = len(key)
        lo, hi = math.floor(n * score / (200 - score)), math.ceil(n * (200 - score) / max(score, 1e-9))
        found: list[str] = []
        for m in range(lo, hi + 1):
            if m in by_len:
                hits = process.extract(key, by_len[m], scorer=fuzz.ratio, score_cutoff=score, limit=limit)
                found.extend(h[0] for h in hits)
                if limit is not None and len(found) >= limit:
                    break
        return found

    def _context_choices(self, ctx: _Context) -> list[str]:
        cache_key = (ctx.admin1, ctx.admin2)
        cached = self._ctx_cache.get(cache_key)
        if cached is not None:
            return cached
        if self._unit_keys is None:
            # one pass over the index instead of one per context: the keys of the places in each unit
            # (a province by its own code; everything else by its province and district codes)
            self._unit_keys = {}
            for k, entries in self._by_key.items():
                for e in entries:
                    p = self._places[e.target]
                    units = (p.pcode,) if p.level == "province" else (p.admin1_pcode, p.admin2_pcode)
                    for unit in units:
                        self._unit_keys.setdefault(str(unit), set()).add(k)
        keys = sorted(set().union(*(self._unit_keys.get(u, set()) for u in ctx.admin1 | ctx.admin2)))
        if len(self._ctx_cache) > 4096:
            self._ctx_cache.clear()
        self._ctx_cache[cache_key] = keys
        return keys

    # ------------------------------------------------------------------ reverse
    def reverse(self, latitude: float, longitude: float) -> Place | None:
        """The district containing a point, or None outside Afghanistan.

        Examples
        --------
        >>> Gazetteer().reverse(36.03, 67.26).pcode  # doctest: +SKIP
        'AF2006'
        """
        hits = self._tree.query(shapely.points(float(longitude), float(latitude)), predicate="intersects")
        if not len(hits):
            return None
        return self._places[str(min(self._district_pcodes[hits]))]  # on a border: the lowest P-code

    def reverse_many(
        self, latitudes: Sequence[float] | np.ndarray, longitudes: Sequence[float] | np.ndarray
    ) -> pd.DataFrame:
        """Vectorised reverse lookup: the district and province containing each point.

        Uses a spatial index (STRtree); a point on a shared border takes the district with the lowest P-code.

        Returns
        -------
        pandas.DataFrame
            One row per point, in order: ``admin1_pcode``, ``admin1``, ``admin2_pcode``, ``admin2``
            (missing outside Afghanistan).

        Examples
        --------
        >>> Gazetteer().reverse_many([34.52], [69.18])["admin1_pcode"].tolist()
        ['AF01']
        """
        lat = np.asarray(latitudes, dtype="float64")
        lon = np.asarray(longitudes, dtype="float64")
        if lat.shape != lon.shape:
            msg = f"latitudes and longitudes differ in length: {lat.shape} vs {lon.shape}."
            raise ValueError(msg)
        points = shapely.points(lon, lat)
        src, dst = self._tree.query(points, predicate="intersects")
        codes = np.full(len(lat), None, dtype=object)
        if len(src):
            order = np.lexsort((self._district_pcodes[dst], src))
            src, dst = src[order], dst[order]
            first = np.r_[True, src[1:] != src[:-1]]
            codes[src[first]] = self._district_pcodes[dst[first]]
        admin2 = pd.array(codes, dtype="string")
        frame = pd.DataFrame({"admin2_pcode": admin2})
        frame["admin1_pcode"] = frame["admin2_pcode"].str.slice(0, 4)
        names = self._unit_names
        frame["admin1"] = frame["admin1_pcode"].map(names).astype("string")
        frame["admin2"] = frame["admin2_pcode"].map(names).astype("string")
        return frame[["admin1_pcode", "admin1", "admin2_pcode", "admin2"]]

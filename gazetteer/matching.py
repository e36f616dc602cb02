"""Matching place names to Afghan provinces, districts, towns and villages.

:class:`Gazetteer` is the engine: exact and alias matches on normalised names first, fuzzy matching
(rapidfuzz) above a calibrated threshold second, context (a province or district named nearby) to
resolve ambiguous names, and a point-in-polygon reverse lookup. It knows nothing about news.
"""

from __future__ import annotations

import logging
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
from gazetteer.normalize import name_key

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

#: Minimum rapidfuzz ratio (0-100) for a fuzzy match with no context, and within a named province
#: or district. Calibrated on the variant spellings of the sources: see scripts/calibrate_fuzzy.py
#: and gazetteer/data/README.md.
FUZZY_THRESHOLD = 88.0
FUZZY_THRESHOLD_IN_CONTEXT = 80.0
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

_SCORES: dict[str, float] = {"official": 1.0, "alias": 0.95}


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
        self._foreign: frozenset[str] = frozenset(set(tables.foreign["key"]) - self._by_key.keys())
        self._foreign_population: dict[str, int] = dict(
            zip(tables.foreign["key"], tables.foreign["population"].astype(int), strict=True)
        )
        self._town_population: dict[str, int] = dict(
            zip(tables.places["place_id"], tables.places["population"].astype(int), strict=True)
        )
        self._choices_all: list[str] = sorted(
            k for k, entries in self._by_key.items() if any(e.level != "village" for e in entries)
        )
        self._district_geoms = np.asarray(tables.districts.geometry.values)
        self._district_pcodes = tables.districts["pcode"].to_numpy()
        self._tree = shapely.STRtree(self._district_geoms)
        self._ctx_cache: dict[tuple[frozenset[str], frozenset[str]], list[str]] = {}

    # ------------------------------------------------------------------ building
    def _build_places(self, t: GazetteerTables) -> None:
        prov_names = dict(zip(t.provinces["pcode"], t.provinces["name"], strict=True))
        dist_names = dict(zip(t.districts["pcode"], t.districts["name"], strict=True))
        for r in t.provinces.itertuples():
            self._places[r.pcode] = Place(
                r.pcode, r.name, "province", r.name, r.pcode, None, None, r.rep_lat, r.rep_lon
            )
            self._geometry[r.pcode] = r.geometry
        for r in t.districts.itertuples():
            self._places[r.pcode] = Place(
                r.pcode,
                r.name,
                "district",
                prov_names[r.admin1_pcode],
                r.admin1_pcode,
                r.name,
                r.pcode,
                r.rep_lat,
                r.rep_lon,
            )
            self._geometry[r.pcode] = r.geometry
        for r in t.places.itertuples():
            flags = ("district_mismatch",) if r.district_mismatch else ()
            self._places[r.place_id] = Place(
                r.place_id,
                r.name,
                r.level,
                prov_names[r.admin1_pcode],
                r.admin1_pcode,
                dist_names[r.admin2_pcode],
                r.admin2_pcode,
                float(r.lat),
                float(r.lon),
                flags,
            )

    def _build_index(self, names: pd.DataFrame) -> None:
        for key, full, name, target, level, kind in zip(
            names["key"], names["key_full"], names["name"], names["target"], names["level"], names["kind"],
            strict=True,
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
        admin1: set[str] = set()
        admin2: set[str] = set()
        for item in context or ():
            item = item.strip()
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
        ctx = self._context(context)
        allowed = set(levels) if levels else set(LEVELS)
        hint = self._hint(name)
        full = name_key(name, keep_generic=True)
        key = name_key(name)
        for index, probe in ((self._by_full_key, full), (self._by_key, key)):
            entries = [e for e in index.get(probe, ()) if e.level in allowed]
            if index is self._by_full_key and not ctx.empty:
                # the spelling with its generic words is only decisive when it agrees with the context
                entries = [e for e in entries if self._fits(self._places[e.target], ctx)]
            result = self._decide(name, entries, ctx, hint, fuzzy_score=None)
            if result is not None:
                return self._unless_foreign(result, key)
        if key in self._foreign:
            return Match(name, "not_found")
        if fuzzy and len(key) >= _MIN_FUZZY_KEY:
            return self._fuzzy(name, key, ctx, allowed, hint)
        return Match(name, "not_found")

    @staticmethod
    def _hint(name: str) -> Level | None:
        for token in _WORD.findall(name.casefold()):
            if token in _HINTS:
                return _HINTS[token]
        return None

    def _unless_foreign(self, result: Match, key: str) -> Match:
        """A small Afghan town that shares its name with a big foreign city is taken as the city."""
        place = result.place
        population = self._foreign_population.get(key, 0)
        if place is not None and place.level in ("town", "village") and population >= _BIG_CITY:
            if self._town_population.get(place.pcode, 0) * 10 < population:
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
        best_kind: dict[str, _Entry] = {}
        for e in entries:
            prev = best_kind.get(e.target)
            if prev is None or (prev.kind != "official" and e.kind == "official"):
                best_kind[e.target] = e
        places = [self._places[t] for t in best_kind]
        if not ctx.empty:
            fitting = [p for p in places if self._fits(p, ctx)]
            if fitting:
                places = fitting
            else:
                # context contradicts every candidate: villages need support, the rest may stand
                places = [p for p in places if p.level != "village"]
        else:
            places = [p for p in places if p.level != "village"]
        if not places:
            return None
        if hint is not None and any(p.level == hint for p in places):
            places = [p for p in places if p.level == hint]
        top = min(_RANK[p.level] for p in places)
        places = [p for p in places if _RANK[p.level] == top]
        # an official name outranks the same spelling given as an alias of a neighbour
        official = [p for p in places if best_kind[p.pcode].kind == "official"]
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

    def _fuzzy(self, query: str, key: str, ctx: _Context, allowed: set[str], hint: Level | None) -> Match:
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
        foreign = process.extractOne(key, self._foreign, scorer=fuzz.ratio, score_cutoff=best)
        if foreign is not None:
            return Match(query, "not_found")
        tied = [h[0] for h in hits if h[1] >= best - 1e-9]
        entries = [e for k in tied for e in self._by_key[k] if e.level in allowed]
        result = self._decide(query, entries, ctx, hint, fuzzy_score=best)
        return result if result is not None else Match(query, "not_found")

    def _context_choices(self, ctx: _Context) -> list[str]:
        cache_key = (ctx.admin1, ctx.admin2)
        cached = self._ctx_cache.get(cache_key)
        if cached is not None:
            return cached
        keys = sorted(
            k
            for k, entries in self._by_key.items()
            if any(self._fits(self._places[e.target], ctx) for e in entries)
        )
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
        frame = self.reverse_many([latitude], [longitude])
        code = frame["admin2_pcode"].iloc[0]
        return None if pd.isna(code) else self._places[str(code)]

    def reverse_many(self, latitudes: Sequence[float] | np.ndarray, longitudes: Sequence[float] | np.ndarray
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
        names = {c: p.name for c, p in self._places.items() if p.level in ("province", "district")}
        frame["admin1"] = frame["admin1_pcode"].map(names).astype("string")
        frame["admin2"] = frame["admin2_pcode"].map(names).astype("string")
        return frame[["admin1_pcode", "admin1", "admin2_pcode", "admin2"]]

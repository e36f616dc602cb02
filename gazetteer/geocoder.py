"""A geopy geocoder backed by the offline Afghan gazetteer.

``AfghanGazetteer`` behaves like any geopy geocoder (``geocode``, ``reverse``, works with
``RateLimiter`` and ``df["place"].apply(geocoder.geocode)``) but never touches the network.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from gazetteer.matching import Gazetteer, Level, Match, Place

__all__ = ["AfghanGazetteer"]

_PAREN = re.compile(r"\(([^()]*)\)")
_COUNTRY_WORDS = frozenset({"afghanistan", "afg", "af", "افغانستان"})


def _raw(place: Place, match: Match, status: str) -> dict[str, Any]:
    return {
        "pcode": place.pcode,
        "name": place.name,
        "level": place.level,
        "admin1": place.admin1,
        "admin1_pcode": place.admin1_pcode,
        "admin2": place.admin2,
        "admin2_pcode": place.admin2_pcode,
        "method": match.method,
        "score": match.score,
        "matched_name": match.matched_name,
        "status": status,
        "flags": list(place.flags),
        "query": match.query,
    }


def _address(place: Place) -> str:
    parts = [place.name]
    if place.level in ("town", "village") and place.admin2 and place.admin2 != place.name:
        parts.append(place.admin2)
    if place.level != "province":
        parts.append(place.admin1)
    parts.append("Afghanistan")
    return ", ".join(parts)


def _location(place: Place, match: Match, status: str) -> Location:
    return Location(_address(place), Point(place.latitude, place.longitude), _raw(place, match, status))


class AfghanGazetteer(Geocoder):  # type: ignore[misc]
    """Offline geopy geocoder for Afghan provinces, districts, towns and villages.

    Parameters
    ----------
    gazetteer
        A :class:`~gazetteer.matching.Gazetteer` to share; a new one is loaded by default.
    data_dir
        Folder of built gazetteer tables (the package's own by default).

    Examples
    --------
    >>> geocoder = AfghanGazetteer()
    >>> loc = geocoder.geocode("Dara-e-Soof Payeen, Samangan")
    >>> loc.raw["pcode"], loc.raw["admin1"]
    ('AF2006', 'Samangan')
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, data_dir: str | Path | None = None) -> None:
        super().__init__(user_agent="afghan-incidents-offline-gazetteer")
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer(data_dir)

    @staticmethod
    def split_query(query: str) -> tuple[str, list[str]]:
        """Split ``"name, district, province[, Afghanistan]"`` into the name and its context.

        Examples
        --------
        A parenthesised note (``"Fayzabad district (Badakhshan)"``) joins the context.

        >>> AfghanGazetteer.split_query("Dara-e-Soof Payeen, Samangan, Afghanistan")
        ('Dara-e-Soof Payeen', ['Samangan'])
        """
        text = str(query)
        notes = _PAREN.findall(text)
        parts = [p.strip() for p in _PAREN.sub(" ", text).split(",")]
        parts = [p for p in parts if p and p.casefold() not in _COUNTRY_WORDS]
        if not parts:
            return "", []
        return parts[0], [*parts[1:], *(n.strip() for n in notes if n.strip())]

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        context: Iterable[str] | None = None,
        levels: Sequence[Level] | None = None,
        fuzzy: bool = True,
        **_: Any,
    ) -> Location | list[Location] | None:
        """Geocode a place name, offline.

        Parameters
        ----------
        query
            A name, optionally followed by its district and/or province: ``"Anar Dara, Farah"``.
        exactly_one
            Return one Location (None when nothing or several places match: ambiguous names are not
            guessed); with False, a list of every candidate, each ``raw["status"]`` saying ``matched``
            or ``ambiguous``.
        context
            More province or district names (or P-codes) that help choose among namesakes.
        levels
            Restrict to ``province``, ``district``, ``town`` and/or ``village``.
        fuzzy
            Allow fuzzy matching.

        Returns
        -------
        geopy.location.Location, list of Location, or None
            ``.raw`` carries ``pcode``, ``level``, ``admin1``, ``admin1_pcode``, ``admin2``,
            ``admin2_pcode``, ``method`` (exact, alias, fuzzy), ``score`` (0-1) and ``status``.

        Examples
        --------
        >>> AfghanGazetteer().geocode("Peshawar") is None
        True
        """
        if query is None or (isinstance(query, float) and np.isnan(query)):
            return None if exactly_one else []
        name, ctx = self.split_query(str(query))
        if not name:
            return None if exactly_one else []
        match = self.gazetteer.match(name, context=[*ctx, *(context or ())], levels=levels, fuzzy=fuzzy)
        if match.place is not None:
            loc = _location(match.place, match, "matched")
            return loc if exactly_one else [loc]
        if exactly_one:
            return None
        return [_location(p, match, "ambiguous") for p in match.candidates]

    def reverse(
        self, query: Point | tuple[float, float] | str, *, exactly_one: bool = True, **_: Any
    ) -> Location | list[Location] | None:
        """The district containing a point ``(latitude, longitude)``, or None outside Afghanistan.

        Examples
        --------
        >>> AfghanGazetteer().reverse((34.52, 69.18)).raw["admin1_pcode"]
        'AF01'
        """
        point = Point(query)
        place = self.gazetteer.reverse(point.latitude, point.longitude)
        if place is None:
            return None if exactly_one else []
        match = Match(f"{point.latitude},{point.longitude}", "matched", place=place, score=1.0)
        loc = Location(_address(place), point, {**_raw(place, match, "matched"), "method": "containment"})
        return loc if exactly_one else [loc]

    def reverse_many(
        self, latitudes: Sequence[float] | np.ndarray, longitudes: Sequence[float] | np.ndarray
    ) -> pd.DataFrame:
        """Vectorised reverse lookup (spatial index): see :meth:`Gazetteer.reverse_many`."""
        return self.gazetteer.reverse_many(latitudes, longitudes)

    @property
    def provinces(self) -> gpd.GeoDataFrame:
        """The 34 provinces with P-codes and names, EPSG:4326."""
        return self.gazetteer.provinces

    @property
    def districts(self) -> gpd.GeoDataFrame:
        """The 399 districts with P-codes and names, EPSG:4326."""
        return self.gazetteer.districts

"""The incidents dataset: its columns, their types and codes, and the validator that enforces them.

This module is the code form of ``SCHEMA.md``. Column names are module constants, the controlled
vocabularies are frozensets, and :func:`validate_dataset` is the one gate a frame passes before it is
written anywhere.

In memory the dataset is a :class:`geopandas.GeoDataFrame` with one row per incident:

- text columns are pandas nullable ``string``; missing is ``pd.NA`` (never ``""`` or NaN);
- counts and codes are nullable ``Int64``; ``number_of_sources`` and ``fatalities`` are never missing;
- ``event_date``, ``date_start`` and ``date_end`` are ``datetime64[ms]`` at midnight. An undated
  incident has all three ``NaT`` and ``time_precision`` NA; a dated one has all three;
- ``latitude``, ``longitude`` and ``geocode_score`` are ``float64`` (missing is NaN);
- ``article_ids`` is an object column of Python lists of str;
- ``evidence`` is a JSON string, ``[{"article_id", "start", "end", "text"}, ...]``, kept in the
  canonical form :func:`evidence_json` writes;
- ``geometry`` is a Point in EPSG:4326. An incident whose place could not be resolved has geometry
  ``None``, NaN latitude/longitude, and NA admin fields, ``location``, ``geo_precision``,
  ``where_prec``, ``geocode_method`` and ``geocode_score``; ``location_text`` may still hold what
  the article said. ``country`` and ``iso3`` are always ``Afghanistan`` and ``AFG``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import re
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final, TypeAlias, TypedDict

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from incidents.errors import SchemaError

__all__ = [
    "ACTOR1",
    "ACTOR2",
    "ADMIN1",
    "ADMIN1_PCODE",
    "ADMIN2",
    "ADMIN2_PCODE",
    "AFGHANISTAN_BBOX",
    "ARTICLE_IDS",
    "ASSOC_ACTOR_1",
    "ASSOC_ACTOR_2",
    "CLAIM_STATUS",
    "CLAIM_STATUSES",
    "COLUMNS",
    "COUNTRY",
    "COUNTRY_NAME",
    "CRS",
    "DATE_COLUMNS",
    "DATE_DTYPE",
    "DATE_END",
    "DATE_START",
    "DEATHS_A",
    "DEATHS_B",
    "DEATHS_BEST",
    "DEATHS_CIVILIANS",
    "DEATHS_HIGH",
    "DEATHS_LOW",
    "DEATHS_UNKNOWN",
    "DISORDER_TYPE",
    "DISORDER_TYPES",
    "DISORDER_TYPE_BY_EVENT_TYPE",
    "DTYPES",
    "EVENT_DATE",
    "EVENT_TYPE",
    "EVENT_TYPES",
    "EVENT_TYPE_BY_SUB_EVENT_TYPE",
    "EVIDENCE",
    "EVIDENCE_KEYS",
    "FATALITIES",
    "FLOAT_COLUMNS",
    "FLOAT_DTYPE",
    "GEOCODE_METHOD",
    "GEOCODE_METHODS",
    "GEOCODE_SCORE",
    "GEOMETRY",
    "GEOMETRY_DTYPE",
    "GEO_PRECISION",
    "INCIDENT_ID",
    "INJURED_BEST",
    "INJURED_HIGH",
    "INJURED_LOW",
    "INTEGER_COLUMNS",
    "INTEGER_DTYPE",
    "INTER1",
    "INTER2",
    "INTERACTION",
    "INTER_CODES",
    "ISO3",
    "ISO3_CODE",
    "LATITUDE",
    "LIST_DTYPE",
    "LIST_SEPARATOR",
    "LOCATION",
    "LOCATION_TEXT",
    "LONGITUDE",
    "NAMED_PERSONS",
    "NOTES",
    "NUMBER_OF_SOURCES",
    "REQUIRED_COLUMNS",
    "SOURCE",
    "STRING_COLUMNS",
    "STRING_DTYPE",
    "SUB_EVENT_TYPE",
    "SUB_EVENT_TYPES",
    "SUB_EVENT_TYPES_BY_EVENT_TYPE",
    "TIME_PRECISION",
    "TYPE_OF_VIOLENCE",
    "WHERE_PREC",
    "Bounds",
    "EvidenceSpan",
    "coerce_dataset",
    "empty_dataset",
    "evidence_json",
    "interaction_code",
    "parse_evidence",
    "validate_dataset",
]

logger = logging.getLogger(__name__)

# --- Column names -------------------------------------------------------------------------------

# Identity and sources
INCIDENT_ID: Final = "incident_id"
ARTICLE_IDS: Final = "article_ids"
NUMBER_OF_SOURCES: Final = "number_of_sources"
SOURCE: Final = "source"
# When
EVENT_DATE: Final = "event_date"
DATE_START: Final = "date_start"
DATE_END: Final = "date_end"
TIME_PRECISION: Final = "time_precision"
# What
DISORDER_TYPE: Final = "disorder_type"
EVENT_TYPE: Final = "event_type"
SUB_EVENT_TYPE: Final = "sub_event_type"
TYPE_OF_VIOLENCE: Final = "type_of_violence"
# Who
ACTOR1: Final = "actor1"
ASSOC_ACTOR_1: Final = "assoc_actor_1"
INTER1: Final = "inter1"
ACTOR2: Final = "actor2"
ASSOC_ACTOR_2: Final = "assoc_actor_2"
INTER2: Final = "inter2"
INTERACTION: Final = "interaction"
NAMED_PERSONS: Final = "named_persons"
# How many
FATALITIES: Final = "fatalities"
DEATHS_LOW: Final = "deaths_low"
DEATHS_BEST: Final = "deaths_best"
DEATHS_HIGH: Final = "deaths_high"
DEATHS_A: Final = "deaths_a"
DEATHS_B: Final = "deaths_b"
DEATHS_CIVILIANS: Final = "deaths_civilians"
DEATHS_UNKNOWN: Final = "deaths_unknown"
INJURED_LOW: Final = "injured_low"
INJURED_BEST: Final = "injured_best"
INJURED_HIGH: Final = "injured_high"
CLAIM_STATUS: Final = "claim_status"
# Where
COUNTRY: Final = "country"
ISO3: Final = "iso3"
ADMIN1: Final = "admin1"
ADMIN1_PCODE: Final = "admin1_pcode"
ADMIN2: Final = "admin2"
ADMIN2_PCODE: Final = "admin2_pcode"
LOCATION: Final = "location"
LOCATION_TEXT: Final = "location_text"
LATITUDE: Final = "latitude"
LONGITUDE: Final = "longitude"
GEO_PRECISION: Final = "geo_precision"
WHERE_PREC: Final = "where_prec"
GEOCODE_METHOD: Final = "geocode_method"
GEOCODE_SCORE: Final = "geocode_score"
# Long text last, so a table view shows the short columns first (as ACLED does with ``notes``).
NOTES: Final = "notes"
EVIDENCE: Final = "evidence"
GEOMETRY: Final = "geometry"

STRING_DTYPE: Final = "string"
INTEGER_DTYPE: Final = "Int64"
FLOAT_DTYPE: Final = "float64"
DATE_DTYPE: Final = "datetime64[ms]"
LIST_DTYPE: Final = "object"
GEOMETRY_DTYPE: Final = "geometry"

#: Every column, in file order. Geometry is last.
DTYPES: Final[Mapping[str, str]] = MappingProxyType(
    {
        INCIDENT_ID: STRING_DTYPE,
        ARTICLE_IDS: LIST_DTYPE,
        NUMBER_OF_SOURCES: INTEGER_DTYPE,
        SOURCE: STRING_DTYPE,
        EVENT_DATE: DATE_DTYPE,
        DATE_START: DATE_DTYPE,
        DATE_END: DATE_DTYPE,
        TIME_PRECISION: INTEGER_DTYPE,
        DISORDER_TYPE: STRING_DTYPE,
        EVENT_TYPE: STRING_DTYPE,
        SUB_EVENT_TYPE: STRING_DTYPE,
        TYPE_OF_VIOLENCE: INTEGER_DTYPE,
        ACTOR1: STRING_DTYPE,
        ASSOC_ACTOR_1: STRING_DTYPE,
        INTER1: INTEGER_DTYPE,
        ACTOR2: STRING_DTYPE,
        ASSOC_ACTOR_2: STRING_DTYPE,
        INTER2: INTEGER_DTYPE,
        INTERACTION: INTEGER_DTYPE,
        NAMED_PERSONS: STRING_DTYPE,
        FATALITIES: INTEGER_DTYPE,
        DEATHS_LOW: INTEGER_DTYPE,
        DEATHS_BEST: INTEGER_DTYPE,
        DEATHS_HIGH: INTEGER_DTYPE,
        DEATHS_A: INTEGER_DTYPE,
        DEATHS_B: INTEGER_DTYPE,
        DEATHS_CIVILIANS: INTEGER_DTYPE,
        DEATHS_UNKNOWN: INTEGER_DTYPE,
        INJURED_LOW: INTEGER_DTYPE,
        INJURED_BEST: INTEGER_DTYPE,
        INJURED_HIGH: INTEGER_DTYPE,
        CLAIM_STATUS: STRING_DTYPE,
        COUNTRY: STRING_DTYPE,
        ISO3: STRING_DTYPE,
        ADMIN1: STRING_DTYPE,
        ADMIN1_PCODE: STRING_DTYPE,
        ADMIN2: STRING_DTYPE,
        ADMIN2_PCODE: STRING_DTYPE,
        LOCATION: STRING_DTYPE,
        LOCATION_TEXT: STRING_DTYPE,
        LATITUDE: FLOAT_DTYPE,
        LONGITUDE: FLOAT_DTYPE,
        GEO_PRECISION: INTEGER_DTYPE,
        WHERE_PREC: INTEGER_DTYPE,
        GEOCODE_METHOD: STRING_DTYPE,
        GEOCODE_SCORE: FLOAT_DTYPE,
        NOTES: STRING_DTYPE,
        EVIDENCE: STRING_DTYPE,
        GEOMETRY: GEOMETRY_DTYPE,
    }
)
COLUMNS: Final[tuple[str, ...]] = tuple(DTYPES)
STRING_COLUMNS: Final = tuple(c for c, t in DTYPES.items() if t == STRING_DTYPE)
INTEGER_COLUMNS: Final = tuple(c for c, t in DTYPES.items() if t == INTEGER_DTYPE)
FLOAT_COLUMNS: Final = tuple(c for c, t in DTYPES.items() if t == FLOAT_DTYPE)
DATE_COLUMNS: Final = (EVENT_DATE, DATE_START, DATE_END)

#: Columns that are never missing.
REQUIRED_COLUMNS: Final = frozenset(
    {
        INCIDENT_ID,
        ARTICLE_IDS,
        NUMBER_OF_SOURCES,
        DISORDER_TYPE,
        EVENT_TYPE,
        SUB_EVENT_TYPE,
        FATALITIES,
        CLAIM_STATUS,
        COUNTRY,
        ISO3,
        EVIDENCE,
    }
)

# --- Codes and vocabularies ---------------------------------------------------------------------

CRS: Final = "EPSG:4326"
COUNTRY_NAME: Final = "Afghanistan"
ISO3_CODE: Final = "AFG"
#: (min lon, min lat, max lon, max lat) that every point must fall in.
AFGHANISTAN_BBOX: Final = (60.4, 29.3, 75.0, 38.5)
#: Bounds of a dataset's points, as GeoParquet's ``bbox``: (min lon, min lat, max lon, max lat).
Bounds: TypeAlias = tuple[float, float, float, float]
#: How list-like text columns (``source``, ``assoc_actor_*``, ``named_persons``) and, in CSV and
#: GeoPackage files, ``article_ids`` are joined.
LIST_SEPARATOR: Final = "; "

SUB_EVENT_TYPES_BY_EVENT_TYPE: Final[Mapping[str, frozenset[str]]] = MappingProxyType(
    {
        "Battles": frozenset(
            {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}
        ),
        "Explosions/Remote violence": frozenset(
            {
                "Chemical weapon",
                "Air/drone strike",
                "Suicide bomb",
                "Shelling/artillery/missile attack",
                "Remote explosive/landmine/IED",
                "Grenade",
            }
        ),
        "Violence against civilians": frozenset(
            {"Sexual violence", "Attack", "Abduction/forced disappearance"}
        ),
        "Protests": frozenset(
            {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
        ),
        "Riots": frozenset({"Violent demonstration", "Mob violence"}),
        "Strategic developments": frozenset(
            {
                "Agreement",
                "Arrests",
                "Change to group/activity",
                "Disrupted weapons use",
                "Headquarters or base established",
                "Looting/property destruction",
                "Non-violent transfer of territory",
                "Other",
            }
        ),
    }
)
# SCHEMA.md names three disorder types; ACLED's combined "Political violence; Demonstrations"
# label is not one of them, so protests and riots are all "Demonstrations" here.
DISORDER_TYPE_BY_EVENT_TYPE: Final[Mapping[str, str]] = MappingProxyType(
    {
        "Battles": "Political violence",
        "Explosions/Remote violence": "Political violence",
        "Violence against civilians": "Political violence",
        "Protests": "Demonstrations",
        "Riots": "Demonstrations",
        "Strategic developments": "Strategic developments",
    }
)
EVENT_TYPE_BY_SUB_EVENT_TYPE: Final[Mapping[str, str]] = MappingProxyType(
    {sub: event for event, subs in SUB_EVENT_TYPES_BY_EVENT_TYPE.items() for sub in sorted(subs)}
)
DISORDER_TYPES: Final = frozenset(DISORDER_TYPE_BY_EVENT_TYPE.values())
EVENT_TYPES: Final = frozenset(DISORDER_TYPE_BY_EVENT_TYPE)
SUB_EVENT_TYPES: Final = frozenset(EVENT_TYPE_BY_SUB_EVENT_TYPE)

CLAIM_STATUSES: Final = frozenset({"reported", "claimed", "disputed", "denied"})
GEOCODE_METHODS: Final = frozenset({"exact", "alias", "fuzzy", "containment", "admin_fallback"})
#: ACLED actor-type codes, used in ``inter1`` and ``inter2``.
INTER_CODES: Final[Mapping[int, str]] = MappingProxyType(
    {
        1: "State forces",
        2: "Rebel groups",
        3: "Political militias",
        4: "Identity militias",
        5: "Rioters",
        6: "Protesters",
        7: "Civilians",
        8: "External/Other forces",
    }
)
EVIDENCE_KEYS: Final = ("article_id", "start", "end", "text")

_VOCABULARIES: Final[Mapping[str, frozenset[str]]] = MappingProxyType(
    {
        DISORDER_TYPE: DISORDER_TYPES,
        EVENT_TYPE: EVENT_TYPES,
        SUB_EVENT_TYPE: SUB_EVENT_TYPES,
        CLAIM_STATUS: CLAIM_STATUSES,
        GEOCODE_METHOD: GEOCODE_METHODS,
        COUNTRY: frozenset({COUNTRY_NAME}),
        ISO3: frozenset({ISO3_CODE}),
    }
)
_COUNT_COLUMNS: Final = (
    FATALITIES,
    DEATHS_LOW,
    DEATHS_BEST,
    DEATHS_HIGH,
    DEATHS_A,
    DEATHS_B,
    DEATHS_CIVILIANS,
    DEATHS_UNKNOWN,
    INJURED_LOW,
    INJURED_BEST,
    INJURED_HIGH,
)
_INTEGER_RANGES: Final[Mapping[str, tuple[int, int | None]]] = MappingProxyType(
    {
        NUMBER_OF_SOURCES: (1, None),
        TIME_PRECISION: (1, 3),
        TYPE_OF_VIOLENCE: (1, 3),
        INTER1: (min(INTER_CODES), max(INTER_CODES)),
        INTER2: (min(INTER_CODES), max(INTER_CODES)),
        GEO_PRECISION: (1, 3),
        WHERE_PREC: (1, 7),
        **dict.fromkeys(_COUNT_COLUMNS, (0, None)),
    }
)
#: Fields that describe the resolved place, so they are NA when there is no geometry.
_PLACE_COLUMNS: Final = (
    ADMIN1,
    ADMIN1_PCODE,
    ADMIN2,
    ADMIN2_PCODE,
    LOCATION,
    GEO_PRECISION,
    WHERE_PREC,
    GEOCODE_METHOD,
    GEOCODE_SCORE,
)
_PCODE_PATTERNS: Final[Mapping[str, re.Pattern[str]]] = MappingProxyType(
    {ADMIN1_PCODE: re.compile(r"AF\d{2}"), ADMIN2_PCODE: re.compile(r"AF\d{4}")}
)
# GeoJSON keeps six decimals (about 0.1 m), so agreement is checked to that precision.
_COORDINATE_TOLERANCE: Final = 1e-6


class EvidenceSpan(TypedDict):
    """One span of article text an incident rests on; ``text == article_text[start:end]``."""

    article_id: str
    start: int
    end: int
    text: str


# --- Public helpers -----------------------------------------------------------------------------


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """Combine two ACLED actor-type codes into the two-digit ``interaction`` code.

    The lower code comes first (a clash between state forces, 1, and rebels, 2, is 12 whichever
    side acted). An event with one actor is that actor's code followed by 0 (rebels alone: 20).

    Parameters
    ----------
    inter1, inter2
        ACLED actor-type codes (1-8), or None when the actor is absent or unknown.

    Returns
    -------
    int or None
        The interaction code, or None when neither code is known.

    Examples
    --------
    >>> interaction_code(2, 1), interaction_code(2, None), interaction_code(None, None)
    (12, 20, None)
    """
    known = sorted(code for code in (inter1, inter2) if code is not None)
    if not known:
        return None
    if len(known) == 1:
        return 10 * known[0]
    return 10 * known[0] + known[1]


def evidence_json(spans: Iterable[Mapping[str, Any]]) -> str:
    """Serialise evidence spans to the canonical JSON text of the ``evidence`` column.

    Keys are written in the order ``article_id, start, end, text``, compactly and without
    escaping non-ASCII text, so equal evidence always gives an equal string.

    Parameters
    ----------
    spans
        Mappings with exactly the keys ``article_id``, ``start``, ``end`` and ``text``.

    Returns
    -------
    str
        The JSON text.

    Raises
    ------
    ValueError
        When a span lacks a key, has an extra one, or a value of the wrong type.

    Examples
    --------
    >>> evidence_json([{"text": "Kabul", "article_id": "a1", "start": 10, "end": 15}])
    '[{"article_id":"a1","start":10,"end":15,"text":"Kabul"}]'
    """
    checked = [_check_span(span, i) for i, span in enumerate(spans)]
    return json.dumps(checked, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def parse_evidence(text: str) -> list[EvidenceSpan]:
    """Parse and check the JSON text of an ``evidence`` cell.

    Parameters
    ----------
    text
        JSON: a list of objects with the keys ``article_id``, ``start``, ``end`` and ``text``.

    Returns
    -------
    list of EvidenceSpan
        The spans, in order.

    Raises
    ------
    ValueError
        When the text is not JSON, not a list of objects, or a span is malformed.

    Examples
    --------
    >>> parse_evidence('[{"article_id": "a1", "start": 0, "end": 5, "text": "Kabul"}]')[0]["end"]
    5
    """
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        msg = f"is not valid JSON ({exc.msg} at character {exc.pos})"
        raise ValueError(msg) from exc
    if not isinstance(value, list):
        msg = f"must be a JSON list of spans, not a JSON {type(value).__name__}"
        raise ValueError(msg)
    return [_check_span(span, i) for i, span in enumerate(value)]


def _check_span(span: object, index: int) -> EvidenceSpan:
    if not isinstance(span, Mapping):
        msg = f"span {index} must be an object with keys {', '.join(EVIDENCE_KEYS)}"
        raise ValueError(msg)
    if set(span) != set(EVIDENCE_KEYS):
        msg = f"span {index} has keys {sorted(span)}; expected exactly {list(EVIDENCE_KEYS)}"
        raise ValueError(msg)
    article_id, text = span["article_id"], span["text"]
    if not isinstance(article_id, str) or not isinstance(text, str):
        msg = f"span {index}: article_id and text must be strings"
        raise ValueError(msg)
    start, end = _as_int(span["start"]), _as_int(span["end"])
    if start is None or end is None or not 0 <= start <= end:
        msg = (
            f"span {index}: start and end must be integers with 0 <= start <= end, "
            f"got {span['start']!r}, {span['end']!r}"
        )
        raise ValueError(msg)
    if len(text) != end - start:
        msg = f"span {index}: text has {len(text)} characters but end - start is {end - start}"
        raise ValueError(msg)
    return {"article_id": article_id, "start": start, "end": end, "text": text}


def empty_dataset() -> gpd.GeoDataFrame:
    """Return a dataset with no rows, every column, the right dtypes and CRS EPSG:4326.

    Returns
    -------
    geopandas.GeoDataFrame
        Zero rows, columns :data:`COLUMNS`.

    Examples
    --------
    >>> frame = empty_dataset()
    >>> len(frame), frame.crs.to_epsg(), str(frame[FATALITIES].dtype)
    (0, 4326, 'Int64')
    """
    return coerce_dataset([])


def coerce_dataset(data: pd.DataFrame | Iterable[Mapping[str, Any]]) -> gpd.GeoDataFrame:
    """Build a typed dataset from incident records or a loosely typed frame.

    Values are converted to the column dtypes: ``None`` and NaN become NA, whole floats become
    ints, ``datetime.date`` and ISO ``YYYY-MM-DD`` strings become dates, tuples and arrays in
    ``article_ids`` become lists, and ``evidence`` given as a list of span mappings (or as JSON
    text) becomes canonical JSON text. A column absent from the input is all missing. Nothing is
    checked beyond what conversion needs; call :func:`validate_dataset` next.

    Parameters
    ----------
    data
        One mapping per incident (column name to plain Python value, geometry a shapely Point or
        None), or a DataFrame/GeoDataFrame with those columns.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns :data:`COLUMNS` with dtypes :data:`DTYPES`, CRS EPSG:4326, a fresh RangeIndex.

    Raises
    ------
    SchemaError
        On a column name the schema does not know, a value that cannot be converted safely, or a
        GeoDataFrame in another CRS.

    Examples
    --------
    >>> frame = coerce_dataset([{INCIDENT_ID: "i1", ARTICLE_IDS: ("a1",), EVENT_DATE: "2021-06-03"}])
    >>> frame.loc[0, ARTICLE_IDS], frame.loc[0, EVENT_DATE].date(), frame.loc[0, ADMIN2] is pd.NA
    (['a1'], datetime.date(2021, 6, 3), True)
    """
    if isinstance(data, pd.DataFrame):
        crs = getattr(data, "crs", None) if isinstance(data, gpd.GeoDataFrame) else None
        if crs is not None and crs.to_epsg() != 4326:
            msg = f"Column {GEOMETRY!r}: the CRS is {crs.to_string()}, expected {CRS}; reproject first."
            raise SchemaError(msg)
        frame = pd.DataFrame(data).reset_index(drop=True)
    else:
        frame = pd.DataFrame.from_records(list(data))
    unknown = [str(c) for c in frame.columns if c not in DTYPES]
    if unknown:
        msg = (
            f"Unknown column(s) {', '.join(map(repr, unknown))}; the schema's columns are listed in COLUMNS."
        )
        raise SchemaError(msg)
    for column in COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    return _coerce(frame[list(COLUMNS)])


def validate_dataset(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Check a dataset against SCHEMA.md and return it typed, in column order.

    Dtypes are converted where no information is lost (see :func:`coerce_dataset`); then every
    rule below is checked and the first violation raises. The input is not modified.

    - every column of :data:`COLUMNS` is present, no other column, CRS EPSG:4326;
    - :data:`REQUIRED_COLUMNS` are never missing, text is never the empty string;
    - ``incident_id`` is unique;
    - coded text is in its vocabulary, and ``sub_event_type`` belongs to ``event_type``, which
      belongs to ``disorder_type``;
    - codes are in range: ``time_precision``, ``type_of_violence`` and ``geo_precision`` 1-3,
      ``where_prec`` 1-7, ``inter1``/``inter2`` 1-8, counts >= 0, ``geocode_score`` 0-1;
    - ``interaction == interaction_code(inter1, inter2)``; an inter code needs its actor;
    - dates: all three set (at midnight, ``date_start <= event_date <= date_end``) with
      ``time_precision``, or all three NaT with ``time_precision`` NA;
    - ``deaths_low <= deaths_best <= deaths_high``, the same for ``injured_*``, and
      ``fatalities <= deaths_high``;
    - ``article_ids`` are distinct non-empty strings and ``number_of_sources`` is their count;
    - ``evidence`` is a JSON list of ``{article_id, start, end, text}`` with
      ``len(text) == end - start`` and ``article_id`` in ``article_ids``;
    - geometry is a non-empty Point or None; ``latitude``/``longitude`` equal its coordinates
      (to 1e-6) and lie in :data:`AFGHANISTAN_BBOX`; without geometry, the place columns are NA
      and with it ``geo_precision`` is set;
    - admin names and P-codes come in pairs, P-codes look like ``AF20``/``AF2006``, the district
      lies in the province, and a district needs its province.

    Parameters
    ----------
    gdf
        The dataset.

    Returns
    -------
    geopandas.GeoDataFrame
        A new frame: columns in :data:`COLUMNS` order, dtypes :data:`DTYPES`, a fresh RangeIndex.

    Raises
    ------
    SchemaError
        Naming the column, the problem and the first offending incident.

    Examples
    --------
    >>> validate_dataset(empty_dataset()).columns[0]
    'incident_id'
    """
    if not isinstance(gdf, gpd.GeoDataFrame):
        msg = f"Expected a GeoDataFrame, got {type(gdf).__name__}; build one with coerce_dataset()."
        raise SchemaError(msg)
    missing = [c for c in COLUMNS if c not in gdf.columns]
    if missing:
        msg = f"Column(s) {', '.join(map(repr, missing))} missing."
        raise SchemaError(msg)
    unknown = [str(c) for c in gdf.columns if c not in DTYPES]
    if unknown:
        msg = f"Column(s) {', '.join(map(repr, unknown))} are not in the schema; drop them first."
        raise SchemaError(msg)
    if gdf.columns.duplicated().any():
        msg = f"Column {gdf.columns[gdf.columns.duplicated()][0]!r} appears more than once."
        raise SchemaError(msg)
    if gdf.active_geometry_name != GEOMETRY:
        msg = f"Column {GEOMETRY!r} must be the active geometry column, not {gdf.active_geometry_name!r}."
        raise SchemaError(msg)
    if gdf.crs is None or gdf.crs.to_epsg() != 4326:
        found = "missing" if gdf.crs is None else gdf.crs.to_string()
        msg = f"Column {GEOMETRY!r}: the CRS is {found}, expected {CRS}."
        raise SchemaError(msg)

    frame = _coerce(pd.DataFrame(gdf[list(COLUMNS)]).reset_index(drop=True))
    for check in _CHECKS:
        check(frame)
    logger.debug("Validated %d incidents", len(frame))
    return frame


# --- Coercion -----------------------------------------------------------------------------------


def _coerce(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    """Convert every column of a frame that has exactly COLUMNS to its dtype."""
    ids = frame[INCIDENT_ID]
    columns: dict[str, Any] = {}
    for column, dtype in DTYPES.items():
        # Evidence is text by dtype, but its converter also checks and canonicalises the JSON.
        converter = _to_evidence if column == EVIDENCE else _CONVERTERS[dtype]
        columns[column] = converter(column, frame[column], ids)
    # one canonical CRS object: a CRS read back from a file's PROJJSON would otherwise be written out
    # differently, and a rewrite of the same data would not be byte-identical
    return gpd.GeoDataFrame(columns, geometry=GEOMETRY).set_crs(CRS, allow_override=True)


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, np.datetime64 | np.timedelta64):
        return bool(np.isnat(value))
    return False


def _as_int(value: object) -> int | None:
    """The value as an int if it is an integer (not a bool), else None."""
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        return int(value)
    return None


def _where(ids: pd.Series[Any], position: int) -> str:
    ident = ids.iloc[position]
    if isinstance(ident, str):
        return f"incident {ident!r}"
    return f"row {position}"


def _bad_value(column: str, ids: pd.Series[Any], position: int, value: object, expected: str) -> SchemaError:
    return SchemaError(
        f"Column {column!r}: {value!r} ({type(value).__name__}) in {_where(ids, position)} "
        f"cannot be read as {expected}."
    )


def _to_string(column: str, values: pd.Series[Any], ids: pd.Series[Any]) -> pd.Series[Any]:
    if isinstance(values.dtype, pd.StringDtype):
        return values.astype(STRING_DTYPE)
    out: list[str | None] = []
    for i, value in enumerate(values):
        if _is_missing(value):
            out.append(None)
        elif isinstance(value, str):
            out.append(str(value))
        else:
            raise _bad_value(column, ids, i, value, "text")
    return pd.Series(pd.array(out, dtype=STRING_DTYPE), index=values.index)


def _to_integer(column: str, values: pd.Series[Any], ids: pd.Series[Any]) -> pd.Series[Any]:
    if pd.api.types.is_bool_dtype(values.dtype):
        msg = f"Column {column!r} holds booleans; expected integers."
        raise SchemaError(msg)
    if pd.api.types.is_integer_dtype(values.dtype):
        return values.astype(INTEGER_DTYPE)
    out: list[int | None] = []
    for i, value in enumerate(values):
        integer = _as_int(value)
        if _is_missing(value):
            out.append(None)
        elif integer is not None:
            out.append(integer)
        elif isinstance(value, float | np.floating) and float(value).is_integer():
            out.append(int(value))
        else:
            raise _bad_value(column, ids, i, value, "an integer")
    return pd.Series(pd.array(out, dtype=INTEGER_DTYPE), index=values.index)


def _to_float(column: str, values: pd.Series[Any], ids: pd.Series[Any]) -> pd.Series[Any]:
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        array = values.to_numpy(dtype=FLOAT_DTYPE, na_value=np.nan)
        return pd.Series(array, index=values.index, dtype=FLOAT_DTYPE)
    out: list[float] = []
    for i, value in enumerate(values):
        if _is_missing(value):
            out.append(math.nan)
        elif isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool):
            out.append(float(value))
        else:
            raise _bad_value(column, ids, i, value, "a number")
    return pd.Series(out, index=values.index, dtype=FLOAT_DTYPE)


def _to_date(column: str, values: pd.Series[Any], ids: pd.Series[Any]) -> pd.Series[Any]:
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        msg = f"Column {column!r} holds time-zone-aware timestamps; expected plain dates."
        raise SchemaError(msg)
    if pd.api.types.is_datetime64_dtype(values.dtype) or (
        isinstance(values.dtype, pd.ArrowDtype) and values.dtype.kind == "M"
    ):
        dates = values.astype(DATE_DTYPE)
    else:
        out: list[pd.Timestamp | None] = []
        for i, value in enumerate(values):
            if _is_missing(value):
                out.append(None)
            elif isinstance(value, dt.datetime | np.datetime64):
                stamp = pd.Timestamp(value)
                if stamp.tzinfo is not None:
                    raise _bad_value(column, ids, i, value, "a date without time zone")
                out.append(stamp)
            elif isinstance(value, dt.date):
                out.append(pd.Timestamp(value))
            elif isinstance(value, str):
                try:
                    out.append(pd.Timestamp(dt.date.fromisoformat(value)))
                except ValueError:
                    raise _bad_value(column, ids, i, value, "a YYYY-MM-DD date") from None
            else:
                raise _bad_value(column, ids, i, value, "a date")
        dates = pd.Series(out, index=values.index, dtype=DATE_DTYPE)
    timed = dates.notna() & (dates != dates.dt.normalize())
    if timed.any():
        position = int(np.flatnonzero(timed.to_numpy())[0])
        msg = (
            f"Column {column!r}: {dates.iloc[position]} in {_where(ids, position)} has a time of day; "
            "dates must be at midnight."
        )
        raise SchemaError(msg)
    return dates


def _to_list(column: str, values: pd.Series[Any], ids: pd.Series[Any]) -> pd.Series[Any]:
    out: list[list[str] | None] = []
    for i, value in enumerate(values):
        if isinstance(value, list | tuple | np.ndarray):
            items = list(value)
            if not all(isinstance(item, str) for item in items):
                raise _bad_value(column, ids, i, value, "a list of strings")
            out.append([str(item) for item in items])
        elif _is_missing(value):
            out.append(None)
        else:
            raise _bad_value(column, ids, i, value, "a list of strings")
    return pd.Series(out, index=values.index, dtype=LIST_DTYPE)


def _to_evidence(column: str, values: pd.Series[Any], ids: pd.Series[Any]) -> pd.Series[Any]:
    out: list[str | None] = []
    for i, value in enumerate(values):
        if _is_missing(value):
            out.append(None)
            continue
        try:
            if isinstance(value, str):
                out.append(evidence_json(parse_evidence(value)))
            elif isinstance(value, list | tuple | np.ndarray):
                out.append(evidence_json(list(value)))
            else:
                raise _bad_value(column, ids, i, value, "JSON text or a list of spans")
        except ValueError as exc:
            msg = f"Column {column!r}: {exc} (in {_where(ids, i)})."
            raise SchemaError(msg) from exc
    return pd.Series(pd.array(out, dtype=STRING_DTYPE), index=values.index)


def _to_geometry(column: str, values: pd.Series[Any], ids: pd.Series[Any]) -> gpd.GeoSeries:
    if values.dtype == GEOMETRY_DTYPE:
        return gpd.GeoSeries(values, crs=CRS)
    out: list[BaseGeometry | None] = []
    for i, value in enumerate(values):
        if _is_missing(value):
            out.append(None)
        elif isinstance(value, BaseGeometry):
            out.append(value)
        else:
            raise _bad_value(column, ids, i, value, "a shapely geometry")
    return gpd.GeoSeries(out, index=values.index, crs=CRS)


_Converter = Callable[[str, "pd.Series[Any]", "pd.Series[Any]"], Any]
_CONVERTERS: Final[Mapping[str, _Converter]] = MappingProxyType(
    {
        STRING_DTYPE: _to_string,
        INTEGER_DTYPE: _to_integer,
        FLOAT_DTYPE: _to_float,
        DATE_DTYPE: _to_date,
        LIST_DTYPE: _to_list,
        GEOMETRY_DTYPE: _to_geometry,
    }
)


# --- Checks -------------------------------------------------------------------------------------


def _fail_if(
    frame: pd.DataFrame, bad: pd.Series[Any] | np.ndarray[Any, Any], column: str, problem: str
) -> None:
    """Raise for the first row where ``bad`` is true (NA counts as fine)."""
    mask = bad.to_numpy(dtype=bool, na_value=False) if isinstance(bad, pd.Series) else np.asarray(bad, bool)
    if mask.any():
        position = int(np.flatnonzero(mask)[0])
        msg = f"Column {column!r}: {problem} (first in {_where(frame[INCIDENT_ID], position)})."
        raise SchemaError(msg)


def _check_required(frame: pd.DataFrame) -> None:
    for column in sorted(REQUIRED_COLUMNS, key=COLUMNS.index):
        _fail_if(frame, frame[column].isna(), column, "missing value; this column is required")
    for column in STRING_COLUMNS:
        _fail_if(frame, frame[column] == "", column, 'empty string; use NA for "not known"')
    duplicated = frame[INCIDENT_ID].duplicated()
    if duplicated.any():
        ident = frame[INCIDENT_ID][duplicated].iloc[0]
        msg = f"Column {INCIDENT_ID!r}: duplicate incident_id {ident!r}."
        raise SchemaError(msg)


def _check_vocabularies(frame: pd.DataFrame) -> None:
    for column, allowed in _VOCABULARIES.items():
        values = frame[column]
        bad = values.notna() & ~values.isin(allowed)
        if bad.any():
            value = values[bad].iloc[0]
            _fail_if(frame, bad, column, f"{value!r} is not one of {sorted(allowed)}")
    event_of_sub = frame[SUB_EVENT_TYPE].map(EVENT_TYPE_BY_SUB_EVENT_TYPE)
    _fail_if(
        frame,
        event_of_sub.notna() & (event_of_sub != frame[EVENT_TYPE]),
        SUB_EVENT_TYPE,
        "the sub_event_type does not belong to the row's event_type (see EVENT_TYPE_BY_SUB_EVENT_TYPE)",
    )
    disorder_of_event = frame[EVENT_TYPE].map(DISORDER_TYPE_BY_EVENT_TYPE)
    _fail_if(
        frame,
        disorder_of_event.notna() & (disorder_of_event != frame[DISORDER_TYPE]),
        DISORDER_TYPE,
        "the disorder_type does not match the row's event_type (see DISORDER_TYPE_BY_EVENT_TYPE)",
    )


def _check_ranges(frame: pd.DataFrame) -> None:
    for column, (low, high) in _INTEGER_RANGES.items():
        values = frame[column]
        _fail_if(frame, values < low, column, f"value below {low}")
        if high is not None:
            _fail_if(frame, values > high, column, f"value above {high}")
    score = frame[GEOCODE_SCORE]
    _fail_if(frame, (score < 0) | (score > 1), GEOCODE_SCORE, "value outside 0-1")


def _check_actors(frame: pd.DataFrame) -> None:
    for inter, actor in ((INTER1, ACTOR1), (INTER2, ACTOR2)):
        _fail_if(frame, frame[inter].notna() & frame[actor].isna(), inter, f"a code without an {actor}")
    differs = [
        interaction_code(_as_int(inter1), _as_int(inter2)) != _as_int(interaction)
        for inter1, inter2, interaction in zip(frame[INTER1], frame[INTER2], frame[INTERACTION], strict=True)
    ]
    _fail_if(
        frame,
        np.array(differs, dtype=bool),
        INTERACTION,
        "does not equal interaction_code(inter1, inter2) (lower code first; a lone actor's code times 10)",
    )


def _check_dates(frame: pd.DataFrame) -> None:
    known = frame[list(DATE_COLUMNS)].notna()
    partly = known.any(axis=1) & ~known.all(axis=1)
    _fail_if(
        frame,
        partly,
        EVENT_DATE,
        "event_date, date_start and date_end must be all set or all missing (NaT for an undated incident)",
    )
    dated = known.all(axis=1)
    precision = frame[TIME_PRECISION]
    _fail_if(frame, dated & precision.isna(), TIME_PRECISION, "missing for a dated incident")
    _fail_if(frame, ~dated & precision.notna(), TIME_PRECISION, "set for an undated incident; use NA")
    _fail_if(frame, frame[DATE_START] > frame[EVENT_DATE], DATE_START, "after event_date")
    _fail_if(frame, frame[EVENT_DATE] > frame[DATE_END], DATE_END, "before event_date")


def _check_counts(frame: pd.DataFrame) -> None:
    for prefix in ("deaths", "injured"):
        low, best, high = (frame[f"{prefix}_{part}"] for part in ("low", "best", "high"))
        _fail_if(frame, low > best, f"{prefix}_low", f"greater than {prefix}_best")
        _fail_if(frame, best > high, f"{prefix}_high", f"less than {prefix}_best")
        _fail_if(frame, low > high, f"{prefix}_high", f"less than {prefix}_low")
    _fail_if(
        frame,
        frame[FATALITIES] > frame[DEATHS_HIGH],
        FATALITIES,
        "greater than deaths_high; fatalities is the most conservative figure",
    )


def _check_sources(frame: pd.DataFrame) -> None:
    lists = frame[ARTICLE_IDS]
    _fail_if(frame, lists.map(lambda ids: len(set(ids)) != len(ids)), ARTICLE_IDS, "repeats an article id")
    _fail_if(frame, lists.map(lambda ids: "" in ids), ARTICLE_IDS, "holds an empty article id")
    _fail_if(
        frame,
        lists.map(len) != frame[NUMBER_OF_SOURCES],
        NUMBER_OF_SOURCES,
        "differs from the number of article_ids",
    )
    orphan = [
        any(span["article_id"] not in ids for span in parse_evidence(text))
        for ids, text in zip(lists, frame[EVIDENCE], strict=True)
    ]
    _fail_if(frame, np.array(orphan, dtype=bool), EVIDENCE, "cites an article_id not in article_ids")


def _check_geometry(frame: pd.DataFrame) -> None:
    geometry = gpd.GeoSeries(frame[GEOMETRY])
    present = ~shapely.is_missing(geometry.to_numpy())
    _fail_if(frame, present & (geometry.geom_type != "Point").to_numpy(), GEOMETRY, "not a Point")
    _fail_if(frame, present & geometry.is_empty.to_numpy(), GEOMETRY, "an empty Point; use None for no place")
    x, y = geometry.x.to_numpy(), geometry.y.to_numpy()
    min_lon, min_lat, max_lon, max_lat = AFGHANISTAN_BBOX
    for column, coordinate, low, high in (
        (LONGITUDE, x, min_lon, max_lon),
        (LATITUDE, y, min_lat, max_lat),
    ):
        values = frame[column].to_numpy(dtype=float)
        _fail_if(frame, present & np.isnan(values), column, "missing while the geometry is set")
        _fail_if(frame, ~present & ~np.isnan(values), column, "set while the geometry is None")
        with np.errstate(invalid="ignore"):
            _fail_if(
                frame,
                present & (np.abs(values - coordinate) > _COORDINATE_TOLERANCE),
                column,
                "disagrees with the geometry's coordinates",
            )
            _fail_if(frame, (values < low) | (values > high), column, f"outside Afghanistan ({low}-{high})")
    for column in _PLACE_COLUMNS:
        _fail_if(frame, ~present & frame[column].notna().to_numpy(), column, "set while the geometry is None")
    _fail_if(
        frame,
        present & frame[GEO_PRECISION].isna().to_numpy(),
        GEO_PRECISION,
        "missing for a located incident",
    )


def _check_admin(frame: pd.DataFrame) -> None:
    for name, pcode in ((ADMIN1, ADMIN1_PCODE), (ADMIN2, ADMIN2_PCODE)):
        _fail_if(
            frame, frame[name].isna() != frame[pcode].isna(), pcode, f"must be set exactly when {name} is"
        )
        pattern = _PCODE_PATTERNS[pcode]
        _fail_if(frame, ~frame[pcode].str.fullmatch(pattern), pcode, f"not a P-code like {pattern.pattern}")
    _fail_if(frame, frame[ADMIN2].notna() & frame[ADMIN1].isna(), ADMIN1, "missing while admin2 is set")
    outside = [
        isinstance(district, str) and isinstance(province, str) and not district.startswith(province)
        for district, province in zip(frame[ADMIN2_PCODE], frame[ADMIN1_PCODE], strict=True)
    ]
    _fail_if(frame, np.array(outside, dtype=bool), ADMIN2_PCODE, "not inside admin1_pcode")


_CHECKS: Final = (
    _check_required,
    _check_vocabularies,
    _check_ranges,
    _check_actors,
    _check_dates,
    _check_counts,
    _check_sources,
    _check_geometry,
    _check_admin,
)

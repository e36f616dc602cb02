"""Tests for incidents.schema: the dtypes, the vocabularies and every rule of validate_dataset."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString, Point

from incidents.errors import SchemaError
from incidents.schema import (
    ADMIN1,
    ADMIN1_PCODE,
    ADMIN2,
    ADMIN2_PCODE,
    ARTICLE_IDS,
    CLAIM_STATUS,
    COLUMNS,
    DATE_END,
    DATE_START,
    DEATHS_BEST,
    DEATHS_HIGH,
    DEATHS_LOW,
    DISORDER_TYPE,
    DISORDER_TYPE_BY_EVENT_TYPE,
    DTYPES,
    EVENT_DATE,
    EVENT_TYPE,
    EVENT_TYPE_BY_SUB_EVENT_TYPE,
    EVENT_TYPES,
    EVIDENCE,
    FATALITIES,
    GEO_PRECISION,
    GEOCODE_METHOD,
    GEOCODE_SCORE,
    GEOMETRY,
    INCIDENT_ID,
    INJURED_BEST,
    INJURED_HIGH,
    INTER1,
    INTERACTION,
    LATITUDE,
    LOCATION,
    LONGITUDE,
    NUMBER_OF_SOURCES,
    SUB_EVENT_TYPE,
    SUB_EVENT_TYPES,
    SUB_EVENT_TYPES_BY_EVENT_TYPE,
    TIME_PRECISION,
    TYPE_OF_VIOLENCE,
    WHERE_PREC,
    coerce_dataset,
    empty_dataset,
    evidence_json,
    interaction_code,
    parse_evidence,
    validate_dataset,
)

ARTICLES = {
    "tolo-0412": (
        "Taliban fighters attacked a police checkpoint in Dara-e-Suf-e-Payin district of Samangan "
        "province on Tuesday night, killing four policemen, the provincial police spokesman said."
    ),
    "pajhwok-7781": "Five policemen were killed in Dara-e-Suf-e-Payin when Taliban stormed their post.",
    "bakhtar-0090": "A roadside bomb wounded two civilians in Samangan on 9 March, officials said.",
    "rferl-5521": "The Taliban said they had captured several government posts in the north.",
}


def span(article_id: str, phrase: str) -> dict[str, Any]:
    """An evidence span for the first occurrence of ``phrase`` in one of ARTICLES."""
    start = ARTICLES[article_id].index(phrase)
    return {"article_id": article_id, "start": start, "end": start + len(phrase), "text": phrase}


def records() -> list[dict[str, Any]]:
    """Three incidents: a district-level clash, a province-level IED, an undated and unplaced claim."""
    return [
        {
            INCIDENT_ID: "inc-3f9a01",
            ARTICLE_IDS: ["tolo-0412", "pajhwok-7781"],
            NUMBER_OF_SOURCES: 2,
            "source": "TOLOnews; Pajhwok Afghan News",
            EVENT_DATE: dt.date(2021, 6, 1),
            DATE_START: dt.date(2021, 6, 1),
            DATE_END: dt.date(2021, 6, 1),
            TIME_PRECISION: 1,
            DISORDER_TYPE: "Political violence",
            EVENT_TYPE: "Battles",
            SUB_EVENT_TYPE: "Armed clash",
            TYPE_OF_VIOLENCE: 1,
            "actor1": "Taliban",
            INTER1: 2,
            "actor2": "Police Forces of Afghanistan",
            "inter2": 1,
            INTERACTION: 12,
            FATALITIES: 4,
            DEATHS_LOW: 4,
            DEATHS_BEST: 4,
            DEATHS_HIGH: 5,
            "deaths_b": 4,
            CLAIM_STATUS: "disputed",
            "country": "Afghanistan",
            "iso3": "AFG",
            ADMIN1: "Samangan",
            ADMIN1_PCODE: "AF20",
            ADMIN2: "Dara-e-Suf-e-Payin",
            ADMIN2_PCODE: "AF2006",
            LOCATION: "Dara-e-Suf-e-Payin",
            "location_text": "Dara-e-Suf-e-Payin district",
            LATITUDE: 35.9,
            LONGITUDE: 67.3,
            GEO_PRECISION: 2,
            WHERE_PREC: 3,
            GEOCODE_METHOD: "exact",
            GEOCODE_SCORE: 1.0,
            "notes": "On 1 June 2021, Taliban attacked police in Dara-e-Suf-e-Payin, Samangan; 4-5 killed.",
            EVIDENCE: [span("tolo-0412", "killing four policemen"), span("pajhwok-7781", "Five policemen")],
            GEOMETRY: Point(67.3, 35.9),
        },
        {
            INCIDENT_ID: "inc-77b2c4",
            ARTICLE_IDS: ["bakhtar-0090"],
            NUMBER_OF_SOURCES: 1,
            EVENT_DATE: dt.date(2021, 3, 9),
            DATE_START: dt.date(2021, 3, 8),
            DATE_END: dt.date(2021, 3, 9),
            TIME_PRECISION: 2,
            DISORDER_TYPE: "Political violence",
            EVENT_TYPE: "Explosions/Remote violence",
            SUB_EVENT_TYPE: "Remote explosive/landmine/IED",
            TYPE_OF_VIOLENCE: 3,
            "actor1": "Unidentified Armed Group (Afghanistan)",
            INTER1: 3,
            "actor2": "Civilians",
            "inter2": 7,
            INTERACTION: 37,
            FATALITIES: 0,
            DEATHS_LOW: 0,
            DEATHS_BEST: 0,
            DEATHS_HIGH: 0,
            INJURED_BEST: 2,
            CLAIM_STATUS: "reported",
            "country": "Afghanistan",
            "iso3": "AFG",
            ADMIN1: "Samangan",
            ADMIN1_PCODE: "AF20",
            LOCATION: "Samangan",
            "location_text": "Samangan",
            LATITUDE: 35.8,
            LONGITUDE: 67.65,
            GEO_PRECISION: 3,
            WHERE_PREC: 4,
            GEOCODE_METHOD: "admin_fallback",
            GEOCODE_SCORE: 0.8,
            EVIDENCE: [span("bakhtar-0090", "wounded two civilians")],
            GEOMETRY: Point(67.65, 35.8),
        },
        {
            INCIDENT_ID: "inc-c0d7e8",
            ARTICLE_IDS: ["rferl-5521"],
            NUMBER_OF_SOURCES: 1,
            DISORDER_TYPE: "Political violence",
            EVENT_TYPE: "Battles",
            SUB_EVENT_TYPE: "Non-state actor overtakes territory",
            "actor1": "Taliban",
            INTER1: 2,
            INTERACTION: 20,
            FATALITIES: 0,
            CLAIM_STATUS: "claimed",
            "country": "Afghanistan",
            "iso3": "AFG",
            "location_text": "the north",
            EVIDENCE: [span("rferl-5521", "captured several government posts")],
        },
    ]


@pytest.fixture
def dataset() -> gpd.GeoDataFrame:
    return validate_dataset(coerce_dataset(records()))


# --- Building and typing ------------------------------------------------------------------------


def test_coerce_gives_schema_dtypes_and_missing_markers(dataset: gpd.GeoDataFrame) -> None:
    assert tuple(dataset.columns) == COLUMNS
    assert COLUMNS[-1] == GEOMETRY
    assert {column: str(dtype) for column, dtype in dataset.dtypes.items()} == dict(DTYPES)
    assert dataset.crs.to_epsg() == 4326
    first, province, unplaced = (dataset.iloc[i] for i in range(3))
    assert first[ARTICLE_IDS] == ["tolo-0412", "pajhwok-7781"]
    assert first[EVENT_DATE] == pd.Timestamp("2021-06-01")
    assert first[INTERACTION] == 12
    assert dataset.loc[1, ADMIN2] is pd.NA
    assert dataset.loc[1, ADMIN2_PCODE] is pd.NA
    assert province[LOCATION] == "Samangan"
    assert dataset.loc[2, EVENT_DATE] is pd.NaT
    assert dataset.loc[2, TIME_PRECISION] is pd.NA
    assert unplaced[GEOMETRY] is None
    assert np.isnan(unplaced[LATITUDE])
    assert dataset.loc[2, GEO_PRECISION] is pd.NA


def test_evidence_is_stored_as_canonical_json(dataset: gpd.GeoDataFrame) -> None:
    text = dataset.loc[0, EVIDENCE]
    assert text.startswith('[{"article_id":"tolo-0412","start":')
    spans = json.loads(text)
    assert [s["text"] for s in spans] == ["killing four policemen", "Five policemen"]
    assert ARTICLES["pajhwok-7781"][spans[1]["start"] : spans[1]["end"]] == "Five policemen"
    # Reformatted JSON with keys in another order is normalised to the same text.
    loose = json.dumps([dict(reversed(list(s.items()))) for s in spans], indent=2)
    frame = dataset.copy()
    frame[EVIDENCE] = pd.Series([loose, *frame[EVIDENCE][1:]], dtype="string")
    assert validate_dataset(frame).loc[0, EVIDENCE] == text


def test_coerce_accepts_loose_python_values() -> None:
    rows = records()
    rows[0] |= {
        EVENT_DATE: "2021-06-01",
        DATE_START: dt.datetime(2021, 6, 1),
        ARTICLE_IDS: ("tolo-0412", "pajhwok-7781"),
        FATALITIES: 4.0,
        LATITUDE: 35.9,
        ADMIN2: "Dara-e-Suf-e-Payin",
    }
    rows[2][LATITUDE] = None
    frame = validate_dataset(coerce_dataset(rows))
    assert frame.loc[0, EVENT_DATE] == pd.Timestamp("2021-06-01")
    assert frame.loc[0, DATE_START] == pd.Timestamp("2021-06-01")
    assert frame.loc[0, ARTICLE_IDS] == ["tolo-0412", "pajhwok-7781"]
    assert frame.loc[0, FATALITIES] == 4


def test_coerce_rejects_unknown_keys() -> None:
    rows = records()
    rows[0]["mentions"] = []
    with pytest.raises(SchemaError, match="'mentions'"):
        coerce_dataset(rows)


def test_empty_dataset_is_typed_and_valid() -> None:
    frame = empty_dataset()
    assert len(frame) == 0
    assert tuple(frame.columns) == COLUMNS
    assert {column: str(dtype) for column, dtype in frame.dtypes.items()} == dict(DTYPES)
    assert frame.crs.to_epsg() == 4326
    assert len(validate_dataset(frame)) == 0


def test_validate_reorders_columns_and_leaves_input_alone(dataset: gpd.GeoDataFrame) -> None:
    shuffled = dataset[list(reversed(COLUMNS))].set_geometry(GEOMETRY)
    shuffled.index = [10, 11, 12]
    result = validate_dataset(shuffled)
    assert tuple(result.columns) == COLUMNS
    assert list(result.index) == [0, 1, 2]
    assert list(shuffled.index) == [10, 11, 12]
    assert shuffled.columns[0] == GEOMETRY


def test_validate_coerces_safe_dtypes(dataset: gpd.GeoDataFrame) -> None:
    frame = dataset.copy()
    frame[FATALITIES] = frame[FATALITIES].astype("int64")
    frame[GEO_PRECISION] = frame[GEO_PRECISION].astype("float64")
    frame[EVENT_DATE] = frame[EVENT_DATE].astype("datetime64[ns]")
    frame[ADMIN1] = frame[ADMIN1].astype(object)
    result = validate_dataset(frame)
    pd.testing.assert_frame_equal(pd.DataFrame(result), pd.DataFrame(dataset))


# --- Codes ----------------------------------------------------------------------------------


def test_interaction_code_follows_acled() -> None:
    assert interaction_code(1, 2) == 12
    assert interaction_code(2, 1) == 12
    assert interaction_code(8, 8) == 88
    assert interaction_code(2, None) == 20
    assert interaction_code(None, 7) == 70
    assert interaction_code(None, None) is None


def test_vocabularies_are_consistent() -> None:
    assert set(SUB_EVENT_TYPES_BY_EVENT_TYPE) == EVENT_TYPES
    assert len(SUB_EVENT_TYPES) == 25
    assert EVENT_TYPE_BY_SUB_EVENT_TYPE["Air/drone strike"] == "Explosions/Remote violence"
    assert EVENT_TYPE_BY_SUB_EVENT_TYPE["Abduction/forced disappearance"] == "Violence against civilians"
    assert EVENT_TYPE_BY_SUB_EVENT_TYPE["Looting/property destruction"] == "Strategic developments"
    assert DISORDER_TYPE_BY_EVENT_TYPE["Riots"] == "Demonstrations"
    assert set(DISORDER_TYPE_BY_EVENT_TYPE.values()) == {
        "Political violence",
        "Demonstrations",
        "Strategic developments",
    }


def test_evidence_helpers_round_trip() -> None:
    spans = [span("tolo-0412", "Samangan")]
    assert parse_evidence(evidence_json(spans)) == spans
    with pytest.raises(ValueError, match="keys"):
        evidence_json([{"article_id": "a", "start": 0, "end": 1}])
    with pytest.raises(ValueError, match="not valid JSON"):
        parse_evidence("[{")


# --- Every rule raises, naming the column ----------------------------------------------------

Mutation = Callable[[gpd.GeoDataFrame], Any]


def put(column: str, value: object, row: int = 0) -> Mutation:
    """A mutation setting one cell (through an object column, so any value fits)."""

    def mutate(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        frame = frame.copy()
        values = list(frame[column])
        values[row] = value
        if column == GEOMETRY:
            frame[column] = gpd.GeoSeries(values, index=frame.index, crs=frame.crs)
        else:
            frame[column] = pd.Series(values, index=frame.index, dtype=object)
        return frame

    return mutate


def chain(*mutations: Mutation) -> Mutation:
    def mutate(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        for mutation in mutations:
            frame = mutation(frame)
        return frame

    return mutate


SHIFTED = 75.2  # east of Afghanistan
CASES: list[tuple[str, Mutation, str]] = [
    ("missing column", lambda f: f.drop(columns=ADMIN1), r"'admin1'.*missing"),
    ("extra column", lambda f: f.assign(mentions=1), r"'mentions'"),
    ("wrong crs", lambda f: f.set_crs(3857, allow_override=True), r"'geometry'.*EPSG:4326"),
    ("no crs", lambda f: f.set_crs(None, allow_override=True), r"'geometry'.*missing"),
    ("text in int column", put(FATALITIES, "four"), r"'fatalities'.*'four'.*inc-3f9a01"),
    ("fractional count", put(DEATHS_BEST, 4.5), r"'deaths_best'"),
    ("number in text column", put(ADMIN1, 20), r"'admin1'"),
    ("boolean column", lambda f: f.assign(inter1=True), r"'inter1'.*boolean"),
    ("time of day", put(EVENT_DATE, dt.datetime(2021, 6, 1, 14, 30)), r"'event_date'.*midnight"),
    ("bad date text", put(DATE_END, "June 2021"), r"'date_end'.*'June 2021'"),
    ("tz-aware date", lambda f: f.assign(date_end=f[DATE_END].dt.tz_localize("UTC")), r"'date_end'"),
    ("string ids", put(ARTICLE_IDS, "tolo-0412"), r"'article_ids'.*list of strings"),
    ("unknown event type", put(EVENT_TYPE, "Battle", 1), r"'event_type'.*'Battle'.*inc-77b2c4"),
    ("unknown sub event", put(SUB_EVENT_TYPE, "Ambush"), r"'sub_event_type'.*'Ambush'"),
    ("sub event of other type", put(SUB_EVENT_TYPE, "Suicide bomb"), r"'sub_event_type'.*belong"),
    ("disorder mismatch", put(DISORDER_TYPE, "Demonstrations"), r"'disorder_type'.*event_type"),
    ("unknown claim status", put(CLAIM_STATUS, "alleged"), r"'claim_status'.*'alleged'"),
    ("unknown geocode method", put(GEOCODE_METHOD, "guess"), r"'geocode_method'.*'guess'"),
    ("other country", put("country", "Pakistan"), r"'country'.*'Pakistan'"),
    ("missing required", put(INCIDENT_ID, None, 1), r"'incident_id'.*missing.*row 1"),
    ("missing fatalities", put(FATALITIES, None), r"'fatalities'.*required"),
    ("empty string", put(ADMIN2, "", 1), r"'admin2'.*empty string.*inc-77b2c4"),
    ("duplicate id", put(INCIDENT_ID, "inc-3f9a01", 2), r"'incident_id'.*duplicate.*inc-3f9a01"),
    ("low above best", put(DEATHS_LOW, 5), r"'deaths_low'.*deaths_best"),
    ("best above high", put(DEATHS_BEST, 6), r"'deaths_high'.*deaths_best"),
    ("injured best above high", chain(put(INJURED_BEST, 3, 1), put(INJURED_HIGH, 2, 1)), r"'injured_high'"),
    ("fatalities above high", put(FATALITIES, 6), r"'fatalities'.*deaths_high"),
    ("negative count", put("deaths_civilians", -1, 1), r"'deaths_civilians'.*below 0"),
    ("time precision range", put(TIME_PRECISION, 4), r"'time_precision'.*above 3"),
    ("geo precision range", put(GEO_PRECISION, 0), r"'geo_precision'.*below 1"),
    ("where prec range", put(WHERE_PREC, 8), r"'where_prec'.*above 7"),
    ("type of violence range", put(TYPE_OF_VIOLENCE, 4), r"'type_of_violence'.*above 3"),
    ("inter code range", put(INTER1, 9), r"'inter1'.*above 8"),
    ("score range", put(GEOCODE_SCORE, 1.5), r"'geocode_score'.*0-1"),
    ("interaction wrong", put(INTERACTION, 21), r"'interaction'.*inc-3f9a01"),
    ("interaction missing", put(INTERACTION, None, 2), r"'interaction'.*inc-c0d7e8"),
    ("inter without actor", put("actor2", None), r"'inter2'.*actor2"),
    ("start after event", put(DATE_START, dt.date(2021, 6, 2)), r"'date_start'.*after event_date"),
    ("end before event", put(DATE_END, dt.date(2021, 3, 8), 1), r"'date_end'.*before event_date"),
    ("partial dates", put(DATE_END, None), r"'event_date'.*all set or all missing"),
    ("dated without precision", put(TIME_PRECISION, None), r"'time_precision'.*missing"),
    ("undated with precision", put(TIME_PRECISION, 3, 2), r"'time_precision'.*undated"),
    ("source count", put(NUMBER_OF_SOURCES, 3), r"'number_of_sources'.*article_ids"),
    ("repeated article", put(ARTICLE_IDS, ["tolo-0412", "tolo-0412"]), r"'article_ids'.*repeats"),
    ("evidence not json", put(EVIDENCE, "killing four policemen"), r"'evidence'.*JSON.*inc-3f9a01"),
    ("evidence not list", put(EVIDENCE, '{"article_id": "x"}'), r"'evidence'.*list"),
    ("evidence key missing", put(EVIDENCE, '[{"article_id": "tolo-0412", "start": 0}]'), r"'evidence'.*keys"),
    (
        "evidence offsets",
        put(EVIDENCE, '[{"article_id":"tolo-0412","start":5,"end":3,"text":""}]'),
        r"'evidence'.*start <= end",
    ),
    (
        "evidence text length",
        put(EVIDENCE, '[{"article_id":"tolo-0412","start":0,"end":3,"text":"Taliban"}]'),
        r"'evidence'.*7 characters",
    ),
    (
        "evidence foreign article",
        put(EVIDENCE, evidence_json([span("tolo-0412", "Samangan")]), 1),
        r"'evidence'.*not in",
    ),
    ("line geometry", put(GEOMETRY, LineString([(67.3, 35.9), (67.4, 36.0)])), r"'geometry'.*not a Point"),
    ("empty point", put(GEOMETRY, Point()), r"'geometry'.*empty"),
    ("latitude disagrees", put(LATITUDE, 35.95), r"'latitude'.*disagrees"),
    ("latitude without geometry", put(LATITUDE, 35.0, 2), r"'latitude'.*geometry is None"),
    ("geometry without latitude", put(LATITUDE, None), r"'latitude'.*missing"),
    (
        "outside afghanistan",
        chain(put(LONGITUDE, SHIFTED), put(GEOMETRY, Point(SHIFTED, 35.9))),
        r"'longitude'.*outside Afghanistan",
    ),
    ("place without geometry", put(ADMIN1, "Balkh", 2), r"'admin1'.*geometry is None"),
    ("geometry without precision", put(GEO_PRECISION, None), r"'geo_precision'.*located"),
    ("pcode without name", put(ADMIN2, None), r"'admin2_pcode'.*admin2"),
    ("malformed pcode", put(ADMIN1_PCODE, "AF-20"), r"'admin1_pcode'.*P-code"),
    ("district outside province", put(ADMIN2_PCODE, "AF1106"), r"'admin2_pcode'.*inside"),
]


@pytest.mark.parametrize(("mutation", "message"), [case[1:] for case in CASES], ids=[c[0] for c in CASES])
def test_validate_rejects(dataset: gpd.GeoDataFrame, mutation: Mutation, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        validate_dataset(mutation(dataset))


def test_validate_rejects_plain_dataframe(dataset: gpd.GeoDataFrame) -> None:
    with pytest.raises(SchemaError, match="GeoDataFrame"):
        validate_dataset(pd.DataFrame(dataset))


def test_validate_accepts_boundary_values(dataset: gpd.GeoDataFrame) -> None:
    frame = chain(
        put(FATALITIES, 5),  # equal to deaths_high is allowed
        put(GEOCODE_SCORE, 0.0, 1),
        put(LATITUDE, 35.9 + 4e-7),  # within GeoJSON's six decimals of the point
    )(dataset)
    assert validate_dataset(frame).loc[0, FATALITIES] == 5

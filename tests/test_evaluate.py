"""Tests for incidents.evaluate and the ``incidents evaluate`` subcommand, against hand counts."""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from incidents import _cli_evaluate
from incidents.errors import InputError, SchemaError
from incidents.evaluate import (
    evaluate_against,
    evaluate_labelled,
    render_table,
    write_report,
)

UCDP_HEADER = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_new_id",
    "conflict_name", "dyad_new_id", "dyad_name", "side_a_new_id", "side_a", "side_b_new_id", "side_b",
    "number_of_sources", "source_article", "source_office", "source_date", "source_headline",
    "source_original", "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2",
    "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low",
]  # fmt: skip

ACLED_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]  # fmt: skip


def _write_csv(path: Path, header: list[str], rows: list[dict[str, object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _dataset(rows: list[dict[str, object]]) -> gpd.GeoDataFrame:
    frame = pd.DataFrame(rows)
    for column in ("event_date", "date_start", "date_end"):
        frame[column] = pd.to_datetime(frame["event_date"]).dt.date
    geometry = gpd.points_from_xy(frame["longitude"], frame["latitude"], crs="EPSG:4326")
    return gpd.GeoDataFrame(frame, geometry=geometry)


def _incident(incident_id: str, day: str, lat: float, lon: float, **columns: object) -> dict[str, object]:
    """One dataset row: SCHEMA column names, with the given columns over quiet defaults."""
    row: dict[str, object] = {
        "incident_id": incident_id,
        "article_ids": [],
        "event_date": day,
        "latitude": lat,
        "longitude": lon,
        "admin2": "",
        "admin2_pcode": "",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "type_of_violence": 1,
        "claim_status": "reported",
        "actor1": "Taliban",
        "actor2": "Military Forces of Afghanistan",
    }
    row.update(columns)
    return row


@pytest.fixture
def dataset() -> gpd.GeoDataFrame:
    return _dataset(
        [
            _incident(
                "inc-herat", "2019-09-14", 34.3482, 62.1997, article_ids=["art-1", "art-2"],
                admin1="Hirat", admin1_pcode="AF32", admin2="Hirat", admin2_pcode="AF3201",
                deaths_low=4, deaths_best=5, deaths_high=6, fatalities=4, type_of_violence=1,
            ),
            _incident(
                "inc-kandahar", "2019-09-15", 31.6133, 65.7101, article_ids=["art-2"],
                admin1="Kandahar", admin1_pcode="AF27", admin2="Kandahar", admin2_pcode="AF2701",
                deaths_low=3, deaths_best=3, deaths_high=3, fatalities=3, type_of_violence=3,
                event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
            ),
            _incident(
                "inc-kabul", "2019-09-16", 34.5553, 69.2075, article_ids=["art-3"],
                admin1="Kabul", admin1_pcode="AF01", admin2="Kabul", admin2_pcode="AF0101",
                deaths_low=8, deaths_best=10, deaths_high=12, fatalities=8, type_of_violence=2,
                event_type="Explosions/Remote violence", sub_event_type="Suicide bomb",
                claim_status="claimed",
            ),
            _incident(
                "inc-kunduz", "2019-09-20", 36.7280, 68.8681, article_ids=["art-3"],
                admin1="Kunduz", admin1_pcode="AF19", admin2="Kunduz", admin2_pcode="AF1901",
                deaths_low=2, deaths_best=2, deaths_high=2, fatalities=2,
            ),
            _incident(
                "inc-jalalabad", "2019-09-25", 34.4265, 70.4515, article_ids=["art-9"],
                admin1="Nangarhar", admin1_pcode="AF06", admin2="Jalalabad", admin2_pcode="AF0601",
                deaths_low=1, deaths_best=1, deaths_high=1, fatalities=1,
            ),
        ]
    )  # fmt: skip


def _ucdp(event_id: int, day: str, lat: float, lon: float, **columns: object) -> dict[str, object]:
    """One UCDP GED row, its real column names, with the given columns over plausible defaults."""
    row: dict[str, object] = {
        "id": event_id,
        "year": int(day[:4]),
        "type_of_violence": 1,
        "side_a": "Government of Afghanistan",
        "side_b": "Taleban",
        "where_prec": 1,
        "latitude": lat,
        "longitude": lon,
        "country": "Afghanistan",
        "date_start": f"{day} 00:00:00.000",
        "date_end": f"{day} 00:00:00.000",
    }
    row.update(columns)
    return row


@pytest.fixture
def ucdp_csv(tmp_path: Path) -> Path:
    rows = [
        _ucdp(301, "2019-09-14", 34.2700, 62.1200, adm_1="Hirat province", adm_2="Hirat district",
              low=5, best=6, high=8),
        # where_prec 4: only the province is known, so there is no district to compare.
        _ucdp(302, "2019-09-16", 31.6500, 65.6500, adm_1="Kandahar province", adm_2="", where_prec=4,
              low=3, best=3, high=3, type_of_violence=3),
        _ucdp(303, "2019-09-16", 34.3956, 68.8669, adm_1="Wardak province", adm_2="Maydan Shahr district",
              low=4, best=4, high=4),
        _ucdp(304, "2019-09-18", 33.5492, 68.4233, adm_1="Ghazni province", adm_2="Ghazni district",
              low=2, best=2, high=2),
        # Peshawar: dropped by the country filter.
        _ucdp(305, "2019-09-16", 34.0151, 71.5249, adm_1="Khyber Pakhtunkhwa province", country="Pakistan",
              low=1, best=1, high=1),
    ]  # fmt: skip
    return _write_csv(tmp_path / "ged_afg.csv", UCDP_HEADER, rows)


# Hand count, UCDP (window 1 day, 50 km):
#   inc-herat    - 301  11.4 km, same day.    Hirat = "Hirat province" (agree); district Hirat = Hirat
#                       (agree); deaths 5 vs best 6, in [5, 8] (within, not equal); violence 1 = 1.
#   inc-kandahar - 302   7.0 km, 1 day gap.   Kandahar agrees; district not compared (where_prec 4);
#                       deaths 3 = 3 (equal, within); violence 3 = 3.
#   inc-kabul    - 303  36.0 km, same day.    Kabul AF01 vs Wardak AF04 (disagree); Kabul vs Maydan Shahr
#                       (disagree); deaths 10 vs [4, 4] (neither); violence 2 vs 1 (disagree).
#   304 (Ghazni) is 133 km from Kabul: missed. inc-kunduz, inc-jalalabad: extra. 305 is in Pakistan: dropped.
#   -> 5 incidents, 4 events, 3 matched, 1 missed, 2 extra; precision 3/5, recall 3/4;
#      province 2/3, district 1/2, type 2/3, deaths equal 1/3, within 2/3,
#      mean |log1p| = (|ln 6 - ln 7| + 0 + |ln 11 - ln 5|) / 3;
#      km sorted 7.0, 11.4, 36.0: median 11.4, mean 18.1, p90 = 11.36 + 0.8 * (35.96 - 11.36) = 31.0.
def test_ucdp_hand_count(dataset: gpd.GeoDataFrame, ucdp_csv: Path) -> None:
    report = evaluate_against(dataset, ucdp_csv)

    assert report.reference_format == "UCDP"
    assert (report.incidents, report.reference_events) == (5, 4)
    assert (report.matched, report.missed, report.extra) == (3, 1, 2)
    assert report.precision == pytest.approx(0.6)
    assert report.recall == pytest.approx(0.75)
    assert (report.province.agreed, report.province.compared) == (2, 3)
    assert (report.district.agreed, report.district.compared) == (1, 2)
    assert (report.event_type.agreed, report.event_type.compared) == (2, 3)
    assert (report.deaths_exact.agreed, report.deaths_exact.compared) == (1, 3)
    assert (report.deaths_within.agreed, report.deaths_within.compared) == (2, 3)
    expected_log = (abs(math.log(6) - math.log(7)) + abs(math.log(11) - math.log(5))) / 3
    assert report.deaths_mae_log1p == pytest.approx(expected_log)
    assert report.km_median == pytest.approx(11.4, abs=0.05)
    assert report.km_mean == pytest.approx(18.1, abs=0.05)
    assert report.km_p90 == pytest.approx(31.0, abs=0.05)

    pairs = {(p.incident_id, p.reference_id): p for p in report.pairs}
    assert set(pairs) == {("inc-herat", "301"), ("inc-kandahar", "302"), ("inc-kabul", "303")}
    assert pairs["inc-herat", "301"].km == pytest.approx(11.4, abs=0.05)
    assert pairs["inc-kandahar", "302"].date_gap_days == 1
    assert (pairs["inc-kabul", "303"].deaths, pairs["inc-kabul", "303"].reference_deaths) == (10, 4)
    assert report.missed_ids == ("304",)
    assert report.extra_ids == ("inc-kunduz", "inc-jalalabad")


def test_window_region_and_period_filters(dataset: gpd.GeoDataFrame, ucdp_csv: Path) -> None:
    # No day of slack: inc-kandahar (15th) and 302 (16th) no longer meet.
    tight = evaluate_against(dataset, ucdp_csv, date_window_days=0)
    assert (tight.matched, tight.missed, tight.extra) == (2, 2, 3)

    # Hirat by name and Kandahar by P-code: two incidents, two events, both matched.
    region = evaluate_against(dataset, ucdp_csv, admin1=["Herat", "AF27"])
    assert (region.incidents, region.reference_events, region.matched) == (2, 2, 2)

    # 15th-19th: kandahar, kabul (kunduz is the 20th) against 302, 303, 304 (301 is the 14th).
    period = evaluate_against(dataset, ucdp_csv, start=date(2019, 9, 15), end=date(2019, 9, 19))
    assert (period.incidents, period.reference_events) == (2, 3)
    assert (period.matched, period.missed, period.extra) == (2, 1, 0)


def test_sides_must_agree(dataset: gpd.GeoDataFrame, tmp_path: Path) -> None:
    reference = tmp_path / "ged.csv"
    row = _ucdp(401, "2019-09-14", 34.2700, 62.1200, adm_1="Hirat province", best=1, type_of_violence=2)
    # The dataset's inc-herat is the Taliban against the Afghan army: the Taliban are the common party.
    _write_csv(reference, UCDP_HEADER, [{**row, "side_a": "IS", "side_b": "Taleban"}])
    assert evaluate_against(dataset, reference, use_sides=True).matched == 1
    _write_csv(reference, UCDP_HEADER, [{**row, "side_a": "IS", "side_b": "Civilians"}])
    assert evaluate_against(dataset, reference).matched == 1
    assert evaluate_against(dataset, reference, use_sides=True).matched == 0


def _acled(event_id: str, day: str, lat: float, lon: float, **columns: object) -> dict[str, object]:
    """One ACLED export row, its real column names, with the given columns over plausible defaults."""
    row: dict[str, object] = {
        "event_id_cnty": event_id,
        "event_date": day,
        "year": 2019,
        "disorder_type": "Political violence",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Taliban",
        "actor2": "Military Forces of Afghanistan (2004-2021)",
        "iso": 4,
        "country": "Afghanistan",
        "latitude": lat,
        "longitude": lon,
        "geo_precision": 1,
        "fatalities": 1,
    }
    row.update(columns)
    return row


# Hand count, ACLED ("14 September 2019" dates; the dataset's fatalities are compared):
#   inc-herat    - AFG1001  11.4 km. ACLED "Herat" = OCHA "Hirat" (agree); district "Herat" vs "Hirat"
#                           (disagree: by name, without a gazetteer); 4 = 4; Battles = Battles.
#   inc-kandahar - AFG1002   7.0 km, 1 day. Province and district agree; 3 = 3;
#                           Explosions/Remote violence vs Violence against civilians (disagree).
#   -> 5 incidents, 2 events, 2 matched, 0 missed, 3 extra; province 2/2, district 1/2, deaths 2/2, type 1/2.
def test_acled_hand_count(dataset: gpd.GeoDataFrame, tmp_path: Path) -> None:
    rows = [
        _acled("AFG1001", "14 September 2019", 34.2700, 62.1200, admin1="Herat", admin2="Herat",
               fatalities=4),
        _acled("AFG1002", "2019-09-16", 31.6500, 65.6500, admin1="Kandahar", admin2="Kandahar",
               fatalities=3, event_type="Violence against civilians", sub_event_type="Attack"),
        _acled("PAK2001", "2019-09-16", 34.0151, 71.5249, admin1="Khyber Pakhtunkhwa", admin2="Peshawar",
               country="Pakistan"),
    ]  # fmt: skip
    report = evaluate_against(dataset, _write_csv(tmp_path / "acled.csv", ACLED_HEADER, rows))

    assert report.reference_format == "ACLED"
    assert (report.incidents, report.reference_events) == (5, 2)
    assert (report.matched, report.missed, report.extra) == (2, 0, 3)
    assert (report.province.agreed, report.province.compared) == (2, 2)
    assert (report.district.agreed, report.district.compared) == (1, 2)
    assert (report.deaths_exact.agreed, report.deaths_exact.compared) == (2, 2)
    assert (report.deaths_within.agreed, report.deaths_within.compared) == (2, 2)
    assert (report.event_type.agreed, report.event_type.compared) == (1, 2)


# Greedy would be wrong. On the 66th meridian, same day, provinces that never agree:
#   A 34.000  X 34.045  (A-X  5.0 km)      Y 33.640  (A-Y 39.9 km)
#   B 34.450            (B-X 44.9 km)                (B-Y 89.8 km, too far)
# Greedy takes the closest pair A-X first and leaves B alone: 1 match. The one-to-one assignment
# maximises matches: A-Y and B-X, 2 matches, errors 39.9 and 44.9 km.
def test_assignment_beats_greedy(tmp_path: Path) -> None:
    bamyan = {"admin1": "Bamyan", "admin1_pcode": "AF10", "deaths_best": 1}
    dataset = _dataset(
        [
            _incident("A", "2020-05-02", 34.000, 66.0, **bamyan),
            _incident("B", "2020-05-02", 34.450, 66.0, **bamyan),
        ]
    )
    rows = [
        _acled("AFG1", "2020-05-02", 34.045, 66.0, admin1="Ghor"),
        _acled("AFG2", "2020-05-02", 33.640, 66.0, admin1="Daykundi"),
    ]
    report = evaluate_against(dataset, _write_csv(tmp_path / "acled.csv", ACLED_HEADER, rows))

    assert report.matched == 2
    assert {(p.incident_id, p.reference_id) for p in report.pairs} == {("A", "AFG2"), ("B", "AFG1")}
    assert sorted(round(p.km or 0, 1) for p in report.pairs) == [39.9, 44.9]


class _FakeGazetteer:
    """Says every point is in Kabul's first district: P-codes then decide, not names."""

    def reverse_many(self, lats: Sequence[float], lons: Sequence[float], /) -> pd.DataFrame:
        return pd.DataFrame({"admin1_pcode": ["AF01"] * len(lats), "admin2_pcode": ["AF0101"] * len(lats)})


def test_gazetteer_pcodes_take_precedence(dataset: gpd.GeoDataFrame, ucdp_csv: Path) -> None:
    only_kabul = dataset[dataset["incident_id"] == "inc-kabul"]
    by_name = evaluate_against(only_kabul, ucdp_csv)
    by_code = evaluate_against(only_kabul, ucdp_csv, gazetteer=_FakeGazetteer())
    assert (by_name.province.agreed, by_name.district.agreed) == (0, 0)
    assert (by_code.province.agreed, by_code.district.agreed) == (1, 1)


def test_bad_inputs(dataset: gpd.GeoDataFrame, tmp_path: Path) -> None:
    neither = tmp_path / "events.csv"
    neither.write_text("id,date,lat,lon\n1,2019-09-14,34.3,62.2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"events\.csv.*missing date_start.*missing event_id_cnty"):
        evaluate_against(dataset, neither)
    with pytest.raises(InputError, match="does not exist"):
        evaluate_against(dataset, tmp_path / "nothing.csv")
    bad_date = _write_csv(tmp_path / "bad.csv", ACLED_HEADER, [_acled("AFG1", "Sept 14th", 34.27, 62.12)])
    with pytest.raises(InputError, match=r"row 2: field 'event_date'"):
        evaluate_against(dataset, bad_date)
    good = _write_csv(tmp_path / "good.csv", ACLED_HEADER, [_acled("AFG1", "2019-09-14", 34.27, 62.12)])
    with pytest.raises(InputError, match="Unknown province 'Atlantis'"):
        evaluate_against(dataset, good, admin1=["Atlantis"])
    with pytest.raises(SchemaError, match="incident_id"):
        evaluate_against(dataset.drop(columns="incident_id"), good)


def _gold_line(article_id: str, incidents: list[dict[str, object]]) -> str:
    return json.dumps({"article_id": article_id, "published": "2019-09-16", "incidents": incidents})


def _gold(day: str, admin1_pcode: str, **fields: object) -> dict[str, object]:
    """One labelled incident in the gold format, with the given fields over plausible defaults."""
    incident: dict[str, object] = {
        "event_date": day,
        "admin1_pcode": admin1_pcode,
        "admin2_pcode": None,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED",
        "actor1": "Taliban",
        "actor2": "Military Forces of Afghanistan",
        "injured_best": None,
        "claim_status": "reported",
    }
    incident.update(fields)
    return incident


# Hand count, labelled. art-1 and art-2 both label the Herat clash (same date, P-codes, type): one incident.
#   g-herat     (art-1, art-2) - inc-herat:    district agrees; 5 = 5; reported = reported; clash = clash.
#   g-kandahar  (art-2)        - inc-kandahar: 3 in [2, 4] but not 4; claimed vs reported; IED = IED.
#   g-kabul     (art-3)        - inc-kabul:    district agrees; 10 = 10; claimed = claimed; suicide bomb.
#   g-jalalabad (art-3)        - no row citing art-3 is in Nangarhar: missed.
#   inc-kunduz cites art-3 but fits no gold incident: extra. inc-jalalabad cites only art-9: not evaluated.
#   -> 4 incidents, 4 gold, 3 matched, 1 missed, 1 extra; claim 2/3, sub-event 3/3, deaths equal 2/3,
#      within 3/3, type 3/3, district 3/3.
#   Per article (gold, found, matched, missed, extra): art-1 1 1 1 0 0; art-2 2 2 2 0 0; art-3 2 2 1 1 1;
#   art-4 (no incidents) 0 0 0 0 0.
def test_labelled_hand_count(dataset: gpd.GeoDataFrame, tmp_path: Path) -> None:
    herat = _gold(
        "2019-09-14",
        "AF32",
        admin2_pcode="AF3201",
        event_type="Battles",
        sub_event_type="Armed clash",
        deaths_low=4,
        deaths_best=5,
        deaths_high=6,
    )
    kandahar = _gold(
        "2019-09-15",
        "AF27",
        admin2_pcode="AF2701",
        deaths_low=2,
        deaths_best=4,
        deaths_high=4,
        claim_status="claimed",
    )
    kabul = _gold(
        "2019-09-16",
        "AF01",
        admin2_pcode="AF0101",
        sub_event_type="Suicide bomb",
        deaths_low=10,
        deaths_best=10,
        deaths_high=12,
        claim_status="claimed",
    )
    jalalabad = _gold("2019-09-17", "AF06", deaths_low=1, deaths_best=1, deaths_high=1)
    lines = [
        _gold_line("art-1", [herat]),
        _gold_line("art-2", [herat, kandahar]),
        "",
        _gold_line("art-3", [kabul, jalalabad]),
        _gold_line("art-4", []),
    ]  # fmt: skip
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")

    report = evaluate_labelled(dataset, gold)

    assert report.reference_format == "gold"
    assert (report.incidents, report.reference_events) == (4, 4)
    assert (report.matched, report.missed, report.extra) == (3, 1, 1)
    assert report.claim_status is not None and report.sub_event_type is not None
    assert (report.claim_status.agreed, report.claim_status.compared) == (2, 3)
    assert (report.sub_event_type.agreed, report.sub_event_type.compared) == (3, 3)
    assert (report.deaths_exact.agreed, report.deaths_within.agreed, report.deaths_exact.compared) == (
        2,
        3,
        3,
    )
    assert (report.event_type.agreed, report.district.agreed, report.district.compared) == (3, 3, 3)
    assert report.extra_ids == ("inc-kunduz",)
    detail = {a.article_id: (a.gold, a.found, a.matched, a.missed, a.extra) for a in report.articles}
    assert detail == {
        "art-1": (1, 1, 1, 0, 0),
        "art-2": (2, 2, 2, 0, 0),
        "art-3": (2, 2, 1, 1, 1),
        "art-4": (0, 0, 0, 0, 0),
    }


def test_labelled_repeats_within_an_article_are_distinct(dataset: gpd.GeoDataFrame, tmp_path: Path) -> None:
    # art-1 labels two identical IEDs (two incidents), art-2 one of them again: 2 gold incidents, not 3 or 1.
    ied = _gold("2019-09-14", "AF32", admin2_pcode="AF3201")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        _gold_line("art-1", [ied, ied]) + "\n" + _gold_line("art-2", [ied]) + "\n", encoding="utf-8"
    )
    report = evaluate_labelled(dataset, gold)
    assert (report.reference_events, report.matched, report.missed) == (2, 1, 1)
    assert [(a.article_id, a.gold, a.matched) for a in report.articles] == [("art-1", 2, 1), ("art-2", 1, 1)]


def test_labelled_incident_keys_say_which_entries_are_one_incident(
    dataset: gpd.GeoDataFrame, tmp_path: Path
) -> None:
    # two look-alike IEDs on one day in one district, one told by art-1 and art-3, the other by art-2 alone
    first = {**_gold("2019-09-14", "AF32", admin2_pcode="AF3201"), "incident_key": "ied-morning"}
    second = {**_gold("2019-09-14", "AF32", admin2_pcode="AF3201"), "incident_key": "ied-evening"}
    gold = tmp_path / "gold.jsonl"
    lines = [_gold_line("art-1", [first]), _gold_line("art-2", [second]), _gold_line("art-3", [first])]
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = evaluate_labelled(dataset, gold)
    assert report.reference_events == 2


def test_labelled_bad_line(dataset: gpd.GeoDataFrame, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        _gold_line("art-1", [])
        + "\n"
        + json.dumps({"article_id": "art-2", "incidents": [{"event_date": "soon"}]}),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"line 2: incidents\[0\]\.event_date"):
        evaluate_labelled(dataset, gold)


def test_report_files_and_table(dataset: gpd.GeoDataFrame, ucdp_csv: Path, tmp_path: Path) -> None:
    report = evaluate_against(dataset, ucdp_csv)
    table = render_table(report)
    assert re.search(r"^missed \(in reference, not found\) +1$", table, re.MULTILINE)
    assert re.search(r"^extra \(found, not in reference\) +2$", table, re.MULTILINE)
    assert re.search(r"^province agrees +0\.667 \(2/3\)$", table, re.MULTILINE)

    data = json.loads(write_report(report, tmp_path / "r.json").read_text(encoding="utf-8"))
    assert (data["matched"], data["missed"], data["extra"]) == (3, 1, 2)
    assert data["criteria"]["max_km"] == 50.0
    assert data["pairs"][0]["incident_id"] == "inc-herat"
    markdown = write_report(report, tmp_path / "r.md").read_text(encoding="utf-8")
    assert "| matched | 3 |" in markdown
    assert "| inc-herat | 301 | 11.4 | 0 | 5 | 6 |" in markdown
    with pytest.raises(InputError, match=r"\.json or \.md"):
        write_report(report, tmp_path / "r.txt")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.fixture
def parser(monkeypatch: pytest.MonkeyPatch) -> argparse.ArgumentParser:
    # Keep the subcommand on name comparison (no gazetteer); the hand-made dataset has only the columns
    # the comparison reads, so it is read as it is, not through the schema validator
    monkeypatch.setattr(_cli_evaluate, "_load_gazetteer", lambda: None)
    monkeypatch.setattr(_cli_evaluate, "_read_dataset", gpd.read_parquet)
    parser = argparse.ArgumentParser(prog="incidents")
    _cli_evaluate.register(parser.add_subparsers(dest="command"))
    return parser


def test_cli_writes_json_and_markdown(
    parser: argparse.ArgumentParser,
    dataset: gpd.GeoDataFrame,
    ucdp_csv: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "incidents.parquet"
    dataset.to_parquet(path)
    for name in ("report.json", "report.md"):
        args = parser.parse_args(
            [
                "evaluate",
                str(path),
                "--against",
                str(ucdp_csv),
                "--report",
                str(tmp_path / name),
                "--max-km",
                "50",
            ]
        )
        assert args.handler(args) == 0
    assert "matched" in capsys.readouterr().out
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["matched"] == 3
    assert "| extra (found, not in reference) | 2 |" in (tmp_path / "report.md").read_text(encoding="utf-8")

    args = parser.parse_args(["evaluate", str(path), "--against", str(ucdp_csv), "--admin1", "Hirat", "AF27"])
    assert args.admin1 == ["Hirat", "AF27"]
    assert args.handler(args) == 0


def test_cli_rejects_bad_use(
    parser: argparse.ArgumentParser, dataset: gpd.GeoDataFrame, tmp_path: Path
) -> None:
    path = tmp_path / "incidents.parquet"
    dataset.to_parquet(path)
    args = parser.parse_args(["evaluate", str(path), "--gold", "g.jsonl", "--max-km", "10"])
    with pytest.raises(InputError, match="--max-km only apply with --against"):
        args.handler(args)
    args = parser.parse_args(["evaluate", str(path), "--against", "ged.csv", "--report", "out.html"])
    with pytest.raises(InputError, match=r"\.json or \.md"):
        args.handler(args)
    with pytest.raises(SystemExit):
        parser.parse_args(["evaluate", str(path)])  # neither --against nor --gold


def test_the_command_line_starts_without_the_heavy_libraries() -> None:
    # `incidents --help` and the evaluate parser must not pay for scipy, geopandas or spaCy
    import subprocess
    import sys

    code = (
        "import sys, argparse, incidents.cli, incidents._cli_evaluate, gazetteer.errors;"
        "p = argparse.ArgumentParser(); incidents._cli_evaluate.register(p.add_subparsers());"
        "print(sorted(m for m in ('geopandas', 'pandas', 'scipy', 'spacy', 'shapely') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

"""Tests for incidents.export: round trips, file details of each format, determinism and atomicity."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyogrio
import pytest
from shapely.geometry import Point

from incidents.errors import InputError, SchemaError
from incidents.export import (
    FORMATS,
    PARQUET_ROW_GROUP_ROWS,
    GeoJsonFormat,
    GeoPackageFormat,
    _pin_parquet_schema,
    read_dataset,
    write_dataset,
    write_dataset_chunks,
)
from incidents.schema import COLUMNS, GEOMETRY, coerce_dataset, empty_dataset, validate_dataset

TEXT = {
    "tolo-0412": "Taliban fighters attacked a police checkpoint in Dara-e-Suf-e-Payin district of Samangan.",
    "pajhwok-7781": "Five policemen were killed in Dara-e-Suf-e-Payin, said Sediq Azizi.",
    "bakhtar-0090": "انفجار ماین کنار جاده در سمنگان two civilians were wounded",
}


def span(article_id: str, phrase: str) -> dict[str, Any]:
    start = TEXT[article_id].index(phrase)
    return {"article_id": article_id, "start": start, "end": start + len(phrase), "text": phrase}


def dataset() -> gpd.GeoDataFrame:
    """A district-level clash, a province-level IED (no district), and an undated, unplaced claim."""
    common = {"country": "Afghanistan", "iso3": "AFG", "disorder_type": "Political violence"}
    rows: list[dict[str, Any]] = [
        common
        | {
            "incident_id": "inc-3f9a01",
            "article_ids": ["tolo-0412", "pajhwok-7781"],
            "number_of_sources": 2,
            "source": "TOLOnews; Pajhwok Afghan News",
            "event_date": dt.date(2021, 6, 1),
            "date_start": dt.date(2021, 6, 1),
            "date_end": dt.date(2021, 6, 1),
            "time_precision": 1,
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "type_of_violence": 1,
            "actor1": "Taliban",
            "inter1": 2,
            "actor2": "Police Forces of Afghanistan",
            "inter2": 1,
            "interaction": 12,
            "named_persons": "Sediq Azizi (police spokesman)",
            "fatalities": 4,
            "deaths_low": 4,
            "deaths_best": 5,
            "deaths_high": 5,
            "claim_status": "disputed",
            "admin1": "Samangan",
            "admin1_pcode": "AF20",
            "admin2": "Dara-e-Suf-e-Payin",
            "admin2_pcode": "AF2006",
            "location": "Dara-e-Suf-e-Payin",
            "location_text": "Dara-e-Suf-e-Payin district",
            "latitude": 35.9,
            "longitude": 67.3,
            "geo_precision": 2,
            "where_prec": 3,
            "geocode_method": "exact",
            "geocode_score": 0.97,
            "notes": 'Taliban attacked a police post in "Dara-e-Suf-e-Payin";\n4-5 police killed.',
            "evidence": [span("tolo-0412", "Dara-e-Suf-e-Payin"), span("pajhwok-7781", "Five policemen")],
            "geometry": Point(67.3, 35.9),
        },
        common
        | {
            "incident_id": "inc-77b2c4",
            "article_ids": ["bakhtar-0090"],
            "number_of_sources": 1,
            "event_date": dt.date(2021, 3, 9),
            "date_start": dt.date(2021, 3, 8),
            "date_end": dt.date(2021, 3, 12),
            "time_precision": 2,
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Remote explosive/landmine/IED",
            "fatalities": 0,
            "injured_low": 2,
            "injured_best": 2,
            "injured_high": 2,
            "claim_status": "reported",
            "admin1": "Samangan",
            "admin1_pcode": "AF20",
            "location": "Samangan",
            "location_text": "سمنگان",
            "latitude": 35.81,
            "longitude": 67.65,
            "geo_precision": 3,
            "where_prec": 4,
            "geocode_method": "alias",
            "geocode_score": 0.85,
            "evidence": [span("bakhtar-0090", "سمنگان")],
            "geometry": Point(67.65, 35.81),
        },
        common
        | {
            "incident_id": "inc-c0d7e8",
            "article_ids": ["pajhwok-7781"],
            "number_of_sources": 1,
            "event_type": "Battles",
            "sub_event_type": "Non-state actor overtakes territory",
            "actor1": "Taliban",
            "inter1": 2,
            "interaction": 20,
            "fatalities": 0,
            "claim_status": "claimed",
            "location_text": "NA",
            "evidence": [],
        },
    ]
    return validate_dataset(coerce_dataset(rows))


def frames_equal(left: gpd.GeoDataFrame, right: gpd.GeoDataFrame) -> None:
    pd.testing.assert_frame_equal(pd.DataFrame(left), pd.DataFrame(right))
    assert left.crs == right.crs


@pytest.mark.parametrize("suffix", [".parquet", ".geojson", ".gpkg", ".csv"])
def test_round_trip_is_exact(tmp_path: Path, suffix: str) -> None:
    original = dataset()
    written = write_dataset(original, tmp_path / f"incidents{suffix}")
    assert written == tmp_path / f"incidents{suffix}"
    result = read_dataset(written)
    frames_equal(result, original)
    assert result.loc[0, "article_ids"] == ["tolo-0412", "pajhwok-7781"]
    assert result.loc[0, "admin2_pcode"] == "AF2006"
    assert result.loc[1, "admin2"] is pd.NA
    assert result.loc[1, "date_end"] == pd.Timestamp("2021-03-12")
    assert result.loc[1, "location_text"] == "سمنگان"
    assert result.loc[2, "location_text"] == "NA"  # text, not a missing marker
    assert result.loc[2, "geometry"] is None
    assert result.loc[2, "event_date"] is pd.NaT


@pytest.mark.parametrize("suffix", [".parquet", ".geojson", ".gpkg", ".csv"])
def test_empty_dataset_round_trips(tmp_path: Path, suffix: str) -> None:
    frames_equal(read_dataset(write_dataset(empty_dataset(), tmp_path / f"e{suffix}")), empty_dataset())


@pytest.mark.parametrize(
    ("name", "suffix"), [("parquet", ".geoparquet"), ("geojson", ".json"), ("csv", ".txt")]
)
def test_format_can_be_named(tmp_path: Path, name: str, suffix: str) -> None:
    path = write_dataset(dataset(), tmp_path / f"out{suffix}", format=name)
    assert len(read_dataset(path, format=name)) == 3


def test_unknown_format_names_path_and_choices(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"incidents\.xlsx.*\.parquet.*\.gpkg.*parquet, geojson, gpkg, csv"):
        write_dataset(dataset(), tmp_path / "incidents.xlsx")
    with pytest.raises(InputError, match="'shapefile'"):
        write_dataset(dataset(), tmp_path / "incidents.parquet", format="shapefile")
    assert FORMATS == ("parquet", "geojson", "gpkg", "csv")
    assert list(tmp_path.iterdir()) == []


def geometry_column_of(geo: dict[str, Any]) -> dict[str, Any]:
    """The geometry column's GeoParquet 1.1 metadata, after checking what every file of ours must say."""
    assert geo["version"] == "1.1.0"
    assert geo["primary_column"] == "geometry"
    column: dict[str, Any] = geo["columns"]["geometry"]
    assert column["encoding"] == "WKB"
    assert column["geometry_types"] == ["Point"]
    assert column["crs"]["id"] == {"authority": "EPSG", "code": 4326}
    assert column["covering"] == {"bbox": {k: ["bbox", k] for k in ("xmin", "ymin", "xmax", "ymax")}}
    return column


def test_geoparquet_metadata_and_types(tmp_path: Path) -> None:
    path = write_dataset(dataset(), tmp_path / "incidents.parquet")
    schema = pq.read_schema(path)
    column = geometry_column_of(json.loads(schema.metadata[b"geo"]))
    assert column["bbox"] == pytest.approx([67.3, 35.81, 67.65, 35.9])
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("article_ids").type == pa.list_(pa.string())
    assert schema.field("fatalities").type == pa.int64()
    assert pa.types.is_struct(schema.field("bbox").type)
    assert pq.ParquetFile(path).metadata.row_group(0).column(0).compression == "ZSTD"
    assert schema.names[:-2] == list(COLUMNS[:-1])


def test_geoparquet_schema_does_not_depend_on_rows(tmp_path: Path) -> None:
    path = write_dataset(empty_dataset(), tmp_path / "empty.parquet")
    schema = pq.read_schema(path)
    assert schema.field("article_ids").type == pa.list_(pa.string())
    assert json.loads(schema.metadata[b"geo"])["columns"]["geometry"]["geometry_types"] == ["Point"]


@pytest.mark.parametrize("suffix", [".parquet", ".geojson", ".csv"])
def test_rewrite_is_byte_identical(tmp_path: Path, suffix: str) -> None:
    first = write_dataset(dataset(), tmp_path / f"a{suffix}").read_bytes()
    second = write_dataset(dataset(), tmp_path / f"b{suffix}").read_bytes()
    assert first == second


def test_geojson_follows_rfc_7946(tmp_path: Path) -> None:
    frame = dataset()
    frame.loc[0, ["longitude", "latitude"]] = [67.123456789, 35.987654321]
    frame = frame.set_geometry(
        gpd.GeoSeries([Point(67.123456789, 35.987654321), *frame.geometry[1:]], crs=4326)
    )
    path = write_dataset(frame, tmp_path / "incidents.geojson")
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection
    first, second, third = collection["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [67.123457, 35.987654]}
    props = first["properties"]
    assert list(props) == [c for c in COLUMNS if c != GEOMETRY]
    assert (props["longitude"], props["latitude"]) == (67.123457, 35.987654)
    assert props["article_ids"] == ["tolo-0412", "pajhwok-7781"]
    assert props["evidence"][1] == span("pajhwok-7781", "Five policemen")
    assert props["event_date"] == "2021-06-01"
    assert props["deaths_a"] is None
    assert second["properties"]["admin2"] is None
    assert second["properties"]["location_text"] == "سمنگان"
    assert "سمنگان" in path.read_text(encoding="utf-8")  # not \u-escaped
    assert third["geometry"] is None
    assert third["properties"]["evidence"] == []


def test_geojson_reads_in_geopandas(tmp_path: Path) -> None:
    path = write_dataset(dataset(), tmp_path / "incidents.geojson")
    frame = gpd.read_file(path, engine="pyogrio")
    assert frame.crs.to_epsg() == 4326
    assert list(frame.loc[0, "article_ids"]) == ["tolo-0412", "pajhwok-7781"]
    assert frame.loc[0, "evidence"][0]["text"] == "Dara-e-Suf-e-Payin"
    assert frame.geometry[1].equals(Point(67.65, 35.81))


def test_geopackage_layers(tmp_path: Path) -> None:
    path = write_dataset(dataset(), tmp_path / "incidents.gpkg")
    assert [tuple(row) for row in pyogrio.list_layers(path)] == [
        ("incidents", "Point"),
        ("mentions", "Point"),
    ]
    info = pyogrio.read_info(path, layer="incidents")
    fields = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert fields["event_date"] == "datetime64[D]"  # a Date field, not DateTime
    assert fields["article_ids"] == "object"
    raw = gpd.read_file(path, layer="incidents")
    assert raw.loc[0, "article_ids"] == "tolo-0412; pajhwok-7781"
    mentions = gpd.read_file(path, layer="mentions")
    assert list(mentions.columns) == ["incident_id", "article_id", "start", "end", "text", "geometry"]
    assert mentions["incident_id"].tolist() == ["inc-3f9a01", "inc-3f9a01", "inc-77b2c4"]
    assert mentions.loc[1, "text"] == "Five policemen"
    assert mentions.loc[1, "start"] == TEXT["pajhwok-7781"].index("Five policemen")
    assert mentions.geometry[2].equals(Point(67.65, 35.81))


def test_csv_layout(tmp_path: Path) -> None:
    path = write_dataset(dataset(), tmp_path / "incidents.csv")
    text = path.read_bytes().decode("utf-8")
    first, second, third = csv.DictReader(io.StringIO(text, newline=""))
    assert list(first) == [c for c in COLUMNS if c != GEOMETRY]
    assert first["article_ids"] == "tolo-0412; pajhwok-7781"
    assert first["event_date"] == "2021-06-01"
    assert first["notes"].endswith(";\n4-5 police killed.")
    assert json.loads(first["evidence"])[1]["text"] == "Five policemen"
    assert (first["latitude"], first["longitude"]) == ("35.9", "67.3")
    assert second["admin2"] == ""
    assert third["event_date"] == ""
    assert third["evidence"] == "[]"
    assert "\r" not in text


def test_ids_that_cannot_be_joined_are_refused(tmp_path: Path) -> None:
    frame = dataset()
    frame.at[2, "article_ids"] = ["pajhwok-7781; second"]
    frame.at[2, "evidence"] = "[]"
    target = tmp_path / "incidents.csv"
    with pytest.raises(SchemaError, match=r"'article_ids'.*inc-c0d7e8"):
        write_dataset(frame, target)
    assert list(tmp_path.iterdir()) == []
    write_dataset(frame, tmp_path / "incidents.parquet")  # lossless formats take it


def test_failed_validation_leaves_previous_file(tmp_path: Path) -> None:
    target = write_dataset(dataset(), tmp_path / "incidents.geojson")
    before = target.read_bytes()
    bad = dataset()
    bad.loc[0, "fatalities"] = 99
    with pytest.raises(SchemaError, match="'fatalities'"):
        write_dataset(bad, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["incidents.geojson"]


@pytest.mark.parametrize("format_class", [GeoJsonFormat, GeoPackageFormat])
def test_failed_write_leaves_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format_class: type[GeoJsonFormat | GeoPackageFormat]
) -> None:
    suffix = format_class.suffixes[0]
    target = write_dataset(dataset(), tmp_path / f"incidents{suffix}")
    before = target.read_bytes()

    def half_write(self: object, gdf: gpd.GeoDataFrame, path: Path) -> None:
        path.write_bytes(b"partial")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(format_class, "write", half_write)
    with pytest.raises(RuntimeError, match="disk on fire"):
        write_dataset(dataset(), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_write_creates_folders_and_wraps_os_errors(tmp_path: Path) -> None:
    nested = write_dataset(dataset(), tmp_path / "out" / "2021" / "incidents.csv")
    assert nested.is_file()
    (tmp_path / "taken.csv").mkdir()
    with pytest.raises(InputError, match=r"Cannot write .*taken\.csv"):
        write_dataset(dataset(), tmp_path / "taken.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "taken.csv"]


def test_read_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.parquet.*no such file"):
        read_dataset(tmp_path / "missing.parquet")
    broken = tmp_path / "broken.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.geojson"):
        read_dataset(broken)
    other = tmp_path / "other.geojson"
    other.write_text('{"type": "Feature", "properties": {}, "geometry": null}', encoding="utf-8")
    with pytest.raises(InputError, match="FeatureCollection"):
        read_dataset(other)


def test_read_validates_content(tmp_path: Path) -> None:
    path = write_dataset(dataset(), tmp_path / "incidents.csv")
    text = path.read_text(encoding="utf-8").replace(",Armed clash,", ",Ambush,")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError, match=r"incidents\.csv.*'sub_event_type'.*'Ambush'.*inc-3f9a01"):
        read_dataset(path)


# ----------------------------------------------------------------------------------------------- a chunk at a time
LONG = 2 * PARQUET_ROW_GROUP_ROWS + 17


def long_dataset(rows: int = LONG) -> gpd.GeoDataFrame:
    """The three rows above, repeated with their own ids and points spread over a few kilometres."""
    base = pd.DataFrame(dataset())
    frame = pd.concat([base] * (rows // len(base) + 1), ignore_index=True).iloc[:rows].reset_index(drop=True)
    frame["incident_id"] = [f"inc-{i:06d}" for i in range(rows)]
    shift = np.arange(rows) % 97 / 1000
    frame["longitude"] = (frame["longitude"] + shift).round(6)
    frame["latitude"] = (frame["latitude"] - shift).round(6)
    frame["geometry"] = [
        None if np.isnan(lon) else Point(lon, lat)
        for lon, lat in zip(frame["longitude"], frame["latitude"], strict=True)
    ]
    return validate_dataset(gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326"))


def chunked(frame: gpd.GeoDataFrame, *sizes: int) -> list[gpd.GeoDataFrame]:
    """The frame cut into pieces of the given sizes in turn (an uneven stream)."""
    pieces, start, turn = [], 0, 0
    while start < len(frame):
        size = sizes[turn % len(sizes)]
        pieces.append(frame.iloc[start : start + size])
        start, turn = start + size, turn + 1
    return pieces


def bounds_of(frame: gpd.GeoDataFrame) -> tuple[float, float, float, float]:
    west, south, east, north = (float(v) for v in frame.geometry.total_bounds)
    return west, south, east, north


@pytest.fixture(scope="module")
def long_frame() -> gpd.GeoDataFrame:
    return long_dataset()


@pytest.mark.parametrize("suffix", [".parquet", ".geojson", ".csv", ".gpkg"])
def test_written_in_chunks_is_written_whole(
    tmp_path: Path, long_frame: gpd.GeoDataFrame, suffix: str
) -> None:
    whole = write_dataset(long_frame, tmp_path / f"whole{suffix}").read_bytes()
    pieces = chunked(long_frame, 333, 1500, 7)
    (streamed,) = write_dataset_chunks(pieces, [tmp_path / f"streamed{suffix}"], bounds=bounds_of(long_frame))
    assert streamed.read_bytes() == whole
    frames_equal(read_dataset(streamed), long_frame)


def test_streamed_geoparquet_is_what_pyarrow_writes_for_the_whole_table(
    tmp_path: Path, long_frame: gpd.GeoDataFrame
) -> None:
    # the earlier whole-frame writer, step by step, with the row groups of the streaming one
    frame = long_frame.copy()
    for column in ("event_date", "date_start", "date_end"):
        frame[column] = frame[column].astype(pd.ArrowDtype(pa.date32()))
    buffer = io.BytesIO()
    frame.to_parquet(
        buffer, index=False, compression="zstd", schema_version="1.1.0", write_covering_bbox=True
    )
    table = _pin_parquet_schema(pq.read_table(pa.BufferReader(buffer.getvalue())))
    pq.write_table(
        table, tmp_path / "reference.parquet", compression="zstd", row_group_size=PARQUET_ROW_GROUP_ROWS
    )
    (streamed,) = write_dataset_chunks(
        chunked(long_frame, 1234), [tmp_path / "streamed.parquet"], bounds=bounds_of(long_frame)
    )
    assert streamed.read_bytes() == (tmp_path / "reference.parquet").read_bytes()


def test_streamed_geoparquet_follows_geoparquet_1_1(tmp_path: Path, long_frame: gpd.GeoDataFrame) -> None:
    (path,) = write_dataset_chunks(
        chunked(long_frame, 500), [tmp_path / "incidents.parquet"], bounds=bounds_of(long_frame)
    )
    parquet = pq.ParquetFile(path)
    footer = parquet.metadata.metadata
    # the footer's geo (what GDAL and DuckDB read) and the stored Arrow schema's (what pyarrow reads) agree
    assert json.loads(footer[b"geo"]) == json.loads(parquet.schema_arrow.metadata[b"geo"])
    column = geometry_column_of(json.loads(footer[b"geo"]))
    assert column["bbox"] == list(bounds_of(long_frame))
    bbox_type = parquet.schema_arrow.field("bbox").type
    assert [bbox_type.field(i).name for i in range(4)] == ["xmin", "ymin", "xmax", "ymax"]
    assert all(bbox_type.field(i).type == pa.float64() for i in range(4))
    sizes = [parquet.metadata.row_group(i).num_rows for i in range(parquet.metadata.num_row_groups)]
    assert sizes == [PARQUET_ROW_GROUP_ROWS, PARQUET_ROW_GROUP_ROWS, 17]
    # each row group's bbox statistics cover its points: readers can skip groups a query misses
    names = [parquet.metadata.schema.column(i).path for i in range(parquet.metadata.num_columns)]
    start = 0
    for group, size in enumerate(sizes):
        rows = long_frame.iloc[start : start + size]
        start += size
        west, south, east, north = bounds_of(rows)
        stats = {
            name: parquet.metadata.row_group(group).column(names.index(name)).statistics
            for name in ("bbox.xmin", "bbox.ymin", "bbox.xmax", "bbox.ymax")
        }
        assert all(s is not None and s.has_min_max for s in stats.values())
        assert (stats["bbox.xmin"].min, stats["bbox.ymin"].min) == (west, south)
        assert (stats["bbox.xmax"].max, stats["bbox.ymax"].max) == (east, north)
    inside = gpd.read_parquet(path, bbox=(67.3, 35.8, 67.32, 35.9))
    assert len(inside) and (inside.geometry.x <= 67.32).all()


def test_wrong_bounds_are_refused_and_leave_the_previous_file(tmp_path: Path) -> None:
    target = write_dataset(dataset(), tmp_path / "incidents.parquet")
    before = target.read_bytes()
    with pytest.raises(ValueError, match="bbox would be wrong"):
        write_dataset_chunks([dataset()], [target], bounds=(60.5, 30.0, 61.0, 31.0))
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_failure_mid_stream_leaves_every_previous_file(
    tmp_path: Path, long_frame: gpd.GeoDataFrame
) -> None:
    targets = [
        write_dataset(dataset(), tmp_path / f"incidents{s}") for s in (".parquet", ".geojson", ".gpkg")
    ]
    before = [t.read_bytes() for t in targets]

    def chunks() -> Iterator[gpd.GeoDataFrame]:
        yield long_frame.iloc[:2500]
        raise OSError("the input went away")

    with pytest.raises(OSError, match="the input went away"):
        write_dataset_chunks(chunks(), targets, bounds=bounds_of(long_frame))
    assert [t.read_bytes() for t in targets] == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(t.name for t in targets)


def test_ids_repeated_across_chunks_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match="duplicate incident_id 'inc-3f9a01'"):
        write_dataset_chunks([dataset(), dataset()], [tmp_path / "a.geojson"], bounds=bounds_of(dataset()))
    assert list(tmp_path.iterdir()) == []


def test_an_invalid_chunk_never_reaches_the_disk(tmp_path: Path) -> None:
    bad = dataset()
    bad.loc[0, "fatalities"] = 99
    with pytest.raises(SchemaError, match="'fatalities'"):
        write_dataset_chunks([dataset().iloc[1:], bad.iloc[:1]], [tmp_path / "a.csv"], bounds=None)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", [".parquet", ".geojson", ".csv", ".gpkg"])
def test_no_chunks_write_the_empty_dataset(tmp_path: Path, suffix: str) -> None:
    whole = write_dataset(empty_dataset(), tmp_path / f"whole{suffix}").read_bytes()
    (streamed,) = write_dataset_chunks([], [tmp_path / f"streamed{suffix}"], bounds=None)
    assert streamed.read_bytes() == whole
    assert len(read_dataset(streamed)) == 0


def test_geopackage_bytes_do_not_depend_on_how_the_frame_was_put_together(tmp_path: Path) -> None:
    frame = long_dataset(60)
    joined = gpd.GeoDataFrame(
        pd.concat(chunked(frame, 25), ignore_index=True), geometry="geometry", crs=frame.crs
    )
    first = write_dataset(frame, tmp_path / "a.gpkg").read_bytes()
    assert write_dataset(joined, tmp_path / "b.gpkg").read_bytes() == first

"""Write the incidents dataset to files, and read it back.

Every file the project writes or reads as a dataset goes through :func:`write_dataset` and
:func:`read_dataset`. Four formats share one interface, :class:`DatasetFormat`:

- GeoParquet (``.parquet``, ``.geoparquet``): GeoParquet 1.1.0 metadata, WKB points, a ``bbox``
  covering column, zstd, dates as Parquet ``DATE``, ``article_ids`` as ``list<string>``. The product
  for analysis (DuckDB, QGIS, geopandas); byte-identical when the same frame is written twice.
- GeoJSON (``.geojson``, ``.json``): RFC 7946, one feature per line, coordinates and
  ``latitude``/``longitude`` rounded to six decimals, ``article_ids`` and ``evidence`` as real JSON
  arrays, dates as ``YYYY-MM-DD``, missing values as ``null``; byte-identical on rewrite.
- GeoPackage (``.gpkg``): layer ``incidents`` (dates as Date fields, ``article_ids`` joined with
  ``"; "``, ``evidence`` as JSON text) and layer ``mentions``, one point per evidence span.
- CSV (``.csv``): UTF-8, no geometry column (``latitude``/``longitude`` carry it), ``article_ids``
  joined with ``"; "``, ``evidence`` as JSON text, dates ISO, missing values as empty cells.

Writing is atomic: the file is built in a temporary folder beside the target and moved over it in
one step, so a failed write leaves any earlier file untouched.
"""

from __future__ import annotations

import io
import json
import logging
import math
import os
import shutil
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar, Final

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyogrio
import pyogrio.errors
import shapely.errors
from shapely.geometry import Point, shape

from incidents.errors import InputError, SchemaError
from incidents.schema import (
    ARTICLE_IDS,
    COLUMNS,
    CRS,
    DATE_COLUMNS,
    DATE_DTYPE,
    DTYPES,
    EVIDENCE,
    FLOAT_DTYPE,
    GEOMETRY,
    INCIDENT_ID,
    INTEGER_DTYPE,
    LATITUDE,
    LIST_SEPARATOR,
    LONGITUDE,
    empty_dataset,
    parse_evidence,
    validate_dataset,
)

__all__ = [
    "FORMATS",
    "INCIDENTS_LAYER",
    "MENTIONS_LAYER",
    "CsvFormat",
    "DatasetFormat",
    "GeoJsonFormat",
    "GeoPackageFormat",
    "GeoParquetFormat",
    "check_output",
    "read_dataset",
    "write_dataset",
]

logger = logging.getLogger(__name__)

INCIDENTS_LAYER: Final = "incidents"
MENTIONS_LAYER: Final = "mentions"
GEOPARQUET_VERSION: Final = "1.1.0"
COORDINATE_DECIMALS: Final = 6

_DATE32: Final = pd.ArrowDtype(pa.date32())
# Library errors that mean "this file is not a readable dataset"; anything else is a bug.
_READ_ERRORS: Final = (
    OSError,
    ValueError,
    pyogrio.errors.DataSourceError,
    pyogrio.errors.DataLayerError,
    shapely.errors.ShapelyError,
)


class DatasetFormat(ABC):
    """A file format for the dataset: how to write a validated frame, and read a file back.

    :func:`write_dataset` and :func:`read_dataset` do the plumbing (choosing the format,
    validation, the atomic move); a subclass only turns a frame into a file and back.
    """

    #: The name accepted by ``format=``.
    name: ClassVar[str]
    #: File extensions that select this format, lower case with the dot.
    suffixes: ClassVar[tuple[str, ...]]

    @abstractmethod
    def write(self, gdf: gpd.GeoDataFrame, path: Path) -> None:
        """Write a validated dataset to ``path``, a fresh file name in a private folder."""

    @abstractmethod
    def read(self, path: Path) -> gpd.GeoDataFrame:
        """Read ``path`` into a GeoDataFrame that :func:`validate_dataset` can type and check."""


class GeoParquetFormat(DatasetFormat):
    """GeoParquet 1.1.0 with a ``bbox`` covering column, zstd-compressed."""

    name = "parquet"
    suffixes = (".parquet", ".geoparquet")

    def write(self, gdf: gpd.GeoDataFrame, path: Path) -> None:
        frame = gdf.copy()
        for column in DATE_COLUMNS:
            frame[column] = frame[column].astype(_DATE32)
        # geopandas writes the GeoParquet metadata and the covering column; the in-memory round
        # trip lets the file's schema be pinned where geopandas would infer it from the rows.
        buffer = io.BytesIO()
        frame.to_parquet(
            buffer,
            index=False,
            compression="zstd",
            schema_version=GEOPARQUET_VERSION,
            write_covering_bbox=True,
        )
        table = _pin_parquet_schema(pq.read_table(pa.BufferReader(buffer.getvalue())))
        pq.write_table(table, path, compression="zstd")

    def read(self, path: Path) -> gpd.GeoDataFrame:
        return gpd.read_parquet(path)


_GPKG_TIMESTAMP: Final = "2000-01-01T00:00:00.000Z"
_EPSG_4326_PROJJSON: Final = json.loads(
    resources.files("incidents").joinpath("data/epsg4326.projjson").read_text(encoding="utf-8")
)


def _pin_parquet_schema(table: pa.Table) -> pa.Table:
    """Fix what depends on the rows: list<string> ids and ``["Point"]`` even with no rows."""
    schema = table.schema
    index = schema.get_field_index(ARTICLE_IDS)
    schema = schema.set(index, pa.field(ARTICLE_IDS, pa.list_(pa.string())))
    geo = json.loads(schema.metadata[b"geo"])
    geo["columns"][GEOMETRY]["geometry_types"] = ["Point"]
    # the PROJJSON of EPSG:4326 as shipped, not as the PROJ database of the moment spells it: PROJ
    # versions (and libraries bundling their own) differ, and the same data must give the same bytes
    geo["columns"][GEOMETRY]["crs"] = _EPSG_4326_PROJJSON
    gindex = schema.get_field_index(GEOMETRY)
    gfield = schema.field(gindex)
    if gfield.metadata and b"ARROW:extension:metadata" in gfield.metadata:
        extension = json.loads(gfield.metadata[b"ARROW:extension:metadata"])
        extension["crs"] = _EPSG_4326_PROJJSON
        field_meta = {**gfield.metadata, b"ARROW:extension:metadata": json.dumps(extension).encode()}
        schema = schema.set(gindex, gfield.with_metadata(field_meta))
    schema = schema.with_metadata({**schema.metadata, b"geo": json.dumps(geo).encode()})
    return table.cast(schema)


class GeoJsonFormat(DatasetFormat):
    """RFC 7946 GeoJSON, written with the json module for exact control of every byte."""

    name = "geojson"
    suffixes = (".geojson", ".json")

    def write(self, gdf: gpd.GeoDataFrame, path: Path) -> None:
        properties = [column for column in COLUMNS if column != GEOMETRY]
        values = [_json_values(column, gdf[column]) for column in properties]
        geometries = [_json_point(point) for point in gdf[GEOMETRY]]
        with path.open("w", encoding="utf-8", newline="\n") as stream:
            stream.write('{"type":"FeatureCollection","features":[')
            for row, geometry in enumerate(geometries):
                feature = {
                    "type": "Feature",
                    "geometry": geometry,
                    "properties": {
                        column: column_values[row]
                        for column, column_values in zip(properties, values, strict=True)
                    },
                }
                stream.write("," if row else "")
                stream.write("\n" + json.dumps(feature, ensure_ascii=False, allow_nan=False))
            stream.write("\n]}\n")

    def read(self, path: Path) -> gpd.GeoDataFrame:
        with path.open(encoding="utf-8") as stream:
            collection = json.load(stream)
        is_collection = isinstance(collection, dict) and collection.get("type") == "FeatureCollection"
        features = collection.get("features") if is_collection else None
        if not isinstance(features, list):
            msg = f"{path} is not a GeoJSON FeatureCollection."
            raise InputError(msg)
        if not features:
            return empty_dataset()
        records: list[dict[str, Any]] = []
        geometries: list[Any] = []
        for number, feature in enumerate(features):
            if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
                msg = f"{path}: feature {number} is not a GeoJSON Feature with properties."
                raise InputError(msg)
            records.append(feature["properties"])
            geometry = feature.get("geometry")
            geometries.append(None if geometry is None else shape(geometry))
        return gpd.GeoDataFrame(pd.DataFrame.from_records(records), geometry=geometries, crs=CRS)


def _json_values(column: str, values: pd.Series[Any]) -> list[Any]:
    """One column as JSON-ready Python values (None for missing)."""
    dtype = DTYPES[column]
    if column == EVIDENCE:
        return [parse_evidence(text) for text in values]
    if column == ARTICLE_IDS:
        return [list(ids) for ids in values]
    if dtype == DATE_DTYPE:
        return [None if pd.isna(date) else date.strftime("%Y-%m-%d") for date in values]
    if dtype == INTEGER_DTYPE:
        return [None if pd.isna(number) else int(number) for number in values]
    if column in (LATITUDE, LONGITUDE):
        return [None if math.isnan(number) else round(number, COORDINATE_DECIMALS) for number in values]
    if dtype == FLOAT_DTYPE:
        return [None if math.isnan(number) else float(number) for number in values]
    return [None if pd.isna(text) else str(text) for text in values]


def _json_point(point: Point | None) -> dict[str, Any] | None:
    if point is None:
        return None
    coordinates = [round(point.x, COORDINATE_DECIMALS), round(point.y, COORDINATE_DECIMALS)]
    return {"type": "Point", "coordinates": coordinates}


class GeoPackageFormat(DatasetFormat):
    """GeoPackage with an ``incidents`` layer and a ``mentions`` layer (one row per evidence span)."""

    name = "gpkg"
    suffixes = (".gpkg",)

    def write(self, gdf: gpd.GeoDataFrame, path: Path) -> None:
        incidents = gdf.copy()
        incidents[ARTICLE_IDS] = _join_ids(gdf)
        for column in DATE_COLUMNS:
            # Through Arrow, date32 becomes a GeoPackage Date field rather than a DateTime.
            incidents[column] = incidents[column].astype(_DATE32)
        # GeoPackage stamps every table with the time of writing; a fixed stamp keeps a rewrite of the
        # same data byte-identical (GDAL's OGR_CURRENT_DATE option)
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": _GPKG_TIMESTAMP})
        try:
            for layer, frame in ((INCIDENTS_LAYER, incidents), (MENTIONS_LAYER, _mentions(gdf))):
                frame.to_file(
                    path, layer=layer, driver="GPKG", engine="pyogrio", use_arrow=True, geometry_type="Point"
                )
        finally:
            pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})

    def read(self, path: Path) -> gpd.GeoDataFrame:
        frame = gpd.read_file(path, layer=INCIDENTS_LAYER, engine="pyogrio", use_arrow=True)
        if ARTICLE_IDS in frame.columns:
            frame[ARTICLE_IDS] = _split_ids(frame[ARTICLE_IDS])
        return frame


def _mentions(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per evidence span, at its incident's point."""
    rows: list[dict[str, Any]] = [
        {INCIDENT_ID: incident_id, **span, GEOMETRY: point}
        for incident_id, text, point in zip(gdf[INCIDENT_ID], gdf[EVIDENCE], gdf[GEOMETRY], strict=True)
        for span in parse_evidence(text)
    ]
    columns = {
        INCIDENT_ID: "string",
        "article_id": "string",
        "start": "int64",
        "end": "int64",
        "text": "string",
    }
    frame = pd.DataFrame.from_records(rows, columns=[*columns, GEOMETRY]).astype(columns)
    return gpd.GeoDataFrame(frame, geometry=GEOMETRY, crs=CRS)


class CsvFormat(DatasetFormat):
    """UTF-8 CSV without geometry; ``latitude``/``longitude`` rebuild the points on reading."""

    name = "csv"
    suffixes = (".csv",)

    def write(self, gdf: gpd.GeoDataFrame, path: Path) -> None:
        frame = pd.DataFrame(gdf.drop(columns=GEOMETRY))
        frame[ARTICLE_IDS] = _join_ids(gdf)
        for column in DATE_COLUMNS:
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
        frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")

    def read(self, path: Path) -> gpd.GeoDataFrame:
        # Everything not numeric is read as text; validation parses dates. Only an empty cell is
        # missing: a place called "Nan" or a note saying "NA" stays text.
        dtypes = {
            column: dtype if dtype in (INTEGER_DTYPE, FLOAT_DTYPE) else "string"
            for column, dtype in DTYPES.items()
            if column != GEOMETRY
        }
        frame = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""], encoding="utf-8")
        if ARTICLE_IDS in frame.columns:
            frame[ARTICLE_IDS] = _split_ids(frame[ARTICLE_IDS])
        points: list[Point | None] = [None] * len(frame)
        if LONGITUDE in frame.columns and LATITUDE in frame.columns:
            points = [
                None if math.isnan(lon) or math.isnan(lat) else Point(lon, lat)
                for lon, lat in zip(frame[LONGITUDE], frame[LATITUDE], strict=True)
            ]
        return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(points, index=frame.index), crs=CRS)


def _join_ids(gdf: gpd.GeoDataFrame) -> pd.Series[Any]:
    """``article_ids`` as ``"; "``-joined text, refusing ids the join would make ambiguous."""
    joined: list[str] = []
    for incident_id, ids in zip(gdf[INCIDENT_ID], gdf[ARTICLE_IDS], strict=True):
        text = LIST_SEPARATOR.join(ids)
        if text.split(LIST_SEPARATOR) != ids:
            msg = (
                f"Column {ARTICLE_IDS!r}: an article id in incident {incident_id!r} contains "
                f"{LIST_SEPARATOR!r}, so it cannot be joined into one text cell; write GeoParquet or GeoJSON."
            )
            raise SchemaError(msg)
        joined.append(text)
    return pd.Series(joined, index=gdf.index, dtype="string")


def _split_ids(values: pd.Series[Any]) -> pd.Series[Any]:
    lists = [value.split(LIST_SEPARATOR) if isinstance(value, str) else None for value in values]
    return pd.Series(lists, index=values.index, dtype=object)


_FORMATS: Final[tuple[DatasetFormat, ...]] = (
    GeoParquetFormat(),
    GeoJsonFormat(),
    GeoPackageFormat(),
    CsvFormat(),
)
#: Format names accepted by ``format=``.
FORMATS: Final = tuple(writer.name for writer in _FORMATS)
_BY_NAME: Final[Mapping[str, DatasetFormat]] = MappingProxyType(
    {
        **{suffix.lstrip("."): writer for writer in _FORMATS for suffix in writer.suffixes},
        **{writer.name: writer for writer in _FORMATS},
    }
)


def _format_for(path: Path, format: str | None) -> DatasetFormat:
    key = (format if format is not None else path.suffix).lower().lstrip(".")
    if key in _BY_NAME:
        return _BY_NAME[key]
    suffixes = ", ".join(suffix for writer in _FORMATS for suffix in writer.suffixes)
    given = f"format {format!r}" if format is not None else f"the extension of {str(path)!r}"
    msg = (
        f"Cannot tell the dataset format from {given}: use a file ending in one of {suffixes}, "
        f"or choose the format (--format, or format= in Python): one of {', '.join(FORMATS)}."
    )
    raise InputError(msg)


def check_output(path: str | os.PathLike[str], *, format: str | None = None) -> str:
    """The format a dataset would be written in at ``path``; raises before any work is done.

    Examples
    --------
    >>> check_output("incidents.geojson")
    'geojson'
    """
    return _format_for(Path(path), format).name


def write_dataset(gdf: gpd.GeoDataFrame, path: str | os.PathLike[str], *, format: str | None = None) -> Path:
    """Validate a dataset and write it to a file, atomically.

    Parameters
    ----------
    gdf
        The dataset; it is checked with :func:`incidents.schema.validate_dataset` first, so an
        invalid frame never reaches the disk.
    path
        Where to write. Missing parent folders are created. An existing file is replaced only once
        the new one is complete.
    format
        ``"parquet"``, ``"geojson"``, ``"gpkg"`` or ``"csv"``; by default taken from the extension
        (``.parquet``/``.geoparquet``, ``.geojson``/``.json``, ``.gpkg``, ``.csv``).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    InputError
        When the format cannot be told, or the file cannot be written (the message names the path).
    SchemaError
        When the dataset does not pass validation.

    Examples
    --------
    >>> import tempfile
    >>> from incidents.schema import empty_dataset
    >>> folder = tempfile.mkdtemp()
    >>> write_dataset(empty_dataset(), Path(folder) / "incidents.parquet").name
    'incidents.parquet'
    """
    target = Path(path)
    writer = _format_for(target, format)
    frame = validate_dataset(gdf)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # A private folder, not a bare temp file: GDAL makes side files while writing a GeoPackage,
        # and the file is then created with the user's usual permissions.
        folder = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    except OSError as exc:
        msg = f"Cannot write {target}: {exc.strerror or exc}."
        raise InputError(msg) from exc
    try:
        staged = folder / target.name
        writer.write(frame, staged)
        staged.replace(target)
    except OSError as exc:
        msg = f"Cannot write {target}: {exc.strerror or exc}."
        raise InputError(msg) from exc
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    logger.info("Wrote %d incidents to %s (%s)", len(frame), target, writer.name)
    return target


def read_dataset(path: str | os.PathLike[str], *, format: str | None = None) -> gpd.GeoDataFrame:
    """Read a dataset file written by :func:`write_dataset` back into the typed frame.

    Lists, dates and nullable integers are restored, and the result is validated, so it can be
    extended and written again (``--append``).

    Parameters
    ----------
    path
        A ``.parquet``/``.geoparquet``, ``.geojson``/``.json``, ``.gpkg`` or ``.csv`` file.
    format
        Overrides the extension, as in :func:`write_dataset`.

    Returns
    -------
    geopandas.GeoDataFrame
        The dataset, as :func:`incidents.schema.validate_dataset` returns it.

    Raises
    ------
    InputError
        When the file is missing, its format cannot be told, or it cannot be parsed.
    SchemaError
        When its content does not follow the schema (the message starts with the path).

    Examples
    --------
    >>> import tempfile
    >>> from incidents.schema import empty_dataset
    >>> written = write_dataset(empty_dataset(), Path(tempfile.mkdtemp()) / "incidents.geojson")
    >>> len(read_dataset(written))
    0
    """
    source = Path(path)
    reader = _format_for(source, format)
    if not source.is_file():
        msg = f"Cannot read {source}: no such file."
        raise InputError(msg)
    try:
        raw = reader.read(source)
    except _READ_ERRORS as exc:
        msg = f"Cannot read {source} as {reader.name}: {exc}"
        raise InputError(msg) from exc
    try:
        frame = validate_dataset(raw)
    except SchemaError as exc:
        msg = f"{source}: {exc}"
        raise SchemaError(msg) from exc
    logger.info("Read %d incidents from %s", len(frame), source)
    return frame

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

A dataset too long to hold whole is written a chunk at a time with :func:`write_dataset_chunks`, to
one or more files in one pass. GeoParquet (in row groups of :data:`PARQUET_ROW_GROUP_ROWS`), GeoJSON and
CSV are written as the chunks come, and the bytes depend only on the rows: a dataset written whole and
written in chunks of any size give the same file. GeoPackage gathers the chunks and is written at the end.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import math
import os
import shutil
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
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
    Bounds,
    empty_dataset,
    parse_evidence,
    validate_dataset,
)

__all__ = [
    "FORMATS",
    "INCIDENTS_LAYER",
    "MENTIONS_LAYER",
    "PARQUET_ROW_GROUP_ROWS",
    "CsvFormat",
    "DatasetFormat",
    "DatasetWriter",
    "GeoJsonFormat",
    "GeoPackageFormat",
    "GeoParquetFormat",
    "StreamingFormat",
    "check_output",
    "read_dataset",
    "write_dataset",
    "write_dataset_chunks",
]

logger = logging.getLogger(__name__)

INCIDENTS_LAYER: Final = "incidents"
MENTIONS_LAYER: Final = "mentions"
GEOPARQUET_VERSION: Final = "1.1.0"
COORDINATE_DECIMALS: Final = 6
#: Rows in a GeoParquet row group (the last may hold fewer): small enough that a writer holds little
#: more than one, and each group's ``bbox`` statistics let readers skip what a query does not touch.
PARQUET_ROW_GROUP_ROWS: Final = 2_000
#: Rows handed to a streaming writer at a time when a whole frame is written.
_WRITE_CHUNK_ROWS: Final = 2_000

_DATE32: Final = pd.ArrowDtype(pa.date32())
# Library errors that mean "this file is not a readable dataset"; anything else is a bug.
_READ_ERRORS: Final = (
    OSError,
    ValueError,
    pyogrio.errors.DataSourceError,
    pyogrio.errors.DataLayerError,
    shapely.errors.ShapelyError,
)


class DatasetWriter(ABC):
    """One file being written a chunk at a time; made by :meth:`DatasetFormat.open`."""

    @abstractmethod
    def write(self, chunk: gpd.GeoDataFrame) -> None:
        """Add validated rows, in the dataset's order."""

    @abstractmethod
    def close(self) -> None:
        """Finish the file."""

    @abstractmethod
    def discard(self) -> None:
        """Give up: let go of the unfinished file (the caller deletes it)."""


class DatasetFormat(ABC):
    """A file format for the dataset: how to write a validated frame, and read a file back.

    :func:`write_dataset` and :func:`read_dataset` do the plumbing (choosing the format,
    validation, the atomic move); a subclass only turns a frame into a file and back. A format that can
    write a chunk at a time derives from :class:`StreamingFormat` instead.
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

    def open(self, path: Path, *, bounds: Bounds | None) -> DatasetWriter:
        """A writer taking the dataset a chunk at a time: here the chunks are gathered in memory and
        written by :meth:`write` at the end. ``bounds`` are those of all the rows' points."""
        return _GatheringWriter(self, path)


class StreamingFormat(DatasetFormat):
    """A format written a chunk at a time as the chunks come; a whole frame is written through the same
    writer, so the file does not depend on how the rows were chunked."""

    @abstractmethod
    def open(self, path: Path, *, bounds: Bounds | None) -> DatasetWriter:
        """A writer taking the dataset a chunk at a time; ``bounds`` are those of all the rows' points."""

    def write(self, gdf: gpd.GeoDataFrame, path: Path) -> None:
        writer = self.open(path, bounds=_bounds_of(gdf))
        try:
            for start in range(0, len(gdf), _WRITE_CHUNK_ROWS):
                writer.write(gdf.iloc[start : start + _WRITE_CHUNK_ROWS])
        except BaseException:
            writer.discard()
            raise
        writer.close()


class _GatheringWriter(DatasetWriter):
    def __init__(self, format: DatasetFormat, path: Path) -> None:
        self._format = format
        self._path = path
        self._chunks: list[gpd.GeoDataFrame] = []

    def write(self, chunk: gpd.GeoDataFrame) -> None:
        self._chunks.append(chunk)

    def close(self) -> None:
        chunks, self._chunks = self._chunks, []
        if not chunks:
            frame = empty_dataset()
        elif len(chunks) == 1:
            frame = chunks[0]
        else:
            frame = gpd.GeoDataFrame(pd.concat(chunks, ignore_index=True), geometry=GEOMETRY, crs=CRS)
        self._format.write(validate_dataset(frame), self._path)

    def discard(self) -> None:
        self._chunks = []


def _bounds_of(gdf: gpd.GeoDataFrame) -> Bounds | None:
    """(min lon, min lat, max lon, max lat) of the points; None without any."""
    if not len(gdf):
        return None
    west, south, east, north = (float(v) for v in gdf.geometry.total_bounds)
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        return None
    return west, south, east, north


def _covering(first: Bounds | None, second: Bounds | None) -> Bounds | None:
    if first is None:
        return second
    if second is None:
        return first
    return (
        min(first[0], second[0]),
        min(first[1], second[1]),
        max(first[2], second[2]),
        max(first[3], second[3]),
    )


class GeoParquetFormat(StreamingFormat):
    """GeoParquet 1.1.0 with a ``bbox`` covering column, zstd-compressed, in row groups of
    :data:`PARQUET_ROW_GROUP_ROWS`."""

    name = "parquet"
    suffixes = (".parquet", ".geoparquet")

    def open(self, path: Path, *, bounds: Bounds | None) -> DatasetWriter:
        return _GeoParquetWriter(path, bounds)

    def read(self, path: Path) -> gpd.GeoDataFrame:
        return gpd.read_parquet(path)


class _GeoParquetWriter(DatasetWriter):
    """Row groups written as the rows come; the ``geo`` metadata, overall bbox included, is fixed when the
    first rows arrive (it is part of the Arrow schema stored in the file), so the bounds are given first
    and checked against the rows at the end."""

    def __init__(
        self, path: Path, bounds: Bounds | None, *, group_rows: int = PARQUET_ROW_GROUP_ROWS
    ) -> None:
        self._path = path
        self._bounds = bounds
        self._group_rows = group_rows
        self._writer: pq.ParquetWriter | None = None
        self._schema: pa.Schema | None = None
        self._pending: list[pa.Table] = []
        self._pending_rows = 0
        self._covered: Bounds | None = None

    def write(self, chunk: gpd.GeoDataFrame) -> None:
        if not len(chunk):
            return
        table = _geoparquet_table(chunk)
        self._covered = _covering(self._covered, _bounds_of(chunk))
        if self._writer is None:
            self._open(table.schema)
        assert self._schema is not None
        self._pending.append(table.cast(self._schema))
        self._pending_rows += table.num_rows
        while self._pending_rows >= self._group_rows:
            self._flush(self._group_rows)

    def _open(self, schema: pa.Schema) -> None:
        self._schema = _with_bbox(schema, self._bounds)
        self._writer = pq.ParquetWriter(self._path, self._schema, compression="zstd")

    def _flush(self, rows: int) -> None:
        assert self._writer is not None
        table = pa.concat_tables(self._pending)
        # one contiguous row group: the bytes must not depend on how the rows were chunked on the way
        self._writer.write_table(table.slice(0, rows).combine_chunks(), row_group_size=rows)
        rest = table.slice(rows)
        self._pending = [rest] if rest.num_rows else []
        self._pending_rows = rest.num_rows

    def close(self) -> None:
        if self._writer is None:
            # no rows: the schema of the empty dataset, as a whole-frame write gives it
            table = _geoparquet_table(empty_dataset())
            self._open(table.schema)
            assert self._writer is not None
            self._writer.write_table(table.cast(self._schema))
        elif self._pending_rows:
            self._flush(self._pending_rows)
        if self._covered != self._bounds:
            msg = (
                f"The bounds given for {self._path.name} ({self._bounds}) are not those of its rows "
                f"({self._covered}): its GeoParquet bbox would be wrong."
            )
            raise ValueError(msg)
        assert self._writer is not None
        self._writer.close()

    def discard(self) -> None:
        if self._writer is not None:
            with contextlib.suppress(Exception):
                self._writer.close()
        self._pending = []


def _geoparquet_table(gdf: gpd.GeoDataFrame) -> pa.Table:
    """Rows as the Arrow table geopandas writes (WKB, bbox covering column, GeoParquet metadata), with the
    schema pinned."""
    frame = gdf.copy()
    for column in DATE_COLUMNS:
        frame[column] = frame[column].astype(_DATE32)
    # geopandas makes the GeoParquet metadata and the covering column; the in-memory round trip lets the
    # file's schema be pinned where geopandas would infer it from the rows
    buffer = io.BytesIO()
    frame.to_parquet(
        buffer,
        index=False,
        compression=None,
        schema_version=GEOPARQUET_VERSION,
        write_covering_bbox=True,
    )
    return _pin_parquet_schema(pq.read_table(pa.BufferReader(buffer.getvalue())))


def _with_bbox(schema: pa.Schema, bounds: Bounds | None) -> pa.Schema:
    """The schema with the whole dataset's bbox in its ``geo`` metadata, where geopandas puts it."""
    geo = json.loads(schema.metadata[b"geo"])
    column = {k: v for k, v in geo["columns"][GEOMETRY].items() if k != "bbox"}
    placed: dict[str, Any] = {}
    for key, value in column.items():
        if key == "covering" and bounds is not None:
            placed["bbox"] = list(bounds)
        placed[key] = value
    if bounds is not None and "bbox" not in placed:
        placed["bbox"] = list(bounds)
    geo["columns"][GEOMETRY] = placed
    return schema.with_metadata({**schema.metadata, b"geo": json.dumps(geo).encode()})


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


class GeoJsonFormat(StreamingFormat):
    """RFC 7946 GeoJSON, written with the json module for exact control of every byte."""

    name = "geojson"
    suffixes = (".geojson", ".json")

    def open(self, path: Path, *, bounds: Bounds | None) -> DatasetWriter:
        return _GeoJsonWriter(path)

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


class _GeoJsonWriter(DatasetWriter):
    """One feature a line, between the collection's opening and closing lines."""

    _PROPERTIES: ClassVar[tuple[str, ...]] = tuple(column for column in COLUMNS if column != GEOMETRY)

    def __init__(self, path: Path) -> None:
        self._stream = path.open("w", encoding="utf-8", newline="\n")
        self._stream.write('{"type":"FeatureCollection","features":[')
        self._rows = 0

    def write(self, chunk: gpd.GeoDataFrame) -> None:
        values = [_json_values(column, chunk[column]) for column in self._PROPERTIES]
        geometries = [_json_point(point) for point in chunk[GEOMETRY]]
        for row, geometry in enumerate(geometries):
            feature = {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    column: column_values[row]
                    for column, column_values in zip(self._PROPERTIES, values, strict=True)
                },
            }
            self._stream.write("," if self._rows else "")
            self._stream.write("\n" + json.dumps(feature, ensure_ascii=False, allow_nan=False))
            self._rows += 1

    def close(self) -> None:
        self._stream.write("\n]}\n")
        self._stream.close()

    def discard(self) -> None:
        self._stream.close()


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
        incidents = _contiguous(gdf)
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


def _contiguous(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy whose Arrow-backed columns are each one chunk.

    GDAL writes a GeoPackage one record batch at a time, and the SQLite header counts the transactions: a
    frame put together from chunks (``pd.concat`` keeps Arrow chunks) would give other bytes than the same
    rows made whole.
    """
    frame = gdf.copy()
    for column in frame.columns:
        values = frame[column]
        if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
            whole = pa.chunked_array(values.array.__arrow_array__()).combine_chunks()
            frame[column] = pd.Series(pd.array(whole, dtype=values.dtype), index=values.index)
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


class CsvFormat(StreamingFormat):
    """UTF-8 CSV without geometry; ``latitude``/``longitude`` rebuild the points on reading."""

    name = "csv"
    suffixes = (".csv",)

    def open(self, path: Path, *, bounds: Bounds | None) -> DatasetWriter:
        return _CsvWriter(path)

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


class _CsvWriter(DatasetWriter):
    """The header with the first rows (or at the end, when there are none), then each chunk's rows."""

    def __init__(self, path: Path) -> None:
        self._stream = path.open("w", encoding="utf-8", newline="")
        self._header = True

    def write(self, chunk: gpd.GeoDataFrame) -> None:
        frame = pd.DataFrame(chunk.drop(columns=GEOMETRY))
        frame[ARTICLE_IDS] = _join_ids(chunk)
        for column in DATE_COLUMNS:
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
        frame.to_csv(self._stream, index=False, header=self._header, lineterminator="\n")
        self._header = False

    def close(self) -> None:
        if self._header:
            self.write(empty_dataset())
        self._stream.close()

    def discard(self) -> None:
        self._stream.close()


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
    with _writing(target):
        folder = _staging_folder(target)
    try:
        staged = folder / target.name
        with _writing(target):
            writer.write(frame, staged)
            staged.replace(target)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    logger.info("Wrote %d incidents to %s (%s)", len(frame), target, writer.name)
    return target


def write_dataset_chunks(
    chunks: Iterable[gpd.GeoDataFrame],
    paths: Sequence[str | os.PathLike[str]],
    *,
    bounds: Bounds | None,
    format: str | None = None,
) -> list[Path]:
    """Write a dataset that comes a chunk at a time to one or more files, in one pass and atomically.

    Each chunk is validated, ids must be unique across chunks, and the files are moved into place only
    once every chunk is written: a failure anywhere leaves every earlier file untouched. GeoParquet,
    GeoJSON and CSV hold one chunk at a time in memory; GeoPackage gathers them. The files are the same
    bytes :func:`write_dataset` writes for the chunks put together.

    Parameters
    ----------
    chunks
        Frames with the schema's columns, in the dataset's order (e.g.
        :meth:`incidents.build.StagedDataset.chunks`).
    paths
        Where to write; each file's format is taken from its extension (or ``format``).
    bounds
        (min lon, min lat, max lon, max lat) of all the rows' points, None when no row has one:
        GeoParquet stores it in its metadata before the first rows. Checked against the rows.
    format
        As in :func:`write_dataset`, for every path.

    Returns
    -------
    list of pathlib.Path
        The paths written.

    Raises
    ------
    InputError
        When a format cannot be told, or a file cannot be written (the message names the path).
    SchemaError
        When a chunk does not pass validation, or repeats an incident id.

    Examples
    --------
    >>> import tempfile
    >>> from incidents.schema import empty_dataset
    >>> folder = Path(tempfile.mkdtemp())
    >>> [p.name for p in write_dataset_chunks([empty_dataset()], [folder / "a.parquet", folder / "a.csv"], bounds=None)]
    ['a.parquet', 'a.csv']
    """
    targets = [Path(p) for p in paths]
    formats = [_format_for(target, format) for target in targets]
    folders: list[Path] = []
    writers: list[tuple[Path, Path, DatasetWriter]] = []  # target, staged file, writer
    finished = False
    rows = 0
    try:
        for target, fmt in zip(targets, formats, strict=True):
            with _writing(target):
                folder = _staging_folder(target)
                folders.append(folder)
                staged = folder / target.name
                writers.append((target, staged, fmt.open(staged, bounds=bounds)))
        seen: set[str] = set()
        for chunk in chunks:
            frame = validate_dataset(chunk)
            ids = frame[INCIDENT_ID].tolist()
            repeated = next((i for i in ids if i in seen), None)
            if repeated is not None:
                msg = f"Column {INCIDENT_ID!r}: duplicate incident_id {repeated!r} (in another chunk)."
                raise SchemaError(msg)
            seen.update(ids)
            for target, _, writer in writers:
                with _writing(target):
                    writer.write(frame)
            rows += len(frame)
        for target, _, writer in writers:
            with _writing(target):
                writer.close()
        finished = True
        for target, staged, _ in writers:
            with _writing(target):
                staged.replace(target)
    finally:
        if not finished:
            for _, _, writer in writers:
                with contextlib.suppress(Exception):
                    writer.discard()
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
    for target, fmt in zip(targets, formats, strict=True):
        logger.info("Wrote %d incidents to %s (%s)", rows, target, fmt.name)
    return targets


def _staging_folder(target: Path) -> Path:
    """A private folder beside ``target`` to build it in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # A private folder, not a bare temp file: GDAL makes side files while writing a GeoPackage,
    # and the file is then created with the user's usual permissions.
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))


@contextlib.contextmanager
def _writing(target: Path) -> Iterator[None]:
    """Turn an OS error while writing ``target`` into an InputError that names it."""
    try:
        yield
    except OSError as exc:
        msg = f"Cannot write {target}: {exc.strerror or exc}."
        raise InputError(msg) from exc


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

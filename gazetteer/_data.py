"""Loading the built gazetteer files shipped in ``gazetteer/data``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from gazetteer.errors import GazetteerError

DATA_DIR = Path(__file__).resolve().parent / "data"
FILES = ("admin1.parquet", "admin2.parquet", "places.parquet", "names.parquet", "foreign.parquet")


@dataclass(frozen=True)
class GazetteerTables:
    """The raw tables: provinces and districts (GeoDataFrames), places, names and foreign names."""

    provinces: gpd.GeoDataFrame
    districts: gpd.GeoDataFrame
    places: pd.DataFrame
    names: pd.DataFrame
    foreign: pd.DataFrame


def load_tables(data_dir: Path | None = None) -> GazetteerTables:
    """Read the gazetteer tables from ``data_dir`` (the package's own data by default).

    Raises
    ------
    GazetteerError
        When a file is missing or unreadable.
    """
    folder = Path(data_dir) if data_dir is not None else DATA_DIR
    missing = [f for f in FILES if not (folder / f).is_file()]
    if missing:
        msg = (
            f"Gazetteer data missing in {folder}: {', '.join(missing)}. "
            "Rebuild it with 'python scripts/build_gazetteer.py'."
        )
        raise GazetteerError(msg)
    try:
        provinces = gpd.read_parquet(folder / "admin1.parquet")
        districts = gpd.read_parquet(folder / "admin2.parquet")
        places = pd.read_parquet(folder / "places.parquet")
        names = pd.read_parquet(folder / "names.parquet")
        foreign = pd.read_parquet(
            folder / "foreign.parquet", columns=["key", "name", "country", "population"]
        )
    except Exception as exc:  # pyarrow raises several types for damaged files
        msg = f"Gazetteer data in {folder} is unreadable: {exc}."
        raise GazetteerError(msg) from exc
    return GazetteerTables(provinces, districts, places, names, foreign)

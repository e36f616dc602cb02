"""Turn news articles about Afghanistan into a geocoded conflict incident dataset.

The Python API mirrors the command line::

    >>> from incidents import read_articles, build_dataset, write_dataset  # doctest: +SKIP
    >>> articles, rejects = read_articles("examples/articles")             # doctest: +SKIP
    >>> gdf = build_dataset(articles)                                       # doctest: +SKIP
    >>> write_dataset(gdf, "incidents.parquet")                             # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from incidents._version import __version__
from incidents.errors import GazetteerError, IncidentsError, InputError, SchemaError

if TYPE_CHECKING:
    from incidents.build import Builder, build_dataset
    from incidents.export import read_dataset, write_dataset
    from incidents.ingest import Article, Reject, iter_articles, read_articles

__all__ = [
    "Article",
    "Builder",
    "GazetteerError",
    "IncidentsError",
    "InputError",
    "Reject",
    "SchemaError",
    "__version__",
    "build_dataset",
    "iter_articles",
    "read_articles",
    "read_dataset",
    "write_dataset",
]

_LAZY = {
    "Builder": "incidents.build",
    "build_dataset": "incidents.build",
    "read_dataset": "incidents.export",
    "write_dataset": "incidents.export",
    "Article": "incidents.ingest",
    "Reject": "incidents.ingest",
    "iter_articles": "incidents.ingest",
    "read_articles": "incidents.ingest",
}


def __getattr__(name: str) -> Any:
    # heavy modules (spaCy, geopandas) load on first use, not at import
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    msg = f"module 'incidents' has no attribute {name!r}"
    raise AttributeError(msg)

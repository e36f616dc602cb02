"""An offline gazetteer and geocoder of Afghanistan's provinces, districts, towns and villages.

It knows places, not news. Quick start::

    >>> from gazetteer import AfghanGazetteer
    >>> AfghanGazetteer().geocode("Darah-ye Suf-e Pa'in, Samangan").raw["pcode"]
    'AF2006'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gazetteer.errors import GazetteerError
from gazetteer.normalize import name_key, normalize_name

if TYPE_CHECKING:
    from gazetteer.geocoder import AfghanGazetteer
    from gazetteer.matching import LEVELS, Gazetteer, Match, Place

__all__ = [
    "LEVELS",
    "AfghanGazetteer",
    "Gazetteer",
    "GazetteerError",
    "Match",
    "Place",
    "name_key",
    "normalize_name",
]

_LAZY = {
    "AfghanGazetteer": "gazetteer.geocoder",
    "LEVELS": "gazetteer.matching",
    "Gazetteer": "gazetteer.matching",
    "Match": "gazetteer.matching",
    "Place": "gazetteer.matching",
}


def __getattr__(name: str) -> Any:
    # geopandas and shapely load with the first gazetteer, not with `import gazetteer.errors`
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    msg = f"module 'gazetteer' has no attribute {name!r}"
    raise AttributeError(msg)

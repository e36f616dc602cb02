"""An offline gazetteer and geocoder of Afghanistan's provinces, districts, towns and villages.

It knows places, not news. Quick start::

    >>> from gazetteer import AfghanGazetteer
    >>> AfghanGazetteer().geocode("Darah-ye Suf-e Pa'in, Samangan").raw["pcode"]
    'AF2006'
"""

from __future__ import annotations

from gazetteer.errors import GazetteerError
from gazetteer.geocoder import AfghanGazetteer
from gazetteer.matching import LEVELS, Gazetteer, Match, Place
from gazetteer.normalize import name_key, normalize_name

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

"""The public error hierarchy of the ``incidents`` package.

Every error a user can meet derives from :class:`IncidentsError`, so a caller can catch one type.
The gazetteer's own error, :class:`gazetteer.GazetteerError`, is re-exported here for convenience.
"""

from __future__ import annotations

from gazetteer.errors import GazetteerError

__all__ = ["GazetteerError", "IncidentsError", "InputError", "SchemaError"]


class IncidentsError(Exception):
    """Base of every error raised by the incidents pipeline."""


class InputError(IncidentsError):
    """An input file or record is unusable; the message names the file, line and field."""


class SchemaError(IncidentsError):
    """A dataset does not follow SCHEMA.md; the message names the column and the problem."""

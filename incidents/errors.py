"""The public error hierarchy of the project.

Every error a user can meet derives from :class:`IncidentsError`, so a caller can catch one type.
"""

from __future__ import annotations

__all__ = ["GazetteerError", "IncidentsError", "InputError", "SchemaError"]


class IncidentsError(Exception):
    """Base of every error raised by this project."""


class InputError(IncidentsError):
    """An input file or record is unusable; the message names the file, line and field."""


class SchemaError(IncidentsError):
    """A dataset does not follow SCHEMA.md; the message names the column and the problem."""


class GazetteerError(IncidentsError):
    """The gazetteer data is missing or damaged."""

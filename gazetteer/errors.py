"""Errors raised by the gazetteer."""

from __future__ import annotations

__all__ = ["GazetteerError"]


class GazetteerError(Exception):
    """The gazetteer data is missing or damaged, or a query is malformed."""

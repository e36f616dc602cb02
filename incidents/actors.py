"""The canonical actor list (kept as data in ``incidents/data/actors.json``) and its matcher."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from importlib import resources

__all__ = [
    "CIVILIANS",
    "UNIDENTIFIED",
    "Actor",
    "ActorHit",
    "ActorList",
    "load_actors",
]

CIVILIANS = "Civilians"
UNIDENTIFIED = "Unidentified Armed Group (Afghanistan)"
#: The Taliban took Kabul on 15 August 2021: from then on they are the state.
TAKEOVER = date(2021, 8, 15)


@dataclass(frozen=True, slots=True)
class Actor:
    """One canonical actor: ACLED-style name, ACLED inter code, aliases, member nouns, period."""

    name: str
    inter: int
    aliases: tuple[str, ...]
    members: tuple[str, ...]
    valid_from: date | None = None
    valid_until: date | None = None

    def valid_on(self, day: date | None) -> bool:
        """Whether the name applies on ``day`` (an unknown day admits every period)."""
        if day is None:
            # an undated text: the names that are not bound to the period after the takeover
            return self.valid_from is None
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_until is not None and day > self.valid_until)


@dataclass(frozen=True, slots=True)
class ActorHit:
    """An actor named in a text: character span (within the text searched) and whether as members."""

    actor: Actor
    start: int
    end: int
    as_member: bool


def _pattern(phrases: set[str]) -> re.Pattern[str]:
    alternatives = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in alternatives) + r")(?![\w-])", re.I)


class ActorList:
    """Find actors in text and pick the name that applies on a date.

    Examples
    --------
    >>> actors = load_actors()
    >>> [h.actor.name for h in actors.find("Taliban fighters attacked a police post", date(2019, 1, 1))]
    ['Taliban', 'Police Forces of Afghanistan']
    """

    def __init__(self, actors: list[Actor]) -> None:
        self.actors = actors
        self.by_name = {a.name: a for a in actors}

    @cached_property
    def _alias_re(self) -> re.Pattern[str]:
        return _pattern({p for a in self.actors for p in (*a.aliases, *a.members)})

    def _resolve(self, phrase: str, day: date | None) -> tuple[Actor, bool] | None:
        low = phrase.lower()
        for as_member in (False, True):
            for a in self.actors:
                if a.valid_on(day) and low in (a.members if as_member else a.aliases):
                    return a, as_member
        return None

    def find(self, text: str, day: date | None) -> list[ActorHit]:
        """Every actor named in ``text``, valid on ``day``, in text order."""
        hits = []
        for m in self._alias_re.finditer(text):
            found = self._resolve(m.group(0), day)
            if found is None:
                # a phrase of another period ("Taliban fighters" names the state after 2021): its words
                for word in m.group(0).split():
                    found = self._resolve(word, day)
                    if found is not None:
                        break
            if found is not None:
                hits.append(ActorHit(found[0], m.start(), m.end(), found[1]))
        return hits

    def side_of(self, noun_phrase: str, day: date | None) -> Actor | None:
        """The actor whose people a victim phrase names ("14 policemen", "two Taliban commanders")."""
        hits = self.find(noun_phrase, day)
        if not hits:
            return None
        # an organisation named in the phrase beats a generic member noun ("Taliban fighters")
        named = [h for h in hits if not h.as_member]
        return (named or hits)[0].actor

    def get(self, name: str) -> Actor:
        """The actor with this canonical name."""
        return self.by_name[name]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def load_actors() -> ActorList:
    """Load the actor list shipped with the package.

    Examples
    --------
    >>> load_actors().get("Taliban").inter
    2
    """
    raw = json.loads(resources.files("incidents").joinpath("data/actors.json").read_text(encoding="utf-8"))
    actors = [
        Actor(
            name=a["name"],
            inter=int(a["inter"]),
            aliases=tuple(x.lower() for x in a.get("aliases", [])),
            members=tuple(x.lower() for x in a.get("members", [])),
            valid_from=_day(a.get("from")),
            valid_until=_day(a.get("until")),
        )
        for a in raw["actors"]
    ]
    return ActorList(actors)

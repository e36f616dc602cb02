"""Resolving the place names of mentions in their article's context.

"Dara-e-Soof Payeen district" after "northern Samangan province"; "X district of Y"; a province named
once and its districts later: every place span of a mention is matched again with the provinces and
districts named in the same sentence and in the rest of the article as context, and the most specific
place that agrees with that context wins. Ambiguous names that context cannot settle fall back to the
province they share, or to nothing: never to a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gazetteer import Gazetteer, Match, Place
from incidents.extract import Mention, PlaceSpan

__all__ = ["DIRECTION_PROVINCES", "PlaceResolver", "ResolvedPlace", "compass_provinces"]

# Compass words in news copy and the provinces they can point to: loose on purpose (Khost is "eastern" as
# often as "southeastern"), as they only choose between the namesakes of an ambiguous name ("Nawa" in
# "southern Afghanistan" is Helmand's Nawa-e-Barakzayi, not Ghazni's Nawa).
_SOUTHERN = ("AF25", "AF26", "AF27", "AF30", "AF34")  # Uruzgan, Zabul, Kandahar, Helmand, Nimroz
_SOUTH_EASTERN = ("AF11", "AF12", "AF13", "AF14")  # Ghazni, Paktika, Paktya, Khost
_EASTERN = ("AF06", "AF07", "AF15", "AF16")  # Nangarhar, Laghman, Kunar, Nuristan
_NORTHERN = ("AF20", "AF21", "AF22", "AF28", "AF29")  # Samangan, Balkh, Sar-e-Pul, Jawzjan, Faryab
_NORTH_EASTERN = ("AF09", "AF17", "AF18", "AF19")  # Baghlan, Badakhshan, Takhar, Kunduz
_WESTERN = ("AF23", "AF31", "AF32", "AF33")  # Ghor, Badghis, Hirat, Farah
_CENTRAL = ("AF01", "AF02", "AF03", "AF04", "AF05", "AF08", "AF10", "AF24", "AF11", "AF25", "AF23")
DIRECTION_PROVINCES: dict[str, frozenset[str]] = {
    "south": frozenset(_SOUTHERN),
    "southeast": frozenset((*_SOUTH_EASTERN, "AF26")),
    "southwest": frozenset(("AF34", "AF30", "AF33", "AF27")),
    "east": frozenset(_EASTERN + _SOUTH_EASTERN + ("AF05", "AF02")),
    "northeast": frozenset((*_NORTH_EASTERN, "AF08")),
    "north": frozenset(_NORTHERN + _NORTH_EASTERN),
    "northwest": frozenset(("AF29", "AF31", "AF28", "AF22", "AF32")),
    "west": frozenset((*_WESTERN, "AF34")),
    "central": frozenset(_CENTRAL),
}
_DIR = r"(?:south|north)(?:-?(?:east|west))?|east|west|central"
_DIRECTION = re.compile(
    rf"\b(?P<a>(?:south|north)(?:-?(?:east|west))?ern|eastern|western|central)\s+(?:Afghan(?:istan)?\b|"
    rf"provinces?\b|region\b|city\b|town\b|district\b|village\b|areas?\b|parts?\b)"
    rf"|\bAfghan(?:istan)?(?:'s|’s)?\s+(?P<b>{_DIR}(?:ern)?)\b(?!\s+(?:Alliance|Front)\b)"
    rf"|\b(?P<c>[NS][EW]?|[EW])\.\s*Afghan"
    rf"|\bin\s+the\s+(?P<d>{_DIR})\s+of\s+(?:the\s+country|Afghanistan)\b"
    rf"|\b(?P<e>(?:south|north)(?:-?(?:east|west))?ern|eastern|western|central)(?=\s*(?:,|and|or)\s+(?:{_DIR})ern\b)",
    re.IGNORECASE,
)
_ABBREVIATION = {"n": "north", "s": "south", "e": "east", "w": "west", "ne": "northeast", "nw": "northwest",
                 "se": "southeast", "sw": "southwest"}  # fmt: skip


def compass_provinces(text: str) -> frozenset[str] | None:
    """The provinces the compass words of a text point to ("in southern Afghanistan", "Afghan south",
    "S. Afghanistan"), or None when it has none or they disagree.

    Examples
    --------
    >>> sorted(compass_provinces("A dozen police killed in the Afghan south"))[:2]
    ['AF25', 'AF26']
    >>> compass_provinces("clashes in northern and southern Afghanistan") is None
    True
    """
    found: set[str] = set()
    for m in _DIRECTION.finditer(text):
        word = next(g for g in m.groups() if g).lower().replace("-", "")
        if m.group("c"):
            word = _ABBREVIATION[word]
        elif word.endswith("ern"):
            word = word[: -len("ern")]
        found.add(word)
    if len(found) != 1:
        return None
    return DIRECTION_PROVINCES.get(found.pop())


_NAME_RUN = re.compile(r"\b[A-Z][\w'’]+(?:(?:[- ]|-(?:e|i|ye)[- ])[A-Z][\w'’]+){0,3}")
_NATIONAL_CAPITAL = "Kabul"
_SPECIFICITY = {"province": 0, "district": 1, "town": 2, "village": 3}
_GEO_PRECISION = {"province": 3, "district": 2, "town": 1, "village": 1}
_WHERE_PREC = {"province": 4, "district": 3, "town": 1, "village": 1}


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """Where a mention happened, with P-codes, a point and how sure the match is."""

    level: str
    location: str
    location_text: str
    admin1: str
    admin1_pcode: str
    admin2: str | None
    admin2_pcode: str | None
    latitude: float
    longitude: float
    geo_precision: int
    where_prec: int
    method: str
    score: float
    start: int
    end: int

    def contains(self, other: ResolvedPlace) -> bool:
        """True when ``other`` lies in this place (or is the same place)."""
        if self.admin1_pcode != other.admin1_pcode:
            return False
        if self.admin2_pcode is None:
            return True
        if other.admin2_pcode != self.admin2_pcode:
            return False
        return self.level == "district" or self.location == other.location


def _resolved(place: Place, match: Match | None, span: PlaceSpan, method: str | None = None) -> ResolvedPlace:
    return ResolvedPlace(
        level=place.level,
        location=place.name,
        location_text=span.text,
        admin1=place.admin1,
        admin1_pcode=place.admin1_pcode,
        admin2=place.admin2,
        admin2_pcode=place.admin2_pcode,
        latitude=place.latitude,
        longitude=place.longitude,
        geo_precision=_GEO_PRECISION[place.level],
        where_prec=_WHERE_PREC[place.level],
        method=method or (match.method if match and match.method else "exact"),
        score=match.score if match else 0.8,
        start=span.start,
        end=span.end,
    )


class PlaceResolver:
    """Resolve mention place spans with sentence and article context.

    Examples
    --------
    >>> resolver = PlaceResolver(Gazetteer())  # doctest: +SKIP
    >>> places = resolver.resolve(mentions)     # doctest: +SKIP
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def article_context(self, mentions: Sequence[Mention]) -> list[str]:
        """Province and district P-codes named unambiguously anywhere in the article's mentions."""
        codes: list[str] = []
        for m in mentions:
            for span in m.places:
                if len(span.codes) == 1 and len(span.codes[0]) in (4, 6) and span.codes[0] not in codes:
                    codes.append(span.codes[0])
        return codes

    def sole_province(self, text: str, *, skip: int = 0) -> ResolvedPlace | None:
        """The province of an article that names exactly one (through its own or its districts' names).

        A report that names no place of its own takes it, at province precision: headlines often
        give the province in one line and the casualties in another.
        """
        found: dict[str, tuple[int, int, str]] = {}
        for m in _NAME_RUN.finditer(text, skip):
            words = m.group(0).split()
            for n in range(len(words), 0, -1):
                name = " ".join(words[:n])
                match = self.gazetteer.match(name, levels=("province", "district"), fuzzy=False)
                if match.place is not None:
                    found.setdefault(match.place.admin1_pcode, (m.start(), m.start() + len(name), name))
                    break
        if len(found) != 1:
            return None
        pcode, (start, end, name) = next(iter(found.items()))
        province = self.gazetteer.place(pcode)
        span = PlaceSpan(start, end, name, "province", (pcode,))
        return _resolved(province, None, span, method="admin_fallback")

    def sole_district(self, text: str, admin1_pcode: str) -> ResolvedPlace | None:
        """The one district of a province that an article names anywhere ("northern Kunduz province" in
        one sentence, "Chardara district" in another), or None when it names none or several."""
        found: dict[str, tuple[int, int, str, Match]] = {}
        for m in _NAME_RUN.finditer(text):
            words = m.group(0).split()
            after = text[m.end() : m.end() + 12].lower()
            for n in range(len(words), 0, -1):
                name = " ".join(words[:n])
                named_district = n == len(words) and after.lstrip().startswith("district")
                if not named_district:
                    as_province = self.gazetteer.match(name, levels=("province",), fuzzy=False)
                    if as_province.place is not None:
                        break  # "Khost", "Kandahar": the province's own name, not its capital's district
                match = self.gazetteer.match(
                    name, levels=("district",), context=[admin1_pcode], fuzzy=named_district
                )
                if match.place is not None and match.place.admin1_pcode == admin1_pcode:
                    found.setdefault(match.place.pcode, (m.start(), m.start() + len(name), name, match))
                    break
        if len(found) != 1:
            return None
        start, end, name, match = next(iter(found.values()))
        assert match.place is not None
        return _resolved(match.place, match, PlaceSpan(start, end, name, "district", (match.place.pcode,)))

    def resolve(self, mentions: Sequence[Mention]) -> list[ResolvedPlace | None]:
        """The place of each mention (None when it names none that resolves)."""
        article_ctx = self.article_context(mentions)
        provinces_in_article = [c for c in article_ctx if len(c) == 4]
        article_compass = compass_provinces(" ".join(m.text for m in mentions))
        return [self._resolve_one(m, article_ctx, provinces_in_article, article_compass) for m in mentions]

    def _resolve_one(
        self,
        mention: Mention,
        article_ctx: list[str],
        provinces_in_article: list[str],
        article_compass: frozenset[str] | None = None,
    ) -> ResolvedPlace | None:
        if not mention.places:
            return None
        compass = compass_provinces(mention.text) or article_compass
        sentence_ctx = [c for s in mention.places if len(s.codes) == 1 for c in s.codes if len(c) in (4, 6)]
        context = [*sentence_ctx, *[c for c in article_ctx if c not in sentence_ctx]]
        options: list[ResolvedPlace] = []
        for span in mention.places:
            resolved = self._resolve_span(span, sentence_ctx, context, provinces_in_article, compass)
            if resolved is not None:
                options.append(resolved)
        if not options:
            return None
        sentence_provinces = {c[:4] for c in sentence_ctx}
        if sentence_provinces:
            agreeing = [o for o in options if o.admin1_pcode in sentence_provinces]
            options = agreeing or options
        # the most specific place; among equals, the first named
        options.sort(key=lambda o: (-_SPECIFICITY[o.level], o.start))
        best = options[0]
        elsewhere = [o for o in options if o.level == "district" and o.admin2_pcode != best.admin2_pcode]
        if best.level == "town" and elsewhere:
            best = elsewhere[
                0
            ]  # "in Panjwai district, west of Kandahar city": the district, not the landmark
        if best.level == "province" and any(
            o.level == "province" and o.admin1_pcode != best.admin1_pcode for o in options
        ):
            return None  # "attacks in Faryab, Farah": several provinces and nothing narrower; no guess
        return best

    def _resolve_span(
        self,
        span: PlaceSpan,
        sentence_ctx: list[str],
        context: list[str],
        provinces: list[str],
        compass: frozenset[str] | None = None,
    ) -> ResolvedPlace | None:
        hint = span.hint
        levels: tuple[str, ...]
        if hint == "village":
            levels = ("village", "town")
        elif hint == "province":
            levels = ("province",)
        elif hint == "district":
            levels = ("district",)
        elif hint in ("city", "town"):
            levels = ("town", "district")
        else:
            levels = ("province", "district", "town")
        # the sentence's own provinces and districts first; the whole article's only if they do not settle it
        match = self.gazetteer.match(span.text, context=sentence_ctx, levels=levels, fuzzy=hint is not None)  # type: ignore[arg-type]
        if hint in ("city", "town") and match.place is not None and match.place.level == "district":
            # "Pul-e Alam, the capital of Logar", "Kunduz city": the town itself, where the gazetteer has it
            town = self.gazetteer.match(
                span.text, context=sentence_ctx or context, levels=("town",), fuzzy=False
            )
            if town.place is not None and town.place.admin2_pcode == match.place.pcode:
                match = town
        if match.status == "ambiguous" and hint != "village" and context != sentence_ctx:
            match = self.gazetteer.match(span.text, context=context, levels=levels, fuzzy=hint is not None)  # type: ignore[arg-type]
        if match.place is None and hint is not None and match.status == "not_found":
            match = self.gazetteer.match(span.text, context=sentence_ctx or context, fuzzy=True)
        if (
            match.place is not None
            and match.place.level == "province"
            and match.place.name == _NATIONAL_CAPITAL
            and hint != "province"
        ):
            # "in Kabul" means the city: the capital's district, not the whole province
            city = self.gazetteer.match(_NATIONAL_CAPITAL, levels=("district",), context=[match.place.pcode])
            if city.place is not None:
                return _resolved(city.place, city, span)
        if match.place is not None:
            return _resolved(match.place, match, span)
        if match.status == "ambiguous" and match.candidates:
            candidates = list(match.candidates)
            if compass is not None and hint != "village":
                # "Nawa" in "the Afghan south": the namesakes in the provinces the compass word points to
                candidates = [c for c in candidates if c.admin1_pcode in compass] or candidates
                if len(candidates) == 1:
                    return _resolved(candidates[0], match, span)
            shared = {c.admin1_pcode for c in candidates}
            if len(shared) == 1:
                province = self.gazetteer.place(shared.pop())
                return _resolved(province, None, span, method="admin_fallback")
        return None

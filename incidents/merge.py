"""Merging mentions into incidents: within an article, then across articles.

Within an article, sentences about the same event (compatible place and kind of violence) become one
:class:`Report`; a denial or claim attaches to the event it answers; a sentence that sums up incidents
reported elsewhere in the article ("at least 38 fighters in northern and western regions") adds no row.
Across articles, reports of the same incident (compatible place, overlapping dates, same kind of event,
no conflicting sides) become one :class:`Incident`, with UCDP's low/best/high over the reports.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType
from typing import Final

from incidents._dates import DateRef
from incidents._lexicon import EXCHANGE_OF_FIRE, TOLL_UPDATE
from incidents.actors import CIVILIANS, UNIDENTIFIED, ActorList
from incidents.extract import Mention, reference_date
from incidents.ingest import Article
from incidents.places import ResolvedPlace
from incidents.schema import EVENT_TYPE_BY_SUB_EVENT_TYPE

__all__ = ["Incident", "Report", "ReportKey", "article_reports", "incident_id", "merge_keys", "merge_reports"]

#: Sub-event types from the most telling to the least: a report that mentions several takes the first.
SPECIFIC_SUB_EVENTS: tuple[str, ...] = (
    "Suicide bomb",
    "Air/drone strike",
    "Remote explosive/landmine/IED",
    "Shelling/artillery/missile attack",
    "Grenade",
    "Abduction/forced disappearance",
    "Government regains territory",
    "Non-state actor overtakes territory",
)


@dataclass
class Report:
    """One incident as one article reports it."""

    article: Article
    mentions: list[Mention]
    place: ResolvedPlace | None
    sub_event_type: str | None = None
    development: bool = False
    killed: tuple[int, int, int] | None = None
    wounded: tuple[int, int, int] | None = None
    killed_by_side: dict[str, int] = field(default_factory=dict)
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor1: list[str] = field(default_factory=list)
    claimed_by: str | None = None
    denied_by: str | None = None
    denied_count: int = 0
    denies_all: bool = False
    #: "villagers said the dead were civilians" of dead counted as fighters: who died is disputed
    identity_disputed: bool = False
    named_persons: list[str] = field(default_factory=list)
    date_start: date | None = None
    date_end: date | None = None
    event_date: date | None = None
    time_precision: int | None = None
    summary: bool = False

    @property
    def first_offset(self) -> int:
        """Offset of the first sentence this report rests on."""
        return min(m.start for m in self.mentions)


@dataclass
class Incident:
    """One incident, however many articles report it."""

    reports: list[Report]

    @property
    def article_ids(self) -> list[str]:
        """Distinct ids of the reporting articles, sorted."""
        return sorted({r.article.id for r in self.reports})

    @property
    def incident_id(self) -> str:
        """Stable id from the articles and the offsets of the sentences it rests on."""
        return incident_id((r.article.id, r.first_offset) for r in self.reports)


# ----------------------------------------------------------------------------------------------- within
def _compatible_place(a: ResolvedPlace | None, b: ResolvedPlace | None) -> bool:
    if a is None or b is None:
        return True
    return a.contains(b) or b.contains(a)


_EXPLOSIVE = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"})


def _own_dates(ms: Iterable[Mention]) -> list[DateRef]:
    return [d for m in ms for d in m.dates if not d.speech]


def _compatible_dates(r: Report, m: Mention) -> bool:
    """False when both carry dates of their own and the ranges do not meet ("last week" vs "on Saturday")."""
    a, b = _own_dates(r.mentions), _own_dates([m])
    if not a or not b:
        return True
    return any(x.start <= y.end and y.start <= x.end for x in a for y in b)


def _compatible_type(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    generic = {"Armed clash", "Attack"}
    # a suicide bombing is also "the blast", "the explosion"
    return a in generic or b in generic or (a in _EXPLOSIVE and b in _EXPLOSIVE)


def _more_specific(a: ResolvedPlace | None, b: ResolvedPlace | None) -> ResolvedPlace | None:
    if a is None:
        return b
    if b is None:
        return a
    rank = {"province": 0, "district": 1, "town": 2, "village": 3}
    return b if rank[b.level] > rank[a.level] else a


def article_reports(
    article: Article,
    mentions: Sequence[Mention],
    places: Sequence[ResolvedPlace | None],
    actors: ActorList,
    *,
    article_dates: Sequence[DateRef] = (),
) -> list[Report]:
    """Group an article's mentions into one report per incident.

    Parameters
    ----------
    article
        The article.
    mentions, places
        Its mentions in text order and the resolved place of each.
    actors
        The actor list (for inter codes and period names).
    article_dates
        Dates the article gives for actions, in text order: a report whose own sentences carry no
        date takes the first.

    Returns
    -------
    list of Report
        Violent incidents and strategic developments, summaries removed.
    """
    reports: list[Report] = []
    current: Report | None = None
    last_place: ResolvedPlace | None = None
    day = reference_date(article)
    for mention, resolved in zip(mentions, places, strict=True):
        if (
            mention.kind == "event"
            and mention.background
            and all(
                d.precision >= 3 or (day is not None and d.end < day - timedelta(days=60))
                for d in _own_dates([mention])
            )
        ):
            # "In January, a similar blast killed two girls in Pusht Rod", "last month a bomb killed two", "the UN
            # says mines killed hundreds last year": background (no date, or a month), no incident nor part of one
            continue
        own = _own_dates([mention])
        if (
            mention.kind == "event"
            and not mention.casualties
            and own
            and all(d.precision >= 2 for d in own)
            and any(not r.development and r.mentions for r in reports)
            and resolved is not None
            and not any(r.place is not None and _compatible_place(r.place, resolved) for r in reports)
        ):
            # "Last week the Taliban overran Kunduz": after the article's incident, a week or more earlier
            # elsewhere and with nobody counted is the story's background, not another incident
            continue
        place = resolved
        # "in the same district": the place named last, and another incident there (one does not write it
        # of the incident one is telling)
        another = bool(mention.casualties and last_place is not None and _SAME_PLACE.search(mention.text))
        if another and (place is None or _compatible_place(place, last_place)):
            place = _more_specific(place, last_place)
        last_place = place or last_place
        if mention.background and not mention.casualties and place is None:
            continue
        if mention.kind == "remark":
            # "He blamed the Taliban.", "There were no Taliban in those houses": said of the incident being
            # told; never an incident itself
            if current is not None and not current.development and _compatible_place(current.place, place):
                current.mentions.append(mention)
            continue
        if mention.kind in ("denial", "claim"):
            target = current
            if target is None or (place is not None and not _compatible_place(target.place, place)):
                target = next((r for r in reversed(reports) if _compatible_place(r.place, place)), None)
            if target is None:
                # a claim of an attack, or a denial of reported deaths ("Taliban deny reports saying 80
                # fighters were killed"), is the article's incident even with nothing before it
                if (mention.kind == "claim" and mention.sub_event_type is not None) or (
                    mention.kind == "denial" and mention.total("killed")
                ):
                    target = Report(article, [], place)
                    reports.append(target)
                else:
                    continue
            target.mentions.append(mention)
            target.place = _more_specific(target.place, place)
            current = target
            continue
        if mention.kind == "development":
            # one strategic development per article: its sentences elaborate the same announcement
            existing = next((r for r in reports if r.development), None)
            if existing is None:
                reports.append(Report(article, [mention], place, development=True))
            else:
                existing.mentions.append(mention)
                existing.place = existing.place or place
            continue
        if mention.background and mention.total("killed") and place is None:
            continue  # "dozens have been killed since 2019", "fighting in October killed dozens": context
        target = None
        if another:
            pass
        elif place is None:
            # an unplaced sentence goes on telling the current incident, unless it dates itself elsewhere
            if current is not None and not current.development and _compatible_dates(current, mention):
                target = current
        else:
            # a placed mention never joins a placeless one here: placeless reports are settled at the end,
            # when it is known whether they tell one incident first or sum up several
            for r in reversed(reports):
                if r.development:
                    continue
                if (
                    r.place is not None
                    and _compatible_place(r.place, place)
                    and _compatible_type(_report_type(r), mention.sub_event_type)
                    and _compatible_dates(r, mention)
                ):
                    target = r
                    break
        if target is None and not _substantive(mention, place) and any(not r.development for r in reports):
            # context about an incident already reported (no casualties, no date of its own)
            if current is not None and not current.development and _compatible_place(current.place, place):
                target = current
            else:
                continue
        if target is None and not _substantive(mention, place) and _THAT_EVENT.search(mention.text):
            continue  # "IS said it carried out that attack" with no incident told before: it was background
        if target is None:
            target = Report(article, [], place)
            reports.append(target)
        target.mentions.append(mention)
        target.place = _more_specific(target.place, place)
        current = target
    violent = [
        r
        for r in reports
        if not r.development
        and any(m.kind == "event" or (m.kind == "denial" and m.total("killed")) for m in r.mentions)
        # the dead of an earthquake or a flood, and what is told of them after: no political violence (unless the
        # report tells a violent event: "the deaths caused a storm of anger")
        and not (
            any("natural" in m.cues for m in r.mentions) and not any(m.sub_event_type for m in r.mentions)
        )
    ]
    _drop_summaries(violent)
    out = [r for r in reports if (r.development or r in violent) and not r.summary]
    for r in out:
        _settle(r, actors, article_dates)
    return out


_THAT_EVENT = re.compile(
    r"\b(?:that|those) (?:attacks?|bombings?|blasts?|explosions?|killings?|assaults?|raids?|strikes?|ambush(?:es)?)\b",
    re.I,
)
_SAME_PLACE = re.compile(r"\b(?:the same|that|this) (?:district|province|area|village|town|city)\b", re.I)


def _substantive(m: Mention, place: ResolvedPlace | None) -> bool:
    """Whether a mention can start an incident of its own: exact casualty figures, or a dated event with a
    place of its own or of a specific kind ("Many of the wounded were taken to..." cannot)."""
    if any(not c.vague for c in m.casualties):
        return True
    dated = any(not d.speech for d in m.dates)
    specific = m.sub_event_type not in (None, "Armed clash", "Attack")
    return dated and (specific or (place is not None and place.level != "province"))


def _report_type(r: Report) -> str | None:
    types = [m.sub_event_type for m in r.mentions if m.sub_event_type]
    if "Shelling/artillery/missile attack" in types and any(
        m.sub_event_type == "Armed clash" and EXCHANGE_OF_FIRE.search(m.text) for m in r.mentions
    ):
        # "the two forces exchanged heavy fire ... mortar rounds landed in a village": the shells are part
        # of the battle
        types = [t for t in types if t != "Shelling/artillery/missile attack"]
    for t in SPECIFIC_SUB_EVENTS:
        if t in types:
            return t
    return types[0] if types else None


def _drop_summaries(reports: list[Report]) -> None:
    """Mark reports that only sum up the others (placeless, or a region, with the others' total)."""
    placed = [r for r in reports if r.place is not None]
    if len(placed) < 2:
        # one placed report: a placeless lead is the same incident told first
        if len(placed) == 1:
            for r in reports:
                if r.place is None and r is not placed[0]:
                    placed[0].mentions = sorted(placed[0].mentions + r.mentions, key=lambda m: m.start)
                    r.summary = True
        return
    total_placed = sum(_killed_best(r) for r in placed)
    for r in reports:
        if r.place is not None:
            continue
        killed = _killed_best(r)
        regional = any(m.regional for m in r.mentions)
        if (
            regional
            or killed == 0
            or abs(killed - total_placed) <= max(2, 0.15 * total_placed)
            or killed >= total_placed
        ):
            r.summary = True


def _killed_best(r: Report) -> int:
    totals = [m.total("killed") for m in r.mentions]
    return max((t[1] for t in totals if t), default=0)


_ADDITIVE = re.compile(r"\b(?:also|as well|in addition|besides|too)\b", re.I)
_ALSO_DEAD = re.compile(
    r"\b(?:was|were|had been) also (?:killed|shot dead|wounded|injured)\b|\balso (?:died|perished)\b", re.I
)


def _sides(m: Mention, outcome: str) -> dict[str, tuple[int, int, int]]:
    sides: dict[str, tuple[int, int, int]] = {}
    for c in m.casualties:
        if c.outcome != outcome:
            continue
        lo, be, hi = sides.get(c.side or "unknown", (0, 0, 0))
        sides[c.side or "unknown"] = (lo + c.low, be + c.best, hi + c.high)
    return sides


_FOREIGN_FORCES = frozenset({"US forces", "NATO forces", "Foreign forces"})
_TALIBAN = frozenset({"Taliban", "Haqqani Network"})


def _side_family(side: str, actors: ActorList) -> str:
    """Sides whose counts may hold each other's dead: a state's army, police and intelligence ("security
    forces" covers all three), foreign forces, the Taliban and its state after 2021."""
    actor = actors.by_name.get(side)
    if side in _TALIBAN or side.endswith("(2021-)"):
        return "taliban"
    if side in _FOREIGN_FORCES:
        return "foreign"
    if actor is not None and actor.inter == 1:
        return "state"
    return side


# a telling whose smaller figures may be parts of the whole: "eight civilians, among them two children"
_SUBSET = re.compile(r"\b(?:including|among them|among whom|of whom|of them|included)\b", re.I)
_ANYONE = re.compile(r"\b(?:people|persons?|lives|others|individuals|dead|bodies)\b", re.I)


def _same_kind(a: str | None, b: str | None) -> bool:
    """Sub-event types two tellings of one event can have: the same, or either unsaid or generic."""
    generic = (None, "Armed clash", "Attack")
    return a == b or (a in generic and b in generic) or a is None or b is None


def _open_count(m: Mention, outcome: str) -> bool:
    """Whether a telling counts dead of any side: no side named, or "people" (coded as civilians, yet
    "20 people" at a police station may hold the policemen another sentence counts)."""
    return any(
        c.outcome == outcome and (c.side is None or (c.side == CIVILIANS and _ANYONE.search(c.phrase)))
        for c in m.casualties
    )


def _combine(
    mentions: Sequence[Mention], outcome: str, family: Callable[[str], str] = str
) -> tuple[tuple[int, int, int] | None, dict[str, int]]:
    """Mentions of one incident in one article are partial tellings: the fullest figure stands, an exact
    figure before a vague word; the other tellings add the sides it does not count ("14 policemen killed"
    and "10 insurgents died" make 24), except sides of a family it counts (``family``: soldiers and police
    may be the same security forces) and except when its figure has no side (it may hold them already);
    a sentence that says others were *also* killed adds its sides in any case."""
    exact = any(c.outcome == outcome and not c.vague for m in mentions for c in m.casualties)
    # a telling with an exact figure beats one with only vague words; within a telling, all its figures
    # count ("16 police, dozens of militants")
    told = [
        (m, _sides(m, outcome))
        for m in mentions
        if any(c.outcome == outcome and (not c.vague or not exact) for c in m.casualties)
    ]
    if exact:
        # "three policemen were killed" and "several insurgents were killed in the firefight": a vague word
        # for a side no exact figure counts still counts that side (ACLED's reading of the word)
        exact_sides = {c.side for m, _ in told for c in m.casualties if c.outcome == outcome and not c.vague}
        told += [
            (m, vague_sides)
            for m in mentions
            if all(t is not m for t, _ in told)
            and m.kind == "event"
            and not m.regional
            and (
                vague_sides := {
                    k: v
                    for k, v in _sides(m, outcome).items()
                    if k not in exact_sides
                    and k != "unknown"
                    and v[1] <= 5  # "several", "a few"; not "dozens"
                }
            )
        ]
    if not told:
        return None, {}
    # a telling that sums several attacks ("a wave of Kabul bombings", "countrywide") does not set the
    # figure of one of them when a telling of its own gives one
    told = [t for t in told if not t[0].regional] or told
    best_m, best_sides = max(told, key=lambda t: (sum(v[1] for v in t[1].values()), -t[0].start))
    sides = dict(best_sides)
    # other tellings add the sides the fullest one does not count ("16 police killed in Kandahar" and
    # "27 rebels killed in Kandahar" make 43) unless its figure has no side and may hold them already
    # ("28 killed in the attack" and "16 of them police"); "also" adds them in any case
    open_total = _open_count(best_m, outcome)
    counted = {family(side) for side in best_sides}
    figures = {v[1] for v in best_sides.values()}
    updated = any(TOLL_UPDATE.search(m.text) for m, _ in told)
    # "nine Taliban fighters killed", the ministry said; "the raiders killed eight men", villagers said, and
    # "the dead were civilians": two accounts of the same dead, a range and not a sum
    identity = any("identity" in m.cues for m in mentions) and any(
        side not in (CIVILIANS, "unknown") for _, told_sides in told for side in told_sides
    )
    for m, extra in told:
        if m is best_m:
            continue
        if identity and sides:
            main = max(sides, key=lambda k: sides[k][1])
            for side, value in extra.items():
                if side != "unknown" and side not in sides:
                    low, best, high = sides[main]
                    sides[main] = (min(low, value[0]), best, max(high, value[2]))
            continue
        same_kind = _same_kind(
            best_m.sub_event_type, m.sub_event_type
        )  # not "ambush kills 13", "air raid kills 18"
        if same_kind and not updated and m.kind == "event" and not _SUBSET.search(m.text):
            # two counts of one side make a range: "eight soldiers", the ministry said; "30 soldiers", the
            # Taliban said. The lower is the low figure, unless a later count updates the earlier ones
            for side, value in extra.items():
                if side in sides and value[0] < sides[side][0]:
                    sides[side] = (value[0], sides[side][1], sides[side][2])
            if open_total and "unknown" in sides and not _ADDITIVE.search(m.text):
                # "at least 17 bodies", a doctor said; "nine worshippers", the police said: the lower count of
                # the same dead is the low figure whatever side it names
                told_low = sum(v[0] for v in extra.values())
                if told_low < sides["unknown"][0]:
                    sides["unknown"] = (told_low, sides["unknown"][1], sides["unknown"][2])
        if not _ADDITIVE.search(m.text) and (
            open_total
            or _open_count(m, outcome)  # a sideless figure is another count of the same dead, not more dead
            or not same_kind
            or (  # "five soldiers", "five Pakistani soldiers"; "several" is no figure of its own
                any(v[1] in figures for v in extra.values())
                and not all(c.vague for c in m.casualties if c.outcome == outcome)
            )
        ):
            continue
        also_dead = _ALSO_DEAD.search(m.text) is not None
        for side, value in extra.items():
            if side in best_sides and also_dead:
                # "The driver was also killed": one more of a side already counted
                sides[side] = (
                    sides[side][0] + value[0],
                    sides[side][1] + value[1],
                    sides[side][2] + value[2],
                )
                continue
            if side == "unknown" or side in best_sides:
                continue
            if side in sides:
                sides[side] = max(sides[side], value, key=lambda v: v[1])  # the fullest figure for that side
            elif family(side) not in counted:  # "20 soldiers" and "13 police" may count the same forces
                sides[side] = value
                counted.add(family(side))
    total = tuple(sum(v[i] for v in sides.values()) for i in range(3))
    return total, {k: v[1] for k, v in sides.items()}  # type: ignore[return-value]


def _settle(r: Report, actors: ActorList, article_dates: Sequence[DateRef]) -> None:
    """Fill a report's fields from its mentions."""
    ms = r.mentions
    day = reference_date(r.article)
    r.sub_event_type = "Agreement" if r.development else _report_type(r)

    def family(side: str) -> str:
        return _side_family(side, actors)

    r.killed, r.killed_by_side = _combine(ms, "killed", family)
    r.wounded, _ = _combine(ms, "wounded", family)
    # who acted: the incident's own sentences first, then an official's blame ("He blamed the Taliban."),
    # then sentences about many attacks ("attacks on polling centres across the country")
    blamed = next((m.actor1 for m in ms if m.kind == "remark" and m.actor1), None)
    r.actor1 = (
        next((m.actor1 for m in ms if m.kind == "event" and m.actor1 and not m.regional), None)
        or blamed
        or next((m.actor1 for m in ms if m.actor1), None)
    )
    victims = [c.side for m in ms for c in m.casualties if c.side]
    r.actor2 = next((m.actor2 for m in ms if m.actor2 and m.actor2 != r.actor1), None) or next(
        (v for v in victims if v != r.actor1), None
    )
    r.assoc_actor1 = list(
        dict.fromkeys(a for m in ms for a in m.assoc_actor1 if a not in (r.actor1, r.actor2))
    )
    claims = [m for m in ms if m.claimed_by]
    denials = [m for m in ms if m.kind == "denial" or (m.denied_by and m.kind != "claim")]
    if blamed is not None and r.actor1 in (None, UNIDENTIFIED) and blamed != r.actor2:
        r.actor1 = blamed
    if claims:
        r.claimed_by = claims[0].claimed_by
        if r.actor1 in (None, r.actor2, UNIDENTIFIED):
            # "gunmen shot dead a governor ... the Taliban said they carried out the killing": the claimant acted
            r.actor1 = r.claimed_by
            if r.actor2 == r.actor1:
                r.actor2 = next((m.actor2 for m in ms if m.actor2 and m.actor2 != r.actor1), None) or next(
                    (v for v in victims if v != r.actor1), None
                )
    if denials:
        d = denials[0]
        r.denied_by = d.denied_by
        r.denies_all = any(x.denies_all for x in denials)
        r.denied_count = max((x.denied_count or 0) for x in denials)
    counted_sides = {c.side for m in ms for c in m.casualties if c.outcome == "killed" and c.side}
    r.identity_disputed = any("identity" in m.cues for m in ms) and bool(counted_sides - {CIVILIANS})
    r.named_persons = list(dict.fromkeys(p for m in ms for p in m.named_persons))
    if r.actor1 is None and not r.development:
        r.actor1 = _default_perpetrator(r, actors, day)
    if UNIDENTIFIED in r.killed_by_side and r.actor1 not in (None, UNIDENTIFIED):
        # "four of the attackers were also killed": the attackers are the side that acted
        assert r.actor1 is not None
        r.killed_by_side[r.actor1] = r.killed_by_side.get(r.actor1, 0) + r.killed_by_side.pop(UNIDENTIFIED)
    if r.actor2 is None and r.killed_by_side:
        r.actor2 = next((s for s in r.killed_by_side if s not in ("unknown", r.actor1)), None)
    _dates(r, article_dates)


def _default_perpetrator(r: Report, actors: ActorList, day: date | None) -> str | None:
    """Who acted when the text does not say: the other side of a battle, or an unidentified group."""
    victim = r.actor2
    fighting = [s for s in r.killed_by_side if s not in ("unknown", victim, CIVILIANS, UNIDENTIFIED)]
    if victim is not None and victim != CIVILIANS and len(fighting) == 1:
        return fighting[0]  # "16 police killed" and "27 rebels killed": both sides lost men, a battle
    if victim is None:
        return UNIDENTIFIED if r.sub_event_type in ("Suicide bomb", "Remote explosive/landmine/IED") else None
    v = actors.by_name.get(victim)
    if v is not None and v.inter == 2 and r.sub_event_type in (None, "Armed clash", "Air/drone strike"):
        state = (
            "Military Forces of Afghanistan"
            if day is None or day < date(2021, 8, 15)
            else "Military Forces of Afghanistan (2021-)"
        )
        return state if victim != state else None
    return UNIDENTIFIED


def _dates(r: Report, article_dates: Sequence[DateRef]) -> None:
    own = [d for m in r.mentions for d in m.dates if not d.speech]
    chosen = min(own, key=lambda x: (x.precision, x.start_char)) if own else None
    if chosen is None and article_dates:
        chosen = article_dates[0]
    if chosen is not None:
        r.date_start, r.date_end, r.time_precision = chosen.start, chosen.end, chosen.precision
        r.event_date = chosen.start
        return
    published = reference_date(r.article)
    if published is not None:
        # undated wire copy reports the day before or the day itself
        r.date_start, r.date_end = published - timedelta(days=1), published
        r.event_date = published - timedelta(days=1)
        r.time_precision = 2


# ----------------------------------------------------------------------------------------------- across
#: Place levels from the least specific to the most.
PLACE_RANK: Final[Mapping[str, int]] = MappingProxyType(
    {"province": 0, "district": 1, "town": 2, "village": 3}
)


@dataclass(frozen=True, slots=True)
class ReportKey:
    """What the cross-article merge needs of a settled report, and what orders and locates its row.

    A few hundred bytes instead of the report's mentions: a build keeps one per report until its input
    ends, and the report itself waits elsewhere (``handle`` says where: an index, an offset in a file).
    """

    handle: int
    article_id: str
    first_offset: int
    development: bool
    event_type: str | None
    sides: frozenset[str]
    date_start: date | None
    date_end: date | None
    event_date: date | None
    place_rank: int = -1  # PLACE_RANK of the place's level; -1 without a place
    place_score: float = 0.0
    admin1_pcode: str | None = None
    admin2_pcode: str | None = None
    latitude: float = math.nan
    longitude: float = math.nan

    @classmethod
    def of(cls, r: Report, handle: int) -> ReportKey:
        """The key of a settled report."""
        p = r.place
        return cls(
            handle=handle,
            article_id=r.article.id,
            first_offset=r.first_offset,
            development=r.development,
            event_type=EVENT_TYPE_BY_SUB_EVENT_TYPE.get(r.sub_event_type or "Armed clash"),
            sides=_side_set(r.actor1, r.actor2),
            date_start=r.date_start,
            date_end=r.date_end,
            event_date=r.event_date,
            place_rank=-1 if p is None else PLACE_RANK[p.level],
            place_score=0.0 if p is None else p.score,
            admin1_pcode=None if p is None else p.admin1_pcode,
            admin2_pcode=None if p is None else p.admin2_pcode,
            latitude=math.nan if p is None else p.latitude,
            longitude=math.nan if p is None else p.longitude,
        )

    @property
    def placed(self) -> bool:
        """Whether the report has a place."""
        return self.place_rank >= 0


@functools.lru_cache(maxsize=4096)
def _side_set(actor1: str | None, actor2: str | None) -> frozenset[str]:
    # one shared set per pair of actors: a set of its own for each of 24,000 reports would cost 5 MB
    return frozenset({actor1, actor2} - {None, UNIDENTIFIED})  # type: ignore[arg-type]


def incident_id(sources: Iterable[tuple[str, int]]) -> str:
    """Stable id of an incident from its reports' (article id, offset of the first sentence) pairs.

    Examples
    --------
    >>> incident_id([("a1", 0)])
    'AFG-b5f5093adaf2a084'
    """
    keys = sorted(f"{article_id}@{offset}" for article_id, offset in sources)
    digest = hashlib.sha1("|".join(keys).encode("utf-8")).hexdigest()[:16]
    return f"AFG-{digest}"


@dataclass(slots=True)
class _Group:
    """An incident while the merge runs: its reports' keys (first one first) and the dates they span."""

    keys: list[ReportKey]
    start: date | None
    end: date | None

    def add(self, k: ReportKey) -> None:
        self.keys.append(k)
        if k.date_start is not None:
            self.start = k.date_start if self.start is None else min(self.start, k.date_start)
        if k.date_end is not None:
            self.end = k.date_end if self.end is None else max(self.end, k.date_end)


def _same_incident(group: _Group, k: ReportKey) -> bool:
    base = group.keys[0]
    if k.development or base.development:
        return False
    if any(x.article_id == k.article_id for x in group.keys):
        return False
    if not k.placed or not base.placed:
        return False
    if base.admin1_pcode != k.admin1_pcode:
        return False
    if (base.admin2_pcode is None) != (k.admin2_pcode is None):
        return False
    if base.admin2_pcode is not None and base.admin2_pcode != k.admin2_pcode:
        return False
    if base.event_type != k.event_type:
        return False
    sides_a, sides_b = base.sides, k.sides
    if sides_a and sides_b and not (sides_a & sides_b):
        return False
    if len(sides_a) == 2 and len(sides_b) == 2 and sides_a != sides_b:
        return False  # both name two sides, and not the same two: two incidents
    # a day apart may be one event ("Saturday night" in one report, "early Sunday" in the next)
    return _overlap(group, k, slack=1)


def _overlap(group: _Group, k: ReportKey, slack: int = 1) -> bool:
    a0, a1, b0, b1 = group.start, group.end, k.date_start, k.date_end
    if a0 is None or a1 is None or b0 is None or b1 is None:
        return False
    return a0 <= b1 + timedelta(days=slack) and b0 <= a1 + timedelta(days=slack)


_MERGE_WINDOW_DAYS = 31


def merge_keys(keys: Iterable[ReportKey]) -> list[list[ReportKey]]:
    """Group the keys of reports of the same incident from different articles; input order does not matter.

    The rule of :func:`merge_reports`, on keys alone: each group is one incident, its keys sorted by
    article id and first offset.

    Examples
    --------
    >>> merge_keys([])
    []
    """
    ordered = sorted(
        keys,
        key=lambda k: (
            k.event_date or date.max,
            (k.admin2_pcode or "") if k.placed else "~",
            k.article_id,
            k.first_offset,
        ),
    )
    groups: list[_Group] = []
    # only reports of the same place can be one incident: compare within a place's bucket, and only
    # with incidents recent enough to overlap (the reports come in date order)
    by_place: dict[tuple[str | None, str | None], list[_Group]] = {}
    for k in ordered:
        if not k.placed or k.development:
            groups.append(_Group([k], k.date_start, k.date_end))
            continue
        bucket = by_place.setdefault((k.admin1_pcode, k.admin2_pcode), [])
        target = None
        for group in reversed(bucket):
            if (
                group.end is not None
                and k.date_start is not None
                and (k.date_start - group.end).days > _MERGE_WINDOW_DAYS
            ):
                break
            if _same_incident(group, k):
                target = group
                break
        if target is None:
            target = _Group([k], k.date_start, k.date_end)
            groups.append(target)
            bucket.append(target)
        else:
            target.add(k)
    return [sorted(g.keys, key=lambda k: (k.article_id, k.first_offset)) for g in groups]


def merge_reports(reports: Iterable[Report]) -> list[Incident]:
    """Merge reports of the same incident from different articles; order of input does not matter.

    Examples
    --------
    >>> merge_reports([])
    []
    """
    held = list(reports)
    groups = merge_keys(ReportKey.of(r, i) for i, r in enumerate(held))
    return [Incident([held[k.handle] for k in group]) for group in groups]

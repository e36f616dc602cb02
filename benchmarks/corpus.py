"""Synthetic news articles about Afghanistan for the benchmarks: seeded, streamed, written by this project.

Every article is a function of ``(seed, index)`` alone, so a corpus of any size is generated as a stream
without holding it in memory, and article 1,234 is the same whether 2,000 or 16,000 are asked for.
Places are real: province and district names are sampled from the built gazetteer and written in the
spellings news copy uses ("Helmand" for Hilmand, "Nad-e Ali" for Nad-e-Ali). Incidents (air strikes,
IEDs, suicide bombings, clashes, shelling, abductions, targeted killings) are told the way wire copy
tells them: counts in digits and words, "at least", "dozens of"; days relative to publication ("on
Sunday", "late Saturday"); the actors of the period (before and after August 2021); spokesmen's
quotes, claims and denials. Around them sit the paragraphs real articles carry that are not about
violence (politics, economy, weather, sport, aid, society, history), and some articles report no
incident at all. All templates were written for these benchmarks.

Examples
--------
>>> gen = CorpusGenerator(seed=7)                       # doctest: +SKIP
>>> sorted(next(gen.stream(1)))                         # doctest: +SKIP
['id', 'outlet', 'published', 'text', 'title']
>>> write_jsonl("corpus.jsonl", 2000).articles          # doctest: +SKIP
2000

From the shell (``-o -`` writes to standard output, e.g. to pipe into ``incidents build -``)::

    python benchmarks/corpus.py -n 2000 -o corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

__all__ = [
    "DEFAULT_SEED",
    "MAX_WORDS",
    "MIN_WORDS",
    "CorpusGenerator",
    "CorpusSummary",
    "PlaceTables",
    "load_place_tables",
    "number_words",
    "write_jsonl",
]

DEFAULT_SEED = 20_240_917
MIN_WORDS = 200
MAX_WORDS = 1_200
#: Share of articles written around no incident (politics, economy, aid, weather, sport, ...).
NO_INCIDENT_SHARE = 0.15
#: Share of incident articles that report a second incident elsewhere, as wire round-ups do.
SECOND_INCIDENT_SHARE = 0.3
#: Share of incident articles that retell the incident of one of the 40 articles before them.
RETELLING_SHARE = 0.2
#: The day the Taliban took Kabul: the actors, the offices and the story change with it.
TAKEOVER = date(2021, 8, 15)
FIRST_DAY = date(2009, 1, 1)
LAST_DAY = date(2024, 12, 31)

# ----------------------------------------------------------------------------------------------- places
_REGION_DIRECTION = {
    "Capital": "central",
    "Eastern": "eastern",
    "North Eastern": "northeastern",
    "Northern": "northern",
    "Western": "western",
    "Southern": "southern",
    "South Eastern": "southeastern",
    "Central Highland": "central",
}
# English-language spellings of province names besides the gazetteer's own.
_PROVINCE_VARIANTS = {
    "Hilmand": ("Helmand",),
    "Hirat": ("Herat",),
    "Paktya": ("Paktia",),
    "Uruzgan": ("Oruzgan", "Urozgan"),
    "Sar-e-Pul": ("Sar-i-Pul", "Sari Pul", "Sar-e Pul"),
    "Panjsher": ("Panjshir",),
    "Daykundi": ("Daikundi", "Daikondi"),
    "Nimroz": ("Nimruz",),
    "Jawzjan": ("Jowzjan", "Jauzjan"),
    "Maidan Wardak": ("Wardak", "Maidan Wardag"),
    "Kunduz": ("Kondoz",),
    "Nangarhar": ("Ningarhar",),
    "Bamyan": ("Bamiyan",),
    "Khost": ("Khowst",),
    "Kunar": ("Konar",),
    "Nuristan": ("Nooristan",),
    "Badghis": ("Badghes",),
    "Ghor": ("Ghowr",),
    "Logar": ("Lowgar",),
}
# Provinces where the period's other armed groups, and cross-border fire, are reported most.
_ISK_PROVINCES = ("Nangarhar", "Kunar", "Kabul", "Kunduz", "Balkh", "Kandahar", "Nuristan")
_NRF_PROVINCES = ("Panjsher", "Baghlan", "Takhar", "Badakhshan", "Parwan", "Kapisa")
_BORDER_PROVINCES = ("Kunar", "Nangarhar", "Khost", "Paktika", "Paktya", "Kandahar", "Nuristan")
_DATELINE_CITIES = (
    "KABUL", "JALALABAD", "KANDAHAR", "MAZAR-I-SHARIF", "HERAT", "KUNDUZ", "ISLAMABAD", "LASHKAR GAH", "GHAZNI",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PlaceTables:
    """Names the articles draw on: provinces as (name, region), districts as (name, province name)."""

    provinces: tuple[tuple[str, str], ...]
    districts: tuple[tuple[str, str], ...]

    def districts_of(self, province: str) -> tuple[str, ...]:
        """District names of one province (by its gazetteer name)."""
        return tuple(d for d, p in self.districts if p == province)


def load_place_tables() -> PlaceTables:
    """Province and district names from the built gazetteer (:class:`gazetteer.Gazetteer`).

    Examples
    --------
    >>> len(load_place_tables().provinces)  # doctest: +SKIP
    34
    """
    from gazetteer import Gazetteer

    gaz = Gazetteer()
    prov = gaz.provinces
    by_pcode = dict(zip(prov["pcode"], prov["name"], strict=True))
    provinces = tuple(sorted((str(n), str(r)) for n, r in zip(prov["name"], prov["region"], strict=True)))
    dist = gaz.districts
    districts = tuple(
        sorted((str(n), str(by_pcode[p])) for n, p in zip(dist["name"], dist["admin1_pcode"], strict=True))
    )
    return PlaceTables(provinces, districts)


# ----------------------------------------------------------------------------------------------- words
_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
_MONTHS_SHORT = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def number_words(n: int) -> str:
    """English words for 0 to 99; digits beyond.

    Examples
    --------
    >>> number_words(42)
    'forty-two'
    """
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    return str(n)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


_FIRST_NAMES = (
    "Ahmad", "Mohammad", "Abdul Rahim", "Ghulam Sakhi", "Najibullah", "Fawad", "Sayed Akbar", "Nasrat",
    "Hamidullah", "Abdul Karim", "Farid", "Javid", "Shah Mahmood", "Mirwais", "Tariq", "Bilal", "Enayatullah",
    "Hafiz", "Obaidullah", "Khalid", "Mujibullah", "Abdul Basir", "Noor Agha", "Rahmatullah", "Sharif",
    "Wahidullah", "Qudratullah", "Jamshid", "Aziz", "Habibullah", "Esmatullah", "Naqibullah", "Abdul Wali",
)  # fmt: skip
_LAST_NAMES = (
    "Ahmadi", "Rahimi", "Stanikzai", "Noori", "Hakimi", "Zadran", "Mangal", "Safi", "Popal", "Karimi",
    "Sadat", "Haqmal", "Jalali", "Amiri", "Yousufzai", "Sharifi", "Azizi", "Baheer", "Niazi", "Samadi",
    "Akhundzada", "Andar", "Zazai", "Kakar", "Omari", "Hotak", "Mohmand", "Saqib", "Faizi", "Barakzai",
)  # fmt: skip
_OUTLETS = (
    "Kabul Ledger", "Hindu Kush Herald", "Amu Daily", "Afghan Observer", "Central Asia Dispatch",
    "Khyber Wire", "Silk Road Press", "Helmand Valley News", "Salang Report", "Pamir Times Online",
)  # fmt: skip
_VILLAGE_FIRST = (
    "Karez",
    "Qala",
    "Deh",
    "Sara",
    "Shin",
    "Spin",
    "Pir",
    "Bagh",
    "Chenar",
    "Sang",
    "Tangi",
    "Kotal",
)
_VILLAGE_SECOND = (
    "-e-Sabz",
    "-e-Kohna",
    " Kalay",
    " Ghundai",
    "-e-Bala",
    "-e-Payin",
    " Khel",
    " Abad",
    " Kot",
)


# ----------------------------------------------------------------------------------------------- actors
@dataclass(frozen=True, slots=True)
class _Side:
    """An armed side as the copy names it: as a group, as its members, and its spokesman's office."""

    group: str
    members: tuple[str, ...]
    office: str


_REPUBLIC_SIDES = {
    "taliban": _Side("the Taliban", ("Taliban fighters", "insurgents", "militants"), "the Taliban"),
    "army": _Side(
        "Afghan forces", ("soldiers", "Afghan soldiers", "army commandos"), "the Ministry of Defence"
    ),
    "police": _Side("the police", ("policemen", "police officers", "local police"), "the provincial police"),
    "isk": _Side("Islamic State militants", ("IS-K fighters", "Daesh militants"), "the Islamic State"),
    "pakistan": _Side("Pakistani forces", ("Pakistani soldiers",), "the Pakistani military"),
}
_EMIRATE_SIDES = {
    "taliban": _Side(
        "Taliban forces", ("Taliban fighters", "Taliban soldiers"), "the Taliban administration"
    ),
    "army": _Side(
        "Taliban forces", ("Taliban soldiers", "Taliban fighters"), "the Taliban's defence ministry"
    ),
    "police": _Side(
        "Taliban police", ("Taliban policemen", "police officers"), "the Taliban-appointed police"
    ),
    "isk": _Side(
        "IS-K militants", ("IS-K fighters", "Daesh militants"), "the Islamic State Khorasan Province"
    ),
    "pakistan": _Side(
        "Pakistani forces", ("Pakistani soldiers", "Pakistani border troops"), "the Pakistani army"
    ),
    "nrf": _Side("the National Resistance Front", ("NRF fighters", "resistance fighters"), "the NRF"),
}


# ----------------------------------------------------------------------------------------------- values
@dataclass
class _Story:
    """One incident of an article, before it is written."""

    kind: str
    province: str
    province_text: str
    direction: str
    district: str | None
    district_text: str | None
    village: str | None
    day: date
    published: date
    killed: int
    wounded: int
    sides: dict[str, _Side]


@dataclass
class _Draft:
    """An article being written: its generator, its date and the templates it has used already."""

    rng: random.Random
    published: date
    province: str
    used: set[str] = field(default_factory=set)

    def fresh(self, pool: tuple[str, ...], k: int) -> list[str]:
        """Up to ``k`` templates of ``pool`` this article has not used yet (no sentence twice)."""
        left = [t for t in pool if t not in self.used]
        chosen = self.rng.sample(left, min(k, len(left)))
        self.used.update(chosen)
        return chosen


@dataclass(frozen=True, slots=True)
class CorpusSummary:
    """What a written corpus holds."""

    path: str
    articles: int
    words: int
    bytes: int
    with_incident: int


# ----------------------------------------------------------------------------------------------- generator
class CorpusGenerator:
    """Seeded generator of synthetic news articles about Afghanistan.

    Parameters
    ----------
    seed
        Corpus seed; article ``i`` depends on ``(seed, i)`` only.
    places
        Place names to draw from; :func:`load_place_tables` (the built gazetteer) by default.

    Examples
    --------
    >>> gen = CorpusGenerator(seed=1)                                  # doctest: +SKIP
    >>> gen.article(5) == CorpusGenerator(seed=1).article(5)           # doctest: +SKIP
    True
    """

    def __init__(self, *, seed: int = DEFAULT_SEED, places: PlaceTables | None = None) -> None:
        self.seed = seed
        self.places = places if places is not None else load_place_tables()
        self._region = dict(self.places.provinces)
        self._districts = {p: self.places.districts_of(p) for p, _ in self.places.provinces}

    def stream(self, n: int, *, start: int = 0) -> Iterator[dict[str, str]]:
        """Articles ``start`` to ``start + n - 1`` as JSONL-ready records, one at a time."""
        for i in range(start, start + n):
            yield self.article(i)

    def article(self, index: int) -> dict[str, str]:
        """Article ``index``: ``id``, ``published`` (ISO date), ``title``, ``outlet`` and ``text``."""
        return self.compose(index)[0]

    def compose(self, index: int) -> tuple[dict[str, str], bool]:
        """Article ``index`` and whether it was written around an incident."""
        rng = random.Random(f"{self.seed}:{index}")
        outlet = rng.choice(_OUTLETS)
        # most wire copy is short, features run long: median about 450 words
        target = int(min(MAX_WORDS - 60, max(MIN_WORDS + 10, rng.lognormvariate(6.1, 0.45))))
        incident = rng.random() >= NO_INCIDENT_SHARE
        if incident:
            # other outlets report the same incident: some articles retell an earlier article's story
            source = (
                index - rng.randrange(1, min(index, 40) + 1)
                if index and rng.random() < RETELLING_SHARE
                else index
            )
            story = self._retold(rng, source) if source != index else self._main_story(index)
            published = story.published
            title, paragraphs = self._incident_article(rng, story, target)
        else:
            published = _publication_day(rng)
            title, paragraphs = self._quiet_article(rng, published, target)
        if rng.random() < 0.5:
            paragraphs[0] = _dateline(rng, published, outlet) + paragraphs[0]
        record = {
            "id": f"bench-{self.seed}-{index:06d}",
            "published": published.isoformat(),
            "title": title,
            "outlet": outlet,
            "text": "\n\n".join(paragraphs),
        }
        return record, incident

    # ------------------------------------------------------------------ articles
    def _main_story(self, index: int) -> _Story:
        """The incident article ``index`` is about: from a generator of its own, so others can retell it."""
        rng = random.Random(f"{self.seed}:{index}:story")
        return self._story(rng, _publication_day(rng))

    def _retold(self, rng: random.Random, source: int) -> _Story:
        """Article ``source``'s incident as another outlet tells it: a day later or the same day, its own
        spellings, and now and then a different toll (sources disagree)."""
        story = self._main_story(source)
        killed = story.killed
        if killed > 2 and rng.random() < 0.3:
            killed += rng.choice((-2, -1, 1, 2, 3))
        return replace(
            story,
            published=story.published + timedelta(days=rng.choice((0, 0, 1))),
            province_text=_spell_province(rng, story.province),
            district_text=_spell_district(rng, story.district) if story.district else None,
            killed=killed,
        )

    def _incident_article(self, rng: random.Random, story: _Story, target: int) -> tuple[str, list[str]]:
        published = story.published
        draft = _Draft(rng, published, story.province_text)
        lead, title = _LEADS[story.kind](rng, story)
        paragraphs = [lead, *_details(draft, story)]
        for _ in range(
            rng.choices(
                (0, 1, 2),
                (1 - SECOND_INCIDENT_SHARE, SECOND_INCIDENT_SHARE * 0.7, SECOND_INCIDENT_SHARE * 0.3),
            )[0]
        ):
            other = self._story(rng, published)
            second, _ = _LEADS[other.kind](rng, other)
            paragraphs.append(_joined(rng.choice(_SEPARATELY), second))
        paragraphs.extend(_aftermath(draft, story, self._districts[story.province]))
        paragraphs.append(_background(draft, story))
        self._fill(draft, paragraphs, target)
        return title, paragraphs

    def _quiet_article(self, rng: random.Random, published: date, target: int) -> tuple[str, list[str]]:
        province = _spell_province(rng, rng.choice(self.places.provinces)[0])
        draft = _Draft(rng, published, province)
        topic = rng.choices(_FILLERS, [_QUIET_CONTEXT_WEIGHTS[t] for t in _FILLERS])[0]
        paragraphs = [_filler(draft, topic, k=3)]
        self._fill(draft, paragraphs, target, quiet=True, prefer=topic)
        return _TITLES[topic].format(p=province), paragraphs

    def _fill(
        self,
        draft: _Draft,
        paragraphs: list[str],
        target: int,
        *,
        quiet: bool = False,
        prefer: str | None = None,
    ) -> None:
        """Add context paragraphs until the article reaches its length, never past MAX_WORDS."""
        rng = draft.rng
        words = sum(len(p.split()) for p in paragraphs)
        for _ in range(60):
            if words >= target:
                break
            weights = _QUIET_CONTEXT_WEIGHTS if quiet else _INCIDENT_CONTEXT_WEIGHTS
            topic = (
                prefer
                if prefer is not None and rng.random() < 0.5
                else rng.choices(_FILLERS, [weights[t] for t in _FILLERS])[0]
            )
            para = _filler(draft, topic, k=rng.randrange(2, 5))
            n = len(para.split())
            if not para or words + n > MAX_WORDS:
                continue
            # context follows the news, but not always all at the end
            at = len(paragraphs) if rng.random() < 0.75 else rng.randrange(1, len(paragraphs) + 1)
            paragraphs.insert(at, para)
            words += n
        if words < MIN_WORDS:  # every pool used up before the length was reached: one plain closing paragraph
            paragraphs.append(" ".join(_CLOSING[: 1 + (MIN_WORDS - words) // 15]))

    def _story(self, rng: random.Random, published: date) -> _Story:
        day = published - timedelta(days=rng.choice((0, 1, 1, 1, 2, 2, 3, 5, 9)))
        kind = rng.choices(_KINDS, _KIND_WEIGHTS)[0]
        province = self._province_for(rng, kind, day)
        districts = self._districts[province]
        district = rng.choice(districts) if districts and rng.random() < 0.8 else None
        village = None
        if district is not None and rng.random() < 0.2:
            village = rng.choice(_VILLAGE_FIRST) + rng.choice(_VILLAGE_SECOND)
        killed, wounded = _toll(rng, kind)
        return _Story(
            kind=kind,
            province=province,
            province_text=_spell_province(rng, province),
            direction=_REGION_DIRECTION.get(self._region[province], "central"),
            district=district,
            district_text=_spell_district(rng, district) if district else None,
            village=village,
            day=day,
            published=published,
            killed=killed,
            wounded=wounded,
            sides=_REPUBLIC_SIDES if day < TAKEOVER else _EMIRATE_SIDES,
        )

    def _province_for(self, rng: random.Random, kind: str, day: date) -> str:
        pool: tuple[str, ...] = ()
        if kind == "shelling" and rng.random() < 0.7:
            pool = _BORDER_PROVINCES
        elif kind == "suicide" and rng.random() < 0.5:
            pool = _ISK_PROVINCES
        elif kind == "clash" and day >= TAKEOVER and rng.random() < 0.6:
            pool = _NRF_PROVINCES
        known = [p for p in pool if p in self._region]
        return rng.choice(known or [p for p, _ in self.places.provinces])


_KINDS = ("airstrike", "ied", "suicide", "clash", "shelling", "abduction", "targeted")
_KIND_WEIGHTS = (14, 20, 9, 26, 8, 7, 16)
_SEPARATELY = ("Separately,", "In a separate incident,", "Elsewhere,", "Meanwhile,", "In another incident,")
_COMMON_STARTS = frozenset(
    {
        "A", "An", "The", "Heavy", "Gunmen", "Unknown", "Armed", "Cross-border", "Coalition", "Militants",
        "Insurgents", "Civilians", "People", "Passengers", "Soldiers", "Policemen", "Mortar", "Rockets",
    }
)  # fmt: skip
_CLOSING = (
    "More details were not immediately available.",
    "Officials said they would release more information later.",
    "The report could not be independently verified.",
    "Reporters were not allowed to visit the area.",
    "Phone lines to the district were cut for most of the day.",
)


def _publication_day(rng: random.Random) -> date:
    return FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))


def _joined(prefix: str, sentence: str) -> str:
    """``prefix`` before a sentence, lower-casing its first word unless it is a name."""
    first, _, rest = sentence.partition(" ")
    if first in _COMMON_STARTS:
        first = first.lower()
    return f"{prefix} {first} {rest}"


def _lower_common(phrase: str) -> str:
    """``phrase`` inside a sentence: "Gunmen" becomes "gunmen", "Taliban insurgents" stays."""
    return _joined("", phrase).strip()


def _dateline(rng: random.Random, published: date, outlet: str) -> str:
    city = rng.choice(_DATELINE_CITIES)
    style = rng.randrange(3)
    if style == 0:
        return f"{city}, {_MONTHS_SHORT[published.month - 1]} {published.day} ({outlet}) - "
    if style == 1:
        return f"{city.title().replace('-I-', '-i-')}, Afghanistan — "
    return f"{city} — "


def _spell_province(rng: random.Random, name: str) -> str:
    variants = _PROVINCE_VARIANTS.get(name)
    if variants and rng.random() < 0.55:
        return rng.choice(variants)
    return name


def _spell_district(rng: random.Random, name: str) -> str:
    """A district name as copy writes it: the ezafe and hyphens vary, and so do some sounds."""
    r = rng.random()
    out = name
    if "-e-" in out or "-i-" in out:
        if r < 0.25:
            out = out.replace("-e-", "-i-")
        elif r < 0.5:
            out = out.replace("-e-", "-e ").replace("-i-", "-i ")
        elif r < 0.6:
            out = out.replace("-e-", " ").replace("-i-", " ")
    elif r < 0.15 and " " in out:
        out = out.replace(" ", "-")
    if rng.random() < 0.2:
        out = out.replace("Khwaja", "Khoja").replace("Qala", "Qal'a").replace("Dara ", "Darah ")
    return out


_TOLL_SCALE = {"suicide": 14.0, "airstrike": 7.0, "clash": 6.0, "shelling": 3.0, "ied": 3.0}


def _toll(rng: random.Random, kind: str) -> tuple[int, int]:
    """(killed, wounded): few incidents kill many, many kill few."""
    if kind == "abduction":
        return 0, 0
    if kind == "targeted":
        return rng.choice((1, 1, 1, 2, 2, 3)), rng.choice((0, 0, 1, 2))
    scale = _TOLL_SCALE[kind]
    killed = int(rng.expovariate(1 / scale)) + (1 if rng.random() < 0.85 else 0)
    wounded = int(rng.expovariate(1 / (scale * 1.6)))
    return killed, wounded


# ----------------------------------------------------------------------------------------------- phrases
def _count(rng: random.Random, n: int, noun: str, *, singular: str | None = None) -> str:
    """A count of people as copy writes it: digits, words, "at least", "dozens of", "a dozen"."""
    if n <= 1:
        one = singular or _singular(noun)
        return f"an {one}" if one[0] in "aeiouAEIOU" else rng.choice((f"a {one}", f"one {one}"))
    r = rng.random()
    if n >= 24 and r < 0.25:
        return f"dozens of {noun}"
    if n == 12 and r < 0.5:
        return f"a dozen {noun}"
    if 3 <= n <= 9 and r < 0.08:
        return f"several {noun}"
    r = rng.random()
    prefix = ""
    if r < 0.3:
        prefix = "at least "
    elif r < 0.38 and n > 5:
        prefix = "more than "
    elif r < 0.43 and n > 5:
        prefix = "nearly "
    in_words = (n <= 10 and rng.random() < 0.75) or (n < 100 and rng.random() < 0.15)
    return f"{prefix}{number_words(n) if in_words else n} {noun}"


_IRREGULAR = {
    "people": "person",
    "children": "child",
    "others": "other person",
    "local police": "local policeman",
}


def _singular(noun: str) -> str:
    """One of ``noun``: "policemen" -> "policeman", "Taliban fighters" -> "Taliban fighter"."""
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    if noun.endswith("men"):
        return noun[:-3] + "man"
    return noun[:-1] if noun.endswith("s") else noun


def _was(n: int) -> str:
    return "was" if n <= 1 else "were"


def _when(rng: random.Random, story: _Story) -> str:
    """The incident's day relative to publication: "on Sunday", "late Saturday", "on Sept. 14"."""
    gap = (story.published - story.day).days
    weekday = _WEEKDAYS[story.day.weekday()]
    if gap == 0:
        return rng.choice((f"on {weekday}", f"early {weekday}", f"on {weekday} morning", "today"))
    if gap == 1 and rng.random() < 0.2:
        return rng.choice(("yesterday", "late yesterday", "last night"))
    if gap <= 6:
        r = rng.random()
        if r < 0.45:
            return f"on {weekday}"
        if r < 0.6:
            return f"late {weekday}"
        if r < 0.72:
            return f"early {weekday}"
        if r < 0.85:
            return f"on {weekday} {rng.choice(('night', 'evening', 'afternoon', 'morning'))}"
    month = story.day.month - 1
    return rng.choice((f"on {_MONTHS_SHORT[month]} {story.day.day}", f"on {story.day.day} {_MONTHS[month]}"))


def _where(rng: random.Random, story: _Story) -> str:
    """Where it happened: district and province in one of the orders copy uses."""
    p, d, dirn = story.province_text, story.district_text, story.direction
    if d is None:
        return rng.choice((f"in {p} province", f"in the {dirn} province of {p}", f"in {dirn} {p} province"))
    place = rng.choice(
        (
            f"the {d} district of {p} province",
            f"{p}'s {d} district",
            f"{d} district of {dirn} {p} province",
            f"{d} district, {p} province",
            f"the {d} district of {dirn} {p}",
            f"{d} district in the {dirn} province of {p}",
        )
    )
    if story.village is not None:
        if rng.random() < 0.5:
            return f"in the village of {story.village} in {place}"
        return f"in {story.village} village of {place.removeprefix('the ')}"
    return f"in {place}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"


def _said(rng: random.Random, story: _Story) -> str:
    official = (
        "the Interior Ministry said in a statement" if story.day < TAKEOVER else "a Taliban spokesman said"
    )
    return rng.choice(
        (
            "officials said",
            "local officials said",
            "a provincial spokesman said",
            "police said",
            f"{_person(rng)}, a spokesman for the provincial governor, said",
            official,
            "residents and officials said",
            "security sources told reporters",
        )
    )


# ----------------------------------------------------------------------------------------------- leads
def _lead_airstrike(rng: random.Random, s: _Story) -> tuple[str, str]:
    when, where, said = _when(rng, s), _where(rng, s), _said(rng, s)
    if s.day < TAKEOVER:
        victims = rng.choice(("Taliban fighters", "insurgents", "militants", "civilians"))
        striker = rng.choice(
            ("An Afghan Air Force strike", "A US drone strike", "An air strike", "An airstrike")
        )
    else:
        victims = rng.choice(("people", "civilians", "villagers"))
        striker = rng.choice(("A Pakistani airstrike", "A drone strike", "An air strike by Pakistani jets"))
    killed = _count(rng, s.killed, victims) if s.killed else "no one"
    wounding = f" and wounding {_count(rng, s.wounded, 'others')}" if s.wounded else ""
    lead = rng.choice(
        (
            f"{striker} killed {killed} {where} {when}, {said}.",
            f"{_cap(_count(rng, max(s.killed, 2), victims))} were killed in {striker[0].lower()}{striker[1:]} "
            f"{where} {when}, {said}.",
            f"{striker} hit a compound {where} {when}, killing {killed}{wounding}, {said}.",
        )
    )
    return lead, f"{_cap(number_words(s.killed))} killed in air strike in {s.province_text}"


def _lead_ied(rng: random.Random, s: _Story) -> tuple[str, str]:
    when, where, said = _when(rng, s), _where(rng, s), _said(rng, s)
    target = rng.choice(
        (
            "a police vehicle",
            "a minibus carrying civilians",
            "an army convoy",
            "a pickup truck",
            "a motorcycle",
        )
    )
    device = rng.choice(
        (
            "A roadside bomb",
            "A magnetic bomb",
            "A bomb planted on the road",
            "An IED",
            "A landmine",
            "A sticky bomb",
        )
    )
    n = max(s.killed, 1)
    victims = rng.choice(("policemen", "civilians", "people", "soldiers", "passengers"))
    killed = _count(rng, n, victims)
    lead = rng.choice(
        (
            f"{device} struck {target} {where} {when}, killing {killed}, {said}.",
            f"{_cap(killed)} {_was(n)} killed when {device[0].lower()}{device[1:]} exploded {where} {when}, {said}.",
            f"{device} exploded {where} {when}, killing {killed} and wounding "
            f"{_count(rng, max(s.wounded, 2), 'others')}, according to local officials.",
        )
    )
    return lead, f"Roadside bomb kills {n} in {s.province_text}"


def _lead_suicide(rng: random.Random, s: _Story) -> tuple[str, str]:
    when, where, said = _when(rng, s), _where(rng, s), _said(rng, s)
    site = rng.choice(
        (
            "a mosque during Friday prayers",
            "a crowded market",
            "the gate of a police headquarters",
            "a wedding hall",
            "an army base",
            "a government compound",
            "a bank where soldiers were collecting their salaries",
        )
    )
    people = rng.choice(("people", "worshippers", "civilians"))
    n = max(s.killed, 2)
    lead = rng.choice(
        (
            f"A suicide bomber blew himself up at {site} {where} {when}, killing {_count(rng, n, people)} and "
            f"wounding {_count(rng, max(s.wounded, 3), 'others')}, {said}.",
            f"A suicide car bomber rammed an explosives-laden vehicle into {site} {where} {when}, {said}, "
            f"leaving {_count(rng, n, 'people')} dead.",
            f"{_cap(_count(rng, n, people))} were killed {when} when a suicide attacker detonated an explosive "
            f"vest at {site} {where}.",
        )
    )
    return lead, f"Suicide attack kills {n} in {s.province_text}"


def _lead_clash(rng: random.Random, s: _Story) -> tuple[str, str]:
    when, where, said = _when(rng, s), _where(rng, s), _said(rng, s)
    sides = s.sides
    if "nrf" in sides and s.province in _NRF_PROVINCES:
        a, b = sides["nrf"], sides["taliban"]
    elif "nrf" in sides and rng.random() < 0.3:
        a, b = sides["isk"], sides["taliban"]
    else:
        a, b = sides["taliban"], sides[rng.choice(("army", "police"))]
    n = max(s.killed, 1)
    members = rng.choice(b.members)
    wounding = f" and wounding {number_words(s.wounded)}" if s.wounded else ""
    lead = rng.choice(
        (
            f"Heavy fighting broke out between {a.group} and {b.group} {where} {when}, leaving "
            f"{_count(rng, n, members)} dead, {said}.",
            f"{_cap(a.group)} attacked a checkpoint {where} {when}, killing {_count(rng, n, members)}{wounding}, "
            f"{said}.",
            f"{_cap(_count(rng, max(n, 2), members))} were killed in clashes with {a.group} {where} {when}, {said}.",
            f"{_cap(b.group)} said they had killed {_count(rng, max(n, 2), rng.choice(a.members))} in an "
            f"operation {where} {when}.",
        )
    )
    return lead, f"{_cap(number_words(n))} killed in clashes in {s.province_text}"


def _lead_shelling(rng: random.Random, s: _Story) -> tuple[str, str]:
    when, where, said = _when(rng, s), _where(rng, s), _said(rng, s)
    if s.province in _BORDER_PROVINCES:
        shooter = s.sides["pakistan"].group
    else:
        shooter = rng.choice(("militants", "the Taliban", "unknown gunmen"))
    weapon = rng.choice(("rockets", "mortar shells", "artillery shells", "missiles"))
    n = max(s.killed, 1)
    killed = _count(rng, n, rng.choice(("civilians", "people", "children", "villagers")), singular="child")
    many = rng.choice(("dozens of", "scores of", "several", "more than 40"))
    lead = rng.choice(
        (
            f"{_cap(shooter)} fired {many} {weapon} into residential areas {where} {when}, killing {killed}, "
            f"{said}.",
            f"{_cap(killed)} died when {weapon} fired by {shooter} landed on houses {where} {when}.",
            f"Shelling {where} {when} killed {killed} and damaged homes, {said}.",
        )
    )
    return lead, f"Shelling kills {n} in {s.province_text}"


def _lead_abduction(rng: random.Random, s: _Story) -> tuple[str, str]:
    when, where, said = _when(rng, s), _where(rng, s), _said(rng, s)
    n = rng.choice((2, 3, 4, 5, 6, 8, 12, 15, 20))
    who = rng.choice(("passengers", "aid workers", "road construction workers", "tribal elders", "students"))
    kidnappers = rng.choice(("Gunmen", "Taliban insurgents", "Unknown armed men", "Armed men"))
    lead = rng.choice(
        (
            f"{kidnappers} abducted {_count(rng, n, who)} travelling on the highway {where} {when}, {said}.",
            f"{_cap(_count(rng, n, who))} were kidnapped {where} {when} after {_lower_common(kidnappers)} stopped their "
            f"vehicles, {said}.",
        )
    )
    return lead, f"{_cap(number_words(n))} {who} abducted in {s.province_text}"


def _lead_targeted(rng: random.Random, s: _Story) -> tuple[str, str]:
    when, where, said = _when(rng, s), _where(rng, s), _said(rng, s)
    role = rng.choice(
        ("tribal elder", "former police commander", "religious scholar", "district official", "former soldier",
         "journalist", "prosecutor", "local council member")
    )  # fmt: skip
    name = _person(rng)
    if s.killed > 1:
        lead = (
            f"Gunmen killed {_count(rng, s.killed, 'people')}, among them a {role}, {where} {when}, {said}."
        )
    else:
        lead = rng.choice(
            (
                f"Unknown gunmen shot dead {role} {name} {where} {when}, {said}.",
                f"A {role}, {name}, was gunned down outside his home {where} {when} by men on a motorcycle, "
                f"{said}.",
            )
        )
    return lead, f"{_cap(role)} shot dead in {s.province_text}"


_LEADS: dict[str, Callable[[random.Random, _Story], tuple[str, str]]] = {
    "airstrike": _lead_airstrike,
    "ied": _lead_ied,
    "suicide": _lead_suicide,
    "clash": _lead_clash,
    "shelling": _lead_shelling,
    "abduction": _lead_abduction,
    "targeted": _lead_targeted,
}

# ----------------------------------------------------------------------------------------------- details
# Quotes by who says them: security offices speak of the attack, health offices of the wounded.
_SECURITY_QUOTES = (
    "The enemy suffered heavy casualties and fled the area",
    "Our forces repulsed the attack and the situation is now under control",
    "An investigation has been launched and the perpetrators will be brought to justice",
    "The attackers used the darkness and the rain to approach the post",
    "We have sent reinforcements to the district",
    "Clearance operations are continuing in the surrounding villages",
)
_HEALTH_QUOTES = (
    "The wounded have been taken to the provincial hospital, and some of them are in critical condition",
    "Women and children are among the victims",
    "Our doctors worked through the night, but we are short of blood",
    "The bodies were handed over to their families",
)
_WITNESS_QUOTES = (
    "We heard a huge bang and then the shooting went on for about an hour",
    "These were ordinary people on their way to the bazaar, not fighters",
    "Nobody could reach the wounded until the morning",
    "My brother went out to buy bread and never came back",
)
_SCENE = (
    "Residents said the sound of gunfire could be heard until dawn and that shops in the bazaar stayed shut.",
    "Pictures shared on social media showed burned-out vehicles and a crater in the road.",
    "Security forces cordoned off the area and blocked the main road for several hours.",
    "Relatives gathered outside the hospital, waiting for news of the wounded.",
    "Local elders said they had warned the authorities about the threat weeks earlier.",
    "Funerals were held in the village the next morning, attended by hundreds of mourners.",
    "Several houses and a school were damaged, residents said.",
)


def _details(draft: _Draft, s: _Story) -> list[str]:
    """Paragraphs after the lead: a quote, the wounded, a claim or a denial, the scene."""
    rng = draft.rng
    out: list[str] = []
    name = _person(rng)
    if rng.random() < 0.5 or not (s.killed or s.wounded):
        office = rng.choice(("the provincial governor", "the provincial police", s.sides["police"].office))
        quote = rng.choice(_SECURITY_QUOTES)
    else:
        office = "the provincial health department"
        quote = rng.choice(_HEALTH_QUOTES)
    out.append(
        rng.choice(
            (
                f'"{quote}," said {name}, a spokesman for {office}.',
                f'{name}, a spokesman for {office}, said: "{quote}."',
                f'"{quote}," {name}, who speaks for {office}, told reporters by telephone.',
            )
        )
    )
    if s.wounded and rng.random() < 0.7:
        children = max(1, s.wounded // 2)
        out.append(
            rng.choice(
                (
                    f"{_cap(_count(rng, s.wounded, 'people', singular='person'))} {_was(s.wounded)} wounded and "
                    f"taken to hospital in {s.province_text}, health officials said.",
                    f"The wounded, among them {_count(rng, children, 'children', singular='child')}, were moved "
                    "to the provincial capital.",
                    f"Doctors at the provincial hospital said they had treated {_count(rng, s.wounded, 'people')}.",
                )
            )
        )
    r = rng.random()
    if s.kind in ("suicide", "ied") and r < 0.5:
        claimant = (
            s.sides["isk"].group if s.day >= TAKEOVER or rng.random() < 0.3 else s.sides["taliban"].group
        )
        out.append(
            rng.choice(
                (
                    f"{_cap(claimant)} claimed responsibility for the attack in a statement posted online.",
                    f"No group immediately claimed responsibility, but officials blamed {claimant}.",
                    f"{_cap(claimant)} later claimed the bombing through its propaganda channels.",
                )
            )
        )
    elif s.kind in ("airstrike", "clash") and r < 0.35:
        denier = s.sides["taliban"].office if s.kind == "clash" else s.sides["army"].office
        out.append(
            rng.choice(
                (
                    f"A spokesman for {denier} denied that any civilians had been killed, calling the reports "
                    "baseless propaganda.",
                    f"{_cap(denier)} rejected the claims as exaggerated.",
                    f"The account could not be independently verified, and {denier} disputed the figures.",
                )
            )
        )
    if rng.random() < 0.4:
        out.append(f'"{rng.choice(_WITNESS_QUOTES)}," said {_person(rng)}, a resident.')
    out.extend(draft.fresh(_SCENE, rng.choice((0, 1, 1, 2))))
    return out


_REACTIONS = (
    "The United Nations mission condemned the attack and called for those responsible to be held to account.",
    "The {gov} condemned the killing of civilians and ordered an investigation.",
    "Human rights groups said attacks on civilians in {p} had become more frequent this year.",
    "The European Union's envoy called the attack an outrage and urged all sides to protect civilians.",
    "Provincial officials said the security forces had been put on alert across {p} after the attack.",
    "Residents of {p} held a protest outside the governor's office, demanding better protection.",
    "The attack comes as {p} braces for more violence before the winter.",
    "A government delegation travelled to {p} to visit the wounded and meet the families of the dead.",
)
_EARLIER = (
    "Last week, {a} people were killed in a similar attack in {d} district of the same province.",
    "Earlier this month, a roadside bomb killed {a} policemen on the same road.",
    "In {m}, gunmen killed a district official in {d}, and no one was ever arrested.",
    "The district has seen frequent clashes in recent months, with both sides reporting casualties.",
    "Two weeks ago, an air strike in neighbouring {d} district killed {a} fighters, officials said then.",
    "It was the {ord} attack in {p} this month, according to a tally kept by local journalists.",
    "Attacks on checkpoints in {d} have forced the closure of several schools.",
)
_ORDINALS = ("second", "third", "fourth", "fifth")


def _aftermath(draft: _Draft, s: _Story, districts: tuple[str, ...]) -> list[str]:
    """One to three paragraphs after the news: reactions, and earlier violence in the area."""
    rng = draft.rng
    gov = "president's office" if s.day < TAKEOVER else "Taliban-run government"
    other = _spell_district(rng, rng.choice(districts)) if districts else s.province_text
    values = {
        "p": s.province_text,
        "d": other,
        "a": number_words(rng.randrange(2, 10)),
        "m": _MONTHS[(s.day.month - 2) % 12],
        "gov": gov,
        "ord": rng.choice(_ORDINALS),
    }
    picked = draft.fresh(_REACTIONS, rng.choice((0, 1, 1, 2))) + draft.fresh(
        _EARLIER, rng.choice((0, 1, 1, 2))
    )
    return [t.format(**values) for t in picked]


def _background(draft: _Draft, s: _Story) -> str:
    rng = draft.rng
    place = s.district_text or s.province_text
    year = s.day.year - rng.randrange(1, 8)
    return rng.choice(
        (
            f"{place} has changed hands several times since {year}, and much of the countryside around it has "
            "been contested for years.",
            f"The United Nations said in its annual report that civilian casualties in {s.province_text} rose by "
            f"{rng.randrange(5, 40)} per cent last year, most of them caused by roadside bombs and ground fighting.",
            f"{s.province_text} is one of the provinces hit hardest by the conflict; hundreds of families have fled "
            "to the provincial capital over the past two years.",
            f"The area lies on a supply route used by smugglers and armed groups, officials say, and has seen "
            f"repeated violence since {year}.",
            f"{place} is a farming area of wheat fields, vineyards and mud-walled compounds, with a population "
            f"of about {rng.randrange(30, 250)},000.",
        )
    )


# ----------------------------------------------------------------------------------------------- context
# Sentence templates of the paragraphs real articles carry besides the news of violence. Fields:
# {p} the article's province, {n} 10-99, {k} 100-999, {a} a small number in words, {wd} a weekday,
# {who} a person, {y} an earlier year. Which pool applies can depend on the period.
# In the cold months the weather paragraphs are of snow, not of heat and drought.
_WINTER_WEATHER = (
    "Heavy snow closed the Salang pass for a second day, stranding hundreds of vehicles.",
    "Temperatures in {p} dropped to minus {a} degrees Celsius overnight.",
    "Avalanches blocked roads to {a} villages in the mountains of {p}, local officials said.",
    "The meteorology department forecast more snow across the north and centre of the country.",
    "Families in {p} said they could not afford wood or coal to heat their homes.",
    "Flights to {p} were cancelled because of fog and snow.",
    "An earthquake shook {p}, cracking the walls of mud-brick houses; no one was hurt.",
)
_CONTEXT: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "security": (
        (
            "Violence has risen across the country since the Taliban announced their spring offensive.",
            "Afghan forces have taken heavy losses this year, and officials rarely publish casualty figures.",
            "The Taliban control or contest much of the countryside in {p}, officials admit.",
            "Government troops launched an operation last month to clear insurgents from villages near the "
            "provincial capital.",
            "NATO says its advisers no longer accompany Afghan units into combat.",
            "The United Nations recorded more than {n},000 civilian casualties in the first half of the year.",
            "Officials in {p} say the insurgents have been reinforced by fighters from across the border.",
            "Police in {p} say they are short of ammunition and that promised reinforcements never arrived.",
            "Talks in Doha have done little to slow the fighting on the ground.",
            "Local militias loyal to a former commander also operate in the province, residents say.",
            "Security officials said {a} suspects had been arrested in connection with earlier attacks.",
            "The Islamic State affiliate has claimed many of the deadliest bombings in the cities.",
        ),
        (
            "Violence has fallen sharply since August 2021, but attacks by the Islamic State affiliate continue.",
            "The National Resistance Front says it fights on in the valleys of the northeast.",
            "Tensions along the border with Pakistan have risen, with both sides trading accusations.",
            "The Taliban say they have defeated the Islamic State affiliate, a claim UN monitors dispute.",
            "UN monitors say the Taliban have detained former members of the security forces.",
            "Taliban officials in {p} said {a} suspected IS-K members had been arrested.",
            "The Taliban rarely allow journalists to visit the sites of attacks.",
            "Pakistan accuses the Taliban of sheltering militants who attack across the border, which they deny.",
            "The UN mission said it had recorded {n} civilian casualties in the last quarter.",
            "Armed resistance groups have claimed small attacks in the north, which the Taliban play down.",
        ),
    ),
    # topic: (before August 2021, after)
    "politics": (
        (
            "The president's office said a new governor for {p} would be named after consultations with elders.",
            "Members of parliament from {p} walked out of the session on {wd}, saying the budget ignored them.",
            "The Independent Election Commission extended voter registration in {p} by {a} days.",
            "{who}, a member of the provincial council, said the appointment of outsiders had angered residents.",
            "Talks between the government and the Taliban in Doha have made little progress, diplomats say.",
            "The cabinet approved a plan to move some ministries' regional offices out of the capital.",
            "Opposition politicians called for an inquiry into contracts worth {n} million dollars.",
            "The upper house of parliament confirmed {a} new ministers after weeks of delay.",
            "Provincial council members in {p} complained that promised funds had never arrived.",
            "Election observers said turnout in {p} had been lower than in {y}.",
            "The High Peace Council sent a delegation of elders to {p} to meet tribal leaders.",
            "Donors meeting in Geneva pledged to keep funding the government's budget for another four years.",
        ),
        (
            "The Taliban administration appointed {who} as the new governor of {p} last month.",
            "No country has formally recognised the Taliban government, though several keep embassies in Kabul.",
            "A delegation of the UN mission met officials in {p} to discuss access for aid agencies.",
            "Regional envoys met in Tashkent to discuss trade, water rights and the situation of women.",
            "The Taliban's supreme leader issued a new decree on the appointment of judges.",
            "Officials in {p} said a council of elders had been set up to settle land disputes.",
            "Foreign ministers from {a} neighbouring countries are expected in Kabul for a regional meeting.",
            "The acting prime minister told a gathering in Kabul that the government wanted good relations.",
            "A Chinese delegation visited {p} to look at investment projects, officials said.",
            "The UN Security Council extended the mandate of its mission for another year.",
            "Taliban officials in {p} replaced {a} district chiefs in a reshuffle.",
            "Diplomats said the talks in Doha had ended without an agreement on the next meeting.",
        ),
    ),
    "economy": (
        (
            "The afghani traded at {n} to the US dollar in Kabul's money markets on {wd}, traders said.",
            "The price of a 50-kilogram bag of flour rose to {k}0 afghanis in {p}, traders said.",
            "Exports of dried fruit and pine nuts through the Torkham crossing reached {k} tonnes last week.",
            "Farmers in {p} said this year's wheat harvest was better than expected after late rains.",
            "The central bank said it would auction another tranche of dollars to steady the currency.",
            "A new cold storage facility for fruit growers opened in {p}, with room for {k} tonnes of produce.",
            "Traders complained that long delays at the border had left lorries of fresh produce rotting.",
            "Officials said a contract to develop a copper mine in {p} was being reviewed.",
            "Shopkeepers in {p} said customers were buying less as incomes fell.",
            "Saffron growers in {p} said they hoped to export more to Europe this year.",
            "The finance ministry said customs revenue had risen by {n} per cent.",
            "Carpet weavers in {p} said demand from abroad had fallen sharply.",
        ),
        (
            "The afghani traded at {n} to the US dollar in Kabul's money markets on {wd}, traders said.",
            "The price of a 50-kilogram bag of flour rose to {k}0 afghanis in {p}, traders said.",
            "Exports of coal to Pakistan reached {k} tonnes a day, the commerce ministry said.",
            "Banks still limit weekly withdrawals, and many businesses have moved to cash and money changers.",
            "The railway link to Central Asia carried more freight this quarter than in any before.",
            "Work resumed on a section of the TAPI gas pipeline in Herat, officials said.",
            "Farmers in {p} said the ban on poppy had cost them most of their income.",
            "A new industrial park opened on the edge of Kabul with space for {n} factories.",
            "Shopkeepers in {p} said customers were buying less as incomes fell.",
            "Officials said a contract to develop a copper mine in {p} was being reviewed.",
            "Traders in {p} said the price of cooking oil had doubled in a year.",
            "Pomegranate growers in {p} said the harvest had been good but buyers were few.",
        ),
    ),
    "weather": (
        (
            "Flash floods swept through villages in {p} after days of rain, washing away {n} houses.",
            "The disaster management authority said it had sent tents and food to {p}.",
            "Officials warned that a third year of drought could wipe out much of the rain-fed wheat crop.",
            "Farmers in {p} said wells had run dry and they were selling livestock to buy food.",
            "Dust storms grounded flights at the airport for several hours.",
            "An earthquake shook {p}, cracking the walls of mud-brick houses; no one was hurt.",
            "Forecasters warned of more storms in the coming days.",
            "A heatwave pushed temperatures in {p} above 45 degrees Celsius.",
        ),
        (),
    ),
    "sport": (
        (
            "Afghanistan's cricket team beat Ireland by {a} wickets, with the spinners taking most of them.",
            "Crowds gathered in {p} on Friday for a buzkashi match between teams from {a} districts.",
            "The national football team's coach named {a} new players for next month's qualifiers.",
            "A young taekwondo fighter from {p} won a bronze medal at a regional championship.",
            "Fans watched the match on a big screen set up in a Kabul park, cheering every boundary.",
            "The provincial cricket stadium in {p} is being rebuilt with money from the national board.",
            "A wrestling tournament in {p} drew competitors from {a} provinces.",
            "The national cricket league's new season opens next month with {a} teams.",
        ),
        (),
    ),
    "aid": (
        (
            "The World Food Programme said it had delivered food to {n},000 people in {p} this month.",
            "A polio vaccination campaign began in {p}, aiming to reach {k},000 children under five.",
            "More than {n},000 Afghans returned from Iran and Pakistan last week, a migration agency said.",
            "A mobile health clinic run by a charity now visits {a} remote villages in {p} each week.",
            "Aid agencies warned that funding cuts would force them to close clinics before winter.",
            "Half the population needs humanitarian assistance, according to the United Nations.",
            "Engineers finished a new water supply network for {n},000 residents of {p}.",
            "A charity opened a centre in {p} where mothers can bring malnourished children.",
            "Returnees in {p} said they had found their houses destroyed and their land taken.",
            "Donors have provided less than half of the money the humanitarian appeal asked for this year.",
        ),
        (),
    ),
    "society": (
        (
            "Girls' enrolment in {p} schools rose this year, the education department said.",
            "A new university campus opened in {p} with places for {a} thousand students.",
            "Television stations broadcast a live debate between candidates for the first time.",
            "Thousands celebrated Nowruz at the Blue Mosque in Mazar-i-Sharif.",
            "A women's radio station in {p} celebrated its fifth year on air.",
            "Volunteers in {p} opened a library in a former government building.",
        ),
        (
            "Girls above the sixth grade remain barred from school, a policy criticised around the world.",
            "Women in {p} said restrictions on travel without a male relative had cost them their jobs.",
            "Several local radio stations have closed since 2021, citing a lack of funds.",
            "Officials in {p} said religious schools would take in more students this year.",
            "Beauty salons were ordered to close, putting thousands of women out of work.",
            "Families in {p} said they had sent their daughters to secret classes held in homes.",
        ),
    ),
    "history": (
        (
            "Soviet troops withdrew from Afghanistan in 1989 after a decade of occupation.",
            "The civil war of the 1990s destroyed much of Kabul and drove millions from their homes.",
            "The Taliban first ruled from 1996 until they were toppled by a US-led invasion in 2001.",
            "NATO handed responsibility for security to Afghan forces at the end of 2014.",
            "{p} was once known for its orchards and its trade with Central Asia.",
            "The old city's covered bazaars date back several centuries, historians say.",
            "The country has some of the world's largest untapped reserves of copper and lithium.",
            "The Bamiyan Buddhas, carved into a cliff in the sixth century, were destroyed in 2001.",
        ),
        (
            "The United States and the Taliban signed an agreement in Doha in February 2020.",
            "The last US troops left Kabul at the end of August 2021.",
        ),
    ),
}
_TITLES = {
    "security": "Security worries grow in {p}",
    "politics": "Officials meet over appointments in {p}",
    "economy": "Prices climb as trade slows in {p}",
    "weather": "Floods and snow hit {p}",
    "sport": "Crowds turn out for matches in {p}",
    "aid": "Aid reaches families in {p}",
    "society": "Schools and jobs in {p}",
    "history": "{p}: a province and its past",
}
_FILLERS = tuple(_CONTEXT)
# Which context an article carries: an incident report fills out with the security situation and the
# politics around it, other reports with their own subject and a little of everything.
_INCIDENT_CONTEXT_WEIGHTS = {
    "security": 40, "politics": 18, "history": 10, "aid": 10, "economy": 9, "society": 7, "weather": 4, "sport": 2,
}  # fmt: skip
_QUIET_CONTEXT_WEIGHTS = {
    "security": 8, "politics": 20, "history": 10, "aid": 16, "economy": 20, "society": 12, "weather": 8, "sport": 6,
}  # fmt: skip


def _filler(draft: _Draft, topic: str, *, k: int) -> str:
    """A paragraph of ``k`` unused sentences on one topic, in the voice of the article's period."""
    rng = draft.rng
    before, after = _CONTEXT[topic]
    pool = before if draft.published < TAKEOVER or not after else after
    if topic in ("history", "weather", "sport", "aid"):
        pool = before + (after if draft.published >= TAKEOVER else ())
    if topic == "weather" and draft.published.month in (11, 12, 1, 2, 3):
        pool = _WINTER_WEATHER
    chosen = draft.fresh(pool, k)
    values = {
        "p": draft.province,
        "n": rng.randrange(10, 100),
        "k": rng.randrange(100, 1000),
        "a": number_words(rng.randrange(2, 12)),
        "wd": rng.choice(_WEEKDAYS),
        "who": _person(rng),
        "y": draft.published.year - rng.randrange(2, 6),
    }
    return " ".join(t.format(**values) for t in chosen)


# ----------------------------------------------------------------------------------------------- output
def write_jsonl(
    path: str | Path, n: int, *, seed: int = DEFAULT_SEED, generator: CorpusGenerator | None = None
) -> CorpusSummary:
    """Write ``n`` articles as JSON Lines (``"-"``: standard output), streaming one record at a time.

    Examples
    --------
    >>> write_jsonl("/tmp/corpus.jsonl", 10).articles     # doctest: +SKIP
    10
    """
    gen = generator if generator is not None else CorpusGenerator(seed=seed)
    words = size = with_incident = 0
    out = sys.stdout if str(path) == "-" else Path(path).open("w", encoding="utf-8")  # noqa: SIM115
    try:
        for i in range(n):
            record, incident = gen.compose(i)
            line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
            words += len(record["text"].split())
            size += len(line.encode("utf-8"))
            with_incident += incident
    finally:
        if out is not sys.stdout:
            out.close()
    return CorpusSummary(str(path), n, words, size, with_incident)


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a seeded synthetic corpus of news articles as JSONL.")
    parser.add_argument("-n", "--articles", type=int, default=2000, help="Number of articles (default 2000).")
    parser.add_argument("-o", "--output", default="-", help="Output .jsonl file; '-' for standard output.")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"Corpus seed (default {DEFAULT_SEED})."
    )
    args = parser.parse_args(argv)
    summary = write_jsonl(args.output, args.articles, seed=args.seed)
    if args.output != "-":
        print(
            f"{summary.articles} articles ({summary.with_incident} with an incident), {summary.words:,} words, "
            f"{summary.bytes:,} bytes -> {summary.path}",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())

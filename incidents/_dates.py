"""Resolving dates written relative to an article's publication date.

"on Sunday", "Saturday night", "yesterday", "last week", "on Sept. 14", "14 September 2019": each
becomes a range (start, end) with ACLED's time precision (1 a day, 2 a week or named range, 3 a month).
A date that only says when somebody spoke ("officials said on Sunday") is marked as such, so the
event takes the date of the action rather than of the statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DateRef", "find_dates"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY_PART = r"(?:\s+(?:night|morning|evening|afternoon|dawn))?"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("month_day", re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b",
                             re.I)),
    ("day_month", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})(?:,?\s+(?P<year>\d{{4}}))?\b",
                             re.I)),
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")),
    ("weekday", re.compile(rf"\b(?:(?P<last>last|this|on|late|early)\s+)?(?P<weekday>{'|'.join(_WEEKDAYS)}){_DAY_PART}\b",
                           re.I)),
    ("yesterday", re.compile(r"\b(?:yesterday|last\s+night)\b", re.I)),
    ("today", re.compile(r"\b(?:today|this\s+morning|this\s+afternoon|this\s+evening|tonight)\b", re.I)),
    ("this_week", re.compile(r"\b(?:earlier\s+this\s+week|this\s+week)\b", re.I)),
    ("last_week", re.compile(r"\b(?:last\s+week|past\s+week)\b", re.I)),
    ("last_month", re.compile(r"\b(?:last\s+month|earlier\s+this\s+month|this\s+month|past\s+month)\b", re.I)),
    ("days_ago", re.compile(r"\b(?P<n>\w+)\s+days\s+ago\b", re.I)),
)  # fmt: skip
_SPEECH = re.compile(
    r"\b(?:said|says|told|announced|stated|confirmed|reported|added|tweeted|wrote|claimed|denied|"
    r"statement|spokesm[ae]n|quoted|according)\b(?:\s+[\w'’-]+){0,3}?\s*(?:,\s*)?$",
    re.I,
)
_SPEECH_AFTER = re.compile(
    r"\s*,?\s*(?:rejected|denied|dismissed|disputed|said|says|confirmed|announced|told)\b",
    re.I,
)
_LAST_YEAR_AFTER = re.compile(r"\s*,?\s*last year\b", re.I)


def _year_before(day: date) -> date:
    return (
        day.replace(year=day.year - 1, day=28)
        if (day.month, day.day) == (2, 29)
        else day.replace(year=day.year - 1)
    )


_FUTURE_CUE = re.compile(r"\b(?:will|ahead\s+of|scheduled|planned|due|next)\b[^.;]{0,30}$", re.I)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1, "one": 1}


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date expression: character span, the range it allows, precision, and its role."""

    start_char: int
    end_char: int
    start: date
    end: date
    precision: int
    speech: bool
    text: str

    @property
    def best(self) -> date:
        """The single best date: the day itself, or the end of a range (the most recent day it allows)."""
        return self.start if self.start == self.end else self.end


def _weekday_before(published: date, weekday: int, last: bool) -> date:
    delta = (published.weekday() - weekday) % 7
    if delta == 0 and last:
        delta = 7
    return published - timedelta(days=delta)


def _absolute(year: int | None, month: int, day: int, published: date | None) -> date | None:
    if year is None:
        if published is None:
            return None
        year = published.year
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate > published + timedelta(days=1):
            if candidate <= published + timedelta(days=90):
                return candidate  # weeks ahead: a coming date (polls, deadlines), dropped by the caller
            candidate = date(year - 1, month, day)  # "on Dec. 28" in a January article
        return candidate
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(sentence: str, published: date | None, *, offset: int = 0) -> list[DateRef]:
    """Every date expression in a sentence, resolved against the publication date.

    Parameters
    ----------
    sentence
        One sentence of the article.
    published
        The article's publication date; relative expressions need it (without it only dates that carry
        their year resolve).
    offset
        Character offset of the sentence in the article, added to the spans.

    Examples
    --------
    >>> [d.start.isoformat() for d in find_dates("launched on Saturday night", date(2019, 9, 15))]
    ['2019-09-14']
    """
    found: list[DateRef] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            ref = _resolve(kind, m, published)
            if ref is None:
                continue
            start, end, precision = ref
            if precision == 1 and _LAST_YEAR_AFTER.match(sentence, m.end()):
                # "on Sept. 9 last year"
                start, end = _year_before(start), _year_before(end)
            if published is not None and start > published:
                continue  # a future date (polls, planned operations) is not an event date
            before = sentence[max(0, m.start() - 60) : m.start()]
            # "said on Tuesday", and "the ministry on Tuesday rejected a claim": the day of the words
            speech = bool(_SPEECH.search(before) or _SPEECH_AFTER.match(sentence, m.end()))
            if _FUTURE_CUE.search(before):
                continue
            taken.append((m.start(), m.end()))
            found.append(
                DateRef(offset + m.start(), offset + m.end(), start, end, precision, speech, m.group(0))
            )
    found.sort(key=lambda d: d.start_char)
    return found


def _resolve(kind: str, m: re.Match[str], published: date | None) -> tuple[date, date, int] | None:
    if kind in ("month_day", "day_month", "iso"):
        month_text = m.group("month").lower().rstrip(".")
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
        if month is None:
            return None
        year = int(m.group("year")) if m.group("year") else None
        d = _absolute(year, month, int(m.group("day")), published)
        return (d, d, 1) if d else None
    if published is None:
        return None
    if kind == "weekday":
        wd = _WEEKDAYS.index(m.group("weekday").lower())
        last = (m.group("last") or "").lower() == "last"
        d = _weekday_before(published, wd, last)
        return d, d, 1
    if kind == "yesterday":
        d = published - timedelta(days=1)
        return d, d, 1
    if kind == "today":
        return published, published, 1
    if kind == "this_week" and published.weekday() > 0:
        # "earlier this week": from the Monday of the publication's week to the day before it
        return published - timedelta(days=published.weekday()), published - timedelta(days=1), 2
    if kind == "last_week" and published.weekday() < 6:
        # the week before the publication's week, Monday to Sunday (the examples' convention); on a Sunday,
        # the week that ends that day is still "this week", so the seven days before stand instead
        monday = published - timedelta(days=published.weekday() + 7)
        return monday, monday + timedelta(days=6), 2
    if kind in ("last_week", "this_week"):
        return published - timedelta(days=7), published - timedelta(days=1), 2
    if kind == "last_month":
        return published - timedelta(days=31), published - timedelta(days=1), 3
    if kind == "days_ago":
        word = m.group("n").lower()
        n = int(word) if word.isdigit() else _SMALL.get(word)
        if n is None:
            return None
        d = published - timedelta(days=n)
        return d, d, 1
    return None

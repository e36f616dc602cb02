"""Reading casualty figures: number words, qualifiers ("at least", "up to"), ranges and vague words.

Vague words get a conservative best figure with a range around it (UCDP's low/high can use the range):
"several" 3 (2-10), "dozens" 12 (12-60), "scores" 20, "hundreds" 100 (100-500); the best
figures are the smallest number the word allows, in the spirit of ACLED's conservative rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quantity", "find_quantities", "parse_number"]

_UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "dozen": 12, "both": 2, "couple": 2, "pair": 2,
}  # fmt: skip
_WORD_NUMBER = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|"
    r"eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen|dozen(?=\s+[a-z])"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_NUMBER = rf"(?:{_DIGITS}|{_WORD_NUMBER})(?:\s+hundred)?"

# (low, best, high) for vague quantities, ACLED's conservative figure as best
_VAGUE: dict[str, tuple[int, int, int]] = {
    "dozens": (12, 12, 60),
    "dozens of": (12, 12, 60),
    "scores": (20, 20, 100),
    "scores of": (20, 20, 100),
    "hundreds": (100, 100, 500),
    "hundreds of": (100, 100, 500),
    "several": (2, 3, 10),
    "several dozen": (24, 24, 60),
    "many": (3, 10, 20),
    "a number of": (2, 10, 10),
    "a few": (2, 3, 5),
    "some": (2, 3, 10),
    "a couple of": (2, 2, 2),
    "a handful of": (2, 5, 5),
    "tens of": (20, 20, 90),
}
_LOWER = r"at\s+least|more\s+than|over|no\s+fewer\s+than|no\s+less\s+than|upwards\s+of|in\s+excess\s+of"
_UPPER = r"up\s+to|as\s+many\s+as|nearly|almost|at\s+most|fewer\s+than|less\s+than|under"
_ABOUT = r"about|around|approximately|roughly|some|an\s+estimated|estimated"

QUANTITY = re.compile(
    rf"\b(?P<between>between)\s+(?P<b1>{_NUMBER})\s+and\s+(?P<b2>{_NUMBER})\b"
    rf"|\b(?:(?P<lower>{_LOWER})\s+|(?P<upper>{_UPPER})\s+|(?P<about>{_ABOUT})\s+)?"
    rf"(?<!no )(?P<n1>{_NUMBER})(?:\s*(?:-|–|to|or)\s*(?P<n2>{_NUMBER}))?\b"  # not "no one"
    rf"|\b(?P<vague>several\s+dozen|dozens(?:\s+of)?|scores(?:\s+of)?|hundreds(?:\s+of)?|"
    rf"tens\s+of|several|(?<!how )(?<!how\n)many|a\s+number\s+of|a\s+few|a\s+couple\s+of|a\s+handful\s+of)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number of people as a text gives it: character span, low/best/high, and whether it is vague."""

    start: int
    end: int
    low: int
    best: int
    high: int
    vague: bool = False
    text: str = ""


def parse_number(text: str) -> int | None:
    """Read a number written in digits or words.

    Examples
    --------
    >>> parse_number("twenty-one"), parse_number("1,200"), parse_number("five hundred")
    (21, 1200, 500)
    """
    t = text.strip().lower().replace("–", "-")
    hundred = 1
    if t.endswith("hundred"):
        hundred = 100
        t = t[: -len("hundred")].strip()
        if not t:
            return 100
    t = t.replace(",", "")
    if t.isdigit():
        return int(t) * hundred
    parts = re.split(r"[- ]+", t)
    if len(parts) > 1 and parts[0] in ("a", "an"):
        parts = parts[1:]  # "a dozen" is twelve, not thirteen
    total = 0
    for p in parts:
        if p not in _UNITS:
            return None
        total += _UNITS[p]
    return total * hundred


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in a sentence, with its reading.

    Examples
    --------
    >>> q = find_quantities("killed at least 38 fighters")[0]
    >>> (q.low, q.best, q.high)
    (38, 38, 38)
    """
    out: list[Quantity] = []
    for m in QUANTITY.finditer(text):
        if m.group("vague"):
            word = re.sub(r"\s+", " ", m.group("vague").lower())
            low, best, high = _VAGUE[word]
            out.append(Quantity(m.start(), m.end(), low, best, high, True, m.group(0)))
            continue
        n1 = parse_number(m.group("b1") or m.group("n1"))
        if n1 is None:
            continue
        # "10-15", "10 to 15", "between 10 and 15" (and only after "between": "10 and 5 civilians" is two)
        second = m.group("b2") or m.group("n2")
        n2 = parse_number(second) if second else None
        if n2 is not None and n2 > n1:
            low, best, high = n1, n1, n2
        elif m.group("upper"):
            low, best, high = (1 if n1 > 1 else n1), n1, n1
        elif m.group("lower") and re.match(r"(?:more|over|upwards|in excess)", m.group("lower"), re.I):
            # "more than 20" allows 21 at the least
            low = best = high = n1 + 1
        else:
            low, best, high = n1, n1, n1
        out.append(Quantity(m.start(), m.end(), low, best, high, False, m.group(0)))
    return out

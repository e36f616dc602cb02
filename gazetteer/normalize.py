"""Name normalisation for romanised Dari/Pashto and for Arabic-script place names.

Two spellings of one place should normalise to the same string: ``"Dara-e-Soof Payeen"``,
``"Darah-ye Suf-e Pa'in"`` and ``"DARA-I-SOOF PAYIN district"`` differ only in the ways
transliterations of Dari differ (connecting vowels, doubled vowels, final ``h``, hyphens, generic words).
The izafe may be written apart or onto the word before it: ``"Dasht-e Barchi"`` and ``"Dashti Barchi"``
are one name.
Normalisation is deterministic and idempotent: ``normalize_name(normalize_name(s)) == normalize_name(s)``.

The result keeps word boundaries (single spaces) so that callers can show it; :func:`name_key` removes
them, because ``"Anar Dara"`` and ``"Anardara"`` are the same name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["GENERIC_WORDS", "name_key", "normalize_name"]

#: Words that say what kind of place a name is, not which place. Dropped unless nothing else is left.
GENERIC_WORDS: frozenset[str] = frozenset(
    {
        # English
        "district",
        "districts",
        "province",
        "provinces",
        "provincial",
        "city",
        "town",
        "village",
        "centre",
        "center",
        "capital",
        "area",
        "region",
        "of",
        "the",
        # romanised Dari/Pashto
        "wuleswali",
        "woluswali",
        "woleswali",
        "uluswali",
        "wuluswali",
        "woludwali",
        "wilayat",
        "welayat",
        "wilayah",
        "velayat",
        "walayat",
        "markaz",
        "shahr",
        "qaryah",
        "qarya",
        "qarye",
        "deh",  # overridden below: "deh" starts many real names, so it is not generic
        # Arabic script (after letter normalisation)
        "ولسوالی",
        "ولایت",
        "شهر",
        "مرکز",
        "ولسوالي",
        "قریه",
        "ولسوالئ",
        "د",
    }
) - {"deh"}

# Connecting vowels of the izafe and Pashto "de": tokens of their own once hyphens are spaces.
_CONNECTORS = frozenset({"e", "i", "y", "ye", "yi", "ee", "ey", "a"})

_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´ʼʻʿʾ\u02bb\u02bc\u0060"), None)

# Arabic-script letter forms: Arabic vs Persian code points, Pashto letters to their Dari neighbours.
_ARABIC_MAP = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ۍ": "ی",
        "ې": "ی",
        "ك": "ک",
        "ګ": "گ",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ټ": "ت",
        "ډ": "د",
        "ړ": "ر",
        "ښ": "ش",
        "ږ": "ژ",
        "ځ": "ز",
        "څ": "چ",
        "ڼ": "ن",
        "\u0640": None,  # tatweel
        "\u200c": " ",  # zero-width non-joiner separates words
        "\u200d": None,  # zero-width joiner
        "\u200e": None,
        "\u200f": None,
        "\ufeff": None,
    }
)
_HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_DIGITS_OR_US = re.compile(r"[_]+")
_DOUBLE = re.compile(r"([a-z])\1+")
_ARABIC_CHAR = re.compile("[\u0600-\u06ff]")

# Transliteration variants, applied to each Latin token until nothing changes.
_LATIN_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"oo|ou|uu"), "u"),
    (re.compile(r"ee|ii"), "i"),
    (re.compile(r"aa"), "a"),
    (re.compile(r"ow(?=[^aeiou]|$)"), "o"),
    (re.compile(r"v"), "w"),
    (re.compile(r"(?<=[aeiou])h$"), ""),
    # e/i and o/u alternate freely in English spellings of Dari (Herat/Hirat, Deh/Dih, Kondoz/Kunduz)
    (re.compile(r"e"), "i"),
    (re.compile(r"o"), "u"),
    (re.compile(r"q"), "k"),
    (re.compile(r"y(?=[^aeiu]|$)"), "i"),
    (re.compile(r"(?<=[aiu])y(?=i)"), ""),
    (re.compile(r"([a-z])\1+"), r"\1"),
)


@lru_cache(maxsize=32_768)
def _latin_token(token: str) -> str:
    # cached: tokens ("khel", "dara", "district") recur across names far more than names recur
    previous = None
    while token != previous:
        previous = token
        for pattern, repl in _LATIN_RULES:
            token = pattern.sub(repl, token)
    return token


_GENERIC_TOKENS: frozenset[str] = frozenset(_latin_token(w) for w in GENERIC_WORDS)

# The izafe written onto the first word: "Dashti Barchi", "Kohi Safi", "Qalai Zal", "Dahane Ghar" for
# "Dasht-e Barchi", "Koh-e Safi", "Qala-i Zal", "Dahan-e Ghar". The final "i" (or "e") of a Latin word that
# another word follows is taken for the connector that the separate spelling writes and drops, when:
# - it follows a consonant or "a" ("Jui", "Kabuli" at the end, keep theirs);
# - the stem keeps 3 letters ("Ali Khel", "Dai Kundi" keep theirs) and does not end in "i" itself, so that
#   the result is a fixed point;
# - the next word is none of _NO_IZAFE_BEFORE, words that never follow an izafe: Pashto heads ("Faqiri
#   Kalay" is not "Faqir Kalay", "Jani Khel" is "Janikhel") and the suffix "abad" written apart ("Ghazi
#   Abad" is "Ghaziabad").
# Audited on the built names (scripts/build_gazetteer.py): see gazetteer/data/README.md.
_IZAFE_MIN_STEM = 3
_NO_IZAFE_BEFORE = frozenset({"kalai", "kilai", "khil", "khail", "abad"})  # kalay, kelay, khel, khail, abad
_KEEP_I_AFTER = frozenset("iu")  # vowels after _latin_token (e and o are i and u), but "a"


def _izafe_stem(token: str) -> str:
    if (
        len(token) <= _IZAFE_MIN_STEM
        or token[-1] != "i"
        or token[-2] in _KEEP_I_AFTER
        or not (token.isascii() and token.isalpha())
    ):
        return token
    stem = _latin_token(token[:-1])  # "kuhi" -> "kuh" -> "ku", as "Koh" gives
    return token if stem.endswith("i") or stem in _CONNECTORS else stem


def _attached_izafe(tokens: list[str]) -> list[str]:
    # Words that are generic, connectors or numbers ("Bariki (1)") are skipped: they neither take nor follow
    # an izafe. From the right, so that the word after a word is in its final form when that word is decided.
    out = list(tokens)
    following: str | None = None
    for i in range(len(out) - 1, -1, -1):
        t = out[i]
        if t in _GENERIC_TOKENS or t in _CONNECTORS or t.isdigit():
            continue
        if following is not None and following not in _NO_IZAFE_BEFORE:
            out[i] = _izafe_stem(t)
        following = out[i]
    return out


def _drop(tokens: list[str], unwanted: frozenset[str]) -> list[str]:
    kept = [t for t in tokens if t not in unwanted]
    return kept or tokens


@lru_cache(maxsize=65_536)
def _tokens(name: str) -> tuple[str, ...]:
    # shared by both values of keep_generic: a matcher asks for both keys of one name
    if name.isascii():  # most names: no Unicode forms, marks or Arabic letters to fold
        text = name.translate(_APOSTROPHES).lower()
    else:
        # apostrophes go first: NFKC turns the acute accent "´" into a space and a combining mark
        text = unicodedata.normalize("NFKC", name.translate(_APOSTROPHES)).translate(_ARABIC_MAP)
        text = _HARAKAT.sub("", text)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c) or _ARABIC_CHAR.match(c))
        text = unicodedata.normalize("NFC", text).casefold().translate(_APOSTROPHES)
    text = _DIGITS_OR_US.sub(" ", text)
    tokens = [t for t in _NON_WORD.split(text) if t]
    tokens = [t if _ARABIC_CHAR.match(t) else _latin_token(t) for t in tokens]
    return tuple(tokens)


@lru_cache(maxsize=65_536)
def normalize_name(name: str, *, keep_generic: bool = False) -> str:
    """Normalise a place name for matching.

    Parameters
    ----------
    name
        A place name in Latin or Arabic script, as written anywhere.
    keep_generic
        Keep generic words ("district", "markaz"...): for names such as "Markaz-e Bihsud" whose
        generic word tells two places apart.

    Returns
    -------
    str
        Lower-case tokens separated by single spaces, without diacritics, apostrophes, hyphens,
        connecting vowels (also those written onto the word before: "Dashti Barchi") or generic words;
        Arabic-script letters folded to one form.

    Examples
    --------
    >>> normalize_name("Dara-e-Soof Payeen district")
    'dara suf pain'
    >>> normalize_name("Dashti Barchi") == normalize_name("Dasht-e-Barchi")
    True
    """
    tokens = _attached_izafe(list(_tokens(name)))
    if not keep_generic:
        tokens = _drop(tokens, _GENERIC_TOKENS)
    tokens = _drop(tokens, _CONNECTORS)
    return " ".join(tokens)


def name_key(name: str, *, keep_generic: bool = False) -> str:
    """Return the matching key of a name: :func:`normalize_name` without spaces.

    Examples
    --------
    >>> name_key("Anar Darrah") == name_key("Anardara")
    True
    """
    return normalize_name(name, keep_generic=keep_generic).replace(" ", "")

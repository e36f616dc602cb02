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

import operator
import re
import unicodedata
from functools import lru_cache

__all__ = ["GENERIC_WORDS", "name_key", "name_keys", "normalize_name"]

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
_WORD = re.compile(r"[^\W_]+")  # a token: letters and digits (an underscore separates words)
_ARABIC_CHAR = re.compile("[\u0600-\u06ff]")

# Transliteration variants, applied to each Latin token until nothing changes. _LATIN_RULES defines them;
# _latin_pass applies them faster, and tests/test_normalize.py checks that the two agree.
_OO = re.compile(r"oo|ou|uu")
_EE = re.compile(r"ee|ii")
_OW = re.compile(r"ow(?=[^aeiou]|$)")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_Y_BEFORE = re.compile(r"y(?=[^aeiu]|$)")
_Y_GLIDE = re.compile(r"(?<=[aiu])y(?=i)")
_DOUBLED = re.compile(r"([a-z])\1+")
_LATIN_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (_OO, "u"),
    (_EE, "i"),
    (re.compile(r"aa"), "a"),
    (_OW, "o"),
    (re.compile(r"v"), "w"),
    (_FINAL_H, ""),
    # e/i and o/u alternate freely in English spellings of Dari (Herat/Hirat, Deh/Dih, Kondoz/Kunduz)
    (re.compile(r"e"), "i"),
    (re.compile(r"o"), "u"),
    (re.compile(r"q"), "k"),
    (_Y_BEFORE, "i"),
    (_Y_GLIDE, ""),
    (_DOUBLED, r"\1"),
)
# Matches where any rule would: every rule changes what it matches, and no rule undoes another (each shortens
# the token or turns one of e, o, q, v, y into a letter no rule touches), so a pass changes a token exactly
# when this finds something in it. Only the last rule has a group, so its "\1" keeps its meaning.
_ANY_RULE = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _LATIN_RULES))
_first_group = operator.itemgetter(1)


def _latin_pass(token: str) -> str:
    # _LATIN_RULES in order; a rule is skipped when the letters it needs are absent, and the literal ones are
    # str methods (same left-to-right, non-overlapping replacement): most tokens need few of the 12 regexes
    if "o" in token or "uu" in token:
        token = _OO.sub("u", token)
    if "ee" in token or "ii" in token:
        token = _EE.sub("i", token)
    if "aa" in token:
        token = token.replace("aa", "a")
    if "ow" in token:
        token = _OW.sub("o", token)
    if "v" in token:
        token = token.replace("v", "w")
    if "h" in token:
        token = _FINAL_H.sub("", token)
    if "e" in token:
        token = token.replace("e", "i")
    if "o" in token:
        token = token.replace("o", "u")
    if "q" in token:
        token = token.replace("q", "k")
    if "y" in token:
        token = _Y_BEFORE.sub("i", token)
        if "y" in token:
            token = _Y_GLIDE.sub("", token)
    # a function, not the template r"\1", which re expands in Python code on each call
    return _DOUBLED.sub(_first_group, token)


@lru_cache(maxsize=32_768)
def _latin_token(token: str) -> str:
    # cached: tokens ("khel", "dara", "district") recur across names far more than names recur.
    # Most tokens are a fixed point after one pass: a search, not a second pass, shows it.
    previous, token = token, _latin_pass(token)
    while token != previous and _ANY_RULE.search(token):
        previous, token = token, _latin_pass(token)
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
    # Changes ``tokens`` in place and returns it.
    following: str | None = None
    for i in range(len(tokens) - 1, -1, -1):
        t = tokens[i]
        if t in _GENERIC_TOKENS or t in _CONNECTORS or t.isdigit():
            continue
        if following is not None and following not in _NO_IZAFE_BEFORE:
            tokens[i] = t = _izafe_stem(t)
        following = t
    return tokens


_DROPPED = _GENERIC_TOKENS | _CONNECTORS


def _drop(tokens: list[str], unwanted: frozenset[str]) -> list[str]:
    kept = [t for t in tokens if t not in unwanted]
    return kept or tokens


def _tokens(name: str) -> list[str]:
    if name.isascii():  # most names: no Unicode forms, marks or Arabic letters to fold, no Arabic tokens
        return [_latin_token(t) for t in _WORD.findall(name.translate(_APOSTROPHES).lower())]
    # apostrophes go first: NFKC turns the acute accent "´" into a space and a combining mark
    text = unicodedata.normalize("NFKC", name.translate(_APOSTROPHES)).translate(_ARABIC_MAP)
    text = _HARAKAT.sub("", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c) or _ARABIC_CHAR.match(c))
    text = unicodedata.normalize("NFC", text).casefold().translate(_APOSTROPHES)
    # an Arabic-script token is one whose first letter is (as _ARABIC_CHAR.match(t) says, only faster)
    return [t if "\u0600" <= t[0] <= "\u06ff" else _latin_token(t) for t in _WORD.findall(text)]


@lru_cache(maxsize=65_536)
def _forms(name: str) -> tuple[str, str, str, str]:
    # Everything a caller may ask of one name, computed together (a matcher asks for both keys): the
    # normalised name without and with generic words, then the same two without spaces (the keys).
    tokens = _tokens(name)
    text = " ".join(tokens)
    # only a word ending in "i" that another word follows may hold an izafe (a token holds no space)
    if "i " in text:
        tokens = _attached_izafe(tokens)
        text = " ".join(tokens)
    if _DROPPED.isdisjoint(tokens):  # most names: no generic word or connector to drop
        key = text.replace(" ", "")
        return text, text, key, key
    full = _drop(tokens, _CONNECTORS)
    bare = _drop(_drop(tokens, _GENERIC_TOKENS), _CONNECTORS)
    return " ".join(bare), " ".join(full), "".join(bare), "".join(full)


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
    return _forms(name)[1 if keep_generic else 0]


def name_key(name: str, *, keep_generic: bool = False) -> str:
    """Return the matching key of a name: :func:`normalize_name` without spaces.

    Examples
    --------
    >>> name_key("Anar Darrah") == name_key("Anardara")
    True
    """
    return _forms(name)[3 if keep_generic else 2]


def name_keys(name: str) -> tuple[str, str]:
    """Return both matching keys of a name: without and with its generic words.

    The same as ``(name_key(name), name_key(name, keep_generic=True))``, computed once: a matcher asks for both.

    Examples
    --------
    >>> name_keys("Markaz-e Bihsud")
    ('bihsud', 'markazbihsud')
    """
    forms = _forms(name)
    return forms[2], forms[3]

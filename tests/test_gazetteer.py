"""The matcher: golden spellings, Arabic script, namesakes, villages, foreign names, reverse lookup."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import Point

from gazetteer import Gazetteer, name_key
from gazetteer.matching import FUZZY_THRESHOLD, FUZZY_THRESHOLD_IN_CONTEXT

DATA_DIR = Path(__file__).resolve().parent.parent / "gazetteer" / "data"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer()


def _pcode(gaz: Gazetteer, name: str, context: list[str] | None = None) -> str | None:
    m = gaz.match(name, context=context)
    return m.place.pcode if m.place is not None else None


# ---------------------------------------------------------------------------- golden spellings

# OCHA P-code -> (OCHA name, other spellings: wire-service English, transliterations, Dari)
PROVINCES: dict[str, tuple[str, list[str]]] = {
    "AF01": ("Kabul", ["Kabol", "Kābul", "کابل"]),
    "AF02": ("Kapisa", ["Kapisah", "کاپیسا"]),
    "AF03": ("Parwan", ["Parvan", "پروان"]),
    "AF04": ("Maidan Wardak", ["Wardak", "Maydan Wardak", "Vardak", "میدان وردک"]),
    "AF05": ("Logar", ["Lowgar", "لوگر"]),
    "AF06": ("Nangarhar", ["Ningarhar", "Nangrahar", "ننگرهار"]),
    "AF07": ("Laghman", ["Lughman", "لغمان"]),
    "AF08": ("Panjsher", ["Panjshir", "Panjshayr", "پنجشیر"]),
    "AF09": ("Baghlan", ["Baghlān", "بغلان"]),
    "AF10": ("Bamyan", ["Bamiyan", "Bamian", "بامیان"]),
    "AF11": ("Ghazni", ["Ghaznee", "غزنی"]),
    "AF12": ("Paktika", ["Paktica", "پکتیکا"]),
    "AF13": ("Paktya", ["Paktia", "Paktiya", "پکتیا"]),
    "AF14": ("Khost", ["Khowst", "خوست"]),
    "AF15": ("Kunar", ["Konar", "کنر"]),
    "AF16": ("Nuristan", ["Nooristan", "Nurestan", "نورستان"]),
    "AF17": ("Badakhshan", ["Badakshan", "بدخشان"]),
    "AF18": ("Takhar", ["Takhār", "تخار"]),
    "AF19": ("Kunduz", ["Kondoz", "Qunduz", "کندز"]),
    "AF20": ("Samangan", ["Samangān", "سمنگان"]),
    "AF21": ("Balkh", ["Balkh province", "بلخ"]),
    "AF22": ("Sar-e-Pul", ["Sari Pul", "Sar-i-Pul", "Saripul", "سرپل"]),
    "AF23": ("Ghor", ["Ghowr", "Ghur", "غور"]),
    "AF24": ("Daykundi", ["Dai Kundi", "Daikondi", "دایکندی"]),
    "AF25": ("Uruzgan", ["Oruzgan", "Urozgan", "ارزگان"]),
    "AF26": ("Zabul", ["Zabol", "زابل"]),
    "AF27": ("Kandahar", ["Qandahar", "قندهار"]),
    "AF28": ("Jawzjan", ["Jowzjan", "Jauzjan", "جوزجان"]),
    "AF29": ("Faryab", ["Fariab", "فاریاب"]),
    "AF30": ("Hilmand", ["Helmand", "هلمند"]),
    "AF31": ("Badghis", ["Badghes", "بادغیس"]),
    "AF32": ("Hirat", ["Herat", "هرات"]),
    "AF33": ("Farah", ["Farrah", "فراه"]),
    "AF34": ("Nimroz", ["Nimruz", "نیمروز"]),
}

# District spellings of other sources, with their province, taken from the crosswalk
# (../shared/data/gazetteer/crosswalk/afg_adm2_name_variants.csv: Map Sync variants, OCHA ADM2ALT1EN,
# GeoNames aliases, IEC names 2009-2019), each normalising differently from the OCHA name.
GOLDEN_DISTRICTS: list[tuple[str, str, str]] = [
    ("Abband", "Ghazni", "AF1113"),  # Map Sync; OCHA 'Ab Band'
    ("Ahmadabad", "Paktya", "AF1302"),  # Map Sync; OCHA 'Ahmadaba'
    ("ALASI", "Kapisa", "AF0207"),  # IEC; OCHA 'Alasay'
    ("Alishing", "Laghman", "AF0703"),  # Map Sync; OCHA 'Alishang'
    ("Shilgar", "Ghazni", "AF1107"),  # Map Sync; OCHA 'Andar'
    ("ARGHANDAB ZABUL", "Zabul", "AF2605"),  # IEC; OCHA 'Arghandab'
    ("ARGHANCHKHWA", "Badakhshan", "AF1703"),  # IEC; OCHA 'Arghanj Khwah'
    ("Orgu", "Badakhshan", "AF1702"),  # Map Sync; OCHA 'Argo'
    ("AZRAW", "Logar", "AF0507"),  # IEC; OCHA 'Azra'
    ("BUGHRAN", "Hilmand", "AF3012"),  # IEC; OCHA 'Baghran'
    ("BALABLOK", "Farah", "AF3306"),  # IEC; OCHA 'Bala Buluk'
    ("Bamyan tumani", "Bamyan", "AF1001"),  # GeoNames alias; OCHA 'Bamyan'
    ("Asmar", "Kunar", "AF1508"),  # Map Sync; OCHA 'Bar Kunar'
    ("Bal Chiragh", "Faryab", "AF2905"),  # Map Sync; OCHA 'Bilcheragh'
    ("Chah Ab", "Takhar", "AF1816"),  # Map Sync; OCHA 'Chahab'
    ("Chardarah", "Kunduz", "AF1902"),  # Map Sync; OCHA 'Chahar Darah'
    ("Asl-i-Chakhansur", "Nimroz", "AF3403"),  # ADM2ALT1EN; OCHA 'Chakhansur'
    ("CHIPERHAR", "Nangarhar", "AF0604"),  # IEC; OCHA 'Chaparhar'
    ("Chahar Burjak", "Nimroz", "AF3404"),  # Map Sync; OCHA 'Char Burjak'
    ("Chahar Kent", "Balkh", "AF2104"),  # Map Sync; OCHA 'Charkent'
    ("Char Sada", "Ghor", "AF2304"),  # Map Sync; OCHA 'Charsadra'
    ("Tchimtal", "Balkh", "AF2108"),  # Map Sync; OCHA 'Chemtal'
    ("CHOARAH", "Uruzgan", "AF2503"),  # IEC; OCHA 'Chora'
    ("Dand Patan", "Paktya", "AF1311"),  # Map Sync; OCHA 'Dand Wa Patan'
    ("Pech Dara", "Kunar", "AF1507"),  # Map Sync; OCHA 'Dara-e-Pech'
    ("Dara-e-Souf-e-Payan", "Samangan", "AF2006"),  # Map Sync; OCHA 'Dara-e-Suf-e-Payin'
    ("Darqad tumani", "Takhar", "AF1815"),  # GeoNames alias; OCHA 'Darqad'
    ("Dolatabad", "Balkh", "AF2109"),  # Map Sync; OCHA 'Dawlat Abad'
    ("Dolatyar", "Ghor", "AF2303"),  # Map Sync; OCHA 'Dawlatyar'
    ("Mai Mai", "Badakhshan", "AF1722"),  # ADM2ALT1EN; OCHA 'Dawraz-e-Payin'
    ("DehSabz", "Kabul", "AF0105"),  # Map Sync; OCHA 'Deh Sabz'
    ("Dehyak", "Ghazni", "AF1105"),  # Map Sync; OCHA 'Deh Yak'
    ("Dila Wa Khusamand", "Paktika", "AF1216"),  # ADM2ALT1EN; OCHA 'Dila'
    ("DUABA", "Nuristan", "AF1605"),  # IEC; OCHA 'Duab'
    ("Ishkamish", "Takhar", "AF1811"),  # ADM2ALT1EN; OCHA 'Eshkmesh'
    ("Chagcharan", "Ghor", "AF2301"),  # ADM2ALT1EN; OCHA 'Feroz Koh'
    ("Darwishan", "Hilmand", "AF3006"),  # Map Sync; OCHA 'Garmser'
    ("Janda", "Ghazni", "AF1117"),  # Map Sync; OCHA 'Gelan'
    ("Ghormuch", "Badghis", "AF3107"),  # Map Sync; OCHA 'Ghormach'
    ("Gayan", "Paktika", "AF1215"),  # Map Sync; OCHA 'Giyan'
    ("Guldra", "Kabul", "AF0111"),  # Map Sync; OCHA 'Guldara'
    ("HISE AWAL BEHSOD", "Maidan Wardak", "AF0407"),  # IEC; OCHA 'Hesa-e-Awal-e-Behsud'
    ("Hazrati Imam Sahib", "Kunduz", "AF1905"),  # ADM2ALT1EN; OCHA 'Imam Sahib'
    ("Bahrami Shahid", "Ghazni", "AF1106"),  # ADM2ALT1EN; OCHA 'Jaghatu'
    ("Jaji", "Khost", "AF1413"),  # Map Sync; OCHA 'Jaji Maydan'
    ("Jalrayz", "Maidan Wardak", "AF0403"),  # Map Sync; OCHA 'Jalrez'
    ("Mangal", "Paktya", "AF1309"),  # ADM2ALT1EN; OCHA 'Jani Khel'
    ("Juram", "Badakhshan", "AF1710"),  # Map Sync; OCHA 'Jorm'
    ("Kejran", "Daykundi", "AF2408"),  # Map Sync; OCHA 'Kajran'
    ("Qandahor tumani", "Kandahar", "AF2701"),  # GeoNames alias; OCHA 'Kandahar'
    ("Keshm", "Badakhshan", "AF1715"),  # Map Sync; OCHA 'Keshem'
    ("Khedir", "Daykundi", "AF2404"),  # Map Sync; OCHA 'Khadir'
    ("Khas", "Kunar", "AF1510"),  # Map Sync; OCHA 'Khas Kunar'
    ("Hisa-e-Awal", "Panjsher", "AF0804"),  # ADM2ALT1EN; OCHA 'Khenj'
    ("Khost Ferent", "Baghlan", "AF0913"),  # Map Sync; OCHA 'Khost Wa Fereng'
    ("Khuram Sarbagh", "Samangan", "AF2003"),  # Map Sync; OCHA 'Khuram Wa Sarbagh'
    ("Kohja Dukoh", "Jawzjan", "AF2802"),  # Map Sync; OCHA 'Khwaja Dukoh'
    ("Jalga", "Baghlan", "AF0909"),  # ADM2ALT1EN; OCHA 'Khwaja Hejran'
    ("KHOWJA OMERY", "Ghazni", "AF1103"),  # IEC; OCHA 'Khwaja Umari'
    ("Kohestiani", "Badakhshan", "AF1708"),  # Map Sync; OCHA 'Kohistan'
    ("Kehsan", "Hirat", "AF3213"),  # Map Sync; OCHA 'Kohsan'
    ("Rubat-i-Sangi", "Hirat", "AF3207"),  # ADM2ALT1EN; OCHA 'Kushk'
    ("Khewa", "Nangarhar", "AF0606"),  # ADM2ALT1EN; OCHA 'Kuz Kunar'
    ("Lash wa Juwayn", "Farah", "AF3309"),  # Map Sync; OCHA 'Lash-e-Juwayn'
    ("Ishmail Khail", "Khost", "AF1402"),  # ADM2ALT1EN; OCHA 'Mandozayi'
    ("Mardian", "Jawzjan", "AF2809"),  # Map Sync; OCHA 'Mardyan'
    ("Mota Khan", "Paktika", "AF1202"),  # Map Sync; OCHA 'Mata Khan'
    ("Mazar", "Balkh", "AF2101"),  # ADM2ALT1EN; OCHA 'Mazar-e-Sharif'
    ("Farary", "Jawzjan", "AF2804"),  # ADM2ALT1EN; OCHA 'Mingajik'
    ("Miyanishin", "Kandahar", "AF2713"),  # Map Sync; OCHA 'Miyanshin'
    ("Muqer", "Ghazni", "AF1115"),  # Map Sync; OCHA 'Muqur'
    ("Musayi", "Kabul", "AF0107"),  # Map Sync; OCHA 'Musahi'
    ("Grishk", "Hilmand", "AF3004"),  # ADM2ALT1EN; OCHA 'Nahr-e-Saraj'
    ("Narine", "Baghlan", "AF0904"),  # Map Sync; OCHA 'Nahrin'
    ("Naray", "Kunar", "AF1515"),  # Map Sync; OCHA 'Nari'
    ("Now Zad", "Hilmand", "AF3007"),  # Map Sync; OCHA 'Nawzad'
    ("NAJRAB", "Kapisa", "AF0205"),  # IEC; OCHA 'Nijrab'
    ("Layli", "Daykundi", "AF2401"),  # Map Sync; OCHA 'Nili'
    ("Noor Gram", "Nuristan", "AF1604"),  # Map Sync; OCHA 'Nurgaram'
    ("OMANAH", "Paktika", "AF1206"),  # IEC; OCHA 'Omna'
    ("PANJAI", "Kandahar", "AF2704"),  # IEC; OCHA 'Panjwayi'
    ("Parian", "Panjsher", "AF0807"),  # Map Sync; OCHA 'Paryan'
    ("Parchaman", "Farah", "AF3311"),  # Map Sync; OCHA 'Pur Chaman'
    ("Qalah-e Kah Qul'ah-ye Kah", "Farah", "AF3304"),  # Map Sync; OCHA 'Qala-e-Kah'
    ("Qarahbagh", "Kabul", "AF0114"),  # Map Sync; OCHA 'Qara Bagh'
    ("QOSHTAPA", "Jawzjan", "AF2805"),  # IEC; OCHA 'Qush Tepa'
    ("Shiga", "Kandahar", "AF2716"),  # ADM2ALT1EN; OCHA 'Reg'
    ("Doab", "Samangan", "AF2005"),  # Map Sync; OCHA 'Ruy-e-Duab'
    ("Sagher", "Ghor", "AF2310"),  # Map Sync; OCHA 'Saghar'
    ("Sangchark", "Sar-e-Pul", "AF2205"),  # ADM2ALT1EN; OCHA 'Sancharak'
    ("SANGIN QALAH", "Hilmand", "AF3008"),  # IEC; OCHA 'Sangin'
    ("Sar Hawzah", "Paktika", "AF1205"),  # ADM2ALT1EN; OCHA 'Sar Rawzah'
    ("SAYID KHAIL", "Parwan", "AF0304"),  # IEC; OCHA 'Sayed Khel'
    ("Shahwalikot", "Kandahar", "AF2706"),  # Map Sync; OCHA 'Shah Wali Kot'
    ("Shiki", "Badakhshan", "AF1724"),  # Map Sync; OCHA 'Shaki'
    ("Shemel Zayi", "Zabul", "AF2610"),  # Map Sync; OCHA 'Shamul Zayi'
    ("Shwak", "Paktya", "AF1304"),  # Map Sync; OCHA 'Shawak'
    ("Shaybar", "Bamyan", "AF1002"),  # Map Sync; OCHA 'Shibar'
    ("Shayb Koh", "Farah", "AF3305"),  # Map Sync; OCHA 'Shibkoh'
    ("Sabzwar", "Hirat", "AF3214"),  # Map Sync; OCHA 'Shindand'
    ("Sherin Tagau", "Faryab", "AF2906"),  # Map Sync; OCHA 'Shirin Tagab'
    ("SHORTAPA", "Balkh", "AF2112"),  # IEC; OCHA 'Shortepa'
    ("SUZMA QULA", "Sar-e-Pul", "AF2204"),  # IEC; OCHA 'Sozmaqala'
    ("ESPEEN BOLDAK", "Kandahar", "AF2711"),  # IEC; OCHA 'Spin Boldak'
    ("Sarobi", "Kabul", "AF0115"),  # Map Sync; OCHA 'Surobi'
    ("Kishmi Bala", "Badakhshan", "AF1717"),  # ADM2ALT1EN; OCHA 'Tagab'
    ("Dargai", "Khost", "AF1404"),  # ADM2ALT1EN; OCHA 'Tani'
    ("Taywaraha", "Ghor", "AF2308"),  # Map Sync; OCHA 'Taywarah'
    ("Tashkan", "Badakhshan", "AF1711"),  # Map Sync; OCHA 'Teshkan'
    ("Tarwe", "Paktika", "AF1219"),  # ADM2ALT1EN; OCHA 'Turwo'
    ("Khugyani", "Ghazni", "AF1102"),  # ADM2ALT1EN; OCHA 'Wal-e-Muhammad-e-Shahid'
    ("Warsaj tumani", "Takhar", "AF1813"),  # GeoNames alias; OCHA 'Warsaj'
    ("Want Wagal", "Nuristan", "AF1602"),  # Map Sync; OCHA 'Waygal'
    ("Wormami", "Paktika", "AF1218"),  # Map Sync; OCHA 'Wormamay'
    ("Yahya Khail", "Paktika", "AF1204"),  # Map Sync; OCHA 'Yahya Khel'
    ("Girwan", "Badakhshan", "AF1718"),  # ADM2ALT1EN; OCHA 'Yamgan'
    ("YOSEF KHEIL", "Paktika", "AF1203"),  # IEC; OCHA 'Yosuf Khel'
    ("#NAME?", "Nimroz", "AF3401"),  # IEC; OCHA 'Zaranj'
    ("Zaray", "Balkh", "AF2115"),  # Map Sync; OCHA 'Zari'
    ("Zendahjan", "Hirat", "AF3205"),  # Map Sync; OCHA 'Zindajan'
]

# Golden spellings with the izafe written onto the word before it: the normaliser now gives them the key of
# the OCHA name, so they test it rather than the aliases (crosswalk sources as above)
ATTACHED_IZAFE_DISTRICTS: list[tuple[str, str, str]] = [
    ("Bargi Matal", "Nuristan", "AF1608"),  # Map Sync; OCHA 'Barg-e-Matal'
    ("GUZARGAHE NOOR", "Baghlan", "AF0914"),  # IEC; OCHA 'Guzargah-e-Nur'
    ("Hissa-e-Awali Kohistan", "Kapisa", "AF0204"),  # Map Sync; OCHA 'Hisa-e-Awal-e-Kohistan'
    ("Khaki Safed District", "Farah", "AF3303"),  # GeoNames alias; OCHA 'Khak-e-Safed'
    ("Khani Charbagh", "Faryab", "AF2914"),  # Map Sync; OCHA 'Khan-e-Char Bagh'
    ("Kohi Safi District", "Parwan", "AF0308"),  # GeoNames alias; OCHA 'Koh-e-Safi'
    ("Mahmudi Raqi", "Kapisa", "AF0201"),  # Map Sync; OCHA 'Mahmood-e-Raqi'
    ("Pule Hisar", "Baghlan", "AF0912"),  # Map Sync; OCHA 'Pul-e-Hisar'
    ("Qalai Zal", "Kunduz", "AF1907"),  # ADM2ALT1EN; OCHA 'Qala-e-Zal'
    ("Shahri Buzurg", "Badakhshan", "AF1713"),  # Map Sync; OCHA 'Shahr-e-Buzorg'
]

# Arabic-script names: OCHA Dari with Arabic code points (ي ك), IEC Dari/Pashto spellings, harakat,
# zero-width characters and generic words; province context in Dari.
ARABIC_SCRIPT: list[tuple[str, str, str]] = [
    ("عليشنگ", "لغمان", "AF0703"),
    ("علیشینگ", "لغمان", "AF0703"),
    ("بتي كوټ", "ننگرهار", "AF0609"),
    ("اصل چخانسور", "نیمروز", "AF3403"),
    ("دايميرداد", "میدان وردک", "AF0406"),
    ("گذرى", "هرات", "AF3203"),
    ("حضرت امام صاحب", "کندز", "AF1905"),
    ("كاكړ", "زابل", "AF2611"),
    ("خانقاه", "جوزجان", "AF2803"),
    ("كوهسان", "هرات", "AF3213"),
    ("مرکز بهسود", "میدان وردک", "AF0409"),
    ("پچیر واگام", "ننگرهار", "AF0611"),
    ("قوش تيپه", "جوزجان", "AF2805"),
    ("شيخ علي", "پروان", "AF0310"),
    ("وټه پورى", "کنر", "AF1503"),
    ("دُر بابا", "ننگرهار", "AF0622"),
    ("ولسوالی نادعلی", "هلمند", "AF3002"),
    ("ګرشک ولسوالۍ", "هلمند", "AF3004"),
    ("دره صوف پایین", "سمنگان", "AF2006"),
    ("زنده\u200cجان", "هرات", "AF3205"),
    ("تالـقان", "تخار", "AF1801"),
]

# Romanisations with diacritics and ayn/hamza marks (GeoNames style)
DIACRITICS: list[tuple[str, str, str]] = [
    ("Nād ‘Alī", "Hilmand", "AF3002"),
    ("Pul-e ‘Alam", "Logar", "AF0501"),
    ("Şayād", "Sar-e-Pul", "AF2202"),
    ("Qal‘ah-ye Now", "Badghis", "AF3101"),
    ("Mazār-e Sharīf", "Balkh", "AF2101"),
    ("Lashkar Gāh", "Helmand", "AF3001"),
    ("Darah-ye Şūf-e Pā’īn", "Samangan", "AF2006"),
    ("Ḩişārak", "Nangarhar", "AF0621"),
    ("Khāk-e Jabār", "Kabul", "AF0109"),
    ("Shīnḏanḏ", "Herat", "AF3214"),
]

SEEDS = [("Dara-e-Soof Payeen", "Samangan", "AF2006"), ("Anar Dara", "Farah", "AF3307")]

# The 11 English district names shared by two provinces: name -> {province: P-code}
NAMESAKES: dict[str, dict[str, str]] = {
    "Arghandab": {"Zabul": "AF2605", "Kandahar": "AF2702"},
    "Baharak": {"Badakhshan": "AF1706", "Takhar": "AF1803"},
    "Dawlat Abad": {"Balkh": "AF2109", "Faryab": "AF2909"},
    "Fayzabad": {"Badakhshan": "AF1701", "Jawzjan": "AF2808"},
    "Jaghatu": {"Wardak": "AF0408", "Ghazni": "AF1106"},
    "Jani Khel": {"Paktika": "AF1209", "Paktia": "AF1309"},
    "Kohistan": {"Badakhshan": "AF1708", "Faryab": "AF2910"},
    "Muqur": {"Ghazni": "AF1115", "Badghis": "AF3103"},
    "Qara Bagh": {"Kabul": "AF0114", "Ghazni": "AF1111"},
    "Surobi": {"Kabul": "AF0115", "Paktika": "AF1210"},
    "Tagab": {"Kapisa": "AF0206", "Badakhshan": "AF1717"},
}
# other spellings of the same namesakes (spellings that only one of the two districts has in the sources,
# such as "Bahorak" for Baharak of Badakhshan, rightly resolve without context)
NAMESAKE_SPELLINGS = {
    "ARGHANDAAB": "Arghandab",
    "Baharaq": "Baharak",
    "Dowlatabad": "Dawlat Abad",
    "Faizabad": "Fayzabad",
    "Jaghato": "Jaghatu",
    "Janikhel": "Jani Khel",
    "Kohestan": "Kohistan",
    "Moqor": "Muqur",
    "Qarabagh": "Qara Bagh",
    "Sarobi": "Surobi",
    "Tagaab": "Tagab",
}
NAMESAKE_SPELLINGS_BY_NAME = {v: k for k, v in NAMESAKE_SPELLINGS.items()}

FOREIGN = ["Peshawar", "Quetta", "Islamabad", "Tehran", "Dushanbe", "Karachi", "Lahore", "Mashhad", "Termez"]
FOREIGN_MISSPELT = ["Peshawer", "Quettah", "Islamabaad", "Tehraan", "Dushanbeh"]


@pytest.mark.parametrize("pcode", sorted(PROVINCES))
def test_every_province_in_several_spellings(gaz: Gazetteer, pcode: str) -> None:
    official, others = PROVINCES[pcode]
    assert gaz.place(pcode).name == official
    assert len(others) >= 2
    for name in [official, *others]:
        m = gaz.match(name)
        assert m.status == "matched", name
        assert (m.place.pcode, m.place.level) == (pcode, "province"), name


def test_golden_districts_cover_sixty_districts_in_other_spellings(gaz: Gazetteer) -> None:
    assert len({pcode for _, _, pcode in GOLDEN_DISTRICTS}) >= 60
    assert all(name_key(n) != name_key(gaz.place(pcode).name) for n, _, pcode in GOLDEN_DISTRICTS)


@pytest.mark.parametrize(("name", "province", "pcode"), GOLDEN_DISTRICTS)
def test_golden_district_spellings(gaz: Gazetteer, name: str, province: str, pcode: str) -> None:
    m = gaz.match(name, context=[province])
    assert m.place is not None, (name, m.status, [c.pcode for c in m.candidates])
    assert m.place.pcode == pcode
    assert m.place.level == "district"
    assert m.place.admin1_pcode == pcode[:4]


@pytest.mark.parametrize(("name", "province", "pcode"), ATTACHED_IZAFE_DISTRICTS)
def test_attached_izafe_district_spellings(gaz: Gazetteer, name: str, province: str, pcode: str) -> None:
    assert name_key(name) == name_key(gaz.place(pcode).name)
    m = gaz.match(name, context=[province], fuzzy=False)
    assert (m.status, m.place.pcode, m.method) == ("matched", pcode, "exact")


@pytest.mark.parametrize(("name", "province", "pcode"), ARABIC_SCRIPT + DIACRITICS)
def test_arabic_script_and_diacritic_spellings(gaz: Gazetteer, name: str, province: str, pcode: str) -> None:
    assert _pcode(gaz, name, [province]) == pcode


@pytest.mark.parametrize(("name", "province", "pcode"), SEEDS)
def test_seed_spellings(gaz: Gazetteer, name: str, province: str, pcode: str) -> None:
    assert _pcode(gaz, name, [province]) == pcode
    assert _pcode(gaz, name) == pcode  # unique names need no context


# ---------------------------------------------------------------------------- what a match carries


def test_district_match_carries_codes_point_polygon_method_score(gaz: Gazetteer) -> None:
    m = gaz.match("Dara-e-Soof Payeen", context=["Samangan"])
    assert m.ok and m.status == "matched"
    p = m.place
    assert p is not None
    assert (p.pcode, p.level, p.name) == ("AF2006", "district", "Dara-e-Suf-e-Payin")
    assert (p.admin1, p.admin1_pcode, p.admin2, p.admin2_pcode) == ("Samangan", "AF20", p.name, "AF2006")
    assert (m.method, m.score) == ("exact", 1.0)
    assert m.geometry is not None and m.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert m.geometry.contains(Point(p.longitude, p.latitude))
    assert gaz.polygon("AF2006") is m.geometry


def test_alias_and_province_match(gaz: Gazetteer) -> None:
    m = gaz.match("Greshk")
    assert (m.place.pcode, m.method, m.score) == ("AF3004", "alias", 0.95)
    m = gaz.match("Paktia")
    assert m.place.level == "province"
    assert (m.place.admin1_pcode, m.place.admin2, m.place.admin2_pcode) == ("AF13", None, None)
    assert m.geometry is not None and m.geometry.contains(Point(m.place.longitude, m.place.latitude))


@pytest.mark.parametrize(
    ("name", "pcode"),
    [("Trinkot", "AF2501"), ("Hairatan", "AF2116"), ("Hayratan", "AF2116"), ("Marjah", "AF3002")],
)
def test_curated_wire_spellings(gaz: Gazetteer, name: str, pcode: str) -> None:
    # short names wire copy uses that no source lists (or lists too far from the district's own name)
    assert _pcode(gaz, name) == pcode


def test_fuzzy_match_needs_the_calibrated_threshold(gaz: Gazetteer) -> None:
    assert 0 < FUZZY_THRESHOLD_IN_CONTEXT <= FUZZY_THRESHOLD <= 100
    m = gaz.match("Mianeshin", context=["Kandahar"])
    assert (m.place.pcode, m.method) == ("AF2713", "fuzzy")
    assert FUZZY_THRESHOLD_IN_CONTEXT / 100 * 0.9 <= m.score < 0.95
    assert gaz.match("Mianeshin", context=["Kandahar"], fuzzy=False).status == "not_found"
    assert gaz.match("Mianeshin").status == "not_found"  # below the threshold without context


def test_town_and_district_share_a_name(gaz: Gazetteer) -> None:
    district = gaz.match("Anar Dara")
    assert (district.place.pcode, district.place.level) == ("AF3307", "district")
    for town in (gaz.match("Anar Dara city"), gaz.match("Anar Dara", levels=["town"])):
        assert town.place.level == "town"
        assert town.place.pcode.startswith("geonames:")
        assert town.place.admin2_pcode == "AF3307"
        assert town.geometry is None and gaz.polygon(town.place.pcode) is None
    assert gaz.match("Kandahar").place.pcode == "AF27"  # the widest unit wins without a level word
    assert gaz.match("Kandahar district").place.pcode == "AF2701"
    assert gaz.match("Kandahar", levels=["district"]).place.pcode == "AF2701"
    assert gaz.match("Kandahar city").place.admin2_pcode == "AF2701"


# ---------------------------------------------------------------------------- namesakes


@pytest.mark.parametrize("name", sorted(NAMESAKES))
def test_namesake_districts_are_ambiguous_without_context(gaz: Gazetteer, name: str) -> None:
    for query in (name, f"{name} district", NAMESAKE_SPELLINGS_BY_NAME[name]):
        m = gaz.match(query)
        assert m.status == "ambiguous", query
        assert m.place is None
        assert sorted(c.pcode for c in m.candidates) == sorted(NAMESAKES[name].values()), query


@pytest.mark.parametrize("name", sorted(NAMESAKES))
def test_namesake_districts_resolve_with_context(gaz: Gazetteer, name: str) -> None:
    for province, pcode in NAMESAKES[name].items():
        assert _pcode(gaz, name, [province]) == pcode
        assert _pcode(gaz, f"{name} district", [province]) == pcode
        assert _pcode(gaz, NAMESAKE_SPELLINGS_BY_NAME[name], [province]) == pcode
        assert _pcode(gaz, name, [pcode[:4]]) == pcode  # context as a P-code


def test_context_resolution(gaz: Gazetteer) -> None:
    assert gaz.resolve_context(["Kandahar"]) == (frozenset({"AF27"}), frozenset())
    assert gaz.resolve_context(["AF2702"]) == (frozenset({"AF27"}), frozenset({"AF2702"}))
    # an ambiguous context name adds nothing
    assert gaz.resolve_context(["Arghandab", "Kandahar"]) == (frozenset({"AF27"}), frozenset())


# ---------------------------------------------------------------------------- villages


def test_villages_need_supporting_context(gaz: Gazetteer) -> None:
    assert gaz.match("DahaneTabarghank").status == "not_found"
    assert gaz.match("DahaneTabarghank", context=["Kandahar"]).status == "not_found"
    for context in (["Jaghuri"], ["Ghazni"]):
        m = gaz.match("DahaneTabarghank", context=context)
        assert (m.place.pcode, m.place.level, m.place.admin2_pcode) == ("village:10004", "village", "AF1114")


def test_village_namesakes_resolve_by_district(gaz: Gazetteer) -> None:
    assert gaz.match("Belandak").status == "not_found"
    m = gaz.match("Belandak", context=["Ghazni"])  # two in Ghazni, a third in Wardak
    assert m.status == "ambiguous"
    assert sorted(c.pcode for c in m.candidates) == ["village:10323", "village:10695"]
    assert _pcode(gaz, "Belandak", ["Nawur"]) == "village:10695"
    assert _pcode(gaz, "Belandak", ["Wardak"]) == "village:22820"


# ---------------------------------------------------------------------------- attached izafe, villages and towns


def test_village_written_with_the_izafe_apart_matches_its_attached_spelling(gaz: Gazetteer) -> None:
    # the villages source writes "Dashti Barchi" (Kabul district); news writes "Dasht-e-Barchi"
    for query in ("Dasht-e-Barchi", "Dasht-i-Barchi", "Dasht-e Barchi", "Dashti Barchi"):
        m = gaz.match(query, context=["Kabul"], fuzzy=False)
        assert m.status == "matched", query
        assert (m.place.pcode, m.place.level, m.place.admin2_pcode, m.method) == (
            "village:16460",
            "village",
            "AF0101",
            "exact",
        ), query


def test_village_written_with_the_izafe_attached_matches_its_separate_spelling(gaz: Gazetteer) -> None:
    # the source writes "Dahan-i-Ghar" in Herat (AF3204); "Dahane Ghar" villages lie in Bamyan and Farah
    m = gaz.match("Dahani Ghar", context=["Herat"], fuzzy=False)
    assert (m.status, m.place.pcode, m.place.admin2_pcode) == ("matched", "village:15123", "AF3204")


@pytest.mark.parametrize(
    ("name", "pcode", "district"),
    [
        ("Qalai Kuf", "geonames:1129928", "AF1721"),  # GeoNames "Qal'ah-ye Kuf"
        ("Dahani Jarf", "geonames:1455430", "AF0310"),  # GeoNames "Dahan-e Jarf"
        ("Bazari Tashkan", "geonames:1122705", "AF1711"),  # GeoNames "Bazar-e Tashkan"
    ],
)
def test_town_with_the_izafe_attached_matches_exactly(
    gaz: Gazetteer, name: str, pcode: str, district: str
) -> None:
    m = gaz.match(name)
    assert (m.status, m.method) == ("matched", "exact")
    assert (m.place.pcode, m.place.level, m.place.admin2_pcode) == (pcode, "town", district)


@pytest.mark.parametrize("name", ["Dasht-e Barchi", "Dashti Barchi", "Chaharburja"])
def test_village_name_is_not_fuzzy_matched_to_a_district_of_another_province(
    gaz: Gazetteer, name: str
) -> None:
    # Dashti Barchi is a village of Kabul one letter from Dasht-e-Archi (Kunduz, AF1906); Chaharburja, villages
    # of Ghazni and Wardak, one letter from Char Burjak (Nimroz, AF3404). Without context no village can be
    # chosen, and no district may stand in for one.
    m = gaz.match(name)
    assert (m.status, m.place) == ("not_found", None)
    assert gaz.match("Dasht-e-Archi").place.pcode == "AF1906"
    assert gaz.match("Char Burjak").place.pcode == "AF3404"


def test_fuzzy_match_stands_when_the_near_village_lies_inside_the_answer(gaz: Gazetteer) -> None:
    # "Bazari Tishkan" is a village of Teshkan (AF1711) and a misspelling of the town Bazar-e Tashkan there
    m = gaz.match("Bazari Tishkan")
    assert (m.status, m.method) == ("matched", "fuzzy")
    assert (m.place.pcode, m.place.admin2_pcode) == ("geonames:1122705", "AF1711")


# ---------------------------------------------------------------------------- foreign names


@pytest.mark.parametrize("name", FOREIGN + FOREIGN_MISSPELT)
def test_foreign_names_match_nothing(gaz: Gazetteer, name: str) -> None:
    for context in (None, ["Nangarhar"], ["Kandahar"]):
        m = gaz.match(name, context=context)
        assert m.status == "not_found", (name, context, m.place)


def test_is_foreign(gaz: Gazetteer) -> None:
    # Mashhad is also a small Afghan town: not "foreign" by name, yet the big city wins when matching
    assert all(gaz.is_foreign(n) for n in FOREIGN if n != "Mashhad")
    assert not gaz.is_foreign("Mashhad")
    assert not gaz.is_foreign("Kabul")
    assert not gaz.is_foreign("Jalalabad")


# ---------------------------------------------------------------------------- reverse lookup


def test_every_district_point_reverse_geocodes_to_itself(gaz: Gazetteer) -> None:
    d = gaz.districts
    out = gaz.reverse_many(d["rep_lat"].to_numpy(), d["rep_lon"].to_numpy())
    assert list(out.columns) == ["admin1_pcode", "admin1", "admin2_pcode", "admin2"]
    assert (out["admin2_pcode"].to_numpy() == d["pcode"].to_numpy()).sum() == 399
    assert (out["admin1_pcode"].to_numpy() == d["admin1_pcode"].to_numpy()).all()
    assert (out["admin2"].to_numpy() == d["name"].to_numpy()).all()


def test_every_province_point_reverse_geocodes_to_its_province(gaz: Gazetteer) -> None:
    p = gaz.provinces
    out = gaz.reverse_many(p["rep_lat"], p["rep_lon"])
    assert out["admin1_pcode"].tolist() == p["pcode"].tolist()
    assert out["admin1"].tolist() == p["name"].tolist()


def test_reverse_single_points(gaz: Gazetteer) -> None:
    d = gaz.districts.iloc[::25]
    for pcode, lat, lon in zip(d["pcode"], d["rep_lat"], d["rep_lon"], strict=True):
        place = gaz.reverse(lat, lon)
        assert place is not None and place.pcode == pcode
    assert gaz.reverse(34.0151, 71.5249) is None  # Peshawar
    assert gaz.reverse(35.6892, 51.3890) is None  # Tehran
    assert gaz.reverse(0.0, 0.0) is None


def test_reverse_many_outside_and_errors(gaz: Gazetteer) -> None:
    out = gaz.reverse_many(np.array([34.52, 0.0]), np.array([69.18, 0.0]))
    assert out["admin1_pcode"].tolist()[0] == "AF01"
    assert out.iloc[1].isna().all()
    assert len(gaz.reverse_many([], [])) == 0
    with pytest.raises(ValueError, match="differ in length"):
        gaz.reverse_many([1.0, 2.0], [1.0])


# ---------------------------------------------------------------------------- tables


def test_accessors_are_geodataframes_in_wgs84(gaz: Gazetteer) -> None:
    provinces, districts = gaz.provinces, gaz.districts
    assert isinstance(provinces, gpd.GeoDataFrame) and isinstance(districts, gpd.GeoDataFrame)
    assert (len(provinces), len(districts)) == (34, 399)
    assert provinces.crs.to_epsg() == districts.crs.to_epsg() == 4326
    assert provinces["pcode"].is_unique and districts["pcode"].is_unique
    assert set(districts["admin1_pcode"]) == set(provinces["pcode"])
    assert districts.geometry.is_valid.all()
    districts["name"] = "changed"  # a copy: the gazetteer is not affected
    assert gaz.districts["name"].iloc[0] != "changed"


def test_place_lookup(gaz: Gazetteer) -> None:
    assert gaz.place("AF20").name == "Samangan"
    assert gaz.place("AF2006").admin1 == "Samangan"
    with pytest.raises(KeyError, match="AF9999"):
        gaz.place("AF9999")


def test_built_keys_agree_with_the_normaliser(gaz: Gazetteer) -> None:
    """Changing normalize.py without rebuilding the data would silently break exact matches."""
    names = gaz._tables.names
    for name, key, full in zip(
        names["name"].tolist(), names["key"].tolist(), names["key_full"].tolist(), strict=True
    ):
        assert name_key(name) == key, name
        assert name_key(name, keep_generic=True) == full, name


def test_data_is_compact_and_counts_agree(gaz: Gazetteer) -> None:
    size = sum(f.stat().st_size for f in DATA_DIR.iterdir() if f.is_file())
    assert size <= 15 * 1024 * 1024
    counts = json.loads((DATA_DIR / "counts.json").read_text(encoding="utf-8"))
    places = gaz.places
    assert counts["provinces"] == len(gaz.provinces) == 34
    assert counts["districts"] == len(gaz.districts) == 399
    assert counts["towns"] == int((places["level"] == "town").sum())
    assert counts["villages"] == int((places["level"] == "village").sum())
    assert counts["villages_flagged_district_mismatch"] == int(places["district_mismatch"].sum())
    assert counts["names"] == len(gaz._tables.names)
    assert counts["foreign_names"] == len(gaz._tables.foreign)

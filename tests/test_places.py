"""Tests for incidents.places: place spans resolved with the sentence's and the article's context.

Golden sentences go through the extractor and the resolver, the way the builder runs them; a few
tests build mentions by hand to pin the resolver's own rules.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from gazetteer import Gazetteer
from incidents.extract import Mention, PlaceSpan
from incidents.places import DIRECTION_PROVINCES, PlaceResolver, ResolvedPlace, compass_provinces

Extract = Callable[..., list[Mention]]
SUNDAY = date(2019, 9, 15)
AFGHANISTAN = (60.5, 29.3, 75.0, 38.5)  # lon/lat box


@pytest.fixture(scope="module")
def places_of(extract_one: Extract, resolver: PlaceResolver) -> Callable[[str], list[ResolvedPlace | None]]:
    """The resolved place of each mention of an article."""

    def run(text: str) -> list[ResolvedPlace | None]:
        return resolver.resolve(extract_one(text, SUNDAY))

    return run


def last_place(places: list[ResolvedPlace | None]) -> ResolvedPlace | None:
    assert places, "no mention"
    return places[-1]


def hand_mention(
    gazetteer: Gazetteer, sentence: str, names: dict[str, str | None], *, start: int = 0
) -> Mention:
    """A mention of ``sentence`` whose place spans are ``names`` (name -> hint), coded as the extractor does."""
    spans = []
    for name, hint in names.items():
        at = sentence.index(name)
        match = gazetteer.match(name, levels=("province", "district", "town"), fuzzy=False)
        codes = (match.place.pcode,) if match.place else tuple(c.pcode for c in match.candidates)
        spans.append(PlaceSpan(start + at, start + at + len(name), name, hint, codes))
    return Mention(
        article_id="h",
        sentence_index=0,
        start=start,
        end=start + len(sentence),
        text=sentence,
        kind="event",
        sub_event_type="Armed clash",
        casualties=(),
        places=tuple(spans),
        dates=(),
        actor1=None,
        actor2=None,
    )


# ----------------------------------------------------------------------------------------------- golden sentences
@pytest.mark.parametrize(
    ("text", "admin2_pcode", "admin1_pcode"),
    [
        (
            "Taliban fighters killed three policemen in Nad-e Ali district of Helmand province.",
            "AF3002",
            "AF30",
        ),
        (
            "In northern Samangan province, an air strike killed five insurgents in Dara-e-Soof Payeen district.",
            "AF2006",
            "AF20",
        ),
        (
            "Afghan forces killed 35 militants in a raid in Anar Dara district of western Farah.",
            "AF3307",
            "AF33",
        ),
        ("A U.S. drone strike killed six militants in Achin district of Nangarhar.", "AF0615", "AF06"),
        ("Taliban killed 5 policemen in Nawa district of Helmand.", "AF3003", "AF30"),
        ("Taliban fighters killed six soldiers in Kohistan district of Faryab.", "AF2910", "AF29"),
    ],
)
def test_district_in_its_province(
    places_of: Callable[[str], list[ResolvedPlace | None]], text: str, admin2_pcode: str, admin1_pcode: str
) -> None:
    place = last_place(places_of(text))
    assert place is not None
    assert (place.admin2_pcode, place.admin1_pcode) == (admin2_pcode, admin1_pcode)
    assert place.level == "district"
    assert place.geo_precision == 2


def test_resolved_place_keeps_the_text_and_its_offsets(
    places_of: Callable[[str], list[ResolvedPlace | None]],
) -> None:
    text = "Intro.\n\nTaliban fighters killed three policemen in Nad-e Ali district of Helmand province."
    place = last_place(places_of(text))
    assert place is not None
    assert place.location_text == "Nad-e Ali"
    assert text[place.start : place.end] == "Nad-e Ali"
    assert place.admin1 == "Helmand" or place.admin1_pcode == "AF30"
    assert 0.0 < place.score <= 1.0
    lon0, lat0, lon1, lat1 = AFGHANISTAN
    assert lon0 < place.longitude < lon1
    assert lat0 < place.latitude < lat1


@pytest.mark.parametrize(
    ("province", "district"),
    [("Ghazni", "AF1111"), ("Kabul", "AF0114")],
)
def test_ambiguous_district_settled_by_the_province_in_the_sentence(
    places_of: Callable[[str], list[ResolvedPlace | None]], province: str, district: str
) -> None:
    text = f"Taliban attacked a checkpoint in Qara Bagh district of {province}, killing four soldiers."
    place = last_place(places_of(text))
    assert place is not None
    assert place.admin2_pcode == district


def test_ambiguous_district_settled_by_the_province_elsewhere_in_the_article(
    places_of: Callable[[str], list[ResolvedPlace | None]],
) -> None:
    text = (
        "Taliban fighters killed two policemen in Ghazni province on Friday. "
        "On Saturday, Taliban attacked a checkpoint in Qara Bagh district, killing four soldiers."
    )
    place = last_place(places_of(text))
    assert place is not None
    assert place.admin2_pcode == "AF1111"


def test_ambiguous_district_without_context_is_not_guessed(
    places_of: Callable[[str], list[ResolvedPlace | None]],
) -> None:
    # Qara Bagh is a district of Kabul and of Ghazni: no district, and no province either
    assert (
        last_place(places_of("Taliban attacked a checkpoint in Qara Bagh district, killing four soldiers."))
        is None
    )
    assert last_place(places_of("Taliban fighters killed six soldiers in Kohistan district.")) is None


@pytest.mark.parametrize(
    ("text", "district"),
    [
        (
            "Taliban fighters killed nine policemen in Nawa district in southern Afghanistan on Saturday.",
            "AF3003",
        ),
        ("Nine policemen killed in Nawa fighting in the Afghan south, officials say.", "AF3003"),
        ("Insurgents killed nine policemen in Nawa district of S. Afghanistan on Saturday.", "AF3003"),
        ("Taliban fighters killed nine policemen in Nawa district in south-eastern Afghanistan.", "AF1119"),
        # Qara Bagh: Kabul's (central) or Ghazni's (southeastern)
        (
            "Taliban attacked a checkpoint in Qara Bagh district in central Afghanistan, killing four soldiers.",
            None,
        ),
        (
            "Taliban attacked a checkpoint in Qara Bagh district in southeastern Afghanistan, killing four soldiers.",
            "AF1111",
        ),
    ],
)
def test_compass_words_choose_between_namesakes(
    places_of: Callable[[str], list[ResolvedPlace | None]], text: str, district: str | None
) -> None:
    place = last_place(places_of(text))
    if district is None:
        # "central" fits both Kabul and Ghazni (often called central): still no guess
        assert place is None
    else:
        assert place is not None
        assert place.admin2_pcode == district


def test_compass_words_that_disagree_settle_nothing(
    places_of: Callable[[str], list[ResolvedPlace | None]],
) -> None:
    text = (
        "Clashes in northern and southern Afghanistan killed nine policemen in Nawa district, officials said."
    )
    assert last_place(places_of(text)) is None


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Suicide attack kills 12 in southern Afghan town", "south"),
        ("14 police killed in N. Afghanistan", "north"),
        ("Taliban overrun a district in Afghanistan's west", "west"),
        ("Fighting in the east of the country killed 12", "east"),
        ("Blast rocks south-western Afghan city", "southwest"),
        ("A dozen killed in South Waziristan", None),
        ("The Northern Alliance said 12 Taliban died", None),
        ("Clashes across northern and western Afghanistan", None),
    ],
)
def test_compass_provinces(text: str, direction: str | None) -> None:
    expected = DIRECTION_PROVINCES[direction] if direction else None
    assert compass_provinces(text) == expected


def test_compass_directions_name_real_provinces(gazetteer: Gazetteer) -> None:
    provinces = set(gazetteer.provinces["pcode"])
    assert set().union(*DIRECTION_PROVINCES.values()) == provinces  # every province has a direction
    assert DIRECTION_PROVINCES["south"] == {"AF25", "AF26", "AF27", "AF30", "AF34"}


def test_ambiguous_name_within_one_province_gives_the_province(
    gazetteer: Gazetteer, resolver: PlaceResolver
) -> None:
    # two villages of this name, in two districts of Samangan: the province is certain, the district is not
    sentence = "Five civilians died when a shell hit a house in Akhta Khana village of Samangan province."
    m = hand_mention(gazetteer, sentence, {"Akhta Khana": "village", "Samangan": "province"})
    (place,) = resolver.resolve([m])
    assert place is not None
    assert place.admin1_pcode == "AF20"
    assert place.admin2_pcode is None
    assert place.geo_precision == 3


def test_in_kabul_means_the_city(places_of: Callable[[str], list[ResolvedPlace | None]]) -> None:
    place = last_place(places_of("A suicide bomber killed 10 people in Kabul."))
    assert place is not None
    assert (place.admin1_pcode, place.admin2_pcode) == ("AF01", "AF0101")


def test_kabul_province_means_the_province(places_of: Callable[[str], list[ResolvedPlace | None]]) -> None:
    place = last_place(places_of("Gunmen killed four people in Kabul province."))
    assert place is not None
    assert (place.admin1_pcode, place.admin2_pcode, place.level) == ("AF01", None, "province")


def test_province_only(places_of: Callable[[str], list[ResolvedPlace | None]]) -> None:
    place = last_place(places_of("Taliban fighters killed four soldiers in Kunduz province on Saturday."))
    assert place is not None
    assert (place.admin1_pcode, place.admin2_pcode, place.geo_precision) == ("AF19", None, 3)


def test_two_provinces_and_nothing_narrower_is_no_place(
    places_of: Callable[[str], list[ResolvedPlace | None]],
) -> None:
    assert last_place(places_of("Taliban attacks in Faryab and Farah provinces killed 9 soldiers.")) is None


def test_district_beats_its_province(gazetteer: Gazetteer, resolver: PlaceResolver) -> None:
    sentence = "Clashes in Helmand province reached Nad-e Ali district."
    m = hand_mention(gazetteer, sentence, {"Helmand": "province", "Nad-e Ali": "district"})
    (place,) = resolver.resolve([m])
    assert place is not None
    assert place.admin2_pcode == "AF3002"


def test_mention_without_places(gazetteer: Gazetteer, resolver: PlaceResolver) -> None:
    assert resolver.resolve([hand_mention(gazetteer, "Fighting went on.", {})]) == [None]


def test_article_context_lists_unambiguous_codes(gazetteer: Gazetteer, resolver: PlaceResolver) -> None:
    a = hand_mention(gazetteer, "Clashes in Ghazni province.", {"Ghazni": "province"})
    b = hand_mention(gazetteer, "A raid in Qara Bagh district.", {"Qara Bagh": "district"}, start=40)
    assert resolver.article_context([a, b]) == ["AF11"]


# ----------------------------------------------------------------------------------------------- sole province
def test_sole_province_of_an_article(resolver: PlaceResolver) -> None:
    place = resolver.sole_province("Four soldiers died. The attack was the third in Kunduz this month.")
    assert place is not None
    assert (place.admin1_pcode, place.level, place.method) == ("AF19", "province", "admin_fallback")


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("The fighting around Anar Dara went on all night.", "AF33"),
        ("The fighting around Nad-e Ali went on all night.", "AF30"),
    ],
)
def test_sole_province_through_a_district(resolver: PlaceResolver, text: str, province: str) -> None:
    place = resolver.sole_province(text)
    assert place is not None
    assert place.admin1_pcode == province
    assert place.admin2_pcode is None


def test_no_sole_province_when_two_are_named(resolver: PlaceResolver) -> None:
    assert resolver.sole_province("Attacks hit Kunduz and Farah overnight.") is None


def test_sole_province_can_skip_a_dateline(resolver: PlaceResolver) -> None:
    text = "KABUL, Sept 15 (Wire) - Four soldiers died in an attack."
    assert resolver.sole_province(text, skip=text.index("-")) is None


# ----------------------------------------------------------------------------------------------- containment
def test_contains(gazetteer: Gazetteer, resolver: PlaceResolver) -> None:
    province = resolver.resolve([hand_mention(gazetteer, "in Helmand province", {"Helmand": "province"})])[0]
    district = resolver.resolve(
        [hand_mention(gazetteer, "in Nad-e Ali district", {"Nad-e Ali": "district"})]
    )[0]
    other = resolver.resolve([hand_mention(gazetteer, "in Anar Dara district", {"Anar Dara": "district"})])[0]
    assert province is not None and district is not None and other is not None
    assert province.contains(district)
    assert not district.contains(province)
    assert district.contains(district)
    assert not province.contains(other)


def test_the_capital_of_a_province_is_the_town(
    places_of: Callable[[str], list[ResolvedPlace | None]],
) -> None:
    place = last_place(
        places_of(
            "A suicide car bomb killed five people in Pul-e Alam, the capital of Logar province, on Sunday."
        )
    )
    assert place is not None
    assert (place.level, place.admin2_pcode, place.geo_precision) == ("town", "AF0501", 1)


def test_a_named_district_beats_a_town_elsewhere(
    places_of: Callable[[str], list[ResolvedPlace | None]],
) -> None:
    place = last_place(
        places_of("A bomb killed two soldiers in Panjwai district, west of Kandahar city, on Sunday.")
    )
    assert place is not None
    assert place.admin2_pcode == "AF2704"

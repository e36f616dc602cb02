"""Tests for incidents.actors: aliases to canonical names, the 2021 period switch, victims' sides, codes."""

from __future__ import annotations

from datetime import date

import pytest

from incidents.actors import CIVILIANS, TAKEOVER, UNIDENTIFIED, ActorList
from incidents.schema import interaction_code

BEFORE = date(2019, 9, 15)
AFTER = date(2023, 3, 1)

STATE_2021 = "Military Forces of Afghanistan (2021-)"
POLICE_2021 = "Police Forces of Afghanistan (2021-)"


def names(actors: ActorList, text: str, day: date | None) -> list[str]:
    return [h.actor.name for h in actors.find(text, day)]


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("the Taleban attacked", "Taliban"),
        ("the Islamic Emirate said", "Taliban"),
        ("Daesh militants", "Islamic State Khorasan Province"),
        ("ISIS-K claimed it", "Islamic State Khorasan Province"),
        ("an Islamic State affiliate", "Islamic State Khorasan Province"),
        ("the Afghan National Army", "Military Forces of Afghanistan"),
        ("government forces", "Military Forces of Afghanistan"),
        ("the NDS", "NDS: National Directorate of Security"),
        ("Afghan Local Police", "Police Forces of Afghanistan"),
        ("U.S. forces", "US forces"),
        ("NATO", "NATO forces"),
        ("Pakistani forces", "Military Forces of Pakistan"),
        ("the Haqqani network", "Haqqani Network"),
        ("unknown gunmen", UNIDENTIFIED),
    ],
)
def test_aliases_map_to_canonical_names(actors: ActorList, text: str, canonical: str) -> None:
    assert names(actors, text, BEFORE)[0] == canonical


def test_alias_matching_is_on_word_boundaries(actors: ActorList) -> None:
    # "ana" is the Afghan National Army's initials, not a piece of "Banana" or "Nangarhar-based"
    assert names(actors, "Banana traders in Kandahar", BEFORE) == []
    assert names(actors, "the ANA", BEFORE) == ["Military Forces of Afghanistan"]


def test_taliban_are_rebels_before_the_takeover_and_the_state_after(actors: ActorList) -> None:
    assert date(2021, 8, 15) == TAKEOVER
    assert names(actors, "Taliban", date(2021, 8, 14)) == ["Taliban"]
    assert names(actors, "Taliban", TAKEOVER) == [STATE_2021]
    assert names(actors, "the Islamic Emirate", AFTER) == [STATE_2021]
    assert actors.get("Taliban").inter == 2
    assert actors.get(STATE_2021).inter == 1


def test_police_follow_the_period(actors: ActorList) -> None:
    assert names(actors, "police", BEFORE) == ["Police Forces of Afghanistan"]
    assert names(actors, "police", AFTER) == [POLICE_2021]


def test_groups_only_exist_in_their_period(actors: ActorList) -> None:
    assert names(actors, "the National Resistance Front", AFTER) == ["National Resistance Front"]
    assert "National Resistance Front" not in names(actors, "the National Resistance Front", BEFORE)
    assert not actors.get("Taliban").valid_on(AFTER)
    assert actors.get("Taliban").valid_on(None)


def test_phrase_of_the_other_period_still_names_the_actor(actors: ActorList) -> None:
    # "Taliban fighters" is an alias of the post-2021 state; in 2019 it still names the Taliban
    assert names(actors, "Taliban fighters attacked a police post", BEFORE)[:2] == [
        "Taliban",
        "Police Forces of Afghanistan",
    ]


def test_undated_text_does_not_mix_periods(actors: ActorList) -> None:
    # with no date every period is admitted: one sentence must still name one period's actors
    found = names(actors, "Taliban fighters attacked a police post", None)
    assert found[:2] == ["Taliban", "Police Forces of Afghanistan"]
    side = actors.side_of("five policemen", None)
    assert side is not None
    assert side.name == "Police Forces of Afghanistan"


@pytest.mark.parametrize(
    ("phrase", "day", "side"),
    [
        ("14 policemen", BEFORE, "Police Forces of Afghanistan"),
        ("14 policemen", AFTER, POLICE_2021),
        ("three soldiers", BEFORE, "Military Forces of Afghanistan"),
        ("three soldiers", AFTER, STATE_2021),
        ("two senior Taliban commanders", BEFORE, "Taliban"),
        ("38 fighters of the insurgent group", BEFORE, "Taliban"),
        ("seven ALP members", BEFORE, "Police Forces of Afghanistan"),
        ("five civilians", BEFORE, CIVILIANS),
        ("two children", AFTER, CIVILIANS),
        ("11 worshippers", BEFORE, CIVILIANS),
        ("10 Daesh fighters", AFTER, "Islamic State Khorasan Province"),
        ("three Pakistani soldiers", AFTER, "Military Forces of Pakistan"),
        ("two U.S. soldiers", BEFORE, "US forces"),
    ],
)
def test_victim_phrase_gives_the_side(actors: ActorList, phrase: str, day: date, side: str) -> None:
    actor = actors.side_of(phrase, day)
    assert actor is not None
    assert actor.name == side


def test_victim_phrase_without_a_side(actors: ActorList) -> None:
    assert actors.side_of("12 vehicles", BEFORE) is None


@pytest.mark.parametrize(
    ("actor1", "actor2", "code"),
    [
        ("Taliban", "Military Forces of Afghanistan", 12),
        ("Military Forces of Afghanistan", "Taliban", 12),
        ("Taliban", CIVILIANS, 27),
        ("Islamic State Khorasan Province", CIVILIANS, 27),
        ("US forces", "Taliban", 28),
        ("Military Forces of Pakistan", STATE_2021, 18),
        ("Islamic State Khorasan Province", STATE_2021, 12),
        (UNIDENTIFIED, CIVILIANS, 37),
        ("Police Forces of Afghanistan", "Military Forces of Afghanistan", 11),
    ],
)
def test_interaction_codes(actors: ActorList, actor1: str, actor2: str, code: int) -> None:
    assert interaction_code(actors.get(actor1).inter, actors.get(actor2).inter) == code


def test_interaction_with_one_or_no_actor() -> None:
    assert interaction_code(2, None) == 20
    assert interaction_code(None, 7) == 70
    assert interaction_code(None, None) is None


def test_every_actor_has_a_valid_code_and_unique_name(actors: ActorList) -> None:
    seen = set()
    for a in actors.actors:
        assert 1 <= a.inter <= 8, a
        assert a.name not in seen
        seen.add(a.name)
        if a.valid_from and a.valid_until:
            assert a.valid_from <= a.valid_until

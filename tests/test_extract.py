"""Tests for incidents.extract: golden sentences to the values a mention must carry.

Every sentence here is written for these tests; each asserts what a coder would read from it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from incidents.extract import Extractor, Mention, split_sentences
from incidents.ingest import Article

Extract = Callable[..., list[Mention]]
SUNDAY = date(2019, 9, 15)


@pytest.fixture(scope="module")
def one(extract_one: Extract) -> Callable[..., Mention]:
    """The single mention an article of one sentence gives."""

    def run(text: str, published: date | None = SUNDAY) -> Mention:
        mentions = extract_one(text, published)
        assert len(mentions) == 1, [m.text for m in mentions]
        return mentions[0]

    return run


# ----------------------------------------------------------------------------------------------- counts
@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        # the named subject and those "along with" him
        ("The district governor was killed along with four fighters in the attack.", 5),
        ("The Taliban commander was killed along with three fighters in an air strike in Achin district.", 4),
        # a subset ("including ...") is part of the total, never added to it
        ("The bombing killed 12 people, including three children, in Jalalabad.", 12),
        ("A blast killed nine people, among them two women, in Khost city.", 9),
        # a person "among" the counted dead is one of them
        ("The district governor was among 12 people killed when gunmen stormed the compound in Ghor.", 12),
        ("Police chief among nine killed in Taliban raid on Uruzgan checkpoint", 9),
        # an aside between the count and its verb
        ("Five policemen, including the district police chief, were killed by a roadside bomb in Ghor.", 5),
        ("Pakistani shells hit a house in Dangam district, killing a woman and her three children.", 4),
        # a group and one more after it
        ("A mine exploded under a police pickup in Zabul, killing two policemen and a civilian.", 3),
        ("Three soldiers and a child were killed when a shell hit a house in Kunar.", 4),
        # a list of groups is added up
        ("Airstrikes killed two senior Taliban leaders and at least 38 fighters in Helmand.", 40),
        ("Twenty-one soldiers were killed in Badghis province.", 21),
        ("Security forces clashed with Taliban fighters in Kunduz, killing 1,250 insurgents.", 1250),
    ],
)
def test_death_counts(one: Callable[..., Mention], sentence: str, killed: int) -> None:
    total = one(sentence).total("killed")
    assert total is not None
    assert total[1] == killed


@pytest.mark.parametrize(
    "sentence",
    [
        "An air strike killed a Taliban commander and three fighters in Achin district on Saturday.",
        "An air strike killed a Taliban commander along with three fighters in Achin district.",
        "A Taliban commander and three fighters were killed in an air strike in Achin district.",
    ],
)
def test_a_role_and_a_group_are_added(one: Callable[..., Mention], sentence: str) -> None:
    assert one(sentence).total("killed") == (4, 4, 4)


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("The assault on the district centre in Ghor claimed 14 lives, officials said.", 14),
        ("A mortar round that hit a wedding in Kunar claimed the lives of seven guests.", 7),
        ("Seven policemen lost their lives when a bomb hit their patrol in Zabul.", 7),
    ],
)
def test_lives_claimed_or_lost_are_deaths(one: Callable[..., Mention], sentence: str, killed: int) -> None:
    total = one(sentence).total("killed")
    assert total is not None
    assert total[1] == killed
    assert one(sentence).claimed_by is None  # "claimed 14 lives" is not a claim of responsibility


def test_a_wave_of_attacks_is_a_regional_telling(one: Callable[..., Mention]) -> None:
    assert one("A wave of coordinated bombings killed 40 people in Kabul on Saturday.").regional
    assert not one("A suicide bomber killed 40 people in Kabul on Saturday.").regional


def test_killed_and_wounded_in_one_sentence(one: Callable[..., Mention]) -> None:
    m = one("Three policemen were killed and five wounded when Taliban attacked a checkpoint in Kunduz.")
    assert m.total("killed") == (3, 3, 3)
    assert m.total("wounded") == (5, 5, 5)
    killed = [c for c in m.casualties if c.outcome == "killed"]
    assert [c.side for c in killed] == ["Police Forces of Afghanistan"]
    assert m.actor1 == "Taliban"
    assert m.actor2 == "Police Forces of Afghanistan"


def test_wounded_only(one: Callable[..., Mention]) -> None:
    m = one("Five civilians were wounded when a roadside bomb exploded in Logar province.")
    assert m.total("killed") is None
    assert m.total("wounded") == (5, 5, 5)
    assert m.casualties[0].side == "Civilians"


def test_vague_figures_keep_their_range(one: Callable[..., Mention]) -> None:
    m = one("Dozens of militants were killed in clashes in Faryab province.")
    assert m.total("killed") == (12, 12, 60)
    assert all(c.vague for c in m.casualties)
    assert m.casualties[0].side == "Taliban"


def test_several_wounded(one: Callable[..., Mention]) -> None:
    total = one("Several civilians were wounded in a mortar attack in Kunar.").total("wounded")
    assert total is not None
    low, best, high = total
    assert 2 <= low <= best <= 5 <= high


def test_a_written_range_is_a_range(one: Callable[..., Mention]) -> None:
    m = one("10 to 15 people were killed in the blast in Ghazni on Sunday.")
    assert m.total("killed") == (10, 10, 15)


def test_between_x_and_y_is_a_range(one: Callable[..., Mention]) -> None:
    assert one("Between 10 and 15 people were killed in the blast in Ghazni.").total("killed") == (10, 10, 15)


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("At 9 pm on Saturday gunmen killed three people in Herat city.", 3),
        ("The blast at 8:30 am on Sunday killed 14 people in Kandahar.", 14),
        (
            "Gunmen killed four members of a family in Kunduz on Saturday, the deadliest attack there since 2018.",
            4,
        ),
        ("Officials said on Sept. 14 that a landmine killed two shepherds in Zabul.", 2),
        # wire slugs carry numbers that count versions, not people
        ("UPDATE 3-Gunmen kill nine guards at a bank in Ghazni city", 9),
        ("REFILE 2: Roadside bomb kills six soldiers in Zabul", 6),
        ("2nd LD Writethru: Suicide attack kills 11 in Lashkar Gah", 11),
    ],
)
def test_years_times_and_dates_are_not_people(
    one: Callable[..., Mention], sentence: str, killed: int
) -> None:
    assert one(sentence).total("killed") == (killed, killed, killed)


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("Five villagers were killed in an air strike in Kunar on Saturday.", 5),
        ("Police killed three gunmen in Kunduz on Saturday.", 3),
        ("Three shopkeepers were killed in a blast in Ghazni city on Saturday.", 3),
        ("A blast killed four carpenters in Kunar on Saturday.", 4),
    ],
)
def test_people_nouns_that_begin_like_things(one: Callable[..., Mention], sentence: str, killed: int) -> None:
    assert one(sentence).total("killed") == (killed, killed, killed)


def test_a_child_of_a_given_age(one: Callable[..., Mention]) -> None:
    m = one("A 12-year-old boy was killed when a mortar shell hit his home in Kunar.")
    assert m.total("killed") == (1, 1, 1)


def test_casualty_spans_point_into_the_article(extract_one: Extract) -> None:
    text = "Intro line without violence.\n\nTaliban fighters killed three policemen in Kunduz on Saturday."
    (m,) = extract_one(text)
    assert text[m.start : m.end] == m.text
    for c in m.casualties:
        assert m.start <= c.start < c.end <= m.end
    assert text[m.casualties[0].start : m.casualties[0].end] == "three policemen"


# ----------------------------------------------------------------------------------------------- claims, denials
def test_claim_of_responsibility(one: Callable[..., Mention]) -> None:
    m = one(
        "Islamic State claimed responsibility for the suicide bombing in Kabul that killed 20 worshippers."
    )
    assert m.claimed_by == "Islamic State Khorasan Province"
    assert m.sub_event_type == "Suicide bomb"
    assert m.total("killed") == (20, 20, 20)
    assert m.actor1 == "Islamic State Khorasan Province"
    assert m.actor2 == "Civilians"


def test_claim_alone(one: Callable[..., Mention]) -> None:
    m = one("Islamic State claimed responsibility for the attack.")
    assert m.claimed_by == "Islamic State Khorasan Province"
    assert m.total("killed") is None


def test_denial_that_someone_is_dead(one: Callable[..., Mention]) -> None:
    m = one("The Taliban rejected the claims and said the commander was alive.")
    assert m.kind == "denial"
    assert m.denied_by == "Taliban"
    assert m.denied_count == 1
    assert not m.denies_all


@pytest.mark.parametrize(
    "sentence",
    [
        "The Taliban denied the commander had been killed.",
        "But the Taliban denied the governor had been killed.",
        "A Taliban spokesman denied that the commander had been killed in the raid.",
    ],
)
def test_denied_the_commander_had_been_killed(one: Callable[..., Mention], sentence: str) -> None:
    m = one(sentence)
    assert m.kind == "denial"
    assert m.denied_by == "Taliban"
    assert m.denied_count == 1


def test_denial_names_the_denier_and_the_count(one: Callable[..., Mention]) -> None:
    # the denier and the one death denied are what the merge needs to mark the incident disputed
    m = one("The Taliban denied the commander had been killed.")
    assert m.denied_by == "Taliban"
    assert m.denied_count == 1


def test_denial_of_all_casualties(one: Callable[..., Mention]) -> None:
    m = one("The Taliban denied suffering any casualties.")
    assert m.kind == "denial"
    assert m.denies_all


# ----------------------------------------------------------------------------------------------- event types
@pytest.mark.parametrize(
    ("sentence", "sub_event"),
    [
        ("A U.S. drone strike killed six militants in Achin district of Nangarhar.", "Air/drone strike"),
        ("Afghan air force jets bombed Taliban positions in Kunduz, killing 15 insurgents.", "Air/drone strike"),
        ("A suicide bomber blew himself up at a wedding hall in Kabul, killing 63 people.", "Suicide bomb"),
        ("A roadside bomb struck a minibus in Logar province, killing four civilians.",
         "Remote explosive/landmine/IED"),
        ("Mortar shells fired from Pakistan landed in Dangam district of Kunar province, wounding three children.",
         "Shelling/artillery/missile attack"),
        ("Pakistani forces fired rockets into Dangam district of Kunar province on Sunday, killing two civilians.",
         "Shelling/artillery/missile attack"),
        ("Taliban fighters abducted 20 bus passengers in Kunduz province on Saturday.",
         "Abduction/forced disappearance"),
        ("Taliban fighters clashed with Afghan forces in Pul-e Khumri, leaving 6 soldiers dead.", "Armed clash"),
    ],
)  # fmt: skip
def test_sub_event_types(one: Callable[..., Mention], sentence: str, sub_event: str) -> None:
    assert one(sentence).sub_event_type == sub_event


def test_shelling_from_pakistan_names_pakistan_as_actor(one: Callable[..., Mention]) -> None:
    m = one(
        "Pakistani forces fired rockets into Dangam district of Kunar province on Sunday, killing two civilians."
    )
    assert m.actor1 == "Military Forces of Pakistan"
    assert m.actor2 == "Civilians"
    assert m.total("killed") == (2, 2, 2)


def test_drone_strike_actors(one: Callable[..., Mention]) -> None:
    m = one("A U.S. drone strike killed six militants in Achin district of Nangarhar.")
    assert (m.actor1, m.actor2) == ("US forces", "Taliban")


def test_abduction_actors(one: Callable[..., Mention]) -> None:
    m = one("Taliban fighters abducted 20 bus passengers in Kunduz province on Saturday.")
    assert (m.actor1, m.actor2) == ("Taliban", "Civilians")
    assert m.total("killed") is None


def test_talk_about_violence_next_to_an_event_is_not_an_event(extract_one: Extract) -> None:
    text = (
        "A roadside bomb killed two civilians in Logar province on Saturday. "
        "Officials said operations will be launched to prevent attacks ahead of the polls."
    )
    assert [m.text for m in extract_one(text)] == [text[: text.index(" Officials")]]


def test_talk_about_violence_is_not_an_event(extract_one: Extract) -> None:
    text = "Officials said operations will be launched to prevent attacks ahead of the polls."
    assert extract_one(text) == []


def test_sentence_without_violence_gives_nothing(extract_one: Extract) -> None:
    assert extract_one("The governor opened a new school in Mazar-i-Sharif on Sunday.") == []


def test_ceasefire_is_a_development(one: Callable[..., Mention]) -> None:
    m = one("The Taliban announced a three-day ceasefire for the Eid holiday on Saturday.")
    assert m.kind == "development"
    assert m.casualties == ()


def test_dates_of_a_mention(one: Callable[..., Mention]) -> None:
    m = one(
        "Taliban insurgents overran a checkpoint in Baghlan province on Saturday night, killing 4 soldiers."
    )
    assert [(d.start, d.speech) for d in m.dates] == [(date(2019, 9, 14), False)]


# ----------------------------------------------------------------------------------------------- places
def test_district_of_province(one: Callable[..., Mention]) -> None:
    m = one("Taliban fighters killed three policemen in Nad-e Ali district of Helmand province.")
    spans = {p.text: p for p in m.places}
    assert spans["Nad-e Ali"].codes == ("AF3002",)
    assert spans["Nad-e Ali"].hint == "district"
    assert spans["Helmand"].codes == ("AF30",)
    assert m.actor1 == "Taliban"


def test_district_spelled_the_way_reporters_do(one: Callable[..., Mention]) -> None:
    m = one(
        "In northern Samangan province, an air strike killed five insurgents in Dara-e-Soof Payeen district "
        "on Saturday."
    )
    codes = {p.text: p.codes for p in m.places}
    assert codes["Dara-e-Soof Payeen"] == ("AF2006",)
    assert codes["Samangan"] == ("AF20",)


@pytest.mark.parametrize(
    "sentence",
    [
        "The wounded were taken to hospitals in Peshawar after a blast killed 3 people in Nangarhar.",
        "Three civilians were killed in a blast in Peshawar on Sunday.",
    ],
)
def test_peshawar_is_never_a_place(one: Callable[..., Mention], sentence: str) -> None:
    assert "Peshawar" not in [p.text for p in one(sentence).places]


def test_dateline_is_not_the_event_place(extract_one: Extract) -> None:
    text = "KABUL, Sept 15 (Wire) - Taliban fighters killed four soldiers in an attack on a checkpoint, officials said."
    (m,) = extract_one(text)
    assert m.places == ()
    assert m.start > text.index("-")
    assert m.total("killed") == (4, 4, 4)


def test_dateline_before_a_named_place(extract_one: Extract) -> None:
    text = "KABUL, Sept 15 (Wire) - Taliban fighters killed four soldiers in Kunduz province on Saturday."
    (m,) = extract_one(text)
    assert [p.codes for p in m.places] == [("AF19",)]


def test_speaker_location_is_not_a_place(one: Callable[..., Mention]) -> None:
    m = one("A roadside bomb killed two soldiers on Saturday, said a senior official in Kabul.")
    assert "Kabul" not in [p.text for p in m.places]


def test_the_base_of_a_spokesman_for_someone_is_not_a_place(one: Callable[..., Mention]) -> None:
    m = one(
        "A spokesman for the coalition at Bagram air base said its jets had struck insurgents in Sangin on Sunday."
    )
    assert [p.text for p in m.places] == ["Sangin"]


def test_coalition_aircraft_are_nato(one: Callable[..., Mention]) -> None:
    m = one("Coalition aircraft struck Taliban fighters in Sangin district on Sunday, killing seven.")
    assert (m.actor1, m.actor2) == ("NATO forces", "Taliban")


# ----------------------------------------------------------------------------------------------- sentences
@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "The raid took place on Sept. 14 in Kunduz. Four soldiers died.",
            ["The raid took place on Sept. 14 in Kunduz.", "Four soldiers died."],
        ),
        (
            "A U.S. drone strike killed six militants. The Taliban denied it.",
            ["A U.S. drone strike killed six militants.", "The Taliban denied it."],
        ),
        (
            "U.S. forces said the raid on Sept. 3 killed 4. Officials agreed.",
            ["U.S. forces said the raid on Sept. 3 killed 4.", "Officials agreed."],
        ),
        ("First paragraph\n\nSecond paragraph.", ["First paragraph", "Second paragraph."]),
        (
            "Casualties rose 12.5 percent. Then it stopped.",
            ["Casualties rose 12.5 percent.", "Then it stopped."],
        ),
    ],
)
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == sentences


def test_one_mention_per_sentence_in_text_order(extractor: Extractor) -> None:
    text = (
        "A roadside bomb killed two civilians in Logar province on Saturday. "
        "The governor condemned the attack. "
        "In a separate incident, gunmen shot dead a teacher in Ghazni city on Sunday."
    )
    mentions = extractor.extract([Article("x", text, SUNDAY)])["x"]
    # the middle sentence may come as context (no figures); the two killings come in order
    assert [m.total("killed") for m in mentions if m.casualties] == [(2, 2, 2), (1, 1, 1)]
    assert [m.sentence_index for m in mentions] == sorted(m.sentence_index for m in mentions)
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_articles_are_independent_of_batching(extractor: Extractor) -> None:
    texts = [
        "A roadside bomb killed two civilians in Logar province on Saturday.",
        "Taliban fighters killed three policemen in Nad-e Ali district of Helmand province.",
    ]
    together = extractor.extract([Article(f"b{i}", t, SUNDAY) for i, t in enumerate(texts)])
    for i, t in enumerate(texts):
        alone = extractor.extract([Article(f"b{i}", t, SUNDAY)])
        assert alone[f"b{i}"] == together[f"b{i}"]


def test_a_claimed_killing_counts_the_person_once(one: Callable[..., Mention]) -> None:
    mention = one("The Islamic State group claimed the killing of a Taliban member in Badakhshan.")
    assert mention.total("killed") == (1, 1, 1)
    assert mention.claimed_by == "Islamic State Khorasan Province"


def test_a_ceasefire_violation_is_violence_not_an_agreement(one: Callable[..., Mention]) -> None:
    mention = one(
        "Pakistani forces violated the ceasefire with mortar fire on villages in Dangam on Saturday."
    )
    assert mention.kind == "event"
    assert mention.sub_event_type == "Shelling/artillery/missile attack"


# ----------------------------------------------------------------------------------------------- held-out lessons
def test_a_second_source_s_toll_widens_the_range(one: Callable[..., Mention]) -> None:
    m = one(
        "Shelling late on Monday killed at least six civilians in Dangam district, the UN said, while local "
        "officials put the death toll at 13."
    )
    assert m.total("killed") == (6, 6, 13)


@pytest.mark.parametrize(
    ("sentence", "side"),
    [
        ("Gunmen shot dead a former army general outside his house in Kunduz city on Sunday.", "Civilians"),
        ("A retired police officer was killed by unknown gunmen in Herat city on Sunday.", "Civilians"),
        ("Two French soldiers were killed by a roadside bomb in Tagab district on Sunday.", "NATO forces"),
    ],
)
def test_victim_sides(one: Callable[..., Mention], sentence: str, side: str) -> None:
    assert [c.side for c in one(sentence).casualties if c.outcome == "killed"] == [side]


def test_the_speakers_own_men_are_not_civilians(one: Callable[..., Mention]) -> None:
    m = one("The Taliban said one of their men had been killed in the clash in Dara district on Sunday.")
    assert [c.side for c in m.casualties] == [None]


def test_the_speakers_own_men_are_not_the_victims(one: Callable[..., Mention]) -> None:
    m = one('"Our men pulled nine bodies from the rubble at dawn," the district chief said in Shindand.')
    assert m.actor2 is None


@pytest.mark.parametrize(
    ("sentence", "actor2"),
    [
        (
            "NATO jets bombed suspected Taliban compounds in Sangin district on Sunday, killing six.",
            "Taliban",
        ),
        (
            "Afghan commandos raided an Islamic State hideout in Achin district on Sunday, killing four.",
            "Islamic State Khorasan Province",
        ),
    ],
)
def test_what_was_bombed_or_raided_is_the_target(
    one: Callable[..., Mention], sentence: str, actor2: str
) -> None:
    assert one(sentence).actor2 == actor2


def test_a_speaker_whose_fighters_acted_is_the_actor(one: Callable[..., Mention]) -> None:
    m = one(
        "The National Resistance Front said its fighters had ambushed a Taliban patrol in Dara district.",
        date(2023, 6, 10),
    )
    assert m.actor1 == "National Resistance Front"


def test_whoever_is_blamed_acted(one: Callable[..., Mention]) -> None:
    m = one("ISAF blamed insurgents for the roadside bomb that killed a French soldier in Tagab on Sunday.")
    assert m.actor1 == "Taliban"


@pytest.mark.parametrize(
    ("sentence", "sub_event"),
    [
        ("Insurgents fought police with rocket-propelled grenades for two hours in Sayedabad on Sunday.",
         "Armed clash"),
        ("Gunmen stopped a bus in Shah Joy district on Sunday and took 19 passengers away.",
         "Abduction/forced disappearance"),
    ],
)  # fmt: skip
def test_more_sub_event_types(one: Callable[..., Mention], sentence: str, sub_event: str) -> None:
    assert one(sentence).sub_event_type == sub_event


def test_a_toll_update_dates_the_count_not_the_event(extract_one: Extract) -> None:
    (_first, update) = extract_one(
        "A suicide bomber killed nine worshippers at a mosque in Kot district on Friday.\n\n"
        "The death toll rose to 14 on Saturday.",
        SUNDAY,
    )
    assert all(d.speech for d in update.dates)
    assert update.total("killed") == (14, 14, 14)


def test_the_village_of_x_in_a_district(extract_one: Extract) -> None:
    (m,) = extract_one(
        "Taliban overran a police post in the village of Chingay in Sayedabad district on Sunday.", SUNDAY
    )
    assert ("Chingay", "village") in [(p.text, p.hint) for p in m.places]


def test_an_age_after_a_name_is_not_a_toll(one: Callable[..., Mention]) -> None:
    m = one("The shopkeeper, Gul Ahmad, 41, died at the scene in Kunduz city on Sunday.")
    assert m.total("killed") in (None, (1, 1, 1))


def test_a_statement_that_its_fighters_planted_the_bomb_is_a_claim(one: Callable[..., Mention]) -> None:
    m = one(
        "Islamic State Khorasan Province said in a statement that its fighters had planted the bomb that killed "
        "three Taliban guards in Mazar-e Sharif on Sunday.",
        date(2023, 3, 6),
    )
    assert m.claimed_by == "Islamic State Khorasan Province"


def test_mortars_in_an_exchange_of_fire_are_a_battle(one: Callable[..., Mention]) -> None:
    m = one("Border forces exchanged fire with machine guns and mortars near Torkham on Sunday, killing two.")
    assert m.sub_event_type == "Armed clash"
    assert one("Mortars fired from Pakistan killed two civilians in Dangam on Sunday.").sub_event_type == (
        "Shelling/artillery/missile attack"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen shot dead three coal miners walking home from a mine in Kahmard district on Sunday.",
        "Officials from the Ministry of Mines said on Sunday that gunmen had killed two guards in Kahmard.",
    ],
)
def test_a_coal_mine_is_not_a_landmine(one: Callable[..., Mention], sentence: str) -> None:
    assert one(sentence).sub_event_type != "Remote explosive/landmine/IED"


def test_business_contracts_are_not_agreements(extract_one: Extract) -> None:
    text = "The ministry signed agreements with Chinese and Turkish mining companies on Sunday."
    assert [m.kind for m in extract_one(text, SUNDAY)] == []


def test_between_ten_and_twelve_is_a_range(one: Callable[..., Mention]) -> None:
    m = one("A bomb hit a bus in Khash Rod district on Sunday, killing between 10 and 12 passengers.")
    assert m.total("killed") == (10, 10, 12)


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("The daily Nawa-ye Shamal said seven soldiers died in Wardooj district on Sunday.", "Shamal"),
        ("A bomb on the highway between Zaranj and Delaram in Khash Rod district killed ten on Sunday.", "Zaranj"),
        ("Seven attackers died as they fled towards Dehrawud, police in Kijran district said on Sunday.",
         "Dehrawud"),
    ],
)  # fmt: skip
def test_names_that_are_not_the_event_place(one: Callable[..., Mention], sentence: str, absent: str) -> None:
    assert absent not in [p.text for p in one(sentence).places]


def test_the_village_of_a_name_other_places_share(extract_one: Extract) -> None:
    (m,) = extract_one(
        "The Taliban shot three men in the village of Bazarak in Dara-i-Sof Bala district on Sunday.", SUNDAY
    )
    assert ("Bazarak", "village") in [(p.text, p.hint) for p in m.places]


def test_a_repulsed_attack_was_the_attackers(one: Callable[..., Mention]) -> None:
    m = one(
        "Police repulsed a Taliban attack on the centre of Kijran district on Sunday, killing seven attackers."
    )
    assert (m.actor1, m.actor2) == ("Taliban", "Police Forces of Afghanistan")


def test_a_subset_list_stays_a_subset(one: Callable[..., Mention]) -> None:
    m = one(
        "Rockets hit Lashkar Gah on Sunday; at least three civilians including one woman and one child died."
    )
    assert m.total("killed") == (3, 3, 3)


def test_a_prosecutor_is_a_civilian(one: Callable[..., Mention]) -> None:
    m = one("Unidentified gunmen shot dead a prosecutor in Charikar city on Sunday.")
    assert m.actor2 == "Civilians"


def test_where_a_speaker_phoned_from_is_not_the_place(one: Callable[..., Mention]) -> None:
    m = one("Fourteen insurgents died in the air strike on Sunday, a commander said by telephone from Qalat.")
    assert "Qalat" not in [p.text for p in m.places]


def test_the_articles_own_outlet_after_told_is_not_a_place(extractor: Extractor) -> None:
    from incidents.ingest import Article

    article = Article(
        "outlet-1",
        "Taliban rockets killed three civilians in Lashkar Gah on Sunday, a police spokesman told Registan.",
        SUNDAY,
        outlet="Registan News Agency",
    )
    (m,) = extractor.extract([article])["outlet-1"]
    assert "Registan" not in [p.text for p in m.places]
    assert "Lashkar Gah" in [p.text for p in m.places]


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen shot dead three miners in Kahmard district on Sunday and wounded a fourth.",
        "One guard was killed and another wounded when the post in Sarkano came under fire on Sunday.",
        "Three children were killed and a fourth lost a leg when a mine exploded in Bala Buluk on Sunday.",
    ],
)
def test_one_more_wounded_without_a_number(one: Callable[..., Mention], sentence: str) -> None:
    assert one(sentence).total("wounded") == (1, 1, 1)


# ----------------------------------------------------------------------------------------------- batch-6 lessons
@pytest.mark.parametrize(
    "sentence",
    [
        "The bombing came barely a week after gunmen killed 30 worshippers at a mosque in Herat.",
        "The amnesty comes months after an attack killed 12 guards at a prison in Kandahar.",
        "Earlier this month insurgents attacked the district centre of Gizab, officials said.",
        "Gizab has seen heavy fighting since the insurgents overran it in the summer of 2016.",
    ],
)
def test_earlier_events_told_in_passing_are_background(one: Callable[..., Mention], sentence: str) -> None:
    assert one(sentence).background


def test_crimes_named_as_categories_are_no_event(extract_one: Extract) -> None:
    text = "Prisoners jailed for murder, kidnapping or bombings will not be freed under the decree, he said."
    assert extract_one(text) == []


@pytest.mark.parametrize(
    ("sentence", "places", "hint"),
    [
        # an office names where someone served, the place only when nothing else is named
        (
            "Gunmen shot dead the police chief of Chak in the city of Maidan Shahr on Sunday.",
            ["Maidan Shahr"],
            "city",
        ),
        ("Gunmen shot dead the district governor of Chak on Sunday.", ["Chak"], None),
    ],
)
def test_an_office_held_somewhere_is_not_the_place(
    one: Callable[..., Mention], sentence: str, places: list[str], hint: str | None
) -> None:
    m = one(sentence)
    assert [p.text for p in m.places] == places
    assert m.places[0].hint == hint


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        # the claimant is the side named last before the claim, not the first side of the sentence
        (
            "Gunmen killed a judge in Pul-e-Alam on Sunday, police said, and the Taliban said they had carried out "
            "the killing.",
            "Taliban",
        ),
        (
            "A suicide bomber killed four soldiers in Khost on Sunday, and the Taliban said the group had sent the "
            "bomber.",
            "Taliban",
        ),
    ],
)
def test_who_claimed(one: Callable[..., Mention], sentence: str, claimant: str) -> None:
    assert one(sentence).claimed_by == claimant


def test_a_group_confirming_it_holds_hostages_claims_the_abduction(extract_one: Extract) -> None:
    text = (
        "Gunmen abducted six road workers in Qaisar district on Sunday.\n\n"
        "A Taliban spokesman confirmed that the group was holding the six men."
    )
    assert [m.claimed_by for m in extract_one(text)] == [None, "Taliban"]


@pytest.mark.parametrize("victim", ["the district governor", "a provincial council member", "a lawmaker"])
def test_officials_without_arms_are_civilians(one: Callable[..., Mention], victim: str) -> None:
    m = one(f"Gunmen shot dead {victim} in Pul-e-Alam on Sunday.")
    assert [c.side for c in m.casualties] == ["Civilians"]


@pytest.mark.parametrize(
    ("sentence", "sub_event"),
    [
        # what the targets were doing or kept is not how the event was done
        (
            "Commandos raided a compound in Chak district on Sunday after learning that insurgents were preparing "
            "a car bomb there, killing six of them.",
            "Armed clash",
        ),
        (
            "Troops killed five militants in a clash in Tagab on Sunday and seized weapons and explosives.",
            "Armed clash",
        ),
        ("A roadside bomb killed three soldiers in Tagab on Sunday.", "Remote explosive/landmine/IED"),
    ],
)
def test_explosives_kept_by_the_target_are_not_the_method(
    one: Callable[..., Mention], sentence: str, sub_event: str
) -> None:
    assert one(sentence).sub_event_type == sub_event


def test_killed_or_wounded_together_count_neither(one: Callable[..., Mention]) -> None:
    m = one("The Islamic State said its fighters had killed or wounded 20 Taliban in Jalalabad on Sunday.")
    assert [(c.outcome, c.best) for c in m.casualties] == []


def test_a_list_opened_by_among_them_stays_a_subset(one: Callable[..., Mention]) -> None:
    m = one(
        "Gunmen killed seven men in Chak on Sunday, among them a teacher and two students, and wounded a woman."
    )
    assert [(c.outcome, c.best) for c in m.casualties] == [("killed", 7), ("wounded", 1)]


@pytest.mark.parametrize(
    ("sentence", "actor1", "actor2"),
    [
        (
            "A bomb went off near a Taliban security post in Jalalabad on Friday, killing four people.",
            None,
            "Taliban",  # the people of an attack on a post are not known to be civilians
        ),
        (
            "Afghan special forces killed six Taliban fighters in a raid in Chak on Sunday.",
            "Military Forces of Afghanistan",
            "Taliban",
        ),
    ],
)
def test_facilities_are_targets_and_special_forces_are_the_army(
    one: Callable[..., Mention], sentence: str, actor1: str | None, actor2: str
) -> None:
    m = one(sentence, date(2019, 9, 15))
    assert (m.actor1, m.actor2) == (actor1, actor2)


@pytest.mark.parametrize(
    "sentence",
    [
        "The front said the commander was alive.",
        "A spokesman for the front wrote that Mirza Khan had not been harmed.",
    ],
)
def test_a_named_dead_said_to_be_alive_is_a_denial_of_one(extract_one: Extract, sentence: str) -> None:
    text = (
        "Taliban forces killed four resistance fighters, among them a commander, in Warsaj on Sunday.\n\n"
        + sentence
    )
    denial = extract_one(text, date(2023, 9, 18))[-1]
    assert (denial.kind, denial.denied_count) == ("denial", 1)


def test_both_sides_of_a_joint_patrol_are_hit(one: Callable[..., Mention]) -> None:
    m = one(
        "A suicide bomber rammed into a joint patrol of NATO and Afghan troops in Sabari on Sunday, killing two "
        "NATO soldiers.",
        date(2012, 7, 9),
    )
    assert (m.actor1, m.actor2) == (None, "NATO forces")


@pytest.mark.parametrize(
    ("sentence", "sub_event"),
    [
        (
            "Supplies and reinforcements were sent to Kohistanat by helicopter after the Taliban attack.",
            "Attack",
        ),
        ("Two helicopters landed at the base after the Taliban attack on Sunday.", "Attack"),
        (
            "Helicopter gunships fired on Taliban positions in Kohistanat on Sunday, killing six.",
            "Air/drone strike",
        ),
        (
            "Weapons and bomb-making materials were found after troops killed three militants in Tagab.",
            None,
        ),
    ],
)
def test_helicopters_that_carry_and_materials_that_were_found_are_not_the_method(
    one: Callable[..., Mention], sentence: str, sub_event: str | None
) -> None:
    assert one(sentence).sub_event_type == sub_event


def test_nato_led_troops_act_and_the_soldiers_travelling_do_not(extract_one: Extract) -> None:
    lead, told = extract_one(
        "NATO-led troops and Afghan soldiers killed three insurgents in a raid in Tagab on Sunday.\n\n"
        "The soldiers were travelling in a convoy when the bomb went off, an ISAF statement said.",
        date(2010, 3, 9),
    )
    assert (lead.actor1, lead.assoc_actor1) == ("NATO forces", ("Military Forces of Afghanistan",))
    assert told.actor1 is None


# ----------------------------------------------------------------------------------------------- batches 7-8 lessons
@pytest.mark.parametrize(
    ("sentence", "denial"),
    [
        (
            "Pakistan's military neither confirmed nor denied that its jets had carried out the strikes.",
            False,
        ),
        ("The police chief rejected the Taliban account of the attack.", True),
        ("A spokesman said there had been no attack in Paryan or anywhere else in the province.", True),
    ],
)
def test_what_denies_and_what_does_not(extract_one: Extract, sentence: str, denial: bool) -> None:
    text = "Gunmen killed four policemen in an attack on a checkpoint in Paryan on Saturday.\n\n" + sentence
    mentions = extract_one(text, date(2022, 7, 11))
    assert any(m.kind == "denial" or "denial" in m.cues for m in mentions) is denial
    assert all(m.claimed_by is None for m in mentions)


def test_a_spokesman_asking_whether_his_men_hold_hostages_claims_nothing(extract_one: Extract) -> None:
    text = (
        "Gunmen abducted five engineers in Andar district on Sunday.\n\n"
        "A Taliban spokesman said he was trying to find out whether the group's fighters were holding them."
    )
    assert [m.claimed_by for m in extract_one(text)] == [None]


@pytest.mark.parametrize(
    "sentence",
    [
        "Seven people died in the strike, and five of the dead were members of one family.",
        "Seven people died in the strike; his brother and two nieces were among the dead.",
    ],
)
def test_part_of_the_dead_is_a_subset(one: Callable[..., Mention], sentence: str) -> None:
    assert [(c.outcome, c.best) for c in one(sentence).casualties] == [("killed", 7)]


def test_an_earthquake_is_not_political_violence(extract_one: Extract) -> None:
    (m,) = extract_one(
        "An earthquake on Tuesday killed at least 14 people in Nahrin district, officials said."
    )
    assert "natural" in m.cues
    # "storm" as a verb is an attack, not weather
    (m,) = extract_one("Twelve policemen died as Taliban fighters storm police posts in Farah.")
    assert "natural" not in m.cues


@pytest.mark.parametrize(
    ("sentence", "sub_event"),
    [
        (
            "One of the militants set off an explosive vest as the forces closed in, killing himself.",
            "Armed clash",
        ),
        ("Two suicide vests, grenades and rifles were seized after troops killed three militants.", None),
        ("A suicide bomber set off his vest at a checkpoint in Behsud, killing two guards.", "Suicide bomb"),
    ],
)
def test_a_vest_in_a_raid_is_not_the_method(
    one: Callable[..., Mention], sentence: str, sub_event: str | None
) -> None:
    assert one(sentence).sub_event_type == sub_event


def test_the_city_a_commander_was_in_charge_of_is_not_the_place(one: Callable[..., Mention]) -> None:
    m = one(
        "Troops killed Qari Zubair, the group's commander for attacks in Jalalabad city, in Behsud on Sunday."
    )
    assert [p.text for p in m.places] == ["Behsud"]


@pytest.mark.parametrize(
    ("sentence", "sub_event"),
    [
        (
            "Insurgents fired rockets and rocket-propelled grenades at the outpost in Ziruk and then tried to storm it.",
            "Armed clash",
        ),
        (
            "American and Afghan troops, backed by attack helicopters, fought off an attack in Ziruk on Sunday.",
            "Armed clash",
        ),
        (
            "Insurgents fired rockets at the district centre of Ziruk on Sunday, wounding two policemen.",
            "Shelling/artillery/missile attack",
        ),
    ],
)
def test_rockets_and_helicopters_inside_a_ground_battle(
    one: Callable[..., Mention], sentence: str, sub_event: str
) -> None:
    assert one(sentence).sub_event_type == sub_event


def test_what_a_bomber_drove_into_was_hit(one: Callable[..., Mention]) -> None:
    m = one(
        "A suicide bomber drove a car packed with explosives into a NATO convoy in Kandahar city on Tuesday, killing "
        "a foreign soldier.",
        date(2010, 9, 15),
    )
    assert (m.actor1, m.actor2) == (None, "NATO forces")
    assert [c.side for c in m.casualties] == ["Foreign forces"]


def test_bodies_carried_to_a_city_are_no_event(extract_one: Extract) -> None:
    assert (
        extract_one("Relatives brought three of the bodies to Lashkar Gah on Wednesday to show officials.")
        == []
    )


@pytest.mark.parametrize(
    ("sentence", "actor1"),
    [("He blamed the Taliban.", "Taliban"), ("There were no Taliban in those houses, an elder said.", None)],
)
def test_remarks_on_the_incident(extract_one: Extract, sentence: str, actor1: str | None) -> None:
    _lead, remark = extract_one(
        "A roadside bomb killed four policemen in Gelan district on Saturday.\n\n" + sentence
    )
    assert (remark.kind, remark.actor1) == ("remark", actor1)


# ----------------------------------------------------------------------------------------------- batch 9 lessons
@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        # a long title before "and four of his fighters" still leaves the four to the verb; his men are his side
        (
            "A drone strike killed a senior Islamic State commander and four of his fighters in Chowkay on Sunday.",
            [("Islamic State Khorasan Province", 1), ("Islamic State Khorasan Province", 4)],
        ),
        # drivers are people, so "and a policeman" is counted after them
        (
            "Gunmen ambushed a convoy in Moqor on Sunday, killing four drivers and a policeman.",
            [("Civilians", 4), ("Police Forces of Afghanistan", 1)],
        ),
        # "a boy of 12" is an age
        ("Two men died at the scene, and a boy of 12 died in hospital during the night.", [("Civilians", 2)]),
    ],
)
def test_batch9_counts(one: Callable[..., Mention], sentence: str, killed: list[tuple[str, int]]) -> None:
    m = one(sentence)
    assert [(c.side, c.best) for c in m.casualties if c.outcome == "killed"] == killed


def test_the_past_two_years_is_background(one: Callable[..., Mention]) -> None:
    assert one("Insider attacks have killed dozens of policemen in Uruzgan in the past two years.").background


# ----------------------------------------------------------------------------------------------- batch 10 lessons
def test_a_number_the_toll_has_risen_to_is_the_count(one: Callable[..., Mention]) -> None:
    m = one(
        "The number of passengers killed when a bomb struck their minibus in Maywand yesterday has risen to seven, "
        "officials said."
    )
    assert [(c.outcome, c.best) for c in m.casualties] == [("killed", 7)]


def test_how_many_is_no_count(extract_one: Extract) -> None:
    assert extract_one("Residents could not say how many people had been killed.") == []


def test_the_day_a_ministry_rejected_a_claim_does_not_date_the_event(one: Callable[..., Mention]) -> None:
    m = one(
        "The ministry on Tuesday rejected a Taliban claim that insurgents had killed 18 soldiers in Pashtun Kot "
        "on Sunday night.",
        date(2018, 5, 22),
    )
    assert [(d.start, d.speech) for d in m.dates] == [(date(2018, 5, 22), True), (date(2018, 5, 20), False)]
    assert m.kind == "denial"


def test_the_articles_own_outlet_is_no_place(extractor: Extractor) -> None:
    article = Article(
        "outlet",
        "A Taliban spokesman told the Kabul Ledger by telephone that the group's fighters had carried out the attack.",
        SUNDAY,
        outlet="Kabul Ledger",
    )
    (m,) = extractor.extract([article])["outlet"]
    assert (m.places, m.claimed_by) == ((), "Taliban")


def test_capturing_a_district_centre_overtakes_territory(one: Callable[..., Mention]) -> None:
    m = one(
        "Taliban fighters captured the centre of Dawlatabad district in Faryab on Sunday after hours of fighting."
    )
    assert m.sub_event_type == "Non-state actor overtakes territory"


def test_a_claim_of_capture_is_a_claim(one: Callable[..., Mention]) -> None:
    m = one(
        "A Taliban spokesman said the group's fighters had taken the district governor's compound in Dawlatabad."
    )
    assert m.claimed_by == "Taliban"


# ----------------------------------------------------------------------------------------------- batch 11 lessons
def test_wa_joins_a_district_name(one: Callable[..., Mention]) -> None:
    m = one("Resistance fighters attacked a checkpoint in Khost wa Firing district of Baghlan late Saturday.")
    assert next(p.codes for p in m.places) == ("AF0913",)


@pytest.mark.parametrize(
    "sentence",
    [
        "In May, the Taliban said they had killed more than 40 resistance fighters in Andarab.",
        "In November 2014, a suicide bomber killed more than 50 people at a volleyball match in Yahya Khel.",
        "Last week, a bomb attached to a car killed a former presenter in the west of the city.",
    ],
)
def test_other_months_and_last_week_are_background(one: Callable[..., Mention], sentence: str) -> None:
    assert one(sentence).background


def test_a_family_listed_without_a_total(one: Callable[..., Mention]) -> None:
    m = one(
        "A roadside bomb struck a minivan in Dand on Monday, killing a man, his wife and four of their children."
    )
    assert sum(c.best for c in m.casualties if c.outcome == "killed") == 6


@pytest.mark.parametrize(
    ("sentence", "sub_event"),
    [
        (
            "Troops killed three militants in a raid in Pashtun Zarghun; rifles and grenades were found.",
            "Armed clash",
        ),
        (
            '"We could hear explosions until the morning prayer," a resident said of the raid that killed four.',
            "Armed clash",
        ),
    ],
)
def test_weapons_found_and_explosions_heard_are_not_the_method(
    one: Callable[..., Mention], sentence: str, sub_event: str | None
) -> None:
    assert one(sentence).sub_event_type == sub_event


def test_the_people_of_an_attack_on_a_checkpoint_are_not_taken_for_civilians(
    one: Callable[..., Mention],
) -> None:
    m = one(
        "Resistance fighters attacked a Taliban checkpoint in Khost wa Firing late Saturday, starting a gun battle "
        "that killed six people.",
        date(2022, 8, 22),
    )
    assert m.actor2 == "Military Forces of Afghanistan (2021-)"


@pytest.mark.parametrize(
    ("text", "claimed", "denial"),
    [
        (
            "A man who said he spoke for the Taliban told a reporter by telephone that the group was holding the men.",
            "Taliban",
            False,
        ),
        ("A Taliban spokesman rejected the ministry's figure.", None, True),
    ],
)
def test_batch11_claims_and_denials(
    extract_one: Extract, text: str, claimed: str | None, denial: bool
) -> None:
    lead = "Gunmen abducted five deminers in Shindand district on Tuesday.\n\n"
    m = extract_one(lead + text)[-1]
    assert m.claimed_by == claimed
    assert (m.kind == "denial" or "denial" in m.cues) is denial


def test_shot_in_the_leg_is_wounded(extract_one: Extract) -> None:
    _lead, told = extract_one(
        "Gunmen shot dead a cleric in Herat on Sunday.\n\nA student who was walking with him was shot in the leg."
    )
    assert [(c.outcome, c.best) for c in told.casualties] == [("wounded", 1)]


# ----------------------------------------------------------------------------------------------- batch 12 lessons
def test_a_reference_point_is_not_the_place(one: Callable[..., Mention]) -> None:
    m = one(
        "Gunmen abducted an engineer on the highway south of Kabul on Tuesday, police in Logar province said."
    )
    assert "Kabul" not in [p.text for p in m.places]


def test_where_a_wounded_soldier_was_flown_is_not_the_place(one: Callable[..., Mention]) -> None:
    m = one("A third soldier was wounded and was flown by helicopter to the US base at Bagram, he said.")
    assert m.places == ()


@pytest.mark.parametrize(
    ("sentence", "killed", "wounded"),
    [
        (
            "A mortar round landed in the bazaar, killing a woman and two children and wounding several people.",
            3,
            3,
        ),
        ("Gunmen shot dead a former police commander and his nephew in Sangcharak on Monday.", 2, 0),
        (
            "Nine other people, most of them passengers in a minibus that had stopped to be searched, were wounded.",
            0,
            9,
        ),
    ],
)
def test_batch12_counts(one: Callable[..., Mention], sentence: str, killed: int, wounded: int) -> None:
    m = one(sentence)
    assert sum(c.best for c in m.casualties if c.outcome == "killed") == killed
    assert sum(c.best for c in m.casualties if c.outcome == "wounded") == wounded


def test_a_lead_summing_two_attacks_is_regional(one: Callable[..., Mention]) -> None:
    m = one(
        "At least 13 people, three of them civilians, have been killed in two Taliban attacks in Ghor since Friday."
    )
    assert m.regional


# ----------------------------------------------------------------------------------------------- batch 13 lessons
@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("A suicide bomber rammed the car of the police chief in Khanabad on Sunday, killing him and two of his "
         "bodyguards.", 3),
        ("Pakistani shells hit houses in Shigal on Sunday, killing a girl and her grandfather.", 2),
    ],
)  # fmt: skip
def test_batch13_counts(one: Callable[..., Mention], sentence: str, killed: int) -> None:
    assert sum(c.best for c in one(sentence).casualties if c.outcome == "killed") == killed


def test_no_one_is_nobody(extract_one: Extract) -> None:
    mentions = extract_one(
        "Gunmen seized five aid workers in Qadis on Sunday. No one was hurt when they were seized."
    )
    assert all(c.outcome != "wounded" for m in mentions for c in m.casualties)


def test_denying_the_groups_fighters_took_them_is_no_claim(extract_one: Extract) -> None:
    text = (
        "Gunmen seized five aid workers in Qadis district on Sunday.\n\n"
        "A man who said he spoke for the Taliban denied that the group's fighters had taken the aid workers."
    )
    assert all(m.claimed_by is None for m in extract_one(text, date(2008, 5, 5)))


def test_a_police_chief_of_a_district_in_a_province_is_placed_in_the_district(
    one: Callable[..., Mention],
) -> None:
    m = one(
        "A suicide bomber rammed the vehicle of the police chief of Khanabad district in northern Kunduz province "
        "on Tuesday, killing him."
    )
    assert "Khanabad" in [p.text for p in m.places]

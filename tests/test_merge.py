"""Tests for incidents.merge: one report per incident per article, then one incident across articles."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from incidents.build import Builder
from incidents.ingest import Article
from incidents.merge import Incident, Report, merge_reports

SUNDAY = date(2019, 9, 15)
MONDAY = date(2019, 9, 16)

SUMMARY_LEAD = Article(
    "ops-1",
    "Afghan forces killed 12 Taliban fighters in operations in two provinces, officials said on Monday.\n\n"
    "In Nad-e Ali district of Helmand province, seven insurgents were killed in a raid on Sunday.\n\n"
    "In a separate operation in Anar Dara district of Farah province, five militants were killed.",
    MONDAY,
)
HELMAND_A = Article(
    "hel-a",
    "Taliban fighters killed seven policemen in an attack on checkpoints in Nad-e Ali district of Helmand "
    "province on Saturday.",
    SUNDAY,
)
HELMAND_B = Article(
    "hel-b",
    "Nine policemen were killed when Taliban insurgents attacked checkpoints in Nad-e Ali district of Helmand "
    "on Saturday, officials said.",
    MONDAY,
)
FARAH = Article(
    "far-1",
    "Taliban insurgents killed six soldiers in an attack on a base in Anar Dara district of Farah on Saturday.",
    SUNDAY,
)
LOGAR_LATER = Article(
    "log-1",
    "A roadside bomb killed three civilians in Nad-e Ali district of Helmand on Sept. 2.",
    SUNDAY,
)


def reports_of(builder: Builder, *articles: Article) -> list[Report]:
    return list(builder.reports(articles))


def killed_best(r: Report) -> int | None:
    return r.killed[1] if r.killed else None


# ----------------------------------------------------------------------------------------------- within an article
def test_summary_lead_adds_no_report(builder: Builder) -> None:
    reports = reports_of(builder, SUMMARY_LEAD)
    assert sorted((r.place.admin2_pcode if r.place else None, killed_best(r)) for r in reports) == [
        ("AF3002", 7),
        ("AF3307", 5),
    ]
    assert not any(r.summary for r in reports)


def test_placeless_lead_joins_the_one_placed_incident(builder: Builder) -> None:
    article = Article(
        "lead-1",
        "Four soldiers were killed in a Taliban attack overnight, officials said on Sunday.\n\n"
        "The insurgents stormed a checkpoint in Khan Abad district of Kunduz province on Saturday night, "
        "killing four soldiers.",
        SUNDAY,
    )
    (report,) = reports_of(builder, article)
    assert report.place is not None
    assert report.place.admin2_pcode == "AF1904"
    assert report.killed == (4, 4, 4)
    assert len(report.mentions) == 2
    assert report.event_date == date(2019, 9, 14)


def test_tellings_of_different_sides_add_up(builder: Builder) -> None:
    # each sentence counts one side of the same battle: 9 policemen and 14 insurgents are 23 dead
    article = Article(
        "sides-1",
        "Nine policemen were killed when the Taliban attacked checkpoints in Nad-e Ali district of Helmand on "
        "Saturday.\n\nFourteen insurgents died in the fighting in Nad-e Ali, the provincial police chief said.",
        SUNDAY,
    )
    (report,) = reports_of(builder, article)
    assert report.killed == (23, 23, 23)
    assert report.killed_by_side == {"Police Forces of Afghanistan": 9, "Taliban": 14}
    assert {report.actor1, report.actor2} == {"Taliban", "Police Forces of Afghanistan"}


def test_tellings_of_the_same_forces_or_without_a_side_do_not_add_up(builder: Builder) -> None:
    # soldiers and police may both be inside "security forces"; a sideless toll may hold every side
    same_forces = Article(
        "sides-2",
        "Taliban fighters killed 12 soldiers in an attack on a base in Anar Dara district of Farah on Saturday."
        "\n\nEight policemen were among the dead in Anar Dara, officials said.",
        SUNDAY,
    )
    sideless = Article(
        "sides-3",
        "A suicide bomber killed 20 people at a police station in Nad-e Ali district of Helmand on Saturday."
        "\n\nSix policemen died in the Nad-e Ali blast, officials said.",
        SUNDAY,
    )
    (a,) = reports_of(builder, same_forces)
    (b,) = reports_of(builder, sideless)
    assert killed_best(a) == 12
    assert killed_best(b) == 20


def test_a_telling_of_several_attacks_does_not_set_the_figure(builder: Builder) -> None:
    article = Article(
        "wave-1",
        "At least 20 police cadets died when a suicide bomber struck the police academy in Kabul on Saturday."
        "\n\nFifty-one people have died in the wave of Kabul bombings, officials said.",
        SUNDAY,
    )
    reports = reports_of(builder, article)
    assert [killed_best(r) for r in reports] == [20]


def test_the_same_district_starts_another_incident_there(builder: Builder) -> None:
    article = Article(
        "same-1",
        "NATO aircraft killed six insurgents in Bala Murghab district of Badghis province on Saturday.\n\n"
        "Last week, insurgents ambushed a police convoy in the same district, killing four policemen, said a "
        "spokesman for the Badghis police chief.",
        MONDAY,
    )
    reports = reports_of(builder, article)
    assert sorted(
        (r.place.admin2_pcode if r.place else None, killed_best(r), r.sub_event_type) for r in reports
    ) == [
        ("AF3105", 4, "Armed clash"),
        ("AF3105", 6, "Air/drone strike"),
    ]


def test_a_past_toll_in_an_article_without_incidents_is_no_report(builder: Builder) -> None:
    article = Article(
        "past-1",
        "Delegations from Kabul and Islamabad ended two days of talks in Doha on Thursday without a deal on "
        "reopening the border crossings.\n\nFighting along the frontier in October killed dozens of soldiers "
        "and civilians before mediators brokered a halt.",
        MONDAY,
    )
    assert reports_of(builder, article) == []


def test_denial_attaches_to_the_incident_it_answers(builder: Builder) -> None:
    article = Article(
        "den-1",
        "The Taliban shadow governor of Zabul was killed along with four fighters in an air strike in Shahjoy "
        "district on Saturday, the defence ministry said.\n\n"
        "The Taliban rejected the claims and said the shadow governor was alive.",
        SUNDAY,
    )
    (report,) = reports_of(builder, article)
    assert report.killed == (5, 5, 5)
    assert report.denied_by == "Taliban"
    assert report.denied_count == 1
    assert not report.denies_all


def test_claim_attaches_to_the_incident(builder: Builder) -> None:
    article = Article(
        "clm-1",
        "A suicide bomber killed eight worshippers at a mosque in Jalalabad on Friday.\n\n"
        "Islamic State claimed responsibility for the attack.",
        SUNDAY,
    )
    (report,) = reports_of(builder, article)
    assert report.claimed_by == "Islamic State Khorasan Province"
    assert report.actor1 == "Islamic State Khorasan Province"
    assert report.sub_event_type == "Suicide bomb"


def test_article_without_violence_gives_no_report(builder: Builder) -> None:
    article = Article("none-1", "The governor opened a new school in Mazar-i-Sharif on Sunday.", SUNDAY)
    assert reports_of(builder, article) == []
    assert builder.stats.articles_without_incident == 1


def test_development_is_its_own_report(builder: Builder) -> None:
    article = Article(
        "dev-1",
        "Gunmen shot dead two teachers in Ghazni city on Saturday.\n\n"
        "Separately, the Taliban announced a three-day ceasefire for the Eid holiday.",
        SUNDAY,
    )
    reports = reports_of(builder, article)
    assert sorted(r.development for r in reports) == [False, True]
    (violent,) = [r for r in reports if not r.development]
    assert violent.killed == (2, 2, 2)


# ----------------------------------------------------------------------------------------------- across articles
def test_two_articles_on_one_incident_merge(builder: Builder) -> None:
    (incident,) = merge_reports(reports_of(builder, HELMAND_A, HELMAND_B))
    assert incident.article_ids == ["hel-a", "hel-b"]
    assert sorted(r.killed for r in incident.reports if r.killed) == [(7, 7, 7), (9, 9, 9)]


def test_other_district_is_another_incident(builder: Builder) -> None:
    incidents = merge_reports(reports_of(builder, HELMAND_A, FARAH))
    assert sorted(i.article_ids[0] for i in incidents) == ["far-1", "hel-a"]


def test_other_date_is_another_incident(builder: Builder) -> None:
    incidents = merge_reports(reports_of(builder, HELMAND_A, LOGAR_LATER))
    assert len(incidents) == 2


def test_merge_does_not_depend_on_input_order(builder: Builder) -> None:
    reports = reports_of(builder, HELMAND_A, HELMAND_B, FARAH, SUMMARY_LEAD)
    expected = sorted((i.incident_id, tuple(i.article_ids)) for i in merge_reports(reports))
    for order in itertools.permutations(reports):
        got = sorted((i.incident_id, tuple(i.article_ids)) for i in merge_reports(order))
        assert got == expected


def test_incident_id_is_stable_and_depends_on_the_reports(builder: Builder) -> None:
    first = merge_reports(reports_of(builder, HELMAND_A))[0].incident_id
    again = merge_reports(reports_of(builder, HELMAND_A))[0].incident_id
    other = merge_reports(reports_of(builder, FARAH))[0].incident_id
    assert first == again
    assert first != other
    assert first.startswith("AFG-")


def test_merge_of_nothing() -> None:
    assert merge_reports([]) == []


def test_incident_article_ids_are_distinct_and_sorted(builder: Builder) -> None:
    reports = reports_of(builder, HELMAND_B, HELMAND_A)
    incident = Incident(reports)
    assert incident.article_ids == ["hel-a", "hel-b"]


def test_different_days_and_victims_are_different_incidents(builder: Builder) -> None:
    raid = Article(
        "raid-1",
        "Afghan commandos killed seven insurgents in a raid in Nad-e Ali district of Helmand province on Sunday.",
        MONDAY,
    )
    incidents = merge_reports(reports_of(builder, HELMAND_A, raid))
    assert sorted(i.article_ids[0] for i in incidents) == ["hel-a", "raid-1"]


def test_last_month_is_background(builder: Builder) -> None:
    article = Article(
        "bg-month",
        "A roadside bomb killed three policemen in Nad-e Ali district of Helmand on Saturday.\n\n"
        "Last month a similar bomb killed two soldiers in Garmsir district.",
        SUNDAY,
    )
    assert [r.place.admin2_pcode if r.place else None for r in reports_of(builder, article)] == ["AF3002"]


def test_bodies_counted_later_are_the_same_incident(builder: Builder) -> None:
    # the counting is dated, not the killing: one incident, dated by the strike
    article = Article(
        "bodies",
        "Coalition aircraft bombed Taliban positions in Shah Wali Kot district of Kandahar on Saturday, killing "
        "nine insurgents, the governor's office said on Sunday.\n\n"
        '"We recovered nine bodies this morning," a local commander told reporters.\n\n'
        "A spokesman for the coalition at Bagram air base, north of Kabul, confirmed that coalition aircraft had "
        'attacked "enemy positions" in Kandahar but gave no casualty figures.',
        SUNDAY,
    )
    reports = reports_of(builder, article)
    assert [(r.place.admin2_pcode if r.place else None, killed_best(r)) for r in reports] == [("AF2706", 9)]
    assert reports[0].date_start == date(2019, 9, 14)


def test_last_week_elsewhere_without_a_toll_is_background(builder: Builder) -> None:
    article = Article(
        "bg-week",
        "A car bomb killed four policemen outside the governor's compound in Lashkar Gah on Saturday.\n\n"
        "Last week Taliban fighters captured the district centre of Musa Qala in neighbouring Helmand before "
        "troops retook it.\n\n"
        "On Friday, insurgents attacked a checkpoint in Garmsir district, officials said.",
        SUNDAY,
    )
    got = sorted(
        (r.place.admin2_pcode if r.place else None, killed_best(r)) for r in reports_of(builder, article)
    )
    # Garmsir: dated to a day, another incident (no toll); Musa Qala "last week": background
    assert got == [("AF3001", 4), ("AF3006", None)]


def test_an_event_told_as_the_one_before_is_no_incident(builder: Builder) -> None:
    article = Article(
        "bg-that",
        "The Taliban government announced on Sunday that it would reopen girls' primary schools in Herat.\n\n"
        "The announcement comes weeks after a bomb killed nine pupils at a school in Herat city.\n\n"
        "The Islamic State group said it carried out that attack.",
        SUNDAY,
    )
    assert [r for r in reports_of(builder, article) if not r.development] == []


def test_a_claimant_replaces_unidentified_gunmen(builder: Builder) -> None:
    article = Article(
        "claimed-gunmen",
        "Gunmen shot dead the district governor of Chak in Maidan Shahr on Saturday, officials said.\n\n"
        "A Taliban spokesman said the group's fighters had killed him.",
        SUNDAY,
    )
    (r,) = reports_of(builder, article)
    assert (r.actor1, r.actor2, r.claimed_by) == ("Taliban", "Civilians", "Taliban")
    assert r.place is not None and r.place.admin2_pcode == "AF0401"


def test_a_toll_given_by_a_later_morning_updates_the_count(builder: Builder) -> None:
    article = Article(
        "toll-by",
        "A bomb exploded in a market in Jalalabad on Saturday, killing at least four people, officials said.\n\n"
        "By Sunday morning the health department said nine people had died and 20 were being treated.",
        SUNDAY,
    )
    (r,) = reports_of(builder, article)
    assert (r.killed, r.date_start) == ((9, 9, 9), date(2019, 9, 14))


def test_dead_said_to_be_civilians_are_a_disputed_range(builder: Builder) -> None:
    from incidents.build import build_dataset

    article = Article(
        "identity",
        "Afghan commandos killed nine Taliban fighters in a raid in Chak district of Wardak on Saturday, the "
        "ministry said, but villagers said the dead were civilians.\n\n"
        "Villagers said the soldiers killed eight men from one family.",
        SUNDAY,
    )
    (r,) = reports_of(builder, article)
    assert r.killed == (8, 9, 9)
    row = build_dataset([article]).iloc[0]
    assert (row["claim_status"], row["deaths_low"], row["deaths_best"]) == ("disputed", 8, 9)


def test_a_report_without_a_toll_does_not_lower_the_merged_toll() -> None:
    from incidents.build import build_dataset

    told = Article(
        "toll-told",
        "Taliban fighters killed seven policemen at a checkpoint in Nad-e Ali district on Saturday.",
        SUNDAY,
    )
    untold = Article(
        "toll-untold",
        "Taliban fighters attacked a police checkpoint in Nad-e Ali district of Helmand on Saturday.",
        MONDAY,
    )
    (row,) = build_dataset([told, untold]).to_dict("records")
    assert sorted(row["article_ids"]) == ["toll-told", "toll-untold"]
    assert (row["deaths_low"], row["deaths_best"], row["deaths_high"]) == (7, 7, 7)


def test_an_earthquake_and_what_is_told_after_give_no_report(builder: Builder) -> None:
    article = Article(
        "quake",
        "An earthquake on Tuesday killed at least 14 people in Nahrin district of Baghlan, officials said.\n\n"
        "The ministry said 14 people had died and more than 60 had been injured when roofs collapsed.",
        SUNDAY,
    )
    assert reports_of(builder, article) == []


def test_an_outright_denial_of_the_event_denies_it_all() -> None:
    from incidents.build import build_dataset

    article = Article(
        "no-attack",
        "The National Resistance Front said its fighters had killed seven Taliban fighters in an attack in Paryan "
        "district of Panjshir on Saturday, and that several were wounded.\n\n"
        "A Taliban spokesman said there had been no attack in Paryan or anywhere else in the province.",
        date(2022, 7, 11),
    )
    (row,) = build_dataset([article]).to_dict("records")
    assert (row["claim_status"], row["deaths_low"], row["deaths_best"]) == ("denied", 0, 7)


def test_an_officials_blame_names_who_acted(builder: Builder) -> None:
    article = Article(
        "blamed",
        "A roadside bomb killed four policemen and a civilian in Gelan district of Ghazni on Saturday, said the "
        "police chief.\n\nHe blamed the Taliban. The insurgents did not comment.\n\n"
        "Attacks on security forces across the country have killed dozens of people this month.",
        SUNDAY,
    )
    (r,) = reports_of(builder, article)
    assert (r.actor1, r.killed) == ("Taliban", (5, 5, 5))


def test_no_fighters_said_of_dead_civilians_disputes_nothing(builder: Builder) -> None:
    from incidents.build import build_dataset

    article = Article(
        "no-fighters",
        "Pakistani aircraft bombed houses in Tere Zayi district of Khost on Saturday, killing seven civilians.\n\n"
        '"We are poor people. There were no fighters here," a farmer said.',
        SUNDAY,
    )
    (row,) = build_dataset([article]).to_dict("records")
    assert (row["claim_status"], row["deaths_best"]) == ("reported", 7)


def test_shells_in_an_exchange_of_fire_are_part_of_the_battle(builder: Builder) -> None:
    article = Article(
        "border",
        "Afghan and Pakistani border forces exchanged heavy fire near the Dand-e Patan crossing in Paktia on "
        "Saturday, leaving two soldiers dead.\n\n"
        "Pakistani mortar rounds that landed in a village near the crossing wounded a woman, an official said.",
        date(2024, 10, 20),
    )
    (r,) = reports_of(builder, article)
    assert (r.sub_event_type, r.killed) == ("Armed clash", (2, 2, 2))


def test_several_of_a_side_no_figure_counts_are_added(builder: Builder) -> None:
    article = Article(
        "several-other-side",
        "Taliban fighters ambushed an army patrol in Nad-e Ali district of Helmand on Saturday, killing three "
        "soldiers.\n\nSeveral insurgents were killed in the firefight that followed, officials said.",
        SUNDAY,
    )
    (r,) = reports_of(builder, article)
    assert r.killed is not None and r.killed[1] == 6  # 3 soldiers + "several" (3, ACLED's reading)
    assert r.killed_by_side == {"Military Forces of Afghanistan": 3, "Taliban": 3}


def test_a_sideless_higher_count_and_a_lower_sided_one_make_a_range(builder: Builder) -> None:
    article = Article(
        "two-counts",
        "A suicide bomber killed nine worshippers at a mosque in Mazar-i-Sharif on Friday, police said.\n\n"
        "A doctor said the hospital had received at least 17 bodies.",
        date(2023, 11, 11),
    )
    (r,) = reports_of(builder, article)
    assert r.killed == (9, 17, 17)


def test_dozens_of_the_other_side_add_no_figure(builder: Builder) -> None:
    article = Article(
        "dozens-other-side",
        "Taliban fighters captured the centre of Dawlatabad district of Faryab on Saturday, killing at least five "
        "members of the security forces.\n\nThe ministry said dozens of Taliban had been killed in the fighting.",
        SUNDAY,
    )
    (r,) = reports_of(builder, article)
    assert r.killed is not None and r.killed[1] == 5


def test_a_later_article_that_updates_the_toll_sets_it() -> None:
    from incidents.build import build_dataset

    flash = Article(
        "flash",
        "A roadside bomb struck a minibus in Maywand district of Kandahar on Tuesday, killing at least four "
        "passengers.",
        date(2013, 7, 2),
    )
    update = Article(
        "update",
        "The number of passengers killed when a roadside bomb struck their minibus in Maywand district of "
        "Kandahar on Tuesday has risen to seven, officials said.",
        date(2013, 7, 3),
    )
    for articles in ([flash, update], [update, flash]):
        (row,) = build_dataset(articles).to_dict("records")
        assert (row["deaths_low"], row["deaths_best"], row["deaths_high"]) == (7, 7, 7)


def test_a_deniers_own_count_is_the_low_figure() -> None:
    from incidents.build import build_dataset

    article = Article(
        "claim-rejected",
        "The ministry on Tuesday rejected a Taliban claim that insurgents had killed 18 soldiers at an outpost in "
        "Pashtun Kot district of Faryab on Sunday night.\n\n"
        '"Five of our soldiers were martyred and the outpost never fell," a ministry spokesman said.',
        date(2018, 5, 22),
    )
    (row,) = build_dataset([article]).to_dict("records")
    assert (row["deaths_low"], row["deaths_best"], row["claim_status"]) == (5, 18, "disputed")
    assert str(row["event_date"])[:10] == "2018-05-20"


# ----------------------------------------------------------------------------------------------- review findings
@pytest.mark.parametrize(
    "text",
    [
        "A suicide bombing that killed 12 worshippers at a mosque in Lashkar Gah came just hours after "
        "the president left the city, officials said.",
        "Gunmen who came to the village after dark shot dead four members of a family in Nad-e Ali district of "
        "Helmand province, police said.",
        "Five soldiers were killed when Taliban fighters attacked a checkpoint in Nad-e Ali district, "
        "which has seen heavy fighting in recent weeks, officials said.",
        "A suicide bomber killed 40 people at a wedding hall in Kabul, the deadliest attack in the capital "
        "in the past two years, officials said.",
        "An airstrike killed 12 civilians in Nad-e Ali district of Helmand on Saturday.\n\n"
        "The deaths of the 12 civilians caused a storm of anger across the province.",
    ],
)
def test_leads_with_words_of_background_or_weather_still_report(builder: Builder, text: str) -> None:
    reports = reports_of(builder, Article("lead", text, SUNDAY))
    assert len(reports) == 1
    assert killed_best(reports[0]) in (4, 5, 12, 40)


@pytest.mark.parametrize(
    "follow_up",
    [
        "Police said they were holding two suspects.",
        "Officials said a three-day ceasefire between the Taliban and government forces was holding elsewhere.",
        "Police said their men had taken the wounded to hospital.",
    ],
)
def test_police_statements_are_no_claims(builder: Builder, follow_up: str) -> None:
    article = Article(
        "not-claims",
        "A bomb exploded at a market in Lashkar Gah on Saturday, killing five people.\n\n" + follow_up,
        SUNDAY,
    )
    (r,) = [r for r in reports_of(builder, article) if not r.development]
    assert r.claimed_by is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "A roadside bomb on Thursday claimed the lives of five soldiers in Nad-e Ali district of Helmand.",
            12,
        ),
        (
            "Police recovered the bodies of five men shot dead by gunmen in Nad-e Ali district of Helmand on Thursday.",
            12,
        ),
    ],
)
def test_claimed_the_lives_and_bodies_recovered_keep_the_event_day(
    builder: Builder, text: str, day: int
) -> None:
    (r,) = reports_of(builder, Article("day", text, SUNDAY))
    assert r.date_start == date(2019, 9, day)


def test_bodies_taken_to_hospital_are_not_wounded(builder: Builder) -> None:
    article = Article(
        "bodies-hospital",
        "A roadside bomb killed five soldiers in Nad-e Ali district of Helmand on Saturday.\n\n"
        "The bodies of the five soldiers were taken to a hospital in Lashkar Gah.",
        SUNDAY,
    )
    (r,) = reports_of(builder, article)
    assert (r.killed, r.wounded) == ((5, 5, 5), None)


@pytest.mark.parametrize(
    ("text", "actor1", "sub_event"),
    [
        (
            "In Nad-e Ali district on Saturday, the army pounded Taliban hideouts with artillery, killing 15 insurgents.",
            "Military Forces of Afghanistan",
            "Shelling/artillery/missile attack",
        ),
        (
            "A makeshift bomb exploded in a crowded market in Lashkar Gah on Saturday, killing five people.",
            "Unidentified Armed Group (Afghanistan)",
            "Remote explosive/landmine/IED",
        ),
    ],
)
def test_the_army_acts_and_a_makeshift_bomb_is_a_bomb(
    builder: Builder, text: str, actor1: str, sub_event: str
) -> None:
    (r,) = reports_of(builder, Article("army", text, SUNDAY))
    assert (r.actor1, r.sub_event_type) == (actor1, sub_event)


def test_a_day_last_year_is_background(builder: Builder) -> None:
    article = Article(
        "last-year",
        "Thousands gathered in Bazarak on Sunday to mark the anniversary of the commander's death.\n\n"
        "He was killed on Sept. 9 last year in Khwaja Bahauddin by two suicide bombers posing as journalists.",
        date(2002, 9, 10),
    )
    assert [r for r in reports_of(builder, article) if not r.development] == []

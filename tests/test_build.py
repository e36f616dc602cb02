"""Tests for incidents.build: small articles in, the rows of the dataset out."""

from __future__ import annotations

import gc
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest

from gazetteer import Gazetteer
from incidents.build import (
    Builder,
    DatasetTally,
    _best_place,
    _best_place_key,
    _sorted,
    build_dataset,
    province_totals,
)
from incidents.extract import Mention
from incidents.ingest import Article, read_articles
from incidents.merge import Report, ReportKey, merge_reports
from incidents.places import ResolvedPlace
from incidents.schema import COLUMNS, coerce_dataset, validate_dataset

SUNDAY = date(2019, 9, 15)
MONDAY = date(2019, 9, 16)

SUMMARY_LEAD = Article(
    "ops-1",
    "Afghan forces killed 12 Taliban fighters in operations in two provinces, officials said on Monday.\n\n"
    "In Sangin district of Helmand province, seven insurgents were killed in a raid on Sunday.\n\n"
    "In a separate operation in Anar Dara district of Farah province, five militants were killed.",
    MONDAY,
    outlet="Wire",
)
DENIED = Article(
    "den-1",
    "The Taliban shadow governor of Zabul was killed along with four fighters in an air strike in Shahjoy "
    "district on Saturday, the defence ministry said.\n\n"
    "The Taliban rejected the claims and said the shadow governor was alive.",
    SUNDAY,
    outlet="Wire",
)
CLAIMED = Article(
    "clm-1",
    "A suicide bomber killed eight worshippers at a mosque in Jalalabad on Friday.\n\n"
    "Islamic State claimed responsibility for the attack.",
    SUNDAY,
)
HELMAND_A = Article(
    "hel-a",
    "Taliban fighters killed seven policemen in an attack on checkpoints in Nad-e Ali district of Helmand "
    "province on Saturday.",
    SUNDAY,
    outlet="Agency One",
)
HELMAND_B = Article(
    "hel-b",
    "Nine policemen were killed when Taliban insurgents attacked checkpoints in Nad-e Ali district of Helmand "
    "on Saturday, officials said.",
    MONDAY,
    outlet="Agency Two",
)
UNDATED = Article(
    "und-1",
    "Taliban fighters killed four soldiers in an attack on a checkpoint in Kunduz province.",
    None,
)
CEASEFIRE = Article(
    "cf-1",
    "The Taliban announced a three-day ceasefire for the Eid holiday on Saturday.",
    date(2018, 6, 10),
)
ROADSIDE = Article(
    "ied-1",
    "A roadside bomb struck a minibus in Logar province on Friday, killing four civilians and wounding six.",
    SUNDAY,
)
ALL = [SUMMARY_LEAD, DENIED, CLAIMED, HELMAND_A, HELMAND_B, UNDATED, CEASEFIRE, ROADSIDE]


@pytest.fixture(scope="module")
def dataset(make_builder: Any) -> gpd.GeoDataFrame:
    """The dataset of all the articles above, built once for the module."""
    return make_builder().build(ALL)


def rows_of(frame: gpd.GeoDataFrame, article_id: str) -> pd.DataFrame:
    rows: pd.DataFrame = frame[frame["article_ids"].map(lambda ids: article_id in list(ids))]
    return rows


def one_row(frame: gpd.GeoDataFrame, article_id: str) -> pd.Series:
    rows = rows_of(frame, article_id)
    assert len(rows) == 1, rows[["admin2_pcode", "deaths_best", "sub_event_type"]]
    return rows.iloc[0]


# ----------------------------------------------------------------------------------------------- the frame
def test_frame_passes_the_schema(dataset: gpd.GeoDataFrame) -> None:
    validated = validate_dataset(dataset)
    assert list(validated.columns) == list(COLUMNS)
    assert dataset.crs.to_epsg() == 4326
    assert dataset["incident_id"].is_unique


def test_every_evidence_span_is_the_article_text(dataset: gpd.GeoDataFrame) -> None:
    texts = {a.id: a.text for a in ALL}
    checked = 0
    for evidence, ids in zip(dataset["evidence"], dataset["article_ids"], strict=True):
        spans = json.loads(evidence)
        assert spans
        for span in spans:
            assert span["article_id"] in list(ids)
            assert texts[span["article_id"]][span["start"] : span["end"]] == span["text"]
            checked += 1
    assert checked >= len(dataset)


def test_every_article_is_behind_some_row(dataset: gpd.GeoDataFrame) -> None:
    cited = {a for ids in dataset["article_ids"] for a in ids}
    assert cited == {a.id for a in ALL}


# ----------------------------------------------------------------------------------------------- rows
def test_summary_lead_gives_only_the_placed_rows(dataset: gpd.GeoDataFrame) -> None:
    rows = rows_of(dataset, "ops-1")
    assert sorted(zip(rows["admin2_pcode"], rows["deaths_best"], strict=True)) == [
        ("AF3008", 7),
        ("AF3307", 5),
    ]
    assert set(rows["actor2"]) == {"Taliban"}
    assert rows["deaths_best"].sum() == 12


def test_denial_makes_the_row_disputed(dataset: gpd.GeoDataFrame) -> None:
    row = one_row(dataset, "den-1")
    assert row["claim_status"] == "disputed"
    assert row["deaths_low"] < row["deaths_best"]
    assert (row["deaths_low"], row["deaths_best"], row["deaths_high"]) == (4, 5, 5)
    assert row["fatalities"] == 4
    assert row["admin2_pcode"] == "AF2606"
    assert row["sub_event_type"] == "Air/drone strike"
    assert "Taliban" in row["notes"]


def test_denied_had_been_killed_lowers_the_low_figure(builder: Builder) -> None:
    article = Article(
        "den-3",
        "The Taliban shadow governor of Zabul was killed along with four fighters in an air strike in Shahjoy "
        "district on Saturday, the defence ministry said.\n\n"
        "The Taliban denied the shadow governor had been killed.",
        SUNDAY,
    )
    row = one_row(builder.build([article]), "den-3")
    assert row["claim_status"] == "disputed"
    assert (row["deaths_low"], row["deaths_best"], row["deaths_high"]) == (4, 5, 5)


def test_nobody_killed_beside_the_wounded_denies_nothing(builder: Builder) -> None:
    article = Article(
        "wnd-9",
        "Mortar rounds fired from across the border wounded four civilians in Sarkano district of Kunar on "
        "Saturday, officials said. Nobody was killed.",
        SUNDAY,
    )
    row = one_row(builder.build([article]), "wnd-9")
    assert row["claim_status"] == "reported"
    assert (row["deaths_best"], row["injured_best"]) == (0, 4)


def test_a_denier_who_admits_a_wounded_guard_disputes_the_deaths(builder: Builder) -> None:
    article = Article(
        "den-9",
        "The Afghanistan Freedom Front said its fighters attacked a checkpoint in Salang district of Parwan on "
        "Saturday and killed four Taliban soldiers.\n\n"
        "Taliban officials rejected that account, saying one guard was wounded and nobody was killed.",
        SUNDAY,
    )
    row = one_row(builder.build([article]), "den-9")
    assert row["claim_status"] == "disputed"
    assert (row["deaths_low"], row["deaths_high"]) == (0, 4)


def test_a_denial_of_the_whole_claim_is_denied(builder: Builder) -> None:
    article = Article(
        "den-10",
        "The Afghanistan Freedom Front said its fighters killed five Taliban soldiers in an attack in Salang "
        "district of Parwan on Saturday.\n\nA Taliban spokesman denied the claim and said nobody was killed.",
        SUNDAY,
    )
    row = one_row(builder.build([article]), "den-10")
    assert row["claim_status"] == "denied"
    assert row["deaths_low"] == 0


def test_claimed_attack(dataset: gpd.GeoDataFrame) -> None:
    row = one_row(dataset, "clm-1")
    assert row["claim_status"] == "claimed"
    assert row["actor1"] == "Islamic State Khorasan Province"
    assert row["actor2"] == "Civilians"
    assert (row["event_type"], row["sub_event_type"]) == ("Explosions/Remote violence", "Suicide bomb")
    assert row["deaths_best"] == 8
    assert row["type_of_violence"] == 3
    assert row["interaction"] == 27
    assert (row["admin1_pcode"], row["admin2_pcode"]) == ("AF06", "AF0601")
    assert row["event_date"] == pd.Timestamp("2019-09-13")


def test_two_reports_of_one_incident_are_one_row(dataset: gpd.GeoDataFrame) -> None:
    row = one_row(dataset, "hel-a")
    assert list(row["article_ids"]) == ["hel-a", "hel-b"]
    assert row["number_of_sources"] == 2
    assert (row["deaths_low"], row["deaths_high"]) == (7, 9)
    assert row["fatalities"] == 7
    assert row["admin2_pcode"] == "AF3002"
    assert row["event_date"] == pd.Timestamp("2019-09-14")
    assert row["source"] == "Agency One; Agency Two"
    assert (row["actor1"], row["actor2"], row["interaction"]) == (
        "Taliban",
        "Police Forces of Afghanistan",
        12,
    )
    assert {e["article_id"] for e in json.loads(row["evidence"])} == {"hel-a", "hel-b"}


def test_undated_article_gives_undated_incident(dataset: gpd.GeoDataFrame) -> None:
    row = one_row(dataset, "und-1")
    assert pd.isna(row["event_date"])
    assert pd.isna(row["date_start"])
    assert pd.isna(row["date_end"])
    assert pd.isna(row["time_precision"])
    assert row["deaths_best"] == 4
    assert row["admin1_pcode"] == "AF19"


def test_ceasefire_is_a_strategic_development(dataset: gpd.GeoDataFrame) -> None:
    row = one_row(dataset, "cf-1")
    assert row["disorder_type"] == "Strategic developments"
    assert row["event_type"] == "Strategic developments"
    assert row["sub_event_type"] == "Agreement"
    assert row["deaths_best"] == 0
    assert pd.isna(row["type_of_violence"])
    assert row["event_date"] == pd.Timestamp("2018-06-09")


def test_roadside_bomb_against_civilians(dataset: gpd.GeoDataFrame) -> None:
    row = one_row(dataset, "ied-1")
    assert row["sub_event_type"] == "Remote explosive/landmine/IED"
    assert row["deaths_best"] == 4
    assert row["injured_best"] == 6
    assert row["deaths_civilians"] == 4
    assert row["admin1_pcode"] == "AF05"
    assert pd.isna(row["admin2_pcode"])
    assert row["geo_precision"] == 3
    assert row["event_date"] == pd.Timestamp("2019-09-13")


def test_a_date_range_is_never_exact_day_precision(dataset: gpd.GeoDataFrame) -> None:
    ranged = dataset[dataset["date_start"] != dataset["date_end"]].dropna(subset=["date_start"])
    assert (ranged["time_precision"] >= 2).all()


def test_merged_reports_on_two_days_are_not_exact(builder: Builder) -> None:
    night = Article(
        "kz-a",
        "Taliban insurgents stormed a police checkpoint in Khan Abad district of Kunduz province on Saturday "
        "night, killing five policemen.",
        SUNDAY,
    )
    morning = Article(
        "kz-b",
        "Five policemen were killed when Taliban insurgents stormed a checkpoint in Khan Abad district of "
        "Kunduz early on Sunday.",
        MONDAY,
    )
    frame = builder.build([night, morning])
    row = one_row(frame, "kz-a")
    assert list(row["article_ids"]) == ["kz-a", "kz-b"]
    assert (row["date_start"], row["date_end"]) == (pd.Timestamp("2019-09-14"), pd.Timestamp("2019-09-15"))
    assert row["time_precision"] >= 2


def test_rows_are_sorted_by_date_then_place(dataset: gpd.GeoDataFrame) -> None:
    dated = dataset["event_date"].dropna()
    assert dated.is_monotonic_increasing
    # undated rows come last
    assert dataset["event_date"].isna().iloc[len(dated) :].all()


# ----------------------------------------------------------------------------------------------- determinism
def test_input_order_does_not_change_the_frame(make_builder: Any, dataset: gpd.GeoDataFrame) -> None:
    shuffled = ALL[:]
    random.Random(7).shuffle(shuffled)
    assert shuffled != ALL
    again = make_builder().build(shuffled)
    assert list(again["incident_id"]) == list(dataset["incident_id"])
    pd.testing.assert_frame_equal(pd.DataFrame(again), pd.DataFrame(dataset))


def test_reversed_input_gives_the_same_ids(make_builder: Any, dataset: gpd.GeoDataFrame) -> None:
    again = make_builder().build(list(reversed(ALL)))
    assert sorted(again["incident_id"]) == sorted(dataset["incident_id"])


def test_no_articles_gives_an_empty_valid_frame(builder: Builder) -> None:
    frame = builder.build([])
    assert len(frame) == 0
    assert list(frame.columns) == list(COLUMNS)


# ----------------------------------------------------------------------------------------------- extending
def test_existing_dataset_takes_a_new_report_of_its_incident(builder: Builder, make_builder: Any) -> None:
    first = builder.build([HELMAND_A, ROADSIDE])
    second_builder = make_builder()
    extended = second_builder.build([HELMAND_B, HELMAND_A], existing=first)
    assert len(extended) == 2
    row = one_row(extended, "hel-b")
    assert list(row["article_ids"]) == ["hel-a", "hel-b"]
    assert row["number_of_sources"] == 2
    assert (row["deaths_low"], row["deaths_high"]) == (7, 9)
    assert second_builder.stats.articles_skipped_existing == 1
    assert second_builder.stats.incidents_merged_into_existing == 1
    validate_dataset(extended)


def test_stats_count_what_happened(builder: Builder) -> None:
    quiet = Article("q-1", "The governor opened a new school in Mazar-i-Sharif on Sunday.", SUNDAY)
    builder.build([HELMAND_A, quiet])
    assert builder.stats.articles_read == 2
    assert builder.stats.articles_without_incident == 1
    assert builder.stats.incidents_new == 1


# ----------------------------------------------------------------------------------------------- places in context
def test_ambiguous_district_settled_by_a_province_in_another_sentence(builder: Builder) -> None:
    article = Article(
        "qb-1",
        "Fighting has intensified across Ghazni province in recent days.\n\n"
        "Taliban fighters attacked a checkpoint in Qara Bagh district on Saturday, killing four soldiers.",
        SUNDAY,
    )
    row = one_row(builder.build([article]), "qb-1")
    assert (row["admin1_pcode"], row["admin2_pcode"]) == ("AF11", "AF1111")


def test_peshawar_is_not_a_place_in_afghanistan(builder: Builder) -> None:
    article = Article(
        "pes-1",
        "The wounded were taken to Peshawar after a blast killed 3 people in Nangarhar on Friday.",
        SUNDAY,
    )
    row = one_row(builder.build([article]), "pes-1")
    assert row["admin1_pcode"] == "AF06"
    assert row["location_text"] != "Peshawar"


def test_dateline_is_not_the_event_place(builder: Builder) -> None:
    article = Article(
        "dl-1",
        "KABUL, Sept 15 (Wire) - Taliban fighters killed four soldiers in an attack on a checkpoint on Saturday, "
        "officials said.",
        SUNDAY,
    )
    row = one_row(builder.build([article]), "dl-1")
    assert row["deaths_best"] == 4
    assert pd.isna(row["admin1_pcode"])


def test_planned_operations_are_not_an_incident(builder: Builder) -> None:
    article = Article(
        "plan-1",
        "Senior security officials in Kabul said joint operations will be launched against Taliban fighters "
        "to prevent attacks ahead of the presidential election on Sept. 28.",
        SUNDAY,
    )
    assert len(builder.build([article])) == 0


def test_denial_of_one_of_several_deaths(builder: Builder) -> None:
    article = Article(
        "den-2",
        "An air strike killed a Taliban commander and three fighters in Achin district of Nangarhar province "
        "on Saturday, the defence ministry said.\n\n"
        "The Taliban denied the commander had been killed.",
        SUNDAY,
    )
    row = one_row(builder.build([article]), "den-2")
    assert row["claim_status"] == "disputed"
    assert (row["deaths_low"], row["deaths_best"], row["deaths_high"]) == (3, 4, 4)


# ----------------------------------------------------------------------------------------------- the function
def test_build_dataset_function(gazetteer: Gazetteer) -> None:
    frame = build_dataset([HELMAND_A, HELMAND_B], gazetteer=gazetteer)
    assert len(frame) == 1
    assert frame.iloc[0]["number_of_sources"] == 2
    validate_dataset(frame)


def test_two_sources_counts_of_one_side_make_a_range(builder: Builder) -> None:
    article = Article(
        "rng-1",
        "Taliban fighters stormed an army base in Sayad district of Sar-e Pul on Saturday, killing six soldiers, "
        "the defence ministry said, while the insurgents claimed to have killed 25 troops.\n\n"
        "In a statement, the Taliban said its fighters had killed 25 soldiers and seized the base.",
        SUNDAY,
    )
    row = one_row(builder.build([article]), "rng-1")
    assert (row["deaths_low"], row["deaths_best"], row["deaths_high"]) == (6, 25, 25)


def test_a_bystander_denying_involvement_leaves_the_row_reported(builder: Builder) -> None:
    article = Article(
        "inv-1",
        "Unknown gunmen shot dead a former army officer outside his home in Injil district of Herat on Saturday."
        "\n\nA Taliban spokesman denied that their forces had any role in the killing.",
        date(2022, 10, 2),
    )
    row = one_row(builder.build([article]), "inv-1")
    assert row["claim_status"] == "reported"
    assert row["actor2"] == "Civilians"


def test_defenders_who_lost_nobody_dispute_nothing(builder: Builder) -> None:
    article = Article(
        "own-1",
        "Police repulsed a Taliban attack on the centre of Kijran district of Daykundi on Saturday, killing seven "
        'of the attackers.\n\n"Our forces suffered no casualties," the police chief said.',
        SUNDAY,
    )
    row = one_row(builder.build([article]), "own-1")
    assert row["claim_status"] == "reported"
    assert (row["deaths_low"], row["deaths_best"]) == (7, 7)
    assert (row["actor1"], row["actor2"]) == ("Taliban", "Police Forces of Afghanistan")


def test_a_named_official_rejecting_a_claim_disputes_it(builder: Builder) -> None:
    article = Article(
        "rej-1",
        "The Taliban said their fighters had killed 15 policemen in an attack on Barg-e Matal district centre in "
        "Nuristan on Saturday.\n\nThe district police chief, Ahmad Nuristani, rejected the claim.",
        SUNDAY,
    )
    row = one_row(builder.build([article]), "rej-1")
    assert row["claim_status"] == "disputed"
    assert row["deaths_best"] == 15


# ----------------------------------------------------------------------------------------------- staging
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def reference_frame(builder: Builder, articles: list[Article]) -> gpd.GeoDataFrame:
    """The dataset made the way it was before staging: every report in memory, merged, rows, frame, sorted."""
    incidents = merge_reports(builder.reports(articles))
    frame = coerce_dataset([builder.row(inc) for inc in incidents])
    return validate_dataset(_sorted(frame))


def example_articles() -> list[Article]:
    articles, rejects = read_articles(EXAMPLES)
    assert articles and not rejects
    return articles


@pytest.mark.parametrize("source", ["module", "examples"])
def test_staged_build_gives_the_rows_of_the_in_memory_path(make_builder: Any, source: str) -> None:
    articles = ALL if source == "module" else example_articles()
    expected = reference_frame(make_builder(), articles)
    got = make_builder().build(articles)
    assert len(got) == len(expected) > 0
    pd.testing.assert_frame_equal(pd.DataFrame(got), pd.DataFrame(expected))


def test_chunks_put_together_are_the_frame(make_builder: Any) -> None:
    articles = example_articles()
    whole = make_builder().build(articles)
    with make_builder().stage(articles) as staged:
        assert len(staged) == len(whole)
        chunks = list(staged.chunks(size=4))
        bounds = staged.bounds
    assert [len(c) for c in chunks] == [4] * (len(whole) // 4) + ([len(whole) % 4] if len(whole) % 4 else [])
    for chunk in chunks:
        validate_dataset(chunk)
    joined = gpd.GeoDataFrame(pd.concat(chunks, ignore_index=True), geometry="geometry", crs=whole.crs)
    pd.testing.assert_frame_equal(pd.DataFrame(validate_dataset(joined)), pd.DataFrame(whole))
    # the bounds are known before any row is made, and are those of the rows' points
    assert bounds == tuple(float(v) for v in whole.geometry.total_bounds)


def test_staged_bounds_without_any_place(builder: Builder) -> None:
    with builder.stage([CEASEFIRE]) as staged:
        assert len(staged) == 1
        assert staged.bounds is None


def test_no_report_stays_in_memory_once_staged(builder: Builder) -> None:
    def live_reports() -> int:
        gc.collect()
        return sum(isinstance(o, Report) for o in gc.get_objects())

    before = live_reports()
    with builder.stage(ALL) as staged:
        assert builder.stats.reports > 5
        # the reports are in the temporary file; memory holds their keys
        assert live_reports() == before
        assert staged.spilled_bytes > 0
        assert len(list(staged.rows())) == len(staged)


@pytest.mark.parametrize("where", ["reading articles", "making rows"])
def test_a_failed_build_deletes_the_reports_file(
    make_builder: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, temporary_files: list[Any]
) -> None:
    builder = make_builder()
    builder.spill_dir = tmp_path

    def articles() -> Iterator[Article]:
        yield HELMAND_A
        yield ROADSIDE
        if where == "reading articles":
            raise OSError("input went away")

    def failing_row(inc: Any) -> dict[str, Any]:
        raise OSError("row failed")

    if where == "making rows":
        monkeypatch.setattr(builder, "row", failing_row)
    with pytest.raises(OSError, match=r"went away|row failed"):
        builder.build(articles())
    assert len(temporary_files) == 1
    assert temporary_files[0].closed  # an anonymous temporary file is deleted when closed
    assert list(tmp_path.iterdir()) == []


def test_closed_staged_dataset_refuses_to_make_rows(builder: Builder) -> None:
    staged = builder.stage([HELMAND_A])
    staged.close()
    with pytest.raises(ValueError, match="closed"):
        list(staged.chunks())


def test_rows_that_disagree_with_the_plan_are_refused(
    builder: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = builder.row
    days = iter(range(1000))

    def later_rows_earlier(inc: Any) -> dict[str, Any]:
        out = row(inc)
        day = date(2030, 1, 1) - timedelta(days=next(days))
        out.update({"event_date": day, "date_start": day, "date_end": day})
        return out

    monkeypatch.setattr(builder, "row", later_rows_earlier)
    with pytest.raises(RuntimeError, match="differs from what the reports' keys planned"):
        builder.build([HELMAND_A, ROADSIDE, CLAIMED])


def test_tally_of_chunks_is_the_tally_of_the_whole(make_builder: Any, dataset: gpd.GeoDataFrame) -> None:
    tally = DatasetTally()
    with make_builder().stage(ALL) as staged:
        for _ in tally.counted(staged.chunks(size=2)):
            pass
    assert tally.incidents == len(dataset)
    assert tally.deaths == int(dataset["deaths_best"].fillna(0).sum())
    assert tally.wounded == int(dataset["injured_best"].fillna(0).sum())
    assert tally.top_provinces() == province_totals(dataset)
    assert tally.top_provinces(2) == province_totals(dataset, top=2)


def test_best_place_of_the_keys_is_the_rows_place() -> None:
    article = Article("bp-1", "", SUNDAY)

    def report(offset: int, level: str, score: float, lon: float) -> Report:
        mention = Mention("bp-1", 0, offset, offset + 1, "x", "event", None, (), (), (), None, None)
        place = ResolvedPlace(
            level,
            f"{level}-{lon}",
            "x",
            "Helmand",
            "AF30",
            "Nad-e Ali",
            "AF3004",
            31.6,
            lon,
            1,
            1,
            "exact",
            score,
            0,
            1,
        )
        return Report(article, [mention], place)

    ties = [
        report(0, "district", 0.99, 64.0),
        report(10, "town", 0.7, 64.1),
        report(
            20, "town", 0.9, 64.2
        ),  # the best: the most specific level, then the highest score, then the first
        report(30, "town", 0.9, 64.3),
        report(40, "province", 1.0, 64.4),
    ]
    for reports in (ties, ties[::-1], ties[1:2]):
        best = _best_place_key([ReportKey.of(r, i) for i, r in enumerate(reports)])
        assert best is not None
        assert reports[best.handle].place is _best_place(reports)
    assert _best_place_key([]) is None

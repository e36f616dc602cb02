"""Tests for incidents._numbers: reading casualty figures written in digits, words, ranges and vague words."""

from __future__ import annotations

import pytest

from incidents._numbers import Quantity, find_quantities, parse_number


def only(text: str) -> Quantity:
    """The single quantity a phrase holds."""
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


def figures(text: str) -> tuple[int, int, int]:
    q = only(text)
    return q.low, q.best, q.high


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("seven", 7),
        ("Seven", 7),
        ("nineteen", 19),
        ("twenty-one", 21),
        ("twenty one", 21),
        ("Thirty-Five", 35),
        ("ninety-nine", 99),
        ("dozen", 12),
        ("a dozen", 12),
        ("five hundred", 500),
        ("hundred", 100),
        ("12", 12),
        ("1,200", 1200),
        ("12,450", 12450),
        ("1,000,000", 1_000_000),
        ("banana", None),
        ("", None),
    ],
)
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("twenty-one soldiers", (21, 21, 21)),
        ("Forty-four civilians", (44, 44, 44)),
        ("killed 1,250 people", (1250, 1250, 1250)),
        ("at least 38 fighters", (38, 38, 38)),
        ("no fewer than 9 guards", (9, 9, 9)),
    ],
)
def test_exact_figures(text: str, expected: tuple[int, int, int]) -> None:
    assert figures(text) == expected
    assert not only(text).vague


def test_more_than_is_a_floor_above_the_figure() -> None:
    low, best, high = figures("more than 30 militants")
    # "more than 30" allows 31 at the least; the conservative reading is that floor
    assert (low, best) == (31, 31)
    assert high >= 31


def test_up_to_is_a_ceiling() -> None:
    low, best, high = figures("up to 40 civilians")
    assert high == 40
    assert low < 40
    assert best <= 40


@pytest.mark.parametrize(
    "text", ["10 to 15 people", "10-15 people", "10 – 15 people", "ten to fifteen people"]
)
def test_ranges_keep_both_ends_and_take_the_low_end_as_best(text: str) -> None:
    assert figures(text) == (10, 10, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dozens of fighters", (12, 12, 60)),
        ("Dozens were killed", (12, 12, 60)),
        ("several dozen insurgents", (24, 24, 60)),
        ("hundreds of families", (100, 100, 500)),
        ("scores of people", (20, 20, 100)),
    ],
)
def test_vague_words_are_conservative_with_a_range(text: str, expected: tuple[int, int, int]) -> None:
    q = only(text)
    assert q.vague
    assert (q.low, q.best, q.high) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a dozen policemen", (12, 12, 12)),
        ("Dozen militants died", (12, 12, 12)),
        ("over a dozen people", (13, 13, 13)),
        ("at least a dozen soldiers", (12, 12, 12)),
        ("up to a dozen guards", (1, 12, 12)),
    ],
)
def test_a_dozen_is_an_exact_twelve_that_takes_qualifiers(text: str, expected: tuple[int, int, int]) -> None:
    q = only(text)
    assert not q.vague  # an exact figure: it outranks "several" or "dozens" elsewhere in the article
    assert (q.low, q.best, q.high) == expected


def test_several_is_small_and_vague() -> None:
    q = only("several civilians")
    assert q.vague
    assert q.low >= 2
    assert q.best <= 5
    assert q.high >= q.best


def test_spans_point_into_the_text() -> None:
    text = "Officials said at least 38 fighters and two leaders died."
    found = find_quantities(text)
    assert [text[q.start : q.end] for q in found] == ["at least 38", "two"]
    assert [q.text for q in found] == ["at least 38", "two"]


def test_every_quantity_has_low_best_high_in_order() -> None:
    text = "up to 40 people, dozens of fighters, 10-15 guards, more than 30 troops and twenty-one policemen"
    for q in find_quantities(text):
        assert q.low <= q.best <= q.high, q


def test_no_quantity_in_a_sentence_without_numbers() -> None:
    assert find_quantities("The governor condemned the attack.") == []

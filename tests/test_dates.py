"""Tests for incidents._dates: dates written relative to an article's publication date."""

from __future__ import annotations

from datetime import date

import pytest

from incidents._dates import DateRef, find_dates

SUNDAY = date(2019, 9, 15)  # publication day of most examples
MONDAY = date(2019, 9, 16)


def one(sentence: str, published: date | None = SUNDAY) -> DateRef:
    found = find_dates(sentence, published)
    assert len(found) == 1, found
    return found[0]


def test_weekday_of_publication_is_that_day() -> None:
    d = one("Insurgents stormed the district centre on Sunday.")
    assert (d.start, d.end, d.precision) == (SUNDAY, SUNDAY, 1)
    assert d.best == SUNDAY
    assert not d.speech


def test_night_before_a_sunday_paper_is_saturday() -> None:
    d = one("The operation was launched on Saturday night.")
    assert (d.start, d.end, d.precision) == (date(2019, 9, 14), date(2019, 9, 14), 1)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("on Friday", date(2019, 9, 13)),
        ("late Saturday", date(2019, 9, 14)),
        ("Saturday morning", date(2019, 9, 14)),
        ("on Monday", date(2019, 9, 9)),
        ("last Sunday", date(2019, 9, 8)),
    ],
)
def test_weekdays_fall_in_the_week_before_publication(phrase: str, expected: date) -> None:
    d = one(f"Gunmen attacked the convoy {phrase}.")
    assert d.start == d.end == expected
    assert d.precision == 1


def test_yesterday() -> None:
    d = one("A roadside bomb hit the bus yesterday.")
    assert (d.start, d.end, d.precision) == (date(2019, 9, 14), date(2019, 9, 14), 1)


def test_days_ago() -> None:
    d = one("Two days ago a mortar round landed on the market.", MONDAY)
    assert d.start == date(2019, 9, 14)


def test_last_week_is_a_range_of_precision_two() -> None:
    d = one("Fighting intensified in the north last week.")
    assert d.precision == 2
    assert d.start == date(2019, 9, 8)
    assert d.end == date(2019, 9, 14)
    assert d.start < d.end < SUNDAY


def test_earlier_this_week_starts_on_the_monday() -> None:
    d = one("Gunmen killed two guards earlier this week.", date(2019, 10, 17))  # a Thursday
    assert (d.start, d.end, d.precision) == (date(2019, 10, 14), date(2019, 10, 16), 2)
    d = one("Gunmen killed two guards earlier this week.", date(2019, 10, 14))  # a Monday: the week before
    assert (d.start, d.end) == (date(2019, 10, 7), date(2019, 10, 13))


def test_last_month_is_a_range_of_precision_three() -> None:
    d = one("Clashes displaced hundreds of families last month.")
    assert d.precision == 3
    assert d.start < d.end < SUNDAY


@pytest.mark.parametrize("written", ["Sept. 14", "Sept 14", "September 14", "Sep. 14", "14 Sept."])
def test_month_and_day_take_the_publication_year(written: str) -> None:
    d = one(f"The commander was killed on {written} in a raid.")
    assert (d.start, d.end, d.precision) == (date(2019, 9, 14), date(2019, 9, 14), 1)


def test_month_and_day_after_publication_mean_last_year() -> None:
    # a paper of 2 January 2020 writing "on Dec. 30" means four days earlier, not eleven months later
    d = one("The checkpoint was overrun on Dec. 30.", date(2020, 1, 2))
    assert d.start == date(2019, 12, 30)


@pytest.mark.parametrize(
    "written", ["14 September 2019", "September 14, 2019", "2019-09-14", "14th of September 2019"]
)
def test_full_dates_need_no_publication_date(written: str) -> None:
    d = one(f"The attack on {written} killed six.", None)
    assert d.start == d.end == date(2019, 9, 14)
    assert d.precision == 1


def test_relative_dates_need_a_publication_date() -> None:
    assert find_dates("Gunmen attacked the convoy on Saturday.", None) == []
    assert find_dates("A blast hit the market yesterday.", None) == []


def test_officials_said_on_sunday_is_speech() -> None:
    found = find_dates("The convoy was ambushed on Saturday, officials said on Sunday.", SUNDAY)
    assert [(d.text, d.start, d.speech) for d in found] == [
        ("on Saturday", date(2019, 9, 14), False),
        ("on Sunday", SUNDAY, True),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The provincial spokesman told reporters on Sunday that the road was open.",
        "The ministry said in a statement on Sunday that four soldiers died.",
    ],
)
def test_statement_dates_are_speech(sentence: str) -> None:
    d = one(sentence)
    assert d.speech


def test_date_of_the_reported_action_is_not_speech() -> None:
    d = one("Police said the attack took place on Saturday.")
    assert d.start == date(2019, 9, 14)
    assert not d.speech


@pytest.mark.parametrize(
    "sentence",
    [
        "Security will be tightened ahead of the presidential polls on Sept. 28.",
        "The presidential election will be held on Sept. 28.",
        "The offensive is scheduled for Sept. 20.",
    ],
)
def test_future_dates_with_a_future_cue_are_ignored(sentence: str) -> None:
    assert find_dates(sentence, SUNDAY) == []


def test_polls_after_publication_are_not_an_event_date() -> None:
    assert find_dates("Voters go to the polls on Sept. 28.", SUNDAY) == []


def test_spans_and_offsets() -> None:
    sentence = "Taliban fighters overran the post on Saturday night."
    (d,) = find_dates(sentence, SUNDAY, offset=100)
    assert sentence[d.start_char - 100 : d.end_char - 100] == d.text == "on Saturday night"


def test_dates_come_in_text_order() -> None:
    found = find_dates("After the raid on Friday, a second attack followed on Saturday.", SUNDAY)
    assert [d.start for d in found] == [date(2019, 9, 13), date(2019, 9, 14)]

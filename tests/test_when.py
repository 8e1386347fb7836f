"""Reference times: a sentence's time words read against its article's date."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.text.when import reference_time

WEDNESDAY = dt.date(2024, 10, 30)


@pytest.mark.parametrize(
    ("sentence", "figure", "day", "kind", "words"),
    [
        ("The NIS said last week that around 1,500 were sent.", 1500, dt.date(2024, 10, 23), "stated", "last week"),
        ("North Korea is preparing to send 10,000 by December.", 10000, dt.date(2024, 12, 31), "target", "by December"),
        # "on Wednesday" in an article dated Wednesday is that day, not a week before.
        ("The Pentagon said on Wednesday that 10,000 are there.", 10000, WEDNESDAY, "stated", "on Wednesday"),
        ("The Pentagon said on Monday that 10,000 are there.", 10000, dt.date(2024, 10, 28), "stated", "on Monday"),
        ("Some 3,000 soldiers have been transported since October.", 3000, WEDNESDAY, "since", "since October"),
        ("So far 3,000 have arrived.", 3000, WEDNESDAY, "reported", "So far"),
        ("The report, dated 2024-10-23, put the number at 1,720.", 1720, dt.date(2024, 10, 23), "stated", "2024-10-23"),
        ("About 2,000 troops are in Syria.", 2000, WEDNESDAY, "reported", None),
        ("Up to 10,000 troops could arrive within weeks.", 10000, dt.date(2024, 11, 20), "target", "within weeks"),
        ("All 2,000 are to leave by Dec. 15th.", 2000, dt.date(2024, 12, 15), "target", "by Dec. 15th"),
        ("The 5,000 are due by mid-January 2025.", 5000, dt.date(2025, 1, 15), "target", "by mid-January 2025"),
        # a year after a month is no day of it ("January 2025" is not January 20)
        ("Some 3,000 were there in January 2024.", 3000, dt.date(2024, 1, 1), "stated", "in January 2024"),
        ("The 5,000 are due by early March.", 5000, dt.date(2025, 3, 7), "target", "by early March"),
        ("The 5,000 are due by mid-2026.", 5000, dt.date(2026, 6, 1), "target", "by mid-2026"),
        ("Some 4,000 will go by the end of the year.", 4000, dt.date(2024, 12, 31), "target", "by the end of the year"),
    ],
)
def test_time_words_move_the_article_date(
    sentence: str, figure: int, day: dt.date, kind: str, words: str | None
) -> None:
    ref = reference_time(sentence, WEDNESDAY, figure)
    assert (ref.date, ref.kind, ref.text) == (day, kind, words)


def test_the_time_nearest_the_figure_wins() -> None:
    sentence = "Up from about 100,000 on Jan. 30, there are now 190,000 troops."
    base = dt.date(2022, 2, 18)
    assert reference_time(sentence, base, 100_000).date == dt.date(2022, 1, 30)
    assert reference_time(sentence, base, 190_000).date == base


def test_a_month_and_day_is_the_last_one_before_the_article() -> None:
    """A December article's 'Nov. 17' is the November just gone, not next year's."""
    ref = reference_time("The data, released on Nov. 17, listed 1,720 troops.", dt.date(2017, 12, 7), 1720)
    assert ref.date == dt.date(2017, 11, 17)


def test_previously_is_earlier_by_an_unknown_amount() -> None:
    ref = reference_time("There are 2,000 troops, not the 900 it previously said.", WEDNESDAY, 900)
    assert ref.kind == "before" and ref.date is None and ref.text == "previously"


def test_an_undated_article_gives_no_date_but_keeps_the_words() -> None:
    assert reference_time("The NIS confirmed last week around 1,500.", None, 1500).date is None
    assert reference_time("The NIS confirmed last week around 1,500.", None, 1500).text == "last week"
    assert reference_time("Sent on Wednesday: 3,000.", None, 3000).date is None
    assert reference_time("10,000 by December.", None, 10000).kind == "target"
    # ...but a full date in the sentence still places it.
    assert reference_time("As of Sept. 30, 2017 there were 1,720.", None, 1720).date == dt.date(2017, 9, 30)


def test_no_time_words_is_the_article_date() -> None:
    ref = reference_time("Officials say 12,000 soldiers are there.", WEDNESDAY, 12000)
    assert (ref.date, ref.kind, ref.text) == (WEDNESDAY, "reported", None)

"""The small text helpers every reader of names and quotations shares."""

from __future__ import annotations

import pytest

from summarizer.text.vocabulary import MONTH_ALTERNATION, closing_quote, without_article, without_possessive


@pytest.mark.parametrize(
    ("phrase", "some", "bare"),
    [
        ("the Pentagon", False, "Pentagon"),
        ("  The  Defense Ministry ", False, "Defense Ministry"),
        ("an official", False, "official"),
        ("some officials", False, "some officials"),
        ("some officials", True, "officials"),
        ("the", False, "the"),  # nothing after it: left as it is
        ("theater commanders", False, "theater commanders"),
    ],
)
def test_without_article(phrase: str, some: bool, bare: str) -> None:
    assert without_article(phrase, some=some) == bare


@pytest.mark.parametrize(
    ("word", "bare"),
    [("Wagner's", "Wagner"), ("Russia’s", "Russia"), ("soldiers'", "soldiers"), ("Hamas", "Hamas")],
)
def test_without_possessive(word: str, bare: str) -> None:
    assert without_possessive(word) == bare


def test_closing_quote_is_where_the_first_closing_mark_ends() -> None:
    assert closing_quote('troops," he said') == len('troops,"')
    assert closing_quote("troops,” he said. “More") == len("troops,”")
    assert closing_quote("no quotation here") is None


def test_the_month_alternation_tries_the_long_name_first() -> None:
    names = MONTH_ALTERNATION.split("|")
    assert names.index("September") < names.index("Sept") < names.index("Sep")

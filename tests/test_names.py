"""When an article names an actor, a place or a speaker (:func:`summarizer.text.aliases.names`):
the whole name, every significant word of it, or its acronym; never one common word."""

from __future__ import annotations

import pytest

from summarizer.text.aliases import names

ARTICLE = (
    "South Korea's National Intelligence Service (NIS) said on Friday that the defence ministry "
    "in Seoul had been briefed. NATO Secretary-General Mark Rutte spoke after a ministry summit, "
    "and the parliament debated fabricated reports from the Kursk region."
)


@pytest.mark.parametrize(
    "name",
    [
        "National Intelligence Service",  # as written
        "NIS",  # the acronym of capitalised words the article writes
        "South Korean intelligence",  # "Korean" ~ "Korea's", a capitalised stem
        "Mark Rutte",
        "NATO chief Mark Rutte",  # a title the article words otherwise
        "Rutte",
        "Defence Ministry",  # a body's kind word named with the words that say which
        "Kursk",
        "Kursk region",
        "U. S. Mark Rutte"[6:],  # initials aside
    ],
)
def test_names_the_article_gives(name: str) -> None:
    assert names(name, ARTICLE)


@pytest.mark.parametrize(
    "name",
    [
        "Ministry of Fabrication",  # "ministry" and a stem of the lower-case "fabricated"
        "Parliament of Atlantis",
        "Foreign Ministry",  # "ministry" alone does not say whose
        "Defence Minister Ivan Petrov",
        "Jane Rutte",  # a surname does not name another first name
        "NSA",  # no run of capitalised words stands for it
        "Intelligence Ministry",
    ],
)
def test_a_shared_common_word_names_nobody(name: str) -> None:
    assert not names(name, ARTICLE)


def test_an_acronym_needs_capitalised_words_behind_it() -> None:
    assert not names("NIS", "There was no immediate sign of troops at the border.")
    assert names("National Intelligence Service", "The NIS said 10,000 troops had left.")
    assert not names("National Intelligence Service", "The nis said so.")


def test_a_hyphenated_compound_is_one_word() -> None:
    assert not names("Turkey", "troops deployed along the Syria-Turkey border")
    assert names("Syria-Turkey border", "troops deployed along the Syria-Turkey border")

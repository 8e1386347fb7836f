"""Who the article credits a figure to, read from its wording (plain data)."""

from __future__ import annotations

import pytest

from summarizer.text.attribution import Credit, credit_for


def _credit(text: str, figure_text: str, figure: int) -> Credit | None:
    at = text.index(figure_text)
    return credit_for(text, at, at + len(figure_text), figure)


@pytest.mark.parametrize(
    ("text", "figure_text", "figure", "name"),
    [
        (
            "Ukrainian President Volodymyr Zelensky recently claimed that troops would be on the battlefield "
            "imminently, while South Korean intelligence noted that over 3,000 troops had already arrived.",
            "3,000",
            3_000,
            "South Korean intelligence",
        ),
        (
            "According to Ukrainian military intelligence, these recruits are part of a 12,000-strong force.",
            "12,000",
            12_000,
            "Ukrainian military intelligence",
        ),
        (
            "Last week, U.S. officials, citing newly declassified intelligence, revealed that approximately "
            "3,000 personnel were training.",
            "3,000",
            3_000,
            "U.S. officials",
        ),
        (
            "North Korea has sent about 10,000 troops to Russia, the US Pentagon has said.",
            "10,000",
            10_000,
            "US Pentagon",
        ),
        ("Pentagon says North Korea has sent 10,000 troops to help Russia", "10,000", 10_000, "Pentagon"),
        (
            "This comes after Ukrainian President Volodymyr Zelensky disclosed that North Korea had "
            "dispatched 12,000 soldiers.",
            "12,000",
            12_000,
            "Ukrainian President Volodymyr Zelensky",
        ),
        (
            "Meanwhile, Ukrainian President Volodymyr Zelensky has warned of North Korean involvement, recently "
            "informing a NATO summit that up to 10,000 soldiers are being prepared.",
            "10,000",
            10_000,
            "Ukrainian President Volodymyr Zelensky",
        ),
    ],
)
def test_the_sentence_names_the_source(text: str, figure_text: str, figure: int, name: str) -> None:
    credit = _credit(text, figure_text, figure)
    assert credit is not None and credit.name == name


def test_a_title_splits_person_and_body() -> None:
    text = "Pentagon spokesperson Sabrina Singh reported that about 10,000 troops are expected in Russia."
    credit = _credit(text, "10,000", 10_000)
    assert credit == Credit(
        name="Pentagon spokesperson Sabrina Singh", person="Sabrina Singh", organization="Pentagon", via=None
    )


def test_a_relayed_figure_names_the_origin_and_the_go_between() -> None:
    text = "Representative Park Sun-won, who attended the briefing, said the NIS revealed that 3,000 soldiers left."
    credit = _credit(text, "3,000", 3_000)
    assert credit is not None and credit.name == "NIS" and credit.via == "Park Sun-won"


def test_a_pronoun_is_the_person_the_sentence_before_credits() -> None:
    text = (
        "Ukrainian President Volodymyr Zelensky, citing intelligence reports, claimed last Friday that troops "
        "would be on the battlefield within days. He previously said some 10,000 troops were being readied."
    )
    credit = _credit(text, "10,000", 10_000)
    assert credit is not None and credit.person == "Volodymyr Zelensky"


def test_a_vague_subject_names_nobody() -> None:
    text = "Recent reports indicate that around 3,000 North Korean soldiers have been sent, with US officials watching."
    assert _credit(text, "3,000", 3_000) == Credit(name=None)
    anonymous = _credit("Officials said 3,000 soldiers have been sent.", "3,000", 3_000)
    assert anonymous is not None and anonymous.name is None and anonymous.anonymous


def test_no_attribution_form_means_no_answer() -> None:
    assert _credit("3,000 North Korean Troops Already in Transit", "3,000", 3_000) is None
    assert _credit("Around 1,500 soldiers are training in Russia.", "1,500", 1_500) is None


def test_a_national_title_credits_the_country_the_office_holder_speaks_for() -> None:
    text = "Ukrainian President Volodymyr Zelensky disclosed that North Korea had dispatched 12,000 soldiers."
    credit = _credit(text, "12,000", 12_000)
    assert credit is not None and (credit.person, credit.organization) == ("Volodymyr Zelensky", "Ukraine")

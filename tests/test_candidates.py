from summarizer.text.candidates import troop_sentences
from summarizer.text.sentences import sentences


def test_sentences_do_not_break_on_abbreviations() -> None:
    text = "Last week, U.S. officials said 3,000 troops left. Mr. Kirby agreed.\nNew line here"
    assert sentences(text) == [
        "Last week, U.S. officials said 3,000 troops left.",
        "Mr. Kirby agreed.",
        "New line here",
    ]


def test_troop_sentences_pair_a_figure_with_a_word_for_troops() -> None:
    text = (
        "29 October 2024, 07:31\n"
        "About 10,000 North Korean troops are expected within weeks. "
        "North Korea supplied millions of rounds of ammunition. "
        "The delegation briefed 32 ambassadors. "
        "In 2024 the army grew. "
        "Some 1,500 special forces are training."
    )
    assert troop_sentences(text) == [
        "About 10,000 North Korean troops are expected within weeks.",
        "Some 1,500 special forces are training.",
    ]

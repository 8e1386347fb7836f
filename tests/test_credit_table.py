"""Who a sentence credits a figure to, read from its parse (:mod:`summarizer.text.credit`):
each row by its id on its own examples, and what no row may credit."""

from __future__ import annotations

import pytest

from summarizer.text.credit import ROWS, credit_from_parse, read_credit
from summarizer.text.sentences import sentence_spans
from summarizer.text.sources import credit_named, reads_as_a_name


@pytest.mark.parametrize(
    ("row_id", "sentence", "figure", "name"),
    [(r.id, s, n, name) for r in ROWS for s, n, name in r.examples],
    ids=lambda x: str(x)[:30],
)
def test_each_row_credits_its_examples(row_id: str, sentence: str, figure: int, name: str) -> None:
    credit = credit_from_parse(sentence, figure)
    assert credit is not None and (credit.rule, credit.name) == (row_id, name)


def test_the_rows_are_a_table_with_unique_ids_and_precedences() -> None:
    assert len({r.id for r in ROWS}) == len(ROWS) == len({r.precedence for r in ROWS})


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        # the figure is in what was claimed's object, not in what was said
        ("The Taliban claimed responsibility for the attack, which involved some 300 militants.", 300),
        ("Russia has sent 10,000 troops to the border.", 10000),  # no credit at all
    ],
)
def test_what_no_row_credits(sentence: str, figure: int) -> None:
    assert credit_from_parse(sentence, figure) is None


def test_a_pronoun_is_returned_as_what_it_is_for_the_sentences_before_to_resolve() -> None:
    credit = credit_from_parse("He said 5,000 troops had crossed the border.", 5000)
    assert credit is not None and credit.name is None and credit.anaphor == "he"


def test_a_pronoun_reporting_to_a_named_speaker_is_that_speaker() -> None:
    credit = credit_from_parse("The ministry of Ruritania said it had counted 40 dead soldiers.", 40)
    assert credit is not None and credit.name == "ministry of Ruritania" and credit.anaphor is None


def test_a_dateline_is_nobody() -> None:
    for sentence in (
        "TEHRAN, Iran -- U.S. officials say 1,000 more troops are going.",
        "Baghdad (IraqiNews.com) – The Defence Ministry announced that four soldiers were killed.",
    ):
        credit = credit_from_parse(sentence, 1000 if "1,000" in sentence else 4)
        assert credit is not None and credit.name in ("U.S. officials", "Defence Ministry")


def test_the_nearest_source_governs_the_figure() -> None:
    sentence = "While Ruritania insists it sent 503 troops, a report by the DMDC puts the number at 1,720."
    near = credit_from_parse(sentence, 503)
    far = credit_from_parse(sentence, 1720)
    assert near is not None and near.name == "Ruritania" and near.via is None
    assert far is not None and far.name == "DMDC"


def test_a_report_relayed_by_an_outlet_is_the_reporters() -> None:
    sentence = (
        "The offensive killed 224 fighters in a week, the Syrian Observatory reported on Thursday, Reuters reports."
    )
    credit = credit_from_parse(sentence, 224)
    assert credit is not None and credit.name == "Syrian Observatory" and credit.via == "Reuters"


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        (
            "Northern Liech security adviser John Maluk told Radio Tamazuj that six soldiers were killed.",
            6,
            "John Maluk",
        ),
        ("Somalia-based militant group al-Shabab claims to have killed over 60 Kenyan soldiers.", 60, "al-Shabab"),
        ("The CIA assessment said the group can muster 20,000 fighters.", 20000, "CIA"),
    ],
)
def test_the_name_is_the_sources_own(sentence: str, figure: int, name: str) -> None:
    credit = credit_from_parse(sentence, figure)
    assert credit is not None and credit.name is not None
    named = credit_named(credit.name)
    assert name in (named.person, named.organization, named.name)


def test_according_to_is_read_from_the_parse_before_any_text_form() -> None:
    text = (
        "According to the Pentagon, 10,000 troops are in Russia. "
        "Somalia-based group al-Shabab claims it killed 60 soldiers."
    )
    spans = sentence_spans(text)
    first = text.index("10,000")
    second = text.index("60")
    credit, rule = read_credit(text, first, first + 6, 10000, spans=spans)
    assert credit is not None and credit.name == "Pentagon" and rule == "credit.according-to"
    credit, rule = read_credit(text, second, second + 2, 60, spans=spans)
    assert credit is None or rule in ("text.speech-subject", "credit.speech-subject")


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        # closing the sentence, with an appositive after a web site's name
        (
            "The total included 756 combat deaths, according to icasualties.org, a Web site that tallies casualties.",
            756,
            "icasualties.org",
        ),
        # a document's owner after "compiled from"
        (
            "3917 Iraqi police have been killed since January, according to an estimate compiled from news reports.",
            3917,
            "news reports",
        ),
        # a pronoun in the next sentence is who the "according to" phrase before names
        (
            "According to a statement by the Turkish interior ministry, clashes broke out on Sunday. "
            "It said that three PKK fighters were killed.",
            3,
            "Turkish interior ministry",
        ),
    ],
)
def test_according_to_names_a_site_a_documents_owner_and_a_pronouns_antecedent(
    text: str, figure: int, source: str
) -> None:
    at = text.index("three" if figure == 3 else str(figure))
    credit, _ = read_credit(text, at, at + 5, figure, spans=sentence_spans(text))
    assert credit is not None and source in (credit.name or credit.descriptor or "")


@pytest.mark.parametrize(
    ("sentence", "figure", "descriptor"),
    [
        ("Officials said 5,000 troops had crossed the border.", 5000, "Officials"),
        ("Two senior defence officials said 25 soldiers were killed.", 25, "senior defence officials"),  # not how many
        ("The army will leave 600 troops, citing two officials.", 600, "officials"),
        ("Some 4,000 troops will go, according to media reports.", 4000, "media reports"),
    ],
)
def test_an_unnamed_source_is_credited_as_the_text_words_it(sentence: str, figure: int, descriptor: str) -> None:
    credit = credit_from_parse(sentence, figure)
    assert credit is not None and credit.name == descriptor
    named = credit_named(credit.name)
    assert named.name is None and named.anonymous and named.descriptor == descriptor


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        # a participle shares the subject of the verb it hangs from
        ("Kabul disputed the account, claiming that 58 soldiers were killed.", 58, "Kabul"),
        # what is confirmed or reported is the verb's object
        ("The Thai army confirmed three soldiers dead on Friday.", 3, "Thai army"),
        # a reporting clause the parser hangs from the figure's own clause
        ("Uganda has offered 1,500 troops, Assistant Secretary Jendayi Frazer told a Senate panel.", 1500, "Frazer"),
        # a finding is a report only with its clause
        ("U.S. intelligence found that Russia is massing 175,000 troops.", 175000, "U.S. intelligence"),
    ],
)
def test_forms_the_parse_reads_that_the_text_cascade_did(sentence: str, figure: int, name: str) -> None:
    credit = credit_from_parse(sentence, figure)
    assert credit is not None and credit.name is not None and name in credit.name


def test_a_finding_verb_with_only_an_object_is_no_credit() -> None:
    assert credit_from_parse("Troops found 30 bodies in the forest.", 30) is None


def test_our_in_a_quotation_is_its_speaker() -> None:
    sentence = '"Our estimates show that 11,000 soldiers were killed," the committee\'s Valentina Melnikova said.'
    credit = credit_from_parse(sentence, 11000)
    assert credit is not None and credit.name is not None and "Valentina Melnikova" in credit.name


def test_a_verb_of_saying_inside_a_quotation_is_the_quotations_speakers() -> None:
    sentence = '"It defies logic to believe they would choose this moment, with 150,000 troops there," he said.'
    credit = credit_from_parse(sentence, 150000)
    assert credit is not None and credit.anaphor == "he"


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("WP: US military buildup in Caribbean grows to estimated 16,000 troops", 16000),  # how it is given
        ("The force grew to an estimated 4,000 soldiers.", 4000),
    ],
)
def test_an_estimated_figure_is_no_one_s_saying(sentence: str, figure: int) -> None:
    credit = credit_from_parse(sentence, figure)
    assert credit is None or credit.rule != "credit.speech-subject"


def test_a_person_s_name_does_not_take_the_body_after_of() -> None:
    credit = credit_from_parse("John Kirby of the National Security Council said 300 soldiers died.", 300)
    assert credit is not None and credit.name == "John Kirby"


@pytest.mark.parametrize(
    ("sentence", "figure", "person"),
    [
        # a name the parser split from its title
        (
            "Since February, force spokesperson Jack Ombaka told Reuters, adding it now numbered 980 personnel.",
            980,
            "Jack Ombaka",
        ),
        # an abbreviated title's full stop is no part of the name
        (
            "A Pentagon spokesman, Army Col. Rob Manning, said there were about 500 U.S. troops in Syria.",
            500,
            "Rob Manning",
        ),
    ],
)
def test_a_titled_speaker_is_split_into_the_person_and_the_body(sentence: str, figure: int, person: str) -> None:
    credit = credit_from_parse(sentence, figure)
    assert credit is not None and credit.name is not None
    assert credit_named(credit.name).person == person


def test_a_closing_quotation_mark_glued_to_the_verb_still_closes_the_quotation() -> None:
    # pages print ',”said' with no space; the tokenizer splits it, so the speaker is read
    sentence = "“About 1,000 soldiers have left the capital,”said army spokesman Colonel Ann Vert."
    credit = credit_from_parse(sentence, 1000)
    assert credit is not None and (credit.rule, credit.name) == (
        "credit.speech-subject",
        "army spokesman Colonel Ann Vert",
    )


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Pentagon spokeswoman Sabrina Singh", True),
        ("Houthis", True),  # a bare word passes whatever its tag
        ("into Chinese territory", False),  # where, not who
        ("Into Chinese territory", False),  # a preposition whatever its case
        ("as Berlin", False),
        ("a spokesman declined to", False),
    ],
)
def test_a_phrase_that_reads_as_a_name(phrase: str, name: bool) -> None:
    assert reads_as_a_name(phrase) is name

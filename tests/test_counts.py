"""What a number counts, read from the parse (:mod:`summarizer.text.counts`): each rule
by its id, on its own examples, and troop figures no rule may set apart."""

from __future__ import annotations

import pytest

from summarizer.text.counts import RULES, STATUS_RULES, status_from_verb, what_it_counts


@pytest.mark.parametrize(
    ("rule_id", "sentence", "figure"), [(r.id, s, n) for r in RULES for s, n in r.examples], ids=lambda x: str(x)[:30]
)
def test_each_rule_fires_on_its_examples(rule_id: str, sentence: str, figure: int) -> None:
    reading = what_it_counts(sentence, figure)
    assert reading.rule == rule_id and reading.why


def test_the_rules_are_a_table_with_unique_ids_and_precedences() -> None:
    assert len({r.id for r in RULES}) == len(RULES)
    assert len({r.precedence for r in RULES}) == len(RULES)
    assert all(r.id.startswith("counts.") and r.examples for r in RULES)


@pytest.mark.parametrize(
    ("sentence", "figure", "noun"),
    [
        (
            "The rebels said they had 40,000 fighters, 2,100 combat vehicles and 95 armoured carriers.",
            40000,
            "fighters",
        ),
        ("Between 3,000 to 5,000 fighters remain in the city.", 3000, "fighters"),  # a range's low end
        ("Between 3,000 to 5,000 fighters remain in the city.", 5000, "fighters"),
        ("Pentagon Sends 1,200 More Soldiers To Poland", 1200, "Soldiers"),  # headline title case
        ("Some 1,500 IS fighters were killed overnight.", 1500, "fighters"),  # an acronym modifier
        ("A 20,000-strong force crossed the border.", 20000, "force"),
        ("Some 3,000 of the troops had left by Friday.", 3000, "troops"),
        ("Russia has deployed 1.5 million troops, Kyiv said.", 1500000, "troops"),
        ("The NATO summit approved a 1,000-strong allied battalion for each Baltic state.", 1000, None),
        ("About 25,902 Iraqi civilians and members of the security forces were killed.", 25902, None),
        ("The attack killed 12 civilians and injured 40 others, including 7 soldiers.", 7, "soldiers"),
        ("Task Force 51 sent 2,200 marines to the region.", 2200, "marines"),
        ("Troops 3000 strong arrived at the base.", 3000, None),
        ("At least 1,650 border reinforcements are expected in the city.", 1650, "reinforcements"),
    ],
)
def test_troop_figures_are_kept_and_their_noun_read(sentence: str, figure: int, noun: str | None) -> None:
    reading = what_it_counts(sentence, figure)
    assert reading.rule is None
    if noun is not None:
        assert reading.counted == noun


@pytest.mark.parametrize(
    ("sentence", "figure", "force"),
    [
        ("There were around 90 soldiers at the base, and 50 of those were flown home on Monday.", 50, True),
        ("Some 300 rebels attacked the town, and 40 of them were captured.", 40, True),
        ("About 900 villagers fled, and 200 of them reached the camp.", 200, False),
    ],
)
def test_a_part_of_the_troops_named_by_a_pronoun_is_a_head_count(sentence: str, figure: int, force: bool) -> None:
    assert what_it_counts(sentence, figure).force is force


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("More than 240 were wounded, the ministry said.", 240),  # the number is the subject: left to the sentence
        ("We have killed over 1,800, the spokesman said.", 1800),  # a noun named earlier
        ("Of them, 3,200 soldiers are in the north, 940 in the west and 415 in the east.", 940),  # an elided noun
    ],
)
def test_a_number_whose_noun_the_parse_does_not_give_is_left_to_the_sentence(sentence: str, figure: int) -> None:
    reading = what_it_counts(sentence, figure)
    assert reading.rule is None


@pytest.mark.parametrize(
    ("sentence", "figure", "rule_id"),
    [
        ("Operation 1107 began at dawn, the army said, as 3,000 troops moved in.", 1107, "counts.designator"),
        ("More than a million people were driven from their homes, while 3,000 soldiers stayed.", 1000000, None),
        ("Some 2,000 displaced people and 500 soldiers reached the camp.", 2000, "counts.civilians"),
        ("Some 1,000 refugees fled as 5,000 troops advanced.", 1000, "counts.civilians"),
        ("The brigade lost 40 tanks and 300 soldiers.", 40, "counts.materiel"),
        ("They fired 300 rockets and killed 20 soldiers.", 300, "counts.materiel"),
        ("Kyiv has formed 10 brigades of about 4,000 soldiers each.", 10, "counts.units"),
    ],
)
def test_what_is_counted_beside_troops_is_set_apart(sentence: str, figure: int, rule_id: str | None) -> None:
    reading = what_it_counts(sentence, figure)
    if rule_id is None:  # "a million" is not stated as 1,000,000 in digits: the sentence-level rules decide
        assert reading.rule in (None, "counts.civilians")
    else:
        assert reading.rule == rule_id


@pytest.mark.parametrize(
    ("rule_id", "sentence", "figure"),
    [(r.id, s, n) for r in STATUS_RULES for s, n in r.examples],
    ids=lambda x: str(x)[:30],
)
def test_each_status_rule_reads_its_examples(rule_id: str, sentence: str, figure: int) -> None:
    rule = status_from_verb(sentence, figure)
    assert rule is not None and rule.id == rule_id


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("About 300 soldiers surrendered, while 1,000 troops are expected to arrive.", 1000),
        ("The rebels captured 30 villages and killed 40 soldiers.", 40),
        ("Kyiv has sent 5,000 troops to the front.", 5000),
    ],
)
def test_a_verb_that_governs_another_number_says_nothing_of_this_one(sentence: str, figure: int) -> None:
    assert status_from_verb(sentence, figure) is None


def test_surrendered_and_captured_troops_are_casualties_not_arrivals() -> None:
    from schemas import TroopEstimate
    from summarizer.grounding.corrections import correct_estimate

    text = "Kyiv said about 300 Russian soldiers surrendered near the town on Friday."
    item = TroopEstimate.model_validate(
        {
            "count": 300,
            "qualifier": "about",
            "subject": "soldiers",
            "status": "arrived",
            "attribution": {"source": "Kyiv", "organization": None, "kind": "government"},
            "quote": text,
        }
    )
    corrected, _ = correct_estimate(text, [(0, len(text))], item, (0, len(text)))
    assert (corrected["status"], corrected["status_rule"]) == ("casualties", "status.captured")


@pytest.mark.parametrize(
    ("text", "said", "status", "rule"),
    [
        ("A second contingent of 600 officers is scheduled to arrive later.", "arrived", "planned", "time.planning"),
        ("There are about 600 American soldiers in the country.", "expected", "deployed", "time.there-now"),
        ("About 600 American soldiers will arrive next week.", "expected", None, None),  # the answer's stands
    ],
)
def test_a_changed_status_records_the_rule_that_changed_it(
    text: str, said: str, status: str | None, rule: str | None
) -> None:
    from schemas import TroopEstimate
    from summarizer.grounding.corrections import correct_estimate

    item = TroopEstimate.model_validate(
        {
            "count": 600,
            "qualifier": "about",
            "subject": "soldiers",
            "status": said,
            "attribution": {"source": None, "organization": None, "kind": "unattributed"},
            "quote": text,
        }
    )
    corrected, _ = correct_estimate(text, [(0, len(text))], item, (0, len(text)))
    assert (corrected.get("status"), corrected.get("status_rule")) == (status, rule)


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("He said six government soldiers and nine civilians were killed.", 6),  # the compound says who
        ("Obama ordered a 20,000-strong force addition to Afghanistan.", 20000),
        ("It could leave 5,000 Ukrainian troopers and 10,000 Russian ones dead.", 10000),  # "ones": the troops
        ("Pentagon Sends 1,200 More Soldiers to the Border", 1200),  # headline capitals: a proper noun
        ("The army said 1,500 IS fighters had been killed.", 1500),  # an acronym before the noun
        ("The group confirmed 20 fatalities among its fighters.", 20),
        ("Wagner said about 50,000 convicts had fought for it.", 50000),
        # "thought" tagged as the number's noun, "to be" hung from it: a verb, not a thing
        ("Some 150,000 troops are there, compared to the around 100,000 thought to be in the region.", 100000),
    ],
)
def test_a_number_that_counts_people_is_never_set_apart_as_counting_no_one(sentence: str, figure: int) -> None:
    assert what_it_counts(sentence, figure).rule is None


def test_a_status_to_come_needs_a_word_for_what_is_to_come() -> None:
    from summarizer.text.counts import speaks_of_the_future

    assert not speaks_of_the_future(
        "It was unclear if these forces were in the most recent estimate of 150,000 troops."
    )
    assert not speaks_of_the_future(
        "In Iraq, the number is 8,892 troops, higher than the 5,000 Manning said are there."
    )
    assert speaks_of_the_future("North Korea could send 10,000 more troops.")
    assert speaks_of_the_future("Seoul plans to deploy 3,000 soldiers by December.")
    assert speaks_of_the_future("Some 12,000 troops are expected in Kursk.")

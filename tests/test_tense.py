import pytest

from summarizer.text.tense import (
    LOCATED_RULE,
    NOW_RULE,
    TIME_RULES,
    casualty_status,
    loss_said_of_others,
    status_from_parse,
    status_from_text,
    time_from_parse,
)


@pytest.mark.parametrize(
    ("sentence", "figure", "model_said", "corrected"),
    [
        ("Pentagon says North Korea has sent 10,000 troops to help Russia", 10_000, "expected", "sent"),
        ("NIS said 3,000 North Korean soldiers have already been transported to Russia", 3_000, "planned", "sent"),
        ("approximately 3,000 personnel were undergoing combat training in Russia", 3_000, "expected", "in training"),
        ("North Korea is preparing to send 10,000 soldiers to Russia by December", 10_000, "sent", "planned"),
        ("about 10,000 North Korean troops are expected in Russia within weeks", 10_000, "sent", "expected"),
        # the verb governing the figure wins over a later "within weeks"
        (
            "North Korea has sent about 10,000 troops to fight within \u201cthe next several weeks\u201d",
            10_000,
            "expected",
            "sent",
        ),
        ("part of an estimated 12,000-strong force trained in Russia's Far East", 12_000, "expected", "in training"),
        # intentions and levels to come
        ("Pentagon Announces Troop Withdrawal-2,500 troops to remain", 2_500, "arrived", "planned"),
        ("France aims to reduce the number of its troops to about 2,500", 2_500, "arrived", "planned"),
        ("U.S. to go down to 2,500 troops in Afghanistan by early 2021", 2_500, "arrived", "planned"),
        # A number in words is read like digits.
        ("ten thousand troops have arrived", 10_000, "expected", "sent"),
        # a force there now, or one that could be added
        ("Eastern Ladakh is typically manned by 20,000 soldiers.", 20_000, "other", "sent"),
        ("France would like to withdraw some troops from its current 5,100-strong force.", 5_100, "planned", "sent"),
        ("The group had about 50,000 mercenaries in Ukraine.", 50_000, "other", "sent"),
        ("Officials fear 100,000 reservists could be added to the force.", 100_000, "deployed", "planned"),
    ],
)
def test_unambiguous_wording_corrects_the_status(sentence: str, figure: int, model_said: str, corrected: str) -> None:
    assert status_from_text(sentence, figure, model_said) == corrected


@pytest.mark.parametrize(
    ("sentence", "figure", "model_said"),
    [
        # both ways at once, and no verb right before the figure decides
        ("Troops numbering 10,000 have arrived and more will come", 10_000, "expected"),
        # neither way
        ("part of an estimated 12,000-strong force", 12_000, "expected"),
        # already in the group the text supports
        ("North Korea is preparing to send 10,000 soldiers by December", 10_000, "expected"),
        # the figure is not written in digits here
    ],
)
def test_ambiguous_or_agreeing_wording_keeps_the_models_status(sentence: str, figure: int, model_said: str) -> None:
    assert status_from_text(sentence, figure, model_said) is None


def test_the_whole_force_a_loss_is_part_of_is_no_loss() -> None:
    from summarizer.text.tense import casualty_status

    sentence = "The army says it has killed more than 4,000 of the group's estimated 9,000 fighters."
    assert casualty_status(sentence, 9_000, "killed") == "deployed"
    assert casualty_status(sentence, 4_000, "killed") is None  # the loss itself stays a loss


def test_a_count_named_as_losses_governs_a_figure_far_after_it() -> None:
    from summarizer.text.tense import casualty_status

    sentence = "The army raised the number of its troops killed in the fighting over the valley to 4,425."
    assert casualty_status(sentence, 4_425, "arrived") == "killed"


def test_losses_put_at_a_figure_are_what_it_counts() -> None:
    from summarizer.text.tense import casualty_status

    sentence = "Israel estimates Hezbollah's losses from the operation in Lebanon at around 1,500 militants, he said."
    assert casualty_status(sentence, 1_500, "other") == "casualties"
    assert casualty_status("The army put the death toll among its troops at 300.", 300, "deployed") == "killed"
    assert casualty_status("The army put the death toll among its troops at 300.", 300, "killed") is None


def test_neutralized_counts_losses_of_every_kind() -> None:
    sentence = "A total of 673 YPG terrorists have been neutralized since the operation began, the ministry said."
    assert casualty_status(sentence, 673, "arrived") == "casualties"


@pytest.mark.parametrize(
    "sentence",
    [
        "The new force is authorised to deploy up to 5,500 personnel.",
        "The capital has pledged to send a total of 1,000 officers.",
    ],
)
def test_an_authorised_or_pledged_force_is_to_come(sentence: str) -> None:
    figure = 5_500 if "5,500" in sentence else 1_000
    assert status_from_text(sentence, figure, "arrived") == "planned"


@pytest.mark.parametrize(
    "sentence",
    [
        "The military said 11 soldiers were martyred in the attack.",
        "We confirm the loss of three of our soldiers in the clash.",
        "Three soldiers lose their lives in border clashes.",
        "The army said 12 troops have paid the price with their lives.",
    ],
)
def test_martyrs_a_loss_and_lost_lives_are_the_killed(sentence: str) -> None:
    figure = 11 if "11" in sentence else 12 if "12" in sentence else 3
    assert casualty_status(sentence, figure, "other") == "killed"


def test_the_part_of_a_force_that_was_killed_does_not_make_the_whole_a_loss() -> None:
    sentence = "France deployed 5,000 soldiers, 59 of whom have paid the price with their lives."
    assert casualty_status(sentence, 59, "deployed") == "killed"
    assert casualty_status(sentence, 5_000, "deployed") is None
    # "most of them" is no number: the whole is the loss
    assert casualty_status("Some 2,000 soldiers, most of them killed in a week, were lost.", 2_000, "other") == "killed"


def test_a_date_s_day_is_not_the_count_and_bodies_are_the_killed() -> None:
    sentence = "26 March 2002 (Agency) - 1,200 soldiers have been killed and 26 are missing in action."
    assert casualty_status(sentence, 26, "in training") == "casualties"
    assert casualty_status("His lab has received about 340 bodies of troops.", 340, "in training") == "killed"


# -- the parse's reading: each time rule on its own examples --------------------------------


@pytest.mark.parametrize(
    ("rule_id", "sentence", "figure"),
    [(r.id, s, n) for r in (*TIME_RULES, NOW_RULE, LOCATED_RULE) for s, n in r.examples],
    ids=lambda x: str(x)[:30],
)
def test_each_time_rule_decides_its_examples(rule_id: str, sentence: str, figure: int) -> None:
    rule = time_from_parse(sentence, figure)
    assert rule is not None and rule.id == rule_id


def test_the_time_rules_are_a_table_with_unique_ids() -> None:
    assert len({r.id for r in TIME_RULES}) == len(TIME_RULES) and all(r.examples for r in TIME_RULES)


@pytest.mark.parametrize(
    ("sentence", "figure", "model_said", "corrected"),
    [
        ("A second contingent of 600 officers is scheduled to arrive later.", 600, "arrived", "planned"),
        # the part's verb is not the whole's: 2,500 were hoped for, 1,000 were sent
        (
            "Of the 2,500 officers the mission had hoped to deploy, about 1,000 have been sent.",
            2500,
            "deployed",
            "planned",
        ),
        (
            "Of the 2,500 officers the mission had hoped to deploy, about 1,000 have been sent.",
            1000,
            "planned",
            "deployed",
        ),
        ("There are about 900 American soldiers in the country.", 900, "expected", "deployed"),
        # what is said keeps its own time; a loss is left alone
        ("The ministry said 3,000 soldiers arrived on Monday.", 3000, "expected", "deployed"),
        ("He said 40 soldiers will be killed if they stay.", 40, "killed", None),
    ],
)
def test_the_governing_verbs_correct_the_status_group(
    sentence: str, figure: int, model_said: str, corrected: str | None
) -> None:
    assert status_from_parse(sentence, figure, model_said)[0] == corrected


def test_a_headline_with_no_verb_says_nothing_and_ends() -> None:
    assert time_from_parse("Kenya's 400 police officers", 400) is None


# status.not-the-loss: the sentence's words of loss are said of another count.
@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("Twelve soldiers died after some 400 rebels stormed the garrison at dawn.", 400),
        ("A column carrying about 250 marines reached the port, where two sailors were wounded.", 250),
        ("Ten guards were killed when more than 300 insurgents attacked a 150-strong unit.", 300),
    ],
)
def test_troops_doing_something_else_in_a_sentence_of_losses_are_not_the_loss(sentence: str, figure: int) -> None:
    assert loss_said_of_others(sentence, figure)


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("Militants ambushed a convoy, killing 75 soldiers.", 75),
        ("Some 59 of them have paid the price with their lives.", 59),
        ("The attack left 40 soldiers dead.", 40),
        ("The army said the casualty count was approaching 3,000.", 3000),
        ("Kyiv reports 200 dead soldiers.", 200),
        ("The rebels said they had captured 120 troops.", 120),
    ],
)
def test_a_loss_said_of_the_figure_s_troops_or_their_clause_is_theirs(sentence: str, figure: int) -> None:
    assert not loss_said_of_others(sentence, figure)


@pytest.mark.parametrize(
    ("headline", "figure"),
    [("Rebels kill 40 police in ambush", 40), ("Over 1000 soldiers die in border clashes", 1000)],
)
def test_a_headline_s_present_tense_is_a_loss(headline: str, figure: int) -> None:
    assert casualty_status(headline, figure, "deployed") == "killed"

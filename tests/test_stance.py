"""A reaction's stance read from its sentence, and casualty counts read from the words
beside a figure (plain data)."""

from __future__ import annotations

import pytest

from summarizer.text.stance import RULES, cues, stance_from_text
from summarizer.text.tense import casualty_status


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("The Kremlin denied that any troops had crossed the border.", "deny"),
        ("Moscow rejected the report as baseless.", "deny"),
        ("The minister confirmed the deployment on Tuesday.", "confirm"),
        ("The spokesman acknowledged the count was higher than briefed.", "confirm"),
        ("The foreign ministry condemned the move as a provocation.", "condemn"),
        ("NATO's chief warned of a dangerous escalation.", "warn"),
        ("The president urged allies to send more air defence.", "call to action"),
        ("Officials said they were deeply concerned by the build-up.", "concern"),
        ("The general threatened to respond with force.", "threaten"),
        ("The ministry said 3,000 troops were sent.", None),
        ("Islamabad accused India of targeting civilians.", "condemn"),
        ('"Fake news. They must stop laughing at us," the spokesman told EFE.', "deny"),
        ('"The group is hiding its fatalities," the general said.', "condemn"),
        ("Cambodia called the strikes brutal military aggression.", "condemn"),
        ('The minister reported 600 wounded, cautioning that "the real number may be higher".', "warn"),
        ("Rutte said the move marks a \u201cdangerous expansion of the war\u201d.", "warn"),
        ("Austin stressed the potential serious implications for regional security.", "warn"),
        ("The president vows U.S. troops will never set foot in the capital.", "threaten"),
        ("The minister vowed to continue the talks.", None),
        ('"They keep reinforcing and it is unclear what the intent is," the spokesman said.', "concern"),
        ('"They are throwing them into a meat grinder," Kirby said.', "condemn"),
    ],
)
def test_stance_from_the_verbs(sentence: str, stance: str | None) -> None:
    assert stance_from_text(sentence) == stance


@pytest.mark.parametrize(
    ("sentence", "figure", "current", "status"),
    [
        ("The group lost more than 4,000 fighters in the siege.", 4_000, "deployed", "killed"),
        ("About 1,200 were killed in action, the spokesman said.", 1_200, "sent", "killed"),
        ("Some 700 soldiers were wounded in the clashes.", 700, "sent", "wounded"),
        (
            "More than 5,000 members of the militia, a volunteer unit, have been injured or killed.",
            5_000,
            "sent",
            "casualties",
        ),
        ("The army suffered 8,000 casualties, including 2,000 killed.", 8_000, "killed", "casualties"),
        # Recruits are not losses, even when deaths are mentioned further on.
        ("Of the 9,000 convicts it recruited to fight, about a fifth died.", 9_000, "killed", "other"),
        # A verb governing the figure decides; a loss in a later clause does not.
        (
            "The country has sent 6,000 troops to the front, and some were killed in the first week.",
            6_000,
            "sent",
            None,
        ),
        ("The country has sent 6,000 troops to the front.", 6_000, "sent", None),
        # A number in words is read like digits.
        ("The army confirmed that five soldiers died during the operation.", 5, "arrived", "killed"),
    ],
)
def test_casualties_are_read_from_the_words_beside_the_figure(
    sentence: str, figure: int, current: str, status: str | None
) -> None:
    assert casualty_status(sentence, figure, current) == status


@pytest.mark.parametrize(
    "sentence",
    [
        "The spokesman called the deployment “another reckless and dangerous action” by Moscow.",
        "The minister criticized the plan as a provocation.",
        "She described the move as irresponsible.",
    ],
)
def test_calling_it_reckless_or_criticising_it_condemns(sentence: str) -> None:
    assert stance_from_text(sentence) == "condemn"


def test_calling_on_someone_is_still_a_call_to_action() -> None:
    assert stance_from_text("He called on Russia to withdraw its troops.") == "call to action"


@pytest.mark.parametrize(
    ("rule_id", "sentence"), [(r.id, s) for r in RULES for s in r.examples], ids=lambda x: str(x)[:30]
)
def test_each_cue_row_reads_its_examples_first(rule_id: str, sentence: str) -> None:
    assert cues(sentence)[0].rule == rule_id


def test_the_cue_rows_have_unique_ids() -> None:
    assert len({r.id for r in RULES}) == len(RULES)


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        # the lemma, not the spelling: a noun, a plural, a headline's capitals
        ("Republican leaders issued stark warnings about a hasty exit.", "warn"),
        ("North Korean Troops Enter Kursk: NATO Chief Confirms", "confirm"),
        # words that look like a cue and take no stance where they stand
        ("We will believe de-escalation when we see their withdrawal.", None),
        ("There have been no official reports concerning losses since March.", None),
    ],
)
def test_cues_are_read_from_the_parse(sentence: str, stance: str | None) -> None:
    assert stance_from_text(sentence) == stance


@pytest.mark.parametrize(
    "sentence",
    [
        "Pakistan has not independently confirmed the casualty numbers.",  # negated
        "The raid left over 15 militants confirmed dead and many others wounded.",  # said of the dead
        "Ahmed announced confirmed statistics on the conflict.",  # an adjective
    ],
)
def test_a_confirmation_nobody_makes_is_no_confirm_cue(sentence: str) -> None:
    assert all(c.rule != "stance.confirm.verb" for c in cues(sentence))

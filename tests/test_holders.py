"""Who takes a stance, read from the parse (:mod:`summarizer.text.holders`): each row by
its id on its own examples, the fallbacks, and what is nobody's stance."""

from __future__ import annotations

import pytest

from summarizer.text.holders import ROWS, is_title, reports_speech, stance_holders, states_a_view, titled_person


@pytest.mark.parametrize(
    ("row_id", "sentence", "stance", "name"),
    [(r.id, s, stance, name) for r in ROWS for s, stance, name in r.examples],
    ids=lambda x: str(x)[:30],
)
def test_each_row_reads_its_examples(row_id: str, sentence: str, stance: str, name: str) -> None:
    held = [(h.stance, h.name, h.rule) for h in stance_holders(sentence)]
    assert (stance, name, row_id) in held


def test_the_rows_are_a_table_with_unique_ids_and_precedences() -> None:
    assert len({r.id for r in ROWS}) == len(ROWS) == len({r.precedence for r in ROWS})


def test_two_holders_of_one_sentence_each_keep_their_own_and_neither_relays_the_other() -> None:
    held = stance_holders("Russia has insisted it will not invade, while President Biden has warned of an attack.")
    assert [(h.stance, h.name, h.relayed_by) for h in held] == [("deny", "Russia", ()), ("warn", "Biden", ())]


@pytest.mark.parametrize(
    ("sentence", "held"),
    [
        ("They took the city, though Rwanda denies backing the rebels.", [("deny", "Rwanda")]),
        (
            "Ms Singh said Defence Secretary Lloyd Austin has already publicly cautioned that it is serious.",
            [("warn", "Lloyd Austin")],
        ),
        ("Defense Secretary Chuck Hagel was concerned enough to call Moscow.", [("concern", "Chuck Hagel")]),
        (
            '"They continue to reinforce and it\'s unclear what the intent is," said Rear Adm. John Kirby.',
            [("concern", "John Kirby")],
        ),
    ],
)
def test_the_holder_of_each_cue(sentence: str, held: list[tuple[str, str]]) -> None:
    assert [(h.stance, h.name) for h in stance_holders(sentence)] == held


def test_who_relays_a_stance_is_not_who_takes_it() -> None:
    sentence = 'Kirby said Shoygu assured Hagel "that they have no intention of crossing the border".'
    [held] = stance_holders(sentence)
    assert (held.stance, held.name, held.relayed_by) == ("deny", "Shoygu", ("Kirby",))


@pytest.mark.parametrize(
    "sentence",
    [
        # a thing is no holder, whatever its clause's verb
        "Pyongyang's deepening involvement has raised concerns in Seoul.",
        # a stance word that only describes ("the disputed region") or is reported, not taken
        "Indian forces prepared an offensive in the disputed Kashmir region.",
        "Ghai said activities amid the escalation of tension were no less than a war.",
        # the subject of a for-to clause voices nothing
        "Zelensky has used the support for Russia to call for more decisive action.",
        # commentators are no officials
        "Analysts warn that the reinforcements could change the front.",
    ],
)
def test_what_names_no_holder(sentence: str) -> None:
    assert all(h.name is None or h.name == "Zelensky" for h in stance_holders(sentence))


def test_a_passive_stance_is_its_agents() -> None:
    held = stance_holders("The deployment was confirmed by NATO's chief on Monday.")
    assert [(h.stance, h.name) for h in held] == [("confirm", "NATO's chief")]


def test_a_quotation_that_closes_later_is_the_speaker_named_where_it_closes() -> None:
    opening = '"The group is hiding its dead commanders.'
    following = ['It has lost hundreds of fighters," General Adam Black said.']
    [held] = stance_holders(opening, "", following)
    assert (held.stance, held.name, held.rule) == ("condemn", "Adam Black", "holder.quote-closes-later")


def test_a_quotation_the_sentence_before_opened_is_the_speakers_words() -> None:
    previous = '"We will not be fooled.'
    [held] = stance_holders("The group is hiding its dead,” General Adam Black said.", previous)
    assert (held.stance, held.name) == ("condemn", "Adam Black")


def test_he_said_after_a_titled_speaker_is_that_speaker() -> None:
    previous = "The president said the claims from the Kremlin were baseless."
    held = stance_holders('"It is a dangerous move," he said on Friday.', previous)
    assert [(h.stance, h.name, h.rule) for h in held] == [("warn", "president", "holder.quoted")]


def test_a_title_alone_is_the_person_an_earlier_sentence_gave_it() -> None:
    before = ["Armenian Prime Minister Nikol Pashinyan spoke in Yerevan.", "Fighting went on overnight."]
    assert is_title("prime minister") and not is_title("Nikol Pashinyan")
    assert titled_person("prime minister", before) == "Nikol Pashinyan"
    assert titled_person("defence minister", before) is None
    assert titled_person("Nikol Pashinyan", before) is None


def test_he_is_the_person_who_spoke_last_through_sentences_that_say_he_said() -> None:
    earlier = ["Israel estimates the losses at 1,500 militants, Chief of the General Staff Herzi Halevi said."]
    previous = '"We estimate there are more," he said.'
    held = stance_holders('"The group is hiding its dead commanders," he said.', previous, (), earlier)
    assert [(h.stance, h.name, h.rule) for h in held] == [("condemn", "Herzi Halevi", "holder.quoted")]


def test_a_name_that_opens_the_sentence_holds_its_stance_even_tagged_as_a_noun() -> None:
    sentence = (
        'Guterres "urges Armenia and Azerbaijan to resume negotiations", a statement from the United Nations'
        " chief's spokesman said."
    )
    [held] = stance_holders(sentence)
    assert (held.stance, held.name, held.rule) == ("call to action", "Guterres", "holder.subject")
    assert held.relayed_by  # the statement only relays it


@pytest.mark.parametrize(
    ("sentence", "reports", "view"),
    [
        ("The mercenaries are fighting alongside Russia.", False, False),
        ("The ministry said 300 soldiers had arrived.", True, False),
        ("According to the ministry, 300 soldiers arrived.", True, False),
        ("Macron hailed the soldiers' courage.", True, True),
        ('"We will not retreat," the general said.', True, True),
    ],
)
def test_a_sentence_reports_speech_and_states_a_view_by_its_verbs(sentence: str, reports: bool, view: bool) -> None:
    assert (reports_speech(sentence), states_a_view(sentence)) == (reports, view)


def test_a_pronoun_after_quotations_with_no_speaker_is_who_last_spoke_by_name() -> None:
    earlier = [
        '"We are monitoring a large deployment along the border," spokesman John Kirby told reporters.',
        '"That includes an unprecedented staging of artillery.',
        'We believe that this is a very destabilising development."',
    ]
    sentence = 'He added: "We are calling on Serbia to withdraw those forces from the border."'
    holders = stance_holders(sentence, earlier[-1], (), earlier[:-1])
    assert [(h.stance, h.name) for h in holders] == [("call to action", "John Kirby")]

"""The model cites sentences; the tool writes the evidence. Plain data, no model."""

from __future__ import annotations

from typing import Any

import pytest

from schemas.extraction import FIGURE_PATTERN, ArticleAnswer, answer_model
from summarizer.extraction.extractor import _complete_items
from summarizer.grounding.citations import Citations
from summarizer.text.sentences import sentence_spans
from summarizer.text.sources import source_kind

TEXT = (
    "North Korea moves troops.\n"
    "The Pentagon said about 10,000 North Korean troops are in Russia.\n"
    "Officials met in Seoul on Monday.\n"
    "Ukraine says 11 to 12,000 soldiers have arrived in Kursk.\n"
    "NATO chief Mark Rutte called it a dangerous escalation."
)


def _answer(**lists: list[dict[str, Any]]) -> ArticleAnswer:
    return ArticleAnswer.model_validate({"figures": [], "reactions": [], **lists})


def _figure(sentence: int, figure: str) -> dict[str, Any]:
    return {"sentence": sentence, "figure": figure, "subject": "troops", "status": "sent"}


def _resolve(answer: ArticleAnswer) -> Any:
    return _resolve_in(TEXT, answer)


def _resolve_in(text: str, answer: ArticleAnswer) -> Any:
    return Citations(text, sentence_spans(text)).resolve(answer)


def test_a_cited_figure_gets_its_sentence_as_verbatim_evidence_with_offsets() -> None:
    extraction, unverified, notes = _resolve(_answer(figures=[_figure(2, "10,000")]))
    (est,) = extraction.troop_estimates
    assert est.count == 10_000 and est.quote == TEXT[est.start : est.end]
    assert est.quote == "The Pentagon said about 10,000 North Korean troops are in Russia."
    assert est.attribution.kind == "unattributed"  # who credits it is read next, from the sentence
    assert not unverified and not notes


def test_a_figure_cited_one_sentence_off_is_moved_and_the_move_is_noted() -> None:
    extraction, unverified, notes = _resolve(_answer(figures=[_figure(3, "10,000")]))
    (est,) = extraction.troop_estimates
    assert "10,000" in est.quote and not unverified
    assert notes == ["figure 10,000 cited on sentence 3; it is stated in sentence 2"]


def test_a_figure_no_sentence_states_is_set_apart() -> None:
    extraction, unverified, _ = _resolve(_answer(figures=[_figure(2, "6,000"), _figure(2, "26")]))
    assert not extraction.troop_estimates
    assert [u.reason for u in unverified] == [
        "no sentence of the article states 6,000",
        "no sentence of the article states 26",
    ]


def test_a_figure_inside_a_larger_number_is_not_stated_by_it() -> None:
    text = "Officials said 26,000 North Korean troops have been sent to the Kursk region."
    extraction, unverified, _ = Citations(text, sentence_spans(text)).resolve(_answer(figures=[_figure(1, "6,000")]))
    assert not extraction.troop_estimates and len(unverified) == 1


def test_a_range_is_read_from_the_sentence_whatever_end_the_model_gave() -> None:
    extraction, _, _ = _resolve(_answer(figures=[_figure(4, "12,000")]))
    (est,) = extraction.troop_estimates
    assert (est.count, est.low, est.high) == (None, 11_000, 12_000)


def test_a_sentence_number_outside_the_article_is_not_evidence() -> None:
    reaction = {"sentence": 40, "speaker": "Mark Rutte"}
    extraction, unverified, _ = _resolve(_answer(reactions=[reaction]))
    assert unverified[0].reason == "cites sentence 40, which the article does not have"
    # What is shown is the article's own statement ("called it a dangerous escalation"),
    # which the tool reads itself, not the answer's citation.
    assert [(r.stance, r.quote) for r in extraction.official_reactions] == [
        ("condemn", "NATO chief Mark Rutte called it a dangerous escalation.")
    ]


def test_a_reaction_is_summarized_in_the_articles_own_words() -> None:
    reaction = {"sentence": 5, "speaker": "Mark Rutte"}
    extraction, _, _ = _resolve(_answer(reactions=[reaction]))
    (r,) = extraction.official_reactions
    assert r.summary == "NATO chief Mark Rutte called it a dangerous escalation." == r.quote


def test_actors_and_places_come_from_the_parse_each_with_its_rule_and_first_sentence() -> None:
    extraction, unverified, _ = _resolve(_answer())
    assert [(a.name, a.rule) for a in extraction.actors] == [
        ("Pentagon", "actor.subject"),
        ("NATO", "actor.source"),
        ("Mark Rutte", "actor.subject"),
    ]
    assert extraction.actors[2].quote.startswith("NATO chief Mark Rutte")
    assert {p.name: p.quote for p in extraction.locations} == {
        "Russia": "The Pentagon said about 10,000 North Korean troops are in Russia.",
        "Seoul": "Officials met in Seoul on Monday.",
        "Kursk": "Ukraine says 11 to 12,000 soldiers have arrived in Kursk.",
    }
    assert not unverified


@pytest.mark.parametrize("written", ["10,000", "3000", "1.5 million", "12 thousand", "10 000"])
def test_the_figure_pattern_takes_numbers_as_the_press_writes_them(written: str) -> None:
    import re

    assert re.fullmatch(FIGURE_PATTERN.strip("^$"), written)


@pytest.mark.parametrize("written", ["https://www.nato.int", "thousands", "12 November 2024", ""])
def test_the_figure_pattern_refuses_links_words_and_dates(written: str) -> None:
    import re

    assert not re.fullmatch(FIGURE_PATTERN.strip("^$"), written)


def test_a_request_asks_for_every_figure_found_and_no_more_than_the_article_holds() -> None:
    schema = answer_model(2, 3).model_json_schema()
    assert schema["title"] == "ArticleAnswer"
    assert (schema["properties"]["figures"]["minItems"], schema["properties"]["figures"]["maxItems"]) == (2, 3)
    assert schema["properties"]["reactions"]["maxItems"] >= 1  # every list is bounded
    assert set(schema["properties"]) == {"figures", "reactions"}  # names and places come from the parse


def test_a_cut_off_answer_keeps_its_complete_items_but_not_the_one_it_was_writing() -> None:
    cut = (
        '{"figures": [{"sentence": 2, "figure": "10,000", "subject": "troops", "status": "sent", '
        '"source": "Pentagon", "organization": null}], "reactions": [{"sentence": 5, "speaker": "Mark Rutte"}, '
        '{"sentence": 5, "speaker": "NATO chi'
    )
    answer = _complete_items(cut, cut=True)
    assert answer is not None and len(answer.figures) == 1
    assert [r.speaker for r in answer.reactions] == ["Mark Rutte"]  # "NATO chi..." is not kept


def test_a_cut_number_is_never_kept_as_a_smaller_figure() -> None:
    cut = '{"figures": [{"sentence": 2, "figure": "10,000", "subject": "troops", "status": "sent", "source": null, '
    cut += '"organization": null}, {"sentence": 4, "figure": "12,000", "subject": "troops", "status": "sent", '
    cut += '"source": null, "organization": null'  # complete fields, but the item never closed
    answer = _complete_items(cut, cut=True)
    assert answer is not None and [f.figure for f in answer.figures] == ["10,000"]


def test_an_answer_with_nothing_complete_is_nothing() -> None:
    assert _complete_items('{"figures": [{"sentence": 2, "fig', cut=True) is None
    assert _complete_items("not json at all", cut=False) is None


@pytest.mark.parametrize(
    ("source", "organization", "kind"),
    [
        ("Sabrina Singh", "Pentagon", "military"),
        ("South Korea's National Intelligence Service", None, "intelligence"),
        ("U.S. officials", None, "government"),
        ("officials", None, "anonymous"),
        ("sources familiar with the matter", None, "anonymous"),
        ("Volodymyr Zelensky", "Ukraine", "government"),
        ("Reuters", None, "media"),
        (None, None, "unattributed"),
    ],
)
def test_the_kind_of_a_source_is_read_from_its_names(source: str | None, organization: str | None, kind: str) -> None:
    assert source_kind(source, organization) == kind


def test_a_stance_the_article_states_outright_is_a_reaction_even_if_the_answer_left_it_out() -> None:
    text = (
        "Russia has denied any plan to invade.\n"
        "On Friday, Defence Secretary Ann Lee warned of a very high chance of an attack.\n"
        "She urged allies to send help.\n"
        "Critics warned that the talks would fail.\n"  # nobody official named
        "The figures were disputed.\n"  # no speaker before the verb
        "The ministry confirmed that 3,000 troops had arrived."  # confirming is the model's to judge
    )
    citations = Citations(text, sentence_spans(text))
    answer = _answer(reactions=[{"sentence": 2, "speaker": "Ann Lee"}])
    extraction, _, _ = citations.resolve(answer)
    found = [(r.speaker, r.stance, r.quote) for r in extraction.official_reactions]
    assert found == [
        ("Ann Lee", "warn", "On Friday, Defence Secretary Ann Lee warned of a very high chance of an attack."),
        ("Russia", "deny", "Russia has denied any plan to invade."),
    ]
    # "She urged ..." is Ann Lee's, whom the answer already has: not a second reaction.
    assert all(r.quote == text[r.start : r.end] for r in extraction.official_reactions)


def test_an_outlet_a_titled_person_or_an_international_body_is_no_place() -> None:
    text = (
        "Defense Secretary Chuck Hagel spoke in Kyiv.\n"
        "Rep. Mike Turner said troops were near Kharkiv, according to The Washington Post."
    )
    text += "\nThe United Nations and the OSCE urged talks."
    # a body's long name holds "and" and "in": no list of places ("Co-operation")
    text += "\nThe U.S. envoy to the Organization for Security and Co-operation in Europe spoke on Friday."
    extraction, _, _ = Citations(text, sentence_spans(text)).resolve(_answer())
    assert [p.name for p in extraction.locations] == ["Kyiv", "Kharkiv", "Europe"]
    assert [a.name for a in extraction.actors] == ["Chuck Hagel", "Mike Turner", "United Nations", "OSCE"]


def test_a_country_or_an_outlet_is_no_actor_and_a_border_gives_its_places() -> None:
    text = (
        "Russia denies it, The Washington Post reported.\n"
        "Troops massed along the border between Ukraine and Belarus, near the Ladakh border and the eastern border."
    )
    extraction, _, _ = Citations(text, sentence_spans(text)).resolve(_answer())
    assert extraction.actors == []
    assert [p.name for p in extraction.locations] == ["Ukraine", "Belarus", "Ladakh"]


def test_an_actor_is_a_body_not_its_members_a_country_s_troops_or_a_phrase() -> None:
    text = (
        "The IDF said 3,500 Hezbollah operatives were killed, and Russian Troops held the line.\n"
        "The Syrian Democratic Forces said Operation Serval was over, Your Content has learned.\n"
        "Russia's total combat losses are unknown, analysts say."
    )
    extraction, _, _ = Citations(text, sentence_spans(text)).resolve(_answer())
    assert [a.name for a in extraction.actors] == ["IDF", "Hezbollah", "Syrian Democratic Forces"]


def test_a_country_the_article_puts_troops_in_is_a_place_the_answer_left_out() -> None:
    text = (
        "Russia denies it, with representatives from Japan present.\n"
        "The US will withdraw its 1,000 troops from Niger, according to US officials, and send them to Chad."
    )
    extraction, _, _ = Citations(text, sentence_spans(text)).resolve(_answer())
    # not Russia (who acts), not the US (whose), not Japan (where representatives come from)
    assert [p.name for p in extraction.locations] == ["Niger", "Chad"]


def test_allies_crowds_and_equipment_are_no_actors_and_a_named_border_is_a_place() -> None:
    text = (
        "The Maute and its allies lost 13 fighters; civilians fled as F-16 fighter jets struck"
        " along the Thailand-Cambodia border."
    )
    extraction, _, _ = Citations(text, sentence_spans(text)).resolve(_answer())
    assert [a.name for a in extraction.actors] == ["Maute"]
    assert [(p.name, p.rule) for p in extraction.locations] == [("Thailand-Cambodia border", "place.border")]


def test_a_unit_a_group_or_equipment_is_no_place_and_a_capital_named_as_where_is() -> None:
    text = (
        "The 4th Infantry Division and the Maute group fought in Marawi, where F-16 jets struck.\n"
        "A delegation will head to the capital Niamey."
    )
    extraction, _, _ = Citations(text, sentence_spans(text)).resolve(_answer())
    assert [p.name for p in extraction.locations] == ["Marawi", "Niamey"]
    assert [a.name for a in extraction.actors] == ["4th Infantry Division", "Maute group"]


def test_a_person_the_parser_names_is_a_person_and_the_body_in_the_title_an_actor() -> None:
    text = "NATO chief Mark Rutte confirmed it on Monday."
    extraction, _, _ = Citations(text, sentence_spans(text)).resolve(_answer())
    assert [(a.name, a.kind) for a in extraction.actors] == [("NATO", "other"), ("Mark Rutte", "person")]


def test_a_speaker_is_named_as_the_article_spells_it() -> None:
    text = "Pentagon spokesman John Kirby warned of an escalation.\nThe talks went on."
    answer = _answer(reactions=[{"sentence": 1, "speaker": "john kirby"}])
    extraction, _, _ = _resolve_in(text, answer)
    assert [r.speaker for r in extraction.official_reactions] == ["John Kirby"]


def test_a_reaction_is_the_speaker_s_the_sentence_names() -> None:
    text = (
        "Yevgeny Prigozhin runs the group. "
        'The group treats recruits like "cannon fodder," Kirby said Friday, "throwing them into a meat grinder."'
    )
    answer = _answer(reactions=[{"sentence": 2, "speaker": "Prigozhin"}])
    extraction, _, _ = _resolve_in(text, answer)
    assert [r.speaker for r in extraction.official_reactions] == ["Kirby"]


def test_a_quotation_no_word_gives_a_stance_is_listed_from_the_parse_not_the_answer() -> None:
    text = 'Adam Black visited the base. "We are getting close to the end of the year," Black said.'
    answer = _answer(reactions=[{"sentence": 2, "speaker": "Adam Black"}])
    extraction, _, _ = _resolve_in(text, answer)
    assert [(r.speaker, r.stance, r.rule) for r in extraction.official_reactions] == [
        ("Black", "other", "statement.quoted")
    ]


def test_a_quotation_that_gives_its_reason_is_listed_as_justifying() -> None:
    text = 'Adam Black visited the base. "We are there to protect our people," Black said.'
    extraction, _, _ = _resolve_in(text, _answer())
    assert [(r.speaker, r.stance, r.stance_rule) for r in extraction.official_reactions] == [
        ("Black", "justify", "stance.justify.purpose")
    ]


def test_a_quoted_statement_is_no_one_s_whose_name_opens_with_a_preposition_or_counts() -> None:
    from summarizer.grounding.citations import _could_speak

    assert _could_speak("Adam Black") and _could_speak("the defence ministry")
    assert not _could_speak("into Chinese territory")
    assert not _could_speak("Over 400 people at one point")
    # a conjunction, a participle, a dateline's outlet, a clause: no one who speaks
    assert not _could_speak("as Berlin") and not _could_speak("including airbases inside the country")
    assert not _could_speak("Erbil, Iraq (CNN)")
    assert not _could_speak("Some troops have arrived in the southern port")
    assert _could_speak("Houthis") and _could_speak("Saudi-led coalition") and _could_speak("Lt. Gen. Ann Reyes")


def test_an_answers_reaction_whose_speaker_is_a_dateline_or_a_clause_goes_to_who_the_sentence_names_or_none() -> None:
    text = (
        "Erbil, Iraq (CNN) The army disputed the count on Monday. Some troops have arrived in the port.\n"
        'But it warned that "false news" could help the militants.'
    )
    answer = _answer(
        reactions=[
            {"sentence": 3, "speaker": "Erbil, Iraq (CNN)"},
            {"sentence": 3, "speaker": "Some troops have arrived in the port"},
        ]
    )
    extraction, unverified, _ = _resolve_in(text, answer)
    # "it" is the army the sentence before names: the stance is the army's
    assert [r.speaker for r in extraction.official_reactions] == ["army"]
    assert [u.item["speaker"] for u in unverified] == ["Erbil, Iraq (CNN)", "Some troops have arrived in the port"]
    alone = 'Erbil, Iraq (CNN) "False news could help the militants," a warning read.'
    extraction, unverified, _ = _resolve_in(alone, _answer(reactions=[{"sentence": 1, "speaker": "Erbil, Iraq (CNN)"}]))
    assert extraction.official_reactions == [] and [u.reason for u in unverified] == [
        "'Erbil, Iraq (CNN)' is not a name the sentence's speaker could have"
    ]


def test_an_answers_reaction_keeps_the_stance_its_sentence_states() -> None:
    text = 'Adam Black visited the base. "The claims are false," Black said.'
    answer = _answer(reactions=[{"sentence": 2, "speaker": "Adam Black"}])
    extraction, _, _ = _resolve_in(text, answer)
    assert [(r.speaker, r.stance, r.rule) for r in extraction.official_reactions] == [("Adam Black", "deny", "answer")]


def test_an_accusation_inside_a_quotation_is_its_speakers_not_the_accuseds() -> None:
    text = 'General Adam Black spoke on Friday. "The group is hiding its dead commanders," he said.'
    answer = _answer(reactions=[{"sentence": 2, "speaker": "Adam Black"}])
    extraction, _, _ = _resolve_in(text, answer)
    assert [(r.speaker, r.stance) for r in extraction.official_reactions] == [("Adam Black", "condemn")]


def test_what_was_said_with_no_stance_and_no_own_words_is_no_reaction() -> None:
    text = "The deployment has doubled, a military official said, declining to give numbers."
    answer = _answer(reactions=[{"sentence": 1, "speaker": "military official"}])
    extraction, unverified, _ = _resolve_in(text, answer)
    assert extraction.official_reactions == []
    assert "no stance" in unverified[0].reason


def test_a_quoted_statement_or_a_participle_of_warning_is_a_reaction_the_answer_left_out() -> None:
    text = (
        'General Adam Black spoke in the capital. "We will believe it when we see their withdrawal," Black said.\n'
        "Minister Ann Lee also reported heavy losses, cautioning that the real number may be higher."
    )
    extraction, _, _ = _resolve_in(text, _answer())
    assert [(r.speaker, r.stance) for r in extraction.official_reactions] == [
        ("Black", "other"),
        ("Ann Lee", "warn"),
    ]


def test_two_speakers_of_one_sentence_keep_their_reactions() -> None:
    text = 'Russia has insisted it will not invade, while President Biden has warned of a "very high" chance.'
    answer = _answer(
        reactions=[
            {"sentence": 1, "speaker": "Russia"},
            {"sentence": 1, "speaker": "President Biden"},
        ]
    )
    extraction, _, _ = _resolve_in(text, answer)
    assert [(r.speaker, r.stance) for r in extraction.official_reactions] == [
        ("Russia", "deny"),
        ("President Biden", "warn"),
    ]


def test_a_reaction_on_a_sentence_that_reports_no_statement_is_set_aside() -> None:
    text = "The mercenaries are fighting alongside Russia in the conflict. Kirby said the toll was rising."
    answer = _answer(reactions=[{"sentence": 1, "speaker": "Russian government"}])
    extraction, unverified, _ = _resolve_in(text, answer)
    assert not extraction.official_reactions
    assert "reports no statement" in unverified[0].reason


def test_a_reaction_cited_on_a_heading_moves_to_the_sentence_naming_its_speaker() -> None:
    text = (
        "Broader Implications for Global Security\n"
        "Deputy adviser Kim Tae-hyo warned that Seoul could adopt phased measures in response."
    )
    answer = _answer(reactions=[{"sentence": 1, "speaker": "Kim Tae-hyo"}])
    extraction, unverified, notes = _resolve_in(text, answer)
    (reaction,) = extraction.official_reactions
    assert reaction.quote.startswith("Deputy adviser Kim Tae-hyo warned") and not unverified
    assert notes == ["reaction of Kim Tae-hyo cited on sentence 1; it is sentence 2"]


def test_a_people_is_no_place_and_a_distance_is_no_figure() -> None:
    text = "Russian troops are about 75 to 100 miles from the border."
    extraction, unverified, _ = _resolve_in(text, _answer(figures=[_figure(1, "100")]))
    assert not extraction.locations and not extraction.troop_estimates
    assert {u.kind for u in unverified} == {"troop_estimate"}


def test_places_the_article_lists_as_places_are_read() -> None:
    text = (
        "Gunmen struck several districts, including Swat, Dir and Upper Kohistan, on Friday.\n"
        "Shelling hit positions in the direction of Kapan, Vorotan, and Tegh; Pakistan said it would respond."
    )
    extraction, _, _ = Citations(text, sentence_spans(text)).resolve(_answer())
    # "Tegh" is not among the small parser's entities: a place it misses is missed
    assert [p.name for p in extraction.locations] == ["Swat", "Dir", "Upper Kohistan", "Kapan", "Vorotan"]


def test_one_reaction_per_speaker_and_a_quotation_opened_before_gives_its_stance() -> None:
    text = (
        '"The group treats its recruits as cannon fodder," Lee said Friday. "It throws them away.\n'
        '"Fake news (…). They must stop laughing at us," the spokesman Tan Vo told reporters.'
    )
    reactions = [
        {"sentence": 1, "speaker": "Lee"},
        {"sentence": 2, "speaker": "Lee"},
        {"sentence": 4, "speaker": "Tan Vo"},
    ]
    extraction, _, _ = _resolve_in(text, _answer(reactions=reactions))
    # Lee: one reaction, the one with a stance; Tan Vo denies in the quotation's first sentence
    assert [(r.speaker, r.stance) for r in extraction.official_reactions] == [("Lee", "condemn"), ("Tan Vo", "deny")]


def test_a_force_named_by_its_members_is_an_actor_and_a_mission_s_name_no_place() -> None:
    text = (
        "M23 rebels and YPG terrorists clashed with Kenyan police officers and Turkish-backed rebels.\n"
        "The Kurdish-led force met the Multinational Security Support Mission in Haiti in Port-au-Prince."
    )
    extraction, _, _ = Citations(text, sentence_spans(text)).resolve(_answer())
    assert [a.name for a in extraction.actors] == ["M23", "YPG"]
    assert [p.name for p in extraction.locations] == ["Port-au-Prince"]  # "Haiti" is in the mission's name


def test_a_heading_figure_that_credits_no_one_is_cited_where_the_body_credits_it() -> None:
    text = (
        "Monitor: 74 fighters killed in offensive\n"
        "The death toll among the fighters has risen to 74, the Syrian Observatory for Human Rights said on Saturday."
    )
    extraction, _, notes = Citations(text, sentence_spans(text)).resolve(_answer(figures=[_figure(1, "74")]))
    assert extraction.troop_estimates[0].quote.startswith("The death toll")
    assert "states it with its source" in notes[0]


def test_a_stance_stated_outright_replaces_a_speaker_s_stanceless_line() -> None:
    text = (
        'Spokesman Ian Roe told reporters the troops were "in a very tense situation".\n'
        "Roe denied that the base had surrendered."
    )
    reactions = [{"sentence": 1, "speaker": "Ian Roe"}]
    extraction, _, _ = _resolve_in(text, _answer(reactions=reactions))
    assert [(r.speaker, r.stance) for r in extraction.official_reactions] == [("Roe", "deny")]


def test_a_force_without_its_owner_a_people_or_a_dateline_is_no_actor() -> None:
    text = (
        "KABUL: Afghan forces and Thai police met the Army near the border.\n"
        "Thailand's armed forces said Thai troops held. The Monitor said nothing."
    )
    extraction, _, _ = Citations(text, sentence_spans(text)).resolve(_answer())
    assert extraction.actors == [] and extraction.locations == []


def test_a_stance_cue_nobody_takes_gives_the_answers_speaker_no_stance() -> None:
    text = (
        "Ruritania has sent thousands of soldiers, including from a militia that is accused of atrocities.\n"
        "The army has mobilised 3,000 reservists since the escalation of the conflict, its spokesman said."
    )
    answer = _answer(reactions=[{"sentence": 1, "speaker": "Ruritania"}, {"sentence": 2, "speaker": "spokesman"}])
    extraction, _, _ = _resolve_in(text, answer)
    assert extraction.official_reactions == []


def test_a_university_is_a_body_not_a_place() -> None:
    text = "O'Brien spoke at an event at the University of Nevada on Friday about the troops."
    extraction, _, _ = Citations(text, sentence_spans(text)).resolve(_answer())
    assert "University of Nevada" not in [p.name for p in extraction.locations]

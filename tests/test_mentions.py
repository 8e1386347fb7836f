"""Actors and places from the parse (summarizer.text.mentions): each rule's examples, by id,
and the mentions that are neither. Uses the parser copy that `make install` puts in .venv."""

from __future__ import annotations

import pytest

from summarizer.text.mentions import RULES, Mention, named_in
from summarizer.text.sentences import sentence_spans


def _found(text: str) -> list[Mention]:
    return named_in(text, sentence_spans(text))


def _names(text: str, kind: str) -> list[str]:
    return [m.name for m in _found(text) if m.kind == kind]


@pytest.mark.parametrize(
    ("rule_id", "sentence", "name"),
    [(rule.id, sentence, name) for rule in RULES for sentence, name in rule.examples],
)
def test_each_rule_finds_its_examples(rule_id: str, sentence: str, name: str) -> None:
    found = {m.name: m.rule for m in _found(sentence)}
    assert found.get(name) == rule_id, found


def test_every_rule_has_examples_and_a_unique_id() -> None:
    assert all(rule.examples for rule in RULES)
    assert len({rule.id for rule in RULES}) == len(RULES)


def test_a_border_named_by_its_two_sides_is_one_place() -> None:
    found = _found("Troops clashed along the Armenia-Azerbaijan border on Tuesday.")
    assert [(m.name, m.rule) for m in found if m.kind == "place"] == [("Armenia-Azerbaijan border", "place.border")]


def test_a_place_the_parser_mislabels_is_a_place_by_its_role() -> None:
    # en_core_web_sm tags these "Kursk" and "Niger" as a product and a work of art
    text = "Ukraine says 11 to 12,000 soldiers have arrived in Kursk.\nThe US will withdraw its troops from Niger."
    assert _names(text, "place") == ["Kursk", "Niger"]


def test_a_modifier_an_aside_or_a_headline_is_neither_actor_nor_place() -> None:
    text = (
        "Pentagon Reveals 2,000 Troops Headed To Syria\n"  # title case: the parser tags every word
        "U.S. officials said the troops were Russian-trained.\n"
        "Defense Secretary Lloyd Austin spoke on Monday."
    )
    found = _found(text)
    assert [m.name for m in found if m.kind == "actor"] == ["Lloyd Austin"]
    assert [m.name for m in found if m.kind == "place"] == ["Syria"]  # a role of place, even in a headline
    assert "U.S." not in _names(text, "place") and "Defense" not in _names(text, "actor")


def test_a_country_or_a_people_is_no_actor() -> None:
    text = "Russia denied it, and Palestinians protested.\nMali said nothing."
    assert _names(text, "actor") == []


def test_a_body_named_with_its_members_is_the_actor() -> None:
    text = "The 4th Infantry Division and the Maute group fought in Marawi."
    assert _names(text, "actor") == ["4th Infantry Division", "Maute group"]
    assert _names(text, "place") == ["Marawi"]


def test_a_country_s_government_described_by_the_country_is_an_actor_its_forces_are_not() -> None:
    text = "The Afghan government said it would respond.\nRussian forces attacked the town."
    assert _names(text, "actor") == ["Afghan government"]


def test_a_place_named_by_its_battle_its_border_or_its_airport_is_the_place() -> None:
    assert _names("More than 20,000 of his troops died in the Bakhmut battle.", "place") == ["Bakhmut"]
    assert _names("The helicopter crashed near the Algerian border.", "place") == ["Algerian border"]
    text = "A contingent of 400 officers landed in Port-au-Prince's Toussaint Louverture airport."
    assert _names(text, "place") == ["Port-au-Prince"]


def test_a_person_given_an_office_or_a_part_and_a_body_s_short_name_are_never_places() -> None:
    text = (
        "President Ann Vale visited her Ruritanian counterpart Tom Berg in May.\n"
        "More troops will go to the province, according to Col. Ed Lane of the Ruritania Defence Force (RDF)."
    )
    assert _names(text, "place") == []
    assert _names(text, "actor") == ["Ann Vale", "Tom Berg", "Ed Lane", "Ruritania Defence Force"]


def test_a_party_or_a_company_is_never_a_place() -> None:
    text = (
        "The rebels retreated into the hills of the Kora district, home to the state-owned miner Kora Minerals Ltd.\n"
        "He said the attack showed the brutality of the insurgents, referring to the banned Workers Party of Kora."
    )
    assert not any("Ltd" in n or "Party" in n for n in _names(text, "place"))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Nine soldiers were killed in explosions in areas north of Karvan on Monday.", "Karvan"),
        ("Oil leaked onto the ground in Ruritania's main petroleum centre of Belgor.", "Ruritania"),
        ("The ambush in the Tolmar forest killed 30 soldiers.", "Tolmar"),
    ],
)
def test_a_place_by_its_direction_or_its_kind_of_place(text: str, place: str) -> None:
    assert place in _names(text, "place")

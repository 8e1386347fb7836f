"""The merger on plain data: aliases, claims, corroboration, conflicts, timeline."""

from __future__ import annotations

import datetime as dt

from summarizer.briefing.merge import merge
from summarizer.text.aliases import AliasResolver, same_entity
from tests.factories import actor, est, place, reaction, result

D1, D2, D3 = dt.date(2024, 10, 23), dt.date(2024, 10, 28), dt.date(2024, 10, 29)


def test_person_aliases_merge_and_keep_every_form() -> None:
    r = AliasResolver()
    names = ["Mark Rutte", "Rutte", "Mr Rutte", "NATO Secretary-General Mark Rutte"]
    entities = {r.resolve_all([(n, "person") for n in names])[(n, "person")].key for n in names}
    assert len(entities) == 1
    (rutte,) = r.entities
    assert rutte.name == "Mark Rutte"
    assert set(rutte.aliases) == {"Rutte", "Mr Rutte", "NATO Secretary-General Mark Rutte"}


def test_agency_aliases_merge_by_acronym_and_by_shared_words() -> None:
    r = AliasResolver()
    names = [
        ("NIS", "body"),
        ("South Korea's National Intelligence Service", "body"),
        ("South Korean intelligence", "body"),
    ]
    resolved = r.resolve_all(names)
    assert len({resolved[n].key for n in names}) == 1


def test_different_bodies_stay_apart() -> None:
    r = AliasResolver()
    names = [("Russia", "body"), ("Russian Foreign Ministry", "body"), ("Pentagon", "body"), ("NATO", "body")]
    resolved = r.resolve_all(names)
    assert len({resolved[n].key for n in names}) == 4
    people = [("Lloyd Austin", "person"), ("Mark Rutte", "person"), ("Sabrina Singh", "person")]
    resolved = AliasResolver().resolve_all(people)
    assert len({resolved[n].key for n in people}) == 3


def test_the_united_nations_is_not_a_national_body() -> None:
    assert not same_entity("United Nations Security Council", "US National Security Council")
    assert same_entity("National Security Council", "US National Security Council")


def test_officials_of_different_countries_are_different_sources() -> None:
    """'officials' is not a surname: U.S. officials and Ukrainian officials stay apart
    (they were merged once, crediting Kyiv's 10,000 to the US)."""
    names = [("Ukrainian officials", None), ("U.S. officials", None), ("US officials", None), ("Ukraine", None)]
    resolved = AliasResolver().resolve_all(names)
    assert resolved[names[0]] is not resolved[names[1]] and resolved[names[0]] is not resolved[names[2]]
    merged = merge(
        [
            result("a", estimates=[est(10_000, source="Ukrainian officials", status="planned")]),
            result("b", estimates=[est(10_000, source="US officials", status="planned")]),
        ]
    )
    (claim,) = merged.claims
    assert claim.independent_origins == 2
    # ...while Ukraine's officials and Ukraine are one side
    assert same_entity("Ukrainian officials", "Ukraine") and same_entity("US officials", "U.S. officials")


def test_spelling_variants_merge() -> None:
    r = AliasResolver()
    names = [("Volodymyr Zelensky", "person"), ("Zelenskyy", "person"), ("Zelensky", "person")]
    resolved = r.resolve_all(names)
    assert len({resolved[n].key for n in names}) == 1


def test_place_aliases_merge() -> None:
    merged = merge(
        [
            result("a", places=[place("Kursk"), place("Vladivostok", "city")]),
            result("b", places=[place("Kursk region"), place("Russia's Kursk region")]),
        ]
    )
    names = {loc.name: loc for loc in merged.locations}
    assert set(names) == {"Kursk", "Vladivostok"}
    assert set(names["Kursk"].aliases) == {"Kursk region", "Russia's Kursk region"}
    assert {m.source_n for m in names["Kursk"].mentions} == {1, 2}


def test_one_origin_via_three_outlets_is_one_source_reported_three_times() -> None:
    merged = merge(
        [
            result("a", published=D1, estimates=[est(10_000, source="Sabrina Singh", org="Pentagon")]),
            result("b", published=D2, estimates=[est(10_000, org="Pentagon")]),
            result("c", published=D3, estimates=[est(10_000, source="Pentagon spokeswoman Sabrina Singh")]),
        ]
    )
    (claim,) = merged.claims
    assert claim.independent_origins == 1, [o.name for o in claim.origins]
    assert claim.articles == [1, 2, 3]
    assert claim.first_seen == D1


def test_same_figure_from_two_origins_corroborates() -> None:
    merged = merge(
        [
            result("a", estimates=[est(10_000, org="Pentagon", status="expected")]),
            result("b", estimates=[est(10_000, source="Volodymyr Zelensky", status="planned", qualifier="up to")]),
        ]
    )
    (claim,) = merged.claims
    assert claim.independent_origins == 2
    assert {o.name for o in claim.origins} == {"Pentagon", "Volodymyr Zelensky"}
    assert claim.figure == "about 10,000 / up to 10,000"
    assert not merged.conflicts


def test_person_counts_as_the_body_they_speak_for() -> None:
    merged = merge(
        [
            result(
                "a",
                estimates=[est(3_000, source="Sabrina Singh")],
                actors=[actor("Sabrina Singh", affiliation="Pentagon")],
            ),
            result("b", estimates=[est(3_000, org="Pentagon")]),
        ]
    )
    (claim,) = merged.claims
    assert [o.name for o in claim.origins] == ["Pentagon"]


def test_unattributed_statements_are_not_corroboration() -> None:
    merged = merge(
        [
            result("a", estimates=[est(3_000, kind="unattributed")]),
            result("b", estimates=[est(3_000, kind="unattributed")]),
        ]
    )
    (claim,) = merged.claims
    assert claim.independent_origins == 0
    assert len(claim.articles) == 2


def test_a_source_only_the_model_inferred_is_marked_and_not_corroboration() -> None:
    merged = merge(
        [
            result("a", estimates=[est(3_000, org="Pentagon", basis="stated")]),
            result("b", estimates=[est(3_000, org="NIS", basis="inferred")]),
        ]
    )
    (claim,) = merged.claims
    assert {o.name: o.inferred for o in claim.origins} == {"Pentagon": False, "NIS": True}
    assert claim.independent_origins == 1
    assert "inferred" in next(r.attributed_to for r in claim.reports if r.source_n == 2)


def test_an_origin_one_article_credits_in_words_is_not_inferred() -> None:
    merged = merge(
        [
            result("a", estimates=[est(3_000, org="Pentagon", basis="inferred")]),
            result("b", estimates=[est(3_000, org="Pentagon", basis="stated")]),
        ]
    )
    (claim,) = merged.claims
    assert [(o.name, o.inferred) for o in claim.origins] == [("Pentagon", False)]
    assert claim.independent_origins == 1


def test_ranges_overlapping_a_figure_join_its_claim() -> None:
    merged = merge(
        [
            result("a", estimates=[est(None, low=11_000, high=12_000, source="Kyrylo Budanov", qualifier="exact")]),
            result("b", estimates=[est(12_000, source="Volodymyr Zelensky")]),
            result("c", estimates=[est(10_000, org="Pentagon")]),
        ]
    )
    assert len(merged.claims) == 2
    ten, twelve = merged.claims
    assert (ten.low, ten.high) == (10_000, 10_000)
    assert (twelve.low, twelve.high) == (11_000, 12_000)
    assert twelve.independent_origins == 2
    # 10,000 and 11-12,000 sent: one disagreement, most conservative named, none chosen
    (conflict,) = merged.conflicts
    assert set(conflict.claim_ids) == {ten.id, twelve.id}
    assert (conflict.low, conflict.high) == (10_000, 12_000)
    assert conflict.most_conservative.startswith("about 10,000")


def test_same_figure_sent_versus_still_to_come_is_a_conflict() -> None:
    merged = merge(
        [
            result("a", estimates=[est(10_000, org="Pentagon", status="sent")]),
            result("b", estimates=[est(10_000, org="NIS", status="planned", when="by December")]),
        ]
    )
    assert len(merged.claims) == 2
    (conflict,) = merged.conflicts
    assert "still to come" in conflict.reason
    statuses = {c.status for c in merged.claims if c.id in conflict.claim_ids}
    assert statuses == {"sent", "planned"}


def test_a_disagreement_says_which_side_is_only_inferred() -> None:
    day = dt.date(2024, 10, 30)
    merged = merge(
        [
            result("a", published=day, estimates=[est(10_000, org="Pentagon", basis="stated")]),
            result("b", published=day, estimates=[est(3_000, org="NIS", basis="inferred")]),
        ]
    )
    (conflict,) = merged.conflicts
    assert sorted(side.origin for side in conflict.sides) == ["NIS (inferred)", "Pentagon"]


def test_special_forces_are_not_lumped_with_troops() -> None:
    merged = merge(
        [
            result("a", estimates=[est(1_500, org="NIS", subject="special forces")]),
            result("b", estimates=[est(3_000, org="NIS", subject="troops")]),
        ]
    )
    assert {c.subject for c in merged.claims} == {"special forces", "troops"}
    assert not merged.conflicts


def test_reactions_grouped_by_speaker_across_articles() -> None:
    merged = merge(
        [
            result("a", reactions=[reaction("Mark Rutte", "confirm")]),
            result("b", reactions=[reaction("Rutte", "warn"), reaction("Lloyd Austin", "concern")]),
        ]
    )
    by_speaker = {r.speaker: r for r in merged.reactions}
    assert set(by_speaker) == {"Mark Rutte", "Lloyd Austin"}
    assert by_speaker["Mark Rutte"].stances == ["confirm", "warn"]
    assert [s.source_n for s in by_speaker["Mark Rutte"].statements] == [1, 2]


def test_sources_are_numbered_by_date_and_timeline_is_in_order() -> None:
    merged = merge(
        [
            result("late", published=D3, estimates=[est(12_000, source="Zelensky")]),
            result("undated", estimates=[est(1_500, org="NIS")]),
            result("early", published=D1, estimates=[est(3_000, org="Pentagon", when="last week")]),
        ]
    )
    assert [s.source for s in merged.sources] == ["early", "late", "undated"]
    dates = [e.date for e in merged.timeline]
    assert dates == [D1, D3, None]
    assert merged.timeline[0].when == "last week"


def test_merge_does_not_depend_on_input_order() -> None:
    inputs = [
        result("a", published=D1, estimates=[est(10_000, org="Pentagon")], actors=[actor("Rutte")]),
        result("b", published=D2, estimates=[est(12_000, source="Zelensky")], actors=[actor("Mark Rutte")]),
        result("c", published=D3, estimates=[est(3_000, org="NIS")], actors=[actor("Mr Rutte")]),
    ]
    forward, backward = merge(inputs), merge(list(reversed(inputs)))
    assert [c.model_dump() for c in forward.claims] == [c.model_dump() for c in backward.claims]
    assert [a.name for a in forward.actors] == [a.name for a in backward.actors] == ["Mark Rutte"]

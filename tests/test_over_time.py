"""Evolution versus disagreement in the merge, on plain data (no model)."""

from __future__ import annotations

import datetime as dt

from summarizer.briefing import merge
from tests.factories import est, result

OCT_1, OCT_3, OCT_20, OCT_30 = (dt.date(2024, 10, d) for d in (1, 3, 20, 30))


def test_growth_from_one_origin_is_a_series_not_a_disagreement() -> None:
    merged = merge(
        [
            result("a.txt", published=OCT_1, estimates=[est(1500, org="NIS", kind="intelligence", status="sent")]),
            result("b.txt", published=OCT_20, estimates=[est(3000, org="NIS", kind="intelligence", status="sent")]),
            result(
                "c.txt",
                published=OCT_30,
                estimates=[
                    est(
                        10000,
                        org="NIS",
                        kind="intelligence",
                        status="planned",
                        quote="The NIS said North Korea is preparing to send 10,000 soldiers by December.",
                    )
                ],
            ),
        ]
    )
    assert merged.conflicts == []
    (series,) = merged.evolution
    assert series.origin == "NIS"
    assert [p.figure for p in series.points] == ["about 1,500", "about 3,000", "about 10,000"]
    assert series.points[-1].as_of == dt.date(2024, 12, 31) and series.points[-1].time_kind == "target"
    roles = {e.text.split(":")[1].strip(): e.role for e in merged.timeline}
    assert set(roles.values()) == {"evolution"}


def test_two_origins_same_subject_same_window_incompatible_figures_disagree() -> None:
    merged = merge(
        [
            result("a.txt", published=OCT_1, estimates=[est(3000, org="NIS", kind="intelligence")]),
            result("b.txt", published=OCT_3, estimates=[est(12000, source="Volodymyr Zelensky", org="Ukraine")]),
        ]
    )
    (conflict,) = merged.conflicts
    assert conflict.kind == "figures differ" and (conflict.low, conflict.high) == (3000, 12000)
    assert {s.origin for s in conflict.sides} == {"NIS", "Ukraine"}
    assert conflict.most_conservative.startswith("about 3,000") and conflict.window_days == 7
    assert merged.evolution == []


def test_the_same_two_origins_weeks_apart_are_a_change_over_time() -> None:
    results = [
        result("a.txt", published=OCT_1, estimates=[est(3000, org="NIS", kind="intelligence")]),
        result("b.txt", published=OCT_30, estimates=[est(12000, source="Volodymyr Zelensky", org="Ukraine")]),
    ]
    assert merge(results).conflicts == []
    assert len(merge(results, window_days=30).conflicts) == 1  # the window is configurable


def test_an_origin_is_judged_on_its_current_figure() -> None:
    """The NIS's earlier 1,500 is superseded by its own 3,000: only 3,000 vs 12,000."""
    merged = merge(
        [
            result("a.txt", published=OCT_1, estimates=[est(1500, org="NIS", kind="intelligence")]),
            result("b.txt", published=OCT_3, estimates=[est(3000, org="NIS", kind="intelligence")]),
            result("c.txt", published=OCT_3, estimates=[est(12000, org="Ukraine")]),
        ]
    )
    (conflict,) = merged.conflicts
    assert {s.figure for s in conflict.sides} == {"about 3,000", "about 12,000"}


def test_undated_articles_read_growth_from_the_counts() -> None:
    """No dates at all: a source's lower count is taken as its earlier one (counts of a
    deployment grow), so it is a series, and only the current figures can disagree."""
    merged = merge(
        [
            result("a.txt", estimates=[est(1500, org="NIS", kind="intelligence")]),
            result("b.txt", estimates=[est(3000, org="NIS", kind="intelligence")]),
            result("c.txt", estimates=[est(12000, org="Ukraine")]),
        ]
    )
    assert [p.figure for p in merged.evolution[0].points] == ["about 1,500", "about 3,000"]
    (conflict,) = merged.conflicts
    assert {s.figure for s in conflict.sides} == {"about 3,000", "about 12,000"}


def test_a_revision_said_in_one_sentence_is_a_series() -> None:
    quote = "The Pentagon said there are 2,000 troops in Syria, not the 900 it previously said."
    merged = merge(
        [
            result(
                "a.txt",
                published=OCT_1,
                estimates=[
                    est(2000, org="Pentagon", kind="military", quote=quote, qualifier="exact"),
                    est(900, org="Pentagon", kind="military", quote=quote, qualifier="exact"),
                ],
            )
        ]
    )
    assert merged.conflicts == []
    (series,) = merged.evolution
    assert [p.figure for p in series.points] == ["900", "2,000"] and series.points[0].time_kind == "before"


def test_unattributed_figures_are_no_side() -> None:
    merged = merge(
        [
            result("a.txt", published=OCT_1, estimates=[est(3000, org="NIS", kind="intelligence")]),
            result("b.txt", published=OCT_1, estimates=[est(5000, kind="unattributed")]),
        ]
    )
    assert merged.conflicts == []


def test_already_there_versus_still_to_come_at_the_same_time_disagree_but_not_weeks_apart() -> None:
    to_come = est(10000, org="Pentagon", kind="military", status="expected")
    there = est(10000, org="Ukraine", status="sent")
    same_time = merge(
        [result("a.txt", published=OCT_1, estimates=[to_come]), result("b.txt", published=OCT_3, estimates=[there])]
    )
    (conflict,) = same_time.conflicts
    assert conflict.kind == "sent vs to come" and conflict.low == conflict.high == 10000
    later = merge(
        [result("a.txt", published=OCT_1, estimates=[to_come]), result("b.txt", published=OCT_30, estimates=[there])]
    )
    assert later.conflicts == []  # expected on 1 October, there by the 30th: what was expected came


def test_casualty_tolls_are_their_own_series() -> None:
    merged = merge(
        [
            result("a.txt", published=OCT_1, estimates=[est(9000, org="White House", status="killed")]),
            result("b.txt", published=OCT_30, estimates=[est(20000, org="White House", status="killed")]),
            result("c.txt", published=OCT_30, estimates=[est(50000, org="White House", status="deployed")]),
        ]
    )
    (series,) = merged.evolution
    assert [p.figure for p in series.points] == ["about 9,000", "about 20,000"]
    assert all(p.status_group == "casualties" for p in series.points)

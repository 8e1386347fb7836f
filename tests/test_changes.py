"""`--since`: what a brief adds to an earlier one, on plain data, and the untrusted file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from schemas import Brief, VerifiedExtraction
from summarizer.briefing import changes_since, compose, merge
from summarizer.cli import main
from tests.factories import est, reaction, result

MONDAY, FRIDAY = dt.date(2024, 10, 21), dt.date(2024, 10, 25)


def _brief(results: list[VerifiedExtraction], at: str) -> Brief:
    return compose(
        merge(results),
        results,
        backend="test",
        model="test",
        prompt_version="test",
        seconds=0,
        now=dt.datetime.fromisoformat(at),
    )


def _day_one() -> list[VerifiedExtraction]:
    return [
        result(
            "a.txt",
            published=MONDAY,
            estimates=[est(3000, org="NIS", kind="intelligence"), est(10000, org="Pentagon", status="expected")],
            reactions=[reaction("Mark Rutte", "concern")],
        ),
        result("b.txt", published=MONDAY, estimates=[est(12000, org="Ukraine")]),
    ]


def _day_two() -> list[VerifiedExtraction]:
    return [
        *_day_one(),
        result(
            "c.txt",
            published=FRIDAY,
            estimates=[
                est(5000, org="NIS", kind="intelligence"),  # the NIS revises 3,000 -> 5,000
                est(10000, org="Japan", status="expected"),  # a second source for the expected 10,000
                est(200, org="Russia", status="killed"),  # a new figure
            ],
            reactions=[reaction("Mark Rutte", "concern"), reaction("Sergei Lavrov", "deny")],
        ),
    ]


def test_since_lists_exactly_what_is_new_revised_and_corroborated() -> None:
    before = _brief(_day_one(), "2024-10-21T18:00:00+00:00")
    after = _brief(_day_two(), "2024-10-25T18:00:00+00:00")
    changes = changes_since(before, after)

    assert changes.since == before.run.generated_at
    assert [after.sources[n - 1].source for n in changes.new_articles] == ["c.txt"]
    assert [(c.figure, c.status_group) for c in changes.new_claims] == [("about 200", "casualties")]
    assert [(r.origin, r.before, r.after) for r in changes.revised] == [("NIS", "about 3,000", "about 5,000")]
    (up,) = changes.corroboration_up
    assert up.claim.figure == "about 10,000" and (up.before, up.after, up.gained) == (1, 2, ["Japan"])
    assert changes.corroboration_down == [] and changes.gone_claims == []
    # Mark Rutte's concern was there before; Lavrov's denial is new, and listed as notable.
    assert [(r.speaker, r.stance, r.notable) for r in changes.new_reactions] == [("Sergei Lavrov", "deny", True)]
    # Ids are renumbered between briefs; matching is by content, so nothing old is "new".
    assert not {c.figure for c in changes.new_claims} & {c.figure for c in before.claims}


def test_disagreements_that_start_and_end_are_listed() -> None:
    before = _brief(_day_one(), "2024-10-21T18:00:00+00:00")
    later = [
        result("d.txt", published=FRIDAY, estimates=[est(12000, org="NIS", kind="intelligence")]),
        result("e.txt", published=FRIDAY, estimates=[est(12000, org="Ukraine")]),
    ]
    after = _brief(later, "2024-10-25T18:00:00+00:00")
    changes = changes_since(before, after)
    assert before.conflicts and not after.conflicts
    assert [x.subject for x in changes.ended_conflicts] == ["troops, sent or in place"]
    assert changes.new_conflicts == []
    assert changes_since(after, before).new_conflicts  # the other way round, it is new


def test_the_same_brief_twice_has_nothing_new() -> None:
    brief = _brief(_day_two(), "2024-10-25T18:00:00+00:00")
    assert changes_since(brief, brief).empty


# -- the previous brief is untrusted input ------------------------------------------------


@pytest.fixture
def seed_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "a.txt").write_text("Officials said 3,000 troops were sent.\n", encoding="utf-8")
    # A dead server: every case below must stop before any model call.
    return ["brief", "a.txt", "--backend", "compatible", "--base-url", "http://127.0.0.1:9/v1", "--model", "m"]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "cannot read the previous brief"),
        (b"{not json", "is not JSON"),
        (b"\xff\xfe\x00garbage", "is not JSON"),
        (b"[1, 2, 3]", "is not a brief"),
        (json.dumps({"title": "x", "claims": [], "run": {}}).encode(), "an older version"),
        (json.dumps({"format": "brief-99", "claims": [], "run": {}}).encode(), "version 'brief-99'"),
        (json.dumps({"format": "brief-3", "claims": "nope", "run": {}}).encode(), "is not a valid brief"),
        (b"[" * 100_000 + b"]" * 100_000, "is not JSON"),
    ],
)
def test_a_bad_previous_brief_is_one_line_exit_2(
    seed_cli: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, says: str
) -> None:
    previous = tmp_path / "previous.json"
    if content is not None:
        previous.write_bytes(content)
    assert main([*seed_cli, "--since", str(previous)]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert len([line for line in err.splitlines() if line.strip()]) == 1
    assert "--format json" in err or "cannot read" in err

"""The recorded 1.5B model's seed extractions scored against the hand-made gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas import VerifiedExtraction
from summarizer.cli import main
from summarizer.scoring import load_gold, score
from tests.helpers import ROOT

pytestmark = pytest.mark.recorded
GOLD = ROOT / "tests" / "gold" / "seeds"


def test_figures_and_their_sources_reach_the_target(seed_results: list[VerifiedExtraction]) -> None:
    report = score(load_gold(GOLD), seed_results)
    assert report.figures_without_quote == []  # no kept figure lacks a quote stating it
    assert report.totals["figure"].precision == 1.0  # no figure the gold does not hold
    assert report.totals["figure+source"].f1 >= 0.85


def test_cli_eval_scores_a_jsonl_file_and_writes_the_report(
    seed_results: list[VerifiedExtraction], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extractions = tmp_path / "seeds.jsonl"
    extractions.write_text("".join(r.model_dump_json() + "\n" for r in seed_results))
    out = tmp_path / "report.json"
    argv = ["eval", str(GOLD), "--against", str(extractions), "--articles", str(ROOT / "seeds"), "--json", str(out)]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "figure+source" in printed and "misses" in printed
    data = json.loads(out.read_text())
    assert set(data["totals"]) == {"figure", "figure+source", "figure+status", "actors", "locations", "reactions"}
    assert len(data["articles"]) == 5


def test_cli_eval_rejects_a_file_that_is_not_extractions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "x.jsonl"
    bad.write_text('{"not": "an extraction"}\n')
    assert main(["eval", str(GOLD), "--against", str(bad), "--articles", str(ROOT / "seeds")]) == 2
    assert "is not an extraction" in capsys.readouterr().err

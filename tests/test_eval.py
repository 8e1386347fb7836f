"""`summarizer eval`: the matching rules on plain data, and the seeds' gold checked against the text."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from schemas import ArticleExtraction, VerifiedExtraction
from schemas.gold import GoldArticle, GoldCredit, GoldPassage
from summarizer.errors import InputError
from summarizer.ingest import load_articles
from summarizer.scoring import check_gold, load_credit_corpus, load_gold, score, score_credits, stem
from tests.factories import est
from tests.helpers import ROOT

GOLD = ROOT / "tests" / "gold" / "seeds"


def _result(
    name: str, *, estimates: Sequence[dict[str, Any]] = (), actors: Sequence[str] = (), **kw: Any
) -> VerifiedExtraction:
    extraction = ArticleExtraction.model_validate(
        {
            "troop_estimates": estimates,
            "actors": [{"name": a, "kind": "other", "quote": a} for a in actors],
            "locations": [{"name": p, "kind": "other", "quote": p} for p in kw.get("places", [])],
            "official_reactions": [
                {"speaker": s, "stance": st, "summary": "-", "quote": s} for s, st in kw.get("reactions", [])
            ],
        }
    )
    return VerifiedExtraction(
        article_id=name, source=f"corpus/{name}.txt", extraction=extraction, model="m", prompt_version="p"
    )


def _gold(**fields: Any) -> GoldArticle:
    return GoldArticle.model_validate({"article": "a.txt", **fields})


def _fig(count: int, source: list[str], status: list[str], required: bool = True) -> dict[str, Any]:
    return {"count": count, "status": status, "source": source, "evidence": f"{count:,} troops", "required": required}


def test_figures_match_by_number_and_sources_through_aliases() -> None:
    gold = _gold(
        figures=[
            _fig(10_000, ["Pentagon", "Sabrina Singh"], ["expected"]),
            _fig(3_000, ["South Korea's National Intelligence Service", "NIS"], ["sent"]),
            _fig(12_000, [], ["sent"]),
        ]
    )
    result = _result(
        "a",
        estimates=[
            est(10_000, source="Pentagon spokesperson Sabrina Singh", status="expected"),
            est(10_000, source="Singh", org="Pentagon", status="expected"),  # a repeat counts once
            est(3_000, org="South Korean intelligence", status="planned"),  # right source, wrong status group
            est(12_000, kind="unattributed", status="sent"),  # unattributed matches "no source"
            est(1_500, org="NIS", status="sent"),  # not in the gold
        ],
    )
    report = score([gold], [result])
    t = report.totals
    assert (t["figure"].tp, t["figure"].fp, t["figure"].fn) == (3, 1, 0)
    assert (t["figure+source"].tp, t["figure+source"].fp) == (3, 1)
    assert (t["figure+status"].tp, t["figure+status"].fp, t["figure+status"].fn) == (2, 2, 1)
    assert t["figure"].precision == pytest.approx(0.75) and t["figure"].recall == 1.0
    assert {f.item for f in report.misses} == {"3,000 · sent"}


def test_two_of_the_gold_s_names_for_one_source_are_one_statement() -> None:
    gold = _gold(figures=[_fig(10_000, ["U.S. intelligence", "administration official"], ["planned"])])
    result = _result(
        "a",
        estimates=[
            est(10_000, source="U.S. intelligence", status="planned"),
            est(10_000, source="administration official", kind="anonymous", status="planned"),  # the same source
            est(10_000, kind="unattributed", status="planned"),  # not a name of it
        ],
    )
    s = score([gold], [result]).totals["figure+source"]
    assert (s.tp, s.fp, s.fn) == (1, 1, 0)


def test_a_wrong_source_is_a_miss_and_a_false_positive() -> None:
    gold = _gold(figures=[_fig(10_000, ["Volodymyr Zelensky", "Zelensky"], ["planned"])])
    report = score([gold], [_result("a", estimates=[est(10_000, source="NATO", org="US", status="planned")])])
    s = report.totals["figure+source"]
    assert (s.tp, s.fp, s.fn, s.f1) == (0, 1, 1, 0.0)
    assert report.totals["figure"].f1 == 1.0


def test_optional_gold_items_are_neither_hits_nor_false_positives() -> None:
    gold = _gold(
        actors=[{"name": "Mark Rutte", "evidence": "x"}, {"name": "Brics", "evidence": "x", "required": False}],
        locations=[{"name": "Kursk region", "evidence": "x"}, {"name": "Seoul", "evidence": "x", "required": False}],
    )
    report = score(
        [gold], [_result("a", actors=["Rutte", "Brics", "Lavrov"], places=["Russia's Kursk region", "Seoul"])]
    )
    a, p = report.totals["actors"], report.totals["locations"]
    assert (a.tp, a.fp, a.fn) == (1, 1, 0)  # Lavrov is the false positive; Brics is ignored
    assert (p.tp, p.fp, p.fn) == (1, 0, 0)


def test_reactions_need_the_speaker_and_an_accepted_stance() -> None:
    gold = _gold(
        reactions=[
            {"speaker": "Lloyd Austin", "stance": ["warn", "concern"], "evidence": "x"},
            {"speaker": "Vedant Patel", "stance": ["condemn"], "evidence": "x"},
        ]
    )
    result = _result("a", reactions=[("Austin", "confirm"), ("Austin", "concern"), ("Vedant Patel", "deny")])
    s = score([gold], [result]).totals["reactions"]
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)


def test_an_article_without_an_extraction_counts_every_gold_item_missed() -> None:
    gold = _gold(figures=[_fig(10_000, [], ["sent"])])
    report = score([gold], [])
    assert report.missing_articles == ["a.txt"] and report.totals["figure"].fn == 1


def test_the_json_report_has_totals_per_field() -> None:
    gold = _gold(figures=[_fig(10_000, [], ["sent"])])
    data = json.loads(score([gold], [_result("a", estimates=[est(10_000, kind="unattributed")])]).as_json())
    assert data["totals"]["figure+source"] == {"tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert data["articles"][0]["article"] == "a"


def test_the_seeds_gold_evidence_is_verbatim_and_states_each_figure() -> None:
    gold = load_gold(GOLD)
    articles = {stem(a.source): a for a in load_articles([str(ROOT / "seeds")])}
    assert {stem(g.article) for g in gold} == set(articles)
    for g in gold:
        assert check_gold(g, articles[stem(g.article)]) == []
    assert sum(f.required for g in gold for f in g.figures) == 16


def test_gold_evidence_that_is_not_in_the_article_is_reported() -> None:
    (article,) = load_articles([str(ROOT / "seeds" / "003_968b073979ff03d3.txt")])
    real_sentence = {**_fig(3_000, [], ["sent"]), "evidence": "North Korea is preparing to send 10,000 soldiers"}
    gold = _gold(article="003_968b073979ff03d3.txt", figures=[_fig(9_000, [], ["sent"]), real_sentence])
    problems = check_gold(gold, article)
    assert any("not in the article" in p for p in problems) and any("does not state" in p for p in problems)


def test_a_folder_without_gold_files_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no gold files"):
        load_gold(tmp_path)
    (tmp_path / "x.json").write_text('{"article": "a.txt", "figures": [{"count": 1}]}')
    with pytest.raises(InputError, match="not a gold annotation file"):
        load_gold(tmp_path)


# -- the credit corpus --------------------------------------------------------------------


def _passage(text: str, *credits: tuple[int, str, list[str]], url: str = "https://example.org/a") -> GoldPassage:
    return GoldPassage(url=url, text=text, credits=[GoldCredit(figure=f, at=a, source=s) for f, a, s in credits])


def test_a_credit_is_right_wrong_or_silent() -> None:
    passage = _passage(
        "The Pentagon said 2,000 troops had arrived. Some 500 soldiers were killed. About 300 more came.",
        (2000, "said 2,000", ["Pentagon"]),  # the rules name the Pentagon
        (500, "Some 500", ["Kyiv"]),  # the rules find no form: the brief names nobody, wrongly
        (300, "About 300", []),  # nobody is named, and the rules find no form either: right
    )
    wrong = _passage("The Pentagon said 2,000 troops had arrived.", (2000, "said 2,000", ["NIS"]))
    score, cases = score_credits([passage, wrong])
    assert [c.outcome for c in cases] == ["right", "silent", "right", "wrong"]
    assert (score.right, score.wrong, score.silent, score.rightly_silent) == (2, 1, 1, 1)
    assert score.accuracy == 0.5 and score.precision == 0.5  # precision: of the figures it named a source for
    assert cases[3].said == "Pentagon"


def test_a_credit_to_nobody_is_right_when_the_rules_name_nobody() -> None:
    passage = _passage("Around 3,000 had arrived, the paper found.", (3000, "Around 3,000", []))
    score, _ = score_credits([passage])
    assert score.right == 1


def test_a_credit_passage_must_contain_its_figures_words() -> None:
    with pytest.raises(ValueError, match="not in the passage"):
        _passage("The Pentagon said 2,000 troops had arrived.", (2000, "said 3,000", ["Pentagon"]))


def test_the_half_is_fixed_by_the_site_not_the_page() -> None:
    a = _passage("2,000 troops.", (2000, "2,000", []), url="https://www.example.org/one")
    b = _passage("2,000 troops.", (2000, "2,000", []), url="http://example.org/two?x=1")
    assert a.site() == b.site() == "example.org"
    assert a.half() == b.half()


def test_the_credit_corpus_loads_and_both_halves_hold_many_sites() -> None:
    passages = load_credit_corpus(ROOT / "tests" / "gold" / "credits.jsonl")
    for half in ("dev", "test"):
        chosen = [p for p in passages if p.half() == half]
        assert len({p.site() for p in chosen}) >= 20
        assert sum(len(p.credits) for p in chosen) >= 60


def test_a_broken_corpus_line_is_an_input_error_with_its_line(tmp_path: Path) -> None:
    corpus = tmp_path / "credits.jsonl"
    corpus.write_text('{"url": "u", "text": "t", "credits": []}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"credits.jsonl:1"):
        load_credit_corpus(corpus)


def test_an_unreadable_corpus_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_credit_corpus(tmp_path)  # a folder, not a file
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(InputError, match="cannot read"):
        load_credit_corpus(latin)


def test_the_credit_script_says_what_is_wrong_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from scripts.credits import main

    assert main([str(tmp_path / "missing.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot read") and "Traceback" not in err


def test_the_credit_script_piped_into_head_leaves_no_traceback() -> None:
    import subprocess
    import sys

    run = subprocess.run(
        f"{sys.executable} -m scripts.credits | head -1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        check=False,
    )
    assert run.stdout.startswith("== credit corpus, dev")
    assert "Traceback" not in run.stderr and "BrokenPipe" not in run.stderr


def test_where_figures_are_lost_is_binned_in_counts() -> None:
    text = (
        "The army said 4,000 troops crossed the river.\n"  # credited by the text: found, source wrong
        "Some 2,000 soldiers stayed in the north.\n"  # no credit form: found, source wrong
        "About 900 reservists were called up, the ministry said.\n"  # found with its source
        "Officials said 700 marines would follow.\n"  # pointed at by the prompt, missed
        "The 12 advisers left in May."  # never pointed at (a small count, no loss, no force noun)
    )
    gold = GoldArticle.model_validate(
        {
            "article": "a.txt",
            "figures": [
                {"count": 4_000, "status": ["sent"], "source": ["army"], "evidence": "said 4,000 troops"},
                {"count": 2_000, "status": ["deployed"], "source": ["the army"], "evidence": "Some 2,000 soldiers"},
                {"count": 900, "status": ["sent"], "source": ["ministry"], "evidence": "About 900 reservists"},
                {"count": 700, "status": ["planned"], "source": ["Officials"], "evidence": "700 marines"},
                {"count": 12, "status": ["other"], "source": [], "evidence": "The 12 advisers"},
            ],
        }
    )
    result = _result(
        "a",
        estimates=[
            est(4_000, source="Russia", status="sent"),
            est(2_000, source="Kremlin", status="deployed"),
            est(900, source="ministry", kind="anonymous", status="sent"),
        ],
    )
    losses = score([gold], [result], {"a": text}).figure_losses
    assert losses.model_dump() == {
        "right": 1,
        "credited_wrongly_rules_silent": 1,
        "credited_wrongly_rules_answered": 1,
        "missed_pointed_at": 1,
        "missed_never_pointed_at": 1,
    }
    assert "1 credited wrongly" not in losses.line() and "2 credited wrongly" in losses.line()
    # without the texts nothing is binned, and the report says nothing of it
    assert score([gold], [result]).figure_losses.right == 0


def test_credits_of_found_figures_are_counted_by_how_they_were_settled() -> None:
    gold = GoldArticle.model_validate(
        {
            "article": "a.txt",
            "figures": [
                {"count": 4_000, "status": ["sent"], "source": ["army"], "evidence": "4,000"},
                {"count": 2_000, "status": ["sent"], "source": ["Kremlin"], "evidence": "2,000"},
                {"count": 900, "status": ["sent"], "source": [], "evidence": "900"},
                {"count": 700, "status": ["sent"], "source": ["ministry"], "evidence": "700"},
                {"count": 50, "status": ["sent"], "source": [], "evidence": "50", "required": False},
            ],
        }
    )
    result = _result(
        "a",
        estimates=[
            est(4_000, source="army", basis="stated"),  # right
            est(2_000, source="Kremlin", basis="inferred"),  # right
            est(900, source="Russia", basis="inferred"),  # wrong: nobody said it
            est(700, kind="unattributed"),  # wrong: the ministry did
            est(900, kind="unattributed"),  # right (a second statement of the 900)
            est(50, source="army", basis="stated"),  # an optional gold figure: not counted
            est(33, source="army", basis="stated"),  # no gold figure: not counted
        ],
    )
    check = score([gold], [result]).credit_basis
    counts = {k: (v.right, v.matched) for k, v in check if k != "by_rule"}
    assert counts == {"stated": (1, 1), "inferred": (1, 2), "unattributed": (1, 2)}
    rules = {k: (v.right, v.matched) for k, v in check.by_rule.items()}
    assert rules == {"model": (3, 5)}  # no rule recorded on these: each counted as the model's
    assert "the model's, kept where the text has none 1/2 right (50%)" in check.line()
    # nothing of a kind matched: said as 0/0, not as a perfect score
    empty = score([gold], [_result("a", estimates=[est(4_000, source="army", basis="stated")])]).credit_basis
    assert "the model's, kept where the text has none 0/0;" in empty.line()

"""The brief for the five seeds, from the real 1.5B model's replayed answers.

Each seed's recorded extraction is replayed, then merged and composed exactly as
``summarizer brief seeds/`` does. The assertions are about the merged data: which
figure families the brief holds, from which originating sources, and which
disagreements it lists.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas import Article, Brief, VerifiedExtraction
from summarizer import pipeline
from summarizer.config import Config
from summarizer.render.markdown import brief_markdown

pytestmark = pytest.mark.recorded


@pytest.fixture(scope="module")
def seed_brief(seed_results: list[VerifiedExtraction]) -> Brief:
    run = pipeline.ExtractionRun(results=seed_results)
    return pipeline.brief_from(run, _config_of(seed_results))


def _config_of(results: list[VerifiedExtraction]) -> Config:
    from summarizer.config import Config

    return Config(backend="compatible", model=results[0].model)


def test_brief_lists_every_seed_as_a_source(seed_brief: Brief) -> None:
    assert len(seed_brief.sources) == 5
    assert [s.n for s in seed_brief.sources] == [1, 2, 3, 4, 5]


def test_every_claim_is_backed_by_quotes_that_state_it(seed_brief: Brief, seed_articles: dict[str, Article]) -> None:
    from summarizer.text.numbers import mentions

    texts = {s.n: seed_articles[Path(s.source).stem].text for s in seed_brief.sources}
    assert seed_brief.claims
    for claim in seed_brief.claims:
        assert claim.reports
        for report in claim.reports:
            assert report.start is not None and report.end is not None
            passage = texts[report.source_n][report.start : report.end]
            assert mentions(passage, claim.low) or mentions(passage, claim.high)


def test_markdown_brief_renders(seed_brief: Brief) -> None:
    text = brief_markdown(seed_brief)
    assert text.startswith("# Cross-source brief")
    for claim in seed_brief.claims:
        assert f"| {claim.id} |" in text


def _claim_of(brief: Brief, figure: int):  # type: ignore[no-untyped-def]
    matches = [c for c in brief.claims if c.low <= figure <= c.high]
    assert matches, f"no claim for {figure:,} in {[c.figure for c in brief.claims]}"
    return matches


@pytest.mark.parametrize("figure", [1_500, 3_000, 10_000, 12_000])
def test_each_figure_family_is_in_the_brief_with_a_named_origin(seed_brief: Brief, figure: int) -> None:
    claims = _claim_of(seed_brief, figure)
    assert any(c.independent_origins >= 1 for c in claims)


def test_the_10000_figure_is_credited_to_the_pentagon_once_however_many_outlets(seed_brief: Brief) -> None:
    claims = _claim_of(seed_brief, 10_000)
    pentagon = {o.key for c in claims for o in c.origins if "pentagon" in o.name.lower()}
    assert len(pentagon) == 1  # "Pentagon", "US Pentagon", "Pentagon spokesperson Sabrina Singh" are one origin
    articles = {r.source_n for c in claims for r in c.reports if r.origin_key in pentagon}
    assert len(articles) >= 2  # ...carried by more than one article
    assert any(c.independent_origins < len(c.reports) for c in claims)


def test_the_expected_10000_has_three_independent_sources_as_the_text_supports(seed_brief: Brief) -> None:
    """Pentagon (Singh), South Korea's NIS, and Ukraine (Zelensky twice, 'Ukrainian
    officials' once): five articles, three independent sources, not five."""
    (claim,) = [c for c in _claim_of(seed_brief, 10_000) if c.status_group == "expected or planned"]
    assert claim.independent_origins == 3 and len(claim.articles) == 5
    names = " ".join(o.name for o in claim.origins)
    assert "Pentagon" in names and "Intelligence Service" in names and "Ukraine" in names


def test_the_10000_versus_12000_disagreement_is_listed(seed_brief: Brief) -> None:
    ten = {c.id for c in _claim_of(seed_brief, 10_000)}
    twelve = {c.id for c in _claim_of(seed_brief, 12_000)}
    conflicts = [x for x in seed_brief.conflicts if ten & set(x.claim_ids) and twelve & set(x.claim_ids)]
    assert conflicts
    assert conflicts[0].high >= 12_000 and conflicts[0].low <= 10_000


def test_the_10000_sent_versus_still_to_come_disagreement_is_listed(seed_brief: Brief) -> None:
    ten = {c.id: c for c in _claim_of(seed_brief, 10_000)}
    conflicts = [x for x in seed_brief.conflicts if "still to come" in x.reason and set(x.claim_ids) <= set(ten)]
    assert conflicts, [x.reason for x in seed_brief.conflicts]
    groups = {ten[i].status_group for i in conflicts[0].claim_ids}
    assert groups == {"sent or in place", "expected or planned"}


def test_cli_brief_from_stored_extractions_makes_no_model_call(
    seed_results: list[VerifiedExtraction],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`summarizer brief seeds/` end to end, offline: the five recorded extractions are
    in the store (as after an earlier run), the server address is dead, and the brief
    still comes out, with zero calls."""
    from summarizer.cache import ExtractionCache, cache_key
    from summarizer.cli import main
    from tests.helpers import ROOT, TEST_MODEL

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "store"))
    store = ExtractionCache(tmp_path / "store" / "extractions.sqlite")
    for r in seed_results:
        store.put(cache_key(r.article_id, "compatible", TEST_MODEL, r.prompt_version), r)
    store.close()

    out = tmp_path / "brief.md"
    dead = "http://127.0.0.1:9/v1"
    argv = ["brief", str(ROOT / "seeds"), "--backend", "compatible", "--base-url", dead, "--model", TEST_MODEL]
    assert main([*argv, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "5 article(s), 5 claim(s)" in err and "0 model call(s), 5 from cache, 0 tokens" in err
    text = out.read_text()
    assert text.startswith("# Cross-source brief") and "## Where sources disagree" in text

    page = tmp_path / "brief.html"
    assert main([*argv, "--format", "html", "-o", str(page)]) == 0
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in html
    assert html.count('<article class="source"') == 5 and "<mark " in html

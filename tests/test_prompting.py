"""The request: the article as numbered sentences, a prefix that is the same for every
article (so llama.cpp's prompt cache reads it once), and a budget scaled to the article."""

from __future__ import annotations

import json

from schemas import Article
from summarizer.extraction.prompting import load_prompt
from summarizer.ingest import parse_article

PROMPT = load_prompt("extract")


def test_every_article_shares_the_system_message_and_the_schema_up_to_its_figure_limit(
    seed_articles: dict[str, Article],
) -> None:
    requests = [PROMPT.render(a) for a in seed_articles.values()]
    assert len({str(r.messages[0]["content"]) for r in requests}) == 1
    schemas = {json.dumps(r.response_model.model_json_schema()) for r in requests}
    # Only "maxItems" of the figures differs, and it comes after every definition.
    prefixes = {s[: s.index('"figures"')] for s in schemas}
    assert len(prefixes) == 1


def test_sentences_are_numbered_and_the_figure_sentences_marked_in_place() -> None:
    article = parse_article(
        "Troops on the move\nThe Pentagon said 10,000 troops are in Russia. Officials met in Seoul.", "a.txt"
    )
    request = PROMPT.render(article)
    user = str(request.messages[1]["content"])
    assert "[2*] The Pentagon said 10,000 troops are in Russia." in user
    assert "[3] Officials met in Seoul." in user
    assert request.figure_sentences == [2] and request.max_figures == 2
    assert [article.text[a:b] for a, b in request.spans][1] == "The Pentagon said 10,000 troops are in Russia."


def test_a_headline_leading_the_text_is_not_sent_twice() -> None:
    article = parse_article("Troops on the move\nThe Pentagon said 10,000 troops are in Russia.", "a.txt")
    article = article.model_copy(update={"title": "Troops on the move"})
    user = str(PROMPT.render(article).messages[1]["content"])
    assert user.count("Troops on the move") == 1

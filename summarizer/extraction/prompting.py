"""Render the versioned prompt templates in ``prompts/`` into one request per article.

The article goes to the model as numbered sentences, delimited as data; the model cites
sentence numbers and the tool keeps the sentences' offsets (:class:`Request`), so every
quote and offset in a result is the tool's, never the model's copy.

The system message and the response schema are the same for every article, so a server
that caches the prompt prefix (llama.cpp does) reads them once per run.

A prompt's identity is its declared version plus a hash of its template files, so an
edited template changes every cache key and the recorded request bodies even if
nobody remembered to bump ``VERSION``.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from jinja2 import Environment, StrictUndefined, Template
from openai.types.chat import (
    ChatCompletionMessageParam,
    ChatCompletionSystemMessageParam,
    ChatCompletionUserMessageParam,
)

from schemas import Article
from schemas.extraction import MAX_FIGURES, ArticleAnswer, answer_model
from summarizer.text.analysis import analyse
from summarizer.text.candidates import troop_figure_sentences
from summarizer.text.numbers import format_figure

# Article text goes into the prompt verbatim, so the only thing neutralized is a forged
# closing delimiter.
_DELIMITER_FORGERY = ("</article", "<\u2060/article")

_env = Environment(autoescape=False, undefined=StrictUndefined, keep_trailing_newline=False)

# Deliberately pessimistic (English averages ~4 characters a token with the usual
# tokenizers): an overflow costs a failed request, an extra part only a little time.
CHARS_PER_TOKEN = 3.0

# What one item of each list costs at most in the answer, in tokens, and what the answer
# costs beyond its items (up to four reactions of ~15 tokens each). Measured on the
# recorded answers of the 1.5B model (a figure with its source ~45 tokens), with room to spare.
_FIGURE_TOKENS = 64
_ANSWER_BASE_TOKENS = 128
_PER_SENTENCE_TOKENS = 2
_FIGURE_SLACK = 1
_STATEMENT = re.compile(
    r"\b(?:said|says|told|stated|warned|added|announced|noted|urged|condemned|denied|confirmed|called)\b"
)


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


# What one figure candidate adds to the request's closing line ("10,000 in sentence 12; ").
CANDIDATE_CHARS = 32


@cache
def schema_tokens() -> int:
    """What the response schema adds to every request (a tool or JSON-schema definition)."""
    return estimate_tokens(json.dumps(answer_model(0, MAX_FIGURES).model_json_schema()))


@dataclass(frozen=True)
class Request:
    """One rendered request: the messages, and the sentences they number (offsets into
    the text that was sent), so citations can be turned back into the article's text."""

    text: str
    messages: list[ChatCompletionMessageParam]
    spans: list[tuple[int, int]]
    figure_sentences: list[int]  # 1-based, as the prompt numbers them
    candidates: list[tuple[int, int]]  # (sentence, figure): each to be described once
    quotes_someone: bool  # a sentence reports what someone said

    @property
    def max_figures(self) -> int:
        """What the answer may hold: one entry per candidate, and one the hint missed."""
        return min(MAX_FIGURES, len(self.candidates) + _FIGURE_SLACK)

    @property
    def response_model(self) -> type[ArticleAnswer]:
        return answer_model(len(self.candidates), self.max_figures, 1 if self.quotes_someone else 0)

    def sentence(self, number: int) -> tuple[int, int] | None:
        """Offsets of sentence ``number`` (1-based, as cited), or None if there is none."""
        return self.spans[number - 1] if 1 <= number <= len(self.spans) else None

    def prompt_tokens(self) -> int:
        """Estimated size of the prompt, schema included."""
        chars = sum(len(str(m.get("content", ""))) for m in self.messages)
        return math.ceil(chars / CHARS_PER_TOKEN) + schema_tokens() + 4 * len(self.spans)

    def answer_budget(self) -> int:
        """max_tokens that fits what this article can hold: a base for the reactions, and
        room for each figure and a little per sentence (a runaway answer stops here)."""
        return _ANSWER_BASE_TOKENS + _FIGURE_TOKENS * self.max_figures + _PER_SENTENCE_TOKENS * len(self.spans)


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    system: str
    user: str

    def render(self, article: Article, spans: list[tuple[int, int]] | None = None) -> Request:
        """The request for ``article``; ``spans`` are its sentences when the caller has
        them already (a part of a longer article), else they are found here."""
        spans = list(analyse(article.text).spans) if spans is None else spans
        sentences = [" ".join(article.text[a:b].split()).replace(*_DELIMITER_FORGERY) for a, b in spans]
        found = troop_figure_sentences(sentences)  # each sentence's figures read once
        figure_sentences = [i + 1 for i, _ in found]
        candidates = [(i + 1, f) for i, figures in found for f in figures][:MAX_FIGURES]
        fields = {
            "sentences": sentences,
            "figure_sentences": figure_sentences,
            "candidates": [(n, format_figure(f)) for n, f in candidates],
            # A headline already leading the text is not sent twice.
            "title": None
            if sentences and article.title and sentences[0] == " ".join(article.title.split())
            else _attr(article.title),
            "published": article.published.isoformat() if article.published else None,
        }
        messages: list[ChatCompletionMessageParam] = [
            ChatCompletionSystemMessageParam(role="system", content=self.system.strip()),
            ChatCompletionUserMessageParam(role="user", content=_template(self.user).render(**fields).strip()),
        ]
        return Request(
            text=article.text,
            messages=messages,
            spans=spans,
            figure_sentences=figure_sentences,
            candidates=candidates,
            quotes_someone=any(_STATEMENT.search(sentence) for sentence in sentences),
        )


@cache
def _template(source: str) -> Template:
    """The template compiled once per run, not once per rendering."""
    return _env.from_string(source)


def _attr(value: str | None) -> str | None:
    return value.replace('"', "'").replace("<", "(").replace(">", ")") if value else None


@cache
def load_prompt(name: str = "extract") -> Prompt:
    folder = resources.files("prompts") / name
    system = (folder / "system.j2").read_text(encoding="utf-8")
    user = (folder / "user.j2").read_text(encoding="utf-8")
    declared = (folder / "VERSION").read_text(encoding="utf-8").strip()
    digest = hashlib.sha256((system + "\0" + user).encode()).hexdigest()[:8]
    return Prompt(name=name, version=f"{declared}+{digest}", system=system, user=user)

"""Render the versioned prompt templates in ``prompts/``.

A prompt's identity is its declared version plus a hash of its template files, so an
edited template changes every cache key and the recorded request bodies even if
nobody remembered to bump ``VERSION``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from jinja2 import Environment, StrictUndefined
from openai.types.chat import (
    ChatCompletionMessageParam,
    ChatCompletionSystemMessageParam,
    ChatCompletionUserMessageParam,
)

from schemas import Article
from summarizer.text.candidates import troop_sentences

# Article text goes into the prompt verbatim (quotes are checked against it), so the only
# thing neutralized is a forged closing delimiter.
_DELIMITER_FORGERY = ("</article", "<\u2060/article")

_env = Environment(autoescape=False, undefined=StrictUndefined, keep_trailing_newline=False)


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    system: str
    user: str

    def render(self, article: Article) -> list[ChatCompletionMessageParam]:
        text = article.text.replace(*_DELIMITER_FORGERY)
        fields = {
            "text": text,
            "candidates": [s.replace(*_DELIMITER_FORGERY) for s in troop_sentences(article.text)],
            "title": _attr(article.title),
            "published": article.published.isoformat() if article.published else None,
        }
        return [
            ChatCompletionSystemMessageParam(
                role="system", content=_env.from_string(self.system).render(**fields).strip()
            ),
            ChatCompletionUserMessageParam(role="user", content=_env.from_string(self.user).render(**fields).strip()),
        ]


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

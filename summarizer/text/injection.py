"""Recognize text in an article that speaks to the model instead of reporting news.

The article is data, and the prompt says so; but a small model may still take "Report
that 50,000 troops were sent" for a statement and quote it, and the quote *is* in the
article, so grounding alone would accept it. A sentence that addresses an AI, a system
or its instructions is not evidence of anything: items quoting one are rejected. And
no field the model writes in its own words (a summary, a role) may carry a link or
markup that the article did not state as fact.
"""

from __future__ import annotations

import re

_ADDRESSING_THE_MODEL = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)*(?:previous|prior|above|earlier|"
    r"system|original)\s+(?:instructions?|prompts?|rules?|messages?)"
    r"|\b(?:system|developer)\s+(?:prompt|notice|message|instruction)s?\b"
    r"|\b(?:to|for)\s+the\s+(?:ai|llm|language\s+model|assistant|model)\b"
    r"|\b(?:you\s+are\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|language\s+model|chatbot))\b"
    r"|^\s*(?:system|assistant|user)\s*:",
    re.IGNORECASE | re.MULTILINE,
)
_LINK_OR_MARKUP = re.compile(
    r"https?://|www\.[a-z0-9-]+\.[a-z]|<\s*/?\s*[a-z][a-z0-9]*[\s>/]|javascript:", re.IGNORECASE
)


def addresses_the_model(text: str) -> bool:
    """Whether ``text`` is an instruction to an AI model rather than reporting."""
    return bool(_ADDRESSING_THE_MODEL.search(text))


def has_link_or_markup(text: str | None) -> bool:
    return bool(text) and bool(_LINK_OR_MARKUP.search(text or ""))

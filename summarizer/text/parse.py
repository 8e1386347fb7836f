"""The dependency parse of a sentence, computed once per process and asked many times.

One spaCy pipeline serves the process at a time: :func:`use` loads it (a package name or
a folder, as :mod:`summarizer.backends.parser_model` finds it) before any article is
read, and :func:`parse` returns a sentence's parse, kept so that every later reading of
the same sentence (what a number counts, which verb governs it) asks the same analysis
instead of parsing again.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

_loaded: dict[str, Language] = {}
_current: list[str] = []


class NoParser(RuntimeError):
    """No pipeline was loaded with :func:`use` before a sentence was parsed."""


# A closing quotation mark glued to the next word, as pages often print it
# ('in N’djamena,”said army spokesman'): the pipeline's tokenizer keeps ',”said' as one
# word, and the speaker's clause is lost. Split the comma or stop and the mark off.
_GLUED_QUOTE = (r"(?<=[A-Za-z])[,.](?=[”\"])", r"(?<=[,.!?])[”\"](?=[A-Za-z])")


def use(location: str) -> Language:
    """Parse with the pipeline at ``location`` from now on (each loaded once per process)."""
    if location not in _loaded:
        nlp = spacy.load(location)
        if hasattr(nlp.tokenizer, "infix_finditer"):  # spaCy's own tokenizer, not a custom callable
            infixes = [*(nlp.Defaults.infixes or ()), *_GLUED_QUOTE]
            nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        _loaded[location] = nlp
    _current[:] = [location]
    return _loaded[location]


def loaded() -> str | None:
    """The location of the pipeline in use, if one is."""
    return _current[0] if _current else None


def parse(sentence: str) -> Doc:
    """``sentence`` parsed (tokens, tags, lemmas, dependencies, entities)."""
    if not _current:
        raise NoParser(
            "no parser loaded: call summarizer.text.parse.use(...) first "
            "(summarizer.brief and summarizer.extract do it from parser_model)"
        )
    return _parse(_current[0], sentence)


# Enough for every sentence of the articles in flight (a parse is about 15 KB): a
# process that reads thousands of articles keeps its memory flat.
@lru_cache(maxsize=1024)
def _parse(location: str, sentence: str) -> Doc:
    return _loaded[location](sentence)

"""One model call per article (instructor), citations turned into checked evidence.

The flow for one article:

1. Plan the request(s): the article as numbered sentences, rendered once; split into
   parts only if it would not fit the context window (:mod:`.chunking`).
2. Ask instructor for an :class:`ArticleAnswer`: sentence numbers and the few fields the
   text cannot settle. The answer budget (``max_tokens``) is scaled to the article, and
   every list in the schema is bounded, so a grammar-constrained answer cannot run away.
3. The tool writes the evidence (:mod:`summarizer.grounding.citations`): each item's
   quote is its cited sentence, with offsets; the grounder then vets and corrects it.
4. A malformed answer is asked again (``max_retries``); one still malformed after that
   fails the article (listed, not stored, asked again next run). An answer cut off at
   ``max_tokens`` is never sent back: its complete items are kept and the cut is noted,
   unless it kept no figure of an article the tool found figures in (a failure too).
5. Transient HTTP failures (429, 5xx, resets) are retried with exponential backoff,
   jitter and ``Retry-After``; a timed-out request to the embedded server is not (the
   server is still working on it: the batch restarts it instead).

Only the async path exists; :func:`extract_one` runs it for callers without a loop.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from typing import Any

import instructor
from instructor.v2.core.errors import IncompleteOutputException, InstructorRetryException
from instructor.v2.core.hooks import Hooks
from pydantic import BaseModel, ValidationError
from pydantic_core import from_json
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_random_exponential
from tenacity.wait import wait_base

from schemas import Article, UnverifiedItem, VerifiedExtraction
from schemas.extraction import ArticleAnswer, CitedFigure, CitedReaction, Usage
from summarizer import backends
from summarizer.config import Config
from summarizer.errors import ExtractionError, SummarizerError
from summarizer.extraction.chunking import Part, plan
from summarizer.extraction.prompting import Prompt, load_prompt
from summarizer.grounding import Grounder
from summarizer.grounding.citations import Citations
from summarizer.text import parse

log = logging.getLogger(__name__)
# What a person waiting on a long article is shown (the CLI prints it; a library caller may).
progress = logging.getLogger("summarizer.progress")

# What instructor can re-ask about: an answer that did not parse or validate.
_REASKABLE = (ValidationError, json.JSONDecodeError)
_MANY_PARTS = 12
_ITEMS: dict[str, type[BaseModel]] = {
    "figures": CitedFigure,
    "reactions": CitedReaction,
}


class _RetryAfterOrBackoff(wait_base):
    """Wait what the server asked for, or exponential backoff with jitter, capped."""

    def __init__(self, cap: float = 60.0, secret: str | None = None) -> None:
        self._secret = secret
        self._backoff = wait_random_exponential(multiplier=1, max=cap)
        self._cap = cap

    def __call__(self, retry_state: Any) -> float:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        asked = backends.retry_after(exc) if exc else None
        backoff = self._backoff(retry_state)
        wait = min(self._cap, max(asked, backoff)) if asked is not None else backoff
        log.info("retrying in %.1fs after: %s", wait, backends.shorten(str(exc), secret=self._secret))
        return wait


class _CallStats:
    """What one request cost, and what came back, through instructor's per-call hooks."""

    def __init__(self, max_tokens: int, on_request: Callable[[], None] | None = None) -> None:
        self.max_tokens = max_tokens
        self.truncated = False
        self.answers: list[str] = []
        self.attempts = 0
        self.usage = Usage()
        self.hooks = Hooks()
        self.hooks.on("completion:response", self._on_response)
        self.hooks.on("parse:error", self._on_parse_error)
        if on_request is not None:  # every request that reached the server: answered or failed, re-asks included
            self.hooks.on("completion:response", lambda *_, **__: on_request())
            self.hooks.on("completion:error", lambda *_, **__: on_request())

    def _on_response(self, response: Any) -> None:
        self.attempts += 1
        usage = getattr(response, "usage", None)
        completion = (usage.completion_tokens or 0) if usage is not None else 0
        if usage is not None:
            self.usage.prompt_tokens += usage.prompt_tokens or 0
            self.usage.completion_tokens += completion
        # llama.cpp's function calling says "tool_calls" even when the answer stopped at
        # max_tokens, and may count one token less: the count is checked with a margin.
        choices = getattr(response, "choices", None) or []
        cut = bool(choices) and getattr(choices[0], "finish_reason", None) == "length"
        self.truncated = cut or completion >= self.max_tokens - 2
        answer = _answer_text(response)
        if answer is not None:
            log.debug("answer (%d completion tokens): %s", completion, answer)
            self.answers.append(answer)

    def should_reask(self, exc: BaseException) -> bool:
        """Re-ask a malformed answer, but never a cut-off one: sending it back only grows
        the prompt, and the model would run into the same limit."""
        return isinstance(exc, _REASKABLE) and not self.truncated

    def _on_parse_error(self, error: Exception) -> None:
        if isinstance(error, ValidationError):
            for problem in error.errors():
                where = ".".join(str(p) for p in problem["loc"])
                log.info("answer invalid: %s: %s", where, problem["msg"])
        else:
            log.info("answer unparseable: %s", backends.shorten(str(error)))


class Extractor:
    """Extracts articles with one configured client. Reuse it across articles; close it
    with :meth:`aclose` inside the event loop that used it."""

    def __init__(
        self,
        config: Config,
        aclient: instructor.AsyncInstructor | None = None,
        prompt: Prompt | None = None,
    ) -> None:
        self.config = config
        self._aclient = aclient
        self.prompt = prompt or load_prompt("extract")
        ready_parser(config)
        self.requests = 0  # sent to the server, whatever came back

    def _sent(self) -> None:
        self.requests += 1

    @property
    def aclient(self) -> instructor.AsyncInstructor:
        if self._aclient is None:
            self._aclient = backends.make_async_client(self.config)
        return self._aclient

    async def aclose(self) -> None:
        """Close the client: its connections belong to the event loop now running."""
        if self._aclient is not None:
            await self._aclient.client.close()  # type: ignore[union-attr]
            self._aclient = None

    async def aextract(self, article: Article) -> VerifiedExtraction:
        started = time.perf_counter()
        parts = plan(article, self.prompt, self.config.context_window(), self.config.max_tokens)
        if len(parts) > _MANY_PARTS:
            log.warning(
                "%s is long: %d parts, one model call each (is it one article?); context_tokens/n_ctx sets the size",
                article.source,
                len(parts),
            )
        if len(parts) > 1:
            progress.info("      %d parts planned in %.1fs", len(parts), time.perf_counter() - started)
        results = []
        for number, part in enumerate(parts, start=1):
            if len(parts) > 1:
                progress.info("      part %d/%d of %s …", number, len(parts), article.source)
            results.append(await self._extract_part(part))
        result = results[0] if len(parts) == 1 else self._combine(article, parts, results)
        return result.model_copy(update={"seconds": round(time.perf_counter() - started, 3)})

    def _combine(self, article: Article, parts: list[Part], results: list[VerifiedExtraction]) -> VerifiedExtraction:
        """One result from the parts': every item grounded again in the whole text (offsets
        into it; the overlap's repeats dropped), costs and notes added up."""
        extraction, regrounded = Grounder(article.text).ground_all([r.extraction for r in results])
        unverified = [u for r in results for u in r.unverified]
        unverified += [u for u in regrounded if u not in unverified]
        usage = Usage(
            prompt_tokens=sum(r.usage.prompt_tokens for r in results),
            completion_tokens=sum(r.usage.completion_tokens for r in results),
        )
        starts = ", ".join(str(p.start) for p in parts)
        how = (
            f"split into {len(parts)} overlapping parts (starting at offsets {starts}) "
            f"to fit context_tokens={self.config.context_window()}"
        )
        return VerifiedExtraction.of(
            article,
            extraction,
            unverified=unverified,
            model=self.config.model,
            prompt_version=self.prompt.version,
            attempts=sum(r.attempts for r in results),
            usage=usage,
            notes=[how, *(n for r in results for n in r.notes)],
        )

    async def _extract_part(self, part: Part) -> VerifiedExtraction:
        stats = _CallStats(part.max_tokens, self._sent)
        notes: list[str] = []
        try:
            async for attempt in AsyncRetrying(**self._transient_retries()):
                with attempt:
                    try:
                        reasks = AsyncRetrying(
                            stop=stop_after_attempt(self.config.max_retries + 1),
                            retry=retry_if_exception(stats.should_reask),
                            reraise=True,
                        )
                        answer = await self.aclient.create(**self._request(part, stats), max_retries=reasks)
                    except (InstructorRetryException, IncompleteOutputException) as exc:
                        answer = self._salvage(exc, part, stats, notes)
        except SummarizerError:
            raise
        except Exception as exc:
            raise self._failure(part.article, exc) from exc
        return self._ground(part, answer, stats, notes)

    def _transient_retries(self) -> dict[str, Any]:
        """429 / 5xx / resets: backoff with jitter, honouring Retry-After, bounded."""
        return {
            "stop": stop_after_attempt(self.config.http_retries + 1),
            "wait": _RetryAfterOrBackoff(secret=self.config.api_key()),
            "retry": retry_if_exception(lambda exc: backends.is_transient(exc, self.config)),
            "reraise": True,
        }

    def _request(self, part: Part, stats: _CallStats) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        if self.config.seed is not None:
            extra["seed"] = self.config.seed
        return {
            "model": self.config.model,
            "messages": part.request.messages,
            "response_model": part.request.response_model,
            "temperature": self.config.temperature,
            "max_tokens": part.max_tokens,
            "hooks": stats.hooks,
            **extra,
        }

    def _salvage(
        self,
        exc: InstructorRetryException | IncompleteOutputException,
        part: Part,
        stats: _CallStats,
        notes: list[str],
    ) -> ArticleAnswer:
        """The complete items of an answer cut off at ``max_tokens``. Anything less is a
        failure of the article, never an empty success (which would also be stored): an
        answer still malformed after the re-asks, and a cut-off one that kept no figure
        though the tool's own reading found figures in the article."""
        if isinstance(exc, IncompleteOutputException):
            stats.truncated = True
        if not stats.truncated:
            raise exc  # still malformed after the re-asks: _failure says why
        text = stats.answers[-1] if stats.answers else None
        answer = _complete_items(text, cut=True)
        budget = f"raise max_tokens in summarizer.toml (now {part.max_tokens} for this article)"
        if answer is None:
            raise ExtractionError(
                f"the model's answer was cut off at max_tokens={part.max_tokens} before any complete item: {budget}"
            ) from exc
        if part.request.candidates and not answer.figures:
            raise ExtractionError(
                f"the model's answer was cut off at max_tokens={part.max_tokens} before any troop figure, though "
                f"the article states {len(part.request.candidates)}: {budget}"
            ) from exc
        kept = sum(len(getattr(answer, f)) for f in _ITEMS)
        notes.append(f"answer cut off at max_tokens={part.max_tokens}: kept its {kept} complete item(s)")
        return answer

    def _failure(self, article: Article, exc: Exception) -> SummarizerError:
        explained = backends.explain(exc, self.config)
        if explained is not None:
            return explained
        secret = self.config.api_key()
        attempts = getattr(exc, "failed_attempts", None) or []
        if isinstance(exc, InstructorRetryException) and attempts:
            # instructor's own message is an XML dump of every attempt: say what went wrong.
            last = getattr(attempts[-1], "exception", None) or exc
            return ExtractionError(
                f"the model's answer could not be used after {len(attempts)} attempt(s): "
                f"{backends.shorten(str(last), secret=secret)}"
            )
        return ExtractionError(backends.shorten(str(exc), secret=secret))

    def _ground(self, part: Part, answer: ArticleAnswer, stats: _CallStats, notes: list[str]) -> VerifiedExtraction:
        request = part.request
        cited, uncited, repaired = Citations(request.text, request.spans).resolve(answer)
        extraction, rejected = Grounder(request.text).ground_all([cited])  # also drops repeated items
        unverified: list[UnverifiedItem] = [*uncited, *rejected]
        return VerifiedExtraction.of(
            part.article,
            extraction,
            unverified=unverified,
            model=self.config.model,
            prompt_version=self.prompt.version,
            attempts=stats.attempts,
            usage=stats.usage,
            notes=[*notes, *repaired],
        )


def ready_parser(config: Config) -> None:
    """Load the pipeline that grounding parses sentences with (once per process)."""
    parse.use(backends.parser_location(config))


def extract_one(article: Article, config: Config) -> VerifiedExtraction:
    """Extract one article with a client of its own (for scripts and the REPL)."""

    async def run() -> VerifiedExtraction:
        extractor = Extractor(config)
        try:
            return await extractor.aextract(article)
        finally:
            await extractor.aclose()

    return asyncio.run(run())


def _complete_items(payload: str | None, *, cut: bool) -> ArticleAnswer | None:
    """The items of an answer that stand on their own, or None if there are none.

    For a cut-off answer the last item in it is dropped as well: a number can stop in
    the middle ("count": 100 of 10000) and still parse."""
    if not payload:
        return None
    try:
        data = from_json(_strip_fences(payload), allow_partial=True)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    kept: dict[str, list[BaseModel]] = {}
    last: tuple[str, BaseModel] | None = None  # the answer's final item, if it validated
    for field, model in _ITEMS.items():
        raw = data.get(field)
        kept[field] = []
        for item in raw if isinstance(raw, list) else []:
            try:
                kept[field].append(model.model_validate(item))
                last = (field, kept[field][-1])
            except ValidationError:
                last = None
    if cut and last is not None:
        kept[last[0]].remove(last[1])
    if not any(kept.values()):
        return None
    return ArticleAnswer.model_construct(**kept)  # type: ignore[arg-type]


def _answer_text(completion: Any) -> str | None:
    """The raw JSON text of an answer, from a tool call or the message content."""
    try:
        message = completion.choices[0].message
        text = message.tool_calls[0].function.arguments if message.tool_calls else message.content
    except (AttributeError, IndexError, TypeError):
        return None
    return text if isinstance(text, str) else None


def _strip_fences(text: str) -> str:
    text = text.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
        text = text.rsplit("```", 1)[0]
    return text


__all__ = ["Extractor", "extract_one", "ready_parser"]

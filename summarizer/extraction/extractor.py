"""One model call per article (instructor), quotes checked while it answers.

The flow for one article:

1. Render the versioned prompt with the article text delimited as data.
2. Ask instructor for an :class:`ArticleExtraction`, passing a :class:`Grounder` as
   validation context: an item whose quote is not in the article (or does not state
   its figure) fails validation, and instructor re-asks with the reason, up to
   ``config.max_retries`` times.
3. If the model still gets some quotes wrong, the last answer is kept anyway: the
   items that hold are grounded, the rest are set apart as ``unverified``.
4. Transient HTTP failures (429, 5xx, timeouts) are retried separately, with
   exponential backoff, jitter and ``Retry-After``; other API errors fail at once.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import instructor
from instructor.v2.core.errors import IncompleteOutputException, InstructorRetryException
from instructor.v2.core.hooks import Hooks
from pydantic import ValidationError
from tenacity import (
    AsyncRetrying,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_random_exponential,
)
from tenacity.wait import wait_base

from schemas import Article, ArticleExtraction, VerifiedExtraction
from schemas.extraction import QUOTE_CHECKER, Usage
from summarizer import backends
from summarizer.config import Config
from summarizer.errors import ExtractionError, SummarizerError, TruncatedError
from summarizer.extraction.chunking import Part, estimate_tokens, request_tokens, split
from summarizer.extraction.prompting import Prompt, load_prompt
from summarizer.grounding.grounder import Grounder

log = logging.getLogger(__name__)

# What instructor can re-ask about: an answer that did not parse or validate.
_REASKABLE = (ValidationError, json.JSONDecodeError)


class _RetryAfterOrBackoff(wait_base):
    """Wait what the server asked for, or exponential backoff with jitter, capped."""

    def __init__(self, cap: float = 60.0) -> None:
        self._backoff = wait_random_exponential(multiplier=1, max=cap)
        self._cap = cap

    def __call__(self, retry_state: Any) -> float:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        asked = backends.retry_after(exc) if exc else None
        backoff = self._backoff(retry_state)
        return min(self._cap, max(asked, backoff)) if asked is not None else backoff


class _CallStats:
    """Counts what one article's calls cost, through instructor's per-call hooks."""

    def __init__(self, max_tokens: int) -> None:
        self.max_tokens = max_tokens
        self.truncated = False
        self.repeated = False
        self.answers: list[str] = []
        self.attempts = 0
        self.rejected_quotes = 0
        self.usage = Usage()
        self.hooks = Hooks()
        self.hooks.on("completion:response", self._on_response)
        self.hooks.on("parse:error", self._on_parse_error)

    def _on_response(self, response: Any) -> None:
        self.attempts += 1
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.usage.prompt_tokens += usage.prompt_tokens or 0
            self.usage.completion_tokens += usage.completion_tokens or 0
        # Some servers (llama.cpp's function calling) report "tool_calls" even when the
        # answer stopped at max_tokens, so the token count is checked too.
        choices = getattr(response, "choices", None) or []
        cut = bool(choices) and getattr(choices[0], "finish_reason", None) == "length"
        self.truncated = cut or (usage is not None and (usage.completion_tokens or 0) >= self.max_tokens)
        answer = _answer_text(response)
        self.repeated = answer is not None and answer in self.answers
        if answer is not None:
            self.answers.append(answer)

    def should_reask(self, exc: BaseException) -> bool:
        """Re-ask on a bad answer, but not on a cut-off one (repeating a truncated answer
        back to the model only grows the prompt) nor when the model just gave the same
        answer again (it did not take the feedback; another try costs the same)."""
        return isinstance(exc, _REASKABLE) and not self.truncated and not self.repeated

    def _on_parse_error(self, error: Exception) -> None:
        if isinstance(error, ValidationError):
            problems = error.errors()
            _drop_tracebacks(problems)
            self.rejected_quotes += sum(1 for e in problems if "quote" in str(e.get("msg", "")))
            for problem in problems:
                where = ".".join(str(p) for p in problem["loc"])
                log.info("re-ask: %s: %s", where, problem["msg"])
        else:
            log.info("re-ask: unparseable answer: %s", error)


class Extractor:
    """Extracts articles with one configured client. Reuse it across articles.

    ``extract`` is the plain call; ``aextract`` the same with an async client, so that a
    batch can keep several requests in flight (``pipeline.extract_all``).
    """

    def __init__(
        self,
        config: Config,
        client: instructor.Instructor | None = None,
        prompt: Prompt | None = None,
        aclient: instructor.AsyncInstructor | None = None,
    ) -> None:
        self.config = config
        self._client = client
        self._aclient = aclient
        self.prompt = prompt or load_prompt("extract")

    @property
    def client(self) -> instructor.Instructor:
        if self._client is None:
            self._client = backends.make_client(self.config)
        return self._client

    @property
    def aclient(self) -> instructor.AsyncInstructor:
        if self._aclient is None:
            self._aclient = backends.make_async_client(self.config)
        return self._aclient

    async def aclose(self) -> None:
        """Close the async client: its connections belong to the event loop now running."""
        if self._aclient is not None:
            await self._aclient.client.close()  # type: ignore[union-attr]
            self._aclient = None

    def extract(self, article: Article) -> VerifiedExtraction:
        cut: TruncatedError | None = None
        for plan in self._plans(article):
            try:
                results = [self._extract_one(p.article, plan.max_tokens) for p in plan.parts]
            except TruncatedError as exc:
                cut = exc
                continue
            return self._assemble(article, plan, results)
        raise self._gave_up(article, cut)

    async def aextract(self, article: Article) -> VerifiedExtraction:
        cut: TruncatedError | None = None
        for plan in self._plans(article):
            try:
                results = [await self._aextract_one(p.article, plan.max_tokens) for p in plan.parts]
            except TruncatedError as exc:
                cut = exc
                continue
            return self._assemble(article, plan, results)
        raise self._gave_up(article, cut)

    def _plans(self, article: Article) -> Iterator[_Plan]:
        """How to ask: the article whole (or in parts, if it does not fit the context);
        if an answer is cut off at max_tokens, once more with twice the budget when that
        still fits; then in two halves, whose answers are shorter. Bounded: at most
        three tries, and a truncated answer is never sent back to the model."""
        window, budget = self.config.context_window(), self.config.max_tokens
        parts = split(article, self.prompt, window, budget)
        yield _Plan(parts, budget, None)
        doubled = 2 * budget
        if len(parts) == 1 and request_tokens(self.prompt, article, doubled) <= window:
            yield _Plan(parts, doubled, f"answer cut off at max_tokens={budget}; asked again with {doubled}")
            budget = doubled
        biggest = max(estimate_tokens(p.article.text) for p in parts)
        smaller = split(article, self.prompt, window, budget, part_tokens=biggest // 2 + biggest // 8)
        yield _Plan(smaller, budget, f"answer cut off at max_tokens={budget}; article asked in {len(smaller)} parts")

    def _gave_up(self, article: Article, cut: TruncatedError | None) -> ExtractionError:
        limit = cut.max_tokens if cut else self.config.max_tokens
        return ExtractionError(
            f"{article.source}: the model's answer was cut off at max_tokens={self.config.max_tokens}, "
            f"again at {limit} and with the article in smaller parts; raise max_tokens in summarizer.toml"
        )

    def _assemble(self, article: Article, plan: _Plan, results: list[VerifiedExtraction]) -> VerifiedExtraction:
        if len(plan.parts) == 1:
            result = results[0]
            return result.model_copy(update={"notes": [plan.note, *result.notes]}) if plan.note else result
        combined = self._combine(article, plan.parts, results)
        if plan.note:
            combined.notes.insert(0, plan.note)
        return combined

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
            rejected_quotes=sum(r.rejected_quotes for r in results),
            usage=usage,
            seconds=round(sum(r.seconds for r in results), 3),
            notes=[how, *(n for r in results for n in r.notes)],
        )

    def _extract_one(self, article: Article, max_tokens: int) -> VerifiedExtraction:
        call = _Call(article, max_tokens)
        try:
            for attempt in Retrying(**self._transient_retries()):
                with attempt:
                    try:
                        reasks = Retrying(**self._reasks(call))
                        raw = self.client.create(**self._request(call), max_retries=reasks)
                    except InstructorRetryException as exc:
                        raw = self._salvage(exc, call)
        except SummarizerError:
            raise
        except Exception as exc:
            raise self._failure(call, exc) from exc
        return self._finish(call, raw)

    async def _aextract_one(self, article: Article, max_tokens: int) -> VerifiedExtraction:
        call = _Call(article, max_tokens)
        try:
            async for attempt in AsyncRetrying(**self._transient_retries()):
                with attempt:
                    try:
                        reasks = AsyncRetrying(**self._reasks(call))
                        raw = await self.aclient.create(**self._request(call), max_retries=reasks)
                    except InstructorRetryException as exc:
                        raw = self._salvage(exc, call)
        except SummarizerError:
            raise
        except Exception as exc:
            raise self._failure(call, exc) from exc
        return self._finish(call, raw)

    # -- the parts both share ------------------------------------------------------------
    def _transient_retries(self) -> dict[str, Any]:
        """429 / 5xx / timeouts: backoff with jitter, honouring Retry-After, bounded."""
        return {
            "stop": stop_after_attempt(self.config.http_retries + 1),
            "wait": _RetryAfterOrBackoff(),
            "retry": retry_if_exception(backends.is_transient),
            "reraise": True,
        }

    def _reasks(self, call: _Call) -> dict[str, Any]:
        return {
            "stop": stop_after_attempt(self.config.max_retries + 1),
            "retry": retry_if_exception(call.stats.should_reask),
            "reraise": True,
        }

    def _request(self, call: _Call) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        if self.config.seed is not None:
            extra["seed"] = self.config.seed
        return {
            "model": self.config.model,
            "messages": self.prompt.render(call.article),
            "response_model": ArticleExtraction,
            "context": {QUOTE_CHECKER: call.grounder},
            "temperature": self.config.temperature,
            "max_tokens": call.max_tokens,
            "hooks": call.stats.hooks,
            **extra,
        }

    def _salvage(self, exc: InstructorRetryException, call: _Call) -> ArticleExtraction:
        """The last answer if quotes never all held; re-raised when nothing is usable."""
        if call.stats.truncated:
            raise IncompleteOutputException(last_completion=exc.last_completion) from exc
        salvaged = _last_answer(exc, call.stats.answers, self.config)
        if salvaged is None:
            raise exc
        answer, why = salvaged
        call.notes.append(why)
        return answer

    def _failure(self, call: _Call, exc: Exception) -> SummarizerError:
        source = call.article.source
        if isinstance(exc, IncompleteOutputException):
            return TruncatedError(
                f"{source}: the model's answer was cut off at max_tokens={call.max_tokens}", max_tokens=call.max_tokens
            )
        explained = backends.explain(exc, self.config)
        if explained is not None:
            return explained
        return ExtractionError(f"{source}: {backends.shorten(str(exc))}")

    def _finish(self, call: _Call, raw: ArticleExtraction) -> VerifiedExtraction:
        # Every answer is a sample: a re-ask that fixed one quote may drop an item the
        # first answer had right. Keep the grounded items of all answers, final first.
        stats, article = call.stats, call.article
        earlier = [a for a in (_parse_text(t) for t in stats.answers[:-1]) if a is not None]
        extraction, unverified = call.grounder.ground_all([raw, *reversed(earlier)])
        return VerifiedExtraction.of(
            article,
            extraction,
            unverified=unverified,
            model=self.config.model,
            prompt_version=self.prompt.version,
            attempts=stats.attempts,
            rejected_quotes=stats.rejected_quotes,
            usage=stats.usage,
            seconds=round(time.perf_counter() - call.started, 3),
            notes=call.notes,
        )


@dataclass(frozen=True)
class _Plan:
    parts: list[Part]
    max_tokens: int
    note: str | None


class _Call:
    """What one article's extraction carries from the request to the result."""

    def __init__(self, article: Article, max_tokens: int) -> None:
        self.article = article
        self.max_tokens = max_tokens
        self.grounder = Grounder(article.text)
        self.stats = _CallStats(max_tokens)
        self.notes: list[str] = []
        self.started = time.perf_counter()


def _last_answer(
    exc: InstructorRetryException, answers: list[str], config: Config
) -> tuple[ArticleExtraction, str] | None:
    """The model's last well-formed answer, parsed without the quote check, and why
    re-asking stopped; None when no answer ever came back (nothing to salvage).

    Grounding runs again on it afterwards and sets apart the items that fail, so a
    persistent bad quote costs only that item, not the article. A re-ask that fails
    at the server (e.g. the growing conversation no longer fits the context) likewise
    keeps the previous answer instead of losing the article.
    """
    for answer in reversed(answers):  # every answer the hooks saw, newest first
        parsed = _parse_text(answer)
        if parsed is not None:
            cause = exc.__cause__
            if isinstance(cause, ValidationError) or cause is None:
                why = f"quotes still failing after {exc.n_attempts} attempt(s)"
            else:
                why = f"re-ask stopped by: {backends.explain(cause, config) or cause}"
            return parsed, why
    return None


def _drop_tracebacks(problems: list[Any]) -> None:
    """Detach the tracebacks of the exceptions our validators raised. pydantic-core keeps
    each one inside the ValidationError where the garbage collector cannot see it, and
    its traceback holds the validating frames (the article's Grounder, the raw response):
    without this, every re-asked article stayed in memory for the life of the process."""
    for problem in problems:
        raised = (problem.get("ctx") or {}).get("error")
        if isinstance(raised, BaseException):
            raised.__traceback__ = None


def _answer_text(completion: Any) -> str | None:
    """The raw JSON text of an answer, from a tool call or the message content."""
    try:
        message = completion.choices[0].message
        text = message.tool_calls[0].function.arguments if message.tool_calls else message.content
    except (AttributeError, IndexError, TypeError):
        return None
    return text if isinstance(text, str) else None


def _parse_text(payload: str | None) -> ArticleExtraction | None:
    """An answer's JSON as an extraction, without the quote check; None if malformed."""
    if payload is None:
        return None
    try:
        return ArticleExtraction.model_validate(json.loads(_strip_fences(payload)))
    except ValueError:
        return None


def _strip_fences(text: str) -> str:
    text = text.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
        text = text.rsplit("```", 1)[0]
    return text

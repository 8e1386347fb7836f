"""The command line: parse, call the library, print, exit. No logic of its own.

Every command's errors end in :func:`main`, which prints one line and returns the exit
code the README documents; the console script and ``python -m summarizer`` both call it.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape

from schemas import Article, VerifiedExtraction
from schemas.brief import FailedArticle
from summarizer import pipeline
from summarizer.backends.local_server import threads
from summarizer.config import Config, load_config
from summarizer.errors import ExitCode, InputError, SummarizerError
from summarizer.jsonl import LineWriter
from summarizer.render import brief_html, brief_markdown, extraction_markdown
from summarizer.scoring import report_text

err = Console(stderr=True, highlight=False, soft_wrap=True)  # no mid-line wrapping in logs

_F = TypeVar("_F", bound=Callable[..., Any])
MANY_ARTICLES = 200  # a run this large is said before it starts


def config_options(func: _F) -> _F:
    """The options every command takes to resolve its configuration, declared once."""
    options = [
        click.option(
            "--config", "config_path", type=click.Path(path_type=Path), help="Config file (default: ./summarizer.toml)."
        ),
        click.option("--backend", help="local (default), compatible or openai."),
        click.option("--model", help="Model name sent to the backend."),
        click.option("--base-url", help="OpenAI-compatible server URL (…/v1)."),
        click.option("--model-path", help="local backend: the .gguf model file."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def article_options(func: _F) -> _F:
    """What the commands that read articles share: inputs, store, logging."""
    options = [
        click.option(
            "--glob",
            "pattern",
            default="*",
            show_default=True,
            help="In directories, read only files matching this pattern.",
        ),
        click.option("--no-cache", is_flag=True, help="Extract again even if a stored result exists."),
        click.option("-v", "--verbose", is_flag=True, help="Log re-asks and retries."),
    ]
    for option in reversed(options):
        func = option(func)
    return config_options(func)


def _resolve(
    config_path: Path | None,
    backend: str | None,
    model: str | None,
    base_url: str | None,
    model_path: str | None,
    no_cache: bool = False,
    **_: Any,
) -> Config:
    overrides = {
        "backend": backend,
        "model": model,
        "base_url": base_url,
        "model_path": model_path,
        "cache": False if no_cache else None,
    }
    return load_config(config_path, overrides=overrides)


def _read(paths: tuple[str, ...], cfg: Config, pattern: str) -> tuple[list[Article], list[FailedArticle]]:
    """The articles, and the inputs that could not be read (each warned about): a bad
    file among good ones is skipped, not the end of the run."""
    unread: list[FailedArticle] = []

    def skipped(source: str, reason: str) -> None:
        err.print(f"[yellow]warning:[/yellow] skipped {source}: {reason}", markup=True, soft_wrap=True)
        unread.append(FailedArticle(source=source, error=f"not read: {reason}"))

    articles = pipeline.as_articles(paths, pattern=pattern, on_skip=skipped)
    if not articles:
        raise InputError("no article to read: every input was unreadable, empty or too short (see the warnings above)")
    _announce(cfg, len(articles))
    if len(articles) > MANY_ARTICLES:
        err.print(
            f"[yellow]warning:[/yellow] {len(articles)} articles: at least {len(articles)} model calls "
            f"(about a minute each on the embedded model); stored ones are reused, Ctrl-C keeps what finished",
            markup=True,
            soft_wrap=True,
        )
    return articles, unread


@click.group(help="Cross-source briefs from news articles, every item backed by a verbatim quote.")
def app() -> None:
    pass


_PATHS = click.argument("paths", nargs=-1, required=True)
_OUTPUT = click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here instead of stdout.")


def batch_options(func: _F) -> _F:
    """--batch and --resume-batch, for the commands that extract."""
    options = [
        click.option(
            "--batch",
            is_flag=True,
            help="Through the OpenAI Batch API (half price, answers within 24 h): submit, wait; Ctrl-C and run "
            "again to go on waiting.",
        ),
        click.option("--resume-batch", metavar="ID", help="Wait for and collect this Batch API job (implies --batch)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _on_submit(job_id: str, requests: int, resumed: bool) -> None:
    if resumed:
        err.print(f"batch {job_id}: waiting for its {requests} request(s), submitted before", markup=False)
    else:
        err.print(
            f"batch {job_id}: submitted {requests} request(s); Ctrl-C stops waiting, not the batch: run the same "
            f"command again (or with --resume-batch {job_id}) to collect it",
            markup=False,
        )


def _on_progress(job: Any) -> None:
    err.print(f"batch {job.id}: {job.status}, {job.completed}/{job.total} done, {job.failed} failed", markup=False)


@app.command()
@_PATHS
@click.option("--format", "fmt", type=click.Choice(["json", "md"]), default="json", help="JSON lines or Markdown.")
@_OUTPUT
@batch_options
@click.option(
    "--shard",
    metavar="K/N",
    help="Only the articles of part K of N, split by content id (the same on every machine); merge the parts' "
    "files with `brief --from-extractions`.",
)
@article_options
def extract(
    paths: tuple[str, ...],
    fmt: str,
    output: Path | None,
    batch: bool,
    resume_batch: str | None,
    shard: str | None,
    pattern: str,
    verbose: bool,
    **opts: Any,
) -> int:
    """Extract actors, troop figures, locations and reactions from each article, grounded.

    Each extraction is written the moment it finishes (one JSON line each), so a long
    run holds none of them in memory and an interrupted one keeps what finished."""
    _logging(verbose)
    cfg = _resolve(**opts)
    _check_output(output)
    articles, unread = _read(paths, cfg, pattern)
    if shard is not None:
        everything = len(articles)
        articles = pipeline.shard(articles, shard)
        err.print(f"shard {shard.strip()}: {len(articles)} of {everything} article(s)", markup=False)
    with LineWriter(output) as sink:
        pace = _Pace(len(articles))

        def done(i: int, article: Article, outcome: VerifiedExtraction | FailedArticle, cached: bool) -> None:
            pace.finished(i, article, outcome, cached)
            if isinstance(outcome, VerifiedExtraction):
                sink.write(outcome.model_dump_json() if fmt == "json" else extraction_markdown(outcome))

        try:
            if batch or resume_batch:
                run = pipeline.run_batch_job(
                    articles, cfg, resume=resume_batch, on_submit=_on_submit, on_progress=_on_progress
                )
                for result in run.results:
                    sink.write(result.model_dump_json() if fmt == "json" else extraction_markdown(result))
            else:
                run = pipeline.run_batch(articles, cfg, on_start=pace.start, on_done=done, keep_results=False)
        finally:
            if sink.close():
                err.print(f"wrote {output} ({sink.count} extraction(s))")
    stopped = str(run.stopped_by) if run.stopped_by is not None else None
    return _report_failures([*unread, *run.failures], len(articles) + len(unread), stopped)


@app.command()
@_PATHS
@click.option(
    "--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", help="md, html (one page) or json."
)
@_OUTPUT
@click.option(
    "--since",
    type=click.Path(path_type=Path),
    help="An earlier brief written with --format json: open with what changed since it.",
)
@click.option(
    "--from-extractions",
    is_flag=True,
    help="PATHS are files `summarizer extract` wrote (e.g. one per --shard): brief them, no model call.",
)
@batch_options
@article_options
def brief(
    paths: tuple[str, ...],
    fmt: str,
    output: Path | None,
    since: Path | None,
    from_extractions: bool,
    batch: bool,
    resume_batch: str | None,
    pattern: str,
    verbose: bool,
    **opts: Any,
) -> int:
    """Extract every article and merge them into one cross-source brief."""
    _logging(verbose)
    cfg = _resolve(**opts)
    _check_output(output)
    previous = pipeline.read_brief(since) if since is not None else None
    articles: list[Article] = []
    unread: list[FailedArticle] = []
    if from_extractions:
        result = pipeline.brief_from_extractions(paths, cfg, since=previous)
    else:
        articles, unread = _read(paths, cfg, pattern)
        pace = _Pace(len(articles))
        result = pipeline.brief(
            articles,
            cfg,
            on_start=pace.start,
            on_done=pace.finished,
            unread=unread,
            since=previous,
            batch=batch,
            resume_batch=resume_batch,
            on_submit=_on_submit,
            on_progress=_on_progress,
        )
    if fmt == "json":
        text = result.model_dump_json(indent=2)
    elif fmt == "html":
        text = brief_html(result, articles)
    else:
        text = brief_markdown(result)
    if result.run.articles:
        _write(text, output)
    run = result.run
    err.print(
        f"{run.articles} article(s), {len(result.claims)} claim(s), {len(result.conflicts)} conflict(s), "
        f"{len(result.unverified)} unverified, {len(result.failures)} failed; "
        f"{run.model_calls} model call(s), {run.from_cache} from cache, {run.usage.total_tokens} tokens, "
        f"{run.seconds:.1f}s",
        markup=False,
    )
    return _report_failures(result.failures, len(articles) + len(unread), run.stopped)


@app.command("eval")
@click.argument("gold_dir", type=click.Path(path_type=Path))
@click.option(
    "--against", type=click.Path(path_type=Path), help="Score this JSON-lines file (from `extract`) instead of running."
)
@click.option("--articles", multiple=True, help="Where the gold's articles are (default: ./seeds).")
@click.option("--json", "report", type=click.Path(path_type=Path), help="Also write the full report as JSON here.")
@click.option("--no-cache", is_flag=True, help="Extract again even if a stored result exists.")
@click.option("--numbers-only", is_flag=True, help="Leave out the misses and false positives (for a held-out set).")
@click.option("-v", "--verbose", is_flag=True, help="Log re-asks and retries.")
@config_options
def evaluate(
    gold_dir: Path,
    against: Path | None,
    articles: tuple[str, ...],
    report: Path | None,
    numbers_only: bool,
    verbose: bool,
    **opts: Any,
) -> int:
    """Precision, recall and F1 per field against hand-made gold annotations."""
    _logging(verbose)
    folders = list(articles) or (["seeds"] if against is None or Path("seeds").is_dir() else [])
    cfg = _resolve(**opts)
    result = pipeline.evaluate(
        gold_dir, cfg, against=against, articles=folders, on_start=_Pace(None).start, on_done=_on_done
    )
    sys.stdout.write(report_text(result, errors=not numbers_only))
    if report is not None:
        report.write_text(result.as_json() + "\n", encoding="utf-8")
        err.print(f"wrote {report}")
    return 0


@app.group("cache")
def cache_group() -> None:
    """Stored extractions."""


@cache_group.command("clear")
@config_options
def cache_clear(**opts: Any) -> int:
    """Delete every stored extraction."""
    cfg = _resolve(**opts)
    if not cfg.cache:
        err.print("the cache is turned off (cache = false); nothing to clear")
        return 0
    store = pipeline.open_cache(cfg)
    if store is None:
        raise SummarizerError(f"cannot open the cache in {cfg.cache_folder()} (see the warning above)")
    try:
        removed = store.clear()
    finally:
        store.close()
    err.print(f"removed {removed} stored extraction(s) from {store.path}")
    return 0


@app.command("config")
@config_options
def show_config(**opts: Any) -> int:
    """Show the resolved configuration (the API key masked)."""
    cfg = _resolve(**opts)
    shown: dict[str, Any] = cfg.model_dump()
    shown["api_key"] = cfg.masked_api_key()
    for key, value in shown.items():
        sys.stdout.write(f"{key} = {json.dumps(value, ensure_ascii=False)}\n")
    return 0


# -- output -------------------------------------------------------------------------------


def _check_output(output: Path | None) -> None:
    """Before any model call: an output that cannot be written would lose the run's work."""
    if output is None:
        return
    folder = output.parent
    if not folder.is_dir():
        raise InputError(f"cannot write -o {output}: the folder {folder} does not exist")
    if output.is_dir():
        raise InputError(f"cannot write -o {output}: it is a folder; name a file")
    if not os.access(folder, os.W_OK) or (output.exists() and not os.access(output, os.W_OK)):
        raise InputError(f"cannot write -o {output}: permission denied")


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    # A temporary file beside it, then a rename: a full disk leaves the old file (or
    # none), never a truncated one.
    fd, temporary = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(temporary, output)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise SummarizerError(f"cannot write {output}: {exc.strerror or exc}") from exc
    err.print(f"wrote {output}")


def _report_failures(failures: list[FailedArticle], total: int, stopped: str | None = None) -> int:
    """Each cause once. 2: the run stopped on something to fix in the configuration (a
    rejected key, a wrong base_url), which every article would have hit; 1: some articles
    failed, the rest is in the output; 3: nothing could be extracted."""
    by_cause: dict[str, list[str]] = {}
    for failure in failures:
        by_cause.setdefault(failure.error, []).append(failure.source)
    for cause, sources in by_cause.items():
        if cause == stopped:
            continue
        if len(sources) == 1:
            what = sources[0]
        else:
            what = f"{len(sources)} articles (" + ", ".join(sources[:3])
            what += f" and {len(sources) - 3} more)" if len(sources) > 3 else ")"
        # Causes quote servers and files: printed as text, never read as markup.
        err.print(f"[red]failed:[/red] {escape(what)}: {escape(cause)}", soft_wrap=True)
    if stopped is not None:
        left = len(by_cause.get(stopped, []))
        err.print(f"[red]error:[/red] {escape(stopped)}", soft_wrap=True)
        err.print(
            f"stopped: {left} article(s) not extracted; finished ones are stored: "
            "run the same command again once it is fixed",
            markup=False,
            soft_wrap=True,
        )
        return ExitCode.BAD_INPUT
    if not failures:
        return ExitCode.DONE
    return ExitCode.SOME_FAILED if len(failures) < total else ExitCode.NOTHING_EXTRACTED


def _logging(verbose: bool) -> None:
    # Our own warnings (a cache that cannot be used, a retry) always reach stderr, one line
    # each, whatever else configured logging; other libraries' only with -v.
    _to_stderr("summarizer", "%(levelname)s: %(message)s", logging.INFO if verbose else logging.WARNING)
    # Progress through a long article's parts, as plain lines like the per-article ones.
    _to_stderr("summarizer.progress", "%(message)s", logging.INFO)
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # instructor logs every failed attempt at ERROR; our own re-ask log says it better.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)


def _to_stderr(name: str, form: str, level: int) -> None:
    """``name``'s records on stderr in ``form`` through one handler of ours (replaced, not
    added again, when main runs twice in one process), not passed on to the root logger."""
    logger = logging.getLogger(name)
    for handler in [h for h in logger.handlers if getattr(h, "_summarizer_cli", False)]:
        logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(form))
    handler._summarizer_cli = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


def _announce(cfg: Config, n: int) -> None:
    if cfg.backend == "local":
        where = f" ({cfg.model_path or 'default model file'}, {threads(cfg.n_threads)} thread(s))"
    else:
        where = f" at {cfg.base_url or 'api.openai.com'}"
    err.print(
        f"backend {cfg.backend}{where}, model {cfg.model}, mode {cfg.mode} — {n} article(s)",
        markup=False,
        soft_wrap=True,
    )


class _Pace:
    """How far a run is: articles done of ``total``, the mean wall seconds per article so
    far and the time left at that pace, said after each article once a run is slow
    enough for it to matter (10 s and more)."""

    def __init__(self, total: int | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.clock = clock
        self.started: float | None = None
        self.done = 0

    def start(self, i: int, article: Article) -> None:
        if self.started is None:
            self.started = self.clock()
        err.print(f"[{i + 1}{f'/{self.total}' if self.total else ''}] {article.source} …", markup=False)

    def finished(self, i: int, article: Article, outcome: VerifiedExtraction | FailedArticle, cached: bool) -> None:
        _on_done(i, article, outcome, cached)
        self.done += 1
        now = self.clock()
        elapsed = now - (self.started if self.started is not None else now)
        left = (self.total or 0) - self.done
        if left > 0 and elapsed >= 10:
            each = elapsed / self.done
            err.print(
                f"      {self.done}/{self.total} done, {each:.0f} s per article, about {_duration(each * left)} left",
                markup=False,
            )


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


def _on_done(i: int, article: Article, outcome: VerifiedExtraction | FailedArticle, cached: bool) -> None:
    if isinstance(outcome, FailedArticle):
        # The reason is listed once at the end, with every article it failed.
        err.print("      failed (the reason is listed at the end)", markup=False)
        return
    if cached:
        err.print("      reused the stored extraction (no model call)", markup=False)
        return
    if outcome.duplicate_of:
        err.print(
            f"      same story as {outcome.duplicate_of}: its items re-grounded here (no model call)", markup=False
        )
        return
    ex = outcome.extraction
    err.print(
        f"      {len(ex.troop_estimates)} figures, {len(ex.actors)} actors, {len(ex.locations)} places, "
        f"{len(ex.official_reactions)} reactions; {len(outcome.unverified)} unverified; "
        f"{outcome.attempts} call(s), {outcome.usage.total_tokens} tokens, {outcome.seconds:.1f}s",
        markup=False,
    )


def main(argv: list[str] | None = None) -> int:
    """The entry point of the console script, ``python -m summarizer`` and tests: runs one
    command and returns its exit code. Every error this package raises on purpose ends
    here as one line on stderr."""
    try:
        code = app.main(args=argv, prog_name="summarizer", standalone_mode=False)
    except SummarizerError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", markup=True, soft_wrap=True)
        return exc.exit_code
    except click.exceptions.ClickException as exc:
        exc.show()
        return exc.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        err.print("interrupted: finished articles are stored; run the same command again to go on", markup=False)
        return ExitCode.INTERRUPTED
    return code if isinstance(code, int) else 0


__all__ = ["app", "main"]

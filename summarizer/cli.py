"""The command line: parse, call the library, print, exit. No logic of its own."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from rich.console import Console

from schemas import Article, VerifiedExtraction
from summarizer import pipeline
from summarizer.config import Config, load_config
from summarizer.errors import InputError, SummarizerError
from summarizer.evaluate import report_text
from summarizer.html_report import brief_html
from summarizer.render import brief_markdown, extraction_markdown

app = typer.Typer(
    help="Cross-source briefs from news articles, every item backed by a verbatim quote.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # no mid-line wrapping in logs

ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Config file (default: ./summarizer.toml).")]
BackendOpt = Annotated[str | None, typer.Option("--backend", help="local (default), compatible or openai.")]
ModelOpt = Annotated[str | None, typer.Option("--model", help="Model name sent to the backend.")]
BaseUrlOpt = Annotated[str | None, typer.Option("--base-url", help="OpenAI-compatible server URL (…/v1).")]
ModelPathOpt = Annotated[str | None, typer.Option("--model-path", help="local backend: the .gguf model file.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Log re-asks and retries.")]


def _config(
    config: Path | None,
    backend: str | None,
    model: str | None,
    base_url: str | None,
    model_path: str | None,
    no_cache: bool = False,
) -> Config:
    overrides = {
        "backend": backend,
        "model": model,
        "base_url": base_url,
        "model_path": model_path,
        "cache": False if no_cache else None,
    }
    return load_config(config, overrides=overrides)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}")


def _fail(exc: SummarizerError) -> typer.Exit:
    err.print(f"[red]error:[/red] {exc}", markup=True, soft_wrap=True)
    return typer.Exit(exc.exit_code)


def _prepare(
    paths: list[str], pattern: str, fmt: str, formats: tuple[str, ...], verbose: bool, *config_args: Any
) -> tuple[Config, list[Article]]:
    """What every article command does first: logging, --format, config, inputs, banner."""
    _logging(verbose)
    if fmt not in formats:
        raise typer.BadParameter(f"--format must be one of: {', '.join(formats)}")
    cfg = _config(*config_args)
    articles = pipeline.as_articles(paths, pattern=pattern, on_skip=_on_skip)
    if not articles:
        raise InputError("no article to read: every input was empty or too short (see the warnings above)")
    _announce(cfg, len(articles))
    return cfg, articles


NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Extract again even if a stored result exists.")]
GlobOpt = Annotated[str, typer.Option("--glob", help="In directories, read only files matching this pattern.")]
OutputOpt = Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")]


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Article files (.txt .md .html), directories, URLs, or -.")],
    fmt: Annotated[str, typer.Option("--format", help="json (JSON lines) or md.")] = "json",
    glob: GlobOpt = "*",
    output: OutputOpt = None,
    no_cache: NoCacheOpt = False,
    config: ConfigOpt = None,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Extract actors, troop figures, locations and reactions from each article, grounded."""
    try:
        cfg, articles = _prepare(
            paths, glob, fmt, ("json", "md"), verbose, config, backend, model, base_url, model_path, no_cache
        )
        cache = pipeline.open_cache(cfg)
        try:
            run = pipeline.extract_all(articles, cfg, cache=cache, on_start=_on_start(len(articles)), on_done=_on_done)
        finally:
            if cache is not None:
                cache.close()
    except SummarizerError as exc:
        raise _fail(exc) from None
    if fmt == "json":
        text = "\n".join(r.model_dump_json() for r in run.results)
    else:
        text = "\n".join(extraction_markdown(r) for r in run.results)
    if run.results:
        _write(text, output)
    _report_failures(run.failures, len(articles))


@app.command()
def brief(
    paths: Annotated[list[str], typer.Argument(help="Article files (.txt .md .html), directories, URLs, or -.")],
    fmt: Annotated[str, typer.Option("--format", help="md, html (one self-contained page) or json.")] = "md",
    glob: GlobOpt = "*",
    output: OutputOpt = None,
    no_cache: NoCacheOpt = False,
    config: ConfigOpt = None,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Extract every article and merge them into one cross-source brief."""
    try:
        cfg, articles = _prepare(
            paths, glob, fmt, ("md", "json", "html"), verbose, config, backend, model, base_url, model_path, no_cache
        )
        result = pipeline.brief(articles, cfg, on_start=_on_start(len(articles)), on_done=_on_done)
    except SummarizerError as exc:
        raise _fail(exc) from None
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
    _report_failures(result.failures, len(articles))


@app.command("eval")
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold annotation files (*.json).")],
    against: Annotated[
        Path | None, typer.Option("--against", help="Score this JSON-lines file (from `extract`) instead of running.")
    ] = None,
    articles: Annotated[
        list[str] | None, typer.Option("--articles", help="Where the gold's articles are (default: ./seeds).")
    ] = None,
    report: Annotated[Path | None, typer.Option("--json", help="Also write the full report as JSON here.")] = None,
    no_cache: NoCacheOpt = False,
    config: ConfigOpt = None,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Precision, recall and F1 per field against hand-made gold annotations."""
    _logging(verbose)
    folders = articles or (["seeds"] if against is None or Path("seeds").is_dir() else [])
    try:
        cfg = _config(config, backend, model, base_url, model_path, no_cache)
        result = pipeline.evaluate(
            gold_dir, cfg, against=against, articles=folders, on_start=_on_start(None), on_done=_on_done
        )
    except SummarizerError as exc:
        raise _fail(exc) from None
    sys.stdout.write(report_text(result))
    if report is not None:
        report.write_text(result.as_json() + "\n", encoding="utf-8")
        err.print(f"wrote {report}")


cache_app = typer.Typer(help="Stored extractions.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("clear")
def cache_clear(config: ConfigOpt = None) -> None:
    """Delete every stored extraction."""
    try:
        cfg = _config(config, None, None, None, None)
        store = pipeline.open_cache(cfg)
    except SummarizerError as exc:
        raise _fail(exc) from None
    if store is None:
        err.print("the cache is turned off (cache = false); nothing to clear")
        return
    removed = store.clear()
    err.print(f"removed {removed} stored extraction(s) from {store.path}")
    store.close()


def _report_failures(failures: list[pipeline.Failure], total: int) -> None:
    for failure in failures:
        err.print(f"[red]failed:[/red] {failure.source}: {failure.error}", soft_wrap=True)
    if failures:
        # 1: partial result written; 3: nothing could be extracted.
        raise typer.Exit(1 if len(failures) < total else 3)


@app.command("config")
def show_config(
    config: ConfigOpt = None,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
) -> None:
    """Show the resolved configuration (the API key masked)."""
    try:
        cfg = _config(config, backend, model, base_url, model_path)
    except SummarizerError as exc:
        raise _fail(exc) from None
    shown: dict[str, Any] = cfg.model_dump()
    shown["api_key"] = cfg.masked_api_key()
    for key, value in shown.items():
        sys.stdout.write(f"{key} = {json.dumps(value, ensure_ascii=False)}\n")


def _logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # instructor logs every failed attempt at ERROR; our own re-ask log says it better.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)


def _announce(cfg: Config, n: int) -> None:
    if cfg.backend == "local":
        where = f" ({cfg.model_path or 'default model file'})"
    else:
        where = f" at {cfg.base_url or 'api.openai.com'}"
    err.print(
        f"backend {cfg.backend}{where}, model {cfg.model}, mode {cfg.mode} — {n} article(s)",
        markup=False,
        soft_wrap=True,
    )


def _on_skip(source: str, reason: str) -> None:
    err.print(f"[yellow]warning:[/yellow] skipped {source}: {reason}", markup=True, soft_wrap=True)


def _on_start(total: int | None) -> Any:
    def show(i: int, article: Article) -> None:
        err.print(f"[{i + 1}{f'/{total}' if total else ''}] {article.source} …", markup=False)

    return show


def _on_done(i: int, article: Article, outcome: VerifiedExtraction | pipeline.Failure, cached: bool) -> None:
    if isinstance(outcome, pipeline.Failure):
        err.print(f"      failed: {outcome.error}", markup=False, soft_wrap=True)
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
    """Entry point usable from Python and tests: returns the exit code."""
    try:
        # Outside standalone mode click returns the exit code instead of exiting.
        code = app(args=argv, standalone_mode=False)
    except click.exceptions.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        return 130
    return code if isinstance(code, int) else 0

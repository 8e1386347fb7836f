"""Speed and memory numbers: ``make bench`` (replayed) or ``make bench MODEL_PATH=x.gguf`` (live too).

Prints, in one run:

1. per seed, replayed from the cassettes: wall time (= the tool's own overhead: prompt
   rendering, HTTP replay, parsing, grounding), tokens, re-asks, kept and unverified items, and
   the model time the recording took (from the live run when there is one);
2. scale: 100, 500 and 1000 articles (the seeds' texts, each copy made distinct) replayed
   through the whole pipeline at concurrency 4, each size in a fresh process: wall
   time, articles per second, peak RSS;
3. interruption: the 500-article batch stopped half way with the cache on, then run
   again: how many model calls the re-run makes (only the unfinished articles);
4. the cached re-run of the seeds;
5. live, with ``--model-path``: each seed extracted for real by a llama.cpp server, at
   concurrency 1 and 2 (the speed-up the server allows), model time vs overhead;
== long inputs (generated 0.1, 1, 4 and 20 MB texts): planning time, and the seconds from
   the command's start to its first request against a loopback server that refuses it (so
   the run ends there), beside a simple article's; the 20 MB one is over max_article_chars;
6.-8. against a loopback server that batches (:mod:`scripts.bench_server`): articles per
   second, CPU per article and peak RSS at concurrency 16/64/128 for 1,000 articles
   (``--big``: and 10,000 at 64/128), 1 vs 2 processes, a server killed mid-run.

Asserts nothing; the numbers go in the issue notes and README.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from schemas import Article
from scripts import bench_server
from summarizer import pipeline
from summarizer.cache import ExtractionCache
from summarizer.config import Config
from summarizer.extraction.extractor import extract_one
from summarizer.ingest import load_articles, parse_article
from tests.helpers import CASSETTES, ROOT, recorded_config, replayer, seed_cassette


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def table(rows: Sequence[tuple[str, ...]], header: tuple[str, ...]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    for row in (header, *rows):
        print(
            "  ".join(
                str(x).rjust(w) if i else str(x).ljust(w) for i, (x, w) in enumerate(zip(row, widths, strict=True))
            )
        )


def seeds() -> list[Article]:
    return load_articles([str(ROOT / "seeds")])


# -- 1. per seed, replayed ----------------------------------------------------------------------


def per_seed(config: Config, live: dict[str, float] | None = None) -> None:
    recorder = replayer()
    rows = []
    for article in seeds():
        name = Path(article.source).stem
        started = time.perf_counter()
        with recorder.use_cassette(str(seed_cassette(name))):
            result = extract_one(article, config)
        wall = time.perf_counter() - started
        ex = result.extraction
        kept = len(ex.troop_estimates) + len(ex.actors) + len(ex.locations) + len(ex.official_reactions)
        model = f"{live[name]:.1f}" if live and name in live else "—"
        rows.append(
            (
                name[:12],
                f"{wall * 1000:.0f}",
                model,
                str(result.usage.prompt_tokens),
                str(result.usage.completion_tokens),
                str(result.attempts - 1),
                str(kept),
                str(len(result.unverified)),
            )
        )
    print("\n1. per seed, replayed (wall = the tool's own overhead; model s = live run, if any)")
    table(
        rows,
        ("article", "overhead ms", "live s", "prompt tok", "compl tok", "re-asks", "kept", "unverified"),
    )


# -- 2./3. scale and interruption, replayed -------------------------------------------------------


def distinct_copies(n: int) -> list[Article]:
    """``n`` articles from the seeds' texts, each made distinct (so none is a cache hit)."""
    base = seeds()
    out = []
    for i in range(n):
        seed = base[i % len(base)]
        text = f"Bench copy {i}\n" + seed.text
        out.append(
            parse_article(text, f"bench/{i:04d}-{Path(seed.source).name}").model_copy(
                update={"published": seed.published}
            )
        )
    return out


def _any_copy() -> Any:
    """Replays each seed's recorded answers for any copy of that seed (matched on method
    and path only, repeats allowed): the model's part costs nothing, the rest is real."""
    import vcr

    return vcr.VCR(record_mode="none", match_on=["method", "path"])


def scale_run(n: int, concurrency: int, interrupt_at: int | None, cache_dir: str | None) -> dict[str, Any]:
    """One batch of ``n`` replayed articles in this process; numbers as a dict."""
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    # In this process: the cassettes replay here, not in worker processes (which a group
    # of 100 or more articles would otherwise start; scripts/bench_server measures those).
    config = recorded_config().model_copy(update={"concurrency": concurrency, "workers": 1})
    articles = distinct_copies(n)
    by_seed: dict[str, list[Article]] = {}
    for a in articles:
        by_seed.setdefault(a.source.split("-", 1)[1].removesuffix(".txt"), []).append(a)
    store = ExtractionCache(Path(cache_dir) / "x.sqlite") if cache_dir else None
    calls = 0
    done = 0

    class Stop(Exception):
        pass

    def on_done(i: int, article: Article, outcome: object, cached: bool) -> None:
        nonlocal done, calls
        done += 1
        calls += 0 if cached else getattr(outcome, "attempts", 0)
        if interrupt_at is not None and done >= interrupt_at:
            raise Stop

    replay = _any_copy()
    started = time.perf_counter()
    results = 0
    try:
        for stem, group in sorted(by_seed.items()):
            with replay.use_cassette(str(seed_cassette(stem)), allow_playback_repeats=True):
                run = pipeline.extract_all(group, config, cache=store, on_done=on_done, dedupe=False)
                results += len(run.results)
    except Stop:
        pass
    wall = time.perf_counter() - started
    if store is not None:
        store.close()
    return {
        "n": n,
        "done": done,
        "results": results,
        "model_calls": calls,
        "wall_s": round(wall, 2),
        "peak_mib": round(peak_mib()),
    }


def in_subprocess(**kw: Any) -> dict[str, Any]:
    args = [sys.executable, "-m", "scripts.bench", "--scale-run", json.dumps(kw)]
    out = subprocess.run(args, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    numbers: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return numbers


def scale() -> None:
    print("\n2. scale: the whole pipeline on N replayed articles, concurrency 4, each size in a fresh process")
    rows = []
    for n in (100, 500, 1000):
        r = in_subprocess(n=n, concurrency=4, interrupt_at=None, cache_dir=None)
        rows.append((str(n), f"{r['wall_s']:.1f}", f"{n / r['wall_s']:.0f}", str(r["model_calls"]), str(r["peak_mib"])))
    table(rows, ("articles", "wall s", "articles/s", "model calls", "peak RSS MiB"))

    print("\n3. interruption: 500 articles, stopped after 250 finished, then run again (cache on)")
    with tempfile.TemporaryDirectory() as folder:
        first = in_subprocess(n=500, concurrency=4, interrupt_at=250, cache_dir=folder)
        again = in_subprocess(n=500, concurrency=4, interrupt_at=None, cache_dir=folder)
    unfinished = 500 - first["done"]
    print(
        f"first run: {first['done']} finished before the stop ({first['model_calls']} model calls); "
        f"re-run: {again['model_calls']} model calls for the {unfinished} unfinished articles "
        f"(0 repeated for the finished ones), {again['wall_s']:.1f}s, peak RSS {again['peak_mib']} MiB"
    )


# -- 4. cached re-run ----------------------------------------------------------------------------


def cached_rerun(config: Config) -> None:
    with tempfile.TemporaryDirectory() as folder:
        cfg = config.model_copy(update={"cache": True, "cache_dir": folder})
        recorder = replayer()
        store = pipeline.open_cache(cfg)
        for article in seeds():  # fill the store from the recordings
            with recorder.use_cassette(str(seed_cassette(Path(article.source).stem))):
                pipeline.extract_all([article], cfg, cache=store)
        started = time.perf_counter()
        again = pipeline.extract_all(seeds(), cfg, cache=store)
        took = time.perf_counter() - started
        assert store is not None
        store.close()
    print(f"\n4. cached re-run of the 5 seeds: {again.cached}/5 from the store, 0 model calls, {took * 1000:.0f} ms")


# -- 5. live --------------------------------------------------------------------------------------


def live(model_path: str, names: list[str]) -> dict[str, float]:
    """The embedded default as a user runs it: ``summarizer extract`` on the seeds with
    ``--model-path``, under ``/usr/bin/time -v`` (peak RSS of the run, server included),
    then scored against the gold annotations."""
    chosen = [str(p) for p in sorted((ROOT / "seeds").glob("*.txt")) if not names or p.name[:3] in names]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "live.jsonl"
        cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "summarizer", "extract", *chosen, "-v"]
        cmd += ["--model-path", model_path, "--no-cache", "-o", str(out)]
        started = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - started
        err = done.stderr
        rss = next((int(line.split()[-1]) for line in err.splitlines() if "Maximum resident" in line), 0)
        results = [json.loads(line) for line in out.read_text().splitlines()] if out.exists() else []
        report = subprocess.run(
            [
                sys.executable,
                "-m",
                "summarizer",
                "eval",
                "tests/gold/seeds",
                "--against",
                str(out),
                "--articles",
                "seeds",
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout
    print(
        f"\n5. live: summarizer extract on {len(chosen)} seed(s) with {Path(model_path).name}, exit {done.returncode}"
    )
    rows = [
        (
            Path(r["source"]).stem[:12],
            str(r["attempts"]),
            str(r["usage"]["prompt_tokens"]),
            str(r["usage"]["completion_tokens"]),
            f"{r['seconds']:.1f}",
            str(len(r["extraction"]["troop_estimates"])),
            str(len(r["unverified"])),
        )
        for r in results
    ]
    table(rows, ("article", "calls", "prompt tok", "compl tok", "seconds", "figures", "unverified"))
    n = max(1, len(results))
    prompt = sum(r["usage"]["prompt_tokens"] for r in results) / n
    completion = sum(r["usage"]["completion_tokens"] for r in results) / n
    print(f"mean tokens per article: {prompt:.0f} prompt + {completion:.0f} completion = {prompt + completion:.0f}")
    print(f"wall, start-up included: {wall:.1f}s; peak RSS of the run (server included): {rss / 1024:.0f} MiB")
    for line in err.splitlines():
        if "prefix" in line or "ready at" in line or "failed" in line:
            print(line)
    print(report)
    return {Path(r["source"]).stem: r["seconds"] for r in results}


def thread_counts(model_path: str, seed: str) -> None:
    """Seconds for one seed article against llama.cpp's ``n_threads`` (1, cores - 1,
    cores), on an idle machine and with one core kept busy by a steady loop (``yes``), as
    on a laptop that is never idle: what the default is chosen from."""
    cores = os.cpu_count() or 1
    counts = sorted({1, max(1, cores - 1), cores})
    chosen = next(p for p in sorted((ROOT / "seeds").glob("*.txt")) if p.name.startswith(seed))
    print(f"\n6. threads: {chosen.name} with {Path(model_path).name} on {cores} cores, idle and one core busy")
    rows = []
    for n in counts:
        seconds = []
        for busy in (False, True):
            loop = subprocess.Popen(["yes"], stdout=subprocess.DEVNULL) if busy else None
            try:
                seconds.append(_one_article_seconds(model_path, chosen, n))
            finally:
                if loop is not None:
                    loop.kill()
                    loop.wait()
        idle, loaded = seconds
        rows.append((str(n), f"{idle:.1f}", f"{loaded:.1f}", f"{loaded / idle:.2f}" if idle else "-"))
    table(rows, ("n_threads", "idle s", "one core busy s", "busy / idle"))


def _one_article_seconds(model_path: str, article: Path, n_threads: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "one.jsonl"
        cmd = [sys.executable, "-m", "summarizer", "extract", str(article), "--model-path", model_path]
        cmd += ["--no-cache", "-o", str(out)]
        env = {**os.environ, "SUMMARIZER_N_THREADS": str(n_threads)}
        subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, check=False)
        results = [json.loads(line) for line in out.read_text().splitlines()] if out.exists() else []
        return float(results[0]["seconds"]) if results else 0.0


def long_text(chars: int) -> str:
    """A deterministic news-like text of about ``chars`` characters, figures in every sentence."""
    line = (
        "Sentence {i}: the ministry said {n:,} troops were deployed near region {i} overnight, while "
        "analysts expected more units to follow in the coming weeks as training continued near the border."
    )
    paragraphs, size, i = ["Long dispatch from the front"], 0, 0
    while size < chars:
        paragraph = " ".join(line.format(i=i * 6 + j, n=100 + (i * 6 + j) * 37 % 50000) for j in range(6))
        paragraphs.append(paragraph)
        size, i = size + len(paragraph) + 1, i + 1
    return "\n".join(paragraphs)


def long_inputs() -> None:
    from summarizer.cli import main as cli
    from summarizer.extraction.chunking import plan
    from summarizer.extraction.prompting import load_prompt
    from tests.fake_server import FakeServer

    print("\n== long inputs: planning, and seconds to the first request (a refusing server ends the run there)")
    rows = []
    with tempfile.TemporaryDirectory() as tmp, FakeServer(status=401) as server:
        sizes = {"simple": 600, "0.1 MB": 100_000, "1 MB": 1_000_000, "4 MB": 4_000_000, "20 MB": 20_000_000}
        for name, chars in sizes.items():
            path = Path(tmp) / f"{name.replace(' ', '')}.txt"
            path.write_text(long_text(chars), encoding="utf-8")
            article = parse_article(path.read_text(encoding="utf-8"), str(path))
            planned = "-"
            if chars <= 5_000_000:
                started = time.perf_counter()
                parts = plan(article, load_prompt("extract"), 8192, 2048)
                planned = f"{time.perf_counter() - started:.2f}s ({len(parts)} parts)"
            before = len(server.requests)
            started = time.perf_counter()
            argv = ["extract", str(path), "--backend", "compatible", "--base-url", server.base_url, "--no-cache"]
            code = cli(argv)
            first = time.perf_counter() - started
            what = "first request" if len(server.requests) > before else f"refused (exit {code})"
            rows.append((name, f"{len(article.text):,}", planned, f"{first:.2f}s", what))
    table(rows, ("input", "characters", "plan at n_ctx 8192", "to the end", "ended by"))


def main() -> int:
    logging.getLogger("instructor").setLevel(logging.CRITICAL)  # it logs every re-ask at ERROR
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model-path", help="GGUF file: also run live against it")
    parser.add_argument("--live-seeds", default="", help="live: only these seeds, e.g. 003,004 (default: all)")
    parser.add_argument("--threads", metavar="SEED", help="live: only the n_threads section, on this seed (e.g. 001)")
    parser.add_argument("--scale-run", help=argparse.SUPPRESS)
    parser.add_argument("--big", action="store_true", help="server runs: also 10,000 articles (about 20 min)")
    parser.add_argument("--server-only", action="store_true", help="only the runs against the loopback server")
    args = parser.parse_args()
    if args.scale_run:
        print(json.dumps(scale_run(**json.loads(args.scale_run))))
        return 0
    if args.threads:
        if not args.model_path:
            parser.error("--threads needs --model-path")
        thread_counts(args.model_path, args.threads)
        return 0
    if not args.server_only:
        config = recorded_config()
        print(f"cassettes: {CASSETTES.relative_to(ROOT)}; model recorded: {config.model}")
        timings = live(args.model_path, [s for s in args.live_seeds.split(",") if s]) if args.model_path else None
        per_seed(config, timings)
        scale()
        cached_rerun(config)
        long_inputs()
        print(f"\npeak RSS of this process: {peak_mib():.0f} MiB")
    return bench_server.main(["--big"] if args.big else [])


if __name__ == "__main__":
    raise SystemExit(main())

"""Speed and memory numbers: ``make bench`` (replayed) or ``make bench MODEL_PATH=x.gguf`` (live).

Replayed, the model's time is zero, so what is measured is the tool's own overhead:
rendering prompts, parsing, grounding, merging. Live, a llama.cpp server is started on
the model and every seed is extracted for real (cache off), then once more from the
cache. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import logging
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer import briefing, pipeline  # noqa: E402
from summarizer.config import Config, load_config  # noqa: E402
from summarizer.extract import Extractor  # noqa: E402
from summarizer.ingest import load_articles  # noqa: E402
from summarizer.local_server import LocalServer  # noqa: E402
from summarizer.merge import merge  # noqa: E402
from tests.conftest import TEST_BASE_URL, TEST_MODEL, replayer, seed_cassette  # noqa: E402


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    for row in (header, *rows):
        print(
            "  ".join(
                str(x).rjust(w) if i else str(x).ljust(w) for i, (x, w) in enumerate(zip(row, widths, strict=True))
            )
        )


def run(config: Config, replay: bool) -> None:
    articles = load_articles([str(ROOT / "seeds")])
    extractor = Extractor(config)
    rows, results = [], []
    recorder = replayer()
    total = time.perf_counter()
    for article in articles:
        name = Path(article.source).stem
        started = time.perf_counter()
        if replay:
            with recorder.use_cassette(str(seed_cassette(name))):
                result = extractor.extract(article)
        else:
            result = extractor.extract(article)
        wall = time.perf_counter() - started
        results.append(result)
        ex = result.extraction
        items = len(ex.troop_estimates) + len(ex.actors) + len(ex.locations) + len(ex.official_reactions)
        rows.append(
            (
                name[:12],
                f"{wall:.2f}",
                str(result.usage.prompt_tokens),
                str(result.usage.completion_tokens),
                str(result.attempts - 1),
                str(result.rejected_quotes),
                str(items),
                str(len(result.unverified)),
            )
        )
    extract_s = time.perf_counter() - total
    started = time.perf_counter()
    merged = merge(results)
    briefing.compose(merged, results, backend=config.backend, model=config.model, prompt_version="", seconds=0)
    merge_s = time.perf_counter() - started
    header = ("article", "wall s", "prompt tok", "compl tok", "re-asks", "rejected", "kept", "unverified")
    print(f"\n{'replayed (tool overhead only)' if replay else 'live'}: {config.model}")
    table(rows, header)
    print(f"extraction total {extract_s:.2f}s; merge + compose {merge_s * 1000:.1f} ms; peak RSS {peak_mib():.0f} MiB")
    if not replay:
        cache_dir = ROOT / ".bench-cache"
        cfg = config.model_copy(update={"cache": True, "cache_dir": str(cache_dir)})
        pipeline.extract_all(articles, cfg, extractor=extractor, cache=pipeline.open_cache(cfg))
        started = time.perf_counter()
        again = pipeline.extract_all(articles, cfg, extractor=extractor, cache=pipeline.open_cache(cfg))
        print(f"cached re-run: {again.cached}/{len(articles)} from cache in {time.perf_counter() - started:.3f}s")


def main() -> int:
    logging.getLogger("instructor").setLevel(logging.CRITICAL)  # it logs every re-ask at ERROR
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model-path", help="GGUF file: run live against it instead of replaying")
    parser.add_argument("--python", default=sys.executable, help="interpreter with llama-cpp-python[server]")
    args = parser.parse_args()
    overrides = {"backend": "compatible", "model": TEST_MODEL, "base_url": TEST_BASE_URL, "cache": False}
    if not args.model_path:
        run(load_config(overrides=overrides, env={}, cwd=ROOT / "tests"), replay=True)
        return 0
    with LocalServer(args.model_path, python=args.python) as server:
        run(load_config(overrides={**overrides, "base_url": server.base_url}, env={}, cwd=ROOT / "tests"), replay=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Throughput against a server that batches (``make bench``, section 6; ``python -m scripts.bench_server``).

The loopback fake of tests/fake_openai.py runs in its own process and answers any number
of requests at once after ``--latency`` seconds, as vLLM does. ``summarizer extract``
runs against it as a user runs it (its own process, the store on, a JSON-lines output),
on distinct articles (tests/corpus.py). Printed per run: wall time, articles per second,
the ideal (the larger of the server's bound, articles x latency / concurrency, and the
tool's CPU bound, CPU seconds / cores), the tool's CPU per article (its process and its
worker processes, user + system) and the peak RSS of the tool's processes together.

Then the tool's own work in 1 vs 2 processes (``workers``), where it is the bound (a
short latency), and a server killed and restarted mid-run: finished articles lost, and
the calls the re-run makes.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.corpus import write_corpus
from tests.helpers import ROOT


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and its descendants (Linux /proc), in KiB."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


class FakeProcess:
    """The fake server in a process of its own, so its CPU is not counted as the tool's."""

    def __init__(self, latency: str, port: int = 0) -> None:
        cmd = [sys.executable, "-m", "tests.fake_openai", "--latency", latency, "--port", str(port)]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        self.base_url = self.proc.stdout.readline().strip()
        self.port = int(self.base_url.rsplit(":", 1)[1].split("/")[0])

    def cpu_s(self) -> float:
        """The CPU the fake server has used so far (it shares the cores with the tool)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def __enter__(self) -> FakeProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.kill()


def extract_run(
    folder: Path, base_url: str, concurrency: int, workers: int | None, cache: Path, out: Path
) -> dict[str, Any]:
    """``summarizer extract folder`` in its own process: wall, CPU (with its workers), peak RSS."""
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(cache),
        "SUMMARIZER_CONCURRENCY": str(concurrency),
        "SUMMARIZER_TIMEOUT": "120",
    }
    env.pop("SUMMARIZER_CONFIG", None)
    if workers is not None:
        env["SUMMARIZER_WORKERS"] = str(workers)
    cmd = [sys.executable, "-m", "summarizer", "extract", str(folder), "--backend", "compatible"]
    cmd += ["--base-url", base_url, "-o", str(out)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()
    written: list[tuple[float, int]] = []  # (seconds since start, extractions written)

    def sample() -> None:
        nonlocal peak
        while not stop.wait(0.2):
            peak = max(peak, _tree_rss_kib(proc.pid))
            written.append((time.perf_counter() - started, _lines_written(out)))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert proc.stderr is not None
    calls = sum(1 for line in proc.stderr if " call(s), " in line)  # drained as it runs
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    done = sum(1 for _ in out.open()) if out.exists() else 0
    cpu = usage.ru_utime + usage.ru_stime
    return {
        "exit": proc.returncode,
        "done": done,
        "steady": _steady_rate(written, done),
        "calls": calls,
        "wall_s": wall,
        "cpu_s": cpu,
        "peak_mib": max(peak, usage.ru_maxrss) / 1024,
    }


def _steady_rate(written: Sequence[tuple[float, int]], done: int) -> float:
    """Articles per second between 20% and 80% written: the rate once every process is up,
    without the fixed start (imports, the parser, the workers) and the last stragglers."""
    low = next(((t, n) for t, n in written if n >= 0.2 * done), None)
    high = next(((t, n) for t, n in written if n >= 0.8 * done), None)
    if low is None or high is None or high[0] <= low[0]:
        return 0.0
    return (high[1] - low[1]) / (high[0] - low[0])


def table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    for row in (header, *rows):
        print("  ".join(str(x).rjust(w) for x, w in zip(row, widths, strict=True)))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def throughput(sizes: Sequence[int], concurrencies: Sequence[int], latency: float) -> None:
    print(
        f"\n6. against a fake server that batches ({latency:g}s per answer, any number at once), "
        f"summarizer extract, {_cores()} cores"
    )
    rows = []
    with tempfile.TemporaryDirectory() as tmp, FakeProcess(f"{latency:g}") as server:
        for n in sizes:
            folder = Path(tmp) / f"corpus-{n}"
            write_corpus(folder, n)
            for concurrency in concurrencies:
                r = extract_run(
                    folder, server.base_url, concurrency, None, Path(tmp) / f"cache-{n}-{concurrency}", Path(tmp) / "o"
                )
                per = r["cpu_s"] / max(1, r["done"])
                ideal = max(n * latency / concurrency, r["cpu_s"] / _cores())
                rows.append(
                    (
                        str(n),
                        str(concurrency),
                        f"{r['wall_s']:.1f}",
                        f"{r['done'] / r['wall_s']:.1f}",
                        f"{ideal:.1f}",
                        f"{r['wall_s'] / ideal:.2f}",
                        f"{per * 1000:.1f}",
                        f"{r['peak_mib']:.0f}",
                        f"{r['done']}/{n}",
                    )
                )
                print("   ", "  ".join(rows[-1]), flush=True)
                (Path(tmp) / "o").unlink(missing_ok=True)
    table(
        rows,
        (
            "articles",
            "concurrency",
            "wall s",
            "articles/s",
            "ideal s",
            "x ideal",
            "CPU ms/article",
            "peak RSS MiB",
            "done",
        ),
    )


def processes(n: int, latency: float, concurrency: int, rounds: int = 2) -> None:
    print(
        f"\n7. the tool's own work in 1 vs 2 processes: {n} articles, {latency:g}s latency, concurrency {concurrency}; "
        f"{rounds} rounds, alternating, the best of each"
    )
    best: dict[int, tuple[float, dict[str, Any], float]] = {}
    with tempfile.TemporaryDirectory() as tmp, FakeProcess(f"{latency:g}") as server:
        folder = Path(tmp) / "corpus"
        write_corpus(folder, n, seed=1)
        for round_ in range(rounds):
            for workers in (1, 2):
                before = server.cpu_s()
                cache = Path(tmp) / f"cache-{workers}-{round_}"
                r = extract_run(folder, server.base_url, concurrency, workers, cache, Path(tmp) / "o")
                served = (server.cpu_s() - before) / max(1, r["done"])
                rate = r["done"] / r["wall_s"]
                if workers not in best or rate > best[workers][0]:
                    best[workers] = (rate, r, served)
                (Path(tmp) / "o").unlink(missing_ok=True)
    rows = [
        (
            str(workers),
            f"{r['wall_s']:.1f}",
            f"{rate:.1f}",
            f"{r['steady']:.1f}",
            f"{r['cpu_s'] / max(1, r['done']) * 1000:.1f}",
            f"{served * 1000:.1f}",
            f"{r['peak_mib']:.0f}",
        )
        for workers, (rate, r, served) in sorted(best.items())
    ]
    header = ("processes", "wall s", "articles/s", "steady /s", "tool CPU ms/article", "server CPU ms/article")
    table(rows, (*header, "peak RSS MiB"))
    steady = best[2][1]["steady"] / best[1][1]["steady"] if best[1][1]["steady"] else 0.0
    print(f"speed-up with 2 processes: {best[2][0] / best[1][0]:.2f}x over the whole run, {steady:.2f}x steady")


def restart(n: int, latency: float) -> None:
    print(f"\n8. the server killed (SIGKILL) half way through {n} articles, restarted, the same command run again")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        write_corpus(folder, n, seed=2)
        out = Path(tmp) / "out.jsonl"
        server = FakeProcess(f"{latency:g}")
        killer = threading.Thread(target=_kill_at_half, args=(server, out, n), daemon=True)
        killer.start()
        first = extract_run(folder, server.base_url, 16, None, Path(tmp) / "cache", out)
        finished = first["done"]
        with FakeProcess(f"{latency:g}", port=server.port) as again_server:
            again = extract_run(folder, again_server.base_url, 16, None, Path(tmp) / "cache", Path(tmp) / "again.jsonl")
    print(
        f"first run: exit {first['exit']}, {finished} finished and written; "
        f"re-run: exit {again['exit']}, {again['calls']} model calls for the {n - finished} unfinished, "
        f"{again['done']}/{n} in its output ({finished + again['calls'] - again['done']} finished articles lost)"
    )


def _kill_at_half(server: FakeProcess, out: Path, n: int) -> None:
    while _lines_written(out) < n // 2:
        time.sleep(0.05)
    server.kill()


def _lines_written(out: Path) -> int:
    """Lines in the output so far (the temporary file beside it while the run goes)."""
    partial = list(out.parent.glob(f".{out.name}.*.tmp"))
    target = partial[0] if partial else out
    try:
        return sum(1 for _ in target.open())
    except OSError:
        return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latency", type=float, default=3.0, help="seconds per answer (default 3)")
    parser.add_argument("--sizes", default="1000", help="articles per run, comma-separated (default 1000)")
    parser.add_argument("--concurrency", default="16,64,128", help="comma-separated (default 16,64,128)")
    parser.add_argument("--big", action="store_true", help="also 10,000 articles at concurrency 64 and 128 (~20 min)")
    parser.add_argument("--skip", default="", help="sections to skip: throughput,processes,restart")
    args = parser.parse_args(argv)
    skip = set(args.skip.split(","))
    if "throughput" not in skip:
        throughput([int(x) for x in args.sizes.split(",")], [int(x) for x in args.concurrency.split(",")], args.latency)
        if args.big:
            throughput([10_000], [64, 128], args.latency)
    if "processes" not in skip:
        processes(1000, 0.2, 64)
    if "restart" not in skip:
        restart(400, 0.1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

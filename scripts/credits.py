"""Score the text rules' credit on the credit corpus (tests/gold/credits.jsonl), offline.

    python -m scripts.credits                 # both halves' numbers; dev's errors
    python -m scripts.credits --numbers-only  # numbers only

Dev's errors are printed to tune on; the test half's never are (``--read-test``
prints them and spends the half: say so in the note, and annotate a fresh one).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter

from summarizer.errors import InputError
from summarizer.scoring import load_credit_corpus, score_credits
from summarizer.text import parse
from tests.helpers import TEST_PARSER

CORPUS = "tests/gold/credits.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=CORPUS)
    parser.add_argument("--numbers-only", action="store_true", help="no errors, for either half")
    parser.add_argument("--read-test", action="store_true", help="print the test half's errors too (spends it)")
    args = parser.parse_args(argv)
    parse.use(TEST_PARSER)
    try:
        passages = load_credit_corpus(args.corpus)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for half in ("dev", "test"):
        chosen = [p for p in passages if p.half() == half]
        score, cases = score_credits(chosen)
        sites = len({p.site() for p in chosen})
        print(f"== credit corpus, {half} ({len(chosen)} passages, {sites} sites): {score.line()}")
        by_rule: dict[str, Counter[str]] = {}
        for case in cases:
            by_rule.setdefault(case.rule or "none", Counter())[case.outcome] += 1
        for rule, outcomes in sorted(by_rule.items()):
            fired = outcomes["right"] + outcomes["wrong"]
            print(f"   rule {rule:24} fires {fired:3}  right {outcomes['right']:3}" if fired else f"   {rule}: silent")
        if args.numbers_only or (half == "test" and not args.read_test):
            continue
        for case in cases:
            if case.outcome != "right":
                gold = " / ".join(case.gold) or "nobody"
                print(f"  {case.outcome:6} {case.figure:>6}  text: {gold:40.40}  rules: {case.said}")
                print(f"         {case.at!r}  {case.url}")
        outcomes = Counter(c.outcome for c in cases)
        print(f"  ({dict(outcomes)})")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BrokenPipeError:  # `python -m scripts.credits | head`: the reader left; nothing went wrong here
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        raise SystemExit(1) from None

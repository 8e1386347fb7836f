"""Probe: would a narrow question per figure credit it better than the text rules?

``python -m scripts.probe_credit tests/gold/dev --model-path model.gguf [--totals-only]``

For every required figure of a gold set, the model is asked one grammar-constrained
question — who does the article say gave this figure? — whose answer must be one of
the names in the figure's sentence and its neighbours, or "nobody". Its answer and the
text rules' credit (:func:`summarizer.text.attribution.credit_for`) are each compared
with the gold's sources. ``--totals-only`` prints the totals alone, for a held-out set
whose errors must not be read. A measurement for docs/evaluation.md, not part of the
tool; needs llama-cpp-python (the ``local`` extra).

``--silent`` asks only where it could help: figures whose sentence holds no credit form
the rules know (``credit_for`` is None) and that the recorded pipeline found. The
question then sees the headline and two sentences before, is told the credit may sit in
an earlier sentence, and is compared with the pipeline's recorded credit (the model's,
kept only if named nearby, else nobody) instead of the rules'.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path
from typing import Any

from schemas.gold import GoldFigure
from summarizer.scoring import load_gold
from summarizer.text.aliases import same_entity
from summarizer.text.attribution import credit_for
from summarizer.text.sentences import sentence_spans

_NAME = re.compile(r"[A-Z][\w’'.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'.-]*)*")
_UNNAMED = re.compile(
    r"\b(?:[a-z-]+\s+){0,2}(?:officials?|sources?|spokes(?:man|woman|person)|reports?|analysts|estimates)\b"
)
_LEADING = {"The", "A", "An", "In", "On", "But", "And", "It", "He", "She", "They", "This", "That", "According"}
_OPTIONS = 14


def options(passage: str) -> list[str]:
    """The names and unnamed sources a passage holds, then "nobody"."""
    found: list[str] = []
    for m in _NAME.finditer(passage):
        words = m.group(0).split()
        while words and words[0] in _LEADING:
            words = words[1:]
        name = " ".join(words)
        if name and not re.search(r"\d", name) and name not in found:
            found.append(name)
    found += [m.group(0) for m in _UNNAMED.finditer(passage) if m.group(0) not in found]
    return [*found[:_OPTIONS], "nobody"]


def credited(answer: list[str], gold: list[str]) -> bool:
    """Whether names the probe or the rules gave (none: nobody) are the gold's source."""
    if not gold:
        return not answer
    return any(same_entity(a, g) for a in answer for g in gold)


def ask(
    model: Any, before: str, sentence: str, after: str, figure: str, choices: list[str], *, earlier: bool = False
) -> str:
    schema = {"type": "object", "properties": {"answer": {"type": "string", "enum": choices}}, "required": ["answer"]}
    question = (
        f"Sentence before: {before}\nSentence: {sentence}\nSentence after: {after}\n\n"
        f"Who does the article say gave the figure {figure}? Answer with the person or body the text credits "
        "(the one who said, estimated or reported it), "
        + ("even when the credit is in an earlier sentence, " if earlier else "")
        + "not a news outlet that only passed it on, and not who "
        'the figure is about. Answer "nobody" if the text states it without crediting anyone.'
    )
    reply = model.create_chat_completion(
        messages=[{"role": "system", "content": "You read news text exactly."}, {"role": "user", "content": question}],
        response_format={"type": "json_object", "schema": schema},
        temperature=0,
        max_tokens=40,
    )
    return str(json.loads(reply["choices"][0]["message"]["content"])["answer"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--articles", type=Path, default=Path("tests/gold/articles"))
    parser.add_argument("--model-path", required=True)
    parser.add_argument("--totals-only", action="store_true", help="print no figure (a held-out set)")
    parser.add_argument("--silent", action="store_true", help="only where the rules are silent, vs the pipeline")
    args = parser.parse_args()
    from llama_cpp import Llama  # the local extra

    model = Llama(model_path=args.model_path, n_ctx=2048, n_threads=2, verbose=False, seed=0)
    recorded = _recorded_credits() if args.silent else {}
    started, total, probe_right, rules_right, either = time.monotonic(), 0, 0, 0, 0
    for gold in load_gold(args.gold):
        text = (args.articles / gold.article).read_text(encoding="utf-8")
        spans = sentence_spans(text)
        for fig in (f for f in gold.figures if f.required):
            if args.silent:
                found = _silent(model, text, spans, fig, recorded.get(Path(gold.article).stem, {}))
                if found is None:
                    continue
                probe_ok, rules_ok, answer = found
            else:
                probe_ok, rules_ok, answer = _one(model, text, spans, fig)
            total, probe_right, rules_right = total + 1, probe_right + probe_ok, rules_right + rules_ok
            either += probe_ok or rules_ok
            if not args.totals_only:
                marks = f"{'right' if probe_ok else 'wrong'} / {'pipeline' if args.silent else 'rules'} " + (
                    "right" if rules_ok else "wrong"
                )
                print(f"{Path(gold.article).stem}  {fig.figures()[0]:,}  {marks}  | {answer} | gold {fig.source[:2]}")
    other = "the recorded pipeline" if args.silent else "the rules"
    print(
        f"{args.gold}: {total} figures{' where the rules are silent' if args.silent else ''}; the question right "
        f"for {probe_right}, {other} for {rules_right}, either for {either}; {time.monotonic() - started:.0f} s"
    )
    return 0


def _one(model: Any, text: str, spans: list[tuple[int, int]], fig: GoldFigure) -> tuple[bool, bool, str]:
    at = text.find(fig.evidence)
    i = next(k for k, (a, b) in enumerate(spans) if a <= at < b)
    sentence = text[spans[i][0] : spans[i][1]]
    before = text[spans[i - 1][0] : spans[i - 1][1]] if i else ""
    after = text[spans[i + 1][0] : spans[i + 1][1]] if i + 1 < len(spans) else ""
    answer = ask(model, before, sentence, after, f"{fig.figures()[0]:,}", options(f"{before} {sentence} {after}"))
    credit = credit_for(text, at, at + len(fig.evidence), fig.figures()[0])
    named = [n for n in (credit.name, credit.person, credit.organization, credit.descriptor) if n] if credit else []
    return credited([] if answer == "nobody" else [answer], fig.source), credited(named, fig.source), answer


def _recorded_credits() -> dict[str, dict[tuple[int, ...], list[list[str]]]]:
    """Per article, per figure, the credits the recorded pipeline kept (replayed cassettes)."""
    from tests.helpers import replay_gold

    out: dict[str, dict[tuple[int, ...], list[list[str]]]] = {}
    for result in replay_gold():
        figures = out.setdefault(Path(result.source).stem, {})
        for est in result.extraction.troop_estimates:
            a = est.attribution
            names = [] if a.kind == "unattributed" else [n for n in (a.source, a.organization, a.via) if n]
            key = tuple(est.figures()) if est.count is not None else (est.low or 0, est.high or 0)
            figures.setdefault(key, []).append(names)
    return out


def _silent(
    model: Any,
    text: str,
    spans: list[tuple[int, int]],
    fig: GoldFigure,
    recorded: dict[tuple[int, ...], list[list[str]]],
) -> tuple[bool, bool, str] | None:
    """The question and the pipeline on a figure the rules are silent on, or None."""
    kept = recorded.get(fig.figures())
    at = text.find(fig.evidence)
    if not kept or at == -1 or credit_for(text, at, at + len(fig.evidence), fig.figures()[0]) is not None:
        return None
    i = next(k for k, (a, b) in enumerate(spans) if a <= at < b)
    context = sorted({0, *range(max(0, i - 2), i)}) if i else []  # the headline and two sentences before
    before = " ".join(text[spans[k][0] : spans[k][1]] for k in context)
    sentence = text[spans[i][0] : spans[i][1]]
    after = text[spans[i + 1][0] : spans[i + 1][1]] if i + 1 < len(spans) else ""
    choices = options(f"{before} {sentence} {after}")
    answer = ask(model, before, sentence, after, f"{fig.figures()[0]:,}", choices, earlier=True)
    pipeline_ok = any(credited(names, fig.source) for names in kept)
    return credited([] if answer == "nobody" else [answer], fig.source), pipeline_ok, answer


if __name__ == "__main__":
    raise SystemExit(main())

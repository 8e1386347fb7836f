"""Score the text's credit rules alone on the credit corpus (``tests/gold/credits.jsonl``):
for each figure of a passage, is the source :func:`summarizer.text.credit.read_credit`
names one of the gold's (``make eval``'s last section, ``scripts/credits.py``)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from schemas.gold import GoldPassage
from summarizer.jsonl import read_models
from summarizer.scoring.report import PEOPLE
from summarizer.text.analysis import analyse
from summarizer.text.credit import read_credit


def load_credit_corpus(path: str | Path) -> list[GoldPassage]:
    """The passages of a credit corpus (JSON Lines, one :class:`GoldPassage` a line)."""
    return read_models(path, GoldPassage, what="a credit passage", fix="see schemas/gold.py for the format")


class CreditCase(BaseModel):
    """One figure of the corpus: who the text rules credit, and whether that is right.
    ``outcome``: right, wrong, or silent (the rules find no form where the gold names a
    source). Where the rules find no form the brief names nobody (a source the model gave
    is dropped as unverified, see :mod:`summarizer.grounding.corrections`), so silence on
    a figure the article credits to nobody is right."""

    url: str
    at: str
    figure: int
    gold: list[str]
    said: str | None
    outcome: str
    rule: str | None = None  # which rule credited it (a text.* form or a credit.* row of the parse)


class CreditScore(BaseModel):
    right: int = 0
    wrong: int = 0
    silent: int = 0
    rightly_silent: int = 0  # of ``right``: nobody named, as the gold has it

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.silent

    @property
    def accuracy(self) -> float:
        """Right of all figures: a silent rule counts against it."""
        return self.right / self.total if self.total else 1.0

    @property
    def precision(self) -> float:
        """Right of the figures the rules answered (silence left out)."""
        answered = self.right - self.rightly_silent
        return answered / (answered + self.wrong) if answered + self.wrong else 1.0

    def line(self) -> str:
        return (
            f"{self.total} figures: right {self.right} ({self.accuracy:.2f}; {self.rightly_silent} of them nobody, "
            f"rightly), wrong {self.wrong}, silent {self.silent}; precision when answering {self.precision:.2f}"
        )


def score_credits(passages: Iterable[GoldPassage]) -> tuple[CreditScore, list[CreditCase]]:
    """Score the text's credit (:func:`summarizer.text.credit.read_credit`: the text forms,
    then the parse's rows) alone on each figure."""
    score, cases = CreditScore(), []
    for passage in passages:
        spans = list(analyse(passage.text).spans)
        for gold in passage.credits:
            start = passage.text.index(gold.at)
            credit, rule = read_credit(passage.text, start, start + len(gold.at), gold.figure, spans=spans)
            if credit is None and not gold.source:
                said, outcome = None, "right"  # the brief names nobody, as the article does
                score.rightly_silent += 1
            elif credit is None:
                said, outcome = None, "silent"
            else:
                named = list(
                    dict.fromkeys(n for n in (credit.name, credit.person, credit.organization, credit.descriptor) if n)
                )
                said = " / ".join(named) or "nobody"
                right = PEOPLE.overlap(gold.source, named) if gold.source else not named
                outcome = "right" if right else "wrong"
            setattr(score, outcome, getattr(score, outcome) + 1)
            cases.append(
                CreditCase(
                    url=passage.url,
                    at=gold.at,
                    figure=gold.figure,
                    gold=gold.source,
                    said=said,
                    outcome=outcome,
                    rule=rule,
                )
            )
    return score, cases

"""Score extractions against the gold annotations (:mod:`summarizer.scoring.report`,
``summarizer eval``) and the credit rules against the credit corpus
(:mod:`summarizer.scoring.credit_corpus`)."""

from summarizer.scoring.credit_corpus import CreditCase, CreditScore, load_credit_corpus, score_credits
from summarizer.scoring.report import FIELDS, EvalReport, check_gold, load_gold, report_text, score, stem

__all__ = [
    "FIELDS",
    "CreditCase",
    "CreditScore",
    "EvalReport",
    "check_gold",
    "load_credit_corpus",
    "load_gold",
    "report_text",
    "score",
    "score_credits",
    "stem",
]

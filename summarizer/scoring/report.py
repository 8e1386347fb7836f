"""Score extractions against hand-made gold annotations (``summarizer eval``).

Per article, each field is compared as a set of distinct statements; a statement the
model repeats (the headline and the lead both giving the Pentagon's 10,000) counts once.
The fields and what makes a predicted item match a gold one:

- ``figure``: the same number (``count``), or the same two ends of a range.
- ``figure+source``: the figure, and the originating source: one of the gold's names
  for it and one of the names the model gave (attributed person, organization, or the
  go-between) are the same entity under the alias rules the merger uses
  (:mod:`summarizer.text.aliases`: titles dropped, acronyms, surnames, spelling variants).
  A gold figure with no source matches a prediction that names nobody or says
  "unattributed".
- ``figure+status``: the figure, and a status in the same status group as one the gold
  accepts (sent or in place / expected or planned / casualties / other).
- ``actors``, ``locations``: one of the names is the same entity (places drop
  "region", and a possessor: "Russia's Kursk region" is Kursk).
- ``reactions``: the speaker is the same entity and one of the predicted stances for
  that speaker is one the gold accepts.

Two more numbers: how often a matched figure is on the right side of the line between
casualties (killed, wounded, captured) and forces sent or in place, and the totals per
story when the gold files name one.

Matching is greedy, required gold items first. A predicted item that matches a
non-required gold item is ignored (neither hit nor false positive). Precision, recall
and F1 are micro-averaged over the articles.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from schemas import Article, VerifiedExtraction
from schemas.extraction import STATUS_GROUPS, Actor, Location
from schemas.gold import GoldArticle, GoldName
from summarizer.errors import InputError
from summarizer.grounding.grounder import Grounder
from summarizer.text.aliases import same_entity
from summarizer.text.analysis import analyse
from summarizer.text.candidates import troop_figure_sentences
from summarizer.text.credit import read_credit
from summarizer.text.numbers import format_figure, mentions, stated_spans

FIELDS = ("figure", "figure+source", "figure+status", "actors", "locations", "reactions")


def load_gold(folder: str | Path) -> list[GoldArticle]:
    """Every ``*.json`` gold file in ``folder``, sorted by article name."""
    path = Path(folder)
    files = sorted(path.glob("*.json")) if path.is_dir() else []
    if not files:
        raise InputError(f"no gold files (*.json) in {path}: see schemas/gold.py for the format")
    out = []
    for file in files:
        try:
            out.append(GoldArticle.model_validate_json(file.read_bytes()))
        except ValidationError as exc:
            raise InputError(f"{file}: not a gold annotation file:\n{exc}") from exc
    return sorted(out, key=lambda g: g.article)


def check_gold(gold: GoldArticle, article: Article) -> list[str]:
    """Problems with a gold file: evidence not in the article, or not stating its figure."""
    grounder = Grounder(article.text)
    problems = []
    items = [*gold.figures, *gold.actors, *gold.locations, *gold.reactions]
    for item in items:
        span = grounder.locate(item.evidence)
        if span is None or (span.end - span.start) < 0.9 * len(item.evidence.strip()):
            problems.append(f"{gold.article}: evidence not in the article: {item.evidence!r}")
    for fig in gold.figures:
        if not all(mentions(fig.evidence, n) for n in fig.figures()):
            problems.append(f"{gold.article}: evidence does not state {fig.figures()}: {fig.evidence!r}")
    return problems


def stem(name: str) -> str:
    return Path(name).stem


# -- comparable statements ---------------------------------------------------------------


@dataclass
class _Statement:
    label: str
    figures: tuple[int, ...] = ()
    names: tuple[str, ...] = ()
    groups: frozenset[str] = frozenset()
    stances: set[str] = field(default_factory=set)
    required: bool = True


_Same = Callable[[_Statement, _Statement], bool]


class Names:
    """Alias comparison of name lists, remembered (gold files repeat names)."""

    def __init__(self, kind: str | None) -> None:
        self.kind = kind
        self._memo: dict[tuple[str, str], bool] = {}

    def same(self, a: str, b: str) -> bool:
        key = (a, b) if a <= b else (b, a)
        if key not in self._memo:
            self._memo[key] = same_entity(a, b, self.kind)
        return self._memo[key]

    def overlap(self, a: Iterable[str], b: Iterable[str]) -> bool:
        b = list(b)
        return any(self.same(x, y) for x in a for y in b)


PEOPLE = Names(None)
_PLACES = Names("place")


def _source_same(a: _Statement, b: _Statement) -> bool:
    if not a.names or not b.names:
        return not a.names and not b.names
    return PEOPLE.overlap(a.names, b.names)


def _figure_key(s: _Statement, t: _Statement) -> bool:
    return s.figures == t.figures


def _figure_source_key(s: _Statement, t: _Statement) -> bool:
    return s.figures == t.figures and _source_same(s, t)


def _figure_status_key(s: _Statement, t: _Statement) -> bool:
    return s.figures == t.figures and bool(s.groups & t.groups)


def _people_key(s: _Statement, t: _Statement) -> bool:
    return PEOPLE.overlap(s.names, t.names)


def _places_key(s: _Statement, t: _Statement) -> bool:
    return _PLACES.overlap(s.names, t.names)


def _reaction_match(s: _Statement, t: _Statement) -> bool:
    return _people_key(s, t) and bool(s.stances & t.stances)


# field -> (same statement for de-duplication, gold-vs-predicted match)
_RULES: dict[str, tuple[_Same, _Same]] = {
    "figure": (_figure_key, _figure_key),
    "figure+source": (_figure_source_key, _figure_source_key),
    "figure+status": (_figure_status_key, _figure_status_key),
    "actors": (_people_key, _people_key),
    "locations": (_places_key, _places_key),
    "reactions": (_people_key, _reaction_match),
}


def _figures_label(figures: tuple[int, ...]) -> str:
    return "–".join(format_figure(n) for n in figures)


def _gold_statements(gold: GoldArticle) -> dict[str, list[_Statement]]:
    out: dict[str, list[_Statement]] = {f: [] for f in FIELDS}
    for fig in gold.figures:
        figures = fig.figures()
        groups = frozenset(STATUS_GROUPS[s] for s in fig.status)
        who = fig.source[0] if fig.source else "unattributed"
        req = fig.required
        out["figure"].append(_Statement(_figures_label(figures), figures, required=req))
        out["figure+source"].append(
            _Statement(f"{_figures_label(figures)} · {who}", figures, tuple(fig.source), required=req)
        )
        out["figure+status"].append(
            _Statement(f"{_figures_label(figures)} · {'/'.join(fig.status)}", figures, groups=groups, required=req)
        )
    out["actors"] = [_Statement(a.name, names=tuple(a.names()), required=a.required) for a in gold.actors]
    out["locations"] = [_Statement(x.name, names=tuple(x.names()), required=x.required) for x in gold.locations]
    out["reactions"] = [
        _Statement(
            f"{r.speaker} · {'/'.join(r.stance)}", names=tuple(r.names()), stances=set(r.stance), required=r.required
        )
        for r in gold.reactions
    ]
    return out


def _predicted_statements(result: VerifiedExtraction) -> dict[str, list[_Statement]]:
    ex = result.extraction
    out: dict[str, list[_Statement]] = {f: [] for f in FIELDS}
    for est in ex.troop_estimates:
        figures = tuple(est.figures()) if est.count is not None else (est.low or 0, est.high or 0)
        a = est.attribution
        named = [n for n in (a.source, a.organization, a.via) if n]
        names = () if a.kind == "unattributed" else tuple(named)
        who = " / ".join(names) or "unattributed"
        out["figure"].append(_Statement(_figures_label(figures), figures))
        out["figure+source"].append(_Statement(f"{_figures_label(figures)} · {who}", figures, names))
        out["figure+status"].append(
            _Statement(
                f"{_figures_label(figures)} · {est.status}", figures, groups=frozenset([STATUS_GROUPS[est.status]])
            )
        )
    out["actors"] = [_Statement(a.name, names=(a.name,)) for a in ex.actors]
    out["locations"] = [_Statement(x.name, names=(x.name,)) for x in ex.locations]
    out["reactions"] = [
        _Statement(f"{r.speaker} · {r.stance}", names=(r.speaker,), stances={r.stance}) for r in ex.official_reactions
    ]
    return out


def _distinct(items: list[_Statement], same: _Same) -> list[_Statement]:
    kept: list[_Statement] = []
    for item in items:
        twin = next((k for k in kept if same(k, item)), None)
        if twin is None:
            kept.append(_Statement(item.label, item.figures, item.names, item.groups, set(item.stances), item.required))
        else:
            twin.stances |= item.stances
            twin.required = twin.required or item.required
    return kept


# -- scoring ------------------------------------------------------------------------------


class Score(BaseModel):
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def summary(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


class Finding(BaseModel):
    article: str
    field: str
    item: str


class ArticleScore(BaseModel):
    article: str
    scores: dict[str, Score]


class Tally(BaseModel):
    """How many of the matched items are right: counts only, no item named."""

    matched: int = 0
    right: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.matched if self.matched else 1.0

    def add(self, other: Tally) -> None:
        self.matched += other.matched
        self.right += other.right

    def text(self) -> str:
        """'12/15 right (80%)', or '0/0' where nothing was matched."""
        return f"{self.right}/{self.matched} right ({self.accuracy:.0%})" if self.matched else "0/0"


def _by_rule(tallies: dict[str, Tally]) -> str:
    """'rule 3/4 right (75%); other 1/1 right (100%)', in rule order; 'none' when empty."""
    return "; ".join(f"{rule} {tally.text()}" for rule, tally in sorted(tallies.items())) or "none"


class GroupCheck(Tally):
    """Matched figures (same number) whose status is on the gold's side of the casualty line."""

    wrong: list[Finding] = Field(default_factory=list)


class FigureLosses(BaseModel):
    """Each required gold figure in one bin: found with its source; found with another
    source, where the text's credit forms are silent (the model's credit, or none, stood)
    or answered wrongly; missed, though the prompt pointed at it or because it never did.
    Counts only, so a held-out set can say where it loses without showing its errors.
    Filled when the articles' texts are at hand."""

    right: int = 0
    credited_wrongly_rules_silent: int = 0
    credited_wrongly_rules_answered: int = 0
    missed_pointed_at: int = 0
    missed_never_pointed_at: int = 0

    def line(self) -> str:
        wrong = self.credited_wrongly_rules_silent + self.credited_wrongly_rules_answered
        missed = self.missed_pointed_at + self.missed_never_pointed_at
        return (
            f"required figures: {self.right} with their source; {wrong} credited wrongly (the text's credit forms "
            f"silent {self.credited_wrongly_rules_silent}, answering wrongly {self.credited_wrongly_rules_answered}); "
            f"{missed} missed (pointed at by the prompt {self.missed_pointed_at}, never pointed at "
            f"{self.missed_never_pointed_at})"
        )

    def add(self, other: FigureLosses) -> None:
        for name in type(self).model_fields:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _figure_losses(
    gold: GoldArticle, expected: list[_Statement], predicted: list[_Statement], text: str
) -> FigureLosses:
    """Bin each required gold figure of one article (see :class:`FigureLosses`)."""
    losses = FigureLosses()
    spans = list(analyse(text).spans)
    pointed = {i: figures for i, figures in troop_figure_sentences([text[a:b] for a, b in spans])}
    grounder = Grounder(text)
    for fig, statement in zip(gold.figures, expected, strict=True):
        if not fig.required:
            continue
        found = grounder.locate(fig.evidence)
        i = next((k for k, (a, b) in enumerate(spans) if found and a <= found.start < b), None)
        if any(_figure_source_key(statement, p) for p in predicted):
            losses.right += 1
        elif any(_figure_key(statement, p) for p in predicted):
            hits = stated_spans(text[spans[i][0] : spans[i][1]], statement.figures[0]) if i is not None else []
            start = spans[i][0] if i is not None else 0
            credit = (
                read_credit(text, start + hits[0][0], start + hits[0][1], statement.figures[0], spans=spans)[0]
                if hits
                else None
            )
            if credit is None:
                losses.credited_wrongly_rules_silent += 1
            else:
                losses.credited_wrongly_rules_answered += 1
        elif i is not None and statement.figures[0] in pointed.get(i, set()):
            losses.missed_pointed_at += 1
        else:
            losses.missed_never_pointed_at += 1
    return losses


class CreditBasisCheck(BaseModel):
    """The credits of kept figures that match a required gold figure, by how the tool
    settled them (see :data:`schemas.extraction.CreditBasis`): read from the article's
    own credit form, the model's credit kept where the sentence has none, or nobody.
    Counts only, so a held-out set can show them; they say how far each kind of credit
    in a brief can be trusted."""

    stated: Tally = Field(default_factory=Tally)
    inferred: Tally = Field(default_factory=Tally)
    unattributed: Tally = Field(default_factory=Tally)
    # The same figures by the rule that read their credit (the attribution's ``rule``:
    # a text.* form or a credit.* row); "model" where no rule did and the model's stands.
    by_rule: dict[str, Tally] = Field(default_factory=dict)

    def rules_line(self) -> str:
        return f"credits of found figures by rule (right = a source the gold gives): {_by_rule(self.by_rule)}"

    def line(self) -> str:
        parts = [
            f"{label} {c.text()}"
            for label, c in (
                ("read from the text's credit form", self.stated),
                ("the model's, kept where the text has none", self.inferred),
                ("no source", self.unattributed),
            )
        ]
        return "credits of found figures: " + "; ".join(parts)

    def add(self, other: CreditBasisCheck) -> None:
        for name in ("stated", "inferred", "unattributed"):
            getattr(self, name).add(getattr(other, name))
        for rule, tally in other.by_rule.items():
            self.by_rule.setdefault(rule, Tally()).add(tally)


def _credit_basis_check(
    expected: list[_Statement], predicted: list[_Statement], result: VerifiedExtraction
) -> CreditBasisCheck:
    """Each kept figure that states a required gold figure, put under its credit's basis
    and counted right when its source is one the gold gives that figure (``expected``
    and ``predicted``: the article's figure + source statements, the latter in the order
    of ``result``'s troop estimates)."""
    check = CreditBasisCheck()
    wanted = [s for s in expected if s.required]
    for est, statement in zip(result.extraction.troop_estimates, predicted, strict=True):
        same_figure = [g for g in wanted if _figure_key(g, statement)]
        if not same_figure:
            continue
        a = est.attribution
        group = check.unattributed if not statement.names else getattr(check, a.basis or "stated")
        right = any(_figure_source_key(g, statement) for g in same_figure)
        for tally in (group, check.by_rule.setdefault(a.rule or "model", Tally())):
            tally.matched += 1
            tally.right += right
    return check


class EvalReport(BaseModel):
    model: str | None = None
    prompt_version: str | None = None
    articles: list[ArticleScore] = Field(default_factory=list)
    totals: dict[str, Score] = Field(default_factory=dict)
    stories: dict[str, dict[str, Score]] = Field(default_factory=dict)
    casualty_line: GroupCheck = Field(default_factory=GroupCheck)
    misses: list[Finding] = Field(default_factory=list)
    false_positives: list[Finding] = Field(default_factory=list)
    missing_articles: list[str] = Field(default_factory=list)
    # Kept troop figures whose quote does not state the figure: must be 0.
    figures_without_quote: list[Finding] = Field(default_factory=list)
    # Where figure + source is lost, in counts (a held-out set may show them): see FigureLosses.
    figure_losses: FigureLosses = Field(default_factory=FigureLosses)
    credit_basis: CreditBasisCheck = Field(default_factory=CreditBasisCheck)
    # Per named rule that set a figure apart (summarizer.text.counts): how often it fired,
    # and how often on a number that is no figure of the gold's (right). Counts only.
    rules: dict[str, Tally] = Field(default_factory=dict)
    # Per rule that found an actor or a place (summarizer.text.mentions; "grounding" for
    # the credited and speaking names the grounding adds): how many, and how many are a
    # name of the gold's (required or not).
    name_rules: dict[str, Tally] = Field(default_factory=dict)
    # Per rule that found a reaction ("answer" for the model's, a row of
    # summarizer.text.holders, "statement.quoted"): how many, and how many match a gold
    # reaction (speaker and stance).
    reaction_rules: dict[str, Tally] = Field(default_factory=dict)
    # Per row of summarizer.text.stance that read a reaction's stance: how many, and how
    # many match a gold reaction.
    stance_rules: dict[str, Tally] = Field(default_factory=dict)
    # Per rule that changed a figure's status (summarizer.text.tense, .counts, the word
    # windows): how many of the gold's figures, and how many got a status group it accepts.
    status_rules: dict[str, Tally] = Field(default_factory=dict)

    def rules_line(self) -> str:
        return f"figures set apart by a named rule (right = not a gold figure): {_by_rule(self.rules)}"

    def name_rules_line(self) -> str:
        return f"actors and places by the rule that found them (right = a gold name): {_by_rule(self.name_rules)}"

    def reaction_rules_line(self) -> str:
        return f"reactions by the rule that found them (right = a gold reaction): {_by_rule(self.reaction_rules)}"

    def stance_rules_line(self) -> str:
        return f"stances by the cue that read them (right = a gold reaction): {_by_rule(self.stance_rules)}"

    def status_rules_line(self) -> str:
        what = "right = a status group the gold accepts for that figure"
        return f"statuses changed by a rule, on gold figures ({what}): {_by_rule(self.status_rules)}"

    def as_json(self) -> str:
        rest = self.model_dump(mode="json", exclude={"totals", "articles", "model", "prompt_version", "stories"})
        data = {
            "model": self.model,
            "prompt_version": self.prompt_version,
            "totals": {f: s.summary() for f, s in self.totals.items()},
            "casualty_line_accuracy": round(self.casualty_line.accuracy, 3),
            "stories": {name: {f: s.summary() for f, s in scores.items()} for name, scores in self.stories.items()},
            "articles": [
                {"article": a.article, **{f: s.summary() for f, s in a.scores.items()}} for a in self.articles
            ],
            **rest,
        }
        return json.dumps(data, indent=2, ensure_ascii=False)


def _score_field(
    gold: list[_Statement], predicted: list[_Statement], rules: tuple[_Same, _Same]
) -> tuple[Score, list[_Statement], list[_Statement]]:
    same, match = rules
    gold = sorted(_distinct(gold, same), key=lambda s: not s.required)
    predicted = _distinct(predicted, same)
    free = list(predicted)
    score, misses, found = Score(), [], []
    for g in gold:
        hit = next((p for p in free if match(g, p)), None)
        if hit is not None:
            free.remove(hit)
            found.append(g)
            score.tp += g.required
        elif g.required:
            misses.append(g)
    # The gold lists every name of one source ("U.S. intelligence", "administration
    # official"): a second statement under another of those names repeats the one found.
    free = [p for p in free if not any(match(g, p) for g in found)]
    score.fn = len(misses)
    score.fp = len(free)
    return score, misses, free


_CASUALTIES = STATUS_GROUPS["casualties"]


def _check_casualty_line(gold: GoldArticle, result: VerifiedExtraction, check: GroupCheck) -> None:
    """For each required gold figure the model also gave, is it a casualty count on both sides?"""
    name = stem(gold.article)
    predicted = result.extraction.troop_estimates
    for fig in gold.figures:
        if not fig.required:
            continue
        wanted = fig.figures()
        same = [e for e in predicted if (tuple(e.figures()) if e.count is not None else (e.low, e.high)) == wanted]
        if not same:
            continue
        casualty = any(STATUS_GROUPS[s] == _CASUALTIES for s in fig.status)
        check.matched += 1
        if any((STATUS_GROUPS[e.status] == _CASUALTIES) == casualty for e in same):
            check.right += 1
        else:
            said = "/".join(sorted({e.status for e in same}))
            check.wrong.append(Finding(article=name, field="status", item=f"{_figures_label(wanted)}: {said}"))


def score(
    gold: Sequence[GoldArticle], results: Sequence[VerifiedExtraction], texts: Mapping[str, str] | None = None
) -> EvalReport:
    """Score ``results`` against ``gold``; articles are paired by file name stem. With
    ``texts`` (stem -> article text) the report also bins where figures are lost."""
    by_stem = {stem(r.source): r for r in results}
    report = EvalReport(totals={f: Score() for f in FIELDS})
    if results:
        report.model, report.prompt_version = results[0].model, results[0].prompt_version
    for g in gold:
        name = stem(g.article)
        result = by_stem.get(name)
        if result is None:
            report.missing_articles.append(g.article)
        expected = _gold_statements(g)
        predicted = _predicted_statements(result) if result else {f: [] for f in FIELDS}
        scores = {}
        for f in FIELDS:
            score, misses, extra = _score_field(expected[f], predicted[f], _RULES[f])
            scores[f] = score
            report.totals[f].add(score)
            report.misses += [Finding(article=name, field=f, item=m.label) for m in misses]
            report.false_positives += [Finding(article=name, field=f, item=x.label) for x in extra]
        report.articles.append(ArticleScore(article=name, scores=scores))
        if g.story:
            story = report.stories.setdefault(g.story, {f: Score() for f in FIELDS})
            for f in FIELDS:
                story[f].add(scores[f])
        if result is not None:
            _check_casualty_line(g, result, report.casualty_line)
            report.credit_basis.add(_credit_basis_check(expected["figure+source"], predicted["figure+source"], result))
        if texts is not None and name in texts:
            report.figure_losses.add(
                _figure_losses(g, expected["figure+source"], predicted["figure+source"], texts[name])
            )
        if result is not None:
            _tally_rules(report.rules, g, result)
            _tally_status_rules(report.status_rules, g, result)
            _tally_name_rules(report.name_rules, g, result)
            _tally_reaction_rules(
                report.reaction_rules, report.stance_rules, expected["reactions"], predicted["reactions"], result
            )
        for est in result.extraction.troop_estimates if result else []:
            if not all(mentions(est.quote, n) for n in est.figures()):
                label = f"{_figures_label(tuple(est.figures()))}: {est.quote!r}"
                report.figures_without_quote.append(Finding(article=name, field="figure", item=label))
    return report


def _tally_rules(rules: dict[str, Tally], gold: GoldArticle, result: VerifiedExtraction) -> None:
    """Each figure a named rule set apart: right unless it is a figure the gold requires."""
    wanted = {n for fig in gold.figures if fig.required for n in fig.figures()}
    for item in result.unverified:
        if item.rule is None or item.kind != "troop_estimate":
            continue
        values = {item.item.get(k) for k in ("count", "low", "high")} - {None}
        tally = rules.setdefault(item.rule, Tally())
        tally.matched += 1
        tally.right += not (values & wanted)


def _tally_status_rules(rules: dict[str, Tally], gold: GoldArticle, result: VerifiedExtraction) -> None:
    """Each figure whose status a rule changed, if the gold has that figure: right when
    its status group is one the gold accepts."""
    for est in result.extraction.troop_estimates:
        if est.status_rule is None:
            continue
        values = set(est.figures())
        accepted = [{STATUS_GROUPS[s] for s in fig.status} for fig in gold.figures if values & set(fig.figures())]
        if not accepted:
            continue
        tally = rules.setdefault(est.status_rule, Tally())
        tally.matched += 1
        tally.right += any(STATUS_GROUPS[est.status] in groups for groups in accepted)


def _tally_name_rules(rules: dict[str, Tally], gold: GoldArticle, result: VerifiedExtraction) -> None:
    ex = result.extraction
    kinds: tuple[tuple[Sequence[Actor | Location], Sequence[GoldName], Names, str], ...] = (
        (ex.actors, gold.actors, PEOPLE, "actor"),
        (ex.locations, gold.locations, _PLACES, "place"),
    )
    for items, wanted, names, kind in kinds:
        for item in items:
            tally = rules.setdefault(item.rule or f"grounding ({kind})", Tally())
            tally.matched += 1
            tally.right += any(names.overlap((item.name,), g.names()) for g in wanted)


def _tally_reaction_rules(
    rules: dict[str, Tally],
    stances: dict[str, Tally],
    wanted: list[_Statement],
    predicted: list[_Statement],
    result: VerifiedExtraction,
) -> None:
    """Each reaction by the rule that found it and the cue that read its stance: right
    when it matches a gold reaction (``predicted`` is in the extraction's order)."""
    for said, reaction in zip(predicted, result.extraction.official_reactions, strict=True):
        right = any(_reaction_match(said, w) for w in wanted)
        for table, rule in ((rules, reaction.rule or "unrecorded"), (stances, reaction.stance_rule or "none (other)")):
            tally = table.setdefault(rule, Tally())
            tally.matched += 1
            tally.right += right


def _table(totals: dict[str, Score]) -> list[str]:
    header = f"{'field':<15}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}"
    lines = [header, "-" * len(header)]
    for f, s in totals.items():
        lines.append(f"{f:<15}{s.precision:>7.2f}{s.recall:>7.2f}{s.f1:>7.2f}{s.tp:>5}{s.fp:>5}{s.fn:>5}")
    return lines


def report_text(report: EvalReport, *, errors: bool = True) -> str:
    """The report as a plain table and lists, for a terminal. ``errors=False`` leaves out
    the misses and false positives (numbers only: how a held-out set is reported)."""
    lines = [f"model: {report.model}   prompt: {report.prompt_version}", "", *_table(report.totals), ""]
    line = report.casualty_line
    lines.append(f"casualty vs deployment right: {line.right}/{line.matched} matched figures ({line.accuracy:.0%})")
    lines.append(f"kept figures without a quote stating them: {len(report.figures_without_quote)}")
    if report.figure_losses != FigureLosses():
        lines.append(report.figure_losses.line())
    if report.credit_basis != CreditBasisCheck():
        lines.append(report.credit_basis.line())
        lines.append(report.credit_basis.rules_line())
    lines.append(report.rules_line())
    if report.status_rules:
        lines.append(report.status_rules_line())
    if report.name_rules:
        lines.append(report.name_rules_line())
    if report.reaction_rules:
        lines.append(report.reaction_rules_line())
        lines.append(report.stance_rules_line())
    if len(report.stories) > 1:
        for name, totals in report.stories.items():
            lines += ["", f"story {name}:", *_table(totals)]
    if not errors:
        return "\n".join(lines) + "\n"
    for title, findings in (
        ("misses", report.misses),
        ("false positives", report.false_positives),
        ("casualty line crossed", line.wrong),
    ):
        if not findings and title == "casualty line crossed":
            continue
        lines += ["", f"{title} ({len(findings)}):"]
        lines += [f"  {x.article[:12]:<12}  {x.field:<14} {x.item}" for x in findings]
    if report.missing_articles:
        lines += ["", "no extraction for: " + ", ".join(report.missing_articles)]
    return "\n".join(lines) + "\n"

"""What the article's own words settle about a troop figure, over what the model said.

Run on every grounded troop estimate, with the article analysed once (its text and
sentence spans):

- names the article never mentions are removed from the attribution;
- who the sentence credits ("according to X", "X said that"...) replaces a given source
  when the two differ, and a source given where no credit form names one is dropped;
  both are listed as unverified;
- the hedge ("up to", "about") is read from the sentence: small models say "about" by
  default, and "up to 10,000" is not "about 10,000";
- the status ("has sent" vs "preparing to send") likewise, when the words decide it;
  losses first ("lost 20,000 fighters" is killed, "the 50,000 convicts he recruited"
  is not).
"""

from __future__ import annotations

import re
from typing import Any

from schemas import TroopEstimate, UnverifiedItem
from summarizer.text.aliases import as_written, names, same_entity
from summarizer.text.counts import speaks_of_the_future, status_from_verb
from summarizer.text.credit import read_credit
from summarizer.text.numbers import hedge_of
from summarizer.text.sources import Credit, is_outlet, source_kind
from summarizer.text.tense import (
    casualty_status,
    counts_losses,
    loss_said_of_others,
    status_from_parse,
    status_from_text,
)


def correct_estimate(
    text: str, spans: list[tuple[int, int]], item: TroopEstimate, span: tuple[int, int]
) -> tuple[dict[str, Any], list[UnverifiedItem]]:
    """The fields of ``item`` its passage ``text[span]`` settles, and the notes on what
    was changed (as unverified items of kind "attribution")."""
    passage = text[span[0] : span[1]]
    attribution, dropped = _supported_attribution(text, item)
    credit, rule = read_credit(text, span[0], span[1], item.figures()[0], spans=spans)
    if credit is None:
        attribution, replaced = _uncredited(item, attribution)
    else:
        attribution, replaced = _credited_attribution(credit, item, attribution)
    if attribution["source"] or attribution["organization"]:
        # The kind of source follows the names that stand, whoever wrote them, with an
        # acronym read as the article spells it out ("AFP" for the Armed Forces of the Philippines).
        source, organization = (_spelled_out(attribution[k], text) for k in ("source", "organization"))
        # a name stands only where the article's credit form gave it (see _uncredited)
        attribution = {**attribution, "kind": source_kind(source, organization), "basis": "stated", "rule": rule}
    elif attribution["kind"] != "anonymous":
        attribution = {**attribution, "kind": "unattributed", "basis": None}  # no name left to credit
    else:  # an unnamed source: stated if the text's words describe it ("officials said")
        attribution = {**attribution, "basis": None if credit is None else "stated", "rule": rule}
    corrected: dict[str, Any] = {"attribution": attribution}
    hedge = hedge_of(passage, item.count) if item.count is not None else None
    if hedge is not None:
        corrected["qualifier"] = hedge
    status, status_rule = _status(passage, item)
    if status is not None:
        corrected["status"], corrected["status_rule"] = status, status_rule
    return corrected, [*dropped, *replaced]


_LOSSES = ("killed", "wounded", "casualties")


def _status(passage: str, item: TroopEstimate) -> tuple[str | None, str | None]:
    """The status the passage gives the figure in place of the answer's, and the rule
    that read it; (None, None) when the answer's stands. In order: the verb that takes
    the troops out of the fight ("300 soldiers surrendered"), the words of loss beside
    the figure, then whether they are to come or there now (the parse's governing verbs,
    else the word windows around the figure)."""
    figure = item.figures()[0]
    governed = status_from_verb(passage, figure)  # "300 soldiers surrendered", "45 were captured"
    if governed is not None:
        return (None, None) if governed.status == item.status else (governed.status, governed.id)
    status = casualty_status(passage, figure, item.status)
    if (status or item.status) in _LOSSES and counts_losses(passage) and loss_said_of_others(passage, figure):
        # "over 700 guerrillas ... ambushed a 120-member contingent": the sentence's loss is
        # another count's; what the parse's verbs say of these troops stands, else "other"
        there, _ = status_from_parse(passage, figure, "other")
        return there or status_from_text(passage, figure, "other") or "other", "status.not-the-loss"
    if status is not None:
        return status, "text.loss-words"
    if item.status in _LOSSES:
        if counts_losses(passage):
            return None, None
        # A loss needs a word of loss: "had about 50,000 mercenaries in Ukraine" is not one;
        # the governing verbs may say they are there ("the approximately 500 in Syria").
        status, time_rule = status_from_parse(passage, figure, "other")
        if status is not None:
            return status, time_rule
        return status_from_text(passage, figure, "other") or "other", "text.no-loss-word"
    status, time_rule = status_from_parse(passage, figure, item.status)
    if status is not None:
        return status, time_rule
    if time_rule is None:  # the parse's verbs say nothing: the words near the figure
        status = status_from_text(passage, figure, item.status)
        if status is not None:
            return status, "text.time-words"
    if item.status in ("expected", "planned") and not speaks_of_the_future(passage):
        return "deployed", "counts.speaks-of-the-future"  # "the most recent estimate of 150,000 troops"
    return None, None


# "the Armed Forces of the Philippines (AFP)": an acronym the article defines.
_DEFINED = re.compile(
    r"(?P<long>\b[A-Z][\w’'-]*(?:\s+(?:of\s+(?:the\s+)?|and\s+)?[A-Z][\w’'-]*){1,6})\s+\((?P<acronym>[A-Z]{2,6})\)"
)


def _spelled_out(name: str | None, text: str) -> str | None:
    """``name`` with each acronym the article defines written out: the article's own
    "AFP" may be its army, not the news agency."""
    if not name:
        return name
    for m in _DEFINED.finditer(text):
        acronym = re.compile(rf"\b{m.group('acronym')}\b")
        if acronym.search(name) and not is_outlet(m.group("long")):
            name = acronym.sub(m.group("long"), name)
    return name


def _supported_attribution(text: str, item: TroopEstimate) -> tuple[dict[str, Any], list[UnverifiedItem]]:
    """The attribution with every name the article never mentions removed: the model
    may know the Pentagon is the US Department of Defense, the article may not say so."""
    attribution = item.attribution.model_dump()
    dropped = []
    for key in ("source", "organization", "via"):
        if attribution[key]:  # "national security council spokesman john kirby": the article's spelling
            attribution[key] = as_written(attribution[key], text)
        name = attribution[key]
        if name and not names(name, text):
            attribution[key] = None
            dropped.append(
                UnverifiedItem(
                    kind="attribution",
                    item={"figure": item.figures(), key: name, "quote": item.quote},
                    reason=f"{name!r} is not named in the article; removed from the figure's attribution",
                )
            )
    return attribution, dropped


def _uncredited(item: TroopEstimate, attribution: dict[str, Any]) -> tuple[dict[str, Any], list[UnverifiedItem]]:
    """No credit form of the article names who gave the figure: a source given with the
    figure (by a model, a batch result, a caller) is not the article's word, and the
    figure is kept as unattributed, with the dropped name listed as unverified."""
    given = [n for n in (attribution["source"], attribution["organization"], attribution["via"]) if n]
    if not given:
        return attribution, []
    said = " / ".join(given)
    note = UnverifiedItem(
        kind="attribution",
        item={"figure": item.figures(), "source": said, "quote": item.quote},
        reason=f"the article's words credit this figure to nobody, not {said}; it is kept as unattributed",
    )
    return {"source": None, "organization": None, "kind": "unattributed", "via": None}, [note]


def _credited_attribution(
    credit: Credit, item: TroopEstimate, attribution: dict[str, Any]
) -> tuple[dict[str, Any], list[UnverifiedItem]]:
    """The attribution the article's own wording gives (``according to X``, ``X said
    that``...), replacing the model's when the two name different sources."""
    given = [n for n in (attribution["source"], attribution["organization"]) if n]
    vaguer = False
    if credit.name is None and credit.descriptor:
        # An unnamed source, kept as the text describes it ("government sources").
        if given and any(same_entity(g, credit.descriptor) for g in given):
            return {**attribution, "kind": "anonymous"}, []
        new = {"source": credit.descriptor, "organization": None, "kind": "anonymous", "via": credit.via}
    elif credit.name is None:
        if not given:
            return attribution, []
        kind = "anonymous" if credit.anonymous else "unattributed"
        new = {"source": None, "organization": None, "kind": kind, "via": None}
    else:
        named = [n for n in (credit.name, credit.person, credit.organization) if n]
        if given and any(same_entity(g, c) for g in given for c in named):
            if attribution["via"] is None and credit.via:
                attribution = {**attribution, "via": credit.via}
            if attribution["organization"] is None and credit.organization and credit.organization != credit.name:
                attribution = {**attribution, "organization": credit.organization}  # who they speak for
            return attribution, []
        # "South Korea" for "South Korea's National Intelligence Service": not wrong,
        # only vaguer; the article's own name is used without calling it a correction.
        vaguer = bool(given) and all(names(g, credit.name) for g in given)
        source = credit.person or credit.name
        organization = credit.organization if credit.organization != source else None
        new = {"source": source, "organization": organization, "kind": "other", "via": credit.via}
    if vaguer:
        return new, []
    said = " / ".join(given) or "nobody"
    credited = credit.name or credit.descriptor or "no named source"
    note = UnverifiedItem(
        kind="attribution",
        item={"figure": item.figures(), "source": said, "quote": item.quote},
        reason=f"the article credits this figure to {credited}, not {said}; attribution corrected",
    )
    return new, [note]

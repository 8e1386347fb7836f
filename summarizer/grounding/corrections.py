"""What the article's own words settle about a troop figure, over what the model said.

Run on every grounded troop estimate, with the article analysed once (its text and
sentence spans):

- names the article never mentions are removed from the attribution;
- who the sentence credits ("according to X", "X said that"...) replaces the model's
  source when the two differ, and the replacement is listed as unverified;
- the hedge ("up to", "about") is read from the sentence: small models say "about" by
  default, and "up to 10,000" is not "about 10,000";
- the status ("has sent" vs "preparing to send") likewise, when the words decide it;
  losses first ("lost 20,000 fighters" is killed, "the 50,000 convicts he recruited"
  is not).
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from schemas import TroopEstimate, UnverifiedItem
from summarizer.text.aliases import as_written, names, same_entity
from summarizer.text.attribution import Credit, is_outlet, source_kind
from summarizer.text.counts import only_as_nationality, speaks_of_the_future, status_from_verb
from summarizer.text.credit import read_credit
from summarizer.text.numbers import hedge_of
from summarizer.text.tense import casualty_status, counts_losses, status_from_text
from summarizer.text.vocabulary import VERBS_OF_SAYING


def correct_estimate(
    text: str, spans: list[tuple[int, int]], item: TroopEstimate, span: tuple[int, int]
) -> tuple[dict[str, Any], list[UnverifiedItem]]:
    """The fields of ``item`` its passage ``text[span]`` settles, and the notes on what
    was changed (as unverified items of kind "attribution")."""
    passage = text[span[0] : span[1]]
    attribution, dropped = _supported_attribution(text, item)
    credit, rule = read_credit(text, span[0], span[1], item.figures()[0], spans=spans)
    if credit is None:
        attribution, replaced = _named_nearby(text, spans, item, span, attribution)
    else:
        attribution, replaced = _credited_attribution(credit, item, attribution)
    if attribution["source"] or attribution["organization"]:
        # The kind of source follows the names that stand, whoever wrote them, with an
        # acronym read as the article spells it out ("AFP" for the Armed Forces of the Philippines).
        source, organization = (_spelled_out(attribution[k], text) for k in ("source", "organization"))
        basis = "inferred" if credit is None else "stated"
        attribution = {**attribution, "kind": source_kind(source, organization), "basis": basis, "rule": rule}
    elif attribution["kind"] != "anonymous":
        attribution = {**attribution, "kind": "unattributed", "basis": None}  # no name left to credit
    else:  # an unnamed source: stated if the text's words describe it ("officials said")
        attribution = {**attribution, "basis": None if credit is None else "stated", "rule": rule}
    corrected: dict[str, Any] = {"attribution": attribution}
    hedge = hedge_of(passage, item.count) if item.count is not None else None
    if hedge is not None:
        corrected["qualifier"] = hedge
    governed = status_from_verb(passage, item.figures()[0])  # "300 soldiers surrendered", "45 were captured"
    status = governed.status if governed is not None else casualty_status(passage, item.figures()[0], item.status)
    if governed is not None:
        status = None if status == item.status else status
    elif status is None and item.status in ("killed", "wounded", "casualties") and not counts_losses(passage):
        # A loss needs a word of loss: "had about 50,000 mercenaries in Ukraine" is not one.
        status = status_from_text(passage, item.figures()[0], "other") or "other"
    elif status is None and item.status not in ("killed", "wounded", "casualties"):
        status = status_from_text(passage, item.figures()[0], item.status)
        if status is None and item.status in ("expected", "planned") and not speaks_of_the_future(passage):
            status = "deployed"  # "the most recent estimate of 150,000 troops": nothing is to come
    if status is not None:
        corrected["status"] = status
    return corrected, [*dropped, *replaced]


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
        if re.search(rf"\b{m.group('acronym')}\b", name) and not is_outlet(m.group("long")):
            name = re.sub(rf"\b{m.group('acronym')}\b", m.group("long"), name)
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


def _named_nearby(
    text: str,
    spans: list[tuple[int, int]],
    item: TroopEstimate,
    span: tuple[int, int],
    attribution: dict[str, Any],
) -> tuple[dict[str, Any], list[UnverifiedItem]]:
    """When the sentence has no attribution the tool can read, the model's source stands
    only if the sentence, or the one before, names it: a headline stating a figure is the
    outlet's own statement, not whoever the model found elsewhere in the article."""
    given = [n for n in (attribution["source"], attribution["organization"], attribution["via"]) if n]
    if not given:
        return attribution, []
    at = next((i for i, (a, b) in enumerate(spans) if a <= span[0] < b), None)
    if at is None:
        return attribution, []
    nearby = text[spans[at - 1][0] if at else spans[at][0] : spans[at][1]]
    sentence = text[spans[at][0] : spans[at][1]]
    roles = {_role(g, sentence) for g in given}
    if roles == {None} and all(_only_whose(g, sentence, nearby) for g in given):
        roles = {"whose"}
    role = roles.pop() if len(roles) == 1 else None
    if any(names(g, nearby) for g in given) and role is None:
        return attribution, []
    said = " / ".join(given)
    if role is None:
        reason = f"neither this sentence nor the one before names {said}; the figure is kept as unattributed"
    else:
        reason = (
            f"{said} {_ROLES[role]} in the sentence; nothing says {said} gave the figure, so it is kept as unattributed"
        )
    note = UnverifiedItem(
        kind="attribution", item={"figure": item.figures(), "source": said, "quote": item.quote}, reason=reason
    )
    return {"source": None, "organization": None, "kind": "unattributed", "via": None}, [note]


_BODY_NOUNS = frozenset(
    [
        "mission",
        "operation",
        "force",
        "forces",
        "army",
        "military",
        "government",
        "administration",
        "regime",
        "troops",
        "contingent",
    ]
)


def _mentions(name: str, sentence: str) -> list[re.Match[str]]:
    """Where ``sentence`` names ``name``: as written, else as the model may have
    respelled it ("Russia Federation" for "Russian Federation": each word's stem), else
    by its leading proper words alone ("MSS mission" for "the MSS")."""
    found = list(re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", sentence, re.IGNORECASE))
    words = name.split()
    proper = list(itertools.takewhile(lambda w: w[:1].isupper(), words))
    # only a body's own generic noun may go: "US officials" are not the US
    generic = all(w.lower() in _BODY_NOUNS for w in words[len(proper) :])
    for variant in (words, proper if len(proper) < len(words) and generic else []):
        if found or not variant:
            break
        stems = [re.escape(w[:5]) + r"\w*" if len(w) > 5 else re.escape(w) for w in variant]
        pattern = r"\s+".join(stems)
        found = list(re.finditer(rf"(?<!\w){pattern}(?!\w)", sentence, re.IGNORECASE))
    return found


def _only_whose(name: str, sentence: str, nearby: str) -> bool:
    """Whether the figure's sentence (and the one before, if it names them at all) names
    ``name`` only as the nationality of the people counted: "400 Kenyan police officers"
    credited to Kenya."""
    before = nearby[: max(0, len(nearby) - len(sentence))]
    is_name = lambda words: same_entity(words, name)  # noqa: E731
    return only_as_nationality(sentence, is_name) and (not names(name, before) or only_as_nationality(before, is_name))


_ROLES = {
    "suffered": "suffered these losses",
    "did": "is who acted",
    "place": "is a place",
    "whose": "is named only as whose troops they are",  # "400 Kenyan police officers": Kenya's, not its word
}


def _role(name: str, sentence: str) -> str | None:
    """What ``name`` is in a sentence that credits nobody, when it is not who gave the
    figure: who suffered the losses ("The Wagner Group mercenaries likely suffered
    approximately 40,000 wounded"), who did what the sentence tells ("Venezuela has
    lodged a protest ..., mobilized 15,000 troops"), or where ("about 5,000 additional
    personnel operate from bases in Puerto Rico")."""
    mentions = _mentions(name, sentence)
    if not mentions:
        return None
    if any(_LOSS_AFTER.match(sentence, m.end()) for m in mentions):
        return "suffered"
    doer = [_DOER_AFTER.match(sentence, m.end()) for m in mentions]
    if all(d is not None and d.group("verb").lower() not in _SAYING for d in doer):
        return "did"
    if all(_HOLDS_AFTER.match(sentence, m.end()) for m in mentions):
        return "did"  # "Russia has 80,000 troops in Chechnya": whose they are
    if all(_PLACE_BEFORE.search(sentence, 0, m.start()) for m in mentions):
        return "place"
    return None


_SAYING = frozenset(VERBS_OF_SAYING.split("|")) | {"expected", "thought"}
_DOER_AFTER = re.compile(
    # "The UN Security Council at the end of September approved ..."
    r"(?:\s+(?:at|on|in|during|after|earlier|last|this)\b(?:\s+[\w-]+){1,5}?)?"
    r"\s+(?:(?:has|have|had|also|already|now|reportedly|recently|then)\s+)*"
    r"(?P<verb>[a-z]+ed|sent|built|kept|held|began|took|brought|led|fought|won|struck|withdrew|drew|put|spent)\b"
)
_HOLDS_AFTER = re.compile(
    r"\s+(?:now\s+|still\s+|currently\s+)?(?:has|have|had|maintains|keeps|fields|stations)\s+"
    r"(?:(?:about|some|around|nearly|roughly|an\s+estimated|more\s+than|over|up\s+to|at\s+least)\s+)?\d"
)
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|from|into|across|throughout|inside|outside|around)\s+(?:the\s+)?$")


_LOSS_AFTER = re.compile(
    r"(?:[’']s?)?\s+(?:[\w-]+\s+){0,2}?(?:(?:has|have|had|likely|reportedly|also|already|now)\s+)*"
    r"(?:suffered|lost|sustained|incurred)\b",
    re.IGNORECASE,
)


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

"""Read from the article who it credits a troop figure to: the text forms.

Small models attach figures to whoever is named nearby: in "Zelensky claimed troops
would be on the battlefield, while South Korean intelligence noted that over 3,000 had
arrived", a 1.5B model credits the 3,000 to Zelensky. News copy marks attribution with
a few fixed forms. Each credit records the form that read it (``Credit.rule``), and
``make eval`` prints each form's credits right on dev and held-out:

- ``text.quote-speaker``: a figure inside a quotation is its speaker's ('"Almost 100,000
  soldiers are on the border," said Andriy Parubiy');
- ``text.speech-subject``: "X said / reported / noted ... that ... 10,000" (the nearest
  such verb before the figure decides; an earlier one is the go-between: "Park Sun-won
  said the NIS revealed that 3,000 ..." is the NIS, via Park Sun-won); a time phrase
  between subject and verb is skipped, and a headline's capitalised verb counts;
- ``text.said-after``: "... 10,000 troops ..., the US Pentagon has said.";
- ``text.headline``: "IDF: Israel Has Killed 8,000 ...", "... near Ukraine: Kiev official";
- across sentences: ``text.stated-after`` ("This was stated by X."),
  ``text.quote-closed-after`` / ``text.quote-closed-later`` (a quotation whose speaker
  is named where it closes).

A pronoun ("He previously said ...") is the person the sentences before credit; a news
outlet that only relays ("according to AFP") is the go-between when the sentence also
names who spoke. A subject with no proper name ("Recent reports indicate that around
3,000") means the article names nobody. The parse table of :mod:`summarizer.text.credit`
reads a figure's own sentence before these forms; the forms here answer where the parser
breaks the sentence, and for the sentences around it. Forms that decided two figures or
fewer on dev and seeds, or were below 0.9 right held out, were pruned (see
docs/evaluation.md): citing-after, quoting-after and document-subject went when the
parse rows took their cases; according-to, according-after (the parse's "according to"
object reads both) and estimates-before (a hedged estimate taking the credit of the
sentence before: 4 of 6 right on dev, 0 of 1 held out) went next.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import replace

from summarizer.text.analysis import analyse
from summarizer.text.numbers import stated_spans
from summarizer.text.sentences import ends_a_sentence
from summarizer.text.sources import (
    ANAPHOR,
    BODY_WORD,
    OUTLET,
    Credit,
    according_source,
    credit_of,
    describe,
    document_owner,
    is_named,
)
from summarizer.text.speech import (
    SPEECH_CUE,
    claims_an_attack,
    disagrees,
    first_person,
    headline_verb,
    noun_use,
    person_meant,
    pronoun_in_clause,
    pronoun_subject,
    resolve_pronoun,
    speech_cues,
    subject_before,
    subject_phrase,
    unclosed_appositive,
)
from summarizer.text.vocabulary import (
    AUXILIARIES,
    MONTH_ALTERNATION,
    TITLES,
    VERBS_OF_SAYING,
    closing_quote,
)

# A time phrase between a subject and its verb: "The Pentagon on Thursday admitted".
_DAYS = "|".join(calendar.day_name)
_MONTH_OR_DAY = f"(?:{MONTH_ALTERNATION}|{_DAYS})"
_TIME_BEFORE_VERB = re.compile(
    rf"(?:,?\s+(?:on|last|this|earlier|late|in)\s+(?:{_MONTH_OR_DAY}\.?(?:\s+\d{{1,2}})?|week|month|year|"
    rf"this\s+(?:week|month)|a\s+statement|a\s+briefing)|,?\s+(?:{_DAYS}|yesterday|today)|"
    # "Hezbollah in a new Wednesday statement claims": where it was said, not who
    r",?\s+(?:in|on|via)\s+(?:a|an|its|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:statement|briefing|interview|post|"
    r"message|video|speech|letter|tweet|press\s+(?:release|conference)))+\s*$"
)
_RELAYED = re.compile(
    rf"(?:,\s*)?\b(?:according\s+to|told|(?:confirmed|said|spoke|speaking|described|explained)\s+to|quoted\s+by|cited\s+by|reported\s+by|in\s+an\s+interview\s+with)\s+"
    rf"(?:the\s+)?(?P<outlet>{OUTLET.pattern}(?:\s+outlet)?)",
)
# What may follow "X said" at the end of a sentence: when ("earlier", "on Friday"), where
# or how ("during a briefing at Qayyarah airfield"), to whom ("told a Senate subcommittee").
_SAID_TAIL = (
    r"(?:\s+(?:reporters|journalists|earlier|later|again|today|yesterday|tonight|overnight|"
    r"\w+day(?:\s+(?:morning|afternoon|evening|night))?|(?:on|last|this)\s+\w+|"
    r"(?:in|at|during|after|before|from|on|via|by|to|through|over)\s+[^,;\"“”]{1,70}?))*"
)
_TRAILING = re.compile(
    rf",(?!\d)\s*(?P<name>[^,]+?)(?<!\bthe)(?<!\ba)(?<!\ban)(?<!\bits)(?<!\btheir)\s+{AUXILIARIES}(?:(?:{VERBS_OF_SAYING}){_SAID_TAIL}|told\s+[^,;\"“”]{{1,70}}?)\W*$"
)
# "..., a top official said Thursday, but others say ...", "..., Robert O'Brien said on
# Wednesday, offering ...": a speaker clause that another clause follows.
_TRAILING_CLAUSE = re.compile(
    rf",(?!\d)\s*(?P<name>[^,;]+?)\s+{AUXILIARIES}(?:{VERBS_OF_SAYING})(?:\s+(?:on\s+)?\w+day)?"
    rf"(?:\s*,\s*(?:but|while|and|as|though|a|an|the|[a-z]+ing|(?={OUTLET.pattern}))|"
    # "..., the military said yesterday as government troops continue ...": no comma
    rf"\s+(?:as|while|after|amid|when|because|before)\s)\b"
)


def _as(rule: str, credit: Credit | None) -> Credit | None:
    """``credit`` recorded as read by the form ``rule`` (None stays None)."""
    return None if credit is None else replace(credit, rule=rule)


# Who a sentence credits a figure in it to, by its own words: (text, the sentence spans,
# the sentence's index, the figure's offsets in it, the figure) -> a credit or None.
InSentence = Callable[[str, list[tuple[int, int]], int, int, int, int], "Credit | None"]


def _text_forms(
    text: str, spans: list[tuple[int, int]], i: int, fig_start: int, fig_end: int, figure: int
) -> Credit | None:
    return credit_in(text[spans[i][0] : spans[i][1]], fig_start, fig_end, _sentence_at(text, spans, i - 1))


def credit_for(
    text: str,
    start: int,
    end: int,
    figure: int,
    *,
    spans: list[tuple[int, int]] | None = None,
    in_sentence: InSentence = _text_forms,
) -> Credit | None:
    """The credit the article gives ``figure`` stated within ``text[start:end]``
    (``spans``: the text's sentence spans, when the caller has them already;
    ``in_sentence``: what reads the credit the figure's own sentence gives, before the
    forms that look at the sentences around it)."""
    spans = list(analyse(text).spans) if spans is None else spans
    for i, (s, e) in enumerate(spans):
        if s <= start < e or (start <= s < end):
            sentence = text[s:e]
            hits = [p for p in stated_spans(sentence, figure) if s + p[0] >= start - 1]
            hits = hits or stated_spans(sentence, figure)
            if not hits:
                continue
            credit = in_sentence(text, spans, i, hits[0][0], hits[0][1], figure)
            if credit is None and i + 1 < len(spans):
                following = _sentence_at(text, spans, i + 1)
                credit = _as("text.stated-after", _stated_after(following)) or _as(
                    "text.quote-closed-after", _quote_closed_after(sentence, hits[0][1], following)
                )
            if credit is None:
                credit = _as("text.quote-closed-later", _quote_closed_later(text, spans, i, s + hits[0][1]))
            if credit is not None and credit.anaphor:
                fallback = credit_of(credit.anaphor, None, resolve=False)
                resolved = _antecedent(text, spans, i, person=credit.anaphor)
                credit = replace(resolved or fallback, rule=credit.rule)
            return credit
    return None


def _sentence_at(text: str, spans: list[tuple[int, int]], j: int) -> str:
    """Sentence ``j`` of ``text``; "" before the first or after the last."""
    return text[spans[j][0] : spans[j][1]] if 0 <= j < len(spans) else ""


def _antecedent(text: str, spans: list[tuple[int, int]], i: int, person: str | None = None) -> Credit | None:
    """The speaker of the nearest of the three sentences before sentence ``i`` that
    names one: who "he" or "the statement" in sentence ``i`` is. For "he" or "she"
    (``person``), a sentence with no verb of saying names them by its first person:
    "Colonel Amir Tahir spoke in Kano. He said ..." """
    before = subject_before(_sentence_at(text, spans, i - 1), person or "") if i > 0 else None
    if before is not None:
        return credit_of(before, None)
    for j in range(i - 1, max(i - 4, -1), -1):
        sentence = _sentence_at(text, spans, j)
        # The subject of the sentence's first verb of saying ("The president said
        # assertions from the Kremlin that ..." is the president's, not the Kremlin's) ...
        for m in speech_cues(sentence):
            found = subject_phrase(sentence[: m.start()]) or pronoun_subject(sentence[: m.start()])
            if found is None:
                continue
            if disagrees(person or "", found[1]):
                break  # "they" and "it" are no one person: look further back
            if not ANAPHOR.match(found[1]) and (is_named(found[1]) or describe(found[1])):
                return credit_of(person_meant(person or "", found[1], sentence), None)
            break
        else:
            # ... or a form after everything ("..., said a ministry statement."), or one
            # before it ("According to an official statement by the interior ministry, ...").
            previous = _sentence_at(text, spans, j - 1)
            according = _according_credit(sentence)
            if according is not None:
                return according
            for at in (0, len(sentence)):
                credit = credit_in(sentence, at, at, previous)
                if credit is not None and (credit.name or credit.descriptor):
                    return credit
            named = first_person(sentence) if person and person.lower() in ("he", "she") else None
            if named is not None:
                return credit_of(named, None)
    return None


def _according_credit(sentence: str) -> Credit | None:
    """The credit of the sentence's one "according to" phrase, read from the parse."""
    according = according_source(sentence)
    return credit_of(according, None) if according is not None else None


def sentence_speakers(sentence: str, previous: str = "") -> list[str]:
    """Who ``sentence`` says is speaking, in order, when it names them: the speaker
    after its quotation ('..." Kirby said Friday'), the subjects of its verbs of saying
    ("Russia has insisted ..., while President Biden has warned ..."), or a form after
    everything ("..., said Defence Minister X"). Empty when it names nobody."""
    credits: list[Credit | None] = []
    closing = max(sentence.rfind('"'), sentence.rfind("”"))
    if closing != -1:
        credits.append(_speaker_after_quote(sentence[closing + 1 :], previous))
    for m in speech_cues(sentence):
        found = subject_phrase(sentence[: m.start()])
        quoted = found is not None and (
            _inside_quotation(sentence, found[0])
            or re.match(r"\W*[\"”]", sentence[found[0] + len(found[1]) : m.start()]) is not None
        )  # '"... of Kharkiv, Donetsk," said X': the end of a quotation, not who speaks
        if found is not None and not quoted:
            credits.append(credit_of(resolve_pronoun(found[1], previous), None))
    if not any(c is not None and c.name for c in credits):
        credits.append(_according_credit(sentence) or credit_in(sentence, 0, 0, previous))
    out: list[str] = []
    for credit in credits:
        if credit is not None and credit.name and (credit.person or credit.name) not in out:
            out.append(credit.person or credit.name)
    return out


def _inside_quotation(sentence: str, at: int) -> bool:
    """ "'Hezbollah is hiding casualties,' he said": words inside a quotation are its
    speaker's, and the subject before them there is who they are about."""
    return open_quotation(sentence[:at]) is not None


def open_quotation(text: str) -> int | None:
    """Where the quotation still open at the end of ``text`` starts (a curly opening mark
    with no closing one after it, or the last of an odd number of straight marks); None
    when every quotation is closed."""
    opened = text.rfind("“")
    if opened != -1 and "”" not in text[opened:]:
        return opened
    return text.rfind('"') if text.count('"') % 2 == 1 else None


# "This was stated by Pentagon representative John Kirby, quoted by the BBC.", "The
# sharply revised death toll was issued Wednesday by Armenian Health Minister Arsen
# Torosian.": the sentence after a figure credits it.
_STATED_BY = re.compile(
    r"^(?:This|That|It|These\s+(?:figures|numbers)|The\s+(?:[\w-]+\s+){0,2}?(?:figures?|numbers?|toll|tally|count|"
    r"estimates?))\s+(?:was|were|has\s+been|had\s+been)\s+"
    rf"(?:{VERBS_OF_SAYING}|issued|released|given|provided|published)\s+(?:(?:on\s+)?\w+day\s+)?by\s+(?P<name>[^,;.]+?)\s*"
    r"(?:,\s*(?:quoted|cited)\s+by\s+(?P<via>[^,;.]+?))?\s*[,;.]"
)


def _quote_closed_after(sentence: str, fig_end: int, following: str) -> Credit | None:
    """A quotation that holds the figure and closes only in the next sentence
    ('"... there were over 10,000 troops. As of today ...," O'Brien said.'): its speaker."""
    opened = max(sentence.rfind("“", 0, fig_end), sentence.rfind('"', 0, fig_end))
    if (
        opened == -1
        or closing_quote(sentence[opened + 1 :]) is not None
        or (sentence.count('"') % 2 == 0 and "“" not in sentence)
    ):
        return None
    closing = closing_quote(following)
    return _speaker_after_quote(following[closing:], "") if closing is not None else None


def _quote_closed_later(text: str, spans: list[tuple[int, int]], i: int, at: int) -> Credit | None:
    """A figure inside a quotation that runs on for sentences ('"Based on the commander's
    estimate, ... So maybe their forces are down to between 20 and 40. The force is
    getting smaller," Padilla said.'): the speaker named after it closes, up to three
    sentences on."""
    before = text[spans[max(i - 3, 0)][0] : at]
    if not _inside_quotation(before, len(before)):
        return None
    for j in range(i, min(i + 4, len(spans))):
        start = at if j == i else spans[j][0]
        closing = closing_quote(text[start : spans[j][1]])
        if closing is not None:
            return _speaker_after_quote(text[start + closing : spans[j][1]], "")
    return None


def _stated_after(following: str) -> Credit | None:
    stated = _STATED_BY.match(following.strip())
    if stated is not None:
        return credit_of(stated.group("name"), stated.group("via"))
    # "Wagner's boss, Yevgeny Prigozhin, said this, adding ...", "Col. X said the fresh number of
    # casualty brought the toll to 155": whose the sentence before was.
    this = _SAID_THIS.search(following)
    found = subject_phrase(following[: this.start()]) if this else None
    if found is None or not is_named(found[1]):
        return None
    return credit_of(found[1], None)


_SAID_THIS = re.compile(
    r"\b(?:said|stated|announced|claimed|wrote|disclosed|revealed)\s+(?:this|so|as\s+much|(?:that\s+)?the\s+"
    r"(?:fresh|new|latest|updated|revised|additional)\s+(?:number|toll|tally|count|figures?|casualt\w+|deaths?))\b"
)


def credit_in(sentence: str, fig_start: int, fig_end: int, previous: str) -> Credit | None:
    credit = _credit_by_form(sentence, fig_start, fig_end, previous)
    if credit is None or credit.name is None:
        return credit
    return replace(outlet_as_go_between(sentence, credit, previous), rule=credit.rule)


def _credit_by_form(sentence: str, fig_start: int, fig_end: int, previous: str) -> Credit | None:
    after = sentence[fig_end:]
    quoted = _quoted_speaker(sentence, fig_start, fig_end, previous)
    if quoted is not None:
        return _as("text.quote-speaker", quoted)
    before = sentence[:fig_start]
    # (where the subject starts, where its verb ends, the subject, the form that found it)
    cues: list[tuple[int, int, str, str]] = []
    last = None  # the subject of the verb before: "X claimed responsibility ... and claimed to have killed 173"
    for m in SPEECH_CUE.finditer(before):
        if noun_use(before, m) or headline_verb(m, sentence):
            continue
        head = re.sub(
            r"(?:\b(?:[a-z]+ly|also|later|then|again)\s+)+$", "", before[: m.start()]
        )  # "initially estimated"
        time = _TIME_BEFORE_VERB.search(head)
        head = head[: time.start()] if time else head
        found = subject_phrase(head) or unclosed_appositive(head) or pronoun_in_clause(head)
        if found is None and last is not None and re.search(r"\band\s*$", head):
            found = last
        if found is None:
            continue
        last = found
        if found[1].strip().lower() in ("we", "i"):
            continue  # "We believe that 15-20 Maoists ...": the quotation's speaker, read after
        if not claims_an_attack(before, m):
            cues.append((found[0], m.end(), document_owner(found[1]) or found[1], "text.speech-subject"))
    cues.sort()
    if not cues:
        trailing = _TRAILING_CLAUSE.search(after) or _TRAILING.search(after) or _SAID_NAME_AFTER.search(after)
        if trailing is not None:
            name = _titled_after_name(after[: trailing.start()], trailing.group("name"))
            return _as("text.said-after", credit_of(document_owner(name) or resolve_pronoun(name, previous), None))
        return _as("text.headline", _headline_credit(sentence, fig_start))
    start, _, origin, rule = cues[-1]
    via = None
    if len(cues) > 1:
        # "Park Sun-won said the NIS revealed that ...": a go-between only when the
        # earlier verb introduces the later speaker directly, not a separate clause.
        _, verb_end, relay, _ = cues[-2]
        if len(before[verb_end:start].split()) <= 2 and not re.search(r"[,;]", before[verb_end:start]):
            resolved = resolve_pronoun(relay, previous)
            via = None if resolved is None or ANAPHOR.match(resolved) else resolved
            if via is not None and is_named(via) and not is_named(origin):
                # "A senior NATO military officer says the alliance estimates ...": the
                # body left unnamed is the one its named speaker speaks for.
                origin, via = via, None
    return _as(rule, credit_of(resolve_pronoun(origin, previous), via))


# Headline style: "IDF: Israel Has Killed 8,000 ...", "Almost 100,000 Russian troops near
# Ukraine: Kiev official". Only in a line without a full stop, with a short name.
_HEADLINE_BY = re.compile(
    r"^(?P<name>(?:[A-Z][\w.’'&-]*\s+){0,3}(?:[A-Z][\w.’'&-]*|officials|sources|military|army|police|government|"
    r"ministry))\s*:\s+\S"
)
_HEADLINE_FROM = re.compile(r":\s*(?P<name>[A-Za-z][\w.’'-]*(?:\s+[A-Za-z][\w.’'-]*){0,3})\s*$")
_NOT_A_SOURCE = re.compile(
    r"^(?:breaking|update|updates|live|exclusive|watch|analysis|opinion|explainer|video|photos|news|editorial|"
    r"timeline|factbox|fact\s+check|q&a|monitors?)\b",  # "Monitor: 74 killed": the body says whose
    re.IGNORECASE,
)


def _headline_credit(sentence: str, fig_start: int) -> Credit | None:
    """Who a headline credits with a colon, before or after the figure."""
    line = sentence.strip()
    if not line or ends_a_sentence(line) or "\n" in line:
        return None
    head = _HEADLINE_BY.match(line)
    if head is not None and sentence.find(head.group("name")) + len(head.group("name")) <= fig_start:
        name = head.group("name")
    else:
        tail = _HEADLINE_FROM.search(line)
        if tail is None or sentence.rfind(":") < fig_start:
            return None
        name = tail.group("name")
    return None if _NOT_A_SOURCE.match(name) else credit_of(name, None)


_FULL_NAME = re.compile(r"\b[A-Z][\w’'.-]+\s+[A-Z][\w’'-]+\s*$")
_PREPOSITION = re.compile(r"^(?:in|at|on|from|to|of|for|with|near|by)\b", re.IGNORECASE)
# "..., said Michael Carpenter, the permanent U.S. representative ...": speaker after the verb.
_SAID_NAME_AFTER = re.compile(
    rf",(?!\d)\s*(?:{VERBS_OF_SAYING})\s+(?P<name>(?:[A-Z]|(?:an?|the)\s+\w)"
    # a name, not the clause said ("..., said the estimate of the number killed is based on ...")
    r"(?:(?!\b(?:is|are|was|were|has|have|had|will|would|could|may|might)\b)[^,;.])*?)\s*(?:[,;.]|$"
    # "..., says Armenian PM Nikol Pashinyan after deadly border clash": the name ends at the clause after it
    r"|\s(?=(?:after|amid|following|during|while|when|before|despite|as|over)\s))"
)


def _titled_after_name(before: str, name: str) -> str:
    """ "..., Maj. Pinar Kara, spokesperson for the Defense Ministry told reporters": a
    speaker phrase that is only a title goes with the name in the comma segment before it."""
    words = name.split()
    if not words or words[0].lower() not in TITLES:
        return name
    m = re.search(r",\s*((?:[A-Z][\w.’'-]*\s+){1,4}[A-Z][\w’'-]+)\s*$", before)
    return f"{m.group(1)}, {name}" if m else name


def _quoted_speaker(sentence: str, fig_start: int, fig_end: int, previous: str) -> Credit | None:
    """The speaker of a quotation that holds the figure, named right after it closes."""
    opened = max(sentence.rfind("“", 0, fig_start), sentence.rfind('"', 0, fig_start))
    if opened == -1 or (sentence.count('"', 0, fig_start) % 2 == 0 and "“" not in sentence[:fig_start]):
        return None
    if "”" in sentence[opened:fig_start]:
        return None
    closing = closing_quote(sentence[fig_end:])
    rest = sentence[fig_end + closing :] if closing is not None else ""
    if rest.strip(" .,;:!?\"”’'"):
        return _speaker_after_quote(rest, previous)
    return _continued_quote(sentence, opened, previous)


def _continued_quote(sentence: str, opened: int, previous: str) -> Credit | None:
    """A quotation that opens the sentence and is never closed in it goes on from the
    sentence before ('"...," an official told the outlet. "The plans involve 175,000
    ...'): the speaker named after that sentence's quotation."""
    if sentence[:opened].strip():
        return None
    closing = max(previous.rfind('"'), previous.rfind("”"))
    if closing == -1:
        return None
    return _speaker_after_quote(previous[closing + 1 :], "")


def _speaker_after_quote(rest: str, previous: str) -> Credit | None:
    """The speaker named right after a quotation closes: '" said Andriy Parubiy, ...',
    '" Andriy Parubiy, chairman of ..., said', '" an administration official told ...'."""
    rest = rest.lstrip(" ,")
    verb = SPEECH_CUE.search(rest) or re.match(r"(?P<verb>read)\b", rest)  # '...," read a statement by ...'
    if verb is None or verb.start() > 120:
        return None
    if verb.start() == 0:  # '..." said Andriy Parubiy, chairman of ...', '..." said Maj. Gen. Restituto Padilla'
        who = re.split(r"[,;]|\.\s*$|\s+(?:according\s+to|via|in\s+a|on\s+[A-Z])\b", rest[verb.end() :].strip())[0]
        who = document_owner(who) or who
    else:  # '..." Andriy Parubiy, chairman of ..., said' / '..." in Gaza, spokesman Daniel Hagari told'
        parts = [s.strip() for s in re.split(r"[,;]", rest[: verb.start()]) if s.strip()]
        people = [s for s in parts if (m := _FULL_NAME.search(s)) and not BODY_WORD.search(m.group(0))]
        who = people[-1] if people else next((s for s in parts if not _PREPOSITION.match(s)), "")
    who = who.strip()
    if not who or not (is_named(who) or describe(who) or ANAPHOR.match(who)):
        return None
    return credit_of(resolve_pronoun(who, previous), None)


def outlet_as_go_between(sentence: str, credit: Credit, previous: str) -> Credit:
    """An outlet credited while someone else in the sentence spoke is the go-between."""
    assert credit.name is not None
    if not OUTLET.search(credit.name):
        relay = _RELAYED.search(sentence)
        if relay and credit.via is None:
            return Credit(
                credit.name, credit.person, credit.organization, relay.group("outlet").strip(), credit.anonymous
            )
        return credit
    spoke = [
        m for m in SPEECH_CUE.finditer(sentence) if m.group("verb").lower() not in ("reported", "reports", "report")
    ]
    for m in spoke:
        found = subject_phrase(sentence[: m.start()])
        if found and not OUTLET.search(found[1]) and is_named(found[1]):
            other = credit_of(found[1], credit.name)
            if other.name is not None:
                return other
    return credit

"""The words news copy uses around a credit, as data for text.attribution: the verbs
of saying, the words a source's name is made of, titles, and the words that start or
blur a name. Kept apart from the rules that read them so a reader sees the rules."""

from __future__ import annotations

import re

VERBS_OF_SAYING = (
    "said|says|say|reported|reports|report|noted|notes|revealed|reveals|confirmed|confirms|claimed|claims|"
    "disclosed|discloses|estimated|estimates|estimate|told|stated|states|indicated|indicates|indicate|announced|"
    "announces|accused|warned|warns|believes|believe|believed|assessed|assesses|added|wrote|informed|admitted|"
    "admits|acknowledged|acknowledges|insists|insisted|put|puts|cited|cites|detailed|details|found|finds|"
    "concluded|declared|declares|maintains|maintained|disputed|questioned|testified|"
    "briefed|explained|argued|stressed|described|characterized|characterised|counted|tallied|recorded|bared|"
    "assured|assures|asserted|asserts|affirmed|affirms|"
    "claim|confirm|reveal|insist|maintain|acknowledge|admit|announce|disclose|"
    r"pointed\s+out"
)
AUXILIARIES = r"(?:(?:has|have|had|also|previously|recently|reportedly|earlier|already|later|now|originally|first)\s+)*"
# A headline's capitalised verb ("Pentagon Reveals 2,000 Troops") is a cue too.
# Not "States" ("the United States"), "Details", "Notes": headline words as often as verbs.
HEADLINE_VERBS = "|".join(
    v.capitalize() for v in VERBS_OF_SAYING.split("|") if v not in ("states", "details", "notes", "report")
)


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def without_article(phrase: str, *, some: bool = False) -> str:
    """'the Pentagon' -> 'Pentagon' (stripped); with ``some``, 'some officials' ->
    'officials' too."""
    words = phrase.strip().split(maxsplit=1)
    articles = ("the", "a", "an", "some") if some else ("the", "a", "an")
    return words[1] if len(words) == 2 and words[0].lower() in articles else phrase.strip()


def without_possessive(word: str) -> str:
    """'Wagner's' -> 'Wagner', 'soldiers'' -> 'soldiers'."""
    for ending in ("’s", "'s", "’", "'"):
        if word.endswith(ending):
            return word[: -len(ending)]
    return word


def closing_quote(text: str) -> int | None:
    """Where the first closing quotation mark (straight or curly) in ``text`` ends."""
    found = [i for i in (text.find('"'), text.find("”")) if i != -1]
    return min(found) + 1 if found else None


def has_name_word(name: str, words: frozenset[str]) -> bool:
    """Whether one of ``name``'s capitalised words (or a phrase of them) is in ``words``,
    compared in lower case: "the Defense Ministry" holds "ministry", "the ministry" does not."""
    tokens = re.findall(r"[\w’'-]+", name)
    capitalised = [t.lower() for t in tokens if t[:1].isupper()]
    phrases = {" ".join(capitalised[i : i + 2]) for i in range(len(capitalised) - 1)}
    return bool(words & (set(capitalised) | phrases))


# Verbs that say something (lemmas): the core every reader of speech shares; the credit
# table adds the verbs that report a figure (estimate, count, find ...).
SAYING_LEMMAS = word_set("say tell report announce state claim add confirm note")
# Capitalised words and phrases that make a name a body's ("the Defense Ministry", "the
# Wagner Group", "the White House"), never a place's.
BODY_NAME_WORDS = word_set(
    "nato kremlin pentagon ministry department council agency service command forces army navy organization"
    " organisation office group committee parliament congress government administration union un eu au osce"
    " iaea icrc division brigade battalion regiment corps police mission faction movement militia"
    " university institute college party company corporation ltd inc corp plc"
) | {"white house", "united nations", "red cross", "task force"}
# Words that end a place's own name ("the Gaza Strip", "the Line of Control").
PLACE_NAME_WORDS = word_set("strip bank sea ocean lake river valley region oblast province island line")


# Month names and the abbreviations news copy writes with a full stop ("Nov. 12"); MONTHS
# holds both in lower case. Every rule that reads a date takes them from here.
MONTH_NAMES = (
    *("January", "February", "March", "April", "May", "June", "July", "August", "September", "October"),
    *("November", "December"),
)
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
MONTHS = frozenset(m.lower() for m in (*MONTH_NAMES, *MONTH_ABBREVIATIONS))
# The same as a regular-expression alternation, longest first ("January" before "Jan").
MONTH_ALTERNATION = "|".join(sorted((*MONTH_NAMES, *MONTH_ABBREVIATIONS), key=len, reverse=True))


# "the official estimate of", "reports from the front": words that are nouns as often as verbs.
NOUN_LIKE_VERBS = word_set("estimate estimates report reports claim claims notes details count counts")

# Lower-case words that can be part of a source's name: "South Korean intelligence",
# "Pentagon spokesperson Sabrina Singh", "Ukrainian officials".
NAME_WORDS = word_set(
    "intelligence military army navy police authorities officials official sources source spokesperson spokeswoman"
    " spokesman"
    " service ministry government council agency forces command chief officer officers analysts reports report of the"
    " secretary-general secretary president minister representative adviser advisor lawmaker"
    " senior administration defence defense foreign national security boss head leader founder commander"
    " press ambassador envoy aide guards governor mayor commissioner chairman chairperson"
    " statement note assessment communique communiqué release region province"
    # who else reports a count: "..., while Russian military bloggers have reported at least 20"
    " bloggers monitors observers journalists reporters experts researchers investigators diplomats lawmakers"
) | (
    # what armed groups are called: "Ethiopia's Tigray rebels", "The al-Qaeda affiliate"; the
    # last word of a body's proper name too ("Wagner Group"), so never dropped from one
    GROUP_WORDS := word_set("rebels militants insurgents separatists group affiliate faction militia movement alliance")
)
# Capitalised only because a sentence starts with them, or too vague to be a source.
GENERIC_WORDS = word_set(
    "the a an some several many recent new other western local senior top officials official sources source"
    " reports report analysts experts observers media intelligence administration unnamed authorities"
)
TITLES = word_set(
    "spokesperson spokeswoman spokesman secretary-general secretary president minister representative"
    " adviser advisor chief general lieutenant director ambassador lawmaker senator boss head leader founder"
    " envoy aide governor mayor commissioner chairman chairperson pm premier"
    " dg dgp ig igp"  # "CRPF DG R R Bhatnagar": the director general's abbreviations in South Asian copy
)
# Titles that make a capitalised name a person's ("Defense Secretary Chuck Hagel").
PERSON_TITLE_WORDS = TITLES | word_set("admiral colonel commander prime chancellor")
# Titles as the press abbreviates them before a name: "Brig. Gen.", "Rep.", "Lt. Col.".
TITLE_ABBREVIATIONS = word_set("mr mrs ms dr gen gens lt col maj brig capt sgt adm cmdr cpl pvt prof rev sen rep gov")
# A title's nationality adjective -> the country the office holder speaks for.
COUNTRY_OF = {
    "ukrainian": "Ukraine",
    "russian": "Russia",
    "us": "US",
    "u.s.": "US",
    "american": "US",
    "south korean": "South Korea",
    "north korean": "North Korea",
    "british": "UK",
    "french": "France",
    "german": "Germany",
    "chinese": "China",
    "japanese": "Japan",
    "polish": "Poland",
}

# "Western defence ministry": an adjective of nationality is no body's name.
NATIONALITY = re.compile(r"(?:ian|ean|ese|ish|can|ic)$")

# Words that open a clause before its subject: "However Burundi's army says", "Additionally, ...".
LEADING_WORDS = frozenset(
    [
        "additionally",
        "moreover",
        "furthermore",
        "separately",
        "still",
        "also",
        "instead",
        "elsewhere",
        "similarly",
        "likewise",
        "nonetheless",
        "nevertheless",
        "besides",
        "earlier",
        "later",
        "the",
        "of",
        "a",
        "an",
        "while",
        "though",
        "although",
        "as",
        "but",
        "and",
        "meanwhile",
        "however",
        "after",
        "before",
        "when",
        "if",
        "since",
        "because",
        "whereas",
        "yet",
        "so",
    ]
)

# Who is quoted without being a source: "critics say", "residents said".
CROWDS = word_set("critics residents witnesses protesters others people observers experts analysts many some")

# Words that say nothing about whose an unnamed source is: "some sources", "recent reports".
VAGUE_WORDS = frozenset(
    {"the", "a", "an", "some", "several", "many", "recent", "new", "other", "unnamed", "top", "senior"}
    | {"reports", "report", "sources", "source"}
)

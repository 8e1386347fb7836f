"""Decide when two names mean the same person, body or place.

"Mark Rutte", "Rutte", "Mr Rutte" and "NATO Secretary-General Mark Rutte" are one
person; "NIS", "South Korea's National Intelligence Service" and "South Korean
intelligence" one agency; "Kursk", "Kursk region" and "Russia's Kursk region" one
place. Two names are taken as one entity when their kinds are compatible and:

- their significant words are the same, after dropping titles and honorifics and
  reducing words to a 5-letter stem ("Korean" ~ "Korea");
- they are spelled nearly alike (rapidfuzz ratio >= 90: "Zelensky" / "Zelenskyy");
- one is a person's surname and the other that person's full name;
- one is an acronym of the other ("NIS" / "National Intelligence Service");
- one's words cover at least 60% of the other's ("South Korean intelligence" within
  "South Korea's National Intelligence Service"), but never a lone word inside a
  longer name ("Russia" is not "Russian Foreign Ministry").

Names are resolved longest first, so full names found the entities that short forms
then join; the result does not depend on the order articles are given in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

# Words that say what someone is, not who: dropped before comparing names.
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "president",
        "prime",
        "minister",
        "secretary",
        "general",
        "secretary-general",
        "spokesperson",
        "spokeswoman",
        "spokesman",
        "chief",
        "lieutenant",
        "lt",
        "gen",
        "colonel",
        "col",
        "defence",
        "defense",
        "foreign",
        "deputy",
        "principal",
        "adviser",
        "advisor",
        "national-security",
        "the",
        "of",
        "and",
        "a",
        "an",
        "us",
        "u.s.",
        "s",
        "representative",
        "rep",
        "senator",
        "sen",
        "former",
    ]
)
_GENERIC_BODIES = frozenset(["officials", "official", "authorities", "government", "sources", "group"])
_PLACE_WORDS = frozenset(["region", "oblast", "province", "city", "area", "district", "territory", "the", "of"])
_STEM = 5
_SUBSET_SHARE = 0.6
_SPELLING = 90.0


_PARENTHESES = re.compile(r"\(([^()]*)\)")


def _words(name: str) -> list[str]:
    """Lower-case words; a parenthesis ("National Intelligence Service (NIS)") is an
    alias of the name, not part of it."""
    name = re.sub(r"['’]s\b", " 's", _PARENTHESES.sub(" ", name).lower())
    # A full stop ends a sentence, not a word ("in Kyiv."); "u.s." keeps its own.
    words = (w if "." in w[:-1] else w.rstrip(".") for w in re.findall(r"[\w.-]+|'s", name))
    return [w for w in words if w.strip(".-")]


def _bracketed(name: str) -> set[str]:
    """Short forms given in parentheses: 'National Intelligence Service (NIS)' -> {'nis'}."""
    return {m.strip().lower() for m in _PARENTHESES.findall(name) if 2 <= len(m.strip()) <= 8 and " " not in m.strip()}


def _acronym_targets(words: list[str]) -> set[str]:
    """Acronyms of every trailing run of words: 'south korea national intelligence service'
    gives 'nis' among others."""
    core = [w for w in words if w not in ("of", "the", "and", "'s")]
    return {"".join(w[0] for w in core[i:]) for i in range(len(core) - 1)}


@dataclass
class Entity:
    key: str
    kind: str | None
    names: Counter[str] = field(default_factory=Counter)
    stems: set[str] = field(default_factory=set)
    surname: str | None = None
    acronyms: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        """The display name: the most used of the fullest forms."""

        # People: the shortest full name ("Mark Rutte", not "NATO Secretary-General Mark
        # Rutte"); bodies: the most complete ("National Intelligence Service", not "NIS").
        fuller = -1 if self.kind == "person" else 1

        def score(item: tuple[str, int]) -> tuple[int, int, int, int, int, str]:
            text, count = item
            n = len(_significant(text, self.kind))
            # a body's most complete name wins over a shorter form used more often
            # ("South Korea's National Intelligence Service" over "South Korean intelligence")
            complete = n if self.kind != "person" else 0
            return (min(n, 2), complete, count, fuller * n, -len(text), text)

        return max(self.names.items(), key=score)[0]

    @property
    def aliases(self) -> list[str]:
        return sorted(n for n in self.names if n != self.name)


def _significant(name: str, kind: str | None) -> list[str]:
    words = _words(name)
    if kind in ("place", "location"):
        # "Russia's Kursk region" is in Kursk: the possessor only says whose.
        if "'s" in words:
            words = words[words.index("'s") + 1 :]
        return [w for w in words if w not in _PLACE_WORDS and w != "'s"]
    kept = [w for w in words if w not in _TITLES and w != "'s"]
    # "Ukrainian officials" are Ukraine's: the generic noun says nothing about who,
    # unless it is all there is ("U.S. officials" once "U.S." is dropped).
    specific = [w for w in kept if w not in _GENERIC_BODIES]
    return specific or kept


# Last words of bodies, not of people: "Ukrainian officials" has no surname to share
# with "U.S. officials".
_NOT_SURNAMES = frozenset(
    [
        *("officials", "official", "sources", "source", "forces", "intelligence", "government", "military"),
        *("ministry", "service", "council", "agency", "command", "army", "navy", "delegation", "lawmakers"),
    ]
)


def _surname(name: str, significant: list[str]) -> str | None:
    """A person's surname: the last word of a name of two or more, written capitalised."""
    if len(significant) < 2 or significant[-1] in _NOT_SURNAMES:
        return None
    last = name.split()[-1] if name.split() else ""
    return significant[-1] if last[:1].isupper() else None


# Words whose 5-letter stem another word shares but not its meaning: the United Nations
# is not a National Security Council.
_OWN_STEM = frozenset({"nations", "national", "nationals"})


def _stems(words: Iterable[str]) -> set[str]:
    return {w if w in _OWN_STEM else w[:_STEM] for w in words}


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b or "other" in (a, b)


# Nouns that say what kind of body something is, not which: a name made of these and
# titles alone ("Defence Ministry") is named only with its titles ("the defence ministry").
_BODY_KIND = frozenset(
    [*_GENERIC_BODIES, *_NOT_SURNAMES, "department", "office", "parliament", "police", "committee", "embassy"]
)
_CASED_WORD = re.compile(r"[\w.-]+")


def names(name: str, text: str) -> bool:
    """Whether ``text`` names ``name``: the whole name; or every significant word of it
    (titles aside; 5-letter stems, so "Korean" ~ "Korea", but a stem alone must be
    written as a name, capitalised: "fabricated" does not name "Fabrication"); or its
    acronym ("NIS" / "National Intelligence Service", either way round). A common noun
    shared with the text never names on its own: "Ministry of Fabrication" is not named
    by "the ministry", and "Defence Ministry" only by a text that says "defence"."""
    if not name.strip():
        return False
    whole = rf"(?<![\w-]){re.escape(' '.join(name.split()))}(?![\w-])"  # "Syria-Turkey" is one word, as in _words
    if re.search(whole, " ".join(text.split()), re.IGNORECASE):
        return True
    significant = _significant(name, None)
    generic = not significant or all(w in _BODY_KIND for w in significant)
    if generic:
        significant = [w for w in _words(name) if w not in _HONORIFICS]
    # Initials name nobody on their own: "U. S." as a model spaced "U.S.", the "O" of "O'Brien".
    significant = [w for w in significant if len(w.strip(".")) > 1] or significant
    cased = [w for w in (w.strip(".-") for w in _CASED_WORD.findall(text)) if w]
    if generic:
        # Kind words and titles name a body only together ("the defence ministry", "Ministry
        # of Defence"), not gathered from different names across the text.
        reach = len(significant) + 2
        windows = (cased[i : i + reach] for i in range(max(1, len(cased) - reach + 1)))
        return bool(significant) and any(_all_named(significant, window) for window in windows)
    return _all_named(significant, cased) or _acronym_of(name, significant, cased)


def _all_named(words: list[str], cased: list[str]) -> bool:
    lower = {w.lower() for w in cased}
    proper = {w.lower()[:_STEM] for w in cased if w[:1].isupper() and len(w) >= _STEM}
    return bool(words) and all(_named_word(w, lower, proper) for w in words)


_HONORIFICS = frozenset(["mr", "mrs", "ms", "dr", "sir", "the", "of", "and", "a", "an", "'s"])


def _named_word(word: str, lower: set[str], proper: set[str]) -> bool:
    """One word of a name in a text: as written, plural or singular, or by its stem in a
    capitalised word."""
    bare = word.replace(".", "")
    if word in lower or bare in lower or f"{word}s" in lower or f"{word}es" in lower:
        return True
    if word.endswith("s") and word[:-1] in lower:
        return True
    return len(word) >= _STEM and word[:_STEM] in proper


def _acronym_of(name: str, significant: list[str], cased: list[str]) -> bool:
    """An acronym named by the capitalised words it stands for ("National Intelligence
    Service", not "no immediate sign"), or a name named by its acronym in capitals."""
    if len(significant) == 1 and " " not in name.strip():
        runs = _acronym_targets_anywhere([w.lower() for w in cased if w[:1].isupper()])
        return len(significant[0]) >= 2 and significant[0] in runs
    if len(significant) >= 2:
        initials = "".join(w[0] for w in significant)
        return any(w.isupper() and w.lower() == initials for w in cased)
    return False


def as_written(name: str, text: str) -> str:
    """``name`` as ``text`` spells it ("john kirby" -> "John Kirby"), or unchanged when the
    text does not hold it whole."""
    if name in text:
        return name
    written = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
    return written.group(0) if written else name


def _acronym_targets_anywhere(words: list[str]) -> set[str]:
    """Acronyms of every run of 2-5 words in ``words``."""
    core = [w for w in words if w not in ("of", "the", "and", "'s")]
    return {"".join(w[0] for w in core[i:j]) for i in range(len(core)) for j in range(i + 2, min(i + 6, len(core) + 1))}


class AliasResolver:
    """Assigns every name a stable entity key; names of one entity share the key."""

    def __init__(self, prefix: str = "E") -> None:
        self._prefix = prefix
        self.entities: list[Entity] = []

    def resolve_all(self, names: Iterable[tuple[str, str | None]]) -> dict[tuple[str, str | None], Entity]:
        """Resolve (name, kind) pairs, fullest names first; returns each pair's entity."""
        pairs = sorted(set(names), key=lambda p: (-len(_significant(p[0], p[1])), p[0].lower(), p[1] or ""))
        return {pair: self.resolve(*pair) for pair in pairs}

    def resolve(self, name: str, kind: str | None = None) -> Entity:
        name = " ".join(name.split())
        significant = _significant(name, kind)
        for entity in self.entities:
            if _compatible(entity.kind, kind) and self._same(entity, name, significant, kind):
                self._add(entity, name, significant, kind)
                return entity
        entity = Entity(key=f"{self._prefix}{len(self.entities) + 1}", kind=kind)
        self._add(entity, name, significant, kind)
        self.entities.append(entity)
        return entity

    def find(self, name: str, kind: str | None = None) -> Entity | None:
        """The entity ``name`` belongs to, without creating one."""
        significant = _significant(" ".join(name.split()), kind)
        for entity in self.entities:
            if _compatible(entity.kind, kind) and self._same(entity, name, significant, kind):
                return entity
        return None

    @staticmethod
    def _add(entity: Entity, name: str, significant: list[str], kind: str | None) -> None:
        entity.names[name] += 1
        if entity.kind is None and kind is not None:
            entity.kind = kind
        if not significant:
            return
        entity.acronyms |= _bracketed(name)
        if not entity.stems:
            entity.stems = _stems(significant)
            entity.surname = _surname(name, significant)
            entity.acronyms |= _acronym_targets(_words(name))
        elif entity.surname is None:
            entity.surname = _surname(name, significant)

    @staticmethod
    def _same(entity: Entity, name: str, significant: list[str], kind: str | None) -> bool:
        if not significant or not entity.stems:
            return any(name.lower() == n.lower() for n in entity.names)
        stems = _stems(significant)
        if stems == entity.stems:
            return True
        if any(fuzz.ratio(name.lower(), known.lower()) >= _SPELLING for known in entity.names):
            return True
        if len(significant) == 1:
            word = significant[0]
            if entity.kind in (None, "person") and kind in (None, "person") and word == entity.surname:
                return True
            return len(word) >= 2 and word in entity.acronyms
        small, big = sorted((stems, entity.stems), key=len)
        return small <= big and len(small) / len(big) >= _SUBSET_SHARE


def same_entity(a: str, b: str, kind: str | None = None) -> bool:
    """Whether two names are one person, body or place (``kind="place"`` for places)
    under the rules above, judged on these two names alone."""
    if a.casefold() == b.casefold():
        return True
    pairs = [(a, kind), (b, kind)]
    found = AliasResolver().resolve_all(pairs)
    return found[pairs[0]] is found[pairs[1]]

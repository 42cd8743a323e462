"""Generic source words: the words of a speaker phrase that type an unnamed source ('a district commissioner'
-> government, 'a tribal figure' -> activists, 'the Islamist group' -> a claim), read once from
data/dictionaries/source_words.csv (columns word, source_type, note; a note on every row).

A named source (data/dictionaries/sources.csv) or a named actor always wins over these words; they are the last
resort of helpers.annotate.sources.resolve_speaker. When no word types the phrase, a capitalised body's name types it by
its head noun (data/dictionaries/organisation_heads.csv: 'the National Disaster Management Agency', 'the Office of the
Prosecutor' -> government; 'Sahel Watch' -> monitor), so that a body of any country is typed by the form of its name. The types are tried in a fixed order, most specific first:
a 'human rights official' is a monitor's. Joint speakers ('residents and officials') are settled before these
words are read, by sources._joint_speaker (officials before local voices).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from helpers.paths import DATA_DIR
from helpers.word_lists import read_word_list

SOURCE_WORDS_PATH = DATA_DIR / "dictionaries" / "source_words.csv"
# The order the types are tried in: most specific first.
SOURCE_WORD_TYPES = ("monitor", "perpetrator_claim", "activists", "government", "media")
ORGANISATION_HEADS_PATH = DATA_DIR / "dictionaries" / "organisation_heads.csv"


@lru_cache(maxsize=2)
def source_word_rules(path: str | None = None) -> tuple[tuple[re.Pattern, str], ...]:
    """Return (pattern, source_type) pairs in SOURCE_WORD_TYPES order; a word matches whole, with or without a
    plural 's' ('official' matches 'officials')."""
    frame = read_word_list(Path(path) if path else SOURCE_WORDS_PATH, ["word", "source_type", "note"],
                                 "source_type", SOURCE_WORD_TYPES)
    rules = []
    for source_type in SOURCE_WORD_TYPES:
        words = sorted(frame.loc[frame["source_type"] == source_type, "word"].str.strip(), key=len, reverse=True)
        if words:
            alternatives = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words)
            rules.append((re.compile(rf"\b(?:{alternatives})s?\b", re.I), source_type))
    return tuple(rules)


@lru_cache(maxsize=2)
def organisation_head_rules(path: str | None = None) -> tuple[tuple[re.Pattern, str], ...]:
    """Return (pattern, source_type) pairs, one per head noun of data/dictionaries/organisation_heads.csv: the
    head capitalised, closing a name of capitalised words ('National Disaster Management Agency', 'the Governor's
    Office') or opening one with 'of' / 'for' ('Office of the Prosecutor', 'Agency for Security')."""
    frame = read_word_list(Path(path) if path else ORGANISATION_HEADS_PATH, ["head", "source_type", "note"],
                           "source_type", SOURCE_WORD_TYPES)
    name_word = r"(?:[A-Z][\w'’-]*|of|for|and|the|&)"
    rules = []
    for head, source_type in zip(frame["head"].str.strip(), frame["source_type"]):
        word = re.escape(head)
        rules.append((re.compile(rf"\b[A-Z][\w'’-]*(?:\s+{name_word}){{0,5}}?\s+{word}\b|"
                                 rf"\b{word}\s+(?:of|for)\s+(?:the\s+)?[A-Z]"), source_type))
    return tuple(rules)


def organisation_head_type(text: str, types: tuple[str, ...] = SOURCE_WORD_TYPES) -> str | None:
    """Return the source type (among `types`) a capitalised body's name gives by its head noun ('the National
    Disaster Management Agency' -> government, 'Sahel Rights Watch' -> monitor), or None. Only a capitalised head
    counts: 'a news agency' or 'the office' are words, typed by source_words.csv or not at all."""
    for pattern, source_type in organisation_head_rules():
        if source_type in types and pattern.search(text):
            return source_type
    return None


# 'State' capitalised after a capitalised name is a federated state's name ('Ondo State', 'Plateau State'), a place
# the speaker is from, not the state speaking; an article before it ('The State Police') keeps it a word.
_NAMED_STATE = re.compile(r"\b(?!(?:The|A|An|This|That)\s)([A-Z][\w'’-]+\s+)State\b")


def generic_source_type(text: str) -> str | None:
    """Return the source type the words of a speaker phrase give, or None ('the district commissioner' ->
    government). A federated state's name ('a member of a church in Ondo State') types no one: its other words
    do ('Ondo State Commissioner for Information' is the commissioner's). A capitalised body's name types it by its
    head noun (organisation_head_type): a monitor's before the words ('Nigeria Health Watch'), any other's after
    them ('the Ghana News Agency' is the news agency's, media)."""
    text = _NAMED_STATE.sub(r"\1", text)
    if organisation_head_type(text, ("monitor",)) is not None:
        return "monitor"  # a monitor's name types it before its other words: 'Nigeria Health Watch'
    for pattern, source_type in source_word_rules():
        if pattern.search(text):
            return source_type
    return organisation_head_type(text, tuple(t for t in SOURCE_WORD_TYPES if t != "monitor"))

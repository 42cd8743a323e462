"""Generic source words: the words of a speaker phrase that type an unnamed source ('a district commissioner'
-> government, 'a tribal figure' -> activists, 'the Islamist group' -> a claim), read once from
data/dictionaries/source_words.csv (columns word, source_type, note; a note on every row).

A named source (data/dictionaries/sources.csv) or a named actor always wins over these words; they are the last
resort of helpers.annotate.sources.resolve_speaker. The types are tried in a fixed order, most specific first:
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


# 'State' capitalised after a capitalised name is a federated state's name ('Ondo State', 'Plateau State'), a place
# the speaker is from, not the state speaking; an article before it ('The State Police') keeps it a word.
_NAMED_STATE = re.compile(r"\b(?!(?:The|A|An|This|That)\s)([A-Z][\w'’-]+\s+)State\b")


def generic_source_type(text: str) -> str | None:
    """Return the source type the words of a speaker phrase give, or None ('the district commissioner' ->
    government). A federated state's name ('a member of a church in Ondo State') types no one: its other words
    do ('Ondo State Commissioner for Information' is the commissioner's)."""
    text = _NAMED_STATE.sub(r"\1", text)
    for pattern, source_type in source_word_rules():
        if pattern.search(text):
            return source_type
    return None

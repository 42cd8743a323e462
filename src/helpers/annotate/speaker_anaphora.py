"""Speakers referred back to rather than named: a pronoun ('"...," he said'), a person by a bare noun ('the man
added'), and a role with 'the' ('a military official told reporters ... "...," said the official, requesting
anonymity'). A pronoun or a bare person is the source last named; a role with 'the' (or 'this', 'that') names the
state's speaker just quoted, not a new unnamed official, so it is the source last named when that source is the
state's.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Roles a state's speaker is referred back to by ('the official said', 'said the spokesman').
_ROLES = r"(?:official|officer|spokesman|spokeswoman|spokesperson)"
# Words after 'the official' that make it an adjective or another thing ('the official news agency', 'the
# official toll'): no person.
_NOT_A_PERSON = r"(?!\s+(?:news|media|agency|channel|website|account|statement|figures?|toll|tally|count|data)\b)"
_SPEECH = r"(?:said|says|added|adds|told|tells|noted|stated)"
# The role with 'the' as the whole speaker ('the official', 'the official requesting anonymity').
ROLE_SPEAKER = re.compile(r"^(?:the|this|that)\s+" + _ROLES + r"(?:\s*,?\s+(?:requesting|speaking|who|on\s+condition)\b.*)?$",
                          re.I)
# A sentence whose speaker is the role with 'the': 'said the official', 'the spokesman added'.
_ROLE_SPEAKING = re.compile(r"\b" + _SPEECH + r"\s+(?:the|this|that)\s+" + _ROLES + r"\b" + _NOT_A_PERSON +
                            r"|\b(?:the|this|that)\s+" + _ROLES + r"\s+" + _SPEECH + r"\b", re.I)


def refers_back(last_source) -> bool:
    """Tell whether a speaker named by role alone can be the source last named: a state's source."""
    return last_source is not None and last_source.source_type == "government" and not last_source.is_claim


def is_role_speaker(words: str) -> bool:
    """Tell whether a speaker phrase is a role with 'the' alone ('the official', 'the spokesman')."""
    return bool(ROLE_SPEAKER.match(words.strip(" ,;.")))


def sentence_role_speaker(sentence: str) -> bool:
    """Tell whether a sentence's speaker is a role with 'the' alone ('..., said the official requesting anonymity')."""
    return bool(_ROLE_SPEAKING.search(sentence))


# A person referred back to by a bare noun ('the person said', 'the man added'): the speaker last named, as a pronoun.
_PERSON_SPEAKER = re.compile(r"^(?:the|this|that)\s+(?:person|man|woman)$")
# A pronoun speaking: 'he said', 'they added', 'she noted', 'said she', 'according to him'.
_PRONOUN_SPEAKING = re.compile(r"\b(?:he|she|it|they)\s+(?:said|says|added|adds|reported|told|stated|noted|confirmed|"
                               r"explained)\b|"
                               r"\b(?:said|says|added|adds)\s+(?:he|she|it|they)\b|"
                               r"\baccording\s+to\s+(?:him|her|them)\b", re.I)


def is_person_speaker(words: str) -> bool:
    """Tell whether a speaker phrase (lower case, stripped) is a person by a bare noun ('the person', 'the man')."""
    return bool(_PERSON_SPEAKER.match(words))


def sentence_pronoun_speaker(sentence: str) -> bool:
    """Tell whether a sentence's speaker is a pronoun ('"...," he said', 'said she', 'according to him')."""
    return bool(_PRONOUN_SPEAKING.search(sentence))


# An outlet referred back to by its kind ('the agency said', 'the news agency reported', 'said the newspaper'): the
# outlet last named ('... state news agency SANA reported. The agency said 18 were wounded'), not a new, unnamed one.
_OUTLETS = r"(?:(?:state(?:-run)?\s+|official\s+)?(?:news\s+|press\s+)?agency|newspaper|daily|broadcaster|channel|outlet)"
_OUTLET_SPEAKER = re.compile(r"^(?:the|this|that)\s+" + _OUTLETS + r"$")
_OUTLET_SPEAKING = re.compile(r"\b(?:said|says|added|adds|reported|reports|quoted|cited)\s+(?:the|this|that)\s+" +
                              _OUTLETS + r"\b|\b(?:the|this|that)\s+" + _OUTLETS +
                              r"\s+(?:said|says|added|adds|reported|reports|quoted|cited)\b", re.I)
# The words by which the source dictionary tells an outlet (a news agency, a broadcaster, a newspaper, state media).
_OUTLET_WORDS = re.compile(r"\b(?:news agency|press agency|agency|broadcaster|television|TV|radio|newspaper|daily|"
                           r"outlet|state media|news)\b", re.I)


@lru_cache(maxsize=1)
def _outlets() -> frozenset[str]:
    """The canonical sources of data/dictionaries/sources.csv that are outlets (media, or the state's own news agency
    or broadcaster): those whose alias or note names them so."""
    from helpers import actors as actor_dictionary
    frame = actor_dictionary.load_sources()
    return frozenset(canonical for canonical, alias, note, kind in
                     zip(frame["canonical"], frame["alias"], frame["note"], frame["source_type"])
                     if kind in ("media", "government") and (_OUTLET_WORDS.search(alias) or _OUTLET_WORDS.search(note)))


def is_outlet_speaker(words: str) -> bool:
    """Tell whether a speaker phrase (lower case, stripped) is an outlet by its kind alone ('the agency')."""
    return bool(_OUTLET_SPEAKER.match(words.strip(" ,;.")))


def sentence_outlet_speaker(sentence: str) -> bool:
    """Tell whether a sentence's speaker is an outlet by its kind alone ('The news agency said ...')."""
    return bool(_OUTLET_SPEAKING.search(sentence))


def refers_back_to_outlet(last_source) -> bool:
    """Tell whether an outlet named by its kind alone can be the source last named: an outlet of the dictionary."""
    return last_source is not None and not last_source.is_claim and last_source.figure_source in _outlets()

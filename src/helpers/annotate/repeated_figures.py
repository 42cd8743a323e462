"""Figures that repeat a toll already told in the same article, so they belong to the event it was told for
(corpus conventions, one row per source and figure: a figure restated in headline, lede and body is one attack's
toll, whichever sentence dates it or names the speaker).

Two tests, both on exact counts only (a vague count or a range tells no toll apart):
- a toll told with the same killed AND wounded counts as an earlier figure set ('9 killed, 25 injured' then
  'killing nine villagers and injuring 25 others, a police official said') is the same attack's: two counts that
  agree are rarely a coincidence, while one small count ('two soldiers were killed') often is;
- a second figure set of one sentence with the same counts as the first ('Gunmen kill 14 workersGunmen killed at
  least 14 workers ...', a headline run into its lede) is the first one restated, not another attack.
"""
from __future__ import annotations

import re

from helpers.annotate.records import _Mention

# The kinds whose counts must all agree for a toll to be read as restated from them alone.
PAIRED_KINDS = ("killed", "wounded")


def _exact_counts(mention: _Mention) -> dict[str, int]:
    """The exact (not vague, not range) counts a figure set gives, by kind."""
    return {kind: figure.count.value for kind, figure in mention.figures.items()
            if not figure.count.is_vague and figure.count.maximum is None and figure.count.value}


def gives_same_toll(mention: _Mention, other: _Mention) -> bool:
    """Tell whether two figure sets give the same killed and the same wounded counts, both exact, and no other kind
    with another count."""
    mine, theirs = _exact_counts(mention), _exact_counts(other)
    if not all(kind in mine and kind in theirs for kind in PAIRED_KINDS):
        return False
    return all(mine[kind] == theirs[kind] for kind in set(mine) & set(theirs)) and \
        set(mention.figures) == set(other.figures)


def restates_in_sentence(mention: _Mention, previous: _Mention) -> bool:
    """Tell whether a sentence's second figure set gives exactly the counts of the one before it in the sentence (every
    kind the same, at least one exact): the same toll told twice, as a headline run into its lede does."""
    if previous.sentence_index != mention.sentence_index or set(mention.figures) != set(previous.figures):
        return False
    mine, theirs = _exact_counts(mention), _exact_counts(previous)
    return bool(mine) and mine == theirs and len(mine) == len(mention.figures)


def first_telling(mention: _Mention, earlier: list[_Mention]) -> _Mention | None:
    """Return the first earlier figure set (in article order) that gives the same killed and wounded toll as
    `mention`, else None. A figure set cued as another attack ('in a separate attack', 'the attack comes a day after
    gunmen killed ...', 'a bombing months ago killed ...') is never a restatement."""
    if mention.is_new_incident or mention.is_earlier_attack or mention.is_recalled or mention.is_told_before:
        return None
    return next((other for other in earlier if other is not mention and gives_same_toll(mention, other)), None)


# A state body speaking as a body ('the defence ministry said', 'according to the government'): its head word.
_BODY_SPEAKER = re.compile(r"^(?:the\s+)?(?:[\w'-]+\s+){0,2}?(ministry|government)$", re.I)


def speaking_body(speaker: str) -> str | None:
    """Return the head word of a speaker that is a state body speaking as a body ('the defence ministry' ->
    'ministry'), else None."""
    match = _BODY_SPEAKER.match(speaker.strip(" ,;."))
    return match.group(1).lower() if match else None


def speaks_for_body(speaker: str, body: str) -> bool:
    """Tell whether a speaker who is not the body itself names it as the one they speak for ('ministry spokesman
    Jane Doe', 'a government spokesman'): one institution's ranks are one source (CONVENTIONS, ninth round)."""
    words = speaker.strip(" ,;.")
    return speaking_body(words) is None and re.search(rf"\b{re.escape(body)}\b", words, re.I) is not None

"""A count's state or care as its casualty kind: people "found dead", "shot dead" or "confirmed dead" are killed;
people "rushed to hospital", "receiving treatment" or "in critical condition" are wounded; people "feared to have
been killed" are what the verb they complete says. Exact rules on the parse; the words live in
data/dictionaries/casualty_complements.csv (one note per row).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from helpers.paths import DATA_DIR
from helpers.word_lists import words_of

COMPLEMENTS_PATH = DATA_DIR / "dictionaries" / "casualty_complements.csv"
ROLES = ("dead_word", "care_verb", "care_place", "care_need", "condition")
CASUALTY_KINDS = ("killed", "wounded")
# Dependencies by which a word completes a verb's meaning ('found dead', 'shot dead', 'were dead').
_COMPLEMENT_DEPS = ("acomp", "oprd", "xcomp", "advmod", "ccomp", "attr")


@lru_cache(maxsize=None)
def complement_words(role: str, path: str | None = None) -> frozenset[str]:
    """Return the words of one role of casualty_complements.csv."""
    return words_of(Path(path) if path else COMPLEMENTS_PATH, "role", ROLES, role)


def candidate_words() -> frozenset[str]:
    """Words that make a sentence worth parsing for a casualty figure: the dead words, care places and needs, and
    the states of 'in critical condition'."""
    return (complement_words("care_place") | complement_words("care_need") | complement_words("dead_word") |
            complement_words("condition"))


def _is_doer(token, verb) -> bool:
    """Tell whether a count is the doer of an active verb with an object of its own ('two gunmen shot dead five
    farmers': the gunmen), not the people the verb's complement is said of."""
    care = complement_words("care_need") | complement_words("care_place")
    return token.dep_ in ("nsubj", "csubj") and any(
        child.dep_ in ("dobj", "obj") and child.lower_ not in care for child in verb.children)


def _prepositional_objects(verb):
    """The objects of a verb and of its prepositions ('rushed to hospital', 'treated for injuries')."""
    for child in verb.children:
        if child.dep_ in ("dobj", "obj"):
            yield child
        if child.dep_ == "prep":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    yield grandchild
                    yield from (c for c in grandchild.conjuncts)


def _in_condition(word) -> bool:
    """Tell whether a word is 'condition' qualified by a wounded person's state ('critical condition')."""
    return word.lower_ == "condition" and any(
        child.lower_ in complement_words("condition") for child in word.children if child.dep_ in ("amod", "compound"))


def noun_complement_kind(noun) -> str | None:
    """Return the kind of the people a noun counts by what qualifies the noun itself: 'two dead soldiers' (killed),
    'people with gunshot wounds', 'eight people in critical condition' (wounded), or None."""
    if any(child.dep_ == "amod" and child.i < noun.i and child.lower_ in complement_words("dead_word")
           for child in noun.children):
        return "killed"  # 'shot dead two farmers' (parsed as 'dead farmers'), 'the two dead soldiers'
    for word in _prepositional_objects(noun):
        if word.head.lower_ == "with" and word.lower_ in complement_words("care_need") - {"treatment"}:
            return "wounded"
        if word.head.lower_ == "in" and _in_condition(word):
            return "wounded"
    return None


def complement_kind(verb, token, kind_of_verb) -> str | None:
    """Return the kind of the people `token` counts when `verb` itself is no casualty word but its complement
    says they died or were hurt, or None:
    - 'were found dead', 'shot dead', 'brought in dead', 'have been confirmed dead' (killed);
    - 'are feared to have been killed', 'are believed to have died', 'were left injured' (the kind of the verb
      completed);
    - 'were rushed to hospital', 'were receiving treatment', 'treated for injuries', 'remain in critical
      condition' (wounded).
    The doer of an active verb with its own object is never counted ('two gunmen shot dead five farmers').
    `kind_of_verb` maps a verb to its figure kind, or None."""
    if _is_doer(token, verb) or token.lower_ in complement_words("care_place") | complement_words("care_need"):
        return None  # 'brought to two hospitals': the hospitals are no people
    for child in verb.children:
        if child.dep_ in _COMPLEMENT_DEPS and child.lower_ in complement_words("dead_word"):
            if any(c.dep_ == "conj" for c in child.children):
                return None  # 'were dead or missing', 'dead or wounded': not a count of the dead alone
            return "killed"
        if child.dep_ in ("xcomp", "oprd") and kind_of_verb(child) in CASUALTY_KINDS and \
                not any(c.dep_ in ("dobj", "obj") for c in child.children):
            return kind_of_verb(child)  # 'are feared to have been killed', 'were left injured'; not 'were sent to
            # kill militants'
    objects = list(_prepositional_objects(verb))
    if verb.lower_ in complement_words("care_verb") and any(
            word.lower_ in complement_words("care_place") | complement_words("care_need") or _in_condition(word)
            for word in objects):
        return "wounded"
    return None

"""Where a figure stands in its sentence's parse: features of the figure-kind model (helpers.figure_kinds) that read
the grammar around the number rather than its words, so that they carry over to wordings the dev split lacks.

News tells a part of a toll as a subset of a group named before it ('including four children', 'among them two
police officers', 'the dead include three police officers', 'killing seven of them'). Feature prefix `parse=`.
"""
from __future__ import annotations


def _subset_words() -> frozenset[str]:
    """The words that open a part of a figure before them ('including', 'among', 'of them', 'six of whom';
    data/dictionaries/annotate_words.csv, list subset_word)."""
    from helpers.annotate.words import word_list  # the annotate package imports the kind model that imports this

    return word_list("subset_word")


def is_in_subset_phrase(anchor) -> bool:
    """Tell whether a count sits in a subset phrase hung on an earlier group ('..., including four children',
    'among them two police officers'): the counted noun or its number is the object of such a word."""
    words = _subset_words()
    for token in anchor.ancestors:
        if token.lower_ in words and token.i < anchor.i:
            return True
        if token.pos_ in ("VERB", "AUX"):
            return False
    return False


def is_partitive_pronoun(anchor) -> bool:
    """Tell whether a count is a part of a group referred back to by a pronoun ('seven of them', 'two of whom')."""
    for token in (anchor, *[child for child in anchor.children if child.like_num]):
        for preposition in (child for child in token.children if child.dep_ == "prep" and child.lower_ == "of"):
            if any(child.pos_ == "PRON" and child.lower_ in _subset_words() for child in preposition.children if child.dep_ == "pobj"):
                return True
    return False


# Auxiliaries that set a casualty word's tense: a running total is told in the present perfect ('180 soldiers have
# been killed this year'), a recalled attack in the past perfect ('gunmen had killed 12 in March').
_PRESENT_PERFECT = {"has", "have", "'ve", "'s"}
_PAST_PERFECT = {"had", "'d"}
_MODAL = {"will", "would", "could", "may", "might", "can", "should", "must"}


def tense(doc, figure) -> str:
    """Return the tense of a figure's casualty verb (or of the verb its casualty noun hangs from): 'present_perfect',
    'past_perfect', 'modal', 'past', 'present', 'participle' (a headline's or a reduced clause's bare 'killed'), or
    'none' (no verb)."""
    if figure.predicate is None:
        return "none"
    verb = doc[figure.predicate]
    if verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head if verb.head.pos_ in ("VERB", "AUX") else None
    if verb is None:
        return "none"
    auxiliaries = {child.lower_ for child in verb.children if child.dep_ in ("aux", "auxpass")}
    if auxiliaries & _MODAL:
        return "modal"
    if auxiliaries & _PAST_PERFECT:
        return "past_perfect"
    if auxiliaries & _PRESENT_PERFECT and verb.tag_ == "VBN":
        return "present_perfect"
    tags = {verb.tag_} | {child.tag_ for child in verb.children if child.dep_ in ("aux", "auxpass")}
    if tags & {"VBD"}:
        return "past"
    if tags & {"VBZ", "VBP"}:
        return "present"
    return "participle" if verb.tag_ == "VBN" else "none"


def structure_features(doc, figure) -> dict[str, float]:
    """Return the `parse=` features of a figure: it sits in a subset phrase, it counts a part of a group referred
    back to by a pronoun, the tense of its casualty verb."""
    anchor = doc[figure.anchor]
    features: dict[str, float] = {"parse=tense_" + tense(doc, figure): 1.0}
    if is_in_subset_phrase(anchor):
        features["parse=subset_phrase"] = 1.0
    if is_partitive_pronoun(anchor) or is_partitive_pronoun(doc[figure.root]):
        features["parse=partitive_pronoun"] = 1.0
    return features

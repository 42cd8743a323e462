"""Where a figure stands in its sentence's parse: features of the figure-kind model (helpers.figure_kinds) that read
the grammar around the number rather than its words, so that they carry over to wordings the dev split lacks.

News tells a part of a toll as a subset of a group named before it ('including four children', 'among them two
police officers', 'killing seven of them'), and the attackers' own dead in a sentence whose armed men are the
doers of the attack ('five militants were killed when gunmen stormed the post'). Feature prefix `parse=`.
"""
from __future__ import annotations

from helpers import actors as actor_dictionary
from helpers.figure_wording import ATTACKER_NOUNS



def _subset_words() -> frozenset[str]:
    """The words that open a part of a figure before them ('including', 'among', 'of them', 'six of whom';
    data/dictionaries/annotate_words.csv, list subset_word)."""
    from helpers.annotate.words import word_list  # the annotate package imports the kind model that imports this

    return word_list("subset_word")


def _attack_verbs() -> frozenset[str]:
    """The word forms that tell an attack by its doers ('attacked', 'stormed', 'ambushed';
    data/dictionaries/initiative_words.csv, role attack_clause; taken only as verbs)."""
    from helpers.initiative import initiative_words

    return initiative_words("attack_clause")


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


def _is_armed_noun(token) -> bool:
    """Tell whether a noun names armed men by its word ('gunmen', 'militants') or an armed group ('al-Shabaab')."""
    if ATTACKER_NOUNS.fullmatch(token.lower_):
        return True
    phrase = token.doc[token.left_edge.i: token.right_edge.i + 1].text
    return any(actor_dictionary.actor_type_of(match.canonical) == "non-state armed group"
               for match in actor_dictionary.find_actors(phrase))


def armed_doers_attack(doc) -> bool:
    """Tell whether a sentence tells an attack whose doers are armed men or an armed group ('gunmen stormed the
    hotel', 'al-Shabaab militants attacked a base'): the attack verb's subject names them."""
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lower_ not in _attack_verbs():
            continue
        for child in verb.children:
            if child.dep_ == "nsubj" and _is_armed_noun(child):
                return True
            if child.dep_ == "agent" and any(_is_armed_noun(noun) for noun in child.children if noun.dep_ == "pobj"):
                return True
    return False


def structure_features(doc, figure, counted_class: str) -> dict[str, float]:
    """Return the `parse=` features of a figure (`counted_class`: what it counts, figure_kinds._counted_class)."""
    anchor = doc[figure.anchor]
    features: dict[str, float] = {}
    if is_in_subset_phrase(anchor):
        features["parse=subset_phrase"] = 1.0
    if is_partitive_pronoun(anchor) or is_partitive_pronoun(doc[figure.root]):
        features["parse=partitive_pronoun"] = 1.0
    if armed_doers_attack(doc):
        features["parse=armed_doers_attack"] = 1.0
        features[f"parse=armed_doers_attack_{counted_class}"] = 1.0
    return features

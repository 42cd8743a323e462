"""Where a figure stands among the article's other figures and the sentence's places and dates: features of the
figure-kind model (helpers.figure_kinds) that read more than the figure's own clause.

News writes an attack's toll once as a whole and again in parts: by place ('70 in one village and 30 in the
other'), by moment ('24 died on the spot while two died in hospital'), by blast ('the first blast killed two').
A part of a printed total (CONVENTIONS: `part_of_total`) is told by the whole it adds up to with the figures
told beside it, and by a sentence that names several places or days, as totals over several attacks are.
Feature prefix `art=`.
"""
from __future__ import annotations

from itertools import combinations

# Most other figures of the article tried together with a figure as the parts of a printed total: a total's
# parts are most often two or three (more invite sums that match by chance).
MAX_OTHER_PARTS = 2
# The other parts sit in the figure's sentence or within this many sentences of it (a breakdown is told together).
PARTS_DISTANCE = 2
# A sum matched by chance is likelier among small numbers: the parts must add up to at least this.
MIN_PRINTED_TOTAL = 4


def sums_to_printed_total(figure, sentence_index: int, article=()) -> bool:
    """Tell whether a figure and one or two other counted figures of its kind in the article (`article`:
    figure_kinds.article_figures) add up to a larger figure of that kind the article prints: the figure is then
    likely a part of that total ('24 died on the spot while two died in hospital' beside 'the toll is 26'). A total
    over several attacks ('three blasts killed four') is no such whole: each attack's toll is its own figure."""
    if figure.count.is_vague or figure.count.value < 1:
        return False
    value, kind = figure.count.value, figure.kind
    same_kind = [item for item in article if item.kind == kind and item.value >= 1]
    others = list(same_kind)
    for position, item in enumerate(others):  # the figure itself, once
        if item.value == value and item.sentence_index == sentence_index:
            del others[position]
            break
    # a total over several attacks is no whole of its parts: each attack's toll is a victims' figure of its own
    totals = {item.value for item in same_kind if item.value > value and not item.is_several_attacks}
    nearby = [item for item in others if abs(item.sentence_index - sentence_index) <= PARTS_DISTANCE]
    for total in sorted(totals):
        if total < MIN_PRINTED_TOTAL:
            continue
        candidates = [item for item in nearby if item.value < total]  # parts are told together
        for size in range(1, MAX_OTHER_PARTS + 1):
            if any(value + sum(item.value for item in parts) == total for parts in combinations(candidates, size)):
                return True
    return False


def named_places(doc) -> int:
    """Return how many distinct places a parsed sentence names (the rulers' and the NER's place entities)."""
    from helpers.annotate.pipeline import PLACE_LABELS  # the pipeline imports the kind model that imports this

    return len({ent.text.lower() for ent in doc.ents if ent.label_ in PLACE_LABELS})


def named_dates(doc) -> int:
    """Return how many distinct dates a parsed sentence names (the NER's DATE entities)."""
    return len({ent.text.lower() for ent in doc.ents if ent.label_ == "DATE"})


def article_context_features(doc, figure, sentence_index: int, article=()) -> dict[str, float]:
    """Return the `art=` features of a figure: it adds up with other figures to a printed total, its sentence
    names several places or several dates. (Whether its counted noun hangs from 'among' or 'including' was tried:
    the figure finder folds most such subsets into their total, and on dev the few left were as often victims.)"""
    features: dict[str, float] = {}
    if sums_to_printed_total(figure, sentence_index, article):
        features["art=sums_to_printed_total"] = 1.0
    if named_places(doc) >= 2:
        features["art=several_places"] = 1.0
    if named_dates(doc) >= 2:
        features["art=several_dates"] = 1.0
    return features

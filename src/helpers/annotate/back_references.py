"""Figures that point back: a count told with a definite or demonstrative determiner ('the 13 bodies were taken
to the morgue', 'those six people were most likely killed', 'confirming the deaths of the 14 troops') after the
article has already given that count of the same kind names the people counted before, not a toll of its own.
Corpus conventions give one row per source and figure, so such a figure is no row of its own.
"""
from __future__ import annotations

from helpers.annotate.records import _Mention

# Determiners that make a count refer back to people already counted ('the 13 bodies', 'those six', 'these 20').
BACK_REFERENCE_WORDS = {"the", "those", "these"}


def is_back_reference(doc, root: int) -> bool:
    """Tell whether the count at token `root` of a parsed sentence comes right after a determiner that points back
    ('the 13 bodies', 'those six persons'), not after a count-making word ('all 224 people', 'another 12')."""
    return root > 0 and doc[root - 1].lower_ in BACK_REFERENCE_WORDS and doc[root].like_num


def drop_back_references(mentions: list[_Mention], docs: dict[int, object], set_aside: list[dict]) -> list[_Mention]:
    """Take out of each figure set the exact counts that refer back to a count of the same kind and value the
    article gave earlier (in an earlier figure set, or among the figures set aside as totals or parts, `set_aside`:
    this article's records, offsets in the article); a set left with no figure is dropped. Return the sets left.
    Only a single count is read so ('the four soldiers and a driver' adds a person: a breakdown is a figure)."""
    told: list[tuple[int, str, int]] = [(record["figure_start"], record["figure"], record["value"])
                                        for record in set_aside]
    for mention in mentions:
        told += [(mention.sentence_start + figure.start, kind, figure.count.value)
                 for kind, figure in mention.figures.items() if not figure.count.is_vague]
    kept = []
    for mention in mentions:
        doc = docs.get(mention.sentence_index)
        for kind, figure in list(mention.figures.items()):
            if doc is None or figure.count.is_vague or len(figure.parts) != 1 or \
                    not is_back_reference(doc, figure.root):
                continue
            start = mention.sentence_start + figure.start
            if any(offset < start and told_kind == kind and value == figure.count.value
                   for offset, told_kind, value in told):
                del mention.figures[kind]
        if mention.figures:
            kept.append(mention)
    return kept

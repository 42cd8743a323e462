"""Words an article prints twice: an embedded post, a photo caption or a pull quote that copies the body word for
word. An unattributed figure inside such a copy is the figure told where its words first appear, not a second
statement of it (corpus conventions: one row per source and figure; the attributed sentence carries the row).
"""
from __future__ import annotations

import re

from helpers.annotate.records import _Mention

# The words taken either side of a figure's own words, and the fewest words (the figure's included) that make a
# copy: eight words in the same order are no common phrase ('claimed the lives of 56 innocent civilians so far').
CONTEXT_WORDS = 4
COPY_WORDS = 8

_WORD = re.compile(r"\w+")


def copied_before(text: str, sentence_start: int, sentence_end: int, figure_start: int, figure_end: int) -> bool:
    """Tell whether the words around a figure (offsets in `text`), its own words and up to CONTEXT_WORDS either
    side within its sentence, at least COPY_WORDS in all, appear in the same order earlier in the text (case,
    punctuation and spacing aside)."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, sentence_start, sentence_end)]
    inside = [i for i, (start, end, _) in enumerate(words) if start < figure_end and end > figure_start]
    if not inside:
        return False
    window = words[max(0, inside[0] - CONTEXT_WORDS):inside[-1] + 1 + CONTEXT_WORDS]
    if len(window) < COPY_WORDS:
        return False
    before = text[:sentence_start]
    # the words in the same order, each a whole word, with only non-word characters between them: the same words
    # as a run of the earlier text's words; words in ASCII letters are alike case aside when alike in lower case
    # (no pattern to build for each figure); other letters are left to the pattern's own reading of case
    earlier = " " + " ".join(match.group() for match in _WORD.finditer(before)) + " "
    copied = " " + " ".join(word for _, _, word in window) + " "
    if earlier.isascii() and copied.isascii():
        return copied.lower() in earlier.lower()
    pattern = r"\b" + r"\W+".join(re.escape(word) for _, _, word in window) + r"\b"
    return re.search(pattern, before, re.I) is not None


def drop_copied_figures(mentions: list[_Mention], text: str) -> list[_Mention]:
    """Take out of each unattributed figure set the figures whose words copy earlier words of the article; a set
    left with no figure is dropped. Return the sets left."""
    kept = []
    for mention in mentions:
        if mention.attribution is None:
            for kind, figure in list(mention.figures.items()):
                if copied_before(text, mention.sentence_start, mention.sentence_end,
                                 mention.sentence_start + figure.start, mention.sentence_start + figure.end):
                    del mention.figures[kind]
        if mention.figures:
            kept.append(mention)
    return kept

"""Dates that lead up to a figure: a recalled attack is often told over several sentences of one paragraph, its
date in the first and its toll in a later one that names no date of its own ("In October 2002, militants took 800
people hostage at a theatre. Two days later, special forces stormed the building. In the fight, 129 hostages
died."; "In April last year, a bomber struck a bar in the city. The attack killed six."). The toll's sentence is
undated, but the sentences before it in its paragraph, after the article's previous figure, date its attack.

Only a past month or year read from those sentences is used (annotate.events): a period that ends before the
week the news was published in is the story's background, so the figure is a recalled attack's, not the news's
(a day or a relative word there may be the news's own and is left alone).
"""
from __future__ import annotations

from helpers.attack_dates import is_count_time
from helpers.dates import DateMatch, find_date_expressions

# Date kinds that can name a month or a year ("In October 2002", "in 2019", "last year", "last month"); whether it
# ends before the news's week is judged where it is used. A "since" phrase ("since March 2021") dates a span up to
# the news, not one attack, and is not read.
PERIOD_KINDS = ("month", "year", "period_relative")


def lead_dates(text: str, sentences: list[tuple[int, int]], first: int, sentence_index: int) -> list[DateMatch]:
    """Return the month and year dates of the sentences `first` .. `sentence_index` - 1 that stand in the same
    paragraph as sentence `sentence_index` (no line break between them), nearest first stopping at a paragraph
    break. `first` is the sentence after the article's previous figure: an earlier figure's dates are its own."""
    found: list[DateMatch] = []
    start_of_figure = sentences[sentence_index][0]
    for index in range(sentence_index - 1, max(first, 0) - 1, -1):
        start, end = sentences[index]
        if "\n" in text[start:start_of_figure].strip():
            break  # another paragraph
        sentence = text[start:end]
        found.extend(d for d in find_date_expressions(sentence)
                     if d.kind in PERIOD_KINDS and not is_count_time(sentence, d))
    return found

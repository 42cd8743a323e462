"""Dates that lead up to a figure: a recalled attack is often told over several sentences, its date in the first
and its toll in a later one that names no date of its own but points back to the attack told ("In October 2002,
militants took 800 people hostage at a theatre. Two days later, special forces stormed the building. In the fight,
129 hostages died."; "In April last year, a bomber struck a bar in the city. The attack killed six."). The toll's
sentence is undated, but the sentences just before it, after the article's previous figure, date its attack.

Only a past month or year read from those sentences is used (annotate.events): a period that ends before the
week the news was published in is the story's background, so the figure is a recalled attack's, not the news's
(a day or a relative word there may be the news's own and is left alone). And only a figure whose sentence names
its attack with a definite word ("the attack", "that raid", "in the fighting") is so read: one that names none
("Two people were seriously injured, the agency said") is told for the news, whatever the background before it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from helpers.attack_dates import is_count_time
from helpers.dates import MONTH_NAMES, DateMatch, find_date_expressions
from helpers.annotate.words import EVENT_NOUNS, word_list

# Date kinds that can name a month or a year ("In October 2002", "in 2019", "last year", "last month"); whether it
# ends before the news's week is judged where it is used. A "since" phrase ("since March 2021") dates a span up to
# the news, not one attack, and is not read.
PERIOD_KINDS = ("month", "year", "period_relative")


@lru_cache(maxsize=1)
def _told_attack() -> re.Pattern:
    """'the attack', 'that deadly raid', 'the suicide bombing', 'in the fighting': a definite word, up to two words
    (group `between`), then an attack noun (annotate_words.csv, event_noun and violence_noun)."""
    nouns = sorted(EVENT_NOUNS | word_list("violence_noun"), key=len, reverse=True)
    return re.compile(r"\b(?:the|that|this|those|these)\s+(?P<between>(?:[\w.-]+\s+){0,2}?)(?:" +
                      "|".join(re.escape(noun) for noun in nouns) + r")\b", re.I)


@lru_cache(maxsize=1)
def _dated_or_counted() -> re.Pattern:
    """A word between 'the' and the attack noun that dates the attack or counts it among several: a month ('the
    March 23 attack', 'the Oct. 12 assault'), a day or a year ('the 27th of March attack', 'the 2019 bombing'),
    an ordinal ('the second attack'; annotate_words.csv, ordinal_word). A measure or a time of day does not
    ('that 40-minute assault', 'the 5.30am raid'), nor an ordinal that ranks the attack told among past ones ('the
    third such attack this year', 'the first-ever bombing in the city')."""
    months = [m for name in MONTH_NAMES for m in (name, name[:3])]
    words = sorted(set(months) | word_list("ordinal_word"), key=len, reverse=True)
    return re.compile(r"\b\d+(?:st|nd|rd|th)?\b(?![-.:])|\b(?:" + "|".join(re.escape(word) for word in words) +
                      r")\b(?!-|\s+such\b)", re.I)


def names_told_attack(sentence: str) -> bool:
    """Tell whether a sentence names an attack already told by a definite word ("The attack killed six", "In the
    fight, 129 hostages died"). A date or an ordinal before the noun names another attack among several ("the
    March 23 attack", "the second attack"), not the one told."""
    return any(not _dated_or_counted().search(match.group("between")) for match in _told_attack().finditer(sentence))


@lru_cache(maxsize=1)
def _serial_blast() -> re.Pattern:
    """'a second blast', 'the third explosion', 'the second car bomb': an article, an ordinal (annotate_words.csv,
    ordinal_word), up to one word, then a blast noun (blast_noun)."""
    ordinals = sorted(word_list("ordinal_word"), key=len, reverse=True)
    nouns = sorted(word_list("blast_noun"), key=len, reverse=True)
    return re.compile(r"\b(?:a|the)\s+(?:" + "|".join(re.escape(word) for word in ordinals) + r")\s+(?:[\w-]+\s+)?"
                      r"(?:" + "|".join(re.escape(noun) for noun in nouns) + r")\b", re.I)


def names_serial_blast(sentence: str) -> bool:
    """Tell whether a sentence names one blast of several by its ordinal ("a second blast minutes later killed
    five", "the third explosion hit the market"): twin or serial blasts of one town and one day are one attack
    (CONVENTIONS, Twin or serial blasts), so the figure stays with the attack told unless the text sets it apart."""
    return bool(_serial_blast().search(sentence))


def lead_dates(text: str, sentences: list[tuple[int, int]], first: int, sentence_index: int) -> list[DateMatch]:
    """Return the month and year dates of the sentences `first` .. `sentence_index` - 1 that lead up to sentence
    `sentence_index`: the sentence just before it (web copy often sets each sentence in a paragraph of its own), and
    further back while no paragraph break (a line break) separates a sentence from the one after it. `first` is the
    sentence after the article's previous figure: an earlier figure's dates are its own."""
    found: list[DateMatch] = []
    for index in range(sentence_index - 1, max(first, 0) - 1, -1):
        start, end = sentences[index]
        if index < sentence_index - 1 and "\n" in text[end:sentences[index + 1][0]]:
            break  # another paragraph than the sentences read so far
        sentence = text[start:end]
        found.extend(d for d in find_date_expressions(sentence)
                     if d.kind in PERIOD_KINDS and not is_count_time(sentence, d))
    return found

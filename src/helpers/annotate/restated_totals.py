"""Figures that restate an event's toll in other words, so they are no row of their own (corpus conventions, one row
per source and figure): an unattributed headline's rounder wording of the body's precise count ('Over 100 killed' over
'103 people were killed, officials said'), and a headline's (or an unattributed lede's) dead that count the attackers
with their victims ('Eight dead in knife attack' over a body giving five victims and three assailants shot dead,
CONVENTIONS eighth round: the total is not a victims' row).
"""
from __future__ import annotations

from helpers.figure_kinds import ROUNDED_SHARE
from helpers.annotate.records import _Mention

# Qualifiers of a rounder wording, and of the precise count it may round: 'more than 30' / 'almost 100' beside
# '31' / 'at least 95' (a range or a vague count rounds nothing; 'at least N' is a count of its own).
ROUNDER_QUALIFIERS = ("more_than", "approx")
PRECISE_QUALIFIERS = ("exact", "at_least")
# A rounder wording is read only from this size: below it, 'about 5' and '6' are as often two counts.
MIN_ROUNDED_VALUE = 10
# The sentences after the headline that make the lede, as figure_kinds reads a figure's place in its article.
LEDE_SENTENCES = 2

TITLE_TOTAL_WITH_ATTACKERS = ("a headline's or lede's dead counting the attackers' own dead with their victims, whom the body "
                              "gives apart: not the victims' toll")


def rounds_count(rounder, precise) -> bool:
    """Tell whether a count is a rounder wording of another one of the same kind: 'more than N' of a count a little
    above N, 'about / almost N' of a count near N (within ROUNDED_SHARE of N, never equal)."""
    if rounder.count.is_vague or precise.count.is_vague or rounder.count.maximum is not None or \
            precise.count.maximum is not None:
        return False
    if rounder.count.qualifier not in ROUNDER_QUALIFIERS or precise.count.qualifier not in PRECISE_QUALIFIERS:
        return False
    value, other = rounder.count.value, precise.count.value
    if value < MIN_ROUNDED_VALUE or other == value or abs(other - value) > ROUNDED_SHARE * value:
        return False
    return other > value if rounder.count.qualifier == "more_than" else True


def rounded_restatement_of(mention: _Mention, group: list[_Mention]) -> _Mention | None:
    """Return the attributed figure set of the same event whose precise killed count `mention`, an unattributed
    headline, gives in rounder words (a headline restates its article, and a headline with no source is one row with
    the body's: CONVENTIONS); else None. Every other kind both give must be the same count. In the body, two wordings
    are left as they are: one source's are one row carried by the first wording, two sources' are two rows, and
    'officials' named by no one cannot tell which."""
    figure = mention.figures.get("killed")
    if figure is None or mention.is_dropped or mention.sentence_index != 0 or mention.attribution is not None:
        return None
    for other in group:
        if other is mention or other.is_dropped or "killed" not in other.figures:
            continue
        if not rounds_count(figure, other.figures["killed"]):
            continue
        if any(mention.figures[kind].count.value != other.figures[kind].count.value
               for kind in set(mention.figures) & set(other.figures) if kind != "killed"):
            continue
        if other.attribution is not None:
            return other
    return None


def counts_attackers_with_victims(title: _Mention, group: list[_Mention], is_attackers_toll) -> bool:
    """Tell whether a headline's exact killed count, or an unattributed one of the lede (the first LEDE_SENTENCES
    sentences after it), is the sum of a later figure set's victims and a later figure set's attackers' own dead of
    the same event (`is_attackers_toll`: tells a figure set of the attackers' dead), so it counts both sides ('5 dead
    in shooting' over 'four people died, including an assailant'). An attributed body count of that sum stays: it is
    as often another source's toll."""
    figure = title.figures.get("killed")
    is_lede = 0 < title.sentence_index <= LEDE_SENTENCES and title.attribution is None
    if not (title.sentence_index == 0 or is_lede) or figure is None or figure.count.is_vague or figure.count.maximum is not None \
            or figure.count.qualifier not in PRECISE_QUALIFIERS:
        return False
    body = [m for m in group if m.sentence_index > title.sentence_index and "killed" in m.figures
            and not m.figures["killed"].count.is_vague and m.figures["killed"].count.maximum is None]
    attackers = {m.figures["killed"].count.value for m in body if is_attackers_toll(m)}
    victims = {m.figures["killed"].count.value for m in body if not is_attackers_toll(m)}
    return any(value + dead == figure.count.value for value in victims for dead in attackers if value and dead)

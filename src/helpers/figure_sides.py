"""Which side a count of a sentence stands on when the sentence also counts the attackers (an exact rule of the
figure-kind judgement, helpers.figure_kinds.judge_figures).

News sets the two sides' dead side by side in one sentence ('two policemen and three of the attackers were killed',
'one soldier was martyred while four terrorists were killed', 'ten guards died, as did two gunmen'). When one count
names its people as the attack's doers (initiative_words.csv, attacker_noun) and another count of the same kind in
the sentence names other people, that other count is the side that was attacked: never the attackers' own dead,
unless the state's forces began the killing (then, by CONVENTIONS, the armed group is that event's victims); and it
is not a part of the attackers' count beside it. A count in a subset phrase ('including two policemen and three
attackers') is still a part of the total before it.
"""
from __future__ import annotations


def _names_attackers(doc, figure) -> bool:
    from helpers.initiative import counts_attackers_by_role

    return counts_attackers_by_role(doc[figure.anchor])


def is_set_beside_attackers(doc, figure, figures) -> bool:
    """Tell whether a figure counts other people than the attackers that another count of its kind in the same
    sentence names ('two policemen' beside 'three of the attackers'): it counts the attacked side."""
    from helpers.initiative import is_state_initiated

    from helpers.figure_structure import is_in_subset_phrase

    anchor = doc[figure.anchor]
    if figure.count.is_vague or _names_attackers(doc, figure) or anchor.i == figure.root:
        return False  # a bare number ('two were killed') does not say whose dead it counts
    if is_in_subset_phrase(anchor):
        return False  # '12 killed, including two policemen and three attackers': a part of the twelve
    beside = [other for other in figures if other is not figure and other.kind == figure.kind
              and other.anchor != figure.anchor and _names_attackers(doc, other)]
    return bool(beside) and not is_state_initiated(doc, figure.predicate, figure.anchor)

"""The wiring to helpers.figure_kinds: which figures of a sentence are kept (the victims' and the attackers' own
dead) and which are set aside with the kind and reason the model or an exact rule (war-wide totals, parts that
sum to a printed total, counts listed after a larger one, totals over several attacks) decided; a title that only
restates a total the body sets aside by rule; which figure sets count the attackers' own dead.
"""
from __future__ import annotations

from helpers import actors as actor_dictionary, figure_kinds
from helpers.initiative import counts_attackers_by_role, is_state_initiated
from helpers.annotate.numbers.figures import Figure, _is_war_wide, find_all_figures
from helpers.annotate.records import _Mention
from helpers.annotate.rows import _set_aside_record


def _judged_figures(doc, sentence_index: int, start: int, end: int, set_aside: list | None,
                    earlier: list | None = None, article=()) -> list[Figure]:
    """Give each figure of a sentence its kind (helpers.figure_kinds); keep the victims' and attackers' figures.
    `earlier` holds the article's figures so far (figure_kinds.Earlier), the context of their kinds; this
    sentence's are appended. `article` holds all the article's figures (figure_kinds.article_figures)."""
    # the figures the annotate_figures component put on the doc (helpers.annotate.components), else found here
    figures = doc._.figures if doc.has_extension("figures") and doc._.figures is not None else find_all_figures(doc)
    war_wide = [_is_war_wide(doc, figure) for figure in figures]
    judged = figure_kinds.judge_figures(doc, figures, sentence_index, war_wide, earlier=earlier or (), article=article)
    if earlier is not None:
        earlier.extend(figure_kinds.earlier_figures(figures, sentence_index))
    kept = []
    for figure, (kind, decided_by) in zip(figures, judged):
        figure.state_initiated = is_state_initiated(doc, figure.predicate, figure.anchor) and \
            not counts_attackers_by_role(doc[figure.anchor])  # 'police shot dead four attackers': they attacked
        if kind in figure_kinds.ROW_KINDS:
            figure.figure_kind = kind
            kept.append(figure)
        elif set_aside is not None:
            set_aside.append(_set_aside_record(figure, kind, decided_by, start, end))
    return kept


ATTACKERS_WITHOUT_DEAD = "the attackers' own wounded, given without their dead: never the attack's toll"


def _is_judged_attackers_toll(mention: "_Mention") -> bool:
    """Tell whether the figure-kind model judged a figure set the attackers' own dead."""
    return any(figure.figure_kind == "attackers_dead" for figure in mention.figures.values())


def _is_attackers_toll(mention: "_Mention") -> bool:
    """Tell whether a figure counts the attackers' own dead ('40 militants were killed'): the model says so, or
    its victims are armed groups - unless the state's forces began the killing ('17 militants were killed in an
    operation', 'airstrikes killed five militants'): then the forces attacked, and the militants are that event's
    victims (CONVENTIONS, helpers.initiative)."""
    return _is_judged_attackers_toll(mention) or bool(mention.target) and all(
        actor_dictionary.actor_type_of(name) == "non-state armed group" for name in mention.target) and not any(
        figure.state_initiated for figure in mention.figures.values())


# Kinds an exact rule gives a body figure that a title giving the same number restates ('8 troops killed in land
# mine attacks' over 'eight were killed in two separate attacks'): the title's figure is that total too.
TITLE_RESTATES = ("multi_attack_total", "cumulative_total")


def drop_titles_restating_set_aside(mentions: list[_Mention], records: list[dict], set_aside: list) -> list[_Mention]:
    """Set aside a title's exact figure that the body gives only as a total an exact rule set aside (`records`:
    the article's set-aside figures so far; the title's figure is added to `set_aside` with that kind) and no
    body row repeats: a headline restates its article (corpus conventions), so it is the same total, not a
    toll of its own. Return the mentions left (a title's mention with no figure left is dropped)."""
    titles = [m for m in mentions if m.sentence_index == 0]
    if not titles:
        return mentions
    title_start = titles[0].sentence_start
    totals = {(r["figure"], r["value"]): r["figure_kind"] for r in records
              if r["decided_by"] == "rule" and r["figure_kind"] in TITLE_RESTATES and r["char_start"] != title_start}
    in_body = {(kind, figure.count.value) for m in mentions if m.sentence_index > 0
               for kind, figure in m.figures.items() if not figure.count.is_vague}
    kept = []
    for mention in mentions:
        if mention.sentence_index == 0:
            for kind, figure in list(mention.figures.items()):
                key = (kind, figure.count.value)
                if not figure.count.is_vague and key in totals and key not in in_body:
                    del mention.figures[kind]
                    set_aside.append(_set_aside_record(figure, totals[key], "rule", mention.sentence_start,
                                                       mention.sentence_end))
            if not mention.figures:
                continue
        kept.append(mention)
    return kept

"""Recalled attacks: a figure an article tells of an attack well before its news ("a bombing months ago killed
20", "the deadliest since a suicide bombing that killed 13", "Earlier this year, an ambush killed 7"), which is
background, not the news, and not the attack the sentences around it report.
"""
from __future__ import annotations

from helpers.annotate.words import EVENT_NOUNS, RECALLED_ATTACK_CUES


def is_recalled_attack(doc, figure_root: int, clause: str, clause_start: int = 0) -> bool:
    """Tell whether a figure is told as a recalled attack's: its clause (the sentence's words its figure set covers)
    names a time well before the news (annotate_words.csv, recalled_attack_cue) outside a clause on something else
    ("soldiers deployed there years ago" dates the deployment, not the attack), or the figure stands inside a
    "since" phrase or clause on an attack ("the worst attack since a bombing at the airport, which killed 13";
    "the first raid since gunmen killed 12 there"). "Since" on a date ("the deadliest since 2019, killed 30",
    "killed since Wednesday") does not hold the figure, so it stays the news."""
    has_parse = doc is not None and doc.has_annotation("DEP") and 0 <= figure_root < len(doc)
    for cue in RECALLED_ATTACK_CUES.finditer(clause):
        if not has_parse or not _is_on_other_thing(doc, figure_root, clause_start + cue.end() - 1):
            return True
    if not has_parse:
        return False
    for token in doc[figure_root].ancestors:
        if token.lower_ != "since":
            continue
        if token.dep_ == "prep":
            return any(child.dep_ == "pobj" and child.lower_ in EVENT_NOUNS for child in token.children)
        return False
    for token in [doc[figure_root], *doc[figure_root].ancestors]:
        if token.dep_ == "advcl" and any(child.dep_ == "mark" and child.lower_ == "since" for child in token.children):
            return True  # "... since gunmen killed 12 in the town"
        if _is_weeks_after(token):
            return True  # "..., a month after eight troops were killed in the region"
    return False


_LONG_PERIODS = {"week", "weeks", "month", "months", "year", "years"}


def _is_weeks_after(token) -> bool:
    """Tell whether a token heads a clause or phrase of "after" measured in weeks, months or years ("a month after
    eight troops were killed", "weeks after the bombing that killed 14"): what it tells happened that long before
    the news the sentence reports. Days ("two days after") are left to the attack the news comes after."""
    is_after_clause = token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "after" for c in token.children)
    if not (is_after_clause or (token.lower_ == "after" and token.dep_ == "prep")):
        return False
    return any(child.dep_ in ("npadvmod", "dep") and child.lower_ in _LONG_PERIODS for child in token.children)


def _is_on_other_thing(doc, figure_root: int, char: int) -> bool:
    """Tell whether the word at a character offset stands in a clause on a noun ("forces deployed there years ago",
    "a town that was seized last year") that does not hold the figure: its time is that thing's, not the attack's."""
    token = next((t for t in doc if t.idx <= char < t.idx + len(t.text)), None)
    if token is None:
        return False
    for ancestor in [token, *token.ancestors]:
        if ancestor.dep_ in ("acl", "relcl"):
            return figure_root not in {t.i for t in ancestor.subtree}
    return False

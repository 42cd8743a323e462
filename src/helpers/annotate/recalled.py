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
    return False


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

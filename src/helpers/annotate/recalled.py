"""Recalled attacks: a figure an article tells of an attack well before its news ("a bombing months ago killed
20", "the deadliest since a suicide bombing that killed 13", "Earlier this year, an ambush killed 7"), which is
background, not the news, and not the attack the sentences around it report.
"""
from __future__ import annotations

import re

from helpers.annotate.words import EVENT_NOUNS, RECALLED_ATTACK_ADJECTIVES, RECALLED_ATTACK_CUES, SPEECH_WORDS, \
    TOLD_BEFORE_CUES, TOLL_NOUNS, KILL_VERBS, WOUND_VERBS


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


def is_told_as_before(doc, figure_root: int, clause: str = "", clause_start: int = 0) -> bool:
    """Tell whether a figure is told as an attack before the news by weaker cues than a recalled attack's: words of
    its clause such as "earlier this week" (annotate_words.csv, told_before_cue) outside a clause on something
    else and not just after an attack named as one already told ("12 were wounded in the attack earlier this
    week" is the news's), an attack word called recent or previous, or the past perfect of narration. Only a
    figure told after the news's own is background by them (helpers.annotate.events): an article whose first figure
    is so told ("In a shocking incident, rebels had killed 17 soldiers"; "an operation against the fighters behind
    a recent attack that killed 40") has it for its news."""
    has_parse = doc is not None and doc.has_annotation("DEP") and 0 <= figure_root < len(doc)
    for cue in TOLD_BEFORE_CUES.finditer(clause):
        told = _DEFINITE_NOUN.search(clause[:cue.start()])
        if told and told.group(1).lower() in EVENT_NOUNS:
            continue  # "wounded in the attack earlier this week": the attack already told, dated
        if not has_parse or not _is_on_other_thing(doc, figure_root, clause_start + cue.end() - 1):
            return True
    if not has_parse:
        return False
    return _is_told_as_earlier_attack(doc[figure_root]) or _is_past_perfect_narration(doc[figure_root])


# "the attack ", "the deadly raid " just before a cue
_DEFINITE_NOUN = re.compile(r"\b(?:the|this|that)\s+(?:\w+\s+)?(\w+)\s*$", re.I)
_LEAVE_FORMS = {"left", "leaving", "leave", "leaves"}  # "a raid had left six dead"
_PERFECT_AUX = {"has", "have", "'s", "'ve"}


def _is_told_as_earlier_attack(root) -> bool:
    """Tell whether the attack a figure belongs to is named as one before the news: an attack word qualified by
    "recent", "previous", "earlier" (annotate_words.csv, recalled_attack_adjective) that holds the figure ("the
    recent bombing at the airport, in which 13 were killed") or is the subject of the verb that does ("a previous
    attack on the camp had left six dead"). A recent attack told in the present perfect ("a recent airstrike has
    killed 10") is the news itself."""
    verb = next((t for t in [root, *root.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None and any(child.dep_ == "aux" and child.lower_ in _PERFECT_AUX for child in verb.children):
        return False
    for token in [root, *root.ancestors]:
        nouns = [token] if token.pos_ in ("NOUN", "PROPN") else [
            child for child in token.children if child.dep_ in ("nsubj", "nsubjpass")]
        for noun in nouns:
            if noun.lower_ in EVENT_NOUNS and any(child.dep_ == "amod" and child.lower_ in RECALLED_ATTACK_ADJECTIVES
                                                  for child in noun.children):
                return True
    return False


def _is_past_perfect_narration(root) -> bool:
    """Tell whether the verb that tells a figure is in the past perfect outside reported speech ("On Saturday, a
    bomber had rammed a truck into a checkpoint, killing seven soldiers"): news tells its own attack in the simple
    past and uses the past perfect for what happened before it. Only a main clause's verb counts: reported speech
    shifts tenses back ("police said 14 had been killed", "14 had been killed, police said"), and a clause set
    against another time tells the attack itself ("troops arrived after gunmen had killed 12", "by the time police
    came, gunmen had killed 20"); nor is a count made by a time ("30 bodies had been recovered by Sunday") or a toll
    that had changed (its subject or object a toll word: "officials had revised the toll to 11"); and the figure's
    own verb must tell a killing or a wounding ("four bodies had been recovered" is a count)."""
    chain = [root, *root.ancestors]
    told_by = next((t for t in chain if t.pos_ == "VERB"), None)
    if told_by is None or told_by.lower_ not in KILL_VERBS | WOUND_VERBS | _LEAVE_FORMS:
        return False  # "four bodies had been recovered": a count, not an attack's narration
    verb = next((t for t in chain if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod",) and t.tag_ != "VBG"), None)
    if verb is None or not any(child.dep_ == "aux" and child.lower_ in ("had", "'d") for child in verb.children):
        return False
    if any(child.lower_ == "by" and child.dep_ == "prep" for child in verb.children):
        return False  # "had been tallied by Sunday morning": a count made by a time
    if any(child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.lower_ in TOLL_NOUNS for child in verb.children):
        return False  # "the toll had risen to 30", "officials had revised the toll down to 11": a count's change
    main = verb
    while main.dep_ == "conj" and main.head.i != main.i:
        main = main.head
    if verb.lower_ in SPEECH_WORDS or main.lower_ in SPEECH_WORDS:
        return False  # "the minister had said that 17 were missing"
    if main.head.i != main.i:
        return False  # a clause inside another ("troops arrived after gunmen had killed 12"): the order of two events
    for child in main.children:
        if child.lower_ in SPEECH_WORDS or child.lower_ == "according" or (
                child.dep_ in ("parataxis", "advcl", "ccomp") and any(t.lower_ in SPEECH_WORDS for t in child.subtree)):
            return False  # reported speech: "14 had been killed, police said", "according to police"
        if child.dep_ in ("advcl", "prep") and any(t.lower_ in ("when", "before", "until", "time")
                                                   for t in child.children):
            return False  # "by the time police arrived, gunmen had killed 20": the attack itself, against a later time
    return True

"""What a figure counts: a learned judgement of each candidate number annotate links to a casualty word.

Every figure annotate finds gets one kind (data/corpus/CONVENTIONS.md, "What is a row"):

| kind | what becomes of it |
| --- | --- |
| `victims` | a mention row: the attack's killed / wounded / killed-or-wounded, as the parse says |
| `attackers_dead` | a mention row of the same event, its number in `attackers_killed`, never in `killed` |
| `cumulative_total`, `multi_attack_total`, `part_of_total`, `not_attack`, `not_figure` | set aside with the reason (`interim/figures_set_aside.csv`): never an event's figure |

The judgement is a multinomial logistic regression (scikit-learn) over features of the sentence and its
parse around the number: the words beside it, the counted noun and its modifiers, the casualty word and its
subject, the path up the parse, the qualifier and size of the count, where the sentence sits in the article,
the armed groups, cue words ("since", "this year", "including", "accident") the sentence holds, where the figure
stands among the article's figures (figure_context), how it relates to the larger figures of its kind (what
each counts, who gives each: figure_relations) and in its sentence's parse (figure_structure). It is
trained on the world corpus's `dev` gold only: a figure whose number and sentence a gold row gives takes
that row's `figure_kind`; a figure the gold gives in another sentence of the article (a repeat in the
headline) takes the kind of that row; a figure its sentence's gold row counts within a larger number of the
same figure is a part of it (`part_of_total`, or the attackers' dead when that row is theirs: the items of a
breakdown the gold sums); a qualified count within a tenth of a gold row's number ('almost 100' for 95) is that
row's count in rounder words and takes its kind; any other figure is `not_figure`. (Labelling those last two
`not_figure` taught the model, through the weight the balanced classes give the few `not_figure` examples, that
plain victims' sentences such as 'two explosions that killed almost 100 people' are no figure.)

    python -m helpers.figure_kinds train      # extract the dev examples, fit, write data/models/
    python -m helpers.figure_kinds crossval   # dev figure scores out of fold: each fold annotated by a model
                                              # fitted on the other folds (articles sharing an event together)

The model ships as JSON (`data/models/figure_kinds.json`: classes, feature names, weights), read without
scikit-learn, so annotate needs no pickle and the file is reviewable; `figure_kinds_examples.csv` beside it
holds the training examples the command extracted.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from helpers.initiative import names_attackers
from helpers.main_attack import mark_main_attack

from helpers import actors as actor_dictionary, figure_context, figure_relations, figure_sides, figure_structure, \
    figure_wording
from helpers.model_files import ModelSwitch, read_model, vectorise_common_features
from helpers.paths import DATA_DIR

MODELS_DIR = DATA_DIR / "models"
MODEL_PATH = MODELS_DIR / "figure_kinds.json"
EXAMPLES_PATH = MODELS_DIR / "figure_kinds_examples.csv"
MODEL_FORMAT = 1
KINDS = ["victims", "attackers_dead", "cumulative_total", "multi_attack_total", "part_of_total", "not_attack",
         "not_figure"]
ROW_KINDS = ("victims", "attackers_dead")  # kinds that stay mention rows
REASONS = {
    "cumulative_total": "a running, period or war-wide total, not one attack's toll",
    "multi_attack_total": "a total over several separate attacks",
    "part_of_total": "a part of a figure the article gives as a whole",
    "not_attack": "deaths or injuries the attack did not cause",
    "not_figure": "not a count of people killed or wounded in an attack",
}
# Figure kinds of annotate the model judges; captured and missing people are extra columns, never a toll.
JUDGED_FIGURES = ("killed", "wounded", "casualties")
# Training recipe: what `train` fits (recorded in the model file, checked by tests).
# `train` chooses the regularisation C from C_grid by the out-of-fold log loss of the dev split's examples (five
# folds of articles, those sharing an event together), then a temperature from temperature_grid that calibrates
# the out-of-fold probabilities (the weights are divided by it); both are written into the model's recipe.
RECIPE = {"estimator": "sklearn.linear_model.LogisticRegression", "C_grid": [0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0],
          "temperature_grid": [round(0.5 + 0.05 * step, 2) for step in range(31)], "max_iter": 5000,
          "min_feature_count": 2, "split": "dev", "random_state": 0, "class_weight": "balanced",
          "class_weight_power": 0.5, "selected_by": "out-of-fold log loss, 5 article folds"}
DEFAULT_C = 1.0  # the C of a fit whose recipe names none (tests' small fits)
# A figure is set aside only when the model gives its kind at least this probability; below it, it stays a
# victims' figure (the rules' reading), so an unsure model does not lose an attack's toll.
MIN_SET_ASIDE_PROBABILITY = 0.5
# Counted people who are never the attackers' own dead: civilians and pro-government militias, alone or with
# soldiers (exact rule; the dictionary's actor types of the counted words, data/dictionaries/actors.csv).
NEVER_ATTACKERS = {"civilians", "pro-government militia"}
# Prefixes of every feature name the extractor writes (a shipped model must use no other).
FEATURE_PREFIXES = ("left1=", "left2=", "left3=", "right1=", "right2=", "right3=", "lw=", "rw=", "s=", "anchor=",
                    "anchor_dep=", "anchor_mod=", "pred=", "pred_tag=", "pred_dep=", "pred_subj=", "pred_obj=",
                    "anc=", "kind=", "qual=", "mag=", "sent=", "cue=", "cue_left=", "cue_right=", "cue_clause=", "cue_role=", "counted=", "sentence_actor=", "flag=",
                    "ctx=", "path=", "voice=", "role=", "side=", "main=", "art=", "parse=", "rel=")

_NUMBER_WORD = re.compile(r"^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                          r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
                          r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|dozens?|scores|several)$")
CUES = {
    "since": re.compile(r"\bsince\b", re.I),
    "period": re.compile(r"\b(?:this|last|past|so far this) (?:year|month|week)|\bso far\b|\bto date\b|"
                         r"\bin (?:19|20)\d\d\b|\bsince (?:the start|the beginning|january|(?:19|20)\d\d)", re.I),
    "total": re.compile(r"\b(?:total|overall|cumulative|tally|in all|altogether|combined)\b", re.I),
    "attacks_plural": re.compile(r"\b(?:attacks|bombings|ambushes|raids|assaults|incidents|clashes|strikes|"
                                 r"blasts|explosions)\b", re.I),
    "separate": re.compile(r"\b(?:separate|several|series of|wave of|string of|spate of|across)\b", re.I),
    "subset": re.compile(r"\b(?:including|among|of them|of whom|mostly|mainly|majority|were children|"
                         r"were women)\b", re.I),
    "accident": re.compile(r"\b(?:accident|crash|collision|overturned|stampede|flood|drown\w*|fire|"
                           r"disease|illness|heart attack|natural causes|road)\b", re.I),
    "attackers": re.compile(r"\b(?:militants?|assailants?|attackers?|jihadists?|terrorists?|insurgents?|"
                            r"gunm[ae]n|bandits?|bombers?|suicide|rebels?|extremists?|kamikaze|hostage-takers?|"
                            r"kidnappers?|hijackers?|abductors?)\b", re.I),
    "neutralised": re.compile(r"\b(?:neutrali[sz]\w*|eliminat\w*|repel\w*|repuls\w*|counter-?attack\w*|"
                              r"retaliat\w*|pursu\w*)\b", re.I),
    "war": re.compile(r"\b(?:war|conflict|insurgency|violence|uprising|crisis|campaign)\b", re.I),
    "perfect": re.compile(r"\bha(?:s|ve)\s+(?:been\s+)?(?:killed|died|left|claimed|risen|reached)\b", re.I),
    # a number of attacks: 'in two attacks', 'three separate explosions', 'attacked twice', 'a series of raids'
    "attacks_counted": re.compile(r"\b(?:two|three|four|five|six|several|multiple|\d+|separate|series of|wave of|"
                                  r"string of|spate of)\s+(?:\w+\s+){0,2}?(?:attacks|bombings|ambushes|raids|"
                                  r"assaults|incidents|strikes|blasts|explosions|operations)\b|\b(?:attacked|struck|"
                                  r"hit)\b[^.;]{0,40}\btwice\b", re.I),
    "related": re.compile(r"^(?:related|read more|see also|more:|also read)", re.I),
    "previous": re.compile(r"\b(?:last (?:week|month|year)|earlier this|previous|in a similar|recalled|"
                           r"latest in)\b", re.I),
}


# A sentence that tells an attack of its own ('the group attacked a convoy', 'in an ambush on'): the larger
# figures the article gives elsewhere are most often another attack's, not a whole its figure is a part of.
OWN_ATTACK = re.compile(r"\b(?:attacked|stormed|ambushed|raided|bombed|shelled|opened fire)\b|\b(?:in|during) an? "
                        r"(?:[\w-]+ ){0,3}?(?:attack|ambush|raid|bombing|blast|explosion|strike|assault)\b", re.I)


def _word(token) -> str:
    """Return a token's feature form: numbers folded into '<num>', else the lower-case word."""
    word = token.lower_
    return "<num>" if _NUMBER_WORD.match(word) else word


def _magnitude(value: int) -> str:
    if value <= 1:
        return "1"
    return "2-9" if value < 10 else "10-99" if value < 100 else "100-999" if value < 1000 else "1000+"


def _sentence_position(index: int) -> str:
    return "title" if index == 0 else "lede" if index <= 2 else "body" if index <= 8 else "late"


@dataclass(frozen=True)
class Earlier:
    """A figure of an earlier sentence of the same article, as the context of the next ones."""

    kind: str
    value: int
    sentence_index: int
    is_several_attacks: bool = False  # its sentence counts several attacks (counts_several_attacks)
    noun: str = ""  # the noun it counts (figure_relations.counted_noun), '' for a bare count
    speaker: str = ""  # the source its sentence quotes (figure_relations.sentence_speaker), '' for none


def earlier_figures(figures, sentence_index: int, doc=None, speaker: str | None = None) -> list[Earlier]:
    """Return the judged, counted (not vague) figures of a sentence as context for the article's later ones; with
    the sentence's `doc`, each says whether it is a total over several attacks by the exact rule, what it counts
    and who gives it (`speaker`, figure_relations.article_speakers; else the source its sentence quotes)."""
    judged = [figure for figure in figures if figure.kind in JUDGED_FIGURES and not figure.count.is_vague]
    if doc is None or not judged:
        return [Earlier(figure.kind, figure.count.value, sentence_index) for figure in judged]
    speaker = figure_relations.sentence_speaker(doc) if speaker is None else speaker
    speakers = figure_relations.figure_speakers(doc, judged, speaker)
    return [Earlier(figure.kind, figure.count.value, sentence_index, counts_several_attacks(doc, figure, figures),
                    figure_relations.counted_noun(doc, figure), told) for figure, told in zip(judged, speakers)]


def article_figures(docs: dict[int, object]) -> list[Earlier]:
    """Return the judged, counted figures of all of an article's parsed sentences (`docs`: sentence index → doc),
    the printed totals the parts of sums_into_total may add up to, later sentences included."""
    from helpers.annotate.numbers.figures import find_all_figures

    found = []
    speakers = figure_relations.article_speakers(docs)
    for index in sorted(docs):
        doc = docs[index]
        figures = doc._.figures if doc.has_extension("figures") and doc._.figures is not None else \
            find_all_figures(doc)
        found.extend(earlier_figures(figures, index, doc, speakers[index]))
    return found


# Qualifiers a part of a printed total may carry: a single count, exact or bounded on one side ('as many as 24
# died on the spot while two died later' beside 'the toll is 26'); a range or a vague count is no part.
PART_QUALIFIERS = ("exact", "approx", "at_least", "more_than", "fewer_than")


def sums_into_total(doc, figures, sentence_index: int, article=()) -> set[int]:
    """Return the positions of the figures of a sentence that are the parts of a printed total (an exact rule):
    two or more single counts of one kind, none of them the attackers, joined by 'and' or a contrast word ('two
    died on the spot and one died in hospital', '24 died on the spot while two died later'; not two sources'
    tolls, 'nine, while another source said 10', whose sum is no printed figure), whose sum the article gives as
    a figure of that kind, in this sentence or another one."""
    parts: set[int] = set()
    for kind in JUDGED_FIGURES:
        positions = [i for i, figure in enumerate(figures) if figure.kind == kind and not figure.count.is_vague
                     and figure.count.qualifier in PART_QUALIFIERS and not _counts_attackers(doc, figure)]
        if len(positions) < 2 or not _conjoined(doc, [figures[i] for i in positions]):
            continue
        total = sum(figures[i].count.value for i in positions)
        in_sentence = any(figure.kind == kind and not figure.count.is_vague and figure.count.value == total
                          for i, figure in enumerate(figures) if i not in positions)
        elsewhere = any(item.kind == kind and item.value == total and item.sentence_index != sentence_index
                        and not item.is_several_attacks for item in article)  # each attack's toll is its own
        if in_sentence or elsewhere:
            parts.update(positions)
    return parts


KIND_RULE_WORDS_PATH = DATA_DIR / "dictionaries" / "kind_rule_words.csv"
KIND_RULE_LISTS = ("period_preposition", "period_recent", "period_count", "period_unit",
                   "period_phrase", "period_start_event", "period_beginning", "period_whole", "attacks_preposition", "attacks_modifier",
                   "assault_plural", "spread_preposition")


@lru_cache(maxsize=None)
def kind_rule_words(name: str, path: str | None = None) -> frozenset[str]:
    """Return one list of data/dictionaries/kind_rule_words.csv (columns word, list, note): the editorial words of
    the exact kind rules (period totals, totals over several attacks)."""
    from helpers.word_lists import words_of

    return words_of(Path(path) if path else KIND_RULE_WORDS_PATH, "list", KIND_RULE_LISTS, name)


def _words(name: str) -> str:
    """Return a regex alternation of one kind-rule word list, longest first, a phrase's spaces as any spaces."""
    return "(?:" + "|".join(re.escape(word).replace(r"\ ", r"\s+")
                            for word in sorted(kind_rule_words(name), key=lambda w: (-len(w), w))) + ")"


# A count of several attacks in a figure's sentence ('in two attacks', 'three separate explosions', 'attacked the
# post twice'): the figure adds up their tolls (an exact rule, judge_figures). 'Separate' marks any attack noun;
# a bare number only the nouns that are one assault each (attacks, raids, ambushes), since two blasts or strikes
# are often one attack; coordinated, simultaneous or twin attacks are left to the model (news counts them as
# one attack as often as not), and so is a series or wave (told as one campaign).
_ATTACK_NOUNS = r"(?:attacks|raids|ambushes|assaults|incidents|bombings|blasts|explosions|strikes|airstrikes|shootings)"
_FILLER = r"(?:(?!(?:in|on|at|of|the|a|an|and|by|from|to)\b)[\w-]+\s+){0,2}?"
SEVERAL_ATTACKS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|[2-9]|[1-9]\d)\s+" + _FILLER
    + r"(?:attacks|raids|ambushes|assaults|incidents)\b"
    r"|\bseparate\s+" + _FILLER + _ATTACK_NOUNS + r"\b"
    r"|\b(?:attacked|struck|hit|ambushed|raided|targeted)\b[^.;:]{0,40}?\btwice\b"
    # attacks in the plural with no article ('were killed in attacks on villages', 'during recent raids on
    # posts'): several attacks, not one; 'in the attacks' (one coordinated attack's parts, often) is left out
    # (kind_rule_words.csv: attacks_preposition, attacks_modifier, assault_plural)
    r"|\b" + _words("attacks_preposition") + r"\s+(?:" + _words("attacks_modifier") + r"\s+)?"
    + _words("assault_plural") + r"\b", re.I)
_ONE_ATTACK_TOGETHER = re.compile(r"\b(?:coordinated|simultaneous|twin|near-simultaneous)\b", re.I)
# Two attacks named together before a figure ('an attack on a helicopter and a car bombing near a base left 14
# dead', 'an explosion at X and a suicide attack at Y'): the figure that follows is their total.
_ONE_ATTACK = r"(?:attack|ambush|raid|bombing|explosion|blast|shooting|assault|air ?strike)"
TWO_ATTACKS_NAMED = re.compile(r"\b" + _ONE_ATTACK + r"\b[^.;:]{0,60}?\band\s+(?:in\s+|on\s+)?(?:an?|another)\s+"
                               r"(?:[\w-]+\s+){0,2}?" + _ONE_ATTACK + r"\b", re.I)
# ... unless the attacks are another time's ('after two attacks last month', 'the third attack since', 'than').
_EARLIER_ATTACKS = re.compile(r"\b(?:after|since|following|before|than|like|latest|last|previous|recent|earlier|"
                              r"past|similar)\s+(?:[\w,'’-]+\s+){0,3}$", re.I)


# A span of time longer than one attack, in a figure's clause: the figure is a running or period total ('in the past
# ten months, attacks killed 583', '300 soldiers have been killed so far this year', 'since January, 45 have died',
# 'recent weeks have seen 27 deaths', 'two decades of clashes left 9,000 dead', 'since the coup, 1,200 died').
_MONTH_NAMES = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
# (kind_rule_words.csv: the period_ lists; month names are the calendar's).
PERIOD = re.compile(
    r"\b" + _words("period_preposition") + r"\s+(?:the\s+)?" + _words("period_recent") + r"\s+(?:(?:\d+|"
    + _words("period_count") + r")\s+)?" + _words("period_unit") + r"\b"
    r"|\brecent\s+" + _words("period_unit") + r"\b"
    r"|\b(?:\d+|" + _words("period_count") + r")\s+(?:years|decades)\s+of\s+(?:\w+\s+)?" + _words("period_whole") + r"\b"
    r"|\b(?:since|following)\s+the\s+(?:[\w-]+\s+)?" + _words("period_start_event") + r"\b"
    r"|\b" + _words("period_phrase") + r"\b|\bsince\s+the\s+" + _words("period_beginning") + r"\s+of\s+"
    r"(?:the\s+|this\s+)?" + _words("period_whole") + r"\b"
    r"|\bsince\s+(?:early\s+|late\s+|mid-?)?" + _MONTH_NAMES + r"\b(?!\s+\d)", re.I)
# ... unless the span only ranks the attack ('the deadliest attack since 2015', 'the first ... in the past ten years').
_RANKED = re.compile(r"\b(?:deadliest|worst|bloodiest|largest|biggest|first|most|highest|since\s+then)\b", re.I)


def counts_a_period(doc, figure, figures=()) -> bool:
    """Tell whether a figure's sentence (when it gives no other figure of its kind; else its casualty word's
    clause) places it in a span of time longer than an attack (PERIOD), not as the rank of one attack ('the
    deadliest in the past ten years'): a running or period total."""
    if figure.kind not in JUDGED_FIGURES:
        return False
    text = doc.user_data.get("text") or doc.text
    clause = text
    if any(other is not figure and other.kind == figure.kind for other in figures):
        if figure.predicate is None:
            return False
        predicate = doc[figure.predicate]
        other_clauses = {token.i for child in predicate.children if child.dep_ in ("conj", "parataxis") and
                         child.pos_ in ("VERB", "AUX") for token in child.subtree}  # '..., and the army said 40 ...'
        clause = " ".join(token.text for token in predicate.subtree if token.i not in other_clauses)
    for match in PERIOD.finditer(clause):
        if not _RANKED.search(clause[max(0, match.start() - 40):match.start()]):
            return True
    return False


def counts_several_attacks(doc, figure, figures=()) -> bool:
    """Tell whether a figure is a total over several attacks its sentence counts ('gunmen killed 11 villagers in
    two separate attacks', 'three separate explosions killed four'), spreads across places (is_spread_across_places)
    or names two of them before the figure ('an
    attack on a convoy and a car bombing near a base left 14 dead'), not as earlier ones, and gives no other exact
    count of the figure's kind (then each count is one attack's toll: 'five died in one village and three in
    another in two attacks')."""
    if figure.count.is_vague or figure.kind not in JUDGED_FIGURES:
        return False
    if any(other is not figure and other.kind == figure.kind and not other.count.is_vague for other in figures):
        return False
    if is_spread_across_places(doc, figure):
        return True
    text = doc.user_data.get("text") or doc.text
    for match in SEVERAL_ATTACKS.finditer(text):
        if not _ONE_ATTACK_TOGETHER.search(match.group()) and not _EARLIER_ATTACKS.search(text[:match.start()]):
            return True
    for match in TWO_ATTACKS_NAMED.finditer(text):  # before the figure, no figure between the two (each its own)
        if any(match.start() < other.start < match.end() for other in figures):
            continue
        if match.end() <= figure.start and not _EARLIER_ATTACKS.search(text[:match.start()]):
            return True
        if match.start() >= figure.end and _names_its_attacks(text[figure.end:match.start()], match.group(),
                                                              text[match.end():]) and \
                not any(figure.end <= other.start < match.start() for other in figures):
            return True  # '8 died in an explosion at X and in a suicide attack at Y': the two attacks' total
    return False


def is_spread_across_places(doc, figure) -> bool:
    """Tell whether a figure's killing, or the attack its casualty word names as the doer, is spread across places
    ('100 civilians were killed across both camps', 'a bombardment across the country killed 41'; kind_rule_words.csv,
    spread_preposition hung on the casualty word or its subject): a total over several attacks. A place of the
    counted people ('137 people in villages across the country', _after_place_object) says nothing of the attacks."""
    if figure.predicate is None:
        return False
    predicate = doc[figure.predicate]
    hosts = {predicate.i} | {child.i for child in predicate.children
                             if child.dep_ in ("nsubj", "nsubjpass") and child.i != figure.anchor}
    words = kind_rule_words("spread_preposition")
    return any(token.lower_ in words and token.dep_ == "prep" and token.head.i in hosts and not _after_place_object(token)
               for token in doc)


def _after_place_object(token) -> bool:
    """Tell whether a preposition comes right after the object of another ('in villages across the district'): it
    then most often qualifies that object, whatever the parse hangs it on."""
    return token.i > 0 and token.doc[token.i - 1].dep_ == "pobj" and token.doc[token.i - 1].pos_ in ("NOUN", "PROPN")


# The words from a figure to two attacks named after it that make them the figure's cause ('killed in a', '...
# lost their lives following an'): short, one clause, no comparison or earlier time.
_CAUSE_GAP = re.compile(r"^[^.;:]{0,60}\b(?:in|by|after|following|during|when|as)\s+(?:(?:an?|the|two)\s+)?$", re.I)
_NOT_CAUSE = re.compile(r"\b(?:than|since|previous|last|earlier|like|while|whereas|but)\b", re.I)


_LATER_TIME = re.compile(r"^[^.;:]{0,25}?\b(?:last|earlier|previous|ago|in (?:19|20)\d\d)\b", re.I)


def _names_its_attacks(gap: str, attacks: str, after: str) -> bool:
    """Tell whether the words between a figure and two attacks named after it (`attacks`, followed by `after`)
    lead to them as its cause, not to other attacks it is compared with ('more than in an attack ... last year')."""
    return bool(_CAUSE_GAP.match(gap)) and not _NOT_CAUSE.search(gap + attacks) and not _LATER_TIME.match(after)


# Words that open a part of a count just given: its breakdown after a colon or dash ('the toll reached 10: a man,
# three women and six children'), a subset ('including four children', 'of them, two were police', 'among the
# dead were three soldiers'). Corpus conventions: a subset or a breakdown item of a printed total is a part of it.
_PART_OPENER = re.compile(r"[:—–]|\s-\s|\b(?:including|includ(?:es|ed)|among(?:st)? (?:them|whom|those|the (?:dead|"
                          r"victims|killed|wounded|injured))|of (?:them|whom|those|the (?:dead|victims|killed|wounded|"
                          r"injured)))\b", re.I)
_OF_THEM_START = re.compile(r"^\W*(?:of (?:them|whom|those|the (?:dead|victims|killed|wounded|injured))|among(?:st)? "
                            r"(?:them|those|the (?:dead|victims|killed|wounded|injured)))\b", re.I)
# ... but not a new clause of its own that gives another count ('killed 10; in another attack, five died').
_NEW_CLAUSE = re.compile(r";|\b(?:while|whereas|another|other|separately|later|earlier|but)\b", re.I)


def listed_part(doc, figure, figures=(), earlier=(), sentence_index: int = 0) -> bool:
    """Tell whether a figure is an item or subset of a larger count of its kind just given (an exact rule): in
    its sentence, the larger count comes first and a colon, dash, 'including', 'of them' or 'among the dead'
    leads from it to the figure, with no new clause between ('at least 10 people were killed, including four
    children'); or the figure's sentence opens with 'of them' / 'among the dead' after a sentence (at most two
    back) that gave a larger count of its kind ('Twelve people died. Of them, four were police'). The attackers'
    own dead listed in a toll are left to the model (the attackers' dead, not a part of the victims)."""
    if figure.kind not in JUDGED_FIGURES or _counted_class(doc, figure) == "attackers":
        return False
    text = doc.user_data.get("text") or doc.text
    value = figure.count.value
    for other in figures:
        if other is figure or other.kind != figure.kind or other.count.value <= value or other.end > figure.start:
            continue
        between = text[other.end:figure.start]
        if _PART_OPENER.search(between) and not _NEW_CLAUSE.search(between):
            return True
    if _OF_THEM_START.match(text[:figure.start]) and not _NEW_CLAUSE.search(text[:figure.start]):
        return any(item.kind == figure.kind and item.value > value and 0 < sentence_index - item.sentence_index <= 2
                   for item in earlier)
    return False


def _conjoined(doc, figures) -> bool:
    """Tell whether figures are joined by a conjunction: their casualty words (else their counted nouns) are one
    word or conjuncts of one another in the parse, or the same casualty noun repeated with 'and' between the
    counts ('70 deaths in A and 30 deaths in B', which the parser often hangs apart)."""
    heads = [doc[figure.predicate] if figure.predicate is not None else doc[figure.anchor] for figure in figures]
    group = {heads[0].i} | {token.i for token in heads[0].conjuncts}
    group |= {token.i for token in heads[0].children if _is_contrast_clause(token)}
    return all(head.i in group for head in heads[1:]) or _repeats_its_noun(doc, figures, heads)


def _repeats_its_noun(doc, figures, heads) -> bool:
    """Tell whether each figure's casualty word is the same noun ('deaths', 'dead') and the counts follow each other
    joined by 'and', with no clause break (';') between them."""
    if len({head.lower_ for head in heads}) != 1 or any(head.pos_ != "NOUN" for head in heads):
        return False
    text = doc.user_data.get("text") or doc.text
    ordered = sorted(figures, key=lambda figure: figure.start)
    gaps = [text[first.end:second.start] for first, second in zip(ordered, ordered[1:])]
    return all(re.search(r"\band\b", gap) and ";" not in gap for gap in gaps)


def _is_contrast_clause(token) -> bool:
    """Tell whether a word heads a clause hung on its head by a contrast word ('..., while two died later';
    annotate_words.csv, list contrast_word): news sets the parts of one toll side by side this way."""
    from helpers.annotate.words import word_list

    contrast = word_list("contrast_word")
    return token.dep_ == "advcl" and any(child.dep_ == "mark" and child.lower_ in contrast for child in token.children)


def _counts_attackers(doc, figure) -> bool:
    """Tell whether a figure's counted words are attackers ('three assailants', 'two suicide bombers')."""
    anchor = doc[figure.anchor]
    counted = doc[anchor.left_edge.i: anchor.right_edge.i + 1].text if anchor.i != figure.root else ""
    return bool(counted) and (bool(CUES["attackers"].search(counted)) or any(
        actor_dictionary.actor_type_of(match.canonical) == "non-state armed group"
        for match in actor_dictionary.find_actors(counted)))


def context_features(figure, sentence_index: int, earlier=(), sentence_figures=(), later=()) -> dict[str, float]:
    """Return what the article's other figures say of one figure: the same number given before (a repeat),
    a larger figure of its kind before, nearby or in its own sentence (it may be a part of that total), or
    none before (the lede's toll)."""
    features: dict[str, float] = {}
    if figure.count.is_vague:
        return features
    value, kind = figure.count.value, figure.kind
    before = [item for item in earlier if item.kind == kind]
    if not before:
        features["ctx=first_of_kind"] = 1.0
    if any(item.value == value for item in before):
        features["ctx=same_before"] = 1.0
    if any(item.value > value for item in before):
        features["ctx=larger_before"] = 1.0
        if any(item.value > value and sentence_index - item.sentence_index <= 2 for item in before):
            features["ctx=larger_just_before"] = 1.0
    if before and all(item.value < value for item in before):
        features["ctx=largest_so_far"] = 1.0
    after = [item for item in later if item.kind == kind and item.sentence_index > sentence_index]
    if any(item.value > value for item in after):
        features["ctx=larger_after"] = 1.0  # '27 children killed' in the title, '305 people' in the body
    if any(item.value == value for item in after):
        features["ctx=same_after"] = 1.0  # the title's toll the body repeats
    lead = next(iter(before or after), None)
    if lead is not None and lead.value == value and before:
        features["ctx=lead_value"] = 1.0  # the article's first toll of this kind, given again
    for other in sentence_figures:
        if other is figure or other.kind != kind or other.count.is_vague:
            continue
        if other.count.value > value:
            features["ctx=larger_in_sentence"] = 1.0
        elif other.count.value < value:
            features["ctx=smaller_in_sentence"] = 1.0
    return features


# Counted nouns that name no group of people ('12 people', 'five others'): a figure of them after a larger
# one is another count of the same dead more often than a part of it, and is rarely the attackers'.
GENERIC_COUNTED = {"people", "persons", "individuals", "others", "victims", "dead", "lives", "deaths", "bodies",
                   "casualties", "fatalities"}


def _counted_class(doc, figure) -> str:
    """Return what a figure counts, as the context features read it: 'attackers' ('12 militants', 'three of
    the assailants'), 'partitive' (a part named as one: 'seven of them', 'two of the wounded'), 'generic'
    ('12 people', a bare '12'), or 'specific' (any other group: '12 soldiers', '27 children')."""
    anchor, root = doc[figure.anchor], doc[figure.root]
    phrase = doc[anchor.left_edge.i: anchor.right_edge.i + 1].text
    if _counts_attackers(doc, figure) or (anchor.i == root.i and (CUES["attackers"].search(phrase) or any(
            actor_dictionary.actor_type_of(match.canonical) == "non-state armed group"
            for match in actor_dictionary.find_actors(phrase)))):
        return "attackers"
    if any(child.dep_ == "prep" and child.lower_ in ("of", "among") for child in (*root.children, *anchor.children)):
        return "partitive"
    return "generic" if anchor.i == root.i or anchor.lower_ in GENERIC_COUNTED else "specific"


def _voice(predicate) -> str:
    """Return how a casualty word takes its people: 'passive' ('were killed'), 'active' ('killed five'),
    'intransitive' ('died'), or 'noun' ('deaths', 'the toll')."""
    if predicate.pos_ not in ("VERB", "AUX"):
        return "noun"
    if any(child.dep_ in ("auxpass", "nsubjpass") for child in predicate.children) or predicate.dep_ in ("acl", "amod"):
        return "passive"
    return "active" if any(child.dep_ in ("dobj", "obj") for child in predicate.children) else "intransitive"


def _dependency_path(anchor, predicate) -> str:
    """Return the dependency labels from the counted noun up to its casualty word ('nsubjpass', 'pobj>prep'),
    at most four steps; '<self>' when the counted noun is the casualty word, '<off>' when it is not below it."""
    if anchor.i == predicate.i:
        return "<self>"
    labels, token = [], anchor
    for _ in range(4):
        labels.append(token.dep_)
        token = token.head
        if token.i == predicate.i:
            return ">".join(labels)
        if token.head is token:
            break
    return "<off>"


def _is_quoted(text: str, offset: int) -> bool:
    """Tell whether a figure sits inside quotation marks of its sentence (a quoted speaker, not the narration)."""
    before = text[:offset]
    straight = before.count('"') % 2 == 1
    return straight or before.count("“") > before.count("”")


def figure_features(doc, figure, sentence_index: int, *, is_war_wide: bool = False, earlier=(),
                    sentence_figures=(), article=()) -> dict[str, float]:
    """Return the features of one figure of a parsed sentence (annotate's Figure: char span, token indices);
    `earlier` holds the article's figures of earlier sentences (Earlier), `sentence_figures` its sentence's,
    `article` all of the article's (article_figures; its later sentences' are read)."""
    features: dict[str, float] = context_features(figure, sentence_index, earlier, sentence_figures, article)
    text = doc.user_data.get("text") or doc.text
    if OWN_ATTACK.search(text):  # 'the group attacked a convoy, killing seven': the article's larger figures
        features = {f"{name}_own_attack": value for name, value in features.items()}  # are another attack's
    counted_class = _counted_class(doc, figure)
    for name in list(features):  # 'a larger figure before' says 'a part' of '27 children', not of '12 people'
        features[f"{name}_{counted_class}"] = 1.0
    text = doc.user_data.get("text") or doc.text
    span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    first, last = (span.start, span.end) if span is not None else (figure.root, figure.root + 1)
    for k in (1, 2, 3):
        features[f"left{k}=" + (_word(doc[first - k]) if first - k >= 0 else "<s>")] = 1.0
        features[f"right{k}=" + (_word(doc[last + k - 1]) if last + k - 1 < len(doc) else "</s>")] = 1.0
    for token in doc[max(0, first - 8):first]:
        if not token.is_punct:
            features["lw=" + _word(token)] = 1.0
    for token in doc[last:last + 8]:
        if not token.is_punct:
            features["rw=" + _word(token)] = 1.0
    for token in doc:
        if token.is_alpha:
            features["s=" + token.lower_] = 0.5
    anchor = doc[figure.anchor]
    features["anchor=" + _word(anchor)] = 1.0
    features["anchor_dep=" + anchor.dep_] = 1.0
    for child in anchor.children:
        if not child.like_num and not child.is_punct:
            features["anchor_mod=" + child.lower_] = 1.0
    if figure.predicate is not None:
        predicate = doc[figure.predicate]
        features["pred=" + predicate.lower_] = 1.0
        features["pred_tag=" + predicate.tag_] = 1.0
        features["pred_dep=" + predicate.dep_] = 1.0
        for child in predicate.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                features["pred_subj=" + _word(child)] = 1.0
            elif child.dep_ in ("dobj", "obj"):
                features["pred_obj=" + _word(child)] = 1.0
        features["voice=" + figure.kind + "_" + _voice(predicate)] = 1.0
        path = _dependency_path(doc[figure.anchor], predicate)
        features["path=" + path] = 1.0
        features["role=" + path.split(">")[-1]] = 1.0  # the counted words' role at the casualty word
    else:
        features["pred=<none>"] = 1.0
    if _is_quoted(text, figure.start):
        features["flag=quoted"] = 1.0
    for depth, token in enumerate(doc[figure.root].ancestors):
        if depth >= 5:
            break
        features["anc=" + _word(token)] = 1.0
    features["kind=" + figure.kind] = 1.0
    features["qual=" + figure.count.qualifier] = 1.0
    features["mag=" + _magnitude(figure.count.value)] = 1.0
    features["sent=" + _sentence_position(sentence_index)] = 1.0
    if figure.count.is_vague:
        features["flag=vague"] = 1.0
    if len(figure.parts) > 1:
        features["flag=breakdown"] = 1.0
    if is_war_wide:
        features["flag=war_wide"] = 1.0
    left_text = doc[max(0, first - 8):first].text
    right_text = doc[last:last + 8].text
    clause = doc[figure.predicate].subtree if figure.predicate is not None else ()
    clause_text = " ".join(token.text for token in clause)
    for name, pattern in CUES.items():
        if pattern.search(text):
            features["cue=" + name] = 1.0
        if pattern.search(left_text):  # where the cue sits says more than that the sentence holds it
            features["cue_left=" + name] = 1.0
        if pattern.search(right_text):
            features["cue_right=" + name] = 1.0
        if clause_text and pattern.search(clause_text):
            features["cue_clause=" + name] = 1.0
    counted = doc[anchor.left_edge.i: anchor.right_edge.i + 1].text if anchor.i != figure.root else ""
    for match in actor_dictionary.find_actors(counted):
        features["counted=" + str(actor_dictionary.actor_type_of(match.canonical))] = 1.0
    if counted and CUES["attackers"].search(counted):
        features["counted=attacker_word"] = 1.0
    for match in actor_dictionary.find_actors(text):
        features["sentence_actor=" + str(actor_dictionary.actor_type_of(match.canonical))] = 1.0
    for token in doc:  # 'after militants stormed the post' (they act: the attackers) or 'troops killed 12 militants'
        if token.i != anchor.i and CUES["attackers"].fullmatch(token.text):
            features["cue_role=attackers_" + ("agent" if token.dep_ in ("nsubj", "agent") else "other")] = 1.0
    features.update(initiative_features(doc, figure, counted_class))
    features.update(figure_context.article_context_features(doc, figure, sentence_index, article))
    features.update(figure_relations.relation_features(doc, figure, sentence_index, article))
    features.update(figure_structure.structure_features(doc, figure))
    return features


# --- who began the event, and an earlier reading of the toll (kinds-recall workstream) -------------------------
# Kept apart from the features above so the two workstreams' changes stay separate. Feature prefix `side=`; the
# two exact rules judge_figures applies after the model (began_by_the_state, is_another_reading).
def initiative_features(doc, figure, counted_class: str) -> dict[str, float]:
    """Return who began the killing the figure reports (helpers.initiative): the state's forces as its doers
    (`side=state_agent`), an operation, raid or air strike it happened in (`side=state_operation`), words of an
    answer to an attack (`side=response`), and `side=state_initiated` (paired with what the figure counts) when
    the state began it, nothing says it answered an attack and the counted people are not named as the attack's
    doers ('assailants'). CONVENTIONS: the attackers' own dead are those of
    the side that attacked in that event, so militants killed in an army operation are its victims."""
    from helpers.initiative import counts_attackers_by_role, initiative, is_state_initiated

    found = initiative(doc, figure.predicate, figure.anchor)
    features = {f"side={name}": 1.0 for name in sorted(found)}
    if is_state_initiated(doc, figure.predicate, figure.anchor) and not counts_attackers_by_role(doc[figure.anchor]):
        features["side=state_initiated"] = 1.0
        features[f"side=state_initiated_{counted_class}"] = 1.0
    features.update(main_attack_features(doc, figure, found, counted_class))
    return features


def main_attack_features(doc, figure, found: set[str], counted_class: str) -> dict[str, float]:
    """Return who began the article's main attack (helpers.main_attack, read from its lede: `main=state` or
    `main=armed_group`), paired with what the figure counts, and `main=answered_*` when the state's forces
    themselves killed the figure's people in answer to it (`found`: helpers.initiative's reading of the figure's
    own clause; helpers.main_attack.answers_the_main_attack): 'troops killed 13 militants' in a report of an
    attack on the troops counts the attackers' own dead."""
    from helpers.main_attack import answers_the_main_attack, starter_of

    starter = starter_of(doc)
    if not starter:
        return {}
    features = {f"main={starter}": 1.0, f"main={starter}_{counted_class}": 1.0}
    if "state_agent" in found and answers_the_main_attack(doc, figure):
        features[f"main=answered_{counted_class}"] = 1.0
    return features


def began_by_the_state(doc, figure, features: dict[str, float]) -> bool:
    """Tell whether a figure counts an armed group's members killed in a killing the state's forces began
    (helpers.initiative.began_against_armed_group; `features`: the figure's, whose counted= ones say whether its
    words name an armed group): they are that event's victims, never the attackers' own dead. Not when the
    article's main attack was begun by an armed group and the forces themselves did the killing, not an operation or
    an air strike of theirs (helpers.main_attack.answers_the_main_attack): then they answered that attack."""
    from helpers.initiative import began_against_armed_group

    from helpers.main_attack import answers_the_main_attack

    counted = {name[len("counted="):] for name in features if name.startswith("counted=")}
    if answers_the_main_attack(doc, figure):
        return False  # 'our troops killed 13 militants' where the article's news is the militants' attack
    return began_against_armed_group(doc, figure, bool(counted & {"non-state armed group", "attacker_word"}))


def is_another_reading(doc, figure, window: int = 8) -> bool:
    """Tell whether a figure is given as an earlier or revised reading of a toll ('the eight deaths initially
    reported', 'initial reports spoke of 18 bodies, later revised down to 14', 'local authorities previously
    confirmed around 60'; data/dictionaries/toll_readings.csv, read beside a figure, within `window` tokens of it):
    CONVENTIONS makes such a reading a row of its own (a revised figure is its own row, another source's figure
    too), so it is never a part of the other reading's total."""
    from helpers.toll_readings import revision_words

    words = revision_words()
    span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    first, last = (span.start, span.end) if span is not None else (figure.root, figure.root + 1)
    return any(token.lower_ in words for token in doc[max(0, first - window):last + window])


def is_parallel_count(doc, figure) -> bool:
    """Tell whether a figure is the count of a clause of its own joined to another by a contrast word ('33
    soldiers were killed near A, while 10 militiamen were killed in B'; annotate_words.csv, list contrast_word):
    news writing sets such counts side by side, so the second is never a part of the first's total, unless a
    subset word marks it as one ('while six of them were children', list subset_word)."""
    from helpers.annotate.words import SUBSET_WORDS, word_list

    head = doc[figure.anchor]
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:  # a root is its own head
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        return False
    contrast = word_list("contrast_word")
    if not any(child.dep_ == "mark" and child.lower_ in contrast for child in head.children):
        return False
    return not any(token.lower_ in SUBSET_WORDS for token in head.subtree)


# --- the shipped model ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class KindModel:
    """A multinomial linear model: classes, feature names, weights (classes × features) and intercepts."""

    classes: tuple[str, ...]
    feature_names: tuple[str, ...]
    weights: np.ndarray
    intercepts: np.ndarray
    recipe: dict

    @classmethod
    def from_dict(cls, data: dict) -> "KindModel":
        """Build the model from its JSON form, checking the format."""
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"figure-kind model format must be {MODEL_FORMAT}; got {data.get('format')!r}")
        weights = np.asarray(data["weights"], dtype=float)
        intercepts = np.asarray(data["intercepts"], dtype=float)
        classes, names = tuple(data["classes"]), tuple(data["feature_names"])
        if weights.shape != (len(classes), len(names)) or intercepts.shape != (len(classes),):
            raise ValueError("figure-kind model: weights must be classes × features and one intercept per class")
        return cls(classes, names, weights, intercepts, dict(data.get("recipe", {})))

    def to_dict(self) -> dict:
        """Return the JSON form (weights rounded to 6 decimals, so the file is stable and small)."""
        return {"format": MODEL_FORMAT, "classes": list(self.classes), "feature_names": list(self.feature_names),
                "intercepts": [round(float(v), 6) for v in self.intercepts],
                "weights": [[round(float(v), 6) for v in row] for row in self.weights], "recipe": self.recipe}

    @property
    def _index(self) -> dict[str, int]:
        index = self.__dict__.get("_index_cache")
        if index is None:
            index = {name: i for i, name in enumerate(self.feature_names)}
            object.__setattr__(self, "_index_cache", index)
        return index

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        """Return each class's probability for one figure's features (unknown features are ignored)."""
        index = self._index
        columns, values = [], []
        for name, value in features.items():
            column = index.get(name)
            if column is not None:
                columns.append(column)
                values.append(value)
        # each known feature's weights times its value, added to the intercepts one feature after another in the
        # features' order (a cumulative sum adds in order: the same scores as adding them one at a time)
        terms = np.empty((len(self.classes), len(columns) + 1))
        terms[:, 0] = self.intercepts
        terms[:, 1:] = self.weights[:, columns] * np.asarray(values, dtype=float)
        scores = np.add.accumulate(terms, axis=1)[:, -1]
        scores = np.exp(scores - scores.max())
        scores /= scores.sum()
        return {kind: float(p) for kind, p in zip(self.classes, scores)}


@lru_cache(maxsize=2)
def load_model(path: str | None = None) -> KindModel:
    """Load the shipped figure-kind model (data/models/figure_kinds.json)."""
    return read_model(Path(path) if path else MODEL_PATH, KindModel.from_dict, "figure-kind",
                      "python -m helpers.figure_kinds train")


_models: ModelSwitch[KindModel] = ModelSwitch(load_model)  # another model while cross-validating


def using_model(model: KindModel):
    """Judge figures with another model inside the block (cross-validation); the shipped one after it."""
    return _models.using(model)


def is_other_sources_count(features: dict[str, float]) -> bool:
    """Whether a figure is another source's count of the dead beside a larger one, and so that source's own figure,
    never a part of the other's total (CONVENTIONS, "A count of bodies by another source"): the larger figures of its
    kind come from other speakers than its own, and nothing presents it as a subset — no subset marker ("among", "of them",
    "including") and no subset noun under a generic total ("three children" beside "20 people")."""
    return ("rel=total_other_source" in features and "rel=subset_marker_with_total" not in features
            and "rel=subset_noun_of_generic_total" not in features)


def told_as_the_attack_before(doc, figure) -> bool:
    """Whether the figure is told as the attack the news came after ("The bombing came two days after gunmen killed
    five traders"): another attack's toll, never a part of the news's total (annotate.dates.is_earlier_attack)."""
    from helpers.annotate.dates import is_earlier_attack  # annotate imports this module

    return doc is not None and is_earlier_attack(doc, figure.anchor)


def decide(probabilities: dict[str, float], threshold: float = MIN_SET_ASIDE_PROBABILITY) -> str:
    """Return the kind a figure is given: the most probable kind, unless it would set the figure aside with a
    probability below `threshold` (then `victims`, the rules' own reading)."""
    kind = max(sorted(probabilities), key=lambda name: probabilities[name])
    if kind not in ROW_KINDS and probabilities[kind] < threshold:
        return "victims"
    return kind


def judge(doc, figures, sentence_index: int, war_wide: list[bool] | None = None,
          model: KindModel | None = None, earlier=(), article=()) -> list[str]:
    """Return the kind of each figure of a parsed sentence (judge_figures without who decided)."""
    return [kind for kind, _ in judge_figures(doc, figures, sentence_index, war_wide, model, earlier, article)]


def judge_figures(doc, figures, sentence_index: int, war_wide: list[bool] | None = None,
                  model: KindModel | None = None, earlier=(), article=()) -> list[tuple[str, str]]:
    """Return the kind of each figure of a parsed sentence and what decided it ('rule' or 'model'); `earlier`:
    the article's figures of earlier sentences (earlier_figures), `article`: all of them (article_figures).
    Exact rules first: captured and missing people are not judged (`victims`, they stay extra columns); a
    war-wide total by annotate's rule is `cumulative_total`; parts whose sum the article prints as a figure
    of their kind are `part_of_total` (sums_into_total); a figure of a sentence that counts several attacks is
    `multi_attack_total` (counts_several_attacks); an item or subset listed after a larger count of its kind
    is `part_of_total` (listed_part)."""
    model = model or _models.current()
    parts = sums_into_total(doc, figures, sentence_index, article)
    kinds = []
    for position, figure in enumerate(figures):
        is_war_wide = bool(war_wide[position]) if war_wide else False
        if figure.kind not in JUDGED_FIGURES:
            kinds.append(("victims", "rule"))
        elif is_war_wide:
            kinds.append(("cumulative_total", "rule"))
        elif position in parts:
            kinds.append(("part_of_total", "rule"))
        elif listed_part(doc, figure, figures, earlier, sentence_index):
            kinds.append(("part_of_total", "rule"))
        elif counts_a_period(doc, figure, figures):  # a period's attacks: 'since January, 180 killed in attacks'
            kinds.append(("cumulative_total", "rule"))
        elif counts_several_attacks(doc, figure, figures):
            kinds.append(("multi_attack_total", "rule"))
        elif names_attackers(doc[figure.anchor]) and not figure.count.is_vague:
            kinds.append(("attackers_dead", "rule"))  # 'four assailants were shot dead': they attacked
        else:
            features = figure_features(doc, figure, sentence_index, is_war_wide=is_war_wide, earlier=earlier,
                                       sentence_figures=figures, article=article)
            probabilities = model.probabilities(features)
            if figure.count.is_vague:  # a vague count of victims is a row (an interval), never dropped as no figure
                probabilities.pop("not_figure", None)
            counted = {name[len("counted="):] for name in features if name.startswith("counted=")} - {"attacker_word"}
            if counted & NEVER_ATTACKERS and counted <= NEVER_ATTACKERS | {"state forces"}:
                probabilities.pop("attackers_dead", None)  # 'ten pro-government fighters and soldiers'
            if figure_wording.is_ally_count(doc[figure.anchor]):
                probabilities.pop("attackers_dead", None)  # 'ten government loyalists', 'allied fighters'
            if began_by_the_state(doc, figure, features):
                probabilities.pop("attackers_dead", None)  # '17 militants were killed in an army operation'
            # the attacked side's dead beside the attackers' ('two policemen and three of the attackers were
            # killed'), or a toll net of the attackers it included ('eight killed, including three assailants': 5,
            # CONVENTIONS' exact arithmetic): the victims' own figure, neither the attackers' dead nor a part
            if figure_sides.is_set_beside_attackers(doc, figure, figures) or \
                    getattr(figure, "is_net_of_attackers", False):
                probabilities.pop("attackers_dead", None)
                probabilities.pop("part_of_total", None)
            if is_another_reading(doc, figure):
                probabilities.pop("part_of_total", None)  # 'the eight deaths initially reported': its own row
            if is_parallel_count(doc, figure):
                probabilities.pop("part_of_total", None)  # '..., while ten militiamen were killed in B'
            if is_other_sources_count(features):
                probabilities.pop("part_of_total", None)  # 'officials said eight died but a survivor said 15'
            if told_as_the_attack_before(doc, figure):
                probabilities.pop("part_of_total", None)  # 'the bombing came two days after gunmen killed five traders'
            kinds.append((decide(probabilities), "model"))
    return kinds


def warm_up() -> None:
    """Load the model ahead of use (the runner calls this in a waiting kernel)."""
    load_model()


# --- training data from the dev split --------------------------------------------------------------------
def _gold_numbers(row) -> set[int]:
    numbers = set()
    for column in ("killed", "wounded", "casualties", "killed_max", "wounded_max"):
        value = row.get(column)
        if isinstance(value, str) and value.strip().isdigit():
            numbers.add(int(value.strip()))
    return numbers


def _evidence_span(text: str, evidence: str) -> tuple[int, int] | None:
    """Return where a gold evidence sentence sits in the cleaned text (exact, else with whitespace folded)."""
    if not evidence:
        return None
    found = text.find(evidence)
    if found >= 0:
        return found, found + len(evidence)
    words = evidence.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    match = pattern.search(text)
    return (match.start(), match.end()) if match else None


def _gold_figure(row, figure: str) -> int | None:
    """Return a gold row's number in the column of one of annotate's figures ('killed', 'wounded', 'casualties')."""
    value = row.get(figure)
    return int(value.strip()) if isinstance(value, str) and value.strip().isdigit() else None


# A count with a qualifier ('almost 100', 'more than 100') within this share of a gold row's number of the same
# figure restates that row's count in rounder words (CONVENTIONS: one row per figure, the precise one).
ROUNDED_SHARE = 0.1


def label_figure(text: str, gold_rows: list[dict], sentence_span: tuple[int, int], figure_text: str,
                 value: int, is_vague: bool, figure: str | None = None, qualifier: str = "exact") -> str:
    """Return the gold kind of a figure: that of a gold row giving its number in an overlapping sentence, else
    of a gold row giving it elsewhere in the article (a repeat), else `not_figure` - unless the gold counts it
    another way than by its own number (`figure`: annotate's figure, killed / wounded / casualties):
    - a part of a whole: its sentence's gold row of the same figure gives a larger number (the breakdown's sum
      or the total the part belongs to, CONVENTIONS' `part_of_total`); the part of the attackers' dead is
      the attackers' dead;
    - a rounded restatement: a qualified count ('almost 100') within ROUNDED_SHARE of a gold row's number of
      the same figure takes that row's kind, as a repeat does.
    Without these, a figure the gold counts as a sum or in rounder words would teach the model that a plain
    victims' sentence is no figure."""
    def gives(row) -> bool:
        vague = (row.get("vague_text") or "").strip().lower()
        if is_vague:
            return bool(vague) and vague in figure_text.lower()
        return value in _gold_numbers(row)

    def kind_of(row) -> str:
        return (row.get("figure_kind") or "victims").strip() or "victims"

    start, end = sentence_span
    nearby, elsewhere, in_sentence, in_article = [], [], [], []
    for row in gold_rows:
        span = _evidence_span(text, row.get("evidence") or "")
        is_nearby = span is not None and span[0] < end and start < span[1]
        (in_sentence if is_nearby else in_article).append(row)
        if gives(row):
            (nearby if is_nearby else elsewhere).append(row)
    for rows in (nearby, elsewhere):
        kinds = [kind_of(row) for row in rows]
        if kinds:
            return "victims" if "victims" in kinds and rows is elsewhere else kinds[0]
    if is_vague or figure is None:
        return "not_figure"
    wholes = [row for row in in_sentence if (_gold_figure(row, figure) or 0) > value]
    if wholes:
        kind = kind_of(wholes[0])
        return "part_of_total" if kind == "victims" else kind
    if qualifier != "exact" and value >= 10:
        restated = [row for row in in_sentence + in_article
                    if _gold_figure(row, figure) and abs(_gold_figure(row, figure) - value) <= ROUNDED_SHARE * value]
        if restated:
            return kind_of(restated[0])
    return "not_figure"


def extract_examples(split: str = "dev", texts: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """Run annotate's figure finder over a split's articles and label each figure from the split's gold
    (`texts`: the split's ingested texts, when the caller has them already)."""
    import pandas as pd

    from helpers import annotate, corpus, ingest

    if split != "dev":
        raise ValueError(f"the figure-kind model is trained on the dev split only; got split={split!r}")
    paths = corpus.split_paths(split)
    gold, _ = corpus.read_gold(split)
    gold_by_article = {key: [row.to_dict() for _, row in group.fillna("").astype(str).iterrows()]
                       for key, group in gold.groupby("article_id")}
    if texts is None:
        texts = ingest.ingest_folder(paths["articles"])["texts"]
    texts = texts.sort_values("article_id", kind="mergesort")
    nlp = annotate.build_nlp()
    rows = []
    for article in texts.itertuples(index=False):
        text = "" if pd.isna(article.text) else str(article.text)
        sentences = annotate.split_sentences(text)
        jobs = [(annotate._parse_ready(text[s:e]), i) for i, (s, e) in enumerate(sentences)
                if annotate.is_candidate_sentence(text[s:e])]
        parsed = [(doc, index, annotate.find_all_figures(doc)) for doc, index in nlp.pipe(jobs, as_tuples=True)]
        mark_main_attack({index: doc for doc, index, _ in parsed})
        speakers = figure_relations.article_speakers({index: doc for doc, index, _ in parsed})
        whole = [item for doc, index, figures in parsed
                 for item in earlier_figures(figures, index, doc, speakers[index])]
        earlier: list[Earlier] = []
        for doc, index, figures in parsed:
            start, end = sentences[index]
            for figure in figures:
                if figure.kind not in JUDGED_FIGURES:
                    continue
                war_wide = annotate._is_war_wide(doc, figure)
                figure_text = text[start + figure.start:start + figure.end]
                label = label_figure(text, gold_by_article.get(str(article.article_id), []), (start, end),
                                     figure_text, figure.count.value, figure.count.is_vague, figure.kind,
                                     figure.count.qualifier)
                features = figure_features(doc, figure, index, is_war_wide=war_wide, earlier=earlier,
                                           sentence_figures=figures, article=whole)
                rows.append({"article_id": str(article.article_id), "sentence_index": index,
                             "figure_start": start + figure.start, "figure_text": figure_text,
                             "value": figure.count.value, "is_vague": figure.count.is_vague,
                             "figure": figure.kind, "label": label,
                             "sentence": text[start:end], "features": json.dumps(features, sort_keys=True)})
            earlier.extend(earlier_figures(figures, index))
    columns = ["article_id", "sentence_index", "figure_start", "figure_text", "value", "is_vague", "figure",
               "label", "sentence", "features"]
    return pd.DataFrame(rows, columns=columns).sort_values(["article_id", "figure_start"], kind="mergesort") \
        .reset_index(drop=True)


def fit(features: list[dict[str, float]], labels: list[str], recipe: dict | None = None) -> KindModel:
    """Fit the multinomial logistic regression of the recipe on feature dicts and kinds."""
    from sklearn.linear_model import LogisticRegression

    recipe = {**RECIPE, **(recipe or {})}
    unknown = sorted(set(labels) - set(KINDS))
    if unknown:
        raise ValueError(f"labels must be figure kinds ({', '.join(KINDS)}); got {', '.join(unknown)}")
    vectoriser, matrix = vectorise_common_features(features, recipe["min_feature_count"])
    estimator = LogisticRegression(C=recipe.get("C", DEFAULT_C), max_iter=recipe["max_iter"], random_state=recipe["random_state"],
                                   class_weight=class_weights(labels, recipe.get("class_weight"),
                                                              recipe.get("class_weight_power", 1.0)))
    with threadpool_limits(1):  # one BLAS thread: on a shared machine more only wait for each other (40x slower)
        estimator.fit(matrix, labels)
    classes = list(estimator.classes_)
    weights, intercepts = estimator.coef_, estimator.intercept_
    if len(classes) == 2:  # scikit-learn keeps one row for two classes
        weights, intercepts = np.vstack([-weights[0] / 2, weights[0] / 2]), np.array([-intercepts[0] / 2,
                                                                                      intercepts[0] / 2])
    full = np.zeros((len(KINDS), weights.shape[1]))
    full_intercepts = np.full(len(KINDS), -30.0)  # a kind with no training example is never chosen
    for row, kind in enumerate(classes):
        full[KINDS.index(kind)] = weights[row]
        full_intercepts[KINDS.index(kind)] = intercepts[row]
    return KindModel(tuple(KINDS), tuple(vectoriser.get_feature_names_out()), full, full_intercepts,
                     {**recipe, "n_examples": len(labels),
                      "examples_per_kind": {kind: labels.count(kind) for kind in KINDS}})


def class_weights(labels: list[str], scheme: str | None, power: float = 1.0) -> dict[str, float] | None:
    """Return each kind's weight in the fit: none (`scheme` None), or scikit-learn's 'balanced' weights
    n / (kinds × count) raised to `power` (1: fully balanced; below 1, a rare kind's few examples, whose labels
    are the noisiest, weigh less against the many victims' figures)."""
    if scheme is None:
        return None
    if scheme != "balanced":
        raise ValueError(f"class_weight must be 'balanced' or None; got {scheme!r}")
    counts = {kind: labels.count(kind) for kind in sorted(set(labels))}
    return {kind: (len(labels) / (len(counts) * count)) ** power for kind, count in counts.items()}


def with_temperature(model: KindModel, temperature: float) -> KindModel:
    """Return the model with its scores divided by `temperature` (above 1: softer probabilities, below 1: sharper);
    the most probable kind of a figure stays the same, only how sure the model says it is changes."""
    if temperature <= 0:
        raise ValueError(f"temperature must be positive; got {temperature!r}")
    return KindModel(model.classes, model.feature_names, model.weights / temperature, model.intercepts / temperature,
                     {**model.recipe, "temperature": temperature})


def out_of_fold_probabilities(features: list[dict[str, float]], labels: list[str], fold_of: list[int],
                              recipe: dict | None = None) -> np.ndarray:
    """Return each example's kind probabilities (rows: examples, columns: KINDS) from a model fitted on the
    other folds (`fold_of[i]`: example i's fold)."""
    probabilities = np.zeros((len(labels), len(KINDS)))
    for fold in sorted(set(fold_of)):
        train = [i for i in range(len(labels)) if fold_of[i] != fold]
        model = fit([features[i] for i in train], [labels[i] for i in train], recipe)
        for i in (i for i in range(len(labels)) if fold_of[i] == fold):
            found = model.probabilities(features[i])
            probabilities[i] = [found[kind] for kind in KINDS]
    return probabilities


def _tempered(probabilities: np.ndarray, temperature: float) -> np.ndarray:
    scores = np.log(np.clip(probabilities, 1e-12, 1.0)) / temperature
    scores = np.exp(scores - scores.max(axis=1, keepdims=True))
    return scores / scores.sum(axis=1, keepdims=True)


def mean_log_loss(probabilities: np.ndarray, labels: list[str]) -> float:
    """Return the mean negative log probability given to each example's labelled kind."""
    given = probabilities[np.arange(len(labels)), [KINDS.index(label) for label in labels]]
    return float(-np.mean(np.log(np.clip(given, 1e-12, 1.0))))


def choose_recipe(features: list[dict[str, float]], labels: list[str], fold_of: list[int]) -> dict:
    """Choose the recipe's C (the C_grid value whose out-of-fold probabilities have the least log loss; the smaller
    C, the stronger the regularisation, on a tie) and then the temperature that calibrates those probabilities
    (temperature_grid, least log loss). Return them with the log losses before and after calibration."""
    losses = {}
    for c in RECIPE["C_grid"]:
        probabilities = out_of_fold_probabilities(features, labels, fold_of, {"C": c})
        losses[c] = (round(mean_log_loss(probabilities, labels), 6), probabilities)
    chosen = min(losses, key=lambda c: (losses[c][0], c))
    loss, probabilities = losses[chosen]
    tempered = {t: round(mean_log_loss(_tempered(probabilities, t), labels), 6) for t in RECIPE["temperature_grid"]}
    temperature = min(tempered, key=lambda t: (tempered[t], abs(t - 1.0)))
    return {"C": chosen, "temperature": temperature, "cv_log_loss": round(loss, 4),
            "cv_log_loss_calibrated": round(tempered[temperature], 4),
            "cv_log_loss_by_C": {str(c): round(losses[c][0], 4) for c in RECIPE["C_grid"]}}


def fit_calibrated(features: list[dict[str, float]], labels: list[str], chosen: dict) -> KindModel:
    """Fit the model with a chosen C and divide its weights by the chosen temperature (choose_recipe)."""
    return with_temperature(fit(features, labels, {"C": chosen["C"]}), chosen["temperature"])


def cross_validate(features: list[dict[str, float]], labels: list[str], folds: int = 5,
                   fold_of: list[int] | None = None, chosen: dict | None = None) -> list[str]:
    """Return out-of-fold decisions, to judge the model on figures it was not fitted on: example i is in fold
    `fold_of[i]` (train passes the article folds, an event's articles together), else in fold i % folds;
    `chosen`: the C and temperature to fit with (choose_recipe), else C=DEFAULT_C uncalibrated."""
    fold_of = list(fold_of) if fold_of is not None else [i % folds for i in range(len(labels))]
    chosen = chosen or {"C": DEFAULT_C, "temperature": 1.0}
    decided = [""] * len(labels)
    for fold in sorted(set(fold_of)):
        train = [i for i in range(len(labels)) if fold_of[i] != fold]
        model = fit_calibrated([features[i] for i in train], [labels[i] for i in train], chosen)
        for i in (i for i in range(len(labels)) if fold_of[i] == fold):
            decided[i] = decide(model.probabilities(features[i]))
    return decided


def train(examples_path: Path = EXAMPLES_PATH, model_path: Path = MODEL_PATH) -> KindModel:
    """Extract the dev examples, fit the model, write both files; print out-of-fold recall and precision by kind
    (five folds of articles, those sharing an event together)."""
    examples = extract_examples("dev")
    examples_path.parent.mkdir(parents=True, exist_ok=True)
    examples.drop(columns="features").to_csv(examples_path, index=False, lineterminator="\n", encoding="utf-8")
    # The dev gold leaves many vague counts without a row although its conventions make them victims' rows,
    # so a vague count's `not_figure` label is noise: such examples are not fitted (judge never gives it).
    features, labels = _fitted(examples)
    from helpers import corpus

    fitted = examples[~(examples["is_vague"] & (examples["label"] == "not_figure"))]
    folds = article_folds(sorted(set(examples["article_id"])), corpus.read_gold("dev")[0])
    fold_of = [folds[article] for article in fitted["article_id"]]
    chosen = choose_recipe(features, labels, fold_of)
    print(f"chosen C {chosen['C']} (out-of-fold log loss by C: {chosen['cv_log_loss_by_C']}), temperature "
          f"{chosen['temperature']} (log loss {chosen['cv_log_loss']} -> {chosen['cv_log_loss_calibrated']})")
    decided = cross_validate(features, labels, fold_of=fold_of, chosen=chosen)
    for kind in KINDS:
        gold = [i for i, label in enumerate(labels) if label == kind]
        predicted = [i for i, label in enumerate(decided) if label == kind]
        correct = len(set(gold) & set(predicted))
        print(f"{kind:20} gold {len(gold):4}  predicted {len(predicted):4}  correct {correct:4}"
              f"  recall {correct / len(gold) if gold else math.nan:.2f}"
              f"  precision {correct / len(predicted) if predicted else math.nan:.2f}")
    model = fit_calibrated(features, labels, chosen)
    model.recipe.update({key: value for key, value in chosen.items() if key.startswith("cv_")})
    model_path.write_text(json.dumps(model.to_dict(), sort_keys=True) + "\n", encoding="utf-8")
    load_model.cache_clear()
    print(f"wrote {model_path.name} ({len(model.feature_names)} features) and {examples_path.name} "
          f"({len(labels)} examples)")
    return model


def _fitted(examples) -> tuple[list[dict[str, float]], list[str]]:
    """The features and labels train fits (a vague count's `not_figure` label left out, see train)."""
    kept = examples[~(examples["is_vague"] & (examples["label"] == "not_figure"))]
    return [json.loads(value) for value in kept["features"]], list(kept["label"])


def article_folds(article_ids: list[str], gold: "pd.DataFrame", folds: int = 5) -> dict[str, int]:
    """Deal articles to folds, the articles that share a gold event (directly or through others) to one fold."""
    from helpers import corpus

    components = corpus.article_components(article_ids, gold)
    return {article: index % folds for index, group in enumerate(components) for article in group}


def annotate_out_of_fold(texts: "pd.DataFrame", folds: int = 5, *,
                         n_process: int = 1) -> "tuple[pd.DataFrame, pd.DataFrame]":
    """Annotate the dev split's texts with each fold of articles judged by a model fitted on the other folds;
    articles that share a gold event stay in one fold, so no event is judged by a model that saw it. Returns
    the mentions and the figures set aside, as annotate.annotate_articles_with_set_aside does."""
    import pandas as pd

    from helpers import annotate, corpus, figure_kinds

    if not isinstance(folds, int) or folds < 2:
        raise ValueError(f"folds must be an integer of at least 2; got {folds!r}")
    gold, _ = corpus.read_gold("dev")
    dev_articles = {path.stem for path in corpus.split_paths("dev")["articles"].glob("*.txt")}
    unknown = sorted(set(texts["article_id"]) - dev_articles)
    if unknown:
        raise ValueError(f"out-of-fold annotation is for the dev split's articles; got {', '.join(unknown[:5])}")
    fold_of = article_folds(sorted(texts["article_id"]), gold, folds)
    examples = extract_examples("dev", texts)
    shipped = load_model().recipe  # the C and temperature train chose (on all folds' examples)
    chosen = {"C": shipped.get("C", DEFAULT_C), "temperature": shipped.get("temperature", 1.0)}
    mentions, set_aside = [], []
    for fold in range(folds):
        features, labels = _fitted(examples[examples["article_id"].map(fold_of) != fold])
        with figure_kinds.using_model(fit_calibrated(features, labels, chosen)):  # the module annotate imports, also under -m
            found, aside = annotate.annotate_articles_with_set_aside(
                texts[texts["article_id"].map(fold_of) == fold], n_process=n_process)
        mentions.append(found)
        set_aside.append(aside)
    return (pd.concat(mentions, ignore_index=True).sort_values("mention_id", kind="mergesort").reset_index(drop=True),
            pd.concat(set_aside, ignore_index=True).sort_values(["article_id", "figure_start"], kind="mergesort")
            .reset_index(drop=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.figure_kinds", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["train", "crossval"],
                        help="train: extract the dev examples and refit the model; crossval: the dev split's "
                             "scores with out-of-fold kinds (as `tasks.py score --split dev --out-of-fold`)")
    args = parser.parse_args(argv)
    if args.command == "train":
        train()
        return 0
    from helpers import score

    return score.main(["--split", "dev", "--out-of-fold"])


if __name__ == "__main__":
    sys.exit(main())

"""The annotator's editorial vocabulary: casualty verbs and nouns, subset and speech words, event nouns, and the
cue patterns built on them (war-wide totals, new incidents, claims, suspicion, rising tolls, generic sources).

Decides which words make a sentence a candidate, which words are casualty words of which kind, and which cues
the other modules read. The pipeline runs without its lemmatizer, so the lists hold word forms.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from helpers import figure_wording
from helpers.annotate.numbers.complements import candidate_words as complement_candidate_words
from helpers.paths import DATA_DIR
from helpers.toll_readings import between_figures_pattern
from helpers.word_lists import words_of
from helpers.annotate.source_words import source_word_rules

WORDS_PATH = DATA_DIR / "dictionaries" / "annotate_words.csv"
WORD_LISTS = ("kill_verb", "wound_verb", "capture_verb", "kill_noun", "wound_noun", "casualty_noun", "missing_word",
              "subset_word", "war_subject", "speech_word", "pronoun_speaker", "event_noun", "non_victim_noun",
              "location_preposition", "toll_setting_verb", "toll_noun", "victims_side_word",
              "context_phrase", "contrast_word", "not_people_preposition", "recalled_attack_cue",
              "captive_noun", "armed_noun", "away_place_cue", "statement_place_verb", "away_preposition",
              "fatal_adverb", "occurrence_verb", "recalled_attack_adjective", "told_before_cue", "response_verb",
              "sequence_subject", "violence_noun", "ordinal_word", "blast_noun")


@lru_cache(maxsize=None)
def word_list(name: str, path: str | None = None) -> frozenset[str]:
    """Return one word list of annotate_words.csv (columns word, list, note; every row needs a note), read once."""
    return words_of(Path(path) if path else WORDS_PATH, "list", WORD_LISTS, name)


# --- casualty vocabulary (word forms; the pipeline runs without its lemmatizer) -------------------------
KILL_VERBS = set(word_list("kill_verb"))
WOUND_VERBS = set(word_list("wound_verb"))
CAPTURE_VERBS = set(word_list("capture_verb"))
KILL_NOUNS = set(word_list("kill_noun"))
WOUND_NOUNS = set(word_list("wound_noun"))
CASUALTY_NOUNS = set(word_list("casualty_noun"))
KILL_VERBS |= figure_wording.casualty_words("killed")  # data/dictionaries/casualty_words.csv
WOUND_VERBS |= figure_wording.casualty_words("wounded")
MISSING_WORDS = set(word_list("missing_word"))
# Adverbs that make a verb of harm a killing ('were fatally shot', 'was mortally wounded').
FATAL_ADVERBS = set(word_list("fatal_adverb"))
# Words after which a count is a part of the figure before it, not an addition.
SUBSET_WORDS = set(word_list("subset_word"))
LIST_SEPARATORS = re.compile(r"(?:,|\band\b|\balong with\b|\bas well as\b|\bplus\b|\btogether with\b|"
                             r"\bin addition to\b)", re.I)
SUBSET_MARKERS = re.compile(r"\b(?:including|among(?:st)? (?:them|whom|those)|of whom|of them|mostly|mainly|"
                            r"most of them|many of them|the majority)\b", re.I)
# Every listed casualty word makes a sentence a candidate, besides the stems below.
_LISTED_WORDS = "|".join(re.escape(word) for word in sorted(
    KILL_VERBS | WOUND_VERBS | KILL_NOUNS | WOUND_NOUNS | CASUALTY_NOUNS, key=len, reverse=True))
CANDIDATE_WORDS = re.compile(
    r"\b(?:" + _LISTED_WORDS + r"|kill\w*|die[ds]?|dying|dead|deaths?|slain|slew|execut\w+|massacre\w*|murder\w*|perish\w*|"
    r"martyr\w*|behead\w*|fatally|mortally|neutrali[sz]\w*|eliminat\w*|wound\w*|injur\w*|hurt|casualt\w+|fatalit\w+|lives|toll|"
    r"captur\w+|abduct\w+|"
    r"kidnap\w*|missing|" + figure_wording.candidate_word_pattern() + "|" +
    "|".join(sorted(complement_candidate_words(), key=len, reverse=True)) + r")\b", re.I)
CANDIDATE_COUNT = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"dozens?|several|scores|few|handful|number|tens|hundreds|thousands)\b", re.I)
# War-wide totals are not events: "the conflict has killed ...", "... since the war broke out in 2011".
WAR_SUBJECTS = set(word_list("war_subject"))
# A perfect-tense toll of a war: "... have been killed in the insurgency", "... have died in the conflict".
WAR_TOLL = re.compile(r"\b(?:ha(?:s|ve)\s+(?:been\s+)?(?:killed|died|left)|ha(?:s|ve)\s+(?:claimed|cost))\b"
                      r"[^.;]*?\b(?:war|conflict|insurgency|violence|fighting|rebellion|crisis)\b"
                      r"|\b(?:war|conflict|insurgency|violence|fighting|rebellion|crisis)\b[^.;]*?"
                      r"\bha(?:s|ve)\s+(?:\w+\s+)?(?:killed|left|claimed|cost)\b", re.I)
WAR_WIDE = re.compile(r"\bsince\b[^.;]*?\b(?:(?:19|20)\d\d|war|conflict|uprising|revolution)\b",
                      re.I)
# Words that open another incident of the same report: "In another attack", "a separate bombing", "Elsewhere".
# (the words between never hold "the", "that", "this", "its" or "their": "another 18 soldiers were wounded in the
# attack" adds victims to the attack already told, it names no other one)
NEW_INCIDENT = re.compile(r"\b(?:an?other|a (?:separate|similar|different))\b"
                          r"(?:(?!\b(?:the|that|this|its|their)\b)[\w\s,'’-]){0,40}?"
                          r"\b(?:attack|incident|bombing|blast|ambush|explosion|raid|"
                          r"strike|airstrike|clash|assault|shooting)s?\b|\belsewhere\b", re.I)
# Cues of a further attack that NEW_INCIDENT does not name, used only to group an article's figures into events
# (helpers.annotate.events): an ordinal attack ("in a second assault", "a third attack"), a sentence opened by
# "Separately," and an attack told some
# time later in the same sentence ("Hours later, a drone attack downed a helicopter", "About an hour later,
# gunmen ambushed a convoy"). News tells a follow-up attack this way; the toll of one attack told later ("hours
# later, the toll rose to 12", "two days later, police said 14 had died in the attack") names no attack after the
# time, or only through a speaker or "the attack" (the one already told), so it stays with its attack.
LATER_INCIDENT = re.compile(r"\ba (?:second|third|fourth|fresh)\s+(?:\w+\s+)?(?:attack|assault|ambush|raid)s?\b|"
                            # keys8: a sentence opened by "Separately," tells another item of the news ("Separately,
                            # a landmine killed two herders"); "an official separately confirmed" is not one
                            r"^\W*separately\s*,|"
                            # linking7: a further blast told by its weapon ("a patrol hit another mine", "another
                            # roadside bomb went off"): one weapon does not go off twice
                            r"\banother\s+(?:explosive(?:\s+device)?|(?:land\s?)?mine|ied|roadside\s+bomb|car\s+bomb)s?\b|"
                            r"\b(?:minutes|hours|an hour|a day|days)\s+later\b,?(?=(?:(?!\b(?:the|its|that|this|said|says|"
                            r"told|reported|according)\b)[^.;]){0,60}?\b(?:attack(?:ed|s)?|"
                            r"assault(?:ed)?|ambush(?:ed)?|raid(?:ed)?|bomb(?:ed|ing)?|land ?mine|mine|struck)\b)",
                            re.I)
# Words between two figures of one kind in a sentence that make the second another reading of the same toll: a
# revision ("18 bodies, which was later revised down to 14", "initially reported eight ..., but later updates ...
# 12"; the words of data/dictionaries/toll_readings.csv read between figures, helpers.toll_readings) or another
# source's count ("... while another source reported nine dead", "however, residents say 40").
OTHER_READING = re.compile(r"\b(?:" + between_figures_pattern() + "|"
                           r"said|says|say|reported|reports|claim(?:s|ed)?|"
                           r"according\s+to|told|put\s+the\s+(?:death\s+)?(?:toll|number|figure)|"
                           r"(?:an)?other\s+(?:\w+\s+)?sources?)\b"
                           # "revised the toll down to 11 on Monday from 12", "rose to 14, up from nine": the reading before
                           r"|\bfrom\s*$", re.I)
TOLL_RISING = re.compile(r"\b(?:toll|number)\b[^.]{0,60}\b(?:expected to|may|could|likely to)\s+(?:rise|climb|"
                         r"increase|grow)\b|\bexpected the death toll to rise\b", re.I)
SPEECH_WORDS = set(word_list("speech_word"))
# Speech verbs found without a parse (neighbour sentences): every tense a speaker is quoted in ('police say', 'the
# governor adds'), leaving out the forms that are as often nouns ('a report', 'the claims', 'the states').
SPEECH_REGEX = re.compile(r"\b(?:said|says|say|reported|reports|added|adds|told|tells|stated|announced|announces|"
                          r"claimed|according to|confirmed|confirms|documented|revealed|reveals)\b", re.I)
CLAIM_CUES = re.compile(r"\b(?:statement|telegram|channel|propaganda|amaq|its (?:own )?(?:media|news agency)|"
                        r"claimed to have)\b", re.I)
SUSPECTED_CUES = re.compile(r"\b(?:believed|suspected|thought|presumed|alleged(?:ly)?|likely|probably|"
                            r"apparently)\b", re.I)
PRONOUN_SPEAKERS = set(word_list("pronoun_speaker"))
# Words a side uses of its own dead or of an attack on it ('innocent civilians', 'martyrs', 'a cowardly attack'):
# a group speaking so speaks for the victims' side, and its figure is not a claim by the attackers.
VICTIMS_SIDE_WORDS = re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
    word_list("victims_side_word"), key=len, reverse=True)) + r")\b", re.I)
# Phrases that make a sentence tell of a group's record or the war, not the attack reported ('IS militants have
# carried out several attacks in recent months'): a group named only there is not the article's attacker.
CONTEXT_PHRASES = re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
    word_list("context_phrase"), key=len, reverse=True)) + r")\b", re.I)
# Words that tell an attack as one from well before the news ("a bombing months ago", "earlier this year", "last
# year's raid", "previously reported"): its figure is a recalled attack's (helpers.annotate.recalled).
RECALLED_ATTACK_CUES = re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
    word_list("recalled_attack_cue"), key=len, reverse=True)) + r")(?!\w)", re.I)
# 'Witnesses put the death toll at 30': who sets a toll gives it (the verb's subject is the speaker).
# 'the recent bombing at the airport, in which 13 were killed': an attack word so qualified is an attack told before
# the news (helpers.annotate.recalled).
RECALLED_ATTACK_ADJECTIVES = set(word_list("recalled_attack_adjective"))
# 'two police officers were killed earlier this week in Cali': words that tell an attack before the news, but only
# of a figure told after the news's own (the news itself can be told so) (helpers.annotate.recalled)
TOLD_BEFORE_CUES = re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
    word_list("told_before_cue"), key=len, reverse=True)) + r")(?!\w)", re.I)
TOLL_SETTING_VERBS = set(word_list("toll_setting_verb"))
TOLL_NOUNS = set(word_list("toll_noun"))
# Event nouns: a figure in a relative clause on one of them is the outlet's description of the event.
EVENT_NOUNS = set(word_list("event_noun"))
# "The attack occurred last week", "the raid took place on Friday": the date right after the verb is the attack's
OCCURRENCE_BEFORE_DATE = re.compile(
    r"\b(?:" + "|".join(re.escape(noun) for noun in sorted(EVENT_NOUNS, key=len, reverse=True)) + r")\s+"
    r"(?:(?:was|had|has|reportedly|actually)\s+)?(?:" + "|".join(
        re.escape(verb).replace(r"\ ", r"\s+") for verb in sorted(word_list("occurrence_verb"), key=len, reverse=True))
    + r")\s+(?:on\s+|in\s+|at\s+|during\s+)?$", re.I)
# Words that make a sentence tell of the attack (its date, place and attackers are then the main event's context):
# plurals and "massacre" too ("several explosions rocked the airport on Wednesday", "villagers massacred on Saturday").
EVENT_WORDS = re.compile(r"\b(?:attack\w*|ambush\w*|assault\w*|bomb\w*|blasts?|explosions?|massacre\w*|raid\w*|strike\w*|"
                         r"clash\w*|shell\w*|fight\w*|took place|happened|occurred|kill\w*|offensive|gunmen|"
                         r"opened fire|assailants|attackers|toll)\b", re.I)
# Nouns a count can count that are never people: events, weapons, vehicles, buildings, places, occasions.
NON_VICTIM_NOUNS = EVENT_NOUNS | word_list("non_victim_noun")
# Generic source words (data/dictionaries/source_words.csv), tried in order: the types of unnamed speakers.
GENERIC_SOURCE_RULES = list(source_word_rules())
LOCATION_PREPOSITIONS = set(word_list("location_preposition"))

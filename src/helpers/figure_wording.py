"""Wordings of a toll that only exact rules read: extra casualty verbs, a toll stated by its verb, breakdowns.

The editorial lists live in data/dictionaries/ with a note per row:
- `casualty_words.csv`: verbs the parse links a count to beyond annotate's own ("succumbed", "hospitalised");
- `casualty_phrases.csv`: a verb and its object that together say the subject died or was hurt ("lost their
  lives", "embraced martyrdom", "sustained injuries");
- `toll_words.csv`: the subjects ("toll", "the number of dead") and verbs ("stood at", "estimated at",
  "put the toll at") of a sentence that states a toll's value, and the words that make "lives" a count of
  the dead ("claimed 13 lives", "the loss of 84 lives", "claimed the lives of 56 civilians").

Breakdowns are arithmetic: "a driver and four passengers" counts the singular noun as one (5), and a total
followed by its own breakdown ("ten people, six soldiers and four civilians") is the total, not a sum.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from helpers.numbers import Count, add_counts, parse_ordinal
from helpers.paths import DATA_DIR
from helpers.word_lists import read_word_list, words_of

CASUALTY_WORDS_PATH = DATA_DIR / "dictionaries" / "casualty_words.csv"
TOLL_WORDS_PATH = DATA_DIR / "dictionaries" / "toll_words.csv"
CASUALTY_PHRASES_PATH = DATA_DIR / "dictionaries" / "casualty_phrases.csv"
CASUALTY_KINDS = ("killed", "wounded")
TOLL_ROLES = ("subject", "verb", "lives", "event_claims")
# Words that make a singular noun one person of a breakdown: "a driver", "an elder", "one soldier".



@lru_cache(maxsize=None)
def casualty_words(kind: str, path: str | None = None) -> frozenset[str]:
    """Return the extra casualty words of one kind ('killed' or 'wounded') from casualty_words.csv."""
    return words_of(Path(path) if path else CASUALTY_WORDS_PATH, "kind", CASUALTY_KINDS, kind)


@lru_cache(maxsize=None)
def toll_words(role: str, path: str | None = None) -> frozenset[str]:
    """Return the toll subjects or toll verbs of toll_words.csv."""
    return words_of(Path(path) if path else TOLL_WORDS_PATH, "role", TOLL_ROLES, role)


@lru_cache(maxsize=2)
def casualty_phrases(path: str | None = None) -> dict[tuple[str, str], str]:
    """Return {(verb, object): kind} of casualty_phrases.csv ('lost' + 'lives' -> killed)."""
    frame = read_word_list(Path(path) if path else CASUALTY_PHRASES_PATH, ["verb", "object", "kind", "note"], "kind",
                           CASUALTY_KINDS)
    pairs = list(zip(frame["verb"].str.lower(), frame["object"].str.lower()))
    if len(set(pairs)) != len(pairs):
        raise ValueError(f"{Path(path or CASUALTY_PHRASES_PATH).name}: a verb and object must be given once")
    return dict(zip(pairs, frame["kind"]))


def phrase_kind(verb) -> str | None:
    """Return the kind a verb takes with its object ('lost their lives': killed, 'sustained injuries': wounded),
    or None; the subject of such a verb is the dead or wounded."""
    phrases = casualty_phrases()
    return next((phrases[(verb.lower_, child.lower_)] for child in verb.children
                 if (verb.lower_, child.lower_) in phrases), None)


def candidate_word_pattern() -> str:
    """Return a regular-expression alternation of the extra casualty words and the verbs by which an event
    claims its dead (for annotate's prefilter)."""
    objects = {obj for _, obj in casualty_phrases()}
    words = sorted(casualty_words("killed") | casualty_words("wounded") | objects | toll_words("event_claims"),
                   key=len, reverse=True)
    return "|".join(words)


def toll_kind(verb, kind_of_word) -> str | None:
    """Return the kind of a toll a verb states ('the death toll stood at 25', 'the number of dead was estimated
    at 30 to 40', 'officials put the toll at 40', '..., bringing the toll to 18', 'fatalities reached 33'), or None. `kind_of_word` maps a casualty word to its kind."""
    if verb.lower_ not in toll_words("verb"):
        return None
    if verb.dep_ == "relcl" and kind_of_word(verb.head) in CASUALTY_KINDS and \
            any(child.dep_ == "prep" and child.lower_ == "to" for child in verb.children):
        return kind_of_word(verb.head)  # '18 bodies, which was later revised down to 14': the revised figure
    subjects = toll_words("subject")
    for child in verb.children:
        if child.dep_ not in ("nsubj", "nsubjpass", "dobj") or child.lower_ not in subjects:
            continue
        if kind_of_word(child) in (*CASUALTY_KINDS, "casualties"):
            return kind_of_word(child)  # 'fatalities reached 33', 'casualties rose to 40': the subject is the count
        if child.lower_ == "toll":
            modifiers = {c.lower_ for c in child.children if c.dep_ in ("compound", "amod", "nmod")}
            if modifiers & {"injury", "injuries", "wounded"}:
                return "wounded"
            return "killed"
        for preposition in (c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"):
            for counted in (c for c in preposition.children if c.dep_ == "pobj"):
                # 'the number of dead', 'the number of soldiers killed'
                for word in [counted, *(c for c in counted.children if c.dep_ in ("acl", "relcl", "amod"))]:
                    kind = kind_of_word(word)
                    if kind in CASUALTY_KINDS:
                        return kind
        for word in (c for c in child.children if c.dep_ in ("acl", "relcl")):  # the parse may hang 'killed' on
            kind = kind_of_word(word)  # 'number': 'the number of villagers massacred ... is over 200'
            if kind in CASUALTY_KINDS:
                return kind
    return None


def claimed_by_event(verb, token, event_nouns) -> bool:
    """Tell whether people are the dead an event 'claimed' ('the attack claimed 71 soldiers', 'an ambush that
    claimed nine guards'): the verb is an event_claims word of toll_words.csv, the people its object, and its
    subject an event noun (so 'the group claimed the attack' or 'rebels claimed two towns' are not)."""
    if verb.lower_ not in toll_words("event_claims") or token.dep_ not in ("dobj", "obj"):
        return False
    subjects = [child for child in verb.children if child.dep_ == "nsubj"]
    if verb.dep_ == "relcl":
        subjects.append(verb.head)  # 'an attack that claimed 71 soldiers'
    return any(subject.lower_ in event_nouns for subject in subjects)


def lives_lost(anchor) -> bool:
    """Tell whether a counted noun is a number of lives lost: '13 lives' under 'claimed', 'took', 'cost' or 'the
    loss of', or the people of 'the lives of 56 civilians' under such a word."""
    words = toll_words("lives")
    lives = anchor
    if anchor.lower_ != "lives":  # 'claimed the lives of 56 civilians'
        if anchor.dep_ != "pobj" or anchor.head.lower_ != "of" or anchor.head.head.lower_ != "lives":
            return False
        lives = anchor.head.head
    head = lives.head
    if head.lower_ == "of":  # 'the loss of 84 lives'
        head = head.head
    return head is not lives and head.lower_ in words


def counted_word(anchor):
    """Return the noun a count counts: its own head noun, or the noun of 'of the ...' after a bare number
    ('three of the attackers')."""
    if anchor.like_num:
        for preposition in (c for c in anchor.children if c.dep_ == "prep" and c.lower_ == "of"):
            for noun in (c for c in preposition.children if c.dep_ == "pobj"):
                return noun
    return anchor


# Nouns that name the attackers themselves, whatever the sentence ('fighters' and 'rebels' are left out: they are
# as often the victims of a clash or the allies of the forces attacked, 'allied fighters').
ATTACKER_NOUNS = re.compile(r"(?:assailants?|attackers?|gunm[ae]n|militants?|jihadists?|terrorists?|insurgents?|"
                            r"bombers?|kamikazes?|raiders|hostage-takers?|kidnappers?|hijackers?|abductors?)", re.I)
# Modifiers that put the counted people on the side of those attacked ('pro-government militants').
_ALLY_MODIFIERS = {"allied", "pro-government", "loyalist", "friendly", "government"}
_ALLY_NOUNS = {"loyalists"}


def is_ally_count(anchor) -> bool:
    """Return whether a count counts people on the government's side by its words ('ten government loyalists',
    'four allied fighters', 'pro-government militiamen'): never the attackers' own dead."""
    noun = counted_word(anchor)
    return noun.lower_ in _ALLY_NOUNS or any(child.lower_ in _ALLY_MODIFIERS for child in noun.children)


def is_attackers_count(anchor) -> bool:
    """Return whether a count counts the attackers ('two suicide bombers', 'three of the attackers')."""
    return not is_ally_count(anchor) and bool(ATTACKER_NOUNS.fullmatch(counted_word(anchor).lower_))


def counts_other_side(previous_anchor, anchor) -> bool:
    """Return whether two counts joined like a breakdown count different sides: the attackers ('militants',
    'assailants', 'suicide bombers') and the people they attacked ('four soldiers and five assailants were
    killed'), or captives and armed men ('129 hostages and 41 fighters died': those who hold hostages are
    never hostages). The attackers' own dead are never added to the victims: each count is a figure of its own."""
    if is_attackers_count(previous_anchor) != is_attackers_count(anchor):
        return True
    return _is_captives_count(previous_anchor) and _is_armed_count(anchor) or \
        _is_armed_count(previous_anchor) and _is_captives_count(anchor)


@lru_cache(maxsize=None)
def _annotate_words(name: str) -> frozenset[str]:
    """One list of data/dictionaries/annotate_words.csv ('captive_noun', 'armed_noun', 'event_noun'), read once."""
    from helpers.annotate.words import word_list  # annotate.words reads this module's lists at import

    return word_list(name)


def _is_captives_count(anchor) -> bool:
    """Return whether a count counts captives ('129 hostages', 'three of the abductees')."""
    return counted_word(anchor).lower_ in _annotate_words("captive_noun")


def _is_armed_count(anchor) -> bool:
    """Return whether a count counts armed men ('41 fighters', 'five rebels', 'two gunmen'), not the allies."""
    noun = counted_word(anchor)
    return not is_ally_count(anchor) and (noun.lower_ in _annotate_words("armed_noun") or
                                          bool(ATTACKER_NOUNS.fullmatch(noun.lower_)))


# Words after which a casualty word opens a clause of its own ('has risen to 10 and five people were injured').
_CLAUSE_GLUE = {"people", "persons", "others", "other", "more", "were", "was", "are", "is", "have", "has", "had",
                "been", "being", "later", "also", "reportedly", "seriously", "critically", "badly", "out", "of"}


def own_casualty_word(doc, end_token: int, kind: str, kind_of_word):
    """Return the casualty word of another kind than `kind` right after a count (from token `end_token`), or
    None: 'five people were injured' after a killed figure is the wounded's count, not a part of the dead's
    breakdown. `kind_of_word` maps a word to its figure kind."""
    for token in doc[end_token:end_token + 6]:
        other = kind_of_word(token)
        if other is not None:
            return token if other != kind else None
        if not (token.like_num or token.lower_ in _CLAUSE_GLUE or token.pos_ in ("NOUN", "ADJ", "DET")):
            return None
    return None


def is_superlative_one(doc, token_index: int) -> bool:
    """Return whether 'one' is no count of people: 'one of the deadliest ...' (a rank among attacks) or
    'no one was hurt' (none)."""
    words = doc[token_index:token_index + 4]
    if words and words[0].lower_ == "one" and token_index > 0 and doc[token_index - 1].lower_ == "no":
        return True
    return (len(words) >= 4 and words[0].lower_ == "one" and words[1].lower_ == "of"
            and words[2].lower_ in ("the", "its", "their", "his", "her") and
            (words[3].tag_ == "JJS" or words[3].lower_.startswith(("most", "worst", "dead"))))


def object_listed_before(anchor) -> tuple[object, object] | None:
    """Return (verb, object) when a parse read 'killed [the chief] and [the five officers escorting him]' as two
    clauses, making the counted noun the subject of its own participle ('escorting'), or None. A bare -ing form
    with no auxiliary is no finite verb, so it cannot have a subject: the noun is the second item of the verb's
    object, joined by 'and' right before it."""
    participle = anchor.head
    if anchor.dep_ == "conj" and participle.pos_ == "VERB" and participle.i < anchor.i:
        verb = participle  # the other misreading: the noun joined to the verb itself ('killed a judge and the two guards')
    elif anchor.dep_ != "nsubj" or participle.tag_ != "VBG" or participle.dep_ != "conj" or participle.i < anchor.i or \
            any(c.dep_ in ("aux", "auxpass") for c in participle.children):
        return None
    else:
        verb = participle.head
    joiner = anchor.doc[anchor.left_edge.i - 1] if anchor.left_edge.i > 0 else None
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj") and c.i < anchor.i]
    if joiner is None or joiner.dep_ != "cc" or joiner.head.i != verb.i or not objects or \
            objects[-1].right_edge.i != joiner.i - 1:
        return None
    return verb, objects[-1]


def singular_partners(anchor) -> list:
    """Return the determiners of the singular nouns listed with a counted noun, each one more person of the same
    figure: 'a driver and four passengers' ([a]), 'nine soldiers, a policeman and a civilian' ([a, a]). A noun in
    apposition counts only as the head of such a list ('20 people, a record' is no person); the attackers listed
    beside the victims ('ten troops, a gendarme and an assailant') are a figure of their own, never a partner."""
    nouns = []
    while anchor.dep_ in ("compound", "nmod") and anchor.head.i > anchor.i and anchor.head.pos_ in ("NOUN", "PROPN"):
        anchor = anchor.head  # 'twelve DRG jawans and a driver', 'ten Reserve Guards (RG) personnel and a driver':
        # the count may hang on a modifier of the noun the list is joined to
    if object_listed_before(anchor) is not None:
        nouns.append(object_listed_before(anchor)[1])  # 'killed the chief and the five officers escorting him'
    elif anchor.dep_ == "conj" and anchor.head.i < anchor.i:
        nouns.append(anchor.head)
    elif _subject_cut_off_by_its_clause_word(anchor) is not None:
        nouns.append(_subject_cut_off_by_its_clause_word(anchor))
    frontier = [child for child in anchor.children if child.i > anchor.i and (child.dep_ == "conj" or (
        child.dep_ == "appos" and any(c.dep_ == "conj" for c in child.children) and
        child.left_edge.i > 0 and child.doc[child.left_edge.i - 1].text == ","))]  # not '12 people — 11 soldiers and ...'
    while frontier:
        noun = frontier.pop(0)
        nouns.append(noun)
        frontier += [child for child in noun.children if child.dep_ == "conj" and child.i > noun.i]
    determiners = []
    if anchor.lower_ == "lives":
        return []  # 'the loss of 30 lives and the destruction of homes': what is listed beside lives is no person
    for noun in nouns:
        if noun.pos_ != "NOUN" or noun.tag_ != "NN" or noun.lower_ in QUANTITY_NOUNS or \
                ATTACKER_NOUNS.fullmatch(noun.lower_) or \
                noun.lower_ in _annotate_words("non_victim_noun") | _annotate_words("event_noun"):
            continue
        determiner = next((c for c in noun.children if c.dep_ in ("det", "poss") and c.lower_ in PARTNER_WORDS), None)
        if determiner is None:  # 'the town's mayor and four guards': a noun's possessive names the one person
            determiner = next((c.left_edge for c in noun.children if is_possessive_noun(c)), None)
        if determiner is not None and not any(c.like_num and c.dep_ != "conj" for c in noun.children):
            determiners.append(determiner)  # 'one soldier' is a count of its own, added by the breakdown
    return determiners


def _subject_cut_off_by_its_clause_word(anchor):
    """Return the singular noun joined by 'and' right before a counted subject that the parse split from it, or
    None: 'a police chief and 12 officers were killed' is one subject, whether the parse makes the two nouns two
    subjects of the one verb, hangs 'chief' on the word opening the clause ('after', 'when'), or makes the verb
    a conjunct of the main clause with 'after' a preposition of it. Exact: '<noun> and <count> <noun>' with
    nothing between; never a thing or an occasion ('after a raid and 12 officers were killed')."""
    if anchor.dep_ not in ("nsubj", "nsubjpass") or anchor.left_edge.i < 2:
        return None
    conjunction = anchor.doc[anchor.left_edge.i - 1]
    noun = anchor.doc[conjunction.i - 1]
    verb, opener = anchor.head, noun.head
    if conjunction.lower_ != "and" or conjunction.head.i != noun.i or opener.i == noun.i or \
            noun.lower_ in _annotate_words("non_victim_noun") | _annotate_words("event_noun"):
        return None
    if noun.dep_ == anchor.dep_ and opener.i == verb.i:
        return noun  # two subjects of one verb
    if opener.i > noun.i:
        return None
    if (opener.dep_ == "mark" or opener.pos_ == "SCONJ") and opener.head.i == verb.i:
        return noun  # the noun made the object of the word that opens its clause
    if opener.dep_ == "prep" and opener.lower_ in _CLAUSE_PREPOSITIONS and verb.dep_ == "conj" and \
            verb.head.i == opener.head.i:
        return noun  # 'X began after a chief and 12 guards were killed' parsed as two conjoined clauses
    return None


# Words of time that open a clause and that a parse may take for a preposition ('after a chief and 12 guards
# were killed').
_CLAUSE_PREPOSITIONS = {"after", "before", "since", "until", "as"}


def is_possessive_noun(token) -> bool:
    """Return whether a word is a noun's possessive before another noun ('the town's' in 'the town's mayor',
    "Kabul's" in "Kabul's governor"): like 'his', it makes the noun one named person."""
    return token.dep_ == "poss" and token.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "case" and c.lower_ in ("'s", "’s", "'") for c in token.children)


# Nouns whose 'of' names one person killed: 'the death of a novice', 'the killing of a teacher'.
DEATH_NOUNS = {"death", "killing", "murder", "assassination"}


# Determiners that make a singular noun one victim: "killing a peacekeeper", "another official was killed".
ONE_VICTIM_WORDS = {"a", "an", "another"}
# Determiners that make a singular noun listed beside a count one more person of that figure: those of one
# victim, and the definite ones a list uses for the one person of their own role ('ten guards and the driver',
# 'six soldiers and their commander'): joined by 'and' to a count, the person is not among the counted.
PARTNER_WORDS = ONE_VICTIM_WORDS | {"the", "his", "her", "its", "their"}
# Singular nouns that count or group people rather than name one ('a lot of people', 'a group of soldiers').
QUANTITY_NOUNS = {"lot", "number", "couple", "group", "dozen", "handful", "total", "series", "majority", "host",
                  "third", "quarter", "half", "fraction", "figure", "record",
                  "score", "few", "rest", "remainder", "crowd", "family", "unit", "team", "convoy", "patrol", "squad", "platoon"}


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    """The one-word demonyms of data/dictionaries/state_forces.csv ('Afghan', 'Tunisian'): as nouns, a person."""
    from helpers.actors import load_state_forces

    return frozenset(word.lower() for value in load_state_forces()["demonyms"] for word in value.split("|")
                     if word and " " not in word)


def age_of(noun):
    """Return the number of a person's age before a singular noun or name ('a 24-year-old teacher', '35-year-old
    Maria Lopez'), or None."""
    for old in (child for child in noun.children if child.dep_ == "amod" and child.lower_ == "old"):
        for year in (child for child in old.children if child.lower_ in ("year", "years")):
            number = next((child for child in year.children if child.like_num), None)
            if number is not None:
                return number
    return None


def _one_person(noun):
    """Return the determiner that makes a singular noun one person ('a driver', 'another official', 'a
    Tunisian': a demonym, whatever tag the parse gives it), or None; a person's age before a singular noun or a
    name ('24-year-old Ahmed Karim', 'a 35-year-old teacher') makes one person too (its number is returned when
    no 'a' comes before it)."""
    age = age_of(noun) if noun.tag_ in ("NN", "NNP") else None
    if age is not None and not any(c.dep_ == "det" and c.lower_ not in ONE_VICTIM_WORDS for c in noun.children):
        return next((c for c in noun.children if c.dep_ == "det"), age)
    is_demonym = noun.lower_ in _demonyms() and noun.tag_ in ("NN", "NNP", "JJ")
    if not is_demonym and (noun.tag_ != "NN" or noun.pos_ != "NOUN" or noun.lower_ in QUANTITY_NOUNS):
        return None
    determiner = next((c for c in noun.children if c.dep_ == "det" and c.lower_ in ONE_VICTIM_WORDS), None)
    return None if determiner is None or any(c.like_num for c in noun.children) else determiner


def ordinal_person(noun) -> tuple[object, int] | None:
    """Return (determiner, rank) for one person named by a rank of two or more ('a 12th person', 'a third
    soldier', 'the fifth victim'), or None: the rank is the running toll that person brings ('eleven died; a
    12th person died in hospital' is a toll of 12, never one more victim to add)."""
    if noun.tag_ != "NN" or noun.pos_ != "NOUN" or noun.lower_ in QUANTITY_NOUNS:
        return None
    determiner = next((c for c in noun.children if c.dep_ == "det" and c.lower_ in ONE_VICTIM_WORDS | {"the"}), None)
    ranks = [parse_ordinal(c.text) for c in noun.children if c.dep_ == "amod" and c.i < noun.i]
    ranks = [rank for rank in ranks if rank is not None]
    if determiner is None or len(ranks) != 1 or ranks[0] < 2 or any(
            c.like_num and c.dep_ != "amod" for c in noun.children):
        return None
    return determiner, ranks[0]


def _is_victim_subject(noun, verb) -> bool:
    """Tell whether a subject is the one who died or was hurt, not a doer: the subject of a verb with no object
    ('a soldier died') or of a verb whose object names the harm ('a guard sustained injuries';
    casualty_phrases.csv)."""
    if noun.dep_ != "nsubj" or verb.pos_ not in ("VERB", "AUX"):
        return False
    return phrase_kind(verb) is not None or not any(
        child.dep_ in ("dobj", "obj", "ccomp", "xcomp", "attr", "acomp", "oprd") for child in verb.children)


def singular_victims(doc, kind_of_verb) -> list[tuple[object, object, object, str, int]]:
    """Return (determiner, last noun, verb, kind, people) for the single victims a casualty verb takes: the
    object of an active verb ('killing a Rwandan peacekeeper'), the subject of a passive one ('a soldier was
    killed') or of one with no object ('a soldier died', 'a guard sustained injuries'); singular nouns joined by
    'and' are one person each ('a woman and a child were killed': 2).
    `kind_of_verb` maps a verb to its figure kind (killed, wounded) or None."""
    found = []
    for noun in doc:
        determiner, rank = _one_person(noun), None
        if determiner is None and ordinal_person(noun) is not None:
            determiner, rank = ordinal_person(noun)
        if determiner is None:
            continue
        verb = noun.head
        is_object = noun.dep_ in ("dobj", "obj") and verb.tag_ in ("VBD", "VBG", "VBZ", "VBP", "VB")
        is_passive_subject = noun.dep_ == "nsubjpass" or _is_victim_subject(noun, verb)
        if noun.dep_ == "pobj" and verb.lower_ == "of" and verb.head.lower_ in DEATH_NOUNS:
            verb, kind = verb.head, "killed"  # 'resulting in the death of a novice'
        elif not (is_object or is_passive_subject):
            continue
        else:
            kind = kind_of_verb(verb)
        if kind not in CASUALTY_KINDS:
            continue
        if rank is not None:  # 'a 12th person died': the toll that person brings, alone (no list of one-person nouns)
            if not any(c.dep_ == "conj" for c in noun.children):
                found.append((determiner, noun, verb, kind, rank))
            continue
        people, last = [noun], noun
        while True:  # 'a woman and a child', 'a soldier, a policeman and a civilian'
            conjuncts = [c for c in last.children if c.dep_ == "conj"]
            if not conjuncts:
                break
            if len(conjuncts) > 1 or _one_person(conjuncts[0]) is None:
                people = []  # joined to a count or a plural ('a driver and four passengers'): a breakdown's rule
                break
            last = conjuncts[0]
            people.append(last)
        if not people:
            continue
        earlier = found[-1] if found else None
        if earlier is not None and earlier[2].i == verb.i and doc[earlier[1].i].dep_ == noun.dep_:
            # the parse may give each of 'a nurse and a guard' its own role at the verb: still one list
            found[-1] = (earlier[0], last, verb, kind, earlier[4] + len(people))
        else:
            found.append((determiner, last, verb, kind, len(people)))
    return found


def with_singular_partners(count: Count, people: int) -> Count:
    """Return a count with as many more people as it has singular partners in a breakdown."""
    return add_counts([Count(people), count])


def total_of_own_breakdown(parts: list[Count]) -> Count | None:
    """Return the first count when the counts after it add up to it exactly ('ten people, six soldiers and four
    civilians': 10 = 6 + 4), else None: a total followed by its own breakdown is the total, not a sum."""
    if len(parts) < 3 or any(part.is_vague or part.maximum is not None for part in parts):
        return None
    return parts[0] if parts[0].value == sum(part.value for part in parts[1:]) else None

"""Figures in one parsed sentence: which counts are casualty figures and of what kind ("at least 20 were killed" ->
a killed figure with Count(20, qualifier "at_least"); the count itself is read by helpers.numbers), how the
parse links a count to its casualty word, which counts are parts of a breakdown (summed) or subsets (dropped),
and which figures are war-wide totals rather than an event's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from helpers import figure_wording
from helpers.numbers import Count, add_counts, find_counts
from helpers.annotate.numbers.complements import complement_kind, noun_complement_kind
from helpers.annotate.words import (
    CAPTURE_VERBS, CASUALTY_NOUNS, EVENT_NOUNS, FATAL_ADVERBS, KILL_NOUNS, KILL_VERBS, LIST_SEPARATORS, MISSING_WORDS, NEW_INCIDENT, NON_VICTIM_NOUNS,
    SUBSET_MARKERS, SUBSET_WORDS, WAR_SUBJECTS, WAR_TOLL, WAR_WIDE, WOUND_NOUNS, WOUND_VERBS, word_list,
)
from helpers.annotate.pipeline import _doc_text


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
    state_initiated: bool = False  # helpers.initiative: the state's forces began the killing (an operation, a strike)
    is_net_of_attackers: bool = False  # a toll with the attackers it included taken out ('eight, including three
    # assailants': five victims)


def _kind_of_word(token) -> str | None:
    """Return the figure kind a casualty word stands for, or None; a verb with a fatal adverb ('fatally shot',
    'mortally wounded') is a killing."""
    word = token.lower_
    if token.pos_ == "VERB" and any(child.dep_ == "advmod" and child.lower_ in FATAL_ADVERBS
                                    for child in token.children):
        return "killed"
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
    """Return the kind of a predicate, with 'killed or wounded' as casualties and a verb with its object
    ('lost their lives', data/dictionaries/casualty_phrases.csv) as that phrase's kind."""
    kind = _kind_of_word(verb)
    phrase = figure_wording.phrase_kind(verb)  # 'lost their lives', 'embraced martyrdom', 'sustained injuries'
    if phrase is not None:
        return phrase
    if kind == "captured" and _is_then_killed(verb):
        return "killed"  # 'nine miners were kidnapped and murdered': the people taken were killed
    if kind in ("killed", "wounded"):
        partner = None
        if verb.dep_ == "conj" and any(c.lower_ == "or" for c in verb.head.children):
            partner = verb.head
        for child in verb.children:
            if child.dep_ == "conj" and any(c.lower_ == "or" for c in verb.children):
                partner = child
        if partner is not None and _kind_of_word(partner) in ("killed", "wounded") and _kind_of_word(partner) != kind:
            return "casualties"
        if _shares_people_with_partner(verb, kind):
            return "casualties"  # '100 people were killed and injured': one count of both, killed-or-wounded
    return kind


def _verb_or_complement_kind(verb) -> str | None:
    """Return the kind of a verb that takes one victim: its own ('killing a guard') or, for a verb that is no
    casualty word, the kind its complement gives its object or passive subject ('shot dead a police officer', 'a
    woman was found dead', 'the blast left a soldier dead'; helpers.annotate.numbers.complements)."""
    kind = _verb_kind(verb)
    if kind is not None or verb.pos_ not in ("VERB", "AUX"):
        return kind
    person = next((child for child in verb.children if child.dep_ in ("dobj", "obj", "nsubjpass")), None)
    return complement_kind(verb, person, _verb_kind) if person is not None else None


def _is_then_killed(verb) -> bool:
    """Tell whether a verb of capture shares its people with a killing verb joined to it by 'and' ('were abducted
    and killed', 'kidnapped and beheaded nine villagers'): the killing verb has no people of its own."""
    for second in (child for child in verb.children if child.dep_ == "conj" and child.i > verb.i):
        if _kind_of_word(second) != "killed" or second.i - verb.i > 3:
            continue
        if not any(word.lower_ == "and" for word in verb.doc[verb.i + 1:second.i]):
            continue
        if any(child.dep_ in ("nsubj", "nsubjpass", "dobj", "obj") or child.like_num for child in second.children):
            continue  # 'kidnapped 20 and killed three': two figures
        return True
    return False


def _shares_people_with_partner(verb, kind: str) -> bool:
    """Tell whether a killed (wounded) verb and a wounded (killed) verb joined by 'and' take one count of people
    between them ('more than 100 people were killed and injured', 'gunmen killed and wounded 30'): neither verb
    has people of its own ('five were killed and ten injured', 'killed five and wounded ten' are two figures)."""
    if verb.dep_ == "conj" and verb.head.i < verb.i:
        first, second = verb.head, verb
    else:
        second = next((child for child in verb.children if child.dep_ == "conj" and child.i > verb.i), None)
        first = verb
    if second is None or second.i - first.i > 3 or not any(
            word.lower_ == "and" and first.i < word.i < second.i for word in first.doc[first.i:second.i]):
        return False
    kinds = {_kind_of_word(first), _kind_of_word(second)}
    if kinds != {"killed", "wounded"} or first.pos_ not in ("VERB", "AUX") or second.pos_ not in ("VERB", "AUX"):
        return False
    def has(word, labels) -> bool:
        return any(child.dep_ in labels for child in word.children)

    if has(second, ("nsubj", "nsubjpass", "attr", "npadvmod", "nummod")) or any(
            child.like_num for child in second.children):
        return False  # 'five were killed and ten injured', 'a man was killed and his wife injured'
    if has(first, ("dobj", "obj")):
        return False  # 'killed five and wounded ten'
    passive_subject = has(first, ("nsubjpass",)) or first.tag_ == "VBN" and has(first, ("nsubj",))  # 'people
    return passive_subject and not has(second, ("dobj", "obj")) or has(second, ("dobj", "obj"))  # killed and hurt'


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
    state = noun_complement_kind(anchor)  # 'people with gunshot wounds', 'eight people in critical condition'
    if state is not None:
        return state, anchor
    for child in anchor.children:
        if child.dep_ in ("acl", "amod", "relcl") and child.i > anchor.i and _kind_of_word(child) in ("killed", "wounded"):
            if _is_aside_of_subject(anchor, child):
                continue  # 'two others, badly wounded, died later': the clause's own verb says what they count
            if child.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN", "NUM")
                                             for c in child.children):
                continue  # '131 people, of whom 24 people died': the clause's own subject died, not the 131
            if child.dep_ != "relcl" or not any(c.dep_ in ("dobj",) for c in child.children):
                return _verb_kind(child), child
        if child.dep_ == "acl" and child.i > anchor.i and anchor.dep_ == "pobj" and anchor.head.lower_ == "with" \
                and complement_kind(child, anchor, _verb_kind) == "wounded":
            return "wounded", child  # '..., with 107 more taken to hospital': the people the care is said of
    listed = figure_wording.object_listed_before(anchor)
    if listed is not None and _verb_kind(listed[0]) is not None:
        return _verb_kind(listed[0]), listed[0]  # 'killed the chief and the five officers escorting him'
    shared = _list_complement(anchor)
    if shared is not None:
        return _verb_kind(shared), shared  # 'left 12 soldiers and 30 civilians dead': 'dead' says it of both
    if _of_another_noun(anchor):
        return None, None  # 'the arrest of 38 suspects', 'the names of 12 victims': that noun's count
    token = anchor
    for _ in range(8):
        if token.lower_ in SUBSET_WORDS and token is not anchor:
            return None, None
        head = token.head
        if head is token:
            return None, None
        if token is anchor and anchor.like_num and anchor.dep_ == "pobj" and head.lower_ in _NOT_PEOPLE_PREPOSITIONS:
            return None, None  # 'were killed after one (of them) angered a guard': a time or cause, no count
        if head.pos_ in ("VERB", "AUX") or head.tag_ in ("VBN", "VBD", "VBG"):
            if token.dep_ == "prep" and token.lower_ in SUBSET_WORDS:
                return None, None
            kind = _verb_kind(head)
            if kind is None:  # 'the death toll stood at 25', 'the number of dead was estimated at 30 to 40'
                toll = figure_wording.toll_kind(head, _kind_of_word)
                if toll is not None:
                    return toll, head
                if figure_wording.claimed_by_event(head, token, EVENT_NOUNS):
                    return "killed", head  # 'an attack that claimed 71 soldiers'
                if not _counts_casualty_word(token):  # 'were found dead', 'were rushed to hospital'
                    state = complement_kind(head, token, _verb_kind)
                    if state is not None:
                        return state, head
            if kind is None or _is_agent_subject(token, head):
                return None, None
            return kind, head
        if token.dep_ in ("prep",) and token.lower_ in SUBSET_WORDS:
            return None, None
        if token.dep_ == "prep" and token.lower_ == "of" and head.like_num and head is not anchor:
            return None, None  # 'four of 46 people rushed to hospital died': the whole is not what the part did
        kind = _kind_of_word(head)
        if kind and head.pos_ in ("NOUN", "PROPN", "ADJ") and token.dep_ in ("pobj", "prep", "conj", "appos", "compound"):
            if head.lower_ == "lives":
                return None, None
            return kind, head
        token = head
    return None, None


def _list_complement(anchor):
    """Return the casualty word after the last item of a list the counted noun opens ('left 12 soldiers and 30
    civilians dead', 'three children and two women injured'), or None. English puts 'dead' or 'injured' after a
    list as the complement of the whole list ('left X and Y dead'), never of its last item alone; a parse may
    still hang it on the last item, so the items before it would count no one."""
    last = anchor
    while True:
        conjuncts = [child for child in last.children if child.dep_ == "conj" and child.i > last.i]
        if not conjuncts:
            break
        last = conjuncts[-1]
    if last is anchor or last.like_num or last.pos_ not in ("NOUN", "PROPN"):
        return None  # 'five martyrs and 22 wounded': the wounded are a count of their own
    found = next((child for child in last.children if child.i > last.i and not child.doc[child.i - 1].like_num and (
        child.dep_ == "amod" and child.pos_ == "ADJ" or child.dep_ == "acl" and child.tag_ == "VBN") and
                  not any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "obj") for c in child.children) and
                  _kind_of_word(child) in ("killed", "wounded")), None)
    if found is None and anchor.dep_ in ("dobj", "obj"):
        # the parse may also hang the list's complement on the verb as a conjunct ('left [three children and two
        # women] injured'): a bare participle right after the list, with no subject or object of its own
        verb = anchor.head
        found = next((child for child in verb.children if child.dep_ == "conj" and child.i == last.right_edge.i + 1
                      and child.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "aux",
                                                                     "auxpass", "cc") for c in child.children)
                      and _kind_of_word(child) in ("killed", "wounded")), None)
    return found


# Prepositions whose bare number object is never the people a casualty word counts ('killed after one of them
# fired', 'since two', 'before three'): a time or a cause (annotate_words.csv, list not_people_preposition).
_NOT_PEOPLE_PREPOSITIONS = word_list("not_people_preposition")


def _is_age_beside_name(number) -> bool:
    """Tell whether a bare number between commas after a name is that person's age ('Ahmed Karim, 24, was
    killed'; news gives a named person's age so): a whole number under 120 in apposition to a proper noun."""
    doc = number.doc
    return number.dep_ == "appos" and number.head.pos_ == "PROPN" and number.text.isdigit() and \
        int(number.text) < 120 and 0 < number.i - 1 and doc[number.i - 1].text == "," and \
        number.i + 1 < len(doc) and doc[number.i + 1].text == ","


def _of_another_noun(anchor) -> bool:
    """Tell whether a counted noun is what another noun, not a casualty word, is of ('the arrest of 38 suspects',
    'the seizure of 12 rifles'): its count is that noun's, never an item of a breakdown of the dead before it."""
    head = anchor.head
    return anchor.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i and \
        head.head.pos_ in ("NOUN", "PROPN") and _kind_of_word(head.head) is None and \
        head.head.lower_ not in figure_wording.QUANTITY_NOUNS | EVENT_NOUNS | {"lives", "toll", "tolls"}  # 'the
    # massacre of 30 villagers', 'the lives of 56 herders' are the dead


def _is_aside_of_subject(anchor, word) -> bool:
    """Tell whether a casualty word after a subject is an aside between commas ('two others, badly wounded,
    died later') while the subject's own verb is a casualty word: that verb says what the count counts."""
    before = word.left_edge.i - 1
    return before > anchor.i and word.doc[before].text == "," and anchor.dep_ in ("nsubj", "nsubjpass") and \
        _verb_kind(anchor.head) in ("killed", "wounded")


def _state_before_noun(anchor) -> tuple[str | None, object]:
    """Fallback for a counted noun no casualty verb governs: 'wounded' or 'injured' before it says what the
    people are ('medics treated about 90 wounded people'), or (None, None)."""
    word = next((child for child in anchor.children if child.dep_ in ("amod", "compound") and child.i < anchor.i
                 and _kind_of_word(child) == "wounded"), None)
    return ("wounded", word) if word is not None else (None, None)


def _counts_casualty_word(token) -> bool:
    """Tell whether a bare count counts people already named by a casualty word ('five of the wounded are in
    critical condition'): a part of a printed figure, not a figure of its own state."""
    return token.like_num and any(
        _kind_of_word(pobj) in ("killed", "wounded") for preposition in token.children
        if preposition.dep_ == "prep" and preposition.lower_ == "of"
        for pobj in preposition.children if pobj.dep_ == "pobj")


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


# A bracket that only holds a name's acronym ('Special Task Force (STF)'), never the explanation of a figure.
_ACRONYM_IN_BRACKETS = re.compile(r"\s*\(\s*[A-Z][A-Za-z0-9.&-]*\s*\)")


# Words between two counts that make the second an earlier figure of a revised toll ('down to 253, from the
# previous figure of 359'), never a part of a breakdown.
_REVISION_GAP = re.compile(r"\b(?:from|previous(?:ly)?|earlier|initial(?:ly)?|instead of|not|rather than)\b", re.I)


def _is_breakdown_gap(doc, left_end: int, right_start: int) -> bool:
    """Tell whether the words between two counts join parts of one breakdown ('..., along with four ...')."""
    gap = _doc_text(doc)[left_end:right_start]
    if SUBSET_MARKERS.search(gap) or CLAUSE_OPENERS.search(gap) or _REVISION_GAP.search(gap) or \
            not LIST_SEPARATORS.search(gap) or find_counts(gap):
        return False  # ... nor with a count of something else between ('six farmers in one village and four ...')
    span = doc.char_span(left_end, right_start, alignment_mode="expand")
    if span is None or len(span) > 20:
        return False
    return not any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound", "acl") for t in span)


# A count, then 'of' or 'out of' before this one: 'four of 46 people', 'three out of 15 injured'.
_PART_BEFORE = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|"
                          r"[a-z]+ty))\s+(?:out\s+)?of\s+(?:the\s+)?$", re.I)


_SUBSET_AFTER = re.compile(r"\s+(?:of\s+(?:them|whom|those)|among\s+(?:them|whom|the\s+dead))\b", re.I)


def find_all_figures(doc) -> list[Figure]:
    """Find the casualty figures of one parsed sentence; breakdown parts are summed, subsets dropped."""
    figures: list[Figure] = []
    included_attackers: list[Figure] = []  # attackers a toll includes, taken out of it
    explained = None  # the end of the last count that explained the figure before it
    listed_partners: set[int] = set()  # singular nouns already added to a count ('five drivers and a passenger')
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
        if anchor is root and figure_wording.counted_word(anchor).lower_ in NON_VICTIM_NOUNS:
            continue  # 'an attack on one of the mosques', 'two of the villages': a part of a number of things
        kind, predicate = _link(anchor)
        if kind is None and anchor is not root:
            kind, predicate = _state_before_noun(anchor)
        if kind is None:
            kind, predicate = _surface_kind(doc, anchor)
        count, start = match.count, match.start
        if kind is not None and _is_age_beside_name(root):
            count = Count(1)  # 'Ahmed Karim, 24, was shot dead': one person of that age
        partners = [determiner for determiner in figure_wording.singular_partners(anchor)
                    if determiner.i not in listed_partners] \
            if anchor is not root or figure_wording.counted_word(root) is not root else []  # 'the mayor and six of
        # his guards': a bare count of 'of' heads its list as a counted noun does
        listed_partners.update(determiner.i for determiner in partners)
        if kind is not None and partners:  # 'a driver and four passengers': 5; 'nine soldiers, a policeman and a civilian': 11
            count = figure_wording.with_singular_partners(count, len(partners))
            start = min(start, partners[0].idx)
        previous = figures[-1] if figures else None
        if previous is not None and _SUBSET_AFTER.match(_doc_text(doc)[match.end:]):
            continue  # 'nine people, six of them children': a part of the figure before it
        if explained is not None and previous is not None and _is_breakdown_gap(doc, explained, match.start):
            explained = match.end
            continue  # '50 - six children, 14 women and 30 men': every further part of the explanation
        explained = None
        if previous is not None and (_is_explanation(doc, previous, match.start) or _is_late_explanation(
                doc, previous, match.start, kind, predicate)):
            explained = match.end
            continue  # 'a toll of 14 - seven police officers and seven civilians': the parts of the figure before it
        if re.match(r"\s+out\s+of\s", _doc_text(doc)[match.end:]):
            continue  # 'three out of 15 injured': a part of the count after it
        if _PART_BEFORE.search(_doc_text(doc)[:match.start]) and predicate is not None and \
                predicate.i != anchor.i and predicate.head.i != anchor.i:
            # 'four of 46 people rushed to hospital died': only the whole's own words say what it counts
            modifier = next((child for child in anchor.children if child.dep_ == "amod" and
                             _kind_of_word(child) in ("killed", "wounded")), None)  # 'three out of 15 injured people'
            if modifier is None:
                continue
            kind, predicate = _kind_of_word(modifier), modifier
        if previous is not None and _adds_others(doc, previous, anchor, kind, predicate, match.start):
            previous.parts.append(count)  # 'five were killed at the site and two others died in hospital': 7
            previous.count, previous.end = add_counts(previous.parts), match.end
            continue
        own_word = figure_wording.own_casualty_word(doc, span.end, previous.kind, _kind_of_word) \
            if previous is not None else None
        if own_word is not None and _is_breakdown_gap(doc, previous.end, match.start):
            kind, predicate = _kind_of_word(own_word), own_word  # '... rose to 10 and five people were injured'
        if previous is not None and _is_breakdown_gap(doc, previous.end, match.start) and not _of_another_noun(
                anchor) and (kind is None or (kind == previous.kind and (predicate is None or
                                                                          predicate.i == previous.predicate))):
            if not figure_wording.counts_other_side(doc[previous.anchor], anchor):
                if count.is_vague != previous.count.is_vague:  # '15 officers and several civilians': 15; a vague
                    if previous.count.is_vague:  # part is never added to a number (it stays in the vague words)
                        previous.count, previous.parts = count, [count]
                    previous.end = match.end
                    continue
                previous.parts.append(count)
                previous.count = add_counts(previous.parts)
                previous.end = match.end
                continue
            if kind is None and anchor.dep_ in ("conj", "appos"):  # 'four soldiers and five assailants were
                kind = previous.kind  # killed': the attackers' own figure (not 'the arrest of 38 suspects')
                predicate = doc[previous.predicate] if previous.predicate is not None else None
        if previous is not None and SUBSET_MARKERS.search(_doc_text(doc)[previous.end:match.start]) and (
                predicate is None or predicate.i in (previous.predicate, anchor.i)):  # '..., including two in serious condition'
            attackers = _subtract_attackers(doc, previous, anchor, count, start, match.end, root)
            if attackers is not None:  # '8 deaths, including two suicide bombers': 6 victims, 2 attackers
                included_attackers.append(attackers)
                continue
            if kind is not None:
                continue  # '..., including two children, were killed': a part of the figure before it
        if kind is None:
            continue
        if kind == "wounded" and predicate is not None and _verb_kind(predicate) is None and \
                any(figure.kind == "wounded" for figure in figures):
            continue  # '145 wounded, 60 in critical condition', '... but only 149 remained in hospital': a part
        figures.append(Figure(kind, count, start, match.end, root.i, anchor.i,
                              predicate.i if predicate is not None else None, [count]))
    included_attackers += _subtract_one_attacker(doc, figures)
    figures += included_attackers
    for figure in figures:  # 'ten people, six soldiers and four civilians': the total, not 20
        total = figure_wording.total_of_own_breakdown(figure.parts)
        if total is not None:
            figure.count = total
    for determiner, noun, verb, kind, people in figure_wording.singular_victims(doc, _verb_or_complement_kind):
        if noun.lower_ in NON_VICTIM_NOUNS or doc[determiner.head.i].lower_ in NON_VICTIM_NOUNS:
            continue
        if figure_wording.ordinal_person(noun) is not None and any(figure.kind != kind for figure in figures):
            continue  # 'two soldiers died and a third was wounded': the rank counts the group, not the wounded
        start, end = determiner.idx, noun.idx + len(noun.text)  # 'killing a peacekeeper': one victim
        if determiner.i in listed_partners:
            continue  # already one person of a breakdown ('two guards, five drivers and a passenger')
        listed_nouns = [determiner.head]
        while listed_nouns[-1] is not noun:  # 'a cook and a driver': the nouns of the list
            following = [child for child in listed_nouns[-1].children if child.dep_ == "conj"]
            if not following:
                break
            listed_nouns.append(following[0])
        attackers = sum(figure_wording.is_attackers_count(listed) for listed in listed_nouns)
        listed = next((figure for figure in figures if figure.predicate == verb.i and figure.kind == kind and
                       figure.end <= start and not figure.count.is_vague and
                       not figure_wording.is_attackers_count(doc[figure.anchor]) and
                       _is_breakdown_gap(doc, figure.end, start)), None)
        if listed is not None and people > attackers:  # 'seven guards, a cook and a driver were killed': the
            listed.parts.append(Count(people - attackers))  # parse may give the list two subjects; still one
            listed.count, listed.end = add_counts([listed.count, Count(people - attackers)]), end  # breakdown (9)
            continue  # ('ten troops, a gendarme and an assailant': 11, the assailant is no victim)
        if not any(figure.start <= start < figure.end or start <= figure.start < end for figure in figures):
            figures.append(Figure(kind, Count(people), start, end, determiner.i, determiner.head.i, verb.i,
                                  [Count(people)]))
    _add_the_one_before_others(doc, figures)
    return sorted(figures, key=lambda figure: figure.start)


# Determiners of one named person ('the mayor', 'a councillor', 'its driver').
_ONE_NAMED = {"the", "a", "an", "another", "his", "her", "its", "their"}


def _add_the_one_before_others(doc, figures: list[Figure]) -> None:
    """Add the one person a count of 'others' sets itself beside (CONVENTIONS: a breakdown that adds up is one
    figure): 'killed the mayor along with four other people', 'the governor and five others died' = 5 and 6.
    Exact: the count is of 'others' or 'N other ...', not vague; the person is one singular noun with a
    determiner ('the', 'a', a possessive, a noun's possessive: 'the town's mayor'), no number, not the attackers, and the object of the count's own
    active casualty verb, the passive subject of it, the subject of an intransitive one ('died'), or the
    word the count is joined to by 'and'; a figure of that one person alone is merged into the sum."""
    for figure in list(figures):
        anchor = doc[figure.anchor]
        if figure.count.is_vague or figure.count.maximum is not None or not (
                anchor.lower_ == "others" or any(c.dep_ == "amod" and c.lower_ == "other" for c in anchor.children)):
            continue
        verb = doc[figure.predicate] if figure.predicate is not None else None
        named = [anchor.head] if anchor.dep_ == "conj" else []
        if verb is not None and verb.pos_ in ("VERB", "AUX"):
            has_object = any(c.dep_ in ("dobj", "obj") for c in verb.children)
            named += [c for c in verb.children if c.i != anchor.i and (
                c.dep_ in ("dobj", "obj", "nsubjpass") or (c.dep_ == "nsubj" and not has_object))]
        person = next((noun for noun in named if noun.i < anchor.i and noun.tag_ == "NN" and noun.pos_ == "NOUN"
                       and noun.lower_ not in figure_wording.QUANTITY_NOUNS
                       and not figure_wording.ATTACKER_NOUNS.fullmatch(noun.lower_)
                       and not any(c.like_num for c in noun.children)
                       and any(c.dep_ in ("det", "poss") and c.lower_ in _ONE_NAMED or
                               figure_wording.is_possessive_noun(c) for c in noun.children)), None)
        if person is None or person.left_edge.idx >= figure.start or any(  # 'a chief and three other officers':
                person.i in (other.anchor, other.root) and other is not figure and  # a partner already counted
                other.count.value != 1 for other in figures):
            continue
        for other in [other for other in figures if other is not figure and other.anchor == person.i]:
            figures.remove(other)  # 'a local councillor' found alone as one victim: now a part of the sum
        start = min(figure.start, person.left_edge.idx)
        figure.parts.append(Count(1))
        figure.count, figure.start = add_counts([figure.count, Count(1)]), start


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
    previous.count, previous.parts, previous.is_net_of_attackers = left, [left], True
    return Figure(previous.kind, count, start, end, root.i, anchor.i, previous.predicate, [count])


def _subtract_one_attacker(doc, figures: list[Figure]) -> list[Figure]:
    """Take one attacker a toll includes out of it when the attacker is a singular noun, not a count ('five people
    died, including an assailant': 4 victims, as '..., including one assailant'); return the attackers' own
    figures. Exact: 'a' or 'an' before a singular attacker noun with no number, the object of 'including' hung on
    the toll's own verb or counted noun, no other count between the toll and it."""
    found = []
    for noun in doc:
        if noun.tag_ != "NN" or not figure_wording.ATTACKER_NOUNS.fullmatch(noun.lower_) or \
                any(c.like_num for c in noun.children):
            continue
        determiner = next((c for c in noun.children if c.dep_ == "det" and c.lower_ in ("a", "an")), None)
        if determiner is None:
            continue
        before = [figure for figure in figures if figure.end <= determiner.idx]
        if not before:
            continue
        toll = before[-1]
        including = noun.head
        if noun.dep_ != "pobj" or including.lower_ != "including" or \
                including.head.i not in (toll.predicate, toll.anchor) or \
                toll.kind not in ("killed", "casualties") or toll.count.is_vague or toll.count.maximum is not None or \
                toll.count.value < 2 or figure_wording.is_attackers_count(doc[toll.anchor]) or \
                find_counts(_doc_text(doc)[toll.end:determiner.idx]):
            continue
        left = Count(toll.count.value - 1, toll.count.qualifier)
        toll.count, toll.parts, toll.is_net_of_attackers = left, [left], True
        found.append(Figure(toll.kind, Count(1), determiner.idx, noun.idx + len(noun.text), determiner.i, noun.i,
                            toll.predicate, [Count(1)]))
    return found


def find_figures(doc) -> list[Figure]:
    """Find the casualty figures of one parsed sentence, war-wide totals left out (see find_all_figures)."""
    return [figure for figure in find_all_figures(doc) if not _is_war_wide(doc, figure)]


def _is_explanation(doc, previous: Figure, start: int) -> bool:
    """Tell whether a count sits in the explanation of the figure before it: after a dash, colon or bracket
    that follows that figure, with no verb of its own in between ('14 - seven police and seven civilians')."""
    end = previous.end
    anchor = doc[previous.anchor]
    if previous.anchor != previous.root and anchor.idx >= previous.end:  # '10 people: a man, three women ...'
        end = max(end, anchor.idx + len(anchor.text))
    gap = _doc_text(doc)[end:start]
    if not _EXPLANATION_GAP.match(gap) or _ACRONYM_IN_BRACKETS.match(gap):
        return False  # 'four Task Force (STF) jawans and one constable': a name's acronym explains no figure
    span = doc.char_span(end, start, alignment_mode="expand")
    return span is not None and len(span) <= 12 and not any(
        t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound", "acl") for t in span)


# Nouns that count people besides those counted before: 'two others died', 'three more were found dead'; as
# modifiers of a count or its noun: 'three other people died', 'three more bodies were found'.
_OTHERS = {"others", "more"}
_OTHER_MODIFIERS = {"other", "more"}


def _counts_others(anchor) -> bool:
    """Tell whether a counted noun counts people besides those counted before ('two others', 'three more',
    'three other people', 'three more bodies'); 'more' or 'other' may hang on the noun or on its count."""
    if anchor.lower_ in _OTHERS:
        return True
    modifiers = [*anchor.children, *(grandchild for child in anchor.children if child.dep_ == "nummod"
                                     for grandchild in child.children)]
    return any(word.lower_ in _OTHER_MODIFIERS and word.dep_ in ("amod", "advmod") and not _is_comparison(word)
               for word in modifiers)


def _is_comparison(word) -> bool:
    """Tell whether 'more' is the qualifier 'more than' ('more than 40 civilians'), not 'more' people ('40 more')."""
    return word.i + 1 < len(word.doc) and word.doc[word.i + 1].lower_ == "than"


def _adds_others(doc, previous: Figure, anchor, kind: str | None, predicate, start: int) -> bool:
    """Tell whether a count adds more dead to the killed figure before it in a clause of its own: 'others' or
    'more' joined by 'and' or 'while' ('five were killed at the site and two others died in hospital' = 7, 'three
    bodies were found on Friday and three more bodies on Saturday' = 6);
    never across another incident, a subset or a revision, and never the other side."""
    if kind != "killed" or previous.kind != "killed" or predicate is None or predicate.i == previous.predicate or \
            not _counts_others(anchor) or previous.count.is_vague or previous.count.maximum is not None:
        return False
    gap = _doc_text(doc)[previous.end:start]
    if not re.search(r"\b(?:and|while)\b", gap) or SUBSET_MARKERS.search(gap) or _REVISION_GAP.search(gap) or \
            NEW_INCIDENT.search(_doc_text(doc)[previous.end:]) or \
            re.search(r"\b(?:later|since|subsequently|overnight)\b", gap, re.I):
        return False
    return not figure_wording.is_attackers_count(doc[previous.anchor])


_DASH_BEFORE = re.compile(r"(?:\s-|[–—:(])\s*$")


def _is_late_explanation(doc, previous: Figure, start: int, kind: str | None, predicate) -> bool:
    """Tell whether a count opens the explanation of the figure before it after that figure's own verb
    ('14 people were killed - 13 miners and a cook'): a dash, colon or bracket right before the count, no verb
    in between but the figure's own, and the same kind and verb (or none) for the count."""
    gap = _doc_text(doc)[previous.end:start]
    if not _DASH_BEFORE.search(gap) or previous.predicate is None or \
            (kind is not None and (kind != previous.kind or predicate is None or predicate.i != previous.predicate)):
        return False
    span = doc.char_span(previous.end, start, alignment_mode="expand")
    return span is not None and len(span) <= 12 and not any(
        t.pos_ in ("VERB", "AUX") and t.i != previous.predicate and t.dep_ not in ("aux", "auxpass", "amod", "compound")
        for t in span)


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

"""Who began an article's main attack: the state's forces, or an armed group (an article-level reading for the
figure-kind model, helpers.figure_kinds).

CONVENTIONS counts the attackers' own dead as those of the side that attacked in the event. A sentence alone
often cannot tell it: in "our troops also killed 13 militants", the troops are the doers of the killing
(helpers.initiative reads a state-begun killing), yet when the article's news is an attack BY militants ON the
troops, the 13 are the attackers' own dead. News tells who attacked whom in its lede: "Militants stormed an army
base ...", "Gunmen ambushed a police patrol ...", "An attack on a military post ...", "Troops raided a rebel
hideout ...". `main_attack_starter` reads the first such attack sentence among the title and the lede:
- the doers of an attack word (initiative_words.csv, attack_word): the subject of an active verb ('militants
  attacked'), the 'by' agent of a passive one, a modifier of the noun ('a Boko Haram attack', "the army's raid");
- else its target: the object of the verb, the subject of a passive one, or what follows 'on' / 'against' the
  noun ('an attack on a military post'). A target of the state's side (its forces, or a site of theirs:
  initiative_words.csv, state_site) says an armed group began the attack.
A side is the state's when the phrase is a state force (initiative_words.csv, state_agent; the actor dictionary's
'state forces') and an armed group's when it names the attackers (attacker_noun) or a non-state armed group of
the actor dictionary. Only the parsed sentences are read (annotate parses sentences that hold a count).
"""
from __future__ import annotations

from helpers.initiative import _NON_STATE_MODIFIERS, _doers, _is_word_of, initiative_words

STATE = "state"
ARMED_GROUP = "armed_group"
# The title and the lede: sentence indices 0 to 4 (a page may set a date line, a section name or a byline
# before its title, each split as a sentence of its own)
LEDE_LAST_SENTENCE = 4
_MODIFIER_DEPS = ("compound", "amod", "poss", "nmod")
_TARGET_PREPOSITIONS = ("on", "against", "targeting")


def _phrase(token) -> str:
    return token.doc[token.left_edge.i:token.right_edge.i + 1].text


def side_of(noun) -> str:
    """Return the side a noun phrase stands on: 'state' (its forces, or a site of theirs with no non-state
    modifier: 'an army base', 'a checkpoint'), 'armed_group' (the attackers, a non-state armed group), or ''."""
    from helpers import actors as actor_dictionary

    modifiers = [child for child in noun.children if child.dep_ in _MODIFIER_DEPS]
    if {child.lower_ for child in modifiers} & _NON_STATE_MODIFIERS:
        return ARMED_GROUP  # 'rebel forces', 'a militant base'
    if noun.lower_ in initiative_words("attacker_noun") or noun.lower_ in _NON_STATE_MODIFIERS:
        return ARMED_GROUP  # 'gunmen', 'rebels', 'militia'
    if _is_word_of(noun, "state_agent") or any(_is_word_of(child, "state_agent") for child in modifiers):
        return STATE  # 'troops', 'an army convoy', "the security forces' post"
    types = {actor_dictionary.actor_type_of(match.canonical)
             for match in actor_dictionary.find_actors(_phrase(noun))}
    if "non-state armed group" in types and "state forces" not in types:
        return ARMED_GROUP
    if "state forces" in types and "non-state armed group" not in types:
        return STATE
    if noun.lower_ in initiative_words("state_site"):
        return STATE
    return ""


def _with_conjuncts(tokens) -> list:
    return [token for item in tokens for token in (item, *item.conjuncts)]


def _doers_and_targets(word) -> tuple[list, list]:
    """Return the doers and the targets of an attack word (a verb or a noun)."""
    children = list(word.children)
    if word.pos_ in ("VERB", "AUX"):
        passive = any(child.dep_ in ("nsubjpass", "auxpass") for child in children)
        agents = [pobj for child in children if child.dep_ == "agent" for pobj in child.children if pobj.dep_ == "pobj"]
        subjects = [child for child in children if child.dep_ in ("nsubj", "nsubjpass")]
        if not subjects and word.dep_ == "conj":
            subjects = [child for child in word.head.children if child.dep_ == "nsubj"]  # '... and attacked a post'
        objects = [child for child in children if child.dep_ in ("dobj", "obj")]
        if word.dep_ == "acl":  # 'a base attacked by militants': the noun the participle hangs on is its target
            objects.append(word.head)
        doers = agents if passive or word.dep_ == "acl" else subjects
        targets = subjects if passive else objects
        return _with_conjuncts(doers), _with_conjuncts(targets)
    doers = [child for child in children if child.dep_ in _MODIFIER_DEPS]
    doers += [pobj for child in children if child.dep_ == "prep" and child.lower_ == "by"
              for pobj in child.children if pobj.dep_ == "pobj"]
    targets = [pobj for child in children if child.dep_ == "prep" and child.lower_ in _TARGET_PREPOSITIONS
               for pobj in child.children if pobj.dep_ == "pobj"]
    return _with_conjuncts(doers), _with_conjuncts(targets)


def sentence_starter(doc) -> str:
    """Return who began the first attack a parsed sentence tells ('state', 'armed_group'), or '' when no attack
    word's doer or target says it."""
    words = initiative_words("attack_word")
    for token in doc:
        if token.lower_ not in words:  # each form is listed ('storm', 'stormed'): the pipeline has no lemmatizer
            continue
        doers, targets = _doers_and_targets(token)
        doer_sides = {side_of(noun) for noun in doers} - {""}
        if len(doer_sides) == 1:
            return doer_sides.pop()
        if STATE in {side_of(noun) for noun in targets}:
            return ARMED_GROUP  # the state's forces or a site of theirs were attacked
    return ""


def main_attack_starter(docs: dict[int, object]) -> str:
    """Return who began an article's main attack from its title and lede (`docs`: sentence index → parsed
    sentence, the article's parsed ones): the first sentence there whose attack word says it, else ''."""
    for index in sorted(docs):
        if index > LEDE_LAST_SENTENCE:
            break
        starter = sentence_starter(docs[index])
        if starter:
            return starter
    return ""


def mark_main_attack(docs: dict[int, object]) -> str:
    """Store who began the article's main attack on each of its parsed sentences (Doc.user_data
    'main_attack_starter', read by the figure-kind features) and return it."""
    starter = main_attack_starter(docs)
    for doc in docs.values():
        doc.user_data["main_attack_starter"] = starter
    return starter


def starter_of(doc) -> str:
    """Return the article's main-attack starter stored on a parsed sentence ('' when not marked)."""
    user_data = getattr(doc, "user_data", None)
    return (user_data or {}).get("main_attack_starter", "")


def answers_the_main_attack(doc, figure) -> bool:
    """Tell whether the state's forces killed a figure's people in answer to the article's main attack: an armed
    group began that attack (starter_of) and the killing is done by the forces themselves ('our troops killed 13
    militants'), not told as an operation of their own ('in an operation', a raid) nor done by an air strike or
    aircraft ('airstrikes killed five militants': initiative_words.csv, operation), which the state begins."""
    if starter_of(doc) != ARMED_GROUP or figure.predicate is None:
        return False
    verb = doc[figure.predicate]
    in_operation = any(_is_word_of(noun, "operation") for preposition in verb.children
                       if preposition.dep_ == "prep" and preposition.lower_ in ("in", "during", "by")
                       for noun in preposition.children if noun.dep_ == "pobj")
    doers = [noun for noun in _doers(verb) if noun.i != figure.anchor]
    return not in_operation and not any(_is_word_of(noun, "operation") for noun in doers)

"""Who began the killing a figure reports: state forces acting on their own initiative, or anyone else.

data/corpus/CONVENTIONS.md counts the attackers' own dead as those of the side that attacked in THAT event:
"assailants killed by the forces they attacked, suicide bombers, militants 'neutralised' while repelling the
attack". When the state's forces begin the event (an operation, a raid, an air strike: "troops killed 12
militants in an operation", "airstrikes killed five militants", "police said they killed four suspects"), the
forces are the attackers and the militants they kill are that event's victims; when the forces answer an attack
("security forces repelled the attack and killed six assailants", "a retaliatory operation killed 10
terrorists"), the militants are the attackers' own dead.

`initiative(doc, predicate, anchor)` reads it from the parse around a figure's casualty word:
- `state_agent`: the doer of the killing is a state force or an air strike (the subject of an active casualty
  verb, the 'by' agent of a passive one, or the subject of the verb a 'killing ...' clause hangs on);
- `state_operation`: the killing happened "in / during" an operation, raid, air strike, offensive, crackdown;
- `response`: the sentence says the forces answered an attack (retaliated, repelled, thwarted, returned fire).
The words are editorial knowledge with a note per row in data/dictionaries/initiative_words.csv. The figure-kind
model reads these as features (helpers.figure_kinds.initiative_features); annotate's rule that a figure of
armed-group victims is the attackers' own dead does not apply when the state began the event.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from helpers.figure_wording import counted_word, toll_words
from helpers.paths import DATA_DIR
from helpers.word_lists import words_of

INITIATIVE_WORDS_PATH = DATA_DIR / "dictionaries" / "initiative_words.csv"
ROLES = ("state_agent", "operation", "response", "attacker_noun", "attack_clause", "attack_word", "state_site")
# 'strike' and 'drone' say an air strike only with the modifier that makes it one ('a drone strike', 'air strikes')
_NEEDS_MODIFIER = {"strike": {"air", "drone", "missile"}, "strikes": {"air", "drone", "missile"}}
# Words that make a state-agent noun the attackers' or a civilian side's instead ('rebel forces', 'militia forces')
_NON_STATE_MODIFIERS = {"rebel", "rebels", "militia", "insurgent", "opposition", "jihadist", "militant", "terrorist",
                        "paramilitary", "separatist", "rival", "cattle", "enemy"}
# Pronouns by which a speaker says what it did itself ('the army said it killed', 'police said they killed')
_REPORTING_PRONOUNS = {"they", "we", "it"}


@lru_cache(maxsize=None)
def initiative_words(role: str, path: str | None = None) -> frozenset[str]:
    """Return the words of one role of initiative_words.csv (state_agent, operation or response)."""
    return words_of(Path(path) if path else INITIATIVE_WORDS_PATH, "role", ROLES, role)


def _is_word_of(token, role: str) -> bool:
    """Tell whether a noun is a word of a role, with the modifier some need ('air strikes') and without one that
    puts it on a non-state side ('rebel forces')."""
    word = token.lower_
    if word not in initiative_words(role):
        return False
    modifiers = {child.lower_ for child in token.children if child.dep_ in ("amod", "compound", "nmod")}
    if word in _NEEDS_MODIFIER and not modifiers & _NEEDS_MODIFIER[word]:
        return False
    return not modifiers & _NON_STATE_MODIFIERS


def _doers(verb) -> list:
    """Return the nouns that do a casualty verb: its active subject, the 'by' agent of a passive, and for a
    participle clause ('..., killing five') the subject of the verb it hangs on."""
    doers = [child for child in verb.children if child.dep_ == "nsubj"]
    for agent in (child for child in verb.children if child.dep_ == "agent"):
        doers.extend(child for child in agent.children if child.dep_ == "pobj")
    head = verb.head
    is_active = any(child.dep_ in ("dobj", "obj") for child in verb.children)
    head_is_passive = any(child.dep_ in ("nsubjpass", "auxpass") for child in head.children)
    if not doers and head is not verb and not head_is_passive and (verb.dep_ == "conj" and is_active or verb.dep_ in (
            "advcl", "xcomp") and verb.tag_ == "VBG"):
        doers.extend(child for child in head.children if child.dep_ == "nsubj")  # '... and killed two', ', killing five'
    if any(doer.lower_ in _REPORTING_PRONOUNS for doer in doers) and verb.dep_ == "ccomp":
        # 'police said they killed four suspects': the pronoun is the speaker of the verb the clause reports
        doers.extend(child for child in verb.head.children if child.dep_ == "nsubj")
    # a subject clause's head noun and its conjuncts ('troops and police killed ...')
    return [noun for doer in doers for noun in (doer, *doer.conjuncts)]


def initiative(doc, predicate: int | None, anchor: int) -> set[str]:
    """Return what the parse says of who began the killing of a figure (`predicate`: its casualty word's token
    index, `anchor`: its counted noun's): a subset of {'state_agent', 'state_operation', 'response'}."""
    found: set[str] = set()
    if predicate is not None and doc[predicate].lower_ not in toll_words("verb"):  # 'police put the toll at 33'
        verb = doc[predicate]
        counted = doc[anchor]
        if any(_is_word_of(noun, "state_agent") for noun in _doers(verb) if noun.i != counted.i):
            found.add("state_agent")
        for preposition in (child for child in verb.children if child.dep_ == "prep" and child.lower_ in (
                "in", "during", "by")):
            if any(_is_word_of(noun, "operation") for noun in preposition.children if noun.dep_ == "pobj"):
                found.add("state_operation")
    if not initiative_words("response").isdisjoint(_lower_words(doc)):
        found.add("response")
    return found


def _lower_words(doc) -> frozenset[str]:
    """The lower-case words of a parsed sentence, kept on the Doc: a sentence's figures each ask for them."""
    user_data = getattr(doc, "user_data", None)
    words = None if user_data is None else user_data.get("lower_words")
    if words is None:
        words = frozenset(token.lower_ for token in doc)
        if user_data is not None:
            user_data["lower_words"] = words
    return words


def is_state_initiated(doc, predicate: int | None, anchor: int) -> bool:
    """Tell whether the state's forces began the killing of a figure and nothing says they answered an attack."""
    found = initiative(doc, predicate, anchor)
    return bool(found & {"state_agent", "state_operation"}) and "response" not in found


def names_attackers(anchor) -> bool:
    """Tell whether a count's own noun names its people as the attack's doers ('four assailants', 'three of the
    gunmen'; initiative_words.csv, attacker_noun). Unlike counts_attackers_by_role, a clause on the noun is not
    read: in '40 civilians killed in an attack' the clause is the victims' own."""
    return counted_word(anchor).lower_ in initiative_words("attacker_noun")


def counts_attackers_by_role(anchor) -> bool:
    """Tell whether a count names its people by their part in the attack ('four assailants', 'three of the
    gunmen'; initiative_words.csv, attacker_noun) or a clause on them tells their attack ('three terrorists
    involved in the attack', 'eight men who attacked officers'; attack_clause): they attacked, whoever killed them."""
    if names_attackers(anchor):
        return True
    noun = counted_word(anchor)
    clauses = [child for child in noun.children if child.dep_ in ("relcl", "acl")]
    return any(token.lower_ in initiative_words("attack_clause") for clause in clauses for token in clause.subtree)


def began_against_armed_group(doc, figure, counts_armed_group: bool) -> bool:
    """Tell whether a figure counts members of an armed group killed in a killing the state's forces began with
    nothing saying they answered an attack ('17 militants were killed in an intelligence-based operation',
    'airstrikes killed five militants'), its people not named as the attack's doers ('assailants'): then the forces
    are that event's attackers and the militants its victims, never the attackers' own dead (an exact rule of
    CONVENTIONS; `counts_armed_group`: the counted words name an armed group or its members)."""
    return counts_armed_group and not counts_attackers_by_role(doc[figure.anchor]) and \
        is_state_initiated(doc, figure.predicate, figure.anchor)

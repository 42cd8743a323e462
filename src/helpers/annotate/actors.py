"""Actors of a figure: the actor entities of a sentence, the counted victims and the targets attacked, the
perpetrators (agent, 'by X', 'X attack') and whether they are only suspected, the pronoun that did the killing,
whether civilians were attacked, and how generic actor words become the event's named actors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from helpers import actors as actor_dictionary
from helpers.annotate.words import CONTEXT_PHRASES, EVENT_NOUNS, SPEECH_WORDS, SUSPECTED_CUES, TOLL_SETTING_VERBS
from helpers.annotate.pipeline import _doc_text
from helpers.annotate.numbers.figures import Figure, _is_agent_subject
from helpers.annotate.records import _Mention
from helpers.annotate.speakers import _speaker_tokens


CIVILIAN_TYPE = "civilians"


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


# ... and so does a name after these words ("fighters linked to al-Qaeda and ISIL", "militants with links to the
# Islamic State", "a sect that pledged allegiance to IS"): the attackers are described by a tie to the group, which
# names no one as the attacker (as "al-Qaeda-linked militants" does not). Names, "and", commas and brackets may
# stand between the words and the name ("linked to al-Qaeda and ISIL (ISIS)").
_AFFILIATION_BEFORE = re.compile(r"\b(?:linked|affiliated|associated|allied|aligned|tied|loyal|connected|links|ties|"
                                 r"allegiance|affiliates?|affiliation)\s+(?:to|with)\s+"
                                 r"(?:the\s+|its\s+|an?\s+|and\s+|or\s+|,\s*|\([^()]{0,30}\)\s*|"
                                 r"(?:[A-Z]|al-|el-)[\w'’-]*\s+|(?:al|el|in|of|for)\s+)*\(?$")


def is_named_by_affiliation(text: str, start: int) -> bool:
    """Tell whether the actor name at `start` of `text` only describes a tie ('fighters linked to X', 'with links to
    X and Y', 'pledged allegiance to X'): such a name is not the attacker."""
    return bool(_AFFILIATION_BEFORE.search(text[max(0, start - 80):start]))


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
            if _AFFILIATION_AFTER.match(_doc_text(doc)[ent.end_char:ent.end_char + 20]) or \
                    is_named_by_affiliation(_doc_text(doc), ent.start_char):
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


# --- actors: verbs whose subject struck ("the military council conducted airstrikes", "jets dropped bombs")
_STRIKE_VERBS = {"conducted", "carried", "shelled", "bombed", "struck", "dropped", "fired", "raided", "opened"}
# A state's forces followed by an attack verb within a few words are the attackers of a sentence without a figure
# ("Myanmar's military announced it launched a deadly attack on the village").
_ATTACK_AFTER = re.compile(r"^[^.;:]{0,40}?\b(?:launched|carried out|conducted|shelled|bombed|struck|attacked)\b", re.I)


def _context_attackers(doc) -> list[str]:
    """Return the states' forces a context sentence names as striking: a strike phrase ("Israeli airstrikes") or
    the forces followed by an attack verb."""
    text = _doc_text(doc)
    found = []
    for ent in _actor_entities(doc):
        if actor_dictionary.actor_type_of(ent.ent_id_) not in ("state forces", "foreign forces"):
            continue
        if actor_dictionary.is_state_attack(ent.ent_id_, _with_strike_words(doc, ent)) or \
                _ATTACK_AFTER.match(text[doc[ent.end - 1].idx + len(doc[ent.end - 1].text):]):
            found.append(ent.ent_id_)
    return found + [name for name in actor_dictionary.states_attacking_by(text) if name not in found]
# --- end actors


# --- actors: words after a force's name that make it a strike ("IDF drone strike", "coalition air raids")
_STRIKE_NOUNS = {"air", "drone", "drones", "missile", "missiles", "rocket", "rockets", "artillery", "strike", "strikes",
                 "airstrike", "airstrikes", "attack", "attacks", "shelling", "bombardment", "bombing", "bombings",
                 "raid", "raids"}


def _is_agent_of_another_verb(root, predicate) -> bool:
    """Tell whether an actor is the 'by' agent of a verb other than the figure's ('..., who was killed by a US
    drone in 2020'; 'before they were shot dead by police'): it did something else than this attack."""
    if root.head.lower_ != "by" or predicate is None:
        return False
    verb = root.head.head
    if verb.i == predicate.i or verb.lower_ in EVENT_NOUNS or verb.pos_ not in ("VERB", "AUX", "ADJ"):
        return False
    if verb.head.like_num or any(child.like_num for child in verb.subtree if child.i < verb.i):
        return False  # 'four were killed and six wounded by soldiers': a count's own verb
    return verb not in predicate.conjuncts  # 'killed three and wounded five by ...' is one attack


def _with_strike_words(doc, ent) -> str:
    """Return an actor's words and the strike nouns right after them ('IDF' + 'drone strike')."""
    end = ent.end
    while end < len(doc) and end < ent.end + 2 and doc[end].lower_ in _STRIKE_NOUNS:
        end += 1
    return doc[ent.start:end].text
# --- end actors


# Strikes from the air that only a state's forces carry out in the wars the workbook reads (a drone strike too:
# an armed group's drone attack names the group, 'a Houthi drone attack', and so has an agent).
_AIR_STRIKE = re.compile(r"\b(?:air ?strikes?|air ?raids?|aerial (?:bombardment|bombing|attack)s?|warplanes?|"
                         r"fighter jets?|helicopter gunships?|drone strikes?|military aircraft)\b", re.I)
# A group that claims an attack ('the TTP claimed responsibility for the raid') carried it out (corpus conventions:
# the claimant is the perpetrator).
_CLAIM_VERBS = {"claimed", "claims", "claim", "claiming"}
STATE_AIR_FORCES = "Government forces"  # actor_dictionary.GENERIC_STATE_FORCES: the event country's forces


def _is_speaking(root) -> bool:
    """Tell whether an actor is the subject of a speech or toll-setting verb ('police officials said', 'an army
    officer put the toll at 12'): it gives the figure. A claim verb is left out: who claims an attack made it."""
    verb = root.head
    return root.dep_ == "nsubj" and verb.lower_ not in _CLAIM_VERBS and (
        verb.lower_ in SPEECH_WORDS or verb.lower_ in TOLL_SETTING_VERBS)


def find_perpetrator(doc, figure: Figure, target: list[str]) -> tuple[list[str], bool]:
    """Return the canonical perpetrators named in a sentence (agent, 'by X', 'X attack') and whether suspected."""
    predicate = doc[figure.predicate] if figure.predicate is not None else None
    victims = _victim_tokens(doc, figure)
    agents, only_speaking, strikers, loose = set(), set(), set(), set()
    speakers = _speaker_tokens(doc)
    victim_actors = _victim_actors(doc, figure)
    for ent in _actor_entities(doc):
        if ent.start in victims or ent.ent_id_ in target:
            continue
        if ent.start in speakers and ent.ent_id_ in victim_actors:
            continue  # '... three SDF fighters ..., the SDF said': the victims' side speaking
        kind = actor_dictionary.actor_type_of(ent.ent_id_)
        root = ent.root
        if kind != "non-state armed group" and _is_speaking(root):
            continue  # 'police said ...', 'a police officer put the toll at 10': who gives a figure is its source
        by_other_verb = _is_agent_of_another_verb(root, predicate)  # actors: 'who was killed by a US drone'
        is_agent = (predicate is not None and root.head == predicate and root.dep_ == "nsubj") or \
            (root.head.lower_ == "by" and not by_other_verb) or root.head.lower_ in EVENT_NOUNS or \
            (root.dep_ == "nsubj" and root.head.lower_ in _CLAIM_VERBS) or \
            (root.dep_ in ("nsubj",) and root.head.lower_ in {"attacked", "ambushed", "launched", "waged", "stormed",
                                                              "targeted", "unleashed", "killed", "wounded",
                                                              *_STRIKE_VERBS}) or \
            (root.head.dep_ in ("nsubj",) and root.head.head.lower_ in {"attacked", "ambushed", "launched", "waged",
                                                                         "killed", "wounded", "unleashed"})
        # --- actors (world dictionary): a state's strike is the attacker wherever it stands ("Pakistani airstrikes",
        # "an IDF drone strike")
        is_strike = actor_dictionary.is_state_attack(ent.ent_id_, _with_strike_words(doc, ent)) and not by_other_verb
        if is_strike:
            strikers.add(ent.ent_id_)
        if is_agent or is_strike or kind == "non-state armed group":
            agents.add(ent.ent_id_)
            if not (is_agent or is_strike):
                loose.add(ent.ent_id_)
                if ent.start in speakers:
                    only_speaking.add(ent.ent_id_)
    by_state = set(actor_dictionary.states_attacking_by(_doc_text(doc))) - set(target)  # "airstrikes by Pakistan"
    agents |= by_state
    if not strikers and not by_state and agents <= loose | only_speaking and _AIR_STRIKE.search(_doc_text(doc)):
        # 'an air strike on a rebel-held village killed 20, the rebels said': aircraft are a state's; the groups
        # named are the ones struck or speaking. The generic forces become the event country's (resolve_actor_names)
        agents = {STATE_AIR_FORCES}
    if strikers | by_state:
        agents -= loose  # "an Israeli strike on a Hamas commander's house": the group is what was struck
    if agents - only_speaking:
        agents -= only_speaking  # "Pakistani airstrikes killed 46, Taliban spokesman said": the group only speaks
    # --- end actors
    suspected = bool(agents) and bool(SUSPECTED_CUES.search(_doc_text(doc)))
    return sorted(_drop_generic(agents)), suspected


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


_SENTENCE_END = re.compile(r"[.!?\n]")


def _tells_context(text: str, start: int) -> bool:
    """Tell whether the sentence around a position tells of a group's record or the war rather than the attack
    reported ('IS militants have carried out several attacks in recent months'; the context_phrase list)."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)]
    after = _SENTENCE_END.search(text, start)
    sentence = text[before[-1] if before else max(0, start - 400): after.end() if after else len(text)]
    return bool(CONTEXT_PHRASES.search(sentence))


def _named_armed_groups(text: str) -> dict[str, int]:
    """Count how often an article names each non-state armed group by name (generic words like 'militants' aside),
    leaving out names in sentences about the group's record or the war (_tells_context): the article's generic
    words for the attackers do not refer back to a group named only for earlier attacks."""
    counts: dict[str, int] = {}
    for match in actor_dictionary.find_actors(text):
        if match.kind == "non-state armed group" and not actor_dictionary.is_generic(match.canonical) and \
                not is_named_by_affiliation(text, match.start) and not _tells_context(text, match.start):
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
    parents = {parent for name in counts for parent in actor_dictionary.parent_of(name)}
    ranked = sorted(((name, count) for name, count in counts.items() if name not in parents),
                    key=lambda item: (-item[1], item[0]))  # 'JNIM, an al-Qaeda affiliate' names JNIM
    name, count = ranked[0]
    if len(ranked) > 1 and ranked[1][1] == count:
        return None  # 'groups linked to al-Qaeda and the Islamic State operate here': a list, not an attribution
    return name if count >= minimum else None


def resolve_actor_names(names, country: str | None, armed_group: str | None) -> list[str]:
    """Replace generic actors by the event's: state-force words by the forces of the event's country, attacker
    words by the armed group the article names; the generic name stays when neither is known."""
    resolved = set()
    for name in names:
        if name in actor_dictionary.GENERIC_STATE_FORCES:
            name = actor_dictionary.state_forces_of(country, name) or name
        elif name in actor_dictionary.GENERIC_ARMED_GROUPS:
            name = armed_group or UNNAMED_ATTACKERS  # 'suspected jihadists' nobody names (corpus conventions)
        # --- actors: a parent's name stands for its branch in the country ('al-Qaeda' in Yemen: AQAP)
        name = actor_dictionary.affiliate_in(name, country) or name
        resolved.add(name)
    resolved -= {parent for name in resolved for parent in actor_dictionary.parent_of(name)}  # 'JNIM; al-Qaeda'
    # --- end actors
    return sorted(_drop_generic(resolved))


_FORCE_TYPES = ("state forces", "foreign forces")


def _striking_forces(sentences: list[str], resolve) -> set[str]:
    """The forces the sentences name as striking ('Israeli airstrikes', 'a junta air strike', 'shelling by
    Russia'), as `resolve` names them (generic force words become the event country's forces)."""
    found = set()
    for sentence in sentences:
        for match in actor_dictionary.find_actors(sentence):
            if actor_dictionary.actor_type_of(match.canonical) not in _FORCE_TYPES:
                continue
            after = sentence[match.end:match.end + 40].split()[:2]
            if any(actor_dictionary.is_state_attack(match.canonical, " ".join([match.alias, *after[:k]]))
                   for k in range(len(after) + 1)):
                found.update(resolve([match.canonical]))
        for name in actor_dictionary.states_attacking_by(sentence):
            found.update(resolve([name]))
    return found


def one_attacking_side(perpetrator: list[str], sentences: list[str], resolve, dominant: str | None) -> list[str]:
    """Keep one attacking side of an event whose sentences name several attackers.

    An attack has one attacking side. Forces named beside armed attackers ('police shot dead two of the
    gunmen', 'troops repelled the militants') are the side that responded, unless the event's sentences name
    them striking ('a junta air strike on a rebel ceremony'): then the group is what was struck. Of several states'
    forces, those named striking are kept ('Egyptian air strikes' beside the Libyan forces). Of several armed
    groups, the one the article names most (`dominant`, at least twice) is kept when it is among them."""
    forces = [name for name in perpetrator if actor_dictionary.actor_type_of(name) in _FORCE_TYPES]
    groups = [name for name in perpetrator if actor_dictionary.actor_type_of(name) == "non-state armed group"]
    kept = list(perpetrator)
    if len(forces) > 1:  # 'Egyptian air strikes on Derna' beside the Libyan forces named: the striking state's
        striking = _striking_forces(sentences, resolve) & set(forces)
        if striking:
            kept = [name for name in kept if name not in forces or name in striking]
            forces = [name for name in forces if name in striking]
    if forces and groups:
        striking = _striking_forces(sentences, resolve) & set(forces)
        kept = [name for name in kept if name not in groups and (name in striking or name not in forces)] \
            if striking else [name for name in kept if name not in forces]
        groups = [name for name in groups if name in kept]
    if len(groups) > 1 and dominant in groups:
        kept = [name for name in kept if name not in groups or name == dominant]
    return kept


# Who attacked when a report names nobody ("gunmen", or no attacker at all): ACLED's unidentified armed group.
UNNAMED_ATTACKERS = "Unidentified armed group"
# Words before a group that make it the one attacked ('an offensive against al-Qaeda'), not the attacker.
_TARGET_BEFORE = re.compile(r"\b(?:against|targeting|targeted|on|fighting|fight|battling|hunting|besieging|"
                            r"with)\s+(?:the\s+|suspected\s+)*$", re.I)


def _resolve_pronoun_agents(mentions: list["_Mention"], text: str) -> None:
    """Give a figure whose killer is a pronoun ('it said it killed 12 soldiers') the armed group named last before it."""
    for mention in mentions:
        if mention.has_pronoun_agent and not mention.perpetrator:
            named = [m for m in actor_dictionary.find_actors(text[:mention.sentence_start + mention.agent_offset])
                     if m.kind == "non-state armed group" and not actor_dictionary.is_generic(m.canonical)]
            if named:
                mention.perpetrator = [named[-1].canonical]

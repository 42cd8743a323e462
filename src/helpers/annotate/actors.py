"""Actors of a figure: the actor entities of a sentence, the counted victims and the targets attacked, the
perpetrators (agent, 'by X', 'X attack') and whether they are only suspected, the pronoun that did the killing,
whether civilians were attacked, and how generic actor words become the event's named actors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from helpers import actors as actor_dictionary
from helpers.annotate.words import EVENT_NOUNS, SUSPECTED_CUES
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

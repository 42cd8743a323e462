"""Sources and attribution: who gave a figure (a named monitor, outlet or claim channel, an armed group's claim,
a role, a side), with pronoun speakers referring back, a party counting its own dead being a source rather than a
claimant, and the sentence-level source used to attribute neighbouring sentences without a parse.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from helpers import actors as actor_dictionary
from helpers.numbers import find_counts
from helpers.annotate.words import (
    CANDIDATE_WORDS, CLAIM_CUES, EVENT_NOUNS, PRONOUN_SPEAKERS, SPEECH_REGEX, SPEECH_WORDS, TOLL_SETTING_VERBS,
    VICTIMS_SIDE_WORDS,
)
from helpers.annotate.source_words import generic_source_type
from helpers.annotate.speaker_anaphora import (
    is_outlet_speaker, is_person_speaker, is_role_speaker, refers_back, refers_back_to_outlet, sentence_pronoun_speaker,
)
from helpers.annotate.pipeline import _doc_text
from helpers.annotate.numbers.figures import Figure
from helpers.annotate.speakers import _speaker_spans
from helpers.annotate.actors import UNNAMED_ATTACKERS, _is_generic_actor, _victim_actors


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


# Words before a source that make it the one spoken to, not the speaker ("told AFP", "quoted by Reuters").
_RECIPIENT_BEFORE = re.compile(r"\b(?:told|tell|tells|telling|speaking to|talking to|spoke to|said to|quoted by|"
                               r"cited by|statement to|interview with|(?:himself|herself|themselves|anonymity)\s+to)"
                               r"\s+(?:the\s+|an?\s+)?$", re.I)


# A group referred to by a bare noun ('the group', 'the organisation', 'the movement'), which names no one of its own.
_BARE_GROUP = re.compile(r"^(?:the|this)\s+(?:group|organi[sz]ation|movement|outfit)$")


def resolve_speaker(text: str, sentence: str, last_source: Attribution | None,
                    names: dict[str, Attribution] | None = None) -> Attribution | None:
    """Map a speaker phrase to a canonical source; pronouns refer back, perpetrators make claims.

    A named monitor, outlet or claim channel wins; then an armed group the speaker belongs to ("a Taliban
    spokesman", "al-Shabaab's military spokesman"): its figure is a claim; then a role ("Ghulam Rasoul, a
    district police chief" -> police; "a local resident" -> resident); then the side the speaker belongs to
    ("Somali soldiers said" -> army, "a VDP official" -> the militia); last, a person the article introduced
    with a role earlier (`names`, from learn_speaker_names: 'Sema said' after 'army spokesman Lt. Nasrulah Sema').
    """
    text = _DATELINE.sub("", text)
    words = text.strip().lower()
    if words in PRONOUN_SPEAKERS or is_person_speaker(words):
        return last_source
    if _BARE_GROUP.match(words) and _TOLL_CLAIMED.search(sentence):
        # 'the group said it had killed 30 soldiers': a group saying it killed is the attackers claiming their toll
        # (corpus conventions: a claim by the attackers, whoever relays it); annotate.events names the group the
        # article names
        return Attribution(UNNAMED_ATTACKERS, "perpetrator_claim", True)
    if is_role_speaker(words) and refers_back(last_source):  # '... said the official': the state's speaker again
        return last_source
    if is_outlet_speaker(words) and refers_back_to_outlet(last_source):  # '... SANA reported. The agency said ...'
        return last_source
    another = _ANOTHER.match(text)
    if another is not None:
        return _another_source(another, sentence, last_source, names)
    joint = _joint_speaker(text, sentence, names)
    if joint is not None:
        return joint
    sources = [m for m in actor_dictionary.find_sources(text)  # 'a local official who spoke to Amnesty'
               if not _RECIPIENT_BEFORE.search(text[max(0, m.start - 30):m.start])]
    named = [m for m in sources if m.kind in NAMED_SOURCE_TYPES]
    if named:
        return Attribution(named[0].canonical, named[0].kind, named[0].kind == "perpetrator_claim")
    actors = [m for m in actor_dictionary.find_actors(text)  # a strike never speaks ('... Israeli airstrikes, X said')
              if not actor_dictionary.is_state_attack(m.canonical, m.alias)]
    groups = [m for m in actors if m.kind == "non-state armed group" and not _names_the_attack(text, m)]
    if any(not actor_dictionary.is_generic(m.canonical) for m in groups):
        group = next(m for m in groups if not actor_dictionary.is_generic(m.canonical))
        return Attribution(group.canonical, "perpetrator_claim", True)
    sides = [m for m in actors if m.kind in ("state forces", "pro-government militia", "foreign forces")]
    named_sides = [m for m in sides if actor_dictionary.state_force_kind(m.canonical) is None
                   and not _is_generic_actor(m.canonical)]
    if named_sides:  # 'the US military', 'a VDP official': the side speaks under its own name
        return Attribution(named_sides[0].canonical, "government", False)
    if sources and all(m.alias.islower() for m in sources) and generic_source_type(text) == "monitor":
        # 'a human rights official': the monitor's word qualifies the role word ('official') it stands before
        return Attribution(re.sub(r"^(?:the|a|an)\s+", "", text.strip(" ,;"), flags=re.I), "monitor", False)
    if sources:  # a proper name ('state news agency SANA') before a role word
        source = sorted(sources, key=lambda m: (m.alias.islower(), m.start))[0]
        return Attribution(source.canonical, source.kind, False)
    if groups:
        return Attribution(groups[0].canonical, "perpetrator_claim", True)
    if sides:
        force_kind = actor_dictionary.state_force_kind(sides[0].canonical)
        name = sides[0].canonical if force_kind is None else "police" if force_kind == "police" else "army"
        return Attribution(name, "government", False)
    source_type = generic_source_type(text)
    if CLAIM_CUES.search(text) and source_type in (None, "perpetrator_claim"):
        # 'a statement on its channel' is the group's; 'the channel's analyst' or 'a ministry statement' is not
        group = [m for m in actor_dictionary.find_actors(sentence) if m.kind == "non-state armed group"]
        if group:
            return Attribution(group[0].canonical, "perpetrator_claim", True)
    if _BARE_SOURCES.match(text):
        return None
    if source_type is not None:
        name = "officials" if source_type == "government" else source_type if source_type == "activists" else \
            re.sub(r"^(?:the|a|an)\s+", "", text.strip(" ,;"), flags=re.I)
        return Attribution(name, source_type, source_type == "perpetrator_claim")
    known = _known_person(text, names)  # 'Jordan said' of a spokesman Mike Jordan introduced earlier
    country = country_speaker(text) if known is None else None
    if country is not None:  # 'Niger has confirmed the deaths of 44': a state speaks through its government
        return Attribution(country, "government", False)
    return known


# The words that join the speakers of one phrase: 'residents and police', 'security, humanitarian and local
# sources', 'a witness and BBC Burmese', 'villagers, as well as the district commissioner'.
_SPEAKERS_JOINED = re.compile(r"\s*,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+|\s*&\s*|\s+as\s+well\s+as\s+", re.I)
_COORDINATOR = re.compile(r"\s(?:and|&|as\s+well\s+as)\s", re.I)
_JOINED_PART_WORDS = 8  # a longer part is a clause, not one speaker of a list


def _joint_speaker(text: str, sentence: str, names: dict[str, Attribution] | None) -> Attribution | None:
    """The source of a speaker phrase that joins several speakers of different kinds, or None (one speaker, or
    speakers whose kinds this does not settle: then the phrase is read whole).

    Joint speakers confirm one figure together, and news names them in no fixed order, so the order does not
    decide: a speaker of its own beats an outlet named beside it ('a witness and BBC Burmese', 'members of a rebel
    group and independent media reports': the outlet only carries, as the corpus conventions say of an outlet
    quoting someone), and officials beat the local voices beside them ('residents and officials', 'security and
    local sources': the officials' word gives the figure its standing). Coordinated modifiers share the last
    part's noun ('security, humanitarian and local sources' are security sources, humanitarian sources, ...)."""
    if not _COORDINATOR.search(text):
        return None  # commas alone set off an appositive ('the Resistance Committees in X, capital of Y state')
    parts = [part.strip(" ,;") for part in _SPEAKERS_JOINED.split(text.strip(" ,;"))]
    parts = [re.sub(r"^(?:the|a|an|some)\s+", "", part, flags=re.I) for part in parts if part]
    if len(parts) < 2 or any(len(part.split()) > _JOINED_PART_WORDS for part in parts):
        return None
    head = parts[-1].split()[-1] if len(parts[-1].split()) >= 2 else None
    found = []
    for part in parts:
        attribution = resolve_speaker(part, sentence, None, names)
        if attribution is None and head is not None and len(part.split()) == 1:
            attribution = resolve_speaker(f"{part} {head}", sentence, None, names)
        if attribution is not None:
            found.append(attribution)
    kinds = {attribution.source_type for attribution in found}
    if len(kinds) < 2:
        return None
    speakers = [attribution for attribution in found if attribution.source_type != "media"]
    if {"government", "activists"} <= kinds:
        return next(attribution for attribution in speakers if attribution.source_type == "government")
    if "media" in kinds and speakers:
        return speakers[0]
    return None


# The words before a country's name that still name the state ('the Republic of Niger', 'the government of Mali').
_STATE_BEFORE = re.compile(r"^(?:the\s+)?(?:(?:federal\s+)?(?:republic|government|state|kingdom)\s+of\s+)?", re.I)


def country_speaker(text: str) -> str | None:
    """The country a speaker phrase is, when it is a country's name and nothing else ('Ukraine', 'the Republic of
    Niger'): news writes a state's statement with the state as its subject ('Ukraine said on Sunday ...'), and the
    state speaks through its government. None for any other phrase ('a Ukrainian soldier', 'Ukraine Railways')."""
    from helpers import place_context

    name = _STATE_BEFORE.sub("", text.strip(" ,;"))
    return name if place_context.is_country_name(name) else None



# A second speaker of the kind just quoted: 'another source', 'a second security source', 'one more official'.
_ANOTHER = re.compile(r"^\s*(?:the\s+)?(?:another|a\s+second|a\s+third|one\s+more|yet\s+another|a\s+further)\s+"
                      r"(?P<rest>[^,;]{2,60}?)\s*$", re.I)


def _another_source(another, sentence: str, last_source: Attribution | None,
                    names: dict[str, Attribution] | None) -> Attribution | None:
    """A second source ('Another source confirmed ...', 'a second security source said ...'): a speaker of its own,
    so its figure is a row of its own, not a repeat folded into the first source's (corpus conventions: different
    sources' figures are separate rows). Its type is what its own words say ('security source': government);
    a bare 'source' (a nationality allowed: 'another Ivorian source') is of the kind just quoted (the previous
    source), unless that was a claim (a 'source' is not the attackers), and with none before it names no one."""
    rest = another.group("rest")
    name = re.sub(r"\s+", " ", another.group(0).strip(" ,;")).lower()
    name = re.sub(r"^the\s+", "", name)
    own = resolve_speaker(rest, sentence, None, names)
    bare = re.fullmatch(r"(?:[\w-]+\s+)?sources?", rest.strip(), re.I) and (own is None or own.figure_source == "officials")
    if bare and last_source is not None and not last_source.is_claim:
        return Attribution(name, last_source.source_type, False)
    if own is None:
        return None
    return Attribution(name, own.source_type, own.is_claim)


_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
_WORD_AFTER = re.compile(r"^(?:['’]s)?[\s-]*(?:(?:led|claimed|linked|style|suicide|deadly|latest)[\s-]+)*([a-z]+)", re.I)


def _names_the_attack(text: str, match) -> bool:
    """Tell whether an armed group in a speaker phrase names the attack rather than the speaker's side: 'the father
    of two of those killed in the ISIS attack', 'a survivor of the attack by al-Shabaab' (a group before an event
    noun, or after 'by'), unlike 'a Taliban spokesman' or 'al-Shabaab's military spokesman'."""
    if _BY_BEFORE.search(text[:match.start]):
        return True
    after = _WORD_AFTER.match(text[match.end:])
    return after is not None and after.group(1).lower() in EVENT_NOUNS


def speaks_for_victims(attribution: Attribution | None, sentence: str) -> Attribution | None:
    """A group's figure told in the words of the side attacked ('"... has claimed the lives of 56 innocent
    civilians", the group's spokesman said', 'we have five martyrs', 'condemned the cowardly attack') is not a
    claim by the attackers: the group speaks for the victims' side, as its authority (typed government, as
    side_of_victims does). Other attributions are returned unchanged."""
    if attribution is None or not attribution.is_claim or not VICTIMS_SIDE_WORDS.search(sentence):
        return attribution
    return Attribution(attribution.figure_source, "government", False, attribution.start, attribution.end)


# Entity labels of numbers that are no count of people ('said on 12 March', 'at 3 pm', '15 percent').
_NOT_COUNT_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}


# Words that set a speaker's clause against the figure's ('..., while a rights group said 15', 'but residents say 40').
_SETTING_AGAINST = {"while", "whereas", "but", "though", "although", "however", "meanwhile"}


def _sets_against(speech, count) -> bool:
    """Tell whether a speech verb's clause is set against the figure's by a contrasting word ('while X said', 'but
    X says'): a marker among the children of the speech verb or of a clause above it that does not hold the figure
    ('..., while a rights group said it could confirm 15'), or right before such a clause."""
    doc = speech.doc
    node = speech
    while node not in count.ancestors and node != count:
        if any(child.lower_ in _SETTING_AGAINST and child.i < node.i for child in node.children):
            return True
        start = node.left_edge.i
        if any(doc[i].lower_ in _SETTING_AGAINST for i in range(max(0, start - 2), start)):
            return True
        if node.head == node:
            break
        node = node.head
    return False


def _gives_another_count(speech, count) -> bool:
    """Tell whether a speech verb that does not govern a figure's clause, set against it by a contrasting word,
    reports a count of its own ('At least 13 soldiers died, while a rights group said it could confirm 15 deaths'):
    news writing sets another source's figure beside the outlet's in a clause of its own, and that source gives its
    own count, not the figure. Without the contrasting word, a speaker the parse hangs off the figure's clause with
    the wounded under it ('12 were killed and seven wounded, an officer told Reuters') still speaks for both. A
    date or a time in its clause ('said on 12 March') is no count."""
    subtree = list(speech.subtree)
    if count in subtree or not _sets_against(speech, count):
        return False
    return any(token.like_num and token.i != count.i and token.ent_type_ not in _NOT_COUNT_LABELS
               and token.dep_ in ("nummod", "nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr")
               for token in subtree)


def _role_before(doc, speaker):
    """The phrase before a comma that opens a speaker's name, back to the sentence start or the comma before it
    (at most 10 tokens): the name's role given first ('The Secretary-General of X State, John Abcd says')."""
    end = speaker.start - 1
    commas = [t.i for t in doc[:end] if t.text == ","]
    start = commas[-1] + 1 if commas else 0
    if end - start < 1 or end - start > 10:
        return None
    return doc[start:end]


def _is_responsibility_claim(speech) -> bool:
    """Tell whether a claim verb claims the attack rather than a figure: 'claimed responsibility for', 'claimed
    the attack', 'an assault claimed by X' have no clause or infinitive after the verb ('claimed that 20 died',
    'claimed to have killed 20' do)."""
    if speech.lower_ not in ("claim", "claims", "claimed", "claiming"):
        return False
    if any(child.dep_ == "dobj" and child.lower_ in _TOLL_OBJECTS for child in speech.children):
        return False  # 'IS claimed a higher death toll': a claimed toll
    return not any(child.dep_ in ("ccomp", "xcomp") for child in speech.children)


def _claims_the_killing(speech, count) -> bool:
    """Tell whether a claim of responsibility claims the count's killing itself ('X claimed responsibility for
    killing 300 soldiers': the group says it killed 300), not an attack the outlet describes ('... for the attack
    that killed 20')."""
    for obj in speech.children:
        if obj.dep_ != "dobj":
            continue
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "for":
                if any(child.dep_ == "pcomp" and child.tag_ == "VBG" and count in child.subtree
                       for child in prep.children):
                    return True
    return False


# Objects of 'claimed' that make it a claimed toll, not a claim of responsibility ('claimed the lives of 20',
# 'claimed 20 victims' are the attack taking lives: no one speaks).
_TOLL_OBJECTS = {"toll", "tolls", "figure", "figures"}


# An unqualified 'sources' says nothing of who spoke ('sources said', 'according to the sources').
_BARE_SOURCES = re.compile(r"^\s*(?:the\s+|some\s+|several\s+)?sources?\s*$", re.I)
# A wire dateline before a speaker phrase ('BENGHAZI, Libya (AP) — A spokesman ...', '(CNN)Peruvian authorities').
_DATELINE = re.compile(r"^[^()]{0,60}\(?[A-Za-z. ]{2,30}\)(?:\s*[—–-]+\s*|(?=[A-Z]))")


def _is_description_clause(doc, predicate) -> bool:
    """Tell whether a casualty verb sits in a relative clause on an event noun ('an ambush which killed 37')."""
    return predicate is not None and predicate.dep_ == "relcl" and predicate.head.lower_ in EVENT_NOUNS


def _reporting_outlet(speech, speaker) -> Attribution | None:
    """An unknown name that 'reported' a figure is an outlet ('The Zedland Times reported that ...', '...,
    Radio Abcd reports'): a name of proper nouns only (an article allowed), as outlets are cited; None otherwise
    (a person or a group is named with a role or is in the dictionaries; an acronym may be either)."""
    if speech.lower_ not in ("reported", "reports", "report", "reporting"):
        return None
    tokens = [t for t in speaker if not t.is_punct]
    if not tokens or not any(t.pos_ == "PROPN" for t in tokens) or len(tokens) > 6:
        return None
    if all(t.is_upper or t.lower_ == "the" for t in tokens):
        return None  # an unknown acronym ('NUG reported') is as often a group or a body as an outlet
    if tokens[-1].tag_ == "NNPS" or speech.tag_ == "VBP":
        return None  # a plural name ('the Palestinians report', 'Ukraine Railways have reported') is a people or a body
    if not all(t.pos_ == "PROPN" or (t.i == speaker.start and t.lower_ == "the") or t.lower_ in ("de", "of", "al")
               for t in tokens):
        return None
    return Attribution(speaker.text.strip(), "media", False)


def _antecedent_source(doc, pronoun) -> Attribution | None:
    """Return what a pronoun speaker refers to in its own sentence: the nearest subject of a speech or claim verb
    before it ('Al-Shabaab claimed the attack in a statement in which they said ...'), else the nearest subject
    before it that names a source by its role, whatever its verb ('A local pastor gave the news: "...," he said':
    news introduces a speaker with any verb and goes on with a pronoun); a claim needs a speech verb."""
    subjects = [token for token in reversed(doc[:pronoun.start])
                if token.dep_ == "nsubj" and token.lower_ not in PRONOUN_SPEAKERS]
    for token in subjects:
        if token.head.lower_ in SPEECH_WORDS:
            return resolve_speaker(doc[token.left_edge.i: token.right_edge.i + 1].text, _doc_text(doc), None)
    singular = pronoun.text.strip().lower() in ("he", "she", "it", "him", "her")
    for token in subjects:
        if singular and token.tag_ in ("NNS", "NNPS"):
            continue  # 'Soldiers repelled the attack; "...," he said': 'he' is not the soldiers
        # the subject's noun with the words before it: 'the village chief' of 'the village chief of X', and not the
        # places after it ('the attack on a town in Y state')
        found = resolve_speaker(doc[token.left_edge.i: token.i + 1].text, _doc_text(doc), None)
        if found is not None and not found.is_claim:
            return found
    return None


def attribute_figure(doc, figure: Figure, last_source: Attribution | None,
                     names: dict[str, Attribution] | None = None) -> Attribution | None:
    """Return the attribution of one figure from the speech verbs of its sentence, or None."""
    predicate = doc[figure.predicate] if figure.predicate is not None else None
    candidates = []
    claimed_killing = False  # 'X claimed responsibility for killing 300': the claim is the figure's
    for speech, speaker in _speaker_spans(doc):
        if _is_responsibility_claim(speech):
            if not _claims_the_killing(speech, doc[figure.root]):
                continue
            claimed_killing = True  # 'IS claimed the attack that killed 20': a claim of responsibility is not a claimed toll
        if speech.lower_ in TOLL_SETTING_VERBS and doc[figure.root] not in speech.subtree:
            continue  # 'the UN put the toll at 200, while X claimed 300': who puts a toll gives that toll only
        attribution = _antecedent_source(doc, speaker) if speaker.text.strip().lower() in PRONOUN_SPEAKERS else None
        attribution = attribution or resolve_speaker(speaker.text, _doc_text(doc), last_source, names)
        if attribution is None and speaker.start > 1 and doc[speaker.start - 1].text == ",":
            role = _role_before(doc, speaker)  # 'The Secretary-General of X State, John Abcd says'
            attribution = resolve_speaker(role.text, _doc_text(doc), None, names) if role is not None else None
        if attribution is None:
            attribution = _reporting_outlet(speech, speaker)
        if attribution is None:
            continue
        governs = predicate is not None and (speech in predicate.ancestors or speech.lower_ == "according")
        if not governs and _gives_another_count(speech, doc[figure.root]):
            continue  # '13 soldiers died, while a rights group said it counted 15': the group gives the 15 only
        candidates.append((0 if governs else 1, abs(speech.i - (predicate.i if predicate is not None else 0)),
                           Attribution(attribution.figure_source, attribution.source_type, attribution.is_claim,
                                       speaker.start_char, speaker.end_char)))
    if not candidates:  # 'KUNA reported, citing the public prosecution': an unknown outlet relays a known source
        return _cited_source(_doc_text(doc), names) if SPEECH_REGEX.search(_doc_text(doc)) else None
    attribution = sorted(candidates, key=lambda item: (item[0], item[1]))[0][2]
    if attribution.source_type == "media":  # 'CNN said, citing the health ministry': the outlet relays it
        cited = _cited_source(_doc_text(doc), names)
        if cited is not None:
            attribution = Attribution(cited.figure_source, cited.source_type, cited.is_claim,
                                      attribution.start, attribution.end)
    if attribution.is_claim and attribution.figure_source in _victim_actors(doc, figure):
        # a party counting its own dead is a source, not a perpetrator claiming a toll
        kind = actor_dictionary.actor_type_of(attribution.figure_source)
        source_type = "government" if kind in ("state forces", "pro-government militia", "foreign forces") else "activists"
        return Attribution(attribution.figure_source, source_type, False, attribution.start, attribution.end)
    if attribution.is_claim and claimed_killing:
        return attribution
    attribution = speaks_for_victims(attribution, _doc_text(doc))
    if attribution.is_claim and (_is_description_clause(doc, predicate) or
                                 (predicate is not None and predicate.head.lower_ == "for")):
        return None  # the outlet describes the event the group claimed; the figure is not the claim's
    if attribution.is_claim and re.search(r"claimed responsibility for|said it was behind|claimed (?:the|an?)\b",
                                          _doc_text(doc), re.I) and not CLAIM_CUES.search(_doc_text(doc)[figure.start - 80: figure.start]):
        if predicate is not None and (predicate.dep_ in ("relcl", "acl") or predicate.head.lower_ in EVENT_NOUNS):
            return None
    return attribution


_FORCES = ("state forces", "foreign forces")


def side_of_victims(attribution: Attribution | None, perpetrator: list[str]) -> Attribution | None:
    """An armed group's figure for an attack whose attackers are state or foreign forces is the count of the side
    attacked, not a claim ('Pakistani air strikes killed 46, according to the Taliban spokesperson'): a claim is
    the attackers'. The group then speaks as the authority of that side: typed government."""
    if attribution is None or not attribution.is_claim or not perpetrator:
        return attribution
    if not all(actor_dictionary.actor_type_of(name) in _FORCES for name in perpetrator):
        return attribution
    if actor_dictionary.actor_identity(attribution.figure_source) in {actor_dictionary.actor_identity(name)
                                                                      for name in perpetrator}:
        return attribution
    return Attribution(attribution.figure_source, "government", False, attribution.start, attribution.end)


_BESIDE_CUE = 12  # characters between a speaker and its speech word ('..., the SDF said'; 'police said')


def spoken_source(sentence: str, names: dict[str, Attribution] | None = None) -> Attribution | None:
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
            if actor_dictionary.is_state_attack(match.canonical, match.alias):
                continue  # a strike never speaks
            distance = min(max(cue_start - match.end, match.start - cue_end, 0) for cue_start, cue_end in cues)
            if distance <= _BESIDE_CUE and not actor_dictionary.is_generic(match.canonical) and (
                    best is None or distance < best[0]):
                best = (distance, match)
        if best is not None:
            return speaks_for_victims(resolve_speaker(best[1].alias, sentence, None), sentence)
        return _phrase_source(sentence, names)
    if best[0] > _BESIDE_CUE:  # far from the speech word, a source word may be the counted people ('Five rangers
        phrase = _phrase_source(sentence, names)  # and a soldier were killed, a conservation group announced')
        if phrase is not None:
            return phrase
    match = best[1]
    if match.kind == "media":
        cited = _cited_source(sentence, names)
        if cited is not None:
            return cited
    return speaks_for_victims(Attribution(match.canonical, match.kind, match.kind == "perpetrator_claim"), sentence)


# Speaker phrases found without a parse: 'according to X', '..., X said', 'X said that ...', '..., X, a role, told'
# (X without a comma or a quotation mark, up to 80 characters), and the inverted '..., said X, head of Y.' after a quotation or a clause (X
# with its appositive, up to the sentence's end); resolved by the words they hold.
_SPEAKER_PHRASES = (
    re.compile(r"\b(?:according to|as reported by|as quoted by|citing)\s+([^,.;:“”\"]{3,80})", re.I),
    re.compile(r"(?:^|[,”\"]\s*)([^,.;:“”\"]{3,80}?),?\s+(?:has |have |had )?(?:said|says|say|reported|reports|added|"
               r"adds|told|tells|stated|announced|confirmed|confirms|revealed)\b"),
    re.compile(r"[,”\"]\s*(?:said|says|added|adds|told\s+\w+)\s+([^.;:“”\"]{3,80}?)\s*[.;]?\s*$"),
)


_CITING = re.compile(r"\b(?:citing|quoting)\s+([^,.;:“”\"]{3,80})", re.I)


def _cited_source(sentence: str, names: dict[str, Attribution] | None = None) -> Attribution | None:
    """The source an outlet cites ('..., the agency reported, citing the public prosecution'), or None."""
    for match in _CITING.finditer(sentence):
        found = resolve_speaker(match.group(1), sentence, None, names)
        if found is not None and found.source_type != "media":
            return found
    return None


def _phrase_source(sentence: str, names: dict[str, Attribution] | None = None) -> Attribution | None:
    """Resolve the speaker phrase of a sentence by its words ('..., the district commissioner said' -> officials),
    for sentences the dictionaries name no source in; None when no phrase names a source."""
    for pattern in _SPEAKER_PHRASES:
        for match in pattern.finditer(sentence):
            phrase = match.group(1).strip()
            if phrase.lower() in PRONOUN_SPEAKERS or not re.search(r"[A-Za-z]", phrase):
                continue
            found = resolve_speaker(phrase, sentence, None, names)
            if found is not None and not found.is_claim:
                return found
    return None


# A claim of responsibility for an attack ('X claimed responsibility for the bombing', 'X said it was behind the
# attack', 'X claimed the attack'), and the wordings that make such a claim also claim a toll ('claimed
# responsibility for killing 30', 'claimed to have killed 30', 'saying its fighters killed 30').
_RESPONSIBILITY = re.compile(r"\b(?:claim(?:ed|s|ing)?|took|takes|taking|accepted)\s+(?:full\s+)?responsibility\b|"
                             r"\bsaid\s+(?:it|they)\s+(?:was|were)\s+behind\b|\bclaim(?:ed|s)?\s+(?:the|an?|this|that)\s+"
                             r"(?:\w+\s+){0,2}?(?:attack|bombing|assault|raid|ambush|blast|explosion|massacre)s?\b", re.I)
_TOLL_CLAIMED = re.compile(r"\bresponsibility\s+for\s+(?:the\s+)?killing\b|\bclaim(?:ed|s|ing)?\s+to\s+have\s+killed\b|"
                           r"\b(?:saying|said|says|adding)\s+(?:that\s+)?(?:it|they|its|their)\b[^.;]{0,40}?\b(?:killed|"
                           r"inflicted)\b", re.I)


def _claims_responsibility_only(sentence: str) -> bool:
    """Tell whether a sentence's claim is of responsibility for an attack with no claimed toll: 'IS claimed
    responsibility for the attack that killed 84' gives the outlet's figure, not the group's (corpus conventions:
    a claim of responsibility is not a claimed toll)."""
    return bool(_RESPONSIBILITY.search(sentence)) and not _TOLL_CLAIMED.search(sentence)


_NOT_READ = object()


def sentence_source(sentence: str, last_source: Attribution | None,
                    names: dict[str, Attribution] | None = None, spoken=_NOT_READ) -> Attribution | None:
    """Return the source a sentence names with a speech word, without a parse (for neighbour attribution); a
    claim of responsibility alone names none. `spoken`: the sentence's spoken_source with the same `names`, when
    the caller has it already."""
    found = spoken_source(sentence, names) if spoken is _NOT_READ else spoken
    if found is not None and found.is_claim and _claims_responsibility_only(sentence):
        return None
    if found is not None:
        return found
    if sentence_pronoun_speaker(sentence):  # '"...," he said': the speaker last named (corpus conventions: attribution
        return last_source  # carries through pronouns)
    return None



def _sentence_values(sentence: str) -> set[int]:
    """The exact values of the counts a sentence gives (ranges and vague words left out)."""
    return {match.count.value for match in find_counts(sentence)
            if match.count.maximum is None and not match.count.is_vague}


# The sentences of a headline and lede: the headline (sentence 0) and the two sentences after it, or, when page
# furniture stands between them (a photo caption, a credit line, a date widget: short lines of a few words), the
# first two body sentences of news length (LEDE_WORDS words or more) after the headline.
LEDE_LAST = 2
LEDE_WORDS = 12


def lede_last(sentences: list[str]) -> int:
    """The index of the lede's last sentence: the second sentence after the headline of LEDE_WORDS words or more
    (captions, credits and date lines are shorter), never before LEDE_LAST."""
    long_ones = [index for index in range(1, len(sentences)) if len(sentences[index].split()) >= LEDE_WORDS]
    return max(LEDE_LAST, long_ones[1] if len(long_ones) > 1 else (long_ones[0] if long_ones else 0))


@dataclass(frozen=True)
class ArticleSources:
    """What the article's sentences say of their sources, for the figures without a speaker of their own: each
    sentence's text, the source it names without a parse (sentence_source), its paragraph and its exact values
    (those of a sentence that names a source; an empty set for the others, which no figure inherits from)."""

    article_id: str
    sentences: list
    sentence_sources: list
    paragraph_of: list
    sentence_values: list
    lede_last: int = LEDE_LAST

    @classmethod
    def of(cls, article_id: str, text: str, spans: list[tuple[int, int]], sentence_sources: list) -> "ArticleSources":
        sentences = [text[start:end] for start, end in spans]
        paragraph_of = [text.count("\n", 0, start) for start, _ in spans]
        # the values of a sentence that names a source (body_restatement reads no other sentence's: an empty set)
        values = [_sentence_values(sentence) if source is not None else set()
                  for sentence, source in zip(sentences, sentence_sources)]
        return cls(article_id, sentences, list(sentence_sources), paragraph_of, values, lede_last(sentences))


# A figure given as an unnamed report: 'was reported', 'reportedly', 'initial reports said', 'unconfirmed reports'.
_UNNAMED_REPORT = re.compile(r"\b(?:was|were|been)\s+(?:\w+ly\s+)?reported\b(?!\s+by\b)|\breportedly\b|"
                             r"\b(?:initial|early|earlier|first|unconfirmed|some|other|conflicting)\s+reports\b", re.I)


def _paragraph_source(mention, article: ArticleSources) -> Attribution | None:
    """The source named by the nearest sentence of its own paragraph that names one (before it at equal distance)
    for an undated main-event figure: attribution carries across a paragraph (corpus conventions), not a claim;
    None otherwise, and None for a figure its own sentence gives as an unnamed report ('The toll was reported at
    95', 'Initial reports spoke of 18 bodies'): the outlet says it does not know who told it."""
    if mention.own_dates:
        return None
    index = mention.sentence_index
    if _UNNAMED_REPORT.search(article.sentences[index]):
        return None
    paragraph = [other for other in range(len(article.sentences))
                 if other != index and article.paragraph_of[other] == article.paragraph_of[index]
                 and article.sentence_sources[other] is not None]
    # the nearest sentence naming a source, before before after at the same distance
    for other in sorted(paragraph, key=lambda other: (abs(other - index), other > index)):
        source = article.sentence_sources[other]
        return source if not source.is_claim else None
    return None


def inherit_paragraph_sources(group: list, article: ArticleSources, role: str) -> None:
    """Give each undated main-event figure set with no speaker of its own the source the sentence beside it in
    its paragraph names: the corpus conventions carry attribution across a paragraph (before repeats are
    resolved, so that a body figure so attributed is the one a headline repeats)."""
    if role != "main":
        return
    for mention in group:
        if mention.is_dropped or mention.attribution is not None:
            continue
        paragraph = _paragraph_source(mention, article)
        if paragraph is not None:
            mention.attribution, mention.is_inherited = paragraph, True


def body_restatement(mention, article: ArticleSources) -> Attribution | None:
    """The source of the body sentence that restates a headline or lede figure with a speaker: news writing gives
    the toll first and attributes it a paragraph or more later ('Blast kills 14 at market' ... '14 people died,
    the governor said'), and the two are one figure of that source (corpus conventions, one row per source and
    figure). The nearest later sentence that names a source and gives every exact count of the figure set
    (killed, wounded) is it; a single count must be at least 2 (a 'one' or a 'two' recurs by chance). A body
    sentence that gives the set's dead and no other count restates it too: a speaker's quote often gives the dead
    alone, the wounded in a sentence of their own. A vague count beside an exact one ('six dead and several
    injured') is left out of the comparison. None for a body figure, a range, a set of vague counts only, or when
    no later sentence restates it. The lede is found past page furniture (lede_last)."""
    index = mention.sentence_index
    if index > article.lede_last:
        return None
    # 'six dead and several injured': the six
    counts = [figure.count for figure in mention.figures.values() if not figure.count.is_vague]
    if not counts or any(count.maximum is not None for count in counts):
        return None
    values = {count.value for count in counts}
    if len(counts) == 1 and min(values) < 2:
        return None
    killed = mention.figures["killed"].count.value if "killed" in mention.figures else None
    for other in range(index + 1, len(article.sentences)):
        source = article.sentence_sources[other]
        if source is None:
            continue
        if values <= article.sentence_values[other]:
            return source
        if killed is not None and killed >= 2 and article.sentence_values[other] == {killed}:
            return source  # 'Five killed, two hurt in raid' ... 'the deaths of five people, the commissioner said'
    return None


def inherit_sources(group: list, article: ArticleSources) -> None:
    """Give each live headline or lede figure set with no speaker of its own (after inherit_paragraph_sources)
    the source of the body sentence restating it (body_restatement). Any other figure without a speaker stays
    unattributed: on the dev gold, most such figures are the outlet's own (136 of 175), and a learned choice among
    the neighbouring sentences' sources (the former helpers.source_attribution) chose worse out of fold than
    leaving them unattributed (source-type accuracy 0.834 against 0.844)."""
    for mention in group:
        if mention.is_dropped or mention.attribution is not None:
            continue
        restated = body_restatement(mention, article)
        if restated is not None:
            mention.attribution, mention.is_inherited = restated, True


# People introduced with a role: 'army spokesman Lt. Nasrulah Sema' (role, then name) and 'Wasim Baig, a
# spokesperson for the hospital,' (name, then role). A name is two to four capitalised words, a title allowed.
_TITLE = r"(?:(?:Lt|Col|Gen|Maj|Capt|Brig|Dr|Mr|Ms|Mrs|Sgt|Cpt)\.?\s+)?"
_NAME = r"(" + _TITLE + r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})"
_ROLE_THEN_NAME = re.compile(r"((?:\b[A-Z][\w'’-]*\s+)?(?:\b[a-z][\w'’-]*\s+){0,4}?\b[a-z][\w'’-]*)\s+" + _NAME)
_NAME_THEN_ROLE = re.compile(_NAME + r",\s+((?:a|an|the)\s+)?([^,;“”\"]{3,80}?)(?:,|\s+(?:said|says|told)\b)")
# What every _NAME holds (after its title, if any): two capitalised words in a row.
_TWO_CAPITALISED = re.compile(r"[A-Z][\w'’.-]+\s+[A-Z]")
_TITLE_WORDS = {"lt", "col", "gen", "maj", "capt", "brig", "dr", "mr", "ms", "mrs", "sgt", "cpt"}


def _name_keys(name: str) -> list[str]:
    """The keys a person is referred to by later: the full name and the surname ('Fred Enanga', 'Enanga')."""
    words = [w for w in re.findall(r"[\w'’-]+", name) if w.lower().strip(".") not in _TITLE_WORDS]
    return [" ".join(words).lower(), words[-1].lower()] if len(words) >= 2 else []


# A capitalised title before a name ('County Commissioner Henry Abcd', 'Interior Minister Ali Abcd'): news style
# capitalises a title written right before the name. Found at every capitalised word (overlapping), the title's last
# word a role word.
_TITLED_NAME = re.compile(r"(?=\b((?:[A-Z][\w'’-]*\s+){0,3})([A-Z][\w'’-]+)\s+" + _NAME + r")")


def _titled_names(sentence: str) -> list[tuple[str, str]]:
    """The (name, title) pairs of a sentence's capitalised titles before names ('Mandera County Commissioner Henry
    Abcd' -> ('Henry Abcd', 'Mandera County Commissioner')): the title's last word types a source (a role word:
    commissioner, minister, spokesman) and no word of the name does."""
    found = []
    for match in _TITLED_NAME.finditer(sentence):
        role_word, name = match.group(2), match.group(3)
        if not generic_source_type(role_word) or any(generic_source_type(word) for word in name.split()):
            continue
        found.append((name, (match.group(1) + role_word).strip()))
    return found


def learn_speaker_names(sentence: str, names: dict[str, Attribution]) -> None:
    """Remember the people a sentence introduces with a role that names a source ('police spokesperson Fred
    Enanga' -> police), so that a later 'Enanga said' is attributed; the first introduction of a name is kept."""
    if _TWO_CAPITALISED.search(sentence) is None:
        return  # no name of two capitalised words: none of the three patterns below can match
    found = [(m.group(2), m.group(1)) for m in _ROLE_THEN_NAME.finditer(sentence)
             if generic_source_type(m.group(1).split()[-1])]  # the role word right before the name
    found += [(m.group(1), m.group(3)) for m in _NAME_THEN_ROLE.finditer(sentence)]
    found += _titled_names(sentence)
    for name, role in found:
        attribution = resolve_speaker(role, sentence, None)
        if attribution is None:
            continue
        for key in _name_keys(name):
            names.setdefault(key, Attribution(attribution.figure_source, attribution.source_type,
                                              attribution.is_claim))


def _known_person(text: str, names: dict[str, Attribution] | None) -> Attribution | None:
    """The source of a speaker phrase that names a person the article introduced with a role, or None."""
    if not names:
        return None
    capitalised = [w for w in re.findall(r"[A-Z][\w'’-]+", text) if w.lower() not in _TITLE_WORDS]
    if not capitalised:
        return None
    for key in (" ".join(capitalised).lower(), capitalised[-1].lower()):
        if key in names:
            return names[key]
    return None



# A quotation's marks: curly ones open or close; a straight one opens or closes by its count in the paragraph.
_QUOTE_MARKS = re.compile(r"[“”\"]")
# The words right after a quotation closes that name its speaker: ', said the governor', ' the governor said'.
_AFTER_QUOTE = 80


def quote_speaker(text: str, at: int, sentence_end: int, names: dict[str, Attribution] | None = None,
                  max_sentences: int = 3, last_source: Attribution | None = None) -> Attribution | None:
    """The speaker of a quotation that a figure at `at` stands inside when the quotation closes in a later
    sentence of its paragraph ('"They came at dawn. They killed 14 people. We buried them today," said the
    governor.'): news writing names a quote's speaker once, after its last sentence. None when the figure is
    not inside a quotation, the quotation closes in the figure's own sentence (its parse names the speaker),
    runs on past the paragraph, or closes more than `max_sentences` sentence ends later, or when no speaker
    follows the closing mark. A pronoun speaker after the closing mark ('..., he said.') is `last_source`, the
    speaker last named before the figure's sentence."""
    paragraph_start = text.rfind("\n", 0, at) + 1
    paragraph_end = text.find("\n", at)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    is_open = False
    for mark in _QUOTE_MARKS.finditer(text, paragraph_start, at):
        is_open = mark.group() == "“" or (mark.group() == '"' and not is_open)
    if not is_open:
        return None
    close = next((m for m in _QUOTE_MARKS.finditer(text, at, paragraph_end) if m.group() in ("”", '"')), None)
    if close is None or close.start() < sentence_end:
        return None
    if len(re.findall(r"[.!?](?=\s)", text[sentence_end:close.start()])) >= max_sentences:
        return None
    after = text[close.end():min(paragraph_end, close.end() + _AFTER_QUOTE)]
    tail = re.split(r"(?<=[.!?])\s", after, maxsplit=1)[0]
    if not re.match(r"^\s*,?\s*\S", tail) or re.match(r"^\s*[“\"]", tail):
        return None
    found = spoken_source(tail, names)
    if found is None:
        phrase = re.match(r"^\s*,?\s*(?:(?:said|says|added|adds|told\s+\w+)\s+)?(.+?)(?:\s+(?:said|says|added|adds|"
                          r"told)\b.*)?[.!?]?$", tail)
        found = resolve_speaker(phrase.group(1), tail, last_source, names) if phrase and SPEECH_REGEX.search(tail) \
            else None
    return found


# A paragraph that goes on with a quotation: it opens with a quotation mark, or with a pronoun speaker's verb and
# then the mark ('He continued, “...', 'She added: "...').
_QUOTE_PARAGRAPH = re.compile(r"^\s*(?:(?:he|she|they)\s+(?:continued|added|went on|said)\s*[,:]?\s*)?[“\"‘]", re.I)


def continued_quote_speaker(text: str, at: int, last_source: Attribution | None) -> Attribution | None:
    """The speaker of a quotation that goes on past its paragraph, for a figure inside it that no speaker follows
    ('“This is a grave attack. Two were killed and five wounded.' with the next paragraph opening a quotation
    again): news writing names a long quotation's speaker once, in the paragraph before or at its end, and a
    paragraph that opens with a quotation mark goes on with it. That speaker is `last_source`, the last one
    named. None when the figure's paragraph does not open a quotation ('He continued, “' counts), when the
    quotation closed before the figure (a closing curly mark, or a single one after punctuation: ',’'), when words
    follow its closing mark in the paragraph (they name the speaker: quote_speaker and the parse read them), or
    when no speaker, or only a claim, was named before."""
    if last_source is None or last_source.is_claim:
        return None
    paragraph_start = text.rfind("\n", 0, at) + 1
    paragraph_end = text.find("\n", at)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    before = text[paragraph_start:at]
    if not _QUOTE_PARAGRAPH.match(before) or "”" in before or re.search(r"[,.!?]['’]", before):
        return None
    if before.count('"') % 2 == 0 and re.match(r"^\s*[^“‘]*\"", before):
        return None  # straight marks: an even count before the figure is a closed quotation
    close = re.search(r"”|[,.!?]['’]|\"", text[at:paragraph_end])
    if close is not None and re.search(r"\w", text[at + close.end():paragraph_end]):
        return None  # words after the closing mark name its speaker ('...," reads a statement from the cell')
    return last_source


# A headline's teller after a colon at its end ('29 killed in cattle raid: local official', '... - police'):
# headline style names the source last, without a speech verb.
_HEADLINE_TELLER = re.compile(r"(?::|\s[–—-])\s*([A-Za-z][^:–—]{1,50}?)\s*$")


def headline_teller(headline: str, at: int, names: dict[str, Attribution] | None = None) -> Attribution | None:
    """The source a headline names after a colon or a dash at its end, after its figure at `at` ('Gunmen kill 12
    in village: police'), or None (no such ending, the figure after it as in a kicker 'Nigeria: gunmen kill 12',
    or words that name no source: 'Attack on a market: what we know')."""
    match = _HEADLINE_TELLER.search(headline.rstrip())
    if match is None or match.start() < at or len(match.group(1).split()) > 5 or re.search(r"\d", match.group(1)):
        return None
    return resolve_speaker(match.group(1), headline, None, names)

"""Speakers in a parsed sentence: the (speech word, speaker span) pairs ('X said', 'said X', 'according to X'),
found once per sentence and kept on the doc; read by attribution (sources) and by perpetrators (actors: a
speaker is not an attacker).
"""
from __future__ import annotations

from helpers.annotate.words import SPEECH_WORDS, TOLL_NOUNS, TOLL_SETTING_VERBS
from helpers.annotate.records import SpeakerSpan


def _speaker_spans(doc) -> list[SpeakerSpan]:
    """Return (speech token, speaker span) pairs: 'X said', 'said X', 'according to X'.

    Asked once per figure of a sentence; found once per sentence and kept on the doc as token offsets."""
    found = doc.user_data.get("speaker_spans")
    if found is None:
        found = [(speech.i, speaker.start, speaker.end) for speech, speaker in _find_speaker_spans(doc)]
        doc.user_data["speaker_spans"] = found
    return [SpeakerSpan(doc[speech], doc[start:end]) for speech, start, end in found]


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
        elif token.lower_ in TOLL_SETTING_VERBS and token.pos_ == "VERB" and any(
                child.dep_ == "dobj" and child.lower_ in TOLL_NOUNS for child in token.children):
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None:  # 'witnesses put the death toll at 30': who sets a toll gives it
                pairs.append((token, doc[subject.left_edge.i: subject.right_edge.i + 1]))
        elif token.lower_ in _PUBLISHING_WORDS and token.pos_ == "VERB" and token.head.lower_ in _FIGURE_NOUNS \
                and _passive_agent(token) is not None:
            pairs.append((token, _passive_agent(token)))  # 'figures provided by the health ministry'
        elif token.lower_ in _QUOTING_WORDS and token.pos_ == "VERB" and _quoted_person(token) is not None:
            pairs.append((token, _quoted_person(token)))  # 'Z quoted X as saying': X speaks, Z relays
        elif token.lower_ in SPEECH_WORDS and _is_verb(token) and not _adds_to_something(token):
            quoting = token.head if token.dep_ in ("xcomp", "advcl", "acl", "oprd") else None
            if quoting is not None and quoting.lower_ in _QUOTING_WORDS and _quoted_person(quoting) is not None:
                pairs.append((token, _quoted_person(quoting)))  # '... quoted X saying that ...': X said it
                continue
            agent = _passive_agent(token)
            if agent is not None:  # '..., as reported by local authorities'
                pairs.append((token, agent))
                continue
            # a passive speech verb's subject is what is said ('10 people are confirmed dead'), its speaker the agent;
            # only a quoting verb's passive subject speaks ('the mayor was quoted as saying')
            subjects = [c for c in token.children if c.dep_ == "nsubj" or
                        (c.dep_ == "nsubjpass" and token.lower_ in _QUOTING_WORDS)]
            if not subjects and token.dep_ in ("conj", "advcl", "xcomp"):
                # 'X claimed the attack and said that ...', 'X claimed the attack, saying ...': X said it
                subjects = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            # the subject nearest the verb: '[A bomb killed five], the army said' parses with two subjects
            subject = min(subjects, key=lambda c: abs(token.i - c.i)) if subjects else None
            if subject is None and token.dep_ == "acl" and _is_closing_appositive(token.head):
                # '..., a community leader reported on Wednesday.': parsed as a participle on an appositive
                pairs.append((token, doc[token.head.left_edge.i: token.head.i + 1]))
                continue
            if subject is None and token.dep_ in ("acl", "amod", "relcl"):
                continue  # 'the eight deaths initially reported': a participle, no one speaking
            if subject is None or subject.pos_ in ("VERB", "AUX"):
                chunk = _chunk_before(doc, token)  # '..., the army said' parsed as a clause subject, or not at all
                if chunk is not None:
                    pairs.append((token, chunk))
                continue
            if subject.lower_ in ("which", "who", "that") and token.dep_ == "relcl":
                head = token.head
                teller = _teller(head)
                if teller is not None:  # 'X told Reuters, who said ...': X speaks, the outlet relays
                    pairs.append((token, teller))
                else:
                    pairs.append((token, doc[head.left_edge.i: head.i + 1]))
            else:
                pairs.append((token, _comma_speaker(doc, token, subject) or
                              doc[subject.left_edge.i: subject.right_edge.i + 1]))
    return pairs


_ADD_WORDS = {"add", "adds", "added", "adding"}


def _adds_to_something(token) -> bool:
    """Tell whether 'add' means increase, not speak: 'adding to concerns that ...', 'added to the pressure' (a 'to'
    after it and no reported clause of its own)."""
    return token.lower_ in _ADD_WORDS and any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children) and \
        not any(c.dep_ in ("ccomp", "xcomp") for c in token.children)


def _is_closing_appositive(noun) -> bool:
    """Tell whether a noun is an appositive set off by a comma and ending its sentence's clauses ('Gunmen killed nine
    in the town, a community leader reported on Wednesday'): the small parser hangs a speaker named last, after a
    comma, on the noun before it and its speech verb on the speaker as a participle."""
    doc = noun.doc
    start = noun.left_edge.i
    return noun.dep_ == "appos" and start > 0 and doc[start - 1].text == "," and \
        all(t.dep_ not in ("dobj", "ccomp") for t in noun.subtree if t.i > noun.i)


def _is_verb(token) -> bool:
    """Tell whether a speech word is used as a verb: tagged so, or with a subject of its own (the small parser tags
    a plural present at a sentence's end as a noun: '..., residents and police confirm.'; a noun has no subject)."""
    return token.pos_ in ("VERB", "AUX") or any(child.dep_ == "nsubj" for child in token.children)


def _comma_speaker(doc, token, subject):
    """The speaker phrase after a comma when the parse took the reported clause's subject for the speech verb's:
    'One hundred people were killed in two villages, the mayor of the town told AFP' (the mayor told it, not
    the hundred killed). None when no comma lies between the subject's phrase and the verb, or when the words
    after the comma are no speaker phrase of their own (a relative clause, an appositive of the subject)."""
    if subject.i > token.i:
        return None
    commas = [t.i for t in doc[subject.right_edge.i + 1: token.i] if t.text == ","]
    if not commas:
        return None
    chunk = _chunk_before(doc, token)
    if chunk is None or chunk.start <= subject.right_edge.i or doc[chunk.start - 1].text != ",":
        return None
    return chunk


# Verbs by which a body puts out figures, whose passive agent is their source ('figures released by the UN',
# 'a toll provided by the health ministry', 'data compiled by the monitor').
_PUBLISHING_WORDS = {"provided", "released", "issued", "published", "compiled", "given", "supplied", "shared"}
# What such a verb puts out for its agent to be a figure's source (not 'weapons supplied by X').
_FIGURE_NOUNS = {"figure", "figures", "toll", "tolls", "data", "numbers", "count", "counts", "tally", "statistics",
                 "list", "report", "reports", "information", "estimate", "estimates"}
# Verbs by which a teller (most often an outlet) passes on what someone it names said: 'X quoted Y as saying'.
_QUOTING_WORDS = {"quoted", "quotes", "quoting", "quote", "cited", "cites", "citing"}


def _quoted_person(verb):
    """The person a quoting verb names as its object ('Reuters quoted a police officer as saying ...': the police
    officer), or None (a passive 'was quoted by', or no object)."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None
    doc = verb.doc
    # the object's words with their appositive ('quoted Ali Abcd, a member of X, saying'), up to the 'as saying'
    # or 'saying' that opens what they said (the parse hangs it under the object or the verb)
    stops = ("saying", "says", "said", "that", "which", "who")
    end = next((t.i for t in doc[obj.i + 1: obj.i + 25] if t.lower_ in stops
                or (t.lower_ == "as" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "saying")), obj.right_edge.i + 1)
    while end > obj.left_edge.i + 1 and doc[end - 1].is_punct:
        end -= 1
    return doc[obj.left_edge.i: end]


def _teller(recipient):
    """The subject of the tell verb whose object is `recipient` ('X told Reuters, who said': X), or None."""
    verb = recipient.head
    if recipient.dep_ not in ("dobj", "dative") or verb.lower_ not in ("told", "tell", "tells", "telling"):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    doc = recipient.doc
    return doc[subject.left_edge.i: subject.right_edge.i + 1] if subject is not None else None


def _speaker_tokens(doc) -> set[int]:
    """Token indices of the speakers of a sentence ('..., the SDF said'): a speaker is not an attacker."""
    indices: set[int] = set()
    for _, speaker in _speaker_spans(doc):
        indices |= set(range(speaker.start, speaker.end))
    return indices


def _passive_agent(token):
    """The speaker of a passive speech verb ('as reported by local authorities', 'quoted by state media')."""
    by = next((c for c in token.children if c.dep_ == "agent"), None)
    pobj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    return token.doc[pobj.left_edge.i: pobj.right_edge.i + 1] if pobj is not None else None


def _chunk_before(doc, token):
    """The speaker phrase right before a speech verb whose subject the parse lost: back to the comma that opens
    it ('..., the army said'; '..., the ISPR has said'; '..., Dak Tap Chuol, commissioner of X, said'), or None."""
    end = token.i
    while end > 0 and doc[end - 1].lower_ in ("has", "have", "had"):
        end -= 1
    commas = [t.i for t in doc[:end] if t.text == ","]
    if commas and commas[-1] == end - 1:  # an appositive: the name and its role, between the two commas before
        end -= 1
        commas = commas[:-1][-2:-1] if len(commas) > 2 else commas[:-1][:0]
    start = commas[-1] + 1 if commas else 0
    if end - start < 1 or end - start > 14 or not any(t.pos_ in ("NOUN", "PROPN") for t in doc[start:end]):
        return None
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in doc[start:end]):
        return None
    return doc[start:end]

"""How a figure relates to the larger figures of its kind the article prints: features of the figure-kind model
(helpers.figure_kinds) that tell a part of a printed total from another reading of the same toll.

News gives a toll once as a whole and then by group ('three children were among the dead', 'including four
police officers'), and it also gives the same toll again from another source or at another hour ('the army put
the toll at 12'; 'the toll later rose to 20'). Position alone does not separate the two: a smaller figure after a
larger one is as often a part as another reading. What separates them is the relation between the two figures:
- what each counts: a subset noun ('children', 'soldiers', 'pilgrims') under a total of 'people' or 'the dead' is a
  part; the same noun, or two generic counts, are two readings of one toll;
- who gives each: a different source than the total's gives its own count, the same source breaks its total down;
- the words that mark a subset next to it ('among', 'including', 'of whom', 'of them').
Feature prefix `rel=`; the editorial words live in data/dictionaries/part_relation_words.csv.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from helpers.paths import DATA_DIR

PART_RELATION_WORDS_PATH = DATA_DIR / "dictionaries" / "part_relation_words.csv"
PART_RELATION_LISTS = ("subset_marker", "subset_noun")
# Counted nouns that name no group of people ('12 people', 'five others'): the whole a subset noun is a part of.
GENERIC_NOUNS = frozenset({"", "people", "person", "persons", "individual", "individuals", "other", "others",
                           "victim", "victims", "dead", "life", "lives", "death", "deaths", "body", "bodies",
                           "casualty", "casualties", "fatality", "fatalities"})
# Words a partitive count names its group by ('seven of them', 'two of whom'): a part of a group counted before.
PARTITIVE_PRONOUNS = frozenset({"them", "those", "whom", "these", "us"})
# Tokens either side of a figure searched for a subset marker ('among them, two soldiers', 'of whom 12 were women').
MARKER_WINDOW = 6


@lru_cache(maxsize=None)
def relation_words(name: str, path: str | None = None) -> frozenset[str]:
    """Return one list of data/dictionaries/part_relation_words.csv (columns word, list, note)."""
    from helpers.word_lists import words_of

    return words_of(Path(path) if path else PART_RELATION_WORDS_PATH, "list", PART_RELATION_LISTS, name)


@lru_cache(maxsize=None)
def _marker_pattern() -> re.Pattern:
    words = sorted(relation_words("subset_marker"), key=lambda word: (-len(word), word))
    return re.compile(r"\b(?:" + "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words) + r")\b", re.I)


def counted_noun(doc, figure) -> str:
    """Return the lower-case noun a figure counts ('children' of 'three children', 'attackers' of 'three of the
    attackers'), or '' for a bare count ('killed 12')."""
    from helpers.figure_wording import counted_word

    if figure.anchor == figure.root and not doc[figure.anchor].like_num:
        return doc[figure.anchor].lower_
    noun = counted_word(doc[figure.anchor])
    return "" if noun.like_num else noun.lower_


def noun_class(noun: str) -> str:
    """Return what a counted noun says of the group: 'partitive' (a pronoun of a group named before: 'seven of
    them'), 'generic' (people, the dead, a bare count), 'subset' (a group within the dead: children, soldiers,
    pilgrims) or 'other'."""
    if noun in PARTITIVE_PRONOUNS:
        return "partitive"
    if noun in GENERIC_NOUNS:
        return "generic"
    return "subset" if noun in relation_words("subset_noun") else "other"


def sentence_speaker(doc) -> str:
    """Return the source a parsed sentence quotes with a speech word (helpers.annotate.sources.spoken_source), ''
    when it names none."""
    from helpers.annotate.sources import spoken_source  # annotate imports the kind model that imports this

    text = doc.user_data.get("text") or doc.text
    found = spoken_source(text)
    return found.figure_source.lower() if found is not None else ""


def article_speakers(docs: dict[int, object]) -> dict[int, str]:
    """Return who gives the figures of each parsed sentence of an article (`docs`: sentence index → doc): the
    source it quotes with a speech word, or the one last quoted when it speaks through a pronoun ('"...," he
    said'), as annotate attributes figures (helpers.annotate.sources.sentence_source); '' for none."""
    from helpers.annotate.sources import sentence_source, spoken_source

    speakers, last = {}, None
    for index in sorted(docs):
        text = docs[index].user_data.get("text") or docs[index].text
        found = sentence_source(text, last)
        speakers[index] = found.figure_source.lower() if found is not None else ""
        last = spoken_source(text) or last
    return speakers


def figure_speakers(doc, figures, speaker: str = "") -> list[str]:
    """Return who gives each of a sentence's figures: with several figures, the source quoted in the stretch
    between its neighbours ('officials said eight died but a survivor said 15': officials, survivor), else the
    sentence's `speaker` (article_speakers)."""
    from helpers.annotate.sources import spoken_source

    if len(figures) < 2:
        return [speaker] * len(figures)
    text = doc.user_data.get("text") or doc.text
    order = sorted(range(len(figures)), key=lambda i: figures[i].start)
    found = [speaker] * len(figures)
    for rank, i in enumerate(order):
        begin = figures[order[rank - 1]].end if rank > 0 else 0
        end = figures[order[rank + 1]].start if rank + 1 < len(order) else len(text)
        own = spoken_source(text[begin:end])
        if own is not None:
            found[i] = own.figure_source.lower()
    return found


def has_subset_marker(doc, figure, window: int = MARKER_WINDOW) -> bool:
    """Tell whether a word that marks a subset ('among', 'including', 'of whom', 'of them') stands within `window`
    tokens of a figure."""
    span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    first, last = (span.start, span.end) if span is not None else (figure.root, figure.root + 1)
    return bool(_marker_pattern().search(doc[max(0, first - window):first].text)) or \
        bool(_marker_pattern().search(doc[last:last + window].text))


def relation_features(doc, figure, sentence_index: int, article=(), noun: str | None = None,
                      speaker: str | None = None) -> dict[str, float]:
    """Return the `rel=` features of a figure against the larger figures of its kind the article prints (`article`:
    figure_kinds.article_figures; a total over several attacks is no whole of one attack's parts): whether its noun
    contains the figure's, whether the same source gives both, and a subset marker beside the figure. (The
    figure's share of the total was tried: it raised the out-of-fold log loss.)"""
    features: dict[str, float] = {}
    if figure.count.is_vague:
        return features
    value, kind = figure.count.value, figure.kind
    noun = counted_noun(doc, figure) if noun is None else noun
    own_class = noun_class(noun)
    marker = has_subset_marker(doc, figure)
    larger = [item for item in article if item.kind == kind and item.value > value and not item.is_several_attacks]
    if not larger:
        features["rel=no_larger_total"] = 1.0
        if marker:
            features["rel=subset_marker_without_total"] = 1.0
        return features
    classes = {noun_class(item.noun) for item in larger}
    if own_class == "subset" and "generic" in classes:
        features["rel=subset_noun_of_generic_total"] = 1.0  # 'three children' beside '20 people'
    if noun and any(item.noun == noun for item in larger):
        features["rel=same_noun_as_total"] = 1.0  # '12 soldiers' beside '15 soldiers': two readings
    if own_class == "generic" and classes == {"generic"}:
        features["rel=generic_beside_generic_total"] = 1.0  # '12 people' beside '15 people'
    if speaker is None:  # the speaker article_speakers gave the figure's sentence, else the one it quotes
        speaker = next((item.speaker for item in article if item.sentence_index == sentence_index and
                        item.kind == figure.kind and item.value == figure.count.value), None)
        speaker = sentence_speaker(doc) if speaker is None else speaker
    told = [item.speaker for item in larger if item.speaker]
    if not speaker:
        features["rel=own_source_unknown"] = 1.0
    elif speaker in told:
        features["rel=total_same_source"] = 1.0
    elif told:
        features["rel=total_other_source"] = 1.0  # another source's count of the same dead
    if marker:
        features["rel=subset_marker_with_total"] = 1.0
        features[f"rel=subset_marker_with_total_{own_class}"] = 1.0
    return features

"""The annotate speed-ups give what the code they replace gave: each fast path against the plain reading it skips.

Sentences are written for these tests (no corpus text)."""
from __future__ import annotations

import re

import numpy as np
import pytest

from helpers import figure_kinds, numbers, place_context, world_phrases
from helpers.annotate.copied_text import copied_before


@pytest.mark.parametrize("phrase", [
    "in Tamba, a village near Gorom",
    "in Kolo, about 30 km north of Dori",
    "in Bassa, some 40 kilometres from Jos",
    "in Madi, a farming village in Borno",
    "near Sabon Gari, on the outskirts of Zaria",
])
def test_every_tied_phrase_holds_a_tie_word(phrase):
    assert world_phrases._TIED_PHRASE.match(phrase) is not None
    assert world_phrases._TIE_WORD.search(phrase) is not None


@pytest.mark.parametrize("phrase", ["in Tamba village", "in the Kolo district of Dori", "at the Bassa market",
                                    "in Upper Madi and Lower Madi"])
def test_a_phrase_without_a_tie_word_is_never_tied(phrase):
    assert world_phrases._TIE_WORD.search(phrase) is None
    assert world_phrases._TIED_PHRASE.match(phrase) is None


@pytest.mark.parametrize("phrase, name", [
    ("in the Kolo district", "Kolo"), ("in the Kolo  County", "Kolo"), ("in Upper-Kolo district", "Kolo"),
    ("in Kolo-Dori district", "Kolo"), ("in Kolodistrict", "Kolo"), ("in Kolo districts", "Kolo"),
    ("in the Kolo area, Kolo county", "Kolo"), ("in the Kolo Dori district", "Kolo Dori"), ("in Kolo", "Kolo"),
])
def test_district_word_check_reads_as_the_pattern(phrase, name):
    pattern = rf"(?<![\w-]){re.escape(name)}\s+{place_context._ADMIN2_DESIGNATOR}"
    assert place_context._names_with_district_word(phrase, name) == (re.search(pattern, phrase) is not None)


def _copied_by_pattern(text, start, end, figure_start, figure_end):
    words = [(m.start(), m.end(), m.group()) for m in re.compile(r"\w+").finditer(text, start, end)]
    inside = [i for i, (s, e, _) in enumerate(words) if s < figure_end and e > figure_start]
    window = words[max(0, inside[0] - 4):inside[-1] + 5]
    if len(window) < 8:
        return False
    return re.search(r"\b" + r"\W+".join(re.escape(w) for _, _, w in window) + r"\b", text[:start], re.I) is not None


@pytest.mark.parametrize("before", [
    "The raid on the market left 12 people dead and four hurt, a medic said. ",       # copied, other case below
    "THE RAID ON THE MARKET LEFT 12 PEOPLE DEAD AND FOUR HURT. ",
    "The raid on the market left 12 people dead, and four hurt. ",                    # punctuation between words
    "The raid on the market left 120 people dead and four hurt. ",                    # another number: no copy
    "Café owners said the raid on the market left 12 people dead and four hurt. ",    # letters beyond ASCII
    "ſaid: the raid on the market left 12 people dead and four hurt. ",
])
def test_copied_words_read_as_the_pattern(before):
    sentence = "Officials said the raid on the market left 12 people dead and four hurt."
    text = before + sentence
    start = len(before)
    figure_start = text.index("12", start)
    expected = _copied_by_pattern(text, start, len(text), figure_start, figure_start + 2)
    assert copied_before(text, start, len(text), figure_start, figure_start + 2) == expected


def test_copied_words_found_in_ascii_text():
    before = "Gunmen on motorbikes killed 14 villagers in Tamba on Sunday, residents said.\n"
    sentence = "Photo: gunmen on motorbikes killed 14 villagers in Tamba on Sunday."
    text = before + sentence
    figure_start = text.index("14", len(before))
    assert copied_before(text, len(before), len(text), figure_start, figure_start + 2)
    assert not copied_before(text.replace("killed 14", "killed 41", 1), len(before), len(text),
                             figure_start, figure_start + 2)


def test_probabilities_add_the_weights_in_the_features_order():
    model = figure_kinds.KindModel(("a", "b", "c"), ("x", "y", "z"),
                                   np.array([[0.1, 1e-17, -2.0], [0.3, 0.7, 1e16], [-0.2, 0.0, 3.0]]),
                                   np.array([0.5, -1e16, 0.25]), {})
    features = {"z": 0.5, "unknown": 1.0, "x": 1.0, "y": 2.0}
    scores = model.intercepts.copy()
    for name, value in features.items():
        if name in model.feature_names:
            scores += model.weights[:, model.feature_names.index(name)] * value
    scores = np.exp(scores - scores.max())
    scores /= scores.sum()
    assert model.probabilities(features) == {kind: float(p) for kind, p in zip(model.classes, scores)}
    assert model.probabilities({}) == pytest.approx(dict(zip("abc", np.exp(model.intercepts - 0.5) /
                                                             np.exp(model.intercepts - 0.5).sum())))


def test_country_words_found_as_by_one_flat_alternation():
    words, pattern = place_context._country_words()
    flat = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                      + r")(?![\w-])")
    text = ("Nigerian troops and Nigeriens crossed from Niger into Nigeria; Malians in Mali Khel, the Central "
            "African Republic, South Sudan's army and Sudanese police met near Sudan-Chad lines in DR Congo.")
    assert [(m.span(), m.group()) for m in pattern.finditer(text)] == \
        [(m.span(), m.group()) for m in flat.finditer(text)]


def test_counts_kept_for_a_sentence_are_a_new_list_each_time():
    sentence = "At least 12 people were killed and 30 wounded in the attack."
    first = numbers.find_counts(sentence)
    first.clear()
    again = numbers.find_counts(sentence)
    assert [(match.text, match.count.value) for match in again] == [("At least 12", 12), ("30", 30)]


@pytest.mark.parametrize("sentence", [
    "Police spokesperson Fred Abcd said the toll had risen.",
    "Wasim Efgh, a spokesperson for the hospital, said 12 were treated.",
    "County Commissioner Henry Ijkl told reporters that four died.",
    "army spokesman Lt. Nasrulah Mnop confirmed the raid.",
])
def test_a_named_speaker_holds_two_capitalised_words(sentence):
    from helpers.annotate import sources

    assert any(pattern.search(sentence) for pattern in (sources._ROLE_THEN_NAME, sources._NAME_THEN_ROLE,
                                                        sources._TITLED_NAME))
    assert sources._TWO_CAPITALISED.search(sentence) is not None
    names = {}
    sources.learn_speaker_names(sentence, names)
    assert names


@pytest.mark.parametrize("sentence", ["police said 12 people were killed in the raid on Monday.",
                                      "The spokesman, Abcd, said the toll was 12.", "Gunmen killed four."])
def test_a_sentence_without_two_capitalised_words_names_no_speaker(sentence):
    from helpers.annotate import sources

    assert sources._TWO_CAPITALISED.search(sentence) is None
    assert not any(pattern.search(sentence) for pattern in (sources._ROLE_THEN_NAME, sources._NAME_THEN_ROLE,
                                                            sources._TITLED_NAME))


def test_article_place_phrases_are_the_pattern_matches():
    text = ("Gunmen attacked a checkpoint in Tamba, Gorom province, on Monday.\nThe shelling of Dori killed two "
            "near the Kolo district, officials at Dori airport said.")
    assert place_context.article_place_phrases(text) == tuple(
        (m.start(), m.end(), m.group(0)) for m in place_context.ARTICLE_PLACE_PHRASE.finditer(text))

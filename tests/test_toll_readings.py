"""Which reading of a toll a figure is (replaced or revision), on sentences written for these tests."""
from __future__ import annotations

import json

import pandas as pd

from helpers.toll_readings import figure_reading, figure_readings, reading_before, reading_words


def test_every_word_of_the_list_has_a_reading():
    words = reading_words()
    assert words[("previous",)] == "earlier" and words[("up", "from")] == "earlier" and words[("rose",)] == "later"


def test_a_figure_given_as_the_replaced_reading_is_earlier():
    assert reading_before("Health officials said the initial toll of ") == "earlier"
    assert reading_before("The governor cut the count to 18 from the previous figure of ") == "earlier"
    assert reading_before("Rescuers found more bodies, and the toll reached 40, up from ") == "earlier"
    assert reading_before("The army had earlier put the toll at ") == "earlier"


def test_a_figure_given_as_the_revision_is_later_and_the_nearest_cue_wins():
    assert reading_before("By evening the number of dead had risen to ") == "later"
    # 'initial' names the toll the revision replaced, not this figure: the nearer 'revised' decides
    assert reading_before("The initial count was revised to ") == "later"


def test_a_cue_behind_a_clause_boundary_or_far_away_is_not_read():
    assert reading_before("The previous raid, in May, killed ") is None
    assert reading_before("An initial inquiry by the regional police department in the capital confirmed ") is None
    assert reading_before("Gunmen killed ") is None and reading_before("") is None


def test_figure_reading_finds_the_figure_of_a_field_through_its_spans():
    sentence = "Police lowered the toll to 12, down from 15 reported on Monday."
    offset = 500  # the sentence's start in its article
    spans = json.dumps([[offset + sentence.index("12"), offset + sentence.index("12") + 2, "KILLED"],
                        [offset + sentence.index("15"), offset + sentence.index("15") + 2, "WOUNDED"]])
    assert figure_reading(sentence, offset, spans, "killed") == "later"
    assert figure_reading(sentence, offset, spans, "wounded") == "earlier"
    assert figure_reading(sentence, offset, None, "killed", figure_start=offset + sentence.index("15")) == "earlier"
    assert figure_reading(None, offset, spans, "killed") is None
    assert figure_reading(sentence, offset, "[]", "killed") is None  # no place for the figure: no reading


def test_figure_readings_reads_only_rows_with_a_cue_and_a_figure():
    first = "An earlier count gave 9 dead."
    second = "Nine villagers died in the raid."
    mentions = pd.DataFrame({
        "evidence": [first, second, first],
        "char_start": [0, 100, 0],
        "spans": [json.dumps([[first.index("9"), first.index("9") + 1, "KILLED"]]), "[]", "[]"],
        "killed": [9.0, 9.0, None],
    })
    readings = figure_readings(mentions, "killed")
    assert readings.tolist()[0] == "earlier" and readings.isna().tolist()[1:] == [True, True]
    assert figure_readings(mentions.drop(columns=["evidence"]), "killed").isna().all()


def test_one_list_says_where_each_word_of_a_revised_toll_is_read():
    from helpers.toll_readings import between_figures_pattern, revision_words, toll_reading_words

    before, between = toll_reading_words("before_figure"), toll_reading_words("between_figures")
    assert before["up from"] == "earlier" and before["lowered"] == "later" and "later" not in before
    assert between["later"] == "later" and "up from" not in between and "previous" not in between
    # the words beside a figure that make it another reading, and the 'from'-change of one toll
    assert revision_words() == {"earlier", "initial", "initially", "previous", "previously", "revised", "updated"}
    assert "corrected" in between_figures_pattern().split("|")


def test_annotate_reads_between_two_figures_exactly_the_words_the_list_places_there():
    import re

    from helpers.annotate.words import OTHER_READING
    from helpers.toll_readings import toll_reading_words

    between = toll_reading_words("between_figures")
    for word in sorted(set(toll_reading_words("before_figure")) | set(between)):
        text = f" bodies, a count that was {word} then "  # no speech verb, no 'from' at the end
        assert bool(OTHER_READING.search(text)) is (word in between), word
    assert OTHER_READING.search(" dead; residents say ") and not OTHER_READING.search(" soldiers and ")
    assert not re.search(OTHER_READING.pattern, " the initialled ledger ", re.I)  # whole words only


def test_the_list_of_readings_refuses_a_bad_place_value_or_a_repeated_word(tmp_path):
    import pytest

    from helpers.toll_readings import toll_reading_words

    header = "word,reading,before_figure,between_figures,beside_figure,note\n"
    bad = tmp_path / "bad.csv"
    bad.write_text(header + "rose,later,yes,true,false,\"a note\"\n", encoding="utf-8")
    with pytest.raises(ValueError, match="before_figure must be true or false"):
        toll_reading_words("before_figure", str(bad))
    twice = tmp_path / "twice.csv"
    twice.write_text(header + "rose,later,true,true,false,\"a note\"\nRose,later,true,false,false,\"again\"\n",
                     encoding="utf-8")
    with pytest.raises(ValueError, match="listed once"):
        toll_reading_words("before_figure", str(twice))
    with pytest.raises(ValueError, match="place must be one of"):
        toll_reading_words("after_figure")


def test_the_figure_after_from_in_a_clause_that_tells_a_revision_is_the_replaced_reading():
    assert reading_before("The ministry lowered the count to 8 late on Wednesday from ") == "earlier"
    assert reading_before("Officials said the number of dead rose from ") == "earlier"
    assert reading_before("Officials said the number of dead rose from 5 to ") == "later"
    # 'from' without a revision in its clause is no reading ('12 workers from the mine', 'from 20 villages')
    assert reading_before("The gunmen abducted workers from ") is None
    assert reading_before("The toll rose to 30, as families arrived from ") is None

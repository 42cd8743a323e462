"""The annotator's editorial word lists (data/dictionaries/annotate_words.csv, read by helpers.annotate.words)."""
import pandas as pd
import pytest

from helpers.annotate import words


def test_every_word_list_row_has_a_note_a_known_list_and_no_repeat():
    frame = pd.read_csv(words.WORDS_PATH, dtype="string", keep_default_na=False)
    assert list(frame.columns) == ["word", "list", "note"]
    assert (frame["note"].str.strip() != "").all()
    assert set(frame["list"]) == set(words.WORD_LISTS)  # every list has words, and no row names an unknown list
    assert not frame.duplicated(["list", "word"]).any()
    assert (frame["word"] == frame["word"].str.strip().str.lower()).all()  # the parse is matched on lower-case forms


def test_the_lists_reach_the_rules_that_read_them():
    assert {"killed", "died", "slain"} <= words.KILL_VERBS
    assert {"injured", "wounded"} <= words.WOUND_VERBS and {"injured", "wounded"} <= words.WOUND_NOUNS
    assert "casualties" in words.CASUALTY_NOUNS and "missing" in words.MISSING_WORDS
    assert {"including", "among"} <= words.SUBSET_WORDS and "said" in words.SPEECH_WORDS
    assert words.EVENT_NOUNS <= words.NON_VICTIM_NOUNS and "vehicles" in words.NON_VICTIM_NOUNS
    assert "vehicles" not in words.EVENT_NOUNS and "near" in words.LOCATION_PREPOSITIONS


def test_a_word_list_file_without_a_note_or_with_an_unknown_list_is_refused(tmp_path):
    bad = tmp_path / "words.csv"
    bad.write_text("word,list,note\nkilled,kill_verb,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="every row needs a note"):
        words.word_list("kill_verb", str(bad))
    bad.write_text("word,list,note\nkilled,slaughter_verb,a list that does not exist\n", encoding="utf-8")
    with pytest.raises(ValueError, match="list must be one of"):
        words.word_list("kill_verb", str(bad))
    with pytest.raises(ValueError, match="list must be one of"):
        words.word_list("kill_verbs")

"""Sentence spans and the prefilter (helpers.annotate.sentences), on sentences written for these tests."""
from helpers import annotate
from helpers.annotate import is_candidate_sentence, split_sentences


def test_sentence_split_keeps_offsets_and_prefilter():
    text = "Gen. Ali said 3 died. Mr. Omar agreed.\nA new paragraph here."
    spans = split_sentences(text)
    assert [text[start:end] for start, end in spans] == ["Gen. Ali said 3 died.", "Mr. Omar agreed.",
                                                          "A new paragraph here."]
    assert is_candidate_sentence("Four people died.") and not is_candidate_sentence("The group has 50 fighters.")


def test_a_run_on_sentence_is_read_in_pieces_and_the_cut_is_reported():
    text = "Gunmen killed 5 soldiers " + " ".join(["and villagers fled the town"] * 600) + "."
    problems = []
    spans = split_sentences(text, problems)
    assert len(spans) > 1 and all(end - start <= annotate.MAX_SENTENCE_CHARS for start, end in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(text[end] == " " for _, end in spans[:-1])  # cut at spaces, no word split
    assert problems == [f"sentence at 0 is {len(text):,} characters long, above the cap of 1,500; read in pieces "
                        "of at most 1,500"]
    assert split_sentences("Short one. Another short one.", []) == [(0, 10), (11, 29)]


def test_a_title_abbreviated_before_a_name_does_not_end_the_sentence():
    text = "Two officers were hurt, Lagos Gov. Ade Bello said. Sen. Ann Okoro spoke later."
    assert [text[a:b] for a, b in split_sentences(text)] == ["Two officers were hurt, Lagos Gov. Ade Bello said.",
                                                              "Sen. Ann Okoro spoke later."]

"""Counts that point back to people already counted ('the 13 bodies', 'those six people') are no toll of their own
(helpers.annotate.back_references). Every sentence here is written for these tests."""
import pandas as pd
import pytest

from helpers import annotate
from helpers.annotate.back_references import is_back_reference


@pytest.fixture(scope="module")
def nlp():
    return annotate.build_nlp()


def _killed(text: str) -> list[int]:
    rows = annotate.annotate_articles(pd.DataFrame([("b1", text, "2024-05-10")],
                                                   columns=["article_id", "text", "published"]))
    rows = rows.sort_values(["figure_start"], kind="mergesort")
    return [int(value) for value in rows["killed"].dropna()]


@pytest.mark.parametrize("sentence, word, expected", [
    ("The 13 bodies were taken to the district morgue.", "13", True),
    ("Police think those six people were killed in the night.", "six", True),
    ("These 20 villagers were buried on Friday.", "20", True),
    ("The blast killed all 40 passengers on the bus.", "40", False),  # 'all' counts, it does not point back
    ("Gunmen killed 12 farmers near the river.", "12", False),
])
def test_a_definite_or_demonstrative_count_points_back(nlp, sentence, word, expected):
    doc = nlp(sentence)
    root = next(token.i for token in doc if token.text == word)
    assert is_back_reference(doc, root) is expected


def test_a_count_told_again_with_the_is_one_row():
    text = ("Gunmen killed 13 farmers in the village of Northfield on Monday, the police said. "
            "The prosecutor opened an inquiry on Wednesday after the 13 bodies were found beside a road in Eastbrook.")
    assert _killed(text) == [13]


def test_a_count_with_the_and_no_earlier_same_count_stays_a_row():
    text = ("Gunmen attacked the village of Northfield on Monday, the police said. "
            "The 13 farmers killed in the raid were buried on Tuesday.")
    assert _killed(text) == [13]


def test_a_different_count_with_the_stays_a_row():
    text = ("Gunmen killed 13 farmers in the village of Northfield on Monday, the police said. "
            "By Wednesday the 15 bodies of the victims had been taken to the morgue, the governor said.")
    assert 15 in _killed(text)

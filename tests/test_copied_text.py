"""Figures inside words the article prints twice (an embedded post, a caption copying the body) are no second row
(helpers.annotate.copied_text). Every sentence here is written for these tests."""
import pandas as pd

from helpers import annotate
from helpers.annotate.copied_text import copied_before


def _at(text: str, sentence: str, number: str) -> tuple[int, int, int, int]:
    start = text.rindex(sentence)
    figure = text.index(number, start)
    return start, start + len(sentence), figure, figure + len(number)


def test_eight_words_in_the_same_order_are_a_copy():
    body = 'The mayor wrote that the shelling "has taken the lives of 31 people in the old market" on Friday. '
    post = "Another cruel attack on our town has taken the lives of 31 people in the old market."
    text = body + post
    assert copied_before(text, *_at(text, post, "31"))


def test_the_same_number_in_other_words_is_no_copy():
    body = "The mayor said the shelling killed 31 people in the old market on Friday. "
    later = "Another cruel attack on our town has taken the lives of 31 people in the old market."
    text = body + later
    assert not copied_before(text, *_at(text, later, "31"))


def test_a_short_sentence_is_no_copy():
    body = "Rebels said 31 died. "
    later = "31 died."
    text = body + later
    assert not copied_before(text, *_at(text, later, "31"))


def test_an_embedded_post_copying_the_quote_is_no_second_row():
    text = ("Ben Ode, a spokesman for the regional council, said on Twitter on Saturday that the raid on the camp "
            "in Westfield \"has claimed the lives of 31 displaced people so far\".\n\n"
            "Another brutal raid on a camp in #Westfield has claimed the lives of 31 displaced people so far. "
            "Shame on the world for its silence! — Ben Ode\n")
    rows = annotate.annotate_articles(pd.DataFrame([("c1", text, "2024-05-10")],
                                                   columns=["article_id", "text", "published"]))
    assert [int(value) for value in rows["killed"].dropna()] == [31]

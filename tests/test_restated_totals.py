"""Figures that restate an event's toll in other words are no row of their own (helpers.annotate.restated_totals): a
rounder wording of one source's precise count, and a headline's dead that add the victims and the attackers' own dead
the body gives apart. Every sentence here is written for these tests."""
from types import SimpleNamespace

import pandas as pd
import pytest

from helpers import annotate
from helpers.annotate.article import _set_aside_title_totals_with_attackers
from helpers.annotate.numbers.figures import Figure
from helpers.annotate.records import _Mention
from helpers.annotate.restated_totals import TITLE_TOTAL_WITH_ATTACKERS, counts_attackers_with_victims, rounds_count
from helpers.numbers import Count


def _figure(value: int, qualifier: str = "exact", maximum: int | None = None, is_vague: bool = False):
    return SimpleNamespace(count=Count(value, qualifier, maximum, is_vague))


def _mention(sentence_index: int, killed: int, qualifier: str = "exact", is_attackers: bool = False,
             attribution=None):
    return SimpleNamespace(sentence_index=sentence_index, figures={"killed": _figure(killed, qualifier)},
                           is_attackers=is_attackers, attribution=attribution)


@pytest.mark.parametrize("rounder, precise, expected", [
    (_figure(30, "more_than"), _figure(31, "at_least"), True),  # 'over 30' beside 'at least 31'
    (_figure(100, "more_than"), _figure(103), True),
    (_figure(100, "approx"), _figure(95), True),  # 'almost 100' beside '95'
    (_figure(100, "more_than"), _figure(95), False),  # 'more than 100' is never 95
    (_figure(100, "more_than"), _figure(130), False),  # too far to be the same count in rounder words
    (_figure(5, "approx"), _figure(6), False),  # small counts: two counts as often as one
    (_figure(30, "at_least"), _figure(31), False),  # 'at least 30' is a count of its own
    (_figure(30, "more_than"), _figure(31, "approx"), False),  # two estimates
    (_figure(30, "more_than"), _figure(30), False),  # the same number is a plain repeat, decided elsewhere
    (_figure(30, "more_than"), _figure(31, "range", 35), False),
])
def test_a_rounder_wording_rounds_a_near_precise_count(rounder, precise, expected):
    assert rounds_count(rounder, precise) is expected


def test_a_headline_adding_victims_and_attackers_counts_both_sides():
    is_attackers = lambda mention: mention.is_attackers  # noqa: E731
    title = _mention(0, 9)
    body = [_mention(2, 6), _mention(3, 3, is_attackers=True)]
    assert counts_attackers_with_victims(title, [title, *body], is_attackers)
    assert not counts_attackers_with_victims(_mention(0, 6), [_mention(0, 6), *body], is_attackers)  # the victims
    assert not counts_attackers_with_victims(_mention(0, 10), [_mention(0, 10), *body], is_attackers)
    body = [_mention(3, 6), _mention(4, 3, is_attackers=True)]
    lede = _mention(1, 9)
    assert counts_attackers_with_victims(lede, [lede, *body], is_attackers)  # an unattributed lede, likewise
    told = _mention(1, 9, attribution=SimpleNamespace(figure_source="police"))
    assert not counts_attackers_with_victims(told, [told, *body], is_attackers)  # another source's toll, maybe
    late = _mention(3, 9)
    assert not counts_attackers_with_victims(late, [late, _mention(4, 6), _mention(5, 3, is_attackers=True)],
                                             is_attackers)  # a body count past the lede
    assert not counts_attackers_with_victims(title, [title, _mention(2, 6), _mention(3, 3)], is_attackers)


def _killed(text: str) -> list[int]:
    rows = annotate.annotate_articles(pd.DataFrame([("r1", text, "2024-05-10")],
                                                   columns=["article_id", "text", "published"]))
    return sorted(int(value) for value in rows["killed"].dropna())


def test_an_unattributed_headline_in_rounder_words_is_the_bodys_count():
    text = ("Over 40 killed in market bombing\n"
            "At least 42 people were killed when a car bomb went off in a crowded market in Eastbrook on Monday, "
            "the police said.")
    assert _killed(text) == [42]


def test_body_wordings_of_close_counts_stay_rows():
    text = ("Gunmen storm a village in Westland\n"
            "Gunmen killed more than 60 villagers in Northfield on Tuesday, the governor said. "
            "A rights group said 63 people were killed in the raid.")
    assert _killed(text) == [60, 63]



def _record(sentence_index: int, killed: int, figure_kind: str = "victims", event: int = 0) -> _Mention:
    figure = Figure("killed", Count(killed), 0, 2, 0, 0, None, figure_kind=figure_kind)
    return _Mention(sentence_index, 100 * sentence_index, 100 * sentence_index + 50, {"killed": figure}, (0, 50),
                    event=event)


def test_the_article_sets_aside_a_headline_counting_both_sides():
    title, victims, attackers = _record(0, 7), _record(1, 4), _record(2, 3, "attackers_dead")
    set_aside: list = []
    kept = _set_aside_title_totals_with_attackers([title, victims, attackers], set_aside)
    assert kept == [victims, attackers]
    assert [(row["value"], row["reason"]) for row in set_aside] == [(7, TITLE_TOTAL_WITH_ATTACKERS)]


def test_a_headline_of_another_event_or_of_the_victims_alone_stays():
    for title in (_record(0, 7, event=1), _record(0, 4)):
        set_aside: list = []
        mentions = [title, _record(1, 4), _record(2, 3, "attackers_dead")]
        assert _set_aside_title_totals_with_attackers(mentions, set_aside) == mentions and not set_aside

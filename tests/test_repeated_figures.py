"""A toll told again in the same article belongs to the event it was first told for (helpers.annotate.repeated_figures):
the same killed and wounded counts told twice, and a sentence that gives the same counts twice. Every sentence here
is written for these tests."""
import pandas as pd

from helpers import annotate
from helpers.annotate.numbers.figures import Figure
from helpers.annotate.records import _Mention
from helpers.annotate.repeated_figures import (first_telling, gives_same_toll, restates_in_sentence, speaking_body,
                                                speaks_for_body)
from helpers.numbers import Count


def _set(sentence_index: int, event: int = -1, is_new_incident: bool = False, **counts) -> _Mention:
    figures = {}
    for kind, value in counts.items():
        count = value if isinstance(value, Count) else Count(value)
        figures[kind] = Figure(kind, count, 0, 2, 0, 0, None)
    return _Mention(sentence_index, 100 * sentence_index, 100 * sentence_index + 90, figures, (0, 90), event=event,
                    is_new_incident=is_new_incident)


def test_the_same_killed_and_wounded_counts_are_one_toll():
    assert gives_same_toll(_set(3, killed=9, wounded=25), _set(1, killed=9, wounded=25))
    assert not gives_same_toll(_set(3, killed=9, wounded=24), _set(1, killed=9, wounded=25))
    # one count alone agrees by chance too often ('two soldiers were killed' in two attacks)
    assert not gives_same_toll(_set(3, killed=9), _set(1, killed=9, wounded=25))
    assert not gives_same_toll(_set(3, killed=2), _set(1, killed=2))
    # a vague count or a range tells no toll apart
    assert not gives_same_toll(_set(3, killed=Count(24, "approx", None, True), wounded=25),
                               _set(1, killed=Count(24, "approx", None, True), wounded=25))
    assert not gives_same_toll(_set(3, killed=Count(9, "range", 12), wounded=25),
                               _set(1, killed=Count(9, "range", 12), wounded=25))


def test_a_restatement_joins_the_first_telling_unless_cued_as_another_attack():
    first, other = _set(1, event=0, killed=9, wounded=25), _set(2, event=1, killed=4, wounded=1)
    again = _set(5, killed=9, wounded=25)
    assert first_telling(again, [first, other]) is first
    assert first_telling(_set(5, is_new_incident=True, killed=9, wounded=25), [first, other]) is None
    recalled = _set(5, killed=9, wounded=25)
    recalled.is_recalled = True  # 'a bombing months ago killed nine and wounded 25'
    assert first_telling(recalled, [first, other]) is None
    earlier = _set(5, killed=9, wounded=25)
    earlier.is_earlier_attack = True  # 'the attack comes a week after gunmen killed nine and wounded 25'
    assert first_telling(earlier, [first, other]) is None
    assert first_telling(_set(5, killed=4, wounded=2), [first, other]) is None


def test_a_sentence_giving_the_same_counts_twice_restates_them():
    assert restates_in_sentence(_set(0, killed=14), _set(0, killed=14))
    assert not restates_in_sentence(_set(0, killed=14), _set(0, killed=12))
    assert not restates_in_sentence(_set(1, killed=14), _set(0, killed=14))  # another sentence: decided by dates
    assert not restates_in_sentence(_set(0, killed=14, wounded=3), _set(0, killed=14))
    vague = Count(24, "approx", None, True)
    assert not restates_in_sentence(_set(0, killed=vague), _set(0, killed=vague))


def _rows(text: str, published: str = "2024-05-10") -> pd.DataFrame:
    return annotate.annotate_articles(pd.DataFrame([("r1", text, published)],
                                                   columns=["article_id", "text", "published"]))


def test_a_dated_restatement_of_the_lede_toll_is_the_same_event():
    # an undated page: the lede's statement day and the body's attack night cannot be told apart by date
    text = ("Raid on Greenhollow\n\n"
            "At least seven farmers were killed and 18 others wounded when gunmen raided Greenhollow village in the "
            "hills of Westmark, police said on Thursday.\n\n"
            "A police officer said the gunmen entered the village late on Wednesday night and opened fire on "
            "sleeping families, killing seven farmers and wounding 18 others.\n\n")
    rows = _rows(text, None)
    told = rows[rows["killed"].notna()]
    assert set(told["killed"].astype(int)) == {7}
    assert told["article_event_key"].nunique() == 1
    assert set(told["role"]) == {"main"}


def test_a_separate_attack_with_another_toll_stays_apart():
    text = ("Nine villagers killed, 25 injured in raid on Greenhollow\n"
            "Armed men raided the village of Greenhollow on Tuesday night, killing nine villagers and injuring 25, "
            "a police officer said.\n"
            "In a separate attack last March, gunmen killed four traders and wounded two on the road to Ashford.")
    rows = _rows(text)
    keys = {int(row.killed): row.article_event_key for row in rows[rows["killed"].notna()].itertuples()}
    assert set(keys) == {9, 4} and keys[9] != keys[4]


def test_a_headline_run_into_its_lede_is_one_toll():
    # a page whose headline lost its line break: one sentence gives the same count twice
    text = ("Gunmen kill 14 miners near Redcliffe border\n\n"
            "Gunmen kill 14 miners near Redcliffe borderRebel fighters have killed at least 14 miners near the "
            "northern town of Redcliffe, witnesses and officials said.\n"
            "The attack on the camp took place around midnight on Monday, as the miners slept.\n")
    rows = _rows(text)
    told = rows[rows["killed"].notna()]
    assert list(told["killed"].astype(int)) == [14]
    assert set(told["role"]) == {"main"}


def test_a_state_body_and_its_spokesman_are_one_source():
    assert speaking_body("the defence ministry") == "ministry"
    assert speaking_body("the government") == "government"
    assert speaking_body("ministry spokesman Jane Doe") is None
    assert speaks_for_body("ministry spokesman Jane Doe", "ministry")
    assert speaks_for_body("a government spokeswoman", "government")
    assert not speaks_for_body("the provincial governor", "ministry")
    assert not speaks_for_body("the health ministry", "ministry")  # a body, not someone speaking for it


def test_a_ministry_and_its_spokesman_giving_one_toll_are_one_row():
    text = ("Roadside bomb kills five soldiers in Eastmark\n\n"
            "Five soldiers were killed when a roadside bomb hit their truck on Monday in the Eastmark hills, "
            "the defence ministry said.\n\n"
            "\"Five soldiers on patrol were killed by an explosive device,\" said ministry spokesman Tom Brand.\n\n")
    rows = _rows(text)
    assert list(rows["killed"].dropna().astype(int)) == [5]


def test_a_ministry_and_a_governor_giving_one_toll_stay_two_rows():
    text = ("Roadside bomb kills five soldiers in Eastmark\n\n"
            "Five soldiers were killed when a roadside bomb hit their truck on Monday in the Eastmark hills, "
            "the defence ministry said.\n\n"
            "\"Five soldiers on patrol were killed by an explosive device,\" said provincial governor Tom Brand.\n\n")
    rows = _rows(text)
    assert list(rows["killed"].dropna().astype(int)) == [5, 5]

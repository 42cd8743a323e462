"""The editorial words beside a number that make it no count of people (data/dictionaries/count_context_words.csv,
read by helpers.numbers) and those of the exact kind rules (data/dictionaries/kind_rule_words.csv, read by
helpers.figure_kinds), on sentences written for these tests: each list still does what its regex literal did."""
import pandas as pd
import pytest

from helpers import figure_kinds, numbers
from helpers.numbers import Count, find_counts
from helpers.paths import DATA_DIR


def _values(sentence):
    return [match.count.value for match in find_counts(sentence)]


@pytest.mark.parametrize("path, lists", [
    (DATA_DIR / "dictionaries" / "count_context_words.csv", numbers.COUNT_CONTEXT_LISTS),
    (DATA_DIR / "dictionaries" / "kind_rule_words.csv", figure_kinds.KIND_RULE_LISTS)])
def test_every_list_has_words_with_a_note_and_no_word_twice(path, lists):
    frame = pd.read_csv(path, dtype="string", keep_default_na=False)
    assert list(frame.columns) == ["word", "list", "note"]
    assert set(frame["list"]) == set(lists)
    assert (frame["note"].str.strip() != "").all()
    assert not frame.duplicated(["word", "list"]).any()


@pytest.mark.parametrize("sentence, values", [
    ("Turnout was 42 percent and 3 per cent of ballots were spoiled in 11 villages.", [11]),
    ("A 14-year-old and a man of 40 years old were among 6 victims.", [6]),
    ("The blast, 30 kilometres from the border and 2 miles from the camp, killed 9.", [9]),
    ("Two hours later and after 3 days of fighting, 15 bodies were found.", [15]),
    ("The kidnappers asked for 500 dollars and 2 million euros for the 7 hostages.", [7]),
    ("At 5 a.m. and again at 6 pm, 12 ambulances arrived.", [12]),
    ("On the 21 st, 8 soldiers died.", [8]),
])
def test_a_unit_after_a_number_makes_it_no_count_of_people(sentence, values):
    assert _values(sentence) == values


@pytest.mark.parametrize("sentence, values", [
    ("A man aged 45 and a woman at the age of 30 were among 4 wounded.", [4]),
    ("Flight 370 and route 9 were closed after 13 people were killed.", [13]),
    ("Brigade 33, Battalion 12 and Platoon 4 lost 20 men.", [20]),
    ("Resolution 2401 under Article 7 was cited; 10 people were killed.", [10]),
    ("A reward of $500 was offered; 6 attackers were killed.", [6]),
    ("Police Officer 2 Rosa Lim and Senior Police Officer 3 Ben Tan were among 5 killed.", [5]),
])
def test_a_label_before_a_number_makes_it_no_count_of_people(sentence, values):
    assert _values(sentence) == values


@pytest.mark.parametrize("sentence", [
    "The death toll rose by 12 overnight.", "Attacks were reduced by 40 last year.",
    "The number of dead has climbed by 6.", "The toll went up by four on Monday.",
    "Officials revised the toll up by 3.", "The ministry brought its earlier estimate down by 5.",
    "The figure was revised upwards by 7.",
])
def test_a_number_after_a_change_word_and_by_is_the_size_of_a_change(sentence):
    assert find_counts(sentence) == []


def test_a_change_to_a_new_figure_keeps_the_new_figure_and_killed_by_stays_a_count():
    assert [m.count for m in find_counts("The toll rose by 12 to 40 on Monday.")] == [Count(40)]
    assert _values("Five soldiers were killed by 12 gunmen.") == [5, 12]
    assert _values("The toll went ahead by 3.") == [3]  # no change word: a count


@pytest.mark.parametrize("sentence, is_period", [
    ("In the past ten months, attacks killed 583 people.", True),
    ("Over the last few years, 200 soldiers have died.", True),
    ("During the previous 18 weeks, 40 were killed.", True),
    ("So far this year, 300 soldiers have been killed.", True),
    ("This year alone 45 people died.", True),
    ("Since the outbreak of the insurgency, 5,000 have died.", True),
    ("Since early March, 45 have died.", True),
    ("Since March 3 is a date, 45 were killed that day.", False),
    ("Gunmen killed 12 people in the past.", False),
])
def test_period_words_make_a_span_longer_than_one_attack(sentence, is_period):
    assert bool(figure_kinds.PERIOD.search(sentence)) is is_period


@pytest.mark.parametrize("sentence, is_several", [
    ("Twelve were killed in attacks on villages.", True),
    ("Nine died during recent raids on posts.", True),
    ("Seven died across repeated ambushes.", True),
    ("Eight were killed in the attacks on the hotel.", False),  # 'the attacks': often one attack's parts
    ("Eight were killed in an attack on the hotel.", False),
])
def test_attacks_in_the_plural_with_no_article_make_a_total_over_several_attacks(sentence, is_several):
    assert bool(figure_kinds.SEVERAL_ATTACKS.search(sentence)) is is_several

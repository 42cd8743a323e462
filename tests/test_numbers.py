"""Counts in prose: digits, number words, qualifiers, ranges, vague counts; things that are not counts."""
import pytest
from helpers.numbers import Count, add_counts, find_counts, load_vague_counts, parse_count, parse_number


def test_digits_and_number_words():
    assert parse_number("1,250") == 1250
    assert parse_number("twenty-six") == 26
    assert parse_number("one hundred and five") == 105
    assert parse_number("a hundred") == 100
    assert parse_number("banana") is None


def test_qualifiers_map_to_contract_vocabulary():
    assert parse_count("at least 12") == Count(12, "at_least")
    assert parse_count("more than forty") == Count(40, "more_than")
    assert parse_count("nearly 60") == Count(60, "approx")  # CONVENTIONS: nearly is approximate
    assert parse_count("around 15") == Count(15, "approx")
    assert parse_count("up to 19") == Count(19, "approx", 19)


def test_ranges():
    assert parse_count("between 20 and 25") == Count(20, "range", 25)
    assert parse_count("two or three") == Count(2, "range", 3)
    assert parse_count("4-6") == Count(4, "range", 6)


def test_vague_counts_are_intervals_from_the_table():
    table = load_vague_counts()
    low, high = table["dozens"]
    assert parse_count("dozens") == Count(low, "range", high, is_vague=True)
    assert table["several"][0] >= 2 and table["several"][0] < table["several"][1]
    assert all(low <= high for low, high in table.values())


def test_not_counts_years_money_ages_percentages_dates():
    sentence = "In 2016 a 35-year-old trader paid $3 million, 40 percent more, on March 4 at 9:30."
    assert [match.text for match in find_counts(sentence)] == []


def test_counts_are_found_with_their_offsets():
    sentence = "Rebels freed nineteen hostages and at least 3 guards."
    found = find_counts(sentence)
    assert [(sentence[m.start:m.end], m.count.value) for m in found] == [("nineteen", 19), ("at least 3", 3)]


def test_breakdown_sum_keeps_the_loosest_qualifier():
    assert add_counts([Count(12), Count(3)]) == Count(15)
    assert add_counts([Count(12, "at_least"), Count(3)]) == Count(15, "at_least")


def test_a_change_from_one_figure_to_another_is_two_figures_not_a_range():
    sentence = "The toll climbed from nine to eleven overnight, and later from 11 to 14."
    assert [(m.text, m.count) for m in find_counts(sentence)] == [
        ("nine", Count(9)), ("eleven", Count(11)), ("11", Count(11)), ("14", Count(14))]
    lowered = "The figure was cut from 20 to 16."  # a change downwards is no range either (a range would refuse it)
    assert [m.count.value for m in find_counts(lowered)] == [20, 16]
    assert [m.count for m in find_counts("Anywhere from 30 to 40 people were hurt.")] == [Count(30, "range", 40)]
    assert [m.count for m in find_counts("Gunmen killed 30 to 40 people.")] == [Count(30, "range", 40)]


def test_a_number_of_dozens_is_twelve_times_the_number_and_round():
    assert parse_count("two dozen") == Count(24, "approx")
    assert parse_count("at least three dozen") == Count(36, "at_least")
    assert parse_count("4 dozen") == Count(48, "approx")
    assert [match.text for match in find_counts("Two dozen people were hurt.")] == ["Two dozen"]


def test_a_dozen_and_half_a_dozen_name_round_figures_several_dozen_is_vague():
    # CONVENTIONS: "a dozen", "half a dozen" name 12 and 6 (approximate); only "dozens", "several dozen" are vague
    assert parse_count("a dozen") == Count(12, "approx")
    assert parse_count("half a dozen") == Count(6, "approx")  # not 'a dozen' after 'half'
    assert parse_count("more than a dozen") == Count(12, "more_than")
    assert [m.count for m in find_counts("The blast left a dozen soldiers dead at the gate.")] == [Count(12, "approx")]
    table = load_vague_counts()
    assert "a dozen" not in table and "half a dozen" not in table
    assert table["several dozen"][0] >= 24
    assert parse_count("several dozen").is_vague and parse_count("dozens").is_vague


def test_every_qualifier_word_is_in_the_data_file_with_a_contract_value_and_a_note():
    import csv

    from helpers import numbers, schemas

    with open(numbers.QUALIFIERS_PATH, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["phrase"] for row in rows} == set(numbers.QUALIFIER_WORDS)
    assert all(row["qualifier"] in schemas.QUALIFIERS and row["note"] for row in rows)
    assert parse_count("almost 200") == Count(200, "approx")
    assert parse_count("close to 30") == Count(30, "approx")
    assert parse_count("fewer than 10") == Count(10, "fewer_than")
    assert parse_count("as many as 70") == Count(70, "approx", 70)


def test_a_qualifier_without_a_note_is_refused(tmp_path):
    from helpers import numbers

    path = tmp_path / "qualifiers.csv"
    path.write_text("phrase,qualifier,upper_bound,note\nabout,approx,false,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'about' has none"):
        numbers._load_qualifiers(path)


def test_a_change_by_a_number_is_no_count_and_its_new_figure_is():
    assert find_counts("The official toll was reduced by 106 after the autopsies.") == []
    assert find_counts("Officials revised the death toll from the bombings down by about 100 on Thursday.") == []
    assert [m.count for m in find_counts("The toll rose by 12 to 40 on Monday.")] == [Count(40)]
    assert [m.count for m in find_counts("Attacks increased by 30 last year.")] == []
    # 'by' after a verb of no change keeps its count (the doers, for the figure rules to read)
    assert [m.count.value for m in find_counts("The guards were attacked by 12 gunmen.")] == [12]


def test_a_number_naming_a_unit_or_a_section_is_no_count():
    assert [m.count.value for m in find_counts("The blast killed two members of Infantry Brigade 52.")] == [2]
    assert find_counts("Under Article 15 of the law, the group was banned.") == []


def test_the_days_of_a_list_of_days_of_one_month_are_no_counts():
    assert [m.count.value for m in find_counts("On May 3 and 4, two gunmen and a police officer were killed.")] == [2]
    assert [m.count.value for m in find_counts("Raids on March 7, 8 and 9 left 14 people dead.")] == [14]
    assert [m.count.value for m in find_counts("Between 10 and 11 April, six soldiers were killed.")] == [6]
    assert [m.count.value for m in find_counts("In May, 3 and then 4 more villagers were killed.")] == [3, 4]
    assert [m.count.value for m in find_counts("Gunmen killed 12 and wounded 30 on June 2.")] == [12, 30]


@pytest.mark.parametrize("sentence, counts", [
    ("Two farmers, aged 67 and 38, died when the bus was hit.", ["Two"]),
    ("Four students aged 17, 18 and 20 were abducted and later found dead.", ["Four"]),
    ("The two nurses, aged 29 and 31 respectively, were treated in hospital.", ["two"]),
    # the list has ended: the number after 'and' counts other people
    ("The gunmen shot a herder aged 15 and 6 traders on the road.", ["6"]),
    ("A woman aged 50, 3 police officers and a child were wounded.", ["3"]),
])
def test_a_label_written_once_applies_to_every_number_of_its_list(sentence, counts):
    assert [match.text for match in find_counts(sentence)] == counts


def test_a_date_written_in_digits_is_no_count():
    values = lambda text: [m.count.value for m in find_counts(text)]
    assert values("In a second raid on 04/11/2021, three herders were shot dead.") == [3]
    assert values("Police said 9 people died in the blast of 2019-07-23 near the depot.") == [9]
    assert values("Two guards (reported 7.2.18) and 5 miners were killed.") == [2, 5]
    assert values("Between 15-20 people died on 1.2.2020.") == [15]


def test_ordinals_give_their_rank():
    from helpers.numbers import parse_ordinal
    assert [parse_ordinal(w) for w in ("12th", "twelfth", "twenty-first", "second", "3rd", "fifth")] == [12, 12, 21, 2, 3, 5]
    assert parse_ordinal("twelve") is None and parse_ordinal("last") is None

"""Which attack a figure belongs to when the sentences before it tell the attack (helpers.annotate.lead_dates,
helpers.annotate.events): a recalled attack told over a paragraph, its month or year first and its toll in a later
undated sentence, is background with its own key; the news told so stays the news. Every article here is written
for these tests and is in no corpus article."""
import pandas as pd
import pytest

from helpers import annotate
from helpers.annotate.lead_dates import lead_dates, names_serial_blast, names_told_attack
from helpers.annotate.sentences import split_sentences

NEWS = "Gunmen stormed a cattle market in Varnello on Tuesday, killing nine traders, police said.\n\n"


def _by_killed(text: str, published: str | None = "2023-06-08") -> dict:
    rows = annotate.annotate_articles(pd.DataFrame([("lead", text, published)],
                                                   columns=["article_id", "text", "published"]))
    return {row.killed: (row.article_event_key, row.role, row.date_start) for row in rows.itertuples()}


def test_a_toll_whose_paragraph_dates_its_attack_to_a_past_year_is_a_recalled_attack():
    rows = _by_killed(NEWS + "The region has seen worse. In March 2019, rebels seized a mining camp in the hills. "
                             "Two days later, soldiers stormed the camp. In the fighting, 31 miners died.")
    assert rows[31][1] == "background" and rows[31][0] != rows[9][0]
    assert rows[31][2] == "2019-03-01"  # its paragraph's month dates it
    assert rows[9][1] == "main"


def test_a_toll_after_last_month_in_its_paragraph_is_background_and_the_news_after_it_is_main():
    rows = _by_killed(NEWS + "Last month, a bomber struck a bus station in the same district. The blast killed 14 "
                             "commuters.\n\nThe toll of Tuesday's attack rose to 11, doctors said.")
    assert rows[14][1] == "background" and rows[14][0] != rows[9][0]
    assert rows[11][1] == "main" and rows[11][0] == rows[9][0]


def test_a_toll_naming_no_attack_after_a_past_period_stays_with_the_news():
    rows = _by_killed(NEWS + "Unrest in the district grew after the army's offensive in October 2021.\n"
                             "Two more traders died of their wounds in hospital, the agency reported.")
    assert rows[2][0] == rows[9][0] and rows[2][1] == "main"


@pytest.mark.parametrize("sentence, names", [
    ("The attack killed six.", True), ("In the fighting, 30 died.", True), ("That deadly raid left 4 dead.", True),
    ("Six people died, the agency said.", False), ("Another attack killed six.", False)])
def test_a_figure_names_an_attack_told_before_by_a_definite_word(sentence, names):
    assert names_told_attack(sentence) is names


@pytest.mark.parametrize("sentence", [
    "The March 23 attack on the depot killed eleven guards.", "In the Oct. 12 assault, nine farmers died.",
    "The Oct 12 raid left four dead.", "The 27th of March attack killed five.", "The 2019 bombing killed 40.",
    "The second attack, on a convoy, killed seven.", "Three died in the first raid."])
def test_a_date_or_an_ordinal_before_the_noun_names_another_attack_than_the_one_told(sentence):
    assert names_told_attack(sentence) is False


@pytest.mark.parametrize("sentence", [
    "The March 23 attack was worse, but the attack on Sunday killed six.",  # another, undated naming in the sentence
    "The deadly night raid left four dead.", "That 40-minute assault killed nine.", "The 5.30am raid killed two.",
    "It was the third such attack this year; 14 died.", "The first-ever bombing in the city killed 9."])
def test_a_definite_naming_without_a_date_or_ordinal_still_names_the_attack_told(sentence):
    assert names_told_attack(sentence) is True


@pytest.mark.parametrize("sentence, names", [
    ("Minutes later, a second blast tore through the crowd, killing five.", True),
    ("The third explosion killed two rescuers.", True), ("A second car bomb went off nearby, killing 3.", True),
    ("A bomb killed six at the depot.", False), ("The second attack killed seven.", False),
    ("Another blast killed four in the capital.", False)])
def test_a_blast_named_by_its_ordinal_is_one_of_serial_blasts(sentence, names):
    assert names_serial_blast(sentence) is names


def test_a_second_blast_minutes_later_in_the_same_town_is_the_same_attack():
    rows = _by_killed("A bomb exploded at a fish market in Tolvaren on Friday, killing 8 traders, police said. "
                      "Minutes later, a second blast near the market gates killed three more people.")
    assert rows[3][0] == rows[8][0] and rows[3][1] == "main"


def test_a_second_blast_the_same_day_in_another_province_is_another_attack():
    rows = _by_killed("A bomb exploded at a fish market in Kano on Friday, killing 8 traders, police said. "
                      "Hours later, a second blast in Maiduguri, Borno state, killed three people.")
    assert rows[3][0] != rows[8][0]


def test_a_recent_day_in_the_paragraph_leaves_the_toll_with_the_news():
    rows = _by_killed(NEWS + "On Tuesday afternoon, the attackers fled on motorbikes. A nurse said 12 people had died.")
    assert rows[12][0] == rows[9][0] and rows[12][1] == "main"


def test_lead_dates_reads_months_and_years_of_the_paragraph_up_to_the_previous_figure():
    text = "Nine died on Tuesday. In May 2020, a raid hit the town. Soldiers came in 2018.\nIn June 2021, x. Six died."
    sentences = split_sentences(text)
    found = [d.text for d in lead_dates(text, sentences, 1, len(sentences) - 1)]
    assert found == ["In June 2021"]  # the paragraph break stops the reading
    text = "Nine died on Tuesday. In May 2020, a raid hit the town. On Monday, it rained. Six died."
    sentences = split_sentences(text)
    assert [d.text for d in lead_dates(text, sentences, 1, 3)] == ["In May 2020"]  # a weekday is not read
    assert lead_dates(text, sentences, 3, 3) == []  # nothing between the previous figure and this one
    text = "Nine died on Tuesday. In May 2020, a raid hit the town.\n\nThe raid killed six."
    sentences = split_sentences(text)
    assert [d.text for d in lead_dates(text, sentences, 1, 2)] == ["In May 2020"]  # just before: a paragraph of its own


@pytest.mark.parametrize("sentence", [
    "Sunday's violence came after three guards died on Friday when their truck hit a mine, officials said.",
    "The killings came days after pirates shot dead six fishermen on the river ferry, officials said."])
def test_a_figure_after_came_after_with_a_subject_naming_the_news_is_an_earlier_attack(sentence):
    rows = _by_killed("A bomb tore through a bus depot in Cressington on Sunday, killing 17 drivers, police said.\n\n"
                      + sentence)
    earlier = [value for value in rows if value != 17]
    assert len(earlier) == 1
    assert rows[earlier[0]][1] == "background" and rows[earlier[0]][0] != rows[17][0]


def test_an_earlier_onslaught_is_an_attack_told_before_the_news():
    rows = _by_killed("Raiders killed 23 villagers in Tarnwick on Sunday, the governor said.\n\nHe said it was "
                      "revenge for an earlier onslaught on a nearby hamlet that left around nine dead.", "2023-05-02")
    assert rows[9][1] == "background" and rows[9][0] != rows[23][0]


def test_an_attack_that_came_after_another_recalled_one_is_not_that_one():
    rows = _by_killed("A bomb tore through a bus depot in Cressington on Sunday, killing 17 drivers, police said.\n\n"
                      "An earlier raid on the dam killed five guards. That came two days after four policemen were killed in an ambush near the bridge.",
                      "2023-06-12")
    assert rows[5][1] == rows[4][1] == "background"
    assert len({rows[17][0], rows[5][0], rows[4][0]}) == 3


@pytest.mark.parametrize("sentence", [
    "Later in the day, 9 more soldiers were killed in the fighting near the camp.",
    "The fighting went on and 9 more soldiers were killed later in the day.",
    "Hours later, the army said that 9 more soldiers had died in the fighting."])
def test_a_toll_told_later_the_same_day_for_the_attack_named_stays_with_it(sentence):
    rows = _by_killed("Militants stormed an army camp near Dorvale on Friday, killing 21 soldiers, the army said.\n\n"
                      + sentence, "2023-06-10")
    assert rows[9][0] == rows[21][0] and rows[9][1] == "main"


def test_a_killing_told_the_same_day_with_no_attack_named_is_another_attack_of_the_news():
    rows = _by_killed("Militants stormed an army camp near Dorvale on Friday, killing 21 soldiers, the army said.\n\n"
                      "The same day, shelling killed six members of a farming family in a village to the south.",
                      "2023-06-10")
    assert rows[6][0] != rows[21][0] and rows[6][1] == rows[21][1] == "main"

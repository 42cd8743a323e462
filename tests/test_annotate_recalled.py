"""Recalled attacks within one article: a figure of an attack told as well before the news is background, with its
own event key, and the news told after it is the main attack's again (helpers.annotate.recalled)."""
import pandas as pd
import pytest

from helpers import annotate


def _rows(article_id: str, text: str, published: str | None) -> pd.DataFrame:
    rows = annotate.annotate_articles(pd.DataFrame([(article_id, text, published)],
                                                   columns=["article_id", "text", "published"]))
    return rows.sort_values(["figure_start", "char_start"], kind="mergesort").reset_index(drop=True)


def _by_killed(rows: pd.DataFrame) -> dict:
    return {row.killed: (row.article_event_key, row.role) for row in rows.itertuples()}


def test_an_undated_attack_recalled_as_months_ago_is_background():
    text = ("Gunmen stormed a village market near Tessaloro on Tuesday, killing nine traders, police said. "
            "A bombing at the same market months ago killed 23 people. "
            "The death toll of the attack rose to 11, doctors said.")
    rows = _by_killed(_rows("r1", text, "2023-06-08"))
    assert rows[23][1] == "background" and rows[23][0] != rows[9][0]
    assert rows[9][1] == rows[11][1] == "main" and rows[9][0] == rows[11][0]


def test_an_attack_of_earlier_this_year_or_last_year_is_background():
    text = ("A roadside bomb struck a bus near Kalvenport on Friday, killing six passengers, officials said. "
            "Earlier this year, an ambush on the same road killed four guards. "
            "Last year's raid on the town left 31 people dead.")
    rows = _by_killed(_rows("r2", text, "2023-09-10"))
    assert rows[6][1] == "main"
    assert rows[4][1] == rows[31][1] == "background"
    assert len({rows[6][0], rows[4][0], rows[31][0]}) == 3


def test_a_figure_inside_a_since_phrase_on_an_attack_is_a_recalled_attack():
    text = ("A suicide bomber struck a mosque in Darnell on Friday, killing 40 worshippers, officials said. "
            "It was the deadliest attack in the province since a truck bombing at the port, which killed 17 dockers. "
            "The death toll of the attack rose to 45, doctors said.")
    rows = _by_killed(_rows("r3", text, "2023-10-14"))
    assert rows[17][1] == "background" and rows[17][0] != rows[40][0]
    assert rows[45][0] == rows[40][0] and rows[45][1] == "main"


def test_since_on_a_date_does_not_make_the_figure_recalled():
    text = "The raid on the border post near Morwick, the deadliest since 2019, killed 30 soldiers on Monday."
    rows = _rows("r4", text, "2023-04-05")
    assert list(rows["killed"]) == [30] and list(rows["role"]) == ["main"]


def test_a_time_in_a_clause_on_the_victims_does_not_make_the_attack_recalled():
    text = ("Raiders attacked a river outpost near Belcastle on Friday and killed 14 guards posted there years ago, "
            "the governor said. The attack also left three herders wounded.")
    rows = _rows("r5", text, "2023-07-02")
    assert set(rows["role"]) == {"main"} and rows["article_event_key"].nunique() == 1


def test_an_attack_the_incident_came_after_or_of_last_month_named_is_background():
    text = ("Gunmen opened fire on worshippers at a chapel in Orvington on Sunday, killing eight people, police said. "
            "The deadly incident comes less than a week after a bombing took place outside a school in the capital, "
            "which killed at least three people. "
            "Police blamed the same group for a market blast that killed five traders last February.")
    rows = _by_killed(_rows("r6", text, None))
    assert rows[8][1] == "main"
    assert rows[3][1] == rows[5][1] == "background"
    assert rows[3][0] != rows[8][0] and rows[5][0] != rows[8][0]


def test_a_sentence_opened_by_separately_is_another_attack_of_the_news():
    text = ("Gunmen ambushed a bus near Halbridge on Monday, killing six passengers, police said. "
            "Separately, a roadside bomb killed two soldiers near Tollin on Monday, the army said. "
            "A police official separately confirmed that nine passengers were wounded in the ambush on Monday.")
    rows = _rows("r8", text, "2023-02-15")
    key = {(row.killed, row.wounded): (row.article_event_key, row.role) for row in rows.itertuples()}
    six = next(value for (killed, _), value in key.items() if killed == 6)
    two = next(value for (killed, _), value in key.items() if killed == 2)
    nine = next(value for (_, wounded), value in key.items() if wounded == 9)
    assert two[0] != six[0] and two[1] == six[1] == "main"
    assert nine[0] == six[0]


def test_a_toll_told_a_month_after_or_weeks_after_is_a_recalled_attack():
    text = ("Militants attacked an army camp near Dorsa on Wednesday, killing nine soldiers, the army said on Thursday, "
            "a month after 12 troops were killed in the same region.")
    rows = _by_killed(_rows("r10", text, "2023-08-11"))
    assert rows[9][1] == "main" and rows[12][1] == "background" and rows[12][0] != rows[9][0]
    # the news told a month after something else keeps its figure
    rows = _rows("r11", "Eleven villagers were killed near Dorsa on Monday, a month after the election.", "2023-08-11")
    assert list(rows["role"]) == ["main"]


def test_an_attack_called_recent_or_previous_is_background():
    text = ("A car bomb exploded at a bus station in Kelmar on Sunday, killing 22 travellers, officials said. "
            "The group also claimed the recent bombing at the port, in which 9 dockers were killed. "
            "A police officer said a previous attack in the same district had left six people dead.")
    rows = _by_killed(_rows("r20", text, "2023-05-10"))
    assert rows[22][1] == "main"
    assert rows[9][1] == rows[6][1] == "background"
    assert rows[9][0] != rows[22][0] and rows[6][0] != rows[22][0]


def test_recall_that_opens_a_background_attack():
    text = ("Gunmen killed 17 villagers in Tarsel on Sunday night, residents said. "
            "Recall that a similar raid took place days ago in Omba, where 8 people were shot dead.")
    rows = _by_killed(_rows("r21", text, "2023-05-10"))
    assert rows[17][1] == "main" and rows[8][1] == "background" and rows[8][0] != rows[17][0]


def test_an_attack_narrated_in_the_past_perfect_is_background_and_the_simple_past_is_not():
    before = ("Gunmen raided a farming village near Ostrova, killing 11 villagers, police said. "
              "Before that, a bomber {verb} a car packed with explosives into a checkpoint near Ostrova, killing four "
              "guards.")
    recalled = _by_killed(_rows("r22", before.format(verb="had driven"), None))
    assert recalled[11][1] == "main" and recalled[4][1] == "background"
    told = _by_killed(_rows("r23", before.format(verb="drove"), None))
    assert told[4][1] == "main"


def test_a_past_perfect_in_reported_speech_or_against_a_later_time_stays_the_news():
    said = _rows("r24", "Gunmen raided a farming village near Ostrova, killing villagers. "
                        "Elders said that 14 bodies had been recovered from the fields.", None)
    assert set(said["role"]) == {"main"} and said["article_event_key"].nunique() == 1
    by_the_time = _rows("r25", "By the time soldiers reached Ostrova, the raiders had killed 11 villagers.", None)
    assert list(by_the_time["role"]) == ["main"]


def test_a_count_made_by_a_time_is_dated_by_the_attack_not_the_count():
    text = ("Gunmen raided a farming village near Ostrova on Saturday night, killing villagers. "
            "At least 23 bodies had been counted by Sunday morning, a local elder said.")
    rows = _rows("r26", text, "2023-05-10")
    assert list(rows["killed"]) == [23] and list(rows["role"]) == ["main"]
    assert str(rows["date_start"][0]) == "2023-05-06"
    undated = _rows("r32", "Gunmen raided a farming village near Ostrova on Saturday night, killing 23 villagers. "
                           "Elders said that 23 bodies had been counted by Sunday morning.", None)
    assert set(undated["role"]) == {"main"} and undated["article_event_key"].nunique() == 1


def test_a_first_figure_told_as_recent_or_in_the_past_perfect_is_the_news():
    lead = _rows("r27", "In a brutal raid, rebels had killed 17 border guards near Valmont. "
                        "The guards were killed in a gunfight with the rebels near the river.", None)
    assert set(lead["role"]) == {"main"}
    only = _rows("r28", "The army launched an operation against the fighters behind a recent attack that killed 40 "
                        "soldiers near the lake.", None)
    assert list(only["killed"]) == [40] and list(only["role"]) == ["main"]


def test_a_toll_revised_in_the_past_perfect_stays_with_its_attack():
    text = ("Gunmen opened fire at a wedding in Corvale on Saturday night, killing 12 guests, police said. "
            "Prosecutors had revised the death toll down to 11 on Monday, citing a counting error.")
    rows = _rows("r29", text, "2023-05-10")
    assert set(rows["role"]) == {"main"} and rows["article_event_key"].nunique() == 1


def test_an_attack_of_earlier_this_week_told_after_the_news_is_background_but_not_when_it_is_the_news():
    text = ("Gunmen ambushed a police patrol in Durrow on Friday, killing six officers, officials said. "
            "It was the second deadly attack in a week: two officers were killed earlier this week in Kessick.")
    rows = _by_killed(_rows("r30", text, "2023-05-13"))
    assert rows[6][1] == "main" and rows[2][1] == "background" and rows[2][0] != rows[6][0]
    news = _rows("r31", "Gunmen killed nine herders earlier this week near Kessick, police said on Friday.",
                 "2023-05-13")
    assert list(news["role"]) == ["main"]
    same = _rows("r34", "Gunmen ambushed a police patrol near Durrow on Tuesday, killing six officers, officials said. "
                        "The army said that 12 others were wounded in the attack earlier this week.", "2023-05-13")
    assert set(same["role"]) == {"main"} and same["article_event_key"].nunique() == 1


@pytest.mark.xfail(strict=True, reason="the figure-kind model retrained on the 581-article dev split (round 13) sets "
                   "the airstrike's 4 herders aside as no figure (`not_figure`); a figure that 'has killed' people in "
                   "an attack its own clause names is a count of its victims, a reading still to make exact")
def test_a_recent_attack_told_in_the_present_perfect_is_the_news():
    text = ("Gunmen ambushed a convoy of lorries near Tessaloro on Thursday, killing 9 drivers, police said. "
            "A recent airstrike near the border has killed 4 herders, officials said.")
    rows = _by_killed(_rows("r33", text, None))
    assert rows[9][1] == rows[4][1] == "main"

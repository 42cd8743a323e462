"""ANNOTATE stage end to end on articles written for these tests (none is copied from the seed articles); the
modules' own tests are in tests/test_annotate_<module>.py."""
import json

import pandas as pd
import pytest

from helpers import annotate
from helpers.annotate import EXTRA_COLUMNS, article_spans, render_article_html
from helpers.schemas import MENTIONS_COLUMNS


def annotate_articles(articles: pd.DataFrame, **options) -> pd.DataFrame:
    """The annotator's rows in text order within each article, as these tests read them (the stage itself sorts
    by mention_id, a hash of each mention's content)."""
    rows = annotate.annotate_articles(articles, **options)
    return rows.sort_values(["article_id", "figure_start", "char_start"], kind="mergesort").reset_index(drop=True)

ARTICLES = pd.DataFrame(
    [
        ("t1", "At least 14 soldiers were killed and 9 wounded when Daesh militants attacked an army post near "
               "Palmyra on Tuesday, the Syrian Observatory for Human Rights said. Activists said 16 soldiers had "
               "died. In October, a roadside bomb killed seven people including three children in Raqqa. The war "
               "has killed more than 350,000 people since 2011. The group, which has some 3,000 fighters, seized "
               "two trucks and $2 million.", "2022-03-17"),
        ("t2", "Gunmen believed to be members of the Islamic State group killed twenty-six members of a "
               "pro-government militia along with four troops on Monday.\n\nThe jihadists said in a statement on "
               "their Telegram channel that they had killed or wounded more than 60 soldiers.\n\nLast year, dozens "
               "of civilians were killed in the shelling of a market.", None),
        ("t3", "Fighters ambushed a convoy between Homs, Hama and Idlib the day before yesterday, killing between "
               "10 and 12 guards, according to state media. Five soldiers were captured and two others are "
               "missing, an army source added.", "2021-06-10"),
        ("t4", "Twelve police officers were killed in a suicide bombing in Kirkuk on Sunday. The blast killed 12 "
               "officers, police said. Nearly 40 people were injured.", "2021-06-14"),
        ("t5", "A <script>alert('x')</script> tag sits in this text, and nobody was hurt.", None),
    ],
    columns=["article_id", "text", "published"],
)


@pytest.fixture(scope="module")
def mentions() -> pd.DataFrame:
    return annotate_articles(ARTICLES)


def _row(mentions, position):
    """The mention named 'ARTICLE-mNN': the NN-th mention of the article in text order (ids are content hashes)."""
    article_id, number = position.rsplit("-m", 1)
    rows = mentions[mentions["article_id"] == article_id].sort_values(["figure_start", "char_start"], kind="mergesort")
    assert len(rows) >= int(number), f"{position} missing: {len(rows)} mentions in {article_id}"
    return rows.iloc[int(number) - 1]


def test_output_columns_ids_and_order(mentions):
    assert list(mentions.columns) == MENTIONS_COLUMNS + EXTRA_COLUMNS
    stage_order = annotate.annotate_articles(ARTICLES)["mention_id"]
    assert list(stage_order) == sorted(stage_order) and sorted(stage_order) == sorted(mentions["mention_id"])
    assert not mentions["mention_id"].duplicated().any()
    assert set(mentions["annotator"]) == {"rules"}
    assert mentions["event_id"].isna().all()
    t1 = mentions[mentions["article_id"] == "t1"]
    assert len(t1) == 3 and t1["mention_id"].str.fullmatch(r"t1-m[0-9a-f]{10}").all()


def test_figures_qualifiers_and_wounded(mentions):
    row = _row(mentions, "t1-m01")
    assert (row["killed"], row["killed_qualifier"], row["wounded"]) == (14, "at_least", 9)
    assert _row(mentions, "t1-m02")["killed"] == 16


def test_subsets_are_not_added_and_non_figures_are_skipped(mentions):
    assert _row(mentions, "t1-m03")["killed"] == 7  # "seven people including three children"
    figures = set(mentions.loc[mentions["article_id"] == "t1", "killed"])
    assert not figures & {350000, 3000, 2, 10}  # war-wide total, strength, things, money, a sum of the subset


def test_breakdown_summed_number_words_and_suspected_attribution(mentions):
    row = _row(mentions, "t2-m01")
    assert row["killed"] == 30  # twenty-six militiamen along with four troops
    assert row["perpetrator"] == "Islamic State" and bool(row["is_attribution_suspected"])
    # no country is named anywhere in t2, so 'troops' keeps its generic name rather than guessing Syria
    assert row["target"] == "Government forces;Pro-government militia"


def test_perpetrator_claim_of_killed_or_wounded(mentions):
    row = _row(mentions, "t2-m02")
    assert pd.isna(row["killed"])
    assert (row["casualties"], row["casualties_qualifier"]) == (60, "more_than")
    assert (row["figure_source"], row["source_type"], bool(row["is_claim"])) == (
        "Islamic State", "perpetrator_claim", True)
    assert row["article_event_key"] == _row(mentions, "t2-m01")["article_event_key"]


def test_vague_count_is_an_interval_and_background_event(mentions):
    row = _row(mentions, "t2-m03")
    assert pd.isna(row["killed"]) and pd.isna(row["killed_max"])  # 'dozens' is never an exact figure
    assert (row["killed_vague_low"], row["killed_vague_high"], row["vague_text"]) == (24, 99, "dozens")
    assert row["role"] == "background" and row["date_precision"] == "unknown"
    assert row["sub_event_type"] == "Shelling/artillery/missile attack"


def test_range_relative_date_several_places_and_state_source(mentions):
    row = _row(mentions, "t3-m01")
    assert (row["killed"], row["killed_max"], row["killed_qualifier"]) == (10, 12, "range")
    assert (row["date_start"], row["date_precision"]) == ("2021-06-08", "day")
    assert (row["figure_source"], row["source_type"]) == ("state media", "government")
    assert row["geo_precision"] == "region" and len(row["admin1"].split(";")) == 3


def test_captured_and_missing_are_extra_columns(mentions):
    row = _row(mentions, "t3-m02")
    assert (row["captured"], row["missing"]) == (5, 2)
    assert (row["figure_source"], row["source_type"]) == ("military source", "government")


def test_lede_repeating_an_attributed_figure_is_one_row(mentions):
    rows = mentions[mentions["article_id"] == "t4"]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["killed"], row["figure_source"], row["wounded"]) == (12, "police", 40)
    assert (row["event_type"], row["sub_event_type"]) == ("Explosions/Remote violence", "Suicide bomb")


def test_a_lede_repeating_an_attributed_figure_keeps_its_wounded():
    text = ("A car bomb killed seven soldiers and wounded 23 others at a checkpoint in Kirkuk on Sunday.\n\n"
            "Seven soldiers were killed, the army said in a statement.")
    rows = annotate_articles(pd.DataFrame([("w1", text, "2021-06-14")], columns=["article_id", "text", "published"]))
    assert len(rows) == 1  # the lede repeats the army's seven: one row, which keeps the lede's 23 wounded
    assert (rows.iloc[0]["killed"], rows.iloc[0]["wounded"], rows.iloc[0]["figure_source"]) == (7, 23, "army")


def test_dates_weekday_and_month_against_publication(mentions):
    assert (_row(mentions, "t1-m01")["date_start"], _row(mentions, "t1-m01")["date_precision"]) == ("2022-03-15", "day")
    row = _row(mentions, "t1-m03")
    assert (row["date_start"], row["date_end"], row["date_precision"]) == ("2021-10-01", "2021-10-31", "month")
    assert row["role"] == "background"


def test_main_event_place_near_a_town(mentions):
    row = _row(mentions, "t1-m01")
    assert row["geo_precision"] == "near_place" and row["location_text"] == "near Palmyra"
    assert pd.notna(row["latitude"]) and row["country"] == "Syria"


def test_evidence_is_the_sentence_at_its_offsets(mentions):
    texts = dict(zip(ARTICLES["article_id"], ARTICLES["text"]))
    for row in mentions.itertuples():
        assert texts[row.article_id][row.char_start:row.char_end] == row.evidence
        assert texts[row.article_id][row.figure_start:row.figure_end] == row.figure_text


def test_identical_output_with_two_processes(mentions):
    assert annotate_articles(ARTICLES, n_process=2).equals(mentions)


def test_workers_replaced_after_every_article_give_the_same_tables(monkeypatch):
    # ten articles (the pool needs four per process), each read by a fresh worker whose rows come back as Arrow
    from helpers.annotate import batch

    articles = pd.concat([ARTICLES.assign(article_id=ARTICLES["article_id"] + suffix) for suffix in ("a", "b")],
                         ignore_index=True)
    serial_problems, pooled_problems = [], []
    serial = batch.annotate_articles_with_set_aside(articles, problems=serial_problems)
    monkeypatch.setattr(batch, "ARTICLES_PER_WORKER", 1)
    pooled = batch.annotate_articles_with_set_aside(articles, n_process=2, problems=pooled_problems)
    for expected, got in zip(serial, pooled):
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert len(serial[0]) > 10 and pooled_problems == serial_problems


def test_no_figures_gives_the_contract_columns():
    empty = annotate_articles(ARTICLES[ARTICLES["article_id"] == "t5"])
    assert empty.empty and list(empty.columns[: len(MENTIONS_COLUMNS)]) == MENTIONS_COLUMNS


def test_rendering_escapes_article_text(mentions):
    text = ARTICLES.loc[4, "text"]
    html = render_article_html(text, [{"start": 2, "end": 10, "label": "PLACE"}], title="<b>t5</b>")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;" in html


def test_article_spans_are_non_overlapping(mentions):
    spans = article_spans(mentions[mentions["article_id"] == "t1"])
    assert {"KILLED", "SOURCE", "DATE"} <= {span["label"] for span in spans}
    ends = [(span["start"], span["end"]) for span in spans]
    assert all(left[1] <= right[0] for left, right in zip(ends, ends[1:]))
    assert all(isinstance(json.loads(value), list) for value in mentions["spans"])


def test_a_period_that_holds_the_main_date_does_not_start_an_event():
    text = ("Rebels killed 9 soldiers on Monday, officials said. It was the deadliest raid this year, with "
            "5 more soldiers killed in a second clash nearby, according to activists.")
    rows = annotate_articles(pd.DataFrame([("t6", text, None)], columns=["article_id", "text", "published"]))
    assert list(rows["killed"]) == [9, 5]
    assert rows["article_event_key"].nunique() == 1 and set(rows["role"]) == {"main"}


def test_a_headline_toll_restated_with_its_date_is_the_same_attack():
    text = ("Nine guards killed in raid on border post\n\n"
            "On March 3, gunmen stormed a border post in the north, killing nine guards, the army said.")
    rows = annotate_articles(pd.DataFrame([("t8", text, "2023-03-05")], columns=["article_id", "text", "published"]))
    assert list(rows["killed"]) == [9] and list(rows["role"]) == ["main"]
    assert (rows.iloc[0]["figure_source"], rows.iloc[0]["date_start"]) == ("army", "2023-03-03")


def test_victims_side_speaking_is_not_a_claim_and_parts_of_them_are_not_added():
    text = ("Russian airstrikes killed four SDF fighters outside Manbij on Tuesday, the SDF said. "
            "Eleven people, three of them women, died in a separate blast last month.")
    rows = annotate_articles(pd.DataFrame([("t7", text, "2024-05-10")], columns=["article_id", "text", "published"]))
    first, second = rows.iloc[0], rows.iloc[1]
    assert (first["figure_source"], bool(first["is_claim"])) == ("Syrian Democratic Forces", False)
    assert (first["perpetrator"], first["target"]) == ("Russian forces", "Syrian Democratic Forces")
    assert second["killed"] == 11 and second["role"] == "background"


def test_an_attack_told_hours_later_or_as_a_second_assault_is_another_event_of_the_article():
    text = ("Rebels ambushed an army truck near the market town of Dorvale on Monday, killing seven soldiers, the "
            "army said. Hours later, a drone attack downed a police helicopter near Kessington, killing all 12 "
            "officers on board. Insurgents killed two more soldiers in a second assault on a nearby camp.")
    rows = annotate_articles(pd.DataFrame([("t9", text, "2023-03-08")], columns=["article_id", "text", "published"]))
    key = dict(zip(rows["killed"], rows["article_event_key"]))
    assert key[7] != key[12] and key[12] != key[2] and key[7] != key[2]
    # a toll of the same attack told later, through a speaker, stays with it
    text = ("Rebels ambushed an army truck near the market town of Dorvale on Monday, killing seven soldiers. "
            "Hours later, the army said nine soldiers had died in the attack.")
    rows = annotate_articles(pd.DataFrame([("t10", text, "2023-03-08")], columns=["article_id", "text", "published"]))
    assert rows["article_event_key"].nunique() == 1


def test_a_blast_told_as_another_mine_or_device_is_another_event_of_the_article():
    text = ("A ranger patrol hit a landmine near the river crossing of Tolbay on Wednesday, killing four rangers, the "
            "park said. Soon after, a second patrol hit another landmine on the same track, killing two more rangers.")
    rows = annotate_articles(pd.DataFrame([("t11", text, "2023-05-12")], columns=["article_id", "text", "published"]))
    key = dict(zip(rows["killed"], rows["article_event_key"]))
    assert key[4] != key[2]


# Reports from outside Syria, written for these tests in the manner of wire copy.
WORLD_ARTICLES = pd.DataFrame(
    [
        ("w1", "Gunmen killed four soldiers at a checkpoint near Kirkuk on Monday, police said.", "2022-05-03"),
        ("w2", "Al-Shabaab fighters stormed a base in central Somalia on Friday. The militants killed seven soldiers, "
               "said Ahmed Nur, a senior army officer in the area.", "2020-01-11"),
        ("w3", "An air strike killed 14 fighters in Anbar on Sunday, the US military said. Security sources told "
               "Reuters that 16 people died.", "2015-02-02"),
        ("w4", "The Taliban claimed the raid in a statement in which they said they had killed 20 soldiers.\n"
               "The insurgency has left more than 30,000 people dead.", "2018-03-03"),
        ("w5", "Jihadists killed 12 soldiers in an ambush near Gao in Mali on Sunday, the army said. It added that 20 "
               "attackers were neutralised in the fighting.", "2021-09-14"),
        ("w6", "The ministry gave a toll of 9 - five police officers and four civilians. Eleven soldiers were killed "
               "in the clash, while about 15 others are still missing.", None),
        ("w7", "Two bombings kill 11 in Iraq\nAt least 11 people were killed in two bombings on Sunday, officials "
               "said. In Mosul, a car bomb killed six people. In another attack, a roadside bomb killed five people "
               "near Tikrit.", "2016-04-04"),
        ("w8", "Attackers raided a village in Borno state on Saturday. Officials said eight villagers died but a "
               "survivor said 15 were killed.", None),
        ("w9", "Al-Qaeda-linked militants killed three guards in an attack in the north of Niger.", None),
        ("w10", "A roadside bomb killed three policemen in Herat province on Tuesday, said Karim Zadran, a "
                "provincial police commander.", "2019-07-10"),
        ("w11", "Gunmen on motorbikes killed nine villagers in the village of Tungan Kwaso in Zamfara state, "
                "Nigeria, on Sunday, a resident said.", "2022-08-15"),
        ("w12", "Jihadists ambushed a convoy near Djibo in northern Burkina Faso, killing 15 soldiers.", None),
        ("w13", "Four soldiers were killed in Zzyzxville in Syria on Monday. Militants were seen leaving.", None),
        ("w14", "The army blamed ISWAP for the raid on the base.\nIt killed 12 soldiers in an ambush on Monday, "
                "officials said.", None),
    ],
    columns=["article_id", "text", "published"],
)


@pytest.fixture(scope="module")
def world_mentions() -> pd.DataFrame:
    return annotate_articles(WORLD_ARTICLES)


def test_state_force_words_become_the_forces_of_the_event_country(world_mentions):
    row = _row(world_mentions, "w1-m01")
    assert (row["target"], row["perpetrator"], row["country"]) == (
        "Iraqi government forces", "Unidentified armed group", "Iraq")
    assert (row["figure_source"], row["source_type"]) == ("police", "government")


def test_generic_attacker_words_refer_to_the_group_the_article_names(world_mentions):
    row = _row(world_mentions, "w2-m01")
    assert (row["perpetrator"], row["target"]) == ("al-Shabaab", "Somali government forces")
    assert (row["figure_source"], row["source_type"]) == ("army", "government")  # 'Ahmed Nur, a senior army officer'


def test_named_sides_speak_under_their_names_and_outlets_spoken_to_are_not_sources(world_mentions):
    assert _row(world_mentions, "w3-m01")["figure_source"] == "US forces"
    row = _row(world_mentions, "w3-m02")
    assert (row["figure_source"], row["source_type"]) == ("military source", "government")  # not Reuters


def test_a_pronoun_speaker_refers_to_the_group_in_its_sentence_and_war_tolls_are_not_events(world_mentions):
    rows = world_mentions[world_mentions["article_id"] == "w4"]
    assert list(rows["killed"]) == [20]  # 'The insurgency has left more than 30,000 people dead' is war-wide
    row = rows.iloc[0]
    assert (row["figure_source"], row["source_type"], bool(row["is_claim"])) == ("Taliban", "perpetrator_claim", True)


def test_attackers_dead_are_their_own_row_with_the_sides_swapped(world_mentions):
    victims, attackers = _row(world_mentions, "w5-m01"), _row(world_mentions, "w5-m02")
    assert (victims["killed"], victims["perpetrator"], victims["target"]) == (
        12, "Unidentified armed group", "Malian government forces")  # jihadists nobody names (corpus conventions)
    assert (attackers["attackers_killed"], attackers["perpetrator"], attackers["target"]) == (
        20, "Malian government forces", "Unidentified armed group")  # 'neutralised' counts as killed
    assert pd.isna(attackers["killed"])  # never the attack's toll
    assert (attackers["figure_kind"], victims["figure_kind"]) == ("attackers_dead", "victims")
    assert attackers["article_event_key"] == victims["article_event_key"]


def test_an_explained_toll_is_one_figure_and_a_clause_after_while_is_not_added(world_mentions):
    rows = world_mentions[world_mentions["article_id"] == "w6"]
    assert list(rows["killed"]) == [9, 11]
    assert rows.iloc[1]["missing"] == 15


def test_a_lede_total_over_two_attacks_is_not_a_mention_and_both_attacks_are_news(world_mentions):
    rows = world_mentions[world_mentions["article_id"] == "w7"]
    assert list(rows["killed"]) == [6, 5]  # 11 = 6 + 5; 'two bombings' counts no one
    assert rows["article_event_key"].nunique() == 2 and set(rows["role"]) == {"main"}


def test_two_sources_in_one_sentence_are_one_event(world_mentions):
    rows = world_mentions[world_mentions["article_id"] == "w8"]
    assert list(rows["figure_source"]) == ["officials", "survivor"]
    assert rows["article_event_key"].nunique() == 1


def test_a_group_named_only_as_an_affiliation_is_not_the_perpetrator(world_mentions):
    assert _row(world_mentions, "w9-m01")["perpetrator"] == "Unidentified armed group"


def test_a_province_of_another_country_is_found_through_its_large_namesake_city(world_mentions):
    row = _row(world_mentions, "w10-m01")
    assert (row["admin1"], row["country"], row["geo_precision"]) == ("Herat", "Afghanistan", "admin1")
    assert (row["target"], row["figure_source"]) == ("Afghan police", "police")


def test_a_village_missing_from_every_town_list_is_kept_as_written(world_mentions):
    row = _row(world_mentions, "w11-m01")
    assert (row["place"], row["admin1"], row["country"], row["geo_precision"]) == (
        "Tungan Kwaso", "Zamfara", "Nigeria", "place")
    assert pd.isna(row["latitude"])
    assert (row["target"], row["figure_source"], row["source_type"]) == ("Civilians", "resident", "activists")


def test_a_town_of_another_country_comes_from_the_world_list_with_coordinates(world_mentions):
    row = _row(world_mentions, "w12-m01")
    assert (row["place"], row["country"], row["geo_precision"]) == ("Djibo", "Burkina Faso", "near_place")
    assert pd.notna(row["latitude"]) and row["target"] == "Burkinabe government forces"


def test_in_default_countries_an_unknown_name_is_not_guessed(world_mentions):
    row = _row(world_mentions, "w13-m01")
    assert pd.isna(row["place"]) and (row["country"], row["geo_precision"]) == ("Syria", "country")
    assert row["target"] == "Syrian government forces"


def test_a_pronoun_that_kills_is_the_group_named_before_it(world_mentions):
    assert _row(world_mentions, "w14-m01")["perpetrator"] == "Islamic State West Africa Province"


def test_between_two_armed_groups_the_attackers_dead_are_those_of_the_group_that_attacked():
    text = ("Islamic State fighters attacked an SDF post near Hasakah on Monday, killing five SDF fighters, the SDF "
            "said. Eight Islamic State militants were killed in the clash, it added.")
    rows = annotate_articles(pd.DataFrame([("t8", text, "2023-03-01")], columns=["article_id", "text", "published"]))
    assert list(zip(rows["killed"].fillna(0), rows["attackers_killed"].fillna(0), rows["perpetrator"],
                    rows["target"])) == [(5, 0, "Islamic State", "Syrian Democratic Forces"),
                                         (0, 8, "Syrian Democratic Forces", "Islamic State")]
    # 'it added' refers to the SDF of the sentence before; a side counting its enemy's dead is making a claim
    assert (rows.iloc[1]["figure_source"], bool(rows.iloc[1]["is_claim"])) == ("Syrian Democratic Forces", True)
    assert rows["article_event_key"].nunique() == 1


def test_the_state_news_agency_is_the_one_of_the_event_country():
    articles = pd.DataFrame([
        ("s1", "A car bomb killed six soldiers in Homs on Friday, the state news agency reported.", "2019-05-04"),
        ("s2", "A car bomb killed six soldiers in Mosul on Friday, the state news agency reported.", "2019-05-04"),
        ("s3", "A car bomb killed six soldiers on Friday, the state news agency reported.", "2019-05-04"),
    ], columns=["article_id", "text", "published"])
    rows = annotate_articles(articles)
    assert list(rows["figure_source"]) == ["SANA", "Iraqi News Agency", "state news agency"]
    assert set(rows["source_type"]) == {"government"}


def test_generic_attackers_tied_to_a_group_only_believed_responsible_stay_suspected():
    text = ("Gunmen opened fire on a police checkpoint outside the town on Monday, killing four officers, "
            "a local official said. The attackers are believed to belong to a jihadist militia, "
            "the Islamic State group, which has been active in the hills.")
    articles = pd.DataFrame([{"article_id": "susp", "text": text, "published": "2024-05-08", "title": None}])
    row = annotate_articles(articles).iloc[0]
    assert row["killed"] == 4 and row["perpetrator"] == "Islamic State"
    assert bool(row["is_attribution_suspected"])



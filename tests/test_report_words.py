"""What two reports' words share (helpers.report_words), on sentences written for these tests."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import linkage, report_words
from helpers.reconcile import type_mentions
from helpers.schemas import MENTIONS_COLUMNS


def test_distinctive_words_keep_names_and_drop_what_every_report_says():
    texts = pd.Series({
        "R1": "Gunmen killed 14 villagers in Kolondieba on Tuesday, the mayor said.",
        "R2": "Fourteen villagers were killed when gunmen stormed Kolondieba, a local official said.",
        "R3": "Gunmen killed five soldiers at a checkpoint near Tessalit, the army said.",
        "R4": "Gunmen killed two traders on the road to Menaka, residents said.",
    })
    words = report_words.distinctive_words(texts, top=2)
    # the village and the victims two reports share outweigh "gunmen", "killed" and "said", which every text has
    assert words["R1"] == words["R2"] == ["kolondieba", "villagers"]
    # a word found in one text only cannot be shared and is left out; what is left are the common words
    assert "tessalit" not in words["R3"] and set(words["R3"]) <= {"gunmen", "killed", "said"}
    assert "menaka" not in words["R4"]


def test_a_text_of_stop_words_only_or_an_empty_text_has_no_words():
    words = report_words.distinctive_words(pd.Series({"R1": "", "R2": "it was there"}), top=5)
    assert words.tolist() == [None, None]
    with pytest.raises(ValueError, match="top"):
        report_words.distinctive_words(pd.Series({"R1": "a"}), top=0)


def _mentions() -> pd.DataFrame:
    mentions = pd.DataFrame({column: [pd.NA] * 3 for column in MENTIONS_COLUMNS}).astype("string")
    mentions["mention_id"] = ["m1", "m2", "m3"]
    mentions["article_id"] = ["a", "a", "b"]
    mentions["article_event_key"] = ["e1", "e2", "e1"]
    mentions["role"] = ["main", "background", "main"]
    mentions["evidence"] = ["Twelve guards died when rebels raided the Ndoko mine.",
                            "Last year an ambush near Bakola left three dead.",
                            "Rebels raided the Ndoko gold mine overnight, killing twelve guards."]
    return mentions


def test_a_report_text_takes_the_title_only_for_the_articles_main_attack():
    articles = pd.DataFrame({"article_id": ["a", "b"], "title": ["Raid on Ndoko mine", "Mine raid"]})
    typed = type_mentions(_mentions(), articles)
    reports, report_ids = linkage.build_reports(typed)
    texts = report_words.report_texts(typed, report_ids)
    assert "Raid on Ndoko mine" in texts["R0000000"]
    assert "Raid on Ndoko mine" not in texts["R0000001"] and "Bakola" in texts["R0000001"]


def test_reports_carry_words_only_when_asked_and_the_two_reports_of_one_raid_share_them():
    typed = type_mentions(_mentions(), pd.DataFrame({"article_id": ["a", "b"]}))
    reports, _ = linkage.build_reports(typed)
    assert reports["words"].isna().all()
    reports, _ = linkage.build_reports(typed, words_top=5)
    main_a, background_a, main_b = reports["words"].tolist()
    assert {"ndoko", "guards"} <= set(main_a) & set(main_b)
    assert not {"ndoko", "guards"} & set(background_a or [])


def test_words_are_computed_up_to_the_settings_size_only():
    settings = {"words": {"top": 12, "max_mentions": 100}}
    assert linkage.words_top(settings, 100) == 12
    assert linkage.words_top(settings, 101) is None
    assert linkage.words_top({}, 5) is None


def test_a_generic_attacker_is_no_evidence_against_a_named_group():
    mentions = _mentions()
    mentions["perpetrator"] = ["Unidentified armed group", "Allied Democratic Forces", "Unidentified armed group;Allied Democratic Forces"]
    mentions["target"] = ["Police", "Civilians", pd.NA]
    reports, _ = linkage.build_reports(type_mentions(mentions, pd.DataFrame({"article_id": ["a", "b"]})))
    assert pd.isna(reports.loc[0, "perpetrator_key"]) and reports.loc[0, "perpetrator_set"] is None
    assert pd.isna(reports.loc[0, "target_key"])
    assert reports.loc[2, "perpetrator_key"] == "Allied Democratic Forces"
    assert reports.loc[1, "target_key"] == "Civilians"


def test_u_from_the_collection_follows_how_often_its_pairs_agree():
    settings = {"u_from_collection_prior_pairs": 100, "comparisons": [{"output_column_name": "perpetrator", "levels": [
        {"is_null": True, "label": "unknown"},
        {"label": "same", "m": 0.5, "u": 0.02},
        {"label": "different", "m": 0.5, "u": 0.98}]}]}
    # a folder about one conflict: all 900 pairs name the same group
    pairs = pd.DataFrame({"gamma_perpetrator": [1] * 900})
    labels = {"perpetrator": {-1: "unknown", 1: "same", 0: "different"}}
    adjusted = linkage.u_from_collection(settings, pairs, labels)
    same, different = adjusted["comparisons"][0]["levels"][1:]
    assert same["u"] == pytest.approx((900 + 100 * 0.02) / 1000)
    assert different["u"] == pytest.approx(100 * 0.98 / 1000)
    assert settings["comparisons"][0]["levels"][1]["u"] == 0.02  # the settings passed in are left as they were


def _one_comparison_settings(**options) -> dict:
    return {"u_from_collection_prior_pairs": 100, "probability_two_random_records_match": 0.1, **options,
            "comparisons": [{"output_column_name": "perpetrator", "levels": [
                {"is_null": True, "label": "unknown"},
                {"label": "same", "m": 0.9, "u": 0.02},
                {"label": "different", "m": 0.1, "u": 0.98}]}]}


def test_u_from_the_collection_is_a_share_of_the_pairs_whose_values_are_known():
    labels = {"perpetrator": {-1: "unknown", 1: "same", 0: "different"}}
    # 100 pairs name a perpetrator on both sides, all the same one; 900 lack one on a side
    pairs = pd.DataFrame({"gamma_perpetrator": [1] * 100 + [-1] * 900})
    same, different = linkage.u_from_collection(_one_comparison_settings(), pairs, labels)["comparisons"][0]["levels"][1:]
    assert same["u"] == pytest.approx((100 + 100 * 0.02) / 200)
    assert different["u"] == pytest.approx(100 * 0.98 / 200)


def test_u_from_the_collection_weighs_out_the_pairs_that_are_likely_one_attack():
    labels = {"perpetrator": {-1: "unknown", 1: "same", 0: "different"}}
    pairs = pd.DataFrame({"gamma_perpetrator": [1] * 300 + [0] * 700})
    counted_in_full = linkage.u_from_collection(_one_comparison_settings(), pairs, labels)
    estimated = linkage.u_from_collection(_one_comparison_settings(u_from_collection_rounds=5), pairs, labels)
    in_full = counted_in_full["comparisons"][0]["levels"][1]["u"]
    weighed = estimated["comparisons"][0]["levels"][1]["u"]
    assert in_full == pytest.approx((300 + 2) / 1100)
    # agreeing pairs are more likely one attack, so they count for less among different attacks
    assert 0.02 < weighed < in_full
    levels = estimated["comparisons"][0]["levels"][1:]
    assert sum(level["u"] for level in levels) == pytest.approx(1.0)
    assert all("_stated_u" not in level for level in levels)


def test_words_can_leave_out_the_reports_own_place_and_actor_names():
    mentions = _mentions()
    mentions["place"] = ["Ndoko", pd.NA, "Ndoko"]
    mentions["perpetrator"] = ["Rebels", pd.NA, "Rebels"]
    typed = type_mentions(mentions, pd.DataFrame({"article_id": ["a", "b"]}))
    _, report_ids = linkage.build_reports(typed)
    names = report_words.report_names(typed, report_ids)
    assert {"ndoko", "rebels"} <= names.iloc[0] and not names.iloc[1]
    kept = report_words.report_words(typed, report_ids, top=5)
    left_out = report_words.report_words(typed, report_ids, top=5, without_names=True)
    assert "ndoko" in kept.iloc[0] and "ndoko" not in left_out.iloc[0]
    assert "guards" in left_out.iloc[0] and "guards" in left_out.iloc[2]  # what else the two reports share stays
    settings = {"words": {"without_names": True}}
    assert linkage.words_without_names(settings) and not linkage.words_without_names({})

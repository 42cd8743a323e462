"""Linkage helpers: typing of dates and places, reports, settings, Splink scoring and the constrained grouping."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers import event_clustering, linkage, linkage_dates


def _days(iso: str) -> int:
    return linkage_dates.iso_to_days(pd.Timestamp(iso).date())


def test_date_bounds_widen_months_and_years_and_ignore_unknown_precision():
    start = pd.Series(["2022-03-14", "2022-02", "2021", "2022-03-14", None], dtype="string")
    end = pd.Series([None, None, None, "2022-03-20", None], dtype="string")
    precision = pd.Series(["day", "month", "year", "unknown", "unknown"], dtype="string")
    lo, hi = linkage_dates.parse_date_bounds(start, end, precision)
    assert list(lo[:3]) == [_days("2022-03-14"), _days("2022-02-01"), _days("2021-01-01")]
    assert list(hi[:3]) == [_days("2022-03-14"), _days("2022-02-28"), _days("2021-12-31")]
    assert lo[3:].isna().all() and hi[3:].isna().all()


def test_calendar_month_and_weekday_come_from_the_interval_or_the_words():
    lo = pd.Series([_days("2022-03-14"), pd.NA, pd.NA, pd.NA], dtype="Int64")
    hi = lo.copy()
    text = pd.Series(["on Monday", "Early in October", "Friday night", "you may recall"], dtype="string")
    assert list(linkage_dates.calendar_month_of(lo, hi, text).astype(object).where(lambda s: s.notna(), None)) == [3, 10, None, None]
    weekday = linkage_dates.weekday_of(lo, hi, text).astype(object).where(lambda s: s.notna(), None)
    assert list(weekday) == [0, None, 4, None]  # 2022-03-14 was a Monday


def test_relative_dates_are_those_counted_back_from_publication():
    lo = pd.Series([_days("2022-03-13"), _days("2022-03-13"), _days("2022-01-02")], dtype="Int64")
    published = pd.Series([_days("2022-03-15")] * 3, dtype="Int64")
    text = pd.Series(["late last Sunday", "on March 13", "on Sunday"], dtype="string")
    assert list(linkage_dates.is_relative_date(lo, lo, published, text)) == [True, False, False]


@pytest.mark.parametrize("left, right", [
    ("Deir ez-Zor", "Deir Ezzor"), ("Deir ez-Zor", "Deir el-Zour"), ("Mayadeen", "Mayadin"),
    ("Abu Kamal", "Abou Kamal"), ("Al-Bab", "al Bab"), ("Ar Raqqah", "Ar-Raqqah"), ("Raqqa", "Raqa"),
])
def test_transliterations_share_a_place_key(left, right):
    assert linkage.normalise_place(left) == linkage.normalise_place(right)


def test_different_places_keep_different_keys():
    assert linkage.normalise_place("Homs") != linkage.normalise_place("Hama")
    assert linkage.normalise_place("Idlib") != linkage.normalise_place("Daraa")
    assert pd.isna(linkage.normalise_place(" "))


def test_settings_file_states_a_reason_for_every_probability(tmp_path):
    settings = linkage.load_settings()
    for comparison in settings["comparisons"]:
        for level in comparison["levels"]:
            assert level["reason"]
    broken = tmp_path / "s.yaml"
    broken.write_text(linkage.LINKAGE_SETTINGS_PATH.read_text().replace("reason: Unknown is not evidence.", "reason: ''", 1))
    with pytest.raises(ValueError, match="has no reason"):
        linkage.load_settings(broken)


def test_splink_settings_carry_the_stated_priors():
    settings = linkage.load_settings()
    splink_dict = linkage.splink_settings_dict(settings)
    assert splink_dict["probability_two_random_records_match"] == settings["probability_two_random_records_match"]
    killed = next(c for c in splink_dict["comparisons"] if c["output_column_name"] == "killed")
    stated = next(c for c in settings["comparisons"] if c["output_column_name"] == "killed")
    assert [level.get("m_probability") for level in killed["comparison_levels"][1:]] == [level["m"] for level in stated["levels"][1:]]


def _reports(rows: list[dict]) -> pd.DataFrame:
    base = {column: None for column in linkage.REPORT_COLUMNS}
    frame = pd.DataFrame([{**base, **row} for row in rows])
    frame["latitude"] = frame["latitude"].astype("Float64")
    frame["longitude"] = frame["longitude"].astype("Float64")
    return frame


def test_grouping_refuses_a_chain_across_years_and_keeps_one_article_apart():
    reports = _reports([
        {"report_id": "R1", "article_id": "a", "date_lo": 0, "date_hi": 0},
        {"report_id": "R2", "article_id": "b", "date_lo": None, "date_hi": None},
        {"report_id": "R3", "article_id": "c", "date_lo": 1000, "date_hi": 1000},
        {"report_id": "R4", "article_id": "a", "date_lo": 0, "date_hi": 0},
    ])
    pairs = pd.DataFrame({
        "report_id_l": ["R1", "R2", "R1", "R2"], "report_id_r": ["R2", "R3", "R4", "R4"],
        "match_weight": [10.0, 9.0, 12.0, 8.0], "match_probability": [0.99, 0.98, 0.999, 0.97],
    })
    clusters = event_clustering.cluster_reports(reports, pairs, threshold=0.9, max_date_gap_days=180, max_distance_km=250)
    assert clusters["R1"] == clusters["R2"]  # best pair first
    assert clusters["R3"] != clusters["R1"]  # 1000 days from R1
    assert clusters["R4"] != clusters["R1"]  # same article as R1


def test_grouping_by_mean_weight_lets_one_strong_pair_beat_many_weak_ones_with_a_large_cluster():
    # An undated report U pairs strongly with A (its own attack) and weakly with each of four reports of a
    # neighbouring attack a hundred days later; their sum outweighs the strong pair, their mean does not.
    rows = [{"report_id": "U", "article_id": "u"}, {"report_id": "A", "article_id": "a", "date_lo": 0, "date_hi": 0}]
    rows += [{"report_id": f"B{n}", "article_id": f"b{n}", "date_lo": 100, "date_hi": 100} for n in range(4)]
    reports = _reports(rows)
    others = [f"B{n}" for n in range(4)]
    between = [(a, b) for i, a in enumerate(others) for b in others[i + 1:]]
    pairs = pd.DataFrame({
        "report_id_l": ["U", *["U"] * 4, *[a for a, _ in between]],
        "report_id_r": ["A", *others, *[b for _, b in between]],
        "match_probability": [0.998, *[0.95] * 4, *[0.9999] * len(between)],
    })
    pairs["match_weight"] = np.log2(pairs["match_probability"] / (1 - pairs["match_probability"]))
    options = {"threshold": 0.5, "max_date_gap_days": 3, "max_relative_date_gap_days": 31, "max_distance_km": 250}
    by_sum = event_clustering.cluster_reports(reports, pairs, **options, join_order="sum")
    assert by_sum["U"] == by_sum["B0"] != by_sum["A"]
    by_mean = event_clustering.cluster_reports(reports, pairs, **options, join_order="mean")
    assert by_mean["U"] == by_mean["A"]
    assert by_mean["B0"] == by_mean["B1"] == by_mean["B2"] == by_mean["B3"] != by_mean["A"]
    with pytest.raises(ValueError, match="join_order"):
        event_clustering.cluster_reports(reports, pairs, **options, join_order="largest")


def test_grouping_applies_manual_merges_and_splits():
    reports = _reports([
        {"report_id": "R1", "article_id": "a"}, {"report_id": "R2", "article_id": "b"}, {"report_id": "R3", "article_id": "c"},
    ])
    pairs = pd.DataFrame({"report_id_l": ["R1"], "report_id_r": ["R2"], "match_weight": [9.0], "match_probability": [0.99]})
    clusters = event_clustering.cluster_reports(reports, pairs, threshold=0.9, max_date_gap_days=180, max_distance_km=250,
                                       merges=[("R1", "R3")], splits=[("R2", "R3")])
    assert clusters["R1"] == clusters["R3"] != clusters["R2"]


def test_grouping_measures_distance_over_every_point_a_group_gathered():
    # R1 and R2 (about 330 km apart) are merged by hand; R3, 55 km from R1 but 280 km from R2, must stay apart.
    reports = _reports([
        {"report_id": "R1", "article_id": "a", "latitude": 0.0, "longitude": 0.0},
        {"report_id": "R2", "article_id": "b", "latitude": 0.0, "longitude": 3.0},
        {"report_id": "R3", "article_id": "c", "latitude": 0.0, "longitude": 0.5},
    ])
    pairs = pd.DataFrame({"report_id_l": ["R1"], "report_id_r": ["R3"], "match_weight": [9.0], "match_probability": [0.99]})
    kept_apart = event_clustering.cluster_reports(reports, pairs, threshold=0.9, max_date_gap_days=180, max_distance_km=250,
                                         merges=[("R1", "R2")])
    assert kept_apart["R1"] == kept_apart["R2"] != kept_apart["R3"]
    joined = event_clustering.cluster_reports(reports, pairs, threshold=0.9, max_date_gap_days=180, max_distance_km=250)
    assert joined["R1"] == joined["R3"]


def test_map_distinct_calls_the_function_once_per_distinct_value_and_keeps_the_order():
    calls = []

    def shout(value):
        calls.append(value)
        return pd.NA if value is pd.NA else str(value).upper()

    values = pd.Series(["raqqa", pd.NA, "homs", "raqqa", "homs", pd.NA], index=[5, 4, 3, 2, 1, 0], dtype="string")
    result = linkage_dates.map_distinct(values, shout)
    assert result.index.tolist() == [5, 4, 3, 2, 1, 0]
    assert result.tolist()[:5] == ["RAQQA", pd.NA, "HOMS", "RAQQA", "HOMS"] and result.iloc[5] is pd.NA
    assert sorted(calls, key=str) == sorted(["raqqa", "homs", pd.NA], key=str)


def test_reports_union_the_names_their_mentions_give():
    from helpers.reconcile import type_mentions
    from helpers.schemas import MENTIONS_COLUMNS

    mentions = pd.DataFrame({column: [pd.NA] * 3 for column in MENTIONS_COLUMNS}).astype("string")
    mentions["mention_id"] = ["m1", "m2", "m3"]
    mentions["article_id"] = ["a", "a", "b"]
    mentions["article_event_key"] = ["e1", "e1", "e1"]
    mentions["perpetrator"] = ["Islamic State", "Syrian government forces; Islamic State", pd.NA]
    mentions["target"] = [" ;Civilians", pd.NA, pd.NA]
    mentions["admin1"] = ["Deir ez-Zor", "Homs;Deir Ezzor", pd.NA]
    reports, report_ids = linkage.build_reports(type_mentions(mentions, pd.DataFrame({"article_id": ["a", "b"]})))
    assert report_ids.tolist() == ["R0000000", "R0000000", "R0000001"]
    first, second = reports.iloc[0], reports.iloc[1]
    assert first["perpetrator_set"] == ["Islamic State", "Syrian government forces"]
    assert first["perpetrator_key"] == "Islamic State;Syrian government forces"
    assert first["target_set"] == ["Civilians"]
    assert first["admin1_key"] == ";".join(sorted({linkage.normalise_place("Homs"), linkage.normalise_place("Deir ez-Zor")}))
    assert second["perpetrator_set"] is None and pd.isna(second["perpetrator_key"])


def test_scoring_in_chunks_gives_the_same_pairs_and_count(monkeypatch):
    from helpers.reconcile import type_mentions
    from helpers.synthetic import make_mentions

    mentions, articles = make_mentions(300, seed=7)
    reports, _ = linkage.build_reports(type_mentions(mentions, articles))
    settings = linkage.load_settings()
    whole, _, n_whole = linkage.score_pairs(reports, settings, explain=True)
    monkeypatch.setattr(linkage, "PREDICT_CHUNK_REPORTS", 40)  # several chunks of reports on each side
    chunked, _, n_chunked = linkage.score_pairs(reports, settings, explain=True)
    assert len(reports) > 3 * 40 and n_whole == len(whole) > 0
    assert n_chunked == n_whole
    pd.testing.assert_frame_equal(chunked, whole)
    assert (whole["report_id_l"] < whole["report_id_r"]).all()


def test_the_prior_of_a_large_corpus_is_the_share_of_compared_pairs_that_can_match():
    settings = {"probability_two_random_records_match": 0.05, "reports_per_attack": 2.5}
    # 100,000 reports of attacks told 2.5 times hold 75,000 matching pairs; among 7.5M compared pairs, 1 in 100
    assert linkage.compared_pair_prior(settings, 100_000, 7_500_000) == pytest.approx(0.01)
    # a small folder compares few pairs: the stated prior, never more
    assert linkage.compared_pair_prior(settings, 40, 100) == 0.05
    assert linkage.compared_pair_prior(settings, 40, 0) == 0.05


def test_the_estimated_prior_shifts_every_weight_by_the_same_amount(monkeypatch):
    from helpers.reconcile import type_mentions
    from helpers.synthetic import make_mentions

    mentions, articles = make_mentions(300, seed=7)
    reports, _ = linkage.build_reports(type_mentions(mentions, articles))
    settings = linkage.load_settings()
    settings["compare_all_pairs_max_reports"] = 0  # the pairs blocking finds, as in a collection too large for all
    stated, model, n_compared = linkage.score_pairs(reports, settings)
    assert len(reports) < settings["min_reports_to_train"]  # a small corpus keeps the stated prior
    assert model["probability_two_random_records_match"] == settings["probability_two_random_records_match"]
    settings["min_reports_to_train"] = 10
    settings["u_from_collection_sample_reports"] = None  # u stays as stated: only the prior moves
    settings["reports_per_attack"] = 1.01  # so that this small corpus's estimate falls below the stated prior
    settings["clustering"]["min_pair_probability"] = None
    stated, _, _ = linkage.score_pairs(reports, {**settings, "prior_from_compared_pairs": False})
    shifted, model, _ = linkage.score_pairs(reports, settings)
    prior = model["probability_two_random_records_match"]
    assert prior == pytest.approx(len(reports) * 0.01 / 2 / n_compared) and prior < 0.05
    expected = event_clustering.log_odds(np.array([prior]))[0] - event_clustering.log_odds(np.array([0.05]))[0]
    assert len(shifted) == len(stated) > 0
    assert (shifted["match_weight"] - stated["match_weight"]).to_numpy() == pytest.approx(expected)
    assert (shifted["match_probability"] < stated["match_probability"]).all()


def _level_u(model: dict, comparison: str, label: str) -> float:
    """The u probability of one level of a Splink settings dictionary."""
    found = next(c for c in model["comparisons"] if c["output_column_name"] == comparison)
    return next(level["u_probability"] for level in found["comparison_levels"] if level.get("label_for_charts") == label)


def test_a_large_collection_counts_u_on_the_pairs_of_one_country_among_a_sample_of_its_reports():
    from helpers.reconcile import type_mentions
    from helpers.synthetic import make_mentions

    mentions, articles = make_mentions(300, seed=7)
    reports, _ = linkage.build_reports(type_mentions(mentions, articles))
    settings = linkage.load_settings()
    settings["compare_all_pairs_max_reports"] = 0  # the blocked path of a collection too large to compare in full
    learned = next(level["u"] for c in settings["comparisons"] if c["output_column_name"] == "target"
                   for level in c["levels"] if level.get("label") == "same target")
    _, model, _ = linkage.score_pairs(reports, settings)
    assert len(reports) < settings["min_reports_to_train"]  # a small blocked collection keeps the learned u
    assert _level_u(model, "target", "same target") == pytest.approx(learned)

    settings["min_reports_to_train"] = 10
    settings["u_from_collection_sample_reports"] = 60
    _, model, _ = linkage.score_pairs(reports, settings)
    # counted by hand: pairs of sampled reports from different articles that name the same target(s)
    sample = reports.iloc[linkage._sample_positions(len(reports), 60, 42)]
    pairs = sample.merge(sample, how="cross", suffixes=("_l", "_r"))
    pairs = pairs[pairs["report_id_l"] < pairs["report_id_r"]]
    pairs = pairs[pairs["article_id_l"] != pairs["article_id_r"]]
    pairs = pairs[(pairs["country_key_l"] == pairs["country_key_r"]).fillna(False)]  # the sample rule: one country
    # u is a share among the pairs whose two reports both name a target, every pair counted in full
    known = pairs[pairs["target_key_l"].notna() & pairs["target_key_r"].notna()]
    same = (known["target_key_l"] == known["target_key_r"]).sum()
    k = settings["u_from_collection_prior_pairs"]
    assert same > 0
    assert _level_u(model, "target", "same target") == pytest.approx((same + k * learned) / (len(known) + k))


def test_a_sample_of_positions_is_distinct_sorted_and_repeatable():
    drawn = linkage._sample_positions(1000, 50, 42)
    assert len(set(drawn.tolist())) == 50 and (np.diff(drawn) > 0).all() and drawn.max() < 1000
    assert (drawn == linkage._sample_positions(1000, 50, 42)).all()
    assert linkage._sample_positions(30, 50, 42).tolist() == list(range(30))


def test_pairs_counted_by_rule_add_up_to_the_pairs_scored():
    from helpers.reconcile import type_mentions
    from helpers.synthetic import make_mentions

    mentions, articles = make_mentions(300, seed=7)
    reports, _ = linkage.build_reports(type_mentions(mentions, articles))
    settings = linkage.load_settings()
    settings["compare_all_pairs_max_reports"] = 0  # blocking, as in a collection too large to compare every pair
    counts = linkage.count_pairs_by_rule(reports, settings)
    _, _, n_compared = linkage.score_pairs(reports, settings)
    assert counts["rule"].tolist() == [rule["sql"] for rule in settings["blocking_rules"]]
    assert counts["marginal_pairs"].sum() == counts["cumulative_pairs"].iloc[-1] == n_compared > 0
    assert (counts["cumulative_pairs"].diff().dropna() == counts["marginal_pairs"].iloc[1:].to_numpy()).all()


def test_decisions_that_merge_and_split_the_same_pair_are_refused(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("decision,mention_id,other_mention_id,reason\nmerge,x,y,one\nsplit,y,x,two\n")
    with pytest.raises(ValueError, match="both merged and split"):
        linkage.read_decisions(path)


def test_repository_decisions_file_is_valid():
    decisions = linkage.read_decisions()
    assert list(decisions.columns) == linkage.DECISIONS_COLUMNS


def test_grouping_does_not_chain_two_attacks_through_a_report_that_matches_both():
    # R2 (undated, a background mention) scores above the threshold with R1 and with R3, but R1 and R3 (two
    # attacks a day apart, so no date rule forbids them) score far below it: connected components would make
    # one event of the three; the grouping gives R2 to the attack it agrees with more and keeps R3 apart.
    reports = _reports([
        {"report_id": "R1", "article_id": "a", "date_lo": 10, "date_hi": 10},
        {"report_id": "R2", "article_id": "b"},
        {"report_id": "R3", "article_id": "c", "date_lo": 11, "date_hi": 11},
    ])
    pairs = pd.DataFrame({
        "report_id_l": ["R1", "R2", "R1"], "report_id_r": ["R2", "R3", "R3"],
        "match_weight": [8.0, 5.0, -12.0], "match_probability": [0.996, 0.97, 0.0002],
    })
    clusters = event_clustering.cluster_reports(reports, pairs, threshold=0.9, max_date_gap_days=3, max_distance_km=250)
    assert clusters["R1"] == clusters["R2"] != clusters["R3"]
    # with R1-R3 only a little below the threshold, what joins R2 to R3 outweighs it: one attack
    weak = pairs.assign(match_probability=[0.996, 0.97, 0.85])
    together = event_clustering.cluster_reports(reports, weak, threshold=0.9, max_date_gap_days=3, max_distance_km=250)
    assert together.nunique() == 1


def test_grouping_keeps_dates_beyond_their_precision_apart_but_allows_a_relative_date_some_slack():
    reports = _reports([
        {"report_id": "R1", "article_id": "a", "date_lo": 100, "date_hi": 100},
        {"report_id": "R2", "article_id": "b", "date_lo": 110, "date_hi": 110, "date_is_relative": False},
        {"report_id": "R3", "article_id": "c", "date_lo": 120, "date_hi": 120, "date_is_relative": True},
    ])
    reports["date_is_relative"] = reports["date_is_relative"].fillna(False).astype(bool)
    pairs = pd.DataFrame({"report_id_l": ["R1", "R1"], "report_id_r": ["R2", "R3"],
                          "match_weight": [9.0, 9.0], "match_probability": [0.99, 0.99]})
    clusters = event_clustering.cluster_reports(reports, pairs, threshold=0.9, max_date_gap_days=3,
                                       max_relative_date_gap_days=31, max_distance_km=250)
    assert clusters["R1"] != clusters["R2"]  # ten days apart, both firm dates
    assert clusters["R1"] == clusters["R3"]  # twenty days, but R3's date was counted back from a publication date


def test_a_weak_date_that_conflicts_costs_confidence_but_two_firm_days_stay_apart():
    # R1 and R2 give firm days ten days apart; R3's "in March" is a whole month that ends twelve days before R1's
    # day, and R4's "last week" is a week-wide interval eighteen days after it. A week or a month is often placed
    # in the wrong one, so only the two firm days are a cannot-link; the weak ones join what their pairs favour.
    reports = _reports([
        {"report_id": "R1", "article_id": "a", "date_lo": 100, "date_hi": 100},
        {"report_id": "R2", "article_id": "b", "date_lo": 110, "date_hi": 110},
        {"report_id": "R3", "article_id": "c", "date_lo": 57, "date_hi": 88},
        {"report_id": "R4", "article_id": "d", "date_lo": 118, "date_hi": 124},
    ])
    reports["date_is_relative"] = False
    pairs = pd.DataFrame({"report_id_l": ["R1", "R1", "R2", "R1"], "report_id_r": ["R2", "R3", "R3", "R4"],
                          "match_weight": [9.0, 9.0, -9.0, 9.0], "match_probability": [0.99, 0.99, 0.002, 0.99]})
    clusters = event_clustering.cluster_reports(reports, pairs, threshold=0.5, max_date_gap_days=3,
                                       max_relative_date_gap_days=31, max_distance_km=250)
    assert clusters["R1"] != clusters["R2"]  # two firm days ten days apart
    assert clusters["R1"] == clusters["R3"] == clusters["R4"]  # weak dates: the strong pairs outweigh the conflict
    # beyond the slack for weak dates (here 10 days) a weak date is kept apart too
    clusters = event_clustering.cluster_reports(reports, pairs, threshold=0.5, max_date_gap_days=3,
                                       max_relative_date_gap_days=10, max_distance_km=250)
    assert clusters["R1"] != clusters["R3"] and clusters["R1"] != clusters["R4"]


def test_two_firm_days_are_a_cannot_link_at_one_place_and_a_strong_no_elsewhere_when_every_pair_is_scored():
    # R1 and R2 name the same village ten firm days apart: a village attacked again. R3 names another town with a
    # firm day ten days after R1's (a statement's day misread as the attack's): its strong pairs with R1 outweigh
    # the conflict. R4, at R1's village too, gives a firm day twelve days later and may not join R1+R3.
    reports = _reports([
        {"report_id": "R1", "article_id": "a", "date_lo": 100, "date_hi": 100, "place_key": "village"},
        {"report_id": "R2", "article_id": "b", "date_lo": 110, "date_hi": 110, "place_key": "village"},
        {"report_id": "R3", "article_id": "c", "date_lo": 110, "date_hi": 110, "place_key": "town"},
        {"report_id": "R4", "article_id": "d", "date_lo": 112, "date_hi": 112, "place_key": "village"},
    ])
    reports["date_is_relative"] = False
    pairs = pd.DataFrame({"report_id_l": ["R1", "R1", "R3"], "report_id_r": ["R2", "R3", "R4"],
                          "match_weight": [9.0, 9.0, 8.0], "match_probability": [0.99, 0.99, 0.98]})
    common = dict(threshold=0.5, max_date_gap_days=3, max_relative_date_gap_days=31, max_distance_km=250)
    by_place = event_clustering.cluster_reports(reports, pairs, firm_dates_by_place=True, **common)
    assert by_place["R1"] == by_place["R3"] != by_place["R2"]
    assert by_place["R4"] != by_place["R1"]  # the village's two firm days, joined through R3, still apart
    # without the rule (a blocked collection), every two firm days that conflict are kept apart
    anywhere = event_clustering.cluster_reports(reports, pairs, **common)
    assert anywhere["R3"] == anywhere["R4"] and anywhere.nunique() == 3  # R1, R2, R3 + R4 (two days apart)
    left, right = np.array([0, 0, 2]), np.array([1, 2, 3])
    apart = event_clustering.pair_cannot_link(reports, left, right, max_date_gap_days=3, max_relative_date_gap_days=31,
                                     max_distance_km=250, firm_dates_by_place=True)
    assert apart.tolist() == [True, False, False]


def test_firm_dates_are_kept_apart_by_place_only_when_every_pair_is_scored():
    settings = {"compare_all_pairs_max_reports": 100, "clustering": {"firm_dates_apart_only_at_one_place": True}}
    assert linkage.firm_dates_by_place(settings, 100)
    assert not linkage.firm_dates_by_place(settings, 101)
    assert not linkage.firm_dates_by_place({**settings, "clustering": {}}, 10)


def test_weak_dates_are_those_counted_back_or_wider_than_a_few_days():
    lo, hi = np.array([10.0, 10.0, 10.0, 10.0, np.nan]), np.array([10.0, 13.0, 16.0, 10.0, np.nan])
    relative = np.array([False, False, False, True, False])
    assert linkage_dates.weak_dates(lo, hi, relative).tolist() == [False, False, True, True, False]


def _cannot_link_reports() -> pd.DataFrame:
    """Nine reports: dates in days, one counted back from a publication date, one a whole month, one a week; points
    about 100 and 300 km apart."""
    return pd.DataFrame({
        "date_lo": pd.array([100, 105, 105, None, 100, 100, 100, 70, 120], dtype="Int64"),
        "date_hi": pd.array([100, 105, 105, None, 100, 100, 100, 95, 126], dtype="Int64"),
        "date_is_relative": [False, False, True, False, False, False, False, False, False],
        "latitude": pd.array([None, None, None, None, 35.0, 35.0, 35.0, None, None], dtype="Float64"),
        "longitude": pd.array([None, None, None, None, 38.0, 41.3, 39.1, None, None], dtype="Float64"),
    })


CANNOT_LINK_PAIRS = [(0, 1, True),   # two firm days five days apart: beyond max_date_gap_days
                     (0, 2, False),  # five days, one counted back from publication: within the relative slack
                     (0, 3, False),  # an unknown date conflicts with nothing
                     (4, 5, True),   # about 300 km apart
                     (4, 6, False),  # about 100 km apart
                     (0, 7, False),  # five days after the end of a month-wide date: weak, within the slack
                     (0, 8, True)]   # twenty days before a week-wide date: weak, but beyond the slack


def test_pairs_whose_own_reports_a_cannot_link_keeps_apart_are_found():
    reports = _cannot_link_reports()
    left, right, expected = (np.array(column) for column in zip(*CANNOT_LINK_PAIRS))
    apart = event_clustering.pair_cannot_link(reports, left, right, max_date_gap_days=3, max_relative_date_gap_days=7,
                                     max_distance_km=250)
    assert apart.tolist() == expected.tolist()


def test_the_sql_that_drops_cannot_link_pairs_before_scoring_drops_the_same_pairs():
    import duckdb
    import pyarrow as pa

    reports = _cannot_link_reports()
    connection = duckdb.connect()
    connection.register("reports", pa.table({
        "report_id": pa.array(range(len(reports)), pa.int64()),
        "date_lo": pa.array(reports["date_lo"].astype("float64").tolist(), pa.float64(), from_pandas=True),
        "date_hi": pa.array(reports["date_hi"].astype("float64").tolist(), pa.float64(), from_pandas=True),
        "date_is_relative": pa.array(reports["date_is_relative"].tolist(), pa.bool_()),
        "date_span": pa.array((reports["date_hi"] - reports["date_lo"]).astype("float64").tolist(), pa.float64(),
                              from_pandas=True),
        "latitude": pa.array(reports["latitude"].astype("float64").tolist(), pa.float64(), from_pandas=True),
        "longitude": pa.array(reports["longitude"].astype("float64").tolist(), pa.float64(), from_pandas=True)}))
    connection.execute("CREATE TABLE blocked (match_key VARCHAR, join_key_l BIGINT, join_key_r BIGINT)")
    connection.executemany("INSERT INTO blocked VALUES ('0', ?, ?)", [[l, r] for l, r, _ in CANNOT_LINK_PAIRS])
    clustering = {"max_date_gap_days": 3, "max_relative_date_gap_days": 7, "max_distance_km": 250}
    connection.execute(linkage._delete_cannot_link_sql("blocked", clustering))
    kept = sorted(map(tuple, connection.sql("SELECT join_key_l, join_key_r FROM blocked").fetchall()))
    assert kept == sorted((l, r) for l, r, apart in CANNOT_LINK_PAIRS if not apart)


def test_grouping_is_the_same_whether_or_not_cannot_link_pairs_were_scored():
    # Reports 0 and 1 are five firm days apart: their strong pair can never join them, so leaving it out
    # (as scoring does when it drops such pairs) changes nothing.
    reports = _cannot_link_reports()
    reports = reports.assign(report_id=[f"R{i}" for i in range(len(reports))],
                             article_id=[f"a{i}" for i in range(len(reports))])
    left, right = np.array([0, 0, 1, 4, 4]), np.array([1, 2, 2, 5, 6])
    probability = np.array([0.999, 0.95, 0.95, 0.999, 0.97])
    common = dict(threshold=0.9, max_date_gap_days=3, max_relative_date_gap_days=7, max_distance_km=250)
    every = event_clustering.cluster_reports(reports, pd.DataFrame(), scored=(left, right, probability), **common)
    keep = ~event_clustering.pair_cannot_link(reports, left, right, max_date_gap_days=3, max_relative_date_gap_days=7,
                                     max_distance_km=250)
    dropped = event_clustering.cluster_reports(reports, pd.DataFrame(), scored=(left[keep], right[keep], probability[keep]),
                                      **common)
    assert every.to_dict() == dropped.to_dict()
    assert every["R0"] != every["R1"] and every["R4"] != every["R5"] and every["R4"] == every["R6"]


def test_the_threshold_is_the_collections_own_when_every_pair_is_compared():
    settings = {"match_threshold": 0.5, "blocked_match_threshold": 0.9, "compare_all_pairs_max_reports": 100}
    assert linkage.match_threshold(settings, 100) == 0.5
    assert linkage.match_threshold(settings, 101) == 0.9
    assert linkage.match_threshold({"match_threshold": 0.7}, 10) == 0.7  # nothing compared in full, no blocked one


def test_an_undated_report_joins_its_dated_siblings_cluster_when_other_articles_outweigh_the_split():
    # article a's lede is dated (R1); its later toll has no date (R2), so the annotator kept it apart. Article b
    # tells the same attack (R3), dated, and agrees with both.
    reports = _reports([
        {"report_id": "R1", "article_id": "a", "date_lo": 100, "date_hi": 100},
        {"report_id": "R2", "article_id": "a", "date_lo": None, "date_hi": None},
        {"report_id": "R3", "article_id": "b", "date_lo": 100, "date_hi": 100},
    ])
    pairs = pd.DataFrame({"report_id_l": ["R1", "R2"], "report_id_r": ["R3", "R3"],
                          "match_weight": [12.0, 9.0], "match_probability": [0.999, 0.99]})
    clusters = event_clustering.cluster_reports(reports, pairs, threshold=0.5, max_date_gap_days=3, max_distance_km=250)
    assert clusters["R1"] == clusters["R2"] == clusters["R3"]
    # two dated reports of one article are two attacks the annotator told apart: never joined
    dated = reports.assign(date_lo=[100, 100, 100], date_hi=[100, 100, 100])
    clusters = event_clustering.cluster_reports(dated, pairs, threshold=0.5, max_date_gap_days=3, max_distance_km=250)
    assert clusters["R1"] == clusters["R3"] != clusters["R2"]
    # nor does the undated one join when the other articles do not outweigh the split
    weak = pairs.assign(match_probability=[0.999, 0.2])
    clusters = event_clustering.cluster_reports(reports, weak, threshold=0.5, max_date_gap_days=3, max_distance_km=250)
    assert clusters["R1"] == clusters["R3"] != clusters["R2"]


def test_a_vague_place_agrees_on_a_shared_province_or_country_and_says_nothing_otherwise():
    from helpers import linkage_training

    province, other = linkage.normalise_place("Homs"), linkage.normalise_place("Hama")
    reports = _reports([
        # a town in Homs province, and a report that says only "central Syria" but was put in Homs province
        {"report_id": "R1", "article_id": "a", "place_key": "town", "admin1_key": province, "admin1_set": [province],
         "country_key": "Syria", "is_vague_place": False},
        {"report_id": "R2", "article_id": "b", "admin1_key": province, "admin1_set": [province],
         "country_key": "Syria", "is_vague_place": True},
        # "central Syria" put in another province, and "the Sahel" put in another country
        {"report_id": "R3", "article_id": "c", "admin1_key": other, "admin1_set": [other], "country_key": "Syria",
         "is_vague_place": True},
        {"report_id": "R4", "article_id": "d", "admin1_key": "x", "admin1_set": ["x"], "country_key": "Mali",
         "is_vague_place": True},
    ])
    reports["is_vague_place"] = reports["is_vague_place"].astype(bool)
    pairs, labels = linkage_training.level_vectors(reports, linkage.load_settings())
    level = {(l, r): labels["place"].get(g, "null") for l, r, g in zip(pairs["report_id_l"], pairs["report_id_r"],
                                                                      pairs["gamma_place"])}
    assert level[("R1", "R2")] == "same province"
    assert level[("R1", "R4")] == level[("R2", "R4")] == "different countries"
    assert pairs.loc[(pairs["report_id_l"] == "R1") & (pairs["report_id_r"] == "R3"), "gamma_place"].item() == linkage.NULL_LEVEL


def _levels(reports: pd.DataFrame, comparison: str) -> dict[tuple[str, str], str]:
    from helpers import linkage_training

    pairs, labels = linkage_training.level_vectors(reports, linkage.load_settings())
    return {(l, r): labels[comparison].get(g, "null")
            for l, r, g in zip(pairs["report_id_l"], pairs["report_id_r"], pairs[f"gamma_{comparison}"])}


def test_a_place_name_key_two_places_share_yields_to_their_distance_on_the_map():
    # "Aqrah" and "Al Qayyarah" lose their vowels and article to one key, yet lie about 110 km apart
    assert linkage.normalise_place("Aqrah") == linkage.normalise_place("Al Qayyarah")
    key = linkage.normalise_place("Aqrah")
    reports = _reports([
        {"report_id": "R1", "article_id": "a", "place_key": key, "latitude": 36.74, "longitude": 43.89},
        {"report_id": "R2", "article_id": "b", "place_key": key, "latitude": 35.80, "longitude": 43.29},
        # the same town with its article, placed a kilometre away; and a report of it the gazetteer did not place
        {"report_id": "R3", "article_id": "c", "place_key": linkage.normalise_place("al-Aqrah"), "latitude": 36.745,
         "longitude": 43.90},
        {"report_id": "R4", "article_id": "d", "place_key": key},
    ])
    level = _levels(reports, "place")
    assert level[("R1", "R2")] == "places more than 60 km apart"
    assert level[("R1", "R3")] == "same place name"
    assert level[("R1", "R4")] == level[("R2", "R4")] == "same place name"  # no point on one side: the name decides


TWO_MONTHS_BEFORE = ("one report undated, the other's attack more than two months before the undated one was "
                     "published")


def test_an_undated_report_cannot_tell_an_attack_after_its_publication_and_seldom_one_months_before():
    day = 20_000
    reports = _reports([
        # an undated report in an article published on `day`
        {"report_id": "R1", "article_id": "a", "published_lo": day, "published_hi": day},
        {"report_id": "R2", "article_id": "b", "date_lo": day + 10, "date_hi": day + 10, "date_span": 0},
        {"report_id": "R3", "article_id": "c", "date_lo": day - 500, "date_hi": day - 500, "date_span": 0},
        {"report_id": "R4", "article_id": "d", "date_lo": day - 3, "date_hi": day - 3, "date_span": 0},
        # the next morning's date line is within the slack; an undated report of an article with no date is unbounded
        {"report_id": "R5", "article_id": "e", "date_lo": day + 1, "date_hi": day + 1, "date_span": 0},
        {"report_id": "R6", "article_id": "f"},
        # a month before the publication: a recalled attack, neither for nor against beyond the missing date
        {"report_id": "R7", "article_id": "g", "date_lo": day - 30, "date_hi": day - 30, "date_span": 0},
    ])
    for name in ["date_lo", "date_hi", "date_span", "published_lo", "published_hi"]:
        reports[name] = reports[name].astype("Int64")
    level = _levels(reports, "date")
    assert level[("R1", "R2")] == "one report undated, the other's attack after the undated one was published"
    assert level[("R1", "R3")] == TWO_MONTHS_BEFORE
    assert level[("R1", "R4")] == level[("R1", "R5")] == IN_THE_DAYS_BEFORE
    assert level[("R1", "R7")] == "unknown date on one side"
    assert level[("R2", "R6")] == level[("R3", "R6")] == "unknown date on one side"


IN_THE_DAYS_BEFORE = "one report undated, the other's attack in the days before the undated one was published"


def test_an_undated_report_fits_an_attack_of_the_week_before_its_publication_day_or_within_its_month():
    day = 20_000
    reports = _reports([
        # an attack six days before `day`; a week-wide date ending nine days before it; a day twelve days before it
        {"report_id": "D1", "article_id": "c", "date_lo": day - 6, "date_hi": day - 6, "date_span": 0},
        {"report_id": "D2", "article_id": "d", "date_lo": day - 15, "date_hi": day - 9, "date_span": 6},
        {"report_id": "D3", "article_id": "e", "date_lo": day - 12, "date_hi": day - 12, "date_span": 0},
        # an undated report of an article published on `day`, and one of an article known only to its month
        {"report_id": "U1", "article_id": "a", "published_lo": day, "published_hi": day},
        {"report_id": "U2", "article_id": "b", "published_lo": day - 20, "published_hi": day + 10},
    ])
    for name in ["date_lo", "date_hi", "date_span", "published_lo", "published_hi"]:
        reports[name] = reports[name].astype("Int64")
    level = _levels(reports, "date")
    assert level[("D1", "U1")] == level[("D1", "U2")] == IN_THE_DAYS_BEFORE
    assert level[("D2", "U1")] == level[("D3", "U1")] == "unknown date on one side"  # more than eight days before
    assert level[("D2", "U2")] == level[("D3", "U2")] == IN_THE_DAYS_BEFORE  # within the publication month
    assert level[("U1", "U2")] == "unknown date on one side"  # two undated reports: nothing to fit


def test_two_undated_reports_of_articles_published_years_apart_are_a_no_and_a_border_is_not_crossed():
    day = 20_000
    reports = _reports([
        {"report_id": "U1", "article_id": "a", "published_lo": day, "published_hi": day},
        {"report_id": "U2", "article_id": "b", "published_lo": day + 400, "published_hi": day + 400},
        {"report_id": "U3", "article_id": "c", "published_lo": day + 20, "published_hi": day + 20},
        {"report_id": "U4", "article_id": "d"},
    ])
    for name in ["date_lo", "date_hi", "date_span", "published_lo", "published_hi"]:
        reports[name] = reports[name].astype("Int64")
    level = _levels(reports, "date")
    assert level[("U1", "U2")] == "both reports undated, published more than a year apart"
    assert level[("U1", "U3")] == level[("U1", "U4")] == "unknown date on one side"  # weeks apart; no date at all
    assert level[("U2", "U3")] == "both reports undated, published more than a year apart"


def test_two_countries_each_with_a_province_are_a_stronger_no_than_a_country_alone():
    reports = _reports([
        {"report_id": "P1", "article_id": "a", "country_key": "Mali", "admin1_key": "mopt", "admin1_set": ["mopt"],
         "is_country_stated": True},
        {"report_id": "P2", "article_id": "b", "country_key": "Burkina Faso", "admin1_key": "shl", "admin1_set": ["shl"],
         "is_country_stated": True},
        {"report_id": "P3", "article_id": "c", "country_key": "Burkina Faso", "is_country_stated": True},
        {"report_id": "P4", "article_id": "d", "country_key": "Burkina Faso;Mali", "admin1_key": "mopt",
         "admin1_set": ["mopt"], "is_country_stated": True},
        # a town the gazetteer placed in a province of Niger; the text names neither the province nor the country
        {"report_id": "P5", "article_id": "e", "country_key": "Niger", "admin1_key": "tlbr", "admin1_set": ["tlbr"],
         "is_country_stated": False},
    ])
    reports["is_vague_place"] = False
    reports["is_country_stated"] = reports["is_country_stated"].astype(bool)
    level = _levels(reports, "place")
    assert level[("P1", "P2")] == "different countries, each placed in a province"
    assert level[("P1", "P3")] == "different countries"  # no province on one side: the country may be a guess
    assert level[("P2", "P4")] == "different countries"  # a report placed in two countries (a border attack)
    assert level[("P1", "P5")] == "different countries"  # a looked-up country: the weaker no


def test_a_different_country_that_was_only_looked_up_weighs_less_than_one_both_reports_state():
    place = next(c for c in linkage.load_settings(learned=False)["comparisons"] if c["output_column_name"] == "place")
    levels = {level.get("label"): level for level in place["levels"]}
    stated, looked_up = levels["different countries, each placed in a province"], levels["different countries"]
    assert stated["m"] / stated["u"] < looked_up["m"] / looked_up["u"] < 1


def test_a_stated_no_marked_to_keep_its_direction_never_becomes_a_yes_from_the_collection():
    labels = {"date": {0: "recalled", 1: "other"}}
    settings = {"u_from_collection_prior_pairs": 10, "comparisons": [{"output_column_name": "date", "levels": [
        {"label": "recalled", "m": 0.03, "u": 0.3, "keeps_direction": True},
        {"label": "other", "m": 0.97, "u": 0.7}]}]}
    pairs = pd.DataFrame({"gamma_date": [0] * 1 + [1] * 999})  # the level is rare among the collection's pairs
    recalled, other = linkage.u_from_collection(settings, pairs, labels)["comparisons"][0]["levels"]
    assert recalled["u"] == pytest.approx(0.03)  # its share (0.004) would have made it weigh for a match
    del settings["comparisons"][0]["levels"][0]["keeps_direction"]
    unmarked = linkage.u_from_collection(settings, pairs, labels)["comparisons"][0]["levels"][0]
    assert unmarked["u"] == pytest.approx((1 + 10 * 0.3) / 1010)


def test_the_shipped_undated_report_noes_cannot_turn_into_a_yes_from_the_collection():
    # a collection where two undated reports published years apart are rare among its pairs (most pairs are dated)
    settings = linkage.load_settings()
    date = next(c for c in settings["comparisons"] if c["output_column_name"] == "date")
    noes = [level for level in date["levels"] if level["label"].startswith(("one report undated", "both reports undated"))
            and float(level["m"]) < float(level["u"])]
    assert {level["label"] for level in noes} >= {"both reports undated, published more than a year apart"}
    labels = {"date": {index: level["label"] for index, level in enumerate(date["levels"])}}
    rare = {index: 1 for index, level in enumerate(date["levels"]) if level in noes}
    gamma = [value for value, count in rare.items() for _ in range(count)]
    other = next(index for index, level in enumerate(date["levels"]) if level["label"] == "unknown date on one side")
    pairs = pd.DataFrame({"gamma_date": gamma + [other] * 5000})
    estimated = linkage.u_from_collection({**settings, "comparisons": [date]}, pairs, labels)["comparisons"][0]
    for level in estimated["levels"]:
        if level["label"] in {item["label"] for item in noes}:
            assert float(level["m"]) <= float(level["u"]), level["label"]


def test_reports_carry_their_articles_publication_bounds_at_its_precision():
    from helpers.reconcile import type_mentions
    from helpers.schemas import MENTIONS_COLUMNS

    mentions = pd.DataFrame({column: [pd.NA] * 3 for column in MENTIONS_COLUMNS}).astype("string")
    mentions["mention_id"] = ["m1", "m2", "m3"]
    mentions["article_id"] = ["a", "b", "c"]
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "published": ["2008-09-07", "2008-09", pd.NA]})
    reports, _ = linkage.build_reports(type_mentions(mentions, articles))
    bounds = {row.article_id: (row.published_lo, row.published_hi) for row in reports.itertuples()}
    september_7 = linkage_dates.iso_to_days(__import__("datetime").date(2008, 9, 7))
    assert bounds["a"] == (september_7, september_7)
    assert bounds["b"] == (september_7 - 6, september_7 + 23)  # a month known only as "2008-09": the whole month
    assert pd.isna(bounds["c"][0]) and pd.isna(bounds["c"][1])


def _random_grouping_case(seed: int) -> tuple[pd.DataFrame, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Twelve reports of six articles with dates (firm, weak or none), places and points near one another, and
    pairs of random strength: small components that the cannot-links, negative pairs and sums all shape."""
    rng = np.random.default_rng(seed)
    n = 12
    dated = rng.random(n) < 0.7
    lo = np.where(dated, rng.integers(0, 12, n), -1)
    span = rng.choice([0, 0, 1, 7], n)
    rows = []
    for index in range(n):
        placed = rng.random() < 0.6
        rows.append({"report_id": f"R{index:02d}", "article_id": f"a{rng.integers(0, 6)}",
                     "date_lo": int(lo[index]) if dated[index] else None,
                     "date_hi": int(lo[index] + span[index]) if dated[index] else None,
                     "date_is_relative": bool(rng.random() < 0.2),
                     "place_key": rng.choice(["x", "y"]) if rng.random() < 0.7 else None,
                     "latitude": float(rng.uniform(0, 3)) if placed else None,
                     "longitude": float(rng.uniform(0, 1)) if placed else None})
    reports = _reports(rows)
    reports["date_is_relative"] = reports["date_is_relative"].astype(bool)
    left, right = np.triu_indices(n, k=1)
    chosen = rng.random(len(left)) < 0.35
    probability = rng.choice([0.2, 0.6, 0.93, 0.97, 0.999], int(chosen.sum()))
    return reports, (left[chosen], right[chosen], probability)


@pytest.mark.parametrize("firm_dates_by_place", [False, True])
def test_a_component_settled_whole_gives_the_groups_contraction_gives(monkeypatch, firm_dates_by_place):
    # cluster_reports settles a component at once when every kept pair in it is positive and its reports
    # together break no cannot-link; contracting every component pair by pair must give the same groups.
    common = dict(threshold=0.9, max_date_gap_days=3, max_relative_date_gap_days=7, max_distance_km=250,
                  firm_dates_by_place=firm_dates_by_place)
    settled = 0
    for seed in range(60):
        reports, scored = _random_grouping_case(seed)
        fast = event_clustering.cluster_reports(reports, pd.DataFrame(), scored=scored, **common)
        original = event_clustering._whole_components
        calls = []
        monkeypatch.setattr(event_clustering, "_whole_components",
                            lambda *args, **kwargs: calls.append(original(*args, **kwargs)) or
                            np.zeros_like(calls[-1]))
        slow = event_clustering.cluster_reports(reports, pd.DataFrame(), scored=scored, **common)
        monkeypatch.setattr(event_clustering, "_whole_components", original)
        pd.testing.assert_series_equal(fast, slow)
        settled += int(calls[0].sum())
    assert settled > 20  # the cases do reach the settled path, not only contraction


def test_a_component_whose_reports_break_a_cannot_link_together_is_not_settled_whole():
    # R0-R1 and R1-R2 are strong pairs, but R0 and R2 are 330 km apart (never scored as a pair); R1 lies between.
    reports = _reports([
        {"report_id": "R0", "article_id": "a", "latitude": 0.0, "longitude": 0.0},
        {"report_id": "R1", "article_id": "b", "latitude": 0.0, "longitude": 1.5},
        {"report_id": "R2", "article_id": "c", "latitude": 0.0, "longitude": 3.0},
        {"report_id": "R3", "article_id": "d", "date_lo": 10, "date_hi": 10},
        {"report_id": "R4", "article_id": "e", "date_lo": 11, "date_hi": 11},
        {"report_id": "R5", "article_id": "d", "date_lo": 11, "date_hi": 11},
    ])
    component = np.array([0, 0, 0, 1, 1, 1])
    common = dict(max_date_gap_days=3, max_relative_date_gap_days=7, max_distance_km=250)
    whole = event_clustering._whole_components(reports, component, np.array([], dtype=np.int64), [], **common)
    assert whole.tolist() == [False, False]  # points too far apart; article d dated twice
    near = reports.assign(longitude=reports["longitude"] / 2, article_id=["a", "b", "c", "d", "e", "f"])
    assert event_clustering._whole_components(near, component, np.array([], dtype=np.int64), [], **common).tolist() == [True, True]
    # a negative kept pair, or a manual decision on one of its reports, leaves a component to contraction
    assert event_clustering._whole_components(near, component, np.array([1]), [0], **common).tolist() == [False, False]
    clusters = event_clustering.cluster_reports(reports, pd.DataFrame(), scored=(np.array([0, 1, 3, 4]), np.array([1, 2, 4, 5]),
                                                                        np.array([0.99, 0.98, 0.99, 0.98])),
                                       threshold=0.9, **common)
    assert clusters["R0"] == clusters["R1"] != clusters["R2"]  # the stronger pair first, then R2 is too far
    assert clusters["R3"] == clusters["R4"] != clusters["R5"]  # R5 is R3's article's other dated report


def test_a_toll_more_than_five_times_another_is_a_stronger_no_than_one_that_doubled_or_tripled():
    reports = _reports([
        {"report_id": "R1", "article_id": "a", "killed_lo": 12.0, "killed_hi": 12.0},
        # tripled: an early count against the final one; ten times: a small attack against a massacre
        {"report_id": "R2", "article_id": "b", "killed_lo": 36.0, "killed_hi": 36.0},
        {"report_id": "R3", "article_id": "c", "killed_lo": 120.0, "killed_hi": 120.0},
        # a range that reaches within five times of the other's figure
        {"report_id": "R4", "article_id": "d", "killed_lo": 2.0, "killed_hi": 3.0},
    ])
    for name in ["killed_lo", "killed_hi"]:
        reports[name] = reports[name].astype("Float64")
    level = _levels(reports, "killed")
    assert level[("R1", "R2")] == level[("R1", "R4")] == "within a factor of 5"
    assert level[("R1", "R3")] == level[("R3", "R4")] == "further apart"
    weight = {row.level: row.match_weight for row in linkage.settings_table(linkage.load_settings()).itertuples()
              if row.comparison == "killed"}
    assert weight["further apart"] < weight["within a factor of 5"] < weight["within a factor of 2"]


def test_a_city_named_like_its_province_matches_a_report_of_the_province_not_every_town_in_it():
    province = linkage.normalise_place("Kassala")
    reports = _reports([
        # the city of the province's name; a report naming only the province; a village of it the gazetteer did not place
        {"report_id": "R1", "article_id": "a", "place_key": province, "admin1_key": province, "admin1_set": [province]},
        {"report_id": "R2", "article_id": "b", "admin1_key": province, "admin1_set": [province]},
        {"report_id": "R3", "article_id": "c", "place_key": linkage.normalise_place("Wad Sharifey"),
         "admin1_key": province, "admin1_set": [province]},
    ])
    level = _levels(reports, "place")
    assert level[("R1", "R2")] == "a town named like the other's province"
    assert level[("R1", "R3")] == level[("R2", "R3")] == "same province"


def test_a_stated_level_keeps_its_u_whatever_the_collection_shows():
    labels = {"perpetrator": {0: "same, one country", 1: "other"}}
    settings = {"u_from_collection_prior_pairs": 10, "comparisons": [{"output_column_name": "perpetrator", "levels": [
        {"label": "same, one country", "m": 0.84, "u": 0.43, "stated": True},
        {"label": "other", "m": 0.16, "u": 0.57}]}]}
    pairs = pd.DataFrame({"gamma_perpetrator": [0] * 5 + [1] * 995})  # a share of all pairs far below 0.43
    stated, other = linkage.u_from_collection(settings, pairs, labels)["comparisons"][0]["levels"]
    assert stated["u"] == 0.43
    assert other["u"] == pytest.approx((995 + 10 * 0.57) / 1010)
    del settings["comparisons"][0]["levels"][0]["stated"]
    unmarked = linkage.u_from_collection(settings, pairs, labels)["comparisons"][0]["levels"][0]
    assert unmarked["u"] == pytest.approx((5 + 10 * 0.43) / 1010)



def test_a_group_shared_within_one_country_weighs_about_one_bit_and_is_not_learned():
    # the place comparison has already counted the shared country; within it, most attacks are the same few groups'
    perpetrator = next(c for c in linkage.load_settings()["comparisons"] if c["output_column_name"] == "perpetrator")
    levels = {level.get("label"): level for level in perpetrator["levels"]}
    names = [level.get("label") for level in perpetrator["levels"]]
    within = levels["same perpetrator, one country"]
    assert names.index("same perpetrator, one country") < names.index("same perpetrator")  # checked first
    assert "country_key_l = country_key_r" in within["sql"]
    assert 0 < math.log2(within["m"] / within["u"]) < 1.5
    assert within.get("stated") and "prior_m" not in within  # the learned file does not replace it

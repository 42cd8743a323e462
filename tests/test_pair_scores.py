"""Scoring blocked pairs with numpy (helpers.pair_scores) gives Splink's pairs, levels and weights."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from helpers import event_clustering, linkage, pair_scores
from helpers.reconcile import type_mentions
from helpers.synthetic import make_mentions


def _reports(n: int, seed: int) -> pd.DataFrame:
    mentions, articles = make_mentions(n, seed=seed)
    reports, _ = linkage.build_reports(type_mentions(mentions, articles))
    return reports


def _both(reports: pd.DataFrame, settings: dict, **options) -> tuple[pd.DataFrame, pd.DataFrame, int, int]:
    splink, _, n_splink = linkage.score_pair_table(reports, settings, scorer_kind="splink", **options)
    numpy, _, n_numpy = linkage.score_pair_table(reports, settings, scorer_kind="numpy", **options)
    return splink.to_pandas(), numpy.to_pandas(), n_splink, n_numpy


def _assert_same(splink: pd.DataFrame, numpy: pd.DataFrame) -> None:
    assert len(splink) > 0
    assert splink[["report_id_l", "report_id_r"]].equals(numpy[["report_id_l", "report_id_r"]])
    assert np.array_equal(splink["match_weight"].to_numpy(), numpy["match_weight"].to_numpy())
    np.testing.assert_allclose(numpy["match_probability"], splink["match_probability"], rtol=0, atol=1e-12)


def test_blocked_collection_gets_splinks_pairs_and_weights():
    settings = linkage.load_settings()
    reports = _reports(400, seed=11)
    # as linkage_blocks scores a block of a large collection: blocked, u as given, with and without the grouping
    for grouping in [None, (0.97, [])]:
        splink, numpy, n_splink, n_numpy = _both(reports, settings, grouping=grouping, collection_reports=10_000,
                                                 sample_u=False)
        assert n_splink == n_numpy > 0
        _assert_same(splink, numpy)


def test_small_collection_compared_in_full_gets_splinks_pairs_and_weights():
    settings = linkage.load_settings()
    reports = _reports(150, seed=3)  # every pair compared, u from the collection, the small folder's threshold
    splink, numpy, _, _ = _both(reports, settings, grouping=(linkage.match_threshold(settings, len(reports)), []))
    _assert_same(splink, numpy)


def test_grouping_of_both_paths_is_identical():
    settings = linkage.load_settings()
    reports = _reports(400, seed=12).sort_values("report_id").reset_index(drop=True)
    clustering = settings["clustering"]
    keys = []
    for kind in ["splink", "numpy"]:
        table, _, _ = linkage.score_pair_table(reports, settings, grouping=(0.97, []), collection_reports=10_000,
                                               sample_u=False, scorer_kind=kind)
        pairs = linkage.pairs_frame(table, reports, 0.97)
        scored = tuple(table[name].to_numpy() for name in ("report_id_l", "report_id_r", "match_probability"))
        keys.append(event_clustering.cluster_reports(
            reports, pairs, threshold=0.97, max_date_gap_days=clustering["max_date_gap_days"],
            max_relative_date_gap_days=clustering["max_relative_date_gap_days"],
            max_distance_km=clustering["max_distance_km"], merges=[], splits=[], scored=scored))
    assert keys[0].equals(keys[1])
    assert keys[0].nunique() < len(reports)  # some reports were joined


def _table() -> pa.Table:
    return pa.table({
        "report_id": pa.array([0, 1, 2, 3], pa.int64()),
        "place_key": pa.array(["hama", None, "homs", "hama"]),
        "admin1_key": pa.array(["hama;idlib", "homs", "homs", "hama;idlib"]),
        "killed_lo": pa.array([12.0, None, 3.0, 10.0]),
        "killed_hi": pa.array([14.0, None, 3.0, 10.0]),
        "words": pa.array([["market", "bus", "bus"], None, ["convoy"], ["bus", "market", "tanker"]],
                          pa.list_(pa.string())),
    })


def _holds(sql: str, left: list[int], right: list[int]) -> list[bool]:
    comparison = {"output_column_name": "probe", "comparison_levels": [
        {"sql_condition": sql, "m_probability": 0.5, "u_probability": 0.1},
        {"sql_condition": "ELSE", "m_probability": 0.5, "u_probability": 0.9}]}
    scorer = pair_scores.PairScorer({"probability_two_random_records_match": 0.5, "comparisons": [comparison]})
    gamma = scorer.gammas(pair_scores.ReportColumns(_table()), np.array(left), np.array(right))["probe"]
    return (gamma == 1).tolist()


def test_a_null_comparison_does_not_hold_and_not_of_null_stays_null():
    # a town against an unknown one: neither equal nor different, as in SQL
    assert _holds("place_key_l = place_key_r", [0, 0], [3, 1]) == [True, False]
    assert _holds("place_key_l <> place_key_r", [0, 0], [2, 1]) == [True, False]
    assert _holds("NOT (place_key_l = place_key_r)", [0], [1]) == [False]
    # OR with one side TRUE holds even when the other is NULL; AND with one side FALSE fails
    assert _holds("place_key_l = place_key_r OR admin1_key_l = admin1_key_r", [1], [2]) == [True]
    assert _holds("place_key_l IS NULL OR place_key_r IS NULL", [0, 0], [1, 3]) == [True, False]


def test_greatest_skips_nulls_and_text_patterns_and_lists_follow_duckdb():
    assert _holds("GREATEST(killed_lo_l, killed_lo_r) >= 10", [2, 1], [3, 2]) == [True, False]
    assert _holds("killed_lo_l <= killed_hi_r AND killed_lo_r <= killed_hi_l", [0, 0], [3, 2]) == [False, False]
    assert _holds("GREATEST(killed_lo_l, killed_lo_r) <= 1.25 * LEAST(killed_hi_l, killed_hi_r)", [0], [3]) == [True]
    assert _holds("admin1_key_l = admin1_key_r AND admin1_key_l LIKE '%;%'", [0, 1], [3, 2]) == [True, False]
    assert _holds("place_key_l = admin1_key_r AND place_key_r IS NULL", [2], [1]) == [True]
    # a word repeated in one list counts once; a missing list is NULL, not an empty intersection
    assert _holds('array_length(list_intersect("words_l", "words_r")) >= 2', [0, 0], [3, 2]) == [True, False]
    assert _holds('array_length(list_intersect("words_l", "words_r")) >= 3', [0], [3]) == [False]
    assert _holds('array_length(list_intersect("words_l", "words_r")) >= 0', [0], [1]) == [False]


def test_settings_with_sql_beyond_the_evaluator_keep_splinks_predict():
    settings = linkage.load_settings()
    settings_dict = linkage.splink_settings_dict(settings)
    assert pair_scores.PairScorer.supports(settings_dict)
    odd = {**settings_dict, "comparisons": [{"output_column_name": "probe", "comparison_levels": [
        {"sql_condition": "jaro_winkler_similarity(place_key_l, place_key_r) > 0.9", "m_probability": 0.5,
         "u_probability": 0.1},
        {"sql_condition": "ELSE", "m_probability": 0.5, "u_probability": 0.9}]}]}
    assert not pair_scores.PairScorer.supports(odd)


def test_levels_of_all_pairs_match_splinks():
    import duckdb
    from splink import DuckDBAPI

    settings = linkage.load_settings()
    reports = _reports(150, seed=4)
    arrow = linkage._to_arrow(reports)
    arrow = arrow.set_column(arrow.schema.get_field_index("report_id"), "report_id",
                             pa.array(np.arange(len(reports), dtype=np.int64), pa.int64()))
    # the whole table, and a sample of it whose ids are not 0..n-1 (as score_pair_table samples reports to count u)
    for name, part in [("reports", arrow), ("sampled_reports", arrow.take(pa.array(np.arange(0, len(reports), 3))))]:
        with linkage.quiet_splink():
            connection = duckdb.connect(":memory:")
            table = DuckDBAPI(connection).register(part, table_name=name)
            splink, splink_labels = linkage.all_pair_levels(connection, table, settings, scorer_kind="splink")
            numpy, numpy_labels = linkage.all_pair_levels(connection, table, settings, scorer_kind="numpy")
            connection.close()
        assert len(splink) > 0
        assert numpy_labels == splink_labels
        for column in splink.columns:
            assert np.array_equal(splink[column].to_numpy(dtype=np.int64), numpy[column].to_numpy(dtype=np.int64)), column

"""Blocking with numpy (helpers.numpy_blocking) gives the candidate pairs of Splink's DuckDB self-joins, so the
scored pairs and the groups of reports are the same."""
from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from helpers import event_clustering, linkage, numpy_blocking, pair_scores
from helpers.paths import DATA_DIR
from helpers.reconcile import type_mentions
from helpers.schemas import read_table
from helpers.synthetic import make_mentions


def _generated_reports() -> pd.DataFrame:
    mentions, articles = make_mentions(3000, seed=5)
    reports, _ = linkage.build_reports(type_mentions(mentions, articles))
    return reports


def _seed_reports() -> pd.DataFrame:
    tables = DATA_DIR / "seeds" / "tables"
    reports, _ = linkage.build_reports(type_mentions(read_table("mentions", tables), read_table("articles", tables)))
    return reports


def _numbered(reports: pd.DataFrame) -> pa.Table:
    arrow = linkage._to_arrow(reports)
    return arrow.set_column(arrow.schema.get_field_index("report_id"), "report_id",
                            pa.array(np.arange(len(reports), dtype=np.int64), pa.int64()))


def _splink_blocked(arrow: pa.Table, settings_dict: dict) -> set[tuple[int, int]]:
    from splink import DuckDBAPI, Linker

    connection = duckdb.connect()
    table = DuckDBAPI(connection).register(arrow, table_name="reports")
    with linkage.quiet_splink():
        linker = Linker(table, settings_dict, log_level=None, validate_settings=False)
        blocked = linker.inference.compute_blocked_pairs_for_predict()
        keys = connection.sql(f"SELECT join_key_l, join_key_r FROM {blocked.physical_name}").fetchall()
    connection.close()
    assert len(keys) == len(set(keys))  # Splink gives each pair once
    return set(keys)


@pytest.mark.parametrize("corpus", ["generated", "seeds"])
def test_numpy_blocking_gives_splinks_candidate_pairs(corpus):
    reports = _generated_reports() if corpus == "generated" else _seed_reports()
    settings_dict = linkage.splink_settings_dict(linkage.load_settings())
    arrow = _numbered(reports)
    columns = pair_scores.ReportColumns(arrow)
    rules = settings_dict["blocking_rules_to_generate_predictions"]
    assert numpy_blocking.supports(rules, columns)
    left, right = numpy_blocking.blocked_pairs(columns, rules)
    assert np.all(left < right)
    assert np.all(np.diff(left * len(reports) + right) > 0)  # sorted, each pair once
    expected = _splink_blocked(arrow, settings_dict)
    assert len(expected) > 0
    assert set(zip(left.tolist(), right.tolist())) == expected


@pytest.mark.parametrize("corpus", ["generated", "seeds"])
def test_numpy_blocking_gives_the_same_scored_pairs_and_groups(corpus):
    settings = linkage.load_settings()
    reports = _generated_reports() if corpus == "generated" else _seed_reports()
    clustering = settings["clustering"]
    threshold = 0.97
    results = []
    for kind in ["splink", "numpy"]:
        # as a block of a large collection (blocked, not every pair), u as given
        table, _, n_compared = linkage.score_pair_table(reports, settings, grouping=(threshold, []),
                                                        collection_reports=10_000, sample_u=False, blocker_kind=kind)
        pairs = linkage.pairs_frame(table, reports, threshold)
        scored = tuple(table[name].to_numpy() for name in ("report_id_l", "report_id_r", "match_probability"))
        keys = event_clustering.cluster_reports(
            reports, pairs, threshold=threshold, max_date_gap_days=clustering["max_date_gap_days"],
            max_relative_date_gap_days=clustering["max_relative_date_gap_days"],
            max_distance_km=clustering["max_distance_km"], merges=[], splits=[], scored=scored)
        results.append((table.to_pandas(), n_compared, keys))
    (splink, n_splink, keys_splink), (numpy, n_numpy, keys_numpy) = results
    assert n_splink == n_numpy > 0
    assert splink.equals(numpy)
    assert keys_splink.equals(keys_numpy)
    assert keys_numpy.nunique() < len(reports)  # some reports were joined


def _duckdb_pairs(arrow: pa.Table, rule: str) -> set[tuple[int, int]]:
    connection = duckdb.connect()
    connection.register("reports", arrow)
    rows = connection.sql(f"SELECT l.report_id, r.report_id FROM reports l JOIN reports r ON {rule} "
                          "WHERE l.report_id < r.report_id").fetchall()
    connection.close()
    return set(rows)


def test_rules_follow_sql_nulls_sides_and_conditions_on_one_report():
    # made-up reports: two provinces, some without a province or a date, one undated weekday
    reports = pd.DataFrame({
        "report_id": ["R0", "R1", "R2", "R3", "R4", "R5"],
        "article_id": ["a1", "a2", "a3", "a3", "a4", "a5"],
        "admin1_key": ["north", "north", None, "north", "south;east", "south;east"],
        "admin1_weekday": ["north|3", "north|3", None, "north|3", None, None],
        "undated_admin1_weekday": [None, None, None, None, None, "north|3"],
        "date_lo": [100, None, 100, 100, None, None],
        "killed_lo": [3.0, 3.0, 3.0, None, 2.0, 2.0],
    })
    columns = {name: reports[name] if name in reports else pd.Series([None] * len(reports))
               for name in linkage._ARROW_TYPES}
    full = pd.DataFrame(columns).astype({"date_is_relative": bool, "is_vague_place": bool})
    arrow = _numbered(full)
    rules = [
        "l.admin1_key = r.admin1_key AND l.article_id <> r.article_id",  # a NULL province pairs with nothing
        "l.admin1_key = r.admin1_key AND l.killed_lo = r.killed_lo AND (l.date_lo IS NULL OR r.date_lo IS NULL)",
        "l.admin1_key = r.admin1_key AND l.admin1_key LIKE '%;%' AND l.article_id <> r.article_id",
        "l.undated_admin1_weekday = r.admin1_weekday",  # one-sided: only the undated report on the left
        "l.admin1_weekday = r.undated_admin1_weekday",
        "l.date_lo = r.date_lo AND (r.admin1_key IS NULL)",
    ]
    columns = pair_scores.ReportColumns(arrow)
    for rule in rules:
        assert numpy_blocking.supports([rule], columns)
        left, right = numpy_blocking.blocked_pairs(columns, [rule])
        assert set(zip(left.tolist(), right.tolist())) == _duckdb_pairs(arrow, rule), rule
    left, right = numpy_blocking.blocked_pairs(columns, rules)
    union = set().union(*(_duckdb_pairs(arrow, rule) for rule in rules))
    assert set(zip(left.tolist(), right.tolist())) == union
    assert (0, 1) in union and (2, 3) not in union and (4, 5) in union and (0, 5) in union


def test_a_rule_without_an_equality_between_the_sides_is_left_to_splink():
    columns = pair_scores.ReportColumns(_numbered(_seed_reports()))
    assert not numpy_blocking.supports([linkage.ALL_PAIRS_RULE], columns)
    assert not numpy_blocking.supports(["l.date_lo < r.date_lo"], columns)

"""Learning the linkage's m and u from labelled pairs, and the switches that put them to use."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import linkage, linkage_training


def _settings() -> dict:
    return linkage.load_settings(learned=False)


def test_m_and_u_are_counts_blended_with_the_stated_priors_and_unseen_levels_keep_them():
    settings = _settings()
    labels = {comparison["output_column_name"]: {} for comparison in settings["comparisons"]}
    for comparison in settings["comparisons"]:
        values = [level for level in comparison["levels"] if not level.get("is_null")]
        labels[comparison["output_column_name"]] = {len(values) - 1 - i: level["label"] for i, level in enumerate(values)}
        labels[comparison["output_column_name"]][-1] = "null"
    killed = next(c for c in settings["comparisons"] if c["output_column_name"] == "killed")
    value_of = {label: value for value, label in labels["killed"].items()}
    same_large, further = value_of["same figure, 10 or more"], value_of["further apart"]
    # four reports: a and b report one attack, c and d others; every pair of them scored
    pairs = pd.DataFrame({"report_id_l": ["a", "a", "a", "b", "b", "c"], "report_id_r": ["b", "c", "d", "c", "d", "d"]})
    for comparison in settings["comparisons"]:
        pairs[f"gamma_{comparison['output_column_name']}"] = -1
    pairs["gamma_killed"] = [same_large, further, further, further, same_large, further]
    events = pd.Series({"a": "E1", "b": "E1", "c": "E2", "d": "E3"})
    table = linkage_training.learn_m_u(pairs, labels, events, settings).set_index(["comparison", "level"])
    k_m, k_u = settings["learned_m_u"]["prior_pairs_m"], settings["learned_m_u"]["prior_pairs_u"]
    stated = {level["label"]: level for level in killed["levels"] if not level.get("is_null")}
    row = table.loc[("killed", "same figure, 10 or more")]
    assert (row["n_match"], row["n_non_match"]) == (1, 1)  # a-b match; b-d do not
    assert row["m"] == pytest.approx((1 + k_m * stated["same figure, 10 or more"]["m"]) / (1 + k_m), rel=1e-5)
    assert row["u"] == pytest.approx((1 + k_u * stated["same figure, 10 or more"]["u"]) / (5 + k_u), rel=1e-5)
    unseen = table.loc[("killed", "within 25%")]
    assert (unseen["m"], unseen["u"]) == (stated["within 25%"]["m"], stated["within 25%"]["u"])


def test_without_a_matching_pair_nothing_is_learned():
    settings = _settings()
    pairs = pd.DataFrame({"report_id_l": ["a"], "report_id_r": ["b"]})
    with pytest.raises(ValueError, match="nothing to learn m from"):
        linkage_training.learn_m_u(pairs, {}, pd.Series({"a": "E1", "b": "E2"}), settings)


def test_learned_values_replace_the_priors_only_when_switched_on(tmp_path):
    text = linkage.LINKAGE_SETTINGS_PATH.read_text(encoding="utf-8")
    (tmp_path / "learned_m_u.csv").write_text(
        "comparison,level,n_match,n_non_match,prior_m,prior_u,m,u\n"
        "killed,further apart,3,30,0.1,0.68,0.2,0.3\n", encoding="utf-8")
    off, on = tmp_path / "off.yaml", tmp_path / "on.yaml"
    assert "\n  use: true\n" in text  # the repository's settings use the learned values
    off.write_text(text.replace("\n  use: true\n", "\n  use: false\n", 1), encoding="utf-8")
    on.write_text(text, encoding="utf-8")

    def level(settings: dict) -> dict:
        killed = next(c for c in settings["comparisons"] if c["output_column_name"] == "killed")
        return next(item for item in killed["levels"] if item.get("label") == "further apart")

    assert (level(linkage.load_settings(off))["m"], level(linkage.load_settings(off))["u"]) == (0.02, 0.35)
    learned = linkage.load_settings(on)
    assert (level(learned)["m"], level(learned)["u"]) == (0.2, 0.3)
    assert (level(learned)["prior_m"], level(learned)["prior_u"]) == (0.02, 0.35)
    same = next(item for item in next(c for c in learned["comparisons"] if c["output_column_name"] == "killed")["levels"]
                if item.get("label") == "same figure, 10 or more")
    assert (same["m"], same["u"]) == (0.3, 0.006)  # a level the file does not list keeps its prior
    assert linkage.load_settings(on, learned=False)["comparisons"] == linkage.load_settings(off)["comparisons"]


def test_learning_refuses_the_held_out_split():
    with pytest.raises(ValueError, match="dev only"):
        linkage_training.learn_from_split("test")


def test_every_pair_of_reports_from_different_articles_gets_its_levels():
    import duckdb
    import numpy as np
    import pyarrow as pa
    from splink import DuckDBAPI

    from helpers.reconcile import type_mentions
    from helpers.synthetic import make_mentions

    mentions, articles = make_mentions(120, seed=5)
    reports, _ = linkage.build_reports(type_mentions(mentions, articles))
    pairs, labels = linkage_training.level_vectors(reports, _settings())
    per_article = reports.groupby("article_id").size()
    assert len(pairs) == (len(reports) * (len(reports) - 1) - (per_article * (per_article - 1)).sum()) // 2
    article = dict(zip(reports["report_id"], reports["article_id"]))
    assert (pairs["report_id_l"].map(article) != pairs["report_id_r"].map(article)).all()
    for comparison in _settings()["comparisons"]:
        name = comparison["output_column_name"]
        assert set(pairs[f"gamma_{name}"]) <= set(labels[name])
        assert set(labels[name].values()) >= {level["label"] for level in comparison["levels"] if not level.get("is_null")}


def test_the_shipped_learned_file_covers_exactly_the_learned_comparisons_levels():
    settings = _settings()
    table = pd.read_csv(linkage.learned_m_u_path(settings))
    listed = set(settings["learned_m_u"]["comparisons"])
    assert set(table["comparison"]) == listed
    expected = {(c["output_column_name"], level["label"]) for c in settings["comparisons"]
                if c["output_column_name"] in listed for level in c["levels"]
                if not level.get("is_null") and not level.get("stated")}
    assert set(zip(table["comparison"], table["level"])) == expected
    assert ((table["m"] > 0) & (table["m"] < 1) & (table["u"] > 0) & (table["u"] < 1)).all()
    used = linkage.load_settings()
    for comparison in used["comparisons"]:
        for level in comparison["levels"]:
            if (comparison["output_column_name"], level.get("label")) in expected:
                row = table[(table["comparison"] == comparison["output_column_name"]) & (table["level"] == level["label"])]
                assert (level["m"], level["u"]) == (float(row["m"].iloc[0]), float(row["u"].iloc[0]))


def test_m_and_u_are_shares_of_the_pairs_whose_values_are_known():
    settings = _settings()
    labels = {}
    for comparison in settings["comparisons"]:
        values = [level for level in comparison["levels"] if not level.get("is_null")]
        labels[comparison["output_column_name"]] = {len(values) - 1 - i: level["label"] for i, level in enumerate(values)}
        labels[comparison["output_column_name"]][-1] = "null"
    value_of = {label: value for value, label in labels["killed"].items()}
    same_large, further = value_of["same figure, 10 or more"], value_of["further apart"]
    pairs = pd.DataFrame({"report_id_l": ["a", "a", "a", "b", "b", "c"], "report_id_r": ["b", "c", "d", "c", "d", "d"]})
    for comparison in settings["comparisons"]:
        pairs[f"gamma_{comparison['output_column_name']}"] = -1
    # a-b (one attack) agree on a large toll; of the five other pairs only b-d and c-d both give a toll
    pairs["gamma_killed"] = [same_large, -1, -1, -1, same_large, further]
    events = pd.Series({"a": "E1", "b": "E1", "c": "E2", "d": "E3"})
    table = linkage_training.learn_m_u(pairs, labels, events, settings).set_index(["comparison", "level"])
    k_m, k_u = settings["learned_m_u"]["prior_pairs_m"], settings["learned_m_u"]["prior_pairs_u"]
    killed = next(c for c in settings["comparisons"] if c["output_column_name"] == "killed")
    stated = {level["label"]: level for level in killed["levels"] if not level.get("is_null")}
    row = table.loc[("killed", "same figure, 10 or more")]
    assert row["m"] == pytest.approx((1 + k_m * stated["same figure, 10 or more"]["m"]) / (1 + k_m), rel=1e-5)
    # 1 of the 2 non-matching pairs that give a toll on both sides, not 1 of 5
    assert row["u"] == pytest.approx((1 + k_u * stated["same figure, 10 or more"]["u"]) / (2 + k_u), rel=1e-5)


def test_a_stated_level_is_not_learned():
    # its m and u are shares among the pairs of one country, which counts over every labelled pair are not
    settings = _settings()
    labels = {}
    for comparison in settings["comparisons"]:
        values = [level for level in comparison["levels"] if not level.get("is_null")]
        labels[comparison["output_column_name"]] = {len(values) - 1 - i: level["label"] for i, level in enumerate(values)}
    within = {value: label for value, label in labels["perpetrator"].items()}
    value = next(v for v, label in within.items() if label == "same perpetrator, one country")
    pairs = pd.DataFrame({"report_id_l": ["a", "a"], "report_id_r": ["b", "c"]})
    for comparison in settings["comparisons"]:
        pairs[f"gamma_{comparison['output_column_name']}"] = -1
    pairs["gamma_perpetrator"] = [value, value]
    table = linkage_training.learn_m_u(pairs, labels, pd.Series({"a": "E1", "b": "E1", "c": "E2"}), settings)
    learned = set(table[table["comparison"] == "perpetrator"]["level"])
    assert "same perpetrator, one country" not in learned
    assert "same perpetrator" in learned

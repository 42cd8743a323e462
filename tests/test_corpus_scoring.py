"""Corpus scoring (helpers.evaluate) and the corpus split (helpers.corpus) on small made-up frames.

Every expected number is worked out by hand in the comment beside it.
"""
from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers import corpus, evaluate


def _rows(*rows: dict) -> pd.DataFrame:
    columns = ["mention_id", "article_id", "event_id", "role", "date_start", "date_end", "admin1", "country",
               "perpetrator", "source_type", "killed", "wounded", "casualties", "figure_kind", "evidence"]
    frame = pd.DataFrame([{column: row.get(column, "") for column in columns} for row in rows])
    return frame.astype("string").replace("", pd.NA)


def _g(mention_id, article_id, event_id, **fields):
    row = {"mention_id": mention_id, "article_id": article_id, "event_id": event_id, "role": "main",
           "date_start": "2020-05-01", "date_end": "2020-05-01", "admin1": "Borno", "country": "Nigeria",
           "perpetrator": "Boko Haram", "source_type": "government", "figure_kind": "victims",
           "evidence": f"{mention_id} sentence"}
    row.update(fields)
    return row


@pytest.fixture
def gold():
    return _rows(
        _g("g1", "a1", "E1", killed="12", wounded="5"),
        _g("g2", "a1", "E1", killed="9", figure_kind="attackers_dead"),  # not the attack's toll
        _g("g3", "a2", "E1", killed="14", source_type="monitor"),
        _g("g4", "a2", "E2", killed="3", role="background"),
        _g("g5", "a3", "E3", casualties="40", source_type="perpetrator_claim"),
    )


def test_only_victims_rows_are_scored_and_kinds_are_apart(gold):
    pred = _rows(
        {**_g("p1", "a1", "X1", killed="12", wounded="5"), "figure_kind": ""},
        {**_g("p2", "a1", "X1", killed="9"), "figure_kind": ""},  # the attackers' dead taken as a toll
        {**_g("p3", "a2", "X1", killed="14"), "figure_kind": ""},
        {**_g("p4", "a3", "X3", killed="40"), "figure_kind": ""},  # a killed-or-wounded figure read as killed
    )
    scores, matches = evaluate.score_figures(pred, gold)
    # killed: gold 12, 14, 3 (9 is attackers' dead) -> 3 gold; predicted 12, 9, 14, 40 -> 2 matched.
    assert scores["killed"]["n_gold"] == 3 and scores["killed"]["tp"] == 2
    assert scores["killed"]["precision"] == pytest.approx(2 / 4)
    assert scores["killed"]["recall"] == pytest.approx(2 / 3)
    # wounded: 5 in a1 both sides -> P = R = 1.
    assert (scores["wounded"]["precision"], scores["wounded"]["recall"]) == (1.0, 1.0)
    # killed-or-wounded: gold 40 in a3, nothing predicted in that column -> recall 0, precision undefined (0).
    assert scores["killed_or_wounded"]["recall"] == 0.0 and scores["killed_or_wounded"]["tp"] == 0
    assert set(matches["kind"]) == {"killed", "wounded"}


def test_a_prediction_that_sets_a_figure_aside_is_not_scored(gold):
    pred = _rows(_g("p1", "a1", "X1", killed="12"), _g("p2", "a1", "X1", killed="9", figure_kind="attackers_dead"))
    scores, _ = evaluate.score_figures(pred, gold)
    assert scores["killed"]["tp"] == 1 and scores["killed"]["fp"] == 0


def test_field_accuracy_counts_a_row_matched_on_two_kinds_once(gold):
    pred = _rows(
        _g("p1", "a1", "X1", killed="12", wounded="5", country="Niger"),
        _g("p3", "a2", "X1", killed="14", source_type="government", admin1="Borno State"),
    )
    _, matches = evaluate.score_figures(pred, gold)
    accuracy, table = evaluate.field_accuracy(pred, gold, matches)
    # Two distinct (pred, gold) pairs: p1-g1 (killed and wounded) and p3-g3.
    assert accuracy["country"] == 0.5  # p1 says Niger
    assert accuracy["source_type"] == 0.5  # p3 government against the monitor
    assert accuracy["role"] == accuracy["perpetrator"] == accuracy["date"] == 1.0
    assert accuracy["admin1"] == 0.5  # "Borno State" is not the toponym "Borno"
    assert sorted(table["field"]) == ["admin1", "country", "source_type"]


def test_coreference_perfect_and_all_split():
    gold = _rows(_g("g1", "a1", "E1", killed="12"), _g("g2", "a2", "E1", killed="14"),
                 _g("g3", "a3", "E2", killed="3"))
    same = _rows(_g("p1", "a1", "X1", killed="12"), _g("p2", "a2", "X1", killed="14"), _g("p3", "a3", "X2", killed="3"))
    _, matches = evaluate.score_figures(same, gold)
    perfect = evaluate.coreference_scores(matches, gold)
    assert perfect["conll_f1"] == pytest.approx(1.0) and perfect["bcubed_f1"] == pytest.approx(1.0)
    split = _rows(_g("p1", "a1", "X1", killed="12"), _g("p2", "a2", "X2", killed="14"), _g("p3", "a3", "X3", killed="3"))
    _, matches = evaluate.score_figures(split, gold)
    scores = evaluate.coreference_scores(matches, gold)
    # Key {g1,g2},{g3}; response all singletons. B3 precision 1; recall (1/2 + 1/2 + 1)/3 = 2/3.
    assert scores["bcubed_precision"] == pytest.approx(1.0)
    assert scores["bcubed_recall"] == pytest.approx(2 / 3)
    # MUC: the key has 1 link, the response none -> recall 0, F1 0.
    assert scores["muc_f1"] == pytest.approx(0.0)
    assert scores["conll_f1"] < scores["bcubed_f1"]


def test_an_unmatched_gold_mention_is_its_own_cluster():
    gold = _rows(_g("g1", "a1", "E1", killed="12"), _g("g2", "a2", "E1", killed="14"))
    pred = _rows(_g("p1", "a1", "X1", killed="12"))
    _, matches = evaluate.score_figures(pred, gold)
    scores = evaluate.coreference_scores(matches, gold)
    assert scores["bcubed_recall"] == pytest.approx(0.5) and scores["bcubed_precision"] == pytest.approx(1.0)


def test_event_figures_compare_low_best_high_of_the_event_holding_most_mentions():
    gold = _rows(_g("g1", "a1", "E1", killed="12"), _g("g2", "a2", "E1", killed="14"),
                 _g("g3", "a3", "E2", killed="3"))
    gold_events = pd.DataFrame({"event_id": ["E1", "E2"], "killed_low": ["12", "3"], "killed_best": ["14", "3"],
                                "killed_high": ["14", ""]}).astype("string").replace("", pd.NA)
    pred = _rows(_g("p1", "a1", "X1", killed="12"), _g("p2", "a2", "X1", killed="14"), _g("p3", "a3", "X2", killed="3"))
    pred_events = pd.DataFrame({"event_id": ["X1", "X2"], "killed_low": ["12", "3"], "killed_best": ["12", "3"],
                                "killed_high": ["14", "5"]})
    _, matches = evaluate.score_figures(pred, gold)
    shares, table = evaluate.event_figure_agreement(pred_events, matches, gold_events, gold)
    assert shares["killed_low"] == 1.0
    assert shares["killed_best"] == 0.5  # X1's best 12 against gold 14
    assert shares["killed_high"] == 1.0  # E2's high is blank in gold: only E1 is judged
    assert list(table["pred_event_id"]) == ["X1", "X2"]


def test_split_keeps_articles_of_one_event_together_and_draws_a_third():
    mentions = pd.DataFrame({
        "event_id": ["E1", "E1", "E2", "E2", "E3"] + [f"S{i}" for i in range(25)],
        "article_id": ["a", "b", "b", "c", "d"] + [f"s{i:02d}" for i in range(25)],
    })
    ids = sorted(set(mentions["article_id"]))
    assignment = corpus.draw_split(ids, mentions)
    assert set(assignment) == set(ids)
    assert assignment["a"] == assignment["b"] == assignment["c"]  # chained through E1 and E2
    n_test = sum(split == "test" for split in assignment.values())
    assert abs(n_test - len(ids) / 3) <= 3  # 29 articles: about 10 in test, the a-b-c group moves it by 3
    assert corpus.draw_split(list(reversed(ids)), mentions) == assignment  # order of the input does not matter


def test_scoring_the_seeds_gives_their_known_figures():
    from helpers import score

    result = score.score_split("seeds")
    scores = result["scores"]
    # data/gold/README.md: 18 killed figures, all found; 10 events, killed_best right for all.
    assert scores["annotate"]["figures"]["killed"]["n_gold"] == 18
    assert scores["annotate"]["figures"]["killed"]["f1"] == pytest.approx(1.0)
    assert scores["reconcile"]["grouping"]["bcubed_f1"] == pytest.approx(1.0)
    assert scores["reconcile"]["event_figures"]["killed_best"] == pytest.approx(1.0)
    assert not math.isnan(scores["reconcile"]["grouping"]["conll_f1"])
    assert "| killed | 18 |" in score.format_scores(scores)

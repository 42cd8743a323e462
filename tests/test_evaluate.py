"""Unit tests of helpers.evaluate on small made-up frames; every expected number was worked out by hand."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers import evaluate
from helpers.schemas import MENTIONS_COLUMNS

SOHR = "Syrian Observatory for Human Rights"


def _mentions(*rows: dict) -> pd.DataFrame:
    """Build a mentions frame with every contract column, as text like read_table gives it."""
    frame = pd.DataFrame([{column: row.get(column, "") for column in MENTIONS_COLUMNS} for row in rows])
    return frame.astype("string").replace("", pd.NA)


def _m(mention_id: str, article_id: str, killed: str, event_id: str, **fields: str) -> dict:
    """Return one mention row with sensible defaults for the fields that are scored."""
    row = {
        "mention_id": mention_id, "article_id": article_id, "killed": killed, "event_id": event_id,
        "role": "main", "date_start": "2022-03-04", "date_end": "2022-03-04", "place": "Kidal",
        "perpetrator": "Jihadists", "target": "Soldiers", "figure_source": "army",
        "evidence": f"Sentence about {killed} dead in {article_id}.",
    }
    row.update(fields)
    return row


@pytest.fixture
def gold() -> pd.DataFrame:
    return _mentions(
        _m("g1", "a1", "12", "E1"),
        _m("g2", "a1", "3", "E2", role="background", place="Gao"),
        _m("g3", "a2", "15", "E1", figure_source="monitor"),
    )


def test_perfect_prediction_scores_one_everywhere(gold):
    pred = gold.copy()
    pred["mention_id"] = ["p1", "p2", "p3"]
    scores, disagreements = evaluate.score_mentions(pred, gold)
    assert (scores["tp"], scores["fp"], scores["fn"]) == (3, 0, 0)
    assert scores["precision"] == scores["recall"] == scores["f1"] == 1.0
    assert all(scores[f"{field}_accuracy"] == 1.0 for field in evaluate.COMPARED_FIELDS)
    assert disagreements.empty
    assert evaluate.bcubed(pred, gold) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_missing_mention_lowers_recall_only(gold):
    pred = gold.iloc[[0, 2]].copy()
    scores, disagreements = evaluate.score_mentions(pred, gold)
    # 2 of 3 gold figures found, nothing extra: P = 2/2, R = 2/3, F1 = 2 * 1 * 2/3 / (5/3) = 0.8.
    assert (scores["tp"], scores["fp"], scores["fn"]) == (2, 0, 1)
    assert scores["precision"] == 1.0
    assert scores["recall"] == pytest.approx(2 / 3)
    assert scores["f1"] == pytest.approx(0.8)
    assert disagreements[["gold_mention_id", "kind", "field", "gold_value"]].values.tolist() == [
        ["g2", "missed", "killed", "3"]
    ]


def test_extra_mention_lowers_precision_only(gold):
    pred = pd.concat([gold, _mentions(_m("p9", "a2", "40", "X"))], ignore_index=True)
    scores, disagreements = evaluate.score_mentions(pred, gold)
    # 3 of 4 predictions right: P = 3/4, R = 1, F1 = 2 * 0.75 / 1.75 = 6/7.
    assert (scores["tp"], scores["fp"], scores["fn"]) == (3, 1, 0)
    assert scores["precision"] == 0.75
    assert scores["recall"] == 1.0
    assert scores["f1"] == pytest.approx(6 / 7)
    assert disagreements[["pred_mention_id", "kind", "pred_value"]].values.tolist() == [["p9", "extra", "40"]]


def test_same_figure_twice_in_one_article_is_a_multiset_paired_by_source():
    gold = _mentions(
        _m("g1", "a1", "20", "E1", figure_source="activists"),
        _m("g2", "a1", "20", "E1", figure_source=SOHR),
    )
    # Listed in the other order, plus a third 20 that repeats the monitor's figure.
    pred = _mentions(
        _m("p1", "a1", "20", "P1", figure_source=SOHR),
        _m("p2", "a1", "20", "P1", figure_source="activists"),
        _m("p3", "a1", "20", "P1", figure_source=SOHR),
    )
    matches = evaluate.match_mentions(pred, gold)
    assert dict(zip(matches["gold_mention_id"], matches["pred_mention_id"])) == {"g1": "p2", "g2": "p1"}
    scores, _ = evaluate.score_mentions(pred, gold)
    assert (scores["tp"], scores["fp"], scores["fn"]) == (2, 1, 0)
    assert scores["figure_source_accuracy"] == 1.0


def test_role_then_evidence_break_ties_between_equal_figures():
    gold = _mentions(
        _m("g1", "a1", "10", "E1", figure_source="", evidence="Ten soldiers died in the ambush on Monday."),
        _m("g2", "a1", "10", "E2", figure_source="", evidence="Last year ten herders were shot at a well."),
        _m("g3", "a1", "4", "E3", role="main"),
        _m("g4", "a1", "4", "E4", role="background"),
    )
    pred = _mentions(
        _m("p1", "a1", "10", "P2", figure_source="", evidence="Last year ten herders were shot at a well"),
        _m("p2", "a1", "10", "P1", figure_source="", evidence="Ten soldiers died in the ambush on Monday"),
        _m("p3", "a1", "4", "P4", role="background"),
        _m("p4", "a1", "4", "P3", role="main"),
    )
    matches = evaluate.match_mentions(pred, gold)
    assert dict(zip(matches["gold_mention_id"], matches["pred_mention_id"])) == {
        "g1": "p2", "g2": "p1", "g3": "p4", "g4": "p3",
    }


def test_figures_compare_as_integers_and_blank_killed_never_matches():
    gold = _mentions(_m("g1", "a1", "7", "E1"), _m("g2", "a1", "", "E2", casualties="40"))
    pred = _mentions(_m("p1", "a1", "7.0", "P1"), _m("p2", "a1", "", "P2", casualties="40"))
    scores, _ = evaluate.score_mentions(pred, gold)
    assert (scores["tp"], scores["fp"], scores["fn"]) == (1, 0, 0)


def test_figure_in_another_article_does_not_match():
    gold = _mentions(_m("g1", "a1", "7", "E1"))
    pred = _mentions(_m("p1", "a2", "7", "P1"))
    scores, _ = evaluate.score_mentions(pred, gold)
    assert (scores["tp"], scores["fp"], scores["fn"]) == (0, 1, 1)
    assert scores["f1"] == 0.0
    assert math.isnan(scores["date_accuracy"])


def test_field_accuracy_and_disagreements_on_matched_pairs():
    gold = _mentions(
        _m("g1", "a1", "12", "E1", target="Civilians;Soldiers"),
        _m("g2", "a1", "3", "E2", date_end="2022-03-05", place="Gao"),
    )
    pred = _mentions(
        _m("p1", "a1", "12", "P1", target="soldiers; Civilians"),  # same set of actors, other order and case
        _m("p2", "a1", "3", "P2", date_end="", place="Kidal"),
    )
    scores, disagreements = evaluate.score_mentions(pred, gold)
    assert scores["date_accuracy"] == 0.5
    assert scores["place_accuracy"] == 0.5
    assert scores["target_accuracy"] == 1.0
    assert scores["role_accuracy"] == 1.0
    assert disagreements[["gold_mention_id", "field", "gold_value", "pred_value"]].values.tolist() == [
        ["g2", "date", "2022-03-04/2022-03-05", "2022-03-04/"],
        ["g2", "place", "Gao", "Kidal"],
    ]


def _grouping_case(pred_events: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Five gold mentions a..e in events E1 = {a, b, c} and E2 = {d, e}, predicted with the given event ids."""
    gold_events = ["E1", "E1", "E1", "E2", "E2"]
    figures = ["5", "6", "7", "8", "9"]
    gold = _mentions(*(_m(f"g{i}", "a1", figure, event) for i, (figure, event) in enumerate(zip(figures, gold_events))))
    pred = _mentions(*(_m(f"p{i}", "a1", figure, event) for i, (figure, event) in enumerate(zip(figures, pred_events))))
    return pred, gold


def test_bcubed_of_a_wrong_split():
    # Predicted {a, b} and {c, d, e}.  Per item (precision, recall):
    # a, b: 2/2, 2/3;  c: 1/3, 1/3;  d, e: 2/3, 2/2  ->  P = R = (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15.
    pred, gold = _grouping_case(["P1", "P1", "P2", "P2", "P2"])
    result = evaluate.bcubed(pred, gold)
    assert result["precision"] == pytest.approx(11 / 15)
    assert result["recall"] == pytest.approx(11 / 15)
    assert result["f1"] == pytest.approx(11 / 15)


def test_bcubed_of_everything_merged():
    # One predicted cluster of five.  a, b, c: 3/5, 1;  d, e: 2/5, 1  ->  P = (9/5 + 4/5) / 5 = 13/25, R = 1,
    # F1 = 2 * 13/25 / (38/25) = 13/19.
    pred, gold = _grouping_case(["P1"] * 5)
    result = evaluate.bcubed(pred, gold)
    assert result["precision"] == pytest.approx(13 / 25)
    assert result["recall"] == 1.0
    assert result["f1"] == pytest.approx(13 / 19)


def test_bcubed_counts_an_unmatched_gold_mention_as_a_singleton():
    # Gold E1 = {a, b}; only a is found (in P1, together with an extra prediction that is not gold).
    # a: P = 1/1 (only gold items count), R = 1/2;  b alone: P = 1, R = 1/2  ->  P = 1, R = 1/2, F1 = 2/3.
    gold = _mentions(_m("g1", "a1", "5", "E1"), _m("g2", "a1", "6", "E1"))
    pred = _mentions(_m("p1", "a1", "5", "P1"), _m("p2", "a1", "99", "P1"))
    result = evaluate.bcubed(pred, gold)
    assert result == pytest.approx({"precision": 1.0, "recall": 0.5, "f1": 2 / 3})


def test_killed_best_agreement_follows_the_majority_event():
    gold_mentions = _mentions(
        _m("g1", "a1", "20", "E1"), _m("g2", "a2", "23", "E1"), _m("g3", "a3", "33", "E1"),
        _m("g4", "a3", "7", "E2"),
        _m("g5", "a4", "2", "E3"),
    )
    gold_events = pd.DataFrame({"event_id": ["E1", "E2", "E3"], "killed_best": ["33", "7", "2"]}, dtype="string")
    pred_mentions = _mentions(
        _m("p1", "a1", "20", "P1"), _m("p2", "a2", "23", "P1"), _m("p3", "a3", "33", "P2"),
        _m("p4", "a3", "7", "P3"),
    )
    pred_events = pd.DataFrame({"event_id": ["P1", "P2", "P3"], "killed_best": ["33", "33", "5"]}, dtype="string")
    share, table = evaluate.killed_best_agreement(pred_events, pred_mentions, gold_events, gold_mentions)
    # E1: 2 of its 3 mentions sit in P1 (best 33) -> agrees; E2: P3 says 5, not 7; E3: not found at all.
    assert share == pytest.approx(1 / 3)
    assert table[["gold_event_id", "n_gold_mentions", "n_matched", "pred_event_id", "is_agreed"]].values.tolist() == [
        ["E1", 3, 3, "P1", True],
        ["E2", 1, 1, "P3", False],
        ["E3", 1, 0, "", False],
    ]


def test_killed_best_agreement_breaks_a_tie_by_event_id():
    gold_mentions = _mentions(_m("g1", "a1", "20", "E1"), _m("g2", "a2", "23", "E1"))
    gold_events = pd.DataFrame({"event_id": ["E1"], "killed_best": ["23"]}, dtype="string")
    pred_mentions = _mentions(_m("p1", "a1", "20", "P2"), _m("p2", "a2", "23", "P1"))
    pred_events = pd.DataFrame({"event_id": ["P1", "P2"], "killed_best": ["23", "20"]}, dtype="string")
    share, table = evaluate.killed_best_agreement(pred_events, pred_mentions, gold_events, gold_mentions)
    assert table.loc[0, "pred_event_id"] == "P1"
    assert share == 1.0


def test_place_names_are_compared_as_toponyms():
    from helpers.evaluate import _field_value

    assert _field_value(pd.Series({"place": "Al Mayadin"}), "place") == _field_value(pd.Series({"place": "Mayadin"}), "place")
    assert _field_value(pd.Series({"place": "Ar Raqqah;Homs"}), "place") == _field_value(pd.Series({"place": "Homs;Raqqa"}), "place")
    assert _field_value(pd.Series({"place": "Homs"}), "place") != _field_value(pd.Series({"place": "Hama"}), "place")


def test_grouping_scores_of_a_wrong_split():
    # True {a, b, c} {d, e}; predicted {a, b} {c, d, e}: B-cubed 11/15 as above. Pairs: true ab ac bc de,
    # predicted ab cd ce de, shared ab de -> pairwise precision = recall = 2/4.
    scores = evaluate.grouping_scores(pd.Series(list("TTTUU")), pd.Series(list("PPQQQ")))
    assert scores["bcubed_precision"] == pytest.approx(11 / 15) and scores["bcubed_recall"] == pytest.approx(11 / 15)
    assert scores["pairwise_precision"] == 0.5 and scores["pairwise_recall"] == 0.5 and scores["pairwise_f1"] == 0.5


def test_grouping_scores_of_everything_merged_and_everything_alone():
    merged = evaluate.grouping_scores(pd.Series(list("TTTUU")), pd.Series(["P"] * 5))
    assert merged["bcubed_precision"] == pytest.approx(13 / 25) and merged["bcubed_recall"] == 1.0
    assert merged["bcubed_f1"] == pytest.approx(13 / 19) and merged["pairwise_precision"] == pytest.approx(4 / 10)
    alone = evaluate.grouping_scores(pd.Series(list("TTTUU")), pd.Series(list("abcde")))
    assert alone["bcubed_precision"] == 1.0 and alone["bcubed_recall"] == pytest.approx((3 * 1 / 3 + 2 * 1 / 2) / 5)
    assert math.isnan(alone["pairwise_precision"]) and alone["pairwise_recall"] == 0.0


def test_grouping_scores_need_one_label_per_item_on_both_sides():
    with pytest.raises(ValueError):
        evaluate.grouping_scores(pd.Series(list("TT")), pd.Series(list("P")))
    with pytest.raises(ValueError):
        evaluate.grouping_scores(pd.Series(["T", "T"]), pd.Series(["P", None]))


def test_date_accuracy_by_precision_splits_by_gold_precision_and_publication():
    """A gold `day` row dated wrong counts against `day` only; an undated row left blank by both is right."""
    gold = pd.DataFrame({
        "mention_id": ["g1", "g2", "g3"], "article_id": ["a", "a", "b"],
        "date_start": ["2020-03-04", "2020-03-02", ""], "date_end": ["2020-03-04", "2020-03-08", ""],
        "date_precision": ["day", "week", "unknown"],
    })
    pred = pd.DataFrame({
        "mention_id": ["p1", "p2", "p3"], "article_id": ["a", "a", "b"],
        "date_start": ["2020-03-03", "2020-03-02", ""], "date_end": ["2020-03-03", "2020-03-08", ""],
        "date_precision": ["day", "week", "unknown"],
    })
    matches = pd.DataFrame({"article_id": ["a", "a", "a", "b"], "pred_mention_id": ["p1", "p1", "p2", "p3"],
                            "gold_mention_id": ["g1", "g1", "g2", "g3"]})  # g1 matched on killed and wounded
    summary, rows = evaluate.date_accuracy_by_precision(matches, pred, gold, {"a": "day", "b": ""})
    assert len(rows) == 3
    by_key = summary.set_index(["gold_precision", "has_published"])
    assert by_key.loc[("day", "all"), "n_rows"] == 1 and by_key.loc[("day", "all"), "accuracy"] == 0.0
    assert by_key.loc[("week", "yes"), "accuracy"] == 1.0
    assert by_key.loc[("unknown", "no"), "n_equal"] == 1
    assert by_key.loc[("all", "all"), "n_rows"] == 3 and by_key.loc[("all", "all"), "n_equal"] == 2
    assert by_key.loc[("all", "yes"), "n_articles_wrong"] == 1
    assert list(summary["gold_precision"].drop_duplicates()) == ["day", "week", "unknown", "all"]

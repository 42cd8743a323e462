"""Folds of dev articles grouped by country or outlet for the place models (helpers.place_folds), on toy tables."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import learned_choice, place_folds
from helpers.model_files import BinaryLinearModel


class ToyModel(BinaryLinearModel):
    WHAT = "toy"
    FORMAT = 1


def _gold(rows):
    return pd.DataFrame(rows, columns=["article_id", "event_id", "country"])


def test_each_country_is_a_fold_and_articles_that_share_an_event_stay_together():
    gold = _gold([("a1", "E1", "Mali"), ("a2", "E1", "Mali"), ("a2", "E2", "Niger"), ("a3", "E3", "Niger"),
                  ("a4", "E4", "Chad"), ("a4", "E5", "Niger"), ("a4", "E6", "Niger")])
    folds = place_folds.country_folds(["a1", "a2", "a3", "a4", "a5"], gold)
    # a1 and a2 share E1: one group, whose rows name Mali twice and Niger once; a4 names Niger most; a5 has no gold
    assert folds["a1"] == folds["a2"]
    assert folds["a3"] == folds["a4"] != folds["a1"]
    assert len(set(folds.values())) == 3  # Mali, Niger and the articles without a gold country
    assert folds["a5"] not in (folds["a1"], folds["a3"])


def test_an_outlets_articles_share_a_fold_with_those_that_share_their_events():
    gold = _gold([("a1", "E1", "Mali"), ("b1", "E1", "Mali"), ("b2", "E2", "Chad"), ("c1", "E3", "Peru"),
                  ("d1", "E4", "Iraq")])
    outlets = {"a1": "Outlet A", "b1": "Outlet B", "b2": "outlet b", "c1": "Outlet C", "d1": "Outlet D"}
    folds = place_folds.outlet_folds(["a1", "b1", "b2", "c1", "d1"], gold, outlets, folds=2)
    assert folds["a1"] == folds["b1"] == folds["b2"]  # an event joins A to B; B is B whatever its case
    assert folds["c1"] == folds["d1"] != folds["a1"]  # the large group alone, the two small ones together


def test_an_unknown_grouping_is_refused():
    with pytest.raises(ValueError, match="grouped by one of event, country, outlet"):
        place_folds.dev_folds(["x"], "town")


def _choice(tmp_path):
    recipe = {"C": 10.0, "max_iter": 1000, "min_feature_count": 1, "random_state": 0, "folds": 2}
    return learned_choice.LearnedChoice(what="toy", model_class=ToyModel, model_path=tmp_path / "toy.json",
                                        module="helpers.toy", recipe=recipe, labels="right or not")


def _accuracy(model, groups):
    right = 0
    for _, rows in groups:
        scores = [model.score(features) for features, _ in rows]
        right += rows[max(range(len(rows)), key=lambda i: (scores[i], -i))][1]
    return right, len(groups)


def test_a_feature_that_names_a_country_helps_only_in_folds_that_share_the_country(tmp_path):
    # in each country the rules' candidate (first) is right in four articles; in three others the right one carries
    # a feature naming a town of that country: a model that saw the country's other articles learns the town, one
    # that did not falls back on the rules
    groups = []
    for country in ("A", "B", "C"):
        for number in range(4):
            groups.append((f"{country}{number}", [({"rule=yes": 1.0}, 1), ({"n=2": 1.0}, 0)]))
        for number in range(4, 7):
            groups.append((f"{country}{number}", [({"rule=yes": 1.0}, 0), ({"n=2": 1.0, f"town={country}": 1.0}, 1)]))
    by_article = {article: int(article[1:]) % 2 for article, _ in groups}  # every country in both folds
    by_country = {article: "ABC".index(article[0]) for article, _ in groups}
    choice = _choice(tmp_path)
    assert place_folds.grouped_accuracy(choice, groups, _accuracy, by_article) == (21, 21)
    assert place_folds.grouped_accuracy(choice, groups, _accuracy, by_country) == (12, 21)


def test_a_general_feature_holds_when_a_country_is_left_out(tmp_path):
    groups = [(f"{country}{number}", [({"rule=yes": 1.0}, 0), ({"dateline=yes": 1.0}, 1)])
              for country in "ABC" for number in range(3)]
    by_country = {article: "ABC".index(article[0]) for article, _ in groups}
    assert place_folds.grouped_accuracy(_choice(tmp_path), groups, _accuracy, by_country) == (9, 9)


def test_a_fold_with_nothing_to_fit_on_keeps_the_rules_choice(tmp_path):
    groups = [("A0", [({"x": 1.0}, 1), ({"y": 1.0}, 0)]), ("A1", [({"x": 1.0}, 0), ({"y": 1.0}, 1)])]
    assert place_folds.grouped_accuracy(_choice(tmp_path), groups, _accuracy, {"A0": 0, "A1": 0}) == (1, 2)

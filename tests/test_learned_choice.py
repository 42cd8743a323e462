"""The shared machinery of the learned choices among candidates (helpers.learned_choice)."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers import learned_choice
from helpers.model_files import BinaryLinearModel, FoldModels


class ToyModel(BinaryLinearModel):
    WHAT = "toy"
    FORMAT = 7


RECIPE = {"C": 1.0, "max_iter": 1000, "min_feature_count": 1, "random_state": 0, "folds": 2}


def toy_choice(tmp_path) -> learned_choice.LearnedChoice:
    return learned_choice.LearnedChoice(what="toy", model_class=ToyModel, model_path=tmp_path / "toy.json",
                                        module="helpers.toy", recipe=RECIPE, labels="the candidate is right or not",
                                        fold_what="toy choice")


def test_a_missing_model_names_the_command_that_makes_it(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"python -m helpers\.toy train"):
        toy_choice(tmp_path).load_model()


def test_the_shipped_model_is_read_once_and_checked_for_its_format(tmp_path):
    choice = toy_choice(tmp_path)
    model = ToyModel(("a",), (1.0,), 0.0, {})
    (tmp_path / "toy.json").write_text(json.dumps(model.to_dict()))
    assert choice.load_model() is choice.load_model()
    assert choice.load_model().weights == (1.0,)
    (tmp_path / "other.json").write_text(json.dumps({**model.to_dict(), "format": 1}))
    with pytest.raises(ValueError, match="toy model format must be 7"):
        choice.load_model(str(tmp_path / "other.json"))


def test_a_model_swapped_in_is_used_inside_its_block_only(tmp_path):
    choice = toy_choice(tmp_path)
    shipped = ToyModel(("a",), (1.0,), 0.0, {})
    (tmp_path / "toy.json").write_text(json.dumps(shipped.to_dict()))
    other = ToyModel(("b",), (2.0,), 0.0, {})
    with choice.using_model(other):
        assert choice.model_for("x") is other
    assert choice.model_for("x") == shipped


def test_out_of_fold_models_give_each_article_its_folds_model_and_refuse_others(tmp_path):
    choice = toy_choice(tmp_path)
    first, second = ToyModel((), (), 0.0, {}), ToyModel((), (), 1.0, {})
    with choice.using_model(FoldModels({"a1": 0, "a2": 1}, {0: first, 1: second}, "toy choice")):
        assert choice.model_for("a1") is first and choice.model_for("a2") is second
        with pytest.raises(ValueError, match="out-of-fold toy choice is for the dev split"):
            choice.model_for("elsewhere")


def test_fit_learns_which_feature_marks_the_right_candidate_and_records_its_recipe(tmp_path):
    features = [{"near": 1.0}, {"far": 1.0}] * 10
    model = toy_choice(tmp_path).fit(features, [1, 0] * 10)
    assert model.score({"near": 1.0}) > 0.5 > model.score({"far": 1.0})
    assert model.recipe["n_examples"] == 20 and model.recipe["n_positive"] == 10
    with pytest.raises(ValueError, match="0 or 1 .the candidate is right or not"):
        toy_choice(tmp_path).fit(features[:3], [1, 0, 2])


def test_cross_validation_judges_each_fold_by_a_model_that_never_saw_it(tmp_path, monkeypatch):
    choice = toy_choice(tmp_path)
    monkeypatch.setattr(choice, "fold_of", lambda ids, folds=None: {"a1": 0, "a2": 1})
    # each article's candidates say the opposite of the other's: a model fitted on one fold is wrong on the other
    groups = [("a1", [({"x": 1.0}, 1), ({"y": 1.0}, 0)] * 5), ("a2", [({"x": 1.0}, 0), ({"y": 1.0}, 1)] * 5)]

    def accuracy(model, judged):
        right = sum(int((model.score(features) > 0.5) == bool(label)) for _, rows in judged for features, label in rows)
        return right, sum(len(rows) for _, rows in judged)

    assert choice.cross_validate(groups, accuracy) == (0, 20)


def test_out_of_fold_models_are_fitted_without_their_own_folds_examples(tmp_path, monkeypatch):
    choice = toy_choice(tmp_path)
    monkeypatch.setattr(choice, "fold_of", lambda ids, folds=None: {"a1": 0, "a2": 1})
    examples = pd.DataFrame({"article_id": ["a1", "a1", "a2", "a2"] * 3,
                             "features": [json.dumps({"x": 1.0}), json.dumps({"y": 1.0})] * 6,
                             "label": [1, 0, 0, 1] * 3})
    models = choice.out_of_fold_models(examples, ["a1", "a2"])
    assert models.model_for("a1").score({"x": 1.0}) < 0.5  # a2's examples: x is wrong
    assert models.model_for("a2").score({"x": 1.0}) > 0.5  # a1's examples: x is right


def test_the_recorder_reads_its_keys_when_the_examples_are_read():
    class Item:
        keys = (1,)

    item = Item()
    recorder = learned_choice.ExampleRecorder(keys_of=lambda it: it.keys)
    recorder.record("a1", item, ["c"])
    item.keys = (5, 9)  # the item changed after its choice (a figure set merged into another)
    assert recorder.examples == {("a1", 5): ["c"], ("a1", 9): ["c"]}


def test_cross_validation_can_compare_another_recipe(tmp_path, monkeypatch):
    choice = toy_choice(tmp_path)
    monkeypatch.setattr(choice, "fold_of", lambda ids, folds=None: {"a1": 0, "a2": 1})
    groups = [("a1", [({"x": 1.0}, 1), ({"y": 1.0}, 0)] * 5), ("a2", [({"x": 1.0}, 1), ({"y": 1.0}, 0)] * 5)]
    recipes = []
    real_fit = choice.fit
    monkeypatch.setattr(choice, "fit", lambda f, l, recipe=None: recipes.append(recipe) or real_fit(f, l, recipe))
    choice.cross_validate(groups, lambda model, judged: (0, 0), recipe={"C": 0.01})
    assert recipes == [{"C": 0.01}, {"C": 0.01}]


class _Found:
    def __init__(self, features):
        self.features = features


def test_a_choice_over_the_rules_keeps_the_rules_candidate_on_a_tie_and_while_recording(tmp_path):
    choice = toy_choice(tmp_path)
    found = [_Found({"rule": 1.0}), _Found({"other": 1.0}), _Found({"better": 1.0})]
    with choice.using_model(ToyModel(("better",), (2.0,), 0.0, {})):
        assert choice.choose_over_rules(found) == 2
    with choice.using_model(ToyModel((), (), 0.0, {})):  # every candidate scores the same: the rules' stands
        assert choice.choose_over_rules(found) == 0
    recorder = learned_choice.RowRecorder()
    with choice.using_model(recorder):
        assert choice.choose_over_rules(found, "a1", (10, 20)) is None
    assert recorder.examples == {("a1", 10): found, ("a1", 20): found}


def test_writing_a_model_replaces_the_cached_shipped_one(tmp_path):
    choice = toy_choice(tmp_path)
    first = ToyModel(("a",), (1.0,), 0.0, {})
    examples = pd.DataFrame({"article_id": ["a1"], "features": ["{}"], "label": [1]})
    choice.write(first, examples, tmp_path / "toy.json", tmp_path / "toy_examples.csv")
    assert choice.load_model().weights == (1.0,)
    choice.write(ToyModel(("a",), (3.0,), 0.0, {}), examples, tmp_path / "toy.json", tmp_path / "toy_examples.csv")
    assert choice.load_model().weights == (3.0,)
    assert "features" not in (tmp_path / "toy_examples.csv").read_text()

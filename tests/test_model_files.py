"""Shipped-model files and the temporary model switch shared by the figure-kind and source-attribution models."""
import pytest

from helpers.model_files import ModelSwitch, read_model


def test_a_missing_model_file_names_the_command_that_makes_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="python -m helpers.example train"):
        read_model(tmp_path / "absent.json", dict, "example", "python -m helpers.example train")


def test_a_model_file_is_built_by_its_from_dict(tmp_path):
    path = tmp_path / "model.json"
    path.write_text('{"format": 1, "weights": [0.5]}', encoding="utf-8")
    assert read_model(path, lambda data: data["weights"], "example", "train it") == [0.5]


def test_the_switch_uses_the_innermost_model_and_returns_to_the_shipped_one():
    switch = ModelSwitch(lambda: "shipped")
    assert switch.current() == "shipped"
    with switch.using("fold 1"):
        with switch.using("recorder"):
            assert switch.current() == "recorder"
        assert switch.current() == "fold 1"
    assert switch.current() == "shipped"
    with pytest.raises(RuntimeError):
        with switch.using("fold 2"):
            raise RuntimeError("a fold failed")
    assert switch.current() == "shipped"


def test_features_seen_in_fewer_examples_than_the_minimum_are_dropped_before_vectorising():
    from helpers.model_files import vectorise_common_features

    examples = [{"verb=killed": 1.0, "article_word=Xyz": 1.0}, {"verb=killed": 1.0, "quoted": 1.0},
                {"quoted": 1.0}]
    vectoriser, matrix = vectorise_common_features(examples, min_count=2)
    assert list(vectoriser.get_feature_names_out()) == ["quoted", "verb=killed"]
    assert matrix.toarray().tolist() == [[0.0, 1.0], [1.0, 1.0], [1.0, 0.0]]


def test_a_binary_linear_model_names_itself_in_its_errors_and_round_trips_through_json():
    import json

    from helpers.model_files import BinaryLinearModel

    class ExampleModel(BinaryLinearModel):
        WHAT = "example-choice"
        FORMAT = 3

    model = ExampleModel(("near=yes", "quoted"), (2.0, -1.0), 0.5, {"C": 1.0})
    assert ExampleModel.from_dict(json.loads(json.dumps(model.to_dict()))) == model
    assert model.score({"near=yes": 1.0, "unseen": 5.0}) == pytest.approx(1 / (1 + 2.718281828459045 ** -2.5))
    with pytest.raises(ValueError, match="example-choice model format must be 3"):
        ExampleModel.from_dict({**model.to_dict(), "format": 1})

"""Shipped-model files and the temporary model switch shared by the learned models (figure kinds, attack country, attack province)."""
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


def test_a_model_and_its_examples_are_written_beside_each_other_without_the_feature_dicts(tmp_path, capsys):
    import pandas as pd

    from helpers.model_files import BinaryLinearModel, write_model_and_examples

    model = BinaryLinearModel(("quoted",), (1.0,), 0.0, {})
    examples = pd.DataFrame({"article_id": ["a1"], "label": [1], "features": ['{"quoted": 1.0}']})
    write_model_and_examples(model, examples, tmp_path / "m.json", tmp_path / "new" / "m_examples.csv")
    assert (tmp_path / "new" / "m_examples.csv").read_text(encoding="utf-8") == "article_id,label\na1,1\n"
    assert BinaryLinearModel.from_dict(__import__("json").loads((tmp_path / "m.json").read_text())) == model
    assert "wrote m.json (1 features) and m_examples.csv (1 candidates)" in capsys.readouterr().out


def test_the_train_command_refits_only_when_asked_to_train():
    from helpers.model_files import train_command

    calls = []
    assert train_command(["train"], "helpers.example", "Example.\n\nMore.", lambda: calls.append(1)) == 0
    assert calls == [1]
    with pytest.raises(SystemExit):
        train_command(["fit"], "helpers.example", "Example.", lambda: calls.append(2))
    assert calls == [1]

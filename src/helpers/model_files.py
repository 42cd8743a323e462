"""What the workbook's shipped scikit-learn models have in common: reading one from its JSON file in
data/models/ (with the command that makes it when it is missing) and swapping in another model for a block of
code (cross-validation fits a model per fold; training records the examples a model would see).
"""
from __future__ import annotations

import argparse
import json
import math
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, ClassVar, Generic, TypeVar


Model = TypeVar("Model")


def read_model(path: Path, from_dict: Callable[[dict], Model], what: str, train_command: str) -> Model:
    """Read a shipped model's JSON and build it with `from_dict` (which checks the format); a missing file says
    which command makes it."""
    if not path.exists():
        raise FileNotFoundError(f"no {what} model at {path}; train it with `{train_command}`")
    return from_dict(json.loads(path.read_text(encoding="utf-8")))


def write_model_and_examples(model, examples, model_path: Path, examples_path: Path, what: str = "candidates") -> None:
    """Write a fitted model's JSON (sorted keys, so a retrain that changes nothing changes no byte) and its
    training examples as CSV beside it (without the feature dicts, which the recipe recomputes), and say so."""
    examples_path.parent.mkdir(parents=True, exist_ok=True)
    examples.drop(columns="features").to_csv(examples_path, index=False, lineterminator="\n", encoding="utf-8")
    model_path.write_text(json.dumps(model.to_dict(), sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {model_path.name} ({len(model.feature_names)} features) and {examples_path.name} "
          f"({len(examples)} {what})")


def train_command(argv: list[str] | None, module: str, description: str, train: Callable[[], object]) -> int:
    """The command line of a learned part, `python -m <module> train`: extract the dev examples and refit."""
    parser = argparse.ArgumentParser(prog=f"python -m {module}", description=description.split("\n\n")[0])
    parser.add_argument("command", choices=["train"], help="train: extract the dev examples and refit the model")
    parser.parse_args(argv)
    train()
    return 0


def vectorise_common_features(features: list[dict[str, float]], min_count: int):
    """Drop the features seen in fewer than `min_count` examples (a rare feature names one article rather than a
    way of writing), then vectorise the rest in sorted order: returns the fitted DictVectorizer and the matrix."""
    from sklearn.feature_extraction import DictVectorizer

    counts: dict[str, int] = {}
    for example in features:
        for name in example:
            counts[name] = counts.get(name, 0) + 1
    kept = [{name: value for name, value in example.items() if counts[name] >= min_count} for example in features]
    vectoriser = DictVectorizer(sort=True)
    return vectoriser, vectoriser.fit_transform(kept)


@dataclass(frozen=True)
class BinaryLinearModel:
    """A binary linear model over candidate features (feature names, weights, intercept and the recipe that fitted
    it), as the learned choices among candidates ship it. A subclass names what it chooses (`WHAT`, used in its
    errors) and its file format number (`FORMAT`)."""

    feature_names: tuple[str, ...]
    weights: tuple[float, ...]
    intercept: float
    recipe: dict

    WHAT: ClassVar[str] = "binary linear"
    FORMAT: ClassVar[int] = 1

    @classmethod
    def from_dict(cls, data: dict):
        """Build the model from its JSON form, checking the format."""
        if data.get("format") != cls.FORMAT:
            raise ValueError(f"{cls.WHAT} model format must be {cls.FORMAT}; got {data.get('format')!r}")
        names, weights = tuple(data["feature_names"]), tuple(float(v) for v in data["weights"])
        if len(names) != len(weights):
            raise ValueError(f"{cls.WHAT} model: one weight per feature name")
        return cls(names, weights, float(data["intercept"]), dict(data.get("recipe", {})))

    def to_dict(self) -> dict:
        """Return the JSON form (weights rounded to 6 decimals, so the file is stable and small)."""
        return {"format": self.FORMAT, "feature_names": list(self.feature_names),
                "weights": [round(v, 6) for v in self.weights], "intercept": round(self.intercept, 6),
                "recipe": self.recipe}

    def score(self, features: dict[str, float]) -> float:
        """Return the probability that a candidate is the one to choose."""
        index = self.__dict__.get("_index_cache")
        if index is None:
            index = {name: i for i, name in enumerate(self.feature_names)}
            object.__setattr__(self, "_index_cache", index)
        total = self.intercept + sum(self.weights[index[name]] * value for name, value in features.items()
                                     if name in index)
        return 1.0 / (1.0 + math.exp(-total))


class FoldModels:
    """Stands in for a shipped model in out-of-fold scoring: each dev article is judged by the model fitted on
    the other folds' articles; `what` names the choice in the error for an article outside the folds."""

    def __init__(self, fold_of: dict[str, int], models: dict, what: str = "choice"):
        self.fold_of, self.models, self.what = fold_of, models, what

    def model_for(self, article_id: str):
        if article_id not in self.fold_of:
            raise ValueError(f"out-of-fold {self.what} is for the dev split's articles; got {article_id!r}")
        return self.models[self.fold_of[article_id]]


class ModelSwitch(Generic[Model]):
    """The model in use: the innermost one set by `using`, else the one `shipped` returns."""

    def __init__(self, shipped: Callable[[], Model]):
        self._shipped = shipped
        self._stack: list[Model] = []

    def current(self) -> Model:
        return self._stack[-1] if self._stack else self._shipped()

    @contextmanager
    def using(self, model: Model):
        """Use `model` inside the block, the previous one after it (also when the block raises)."""
        self._stack.append(model)
        try:
            yield model
        finally:
            self._stack.pop()

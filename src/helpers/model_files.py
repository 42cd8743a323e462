"""What the workbook's shipped scikit-learn models have in common: reading one from its JSON file in
data/models/ (with the command that makes it when it is missing) and swapping in another model for a block of
code (cross-validation fits a model per fold; training records the examples a model would see).
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Generic, TypeVar


Model = TypeVar("Model")


def read_model(path: Path, from_dict: Callable[[dict], Model], what: str, train_command: str) -> Model:
    """Read a shipped model's JSON and build it with `from_dict` (which checks the format); a missing file says
    which command makes it."""
    if not path.exists():
        raise FileNotFoundError(f"no {what} model at {path}; train it with `{train_command}`")
    return from_dict(json.loads(path.read_text(encoding="utf-8")))


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

"""A learned choice among candidates: what the workbook's binary candidate models share.

Several judgements are made the same way: rules propose candidates (the countries an attack might be in, its
provinces), each candidate gets a feature dict, a binary logistic regression scores
every candidate, and the highest wins. A `LearnedChoice` holds everything such a choice does apart from its
candidates and features:

- reading the shipped model from data/models/ (cached; a missing file names the command that makes it);
- swapping in another model for a block of code: the models of out-of-fold scoring (one per fold of dev
  articles) or an `ExampleRecorder`, which records each choice's candidates while training examples are
  extracted;
- fitting the recipe's logistic regression on candidate feature dicts and 0/1 labels;
- the folds of dev articles (articles that share a gold event are in one fold), and the out-of-fold accuracy
  and models built on them.

A module that makes a choice creates one `LearnedChoice` and keeps its candidates, its features and how
candidates are labelled from gold (helpers.attack_country, helpers.attack_place).
"""
from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Callable, Hashable, Iterable

from threadpoolctl import threadpool_limits

from helpers.model_files import (BinaryLinearModel, FoldModels, ModelSwitch, read_model, train_command,
                                 vectorise_common_features, write_model_and_examples)


class ExampleRecorder:
    """Stands in for a model while training examples are extracted: records each choice's candidates with the
    item they were found for. `keys_of(item)` gives the row keys (e.g. figure starts) the item's candidates
    label; it is called when the examples are read, since an item may change after its choice (a figure set
    merged into another)."""

    def __init__(self, keys_of: Callable[[object], Iterable[Hashable]]):
        self._keys_of = keys_of
        self._found: list[tuple[str, object, list]] = []

    def record(self, article_id: str, item: object, found: list) -> None:
        self._found.append((article_id, item, found))

    @property
    def examples(self) -> dict[tuple[str, Hashable], list]:
        """The candidates by (article, key) of every recorded choice."""
        return {(article_id, key): found for article_id, item, found in self._found for key in self._keys_of(item)}


class RowRecorder(ExampleRecorder):
    """An ExampleRecorder for choices recorded with the figure starts of the rows they label (an event's place)."""

    def __init__(self):
        super().__init__(keys_of=lambda keys: keys)


class LearnedChoice:
    """One learned choice: its model class and file, the command that trains it, and its recipe.

    `what` names the choice in messages ("attack-country"); `labels` says what a positive label means, for
    the error on labels other than 0 and 1; `fold_what` names the choice in out-of-fold errors."""

    def __init__(self, *, what: str, model_class: type[BinaryLinearModel], model_path: Path, module: str,
                 recipe: dict, labels: str, fold_what: str = "choice"):
        self.fold_what = fold_what
        self.what, self.model_class, self.model_path = what, model_class, model_path
        self.module, self.recipe, self.labels = module, recipe, labels
        self.load_model = functools.lru_cache(maxsize=2)(self._load_model)
        self._models: ModelSwitch = ModelSwitch(self.load_model)

    @property
    def train_command(self) -> str:
        return f"python -m {self.module} train"

    def _load_model(self, path: str | None = None) -> BinaryLinearModel:
        """The shipped model (or the one at `path`)."""
        return read_model(Path(path) if path else self.model_path, self.model_class.from_dict, self.what,
                          self.train_command)

    def using_model(self, model):
        """Choose with another model inside the block (out-of-fold models), or record with an ExampleRecorder."""
        return self._models.using(model)

    def model_for(self, article_id: str):
        """The model that judges an article's candidates now: the shipped one, the fold model of the article in
        out-of-fold scoring, or the ExampleRecorder while examples are extracted."""
        model = self._models.current()
        return model.model_for(article_id) if isinstance(model, FoldModels) else model

    def choose_over_rules(self, found: list, article_id: str = "", keys: tuple[int, ...] = ()) -> int | None:
        """Return the index of the candidate the model scores highest, where the first candidate is the rules'
        choice and wins ties; None while examples are recorded (the rules' choice stands), the candidates
        recorded under the figure starts `keys` of the rows they label."""
        model = self.model_for(article_id)
        if isinstance(model, ExampleRecorder):
            model.record(article_id, keys, found)
            return None
        scores = [model.score(candidate.features) for candidate in found]
        return max(range(len(found)), key=lambda i: (scores[i], -i))

    def write(self, model, examples, model_path: Path, examples_path: Path, what: str = "candidates") -> None:
        """Write a fitted model and its examples (model_files.write_model_and_examples) and forget the cached
        shipped model, so that the next choice reads the new one."""
        write_model_and_examples(model, examples, model_path, examples_path, what)
        self.load_model.cache_clear()

    def main(self, argv: list[str] | None, description: str, train: Callable[[], object]) -> int:
        """The choice's command line, `python -m <module> train` (model_files.train_command)."""
        return train_command(argv, self.module, description, train)

    def fit(self, features: list[dict[str, float]], labels: list[int], recipe: dict | None = None):
        """Fit the recipe's logistic regression on candidate feature dicts and 0/1 labels."""
        from sklearn.linear_model import LogisticRegression

        recipe = {**self.recipe, **(recipe or {})}
        if set(labels) - {0, 1}:
            raise ValueError(f"labels must be 0 or 1 ({self.labels})")
        vectoriser, matrix = vectorise_common_features(features, recipe["min_feature_count"])
        estimator = LogisticRegression(C=recipe["C"], max_iter=recipe["max_iter"],
                                       random_state=recipe["random_state"])
        with threadpool_limits(1):  # one BLAS thread: on a shared machine more only wait for each other
            estimator.fit(matrix, labels)
        return self.model_class(tuple(vectoriser.get_feature_names_out()),
                                tuple(float(v) for v in estimator.coef_[0]), float(estimator.intercept_[0]),
                                {**recipe, "n_examples": len(labels), "n_positive": int(sum(labels))})

    def fit_examples(self, examples):
        """Fit on an examples table (a JSON `features` column and a 0/1 `label` column)."""
        return self.fit([json.loads(v) for v in examples["features"]], list(examples["label"]))

    def fold_of(self, article_ids: Iterable[str], folds: int | None = None) -> dict[str, int]:
        """The fold of each dev article; articles that share a gold event are in one fold
        (figure_kinds.article_folds)."""
        from helpers import corpus, figure_kinds

        return figure_kinds.article_folds(sorted(set(article_ids)), corpus.read_gold("dev")[0],
                                          folds or self.recipe["folds"])

    def cross_validate(self, groups: list[tuple[str, list]], accuracy: Callable[[object, list], tuple[int, int]],
                       folds: int | None = None, recipe: dict | None = None) -> tuple[int, int]:
        """Out-of-fold accuracy over `groups`, one per choice: (article_id, [(features, label, ...), ...]).
        For each fold, a model fitted on the other folds' candidates (with the recipe changed by `recipe`, to
        compare settings) is judged by `accuracy(model, groups)`, which returns (right, total)."""
        folds = folds or self.recipe["folds"]
        fold_of = self.fold_of([article for article, _ in groups], folds)
        right = total = 0
        for fold in range(folds):
            rows = [row for article, found in groups if fold_of[article] != fold for row in found]
            model = self.fit([row[0] for row in rows], [row[1] for row in rows], recipe)
            r, t = accuracy(model, [group for group in groups if fold_of[group[0]] == fold])
            right, total = right + r, total + t
        return right, total

    def out_of_fold_models(self, examples, article_ids: Iterable[str], folds: int | None = None,
                           fold_of: dict[str, int] | None = None) -> FoldModels:
        """The models of out-of-fold scoring: one per fold of `article_ids` (the recipe's folds, or those of
        `fold_of`: helpers.place_folds), fitted on the other folds' rows of the examples table. Use as
        `with choice.using_model(choice.out_of_fold_models(...)): ...`."""
        fold_of = fold_of if fold_of is not None else self.fold_of(article_ids, folds or self.recipe["folds"])
        models = {fold: self.fit_examples(examples[examples["article_id"].map(fold_of) != fold])
                  for fold in sorted(set(fold_of.values()))}
        return FoldModels(fold_of, models, self.fold_what)

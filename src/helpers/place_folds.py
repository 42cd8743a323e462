"""How the learned place choices fare on a country or an outlet they have not seen: grouped folds of dev articles.

The attack-country and attack-province models (helpers.attack_country, helpers.attack_place) are judged out of
fold over folds that keep an event's articles together (figure_kinds.article_folds). Such folds still share
countries, outlets and towns with the folds a model is fitted on, so they do not show a model that has learned
a country, an outlet or a town. Here the folds are grouped otherwise:

- `country`: leave one country out: each fold is the articles whose events are in one gold country (the most
  frequent country of the gold rows of the articles that share an event with them), judged by a model fitted
  on the other countries' articles: the honest estimate for a report from a country the models have not seen;
- `outlet`: the articles of an outlet (and those that share an event with them) in one fold, the outlets dealt
  to the recipe's number of folds: the estimate for an outlet the models have not seen;
- `event`: the recipe's folds (articles that share a gold event together), for comparison.

    python -m helpers.place_folds   # the choice accuracy of both models under each grouping (their examples)

`python -m helpers.score --split dev --out-of-fold --place-folds country` scores the whole pipeline with the
place choices judged under a grouping (helpers.pipeline.annotate_folder).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import Callable

import pandas as pd

from helpers.key_groups import connected_groups

GROUPINGS = ("event", "country", "outlet")


def country_folds(article_ids: list[str], gold: pd.DataFrame) -> dict[str, int]:
    """Leave one country out: the fold of each article is its country's (countries in sorted order), where an
    article's country is the most frequent gold country of the articles that share an event with it (ties: the
    first in sorted order; "" when none has one)."""
    events = {str(event): list(group["article_id"].astype(str)) for event, group in gold.groupby("event_id")}
    countries: dict[str, str] = {}
    for component in connected_groups(article_ids, events):
        rows = gold[gold["article_id"].isin(component)]
        counted = Counter(str(value) for value in rows["country"].dropna() if str(value) and ";" not in str(value))
        country = min(counted, key=lambda name: (-counted[name], name)) if counted else ""
        for article in component:
            countries[article] = country
    order = {country: index for index, country in enumerate(sorted(set(countries.values())))}
    return {article: order[country] for article, country in sorted(countries.items())}


def outlet_folds(article_ids: list[str], gold: pd.DataFrame, outlets: dict[str, str], folds: int = 5) -> dict[str, int]:
    """The articles of an outlet in one fold, together with those that share an event with them (so no event
    is judged by a model that saw it); the groups are dealt to `folds` folds, largest first, each to the
    smallest fold so far (ties: the lowest fold)."""
    links = {"event:" + str(event): list(group["article_id"].astype(str)) for event, group in gold.groupby("event_id")}
    for article in article_ids:
        outlet = (outlets.get(article) or "").strip()
        if outlet:
            links.setdefault("outlet:" + outlet.casefold(), []).append(article)
    groups = sorted(connected_groups(article_ids, links), key=lambda group: (-len(group), group))
    sizes = [0] * folds
    fold_of = {}
    for group in groups:
        fold = min(range(folds), key=lambda index: (sizes[index], index))
        sizes[fold] += len(group)
        fold_of.update({article: fold for article in group})
    return dict(sorted(fold_of.items()))


def dev_outlets() -> dict[str, str]:
    """The outlet of each dev article, from the split's articles.csv (blank outlets left out)."""
    from helpers import corpus

    path = corpus.split_paths("dev")["articles"] / "articles.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return {row.article_id: row.outlet for row in table.itertuples() if row.outlet}


def dev_folds(article_ids: list[str], by: str, folds: int = 5) -> dict[str, int]:
    """The fold of each dev article under a grouping (GROUPINGS)."""
    from helpers import corpus, figure_kinds

    gold, _ = corpus.read_gold("dev")
    article_ids = sorted(set(article_ids))
    if by == "event":
        return figure_kinds.article_folds(article_ids, gold, folds)
    if by == "country":
        return country_folds(article_ids, gold)
    if by == "outlet":
        return outlet_folds(article_ids, gold, dev_outlets(), folds)
    raise ValueError(f"place folds are grouped by one of {', '.join(GROUPINGS)}; got {by!r}")


def grouped_accuracy(choice, groups: list[tuple[str, list]], accuracy: Callable[[object, list], tuple[int, int]],
                     fold_of: dict[str, int]) -> tuple[int, int]:
    """Out-of-fold accuracy of a LearnedChoice over `groups` ((article_id, [(features, label), ...]), one per
    choice) under the folds `fold_of`: each fold judged by a model fitted on the other folds' candidates."""
    right = total = 0
    for fold in sorted(set(fold_of[article] for article, _ in groups)):
        rows = [row for article, found in groups if fold_of[article] != fold for row in found]
        judged = [group for group in groups if fold_of[group[0]] == fold]
        if not rows or len({row[1] for row in rows}) < 2:  # nothing to fit on: the rules' choice stands
            r, t = sum(found[0][1] for _, found in judged), len(judged)
        else:
            r, t = accuracy(choice.fit([row[0] for row in rows], [row[1] for row in rows]), judged)
        right, total = right + r, total + t
    return right, total


def dev_examples() -> dict[str, pd.DataFrame]:
    """Both place models' training examples with their features, extracted from the dev split as `train` does."""
    from helpers import attack_country, attack_place, corpus, ingest

    texts = ingest.ingest_folder(corpus.split_paths("dev")["articles"])["texts"]
    return {"attack_country": attack_country.extract_examples("dev", texts),
            "attack_place": attack_place.extract_examples("dev", texts)}


def choice_accuracies(examples: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """The choice accuracy of both place models, out of fold under each grouping, beside the rules' choice and
    the fitted model, on their examples (extracted from dev unless given, by model name, each with a JSON
    `features` column): one row per model."""
    from helpers import attack_country, attack_place

    examples = examples if examples is not None else dev_examples()
    modules = {"attack_country": attack_country, "attack_place": attack_place}
    rows = []
    for name, module in modules.items():
        table = examples[name]
        groups = module._events(table)
        row = {"model": name, "rows": len(groups),
               "rules": sum(found[0][1] for _, found in groups) / max(len(groups), 1)}
        for by in GROUPINGS:
            fold_of = dev_folds([article for article, _ in groups], by, module.RECIPE["folds"])
            right, total = grouped_accuracy(module.CHOICE, groups, module._accuracy, fold_of)
            row[by] = right / max(total, 1)
        fitted, total = module._accuracy(module.CHOICE.fit_examples(table), groups)
        row["fitted"] = fitted / max(total, 1)
        rows.append(row)
    return pd.DataFrame(rows, columns=["model", "rows", "rules", *GROUPINGS, "fitted"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.place_folds", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", help="also write the accuracies to this JSON file")
    args = parser.parse_args(argv)
    table = choice_accuracies()
    print("choice accuracy on rows matched to gold (out of fold under each grouping of dev articles):")
    print(table.to_string(index=False, float_format=lambda value: f"{value:.3f}"))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(table.to_dict(orient="records"), handle, indent=1, sort_keys=True)
            handle.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Which country an attack was in: a learned choice among the countries its article names.

The place rules (annotate.places.event_place) find the most precise place an event's sentences support, but
whether a country an article names is the attack's depends on context: reports name the victims' or the
attackers' nationality ("Kenyan soldiers", "American service members", "Pakistani strikes") more often than
the country the attack was in, recall an earlier attack elsewhere, or name a capital for its government. So
the rules propose and a model chooses. For each event, every country of a place its sentences or context name
and every country the article supports (place_context.article_countries) is a candidate, with its features:

| feature | what it says |
| --- | --- |
| `rule=` | the rules' choice is in this country (crossed with its precision and the event's role) |
| `own=`, `ctx=` | the most precise place the event's own / context sentences name in it, and whether only as an origin ("from X") |
| `rank=`, `dateline=` | its rank among the article's supported countries; the dateline's country (where the report was filed) |
| `names=`, `demonyms=`, `inside=`, `possessive=` | how often the article names it by name, by demonym (other than of people, below), after "in/inside/across", in the possessive |
| `people=` | how often a demonym names people of the country ("Chinese workers", "two Turkish engineers", "four Chinese"): the victims' nationality, a weaker sign of where the attack was than "Nigerian troops" (place_context.country_mentions' `people`) |
| `site=` | a demonym right before a word for a site ("a Pakistani army outpost", "the Somali town") |
| `votes=` | provinces and towns of this country only that the article's location phrases name |
| `lead=` | named in the article's first lines (title and lede) |
| `sent=` | named by name / demonym in the event's own sentences |
| `top=`, `fb=` | which of these counts it leads among the event's candidates; named more by demonym than by name; the same under `fb=` when the rules found no place and fell back on the article's country |

The highest-scoring candidate wins; the rules' choice wins ties. A binary logistic regression (scikit-learn),
trained on the world corpus's `dev` gold: annotate runs with the rules' choice kept, and each event row the
scorer matches to a gold row labels its candidates (right when the candidate is the gold row's country).

    python -m helpers.attack_country train   # extract the dev examples, fit, write data/models/,
                                             # print the out-of-fold choice accuracy (article folds)

The model ships as JSON (`data/models/attack_country.json`: feature names, weights, intercept, recipe), read
without scikit-learn; `attack_country_examples.csv` beside it holds the examples.
"""
from __future__ import annotations

import functools
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from helpers import learned_choice
from helpers.learned_choice import LearnedChoice
from helpers.model_files import BinaryLinearModel, FoldModels
from helpers.paths import DATA_DIR

MODELS_DIR = DATA_DIR / "models"
MODEL_PATH = MODELS_DIR / "attack_country.json"
EXAMPLES_PATH = MODELS_DIR / "attack_country_examples.csv"
MODEL_FORMAT = 1
# Training recipe: what `train` fits (recorded in the model file, checked by tests).
RECIPE = {"estimator": "sklearn.linear_model.LogisticRegression", "C": 0.03, "max_iter": 5000,
          "min_feature_count": 2, "split": "dev", "random_state": 0, "folds": 5}
# Prefixes of every feature name the extractor writes (a shipped model must use no other).
FEATURE_PREFIXES = ("rule=", "own=", "ctx=", "rank=", "dateline=", "names=", "demonyms=", "inside=", "possessive=",
                    "people=", "site=", "votes=", "lead=", "sent=", "n=", "top=", "fb=")
_PRECISIONS = ("place", "near_place", "admin2", "admin1", "region", "country")


@dataclass
class Candidate:
    """One country an event might be in (its name as place rows write it) and its features."""

    country: str
    features: dict


def _count(value: int) -> str:
    return str(value) if value < 3 else ("3-4" if value < 5 else "5+")


@functools.lru_cache(maxsize=8)
def _place_votes(text: str, dateline: tuple[int, int] | None) -> dict[str, int]:
    """place_context._named_place_votes of a text, counted once per article."""
    from helpers import place_context

    return place_context._named_place_votes(text, (*dateline, "") if dateline else None)


def candidates(text: str, sentences: list[tuple[int, int]], choices: list, rule_choice, facts, role: str
               ) -> list[Candidate]:
    """Return the candidate countries of an event with their features, the rules' choice first.

    `sentences` are the char spans of the event's own sentences; `choices` the (is_own, PlaceChoice) pairs the
    rules found in its own and context sentences; `rule_choice` the PlaceChoice they chose (or None)."""
    from helpers import place_context, places

    countries = facts.countries
    names = places._country_names()
    order: list[str] = []
    if rule_choice is not None and rule_choice.fields.get("country"):
        order.append(rule_choice.fields["country"])
    for _, choice in choices:
        country = choice.fields.get("country")
        if country and ";" not in country and country not in order:
            order.append(country)
    supported = list(countries.supported) if countries is not None else []
    for code in supported:
        if names.get(code) and names[code] not in order:
            order.append(names[code])
    if not order:
        return []
    mentions = place_context.country_mentions(text)
    votes = _place_votes(text, countries.dateline) if supported else {}
    own_text = " ".join(text[start:end] for start, end in sentences)
    own_mentions = place_context.country_mentions(own_text) if own_text else {}
    result, raw = [], {}
    for country in order:
        code = places.country_code_of(country)
        features: dict[str, float] = {"n=" + _count(len(order)): 1.0}
        if rule_choice is not None and rule_choice.fields.get("country") == country:
            features["rule=yes"] = 1.0
            features[f"rule={rule_choice.precision}"] = 1.0
            features[f"rule={role}"] = 1.0
        for is_own, prefix in ((True, "own="), (False, "ctx=")):
            mine = [choice for own, choice in choices if own == is_own and choice.fields.get("country") == country]
            if mine:
                best = min(mine, key=lambda choice: choice.rank)
                features[prefix + best.precision] = 1.0
                if all(choice.rank[1] for choice in mine):
                    features[prefix + "origin"] = 1.0
        if code in supported:
            features["rank=" + _count(supported.index(code))] = 1.0
            if countries.dateline is not None and supported[0] == code:
                features["dateline=yes"] = 1.0
        else:
            features["rank=none"] = 1.0
        counts = _split_people(mentions.get(code, {}))
        for name in ("names", "demonyms", "inside", "possessive", "people", "site"):
            features[f"{name}={_count(counts.get(name, 0))}"] = 1.0
        if counts.get("lead"):
            features["lead=yes"] = 1.0
        features["votes=" + _count(votes.get(code, 0))] = 1.0
        own_counts = _split_people(own_mentions.get(code, {}))
        if own_counts.get("names"):
            features["sent=name"] = 1.0
        if own_counts.get("demonyms"):
            features["sent=demonym"] = 1.0
        if own_counts.get("site"):
            features["sent=site"] = 1.0
        if own_counts.get("people"):
            features["sent=people"] = 1.0
        raw[country] = {**{name: counts.get(name, 0) for name in _COMPARED}, "votes": votes.get(code, 0)}
        result.append(Candidate(country, features))
    _add_comparisons(result, raw, rule_choice)
    return result


def _split_people(counts: dict[str, int]) -> dict[str, int]:
    """Return a country's mention counts with its demonyms of people ("Chinese workers": the victims' nationality)
    taken out of `demonyms`, so that they do not vote for the attack's country as "Nigerian troops" does."""
    people = counts.get("people", 0) + counts.get("counted", 0)
    return {**counts, "demonyms": counts.get("demonyms", 0) - people, "people": people}


# Counts compared across an event's candidates: which country the article names most in each way.
_COMPARED = ("names", "demonyms", "inside", "possessive", "site")


def _add_comparisons(found: list[Candidate], raw: dict[str, dict[str, int]], rule_choice) -> None:
    """Add to each candidate which counts it leads among the event's candidates (`top=inside`: no other
    country is named after "in" more often), and whether it is named more by demonym than by name (a
    nationality more than a place). When the rules found no place of the event's own and fell back on the
    article's country (`rule=country`), the same features again under `fb=`, so that the model can weigh
    them differently there."""
    is_fallback = rule_choice is None or rule_choice.precision == "country"
    for candidate in found:
        mine = raw[candidate.country]
        extra = {}
        for name in (*_COMPARED, "votes"):
            best = max(raw[other][name] for other in raw)
            if best and mine[name] == best:
                extra["top=" + name] = 1.0
        if mine["demonyms"] > mine["names"]:
            extra["top=nationality"] = 1.0
        if mine["names"] == 0:
            extra["top=unnamed"] = 1.0  # only a demonym, or a place, says this country
        candidate.features.update(extra)
        if "rule=yes" in candidate.features:  # how far the rules' own country is the article's
            candidate.features.update({"rule=" + name: value for name, value in extra.items()})
        if is_fallback:
            candidate.features.update({"fb=" + name.split("=", 1)[1]: value for name, value in extra.items()})


# --- the shipped model ---------------------------------------------------------------------------------
class CountryModel(BinaryLinearModel):
    """The attack-country model: scores each candidate country of an event (helpers.model_files.BinaryLinearModel)."""

    WHAT = "attack-country"
    FORMAT = MODEL_FORMAT


CHOICE = LearnedChoice(what="attack-country", model_class=CountryModel, model_path=MODEL_PATH,
                      module="helpers.attack_country", recipe=RECIPE, fold_what="country choice",
                      labels="the candidate is the attack's country or not")
load_model = CHOICE.load_model  # the shipped model (data/models/attack_country.json)
using_model = CHOICE.using_model  # choose with other models inside a block (out of fold), or record examples


# records every event's candidates by the figure starts of its rows, keeping the rules' choice for each row
ExampleRecorder = learned_choice.RowRecorder


def choose(found: list[Candidate], article_id: str = "", keys: tuple[int, ...] = ()) -> int | None:
    """Return the index of the candidate the model scores highest (the first, the rules' choice, wins ties);
    None while examples are recorded (the rules' choice stands)."""
    return CHOICE.choose_over_rules(found, article_id, keys)


# --- training --------------------------------------------------------------------------------------------
def _same(a: object, b: object) -> bool:
    from helpers import evaluate

    return evaluate._normalise(a) == evaluate._normalise(b)


def extract_examples(split: str = "dev", texts=None):
    """Annotate a split's articles with the rules' choice kept, and label each matched row's candidates from
    the gold row the scorer pairs it with (gold rows with a country only). Returns one row per candidate."""
    import pandas as pd

    from helpers import annotate, corpus, evaluate, ingest

    if split != "dev":
        raise ValueError(f"the attack-country model is trained on the dev split only; got split={split!r}")
    gold, _ = corpus.read_gold(split)
    if texts is None:
        texts = ingest.ingest_folder(corpus.split_paths(split)["articles"])["texts"]
    recorder = ExampleRecorder()
    with using_model(recorder):
        pred = annotate.annotate_articles(texts)
    recorded = recorder.examples
    _, matches = evaluate.score_figures(pred, gold)
    pred_rows, gold_rows = evaluate.scored_rows(pred), evaluate.scored_rows(gold)
    rows, seen = [], set()
    for match in matches.drop_duplicates(["pred_index", "gold_index"]).itertuples():
        pred_row, gold_row = pred_rows.loc[match.pred_index], gold_rows.loc[match.gold_index]
        key = (str(pred_row["article_id"]), int(pred_row["figure_start"]))
        gold_country = evaluate._text(gold_row.get("country"))
        if key in seen or key not in recorded or not gold_country or ";" in gold_country:
            continue
        seen.add(key)
        for number, candidate in enumerate(recorded[key]):
            rows.append({"article_id": key[0], "figure_start": key[1], "candidate": number,
                         "country": candidate.country, "gold_country": gold_country,
                         "label": int(_same(candidate.country, gold_country)),
                         "features": json.dumps(candidate.features, sort_keys=True)})
    columns = ["article_id", "figure_start", "candidate", "country", "gold_country", "label", "features"]
    return pd.DataFrame(rows, columns=columns).sort_values(["article_id", "figure_start", "candidate"],
                                                           kind="mergesort").reset_index(drop=True)


def fit(features: list[dict[str, float]], labels: list[int], recipe: dict | None = None) -> CountryModel:
    """Fit the recipe's logistic regression on candidate feature dicts and 0/1 labels."""
    return CHOICE.fit(features, labels, recipe)


def _events(examples):
    """The examples grouped by row: [(article_id, [(features, label)...])], the rules' choice first."""
    return [(article, [(json.loads(row.features), int(row.label)) for row in group.itertuples()])
            for (article, _), group in examples.groupby(["article_id", "figure_start"], sort=True)]


def _accuracy(model: CountryModel, events) -> tuple[int, int]:
    """How many rows the model gives the gold country, of how many."""
    right = 0
    for _, rows in events:
        with using_model(model):
            chosen = choose([Candidate("", features) for features, _ in rows])
        right += rows[chosen][1]
    return right, len(events)


def cross_validate(examples, folds: int = RECIPE["folds"]) -> tuple[int, int]:
    """Out-of-fold choice accuracy: articles that share a gold event are in one fold (figure_kinds.article_folds)."""
    return CHOICE.cross_validate(_events(examples), _accuracy, folds)


def out_of_fold_models(texts, folds: int = RECIPE["folds"], fold_of: dict[str, int] | None = None) -> FoldModels:
    """The models of out-of-fold scoring over the dev split's ingested `texts`: one per fold of articles (the
    recipe's, or `fold_of`'s: helpers.place_folds), fitted on the other folds' examples. Use as
    `with using_model(out_of_fold_models(texts)): ...`."""
    return CHOICE.out_of_fold_models(extract_examples("dev", texts), texts["article_id"], folds, fold_of)


def train(examples_path: Path = EXAMPLES_PATH, model_path: Path = MODEL_PATH) -> CountryModel:
    """Extract the dev examples, print the out-of-fold and fitted choice accuracy, write both files."""
    examples = extract_examples("dev")
    right, total = cross_validate(examples, RECIPE["folds"])
    events = _events(examples)
    rules = sum(rows[0][1] for _, rows in events)
    model = CHOICE.fit_examples(examples)
    fitted, _ = _accuracy(model, events)
    print(f"rows matched to gold with a country and a candidate: {total}")
    print(f"right country: out of fold {right / total:.3f}, fitted {fitted / total:.3f}, "
          f"the rules' choice {rules / total:.3f}")
    CHOICE.write(model, examples, model_path, examples_path)
    return model


def main(argv: list[str] | None = None) -> int:
    from helpers import attack_country  # the module annotate imports, not __main__ (under -m)

    return CHOICE.main(argv, __doc__, attack_country.train)

if __name__ == "__main__":
    sys.exit(main())

"""Which province an attack was in: a learned choice among the provinces its article names.

Once the attack's country is chosen (helpers.attack_country), the place rules (annotate.places.event_place)
take the most precise place the event's sentences name, else the first named in its context, and fill a
missing province with the one the article names most. Which of the article's places is the attack's is a
judgement in context: a report recalls an earlier attack elsewhere ("the deadliest since the bombing at Kabul
airport"), measures a place from a landmark ("40 km north of Baghdad"), names a ministry by its seat ("the
Ramallah-based ministry"), or tells two attacks of one day. So the rules propose and a model chooses. For each
event, every province of the chosen country that the event's own or context sentences name, or that the
article's location phrases name (place_context.province_mentions), is a candidate, and so is "no province"
(a recalled attack told without a place), with its features:

| feature | what it says |
| --- | --- |
| `rule=` | the rules' province (crossed with their precision, the event's role, and whether it came with the chosen phrase or was filled from the article) |
| `own=`, `ctx=` | the most precise place the event's own / context sentences name in this province, and whether only as an origin ("from X") |
| `votes=`, `top=`, `first=` | how many of the article's location phrases name it, and whether more or fewer than the rules' province; whether no other names more; whether it is the first named |
| `lead=` | named in the article's first lines (title and lede), and in its title line |
| `dist=` | the fewest sentences between a phrase naming it and the event's own sentences |
| `recall=` | every sentence that names it also tells of an earlier attack ("since", "last month", "in 2016") |
| `other=` | every (or some) phrase naming it is in a sentence that carries another of the article's attacks' figures |
| `ref=` | every phrase naming it is a landmark a distance is measured from ("north of X", "40 km from X") or an organisation's seat ("X-based") |
| `dateline=` | the dateline's city is in it (where the report was filed, not the attack) |
| `name=` | the province is named as itself somewhere ("Cabo Delgado province"), not only through a town the index places in it |
| `none=` | the "no province" candidate, crossed with the role, the rules' precision and whether the event's sentences name a province |
| `main:`, `background:` | each feature above again under the event's role (the news, or an attack it recalls) |

The highest-scoring candidate wins; the rules' province wins ties. A binary logistic regression (scikit-learn),
trained on the world corpus's `dev` gold: annotate runs with the rules' place kept, and each event row the scorer
matches to a gold row of the same country labels its candidates (right when the candidate is the gold row's
province, compared as the scorer compares them).

    python -m helpers.attack_place train   # extract the dev examples, fit, write data/models/,
                                           # print the out-of-fold choice accuracy (article folds)

The model ships as JSON (`data/models/attack_place.json`: feature names, weights, intercept, recipe), read
without scikit-learn; `attack_place_examples.csv` beside it holds the examples.
"""
from __future__ import annotations

import bisect
import functools
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from helpers import learned_choice
from helpers.learned_choice import LearnedChoice
from helpers.model_files import BinaryLinearModel, FoldModels
from helpers.paths import DATA_DIR

MODELS_DIR = DATA_DIR / "models"
MODEL_PATH = MODELS_DIR / "attack_place.json"
EXAMPLES_PATH = MODELS_DIR / "attack_place_examples.csv"
MODEL_FORMAT = 1
# Training recipe: what `train` fits (recorded in the model file, checked by tests).
RECIPE = {"estimator": "sklearn.linear_model.LogisticRegression", "C": 1.0, "max_iter": 5000,
          "min_feature_count": 3, "split": "dev", "random_state": 0, "folds": 5}
# Prefixes of every feature name the extractor writes (a shipped model must use no other).
FEATURE_PREFIXES = ("n=", "rule=", "own=", "ctx=", "votes=", "top=", "first=", "lead=", "dist=", "recall=", "ref=",
                    "dateline=", "none=", "other=", "name=", "main:", "background:")
# The article's first characters: its title and lede (as place_context.LEAD_CHARS).
LEAD_CHARS = 400

# A sentence that tells of an earlier attack, as news copy recalls one: "the deadliest since ...", "last month",
# "in March 2016", "a similar attack", "the previous attack", "comes two days after", "follows".
RECALL = re.compile(
    r"\b(?:since|last\s+(?:week|month|year)|earlier\s+this\s+(?:week|month|year)|(?:weeks|months|years)\s+(?:ago|earlier)|"
    r"previous(?:ly)?|a\s+similar|another\s+(?:attack|assault|bombing)|in\s+(?:(?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December)\s+)?(?:19|20)\d\d|(?:came|comes|come)\s+(?:\w+\s+){0,4}after|"
    r"follows?|followed|recalls?|recalled)\b", re.I)
# A landmark a distance or a direction is measured from ("40 km west of El-Arish", "north of Baghdad", "southeast
# of the capital, Lima"): the attack is away from it.
_REFERENCE_BEFORE = re.compile(
    r"\b(?:(?:north|south)?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|km|kms|kilomet(?:re|er)s?|miles?)"
    r"\s+(?:of|from)\s+(?:the\s+)?(?:[a-z]+,?\s+){0,2}$", re.I)
# An organisation named after its seat ("the Ramallah-based ministry", "a London-based monitor").
_SEAT_AFTER = re.compile(r"^[\w'’ -]{0,30}?-based\b")


@dataclass
class Candidate:
    """One province an event might be in ("" for none), its features, and the place the event takes with it."""

    admin1: str
    features: dict
    place: object = None  # the PlaceChoice the event takes when this candidate wins


def _count(value: int) -> str:
    return str(value) if value < 3 else ("3-4" if value < 5 else "5+")


def _distance(value: int) -> str:
    return str(value) if value < 2 else ("2-3" if value < 4 else "4+")


@functools.lru_cache(maxsize=8)
def _sentence_starts(text: str) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
    from helpers.annotate.sentences import split_sentences

    spans = tuple(split_sentences(text))
    return tuple(start for start, _ in spans), spans


def _sentence_index(text: str, position: int) -> int:
    starts, _ = _sentence_starts(text)
    return max(0, bisect.bisect_right(starts, position) - 1)


def _sentence_text(text: str, index: int) -> str:
    _, spans = _sentence_starts(text)
    start, end = spans[index] if index < len(spans) else (0, 0)
    return text[start:end]


def is_reference(text: str, start: int, end: int) -> bool:
    """Tell whether the place phrase text[start:end] names a landmark a distance or direction is measured from
    ("40 km west of X", "north of X") or an organisation's seat ("the X-based monitor"), not where a thing happened."""
    phrase = text[start:end]
    name = re.search(r"[A-Z]", phrase)
    name_start = start + (name.start() if name else 0)
    return (_REFERENCE_BEFORE.search(text[max(0, name_start - 40):name_start]) is not None
            or _SEAT_AFTER.match(text[end:end + 32]) is not None)


def is_recall(sentence: str) -> bool:
    """Tell whether a sentence tells of an earlier attack ("the worst since ...", "last month", "in 2016")."""
    return RECALL.search(sentence) is not None


def candidates(text: str, sentences: list[tuple[int, int]], choices: list, rule_place, mentions: list, role: str,
               dateline_admin1: str | None = None, other_sentences: list[tuple[int, int]] = ()) -> list[Candidate]:
    """Return the candidate provinces of an event with their features, the rules' first; [] when there is no
    choice to make (no country, several provinces or countries, a region, which may span provinces, or a
    recalled attack the rules left with neither a place nor a province: annotate.places gives one only when the
    article names no other in its country; one at a place the index lacks is a choice).

    `sentences` are the char spans of the event's own sentences; `choices` the (is_own, PlaceChoice) pairs the
    rules found in its own and context sentences; `rule_place` the PlaceChoice they chose; `mentions` the
    article's (start, end, country, admin1) province mentions (place_context.province_mentions);
    `other_sentences` the spans of the sentences that carry the article's other events' figures."""
    from helpers.world_places import admin1_identity

    if rule_place is None or rule_place.precision == "region":
        return []  # a region ("the Syrian desert") may span provinces: it takes none of those the article names
    country, rule_admin1 = rule_place.fields.get("country"), rule_place.fields.get("admin1") or ""
    if not country or ";" in country or ";" in rule_admin1:
        return []
    if role == "background" and not rule_admin1 and not rule_place.fields.get("place"):
        return []  # a recalled attack told with no place or province of its own: no guess (one at a place the
        # index lacks, "an airstrike on the village of X", takes a province the article names as a main attack
        # does, or none: the model chooses)
    key = functools.lru_cache(maxsize=None)(lambda name: admin1_identity(name, country) if name else "")
    # every province named in the chosen country: (name, [(start, end, source, choice)])
    named: dict[str, tuple[str, list]] = {}

    def add(name, start, end, source, choice=None):
        if not name or ";" in name:
            return
        entry = named.setdefault(key(name), (name, []))
        entry[1].append((start, end, source, choice))

    if rule_admin1:
        named[key(rule_admin1)] = (rule_admin1, [])
    for is_own, choice in choices:
        if choice.fields.get("country") == country:
            add(choice.fields.get("admin1"), choice.start, choice.end, "own" if is_own else "ctx", choice)
    for start, end, mention_country, admin1 in mentions:
        if mention_country == country:
            add(admin1, start, end, "article")
    own_sentences = sorted({_sentence_index(text, start) for start, _ in sentences})
    counts = {k: len({(start, end) for start, end, source, _ in entry[1] if source == "article"})
              for k, entry in named.items()}
    top = max(counts.values(), default=0)
    first = next((key(admin1) for _, _, mention_country, admin1 in mentions if mention_country == country
                  and admin1 and ";" not in admin1), None)
    rule_phrase = any(choice.start == rule_place.start and choice.fields.get("admin1") == rule_admin1
                      for _, choice in choices) and rule_place.phrase is not None
    n = "n=" + _count(len(named) + 1)
    title_end = text.find("\n") if "\n" in text else 0  # the title line, when the text has one
    found: list[Candidate] = []
    for k, (name, places_named) in named.items():
        features: dict[str, float] = {n: 1.0}
        if k == key(rule_admin1):
            features.update({"rule=yes": 1.0, f"rule={rule_place.precision}": 1.0, f"rule={role}": 1.0,
                             "rule=phrase" if rule_phrase else "rule=filled": 1.0})
        own_best: dict[str, object] = {}
        for start, end, source, choice in places_named:
            if choice is not None and (source not in own_best or choice.rank < own_best[source].rank):
                own_best[source] = choice
        for source, choice in own_best.items():
            features[f"{source}={choice.precision}"] = 1.0
            if all(c.rank[1] for _, _, s, c in places_named if s == source and c is not None):
                features[f"{source}=origin"] = 1.0
        features["votes=" + _count(counts[k])] = 1.0
        if counts[k] and counts[k] == top:
            features["top=votes"] = 1.0
        if k == first:
            features["first=yes"] = 1.0
        if k != key(rule_admin1) and rule_admin1:  # named more or less often than the rules' province
            if counts[k] != counts.get(key(rule_admin1), 0):
                features["votes=" + ("more" if counts[k] > counts.get(key(rule_admin1), 0) else "fewer")] = 1.0
        positions = [(start, end) for start, end, _, _ in places_named if start >= 0]
        if any(start < LEAD_CHARS for start, _ in positions):
            features["lead=yes"] = 1.0
        if any(start < title_end for start, _ in positions):
            features["lead=title"] = 1.0
        indexes = sorted({_sentence_index(text, start) for start, _ in positions})
        if indexes and own_sentences:
            features["dist=" + _distance(min(abs(i - j) for i in indexes for j in own_sentences))] = 1.0
        else:
            features["dist=none"] = 1.0
        if indexes and all(is_recall(_sentence_text(text, i)) for i in indexes):
            features["recall=all"] = 1.0
            features[f"recall={role}"] = 1.0
        elsewhere = [any(begin <= start < end for begin, end in other_sentences) for start, _ in positions]
        if elsewhere and all(elsewhere):
            features["other=all"] = 1.0  # named only where the article tells another attack's figures
        elif any(elsewhere):
            features["other=some"] = 1.0
        if positions and all(is_reference(text, start, end) for start, end in positions):
            features["ref=yes"] = 1.0
        if dateline_admin1 and k == key(dateline_admin1):
            features["dateline=yes"] = 1.0
        if any(_names_province(text, start, end, name) for start, end, _, _ in places_named if start >= 0):
            features["name=yes"] = 1.0  # the province is named as itself, not only through a town the index
            # places in it (a village's namesake in another province says less)
        found.append(Candidate(name, features, _place_for(name, country, places_named, rule_place, k == key(rule_admin1))))
    none = {n: 1.0, "none=yes": 1.0, f"none={role}": 1.0, f"none=rule_{rule_place.precision}": 1.0}
    if not rule_admin1:
        none.update({"rule=yes": 1.0, f"rule={rule_place.precision}": 1.0, f"rule={role}": 1.0})
    elif not rule_phrase:
        none["none=rule_filled"] = 1.0
    if any(is_own and choice.fields.get("country") == country and choice.fields.get("admin1") for is_own, choice in choices):
        none["none=own_named"] = 1.0
    none_place = rule_place if not rule_admin1 else _country_only(country)
    found.append(Candidate("", none, none_place))
    for candidate in found:  # each feature again for the event's role: a recalled attack is told otherwise
        candidate.features.update({f"{role}:{name}": value for name, value in list(candidate.features.items())
                                   if not name.startswith("n=")})
    found.sort(key=lambda candidate: "rule=yes" not in candidate.features)  # the rules' first (a stable sort)
    return found


def _names_province(text: str, start: int, end: int, name: str) -> bool:
    """Tell whether the phrase text[start:end] names the province `name` itself (its first word, accents and
    case aside), not only a town in it."""
    first = _normalised_words(name)[0] if name else ""
    return bool(first) and first in _normalised_words(text[start:end])


@functools.lru_cache(maxsize=8192)
def _normalised_words(phrase: str) -> tuple[str, ...]:
    from helpers.places import normalise_toponym

    return tuple(normalise_toponym(phrase).split(" ")) or ("",)


def _country_only(country: str):
    from helpers.annotate.records import PlaceChoice
    from helpers.annotate.places import PRECISION_RANK

    fields = {"place": None, "admin1": None, "country": country, "latitude": None, "longitude": None}
    return PlaceChoice((PRECISION_RANK["country"], False, False, True), fields, "country", None, -1, -1)


def _place_for(admin1: str, country: str, places_named: list, rule_place, is_rules: bool):
    """The place an event takes when `admin1` wins: the rules' own when it is theirs; else the most precise
    place its own sentences name there, else its context's; else the province alone."""
    from helpers.annotate.records import PlaceChoice
    from helpers.annotate.places import PRECISION_RANK

    if is_rules:
        return rule_place
    for source in ("own", "ctx"):
        there = [choice for _, _, s, choice in places_named if s == source and choice is not None]
        if there:
            best = min(there, key=lambda choice: choice.rank)
            return best._replace(fields={**best.fields, "admin1": admin1})
    fields = {"place": None, "admin1": admin1, "country": country, "latitude": None, "longitude": None}
    return PlaceChoice((PRECISION_RANK["admin1"], False, False, False), fields, "admin1", None, -1, -1)


# --- the shipped model ---------------------------------------------------------------------------------
class PlaceModel(BinaryLinearModel):
    """The attack-province model: scores each candidate province of an event (helpers.model_files.BinaryLinearModel)."""

    WHAT = "attack-place"
    FORMAT = MODEL_FORMAT


CHOICE = LearnedChoice(what="attack-place", model_class=PlaceModel, model_path=MODEL_PATH,
                      module="helpers.attack_place", recipe=RECIPE, fold_what="province choice",
                      labels="the candidate is the attack's province or not")
load_model = CHOICE.load_model  # the shipped model (data/models/attack_place.json)
using_model = CHOICE.using_model  # choose with other models inside a block (out of fold), or record examples


# records every event's candidates by the figure starts of its rows, keeping the rules' choice for each row
ExampleRecorder = learned_choice.RowRecorder


def choose(found: list[Candidate], article_id: str = "", keys: tuple[int, ...] = ()) -> int | None:
    """Return the index of the candidate the model scores highest (the first, the rules' choice, wins ties);
    None while examples are recorded (the rules' choice stands)."""
    return CHOICE.choose_over_rules(found, article_id, keys)


# --- training --------------------------------------------------------------------------------------------
def extract_examples(split: str = "dev", texts=None):
    """Annotate a split's articles with the rules' place kept, and label each matched row's candidates from the
    gold row the scorer pairs it with (gold rows of the row's country only: the province of another country is
    the country model's error). Rows none of whose candidates is right are left out. One row per candidate."""
    import pandas as pd

    from helpers import annotate, corpus, evaluate, ingest

    if split != "dev":
        raise ValueError(f"the attack-place model is trained on the dev split only; got split={split!r}")
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
        if key in seen or key not in recorded:
            continue
        if evaluate._field_value(pred_row, "country") != evaluate._field_value(gold_row, "country"):
            continue
        gold_admin1 = evaluate._corpus_field_value(gold_row, "admin1")
        country = evaluate._text(gold_row.get("country"))
        labels = [int(evaluate._admin1_units(candidate.admin1, country) == gold_admin1)
                  for candidate in recorded[key]]
        if not any(labels):
            continue
        seen.add(key)
        for number, (candidate, label) in enumerate(zip(recorded[key], labels)):
            rows.append({"article_id": key[0], "figure_start": key[1], "candidate": number,
                         "admin1": candidate.admin1, "gold_admin1": evaluate._text(gold_row.get("admin1")),
                         "label": label, "features": json.dumps(candidate.features, sort_keys=True)})
    columns = ["article_id", "figure_start", "candidate", "admin1", "gold_admin1", "label", "features"]
    return pd.DataFrame(rows, columns=columns).sort_values(["article_id", "figure_start", "candidate"],
                                                           kind="mergesort").reset_index(drop=True)


def fit(features: list[dict[str, float]], labels: list[int], recipe: dict | None = None) -> PlaceModel:
    """Fit the recipe's logistic regression on candidate feature dicts and 0/1 labels."""
    return CHOICE.fit(features, labels, recipe)


def _events(examples):
    """The examples grouped by row: [(article_id, [(features, label)...])], the rules' choice first."""
    return [(article, [(json.loads(row.features), int(row.label)) for row in group.itertuples()])
            for (article, _), group in examples.groupby(["article_id", "figure_start"], sort=True)]


def _accuracy(model: PlaceModel, events) -> tuple[int, int]:
    """How many rows the model gives the gold province, of how many."""
    right = 0
    for _, rows in events:
        with using_model(model):
            chosen = choose([Candidate("", features) for features, _ in rows])
        right += rows[chosen][1]
    return right, len(events)


def cross_validate(examples, folds: int = RECIPE["folds"], recipe: dict | None = None) -> tuple[int, int]:
    """Out-of-fold choice accuracy: articles that share a gold event are in one fold (figure_kinds.article_folds);
    `recipe` changes the recipe, to compare settings."""
    return CHOICE.cross_validate(_events(examples), _accuracy, folds, recipe)


def out_of_fold_models(texts, folds: int = RECIPE["folds"], fold_of: dict[str, int] | None = None) -> FoldModels:
    """The models of out-of-fold scoring over the dev split's ingested `texts`: one per fold of articles (the
    recipe's, or `fold_of`'s: helpers.place_folds), fitted on the other folds' examples. Use as
    `with using_model(out_of_fold_models(texts)): ...`."""
    return CHOICE.out_of_fold_models(extract_examples("dev", texts), texts["article_id"], folds, fold_of)


def train(examples_path: Path = EXAMPLES_PATH, model_path: Path = MODEL_PATH) -> PlaceModel:
    """Extract the dev examples, print the out-of-fold and fitted choice accuracy, write both files."""
    examples = extract_examples("dev")
    right, total = cross_validate(examples, RECIPE["folds"])
    events = _events(examples)
    rules = sum(rows[0][1] for _, rows in events)
    model = CHOICE.fit_examples(examples)
    fitted, _ = _accuracy(model, events)
    print(f"rows matched to gold of the same country with a right candidate: {total}")
    print(f"right province: out of fold {right / total:.3f}, fitted {fitted / total:.3f}, "
          f"the rules' choice {rules / total:.3f}")
    CHOICE.write(model, examples, model_path, examples_path)
    return model


def main(argv: list[str] | None = None) -> int:
    from helpers import attack_place  # the module annotate imports, not __main__ (under -m)

    return CHOICE.main(argv, __doc__, attack_place.train)

if __name__ == "__main__":
    sys.exit(main())

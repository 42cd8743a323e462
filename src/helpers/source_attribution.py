"""Which source a figure without a speaker of its own takes: a learned choice among its article's candidates.

A figure whose own clause names no speaker (annotate.sources.attribute_figure found none) is often still
someone's: the speaker is in the next sentence ("30 people died. 'It is a tragedy,' the governor said"), in
the paragraph before ("According to the police spokesman, ... In the attack, ten policemen were killed"), or
further down where the article repeats the figure with its source (a headline restating the body's
attributed toll). Just as often it is not: a recalled attack, an outlet's own summary, a figure beside a
quote about something else. Which it is depends on context, so a model decides, from the candidates:

| candidate | what it is |
| --- | --- |
| `same` | the source the figure's own sentence names without a parse (the parse lost the speaker) |
| `prev`, `next` | the nearest sentence before / after (at most 3 / 2 away) that names a source |
| `repeat` | the nearest sentence naming a source that gives the same exact figure |
| `lead` | the article's first named source |
| `none` | no source: `unattributed` |

Each candidate (one per distinct source; a source that is both `prev` and `repeat` is one candidate with both
flags) is scored by a binary logistic regression (scikit-learn) over its features: which candidate kinds it
is, how many sentences away and whether in the same paragraph, its source type and whether it is a claim,
quote marks and a "he said" / "they added" in its sentence, whether its sentence gives the figure's exact
value or no figure at all (a sentence that only attributes), where in the article it is named (headline,
lede or body) and whether the article names no other source or names this one again, and the figure's own
context crossed with "a source" or "none" (main or background attack, headline or lede or body, a date of its own, a speech word
or quote in its sentence, a quote or pronoun opening it, a vague count, how many sources are on offer), and
crossed with each candidate kind (where the figure sits, its role, a date of its own, a quote or pronoun opening
it: a `repeat` is worth more to a headline figure, a `prev` to a quote's). The
highest-scoring candidate wins; `none` competes like the others.

It is trained on the world corpus's `dev` gold: annotate runs with no source handed on, each figure row the
scorer matches to a gold row gives its candidates their labels (a candidate is right when its source type is
the gold row's; `none` is right when the gold row is `unattributed`).

    python -m helpers.source_attribution train   # extract the dev examples, fit, write data/models/,
                                                 # print the out-of-fold choice accuracy (article folds)

The model ships as JSON (`data/models/source_attribution.json`: feature names, weights, intercept, recipe),
read without scikit-learn; `source_attribution_examples.csv` beside it holds the examples.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from helpers import learned_choice
from helpers.learned_choice import LearnedChoice
from helpers.model_files import BinaryLinearModel, FoldModels
from helpers.paths import DATA_DIR

MODELS_DIR = DATA_DIR / "models"
MODEL_PATH = MODELS_DIR / "source_attribution.json"
EXAMPLES_PATH = MODELS_DIR / "source_attribution_examples.csv"
MODEL_FORMAT = 1
CANDIDATE_KINDS = ("same", "prev", "next", "repeat", "lead", "none")
# How far a neighbour's source may be taken from: sentences before and after the figure's.
MAX_BEFORE, MAX_AFTER = 3, 2
# Training recipe: what `train` fits (recorded in the model file, checked by tests).
RECIPE = {"estimator": "sklearn.linear_model.LogisticRegression", "C": 0.5, "max_iter": 5000,
          "min_feature_count": 2, "split": "dev", "random_state": 0, "folds": 5}
# Prefixes of every feature name the extractor writes (a shipped model must use no other).
FEATURE_PREFIXES = ("kind=", "dist=", "para=", "type=", "claim=", "cand=", "ctx=")

# The figure's own context crossed with each candidate kind as well (besides with 'a source' or 'none').
_CROSSED_CONTEXT = ("quote_start", "pronoun_start", "own_date")
_QUOTE = re.compile(r"[“”\"]")
_PRONOUN_SAID = re.compile(r"\b(?:he|she|they|it)\s+(?:said|says|added|told|explained|stated)\b|"
                           r"\b(?:said|added)\s+(?:he|she|they|it)\b", re.I)
_QUOTE_START = re.compile(r"^\W{0,2}[“\"]")
_PRONOUN_START = re.compile(r"^\W*(?:he|she|they|it|this|these)\b", re.I)


@dataclass
class Candidate:
    """One source a figure might take, with the kinds it is (prev, repeat, ...) and its features."""

    attribution: object | None  # annotate.sources.Attribution, or None for `none`
    kinds: set
    features: dict


def _bucket(distance: int) -> str:
    return str(distance) if distance <= 2 else "3+"


def _position(index: int) -> str:
    return "headline" if index == 0 else "lede" if index <= 2 else "body"


def _figure_context(mention, sentence: str, role: str) -> dict[str, float]:
    """Features of the figure's own sentence, crossed with each candidate kind by `candidates`."""
    context = {f"role={role}": 1.0, f"pos={_position(mention.sentence_index)}": 1.0}
    if mention.own_dates:
        context["own_date"] = 1.0
    from helpers.annotate.words import SPEECH_REGEX

    if SPEECH_REGEX.search(sentence):
        context["speech_word"] = 1.0
    if _QUOTE.search(sentence):
        context["quote"] = 1.0
    if _PRONOUN_START.search(sentence):
        context["pronoun_start"] = 1.0
    if _QUOTE_START.search(sentence):
        context["quote_start"] = 1.0  # a quote whose speaker is named after it
    key = mention.key_figure
    if key.count.is_vague:
        context["vague"] = 1.0
    return context


def candidates(mention, sentences: list[str], sentence_sources: list, paragraph_of: list[int],
               sentence_values: list[set[int]], role: str) -> list[Candidate]:
    """Return the candidate sources of a figure set with no speaker of its own, `none` last."""
    index = mention.sentence_index
    found: dict[tuple, Candidate] = {}
    # how often the article names each source: an article quoting one source throughout gives it every figure
    named = Counter((source.figure_source, source.source_type, source.is_claim)
                    for source in sentence_sources if source is not None)

    def add(kind: str, at: int) -> None:
        source = sentence_sources[at]
        key = (source.figure_source, source.source_type, source.is_claim)
        candidate = found.setdefault(key, Candidate(source, set(), {}))
        candidate.kinds.add(kind)
        features = candidate.features
        distance = abs(at - index)
        features[f"kind={kind}"] = 1.0
        features[f"dist={kind}:{_bucket(distance)}"] = 1.0
        if paragraph_of[at] == paragraph_of[index]:
            features[f"para={kind}:same"] = 1.0
        text = sentences[at]
        if _QUOTE.search(text):
            features["cand=quote"] = 1.0
        if _PRONOUN_SAID.search(text):
            features["cand=pronoun_said"] = 1.0
        if mention.key_figure.count.value in sentence_values[at]:
            features["cand=same_value"] = 1.0
        if not sentence_values[at]:
            features["cand=no_values"] = 1.0  # a sentence that only attributes ('"...," the governor said')
        features[f"cand=at:{_position(at)}"] = 1.0  # a source the lede names frames the whole report
        if len(named) == 1:
            features["cand=only_source"] = 1.0
        elif named[key] >= 2:
            features["cand=named_again"] = 1.0

    if sentence_sources[index] is not None:
        add("same", index)
    before = [j for j in range(index - 1, max(-1, index - 1 - MAX_BEFORE), -1) if sentence_sources[j] is not None]
    if before:
        add("prev", before[0])
    after = [j for j in range(index + 1, min(len(sentences), index + 1 + MAX_AFTER)) if sentence_sources[j] is not None]
    if after:
        add("next", after[0])
    value = mention.key_figure.count.value
    repeats = sorted((abs(j - index), j) for j in range(len(sentences))
                     if j != index and sentence_sources[j] is not None and value in sentence_values[j])
    if repeats and not mention.key_figure.count.is_vague:
        add("repeat", repeats[0][1])
    first = next((j for j, source in enumerate(sentence_sources) if source is not None), None)
    if first is not None:
        add("lead", first)
    result = list(found.values())
    result.append(Candidate(None, {"none"}, {"kind=none": 1.0}))
    context = _figure_context(mention, sentences[index], role)
    for candidate in result:
        attribution = candidate.attribution
        if attribution is not None:
            candidate.features[f"type={attribution.source_type}"] = 1.0
            if attribution.is_claim:
                candidate.features["claim=yes"] = 1.0
        group = "none" if attribution is None else "source"
        for name in context:
            candidate.features[f"ctx={group}:{name}"] = 1.0
            if name.startswith(("pos=", "role=")) or name in _CROSSED_CONTEXT:
                for kind in candidate.kinds:  # a repeat is worth more to a headline, a neighbour to a quote
                    candidate.features[f"ctx={kind}x{name}"] = 1.0
        candidate.features[f"ctx={group}:n_sources={min(len(result) - 1, 3)}"] = 1.0
    return result


# --- the shipped model ---------------------------------------------------------------------------------
class AttributionModel(BinaryLinearModel):
    """The source-choice model: scores each candidate source of a figure (helpers.model_files.BinaryLinearModel)."""

    WHAT = "source-attribution"
    FORMAT = MODEL_FORMAT


CHOICE = LearnedChoice(what="source-attribution", model_class=AttributionModel, model_path=MODEL_PATH,
                      module="helpers.source_attribution", recipe=RECIPE, fold_what="source choice",
                      labels="the candidate is the figure's source or not")
load_model = CHOICE.load_model  # the shipped model (data/models/source_attribution.json)
using_model = CHOICE.using_model  # choose with other models inside a block (out of fold), or record examples


def _figure_row_keys(mention) -> tuple[int, ...]:
    """The figure start of the row a figure set became (its key figure once the event's figure sets were
    merged); none if it was dropped."""
    return () if mention.is_dropped else (mention.sentence_start + mention.key_figure.start,)


class ExampleRecorder(learned_choice.ExampleRecorder):
    """Stands in for the model while training examples are extracted: records every figure's candidates and
    chooses `none`, so that no source is handed on and each row keeps its own candidates."""

    def __init__(self):
        super().__init__(keys_of=_figure_row_keys)


def choose(found: list[Candidate], article_id: str = "", mention=None) -> Candidate:
    """Return the candidate the model scores highest (`none` wins ties, then the order given)."""
    model = CHOICE.model_for(article_id)
    if isinstance(model, learned_choice.ExampleRecorder):
        if mention is not None:
            model.record(article_id, mention, found)
        return found[-1]
    scores = [model.score(candidate.features) for candidate in found]
    best = max(range(len(found)), key=lambda i: (scores[i], found[i].attribution is None, -i))
    return found[best]


# --- training --------------------------------------------------------------------------------------------
def extract_examples(split: str = "dev", texts=None):
    """Annotate a split's articles with no source handed on, and label each matched figure row's candidates
    from the gold row the scorer pairs it with. Returns one row per candidate."""
    import pandas as pd

    from helpers import annotate, corpus, evaluate, ingest

    if split != "dev":
        raise ValueError(f"the source-attribution model is trained on the dev split only; got split={split!r}")
    gold, _ = corpus.read_gold(split)
    if texts is None:
        texts = ingest.ingest_folder(corpus.split_paths(split)["articles"])["texts"]
    recorder = ExampleRecorder()
    with using_model(recorder):
        pred = annotate.annotate_articles(texts)
    recorded = recorder.examples
    _, matches = evaluate.score_figures(pred, gold)
    pred_rows, gold_rows = evaluate.scored_rows(pred), evaluate.scored_rows(gold)
    rows = []
    seen = set()
    for match in matches.drop_duplicates(["pred_index", "gold_index"]).itertuples():
        pred_row, gold_row = pred_rows.loc[match.pred_index], gold_rows.loc[match.gold_index]
        key = (str(pred_row["article_id"]), int(pred_row["figure_start"]))
        if key in seen or key not in recorded:
            continue
        seen.add(key)
        gold_type = str(gold_row.get("source_type") or "unattributed").strip() or "unattributed"
        for number, candidate in enumerate(recorded[key]):
            attribution = candidate.attribution
            source_type = attribution.source_type if attribution is not None else "unattributed"
            rows.append({"article_id": key[0], "figure_start": key[1], "candidate": number,
                         "kinds": ";".join(sorted(candidate.kinds)),
                         "figure_source": attribution.figure_source if attribution is not None else "",
                         "source_type": source_type, "gold_source_type": gold_type,
                         "label": int(source_type == gold_type),
                         "features": json.dumps(candidate.features, sort_keys=True)})
    columns = ["article_id", "figure_start", "candidate", "kinds", "figure_source", "source_type",
               "gold_source_type", "label", "features"]
    return pd.DataFrame(rows, columns=columns).sort_values(["article_id", "figure_start", "candidate"],
                                                           kind="mergesort").reset_index(drop=True)


def fit(features: list[dict[str, float]], labels: list[int], recipe: dict | None = None) -> AttributionModel:
    """Fit the recipe's logistic regression on candidate feature dicts and 0/1 labels."""
    return CHOICE.fit(features, labels, recipe)


def _figures(examples):
    """The examples grouped by figure: [(article_id, [(features, label, source_type, gold_type)...])]."""
    grouped = []
    for (article, _), group in examples.groupby(["article_id", "figure_start"], sort=True):
        grouped.append((article, [(json.loads(row.features), int(row.label), row.source_type, row.gold_source_type)
                                  for row in group.itertuples()]))
    return grouped


def _accuracy(model: AttributionModel, figures) -> tuple[int, int]:
    """How many figures the model gives a source of the gold type, of how many."""
    right = 0
    for _, rows in figures:
        found = [Candidate(None, set(), features) for features, *_ in rows]
        chosen = choose_with(model, found)
        right += rows[chosen][1]
    return right, len(figures)


def choose_with(model: AttributionModel, found: list[Candidate]) -> int:
    """The index of the candidate `model` chooses (as `choose`, none last)."""
    with using_model(model):
        return found.index(choose(found))


def cross_validate(examples, folds: int = 5) -> tuple[int, int]:
    """Out-of-fold choice accuracy: articles that share a gold event are in one fold (figure_kinds.article_folds)."""
    return CHOICE.cross_validate(_figures(examples), _accuracy, folds)


def out_of_fold_models(texts, folds: int = RECIPE["folds"]) -> FoldModels:
    """The models of out-of-fold scoring over the dev split's ingested `texts`: one per fold of articles
    (figure_kinds.article_folds: articles sharing a gold event in one fold), fitted on the other folds' examples.
    Use as `with using_model(out_of_fold_models(texts)): ...`."""
    return CHOICE.out_of_fold_models(extract_examples("dev", texts), texts["article_id"], folds)


def train(examples_path: Path = EXAMPLES_PATH, model_path: Path = MODEL_PATH) -> AttributionModel:
    """Extract the dev examples, print the out-of-fold and fitted choice accuracy, write both files."""
    examples = extract_examples("dev")
    right, total = cross_validate(examples, RECIPE["folds"])
    always_none = sum(rows[-1][1] for _, rows in _figures(examples))
    model = CHOICE.fit_examples(examples)
    fitted, _ = _accuracy(model, _figures(examples))
    print(f"figures without a speaker of their own, matched to gold: {total}")
    print(f"right source type: out of fold {right / total:.2f}, fitted {fitted / total:.2f}, "
          f"always unattributed {always_none / total:.2f}")
    CHOICE.write(model, examples, model_path, examples_path)
    return model


def main(argv: list[str] | None = None) -> int:
    from helpers import source_attribution  # the module annotate imports, not __main__ (under -m)

    return CHOICE.main(argv, __doc__, source_attribution.train)

if __name__ == "__main__":
    sys.exit(main())

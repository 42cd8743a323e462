"""Scores predicted mentions and events against hand-made gold: figure matching, field accuracy, B-cubed, killed_best."""
from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

# Fields compared on matched mention pairs; the date is compared as the pair (date_start, date_end).
COMPARED_FIELDS = ["date", "place", "perpetrator", "target", "figure_source", "role"]
MATCH_COLUMNS = [
    "article_id", "killed", "pred_index", "gold_index", "pred_mention_id", "gold_mention_id",
    "pred_event_id", "gold_event_id",
]
DISAGREEMENT_COLUMNS = [
    "article_id", "killed", "gold_mention_id", "pred_mention_id", "kind", "field", "gold_value", "pred_value",
]
AGREEMENT_COLUMNS = [
    "gold_event_id", "gold_killed_best", "n_gold_mentions", "n_matched", "pred_event_id", "pred_killed_best",
    "is_agreed",
]


def _to_int(value: object) -> int | None:
    """Return a figure as an integer, or None when it is blank or not a whole number."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value).strip().replace(",", "")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if math.isfinite(number) and number == int(number) else None


def _text(value: object) -> str:
    """Return a cell as stripped text, blank for missing values."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def _normalise(value: object) -> str:
    """Return a field in comparable form: case-folded, whitespace collapsed, ';'-joined parts sorted."""
    parts = [" ".join(part.split()).casefold() for part in _text(value).split(";")]
    return ";".join(sorted(part for part in parts if part))


def _column(frame: pd.DataFrame, name: str) -> list[object]:
    """Return a column as a list, or blanks when the frame lacks it."""
    return list(frame[name]) if name in frame.columns else [None] * len(frame)


def _with_killed(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the rows with a whole-number killed figure, keeping their position in the original frame."""
    positions = frame.reset_index(drop=True)
    killed = [_to_int(value) for value in _column(positions, "killed")]
    positions = positions.assign(
        _position=range(len(positions)),
        _killed=killed,
        _article=[_text(value) for value in _column(positions, "article_id")],
        _event=[_text(value) for value in _column(positions, "event_id")],
    )
    return positions[[value is not None for value in killed]]


def _evidence_distance(pred_row: pd.Series, gold_row: pd.Series) -> tuple[float, float]:
    """Return (offset distance, text distance) between two mentions' evidence; unknown offsets sort last."""
    pred_start, gold_start = _to_int(pred_row.get("char_start")), _to_int(gold_row.get("char_start"))
    offset = abs(pred_start - gold_start) if pred_start is not None and gold_start is not None else math.inf
    pred_text, gold_text = _text(pred_row.get("evidence")), _text(gold_row.get("evidence"))
    text = 100.0 - fuzz.ratio(pred_text, gold_text) if pred_text and gold_text else 100.0
    return offset, text


def match_mentions(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Pair predicted and gold mentions with the same article and killed figure, each row used at most once."""
    pred_rows, gold_rows = _with_killed(pred), _with_killed(gold)
    candidates = []
    for _, gold_row in gold_rows.iterrows():
        same_figure = pred_rows[
            (pred_rows["_article"] == gold_row["_article"]) & (pred_rows["_killed"] == gold_row["_killed"])
        ]
        for _, pred_row in same_figure.iterrows():
            offset, text = _evidence_distance(pred_row, gold_row)
            preference = (
                _normalise(pred_row.get("figure_source")) != _normalise(gold_row.get("figure_source")),
                _normalise(pred_row.get("role")) != _normalise(gold_row.get("role")),
                offset,
                text,
                pred_row["_position"],
                gold_row["_position"],
            )
            candidates.append((preference, pred_row, gold_row))
    # Within one (article, figure) every pred can pair with every gold row, so taking the most preferred
    # free pair first also gives the largest number of pairs.
    used_pred, used_gold, pairs = set(), set(), []
    for _, pred_row, gold_row in sorted(candidates, key=lambda candidate: candidate[0]):
        if pred_row["_position"] in used_pred or gold_row["_position"] in used_gold:
            continue
        used_pred.add(pred_row["_position"])
        used_gold.add(gold_row["_position"])
        pairs.append({
            "article_id": gold_row["_article"],
            "killed": int(gold_row["_killed"]),
            "pred_index": int(pred_row["_position"]),
            "gold_index": int(gold_row["_position"]),
            "pred_mention_id": _text(pred_row.get("mention_id")),
            "gold_mention_id": _text(gold_row.get("mention_id")),
            "pred_event_id": pred_row["_event"],
            "gold_event_id": gold_row["_event"],
        })
    matches = pd.DataFrame(pairs, columns=MATCH_COLUMNS)
    return matches.sort_values(["article_id", "killed", "gold_index"], kind="mergesort").reset_index(drop=True)


def _field_value(row: pd.Series, field: str) -> str:
    """Return the comparable value of one scored field of a mention (the date as 'start/end')."""
    if field == "date":
        return f"{_normalise(row.get('date_start'))}/{_normalise(row.get('date_end'))}"
    if field == "place":
        return _normalise_places(row.get(field))
    return _normalise(row.get(field))


def _normalise_places(value: object) -> str:
    """Compare place names as toponyms: "Al Mayadin" and "Mayadin" or "Ar Raqqah" and "Raqqa" are one place."""
    from helpers.places import normalise_toponym

    parts = {normalise_toponym(part) for part in _text(value).split(";")}
    return ";".join(sorted(part for part in parts if part))


def _shown_value(row: pd.Series, field: str) -> str:
    """Return a scored field as written in the table, for the disagreement listing."""
    if field == "date":
        return f"{_text(row.get('date_start'))}/{_text(row.get('date_end'))}"
    return _text(row.get(field))


def _ratio(numerator: int, denominator: int) -> float:
    """Return numerator / denominator, 0.0 when the denominator is zero."""
    return numerator / denominator if denominator else 0.0


def score_mentions(pred: pd.DataFrame, gold: pd.DataFrame) -> tuple[dict[str, float], pd.DataFrame]:
    """Return precision/recall/F1 on (article, killed) and field accuracies on matched pairs, with the disagreements."""
    pred_rows, gold_rows = pred.reset_index(drop=True), gold.reset_index(drop=True)
    matches = match_mentions(pred_rows, gold_rows)
    n_pred, n_gold = len(_with_killed(pred_rows)), len(_with_killed(gold_rows))
    true_positives = len(matches)
    precision, recall = _ratio(true_positives, n_pred), _ratio(true_positives, n_gold)
    scores: dict[str, float] = {
        "tp": true_positives,
        "fp": n_pred - true_positives,
        "fn": n_gold - true_positives,
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
    }
    disagreements = []
    n_equal = Counter()
    for match in matches.itertuples():
        pred_row, gold_row = pred_rows.loc[match.pred_index], gold_rows.loc[match.gold_index]
        for field in COMPARED_FIELDS:
            if _field_value(pred_row, field) == _field_value(gold_row, field):
                n_equal[field] += 1
                continue
            disagreements.append([
                match.article_id, match.killed, match.gold_mention_id, match.pred_mention_id, "field", field,
                _shown_value(gold_row, field), _shown_value(pred_row, field),
            ])
    for field in COMPARED_FIELDS:
        scores[f"{field}_accuracy"] = n_equal[field] / true_positives if true_positives else math.nan
    matched_gold, matched_pred = set(matches["gold_index"]), set(matches["pred_index"])
    for _, row in _with_killed(gold_rows).iterrows():
        if row["_position"] not in matched_gold:
            disagreements.append([row["_article"], int(row["_killed"]), _text(row.get("mention_id")), "",
                                  "missed", "killed", str(row["_killed"]), ""])
    for _, row in _with_killed(pred_rows).iterrows():
        if row["_position"] not in matched_pred:
            disagreements.append([row["_article"], int(row["_killed"]), "", _text(row.get("mention_id")),
                                  "extra", "killed", "", str(row["_killed"])])
    table = pd.DataFrame(disagreements, columns=DISAGREEMENT_COLUMNS)
    table = table.sort_values(["article_id", "killed", "kind", "field", "gold_mention_id", "pred_mention_id"],
                              kind="mergesort").reset_index(drop=True)
    return scores, table


def bcubed(pred_mentions: pd.DataFrame, gold_mentions: pd.DataFrame) -> dict[str, float]:
    """Return B-cubed precision, recall and F1 of the grouping of gold mentions (those with a killed figure)."""
    gold_rows = _with_killed(gold_mentions)
    if gold_rows.empty:
        return {"precision": math.nan, "recall": math.nan, "f1": math.nan}
    matches = match_mentions(pred_mentions, gold_mentions)
    pred_event_of = dict(zip(matches["gold_index"], matches["pred_event_id"]))
    gold_label, pred_label = {}, {}
    for position, event_id in zip(gold_rows["_position"], gold_rows["_event"]):
        # Unmatched mentions, and mentions without an event id, are clusters of their own.
        gold_label[position] = ("event", event_id) if event_id else ("alone", position)
        pred_event = pred_event_of.get(position, "")
        pred_label[position] = ("event", pred_event) if pred_event else ("alone", position)
    items = list(gold_label)
    scores = grouping_scores(pd.Series([gold_label[i] for i in items], dtype="object"),
                             pd.Series([pred_label[i] for i in items], dtype="object"))
    return {"precision": scores["bcubed_precision"], "recall": scores["bcubed_recall"], "f1": scores["bcubed_f1"]}


def grouping_scores(true_groups: pd.Series, predicted_groups: pd.Series) -> dict[str, float]:
    """B-cubed and pairwise precision, recall and F1 of a grouping against the true one, item by item.

    The two series label the same items in the same order (e.g. a generated corpus's true event and the
    event reconcile gave each mention). Counted from the contingency table, so a million items take seconds.
    Pairwise precision is NaN when no two items are grouped together.
    """
    if len(true_groups) != len(predicted_groups):
        raise ValueError("both groupings must label the same items")
    if true_groups.isna().any() or predicted_groups.isna().any():
        raise ValueError("every item needs a group in both groupings")
    true_codes, _ = pd.factorize(true_groups)
    predicted_codes, _ = pd.factorize(predicted_groups)
    joint = pd.DataFrame({"true": true_codes, "predicted": predicted_codes}).value_counts()
    shared = joint.to_numpy(dtype=float)  # items in both a given true group and a given predicted group
    true_size = np.bincount(true_codes)[joint.index.get_level_values("true")]
    predicted_size = np.bincount(predicted_codes)[joint.index.get_level_values("predicted")]
    n = len(true_codes)
    precision = float((shared**2 / predicted_size).sum() / n) if n else math.nan
    recall = float((shared**2 / true_size).sum() / n) if n else math.nan

    def pairs(sizes: np.ndarray) -> float:
        return float((sizes * (sizes - 1) / 2).sum())

    together, predicted_pairs, true_pairs = pairs(shared), pairs(np.bincount(predicted_codes)), pairs(np.bincount(true_codes))
    pair_precision = together / predicted_pairs if predicted_pairs else math.nan
    pair_recall = together / true_pairs if true_pairs else math.nan
    return {
        "bcubed_precision": precision, "bcubed_recall": recall, "bcubed_f1": _f1(precision, recall),
        "pairwise_precision": pair_precision, "pairwise_recall": pair_recall,
        "pairwise_f1": _f1(pair_precision, pair_recall),
    }


def _f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (NaN when either is NaN, 0 when both are 0)."""
    if math.isnan(precision) or math.isnan(recall):
        return math.nan
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def killed_best_agreement(
    pred_events: pd.DataFrame,
    pred_mentions: pd.DataFrame,
    gold_events: pd.DataFrame,
    gold_mentions: pd.DataFrame,
) -> tuple[float, pd.DataFrame]:
    """Return the share of gold events whose killed_best equals that of the predicted event holding most of their mentions."""
    matches = match_mentions(pred_mentions, gold_mentions)
    pred_best = {_text(event_id): _to_int(best) for event_id, best
                 in zip(_column(pred_events, "event_id"), _column(pred_events, "killed_best"))}
    n_gold_mentions = Counter(_with_killed(gold_mentions)["_event"])
    rows = []
    for event_id, gold_best in zip(_column(gold_events, "event_id"), _column(gold_events, "killed_best")):
        event_id, gold_best = _text(event_id), _to_int(gold_best)
        if gold_best is None:
            continue
        held = Counter(event for event in matches.loc[matches["gold_event_id"] == event_id, "pred_event_id"] if event)
        # The most mentions wins; a tie goes to the smallest event id so the result does not depend on row order.
        pred_event = min(held, key=lambda candidate: (-held[candidate], candidate)) if held else ""
        pred_value = pred_best.get(pred_event) if pred_event else None
        rows.append([
            event_id, gold_best, n_gold_mentions[event_id], sum(held.values()), pred_event, pred_value,
            pred_value is not None and pred_value == gold_best,
        ])
    table = pd.DataFrame(rows, columns=AGREEMENT_COLUMNS).astype({"pred_killed_best": "Int64"})
    table = table.sort_values("gold_event_id", kind="mergesort").reset_index(drop=True)
    share = float(table["is_agreed"].mean()) if len(table) else math.nan
    return share, table


# ---- Corpus scoring: figures by kind, fields on matched figures, CoNLL grouping, event figures -------------

FIGURE_KINDS = {"killed": "killed", "wounded": "wounded", "killed_or_wounded": "casualties"}
CORPUS_FIELDS = ["role", "date", "admin1", "country", "perpetrator", "source_type"]
# A gold row's figure_kind; only the attack's victims are its toll (data/corpus/CONVENTIONS.md).
SCORED_FIGURE_KIND = "victims"


def scored_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the rows whose figures count as an attack's toll: every row, or only `victims` where a kind is given.

    Gold rows of the world corpus carry `figure_kind`; a prediction that sets the column aside (attackers'
    dead, totals) is scored the same way, and one without the column is scored on every row.
    """
    if "figure_kind" not in frame.columns:
        return frame.reset_index(drop=True)
    kinds = frame["figure_kind"].astype("string").fillna("").str.strip()
    return frame[kinds.isin(["", SCORED_FIGURE_KIND])].reset_index(drop=True)


def _figure_pairs(pred: pd.DataFrame, gold: pd.DataFrame, column: str) -> pd.DataFrame:
    """Pair predicted and gold rows with the same article and figure in one column, as match_mentions does for killed."""
    if column != "killed":
        pred = pred.drop(columns=["killed"], errors="ignore").rename(columns={column: "killed"})
        gold = gold.drop(columns=["killed"], errors="ignore").rename(columns={column: "killed"})
    renamed_pred, renamed_gold = pred, gold
    return match_mentions(renamed_pred, renamed_gold).rename(columns={"killed": "figure"})


def score_figures(pred: pd.DataFrame, gold: pd.DataFrame) -> tuple[dict[str, dict[str, float]], pd.DataFrame]:
    """Return precision, recall and F1 on (article, kind, figure) for killed, wounded and killed-or-wounded.

    Also returns every matched pair with its kind, so field accuracy can be taken on matched figures.
    """
    pred_rows, gold_rows = scored_rows(pred), scored_rows(gold)
    scores, pairs = {}, []
    for kind, column in FIGURE_KINDS.items():
        matched = _figure_pairs(pred_rows, gold_rows, column)
        n_pred = sum(_to_int(value) is not None for value in _column(pred_rows, column))
        n_gold = sum(_to_int(value) is not None for value in _column(gold_rows, column))
        tp = len(matched)
        precision, recall = _ratio(tp, n_pred), _ratio(tp, n_gold)
        scores[kind] = {"tp": tp, "fp": n_pred - tp, "fn": n_gold - tp, "n_gold": n_gold,
                        "precision": precision, "recall": recall, "f1": _f1(precision, recall) if n_pred or n_gold else math.nan}
        pairs.append(matched.assign(kind=kind))
    matches = pd.concat(pairs, ignore_index=True) if pairs else pd.DataFrame()
    return scores, matches


def _corpus_field_value(row: pd.Series, field: str) -> str:
    """Return the comparable value of one corpus-scored field (dates as 'start/end', admin1 as the units
    named, actors by identity)."""
    if field == "admin1":
        return _admin1_units(row.get(field), row.get("country"))
    if field == "perpetrator":
        return _normalise_actors(row.get(field))
    return _field_value(row, field)


def _admin1_units(value: object, country: object) -> str:
    """Compare admin-1 names by the unit they denote in the row's country (world_places.admin1_identity):
    "Aden" and "Adan", "Belgorod Oblast" and "Belgorod" are one province; a name no gazetteer knows as a
    province of that country is compared as a toponym."""
    from helpers.world_places import admin1_identity

    countries = [part for part in _text(country).split(";") if part]
    parts = set()
    for part in _text(value).split(";"):
        if not part.strip():
            continue
        ids = {admin1_identity(part, name) for name in countries} or {admin1_identity(part, None)}
        known = sorted(i for i in ids if ":" in i)  # a unit id, when one of the row's countries knows the name
        parts.add(known[0] if known else sorted(ids)[0])
    return ";".join(sorted(parts))


def _normalise_actors(value: object) -> str:
    """Compare actors by identity: each name as the canonical actor it is an alias of in the actor dictionary
    ('Egyptian forces' and 'Egyptian government forces' are one actor), so a name written two ways is not an error."""
    from helpers.actors import actor_identity

    return _normalise(";".join(actor_identity(part) for part in _text(value).split(";") if part.strip()))


def field_accuracy(pred: pd.DataFrame, gold: pd.DataFrame, matches: pd.DataFrame) -> tuple[dict[str, float], pd.DataFrame]:
    """Return the share of matched figures whose role, date, admin1, country, perpetrator and source type equal gold.

    A gold row matched on two kinds (killed and wounded) by the same predicted row counts once.
    """
    pred_rows, gold_rows = scored_rows(pred), scored_rows(gold)
    unique = matches.drop_duplicates(["pred_index", "gold_index"]) if len(matches) else matches
    equal, rows = Counter(), []
    for match in unique.itertuples():
        pred_row, gold_row = pred_rows.loc[match.pred_index], gold_rows.loc[match.gold_index]
        for field in CORPUS_FIELDS:
            pred_value, gold_value = _corpus_field_value(pred_row, field), _corpus_field_value(gold_row, field)
            if pred_value == gold_value:
                equal[field] += 1
            else:
                rows.append([match.article_id, match.gold_mention_id, match.pred_mention_id, field,
                             _shown_value(gold_row, field), _shown_value(pred_row, field)])
    n = len(unique)
    accuracy = {field: equal[field] / n if n else math.nan for field in CORPUS_FIELDS}
    table = pd.DataFrame(rows, columns=["article_id", "gold_mention_id", "pred_mention_id", "field", "gold_value",
                                        "pred_value"])
    return accuracy, table.sort_values(["article_id", "gold_mention_id", "field"], kind="mergesort").reset_index(drop=True)


def _gold_items_with_predicted_events(matches: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Return each gold toll row with a figure, its gold event and the predicted event of its best match.

    A gold row matched on several kinds takes the event of its killed match, then wounded, then killed-or-wounded.
    """
    gold_rows = scored_rows(gold)
    has_figure = [any(_to_int(row.get(column)) is not None for column in FIGURE_KINDS.values())
                  for _, row in gold_rows.iterrows()]
    items = pd.DataFrame({
        "gold_index": range(len(gold_rows)),
        "gold_event_id": [_text(value) for value in _column(gold_rows, "event_id")],
    })[has_figure]
    order = {kind: rank for rank, kind in enumerate(FIGURE_KINDS)}
    if len(matches):
        best = (matches.assign(_rank=matches["kind"].map(order))
                .sort_values(["gold_index", "_rank"], kind="mergesort").drop_duplicates("gold_index"))
        event_of = dict(zip(best["gold_index"], best["pred_event_id"]))
    else:
        event_of = {}
    items["pred_event_id"] = [event_of.get(index, "") for index in items["gold_index"]]
    return items.reset_index(drop=True)


def coreference_scores(matches: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float]:
    """Return MUC, B-cubed, CEAF-e and CoNLL F1 (their mean) of gold toll mentions grouped into predicted events.

    The items are the gold rows with a figure; a gold row no prediction matched, or whose prediction has no
    event, is a cluster of its own. Scored with scorch (the CoNLL-2012 scorer's metrics).
    """
    from scorch import scores as conll

    items = _gold_items_with_predicted_events(matches, gold)
    if items.empty:
        return {name: math.nan for name in ("muc_f1", "bcubed_precision", "bcubed_recall", "bcubed_f1",
                                            "ceafe_f1", "conll_f1")}

    def clusters(labels: list[object]) -> list[set[int]]:
        groups: dict[object, set[int]] = {}
        for item, label in zip(items["gold_index"], labels):
            groups.setdefault(label, set()).add(int(item))
        return list(groups.values())

    key = clusters([("gold", event) if event else ("alone", index)
                    for index, event in zip(items["gold_index"], items["gold_event_id"])])
    response = clusters([("pred", event) if event else ("alone", index)
                         for index, event in zip(items["gold_index"], items["pred_event_id"])])
    # scorch returns (recall, precision, F1) for each metric.
    muc, b3, ceafe = conll.muc(key, response), conll.b_cubed(key, response), conll.ceaf_e(key, response)
    return {
        "muc_f1": muc[2], "bcubed_precision": b3[1], "bcubed_recall": b3[0], "bcubed_f1": b3[2],
        "ceafe_f1": ceafe[2], "conll_f1": (muc[2] + b3[2] + ceafe[2]) / 3,
    }


def event_figure_agreement(pred_events: pd.DataFrame, matches: pd.DataFrame, gold_events: pd.DataFrame,
                           gold: pd.DataFrame) -> tuple[dict[str, float], pd.DataFrame]:
    """Return the share of gold events whose killed low, best and high equal the predicted event's.

    A gold event's predicted event is the one holding most of its matched toll mentions (ties to the smaller
    id); a gold event with no killed_best takes no part, nor does a figure that gold leaves blank.
    """
    items = _gold_items_with_predicted_events(matches, gold)
    by_id = {_text(event_id): row for event_id, (_, row) in zip(_column(pred_events, "event_id"), pred_events.iterrows())}
    rows = []
    for _, gold_event in gold_events.iterrows():
        event_id = _text(gold_event.get("event_id"))
        if _to_int(gold_event.get("killed_best")) is None:
            continue
        held = Counter(event for event in items.loc[items["gold_event_id"] == event_id, "pred_event_id"] if event)
        pred_event = min(held, key=lambda candidate: (-held[candidate], candidate)) if held else ""
        pred_row = by_id.get(pred_event)
        row = {"gold_event_id": event_id, "pred_event_id": pred_event}
        for figure in ("killed_low", "killed_best", "killed_high"):
            gold_value = _to_int(gold_event.get(figure))
            pred_value = _to_int(pred_row.get(figure)) if pred_row is not None else None
            row[f"gold_{figure}"], row[f"pred_{figure}"] = gold_value, pred_value
            row[f"is_{figure}_equal"] = None if gold_value is None else pred_value == gold_value
        rows.append(row)
    columns = ["gold_event_id", "pred_event_id"]
    for figure in ("killed_low", "killed_best", "killed_high"):
        columns += [f"gold_{figure}", f"pred_{figure}", f"is_{figure}_equal"]
    table = pd.DataFrame(rows, columns=columns)
    shares = {}
    for figure in ("killed_low", "killed_best", "killed_high"):
        judged = [value for value in table[f"is_{figure}_equal"] if value is not None and not pd.isna(value)]
        shares[figure] = sum(bool(value) for value in judged) / len(judged) if judged else math.nan
    return shares, table.sort_values("gold_event_id", kind="mergesort").reset_index(drop=True)


# ---- Date accuracy by the gold row's precision and the article's publication date ---------------------------

DATE_PRECISIONS = ["day", "week", "month", "year", "unknown"]
DATE_BREAKDOWN_COLUMNS = ["gold_precision", "has_published", "n_rows", "n_equal", "accuracy", "n_articles",
                          "n_articles_wrong"]


def _publication_class(precision: str | None) -> str:
    """Return `yes` for a publication day, `partial` for a month or year only, `no` for none."""
    return "yes" if precision == "day" else ("partial" if precision else "no")


def date_accuracy_by_precision(matches: pd.DataFrame, pred: pd.DataFrame, gold: pd.DataFrame,
                               published: dict[str, str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return date accuracy on matched figures split by the gold row's precision and by whether the article
    has a publication date, and the table of matched rows behind it (one row per matched gold row).

    Reads the score's `--output` tables: `matches` (pairs of mention ids), the predicted `mentions` and the
    gold mentions. A gold row gold leaves `unknown` and the prediction also leaves blank counts as equal, so
    the overall figure flatters splits with many undated articles; the split shows what transfers.
    `published` maps an article id to the precision of the publication date the run found for it (`day`,
    `month`, `year`, blank for none); rows are split into `yes` (a day), `partial` (a month or year) and `no`
    (`n/a` when no map is given).
    """
    unique = matches.drop_duplicates(["pred_mention_id", "gold_mention_id"]) if len(matches) else matches
    pred_by_id = pred.drop_duplicates("mention_id").set_index("mention_id")
    gold_by_id = gold.drop_duplicates("mention_id").set_index("mention_id")
    rows = []
    for match in unique.itertuples():
        if match.pred_mention_id not in pred_by_id.index or match.gold_mention_id not in gold_by_id.index:
            continue
        pred_row, gold_row = pred_by_id.loc[match.pred_mention_id], gold_by_id.loc[match.gold_mention_id]
        precision = _text(gold_row.get("date_precision")) or "unknown"
        has_published = "n/a" if published is None else _publication_class(published.get(match.article_id))
        rows.append({
            "article_id": match.article_id, "gold_mention_id": match.gold_mention_id,
            "pred_mention_id": match.pred_mention_id, "gold_precision": precision, "has_published": has_published,
            "gold_date": _shown_value(gold_row, "date"), "pred_date": _shown_value(pred_row, "date"),
            "pred_precision": _text(pred_row.get("date_precision")) or "unknown",
            "is_equal": _field_value(gold_row, "date") == _field_value(pred_row, "date"),
            "gold_date_text": _text(gold_row.get("date_text")), "pred_date_text": _text(pred_row.get("date_text")),
            "evidence": _text(gold_row.get("evidence")),
        })
    table = pd.DataFrame(rows, columns=["article_id", "gold_mention_id", "pred_mention_id", "gold_precision",
                                        "has_published", "gold_date", "pred_date", "pred_precision", "is_equal",
                                        "gold_date_text", "pred_date_text", "evidence"])
    table = table.sort_values(["article_id", "gold_mention_id", "pred_mention_id"], kind="mergesort")
    order = {name: rank for rank, name in enumerate(DATE_PRECISIONS + ["all"])}
    groups = []
    for precision_key in DATE_PRECISIONS + ["all"]:
        by_precision = table if precision_key == "all" else table[table["gold_precision"] == precision_key]
        if precision_key != "all" and not len(by_precision):
            continue
        for published_key in ["all", "yes", "partial", "no", "n/a"]:
            part = by_precision if published_key == "all" else by_precision[by_precision["has_published"] == published_key]
            if published_key != "all" and not len(part):
                continue
            n_equal = int(part["is_equal"].sum())
            groups.append({
                "gold_precision": precision_key, "has_published": published_key, "n_rows": len(part),
                "n_equal": n_equal, "accuracy": n_equal / len(part) if len(part) else math.nan,
                "n_articles": part["article_id"].nunique(),
                "n_articles_wrong": part.loc[~part["is_equal"].astype(bool), "article_id"].nunique(),
            })
    summary = pd.DataFrame(groups, columns=DATE_BREAKDOWN_COLUMNS)
    summary = summary.sort_values("gold_precision", key=lambda column: column.map(order), kind="mergesort")
    return summary.reset_index(drop=True), table.reset_index(drop=True)

"""Score the workbook on a split of the world corpus (or the seeds) against its hand-made gold.

    python3 tasks.py score --split test      # the held-out third: scores only, never for writing rules
    python3 tasks.py score --split dev       # the part rules and models are developed on
    python3 tasks.py score --split dev --out-of-fold   # dev with figure kinds from models that did not see it
    python3 tasks.py score --split seeds     # the five seed articles and data/gold/

Runs ingest, annotate and reconcile in one process on the split's articles with the notebooks' defaults
(no human corrections, no manual merge/split decisions: the machine is measured), then prints per stage:
figures by kind (precision, recall, F1 on article, kind and figure), field accuracy on matched figures,
the grouping of mentions into events (MUC, B-cubed, CEAF-e and their mean, the CoNLL F1), and the share of
gold events whose killed low, best and high equal the workbook's. With --output, the predicted tables and
every disagreement are written as CSV for reading.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import pandas as pd

from helpers import corpus, evaluate, pipeline


def score_split(split: str, *, n_process: int = 1, out_of_fold: bool = False,
                place_folds: str = "event") -> dict[str, object]:
    """Run the stages on a split and return its scores and the tables behind them. With `out_of_fold` (dev
    only), the figure kinds of each fold of articles come from a model fitted on the other folds, and the
    attacks' countries and provinces from models fitted on other folds grouped by `place_folds`
    (helpers.place_folds)."""
    if out_of_fold and split != "dev":
        raise ValueError(f"out-of-fold scoring is for the dev split, whose gold trains the figure-kind model; "
                         f"got split={split!r}")
    paths = corpus.split_paths(split)
    gold_mentions, gold_events = corpus.read_gold(split)
    annotated = pipeline.annotate_folder(paths["articles"], n_process=n_process, out_of_fold=out_of_fold,
                                         place_folds=place_folds)
    reconciled = pipeline.reconcile_mentions(annotated["mentions"], annotated["articles"])
    predicted = reconciled["mentions"]
    gold_mentions = gold_mentions[gold_mentions["article_id"].isin(annotated["articles"]["article_id"])]
    figure_scores, matches = evaluate.score_figures(predicted, gold_mentions)
    accuracy, field_disagreements = evaluate.field_accuracy(predicted, gold_mentions, matches)
    grouping = evaluate.coreference_scores(matches, gold_mentions)
    event_shares, event_table = evaluate.event_figure_agreement(reconciled["events"], matches, gold_events,
                                                                 gold_mentions)
    ledger = annotated["ledger"]
    scores = {
        "split": split + (" (figure kinds out of fold)" if out_of_fold else "")
        + (f" (places out of fold by {place_folds})" if out_of_fold and place_folds != "event" else ""),
        "ingest": {
            "files": len(ledger),
            "articles": int((ledger["status"] == "ok").sum()),
            "with_publication_date": int(annotated["articles"]["published"].notna().sum()),
        },
        "annotate": {
            "mentions": len(predicted),
            "gold_mentions": len(evaluate.scored_rows(gold_mentions)),
            "figures": figure_scores,
            "field_accuracy": accuracy,
        },
        "reconcile": {
            "events": len(reconciled["events"]),
            "gold_events": int(gold_events["event_id"].nunique()),
            "grouping": grouping,
            "event_figures": event_shares,
        },
    }
    return {"scores": scores, "mentions": predicted, "events": reconciled["events"], "matches": matches,
            "field_disagreements": field_disagreements, "event_figures": event_table,
            "articles": annotated["articles"]}


def _number(value: object, digits: int = 2) -> str:
    """Format a score for the printed table: two decimals, a dash for undefined."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def format_scores(scores: dict[str, object]) -> str:
    """Return the scores as Markdown tables, one block per stage."""
    ingest, annotate, reconcile = scores["ingest"], scores["annotate"], scores["reconcile"]
    lines = [f"# Scores on the `{scores['split']}` split", "",
             f"ingest: {ingest['files']} files, {ingest['articles']} articles accepted, "
             f"{ingest['with_publication_date']} with a publication date", "",
             f"annotate: {annotate['mentions']} mentions predicted, {annotate['gold_mentions']} gold toll rows", "",
             "| figure | gold | predicted | matched | precision | recall | F1 |", "|---|---|---|---|---|---|---|"]
    for kind, values in annotate["figures"].items():
        lines.append(f"| {kind} | {values['n_gold']} | {values['tp'] + values['fp']} | {values['tp']} | "
                     f"{_number(values['precision'])} | {_number(values['recall'])} | {_number(values['f1'])} |")
    lines += ["", "| accuracy on matched figures | " + " | ".join(annotate["field_accuracy"]) + " |",
              "|---" * (len(annotate["field_accuracy"]) + 1) + "|",
              "| | " + " | ".join(_number(v) for v in annotate["field_accuracy"].values()) + " |", ""]
    grouping, figures = reconcile["grouping"], reconcile["event_figures"]
    lines += [f"reconcile: {reconcile['events']} events predicted, {reconcile['gold_events']} gold events", "",
              "| MUC F1 | B³ precision | B³ recall | B³ F1 | CEAF-e F1 | CoNLL F1 |", "|---|---|---|---|---|---|",
              "| " + " | ".join(_number(grouping[k]) for k in ("muc_f1", "bcubed_precision", "bcubed_recall",
                                                              "bcubed_f1", "ceafe_f1", "conll_f1")) + " |", "",
              "| gold events whose figure equals the workbook's | killed_low | killed_best | killed_high |",
              "|---|---|---|---|",
              "| share | " + " | ".join(_number(figures[k]) for k in ("killed_low", "killed_best", "killed_high")) + " |"]
    return "\n".join(lines) + "\n"


def _clean(value: object) -> object:
    """Return a JSON-ready value: NaN becomes None, numbers are rounded to four decimals."""
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 4)
    return value


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, score the split, print the tables and write what was asked."""
    parser = argparse.ArgumentParser(prog="tasks.py score", description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="test", choices=corpus.SCORABLE, help="what to score (default: test)")
    parser.add_argument("--json", type=Path, default=None, help="also write the scores as JSON to this file")
    parser.add_argument("--output", type=Path, default=None,
                        help="folder for the predicted mentions and events and every disagreement (CSV)")
    parser.add_argument("--out-of-fold", action="store_true",
                        help="dev only: judge each fifth of the articles (articles sharing an event together) "
                             "with a figure-kind model fitted on the rest, since the shipped model saw all of dev")
    parser.add_argument("--place-folds", default="event", choices=("event", "country", "outlet"),
                        help="with --out-of-fold: group the folds of the attack-country and attack-place models "
                             "by gold event (default), by gold country (leave one country out) or by outlet")
    parser.add_argument("--n-process", type=int, default=1, help="worker processes for ingest and annotate")
    args = parser.parse_args(argv)
    if args.n_process < 1:
        parser.error(f"--n-process must be a positive integer; got {args.n_process}")
    if args.out_of_fold and args.split != "dev":
        parser.error(f"--out-of-fold is for --split dev (the model is trained on dev); got --split {args.split}")
    if args.place_folds != "event" and not args.out_of_fold:
        parser.error("--place-folds needs --out-of-fold")
    result = score_split(args.split, n_process=args.n_process, out_of_fold=args.out_of_fold,
                         place_folds=args.place_folds)
    sys.stdout.write(format_scores(result["scores"]))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(_clean(result["scores"]), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if args.output:
        args.output.mkdir(parents=True, exist_ok=True)
        for name in ("mentions", "events", "matches", "field_disagreements", "event_figures", "articles"):
            frame = result[name]
            if isinstance(frame, pd.DataFrame):
                frame.to_csv(args.output / f"{name}.csv", index=False, lineterminator="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Date robustness on the dev split: how date accuracy on matched figures holds up when articles come from
outlets that give their publication date differently from the ones dev was built from.

    .venv/bin/python benchmarks/date_robustness.py                       # every variant (several minutes each)
    .venv/bin/python benchmarks/date_robustness.py --variants no_published shifted_30
    .venv/bin/python benchmarks/date_robustness.py --variants no_published --show 20   # and 20 disagreements

Each variant copies the dev articles into a temporary folder, perturbs them the way unseen outlets differ, runs
ingest and annotate as `tasks.py score` does (no reconcile: dates are the mentions'), and compares the dates of
figures matched to the dev gold (which stays the same: the attack happened when it happened):

  baseline            the articles as they are
  no_published        `published` blank in articles.csv for every article (the page's own lines must date it)
  no_published_url    `published` and `url` blank (only the text dates the article)
  shifted_3 / _30 / _400   `published` moved that many days later (a re-published or "updated" page's date)
  no_head             the lines before the body dropped (no title, no date line, no dateline), `published` kept
  no_head_published   the lines before the body dropped and `published` blank

Disagreements are counted by cause: the publication day the run used against the sidecar's true one (missing,
wrong, right), and how the predicted interval stands to gold's (unknown on one side, shifted by exactly the
publication error, overlapping, disjoint within a week, disjoint beyond). Only the dev split is read: test is held out.
"""
from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from helpers import corpus, evaluate, pipeline  # noqa: E402

SIDECAR = "articles.csv"
# A line opens the body when it has more words than a title, a byline or a date line do.
BODY_MIN_WORDS = 12


def _shift(value: object, days: int) -> object:
    try:
        return (dt.date.fromisoformat(str(value)) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return value  # a blank or partial date stays as it is


def _without_head(text: str) -> str:
    """The text from its first body line on (a line of more than BODY_MIN_WORDS words)."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if len(line.split()) > BODY_MIN_WORDS:
            return "".join(lines[index:])
    return text


def _perturb(folder: Path, variant: str) -> None:
    sidecar = pd.read_csv(folder / SIDECAR, dtype="string", keep_default_na=False)
    if variant in ("no_published", "no_published_url", "no_head_published"):
        sidecar["published"] = ""
    if variant == "no_published_url":
        sidecar["url"] = ""
    if variant.startswith("shifted_"):
        days = int(variant.split("_")[1])
        sidecar["published"] = [_shift(value, days) for value in sidecar["published"]]
    if variant.startswith("no_head"):
        for path in folder.glob("*.txt"):
            path.write_text(_without_head(path.read_text(encoding="utf-8")), encoding="utf-8")
    sidecar.to_csv(folder / SIDECAR, index=False)


VARIANTS = ("baseline", "no_published", "no_published_url", "shifted_3", "shifted_30", "shifted_400", "no_head",
            "no_head_published")


def _day(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _interval(value: str) -> tuple[dt.date | None, dt.date | None]:
    start, _, end = value.partition("/")
    return _day(start), _day(end)


def _cause(gold_value: str, pred_value: str, anchor_error: int | None) -> str:
    gold_start, gold_end = _interval(gold_value)
    pred_start, pred_end = _interval(pred_value)
    if gold_start is None:
        return "gold unknown, predicted a date"
    if pred_start is None:
        return "predicted unknown"
    offset = (pred_start - gold_start).days
    if anchor_error and offset == anchor_error and (pred_end - gold_end).days == anchor_error:
        return "shifted by exactly the publication error"
    if pred_start <= gold_end and gold_start <= pred_end:
        return "overlapping, other interval"
    gap = (gold_start - pred_end).days if pred_end < gold_start else (pred_start - gold_end).days
    return "disjoint within 7 days" if gap <= 7 else "disjoint by more than 7 days"


def run_variant(variant: str, show: int = 0) -> dict:
    paths = corpus.split_paths("dev")
    gold_mentions, _ = corpus.read_gold("dev")
    truth = corpus.read_sidecar("dev").set_index("article_id")["published"]
    with tempfile.TemporaryDirectory(prefix="date-robustness-") as scratch:
        folder = Path(scratch) / "articles"
        shutil.copytree(paths["articles"], folder)
        _perturb(folder, variant)
        annotated = pipeline.annotate_folder(folder)
    predicted, articles = annotated["mentions"], annotated["articles"].set_index("article_id")
    gold = gold_mentions[gold_mentions["article_id"].isin(articles.index)]
    _, matches = evaluate.score_figures(predicted, gold)
    accuracy, disagreements = evaluate.field_accuracy(predicted, gold, matches)
    dates = disagreements[disagreements["field"] == "date"]
    anchors, causes = Counter(), Counter()
    off = []
    for article_id in articles.index:
        used, true = _day(articles.at[article_id, "published"]), _day(truth.get(article_id))
        anchors[_anchor_kind(used, true)] += 1
        if used and true and used != true:
            off.append(f"{article_id}: used {used} ({articles.at[article_id, 'published_from']}), sidecar {true}")
    shown = 0
    for row in dates.itertuples():
        used, true = _day(articles.at[row.article_id, "published"]), _day(truth.get(row.article_id))
        anchor = _anchor_kind(used, true)
        error = (used - true).days if used and true else None
        cause = f"{anchor}: {_cause(str(row.gold_value), str(row.pred_value), error)}"
        causes[cause] += 1
        if shown < show:
            print(f"    {row.article_id} {row.gold_mention_id}: gold {row.gold_value} predicted {row.pred_value} "
                  f"(published used {articles.at[row.article_id, 'published']} from "
                  f"{articles.at[row.article_id, 'published_from']}; sidecar {truth.get(row.article_id)}) [{cause}]")
            shown += 1
    n_matched = len(matches.drop_duplicates(["pred_index", "gold_index"])) if len(matches) else 0
    return {"variant": variant, "date_accuracy": accuracy["date"], "matched": n_matched, "wrong": len(dates),
            "anchors": dict(anchors), "causes": dict(causes), "off": off}


def _anchor_kind(used: dt.date | None, true: dt.date | None) -> str:
    if true is None:
        return "no sidecar day"
    if used is None:
        return "publication day missing"
    if used == true:
        return "publication day right"
    return "publication day off by <=7" if abs((used - true).days) <= 7 else "publication day off by >7"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    parser.add_argument("--show", type=int, default=0, help="print this many date disagreements of each variant")
    args = parser.parse_args(argv)
    for variant in args.variants:
        print(f"== {variant}", flush=True)
        result = run_variant(variant, args.show)
        print(f"  date accuracy {result['date_accuracy']:.3f} ({result['matched'] - result['wrong']}/"
              f"{result['matched']} matched figures)")
        print("  articles by publication day used: " +
              ", ".join(f"{kind} {count}" for kind, count in sorted(result["anchors"].items())))
        for cause, count in sorted(result["causes"].items(), key=lambda item: (-item[1], item[0])):
            print(f"    {count:4d}  {cause}")
        if args.show:
            for line in result["off"][:args.show]:
                print(f"  publication day differs: {line}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Date accuracy on matched figures, split by the gold row's date precision and by whether the run found the
article's publication date, read from the scoring command's `--output` folder.

    PYTHONPATH=src .venv/bin/python -m helpers.score --split dev --out-of-fold --output OUT
    PYTHONPATH=src .venv/bin/python benchmarks/date_accuracy.py OUT [--split dev] [--rows ROWS.csv]

The overall date accuracy counts a gold `unknown` row the run also leaves blank as right, so a split with many
undated articles looks better than one of dated reports; accuracy on gold `day` and `week` rows is what
transfers. When OUT has no `articles.csv` (older runs), the split's articles are ingested again to learn which
have a publication date.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from helpers import corpus, evaluate, ingest
from helpers import published as published_dates


def _published_by_article(output: Path, split: str) -> dict[str, str]:
    """Return the precision of each article's publication date in the run (`day`, `month`, `year`; blank when
    it has none), from its articles.csv, else from a fresh ingest of the split."""
    path = output / "articles.csv"
    articles = (pd.read_csv(path, dtype=str) if path.exists()
                else ingest.ingest_folder(corpus.split_paths(split)["articles"])["articles"])
    return {str(article_id): published_dates.precision_of(value) if pd.notna(value) and str(value).strip() else ""
            for article_id, value in zip(articles["article_id"], articles["published"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the --output folder of helpers.score")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--rows", type=Path, help="write the matched rows with their dates to this CSV")
    args = parser.parse_args(argv)
    matches = pd.read_csv(args.output / "matches.csv", dtype=str, keep_default_na=False)
    pred = pd.read_csv(args.output / "mentions.csv", dtype=str, keep_default_na=False)
    gold, _ = corpus.read_gold(args.split)
    summary, rows = evaluate.date_accuracy_by_precision(matches, pred, gold, _published_by_article(args.output, args.split))
    sys.stdout.write(summary.to_string(index=False, float_format=lambda value: f"{value:.3f}") + "\n")
    if args.rows:
        rows.to_csv(args.rows, index=False, lineterminator="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The ingest, annotate and reconcile stages run in one process on a folder, as the notebooks chain them.

The notebooks remain the way a researcher runs and reads the workbook; this module is for measuring it:
the scoring command and the notebooks' corpus scores call the same stage functions with the notebooks'
defaults, and pass tables between stages through the same CSV files, so the scores are those of a run.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

from helpers import annotate, attack_country, attack_place, figure_kinds, ingest, schemas, sides
from helpers import place_folds as place_folds_module
from helpers.reconcile import build_events, for_events, link_mentions, type_mentions


def annotate_folder(input_dir: str | Path, *, n_process: int = 1, out_of_fold: bool = False,
                    place_folds: str = "event") -> dict[str, pd.DataFrame]:
    """Ingest and annotate the article files of a folder; return the ledger, articles, texts, mentions and the
    figures annotate set aside (helpers.figure_kinds). With `out_of_fold` (the dev split's folder only), each
    fold of articles is judged by a figure-kind model fitted on the other folds (figure_kinds.annotate_out_of_fold),
    and the attacks' countries and provinces are chosen by models fitted on the other folds likewise, over
    folds grouped by `place_folds` (helpers.place_folds: "event", the recipe's; "country", leave one country
    out; "outlet")."""
    result = ingest.ingest_folder(input_dir, n_process=n_process)
    if out_of_fold:  # the attacks' countries and provinces are chosen out of fold too
        # (helpers.attack_country, helpers.attack_place)
        fold_of = None if place_folds == "event" else place_folds_module.dev_folds(result["texts"]["article_id"],
                                                                                    place_folds)
        with attack_country.using_model(attack_country.out_of_fold_models(result["texts"], fold_of=fold_of)), \
                attack_place.using_model(attack_place.out_of_fold_models(result["texts"], fold_of=fold_of)):
            mentions, set_aside = figure_kinds.annotate_out_of_fold(result["texts"], n_process=n_process)
    else:
        mentions, set_aside = annotate.annotate_articles_with_set_aside(result["texts"], n_process=n_process)
    return {"ledger": result["ledger"], "articles": result["articles"], "texts": result["texts"],
            "mentions": mentions, "set_aside": set_aside}


def reconcile_mentions(mentions: pd.DataFrame, articles: pd.DataFrame, *, rules: str = "ucdp",
                       match_threshold: float | None = None, seed: int = 42,
                       n_process: int = 1) -> dict[str, pd.DataFrame]:
    """Link mentions into events with the stated linkage settings and no manual decisions; return both tables
    (a large collection linked and summarised in `n_process` worker processes when above 1).

    The tables go through the contract's CSV files first, as between notebooks 02 and 03, so the types
    reconcile sees are those of a run.
    """
    with tempfile.TemporaryDirectory() as scratch:
        schemas.write_table(mentions, "mentions", scratch, parquet=False)
        schemas.write_table(articles, "articles", scratch, parquet=False)
        mentions_read = schemas.read_table("mentions", scratch)
        articles_read = schemas.read_table("articles", scratch)
    typed = type_mentions(mentions_read, articles_read)
    link = link_mentions(typed, decisions_path=None, match_threshold=match_threshold, seed=seed, n_process=n_process)
    typed, link = for_events(typed, link)  # the reports and the columns the events do not read let go
    events, contradictions, mentions_out = build_events(typed, link, rules=rules, original=mentions_read,
                                                        n_process=n_process)
    events = sides.add_attackers_killed(events, mentions_out)
    return {"events": events, "contradictions": contradictions, "mentions": mentions_out}

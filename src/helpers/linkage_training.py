"""Learn the linkage's m and u probabilities from labelled pairs of reports: the dev split of the world corpus.

    python -m helpers.linkage_training            # rewrites data/linkage/learned_m_u.csv from the dev split

The stated priors of `data/linkage/splink_settings.yaml` are a reviewer's guesses. The world corpus's dev split
says, for every pair of reports the workbook makes of its articles, whether the two describe one real attack
(the gold event their figures were matched to). Each comparison level's m is then the share of matching pairs at
that level, and u the share of non-matching pairs, each blended with the stated prior as that many pseudo-pairs
(`learned_m_u.prior_pairs_m`, `prior_pairs_u`), so that a level seen a handful of times keeps close to its
prior and a level never seen keeps its prior. load_settings puts the learned values in place of the priors
when the file is there; the priors and their reasons stay in the YAML. Only the dev split is read (never test).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import linkage

LEARNED_COLUMNS = ["comparison", "level", "n_match", "n_non_match", "prior_m", "prior_u", "m", "u"]


def label_reports(typed: pd.DataFrame, report_ids: pd.Series, matches: pd.DataFrame) -> pd.Series:
    """The gold event of each report: the one most of its matched figures belong to (reports with none are left out)."""
    report_of = dict(zip(typed["mention_id"], report_ids))
    matched = matches.assign(report_id=matches["pred_mention_id"].map(report_of)).dropna(subset=["report_id"])
    matched = matched[matched["gold_event_id"].astype("string").str.strip().ne("").fillna(False)]
    counts = matched.groupby(["report_id", "gold_event_id"]).size().rename("n").reset_index()
    counts = counts.sort_values(["report_id", "n", "gold_event_id"], ascending=[True, False, True], kind="mergesort")
    return counts.drop_duplicates("report_id").set_index("report_id")["gold_event_id"]


def level_vectors(reports: pd.DataFrame, settings: dict) -> tuple[pd.DataFrame, dict[str, dict[int, str]]]:
    """Every pair of reports from different articles with each comparison's level (Splink's gamma values), and the
    label of each level value per comparison."""
    import duckdb
    import pyarrow as pa
    from splink import DuckDBAPI

    with linkage.quiet_splink():
        connection = duckdb.connect(":memory:")
        arrow = linkage._to_arrow(reports)
        numbers = pa.array(np.arange(len(reports), dtype=np.int64), pa.int64())
        arrow = arrow.set_column(arrow.schema.get_field_index("report_id"), "report_id", numbers)
        table = DuckDBAPI(connection).register(arrow, table_name="reports")
        pairs, labels = linkage.all_pair_levels(connection, table, settings)
        connection.close()
    ids = reports["report_id"].astype(str).to_numpy()
    pairs["report_id_l"], pairs["report_id_r"] = ids[pairs["report_id_l"]], ids[pairs["report_id_r"]]
    return pairs, labels


def learn_m_u(pairs: pd.DataFrame, labels: dict[str, dict[int, str]], event_of_report: pd.Series,
              settings: dict) -> pd.DataFrame:
    """Count matching and non-matching labelled pairs per comparison level and blend them with the stated priors."""
    left = pairs["report_id_l"].map(event_of_report)
    right = pairs["report_id_r"].map(event_of_report)
    labelled = pairs[left.notna() & right.notna()]
    is_match = (left == right)[labelled.index]
    if not is_match.any():
        raise ValueError("no labelled pair of reports describes one event: nothing to learn m from")
    options = settings["learned_m_u"]
    k_m, k_u = float(options["prior_pairs_m"]), float(options["prior_pairs_u"])
    learned = set(options.get("comparisons") or [])
    rows = []
    for comparison in settings["comparisons"]:
        name = comparison["output_column_name"]
        if name not in learned:
            continue  # this comparison keeps its stated priors
        value_of = {label: value for value, label in labels[name].items()}
        # m and u are shares among the pairs whose two values are known (the null level is neither for nor
        # against), as the stated priors are: the weights then hold in a collection where reports name, say,
        # a perpetrator more or less often than in dev.
        known = labelled[f"gamma_{name}"].ne(linkage.NULL_LEVEL)
        n_match_known, n_non_known = int((known & is_match).sum()), int((known & ~is_match).sum())
        for level in comparison["levels"]:
            if level.get("is_null") or level.get("stated"):
                continue  # a stated level's m and u are conditional shares, not this count (see the settings)
            at_level = labelled[f"gamma_{name}"].eq(value_of[level["label"]])
            a, b = int((at_level & is_match).sum()), int((at_level & ~is_match).sum())
            prior_m, prior_u = float(level["m"]), float(level["u"])
            m, u = (a + k_m * prior_m) / (n_match_known + k_m), (b + k_u * prior_u) / (n_non_known + k_u)
            if a == 0 and b == 0:
                m, u = prior_m, prior_u  # never seen: the data say nothing, the prior stands as stated
            rows.append({"comparison": name, "level": level["label"], "n_match": a, "n_non_match": b,
                         "prior_m": prior_m, "prior_u": prior_u, "m": float(f"{m:.6g}"), "u": float(f"{u:.6g}")})
    return pd.DataFrame(rows, columns=LEARNED_COLUMNS)


def learn_from_split(split: str = "dev", settings_path: str | Path = linkage.LINKAGE_SETTINGS_PATH) -> pd.DataFrame:
    """Annotate a split of the world corpus, make its reports, label their pairs from gold and learn m and u."""
    from helpers import corpus, evaluate, pipeline, reconcile, schemas

    if split != "dev":
        raise ValueError(f"split: m and u are learned on dev only (the test split is held out), got {split!r}")
    settings = linkage.load_settings(settings_path, learned=False)
    gold_mentions, _ = corpus.read_gold(split)
    annotated = pipeline.annotate_folder(corpus.split_paths(split)["articles"])
    with tempfile.TemporaryDirectory() as scratch:  # through the contract's CSV files, as between notebooks
        schemas.write_table(annotated["mentions"], "mentions", scratch, parquet=False)
        schemas.write_table(annotated["articles"], "articles", scratch, parquet=False)
        mentions, articles = schemas.read_table("mentions", scratch), schemas.read_table("articles", scratch)
    typed = reconcile.type_mentions(mentions, articles)
    reports, report_ids = linkage.build_reports(typed, words_top=linkage.words_top(settings, len(typed)),
                                                   words_without_names=linkage.words_without_names(settings))
    gold_mentions = gold_mentions[gold_mentions["article_id"].isin(articles["article_id"])]
    _, matches = evaluate.score_figures(mentions, gold_mentions)
    pairs, labels = level_vectors(reports, settings)
    return learn_m_u(pairs, labels, label_reports(typed, report_ids, matches), settings)


def main(argv: list[str] | None = None) -> int:
    """Learn m and u on the dev split and write them where load_settings reads them."""
    parser = argparse.ArgumentParser(prog="python -m helpers.linkage_training", description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=None, help="where to write (default: the settings' learned_m_u file)")
    args = parser.parse_args(argv)
    settings = linkage.load_settings(learned=False)
    output = args.output or linkage.learned_m_u_path(settings)
    table = learn_from_split("dev")
    output.write_text(table.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    sys.stdout.write(f"wrote {len(table)} levels to {output}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

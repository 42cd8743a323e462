# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 03 · Reconcile: one row per real attack, with its figures chosen and its disagreements listed
#
# Several articles report the same attack, days or months apart, with different figures, dates and place
# names; one article also recalls earlier attacks in passing. This notebook decides which mentions are the
# same real event, within and across articles, then chooses each event's date, place, actors and its
# killed and wounded low / best / high under stated rules, and lists every disagreement a researcher
# should look at. Linking uses [Splink](https://moj-analytical-services.github.io/splink/) on DuckDB with
# prior match probabilities stated, each with a reason, in `data/linkage/splink_settings.yaml`; the logic
# lives in `src/helpers/reconcile.py` (`linkage.py`, `figures.py`, `exports.py`).
#
# **Inputs**
# - `output_dir/tables/mentions.csv` and `articles.csv` from notebooks 01 and 02 (`article_event_key`
#   groups the mentions an annotator took for one attack within one article);
# - `settings_path`: the linkage model; `figure_rules_path`: source reliability and contradiction
#   thresholds; `decisions_path`: manual merge / split decisions, each with a reason (moving a mention to
#   another event is a merge with that event and splits from its old one); `event_corrections_path`: an
#   event's date, place or figures set by hand, naming the event by one of its mentions;
# - `gold_dir/mentions.csv` and `events.csv`: the hand-made reference of the seed articles (scores only);
# - `interim/corpus_mentions.parquet` from notebook 02 and the gold of `corpus_split` (scores only).
#
# **Outputs** (in `output_dir/tables/`)
# - `events.csv`, `contradictions.csv` and `mentions.csv` with each mention's `event_id` (+ Parquet);
# - `events.geojson`, `events_ucdp.csv` and `events_acled.csv`: UCDP GED and ACLED rows with the codebooks'
#   full column sets (`data/exports/`).

# %% tags=["parameters"]
input_dir: str = "seeds"  # folder: the article files, subfolders included (the runner's --input)
output_dir: str = "output/notebooks"  # output folder: where tables/, interim/ and figures/ go (the runner's --output)
gold_dir: str = "data/gold"  # folder or '': hand-made gold (mentions.csv, events.csv) the run is scored against
rules: str = "ucdp"  # one of ucdp, acled, range: the rule set that chooses each event's low / best / high
match_threshold: float = 0.5  # (0, 1]: Splink match probability from which two reports are one attack
train_linkage: bool = False  # true or false: re-estimate the linkage priors with EM instead of the stated ones
seed: int = 42  # [0, 4294967295]: seed of every random choice (MinHash permutations, linkage training, point jitter)
n_process: int = 1  # [1, 64]: worker processes that annotate the articles (02) and link and summarise a large collection (03)
settings_path: str = "data/linkage/splink_settings.yaml"  # file: the linkage model with its stated priors
figure_rules_path: str = "data/reconcile/figure_rules.yaml"  # file: source reliability and contradiction thresholds
decisions_path: str = "data/merge_split.csv"  # file or '': manual merge / split decisions
event_corrections_path: str = "data/event_corrections.csv"  # file or '': an event's date, place or figures set by hand
corpus_split: str = "test"  # one of test, dev, none: the world corpus split scored here (none: no corpus scores)

# %%
from helpers.parameters import check_notebook_parameters

check_notebook_parameters("03-reconcile", globals())

# %%
from pathlib import Path

import pandas as pd
from IPython.display import display

from helpers import (
    correction_status, evaluate, event_corrections, exports, linkage, progress, schemas, sides, tables,
)
from helpers.paths import run_layout
from helpers.reconcile import (
    RULE_SETS, build_events, compare_rule_totals, explain_pairs, link_mentions, links_holding_events, type_mentions,
)

pd.set_option("display.max_colwidth", 120)
pd.set_option("display.width", 200)
pd.set_option("display.max_rows", 200)
layout = run_layout(output_dir)
tables.use_readable_tables()  # integers, blanks for unknown, no index column, wide tables scroll
step = progress.Steps("reconcile", ["read mentions", "link reports", "build events", "other rule sets",
                                    "score against gold", "score the world corpus", "write tables"])  # terminal only

# %% [markdown]
# ## Read the mentions
# One row per figure set an article reports for an event. The annotator's `article_event_key` says which
# rows of one article describe the same attack; reconciliation never merges two dated keys of one article (an
# undated key, such as a later paragraph's toll the annotator could not date, may join its dated sibling).

# %%
step("read mentions")
mentions = schemas.read_table("mentions", layout["tables"])
articles = schemas.read_table("articles", layout["tables"])
typed = type_mentions(mentions, articles)
print(f"{len(mentions)} mentions from {mentions['article_id'].nunique()} articles "
      f"({mentions['role'].eq('main').sum()} main, {mentions['role'].eq('background').sum()} background); "
      f"{typed['is_claim'].sum()} perpetrator claims; "
      f"{typed['date_lo'].isna().sum()} without a date, {typed['place'].isna().sum()} without a place name")
display(articles[["article_id", "outlet", "published", "published_from"]])

# %% [markdown]
# ## The linkage model and its stated priors
# With a few dozen mentions EM training cannot estimate how often each comparison agrees for the same
# attack (m) and for different ones (u), so each is a prior with a reason. A level's match weight is
# log2(m/u): positive weights are evidence for the same attack, an unknown value weighs 0.

# %%
settings = linkage.load_settings(settings_path)
print(f"prior probability that two reports are the same attack: {settings['probability_two_random_records_match']}; "
      f"link at match probability >= {match_threshold}; train: {train_linkage}")
display(linkage.settings_table(settings))

# %% [markdown]
# ## Score pairs of reports and group them into events
# A report is what one article says about one attack. In a folder of up to `compare_all_pairs_max_reports`
# reports Splink compares every two reports of different articles, with u (how often two different attacks
# agree) re-estimated from the folder itself; in a larger one only those that share a blocking key (region and
# month, place, figure, weekday ...), so cost grows with block sizes, not with the square of the number of
# mentions; an undated report meets the reports of its neighbourhood (its half-degree cell) with the same
# figure or weekday. The grouping then weighs every scored pair by how
# far its probability lies above or below the threshold and joins, best first, the two groups whose pairs
# add up to the most evidence, until no sum is positive (greedy additive edge contraction): a report that
# matches two attacks joins the one it agrees with more, and cannot chain them. It refuses a join that
# puts two reports of one article together, two firm days (given by the text, to within a few days) more
# than `max_date_gap_days` apart beyond their precision at one named place (anywhere, when only blocked pairs
# are scored), any two dates more than `max_relative_date_gap_days` apart, or points more than
# `max_distance_km` apart. A weak date (counted back from a publication date, or a week or a month wide) that
# conflicts costs confidence instead. Manual decisions apply on top.

# %%
step("link reports")
decisions = linkage.read_decisions(decisions_path)
unknown_ids = linkage.unknown_decision_ids(decisions, mentions)
print(f"{len(decisions)} manual decisions; {len(unknown_ids)} name mentions not in this run")
display(decisions)

link = link_mentions(typed, settings_path=settings_path, decisions_path=decisions_path,
                     match_threshold=match_threshold, train=train_linkage, seed=seed, explain=True,
                     n_process=n_process)
pairs = explain_pairs(link, typed)
print(f"{len(link.reports)} reports; {len(pairs)} candidate pairs scored; "
      f"{int(pairs['is_above_threshold'].sum())} at or above the threshold; "
      f"{link.cluster_of_report.nunique()} events")
display(pairs.round(2))

# %% [markdown]
# ## Events and their figures
# Each event keeps every source's latest figure (a later figure from the same source supersedes its earlier
# one; where publication dates cannot order them, the higher, since tolls rise). Outlets repeating one
# monitor count as one source. Under the brief's rules (`ucdp`), low and high are the lowest and highest
# of those figures and best is the most reliable source's; a perpetrator's claim only fills
# `claimed_casualties`. The `rationale` says which figure was chosen and why. Event corrections then set
# the fields a reviewer fixed, each noted in the rationale.

# %%
step("build events")
events, contradictions, mentions_out = build_events(typed, link, rules=rules, figure_rules_path=figure_rules_path,
                                                    original=mentions, n_process=n_process)
events = sides.add_attackers_killed(events, mentions_out)  # the attackers' own dead, beside the attack's toll
event_fixes = (event_corrections.empty_corrections() if correction_status.is_missing(event_corrections_path)
               else event_corrections.load_event_corrections(event_corrections_path))
events, event_fix_report = event_corrections.apply_event_corrections(events, event_fixes)
display(events[["event_id", "date_start", "date_end", "date_precision", "place", "admin1", "perpetrator", "target",
                "killed_low", "killed_best", "killed_high", "wounded_best", "claimed_casualties", "attackers_killed",
                "n_articles",
                "n_sources", "flags"]])
display(events[["event_id", "sources", "rationale"]])

# %% [markdown]
# ## Corrections that did not apply
# Every merge / split decision naming a mention that is not in this run, every event correction whose mention
# is in no event, and a named corrections file that is missing: listed here and on the report's front page
# (`tables/corrections_status.csv`), never skipped silently.

# %%
status = correction_status.write_status(
    [correction_status.file_row("reconcile", decisions_path, len(decisions)),
     correction_status.file_row("reconcile", event_corrections_path, len(event_fixes))]
    + correction_status.rows_of("reconcile", decisions_path, correction_status.decision_report(decisions, mentions))
    + correction_status.rows_of("reconcile", event_corrections_path, event_fix_report),
    layout["tables"], "reconcile")
display(status[status["stage"] == "reconcile"])
not_applied = correction_status.problems(status)
print(f"{len(not_applied)} corrections files or rows NOT applied in this run (notebooks 02 and 03)")
if len(not_applied):
    display(not_applied)

# %% [markdown]
# ## What held each large event together
# For every event of three reports or more: the links that connect its reports (the strongest pairs at or
# above the threshold, one fewer than its reports) with each comparison's weight, and the weakest pair
# inside the event (`is_weakest`), the evidence that argued against the grouping.

# %%
holding = links_holding_events(link, mentions_out, min_reports=3)
print(f"{holding['event_id'].nunique()} events of three reports or more")
display(holding.round(2))

# %% [markdown]
# ## The mentions behind each event
# Every mention with its event, so that a reader can check each grouping and each chosen figure.

# %%
behind = mentions_out[["event_id", "mention_id", "role", "date_text", "place", "killed", "killed_qualifier",
                       "wounded", "casualties", "figure_source", "is_claim"]]
display(behind.sort_values(["event_id", "mention_id"], kind="mergesort").reset_index(drop=True))

# %% [markdown]
# ## Contradictions
# One row per disagreement among an event's mentions: dates that do not overlap (and publication dates
# that other articles contradict), places far apart, tolls whose high/low is 1.5 or more, different or only
# suspected perpetrators. The event's `flags` list them, with `single_source` and `claim_only`.

# %%
print(f"{len(contradictions)} contradictions in {contradictions['event_id'].nunique()} events")
display(contradictions)

# %% [markdown]
# ## The same events under other rule sets
# `acled` keeps one conservative figure (the lowest independent one); `range` keeps every figure every
# source gave, as Airwars and Iraq Body Count do (min–max). Linking and contradictions do not change.

# %%
step("other rule sets")
events_by_rule = {name: event_corrections.apply_event_corrections(
                      sides.add_attackers_killed(
                          build_events(typed, link, rules=name, figure_rules_path=figure_rules_path,
                                       original=mentions, n_process=n_process)[0],
                          mentions_out),
                      event_fixes)[0] for name in RULE_SETS}
display(compare_rule_totals(events_by_rule))
side_by_side = pd.concat(
    {name: frame.set_index("event_id")[["killed_low", "killed_best", "killed_high"]] for name, frame in events_by_rule.items()},
    axis=1,
)
display(side_by_side)

# %% [markdown]
# ## Checks
# Invariants every run must keep, mirrored by unit tests in `tests/test_reconcile.py`.

# %%
assert mentions_out["event_id"].notna().all(), "every mention belongs to an event"
assert not events["event_id"].duplicated().any(), "event ids are unique"
assert set(mentions_out["event_id"]) == set(events["event_id"]), "no event without mentions"
assert (events["n_sources"].gt(0) | events["flags"].str.contains("claim_only")).all(), "every event has a source"
for row in events.itertuples():
    independent = typed[typed["mention_id"].isin(row.mention_ids.split(";")) & ~typed["is_claim"]]
    if pd.notna(row.killed_best) and "Set by hand: killed_best" not in str(row.rationale):
        assert row.killed_best in set(independent["killed"].dropna().round().astype(int)), "best is an independent figure"
merged_by_hand = set(decisions.loc[decisions["decision"].eq("merge"), ["mention_id", "other_mention_id"]].stack())
if "article_event_key" in mentions_out.columns:
    for event_id, group in mentions_out.groupby("event_id"):
        if not merged_by_hand & set(group["mention_id"]):
            dated = group[group["date_start"].notna()]
            assert dated.groupby("article_id")["article_event_key"].nunique().le(1).all(), \
                "two dated events of one article never merge"
print("all checks passed")

# %% [markdown]
# ## Scores against the gold
# B-cubed precision, recall and F1 of the grouping of mentions into events, and the share of gold events
# whose `killed_best` is matched (`helpers.evaluate`; only gold rows with a killed figure take part).

# %%
step("score against gold")
gold_mentions_path, gold_events_path = Path(gold_dir) / "mentions.csv", Path(gold_dir) / "events.csv"
if gold_dir and gold_mentions_path.exists() and gold_events_path.exists():
    read = lambda path: pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])  # noqa: E731
    gold_mentions = read(gold_mentions_path)
    gold_mentions = gold_mentions[gold_mentions["article_id"].isin(mentions["article_id"])]
    gold_events = read(gold_events_path)
    gold_events = gold_events[gold_events["event_id"].isin(gold_mentions["event_id"])]
    if len(gold_mentions):
        bcubed = evaluate.bcubed(mentions_out, gold_mentions)
        share, agreement = evaluate.killed_best_agreement(events, mentions_out, gold_events, gold_mentions)
        print(f"B-cubed precision {bcubed['precision']:.3f}, recall {bcubed['recall']:.3f}, F1 {bcubed['f1']:.3f}; "
              f"killed_best matches gold for {share:.0%} of {len(agreement)} gold events")
        display(agreement)
    else:
        print("no gold for these articles")
else:
    print("no gold (mentions.csv and events.csv) in gold_dir")

# %% [markdown]
# ## Scores on the world corpus
# The mentions notebook 02 extracted from the world corpus split are linked into events with the same
# settings and rules (no manual decisions: the machine is measured), then scored as
# `python3 tasks.py score --split test` prints: MUC, B-cubed and CEAF-e F1 of gold toll mentions grouped
# into events and their mean, the CoNLL F1 (an unmatched gold mention is an event of its own), and the
# share of gold events whose killed low, best and high equal those of the event holding most of their mentions.

# %%
step("score the world corpus")
corpus_mentions_path = layout["interim"] / "corpus_mentions.parquet"
if corpus_split != "none" and corpus_mentions_path.exists():
    from helpers import corpus, pipeline

    corpus_reconciled = pipeline.reconcile_mentions(pd.read_parquet(corpus_mentions_path),
                                                    pd.read_parquet(layout["interim"] / "corpus_articles.parquet"),
                                                    rules=rules, match_threshold=match_threshold, seed=seed,
                                                    n_process=n_process)
    corpus_gold, corpus_gold_events = corpus.read_gold(corpus_split)
    _, corpus_matches = evaluate.score_figures(corpus_reconciled["mentions"], corpus_gold)
    grouping = evaluate.coreference_scores(corpus_matches, corpus_gold)
    shares, _ = evaluate.event_figure_agreement(corpus_reconciled["events"], corpus_matches, corpus_gold_events,
                                                corpus_gold)
    print(f"{corpus_split} split: {len(corpus_reconciled['events'])} events predicted, "
          f"{corpus_gold_events['event_id'].nunique()} gold events")
    display(pd.DataFrame([grouping], index=["grouping"]).round(2))
    display(pd.DataFrame([shares], index=["share of gold events equal"]).round(2))
else:
    print("no world corpus mentions from notebook 02: not scored")

# %% [markdown]
# ## Write the tables and exports
# The contract tables (sorted CSV + Parquet), a GeoJSON of the events, and UCDP GED and ACLED rows with every
# column of the published codebooks, in their order and codes (`data/exports/`: the column lists, countries
# and the actor crosswalk, each row with a note). ACLED's `fatalities` is always its conservative figure,
# whatever `rules` says, plus the attackers' own dead (`attackers_killed`): ACLED counts the dead of both
# sides. An event without a date and without a dated report cannot be exported: it is listed.

# %%
step("write tables")
for name, table in [("events", events), ("contradictions", contradictions), ("mentions", mentions_out)]:
    schemas.write_table(table, name, layout["tables"])
written = exports.write_exports(events, events_by_rule["acled"], layout["tables"], articles=articles)
print("wrote", ", ".join(["events.csv", "contradictions.csv", "mentions.csv"] + sorted(path.name for path in written.values())))
undatable = exports.undatable_events(events, articles)
print(f"{len(undatable)} events left out of the UCDP and ACLED rows (no date, no dated report)")
display(undatable)
print("actors missing from data/exports/actor_crosswalk.csv (exported under the workbook's names):",
      ", ".join(exports.missing_actors(events)) or "none")

# %% [markdown]
# ## The exports beside their codebooks
# The first rows of each export, one column per line, beside the shipped codebook's column list: position,
# whether the dataset always fills the column, and the value written when it cannot be known.

# %%
for label, path, codebook_path in [("UCDP GED", written["ucdp"], exports.UCDP_CODEBOOK_PATH),
                                   ("ACLED", written["acled"], exports.ACLED_CODEBOOK_PATH)]:
    rows = pd.read_csv(path, dtype="string", keep_default_na=False).head(3)
    codebook = exports.load_codebook(codebook_path)[["position", "column", "required", "unknown"]]
    beside = codebook.set_index("column").join(rows.T.set_axis([f"row {i + 1}" for i in range(len(rows))], axis=1))
    print(f"{label}: {len(pd.read_csv(path))} rows, {len(codebook)} columns, as the codebook lists them:",
          list(rows.columns) == list(codebook["column"]))
    display(beside)

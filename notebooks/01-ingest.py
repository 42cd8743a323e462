# %% [markdown]
# # 01 · Ingest: account for every input file
#
# This notebook reads every file in the input folder, decides whether it is a usable English news article,
# and prepares the usable ones for annotation. It decodes any common encoding, repairs mojibake, extracts the
# body of HTML pages, strips page furniture (comment forms, share lines, captions, "Related Articles"), reads
# the metadata articles carry in their text (title, date line, dateline, source line), applies the optional
# `articles.csv` sidecar, detects the language and sets near-duplicates aside. Nothing is dropped silently:
# every file gets a row in the ledger with a status and a reason.
#
# **Inputs**
# - `input_dir/`: article files (`*.txt`, `*.html`, `*.htm`, any common encoding), subfolders included;
# - `input_dir/articles.csv` (optional sidecar): `article_id, url, outlet, published, title, language`.
#
# **Outputs** (in `output_dir/`)
# - `tables/ledger.csv`: one row per input file (`file, article_id, sha256, bytes, encoding, status, reason`);
# - `tables/articles.csv`: one row per accepted article;
# - `interim/articles.parquet`: the accepted articles with their cleaned text and a map back to the original;
# - `interim/furniture.csv` and `interim/sidecar_problems.csv`: what was removed, and sidecar rows ignored.

# %% tags=["parameters"]
input_dir: str = "seeds"  # folder: the article files, subfolders included (the runner's --input)
output_dir: str = "output/notebooks"  # output folder: where tables/, interim/ and figures/ go (the runner's --output)
max_file_bytes: int = 2_000_000  # at least 1: a file larger than this many bytes is listed as error and not read
near_duplicate_threshold: float = 0.8  # (0, 1]: MinHash similarity from which an article is a near-duplicate
shingle_size: int = 5  # [1, 20]: words per shingle that near-duplicate detection compares
num_perm: int = 128  # [16, 1024]: MinHash permutations (more: finer similarity, slower)
min_words: int = 20  # at least 1: an article with fewer words of text is listed as empty
language: str = "en"  # language code: the language articles must be in (ISO 639-1)
seed: int = 42  # [0, 4294967295]: seed of every random choice (MinHash permutations, linkage training, point jitter)

# %%
from helpers.parameters import check_notebook_parameters

check_notebook_parameters("01-ingest", globals())

# %%
import pandas as pd
from IPython.display import display

from helpers import ingest, progress, schemas, tables
from helpers.paths import run_layout

pd.set_option("display.max_colwidth", 120)
pd.set_option("display.width", 200)
layout = run_layout(output_dir)
tables.use_readable_tables()  # integers, blanks for unknown, no index column, wide tables scroll

# %% [markdown]
# ## Read and classify every file
# Each file is read as bytes, hashed, and checked in this order: size limit, empty, binary, decoding, HTML
# extraction, furniture removal, minimum length, language, duplicates. The first check a file fails decides
# its status; a file that raises an unexpected error is recorded as `error` and the others go on. Symbolic
# links, pipes, sockets, devices and empty folders are listed too, and nothing outside the input folder is read.

# %%
with progress.bar(len(ingest.list_input_files(input_dir)), "ingest", unit="file") as bar:  # in the terminal only
    result = ingest.ingest_folder(
        input_dir, max_file_bytes=max_file_bytes, near_duplicate_threshold=near_duplicate_threshold,
        shingle_size=shingle_size, num_perm=num_perm, min_words=min_words, language=language, seed=seed,
        progress=bar.update,
    )
ledger = result["ledger"]
articles = result["articles"]
print(f"{len(ledger)} files read, {len(articles)} accepted as articles")
display(ledger["status"].value_counts().rename_axis("status").reset_index(name="files"))

# %% [markdown]
# ## The ledger
# One row per file. `reason` says why a file was set aside, or what was done to an accepted one.

# %%
display(ledger[["file", "article_id", "bytes", "encoding", "status", "reason"]])

# %% [markdown]
# ## Duplicates and revisions
# A copy of an earlier article (the same words, or a near copy by MinHash) that states the same figures and
# dates adds nothing and is set aside as a `duplicate`. A copy that differs in any figure or date (an updated
# wire story: "12 killed" → "14 killed") is a revision of the same story: it is kept, and `revision_of` names
# the article it revises, so reconciliation sees both tolls.

# %%
copies = ledger[(ledger["duplicate_of"] != "") | (ledger["revision_of"] != "")]
print(f"{(ledger['status'] == 'duplicate').sum()} duplicates, {(ledger['revision_of'] != '').sum()} revisions kept")
if len(copies):
    display(copies[["file", "status", "duplicate_of", "revision_of", "reason"]])

# %% [markdown]
# ## What was removed from each article
# Page furniture and metadata lines are removed by general patterns kept in
# `data/dictionaries/furniture.csv` and `section_labels.csv`; the table counts removals per article and rule,
# and the list below it shows each removed line so a reader can check that no sentence of news was lost.

# %%
furniture = result["furniture"]
if len(furniture):
    display(furniture.pivot_table(index="article_id", columns="rule", aggfunc="size", fill_value=0))
    display(furniture)
else:
    print("nothing was removed")

# %% [markdown]
# ## Metadata of the accepted articles
# `published_from` says where the publication date came from: the sidecar, the text (a date line or a
# dateline), the article's URL (a day, or a month that bounds it), or nowhere (`unknown`). Later stages resolve relative dates ("Thursday night") only against a
# known publication date.

# %%
display(articles)
problems = result["sidecar_problems"]
print(f"{len(problems)} sidecar rows ignored")
if len(problems):
    display(problems)

# %% [markdown]
# ## Invariants
# Every input file is in the ledger exactly once, every status is one the contract allows, and every
# accepted article has a unique id and a non-empty text.

# %%
texts = result["texts"]
assert len(ledger) == len(ingest.list_input_files(input_dir)), "a file is missing from the ledger"
assert ledger["file"].is_unique, "a file appears twice in the ledger"
assert set(ledger["status"]) <= set(schemas.LEDGER_STATUSES), "unknown status in the ledger"
assert articles["article_id"].is_unique, "duplicate article ids"
assert (texts["text"].str.len() > 0).all(), "an accepted article has no text"
assert set(articles["article_id"]) == set(ledger.loc[ledger["status"] == "ok", "article_id"])

# %% [markdown]
# ## Write the outputs
# The contract tables go to `tables/`; the cleaned texts, with the map from their offsets back to the
# original text, go to `interim/` as Parquet for the annotation notebook.

# %%
written = [
    schemas.write_table(ledger, "ledger", layout["tables"]),
    schemas.write_table(articles, "articles", layout["tables"]),
]
texts.to_parquet(layout["interim"] / "articles.parquet", index=False)
schemas.write_csv(furniture, layout["interim"] / "furniture.csv")
schemas.write_csv(problems, layout["interim"] / "sidecar_problems.csv")
print("written:", ", ".join(path.name for path in written), "and interim/articles.parquet")

# %% [markdown]
# # 04 · Visualise: figures, maps and tables of the reconciled events
#
# This notebook draws what a researcher needs to check the reconciled events at a glance: when each event
# happened and how precisely its date is known, how far apart the sources' killed figures are, how tolls
# were revised as articles came out, which source reported what, and where the events happened. Every
# figure is saved with the data it was drawn from, and the notebook shows that data under the figure so
# a reader (and nbval) can check the numbers without reading pixels. Nothing is fetched from the network:
# province borders come from `data/boundaries/` and the interactive map carries its own JavaScript.
#
# **Inputs** (in `output_dir/tables/`)
# - `events.csv` and `contradictions.csv` from reconcile; `mentions.csv` from annotate;
#   `articles.csv` (publication dates) from ingest;
# - `boundaries_dir/`: admin-1 borders as GeoJSON, one file per country (shipped in the repository).
#
# **Outputs** (in `output_dir/figures/`, each figure as PNG and SVG with its data as CSV)
# - `timeline`, `casualty_ranges`, `toll_revisions`, `source_matrix`, `events_map`;
# - `events_map_interactive.html`: a self-contained page with a popup per event, and its data as CSV.

# %% tags=["parameters"]
input_dir: str = "seeds"  # folder: the article files, subfolders included (the runner's --input)
output_dir: str = "output/notebooks"  # output folder: where tables/, interim/ and figures/ go (the runner's --output)
boundaries_dir: str = "data/boundaries"  # folder: admin-1 borders as GeoJSON, one file per country
colour_by: str = "perpetrator"  # one of perpetrator, event_type: what the colour of an event shows
dpi: int = 150  # [20, 600]: resolution of the PNG figures in dots per inch
seed: int = 42  # [0, 4294967295]: seed of every random choice (MinHash permutations, linkage training, point jitter)

# %%
from helpers.parameters import check_notebook_parameters

check_notebook_parameters("04-visualise", globals())

# %%
import pandas as pd
from IPython.display import Markdown, display

from helpers import progress, tables, visualise
from helpers.paths import run_layout

pd.set_option("display.max_colwidth", 80)
pd.set_option("display.width", 200)
layout = run_layout(output_dir)
tables.use_readable_tables()  # integers, blanks for unknown, no index column, wide tables scroll
step = progress.Steps("visualise", ["timeline", "casualty ranges", "toll revisions", "source matrix", "static map",
                                    "interactive map"])  # in the terminal only
run_tables = visualise.read_tables(layout["tables"])
events, mentions, articles = run_tables["events"], run_tables["mentions"], run_tables["articles"]
contradictions = run_tables["contradictions"]
print(f"{len(articles)} articles, {len(mentions)} mentions, {len(events)} events, "
      f"{len(contradictions)} contradictions; events coloured by {colour_by}")

# %% [markdown]
# ## Timeline
# Each event is drawn over its whole date interval rather than at one invented day: a month-precision
# date is a month-wide bar. Events whose date is unknown are listed beside the plot, not placed on it.
# A figure can give a readable row to about 40 events: with more, the rows are the deadliest events and a
# panel above them counts every dated event per day, week or month. Every event is in the CSV either way.

# %%
step("timeline")
figure, data = visualise.timeline(events, colour_by)
png = visualise.save_figure(figure, data, "timeline", layout["figures"], dpi=dpi)
display(*visualise.shown(png, "timeline"))
visualise.summarise(data)

# %% [markdown]
# ## Casualty ranges
# The reconciled low, best and high come from the rules in reconcile; every figure a source reported is
# drawn next to them, so a reader sees which figure was chosen and what it was chosen over. A perpetrator's
# claim is drawn but never sets the range. A source that gave one number for killed and wounded together
# (perpetrators' claims often do) is drawn faint and marked k/w: it is not a count of deaths. With more
# than 40 events, the rows are those with the widest low–high range, where the sources disagree most.

# %%
step("casualty ranges")
figure, data = visualise.casualty_ranges(events, mentions, seed=seed)
png = visualise.save_figure(figure, data, "casualty_ranges", layout["figures"], dpi=dpi)
display(*visualise.shown(png, "casualty_ranges"))
visualise.summarise(data)

# %% [markdown]
# ## Toll revisions
# A later figure from the same source supersedes its earlier one, so the order in which articles came out
# matters. Each panel is one event with two or more figures from dated articles (those spanning the most
# publication dates first): an event with one dated figure has no revision to show, and is counted under the
# panels with the figures from articles with no publication date, which cannot be placed in time.

# %%
step("toll revisions")
figure, data = visualise.toll_revisions(events, mentions, articles)
png = visualise.save_figure(figure, data, "toll_revisions", layout["figures"], dpi=dpi)
display(*visualise.shown(png, "toll_revisions"))
visualise.summarise(data)

# %% [markdown]
# ## Source × event matrix
# One row per event and one column per source: an event carried by a single source, or by a
# perpetrator's claim only, stands out as a row with one cell. A figure an outlet states without saying
# who counted is the outlet's own, listed under the outlet's name (from `articles.csv`) when it is known.
# A large collection is cut to the 16 sources that reported the most events and the 40 events most of them
# reported; the figure says what it left out, and the CSV has every cell.

# %%
step("source matrix")
figure, data = visualise.source_matrix(events, mentions, articles)
png = visualise.save_figure(figure, data, "source_matrix", layout["figures"], dpi=dpi)
display(*visualise.shown(png, "source_matrix"))
visualise.summarise(data, rows=12)

# %% [markdown]
# ## Static map
# The countries drawn are those the events are in, with their province borders from `boundaries_dir`.
# An event located only to a province or wider is drawn as a hollow circle, so it is not mistaken for a
# village: at the point reconcile gave it, or, for an event known only to one province, at a point inside
# that province (`placed_at` says which). Events without either are listed beside the map.

# %%
step("static map")
figure, data = visualise.static_map(events, mentions, colour_by, boundaries_dir)
png = visualise.save_figure(figure, data, "events_map", layout["figures"], dpi=dpi)
display(*visualise.shown(png, "events_map"))
visualise.summarise(data)

# %% [markdown]
# ## Interactive map
# The same events on a page a reader can zoom and hover: each event's popup lists its sources and the
# figure each gave. The page embeds BokehJS and draws the provinces as polygons rather than web map tiles,
# so it works offline and contacts no other site; article text in the popups is shown as text, never run.
# The page draws at most 5,000 events (the deadliest), so that it stays small enough to share.

# %%
step("interactive map")
page, data = visualise.interactive_map(events, mentions, colour_by, boundaries_dir, articles=articles)
path = visualise.save_page(page, data, "events_map_interactive", layout["figures"])
display(Markdown(visualise.caption("events_map_interactive")))
print(f"figures/{path.name}: {int(data['has_point'].sum())} of {len(data)} events placed on the map")
visualise.summarise(data[["event_id", "place", "latitude", "longitude", "geo_precision", "killed_best"]])

# %% [markdown]
# ## Events and their flags
# The reconciled events in date order with the flags reconcile raised: a researcher starts with the
# flagged ones (single source, claim only, wide spread, date or location conflict, uncertain attribution).

# %%
display(visualise.flag_counts(events))
visualise.events_overview(events)

# %% [markdown]
# ## Contradictions
# Each row is a disagreement between articles about one event that reconcile could not settle by rule.

# %%
contradictions

# %% [markdown]
# ## Invariants
# Every figure was written with the data behind it, and every event appears in the timeline data and on
# the map data once (dated or listed as undated; placed or listed as without coordinates).

# %%
written = sorted(path.name for path in layout["figures"].iterdir())
for name in ["timeline", "casualty_ranges", "toll_revisions", "source_matrix", "events_map"]:
    for extension in ("png", "svg", "csv"):
        assert f"{name}.{extension}" in written, f"{name}.{extension} was not written"
assert {"events_map_interactive.html", "events_map_interactive.csv"} <= set(written)
assert sorted(visualise.timeline_data(events, colour_by)["event_id"]) == sorted(events["event_id"])
assert visualise.map_data(events, mentions, colour_by)["event_id"].is_unique
print("written:", ", ".join(written))

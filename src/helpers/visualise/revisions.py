"""The toll-revisions figure: each event's killed figures against the publication dates that gave them."""
from __future__ import annotations

import math
import textwrap

import matplotlib
import matplotlib.dates
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from helpers.visualise.style import (
    FIGSIZE, FIGURES, LABEL_TYPE, LOWER_BOUND_QUALIFIERS, SMALL_TYPE, SOURCE_STYLES, _empty_message,
    _new_figure, _short, _source_style, _styled, format_figure, source_type_handles,
)
from helpers.visualise.tables import linked_mentions


def toll_revisions_data(events: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per killed figure with the publication date of the article that gave it (blank if unknown)."""
    mentions = linked_mentions(mentions, events)
    figures = mentions[mentions["killed"].notna()][
        ["event_id", "mention_id", "article_id", "figure_source", "source_type", "killed", "killed_qualifier",
         "killed_max"]
    ]
    published = articles[["article_id", "published"]].drop_duplicates("article_id")
    data = figures.merge(published, on="article_id", how="left")
    data = data.merge(events[["event_id", "place", "killed_best"]], on="event_id", how="inner")
    # A publication known only to its month or year has no place on a day axis: it is drawn as undated.
    day = data["published"].astype("string").str.match(r"^\d{4}-\d{2}-\d{2}").fillna(False).astype(bool)
    data["published"] = pd.to_datetime(data["published"].where(day), format="ISO8601").dt.strftime("%Y-%m-%d")
    data["figure"] = [format_figure(row.killed, row.killed_qualifier, row.killed_max) for row in data.itertuples()]
    columns = ["event_id", "place", "killed_best", "published", "article_id", "mention_id", "figure_source",
               "source_type", "killed", "killed_qualifier", "killed_max", "figure"]
    data = data[columns].sort_values(["event_id", "published", "mention_id"], na_position="last", kind="mergesort")
    return data.reset_index(drop=True)


MIN_REVISION_FIGURES = 2  # a panel of one dated figure shows no revision: a dot


def revision_events(data: pd.DataFrame) -> list[str]:
    """The events with at least MIN_REVISION_FIGURES killed figures from dated articles, whose tolls can be
    followed over time; ordered by the publication dates their figures span, then by figures, then by id."""
    dated = data[data["published"].notna()]
    dates = dated.groupby("event_id")["published"].nunique()
    counts = dated.groupby("event_id").size()
    counts = counts[counts >= MIN_REVISION_FIGURES]
    return sorted(counts.index, key=lambda event_id: (-dates[event_id], -counts[event_id], event_id))


def _revision_panels(data: pd.DataFrame, limit: int) -> list[str]:
    """The events to draw: see revision_events."""
    return revision_events(data)[:limit]


@_styled
def draw_toll_revisions(data: pd.DataFrame, *, max_panels: int = 9) -> Figure:
    """Small multiples: per event, its killed figures over the publication dates of their articles."""
    chosen = _revision_panels(data, max_panels)
    # One panel is as wide as every other figure (the report shows figures at one width, so a narrower figure
    # would print its type larger), and less tall.
    figure = _new_figure((FIGSIZE[0], 5.0) if len(chosen) <= 1 else FIGSIZE)
    title, _ = FIGURES["toll_revisions"]
    figure.suptitle(title)
    columns = 3 if len(chosen) > 4 else max(1, min(2, len(chosen)))
    rows = max(1, math.ceil(len(chosen) / columns))
    grid = figure.add_gridspec(rows, columns)
    undated = int(data["published"].isna().sum())
    for i, event_id in enumerate(chosen):
        ax = figure.add_subplot(grid[i // columns, i % columns])
        panel = data[(data["event_id"] == event_id) & data["published"].notna()].copy()
        panel["date"] = pd.to_datetime(panel["published"])
        for (source, source_type), group in panel.groupby(["figure_source", "source_type"], sort=True):
            colour, marker = _source_style(source_type)
            group = group.sort_values(["date", "killed"])
            ax.plot(group["date"], group["killed"], color=colour, linewidth=1.0, alpha=0.7)
            hollow = group["killed_qualifier"].isin(LOWER_BOUND_QUALIFIERS)
            ax.scatter(group["date"], group["killed"], marker=marker, s=30, zorder=3, linewidths=1.2,
                       facecolors=np.where(hollow, "white", colour), edgecolors=colour)
        best = panel["killed_best"].iloc[0]
        if not pd.isna(best):
            ax.axhline(best, color="black", linestyle="--", linewidth=0.8)
        place = panel["place"].iloc[0].replace(";", ", ")
        ax.set_title(_short(f"{event_id} · {place}" if place else event_id, 30), fontsize=LABEL_TYPE)
        top = max(float(panel["killed"].max()), 0.0 if pd.isna(best) else float(best), 1.0)
        ax.set_ylim(bottom=0, top=top * 1.25)
        low, high = panel["date"].min(), panel["date"].max()
        pad = pd.Timedelta(days=max(2, (high - low).days * 0.15))
        ax.set_xlim(low - pad, high + pad)
        dates = sorted(panel["date"].unique())
        # Few ticks, written concisely ("Nov 10", with the year once under the axis), so dates never overlap.
        shown_days = (high - low + 2 * pad).days
        if len(dates) <= 2 and (high - low).days >= 7:  # the articles' own days, written in full
            ax.xaxis.set_major_locator(matplotlib.ticker.FixedLocator(matplotlib.dates.date2num(dates)))
            ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y-%m-%d"))
        elif shown_days <= 21:  # days close together: whole days only (publication dates have no hour)
            locator = matplotlib.dates.DayLocator(interval=max(1, math.ceil(shown_days / (3 if columns > 2 else 5))))
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(matplotlib.dates.ConciseDateFormatter(locator))
        else:
            locator = matplotlib.dates.AutoDateLocator(minticks=2, maxticks=3 if columns > 2 else 5)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(matplotlib.dates.ConciseDateFormatter(locator))
        ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True, steps=[1, 2, 5, 10]))  # people are counted whole
        ax.tick_params(labelsize=SMALL_TYPE)
        ax.grid(color="#eeeeee", linewidth=0.6)
        if i + columns >= len(chosen):
            ax.set_xlabel("Publication date of the article", fontsize=LABEL_TYPE, labelpad=12)  # below the year under the dates
    if not chosen:
        ax = figure.add_subplot(grid[0, 0])
        _empty_message(ax, "No event has two or more killed figures from articles with a publication date:\n"
                           "no toll could be revised.")
    figure.supylabel("People killed (count)", fontsize=LABEL_TYPE)
    drawn = data[data["event_id"].isin(set(chosen)) & data["published"].notna()]
    present = [t for t in SOURCE_STYLES if t in set(drawn["source_type"])] or list(SOURCE_STYLES)
    handles = source_type_handles(present) + [
        Line2D([], [], color="black", linestyle="--", linewidth=0.8, label="best (reconciled)"),
        Line2D([], [], linestyle="", marker="o", markerfacecolor="white", color="#555555",
               label="hollow: 'at least' / 'more than'"),
    ]
    revisable = revision_events(data)
    single = data.loc[data["published"].notna(), "event_id"].nunique() - len(revisable)
    notes = [f"{undated} figure(s) from articles with no publication date are not drawn."] if undated else []
    if single > 0:
        notes.append(f"{single} event(s) with one dated figure are not drawn.")
    if len(revisable) > len(chosen):
        notes.append(f"{len(revisable) - len(chosen)} more event(s) with revisions are in the CSV.")
    figure.legend(handles=handles, loc="outside lower center", ncol=5, fontsize=SMALL_TYPE, frameon=False,
                  title=textwrap.fill("Source type; lines join one source's figures. " + " ".join(notes),
                                      130 if len(chosen) > 1 else 90),
                  title_fontsize=SMALL_TYPE)
    return figure


def toll_revisions(events: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame,
                   *, max_panels: int = 9) -> tuple[Figure, pd.DataFrame]:
    """The toll-revision figure and the data it was drawn from."""
    data = toll_revisions_data(events, mentions, articles)
    return draw_toll_revisions(data, max_panels=max_panels), data

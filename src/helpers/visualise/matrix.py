"""The source matrix: which source reported which killed figure for which event."""
from __future__ import annotations

import textwrap

import matplotlib
import matplotlib.patches
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from helpers.outlets import outlet_names
from helpers.visualise import style
from helpers.visualise.style import (
    FIGURES, LABEL_TYPE, SMALL_TYPE, SOURCE_LABELS, SOURCE_STYLES, _empty_message, _new_figure, _rows_figsize,
    _side_panel, _source_style, _styled, format_figure, top_events,
)
from helpers.visualise.tables import linked_mentions, sort_events


def source_label(figure_source: str, source_type: str, outlet: str = "") -> str:
    """The name a source is shown under; a figure with no attribution is the outlet's own, named when known."""
    if figure_source:
        return figure_source
    name = outlet or "the outlet"
    return f"{name} (unattributed)" if source_type in ("", "unattributed") else name


def name_sources(mentions: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mentions with a `source` column: the source cited, or the outlet of the article for its own figures (an
    article with no outlet is named by its headline or file: helpers.outlets)."""
    outlets = outlet_names(articles)
    named = mentions.copy()
    rows = named[["figure_source", "source_type", "article_id"]].itertuples(index=False)
    named["source"] = pd.Series([source_label(source, kind, outlets.get(article_id, "")) for source, kind, article_id in rows],
                                index=named.index, dtype="string")
    return named


def source_matrix_data(events: pd.DataFrame, mentions: pd.DataFrame,
                       articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (event, source): the source's type, how often it was cited and the figures it gave."""
    mentions = name_sources(linked_mentions(mentions, events), articles)
    keys = ["event_id", "source", "source_type"]
    mentions["killed_text"] = [format_figure(*values) for values in
                               mentions[["killed", "killed_qualifier", "killed_max"]].itertuples(index=False)]
    mentions["casualty_text"] = [format_figure(*values) for values in
                                 mentions[["casualties", "casualties_qualifier"]].itertuples(index=False)]
    columns = keys + ["n_mentions", "n_articles", "killed_figures", "casualty_figures"]
    if len(mentions):
        data = mentions.groupby(keys, sort=True).agg(n_mentions=("mention_id", "size"),
                                                     n_articles=("article_id", "nunique"))
        for name, text in (("killed_figures", "killed_text"), ("casualty_figures", "casualty_text")):
            # Each distinct figure once, in the order the source gave them (the first mention giving it).
            given = mentions[mentions[text] != ""].drop_duplicates(keys + [text])
            data[name] = given.groupby(keys, sort=True)[text].agg("; ".join).reindex(data.index).fillna("")
        data = data.reset_index()[columns]
    else:
        data = pd.DataFrame(columns=columns)
    order = {event_id: i for i, event_id in enumerate(sort_events(events)["event_id"])}
    data["_order"] = data["event_id"].map(order).fillna(len(order))
    data = data.sort_values(["_order", "event_id", "source"], kind="mergesort").drop(columns="_order")
    return data.reset_index(drop=True)


def _cell_text(row: pd.Series, most: int = 3) -> str:
    """What a matrix cell says: the killed figures, else the killed-or-wounded ones, else a dot.

    A cell names at most `most` figures and counts the rest ("12; 15; 20 +4"); the CSV has them all.
    """
    def shown(figures: str) -> str:
        parts = figures.split("; ")
        return "; ".join(parts[:most]) + (f" +{len(parts) - most}" if len(parts) > most else "")

    if row["killed_figures"]:
        return shown(row["killed_figures"])
    if row["casualty_figures"]:
        return f"{shown(row['casualty_figures'])} k/w"
    return "·"


@_styled
def _wrap_in_lines(text: str, lines: int, width: int = 18) -> str:
    """Wrap a label at `width` characters or more, widening until it takes at most `lines` lines."""
    wrapped = textwrap.wrap(text, width) or [text]
    while len(wrapped) > lines and width < len(text):
        width += 4
        wrapped = textwrap.wrap(text, width)
    return "\n".join(wrapped)


def _fit_in_cells(ax, texts: list, width: float = 0.92) -> None:
    """Make each cell's text fit the width of one data unit: several figures go on two lines, then the type
    shrinks (to no less than 5 points) until the text fits; a reader must not see one cell's figures run into
    the next."""
    if not texts:
        return
    renderer = ax.figure.canvas.get_renderer()
    cell = (ax.transData.transform((1, 0))[0] - ax.transData.transform((0, 0))[0]) * width
    for text in texts:
        if text.get_window_extent(renderer).width <= cell:
            continue
        if "; " in text.get_text():
            text.set_text(text.get_text().replace("; ", ";\n", 1))
        size = text.get_fontsize()
        while text.get_window_extent(renderer).width > cell and size > 5:
            size = max(5.0, size - 0.5)
            text.set_fontsize(size)


def draw_source_matrix(data: pd.DataFrame) -> Figure:
    """A grid of events (rows) by sources (columns), each cell tinted by source type and giving the figure.

    With more than `style.MAX_SOURCE_COLUMNS` sources, the columns are the sources that reported the most events;
    with more than `style.MAX_EVENT_ROWS` events, the rows are the events reported by the most of those sources.
    The figure says what it left out; the CSV keeps every cell.
    """
    figure = _new_figure(_rows_figsize(min(int(data["event_id"].nunique()), style.MAX_EVENT_ROWS), overhead=3.0))
    ax, side = _side_panel(figure, ratio=(4.2, 1.0))
    title, _ = FIGURES["source_matrix"]
    figure.suptitle(title)
    notes = []
    n_sources, n_events = data["source"].nunique(), data["event_id"].nunique()
    if n_sources > style.MAX_SOURCE_COLUMNS:
        reach = data.groupby("source")["event_id"].nunique().rename("events").reset_index()
        kept = top_events(reach, style.MAX_SOURCE_COLUMNS, ["events"], [False], key="source")
        data = data[data["source"].isin(set(kept["source"]))]
        notes.append(f"{style.MAX_SOURCE_COLUMNS} of {n_sources:,} sources drawn (those reporting the most events)")
    if data["event_id"].nunique() > style.MAX_EVENT_ROWS:
        reach = data.groupby("event_id")["source"].nunique().rename("sources").reset_index()
        order = {event_id: i for i, event_id in enumerate(dict.fromkeys(data["event_id"]))}
        reach["order"] = reach["event_id"].map(order)
        kept = top_events(reach, style.MAX_EVENT_ROWS, ["sources", "order"], [False, True])
        data = data[data["event_id"].isin(set(kept["event_id"]))]
        notes.append(f"{style.MAX_EVENT_ROWS} of {n_events:,} events drawn (those with the most of these sources)")
    if notes:
        ax.set_title("; ".join(notes) + "; every cell is in source_matrix.csv", fontsize=SMALL_TYPE, loc="left",
                     color="#555555", wrap=True)
    if len(data):
        type_rank = {t: i for i, t in enumerate(SOURCE_STYLES)}
        sources = (data[["source", "source_type"]].drop_duplicates()
                   .assign(rank=lambda f: f["source_type"].map(type_rank).fillna(len(type_rank)))
                   .sort_values(["rank", "source"], kind="mergesort"))
        columns = list(dict.fromkeys(sources["source"]))
        event_ids = list(dict.fromkeys(data["event_id"]))
        column_of = {source: i for i, source in enumerate(columns)}
        row_of = {event_id: i for i, event_id in enumerate(event_ids)}
        small = len(event_ids) > 30 or len(columns) > 10
        cells = []
        for row in data.itertuples():
            x, y = column_of[row.source], row_of[row.event_id]
            colour, _ = _source_style(row.source_type)
            ax.add_patch(matplotlib.patches.Rectangle((x - 0.48, y - 0.45), 0.96, 0.9, facecolor=colour,
                                                      alpha=0.28, edgecolor=colour, linewidth=0.8))
            cells.append(ax.text(x, y, _cell_text(pd.Series(row._asdict()), most=2 if small else 3), ha="center",
                                 va="center", fontsize=SMALL_TYPE))
        ax.set_xlim(-0.5, len(columns) - 0.5)
        ax.set_ylim(len(event_ids) - 0.5, -0.5)
        _fit_in_cells(ax, cells)
        # Source names are wrapped, never cut: a reader must be able to tell two monitors apart. Upright
        # labels of several lines overlap their neighbours once slanted, so many columns get vertical labels.
        slanted = len(columns) <= 8
        column_points = ax.get_position().width * figure.get_figwidth() * 72 / len(columns)
        lines = 3 if slanted else max(1, int(column_points // (1.3 * SMALL_TYPE)))
        ax.set_xticks(range(len(columns)), [_wrap_in_lines(c, lines) for c in columns],
                      rotation=35 if slanted else 90, ha="right" if slanted else "center",
                      rotation_mode="anchor" if slanted else "default", fontsize=SMALL_TYPE)
        ax.set_yticks(range(len(event_ids)), event_ids, fontsize=SMALL_TYPE)
        ax.set_xticks(np.arange(len(columns)) - 0.5, minor=True)
        ax.set_yticks(np.arange(len(event_ids)) - 0.5, minor=True)
        ax.grid(False, which="major")  # lines between the cells, not through their figures
        ax.grid(which="minor", color="#e3e3e3", linewidth=0.6)
        ax.tick_params(which="minor", length=0)
    else:
        _empty_message(ax, "No mention links a source to an event.")
    ax.set_xlabel("Source (cell tint = source type)")
    ax.set_ylabel("Event, earliest at the top")
    present = [t for t in SOURCE_STYLES if t in set(data["source_type"])] or list(SOURCE_STYLES)
    handles = [Patch(facecolor=SOURCE_STYLES[t][0], alpha=0.4, edgecolor=SOURCE_STYLES[t][0],
                     label=SOURCE_LABELS[t]) for t in present]
    side.legend(handles=handles, title="Source type", loc="upper left", fontsize=LABEL_TYPE, title_fontsize=LABEL_TYPE, frameon=False)
    side.text(0.0, 0.0, "Cell text: killed figures the source gave\n(≥ at least, > more than, ~ about,\n"
              "k/w killed or wounded, · no figure)", transform=side.transAxes, fontsize=SMALL_TYPE, va="bottom")
    return figure


def source_matrix(events: pd.DataFrame, mentions: pd.DataFrame,
                  articles: pd.DataFrame | None = None) -> tuple[Figure, pd.DataFrame]:
    """The source × event matrix and the data it was drawn from."""
    data = source_matrix_data(events, mentions, articles)
    return draw_source_matrix(data), data

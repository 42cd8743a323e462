"""The timeline figure: one row per event over its date interval, with counts of events per period above."""
from __future__ import annotations

import math

import matplotlib
import matplotlib.dates
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from helpers.visualise import style
from helpers.visualise.style import (
    FIGURES, LABEL_TYPE, SMALL_TYPE, _MAX_LISTED, _empty_message, _legend_below, _list_text, _new_figure,
    _rows_figsize, _rows_note, _side_panel, _size_handles, _styled, _wrap, category_colours, event_categories,
    event_label, format_figure, marker_area, top_events,
)
from helpers.visualise.tables import sort_events


def timeline_data(events: pd.DataFrame, colour_by: str) -> pd.DataFrame:
    """One row per event: its date interval (end inclusive), the days it spans, killed_best and colour label."""
    ordered = sort_events(events)
    labels, _ = category_colours(event_categories(ordered, colour_by))
    start = ordered["date_start"]
    end = ordered["date_end"].fillna(start)
    data = pd.DataFrame({
        "event_id": ordered["event_id"],
        "label": ordered.apply(event_label, axis=1) if len(ordered) else pd.Series([], dtype="string"),
        "date_start": start.dt.strftime("%Y-%m-%d"),
        "date_end": end.dt.strftime("%Y-%m-%d"),
        "date_precision": ordered["date_precision"],
        "days": ((end - start).dt.days + 1).astype("Int64"),
        "killed_best": ordered["killed_best"],
        colour_by: labels,
        "is_dated": start.notna(),
    })
    return data.reset_index(drop=True)


@_styled
def draw_timeline(data: pd.DataFrame, colour_by: str) -> Figure:
    """Bars over each event's date interval, circles sized by killed_best; undated events listed beside.

    With more dated events than `style.MAX_EVENT_ROWS`, the rows are the deadliest events and a panel above them
    counts every dated event per day, week or month, so clusters stay visible however many events there are.
    """
    every_dated = data[data["is_dated"]]
    dated = top_events(every_dated, style.MAX_EVENT_ROWS, ["killed_best"], [False]).reset_index(drop=True)
    undated = data[~data["is_dated"]]
    has_counts = len(dated) < len(every_dated)
    figsize = _rows_figsize(len(dated), overhead=3.4 if has_counts else 1.9)
    figure = _new_figure(figsize)
    title, _ = FIGURES["timeline"]
    figure.suptitle(f"{title}, coloured by {colour_by.replace('_', ' ')}")
    _, legend = category_colours(data[colour_by]) if len(data) else (None, {})
    if has_counts:
        grid = figure.add_gridspec(2, 2, width_ratios=(3.2, 1.0), height_ratios=(1.0, 3.0))
        ax = figure.add_subplot(grid[1, 0])
        counts_ax = figure.add_subplot(grid[0, 0], sharex=ax)
        side = figure.add_subplot(grid[:, 1])
        side.axis("off")
        _draw_event_counts(counts_ax, pd.to_datetime(every_dated["date_start"]))
        note = _rows_note(len(dated), len(every_dated), "the deadliest, by best killed", "timeline")
        counts_ax.set_title(note, fontsize=SMALL_TYPE, loc="left", color="#555555")
    else:
        ax, side = _side_panel(figure)
    # The largest circle spans at most about one and a half rows, so that circles of neighbouring rows do not
    # cover each other (the rows panel is the figure's height less its titles, axis and, above, the counts).
    panel_points = (figsize[1] - 1.9) * 72.0 * (0.75 if has_counts else 1.0)
    pitch = panel_points / max(len(dated), 1)
    largest_area = min(520.0, (1.5 * pitch) ** 2)
    if len(dated):
        every_start = pd.to_datetime(every_dated["date_start"])
        every_end = every_start + pd.to_timedelta(every_dated["days"].astype("float64"), unit="D")
        start = pd.to_datetime(dated["date_start"])
        width = pd.to_timedelta(dated["days"].astype("float64"), unit="D")
        colours = dated[colour_by].map(legend)
        y = np.arange(len(dated))
        ax.barh(y, width, left=start, height=0.55, color=colours, alpha=0.35, edgecolor=colours, linewidth=1.2)
        largest = float(dated["killed_best"].max()) if dated["killed_best"].notna().any() else 0.0
        middle = start + width / 2
        known = dated["killed_best"].notna()
        ax.scatter(middle[known], y[known], s=marker_area(dated.loc[known, "killed_best"], largest,
                                                          largest_area=largest_area),
                   c=colours[known], edgecolors="black", linewidths=0.6, zorder=3)
        ax.scatter(middle[~known], y[~known], s=marker_area([np.nan] * int((~known).sum()), largest,
                                                            largest_area=largest_area),
                   facecolors="white", edgecolors=colours[~known], linewidths=1.0, zorder=3)
        ax.set_yticks(y, dated["label"], fontsize=SMALL_TYPE)
        ax.set_ylim(len(dated) - 0.5, -0.5)
        locator = matplotlib.dates.AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(matplotlib.dates.ConciseDateFormatter(locator))
        pad = pd.Timedelta(days=max(3.0, (every_start.max() - every_start.min()).days * 0.03))
        ax.set_xlim(every_start.min() - pad, every_end.max() + pad)
        ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
        ax.set_axisbelow(True)
    else:
        largest = 0.0
        _empty_message(ax, "No event has a known date.")
    ax.set_xlabel("Date of the event (bar width = date interval given by its precision)")
    ax.set_ylabel("Event (id · place), earliest at the top")
    handles = [Patch(facecolor=colour, edgecolor=colour, alpha=0.6, label=_wrap(name))
               for name, colour in legend.items()]
    first = side.legend(handles=handles, title=colour_by.replace("_", " ").capitalize(), loc="upper left",
                        fontsize=LABEL_TYPE, title_fontsize=LABEL_TYPE, frameon=False)
    side.add_artist(first)
    sizes = _size_handles(largest, largest_area=largest_area)
    sizes.append(Line2D([], [], linestyle="", marker="o", markersize=math.sqrt(14), markerfacecolor="white",
                        color="#777777", label="killed unknown"))
    _legend_below(side, first, sizes, "Circle area: killed (best)", labelspacing=1.2, borderpad=0.2)
    listed = [f"{row.event_id} · killed {format_figure(row.killed_best) or '?'}" for row in undated.itertuples()]
    # A long colour legend leaves less room under the size legend for the list.
    text = _list_text(f"Undated events ({len(undated)}), not drawn:", listed, limit=_MAX_LISTED if len(legend) <= 5 else 10)
    if text:
        side.text(0.0, 0.0, text, transform=side.transAxes, fontsize=SMALL_TYPE, va="bottom", ha="left")
    return figure


# The period events are counted by, widest span first kept under about a hundred bars: days up to two months,
# weeks up to two years, months up to eight years, quarters up to twenty-five years, years beyond.
COUNT_PERIODS = (("D", 62, 1.0, "day"), ("W", 731, 7.0, "week"), ("M", 2922, 30.4, "month"),
                 ("Q", 9131, 91.3, "quarter"), ("Y", math.inf, 365.2, "year"))


def count_bin(span_days: float) -> str:
    """The period events are counted by over a span of dates (pandas period code), see COUNT_PERIODS."""
    return next(code for code, longest, _, _ in COUNT_PERIODS if span_days <= longest)


def _draw_event_counts(ax, starts: pd.Series) -> None:
    """Bars of how many events start in each period (a dense timeline's overview), see COUNT_PERIODS."""
    starts = starts.dropna()
    period = count_bin(float((starts.max() - starts.min()).days))
    bins = starts.dt.to_period(period).dt.start_time
    counts = bins.value_counts().sort_index()
    width, name = next((days, name) for code, _, days, name in COUNT_PERIODS if code == period)
    ax.bar(counts.index, counts.to_numpy(), width=width * 0.9, align="edge", color="#777777")
    ax.set_ylabel(f"events\nper {name}", fontsize=SMALL_TYPE)
    ax.tick_params(labelbottom=False, labelsize=SMALL_TYPE)
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True, nbins=4, steps=[1, 2, 5, 10]))
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)


def timeline(events: pd.DataFrame, colour_by: str) -> tuple[Figure, pd.DataFrame]:
    """The timeline figure and the data it was drawn from."""
    data = timeline_data(events, colour_by)
    return draw_timeline(data, colour_by), data

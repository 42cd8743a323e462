"""The casualty-ranges figure: each event's low-best-high killed range with every source's figure on it."""
from __future__ import annotations

import matplotlib
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from helpers.visualise import style
from helpers.visualise.style import (
    FIGURES, LABEL_TYPE, LOWER_BOUND_QUALIFIERS, SMALL_TYPE, SOURCE_STYLES, _empty_message, _new_figure,
    _rows_figsize, _rows_note, _side_panel, _source_style, _styled, event_label, format_figure,
    source_type_handles, top_events,
)
from helpers.visualise.tables import sort_events


def casualty_ranges_data(events: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, reported figure) with the event's low, best and high beside it.

    A figure is a killed count or, when a source gave only one number for killed and wounded together (as
    perpetrators' claims often do), that killed-or-wounded count, marked as such in `figure`. An event with
    a reconciled range but no such mention keeps one row with the mention columns blank.
    """
    ordered = sort_events(events)
    ranges = ordered[["event_id", "place", "killed_low", "killed_best", "killed_high", "claimed_casualties"]]
    figures = mentions[mentions["killed"].notna() | mentions["casualties"].notna()][
        ["event_id", "mention_id", "article_id", "figure_source", "source_type", "is_claim",
         "killed", "killed_qualifier", "killed_max", "casualties", "casualties_qualifier"]
    ]
    data = ranges.merge(figures, on="event_id", how="left", sort=False)
    has_any = data[["killed_low", "killed_best", "killed_high", "killed", "casualties"]].notna().any(axis=1)
    data = data[has_any].copy()
    data["figure"] = [format_figure(row.killed, row.killed_qualifier, row.killed_max) if not pd.isna(row.killed)
                      else (format_figure(row.casualties, row.casualties_qualifier) + " killed or wounded"
                            if not pd.isna(row.casualties) else "")
                      for row in data.itertuples()]
    order = {event_id: i for i, event_id in enumerate(ordered["event_id"])}
    data["_order"] = data["event_id"].map(order)
    data = data.sort_values(["_order", "mention_id"], kind="mergesort", na_position="first")
    return data.drop(columns="_order").reset_index(drop=True)


# A casualty axis turns logarithmic when its largest value is at least this large and this many times the
# typical (median) best figure: on a linear axis most events would then be squeezed against zero.
LOG_SCALE_MIN_LARGEST = 100
LOG_SCALE_MIN_RATIO = 20


def _needs_log_scale(largest: float, best) -> bool:
    """Whether a count axis reaching `largest` should be logarithmic, given the events' best figures."""
    best = pd.to_numeric(pd.Series(best), errors="coerce").dropna()
    typical = float(best[best > 0].median()) if (best > 0).any() else 1.0
    return largest >= LOG_SCALE_MIN_LARGEST and largest >= LOG_SCALE_MIN_RATIO * typical


def _log_count_axis(ax, largest: float) -> None:
    """A count axis from 0 that is linear up to 1 and logarithmic above (matplotlib's symlog), with whole-number
    ticks at 1, 2, 5, 10, 20, 50, ..."""
    ax.set_xscale("symlog", linthresh=1.0, linscale=0.3)
    ax.set_xlim(0, largest * 1.6)  # room for the k/w labels
    ticks = [0] + [step * 10 ** power for power in range(0, 8) for step in (1, 2, 5) if step * 10 ** power <= largest * 1.6]
    ax.xaxis.set_major_locator(matplotlib.ticker.FixedLocator(ticks))
    ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda value, _: f"{int(round(value)):,}"))


@_styled
def draw_casualty_ranges(data: pd.DataFrame, *, seed: int = 42) -> Figure:
    """Per event a low–high bar with the best marked, and every source's killed figure as a point.

    With more events than `style.MAX_EVENT_ROWS`, the rows are the most disputed events (widest low–high range,
    then the highest best figure); the figure says so and the CSV keeps every event.
    """
    figure = _new_figure(_rows_figsize(min(int(data["event_id"].nunique()), style.MAX_EVENT_ROWS)))
    ax, side = _side_panel(figure)
    title, _ = FIGURES["casualty_ranges"]
    figure.suptitle(title)
    rng = np.random.default_rng(seed)
    every_event = data.drop_duplicates("event_id")
    if len(every_event) > style.MAX_EVENT_ROWS:
        ranked = every_event.assign(spread=every_event["killed_high"] - every_event["killed_low"])
        chosen = top_events(ranked, style.MAX_EVENT_ROWS, ["spread", "killed_best"], [False, False])
        data = data[data["event_id"].isin(set(chosen["event_id"]))]
        ax.set_title(_rows_note(len(chosen), len(every_event), "the widest ranges", "casualty_ranges"),
                     fontsize=SMALL_TYPE, loc="left", color="#555555")
    event_ids = list(dict.fromkeys(data["event_id"]))
    row_of = {event_id: i for i, event_id in enumerate(event_ids)}
    offsets = dict(zip(SOURCE_STYLES, np.linspace(-0.28, 0.28, len(SOURCE_STYLES))))
    if event_ids:
        events = data.drop_duplicates("event_id")
        y = events["event_id"].map(row_of).to_numpy()
        ax.hlines(y, events["killed_low"], events["killed_high"], color="#bbbbbb", linewidth=7, zorder=1)
        ax.scatter(events["killed_best"], y, marker="|", s=260, color="black", linewidths=2.2, zorder=2)
        figures = data[data["killed"].notna()]
        kinds = figures["source_type"].fillna("").to_numpy()
        figures_y = (figures["event_id"].map(row_of).to_numpy(dtype="float64") + rng.uniform(-0.04, 0.04, len(figures))
                     + figures["source_type"].map(offsets).fillna(0.0).to_numpy(dtype="float64"))
        killed = figures["killed"].to_numpy(dtype="float64")
        killed_max = figures["killed_max"].to_numpy(dtype="float64", na_value=np.nan)
        qualifiers = figures["killed_qualifier"].fillna("")
        spans = ((qualifiers == "range") & figures["killed_max"].notna()).to_numpy()
        hollow = qualifiers.isin(LOWER_BOUND_QUALIFIERS).to_numpy()
        for kind in dict.fromkeys(kinds):  # one collection per source type, however many figures
            colour, marker = _source_style(kind)
            own = kinds == kind
            if (own & spans).any():
                ax.hlines(figures_y[own & spans], killed[own & spans], killed_max[own & spans], color=colour,
                          linewidth=1.5, zorder=3)
            ax.scatter(killed[own], figures_y[own], marker=marker, s=34, zorder=4, linewidths=1.3,
                       facecolors=np.where(hollow[own], "white", colour), edgecolors=colour)
        # Killed-or-wounded totals are not deaths: drawn faint and labelled, never joined to the range.
        for row in data[data["killed"].isna() & data["casualties"].notna()].itertuples():
            colour, marker = _source_style(row.source_type)
            row_y = row_of[row.event_id] + offsets.get(row.source_type, 0.0)
            ax.scatter([row.casualties], [row_y], marker=marker, s=34, zorder=4, linewidths=1.3, alpha=0.45,
                       facecolors="white" if row.casualties_qualifier in LOWER_BOUND_QUALIFIERS else colour,
                       edgecolors=colour)
            ax.annotate("k/w", (row.casualties, row_y), xytext=(5, 0), textcoords="offset points", fontsize=SMALL_TYPE,
                        va="center", color="#555555")
        labels = [event_label(row) for _, row in events.iterrows()]
        ax.set_yticks(np.arange(len(event_ids)), labels, fontsize=SMALL_TYPE)
        ax.set_ylim(len(event_ids) - 0.5, -0.5)
        largest = float(data[["killed_high", "killed_best", "killed", "killed_max", "casualties"]].max().max())
        if _needs_log_scale(largest, events["killed_best"]):
            _log_count_axis(ax, largest)
            ax.set_xlabel("People killed (count; logarithmic scale above 1)")
        else:
            ax.set_xlim(0, max(1.0, largest * 1.1))  # room for the k/w labels
            ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True, steps=[1, 2, 5, 10]))  # people are counted whole
            ax.set_xlabel("People killed (count)")
        ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
        ax.set_axisbelow(True)
    else:
        _empty_message(ax, "No event has a killed figure.")
        ax.set_xlabel("People killed (count)")
    ax.set_ylabel("Event (id · place), earliest at the top")
    present = [t for t in SOURCE_STYLES if t in set(data["source_type"].dropna())] or list(SOURCE_STYLES)
    handles = [Line2D([], [], color="#bbbbbb", linewidth=7, label="low – high (reconciled)"),
               Line2D([], [], linestyle="", marker="|", markersize=14, markeredgewidth=2.2, color="black",
                      label="best (reconciled)")]
    handles += source_type_handles(present)
    handles.append(Line2D([], [], linestyle="", marker="o", markersize=7, markerfacecolor="white",
                          color="#555555", label="hollow: 'at least' / 'more than'"))
    handles.append(Line2D([], [], linestyle="", marker="o", markersize=7, color="#555555", alpha=0.45,
                          label="faint, k/w: killed or wounded"))
    side.legend(handles=handles, title="Source type of each reported figure", loc="upper left", fontsize=LABEL_TYPE,
                title_fontsize=LABEL_TYPE, frameon=False)
    return figure


def casualty_ranges(events: pd.DataFrame, mentions: pd.DataFrame, *, seed: int = 42) -> tuple[Figure, pd.DataFrame]:
    """The casualty-range figure and the data it was drawn from."""
    data = casualty_ranges_data(events, mentions)
    return draw_casualty_ranges(data, seed=seed), data

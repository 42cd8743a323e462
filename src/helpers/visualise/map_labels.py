"""Province names on the static map, placed the way a cartographer places them around point symbols.

A name is written at a point inside its province; event circles are often drawn on that very spot (an event
known only to its province is drawn at the same kind of point). So, as in a printed atlas:
- names are drawn above the circles, in dark grey on a pale box (a halo), so a circle never hides a name;
- a name that would touch a circle is moved, within its province, to the first free spot among a few fixed
  candidates (just above, just below, then a line further), and stays where it was, readable through its
  halo, when none is free;
- where names still collide with each other, `drop_overlapping_labels` (helpers.visualise.maps) thins them.
The candidates are tried in a fixed order, so the same map is drawn the same way every time.
"""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

LABEL_COLOUR = "#555555"
LABEL_ZORDER = 4  # above the event circles (zorder 3)
# A pale box rather than a stroked halo: a path effect would turn each name into outlines in the SVG, where
# names must stay text a reader can search and copy.
HALO = {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}
# Moves tried, in label heights (up, down, then twice as far), and in label widths sideways.
_CANDIDATES = [(0.0, 0.0), (0.0, 1.1), (0.0, -1.1), (0.0, 2.2), (0.0, -2.2), (0.6, 0.0), (-0.6, 0.0)]


def label_style() -> dict:
    """Text properties of a province name: small, dark grey, haloed, above the circles."""
    return {"color": LABEL_COLOUR, "zorder": LABEL_ZORDER, "bbox": dict(HALO)}


def circles_in_pixels(ax, longitudes, latitudes, areas) -> np.ndarray:
    """Each circle as (x, y, radius) in display pixels, from its centre in degrees and its area in points²."""
    if not len(areas):
        return np.empty((0, 3))
    centres = ax.transData.transform(np.column_stack([np.asarray(longitudes, float), np.asarray(latitudes, float)]))
    radii = np.sqrt(np.asarray(areas, float)) / 2.0 * ax.figure.dpi / 72.0
    return np.column_stack([centres, radii])


def box_touches_circles(box: Bbox, circles: np.ndarray) -> bool:
    """True when the box and any circle overlap (the circle's nearest point to its centre is inside it)."""
    if not len(circles):
        return False
    nearest_x = np.clip(circles[:, 0], box.x0, box.x1)
    nearest_y = np.clip(circles[:, 1], box.y0, box.y1)
    return bool((((nearest_x - circles[:, 0]) ** 2 + (nearest_y - circles[:, 1]) ** 2) < circles[:, 2] ** 2).any())


def move_labels_off_circles(figure: Figure, ax, labels: list, regions: list, circles_data: tuple) -> list[str]:
    """Move each name that touches a circle to the first free candidate spot inside its province (a shapely
    geometry, or None for anywhere); return the names that found no free spot and stayed, haloed, in place.

    `circles_data` is (longitudes, latitudes, areas) of the circles as drawn. Measured after the figure's
    final layout, so what is compared is what is printed."""
    if not labels:
        return []
    from shapely.geometry import Point

    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()
    circles = circles_in_pixels(ax, *circles_data)
    to_data = ax.transData.inverted()
    stuck = []
    for label, region in zip(labels, regions):
        box = label.get_window_extent(renderer).expanded(1.04, 1.1)
        if not box_touches_circles(box, circles):
            continue
        anchor = ax.transData.transform(label.get_position())
        for across, up in _CANDIDATES[1:]:
            shift = (across * box.width, up * box.height)
            if box_touches_circles(box.translated(*shift), circles):
                continue
            x, y = to_data.transform((anchor[0] + shift[0], anchor[1] + shift[1]))
            if region is not None and not region.contains(Point(x, y)):
                continue
            label.set_position((float(x), float(y)))
            break
        else:
            stuck.append(label.get_text())
    return stuck


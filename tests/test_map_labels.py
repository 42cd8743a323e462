"""Province names on the static map are never hidden by event circles."""
from __future__ import annotations

import json

import matplotlib
import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.transforms import Bbox

from fixtures.contract_tables import write_tables
from helpers import visualise
from helpers.visualise import map_labels, maps

matplotlib.use("Agg")


@pytest.fixture()
def boundaries_dir(tmp_path):
    """One wide province (so a name has room to move) and one small square."""
    folder = tmp_path / "boundaries"
    folder.mkdir()

    def box(x0, y0, x1, y1):
        return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}

    features = [{"type": "Feature", "properties": {"name": name, "admin": "Syria"}, "geometry": shape}
                for name, shape in (("Eastern Steppe", box(38.0, 33.0, 42.0, 37.0)), ("Coast", box(35.5, 35.0, 36.5, 36.0)))]
    (folder / "admin1_syr.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return folder


def _map_with_a_circle_on_the_name(tmp_path, boundaries_dir):
    tables = visualise.read_tables(write_tables(tmp_path / "tables"))
    data = visualise.map_data(tables["events"], tables["mentions"], "perpetrator")
    boundaries = maps.load_boundaries(["Syria"], boundaries_dir)
    steppe = boundaries[boundaries["admin1"] == "Eastern Steppe"].geometry.iloc[0].representative_point()
    # the deadliest event sits exactly where the province's name is written
    deadliest = data.loc[data["has_point"]].sort_values("killed_best", ascending=False).index[0]
    data.loc[deadliest, ["longitude", "latitude"]] = [steppe.x, steppe.y]
    return maps.draw_static_map(data, boundaries, "perpetrator"), data, (steppe.x, steppe.y)


def test_a_province_name_under_a_circle_moves_off_it_within_its_province(tmp_path, boundaries_dir):
    figure, data, spot = _map_with_a_circle_on_the_name(tmp_path, boundaries_dir)
    ax = figure.axes[0]
    name = next(text for text in ax.texts if text.get_text() == "Eastern Steppe")
    assert name.get_position() != spot  # it was moved
    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()
    scatters = [c for c in ax.collections if isinstance(c, PathCollection) and len(c.get_offsets())]
    circles = np.vstack([np.column_stack([
        c.get_offset_transform().transform(c.get_offsets()),
        np.broadcast_to(np.sqrt(c.get_sizes()) / 2 * figure.dpi / 72, len(c.get_offsets()))]) for c in scatters])
    assert len(circles) >= len(data[data["has_point"]])
    assert not map_labels.box_touches_circles(name.get_window_extent(renderer), circles)
    x, y = name.get_position()
    assert 38.0 < x < 42.0 and 33.0 < y < 37.0  # still inside its own province


def test_province_names_are_drawn_above_the_circles_on_a_halo_and_stay_text_in_the_svg(tmp_path, boundaries_dir):
    figure, _, _ = _map_with_a_circle_on_the_name(tmp_path, boundaries_dir)
    ax = figure.axes[0]
    names = [text for text in ax.texts if text.get_text() in ("Eastern Steppe", "Coast")]
    assert len(names) == 2
    top_circle = max(c.get_zorder() for c in ax.collections if isinstance(c, PathCollection))
    assert all(name.get_zorder() > top_circle and name.get_bbox_patch() is not None for name in names)
    svg = tmp_path / "map.svg"
    figure.savefig(svg)
    assert "Eastern Steppe" in svg.read_text()  # searchable text, not outlines


def test_a_box_touches_a_circle_only_when_they_overlap():
    box = Bbox.from_extents(0, 0, 10, 4)
    assert map_labels.box_touches_circles(box, np.array([[12.0, 2.0, 3.0]]))  # reaches in from the right
    assert not map_labels.box_touches_circles(box, np.array([[14.0, 2.0, 3.0]]))  # a pixel short
    assert not map_labels.box_touches_circles(box, np.array([[12.5, 6.5, 3.0]]))  # near the corner, outside
    assert not map_labels.box_touches_circles(box, np.empty((0, 3)))


def test_an_event_beside_the_map_keeps_every_province_it_names(tmp_path, boundaries_dir):
    tables = visualise.read_tables(write_tables(tmp_path / "tables"))
    data = visualise.map_data(tables["events"], tables["mentions"], "perpetrator")
    unplaced = data.index[0]
    data.loc[unplaced, ["place", "admin1"]] = ["", "Upper Plateau;Lower Plateau;Middle Marshes"]
    data.loc[unplaced, "has_point"] = False
    figure = maps.draw_static_map(data, maps.load_boundaries(["Syria"], boundaries_dir), "perpetrator")
    side = " ".join(" ".join(text.get_text().split()) for text in figure.axes[1].texts)
    assert "Upper Plateau, Lower Plateau, Middle Marshes" in side  # wrapped, never cut

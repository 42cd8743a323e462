"""Tests of the visualise stage: the data behind each figure, colours, boundaries, saved files and the map page."""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from fixtures.contract_tables import MALICIOUS, build_tables, write_tables
from helpers import schemas, visualise


@pytest.fixture()
def tables(tmp_path):
    """The made-up contract tables, written and read back the way the notebook reads them."""
    return visualise.read_tables(write_tables(tmp_path / "tables"))


def _square(x: float, y: float) -> dict:
    """A one-degree square polygon as GeoJSON geometry."""
    return {"type": "Polygon", "coordinates": [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]]}


@pytest.fixture()
def boundaries_dir(tmp_path):
    """Two tiny boundary files laid out like data/boundaries/: two Syrian provinces and one Iraqi one."""
    folder = tmp_path / "boundaries"
    folder.mkdir()
    for code, admin, provinces in (("syr", "Syria", [("North", 37.0, 35.5), ("South", 37.0, 33.5)]),
                                   ("irq", "Iraq", [("West", 41.0, 33.0)])):
        features = [{"type": "Feature", "properties": {"name": name, "admin": admin}, "geometry": _square(x, y)}
                    for name, x, y in provinces]
        (folder / f"admin1_{code}.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return folder


# --- parameters, labels and colours ---------------------------------------------------------------------------


def test_colour_by_rejects_unknown_column_naming_the_parameter():
    assert visualise.check_colour_by("event_type") == "event_type"
    with pytest.raises(ValueError, match="colour_by"):
        visualise.check_colour_by("actor")


@pytest.mark.parametrize("value, qualifier, maximum, expected", [
    (20.0, "exact", None, "20"), (20.0, "at_least", None, "≥20"), (20.0, "more_than", None, ">20"),
    (5.0, "fewer_than", None, "<5"), (30.0, "approx", None, "~30"), (20.0, "range", 25.0, "20–25"),
    (float("nan"), "exact", None, ""),
])
def test_format_figure_keeps_the_qualifier_a_reader_needs(value, qualifier, maximum, expected):
    assert visualise.format_figure(value, qualifier, float("nan") if maximum is None else maximum) == expected


def test_category_colours_keep_frequent_groups_fold_the_rest_and_grey_the_unknown():
    names = [f"group {i}" for i in range(9)]
    values = pd.Series(names + ["group 0", "group 0", "group 1", "unknown"], dtype="string")
    labels, legend = visualise.category_colours(values)
    assert list(legend)[:2] == ["group 0", "group 1"]  # most frequent first
    assert legend["unknown"] == visualise.UNKNOWN_COLOUR
    assert (labels == "other").sum() == 9 - len(visualise.CATEGORY_COLOURS)
    palette = set(visualise.OKABE_ITO.values())
    assert {colour for name, colour in legend.items() if name not in ("unknown", "other")} <= palette
    # 'other' is a grey darker than unknown's, not the palette's black that reads as the most salient group
    assert legend["other"] == visualise.OTHER_COLOUR not in palette | {visualise.UNKNOWN_COLOUR}
    _, again = visualise.category_colours(labels)  # drawing recolours the folded labels: 'other' stays grey
    assert again == legend


def test_event_categories_join_several_actors_and_name_blanks_unknown(tables):
    categories = visualise.event_categories(tables["events"].set_index("event_id"), "perpetrator")
    assert categories["ev02"] == "Islamic State + Tribal militia"
    assert categories["ev03"] == "unknown"


def test_marker_area_is_proportional_to_the_figure():
    smallest = visualise.marker_area([0.0], 40.0)[0]
    ten, twenty = visualise.marker_area([10.0, 20.0], 40.0)
    assert twenty - smallest == pytest.approx(2 * (ten - smallest))


# --- the data behind each figure --------------------------------------------------------------------------------


def test_timeline_keeps_undated_events_undated_and_measures_intervals(tables):
    data = visualise.timeline_data(tables["events"], "perpetrator").set_index("event_id")
    assert sorted(data.index) == sorted(tables["events"]["event_id"])
    assert not data.loc["ev04", "is_dated"] and pd.isna(data.loc["ev04", "date_start"])
    assert data.loc["ev02", "days"] == 31  # a month-precision date spans the month
    assert data.loc["ev01", "days"] == 1
    assert list(data.index[:2]) == ["ev02", "ev01"]  # date order, undated last
    assert data.index[-1] == "ev04"


def test_casualty_ranges_show_every_killed_figure_beside_the_reconciled_range(tables):
    data = visualise.casualty_ranges_data(tables["events"], tables["mentions"])
    mentions = tables["mentions"]
    with_figure = set(mentions.loc[mentions["killed"].notna() | mentions["casualties"].notna(), "mention_id"])
    assert set(data["mention_id"].dropna()) == with_figure
    assert data.set_index("mention_id").loc["m02", "figure"] == ">45 killed or wounded"  # a claim, not deaths
    ev01 = data[data["event_id"] == "ev01"]
    assert set(ev01["killed_low"]) == {20.0} and set(ev01["killed_high"]) == {31.0}
    assert "ev05" not in set(data["event_id"])  # no figure at all: nothing to draw
    claim = data[data["mention_id"] == "m09"].iloc[0]
    assert claim["source_type"] == "perpetrator_claim" and claim["figure"] == ">30"


def test_toll_revisions_take_publication_dates_from_articles_and_leave_blanks_blank(tables):
    data = visualise.toll_revisions_data(tables["events"], tables["mentions"], tables["articles"])
    by_mention = data.set_index("mention_id")
    assert by_mention.loc["m01", "published"] == "2021-03-05"
    assert by_mention.loc["m03", "published"] == "2021-03-07"
    assert pd.isna(by_mention.loc["m06", "published"])  # article a3 has no date: none is invented
    ev01 = data[data["event_id"] == "ev01"]
    assert list(ev01["published"]) == sorted(ev01["published"])


def test_source_matrix_has_one_cell_per_event_and_source(tables):
    data = visualise.source_matrix_data(tables["events"], tables["mentions"])
    assert not data.duplicated(["event_id", "source"]).any()
    ev01 = data[data["event_id"] == "ev01"].set_index("source")
    assert ev01.loc["Syrian Observatory for Human Rights", "killed_figures"] == "≥20; 26"
    assert ev01.loc["Islamic State", "casualty_figures"] == ">45"  # killed-or-wounded kept apart
    assert "the outlet (unattributed)" in ev01.index  # no articles given: the outlet is not named
    named = visualise.source_matrix_data(tables["events"], tables["mentions"], tables["articles"])
    assert "Outlet D (unattributed)" in set(named.loc[named["event_id"] == "ev01", "source"])
    assert "Outlet D" in set(named.loc[named["event_id"] == "ev05", "source"])  # media, own reporting


def test_popup_lists_every_source_and_its_figure(tables):
    data = visualise.map_data(tables["events"], tables["mentions"], "perpetrator").set_index("event_id")
    popup = data.loc["ev01", "popup"]
    for expected in ("the outlet (unattributed): 26 killed, article a5",
                     "Syrian Observatory for Human Rights (monitor): ≥20 killed, article a1",
                     "Islamic State (perpetrator claim): >45 killed or wounded", "- activists: ~31 killed",
                     "best 26 (low 20, high 31)", "flags: wide_spread"):
        assert expected in popup
    assert not data.loc["ev04", "has_point"]
    assert not data.loc["ev03", "is_precise"] and data.loc["ev01", "is_precise"]


def test_flag_counts_and_overview(tables):
    counts = visualise.flag_counts(tables["events"]).set_index("flag")["events"]
    assert counts["date_conflict"] == 1 and counts["uncertain_attribution"] == 1 and "" not in counts.index
    overview = visualise.events_overview(tables["events"]).set_index("event_id")
    assert overview.loc["ev01", "killed_range"] == "20–31"
    assert overview.loc["ev02", "killed_range"] == "4"  # sources agree: one figure, not 4–4
    assert overview.loc["ev03", "flags"] == "uncertain_attribution, date_conflict"
    assert overview.loc["ev04", "date"] == "unknown" and overview.loc["ev04", "killed_range"] == ""


# --- boundaries and maps ---------------------------------------------------------------------------------------


def test_load_boundaries_reads_only_the_countries_asked(boundaries_dir):
    syria = visualise.load_boundaries(["Syria"], boundaries_dir)
    assert list(syria["admin1"]) == ["North", "South"] and set(syria["country"]) == {"Syria"}
    both = visualise.load_boundaries(["Iraq", "Syria"], boundaries_dir)
    assert len(both) == 3
    assert len(visualise.load_boundaries(["Somalia"], boundaries_dir)) == 0
    assert len(visualise.load_boundaries(["Syria"], boundaries_dir / "missing")) == 0


def test_a_province_is_labelled_on_the_map_as_the_tables_spell_it(tmp_path):
    # a boundary file spelling a province its own way, with the GeoNames code Natural Earth's polygons carry:
    # the label takes the gazetteer's name (the events table's), a polygon without a code keeps its file's
    folder = tmp_path / "boundaries"
    folder.mkdir()
    features = [{"type": "Feature", "properties": {"name": spelled, "gn_a1_code": code, "admin": "Syria"},
                 "geometry": _square(x, 35.0)}
                for spelled, code, x in (("Dayr Az Zawr", "SY.07", 40.0), ("Unheard Of", "", 38.0))]
    (folder / "admin1_syr.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    names = set(visualise.load_boundaries(["Syria"], folder)["admin1"])
    from helpers import places

    table_name = next(row["name"] for row in places._admin1_table().values() if row["geonames_admin1_code"] == "SY.07")
    assert table_name != "Dayr Az Zawr" and names == {table_name, "Unheard Of"}


def test_static_map_names_countries_without_borders(tables, boundaries_dir):
    events = tables["events"].copy()
    events.loc[events["event_id"] == "ev05", "country"] = "Somalia"
    figure, data = visualise.static_map(events, tables["mentions"], "perpetrator", boundaries_dir)
    texts = " ".join(text.get_text() for ax in figure.axes for text in ax.texts)
    assert "No province borders shipped for:\nSomalia" in texts
    assert "ev04" in texts  # listed as without coordinates
    assert "popup" not in data.columns


def test_an_event_known_to_its_province_is_placed_in_it_in_any_country():
    events = pd.DataFrame({"admin1": ["Idlib", "Atakora", "Kef", "Nowhere Province", "Idlib;Hama"],
                           "country": ["Syria", "Benin", "Tunisia", "Benin", "Syria"]}, index=[10, 11, 12, 13, 14])
    points = visualise.province_points(events)
    assert set(points) == {10, 11, 12}  # an unknown province, or several, get no point
    latitude, longitude = points[11]  # Atakora: Benin's north-west
    assert 9.5 < latitude < 11.5 and 0.7 < longitude < 2.5
    latitude, longitude = points[12]  # Kef: Tunisia's north-west, by the Algerian border
    assert 35.5 < latitude < 36.6 and 8.2 < longitude < 9.2
    latitude, longitude = points[10]  # Idlib, from the curated gazetteer's polygons
    assert 35.4 < latitude < 36.3 and 36.1 < longitude < 37.0


def test_a_map_of_province_level_events_outside_the_curated_countries_is_drawn(tables, boundaries_dir):
    # only events known to a province of a country without a curated boundary file: the map is still drawn
    events = tables["events"].copy()
    events[["latitude", "longitude"]] = float("nan")
    events["geo_precision"], events["country"], events["admin1"] = "admin1", "Benin", "Atakora"
    figure, data = visualise.static_map(events, tables["mentions"], "perpetrator", boundaries_dir)
    assert set(data["placed_at"]) == {"province"}
    assert data["latitude"].between(9.5, 11.5).all()


def _bokeh_library_urls() -> set[str]:
    """Every URL string inside the BokehJS bundles that file_html inlines (inert unless their feature is used)."""
    import bokeh

    found = set()
    for path in (Path(bokeh.__file__).parent / "server" / "static" / "js").glob("*.min.js"):
        found.update(re.findall(r"https?://[^\s\"'`<>)\\]+", path.read_text(encoding="utf-8", errors="ignore")))
    return found


def test_interactive_map_is_self_contained_deterministic_and_escapes_article_text(tmp_path, boundaries_dir):
    tables = visualise.read_tables(write_tables(tmp_path / "tables", payload=MALICIOUS))
    page, data = visualise.interactive_map(tables["events"], tables["mentions"], "perpetrator", boundaries_dir)
    again, _ = visualise.interactive_map(tables["events"], tables["mentions"], "perpetrator", boundaries_dir)
    assert page == again
    soup = BeautifulSoup(page, "html.parser")
    scripts = soup.find_all("script")
    assert scripts and not any(script.get("src") for script in scripts)
    assert not soup.find_all(["iframe", "img", "link", "object", "embed", "svg"])
    assert not [attr for tag in soup.find_all(True) for attr in tag.attrs if attr.lower().startswith("on")]
    for script in scripts:
        assert 'alert("pwned")' not in script.get_text()  # article text is carried only HTML-escaped
    data_blocks = [s.get_text() for s in scripts if s.get("type") == "application/json"]
    assert any("&lt;script&gt;alert(" in block for block in data_blocks)
    # Code may hold only the URLs BokehJS itself bundles (namespaces, licences, optional features not used);
    # the escaped article text in the data block is text, shown escaped by the tooltip.
    inline_urls = set()
    for script in scripts:
        if script.get("type") != "application/json":
            inline_urls.update(re.findall(r"https?://[^\s\"'`<>)\\]+", script.get_text()))
    assert inline_urls <= _bokeh_library_urls()
    assert "evil.example" not in " ".join(inline_urls)
    assert set(data["event_id"]) == set(tables["events"]["event_id"])


# --- saving -----------------------------------------------------------------------------------------------------


def test_saved_figures_are_identical_run_after_run_and_carry_their_data(tmp_path, tables):
    outputs = []
    for run in ("first", "second"):
        figure, data = visualise.casualty_ranges(tables["events"], tables["mentions"], seed=7)
        png = visualise.save_figure(figure, data, "casualty_ranges", tmp_path / run, dpi=50)
        outputs.append({ext: (tmp_path / run / f"casualty_ranges.{ext}").read_bytes() for ext in ("png", "svg", "csv")})
        assert png == outputs[-1]["png"]
    assert outputs[0] == outputs[1]
    svg = outputs[0]["svg"].decode()
    assert "<dc:date>" not in svg
    assert "<svg" in svg
    saved = pd.read_csv(tmp_path / "first" / "casualty_ranges.csv", dtype="string")
    assert list(saved.columns) == list(data.columns) and len(saved) == len(data)


def test_png_size_follows_dpi_and_stays_small(tmp_path, tables):
    figure, data = visualise.timeline(tables["events"], "event_type")
    png = visualise.save_figure(figure, data, "timeline", tmp_path, dpi=80, svg=False)
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (800, 500)
    assert len(png) < 150_000
    assert not (tmp_path / "timeline.svg").exists()


def test_every_figure_draws_from_empty_tables(tmp_path, boundaries_dir):
    empty = {name: schemas.empty_table(name) for name in ("articles", "mentions", "events", "contradictions")}
    for name, frame in empty.items():
        schemas.write_table(frame, name, tmp_path / "tables", parquet=False)
    tables = visualise.read_tables(tmp_path / "tables")
    events, mentions, articles = tables["events"], tables["mentions"], tables["articles"]
    drawn = [visualise.timeline(events, "perpetrator"), visualise.casualty_ranges(events, mentions),
             visualise.toll_revisions(events, mentions, articles), visualise.source_matrix(events, mentions),
             visualise.static_map(events, mentions, "perpetrator", boundaries_dir)]
    for index, (figure, data) in enumerate(drawn):
        visualise.save_figure(figure, data, f"figure{index}", tmp_path / "figures", dpi=40, svg=False)
        assert len(data) == 0
    page, data = visualise.interactive_map(events, mentions, "perpetrator", boundaries_dir)
    assert "Every event has coordinates" in page and len(data) == 0
    assert len(visualise.flag_counts(events)) == 0


def test_read_tables_treats_a_missing_table_as_empty(tmp_path):
    (tmp_path / "tables").mkdir()
    tables = visualise.read_tables(tmp_path / "tables")
    assert all(len(frame) == 0 for frame in tables.values())
    assert list(tables["events"].columns) == schemas.EVENTS_COLUMNS


def test_fixture_tables_follow_the_contract():
    for name, frame in build_tables().items():
        schemas.check_columns(frame, name)


def test_dollar_signs_in_article_text_are_drawn_as_text(tmp_path, tables):
    events = tables["events"].copy()
    events.loc[events["event_id"] == "ev01", "place"] = r"Tal $Abyad \frac{$"  # two signs: TeX to matplotlib
    figure, data = visualise.timeline(events, "perpetrator")
    svg_path = tmp_path / "timeline.svg"
    visualise.save_figure(figure, data, "timeline", tmp_path, dpi=40)
    assert r"Tal $Abyad \frac{$" in svg_path.read_text(encoding="utf-8")


def test_mentions_not_yet_linked_to_an_event_are_left_out_of_event_figures(tables):
    mentions = tables["mentions"].copy()
    mentions.loc[mentions["mention_id"] == "m06", "event_id"] = ""  # annotated, not reconciled
    mentions.loc[mentions["mention_id"] == "m07", "event_id"] = "ev99"  # an event reconcile did not keep
    revisions = visualise.toll_revisions_data(tables["events"], mentions, tables["articles"])
    assert {"m06", "m07"}.isdisjoint(revisions["mention_id"])
    matrix = visualise.source_matrix_data(tables["events"], mentions)
    assert set(matrix["event_id"]) <= set(tables["events"]["event_id"])
    no_events = tables["events"].iloc[0:0]
    figure, data = visualise.toll_revisions(no_events, mentions, tables["articles"])
    assert len(data) == 0


# --- many events: figures draw a named selection, their CSVs keep everything ----------------------------------


def _axis_with_ylabel(figure, start: str):
    """The axes of a figure whose y label starts with `start`."""
    return next(ax for ax in figure.axes if ax.get_ylabel().startswith(start))


def _all_text(figure) -> str:
    """Every piece of text drawn on a figure, titles included."""
    return " ".join(text.get_text() for text in figure.findobj(lambda artist: hasattr(artist, "get_text")))


def test_top_events_ranks_blanks_last_breaks_ties_by_id_and_keeps_the_original_order():
    events = pd.DataFrame({"event_id": ["e4", "e1", "e3", "e2"], "killed_best": [5.0, None, 9.0, 5.0]})
    chosen = visualise.top_events(events, 2, ["killed_best"], [False])
    assert list(chosen["event_id"]) == ["e3", "e2"]  # 9 first, then the tie at 5 goes to the smaller id
    chosen = visualise.top_events(events, 3, ["killed_best"], [False])
    assert list(chosen["event_id"]) == ["e4", "e3", "e2"]  # the blank figure is ranked last, table order kept
    assert visualise.top_events(events, 10, ["killed_best"], [False]) is events


def test_count_bin_widens_with_the_span_of_dates():
    spans = (0, 62, 63, 731, 732, 2922, 2923, 9131, 9132, 40000)
    assert [visualise.count_bin(days) for days in spans] == ["D", "D", "W", "W", "M", "M", "Q", "Q", "Y", "Y"]


def test_counts_over_twenty_years_are_drawn_per_quarter_in_bars_wide_enough_to_see(monkeypatch):
    # Monthly bars over twenty years were hairlines about a pixel wide; quarters keep each bar visible.
    monkeypatch.setattr(visualise.style, "MAX_EVENT_ROWS", 2)  # more events than rows: the counts are drawn
    starts = pd.Series(pd.to_datetime(["2004-02-01", "2004-03-20", "2015-07-01", "2024-02-10"]))
    events = pd.DataFrame({"event_id": [f"e{i}" for i in range(4)], "date_start": starts, "date_end": starts,
                           "date_precision": "day", "killed_best": [3.0, 4.0, 5.0, 6.0], "perpetrator": "",
                           "place": "", "admin1": "", "country": "", "event_type": ""})
    figure, _ = visualise.timeline(visualise.type_events(events.astype({"killed_best": str})), "perpetrator")
    counts = _axis_with_ylabel(figure, "events")
    assert counts.get_ylabel() == "events\nper quarter"
    assert sorted(round(patch.get_height()) for patch in counts.patches) == [1, 1, 2]  # February and March 2004: one quarter
    assert all(patch.get_width() > 80 for patch in counts.patches)  # days on the date axis


def test_timeline_of_many_events_draws_the_deadliest_and_counts_every_event(tables, monkeypatch):
    monkeypatch.setattr(visualise.style, "MAX_EVENT_ROWS", 2)
    figure, data = visualise.timeline(tables["events"], "perpetrator")
    assert len(data) == len(tables["events"])  # the CSV keeps every event
    rows = _axis_with_ylabel(figure, "Event")
    labels = [label.get_text().split(" · ")[0] for label in rows.get_yticklabels()]
    assert labels == ["ev01", "ev03"]  # killed 26 and 9 of the four dated events, drawn in date order
    counts = _axis_with_ylabel(figure, "events")
    assert counts.get_ylabel() == "events\nper week"  # March to August 2021: over two months, under two years
    bars = sorted(round(patch.get_height()) for patch in counts.patches)
    assert bars == [1, 1, 2]  # the week of 1 March (ev01, ev02), of 7 June, of 2 August: every dated event
    assert "2 of 4 events drawn (the deadliest" in _all_text(figure)


def test_timeline_within_the_limit_has_no_counts_panel(tables):
    figure, _ = visualise.timeline(tables["events"], "perpetrator")
    assert not [ax for ax in figure.axes if ax.get_ylabel().startswith("events")]
    assert "events drawn" not in _all_text(figure)


def test_casualty_ranges_of_many_events_draw_the_widest_ranges(tables, monkeypatch):
    monkeypatch.setattr(visualise.style, "MAX_EVENT_ROWS", 2)
    figure, data = visualise.casualty_ranges(tables["events"], tables["mentions"])
    assert set(data["event_id"]) == {"ev01", "ev02", "ev03", "ev04"}
    rows = _axis_with_ylabel(figure, "Event")
    labels = [label.get_text().split(" · ")[0] for label in rows.get_yticklabels()]
    assert labels == ["ev01", "ev03"]  # ranges 20–31 and 7–12; ev02 is 4–4 and ev04 has no range
    assert "2 of 4 events drawn (the widest ranges)" in _all_text(figure)


def test_source_matrix_of_many_sources_draws_the_widest_reaching_sources(tables, monkeypatch):
    monkeypatch.setattr(visualise.style, "MAX_SOURCE_COLUMNS", 2)
    monkeypatch.setattr(visualise.style, "MAX_EVENT_ROWS", 1)
    figure, data = visualise.source_matrix(tables["events"], tables["mentions"])
    assert data["source"].nunique() > 2  # the CSV keeps every source
    ax = _axis_with_ylabel(figure, "Event")
    columns = [label.get_text() for label in ax.get_xticklabels()]
    # each reported ev01 and ev03; a long name is wrapped, never cut
    assert sorted(columns) == ["Syrian Observatory\nfor Human Rights", "activists"]
    assert [label.get_text() for label in ax.get_yticklabels()] == ["ev01"]  # tie on sources: the earlier event
    text = _all_text(figure)
    assert "2 of" in text and "sources drawn" in text and "1 of 5 events drawn" in text


def test_interactive_map_of_many_events_draws_the_deadliest_and_says_so(tables, boundaries_dir, monkeypatch):
    monkeypatch.setattr(visualise.style, "MAX_MAP_POINTS", 1)
    monkeypatch.setattr(visualise.style, "MAX_LISTED_HTML", 0)
    page, data = visualise.interactive_map(tables["events"], tables["mentions"], "perpetrator", boundaries_dir)
    assert len(data) == len(tables["events"])
    placed = int(data["has_point"].sum())
    assert f"1 of the {placed} events with coordinates are drawn" in page
    assert "2021-03-04" in page and "2021-06-11" not in page  # ev01's popup (26 killed) drawn, ev03's (9) not
    assert "and 1 more (see the CSV)" in page  # ev04 has no coordinates


def test_boundaries_are_read_once_however_many_countries_lack_their_own_file(boundaries_dir, monkeypatch):
    import geopandas

    calls = []
    real = geopandas.read_file
    monkeypatch.setattr(geopandas, "read_file", lambda path, *a, **k: calls.append(path) or real(path, *a, **k))
    visualise.load_boundaries(["Atlantis", "Lemuria", "Mu"], boundaries_dir)
    assert len(calls) == len(set(calls)) == 2


def test_static_map_of_many_events_keeps_its_svg_small(tmp_path, tables, boundaries_dir, monkeypatch):
    figure, data = visualise.static_map(tables["events"], tables["mentions"], "perpetrator", boundaries_dir)
    visualise.save_figure(figure, data, "vector", tmp_path, dpi=40)
    monkeypatch.setattr(visualise.style, "MAX_VECTOR_POINTS", 1)
    figure, data = visualise.static_map(tables["events"], tables["mentions"], "perpetrator", boundaries_dir)
    visualise.save_figure(figure, data, "raster", tmp_path, dpi=40)
    vector, raster = (tmp_path / "vector.svg").read_text(), (tmp_path / "raster.svg").read_text()
    assert "<image" not in vector and "<image" in raster  # the circles became one embedded image
    assert "North" in raster  # province names stay text


def test_static_map_names_provinces_only_while_the_names_fit(tables, boundaries_dir, monkeypatch):
    figure, _ = visualise.static_map(tables["events"], tables["mentions"], "perpetrator", boundaries_dir)
    assert "North" in _all_text(figure)  # Syria's two provinces: both are named
    monkeypatch.setattr(visualise.style, "MAX_PROVINCE_LABELS", 1)
    figure, _ = visualise.static_map(tables["events"], tables["mentions"], "perpetrator", boundaries_dir)
    assert "North" not in _all_text(figure)  # more provinces than names that fit: none is written over another


def test_a_village_the_gazetteer_lacks_is_drawn_hollow_in_its_province(tables, boundaries_dir):
    events = tables["events"].copy()
    first = events.index[0]
    events.loc[first, ["latitude", "longitude"]] = float("nan")
    events.loc[first, ["place", "geo_precision", "country", "admin1"]] = ["Unknownville", "place", "Benin", "Atakora"]
    data = visualise.map_data(events, tables["mentions"], "perpetrator")
    row = data[data["event_id"] == events.loc[first, "event_id"]].iloc[0]
    assert row["placed_at"] == "province" and 9.5 < row["latitude"] < 11.5
    assert not row["is_precise"]  # drawn hollow: the point is the province's, not the village's


@pytest.mark.parametrize("draw", ["static_map", "timeline"])
def test_the_size_legend_sits_below_a_long_colour_legend(tables, boundaries_dir, draw):
    events = tables["events"].copy()
    events["perpetrator"] = [f"Armed group number {i} with a long name" for i in range(len(events))]
    if draw == "static_map":
        figure, _ = visualise.static_map(events, tables["mentions"], "perpetrator", boundaries_dir)
    else:
        figure, _ = visualise.timeline(events, "perpetrator")
    renderer = figure.canvas.get_renderer()
    legends = [legend for ax in figure.axes for legend in ([*ax.artists, ax.get_legend()])
               if legend is not None and hasattr(legend, "get_title")]
    assert len(legends) == 2
    colours, sizes = sorted(legends, key=lambda legend: -legend.get_window_extent(renderer).y1)
    assert sizes.get_window_extent(renderer).y1 <= colours.get_window_extent(renderer).y0


def test_source_matrix_labels_and_cell_figures_never_run_into_each_other():
    sources = [f"Provincial health directorate spokesman number {i} (unattributed)" for i in range(14)]
    data = pd.DataFrame({
        "event_id": [f"ev{i % 3:02d}" for i in range(14)], "source": sources, "source_type": "government",
        "n_mentions": 1, "n_articles": 1, "killed_figures": ["≥120; 310; 1,250; 45"] * 14, "casualty_figures": "",
    })
    figure = visualise.draw_source_matrix(data)
    renderer = figure.canvas.get_renderer()
    ax = figure.axes[0]
    labels = sorted((label.get_window_extent(renderer) for label in ax.get_xticklabels() if label.get_text()),
                    key=lambda box: box.x0)
    assert len(labels) == 14
    assert all(left.x1 <= right.x0 for left, right in zip(labels, labels[1:]))  # no label over its neighbour
    cell = ax.transData.transform((1, 0))[0] - ax.transData.transform((0, 0))[0]
    figures = [text for text in ax.texts if "120" in text.get_text()]
    assert len(figures) == 14
    assert all(text.get_window_extent(renderer).width <= cell for text in figures)


def test_casualty_axis_turns_logarithmic_only_when_one_toll_dwarfs_the_typical_one(tables):
    data = visualise.casualty_ranges_data(tables["events"], tables["mentions"])
    figure = visualise.draw_casualty_ranges(data)
    assert figure.axes[0].get_xscale() == "linear"  # tolls of 7 to 45: a linear axis shows them all
    wide = data.copy()
    first = wide["event_id"] == wide["event_id"].iloc[0]
    wide.loc[first, ["killed_high", "killed_best"]] = 900.0  # one massacre among tolls of tens
    figure = visualise.draw_casualty_ranges(wide)
    ax = figure.axes[0]
    assert ax.get_xscale() == "symlog"
    figure.canvas.draw()
    labels = [label.get_text() for label in ax.get_xticklabels() if label.get_text()]
    assert labels[:4] == ["0", "1", "2", "5"] and "100" in labels  # whole people, from zero
    assert ax.get_xlim()[1] >= 900
    assert "logarithmic" in ax.get_xlabel()


@pytest.mark.parametrize("offsets", [(0, 1), (0, 3, 5)])
def test_toll_revisions_a_few_days_apart_are_ticked_by_whole_days_without_overlap(tables, offsets):
    data = visualise.toll_revisions_data(tables["events"], tables["mentions"], tables["articles"])
    one = data[data["event_id"] == "ev01"].head(len(offsets)).copy()
    assert len(one) == len(offsets)
    one["published"] = [(pd.Timestamp("2021-03-05") + pd.Timedelta(days=d)).strftime("%Y-%m-%d") for d in offsets]
    # nine events in a three-by-three grid: narrow panels, where dates a day apart would run into each other
    panels = pd.concat([one.assign(event_id=f"ev{n:02d}", mention_id=one["mention_id"] + f"-{n}") for n in range(9)],
                       ignore_index=True)
    figure = visualise.draw_toll_revisions(panels)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    for ax in figure.axes[:9]:
        labels = [label for label in ax.get_xticklabels() if label.get_text()]
        assert len(labels) >= 2 and not any(":" in label.get_text() for label in labels)  # no hours of the day
        boxes = sorted((label.get_window_extent(renderer) for label in labels), key=lambda box: box.x0)
        assert all(left.x1 <= right.x0 for left, right in zip(boxes, boxes[1:]))


def test_a_map_of_compact_countries_frames_the_countries_and_their_events():
    # Borders of one country (about 8 degrees wide): the whole country is framed, with an event just outside it.
    west, south, east, north = visualise.map_extent((35.0, 32.0, 43.0, 37.5), pd.Series([44.0]), pd.Series([33.0]))
    assert (west, south, east, north) == (35.0, 32.0, 44.0, 37.5)


def test_a_map_of_countries_spanning_the_globe_frames_the_events_not_the_borders():
    # Borders from -180 to 180 (a country across the antimeridian): the map frames the events with a margin.
    extent = visualise.map_extent((-180.0, 41.0, 180.0, 82.0), pd.Series([37.6, 47.5]), pd.Series([55.7, 42.9]))
    west, south, east, north = extent
    assert 30.0 < west < 37.6 and 47.5 < east < 55.0 and 35.0 < south < 42.9 and 55.7 < north < 62.0


def test_a_map_with_no_borders_and_one_event_keeps_a_margin_of_degrees_around_it():
    assert visualise.map_extent(None, pd.Series([10.0]), pd.Series([-5.0])) == (8.0, -7.0, 12.0, -3.0)
    assert visualise.map_extent(None, pd.Series([], dtype=float), pd.Series([], dtype=float)) == (-180.0, -60.0, 180.0, 80.0)


def test_the_interactive_map_opens_on_the_static_maps_extent_at_true_shape():
    from helpers.visualise.maps import _frame_ranges

    (west, east), (south, north) = _frame_ranges((30.0, 0.0, 40.0, 40.0), width=900, height=640)  # tall extent
    assert (south, north) == (0.0, 40.0) and west < 30.0 and east > 40.0  # widened, not cropped
    scale = math.cos(math.radians(20.0))
    assert (east - west) * scale / (north - south) == pytest.approx(900 / 640, rel=1e-3)


def test_the_interactive_maps_frame_takes_the_extents_shape_within_bounds():
    from helpers.visualise.maps import _frame_size

    assert _frame_size((0.0, -10.0, 20.0, 10.0), width=640) == (640, 640)  # square at the equator
    assert _frame_size((-100.0, 0.0, 150.0, 10.0), width=640) == (640, 320)  # a strip: the smallest height
    assert _frame_size((30.0, 0.0, 31.0, 40.0), width=640) == (640, 720)  # a column: the largest height


def test_names_of_small_neighbouring_provinces_do_not_print_over_each_other(tables, tmp_path):
    """A large province and two slivers side by side: the slivers' names would overlap, so only the larger
    province's and one sliver's name are written; names far apart are all kept."""
    folder = tmp_path / "boundaries"
    folder.mkdir()

    def box(x0, y0, x1, y1):
        return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}

    provinces = [("Wide Plains Province", box(36.0, 30.0, 44.0, 37.0)),
                 ("Narrow Strip A", box(35.0, 33.0, 35.05, 33.2)), ("Narrow Strip B", box(35.05, 33.0, 35.1, 33.2))]
    features = [{"type": "Feature", "properties": {"name": name, "admin": "Syria"}, "geometry": shape}
                for name, shape in provinces]
    (folder / "admin1_syr.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    figure, _ = visualise.static_map(tables["events"], tables["mentions"], "perpetrator", folder)
    text = _all_text(figure)
    assert "Wide Plains Province" in text
    assert ("Narrow Strip A" in text) != ("Narrow Strip B" in text)  # exactly one of the two crowded names


def test_the_interactive_map_keys_circle_sizes_at_the_sizes_it_draws():
    from helpers.visualise import maps

    key = maps.size_legend_html(100.0, largest_area=900.0)
    widths = [float(w) for w in re.findall(r"width:([\d.]+)px", key)]
    # 10, 50 and 100 killed; the largest circle is the map's largest marker (area 900 px², 30 px across)
    assert [label for label in re.findall(r"([\d,]+) killed", key)] == ["10", "50", "100"]
    assert widths[-1] == 30.0 and widths[0] < widths[1] < widths[2]
    # circle area grows with the figure: 50 killed is about half the area of 100 above the smallest marker
    assert abs((widths[1] ** 2 - 14.0) / (widths[2] ** 2 - 14.0) - 0.5) < 0.01
    assert maps.size_legend_html(0.0, largest_area=900.0) == ""

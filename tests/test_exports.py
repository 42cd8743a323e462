"""Exports: GeoJSON, UCDP-GED-like and ACLED-like tables of the reconciled events."""
from __future__ import annotations

import json

import pandas as pd

from helpers import exports
from helpers.schemas import EVENTS_COLUMNS

ACTOR_TYPES = {"Islamic State": "non-state armed group", "Syrian government forces": "state forces", "Civilians": "civilians",
               "Pro-government militia": "pro-government militia"}


def _events() -> pd.DataFrame:
    rows = [
        {"event_id": "EV0001", "date_start": "2022-03-14", "date_end": "2022-03-14", "date_precision": "day",
         "event_type": "Battles", "sub_event_type": "Armed clash", "place": "Saraqib", "admin1": "Idlib", "country": "Syria",
         "latitude": 35.8646, "longitude": 36.8037, "geo_precision": "place", "perpetrator": "Islamic State",
         "target": "Syrian government forces", "killed_low": 8, "killed_best": 12, "killed_high": 14,
         "n_sources": 2, "sources": "SOHR; activists", "article_ids": "a;b", "rationale": "Killed best 12.", "flags": "wide_spread"},
        {"event_id": "EV0002", "date_start": None, "date_end": None, "date_precision": "unknown",
         "event_type": "Violence against civilians", "sub_event_type": "Attack", "place": None, "admin1": None,
         "country": "Syria", "latitude": None, "longitude": None, "geo_precision": "country", "perpetrator": "Islamic State",
         "target": "Civilians", "killed_low": 3, "killed_best": 3, "killed_high": 3, "n_sources": 1, "sources": "c (outlet)",
         "article_ids": "c", "rationale": "Killed best 3.", "flags": ""},
    ]
    frame = pd.DataFrame(rows)
    for column in EVENTS_COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    return frame[EVENTS_COLUMNS]


def test_geojson_has_one_feature_per_event_and_null_geometry_without_coordinates():
    collection = json.loads(exports.events_geojson(_events()))
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"]["event_id"] for f in collection["features"]] == ["EV0001", "EV0002"]
    assert collection["features"][0]["geometry"] == {"type": "Point", "coordinates": [36.8037, 35.8646]}
    assert collection["features"][1]["geometry"] is None


def test_ucdp_table_puts_the_state_on_side_a_and_codes_precisions():
    table = exports.events_ucdp(_events(), ACTOR_TYPES)
    first, second = table.iloc[0], table.iloc[1]
    assert (first["side_a"], first["side_b"], first["type_of_violence"]) == ("Syrian government forces", "Islamic State", 1)
    assert (first["best"], first["low"], first["high"], first["date_prec"], first["where_prec"]) == (12, 8, 14, 1, 1)
    assert (second["side_a"], second["side_b"], second["type_of_violence"]) == ("Islamic State", "Civilians", 3)
    assert second["date_prec"] == 5 and second["where_prec"] == 6


def test_ucdp_sides_between_two_armed_groups_are_non_state():
    assert exports.ucdp_sides("Islamic State", "Pro-government militia", ACTOR_TYPES) == ("Islamic State", "Pro-government militia", 2)


def test_acled_table_uses_the_given_figure_and_codes_precisions():
    table = exports.events_acled(_events())
    assert list(table.columns) == exports.ACLED_COLUMNS
    first, second = table.iloc[0], table.iloc[1]
    assert (first["event_date"], first["time_precision"], first["geo_precision"], first["fatalities"]) == ("2022-03-14", 1, 1, 12)
    assert "Flags: wide_spread." in first["notes"]
    assert pd.isna(second["event_date"]) and pd.isna(second["time_precision"])


def test_write_exports_writes_three_files(tmp_path):
    paths = exports.write_exports(_events(), _events(), tmp_path)
    assert sorted(path.name for path in paths.values()) == ["events.geojson", "events_acled.csv", "events_ucdp.csv"]
    assert all(b"\r\n" not in path.read_bytes() for path in paths.values())


def test_exports_neutralise_every_text_cell_a_spreadsheet_would_run(tmp_path):
    import csv

    payloads = ["=HYPERLINK(\"http://evil.example\")", "+cmd|' /C calc'!A0", "-2+3+cmd", "@SUM(1+1)", "\tTAB", "\rCR"]
    events = _events()
    text_columns = ["place", "admin1", "country", "perpetrator", "target", "sources", "article_ids", "rationale",
                    "event_type", "sub_event_type"]
    for number, column in enumerate(text_columns):
        events[column] = payloads[number % len(payloads)] + " " + events[column].fillna("x").astype(str)
    paths = exports.write_exports(events, events, tmp_path)
    seen = 0
    for name in ("ucdp", "acled"):
        with paths[name].open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert len(rows) == 3, name  # a carriage return in a cell does not split its row
        for cell in (cell for row in rows for cell in row):
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), (name, cell)
            assert not cell.startswith("-") or cell.lstrip("-").replace(".", "").isdigit(), (name, cell)
            seen += cell.startswith("'")
    assert seen >= 10  # the payloads did reach the exports, neutralised
    assert json.loads(paths["geojson"].read_text())["features"][0]["properties"]["place"].startswith("=HYPERLINK")

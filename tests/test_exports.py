"""Exports: GeoJSON, and UCDP GED and ACLED rows with the codebooks' full column sets, codes and unknown values."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers import crosswalk, exports
from helpers.schemas import EVENTS_COLUMNS, read_table
from helpers.paths import DATA_DIR

ACTOR_TYPES = {"Islamic State": "non-state armed group", "Syrian government forces": "state forces", "Civilians": "civilians",
               "Pro-government militia": "pro-government militia"}
# The published column lists, in order: UCDP GED 24.1 and ACLED's current export (written here from the codebooks,
# not from the shipped files, so that a test holds the files to them).
UCDP_GED_24_1 = (
    "id relid year active_year code_status type_of_violence conflict_dset_id conflict_new_id conflict_name dyad_dset_id "
    "dyad_new_id dyad_name side_a_dset_id side_a_new_id side_a side_b_dset_id side_b_new_id side_b number_of_sources "
    "source_article source_office source_date source_headline source_original where_prec where_coordinates "
    "where_description adm_1 adm_2 latitude longitude geom_wkt priogrid_gid country country_id region event_clarity "
    "date_prec date_start date_end deaths_a deaths_b deaths_civilians deaths_unknown best high low gwnoa gwnob").split()
ACLED = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 assoc_actor_1 inter1 "
    "actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country admin1 admin2 admin3 location "
    "latitude longitude geo_precision source source_scale notes fatalities tags timestamp").split()


def _events() -> pd.DataFrame:
    rows = [
        {"event_id": "EV0001", "date_start": "2022-03-14", "date_end": "2022-03-14", "date_precision": "day",
         "event_type": "Battles", "sub_event_type": "Armed clash", "place": "Saraqib", "admin1": "Idlib", "country": "Syria",
         "latitude": 35.8646, "longitude": 36.8037, "geo_precision": "place", "perpetrator": "Islamic State",
         "target": "Syrian government forces", "killed_low": 8, "killed_best": 12, "killed_high": 14,
         "n_sources": 2, "sources": "SOHR; activists", "article_ids": "a;b", "mention_ids": "a-m01;b-m02",
         "rationale": "Killed best 12.", "flags": "wide_spread"},
        {"event_id": "EV0002", "date_start": None, "date_end": None, "date_precision": "unknown",
         "event_type": "Violence against civilians", "sub_event_type": "Attack", "place": None, "admin1": None,
         "country": "Syria", "latitude": None, "longitude": None, "geo_precision": "country", "perpetrator": "Islamic State",
         "target": "Civilians", "killed_low": 3, "killed_best": 3, "killed_high": 3, "n_sources": 1, "sources": "c (outlet)",
         "article_ids": "c", "mention_ids": "c-m01", "rationale": "Killed best 3.", "flags": ""},
        {"event_id": "EV0003", "date_start": "2022-05-01", "date_end": "2022-05-31", "date_precision": "month",
         "event_type": None, "sub_event_type": None, "place": "Beni", "admin1": "North Kivu",
         "country": "Democratic Republic of the Congo", "latitude": None, "longitude": None, "geo_precision": "place",
         "perpetrator": "Allied Democratic Forces;Unidentified armed group", "target": "Civilians;Congolese government forces",
         "killed_low": 10, "killed_best": 11, "killed_high": 20, "n_sources": 2, "sources": "Kivu Security Tracker",
         "article_ids": "d", "mention_ids": "d-m01;d-m02", "rationale": "Killed best 11.", "flags": ""},
    ]
    frame = pd.DataFrame(rows)
    for column in EVENTS_COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    return frame[EVENTS_COLUMNS]


def _articles() -> pd.DataFrame:
    return pd.DataFrame({"article_id": ["a", "b", "c", "d"], "title": ["A", "B", None, "D"], "outlet": ["AFP", None, "X", "Y"],
                         "published": ["2022-03-15", "2022-03-16", "2022-04-02", "2022-06-03"]})


def _seed_exports():
    tables = DATA_DIR / "seeds" / "tables"
    events, articles = read_table("events", tables), read_table("articles", tables)
    return exports.events_ucdp(events, articles=articles), exports.events_acled(events, articles=articles)


def test_shipped_codebook_files_list_the_published_columns_in_order():
    assert list(exports.load_codebook(exports.UCDP_CODEBOOK_PATH)["column"]) == UCDP_GED_24_1
    assert list(exports.load_codebook(exports.ACLED_CODEBOOK_PATH)["column"]) == ACLED


@pytest.mark.parametrize("which", ["synthetic", "seeds"])
def test_exports_have_the_codebook_columns_codes_and_no_blank_required_value(which):
    if which == "seeds":
        ucdp, acled = _seed_exports()
    else:
        ucdp = exports.events_ucdp(_events(), ACTOR_TYPES, articles=_articles())
        acled = exports.events_acled(_events(), ACTOR_TYPES, articles=_articles())
    for table, path in [(ucdp, exports.UCDP_CODEBOOK_PATH), (acled, exports.ACLED_CODEBOOK_PATH)]:
        codebook = exports.load_codebook(path)
        assert list(table.columns) == list(codebook["column"])
        assert len(table) >= 3
        required = codebook.loc[codebook["required"].eq("yes"), "column"]
        blank = {c: int(table[c].isna().sum()) for c in required if table[c].isna().any()}
        assert blank == {}
        for column, allowed in exports.codebook_codes(codebook).items():
            values = {str(v) for v in table[column].dropna()}
            assert values <= set(allowed), (column, values - set(allowed))


def test_country_codes_iso3_numeric_and_gleditsch_ward():
    syria = crosswalk.country("Syria")
    assert (syria.iso3, syria.iso_numeric, syria.gw_code, syria.ucdp_region, syria.acled_region) == ("SYR", 760, 652, "Middle East", "Middle East")
    congo = crosswalk.country("Democratic Republic of the Congo")
    assert (congo.iso3, congo.gw_code, congo.ucdp_country, congo.acled_country, congo.ucdp_region) == (
        "COD", 490, "DR Congo (Zaire)", "Democratic Republic of Congo", "Africa")
    palestine = crosswalk.country("Palestinian Territory")
    assert (palestine.iso3, palestine.iso_numeric, palestine.gw_code, palestine.acled_country) == ("PSE", 275, 666, "Palestine")
    assert crosswalk.country("Egypt").ucdp_region == "Middle East" and crosswalk.country("Mexico").ucdp_region == "Americas"
    assert crosswalk.country(None) == crosswalk.UNKNOWN_COUNTRY and crosswalk.country("Atlantis").iso3 == "XXX"


def test_every_country_row_has_a_valid_iso3_and_gw_code():
    import pycountry

    countries = crosswalk.load_countries()
    unknown = [code for code in countries.index if code != "XKX" and pycountry.countries.get(alpha_3=code) is None]
    assert unknown == []
    assert countries["gw_code"].astype(int).between(2, 999).all()


def test_ucdp_rows_put_the_state_on_side_a_with_its_gw_code_and_deaths_by_side():
    table = exports.events_ucdp(_events(), ACTOR_TYPES, articles=_articles()).set_index("source_article")
    clash, massacre, beni = table.loc["a; b"], table.loc["c"], table.loc["d"]
    assert (clash["side_a"], clash["side_b"], clash["type_of_violence"], clash["gwnoa"]) == ("Government of Syria", "IS", 1, "652")
    assert (clash["deaths_a"], clash["deaths_b"], clash["best"], clash["low"], clash["high"]) == (12, 0, 12, 8, 14)
    assert (clash["where_prec"], clash["date_prec"], clash["country_id"], clash["region"]) == (1, 1, 652, "Middle East")
    assert clash["geom_wkt"] == "POINT (36.8037 35.8646)" and clash["source_office"] == "AFP"
    assert (massacre["side_a"], massacre["side_b"], massacre["type_of_violence"]) == ("IS", "Civilians", 3)
    assert (massacre["deaths_civilians"], massacre["best"]) == (3, 3)
    # civilians and soldiers among the victims: their deaths cannot be split between the sides
    assert (beni["type_of_violence"], beni["side_a"], beni["side_b"], beni["deaths_unknown"]) == (1, "Government of DR Congo (Zaire)", "ADF", 11)


def test_precision_codes_agree_with_the_coordinates():
    ucdp = exports.events_ucdp(_events(), ACTOR_TYPES, articles=_articles()).set_index("source_article")
    acled = exports.events_acled(_events(), ACTOR_TYPES, articles=_articles()).set_index("location")
    # Beni is a named place without coordinates: its province's precision, and no point
    assert ucdp.loc["d", "where_prec"] == 4 and pd.isna(ucdp.loc["d", "latitude"]) and pd.isna(ucdp.loc["d", "geom_wkt"])
    assert acled.loc["Beni", "geo_precision"] == 3 and pd.isna(acled.loc["Beni", "latitude"])
    for table, column, point_codes in [(ucdp, "where_prec", {1, 2}), (acled, "geo_precision", {1, 2})]:
        assert table.loc[table[column].isin(point_codes), "latitude"].notna().all()


def test_undated_events_are_bounded_by_publication_and_undatable_ones_listed():
    ucdp = exports.events_ucdp(_events(), ACTOR_TYPES, articles=_articles()).set_index("source_article")
    acled = exports.events_acled(_events(), ACTOR_TYPES, articles=_articles()).set_index("admin1", drop=False)
    undated = ucdp.loc["c"]
    assert (undated["date_end"], undated["date_start"], undated["date_prec"], undated["event_clarity"]) == (
        "2022-04-02", "2021-04-03", 5, 2)
    row = acled[acled["admin1"].isna()].iloc[0]
    assert (row["event_date"], row["time_precision"]) == ("2022-04-02", 3) and row["notes"].startswith("Date unknown")
    no_dates = _articles().assign(published=None)
    assert list(exports.undatable_events(_events(), no_dates)["event_id"]) == ["EV0002"]
    assert len(exports.events_ucdp(_events(), ACTOR_TYPES, articles=no_dates)) == 2


def test_acled_rows_one_primary_actor_per_side_with_associates_and_inter_codes():
    acled = exports.events_acled(_events(), ACTOR_TYPES, articles=_articles()).set_index("location")
    beni = acled.loc["Beni"]
    assert (beni["actor1"], beni["assoc_actor_1"], beni["inter1"]) == (
        "ADF: Allied Democratic Forces", "Unidentified Armed Group (Democratic Republic of Congo)", 2)
    assert (beni["actor2"], beni["assoc_actor_2"], beni["inter2"], beni["interaction"]) == (
        "Military Forces of Democratic Republic of Congo", "Civilians (Democratic Republic of Congo)", 1, 12)
    assert (beni["event_type"], beni["civilian_targeting"], beni["iso"], beni["region"]) == (
        "Battles", "Civilian targeting", 180, "Middle Africa")
    assert (beni["event_date"], beni["time_precision"]) == ("2022-05-01", 3)
    saraqib = acled.loc["Saraqib"]
    assert (saraqib["actor1"], saraqib["actor2"], saraqib["interaction"], saraqib["fatalities"]) == (
        "Islamic State (Syria)", "Military Forces of Syria", 12, 12)
    assert saraqib["timestamp"] == 1647388800  # 2022-03-16, the last article's publication, 00:00 UTC
    assert "Flags: wide_spread." in saraqib["notes"]
    assert all(";" not in name for name in acled["actor1"]) and all(";" not in name for name in acled["actor2"].dropna())


def test_ids_carry_the_country_prefix_and_depend_only_on_the_event_content():
    events = _events()
    first = exports.events_acled(events, ACTOR_TYPES, articles=_articles())
    assert [i[:3] for i in sorted(first["event_id_cnty"])] == ["COD", "SYR", "SYR"]
    assert first["event_id_cnty"].str.fullmatch(r"[A-Z]{3}WB\d{9}").all()
    renumbered = events.iloc[::-1].assign(event_id=["EV0100", "EV0200", "EV0300"])
    again = exports.events_acled(renumbered.iloc[1:], ACTOR_TYPES, articles=_articles())
    assert set(again["event_id_cnty"]) < set(first["event_id_cnty"])
    ucdp = exports.events_ucdp(events, ACTOR_TYPES, articles=_articles())
    assert ucdp["relid"].str.fullmatch(r"[A-Z]{3}-\d{4}-[123]-WB\d{9}").all() and ucdp["id"].gt(9 * 10**9).all()


def test_attackers_dead_go_to_the_attackers_side_when_events_carry_them():
    events = _events().assign(attackers_killed=[5, None, None])
    ucdp = exports.events_ucdp(events, ACTOR_TYPES, articles=_articles()).set_index("source_article")
    assert (ucdp.loc["a; b", "deaths_a"], ucdp.loc["a; b", "deaths_b"], ucdp.loc["a; b", "best"], ucdp.loc["a; b", "low"]) == (12, 5, 17, 13)
    acled = exports.events_acled(events, ACTOR_TYPES, articles=_articles()).set_index("location")
    assert acled.loc["Saraqib", "fatalities"] == 17


def test_priogrid_cells_are_numbered_from_the_south_west_corner():
    assert exports.priogrid_gid(-89.75, -179.75) == 1
    assert exports.priogrid_gid(-89.75, 179.75) == 720
    assert exports.priogrid_gid(89.75, 179.75) == 259200


def test_crosswalk_covers_every_canonical_actor_with_a_note():
    from helpers.actors import load_actors

    walk = crosswalk.load_crosswalk()
    assert sorted(set(load_actors()["canonical"]) - set(walk.index)) == []
    assert walk["note"].str.len().gt(10).all()
    assert exports.missing_actors(_events()) == []
    assert exports.missing_actors(_events().assign(perpetrator="Some New Front")) == ["Some New Front"]


def test_geojson_has_one_feature_per_event_and_null_geometry_without_coordinates():
    collection = json.loads(exports.events_geojson(_events()))
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"]["event_id"] for f in collection["features"]] == ["EV0001", "EV0002", "EV0003"]
    assert collection["features"][0]["geometry"] == {"type": "Point", "coordinates": [36.8037, 35.8646]}
    assert collection["features"][1]["geometry"] is None


def test_ucdp_sides_between_two_armed_groups_are_non_state():
    sides = exports.event_sides("Islamic State", "Pro-government militia", crosswalk.country("Syria"), ACTOR_TYPES)
    assert ([a.ucdp_name for a in sides["side_a"]], [a.ucdp_name for a in sides["side_b"]], sides["type_of_violence"]) == (
        ["IS"], ["Pro-government militia"], 2)


def test_write_exports_writes_three_files_the_same_on_every_run(tmp_path):
    paths = exports.write_exports(_events(), _events(), tmp_path / "one", articles=_articles())
    again = exports.write_exports(_events(), _events(), tmp_path / "two", articles=_articles())
    assert sorted(path.name for path in paths.values()) == ["events.geojson", "events_acled.csv", "events_ucdp.csv"]
    assert all(b"\r\n" not in path.read_bytes() for path in paths.values())
    assert all(paths[k].read_bytes() == again[k].read_bytes() for k in paths)


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
        assert len(rows) == 3, name  # header and the two dated events: a carriage return in a cell does not split its row
        for cell in (cell for row in rows for cell in row):
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), (name, cell)
            assert not cell.startswith("-") or cell.lstrip("-").replace(".", "").isdigit(), (name, cell)
            seen += cell.startswith("'")
    assert seen >= 10  # the payloads did reach the exports, neutralised
    assert json.loads(paths["geojson"].read_text())["features"][0]["properties"]["place"].startswith("=HYPERLINK")

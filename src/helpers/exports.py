"""Write reconciled events in the shapes researchers already use: GeoJSON, UCDP-GED-like and ACLED-like CSV."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from helpers import schemas
from helpers.paths import DATA_DIR

ACTORS_PATH = DATA_DIR / "dictionaries" / "actors.csv"
STATE_ACTOR_TYPES = {"state forces"}
CIVILIAN_ACTOR_TYPES = {"civilians"}

# UCDP GED codebook: date_prec 1 exact day, 2 within 2-6 days, 3 week, 4 month, 5 longer;
# where_prec 1 exact place, 2 within about 25 km, 3 second-order region, 4 first-order region,
# 5 a part of the country or a named area, 6 the whole country.
UCDP_DATE_PREC = {"day": 1, "week": 3, "month": 4, "year": 5, "unknown": 5}
UCDP_WHERE_PREC = {"place": 1, "near_place": 2, "admin2": 3, "admin1": 4, "region": 5, "country": 6, "unknown": 6}
UCDP_COLUMNS = [
    "id", "date_start", "date_end", "date_prec", "where_prec", "where_coordinates", "adm_1", "country",
    "latitude", "longitude", "type_of_violence", "side_a", "side_b", "best", "low", "high",
    "source_article", "number_of_sources", "source_original", "event_type", "sub_event_type",
]
# ACLED codebook: time_precision 1 day, 2 a week or a few days, 3 a month or vaguer;
# geo_precision 1 the named town, 2 near it or a small part of a region, 3 a province or larger area.
ACLED_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
ACLED_GEO_PRECISION = {"place": 1, "near_place": 2, "admin2": 2, "admin1": 3, "region": 3, "country": 3}
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source", "fatalities", "notes",
]


def load_actor_types(path: str | Path = ACTORS_PATH) -> dict[str, str]:
    """Map each canonical actor name to its actor_type, country state forces included (helpers.actors)."""
    from helpers.actors import load_actors

    actors = load_actors(None if Path(path) == Path(ACTORS_PATH) else str(path))
    return dict(zip(actors["canonical"], actors["actor_type"]))


def events_geojson(events: pd.DataFrame) -> str:
    """Return the events as a GeoJSON FeatureCollection (events without coordinates keep a null geometry)."""
    import geopandas as gpd

    frame = events.copy()
    latitude = pd.to_numeric(frame["latitude"], errors="coerce")
    longitude = pd.to_numeric(frame["longitude"], errors="coerce")
    geometry = gpd.points_from_xy(longitude.astype("float64"), latitude.astype("float64"))
    geometry = [point if pd.notna(lat) and pd.notna(lon) else None for point, lat, lon in zip(geometry, latitude, longitude)]
    properties = frame.drop(columns=["latitude", "longitude"]).astype(object).where(frame.drop(columns=["latitude", "longitude"]).notna(), None)
    gdf = gpd.GeoDataFrame(properties, geometry=geometry, crs="EPSG:4326")
    collection = json.loads(gdf.to_json(drop_id=True, na="null", to_wgs84=False))
    collection.pop("crs", None)
    return json.dumps(collection, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _names(value: object) -> list[str]:
    """Names of a ';'-joined field."""
    if value is None or pd.isna(value):
        return []
    return [part.strip() for part in str(value).split(";") if part.strip()]


def ucdp_sides(perpetrator: object, target: object, actor_types: dict[str, str]) -> tuple[str, str, int | None]:
    """Return side_a, side_b and UCDP type_of_violence (1 state-based, 2 non-state, 3 one-sided) of an event.

    UCDP puts the government on side_a in state-based violence and the perpetrator on side_a of one-sided
    violence against civilians.
    """
    perpetrators, targets = _names(perpetrator), _names(target)
    kind = lambda names, kinds: [name for name in names if actor_types.get(name) in kinds]  # noqa: E731
    state_targets, state_perpetrators = kind(targets, STATE_ACTOR_TYPES), kind(perpetrators, STATE_ACTOR_TYPES)
    if state_perpetrators or state_targets:
        side_a = state_perpetrators or state_targets
        side_b = [name for name in (targets if state_perpetrators else perpetrators) if name not in side_a]
        return ";".join(side_a), ";".join(side_b), 1
    if targets and kind(targets, CIVILIAN_ACTOR_TYPES) == targets:
        return ";".join(perpetrators), ";".join(targets), 3
    if not perpetrators and not targets:
        return "", "", None
    return ";".join(perpetrators), ";".join(targets), 2


def events_ucdp(events: pd.DataFrame, actor_types: dict[str, str] | None = None) -> pd.DataFrame:
    """Return a UCDP-GED-like table: one row per event with best/low/high deaths and UCDP precision codes."""
    actor_types = load_actor_types() if actor_types is None else actor_types
    sides = [ucdp_sides(p, t, actor_types) for p, t in zip(events["perpetrator"], events["target"])]
    out = pd.DataFrame({
        "id": events["event_id"],
        "date_start": events["date_start"],
        "date_end": events["date_end"],
        "date_prec": events["date_precision"].map(UCDP_DATE_PREC).astype("Int64"),
        "where_prec": events["geo_precision"].map(UCDP_WHERE_PREC).astype("Int64"),
        "where_coordinates": events["place"].fillna(events["admin1"]).fillna(events["country"]),
        "adm_1": events["admin1"],
        "country": events["country"],
        "latitude": events["latitude"],
        "longitude": events["longitude"],
        "type_of_violence": pd.array([kind for _, _, kind in sides], dtype="Int64"),
        "side_a": [a or pd.NA for a, _, _ in sides],
        "side_b": [b or pd.NA for _, b, _ in sides],
        "best": events["killed_best"],
        "low": events["killed_low"],
        "high": events["killed_high"],
        "source_article": events["article_ids"],
        "number_of_sources": events["n_sources"],
        "source_original": events["sources"],
        "event_type": events["event_type"],
        "sub_event_type": events["sub_event_type"],
    })
    return out[UCDP_COLUMNS].sort_values("id", kind="mergesort").reset_index(drop=True)


def events_acled(events: pd.DataFrame) -> pd.DataFrame:
    """Return an ACLED-like table: one row per event, `fatalities` the conservative figure of the events given.

    Pass events reconciled with rules='acled' so that fatalities is ACLED's lowest independent figure.
    """
    known = events["date_precision"].isin(list(ACLED_TIME_PRECISION))
    notes = events["rationale"].fillna("")
    flags = events["flags"].fillna("")
    notes = notes.where(flags.eq(""), notes + " Flags: " + flags.str.replace(";", ", ", regex=False) + ".")
    out = pd.DataFrame({
        "event_id_cnty": events["event_id"],
        "event_date": events["date_start"].where(known),
        "time_precision": events["date_precision"].map(ACLED_TIME_PRECISION).astype("Int64"),
        "event_type": events["event_type"],
        "sub_event_type": events["sub_event_type"],
        "actor1": events["perpetrator"],
        "actor2": events["target"],
        "country": events["country"],
        "admin1": events["admin1"],
        "location": events["place"],
        "latitude": events["latitude"],
        "longitude": events["longitude"],
        "geo_precision": events["geo_precision"].map(ACLED_GEO_PRECISION).astype("Int64"),
        "source": events["sources"],
        "fatalities": events["killed_best"],
        "notes": notes,
    })
    return out[ACLED_COLUMNS].sort_values("event_id_cnty", kind="mergesort").reset_index(drop=True)


def write_exports(events: pd.DataFrame, acled_events: pd.DataFrame, tables_dir: str | Path) -> dict[str, Path]:
    """Write events.geojson, events_ucdp.csv and events_acled.csv (sorted, UTF-8, LF) and return their paths."""
    tables_dir = Path(tables_dir)
    tables_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "geojson": tables_dir / "events.geojson",
        "ucdp": tables_dir / "events_ucdp.csv",
        "acled": tables_dir / "events_acled.csv",
    }
    paths["geojson"].write_text(events_geojson(events), encoding="utf-8", newline="\n")
    schemas.write_csv(events_ucdp(events), paths["ucdp"])
    schemas.write_csv(events_acled(acled_events), paths["acled"])
    return paths

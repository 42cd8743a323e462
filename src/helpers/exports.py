"""Write reconciled events in the shapes researchers already use: GeoJSON, and UCDP GED and ACLED rows.

The UCDP and ACLED tables carry every column of the published codebooks, in their order and codes, so that
their rows can be appended to downloaded data. The column lists, codes and "unknown" values are reviewable
files (data/exports/ucdp_ged_columns.csv, acled_columns.csv); countries and actors go through
helpers.crosswalk. No value depends on when the export runs.
"""
from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import pandas as pd

from helpers import crosswalk, schemas
from helpers.paths import DATA_DIR

ACTORS_PATH = DATA_DIR / "dictionaries" / "actors.csv"
UCDP_CODEBOOK_PATH = crosswalk.EXPORTS_DATA / "ucdp_ged_columns.csv"
ACLED_CODEBOOK_PATH = crosswalk.EXPORTS_DATA / "acled_columns.csv"
CODEBOOK_COLUMNS = ["position", "column", "type", "required", "unknown", "codes", "description", "note"]
ID_DIGITS = 9
# The workbook's place precisions, to UCDP's where_prec and ACLED's geo_precision (codes: the codebook files).
UCDP_WHERE_PREC = {"place": 1, "near_place": 2, "admin2": 3, "admin1": 4, "region": 5, "country": 6, "unknown": 6}
ACLED_GEO_PRECISION = {"place": 1, "near_place": 2, "admin2": 2, "admin1": 3, "region": 3, "country": 3, "unknown": 3}
POINT_PRECISIONS = {"place", "near_place"}
DISORDER_TYPE = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
                 "Violence against civilians": "Political violence", "Riots": "Political violence",
                 "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}
CIVILIANS = "Civilians"
UNDATED_SPAN_DAYS = 364


def load_codebook(path: str | Path) -> pd.DataFrame:
    """Read a shipped codebook column list (position, column, type, required, unknown, codes, ...)."""
    frame = pd.read_csv(path, dtype="string", keep_default_na=False, encoding="utf-8")
    if list(frame.columns) != CODEBOOK_COLUMNS:
        raise ValueError(f"{Path(path).name} must have columns {CODEBOOK_COLUMNS}, got {list(frame.columns)}")
    if [int(p) for p in frame["position"]] != list(range(1, len(frame) + 1)):
        raise ValueError(f"{Path(path).name}: positions must run 1..{len(frame)} in order")
    return frame


def codebook_codes(codebook: pd.DataFrame) -> dict[str, list[str]]:
    """The allowed values of each coded column ('1=label|2=label' or 'a|b'), plus its unknown value."""
    out = {}
    for row in codebook.itertuples(index=False):
        if row.codes.strip():
            values = [part.split("=", 1)[0].strip() for part in row.codes.split("|")]
            out[row.column] = values + ([row.unknown] if row.unknown.strip() else [])
    return out


UCDP_COLUMNS = list(load_codebook(UCDP_CODEBOOK_PATH)["column"])
ACLED_COLUMNS = list(load_codebook(ACLED_CODEBOOK_PATH)["column"])


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
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return []
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _number(value: object) -> float | None:
    number = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    return None if pd.isna(number) else float(number)


# ---------------------------------------------------------------------------------------------------------
# Ids, dates and places shared by both exports


def export_numbers(events: pd.DataFrame) -> pd.Series:
    """Return a stable nine-digit number per event, from a hash of its sorted mention ids (its content).

    The number does not depend on the event's position or on EV numbering, so it is the same between runs
    and when other events come or go; a collision is resolved by rehashing with a counter, in event order.
    """
    keys = [";".join(sorted(_names(m))) or str(e) for m, e in zip(events.get("mention_ids", events["event_id"]), events["event_id"])]
    order = sorted(range(len(keys)), key=lambda i: keys[i])
    taken: set[int] = set()
    numbers = [0] * len(keys)
    for i in order:
        salt = 0
        while True:
            digest = hashlib.sha256(f"{keys[i]}#{salt}".encode()).hexdigest()
            number = int(digest, 16) % 10**ID_DIGITS
            if number not in taken:
                break
            salt += 1
        taken.add(number)
        numbers[i] = number
    return pd.Series(numbers, index=events.index, dtype="int64")


def _publication_dates(events: pd.DataFrame, articles: pd.DataFrame | None) -> list[list[str]]:
    """The known publication dates (ISO) of each event's articles, sorted."""
    published = {} if articles is None else {
        a: str(p)[:10] for a, p in zip(articles["article_id"], articles["published"]) if pd.notna(p) and str(p).strip()
    }
    return [sorted(published[a] for a in _names(ids) if a in published) for ids in events["article_ids"]]


def bounded_dates(events: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    """Return date_start, date_end and `undated` per event: an undated event ends on its first report's
    publication date (it happened no later) and starts UNDATED_SPAN_DAYS before; NaT when no report is dated."""
    start = pd.to_datetime(events["date_start"], errors="coerce")
    end = pd.to_datetime(events["date_end"], errors="coerce").fillna(start)
    first_published = pd.to_datetime(pd.Series([dates[0] if dates else None for dates in _publication_dates(events, articles)],
                                               index=events.index, dtype="object"), errors="coerce")
    undated = start.isna()
    end = end.where(~undated, first_published)
    start = start.where(~undated, end - pd.Timedelta(days=UNDATED_SPAN_DAYS))
    return pd.DataFrame({"date_start": start, "date_end": end, "undated": undated}, index=events.index)


def undatable_events(events: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    """The events the exports leave out: no date, and no dated article to bound it (listed in notebook 03)."""
    dates = bounded_dates(events, articles)
    return events.loc[dates["date_end"].isna(), ["event_id", "article_ids", "mention_ids"]].reset_index(drop=True)


def point_precision(events: pd.DataFrame) -> pd.Series:
    """The event's geo_precision made consistent with its coordinates: a place-level precision needs a point;
    without one the event falls back to its province, else its country."""
    has_point = pd.to_numeric(events["latitude"], errors="coerce").notna() & pd.to_numeric(events["longitude"], errors="coerce").notna()
    precision = events["geo_precision"].astype("string").fillna("unknown")
    fallback = pd.Series("country", index=events.index, dtype="string").where(events["admin1"].isna(), "admin1")
    return precision.where(has_point | ~precision.isin(list(POINT_PRECISIONS)), fallback)


def priogrid_gid(latitude: float | None, longitude: float | None) -> int | None:
    """PRIO-GRID cell id of a point: 0.5-degree cells numbered row by row from (-90, -180), starting at 1."""
    if latitude is None or longitude is None:
        return None
    row = min(int(math.floor((latitude + 90) / 0.5)), 359)
    col = min(int(math.floor((longitude + 180) / 0.5)), 719)
    return row * 720 + col + 1


def _ucdp_date_prec(days: int) -> int:
    """UCDP date_prec of an interval of `days` days after its first: 1 a day, 2 2-6 days, 3 a week, 4 a month, 5 more."""
    if days <= 0:
        return 1
    if days <= 5:
        return 2
    if days <= 7:
        return 3
    if days <= 31:
        return 4
    return 5


def _acled_time_precision(days: int) -> int:
    """ACLED time_precision: 1 the day, 2 within a week, 3 a month or vaguer."""
    return 1 if days <= 0 else 2 if days <= 7 else 3


# ---------------------------------------------------------------------------------------------------------
# Sides


TARGET_PRIORITY = {1: 0, 8: 1, 3: 2, 4: 3, 2: 4, 7: 5}


def _primary_first(actors: list[crosswalk.Actor], *, targets: bool) -> list[crosswalk.Actor]:
    """Order a side's actors: the primary first. Perpetrators keep the reports' order with named actors before
    'Unidentified...'; targets put state forces first and civilians last (ACLED's practice)."""
    if targets:
        return sorted(actors, key=lambda a: TARGET_PRIORITY.get(a.acled_inter, 6))
    return sorted(actors, key=lambda a: a.canonical.lower().startswith("unidentified"))


def event_sides(perpetrator: object, target: object, country: crosswalk.Country,
                actor_types: dict[str, str] | None = None) -> dict:
    """Return both sides of an event in the crosswalk's terms: perpetrators and targets (primary first), the
    UCDP side A and B, type_of_violence, and where the victims and the attackers' dead go."""
    perps = _primary_first([crosswalk.actor(n, country, actor_types) for n in _names(perpetrator)], targets=False)
    targs = _primary_first([crosswalk.actor(n, country, actor_types) for n in _names(target)], targets=True)
    civilian_targets = [a for a in targs if a.acled_inter == 7]
    government_perps = [a for a in perps if a.state is not None]
    government_targs = [a for a in targs if a.state is not None]
    if government_perps or government_targs:
        kind = 1
        a_is_perp = bool(government_perps)
    elif targs and len(civilian_targets) == len(targs):
        kind, a_is_perp = 3, True
    elif perps or targs:
        kind, a_is_perp = 2, True
    else:
        kind, a_is_perp = -1, True
    side_a, side_b = (perps, targs) if a_is_perp else (targs, perps)
    if kind == 1 and a_is_perp:
        side_a = government_perps + [a for a in perps if a not in government_perps]
    if kind == 1 and not a_is_perp:
        side_a = government_targs + [a for a in targs if a not in government_targs]
    if civilian_targets and len(civilian_targets) == len(targs):
        victims = "civilians"
    elif civilian_targets:
        victims = "unknown"
    elif not targs:
        victims = "unknown"
    else:
        victims = "b" if a_is_perp else "a"
    return {"perpetrators": perps, "targets": targs, "side_a": side_a, "side_b": side_b, "type_of_violence": kind,
            "victims": victims, "attackers": "a" if a_is_perp else "b"}


def _ucdp_name(side: list[crosswalk.Actor]) -> str:
    return side[0].ucdp_name if side else "Unknown"


def missing_actors(events: pd.DataFrame) -> list[str]:
    """Canonical actors of the events that the crosswalk lacks (exported under their workbook names)."""
    known = set(crosswalk.load_crosswalk().index)
    names = {n for column in ("perpetrator", "target") for value in events[column] for n in _names(value)}
    return sorted(names - known)


def _deaths(row, sides: dict, has_attackers: bool) -> dict[str, int]:
    """Deaths by side: the victims on the target's side (civilians; unknown when targets mix or are unnamed)
    and the attackers' own dead (attackers_killed, when the events carry it) on the attacker's side."""
    victims = {key: _number(getattr(row, key)) for key in ("killed_low", "killed_best", "killed_high")}
    best = int(round(victims["killed_best"] or 0))
    attackers = int(round(_number(getattr(row, "attackers_killed")) or 0)) if has_attackers else 0
    deaths = {"deaths_a": 0, "deaths_b": 0, "deaths_civilians": 0, "deaths_unknown": 0}
    deaths[{"civilians": "deaths_civilians", "unknown": "deaths_unknown", "a": "deaths_a", "b": "deaths_b"}[sides["victims"]]] += best
    deaths["deaths_a" if sides["attackers"] == "a" else "deaths_b"] += attackers
    low = int(round(victims["killed_low"] if victims["killed_low"] is not None else best)) + attackers
    high = int(round(victims["killed_high"] if victims["killed_high"] is not None else best)) + attackers
    return {**deaths, "best": best + attackers, "low": min(low, best + attackers), "high": max(high, best + attackers)}


def _joined(values) -> str:
    return "; ".join(v for v in values if v)


def _article_field(articles: pd.DataFrame | None, ids: object, column: str) -> str:
    if articles is None or column not in articles.columns:
        return ""
    lookup = dict(zip(articles["article_id"], articles[column]))
    return _joined(str(lookup[a]) for a in _names(ids) if a in lookup and pd.notna(lookup[a]) and str(lookup[a]).strip())


# ---------------------------------------------------------------------------------------------------------
# The two exports


def _prepared(events: pd.DataFrame, articles: pd.DataFrame | None, actor_types: dict[str, str] | None):
    """The events that can be dated, with their bounded dates, consistent precision, ids and codes."""
    actor_types = load_actor_types() if actor_types is None else actor_types
    frame = events.reset_index(drop=True)
    dates = bounded_dates(frame, articles)
    keep = dates["date_end"].notna()
    frame, dates = frame[keep].reset_index(drop=True), dates[keep].reset_index(drop=True)
    frame = frame.assign(x_number=export_numbers(frame), x_precision=point_precision(frame))
    countries = [crosswalk.country(name) for name in frame["country"]]
    sides = [event_sides(p, t, c, actor_types) for p, t, c in zip(frame["perpetrator"], frame["target"], countries)]
    return frame, dates, countries, sides


def events_ucdp(events: pd.DataFrame, actor_types: dict[str, str] | None = None,
                articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return UCDP GED rows: every codebook column in its order and codes, one row per datable event."""
    frame, dates, countries, sides = _prepared(events, articles, actor_types)
    has_attackers = "attackers_killed" in frame.columns
    rows = []
    for row, (start, end, undated), place, side in zip(frame.itertuples(index=False), dates.itertuples(index=False),
                                                       countries, sides):
        days = (end - start).days
        kind = side["type_of_violence"]
        lat, lon = _number(row.latitude), _number(row.longitude)
        precision = row.x_precision
        if precision not in POINT_PRECISIONS or lat is None or lon is None:
            lat = lon = None
        side_a, side_b = _ucdp_name(side["side_a"]), _ucdp_name(side["side_b"])
        if kind == 3:
            side_b = CIVILIANS
        dyad = f"{side_a} - {side_b}"
        deaths = _deaths(row, side, has_attackers)
        gov = lambda s: str(s[0].state.gw_code) if s and s[0].state is not None and s[0].state.gw_code > 0 else ""  # noqa: E731
        where = [v for v in (row.place, row.admin1, row.country) if isinstance(v, str) and v.strip()]
        vague = undated or days > 7 or precision in {"country", "region", "unknown"}
        rows.append({
            "id": 9 * 10**ID_DIGITS + int(row.x_number),
            "relid": f"{place.iso3}-{start.year}-{kind}-WB{int(row.x_number):0{ID_DIGITS}d}",
            "year": start.year,
            "active_year": None,  # filled below, over the dyad-year
            "code_status": "Check",
            "type_of_violence": kind,
            "conflict_dset_id": -1, "conflict_new_id": -1,
            "conflict_name": dyad if kind in (2, 3) else "Unknown",
            "dyad_dset_id": -1, "dyad_new_id": -1, "dyad_name": dyad,
            "side_a_dset_id": -1, "side_a_new_id": -1, "side_a": side_a,
            "side_b_dset_id": -1, "side_b_new_id": -1, "side_b": side_b,
            "number_of_sources": int(_number(row.n_sources) or 0),
            "source_article": _joined(_names(row.article_ids)),
            "source_office": _article_field(articles, row.article_ids, "outlet"),
            "source_date": _article_field(articles, row.article_ids, "published"),
            "source_headline": _article_field(articles, row.article_ids, "title"),
            "source_original": _joined(_names(row.sources)) or "Unknown",
            "where_prec": UCDP_WHERE_PREC.get(precision, 6),
            "where_coordinates": where[0] if where else "Unknown",
            "where_description": ", ".join(where),
            "adm_1": row.admin1 if isinstance(row.admin1, str) else "",
            "adm_2": "",
            "latitude": lat, "longitude": lon,
            "geom_wkt": f"POINT ({lon} {lat})" if lat is not None else "",
            "priogrid_gid": priogrid_gid(lat, lon),
            "country": place.ucdp_country, "country_id": place.gw_code, "region": place.ucdp_region,
            "event_clarity": 2 if vague else 1,
            "date_prec": 5 if undated else _ucdp_date_prec(days),
            "date_start": start.strftime("%Y-%m-%d"), "date_end": end.strftime("%Y-%m-%d"),
            **{k: deaths[k] for k in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low")},
            "gwnoa": gov(side["side_a"]) if kind == 1 else "",
            "gwnob": gov(side["side_b"]) if kind == 1 else "",
        })
    out = pd.DataFrame(rows, columns=UCDP_COLUMNS)
    if len(out):
        dyad_year = out.groupby(["dyad_name", "year"])["best"].transform("sum")
        out["active_year"] = dyad_year.ge(25).map({True: "TRUE", False: "FALSE"})
    out = _typed(out, load_codebook(UCDP_CODEBOOK_PATH))
    return out.sort_values("id", kind="mergesort").reset_index(drop=True)


def events_acled(events: pd.DataFrame, actor_types: dict[str, str] | None = None,
                 articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return ACLED rows: every codebook column in its order and codes, one row per datable event.

    Pass events reconciled with rules='acled' so that fatalities is ACLED's conservative figure. ACLED counts
    the dead of both sides: where the events carry `attackers_killed` (helpers.sides), `fatalities` is the
    victims' figure plus the attackers' own dead.
    """
    frame, dates, countries, sides = _prepared(events, articles, actor_types)
    has_attackers = "attackers_killed" in frame.columns
    published = _publication_dates(frame, articles)
    rows = []
    for row, (start, end, undated), place, side, pub in zip(frame.itertuples(index=False), dates.itertuples(index=False),
                                                            countries, sides, published):
        days = (end - start).days
        perps, targs = side["perpetrators"], side["targets"]
        actor1 = perps[0].acled_name if perps else f"Unidentified Armed Group ({place.acled_country})"
        inter1 = perps[0].acled_inter if perps else 3
        inter2 = targs[0].acled_inter if targs else None
        interaction = inter1 * 10 if inter2 is None else min(inter1, inter2) * 10 + max(inter1, inter2)
        event_type = row.event_type if isinstance(row.event_type, str) and row.event_type.strip() else (
            "Violence against civilians" if side["victims"] == "civilians" else "Battles")
        sub_event_type = row.sub_event_type if isinstance(row.sub_event_type, str) and row.sub_event_type.strip() else (
            "Attack" if event_type == "Violence against civilians" else "Armed clash")
        lat, lon = _number(row.latitude), _number(row.longitude)
        precision = row.x_precision
        if precision not in POINT_PRECISIONS or lat is None or lon is None:
            lat = lon = None
        notes = str(row.rationale) if isinstance(row.rationale, str) else ""
        flags = str(row.flags) if isinstance(row.flags, str) else ""
        if flags:
            notes += " Flags: " + flags.replace(";", ", ") + "."
        if undated:
            notes = "Date unknown: coded to the first report's publication date. " + notes
        date = end if undated else start
        deaths = _deaths(row, side, has_attackers)
        where = [v for v in (row.place, row.admin1, row.country) if isinstance(v, str) and v.strip()]
        last = pd.Timestamp(pub[-1], tz="UTC") if pub else None
        rows.append({
            "event_id_cnty": f"{place.iso3}WB{int(row.x_number):0{ID_DIGITS}d}",
            "event_date": date.strftime("%Y-%m-%d"),
            "year": date.year,
            "time_precision": 3 if undated else _acled_time_precision(days),
            "disorder_type": DISORDER_TYPE.get(event_type, "Political violence"),
            "event_type": event_type, "sub_event_type": sub_event_type,
            "actor1": actor1, "assoc_actor_1": _joined(a.acled_name for a in perps[1:]), "inter1": inter1,
            "actor2": targs[0].acled_name if targs else "", "assoc_actor_2": _joined(a.acled_name for a in targs[1:]),
            "inter2": inter2, "interaction": interaction,
            "civilian_targeting": "Civilian targeting" if any(a.acled_inter == 7 for a in targs) else "",
            "iso": place.iso_numeric, "region": place.acled_region, "country": place.acled_country,
            "admin1": row.admin1 if isinstance(row.admin1, str) else "", "admin2": "", "admin3": "",
            "location": where[0] if where else "Unknown",
            "latitude": lat, "longitude": lon,
            "geo_precision": ACLED_GEO_PRECISION.get(precision, 3),
            "source": _joined(_names(row.sources)) or "Unknown",
            "source_scale": "Other",
            "notes": notes.strip(),
            "fatalities": deaths["best"],
            "tags": "",
            "timestamp": int(last.timestamp()) if last is not None else 0,
        })
    out = _typed(pd.DataFrame(rows, columns=ACLED_COLUMNS), load_codebook(ACLED_CODEBOOK_PATH))
    return out.sort_values("event_id_cnty", kind="mergesort").reset_index(drop=True)


def _typed(frame: pd.DataFrame, codebook: pd.DataFrame) -> pd.DataFrame:
    """Give each column the codebook's type: nullable integers, floats, and text with blanks as missing."""
    out = frame.copy()
    for column, kind in zip(codebook["column"], codebook["type"]):
        if kind == "integer":
            out[column] = pd.array(pd.to_numeric(out[column], errors="coerce"), dtype="Int64")
        elif kind == "float":
            out[column] = pd.to_numeric(out[column], errors="coerce").astype("float64")
        else:
            out[column] = out[column].astype("string").replace("", pd.NA)
    return out


def write_exports(events: pd.DataFrame, acled_events: pd.DataFrame, tables_dir: str | Path,
                  articles: pd.DataFrame | None = None) -> dict[str, Path]:
    """Write events.geojson, events_ucdp.csv and events_acled.csv (sorted, UTF-8, LF) and return their paths."""
    tables_dir = Path(tables_dir)
    tables_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "geojson": tables_dir / "events.geojson",
        "ucdp": tables_dir / "events_ucdp.csv",
        "acled": tables_dir / "events_acled.csv",
    }
    paths["geojson"].write_text(events_geojson(events), encoding="utf-8", newline="\n")
    schemas.write_csv(events_ucdp(events, articles=articles), paths["ucdp"])
    schemas.write_csv(events_acled(acled_events, articles=articles), paths["acled"])
    return paths

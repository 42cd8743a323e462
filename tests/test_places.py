"""Tests of the offline gazetteer on names and phrases written for the tests (not taken from the seed articles)."""
from __future__ import annotations

import csv
import json

import pytest

from helpers import places
from helpers.paths import DATA_DIR
from helpers.places import (
    BOUNDARY_FILES,
    DEFAULT_COUNTRIES,
    Gazetteer,
    Place,
    add_entity_rulers,
    admin1_of,
    load_boundaries,
    normalise_toponym,
    resolve_location_phrase,
)

GAZETTEER_DIR = DATA_DIR / "gazetteer"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _read(name: str) -> list[dict[str, str]]:
    with open(GAZETTEER_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _phrase(text: str, gazetteer: Gazetteer) -> list[tuple[str, str, str]]:
    return [(place.name, place.kind, precision) for place, precision in resolve_location_phrase(text, gazetteer)]


# -- normalise_toponym ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("variants", [
    ["Deir ez-Zor", "Deir Ezzor", "Deir el-Zour", "Dayr az Zawr", "DAYR AZ-ZAWR", "Dair al-Zor"],
    ["Mayadeen", "Mayadin", "Al Mayādīn", "al-Mayadin", "el-Mayadeen"],
    ["Raqqa", "Raqa", "Ar Raqqah", "ar-Raqqa", "Al-Raqqah"],
    ["Shula", "Al-Shola", "ash-Shula", "Shoula"],
    ["Tell Abyad", "Tal Abyad", "Tall Abyaḑ"],
    ["Hasakah", "Hasakeh", "Al-Hassakeh", "al Hasaka"],
    ["Dar'a", "Dara", "Dar‘ā", "Dara`"],
])
def test_transliteration_variants_share_one_key(variants):
    keys = {normalise_toponym(variant) for variant in variants}
    assert len(keys) == 1, keys


def test_arabic_article_prefixes_are_stripped():
    for prefixed, bare in [("as-Sukhnah", "Sukhnah"), ("Ad Dumayr", "Dumayr"), ("an-Nabk", "Nabk"),
                           ("at-Tanf", "Tanf"), ("el-Bab", "Bab"), ("Deir Ezzor", "Deir Zor")]:
        assert normalise_toponym(prefixed) == normalise_toponym(bare)


def test_article_alone_and_leading_the():
    assert normalise_toponym("Al") == "al"
    assert normalise_toponym("the Badia") == normalise_toponym("Badia")
    assert normalise_toponym("") == ""


def test_different_names_stay_different():
    assert normalise_toponym("Homs") != normalise_toponym("Hama")
    assert normalise_toponym("Idlib") != normalise_toponym("Aleppo")
    assert normalise_toponym("Raqqa") != normalise_toponym("Rutba")


# -- lookup and resolve -----------------------------------------------------------------------------------------


def test_transliterations_resolve_to_the_same_place(gazetteer):
    ids = {gazetteer.resolve(name).place_id for name in ["Dayr az Zawr", "Deir el-Zour", "Deir Ezzor"]}
    assert ids == {"geonames:170794"}
    assert gazetteer.resolve("Boukamal").place_id == gazetteer.resolve("Abu Kamal").place_id


def test_place_fields(gazetteer):
    palmyra = gazetteer.resolve("Tadmor")
    assert isinstance(palmyra, Place)
    assert (palmyra.name, palmyra.admin1, palmyra.country, palmyra.kind) == ("Palmyra", "Homs", "Syria", "place")
    assert 34.0 < palmyra.latitude < 35.0 and 38.0 < palmyra.longitude < 38.6
    assert gazetteer.resolve("Palmyra") == palmyra


def test_curated_village_missing_from_geonames(gazetteer):
    shula = gazetteer.resolve("al-Shola")
    assert shula.place_id == "extra:sy-shula"
    assert shula.admin1 == "Deir ez-Zor"  # by point-in-polygon from its curated coordinates
    assert shula.is_approximate


def test_province_names_resolve_to_admin1(gazetteer):
    for name in ["Raqqa province", "Dayr az Zawr governorate", "the province of Homs", "Anbar"]:
        place = gazetteer.resolve(name)
        assert place.kind == "admin1", name
    assert gazetteer.resolve("Deir el-Zour province").place_id == "admin1:SY.07"


def test_city_sharing_its_province_name(gazetteer):
    assert gazetteer.resolve("Hasakeh").kind == "place"
    assert gazetteer.resolve("the city of Hasakeh").kind == "place"
    assert gazetteer.resolve("Hasakeh province").kind == "admin1"
    assert [place.kind for place in gazetteer.lookup("Homs")][:2] == ["place", "admin1"]


def test_a_town_inside_the_province_of_its_name_is_in_that_province(gazetteer):
    from helpers.places import _province_of_its_name

    # a town record whose alternate name is a province's, at a point inside that province (GeoNames' code aside)
    town = {"name": "Qasr Zorbani", "alternatenames": ["Karak", "Kerak"]}
    assert _province_of_its_name(town, "JO", 31.18, 35.70) == "Karak"
    assert _province_of_its_name(town, "JO", 31.95, 35.93) is None  # a namesake in Amman keeps its own code
    assert _province_of_its_name({"name": "Zorbani", "alternatenames": []}, "JO", 31.18, 35.70) is None
    # the shipped subset: the Karak governorate's seat, which GeoNames codes to Ma'an
    assert (gazetteer.resolve("the city of Karak").admin1, gazetteer.resolve("Al-Karak").admin1) == ("Karak", "Karak")


def test_unknown_name_returns_nothing(gazetteer):
    assert gazetteer.lookup("Qwertyville") == []
    assert gazetteer.resolve("Qwertyville") is None


def test_fuzzy_matching_is_a_guarded_fallback(gazetteer):
    assert gazetteer.resolve("Fallujha").name == "Fallujah"  # one-letter slip in a long name
    assert gazetteer.resolve("Hamx") is None  # too short to guess
    assert gazetteer.resolve("Hama").name == "Hama"  # exact keys never go through fuzzy matching


def test_ambiguity_resolved_by_context(gazetteer):
    assert gazetteer.resolve("Ariha").admin1 == "Idlib"  # focus country first
    assert gazetteer.resolve("Ariha", context_country="PS").name == "Jericho"
    assert gazetteer.resolve("Dhiban", context_country="Jordan").admin1 == "Madaba"
    assert gazetteer.resolve("Dhiban", context_admin1="Deir Ezzor").country == "Syria"
    assert gazetteer.resolve("Busra", context_admin1="Daraa").country == "Syria"


def test_load_is_cached():
    assert Gazetteer.load() is Gazetteer.load(countries=reversed(DEFAULT_COUNTRIES))


# -- admin1 by point-in-polygon ---------------------------------------------------------------------------------


def test_admin1_of_points():
    assert admin1_of(35.95, 39.01) == ("Raqqa", "Syria")
    assert admin1_of(36.34, 43.12) == ("Nineveh", "Iraq")
    assert admin1_of(34.0, 33.0) == (None, None)  # the Mediterranean


def test_boundaries_carry_display_names():
    syria = load_boundaries(["SY"])
    assert len(syria) == 14  # 14 governorates; the UN zone polygon is dissolved into Quneitra
    assert {"Deir ez-Zor", "Raqqa", "Homs", "Quneitra"} <= set(syria["admin1"])
    assert syria["admin1_id"].is_unique


def test_admin1_of_keeps_a_border_town_in_its_country():
    assert admin1_of(36.6975, 38.9535, country_code="SY") == ("Raqqa", "Syria")


# -- spaCy patterns ---------------------------------------------------------------------------------------------


def test_entity_patterns_cover_variants(gazetteer):
    patterns = {p["pattern"]: p for p in gazetteer.entity_patterns()}
    for surface in ["deir ez-zor", "deir ezzor", "al-shola", "shola", "al shula"]:
        assert surface in patterns, surface
    assert patterns["deir ezzor"]["id"] == "geonames:170794"
    assert patterns["deir ez-zor province"]["id"] == "admin1:SY.07"
    assert patterns["badia"]["label"] == "LOC"
    assert "hit" not in patterns and "van" not in patterns
    assert all(p["id"] in gazetteer.places for p in patterns.values())
    assert len(patterns) < 15000


def test_case_sensitive_patterns_are_separate(gazetteer):
    cased = {p["pattern"]: p["id"] for p in gazetteer.entity_patterns(case_sensitive=True)}
    assert cased["Hit"] == gazetteer.resolve("Hit").place_id
    assert "hit" not in cased
    assert gazetteer.entity_patterns() == gazetteer.entity_patterns()


def test_entity_rulers_tag_places_not_english_words(gazetteer):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    add_entity_rulers(nlp, gazetteer)
    doc = nlp("A mortar hit a truck outside al-Shola, and gunmen fired on a convoy near Deir Ezzor and Hit.")
    found = {(ent.text, ent.ent_id_) for ent in doc.ents}
    assert ("al-Shola", "extra:sy-shula") in found
    assert ("Deir Ezzor", "geonames:170794") in found
    assert ("Hit", gazetteer.resolve("Hit").place_id) in found
    assert all(ent.text != "hit" for ent in doc.ents)


# -- location phrases -------------------------------------------------------------------------------------------


def test_near_a_village(gazetteer):
    assert _phrase("close to the village of al-Shola", gazetteer) == [("Shula", "place", "near_place")]
    assert _phrase("in the town of Boukamal", gazetteer) == [("Abu Kamal", "place", "place")]


def test_several_places(gazetteer):
    assert _phrase("between Tadmor, Hasakeh and Dayr az Zawr", gazetteer) == [
        ("Palmyra", "place", "near_place"), ("Hasakah", "place", "near_place"), ("Deir ez-Zor", "place", "near_place"),
    ]
    assert _phrase("the provinces of Raqqa and Hasakeh", gazetteer) == [
        ("Raqqa", "admin1", "admin1"), ("Hasakah", "admin1", "admin1"),
    ]
    assert _phrase("Idlib and Hama provinces", gazetteer) == [("Idlib", "admin1", "admin1"), ("Hama", "admin1", "admin1")]


def test_roads_and_bearings(gazetteer):
    assert _phrase("on the Tadmor-Dayr az Zawr highway", gazetteer) == [
        ("Palmyra", "place", "near_place"), ("Deir ez-Zor", "place", "near_place"),
    ]
    assert _phrase("in Manbej, 30 km from Jarablus", gazetteer) == [("Manbij", "place", "place")]
    assert _phrase("25 kilometres west of Tadmor", gazetteer) == [("Palmyra", "place", "near_place")]


def test_compass_adjective_before_a_province_name(gazetteer):
    assert _phrase("in northern Hama and southern Idlib", gazetteer) == [
        ("Hama", "admin1", "admin1"), ("Idlib", "admin1", "admin1"),
    ]
    assert _phrase("in western Iraq", gazetteer) == [("Iraq", "country", "country")]


def test_regions_without_a_point(gazetteer):
    result = resolve_location_phrase("across the Badia", gazetteer)
    assert [(place.name, precision) for place, precision in result] == [("Syrian Desert", "region")]
    assert result[0][0].latitude is None
    assert _phrase("in the Syrian desert", gazetteer) == [("Syrian Desert", "region", "region")]


def test_province_versus_city_in_phrases(gazetteer):
    assert _phrase("in Deir el-Zour province", gazetteer) == [("Deir ez-Zor", "admin1", "admin1")]
    assert _phrase("the city of Dayr az Zawr", gazetteer) == [("Deir ez-Zor", "place", "place")]
    assert _phrase("in the east of Hama province", gazetteer) == [("Hama", "admin1", "admin1")]
    assert _phrase("in the Raqqa countryside", gazetteer) == [("Raqqa", "admin1", "admin1")]
    assert _phrase("in Tell Abyad district", gazetteer) == [("Tal Abyad", "place", "admin2")]


def test_a_palestinian_town_takes_its_governorate_inside_its_territory(gazetteer):
    # ISO 3166-2:PS's first level is the sixteen governorates; GeoNames' admin-1 is the West Bank and Gaza Strip
    [(tulkarm, precision)] = resolve_location_phrase("in Tulkarem, in the West Bank", gazetteer)
    assert (tulkarm.admin1, tulkarm.country, precision) == ("Tulkarm", "Palestinian Territory", "place")
    [(khan_yunis, _)] = resolve_location_phrase("in Khan Younis in the southern Gaza Strip", gazetteer)
    assert khan_yunis.admin1 == "Khan Yunis"
    assert places.is_within_unit("Tulkarm", "West Bank") and not places.is_within_unit("Tulkarm", "Gaza Strip")


def test_phrase_context_picks_the_namesake(gazetteer):
    result = resolve_location_phrase("in Ariha, in the West Bank", gazetteer)
    assert [(place.name, precision) for place, precision in result] == [("Jericho", "place")]
    result = resolve_location_phrase("near Dhiban in Deir Ezzor province", gazetteer)
    assert [(place.country, place.admin1, precision) for place, precision in result] == [
        ("Syria", "Deir ez-Zor", "near_place")
    ]


def test_country_and_nothing(gazetteer):
    assert _phrase("in northern Iraq", gazetteer) == [("Iraq", "country", "country")]
    assert _phrase("somewhere over the rainbow", gazetteer) == []
    assert _phrase("a roadside bomb hit a minibus", gazetteer) == []
    assert _phrase("somewhere nice", gazetteer) == []


# -- shipped data -----------------------------------------------------------------------------------------------


def test_curated_rows_carry_their_reasons():
    for row in _read("places_extra.csv"):
        assert row["source"] and row["note"], row["place_id"]
    for row in _read("regions.csv"):
        assert row["note"], row["name"]
    for row in _read("place_aliases.csv") + _read("pattern_stoplist.csv") + _read("admin1.csv"):
        assert row["note"], row


def test_extra_places_are_not_in_the_geonames_subset(gazetteer):
    geonames_keys = set()
    for row in _read("geonames_subset.csv"):
        for name in [row["name"], *row["alternate_names"].split("|")]:
            geonames_keys.add(normalise_toponym(name))
    for row in _read("places_extra.csv"):
        assert normalise_toponym(row["name"]) not in geonames_keys, row["name"]


def test_geonames_subset_holds_the_default_countries():
    assert {row["country_code"] for row in _read("geonames_subset.csv")} == set(DEFAULT_COUNTRIES)


def test_every_boundary_feature_has_an_admin1_row():
    admin1_codes = {row["adm1_code"] for row in _read("admin1.csv")}
    for stem in BOUNDARY_FILES:
        collection = json.loads((DATA_DIR / "boundaries" / f"admin1_{stem}.geojson").read_text(encoding="utf-8"))
        assert collection["features"]
        assert {feature["properties"]["adm1_code"] for feature in collection["features"]} <= admin1_codes


# -- world fallback (towns of 15,000 people or more outside the default countries) -------------------------------


def test_world_place_finds_towns_of_other_countries_by_their_spellings():
    from helpers.places import world_place

    town = world_place("Maiduguri", "NG")
    assert (town.name, town.country, town.kind) == ("Maiduguri", "Nigeria", "place") and town.latitude is not None
    assert world_place("Kandahār", "AF").name == world_place("Kandahar", "AF").name  # diacritics fold


def test_world_place_needs_the_country_or_a_large_city():
    from helpers.places import world_place

    assert world_place("March", "ML") is None  # an English town's name, not a Malian one
    assert world_place("Nairobi") is not None  # a large city needs no country
    assert world_place("Kirkuk", "IQ") is None  # default countries are the gazetteer's, not the fallback's


def test_country_code_of_names_and_aliases():
    from helpers.places import country_code_of

    assert country_code_of("Burkina Faso") == "BF" and country_code_of("Türkiye") == "TR"
    assert country_code_of("Narnia") is None

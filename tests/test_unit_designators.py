"""Provinces and districts named with the designator their country uses, a region larger than a country that
one country also has as a province, and an ambiguous name read in the article's own country (issue 15, ninth
round), on sentences written for these tests (none is from a corpus article). Zorbatou is an invented village
name, absent from the index."""
import pytest

from helpers import place_context, world_phrases, world_places
from helpers.annotate import places as annotate_places


def test_the_invented_village_is_unknown_to_the_index():
    assert world_places.lookup("Zorbatou", "CM") == ()


@pytest.mark.parametrize("phrase, country, admin1", [
    # Kenya's and Liberia's counties are their first level: 'X County' is the province, not a town named so
    ("in Garissa County", "Kenya", "Garissa"),
    ("in Bong County", "Liberia", "Bong"),
    ("in Lofa county", "Liberia", "Lofa"),
    # the Central African Republic's prefectures are its provinces
    ("in the Ouaka prefecture", "Central African Republic", "Ouaka"),
])
def test_a_county_or_prefecture_that_is_a_province_is_that_province(phrase, country, admin1):
    fields, precision = world_phrases.resolve_elsewhere(phrase, country)
    assert (fields["admin1"], fields["country"], precision) == (admin1, country, "admin1")
    assert fields["place"] is None  # no town named 'Garissa County' is invented


@pytest.mark.parametrize("phrase, country, district, admin1", [
    # Cameroon's divisions and Togo's prefectures are districts: the district, in its province
    ("in the Mayo-Tsanaga Division", "Cameroon", "Mayo-Tsanaga", "Extreme-Nord"),
    ("in the Mayo-Tsanaga division", "Cameroon", "Mayo-Tsanaga", "Extreme-Nord"),
    ("in the Kpendjal prefecture", "Togo", "Kpendjal", "Savanes"),
])
def test_a_division_or_prefecture_that_is_a_district_gives_its_province(phrase, country, district, admin1):
    fields, precision = world_phrases.resolve_elsewhere(phrase, country)
    assert (fields["place"], fields["admin1"], precision) == (district, admin1, "admin2")


def test_a_village_beside_its_division_takes_the_division_s_province():
    fields, precision = world_phrases.resolve_elsewhere("in Zorbatou, in the Mayo-Tsanaga Division", "Cameroon")
    assert (fields["place"], fields["admin1"], precision) == ("Zorbatou", "Extreme-Nord", "place")


def test_an_army_division_is_no_place():
    fields, precision = world_phrases.resolve_elsewhere("in the 5th Division", "Cameroon")
    assert precision == "unknown" and fields["admin1"] is None


def test_a_province_s_english_name_resolves_in_the_country_that_has_it():
    fields, precision = world_phrases.resolve_elsewhere("in the Savannah region", "Togo")
    assert (fields["admin1"], precision) == ("Savanes", "admin1")


@pytest.mark.parametrize("phrase", ["in the Sahel region", "across the Sahel region", "in the troubled Sahel region",
                                    "in West Africa's Sahel region"])
def test_the_sahel_region_alone_is_the_band_across_borders_not_a_province(phrase):
    fields, precision = world_phrases.resolve_elsewhere(phrase, "Burkina Faso")
    assert fields["admin1"] is None and precision == "unknown"


@pytest.mark.parametrize("phrase", ["in Burkina Faso's Sahel region", "in the Sahel region of Burkina Faso",
                                    "in Sahel region"])
def test_the_sahel_region_tied_to_its_country_is_its_province(phrase):
    fields, precision = world_phrases.resolve_elsewhere(phrase, "Burkina Faso")
    assert (fields["admin1"], precision) == ("Sahel", "admin1")


def _votes(text: str, country: str) -> dict:
    countries = place_context.article_countries(text)
    return place_context.count_provinces(place_context.province_mentions(
        text, countries, lambda phrase: world_phrases.resolve_elsewhere(phrase, country)))


def test_the_sahel_region_of_a_report_votes_for_no_province():
    text = ("Gunmen killed nine herders near a well in Burkina Faso on Sunday, officials said. Armed groups have "
            "spread across West Africa's Sahel region since 2015, and the Sahel region has seen thousands killed.")
    assert not any(admin1 == "Sahel" for _, admin1 in _votes(text, "Burkina Faso"))


def test_the_sahel_region_of_burkina_faso_votes_for_its_province():
    text = ("Gunmen killed nine herders near a well in the Sahel region of Burkina Faso on Sunday, officials said. "
            "The herders had moved their cattle south in the dry season.")
    assert _votes(text, "Burkina Faso") == {("Burkina Faso", "Sahel"): 1}


def test_a_county_and_a_division_vote_for_their_provinces():
    text = ("Two traders were shot dead on a market road in Garissa County on Tuesday, Kenyan police said. "
            "The road links the county to the border.")
    assert _votes(text, "Kenya") == {("Kenya", "Garissa"): 1}
    text = ("A bomb killed four soldiers near Zorbatou, in the Mayo-Tsanaga Division, Cameroonian officials said. "
            "Mayo-Tsanaga Division lies along the border.")
    assert _votes(text, "Cameroon") == {("Cameroon", "Extreme-Nord"): 2}


def test_a_name_the_article_s_own_country_knows_is_not_taken_abroad():
    # 'Palma' is a town and district of Cabo Delgado and a city of half a million in Spain: a report that names
    # only Mozambique means its own town, though the Spanish city's name makes Spain a supported country
    countries = place_context.ArticleCountries(("MZ", "ES"), "Mozambique", "MZ", None, frozenset({"MZ"}))
    fields, precision = annotate_places._resolve_abroad("in the town of Palma", countries)
    assert (fields["country"], fields["admin1"]) == ("Mozambique", "Cabo Delgado")
    # a report that names Spain as well keeps the better-known place
    countries = place_context.ArticleCountries(("MZ", "ES"), "Mozambique", "MZ", None, frozenset({"MZ", "ES"}))
    fields, precision = annotate_places._resolve_abroad("in the town of Palma", countries)
    assert fields["country"] == "Spain"


def test_the_countries_an_article_names_are_told_from_those_its_place_names_support():
    text = ("Insurgents overran a police post near the town of Palma on Friday, Mozambican officials said. "
            "Residents fled south by boat.")
    countries = place_context.article_countries(text)
    assert countries.focus_code == "MZ" and countries.named == frozenset({"MZ"})

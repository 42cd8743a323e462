"""Nothing is matched across countries by spelling (issue 15): a name that meets a foreign place only by folding
its spelling or by one of the place's alternate names is accepted only in a country the article supports.
On names and sentences written for these tests ('Tesinu' and 'Mogadisho' are made up; 'Tesino' is an alternate
name of the Swiss canton of Ticino, and folds to the same key as 'Tesinu')."""
import pandas as pd
import pytest

from helpers import place_context, places, world_places
from helpers.annotate import annotate_articles


def test_a_made_up_village_folds_to_a_foreign_province_s_alternate_name():
    # the premise: folding makes the two spellings one key, and the canton knows 'Tesino'
    assert places.normalise_toponym("Tesinu") == places.normalise_toponym("Tesino")
    assert world_places.lookup("Tesino", "CH", kind="admin1")[0].name == "Ticino"


def test_a_folded_or_alternate_name_does_not_tell_a_country():
    assert world_places.unique_admin1("Tesinu") == ()
    assert world_places.countries_of_name("Tesinu") == frozenset()
    assert world_places.lookup("Mogadisho", None) == ()  # a variant spelling of a large city needs the country


def test_a_unit_s_own_name_still_tells_its_country():
    assert world_places.unique_admin1("Ticino")[0].country_code == "CH"
    assert world_places.countries_of_name("Ticino") == {"CH"}
    assert world_places.countries_of_name("Khyber-Pakhtunkhwa") == {"PK"}  # punctuation is no spelling change
    assert world_places.lookup("Mogadishu", None)[0].country == "Somalia"


def test_in_a_supported_country_folded_spellings_still_match():
    assert world_places.lookup("Tesinu", "CH", kind="admin1")[0].name == "Ticino"
    assert world_places.lookup("Mogadisho", "SO")[0].name == "Mogadishu"


TEXT = ("Bandits killed nine villagers in Tesinu on Sunday, a local government official in Zamfara State said. "
        "Residents of Tesinu said the gunmen came on motorcycles.")


def test_the_article_country_is_not_the_foreign_province_s():
    countries = place_context.article_countries(TEXT)
    assert countries.focus_code == "NG" and "CH" not in countries.supported


def test_the_village_is_kept_in_the_article_s_country():
    rows = annotate_articles(pd.DataFrame([("tz", TEXT)], columns=["article_id", "text"]).assign(published="2024-03-04"))
    assert set(rows["country"].dropna()) == {"Nigeria"}
    assert "Ticino" not in set(rows["admin1"].dropna())

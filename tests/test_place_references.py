"""Where the province of an attack comes from when its town is unknown or unnamed (issue 15, round 11's failure
kinds), on sentences written for these tests (none is from a corpus article)."""
import pandas as pd
import pytest

from helpers import place_context
from helpers.annotate import annotate_articles
from helpers.annotate.pipeline import load_gazetteer
from helpers.annotate.places import _with_province_after, resolve_in_countries
from helpers.annotate.records import PlaceChoice
from fixtures.place_rows import first_place


@pytest.mark.parametrize(("sentence", "phrase", "expected"), [
    ("The hamlet lies about 480 kilometres (300 miles) from the capital Bamako.", "capital Bamako", True),
    ("It is some 250 km north of Niamey, near the border.", "Niamey", True),
    ("The camp is hundreds of miles from Kinshasa.", "Kinshasa", True),
    ("The raid hit a valley southeast of the capital, Lima, at dawn.", "Lima", True),
    # a short distance or a bearing from a town says the attack was near it: it still counts
    ("The ambush was 15 km from Mopti.", "Mopti", False),
    ("Gunmen struck a market north of Maiduguri.", "Maiduguri", False),
    ("Troops in the capital Bamako were put on alert.", "capital Bamako", False),
])
def test_a_distant_point_a_distance_is_measured_from_is_a_reference(sentence, phrase, expected):
    assert place_context.is_distance_reference(sentence, sentence.index(phrase), phrase) is expected


def _votes(text: str) -> dict:
    countries = place_context.article_countries(text)
    gazetteer = load_gazetteer()
    return place_context.province_votes(text, countries, lambda phrase: resolve_in_countries(phrase, gazetteer,
                                                                                              countries))


def test_the_capital_a_remote_village_is_measured_from_casts_no_province_vote():
    text = ("Rebels killed seven herders in the village of Kwokoro in northern Mali on Sunday, Malian officials "
            "said.\n\nThe village lies about 600 kilometres from the capital Bamako.")
    assert ("Mali", "Bamako") not in _votes(text)


def test_a_town_and_its_province_with_no_preposition_tell_the_country_and_the_province():
    # a local paper names neither its country nor a place preposition before the town
    text = ("Gunmen ambushed the vice mayor of Bais, Negros Oriental, on Tuesday, killing his two bodyguards.\n\n"
            "The police chief said the attackers fled to the hills.")
    countries = place_context.article_countries(text)
    assert countries.focus_code == "PH"
    assert _votes(text) == {("Philippines", "Negros Oriental"): 1}


def test_a_province_in_apposition_after_an_unknown_town_is_its_admin1():
    sentence = "Soldiers killed five gunmen in Lumbakan, Maguindanao del Sur Friday, the Philippine army said."
    assert place_context.province_after(sentence, sentence.index(","), ("PH",)) == (
        "Philippines", "Maguindanao del Sur")
    # a name that is no province of the country says nothing
    other = "Soldiers killed five gunmen in Lumbakan, Pedro Santos said."
    assert place_context.province_after(other, other.index(","), ("PH",)) is None
    # nor does the country named after a town, though one of its states shares the name (the State of Mexico)
    country = "A vigil was held in Tarimoro, Guanajuato state, Mexico, on Monday."
    assert place_context.province_after(country, country.index(", Mexico"), ("MX",)) is None


ARTICLES = pd.DataFrame([
    # a village the index lacks, its province after a comma and a capitalised day after the province
    ("apposed", "Philippine soldiers killed six militants in Lumbakan, Maguindanao del Sur Sunday, the army "
                "said."),
    # a compass word between the preposition and the province's name
    ("compass", "A roadside bomb killed three Beninese soldiers in the northern Atakora region on Monday, the "
                "army said."),
], columns=["article_id", "text"]).assign(published="2024-03-04")


@pytest.fixture(scope="module")
def mentions() -> pd.DataFrame:
    return annotate_articles(ARTICLES).set_index("article_id")


def test_an_unknown_town_takes_the_province_named_after_it(mentions):
    place, admin1, country, _ = first_place(mentions, "apposed")
    assert (place, admin1, country) == ("Lumbakan", "Maguindanao del Sur", "Philippines")


def test_a_province_after_a_compass_word_is_the_event_s_province(mentions):
    _, admin1, country, precision = first_place(mentions, "compass")
    assert (admin1, country, precision) == ("Atakora", "Benin", "admin1")


def test_the_province_named_beside_a_town_beats_its_larger_namesake_elsewhere():
    # the index's largest Buenavista is in the State of Mexico; the report names the town's own state
    text = "Gunmen killed nine farmers in Buenavista town, Veracruz on Sunday, Mexican officials said."
    end = text.index(" town")
    largest = {"place": "Buenavista", "admin1": "Mexico", "country": "Mexico", "latitude": 19.6, "longitude": -99.1}
    choice = PlaceChoice((0,), largest, "place", "in Buenavista", text.index("in Buenavista"), end)
    moved = _with_province_after(text, choice)
    assert (moved.fields["place"], moved.fields["admin1"]) == ("Buenavista", "Veracruz")
    assert moved.fields["latitude"] != 19.6  # the namesake's point in Veracruz, not the other town's
    # a province that is the town's own changes nothing
    assert _with_province_after(text.replace("Veracruz", "Mexico"), choice) is choice

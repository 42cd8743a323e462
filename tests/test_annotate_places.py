"""Location phrases and their resolution (helpers.annotate.places, helpers.world_phrases), on phrases written for
these tests."""
import pytest

from helpers import annotate, world_phrases


def test_several_places_and_regions_with_a_stub_gazetteer(monkeypatch):
    from helpers import places

    def place(name, admin1, kind):
        return places.Place(name, admin1, "Syria", 1.0, 2.0, kind, f"id:{name}")

    table = {
        "between A, B and C": [(place("A", "P1", "place"), "near_place"), (place("B", "P2", "place"), "near_place"),
                               (place("C", "P2", "place"), "near_place")],
        "in the provinces of P1 and P2": [(place("P1", None, "admin1"), "admin1"), (place("P2", None, "admin1"), "admin1")],
        "near the village of A": [(place("A", "P1", "place"), "near_place")],
        "in the Badia": [(place("Badia", None, "region"), "region")],
    }
    monkeypatch.setattr(places, "resolve_location_phrase", lambda text, gazetteer: table.get(text, []))
    fields, precision = annotate.resolve_places("between A, B and C", object())
    assert precision == "region" and fields["admin1"] == "P1;P2" and fields["place"] is None
    fields, precision = annotate.resolve_places("in the provinces of P1 and P2", object())
    assert precision == "admin1" and fields["admin1"] == "P1;P2"
    fields, precision = annotate.resolve_places("near the village of A", object())
    assert (fields["place"], precision, fields["latitude"]) == ("A", "near_place", 1.0)
    fields, precision = annotate.resolve_places("in the Badia", object())
    assert (fields["place"], precision, fields["latitude"]) == ("Badia", "region", None)
    assert annotate.resolve_places("near A", None) == (
        {"place": None, "admin1": None, "country": None, "latitude": None, "longitude": None}, "unknown")


@pytest.mark.parametrize("phrase, expected", [
    ("near the town of Kolbara", ("Kolbara", None, "near_place")),
    ("in Kolbara district", ("Kolbara", None, "admin2")),
    ("in Tessit, Gao region", ("Tessit", "Gao", "place")),
    ("in the eastern Menaka region", (None, "Menaka", "admin1")),
])
def test_places_of_other_countries_are_kept_as_the_report_names_them(phrase, expected):
    fields, precision = world_phrases.resolve_elsewhere(phrase, "Mali")
    assert (fields["place"], fields["admin1"], precision) == expected and fields["country"] == "Mali"


@pytest.mark.parametrize("phrase, country", [
    ("in March", "Mali"),  # a month, not a town
    ("in Islamic State", "Mali"),  # an actor
    ("in Nigeria", "Mali"),  # a country is the gazetteer's
    ("in Kolbara", "Syria"),  # in a default country an unknown name is not trusted
    ("in Kolbara", None),  # no country and no large city to give one
])
def test_nothing_is_guessed_for_words_that_are_not_places(phrase, country):
    assert world_phrases.resolve_elsewhere(phrase, country)[1] == "unknown"


@pytest.mark.parametrize("sentence, name", [
    ("Gunmen killed six people in San Jose del Guaviare on Monday, Colombian police said.", "San Jose del Guaviare"),
    ("Gunmen killed six people in the village of Vila Nova de Zzyzx on Monday, Brazilian police said.",
     "Vila Nova de Zzyzx"),
    ("Gunmen killed six people in Santa Cruz de Zzyzx on Monday, Colombian police said.", "Santa Cruz de Zzyzx"),
])
def test_a_lower_case_particle_inside_a_place_name_keeps_the_whole_name(sentence, name):
    import pandas as pd

    rows = annotate.annotate_articles(pd.DataFrame([("p", sentence, "2023-05-10")],
                                                   columns=["article_id", "text", "published"]))
    assert list(rows["place"]) == [name]

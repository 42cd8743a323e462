"""A figure told in another province (or another country named outright) than the event it would join is another
attack (helpers.annotate.figure_provinces); sentences written for these tests, none from a corpus article."""
import pandas as pd
import pytest

from helpers import annotate
from helpers.annotate.figure_provinces import are_provinces_apart, figure_provinces
from helpers.annotate.records import LocationPhrase

_PLACES = {"in Kano": ({"admin1": "Kano", "country": "Nigeria"}, "place"),
           "in Abuja": ({"admin1": "Federal Capital Territory", "country": "Nigeria"}, "place"),
           "in Niger": ({"admin1": None, "country": "Niger"}, "country"),
           "from Niger": ({"admin1": None, "country": "Niger"}, "country"),
           "Niger": ({"admin1": None, "country": "Niger"}, "country"),
           "the neighbouring Niger": ({"admin1": None, "country": "Niger"}, "country"),
           "between Kano and Kaduna": ({"admin1": "Kaduna;Kano", "country": "Nigeria"}, "region")}


def _resolve(phrase):
    return _PLACES.get(phrase, ({"admin1": None, "country": None}, "unknown"))


def _provinces(sentence, *phrases):
    return figure_provinces(sentence, [LocationPhrase(sentence.index(p), sentence.index(p) + len(p), p)
                                       for p in phrases], _resolve)


def test_figure_provinces_reads_the_attack_place():
    assert _provinces("Gunmen killed six people in Kano on Friday.", "in Kano") == {("Nigeria", "Kano")}
    # a sentence's capitalised preposition is read as the preposition
    assert figure_provinces("In Kano, gunmen killed six.", [LocationPhrase(0, 7, "In Kano")],
                            _resolve) == {("Nigeria", "Kano")}
    assert _provinces("A bomb killed four soldiers in Niger.", "in Niger") == {("Niger", None)}


def test_figure_provinces_leaves_out_hospitals_speakers_origins_and_several_provinces():
    assert not _provinces("Two of the wounded died at a hospital in Abuja.", "in Abuja")
    assert not _provinces("Officials in Abuja said six people were killed.", "in Abuja")
    assert not _provinces("Fighters who crossed from Niger killed six.", "from Niger")
    assert not _provinces("Six people were killed on the road between Kano and Kaduna.", "between Kano and Kaduna")
    assert not _provinces("Four were killed and the rest hospitalised in Abuja.", "in Abuja")
    assert not _provinces("The governor said on Monday in Abuja that six were killed.", "in Abuja")
    assert not _provinces("Six were killed, the spokesman told reporters in Abuja.", "in Abuja")


def test_a_country_is_the_attack_place_only_as_in_x():
    assert not _provinces("A Niger national was among the six killed.", "Niger")
    assert not _provinces("The raid on a post near the border in Niger killed six.", "in Niger")
    assert not _provinces("Six were killed before the gunmen fled into the neighbouring Niger.",
                          "the neighbouring Niger")


def test_other_province_of_one_country_is_apart():
    assert are_provinces_apart(frozenset({("Nigeria", "Zamfara")}), frozenset({("Nigeria", "Kano")}))


def test_same_province_or_country_alone_is_not_apart():
    assert not are_provinces_apart(frozenset({("Nigeria", "Kano")}), frozenset({("Nigeria", "Kano")}))
    # "in northern Nigeria" says nothing against a town of Kano
    assert not are_provinces_apart(frozenset({("Nigeria", None)}), frozenset({("Nigeria", "Kano")}))
    # one of the figure's places lies in the event's province: not apart
    assert not are_provinces_apart(frozenset({("Nigeria", "Kano"), ("Nigeria", "Zamfara")}),
                                   frozenset({("Nigeria", "Kano")}))


def test_country_named_outright_elsewhere_is_apart_but_towns_abroad_are_not():
    assert are_provinces_apart(frozenset({("Pakistan", None)}), frozenset({("Afghanistan", "Khost")}))
    # a town read abroad may be a misreading of a local name: only a country named outright tells another country
    assert not are_provinces_apart(frozenset({("Turkey", "Hatay")}), frozenset({("Syria", "Idlib")}))


def test_nothing_known_is_no_conflict():
    assert not are_provinces_apart(frozenset(), frozenset({("Nigeria", "Kano")}))
    assert not are_provinces_apart(frozenset({("Nigeria", "Kano")}), frozenset())


ARTICLES = pd.DataFrame(
    [
        ("p1", "Gunmen killed 12 villagers in Kano state on Sunday, police said. In Borno state, insurgents killed "
               "nine farmers on Sunday, a resident said.", "2022-08-16"),
        ("p2", "Gunmen killed 12 villagers in the town of Maiduguri on Sunday, police said. The attackers also killed "
               "three soldiers in Borno state, officials said.", "2022-08-16"),
        ("p3", "A car bomb killed 10 people in Mosul on Sunday, police said. The wounded were taken to a hospital in "
               "Erbil, where two more people died.", "2022-08-16"),
        ("p4", "Militants stormed a police post in Khost province on Saturday, killing eight officers. On Saturday, a "
               "suicide bomber also rammed a truck into a checkpoint in northwest Pakistan, killing seven soldiers.",
         "2024-03-18"),
    ],
    columns=["article_id", "text", "published"],
)


@pytest.fixture(scope="module")
def mentions() -> pd.DataFrame:
    return annotate.annotate_articles(ARTICLES)


def _events(mentions: pd.DataFrame, article_id: str) -> dict[int, str]:
    rows = mentions[mentions["article_id"] == article_id]
    return {int(row.killed): (row.article_event_key, row.role) for row in rows.itertuples()}


def test_figure_told_in_another_province_is_another_attack(mentions):
    events = _events(mentions, "p1")
    assert events[12][0] != events[9][0]
    assert events[9][1] == "main"  # the same day's news, not a recalled attack


def test_town_then_its_province_is_one_attack(mentions):
    events = _events(mentions, "p2")
    assert events[12][0] == events[3][0]


def test_hospital_elsewhere_does_not_split(mentions):
    events = _events(mentions, "p3")
    assert events[10][0] == events[2][0]


def test_country_named_outright_elsewhere_is_another_attack(mentions):
    events = _events(mentions, "p4")
    assert events[8][0] != events[7][0]

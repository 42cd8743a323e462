"""A dateline after a page's labelled date, a dateline naming a province, and "here" in the body as the dateline's
city (helpers.place_context.dateline_span, dateline_here; annotate.places.event_place), on sentences written for
these tests (none is from a corpus article)."""
import pandas as pd
import pytest

from helpers import place_context
from helpers.annotate import annotate_articles
from fixtures.place_rows import first_place


@pytest.mark.parametrize("text, city", [
    ("date 2023-04-02 PESHAWAR: Gunmen killed three policemen on Sunday.", "Peshawar"),
    (" date 2021-11-30 KANO - Bandits killed five farmers.", "Kano"),
    ("COTABATO CITY, Maguindanao del Norte — Gunmen killed two soldiers.", "Cotabato City"),
    # title case with the day it was filed
    ("Kohima, Mar 3: Gunmen killed two soldiers.", "Kohima"),
    ("Bogota, June 9 (Reuters).- Gunmen killed two soldiers.", "Bogota"),
    ("date 2023-04-02 Jenin, April 2 Gunmen killed two soldiers.", "Jenin"),
])
def test_a_dateline_after_a_labelled_date_or_before_a_province_is_found(text, city):
    assert place_context.dateline_span(text)[2] == city


@pytest.mark.parametrize("text", [
    "date 2023-04-02 Gunmen killed three policemen on Sunday.",
    "Monday, April 3, 2023\nGunmen killed three policemen.",  # a weekday, not a city
    "For many families, April 3 is a day of mourning.",  # a clause, not a dateline
])
def test_a_labelled_date_a_weekday_or_a_clause_is_no_dateline(text):
    assert place_context.dateline_span(text) is None


@pytest.mark.parametrize("text, expected", [
    ("PESHAWAR: Gunmen attacked a police post here on Sunday, killing three.", ["in Peshawar"]),
    ("QUETTA, Pakistan - A bomb killed four miners near here on Sunday.", ["near Quetta, Pakistan"]),
    ("KANO - Bandits killed five farmers in a village not far from here.", ["near Kano"]),
    ("KABUL - Officials here said 14 people died in an air strike in Paktika.", []),  # where the speaker is
    ("KABUL - Click here for live updates. Read more here.", []),
    ("Gunmen attacked a police post here on Sunday, killing three.", []),  # no dateline: "here" is nowhere known
])
def test_here_in_the_body_is_the_datelines_city(text, expected):
    assert [phrase for *_, phrase in place_context.dateline_here(text, ((0, len(text)),))] == expected


ARTICLES = pd.DataFrame([
    ("here", "date 2023-04-02 PESHAWAR: Militants killed three Pakistani policemen when they attacked a police "
             "post here on Sunday, officials said."),
    ("no_here", "date 2023-04-02 PESHAWAR: Militants killed three Pakistani policemen in the Bajaur district on "
                "Sunday, officials said."),
], columns=["article_id", "text"]).assign(published="2023-04-02")


@pytest.fixture(scope="module")
def mentions() -> pd.DataFrame:
    return annotate_articles(ARTICLES).set_index("article_id")


def test_an_attack_here_is_in_the_datelines_city_and_province(mentions):
    assert first_place(mentions, "here")[1:3] == ("Khyber Pakhtunkhwa", "Pakistan")
    assert first_place(mentions, "here")[0] == "Peshawar"


def test_the_dateline_is_not_the_place_of_an_attack_named_elsewhere(mentions):
    assert first_place(mentions, "no_here")[0].startswith("Bajaur")  # GeoNames: "Bajaur Agency"


ORIGIN = pd.DataFrame([
    ("origin", "Nine Iranian border guards died on Tuesday in an ambush mounted from inside Pakistan, Iranian media "
               "reported. The guards had been on patrol near Saravan when the gunmen opened fire."),
], columns=["article_id", "text"]).assign(published="2023-04-02")


def test_a_country_the_attack_came_from_is_not_where_it_happened():
    # 'from inside Pakistan' says where the attackers came from (annotate.places._ORIGIN_BEFORE)
    mentions = annotate_articles(ORIGIN).set_index("article_id")
    assert first_place(mentions, "origin")[2] == "Iran"

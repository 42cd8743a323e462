"""A figure's own province, not the article's (issue 15): a province the figure's own sentence names outright wins
over the province the article names most (annotate.own_province), and a byline or a photo caption casts no vote
for an attack's province (helpers.article_furniture). Every sentence is written for these tests (none is from a
corpus article)."""
import pandas as pd
import pytest

from helpers import article_furniture, place_context, world_phrases
from helpers.annotate import annotate_articles

ARTICLES = pd.DataFrame([
    # the lede's city and its province are named three times; the second attack's own sentence names another
    ("own", "Medan, Indonesia\nAt least 9 people died on Friday when a man set off a bomb at a market in Medan, the "
            "country's fourth largest city, police said. Medan is the capital of North Sumatra province.\n"
            "Later on Friday in Aceh province, police said they shot dead three suspected militants during a raid."),
    # a town of the chosen province in the figure's own sentence keeps it: the other province is a landmark
    ("town", "Gunmen killed 14 people in Maiduguri on Sunday, not far from the border of Yobe state, police said."),
], columns=["article_id", "text"]).assign(published="2024-03-20")


@pytest.fixture(scope="module")
def rows() -> dict[tuple[str, int], tuple]:
    found = annotate_articles(ARTICLES)
    return {(row.article_id, int(row.killed)): (row.admin1, row.country) for row in found.itertuples()
            if not pd.isna(row.killed)}


def test_a_province_the_figure_s_own_sentence_names_wins_over_the_article_s(rows):
    assert rows[("own", 3)] == ("Aceh", "Indonesia")
    assert rows[("own", 9)] == ("North Sumatra", "Indonesia")


def test_a_town_of_the_chosen_province_in_the_own_sentence_keeps_it(rows):
    assert rows[("town", 14)] == ("Borno", "Nigeria")


@pytest.mark.parametrize("line, expected", [
    ("By Jane Okafor and Ali Hassan in Cairo", True),
    ("- Maria Lopez, in Nairobi", True),
    ("By Staff Reporter", True),
    ("Mourners gather outside a mosque in Kano, Nigeria, Friday, March 8, 2024. Gunmen killed 12 there.", True),
    ("bomb-site-640.jpg Police cordon off a street in Mosul after the blast.", True),
    ("Rescue workers search the rubble in Herat. (AP Photo/John Smith)", True),
    ("Soldiers parade at the army headquarters in Bouake on May 2, 2021. © Jean Dupont, AFP", True),
    ("Police officers patrol a street in Culiacan, Mexico, on June 3, 2019. (Ana Ruiz/Getty Images)", True),
    ("Officials said 12 soldiers died in the attack (the army gave no other figure).", False),
    # news copy, even with a dash or a full date, is no furniture
    ("Gunmen killed 12 people in Kano on Friday, March 8, police said.", False),
    ("- Gunmen killed 12 people in Kano on Friday.", False),
    ("By Sunday evening the toll had risen to 30.", False),
])
def test_bylines_and_photo_captions_are_told_apart(line, expected):
    text = f"Title of the report\n{line}\nThe body of the report follows."
    assert article_furniture.is_furniture(text, text.index(line)) is expected


def test_a_byline_or_a_caption_casts_no_vote_for_a_province():
    text = ("Bandits kill 9 in Zamfara village\nBy Musa Bello in Kano\n"
            "Traders walk past a market in Kano, Nigeria, Tuesday, May 7, 2024.\n"
            "Traders walk past a market in Kano, Nigeria, Tuesday, May 7, 2024.\n"
            "Bandits killed nine farmers in Gusau on Monday, the police said.")
    countries = place_context.article_countries(text)
    resolve = lambda phrase: world_phrases.resolve_in_country(phrase, "NG")[:2]  # noqa: E731
    assert place_context.province_votes(text, countries, resolve) == {("Nigeria", "Zamfara"): 2}  # the title and the body, not Kano


def _choice(text, phrase, precision, place, admin1, country, origin=False):
    from helpers.annotate.places import PRECISION_RANK
    from helpers.annotate.records import PlaceChoice

    start = text.index(phrase)
    fields = {"place": place, "admin1": admin1, "country": country, "latitude": None, "longitude": None}
    return PlaceChoice((PRECISION_RANK[precision], origin, False, False), fields, precision, phrase, start,
                       start + len(phrase))


def test_a_place_the_index_holds_in_two_countries_takes_the_province_its_sentence_names():
    from helpers.annotate.own_province import with_own_province

    text = "The bodies of six farmers were found near Tel Haroun in Kirkuk province, officials said."
    village = _choice(text, "near Tel Haroun", "near_place", "Tel Haroun", "Kirkuk;Aleppo", "Iraq;Syria")
    province = _choice(text, "in Kirkuk province", "admin1", None, "Kirkuk", "Iraq")
    chosen = with_own_province(text, [(True, village), (True, province)], village)
    assert (chosen.fields["admin1"], chosen.fields["country"]) == ("Kirkuk", "Iraq")


def test_a_province_people_came_from_or_a_landmark_does_not_override():
    from helpers.annotate.own_province import own_named_province

    text = "Gunmen who came from Zamfara state killed 9 people in a village 200 km north of Kaduna state, police said."
    came = _choice(text, "from Zamfara state", "admin1", None, "Zamfara", "Nigeria", origin=True)
    landmark = _choice(text, "of Kaduna state", "admin1", None, "Kaduna", "Nigeria")
    assert own_named_province(text, [(True, came), (True, landmark)], "Nigeria") is None
    # the hospital the wounded were taken to, or a speaker's seat, is not where the attack was
    text = "Gunmen killed 9 people on Sunday; 4 wounded were taken to a hospital in Kaduna state, police said."
    hospital = _choice(text, "in Kaduna state", "admin1", None, "Kaduna", "Nigeria")
    assert own_named_province(text, [(True, hospital)], "Nigeria") is None
    # two provinces named in the own sentence say nothing of one attack's
    text = "Attacks in Zamfara state and in Kaduna state killed 20 people, police said."
    one, other = (_choice(text, f"in {name} state", "admin1", None, name, "Nigeria") for name in ("Zamfara", "Kaduna"))
    assert own_named_province(text, [(True, one), (True, other)], "Nigeria") is None
    # a context sentence's province is not the figure's own
    assert own_named_province(text, [(False, one)], "Nigeria") is None
    assert own_named_province(text, [(True, one)], "Nigeria") == "Zamfara"

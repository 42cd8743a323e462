"""Which attack a later figure of an article belongs to (annotate.sibling_figures): one attack's figures keep one
event key within an article, a figure of another attack keeps its own. Every article here is written for these
tests and is in no corpus article."""
import datetime as dt

import pandas as pd
import pytest

from helpers import annotate
from helpers.annotate.sibling_figures import is_within_news_bound, returns_from_split
from helpers.annotate.words import NEW_INCIDENT
from helpers.dates import find_date_expressions

THU = "2022-03-17"  # Thursday; the week up to it runs from Friday 2022-03-11
LEDE = "Gunmen stormed a farming village in the hills, and a witness said he counted 12 bodies after they left.\n\n"
ARTICLES = {
    # the police statement's calendar day lies within the week up to publication: the news attack's day
    "day_in_week": LEDE + "The state police spokesman said: \"On 14/03/2022 at about 9pm, armed men attacked the "
                          "village and killed 14 residents.\"",
    "month_day_in_week": LEDE + "According to the district chairman, armed men killed 13 residents on March 15 before "
                                "setting fire to the granaries.",
    # a calendar day months before publication is another attack
    "day_long_before": LEDE + "The state police spokesman said: \"On 10/01/2022 at about 9pm, armed men attacked the "
                              "village and killed 14 residents.\"",
    # a cue of another attack keeps its figure apart whatever its day
    "separate_attack": LEDE + "In a separate attack on March 15, bandits killed four traders at a cattle market.",
    # "another 18 ... in the attack" adds victims to the attack told, it names no other attack
    "another_count_in_the_attack": "At least 12 soldiers were killed on Monday when gunmen ambushed their convoy, the "
                                   "army said.\n\nThe governor said that another 9 soldiers were killed in the attack "
                                   "near the bridge.",
    "another_attack": "At least 12 soldiers were killed on Monday when gunmen ambushed their convoy, the army said.\n\n"
                      "The governor said that another 9 soldiers were killed in a separate attack near the bridge.",
    # the sentence's second killed figure is split off; the next undated figure is the sentence's attack
    "after_split_off": "Gunmen opened fire on a wedding party in the hill town. \"More than 15 guests were shot "
                       "dead and we have found two burned bodies,\" a local chief said.\n\nA nurse at the town's "
                       "clinic said 18 people had died.",
}


@pytest.fixture(scope="module")
def keys() -> dict[str, dict[float, str]]:
    frame = pd.DataFrame([(key, text, THU) for key, text in ARTICLES.items()],
                         columns=["article_id", "text", "published"])
    rows = annotate.annotate_articles(frame)
    found: dict[str, dict[float, str]] = {}
    for _, row in rows.iterrows():
        found.setdefault(row["article_id"], {})[float(row["killed"])] = row["article_event_key"]
    return found


@pytest.mark.parametrize("article, first, later", [
    ("day_in_week", 12, 14), ("month_day_in_week", 12, 13), ("after_split_off", 15, 18),
    ("another_count_in_the_attack", 12, 9)])
def test_a_later_figure_naming_no_attack_of_its_own_is_the_news_attacks(keys, article, first, later):
    assert keys[article][first] == keys[article][later]


@pytest.mark.parametrize("article, first, later", [("day_long_before", 12, 14), ("separate_attack", 12, 4),
                                                   ("another_attack", 12, 9)])
def test_a_figure_of_another_day_or_cued_as_another_attack_keeps_its_own_key(keys, article, first, later):
    assert keys[article][first] != keys[article][later]


@pytest.mark.parametrize("words, within", [
    ("on 14/03/2022", True), ("on March 11", True), ("on March 17", True), ("on March 10", False),
    ("on 10/01/2022", False), ("on Monday", False), ("last week", False), ("in March", False)])
def test_only_a_calendar_day_of_the_week_up_to_publication_is_within_the_news_bound(words, within):
    assert is_within_news_bound(find_date_expressions(words), dt.date.fromisoformat(THU)) is within


def test_no_publication_day_bounds_nothing():
    assert not is_within_news_bound(find_date_expressions("on 14/03/2022"), None)


def test_an_undated_split_off_returns_to_the_event_it_was_split_from_a_dated_one_does_not():
    assert returns_from_split(2, {2: 0}, {0: []}) == 0
    assert returns_from_split(2, {2: 0}, {0: [], 2: []}) is None
    assert returns_from_split(1, {2: 0}, {}) is None


@pytest.mark.parametrize("words, cue", [
    ("another 18 soldiers were wounded in the attack", False), ("five more died in that blast", False),
    ("another five people were hurt in this explosion", False), ("In another attack on Sunday, gunmen", True),
    ("a separate bombing in the north", True), ("another deadly raid on the village", True),
    ("another three were killed in an ambush", True), ("Elsewhere, five died", True)])
def test_another_names_another_attack_only_when_no_definite_word_points_back_to_the_one_told(words, cue):
    assert bool(NEW_INCIDENT.search(words)) is cue

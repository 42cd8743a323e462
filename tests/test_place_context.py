"""Which named place is an attack's place, in the article's context (issue 15), on sentences written for these
tests (none is from a corpus article)."""
import pandas as pd
import pytest

from helpers import place_context, world_phrases, world_places
from helpers.annotate import annotate_articles
from helpers.annotate.pipeline import load_gazetteer
from helpers.annotate.places import is_supported, resolve_places
from fixtures.place_rows import first_place


# --- the countries an article supports ----------------------------------------------------------------------------


def test_a_country_named_in_a_state_body_counts_for_the_article():
    counts = place_context.country_counts("The Uganda Police and the Uganda People's Defence Forces arrived.")
    assert counts == {"UG": 2}
    # a longer name that is no state body still does not count: a village, a delta
    assert place_context.country_counts("Raiders burned Mali Khel near the Niger Delta.") == {}


def test_plural_demonyms_count_for_their_country():
    assert place_context.country_counts("Two Cameroonians and three Afghans were freed.") == {"CM": 1, "AF": 1}


def test_the_provinces_and_towns_an_article_names_make_its_focus():
    # a foreign aid group named twice by its nationality; the places are all Nigerian
    text = ("French aid workers said gunmen killed nine farmers near Maiduguri, in Borno State, on Monday. "
            "Another French charity said the wounded were treated in Maiduguri.")
    countries = place_context.article_countries(text)
    assert countries.focus_code == "NG" and "FR" in countries.supported


def test_a_garrison_named_after_its_town_speaks_for_the_town_s_country():
    text = ("Militants who crossed from Afghanistan attacked Bannu Cantonment at dawn, and troops had cleared "
            "Bannu Cantonment by noon.")
    assert place_context.article_countries(text).focus_code == "PK"


@pytest.mark.parametrize("name, expected", [
    ("the North-East", True), ("Northeast", True), ("Western", True), ("Central", True),
    ("Far North", False), ("North Kivu", False), ("West Java", False),
])
def test_a_compass_word_alone_tells_no_country(name, expected):
    assert place_context.is_compass_name(name) is expected


def test_a_compass_province_name_does_not_bring_its_country_into_the_article():
    text = "Soldiers were killed in the North-East on Sunday, Ivorian officials said."
    assert place_context.article_countries(text).supported == ("CI",)


def test_countries_joined_by_a_hyphen_name_a_border_not_a_place():
    assert not world_phrases.is_place_name("Uganda-Congo")
    assert not world_phrases.is_place_name("Uganda-Democratic Republic")
    assert world_phrases.is_place_name("Dera Ismail Khan")


def test_a_capitalised_compass_word_in_a_name_is_not_near():
    fields, precision, _ = world_phrases.resolve_in_country("in Kasindi, North Kivu province", "CD")
    assert (fields["admin1"], precision) == ("North Kivu", "place")
    assert world_phrases.resolve_in_country("near Goma", "CD")[1] == "near_place"


# --- a candidate is accepted in a country the article supports ----------------------------------------------------


def test_a_loose_match_abroad_is_not_accepted():
    gazetteer = load_gazetteer()
    countries = place_context.article_countries("Israeli troops raided a camp in the West Bank, Palestinian "
                                                "officials said.")
    assert countries.focus_code == "PS"
    jordan = {"place": "Naur", "admin1": "Amman", "country": "Jordan"}
    assert not is_supported("in the Nour al-Shams camp", jordan, countries, gazetteer)
    west_bank = {"place": "Tulkarm", "admin1": "West Bank", "country": "Palestinian Territory"}
    assert is_supported("in Tulkarm", west_bank, countries, gazetteer)
    # a large city named by its own name is accepted even when its country is not named
    assert is_supported("in Amman", {"place": "Amman", "admin1": "Amman", "country": "Jordan"}, countries, gazetteer)


# --- whole articles through annotate ------------------------------------------------------------------------------

ARTICLES = pd.DataFrame([
    # the attack's district in the lede; the capital in a later sentence about the attack is where officials met
    ("ctx", "Gunmen killed six policemen in Paktika's Barmal district on Monday, Afghan officials said.\n\n"
            "After the attack, officials met tribal elders in Kabul to discuss security."),
    # the war elsewhere in the background
    ("bg", "An Israeli strike killed seven people in Nabatieh province on Friday, Lebanese officials said.\n\n"
           "The attack came as fighting continued in the war on Gaza."),
    # where the drones came from is not where they struck; a country alone in the figure's sentence
    ("from", "Drones launched from Ukraine killed two people in the Belgorod region overnight, Russian officials "
             "said."),
    # a bare country name is a government or a people: the attack is in the country the article is about
    ("bare", "Somali officials said the attack killed 12 soldiers; Kenya condemned the raid.\n\n"
             "The base lies in Somalia's Gedo region."),
    # near a neighbouring country is outside it
    ("near", "Jihadists killed ten Ivorian soldiers at a post near Burkina Faso on Thursday, Ivorian officials said."),
    # a Ugandan report naming the neighbour it borders, not the police's country by a demonym
    ("ug", "Rebels killed 20 pupils at a school in Mpondwe on Friday, the Uganda Police said, two kilometres "
           "from the Democratic Republic of Congo border."),
    # a designator on a name that is no province of the country: the province the article names
    ("area", "Insurgents killed 13 farmers in the Gombolo region on Sunday, Nigerian officials said. The farms lie "
             "in Borno State, near the border."),
    # a possessive country before the province
    ("poss", "Militants killed nine soldiers in Somalia's Gedo region on Monday, officials said."),
    # a village the index lacks whose name is a Russian town's, in a report that names only a Nigerian state and
    # no country: the village is Nigerian and takes the state (issue 15, "found in the wrong country")
    ("namesake", "Bandits killed 11 villagers in Asha before dawn on Tuesday, a local leader said.\n\nThe "
                 "farming settlement lies in Zamfara State, where such raids are frequent."),
    # a town named as a modifier of the attack ("in the Kano attack") ranks after the village named bare
    ("modifier", "Gunmen killed eight worshippers in Dankwari on Friday, residents said.\n\nPolice said "
                 "three suspects were held in the Kano attack, which shocked the state."),
    # a village the index lacks, named first, in a state the article names, before a known town named after it
    ("unlisted", "Bandits killed nine villagers in Dankwari on Sunday, police in Musawa said.\n\nThe farming "
                 "settlement lies in Katsina State, near the border."),
    # a country after "by" is the party that struck, not where: the article's country
    ("party", "Airstrikes in March by Pakistan killed eight civilians, the government of Afghanistan said on "
              "Sunday. Afghanistan's ministry said the dead were women and children."),
], columns=["article_id", "text"]).assign(published="2023-05-10")


@pytest.fixture(scope="module")
def mentions() -> pd.DataFrame:
    return annotate_articles(ARTICLES).set_index("article_id")


_place = first_place


def test_a_context_place_elsewhere_does_not_replace_the_event_s_own(mentions):
    place, admin1, country, precision = _place(mentions, "ctx")
    # the district under its GeoNames name (Bermal) or as written: either way the district, not Kabul
    assert place in ("Barmal", "Bermal") and (admin1, country, precision) == ("Paktika", "Afghanistan", "admin2")


def test_a_background_war_elsewhere_is_not_the_attack_s_place(mentions):
    assert _place(mentions, "bg")[1:3] == ("Nabatieh", "Lebanon")


def test_where_the_attackers_came_from_is_not_the_place(mentions):
    assert _place(mentions, "from")[1:3] == ("Belgorod", "Russia")


def test_a_bare_country_name_is_not_the_place(mentions):
    assert _place(mentions, "bare")[1:3] == ("Gedo", "Somalia")


def test_near_a_neighbouring_country_is_not_in_it(mentions):
    assert _place(mentions, "near")[2] == "Ivory Coast"


def test_a_town_the_index_knows_is_placed_in_the_country_of_the_article(mentions):
    # Uganda's first level is its four regions (GeoNames' admin-1, as the corpus gold codes it); Mpondwe is in
    # Kasese district of the Western region
    assert _place(mentions, "ug")[:3] == ("Mpondwe", "Western", "Uganda")


def test_an_area_that_is_no_province_takes_the_province_the_article_names(mentions):
    assert _place(mentions, "area")[1:3] == ("Borno", "Nigeria")


def test_a_village_named_like_a_town_abroad_stays_in_the_country_of_the_named_province(mentions):
    assert _place(mentions, "namesake")[1:3] == ("Zamfara", "Nigeria")


def test_a_province_breaks_a_tie_with_a_town_for_the_article_s_focus():
    # one Russian town's namesake and one Nigerian state: the state speaks for the article, and the Russian town
    # supports its country only through its own name
    countries = place_context.article_countries("Gunmen killed nine people in Asha, in Zamfara State, on Monday.")
    assert countries.focus_code == "NG"
    assert countries.is_supported_only_by("RU", {"asha"})
    assert not countries.is_supported_only_by("NG", {"asha"})


def test_a_town_named_as_a_modifier_of_the_attack_does_not_replace_the_village_named_bare(mentions):
    assert _place(mentions, "modifier")[0] == "Dankwari"


def test_a_village_the_index_lacks_in_a_named_province_is_not_outranked_by_a_known_town(mentions):
    assert _place(mentions, "unlisted")[:3] == ("Dankwari", "Katsina", "Nigeria")


def test_a_province_matched_only_by_folding_its_name_tells_no_country_when_another_has_it_as_written():
    # Kenya's Lamu as written, the Maldives' Laamu only once folded
    assert world_places.countries_of_name("Lamu County") == frozenset({"KE"})


def test_a_small_town_named_with_its_province_speaks_for_the_one_country_that_has_both():
    # Witu is too small, and Lamu a name the Maldives share, for either to tell the country alone
    text = "Raiders killed five farmers in Witu, Lamu County, on Sunday night, a police officer said."
    assert place_context.article_countries(text).focus_code == "KE"
    # a pair that agrees nowhere votes for nothing
    assert place_context.article_countries("Raiders killed five farmers in Witu, Borno State.").focus_code != "KE"


def test_a_country_in_the_possessive_before_a_province_is_not_part_of_its_name(mentions):
    assert _place(mentions, "poss") == (None, "Gedo", "Somalia", "admin1")


# --- a name written with "the" and no designator is an area ------------------------------------------------------


@pytest.mark.parametrize("phrase, expected", [
    ("in the Sahel", True), ("south of the Sahel", True), ("in the Sahel region", False),
    ("in the Far North region", False), ("in Mopti", False), ("near the town of Kasindi", False),
])
def test_a_name_with_the_and_no_designator_is_an_area(phrase, expected):
    assert place_context.is_definite_area(phrase) is expected


def test_an_area_that_shares_a_province_s_name_votes_for_no_country_or_province():
    # Burkina Faso has a province called Sahel; "the Sahel" of a report about Togo is the region
    text = ("Gunmen killed six soldiers at a post in northern Togo on Tuesday, in the Savanes region. An "
            "insurgency that began in the Sahel has spread towards the coast, and attacks from the Sahel are rising.")
    countries = place_context.article_countries(text)
    assert countries.supported == ("TG",)
    resolve = lambda phrase: world_phrases.resolve_in_country(phrase, "BF")[:2]  # noqa: E731  (as if in Burkina)
    assert place_context.province_votes(text, countries, resolve) == {}
    # named as the province of its country, it votes
    text = "Gunmen killed six soldiers in the Sahel region of Burkina Faso on Tuesday."
    votes = place_context.province_votes(text, place_context.article_countries(text), resolve)
    assert votes == {("Burkina Faso", "Sahel"): 1}


# --- parties and nationalities are not the setting ---------------------------------------------------------------


def test_a_country_after_by_is_the_party_that_struck_not_where(mentions):
    from helpers.annotate import build_nlp
    from helpers.annotate.places import location_phrases

    phrases = [phrase.text for phrase in location_phrases(build_nlp()("Airstrikes in March by Pakistan killed "
                                                                      "eight civilians."))]
    assert not [phrase for phrase in phrases if "Pakistan" in phrase and phrase.startswith("in")]
    assert _place(mentions, "party")[2:] == ("Afghanistan", "country")


def test_a_country_named_only_by_its_demonym_ranks_after_one_named_as_the_setting():
    text = ("French officials said gunmen killed 30 villagers on Sunday in Burkina Faso. French aid workers and "
            "French diplomats condemned the killings.")
    assert place_context.article_countries(text).supported == ("BF", "FR")
    # with no country named as a setting, the most named comes first, demonyms and all
    text = ("French officials said gunmen killed 30 villagers on Sunday near the border of Burkina Faso. French "
            "aid workers and French diplomats condemned the killings.")
    assert place_context.article_countries(text).supported == ("FR", "BF")


@pytest.mark.parametrize("text, city", [
    ("MOSCOW, December 31. /TASS/. Shelling killed four people.", "Moscow"),
    # blank lines between a title, a subtitle and the dateline are no lines of text
    ("Four killed in shelling\n\nThe toll rose overnight\n\nNine were hurt\n\nKYIV (AP) — Shelling killed four.", "Kyiv"),
])
def test_datelines_with_the_agency_between_slashes_and_after_blank_lines_are_found(text, city):
    found = place_context.dateline_span(text)
    assert found is not None and found[2] == city
    assert text[found[1]:].startswith("Shelling")


def test_province_mentions_say_where_each_province_is_named_and_count_as_the_votes():
    text = "Gunmen killed six soldiers in the Sahel region of Burkina Faso on Tuesday. Troops searched Sahel region."
    countries = place_context.article_countries(text)
    resolve = lambda phrase: world_phrases.resolve_in_country(phrase, "BF")[:2]  # noqa: E731
    found = place_context.province_mentions(text, countries, resolve)
    assert [(text[start:end], country, admin1) for start, end, country, admin1 in found] == [
        ("in the Sahel region of Burkina Faso", "Burkina Faso", "Sahel"), ("Sahel region", "Burkina Faso", "Sahel")]
    assert place_context.count_provinces(found) == place_context.province_votes(text, countries, resolve) == {
        ("Burkina Faso", "Sahel"): 2}


def test_a_province_counts_in_an_article_that_names_no_country():
    # a local paper names its provinces and never its own country
    text = ("Nine farmers were found dead near a village 60 km north of Baghdad on Sunday. Police in Diyala province "
            "said the kidnappers were searching farms in Diyala.")
    countries = place_context.article_countries(text)
    assert countries.supported == ()
    gazetteer = load_gazetteer()
    resolve = lambda phrase: resolve_places(phrase, gazetteer)  # noqa: E731
    assert place_context.province_votes(text, countries, resolve) == {("Iraq", "Diyala"): 2}


@pytest.mark.parametrize("text, codes, expected", [
    ("in Zorbatepec, Mexican state of Guerrero, officials said", ("MX",), ("Mexico", "Guerrero")),
    ("in Zorbatepec, in the Colombian department of Cauca.", ("CO",), ("Colombia", "Cauca")),
    ("in Dankwari, in the state of Zamfara", ("NG",), ("Nigeria", "Zamfara")),
    ("in Zorbatepec, Mexico, on Sunday", ("MX",), None),  # the country, not a province
])
def test_a_province_named_as_the_state_of_y_after_a_place_is_its_province(text, codes, expected):
    assert place_context.province_after(text, text.index(","), codes) == expected

"""A village the index lacks, placed by the town or unit a report ties it to (issue 15, helpers.world_phrases), on
sentences written for these tests (none is from a corpus article). Invented village names (Zorbatou, Karbuzai,
Dankwari, Mbulakasa) are checked absent from the index, so each test exercises the tie, not a lookup."""
import pandas as pd
import pytest

from helpers import world_phrases, world_places
from helpers.annotate import annotate_articles
from fixtures.place_rows import first_place


@pytest.mark.parametrize("name, code", [("Zorbatou", "NE"), ("Karbuzai", "PK"), ("Dankwari", "NG"), ("Mbulakasa", "CD")])
def test_the_invented_villages_are_unknown_to_the_index(name, code):
    assert world_places.lookup(name, code) == ()


@pytest.mark.parametrize("phrase, country, admin1", [
    # proximity: a distance, a bearing or 'near' from a known town
    ("in Zorbatou, about 30 km north of Ouallam", "Niger", "Tillaberi"),
    ("in Zorbatou, some 40 kilometres from Ouallam", "Niger", "Tillaberi"),
    ("in Zorbatou near Ouallam", "Niger", "Tillaberi"),
    ("in Mbulakasa, a village 15 km from Beni", "Democratic Republic of the Congo", "North Kivu"),
    ("in Karbuzai, 20 miles south of Parachinar", "Pakistan", "Khyber Pakhtunkhwa"),
])
def test_a_village_near_a_known_town_takes_its_province_at_its_point(phrase, country, admin1):
    fields, precision = world_phrases.resolve_elsewhere(phrase, country)
    assert (fields["place"], fields["admin1"], fields["country"], precision) == (
        phrase.split()[1].rstrip(","), admin1, country, "near_place")
    assert fields["latitude"] is not None  # the town's point: the village is near it, not at it


@pytest.mark.parametrize("phrase, country, admin1", [
    # containment: a village in / of a district or town, the capital of a district, the province's village
    ("in Dankwari, a community in Gusau", "Nigeria", "Zamfara"),
    ("in Dankwari village of Gusau", "Nigeria", "Zamfara"),
    ("in Zorbatou village of Ouallam district", "Niger", "Tillaberi"),
    ("in the Tillaberi-region village of Zorbatou", "Niger", "Tillaberi"),
    ("in the Zamfara village of Dankwari", "Nigeria", "Zamfara"),
    ("in Mbulakasa, capital of Beni territory", "Democratic Republic of the Congo", "North Kivu"),
    ("in Karbuzai, a village in the Kurram district of Khyber Pakhtunkhwa", "Pakistan", "Khyber Pakhtunkhwa"),
    # a settlement word with a word of size or standing before it
    ("in Dankwari, an important locality of Gusau", "Nigeria", "Zamfara"),
    ("in Dankwari, a major market town in Gusau", "Nigeria", "Zamfara"),
])
def test_a_village_inside_a_known_unit_or_town_takes_its_province_without_a_point(phrase, country, admin1):
    fields, precision = world_phrases.resolve_elsewhere(phrase, country)
    village = next(word for word in ("Zorbatou", "Karbuzai", "Dankwari", "Mbulakasa") if word in phrase)
    assert (fields["place"], fields["admin1"], fields["country"], precision) == (village, admin1, country, "place")
    assert fields["latitude"] is None


def test_a_known_place_keeps_its_own_province_whatever_it_is_tied_to():
    fields, precision = world_phrases.resolve_elsewhere("in Gusau, about 60 km from Sokoto", "Nigeria")
    assert (fields["place"], fields["admin1"], precision) == ("Gusau", "Zamfara", "place")


def test_a_tie_to_a_name_the_index_lacks_gives_no_province():
    fields, precision = world_phrases.resolve_elsewhere("in Zorbatou, about 30 km north of Quxobaro", "Niger")
    assert (fields["place"], fields["admin1"], precision) == ("Zorbatou", None, "place")


@pytest.mark.parametrize("between, tied", [
    (", a village near ", True), (", about 30 km north of ", True), (", some 40 kilometres from ", True),
    (" 25 miles east of ", True), (", a remote farming village in ", True), (", the provincial capital of ", True),
    (" village of ", True), (" near ", True),
    (" and ", False), (", ", False), (" in ", False), (", where ", False), (" from ", False), ("", False),
    (", a spokesman in ", False), (" said in ", False),
])
def test_only_the_words_of_a_tie_join_two_location_phrases(between, tied):
    assert world_phrases.is_tie(between) is tied


def test_two_places_joined_by_and_stay_two_phrases():
    class Phrase(tuple):
        def __new__(cls, *items):
            return super().__new__(cls, items)

    text = "in Gusau and near Sokoto"
    phrases = [Phrase(0, 8, "in Gusau"), Phrase(13, 24, "near Sokoto")]
    assert world_phrases.join_tied(text, phrases) == phrases
    text = "in Zorbatou, 30 km north of Ouallam"
    phrases = [Phrase(0, 11, "in Zorbatou"), Phrase(25, 35, "of Ouallam")]
    assert [tuple(p) for p in world_phrases.join_tied(text, phrases)] == [(0, 35, text)]


ARTICLES = pd.DataFrame([
    ("near", "Gunmen killed 12 villagers in Zorbatou, about 30 km north of Ouallam, on Sunday, Niger's army said."),
    ("in", "Bandits killed 20 farmers in Dankwari, a community in Gusau, on Sunday, Nigerian police said."),
    ("of", "Bandits killed 20 farmers in the Zamfara village of Dankwari on Sunday, Nigerian police said."),
    ("fata", "Militants killed nine soldiers in Parachinar on Monday, Pakistani officials said."),
    ("de_las", "Gunmen killed 14 people in the town of San Pedro de las Zorbas, in the Mexican state of Michoacan, "
               "on Sunday, officials said."),
], columns=["article_id", "text"]).assign(published="2023-05-10")


@pytest.fixture(scope="module")
def mentions() -> pd.DataFrame:
    return annotate_articles(ARTICLES).set_index("article_id")


_place = first_place


@pytest.mark.parametrize("article_id, expected", [
    ("near", ("Zorbatou", "Tillaberi", "Niger", "near_place")),
    ("in", ("Dankwari", "Zamfara", "Nigeria", "place")),
    ("of", ("Dankwari", "Zamfara", "Nigeria", "place")),
    # not San Pedro, a town the index has in another state: the whole name, in the state named after it
    ("de_las", ("San Pedro de las Zorbas", "Michoacan", "Mexico", "place")),
])
def test_the_attack_is_in_the_village_and_the_province_it_is_tied_to(mentions, article_id, expected):
    assert _place(mentions, article_id) == expected


def test_a_town_of_a_merged_province_is_in_the_province_it_was_merged_into(mentions):
    # the tribal areas were merged into Khyber Pakhtunkhwa in 2018 (data/gazetteer/admin1_merged.csv)
    assert _place(mentions, "fata") == ("Parachinar", "Khyber Pakhtunkhwa", "Pakistan", "place")
    assert world_places.lookup("FATA", "PK", kind="admin1")[0].name == "Khyber Pakhtunkhwa"


@pytest.mark.parametrize("phrase, country, admin1, precision", [
    ("near Moscow", "Russia", "Moscow Oblast", "near_place"),
    ("outside Bamako", "Mali", "Koulikoro", "near_place"),
    ("in Zorbatou, about 30 km north of Niamey", "Niger", "Tillaberi", "near_place"),
    # named as the place itself, the capital is its own unit
    ("in Moscow", "Russia", "Moskva", "place"),
    ("in Bamako", "Mali", "Bamako", "place"),
])
def test_a_place_near_a_capital_that_is_its_own_unit_is_in_the_province_around_it(phrase, country, admin1, precision):
    fields, found = world_phrases.resolve_elsewhere(phrase, country)
    assert (fields["admin1"], found) == (admin1, precision)


def test_a_place_near_a_city_of_an_ordinary_province_keeps_that_province():
    fields, precision = world_phrases.resolve_elsewhere("near Gusau", "Nigeria")
    assert (fields["admin1"], precision) == ("Zamfara", "near_place")


@pytest.mark.parametrize("phrase, country, admin1, precision", [
    ("in northern Sinai", "Egypt", "North Sinai", "admin1"),
    ("in the north of the Sinai Peninsula", "Egypt", "North Sinai", "admin1"),
    ("in northern Kivu", "Democratic Republic of the Congo", "North Kivu", "admin1"),
    ("in southern Waziristan", "Pakistan", "Khyber Pakhtunkhwa", "admin2"),
])
def test_a_compass_word_before_a_name_is_the_unit_named_with_that_direction(phrase, country, admin1, precision):
    fields, found = world_phrases.resolve_elsewhere(phrase, country)
    assert (fields["admin1"], fields["country"], found) == (admin1, country, precision)


@pytest.mark.parametrize("phrase, country", [
    ("in eastern Ukraine", "Ukraine"),  # a part of the country, no unit
    ("in northern Borno", "Nigeria"),  # no 'North Borno': the part of Borno is no unit either
    ("north of Sinai", "Egypt"),  # 'north of X' without 'the' is outside X
])
def test_a_compass_word_gives_no_unit_the_country_lacks(phrase, country):
    fields, _ = world_phrases.resolve_elsewhere(phrase, country)
    assert fields["admin1"] is None


@pytest.mark.parametrize("phrase, country, admin1", [
    # a sub-county named after its province with a compass word gives the province
    ("in Bur Dhagax village in Mandera East", "Kenya", "Mandera"),
    ("in Bur Dhagax, a village in Wajir West", "Kenya", "Wajir"),
])
def test_a_division_named_after_its_province_gives_that_province(phrase, country, admin1):
    assert world_places.lookup("Bur Dhagax", "KE") == ()  # an invented village
    fields, precision = world_phrases.resolve_elsewhere(phrase, country)
    assert (fields["place"], fields["admin1"], fields["country"], precision) == ("Bur Dhagax", admin1, country, "place")


def test_a_division_named_alone_is_admin2_in_its_province_with_no_point():
    fields, precision = world_phrases.resolve_elsewhere("in Wajir West", "Kenya")
    assert (fields["place"], fields["admin1"], fields["latitude"], precision) == ("Wajir West", "Wajir", None, "admin2")


def test_a_province_s_english_name_is_an_alias_of_its_own():
    fields, precision = world_phrases.resolve_elsewhere("in Chad's Lake region", "Chad")
    assert (fields["admin1"], precision) == ("Lac", "admin1")


@pytest.mark.parametrize("phrase, code, admin1", [
    ("in a remote area of Balochistan", "PK", "Balochistan"),
    ("in a hilly area of Borno State", "NG", "Borno"),
])
def test_an_area_of_a_province_is_somewhere_in_that_province(phrase, code, admin1):
    # 'an area of X' names no town X: the province at its centroid, precision admin1 (issue 15)
    fields, precision, _ = world_phrases.resolve_in_country(phrase, code)
    assert (fields["place"], fields["admin1"], precision) == (None, admin1, "admin1")


@pytest.mark.parametrize("phrase, place, admin1, precision", [
    ("in Bokkos Local Government Area", "Bokkos", "Plateau", "admin2"),
    ("in the Tsafe Local Government Area", "Tsafe", "Zamfara", "admin2"),
    ("in Guma LGA", "Guma", "Benue", "admin2"),
    ("in Shiroro local government", "Shiroro", "Niger", "admin2"),
    ("in Zzyzxville village of Rafi Local Government Area", "Zzyzxville", "Niger", "place"),
    ("in Zzyzxville in Zurmi LGA", "Zzyzxville", "Zamfara", "place"),
])
def test_a_nigerian_local_government_area_is_a_district(phrase, place, admin1, precision):
    fields, found = world_phrases.resolve_elsewhere(phrase, "Nigeria")
    assert (fields["place"], fields["admin1"], found) == (place, admin1, precision)


def test_the_words_local_government_alone_name_no_district():
    fields, found = world_phrases.resolve_elsewhere("in the local government area", "Nigeria")
    assert fields["place"] is None and fields["admin1"] is None


@pytest.mark.parametrize("phrase, given, admin1, country", [
    ("in Niger State", None, "Niger", "Nigeria"),  # a state named like a country is the state, no country named
    ("in Zzyzxville in Niger state", None, "Niger", "Nigeria"),
    ("in Mexico State", None, "Mexico", "Mexico"),
    ("in the southern Mexico state of Guerrero", "Mexico", "Guerrero", "Mexico"),  # the country's state of Guerrero
    ("in Zzyzxville, home of the Concerned Farmers Of Niger State", "Nigeria", None, "Nigeria"),  # an association
])
def test_a_state_named_like_a_country_is_that_state(phrase, given, admin1, country):
    fields, _ = world_phrases.resolve_elsewhere(phrase, given)
    assert (fields["admin1"], fields["country"]) == (admin1, country)


def test_a_country_named_before_state_is_counted_only_for_its_state_media():
    from helpers import place_context

    assert "NE" not in place_context.country_counts("Gunmen raided a village in Niger state on Sunday.")
    assert "NE" not in place_context.country_counts("Gunmen raided a village in Niger State on Sunday.")
    assert place_context.country_counts("Niger state television said eight soldiers died.").get("NE") == 1


_STATE_ARTICLES = pd.DataFrame({
    "article_id": ["state_named", "state_lower", "country_media"],
    "text": ["Gunmen killed 14 miners on Monday at a pit in Zzyzxville in Munya Local Government Area of Niger State, "
             "the Niger State police command said.",
             "Bandits killed nine traders on the road to Zzyzxville in Niger state on Friday, police said.",
             "Jihadists killed 11 soldiers in Niger's Tahoua region on Sunday, Niger state television said."],
    "published": [None] * 3, "title": [""] * 3, "outlet": [""] * 3})


@pytest.mark.parametrize("article_id, admin1, country", [
    ("state_named", "Niger", "Nigeria"),
    ("state_lower", "Niger", "Nigeria"),
    ("country_media", "Tahoua", "Niger"),
])
def test_a_report_from_niger_state_is_placed_in_nigeria(article_id, admin1, country):
    mentions = annotate_articles(_STATE_ARTICLES).set_index("article_id")
    _, found_admin1, found_country, _ = first_place(mentions, article_id)
    assert (found_admin1, found_country) == (admin1, country)


@pytest.mark.parametrize("phrase, country, place, admin1", [
    ("in Port-au-Prince", "Haiti", "Port-au-Prince", "Ouest"),  # a French particle inside a hyphenated name
    ("near Pont-à-Mousson", "France", None, None),  # 'à' is no particle here: nothing is guessed from 'Pont'
    ("in Barmal district", "Afghanistan", "Bermal", "Paktika"),  # a lower-case word still ends a name (GeoNames spells it Bermal)
])
def test_a_particle_inside_a_hyphenated_name_keeps_the_whole_name(phrase, country, place, admin1):
    fields, _ = world_phrases.resolve_elsewhere(phrase, country)
    assert (fields["place"], fields["admin1"]) == (place, admin1)


def test_an_elided_article_inside_a_name_keeps_the_whole_name():
    import re

    from helpers import place_context

    assert re.findall(place_context.NAME_PATTERN, "gangs raided Petite-Rivière-de-l'Artibonite overnight") == [
        "Petite-Rivière-de-l'Artibonite"]
    assert re.findall(place_context.NAME_PATTERN, "the army in Port-au-Prince and Les Cayes") == [
        "Port-au-Prince", "Les Cayes"]


def test_a_country_before_state_after_an_article_qualifies_one_of_its_states():
    from helpers import places

    assert places.is_country_modifier("Gunmen struck in the southern ", "Mexico state")
    assert not places.is_country_modifier("Gunmen struck in ", "Niger state")
    assert not places.is_country_modifier("Gunmen struck in the ", "Niger State")  # the capital says its name
    assert "NG" not in place_context_counts("the Niger State Government said 12 miners died") \
        and "NE" not in place_context_counts("the Niger State Government said 12 miners died")


def place_context_counts(text):
    from helpers import place_context

    return place_context.country_counts(text)


@pytest.mark.parametrize("phrase, country, place, admin1", [
    # 'de los', 'de las' inside a Spanish name: the whole name, not the known town its first words spell
    ("in the town of San Pedro de las Zorbas, in the Mexican state of Michoacan", "Mexico", "San Pedro de las Zorbas",
     None),
    ("in Santa Rosa de los Zorbales", "Mexico", "Santa Rosa de los Zorbales", None),
])
def test_a_spanish_article_inside_a_name_keeps_the_whole_name(phrase, country, place, admin1):
    fields, _ = world_phrases.resolve_elsewhere(phrase, country)
    assert fields["place"] == place


@pytest.mark.parametrize("between", [", part of ", ", part of the municipality of ", ", a part of "])
def test_part_of_is_a_containment_tie(between):
    assert world_phrases.is_tie(between)
    fields, precision = world_phrases.resolve_elsewhere(f"in Dankwari{between}Gusau", "Nigeria")
    assert (fields["place"], fields["admin1"], precision) == ("Dankwari", "Zamfara", "place")

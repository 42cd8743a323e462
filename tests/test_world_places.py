"""Places anywhere in the world (issue 15), on sentences written for these tests (none is from a corpus article)."""
import itertools

import pandas as pd
import pytest

from helpers import place_context, places, world_phrases, world_places
from helpers.annotate import annotate_articles
from helpers.visualise import load_boundaries

# --- the index ------------------------------------------------------------------------------------------------


def test_a_village_of_500_people_abroad_is_in_the_index_with_its_province():
    # GeoNames' 500-people extract: Al-Barka (Basilan, Philippines) and Quetta's province come from the index
    [barka] = world_places.lookup("Al-Barka", "PH")[:1]
    assert (barka.kind, barka.admin1, barka.country) == ("place", "Basilan", "Philippines")
    assert barka.latitude is not None


def test_transliterations_and_possessives_fold_to_one_place():
    assert world_places.lookup("Qandahar", "AF")[0].name == world_places.lookup("Kandahar", "AF")[0].name
    assert world_places.lookup("Quetta's", "PK")[0].name == "Quetta"
    assert world_places.lookup("Quetta’s", "PK")[0].admin1 == "Balochistan"


def test_an_abbreviation_matches_only_as_written():
    assert world_places.lookup("KP", "PK")[0].name == "Khyber Pakhtunkhwa"
    assert world_places.lookup("kp", "PK") == ()


def test_nothing_is_matched_in_another_country():
    assert world_places.lookup("Quetta", "AF") == ()
    assert world_places.lookup("Tirah", "TR") == ()  # the Pakistani valley is not Turkey's Tire
    assert world_places.lookup("Borno", "NE") == ()


def test_with_no_country_only_a_large_city_is_taken():
    assert world_places.lookup("Mogadishu", None)[0].country == "Somalia"
    assert world_places.lookup("Al-Barka", None) == ()


@pytest.mark.parametrize("name, code, admin1", [
    ("Borno", "NG", "Borno"), ("Rivers", "NG", "Rivers"), ("Balochistan", "PK", "Balochistan"),
    ("Khyber Pakhtunkhwa", "PK", "Khyber Pakhtunkhwa"), ("Helmand", "AF", "Helmand"),
])
def test_a_province_named_alone_is_an_admin1_unit_at_a_point_inside_it(name, code, admin1):
    unit = world_places.lookup(name, code, kind="admin1")[0]
    assert (unit.kind, unit.name, unit.country_code) == ("admin1", admin1, code)
    assert world_places.admin1_of_point(unit.latitude, unit.longitude, code).name == admin1


def test_regions_have_no_point():
    valley = world_places.lookup("Tirah Valley", "PK")[0]
    assert (valley.kind, valley.admin1, valley.latitude) == ("region", "Khyber Pakhtunkhwa", None)


def test_a_town_in_a_country_drawn_at_a_finer_level_takes_its_geonames_admin1():
    # Uganda's polygons are its districts; its first level (GeoNames, ISO 3166-2) is its four regions
    assert world_places.boundary_is_first_level()["UG"] is False
    assert world_places.boundary_is_first_level()["NG"] is True
    [town] = world_places.lookup("Kasese", "UG", kind="place")[:1]
    assert (town.admin1, town.country) == ("Western", "Uganda")
    [region] = world_places.lookup("Western Region", "UG", kind="admin1")
    assert region.name == "Western" and region.latitude is not None


def test_a_province_created_after_the_boundary_file_is_known_with_its_towns():
    # DR Congo split Orientale into four provinces in 2015: Bunia is the capital of Ituri
    assert world_places.lookup("Bunia", "CD", kind="place")[0].admin1 == "Ituri"
    [ituri] = world_places.lookup("Ituri", "CD", kind="admin1")
    assert ituri.latitude is not None and ituri.country == "Democratic Republic of the Congo"


def test_a_province_renamed_since_the_boundary_file_takes_its_current_name():
    # Libya's districts of 2007: Ajdabiya lies in Al Wahat; Natural Earth still names the unit by Ajdabiya
    assert world_places.lookup("Ajdabiya", "LY", kind="place")[0].admin1 == "Al Wahat"
    assert world_places.lookup("Al Wahat", "LY", kind="admin1")[0].name == "Al Wahat"


def test_a_district_is_an_admin2_unit_under_its_province_after_any_town_of_its_name():
    [kurram] = world_places.lookup("Kurram District", "PK")[:1]
    assert (kurram.kind, kurram.name, kurram.admin1) == ("admin2", "Kurram", "Khyber Pakhtunkhwa")
    assert [place.kind for place in world_places.lookup("Bannu", "PK")][:2] == ["place", "admin2"]
    assert world_places.lookup("Kurram", "AF", kind="admin2") == ()  # never in another country


@pytest.mark.parametrize("phrase, country, place, admin1, precision", [
    ("in the Kurram district", "Pakistan", "Kurram", "Khyber Pakhtunkhwa", "admin2"),
    ("in Kurram", "Pakistan", "Kurram", "Khyber Pakhtunkhwa", "admin2"),
    ("in the Kpendjal prefecture", "Togo", "Kpendjal", "Savanes", "admin2"),
    ("in Bannu district", "Pakistan", "Bannu", "Khyber Pakhtunkhwa", "admin2"),
    ("in Bannu", "Pakistan", "Bannu", "Khyber Pakhtunkhwa", "place"),
])
def test_a_district_named_alone_is_admin2_with_its_province(phrase, country, place, admin1, precision):
    fields, found = world_phrases.resolve_elsewhere(phrase, country)
    assert (fields["place"], fields["admin1"], fields["country"], found) == (place, admin1, country, precision)


def test_every_country_of_the_world_boundaries_has_province_borders_for_maps():
    nigeria = load_boundaries(["Nigeria"])
    assert len(nigeria) == 37 and {"Borno", "Rivers", "Lagos"} <= set(nigeria["admin1"])
    assert len(load_boundaries(["Philippines"])) > 50
    codes = {code for _, code, _, _ in world_places.world_boundary_features()}
    assert len(codes) > 190 and not codes & set(places.BOUNDARY_FILES.values())


def test_the_united_states_have_state_borders_named_by_geonames():
    states = load_boundaries(["United States"])
    assert len(states) == 51 and {"Texas", "California", "District of Columbia"} <= set(states["admin1"])


def test_a_boundary_feature_with_a_name_only_takes_its_country_from_its_file():
    filled = world_places._with_country_of_file({"name": "Ohio"}, "usa")
    assert (filled["iso_a2"], filled["gn_a1_code"], filled["adm1_code"]) == ("US", "US.OH", "USA-OH")
    # a name no unit of the country has keeps no code; a file that is no country ('world') is left alone
    assert world_places._with_country_of_file({"name": "Atlantis"}, "usa")["gn_a1_code"] is None
    assert world_places._with_country_of_file({"name": "Chad"}, "world") == {"name": "Chad"}


def test_curated_world_rows_carry_their_reasons():
    assert all(row["note"] for row in world_places.admin1_aliases())
    assert all(word for word in place_context.organisation_heads())


# --- article context ------------------------------------------------------------------------------------------


def test_a_dateline_is_found_and_gives_its_country():
    text = "KARACHI (Reuters) — Gunmen killed two guards at a warehouse on Friday."
    start, end, city = place_context.dateline_span(text)
    assert (text[start:end].strip(), city) == ("KARACHI (Reuters) —", "Karachi")
    countries = place_context.article_countries(text)
    assert countries.supported == ("PK",) and countries.focus_code == "PK"
    assert place_context.dateline_span("Gunmen killed two guards - police said.") is None


def test_a_country_name_that_opens_a_longer_name_is_not_the_article_country():
    countries = place_context.article_countries("Police said gunmen raided Mali Khel, a Pakistani village.")
    assert countries.supported == ("PK",) and countries.focus == "Pakistan"


# --- whole sentences through annotate ---------------------------------------------------------------------------

ARTICLES = pd.DataFrame([
    ("mk", "Gunmen killed four policemen at a checkpoint in MaliKhel on Monday, Pakistani officials said."),
    ("mk2", "Gunmen killed four policemen at a checkpoint in Mali Khel on Monday, Pakistani officials said."),
    ("tv", "Twelve militants were killed when troops raided a hideout in the Tirah valley on Sunday, the Pakistani "
           "army said."),
    ("ab", "Six soldiers were killed when gunmen attacked a patrol in Al-Barka on Friday, the Philippine "
           "military said."),
    ("dl", "BAGHDAD (AP) — A suicide bomber killed 15 people at a crowded market on Thursday, police said."),
    ("qt", "A bomb killed nine people in Quetta's Hazara Town on Tuesday, Pakistani police said."),
    ("bo", "Insurgents killed 20 farmers in Borno state on Saturday, Nigerian officials said."),
    ("kp", "Militants killed seven soldiers in KP on Monday, the Pakistani military said."),
    ("ba", "Separatists killed 14 bus passengers in Balochistan on Thursday, Pakistani officials said."),
    ("rs", "Gunmen killed eight people in Rivers State on Sunday, Nigerian police said."),
    ("ks", "A roadside bomb killed five Afghan soldiers in Helmand on Monday, Kabul said."),
    ("org", "The Kirkuk Police Command said a bomb killed three soldiers in Hawija on Monday."),
], columns=["article_id", "text"]).assign(published="2023-05-10")


@pytest.fixture(scope="module")
def mentions() -> pd.DataFrame:
    rows = annotate_articles(ARTICLES)
    return rows.set_index("article_id")


def _place(mentions, article_id):
    row = mentions.loc[article_id]
    row = row.iloc[0] if isinstance(row, pd.DataFrame) else row
    return tuple(None if pd.isna(row[c]) else row[c] for c in ("place", "admin1", "country", "geo_precision"))


def test_a_pakistani_village_named_like_a_country_stays_in_pakistan(mentions):
    assert _place(mentions, "mk") == ("MaliKhel", None, "Pakistan", "place")
    # written in two words, the tagger sees the country 'Mali': never a place in a country the article does not name
    assert _place(mentions, "mk2")[2] != "Mali"


def test_a_valley_is_a_region_of_the_article_country_not_a_foreign_town(mentions):
    assert _place(mentions, "tv") == ("Tirah Valley", "Khyber Pakhtunkhwa", "Pakistan", "region")
    assert pd.isna(mentions.loc["tv", "latitude"])


def test_a_village_abroad_is_not_a_namesake_in_the_curated_countries(mentions):
    assert _place(mentions, "ab") == ("Al-Barka", "Basilan", "Philippines", "place")
    assert mentions.loc["ab", "target"] == "Philippine government forces"


def test_a_dateline_is_not_the_place_of_the_attack(mentions):
    # the dateline says which country the report is about, and nothing more precise
    assert _place(mentions, "dl") == (None, None, "Iraq", "country")
    assert pd.isna(mentions.loc["dl", "latitude"]) and pd.isna(mentions.loc["dl", "location_text"])


def test_a_possessive_folds_to_its_city(mentions):
    assert _place(mentions, "qt") == ("Quetta", "Balochistan", "Pakistan", "place")


@pytest.mark.parametrize("article_id, admin1, country", [
    ("bo", "Borno", "Nigeria"), ("kp", "Khyber Pakhtunkhwa", "Pakistan"), ("ba", "Balochistan", "Pakistan"),
    ("rs", "Rivers", "Nigeria"), ("ks", "Helmand", "Afghanistan"),
])
def test_a_province_named_alone_is_admin1_with_its_centroid(mentions, article_id, admin1, country):
    assert _place(mentions, article_id) == (None, admin1, country, "admin1")
    unit = world_places.admin1_of_point(mentions.loc[article_id, "latitude"], mentions.loc[article_id, "longitude"],
                                        places.country_code_of(country))
    assert unit.name == admin1


def test_a_capital_speaking_for_its_government_is_not_the_place(mentions):
    assert _place(mentions, "ks")[0] != "Kabul"


def test_an_organisation_named_after_a_province_does_not_place_the_attack(mentions):
    place, admin1, country, _ = _place(mentions, "org")
    assert (place, admin1, country) == ("Al Hawijah", "Kirkuk", "Iraq")  # the curated gazetteer's display name
    assert "Kirkuk Police" not in str(mentions.loc["org", "location_text"])


# --- 500 capitalised words that are not places ------------------------------------------------------------------

FIRST_NAMES = """Ahmed Fatima Ibrahim Amina Yusuf Khadija Omar Aisha Hassan Zainab Musa Halima Abdullahi Maryam Bello
Grace John Peter Mary Joseph Samuel Esther Daniel Ruth Emmanuel""".split()
SURNAMES = """Okafor Abubakar Mohammed Danjuma Adeyemi Khan Yousafzai Rahimi Karimi Haidari Mensah Diallo Traore
Ouedraogo Keita Santos Reyes Cruz Mendoza Garcia""".split()
ORGANISATIONS = """Amnesty International|Human Rights Watch|Doctors Without Borders|the Red Cross|the United Nations|
UNICEF|the World Food Programme|Reuters|the Associated Press|Agence France-Presse|Al Jazeera|the BBC|the Pentagon|
the European Union|the African Union|the Taliban|Boko Haram|Al-Shabaab|Abu Sayyaf|the Haqqani network|
Lashkar-e-Taiba|Jaish-e-Mohammed|the Tehreek-e-Taliban|Ansaru|the Wagner Group|the Interior Ministry|
the Defence Ministry|Parliament|the Senate|the Supreme Court""".replace("\n", "").split("|")
CALENDAR = """January February March April May June July August September October November December Monday Tuesday
Wednesday Thursday Friday Saturday Sunday Ramadan Eid Christmas Easter""".split()
TEMPLATES = [
    "{name} said gunmen killed three soldiers in Kunduz province, Afghan officials said.",
    "Gunmen killed three soldiers in Kunduz province, according to {name}, Afghan officials said.",
]


def _non_places() -> list[str]:
    people = [f"{first} {last}" for first, last in itertools.product(FIRST_NAMES, SURNAMES)]
    words = CALENDAR + ORGANISATIONS + people
    return words[:500]


def test_500_capitalised_non_places_never_become_a_place_in_another_country():
    names = _non_places()
    assert len(names) == 500 and len(set(names)) == 500
    texts = [TEMPLATES[i % 2].format(name=name[0].upper() + name[1:]) for i, name in enumerate(names)]
    frame = pd.DataFrame({"article_id": [f"n{i:03d}" for i in range(500)], "text": texts, "published": None})
    rows = annotate_articles(frame)
    assert rows["article_id"].nunique() == 500
    wrong = rows[rows["country"].notna() & (rows["country"] != "Afghanistan")]
    assert wrong.empty, wrong[["article_id", "location_text", "place", "country"]].to_string()
    assert set(rows["admin1"].dropna()) <= {"Kunduz"}


def test_countries_outside_the_force_list_are_counted_by_name_and_demonym():
    counts = place_context.country_counts("Ivorian troops said the raid near the border with Burkina Faso "
                                          "was the second on Côte d'Ivoire this year. Chinese media agreed.")
    assert counts == {"CI": 2, "BF": 1, "CN": 1}


def test_a_dateline_after_a_title_line_and_with_a_colon_is_found():
    text = "Attack on a market\nPESHAWAR: Gunmen killed two guards at a warehouse on Friday."
    start, end, city = place_context.dateline_span(text)
    assert (text[start:end], city) == ("PESHAWAR: ", "Peshawar")
    assert place_context.article_countries(text).supported == ("PK",)
    assert place_context.dateline_span("Gunmen killed two guards.\nThe police said: nothing.") is None


def test_a_curated_province_named_alone_has_its_centroid_and_a_region_none():
    rows = annotate_articles(pd.DataFrame([
        ("p1", "Militants killed nine soldiers in Raqqa province on Monday, the Syrian Observatory said.", None),
        ("p2", "Militants killed nine soldiers in the Badia on Monday, the Syrian Observatory said.", None),
    ], columns=["article_id", "text", "published"])).set_index("article_id")
    assert (rows.loc["p1", "admin1"], rows.loc["p1", "geo_precision"]) == ("Raqqa", "admin1")
    assert places.admin1_of(rows.loc["p1", "latitude"], rows.loc["p1", "longitude"])[0] == "Raqqa"
    assert rows.loc["p2", "geo_precision"] == "region" and pd.isna(rows.loc["p2", "latitude"])


def test_a_compass_area_of_the_country_does_not_replace_the_place_named():
    rows = annotate_articles(pd.DataFrame([
        ("c1", "Gunmen killed six soldiers near Bannu on Monday, Pakistani officials said. The attack in "
               "northwestern Pakistan was the third in the same area this month.", None),
    ], columns=["article_id", "text", "published"]))
    assert (rows.iloc[0]["place"], rows.iloc[0]["country"], rows.iloc[0]["geo_precision"]) == (
        "Bannu", "Pakistan", "near_place")


def test_static_and_interactive_maps_of_a_country_outside_the_seven_draw_its_provinces(tmp_path):
    from fixtures.contract_tables import write_tables

    from helpers import visualise

    tables = visualise.read_tables(write_tables(tmp_path / "tables"))
    events = tables["events"].copy()
    events["country"] = "Somalia"
    events.loc[events["latitude"].notna(), ["latitude", "longitude"]] = [2.05, 45.32]  # Mogadishu
    figure, _ = visualise.static_map(events, tables["mentions"], "perpetrator", visualise.BOUNDARIES_DIR)
    texts = " ".join(text.get_text() for ax in figure.axes for text in ax.texts)
    assert "No province borders shipped for" not in texts
    page, _ = visualise.interactive_map(events, tables["mentions"], "perpetrator", visualise.BOUNDARIES_DIR)
    assert "Banaadir" in page or "Banadir" in page  # the province polygons travel with the page


def test_a_dateline_town_puts_its_country_first_among_those_the_article_names():
    text = ("BANNU: Afghan fighters crossed from Afghanistan, Pakistani officials said. Afghan officials denied "
            "that gunmen came from Afghanistan.")
    assert place_context.article_countries(text).supported == ("PK", "AF")


def test_a_province_in_the_possessive_gives_the_country_of_its_district():
    fields, precision = world_phrases.resolve_elsewhere("in Khyber Pakhtunkhwa’s Kurram district", None)
    assert (fields["place"], fields["admin1"], fields["country"], precision) == (
        "Kurram", "Khyber Pakhtunkhwa", "Pakistan", "admin2")


# --- the province an article names, used where an event's own place gives none (sentences written for this) ---

PROVINCE_ARTICLES = pd.DataFrame([
    # a village the index lacks: the province the article names elsewhere is the event's
    ("pv", "Gunmen killed 12 villagers in Ndakoro on Tuesday, Malian police said. The village lies in the Mopti "
           "region, near the border with Burkina Faso."),
    # no place in the figure's sentence: the town named before its airport gives the province
    ("ap", "Houthi drones struck Abha airport on Sunday. Nine people were wounded, Saudi officials said."),
    # two provinces named as often: the one named first (a lede names the attack's place first)
    ("tie", "Gunmen killed 12 villagers in Ndakoro on Tuesday, Malian police said. Attacks have also hit the "
            "Segou region and the Mopti region this year."),
    # a village name several states share, none of them named: the state the article names, and no point
    ("ns", "Gunmen killed six police officers in Los Pinos on Monday, prosecutors in the Mexican state of Sonora "
           "said. Cartel attacks have spread across Sonora state this year."),
    ("nb", "Gunmen killed six police officers in Los Pinos, in the northern state of Sonora, on Monday, Mexican "
           "prosecutors said."),
    # ... and the namesake in the state the article names, with its point, when the index has one there
    ("nt", "Gunmen killed six police officers in El Limon on Monday, prosecutors in the Mexican state of "
           "Tamaulipas said. Cartel attacks have spread across Tamaulipas state this year."),
], columns=["article_id", "text"])


@pytest.fixture(scope="module")
def province_mentions() -> pd.DataFrame:
    return annotate_articles(PROVINCE_ARTICLES.assign(published="2023-05-10")).set_index("article_id")


def test_a_village_the_index_lacks_takes_the_province_the_article_names(province_mentions):
    assert world_places.lookup("Ndakoro", "ML") == ()  # an invented village
    assert _place(province_mentions, "pv") == ("Ndakoro", "Mopti", "Mali", "place")


def test_an_event_with_no_place_of_its_own_takes_the_town_of_the_site_named(province_mentions):
    # the province filled from the article, with no point: admin1 precision (issue 15's seventh round)
    assert _place(province_mentions, "ap") == (None, "Asir", "Saudi Arabia", "admin1")


def test_of_two_provinces_named_equally_often_the_first_named_is_taken(province_mentions):
    assert _place(province_mentions, "tie") == ("Ndakoro", "Segou", "Mali", "place")
    votes = {("Mali", "Segou"): 1, ("Mali", "Mopti"): 2, ("Niger", "Tillaberi"): 3}
    assert place_context.article_admin1(votes, "Mali") == ("Mali", "Mopti")  # named more often wins
    assert place_context.article_admin1(votes, None) == ("Niger", "Tillaberi")
    assert place_context.article_admin1(votes, "Chad") is None


def test_the_countries_an_article_names_equally_often_rank_in_the_order_named():
    countries = place_context.article_countries("Malian police said the gunmen fled towards Burkina Faso.")
    assert countries.supported == ("ML", "BF")


def test_province_votes_skip_names_that_are_no_province_and_curated_towns_abroad():
    countries = place_context.article_countries("Gunmen attacked a market in Bor, South Sudanese officials said.")
    fields = {"in the Sahel region": ({"admin1": "Sahel", "country": "Mali"}, "admin1"),
              "in Bor": ({"admin1": "Nigde", "country": "Turkey"}, "place")}
    text = "Fighting spread in the Sahel region. Gunmen attacked a market in Bor."
    votes = place_context.province_votes(text, countries, lambda phrase: fields.get(phrase, ({}, "unknown")))
    assert votes == {}  # 'Sahel' is no province of Mali; Turkey is not a country the article names


def test_a_name_particle_needs_a_name_after_it():
    import re

    assert re.match(world_phrases._NAME, "Dar es Salaam was calm").group(0) == "Dar es Salaam"
    assert re.match(world_phrases._NAME, "Barmal district").group(0) == "Barmal"
    assert re.match(world_phrases._NAME, "Afghanistan’s eastern province").group(0) == "Afghanistan’s"


def test_with_no_country_an_alternate_name_of_a_large_city_is_not_taken():
    # 'Sulu' is a Philippine province and, among its alternate names, a name of the Indonesian city Surakarta
    assert world_places.lookup("Sulu", None) == ()
    assert world_places.unique_admin1("Sulu")[0].country == "Philippines"


# --- comparing admin-1 names in the scorer ------------------------------------------------------------------------

@pytest.mark.parametrize("gold, predicted, country, same", [
    ("Aden", "Adan", "Yemen", True),                       # two transliterations of one governorate
    ("Belgorod Oblast", "Belgorod", "Russia", True),       # with and without its designator
    ("Odesa Oblast", "Odessa", "Ukraine", True),
    ("Moscow Oblast", "Moskva", "Russia", False),          # the region around the capital is not the city
    ("Nineveh", "Ninawa", "Iraq", True),                   # the curated gazetteer's aliases
    ("Kirkuk", "Nineveh", "Iraq", False),
    ("Atlantis", "Atlantis Province", "Yemen", False),     # unknown names compare as toponyms only
    ("Western", "Western Region", "Uganda", True),         # GeoNames' first level of a country drawn finer
    ("Far North", "Extreme-Nord", "Cameroon", True),       # English and French names of one region
    ("Al Wahat", "Ajdabiya", "Libya", True),               # the current name and Natural Earth's older one
    ("Ituri", "Tshopo", "Democratic Republic of the Congo", False),  # two provinces of 2015
])
def test_the_scorer_compares_admin1_by_the_unit_it_denotes(gold, predicted, country, same):
    from helpers.evaluate import _admin1_units

    assert (_admin1_units(gold, country) == _admin1_units(predicted, country)) is same


# --- an article that names no country ----------------------------------------------------------------------------

def test_an_article_naming_no_country_is_placed_by_a_province_only_one_country_has():
    text = ("Soldiers killed nine villagers in Tamu Kone village on Monday. The village lies in Sagaing Region, "
            "residents said.")
    countries = place_context.article_countries(text)
    assert countries.focus == "Myanmar"
    rows = annotate_articles(pd.DataFrame({"article_id": ["mm"], "text": [text], "published": ["2023-05-10"]}))
    assert _place(rows.set_index("article_id"), "mm")[1:3] == ("Sagaing", "Myanmar")


def test_words_that_fold_like_a_town_abroad_do_not_give_the_country():
    # 'Fourth' folds like Fuerth (Germany) and 'the South' is a province in two countries: no country is said
    text = "Commanders of the Fourth Region said six rangers were killed in the South on Thursday."
    assert place_context.article_countries(text).focus is None


def test_a_city_of_one_country_the_article_does_not_name_is_placed_there():
    texts = {
        # the report names only the attacking side: the city still tells its country
        "kr": "A Russian missile killed eight people in Kramatorsk on Monday, the Russian defence ministry said.",
        # a small town's name cut from a longer one ('Dera' of Dera Ismail Khan) is not an Ethiopian town
        "dr": "Gunmen killed five policemen in Dera on Monday, Pakistani police said.",
        # 'the Bangladeshi capital Dhaka' gives the province of an event placed only in the country
        "dh": "Gunmen stormed a cafe in the diplomatic quarter of the Bangladeshi capital Dhaka on Friday. "
              "Twenty hostages were killed, Bangladeshi officials said.",
    }
    rows = annotate_articles(pd.DataFrame({"article_id": list(texts), "text": list(texts.values()),
                                           "published": "2023-05-10"})).set_index("article_id")
    assert _place(rows, "kr") == ("Kramatorsk", "Donetsk", "Ukraine", "place")
    assert _place(rows, "dr")[2] == "Pakistan"
    assert _place(rows, "dh")[1:3] == ("Dhaka", "Bangladesh")


def test_a_country_named_before_a_place_puts_it_there():
    assert place_context.country_before("in the eastern Congolese city of ", 33) == "CD"
    assert place_context.country_before("in Nigeria’s northeastern ", 26) == "NG"
    assert place_context.country_before("Kenyan troops attacked ", 23) is None  # a verb breaks the link
    assert place_context.country_before("fighting in Mali and ", 21) is None  # a name, not a possessive
    text = ("Ugandan officials said gunmen killed 14 worshippers in the eastern Congolese town of Beni on Sunday, "
            "Ugandan police added.")
    rows = annotate_articles(pd.DataFrame({"article_id": ["cg"], "text": [text], "published": "2023-05-10"}))
    assert _place(rows.set_index("article_id"), "cg")[:3] == ("Beni", "North Kivu", "Democratic Republic of the Congo")


def test_the_at_inside_a_group_name_and_a_continent_adjective_are_no_place():
    from helpers.annotate.places import _PREPOSITION_PHRASE

    text = "Fighters of Jama'at Nusrat al-Islam wal-Muslimin attacked a post."
    assert [m.group(0) for m in _PREPOSITION_PHRASE.finditer(text)] == []
    assert not world_phrases.is_place_name("African")
    assert world_phrases.is_place_name("Western Cape")  # a province whose name starts with the adjective


def test_a_recalled_attack_takes_the_article_province_only_when_it_is_the_only_one_named():
    text = ("Gunmen killed 12 villagers in Ndakoro in the Mopti region on Tuesday, Malian police said. "
            "Last year an ambush killed 30 soldiers, officials said. The army has also fought in the Segou region.")
    rows = annotate_articles(pd.DataFrame({"article_id": ["rc"], "text": [text], "published": "2023-05-10"}))
    by_figure = rows.set_index("killed")
    assert by_figure.loc[12, "admin1"] == "Mopti"
    assert pd.isna(by_figure.loc[30, "admin1"]) and by_figure.loc[30, "country"] == "Mali"


@pytest.mark.parametrize("name, code, admin1", [
    ("Jayawijaya", "ID", "Papua Pengunungan"),  # GeoNames: "Kabupaten Jayawijaya", "Jayawijaya Regency"
    ("Dayrut", "EG", "Asyut"),  # GeoNames: "Markaz Dayrut"
])
def test_the_unit_word_of_a_district_name_is_dropped_in_the_index(name, code, admin1):
    [district] = world_places.lookup(name, code, kind="admin2")[:1]
    assert (district.name, district.admin1) == (name, admin1)


@pytest.mark.parametrize("phrase, country, place, admin1, precision", [
    ("in the municipality of Tepalcatepec", "Mexico", "Tepalcatepec", "Michoacan", "admin2"),
    ("in the regency of Jayawijaya", "Indonesia", "Jayawijaya", "Papua Pengunungan", "admin2"),
    ("in the district of Kurram", "Pakistan", "Kurram", "Khyber Pakhtunkhwa", "admin2"),
    ("in the village of Bannu", "Pakistan", "Bannu", "Khyber Pakhtunkhwa", "place"),
])
def test_a_second_level_unit_named_with_its_designator_is_admin2(phrase, country, place, admin1, precision):
    fields, found = world_phrases.resolve_elsewhere(phrase, country)
    assert (fields["place"], fields["admin1"], found) == (place, admin1, precision)
    assert fields["latitude"] is not None  # the district's centre, or its namesake town's point


@pytest.mark.parametrize("phrase, country, admin1", [
    ("in the village of Zzyzxville in Ouallam department", "Niger", "Tillaberi"),
    ("in Zzyzxville in the Bandiagara cercle", "Mali", "Mopti"),
    ("in the village of Zzyzxville, Kurram", "Pakistan", "Khyber Pakhtunkhwa"),
])
def test_a_village_the_index_lacks_takes_the_province_of_the_district_named_beside_it(phrase, country, admin1):
    fields, found = world_phrases.resolve_elsewhere(phrase, country)
    assert (fields["place"], fields["admin1"], found) == ("Zzyzxville", admin1, "place")
    assert fields["latitude"] is None  # no point is known for the village


def test_a_district_named_alone_with_a_province_designator_is_that_district():
    fields, found = world_phrases.resolve_elsewhere("in Ouallam department", "Niger")
    assert (fields["place"], fields["admin1"], found) == ("Ouallam", "Tillaberi", "admin2")


@pytest.mark.parametrize("phrase, country, place, admin1, precision", [
    ("at the Kumasi Central Market", "Ghana", "Kumasi", "Ashanti", "place"),
    ("near the Maiduguri Central Mosque", "Nigeria", "Maiduguri", "Borno", "near_place"),
    ("at the Unknownville Central Market", "Ghana", "Unknownville Central Market", None, "place"),
    ("at the Kumasi Central Brigade", "Ghana", "Kumasi Central Brigade", None, "place"),  # no building word
])
def test_a_building_named_after_its_town_is_in_that_town(phrase, country, place, admin1, precision):
    fields, found = world_phrases.resolve_elsewhere(phrase, country)
    assert (fields["place"], fields["admin1"], found) == (place, admin1, precision)


@pytest.mark.parametrize("phrase, country, place", [
    ("in the Hausa village of Zzyzxville", "Nigeria", "Zzyzxville"),  # a people's name before 'village of'
    ("in the fishing village of Zzyzxville", "Ghana", "Zzyzxville"),
    ("in Zzyzxville village", "Ghana", "Zzyzxville"),
])
def test_the_name_after_village_of_is_the_place_not_the_word_before_village(phrase, country, place):
    assert world_phrases.resolve_elsewhere(phrase, country)[0]["place"] == place


@pytest.mark.parametrize("phrase, country", [
    ("in West Africa", "Chad"), ("in the Sahel", "Burkina Faso"), ("in the Middle East", "Iraq"),
    ("across East Africa", "Kenya"), ("in the Horn of Africa", "Somalia"),
])
def test_a_region_larger_than_the_country_is_no_place_or_province_of_it(phrase, country):
    fields, found = world_phrases.resolve_elsewhere(phrase, country)
    assert (fields["place"], fields["admin1"], found) == (None, None, "unknown")


@pytest.mark.parametrize("phrase", ["in Sahel region", "in Burkina Faso's Sahel region"])
def test_a_province_named_like_a_world_region_is_taken_with_its_designator(phrase):
    # bare or tied to its country; "the Sahel region" is the band across borders (tests/test_unit_designators.py)
    fields, found = world_phrases.resolve_elsewhere(phrase, "Burkina Faso")
    assert (fields["admin1"], found) == ("Sahel", "admin1")


def test_a_village_name_several_provinces_share_gives_no_province_or_point_by_itself():
    assert len({place.admin1 for place in world_places.lookup("El Limon", "MX", kind="place")}) >= 2
    fields, found = world_phrases.resolve_elsewhere("in El Limon", "Mexico")
    assert (fields["place"], fields["admin1"], fields["latitude"], found) == ("El Limon", None, None, "place")
    fields, found = world_phrases.resolve_elsewhere("in El Limon, in Tamaulipas state", "Mexico")
    assert (fields["place"], fields["admin1"], found) == ("El Limon", "Tamaulipas", "place")
    # a town of one province keeps its province and point
    fields, _ = world_phrases.resolve_elsewhere("in Bannu", "Pakistan")
    assert (fields["admin1"], fields["latitude"] is not None) == ("Khyber Pakhtunkhwa", True)


def test_a_shared_village_name_is_its_namesake_in_the_article_province_when_the_index_has_one():
    fields = {"place": "El Limon", "admin1": None, "country": "Mexico", "latitude": None, "longitude": None}
    moved = world_phrases.namesake_in_province(fields, "Tamaulipas")
    assert (moved["place"], moved["admin1"], moved["latitude"] is not None) == ("El Limon", "Tamaulipas", True)
    assert world_phrases.namesake_in_province(fields, "Sonora") is None  # none there: the caller gives the province
    placed = {**fields, "admin1": "Guerrero"}
    assert world_phrases.namesake_in_province(placed, "Tamaulipas") is None  # a place with a province stays



def test_a_shared_village_name_takes_the_state_the_article_names_without_a_point(province_mentions):
    for article_id in ("ns", "nb"):  # named elsewhere in the article, or beside the village
        assert _place(province_mentions, article_id) == ("Los Pinos", "Sonora", "Mexico", "place")
        row = province_mentions.loc[article_id]
        row = row.iloc[0] if isinstance(row, pd.DataFrame) else row
        assert pd.isna(row["latitude"]) and pd.isna(row["longitude"])


def test_a_shared_village_name_is_the_namesake_in_the_state_the_article_names(province_mentions):
    assert _place(province_mentions, "nt") == ("El Limon", "Tamaulipas", "Mexico", "place")
    row = province_mentions.loc["nt"]
    row = row.iloc[0] if isinstance(row, pd.DataFrame) else row
    assert not pd.isna(row["latitude"])


def test_a_province_split_from_one_the_boundaries_draw_is_a_province_of_its_own():
    # Maguindanao was split in 2022 (admin1_split.csv): its halves are provinces, each its own unit for scoring
    units = world_places.lookup("Maguindanao del Sur", "PH", kind="admin1")
    assert [unit.name for unit in units] == ["Maguindanao del Sur"]
    assert world_places.admin1_identity("Maguindanao Del Sur", "Philippines") != \
        world_places.admin1_identity("Maguindanao", "Philippines")
    fields, precision, _ = world_phrases.resolve_in_country("in a remote part of Maguindanao del Norte", "PH")
    assert (fields["admin1"], precision) == ("Maguindanao del Norte", "admin1")
    # the old province is still known by its name
    assert world_places.lookup("Maguindanao", "PH", kind="admin1")


def test_every_split_province_has_a_note_and_a_geonames_district():
    rows = places._read_csv(world_places.ADMIN1_SPLIT_PATH)
    subdivisions = world_places.geonames_subdivisions()
    for row in rows:
        assert row["note"] and subdivisions[row["geonames_admin2_code"]].level == 2


def test_a_unit_whose_name_starts_with_its_unit_word_keeps_it_for_display():
    # "District of Columbia" is the unit's name, not a district named Columbia (admin1_world_aliases.csv)
    (washington, *_) = world_places.lookup("Washington", "US", kind="place")
    assert washington.admin1 == "District of Columbia"
    assert world_places.lookup("Columbia", "US", kind="admin1")[0].name == "District of Columbia"


@pytest.mark.parametrize("written, code, admin1", [
    ("Sistan-Baluchestan", "IR", "Sistan and Baluchestan"),  # GeoNames: 'Sistan and Baluchestan'
    ("Sistan-Baluchestan province", "IR", "Sistan and Baluchestan"),
    ("Kohgiluyeh-Boyer-Ahmad", "IR", "Kohgiluyeh and Buyer Ahmad"),
])
def test_a_unit_named_after_two_parts_is_found_with_a_hyphen_for_and(written, code, admin1):
    found = [place.name for place in world_places.lookup(written, code) if place.kind == "admin1"]
    assert found[:1] == [admin1]

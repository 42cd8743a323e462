"""Actor and source dictionaries: aliases map to canonical names and types."""
import pandas as pd
import spacy

from helpers import actors
from helpers.schemas import SOURCE_TYPES


def test_dictionaries_are_well_formed():
    actor_table, source_table = actors.load_actors(), actors.load_sources()
    assert not actor_table["alias"].duplicated().any()
    assert set(actor_table["actor_type"]) <= set(actors.ACTOR_TYPES)
    assert set(source_table["source_type"]) <= set(SOURCE_TYPES)
    assert (actor_table["note"].str.len() > 0).all() and (source_table["note"].str.len() > 0).all()


def test_aliases_map_to_canonical_names():
    assert actors.canonical_actors("Daesh militants and ISIS cells") == ["Islamic State"]
    assert actors.canonical_actors("regime loyalists and a Syrian army unit") == [
        "Pro-government militia", "Syrian government forces"]
    assert actors.actor_type_of("National Defence Forces") == "pro-government militia"


def test_abbreviations_match_case_sensitively():
    assert actors.canonical_actors("This is what it is") == []
    assert actors.canonical_actors("IS fighters") == ["Islamic State"]


def test_sources_and_their_types():
    found = actors.find_sources("a statement carried by Amaq news agency, and the war monitor")
    assert [(m.canonical, m.kind) for m in found] == [
        ("Amaq", "perpetrator_claim"), ("Syrian Observatory for Human Rights", "monitor")]


def test_entity_patterns_label_aliases_with_canonical_ids():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(actors.entity_patterns(nlp.tokenizer))
    doc = nlp("Daesh gunmen shot two pro-government militiamen, the Observatory reported.")
    found = {(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents}
    assert ("Daesh", "ACTOR", "Islamic State") in found
    assert ("pro-government militiamen", "ACTOR", "Pro-government militia") in found
    assert ("Observatory", "SOURCE", "Syrian Observatory for Human Rights") in found


def test_state_forces_table_is_well_formed_and_its_names_are_actors():
    table = actors.load_state_forces()
    assert table["country_code"].is_unique and (table["note"].str.len() > 0).all()
    for row in table.itertuples():
        assert actors.actor_type_of(row.forces) in ("state forces", "foreign forces"), row.forces
        assert actors.actor_type_of(row.police) == "state forces", row.police


def test_generic_force_words_take_the_country_written_before_them():
    assert actors.canonical_actors("Three Somali soldiers died") == ["Somali government forces"]
    assert actors.canonical_actors("two Iraqi federal police officers") == ["Iraqi police"]
    assert actors.canonical_actors("Nigeria's army said") == ["Nigerian government forces"]
    assert actors.canonical_actors("they let us soldiers pass") == ["Government forces"]  # 'us', not 'US'
    assert actors.canonical_actors("US troops and the Burkinabe military") == [
        "Burkinabe government forces", "US forces"]


def test_state_forces_of_a_country_by_name_code_or_demonym():
    assert actors.state_forces_of("Somalia", "Government forces") == "Somali government forces"
    assert actors.state_forces_of("AF", "Police") == "Afghan police"
    assert actors.state_forces_of("Syria", "Government forces") == "Syrian government forces"
    assert actors.state_forces_of("Atlantis", "Police") is None
    assert actors.state_forces_of(None, "Police") is None


def test_country_mentions_count_names_and_demonyms_as_written():
    counts = actors.country_mentions("Malian troops crossed into Niger; Mali's army and Nigerien police met.")
    assert counts == {"Mali": 2, "Niger": 2}


def test_longest_alias_wins_and_apostrophes_and_hyphens_vary():
    found = [(m.alias, m.canonical) for m in actors.find_actors(
        "the Islamic State West Africa Province and the Kurdistan Workers’ Party, al Shabaab")]
    assert found == [("Islamic State West Africa Province", "Islamic State West Africa Province"),
                     ("Kurdistan Workers’ Party", "PKK"), ("al Shabaab", "al-Shabaab")]


def test_generic_attacker_words_give_way_to_a_named_group():
    assert actors.canonical_actors("Taliban militants and gunmen") == ["Taliban"]
    assert actors.canonical_actors("suspected jihadists") == ["Unidentified jihadists"]
    assert actors.is_generic("Unidentified armed group") and not actors.is_generic("Boko Haram")


def test_an_actor_glued_to_linked_or_backed_is_not_that_actor():
    assert actors.canonical_actors("al-Qaeda-linked fighters") == []


def test_role_words_are_sources_and_leave_actors_to_the_actor_patterns():
    assert [m.canonical for m in actors.find_sources("a provincial police chief and two residents")] == [
        "police", "resident"]
    lower, tokens = actors.phrase_patterns()
    sources = {p["pattern"] for p in lower if p["label"] == actors.SOURCE_LABEL}
    assert "police" not in sources and "residents" not in sources  # ACTOR patterns in the text
    assert {"ORTH": "US"} in [t for p in tokens if p["id"] == "US forces" for t in p["pattern"]]


def test_state_news_agencies_by_country():
    assert actors.state_news_agency_of("Syria") == "SANA"
    assert actors.state_news_agency_of("Iraqi") == "Iraqi News Agency"
    assert actors.state_news_agency_of("Burkina Faso") is None  # left blank where unsure
    names = set(actors.load_sources()["canonical"])
    assert set(actors.load_state_forces()["news_agency"]) - {""} <= names  # each one is a source of its own

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

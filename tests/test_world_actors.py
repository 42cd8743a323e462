"""The world dictionary of armed groups, states named by their strikes, branches of parent organisations, and
actors compared by identity, on sentences written for these tests."""
import pandas as pd
import pytest

from helpers import actors, annotate, evaluate
from helpers.paths import DATA_DIR


def test_armed_groups_file_is_well_formed_and_every_group_is_in_the_crosswalk():
    groups = pd.read_csv(DATA_DIR / "dictionaries" / "armed_groups.csv", dtype="string", keep_default_na=False)
    assert list(groups.columns) == ["canonical", "actor_type", "alias", "note"]
    assert (groups["note"].str.len() > 20).all()
    assert not groups["alias"].duplicated().any()
    table = actors.load_actors()
    assert set(groups["alias"]) <= set(table["alias"])
    from helpers import crosswalk

    assert set(groups["canonical"]) <= set(crosswalk.load_crosswalk().index)


@pytest.mark.parametrize("text, expected", [
    ("Fighters of the OLF-Shene raided the village at dawn", "Oromo Liberation Army"),
    ("Naxalites set off a landmine in the forest", "Maoist insurgents"),
    ("gunmen of the Jalisco New Generation Cartel opened fire", "Jalisco New Generation Cartel"),
    ("the CJNG blocked roads with burning trucks", "Jalisco New Generation Cartel"),
    ("militants of Tehreek-i-Jihad Pakistan stormed the post", "Tehreek-e-Jihad Pakistan"),
    ("ISCAP said its fighters burned the church", "Allied Democratic Forces"),
    ("Murle armed youth raided cattle camps", "Murle ethnic militia"),
    ("remnants of the Shining Path were blamed for the massacre", "Shining Path"),
    ("Sendero Luminoso remnants were blamed", "Shining Path"),
    ("an attack claimed by Jamaah Ansharut Daulah", "Jamaah Ansharut Daulah"),
])
def test_world_armed_groups_are_found_by_their_names_and_abbreviations(text, expected):
    assert actors.canonical_actors(text) == [expected]


def test_aliases_that_are_ordinary_words_or_other_parties_are_not_groups():
    assert actors.canonical_actors("The PDF of the report was shared") == []
    assert actors.canonical_actors("five people were KIA, the sheet said") == []


@pytest.mark.parametrize("text, expected", [
    ("Pakistani airstrikes hit two villages", "Pakistani government forces"),
    ("Russia's missile strike destroyed the station", "Russian forces"),
    ("Russia’s drone attack on the port", "Russian forces"),
    ("an Israeli drone strike on a house", "Israeli forces"),
    ("Ukrainian shelling of the border town", "Ukrainian forces"),
    ("the Myanmar junta bombed a school", "Myanmar government forces"),
])
def test_a_states_strike_named_by_its_adjective_is_the_states_forces(text, expected):
    assert actors.canonical_actors(text) == [expected]


def test_a_strike_phrase_is_an_attack_but_a_body_of_soldiers_is_not_always_the_attacker():
    assert actors.is_state_attack("Pakistani government forces", "Pakistani airstrikes")
    assert actors.is_state_attack("Israeli forces", "Israeli drone strike")
    assert not actors.is_state_attack("Pakistani government forces", "Pakistani soldiers")
    assert not actors.is_state_attack("Boko Haram", "Boko Haram fighters")


def test_a_strike_by_a_country_named_as_agent_is_its_forces():
    assert actors.states_attacking_by("Airstrikes carried out by Pakistan killed eight") == [
        "Pakistani government forces"]
    assert actors.states_attacking_by("shelling by Russia overnight") == ["Russian forces"]
    assert actors.states_attacking_by("an attack by Pakistan-based militants") == []  # a base, not the state
    assert actors.states_attacking_by("an attack by unknown gunmen") == []


@pytest.mark.parametrize("names, country, expected", [
    (["al-Qaeda"], "Yemen", ["al-Qaeda in the Arabian Peninsula"]),
    (["al-Qaeda"], "Mali", ["JNIM"]),
    (["JNIM", "al-Qaeda"], "Benin", ["JNIM"]),  # 'JNIM, an al-Qaeda affiliate'
    (["Islamic State"], "Democratic Republic of the Congo", ["Allied Democratic Forces"]),
    (["Islamic State"], "Nigeria", ["Islamic State West Africa Province"]),
    (["Islamic State"], "Syria", ["Islamic State"]),  # the core organisation's own country
    (["Islamic State"], None, ["Islamic State"]),
    (["Taliban"], "Pakistan", ["Tehrik-i-Taliban Pakistan"]),
    (["Taliban"], "Afghanistan", ["Taliban"]),
])
def test_a_parent_organisations_name_stands_for_its_branch_in_the_country(names, country, expected):
    assert annotate.resolve_actor_names(names, country, None) == expected


def _annotate(text: str, published: str = "2024-03-20") -> pd.DataFrame:
    articles = pd.DataFrame([("w1", text, published)], columns=["article_id", "text", "published"])
    rows = annotate.annotate_articles(articles)
    return rows.sort_values("figure_start", kind="mergesort").reset_index(drop=True)


def test_a_states_airstrike_is_the_perpetrator_and_the_group_that_speaks_is_not():
    rows = _annotate("Pakistani airstrikes in Khost province killed eight civilians on Monday, a Taliban "
                     "spokesman said.")
    assert rows.loc[0, "killed"] == 8
    assert rows.loc[0, "perpetrator"] == "Pakistani government forces"


def test_attackers_nobody_names_are_an_unidentified_armed_group():
    rows = _annotate("A bomb hidden in a cart exploded at a busy market in Quetta on Monday, killing six people, "
                     "police said.")
    assert rows.loc[0, "killed"] == 6
    assert rows.loc[0, "perpetrator"] == "Unidentified armed group"


def test_a_strike_named_after_a_forces_abbreviation_is_theirs_and_the_group_struck_is_not_the_attacker():
    rows = _annotate("Three people were killed in an IDF drone strike on a Hamas command post in Gaza on Monday, "
                     "the health ministry said.")
    assert rows.loc[0, "killed"] == 3
    assert rows.loc[0, "perpetrator"] == "Israeli forces"


def test_jihadists_nobody_names_are_an_unidentified_armed_group():
    rows = _annotate("Suspected jihadists killed nine soldiers in an attack on an army post in northern Burkina Faso "
                     "on Sunday, security sources said.")
    assert rows.loc[0, "perpetrator"] == "Unidentified armed group"


def test_al_qaeda_militants_in_yemen_are_aqap():
    rows = _annotate("Al-Qaeda militants attacked an army checkpoint in Abyan province, Yemen, on Sunday, killing "
                     "four soldiers, a military official said.")
    assert rows.loc[0, "perpetrator"] == "al-Qaeda in the Arabian Peninsula"


def test_the_scorer_compares_actors_by_identity_not_spelling():
    same = evaluate._normalise_actors
    assert same("Egyptian forces") == same("Egyptian government forces")
    assert same("Islamic State Central Africa Province") == same("Allied Democratic Forces")
    assert same("Taliban;TTP") == same("Tehrik-i-Taliban Pakistan;Taliban")
    assert same("Islamic State") != same("Islamic State West Africa Province")  # a branch is not its parent
    assert same("Some New Front") == "some new front"  # a name the dictionary does not know stays as written


def test_groups_listed_as_active_in_a_region_do_not_make_an_attribution():
    rows = _annotate("Gunmen killed seven soldiers at an army post in northern Burkina Faso on Sunday, officials said. "
                     "Groups linked to al-Qaeda and the Islamic State are active in the region.")
    assert rows.loc[0, "killed"] == 7
    assert rows.loc[0, "perpetrator"] == "Unidentified armed group"


def test_a_branch_named_with_its_parent_is_the_attacker():
    rows = _annotate("Gunmen killed seven soldiers at an army post in northern Benin on Sunday, officials said. "
                     "JNIM, an al-Qaeda affiliate, later claimed responsibility for the attack.")
    assert rows.loc[0, "killed"] == 7
    assert rows.loc[0, "perpetrator"] == "JNIM"


@pytest.mark.parametrize("text, expected", [
    ("Islamic State claimed responsibility for two explosions that killed almost 100 people at a "
     "ceremony commemorating a general who was killed by a US drone in 2020.", "Islamic State"),
    ("Three assailants killed five people and injured 10 others in a market on Tuesday before they were shot dead "
     "by police, local officials said.", "Unidentified armed group"),
    ("Four villagers were killed and six wounded by Malian soldiers on Monday, residents said.",
     "Malian government forces"),
])
def test_the_agent_of_another_verb_did_something_else_than_this_attack(text, expected):
    rows = _annotate(text)
    victims = rows[rows["killed"].notna()]
    assert list(victims["perpetrator"]) == [expected]
